# Rows of arrays given to operations that need an array object: operators,
# reductions, ufuncs and np.dot of rows (numpy's own views, made through
# the runtime), rows changed in place (`X[i] *= 0.5`, `X[i] += C[j]`) and
# rows assigned (`X[i] = v`, numpy's copy).
import numpy as np


def distances(X, C):
    out = 0.0
    best = np.zeros(X.shape[0], dtype=np.int64)
    for i in range(X.shape[0]):  # jit: compiled
        lo = 1e300
        for j in range(C.shape[0]):  # jit: compiled
            d = X[i] - C[j]
            s = np.sum(d * d)
            if s < lo:
                lo = s
                best[i] = j
            out += s + np.dot(X[i], C[j])
    return out, best[:10], best.sum()


def row_reductions(X):
    t = 0.0
    for row in X:
        t += row.sum() + np.sqrt(row)[0] + row.max() - row.min() + row.mean()
    return t


def rows_in_place(X, C):
    for i in range(X.shape[0]):
        X[i] *= 0.5
        r = X[i]
        r += 1.0
        X[i] += C[i % C.shape[0]]
    return X[:2], X[-1]


def rows_assigned(X):
    for i in range(1, X.shape[0]):
        X[i] = X[i - 1] * 0.5 + X[i]
    return X[:3], X[-1]


def row_shape_error(X):
    try:
        for i in range(X.shape[0]):
            if i == X.shape[0] - 2:
                X[i] = np.ones(5)
            X[i] = X[i] + 1.0
    except ValueError as e:
        return "ValueError", str(e), X[-3:]
    return X[-3:]


X = (np.arange(3000.0).reshape(1000, 3) % 17.0) * 0.25
C = (np.arange(12.0).reshape(4, 3) % 5.0) * 0.5
print(distances(X, C))
print(row_reductions(X))
print(rows_in_place(X.copy(), C))
print(rows_assigned(X.copy()))
print(row_shape_error(X.copy()))
