# Arrays a compiled loop makes and keeps as plain buffers (np.array of a
# repeated number, np.zeros/ones/empty, a @ b): read and written through,
# handed to the interpreter at exits (their values and shapes), turned into
# objects where an operation needs one, and kept across iterations.
import math
import numpy as np


def seed_article(n, b):
    total = 0.0
    for i in range(n):  # jit: compiled
        a = np.array([[float(i % 7)] * 100], dtype=np.float64)
        c = (a @ b)[0][0]
        total += math.pow(c, 1.5) * math.exp(-c / 100.0)
    return total


def shapes(n):
    m = np.ones((3, 4)) * 0.25
    v = np.ones(4) * 2.0
    out = 0.0
    for i in range(n):  # jit: compiled
        a = np.zeros((2, 3))
        a[0, 1] = i * 0.5
        a[1, 2] = 1.0 + i
        p = a @ m            # (2, 4)
        q = p @ v            # (2,)
        r = v @ m.T          # (3,)
        s = a[0] @ m         # a row of a buffer: (4,)
        out += p[1, 3] + q[0] * 2.0 + r[2] + s[1]
    return out, p, q, r, s


def ints(n):
    w = np.array([[1, 2], [3, 4], [5, 6]])
    acc = 0
    for i in range(n):  # jit: compiled
        x = np.array([i % 5] * 3)
        y = x @ w
        z = np.ones((2, 3), dtype=np.int64) @ w
        acc += int(y[0]) - int(y[1]) + int(z[1, 1])
    return acc, y, z


def exit_with_buffers(n):
    # A float that becomes an int half-way: the loop leaves with `a` and
    # `p` held in buffers, which the interpreter must then see.
    b = np.ones((5, 2))
    x = 0.5
    for i in range(n):  # jit: compiled
        a = np.array([[x] * 5])
        a[0, i % 5] = 3.0
        p = a @ b
        if i == n - 3:
            x = 7
    return a, p, x


def carried(n):
    # The array made in one iteration is read in the next.
    prev = np.zeros(4)
    total = 0.0
    for i in range(n):  # jit: compiled
        cur = np.ones(4)
        cur[i % 4] = prev[(i + 1) % 4] + 1.0
        total += cur[0] + cur[3]
        prev = cur
    return total, prev


def operations_on_buffers(n):
    total = 0.0
    last = None
    for i in range(n):  # jit: compiled
        a = np.ones(6) * 0.5
        z = np.zeros(6)
        z[i % 6] = float(i)
        s = z + a                # a new array from two
        z += 1.0                 # in place: the buffer becomes an object
        t = z.sum() + s.max() + np.sqrt(z)[0]
        total += t + z[0]
        last = z.T
    return total, last


def matmul_consistent():
    # The compiled loop's `@` gives the interpreter's bits.
    np.random.seed(4)
    a = np.random.random((3, 37))
    b = np.random.random((37, 5))
    got = []
    for _ in range(3000):  # jit: compiled
        c = a @ b
        got.append(float(c[2, 4]))
    single = (a @ b)[2, 4]
    return got[-1] == single, all(g == got[0] for g in got)  # jit: <genexpr>: interpreted (unsupported instruction YieldValue) | matmul_consistent: interpreted (mostly operations through the VM (object mode): cheaper interpreted)


def matmul_mismatch(n):
    a = np.ones((2, 3))
    bad = np.ones((4, 2))
    k = 0
    for i in range(n):  # jit: compiled
        k += 1
        if i == n - 1:
            try:
                a @ bad
            except ValueError as e:
                return k, str(e)
    return k, None


def bool_and_empty(n):
    count = 0
    for i in range(n):  # jit: compiled
        f = np.array([True] * 4)
        f[i % 4] = False
        e = np.empty(3)
        e[0] = 1.5
        e[1] = 2.5
        e[2] = 3.5
        count += int(f[0]) + int(f[1]) + int(e[i % 3])
    return count, f, e


b100 = np.ones((100, 1), dtype=np.float64) * 0.5
print(seed_article(2000, b100))
print(shapes(3000))
print(ints(3000))
print(exit_with_buffers(3000))
print(carried(3000))
print(operations_on_buffers(3000))
print(matmul_consistent())
print(matmul_mismatch(3000))
print(bool_and_empty(3000))


def bump(a):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    a += 1.0
    return a


def aliases_through_a_call(n):
    # The callee changes the caller's array in place: both names see it.
    t = 0.0
    for i in range(n):  # jit: compiled
        a = np.zeros(3)
        a[0] = i
        b = bump(a)
        t += a[0] + b[0]
    return t, a


def aliases_at_exits(n, flip):
    # Two names for one buffer when the loop leaves (an int overflow):
    # the interpreter must get one array, not two copies.
    t = 0.0
    big = 2 ** 62
    for i in range(n):  # jit: compiled
        a = np.zeros(3)
        b = a
        a[0] = i
        k = big * (2 if i == flip else 1)
        b[1] = 7.0 + (k > big)
        t += a[1]
    return t, a, b


def vector_products(n):
    # 1-d @ 1-d and np.dot of vectors: numpy scalars, the module's kernel.
    # (Exact values: numpy's BLAS sums in its own order.)
    u = np.arange(41.0) * 0.25
    v = (np.arange(41.0) % 7) * 0.5
    t = 0.0
    for i in range(n):  # jit: compiled
        w = np.ones(41) * (i % 5)
        t += (u @ w) + np.dot(w, v) + np.dot(u, v)
    return t, (u @ v) == np.dot(u, v)


print(aliases_through_a_call(3000))
print(aliases_at_exits(3000, 2500))
print(vector_products(3000))
