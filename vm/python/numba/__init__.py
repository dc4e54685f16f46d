"""numba, as pyjit runs it: pyjit compiles hot loops of the whole program,
so numba's decorators only return the function they decorate. Scripts
written for numba run unchanged."""

__version__ = "0.60.0"


def _decorator(*args, **kwargs):
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return args[0]
    return lambda f: f


jit = njit = generated_jit = cfunc = _decorator


def vectorize(*args, **kwargs):
    import numpy as np

    def wrap(f):
        def ufunc(*xs):
            arrays = [np.asarray(x) for x in xs]
            if all(a.ndim == 0 for a in arrays):
                return f(*xs)
            shape = arrays[0].shape
            b = [a * np.ones(shape) if a.shape != shape else a for a in arrays]
            flat = [a.ravel() for a in b]
            out = [f(*[a[i] for a in flat]) for i in range(len(flat[0]))]
            return np.array(out).reshape(shape)
        return ufunc

    if len(args) == 1 and callable(args[0]) and not kwargs:
        return wrap(args[0])
    return wrap


prange = range


def objmode(**kwargs):
    import contextlib
    return contextlib.nullcontext()


class _Type:
    """A numba type in a signature (float64(float64), float64[:]): inert."""

    def __init__(self, name):
        self.name = name

    def __call__(self, *args):
        # float32(0.5) casts a number (as numba does, in kernels too);
        # float64(float64, int32) is a signature.
        if len(args) == 1 and not isinstance(args[0], _Type):
            return self.np_type()(args[0])
        return self

    def np_type(self):
        """The numpy scalar type of the same name (np.float32)."""
        import numpy as np

        return getattr(np, {"boolean": "bool_", "intp": "int64", "uintp": "uint64"}.get(self.name, self.name))

    def __getitem__(self, index):
        return self

    def __repr__(self):
        return self.name


class _Types:
    def __getattr__(self, name):
        return _Type(name)


types = _Types()
for _n in ("float64", "float32", "int64", "int32", "int8", "uint8", "boolean", "void", "intp", "complex128"):
    globals()[_n] = _Type(_n)
