# Kernel (Numba): the escape-time fractal, same computation as
# ../fractal_complex.py (Numba's own example, jitted).
import time

import numpy as np
from numba import njit

W = 300
H = 200
ITERS = 50


@njit
def mandel(x, y, max_iters):
    i = 0
    c = complex(x, y)
    z = 0.0j
    for i in range(max_iters):
        z = z * z + c
        if (z.real * z.real + z.imag * z.imag) >= 4:
            return i
    return 255


@njit
def create_fractal(min_x, max_x, min_y, max_y, image, iters):
    height = image.shape[0]
    width = image.shape[1]
    pixel_size_x = (max_x - min_x) / width
    pixel_size_y = (max_y - min_y) / height
    for x in range(width):
        real = min_x + x * pixel_size_x
        for y in range(height):
            imag = min_y + y * pixel_size_y
            color = mandel(real, imag, iters)
            image[y, x] = color
    return image


def kernel():
    image = np.zeros((H, W), dtype=np.uint8)
    create_fractal(-2.0, 1.0, -1.0, 1.0, image, ITERS)
    return int(image.sum())


kernel()
t0 = time.perf_counter()
result = kernel()
t1 = time.perf_counter()
print(f"result: {result!r}")
print(f"time: {t1 - t0!r}")
