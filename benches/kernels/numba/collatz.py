# Kernel (Numba): total Collatz steps below N, same computation as ../collatz.py.
import time

from numba import njit

N = 100_000


@njit
def kernel():
    total = 0
    for start in range(1, N):
        n = start
        while n != 1:
            if n % 2 == 0:
                n = n // 2
            else:
                n = 3 * n + 1
            total += 1
    return total


kernel()
t0 = time.perf_counter()
result = kernel()
t1 = time.perf_counter()
print(f"result: {result!r}")
print(f"time: {t1 - t0!r}")
