# divmod in hot loops: ints (negative operands, the i64 edge), floats, mixed,
# a zero divisor after thousands of iterations, and tuples that escape (kept
# in a variable, indexed), which stay interpreted.
import math


def int_divmod(n):
    acc = 0
    for i in range(-n, n):  # jit: compiled
        q, r = divmod(i * 7919, (i % 13) - 6 or 5)
        acc += q * 3 + r
    return acc


def float_divmod(n):
    acc = 0.0
    x = -3.75
    for i in range(n):  # jit: compiled
        q, r = divmod(x, 0.3 + (i % 7) * -0.1)
        acc += q - r
        x += 0.37
    return acc


def mixed(n):
    acc = 0.0
    for i in range(1, n):  # jit: compiled
        q, r = divmod(i, 2.5)
        acc += q + r
        q2, r2 = divmod(True, i)
        acc += q2 - r2
    return acc


def edge():
    out = []
    v = -9223372036854775807 - 1
    for d in (1, 2, -2, 3, -1, 7):  # jit: compiled
        for k in range(1000):  # jit: compiled
            q, r = divmod(v + k, d)
        out.append((q, r))
    return out


def zero_divisor(n):
    total = 0
    for i in range(n):  # jit: compiled
        try:
            q, r = divmod(1000, 3000 - i)
            total += q + r
        except ZeroDivisionError as e:
            total -= 1
            # (RustPython's message differs from CPython's: the type only.)
            print("caught", type(e).__name__)
    return total


def escapes(n):
    s = 0
    for i in range(n):  # jit: compiled
        t = divmod(i, 7)
        s += t[0] - t[1]
        s += divmod(i, 5)[1]
    return s


print(int_divmod(3000))
print(float_divmod(5000))
print(mixed(4000))
print(edge())
print(zero_divisor(5000))
print(escapes(4000))
for a, b in [(7.5, -2.0), (-0.0, 3.0), (1e308, 1e-308), (float("inf"), 3.0), (5.0, float("inf")), (-5.0, float("inf"))]:
    acc = []
    for k in range(500):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        try:
            acc.append(divmod(a, b))
        except (ZeroDivisionError, OverflowError) as e:
            acc.append(type(e).__name__)
    print(a, b, acc[-1], len(acc))
