# numba.cuda scripts run unchanged: kernels launched as kernel[blocks,
# threads](...), device arrays, shared and local memory, barriers
# (syncthreads, syncthreads_count/_and), atomics, device functions,
# numba.cuda.random's xoroshiro128+ streams, cuda.reduce, forall, streams.
# The reference is CPython with numba's own CUDA simulator (set below, as
# a machine without a GPU needs); pyjit runs the kernels on the CPU itself.
import os
os.environ.setdefault("NUMBA_ENABLE_CUDASIM", "1")
import math
import numpy as np
from numba import cuda, float32, float64, int32
from numba.cuda.random import create_xoroshiro128p_states, xoroshiro128p_uniform_float32, xoroshiro128p_normal_float32, xoroshiro128p_uniform_float64


@cuda.jit  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
def add(a, b, out):
    i = cuda.grid(1)
    if i < out.size:
        out[i] = a[i] + b[i]


@cuda.jit("void(float32, float32[:], float32[:])")
def saxpy(a, x, y):
    i = cuda.threadIdx.x + cuda.blockIdx.x * cuda.blockDim.x
    if i < x.shape[0]:
        y[i] = a * x[i] + y[i]


@cuda.jit(device=True)
def sq(x):
    return x * x


@cuda.jit
def matmul(A, B, C):
    i, j = cuda.grid(2)
    if i < C.shape[0] and j < C.shape[1]:
        tmp = 0.
        for k in range(A.shape[1]):
            tmp += A[i, k] * B[k, j]
        C[i, j] = tmp + sq(0.5)


TPB = 4


@cuda.jit
def fast_matmul(A, B, C):
    sA = cuda.shared.array(shape=(TPB, TPB), dtype=float32)
    sB = cuda.shared.array(shape=(TPB, TPB), dtype=float32)
    x, y = cuda.grid(2)
    tx = cuda.threadIdx.x
    ty = cuda.threadIdx.y
    bpg = cuda.gridDim.x
    tmp = float32(0.)
    for i in range(bpg):  # jit: interpreted (unsupported instruction YieldValue)
        sA[ty, tx] = 0
        sB[ty, tx] = 0
        if y < A.shape[0] and (tx + i * TPB) < A.shape[1]:
            sA[ty, tx] = A[y, tx + i * TPB]
        if x < B.shape[1] and (ty + i * TPB) < B.shape[0]:
            sB[ty, tx] = B[ty + i * TPB, x]
        cuda.syncthreads()
        for j in range(TPB):  # jit: compiled
            tmp += sA[ty, j] * sB[j, tx]
        cuda.syncthreads()
    if y < C.shape[0] and x < C.shape[1]:
        C[y, x] = tmp


@cuda.jit
def block_sum(a, out):
    s = cuda.shared.array(64, dtype=np.float64)
    t = cuda.threadIdx.x
    i = cuda.grid(1)
    s[t] = a[i] if i < a.size else 0.0
    cuda.syncthreads()
    stride = cuda.blockDim.x // 2
    while stride > 0:  # jit: interpreted (unsupported instruction YieldValue)
        if t < stride:
            s[t] += s[t + stride]
        cuda.syncthreads()
        stride //= 2
    if t == 0:
        out[cuda.blockIdx.x] = s[0]


@cuda.jit
def hist(data, bins):
    i = cuda.grid(1)
    stride = cuda.gridsize(1)
    for k in range(i, data.shape[0], stride):  # jit: interpreted (a call of an unknown object)
        cuda.atomic.add(bins, data[k] % bins.shape[0], 1)


@cuda.jit
def count_pos(a, out):
    i = cuda.grid(1)
    n = cuda.syncthreads_count(a[i] > 0)
    if cuda.threadIdx.x == 0:
        out[cuda.blockIdx.x] = n


@cuda.jit
def pi_kernel(states, iters, out):
    tid = cuda.grid(1)
    inside = 0
    for _ in range(iters):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        x = xoroshiro128p_uniform_float32(states, tid)
        y = xoroshiro128p_uniform_float32(states, tid)
        if x * x + y * y <= 1.0:
            inside += 1
    out[tid] = 4.0 * inside / iters


@cuda.jit
def normals(states, out):
    tid = cuda.grid(1)
    out[tid] = xoroshiro128p_normal_float32(states, tid) + xoroshiro128p_uniform_float64(states, tid)


@cuda.jit
def mandel(img, max_iter):
    x, y = cuda.grid(2)
    if x < img.shape[1] and y < img.shape[0]:
        c = complex(-2.0 + 3.0 * x / img.shape[1], -1.5 + 3.0 * y / img.shape[0])
        z = 0j
        n = 0
        while n < max_iter and abs(z) <= 2.0:  # jit: compiled
            z = z * z + c
            n += 1
        img[y, x] = n


