//! Integer range analysis, and the overflow checks it proves redundant.
//!
//! Every i64 (and bool) value gets an interval, computed by a forward
//! fixpoint over the blocks: block parameters join their incoming
//! arguments, and a parameter still growing after a few rounds is widened
//! to the full i64 range, so loop-carried values settle at once. A checked
//! `+ - *` whose operands' intervals cannot overflow becomes its wrapping
//! form, without its exit: `(i % 1000) * 3 + 1` needs no checks whatever
//! `i` is. That keeps exits (and their snapshots) off the hot path and lets
//! LLVM treat the arithmetic as plain integer math.

use pyjit_ir::*;

/// A closed interval of Python ints (i128 so bounds never overflow).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Range {
    pub(crate) lo: i128,
    pub(crate) hi: i128,
}

const FULL: Range = Range { lo: i64::MIN as i128, hi: i64::MAX as i128 };

impl Range {
    fn point(x: i128) -> Range {
        Range { lo: x, hi: x }
    }
    fn join(self, o: Range) -> Range {
        Range { lo: self.lo.min(o.lo), hi: self.hi.max(o.hi) }
    }
    fn fits(self) -> bool {
        self.lo >= i64::MIN as i128 && self.hi <= i64::MAX as i128
    }
    /// The values an i64 operation producing `self` can give: an exact
    /// result outside i64 means a wrap or an exit, so nothing is known.
    fn or_full(self) -> Range {
        if self.fits() { self } else { FULL }
    }
    /// The part inside i64 (a checked op exits otherwise).
    fn clamp(self) -> Range {
        Range { lo: self.lo.max(i64::MIN as i128), hi: self.hi.min(i64::MAX as i128) }
    }
    fn add(self, o: Range) -> Range {
        Range { lo: self.lo + o.lo, hi: self.hi + o.hi }
    }
    fn sub(self, o: Range) -> Range {
        Range { lo: self.lo - o.hi, hi: self.hi - o.lo }
    }
    fn mul(self, o: Range) -> Range {
        // i64 x i64 fits in i128.
        let c = [self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi];
        Range { lo: *c.iter().min().unwrap(), hi: *c.iter().max().unwrap() }
    }
    fn nonneg(self) -> bool {
        self.lo >= 0
    }
}

/// Python `x % m` for a divisor range that excludes 0: the result lies
/// between 0 and the divisor (exclusive), on the divisor's side.
fn py_mod(x: Range, m: Range) -> Range {
    if m.lo > 0 {
        if x.nonneg() && x.hi < m.lo {
            return x;
        }
        Range { lo: 0, hi: m.hi - 1 }
    } else if m.hi < 0 {
        Range { lo: m.lo + 1, hi: 0 }
    } else {
        FULL
    }
}

/// Python `x // m` for a constant `m` other than 0 and -1: monotone in x.
fn py_floordiv(x: Range, m: Range) -> Range {
    if m.lo != m.hi || m.lo == 0 || m.lo == -1 {
        return FULL;
    }
    let d = m.lo;
    let floor = |n: i128| -> i128 {
        let q = n / d;
        if n % d != 0 && ((n < 0) != (d < 0)) { q - 1 } else { q }
    };
    // Monotone (increasing for d > 0, decreasing for d < 0).
    let (p, q) = (floor(x.lo), floor(x.hi));
    Range { lo: p.min(q), hi: p.max(q) }
}

pub(crate) struct Analysis<'t> {
    t: &'t Trace,
    ranges: Vec<Option<Range>>,
}

