# Kernel (Numba): elementwise transform of an array with math calls (exp, sin, sqrt).
import math
import time

from numba import njit
import numpy as np

N = 2_000_000
A = np.linspace(0.0, 10.0, N)


@njit
def kernel(a):
    out = np.empty_like(a)
    for i in range(a.shape[0]):
        x = a[i]
        out[i] = math.exp(-x * 0.1) * math.sin(x) + math.sqrt(x + 1.0)
    s = 0.0
    for i in range(out.shape[0]):
        s += out[i]
    return s


kernel(A)
t0 = time.perf_counter()
result = kernel(A)
t1 = time.perf_counter()
print(f"result: {float(result)!r}")
print(f"time: {t1 - t0!r}")
