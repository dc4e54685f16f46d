# Loops in exec() with separate globals/locals dicts and in class bodies use those dicts.
g = {"n": 3000}
l = {}
exec("s = 0\nfor i in range(n):\n    s += i * 2\nt = s", g, l)
print(sorted(l.items()), "s" in g)

class Acc:
    total = 0
    for i in range(5000):  # jit: interpreted (a loop whose locals are not its module's globals (class body, exec with two dicts))
        total += i % 7
print(Acc.total, hasattr(Acc, "i"))

g2 = {}
exec("acc = 0.0\nk = 0\nwhile k < 4000:\n    acc += k * 0.25\n    k += 1\n", g2)
print(g2["acc"], g2["k"])
