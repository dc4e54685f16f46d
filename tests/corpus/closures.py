# Closures in hot loops: captured variables, nonlocal counters, closures created in a loop, lambdas.

def make_adder(k):
    def add(x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return x + k
    return add

def use_adders(n):
    add3 = make_adder(3)
    addf = make_adder(0.25)
    s = 0
    f = 0.0
    for i in range(n):  # jit: compiled
        s = add3(s)
        f = addf(f)
    return s, f

print(use_adders(20000))

def counter():
    count = 0
    def inc(step=1):  # jit: interpreted (unsupported instruction StoreDeref)
        nonlocal count
        count += step
        return count
    return inc

def use_counter(n):
    c = counter()
    last = 0
    for i in range(n):  # jit: interpreted (unsupported instruction StoreDeref)
        last = c(i % 3)
    return last

print(use_counter(20000))

def late_binding(n):
    fs = []
    for i in range(5):
        fs.append(lambda x, i=i: x * i)  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    late = [lambda x: x * i for i in range(5)]  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    s = 0
    for j in range(n):  # jit: compiled
        s += fs[j % 5](j) - late[j % 5](j)
    return s

print(late_binding(10000))

def outer(n):
    total = 0.0
    scale = 1.0
    def step(x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return x * scale
    for i in range(n):  # jit: compiled
        if i == n // 2:
            scale = 2.0   # the closure sees the rebinding of the cell
        total += step(i)
    return total

print(repr(outer(10000)))

def compose(n):
    f = lambda x: x + 1  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    g = lambda x: f(f(x)) * 2  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    s = 0
    for i in range(n):  # jit: compiled
        s += g(i) % 1000
    return s

print(compose(10000))
