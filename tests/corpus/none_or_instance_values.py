# Values that are None on some iterations and instances (of several
# classes) on others, meeting at the same instructions: past a few type
# combinations the recorder holds them as objects of any class, None
# among them (`x is None` a compare of addresses, attributes read after a
# switch on the class). A task loop whose variable is replaced by the
# call on it (`t = t.run(msg)`) as in a scheduler.


class Packet:
    def __init__(self, ident, link=None):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        self.ident = ident
        self.link = link


class Big:
    def __init__(self, ident):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        self.ident = ident * 10
        self.link = None


class Task:
    def __init__(self, ident, nxt=None):
        self.ident = ident
        self.nxt = nxt
        self.input = None
        self.count = 0

    def run(self, msg):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.count += 1
        if msg is not None:
            self.count += msg.ident
        return self.nxt


class Idle(Task):
    def run(self, msg):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.count += 2
        return self.nxt


class Device(Task):
    def run(self, msg):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        if msg is None:
            self.count -= 1
        else:
            self.count += msg.ident % 7
            self.input = msg.link
        return self.nxt


def schedule(n):
    tasks = [Task(0), Idle(1), Device(2), Task(3), Device(4), Idle(5)]
    for i, t in enumerate(tasks):
        t.nxt = tasks[(i + 1) % len(tasks)]
    t = tasks[0]
    seen = 0
    for i in range(n):  # jit: compiled
        k = i % 11
        msg = None if k % 3 == 0 else (Packet(k, Packet(k + 1)) if k % 3 == 1 else Big(k))
        other = None if k % 4 == 0 else Big(i % 5)
        if other is not None and msg is not None:
            seen += other.ident - msg.ident
        elif msg is None and other is None:
            seen -= 1
        if t.input is not None:
            msg = t.input
        t = t.run(msg)
    return seen, [(x.ident, x.count) for x in tasks]


def chain(n):
    head = None
    total = 0
    for i in range(n):  # jit: compiled
        head = Packet(i, head) if i % 5 else (Big(i) if i % 2 else None)
        node = head
        while node is not None:  # jit: compiled
            total += node.ident
            node = node.link
    return total


print(schedule(20000))
print(chain(3000))
