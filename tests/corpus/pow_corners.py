# ** corner cases: int ** negative int, 0.0 ** -1, negative base with fractional exponent, big powers, float overflow, 3-arg pow.
import math

print(2 ** 100, 2 ** -1, 2 ** -2, (-2) ** -3, 10 ** -5, 0 ** 0, 0.0 ** 0, (-1) ** 10**9 + 0)
print(repr(2 ** 0.5), repr(2.0 ** -1074), repr(2.0 ** -1075), repr((-2.0) ** 3), repr((-2.0) ** -3), repr(1.0 ** math.inf))
print(pow(3, 200, 10**9 + 7), pow(2, -1, 7), pow(-3, 5, 7), pow(3, 5, -7), pow(7, 0, 1))

for base, exp in ((0.0, -1), (0, -1), (0.0, -1.5), (-0.0, -2), (0, -2.0)):
    try:
        print(base, exp, repr(base ** exp))
    except ZeroDivisionError as e:
        print(base, exp, "ZeroDivisionError")

for expr in ("10.0 ** 400", "(-10.0) ** 401", "2.0 ** 1024", "pow(10.0, 400)", "1e308 * 10", "math.pow(10.0, 400)"):
    try:
        print(expr, repr(eval(expr)))
    except OverflowError as e:
        print(expr, "OverflowError")

for expr in ("pow(2, 3, 0)", "pow(2, -1, 4)", "pow(2.0, 3, 5)"):
    try:
        print(expr, eval(expr))
    except (ValueError, TypeError) as e:
        print(expr, type(e).__name__)

z = (-8.0) ** (1 / 3)
print(type(z).__name__, round(z.real, 12), round(z.imag, 12))
z = (-8) ** 0.5
print(type(z).__name__, round(z.real, 12), round(z.imag, 12))

def hot_int_pow(n):
    s = 0
    for i in range(n):  # jit: compiled
        s += i ** 2 + (i % 5) ** 3
    return s

def hot_neg_pow(n):
    s = 0.0
    for i in range(1, n):  # jit: compiled
        s += i ** -2
    return s

def hot_float_pow(n):
    s = 0.0
    for i in range(n):  # jit: compiled
        s += (i * 0.001) ** 1.5 + 1.0001 ** i
    return s

def hot_pow_overflow(n):
    x = 2
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        x = x ** 2 if x < 2**40 else x + 1
    return x

def hot_pow_zero(n):
    s = 0.0
    try:
        for i in range(n, -1, -1):  # jit: compiled
            s += (i * 1.0) ** -1
    except ZeroDivisionError:
        return "ZeroDivisionError", repr(s)
    return "no error", repr(s)

def hot_float_overflow(n):
    x = 1.5
    i = 0
    try:
        for i in range(n):
            x = x ** 1.01 + 1.0
    except OverflowError:
        return "OverflowError", i
    return "none", x

print(hot_int_pow(20000), repr(hot_neg_pow(20000)), repr(hot_float_pow(5000)))
print(hot_pow_overflow(5000), hot_pow_zero(5000), hot_float_overflow(100000))
print(repr(math.pi ** 2), repr(math.e ** -0.5), repr(1.1 ** 1000), repr(0.5 ** 1000))
print((-1) ** 2**70, 1 ** -5, (-1) ** -5, 2 ** 64 - 1, 3 ** 40 * 3 ** -40)
