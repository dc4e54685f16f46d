# An uncaught exception raised by explicit code after thousands of loop iterations: prior output, traceback, exit 1.

class StopHere(Exception):
    pass

def work(n):
    s = 0
    for i in range(n):  # jit: compiled
        s += i * 3
        if s > 10**7:
            raise StopHere(f"limit exceeded at i={i} s={s}")
    return s

print(work(100))
print(work(2000))
print(work(100000))
print("not reached")
