# random.random/uniform/gauss/randint in hot loops: the stream is the
# interpreter's (drawn from its Mersenne Twister state in place), so
# compiled and interpreted draws interleave exactly; seeding again, state
# saved and restored, an empty randint range, and a patched module
# function.
import random
from random import randint, uniform


def monte_carlo(n):
    inside = 0
    for _ in range(n):  # jit: compiled
        x = random.random()
        y = random.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return 4.0 * inside / n


def mixed(n):
    s = 0.0
    t = 0
    for i in range(n):  # jit: compiled
        s += uniform(-1, 2.5) + uniform(0.5, 3) + random.uniform(2, 7)
        s += random.gauss(0.0, 1) * 0.001
        t += randint(i % 7, 10) + random.randint(-(2**40), 2**40) % 3
        t += randint(0, 2**62) % 5 + randint(-3, -3)
    return s, t


def walk(n):
    pos = 0
    hist = [0] * 11
    for _ in range(n):  # jit: compiled
        pos += 1 if random.random() < 0.5 else -1
        hist[min(max(pos, -5), 5) + 5] += 1
    return pos, hist


random.seed(12345)
print(monte_carlo(50000))
print(random.random())
print(mixed(8000))
print(walk(20000))
state = random.getstate()
a = monte_carlo(3000)
random.setstate(state)
print(a == monte_carlo(3000), random.randint(1, 6))
random.seed("pyjit")
print(monte_carlo(4000), randint(1, 100))

# randint(a, b) with a > b raises after thousands of good draws.
random.seed(3)
try:
    for i in range(5000):  # jit: compiled
        randint(5, 10 - i // 1000 * 3)
except ValueError:
    print("ValueError", i)

# A module function replaced between runs of a compiled loop: the new one
# is called.
def draw_sum(n):
    total = 0.0
    for _ in range(n):  # jit: compiled
        total += random.random()
    return total


random.seed(4)
print(draw_sum(5000))
orig = random.random
random.random = lambda: 0.25
print(draw_sum(5000))
random.random = orig
print(draw_sum(5000), random.random())
