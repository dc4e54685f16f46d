# Calls inlined with keyword arguments and defaults, and closures reading
# their cells: a cell's contents are read at entry, so a cell rebound
# between runs must be seen; exits inside a function called with keywords
# resume inside it without redoing its effects.
import math


def scale(x, factor=2.0, shift=0.0):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return x * factor + shift


def kw_calls(n):
    t = 0.0
    for i in range(n):  # jit: compiled
        t += scale(i, shift=1.0)
        t += scale(shift=-1.0, x=i, factor=0.5)
        t += scale(i, 3.0)
    return t


print(kw_calls(20000))


def make_adder(k):
    def add(x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return x + k
    return add


def make_counter():  # jit: interpreted (unsupported instruction StoreDeref)
    count = 0

    def bump():  # jit: interpreted (unsupported instruction StoreDeref)
        nonlocal count
        count += 1
        return count
    return bump


def apply_all(f, n):
    t = 0
    for i in range(n):  # jit: compiled
        t += f(i)
    return t


print(apply_all(make_adder(3), 20000), apply_all(make_adder(2.5), 20000))
# A function that stores into its cell stays interpreted.
print(apply_all(lambda i: make_counter()() + i, 3000))  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)


def closure_over_loop_local(n):
    base = 7
    get = lambda: base  # noqa: E731
    t = 0
    for i in range(n):  # jit: compiled
        t += base * i % 5
    return t, get()


print(closure_over_loop_local(30000))


# The cell rebound between runs of the same compiled loop.
def outer():
    level = 1.0

    def f(x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return x * level

    def set_level(v):
        nonlocal level
        level = v

    return f, set_level


f, set_level = outer()
print(apply_all(f, 5000))
set_level(0.25)
print(apply_all(f, 5000))
set_level(3)
print(apply_all(f, 5000))


# A closure over a list, a function and an instance.
class Box:
    def __init__(self):
        self.v = 1.5


def make_reader(lst, g, box):
    def r(i):
        return lst[i % len(lst)] + g(i) + box.v
    return r


print(apply_all(make_reader([1.0, 2.0, 3.0], math.sqrt, Box()), 20000))


# An empty cell: the interpreter raises NameError.
def broken():
    def use(i):
        return i + later
    t = 0
    try:
        for i in range(5000):
            t += use(i)
    except NameError as e:
        print("NameError", e)
    later = 1  # noqa: F841


broken()


# Keyword calls whose callee exits part way (a float argument after many
# ints), after an append it must not redo.
def record(out, x, weight=1):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    out.append(x * weight)
    return x * weight + 1


def kw_exits(n):
    out = []
    t = 0
    for i in range(n):  # jit: compiled
        w = 0.5 if i == n - 100 else 2
        t += record(out, weight=w, x=i)
    return t, len(out), sum(out)


print(kw_exits(10000))


# A keyword the function does not take, or takes twice: TypeError.
def bad_kw(n):
    t = 0
    for i in range(n):  # jit: compiled
        t += scale(i, factor=1.0) if i < n - 1 else scale(i, bogus=1.0)
    return t


try:
    bad_kw(5000)
except TypeError as e:
    print("TypeError", e)


class Mover:
    def __init__(self):
        self.x = 0.0

    def step(self, dt, speed=1.0):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x += dt * speed
        return self.x


def method_kw(m, n):
    for i in range(n):  # jit: compiled
        m.step(speed=2.0, dt=0.001)
        m.step(0.001)
    return m.x


print(method_kw(Mover(), 20000))
