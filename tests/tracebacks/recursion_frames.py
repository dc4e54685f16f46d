def h(n):
    if n == 0:
        raise ValueError("boom")
    return h(n - 1)
h(3)
