# A local that is an int for thousands of iterations and then becomes a float (and back), mid-loop.

def promote(n, at):
    x = 0
    for i in range(n):  # jit: compiled
        if i == at:
            x = x + 0.5
        x += i
    return x

for at in (-1, 0, 1000, 4999, 5000):
    r = promote(5000, at)
    print(at, type(r).__name__, repr(r))

def flip(n):
    x = 1
    out = []
    for i in range(n):  # jit: compiled
        if i % 1000 == 999:
            x = float(x) / 2
        elif i % 1000 == 500:
            x = int(x)
        x = x + 1
        if i % 250 == 0:
            out.append((type(x).__name__, x))
    return out

for item in flip(5000):
    print(item)

def mixed_acc(n):
    acc = 0
    for i in range(n):  # jit: compiled
        acc = acc + (i if i % 3 else i * 0.5)
    return acc

r = mixed_acc(9000)
print(type(r).__name__, repr(r))

def true_div_switch(n):
    s = 0
    for i in range(1, n):  # jit: compiled
        s += i // 3 if i < n // 2 else i / 3
    return s

r = true_div_switch(8000)
print(type(r).__name__, repr(r), f"{r:.17g}")
