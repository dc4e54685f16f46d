# Int // and % and divmod for all sign combinations in hot loops (floor semantics, sign of divisor).

def table():
    for a in (7, -7, 0, 1, -1, 6, -6, 2**63 - 1, -2**63, 10**20, -10**20):
        for b in (3, -3, 1, -1, 7, -7, 2**63, -2**63):
            print(a, b, a // b, a % b, divmod(a, b))

table()

def hot(n):
    s1 = s2 = s3 = s4 = 0
    for i in range(-n, n):  # jit: compiled
        s1 += i // 7
        s2 += i % 7
        s3 += i // -7
        s4 += i % -7
    return s1, s2, s3, s4

print(hot(10000))

def hot_div(n):
    acc = 0
    for i in range(1, n):  # jit: compiled
        d = (i % 13) - 6
        if d == 0:
            d = 5
        acc += (i * 31) // d - (i * 17) % d
    return acc

print(hot_div(20000))

def power_of_two(n):
    acc = 0
    for i in range(-n, n):  # jit: compiled
        acc += (i // 8) * 3 + (i % 8) + (i // -4) + (i % -16)
    return acc

print(power_of_two(5000))
