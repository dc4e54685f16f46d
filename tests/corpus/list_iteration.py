# for x in lst, enumerate, zip in hot loops: lists grown, shrunk, rebound
# and mutated while they are walked, iterators shared or held in variables,
# elements of other types, breaks, and iterators used again after the loop.


def total(xs):
    s = 0.0
    for x in xs:  # jit: compiled
        s += x * 0.5
    return s


def count_true(flags):
    n = 0
    for f in flags:  # jit: compiled
        if f:
            n += 1
    return n


def int_sum(xs):
    s = 0
    for x in xs:  # jit: compiled
        s += x
    return s


def weighted(xs):
    s = 0
    for i, x in enumerate(xs):  # jit: compiled
        s += i * x
    return s


def weighted_from(xs, start):
    s = 0.0
    for i, x in enumerate(xs, start):  # jit: compiled
        s += i * x
    return s


def dot(xs, ys):
    s = 0.0
    for x, y in zip(xs, ys):  # jit: compiled
        s += x * y
    return s


def dot3(xs, ys, zs):
    s = 0
    for x, y, z in zip(xs, ys, zs):  # jit: compiled
        s += x * y - z
    return s


def indexed_pairs(xs, ys):
    s = 0.0
    for i, (x, y) in enumerate(zip(xs, ys), 1):  # jit: compiled
        s += i * (x - y)
    return s


def nested(rows, cols):
    t = 0.0
    for r in rows:  # jit: compiled
        for c in cols:  # jit: compiled
            t += r * c
    return t


def grow_while_walking(xs, limit):
    n = 0
    for x in xs:  # jit: compiled
        n += x
        if len(xs) < limit:
            xs.append(x + 1)
    return n, len(xs)


def overwrite_ahead(xs):
    s = 0
    for i, x in enumerate(xs):  # jit: compiled
        if i + 1 < len(xs):
            xs[i + 1] = xs[i + 1] + x
        s += x
    return s


def first_over(xs, bound):
    for i, x in enumerate(xs):  # jit: compiled
        if x > bound:
            return i, x
    return -1, None


def with_else(xs):
    s = 0
    for x in xs:  # jit: compiled
        if x < 0:
            break
        s += x
    else:
        s = -s
    return s


def rebound(xs):
    s = 0
    for x in xs:  # jit: compiled
        s += x
        xs = [0]
    return s, xs


print(total([i * 0.25 for i in range(5000)]))  # jit: compiled
print(count_true([i % 3 == 0 for i in range(7000)]))  # jit: compiled
print(int_sum(list(range(6000))))
print(int_sum(list(range(3000)) + [2**62, 2**62, 2**62]))
print(int_sum(list(range(3000)) + [10**30, -(10**30)]))
print(weighted(list(range(5000))))
print(weighted([0.5] * 4000))
print(weighted_from([float(i) for i in range(4000)], -7))  # jit: compiled
print(weighted_from([1.0] * 4000, 2**62))
print(dot([i * 0.5 for i in range(5000)], [i * 0.25 for i in range(5000)]))  # jit: compiled
print(dot([1.0] * 3000, [2.0] * 2000), dot([1.0] * 2000, [2.0] * 3000))
print(dot3(list(range(3000)), list(range(1, 3001)), [7] * 2500))
print(indexed_pairs([i * 1.5 for i in range(4000)], [i * 0.5 for i in range(3500)]))  # jit: compiled
print(nested([i * 0.1 for i in range(120)], [j * 0.2 for j in range(150)]))
print(grow_while_walking([1, 2, 3], 5000))
print(overwrite_ahead(list(range(4000))))
print(first_over([float(i) for i in range(10000)], 7777.5))  # jit: compiled
print(first_over([float(i) for i in range(3000)], 1e9))  # jit: compiled
print(with_else(list(range(3000))), with_else(list(range(3000)) + [-1] + list(range(10))))
print(rebound(list(range(3000))))

# Elements of another type part way: the loop leaves native code and the
# interpreter carries on with the same iterator.
mixed = [float(i) for i in range(3000)] + [1, 2, True, "x"]  # jit: compiled
s = 0.0
try:
    for x in mixed:  # jit: compiled
        s += x
except TypeError:
    print("TypeError", s)

# An iterator held in a variable: after a break it carries on where the loop
# stopped, and once exhausted it stays exhausted even if the list grows.
lst = list(range(5000))
it = iter(lst)
s = 0
for x in it:  # jit: compiled
    s += x
    if x == 2500:
        break
print(s, next(it), list(it)[:3])
lst = list(range(3000))
it = iter(lst)
for x in it:  # jit: compiled
    s += x
lst.append(5)
print(s, list(it))

# One iterator twice in a zip (pairs), and zips and enumerates held in
# variables: the interpreter's objects stay right.
lst = list(range(4001))
it = iter(lst)
for a, b in zip(it, it):  # jit: interpreted (an operation through the VM that may run Python code, in a loop that assigns globals)
    s += a - b
print(s, list(it))
e = enumerate([float(i) for i in range(3000)])  # jit: compiled
for i, x in e:  # jit: interpreted (an operation through the VM that may run Python code, in a loop that assigns globals)
    s += i * x
    if i == 2000:
        break
print(s, next(e))
z = zip(list(range(3000)), list(range(2000)))
for a, b in z:  # jit: interpreted (an operation through the VM that may run Python code, in a loop that assigns globals)
    s += a * b
print(s, list(z))

# Module-level loops over lists (names, not fast locals).
acc = 0.0
for v in [i * 0.75 for i in range(5000)]:  # jit: compiled
    acc += v
print(acc)
for k, v in enumerate([1, 2, 3] * 1000):  # jit: compiled
    acc -= k * v
print(acc)
