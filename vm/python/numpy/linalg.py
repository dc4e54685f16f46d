"""np.linalg: norm, det, slogdet, inv, solve, matrix_power, cholesky, on an
LU factorization with partial pivoting (LAPACK's getrf algorithm, unblocked:
results can differ from numpy's LAPACK in the last bits). eig, eigh, svd,
qr, lstsq, pinv and matrix_rank are not implemented."""

import math as _math
import _numpy
import numpy as _np


class LinAlgError(ValueError):
    """numpy.linalg.LinAlgError"""


LinAlgError.__module__ = "numpy.linalg"


def _square(a):
    a = _np.asarray(a)
    if a.ndim < 2:
        raise LinAlgError("%d-dimensional array given. Array must be at least two-dimensional" % a.ndim)
    if a.shape[-1] != a.shape[-2]:
        raise LinAlgError("Last 2 dimensions of the array must be square")
    if a.dtype.kind == "c":
        raise _np.Unsupported("pyjit's numpy does not implement numpy.linalg of complex matrices")
    return a


def _stacked(a, f):
    # f of each matrix of a stack (..., n, n), results stacked back.
    if a.ndim == 2:
        return f(a)
    lead = a.shape[:-2]
    flat = a.reshape((-1,) + a.shape[-2:])
    outs = [_np.asarray(f(flat[i])) for i in range(flat.shape[0])]
    r = _np.stack(outs, 0)
    return r.reshape(lead + r.shape[1:])


def _lu(m):
    # Rows as lists of floats, factored in place: L below the diagonal
    # (unit), U on and above; the pivot rows and the permutation's sign.
    n = len(m)
    piv = list(range(n))
    sign = 1.0
    for j in range(n):
        p = j
        big = abs(m[j][j])
        for i in range(j + 1, n):
            if abs(m[i][j]) > big:
                big, p = abs(m[i][j]), i
        if p != j:
            m[j], m[p] = m[p], m[j]
            piv[j], piv[p] = piv[p], piv[j]
            sign = -sign
        d = m[j][j]
        if d != 0.0:
            r = 1.0 / d
            for i in range(j + 1, n):
                m[i][j] *= r
        for i in range(j + 1, n):
            l = m[i][j]
            if l != 0.0:
                row, top = m[i], m[j]
                for k in range(j + 1, n):
                    row[k] -= l * top[k]
    return m, piv, sign


def _rows(a):
    return [[float(v) for v in row] for row in a.astype(float).tolist()]


def det(a):
    a = _square(a)

    def one(m):
        lu, _, sign = _lu(_rows(m))
        d = sign
        for i in range(len(lu)):
            d *= lu[i][i]
        return _np.float64(d)

    return _stacked(a, one)


def slogdet(a):
    a = _square(a)
    lu, _, sign = _lu(_rows(a)) if a.ndim == 2 else (None, None, None)
    if lu is None:
        raise _np.Unsupported("pyjit's numpy does not implement numpy.linalg.slogdet of a stack of matrices")
    logdet = 0.0
    for i in range(len(lu)):
        d = lu[i][i]
        if d == 0.0:
            return SlogdetResult(_np.float64(0.0), _np.float64(-_np.inf))
        if d < 0:
            sign = -sign
        logdet += _math.log(abs(d))
    return SlogdetResult(_np.float64(sign), _np.float64(logdet))


class SlogdetResult(tuple):
    def __new__(cls, sign, logabsdet):
        return tuple.__new__(cls, (sign, logabsdet))

    sign = property(lambda self: self[0])
    logabsdet = property(lambda self: self[1])

    def __repr__(self):
        return "SlogdetResult(sign=%r, logabsdet=%r)" % (self[0], self[1])


def _solve_rows(lu, piv, cols):
    # Solves with the factors for each right-hand side column (lists).
    n = len(lu)
    out = []
    for b in cols:
        y = [b[piv[i]] for i in range(n)]
        for i in range(n):
            s = y[i]
            row = lu[i]
            for k in range(i):
                s -= row[k] * y[k]
            y[i] = s
        for i in range(n - 1, -1, -1):
            s = y[i]
            row = lu[i]
            for k in range(i + 1, n):
                s -= row[k] * y[k]
            y[i] = s / row[i]
        out.append(y)
    return out


def _factor(m):
    lu, piv, _ = _lu(_rows(m))
    for i in range(len(lu)):
        if lu[i][i] == 0.0:
            raise LinAlgError("Singular matrix")
    return lu, piv


def solve(a, b):
    a = _square(a)
    b = _np.asarray(b)
    if a.ndim != 2:
        raise _np.Unsupported("pyjit's numpy does not implement numpy.linalg.solve of a stack of matrices")
    n = a.shape[0]
    vector = b.ndim == 1
    bm = b.reshape(n, 1) if vector else b
    if bm.ndim != 2 or bm.shape[0] != n:
        raise ValueError("solve: Input operand 1 has a mismatch in its core dimension 0")
    lu, piv = _factor(a)
    cols = [[float(v) for v in col] for col in bm.astype(float).T.tolist()]
    sol = _solve_rows(lu, piv, cols)
    r = _np.array(sol, dtype=float).T if sol else _np.zeros((n, 0))
    return r.reshape(n) if vector else r.copy()


