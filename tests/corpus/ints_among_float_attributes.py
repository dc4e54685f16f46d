# Vectors whose coordinates are floats mostly and ints in places (`V(0,
# 1.5, 2)`, a scene's integer positions): arithmetic of an int and a
# float gives a float as Python's does (the int made a float, an int too
# large for one raising OverflowError), two ints an int, and attributes
# and operators that met both types are read as objects once compiled
# code has left there for the other type.


class V:
    def __init__(self, x, y, z):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x = x
        self.y = y
        self.z = z

    def sub(self, o):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return V(self.x - o.x, self.y - o.y, self.z - o.z)

    def add(self, o):
        return V(self.x + o.x, self.y + o.y, self.z + o.z)

    def dot(self, o):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.x * o.x + self.y * o.y + self.z * o.z

    def scale(self, f):
        return V(self.x * f, self.y * f, self.z / f)


pts = [V(i * 0.5, 1, 2.25) if i % 3 else V(i, 0, 1) for i in range(30)]
ref = V(0.5, 2, 1.5)


def energy(points, ref):  # jit: compiled
    t = 0.0
    for p in points:  # jit: compiled
        d = p.sub(ref)
        t += d.dot(d)
    return t


def centre(points):
    c = V(0, 0, 0)
    for p in points:
        c = c.add(p)
    return c.scale(len(points))


total = 0.0
for k in range(2000):  # jit: compiled
    total += energy(pts, ref)
    if k == 1500:
        pts[7] = V(7, 7, 7)
c = centre(pts)
print(total, c.x, c.y, c.z, type(c.x).__name__, type(c.y).__name__)

ints = [V(i, i + 1, i + 2) for i in range(20)]
s = 0
for k in range(500):
    s += energy(ints, V(1, 1, 1))
print(s, type(s).__name__)
big = [V(2**70, 1.0, 1)] * 5
print(energy(big, V(0.5, 0, 0)))
try:
    energy([V(2**1100, 1, 1)], V(0.5, 0, 0))
except OverflowError as e:
    print("OverflowError:", e)
print(centre([V(1, 2, 3), V(4, 5, 6)]).x, centre(ints).z)
