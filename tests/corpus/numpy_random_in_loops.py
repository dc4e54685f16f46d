# numpy's legacy random functions called inside hot loops (Numba's
# Monte-Carlo examples): the stream is numpy's, for the same seed.
import numpy as np


def monte_carlo_pi(nsamples):
    acc = 0
    for i in range(nsamples):  # jit: compiled
        x = np.random.random()
        y = np.random.random()
        if (x ** 2 + y ** 2) < 1.0:
            acc += 1
    return 4.0 * acc / nsamples


def draws(n):
    s = 0.0
    k = 0
    for i in range(n):  # jit: compiled
        s += np.random.uniform(-1.0, 2.0) + np.random.uniform() + np.random.normal(0.5, 2.0) + np.random.normal()
        s += np.random.rand()
        k += np.random.randint(0, 10) + np.random.randint(7) + np.random.randint(-5, i + 1)
    return s, k


def bad_range(n):
    k = 0
    for i in range(n):  # jit: compiled
        k += np.random.randint(0, n - i - 1)
    return k


np.random.seed(12345)
print(monte_carlo_pi(20000))
print(draws(3000))
print(type(np.random.randint(3)).__name__, type(np.random.randint(3, dtype=np.int64)).__name__)
try:
    print(bad_range(2000))
except ValueError:
    print("ValueError", np.random.random())
print(np.random.random())
