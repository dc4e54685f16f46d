"""numba.cuda, as pyjit runs it: kernels run on the CPU, one CUDA thread
after another, with the thread and block indices set for each (what
numba's own simulator, NUMBA_ENABLE_CUDASIM=1, does with one Python thread
per CUDA thread). The launch loop is an ordinary hot loop, so pyjit
compiles it with the kernel inlined. A kernel that waits at
`cuda.syncthreads()` runs as a generator per thread (the barrier becomes a
`yield`), and the threads of a block take turns between barriers. Device
arrays are numpy arrays behind a small wrapper; kernels get the arrays
themselves. Scripts written for numba.cuda run unchanged and give the
answers numba's simulator gives."""

import math as _math

import numpy as _np

from . import random  # noqa: F401  (numba.cuda.random)


class CudaSupportError(RuntimeError):
    pass


class Dim3:
    """threadIdx, blockIdx, blockDim, gridDim: x, y, z."""

    __slots__ = ("x", "y", "z")

    def __init__(self, x=1, y=1, z=1):
        self.x = x
        self.y = y
        self.z = z

    def __iter__(self):
        return iter((self.x, self.y, self.z))

    def __repr__(self):
        return f"Dim3({self.x}, {self.y}, {self.z})"


threadIdx = Dim3(0, 0, 0)
blockIdx = Dim3(0, 0, 0)
blockDim = Dim3(1, 1, 1)
gridDim = Dim3(1, 1, 1)
warpsize = 32


def grid(ndim):
    """The absolute position of the current thread in the grid."""
    x = blockIdx.x * blockDim.x + threadIdx.x
    if ndim == 1:
        return x
    y = blockIdx.y * blockDim.y + threadIdx.y
    if ndim == 2:
        return x, y
    return x, y, blockIdx.z * blockDim.z + threadIdx.z


def gridsize(ndim):
    """The number of threads in the grid along each dimension."""
    x = blockDim.x * gridDim.x
    if ndim == 1:
        return x
    y = blockDim.y * gridDim.y
    if ndim == 2:
        return x, y
    return x, y, blockDim.z * gridDim.z


def __getattr__(name):
    # cuda.laneid: the thread's lane in its warp, read like an attribute.
    if name == "laneid":
        t = threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z)
        return t % warpsize
    raise AttributeError(f"module 'numba.cuda' has no attribute {name!r}")


def _dtype(d):
    """A numpy dtype for numba's type objects (numba.float32) too."""
    from .. import _Type

    return d.np_type() if isinstance(d, _Type) else d


class _Shared:
    """cuda.shared.array: one array per block for each call, told apart by
    its order among the thread's calls (`k`; every thread makes the same
    ones). Size 0 is the launch's dynamic shared memory."""

    def __init__(self):
        self.arrays = []
        self.k = 0
        self.dynamic = 0

    def array(self, shape, dtype):
        dtype = _dtype(dtype)
        if shape == 0:
            shape = self.dynamic // _np.dtype(dtype).itemsize
        k = self.k
        self.k = k + 1
        if k == len(self.arrays):
            self.arrays.append(_np.zeros(shape, dtype=dtype))
        return self.arrays[k]

    def new_block(self):
        self.arrays = []
        self.k = 0


shared = _Shared()


class _Local:
    @staticmethod
    def array(shape, dtype):
        return _np.zeros(shape, dtype=_dtype(dtype))


local = _Local()


class _Const:
    @staticmethod
    def array_like(ary):
        return ary


const = _Const()


