# Arithmetic on numpy scalars of the small dtypes (float32, int32, int8,
# uint8): results keep the type, wrap or round as numpy does.
import numpy as np
for dt in (np.float32, np.int32, np.int8, np.uint8):
    a = np.arange(60, 66).astype(dt)
    x = a[2]
    print(dt.__name__, repr(x + 1), repr(x * 2), repr(x / 3), repr(-x), repr(abs(x)), repr(x // 7), repr(x % 7), repr(x ** 2), repr(x > 61), repr(x == 62))
    print(repr(x + np.float64(0.1)), repr(x + np.int64(3)), repr(np.float32(0.1) + x))
    if dt is not np.float32:
        print(repr(x & 3), repr(x | 1), repr(5 ^ x))
    for i in range(len(a)):
        a[i] = a[i] * 3 + 1
    print(a, a.dtype)
print(repr(np.float32(1) / np.float32(3)), repr(np.float32(16777217.0) + 1))
