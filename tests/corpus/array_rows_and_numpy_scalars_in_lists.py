# Iterating over the rows of a matrix (`for row in X`, views a variable may
# hold), over a row (`for v in row`, `for v in X[i]`), and numpy scalars
# appended to lists (np.float64, np.int64, np.bool_ objects).
import numpy as np


def row_products(X):
    t = 0.0
    for row in X:  # jit: compiled
        t += row[0] * row[1] - row[-1]
    return t


def nested(X):
    t = 0.0
    n = 0
    for row in X:  # jit: compiled
        for v in row:  # jit: compiled
            t += v
            n += 1
    return t, n


def nested_index(X):
    t = 0.0
    for i in range(X.shape[0]):  # jit: compiled
        for v in X[i]:  # jit: compiled
            t += v * i
    return t


def write_through_rows(X):
    for row in X:  # jit: compiled
        row[0] = row[1] + row[2]
    return X[:3], X[-1]


def keep_a_row(X):
    found = None
    k = 0
    for row in X:  # jit: compiled
        k += 1
        if row[2] > 4.5:
            found = row
            break
    return k, found


def inner_break(X):
    hits = 0
    for row in X:  # jit: compiled
        for v in row:
            if v > 0.5:
                hits += 1
                break
    return hits


def changed_while_walked(X):
    # numpy's iterator reads each row when it is reached.
    t = 0.0
    for i, row in enumerate(X):  # jit: interpreted (an operation on a value the trace cannot hand to the VM)
        if i + 1 < X.shape[0]:
            X[i + 1, 0] = row[0] + 1.0
        t += row[0]
    return t


def leave_inside(X, bad):
    # An int row index past the end in the middle of the inner loop.
    t = 0.0
    for row in X:  # jit: compiled
        for v in row:  # jit: compiled
            t += v
        t += row[bad]
    return t


def appended_scalars(a, ia):
    out = []
    flags = []
    ks = []
    for i in range(len(a)):  # jit: compiled
        out.append(a[i] * 2.0)
        flags.append(a[i] > 0.5)
        ks.append(ia[i] * 3)
    return out[:3], out[-1], flags[:2], flags[-1], ks[-2:], len(out), sum(flags)


def appended_then_read(a):
    # The list holds np.float64 objects and floats: reads of either (left
    # to the interpreter).
    out = [0.5]
    t = 0.0
    for i in range(len(a)):  # jit: interpreted (an operation on a value the trace cannot hand to the VM)
        out.append(a[i])
        t += out[i]
    return t, type(out[1]).__name__, type(out[0]).__name__


X = np.arange(6000.0).reshape(2000, 3) * 0.001
a = np.linspace(0.0, 1.0, 3001)
print(row_products(X))
print(nested(X))
print(nested_index(X))
print(write_through_rows(X.copy()))
print(keep_a_row(X))
print(inner_break(X))
print(changed_while_walked(X.copy()))
try:
    print(leave_inside(X, 1))
    print(leave_inside(X[:5], 3))
except IndexError as e:
    print("IndexError", e)
print(row_products(np.zeros((0, 3))))
print(appended_scalars(a, np.arange(3001)))
print(appended_then_read(a))
