# Bools stored into lists in hot loops (a store over a bool is a plain
# store in compiled code): over other types, at negative indices, out of
# range after thousands of iterations, and a branch that alternates.


def mark(flags, step):
    for j in range(0, len(flags), step):  # jit: compiled
        flags[j] = not flags[j]
    return flags


def overwrite_mixed(xs):
    for i in range(len(xs)):  # jit: compiled
        xs[i] = i % 2 == 0
    return xs


def from_end(flags):
    n = len(flags)
    for k in range(1, n + 1):  # jit: compiled
        flags[-k] = k % 3 == 0
    return flags


def count(flags):
    c = 0
    for f in flags:  # jit: compiled
        if f:
            c += 1
    return c


flags = [True] * 10000
print(count(mark(flags, 3)), count(mark(flags, 7)))
mixed = [True] * 3000 + [1, 2.5, None, "s"] + [False] * 3000
out = overwrite_mixed(mixed)
print(count(out), out[2998:3006])
print(count(from_end([False] * 9000)))
flags = [False] * 5000
try:
    for i in range(6000):  # jit: compiled
        flags[i] = i % 5 == 0
except IndexError as e:
    print("IndexError", i, e, count(flags))
alias = [True] * 4000
other = alias
for i in range(4000):  # jit: compiled
    other[i] = not alias[i - 1]
print(count(alias), alias[:6])

# Repeats: reference counts raised once for all copies, shared elements.
import sys

x = 1.5 + 0.25
base = sys.getrefcount(x)
a = [x] * 1000
b = [x, 2.5, x] * 7
c = (x,) * 5
a *= 3
a.extend(a)
print(sys.getrefcount(x) - base, len(a), len(b), len(c), b[:4])
del a, b, c
print(sys.getrefcount(x) - base)
print([True] * 0, [True] * -1, [1] * 1, [] * 5, (1, 2) * 2, [0.5] * 3 * 2)
rows = [[]] * 3
rows[0].append(1)
print(rows)
