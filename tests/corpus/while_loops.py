# while loops: counters, conditions on floats, gcd, digit sums, while/else, loops whose condition changes type.

def count_down(n):
    c = 0
    while n > 0:  # jit: compiled
        n -= 3
        c += 1
    return c, n

def gcd(a, b):  # jit: compiled
    while b:  # jit: compiled
        a, b = b, a % b
    return a

def digit_sum(n):  # jit: compiled
    s = 0
    while n:  # jit: compiled
        s += n % 10
        n //= 10
    return s

def float_while():
    x = 0.0
    k = 0
    while x < 1000.0:  # jit: compiled
        x += 0.37
        k += 1
    return k, x

def gcd_total(n):
    t = 0
    for i in range(1, n):  # jit: compiled
        t += gcd(i * 7919, 104729 + i)
    return t

print(count_down(10000), count_down(0), count_down(-5))
print(gcd_total(3000))
print(sum(digit_sum(i) for i in range(5000)))  # jit: interpreted (unsupported instruction YieldValue)
k, x = float_while()
print(k, repr(x))

def while_else(limit):
    i = 0
    while i < limit:  # jit: compiled
        if i == 7777:
            break
        i += 1
    else:
        return "no break", i
    return "break", i

print(while_else(5000), while_else(10000))
