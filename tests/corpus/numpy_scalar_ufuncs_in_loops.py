# numpy's ufuncs on scalars inside compiled loops: the predicates (isnan,
# isinf, isfinite, logical_not give np.bool_), sign, the two-argument
# maximum/minimum (nan propagating), arctan2, hypot, copysign and power,
# and np.bool_ arithmetic (numpy's promotion: np.True_ + 1 is np.int64).
import numpy as np


def predicates(a):
    nans = 0
    infs = np.int64(0)
    fin = 0.0
    for i in range(len(a)):  # jit: compiled
        x = a[i]
        nans = nans + np.isnan(x)          # int + np.bool_: np.int64
        infs += np.isinf(x)
        fin = np.isfinite(x) * 0.5 + fin   # np.bool_ * float: np.float64
        if np.logical_not(x):
            fin += 100.0
    return nans, infs, fin


def signs(a):
    s = 0.0
    k = 0
    for i in range(len(a)):  # jit: compiled
        s += np.sign(a[i]) * 0.25
        k += np.sign(i - 1400)              # an int's sign is an int64
    return s, k, np.sign(a[9]), np.sign(a[5])


def two_args(a):
    u = 0.0
    hi = -1.0
    lo = 10
    for i in range(len(a)):  # jit: compiled
        x = a[i]
        hi = np.maximum(hi, x)             # nan propagates from here on
        lo = np.minimum(lo, i)
        u += np.arctan2(x, 2.0) + np.hypot(x, 1.0) + np.copysign(1.0, x - 0.3)
        u += np.power(np.abs(x), 1.5) + np.maximum(x, 0.25) - np.minimum(x, 2)
    return u, hi, lo


def powers_of_negatives(a):
    # numpy's power gives nan (Python's would raise or be complex).
    c = 0
    for i in range(len(a)):  # jit: compiled
        r = np.power(a[i], 0.5)
        if np.isnan(r):
            c += 1
    return c


def bools(a):
    t = np.int64(0)
    f = 0.0
    for i in range(len(a)):  # jit: compiled
        b = a[i] > 0.0
        t = t + b + 1                      # np.bool_ + int: np.int64
        f = b * 1.5 + f - b / 2            # np.bool_ with floats: np.float64
    return t, f


a = np.linspace(-1.0, 1.0, 3001)
b = a.copy()
b[5] = float('nan')
b[7] = float('inf')
b[8] = -float('inf')
b[9] = -0.0
print(predicates(b))
print(signs(b))
print(two_args(a))
print(two_args(b))
print(powers_of_negatives(a))
print(bools(a))
print(repr(np.float64('nan')), repr(np.float64('1.5')), repr(np.int64('42')), repr(np.bool_('')))
