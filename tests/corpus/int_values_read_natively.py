# Ints that compiled code reads from attributes and list elements: values
# of one machine word are read from the int object itself (its class, the
# bigint's one-word form, the sign); zero, negatives, the ends of the i64
# range, -2**63, and ints of two or more words (which leave for the
# interpreter), and bools (a subclass) among ints.


class Cell:
    def __init__(self, v):
        self.v = v


def weighted(cells):
    t = 0
    for c in cells:  # jit: compiled
        t += c.v * 3 - 1
    return t


def alternating(xs):
    t = 0
    k = 1
    for x in xs:  # jit: compiled
        t = t + k * x
        k = -k
    return t


def small_values():
    return [0, 1, -1, 5, -5, 255, -256, 2**31, -(2**31), 2**40 + 7, -(2**40) - 7, 2**62, -(2**62)]


edges = [2**63 - 1, -(2**63) + 1, -(2**63), 2**63, 2**64 - 1, -(2**64) + 1, 2**64, 2**70, -(2**100), True, False]

cells = [Cell(v) for v in small_values()]
for rep in range(300):
    r = weighted(cells)
print("small cells", r)
for e in edges:
    print("with", e, weighted(cells + [Cell(e)] + cells))

xs = [(-1) ** i * i * 1000003 for i in range(400)]
for rep in range(300):
    r = alternating(xs)
print("alternating", r)
for e in edges:
    print("list with", e, alternating(xs[:50] + [e] + xs[:50]))
print("ends", alternating([2**63 - 1, 0]), alternating([-(2**63) + 1, 0]), alternating([0, -(2**62), 2**62]))