def inv(a):
    a = _square(a)

    def one(m):
        n = m.shape[0]
        lu, piv = _factor(m)
        cols = [[1.0 if i == j else 0.0 for i in range(n)] for j in range(n)]
        sol = _solve_rows(lu, piv, cols)
        return _np.array(sol, dtype=float).T.copy() if n else _np.zeros((0, 0))

    return _stacked(a, one)


def matrix_power(a, n):
    a = _square(a)
    n = int(n)
    if n == 0:
        r = _np.zeros(a.shape, a.dtype)
        r[...] = _np.eye(a.shape[-1], dtype=a.dtype)
        return r
    if n < 0:
        a = inv(a)
        n = -n
    if n == 1:
        return a.copy()
    if n == 2:
        return a @ a
    if n == 3:
        return (a @ a) @ a
    z = result = None
    while n > 0:
        z = a if z is None else z @ z
        n, bit = divmod(n, 2)
        if bit:
            result = z if result is None else result @ z
    return result


def cholesky(a, upper=False):
    a = _square(a)

    def one(m):
        rows = _rows(m)
        n = len(rows)
        L = [[0.0] * n for _ in range(n)]
        for j in range(n):
            s = rows[j][j]
            for k in range(j):
                s -= L[j][k] * L[j][k]
            if not s > 0.0:
                raise LinAlgError("Matrix is not positive definite")
            d = _math.sqrt(s)
            L[j][j] = d
            for i in range(j + 1, n):
                t = rows[i][j]
                for k in range(j):
                    t -= L[i][k] * L[j][k]
                L[i][j] = t / d
        r = _np.array(L, dtype=float) if n else _np.zeros((0, 0))
        return r.T.copy() if upper else r

    return _stacked(a, one)


def norm(x, ord=None, axis=None, keepdims=False):
    x = _np.asarray(x)
    if x.dtype.kind not in "fc":
        x = x.astype(float)
    if axis is None:
        nd = x.ndim
        if ord is None or (ord in ("f", "fro") and nd == 2) or (ord == 2 and nd == 1):
            v = x.ravel()
            ret = _np.sqrt(_numpy._dot(v, v)) if x.dtype.kind != "c" else _np.sqrt(_np.sum(_np.absolute(v) ** 2))
            if keepdims:
                ret = _np.asarray(ret).reshape((1,) * nd)
            return ret
        axis = tuple(range(nd))
    elif not isinstance(axis, tuple):
        axis = (int(axis),)
    if len(axis) == 1:
        ax = axis[0]
        if ord == _np.inf:
            return _np.absolute(x).max(ax, keepdims=keepdims)
        if ord == -_np.inf:
            return _np.absolute(x).min(ax, keepdims=keepdims)
        if ord == 0:
            return (x != 0).astype(float).sum(ax, keepdims=keepdims)
        if ord == 1:
            return _np.add.reduce(_np.absolute(x), axis=ax, keepdims=keepdims)
        if ord is None or ord == 2:
            s = x * x if x.dtype.kind != "c" else _np.absolute(x) ** 2
            return _np.sqrt(_np.add.reduce(s, axis=ax, keepdims=keepdims))
        if isinstance(ord, str):
            raise ValueError("Invalid norm order '%s' for vectors" % ord)
        absx = _np.absolute(x) ** ord
        return _np.add.reduce(absx, axis=ax, keepdims=keepdims) ** (1.0 / ord)
    if len(axis) == 2:
        r0, r1 = [a + x.ndim if a < 0 else a for a in axis]
        if r0 == r1:
            raise ValueError("Duplicate axes given.")
        if ord in (None, "f", "fro"):
            ret = _np.sqrt(_np.add.reduce(x * x, axis=axis))
        elif ord in (1, -1):
            s = _np.add.reduce(_np.absolute(x), axis=r0)
            ret = s.max(r1 - 1 if r1 > r0 else r1) if ord == 1 else s.min(r1 - 1 if r1 > r0 else r1)
        elif ord in (_np.inf, -_np.inf):
            s = _np.add.reduce(_np.absolute(x), axis=r1)
            ret = s.max(r0 - 1 if r0 > r1 else r0) if ord == _np.inf else s.min(r0 - 1 if r0 > r1 else r0)
        elif ord in (2, -2, "nuc"):
            raise _np.Unsupported("pyjit's numpy does not implement numpy.linalg.norm with ord=%r (it needs an SVD)"
                                  % (ord,))
        else:
            raise ValueError("Invalid norm order for matrices.")
        if keepdims:
            shape = list(x.shape)
            shape[r0] = shape[r1] = 1
            ret = _np.asarray(ret).reshape(shape)
        return ret
    raise ValueError("Improper number of dimensions to norm.")


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError("module 'numpy.linalg' has no attribute %r" % name)
    raise _np.Unsupported("pyjit's numpy does not implement numpy.linalg.%s" % name)
