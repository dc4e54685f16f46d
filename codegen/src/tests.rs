//! Hand-built traces, compiled and run; every run is checked against the
//! reference interpreter (`pyjit_ir::interp`), and expected values are what
//! python3 prints.

#![allow(clippy::approx_constant)] // literal values as python3 prints them

use super::*;
use pyjit_ir::*;
use std::cell::RefCell;

mod polls;

const INF: f64 = f64::INFINITY;
const NAN: f64 = f64::NAN;

thread_local! {
    static COMPILER: RefCell<Compiler> = RefCell::new(Compiler::new(&RuntimeTable::new()).expect("LLJIT"));
}

fn compile(t: &Trace) -> CompiledTrace {
    COMPILER.with(|c| c.borrow_mut().compile(t)).unwrap_or_else(|e| panic!("{e}\n{t}"))
}

fn val_eq(ty: Type, a: u64, b: u64) -> bool {
    a == b || (ty == Type::F64 && f64::from_bits(a).is_nan() && f64::from_bits(b).is_nan())
}

/// Runs the compiled code and the interpreter on the same state; asserts
/// they agree; returns (exit, state after).
fn run(ct: &CompiledTrace, t: &Trace, inputs: &[u64]) -> (u32, Vec<u64>) {
    run_rt(ct, t, inputs, &RuntimeTable::new())
}

/// `run` for a trace with runtime calls, which the interpreter makes
/// through `runtime` (the table its compiler was made with).
fn run_rt(ct: &CompiledTrace, t: &Trace, inputs: &[u64], runtime: &RuntimeTable) -> (u32, Vec<u64>) {
    let width =
        t.exits.iter().map(|e| e.values().len()).max().unwrap_or(0).max(inputs.len()).max(t.num_inputs as usize);
    let mut native = vec![0u64; width];
    native[..inputs.len()].copy_from_slice(inputs);
    let mut interp = native.clone();
    let e = unsafe { (ct.entry)(native.as_mut_ptr()) };
    let ei = interp::run_with(t, &mut interp, 100_000_000, runtime).unwrap_or_else(|m| panic!("interp: {m}"));
    assert_eq!(e, ei, "exit taken: native {e}, interp {ei}, inputs {inputs:x?}\n{t}");
    let values = t.exits[e as usize].values();
    for (k, v) in values.iter().enumerate() {
        assert!(
            val_eq(t.ty(*v), native[k], interp[k]),
            "exit e{e} slot {k} ({v}): native {:#x}, interp {:#x}, inputs {inputs:x?}\n{t}",
            native[k],
            interp[k]
        );
    }
    assert_eq!(native[values.len()..], interp[values.len()..]);
    (e, native)
}

/// A trace of one instruction on its inputs: exit 0 (the instruction's
/// exit) hands the inputs back, exit 1 the result.
fn one_op(in_tys: &[Type], out: Option<Type>, mk: impl FnOnce(&[Value], ExitId) -> InstKind) -> Trace {
    let mut t = Trace::new("op");
    let e = t.entry_block();
    let ins: Vec<Value> =
        in_tys.iter().enumerate().map(|(i, ty)| t.push(e, *ty, InstKind::Input { slot: i as u32 })).collect();
    let fail = t.add_exit(Exit {
        pc: 0,
        entries: ins.iter().enumerate().map(|(i, v)| (Place::Local(i as u32), SnapValue::Val(*v))).collect(),
        stack_depth: 0,
        reason: "fail".into(),
    });
    let kind = mk(&ins, fail);
    let r = match out {
        Some(ty) => Some(t.push(e, ty, kind)),
        None => {
            t.block_mut(e).insts.push(Inst { result: None, kind });
            None
        }
    };
    let ok = t.add_exit(Exit {
        pc: 1,
        entries: r.map(|r| vec![(Place::Stack(0), SnapValue::Val(r))]).unwrap_or_default(),
        stack_depth: 1,
        reason: "ok".into(),
    });
    t.set_term(e, Terminator::Exit(ok));
    t.num_inputs = in_tys.len() as u32;
    verify(&t).unwrap();
    t
}

/// A compiled single operation.
struct Op {
    t: Trace,
    ct: CompiledTrace,
}

impl Op {
    fn new(in_tys: &[Type], out: Option<Type>, mk: impl FnOnce(&[Value], ExitId) -> InstKind) -> Op {
        let t = one_op(in_tys, out, mk);
        let ct = compile(&t);
        Op { t, ct }
    }
    fn checked(op: CheckedOp, ty: Type, out: Type) -> Op {
        Op::new(&[ty, ty], Some(out), |v, e| InstKind::Checked { op, a: v[0], b: v[1], exit: e })
    }
    fn checked_unary(op: CheckedUnOp, ty: Type) -> Op {
        Op::new(&[ty], Some(Type::I64), |v, e| InstKind::CheckedUnary { op, a: v[0], exit: e })
    }
    fn math(f: MathFn, checked: bool) -> Op {
        let tys = vec![Type::F64; f.arity()];
        Op::new(&tys, Some(Type::F64), |v, e| InstKind::Math { f, args: v.to_vec(), exit: checked.then_some(e) })
    }
    /// The result's bits, or None when the exit was taken (which must hand
    /// the inputs back unchanged).
    fn eval(&self, inputs: &[u64]) -> Option<u64> {
        let (e, st) = run(&self.ct, &self.t, inputs);
        if e == 0 {
            assert_eq!(&st[..inputs.len()], inputs);
            None
        } else {
            Some(st[0])
        }
    }
    fn ii(&self, a: i64, b: i64) -> Option<i64> {
        self.eval(&[a as u64, b as u64]).map(|r| r as i64)
    }
    fn ff(&self, a: f64, b: f64) -> Option<f64> {
        self.eval(&[a.to_bits(), b.to_bits()]).map(f64::from_bits)
    }
}

/// Exact float equality: same bits, or both nan.
fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()),
        (None, None) => true,
        _ => false,
    }
}

// ------------------------------------------------------------------ loops

/// sum(range(n)) starting from acc0: entry → header(i, acc) → body → header.
/// Inputs: n, acc0. Exit 0: done [acc]; exit 1: overflow [acc, i].
fn sum_loop() -> Trace {
    let mut t = Trace::new("sum");
    let e = t.entry_block();
    let n = t.push(e, Type::I64, InstKind::Input { slot: 0 });
    let acc0 = t.push(e, Type::I64, InstKind::Input { slot: 1 });
    let zero = t.const_i64(e, 0);
    let h = t.new_block(&[Type::I64, Type::I64]);
    t.set_term(e, Terminator::Jump(BlockCall { block: h, args: vec![zero, acc0] }));
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
    t.num_inputs = 2;
    t
}

#[test]
fn summing_loop() {
    let t = sum_loop();
    let ct = compile(&t);
    assert_eq!(run(&ct, &t, &[100, 0]), (0, vec![4950, 0]));
    assert_eq!(run(&ct, &t, &[0, 7]).0, 0);
    assert_eq!(run(&ct, &t, &[0, 7]).1[0], 7);
    let n = 1_000_000u64;
    assert_eq!(run(&ct, &t, &[n, 0]).1[0], n * (n - 1) / 2);
}

#[test]
fn overflow_takes_the_exit_with_the_values_before_the_add() {
    let t = sum_loop();
    let ct = compile(&t);
    // acc starts at MAX - 10: 0 + 1 + 2 + 3 + 4 = 10 fits, adding 5 overflows.
    let (e, st) = run(&ct, &t, &[100, (i64::MAX - 10) as u64]);
    assert_eq!(e, 1);
    assert_eq!(st, vec![i64::MAX as u64, 5]);
}

/// for i in range(n): for j in range(i): acc += i * j
fn nested_loop() -> Trace {
    let mut t = Trace::new("nested");
    let b0 = t.entry_block();
    let n = t.push(b0, Type::I64, InstKind::Input { slot: 0 });
    let zero = t.const_i64(b0, 0);
    let one = t.const_i64(b0, 1);
    let outer = t.new_block(&[Type::I64, Type::I64]);
    let (i, acc) = (t.block(outer).params[0], t.block(outer).params[1]);
    t.set_term(b0, Terminator::Jump(BlockCall { block: outer, args: vec![zero, zero] }));
    let pre = t.new_block(&[]);
    let inner = t.new_block(&[Type::I64, Type::I64]);
    let (j, acc2) = (t.block(inner).params[0], t.block(inner).params[1]);
    let body = t.new_block(&[]);
    let latch = t.new_block(&[]);
    let out = t.new_block(&[]);
    let done = t.add_exit(Exit {
        pc: 20,
        entries: vec![(Place::Local(0), SnapValue::Val(acc))],
        stack_depth: 0,
        reason: "done".into(),
    });
    let ovf = t.add_exit(Exit {
        pc: 8,
        entries: vec![
            (Place::Local(0), SnapValue::Val(acc2)),
            (Place::Local(1), SnapValue::Val(i)),
            (Place::Local(2), SnapValue::Val(j)),
        ],
        stack_depth: 0,
        reason: "overflow".into(),
    });
    let c = t.push(outer, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: i, b: n });
    t.set_term(
        outer,
        Terminator::Branch {
            cond: c,
            then: BlockCall { block: pre, args: vec![] },
            els: BlockCall { block: out, args: vec![] },
        },
    );
    t.set_term(pre, Terminator::Jump(BlockCall { block: inner, args: vec![zero, acc] }));
    let c2 = t.push(inner, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: j, b: i });
    t.set_term(
        inner,
        Terminator::Branch {
            cond: c2,
            then: BlockCall { block: body, args: vec![] },
            els: BlockCall { block: latch, args: vec![] },
        },
    );
    let p = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IMul, a: i, b: j, exit: ovf });
    let acc3 = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: acc2, b: p, exit: ovf });
    let j2 = t.push(body, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: j, b: one });
    t.set_term(body, Terminator::Jump(BlockCall { block: inner, args: vec![j2, acc3] }));
    let i2 = t.push(latch, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: i, b: one });
    t.set_term(latch, Terminator::Jump(BlockCall { block: outer, args: vec![i2, acc2] }));
    t.set_term(out, Terminator::Exit(done));
    t.num_inputs = 1;
    t
}

