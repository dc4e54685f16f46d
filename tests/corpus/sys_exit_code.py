# sys.exit(3) from inside a hot loop: prior output is flushed and the exit status is 3.
import sys

def run(n):
    s = 0
    for i in range(n):  # jit: interpreted (mostly operations through the VM (object mode): cheaper interpreted)
        s += i
        if i == 7000:
            print("exiting at", i, s)
            sys.exit(3)
    return s

print(run(5000))
try:
    run(8000)
finally:
    print("finally runs")
print("not reached")
