# reversed() of lists in compiled loops: as the loop's own iterator (held
# by the frame, moved in place at exits), made inside the loop, under
# enumerate and zip, over rows, with the list shrinking or growing while
# it runs, and an element of another type part way.


def back(xs):
    t = 0
    for x in reversed(xs):  # jit: compiled
        t = (t * 31 + x) % 1000003
    return t


print(back(list(range(50000))))


def inner(rows):
    t = 0.0
    for r in rows:  # jit: compiled
        for i, x in enumerate(reversed(r)):  # jit: compiled
            t += i * x
    return t


print(inner([[float(i * j % 5) for j in range(7)] for i in range(3000)]))  # jit: compiled


def paired(a, b):
    t = 0
    for x, y in zip(a, reversed(b)):  # jit: compiled
        t += x * y
    return t


print(paired(list(range(10000)), list(range(10000))))


def shrinking(xs):
    seen = 0
    for x in reversed(xs):  # jit: compiled
        seen += 1
        if x % 1000 == 0 and len(xs) > 10:
            del xs[-5:]
    return seen, len(xs)


print(shrinking(list(range(20000))))


def typed(xs):
    t = 0
    for x in reversed(xs):  # jit: compiled
        t += x
    return t


print(typed([1.5] * 3000 + [2] + [0.25] * 3000))


# The frame's iterator after the loop breaks: what is left of it.
def leftover(xs):
    it = reversed(xs)
    for x in it:  # jit: compiled
        if x == 7:
            break
    return list(it)


print(leftover(list(range(5000))))


def to_zero(xs):
    it = reversed(xs)
    n = 0
    for x in it:  # jit: compiled
        n += x
    return n, list(it), next(it, "done")


print(to_zero(list(range(4000))))


def reversed_ranges(n):
    s = 0
    out = []
    for i in range(n):  # jit: compiled
        for j in reversed(range(i % 7)):  # jit: compiled
            s += j * (i % 3)
        for k in reversed(range(10, i % 13, -3)):  # jit: compiled
            s -= k
        for k in reversed(range(-5, 20, 4)):  # jit: compiled
            s ^= k
        if i == n - 1:
            out = [list(reversed(range(5))), list(reversed(range(9, -9, -4)))]
    return s, out


print(reversed_ranges(3000))


def reversed_range_exit(n):
    s = 0
    for i in range(n):  # jit: compiled
        for j in reversed(range(1, 6)):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
            s += j
            if i == n // 2 and j == 3:
                print("at", i, j, s)
    return s


print(reversed_range_exit(3000))
