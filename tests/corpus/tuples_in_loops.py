# Tuples the trace builds and never allocates: returned from inlined
# functions, kept in variables across iterations and branches, nested,
# holding lists and instances, and made for real at every exit where they
# are live (a type change, an overflow, a raise part way).


def step(x, v, dt):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return x + v * dt, v - x * dt


def orbit(n):
    x, v = 1.0, 0.0
    for _ in range(n):  # jit: compiled
        x, v = step(x, v, 0.01)
    return x, v


print(orbit(50000))


def carry(n):
    p = (0, 1)
    best = (0, 0)
    for i in range(n):  # jit: compiled
        a, b = p
        p = (b, (a + b) % 1000003)
        if p[1] > best[1]:
            best = (i, p[1])
    return p, best


print(carry(30000))


def divs(n):
    out = (0, 0)
    for i in range(1, n):  # jit: compiled
        q, r = divmod(n * 7, i)
        out = (out[0] + q, out[1] ^ r)
    return out


print(divs(40000))


class Pt:
    def __init__(self):
        self.x = 0.0


def mixed(n, lst, pt):
    t = (lst, pt, 0.5)
    acc = 0.0
    for i in range(n):  # jit: compiled
        l2, p2, w = t
        p2.x += w
        acc += l2[i % len(l2)] * w
        t = (l2, p2, -w)
    return acc, t[1].x, len(t[0])


print(mixed(20001, [1.0, 2.0, 4.0], Pt()))


# A tuple live when the loop leaves through an exit: an int that outgrows
# 64 bits, then a type change of one element.
def grows(n):
    pair = (1, 1)
    for _ in range(n):
        pair = (pair[1], pair[0] * 3 + pair[1])
    return pair


r = grows(60)
print(r[0] % 10**9, r[1] % 10**9)


def changes(vals):
    last = (0, 0.0)
    for i, v in enumerate(vals):  # jit: compiled
        last = (i, last[1] + v)
    return last


print(changes([0.5] * 3000 + [1] * 3 + [True, 2.5]))


def nested(n):
    s = ((0, 0.0), (1, 1.0))
    for i in range(n):  # jit: compiled
        (a, x), (b, y) = s
        s = ((b, y + 0.5), (a + b, x))
        if i == n - 7:
            s = ((a, x), (b, "now a str"))
            break
    return s


print(nested(10000))


# An exception raised with a tuple live: the frame holds the tuple.
def raises(n):
    t = (1.0, 2.0)
    try:
        for i in range(n):  # jit: compiled
            t = (t[1], t[0] / (n - 100 - i))
    except ZeroDivisionError:
        return "ZeroDivisionError", t
    return t


print(raises(5000))
print(len((1, 2, 3)), (1.5, (2, True)))


# Lists of tuples of numbers: unpacked in the for, indexed, and the very
# tuple handed back at exits (identity kept).
def dot_pairs(pts):
    t = 0.0
    for x, y in pts:  # jit: compiled
        t += x * y
    return t


def diff_pairs(pts):
    t = 0.0
    last = None
    for p in pts:  # jit: compiled
        t += p[0] - p[-1]
        last = p
    return t, last is pts[-1], last


pts = [(i * 0.5, i * 0.25) for i in range(20000)]  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
print(dot_pairs(pts), diff_pairs(pts))
# An int where a float was, a longer tuple, a list: exits, then the
# interpreter (which raises where unpacking fails).
pts2 = pts[:5000] + [(1, 2.5), (3.5, True)] + pts[:100]
print(dot_pairs(pts2), diff_pairs(pts2))
try:
    print(dot_pairs(pts[:5000] + [(1.0, 2.0, 3.0)]))
except ValueError:
    print("ValueError")
print(diff_pairs(pts[:5000] + [[1.0, 2.0]]))


def triples(ts):
    acc = (0, 0.0, False)
    for i, x, f in ts:  # jit: compiled
        acc = (acc[0] + i, acc[1] + x, acc[2] != f)
    return acc


print(triples([(k, k * 0.125, k % 3 == 0) for k in range(10000)]))  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