class _Atomic:
    """Atomic operations: each returns the old value (threads run one at a
    time, so the update is atomic)."""

    @staticmethod
    def add(ary, idx, val):
        old = ary[idx]
        ary[idx] = old + val
        return old

    @staticmethod
    def sub(ary, idx, val):
        old = ary[idx]
        ary[idx] = old - val
        return old

    @staticmethod
    def and_(ary, idx, val):
        old = ary[idx]
        ary[idx] = old & val
        return old

    @staticmethod
    def or_(ary, idx, val):
        old = ary[idx]
        ary[idx] = old | val
        return old

    @staticmethod
    def xor(ary, idx, val):
        old = ary[idx]
        ary[idx] = old ^ val
        return old

    @staticmethod
    def inc(ary, idx, val):
        old = ary[idx]
        ary[idx] = 0 if old >= val else old + 1
        return old

    @staticmethod
    def dec(ary, idx, val):
        old = ary[idx]
        ary[idx] = val if (old == 0 or old > val) else old - 1
        return old

    @staticmethod
    def exch(ary, idx, val):
        old = ary[idx]
        ary[idx] = val
        return old

    @staticmethod
    def max(ary, idx, val):
        old = ary[idx]
        ary[idx] = max(old, val)
        return old

    @staticmethod
    def min(ary, idx, val):
        old = ary[idx]
        ary[idx] = min(old, val)
        return old

    @staticmethod
    def nanmax(ary, idx, val):
        old = ary[idx]
        ary[idx] = _np.nanmax(_np.array([old, val]))
        return old

    @staticmethod
    def nanmin(ary, idx, val):
        old = ary[idx]
        ary[idx] = _np.nanmin(_np.array([old, val]))
        return old

    @staticmethod
    def compare_and_swap(ary, old, val):
        cur = ary[0]
        if cur == old:
            ary[0] = val
        return cur

    @staticmethod
    def cas(ary, idx, old, val):
        cur = ary[idx]
        if cur == old:
            ary[idx] = val
        return cur


atomic = _Atomic()


# Barriers outside a kernel that waits at them (a device function's own
# syncthreads, or a kernel run thread by thread) have nothing to wait for.
def syncthreads():
    pass


def syncthreads_count(predicate):
    raise CudaSupportError("pyjit: cuda.syncthreads_count() must be called in the kernel itself")


def syncthreads_and(predicate):
    raise CudaSupportError("pyjit: cuda.syncthreads_and() must be called in the kernel itself")


def syncthreads_or(predicate):
    raise CudaSupportError("pyjit: cuda.syncthreads_or() must be called in the kernel itself")


def syncwarp(mask=0xFFFFFFFF):
    pass


def threadfence():
    pass


def threadfence_block():
    pass


def threadfence_system():
    pass


def fma(a, b, c):
    return a * b + c


# Bit operations as numba's simulator computes them (on the Python int:
# popc of a negative number counts its magnitude's bits).
def popc(x):
    return bin(int(x)).count("1")


def brev(x):
    return int("{:032b}".format(int(x))[::-1], 2)


def clz(x):
    s = "{:032b}".format(int(x))
    return len(s) - len(s.lstrip("0"))


def ffs(x):
    s = "{:032b}".format(int(x))
    return (len(s) - len(s.rstrip("0")) + 1) % 33


def selp(cond, a, b):
    return a if cond else b


def cbrt(x):
    return x ** (1 / 3)


# Device arrays -------------------------------------------------------------


class DeviceNDArray:
    """An array "on the device": a numpy array the kernels get as it is."""

    def __init__(self, ary):
        self._ary = ary

    @property
    def shape(self):
        return self._ary.shape

    @property
    def dtype(self):
        return self._ary.dtype

    @property
    def size(self):
        return self._ary.size

    @property
    def ndim(self):
        return self._ary.ndim

    @property
    def strides(self):
        return self._ary.strides

    @property
    def nbytes(self):
        return self._ary.nbytes

    @property
    def T(self):
        return DeviceNDArray(self._ary.T)

    def __len__(self):
        return len(self._ary)

    def __getitem__(self, key):
        r = self._ary[key]
        return DeviceNDArray(r) if isinstance(r, _np.ndarray) else r

    def __setitem__(self, key, value):
        self._ary[key] = _host(value)

    def __repr__(self):
        return f"<pyjit DeviceNDArray shape={self.shape} dtype={self.dtype}>"

    def copy_to_host(self, ary=None, stream=0):
        if ary is None:
            return self._ary.copy()
        ary[...] = self._ary
        return ary

    def copy_to_device(self, ary, stream=0):
        self._ary[...] = _host(ary)

    def reshape(self, *shape, **kwargs):
        return DeviceNDArray(self._ary.reshape(*shape))

    def ravel(self, order="C", stream=0):
        return DeviceNDArray(self._ary.ravel())

    def is_c_contiguous(self):
        return True

    def is_f_contiguous(self):
        return self._ary.ndim <= 1

    def split(self, section, stream=0):
        n = len(self._ary)
        return [DeviceNDArray(self._ary[i:i + section]) for i in range(0, n, section)]

    def get_ipc_handle(self):
        raise CudaSupportError("pyjit: IPC handles need a real device")


