# Globals (and a builtin) rebound mid-loop: a helper called in the loop must see the new binding at once.

SCALE = 2

def scaled(x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return x * SCALE

def run(n):
    global SCALE
    s = 0
    for i in range(n):  # jit: compiled
        if i == n // 2:
            SCALE = 3
        s += scaled(i)
    return s

print(run(10000), SCALE)

OFFSET = 0

def add_offset(x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return x + OFFSET

def set_offset(v):
    global OFFSET
    OFFSET = v

def run2(n):
    s = 0
    for i in range(n):  # jit: compiled
        if i % 1000 == 0:
            set_offset(OFFSET + 1.5 if i >= 5000 else i)
        s += add_offset(i)
    return s

print(repr(run2(10000)), OFFSET)

# A module-level loop rebinding the global read by the function.
FACTOR = 1
total = 0
for i in range(8000):  # jit: compiled
    if i == 3000:
        FACTOR = 10
    if i == 6000:
        FACTOR = 0.5
    total += scaled(i) * FACTOR
print(repr(total))

# Rebinding a builtin through the module globals mid-loop, then removing it again.
def use_abs(n):  # jit: compiled
    s = 0
    for i in range(-n, n):  # jit: compiled
        s += abs(i)
    return s

print(use_abs(3000))

def run3(n):
    global abs
    s = 0
    for i in range(n):  # jit: compiled
        if i == n // 2:
            abs = lambda v: 1
        s += use_abs(2)
    del abs
    return s

print(run3(4000), use_abs(3000))

# A function object rebound mid-loop.
def f(x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    return x + 1

def call_f(n):
    global f
    s = 0
    for i in range(n):  # jit: compiled
        if i == 2500:
            def f(x):
                return x * 2
        s += f(i)
    return s

print(call_f(5000))
