# Loops over arrays of the small dtypes (float32, int32, int8, uint8):
# elements are numpy scalars of that dtype, and arithmetic on them keeps
# it (float32 rounds, the ints wrap) as numpy does.
import numpy as np


def total(a):
    # 0.0 + np.float32 is np.float32 (float32 sums round each step); an
    # int scalar starts from the int 0 (and wraps as numpy does).
    s = 0.0 if a.dtype == np.float32 else 0
    for i in range(a.shape[0]):  # jit: compiled
        s += a[i]
    return s


def scale(a):
    for i in range(a.shape[0]):  # jit: compiled
        a[i] = a[i] * 3 + 1
    return a


def mixed(a, b):
    acc = 0.0
    n = 0
    ints = a.dtype != np.float32
    for i in range(a.shape[0]):
        x = a[i]
        y = b[i]
        acc += float(x * y) + float(x / 3) - float(-x)
        if x > y:
            n += 1
        if ints:
            n += int(y // 3) + int(y % 5)
    return acc, n


def image(img):
    out = np.zeros(img.shape[0], dtype=np.int64)
    for i in range(img.shape[0]):
        p = img[i]
        out[i] = p + p // 2
        q = p + 200
        out[i] += q
    return out


for dt in (np.float32, np.int32, np.int8, np.uint8):
    a = (np.arange(300) % 100).astype(dt)
    print(dt.__name__, repr(total(a)), scale(a.copy())[-4:])
    b = (np.arange(300) % 37 + 1).astype(dt)
    print(mixed(a, b))
print(image((np.arange(500) * 7 % 256).astype(np.uint8))[-5:])
f = np.linspace(0.0, 1.0, 1000).astype(np.float32)
print(repr(total(f)))
