# np.round with decimals (numpy's scale, round half to even, scale back) and
# np.random.RandomState objects (their own MT19937 streams, as numpy's).
import numpy as np
a = np.array([0.125, 2.675, -1.005, 1234.5678, 1e-7, 0.5, 1.5, -2.5, np.nan, np.inf])
for d in (0, 1, 2, 3, -1, -2, 5):
    print(d, np.round(a, d), a.round(d))
b = np.array([1.25, 3.75], dtype=np.float32)
print(b.round(1), b.round(1).dtype, np.around(np.arange(6), 2))
rs = np.random.RandomState(42)
print(rs.rand(3), rs.randint(0, 10, size=4), rs.normal(size=2), rs.uniform(1, 2), rs.randn(2, 2))
rs2 = np.random.RandomState(42)
print(rs2.random_sample(3), rs2.permutation(6))
np.random.seed(1)
print(np.random.rand(2), np.random.randint(5))
