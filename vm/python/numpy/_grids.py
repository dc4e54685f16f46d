"""numpy's index grids (mgrid, ogrid), covariance and correlation, tensordot
and fromiter."""

import math as _math
import _numpy
import numpy as _np
from numpy._construct import _axis, moveaxis

__all__ = ["mgrid", "ogrid", "cov", "corrcoef", "tensordot", "fromiter", "einsum"]


class _Grid:
    # np.mgrid[0:3, 0:2] (dense) and np.ogrid[...] (sparse): slices as
    # arange, a complex step (5j) as a number of points, ends included.
    def __init__(self, sparse):
        self.sparse = sparse

    @staticmethod
    def _one(s):
        start = 0 if s.start is None else s.start
        step = 1 if s.step is None else s.step
        if isinstance(step, complex):
            n = int(abs(step))
            d = (s.stop - start) / float(n - 1) if n != 1 else 1
            return _np.arange(0, n, 1, float) * d + start
        return _np.arange(start, s.stop, step)

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self._one(key)
        axes = [self._one(k) for k in key]
        is_float = any(isinstance(v, float) or isinstance(v, complex)
                       for k in key for v in (k.start, k.stop, k.step))
        if is_float:
            axes = [a.astype(float) for a in axes]
        n = len(axes)
        out = []
        for i, a in enumerate(axes):
            shape = [1] * n
            shape[i] = a.size
            out.append(a.reshape(shape))
        if self.sparse:
            return tuple(out)
        full = [a.size for a in axes]
        return _np.stack([_np.broadcast_to(o, full) for o in out], 0)


mgrid = _Grid(False)
ogrid = _Grid(True)


def cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, dtype=None):
    if fweights is not None or aweights is not None:
        raise _np.Unsupported("pyjit's numpy does not implement numpy.cov with fweights=/aweights=")
    X = _np.array(m, ndmin=2, dtype=dtype)
    if X.dtype.kind not in "fc":
        X = X.astype(float)
    if not rowvar and X.shape[0] != 1:
        X = X.T
    if y is not None:
        Y = _np.array(y, ndmin=2).astype(X.dtype)
        if not rowvar and Y.shape[0] != 1:
            Y = Y.T
        X = _np.concatenate([X, Y], 0)
    if ddof is None:
        ddof = 0 if bias else 1
    n = X.shape[1]
    avg = X.mean(1)
    fact = n - ddof
    Xc = X - avg[:, None]
    c = _numpy._dot(Xc, Xc.T)
    c = c * _np.true_divide(1, fact)
    return _np.asarray(c).reshape(()) if X.shape[0] == 1 else c


def corrcoef(x, y=None, rowvar=True, dtype=None):
    c = cov(x, y, rowvar, dtype=dtype)
    if _np.ndim(c) == 0:
        return c / c
    d = _np.diag(c)
    sd = _np.sqrt(d)
    c = c / sd[:, None]
    c = c / sd[None, :]
    return _np.clip(c, -1, 1)


def tensordot(a, b, axes=2):
    a, b = _np.asarray(a), _np.asarray(b)
    if isinstance(axes, int):
        if axes < 0:
            raise ValueError("axes must be at least 0")
        ax_a = list(range(a.ndim - axes, a.ndim))
        ax_b = list(range(axes))
    else:
        ax_a, ax_b = axes
        ax_a = [ax_a] if isinstance(ax_a, int) else list(ax_a)
        ax_b = [ax_b] if isinstance(ax_b, int) else list(ax_b)
    if len(ax_a) != len(ax_b):
        raise ValueError("shape-mismatch for sum")
    ax_a = [_axis(x, a.ndim) for x in ax_a]
    ax_b = [_axis(x, b.ndim) for x in ax_b]
    for i, j in zip(ax_a, ax_b):
        if a.shape[i] != b.shape[j]:
            raise ValueError("shape-mismatch for sum")
    free_a = [k for k in range(a.ndim) if k not in ax_a]
    free_b = [k for k in range(b.ndim) if k not in ax_b]
    n = 1
    for k in ax_a:
        n *= a.shape[k]
    ma, mb = 1, 1
    for k in free_a:
        ma *= a.shape[k]
    for k in free_b:
        mb *= b.shape[k]
    at = a.transpose(*(free_a + ax_a)).reshape(ma, n)
    bt = b.transpose(*(ax_b + free_b)).reshape(n, mb)
    r = _numpy._dot(at, bt)
    return _np.asarray(r).reshape([a.shape[k] for k in free_a] + [b.shape[k] for k in free_b])


