# Float accumulation in hot loops: repeated 0.1 adds, harmonic sums, products, alternating series (bit-exact reprs).

def add_tenths(n):
    s = 0.0
    for i in range(n):  # jit: compiled
        s += 0.1
    return s

def harmonic(n):
    s = 0.0
    for i in range(1, n + 1):  # jit: compiled
        s += 1.0 / i
    return s

def alternating(n):
    s = 0.0
    sign = 1.0
    for k in range(n):  # jit: compiled
        s += sign / (2 * k + 1)
        sign = -sign
    return 4.0 * s

def mixed_ops(n):
    x = 1.0
    acc = 0.0
    for i in range(n):  # jit: compiled
        x = x * 1.0000001 + 1e-9
        acc += x * x - 0.5 * x
        acc -= i * 1e-7
    return x, acc

def reverse_harmonic(n):
    s = 0.0
    for i in range(n, 0, -1):  # jit: compiled
        s += 1.0 / i
    return s

for n in (0, 1, 10, 1000, 20000):
    s = add_tenths(n)
    print(n, repr(s), f"{s:.17g}")
h = harmonic(30000)
rh = reverse_harmonic(30000)
print(repr(h), repr(rh), h == rh, f"{h - rh:.17g}")
pi = alternating(40000)
print(repr(pi), f"{pi:.17g}")
x, acc = mixed_ops(30000)
print(repr(x), repr(acc))
print(f"{x:.17g} {acc:.17g} {acc:e} {acc:.3f}")