#[test]
fn nested_loops() {
    let t = nested_loop();
    let ct = compile(&t);
    for n in [0u64, 1, 2, 3, 10, 1000] {
        let mut want: i128 = 0;
        for i in 0..n as i128 {
            for j in 0..i {
                want += i * j;
            }
        }
        let (e, st) = run(&ct, &t, &[n]);
        assert_eq!(e, 0);
        assert_eq!(st[0] as i64 as i128, want, "n={n}");
    }
}

#[test]
fn branch_to_one_block_with_two_argument_lists() {
    // b0: x = input; c = x > 0; br c, b1(x), b1(-x)   b1(y): exit [y]
    let mut t = Trace::new("abs");
    let b0 = t.entry_block();
    let x = t.push(b0, Type::I64, InstKind::Input { slot: 0 });
    let zero = t.const_i64(b0, 0);
    let c = t.push(b0, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: x, b: zero });
    let nx = t.push(b0, Type::I64, InstKind::Binary { op: BinOp::ISubWrap, a: zero, b: x });
    let b1 = t.new_block(&[Type::I64]);
    let y = t.block(b1).params[0];
    t.set_term(
        b0,
        Terminator::Branch {
            cond: c,
            then: BlockCall { block: b1, args: vec![x] },
            els: BlockCall { block: b1, args: vec![nx] },
        },
    );
    let ex = t.add_exit(Exit {
        pc: 0,
        entries: vec![(Place::Local(0), SnapValue::Val(y))],
        stack_depth: 0,
        reason: "".into(),
    });
    t.set_term(b1, Terminator::Exit(ex));
    t.num_inputs = 1;
    let ct = compile(&t);
    assert_eq!(run(&ct, &t, &[5]).1, vec![5]);
    assert_eq!(run(&ct, &t, &[(-5i64) as u64]).1, vec![5]);
}

#[test]
fn bools_and_selects_and_guards() {
    // b = input bool; g: guard b == true else e0; r = select(b, f, g) ...
    let mut t = Trace::new("bools");
    let b0 = t.entry_block();
    let b = t.push(b0, Type::Bool, InstKind::Input { slot: 0 });
    let f = t.push(b0, Type::F64, InstKind::Input { slot: 1 });
    let nb = t.push(b0, Type::Bool, InstKind::Unary { op: UnOp::BNot, a: b });
    let fail = t.add_exit(Exit {
        pc: 0,
        entries: vec![(Place::Local(0), SnapValue::Val(nb)), (Place::Local(1), SnapValue::Val(f))],
        stack_depth: 0,
        reason: "guard".into(),
    });
    let truth = t.push(b0, Type::Bool, InstKind::Unary { op: UnOp::Truth, a: f });
    t.push_guard(b0, truth, true, fail);
    let bi = t.push(b0, Type::I64, InstKind::Unary { op: UnOp::BToI, a: b });
    let bf = t.push(b0, Type::F64, InstKind::Unary { op: UnOp::IToF, a: bi });
    let s = t.push(b0, Type::F64, InstKind::Select { cond: b, a: f, b: bf });
    let ok = t.add_exit(Exit {
        pc: 1,
        entries: vec![
            (Place::Local(0), SnapValue::Val(nb)),
            (Place::Local(1), SnapValue::Val(s)),
            (Place::Local(2), SnapValue::Val(bi)),
        ],
        stack_depth: 0,
        reason: "ok".into(),
    });
    t.set_term(b0, Terminator::Exit(ok));
    t.num_inputs = 2;
    let ct = compile(&t);
    assert_eq!(run(&ct, &t, &[1, 2.5f64.to_bits()]), (1, vec![0, 2.5f64.to_bits(), 1]));
    assert_eq!(run(&ct, &t, &[0, 2.5f64.to_bits()]), (1, vec![1, 0.0f64.to_bits(), 0]));
    // nan is true; 0.0 and -0.0 are false.
    assert_eq!(run(&ct, &t, &[0, NAN.to_bits()]).0, 1);
    assert_eq!(run(&ct, &t, &[1, (-0.0f64).to_bits()]), (0, vec![0, (-0.0f64).to_bits(), 0]));
}

// ------------------------------------------------------- Python semantics

#[test]
fn int_floordiv_and_mod_match_python() {
    let fd = Op::checked(CheckedOp::IFloorDiv, Type::I64, Type::I64);
    let md = Op::checked(CheckedOp::IMod, Type::I64, Type::I64);
    // (a, b, a // b, a % b) as python3 prints them; None: raises or leaves i64.
    let cases: [(i64, i64, Option<i64>, Option<i64>); 18] = [
        (7, 2, Some(3), Some(1)),
        (-7, 2, Some(-4), Some(1)),
        (7, -2, Some(-4), Some(-1)),
        (-7, -2, Some(3), Some(-1)),
        (6, 3, Some(2), Some(0)),
        (-6, 3, Some(-2), Some(0)),
        (6, -3, Some(-2), Some(0)),
        (-6, -3, Some(2), Some(0)),
        (0, 5, Some(0), Some(0)),
        (0, -5, Some(0), Some(0)),
        (1, 0, None, None),
        (i64::MIN, -1, None, Some(0)),
        (i64::MIN, 1, Some(i64::MIN), Some(0)),
        (i64::MIN, 2, Some(-4611686018427387904), Some(0)),
        (9223372036854775807, -1, Some(-9223372036854775807), Some(0)),
        (5, i64::MIN, Some(-1), Some(-9223372036854775803)),
        (-5, i64::MIN, Some(0), Some(-5)),
        (3, 9223372036854775807, Some(0), Some(3)),
    ];
    for (a, b, q, r) in cases {
        assert_eq!(fd.ii(a, b), q, "{a} // {b}");
        assert_eq!(md.ii(a, b), r, "{a} % {b}");
    }
}

#[test]
fn other_int_ops_match_python() {
    use CheckedOp::*;
    let cases: &[(CheckedOp, i64, i64, Option<i64>)] = &[
        (IAdd, i64::MAX, 1, None),
        (IAdd, i64::MIN, -1, None),
        (IAdd, i64::MAX, -1, Some(i64::MAX - 1)),
        (ISub, i64::MIN, 1, None),
        (ISub, -1, i64::MAX, Some(i64::MIN)),
        (IMul, 1 << 32, 1 << 31, None),
        (IMul, -(1 << 32), 1 << 31, Some(i64::MIN)),
        (IMul, -1, i64::MIN, None),
        (IShl, 1, 62, Some(1 << 62)),
        (IShl, 1, 63, None),
        (IShl, -1, 63, Some(i64::MIN)),
        (IShl, 3, 62, None),
        (IShl, 0, 1000, Some(0)),
        (IShl, 1, 64, None),
        (IShl, 1, -1, None),
        (IShl, 0, -1, None),
        (IShr, -5, 1, Some(-3)),
        (IShr, -5, 100, Some(-1)),
        (IShr, 5, 100, Some(0)),
        (IShr, i64::MIN, 63, Some(-1)),
        (IShr, 5, -1, None),
        (IPow, 3, 39, Some(4052555153018976267)),
        (IPow, 3, 40, None),
        (IPow, -2, 63, Some(i64::MIN)),
        (IPow, 2, 63, None),
        (IPow, 0, 0, Some(1)),
        (IPow, -1, i64::MAX, Some(-1)),
        (IPow, 2, -1, None),
        (IPow, 7, 0, Some(1)),
    ];
    for &(op, a, b, want) in cases {
        let o = Op::checked(op, Type::I64, Type::I64);
        assert_eq!(o.ii(a, b), want, "{op:?} {a} {b}");
    }
    let td = Op::checked(ITrueDiv, Type::I64, Type::F64);
    let e = |a: i64, b: i64| td.eval(&[a as u64, b as u64]).map(f64::from_bits);
    assert_eq!(e(7, 2), Some(3.5));
    assert_eq!(e(-7, 2), Some(-3.5));
    assert_eq!(e(0, -5).unwrap().to_bits(), (-0.0f64).to_bits()); // python: 0 / -5 == -0.0
    assert_eq!(e(1, 3), Some(1.0 / 3.0));
    assert_eq!(e(1 << 53, 3), Some(3002399751580330.5)); // python: 2**53 / 3
    assert_eq!(e((1 << 53) + 1, 1), None);
    assert_eq!(e(1, -(1 << 53) - 1), None);
    assert_eq!(e(1, 0), None);
    let neg = Op::checked_unary(CheckedUnOp::INeg, Type::I64);
    let abs = Op::checked_unary(CheckedUnOp::IAbs, Type::I64);
    assert_eq!(neg.eval(&[i64::MIN as u64]), None);
    assert_eq!(abs.eval(&[i64::MIN as u64]), None);
    assert_eq!(neg.eval(&[5]), Some(-5i64 as u64));
    assert_eq!(abs.eval(&[-5i64 as u64]), Some(5));
    assert_eq!(abs.eval(&[i64::MAX as u64]), Some(i64::MAX as u64));
}

