# Hot loops at module level (globals as loop variables and accumulators, not inside any function).
import math

total = 0
for i in range(20000):  # jit: compiled
    total += i * 3 - (i % 7)
print(total, i)

acc = 0.0
j = 0
while j < 20000:  # jit: compiled
    acc += math.sqrt(j) * 0.5
    j += 1
print(repr(acc), j)

count = 0
for a in range(200):  # jit: compiled
    for b in range(100):  # jit: compiled
        if (a ^ b) & 3 == 0:
            count += 1
        elif a == b:
            break
    else:
        count += 1000
print(count)

x = 1
steps = 0
while x < 2**80:
    x = x * 3 + 1
    steps += 1
print(x, steps)

s = 0.0
for k in range(1, 15000):  # jit: compiled
    s += (-1.0) ** k / k
print(repr(s), f"{s:.17g}")

data = [k * 0.5 for k in range(10000)]  # jit: compiled
m = 0.0
for v in data:  # jit: compiled
    if v > m:
        m = v
print(m)

try:
    q = 0
    for k in range(5000, -1, -1):  # jit: compiled
        q += 10**6 // k
except ZeroDivisionError:
    print("ZeroDivisionError at", k, q)
