# A scheduler walking a linked list of tasks of eight classes (more than a
# loop gets versions of its blocks for): the task a loop carries joins as
# an object of any class, and calls on it switch on its class. Overridden
# methods, a class met only late, a link that is None, and the same
# schedule called from a loop of its own.


class Task:
    def __init__(self, link, n):
        self.link = link
        self.n = n
        self.count = 0

    def holding(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.n % 3 == 0

    def run(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.count += 1
        return self.link


class A(Task):
    pass


class B(Task):
    def run(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.count += 2
        return self.link


class C(Task):
    def holding(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.n % 2 == 0


class D(Task):
    def holding(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return False


class E(Task):
    def run(self):
        self.count += self.n
        return self.link


class F(Task):
    pass


class G(Task):
    def run(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.count -= 1
        return None if self.count < -2500 else self.link


class H(Task):
    def holding(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.count > 100


def build(kinds, size):
    t = None
    for i in range(size):
        t = kinds[i % len(kinds)](t, i)
    return t


def schedule(head):  # jit: compiled
    t = head
    steps = 0
    while t is not None:  # jit: compiled
        steps += 1
        if t.holding():
            t = t.link
        else:
            t = t.run()
    return steps


def counts(head):
    out = []
    t = head
    while t is not None:
        out.append((type(t).__name__, t.count))
        t = t.link
    return out


head = build([A, B, C, D, E, F, G, H], 24)
total = 0
for k in range(3000):  # jit: compiled
    total += schedule(head)
print(total, counts(head))

# A class the loops have not met, late.
class Late(Task):
    def run(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.count += 7
        return self.link


late = build([A, Late, B, C, Late, D], 18)
total = 0
for k in range(2000):  # jit: compiled
    total += schedule(late)
print(total, counts(late))