#[test]
fn float_floordiv_and_mod_match_python() {
    let fd = Op::checked(CheckedOp::FFloorDiv, Type::F64, Type::F64);
    let md = Op::checked(CheckedOp::FMod, Type::F64, Type::F64);
    // (a, b, a // b, a % b) as python3 prints them.
    let cases: &[(f64, f64, Option<f64>, Option<f64>)] = &[
        (7.5, 2.0, Some(3.0), Some(1.5)),
        (-7.5, 2.0, Some(-4.0), Some(0.5)),
        (7.5, -2.0, Some(-4.0), Some(-0.5)),
        (-7.5, -2.0, Some(3.0), Some(-1.5)),
        (0.0, 1.0, Some(0.0), Some(0.0)),
        (-0.0, 1.0, Some(-0.0), Some(0.0)),
        (0.0, -1.0, Some(-0.0), Some(-0.0)),
        (-0.0, -1.0, Some(0.0), Some(-0.0)),
        (1.0, -1.0, Some(-1.0), Some(-0.0)),
        (-1.0, 1.0, Some(-1.0), Some(0.0)),
        (3.0, 3.0, Some(1.0), Some(0.0)),
        (-3.0, 3.0, Some(-1.0), Some(0.0)),
        (3.0, -3.0, Some(-1.0), Some(-0.0)),
        (1.0, 0.0, None, None),
        (1.0, -0.0, None, None),
        (0.0, 0.0, None, None),
        (5.0, INF, Some(0.0), Some(5.0)),
        (5.0, -INF, Some(-1.0), Some(-INF)),
        (-5.0, INF, Some(-1.0), Some(INF)),
        (-5.0, -INF, Some(0.0), Some(-5.0)),
        (INF, 2.0, Some(NAN), Some(NAN)),
        (NAN, 2.0, Some(NAN), Some(NAN)),
        (2.0, NAN, Some(NAN), Some(NAN)),
        (1e+308, 1e-308, Some(INF), Some(3.498445546245627e-309)),
        (-1e-320, 1.0, Some(-1.0), Some(1.0)),
        (0.1, 0.01, Some(10.0), Some(3.469446951953614e-18)),
        (1e+16, 3.0, Some(3333333333333333.0), Some(1.0)),
        (-1e-300, 1e+300, Some(-1.0), Some(1e+300)),
        (7.0, 0.1, Some(69.0), Some(0.09999999999999962)),
        (-7.0, 0.1, Some(-70.0), Some(3.885780586188048e-16)),
    ];
    for &(a, b, q, r) in cases {
        assert!(same(fd.ff(a, b), q), "{a:?} // {b:?}: got {:?}, python {q:?}", fd.ff(a, b));
        assert!(same(md.ff(a, b), r), "{a:?} % {b:?}: got {:?}, python {r:?}", md.ff(a, b));
    }
    let dv = Op::checked(CheckedOp::FDiv, Type::F64, Type::F64);
    assert!(same(dv.ff(1.0, -0.0), None));
    assert!(same(dv.ff(1.0, 3.0), Some(1.0 / 3.0)));
    assert!(same(dv.ff(-0.0, 3.0), Some(-0.0)));
}

#[test]
fn float_pow_matches_python() {
    let pw = Op::checked(CheckedOp::FPow, Type::F64, Type::F64);
    // (a, b, a ** b) as python3 prints it; None: raises or is complex.
    let cases: &[(f64, f64, Option<f64>)] = &[
        (0.0, -1.0, None),
        (-0.0, -1.0, None),
        (0.0, -INF, Some(INF)),
        (0.0, 0.0, Some(1.0)),
        (-8.0, 0.3333333333333333, None),
        (-8.0, 3.0, Some(-512.0)),
        (-2.0, 0.5, None),
        (10.0, 400.0, None),
        (-10.0, 401.0, None),
        (NAN, 0.0, Some(1.0)),
        (1.0, NAN, Some(1.0)),
        (NAN, 1.0, Some(NAN)),
        (2.0, NAN, Some(NAN)),
        (-1.0, INF, Some(1.0)),
        (-1.0, -INF, Some(1.0)),
        (0.5, INF, Some(0.0)),
        (0.5, -INF, Some(INF)),
        (2.0, -INF, Some(0.0)),
        (INF, -3.0, Some(0.0)),
        (-INF, -3.0, Some(-0.0)),
        (-INF, 3.0, Some(-INF)),
        (-INF, 2.0, Some(INF)),
        (-INF, 0.5, Some(INF)),
        (-0.0, 3.0, Some(-0.0)),
        (-0.0, 2.0, Some(0.0)),
        (-0.0, 0.5, Some(0.0)),
        (2.0, 0.5, Some(1.4142135623730951)),
        (2.0, -1074.0, Some(5e-324)),
        (2.0, -1080.0, Some(0.0)),
        (-1.0, 1e+300, Some(1.0)),
        (-1.0, 3.0, Some(-1.0)),
        (1.5, 2.0, Some(2.25)),
        (3.0, -2.5, Some(0.06415002990995841)),
        (1e-300, -2.0, None),
        (-1e-300, -3.0, None),
    ];
    for &(a, b, want) in cases {
        let got = pw.ff(a, b);
        assert!(same(got, want), "{a:?} ** {b:?}: got {got:?}, python {want:?}");
    }
}

#[test]
fn math_functions_and_error_rule_match_python() {
    // (f, args, math.f(*args)) as python3 prints it; None: ValueError or
    // OverflowError.
    let cases: &[(MathFn, &[f64], Option<f64>)] = &[
        (MathFn::Sqrt, &[-1.0], None),
        (MathFn::Sqrt, &[4.0], Some(2.0)),
        (MathFn::Sqrt, &[NAN], Some(NAN)),
        (MathFn::Sqrt, &[-0.0], Some(-0.0)),
        (MathFn::Exp, &[1000.0], None),
        (MathFn::Exp, &[1.0], Some(2.718281828459045)),
        (MathFn::Exp, &[-INF], Some(0.0)),
        (MathFn::Exp, &[INF], Some(INF)),
        (MathFn::Log, &[0.0], None),
        (MathFn::Log, &[-1.0], None),
        (MathFn::Log, &[INF], Some(INF)),
        (MathFn::Log, &[2.0], Some(0.6931471805599453)),
        (MathFn::Log2, &[8.0], Some(3.0)),
        (MathFn::Log10, &[1e-05], Some(-5.0)),
        (MathFn::Log1p, &[-1.0], None),
        (MathFn::Expm1, &[1e-10], Some(1.00000000005e-10)),
        (MathFn::Sin, &[INF], None),
        (MathFn::Sin, &[1.0], Some(0.8414709848078965)),
        (MathFn::Cos, &[1e+22], Some(0.523214785395139)),
        (MathFn::Tan, &[0.5], Some(0.5463024898437905)),
        (MathFn::Asin, &[2.0], None),
        (MathFn::Acos, &[0.3], Some(1.2661036727794992)),
        (MathFn::Atan, &[INF], Some(1.5707963267948966)),
        (MathFn::Sinh, &[1000.0], None),
        (MathFn::Cosh, &[-3.0], Some(10.067661995777765)),
        (MathFn::Tanh, &[0.7], Some(0.6043677771171636)),
        (MathFn::Asinh, &[1.5], Some(1.1947632172871094)),
        (MathFn::Acosh, &[0.5], None),
        (MathFn::Atanh, &[1.0], None),
        (MathFn::Atanh, &[0.5], Some(0.5493061443340548)),
        (MathFn::Atan2, &[1.0, 1.0], Some(0.7853981633974483)),
        (MathFn::Atan2, &[-0.0, -1.0], Some(-3.141592653589793)),
        (MathFn::Hypot, &[3.0, 4.0], Some(5.0)),
        (MathFn::Hypot, &[INF, NAN], Some(INF)),
        (MathFn::Pow, &[0.0, -1.0], None),
        (MathFn::Pow, &[-8.0, 0.3333333333333333], None),
        (MathFn::Pow, &[2.0, 0.5], Some(1.4142135623730951)),
        (MathFn::Pow, &[10.0, 400.0], None),
        (MathFn::Pow, &[NAN, 0.0], Some(1.0)),
        (MathFn::Fmod, &[5.0, INF], Some(5.0)),
        (MathFn::Fmod, &[INF, 1.0], None),
        (MathFn::Fmod, &[5.5, 0.0], None),
        (MathFn::Fmod, &[-5.5, 2.0], Some(-1.5)),
        (MathFn::Copysign, &[3.0, -0.0], Some(-3.0)),
        (MathFn::Floor, &[-0.5], Some(-1.0)),
        (MathFn::Ceil, &[-0.5], Some(-0.0)), // math.ceil gives int 0; as a float, ceil(-0.5) is -0.0
        (MathFn::Trunc, &[-2.7], Some(-2.0)),
        (MathFn::Fabs, &[-INF], Some(INF)),
        (MathFn::RoundEven, &[2.5], Some(2.0)),
        (MathFn::RoundEven, &[-0.5], Some(-0.0)),
    ];
    for &(f, args, want) in cases {
        let checked = Op::math(f, true);
        let unchecked = Op::math(f, false);
        let bits: Vec<u64> = args.iter().map(|a| a.to_bits()).collect();
        let got = checked.eval(&bits).map(f64::from_bits);
        assert!(same(got, want), "math.{}({args:?}): got {got:?}, python {want:?}", f.name());
        // Unchecked: the plain C result, never an exit.
        let raw = unchecked.eval(&bits).map(f64::from_bits);
        assert!(raw.is_some());
        if want.is_some() {
            assert!(same(raw, want));
        }
    }
}

