"""numpy's shape and construction functions (diag, tile, repeat, pad, roll,
meshgrid, split, flip, ...) and the statistics built on sorting (median,
percentile, quantile), written on the array operations of the module."""

import math as _math
import _numpy
import numpy as _np

__all__ = ["moveaxis", "swapaxes", "expand_dims", "squeeze", "broadcast_to", "take", "diagonal", "diag", "trace",
           "tile", "repeat", "pad", "roll", "meshgrid", "indices", "unravel_index", "ravel_multi_index", "tri",
           "tril", "triu", "flip", "fliplr", "flipud", "rot90", "split", "array_split", "hsplit", "vsplit",
           "atleast_1d", "atleast_2d", "atleast_3d", "diff", "convolve", "correlate", "interp", "median",
           "percentile", "quantile", "average", "kron", "ptp", "cross", "append", "insert", "delete", "column_stack",
           "dstack", "flatnonzero", "result_type", "AxisError", "count_nonzero", "broadcast_shapes"]


class AxisError(ValueError, IndexError):
    """numpy.exceptions.AxisError: an axis out of range."""


AxisError.__module__ = "numpy.exceptions"


def _axis(axis, ndim):
    axis = int(axis)
    if not -ndim <= axis < ndim:
        raise AxisError("axis %d is out of bounds for array of dimension %d" % (axis, ndim))
    return axis + ndim if axis < 0 else axis


def result_type(*args):
    r = None
    for a in args:
        d = _np.dtype(a) if isinstance(a, (_np.dtype, str, type)) else _np.asarray(a).dtype
        r = d if r is None else _np.dtype(_numpy._binary("add", _np.zeros(1, r), _np.zeros(1, d)).dtype) \
            if not (r.kind == "b" and d.kind == "b") else r
    return r


def broadcast_shapes(*shapes):
    out = []
    for s in shapes:
        s = tuple(s) if isinstance(s, (tuple, list)) else (int(s),)
        n = max(len(out), len(s))
        a = [1] * (n - len(out)) + list(out)
        b = [1] * (n - len(s)) + list(s)
        r = []
        for x, y in zip(a, b):
            if x != y and x != 1 and y != 1:
                raise ValueError("shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is "
                                 "between arg 0 with shape %s and arg 1 with shape %s." % (tuple(out), s))
            r.append(y if x == 1 else x)
        out = r
    return tuple(out)


def moveaxis(a, source, destination):
    a = _np.asarray(a)
    n = a.ndim
    src = [_axis(s, n) for s in (source if isinstance(source, (tuple, list)) else [source])]
    dst = [_axis(d, n) for d in (destination if isinstance(destination, (tuple, list)) else [destination])]
    if len(src) != len(dst):
        raise ValueError("`source` and `destination` arguments must have the same number of elements")
    order = [k for k in range(n) if k not in src]
    for d, s in sorted(zip(dst, src)):
        order.insert(d, s)
    if order == list(range(n)):
        return a
    return a.transpose(*order)


def swapaxes(a, axis1, axis2):
    a = _np.asarray(a)
    order = list(range(a.ndim))
    i, j = _axis(axis1, a.ndim), _axis(axis2, a.ndim)
    order[i], order[j] = order[j], order[i]
    return a.transpose(*order)


def expand_dims(a, axis):
    a = _np.asarray(a)
    axes = axis if isinstance(axis, (tuple, list)) else [axis]
    n = a.ndim + len(axes)
    axes = sorted(_axis(x, n) for x in axes)
    shape = list(a.shape)
    for x in axes:
        shape.insert(x, 1)
    return a.reshape(shape)


def squeeze(a, axis=None):
    a = _np.asarray(a)
    if axis is None:
        return a.reshape([d for d in a.shape if d != 1])
    axes = [_axis(x, a.ndim) for x in (axis if isinstance(axis, (tuple, list)) else [axis])]
    for x in axes:
        if a.shape[x] != 1:
            raise ValueError("cannot select an axis to squeeze out which has size not equal to one")
    return a.reshape([d for k, d in enumerate(a.shape) if k not in axes])


