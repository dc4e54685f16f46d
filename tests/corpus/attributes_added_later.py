# Instances of one class whose dicts share their first keys (set by
# __init__) and differ after them (attributes some instances get later,
# in different orders): compiled code reads the shared ones where they
# are, and looks the others up; a method an instance attribute added later
# shadows, a deleted attribute, and an attribute of the same name as a
# shared one set on the class.


class Sq:
    def __init__(self, pos):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.pos = pos
        self.color = pos % 3
        self.used = False

    def weight(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.pos * 2


squares = [Sq(i) for i in range(60)]
for s in squares[::4]:
    s.ledges = 1
    s.reference = s
for s in squares[1::4]:
    s.reference = s
    s.ledges = 2
for s in squares[2::8]:
    s.weight = lambda: -1  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)


def score(sqs):
    t = 0
    for s in sqs:  # jit: compiled
        if not s.used:
            t += s.color + s.pos
        t += s.weight()
    return t


def ledges(sqs):
    n = 0
    for s in sqs:  # jit: compiled
        n += s.color
        if s.pos % 4 < 2:
            n += s.ledges
    return n


total = 0
for k in range(400):
    total += score(squares) + ledges(squares)
    if k == 200:
        squares[5].used = True
    if k == 250:
        del squares[9].color
        squares[9].color = 7
    if k == 300:
        del squares[13].used
        try:
            score(squares)
        except AttributeError as e:
            print("AttributeError:", e)
        squares[13].used = True
print(total)


def make(n):
    out = []
    for i in range(n):  # jit: compiled
        s = Sq(i)
        if i % 2:
            s.extra = i
        out.append(s)
    return out


acc = 0
for k in range(300):
    made = make(20)
    acc += score(made) + sum(getattr(s, "extra", 0) for s in made)  # jit: interpreted (unsupported instruction YieldValue)
print(acc)
