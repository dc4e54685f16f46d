# `__slots__` members read and written where they are (a float in place,
# a bool over a bool, anything else through the runtime), instances of
# `__slots__` classes made in compiled loops, and objects stored into list
# elements (`points[i] = Point(i)`).
from math import sin, cos, sqrt


class Point:
    __slots__ = ("x", "y", "z")

    def __init__(self, i):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x = x = sin(i)
        self.y = cos(i) * 3
        self.z = (x * x) / 2

    def normalize(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        x, y, z = self.x, self.y, self.z
        norm = sqrt(x * x + y * y + z * z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def float_benchmark(n):
    points = [None] * n
    for i in range(n):  # jit: compiled
        points[i] = Point(i)
    for p in points:  # jit: compiled
        p.normalize()
    best = points[0]
    for p in points[1:]:  # jit: compiled
        best = best.maximize(p)
    return best.x, best.y, best.z


class Cell:
    __slots__ = ("alive", "count", "label", "other")

    def __init__(self, alive):
        self.alive = alive
        self.count = 0


def flags_and_unset(n):
    cells = [Cell(i % 3 == 0) for i in range(50)]
    flips = 0
    for step in range(n):  # jit: compiled
        c = cells[step % 50]
        c.alive = not c.alive          # a bool over a bool
        c.count += 1                   # an int through the runtime
        if c.alive:
            flips += 1
    missing = 0
    for c in cells:
        try:
            c.label                    # never set: AttributeError
        except AttributeError:
            missing += 1
    return flips, sum(c.count for c in cells), missing


def slot_changes_type(n):
    p = Point(1)
    t = 0.0
    for i in range(n):  # jit: compiled
        if i == n // 2:
            p.x = "text"               # a str from here: the loop leaves
            break
        t += p.x
        p.x = p.x + 1.0
    return t, p.x


def shared_float(n):
    # Two slots hold one float object: a store may not change it in place.
    p = Point(2)
    q = Point(3)
    v = 1.5 * n
    p.x = v
    q.x = v
    for i in range(n):  # jit: compiled
        p.x += 1.0
    return p.x, q.x


def store_over_objects(n):
    # Stores over None go natively; over an instance the interpreter does it.
    slots = [None] * 10
    made = 0
    for i in range(n):  # jit: compiled
        slots[i % 10] = Point(i)
        made += 1
    rows = [[0.0] * 3 for _ in range(5)]
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        rows[i % 5] = [float(i)] * 3
    return made, round(slots[3].x, 12), rows[2]


def index_errors(n):
    out = [None] * 5
    try:
        for i in range(n):
            out[i] = Point(i)
    except IndexError as e:
        return "IndexError", str(e), round(out[4].y, 12)
    return out


print(float_benchmark(20000))
print(flags_and_unset(3000))
print(slot_changes_type(3000))
print(shared_float(3000))
print(store_over_objects(3000))
print(index_errors(3000))