def broadcast_to(array, shape, subok=False):
    a = _np.asarray(array)
    shape = tuple(shape) if isinstance(shape, (tuple, list)) else (int(shape),)
    ok = len(shape) >= a.ndim and all(d == 1 or d == s for d, s in zip(a.shape[::-1], shape[::-1]))
    if not ok:
        raise ValueError("operands could not be broadcast together with remapped shapes [original->remapped]: "
                         "%s  and requested shape %s" % (_shape_str(a.shape), _shape_str(shape)))
    if a.shape == shape:
        return a
    return _numpy._where(True, a, _np.zeros(shape, a.dtype))


def _shape_str(s):
    return "(%s)" % ",".join(str(d) for d in s) if len(s) != 1 else "(%d,)" % s[0]


def take(a, indices, axis=None):
    a = _np.asarray(a)
    if axis is None:
        a, axis = a.ravel(), 0
    axis = _axis(axis, a.ndim)
    idx = _np.asarray(indices)
    if idx.ndim == 0:
        return moveaxis(a, axis, 0)[int(idx)]
    t = moveaxis(a, axis, 0)
    flat = idx.ravel()
    if flat.size == 0:
        r = _np.zeros((0,) + t.shape[1:], a.dtype)
    else:
        r = t[flat.astype(_np.int64)]
    r = r.reshape(idx.shape + t.shape[1:])
    return moveaxis(r, list(range(idx.ndim)), list(range(axis, axis + idx.ndim))) if axis else r


def diagonal(a, offset=0, axis1=0, axis2=1):
    a = _np.asarray(a)
    if a.ndim != 2 or (_axis(axis1, 2), _axis(axis2, 2)) != (0, 1):
        if a.ndim < 2:
            raise ValueError("diag requires an array of at least two dimensions")
        raise _np.Unsupported("pyjit's numpy does not implement numpy.diagonal of a %d-d array" % a.ndim)
    n, m = a.shape
    items = [a[i, i + offset] for i in range(max(0, -offset), min(n, m - offset))]
    if not items:
        return _np.zeros(0, a.dtype)
    return _np.array(items, dtype=a.dtype)


def diag(v, k=0):
    v = _np.asarray(v)
    if v.ndim == 1:
        n = v.shape[0] + _math.fabs(k)
        n = int(n)
        res = _np.zeros((n, n), v.dtype)
        for i in range(v.shape[0]):
            res[i + max(-k, 0), i + max(k, 0)] = v[i]
        return res
    if v.ndim == 2:
        return diagonal(v, k)
    raise ValueError("Input must be 1- or 2-d.")


def trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    return diagonal(a, offset, axis1, axis2).sum(dtype=dtype, out=out)


def tile(A, reps):
    reps = tuple(reps) if isinstance(reps, (tuple, list)) else (int(reps),)
    a = _np.array(A, ndmin=len(reps))
    if a.ndim > len(reps):
        reps = (1,) * (a.ndim - len(reps)) + reps
    for ax, r in enumerate(reps):
        if r != 1:
            a = _np.concatenate([a] * r, ax) if r > 0 else take(a, [], ax)
    return a.copy() if a is A else a


def repeat(a, repeats, axis=None):
    a = _np.asarray(a)
    if axis is None:
        a, axis = a.ravel(), 0
    axis = _axis(axis, a.ndim)
    n = a.shape[axis]
    reps = _np.asarray(repeats).ravel().tolist()
    if len(reps) == 1:
        reps = reps * n
    if len(reps) != n:
        raise ValueError("operands could not be broadcast together with shape (%d,) (%d,)" % (n, len(reps)))
    if any(r < 0 for r in reps):
        raise ValueError("repeats may not contain negative values.")
    idx = [i for i in range(n) for _ in range(reps[i])]
    return take(a, _np.array(idx, dtype=_np.int64), axis)


