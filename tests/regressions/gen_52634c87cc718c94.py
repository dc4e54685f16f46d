# Found by tests/generated_programs.rs (PYJIT_PROPTEST_SEED=9191), shrunk.
# What differed:
#   (python3 and --no-jit differ too: [pyjit --no-jit] stdout differs from python3: first difference at stdout line 1 (1877 vs 1843 bytes in all)
#           expected: "(1.7976931348623157e+308, np.int64(1), -4611686018427387904, -1.0, 1.0, np.int64(16), 1.7976931348623157e+308, 1.5, 0, [0, 0, 0, 0], [0, 1, 2, 3], [-inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf..."
#           got:      "(1.7976931348623157e+308, 1, -4611686018427387904, -1.0, 1.0, np.int64(16), 1.7976931348623157e+308, 1.5, 0, [0, 0, 0, 0], [0, 1, 2, 3], [-inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -i...")
#   [pyjit --jit-threshold 1] stdout differs from pyjit --no-jit: first difference at stdout line 1 (1843 vs 1853 bytes in all)
#           expected: "(1.7976931348623157e+308, 1, -4611686018427387904, -1.0, 1.0, np.int64(16), 1.7976931348623157e+308, 1.5, 0, [0, 0, 0, 0], [0, 1, 2, 3], [-inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -i..."
#           got:      "(1.7976931348623157e+308, np.int64(1), -4611686018427387904, -1.0, 1.0, np.int64(16), 1.7976931348623157e+308, 1.5, 0, [0, 0, 0, 0], [0, 1, 2, 3], [-inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf..."

import math
import numpy as np

NAN = float('nan')
INF = float('inf')


class P:
    def __init__(self, a, b):
        self.a = a
        self.b = b
        self.n = 0

    def m(self, x):
        self.n += 1
        self.a = self.a * 0.5 + x
        self.b += 1
        return self.n + 1000 // (self.b % 5 - 2) + int(x)


def r1(d, x):
    if d <= 0:
        return ((2.0 - d) - (math.floor(x) if x - x == 0 else -1))
    return (r1(d - 1, math.sin(0.5 % 6.25)) - (float(x) - (d / x if x != 0 and (d or x > 0) else 1.0)))


def h3(a, b=2, c=1):
    if a > c:
        return a + b
    return b - c


