"""np.random: numpy's legacy global RandomState (MT19937), the same stream
as numpy's for the same seed."""

import _numpy
import numpy as _np

def _size(size):
    if size is None:
        return None
    if isinstance(size, (tuple, list)):
        return [int(d) for d in size]
    return [int(size)]


class RandomState:
    """numpy's legacy generator: `np.random.RandomState(seed)` makes one,
    and the module's own functions are the methods of a global one."""

    def __init__(self, seed=None):
        self._rs = _numpy.RandomState._new()
        if seed is not None:
            self._rs.seed(seed)

    def seed(self, seed=None):
        self._rs.seed(seed)

    def random(self, size=None):
        return self._rs._random(_size(size))

    random_sample = sample = ranf = random

    def rand(self, *shape):
        return self._rs._random(list(shape) if shape else None)

    def randn(self, *shape):
        return self._rs._normal(0.0, 1.0, list(shape) if shape else None)

    def standard_normal(self, size=None):
        return self._rs._normal(0.0, 1.0, _size(size))

    def normal(self, loc=0.0, scale=1.0, size=None):
        return self._rs._normal(float(loc), float(scale), _size(size))

    def uniform(self, low=0.0, high=1.0, size=None):
        return self._rs._uniform(float(low), float(high), _size(size))

    def randint(self, low, high=None, size=None, dtype=int):
        if high is None:
            low, high = 0, low
        if _np._dtype_name(dtype) != "int64":
            raise NotImplementedError("numpy.random.randint with dtype=%r" % (dtype,))
        r = self._rs._randint(int(low), int(high), _size(size))
        if size is not None:
            return r
        # numpy gives a Python int for the default dtype, np.int64 for a named one.
        return int(r) if dtype is int else _np.int64(r)

    def permutation(self, x):
        if isinstance(x, int):
            return self._rs._permutation(x)
        a = _np.array(x)
        self.shuffle(a)
        return a

    def shuffle(self, x):
        if isinstance(x, _np.ndarray):
            self._rs._shuffle(x)
            return
        raise NotImplementedError("numpy.random.shuffle of a %s" % type(x).__name__)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise _np.Unsupported("pyjit's numpy does not implement numpy.random.RandomState.%s" % name)


_global = RandomState()
seed = _global.seed
random = random_sample = sample = ranf = _global.random
rand = _global.rand
randn = _global.randn
standard_normal = _global.standard_normal
normal = _global.normal
uniform = _global.uniform
randint = _global.randint
permutation = _global.permutation
shuffle = _global.shuffle


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError("module 'numpy.random' has no attribute %r" % name)
    raise _np.Unsupported("pyjit's numpy does not implement numpy.random.%s" % name)
