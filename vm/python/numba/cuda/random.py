"""numba.cuda.random: xoroshiro128+ generators, one per thread, seeded as
numba seeds them (splitmix64 of the seed for the first, each next one the
previous jumped 2**64 steps ahead), so a script draws the numbers numba
draws. The state is two 64-bit words per generator, kept as Python ints."""

import math as _math

import numpy as _np

_MASK = (1 << 64) - 1
_JUMP = (0xBEAC0467EBA5FACB, 0xD86B048B86AA9922)
_TWO_PI_32 = _np.float32(2 * _math.pi)
_TWO_PI_64 = 2 * _math.pi


class _States:
    """The generators' states: `s0[i]`, `s1[i]` for generator i."""

    def __init__(self, n):
        self.s0 = [0] * n
        self.s1 = [0] * n
        self.shape = (n,)
        self.size = n

    def __len__(self):
        return len(self.s0)

    def copy_to_host(self):
        return _np.array([[a, b] for a, b in zip(self.s0, self.s1)], dtype=_np.uint64)


def _rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & _MASK


def _next(states, i):
    s0 = states.s0[i]
    s1 = states.s1[i]
    result = (s0 + s1) & _MASK
    s1 ^= s0
    states.s0[i] = _rotl(s0, 55) ^ s1 ^ ((s1 << 14) & _MASK)
    states.s1[i] = _rotl(s1, 36)
    return result


def _jump(states, i):
    s0 = 0
    s1 = 0
    for word in _JUMP:
        for b in range(64):
            if word & (1 << b):
                s0 ^= states.s0[i]
                s1 ^= states.s1[i]
            _next(states, i)
    states.s0[i] = s0
    states.s1[i] = s1


def _seed_one(states, i, seed):
    z = (seed + 0x9E3779B97F4A7C15) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    z ^= z >> 31
    states.s0[i] = z
    states.s1[i] = z


def init_xoroshiro128p_states(states, seed, subsequence_start=0, stream=0):
    n = len(states)
    if n == 0:
        return
    _seed_one(states, 0, int(seed) & _MASK)
    for _ in range(int(subsequence_start)):
        _jump(states, 0)
    for i in range(1, n):
        states.s0[i] = states.s0[i - 1]
        states.s1[i] = states.s1[i - 1]
        _jump(states, i)


def create_xoroshiro128p_states(n, seed, subsequence_start=0, stream=0):
    states = _States(int(n))
    init_xoroshiro128p_states(states, seed, subsequence_start, stream)
    return states


def xoroshiro128p_next(states, index):
    return _np.uint64(_next(states, int(index)))


def xoroshiro128p_jump(states, index):
    _jump(states, int(index))


def _unit64(x):
    return (x >> 11) * (1.0 / (1 << 53))


def xoroshiro128p_uniform_float64(states, index):
    return _np.float64(_unit64(_next(states, int(index))))


def xoroshiro128p_uniform_float32(states, index):
    return _np.float32(_unit64(_next(states, int(index))))


def xoroshiro128p_normal_float32(states, index):
    u1 = xoroshiro128p_uniform_float32(states, index)
    u2 = xoroshiro128p_uniform_float32(states, index)
    return _math.sqrt(-_np.float32(2.0) * _math.log(u1)) * _math.cos(_TWO_PI_32 * u2)


def xoroshiro128p_normal_float64(states, index):
    u1 = xoroshiro128p_uniform_float64(states, index)
    u2 = xoroshiro128p_uniform_float64(states, index)
    return _math.sqrt(-_np.float64(2.0) * _math.log(u1)) * _math.cos(_np.float64(_TWO_PI_64) * u2)
