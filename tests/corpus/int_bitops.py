# Integer bit operations in hot loops: shifts past 64 bits, &, |, ^, ~ on negatives, bit_length, negative shift errors.

def shifts(n):
    s = 0
    for i in range(n):  # jit: compiled
        k = i % 80
        s += (1 << k) >> (k // 2)
        s ^= (i << 3) | (i >> 2)
    return s

print(shifts(20000))

def negatives(n):
    s = 0
    for i in range(-n, n):  # jit: compiled
        s += (i >> 3) + (i & -8) + (~i) + (i | 5) - (i ^ -1)
    return s

print(negatives(10000))

def popcount_sum(n):
    t = 0
    for i in range(n):  # jit: compiled
        x = i
        while x:  # jit: compiled
            x &= x - 1
            t += 1
    return t

print(popcount_sum(20000))

def grow_shift(n):
    x = 1
    for i in range(n):
        x = (x << 1) | (i & 1)
    return x.bit_length(), x & 0xFFFFFFFF, x >> (n - 10)

print(grow_shift(200))
print(1 << 63, 1 << 64, -1 << 63, -(1 << 63) >> 70, (2**64 - 1) & -(2**63), ~(2**63), (-2**63) >> 1, 7 >> 100, -7 >> 100)

def neg_shift(n):
    s = 0
    try:
        for i in range(n, -5, -1):  # jit: compiled
            s += 1 << (i % 64 if i >= 0 else i)
    except ValueError:
        return "ValueError", s
    return "none", s

print(neg_shift(5000))

def hash_mix(n):
    h = 2166136261
    for i in range(n):  # jit: compiled
        h ^= i & 0xFF
        h = (h * 16777619) & 0xFFFFFFFF
    return h

print(hash_mix(30000))
