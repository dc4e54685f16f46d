# Randomized cases (numpy's legacy RandomState, the same stream under both
# interpreters) for sort/argsort with ties and nans, unique with its
# inverse and counts, searchsorted, histogram, digitize, percentile and
# median along axes, interp, bincount, and the ufunc reductions.
import numpy as np

rs = np.random.RandomState(7)
for case in range(6):
    n = int(rs.randint(0, 40))
    ints = rs.randint(-5, 6, size=n)
    flts = np.round(rs.normal(size=n), 1) + 0.0  # no -0.0: numpy orders it against 0.0 as its sort happens to
    if n > 3:
        flts[int(rs.randint(0, n))] = np.nan
    print(case, n)
    print(np.sort(ints), np.argsort(ints, kind="stable"), np.sort(flts), np.argsort(flts, kind="stable"))
    u, idx, inv, cnt = np.unique(ints, return_index=True, return_inverse=True, return_counts=True)
    print(u, idx, inv, cnt, bool((u[inv] == ints).all()))
    print(np.unique(flts), np.unique(flts, return_counts=True)[1])
    q = np.sort(rs.randint(-6, 7, size=5))
    print(np.searchsorted(q, ints), np.searchsorted(q, ints, side="right"), np.digitize(ints, q), np.digitize(ints, q, right=True))
    if n:
        data = rs.normal(size=n) * 3
        print(np.histogram(data, bins=int(rs.randint(1, 8))))
        print(np.histogram(data, bins=np.sort(rs.normal(size=4) * 3)))
        print(np.percentile(data, [0, 10, 33.3, 50, 90, 100]), repr(np.median(data)), np.quantile(data, 0.77))
        print(np.bincount(ints - ints.min()), np.bincount(ints - ints.min(), weights=data))
        xp = np.sort(rs.uniform(-3, 3, size=6))
        print(np.interp(data, xp, rs.normal(size=6)))

m = rs.normal(size=(4, 5))
m[1, 2] = m[3, 4]
print(np.sort(m, axis=0), np.sort(m, axis=1), np.argsort(m, axis=0, kind="stable"), np.median(m, axis=0), np.median(m, axis=1))
print(np.percentile(m, 25, axis=0), np.quantile(m, [0.5, 0.9], axis=1), np.percentile(m, 60))
print(np.add.reduce(m, axis=0), np.multiply.reduce(m, axis=1), np.maximum.reduce(m, axis=None), np.add.accumulate(m, axis=1))
print(np.minimum.accumulate(m, axis=0), np.subtract.reduce(m, axis=1), np.add.outer(m[0], m[1, :2]))
big = rs.normal(size=20000)
sb = np.sort(big)
print(sb[:3], sb[-3:], np.argsort(big)[:5], np.median(big), np.percentile(big, [1, 99]), np.histogram(big, bins=5)[0])
print(np.unique(rs.randint(0, 50, size=5000), return_counts=True)[1][:10], np.searchsorted(sb, [-1.0, 0.0, 1.0]))
