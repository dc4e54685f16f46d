# nan, inf and -0.0 in hot loops: arithmetic, comparisons, min/max, printing with repr and format.
import math

nan = float("nan")
inf = float("inf")
print(repr(nan), repr(inf), repr(-inf), repr(-0.0), f"{nan:.17g} {inf:.17g} {-0.0:.17g} {-0.0:f}")
print(nan == nan, nan != nan, nan < 1.0, nan > 1.0, nan <= nan, inf > 1e308, -inf < -1e308, -0.0 == 0.0)
print(inf - inf, inf * 0.0, 0.0 * -1.0, -0.0 + 0.0, -0.0 - 0.0, -0.0 * -0.0, 1.0 / inf, -1.0 / inf)
print(math.copysign(1.0, -0.0), math.copysign(1.0, 0.0 * -5.0), str(-0.0), abs(-0.0), -(0.0))

def count(n):
    nans = infs = negz = 0
    x = 1.0
    for i in range(n):  # jit: compiled
        a = x * 1e300 * 1e300 if i % 3 == 0 else x
        b = a - a
        if b != b:
            nans += 1
        if a == inf:
            infs += 1
        z = -x * 0.0
        if z == 0.0 and math.copysign(1.0, z) < 0.0:
            negz += 1
    return nans, infs, negz

print(count(9000))

def nan_propagation(n):
    s = 0.0
    for i in range(n):  # jit: compiled
        s += 1.0
        if i == n // 2:
            s += nan
    return s

r = nan_propagation(8000)
print(repr(r), r == r, math.isnan(r))

def inf_compare(n):
    lo = inf
    hi = -inf
    for i in range(n):  # jit: compiled
        v = math.sin(i) * i
        if v < lo:
            lo = v
        if v > hi:
            hi = v
    return lo, hi

print(inf_compare(10000))

def nan_compare_branches(n):
    t = f = 0
    for i in range(n):  # jit: compiled
        v = nan if i % 2 else float(i)
        if v < 5000.0:
            t += 1
        else:
            f += 1
        if not (v >= 5000.0):
            t += 1
    return t, f

print(nan_compare_branches(10000))
print(max(nan, 1.0), max(1.0, nan), min(-0.0, 0.0), min(0.0, -0.0), max(-0.0, 0.0))
print(int(-0.0), round(-0.0), round(-0.4), repr(round(-0.4, 0)), math.floor(-0.0), repr(math.fabs(-0.0)))
print(hash(-0.0) == hash(0.0), repr(-0.0 * 0), repr(0 * -0.0), repr(-0.0 ** 2), repr((-0.0) ** 2), repr((-0.0) ** 3))
