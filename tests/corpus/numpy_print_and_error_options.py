# np.set_printoptions / get_printoptions / printoptions (precision,
# suppress, threshold, edgeitems, linewidth), seterr/geterr/errstate, np.ix_.
import numpy as np

print(np.get_printoptions())
a = np.array([1 / 3, 1e-10, 2.5])
print(a, np.array([1e-5, 1.0]), np.array([123456.789, 0.001]))
np.set_printoptions(precision=3, suppress=True)
print(a, repr(np.array(1 / 3)), np.array(1 / 3), np.float64(1 / 3), np.array([1e-5, 1.0]), np.array([1e9, 1.0]))
print(np.array([[1 / 7, 2e-8], [3.0, -4.5]]), np.array([1 / 3 + 2j / 3]), np.array([1 / 3], dtype=np.float32))
print(np.get_printoptions()["precision"], np.get_printoptions()["suppress"])
with np.printoptions(precision=2):
    print(np.array([1 / 3]), np.get_printoptions()["precision"])
print(np.array([1 / 3]))
np.set_printoptions(precision=8, suppress=False, threshold=5, edgeitems=2, linewidth=30)
print(np.arange(10), np.arange(20.0).reshape(4, 5), np.arange(5), np.linspace(0, 1, 12))
np.set_printoptions(threshold=1000, edgeitems=3, linewidth=75)
print(np.arange(10), np.arange(2000)[::100], repr(np.linspace(0, 1, 12)))

print(np.geterr())
old = np.seterr(all="ignore")
print(old, np.geterr())
with np.errstate(divide="warn", invalid="warn"):
    print(np.geterr())
print(np.geterr())
np.seterr(**old)
print(np.geterr())
try:
    np.seterr(all="bogus")
except ValueError as e:
    print("ValueError", e)


@np.errstate(invalid="ignore")
def f(x):
    return np.sqrt(x), np.geterr()["invalid"]


print(f(np.array([-1.0, 4.0])), np.geterr()["invalid"])

ix = np.ix_([0, 2], [1, 3])
print(ix, np.arange(12).reshape(3, 4)[ix], np.ix_(np.array([True, False, True])), np.ix_([], [1])[0].shape)
m = np.zeros((3, 4), dtype=np.int64)
m[np.ix_([0, 2], [0, 3])] = 7
print(m)
