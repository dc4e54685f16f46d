# try/except/else/finally inside hot loops, with exceptions raised on some iterations.

def safe_div(n):
    s = 0
    errs = 0
    for i in range(n):  # jit: compiled
        try:
            s += 1000 // (i % 50)
        except ZeroDivisionError:
            errs += 1
    return s, errs

print(safe_div(10000))

def with_finally(n):
    s = 0
    fin = 0
    for i in range(n):  # jit: compiled
        try:
            if i % 100 == 99:
                raise ValueError(i)
            s += i
        except ValueError as e:
            s -= e.args[0]
        else:
            s += 1
        finally:
            fin += 1
    return s, fin

print(with_finally(10000))

def lookup(n):
    d = {k: k * k for k in range(0, 100, 3)}
    hits = misses = 0
    for i in range(n):  # jit: compiled
        try:
            hits += d[i % 100]
        except KeyError:
            misses += 1
    return hits, misses

print(lookup(10000))

def index_errors(n):
    lst = list(range(10))
    total = 0
    bad = 0
    for i in range(n):  # jit: compiled
        try:
            total += lst[i % 13]
        except IndexError:
            bad += 1
    return total, bad

print(index_errors(13000))

def nested_try(n):
    out = 0
    for i in range(n):  # jit: compiled
        try:
            try:
                if i % 7 == 0:
                    raise KeyError(i)
                out += 1
            finally:
                out += 2
        except KeyError:
            out += 3
    return out

print(nested_try(7000))

def continue_in_finally(n):
    c = 0
    for i in range(n):  # jit: compiled
        try:
            if i % 2:
                continue
            c += 10
        finally:
            c += 1
    return c

print(continue_in_finally(5000))

def convert(n):
    ok = bad = 0
    items = ["1", "x", "3.5", "-7", "", "1e3"]
    for i in range(n):  # jit: compiled
        s = items[i % len(items)]
        try:
            ok += int(s)
        except ValueError:
            bad += 1
    return ok, bad

print(convert(6000))
