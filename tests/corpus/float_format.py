# Printing floats from hot loops with repr, str, %-formatting and f-string specs (.17g, .3f, e, %, g).

def values(n):
    out = []
    x = 1.0
    for i in range(n):  # jit: compiled
        x = x * 1.37 + 0.1
        if x > 1e6:
            x = x / 1e6 - 0.5
        out.append(x)
    return out

vs = values(5000)
for v in vs[::250]:
    print(repr(v), str(v), f"{v:.17g}", f"{v:.3f}", f"{v:e}", f"{v:g}", "%r %.10f %10.4e" % (v, v, v))

specials = [0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15, 123456789012345678.0, 1e-5, 1e-4, 5e-324,
            1.7976931348623157e308, -0.0, 2.5, 3.5, 0.125, 1e22, 1e23, 9007199254740993.0, 100.0, 0.3]
for v in specials:
    print(repr(v), f"{v:.17g}", f"{v:.0f}", f"{v:.1f}", f"{v:+.2e}", format(v, ".12g"), "%s" % v)

def accumulate_print(n):
    s = 0.0
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        s += 1.0 / (i + 1) ** 2
        if i % 997 == 0:
            print(i, repr(s), f"{s:.17g}", f"{s:.4%}")
    return s

print(repr(accumulate_print(20000)))
print(f"{1e100:.17g} {2.0**-1074:.17g} {float(2**63):.17g} {float(2**53 + 1):.17g} {1/7:.30f}")
