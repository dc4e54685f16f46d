# Sums and differences crossing +-2**63 inside hot loops, plus -(-2**63), abs and // at the i64 edge.
MAX = 2**63 - 1
MIN = -2**63

def climb(start, step, n):
    x = start
    crossed = -1
    for i in range(n):  # jit: compiled
        x += step
        if crossed < 0 and x > MAX:
            crossed = i
    return x, crossed

print(climb(MAX - 5000, 1, 10000))
print(climb(MAX - 10**6, 997, 5000))

def descend(start, step, n):
    x = start
    for i in range(n):  # jit: compiled
        x -= step
    return x

print(descend(MIN + 3000, 1, 6000))
print(descend(0, 2**62, 5))

def edge_ops(n):
    res = []
    x = MIN
    for i in range(n):  # jit: compiled
        y = -x
        z = abs(x)
        q = x // -1
        m = x * -1
        res.append((y == z == q == m, y))
        x += 1
    return res[0], res[-1]

print(edge_ops(3000))

def running(n):
    s = 0
    for i in range(n):  # jit: compiled
        s += MAX // 1000 + i
    return s

print(running(3000))

def mixed_sign(n):
    s = MAX
    for i in range(n):  # jit: compiled
        if i % 2:
            s += i
        else:
            s -= i - 1
    return s

print(mixed_sign(10000))
print(MAX + 1, MIN - 1, MAX * MAX, MIN * MIN, MIN // 7, MIN % 7, MAX % -7)
