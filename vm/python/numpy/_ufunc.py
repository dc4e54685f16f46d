"""numpy's ufunc objects: `np.add`, `np.sqrt`, ... are instances of `ufunc`,
callable as functions (with `out=`, `where=`, `dtype=`) and with numpy's
methods `reduce`, `accumulate`, `outer` and `at`.

A call runs the plain function the object holds as `_call`; the JIT sees
through the object to that function (the class's `_pyjit_call_through`,
read in vm/src/world.rs), so compiled loops inline `np.sqrt(x)` as they
inline any function of the module."""

import _numpy
import numpy as _np


class _NoValueType:
    def __repr__(self):
        return "<no value>"


_NoValue = _NoValueType()

# Reductions the array type computes natively (numpy's summation order).
_NATIVE_REDUCE = {"add": "sum", "multiply": "prod", "maximum": "max", "minimum": "min", "logical_and": "all",
                  "logical_or": "any"}
_NATIVE_ACCUMULATE = {"add": "cumsum", "multiply": "cumprod"}


def _norm_axis(axis, ndim):
    axis = int(axis)
    if not -ndim <= axis < ndim:
        raise _np.AxisError("axis %d is out of bounds for array of dimension %d" % (axis, ndim))
    return axis + ndim if axis < 0 else axis


def _norm_axes(axis, ndim):
    """A reduction's axes (None: all), normalized, sorted, unique."""
    if axis is None:
        return list(range(ndim))
    if isinstance(axis, (tuple, list)):
        axes = [_norm_axis(a, ndim) for a in axis]
        if len(set(axes)) != len(axes):
            raise ValueError("duplicate value in 'axis'")
        return sorted(axes)
    return [_norm_axis(axis, ndim)]


def _keepdims(r, shape, axes):
    kept = tuple(1 if k in axes else d for k, d in enumerate(shape))
    return _np.asarray(r).reshape(kept)


def _finish(name, fn, args, out, where, dtype):
    # The general case of a call: dtype= casts the inputs, where= keeps
    # out's elements (zeros without out) where it is False.
    if dtype is not None:
        args = tuple(_np.asarray(a).astype(dtype) for a in args)
    r = fn(name, *args)
    if isinstance(out, tuple):
        if len(out) != 1:
            raise ValueError("The 'out' tuple must have exactly one entry per ufunc output")
        out = out[0]
    if where is not None and where is not True:
        base = out if out is not None else _np.zeros(_np.shape(r), _np.asarray(r).dtype)
        r = _numpy._where(_np.asarray(where).astype(_np.bool_), r, base)
    return _np._out(r, out)


def _binary_call(name):
    def call(x1, x2, out=None, where=None, dtype=None):
        if out is None and where is None and dtype is None:
            return _numpy._binary(name, x1, x2)
        return _finish(name, _numpy._binary, (x1, x2), out, where, dtype)

    call.__name__ = name
    return call


def _unary_call(name):
    def call(x, out=None, where=None, dtype=None):
        if out is None and where is None and dtype is None:
            return _numpy._unary(name, x)
        return _finish(name, _numpy._unary, (x,), out, where, dtype)

    call.__name__ = name
    return call


