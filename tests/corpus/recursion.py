# Recursion: fib, ackermann (small), mutual recursion, recursive sum with accumulator.
import sys

def fib(n):  # jit: compiled
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

print([fib(i) for i in range(15)], fib(22))

def ack(m, n):  # jit: compiled
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))

print(ack(1, 5), ack(2, 3), ack(2, 50), ack(3, 3))

def is_even(n):
    return True if n == 0 else is_odd(n - 1)

def is_odd(n):
    return False if n == 0 else is_even(n - 1)

print(is_even(200), is_odd(201), is_even(7))

def rsum(n, acc=0):
    if n == 0:
        return acc
    return rsum(n - 1, acc + n)

print(rsum(500))

def ffib(n):  # jit: interpreted (a recursive function returning values of several types)
    if n < 2.0:
        return n
    return ffib(n - 1.0) + ffib(n - 2.0)

print(repr(ffib(18.0)), repr(ffib(18.5)))

def hanoi(n, a, b, c):  # jit: compiled
    if n == 0:
        return 0
    return hanoi(n - 1, a, c, b) + 1 + hanoi(n - 1, c, b, a)

print(hanoi(14, 1, 2, 3))
