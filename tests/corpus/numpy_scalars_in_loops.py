# numpy scalar semantics inside hot loops: an array element is np.float64
# (np.int64, np.bool_), arithmetic on it follows numpy (division by zero
# gives inf/nan, int64 wraps), and values leave compiled code with their
# numpy types (repr shows it).
import numpy as np

f = np.linspace(-2.0, 2.0, 4001)       # contains 0.0 at index 2000
q = np.arange(4000, dtype=np.int64) * (2**61)
m = np.zeros(4000, dtype=bool)
m[::3] = True

inv = 0.0
for i in range(len(f)):  # jit: compiled
    inv += 1.0 / f[i]                   # inf at f[i] == 0, no ZeroDivisionError
print(repr(inv))

w = 0
for i in range(q.shape[0]):  # jit: compiled
    w += q[i]                            # np.int64 wraps
print(repr(w))

cnt = 0
last = None
for i in range(len(m)):  # jit: compiled
    c = m[i]
    if c:
        cnt += 1
    last = f[i] > 0.5                     # np.bool_
print(cnt, repr(last), repr(c))

mx = f[0]
for i in range(1, len(f)):  # jit: compiled
    if f[i] > mx:
        mx = f[i]
print(repr(mx), repr(abs(f[3])), repr(-f[5]))

s = 0.0
for i in range(len(f)):  # jit: compiled
    s = s + f[i] * i - (f[i] // 0.25) + f[i] % 0.75
print(repr(s))

ints = np.arange(100)
acc = 0
for i in range(5000):  # jit: compiled
    acc = acc + ints[i % 100] // 7 + ints[(i * 3) % 100] % 5
print(repr(acc))
