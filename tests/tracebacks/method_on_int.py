def p(x):
    return x.upper()
for i in range(3):
    p(i if i < 2 else 5)
