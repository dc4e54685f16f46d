# super() in hot code: super().__init__(...) of a base's __init__, the
# two-argument form reaching object.__init__, super().method() along a
# longer MRO (diamond), and a base's method replaced while the loop runs.


class Base(object):
    def __init__(self, v):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        super(Base, self).__init__()
        self.v = v

    def value(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.v

    def scaled(self, k):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        return self.value() * k


class Mid(Base):
    def __init__(self, v, w):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        super().__init__(v)
        self.w = w

    def value(self):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        return super().value() + self.w


class Left(Mid):
    def value(self):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        return super().value() * 2


class Right(Mid):
    def value(self):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        return super().value() + 100


class Diamond(Left, Right):
    def value(self):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        return super().value() - 1


def constructed(n):
    t = 0
    for i in range(n):  # jit: compiled
        m = Mid(i, 2)
        t += m.v + m.w
    return t


def along_the_mro(n):
    objs = [Mid(1, 2), Left(3, 4), Right(5, 6), Diamond(7, 8)]
    t = 0
    for i in range(n):  # jit: compiled
        o = objs[i % 4]
        t += o.value() + o.scaled(i % 5)
    return t


def replaced_base(*args):
    Mid.value = lambda self: self.v - self.w  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)


def base_replaced(n):
    d = Diamond(10, 1)
    t = 0
    for i in range(n):  # jit: compiled
        if i == n // 2:
            replaced_base()
        t += d.value()
    return t


class Plain:
    def __init__(self):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        super().__init__()
        self.k = 3


class Checked(Plain):
    def __init__(self, x):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        if x < 0:
            super().__init__(x)
        super().__init__()
        self.x = x


def errors(n):
    t = 0
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        try:
            t += Checked(i - n // 2).x
        except TypeError as e:
            t += 1
            if i == 0:
                print("TypeError", e)
    return t


class Strength(object):
    def __init__(self, s):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        super(Strength, self).__init__()
        self.s = s

    def weight(self):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
        return self.s


class Variable(Strength):
    def __init__(self, s, n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        super(Variable, self).__init__(s)
        self.n = n

    def weight(self):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        return super(Variable, self).weight() * 10 + self.n


def explicit_form(n):
    t = 0
    for i in range(n):  # jit: compiled
        v = Variable(i % 7, 3)
        t += v.weight() + Strength(i).weight()
    return t


for f in (explicit_form, constructed, along_the_mro, base_replaced, errors):
    print(f.__name__, f(20000))
