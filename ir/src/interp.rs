//! A reference interpreter for traces, with exactly the semantics and the
//! state-buffer ABI of the compiled code:
//!
//! - `Input { slot }` reads `state[slot]` (i64 as its bits, f64 as
//!   `to_bits`, bool as 0/1; a bool input is true when the slot is non-zero);
//! - leaving through exit `e` (an `Exit` terminator, or an instruction whose
//!   exit is taken) writes `trace.exits[e].values()`, in order, into
//!   `state[0..n]` in the same encoding and returns `e`.
//!
//! The code generator is tested against it.

use crate::semantics as sem;
use crate::*;

/// The encoding of a value in the state buffer.
fn to_f(bits: u64) -> f64 {
    f64::from_bits(bits)
}
fn to_i(bits: u64) -> i64 {
    bits as i64
}
fn to_b(bits: u64) -> bool {
    bits != 0
}

/// Runs `trace` on `state` until it leaves through an exit; returns the
/// exit's number. `fuel` bounds the number of instructions and terminators
/// executed (an error when it runs out), so a looping trace cannot hang;
/// self-calls (`CallSelf`) share it.
///
/// `CallSelf` runs the trace again on a fresh zeroed buffer of
/// `trace.state_len()` slots with the arguments stored at their slots. A
/// return exit (`trace.returns`) gives the call's result (that exit's last
/// value, read from the callee's buffer); any other exit of the callee, or
/// a call made while `MAX_SELF_CALL_DEPTH` calls are already active, takes
/// the instruction's exit. Calls are frames on an explicit stack, so deep
/// recursion does not use the Rust stack.
///
/// A runtime call (`InstKind::Call`) is an error here: traces that make
/// them run with `run_with` and the table of their implementations.
pub fn run(trace: &Trace, state: &mut [u64], fuel: u64) -> Result<u32, String> {
    run_with(trace, state, fuel, &RuntimeTable::new())
}

