# Kernel (Numba): sieve of Eratosthenes on a list of bools, then a count over it. Same computation as ../sieve.py.
import time

from numba import njit

N = 2_000_000


@njit
def kernel(n):
    flags = [True] * (n + 1)
    flags[0] = flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            for j in range(i * i, n + 1, i):
                flags[j] = False
        i += 1
    count = 0
    for f in flags:
        if f:
            count += 1
    return count


kernel(N)
t0 = time.perf_counter()
result = kernel(N)
t1 = time.perf_counter()
print(f"result: {result!r}")
print(f"time: {t1 - t0!r}")
