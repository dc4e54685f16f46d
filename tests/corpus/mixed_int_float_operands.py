# Operators and comparisons on numbers read out of objects, where some
# objects hold ints and others floats under the same attribute (points
# made of int coordinates beside points of float ones) and the
# interpreter saw one kind there: compiled code unboxes the kind the
# interpreter saw and leaves for the interpreter at the other, with
# Python's int/float rules either way (int - int stays an int, exactly;
# a big int leaves too).


class P:
    def __init__(self, x, y):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x = x
        self.y = y

    def minus(self, other):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return P(self.x - other.x, self.y - other.y)

    def dot(self, other):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.x * other.x + self.y * other.y


def walk(points, n):
    total = 0
    ints = 0
    below = 0
    for k in range(n):  # jit: compiled
        a = points[k % len(points)]
        b = points[(k * 7 + 3) % len(points)]
        d = a.minus(b)
        total += d.dot(a)
        if type(d.x) is int:
            ints += 1
        if a.x < b.y:
            below += 1
    return total, ints, below


pts = [P(1, 2), P(1.5, 2.5), P(3, 4.0), P(-2, 7), P(0.25, -1)]
print(walk(pts, 3000))
print(walk([P(k, k + 1) for k in range(10)], 3000))
print(walk([P(k * 0.5, k) for k in range(10)], 3000))
print(walk(pts + [P(2**70, 1)], 3000))
