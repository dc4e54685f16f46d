# Kernel (Numba): mandelbrot escape counts, same computation as ../mandelbrot.py.
import time

from numba import njit

W = 500
H = 500
MAX_ITER = 100


@njit
def kernel():
    total = 0
    for py in range(H):
        y0 = py / H * 2.0 - 1.0
        for px in range(W):
            x0 = px / W * 3.0 - 2.0
            x = 0.0
            y = 0.0
            it = 0
            while it < MAX_ITER:
                x2 = x * x
                y2 = y * y
                if x2 + y2 > 4.0:
                    break
                y = 2.0 * x * y + y0
                x = x2 - y2 + x0
                it += 1
            total += it
    return total


kernel()
t0 = time.perf_counter()
result = kernel()
t1 = time.perf_counter()
print(f"result: {result!r}")
print(f"time: {t1 - t0!r}")
