# ZeroDivisionError raised after thousands of iterations of a hot loop and caught in an outer loop (int and float //, %, /).

def run(kind, zero_at, n):
    s = 0
    for i in range(n):  # jit: compiled
        d = i - zero_at
        if kind == 0:
            s += 100000 // d
        elif kind == 1:
            s += 100000 % d
        elif kind == 2:
            s += 100000 / d
        elif kind == 3:
            s += 1e5 // d
        elif kind == 4:
            s += 1e5 % float(d)
        else:
            s += 1.5 / float(d)
    return s

for kind in range(6):
    for zero_at in (5000, -1, 0, 2500):
        try:
            r = run(kind, zero_at, 6000)
            print(kind, zero_at, "ok", repr(r))
        except ZeroDivisionError as e:
            print(kind, zero_at, "caught", type(e).__name__)

def partial(n):
    # The exception leaves the accumulated state visible to the handler.
    total = 0
    i = 0
    try:
        for i in range(n):  # jit: compiled
            total += 10**6 // (3000 - i)
    except ZeroDivisionError:
        return "stopped", i, total
    return "done", i, total

print(partial(10000))
print(partial(100))

def retry(n):
    hits = 0
    acc = 0.0
    for j in range(n):  # jit: compiled
        try:
            acc += 1.0 / (j % 1000)
        except ZeroDivisionError:
            hits += 1
    return hits, acc

h, a = retry(10000)
print(h, repr(a))
