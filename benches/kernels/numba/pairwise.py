# Kernel (Numba): pairwise Euclidean distances between points (x[i][k] indexing), math.sqrt.
import math
import time

from numba import njit
import numpy as np

N = 400
D = 3
X = (np.arange(N * D, dtype=np.float64).reshape(N, D) * 0.37) % 11.0


@njit
def kernel(x):
    n = x.shape[0]
    d = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            s = 0.0
            for k in range(x.shape[1]):
                t = x[i][k] - x[j][k]
                s += t * t
            d[i, j] = math.sqrt(s)
    total = 0.0
    for i in range(n):
        for j in range(n):
            total += d[i, j]
    return total


kernel(X)
t0 = time.perf_counter()
result = kernel(X)
t1 = time.perf_counter()
print(f"result: {float(result)!r}")
print(f"time: {t1 - t0!r}")