n = 1000
a = np.arange(n, dtype=np.float32)
b = np.ones(n, dtype=np.float32) * 2
out = np.zeros_like(a)
add[(n + 127) // 128, 128](a, b, out)
print(out[:5], out[-3:], out.sum())

d_x = cuda.to_device(a)
d_y = cuda.to_device(b)
saxpy[8, 128](np.float32(2.5), d_x, d_y)
y = d_y.copy_to_host()
print(y[:4], y[-2:], y.dtype)

A = np.arange(30, dtype=np.float64).reshape(5, 6) / 7
B = np.arange(24, dtype=np.float64).reshape(6, 4) / 3
C = np.zeros((5, 4))
matmul[(2, 2), (4, 4)](A, B, C)
print(C)

A32 = (np.arange(70, dtype=np.float32).reshape(7, 10) % 5) / np.float32(3)
B32 = (np.arange(90, dtype=np.float32).reshape(10, 9) % 7) / np.float32(2)
C32 = cuda.device_array((7, 9), dtype=np.float32)
fast_matmul[(3, 2), (TPB, TPB)](A32, B32, C32)
print(C32.copy_to_host())

v = np.linspace(0, 1, 200)
partial = np.zeros(4)
block_sum[4, 64](v, partial)
print(partial, partial.sum())

data = (np.arange(5000) * 7919) % 1000
bins = np.zeros(16, dtype=np.int64)
hist[4, 32](data, bins)
print(bins, bins.sum())

vals = np.sin(np.arange(256) * 1.0)
cnt = np.zeros(4, dtype=np.int32)
count_pos[4, 64](vals, cnt)
print(cnt)

states = create_xoroshiro128p_states(64, seed=1)
pis = np.zeros(64, dtype=np.float32)
pi_kernel[2, 32](states, 200, pis)
print(pis[:6], pis.mean())
nrm = np.zeros(32)
normals[1, 32](create_xoroshiro128p_states(32, seed=7, subsequence_start=3), nrm)
print(nrm[:5])

img = np.zeros((24, 36), dtype=np.int32)
mandel[(5, 3), (8, 8)](img, 30)
print(img.sum(), img[12, :12])

@cuda.reduce
def sum_reduce(a, b):
    return a + b
print(sum_reduce(np.arange(100, dtype=np.float64)))
print(cuda.is_available())
dev = cuda.device_array(10, dtype=np.int32)
add.forall(10)(np.arange(10, dtype=np.int32), np.arange(10, dtype=np.int32), dev)
print(dev.copy_to_host(), len(dev), dev.shape, dev.size)


@cuda.jit
def stencil3d(a, out):
    x, y, z = cuda.grid(3)
    nx, ny, nz = a.shape
    if 0 < x < nx - 1 and 0 < y < ny - 1 and 0 < z < nz - 1:
        out[x, y, z] = (a[x - 1, y, z] + a[x + 1, y, z] + a[x, y - 1, z] + a[x, y + 1, z] + a[x, y, z - 1] + a[x, y, z + 1]) / 6.0


@cuda.jit
def stride2d(a):
    sx, sy = cuda.gridsize(2)
    x0, y0 = cuda.grid(2)
    for i in range(x0, a.shape[0], sx):
        for j in range(y0, a.shape[1], sy):
            a[i, j] = math.sqrt(i * a.shape[1] + j)


@cuda.jit(device=True)
def clamp(v, lo, hi):
    return max(lo, min(hi, v))


@cuda.jit
def local_sort_max(a, out, mx):
    i = cuda.grid(1)
    if i < out.shape[0]:
        buf = cuda.local.array(4, dtype=float64)
        for k in range(4):
            buf[k] = a[(i * 4 + k) % a.shape[0]]
        for p in range(4):
            for q in range(3 - p):
                if buf[q] > buf[q + 1]:
                    buf[q], buf[q + 1] = buf[q + 1], buf[q]
        out[i] = clamp(buf[3] - buf[0], 0.1, 0.9)
        cuda.atomic.max(mx, 0, buf[3])
        cuda.atomic.min(mx, 1, buf[0])


@cuda.jit
def scan_block(a, out):
    tmp = cuda.shared.array(32, dtype=int32)
    t = cuda.threadIdx.x
    tmp[t] = a[cuda.grid(1)]
    cuda.syncthreads()
    off = 1
    while off < 32:
        v = tmp[t - off] if t >= off else 0
        cuda.syncthreads()
        tmp[t] += v
        cuda.syncthreads()
        off *= 2
    out[cuda.grid(1)] = tmp[t]
    if cuda.syncthreads_and(tmp[t] >= 0) and t == 0:
        out[cuda.grid(1)] += 1000


a = np.arange(5 * 6 * 7, dtype=np.float64).reshape(5, 6, 7) ** 0.5
out = np.zeros_like(a)
stencil3d[(2, 2, 2), (4, 4, 4)](a, out)
print(out.sum(), out[2, 3])

b = cuda.device_array((9, 13), dtype=np.float64)
stride2d[(2, 2), (2, 3)](b)
h = b.copy_to_host()
print(h[8], b.shape, b[3:5, 1:3].copy_to_host())

vals = np.cos(np.arange(40) * 0.7) * 3
res = np.zeros(10)
mx = np.array([-1e9, 1e9])
local_sort_max[2, 8](vals, res, mx)
print(res, mx)

ints = (np.arange(64) * 37 % 11).astype(np.int32)
scanned = np.zeros(64, dtype=np.int32)
s = cuda.stream()
with s.auto_synchronize():
    d = cuda.to_device(ints, stream=s)
    scan_block[2, 32, s](d, scanned)
cuda.synchronize()
print(scanned)
like = cuda.device_array_like(ints)
print(like.shape, like.dtype, len(like))
