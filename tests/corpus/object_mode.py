# Object mode: hot loops over objects the trace does not specialize (None
# or a node in one attribute, several classes at one call site, strs,
# dicts of objects, generators, properties, operator methods, tuples of
# objects) compile, each such operation a call of the VM's own; what it
# raises is raised at its own line, caught inside the loop or outside.


class Node:
    def __init__(self, value, nxt):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        self.value = value
        self.next = nxt


def linked_sum(head):
    s = 0
    node = head
    while node is not None:  # jit: compiled
        s += node.value
        node = node.next
    return s


head = None
for i in range(3000):  # jit: compiled
    head = Node(i * 3 - 7, head)
print(sum(linked_sum(head) for _ in range(5)))


class Circle:
    def __init__(self, r):
        self.r = r

    def area(self):
        return 3 * self.r * self.r

    def name(self):
        return "circle"


class Square:
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s

    def name(self):
        return "square"


def areas(shapes):
    total = 0
    names = {}
    for sh in shapes:  # jit: compiled
        total += sh.area()
        n = sh.name()
        names[n] = names.get(n, 0) + 1
    return total, sorted(names.items())


shapes = [Circle(i % 7) if i % 3 else Square(i % 5) for i in range(3000)]  # jit: compiled
print(areas(shapes))


def words(n):
    out = []
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        w = f"w{i % 17}-{i * i % 11}"
        if w.endswith("-3"):
            out.append(w.upper())
        else:
            out.append(w + "!" * (i % 3))
    return "|".join(out[-5:]), len(out), sum(len(w) for w in out)  # jit: interpreted (unsupported instruction YieldValue)


print(words(4000))


def gen(n):
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        if i % 4:
            yield i, str(i)


def consume(n):
    acc = 0
    text = ""
    for k, s in gen(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        acc += k * len(s)
        if k % 1000 == 1:
            text += s
    return acc, text


print(consume(5000))


class Money:
    def __init__(self, cents):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.cents = cents

    def __add__(self, other):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return Money(self.cents + other.cents)

    def __lt__(self, other):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.cents < other.cents

    @property
    def dollars(self):
        return self.cents // 100


def wallet(n):
    total = Money(0)
    biggest = Money(-1)
    for i in range(n):  # jit: compiled
        m = Money(i % 250)
        total = total + m
        if biggest < m:
            biggest = m
    return total.dollars, biggest.cents


print(wallet(5000))


def pairs(n):
    items = [(i, "x" * (i % 4)) for i in range(n)]  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
    best = (None, "")
    count = 0
    for num, text in items:  # jit: compiled
        if len(text) > len(best[1]) or best[0] is None:
            best = (num, text)
        if text:
            count += 1
    return best, count


print(pairs(3000))


def fails_inside(n):
    caught = 0
    d = {"a": 1}
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        try:
            d["k%d" % (i % 50)] += 1
        except KeyError:
            caught += 1
            d["k%d" % (i % 50)] = 0
    return caught, len(d), d["k7"]


print(fails_inside(3000))


def fails_outside(n):
    seen = []
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        seen.append(str(i))
        if len(seen) == n - 5:
            int("not a number %d" % i)
    return seen


try:
    fails_outside(3000)
except ValueError as e:
    print("ValueError:", e)


class Account:
    def __init__(self):
        self.history = []
        self.owner = None

    def deposit(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.history.append(x)


def bank(n):
    acct = Account()
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        acct.deposit(i)
        if i == n // 2:
            acct.owner = "someone"
        elif acct.owner is not None and i % 500 == 0:
            acct.owner = acct.owner + "!"
    return len(acct.history), acct.owner


print(bank(4000))


class Tag:
    def __format__(self, spec):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        return "<" + spec + ">"

    def __repr__(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return "Tag()"


def formats(n):
    out = []
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        x = i * 0.25
        out.append(f"{i:>5}|{x:.3f}|{Tag():w{i % 3}}|{Tag()!r}|{'é'!a}|{i!s:^7}")
    return out[-2:]


print(formats(3000))


def bad_spec(n):
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        if i == n - 3:
            print(f"{i:q}")


try:
    bad_spec(3000)
except ValueError as e:
    print("ValueError:", e)


# Raised inside inlined calls: caught by the callee's own handler, in a
# constructor and in a plain function.
class Box:
    def __init__(self, d, k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        try:
            self.v = d[k]
        except KeyError:
            self.v = -1


def boxes(n):
    d = {"a": 1, "b": 2}
    keys = ["a", "b", "c"]
    total = 0
    for i in range(n):  # jit: compiled
        total += Box(d, keys[i % 3]).v
    return total


def lookup(d, k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    try:
        return d[k]
    except KeyError:
        return 0


def lookups(n):
    d = {"a": 1}
    ks = ["a", "z"]
    t = 0
    for i in range(n):  # jit: compiled
        t += lookup(d, ks[i % 2])
    return t


print(boxes(3000), lookups(3000))
