//! If-conversion: a branch whose arms are short and straight becomes one
//! block that computes both arms and picks the join's arguments with
//! selects. `n = n // 2 if n % 2 == 0 else 3 * n + 1` in a hot loop is a
//! coin flip the CPU mispredicts half the time; as selects it costs a few
//! cycles.
//!
//! An arm may hold pure instructions, guards, checked `+ - *` and `//`, `%`
//! by a constant other than 0 and -1 (which cannot fail). Speculating a
//! checked `+ - *` computes its wrapping form and takes its exit only where
//! the arm would have run and the operation overflows: `guard !(armcond &&
//! overflows(a, b))`. A guard likewise fires only under its arm's condition.
//! Exits keep their snapshots, so a side exit resumes exactly as before.

use pyjit_ir::*;

/// Arms longer than this (not counting constants) stay branches: both arms
/// run on every pass, so long arms would cost more than a mispredict.
const MAX_ARM: usize = 8;

/// Number of CFG edges into each block from reachable blocks.
fn pred_counts(t: &Trace, live: &[bool]) -> Vec<usize> {
    let mut n = vec![0; t.blocks.len()];
    for (bi, b) in t.blocks.iter().enumerate() {
        if live[bi] {
            for s in b.term.successors() {
                n[s.0 as usize] += 1;
            }
        }
    }
    n
}

/// Whether an arm's instruction may run unconditionally (after rewriting).
fn speculatable(t: &Trace, inst: &Inst) -> bool {
    match &inst.kind {
        InstKind::Const { .. } | InstKind::Unary { .. } | InstKind::Binary { .. } | InstKind::Select { .. } => true,
        InstKind::Guard { .. } => true,
        InstKind::Checked { op: CheckedOp::IAdd | CheckedOp::ISub | CheckedOp::IMul, .. } => true,
        InstKind::Checked { op: CheckedOp::IFloorDiv | CheckedOp::IMod, b, .. } => {
            t.const_bits(*b).is_some_and(|d| d as i64 != 0 && d as i64 != -1)
        }
        _ => false,
    }
}

/// A block that can be an arm: no parameters, one predecessor, a jump out,
/// short, every instruction speculatable. Returns where it jumps.
fn arm(t: &Trace, b: Block, preds: &[usize]) -> Option<BlockCall> {
    let bd = t.block(b);
    if b.0 == 0 || !bd.params.is_empty() || preds[b.0 as usize] != 1 {
        return None;
    }
    let Terminator::Jump(out) = &bd.term else { return None };
    let size = bd.insts.iter().filter(|i| !matches!(i.kind, InstKind::Const { .. })).count();
    (size <= MAX_ARM && bd.insts.iter().all(|i| speculatable(t, i))).then(|| out.clone())
}

/// Appends `arm`'s instructions to `into`, rewritten to run whatever
/// `cond` is: their exits fire only when `cond` holds.
fn speculate(t: &mut Trace, arm: Block, cond: Value, into: &mut Vec<Inst>) {
    let insts = std::mem::take(&mut t.block_mut(arm).insts);
    for inst in insts {
        match inst.kind {
            InstKind::Checked { op: op @ (CheckedOp::IAdd | CheckedOp::ISub | CheckedOp::IMul), a, b, exit } => {
                let (wrap, ovf) = match op {
                    CheckedOp::IAdd => (BinOp::IAddWrap, BinOp::IAddOvf),
                    CheckedOp::ISub => (BinOp::ISubWrap, BinOp::ISubOvf),
                    _ => (BinOp::IMulWrap, BinOp::IMulOvf),
                };
                let o = t.new_value(Type::Bool);
                into.push(Inst { result: Some(o), kind: InstKind::Binary { op: ovf, a, b } });
                let fire = t.new_value(Type::Bool);
                into.push(Inst { result: Some(fire), kind: InstKind::Binary { op: BinOp::BAnd, a: cond, b: o } });
                into.push(Inst { result: None, kind: InstKind::Guard { cond: fire, expect: false, exit } });
                into.push(Inst { result: inst.result, kind: InstKind::Binary { op: wrap, a, b } });
            }
            InstKind::Guard { cond: c, expect, exit } => {
                let fail = if expect {
                    let n = t.new_value(Type::Bool);
                    into.push(Inst { result: Some(n), kind: InstKind::Unary { op: UnOp::BNot, a: c } });
                    n
                } else {
                    c
                };
                let fire = t.new_value(Type::Bool);
                into.push(Inst { result: Some(fire), kind: InstKind::Binary { op: BinOp::BAnd, a: cond, b: fail } });
                into.push(Inst { result: None, kind: InstKind::Guard { cond: fire, expect: false, exit } });
            }
            _ => into.push(inst),
        }
    }
}