/// `run`, with `runtime`'s entry points for the runtime calls.
pub fn run_with(trace: &Trace, state: &mut [u64], fuel: u64, runtime: &RuntimeTable) -> Result<u32, String> {
    let mut fuel = fuel;
    // frames[0] is the caller's buffer (copied in, copied back on return);
    // every other frame is an active self-call.
    let mut frames = vec![Frame::new(trace, state.to_vec())];
    let get = |vals: &Vec<Option<u64>>, v: Value| -> Result<u64, String> {
        vals.get(v.0 as usize).copied().flatten().ok_or_else(|| format!("{v} read before it was defined"))
    };
    loop {
        let depth = frames.len() - 1;
        let f = frames.last_mut().unwrap();
        let bd = trace.blocks.get(f.block.0 as usize).ok_or_else(|| format!("no block {}", f.block))?;
        // The exit the current frame leaves through, if any.
        let mut leave: Option<ExitId> = None;
        if let Some(inst) = bd.insts.get(f.next) {
            if fuel == 0 {
                return Err("out of fuel".into());
            }
            fuel -= 1;
            let vals = &f.vals;
            let g = |v: Value| get(vals, v);
            let taken_or = |r: Option<u64>, e: ExitId| -> Result<u64, ExitId> { r.ok_or(e) };
            // A self-call to start: the callee's buffer.
            let mut call: Option<Vec<u64>> = None;
            let result: Result<u64, ExitId> = match &inst.kind {
                InstKind::Const { bits } => {
                    let ty = inst.result.map(|r| trace.ty(r));
                    Ok(if ty == Some(Type::Bool) { (*bits != 0) as u64 } else { *bits })
                }
                InstKind::Input { slot } => {
                    let x = *f
                        .state
                        .get(*slot as usize)
                        .ok_or_else(|| format!("input slot {slot} outside the state buffer"))?;
                    let ty = inst.result.map(|r| trace.ty(r));
                    Ok(if ty == Some(Type::Bool) { (x != 0) as u64 } else { x })
                }
                InstKind::Unary { op, a } => Ok(unary(*op, trace.ty(*a), g(*a)?)),
                InstKind::Binary { op, a, b } => Ok(binary(*op, trace.ty(*a), g(*a)?, g(*b)?)),
                InstKind::CheckedUnary { op, a, exit } => {
                    let x = g(*a)?;
                    let r = match op {
                        CheckedUnOp::INeg | CheckedUnOp::IAbs => sem::checked_int_unary(*op, to_i(x)).map(|r| r as u64),
                        _ => sem::float_to_int(*op, to_f(x)).map(|r| r as u64),
                    };
                    taken_or(r, *exit)
                }
                InstKind::Checked { op, a, b, exit } => {
                    let (x, y) = (g(*a)?, g(*b)?);
                    let r = match op {
                        CheckedOp::ITrueDiv => sem::int_truediv(to_i(x), to_i(y)).map(f64::to_bits),
                        CheckedOp::FDiv | CheckedOp::FFloorDiv | CheckedOp::FMod | CheckedOp::FPow => {
                            sem::checked_float(*op, to_f(x), to_f(y)).map(f64::to_bits)
                        }
                        _ => sem::checked_int(*op, to_i(x), to_i(y)).map(|r| r as u64),
                    };
                    taken_or(r, *exit)
                }
                InstKind::Math { f, args, exit } => {
                    let xs = args.iter().map(|a| g(*a).map(to_f)).collect::<Result<Vec<f64>, _>>()?;
                    let r = sem::math(*f, &xs, exit.is_some()).map(f64::to_bits);
                    match exit {
                        Some(e) => taken_or(r, *e),
                        None => Ok(r.expect("an unchecked math call cannot fail")),
                    }
                }
                InstKind::Select { cond, a, b } => Ok(if to_b(g(*cond)?) { g(*a)? } else { g(*b)? }),
                InstKind::Guard { cond, expect, exit } => {
                    if to_b(g(*cond)?) == *expect {
                        Ok(0)
                    } else {
                        Err(*exit)
                    }
                }
                // SAFETY: the table's words are the runtime's atomics.
                InstKind::Poll { alone, every } => {
                    let read = *every == 1 || {
                        f.ticks -= 1;
                        f.ticks == 0
                    };
                    if read && *every != 1 {
                        f.ticks = *every;
                    }
                    Ok((read && runtime.poll().is_some_and(|w| unsafe { w.leave(*alone) })) as u64)
                }
                // SAFETY: traces with loads and stores address buffers that
                // outlive the run (arrays the caller holds); the trace
                // checked the bounds, as compiled code relies on too.
                InstKind::Load { mem, addr } => Ok(unsafe { load(*mem, g(*addr)? as usize) }),
                InstKind::Store { mem, addr, val } => {
                    let (a, x) = (g(*addr)?, g(*val)?);
                    unsafe { store(*mem, a as usize, x) };
                    Ok(0)
                }
                InstKind::Call { f: rf, args, exit } => {
                    let entry = runtime.get(*rf).ok_or_else(|| format!("runtime function {} is not in the runtime table", rf.symbol()))?;
                    let vals = args.iter().map(|v| g(*v)).collect::<Result<Vec<u64>, _>>()?;
                    let mut a = [0u64; RT_ARG_SLOTS];
                    if vals.len() > RT_ARG_SLOTS {
                        a[0] = vals.as_ptr() as u64;
                        a[1] = vals.len() as u64;
                    } else {
                        a[..vals.len()].copy_from_slice(&vals);
                    }
                    let mut out = 0u64;
                    // SAFETY: the table's entries follow `RtEntry`'s contract.
                    let status = unsafe { entry(a[0], a[1], a[2], &mut out) };
                    match (status, exit) {
                        (0, _) => Ok(if rf.result() == Some(Type::Bool) { (out != 0) as u64 } else { out }),
                        (_, Some(e)) => Err(*e),
                        (_, None) => return Err(format!("{} failed and has no exit", rf.symbol())),
                    }
                }
                InstKind::CallSelf { args, slots, exit } => {
                    if args.len() != slots.len() {
                        return Err(format!("call_self with {} arguments and {} slots", args.len(), slots.len()));
                    }
                    if depth >= MAX_SELF_CALL_DEPTH as usize {
                        Err(*exit)
                    } else {
                        let mut callee = vec![0u64; trace.state_len()];
                        for (a, s) in args.iter().zip(slots) {
                            let x = g(*a)?;
                            *callee
                                .get_mut(*s as usize)
                                .ok_or_else(|| format!("call_self slot {s} outside the state buffer"))? = x;
                        }
                        call = Some(callee);
                        Ok(0)
                    }
                }
            };
            if let Some(callee) = call {
                // The caller stays on this instruction until the callee
                // leaves.
                frames.push(Frame::new(trace, callee));
                continue;
            }
            match result {
                Ok(bits) => {
                    if let Some(r) = inst.result {
                        f.vals[r.0 as usize] = Some(bits);
                    }
                    f.next += 1;
                }
                Err(e) => leave = Some(e),
            }
        } else {
            if fuel == 0 {
                return Err("out of fuel".into());
            }
            fuel -= 1;
            let call = match &bd.term {
                Terminator::Exit(e) => {
                    leave = Some(*e);
                    None
                }
                Terminator::Jump(c) => Some(c),
                Terminator::Branch { cond, then, els } => Some(if to_b(get(&f.vals, *cond)?) { then } else { els }),
            };
            if let Some(call) = call {
                // Block arguments are a parallel copy.
                let args = call.args.iter().map(|a| get(&f.vals, *a)).collect::<Result<Vec<_>, _>>()?;
                let target =
                    trace.blocks.get(call.block.0 as usize).ok_or_else(|| format!("no block {}", call.block))?;
                if target.params.len() != args.len() {
                    return Err(format!(
                        "{} takes {} arguments, given {}",
                        call.block,
                        target.params.len(),
                        args.len()
                    ));
                }
                for (p, x) in target.params.iter().zip(args) {
                    f.vals[p.0 as usize] = Some(x);
                }
                f.block = call.block;
                f.next = 0;
            }
        }
        // Leaving a frame: the exit's values go to its buffer; a callee's
        // exit resumes its caller at the CallSelf, which either gets its
        // result or takes its own exit (and so on up the stack).
        while let Some(e) = leave.take() {
            let f = frames.last_mut().unwrap();
            take_exit(trace, &f.vals, &mut f.state, e)?;
            if frames.len() == 1 {
                let st = frames.pop().unwrap().state;
                state.copy_from_slice(&st);
                return Ok(e.0);
            }
            let callee = frames.pop().unwrap();
            let caller = frames.last_mut().unwrap();
            let inst = &trace.blocks[caller.block.0 as usize].insts[caller.next];
            let InstKind::CallSelf { exit, .. } = &inst.kind else { unreachable!("a callee returns to a call_self") };
            if trace.returns.contains(&e) {
                let n = trace.exits[e.0 as usize].values().len();
                if n == 0 {
                    return Err(format!("return exit {e} hands back no value"));
                }
                let r = inst.result.ok_or("call_self without a result")?;
                let x = callee.state[n - 1];
                caller.vals[r.0 as usize] = Some(if trace.ty(r) == Type::Bool { (x != 0) as u64 } else { x });
                caller.next += 1;
            } else {
                leave = Some(*exit);
            }
        }
    }
}

