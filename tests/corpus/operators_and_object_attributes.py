# Operator methods of plain classes inlined into compiled loops (__add__,
# __sub__, __mul__ with a number, __rmul__, __truediv__, __neg__ stays with
# the interpreter), a method that returns NotImplemented, a class with
# __iadd__ (left to the interpreter), instances and lists stored into
# attributes (in __init__ and later, over numbers and over objects), and
# calls nested eight deep.
import math


class Vec:
    def __init__(self, x, y, z):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return Vec(self.x * k, self.y * k, self.z * k)

    def __rmul__(self, k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return Vec(k * self.x, k * self.y, k * self.z)

    def __truediv__(self, k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return Vec(self.x / k, self.y / k, self.z / k)

    def dot(self, o):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.x * o.x + self.y * o.y + self.z * o.z

    def norm(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return math.sqrt(self.dot(self))

    def unit(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self / self.norm()

    def __repr__(self):
        return "Vec(%r, %r, %r)" % (self.x, self.y, self.z)


class Ray:
    def __init__(self, origin, direction):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.origin = origin
        self.direction = direction.unit()
        self.hits = 0


def trace(w, h):
    centre = Vec(0.0, 0.0, 10.0)
    eye = Vec(0.0, 0.0, -5.0)
    hits = 0
    total = 0.0
    for y in range(h):  # jit: compiled
        for x in range(w):  # jit: compiled
            r = Ray(eye, Vec((x - w / 2) / w, (y - h / 2) / h, 1.0))
            cp = centre - r.origin
            v = cp.dot(r.direction)
            disc = 9.0 - (cp.dot(cp) - v * v)
            if disc >= 0:
                hits += 1
                total += v - math.sqrt(disc)
                p = r.origin + r.direction * (v - math.sqrt(disc))
                total += 0.001 * p.norm()
    return hits, total


print(trace(60, 40))


def scaled(n):
    acc = Vec(0.0, 0.0, 0.0)
    for i in range(n):  # jit: compiled
        acc = acc + 0.5 * Vec(i, -i, 1) - Vec(1, 1, 1) * 2
        if i == n // 2:
            print("half", acc)
    return acc


print(scaled(3000))


class Money:
    def __init__(self, cents):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.cents = cents

    def __add__(self, o):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        if o == 0:
            return NotImplemented
        return Money(self.cents + o)

    def __radd__(self, o):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return Money(self.cents + o + 1000)


def not_implemented(n):
    m = Money(0)
    try:
        for i in range(n):  # jit: compiled
            m = m + (i % 3 + 1)
            m = (i % 2) + m
            if i == n - 10:
                m = m + 0
    except TypeError:
        print("TypeError at", m.cents)
    return m.cents


print(not_implemented(3000))


class Acc:
    def __init__(self, v=0):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.v = v

    def __add__(self, o):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return Acc2(self.v + o)

    def __iadd__(self, o):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.v += 2 * o
        return self


class Acc2(Acc):
    pass


def in_place(n):
    a = Acc()
    b = Acc()
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        a += i
        b = b + i
    return a.v, b.v, type(b).__name__


print(in_place(3000))


class Node:
    def __init__(self, value):
        self.value = value
        self.next = None
        self.items = []


def rewire(n):
    nodes = [Node(i) for i in range(10)]
    total = 0
    for i in range(n):  # jit: compiled
        a = nodes[i % 10]
        b = nodes[(i * 7) % 10]
        a.next = b
        a.items = b.items
        a.value = b.value + 1 if i % 100 else 0
        total += a.next.value
    return total, [nd.next.value for nd in nodes]


print(rewire(3000))
