"""pyjit's numpy: the array type and its arithmetic are native (_numpy);
this file gives them numpy's names, arguments and scalar types. Whatever
is missing raises NotImplementedError naming it, never a wrong answer."""

import builtins as _b
import math as _math
import _numpy

__version__ = "2.4.0"

pi = _math.pi
e = _math.e
inf = float("inf")
nan = float("nan")
newaxis = None


def _scalar_class(name, base):
    def __repr__(self):
        return _numpy._scalar_repr(name, self)

    def __str__(self):
        return _numpy._scalar_str(name, self)

    def __new__(cls, value=0):
        if isinstance(value, (list, tuple, ndarray)):
            return array(value, dtype=name)
        if isinstance(value, str):
            # np.float64("nan"), np.int64("3"): parsed as the Python type.
            value = bool(value) if name == "bool" else base(value)
        return base.__new__(cls, _numpy._cast_scalar(name, value))

    # _pyjit_numpy_scalar: float's own operators step aside for these int
    # subclasses (patches/rustpython-vm), as for numpy's ints, which are not
    # ints: 1.0 + np.int64(1) is np.float64(2.0).
    ns = {"__repr__": __repr__, "__str__": __str__, "__new__": __new__, "__slots__": (), "_pyjit_numpy_scalar": True}
    return type(name, (base,), ns)


class generic:
    pass


float64 = _scalar_class("float64", float)
float32 = _scalar_class("float32", float)
int64 = _scalar_class("int64", int)
int32 = _scalar_class("int32", int)
int8 = _scalar_class("int8", int)
uint8 = _scalar_class("uint8", int)
bool_ = _scalar_class("bool", int)
complex128 = _scalar_class("complex128", complex)
double = float_ = float64
single = float32
int_ = intp = int64
cdouble = complex_ = complex128