class ufunc:
    """A numpy universal function: elementwise, broadcasting, with
    `reduce`, `accumulate`, `outer` and `at`."""

    _pyjit_call_through = True

    def __init__(self, name, nin, call, identity=None, nout=1):
        self.__name__ = name
        self.nin = nin
        self.nout = nout
        self.nargs = nin + nout
        self.identity = identity
        self.signature = None
        self._call = call

    def __call__(self, *args, **kwargs):
        return self._call(*args, **kwargs)

    def __repr__(self):
        return "<ufunc '%s'>" % self.__name__

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError("'numpy.ufunc' object has no attribute %r" % name)
        raise _np.Unsupported("pyjit's numpy does not implement numpy.ufunc.%s" % name)

    def _binary_only(self, method):
        if self.nin != 2:
            raise ValueError("%s only supported for binary functions" % method)
        if self.nout != 1:
            raise ValueError("%s only supported for functions returning a single value" % method)

    def reduce(self, array, axis=0, dtype=None, out=None, keepdims=False, initial=_NoValue, where=True):
        self._binary_only("reduce")
        if where is not True:
            raise _np.Unsupported("pyjit's numpy does not implement the where= argument of ufunc.reduce")
        a = _np.asarray(array)
        if dtype is not None:
            a = a.astype(dtype)
        axes = _norm_axes(axis, a.ndim) if a.ndim else []
        native = _NATIVE_REDUCE.get(self.__name__)
        if a.ndim == 0:
            r = a[()] if initial is _NoValue else self._call(initial, a[()])
        elif native is not None and len(axes) == a.ndim and a.size > 0 and a.ndim > 1:
            r = a._reduce(native, None)
            if initial is not _NoValue:
                r = self._call(initial, r)
        else:
            r = a
            for ax in reversed(axes):
                r = self._reduce_axis(r, ax, initial)
        if keepdims:
            r = _keepdims(r, a.shape, axes)
        return _np._out(r, out)

    def _reduce_axis(self, a, ax, initial):
        n = a.shape[ax]
        rest = a.shape[:ax] + a.shape[ax + 1:]
        if n == 0:
            fill = initial if initial is not _NoValue else self.identity
            if fill is None:
                raise ValueError("zero-size array to reduction operation %s which has no identity" % self.__name__)
            native = _NATIVE_REDUCE.get(self.__name__)
            if native in ("sum", "prod", "all", "any") and initial is _NoValue:
                r = a._reduce(native, ax)
            else:
                r = _np.full(rest, fill, dtype=a.dtype)
            return r if rest else _np.asarray(r)[()]
        native = _NATIVE_REDUCE.get(self.__name__)
        if native is not None:
            r = a._reduce(native, ax)
        else:
            t = _np.moveaxis(a, ax, 0)
            r = t[0]
            for i in range(1, n):
                r = self._call(r, t[i])
        if initial is not _NoValue:
            r = self._call(initial, r)
        return r

    def accumulate(self, array, axis=0, dtype=None, out=None):
        self._binary_only("accumulate")
        a = _np.asarray(array)
        if dtype is not None:
            a = a.astype(dtype)
        if a.ndim == 0:
            raise TypeError("cannot accumulate on a scalar")
        ax = _norm_axis(axis, a.ndim)
        native = _NATIVE_ACCUMULATE.get(self.__name__)
        if native is not None:
            return _np._out(a._reduce(native, ax), out)
        t = _np.moveaxis(a, ax, 0)
        n = t.shape[0]
        if n == 0:
            return _np._out(a.copy(), out)
        parts = [_np.asarray(t[0])]
        r = t[0]
        for i in range(1, n):
            r = self._call(r, t[i])
            parts.append(_np.asarray(r))
        res = _np.stack(parts, 0)
        return _np._out(_np.moveaxis(res, 0, ax), out)

    def outer(self, A, B, out=None, dtype=None):
        self._binary_only("outer")
        A, B = _np.asarray(A), _np.asarray(B)
        return self._call(A.reshape(A.shape + (1,) * B.ndim), B, out, None, dtype)

    def at(self, a, indices, b=None):
        if not isinstance(a, _np.ndarray):
            raise TypeError("first operand must be an array")
        if self.nin == 2 and b is None:
            raise ValueError("second operand needed for ufunc")
        if isinstance(indices, (slice, type(Ellipsis))):
            # No index repeats in a slice: one operation.
            a[indices] = self._call(a[indices]) if self.nin == 1 else self._call(a[indices], b)
            return None
        if isinstance(indices, tuple):
            parts = [_np.asarray(i) for i in indices]
            n = 1
            for p in parts:
                if p.ndim > 1:
                    raise _np.Unsupported("pyjit's numpy does not implement ufunc.at with multidimensional index arrays")
                n = n if p.ndim == 0 else max(n, p.size)
            cols = [[int(p)] * n if p.ndim == 0 else [int(x) for x in p.tolist()] for p in parts]
            keys = list(zip(*cols)) if cols else []
        else:
            idx = _np.asarray(indices)
            if idx.dtype.kind == "b":
                idx = _np.flatnonzero(idx)
            keys = [int(i) for i in idx.ravel().tolist()]
        if self.nin == 1:
            for k in keys:
                a[k] = self._call(a[k])
            return None
        bb = _np.asarray(b)
        if bb.ndim == 0:
            for k in keys:
                a[k] = self._call(a[k], b)
            return None
        first = _np.asarray(a[keys[0]]) if keys else a
        bb = _np.broadcast_to(bb, (len(keys),) + first.shape)
        for j, k in enumerate(keys):
            a[k] = self._call(a[k], bb[j])
        return None

    def reduceat(self, *args, **kwargs):
        raise _np.Unsupported("pyjit's numpy does not implement numpy.ufunc.reduceat")


