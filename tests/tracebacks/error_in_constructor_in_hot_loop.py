# A loop compiled long before it fails: the error leaves native code inside
# an inlined constructor called from an inlined function, after the
# constructor stored attributes; the traceback shows every frame.
class Cell:
    def __init__(self, grid, k):
        self.k = k
        self.v = grid[k]


def cell_at(grid, i):
    return Cell(grid, i % 4000)


grid = {k: k * 0.5 for k in range(2500)}
total = 0.0
for i in range(3000):
    total += cell_at(grid, i).v
print(total)