def _pairs(width, ndim, ints=True):
    w = _np.asarray(width)
    if ints:
        w = w.astype(_np.int64)
    if w.ndim == 0:
        return [(int(w), int(w))] * ndim
    lst = w.tolist()
    if w.ndim == 1:
        if len(lst) == 1:
            return [(lst[0], lst[0])] * ndim
        if len(lst) == 2:
            return [(lst[0], lst[1])] * ndim
    if w.ndim == 2:
        if len(lst) == 1:
            return [tuple(lst[0])] * ndim
        if len(lst) == ndim:
            return [tuple(p) for p in lst]
    raise ValueError("Unable to create correctly shaped tuple from %r" % (width,))


def pad(array, pad_width, mode="constant", **kwargs):
    a = _np.asarray(array)
    if mode not in ("constant", "edge", "wrap", "reflect", "symmetric"):
        raise _np.Unsupported("pyjit's numpy does not implement numpy.pad with mode=%r" % (mode,))
    widths = _pairs(pad_width, a.ndim)
    if any(p < 0 for pair in widths for p in pair):
        raise ValueError("index can't contain negative values")
    if mode == "constant":
        cv = _pairs(kwargs.get("constant_values", 0), a.ndim, False) if not isinstance(kwargs.get("constant_values", 0),
                                                                               (int, float)) else None
        shape = [d + lo + hi for d, (lo, hi) in zip(a.shape, widths)]
        fill = kwargs.get("constant_values", 0) if cv is None else 0
        res = _np.full(shape, fill, dtype=a.dtype)
        if cv is not None:
            for ax, ((lo, hi), (clo, chi)) in enumerate(zip(widths, cv)):
                pre = (slice(None),) * ax
                res[pre + (slice(0, lo),)] = clo
                res[pre + (slice(shape[ax] - hi, shape[ax]),)] = chi
        res[tuple(slice(lo, lo + d) for d, (lo, hi) in zip(a.shape, widths))] = a
        return res
    for ax, (lo, hi) in enumerate(widths):
        n = a.shape[ax]
        if mode == "edge":
            idx = [0] * lo + list(range(n)) + [n - 1] * hi
        elif mode == "wrap":
            idx = [(i - lo) % n for i in range(lo + n + hi)]
        else:
            period = 2 * n - 2 if mode == "reflect" else 2 * n
            idx = []
            for i in range(-lo, n + hi):
                j = i % period if period else 0
                if mode == "reflect":
                    idx.append(j if j < n else period - j)
                else:
                    idx.append(j if j < n else period - 1 - j)
        a = take(a, _np.array(idx, dtype=_np.int64), ax)
    return a


def roll(a, shift, axis=None):
    a = _np.asarray(a)
    if axis is None:
        return roll(a.ravel(), shift, 0).reshape(a.shape)
    shifts = shift if isinstance(shift, (tuple, list)) else [shift]
    axes = axis if isinstance(axis, (tuple, list)) else [axis]
    if len(shifts) == 1:
        shifts = shifts * len(axes)
    if len(axes) == 1:
        axes = axes * len(shifts)
    total = {}
    for s, ax in zip(shifts, axes):
        ax = _axis(ax, a.ndim)
        total[ax] = total.get(ax, 0) + int(s)
    for ax, s in total.items():
        n = a.shape[ax]
        if n:
            a = take(a, _np.array([(i - s) % n for i in range(n)], dtype=_np.int64), ax)
    return a


def meshgrid(*xi, copy=True, sparse=False, indexing="xy"):
    if indexing not in ("xy", "ij"):
        raise ValueError("Valid values for `indexing` are 'xy' and 'ij'.")
    xs = [_np.asarray(x).ravel() for x in xi]
    ndim = len(xs)
    shapes = []
    for i, x in enumerate(xs):
        s = [1] * ndim
        s[i] = x.size
        if indexing == "xy" and ndim > 1 and i < 2:
            s[0], s[1] = s[1], s[0]
        shapes.append(s)
    out = [x.reshape(s) for x, s in zip(xs, shapes)]
    if not sparse:
        full = [max(s[k] for s in shapes) for k in range(ndim)]
        out = [broadcast_to(o, full).copy() for o in out]
    return tuple(out)


