# Arrays made inside hot loops: np.array of lists the loop builds, `@`,
# and indexing the results; lists made per iteration and dropped.
import math
import numpy as np


def seed(n):
    b = np.ones((20, 1), dtype=np.float64) * 0.5
    total = 0.0
    for i in range(n):
        a = np.array([[float(i % 7)] * 20], dtype=np.float64)
        c = (a @ b)[0][0]
        total += math.pow(c, 1.5) * math.exp(-c / 100.0)
    return total


def vectors(n):
    m = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    s = 0.0
    for i in range(n):
        v = np.array([i * 0.5, 1.0, -2.0])
        w = m @ v
        s += w[0] - w[1]
        u = np.array([1.5, float(i)]) @ m
        s += u[2]
    return s


def ints_and_bools(n):
    s = 0
    for i in range(n):
        a = np.array([i, i + 1, i * 3])
        s += a[2] - a[0]
        f = np.array([i % 2 == 0, True, False])
        if f[0]:
            s += 1
        g = np.array([[i, 1], [2, 3]], dtype=np.int64)
        h = g @ np.array([1, 1])
        s += h[0] + h[1]
    return s


def dtypes(n):
    s = 0.0
    for i in range(n):
        a = np.array([i, 2], dtype=float)
        b = np.array([[1.0], [float(i)]], dtype="float64")
        s += (a @ b)[0]
    return s


def live_after(n):
    a = None
    s = 0.0
    for i in range(n):
        a = np.array([float(i), 1.0])
        s += a[0]
    return s, a.tolist()


def mismatch(n):
    b = np.ones((3, 1))
    s = 0.0
    for i in range(n):
        k = 3 if i < n - 5 else 4
        a = np.array([[1.0] * k])
        s += (a @ b)[0][0]
    return s


def lists_per_iteration(n):
    s = 0
    for i in range(n):
        tmp = [i, i + 1, i + 2]
        row = [0.5] * 4
        s += tmp[1] + int(row[2] * 2)
    return s


def list_kept_across(n):
    prev = [0]
    s = 0
    for i in range(n):
        cur = [i, prev[0]]
        s += cur[1]
        prev = cur
    return s


print(seed(3000))
print(vectors(3000))
print(ints_and_bools(3000))
print(dtypes(3000))
print(live_after(3000))
try:
    print(mismatch(3000))
except ValueError as e:
    print("ValueError")
print(lists_per_iteration(300000))
print(list_kept_across(3000))
