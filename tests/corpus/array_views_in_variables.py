# Rows of arrays held in variables (row = a[i]): read, written through
# (the array changes), kept after the loop, live at an exit, views of views,
# negative indices, strided arrays.
import numpy as np


def row_sums(a):
    out = np.zeros(a.shape[0])
    for i in range(a.shape[0]):  # jit: compiled
        row = a[i]
        s = 0.0
        for j in range(row.shape[0]):  # jit: compiled
            s += row[j]
        out[i] = s
    return out


def scale_rows(a):
    for i in range(a.shape[0]):  # jit: compiled
        row = a[-1 - i]
        for j in range(len(row)):  # jit: compiled
            row[j] = row[j] * (i + 1)
    return a


def last_row(a):
    last = None
    for i in range(a.shape[0]):
        last = a[i]
    return last


def rare_print(a):
    t = 0.0
    for i in range(a.shape[0]):
        row = a[i]
        if i % 400 == 399:
            print(row)
        t += row[1]
    return t


def planes(m):
    t = 0.0
    for i in range(m.shape[0]):
        plane = m[i]
        for j in range(plane.shape[0]):
            line = plane[j]
            t += line[0] - line[-1]
    return t


def iterate_rows(a):
    t = 0.0
    for i in range(a.shape[0]):  # jit: compiled
        for x in a[i]:  # jit: compiled
            t += x
    return t


a = np.arange(3000.0).reshape(600, 5)
print(row_sums(a)[[0, 1, -1]])
print(scale_rows(np.arange(2000).reshape(500, 4))[[0, -1]])
print(last_row(a), last_row(np.ones((2, 3)).T))
print(rare_print(np.arange(2400.0).reshape(800, 3)))
print(planes(np.arange(6000.0).reshape(50, 20, 6)))
print(row_sums(np.arange(1200.0).reshape(30, 40).T)[:3])
print(iterate_rows(np.arange(1500.0).reshape(300, 5)))
