def f(n):
    t = 0
    for i in range(n):
        if i % 3 == 0:
            t += i
    return t
print(f(5000))
