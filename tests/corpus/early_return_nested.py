# Early return from inside nested loops (for and while) inside functions, hot enough to be compiled.

def search(n, target):  # jit: compiled
    for i in range(n):  # jit: compiled
        for j in range(n):  # jit: compiled
            if i * n + j == target:
                return i, j
    return None

print(search(100, 5678), search(100, 0), search(100, 9999), search(100, 10000))

def first_over(limit):
    k = 0
    s = 0
    while True:  # jit: compiled
        k += 1
        for j in range(k):  # jit: compiled
            s += j
            if s > limit:
                return k, j, s

print(first_over(10**6), first_over(0))

def early_float(xs, thresh):
    acc = 0.0
    for x in xs:  # jit: compiled
        acc += x * 0.5
        if acc > thresh:
            return repr(acc)
    return "never"

vals = [i * 0.1 for i in range(10000)]  # jit: compiled
print(early_float(vals, 1000.0), early_float(vals, 1e9))

def many_calls(n):
    s = 0
    for i in range(n):  # jit: compiled
        r = search(10, i % 120)
        if r is None:
            s -= 1
        else:
            s += r[0] * 10 + r[1]
    return s

print(many_calls(3000))

def return_from_while(n):
    i = 0
    while i < n:
        j = 0
        while j < n:
            if (i * 31 + j * 17) % 1009 == 1008:
                return i, j
            j += 1
        i += 1
    return -1, -1

print(return_from_while(200))
