# Dicts in compiled loops: d[k] reads and writes with int, float, bool and
# str keys (1, 1.0 and True are one key), `k in d`, `d.get(k, default)`,
# len(d); a missing key (KeyError), a value of another type, a nan key
# (found by identity in CPython), and keys added while the loop runs.


def histogram(n):
    counts = {0: 0}
    for i in range(n):  # jit: compiled
        k = (i * 7) % 11
        counts[k] = counts.get(k, 0) + 1
    return sorted(counts.items())


print(histogram(5000))


def memo(n):
    fib = {0: 0, 1: 1}
    total = 0
    for i in range(2, n):  # jit: compiled
        fib[i] = (fib[i - 1] + fib[i - 2]) % 1000003
        if i in fib and i - 5 in fib:
            total += fib[i - 5]
    return total, len(fib)


print(memo(3000))


def str_keys(n):
    d = {"a": 0.5, "b": 1.5}
    for i in range(n):  # jit: compiled
        d["a"] += i * 0.25
        if "c" in d:
            d["c"] = d["c"] * 0.5
        elif i == n // 2:
            d["c"] = 8.0
    return d


print(str_keys(3000))


def same_key(n):
    d = {1: 0}
    for i in range(n):  # jit: interpreted (a dict write of another key type)
        d[1] += 1
        d[1.0] += 2
        d[True] += 3
    return d, [type(k).__name__ for k in d]


print(same_key(3000))


def missing(n):
    d = {i: i * i for i in range(100)}
    s = 0
    try:
        for i in range(n):
            s += d[i % 101]
    except KeyError as e:
        print("KeyError", e, s)
    return s


print(missing(3000))


def other_type(n):
    d = {"x": 1, "y": 2}
    s = 0
    for i in range(n):  # jit: compiled
        s += d["x"] + d["y"]
        if i == n // 2:
            d["y"] = 2.5
    return s


print(other_type(3000))


def nan_key(n):
    nan = float("nan")
    d = {nan: 1}
    for i in range(n):  # jit: interpreted (dict.get() of another key type)
        d[nan] = d.get(nan, 0) + 1
    return len(d), d[nan]


print(nan_key(3000))


def membership(n):
    lst = [3, 5, 7, 11]
    t = (2, 4, True, 8)
    hits = [0, 0, 0, 0]
    for i in range(n):  # jit: compiled
        hits[0] += i % 13 in lst
        hits[1] += i % 9 not in t
        hits[2] += (i % 3 == 0) in t
        if i == n // 2:
            lst.append(1.0)
        hits[3] += 1 in lst
    return hits


print(membership(3000))


def str_constants(n):
    names = {"alpha": 0, "beta": 0}
    word = "héllo"
    total = 0
    for i in range(n):  # jit: compiled
        key = "alpha" if i % 3 else "beta"
        names[key] += len(key) + len(word)
        total += len("") + (key == "beta")
    return names, total


print(str_constants(3000))
