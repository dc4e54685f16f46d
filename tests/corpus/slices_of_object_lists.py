# Slices of lists of objects (instances, strings, tuples, lists of
# lists) in compiled loops: a new list of the same elements, made by the
# runtime from the slice's ints, then used as any object (iterated,
# measured, indexed, concatenated).


class Node:
    def __init__(self, v):
        self.v = v


def walk(n):
    nodes = [Node(i) for i in range(12)]
    total = 0
    for i in range(n):  # jit: compiled
        k = i % 9
        for node in nodes[k:k + 3]:  # jit: compiled
            total += node.v
        total += len(nodes[::-k - 1]) + nodes[k:][0].v
    return total


def rotate(n):
    q = ["a", "b", "c", "d", "e"]
    seen = []
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        q = q[1:] + q[:1]
        if i % 997 == 0:
            seen.append("".join(q))
    return seen, q


def pairs(n):
    ps = [(i, -i) for i in range(10)]
    s = 0
    for i in range(n):  # jit: interpreted (a constant that is not a number or a str)
        part = ps[i % 4:i % 4 + 5:2]
        s += sum(a for a, b in part) + len(part)  # jit: interpreted (unsupported instruction YieldValue)
    return s


def grid(n):
    rows = [[j * 10 + i for i in range(4)] for j in range(6)]
    s = 0
    for i in range(n):  # jit: compiled
        top = rows[:i % 6 + 1]
        s += len(top) + top[-1][i % 4]
    return s


print(walk(4000))
print(rotate(3000))
print(pairs(3000))
print(grid(3000))
