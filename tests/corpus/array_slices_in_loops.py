# Array slices in compiled loops (`a[i:j]`, `a[i, k:]`, `M[:, j]`,
# `M[1:-1, 1:-1]`, steps): numpy's views made through the runtime, read and
# written through their buffers and strides, reduced, held in variables.
import numpy as np


def windows(a, k):
    t = 0.0
    for i in range(len(a) - k):  # jit: compiled
        w = a[i:i + k]
        t += w.sum() + w[0] - w[-1]
    return t


def columns(M):
    t = 0.0
    for j in range(M.shape[1]):
        col = M[:, j]
        for i in range(col.shape[0]):
            t += col[i] * (j + 1)
        t += M[1:-1, j].max()
    return t


def lu(A):
    n = A.shape[0]
    for k in range(n - 1):  # jit: compiled
        for i in range(k + 1, n):  # jit: compiled
            f = A[i, k] / A[k, k]
            row = A[i, k:]
            piv = A[k, k:]
            for j in range(row.shape[0]):  # jit: compiled
                row[j] -= f * piv[j]
    return A


def steps(a):
    t = 0.0
    for i in range(1, 200):
        ev = a[::2]
        rv = a[::-1]
        part = a[i:i + 40:3]
        t += ev[i % ev.shape[0]] + rv[i] + part.sum() + a[-i:].sum() + a[:i].shape[0]
    return t


def empty_and_out_of_range(a):
    t = 0
    for i in range(300):
        t += a[i + 5000:].shape[0] + a[10:5].shape[0] + a[-3:-1].shape[0]
    return t


def slices_of_buffers(n):
    t = 0.0
    for i in range(n):  # jit: compiled
        z = np.zeros(6)
        s = z[1:4]
        s[0] = i
        s[2] = 0.5
        t += z[1] + z[3] + s.sum()
    return t


def interior(M):
    t = 0.0
    for _ in range(50):  # jit: compiled
        inner = M[1:-1, 1:-1]
        for i in range(inner.shape[0]):  # jit: compiled
            for j in range(inner.shape[1]):  # jit: compiled
                t += inner[i, j]
    return t


def zero_step(a):
    t = 0.0
    try:
        for i in range(300):
            s = 1 if i < 299 else 0
            t += a[1:10:s].sum()
    except ValueError as e:
        return t, str(e)
    return t


a = np.arange(3000.0) * 0.5
M = np.arange(600.0).reshape(200, 3) % 7.0
A = np.array([[4.0, 3.0, 2.0, 1.0], [2.0, 5.0, 1.0, 3.0], [1.0, 2.0, 6.0, 2.0], [3.0, 1.0, 2.0, 7.0]])
print(windows(a, 5))
print(columns(M))
for _ in range(300):
    B = lu(A.copy())
print(B)
print(steps(a))
print(empty_and_out_of_range(a))
print(slices_of_buffers(3000))
print(interior(np.arange(64.0).reshape(8, 8)))
print(zero_step(a))