def indices(dimensions, dtype=int, sparse=False):
    dims = tuple(dimensions)
    n = len(dims)
    parts = []
    for i, d in enumerate(dims):
        s = [1] * n
        s[i] = d
        r = _np.arange(d, dtype=dtype).reshape(s)
        parts.append(r if sparse else broadcast_to(r, dims))
    if sparse:
        return tuple(parts)
    if not parts:
        return _np.zeros((0,), dtype)
    return _np.stack(parts, 0)


def unravel_index(indices, shape, order="C"):
    if order != "C":
        raise _np.Unsupported("pyjit's numpy does not implement numpy.unravel_index with order=%r" % order)
    shape = tuple(shape) if isinstance(shape, (tuple, list)) else (int(shape),)
    idx = _np.asarray(indices)
    if idx.dtype.kind not in "iub":
        raise TypeError("only int indices permitted")
    size = 1
    for d in shape:
        size *= d
    flat = idx.ravel().tolist()
    for i in flat:
        if i < 0 or i >= size:
            raise ValueError("index %d is out of bounds for array with size %d" % (i, size))
    out = []
    rest = idx.astype(_np.int64)
    for d in reversed(shape):
        out.append(rest % d)
        rest = rest // d
    out.reverse()
    if idx.ndim == 0:
        return tuple(_np.int64(int(o)) for o in out)
    return tuple(out)


def ravel_multi_index(multi_index, dims, mode="raise", order="C"):
    dims = tuple(dims)
    parts = [_np.asarray(m).astype(_np.int64) for m in multi_index]
    if len(parts) != len(dims):
        raise ValueError("parameter multi_index must be a sequence of length %d" % len(dims))
    res = None
    for p, d in zip(parts, dims):
        if mode == "raise":
            if bool(_np.asarray(p < 0).any()) or bool(_np.asarray(p >= d).any()):
                raise ValueError("invalid entry in coordinates array")
        elif mode == "wrap":
            p = p % d
        elif mode == "clip":
            p = _np.clip(p, 0, d - 1)
        res = p if res is None else res * d + p
    if _np.ndim(res) == 0:
        return _np.int64(int(res))
    return res


def tri(N, M=None, k=0, dtype=float):
    M = N if M is None else M
    m = _np.greater_equal.outer(_np.arange(N), _np.arange(-k, M - k))
    return m.astype(dtype)


def tril(m, k=0):
    m = _np.asarray(m)
    mask = tri(*m.shape[-2:], k=k, dtype=bool)
    return _numpy._where(mask, m, _np.zeros(1, m.dtype))


def triu(m, k=0):
    m = _np.asarray(m)
    mask = tri(*m.shape[-2:], k=k - 1, dtype=bool)
    return _numpy._where(mask, _np.zeros(1, m.dtype), m)


def flip(m, axis=None):
    m = _np.asarray(m)
    axes = range(m.ndim) if axis is None else [_axis(a, m.ndim) for a in
                                                (axis if isinstance(axis, (tuple, list)) else [axis])]
    key = [slice(None)] * m.ndim
    for a in axes:
        key[a] = slice(None, None, -1)
    return m[tuple(key)]


def fliplr(m):
    m = _np.asarray(m)
    if m.ndim < 2:
        raise ValueError("Input must be >= 2-d.")
    return flip(m, 1)


def flipud(m):
    m = _np.asarray(m)
    if m.ndim < 1:
        raise ValueError("Input must be >= 1-d.")
    return flip(m, 0)


