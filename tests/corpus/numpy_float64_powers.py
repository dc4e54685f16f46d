# Powers of numpy float64 scalars: numpy's results where Python's float
# would raise or give a complex (inf, nan), and in compiled loops
# (np.cos(x[i]) ** 2, Numba's identity example).
import numpy as np

for a, b in ((0.0, -1), (-8.0, 0.5), (2.0, 1024), (np.inf, 0), (0.0, 0.0), (2.0, -1074), (-2.0, 3)):
    r = np.float64(a) ** b
    q = b ** np.float64(a) if a != 0.0 else 0.0
    print(type(r).__name__, repr(r), repr(q))


def identity(x):
    r = np.empty_like(x)
    for i in range(len(x)):
        r[i] = np.cos(x[i]) ** 2 + np.sin(x[i]) ** 2
    return r


def mixed(x):
    s = 0.0
    for i in range(len(x)):
        s += x[i] ** 0.5 + 2.0 ** x[i] + 3 ** (x[i] / 100) + x[i] ** 2
    return s


def edge(x):
    # Some powers overflow or meet 0 ** -1 on the way: numpy gives inf.
    s = 0.0
    for i in range(len(x)):
        s += (x[i] - 50.0) ** -1 + 10.0 ** x[i]
    return s


x = np.arange(300.0)
print(identity(x)[:5], repr(identity(x).sum()))
print(mixed(x))
print(edge(x))
