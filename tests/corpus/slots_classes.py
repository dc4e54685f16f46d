# Instances of classes with __slots__ in compiled loops: members read and
# written through their descriptors (numbers of one type), an unset member
# (AttributeError), a member holding another type later, inheritance of
# slots, and methods of such classes called from compiled loops.
from math import cos, sin, sqrt


class Point:
    __slots__ = ("x", "y", "z")

    def __init__(self, i):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x = x = sin(i)
        self.y = cos(i) * 3
        self.z = (x * x) / 2

    def normalize(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        norm = sqrt(self.x * self.x + self.y * self.y + self.z * self.z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def benchmark(n):
    points = [None] * n
    for i in range(n):  # jit: compiled
        points[i] = Point(i)
    for p in points:  # jit: compiled
        p.normalize()
    best = points[0]
    for p in points[1:]:  # jit: compiled
        best = best.maximize(p)
    return best.x, best.y, best.z


print(benchmark(3000))


class Counter:
    __slots__ = ("n", "total")


class Weighted(Counter):
    __slots__ = ("w",)


def counters(k):
    c = Weighted()
    c.n = 0
    c.total = 0.0
    c.w = 2
    try:
        for i in range(k):  # jit: compiled
            c.n += 1
            c.total += c.w * 0.5
            if i == k // 2:
                c.w = 2.5
            if i == k - 5:
                del c.w
    except AttributeError as e:
        print("AttributeError", e)
    return c.n, c.total


print(counters(3000))