def _wrap_float64_ops():
    # np.float64 arithmetic gives np.float64 (and inf/nan, not
    # ZeroDivisionError, on division by zero, with numpy's warning elided).
    def mk(fname):
        fop = getattr(float, fname)

        def op(self, other):
            if isinstance(other, ndarray):
                return NotImplemented
            try:
                r = fop(self, other)
            except ZeroDivisionError:
                return _numpy._binary(_DIVNAMES[fname], float(self) if not fname.startswith("__r") else float(other),
                                      float(other) if not fname.startswith("__r") else float(self))
            if r is NotImplemented or type(r) is not float:
                return r
            return float64(r)

        return op

    for n in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow"):
        for f in ("__%s__" % n, "__r%s__" % n):
            setattr(float64, f, mk(f))

    # Powers are numpy's: inf, nan or 0 where Python's float would raise or
    # give a complex (the same C pow otherwise).
    def power(rev):
        def op(self, other):
            if isinstance(other, ndarray) or not isinstance(other, (int, float)):
                return NotImplemented
            return _numpy._binary("power", other, self) if rev else _numpy._binary("power", self, other)
        return op

    float64.__pow__ = power(False)
    float64.__rpow__ = power(True)
    float64.__divmod__ = lambda self, o: (self // o, self % o) if not isinstance(o, ndarray) else NotImplemented
    float64.__rdivmod__ = lambda self, o: (o // self, o % self) if not isinstance(o, ndarray) else NotImplemented
    float64.__neg__ = lambda self: float64(-float(self))
    float64.__pos__ = lambda self: self
    float64.__abs__ = lambda self: float64(_b.abs(float(self)))
    _compare_to_bool(float64, float)


import operator as _operator

_OPS = {n: getattr(_operator, n.strip("_")) for n in ("__lt__", "__le__", "__gt__", "__ge__", "__eq__", "__ne__")}


def _compare_to_bool(cls, base):
    # Comparisons of numpy scalars give np.bool_; __eq__ must keep the hash.
    def mk(name):
        bop = getattr(base, name)

        def op(self, other):
            if isinstance(other, ndarray):
                return NotImplemented
            r = bop(self, other)
            if r is NotImplemented and base is int and isinstance(other, float):
                # An int scalar and a float: float's exact comparison with
                # the plain int (float's methods step aside for ours).
                r = _OPS[name](int(self), other)
            return r if r is NotImplemented else bool_(r)

        return op

    for n in ("__lt__", "__le__", "__gt__", "__ge__", "__eq__", "__ne__"):
        setattr(cls, n, mk(n))
    cls.__hash__ = base.__hash__


def _wrap_int64_ops():
    # np.int64 arithmetic: int64 results wrapping on overflow, 0 for a zero
    # divisor, float64 with floats and for true division (numpy's
    # RuntimeWarnings are not printed).
    def wrap(r):
        return int64((r + (1 << 63)) % (1 << 64) - (1 << 63))

    def mk(fname):
        iop = getattr(int, fname)
        rev = fname.startswith("__r")

        def op(self, other):
            if isinstance(other, ndarray):
                return NotImplemented
            if isinstance(other, float):
                return getattr(float64(int(self)), fname)(other)
            if not isinstance(other, int):
                return NotImplemented
            if not -(1 << 63) <= other < (1 << 63):
                raise OverflowError("Python int too large to convert to C long")
            if fname in ("__pow__", "__rpow__") and (other if not rev else self) < 0:
                raise ValueError("Integers to negative integer powers are not allowed.")
            try:
                r = iop(self, other)
            except ZeroDivisionError:
                return int64(0)
            return r if r is NotImplemented else wrap(r)

        return op

    for n in ("add", "sub", "mul", "floordiv", "mod", "pow", "lshift", "rshift", "and", "or", "xor"):
        for f in ("__%s__" % n, "__r%s__" % n):
            setattr(int64, f, mk(f))
    int64.__truediv__ = lambda self, o: float64(int(self)) / o if isinstance(o, (int, float)) else NotImplemented
    int64.__rtruediv__ = lambda self, o: o / float64(int(self)) if isinstance(o, (int, float)) else NotImplemented
    int64.__divmod__ = lambda self, o: (self // o, self % o)
    int64.__rdivmod__ = lambda self, o: (o // self, o % self)
    int64.__neg__ = lambda self: wrap(-int(self))
    int64.__pos__ = lambda self: self
    int64.__abs__ = lambda self: wrap(_b.abs(int(self)))
    _compare_to_bool(int64, int)


def _wrap_small_ops(cls, base, ints):
    # float32, int32, int8, uint8 scalars: arithmetic in their own type as
    # numpy does it (NEP 50: a Python number takes the scalar's type; int
    # types wrap, float32 rounds), through the ufuncs.
    def mk(ufunc, rev):
        def op(self, other):
            if isinstance(other, ndarray) or not isinstance(other, (int, float, complex)):
                return NotImplemented
            return _numpy._binary(ufunc, other, self) if rev else _numpy._binary(ufunc, self, other)

        return op

    names = [("add", "add"), ("sub", "subtract"), ("mul", "multiply"), ("truediv", "true_divide"),
             ("floordiv", "floor_divide"), ("mod", "remainder"), ("pow", "power")]
    if ints:
        names += [("and", "bitwise_and"), ("or", "bitwise_or"), ("xor", "bitwise_xor")]
    for n, ufunc in names:
        setattr(cls, "__%s__" % n, mk(ufunc, False))
        setattr(cls, "__r%s__" % n, mk(ufunc, True))
    cls.__divmod__ = lambda self, o: (self // o, self % o) if not isinstance(o, ndarray) else NotImplemented
    cls.__rdivmod__ = lambda self, o: (o // self, o % self) if not isinstance(o, ndarray) else NotImplemented
    cls.__neg__ = lambda self: _numpy._unary("negative", self)
    cls.__pos__ = lambda self: self
    cls.__abs__ = lambda self: _numpy._unary("absolute", self)
    _compare_to_bool(cls, base)


_DIVNAMES = {
    "__truediv__": "true_divide", "__rtruediv__": "true_divide",
    "__floordiv__": "floor_divide", "__rfloordiv__": "floor_divide",
    "__mod__": "remainder", "__rmod__": "remainder",
}
_DTYPES = ("bool", "int8", "uint8", "int32", "int64", "float32", "float64", "complex128")
_ALIASES = {"float": "float64", "int": "int64", "complex": "complex128", "f8": "float64", "f4": "float32",
            "i8": "int64", "i4": "int32", "i1": "int8", "u1": "uint8", "b1": "bool", "?": "bool",
            "c16": "complex128", "double": "float64", "single": "float32", "int_": "int64", "intp": "int64",
            "bool_": "bool", "d": "float64", "f": "float32", "l": "int64", "i": "int32", "B": "uint8", "b": "int8"}


class dtype:
    __slots__ = ("name",)

    def __new__(cls, spec):
        if isinstance(spec, dtype):
            return spec
        self = object.__new__(cls)
        self.name = _dtype_name(spec)
        return self

    def __repr__(self):
        return "dtype('%s')" % self.name

    def __str__(self):
        return self.name

    def __eq__(self, other):
        try:
            return self.name == _dtype_name(other)
        except (TypeError, NotImplementedError):
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self.name)

    @property
    def type(self):
        return _SCALARS[self.name]

    @property
    def itemsize(self):
        return {"bool": 1, "int8": 1, "uint8": 1, "int32": 4, "int64": 8, "float32": 4, "float64": 8,
                "complex128": 16}[self.name]

    @property
    def kind(self):
        return {"bool": "b", "int8": "i", "uint8": "u", "int32": "i", "int64": "i", "float32": "f",
                "float64": "f", "complex128": "c"}[self.name]


_SCALARS = {"bool": bool_, "int8": int8, "uint8": uint8, "int32": int32, "int64": int64, "float32": float32,
            "float64": float64, "complex128": complex128}


# The dtype name of each scalar type and Python type (one dict lookup for
# the common `dtype=np.float64`).
_TYPE_NAMES = {c: n for n, c in _SCALARS.items()}
_TYPE_NAMES.update({float: "float64", int: "int64", bool: "bool", complex: "complex128"})


def _dtype_name(spec):
    if spec is None:
        return "float64"
    if isinstance(spec, type):
        n = _TYPE_NAMES.get(spec)
        if n is not None:
            return n
    if isinstance(spec, dtype):
        return spec.name
    if isinstance(spec, str):
        s = spec.lstrip("<=|")
        if s in _DTYPES:
            return s
        if s in _ALIASES:
            return _ALIASES[s]
    raise NotImplementedError("pyjit's numpy does not support dtype %r" % (spec,))


def _opt_dtype(d):
    return None if d is None else _dtype_name(d)


class ndarray(_numpy.ndarray):
    __array_priority__ = 0.0

    @property
    def dtype(self):
        return dtype(self._dtype_name)

    @property
    def flat(self):
        return iter(self.ravel())

    def reshape(self, *shape, order="C"):
        if order != "C":
            raise NotImplementedError("ndarray.reshape with order=%r" % order)
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = shape[0]
        return self._reshape([int(d) for d in shape])

    def astype(self, dtype, copy=True):
        return self._astype(_dtype_name(dtype))

    def sum(self, axis=None, dtype=None, out=None, keepdims=False):
        a = self if dtype is None else self.astype(dtype)
        return _out(_red(a, "sum", axis, keepdims), out)

    def prod(self, axis=None, dtype=None, out=None, keepdims=False):
        a = self if dtype is None else self.astype(dtype)
        return _out(_red(a, "prod", axis, keepdims), out)

    def max(self, axis=None, out=None, keepdims=False):
        return _out(_red(self, "max", axis, keepdims), out)

    def min(self, axis=None, out=None, keepdims=False):
        return _out(_red(self, "min", axis, keepdims), out)

    def argmax(self, axis=None, out=None, keepdims=False):
        return _out(_red(self, "argmax", axis, keepdims, True), out)

    def argmin(self, axis=None, out=None, keepdims=False):
        return _out(_red(self, "argmin", axis, keepdims, True), out)

    def all(self, axis=None, out=None, keepdims=False):
        return _out(_red(self, "all", axis, keepdims), out)

    def any(self, axis=None, out=None, keepdims=False):
        return _out(_red(self, "any", axis, keepdims), out)

    def mean(self, axis=None, dtype=None, out=None, keepdims=False):
        a = self if dtype is None else self.astype(dtype)
        if isinstance(axis, (tuple, list)):
            axes = _uf._norm_axes(axis, a.ndim)
            if len(axes) < a.ndim:
                n = 1
                for k in axes:
                    n *= a.shape[k]
                r = _red(a if a.dtype.kind in "fc" else a.astype(float64), "sum", axes, keepdims) / n
                return _out(r, out)
            axis = None
        return _out(_red(a, "mean", axis, keepdims), out)

    def var(self, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
        r = self._var(axis, float(ddof))
        if keepdims:
            r = _uf._keepdims(r, self.shape, _uf._norm_axes(axis, self.ndim))
        return _out(r, out)

    def std(self, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
        return _out(sqrt(self.var(axis, dtype, None, ddof, keepdims)), out)

    def cumsum(self, axis=None, dtype=None, out=None):
        a = self if dtype is None else self.astype(dtype)
        return _out(a._reduce("cumsum", axis), out)

    def cumprod(self, axis=None, dtype=None, out=None):
        a = self if dtype is None else self.astype(dtype)
        return _out(a._reduce("cumprod", axis), out)

    def sort(self, axis=-1, kind=None, order=None, stable=None):
        _no(order, "order")
        self[...] = _srt.sort(self, axis)

    def argsort(self, axis=-1, kind=None, order=None, stable=None):
        _no(order, "order")
        return _srt.argsort(self, axis)

    def searchsorted(self, v, side="left", sorter=None):
        return _srt.searchsorted(self, v, side, sorter)

    def nonzero(self):
        return _srt.nonzero(self)

    def repeat(self, repeats, axis=None):
        return _cst.repeat(self, repeats, axis)

    def squeeze(self, axis=None):
        return _cst.squeeze(self, axis)

    def swapaxes(self, axis1, axis2):
        return _cst.swapaxes(self, axis1, axis2)

    def diagonal(self, offset=0, axis1=0, axis2=1):
        return _cst.diagonal(self, offset, axis1, axis2)

    def trace(self, offset=0, axis1=0, axis2=1, dtype=None, out=None):
        return _cst.trace(self, offset, axis1, axis2, dtype, out)

    def __divmod__(self, o):
        return divmod_(self, o)

    def __rdivmod__(self, o):
        return divmod_(o, self)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError("'numpy.ndarray' object has no attribute %r" % name)
        raise Unsupported("pyjit's numpy does not implement numpy.ndarray.%s" % name)

    def dot(self, b):
        return _numpy._dot(self, b)

    def clip(self, a_min=None, a_max=None):
        return clip(self, a_min, a_max)

    def round(self, decimals=0):
        return round_(self, decimals)

    def __round__(self, ndigits=None):
        return round_(self, ndigits or 0)

    def __array__(self):
        return self

    def __contains__(self, x):
        return bool((self == x).any())

    def __radd__(self, o):
        return add(o, self)

    def __rsub__(self, o):
        return subtract(o, self)

    def __rmul__(self, o):
        return multiply(o, self)

    def __rtruediv__(self, o):
        return true_divide(o, self)

    def __rfloordiv__(self, o):
        return floor_divide(o, self)

    def __rmod__(self, o):
        return remainder(o, self)

    def __rpow__(self, o):
        return power(o, self)

    def __rmatmul__(self, o):
        return matmul(o, self)

    def __format__(self, spec):
        if self.ndim == 0:
            return format(self.item(), spec)
        if spec:
            raise TypeError("unsupported format string passed to numpy.ndarray.__format__")
        return str(self)

    def __hash__(self):
        raise TypeError("unhashable type: 'numpy.ndarray'")

    def __str__(self):
        return self._str()


_numpy._register(ndarray, list(_SCALARS), list(_SCALARS.values()))
_wrap_float64_ops()
_wrap_int64_ops()
_wrap_small_ops(float32, float, False)
for _c in (int32, int8, uint8):
    _wrap_small_ops(_c, int, True)
# np.bool_ arithmetic is numpy's too (np.True_ + 1 is np.int64(2)).
_wrap_small_ops(bool_, int, True)
True_ = bool_(True)
False_ = bool_(False)


def _red(a, op, axis, keepdims, arg=False):
    # A reduction over an axis, a tuple of axes or all of them (None);
    # keepdims= keeps the reduced axes as length 1.
    if axis is None or type(axis) is int:
        r = a._reduce(op, axis)
        if not keepdims:
            return r
        axes = _uf._norm_axes(axis, a.ndim)
    else:
        if arg:
            raise TypeError("'tuple' object cannot be interpreted as an integer")
        axes = _uf._norm_axes(axis, a.ndim)
        if len(axes) == a.ndim:
            r = a._reduce(op, None) if a.ndim != 1 else a._reduce(op, 0)
        else:
            r = a
            for ax in reversed(axes):
                r = r._reduce(op, ax)
    if keepdims:
        r = _uf._keepdims(r, a.shape, axes)
    return r


def _out(r, out):
    if out is None:
        return r
    if isinstance(out, tuple):
        out = out[0]
    out[...] = r
    return out


def _no(value, name):
    if value is not None and value is not False:
        raise NotImplementedError("pyjit's numpy does not support the %s= argument here" % name)


def _shape(shape):
    if isinstance(shape, (tuple, list)):
        return [int(d) for d in shape]
    return [int(shape)]


# ---- creation ----

def array(obj, dtype=None, copy=True, ndmin=0, order=None):
    a = _numpy._array(obj, _opt_dtype(dtype))
    while a.ndim < ndmin:
        a = a[None]
    return a


def asarray(obj, dtype=None, order=None):
    if isinstance(obj, ndarray) and (dtype is None or _dtype_name(dtype) == obj._dtype_name):
        return obj
    return array(obj, dtype)


asanyarray = asarray


def copy(a):
    return array(a)


def zeros(shape, dtype=float, order="C"):
    return _numpy._full(_shape(shape), 0, _dtype_name(dtype))


def ones(shape, dtype=None, order="C"):
    return _numpy._full(_shape(shape), 1, _dtype_name(dtype))


def empty(shape, dtype=float, order="C"):
    return zeros(shape, dtype)


def full(shape, fill_value, dtype=None, order="C"):
    return _numpy._full(_shape(shape), fill_value, _opt_dtype(dtype))


def zeros_like(a, dtype=None):
    a = asarray(a)
    return zeros(a.shape, a.dtype if dtype is None else dtype)


def ones_like(a, dtype=None):
    a = asarray(a)
    return ones(a.shape, a.dtype if dtype is None else dtype)


def empty_like(a, dtype=None):
    return zeros_like(a, dtype)


def full_like(a, fill_value, dtype=None):
    a = asarray(a)
    return full(a.shape, fill_value, a.dtype if dtype is None else dtype)


def arange(start, stop=None, step=1, dtype=None):
    if stop is None:
        start, stop = 0, start
    return _numpy._arange(start, stop, step, _opt_dtype(dtype))


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None):
    num = int(num)
    if num < 0:
        raise ValueError("Number of samples, %d, must be non-negative." % num)
    div = (num - 1) if endpoint else num
    delta = float(stop) - float(start)
    y = arange(0, num).astype(float64)
    step = delta / div if div > 0 else nan
    if div > 0:
        if step == 0:
            y = (y / div) * delta
        else:
            y = y * step
    else:
        y = y * delta
    y = y + float(start)
    if endpoint and num > 1:
        y[-1] = stop
    if dtype is not None:
        y = y.astype(dtype)
    return (y, step) if retstep else y


def eye(N, M=None, k=0, dtype=float):
    M = N if M is None else M
    a = zeros((N, M), dtype)
    for i in range(N):
        if 0 <= i + k < M:
            a[i, i + k] = 1
    return a


def identity(n, dtype=None):
    return eye(n, dtype=float if dtype is None else dtype)


# ---- ufuncs and functions ----

from . import _ufunc as _uf  # noqa: E402

ufunc = _uf.ufunc
globals().update(_uf.make_all())
divmod_ = globals()["divmod"]


def matmul(a, b):
    return asarray(a) @ asarray(b)


def dot(a, b):
    return _numpy._dot(a, b)


def vdot(a, b):
    return _numpy._dot(asarray(a).ravel(), asarray(b).ravel())


def inner(a, b):
    return _numpy._dot(a, b)


def outer(a, b):
    return asarray(a).ravel()[:, None] * asarray(b).ravel()[None, :]


def where(condition, x=None, y=None):
    if x is None and y is None:
        return nonzero(condition)
    return _numpy._where(condition, x, y)


def nonzero(a):
    a = asarray(a)
    if a.ndim != 1:
        raise NotImplementedError("numpy.nonzero of a %d-d array" % a.ndim)
    return (array([i for i in range(len(a)) if a[i]], dtype=int64),)


def clip(a, a_min, a_max, out=None):
    r = asarray(a)
    if a_min is not None:
        r = maximum(r, a_min)
    if a_max is not None:
        r = minimum(r, a_max)
    if out is not None:
        out[...] = r
        return out
    return r


def round_(a, decimals=0):
    # numpy's way: scaled by 10**decimals (a double, exact up to 1e22),
    # rounded half to even, scaled back.
    a = asarray(a)
    if a.dtype.kind == "f":
        if decimals == 0:
            return rint(a)
        if decimals > 0:
            f = 10.0 ** decimals
            return rint(a * f) / f
        f = 10.0 ** -decimals
        return rint(a / f) * f
    if decimals >= 0:
        return a.copy()
    raise NotImplementedError("numpy.round of an integer array with decimals < 0")


around = round_
round = round_


def _reducer(name):
    def f(a, axis=None, *args, **kw):
        return getattr(asarray(a), name)(axis, *args, **kw)
    f.__name__ = name
    return f


for _n in ("sum", "prod", "mean", "std", "var", "argmin", "argmax", "all", "any", "cumsum", "cumprod"):
    globals()[_n] = _reducer(_n)
amax = max = _reducer("max")
amin = min = _reducer("min")


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    return bool(all(isclose(a, b, rtol, atol, equal_nan)))


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    a, b = asarray(a).astype(float64), asarray(b).astype(float64)
    close = less_equal(absolute(a - b), atol + rtol * absolute(b))
    close = logical_and(close, equal(isinf(a), isinf(b)))
    close = logical_or(close, logical_and(equal(a, b), isinf(a)))
    if equal_nan:
        close = logical_or(close, logical_and(isnan(a), isnan(b)))
    return close


def array_equal(a1, a2, equal_nan=False):
    a1, a2 = asarray(a1), asarray(a2)
    if a1.shape != a2.shape:
        return False
    eq = equal(a1, a2)
    if equal_nan:
        eq = logical_or(eq, logical_and(isnan(a1), isnan(a2)))
    return bool(asarray(eq).all())


def concatenate(arrays, axis=0):
    if axis is None:
        return _numpy._concatenate([asarray(a).ravel() for a in arrays], 0)
    return _numpy._concatenate([asarray(a) for a in arrays], axis)


def stack(arrays, axis=0):
    arrays = [asarray(a) for a in arrays]
    nd = arrays[0].ndim + 1
    ax = axis + nd if axis < 0 else axis
    expanded = [a.reshape(a.shape[:ax] + (1,) + a.shape[ax:]) for a in arrays]
    return concatenate(expanded, ax)


def atleast_1d(a):
    a = asarray(a)
    return a.reshape(1) if a.ndim == 0 else a


def atleast_2d(a):
    a = asarray(a)
    if a.ndim == 0:
        return a.reshape(1, 1)
    if a.ndim == 1:
        return a[None, :]
    return a


def vstack(tup):
    return concatenate([atleast_2d(a) for a in tup], 0)


def hstack(tup):
    arrs = [atleast_1d(a) for a in tup]
    return concatenate(arrs, 0 if arrs[0].ndim == 1 else 1)


def reshape(a, newshape):
    return asarray(a).reshape(newshape)


def ravel(a):
    return asarray(a).ravel()


def transpose(a, axes=None):
    a = asarray(a)
    return a.transpose(*axes) if axes is not None else a.T


def shape(a):
    return asarray(a).shape


def ndim(a):
    return asarray(a).ndim


def size(a):
    return asarray(a).size


def empty_like_shape(a):
    return zeros(a.shape)


class Unsupported(NotImplementedError, AttributeError):
    """What pyjit's numpy lacks: a NotImplementedError that hasattr() also understands."""


from . import _construct as _cst  # noqa: E402
from . import _sorting as _srt  # noqa: E402
from ._construct import *  # noqa: E402,F401,F403
from ._sorting import *  # noqa: E402,F401,F403
from ._grids import *  # noqa: E402,F401,F403
from ._nanfuncs import *  # noqa: E402,F401,F403
from ._options import *  # noqa: E402,F401,F403
from . import random  # noqa: E402
from . import linalg  # noqa: E402


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError("module 'numpy' has no attribute %r" % name)
    raise Unsupported("pyjit's numpy does not implement numpy.%s" % name)

