d = {"a": 1}
def g():
    return d["b"]
g()
