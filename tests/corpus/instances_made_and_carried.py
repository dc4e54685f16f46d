# Objects a compiled loop makes and carries to its next iteration
# (`v = v.add(...)`), some of them also appended to a list: each must stay
# alive as long as the loop or the list holds it. (Appending one once
# made the recorder forget which instances the run had made, and the
# back-edge then dropped a carried one: wrong values, then a crash.)


class V:
    def __init__(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x = x

    def add(self, o):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return V(self.x + o.x)


class Vector:
    def __init__(self, x, y, z):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.x = x
        self.y = y
        self.z = z

    def add(self, o):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return Vector(self.x + o.x, self.y + o.y, self.z + o.z)


def carried_and_sometimes_appended(n):
    v = V(0.0)
    acc = []
    for i in range(n):  # jit: compiled
        v = v.add(V(1.0))
        if i % 1000 == 0:
            acc.append(v)
    return len(acc), [a.x for a in acc], v.x


def two_made_per_iteration(n):
    v = V(0.0)
    out = []
    for i in range(n):  # jit: compiled
        w = V(1.0)
        v = V(v.x + w.x)
        if i % 700 == 0:
            out.append(v)
    return v.x, [o.x for o in out]


def vectors(n):
    v = Vector(0.0, 0.0, 0.0)
    acc = []
    for i in range(n):  # jit: compiled
        v = v.add(Vector(1.0, 0.5, i * 0.25))
        if i % 1000 == 0:
            acc.append(v)
    return v.x, v.y, v.z, len(acc), acc[3].z, acc[-1].y


def chain(n):
    # Each new object points at the previous one: the whole chain lives.
    head = None
    for i in range(n):  # jit: compiled
        node = Vector(float(i), 0.0, 0.0)
        node.z = head
        head = node
    total = 0.0
    k = 0
    while head is not None:  # jit: compiled
        total += head.x
        head = head.z
        k += 1
    return total, k


def lists_carried(n):
    rows = [0] * 5
    total = 0
    for i in range(n):  # jit: compiled
        rows = rows[1:] + [i]
        total += rows[0] - rows[-1]
    return total, rows


print(carried_and_sometimes_appended(5000))
print(two_made_per_iteration(5000))
print(vectors(5000))
print(chain(5000))
print(lists_carried(20000))
