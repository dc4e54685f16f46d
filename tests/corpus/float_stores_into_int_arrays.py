# Floats stored into int arrays in compiled loops: truncated as Python's
# int() (numpy's conversion), range-checked for the small int dtypes; nan,
# infinities and floats past int64 leave native code and numpy's error is
# raised by the interpreter.
import numpy as np


def store(n, dtype, scale):
    a = np.zeros(n, dtype=dtype)
    for i in range(n):  # jit: compiled
        a[i] = (i - n / 2) * scale
    return a[:4], a[-3:], a.sum()


def store_scalars(x):
    out = np.zeros(x.shape[0], dtype=np.int64)
    small = np.zeros(x.shape[0], dtype=np.uint8)
    for i in range(x.shape[0]):  # jit: compiled
        out[i] = x[i] * 3.0
        small[i] = abs(x[i]) % 200.0
    return out[:5], small[:5], out.sum(), int(small.sum())


def bad(values):
    a = np.zeros(3, dtype=np.int64)
    b = np.zeros(3, dtype=np.int8)
    results = []
    for v in values:  # jit: compiled
        try:
            a[0] = v
            b[1] = v
            results.append(int(a[0]) + int(b[1]))
        except (ValueError, OverflowError) as e:
            results.append(type(e).__name__ + ": " + str(e))
    return results


print(store(3000, np.int64, 0.37))
print(store(3000, np.int32, -1.5))
print(store(250, np.int8, 0.99))
print(store_scalars(np.linspace(-50.0, 50.0, 3001)))
vals = [1.5] * 2000 + [float("nan"), 2.5, float("inf"), -float("inf"), 1e30, 127.9, 128.0, -129.5]
print(bad(vals)[-9:])
