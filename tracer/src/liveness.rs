//! Which locals are dead where: a local is dead before an instruction when
//! every path from there stores it before reading it.
//!
//! The recorder forgets dead locals where paths meet, the loop header above
//! all: a value an iteration makes and the next one rebinds (`a =
//! np.array(...)`, `tmp = [0.0] * 3`, the result of a mixed `min`) is then
//! neither carried round the loop nor checked at entry, and cannot split
//! the loop into versions by its type. An exit leaves a forgotten local as
//! the frame holds it, which no path can read before storing it again.

use crate::bytecode::{Code, Op};
use std::collections::HashMap;

/// Live locals before each instruction.
pub struct Liveness {
    live: HashMap<u32, Vec<u64>>,
    dead_ok: Vec<bool>,
}

fn set(bits: &mut [u64], n: u32) {
    bits[n as usize / 64] |= 1 << (n % 64);
}

fn clear(bits: &mut [u64], n: u32) {
    bits[n as usize / 64] &= !(1 << (n % 64));
}

impl Liveness {
    /// Backward dataflow to a fixed point over the code's instructions.
    pub fn compute(code: &Code) -> Liveness {
        let words = code.varnames.len().div_ceil(64).max(1);
        let mut live: HashMap<u32, Vec<u64>> = code.instrs.iter().map(|i| (i.index, vec![0; words])).collect();
        if code.dead_ok.iter().any(|d| *d) {
            let mut changed = true;
            while changed {
                changed = false;
                for i in code.instrs.iter().rev() {
                    let mut bits = vec![0u64; words];
                    // What raises may go on in a handler, which may read
                    // what the instruction's other successors would not.
                    let handlers = code.handlers.iter().filter(|(start, end, _)| (*start..*end).contains(&i.index)).map(|h| h.2);
                    for s in i.successors().into_iter().chain(handlers) {
                        if let Some(l) = live.get(&s) {
                            bits.iter_mut().zip(l).for_each(|(b, l)| *b |= l);
                        }
                    }
                    // Stores kill, then the reads before them gen.
                    match &i.op {
                        Op::StoreFast(n) => clear(&mut bits, *n),
                        Op::StoreFast2(a, b) => {
                            clear(&mut bits, *a);
                            clear(&mut bits, *b);
                        }
                        // Stores `a`, then reads `b` (which sees the store
                        // when it is `a`).
                        Op::StoreFastLoadFast(a, b) => {
                            clear(&mut bits, *a);
                            if a != b {
                                set(&mut bits, *b);
                            }
                        }
                        Op::LoadFast(n) | Op::LoadFastAndClear(n) | Op::LoadDeref(n) => set(&mut bits, *n),
                        Op::LoadFast2(a, b) => {
                            set(&mut bits, *a);
                            set(&mut bits, *b);
                        }
                        _ => {}
                    }
                    let old = live.get_mut(&i.index).expect("every instruction has a set");
                    if *old != bits {
                        *old = bits;
                        changed = true;
                    }
                }
            }
        }
        Liveness { live, dead_ok: code.dead_ok.clone() }
    }

