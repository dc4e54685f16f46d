# `is`, `is not`, `is None` and `is not None` of objects compiled code holds
# without knowing their class (an attribute that holds None or a node, the
# elements of a list of mixed objects): compared by address in native code,
# both ways of each branch taken.


class Node:
    def __init__(self, v, nxt):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        self.v = v
        self.nxt = nxt
        self.tag = None if v % 3 else "third"


class Other:
    pass


def build(n):
    head = None
    for i in range(n):  # jit: compiled
        head = Node(i, head)
    return head


def walk(head):
    total = 0
    tagged = 0
    node = head
    while node is not None:  # jit: compiled
        total += node.v
        if node.tag is None:
            total += 1
        elif node.tag is not node.tag:
            total -= 1000
        else:
            tagged += 1
        node = node.nxt
    return total, tagged


def count_same(items, probe):
    same = 0
    nones = 0
    others = 0
    for x in items:  # jit: compiled
        if x is probe:
            same += 1
        if x is None:
            nones += 1
        elif x is not probe:
            others += 1
    return same, nones, others


head = build(3000)
for _ in range(5):
    print(walk(head))
mixed = [None, head, head.nxt, Other(), "s", None] * 600
print(count_same(mixed, head))
print(count_same(mixed, None))
print(count_same(mixed + [head] * 7, head.nxt))
