# Floor division of float constants, folded by the compiler: a zero
# remainder gave a zero quotient (`10.0 // 2` was 0.0) until the
# rustpython-codegen patch; the same divisions on variables, compiled.
print(10.0 // 2, 8.0 // 1, (-8.0) // 1, 7.0 // 1, -7.1e15 // 1, 0.0 // 5, -0.0 // 5, 0.0 // -5)
print(9.0 // 2, -9.0 // 2, 10 // 2.0, -10 // 2.0, 5.5 // 0.5, -3.0 // 3, 3.0 // -3, 1e16 // 1.0)
print(divmod(10.0, 2), 10.0 % 2, -10.0 % 2, divmod(-7.5, 2.5))


def run(n):
    t = 0.0
    for i in range(n):  # jit: compiled
        x = float(i - n // 2)
        t += x // 2 + x // 1 + x // -4.0 + (x * 1e12) // 1
    return t


print(run(3000))

# int / int of constants past 2**53: not folded through floats (that
# rounds twice); the runtime's division is exact, as CPython's.
print(repr(3037000499 / (2**53 + 1)), repr(1 / (2**53 + 1)), repr((2**53 + 1) / 3), repr(10**30 / 7), repr(-(2**60 + 1) / 3))
print(repr(7 / 3), repr(-1 / 3), repr(2**53 / 3), repr(0 / -5))
