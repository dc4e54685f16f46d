# Scripts written for Numba run unchanged: the decorators are accepted
# and the functions give CPython's answers.
try:
    from numba import jit, njit, prange, vectorize, float64
except ImportError:  # CPython without numba: the same script, undecorated
    def jit(*a, **k):
        return a[0] if a and callable(a[0]) else (lambda f: f)
    njit = jit
    prange = range
    float64 = None
    vectorize = None
import numpy as np


@njit
def sum_sq(n):
    s = 0
    for i in range(n):  # jit: compiled
        s += i * i
    return s


@jit(nopython=True, cache=True)
def mean_abs(a):
    s = 0.0
    for i in prange(a.shape[0]):  # jit: compiled
        s += abs(a[i])
    return s / a.shape[0]


@njit(fastmath=False)
def poly(x):
    return 3.0 * x * x - 2.0 * x + 1.0


print(sum_sq(10000))
# str, not repr: under real numba the result is a float, under numpy an np.float64.
print(mean_abs(np.linspace(-1.0, 1.0, 1001)))
print(poly(1.5))