#[test]
fn float_to_int_conversions_at_the_edges() {
    use CheckedUnOp::*;
    let ops = [FToITrunc, FFloorToI, FCeilToI, FRoundToI].map(|op| Op::checked_unary(op, Type::F64));
    // (x, [int(x), math.floor(x), math.ceil(x), round(x)]) as python3
    // prints them; None: raises, or the int leaves i64.
    let cases: &[(f64, [Option<i64>; 4])] = &[
        (9.223372036854776e+18, [None, None, None, None]),
        (-9.223372036854776e+18, [Some(i64::MIN); 4]),
        (9.223372036854775e+18, [Some(9223372036854774784); 4]),
        (-9.223372036854775e+18, [Some(-9223372036854774784); 4]),
        (-0.5, [Some(0), Some(-1), Some(0), Some(0)]),
        (0.5, [Some(0), Some(0), Some(1), Some(0)]),
        (1.5, [Some(1), Some(1), Some(2), Some(2)]),
        (2.5, [Some(2), Some(2), Some(3), Some(2)]),
        (-2.5, [Some(-2), Some(-3), Some(-2), Some(-2)]),
        (-1.5, [Some(-1), Some(-2), Some(-1), Some(-2)]),
        (NAN, [None, None, None, None]),
        (INF, [None, None, None, None]),
        (-INF, [None, None, None, None]),
        (1e+19, [None, None, None, None]),
        (-9.3e+18, [None, None, None, None]),
        (-9.223372036854778e+18, [None, None, None, None]),
        (123.999, [Some(123), Some(123), Some(124), Some(124)]),
        (-123.999, [Some(-123), Some(-124), Some(-123), Some(-124)]),
        (4503599627370497.0, [Some(4503599627370497); 4]),
        (0.49999999999999994, [Some(0), Some(0), Some(1), Some(0)]),
    ];
    for &(x, want) in cases {
        for (op, w) in ops.iter().zip(want) {
            let got = op.eval(&[x.to_bits()]).map(|r| r as i64);
            assert_eq!(got, w, "{:?}({x:?})", op.t.blocks[0].insts[1].kind);
        }
    }
}

// ---------------------------------------------------- differential testing

/// xorshift64*.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn int(&mut self) -> i64 {
        const POOL: [i64; 16] = [
            0,
            1,
            -1,
            2,
            -2,
            3,
            -7,
            63,
            64,
            i64::MIN,
            i64::MAX,
            1 << 53,
            -(1 << 53),
            (1 << 53) + 1,
            1 << 32,
            -(1 << 31),
        ];
        match self.below(4) {
            0 => POOL[self.below(POOL.len() as u64) as usize],
            1 => self.next() as i64,
            2 => (self.next() as i64) >> self.below(64),
            _ => self.below(41) as i64 - 20,
        }
    }
    fn float(&mut self) -> f64 {
        const POOL: [f64; 18] = [
            0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 3.0, -3.0, INF, -INF, NAN, 1e308, 5e-324, -2.5, 1e16, 0.1, 9.3e18, -1e-310,
        ];
        match self.below(4) {
            0 => POOL[self.below(POOL.len() as u64) as usize],
            1 => f64::from_bits(self.next()),
            2 => (self.next() as i64 >> self.below(64)) as f64 / (1u64 << self.below(20)) as f64,
            _ => (self.below(2001) as f64 - 1000.0) / 8.0,
        }
    }
    fn value(&mut self, ty: Type) -> u64 {
        match ty {
            Type::I64 => self.int() as u64,
            Type::F64 => self.float().to_bits(),
            Type::Bool => self.below(2),
        }
    }
}

fn fuzz(op: &Op, rng: &mut Rng, n: usize) {
    let tys: Vec<Type> = (0..op.t.num_inputs).map(|i| op.t.ty(Value(i))).collect();
    for _ in 0..n {
        let inputs: Vec<u64> = tys.iter().map(|ty| rng.value(*ty)).collect();
        op.eval(&inputs); // `run` compares with the interpreter
    }
}

#[test]
fn every_operation_agrees_with_the_interpreter() {
    let mut rng = Rng(0x9E3779B97F4A7C15);
    use BinOp::{
        BAnd, BOr, BXor, Eq, FAdd, FMul, FSub, Ge, Gt, IAddWrap, IAnd, IMulWrap, IOr, ISubWrap, IXor, Le, Lt, Ne,
    };
    for ty in [Type::I64, Type::F64, Type::Bool] {
        let ops: &[BinOp] = match ty {
            Type::I64 => &[
                IAddWrap,
                ISubWrap,
                IMulWrap,
                IAnd,
                IOr,
                IXor,
                BinOp::IAddOvf,
                BinOp::ISubOvf,
                BinOp::IMulOvf,
                Eq,
                Ne,
                Lt,
                Le,
                Gt,
                Ge,
            ],
            Type::F64 => &[FAdd, FSub, FMul, BinOp::FDiv, Eq, Ne, Lt, Le, Gt, Ge],
            Type::Bool => &[BAnd, BOr, BXor, Eq, Ne, Lt, Le, Gt, Ge],
        };
        for &op in ops {
            let out = if op.is_compare() || op.is_overflow_test() { Type::Bool } else { ty };
            let o = Op::new(&[ty, ty], Some(out), |v, _| InstKind::Binary { op, a: v[0], b: v[1] });
            fuzz(&o, &mut rng, 300);
        }
        let o = Op::new(&[ty], Some(Type::Bool), |v, _| InstKind::Unary { op: UnOp::Truth, a: v[0] });
        fuzz(&o, &mut rng, 100);
        let o = Op::new(&[Type::Bool, ty, ty], Some(ty), |v, _| InstKind::Select { cond: v[0], a: v[1], b: v[2] });
        fuzz(&o, &mut rng, 100);
    }
    for (op, a, r) in [
        (UnOp::IToF, Type::I64, Type::F64),
        (UnOp::BToI, Type::Bool, Type::I64),
        (UnOp::BNot, Type::Bool, Type::Bool),
        (UnOp::FNeg, Type::F64, Type::F64),
        (UnOp::FAbs, Type::F64, Type::F64),
        (UnOp::RoundF32, Type::F64, Type::F64),
        (UnOp::WrapI32, Type::I64, Type::I64),
        (UnOp::WrapI8, Type::I64, Type::I64),
        (UnOp::WrapU8, Type::I64, Type::I64),
    ] {
        let o = Op::new(&[a], Some(r), |v, _| InstKind::Unary { op, a: v[0] });
        fuzz(&o, &mut rng, 300);
    }
    use CheckedOp::*;
    for op in [IAdd, ISub, IMul, IFloorDiv, IMod, IShl, IShr, IPow] {
        fuzz(&Op::checked(op, Type::I64, Type::I64), &mut rng, 500);
    }
    fuzz(&Op::checked(ITrueDiv, Type::I64, Type::F64), &mut rng, 500);
    for op in [FDiv, FFloorDiv, FMod, FPow] {
        fuzz(&Op::checked(op, Type::F64, Type::F64), &mut rng, 500);
    }
    use CheckedUnOp::*;
    for op in [INeg, IAbs] {
        fuzz(&Op::checked_unary(op, Type::I64), &mut rng, 300);
    }
    for op in [FToITrunc, FFloorToI, FCeilToI, FRoundToI] {
        fuzz(&Op::checked_unary(op, Type::F64), &mut rng, 300);
    }
    for name in [
        "sqrt",
        "exp",
        "expm1",
        "log",
        "log2",
        "log10",
        "log1p",
        "sin",
        "cos",
        "tan",
        "asin",
        "acos",
        "atan",
        "sinh",
        "cosh",
        "tanh",
        "asinh",
        "acosh",
        "atanh",
        "atan2",
        "hypot",
        "pow",
        "fmod",
        "copysign",
        "floor",
        "ceil",
        "trunc",
        "fabs",
        "roundeven",
    ] {
        let f = MathFn::from_name(name).unwrap();
        fuzz(&Op::math(f, true), &mut rng, 200);
        fuzz(&Op::math(f, false), &mut rng, 100);
    }
}

