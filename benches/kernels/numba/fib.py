# Kernel (Numba): recursive fib, same computation as ../fib.py.
import time

from numba import njit

N = 34


@njit
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@njit
def kernel():
    return fib(N)


kernel()
t0 = time.perf_counter()
result = kernel()
t1 = time.perf_counter()
print(f"result: {result!r}")
print(f"time: {t1 - t0!r}")
