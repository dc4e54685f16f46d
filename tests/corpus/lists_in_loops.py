import math

def total(xs):
    s = 0.0
    for i in range(len(xs)):  # jit: compiled
        s += xs[i] * 0.5
    return s

def scale(xs, k):
    for i in range(len(xs)):  # jit: compiled
        xs[i] = xs[i] * k
    return xs

def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = flags[1] = False
    i = 2
    while i * i <= n:  # jit: compiled
        if flags[i]:
            j = i * i
            while j <= n:  # jit: compiled
                flags[j] = False
                j += i
        i += 1
    count = 0
    for k in range(n + 1):  # jit: compiled
        if flags[k]:
            count += 1
    return count

def build(n):
    out = []
    for i in range(n):  # jit: compiled
        out.append(i * i % 97)
    return out

xs = [float(i) for i in range(20000)]  # jit: compiled
print(total(xs))
print(sum(scale(list(xs), 3)[:10]))
print(sieve(200000))
b = build(30000)
print(len(b), b[:5], sum(b))
mixed = [1.0] * 5000 + [2] + [3.0] * 5000
print(total(mixed))
try:
    t = 0
    for i in range(3000):  # jit: compiled
        t += b[i * 20]
except IndexError as e:
    print("IndexError", e, t)

# Two names for one list, a list grown and shrunk while a loop walks it,
# and elements of another type appearing mid-loop.
a = [0.5] * 3000
alias = a
for i in range(len(a)):  # jit: compiled
    alias[i] = a[i] + i
    if i == 1500:
        a.append(7.0)
print(sum(a), len(alias))
grow = [1, 2, 3]
n = 0
while n < 5000:  # jit: compiled
    grow.append(grow[n] + grow[n + 1])
    n += 1
print(len(grow), grow[-1] % 1000003)
shrink = list(range(4000))
k = 0
try:
    for i in range(4000):  # jit: compiled
        k += shrink[i]
        if i == 2500:
            del shrink[3000:]
except IndexError as e:
    print("IndexError", e, k)
vals = [1.5] * 4000
vals[3000] = "x"
try:
    acc = 0.0
    for i in range(len(vals)):  # jit: compiled
        acc += vals[i]
except TypeError as e:
    print("TypeError", acc)  # (RustPython says "+" where CPython says "+=")
flags = [False] * 3000
for i in range(0, 3000, 3):
    flags[i] = i % 2 == 0
print(flags.count(True), flags[-3:])
