# Slices compiled code makes and hands to the VM (`row[:]`, `row[1:k]` of
# a list held as an object): done in the run, not left to the interpreter
# at every iteration; a slice of a list subclass whose __getitem__ is
# Python's runs that method, once per subscript.


class Done:
    def __init__(self, count, empty=False):  # jit: compiled
        self.count = count
        self.cells = None if empty else [[0, 1, 2, 3, 4, 5, 6, 7] for i in range(count)]

    def clone(self):  # jit: compiled
        ret = Done(self.count, True)
        ret.cells = [self.cells[i][:] for i in range(self.count)]  # jit: compiled
        return ret


d = Done(37)
total = 0
for k in range(3000):  # jit: compiled
    e = d.clone()
    e.cells[k % 37][k % 8] = -k
    total += sum(e.cells[k % 37]) + len(e.cells)
print(total, d.cells[3], e.cells[2999 % 37])


def heads(rows, k):  # jit: compiled
    out = []
    for r in rows:  # jit: compiled
        out.append(r[1:k])
    return out


rows = [list(range(i, i + 6)) for i in range(40)]
acc = 0
for k in range(1500):  # jit: interpreted (a constant that is not a number or a str)
    hs = heads(rows, k % 7)
    acc += sum(len(h) for h in hs) + (hs[k % 40][0] if hs[k % 40] else 0)  # jit: interpreted (unsupported instruction YieldValue)
print(acc)


class Loud(list):
    seen = 0

    def __getitem__(self, key):  # jit: interpreted (an attribute assignment to something other than an instance)
        Loud.seen += 1
        return list.__getitem__(self, key)


mixed = [Loud(range(5)) if i % 3 == 0 else list(range(5)) for i in range(30)]
n = 0
for k in range(2000):  # jit: compiled
    n += len(heads(mixed, 4))
print(n, Loud.seen)
