# Objects of classes the trace does not know, read by compiled code: an
# instance's attribute holding one, elements of a list of mixed elements
# (indexed and iterated), and lists and tuples other objects hold, indexed
# and iterated where the interpreter saw them to be lists or tuples. An
# object of another type than the one seen leaves for the interpreter.


class Node:
    def __init__(self, name, items, pair):
        self.name = name
        self.items = items
        self.pair = pair


def walk(nodes, n):
    total = 0
    names = 0
    for k in range(n):  # jit: compiled
        node = nodes[k % len(nodes)]
        names += len(node.name)
        items = node.items
        total += len(items)
        try:
            first = items[0]
            if first is not None:
                total += 1
        except IndexError:
            total += 100
        total += node.pair[1] - node.pair[-2]
        for x in items:  # jit: compiled
            if x is None:
                total -= 1
            else:
                total += 2
    return total, names


nodes = [Node("n%d" % i, [None, "a", i, None][: i % 5], (i, i * 2, 3)) for i in range(40)]
print(walk(nodes, 3000))
# Other types where lists and tuples were: a tuple of items, a list for
# the pair, a str for the items; the interpreter takes over there.
nodes[7].items = ("t", None, 1)
nodes[9].pair = [5, 6, 7]
nodes[11].items = "xyz"
print(walk(nodes, 3000))


def mixed(lst, n):
    # A list whose elements are of no one kind, indexed by an int and
    # iterated: its elements are objects of unknown class.
    count = 0
    for k in range(n):  # jit: compiled
        e = lst[k % len(lst)]
        if e is None:
            count += 1
        elif e == "s":
            count += 2
    for e in lst:
        if e is not None:
            count += 10
    return count


print(mixed([None, "s", 3, 4.5, None, (1, 2)], 5000))


class Bag:
    def __init__(self):
        self.things = [("a", 1), ("b", 2), ("c", 3)]

    def refill(self):
        self.things = [("d", 4)]


def drain(bags, n):
    # The list a loop walks is replaced under it (by a method the trace
    # calls through the VM): the walk goes on over the list it started on,
    # as Python's list iterator, which holds its list, does.
    out = 0
    for k in range(n):  # jit: compiled
        bag = bags[k % 2]
        for name, v in bag.things:  # jit: compiled
            if name == "b":
                refill = bag.refill
                refill()
            out += v + len(name)
    return out


print(drain([Bag(), Bag()], 3000))
