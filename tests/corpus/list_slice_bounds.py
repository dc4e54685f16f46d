# Slices of lists of numbers read and assigned in compiled loops, at every
# kind of bound: negative, past either end, empty, reversed, with steps of
# both signs; assignments that grow and shrink the list and that take the
# list itself, and an extended slice of the wrong length (the interpreter
# raises it).


def reads(n):
    a = list(range(10))
    s = 0
    for i in range(n):  # jit: compiled
        lo = i % 13 - 6
        hi = i % 17 - 3
        s += len(a[lo:hi]) + sum(a[lo:]) + sum(a[:hi]) + len(a[hi:lo])
        s += sum(a[lo:hi:2]) + sum(a[hi:lo:-1]) + sum(a[::-3]) + sum(a[100:]) + sum(a[-100:2])
        s += a[lo::-1][0] if a[lo::-1] else 7
    return s


def assigns(n):
    a = [0, 1, 2, 3]
    lens = 0
    for i in range(n):  # jit: compiled
        k = i % 5
        if len(a) > 40:
            a[k:] = [i, i + 1]
        elif i % 3 == 0:
            a[k:k + 2] = a
        elif i % 3 == 1:
            a[-k - 1:-1] = [i]
        else:
            a[:k + 1] = a[k::-1]
        lens += len(a)
    return lens, a


def wrong_length(n):
    a = list(range(8))
    done = 0
    try:
        for i in range(n):  # jit: compiled
            a[:4] = a[3::-1]
            done += 1
            if i == n - 2:
                a[::2] = [1, 2]
    except ValueError as e:
        print("ValueError:", e)
    return done, a


print(reads(3000))
print(assigns(3000))
print(wrong_length(2500))
