# int(), float(), round() (banker's rounding, round(x, n)), abs, min/max on scalars and divmod in hot loops.

print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5), round(-2.5), round(2.675, 2), round(0.125, 2))
print(round(1234.5678, -2), round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(5, -1), round(15, -1))
print(repr(round(1e300, 2)), repr(round(123.456, 1)), repr(round(-0.05, 1)), repr(round(0.5, 0)), round(2**70 + 0.0))
print(int(3.99), int(-3.99), int("  42 "), int("-0x1f", 16), int(True), int(1e20), int(-2.5e18), int(float(2**63)))
print(float(3), float("1e-5"), float(" -inf "), float(2**53 + 1), float(10**20), repr(float("0.1")))
print(abs(-5), abs(-5.5), abs(-2**70), abs(True), min(3, 2.0), max(3, 3.0), min(-0.0, 0), max(2**64, 1.5))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(17.5, 5), divmod(-17.5, 5.0), divmod(2**70, 7))

def rounds(n):
    s = 0
    f = 0.0
    for i in range(n):  # jit: compiled
        x = i * 0.5 - 1000.25
        s += round(x) + round(i / 2) + int(x) + int(-x)
        f += round(x * 0.01, 3) + round(x, 1)
    return s, f

s, f = rounds(20000)
print(s, repr(f))

def conv(n):
    s = 0
    t = 0.0
    for i in range(n):  # jit: compiled
        s += int(i * 1.7) + int(-i / 3)
        t += float(i) + float(i * i)
    return s, t

print(conv(20000))

def mins(n):
    lo = 10**9
    hi = -10**9
    acc = 0
    for i in range(n):  # jit: compiled
        v = (i * 7919) % 10007 - 5000
        lo = min(lo, v)
        hi = max(hi, v)
        acc += abs(v) + max(v, 0) - min(v, 0, 1)
    return lo, hi, acc

print(mins(20000))

def divmods(n):
    q = r = 0
    fq = fr = 0.0
    for i in range(-n, n):  # jit: compiled
        a, b = divmod(i, 13)
        q += a
        r += b
        c, d = divmod(i * 0.5, -2.5)
        fq += c
        fr += d
    return q, r, fq, fr

print(divmods(10000))

def round_ints(n):
    s = 0
    for i in range(n):  # jit: compiled
        s += round(i * 37, -2) + round(-i * 37, -1)
    return s

print(round_ints(10000))
