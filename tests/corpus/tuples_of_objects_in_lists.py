# Lists of tuples whose items are lists, tuples, numbers and any other
# objects: compiled code reads each item as what it is (checked), unpacks
# lists of known length, and unpacks objects the interpreter saw to be
# tuples or lists. Items read out of tuples stay alive while code the trace
# calls replaces what held them.


def bodies_step(pairs, bodies, dt, n):
    # nbody's shape: pairs of (position list, velocity list, mass).
    for _ in range(n):  # jit: compiled
        for (([x1, y1, z1], v1, m1), ([x2, y2, z2], v2, m2)) in pairs:  # jit: compiled
            dx = x1 - x2
            dy = y1 - y2
            dz = z1 - z2
            mag = dt * ((dx * dx + dy * dy + dz * dz) ** (-1.5))
            v1[0] -= dx * m2 * mag
            v1[1] -= dy * m2 * mag
            v1[2] -= dz * m2 * mag
            v2[0] += dx * m1 * mag
            v2[1] += dy * m1 * mag
            v2[2] += dz * m1 * mag
        for (r, [vx, vy, vz], m) in bodies:
            r[0] += dt * vx
            r[1] += dt * vy
            r[2] += dt * vz


def make_bodies(k):
    out = []
    for i in range(k):
        out.append(([float(i), 0.5 * i, -0.25 * i], [0.01 * i, 0.0, -0.02], 1.0 + i / 7))
    return out


bodies = make_bodies(5)
pairs = [(bodies[i], bodies[j]) for i in range(5) for j in range(i + 1, 5)]
bodies_step(pairs, bodies, 0.01, 400)
for r, v, m in bodies:
    print([round(c, 9) for c in r], [round(c, 9) for c in v], m)


def names_and_counts(items):
    # Items of any class: a str and an int.
    total = 0
    names = []
    for name, count in items:  # jit: compiled
        total += count
        names.append(name.upper())
    return total, names[:3], len(names)


items = [("k%d" % i, i * 3) for i in range(3000)]  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
print(names_and_counts(items))
# A tuple of another shape half way: the loop leaves and the interpreter
# goes on (here, an int where a str was, and then a 3-tuple that raises).
items[1500] = (15, 0)
try:
    print(names_and_counts(items))
except AttributeError as e:
    print("AttributeError", e)
items[1500] = ("a", 1, 2)
try:
    print(names_and_counts(items))
except ValueError as e:
    print("ValueError", e)


def unpack_rows(rows):
    # Lists of numbers unpacked by length; a row of another length raises
    # ValueError where the interpreter would.
    s = 0.0
    done = 0
    for row in rows:  # jit: compiled
        try:
            a, b, c = row
        except ValueError as e:
            print("row", done, e)
            continue
        s += a * b - c
        done += 1
    return s, done


rows = [[i * 0.5, i * 0.25, 1.0] for i in range(2000)]  # jit: compiled
print(unpack_rows(rows))
rows[700] = [1.0, 2.0]
rows[1400] = [1.0, 2.0, 3.0, 4.0]
print(unpack_rows(rows))


def unpack_values(d):
    # Objects the interpreter saw as 2-tuples (dict values, read through
    # the VM): unpacked by compiled code, a list among them included.
    sx = 0
    names = 0
    for v in d.values():  # jit: compiled
        k, name = v
        sx += k
        names += len(name)
    return sx, names


d = {i: (i, "n" * (i % 5)) for i in range(3000)}  # jit: interpreted (unsupported instruction MapAdd)
print(unpack_values(d))
d[2000] = [7, "list"]
print(unpack_values(d))
d[2500] = (1, 2, 3)
try:
    print(unpack_values(d))
except ValueError as e:
    print("ValueError", e)


def replace_while_held(lst, others, n):
    # The tuple read out of the list is replaced by a store the trace
    # leaves to the VM, which frees it: the str it held, which the trace
    # goes on using, must stay alive (the run holds it).
    total = 0
    for i in range(n):  # jit: compiled
        name, k = lst[0]
        lst[0] = (others[i % 2] + str(i), k + 1)
        junk = others[1 - i % 2] + "xy" * (i % 5)
        total += k * 3 + i - 1 + len(junk)
        total += len(name) + ord(name[-1])
    return total, lst[0]


print(replace_while_held([("item" + "0" * 40, 0)], ["a" * 30 + "b", "c" * 50 + "d"], 3000))
