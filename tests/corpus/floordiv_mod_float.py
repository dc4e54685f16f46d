# Float // and % (and math.fmod) for all sign combinations, including -0.0 results, in hot loops.
import math

vals = (7.5, -7.5, 0.0, -0.0, 1.0, -1.0, 1e-300, -1e-300, 3.0, -3.0, 1e300, 0.1)
divs = (2.0, -2.0, 0.3, -0.3, 1.0, -1.0, 1e-300, math.inf, -math.inf)
for a in vals:
    for b in divs:
        q = a // b
        r = a % b
        print(repr(a), repr(b), repr(q), repr(r), repr(math.fmod(a, b)), divmod(a, b))

def hot(n):
    s1 = s2 = 0.0
    negzero_q = 0
    negzero_r = 0
    for i in range(-n, n):  # jit: compiled
        x = i * 0.25
        q = x // 1.5
        r = x % -1.5
        s1 += q
        s2 += r
        if q == 0.0 and math.copysign(1.0, q) < 0:
            negzero_q += 1
        if r == 0.0 and math.copysign(1.0, r) < 0:
            negzero_r += 1
    return s1, s2, negzero_q, negzero_r

s1, s2, a, b = hot(10000)
print(repr(s1), repr(s2), a, b)

def mixed(n):
    s = 0.0
    for i in range(1, n):  # jit: compiled
        s += (i % 11) // 2.5 + i % 3.5 - (-i) % 2.25 + (-i) // 0.75
    return s

print(repr(mixed(20000)))
print(repr(-0.0 // 5.0), repr(0.0 // -5.0), repr(-0.0 % 5.0), repr(0.0 % -5.0), repr(-5.0 % 5.0), repr(5.0 % -5.0))
print(repr(-1e-20 % 1.0), repr(1e-20 % -1.0), repr(-1e-20 // 1.0))
