# bool arithmetic in hot loops: True + 1, sums of comparisons, bool * float, bitwise ops on bools, bool becoming int.

print(True + 1, True * 2.5, False - 1, True / 2, True // 2, -True, True & False, True | False, True ^ True)
print(type(True + True).__name__, type(True & True).__name__, type(True * 1.0).__name__, True == 1, True is True == 1)

def count(n):
    s = 0
    f = 0.0
    b = True
    for i in range(n):  # jit: compiled
        s += (i % 3 == 0) + (i % 5 == 0) * 2
        f += (i > n // 2) * 0.5
        b = b ^ (i % 7 == 0)
    return s, f, b, type(b).__name__

print(count(20000))

def flag_acc(n):
    acc = False
    for i in range(n):  # jit: compiled
        acc = acc + (i % 2 == 1)   # bool becomes int after the first add
    return acc, type(acc).__name__

print(flag_acc(10000))

def bool_index(n):
    tbl = [10, 20]
    s = 0
    for i in range(n):  # jit: interpreted (a list index that is not an int)
        s += tbl[i % 4 == 0]
    return s

print(bool_index(8000))
print(sum([True] * 5000), max(True, 0), min(False, 0.0), abs(True), round(True), int(False), float(True), divmod(True, 2))