def _host(x):
    return x._ary if isinstance(x, DeviceNDArray) else x


def to_device(obj, stream=0, copy=True, to=None):
    a = _np.array(_host(obj), copy=True)
    if to is not None:
        to.copy_to_device(a)
        return to
    return DeviceNDArray(a)


def device_array(shape, dtype=_np.float64, strides=None, order="C", stream=0):
    return DeviceNDArray(_np.zeros(shape, dtype=_dtype(dtype)))


def device_array_like(ary, stream=0):
    return DeviceNDArray(_np.zeros(ary.shape, dtype=ary.dtype))


def pinned_array(shape, dtype=_np.float64, strides=None, order="C"):
    return _np.zeros(shape, dtype=_dtype(dtype))


def pinned_array_like(ary):
    return _np.zeros(ary.shape, dtype=ary.dtype)


mapped_array = pinned_array
managed_array = pinned_array


def mapped_array_like(ary, stream=0, portable=False, wc=False):
    return _np.zeros(ary.shape, dtype=ary.dtype)


def as_cuda_array(obj, sync=True):
    return obj if isinstance(obj, DeviceNDArray) else DeviceNDArray(obj)


def is_cuda_array(obj):
    return isinstance(obj, DeviceNDArray)


class _NullContext:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def pinned(*arylist):
    return _NullContext()


def mapped(*arylist, **kws):
    return _NullContext()


# Device, streams, events ----------------------------------------------------


class Stream:
    def synchronize(self):
        pass

    def auto_synchronize(self):
        return _NullContext()


def stream():
    return Stream()


def default_stream():
    return Stream()


def per_thread_default_stream():
    return Stream()


def legacy_default_stream():
    return Stream()


class Event:
    def __init__(self, timing=True):
        self._t = None

    def record(self, stream=0):
        import time

        self._t = time.perf_counter()

    def wait(self, stream=0):
        pass

    def synchronize(self):
        pass

    def query(self):
        return True

    def elapsed_time(self, evtend):
        return (evtend._t - self._t) * 1000.0


def event(timing=True):
    return Event(timing)


event_elapsed_time = Event.elapsed_time


class _Device:
    id = 0
    name = b"pyjit CPU simulator"
    compute_capability = (5, 2)  # what numba's simulator reports
    MAX_THREADS_PER_BLOCK = 1024
    MAX_BLOCK_DIM_X = 1024
    MAX_BLOCK_DIM_Y = 1024
    MAX_BLOCK_DIM_Z = 64
    MAX_GRID_DIM_X = 2147483647
    MAX_GRID_DIM_Y = 65535
    MAX_GRID_DIM_Z = 65535
    MAX_SHARED_MEMORY_PER_BLOCK = 49152
    WARP_SIZE = 32
    MULTIPROCESSOR_COUNT = 1
    uuid = "GPU-00000000-0000-0000-0000-000000000000"

    def reset(self):
        pass

    def get_primary_context(self):
        return self

    @property
    def device(self):
        return self

    def get_memory_info(self):
        # Host memory stands for the device's; numba's simulator says
        # infinite too.
        import collections

        return collections.namedtuple("MemoryInfo", "free total")(float("inf"), float("inf"))


def get_current_device():
    return _Device()


def select_device(device_id=0):
    return _Device()


def list_devices():
    return [_Device()]


gpus = [_Device()]


def current_context(devnum=0):
    return _Device()


def synchronize():
    pass


def close():
    pass


def is_available():
    return True


def is_supported_version():
    return True


def detect():
    # What numba's simulator prints.
    print("Found 1 CUDA devices")
    print("id %d    %20s %40s" % (0, "SIMULATOR", "[SUPPORTED]"))
    print("%40s: 5.0" % "compute capability")


def defer_cleanup():
    return _NullContext()


def profile_start():
    pass


def profile_stop():
    pass


def profiling():
    return _NullContext()


# Kernels ----------------------------------------------------------------------


