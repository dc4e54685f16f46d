# A Python float on the left of an np.int64: pyjit's np.int64 is an int
# subclass (numpy's is not), so unpatched, float.__truediv__ (and __lt__)
# would take it as an int and give a plain float (bool), where numpy gives
# np.float64 (np.bool_). float's operators step aside for pyjit's int scalars
# (a VM patch, see docs/patched-dependencies.md), and compiled code gives
# numpy's types as the interpreter does.
import numpy as np


def f(n):
    a = np.arange(10) * 3 - 11
    v = -1.5
    w = 0.0
    c = 0
    for i in range(n):
        k = a[i % 10]
        w = v / (k + 100)
        if v < k:
            c += 1
        v += 0.25
    return w, c, type(w).__name__


print(f(3000))
