# Nested loops with break, continue, for-else and while-else in hot code.

def primes(n):
    out = []
    for p in range(2, n):  # jit: compiled
        for d in range(2, p):  # jit: compiled
            if d * d > p:
                out.append(p)
                break
            if p % d == 0:
                break
        else:
            out.append(p)
    return out

ps = primes(6000)
print(len(ps), ps[:10], ps[-5:], sum(ps))

def skip_sum(n):
    s = 0
    for i in range(n):  # jit: compiled
        if i % 3 == 0:
            continue
        for j in range(5):  # jit: compiled
            if j == i % 5:
                continue
            if j > 3:
                break
            s += i * j
    return s

print(skip_sum(5000))

def while_else(n):
    results = []
    for target in (n // 3, n * 2, 0):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        i = 0
        while i < n:  # jit: compiled
            if i == target and target:
                results.append(("break", i))
                break
            i += 1
        else:
            results.append(("else", i))
    return results

print(while_else(9000))

def find_pair(n, target):
    for i in range(n):  # jit: compiled
        for j in range(i, n):  # jit: compiled
            if i * j == target:
                break
        else:
            continue
        return i, j
    return None

print(find_pair(300, 299 * 7), find_pair(300, 10**9))

def triple(n):
    c = 0
    for a in range(n):  # jit: compiled
        for b in range(a):  # jit: compiled
            if (a + b) % 7 == 0:
                continue
            for k in range(3):  # jit: compiled
                if k == 2 and b % 2:
                    break
                c += 1
            else:
                c += 100
    return c

print(triple(150))

def count_flags(n):
    i = 0
    hits = 0
    while True:  # jit: compiled
        i += 1
        if i > n:
            break
        if i % 2:
            continue
        hits += 1
    return hits

print(count_flags(20001))
