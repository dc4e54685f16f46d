# sys.exit("message") from inside a hot loop: message on stderr, exit status 1; also SystemExit caught once.
import sys

def run(n, msg):
    x = 0.0
    for i in range(n):  # jit: compiled
        x += 0.25
        if x > 1000.0:
            sys.exit(msg)
    return x

try:
    run(10000, "caught message")
except SystemExit as e:
    print("caught SystemExit", e.code)
try:
    run(10000, 0)
except SystemExit as e:
    print("caught SystemExit", e.code)
print(repr(run(3000, "x")))
run(10000, "fatal: x went over 1000.0")
print("not reached")
