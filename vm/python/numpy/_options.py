"""numpy's settings: print options (precision, threshold, edgeitems,
linewidth, suppress; the printing itself is native) and floating-point
error handling (seterr/geterr/errstate: pyjit's numpy prints no
RuntimeWarnings, so 'ignore', 'warn', 'print' and 'log' all behave as
'ignore'; 'raise' and 'call' are not implemented), and np.ix_."""

import _numpy
import numpy as _np

__all__ = ["set_printoptions", "get_printoptions", "printoptions", "seterr", "geterr", "errstate", "ix_"]

_FIXED = {"floatmode": "maxprec", "nanstr": "nan", "infstr": "inf", "sign": "-", "formatter": None,
          "legacy": False, "override_repr": None}


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None,
                     infstr=None, formatter=None, sign=None, floatmode=None, *, legacy=None, override_repr=None):
    for name, value in (("nanstr", nanstr), ("infstr", infstr), ("formatter", formatter), ("sign", sign),
                        ("floatmode", floatmode), ("legacy", legacy), ("override_repr", override_repr)):
        if value is not None and value != _FIXED[name]:
            raise _np.Unsupported("pyjit's numpy does not implement set_printoptions(%s=%r)" % (name, value))
    if precision is not None:
        precision = int(precision)
        if precision < 0:
            raise ValueError("precision must be >= 0")
    if threshold is not None:
        threshold = int(threshold)
    _numpy._set_printoptions(precision, threshold, None if edgeitems is None else int(edgeitems),
                             None if linewidth is None else int(linewidth),
                             None if suppress is None else bool(suppress))


def get_printoptions():
    precision, threshold, edgeitems, linewidth, suppress = _numpy._get_printoptions()
    d = {"edgeitems": edgeitems, "threshold": threshold, "floatmode": "maxprec", "precision": precision,
         "suppress": suppress, "linewidth": linewidth}
    for k in ("nanstr", "infstr", "sign", "formatter", "legacy", "override_repr"):
        d[k] = _FIXED[k]
    return {k: d[k] for k in ("edgeitems", "threshold", "floatmode", "precision", "suppress", "linewidth", "nanstr",
                              "infstr", "sign", "formatter", "legacy", "override_repr")}


class printoptions:
    """`with np.printoptions(precision=3): ...`"""

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs

    def __enter__(self):
        self.saved = _numpy._get_printoptions()
        set_printoptions(*self.args, **self.kwargs)
        return get_printoptions()

    def __exit__(self, *exc):
        _numpy._set_printoptions(*self.saved)
        return False


_ERR = {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}
_MODES = ("ignore", "warn", "raise", "call", "print", "log")


def geterr():
    return dict(_ERR)


def seterr(all=None, divide=None, over=None, under=None, invalid=None):
    old = geterr()
    new = {"divide": divide, "over": over, "under": under, "invalid": invalid}
    for k in new:
        v = new[k] if new[k] is not None else all
        if v is None:
            continue
        if v not in _MODES:
            raise ValueError("invalid error mode %r" % (v,))
        if v in ("raise", "call"):
            raise _np.Unsupported("pyjit's numpy does not implement seterr(%s=%r)" % (k, v))
        _ERR[k] = v
    return old


class errstate:
    """`with np.errstate(divide='ignore'): ...`, also a decorator."""

    def __init__(self, *, call=None, all=None, divide=None, over=None, under=None, invalid=None):
        if call is not None:
            raise _np.Unsupported("pyjit's numpy does not implement errstate(call=...)")
        self.kw = {"all": all, "divide": divide, "over": over, "under": under, "invalid": invalid}

    def __enter__(self):
        self.old = seterr(**self.kw)

    def __exit__(self, *exc):
        _ERR.update(self.old)
        return False

    def __call__(self, func):
        def wrapper(*args, **kwargs):
            with errstate(**self.kw):
                return func(*args, **kwargs)
        wrapper.__name__ = getattr(func, "__name__", "wrapper")
        return wrapper


def ix_(*args):
    out = []
    nd = len(args)
    for k, new in enumerate(args):
        a = _np.asarray(new)
        if a.ndim != 1:
            raise ValueError("Cross index must be 1 dimensional")
        if a.size == 0:
            a = a.astype(_np.int64)
        if a.dtype.kind == "b":
            a = _np.flatnonzero(a)
        shape = [1] * nd
        shape[k] = a.size
        out.append(a.reshape(shape))
    return tuple(out)
