# Unary minus and invert of objects compiled code knows nothing about (an
# attribute holding an int or a float, -0.0, an int too large for a word)
# and of instances whose class defines __neg__ and __invert__: the VM's own
# operators, called from compiled code; a str raises the TypeError.

class V:
    def __init__(self, x, y):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x = x
        self.y = y
    def __neg__(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return V(-self.x, -self.y)
    def __invert__(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return V(self.y, self.x)

def f(items):
    t = 0.0
    out = []
    for it in items:  # jit: compiled
        n = -it.x
        m = ~it.y if isinstance(it.y, int) else -it.y
        w = -it
        out.append(~w)
        t += n + m + w.x
    return t, out[-1].x, out[-1].y

items = [V(1.5, 2) if i % 2 else V(3, -0.0) for i in range(50)]
r = None
for k in range(400):
    r = f(items)
print(r)
print(-V(0.0, 1).x, f([V(2**70, 5)]))
try:
    f([V("s", 1)])
except TypeError as e:
    print("TypeError:", e)
