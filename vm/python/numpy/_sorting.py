"""numpy's sorting, searching and counting: sort/argsort (native, stable),
unique, searchsorted, nonzero/argwhere, bincount, histogram, digitize,
the set routines and lexsort."""

import _numpy
import numpy as _np
from numpy._construct import _axis, moveaxis, flatnonzero, unravel_index

__all__ = ["sort", "argsort", "unique", "searchsorted", "nonzero", "argwhere", "bincount", "histogram",
           "histogram_bin_edges", "digitize", "intersect1d", "union1d", "setdiff1d", "setxor1d", "isin", "lexsort",
           "unique_values", "unique_counts"]

def _kind_ok(kind):
    # numpy reads a kind by its first letter: quicksort, heapsort,
    # mergesort, stable.
    return kind is None or (isinstance(kind, str) and kind[:1] in ("q", "h", "m", "s"))



def _lanes(a, axis, fn):
    # fn of the array with `axis` moved last, in C order, back in place.
    ax = _axis(axis, a.ndim)
    last = a.ndim - 1
    t = moveaxis(a, ax, last) if ax != last else a
    r = fn(t, t.shape[-1] if t.ndim else 1)
    return moveaxis(r, last, ax).copy() if ax != last else r


def _sort_operand(a, axis, kind, order):
    """`sort`'s and `argsort`'s checks: the array and axis to sort along
    (a flattened copy for axis=None)."""
    if not _kind_ok(kind):
        raise ValueError("sort kind must be one of 'quick', 'heap', or 'stable' (got %r)" % (kind,))
    if order is not None:
        raise _np.Unsupported("pyjit's numpy does not implement sorting with order=")
    a = _np.asarray(a)
    if axis is None:
        a, axis = a.ravel(), -1
    return a, axis


def sort(a, axis=-1, kind=None, order=None, stable=None):
    a, axis = _sort_operand(a, axis, kind, order)
    if a.ndim == 0:
        raise _np.AxisError("axis %d is out of bounds for array of dimension 0" % axis)
    return _lanes(a, axis, _numpy._sort_lanes)


def argsort(a, axis=-1, kind=None, order=None, stable=None):
    """Stable for every kind (numpy's default quicksort may order ties
    differently)."""
    a, axis = _sort_operand(a, axis, kind, order)
    if a.ndim == 0:
        return _np.array(0)
    return _lanes(a, axis, _numpy._argsort_lanes)


def lexsort(keys, axis=-1):
    ks = [_np.asarray(k) for k in keys]
    if not ks:
        raise TypeError("need sequence of keys with len > 0 in lexsort")
    if any(k.ndim != 1 for k in ks) or axis not in (-1, 0):
        raise _np.Unsupported("pyjit's numpy does not implement numpy.lexsort of multidimensional keys")
    n = ks[0].size
    if any(k.size != n for k in ks):
        raise ValueError("all keys need to be the same shape")
    idx = _np.arange(n)
    for k in ks:
        idx = idx[_numpy._argsort_lanes(k[idx], n)] if n else idx
    return idx


def searchsorted(a, v, side="left", sorter=None):
    if side not in ("left", "right"):
        raise ValueError("side must be 'left' or 'right' (got %r)" % (side,))
    a = _np.asarray(a)
    if a.ndim != 1:
        raise ValueError("object too deep for desired array")
    if sorter is not None:
        a = a[_np.asarray(sorter).astype(_np.int64)] if a.size else a
    va = _np.asarray(v)
    r = _numpy._searchsorted(a, va.ravel(), side == "right").reshape(va.shape)
    return _np.int64(int(r)) if va.ndim == 0 else r


def nonzero(a):
    a = _np.asarray(a)
    if a.ndim == 0:
        raise ValueError("Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.")
    flat = flatnonzero(a)
    if a.ndim == 1:
        return (flat,)
    if flat.size == 0:
        return tuple(_np.zeros(0, _np.int64) for _ in a.shape)
    return unravel_index(flat, a.shape)


def argwhere(a):
    a = _np.asarray(a)
    if a.ndim == 0:
        return _np.zeros((1 if bool(a) else 0, 0), _np.int64)
    nz = nonzero(a)
    return _np.stack(nz, 1) if nz[0].size else _np.zeros((0, a.ndim), _np.int64)


def _as_unique_input(ar):
    a = _np.asarray(ar)
    return a.ravel()


def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *, equal_nan=True,
           sorted=True):
    if axis is not None:
        return _unique_axis(_np.asarray(ar), axis, return_index, return_inverse, return_counts)
    a0 = _np.asarray(ar)
    a = a0.ravel()
    n = a.size
    perm = _numpy._argsort_lanes(a, n) if n else _np.zeros(0, _np.int64)
    aux = a[perm] if n else a
    if n:
        mask = _np.concatenate([_np.ones(1, bool), aux[1:] != aux[:-1]], 0)
        if equal_nan and aux.dtype.kind in "fc":
            both = _np.isnan(aux[1:]) & _np.isnan(aux[:-1])
            mask = mask & _np.concatenate([_np.ones(1, bool), ~both], 0)
    else:
        mask = _np.zeros(0, bool)
    inv_shape = a0.shape if a0.ndim else None
    return _unique_results(aux[mask] if n else aux.copy(), perm, mask, n, inv_shape,
                           return_index, return_inverse, return_counts)


