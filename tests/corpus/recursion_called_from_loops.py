# A hot loop calling a recursive function: calls nested deeper than the
# recorder inlines run in the interpreter, and the loop around them still
# compiles.


def depth(node):  # jit: compiled
    if node is None:
        return 0
    return 1 + max(depth(node[0]), depth(node[1]))


def build(n):
    t = None
    for i in range(n):
        t = (t, None) if i % 3 else (None, t)
    return t


class V:
    def __init__(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x = x

    def __add__(self, other):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        # An operator whose method recurses through another operator.
        if self.x > 0 and other.x > 0:
            return V(self.x - 1) + V(other.x) + V(0)
        return V(self.x + other.x)


def walk(trees, n):
    total = 0
    for i in range(n):  # jit: compiled
        total += depth(trees[i % len(trees)]) * 2 + i
    return total


trees = [build(k) for k in range(1, 12)]
print(walk(trees, 3000))


def adds(n):
    s = 0
    for i in range(n):  # jit: compiled
        s += (V(i % 4) + V(2)).x
    return s


print(adds(3000))


def fib(n):  # jit: compiled
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def fibs(n):
    out = []
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        out.append(fib(i % 15))
    return sum(out)


print(fibs(2000))
