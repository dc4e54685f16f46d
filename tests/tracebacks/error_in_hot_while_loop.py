# An index error after thousands of compiled iterations.
xs = [float(i) for i in range(1000)]
i = 0
s = 0.0
while True:
    s += xs[i] * 0.5
    i += 1
