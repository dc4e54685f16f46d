# Instances of plain classes in hot loops: attribute reads and writes,
# lists of instances, methods inlined, and everything that must send the
# loop back to the interpreter: a class changed between runs, a property,
# an instance attribute shadowing a method, an attribute changing type or
# missing, instances of a subclass, __slots__.
import math


class Body:
    def __init__(self, x, v, m):
        self.x = x
        self.v = v
        self.m = m
        self.n = 0

    def momentum(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.m * self.v

    def ahead(self, other):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.x > other.x


def step(bodies, dt, steps):
    for _ in range(steps):  # jit: compiled
        for b in bodies:  # jit: compiled
            b.x += dt * b.v
            if b.x < 0.0 or b.x > 10.0:
                b.v = -b.v
                b.n += 1
    return sum(b.x for b in bodies), sum(b.n for b in bodies)


def total_momentum(bodies):
    p = 0.0
    for b in bodies:  # jit: compiled
        p += b.momentum()
    return p


def count_ahead(bodies, ref):
    c = 0
    for b in bodies:  # jit: compiled
        if b.ahead(ref):
            c += 1
    return c


def accumulate(acc, values):
    for v in values:  # jit: compiled
        acc.total += v
        acc.count += 1
    return acc.total, acc.count


class Acc:
    def __init__(self):
        self.total = 0
        self.count = 0


bodies = [Body(i * 0.37 % 10, math.sin(i), 1.0 + i % 3) for i in range(50)]
print(step(bodies, 0.05, 300))
print(total_momentum(bodies * 40))
print(count_ahead(bodies * 40, bodies[7]))
print(accumulate(Acc(), list(range(5000))))
# The total becomes a float part way: the attribute changes type.
print(accumulate(Acc(), [1] * 2500 + [0.5] * 2500))
# A big int part way.
print(accumulate(Acc(), [2**62] * 3000))

# A method replaced on the class between runs: the new one is called.
Body.momentum = lambda self: self.m
print(total_momentum(bodies * 40))
# A property on the class: read through the descriptor.
Body.momentum = property(lambda self: 0.0)
try:
    total_momentum(bodies * 40)
except TypeError as e:
    print("TypeError", e)
del Body.momentum
Body.momentum = lambda self: self.v
# An instance attribute shadowing the method.
odd = Body(1.0, 2.0, 3.0)
odd.momentum = lambda: 100.0
print(total_momentum(bodies * 40 + [odd] + bodies))


# A subclass instance in the list, and one without the attribute.
class Heavy(Body):
    def momentum(self):
        return 1000.0


mixed = bodies * 30 + [Heavy(1.0, 1.0, 1.0)] + bodies
print(total_momentum(mixed))
broken = Body(0.0, 1.0, 1.0)
del broken.m
Body.momentum = lambda self: self.m * 2
try:
    total_momentum(bodies * 40 + [broken])
except AttributeError as e:
    print("AttributeError", e)


class Slotted:
    __slots__ = ("x",)

    def __init__(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x = x


s = 0.0
for o in [Slotted(i * 0.5) for i in range(3000)]:  # jit: compiled
    s += o.x
print(s)
