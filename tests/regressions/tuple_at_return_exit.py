# Found by tests/generated_programs.rs (default seed), shrunk: with tuples
# new in the tracer, a function trace ending in `return (a, b, ...)` dropped
# the tuple from its return exit's snapshot and the VM popped an empty stack
# (a panic, exit 101). Fixed: a tuple live at any exit refuses the recording.
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
