# A small mandelbrot kernel: nested float loops with an escape-time inner while loop and early break.

def mandel(w, h, max_iter):
    total = 0
    rows = []
    for py in range(h):  # jit: compiled
        y0 = (py / h) * 2.0 - 1.0
        row = 0
        for px in range(w):  # jit: compiled
            x0 = (px / w) * 3.0 - 2.0
            x = 0.0
            y = 0.0
            it = 0
            while it < max_iter:  # jit: compiled
                x2 = x * x
                y2 = y * y
                if x2 + y2 > 4.0:
                    break
                y = 2.0 * x * y + y0
                x = x2 - y2 + x0
                it += 1
            total += it
            row += it
        rows.append(row)
    return total, rows

total, rows = mandel(60, 40, 50)
print(total)
print(rows)

for py in range(0, 24, 2):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
    line = ""
    for px in range(64):  # jit: compiled
        x0 = px / 64 * 3.0 - 2.0
        y0 = py / 24 * 2.0 - 1.0
        x = y = 0.0
        n = 0
        while n < 30 and x * x + y * y <= 4.0:  # jit: compiled
            x, y = x * x - y * y + x0, 2 * x * y + y0
            n += 1
        line += "#" if n == 30 else ".:-=+*"[n % 6]
    print(line)
