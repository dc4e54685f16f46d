# Calls inlined into compiled loops with constant arguments: a branch on
# one is decided while recording, so a helper whose other branch returns
# another shape (an int or a tuple) still compiles; the same helper called
# with a variable from another site keeps both branches.


class Pos:
    __slots__ = ("x", "y", "z")

    def __init__(self):
        self.x = 0
        self.y = 0
        self.z = 0


P = Pos()


def where(ndim):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    x = P.x * 2 + 1
    if ndim == 1:
        return x
    y = P.y * 3
    if ndim == 2:
        return x, y
    return x, y, P.z


def scaled(v, mode="lin", k=2):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    if mode == "lin":
        return v * k
    if mode == "sq":
        return v * v
    return -v


def kernel1(out):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    out[0] += where(1)


def kernel2(out):
    x, y = where(2)
    out[1] += x - y


def kernel3(out):
    x, y, z = where(3)
    out[2] += x + y + z


def run(f, out, n):
    for i in range(n):  # jit: compiled
        P.x = i
        P.y = i % 7
        P.z = -i
        f(out)


def mixed(n):
    # One site with constants, one with a variable dimension.
    t = 0
    for i in range(n):  # jit: compiled
        P.x = i
        P.y = i + 1
        t += where(1) + scaled(i) + scaled(i, "sq") + scaled(i, mode="neg") + scaled(i, k=5)
        d = 1 + i % 3
        w = where(d)
        t += w if d == 1 else len(w)
    return t


def flags(n, verbose=False, limit=None):
    t = 0
    for i in range(n):  # jit: compiled
        if verbose:
            t += 100
        if limit is not None and i > limit:
            break
        t += i
    return t


out = [0, 0, 0]
for f in (kernel1, kernel2, kernel3):
    run(f, out, 3000)
print(out)
print(mixed(3000))
print(flags(3000), flags(3000, True), flags(3000, limit=1500), flags(3000, verbose=True, limit=10))
