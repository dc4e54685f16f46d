# Hot loops over numpy arrays: element reads and writes in 1-d and 2-d,
# shape and len, negative indices, an IndexError after thousands of
# iterations, and results compared exactly.
import math
import numpy as np


def dot(a, b):
    s = 0.0
    for i in range(len(a)):  # jit: compiled
        s += a[i] * b[i]
    return s


def jacobi(u, steps):
    n, m = u.shape
    v = u.copy()
    for _ in range(steps):  # jit: compiled
        for i in range(1, n - 1):  # jit: compiled
            for j in range(1, m - 1):  # jit: compiled
                v[i, j] = 0.25 * (u[i - 1, j] + u[i + 1, j] + u[i, j - 1] + u[i, j + 1])
        u, v = v, u
    return u


def pairwise(x):
    n = x.shape[0]
    d = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            s = 0.0
            for k in range(x.shape[1]):
                t = x[i][k] - x[j][k]
                s += t * t
            d[i, j] = math.sqrt(s)
    return d


def transform(a):
    out = np.empty_like(a)
    for i in range(a.shape[0]):  # jit: compiled
        out[i] = math.exp(-a[i]) * math.sin(a[i]) + a[-1 - i]
    return out


def int_hist(vals, nbins):
    h = np.zeros(nbins, dtype=np.int64)
    for i in range(len(vals)):  # jit: compiled
        h[vals[i] % nbins] += 1
    return h


a = np.arange(3000.0) / 7.0
b = np.linspace(-2.0, 2.0, 3000)
print(repr(dot(a, b)))
u = np.zeros((12, 14))
u[0, :] = 1.0
u[:, 0] = 2.0
print(jacobi(u, 30)[5])
x = np.arange(24.0).reshape(8, 3) * 0.37
print(pairwise(x)[3])
print(transform(np.linspace(0.0, 3.0, 1500))[::250])
print(int_hist(np.arange(5000) * 7, 9))

ints = np.arange(10, dtype=np.int32)
tot = 0
for k in range(4000):  # jit: compiled
    tot += ints[k % 10] * 3
print(tot, repr(ints[3]))

try:
    s = 0.0
    for i in range(5000):  # jit: compiled
        s += a[i]
except IndexError as e:
    print("IndexError:", e, repr(s))
m = np.ones((3, 4))
try:
    for i in range(10):
        m[i, 0] = i
except IndexError as e:
    print("IndexError:", e)
print(m)
