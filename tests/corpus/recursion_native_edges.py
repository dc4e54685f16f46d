# Recursive functions compiled natively: overflow deep inside, float results, RecursionError, globals.
import sys

def fib(n):  # jit: compiled
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

for i in range(30):
    fib(i % 15)
print(fib(24))

# Results past 2**63: the native recursion leaves at the overflow, the interpreter finishes.
def big(n):
    if n == 0:
        return 1
    return 3 * big(n - 1)

print([big(k) for k in (10, 39, 40, 41, 60, 100)])

# A float-valued recursive function.
def half_sum(x, n):
    if n == 0:
        return x
    return half_sum(x / 2.0, n - 1) + x

print(repr(half_sum(1.0, 50)), repr(half_sum(3.0, 10)))

# Reads a global that changes between calls.
SCALE = 2
def scaled(n):
    if n <= 0:
        return SCALE
    return scaled(n - 1) + SCALE

print(scaled(20))
SCALE = 5
print(scaled(20))

# Unbounded recursion must still raise RecursionError, not crash.
def down(n):
    return down(n + 1) + 1

try:
    down(0)
except RecursionError:
    print("RecursionError")

# Recursion whose argument types change.
def mixed(n):
    if n <= 0:
        return 0
    return mixed(n - 1) + 1

print(mixed(50), mixed(50.0), mixed(True))

# Keyword and default arguments still work.
def dflt(n, step=1):
    if n <= 0:
        return 0
    return dflt(n - step, step) + 1

print(dflt(100), dflt(100, 3), dflt(n=10, step=2))
