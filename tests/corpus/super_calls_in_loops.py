# `super()` and `super(C, self)` in methods called from hot loops
# (constructors of subclasses chaining to their base, an overriding
# method extending its parent's), and a module that rebinds `super`: the
# VM makes the super object; a method that calls `super()` is called
# through the VM rather than inlined (an exit inside it could not give
# `super()` its frame back), and a loop made mostly of such calls stays
# interpreted.


class Shape:
    def __init__(self, name):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        self.name = name
        self.area_calls = 0

    def area(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.area_calls += 1
        return 0


class Rect(Shape):
    def __init__(self, w, h):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        super().__init__("rect")
        self.w = w
        self.h = h

    def area(self):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        return super().area() + self.w * self.h


class Square(Rect):
    def __init__(self, s):
        super(Square, self).__init__(s, s)
        self.name = "square"

    def area(self):
        return super(Square, self).area() + 1


def build(n):
    shapes = []
    total = 0
    for i in range(n):  # jit: compiled
        s = Square(i % 7) if i % 3 == 0 else Rect(i % 5, i % 4)
        total += s.area()
        shapes.append(s)
    return total, len(shapes), shapes[-1].name, shapes[-3].area_calls


print(build(3000))


class Logged:
    def __init__(self):
        self.log = []

    def add(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.log.append(x)
        return len(self.log)


class Twice(Logged):
    def add(self, x):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        super().add(x)
        return super().add(-x)


def fill(n):
    t = Twice()
    last = 0
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        last = t.add(i)
    return last, sum(t.log), t.log[-4:]


print(fill(2500))


class Base:
    def f(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return "base"


class Child(Base):
    def f(self):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        try:
            return super().f() + "!"
        except TypeError as e:
            return "TypeError"


def calls(n):
    c = Child()
    out = []
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        out.append(c.f())
    return out[0], len(out)


print(calls(2000))
_real_super = super


def super(*args):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
    # Shadows the builtin: `super()` in Child.f now calls this, with no
    # arguments; it defers to the real one with explicit ones.
    return _real_super(Child, _current)


_current = Child()
print(calls(2000))
