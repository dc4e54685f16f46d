# Attributes holding lists of numbers and instances, read in compiled loops
# (`self.bins[i] += 1`, `self.p.x += k`), and replaced part way (the
# interpreter does the replacing store; the loop reads the new object).
class Hist:
    def __init__(self, n):
        self.bins = [0] * n
        self.total = 0
    def add(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.bins[x % len(self.bins)] += 1
        self.total += x
class Particle:
    def __init__(self, x):
        self.x = x
class System:
    def __init__(self):
        self.p = Particle(0.0)
        self.ps = [Particle(i * 0.5) for i in range(10)]
        self.k = 0.5
    def step(self):  # jit: compiled
        self.p.x += self.k
        for q in self.ps:  # jit: compiled
            q.x -= self.p.x * 0.001
def f(n):
    h = Hist(16)
    for i in range(n):  # jit: compiled
        h.add(i * 7)
    return h.total, h.bins[:4]
print(f(100000))
def g(n):
    s = System()
    for i in range(n):  # jit: compiled
        s.step()
    return s.p.x, sum(q.x for q in s.ps)
print(g(20000))
def h(n):
    s = System()
    t = 0.0
    for i in range(n):  # jit: compiled
        if i == n // 2:
            s.p = Particle(1.5)
        if i == n - 10:
            s.ps = [1.0, 2.0]
        t += s.p.x
    return t
try:
    print(h(30000))
except AttributeError as e:
    print("AttributeError")
