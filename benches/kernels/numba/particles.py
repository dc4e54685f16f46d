# Kernel (Numba): the particle simulation of ../particles.py with a
# numba.experimental.jitclass (Numba compiles classes only that way).
import math
import time

from numba import float64, njit
from numba.experimental import jitclass
from numba.typed import List

N = 200
STEPS = 500


@jitclass([("x", float64), ("y", float64), ("vx", float64), ("vy", float64)])
class Particle:
    def __init__(self, x, y, vx, vy):
        self.x = x
        self.y = y
        self.vx = vx
        self.vy = vy

    def move(self, dt):
        self.x += dt * self.vx
        self.y += dt * self.vy
        if self.x < 0.0 or self.x > 10.0:
            self.vx = -self.vx
        if self.y < 0.0 or self.y > 10.0:
            self.vy = -self.vy


@njit
def kernel(n, steps):
    ps = List()
    for i in range(n):
        ps.append(Particle(i * 0.1 % 10.0, i * 0.37 % 10.0, math.sin(i), math.cos(i)))
    for _ in range(steps):
        for p in ps:
            p.move(0.01)
    e = 0.0
    for p in ps:
        e += p.x + 2.0 * p.y + 0.5 * (p.vx * p.vx + p.vy * p.vy)
    return e


kernel(N, STEPS)
t0 = time.perf_counter()
result = kernel(N, STEPS)
t1 = time.perf_counter()
print(f"result: {result!r}")
print(f"time: {t1 - t0!r}")
