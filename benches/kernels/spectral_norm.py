# Kernel: spectral norm (the benchmarks game's), on lists of floats; a helper
# function called in a double loop.
import math
import time

N = 250


def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def a_times_u(u, out):
    n = len(u)
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(i, j) * u[j]
        out[i] = s


def at_times_u(u, out):
    n = len(u)
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(j, i) * u[j]
        out[i] = s


def kernel(n):
    u = [1.0] * n
    v = [0.0] * n
    tmp = [0.0] * n
    for _ in range(10):
        a_times_u(u, tmp)
        at_times_u(tmp, v)
        a_times_u(v, tmp)
        at_times_u(tmp, u)
    vbv = 0.0
    vv = 0.0
    for ue, ve in zip(u, v):
        vbv += ue * ve
        vv += ve * ve
    return math.sqrt(vbv / vv)


kernel(N)
t0 = time.perf_counter()
result = kernel(N)
t1 = time.perf_counter()
print(f"result: {result!r}")
print(f"time: {t1 - t0!r}")