def fromiter(iter, dtype, count=-1, *, like=None):
    items = []
    for x in iter:
        if count >= 0 and len(items) >= count:
            break
        items.append(x)
    if count >= 0 and len(items) < count:
        raise ValueError("iterator too short: Expected %d but iterator had only %d items." % (count, len(items)))
    if not items:
        return _np.zeros(0, dtype)
    return _np.array(items, dtype=dtype)


def einsum(subscripts, *operands, out=None, dtype=None, order="K", casting="safe", optimize=False):
    """Einstein summation from a subscripts string ('ij,jk->ik', with '...'
    and repeated letters for diagonals): the operands broadcast over every
    letter, multiplied, and summed over the letters not in the output."""
    if not isinstance(subscripts, str):
        raise _np.Unsupported("pyjit's numpy does not implement numpy.einsum with operand/sublist arguments")
    ops = [_np.asarray(o) for o in operands]
    if dtype is not None:
        ops = [o.astype(dtype) for o in ops]
    spec = subscripts.replace(" ", "")
    if "->" in spec:
        ins, outs = spec.split("->")
        explicit = True
    else:
        ins, outs, explicit = spec, "", False
    terms = ins.split(",")
    if len(terms) != len(ops):
        raise ValueError("more operands provided to einstein sum function than specified in the subscripts string"
                         if len(ops) > len(terms) else
                         "fewer operands provided to einstein sum function than specified in the subscripts string")
    # '...' becomes capital letters for the broadcast axes, aligned right.
    ell = 0
    for t, o in zip(terms, ops):
        if "..." in t:
            ell = max(ell, o.ndim - (len(t) - 3))
    caps = "".join(chr(ord("A") + k) for k in range(ell))
    full_terms = []
    for t, o in zip(terms, ops):
        if "..." in t:
            k = o.ndim - (len(t) - 3)
            t = t.replace("...", caps[ell - k:])
        if len(t) != o.ndim:
            raise ValueError("einstein sum subscripts string contains too many subscripts for operand %d"
                             % len(full_terms))
        full_terms.append(t)
    if explicit:
        outs = outs.replace("...", caps)
    else:
        counts = {}
        for t in full_terms:
            for c in t:
                counts[c] = counts.get(c, 0) + 1
        outs = caps + "".join(sorted(c for c in counts if counts[c] == 1 and c not in caps))
    letters = []
    for t in full_terms:
        for c in t:
            if c not in letters:
                letters.append(c)
    sizes = {}
    for t, o in zip(full_terms, ops):
        for c, d in zip(t, o.shape):
            if c in sizes and sizes[c] != d and d != 1 and sizes[c] != 1:
                raise ValueError("operands could not be broadcast together with remapped shapes")
            sizes[c] = max(sizes.get(c, 1), d) if c in caps else d
    expanded = []
    for t, o in zip(full_terms, ops):
        # Repeated letters: the diagonal.
        while len(set(t)) != len(t):
            c = next(x for x in t if t.count(x) > 1)
            i = t.index(c)
            j = t.index(c, i + 1)
            o = _np.moveaxis(o, (i, j), (-2, -1))
            n = o.shape[-1]
            idx = _np.arange(n)
            o = o[..., idx, idx]
            t = "".join(x for k, x in enumerate(t) if k not in (i, j)) + c
        order = sorted(range(len(t)), key=lambda k: letters.index(t[k]))
        o = o.transpose(*order) if order != list(range(len(t))) else o
        ts = [t[k] for k in order]
        shape = [o.shape[ts.index(c)] if c in ts else 1 for c in letters]
        expanded.append(o.reshape(shape))
    prod = expanded[0]
    for e in expanded[1:]:
        prod = prod * e
    full = [sizes[c] for c in letters]
    if list(_np.shape(prod)) != full:
        prod = _np.broadcast_to(prod, full)
    summed = [k for k, c in enumerate(letters) if c not in outs]
    r = prod
    if summed:
        if len(summed) == len(letters):
            r = _np.asarray(r).sum()
        else:
            r = _np.asarray(r).sum(tuple(summed))
    kept = [c for c in letters if c in outs]
    if outs and kept != list(outs):
        r = _np.asarray(r).transpose(*[kept.index(c) for c in outs])
    elif not summed:
        r = _np.asarray(r).copy()
    return _np._out(r, out)
