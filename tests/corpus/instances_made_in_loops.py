# Instances made inside compiled loops: `Cls(...)` inlines __init__ on a
# new object (kept alive by the runtime until the native run ends), with
# keyword and default arguments; new objects returned from methods,
# appended to lists and read back; and the cases that must stay exact: an
# __init__ that fails part way, a class with __del__, a class changed
# between runs, __init__ returning a value, arguments object() refuses.


class V:
    def __init__(self, x, y=0.0):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x = x
        self.y = y

    def add(self, o):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return V(self.x + o.x, self.y + o.y)

    def scale(self, k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return V(self.x * k, y=self.y * k)


def walk(n):
    p = V(0.0)
    d = V(0.5, 0.25)
    for i in range(n):  # jit: compiled
        p = p.add(d.scale(0.001 * (i % 7)))
    return p.x, p.y


print(walk(30000))


def collect(n):
    out = []
    for i in range(n):  # jit: compiled
        out.append(V(i, y=-i))
    t = 0
    for v in out:  # jit: compiled
        t += v.x - v.y
    return t, len(out)


print(collect(20000))


class Checked:
    def __init__(self, a, b):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.a = a
        self.q = a // b
        self.b = b


def checked(n):
    t = 0
    for i in range(n):  # jit: compiled
        c = Checked(i, 1 if i != n - 10 else 0)
        t += c.q
    return t


try:
    checked(5000)
except ZeroDivisionError:
    print("ZeroDivisionError")


class Noisy:
    made = []

    def __init__(self, k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.k = k

    def __del__(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        Noisy.made.append(self.k)


def noisy(n):
    s = 0
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        s += Noisy(i).k
    return s


print(noisy(3000), len(Noisy.made), Noisy.made[:3])


class Plain:
    pass


def plains(n):
    c = 0
    for i in range(n):  # jit: compiled
        p = Plain()
        p.v = i
        c += p.v
    return c


print(plains(5000))
try:
    for i in range(3000):
        Plain(i)
except TypeError as e:
    print("TypeError", e)


def counts(n):
    t = 0.0
    for i in range(n):  # jit: compiled
        t += V(i * 0.5).x
    return t


print(counts(5000))
# The class changed between runs: __init__ replaced.
V.__init__ = lambda self, x, y=1.0: setattr(self, "x", x * 2) or setattr(self, "y", y)  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
print(counts(5000))


class Bad:
    def __init__(self, k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.k = k
        if k > 2500:
            return 5


try:
    for i in range(5000):  # jit: compiled
        Bad(i)
except TypeError as e:
    print("TypeError", e)


# Instances only the loop makes: their attributes' types are the ones the
# trace stores (checked when read), an int becoming a float part way.
class W:
    def __init__(self, k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.k = k


def carried(n):
    t = 0
    q = W(0)
    for i in range(n):  # jit: compiled
        t += q.k
        q = W(i if i < n - 5 else i * 0.5)
    return t


print(carried(20000))


def temporaries(n):
    t = 0.0
    for i in range(n):  # jit: compiled
        p = V(i * 0.5, i * 0.25)
        t += p.x - p.y
    return t


print(temporaries(20000))
