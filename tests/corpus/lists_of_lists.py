# Lists of lists in hot loops: m[i][j] reads and writes, rows held in
# locals, for row in m, ragged and aliased rows, rows of other types, and
# exits (an IndexError, a type change) while a row is held.


def matmul(a, b):
    n, m, p = len(a), len(b), len(b[0])
    c = [[0.0] * p for _ in range(n)]
    for i in range(n):  # jit: compiled
        ci = c[i]
        ai = a[i]
        for j in range(p):  # jit: compiled
            s = 0.0
            for k in range(m):  # jit: compiled
                s += ai[k] * b[k][j]
            ci[j] = s
    return c


def grid_sum(g):
    t = 0
    for row in g:  # jit: compiled
        for x in row:  # jit: compiled
            t += x
    return t


def relax(g, steps):
    n = len(g)
    for _ in range(steps):  # jit: compiled
        for i in range(1, n - 1):  # jit: compiled
            for j in range(1, len(g[i]) - 1):  # jit: compiled
                g[i][j] = 0.25 * (g[i - 1][j] + g[i + 1][j] + g[i][j - 1] + g[i][j + 1])
    return g


def col_sums(g):
    out = [0] * len(g[0])
    for row in g:
        for j, x in enumerate(row):  # jit: compiled
            out[j] += x
    return out


def lengths(g):
    t = 0
    for i in range(len(g)):  # jit: compiled
        t += len(g[i]) * i
    return t


a = [[(i * 7 + j) % 5 * 0.5 for j in range(40)] for i in range(30)]  # jit: compiled
b = [[(i + 3 * j) % 4 * 0.25 for j in range(20)] for i in range(40)]
c = matmul(a, b)
print(sum(map(sum, c)), c[3][:4])
print(grid_sum([[i * j for j in range(70)] for i in range(60)]))  # jit: compiled
print(grid_sum([[1, 2], [3, 4.5], [5, 6]] * 700))
print(grid_sum([[True, False, True]] * 1500))
g = relax([[float((i * j) % 3) for j in range(30)] for i in range(30)], 8)
print(sum(map(sum, g)), g[5][5])
print(col_sums([[i + j for j in range(25)] for i in range(200)]))  # jit: compiled
print(lengths([[0] * (i % 9) for i in range(3000)]))  # jit: compiled

# One row three times: writes through one name show through the others.
row = [0.0] * 50
alias = [row, row, row]
for k in range(2000):  # jit: compiled
    alias[k % 3][k % 50] += 1.0
print(row[:5], alias[1] is row)

# Ragged rows: an IndexError after thousands of good reads.
ragged = [[1] * 50 for _ in range(60)] + [[1] * 10]
t = 0
try:
    for i in range(len(ragged)):  # jit: compiled
        for j in range(50):  # jit: compiled
            t += ragged[i][j]
except IndexError as e:
    print("IndexError", e, t, i, j)

# A row of another type (a tuple) and a string row: exits mid-loop.
rows = [[1.5] * 20 for _ in range(100)] + [(2.5,) * 20] + [[0.5] * 20]
t = 0.0
for r in rows:  # jit: compiled
    for x in r:  # jit: compiled
        t += x
print(t)
rows = [[1] * 10 for _ in range(300)] + ["abcdefghij"]
n = 0
try:
    for r in rows:  # jit: compiled
        for x in r:  # jit: compiled
            n += x
except TypeError:
    print("TypeError", n)

# A row held in a variable while the loop leaves native code.
grid = [[j * 1.0 for j in range(100)] for _ in range(40)]  # jit: compiled
held = None
acc = 0.0
for i in range(len(grid)):
    held = grid[i]
    for j in range(len(held)):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        acc += held[j]
        if i == 35 and j == 99:
            held[j] = "end"
print(acc, held[98], held[99], grid[35][99])
