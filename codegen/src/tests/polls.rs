//! Polls (`InstKind::Poll`) compiled and run against words the test sets,
//! as a signal handler or another thread would.

use super::run_rt;
use crate::Compiler;
use pyjit_ir::{RuntimeTable, Trace};

/// `while i < n: s += i; i += 1` polling at its back-edge (inputs n, i,
/// s; every exit hands back i and s).
fn polled_loop(poll: &str) -> Trace {
    let text = format!(
        "trace polled inputs=3
b0():
  v0:i64 = input 0
  v1:i64 = input 1
  v2:i64 = input 2
  jump b1(v0, v1, v2)
b1(v3:i64, v4:i64, v5:i64):
  v6:bool = lt v4, v3
  br v6, b2(), b3()
b2():
  v7:i64 = iaddwrap v5, v4
  v8:i64 = const 1
  v9:i64 = iaddwrap v4, v8
  v10:bool = {poll}
  guard v10 == false else e0
  jump b1(v3, v9, v7)
b3():
  exit e1
e0: pc=7 depth=0 \"the interpreter has work waiting\" [local0=v9, local1=v7]
e1: pc=9 depth=0 \"loop done\" [local0=v4, local1=v5]
"
    );
    pyjit_ir::parse(&text).unwrap()
}

#[test]
fn polls_read_the_words_at_every_back_edge() {
    use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering::Relaxed};
    static PENDING: AtomicU8 = AtomicU8::new(0);
    static THREADS: AtomicUsize = AtomicUsize::new(0);
    let mut runtime = RuntimeTable::new();
    runtime.set_poll(pyjit_ir::PollWords { pending: PENDING.as_ptr() as usize, mask: 0xff, threads: THREADS.as_ptr() as usize });
    let mut c = Compiler::new(&runtime).unwrap();
    let (plain, alone) = (polled_loop("poll"), polled_loop("poll.alone"));
    let counted = polled_loop("poll.alone every 128");
    let (cp, ca, cc) = (c.compile(&plain).unwrap(), c.compile(&alone).unwrap(), c.compile(&counted).unwrap());
    // Nothing waiting: the loop runs to its end.
    assert_eq!(run_rt(&cp, &plain, &[1000, 0, 0], &runtime), (1, vec![1000, 499500, 0]));
    assert_eq!(run_rt(&cc, &counted, &[1000, 0, 0], &runtime), (1, vec![1000, 499500, 0]));
    // Another thread runs: only `alone` leaves, after one iteration, or
    // after 128 when it counts down.
    THREADS.store(1, Relaxed);
    assert_eq!(run_rt(&cp, &plain, &[1000, 0, 0], &runtime).0, 1);
    assert_eq!(run_rt(&ca, &alone, &[1000, 0, 0], &runtime), (0, vec![1, 0, 0]));
    assert_eq!(run_rt(&cc, &counted, &[1000, 0, 0], &runtime), (0, vec![128, 8128, 0]));
    THREADS.store(0, Relaxed);
    // A signal while the loop runs (set by another OS thread, as a signal
    // handler would): the loop sees it, so the word is read anew, not once
    // before the loop.
    let setter = std::thread::spawn(|| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        PENDING.store(1, Relaxed);
    });
    let mut state = vec![1u64 << 62, 0, 0];
    let e = unsafe { (cc.entry)(state.as_mut_ptr()) };
    setter.join().unwrap();
    assert_eq!(e, 0, "left for the signal");
    assert!(state[0] > 0 && state[0] < 1 << 62 && state[0] % 128 == 0, "{}", state[0]);
    PENDING.store(0, Relaxed);
}
