# A hot loop calling small helper functions thousands of times (positional, default, keyword args, nested calls).

def sq(x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return x * x

def lerp(a, b, t=0.5):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return a + (b - a) * t

def clamp(v, lo, hi):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    if v < lo:
        return lo
    if v > hi:
        return hi
    return v

def dist2(x1, y1, x2, y2):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return sq(x2 - x1) + sq(y2 - y1)

def run(n):
    s = 0
    f = 0.0
    for i in range(n):  # jit: compiled
        s += sq(i) - sq(i - 1)
        f += lerp(0.0, i * 1.0) + lerp(1.0, 2.0, t=i * 1e-4)
        s += clamp(i - 5000, -100, 100)
        f += dist2(0.5, 1.5, i * 0.01, -i * 0.02)
    return s, f

s, f = run(20000)
print(s, repr(f))

def no_return(x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    x += 1

def run_none(n):
    c = 0
    for i in range(n):  # jit: compiled
        if no_return(i) is None:
            c += 1
    return c

print(run_none(10000))

def varargs(*xs):  # jit: compiled
    t = 0
    for x in xs:  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        t += x
    return t

def run_var(n):
    s = 0
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        s += varargs(i, 1, 2) + varargs()
    return s

print(run_var(10000))

def method_calls(n):
    class Acc:
        def __init__(self):
            self.v = 0
        def add(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
            self.v += x
            return self
    a = Acc()
    for i in range(n):  # jit: compiled
        a.add(i).add(-1)
    return a.v

print(method_calls(10000))
