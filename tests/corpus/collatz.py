# Branchy integer loops: Collatz step counts and maxima, including trajectories whose peaks pass 2**63.

def steps(n):  # jit: compiled
    c = 0
    while n != 1:  # jit: compiled
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        c += 1
    return c

def longest(limit):
    best = 0
    arg = 0
    total = 0
    for i in range(1, limit):  # jit: compiled
        s = steps(i)
        total += s
        if s > best:
            best, arg = s, i
    return best, arg, total

print(longest(8000))

def peak(n):
    hi = n
    while n != 1:  # jit: compiled
        n = n // 2 if n & 1 == 0 else 3 * n + 1
        if n > hi:
            hi = n
    return hi

print(peak(27), peak(77031), peak(2**63 - 25), peak(2**64 + 7))

def branchy(n):
    a = b = c = 0
    for i in range(n):  # jit: compiled
        r = (i * 2654435761) % 97
        if r < 10:
            a += 1
        elif r < 50:
            b += r
        elif r % 2:
            c -= r
        else:
            c += i & 15
    return a, b, c

print(branchy(30000))
