# Kernel: a small class-based particle simulation (attribute reads and
# writes on instances, a method called per particle, bounces off the walls).
import math
import time

N = 200
STEPS = 500


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


def kernel(n, steps):
    ps = [Particle(i * 0.1 % 10.0, i * 0.37 % 10.0, math.sin(i), math.cos(i)) for i in range(n)]
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
