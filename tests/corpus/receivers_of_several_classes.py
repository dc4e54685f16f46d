# Objects the trace meets through operations it does not specialize (items
# of a list of several classes, what a call returns): an attribute lookup
# on one switches on its class, with a path for each class the site met,
# and leaves for any other.
import math


class Circle:
    def __init__(self, r):
        self.r = r

    def area(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return math.pi * self.r * self.r

    def scaled(self, k):
        return Circle(self.r * k)


class Square:
    def __init__(self, s):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.s = s

    def area(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.s * self.s

    def scaled(self, k):
        return Square(self.s * k)


class Tri:
    def __init__(self, b, h):
        self.b = b
        self.h = h

    def area(self):
        return 0.5 * self.b * self.h

    def scaled(self, k):
        return Tri(self.b * k, self.h * k)


def total_area(shapes):
    t = 0.0
    for sh in shapes:  # jit: compiled
        t += sh.area()
    return t


shapes = [Circle(1.0), Square(2.0), "not a shape", Circle(0.5), Square(1.5)]
try:
    for rep in range(400):
        print(total_area(shapes[:2] + shapes[3:])) if rep % 100 == 0 else total_area(shapes[:2] + shapes[3:])
    # A class the loop never met, part way through: it leaves and is
    # recorded again with a path for it.
    print(total_area([Circle(1.0)] * 500 + [Tri(2.0, 3.0)] * 500))
    print(total_area(shapes))
except AttributeError as e:
    print("AttributeError", e)


# Results of calls the trace does not inline, of several classes.
def pick(i, pool):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return pool[i % len(pool)]


def grow(n):
    pool = [Circle(1.0), Square(1.0), Tri(1.0, 2.0)]
    t = 0.0
    for i in range(n):  # jit: compiled
        s = pick(i, pool).scaled(1.0 + (i % 5))
        t += s.area()
    return round(t, 6)


print(grow(3000))


# An instance attribute shadowing a method on one object only, and a class
# changed while the loop runs.
def calls(objs):
    out = []
    for o in objs:  # jit: compiled
        out.append(o.area())
    return out


objs = [Square(float(i % 7)) for i in range(2000)]  # jit: compiled
odd = Square(3.0)
odd.area = lambda: -1.0
objs[1500] = odd
print(sum(calls(objs)), calls(objs)[1500])
Square.area = lambda self: 42.0
print(sum(calls(objs[:1000])))