def _dims(d):
    if isinstance(d, Dim3):
        return d.x, d.y, d.z
    if isinstance(d, (tuple, list)):
        d = tuple(int(v) for v in d) + (1, 1)
        return d[0], d[1], d[2]
    return int(d), 1, 1


_BARRIERS = ("syncthreads", "syncthreads_count", "syncthreads_and", "syncthreads_or")


def _uses_barrier(func):
    code = func.__code__
    return any(n in code.co_names for n in _BARRIERS)


def _as_generator(func):
    """The kernel with each `syncthreads*()` call a `yield`: a statement
    `cuda.syncthreads()` becomes `yield None`, `x = cuda.syncthreads_count(p)`
    `x = yield ("count", p)` (the block's answer is sent back)."""
    import ast
    import inspect
    import textwrap

    try:
        lines, first = inspect.getsourcelines(func)
    except (OSError, TypeError) as e:
        raise CudaSupportError(f"pyjit: a kernel that calls cuda.syncthreads() needs its source: {e}")
    tree = ast.parse(textwrap.dedent("".join(lines)))
    ast.increment_lineno(tree, first - 1)
    fdef = tree.body[0]
    fdef.decorator_list = []

    def barrier_kind(node):
        if not isinstance(node, ast.Call):
            return None
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
        return name if name in _BARRIERS else None

    class Rewrite(ast.NodeTransformer):
        def visit_FunctionDef(self, node):
            # Nested functions keep their own calls.
            return node if node is not fdef else self.generic_visit(node)

        def visit_Call(self, node):
            self.generic_visit(node)
            kind = barrier_kind(node)
            if kind is None:
                return node
            what = kind[len("syncthreads_"):] if kind != "syncthreads" else None
            arg = node.args[0] if node.args else ast.Constant(None)
            payload = ast.Tuple([ast.Constant(what), arg], ast.Load()) if what else ast.Constant(None)
            return ast.copy_location(ast.Yield(payload), node)

    fdef.body = [Rewrite().visit(s) for s in fdef.body]
    # A generator even if no barrier is reached on some path.
    fdef.body.append(ast.If(ast.Constant(False), [ast.Expr(ast.Yield(None))], []))
    ast.fix_missing_locations(tree)
    if func.__code__.co_freevars:
        raise CudaSupportError("pyjit: a kernel that calls cuda.syncthreads() cannot be a closure")
    ns = {}
    exec(compile(tree, func.__code__.co_filename, "exec"), func.__globals__, ns)
    return ns[fdef.name]


def _barrier_answer(kind, values):
    if kind is None:
        return None
    if kind == "count":
        return sum(1 for v in values if v)
    if kind == "and":
        return int(all(values))
    return int(any(values))