def _unique_results(vals, perm, mask, n, inv_shape, return_index, return_inverse, return_counts):
    """`unique`'s answer from the sort: the distinct values, then the index,
    inverse (of shape `inv_shape`, if any) and counts asked for."""
    out = [vals]
    if return_index:
        out.append(perm[mask] if n else _np.zeros(0, _np.int64))
    if return_inverse:
        inv = _np.zeros(n, _np.int64)
        if n:
            inv[perm] = mask.astype(_np.int64).cumsum() - 1
        out.append(inv.reshape(inv_shape) if inv_shape is not None else inv)
    if return_counts:
        if n:
            idx = flatnonzero(_np.concatenate([mask, _np.ones(1, bool)], 0))
            out.append(idx[1:] - idx[:-1])
        else:
            out.append(_np.zeros(0, _np.int64))
    return out[0] if len(out) == 1 else tuple(out)


def _unique_axis(a, axis, return_index, return_inverse, return_counts):
    # The distinct subarrays along `axis`, in lexicographic order.
    ax = _axis(axis, a.ndim)
    t = moveaxis(a, ax, 0)
    n = t.shape[0]
    rest = t.shape[1:]
    rows = t.reshape(n, -1) if n else t.reshape(0, max(1, t[0:0].size))
    width = rows.shape[1] if rows.ndim == 2 else 0
    perm = lexsort([rows[:, k] for k in range(width - 1, -1, -1)]) if n and width else _np.arange(n)
    srt = rows[perm] if n else rows
    if n:
        diff = (srt[1:] != srt[:-1]).any(1) if width else _np.zeros(n - 1, bool)
        mask = _np.concatenate([_np.ones(1, bool), diff], 0)
    else:
        mask = _np.zeros(0, bool)
    uniq = srt[mask] if n else srt
    vals = moveaxis(uniq.reshape((uniq.shape[0],) + rest), 0, ax)
    return _unique_results(vals, perm, mask, n, None, return_index, return_inverse, return_counts)


def unique_values(x):
    return unique(x)


def unique_counts(x):
    return unique(x, return_counts=True)


def isin(element, test_elements, assume_unique=False, invert=False, *, kind=None):
    e = _np.asarray(element)
    t = unique(_np.asarray(test_elements).ravel())
    flat = e.ravel()
    if t.size == 0 or flat.size == 0:
        found = _np.zeros(flat.size, bool)
    else:
        idx = _numpy._searchsorted(t, flat, False)
        idx = _np.minimum(idx, t.size - 1)
        found = t[idx] == flat
    if invert:
        found = ~found
    return found.reshape(e.shape)


def intersect1d(ar1, ar2, assume_unique=False, return_indices=False):
    if return_indices:
        a1, i1 = unique(ar1, return_index=True)
        a2, i2 = unique(ar2, return_index=True)
        keep1 = isin(a1, a2)
        common = a1[keep1]
        keep2 = isin(a2, common)
        return common, i1[keep1], i2[keep2]
    a1 = _np.asarray(ar1).ravel() if assume_unique else unique(ar1)
    a2 = _np.asarray(ar2).ravel() if assume_unique else unique(ar2)
    aux = sort(_np.concatenate([a1, a2], 0))
    if aux.size < 2:
        return aux[:0]
    return aux[:-1][aux[1:] == aux[:-1]]


def union1d(ar1, ar2):
    return unique(_np.concatenate([_np.asarray(ar1).ravel(), _np.asarray(ar2).ravel()], 0))


def setdiff1d(ar1, ar2, assume_unique=False):
    a1 = _np.asarray(ar1).ravel() if assume_unique else unique(ar1)
    return a1[isin(a1, ar2, invert=True)] if a1.size else a1


def setxor1d(ar1, ar2, assume_unique=False):
    a1 = _np.asarray(ar1).ravel() if assume_unique else unique(ar1)
    a2 = _np.asarray(ar2).ravel() if assume_unique else unique(ar2)
    u = union1d(a1, a2)
    return u[isin(u, a1) ^ isin(u, a2)] if u.size else u


