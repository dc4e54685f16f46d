# List slices in compiled loops take the slice's ints; the slice object
# itself is made only where the interpreter needs it: at an exit taken
# while it is on the stack (a zero step, a list that stops holding only
# numbers), where the interpreter then does the subscript itself and
# raises or goes on as CPython does.


def zero_step(n):
    a = list(range(12))
    total = 0
    for i in range(n):  # jit: compiled
        step = 2 - i // 1500
        try:
            total += sum(a[1:11:step])
        except ValueError as e:
            total -= 1
            if i == 3000:
                print("ValueError:", e)
    return total


def stops_holding_numbers(n):
    a = list(range(10))
    seen = []
    for i in range(n):  # jit: compiled
        a[2:5] = a[5:8]
        if i == n // 2:
            a[9] = "x"
        if i % 700 == 0:
            seen.append(a[:6])
    return seen, a


def reversed_prefixes(n):
    perm = list(range(9))
    flips = 0
    for i in range(n):  # jit: compiled
        k = perm[0] or (i % 8) + 1
        perm[:k + 1] = perm[k::-1]
        flips += perm[0]
    return flips, perm


print(zero_step(4000))
print(stops_holding_numbers(3000))
print(reversed_prefixes(5000))
