# Sorting and searching: sort/argsort (function and method, axis=, kind=),
# unique and its counts, searchsorted, nonzero/argwhere/flatnonzero,
# bincount, histogram, digitize, the set routines, lexsort.
import numpy as np

a = np.array([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5])
f = np.array([2.5, -1.0, np.nan, 0.5, np.inf, -np.inf, 3.0])
m = np.array([[3, 1, 2], [9, 7, 8], [0, 5, 4]])
print(np.sort(a), np.sort(f), np.sort(m), np.sort(m, axis=0), np.sort(m, axis=None), np.sort(m, axis=-2))
print(np.sort(a, kind="stable"), np.sort(a, kind="mergesort"), np.sort(np.array([], dtype=np.int64)))
print(repr(np.sort(np.array([True, False, True]))), repr(np.sort(np.array([3, 1, 2], dtype=np.int8))))
print(repr(np.sort(np.array([2.5, 1.5], dtype=np.float32))), np.sort([[1.5, 0.5], [2.0, -1.0]]))
print(np.argsort(f), np.argsort(m), np.argsort(m, axis=0), np.argsort(np.array([5.0, 1.0, 3.0])))
print(np.argsort(a, kind="stable"), np.argsort(a, kind="mergesort"), np.argsort(m, axis=None))
print(np.argsort(np.array([2, 2, 1, 1, 3]), kind="stable"), np.argsort(np.array([[1, 1], [0, 0]]), axis=0, kind="stable"))
b = m.copy()
b.sort()
print(b)
b = m.copy()
b.sort(axis=0)
print(b, m.argsort(), a.argsort(kind="stable"))
try:
    np.sort(np.float64(2.0))
except Exception as e:
    print(type(e).__name__, e)
try:
    np.sort(a, kind="fast")
except ValueError as e:
    print("ValueError", e)

# unique
print(np.unique(a), np.unique(m), np.unique([]), np.unique(np.array([1.0, np.nan, np.nan, 0.0])))
u = np.unique(a, return_index=True, return_inverse=True, return_counts=True)
print(u)
print(np.unique(m, return_inverse=True), np.unique(np.array([2, 2, 2]), return_counts=True))
print(np.unique(np.array([], dtype=np.int64), return_counts=True, return_index=True))
print(np.unique(np.array(["b", "a", "b"]).tolist()) if False else np.unique(np.array([True, False, True])))
vals, counts = np.unique(np.array([0.5, 0.25, 0.5, 0.5]), return_counts=True)
print(vals, counts, vals[np.argmax(counts)])

# searchsorted
s = np.array([1, 2, 2, 3, 5])
print(repr(np.searchsorted(s, 2)), repr(np.searchsorted(s, 2, side="right")), np.searchsorted(s, [0, 2, 4, 6]))
print(np.searchsorted(s, np.array([[2.5, 5.0], [-1.0, 9.0]]), "right"), s.searchsorted(3))
print(np.searchsorted(np.array([3, 1, 2]), [2, 3], sorter=np.array([1, 2, 0])), np.searchsorted([], [1]))
print(np.searchsorted(np.array([0.0, 1.0, np.nan]), [np.nan, 0.5, 2.0]))

# nonzero, argwhere, flatnonzero, count_nonzero
z = np.array([[0, 3, 0], [4, 0, 5]])
print(np.nonzero(z), z.nonzero(), np.nonzero(np.array([0, 1, 0, 2])), np.nonzero(np.zeros((2, 2))))
print(np.argwhere(z), np.argwhere(np.array([0, 0])).shape, np.flatnonzero(z), np.flatnonzero([]))
print(np.count_nonzero(z), np.count_nonzero(z, axis=0), np.where(z > 3))
try:
    np.nonzero(np.array(5))
except ValueError as e:
    print("ValueError", e)

# bincount
print(np.bincount(np.array([0, 1, 1, 3, 2, 1, 7])), np.bincount([1, 1, 2], minlength=6), np.bincount(np.array([], dtype=np.int64)))
print(np.bincount(np.array([0, 1, 1, 2]), weights=np.array([0.5, 1.0, 0.25, 2.0])), np.bincount([0, 2], weights=[1, 2]))
print(np.bincount([], minlength=3))
for bad in (np.array([1.5]), np.array([-1, 2])):
    try:
        np.bincount(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# histogram
data = np.array([1.0, 2.0, 1.0, 2.5, 3.0, 0.0, 4.75, 3.3])
print(np.histogram(data), np.histogram(data, bins=3), np.histogram([1, 2, 1], bins=3))
print(np.histogram(data, bins=4, range=(0, 4)), np.histogram(data, bins=[0, 1, 2, 5]))
print(np.histogram(np.arange(10), bins=[0, 3, 9]), np.histogram([], bins=3), np.histogram([5, 5, 5]))
print(np.histogram(data, bins=3, weights=np.arange(8.0)), np.histogram(data, bins=[0, 2, 5], weights=np.ones(8)))
print(np.histogram(data, bins=4, density=True))

# digitize
x = np.array([0.2, 6.4, 3.0, 1.6, 10.0])
bins = np.array([0.0, 1.0, 2.5, 4.0, 10.0])
print(np.digitize(x, bins), np.digitize(x, bins, right=True), repr(np.digitize(2.5, [1, 2, 3])))
print(np.digitize(x, bins[::-1]), np.digitize(x, bins[::-1], right=True), np.digitize([1, 2], []))

# set routines
p = np.array([1, 3, 4, 3, 7])
q = np.array([3, 1, 2, 1, 8])
print(np.intersect1d(p, q), np.union1d(p, q), np.setdiff1d(p, q), np.setxor1d(p, q))
print(np.isin(p, q), np.isin(p, [3, 7], invert=True), np.isin(np.array([[1, 2], [3, 9]]), q), np.isin([1, 2], []))
print(np.intersect1d([1, 2, 3], [2, 3, 4], return_indices=True), np.setdiff1d([], [1]), np.union1d([1.5], [1]))

# lexsort
surnames = np.array([3, 1, 2, 1, 3])
first = np.array([1, 2, 0, 1, 0])
print(np.lexsort((first, surnames)), np.lexsort([np.array([2.0, 1.0, 2.0])]), np.lexsort((surnames, first)))

# large arrays sort natively
rs = np.random.RandomState(0)
big = rs.randint(0, 1000, size=100000)
sb = np.sort(big)
print(sb[:5], sb[-5:], bool((sb[1:] >= sb[:-1]).all()), np.unique(big).size)
order = np.argsort(big, kind="stable")
print(order[:5], big[order[:5]])

# unique along an axis
r = np.array([[1, 0, 0], [1, 0, 0], [2, 3, 4], [0, 9, 9], [1, 0, -1]])
print(np.unique(r, axis=0), np.unique(r, axis=0, return_counts=True, return_index=True, return_inverse=True))
print(np.unique(r, axis=1), np.unique(np.array([[1.5, 2], [1.5, 2]]), axis=0), np.unique(np.array([3, 1, 3]), axis=0))
print(np.unique(np.arange(8).reshape(2, 2, 2) % 2, axis=2), np.unique(np.array([[2, 1], [2, 1], [1, 2]]), axis=-2, return_inverse=True))
