# Floats stored into lists in hot loops: a float only the list holds may
# take its new value in place, so every other holder of an old element
# must still see the old value.


def relax(xs, steps):
    n = len(xs)
    for _ in range(steps):  # jit: compiled
        for i in range(1, n - 1):  # jit: compiled
            xs[i] = 0.5 * xs[i] + 0.25 * (xs[i - 1] + xs[i + 1])
    return xs


def scale_into(xs, k):
    for i in range(len(xs)):  # jit: compiled
        xs[i] *= k
    return xs


xs = [float(i % 7) for i in range(500)]
keep = xs[10]
pair = (xs[20], xs[21])
other = [xs[30]]
d = {"x": xs[40]}
relax(xs, 30)
print(sum(xs), keep, pair, other, d, xs[10], xs[20], xs[40])

shared = [1.5] * 3000
alias = shared[0]
scale_into(shared, 3.0)
print(alias, shared[0], shared[-1], sum(shared))

twice = [2.0] * 2 + [float(i) for i in range(3000)]  # jit: compiled
first = twice[5]
scale_into(twice, 0.5)
scale_into(twice, 0.5)
print(first, twice[:7], sum(twice))

# Ints and bools written over floats, floats over ints.
mixed = [float(i) for i in range(3000)]  # jit: compiled
for i in range(3000):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
    mixed[i] = i if i % 2 else mixed[i] + 0.5
print(sum(mixed), mixed[:4])
