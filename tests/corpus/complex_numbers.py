# Complex numbers in compiled loops, kept as two floats and made only at
# exits: the escape-time fractal of Numba's examples, mixed arithmetic with
# ints and floats, division (both branches of the larger-part method, a
# zero divisor), abs, comparisons, truth, .real and .imag, complex(),
# complex constants and complex values live at entry and at exits.


def mandel(x, y, max_iters):  # jit: compiled
    c = complex(x, y)
    z = 0.0j
    for i in range(max_iters):  # jit: compiled
        z = z * z + c
        if (z.real * z.real + z.imag * z.imag) >= 4:
            return i
    return 255


def fractal(w, h, iters):
    total = 0
    for px in range(w):  # jit: compiled
        real = -2.0 + px * 3.0 / w
        for py in range(h):  # jit: compiled
            imag = -1.0 + py * 2.0 / h
            total += mandel(real, imag, iters)
    return total


print(fractal(120, 80, 40))


def julia(n):
    c = -0.8 + 0.156j
    inside = 0
    for k in range(n):  # jit: compiled
        z = complex((k % 61) / 30.0 - 1.0, (k // 61) / 30.0 - 1.0)
        for _ in range(30):  # jit: compiled
            if abs(z) > 2.0:
                break
            z = z * z + c
        else:
            inside += 1
    return inside


print(julia(61 * 61))


def ops(n):
    z = 1 + 2j
    acc = 0j
    k = 0
    for i in range(n):  # jit: compiled
        w = complex(i, -1.5) / (z + i)
        acc += w * w - 1j * i + 0.5 / (w + 2) - (3 + 4j) / 7
        acc -= 2 * w - w / (0.25 + 3j) + (w - 1) * 3.5
        if abs(w) > 0.5:
            k += 1
        if w == 1 or w != w or w == (1 + 0j):
            k -= 1
        acc = acc / 1.0001
    return acc, k, -acc, acc.real, acc.imag, bool(acc), abs(acc)


print(ops(5000))


def divisions(n):
    s = 0j
    for i in range(1, n):  # jit: compiled
        a = complex(i % 7 - 3, i % 5 - 2)
        b = complex(i % 3 + 0.5, i % 11 - 5)
        s += a / b + (i % 4 + 1) / b + a / (i % 9 + 1)
    return s


print(divisions(4000))


def zero_divisor(n):
    s = 0j
    try:
        for i in range(n):  # jit: compiled
            s += (2 + 1j) / complex(n // 2 - i, 0)
    except ZeroDivisionError:
        print("ZeroDivisionError at", s)
    return s


print(zero_divisor(3000))


def truth_and_types(n):
    out = []
    z = 0j
    for i in range(n):  # jit: compiled
        z = z + complex(0, 1) if i % 2 else z - 1j
        if not z:
            out.append(i)
    return out[:5], z, complex(2), complex(True), complex(3, 4.5), complex(z)


print(truth_and_types(3001))


def exit_in_the_middle(n):
    z = 0.5 + 0.5j
    t = 0j
    for i in range(n):  # jit: compiled
        t += z * i
        if i == 1234:
            print("at", i, t, z, (z, t))
        z = z * (0.999 + 0.001j)
    return t, z


print(exit_in_the_middle(3000))