#[test]
fn int_pow_by_constant_exponent_agrees() {
    // The code generator expands `x ** k` for constant k inline.
    let mut rng = Rng(42);
    for k in [0i64, 1, 2, 3, 5, 7, 8, 31, 62, 63, 64] {
        let mut t = Trace::new("powk");
        let e = t.entry_block();
        let x = t.push(e, Type::I64, InstKind::Input { slot: 0 });
        let kv = t.const_i64(e, k);
        let fail = t.add_exit(Exit {
            pc: 0,
            entries: vec![(Place::Local(0), SnapValue::Val(x))],
            stack_depth: 0,
            reason: "".into(),
        });
        let r = t.push(e, Type::I64, InstKind::Checked { op: CheckedOp::IPow, a: x, b: kv, exit: fail });
        let ok = t.add_exit(Exit {
            pc: 1,
            entries: vec![(Place::Local(0), SnapValue::Val(r))],
            stack_depth: 0,
            reason: "".into(),
        });
        t.set_term(e, Terminator::Exit(ok));
        t.num_inputs = 1;
        let ct = compile(&t);
        for x in [0i64, 1, -1, 2, -2, 3, -3, 7, 1 << 31, -(1 << 31), i64::MIN, i64::MAX] {
            run(&ct, &t, &[x as u64]);
        }
        for _ in 0..200 {
            run(&ct, &t, &[rng.int() as u64]);
        }
    }
}

#[test]
fn int_floordiv_and_mod_by_constants_agree() {
    // Constant powers of two become a shift and a mask; other constants
    // (negative, zero, -1, odd) keep the general code.
    let mut rng = Rng(7);
    for d in [1i64, 2, 4, 8, 1 << 20, 1 << 62, -1, -2, -8, 0, 3, 1000, i64::MIN, i64::MAX] {
        for op in [CheckedOp::IFloorDiv, CheckedOp::IMod] {
            let mut t = Trace::new("divk");
            let e = t.entry_block();
            let x = t.push(e, Type::I64, InstKind::Input { slot: 0 });
            let dv = t.const_i64(e, d);
            let fail = t.add_exit(Exit {
                pc: 0,
                entries: vec![(Place::Local(0), SnapValue::Val(x))],
                stack_depth: 0,
                reason: "".into(),
            });
            let r = t.push(e, Type::I64, InstKind::Checked { op, a: x, b: dv, exit: fail });
            let ok = t.add_exit(Exit {
                pc: 1,
                entries: vec![(Place::Local(0), SnapValue::Val(r))],
                stack_depth: 0,
                reason: "".into(),
            });
            t.set_term(e, Terminator::Exit(ok));
            t.num_inputs = 1;
            let ct = compile(&t);
            for x in [0i64, 1, -1, 2, -2, 3, -3, 7, -7, 1 << 31, -(1 << 31), i64::MIN, i64::MAX, i64::MIN + 1] {
                run(&ct, &t, &[x as u64]);
            }
            for _ in 0..200 {
                run(&ct, &t, &[rng.int() as u64]);
            }
        }
    }
}

/// A float loop mixing most float operations:
///   while k < n: y = x % 3.7; z = y // 0.3; acc += z * sin(x) + x ** 0.5 (checked)
///                x = x * 1.0000001 + 0.25; guard acc < 1e6; k += 1
fn float_loop() -> Trace {
    let mut t = Trace::new("floats");
    let b0 = t.entry_block();
    let x0 = t.push(b0, Type::F64, InstKind::Input { slot: 0 });
    let n = t.push(b0, Type::I64, InstKind::Input { slot: 1 });
    let zero = t.const_i64(b0, 0);
    let fzero = t.const_f64(b0, 0.0);
    let h = t.new_block(&[Type::I64, Type::F64, Type::F64]);
    let (k, x, acc) = (t.block(h).params[0], t.block(h).params[1], t.block(h).params[2]);
    t.set_term(b0, Terminator::Jump(BlockCall { block: h, args: vec![zero, x0, fzero] }));
    let body = t.new_block(&[]);
    let out = t.new_block(&[]);
    let snap = |t: &Trace| -> Vec<(Place, SnapValue)> {
        let _ = t;
        vec![
            (Place::Local(0), SnapValue::Val(k)),
            (Place::Local(1), SnapValue::Val(x)),
            (Place::Local(2), SnapValue::Val(acc)),
        ]
    };
    let done = t.add_exit(Exit { pc: 30, entries: snap(&t), stack_depth: 0, reason: "done".into() });
    let side = t.add_exit(Exit { pc: 12, entries: snap(&t), stack_depth: 0, reason: "side".into() });
    let c = t.push(h, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: k, b: n });
    t.set_term(
        h,
        Terminator::Branch {
            cond: c,
            then: BlockCall { block: body, args: vec![] },
            els: BlockCall { block: out, args: vec![] },
        },
    );
    t.set_term(out, Terminator::Exit(done));
    let c37 = t.const_f64(body, 3.7);
    let c03 = t.const_f64(body, 0.3);
    let y = t.push(body, Type::F64, InstKind::Checked { op: CheckedOp::FMod, a: x, b: c37, exit: side });
    let z = t.push(body, Type::F64, InstKind::Checked { op: CheckedOp::FFloorDiv, a: y, b: c03, exit: side });
    let s = t.push(body, Type::F64, InstKind::Math { f: MathFn::Sin, args: vec![x], exit: Some(side) });
    let zs = t.push(body, Type::F64, InstKind::Binary { op: BinOp::FMul, a: z, b: s });
    let half = t.const_f64(body, 0.5);
    let p = t.push(body, Type::F64, InstKind::Checked { op: CheckedOp::FPow, a: x, b: half, exit: side });
    let q = t.push(body, Type::F64, InstKind::Binary { op: BinOp::FAdd, a: zs, b: p });
    let acc2 = t.push(body, Type::F64, InstKind::Binary { op: BinOp::FAdd, a: acc, b: q });
    let m = t.const_f64(body, 1.0000001);
    let xm = t.push(body, Type::F64, InstKind::Binary { op: BinOp::FMul, a: x, b: m });
    let qt = t.const_f64(body, 0.25);
    let x2 = t.push(body, Type::F64, InstKind::Binary { op: BinOp::FAdd, a: xm, b: qt });
    let lim = t.const_f64(body, 1e6);
    let ok = t.push(body, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: acc2, b: lim });
    t.push_guard(body, ok, true, side);
    let one = t.const_i64(body, 1);
    let k2 = t.push(body, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: k, b: one });
    t.set_term(body, Terminator::Jump(BlockCall { block: h, args: vec![k2, x2, acc2] }));
    t.num_inputs = 2;
    t
}

#[test]
fn loops_agree_with_the_interpreter_on_random_inputs() {
    let mut rng = Rng(7);
    let t = float_loop();
    let ct = compile(&t);
    let mut exits = [0usize; 2];
    for _ in 0..300 {
        let x = rng.float();
        let n = rng.below(200);
        let (e, _) = run(&ct, &t, &[x.to_bits(), n]);
        exits[e as usize] += 1;
    }
    assert!(exits[0] > 0 && exits[1] > 0, "{exits:?}");

    let t = nested_loop();
    let ct = compile(&t);
    for _ in 0..100 {
        run(&ct, &t, &[rng.below(60)]);
    }
    let t = sum_loop();
    let ct = compile(&t);
    for _ in 0..300 {
        run(&ct, &t, &[rng.below(1000), rng.int() as u64]);
    }
}

#[test]
fn dumps_optimized_llvm_ir_when_asked() {
    let mut c = Compiler::new(&RuntimeTable::new()).unwrap();
    c.set_dump_llvm(true);
    let ct = c.compile(&float_loop()).unwrap();
    let ir = ct.llvm_ir.unwrap();
    assert!(ir.contains("define"), "{ir}");
    // No fast-math flags, no fused multiply-add.
    for bad in [" fast ", " contract ", " reassoc ", " afn ", " nnan ", " ninf ", "fmuladd", "llvm.fma"] {
        assert!(!ir.contains(bad), "found {bad:?} in\n{ir}");
    }
    c.set_dump_llvm(false);
    assert!(c.compile(&sum_loop()).unwrap().llvm_ir.is_none());
}

#[test]
fn rejects_invalid_traces() {
    let mut t = sum_loop();
    t.set_term(Block(3), Terminator::Exit(ExitId(99)));
    let err = COMPILER.with(|c| c.borrow_mut().compile(&t)).unwrap_err();
    assert!(err.contains("e99"), "{err}");
}

#[test]
fn many_traces_in_one_compiler() {
    let mut c = Compiler::new(&RuntimeTable::new()).unwrap();
    let cts: Vec<_> = (0..20).map(|_| c.compile(&sum_loop()).unwrap()).collect();
    drop(c); // the code stays alive after the compiler is gone
    for ct in &cts {
        let mut st = [10u64, 0];
        assert_eq!(unsafe { (ct.entry)(st.as_mut_ptr()) }, 0);
        assert_eq!(st[0], 45);
    }
}

