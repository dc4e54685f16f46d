# Loops inside try blocks: a local the handler reads stays live through the
# loop (an exit must hand the interpreter its latest value), while one
# rebound by every iteration and read by no handler is dead at the header.
def scan(items):
    last = None
    total = 0.0
    try:
        for x in items:  # jit: compiled
            last = x
            tmp = x * 2
            total += tmp
    except TypeError:
        return ("stopped at", last, total)
    finally:
        print("finally sees", last)
    return ("done", last, total)


print(scan(list(range(3000))))
print(scan([0.5 * i for i in range(3000)] + ["x", 7]))  # jit: compiled
print(scan(list(range(2500)) + [1.5, None]))


# The exception comes before the iteration stores `last`, which only the
# handler reads: it must see the previous iteration's value, which native
# code kept in a register.
def inverse_sum(items):
    last = "none yet"
    s = 0.0
    try:
        for x in items:  # jit: compiled
            s += 10.0 / x
            last = x
    except ZeroDivisionError:
        return ("zero after", last, s)
    return s


print(inverse_sum([float(i + 1) for i in range(3000)]))  # jit: compiled
print(inverse_sum([float(i + 1) for i in range(3000)] + [0.0, 2.0]))  # jit: compiled


def search(rows, key):
    found = None
    for r in rows:
        try:
            found = r[key]
            if found > 100:
                break
        except KeyError:
            found = ("missing", found)
    return found


rows = [{"a": i, "b": i * 0.5} for i in range(3000)]  # jit: interpreted (unsupported instruction BuildMap)
print(search(rows, "a"))
print(search(rows, "b"))
print(search(rows[:50] + [{"c": 1}] + rows[50:], "b"))
