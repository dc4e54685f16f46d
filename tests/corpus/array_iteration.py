# `for x in a` over numpy arrays: the loop's own iterator, iterators made
# inside a compiled loop, stores seen while iterating (numpy's iterator
# reads each element when it reaches it), breaks, exits in the middle.
import numpy as np


def squares(a):
    s = 0.0
    for x in a:  # jit: compiled
        s += x * x
    return s


def hist(data, nbins):
    counts = np.zeros(nbins, dtype=np.int64)
    lo = data.min()
    hi = data.max()
    w = (hi - lo) / nbins
    for x in data:  # jit: compiled
        k = int((x - lo) / w)
        if k == nbins:
            k -= 1
        counts[k] += 1
    return counts


def nested(rows, v):
    total = 0.0
    for i in range(rows):
        for x in v:
            total += x * i
    return total


def live(a):
    out = []
    for x in a:
        if x == 3:
            a[5] = 100
        out.append(int(x))
    return out


def first_big(a, limit):
    n = 0
    for x in a:  # jit: compiled
        if x > limit:
            break
        n += 1
    return n


def resumed(a):
    # A rare path leaves native code with the iterator half-way.
    s = 0
    it = 0
    for x in a:  # jit: compiled
        it += 1
        if it % 997 == 0:
            s += len(str(x))
        s += int(x)
    return s


def rows_of(m):
    t = 0.0
    for r in m:
        t += r[0]
    return t


np.random.seed(5)
print(squares(np.arange(5000.0)))
print(hist(np.random.rand(20000), 10))
print(nested(300, np.array([0.5, 1.5, 2.5])))
print(live(np.arange(10)))
print(first_big(np.arange(10000), 7000), first_big(np.arange(10), 70))
print(resumed(np.arange(30000)))
print(rows_of(np.arange(3000.0).reshape(1000, 3)))
print(squares(np.array([])), squares(np.arange(2000, dtype=np.int32)), squares(np.arange(4000).astype(np.float32)))