def f(p0, p1):
    v0 = 2.0
    v1 = 4.611686018427388e+18
    v2 = (-INF)
    v3 = 11
    a1 = np.arange(10) * 3 - 11
    l0 = [i * 0.5 - 3.0 for i in range(11)]
    l3 = [2**62 - i for i in range(4)] + [-2**62, 5]
    l4 = [0.5, -0.0, 0.0, 1e308, 1e308, INF, -2.5, NAN]
    m0 = [[j * 1.5 - i for j in range(4)] for i in range(5)]
    o0 = P(p0, 1.5)
    ps = [P(i, i * 0.5) for i in range(4)]
    n0 = [v2]
    rows = []
    t1 = (v0, v0 * 2)
    w0 = (-8)

    def g2(x):
        return x + w0

    for i1 in range(1):
        if ((v2 ** 2 if abs(v2) < 1e100 else v2) > p0):
            try:
                v0, v0 = divmod(math.sqrt(abs(p1)), ((-8) < (i1 if v0 else (v0 // v1 if v1 != 0 else (-1)))))
            except (ZeroDivisionError, OverflowError, ValueError):
                v0, v0 = 0, 1
            if not (-10**6 <= v0 <= 10**6):
                v0 = v0 % 97
            if not (-2**64 <= v0 <= 2**64):
                v0 = v0 % 7.5
        elif 0.1:
            v3 = ((p1 - i1) - float(p0))
            if not (-2**40 <= v3 <= 2**40):
                v3 = v3 % 1000003
            if (r1(6, (not (v3 > i1 <= v0))) != round(((-7.5) > v1), 1)):
                try:
                    v1, v0 = divmod((9 + 8), ((-INF) - h3(p1)))
                except (ZeroDivisionError, OverflowError, ValueError):
                    v1, v0 = 0, 1
                if not (-2**62 <= v1 <= 2**62):
                    v1 = v1 % 2**61
                if not (-2**31 <= v0 <= 2**31):
                    v0 = v0 % (-13)
            elif ((round(0.1) if 0.1 - 0.1 == 0 else -3) < 1.7976931348623157e+308 == ((-2) + v2)):
                i2 = 0
                while i2 < 25:
                    i2 += 1
                    v3 = (g2(i1) >= (i1 if v1 else p1))
                    if not (-2**31 <= v3 <= 2**31):
                        v3 = v3 % 7.5
            else:
                break
            for i2 in range(-3, 3):
                for i3 in range(4611686018427387886, 4611686018427387896):
                    v2 = ((i1 / v1 if v1 != 0 and (i1 or v1 > 0) else (-1)) / r1(10, 1e10) if r1(10, 1e10) != 0 and ((i1 / v1 if v1 != 0 and (i1 or v1 > 0) else (-1)) or r1(10, 1e10) > 0) else 0.0)
                    if not (-2**31 <= v2 <= 2**31):
                        v2 = v2 % 7.5
                    if len(n0) < 12:
                        n0 = n0 * 2
                else:
                    try:
                        v0 = a1[(-1 - i1)]
                    except IndexError:
                        v0 = -1
                    if not (-(2**63 - 1) <= v0 <= (2**63 - 1)):
                        v0 = v0 % (-13)
                for i3 in range(-9, -16, -1):
                    if i3 == 33:
                        v0 = float(v0)
                    try:
                        a1[(i1 + 2)] = ((v3 - v3) - 0.1)
                    except (IndexError, OverflowError, ValueError, TypeError):
                        pass
                else:
                    try:
                        v3 = a1[(i2 - 3)]
                    except IndexError:
                        v3 = -1
                    if not (-(2**63 - 1) <= v3 <= (2**63 - 1)):
                        v3 = v3 % 7.5
            else:
                i2 = 10
                while i2 > 0:
                    i2 -= 1
                    try:
                        v0 = l3[(i2 - 2)]
                    except IndexError:
                        v0 = -1
                    if not (-(2**63 - 1) <= v0 <= (2**63 - 1)):
                        v0 = v0 % 1000003
                    v2 = (i1 - (v3 and i2))
                    if not (-2**53 <= v2 <= 2**53):
                        v2 = v2 % 7.5
                i2 = 4
                while i2 > 0:
                    i2 -= 1
                    p1 += (v3 > max(m0[-1]))
                    if not (-(2**63 - 1) <= p1 <= (2**63 - 1)):
                        p1 = p1 % (-13)
                    v2 = float((v0 // v0 if v0 != 0 else 0))
                    if not (-2**62 <= v2 <= 2**62):
                        v2 = v2 % 7.5
        elif (0.0 % (2.0 % 1.5 if 1.5 != 0 else (-1)) if (2.0 % 1.5 if 1.5 != 0 else (-1)) != 0 else 1.0):
            break
        else:
            for i2 in range(i1 % 4):
                for i3 in range(2, 18, 3):
                    try:
                        l0[i1] = ((-2.25) % i2 if i2 != 0 else (-1))
                    except (IndexError, OverflowError, ValueError, TypeError):
                        pass
                    p0 += ((1.5 % v3 if v3 != 0 else 0) >= i3)
                    if not (-10**6 <= p0 <= 10**6):
                        p0 = p0 % (-13)
                else:
                    try:
                        v2 = o0.m((v0 + v2))
                    except (ZeroDivisionError, OverflowError, ValueError, TypeError):
                        v2 = -2
                    if not (-2**62 <= v2 <= 2**62):
                        v2 = v2 % 97
                if ((not 0.5) > math.sqrt(abs((v0 // i1 if i1 != 0 else (-1))))):
                    v2 = o0.n
                    if not (-(2**63 - 1) <= v2 <= (2**63 - 1)):
                        v2 = v2 % 97
                elif (int(v1) if v1 - v1 == 0 else -2):
                    try:
                        l4[(i2 % 4)] = (r1(5, (-3)) / i2 if i2 != 0 and (r1(5, (-3)) or i2 > 0) else 1.0)
                    except (IndexError, OverflowError, ValueError, TypeError):
                        pass
                elif (1e-3 / v0 if v0 != 0 and (1e-3 or v0 > 0) else (-1)):
                    try:
                        v3 = o0.m(r1((i2 % 9), v2))
                    except (ZeroDivisionError, OverflowError, ValueError, TypeError):
                        v3 = -2
                    if not (-2**62 <= v3 <= 2**62):
                        v3 = v3 % 97
            try:
                for q in ps:
                    v2 = q.m((p0 * math.hypot(i1, p0)))
            except (ZeroDivisionError, OverflowError, ValueError, TypeError):
                v2 = -2
            if not (-2**62 <= v2 <= 2**62):
                v2 = v2 % 97
            v0 = t1[i1 // 1500]
            if not (-2**53 <= v0 <= 2**53):
                v0 = v0 % 97
    return (p0, p1, v0, v1, v2, v3, o0.a, o0.b, o0.n, [q.n for q in ps], [q.a for q in ps], n0, rows, t1, w0, a1.tolist(), l0, l3, l4, m0)


try:
    print(f(1.7976931348623157e+308, (-3)))
except (ZeroDivisionError, OverflowError, ValueError) as e:
    print('caught', type(e).__name__)
try:
    print(f((-2.25), 1.7976931348623157e+308))
except (ZeroDivisionError, OverflowError, ValueError) as e:
    print('caught', type(e).__name__)
print(f(1.5, INF))
