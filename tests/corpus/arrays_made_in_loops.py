# Arrays made inside hot loops: np.array of lists the loop builds, `@`,
# and indexing the results; lists made per iteration and dropped.
import math
import numpy as np


def seed(n):
    b = np.ones((20, 1), dtype=np.float64) * 0.5
    total = 0.0
    for i in range(n):  # jit: compiled
        a = np.array([[float(i % 7)] * 20], dtype=np.float64)
        c = (a @ b)[0][0]
        total += math.pow(c, 1.5) * math.exp(-c / 100.0)
    return total


def vectors(n):
    m = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    s = 0.0
    for i in range(n):  # jit: compiled
        v = np.array([i * 0.5, 1.0, -2.0])
        w = m @ v
        s += w[0] - w[1]
        u = np.array([1.5, float(i)]) @ m
        s += u[2]
    return s


def ints_and_bools(n):
    s = 0
    for i in range(n):  # jit: compiled
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
    for i in range(n):  # jit: compiled
        a = np.array([i, 2], dtype=float)
        b = np.array([[1.0], [float(i)]], dtype="float64")
        s += (a @ b)[0]
    return s


def live_after(n):
    a = None
    s = 0.0
    for i in range(n):  # jit: compiled
        a = np.array([float(i), 1.0])
        s += a[0]
    return s, a.tolist()


def mismatch(n):
    b = np.ones((3, 1))
    s = 0.0
    for i in range(n):  # jit: compiled
        k = 3 if i < n - 5 else 4
        a = np.array([[1.0] * k])
        s += (a @ b)[0][0]
    return s


def lists_per_iteration(n):
    s = 0
    for i in range(n):  # jit: compiled
        tmp = [i, i + 1, i + 2]
        row = [0.5] * 4
        s += tmp[1] + int(row[2] * 2)
    return s


def list_kept_across(n):
    prev = [0]
    s = 0
    for i in range(n):  # jit: compiled
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


def elementwise(n):
    x = np.array([1.0, 2.0, 3.0])
    y = np.array([0.5, 0.25, 0.125])
    s = 0.0
    for i in range(n):  # jit: compiled
        z = x * 2.0 + y
        w = np.sqrt(z) - i
        s += w[1] + (x / 3)[2] + (2 ** x)[0] + (x[1] * y)[2]
        k = np.array([i, 2, 3]) * 3 + 1
        s += k[0] // 2 + (k % 4)[2] + (-k)[1] + (k ** 2)[1]
        m = (np.array([i, 7]) & 5) | 8
        s += m[1] + (m ^ 3)[0] + np.abs(np.array([-i, 1]))[0]
    return s


def inplace(n):
    x = np.zeros(3)
    k = np.array([1, 2, 3])
    for i in range(n):  # jit: compiled
        x += 1.0
        x *= 1.0001
        k += i
        k //= 2
        x[1] -= 0.5
    return x.tolist(), k.tolist()


def inplace_bad_cast(n):
    k = np.array([1, 2, 3])
    total = 0
    for i in range(n):  # jit: compiled
        if i == n - 3:
            k += 0.5
        k += 1
        total += k[0]
    return total


def broadcast_error(n):
    a = np.ones((2, 3))
    s = 0.0
    for i in range(n):  # jit: compiled
        b = np.ones(3 if i < n - 2 else 2)
        s += (a + b)[1][2]
    return s


def list_inplace_add(n):
    a = [1, 2]
    b = a
    for i in range(n):  # jit: compiled
        a += [i, i * 2]
    return len(b), b[-1], a is b


print(elementwise(2000))
print(inplace(2000))
for f in (inplace_bad_cast, broadcast_error):
    try:
        print(f(2000))
    except TypeError:
        print("TypeError")
    except ValueError:
        print("ValueError")
print(list_inplace_add(3000))


def filled(n):
    s = 0.0
    for i in range(n):  # jit: compiled
        z = np.zeros(3)
        o = np.ones((2, i % 3 + 1), dtype=np.int64)
        e = np.empty(2, np.float64)
        z[1] = i
        s += z[1] + o[1][0] + e.shape[0] + np.zeros((2, 2))[1][1]
        if np.ones(4, dtype=bool)[3]:
            s += 0.5
    return s


print(filled(3000))


def fill_edges(n):
    # Lengths of 0 leave compiled code with the lists not made yet: the
    # exit makes them, and the interpreter calls np.array.
    s = 0.0
    for i in range(n):  # jit: compiled
        k = i % 4
        a = np.array([[float(i)] * k], dtype=np.float64)
        v = np.array([i] * k)
        s += a.shape[1] + v.shape[0]
        if k:
            s += a[0][k - 1] + v[0]
    return s, str(np.array([[1.5] * 0]).shape), np.array([7] * 0).dtype.name


print(fill_edges(3000))


def reductions(n):
    v = np.arange(5.0)
    k = np.array([3, 1, 4, 1, 5])
    f = np.array([True, False, True])
    s = 0.0
    t = 0
    for i in range(n):  # jit: compiled
        s += np.dot(v, v) + np.sum(v) + v.sum() + v.max() + (v * i).mean() + np.min(v - i)
        t += k.sum() + np.max(k) + k.prod() + f.sum() + np.dot(k, k)
        if f.max():
            t += 1
    return s, t


def fit(X, y, iters):
    # Gradient descent written with numpy expressions: X.T, @, in place.
    w = np.zeros(3)
    loss = 0.0
    for it in range(iters):  # jit: compiled
        err = X @ w - y
        grad = X.T @ err / 50
        w -= 0.1 * grad
        loss = (err ** 2).sum() / 50
    # Rounded: numpy's matmul sums in BLAS's order, pyjit's module in its own.
    return [round(x, 9) for x in w.tolist()], round(float(loss), 12)


def empty_max(n):
    s = 0.0
    for i in range(n):  # jit: compiled
        a = np.zeros(3 if i < n - 1 else 0)
        s += a.max()
    return s


print(reductions(2000))
X = (np.arange(150.0).reshape(50, 3) % 7) / 7
print(fit(X, X @ np.array([1.0, -2.0, 0.5]) + 0.125, 2000))
try:
    print(empty_max(2000))
except ValueError:
    print("ValueError")
