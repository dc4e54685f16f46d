# Numba's documentation examples, as written for numba: go_fast with
# np.tanh of a diagonal, prange, @vectorize with a signature, bubblesort,
# Monte Carlo pi with np.random inside @njit, a k-means step. The reference
# is CPython running them under real numba.
import numpy as np
from numba import njit, prange, vectorize, float64

@njit
def go_fast(a):
    trace = 0.0
    for i in range(a.shape[0]):
        trace += np.tanh(a[i, i])
    return a + trace

@njit(parallel=True)
def prange_test(A):
    s = 0
    for i in prange(A.shape[0]):
        s += A[i]
    return s

@vectorize([float64(float64, float64)])
def f(x, y):
    return x + y

@njit
def bubblesort(X):
    N = len(X)
    for end in range(N, 1, -1):  # jit: compiled
        for i in range(end - 1):  # jit: compiled
            cur = X[i]
            if cur > X[i + 1]:
                tmp = X[i]
                X[i] = X[i + 1]
                X[i + 1] = tmp

@njit
def monte_carlo_pi(nsamples):
    acc = 0
    np.random.seed(42)
    for i in range(nsamples):  # jit: compiled
        x = np.random.random()
        y = np.random.random()
        if (x ** 2 + y ** 2) < 1.0:
            acc += 1
    return 4.0 * acc / nsamples

@njit
def kmeans_step(points, centers):
    k = centers.shape[0]
    new = np.zeros_like(centers)
    counts = np.zeros(k)
    for i in range(points.shape[0]):  # jit: compiled
        best = 0
        bd = 1e300
        for j in range(k):  # jit: compiled
            d = 0.0
            for t in range(points.shape[1]):  # jit: compiled
                diff = points[i, t] - centers[j, t]
                d += diff * diff
            if d < bd:
                bd = d
                best = j
        counts[best] += 1
        for t in range(points.shape[1]):
            new[best, t] += points[i, t]
    for j in range(k):
        if counts[j] > 0:
            for t in range(points.shape[1]):
                new[j, t] /= counts[j]
    return new, counts

x = np.arange(100).reshape(10, 10) * 0.01
print(go_fast(x)[3, :4])
print(prange_test(np.arange(1000)))
print(f(np.arange(5.0), np.ones(5)))
arr = np.array([5, 3, 9, 1, 7, 2, 8] * 50)
bubblesort(arr)
print(arr[:10], arr[-5:])
print(monte_carlo_pi(20000))
rng = np.random.RandomState(0)
pts = rng.rand(500, 3)
c = pts[:4].copy()
for _ in range(5):
    c, cnt = kmeans_step(pts, c)
print(c.round(6), cnt)
