# An uncaught IndexError from a list index that runs off the end after thousands of iterations: exit 1.

def walk(xs, n):
    s = 0
    for i in range(n):  # jit: compiled
        s += xs[i]
    return s

data = list(range(5000))
print(walk(data, 5000))
print(walk(data, 6000))
