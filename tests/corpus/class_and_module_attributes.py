# Attributes of classes and modules read in hot loops: class constants
# (numbers, instances, functions and staticmethods reached through the
# class) are read at entry and taken as fixed; Python code the loop calls
# through the VM may change them, or a global, or a method of a class the
# trace inlined, and the loop then goes on with the new value; so may a
# write into the dict that holds them.
import types


class Direction:
    NONE = 0
    FORWARD = 1
    BACKWARD = -1


class Strength:
    def __init__(self, value, name):
        self.value = value
        self.name = name

    @staticmethod  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    def stronger(a, b):
        return a.value < b.value

    def weaker(self, other):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.value > other.value


Strength.REQUIRED = Strength(0, "required")
Strength.STRONG = Strength(1, "strong")
Strength.WEAK = Strength(5, "weak")


class Sub(Direction):
    SCALE = 3


def directions(n):
    t = 0
    for i in range(n):  # jit: compiled
        d = Direction.FORWARD if i % 3 else Direction.BACKWARD
        t += d * Sub.SCALE + Sub.FORWARD
    return t


def strengths(n):
    picks = [Strength.REQUIRED, Strength.STRONG, Strength.WEAK]
    wins = 0
    for i in range(n):  # jit: compiled
        s = picks[i % 3]
        if Strength.stronger(s, Strength.STRONG):
            wins += 1
        if Strength.weaker(s, Strength.REQUIRED):
            wins += 10
    return wins


class Counter:
    step = 1


def bump(*args):
    # Called through the VM (no inlining of *args functions).
    Counter.step += 1


def class_changed_by_callee(n):
    t = 0
    for i in range(n):  # jit: compiled
        if i % 1000 == 999:
            bump()
        t += Counter.step
    return t


class Base:
    LIMIT = 10


class Derived(Base):
    pass


def shadow(*args):
    Derived.LIMIT = Derived.LIMIT + 5


def base_shadowed_in_subclass(n):
    t = 0
    for i in range(n):  # jit: compiled
        if i == n // 2:
            shadow()
        t += Derived.LIMIT
    return t


m = types.ModuleType("m")
m.x = 0


def bump_module(*args):  # jit: interpreted (an attribute assignment to something other than an instance)
    m.x += 2


def module_changed_by_callee(n):
    t = 0
    for i in range(n):  # jit: compiled
        bump_module()
        t += m.x
    return t


def one():
    return 1


def two():  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return 2


g = one


def swap(*args):
    global g
    g = two if g is one else one


def global_function_swapped(n):
    t = 0
    for i in range(n):  # jit: compiled
        if i % 1000 == 0:
            swap()
        t += g()
    return t


class Shape:
    def __init__(self, k):
        self.k = k

    def area(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.k * 2


def triple(self):
    return self.k * 3


def patch(*args):
    Shape.area = triple


def method_patched_by_callee(n):
    s = Shape(7)
    t = 0
    for i in range(n):  # jit: compiled
        if i == n // 2:
            patch()
        t += s.area()
    return t


current = Strength(3, "medium")


def replace(*args):
    global current
    current = Strength(current.value + 1, "next")


def global_instance_replaced(n):
    t = 0
    for i in range(n):  # jit: compiled
        if i % 500 == 0:
            replace()
        t += current.value
    return t


class Tools:
    @classmethod  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    def make(cls, v):
        return v + 1

    @property
    def p(self):
        return 4


def classmethod_and_property(n):
    t = 0
    for i in range(n):  # jit: compiled
        t += Tools.make(i) + (Tools.p is not None)
    return t


x = 0


def globals_written_through_their_dict(n):
    # A write into the globals' dict, which no Python code makes: the
    # global read after it must see it.
    g = globals()
    t = 0
    for i in range(n):  # jit: compiled
        g['x'] = i
        t += x
    return t


def module_written_through_its_dict(n):
    d = m.__dict__
    t = 0
    for i in range(n):  # jit: compiled
        d['x'] = i
        t += m.x
    return t


class Grid:
    SIZE = 4
    SCALE = 2.5

    def __init__(self):
        self.k = 1

    def cost(self, i):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return (i % self.SIZE) * self.SCALE + self.k


class Coarse(Grid):
    SIZE = 8


def rescale(*args):
    Grid.SCALE = 0.5


def class_constants_through_self(n):
    # Read from the class while no instance attribute shadows them; then
    # one instance gets its own, and a callee changes the base class.
    gs = [Grid(), Coarse(), Grid()]
    t = 0.0
    for i in range(n):  # jit: compiled
        t += gs[i % 3].cost(i)
        if i == n // 2:
            gs[0].SIZE = 3
        if i == 3 * n // 4:
            rescale()
    return t


class Weight:
    def __init__(self, w):
        self.w = w

    @classmethod  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    def heavier(cls, a, b):
        return a.w > b.w

    @classmethod  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    def heaviest(cls, a, b):
        if cls.heavier(a, b):
            return a
        return b

    @classmethod  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
    def unit(cls):
        return cls.__name__

    def pick(self, other):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.heaviest(self, other)


class Ton(Weight):
    pass


def unit_from_instance(cls):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return "ton"


def classmethods(n):
    ws = [Weight(3), Ton(5), Weight(4)]
    t = 0
    names = 0
    for i in range(n):  # jit: compiled
        a = ws[i % 3]
        b = ws[(i + 1) % 3]
        t += Weight.heaviest(a, b).w + a.pick(b).w
        names += len(a.unit()) + len(Ton.unit())
        if i == n // 2:
            Ton.unit = classmethod(unit_from_instance)
    return t, names


for f in (classmethods, class_constants_through_self, globals_written_through_their_dict, module_written_through_its_dict, directions, strengths, class_changed_by_callee, base_shadowed_in_subclass, module_changed_by_callee,
          global_function_swapped, method_patched_by_callee, global_instance_replaced, classmethod_and_property):
    print(f.__name__, f(30000))
print(Counter.step, Derived.LIMIT, Base.LIMIT, m.x, g.__name__, current.value)
