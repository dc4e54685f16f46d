# Exits inside inlined calls after the callee changed something: the
# interpreter makes the call again and its frame resumes where the trace
# was, so nothing is done twice (an attribute bumped, a list element
# stored, a random number drawn) and the traceback is the callee's.
import random


class Counter:
    def __init__(self):
        self.a = 0
        self.b = 0

    def bump(self, k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.a += 1
        self.b += 10 // k
        return self.a + (100 // k)

    def deep(self, k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.a += 2
        return self.inner(k) + 1

    def inner(self, k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.b -= 1
        return 7 % k


def store_then_divide(lst, i, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    lst[i % len(lst)] = x
    return 1000 // (x - 4000)


def draw_then_divide(k):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    r = random.random()
    return r / k


c = Counter()
tot = 0
try:
    for i in range(5000):  # jit: compiled
        tot += c.bump(i - 4000)
except ZeroDivisionError:
    print("ZeroDivisionError", c.a, c.b, tot)

c = Counter()
tot = 0
try:
    for i in range(5000):  # jit: compiled
        tot += c.deep(3000 - i)
except ZeroDivisionError:
    print("ZeroDivisionError", c.a, c.b, tot)

lst = [0] * 10
tot = 0
try:
    for i in range(5000):  # jit: compiled
        tot += store_then_divide(lst, i, i)
except ZeroDivisionError:
    print("ZeroDivisionError", lst, tot)

random.seed(5)
tot = 0.0
try:
    for i in range(5000):  # jit: compiled
        tot += draw_then_divide(3500 - i)
except ZeroDivisionError:
    print("ZeroDivisionError", tot, random.random())

# An attribute that became a string between runs: the loop leaves native
# code inside the method, after it counted, and the TypeError is the
# method's.
class Acc:
    def __init__(self):
        self.n = 0
        self.s = 0.0

    def add(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.n += 1
        self.s += x
        return self.n


def run(acc, n):
    for i in range(n):  # jit: compiled
        acc.add(i * 0.5)


acc = Acc()
run(acc, 3000)
acc.s = "text"
try:
    run(acc, 10)
except TypeError:
    print("TypeError", acc.n, acc.s)


# Caught inside the loop: the loop goes on, compiled again.
c = Counter()
errors = 0
for i in range(6000):  # jit: compiled
    try:
        c.bump(i % 1000)
    except ZeroDivisionError:
        errors += 1
print(c.a, c.b, errors)
