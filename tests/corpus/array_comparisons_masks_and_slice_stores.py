# Array comparisons (numpy's bool arrays), masks (`b[a > 0.3]`, numpy's
# copies), and stores through slices and masks (`a[1:4] = x`,
# `a[a > 10] = 0`, `a[::5] += 1`) in compiled loops, through the VM.
import numpy as np
def f(a, n):
    t = 0
    for i in range(n):  # jit: compiled
        m = a > (i % 7) * 0.1
        t += int(m.sum())
    return t
def g(a, n):
    t = 0.0
    for i in range(n):  # jit: compiled
        b = a * 0.5
        t += b[a > 0.3].sum() + (a <= 0.5).sum() + (b == a).sum()
    return t
def h(M, n):
    t = 0.0
    for i in range(n):  # jit: compiled
        t += M[M != 2.0].sum() + (0.5 < M).sum() + (M[0] >= M[1]).sum()
    return t
def masked_store(a, n):
    for i in range(n):  # jit: compiled
        a[a > 10.0] = 0.0
        a += 1.0
    return a[:5]
a = np.linspace(0, 1, 50)
M = np.arange(12.0).reshape(3, 4) % 5
print(f(a, 3000), g(a, 3000), h(M, 3000), masked_store(np.arange(20.0), 3000))
def slice_stores(a, n):
    for i in range(n):  # jit: compiled
        a[1:4] = i * 0.5
        a[-2:] = a[1:3] * 2.0
        a[::5] += 1.0
    return a
def mask_int(v, n):
    for i in range(n):  # jit: compiled
        v[v > 5] = 0
        v += 1
    return v
print(slice_stores(np.zeros(12), 3000), mask_int(np.arange(10), 3000))


def errors(a):
    out = []
    for i in range(300):
        try:
            if i == 150:
                a[1:3] = np.ones(5)
            if i == 151:
                a[np.zeros(4, dtype=np.bool_)] = 1.0
            a[a < 0.0] = 0.0
        except (ValueError, IndexError) as e:
            out.append(type(e).__name__ + ": " + str(e))
    return out


print(errors(np.linspace(-1.0, 1.0, 9)))
