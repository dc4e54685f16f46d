def f(x):
    return [1, 2][x]
print(f(5))
