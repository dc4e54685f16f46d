# Reading and writing a list of floats: bounds checks and unboxing.
def scale(xs, k):
    for i in range(len(xs)):
        xs[i] = xs[i] * k
    return xs

xs = [float(i) for i in range(2000)]
print(sum(scale(xs, 0.5)))
