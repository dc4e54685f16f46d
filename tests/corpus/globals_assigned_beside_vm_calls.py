# A loop that assigns globals keeps them in registers until it exits: an
# operation the VM runs that may run Python code (a call the trace does not
# inline) must see, and may change, their current values.
import functools

count = 0
seen = []


def show(k):
    global count
    seen.append(count)
    if k % 1000 == 0:
        count += 100
    return k


wrapped = functools.partial(show)
for i in range(3000):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
    count += 1
    if i % 500 == 0:
        wrapped(i)
print(seen, count)

STAMP = 0


class Cell:
    def __init__(self, k):
        self.k = k
        self.stamp = 0
        self.next = None

    def mark(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        # Recursive: the trace calls it through the VM; it reads STAMP.
        self.stamp = STAMP
        if self.next is not None and self.next.stamp != STAMP:
            self.next.mark()


def sweep(cells, n):
    global STAMP
    total = 0
    for i in range(n):  # jit: compiled
        STAMP += 1
        c = cells[i % len(cells)]
        c.mark()
        total += c.stamp - STAMP + cells[(i + 3) % len(cells)].stamp
    return total


cells = [Cell(k) for k in range(10)]
for k in range(9):
    cells[k].next = cells[k + 1]
print(sweep(cells, 3000), STAMP)


# A global the loop only reads, assigned by code the VM runs (a call the
# trace does not inline): the loop sees the new value, and ends.
done = False
ticks = 0


def tick(k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    global done, ticks
    ticks += 1
    if ticks >= 5000:
        done = True


ticker = functools.partial(tick)


def run():
    i = 0
    while not done:  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        ticker(i)
        i += 1
    return i


print(run(), ticks)


# Operators the interpreter saw on strs run without the stores and reads
# back: an operand that stops being a builtin str (a subclass with its own
# __add__) leaves for the interpreter before the operation.
class Loud(str):
    def __add__(self, other):
        return Loud(str.__add__(self, other) + "!")


acc = ""
for i in range(3000):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
    acc += "ab"[i % 2]
    if i == 2000:
        acc = Loud(acc[-5:])
print(len(acc), acc[-12:], type(acc).__name__)


# The module's dict grows and shrinks under the loop (entries move when it
# is compacted): a global read where its entry was is still read right.
LIMIT = 10


def churn(k):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
    global LIMIT
    for j in range(20):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        globals()["tmp%d" % j] = j
    for j in range(20):  # jit: interpreted (unsupported instruction DeleteSubscr)
        del globals()["tmp%d" % j]
    if k == 1500:
        LIMIT = 20


churner = functools.partial(churn)


def bounded(n):
    s = 0
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        churner(i)
        s += LIMIT
    return s


print(bounded(3000), LIMIT)
