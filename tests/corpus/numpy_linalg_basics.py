# np.linalg: norm (vector and matrix orders, axis=, keepdims=), det,
# slogdet, inv, solve, matrix_power, cholesky, LinAlgError. Results of the
# LU-based functions are rounded before printing: they may differ from
# LAPACK's in the last bits.
import numpy as np

A = np.array([[4.0, 3, 2], [2, 1, 3], [3, 2, 1]])
b = np.array([1.0, 2, 3])
print(repr(np.linalg.norm(b)), repr(np.linalg.norm(A)), np.linalg.norm(A, axis=0), np.linalg.norm(A, axis=1, keepdims=True))
print(np.linalg.norm(b, 1), np.linalg.norm(b, np.inf), np.linalg.norm(b, -np.inf), np.linalg.norm(b, 0), np.linalg.norm(b, 3))
print(np.linalg.norm(A, 1), np.linalg.norm(A, -1), np.linalg.norm(A, np.inf), np.linalg.norm(A, -np.inf), np.linalg.norm(A, "fro"))
print(np.linalg.norm([3, 4]), np.linalg.norm(np.arange(6).reshape(2, 3), axis=(0, 1)), np.linalg.norm(np.zeros(3)))
print(np.round(np.linalg.det(A), 10), np.round(np.linalg.det(np.array([[1, 2], [3, 4]])), 10), np.linalg.det(np.eye(3)), np.linalg.det(np.ones((2, 2))))
print(np.round(np.linalg.det(np.stack([A, 2 * A])), 8))
s, ld = np.linalg.slogdet(A)
print(s, np.round(ld, 10), np.linalg.slogdet(np.array([[0.0, 1.0], [1.0, 0.0]]))[0])
print(np.round(np.linalg.inv(A), 10), np.linalg.inv(np.array([[1, 2], [3, 4]])), np.round(np.linalg.inv(np.stack([A, A.T])), 8).shape)
print(np.round(np.linalg.solve(A, b), 10), np.round(np.linalg.solve(A, np.eye(3)), 10), np.linalg.solve(np.array([[2.0]]), [4.0]))
print(np.linalg.matrix_power(A.astype(int), 3), np.linalg.matrix_power(A, 0), np.linalg.matrix_power(np.array([[1, 1], [1, 0]]), 10))
print(np.round(np.linalg.matrix_power(np.array([[2.0, 0], [0, 4]]), -2), 10), np.linalg.matrix_power(A, 1))
print(np.linalg.cholesky(np.array([[4.0, 2], [2, 3]])), np.linalg.cholesky(np.array([[4.0, 2], [2, 3]]), upper=True))
for bad in (lambda: np.linalg.inv(np.ones((2, 2))), lambda: np.linalg.solve(np.zeros((2, 2)), [1, 2]),
            lambda: np.linalg.cholesky(np.array([[1.0, 2], [2, 1]])), lambda: np.linalg.det(np.ones((2, 3))),
            lambda: np.linalg.inv(np.ones(3))):
    try:
        bad()
    except np.linalg.LinAlgError as e:
        print("LinAlgError", e, isinstance(e, ValueError))
