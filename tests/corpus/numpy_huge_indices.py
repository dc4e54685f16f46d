# Array subscripts beyond int64: numpy's errors (an int that fits uint64
# overflows converting, any other is no valid index) and slices clamping
# huge bounds and steps as Python's do; also from a compiled loop.
import numpy as np
a = np.arange(10)
for k in [-9223372036854775824, 2**63, 2**64+3, -2**63, 10, 2**64 - 1]:
    try: print(a[k])
    except Exception as e: print(type(e).__name__, e)
    try: a[k] = 1
    except Exception as e: print('set', type(e).__name__, e)
print(a[:2**70], a[-2**70:3], a[2**70:], a[::2**70], a[::-2**70], a[2**70:-2**70:-1], a[-2**63:2**63])
m = np.arange(12).reshape(3, 4)
print(m[1:2**65, ::-2**66], m[-2**65:, 1])


def probe(a, n):
    hits = 0
    for i in range(n):  # jit: interpreted (a constant that is not a number or a str)
        k = i if i % 500 else 2 ** 63 + i
        try:
            hits += a[k % 10 if k < 2 ** 63 else k]
        except (IndexError, OverflowError) as e:
            hits -= 1000
            last = type(e).__name__
    return hits, last


print(probe(np.arange(10), 3000))
