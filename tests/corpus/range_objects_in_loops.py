# range() objects a compiled loop makes and uses as objects, not only as
# loop iterators: len(), indexing, `in`, attributes, str(), a range held
# in a variable and iterated twice, reversed(range()). An exit at such a
# use must hand the interpreter the range itself, not an iterator over it.


def lengths():
    t = 0
    for i in range(3000):  # jit: compiled
        t += len(range(i, 3 * i, 7))
    return t


def as_objects():
    t = 0
    for i in range(3000):  # jit: interpreted (subscript of something other than a list, a tuple or a numpy array)
        t += range(i, i + 10, 3)[-1] + (7 in range(i)) + range(i + 1).stop
        r = range(0, i, 4)
        t += r.step + len(r)
        for x in r:  # jit: compiled
            t += x
        for x in r:  # jit: compiled
            t -= x
        for j in reversed(range(i % 5)):  # jit: compiled
            t += j
    return t


def as_strings():
    out = []
    for i in range(3000):  # jit: interpreted (a call to a function that cannot be inlined)
        out.append(str(range(i % 4, 10, 3)))
    return out[-4:]


def empty_and_negative():
    t = 0
    for i in range(-1500, 1500):  # jit: compiled
        t += len(range(i, 0, -3)) * 2 + len(range(0, i))
    return t


print(lengths())
print(as_objects())
print(as_strings())
print(empty_and_negative())
