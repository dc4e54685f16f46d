# Kernel (Numba): naive matrix multiply on lists of lists (m[i][j] indexing, a row Same computation as ../matmul_lists.py.
# held in a local), then the sum of the product.
import time

from numba import njit
from numba.typed import List

N = 120


def make(n, a, b):
    return [[float((i * a + j * b) % 7) for j in range(n)] for i in range(n)]


@njit
def kernel(x, y):
    n = len(x)
    p = len(y[0])
    m = len(y)
    out = [[0.0] * p for _ in range(n)]
    for i in range(n):
        xi = x[i]
        oi = out[i]
        for j in range(p):
            s = 0.0
            for k in range(m):
                s += xi[k] * y[k][j]
            oi[j] = s
    total = 0.0
    for row in out:
        for v in row:
            total += v
    return total


def typed(m):
    # Numba cannot reflect a list of lists; numba.typed.List is its way.
    out = List()
    for row in m:
        out.append(List(row))
    return out


X = typed(make(N, 3, 5))
Y = typed(make(N, 2, 7))
kernel(X, Y)
t0 = time.perf_counter()
result = kernel(X, Y)
t1 = time.perf_counter()
print(f"result: {result!r}")
print(f"time: {t1 - t0!r}")
