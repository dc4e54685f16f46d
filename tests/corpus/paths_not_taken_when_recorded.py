# Branches to code the interpreter had not run when a loop got hot (an
# error path, `if verbose:`, the other arm of a test on the data) leave
# native code there instead of being compiled; once a run takes such a
# path, the loop is recorded again with it. Each cold path here is taken
# later, in the loop itself and in a function inlined into it, with an
# exception raised and caught on one of them.

verbose = False


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.log = []


def withdraw(acct, amount):  # jit: interpreted (a function without loops or recursion: cheaper interpreted than entered)
    if amount > acct.balance:
        raise ValueError("insufficient funds in " + acct.name)
    acct.balance -= amount
    if verbose:
        acct.log.append(amount)
    return acct.balance


def run(accounts, amounts):
    total = 0
    failed = 0
    for i in range(len(amounts)):  # jit: compiled
        acct = accounts[i % len(accounts)]
        try:
            total += withdraw(acct, amounts[i])
        except ValueError as e:
            failed += 1
            if failed < 3:
                print("failed:", e)
        if amounts[i] < 0:
            total -= 1000
    return total, failed


def classify(xs):
    small = big = odd = 0
    for x in xs:  # jit: compiled
        if x < 1000:
            small += 1
        elif x % 2:
            odd += x
        else:
            big += 1
    return small, big, odd


accounts = [Account("a%d" % k, 10**9) for k in range(3)]
print(run(accounts, [1, 2, 3] * 2000))
print(run(accounts, [1, 2, 3] * 2000 + [10**10] * 5 + [-1] * 3))
verbose = True
print(run(accounts, [5] * 3000), [len(a.log) for a in accounts])
print(classify(list(range(900)) * 5))
print(classify(list(range(900)) * 5 + list(range(1000, 1100))))
print(classify([1001, 1002] * 2000 + [7]))
