# Shape and construction: diag, tile, repeat, pad, roll, meshgrid, indices,
# unravel_index/ravel_multi_index, tri/triu/tril, flip, rot90, split,
# atleast_*d, broadcast_to, diff, moveaxis, squeeze, take, kron, trace,
# keepdims= and tuple axes on reductions.
import numpy as np

a = np.arange(9).reshape(3, 3)
v = np.array([1, 2, 3])
print(np.diag(v), np.diag(v, k=1), np.diag(v, -2), np.diag(a), np.diag(a, 1), np.diag(a, k=-1), np.diag(a, 5))
print(a.diagonal(), np.trace(a), np.trace(a, 1), a.trace(), np.trace(np.eye(3)), repr(np.trace(np.ones((2, 3), dtype=np.int8))))
print(np.tile(v, 2), np.tile(v, (2, 2)), np.tile(a, (1, 2)), np.tile(np.array([[1.5]]), 3), np.tile(v, 0))
print(np.repeat(v, 2), np.repeat(v, [1, 0, 3]), np.repeat(a, 2, axis=0), np.repeat(a, [1, 2, 1], axis=1), np.repeat(7, 3))
print(v.repeat(2), np.repeat(a, 2))
print(np.pad(v, 2), np.pad(v, (1, 3), constant_values=9), np.pad(a, 1), np.pad(a, ((0, 1), (2, 0)), constant_values=-1))
print(np.pad(np.array([1.5, 2.5]), 1, constant_values=(0.5, 7)), np.pad(v, 2, mode="edge"), np.pad(v, 2, mode="wrap"))
print(np.pad(v, 2, mode="reflect"), np.pad(v, 2, mode="symmetric"), np.pad(a, 1, mode="edge"))
print(np.roll(np.arange(5), 2), np.roll(np.arange(5), -1), np.roll(a, 1), np.roll(a, 1, axis=1), np.roll(a, -1, axis=0))
print(np.roll(a, (1, 1), axis=(0, 1)), np.roll(np.arange(5), 7), np.roll(np.array([]), 1))
xx, yy = np.meshgrid(np.array([1, 2, 3]), np.array([10, 20]))
print(xx, yy)
print(np.meshgrid([1, 2], [3, 4, 5], indexing="ij"), np.meshgrid([1.5, 2.5], [0], sparse=True))
print(np.indices((2, 3)), np.indices((2,)), np.indices((2, 2), sparse=True))
print(np.unravel_index(5, (2, 3)), np.unravel_index([1, 5, 3], (2, 3)), np.unravel_index(np.array([[0, 7]]), (2, 2, 2)))
print(np.ravel_multi_index(([0, 1], [2, 1]), (2, 3)), repr(np.ravel_multi_index((1, 2), (2, 3))))
print(np.ravel_multi_index(([3, -1], [0, 4]), (3, 4), mode="wrap"), np.ravel_multi_index(([3, -1], [0, 4]), (3, 4), mode="clip"))
for bad in (lambda: np.unravel_index(6, (2, 3)), lambda: np.ravel_multi_index(([2], [0]), (2, 3))):
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)
print(np.tri(3), np.tri(2, 4, 1, dtype=int), np.triu(a), np.tril(a), np.triu(a, 1), np.tril(a, -1), np.tril(np.ones((2, 4)), 1))
print(np.flip(v), np.flip(a), np.flip(a, 0), np.flip(a, axis=1), np.fliplr(a), np.flipud(a), np.flip(a, (0, 1)))
print(np.rot90(a), np.rot90(a, 2), np.rot90(a, -1), np.rot90(a, 3), np.rot90(np.arange(6).reshape(2, 3), 1, axes=(1, 0)))
print(np.split(np.arange(6), 3), np.split(np.arange(6), [2, 3]), np.array_split(np.arange(7), 3), np.split(a, 3, axis=1))
print(np.array_split(np.arange(3), 5), np.hsplit(np.arange(8).reshape(2, 4), 2), np.vsplit(a, [1]))
try:
    np.split(np.arange(7), 3)
except ValueError as e:
    print("ValueError", e)
print(np.atleast_1d(5), np.atleast_2d(v), np.atleast_3d(v).shape, np.atleast_3d(a).shape, np.atleast_3d(5).shape, np.atleast_1d(1, [2]))
print(np.broadcast_to(v, (2, 3)), np.broadcast_to(5, (2,)), np.broadcast_to(np.array([[1.5], [2.5]]), (2, 2)))
try:
    np.broadcast_to(v, (2, 2))
except ValueError as e:
    print("ValueError")
print(np.diff(np.array([1, 4, 9, 16])), np.diff([1, 4, 9, 16], n=2), np.diff(a, axis=0), np.diff(a), np.diff(np.array([1.5, 1.0])))
print(np.diff(np.array([True, False, False])), np.diff([1, 2], prepend=0), np.diff([1, 2], append=[5, 5]), np.diff(v, n=0))
print(np.moveaxis(np.zeros((2, 3, 4)), 0, -1).shape, np.moveaxis(np.zeros((2, 3, 4)), [0, 1], [-1, -2]).shape)
print(np.swapaxes(np.arange(6).reshape(1, 2, 3), 0, 2).shape, np.expand_dims(v, 0).shape, np.expand_dims(v, (0, 2)).shape)
print(np.squeeze(np.zeros((1, 3, 1))).shape, np.squeeze(np.zeros((1, 3, 1)), axis=0).shape, np.zeros((1, 2)).squeeze().shape)
print(np.take(np.array([4, 3, 5, 7]), [0, 1, 3]), np.take(a, [2, 0], axis=1), np.take(a, [[0, 1], [2, 2]]), np.take(a, 4))
print(np.kron([1, 10], [1, 2, 3]), np.kron(np.eye(2), np.array([[1, 2], [3, 4]])), np.kron(2, [1, 2]))
print(np.append(v, [4, 5]), np.append(a, [[9, 9, 9]], axis=0), np.delete(v, 1), np.delete(a, [0, 2], axis=1), np.insert(v, 1, 9))
print(np.column_stack(([1, 2], [3, 4])), np.dstack(([1, 2], [3, 4])).shape, np.cross([1, 0, 0], [0, 1, 0]))
print(np.ptp(a), np.ptp(a, axis=0), np.cumsum(a, axis=1), np.cumprod(v), np.cumsum([[1, 2], [3, 4]]))

# reductions with keepdims= and tuple axes
c = np.arange(24).reshape(2, 3, 4)
print(c.sum(axis=(0, 1)), c.sum(axis=(0, 2), keepdims=True), c.max(axis=(1, 2)), c.min(axis=(-1, 0)), c.sum(keepdims=True))
print(c.mean(axis=(0, 1)), c.mean(axis=1, keepdims=True), np.sum(c, axis=(2, 0)), np.prod(v, keepdims=True), c.any(axis=(0, 1)))
print(a.argmax(axis=0, keepdims=True), a.std(axis=0, keepdims=True), a.var(keepdims=True), np.max(a, 1, keepdims=True))
print(np.amax(c, axis=(0, 2)), c.all(axis=(0, 1, 2)), np.mean(np.array([[1.5, 2.5], [3.5, 4.0]]), axis=(0, 1)))