/// One activation of the trace: its values, where it is, its state buffer.
struct Frame {
    vals: Vec<Option<u64>>,
    block: Block,
    /// The next instruction of `block` (its terminator when past the end).
    next: usize,
    state: Vec<u64>,
    /// Polls until one with `every > 1` reads the words (as compiled code
    /// counts, per native frame).
    ticks: u32,
}

impl Frame {
    fn new(trace: &Trace, state: Vec<u64>) -> Frame {
        Frame { vals: vec![None; trace.types.len()], block: trace.entry(), next: 0, state, ticks: POLL_EVERY }
    }
}

fn take_exit(trace: &Trace, vals: &[Option<u64>], state: &mut [u64], e: ExitId) -> Result<u32, String> {
    let exit = trace.exits.get(e.0 as usize).ok_or_else(|| format!("{e} does not exist"))?;
    let values = exit.values();
    if values.len() > state.len() {
        return Err(format!("{e} writes {} values, the state buffer has {} slots", values.len(), state.len()));
    }
    let mut out = Vec::with_capacity(values.len());
    for v in values {
        out.push(
            vals.get(v.0 as usize)
                .copied()
                .flatten()
                .ok_or_else(|| format!("{e} reads {v}, which is not defined there"))?,
        );
    }
    state[..out.len()].copy_from_slice(&out);
    Ok(e.0)
}

