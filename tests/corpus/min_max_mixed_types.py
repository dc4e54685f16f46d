# min/max of an int and a float: the one chosen keeps its type (and the
# first of equals is kept; nan compares false), so the compiled loop goes on
# along two paths. Many such calls in one body run past the versions a loop
# may have; the result stays right.


def clamp_low(n):
    s = 0.0
    zeros = 0
    for i in range(n):  # jit: compiled
        y = max(0, i * 0.37 - 500)
        if y == 0:
            zeros += 1
        s += y
    return s, zeros, repr(max(0, -1.5)), repr(max(0, 1.5))


print(clamp_low(5000))


def running_best(n):
    best = 0
    for i in range(n):  # jit: compiled
        v = ((i * 7919) % 1000) / 7.0
        best = max(best, v)
    return best


print(running_best(5000))


def ties_and_nan(n):
    out = []
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        a = min(3, 3.0)
        b = max(3.0, 3)
        c = min(True, 0.5)
        d = max(False, 0.0)
        e = max(float("nan"), i)
        f = max(i, float("nan"))
        if i % 1000 == 7:
            out.append((a, b, c, d, e, f))
    return [tuple(repr(v) for v in t) for t in out]


print(ties_and_nan(3000))


def many(n):
    s = 0.0
    k = 0
    for i in range(n):  # jit: compiled
        x = i * 0.37 - 500
        y = max(0, x)
        z = min(2.0, i)
        w = max(i % 5, 2.5)
        s += y + z + w
        if y == 0:
            k += 1
    return s, k


print(many(5000))


def exact_compare(n):
    s = 0
    for i in range(n):  # jit: compiled
        s += max(2**53 + 1, 9007199254740992.0)
        s += min(2**53 + 1, 9007199254740992.0) - 2**53
    return s


print(exact_compare(3000))
