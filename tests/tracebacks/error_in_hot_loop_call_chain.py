# A loop compiled long before it fails: the error leaves native code inside
# two inlined calls, and the traceback shows every frame as CPython does.
def inv(x):
    return 1.0 / x


def term(i):
    return inv(i - 2500) * 2.0


total = 0.0
for i in range(3000):
    total += term(i)
print(total)
