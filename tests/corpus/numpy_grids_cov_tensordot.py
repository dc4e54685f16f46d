# np.mgrid/np.ogrid (slices and complex steps), cov/corrcoef, tensordot,
# fromiter.
import numpy as np

print(np.mgrid[0:3, 0:2], np.mgrid[0:1:5j], np.ogrid[0:2, 0:3], np.mgrid[0:4], np.mgrid[-1:1:0.5])
print(np.mgrid[0:2, 0:1:3j], np.ogrid[0:5:2])
x = np.array([[0, 2], [1, 1], [2, 0]]).T
print(np.cov(x), np.cov([1, 2, 3], [1, 5, 7]), np.cov(x, ddof=0), repr(np.cov([1.0, 2, 4])), np.cov(x.T, rowvar=False))
print(np.corrcoef(x), np.corrcoef([1, 2, 3, 4], [2, 4, 5, 9]), np.cov(np.array([[1.5, 2.5, 0.5], [3.0, 1.0, 2.0]]), bias=True))
a = np.arange(6).reshape(2, 3)
b = np.arange(6).reshape(3, 2)
print(np.tensordot(a, b, axes=1), repr(np.tensordot(np.ones((2, 3)), np.ones((2, 3)), axes=([0, 1], [0, 1]))))
print(np.tensordot(np.arange(24).reshape(2, 3, 4), np.arange(12).reshape(4, 3), axes=([1, 2], [1, 0])), np.tensordot(a, a, axes=0).shape)
print(np.fromiter(range(5), dtype=float), np.fromiter((i * i for i in range(4)), int, count=3), np.fromiter([], dtype=np.int64))
try:
    np.fromiter(range(2), int, count=5)
except ValueError as e:
    print("ValueError", e)

# einsum
a = np.arange(6).reshape(2, 3)
b = np.arange(12).reshape(3, 4)
v = np.arange(3)
print(np.einsum("ij,jk->ik", a, b), np.einsum("ii", np.eye(3)), np.einsum("ij->ji", a), np.einsum("i,i", v, v), np.einsum("ij,j", a, v))
print(np.einsum("i,j->ij", v, v), np.einsum("ij->", a), np.einsum("ij->j", a), repr(np.einsum("ii->i", np.arange(9).reshape(3, 3))))
print(np.einsum("bij,bjk->bik", np.ones((2, 2, 3)), np.ones((2, 3, 2))), np.einsum("...j,j", a, v), np.einsum("ij,ij->ij", a, a))
print(repr(np.einsum("i,i", np.array([0.1, 0.2, 0.3]), np.array([1.0, 2, 3]))), repr(np.einsum("ij->", np.array([[0.1, 0.2], [0.3, 0.4]]))))
print(np.einsum("ij", a), np.einsum("ji", a), np.einsum("i->", v), np.einsum("ij,kj->ik", a, a), np.einsum("ijk->kji", np.arange(8).reshape(2, 2, 2)))
