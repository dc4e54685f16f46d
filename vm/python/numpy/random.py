"""np.random: numpy's legacy global RandomState (MT19937), the same stream
as numpy's for the same seed."""

import _numpy
import numpy as _np

_rs = _numpy.RandomState._new()


def _size(size):
    if size is None:
        return None
    if isinstance(size, (tuple, list)):
        return [int(d) for d in size]
    return [int(size)]


def seed(seed=None):
    _rs.seed(seed)


def random(size=None):
    return _rs._random(_size(size))


random_sample = sample = ranf = random


def rand(*shape):
    return _rs._random(list(shape) if shape else None)


def randn(*shape):
    return _rs._normal(0.0, 1.0, list(shape) if shape else None)


def standard_normal(size=None):
    return _rs._normal(0.0, 1.0, _size(size))


def normal(loc=0.0, scale=1.0, size=None):
    return _rs._normal(float(loc), float(scale), _size(size))


def uniform(low=0.0, high=1.0, size=None):
    return _rs._uniform(float(low), float(high), _size(size))


def randint(low, high=None, size=None, dtype=int):
    if high is None:
        low, high = 0, low
    if _np._dtype_name(dtype) != "int64":
        raise NotImplementedError("numpy.random.randint with dtype=%r" % (dtype,))
    r = _rs._randint(int(low), int(high), _size(size))
    if size is not None:
        return r
    # numpy gives a Python int for the default dtype, np.int64 for a named one.
    return int(r) if dtype is int else _np.int64(r)


def permutation(x):
    if isinstance(x, int):
        return _rs._permutation(x)
    a = _np.array(x)
    shuffle(a)
    return a


def shuffle(x):
    if isinstance(x, _np.ndarray):
        _rs._shuffle(x)
        return
    raise NotImplementedError("numpy.random.shuffle of a %s" % type(x).__name__)


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError("module 'numpy.random' has no attribute %r" % name)
    raise _np.Unsupported("pyjit's numpy does not implement numpy.random.%s" % name)