/// Converts one branch if it has the shape; returns whether it did.
fn convert(t: &mut Trace, bi: usize, preds: &[usize]) -> bool {
    let Terminator::Branch { cond, then, els } = t.blocks[bi].term.clone() else { return false };
    let b = Block(bi as u32);
    // (then-arm, else-arm, the join's arguments from each side)
    let (t_arm, e_arm, join, t_args, e_args);
    if then.block == els.block {
        // Both edges to one block: only the arguments differ.
        (t_arm, e_arm, join, t_args, e_args) = (None, None, then.block, then.args, els.args);
    } else if let (Some(to), Some(eo)) = (arm(t, then.block, preds), arm(t, els.block, preds))
        && to.block == eo.block
        && then.args.is_empty()
        && els.args.is_empty()
    {
        (t_arm, e_arm, join, t_args, e_args) = (Some(then.block), Some(els.block), to.block, to.args, eo.args);
    } else if let Some(to) = arm(t, then.block, preds)
        && to.block == els.block
        && then.args.is_empty()
    {
        (t_arm, e_arm, join, t_args, e_args) = (Some(then.block), None, to.block, to.args, els.args);
    } else if let Some(eo) = arm(t, els.block, preds)
        && eo.block == then.block
        && els.args.is_empty()
    {
        (t_arm, e_arm, join, t_args, e_args) = (None, Some(els.block), eo.block, then.args, eo.args);
    } else {
        return false;
    }
    if Some(join) == t_arm || Some(join) == e_arm || t_arm == Some(b) || e_arm == Some(b) {
        return false;
    }
    let mut insts = std::mem::take(&mut t.block_mut(b).insts);
    if let Some(a) = t_arm {
        speculate(t, a, cond, &mut insts);
    }
    if let Some(a) = e_arm {
        let not = t.new_value(Type::Bool);
        insts.push(Inst { result: Some(not), kind: InstKind::Unary { op: UnOp::BNot, a: cond } });
        speculate(t, a, not, &mut insts);
    }
    let mut args = Vec::with_capacity(t_args.len());
    for (x, y) in t_args.iter().zip(&e_args) {
        if x == y {
            args.push(*x);
        } else {
            let v = t.new_value(t.ty(*x));
            insts.push(Inst { result: Some(v), kind: InstKind::Select { cond, a: *x, b: *y } });
            args.push(v);
        }
    }
    t.block_mut(b).insts = insts;
    t.set_term(b, Terminator::Jump(BlockCall { block: join, args }));
    // The arms are unreachable now; they keep a jump that reads nothing
    // they no longer define.
    for a in [t_arm, e_arm].into_iter().flatten() {
        t.set_term(a, Terminator::Jump(BlockCall { block: b, args: vec![] }));
    }
    true
}