def rot90(m, k=1, axes=(0, 1)):
    m = _np.asarray(m)
    a0, a1 = _axis(axes[0], m.ndim), _axis(axes[1], m.ndim)
    if a0 == a1:
        raise ValueError("Axes must be different.")
    k %= 4
    if k == 0:
        return m[...]
    if k == 2:
        return flip(flip(m, a0), a1)
    order = list(range(m.ndim))
    order[a0], order[a1] = order[a1], order[a0]
    if k == 1:
        return flip(m, a1).transpose(*order)
    return flip(m.transpose(*order), a1)


def array_split(ary, indices_or_sections, axis=0):
    a = _np.asarray(ary)
    ax = _axis(axis, a.ndim)
    n = a.shape[ax]
    if isinstance(indices_or_sections, (list, tuple, _np.ndarray)):
        bounds = [0] + [int(i) for i in indices_or_sections] + [n]
    else:
        sections = int(indices_or_sections)
        if sections <= 0:
            raise ValueError("number sections must be larger than 0.")
        each, extra = divmod(n, sections)
        sizes = [each + 1] * extra + [each] * (sections - extra)
        bounds = [0]
        for s in sizes:
            bounds.append(bounds[-1] + s)
    pre = (slice(None),) * ax
    return [a[pre + (slice(lo, hi),)] for lo, hi in zip(bounds, bounds[1:])]


def split(ary, indices_or_sections, axis=0):
    if not isinstance(indices_or_sections, (list, tuple, _np.ndarray)):
        n = _np.asarray(ary).shape[_axis(axis, _np.asarray(ary).ndim)]
        if n % int(indices_or_sections):
            raise ValueError("array split does not result in an equal division")
    return array_split(ary, indices_or_sections, axis)


def hsplit(ary, indices_or_sections):
    a = _np.asarray(ary)
    if a.ndim == 0:
        raise ValueError("hsplit only works on arrays of 1 or more dimensions")
    return split(a, indices_or_sections, 1 if a.ndim > 1 else 0)


def vsplit(ary, indices_or_sections):
    a = _np.asarray(ary)
    if a.ndim < 2:
        raise ValueError("vsplit only works on arrays of 2 or more dimensions")
    return split(a, indices_or_sections, 0)


def _atleast(arys, f):
    res = tuple(f(_np.asarray(a)) for a in arys)
    return res[0] if len(res) == 1 else res


def atleast_1d(*arys):
    return _atleast(arys, lambda a: a.reshape(1) if a.ndim == 0 else a)


def atleast_2d(*arys):
    return _atleast(arys, lambda a: a.reshape(1, 1) if a.ndim == 0 else a[None, :] if a.ndim == 1 else a)


def atleast_3d(*arys):
    def f(a):
        if a.ndim == 0:
            return a.reshape(1, 1, 1)
        if a.ndim == 1:
            return a[None, :, None]
        if a.ndim == 2:
            return a[:, :, None]
        return a
    return _atleast(arys, f)


def column_stack(tup):
    arrs = [_np.asarray(a) for a in tup]
    arrs = [a.reshape(a.shape[0], 1) if a.ndim == 1 else atleast_2d(a) for a in arrs]
    return _np.concatenate(arrs, 1)


def dstack(tup):
    return _np.concatenate([atleast_3d(a) for a in tup], 2)


def diff(a, n=1, axis=-1, prepend=None, append=None):
    a = _np.asarray(a)
    if n < 0:
        raise ValueError("order must be non-negative but got %d" % n)
    if a.ndim == 0:
        raise ValueError("diff requires input that is at least one dimensional")
    ax = _axis(axis, a.ndim)
    parts = []
    for extra, at_end in ((prepend, False), (append, True)):
        if extra is not None:
            e = _np.asarray(extra)
            if e.ndim == 0:
                shape = list(a.shape)
                shape[ax] = 1
                e = broadcast_to(e, shape)
            parts.append((e, at_end))
    if parts:
        seq = [e for e, end in parts if not end] + [a] + [e for e, end in parts if end]
        a = _np.concatenate(seq, ax)
    pre = (slice(None),) * ax
    for _ in range(n):
        hi, lo = a[pre + (slice(1, None),)], a[pre + (slice(None, -1),)]
        a = _np.not_equal(hi, lo) if a.dtype.kind == "b" else hi - lo
    return a


