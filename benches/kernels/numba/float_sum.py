# Kernel (Numba): float accumulation loop, same computation as ../float_sum.py.
import time

from numba import njit

N = 20_000_000


@njit
def kernel():
    s = 0.0
    for i in range(N):
        s += i * 0.1
    return s


kernel()
t0 = time.perf_counter()
result = kernel()
t1 = time.perf_counter()
print(f"result: {result!r}")
print(f"time: {t1 - t0!r}")
