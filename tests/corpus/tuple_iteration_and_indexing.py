# Loops over tuples the trace holds (constant tuples, tuples of tuples,
# tuples read out of lists, built each iteration, empty and one-item) and
# tuples indexed by a variable (negative, out of range after thousands of
# iterations, items of different types left to the interpreter).


def neighbours(n):
    g = [[(i * 7 + j * 13) % 3 for j in range(n)] for i in range(n)]  # jit: compiled
    total = 0
    for i in range(n):  # jit: compiled
        for j in range(n):  # jit: compiled
            c = 0
            for di in (-1, 0, 1):  # jit: compiled
                for dj in (-1, 0, 1):  # jit: compiled
                    if di or dj:
                        c += g[(i + di) % n][(j + dj) % n]
            total += c * (i + j)
    return total


print(neighbours(40))


def pairs(n):
    s = 0.0
    for i in range(n):  # jit: compiled
        for a, b in ((1, 2.5), (3, -4.5), (0, 0.25)):  # jit: compiled
            s += a * b + i
    return s


print(pairs(3000))


def rows_of_tuples(n):
    pts = [(1, 2), (3, 4), (5, 6)]
    s = 0
    for i in range(n):  # jit: compiled
        for p in pts:  # jit: compiled
            for c in p:  # jit: compiled
                s += c * i
        if i == 1500:
            pts.append((7, 8))
    return s


print(rows_of_tuples(3000))


def built_each_time(n):
    s = 0
    for i in range(n):  # jit: compiled
        t = (i, i + 1, i * 2)
        j = i % 3
        s += t[j] - t[-1 - j]
        for q in t:  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
            s ^= q
    return s


print(built_each_time(5000))


def empty_and_single(n):
    s = 0
    for i in range(n):  # jit: compiled
        for q in ():
            s += 1
        for q in (i,):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
            s += q
    return s


print(empty_and_single(3000))


def out_of_range(n):
    t = (1, 2, 3)
    s = 0
    try:
        for i in range(n):  # jit: compiled
            s += t[i // 1000]
    except IndexError as e:
        print("IndexError", e, s)
    try:
        for i in range(n):  # jit: compiled
            s += t[-(i // 1000) - 1]
    except IndexError as e:
        print("IndexError", e, s)
    return s


print(out_of_range(5000))


def exit_inside(n):
    s = 0.0
    for i in range(n):  # jit: compiled
        for x in (1.5, 2.5, 3.5):  # jit: compiled
            if i == 777 and x == 2.5:
                print("at", i, x)
            s += x
        if i == 1999:
            for x in (1, 2.0, "three"):
                print(repr(x))
    return s


print(exit_inside(3000))


def mixed_items(n):
    t = (1, 2.0, True, None)
    out = []
    for i in range(n):  # jit: interpreted (a tuple indexed by a variable whose items are of different kinds)
        v = t[i % 4]
        if i < 8:
            out.append(v)
    return out


print(mixed_items(2000))


def bool_index(n):
    t = (10, 20)
    s = 0
    for i in range(n):  # jit: compiled
        s += t[i % 2 == 0] + t[False]
    return s


print(bool_index(3000))