#[test]
fn no_fma_contraction() {
    // x*y + z with x = y = 1 + 2^-30, z = -(1 + 2^-29): rounded separately
    // the product loses its 2^-60 and the sum is 0.0; fused it is 2^-60.
    let mut t = Trace::new("fma");
    let b0 = t.entry_block();
    let [x, y, z] = [0, 1, 2].map(|s| t.push(b0, Type::F64, InstKind::Input { slot: s }));
    let p = t.push(b0, Type::F64, InstKind::Binary { op: BinOp::FMul, a: x, b: y });
    let s = t.push(b0, Type::F64, InstKind::Binary { op: BinOp::FAdd, a: p, b: z });
    let e = t.add_exit(Exit {
        pc: 0,
        entries: vec![(Place::Local(0), SnapValue::Val(s))],
        stack_depth: 0,
        reason: "".into(),
    });
    t.set_term(b0, Terminator::Exit(e));
    t.num_inputs = 3;
    let ct = compile(&t);
    let a = 1.0 + 2f64.powi(-30);
    let c = -(1.0 + 2f64.powi(-29));
    let (_, st) = run(&ct, &t, &[a.to_bits(), a.to_bits(), c.to_bits()]);
    assert_eq!(f64::from_bits(st[0]), 0.0);
    assert_eq!(a.mul_add(a, c), 2f64.powi(-60)); // what a fused multiply-add gives
}

#[test]
fn loop_back_to_the_entry_block() {
    // b0: n = input 0; c = n > 0; br c, b1(), b2()   b1: jump b0()   b2: exit
    // (state is only written at exits, so re-reading inputs is stable:
    // this loops forever unless n <= 0; only run that case.)
    let mut t = Trace::new("entry_loop");
    let b0 = t.entry_block();
    let n = t.push(b0, Type::I64, InstKind::Input { slot: 0 });
    let zero = t.const_i64(b0, 0);
    let c = t.push(b0, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: n, b: zero });
    let b1 = t.new_block(&[]);
    let b2 = t.new_block(&[]);
    t.set_term(
        b0,
        Terminator::Branch {
            cond: c,
            then: BlockCall { block: b1, args: vec![] },
            els: BlockCall { block: b2, args: vec![] },
        },
    );
    t.set_term(b1, Terminator::Jump(BlockCall { block: b0, args: vec![] }));
    let e = t.add_exit(Exit {
        pc: 0,
        entries: vec![(Place::Local(0), SnapValue::Val(n))],
        stack_depth: 0,
        reason: "".into(),
    });
    t.set_term(b2, Terminator::Exit(e));
    t.num_inputs = 1;
    let ct = compile(&t);
    assert_eq!(run(&ct, &t, &[-3i64 as u64]), (0, vec![-3i64 as u64]));
}

// ------------------------------------------------------------ self-calls

fn exit_of(t: &mut Trace, pc: u32, entries: Vec<(Place, Value)>, reason: &str) -> ExitId {
    let depth = entries.iter().filter(|(p, _)| matches!(p, Place::Stack(_))).count() as u32;
    t.add_exit(Exit {
        pc,
        entries: entries.into_iter().map(|(p, v)| (p, SnapValue::Val(v))).collect(),
        stack_depth: depth,
        reason: reason.into(),
    })
}

/// `fib(n) = n if n < 2 else fib(n - 1) + fib(n - 2)` as a function trace.
/// Exits: e0 returns n ([n]: slot 0), e1 a subtraction overflow [n], e2
/// the first call [n, n-1], e3 the second call [n, r1, n-2], e4 the
/// addition overflow [n, r1, r2], e5 returns the sum ([n, sum]: slot 1).
fn fib_trace() -> Trace {
    let mut t = Trace::new("fib");
    let b0 = t.entry_block();
    let n = t.push(b0, Type::I64, InstKind::Input { slot: 0 });
    let two = t.const_i64(b0, 2);
    let c = t.push(b0, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: n, b: two });
    let base = t.new_block(&[]);
    let rec = t.new_block(&[]);
    t.set_term(
        b0,
        Terminator::Branch {
            cond: c,
            then: BlockCall { block: base, args: vec![] },
            els: BlockCall { block: rec, args: vec![] },
        },
    );
    let ret_n = exit_of(&mut t, 100, vec![(Place::Stack(0), n)], "return n");
    t.set_term(base, Terminator::Exit(ret_n));
    let one = t.const_i64(rec, 1);
    let ovf_sub = exit_of(&mut t, 10, vec![(Place::Local(0), n)], "overflow");
    let a = t.push(rec, Type::I64, InstKind::Checked { op: CheckedOp::ISub, a: n, b: one, exit: ovf_sub });
    let call1 = exit_of(&mut t, 12, vec![(Place::Local(0), n), (Place::Stack(0), a)], "call fib(n-1)");
    let r1 = t.push(rec, Type::I64, InstKind::CallSelf { args: vec![a], slots: vec![0], exit: call1 });
    let b = t.push(rec, Type::I64, InstKind::Checked { op: CheckedOp::ISub, a: n, b: two, exit: ovf_sub });
    let call2 = exit_of(
        &mut t,
        16,
        vec![(Place::Local(0), n), (Place::Stack(0), r1), (Place::Stack(1), b)],
        "call fib(n-2)",
    );
    let r2 = t.push(rec, Type::I64, InstKind::CallSelf { args: vec![b], slots: vec![0], exit: call2 });
    let ovf_add = exit_of(
        &mut t,
        18,
        vec![(Place::Local(0), n), (Place::Stack(0), r1), (Place::Stack(1), r2)],
        "overflow",
    );
    let s = t.push(rec, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: r1, b: r2, exit: ovf_add });
    let ret_sum = exit_of(&mut t, 100, vec![(Place::Local(0), n), (Place::Stack(0), s)], "return sum");
    t.set_term(rec, Terminator::Exit(ret_sum));
    t.num_inputs = 1;
    t.returns = vec![ret_n, ret_sum];
    // The exit numbers the doc comment promises.
    assert_eq!((ret_n.0, ovf_sub.0, call1.0, call2.0, ovf_add.0, ret_sum.0), (0, 1, 2, 3, 4, 5));
    verify(&t).unwrap();
    t
}

#[test]
fn recursive_fib_matches_python_and_the_interpreter() {
    let t = fib_trace();
    let ct = compile(&t);
    let py = |n: i64| -> i64 {
        let (mut a, mut b) = (0i64, 1i64);
        for _ in 0..n {
            (a, b) = (b, a + b);
        }
        a
    };
    for n in [-7i64, 0, 1, 2, 3, 10, 20, 25] {
        let (e, st) = run(&ct, &t, &[n as u64]);
        let want = if n < 2 { n } else { py(n) };
        // Return exits: e0 (n < 2) hands back n in slot 0, e5 the sum in slot 1.
        let got = if n < 2 {
            assert_eq!(e, 0);
            st[0]
        } else {
            assert_eq!(e, 5);
            st[1]
        };
        assert_eq!(got as i64, want, "fib({n})");
    }
    let (e, st) = run(&ct, &t, &[25]);
    assert_eq!((e, st[1]), (5, 75025));
}

#[test]
fn self_call_is_a_real_recursive_call_in_registers() {
    COMPILER.with(|c| c.borrow_mut().set_dump_llvm(true));
    let t = fib_trace();
    let ct = compile(&t);
    COMPILER.with(|c| c.borrow_mut().set_dump_llvm(false));
    let ir = ct.llvm_ir.as_deref().unwrap();
    // The self-call variant: depth and inputs as arguments, no state buffer.
    let def = ir.lines().find(|l| l.starts_with("define internal") && l.contains(".self(i32")).unwrap_or_else(|| panic!("{ir}"));
    let at = &def[def.find('@').unwrap()..];
    let name = &at[..at.find('(').unwrap()];
    assert!(!def.contains("ptr"), "{def}");
    let calls = ir.lines().filter(|l| l.contains(" call ") && l.contains(&format!("{name}("))).count();
    assert!(calls >= 2, "fewer than two recursive calls of {name}:\n{ir}");
    for bad in [" fast ", " contract ", " reassoc ", " afn "] {
        assert!(!ir.contains(bad), "{bad} in\n{ir}");
    }
    assert_eq!(run(&ct, &t, &[20]).1[1], 6765);
}

/// `down(n) = down(n + 1)`: never bottoms out. e0: the call's exit [n];
/// e1: returns the call's result [r]. With `call_exit_returns`, e0 is a
/// return exit too (so the deepest frame returns its n).
fn down_trace(call_exit_returns: bool) -> Trace {
    let mut t = Trace::new("down");
    let b0 = t.entry_block();
    let n = t.push(b0, Type::I64, InstKind::Input { slot: 0 });
    let one = t.const_i64(b0, 1);
    let n1 = t.push(b0, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: n, b: one });
    let call = exit_of(&mut t, 4, vec![(Place::Local(0), n)], "call");
    let r = t.push(b0, Type::I64, InstKind::CallSelf { args: vec![n1], slots: vec![0], exit: call });
    let ret = exit_of(&mut t, 8, vec![(Place::Stack(0), r)], "return");
    t.set_term(b0, Terminator::Exit(ret));
    t.num_inputs = 1;
    t.returns = if call_exit_returns { vec![call, ret] } else { vec![ret] };
    verify(&t).unwrap();
    t
}

