# Leaving native code inside an inlined constructor: the interpreter
# resumes `__init__` on the very instance the trace made, where the trace
# was, and the call gives that instance.
registry = []


class Tagged:
    def __init__(self, k, names):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        self.k = k
        registry.append(self)
        # A KeyError from here on leaves native code after the stores and
        # the append: the instance in the registry is the one `Tagged(...)`
        # gives, and the handler below sees it half made.
        self.name = names[k % 7]
        self.twice = k * 2


def tag_all(n):
    names = {0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
    made = 0
    half = 0
    for i in range(n):  # jit: compiled
        try:
            t = Tagged(i, names)
            made += t.twice
            if registry[-1] is not t:
                print("identity lost at", i)
        except KeyError:
            half += 1
            if registry[-1].k != i or hasattr(registry[-1], "name"):
                print("half-made instance wrong at", i)
    return made, half, len(registry)


print(tag_all(3000))


# Constructors inside constructors, keyword arguments, and an operation
# through the VM in the innermost one.
class Point:
    def __init__(self, x, y, label=None):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        self.x = x
        self.y = y
        self.label = str(label) if label is not None else "p"


class Segment:
    def __init__(self, a, b, scale=1.0):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.a = Point(a * scale, b, label=a)
        self.b = Point(b * scale, a)
        self.length = abs(self.a.x - self.b.x) + abs(self.a.y - self.b.y)


def segments(n):
    total = 0.0
    labels = 0
    for i in range(n):  # jit: compiled
        s = Segment(i, i % 13, scale=0.5 if i % 3 else 2.0)
        total += s.length
        labels += len(s.a.label) + len(s.b.label)
    return total, labels


print(segments(4000))


# An `__init__` that returns a value on some calls: the TypeError Python
# raises, at the call.
class Picky:
    def __init__(self, k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.k = k
        if k % 1000 == 999:
            return k


def picky(n):
    ok = 0
    errors = []
    for i in range(n):  # jit: compiled
        try:
            ok += Picky(i).k
        except TypeError as e:
            errors.append(str(e))
    return ok, errors


print(picky(3000))


# An `__init__` whose result comes from a call the trace does not know:
# None, until it is not.
def maybe(k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return None if k < 2500 else "x"


class Odd:
    def __init__(self, k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.k = k
        return maybe(k)


def odd(n):
    t = 0
    for i in range(n):  # jit: compiled
        try:
            t += Odd(i).k
        except TypeError as e:
            print(i, e)
            break
    return t


print(odd(3000))


# A loop inside `__init__`, and a type that changes part way through.
class Acc:
    def __init__(self, xs):  # jit: compiled
        self.total = 0
        for x in xs:  # jit: compiled
            self.total += x


def accs(n):
    t = 0
    for i in range(n):  # jit: compiled
        xs = [i, i + 1, i + 2] if i < n - 10 else [i, 0.5, "s"]
        try:
            t += Acc(xs).total
        except TypeError as e:
            print(i, e)
    return t


print(accs(3000))
