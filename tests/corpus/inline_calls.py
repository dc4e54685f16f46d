# Helper functions inlined into hot loops: defaults, nested helpers, branches, early returns, exceptions inside.
import math

def clamp(x, lo=0.0, hi=1.0):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x

def dist(x, y):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return math.sqrt(x * x + y * y)

def mix(a, b, t=0.5):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return a + (b - a) * clamp(t)

def inv(x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return 1 / x

def kernel(n):
    acc = 0.0
    hits = 0
    for i in range(n):  # jit: compiled
        t = (i % 37) / 20.0 - 0.3
        acc += mix(1.0, dist(i % 7, i % 11), t)
        if clamp(t, 0.2, 0.8) == 0.2:
            hits += 1
    return acc, hits

print(kernel(20000))

def safe_total(n):
    total = 0.0
    errors = 0
    for i in range(-n, n):  # jit: compiled
        try:
            total += inv(i)
        except ZeroDivisionError:
            errors += 1
    return total, errors

print(safe_total(5000))

# A helper that returns ints for some inputs and floats for others.
def maybe(i):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    if i % 1000 == 999:
        return 0.5
    return i

s = 0
for i in range(5000):  # jit: compiled
    s += maybe(i)
print(s)

# The helper is rebound in the middle of the loop.
def f(x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return x + 1

out = 0
for i in range(6000):  # jit: compiled
    if i == 3000:
        def f(x):
            return x * 2
    out += f(i)
print(out)