impl Analysis<'_> {
    pub(crate) fn get(&self, v: Value) -> Range {
        match self.t.ty(v) {
            Type::Bool => self.ranges[v.0 as usize].unwrap_or(Range { lo: 0, hi: 1 }),
            Type::I64 => self.ranges[v.0 as usize].unwrap_or(FULL),
            Type::F64 => FULL,
        }
    }

    /// The interval of an instruction's result from its operands'.
    fn transfer(&self, kind: &InstKind) -> Option<Range> {
        let g = |v: &Value| self.get(*v);
        Some(match kind {
            InstKind::Const { bits } => Range::point(*bits as i64 as i128),
            InstKind::Input { .. } => FULL,
            InstKind::Unary { op: UnOp::BToI, a } => g(a),
            InstKind::Binary { op, a, b } => {
                let (x, y) = (g(a), g(b));
                match op {
                    BinOp::IAddWrap => x.add(y).or_full(),
                    BinOp::ISubWrap => x.sub(y).or_full(),
                    BinOp::IMulWrap => x.mul(y).or_full(),
                    BinOp::IAnd if x.nonneg() || y.nonneg() => {
                        let hi = match (x.nonneg(), y.nonneg()) {
                            (true, true) => x.hi.min(y.hi),
                            (true, false) => x.hi,
                            _ => y.hi,
                        };
                        Range { lo: 0, hi }
                    }
                    // 32-bit unsigned results.
                    BinOp::IDivU32 => Range { lo: 0, hi: u32::MAX as i128 },
                    BinOp::IRemU32 if y.lo >= 1 && y.hi <= u32::MAX as i128 => Range { lo: 0, hi: y.hi - 1 },
                    BinOp::IRemU32 => Range { lo: 0, hi: u32::MAX as i128 - 1 },
                    _ => return None,
                }
            }
            InstKind::Checked { op, a, b, .. } => {
                let (x, y) = (g(a), g(b));
                match op {
                    CheckedOp::IAdd => x.add(y).clamp(),
                    CheckedOp::ISub => x.sub(y).clamp(),
                    CheckedOp::IMul => x.mul(y).clamp(),
                    CheckedOp::IMod => py_mod(x, y),
                    CheckedOp::IFloorDiv => py_floordiv(x, y),
                    _ => return None,
                }
            }
            InstKind::Select { a, b, .. } => g(a).join(g(b)),
            InstKind::Load { mem, .. } => match mem {
                MemTy::I32 => Range { lo: i32::MIN as i128, hi: i32::MAX as i128 },
                MemTy::I8 => Range { lo: i8::MIN as i128, hi: i8::MAX as i128 },
                MemTy::U8 => Range { lo: 0, hi: 255 },
                _ => return None,
            },
            _ => return None,
        })
    }

    pub(crate) fn run(t: &Trace) -> Analysis<'_> {
        let mut a = Analysis { t, ranges: vec![None; t.types.len()] };
        // Block parameters: the join of what every edge passes. Rounds
        // past WIDEN_AFTER send a still-changing parameter to FULL.
        // Widening bounds the rounds: after it a parameter changes at most
        // once more (to FULL), so the loop below ends; MAX_ROUNDS is a
        // safety net that gives up (all FULL) rather than stop early.
        const WIDEN_AFTER: usize = 3;
        const MAX_ROUNDS: usize = 200;
        for round in 0.. {
            if round == MAX_ROUNDS {
                a.ranges = vec![None; t.types.len()];
                a.ranges.iter_mut().for_each(|r| *r = Some(FULL));
                break;
            }
            let mut changed = false;
            for b in &t.blocks {
                for inst in &b.insts {
                    if let Some(r) = inst.result {
                        let unknown = if t.ty(r) == Type::Bool { Range { lo: 0, hi: 1 } } else { FULL };
                        let new = a.transfer(&inst.kind).unwrap_or(unknown);
                        if a.ranges[r.0 as usize] != Some(new) {
                            a.ranges[r.0 as usize] = Some(new);
                            changed = true;
                        }
                    }
                }
                for call in b.term.clone().calls_mut() {
                    let params = &t.blocks[call.block.0 as usize].params;
                    for (p, arg) in params.iter().zip(&call.args) {
                        if t.ty(*p) == Type::F64 {
                            continue;
                        }
                        let incoming = a.get(*arg);
                        let old = a.ranges[p.0 as usize];
                        let mut new = old.map_or(incoming, |o| o.join(incoming));
                        if old.is_some() && old != Some(new) && round >= WIDEN_AFTER {
                            new = if t.ty(*p) == Type::Bool { Range { lo: 0, hi: 1 } } else { FULL };
                        }
                        if old != Some(new) {
                            a.ranges[p.0 as usize] = Some(new);
                            changed = true;
                        }
                    }
                }
            }
            if !changed {
                break;
            }
        }
        a
    }
}

