# math domain/range errors raised in hot loops after many iterations, caught; prints exception types (messages vary by version).
import math

def run(fn, start, step, n):
    s = 0.0
    i = 0
    try:
        for i in range(n):  # jit: compiled
            s += fn(start - i * step)
    except (ValueError, OverflowError) as e:
        return type(e).__name__, i, repr(s)
    return "no error", i, repr(s)

print(run(math.sqrt, 5000.0, 1.0, 10000))
print(run(math.log, 3000.0, 1.0, 10000))
print(run(math.log10, 3000.5, 1.0, 10000))
print(run(math.log2, 4000.0, 1.0, 10000))
print(run(lambda x: math.exp(-x), 0.0, 0.25, 10000))
print(run(lambda x: math.pow(x, 0.5), 2000.0, 1.0, 10000))
print(run(lambda x: math.pow(10.0, -x), 0.0, 0.5, 10000))
print(run(lambda x: math.fmod(1.0, x), 3000.0, 1.0, 10000))
print(run(lambda x: math.log(x, 2.0), 2000.0, 1.0, 10000))  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
print(run(math.sin, 1e6, 1.0, 5000))

for expr in ("math.sqrt(-1)", "math.exp(1000)", "math.log(0)", "math.log(-1)", "math.pow(0.0, -1.0)",
             "math.pow(-8.0, 1.0 / 3)", "math.fmod(1.0, 0.0)", "math.fmod(math.inf, 1.0)", "math.log10(0.0)",
             "math.sin(math.inf)", "math.cos(-math.inf)", "math.tan(math.inf)", "math.exp(709.0)", "math.exp(710.0)",
             "math.floor(math.inf)", "math.floor(math.nan)", "math.ceil(-math.inf)", "math.trunc(math.nan)"):
    try:
        print(expr, repr(eval(expr)))
    except (ValueError, OverflowError) as e:
        print(expr, type(e).__name__)

def count_errors(n):
    bad = 0
    s = 0.0
    for i in range(n):  # jit: compiled
        x = (i % 17) - 3.0
        try:
            s += math.sqrt(x) + math.log(x + 1.0)
        except ValueError:
            bad += 1
    return bad, repr(s)

print(count_errors(17000))
