# numpy's ufuncs are objects: repr, attributes, out=/where=/dtype=, and the
# methods reduce, accumulate, outer and at; << and >> on arrays, divmod.
# A loop calling ufuncs on scalars still compiles (the JIT sees through the
# object to its function).
import numpy as np

print(np.add, np.sqrt, type(np.add).__name__, np.add.__name__, np.divide.__name__)
print(np.add.nin, np.add.nout, np.add.nargs, np.sqrt.nin, np.divmod.nout)
print(np.add.identity, np.multiply.identity, np.maximum.identity, np.logical_and.identity)
print(np.true_divide is np.divide, np.mod is np.remainder, np.abs is np.absolute)
print(isinstance(np.add, np.ufunc), callable(np.sqrt))

a = np.arange(12).reshape(3, 4)
f = np.array([[1.5, -2.0, 3.25], [0.5, 4.0, -1.0]])
print(np.add(a, 1), np.sqrt(np.array([4.0, 9.0])))
o = np.zeros(3)
r = np.add([1, 2, 3], 1, out=o, where=[True, False, True])
print(r, o, r is o)
o2 = np.full(3, -1.0)
np.multiply([1.0, 2.0, 3.0], 2.0, out=(o2,))
print(o2)
print(repr(np.add(np.array([1, 2]), 3, dtype=np.float32)))
print(repr(np.sqrt(np.array([1.0, 4.0]), out=np.zeros(2))))
print(np.negative(a, where=a > 5, out=np.zeros_like(a)))

# reduce
print(repr(np.add.reduce(a)), repr(np.add.reduce(a, axis=1)), repr(np.add.reduce(a, axis=None)))
print(repr(np.add.reduce(a, axis=-1, keepdims=True)))
print(repr(np.multiply.reduce(f, axis=0)), repr(np.maximum.reduce(f, axis=1)), repr(np.minimum.reduce(f, axis=None)))
print(repr(np.subtract.reduce(a)), repr(np.subtract.reduce(a, axis=1)), repr(np.divide.reduce(np.array([8.0, 2.0, 2.0]))))
print(repr(np.power.reduce(np.array([2, 3, 2]))), repr(np.bitwise_or.reduce(np.array([1, 2, 4, 8]))))
print(repr(np.logical_and.reduce([1, 1, 0])), repr(np.logical_or.reduce([[0, 0], [0, 1]], axis=0)))
print(repr(np.add.reduce(np.array([1, 2], dtype=np.int8))), repr(np.add.reduce(np.array([True, True, False]))))
print(repr(np.add.reduce([])), repr(np.multiply.reduce([])), repr(np.add.reduce(np.zeros((0, 3)), axis=0)))
print(repr(np.maximum.reduce(np.array([1, 5, 3]), initial=10)), repr(np.add.reduce(np.array([1, 2]), initial=5)))
print(repr(np.add.reduce(a, axis=(0, 1))), repr(np.add.reduce(np.arange(24).reshape(2, 3, 4), axis=(0, 2))))
print(repr(np.add.reduce(np.array([1.5, 2.5]), dtype=np.int64)), repr(np.add.reduce(5)))
try:
    np.maximum.reduce(np.array([]))
except ValueError as e:
    print("ValueError", e)
try:
    np.sqrt.reduce(np.array([1.0]))
except ValueError as e:
    print("ValueError", e)
try:
    np.add.reduce(a, axis=2)
except Exception as e:
    print(type(e).__name__, e)

# accumulate
print(repr(np.add.accumulate(np.array([1, 2, 3]))), repr(np.add.accumulate(a, axis=1)))
print(repr(np.add.accumulate(np.array([True, True, False]))), repr(np.multiply.accumulate(f, axis=0)))
print(repr(np.maximum.accumulate(np.array([3, 1, 4, 1, 5, 9, 2]))), repr(np.minimum.accumulate(f, axis=1)))
print(repr(np.power.accumulate([2, 3, 2])), repr(np.subtract.accumulate(np.array([10.0, 1.0, 2.0]))))

# outer and at
print(repr(np.add.outer([1, 2], [3, 4, 5])), repr(np.multiply.outer(np.arange(3), np.arange(4))))
print(repr(np.greater.outer(np.array([1, 2, 3]), np.array([2]))), np.subtract.outer(np.arange(2), np.ones((2, 2))).shape)
z = np.zeros(5)
np.add.at(z, [0, 0, 1, 4, 4, 4], 1)
print(z)
z = np.arange(6)
np.add.at(z, np.array([1, 1, 5]), np.array([10, 20, 30]))
print(z)
m = np.ones((3, 3))
np.multiply.at(m, (np.array([0, 0, 2]), np.array([1, 1, 0])), 3.0)
print(m)
z = np.arange(4.0)
np.negative.at(z, [0, 2])
np.maximum.at(z, [1, 1], [5.0, 7.0])
print(z)
z = np.zeros((3, 2))
np.add.at(z, [0, 2, 0], np.array([1.0, 2.0]))
print(z)

# shifts and divmod
b = np.array([1, 2, 3, -8])
print(b << 2, b >> 1, 1 << np.arange(5), b << np.array([0, 1, 2, 3]))
print(repr(np.array([1, 2], dtype=np.int8) << 7), repr(np.array([True]) << np.array([True])))
print(np.left_shift(b, 3), np.right_shift(b, 1), repr(np.left_shift(1, 70)), repr(np.right_shift(-5, 100)))
print(np.bitwise_left_shift is np.left_shift)
c = np.arange(4)
c <<= 2
print(c)
c >>= np.array([0, 1, 2, 3])
print(c)
print(divmod(np.array([7, -7, 8]), 3), divmod(7.5, np.array([2.0, -2.0])))
print(np.divmod(np.array([7, -7]), np.array([2, 2])), np.divmod(np.array([7.5, -1.5]), 2))
try:
    np.array([1.0]) << 1
except TypeError as e:
    print("TypeError", e)


def scalars(n):
    s = 0.0
    m = -1.0
    for i in range(n):  # jit: compiled
        x = i * 0.5
        s += np.sqrt(x) + np.exp(-x) + np.floor(x)
        m = np.maximum(m, np.sin(x))
    return s, m


print(scalars(3000))


def arrays(n):
    v = np.arange(8.0)
    t = 0.0
    for i in range(n):  # jit: interpreted (a numpy ufunc of these arguments)
        w = np.add(v, i)
        t += np.multiply(w, 0.5)[3]
    return t


print(arrays(2000))
