# Numbers the trace gets from operations it does not specialize (items of
# tuples of mixed kinds, what calls through the VM return): operators and
# comparisons on them use the operand types the interpreter saw there, and
# leave where another type comes.
EPSILON = 0.00001


def first_hit(hits):
    best = None
    for h in hits:  # jit: compiled
        t = h[1]
        if t is not None and t > -EPSILON:
            if best is None or t < best[1]:
                best = h
    return best


hits = [("a", 3.5), ("b", None), ("c", 0.25), ("d", -1.0), ("e", 0.5)] * 400
print(first_hit(hits))
# An int where floats were seen, then a str: compared as Python does.
print(first_hit(hits + [("f", 0), ("g", 0.1)]))
try:
    print(first_hit(hits + [("h", "x")]))
except TypeError as e:
    print("TypeError", e)


def sums(rows):
    s = 0
    f = 0.0
    for r in rows:  # jit: compiled
        s = s + r[0] * r[0] - r[2]
        f = f + r[1] * 2.0
    return s, f


rows = [(i, i * 0.5, "s"[0:0] or i % 3) for i in range(3000)]  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
print(sums(rows))
# Ints that outgrow 64 bits, and floats that are not floats.
print(sums(rows + [(2**62, 1.0, -2**62)]))
print(sums(rows + [(True, 1.5, 1)]))


class Money(float):
    pass


print(sums(rows + [(1, Money(2.5), 0)]))