def bincount(x, weights=None, minlength=0):
    xa = _np.asarray(x)
    if xa.ndim != 1:
        raise ValueError("object too deep for desired array" if xa.ndim > 1 else "object of too small depth for desired array")
    if xa.size and xa.dtype.kind not in "iub":
        raise TypeError("Cannot cast array data from dtype('%s') to dtype('int64') according to the rule 'safe'"
                        % xa.dtype.name)
    if minlength < 0:
        raise ValueError("'minlength' must not be negative")
    xs = xa.astype(_np.int64)
    if xs.size and int(xs.min()) < 0:
        raise ValueError("'list' argument must have no negative elements")
    n = max(int(xs.max()) + 1 if xs.size else 0, minlength)
    if weights is None:
        s = _numpy._sort_lanes(xs, xs.size) if xs.size else xs
        edges = _numpy._searchsorted(s, _np.arange(n + 1), False)
        return edges[1:] - edges[:-1]
    w = _np.asarray(weights).astype(float).ravel()
    if w.size != xs.size:
        raise ValueError("The weights and list don't have the same length.")
    out = [0.0] * n
    for i, v in zip(xs.tolist(), w.tolist()):
        out[i] += v
    return _np.array(out, dtype=float)


def _range_edges(a, bins, range_):
    if range_ is not None:
        first, last = float(range_[0]), float(range_[1])
        if first > last:
            raise ValueError("max must be larger than min in range parameter.")
    elif a.size:
        first, last = float(a.min()), float(a.max())
    else:
        first, last = 0.0, 1.0
    if not (first == first and last == last and abs(first) != float("inf") and abs(last) != float("inf")):
        raise ValueError("autodetected range of [%s, %s] is not finite" % (first, last))
    if first == last:
        first, last = first - 0.5, last + 0.5
    return first, last


def histogram_bin_edges(a, bins=10, range=None, weights=None):
    a = _np.asarray(a).ravel()
    if isinstance(bins, str):
        raise _np.Unsupported("pyjit's numpy does not implement histogram bins=%r" % (bins,))
    if _np.ndim(bins) == 0:
        first, last = _range_edges(a, bins, range)
        return _np.linspace(first, last, int(bins) + 1)
    return _np.asarray(bins)


def histogram(a, bins=10, range=None, density=None, weights=None):
    a = _np.asarray(a).ravel()
    w = None if weights is None else _np.asarray(weights).ravel()
    if isinstance(bins, str):
        raise _np.Unsupported("pyjit's numpy does not implement histogram bins=%r" % (bins,))
    if _np.ndim(bins) == 0:
        nb = int(bins)
        if nb < 1:
            raise ValueError("`bins` must be positive, when an integer")
        first, last = _range_edges(a, nb, range)
        edges = _np.linspace(first, last, nb + 1)
        af = a.astype(float)
        keep = (af >= first) & (af <= last)
        tmp = af[keep] if a.size else af
        tw = None if w is None else (w[keep] if a.size else w)
        fidx = ((tmp - first) / (last - first)) * nb
        idx = fidx.astype(_np.int64)
        idx = _numpy._where(idx == nb, idx - 1, idx)
        if tmp.size:
            idx = _numpy._where(tmp < edges[idx], idx - 1, idx)
            idx = _numpy._where((tmp >= edges[idx + 1]) & (idx != nb - 1), idx + 1, idx)
        n = bincount(idx, tw, nb)
        if w is None:
            n = n.astype(_np.int64)
        elif w.dtype.kind != "f":
            n = n.astype(w.dtype)
    else:
        edges = _np.asarray(bins)
        if edges.size > 1 and bool((edges[1:] < edges[:-1]).any()):
            raise ValueError("`bins` must increase monotonically, when an array")
        if w is None:
            sa = sort(a)
            cum = _np.concatenate([searchsorted(sa, edges[:-1], "left"), searchsorted(sa, edges[-1:], "right")], 0)
            n = cum[1:] - cum[:-1]
        else:
            order = argsort(a)
            sa, sw = a[order], w[order]
            cw = _np.concatenate([_np.zeros(1, sw.dtype), sw.cumsum()], 0)
            cum = _np.concatenate([searchsorted(sa, edges[:-1], "left"), searchsorted(sa, edges[-1:], "right")], 0)
            c = cw[cum]
            n = c[1:] - c[:-1]
    if density:
        db = (edges[1:] - edges[:-1]).astype(float)
        return n / db / n.sum(), edges
    return n, edges


def digitize(x, bins, right=False):
    xa = _np.asarray(x)
    b = _np.asarray(bins)
    if b.ndim != 1:
        raise ValueError("object too deep for desired array" if b.ndim > 1 else "object of too small depth for desired array")
    if xa.dtype.kind == "c":
        raise TypeError("x may not be complex")
    inc = b.size < 2 or bool((b[1:] >= b[:-1]).all())
    dec = b.size >= 2 and bool((b[1:] <= b[:-1]).all())
    if not inc and not dec:
        raise ValueError("bins must be monotonically increasing or decreasing")
    side = "left" if right else "right"
    if inc:
        return searchsorted(b, xa, side)
    return b.size - searchsorted(b[::-1], xa, side)