class Kernel:
    """A `@cuda.jit` kernel: `kernel[griddim, blockdim](args...)` runs it."""

    def __init__(self, func):
        self.py_func = func
        self.__name__ = getattr(func, "__name__", "kernel")
        self.__doc__ = getattr(func, "__doc__", None)
        self._gen = None

    def __getitem__(self, config):
        if not isinstance(config, tuple) or len(config) < 2:
            raise ValueError("must specify at least the griddim and blockdim")
        griddim, blockdim = config[0], config[1]
        dynamic = int(config[3]) if len(config) > 3 else 0
        return lambda *args: self._launch(griddim, blockdim, args, dynamic)

    def __call__(self, *args):
        raise ValueError("pyjit: a kernel is launched as kernel[blocks, threads](...)")

    def forall(self, ntasks, tpb=0, stream=0, sharedmem=0):
        tpb = tpb or 128
        blocks = (ntasks + tpb - 1) // tpb
        return lambda *args: self._launch(blocks, tpb, args)

    def specialize(self, *args):
        return self

    def compile(self, sig):
        return self

    @property
    def overloads(self):
        return {}

    def _launch(self, griddim, blockdim, args, dynamic=0):
        gx, gy, gz = _dims(griddim)
        bx, by, bz = _dims(blockdim)
        if min(gx, gy, gz, bx, by, bz) < 1:
            raise ValueError("pyjit: grid and block dimensions must be positive")
        args = tuple(_host(a) for a in args)
        shared.dynamic = dynamic
        gridDim.x, gridDim.y, gridDim.z = gx, gy, gz
        blockDim.x, blockDim.y, blockDim.z = bx, by, bz
        try:
            if _uses_barrier(self.py_func):
                if self._gen is None:
                    self._gen = _as_generator(self.py_func)
                self._run_in_turns(args)
            else:
                _run_in_order(self.py_func, args)
        finally:
            threadIdx.x = threadIdx.y = threadIdx.z = 0
            blockIdx.x = blockIdx.y = blockIdx.z = 0

    def _run_in_turns(self, args):
        gx, gy, gz = gridDim.x, gridDim.y, gridDim.z
        bx, by, bz = blockDim.x, blockDim.y, blockDim.z
        threads = [(x, y, z) for z in range(bz) for y in range(by) for x in range(bx)]
        for cz in range(gz):
            for cy in range(gy):
                for cx in range(gx):
                    blockIdx.x, blockIdx.y, blockIdx.z = cx, cy, cz
                    shared.new_block()
                    live = {t: None for t in range(len(threads))}
                    sent = {t: None for t in range(len(threads))}
                    ks = {t: 0 for t in range(len(threads))}
                    gens = {}
                    while live:
                        waiting = {}
                        for t in list(live):
                            x, y, z = threads[t]
                            threadIdx.x, threadIdx.y, threadIdx.z = x, y, z
                            shared.k = ks[t]
                            try:
                                if t not in gens:
                                    gens[t] = self._gen(*args)
                                    got = next(gens[t])
                                else:
                                    got = gens[t].send(sent[t])
                                waiting[t] = got
                            except StopIteration:
                                del live[t]
                            ks[t] = shared.k
                        # Everyone still running waits at a barrier: answer it.
                        kinds = [w[0] if isinstance(w, tuple) else None for w in waiting.values()]
                        kind = kinds[0] if kinds else None
                        values = [w[1] for w in waiting.values() if isinstance(w, tuple)]
                        answer = _barrier_answer(kind, values)
                        for t in waiting:
                            sent[t] = answer


# One launch loop per number of kernel arguments (made on first use), so
# the kernel call in the inner loop passes plain arguments: pyjit compiles
# the two loops (blocks, threads; x fastest) with the kernel inlined.
_ORDER_SOURCE = """
def run(f, {params}):
    gx = gridDim.x
    gy = gridDim.y
    bx = blockDim.x
    by = blockDim.y
    nthreads = bx * by * blockDim.z
    for cb in range(gx * gy * gridDim.z):
        blockIdx.x = cb % gx
        blockIdx.y = cb // gx % gy
        blockIdx.z = cb // gx // gy
        shared.new_block()
        for t in range(nthreads):
            threadIdx.x = t % bx
            threadIdx.y = t // bx % by
            threadIdx.z = t // bx // by
            shared.k = 0
            f({params})
"""
_orders = {}


def _run_in_order(f, args):
    """Every thread of every block, one after another."""
    n = len(args)
    run = _orders.get(n)
    if run is None:
        params = ", ".join(f"a{i}" for i in range(n))
        ns = {}
        exec(compile(_ORDER_SOURCE.format(params=params), "<numba.cuda launch>", "exec"), globals(), ns)
        run = _orders[n] = ns["run"]
    run(f, *args)


def jit(func_or_sig=None, device=False, **kwargs):
    """`@cuda.jit`, `@cuda.jit(sig)`, `@cuda.jit(device=True)`: a kernel
    (or, with device=True, the function itself, called from kernels)."""

    def wrap(f):
        return f if device else Kernel(f)

    if callable(func_or_sig) and not isinstance(func_or_sig, (str, tuple, list)):
        return wrap(func_or_sig)
    return wrap


def declare_device(name, sig):
    raise CudaSupportError("pyjit: cuda.declare_device links external code, which needs a real device")


class Reduce:
    """`@cuda.reduce` / `cuda.Reduce(f)`: a binary function folded over an
    array (in order, from the initial value if given)."""

    def __init__(self, functor):
        self._f = functor

    def __call__(self, arr, size=None, res=None, init=0, stream=0):
        a = _host(arr)
        n = len(a) if size is None else size
        acc = init
        for i in range(n):
            acc = self._f(acc, a[i])
        if res is not None:
            res[0] = acc
            return None
        return acc


reduce = Reduce
