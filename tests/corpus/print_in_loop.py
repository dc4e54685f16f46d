# print() inside hot loops (thousands of lines), with sep/end, ints, floats and mixed values.

def loop(n):
    s = 0.0
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        s += i * 0.5
        print(i, s)

loop(3000)

total = 0
for i in range(2000):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
    total += i * i
    print(i, total, sep=",", end=";\n" if i % 2 else "\n")

def mixed(n):
    x = 1
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        x = x * 3 if i % 40 else 1
        print(f"{i}:{x}:{i / 7:.5f}:{-i // 3}")

mixed(1500)
