# Ranges whose bounds or steps lie beyond 2**63 (and below -2**63), ascending and descending.
B = 2**63

def total(r):
    s = 0
    c = 0
    for i in r:  # jit: compiled
        s += i
        c += 1
    return s, c

for r in (range(B, B + 5), range(B - 3, B + 3), range(B + 5, B, -1), range(-B - 3, -B + 3),
          range(-B + 2, -B - 3, -1), range(0, 10 * B, B), range(10 * B, 0, -B), range(B, B),
          range(2**100, 2**100 + 4000), range(2**100 + 4000, 2**100, -1), range(B - 2000, B + 2000, 3),
          range(-B + 2000, -B - 2000, -3)):
    print(r, len(r), total(r))

def cross(n):
    # The loop variable crosses 2**63 in the middle of a hot loop.
    s = 0
    for i in range(B - n, B + n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        s += i - B
        s ^= i & 0xFF
    return s

print(cross(3000))

def index_big():
    r = range(0, 2**70, 2**60)
    return r[5], r[-1], len(r), r.index(2**63), 2**64 in r, 2**64 + 1 in r

print(index_big())
