# Int overflow inside hot loops: repeated multiply passing 2**63, factorials, powers of 3, shifts past 64 bits.

def mul_until(limit, f):
    x = 1
    steps = 0
    while x < limit:
        x *= f
        steps += 1
    return steps, x

print(mul_until(2**63, 3))
print(mul_until(2**64, 2))
print(mul_until(2**200, 7))

def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

for n in (20, 21, 25, 100):
    print(n, fact(n))

def lcg_big(n):
    x = 12345
    for i in range(n):
        x = x * 6364136223846793005 + 1442695040888963407
    return x % (10**30), x.bit_length()

print(lcg_big(50))

def lcg_masked(n):
    x = 12345
    s = 0
    for i in range(n):  # jit: interpreted (a constant that is not a number or a str)
        x = (x * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        s += x >> 40
    return x, s

print(lcg_masked(20000))

def neg_overflow(n):
    x = -1
    for i in range(n):
        x *= 2
    return x

print(neg_overflow(62), neg_overflow(63), neg_overflow(64), neg_overflow(100))

def square_chain(n):
    x = 3
    out = []
    for i in range(n):
        x = x * x
        out.append(x.bit_length())
    return out

print(square_chain(10))

def many_multiplies(n):
    c = 0
    for i in range(n):  # jit: interpreted (a constant that is not a number or a str)
        v = (i + 1) * 4611686018427387904  # 2**62
        if v > 2**63:
            c += 1
    return c

print(many_multiplies(20000))
