# Kernel: the seed article's first function: a loop that rebuilds a small
# array, multiplies it (a @ b)[0][0], and calls math.pow and math.exp.
import math
import time
import numpy as np

N = 20_000


def kernel(n):
    b = np.ones((100, 1), dtype=np.float64) * 0.5
    total = 0.0
    for i in range(n):
        a = np.array([[float(i % 7)] * 100], dtype=np.float64)
        c = (a @ b)[0][0]
        total += math.pow(c, 1.5) * math.exp(-c / 100.0)
    return total


kernel(N)
t0 = time.perf_counter()
result = kernel(N)
t1 = time.perf_counter()
print(f"result: {float(result)!r}")
print(f"time: {t1 - t0!r}")