    /// Whether local `n` is dead before the instruction at `pc` (and may be
    /// forgotten there).
    pub fn dead(&self, pc: u32, n: u32) -> bool {
        if !self.dead_ok.get(n as usize).copied().unwrap_or(false) {
            return false;
        }
        self.live.get(&pc).is_some_and(|bits| bits.get(n as usize / 64).is_some_and(|w| w & (1 << (n % 64)) == 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::{Const, Instr};

    fn code(ops: Vec<Op>, nlocals: usize) -> Code {
        Code {
            instrs: ops.into_iter().enumerate().map(|(i, op)| Instr { index: i as u32, next: i as u32 + 1, op }).collect(),
            varnames: (0..nlocals).map(|i| format!("x{i}")).collect(),
            fast_locals: true,
            dead_ok: vec![true; nlocals],
            ..Code::default()
        }
    }

    /// `for i in ...: a = i; s = s + a` then `return s`: `a` is dead at the
    /// header, `s` live; after the store `a` is live until its read.
    #[test]
    fn rebound_each_iteration_is_dead_at_the_header() {
        let c = code(
            vec![
                Op::ForIter { exhausted: 8 }, // 0: header
                Op::StoreFast(0),             // 1: i
                Op::LoadFast(0),              // 2
                Op::StoreFast(1),             // 3: a = i
                Op::LoadFast2(2, 1),          // 4: s, a
                Op::Other("BinaryOp".into()), // 5
                Op::StoreFast(2),             // 6: s = ...
                Op::Jump(0),                  // 7
                Op::LoadFast(2),              // 8
                Op::ReturnValue,              // 9
            ],
            3,
        );
        let l = Liveness::compute(&c);
        assert!(l.dead(0, 0) && l.dead(0, 1));
        assert!(!l.dead(0, 2));
        assert!(!l.dead(4, 1) && l.dead(5, 1));
    }

    /// A local read after the loop is live at the header.
    #[test]
    fn read_after_the_loop_is_live() {
        let c = code(
            vec![
                Op::ForIter { exhausted: 4 }, // 0
                Op::StoreFast(0),             // 1
                Op::Jump(0),                  // 2
                Op::Nop,                      // 3
                Op::LoadFast(0),              // 4
                Op::ReturnValue,              // 5
            ],
            1,
        );
        assert!(!Liveness::compute(&c).dead(0, 0));
    }

    /// Read on one arm only: live before the branch.
    #[test]
    fn read_on_one_arm_is_live() {
        let c = code(
            vec![
                Op::LoadConst(Const::Bool(true)),           // 0
                Op::PopJumpIf { target: 4, when: true },    // 1
                Op::LoadFast(0),                            // 2
                Op::ReturnValue,                            // 3
                Op::LoadConst(Const::Int(1)),               // 4
                Op::StoreFast(0),                           // 5
                Op::LoadFast(0),                            // 6
                Op::ReturnValue,                            // 7
            ],
            1,
        );
        let l = Liveness::compute(&c);
        assert!(!l.dead(0, 0) && !l.dead(1, 0));
        assert!(l.dead(4, 0) && l.dead(5, 0) && !l.dead(6, 0));
    }

    /// `for i in ...: a = i; b = i` in a `try` whose handler reads `a`:
    /// `a` is live wherever an exception may go to the handler before `a`
    /// is stored again, and `b` (read by no path) stays dead.
    #[test]
    fn a_handler_s_reads_are_live_in_its_range() {
        let mut c = code(
            vec![
                Op::ForIter { exhausted: 6 }, // 0: header, in the try
                Op::StoreFast(0),             // 1: i
                Op::LoadFast(0),              // 2
                Op::StoreFast(1),             // 3: a = i
                Op::StoreFast(2),             // 4: b = ...
                Op::Jump(0),                  // 5
                Op::Nop,                      // 6: after the loop
                Op::ReturnValue,              // 7
                Op::LoadFast(1),              // 8: the handler reads a
                Op::ReturnValue,              // 9
            ],
            3,
        );
        let l = Liveness::compute(&c);
        assert!(l.dead(0, 1) && l.dead(0, 2));
        c.handlers = vec![(0, 6, 8)];
        let l = Liveness::compute(&c);
        assert!(!l.dead(0, 1) && !l.dead(4, 1));
        assert!(l.dead(0, 2) && l.dead(2, 2));
    }

    /// Nothing is dead where the decoder forbids it.
    #[test]
    fn nothing_dead_without_permission() {
        let mut c = code(vec![Op::StoreFast(0), Op::ReturnValue], 1);
        assert!(Liveness::compute(&c).dead(0, 0));
        c.dead_ok.clear();
        assert!(!Liveness::compute(&c).dead(0, 0));
    }
}
