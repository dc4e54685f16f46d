# An in-place operator the interpreter specialized for ints or floats, met
# later with other operands: the fallback is the in-place operator
# (`__iadd__`, its error message), not the plain one.
def acc(xs):
    t = 0
    for x in xs:
        t += x
    return t


for i in range(60):
    try:
        print(acc([i, 0.5, "s"] if i > 57 else [0.5, 1.5]))
    except TypeError as e:
        print(i, e)


def grow(start, items):
    out = start
    for it in items:
        out += it
    return out


for i in range(40):
    start = 0 if i < 38 else []
    r = grow(start, [1, 2] if i < 38 else [[1], [2]])
    print(r, r is start)
shared = [0]
alias = shared
for k in range(30):
    x = 5
    x *= 2
    y = 1.5
    y -= 0.5
    z = shared if k == 29 else 3
    z += [k] if k == 29 else 1
print(alias, x, y, z is shared)
