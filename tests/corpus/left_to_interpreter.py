# Loops with an operation the trace does not compile on some paths (a
# print every so often, a dict or a string in a rare branch, a call of a
# builtin method): those paths leave to the interpreter at that operation,
# the rest runs natively; a loop that leaves on every path stays
# interpreted, one that leaves at once too often goes back to it.


def progress(n):
    t = 0.0
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        t += i * 0.5
        if i % 25000 == 0:
            print("at", i, t)
    return t


print(progress(100001))


def rare_dict(n):
    seen = {}
    t = 0
    for i in range(n):  # jit: compiled
        t += i % 7
        if i % 1000 == 999:
            seen[i // 1000] = t
            t -= seen.get(i // 2000, 0) % 3
    return t, len(seen)


print(rare_dict(50000))


def labels(xs):
    out = []
    bad = 0
    for x in xs:  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        if x < 0:
            out.append("neg:" + str(x))
            bad += 1
        else:
            out.append(x * 2)
    return bad, out[:3], out[-2:]


print(labels([i if i % 777 else -i for i in range(1, 20000)]))  # jit: compiled


def half_strings(n):
    t = 0
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        if i % 2:
            t += len(str(i))
        else:
            t += i
    return t


print(half_strings(30000))


def every_path(words):
    n = 0
    for w in words:  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        n += len(w.upper())
    return n


print(every_path(["ab", "cde"] * 5000))
