# Kernel: Monte-Carlo estimate of pi with random.random() (CPython's
# Mersenne Twister stream, seeded).
import random
import time

N = 2_000_000


def kernel(n):
    random.seed(2026)
    inside = 0
    for _ in range(n):
        x = random.random()
        y = random.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return 4.0 * inside / n


kernel(N)
t0 = time.perf_counter()
result = kernel(N)
t1 = time.perf_counter()
print(f"result: {result!r}")
print(f"time: {t1 - t0!r}")
