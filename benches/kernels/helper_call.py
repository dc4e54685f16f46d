# Kernel: a loop calling a small helper function on every iteration.
import time

N = 10_000_000


def helper(x, y):
    return x * y + 1


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
