# sum(), min() and max() of lists inside compiled loops: the builtins'
# order of operations (a float sum from the int 0, left to right; the
# first of equal elements kept), NaN and signed zeros, int sums that
# outgrow 64 bits, empty lists, and lists of mixed types.
import math


def row_stats(rows):
    t = 0.0
    lo = math.inf
    hi = -math.inf
    for r in rows:  # jit: compiled
        t += sum(r)
        lo = min(lo, min(r))
        hi = max(hi, max(r))
    return t, lo, hi


rows = [[math.sin(i * 7 + j) * 100.0 for j in range(9)] for i in range(2000)]  # jit: compiled
print(row_stats(rows))


def int_sums(lists):
    out = []
    for lst in lists:  # jit: compiled
        out.append(sum(lst) % 1000003)
    return out


ints = [[i * j for j in range(20)] for i in range(2000)]  # jit: compiled
print(sum(int_sums(ints)))
# One list whose sum needs a big int, part way.
ints[1500] = [2**62, 2**62, 2**62]
print(sum(int_sums(ints)), sum(ints[1500]))


def extremes(lists):
    res = []
    for lst in lists:  # jit: compiled
        res.append(min(lst))
        res.append(max(lst))
        res.append(sum(lst))
    return [tuple(res[k:k + 3]) for k in range(0, len(res), 3)]  # jit: compiled


special = [
    [0.0, -0.0],
    [-0.0, 0.0],
    [math.nan, 1.0, 2.0],
    [1.0, math.nan, 2.0],
    [math.inf, -math.inf],
    [-0.0],
    [1e308, 1e308, -1e308],
    [0.1] * 10,
]
print(extremes(special * 300)[:8])
bools = [[True, False, True], [False], [True] * 5]
print(extremes(bools * 1000)[:3])
# Mixed types and an empty list part way: the interpreter does them.
mixed = [[1.0, 2.0]] * 3000 + [[1, 2.5, True]] + [[3.0, 4.0]] * 10
print(extremes(mixed)[2999:3003])
try:
    extremes([[1.0]] * 3000 + [[]])
except ValueError:
    print("ValueError")


def total_of_rows(m):
    t = 0
    for i in range(len(m)):  # jit: compiled
        row = m[i]
        t += sum(row) - max(row) + min(row)
    return t


m = [[(i * 31 + j * 17) % 101 for j in range(12)] for i in range(3000)]  # jit: compiled
print(total_of_rows(m))


# sum() of an empty list of floats is the int 0 (an empty slice of a row,
# `[x] * 0`, a list popped empty): found by the generated programs.
def empty_float_sums(n):
    m0 = [[j * 1.5 - i for j in range(4)] for i in range(5)]
    a = [0.5, 1.5]
    out = [None, None, None, None]
    for i in range(n):  # jit: compiled
        out[0] = sum(m0[i % 5][-7:-10])
        out[1] = sum(a[5:])
        out[2] = sum([0.5] * 0)
        c = a.copy()
        c.pop()
        c.pop()
        out[3] = sum(c)
    return out


print(empty_float_sums(3000))