ufunc.__module__ = "numpy"

_IDENTITY = {"add": 0, "multiply": 1, "logical_and": True, "logical_or": False, "logical_xor": False,
             "bitwise_and": -1, "bitwise_or": 0, "bitwise_xor": 0}

BINARY = ("add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power", "less", "less_equal",
          "greater", "greater_equal", "equal", "not_equal", "maximum", "minimum", "bitwise_and", "bitwise_or",
          "bitwise_xor", "logical_and", "logical_or", "logical_xor", "arctan2", "hypot", "copysign", "left_shift",
          "right_shift")
UNARY = ("negative", "absolute", "sqrt", "exp", "log", "log10", "log2", "log1p", "expm1", "sin", "cos", "tan",
         "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "floor", "ceil", "trunc", "rint", "sign", "square",
         "isnan", "isinf", "isfinite", "logical_not", "invert", "fabs")


def _py_call(name, nin, fn):
    # A ufunc written in Python: fn(*arrays) of the inputs as arrays, its
    # 0-d result given back as a scalar.
    def compute(_name, *args):
        r = fn(*[_np.asarray(a) for a in args])
        r = _np.asarray(r)
        return r[()] if r.ndim == 0 else r

    if nin == 1:
        def call(x, out=None, where=None, dtype=None):
            return _finish(name, compute, (x,), out, where, dtype)
    else:
        def call(x1, x2, out=None, where=None, dtype=None):
            return _finish(name, compute, (x1, x2), out, where, dtype)
    call.__name__ = name
    return call


def _elementwise(f, dtype, *arrays):
    shape = _np.broadcast_shapes(*[a.shape for a in arrays])
    cols = [_np.broadcast_to(a, shape).ravel().tolist() for a in arrays]
    vals = [f(*v) for v in zip(*cols)]
    if not vals:
        return _np.zeros(shape, dtype)
    return _np.array(vals, dtype=dtype).reshape(shape)


_INT_MIN = {"int8": -128, "int32": -(1 << 31), "int64": -(1 << 63), "uint8": 0, "bool": 0}


def _reciprocal(x):
    if x.dtype.kind in "iub":
        lo = _INT_MIN[x.dtype.name]
        r = _numpy._where(x == 1, 1, _numpy._where(x == -1, -1, _numpy._where(x == 0, lo, 0)))
        return _np.asarray(r).astype(x.dtype)
    return _numpy._binary("divide", 1.0, x)


def _f64(x):
    return x if x.dtype.kind in "fc" and x.dtype.name != "float32" else x.astype(_np.float64)


def _logaddexp(x, y):
    x, y = _f64(x), _f64(y)
    tmp = x - y
    pos = x + _np.log1p(_np.exp(-tmp))
    neg = y + _np.log1p(_np.exp(tmp))
    r = _numpy._where(tmp > 0, pos, _numpy._where(tmp <= 0, neg, tmp))
    return _numpy._where(x == y, x + 0.6931471805599453, r)


def _int_args(name, *arrays):
    for a in arrays:
        if a.dtype.kind not in "iub":
            raise TypeError("ufunc '%s' not supported for the input types, and the inputs could not be safely "
                            "coerced to any supported types according to the casting rule ''safe''" % name)


def _gcd(x, y):
    import math
    _int_args("gcd", x, y)
    return _elementwise(lambda a, b: math.gcd(int(a), int(b)), _np.int64, x, y)