def _conv_full(a, v):
    # out[k] = sum of a[i] * v[k - i] over the overlap.
    n, m = a.size, v.size
    out = []
    for k in range(n + m - 1):
        lo, hi = max(0, k - m + 1), min(n, k + 1)
        out.append(_numpy._dot(a[lo:hi], v[k - hi + 1:k - lo + 1][::-1]))
    return out


def convolve(a, v, mode="full"):
    a, v = _np.asarray(a).ravel(), _np.asarray(v).ravel()
    if a.size == 0:
        raise ValueError("a cannot be empty")
    if v.size == 0:
        raise ValueError("v cannot be empty")
    if v.size > a.size:
        a, v = v, a
    n, m = a.size, v.size
    dt = result_type(a, v)
    full = _np.array(_conv_full(a, v), dtype=dt)
    if mode == "full":
        return full
    if mode == "same":
        start = m - 1 - m // 2
        return full[start:start + n]
    if mode == "valid":
        return full[m - 1:n]
    raise ValueError("mode must be one of 'valid', 'same', or 'full' (got %r)" % (mode,))


def correlate(a, v, mode="valid"):
    a, v = _np.asarray(a).ravel(), _np.asarray(v).ravel()
    if v.dtype.kind == "c":
        raise _np.Unsupported("pyjit's numpy does not implement numpy.correlate of complex arrays")
    if v.size > a.size:
        return convolve(v, a[::-1], mode)[::-1]
    return convolve(a, v[::-1], mode)


def interp(x, xp, fp, left=None, right=None, period=None):
    if period is not None:
        raise _np.Unsupported("pyjit's numpy does not implement numpy.interp with period=")
    xa = _np.asarray(x)
    xp = [float(t) for t in _np.asarray(xp, dtype=float).ravel().tolist()]
    fpa = _np.asarray(fp)
    if fpa.dtype.kind == "c":
        raise _np.Unsupported("pyjit's numpy does not implement numpy.interp of complex values")
    fp = [float(t) for t in fpa.ravel().tolist()]
    if len(xp) == 0:
        raise ValueError("array of sample points is empty")
    if len(xp) != len(fp):
        raise ValueError("fp and xp are not of the same length.")
    lval = fp[0] if left is None else float(left)
    rval = fp[-1] if right is None else float(right)
    n = len(xp)
    out = []
    for xv in xa.astype(float).ravel().tolist():
        if xv != xv:
            out.append(xv)
            continue
        if xv > xp[-1]:
            out.append(rval)
        elif xv < xp[0]:
            out.append(lval)
        elif xv == xp[-1]:
            out.append(fp[-1])
        else:
            lo, hi = 0, n - 1
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if xp[mid] <= xv:
                    lo = mid
                else:
                    hi = mid
            j = lo
            if xv == xp[j]:
                out.append(fp[j])
            else:
                slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
                r = slope * (xv - xp[j]) + fp[j]
                if r != r:
                    r = slope * (xv - xp[j + 1]) + fp[j + 1]
                    if r != r and fp[j] == fp[j + 1]:
                        r = fp[j]
                out.append(r)
    res = _np.array(out, dtype=float).reshape(xa.shape)
    return res[()] if xa.ndim == 0 else res


def _lerp(a, b, t):
    d = b - a
    lo = a + d * t
    return _numpy._where(t >= 0.5, b - d * (1 - t), lo)


def _sorted_lanes(a, axis):
    """`a` as floats, sorted along `axis` moved last (all of it for
    None), with its shape and the axes reduced."""
    if a.dtype.kind not in "fc":
        a = a.astype(float)
    if axis is None:
        return _np.sort(a.ravel()), a.shape, list(range(a.ndim))
    ax = _axis(axis, a.ndim)
    return _np.sort(moveaxis(a, ax, -1), -1), a.shape, [ax]


