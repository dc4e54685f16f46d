# Integer sums in hot loops: plain, squared, weighted, with subtraction and multiplication.

def plain(n):
    s = 0
    for i in range(n):  # jit: compiled
        s += i
    return s

def squares(n):
    s = 0
    for i in range(n):  # jit: compiled
        s += i * i
    return s

def weighted(n):
    s = 0
    for i in range(n):  # jit: compiled
        s = s + 3 * i - (i >> 1) + (i & 7)
    return s

def poly(n):
    s = 0
    i = 0
    while i < n:  # jit: compiled
        s += i * i * i - 7 * i + 11
        i += 1
    return s

for n in (0, 1, 2, 100, 10000, 50000):
    print(n, plain(n), squares(n), weighted(n), poly(n))
print(plain(50000) == 50000 * 49999 // 2)
