# A value that becomes None (and other types) in the middle of a hot loop; is None tests and truthiness.

def find_first(n, target):
    found = None
    for i in range(n):  # jit: compiled
        if i * i > target and found is None:
            found = i
    return found

print(find_first(10000, 50_000_000), find_first(10000, 10**12))

def becomes_none(n, at):
    x = 0
    count = 0
    for i in range(n):  # jit: compiled
        if i == at:
            x = None
        if x is None:
            count += 1
        else:
            x += i
    return x, count

print(becomes_none(5000, 4000), becomes_none(5000, -1))

def maybe(n):
    last = None
    s = 0
    for i in range(n):  # jit: compiled
        v = None if i % 7 == 0 else i
        if v:
            s += v
        if v is not None:
            last = v
    return s, last

print(maybe(10000))

def poly_type(n):
    x = 0
    kinds = []
    for i in range(n):  # jit: compiled
        if i == 1000:
            x = 1.5
        elif i == 2000:
            x = None
        elif i == 3000:
            x = True
        elif i == 4000:
            x = 10**20
        if x is not None:
            x = x + 1
        if i % 500 == 0:
            kinds.append(type(x).__name__)
    return x, kinds

print(poly_type(5000))

def none_error(n):
    x = 0
    try:
        for i in range(n):  # jit: compiled
            if i == 3000:
                x = None
            x = x + 1
    except TypeError as e:
        return "TypeError", i
    return "no error", x

print(none_error(5000))
