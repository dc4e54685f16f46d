# math.exp overflow raised uncaught from a hot loop after thousands of iterations: traceback, exit 1.
import math

def exp_sum(n):
    s = 0.0
    for i in range(n):  # jit: compiled
        s += math.exp(i * 0.25)
    return s

print(repr(exp_sum(2000)))
print(repr(exp_sum(4000)))
