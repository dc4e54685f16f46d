# The messages of numeric errors, printed: CPython 3.11's words (RustPython
# follows 3.14, whose messages differ), raised by the interpreter and by
# loops that leave compiled code at the failing operation.
import math


def show(thunk):
    try:
        return repr(thunk())
    except Exception as e:
        return f"{type(e).__name__}: {e.args!r}"


def loop_until(i_bad, op):
    # Hot long before the failing iteration: the error comes from an exit.
    t = 0.0
    for i in range(3000):  # jit: compiled
        t += op(i - i_bad)
    return t


print(show(lambda: 1 // 0), show(lambda: 1 % 0), show(lambda: divmod(7, 0)), show(lambda: 1 / 0))
print(show(lambda: 1.0 / 0), show(lambda: 1.0 // 0), show(lambda: 1.0 % 0.0), show(lambda: divmod(1.0, 0.0)))
print(show(lambda: 1j / 0), show(lambda: 0j ** -1), show(lambda: 0.0 ** -1), show(lambda: 0 ** -2.5))
print(show(lambda: 10.0 ** 400), show(lambda: (-10.0) ** 401), show(lambda: math.pow(10, 400)), show(lambda: math.exp(1000)))
for name in ["sqrt", "log", "log10", "log2", "acos", "asin", "atanh", "sin", "cos", "tan", "gamma", "lgamma", "log1p", "acosh"]:
    f = getattr(math, name)
    print(name, show(lambda: f(-1.0)), show(lambda: f(float("inf"))), show(lambda: f(0.0)))
print(show(lambda: math.log(0, 10)), show(lambda: math.log(8, 1)), show(lambda: math.log(8, -2)))
print(show(lambda: max([])), show(lambda: min(())), show(lambda: [1, 2].index(5)), show(lambda: ["a"].index("b")))
print(show(lambda: [1].remove(3)))


def unpack(xs):
    a, b = xs
    return a + b


print(show(lambda: unpack([1, 2, 3])), show(lambda: unpack((1, 2, 3))), show(lambda: unpack({1: 2, 3: 4, 5: 6})))
print(show(lambda: loop_until(2000, lambda k: 1 // k)))  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
print(show(lambda: loop_until(2000, lambda k: 1 % k)))
print(show(lambda: loop_until(2000, lambda k: 1.0 / k)))
print(show(lambda: loop_until(2000, lambda k: 2.5 % k)))
print(show(lambda: loop_until(2000, lambda k: 2.5 // k)))
print(show(lambda: loop_until(2500, lambda k: math.sqrt(-k))))
print(show(lambda: loop_until(2500, lambda k: math.log(-k + 1))))
print(show(lambda: loop_until(2500, lambda k: 10.0 ** (k + 700))))


def int_loop():
    t = 0
    for i in range(3000):  # jit: compiled
        t += 7 // (2500 - i) + 7 % (2600 - i)
    return t


print(show(int_loop))
