# A hot float loop at module level: pyjit compiles it while it runs.
import math
import time

t0 = time.perf_counter()
total = 0.0
for i in range(1, 20_000_000):
    x = i * 0.5
    total += math.sqrt(x) / (1.0 + x % 7.0)
elapsed = time.perf_counter() - t0
print(f"total = {total!r}")
print(f"loop took {elapsed:.3f} s", file=__import__("sys").stderr)
