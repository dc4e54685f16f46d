# Python // and % by a constant in counted loops: over indices known to
# stay in [0, 2**32) the compiled copy divides in 32 bits; starting below
# zero, crossing 2**32, stepping down or by more than one, or a divisor
# past 2**32 must give Python's floor results all the same.


def mod_sum(start, stop, step, c):
    s = 0
    for i in range(start, stop, step):  # jit: compiled
        s += i % 1000 * 3 + i // 7 - i % c
    return s


def nested(n):
    t = 0
    for i in range(n):  # jit: compiled
        for j in range(n):  # jit: compiled
            t += (i * n + j) % 97 + (j + 5) // 3
    return t


def offsets(n, k):
    t = 0
    for i in range(n):  # jit: compiled
        t += (i + k) % 13 - (i - k) // 4
    return t


print(mod_sum(0, 200000, 1, 9))
print(mod_sum(-5000, 5000, 1, 11))
print(mod_sum(2**32 - 3000, 2**32 + 3000, 1, 17))
print(mod_sum(2**31 - 2000, 2**31 + 2000, 1, 2**31 + 5))
print(mod_sum(100000, -100, -3, 5))
print(mod_sum(10**12, 10**12 + 4000, 1, 3))
print(mod_sum(0, 50000, 7, 2**32))
print(nested(300))
print(offsets(5000, 3), offsets(5000, -10), offsets(5000, 2**32))
