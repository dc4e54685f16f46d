# A negative float base with a fractional exponent gives a complex (full repr, bit-exact), also inside a hot loop.
z = (-8.0) ** (1 / 3)
print(type(z).__name__, repr(z))
print(repr((-1.0) ** 0.5), repr((-2.5) ** 1.5), repr((-8) ** (1 / 3)))

def kernel(n):
    s = 0.0
    c = 0j
    for i in range(n):  # jit: compiled
        b = i - n / 2
        v = b ** 0.25 if b < 0 else b ** 0.5
        if isinstance(v, complex):
            c += v
        else:
            s += v
    return s, c

s, c = kernel(4000)
print(repr(s), repr(c))
