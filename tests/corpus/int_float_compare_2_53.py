# int/float mixed comparisons at 2**53 + 1 and beyond (exact comparison, no rounding of the int), in hot loops.
P = 2**53

print(P + 1 == float(P + 1), P + 1 > float(P + 1), float(P + 1) < P + 1, P == float(P), P + 2 == float(P + 2))
print(2**63 == 2.0**63, 2**63 - 1 < 2.0**63, 2**64 + 1 > 2.0**64, -(2**63) - 1 < -2.0**63, 10**400 > 1e308, -10**400 < -1e308)
print(10**400 < float("inf"), -10**400 > float("-inf"), (10**400 == float("nan")), 0 == -0.0, 1 == 1.0000000000000002)

def scan(n):
    eq = lt = gt = 0
    for k in range(n):  # jit: compiled
        i = P - n // 2 + k
        f = float(i)
        if i == f:
            eq += 1
        elif i < f:
            lt += 1
        else:
            gt += 1
    return eq, lt, gt

print(scan(10000))

def scan_big(n):
    c = 0
    for k in range(n):  # jit: compiled
        i = 2**63 - 5000 + k
        if i < 9.223372036854775807e18:
            c += 1
        if i >= 2.0**63:
            c += 1000
    return c

print(scan_big(10000))

def float_int_add(n):
    f = float(P)
    i = P
    d = 0
    for k in range(n):  # jit: compiled
        f += 1.0
        i += 1
        if f != i:
            d += 1
    return f, i, d

print(float_int_add(5000))
print(int(float(P + 1)), float(P + 1), float(P + 3), repr(float(2**63 - 1)), hash(2**53) == hash(2.0**53))