#[test]
fn unbounded_recursion_takes_the_call_exit_at_the_depth_limit() {
    let t = down_trace(false);
    let ct = compile(&t);
    for _ in 0..3 {
        // The deepest call fails; every frame up to the top takes its call
        // exit, so the top hands back its own n.
        assert_eq!(run(&ct, &t, &[5]), (0, vec![5]));
        assert_eq!(run(&ct, &t, &[-3i64 as u64]), (0, vec![-3i64 as u64]));
    }
    // Where the deepest frame returns its n instead, the result shows how
    // deep calls nest: the frame at nesting MAX_SELF_CALL_DEPTH may not call.
    let t2 = down_trace(true);
    let ct2 = compile(&t2);
    for start in [0i64, 10, 0] {
        let (e, st) = run(&ct2, &t2, &[start as u64]);
        assert_eq!((e, st[0] as i64), (1, start + MAX_SELF_CALL_DEPTH as i64));
    }
    // The first trace's counter is back at zero after all that.
    assert_eq!(run(&ct, &t, &[7]), (0, vec![7]));
}

/// `dbl(n, x) = x if n == 0 else dbl(n - 1, x * 2)` with a checked
/// multiply. e0: returns x [x]; e1: the multiply overflows [n, x]; e2: the
/// call [n, x, x*2]; e3: returns the call's result [r]. Both returns hand
/// back slot 0.
fn dbl_trace() -> Trace {
    let mut t = Trace::new("dbl");
    let b0 = t.entry_block();
    let n = t.push(b0, Type::I64, InstKind::Input { slot: 0 });
    let x = t.push(b0, Type::I64, InstKind::Input { slot: 1 });
    let zero = t.const_i64(b0, 0);
    let c = t.push(b0, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: n, b: zero });
    let base = t.new_block(&[]);
    let rec = t.new_block(&[]);
    t.set_term(
        b0,
        Terminator::Branch {
            cond: c,
            then: BlockCall { block: base, args: vec![] },
            els: BlockCall { block: rec, args: vec![] },
        },
    );
    let ret_x = exit_of(&mut t, 50, vec![(Place::Stack(0), x)], "return x");
    t.set_term(base, Terminator::Exit(ret_x));
    let two = t.const_i64(rec, 2);
    let one = t.const_i64(rec, 1);
    let ovf = exit_of(&mut t, 20, vec![(Place::Local(0), n), (Place::Local(1), x)], "overflow");
    let x2 = t.push(rec, Type::I64, InstKind::Checked { op: CheckedOp::IMul, a: x, b: two, exit: ovf });
    let n1 = t.push(rec, Type::I64, InstKind::Binary { op: BinOp::ISubWrap, a: n, b: one });
    let call = exit_of(
        &mut t,
        24,
        vec![(Place::Local(0), n), (Place::Local(1), x), (Place::Stack(0), x2)],
        "call",
    );
    let r = t.push(rec, Type::I64, InstKind::CallSelf { args: vec![n1, x2], slots: vec![0, 1], exit: call });
    let ret_r = exit_of(&mut t, 50, vec![(Place::Stack(0), r)], "return call");
    t.set_term(rec, Terminator::Exit(ret_r));
    t.num_inputs = 2;
    t.returns = vec![ret_x, ret_r];
    verify(&t).unwrap();
    t
}

#[test]
fn a_callee_leaving_through_another_exit_makes_the_caller_take_its_exit() {
    let t = dbl_trace();
    let ct = compile(&t);
    assert_eq!(run(&ct, &t, &[0, 9]), (0, vec![9, 9, 0]));
    assert_eq!(run(&ct, &t, &[10, 3]), (3, vec![3 << 10, 3, 0]));
    assert_eq!(run(&ct, &t, &[62, 1]).1[0], 1 << 62);
    // x doubles once per level: at n = 63 the frame 62 levels down has
    // x = 2^62 and its multiply overflows; every caller takes its call
    // exit, so the top frame's own snapshot [n, x, x*2] comes back.
    for _ in 0..2 {
        assert_eq!(run(&ct, &t, &[63, 1]), (2, vec![63, 1, 2]));
        assert_eq!(run(&ct, &t, &[100, 5]), (2, vec![100, 5, 10]));
    }
    // Overflow in the top frame itself is its own overflow exit.
    assert_eq!(run(&ct, &t, &[3, 1 << 62]), (1, vec![3, 1 << 62, 0]));
}

#[test]
fn self_calls_pass_and_return_floats_and_bools() {
    // even(n) = True if n == 0 else not even(n - 1)
    // e0: returns True [t] (slot 0); e1: the call [n]; e2: returns [n, not r]
    // (slot 1).
    let mut t = Trace::new("even");
    let b0 = t.entry_block();
    let n = t.push(b0, Type::I64, InstKind::Input { slot: 0 });
    let zero = t.const_i64(b0, 0);
    let c = t.push(b0, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: n, b: zero });
    let base = t.new_block(&[]);
    let rec = t.new_block(&[]);
    t.set_term(
        b0,
        Terminator::Branch {
            cond: c,
            then: BlockCall { block: base, args: vec![] },
            els: BlockCall { block: rec, args: vec![] },
        },
    );
    let tr = t.const_bool(base, true);
    let ret_t = exit_of(&mut t, 9, vec![(Place::Stack(0), tr)], "return True");
    t.set_term(base, Terminator::Exit(ret_t));
    let one = t.const_i64(rec, 1);
    let n1 = t.push(rec, Type::I64, InstKind::Binary { op: BinOp::ISubWrap, a: n, b: one });
    let call = exit_of(&mut t, 5, vec![(Place::Local(0), n)], "call");
    let r = t.push(rec, Type::Bool, InstKind::CallSelf { args: vec![n1], slots: vec![0], exit: call });
    let nr = t.push(rec, Type::Bool, InstKind::Unary { op: UnOp::BNot, a: r });
    let ret_n = exit_of(&mut t, 9, vec![(Place::Local(0), n), (Place::Stack(0), nr)], "return not");
    t.set_term(rec, Terminator::Exit(ret_n));
    t.num_inputs = 1;
    t.returns = vec![ret_t, ret_n];
    verify(&t).unwrap();
    let ct = compile(&t);
    assert_eq!(run(&ct, &t, &[0]), (0, vec![1, 0]));
    assert_eq!(run(&ct, &t, &[10]), (2, vec![10, 1]));
    assert_eq!(run(&ct, &t, &[7]), (2, vec![7, 0]));
    // Deeper than the limit: the call exit at the top.
    assert_eq!(run(&ct, &t, &[5000]), (1, vec![5000, 0]));

    // geo(n, x) = x if n == 0 else geo(n - 1, x) * 0.5 + 1.0  (f64 argument
    // in slot 1, f64 result)
    let mut t = Trace::new("geo");
    let b0 = t.entry_block();
    let n = t.push(b0, Type::I64, InstKind::Input { slot: 0 });
    let x = t.push(b0, Type::F64, InstKind::Input { slot: 1 });
    let zero = t.const_i64(b0, 0);
    let c = t.push(b0, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: n, b: zero });
    let base = t.new_block(&[]);
    let rec = t.new_block(&[]);
    t.set_term(
        b0,
        Terminator::Branch {
            cond: c,
            then: BlockCall { block: base, args: vec![] },
            els: BlockCall { block: rec, args: vec![] },
        },
    );
    let ret_x = exit_of(&mut t, 9, vec![(Place::Stack(0), x)], "return x");
    t.set_term(base, Terminator::Exit(ret_x));
    let one = t.const_i64(rec, 1);
    let half = t.const_f64(rec, 0.5);
    let onef = t.const_f64(rec, 1.0);
    let n1 = t.push(rec, Type::I64, InstKind::Binary { op: BinOp::ISubWrap, a: n, b: one });
    let call = exit_of(&mut t, 5, vec![(Place::Local(0), n), (Place::Local(1), x)], "call");
    let r = t.push(rec, Type::F64, InstKind::CallSelf { args: vec![n1, x], slots: vec![0, 1], exit: call });
    let m = t.push(rec, Type::F64, InstKind::Binary { op: BinOp::FMul, a: r, b: half });
    let s = t.push(rec, Type::F64, InstKind::Binary { op: BinOp::FAdd, a: m, b: onef });
    let ret_s = exit_of(&mut t, 9, vec![(Place::Local(1), x), (Place::Stack(0), s)], "return");
    t.set_term(rec, Terminator::Exit(ret_s));
    t.num_inputs = 2;
    t.returns = vec![ret_x, ret_s];
    verify(&t).unwrap();
    let ct = compile(&t);
    let py = |n: u32, x: f64| (0..n).fold(x, |acc, _| acc * 0.5 + 1.0);
    for (n, x) in [(0u32, 3.25f64), (1, 3.25), (5, -7.0), (60, 1e300), (3, NAN), (4, INF)] {
        let (e, st) = run(&ct, &t, &[n as u64, x.to_bits()]);
        let got = f64::from_bits(if n == 0 { st[0] } else { st[1] });
        assert_eq!(e, if n == 0 { 0 } else { 2 });
        assert!(same(Some(got), Some(py(n, x))), "geo({n}, {x}) = {got}");
    }
}

#[test]
fn self_call_with_no_return_exits_always_exits() {
    // A trace with no `returns`: every call takes its exit (and what
    // follows it is unreachable).
    let mut t = down_trace(false);
    t.returns.clear();
    let ct = compile(&t);
    assert_eq!(run(&ct, &t, &[3]), (0, vec![3]));
}

