# numpy with values at the edges: Python ints beyond int64 and floats
# that int arrays refuse, in stores and in arithmetic.
import numpy as np
a = np.arange(4, dtype=np.float64)
b = np.arange(4)
for v in [2**70, -2**65 - 3, 2**63, 1e300, float('nan'), True]:
    for arr in (a, b):
        try:
            arr[1] = v
            print(repr(arr[1]))
        except Exception as e:
            print(type(e).__name__, e)
for e in ["a + 2**70", "2**70 * a", "b + 2**70", "a < 2**70", "b == 2**64"]:
    try:
        print(e, repr(eval(e)))
    except Exception as ex:
        print(e, type(ex).__name__, ex)