/// Rewrites checked `+ - *` that cannot overflow into wrapping ops.
/// Returns how many checks were removed.
pub fn run(t: &mut Trace) -> usize {
    // Parameters that never received a value (unreachable blocks) stay
    // unknown: `get` reads them as FULL, which is safe.
    let a = Analysis::run(t);
    let mut removed = Vec::new();
    for (bi, b) in t.blocks.iter().enumerate() {
        for (ii, inst) in b.insts.iter().enumerate() {
            if let InstKind::Checked { op, a: x, b: y, .. } = inst.kind {
                let (rx, ry) = (a.get(x), a.get(y));
                let wrap = match op {
                    CheckedOp::IAdd => rx.add(ry).fits().then_some(BinOp::IAddWrap),
                    CheckedOp::ISub => rx.sub(ry).fits().then_some(BinOp::ISubWrap),
                    CheckedOp::IMul => rx.mul(ry).fits().then_some(BinOp::IMulWrap),
                    _ => None,
                };
                if let Some(w) = wrap {
                    removed.push((bi, ii, w, x, y));
                }
            }
        }
    }
    for &(bi, ii, op, x, y) in &removed {
        t.blocks[bi].insts[ii].kind = InstKind::Binary { op, a: x, b: y };
    }
    removed.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::exit;


    /// `while i < n: s += (i % 1000) * 3 + 1; i += 1` with checked ops.
    fn helper_loop() -> Trace {
        let mut t = Trace::new("t");
        let e = t.entry_block();
        let n = t.push(e, Type::I64, InstKind::Input { slot: 0 });
        let i0 = t.push(e, Type::I64, InstKind::Input { slot: 1 });
        let s0 = t.push(e, Type::I64, InstKind::Input { slot: 2 });
        let h = t.new_block(&[Type::I64, Type::I64]);
        let (i, s) = (t.block(h).params[0], t.block(h).params[1]);
        t.set_term(e, Terminator::Jump(BlockCall { block: h, args: vec![i0, s0] }));
        let body = t.new_block(&[]);
        let done = t.new_block(&[]);
        let c = t.push(h, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: i, b: n });
        t.set_term(h, Terminator::Branch {
            cond: c,
            then: BlockCall { block: body, args: vec![] },
            els: BlockCall { block: done, args: vec![] },
        });
        let x = exit(&mut t, &[i, s]);
        let k = t.const_i64(body, 1000);
        let m = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IMod, a: i, b: k, exit: x });
        let three = t.const_i64(body, 3);
        let p = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IMul, a: m, b: three, exit: x });
        let one = t.const_i64(body, 1);
        let q = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: p, b: one, exit: x });
        let s2 = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: s, b: q, exit: x });
        let i2 = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: i, b: one, exit: x });
        t.set_term(body, Terminator::Jump(BlockCall { block: h, args: vec![i2, s2] }));
        let out = exit(&mut t, &[i, s]);
        t.set_term(done, Terminator::Exit(out));
        t.num_inputs = 3;
        t
    }

    #[test]
    fn agrees_with_the_interpreter_at_the_edges() {
        let t0 = helper_loop();
        let mut t1 = t0.clone();
        run(&mut t1);
        for (n, i, s) in [
            (50i64, 0i64, 0i64),
            (50, -20, 5),
            (i64::MIN + 5, i64::MIN, 0),
            (i64::MIN + 3, i64::MIN, 7),
            (5, 0, i64::MAX - 3000),
            (5, 0, i64::MIN),
            (i64::MAX, i64::MAX - 2, -4),
        ] {
            let mut a = vec![n as u64, i as u64, s as u64];
            let mut b = a.clone();
            let ea = interp::run(&t0, &mut a, 1_000_000);
            let eb = interp::run(&t1, &mut b, 1_000_000);
            assert!(ea.is_ok(), "{ea:?}");
            assert_eq!((ea, &a), (eb, &b), "n={n} i={i} s={s}");
        }
    }

    #[test]
    fn mod_and_floordiv_ranges_follow_python() {
        let r = |lo: i128, hi: i128| Range { lo, hi };
        assert_eq!(py_mod(FULL, r(7, 7)), r(0, 6));
        assert_eq!(py_mod(FULL, r(-7, -7)), r(-6, 0));
        assert_eq!(py_mod(r(2, 5), r(7, 7)), r(2, 5));
        assert_eq!(py_mod(FULL, r(-1, 1)), FULL);
        assert_eq!(py_floordiv(r(-7, 7), r(2, 2)), r(-4, 3));
        assert_eq!(py_floordiv(r(-7, 7), r(-2, -2)), r(-4, 3));
        assert_eq!(py_floordiv(r(-7, 7), r(-1, -1)), FULL);
    }

}
