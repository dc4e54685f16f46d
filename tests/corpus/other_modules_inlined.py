# Functions of other modules inlined into a compiled loop: their global
# names are read from their own module (checked at entry like the loop's
# own), a module global rebound between runs and during one, a name that
# only the other module has, and numpy's one-argument ufuncs on numbers
# (np.sqrt(x) is a Python function of pyjit's numpy module).
import types

import numpy as np

helpers = types.ModuleType("helpers")
exec(
    """
SCALE = 2.5
OFFSET = 1

def g(x):
    return x % 3 + OFFSET

def f(x):
    return x * SCALE + g(x)
""",
    helpers.__dict__,
)

SCALE = 100.0  # not the one helpers.f reads


def use(n):
    s = 0.0
    for i in range(n):  # jit: compiled
        s += helpers.f(i)
        if i == n // 2:
            helpers.SCALE = 3.5
    return s


print(use(4000))
helpers.OFFSET = 7
print(use(4000))
helpers.g = lambda x: -x
print(use(4000))


def ufuncs(a):
    s = 0.0
    t = 0.0
    for i in range(a.shape[0]):  # jit: compiled
        x = a[i]
        s += np.sqrt(abs(x)) + np.exp(-x) + np.tanh(x) + np.floor(x) + np.sin(x) * np.cos(x)
        t += np.log1p(abs(x)) + np.arctan(x) + np.rint(x * 3.3) + np.square(x) + np.negative(x) + np.absolute(x)
    return s, t, type(np.sqrt(2.0)).__name__


print(ufuncs(np.linspace(-3, 3, 5001)))


def ufuncs_of_python_numbers(n):
    s = 0.0
    for i in range(n):  # jit: compiled
        s += np.sqrt(i) + np.log(i + 1.5) + np.exp(-i * 0.001)
    return s


print(ufuncs_of_python_numbers(4000))


def ufunc_edge_values(n):
    out = []
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        x = -1.0 if i % 3 == 0 else (0.0 if i % 3 == 1 else float("inf"))
        v = np.sqrt(x) + np.log(abs(x))
        if i < 6:
            out.append(repr(v))
    return out


print(ufunc_edge_values(3000))
