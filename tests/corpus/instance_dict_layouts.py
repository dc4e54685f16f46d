# Attribute access compiled against a dict's key layout (which keys, in
# which order): instances whose dicts differ from the one recorded, keys
# deleted or added, an attribute aliased through two names, a float the
# attribute shares with another reference, a dict replaced or widened,
# a method shadowed part way through, values of other types.


class P:
    def __init__(self, x, v):
        self.x = x
        self.v = v
        self.hits = 0
        self.on = True

    def move(self, dt):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x += dt * self.v
        if self.x < 0.0 or self.x > 5.0:
            self.v = -self.v
            self.hits += 1
            self.on = not self.on


def run(ps, steps):
    for _ in range(steps):  # jit: compiled
        for p in ps:  # jit: compiled
            p.move(0.1)
    return [(round(p.x, 9), p.v, p.hits, p.on) for p in ps]


def fresh(n):
    return [P(i * 0.3 % 5.0, 0.5 + i % 4) for i in range(n)]


print(run(fresh(20), 200))

# Same keys in another order, in every other instance.
ps = fresh(20)
for p in ps[::2]:
    x = p.x
    del p.x
    p.x = x
print(run(ps, 200))

# A deleted attribute in one instance part way (the interpreter raises).
ps = fresh(20)
del ps[13].hits
try:
    run(ps, 200)
except AttributeError as e:
    print("AttributeError", e)

# An extra attribute in some instances.
ps = fresh(20)
for p in ps[5:9]:
    p.extra = 1.5
print(run(ps, 200))

# One instance twice in the list: both names see every store.
ps = fresh(10)
ps.append(ps[3])
print(run(ps, 300))

# A float another name holds too: the attribute takes a new object.
ps = fresh(10)
held = [p.x for p in ps]
print(run(ps, 100), held[:3])

# A value of another type part way: an int, then a str.
ps = fresh(10)
ps[4].v = 1
print(run(ps, 100))
ps[6].v = "fast"
try:
    run(ps, 100)
except TypeError as e:
    print("TypeError", e)

# The dict replaced by another with the same keys, or a dict subclass.
ps = fresh(10)
ps[2].__dict__ = dict(ps[2].__dict__)


class D(dict):
    pass


ps[3].__dict__ = D(ps[3].__dict__)
print(run(ps, 200))

# A method shadowed by an instance attribute part way.
ps = fresh(10)
print(run(ps, 50))
ps[7].move = lambda dt: None
print(run(ps, 50))


# An attribute added inside the loop, and one deleted.
class Q:
    def __init__(self, a):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.a = a


def grow(qs):
    for q in qs:  # jit: compiled
        q.b = q.a * 2.0
    return sum(q.b for q in qs)  # jit: interpreted (unsupported instruction YieldValue)


def shrink(qs):
    n = 0
    for q in qs:  # jit: compiled
        if q.a > 10.0:
            del q.a
            n += 1
    return n


qs = [Q(float(i)) for i in range(3000)]  # jit: compiled
print(grow(qs), grow(qs))
print(shrink(qs), sum(hasattr(q, "a") for q in qs))  # jit: interpreted (unsupported instruction YieldValue)


# Many attributes, read in a long body, and a class attribute read
# through an instance.
class Wide:
    scale = 3.0

    def __init__(self, i):
        for k in range(12):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
            setattr(self, "f%d" % k, float(i + k))


def wide(ws):
    t = 0.0
    for w in ws:
        t += w.f0 + w.f5 * w.f11 - w.f3 / (1.0 + w.f7)
        w.f2 = t % 7.0
        t += w.f2
    return t


ws = [Wide(i) for i in range(200)]
print(wide(ws), wide(ws))
