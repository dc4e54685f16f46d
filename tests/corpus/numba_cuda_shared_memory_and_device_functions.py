# More numba.cuda kernels against numba's simulator: device functions that
# read the thread index, an early return, a 2-D shared tile with a barrier
# (a transpose), a block reduction finished by an atomic, a kernel
# launched again (the same answer), int64 arithmetic and popc.
import os
os.environ.setdefault("NUMBA_ENABLE_CUDASIM", "1")
import numpy as np
from numba import cuda, float64, int64

@cuda.jit(device=True)
def my_index():
    return cuda.grid(1)

@cuda.jit
def scale(a, k):
    i = my_index()
    if i >= a.shape[0]:
        return
    a[i] *= k

@cuda.jit
def transpose_tile(a, out):
    tile = cuda.shared.array((4, 5), dtype=float64)
    tx = cuda.threadIdx.x
    ty = cuda.threadIdx.y
    x = cuda.blockIdx.x * 4 + tx
    y = cuda.blockIdx.y * 4 + ty
    if x < a.shape[1] and y < a.shape[0]:
        tile[ty, tx] = a[y, x]
    cuda.syncthreads()
    x2 = cuda.blockIdx.y * 4 + tx
    y2 = cuda.blockIdx.x * 4 + ty
    if x2 < out.shape[1] and y2 < out.shape[0]:
        out[y2, x2] = tile[tx, ty]

@cuda.jit
def dot_blocks(a, b, out):
    cache = cuda.shared.array(16, dtype=float64)
    t = cuda.threadIdx.x
    i = cuda.grid(1)
    tmp = 0.0
    while i < a.shape[0]:
        tmp += a[i] * b[i]
        i += cuda.gridsize(1)
    cache[t] = tmp
    cuda.syncthreads()
    s = cuda.blockDim.x // 2
    while s != 0:
        if t < s:
            cache[t] += cache[t + s]
        cuda.syncthreads()
        s //= 2
    if t == 0:
        cuda.atomic.add(out, 0, cache[0])

@cuda.jit
def int_ops(a, out):
    i = cuda.grid(1)
    if i < a.shape[0]:
        v = a[i]
        out[i] = (v * 7 + 3) % 11 - v // 3 + cuda.popc(v) if True else 0

a = np.arange(20, dtype=np.float64)
for k in (2.0, 0.5, -1.0):
    scale[3, 8](a, k)
print(a)
m = np.arange(7 * 9, dtype=np.float64).reshape(7, 9)
t = np.zeros((9, 7))
transpose_tile[(3, 2), (4, 4)](m, t)
print(np.array_equal(t, m.T), t[8])
x = np.linspace(0, 1, 100)
y = np.cos(x)
res = np.zeros(1)
dot_blocks[4, 16](x, y, res)
print(res, np.dot(x, y))
res2 = np.zeros(1)
dot_blocks[4, 16](x, y, res2)
print(res2 == res)
ia = np.arange(-10, 30, dtype=np.int64)
io = np.zeros_like(ia)
int_ops[2, 32](ia, io)
print(io)


@cuda.jit
def lanes(out):
    i = cuda.grid(1)
    out[i] = cuda.laneid + 100 * cuda.warpsize


lane_ids = np.zeros(70, dtype=np.int64)
lanes[2, 35](lane_ids)
print(lane_ids)