def _lcm(x, y):
    import math
    _int_args("lcm", x, y)
    return _elementwise(lambda a, b: 0 if a == 0 or b == 0 else abs(int(a) // math.gcd(int(a), int(b)) * int(b)),
                        _np.int64, x, y)


def _fmod(x, y):
    import math
    if x.dtype.kind in "iub" and y.dtype.kind in "iub":
        def f(a, b):
            if b == 0:
                return 0
            r = abs(int(a)) % abs(int(b))
            return -r if a < 0 else r
        return _elementwise(f, _np.result_type(x, y), x, y)
    def f(a, b):
        # C's fmod: nan where Python's raises.
        if b == 0 or a in (float("inf"), float("-inf")):
            return float("nan")
        return math.fmod(a, b)
    return _elementwise(f, _np.float64, _f64(x), _f64(y))


def _libm1(fname):
    def f(x):
        import math
        return _elementwise(getattr(math, fname), _np.float64, _f64(x))
    return f


def _make(name, nin, call, identity=None, nout=1):
    # Each ufunc is the one instance of its own subclass (named ufunc too)
    # whose __call__ is its function: a call runs it with no frame between.
    cls = type("ufunc", (ufunc,), {"__call__": staticmethod(call), "__slots__": ()})
    cls.__module__ = "numpy"
    return cls(name, nin, call, identity, nout)


def make_all():
    """The ufunc objects by name (numpy's aliases share an object)."""
    u = {}
    for n in BINARY:
        u[n] = _make(n, 2, _binary_call(n), _IDENTITY.get(n))
    for n in UNARY:
        u[n] = _make(n, 1, _unary_call(n))
    u["true_divide"] = u["divide"]
    u["mod"] = u["remainder"]
    u["abs"] = u["absolute"]
    u["bitwise_not"] = u["invert"]
    u["bitwise_left_shift"] = u["left_shift"]
    u["bitwise_right_shift"] = u["right_shift"]

    def divmod_call(x1, x2, out=None, where=None, dtype=None):
        if out is not None or where is not None or dtype is not None:
            raise _np.Unsupported("pyjit's numpy does not implement out=/where=/dtype= for numpy.divmod")
        return _numpy._binary("floor_divide", x1, x2), _numpy._binary("remainder", x1, x2)

    u["divmod"] = _make("divmod", 2, divmod_call, None, 2)
    deg = 3.141592653589793 / 180.0
    rad = 180.0 / 3.141592653589793
    py = {
        "positive": (1, lambda x: x.copy()),
        "deg2rad": (1, lambda x: _f64(x) * deg),
        "rad2deg": (1, lambda x: _f64(x) * rad),
        "radians": (1, lambda x: _f64(x) * deg),
        "degrees": (1, lambda x: _f64(x) * rad),
        "float_power": (2, lambda x, y: _numpy._binary("power", x.astype(_np.float64), y.astype(_np.float64))),
        "reciprocal": (1, _reciprocal),
        "signbit": (1, lambda x: (x < 0) if x.dtype.kind in "iub" else _numpy._binary("copysign", 1.0, x) < 0),
        "heaviside": (2, lambda x, h: _numpy._where(_np.isnan(_f64(x)), _np.nan, _numpy._where(
            x == 0, _f64(h), _numpy._where(x < 0, 0.0, 1.0)))),
        "logaddexp": (2, _logaddexp),
        "fmax": (2, lambda x, y: _numpy._where(_np.isnan(x), y, _numpy._where(_np.isnan(y), x,
                                                                              _numpy._binary("maximum", x, y)))),
        "fmin": (2, lambda x, y: _numpy._where(_np.isnan(x), y, _numpy._where(_np.isnan(y), x,
                                                                              _numpy._binary("minimum", x, y)))),
        "gcd": (2, _gcd),
        "lcm": (2, _lcm),
        "fmod": (2, _fmod),
        "cbrt": (1, _libm1("cbrt")),
        "exp2": (1, _libm1("exp2")),
    }
    for n, (nin, fn) in py.items():
        u[n] = _make(n, nin, _py_call(n, nin, fn), {"gcd": 0, "lcm": None}.get(n))

    return u
