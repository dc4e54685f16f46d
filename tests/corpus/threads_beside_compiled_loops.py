# Other threads run beside compiled loops, and compiled loops see what they
# change: a global flag, items appended to a list, a queue.Queue feeding a
# consumer whose inner loop is native, Event.wait with a timeout ending on
# time in another thread, a ticker thread running while loops compile.
import queue
import sys
import threading
import time

sys.setswitchinterval(0.001)
progress = 0


def worker(n):
    global progress
    for k in range(n):
        time.sleep(0.002)
        progress += 1


def wait_progress(k):
    n = 0
    while progress < k:  # jit: compiled
        n += 1
    return n


t = threading.Thread(target=worker, args=(20,))
t.start()
wait_progress(20)
t.join()
print("global seen:", progress)

# The same at module level, where the loop's own variables are globals.
progress = 0
t = threading.Thread(target=worker, args=(10,))
t.start()
spins = 0
while progress < 10:  # jit: compiled
    spins += 1
t.join()
print("module loop saw:", progress)

# A list another thread appends to.
out = []


def appender():
    for k in range(5):
        time.sleep(0.01)
        out.append(k * k)


def wait_len(lst, k):
    spins = 0
    while len(lst) < k:  # jit: compiled
        spins += 1
    return spins


t = threading.Thread(target=appender)
t.start()
wait_len(out, 5)
t.join()
print("list seen:", out)

# A producer and a consumer whose inner loop compiles.
q = queue.Queue()


def producer():
    for k in range(1, 41):
        q.put(k * 500)
    q.put(None)


def consume():
    total = 0
    while True:  # jit: interpreted (unsupported instruction LoadSpecial)
        item = q.get()
        if item is None:
            break
        for i in range(item):  # jit: compiled
            total += i * i % 11
    return total


t = threading.Thread(target=producer)
t.start()
print("consumed:", consume())
t.join()


# Event.wait with a timeout, in a thread, while the main thread computes.
def busy(n):  # jit: compiled
    s = 0
    for i in range(n):  # jit: compiled
        s += i % 7
    return s


waited = []


def waiter():
    ev = threading.Event()
    t0 = time.time()
    r = ev.wait(0.05)
    waited.append((r, time.time() - t0 < 5))


def wait_for(lst):
    n = 0
    while not lst:  # jit: compiled
        n += 1
    return n


t = threading.Thread(target=waiter)
t.start()
wait_for(waited)
t.join()
print("wait timed out:", waited)

# A ticker beside loops that compile and run.
ticks = [0]
stop = threading.Event()


def ticker():
    while not stop.is_set():
        ticks[0] += 1
        time.sleep(0.001)


t = threading.Thread(target=ticker)
t.start()
t0 = time.time()
while time.time() - t0 < 0.3:  # jit: compiled
    busy(20000)
stop.set()
t.join()
print("ticker ran beside:", ticks[0] > 10)
