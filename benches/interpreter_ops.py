"""Interpreter micro-operations: nanoseconds per operation for 25 common
operations (calls, method calls, attribute and global access, loops over
lists, generators, closures, str formatting, ...), each in a loop of its
own. For the interpreter underneath (`pyjit --no-jit`) against CPython:

    python3 benches/interpreter_ops.py > cpython.txt
    target/release/pyjit --no-jit benches/interpreter_ops.py > pyjit.txt
    paste cpython.txt pyjit.txt

Each line: the operation and ns per operation (including its loop's own
step). An optional argument sets the iterations (default 300000).
"""
import time, sys
class C:
    K = 3
    def __init__(self, a): self.a = a; self.b = None
    def m(self): return self.a
    def m2(self, x, y): return x
    @property
    def p(self): return self.a
class D(C):
    def m(self): return self.a + 1
G = 5
def f0(): return 1
def f2(a, b): return a
def fk(a, b=2, *, c=3): return a
def t_call0(n):
    for i in range(n): f0()
def t_call2(n):
    for i in range(n): f2(i, i)
def t_callkw(n):
    for i in range(n): fk(i, c=1)
def t_meth(n):
    o = C(1)
    for i in range(n): o.m()
def t_meth2(n):
    o = C(1)
    for i in range(n): o.m2(i, i)
def t_submeth(n):
    o = D(1)
    for i in range(n): o.m()
def t_attr(n):
    o = C(1)
    for i in range(n): o.a
def t_setattr(n):
    o = C(1)
    for i in range(n): o.a = i
def t_classattr(n):
    o = C(1)
    for i in range(n): o.K
def t_prop(n):
    o = C(1)
    for i in range(n): o.p
def t_global(n):
    for i in range(n): G
def t_new(n):
    for i in range(n): C(i)
def t_list_append(n):
    l = []
    for i in range(n): l.append(i)
def t_listcomp(n):
    for i in range(n // 10): [x for x in range(10)]
def t_isnone(n):
    o = C(1)
    for i in range(n):
        if o.b is None: pass
def t_cmp(n):
    x = 0
    for i in range(n):
        if i < 5: x += 1
def t_len(n):
    l = [1, 2]
    for i in range(n): len(l)
def t_isinstance(n):
    o = C(1)
    for i in range(n): isinstance(o, C)
def t_dict(n):
    d = {'a': 1}
    for i in range(n): d['a']
def t_tuple(n):
    for i in range(n): a, b = (i, i)
def t_closure(n):
    z = 1
    def g(): return z
    for i in range(n): g()
def t_gen(n):
    def g(k):
        for j in range(k): yield j
    for i in range(n // 10):
        for x in g(10): pass
def t_str(n):
    for i in range(n): "a%d" % i
def t_forlist(n):
    l = list(range(100))
    for i in range(n // 100):
        for x in l: pass
def t_while(n):
    i = 0
    while i < n: i += 1
tests = [v for k, v in list(globals().items()) if k.startswith('t_')]
n = int(sys.argv[1]) if len(sys.argv) > 1 else 300000
for t in tests:
    t0 = time.perf_counter(); t(n); dt = time.perf_counter() - t0
    print(f"{t.__name__:14s} {dt*1e9/n:7.1f} ns")
