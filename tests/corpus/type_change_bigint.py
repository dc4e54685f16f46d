# A local that is a small int for thousands of iterations and then grows into a big int (and shrinks back).

def grow(n, at):
    x = 1
    total = 0
    for i in range(n):  # jit: compiled
        if i == at:
            x = x * 2**70
        total += x
    return x, total

for at in (-1, 0, 3000, 5999):
    print(at, grow(6000, at))

def shrink(n):
    x = 2**80
    out = 0
    for i in range(n):  # jit: compiled
        x = x // 3 if x > 2**40 else x + i
        out += x & 0xFFFF
    return x, out

print(shrink(6000))

def fib_mod(n):
    a, b = 0, 1
    big_at = -1
    for i in range(n):  # jit: compiled
        a, b = b, a + b
        if big_at < 0 and a > 2**63:
            big_at = i
    return big_at, a % 1000000007, a.bit_length()

print(fib_mod(3000))

def oscillate(n):
    x = 0
    s = 0
    for i in range(n):  # jit: compiled
        if i % 2000 == 1000:
            x = 2**64 + i
        elif i % 2000 == 1500:
            x = i
        s += x
    return s

print(oscillate(10000))
