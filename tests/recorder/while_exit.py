# A while loop whose exit leaves from the middle (break) and an int that
# may overflow to a big int (an exit back to the interpreter).
def collatz(n):
    steps = 0
    while True:
        if n == 1:
            break
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps

print(sum(collatz(k) for k in range(1, 300)))