fn unary(op: UnOp, ty: Type, x: u64) -> u64 {
    match op {
        UnOp::IToF => (to_i(x) as f64).to_bits(),
        UnOp::BToI => to_b(x) as u64,
        UnOp::Truth => match ty {
            Type::I64 => (x != 0) as u64,
            Type::F64 => (to_f(x) != 0.0) as u64, // nan != 0.0 is true
            Type::Bool => to_b(x) as u64,
        },
        UnOp::BNot => (!to_b(x)) as u64,
        UnOp::FNeg => (-to_f(x)).to_bits(),
        UnOp::FAbs => to_f(x).abs().to_bits(),
        UnOp::RoundF32 => (to_f(x) as f32 as f64).to_bits(),
        UnOp::WrapI32 => to_i(x) as i32 as i64 as u64,
        UnOp::WrapI8 => to_i(x) as i8 as i64 as u64,
        UnOp::WrapU8 => to_i(x) as u8 as i64 as u64,
    }
}

fn binary(op: BinOp, ty: Type, x: u64, y: u64) -> u64 {
    use BinOp::*;
    let (a, b) = (to_i(x), to_i(y));
    let (f, g) = (to_f(x), to_f(y));
    let (p, q) = (to_b(x), to_b(y));
    if op.is_compare() {
        let r = match ty {
            Type::I64 => match op {
                Eq => a == b,
                Ne => a != b,
                Lt => a < b,
                Le => a <= b,
                Gt => a > b,
                _ => a >= b,
            },
            // IEEE: ordered compares are false for nan, Ne is true.
            Type::F64 => match op {
                Eq => f == g,
                Ne => f != g,
                Lt => f < g,
                Le => f <= g,
                Gt => f > g,
                _ => f >= g,
            },
            Type::Bool => match op {
                Eq => p == q,
                Ne => p != q,
                Lt => !p & q,
                Le => p <= q,
                Gt => p & !q,
                _ => p >= q,
            },
        };
        return r as u64;
    }
    match op {
        IAddWrap => a.wrapping_add(b) as u64,
        ISubWrap => a.wrapping_sub(b) as u64,
        IMulWrap => a.wrapping_mul(b) as u64,
        IAddOvf => a.checked_add(b).is_none() as u64,
        ISubOvf => a.checked_sub(b).is_none() as u64,
        IMulOvf => a.checked_mul(b).is_none() as u64,
        IAnd => x & y,
        IOr => x | y,
        IXor => x ^ y,
        IDivU32 => ((x as u32) / (y as u32).max(1)) as u64,
        IRemU32 => ((x as u32) % (y as u32).max(1)) as u64,
        FAdd => (f + g).to_bits(),
        FSub => (f - g).to_bits(),
        FMul => (f * g).to_bits(),
        FDiv => (f / g).to_bits(),
        BAnd => (p & q) as u64,
        BOr => (p | q) as u64,
        BXor => (p ^ q) as u64,
        Eq | Ne | Lt | Le | Gt | Ge => unreachable!(),
    }
}

/// Reads a `mem` element at `addr`, widened to its trace type's bits.
///
/// # Safety
/// `addr` must point at a live, aligned element of that type.
unsafe fn load(mem: MemTy, addr: usize) -> u64 {
    unsafe {
        match mem {
            MemTy::F64 | MemTy::I64 => *(addr as *const u64),
            MemTy::F32 => (*(addr as *const f32) as f64).to_bits(),
            MemTy::I32 => *(addr as *const i32) as i64 as u64,
            MemTy::I8 => *(addr as *const i8) as i64 as u64,
            MemTy::U8 => *(addr as *const u8) as u64,
            MemTy::Bool => (*(addr as *const u8) != 0) as u64,
        }
    }
}

