# math functions in hot loops, bit-exact sums: sqrt exp log sin cos tan atan2 pow floor ceil fabs hypot copysign isnan isinf trunc fmod log10 log2.
import math

def kernel(n):
    acc = [0.0] * 12
    ints = 0
    flags = 0
    for i in range(1, n):  # jit: compiled
        x = i * 0.37 - 500.0
        y = i * 0.011 + 0.5
        acc[0] += math.sqrt(y)
        acc[1] += math.exp(-y) + math.exp(y * 0.01)
        acc[2] += math.log(y) + math.log10(y) + math.log2(y)
        acc[3] += math.sin(x) + math.cos(x)
        acc[4] += math.tan(x * 0.001)
        acc[5] += math.atan2(x, y) + math.atan2(-y, x)
        acc[6] += math.pow(y, 1.25) + math.pow(x, 2)
        acc[7] += math.fabs(x) + math.copysign(y, x)
        acc[8] += math.hypot(x, y)
        acc[9] += math.fmod(x, y) + math.fmod(-x, 3.0)
        acc[10] += math.log(y, 3.0)
        acc[11] += math.sqrt(x * x + y * y)
        ints += math.floor(x) + math.ceil(x) + math.trunc(x) + math.floor(-y)
        if math.isnan(x) or math.isinf(y):
            flags += 1
    return acc, ints, flags

acc, ints, flags = kernel(20000)
for k, v in enumerate(acc):
    print(k, repr(v), f"{v:.17g}")
print(ints, flags)

print(type(math.floor(2.5)).__name__, math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), math.floor(1e20))
print(math.isnan(float("nan")), math.isinf(float("-inf")), math.isnan(1.0), math.isinf(1e308))
print(repr(math.fmod(-7.0, 3.0)), repr(math.fmod(7.0, -3.0)), repr(math.fmod(-0.0, 1.0)), repr(math.copysign(0.0, -1)))
print(repr(math.hypot(3.0, 4.0)), repr(math.hypot(1e308, 1e308)), repr(math.atan2(0.0, -0.0)), repr(math.atan2(-0.0, -1.0)))
print(repr(math.log2(8)), repr(math.log10(1000)), repr(math.log(2**1000)), repr(math.sqrt(2)), repr(math.exp(1)))
print(repr(math.sin(1e22)), repr(math.cos(1e22)), repr(math.tan(1e22)), repr(math.pow(2, 0.5)))

def int_args(n):
    s = 0.0
    for i in range(1, n):  # jit: compiled
        s += math.sqrt(i) + math.log(i) + math.floor(i / 3)
    return s

print(repr(int_args(20000)))
