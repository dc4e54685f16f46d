# Slices of lists (read, with steps and negative bounds, folded constant
# slices, None bounds, a zero step) and slice assignment (fannkuch's flip,
# extended slices of the wrong length), and the list methods compiled code
# calls: pop (empty list, index out of range, an element of another type),
# insert (indices clamped both ways), reverse and copy.


def reads(n):
    a = list(range(10))
    s = 0
    for i in range(n):  # jit: compiled
        b = a[1:5]
        s += b[0] + len(a[::2]) + len(a[i % 7:]) + a[:3][-1]
        c = a[::-1]
        s += c[0] + a[-3:][0] + len(a[i % 5:-(i % 3) - 1:2]) + len(a[::-(i % 3 + 1)])
    return s


print(reads(3000))


def zero_step(n):
    a = [1, 2, 3]
    s = 0
    try:
        for i in range(n):  # jit: compiled
            step = 1 if i < 2500 else 0
            s += len(a[::step])
    except ValueError as e:
        print("ValueError", e, s)
    return s


print(zero_step(3000))


def flips(n):
    perm = [3, 1, 4, 0, 5, 7, 2, 6]
    total = 0
    for i in range(n):  # jit: compiled
        p = perm[:]
        k = p[0]
        while k:  # jit: compiled
            p[:k + 1] = p[k::-1]
            total += 1
            k = p[0]
        perm.insert(i % 5, perm.pop(0))
    return total, perm


print(flips(3000))


def stack(n):
    st = [1.5]
    s = 0.0
    for i in range(n):  # jit: compiled
        st.append(i * 0.5)
        st.append(i * 0.25)
        s += st.pop() - st.pop(-1)
        if i % 100 == 0:
            st.reverse()
    return s, len(st)


print(stack(3000))


def pop_until_empty(n):
    s = 0
    lst = [5, 3]
    try:
        for i in range(n):  # jit: compiled
            s += lst.pop()
            if i < 3000:
                lst.append(i)
    except IndexError as e:
        print("IndexError", e)
    return s


print(pop_until_empty(5000))


def pop_mixed(n):
    lst = list(range(n))
    lst[n // 2] = 2.5
    s = 0
    while lst:  # jit: compiled
        s += lst.pop(0) * 2
    return s


print(pop_mixed(4000))


def extended(n):
    a = [1, 2, 3, 4, 5, 6]
    s = 0
    try:
        for i in range(n):  # jit: compiled
            a[::2] = a[1::2]
            s += a[0]
            if i == 4000:
                a[::2] = [1, 2]
    except ValueError as e:
        print("ValueError", e)
    return s, a


print(extended(5000))


def inserts(n):
    a = [1.0, 2.0]
    s = 0.0
    for i in range(n):  # jit: compiled
        c = a.copy()
        c.insert(-100, 0.5)
        c.insert(100, 9.5)
        c.insert(1, True)
        c.insert(-1, i)
        s += c[0] + c[-1] + c[1] + c[-2]
    return s


print(inserts(3000))


def aliases(n):
    a = [0] * 8
    b = a
    for i in range(n):  # jit: compiled
        b[2:4] = [i, i + 1]
        a.insert(0, a.pop())
    return a, b is a


print(aliases(3001))


def more_methods(n):
    a = [5, 3, 9, 1]
    b = [2.5, 0.5]
    out = []
    for i in range(n):  # jit: compiled
        a.append(i % 13)
        a.sort()
        if len(a) > 20:
            out.append(a.index(i % 13) + a.count(3))
            a.clear()
            a.extend([7, 1, 4])
        b.extend(b[:1])
        if len(b) > 10:
            del b[5:]
    try:
        a.index(99)
    except ValueError:
        print("ValueError")  # the VM words the message differently
    return out[:10], len(out), a, b


print(more_methods(3000))


def sort_mixed_numbers(n):
    a = [3, 1.5, True, -2, 0.0, 2.5]
    s = 0
    for i in range(n):  # jit: compiled
        a.sort()
        s += a.index(True) + a.count(0) + a.count(1)
        a.append(i % 7 - 3.5)
        a.reverse()
        if len(a) > 30:
            a.clear()
            a.extend([3, 1.5, True, -2])
    return s, a


print(sort_mixed_numbers(2000))


def bound_methods(n):
    perm1 = list(range(7))
    ins = perm1.insert
    pop = perm1.pop
    out = []
    push = out.append
    for i in range(n):  # jit: compiled
        ins(i % 5, pop(0))
        if i % 500 == 0:
            push(perm1[0] * 10 + perm1[-1])
        if i == n // 2:
            perm1.append(99)
            perm1.pop()
    rev = out.reverse
    rev()
    return perm1, out


print(bound_methods(3000))


def bound_method_rebound(n):
    a = [1, 2, 3]
    b = [4.5]
    add = a.append
    s = 0
    for i in range(n):  # jit: compiled
        add(i % 3)
        if len(a) > 10:
            a.clear()
            add = b.append if add.__self__ is a else a.append
        s += len(a) + len(b)
    return s, a, b[:5]


print(bound_method_rebound(3000))
