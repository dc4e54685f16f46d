# np.random's legacy stream matches numpy's for the same seed.
import numpy as np

np.random.seed(0)
print(np.random.random(), np.random.random(3))
print(np.random.randn(4))
print(np.random.randint(0, 100, size=6), np.random.randint(5))
print(np.random.uniform(-1, 1, size=3), np.random.normal(10.0, 2.0))
np.random.seed(12345)
print(np.random.permutation(10))
a = np.arange(8)
np.random.shuffle(a)
print(a)
print(np.random.rand(2, 3))
total = 0.0
for i in range(20000):  # jit: compiled
    total += np.random.random()
print(repr(total))
