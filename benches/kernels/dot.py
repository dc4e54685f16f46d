# Kernel: dot product written as an explicit index loop over two numpy arrays.
import time
import numpy as np

N = 5_000_000
a = np.arange(N, dtype=np.float64) * 1e-3
b = np.ones(N) * 0.5 + np.arange(N) % 7


def kernel(x, y):
    s = 0.0
    for i in range(x.shape[0]):
        s += x[i] * y[i]
    return s


kernel(a, b)
t0 = time.perf_counter()
result = kernel(a, b)
t1 = time.perf_counter()
print(f"result: {float(result)!r}")
print(f"time: {t1 - t0!r}")
