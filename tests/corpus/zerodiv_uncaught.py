# An uncaught ZeroDivisionError (int true division) after thousands of iterations: output so far, traceback, exit 1.

def kernel(n):
    s = 0.0
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        s += 1 / (7000 - i)
        if i % 1000 == 0:
            print(i, repr(s))
    return s

print("start")
print(repr(kernel(7000)))
print(repr(kernel(10000)))
print("not reached")