def _quantile(a, q, axis, keepdims, what):
    a = _np.asarray(a)
    qa = _np.asarray(q, dtype=float)
    if bool(_np.asarray((qa < 0) | (qa > 1)).any()):
        raise ValueError("%s must be in the range [0, %s]" % what)
    s, shape, axes = _sorted_lanes(a, axis)
    n = s.shape[-1]
    if n == 0:
        raise _np.Unsupported("pyjit's numpy does not implement quantiles of empty arrays")
    outs = []
    for qv in qa.ravel().tolist():
        vi = (n - 1) * qv
        lo = int(_math.floor(vi))
        hi = min(lo + 1, n - 1)
        g = _np.float64(vi - lo)
        r = _lerp(s[..., lo], s[..., hi], g)
        if s.dtype.kind == "f":
            r = _numpy._where(_np.isnan(s[..., -1]), _np.nan, r)
        outs.append(_np.asarray(r))
    res = _np.stack(outs, 0).reshape(qa.shape + s.shape[:-1])
    if keepdims:
        res = res.reshape(qa.shape + tuple(1 if k in axes else d for k, d in enumerate(shape)))
    return res[()] if res.ndim == 0 else res


def quantile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False, **kw):
    if method != "linear":
        raise _np.Unsupported("pyjit's numpy does not implement numpy.quantile with method=%r" % (method,))
    return _np._out(_quantile(a, q, axis, keepdims, ("Quantiles", "1")), out)


def percentile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False, **kw):
    if method != "linear":
        raise _np.Unsupported("pyjit's numpy does not implement numpy.percentile with method=%r" % (method,))
    qa = _np.asarray(q) / 100
    if bool(_np.asarray((qa < 0) | (qa > 1)).any()):
        raise ValueError("Percentiles must be in the range [0, 100]")
    return _np._out(_quantile(a, qa, axis, keepdims, ("Percentiles", "100")), out)


def median(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    s, shape, axes = _sorted_lanes(_np.asarray(a), axis)
    n = s.shape[-1]
    if n == 0:
        raise _np.Unsupported("pyjit's numpy does not implement the median of an empty array")
    h = n // 2
    r = s[..., h] if n % 2 else (s[..., h - 1] + s[..., h]) / 2
    r = _numpy._where(_np.isnan(s[..., -1]), _np.nan, r)
    r = _np.asarray(r)
    if keepdims:
        r = r.reshape(tuple(1 if k in axes else d for k, d in enumerate(shape)))
    return _np._out(r[()] if r.ndim == 0 else r, out)


def average(a, axis=None, weights=None, returned=False, keepdims=False):
    a = _np.asarray(a)
    if weights is None:
        avg = a.mean(axis, keepdims=keepdims)
        if returned:
            n = a.size if axis is None else a.shape[_axis(axis, a.ndim)]
            return avg, _np.asarray(avg).dtype.type(n) if _np.ndim(avg) == 0 else _np.full(_np.shape(avg), n,
                                                                                            _np.asarray(avg).dtype)
        return avg
    w = _np.asarray(weights)
    dt = "complex128" if "c" in (a.dtype.kind, w.dtype.kind) else ("float32" if a.dtype.name == "float32" and
                                                                  w.dtype.name == "float32" else "float64")
    dt = "float64" if dt == "float32" else dt
    a, w = a.astype(dt), w.astype(dt)
    if w.shape != a.shape:
        if axis is None or w.ndim != 1:
            raise TypeError("Axis must be specified when shapes of a and weights differ.")
        ax = _axis(axis, a.ndim)
        shape = [1] * a.ndim
        shape[ax] = w.shape[0]
        w = broadcast_to(w.reshape(shape), a.shape)
    scl = w.sum(axis, keepdims=keepdims)
    if bool(_np.asarray(scl == 0.0).any()):
        raise ZeroDivisionError("Weights sum to zero, can't be normalized")
    avg = (a * w).sum(axis, keepdims=keepdims) / scl
    if returned:
        return avg, scl
    return avg


def kron(a, b):
    a, b = _np.asarray(a), _np.asarray(b)
    nd = max(a.ndim, b.ndim)
    sa = (1,) * (nd - a.ndim) + a.shape
    sb = (1,) * (nd - b.ndim) + b.shape
    ra, rb = [], []
    for x, y in zip(sa, sb):
        ra += [x, 1]
        rb += [1, y]
    r = a.reshape(ra) * b.reshape(rb)
    return r.reshape([x * y for x, y in zip(sa, sb)])


def ptp(a, axis=None, out=None, keepdims=False):
    a = _np.asarray(a)
    return _np._out(_np.subtract(a.max(axis, None, keepdims), a.min(axis, None, keepdims)), out)


def cross(a, b):
    a, b = _np.asarray(a), _np.asarray(b)
    if a.shape[-1] != 3 or b.shape[-1] != 3:
        raise _np.Unsupported("pyjit's numpy does not implement numpy.cross of vectors of length other than 3")
    a0, a1, a2 = a[..., 0], a[..., 1], a[..., 2]
    b0, b1, b2 = b[..., 0], b[..., 1], b[..., 2]
    return _np.stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0], -1)


