# Index arrays and boolean masks inside tuples (numpy's advanced indexing):
# v[:, [1, 0]], Z[mask, :], a[[0, 2], [1, 0]], mixed with slices, ints,
# None and ..., read and assigned; the broadcast index shape goes where the
# index arrays were when they are next to each other, else first.
import numpy as np

a = np.arange(12).reshape(3, 4)
print(a[:, [1, 0]], a[[0, 2], :], a[[0, 2], [1, 3]], a[[[0], [2]], [1, 3]], a[1, [3, 0]], a[[2, 0], 1])
mask = np.array([True, False, True])
print(a[mask, :], a[mask, 1:3], a[:, np.array([True, False, False, True])], a[mask, [0, 3]])
print(a[..., [0, -1]], a[None, :, [1]].shape, a[:, None, [1, 2]].shape, a[a > 5], a[np.array([[True, False, True, False]] * 3)])
c = np.arange(60).reshape(3, 4, 5)
print(c[:, [0, 1], [2, 3]], c[[0, 1], :, [2, 3]], c[1, :, [0, 4]], c[:, 1:3, [0]].shape, c[[0], ..., [1]].shape)
print(c[[0, 2], [1, 3], [4, 0]], c[..., [1, 2]].shape, c[mask, 2, :].shape, c[:, [1], :][0], c[[1, 0], 2:4, 1])
print(c[np.array([[0, 1], [2, 0]]), :, np.array([1, 2])].shape, c[:, [[0, 1], [2, 3]], 0])
f = np.arange(6.0).reshape(2, 3)
f[:, [0, 2]] = -1.0
print(f)
f[[0, 1], [1, 1]] = [10.0, 20.0]
print(f)
f[np.array([False, True]), :] = 7
print(f)
f[:, [True, False, True]] += 0.5
print(f)
b = np.zeros((3, 3), dtype=np.int64)
b[[0, 1, 2], [2, 1, 0]] = 1
b[1:, [0]] = 5
print(b)
for bad in (lambda: a[:, [4]], lambda: a[[0, 1], [0, 1, 2]], lambda: a[mask[:2], :], lambda: a[:, [0.5]], lambda: a[[0], [0], [0]]):
    try:
        bad()
    except IndexError as e:
        print("IndexError", e)
for k in ([0.5], np.array([0.5]), ([0.5],), (np.array([0.5]),), (slice(None), np.array([1.5]))):
    try:
        a[k]
    except IndexError as e:
        print("IndexError", e)
