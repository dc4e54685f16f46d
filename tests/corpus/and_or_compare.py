# Chained comparisons, and/or/not returning operands, and conditional expressions in hot loops.

def chains(n):
    c = 0
    for i in range(n):  # jit: compiled
        if 100 < i <= 5000 != i % 7:
            c += 1
        if 0 <= i % 10 < 3 < 4:
            c += 10
        if i > 10 > 5:
            c += 100
        if 1.5 < i < 2**70:
            c += 1000
    return c

print(chains(10000))

def operands(n):
    s = 0
    t = 0.0
    kinds = set()
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        a = i % 3
        b = i % 5
        x = a or b         # an int, not a bool
        y = a and b
        z = a and b or -1
        w = (a or 0.5) * 2
        s += x * 100 + y * 10 + z
        t += w
        kinds.add(type(not a).__name__)
        kinds.add(type(x).__name__)
    return s, t, sorted(kinds)

print(operands(15000))
print(0 or 0.0, 0.0 or 0, 0 or None, None or 0, 3 and 4.5, 0 and 4.5, "" or 7, [] and 1, not 0, not 2.5, not -0.0)

def ternary(n):
    s = 0
    f = 0.0
    for i in range(n):  # jit: compiled
        s += i if i % 2 else -i
        f += 0.5 if i % 3 == 0 else (1.5 if i % 3 == 1 else -2.0)
        s += 1 if i > n // 2 and i % 7 or i < 10 else 0
    return s, f

print(ternary(20000))

def short_circuit(n):
    calls = 0
    def side(v):  # jit: interpreted (unsupported instruction StoreDeref)
        nonlocal calls
        calls += 1
        return v
    s = 0
    for i in range(n):  # jit: compiled
        if i % 2 == 0 and side(i % 3 == 0):
            s += 1
        if i % 5 == 0 or side(i) > n:
            s += 2
    return s, calls

print(short_circuit(6000))

def mixed_compare(n):
    c = 0
    for i in range(n):  # jit: compiled
        f = i * 0.5
        if f == i // 2:
            c += 1
        if i != f:
            c += 2
        if not (f < i):
            c += 4
    return c

print(mixed_compare(10000))
