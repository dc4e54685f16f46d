# isinstance() and type() of values whose class the compiled loop knows:
# numbers (bool is an int), complex, lists, tuples, None, instances of
# plain classes and subclasses, tuples of classes; an operator method that
# checks its operand's class; a value whose type changes part way.


class Vec:
    def __init__(self, x, y):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x = x
        self.y = y

    def __add__(self, o):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        if isinstance(o, Vec):
            return Vec(self.x + o.x, self.y + o.y)
        if isinstance(o, (int, float)):
            return Vec(self.x + o, self.y + o)
        return NotImplemented

    def __mul__(self, k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        if not isinstance(k, (int, float)) or isinstance(k, bool):
            return NotImplemented
        return Vec(self.x * k, self.y * k)


class Vec3(Vec):
    pass


def classes(n):
    counts = [0] * 8
    v = Vec(1, 2)
    w = Vec3(3, 4)
    for i in range(n):  # jit: compiled
        x = i * 0.5 if i % 3 else i
        counts[0] += isinstance(x, int)
        counts[1] += isinstance(x, float)
        counts[2] += isinstance(i % 2 == 0, int)
        counts[3] += isinstance(v, Vec) + isinstance(w, Vec) + isinstance(v, Vec3)
        counts[4] += isinstance(counts, list) + isinstance((1, 2), tuple) + isinstance(None, int)
        counts[5] += type(x) is float
        counts[6] += type(w) is Vec3 and type(v) is not Vec3
        counts[7] += isinstance(1j * i, complex)
    return counts


print(classes(3000))


def vectors(n):
    acc = Vec(0, 0)
    for i in range(n):  # jit: compiled
        acc = acc + Vec(i, -i) + 0.5
        acc = acc * 2 if i % 1000 == 0 else acc
        if i == n - 3:
            acc = acc + Vec3(1, 1)
    return acc.x, acc.y, type(acc).__name__


print(vectors(3000))


def rejected(n):
    acc = Vec(1, 1)
    try:
        for i in range(n):  # jit: compiled
            acc = acc * (2 if i < n - 1 else True)
            acc = Vec(acc.x % 1000, acc.y % 1000)
    except TypeError as e:
        print("TypeError", e)
    return acc.x, acc.y


print(rejected(3000))
