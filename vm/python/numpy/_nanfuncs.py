"""numpy's nan-ignoring reductions (nansum, nanmean, nanmax, nanargmax,
nanstd, nanmedian, nanpercentile, ...), nan_to_num and logspace, computed
the way numpy computes them (nans replaced, then the plain reduction)."""

import _numpy
import numpy as _np
from numpy._construct import _axis, moveaxis, median, quantile

__all__ = ["nansum", "nanprod", "nanmean", "nanvar", "nanstd", "nanmax", "nanmin", "nanargmax", "nanargmin",
           "nancumsum", "nancumprod", "nanmedian", "nanpercentile", "nanquantile", "nan_to_num", "logspace",
           "isposinf", "isneginf"]


def _replace(a, value):
    a = _np.asarray(a)
    if a.dtype.kind not in "fc":
        return a, None
    mask = _np.isnan(a)
    return _numpy._where(mask, value, a), mask


def nansum(a, axis=None, dtype=None, out=None, keepdims=False):
    arr, _ = _replace(a, 0)
    return _np.sum(arr, axis, dtype=dtype, out=out, keepdims=keepdims)


def nanprod(a, axis=None, dtype=None, out=None, keepdims=False):
    arr, _ = _replace(a, 1)
    return _np.prod(arr, axis, dtype=dtype, out=out, keepdims=keepdims)


def nancumsum(a, axis=None, dtype=None, out=None):
    arr, _ = _replace(a, 0)
    return _np.cumsum(arr, axis, dtype=dtype, out=out)


def nancumprod(a, axis=None, dtype=None, out=None):
    arr, _ = _replace(a, 1)
    return _np.cumprod(arr, axis, dtype=dtype, out=out)


def nanmean(a, axis=None, dtype=None, out=None, keepdims=False):
    arr, mask = _replace(a, 0)
    if mask is None:
        return _np.mean(arr, axis, dtype=dtype, out=out, keepdims=keepdims)
    cnt = _np.sum(~mask, axis, keepdims=keepdims)
    tot = _np.sum(arr, axis, dtype=dtype, keepdims=keepdims)
    return _np._out(tot / cnt, out)


def nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    arr, mask = _replace(a, 0)
    if mask is None:
        return _np.var(arr, axis, dtype=dtype, out=out, ddof=ddof, keepdims=keepdims)
    cnt = _np.sum(~mask, axis, keepdims=True)
    avg = _np.sum(arr, axis, keepdims=True) / cnt
    d = _numpy._where(mask, 0.0, arr - avg)
    sq = d * d
    var = _np.sum(sq, axis, keepdims=keepdims)
    dof = _np.sum(~mask, axis, keepdims=keepdims) - ddof
    return _np._out(var / dof, out)


def nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    return _np._out(_np.sqrt(nanvar(a, axis, dtype, None, ddof, keepdims)), out)


def _nan_extreme(a, axis, keepdims, fill, op):
    arr, mask = _replace(a, fill)
    r = getattr(arr, op)(axis, keepdims=keepdims)
    if mask is None:
        return r
    allnan = mask.all(axis, keepdims=keepdims)
    return _numpy._where(allnan, _np.nan, r)


def nanmax(a, axis=None, out=None, keepdims=False):
    return _np._out(_nan_extreme(a, axis, keepdims, -_np.inf, "max"), out)


def nanmin(a, axis=None, out=None, keepdims=False):
    return _np._out(_nan_extreme(a, axis, keepdims, _np.inf, "min"), out)


def _nan_arg(a, axis, fill, op):
    arr, mask = _replace(a, fill)
    if mask is not None and bool(_np.asarray(mask.all(axis)).any()):
        raise ValueError("All-NaN slice encountered")
    return getattr(arr, op)(axis)


def nanargmax(a, axis=None, out=None, keepdims=False):
    return _nan_arg(a, axis, -_np.inf, "argmax")


def nanargmin(a, axis=None, out=None, keepdims=False):
    return _nan_arg(a, axis, _np.inf, "argmin")


def _per_lane(a, axis, f):
    # f of each lane's non-nan values (nan for a lane with none).
    a = _np.asarray(a)
    if a.dtype.kind not in "fc":
        a = a.astype(float)
    if axis is None:
        v = a.ravel()
        v = v[~_np.isnan(v)] if v.size else v
        return f(v) if v.size else _np.float64(_np.nan)
    ax = _axis(axis, a.ndim)
    t = moveaxis(a, ax, -1)
    rest = t.shape[:-1]
    flat = t.reshape(-1, t.shape[-1])
    outs = []
    for i in range(flat.shape[0]):
        v = flat[i]
        v = v[~_np.isnan(v)] if v.size else v
        outs.append(_np.asarray(f(v) if v.size else _np.nan))
    if not outs:
        return _np.zeros(rest)
    res = _np.stack(outs, -1)
    return res.reshape(res.shape[:-1] + rest)


def nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    if keepdims:
        raise _np.Unsupported("pyjit's numpy does not implement numpy.nanmedian with keepdims=")
    return _np._out(_per_lane(a, axis, median), out)


def nanquantile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False):
    if keepdims or _np.ndim(q) != 0:
        raise _np.Unsupported("pyjit's numpy does not implement numpy.nanquantile of several quantiles or keepdims=")
    return _np._out(_per_lane(a, axis, lambda v: quantile(v, q, method=method)), out)


def nanpercentile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False):
    if _np.ndim(q) == 0 and not 0 <= q <= 100:
        raise ValueError("Percentiles must be in the range [0, 100]")
    return nanquantile(a, _np.asarray(q) / 100, axis, out, overwrite_input, method, keepdims)


def nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    a = _np.asarray(x)
    if a.dtype.kind != "f":
        return a.copy() if copy else a
    big = 3.4028234663852886e+38 if a.dtype.name == "float32" else 1.7976931348623157e+308
    r = _numpy._where(_np.isnan(a), nan, a)
    r = _numpy._where(r == _np.inf, big if posinf is None else posinf, r)
    r = _numpy._where(r == -_np.inf, -big if neginf is None else neginf, r)
    r = _np.asarray(r).astype(a.dtype)
    if not copy:
        a[...] = r
        return a
    return r[()] if a.ndim == 0 else r


def isposinf(x, out=None):
    return _np._out(_np.isinf(x) & (_np.asarray(x) > 0), out)


def isneginf(x, out=None):
    return _np._out(_np.isinf(x) & (_np.asarray(x) < 0), out)


def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
    y = _np.linspace(start, stop, num, endpoint)
    r = _np.power(base, y)
    return r if dtype is None else r.astype(dtype)
