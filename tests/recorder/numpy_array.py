# A loop over a numpy array's elements.
import numpy as np

def dot(a, b):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * b[i]
    return s

a = np.arange(3000, dtype=np.float64)
print(dot(a, a))
