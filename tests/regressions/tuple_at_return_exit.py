# Found by tests/generated_programs.rs (default seed), shrunk: a function
# trace ending in `return (a, b, ...)` must keep the tuple in its return
# exit's snapshot; without it the VM pops an empty stack (a panic, exit 101).
import math

NAN = float('nan')
INF = float('inf')


def f(p0, p1):
    v0 = 0
    v1 = 0
    v2 = 0.5
    v3 = 0.5
    v0 = v0 + 0.5
    return (p0, p1, v0, v1, v2, v3)


print(f(0, 0))
print(f(0, 0))
