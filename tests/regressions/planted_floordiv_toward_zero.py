# Found by tests/generated_programs.rs (PYJIT_PROPTEST_SEED=88344428631091, the
# default seed), shrunk, when a miscompile was planted on purpose: int `//`
# rounding toward zero in codegen (docs/testing.md, "Checking the harness").
# The plant is not in the code; the program is a regression test of negative
# floor division.
# What differed:
#   [pyjit --jit-threshold 1] stdout differs from python3: first difference at stdout line 1 (20 vs 19 bytes in all)
#           expected: "(0, 0, -1, 0, 0, 0)\n"
#           got:      "(0, 0, 0, 0, 0, 0)\n"

import math

NAN = float('nan')
INF = float('inf')


def h1(a, b):
    t = 0
    t = a
    if not (-10**6 <= t <= 10**6):
        t = t % 1000003
    return (a if a else a)


def f(p0, p1):
    v0 = (-0.0)
    v1 = 0
    v2 = 0
    v3 = 0
    i1 = 0
    while i1 < 13:
        i1 += 1
        p0 = h1(p0, v0)
        if not (-10**6 <= p0 <= 10**6):
            p0 = p0 % 1000003
    for i1 in range(13):
        for i2 in range(1):
            try:
                v0 = ((p0 if p0 else 1) // (-2))
            except (ZeroDivisionError, OverflowError, ValueError):
                v0 = 0
            if not (-10**6 <= v0 <= 10**6):
                v0 = v0 % 1000003
    return (p0, p1, v0, v1, v2, v3)


print(f(0, 0))
