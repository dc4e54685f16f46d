# Signals reach compiled loops within an iteration: SIGINT raises
# KeyboardInterrupt where python3 raises it (same traceback), a SIGALRM
# handler that raises ends a loop that would run for hours, and one that
# only counts runs while the loop goes on (the loop sees what it changed).
import os
import signal
import sys
import threading
import time
import traceback


def spin(n):
    s = 0
    for i in range(n):  # jit: compiled
        s += i % 7
    return s


def spin_float(n):
    x = 0.0
    for i in range(n):  # jit: compiled
        x = x * 0.5 + i
    return x


def interrupt_after(delay):
    def send():
        time.sleep(delay)
        os.kill(os.getpid(), signal.SIGINT)

    t = threading.Thread(target=send)
    t.start()
    return t


# SIGINT sent by another thread.
t = interrupt_after(0.2)
t0 = time.time()
try:
    spin(10**15)
except KeyboardInterrupt:
    took = time.time() - t0
    traceback.print_exc(file=sys.stdout)
    print("interrupted in time:", 0.15 < took < 10)
t.join()


# A handler that raises.
class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout("alarm %d" % signum)


signal.signal(signal.SIGALRM, on_alarm)
signal.setitimer(signal.ITIMER_REAL, 0.2)
t0 = time.time()
try:
    spin_float(10**15)
except Timeout as e:
    print("handler raised:", e, 0.15 < time.time() - t0 < 10)

# A handler that only counts: the loop reads the global it changes.
ticks = 0


def on_tick(signum, frame):
    global ticks
    ticks += 1


def wait_ticks(k):
    n = 0
    while ticks < k:  # jit: compiled
        n += 1
    return n


signal.signal(signal.SIGALRM, on_tick)
signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
wait_ticks(3)
signal.setitimer(signal.ITIMER_REAL, 0)
signal.signal(signal.SIGALRM, signal.SIG_DFL)
print("ticks seen:", ticks >= 3)

# SIGINT in a loop at module level, its handler the default one.
t = interrupt_after(0.2)
total = 0
try:
    for i in range(10**15):  # jit: compiled
        total += i & 3
except KeyboardInterrupt:
    print("module loop interrupted:", total > 0)
t.join()
