# A scheduler whose step calls a method of one of several classes, each
# calling helpers full of branches: too large to record with every call
# inlined, the loop is recorded again with the calls past the first level
# made through the VM (the helpers run as functions of their own).


class Task:
    def __init__(self, ident, link):
        self.ident = ident
        self.link = link
        self.count = 0
        self.acc = 0


class Task0(Task):
    def run(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.count += 1
        v = self.h1(self.count) + self.h2(self.count) + self.h3(self.count)
        self.acc = (self.acc + v) % 1000003
        return self.link

    def h1(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        t = 1
        if x % 3 == 0:
            t += x * 1 - 1
        else:
            t -= 0
        if x % 4 == 1:
            t += x * 2 - 1
        else:
            t -= 1
        if x % 5 == 2:
            t += x * 3 - 1
        else:
            t -= 2
        if x % 6 == 0:
            t += x * 4 - 1
        else:
            t -= 3
        if x % 7 == 1:
            t += x * 5 - 1
        else:
            t -= 4
        if x % 8 == 2:
            t += x * 6 - 1
        else:
            t -= 5
        if x % 9 == 0:
            t += x * 7 - 1
        else:
            t -= 6
        if x % 10 == 1:
            t += x * 8 - 1
        else:
            t -= 7
        if x % 11 == 2:
            t += x * 9 - 1
        else:
            t -= 8
        if x % 12 == 0:
            t += x * 10 - 1
        else:
            t -= 9
        return t

    def h2(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        t = 2
        if x % 4 == 0:
            t += x * 1 - 2
        else:
            t -= 0
        if x % 5 == 1:
            t += x * 2 - 2
        else:
            t -= 1
        if x % 6 == 2:
            t += x * 3 - 2
        else:
            t -= 2
        if x % 7 == 0:
            t += x * 4 - 2
        else:
            t -= 3
        if x % 8 == 1:
            t += x * 5 - 2
        else:
            t -= 4
        if x % 9 == 2:
            t += x * 6 - 2
        else:
            t -= 5
        if x % 10 == 0:
            t += x * 7 - 2
        else:
            t -= 6
        if x % 11 == 1:
            t += x * 8 - 2
        else:
            t -= 7
        if x % 12 == 2:
            t += x * 9 - 2
        else:
            t -= 8
        if x % 13 == 0:
            t += x * 10 - 2
        else:
            t -= 9
        return t

    def h3(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        t = 3
        if x % 5 == 0:
            t += x * 1 - 3
        else:
            t -= 0
        if x % 6 == 1:
            t += x * 2 - 3
        else:
            t -= 1
        if x % 7 == 2:
            t += x * 3 - 3
        else:
            t -= 2
        if x % 8 == 0:
            t += x * 4 - 3
        else:
            t -= 3
        if x % 9 == 1:
            t += x * 5 - 3
        else:
            t -= 4
        if x % 10 == 2:
            t += x * 6 - 3
        else:
            t -= 5
        if x % 11 == 0:
            t += x * 7 - 3
        else:
            t -= 6
        if x % 12 == 1:
            t += x * 8 - 3
        else:
            t -= 7
        if x % 13 == 2:
            t += x * 9 - 3
        else:
            t -= 8
        if x % 14 == 0:
            t += x * 10 - 3
        else:
            t -= 9
        return t


class Task1(Task):
    def run(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.count += 1
        v = self.h1(self.count) + self.h2(self.count) + self.h3(self.count)
        self.acc = (self.acc + v) % 1000003
        return self.link

    def h1(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        t = 11
        if x % 4 == 0:
            t += x * 1 - 2
        else:
            t -= 1
        if x % 5 == 1:
            t += x * 2 - 2
        else:
            t -= 2
        if x % 6 == 2:
            t += x * 3 - 2
        else:
            t -= 3
        if x % 7 == 0:
            t += x * 4 - 2
        else:
            t -= 4
        if x % 8 == 1:
            t += x * 5 - 2
        else:
            t -= 5
        if x % 9 == 2:
            t += x * 6 - 2
        else:
            t -= 6
        if x % 10 == 0:
            t += x * 7 - 2
        else:
            t -= 7
        if x % 11 == 1:
            t += x * 8 - 2
        else:
            t -= 8
        if x % 12 == 2:
            t += x * 9 - 2
        else:
            t -= 9
        if x % 13 == 0:
            t += x * 10 - 2
        else:
            t -= 10
        return t

    def h2(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        t = 12
        if x % 5 == 0:
            t += x * 1 - 3
        else:
            t -= 1
        if x % 6 == 1:
            t += x * 2 - 3
        else:
            t -= 2
        if x % 7 == 2:
            t += x * 3 - 3
        else:
            t -= 3
        if x % 8 == 0:
            t += x * 4 - 3
        else:
            t -= 4
        if x % 9 == 1:
            t += x * 5 - 3
        else:
            t -= 5
        if x % 10 == 2:
            t += x * 6 - 3
        else:
            t -= 6
        if x % 11 == 0:
            t += x * 7 - 3
        else:
            t -= 7
        if x % 12 == 1:
            t += x * 8 - 3
        else:
            t -= 8
        if x % 13 == 2:
            t += x * 9 - 3
        else:
            t -= 9
        if x % 14 == 0:
            t += x * 10 - 3
        else:
            t -= 10
        return t

    def h3(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        t = 13
        if x % 6 == 0:
            t += x * 1 - 4
        else:
            t -= 1
        if x % 7 == 1:
            t += x * 2 - 4
        else:
            t -= 2
        if x % 8 == 2:
            t += x * 3 - 4
        else:
            t -= 3
        if x % 9 == 0:
            t += x * 4 - 4
        else:
            t -= 4
        if x % 10 == 1:
            t += x * 5 - 4
        else:
            t -= 5
        if x % 11 == 2:
            t += x * 6 - 4
        else:
            t -= 6
        if x % 12 == 0:
            t += x * 7 - 4
        else:
            t -= 7
        if x % 13 == 1:
            t += x * 8 - 4
        else:
            t -= 8
        if x % 14 == 2:
            t += x * 9 - 4
        else:
            t -= 9
        if x % 15 == 0:
            t += x * 10 - 4
        else:
            t -= 10
        return t


class Task2(Task):
    def run(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.count += 1
        v = self.h1(self.count) + self.h2(self.count) + self.h3(self.count)
        self.acc = (self.acc + v) % 1000003
        return self.link

    def h1(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        t = 21
        if x % 5 == 0:
            t += x * 1 - 3
        else:
            t -= 2
        if x % 6 == 1:
            t += x * 2 - 3
        else:
            t -= 3
        if x % 7 == 2:
            t += x * 3 - 3
        else:
            t -= 4
        if x % 8 == 0:
            t += x * 4 - 3
        else:
            t -= 5
        if x % 9 == 1:
            t += x * 5 - 3
        else:
            t -= 6
        if x % 10 == 2:
            t += x * 6 - 3
        else:
            t -= 7
        if x % 11 == 0:
            t += x * 7 - 3
        else:
            t -= 8
        if x % 12 == 1:
            t += x * 8 - 3
        else:
            t -= 9
        if x % 13 == 2:
            t += x * 9 - 3
        else:
            t -= 10
        if x % 14 == 0:
            t += x * 10 - 3
        else:
            t -= 11
        return t

    def h2(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        t = 22
        if x % 6 == 0:
            t += x * 1 - 4
        else:
            t -= 2
        if x % 7 == 1:
            t += x * 2 - 4
        else:
            t -= 3
        if x % 8 == 2:
            t += x * 3 - 4
        else:
            t -= 4
        if x % 9 == 0:
            t += x * 4 - 4
        else:
            t -= 5
        if x % 10 == 1:
            t += x * 5 - 4
        else:
            t -= 6
        if x % 11 == 2:
            t += x * 6 - 4
        else:
            t -= 7
        if x % 12 == 0:
            t += x * 7 - 4
        else:
            t -= 8
        if x % 13 == 1:
            t += x * 8 - 4
        else:
            t -= 9
        if x % 14 == 2:
            t += x * 9 - 4
        else:
            t -= 10
        if x % 15 == 0:
            t += x * 10 - 4
        else:
            t -= 11
        return t

    def h3(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        t = 23
        if x % 7 == 0:
            t += x * 1 - 5
        else:
            t -= 2
        if x % 8 == 1:
            t += x * 2 - 5
        else:
            t -= 3
        if x % 9 == 2:
            t += x * 3 - 5
        else:
            t -= 4
        if x % 10 == 0:
            t += x * 4 - 5
        else:
            t -= 5
        if x % 11 == 1:
            t += x * 5 - 5
        else:
            t -= 6
        if x % 12 == 2:
            t += x * 6 - 5
        else:
            t -= 7
        if x % 13 == 0:
            t += x * 7 - 5
        else:
            t -= 8
        if x % 14 == 1:
            t += x * 8 - 5
        else:
            t -= 9
        if x % 15 == 2:
            t += x * 9 - 5
        else:
            t -= 10
        if x % 16 == 0:
            t += x * 10 - 5
        else:
            t -= 11
        return t


class Task3(Task):
    def run(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        self.count += 1
        v = self.h1(self.count) + self.h2(self.count) + self.h3(self.count)
        self.acc = (self.acc + v) % 1000003
        return self.link

    def h1(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        t = 31
        if x % 6 == 0:
            t += x * 1 - 4
        else:
            t -= 3
        if x % 7 == 1:
            t += x * 2 - 4
        else:
            t -= 4
        if x % 8 == 2:
            t += x * 3 - 4
        else:
            t -= 5
        if x % 9 == 0:
            t += x * 4 - 4
        else:
            t -= 6
        if x % 10 == 1:
            t += x * 5 - 4
        else:
            t -= 7
        if x % 11 == 2:
            t += x * 6 - 4
        else:
            t -= 8
        if x % 12 == 0:
            t += x * 7 - 4
        else:
            t -= 9
        if x % 13 == 1:
            t += x * 8 - 4
        else:
            t -= 10
        if x % 14 == 2:
            t += x * 9 - 4
        else:
            t -= 11
        if x % 15 == 0:
            t += x * 10 - 4
        else:
            t -= 12
        return t

    def h2(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        t = 32
        if x % 7 == 0:
            t += x * 1 - 5
        else:
            t -= 3
        if x % 8 == 1:
            t += x * 2 - 5
        else:
            t -= 4
        if x % 9 == 2:
            t += x * 3 - 5
        else:
            t -= 5
        if x % 10 == 0:
            t += x * 4 - 5
        else:
            t -= 6
        if x % 11 == 1:
            t += x * 5 - 5
        else:
            t -= 7
        if x % 12 == 2:
            t += x * 6 - 5
        else:
            t -= 8
        if x % 13 == 0:
            t += x * 7 - 5
        else:
            t -= 9
        if x % 14 == 1:
            t += x * 8 - 5
        else:
            t -= 10
        if x % 15 == 2:
            t += x * 9 - 5
        else:
            t -= 11
        if x % 16 == 0:
            t += x * 10 - 5
        else:
            t -= 12
        return t

    def h3(self, x):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        t = 33
        if x % 8 == 0:
            t += x * 1 - 6
        else:
            t -= 3
        if x % 9 == 1:
            t += x * 2 - 6
        else:
            t -= 4
        if x % 10 == 2:
            t += x * 3 - 6
        else:
            t -= 5
        if x % 11 == 0:
            t += x * 4 - 6
        else:
            t -= 6
        if x % 12 == 1:
            t += x * 5 - 6
        else:
            t -= 7
        if x % 13 == 2:
            t += x * 6 - 6
        else:
            t -= 8
        if x % 14 == 0:
            t += x * 7 - 6
        else:
            t -= 9
        if x % 15 == 1:
            t += x * 8 - 6
        else:
            t -= 10
        if x % 16 == 2:
            t += x * 9 - 6
        else:
            t -= 11
        if x % 17 == 0:
            t += x * 10 - 6
        else:
            t -= 12
        return t


def build(n):
    first = None
    tasks = []
    for i in range(n):
        cls = (Task0, Task1, Task2, Task3)[i % 4]
        first = cls(i, first)
        tasks.append(first)
    return first, tasks


def schedule(first, steps):
    t = first
    done = 0
    while done < steps:  # jit: compiled
        t = t.run()
        if t is None:
            t = first
        done += 1
    return done


first, tasks = build(12)
print(schedule(first, 60000))
print([(t.ident, t.count, t.acc) for t in tasks])