/// Writes the trace value `x` narrowed to `mem` at `addr`.
///
/// # Safety
/// `addr` must point at a live, aligned, writable element of that type.
unsafe fn store(mem: MemTy, addr: usize, x: u64) {
    unsafe {
        match mem {
            MemTy::F64 | MemTy::I64 => *(addr as *mut u64) = x,
            MemTy::F32 => *(addr as *mut f32) = f64::from_bits(x) as f32,
            MemTy::I32 => *(addr as *mut i32) = x as i32,
            MemTy::I8 | MemTy::U8 => *(addr as *mut u8) = x as u8,
            MemTy::Bool => *(addr as *mut u8) = (x != 0) as u8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// sum(range(n)) with a checked add, as in the verifier's tests.
    fn sum_loop() -> Trace {
        let mut t = Trace::new("sum");
        let e = t.entry_block();
        let n = t.push(e, Type::I64, InstKind::Input { slot: 0 });
        let zero = t.const_i64(e, 0);
        let h = t.new_block(&[Type::I64, Type::I64]);
        t.set_term(e, Terminator::Jump(BlockCall { block: h, args: vec![zero, zero] }));
        let (i, acc) = (t.block(h).params[0], t.block(h).params[1]);
        let body = t.new_block(&[]);
        let done = t.add_exit(Exit {
            pc: 10,
            entries: vec![(Place::Local(0), SnapValue::Val(acc))],
            stack_depth: 0,
            reason: "loop done".into(),
        });
        let ovf = t.add_exit(Exit {
            pc: 5,
            entries: vec![(Place::Local(0), SnapValue::Val(acc)), (Place::Local(1), SnapValue::Val(i))],
            stack_depth: 0,
            reason: "overflow".into(),
        });
        let out = t.new_block(&[]);
        t.set_term(out, Terminator::Exit(done));
        let c = t.push(h, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: i, b: n });
        t.set_term(
            h,
            Terminator::Branch {
                cond: c,
                then: BlockCall { block: body, args: vec![] },
                els: BlockCall { block: out, args: vec![] },
            },
        );
        let acc2 = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: acc, b: i, exit: ovf });
        let one = t.const_i64(body, 1);
        let i2 = t.push(body, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: i, b: one });
        t.set_term(body, Terminator::Jump(BlockCall { block: h, args: vec![i2, acc2] }));
        t.num_inputs = 1;
        t
    }

    #[test]
    fn sums() {
        let t = sum_loop();
        verify(&t).unwrap();
        let mut st = [100u64, 0];
        assert_eq!(run(&t, &mut st, 1_000_000), Ok(0));
        assert_eq!(st[0], 4950);
    }

    /// `fib(n) = n if n < 2 else fib(n - 1) + fib(n - 2)`. e0 returns n
    /// [n]; e1 is the calls' exit [n]; e2 the add's overflow [n]; e3
    /// returns the sum [n, s].
    fn fib() -> Trace {
        let mut t = Trace::new("fib");
        let e = t.entry_block();
        let n = t.push(e, Type::I64, InstKind::Input { slot: 0 });
        let two = t.const_i64(e, 2);
        let c = t.push(e, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: n, b: two });
        let (base, rec) = (t.new_block(&[]), t.new_block(&[]));
        t.set_term(
            e,
            Terminator::Branch {
                cond: c,
                then: BlockCall { block: base, args: vec![] },
                els: BlockCall { block: rec, args: vec![] },
            },
        );
        let exit = |t: &mut Trace, vals: &[Value]| {
            t.add_exit(Exit {
                pc: 0,
                entries: vals.iter().enumerate().map(|(k, v)| (Place::Local(k as u32), SnapValue::Val(*v))).collect(),
                stack_depth: 0,
                reason: String::new(),
            })
        };
        let ret_n = exit(&mut t, &[n]);
        t.set_term(base, Terminator::Exit(ret_n));
        let call = exit(&mut t, &[n]);
        let one = t.const_i64(rec, 1);
        let a = t.push(rec, Type::I64, InstKind::Binary { op: BinOp::ISubWrap, a: n, b: one });
        let r1 = t.push(rec, Type::I64, InstKind::CallSelf { args: vec![a], slots: vec![0], exit: call });
        let b = t.push(rec, Type::I64, InstKind::Binary { op: BinOp::ISubWrap, a: n, b: two });
        let r2 = t.push(rec, Type::I64, InstKind::CallSelf { args: vec![b], slots: vec![0], exit: call });
        let ovf = exit(&mut t, &[n]);
        let s = t.push(rec, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: r1, b: r2, exit: ovf });
        let ret_s = exit(&mut t, &[n, s]);
        t.set_term(rec, Terminator::Exit(ret_s));
        t.num_inputs = 1;
        t.returns = vec![ret_n, ret_s];
        verify(&t).unwrap();
        t
    }

    #[test]
    fn self_calls_recurse() {
        let t = fib();
        assert_eq!(t.state_len(), 2);
        for (n, want, e) in [(0i64, 0i64, 0u32), (1, 1, 0), (2, 1, 3), (10, 55, 3), (20, 6765, 3)] {
            let mut st = [n as u64, 0];
            assert_eq!(run(&t, &mut st, 10_000_000), Ok(e));
            assert_eq!(st[if e == 0 { 0 } else { 1 }] as i64, want, "fib({n})");
        }
        // The callees share the fuel.
        let mut st = [30u64, 0];
        assert_eq!(run(&t, &mut st, 100_000), Err("out of fuel".into()));
    }

    #[test]
    fn self_calls_stop_at_the_depth_limit() {
        // fib(5000) recurses on n - 1 first until the limit: the deepest
        // frame takes the call exit, and so does every frame above it, each
        // with its own n; the top hands back its own n.
        let t = fib();
        let mut st = [5000u64, 0];
        assert_eq!(run(&t, &mut st, 10_000_000), Ok(1));
        assert_eq!(st, [5000, 0]);

        // down(n) = down(n + 1), where the call's exit also returns (the
        // frame's n): the frame at nesting MAX_SELF_CALL_DEPTH may not call
        // and returns its n, which every caller hands back.
        let mut t = Trace::new("down");
        let e = t.entry_block();
        let n = t.push(e, Type::I64, InstKind::Input { slot: 0 });
        let one = t.const_i64(e, 1);
        let n1 = t.push(e, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: n, b: one });
        let mk = |v: Value| Exit {
            pc: 0,
            entries: vec![(Place::Local(0), SnapValue::Val(v))],
            stack_depth: 0,
            reason: String::new(),
        };
        let call = t.add_exit(mk(n));
        let r = t.push(e, Type::I64, InstKind::CallSelf { args: vec![n1], slots: vec![0], exit: call });
        let ret = t.add_exit(mk(r));
        t.set_term(e, Terminator::Exit(ret));
        t.num_inputs = 1;
        t.returns = vec![call, ret];
        verify(&t).unwrap();
        let mut st = [7u64];
        assert_eq!(run(&t, &mut st, 1_000_000), Ok(1));
        assert_eq!(st, [7 + MAX_SELF_CALL_DEPTH as u64]);
        // Without the call exit among the returns, the top takes it.
        t.returns = vec![ret];
        let mut st = [7u64];
        assert_eq!(run(&t, &mut st, 1_000_000), Ok(0));
        assert_eq!(st, [7]);
    }

    #[test]
    fn runs_out_of_fuel() {
        let t = sum_loop();
        let mut st = [1u64 << 40, 0];
        assert_eq!(run(&t, &mut st, 1000), Err("out of fuel".into()));
    }

    #[test]
    fn overflow_takes_the_exit_before_the_add() {
        let mut t = sum_loop();
        // Start both i and acc at MAX-5 (the shared constant): the first
        // add overflows, and the exit sees the values before it.
        t.blocks[0].insts[1].kind = InstKind::Const { bits: (i64::MAX - 5) as u64 };
        let mut st = [i64::MAX as u64, 0];
        assert_eq!(run(&t, &mut st, 1_000_000), Ok(1));
        assert_eq!(st, [(i64::MAX - 5) as u64, (i64::MAX - 5) as u64]);
    }
}