// ---------------------------------------------------------- memory

/// `for i in range(n): s += x[i]; y[i] = x[i] * 2; z[i] = w[i] + i` over
/// buffers of several element types. Inputs: n, &x (f64), &y (f32),
/// &w (i8), &z (i32). Exit 0: done [s].
fn memory_loop() -> Trace {
    let mut t = Trace::new("mem");
    let e = t.entry_block();
    let ins: Vec<Value> = (0..5).map(|k| t.push(e, Type::I64, InstKind::Input { slot: k })).collect();
    let (n, x, y, w, z) = (ins[0], ins[1], ins[2], ins[3], ins[4]);
    t.num_inputs = 5;
    let h = t.new_block(&[Type::I64, Type::F64]);
    let (i, s) = (t.block(h).params[0], t.block(h).params[1]);
    let zero = t.const_i64(e, 0);
    let fzero = t.const_f64(e, 0.0);
    t.set_term(e, Terminator::Jump(BlockCall { block: h, args: vec![zero, fzero] }));
    let body = t.new_block(&[]);
    let done = t.add_exit(Exit { pc: 9, entries: vec![(Place::Local(0), SnapValue::Np(s))], stack_depth: 0, reason: "done".into() });
    let out = t.new_block(&[]);
    t.set_term(out, Terminator::Exit(done));
    let more = t.push(h, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: i, b: n });
    t.set_term(h, Terminator::Branch { cond: more, then: BlockCall { block: body, args: vec![] }, els: BlockCall { block: out, args: vec![] } });
    let at = |t: &mut Trace, base: Value, size: i64| {
        let sz = t.const_i64(body, size);
        let off = t.push(body, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: i, b: sz });
        t.push(body, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: base, b: off })
    };
    let xa = at(&mut t, x, 8);
    let xv = t.push(body, Type::F64, InstKind::Load { mem: MemTy::F64, addr: xa });
    let s2 = t.push(body, Type::F64, InstKind::Binary { op: BinOp::FAdd, a: s, b: xv });
    let two = t.const_f64(body, 2.0);
    let d = t.push(body, Type::F64, InstKind::Binary { op: BinOp::FMul, a: xv, b: two });
    let ya = at(&mut t, y, 4);
    t.push_store(body, MemTy::F32, ya, d);
    let wa = at(&mut t, w, 1);
    let wv = t.push(body, Type::I64, InstKind::Load { mem: MemTy::I8, addr: wa });
    let sum = t.push(body, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: wv, b: i });
    let za = at(&mut t, z, 4);
    t.push_store(body, MemTy::I32, za, sum);
    let one = t.const_i64(body, 1);
    let i2 = t.push(body, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: i, b: one });
    t.set_term(body, Terminator::Jump(BlockCall { block: h, args: vec![i2, s2] }));
    verify(&t).unwrap();
    t
}

#[test]
fn loads_and_stores_widen_and_narrow_like_numpy_casts() {
    let t = memory_loop();
    let ct = compile(&t);
    let n = 37;
    let x: Vec<f64> = (0..n).map(|k| k as f64 * 0.1 - 1.0).collect();
    let w: Vec<i8> = (0..n).map(|k| (k as i64 * 37 - 100) as i8).collect();
    let mut runs = Vec::new();
    for native in [true, false] {
        let mut y = vec![0f32; n];
        let mut z = vec![0i32; n];
        let mut st = vec![n as u64, x.as_ptr() as u64, y.as_mut_ptr() as u64, w.as_ptr() as u64, z.as_mut_ptr() as u64];
        let e = if native {
            unsafe { (ct.entry)(st.as_mut_ptr()) }
        } else {
            interp::run(&t, &mut st, 1_000_000).unwrap()
        };
        runs.push((e, st[0], y, z));
    }
    assert_eq!(runs[0], runs[1]);
    let (_, s, y, z) = &runs[0];
    assert_eq!(f64::from_bits(*s), x.iter().fold(0.0, |a, b| a + b));
    assert_eq!(y[3], (x[3] * 2.0) as f32);
    assert_eq!(z[5], w[5] as i32 + 5);
    let printed = format!("{t}");
    assert!(printed.contains("load.i8") && printed.contains("store.f32") && printed.contains("np("), "{printed}");
}

// ---------------------------------------------------------- runtime calls

/// A stand-in for the VM's `ListGet(F64)`: `obj` addresses a `Vec<f64>`.
unsafe extern "C" fn fake_list_get(obj: u64, i: u64, _: u64, out: *mut u64) -> u32 {
    let v = unsafe { &*(obj as usize as *const Vec<f64>) };
    match v.get(i as usize) {
        Some(x) => {
            unsafe { *out = x.to_bits() };
            0
        }
        None => 1,
    }
}

#[test]
fn runtime_calls_pass_bits_and_take_their_exit_on_failure() {
    let mut runtime = RuntimeTable::new();
    runtime.insert(RtFn::ListGet(Type::F64), fake_list_get);
    // s = 0.0; for i in range(n): s += lst[i]   (inputs: n, list)
    let mut t = Trace::new("rt");
    let e = t.entry_block();
    let n = t.push(e, Type::I64, InstKind::Input { slot: 0 });
    let obj = t.push(e, Type::I64, InstKind::Input { slot: 1 });
    t.num_inputs = 2;
    let h = t.new_block(&[Type::I64, Type::F64]);
    let (i, s) = (t.block(h).params[0], t.block(h).params[1]);
    let zero = t.const_i64(e, 0);
    let fz = t.const_f64(e, 0.0);
    t.set_term(e, Terminator::Jump(BlockCall { block: h, args: vec![zero, fz] }));
    let body = t.new_block(&[]);
    let out = t.new_block(&[]);
    let done = t.add_exit(Exit { pc: 9, entries: vec![(Place::Local(0), SnapValue::Val(s))], stack_depth: 0, reason: "done".into() });
    let fail = t.add_exit(Exit {
        pc: 5,
        entries: vec![(Place::Local(0), SnapValue::Val(s)), (Place::Local(1), SnapValue::Val(i))],
        stack_depth: 0,
        reason: "index".into(),
    });
    t.set_term(out, Terminator::Exit(done));
    let c = t.push(h, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: i, b: n });
    t.set_term(h, Terminator::Branch { cond: c, then: BlockCall { block: body, args: vec![] }, els: BlockCall { block: out, args: vec![] } });
    let x = t.push(body, Type::F64, InstKind::Call { f: RtFn::ListGet(Type::F64), args: vec![obj, i], exit: Some(fail) });
    let s2 = t.push(body, Type::F64, InstKind::Binary { op: BinOp::FAdd, a: s, b: x });
    let one = t.const_i64(body, 1);
    let i2 = t.push(body, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: i, b: one });
    t.set_term(body, Terminator::Jump(BlockCall { block: h, args: vec![i2, s2] }));
    verify(&t).unwrap();
    // A compiler of its own: the symbol must exist when it is created.
    let ct = Compiler::new(&runtime).unwrap().compile(&t).unwrap();
    let lst: Vec<f64> = vec![0.5, 1.5, 2.5];
    let addr = &lst as *const Vec<f64> as u64;
    for n in [3u64, 5] {
        let mut a = vec![n, addr, 0];
        let mut b = a.clone();
        let ea = unsafe { (ct.entry)(a.as_mut_ptr()) };
        let eb = interp::run_with(&t, &mut b, 1000, &runtime).unwrap();
        assert_eq!((ea, &a[..2]), (eb, &b[..2]));
        assert_eq!(f64::from_bits(a[0]), 4.5);
        assert_eq!(ea, if n == 3 { 0 } else { 1 }, "the fourth read fails: exit at the call");
    }
}

/// A stand-in with more arguments than `RtEntry` has slots: they come as
/// an array (address, length); it answers a weighted sum, and fails on a
/// zero first argument.
unsafe extern "C" fn fake_wide(args: u64, n: u64, _: u64, out: *mut u64) -> u32 {
    let a = unsafe { std::slice::from_raw_parts(args as usize as *const u64, n as usize) };
    if a.first() == Some(&0) {
        return 1;
    }
    unsafe { *out = a.iter().enumerate().map(|(k, x)| x * 10u64.pow(k as u32)).sum() };
    0
}

#[test]
fn runtime_calls_with_more_arguments_than_slots_pass_an_array() {
    let mut runtime = RuntimeTable::new();
    runtime.insert(RtFn::BufBox, fake_wide);
    let t = one_op(&[Type::I64; 4], Some(Type::I64), |v, e| InstKind::Call { f: RtFn::BufBox, args: v.to_vec(), exit: Some(e) });
    verify(&t).unwrap();
    let ct = Compiler::new(&runtime).unwrap().compile(&t).unwrap();
    let (e, out) = run_rt(&ct, &t, &[1, 2, 3, 4], &runtime);
    assert_eq!((e, out[0]), (1, 4321));
    let (e, out) = run_rt(&ct, &t, &[0, 2, 3, 4], &runtime);
    assert_eq!((e, &out[..4]), (0, &[0, 2, 3, 4][..]), "a failure takes the call's exit");
}
