# A Python float on the left of an np.int64: pyjit's np.int64 is an int
# subclass, so the interpreter's float.__truediv__ (and __lt__) take it as an
# int and give a plain float (bool), where real numpy gives np.float64. A
# soak found compiled code giving np.float64 here: the JIT must agree with
# the interpreter (this is a VM difference against CPython, counted apart).
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
