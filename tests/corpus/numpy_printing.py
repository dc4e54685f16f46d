# numpy's printing: repr/str of arrays and scalars, each dtype, wrapping,
# summarization, scientific notation.
import numpy as np

cases = [
    np.arange(40.0),
    np.arange(100),
    np.arange(2000),
    np.arange(2000.0).reshape(40, 50),
    np.array([1e-5, 1.0, 1e5]),
    np.array([1e10, 1.5]),
    np.array([0.1, 0.25, 1.0 / 3.0]),
    np.array([np.nan, np.inf, -np.inf, -0.0, 1.0]),
    np.array([True, False, True]),
    np.array([1, 2, 3], dtype=np.int8),
    np.array([1, 2, 255], dtype=np.uint8),
    np.array([[1, -2], [3, 4]], dtype=np.int32),
    np.array([0.1, 0.2], dtype=np.float32),
    np.zeros((2, 2, 3)),
    np.array([], dtype=np.float64),
    np.zeros((0, 3)),
    np.array(5.0),
    np.array([1 + 2j, -1j]),
    np.linspace(-1, 1, 7),
]
for a in cases:
    print(repr(a))
    print(a)
    print(a.dtype, a.shape, a.ndim, a.size)

for s in [np.float64(1.5), np.float32(0.1), np.int64(7), np.int32(-3), np.uint8(200), np.True_, np.float64(np.nan),
          np.float64(1e20), np.complex128(1 + 2j)]:
    print(repr(s), str(s))
print([np.float64(2.0), np.int64(3)])
x = np.arange(5.0)
print(f"{x[2]:.3f} {x[3]}", x[1] + 1, type(x[1] * 2).__name__)
for bad in (lambda: np.array([1, 2, 300], dtype=np.uint8), lambda: np.full(2, -1, np.uint8),
            lambda: np.zeros(2, np.int8) + 200):
    try:
        bad()
    except OverflowError as e:
        print("OverflowError:", e)
