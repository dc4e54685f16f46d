class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y

def total(ps):
    s = 0.0
    for p in ps:
        s += p.norm2()
        p.x += 1.0
    return s

ps = [P(float(i), 2.0) for i in range(100)]
for _ in range(30):
    r = total(ps)
print(r)
