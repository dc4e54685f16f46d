# for-range with start/stop/step, negative steps, empty ranges and the loop variable after the loop.

def total(r):
    s = 0
    c = 0
    last = None
    for i in r:  # jit: compiled
        s += i
        c += 1
        last = i
    return s, c, last

cases = [
    range(5000), range(0), range(-5), range(10, 10), range(10, 5),
    range(3, 20000, 7), range(20000, 3, -7), range(-3000, 3000, 3),
    range(3000, -3000, -3), range(5, 0, -1), range(0, 5, -1), range(-1, -6001, -2),
    range(7, 8), range(8, 7, -1), range(0, 10000, 10001), range(10000, 0, -10001),
]
for r in cases:
    print(r, len(r), total(r))

def var_after(n):
    i = -99
    for i in range(n):  # jit: compiled
        pass
    return i

print(var_after(0), var_after(1), var_after(4000))

def nested_steps():
    s = 0
    for step in (1, 2, 3, -1, -2, -3):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        if step > 0:
            r = range(0, 2000, step)
        else:
            r = range(2000, 0, step)
        for i in r:  # jit: compiled
            s += i * step
    return s

print(nested_steps())

def modify_bound(n):
    c = 0
    for i in range(n):  # jit: compiled
        n -= 1  # does not change the range
        c += 1
    return c, n

print(modify_bound(3000))
