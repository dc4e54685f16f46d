# Kernel (Numba): 2-d Jacobi stencil with explicit index loops (u[i, j] indexing).
import time

from numba import njit
import numpy as np

N = 300
STEPS = 20


@njit
def kernel(n, steps):
    u = np.zeros((n, n))
    u[0, :] = 1.0
    u[:, 0] = 2.0
    v = u.copy()
    for _ in range(steps):
        for i in range(1, n - 1):
            for j in range(1, n - 1):
                v[i, j] = 0.25 * (u[i - 1, j] + u[i + 1, j] + u[i, j - 1] + u[i, j + 1])
        u, v = v, u
    s = 0.0
    for i in range(n):
        for j in range(n):
            s += u[i, j] * (i + 1)
    return s


kernel(N, STEPS)
t0 = time.perf_counter()
result = kernel(N, STEPS)
t1 = time.perf_counter()
print(f"result: {float(result)!r}")
print(f"time: {t1 - t0!r}")
