# Lists made inside compiled loops: displays of numbers, `[x] * n`,
# repeats of a list, appended to other lists (a list of rows), read,
# written and summed while the loop runs, handed back at exits, and many
# of them (the runtime holds a bounded number per native run).


def scratch(n):
    t = 0.0
    for i in range(n):  # jit: compiled
        a = [0.0] * 4
        a[i % 4] = 1.5
        t += a[0] + a[1] + len(a)
    return t


print(scratch(100000))


def grid(n, m):
    rows = []
    for i in range(n):  # jit: compiled
        r = [0] * m
        for j in range(m):  # jit: compiled
            r[j] = i * m + j
        rows.append(r)
    return rows


g = grid(300, 40)
print(len(g), g[0][:5], g[-1][-3:], sum(map(sum, g)))


def displays(n):
    out = []
    for i in range(n):  # jit: compiled
        p = [i, i * 2, i * 3]
        q = p * 2
        out.append(q)
        if len(out) > 50:
            out = out[25:]
    return out[-1], len(out)


print(displays(20000))


def negative_and_empty(n):
    t = 0
    for i in range(n):  # jit: compiled
        a = [1.5] * (i % 5 - 2)
        b = [] * 3
        t += len(a) + len(b)
    return t


print(negative_and_empty(20000))


# A list made in the loop is what the loop leaves behind (an exit hands
# it back), and one element changes type part way.
def last_made(n):
    last = None
    for i in range(n):  # jit: compiled
        last = [i] * 3
        if i == n - 5:
            last[1] = "x"
            break
    return last


print(last_made(30000))


def grows_big(n):
    total = 0
    for i in range(n):  # jit: compiled
        row = [i] * 2
        row[0] = row[1] * 2**40
        total += row[0] % 7
    return total


print(grows_big(20000))


# [x] * n where n is huge: the interpreter raises MemoryError/OverflowError.
def too_big(n):
    c = 0
    for i in range(n):  # jit: compiled
        c += len([0.5] * (1 if i < n - 1 else 2**62))
    return c


try:
    too_big(3000)
except (MemoryError, OverflowError):
    print("too big")


# Exits between `out.append` and its call: the interpreter gets the method
# and the list on its stack.
def appends(xs):
    out = []
    for x in xs:  # jit: compiled
        out.append(100 // x)
    return out


try:
    appends([5] * 3000 + [0])
except ZeroDivisionError:
    print("ZeroDivisionError")


def mixed_appends(xs):
    out = []
    for x in xs:  # jit: compiled
        out.append(x * 2 if x < 4000 else "s" + str(x))
    return len(out), out[-1]


print(mixed_appends(list(range(5000))))


# List comprehensions inside compiled loops (and as hot loops of their
# own): the list they build is appended to natively, their variable is
# restored (or left unbound) after them.
import math


def comprehensions(n):
    t = 0.0
    for i in range(n):  # jit: compiled
        row = [math.sin(i + k) for k in range(8)]  # jit: compiled
        sq = [x * x for x in row if x > -0.5]
        t += sum(sq) - max(row) + len(sq)
    return t


print(comprehensions(5000))
grid2 = [[float((i * j) % 7) for j in range(50)] for i in range(400)]  # jit: compiled
print(sum(map(sum, grid2)))


def keeps_variable(n):
    x = 5
    r = [x * 2 for x in range(n)]  # jit: compiled
    return x, len(r), r[-1]


print(keeps_variable(10000))


def nested_rows(data):
    out = []
    for d in data:  # jit: compiled
        out.append([v * 2 for v in d if v > 2.0])  # jit: compiled
    return sum(len(o) for o in out), out[3][:4]


print(nested_rows(grid2))


# The truth of a list (empty or not) and of a tuple in a compiled loop.
def truthy(n):
    stack = []
    popped = 0
    for i in range(n):  # jit: compiled
        if i % 3 == 0 and stack:
            stack = stack[:-1] if len(stack) > 5 else []
            popped += 1
        else:
            stack.append(i)
        t = (i,) if i % 2 else ()
        if t and not stack:
            popped -= 1
    return popped, len(stack)


print(truthy(20000))
