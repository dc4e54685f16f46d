# A small function called from the loop is inlined into its trace.
def sq(x):
    return x * x + 1

def f(n):
    t = 0
    for i in range(n):
        t += sq(i) % 7
    return t

print(f(3000))
