# round(x, n) on floats and math.hypot inside hot loops: decimal ties that
# binary rounding gets wrong (2.675), negative and huge ndigits, -0.0,
# inf/nan, an overflow caught after thousands of iterations.
import math


def rounds(n):
    acc = 0.0
    out = []
    for i in range(n):  # jit: compiled
        x = i * 0.005 - 3.3
        acc += round(x, 2) + round(x * 1234.5678, -2) + round(x, 0)
        if i % 997 == 0:
            out.append((round(x, 2), round(x * 1e5, -3), round(x, 40), round(x, -400)))
    return acc, out


def ties(n):
    vals = [2.675, 0.125, 0.375, -2.5, 1.005, 5e-324, 1e300, -0.4]
    res = []
    for v in vals:  # jit: compiled
        a = b = c = d = e = f = 0.0
        for k in range(n):  # jit: compiled
            a, b, c = round(v, 2), round(v, 0), round(v, 1)
            d, e, f = round(v, -1), round(v, 300), round(v, True)
        res.append((a, b, c, d, e, f))
    return res


def overflow(n):
    hits = 0
    x = 1.7976931348623157e308
    for i in range(n):  # jit: compiled
        try:
            y = round(x, -308 + (i > n - 3))
        except OverflowError:
            hits += 1
    return hits


def hyp(n):
    acc = 0.0
    for i in range(n):  # jit: compiled
        acc += math.hypot(i * 0.1, 3.0 - i) + math.hypot(-1e200, i * 1e200)
    return acc


def hyp_edges(n):
    out = []
    for x, y in [(3.0, 4.0), (float("inf"), float("nan")), (float("nan"), 2.0), (0.0, -0.0), (1e-320, 1e-320), (1e308, 1e308)]:  # jit: compiled
        r = 0.0
        for k in range(n):  # jit: compiled
            r = math.hypot(x, y)
        out.append(r)
    return out


def int_rounds(n):
    acc = 0
    big = 0
    for i in range(-n, n):  # jit: compiled
        x = i * 7777
        acc += round(x, -1) + round(x, -3) + round(x, 2) + round(i, 0) + round(True, -1)
        acc += round(x * 1000000000000, -18) + round(x * 1000000000000, -19) + round(x, -25)
    for v in [5, 15, 25, -5, -15, -25, 9223372036854775807, -9223372036854775807 - 1]:  # jit: compiled
        r = 0
        for k in range(300):  # jit: compiled
            r = round(v, -1)
        big += r
    for v in [9223372036854775807, -9223372036854775807 - 1, 4999999999999999999, 5000000000000000001]:  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        r = 0
        for k in range(300):  # jit: compiled
            r = round(v, -19)
        print(v, r)
    return acc, big


print(int_rounds(3000))
print(rounds(6000))
print(ties(800))
print(overflow(3000))
print(hyp(5000))
print(hyp_edges(500))
print([round(float("inf"), 2) for _ in range(300)][-1], [round(float("nan"), -1) for _ in range(300)][-1])
