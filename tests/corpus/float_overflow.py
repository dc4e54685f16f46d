# Float overflow: ** and math.pow raise OverflowError inside hot loops, while * and + silently reach inf.
import math

def grow_mul(n):
    x = 1.0
    k = -1
    for i in range(n):  # jit: compiled
        x *= 1.5
        if k < 0 and x == math.inf:
            k = i
    return x, k

print(grow_mul(5000))

def grow_pow(n):
    x = 1.0
    i = 0
    try:
        for i in range(n):
            x = 10.0 ** (i * 0.5)
    except OverflowError:
        return "OverflowError", i, repr(x)
    return "none", i, repr(x)

print(grow_pow(5000))

def overflow_caught_each(n):
    errs = 0
    s = 0.0
    for i in range(n):  # jit: compiled
        try:
            s += 10.0 ** (i % 400)
        except OverflowError:
            errs += 1
    return errs, repr(s)

print(overflow_caught_each(4000))

def int_to_float_overflow(n):
    x = 1
    i = 0
    try:
        for i in range(n):
            x *= 10
            f = float(x)
    except OverflowError:
        return "OverflowError", i
    return "none", i

print(int_to_float_overflow(1000))

def true_div_big(n):
    x = 1
    s = 0.0
    for i in range(n):  # jit: compiled
        x *= 3
        s += x / (x + 1)
    return repr(s)

print(true_div_big(2000))
print(repr(1e308 + 1e308), repr(-1e308 * 10), repr(1e308 * 10 - 1e308 * 10), repr(2.0 ** 1023 * 2), repr(5e-324 / 2), repr(-5e-324 / 2))
for expr in ("10.0 ** 400", "10 ** 400 / 1", "float(10 ** 400)", "math.pow(1e200, 2)", "(1e200) ** 2", "int(math.inf)"):
    try:
        print(expr, repr(eval(expr)))
    except OverflowError:
        print(expr, "OverflowError")