/// Converts every branch with the shape, innermost first (a converted
/// diamond can be an arm of the one around it). Returns how many.
pub fn run(t: &mut Trace) -> usize {
    let mut n = 0;
    loop {
        let live = t.reachable();
        let preds = pred_counts(t, &live);
        let mut done = false;
        for bi in (0..t.blocks.len()).rev() {
            if live[bi] && convert(t, bi, &preds) {
                n += 1;
                done = true;
                break;
            }
        }
        if !done {
            return n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::exit;


    /// The collatz loop: `while n != 1: n = n // 2 if n % 2 == 0 else
    /// 3 * n + 1; steps += 1` with every checked op.
    fn collatz() -> Trace {
        let mut t = Trace::new("collatz");
        let e = t.entry_block();
        let n0 = t.push(e, Type::I64, InstKind::Input { slot: 0 });
        let s0 = t.push(e, Type::I64, InstKind::Input { slot: 1 });
        let h = t.new_block(&[Type::I64, Type::I64]);
        let (n, s) = (t.block(h).params[0], t.block(h).params[1]);
        t.set_term(e, Terminator::Jump(BlockCall { block: h, args: vec![n0, s0] }));
        let body = t.new_block(&[]);
        let even = t.new_block(&[]);
        let odd = t.new_block(&[]);
        let join = t.new_block(&[Type::I64]);
        let done = t.new_block(&[]);
        let one = t.const_i64(h, 1);
        let c = t.push(h, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: n, b: one });
        t.set_term(h, Terminator::Branch {
            cond: c,
            then: BlockCall { block: body, args: vec![] },
            els: BlockCall { block: done, args: vec![] },
        });
        let x = exit(&mut t, &[n, s]);
        let two = t.const_i64(body, 2);
        let m = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IMod, a: n, b: two, exit: x });
        let zero = t.const_i64(body, 0);
        let ev = t.push(body, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: m, b: zero });
        t.set_term(body, Terminator::Branch {
            cond: ev,
            then: BlockCall { block: even, args: vec![] },
            els: BlockCall { block: odd, args: vec![] },
        });
        let two2 = t.const_i64(even, 2);
        let h2 = t.push(even, Type::I64, InstKind::Checked { op: CheckedOp::IFloorDiv, a: n, b: two2, exit: x });
        t.set_term(even, Terminator::Jump(BlockCall { block: join, args: vec![h2] }));
        let three = t.const_i64(odd, 3);
        let x3 = exit(&mut t, &[n, s]);
        let m3 = t.push(odd, Type::I64, InstKind::Checked { op: CheckedOp::IMul, a: n, b: three, exit: x3 });
        let one2 = t.const_i64(odd, 1);
        let x4 = exit(&mut t, &[m3, s]);
        let p1 = t.push(odd, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: m3, b: one2, exit: x4 });
        t.set_term(odd, Terminator::Jump(BlockCall { block: join, args: vec![p1] }));
        let nn = t.block(join).params[0];
        let x5 = exit(&mut t, &[nn, s]);
        let one3 = t.const_i64(join, 1);
        let s2 = t.push(join, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: s, b: one3, exit: x5 });
        t.set_term(join, Terminator::Jump(BlockCall { block: h, args: vec![nn, s2] }));
        let out = exit(&mut t, &[n, s]);
        t.set_term(done, Terminator::Exit(out));
        t.num_inputs = 2;
        t
    }

    #[test]
    fn converted_trace_agrees_with_the_interpreter() {
        let t0 = collatz();
        let mut t1 = t0.clone();
        run(&mut t1);
        // Starts that finish, ones that overflow 3n+1 (exit through the odd
        // arm's exits with their exact snapshots), and a step counter near
        // the top of i64.
        for (n, s) in [
            (27i64, 0i64),
            (97, 5),
            (1, 0),
            (i64::MAX, 0),
            (i64::MAX / 3 + 1, 0),
            (-7, 0),
            (6, i64::MAX - 2),
            (i64::MIN, 0),
        ] {
            let mut a = vec![n as u64, s as u64];
            let mut b = a.clone();
            let ea = interp::run(&t0, &mut a, 10_000_000);
            let eb = interp::run(&t1, &mut b, 10_000_000);
            assert_eq!((ea, &a), (eb, &b), "n={n} s={s}\n{t1}");
        }
    }

}
