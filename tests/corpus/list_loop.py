# Loops over lists (iteration, indexing, append, enumerate, zip, in-place update); correct even if interpreted.

xs = [i * 0.5 for i in range(10000)]  # jit: compiled
ys = list(range(10000, 0, -1))

def dot(a, b):
    s = 0.0
    for x, y in zip(a, b):  # jit: compiled
        s += x * y
    return s

print(repr(dot(xs, ys)))

def index_loop(a):
    s = 0.0
    for i in range(len(a)):  # jit: compiled
        s += a[i] * (i % 3)
    return s

print(repr(index_loop(xs)))

def build(n):
    out = []
    for i in range(n):  # jit: compiled
        if i % 3:
            out.append(i * i)
    return len(out), out[:5], out[-3:], sum(out)

print(build(15000))

def scale(a, k):
    for i in range(len(a)):  # jit: compiled
        a[i] = a[i] * k
    return a

b = scale(list(range(5000)), 3)
print(b[:4], b[-1], sum(b))

def enum_max(a):
    best = -1
    besti = -1
    for i, v in enumerate(a):  # jit: compiled
        if v > best:
            best, besti = v, i
    return best, besti

print(enum_max([(i * 7919) % 10007 for i in range(10000)]))  # jit: compiled

def mutate_while_iterating(n):
    a = [1]
    for x in a:  # jit: compiled
        if len(a) < n:
            a.append(x + 1)
    return len(a), a[-1]

print(mutate_while_iterating(5000))

def mixed_list(n):
    a = [1, 2.5, 3, 2**70, -1.25, True]
    s = 0
    for i in range(n):  # jit: compiled
        s += a[i % len(a)]
    return s

print(repr(mixed_list(6000)))

def nested_lists(n):
    grid = [[i * j for j in range(50)] for i in range(50)]  # jit: compiled
    s = 0
    for _ in range(n):  # jit: compiled
        for row in grid:  # jit: compiled
            s += row[-1] - row[0]
    return s

print(nested_lists(40))

def tuple_unpack(n):
    pairs = [(i, -i * 0.5) for i in range(n)]  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
    s = 0
    t = 0.0
    for a, b in pairs:  # jit: compiled
        s += a
        t += b
    return s, t

print(tuple_unpack(10000))