def append(arr, values, axis=None):
    arr = _np.asarray(arr)
    if axis is None:
        return _np.concatenate([arr.ravel(), _np.asarray(values).ravel()], 0)
    return _np.concatenate([arr, _np.asarray(values)], axis)


def delete(arr, obj, axis=None):
    arr = _np.asarray(arr)
    if axis is None:
        arr, axis = arr.ravel(), 0
    ax = _axis(axis, arr.ndim)
    n = arr.shape[ax]
    if isinstance(obj, slice):
        drop = set(range(*obj.indices(n)))
    else:
        drop = set()
        for i in _np.asarray(obj).ravel().tolist():
            if not -n <= i < n:
                raise IndexError("index %d is out of bounds for axis %d with size %d" % (i, ax, n))
            drop.add(i % n)
    return take(arr, _np.array([i for i in range(n) if i not in drop], dtype=_np.int64), ax)


def insert(arr, obj, values, axis=None):
    arr = _np.asarray(arr)
    if axis is None:
        arr, axis = arr.ravel(), 0
    ax = _axis(axis, arr.ndim)
    if not isinstance(obj, int) and _np.ndim(obj) != 0:
        raise _np.Unsupported("pyjit's numpy does not implement numpy.insert at several positions")
    i = int(obj)
    n = arr.shape[ax]
    if not -n <= i <= n:
        raise IndexError("index %d is out of bounds for axis %d with size %d" % (i, ax, n))
    i %= n + 1
    shape = list(arr.shape)
    v = _np.asarray(values).astype(arr.dtype)
    shape[ax] = 1 if v.ndim == 0 or arr.ndim > 1 and v.ndim < arr.ndim else (v.shape[0] if arr.ndim == 1 else 1)
    if arr.ndim == 1:
        shape[ax] = v.size
        v = v.ravel()
    else:
        v = broadcast_to(v if v.ndim == arr.ndim else expand_dims(v, ax), shape)
    pre = (slice(None),) * ax
    return _np.concatenate([arr[pre + (slice(0, i),)], v, arr[pre + (slice(i, None),)]], ax)


def flatnonzero(a):
    a = _np.asarray(a).ravel()
    return _np.arange(a.size)[a.astype(bool)] if a.size else _np.zeros(0, _np.int64)


def count_nonzero(a, axis=None, keepdims=False):
    a = _np.asarray(a).astype(bool)
    if axis is None and not keepdims:
        return int(a.sum())
    return a.sum(axis, keepdims=keepdims)
