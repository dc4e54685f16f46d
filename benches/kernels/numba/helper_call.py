# Kernel (Numba): a loop calling a small helper function, same computation as ../helper_call.py.
import time

from numba import njit

N = 10_000_000


@njit
def helper(x, y):
    return x * y + 1


@njit
def kernel():
    s = 0
    for i in range(N):
        s += helper(i % 1000, 3)
    return s


kernel()
t0 = time.perf_counter()
result = kernel()
t1 = time.perf_counter()
print(f"result: {result!r}")
print(f"time: {t1 - t0!r}")
