//! Criterion bench: compile latency of a loop trace (passes + LLVM O3 +
//! ORC), the cost a hot loop pays once before it runs natively.
//!
//!     cargo bench --bench compile_latency
//!
//! `PYJIT_DUMP_LLVM=1` also prints the optimized LLVM IR of the trace.

use pyjit_codegen::Compiler;
use pyjit_ir::*;
use criterion::{Criterion, criterion_group, criterion_main};

/// while i < n: x = x*a + b; acc += x; y = i % 7; s += y*y (checked);
///              if x > 1e9: x = x / 3 ... (select); i += 1
fn loop_trace() -> Trace {
    let mut t = Trace::new("latency");
    let b0 = t.entry_block();
    let n = t.push(b0, Type::I64, InstKind::Input { slot: 0 });
    let x0 = t.push(b0, Type::F64, InstKind::Input { slot: 1 });
    let zero = t.const_i64(b0, 0);
    let fzero = t.const_f64(b0, 0.0);
    let h = t.new_block(&[Type::I64, Type::F64, Type::F64, Type::I64]);
    let [i, x, acc, s] = [0, 1, 2, 3].map(|k| t.block(h).params[k]);
    t.set_term(b0, Terminator::Jump(BlockCall { block: h, args: vec![zero, x0, fzero, zero] }));
    let body = t.new_block(&[]);
    let out = t.new_block(&[]);
    let snap = vec![
        (Place::Local(0), SnapValue::Val(i)),
        (Place::Local(1), SnapValue::Val(x)),
        (Place::Local(2), SnapValue::Val(acc)),
        (Place::Local(3), SnapValue::Val(s)),
    ];
    let done = t.add_exit(Exit { pc: 40, entries: snap.clone(), stack_depth: 0, reason: "done".into() });
    let side = t.add_exit(Exit { pc: 12, entries: snap, stack_depth: 0, reason: "overflow".into() });
    let c = t.push(h, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: i, b: n });
    t.set_term(
        h,
        Terminator::Branch {
            cond: c,
            then: BlockCall { block: body, args: vec![] },
            els: BlockCall { block: out, args: vec![] },
        },
    );
    t.set_term(out, Terminator::Exit(done));
    // 20 instructions in the body.
    let a = t.const_f64(body, 1.0000001);
    let b = t.const_f64(body, 0.5);
    let xa = t.push(body, Type::F64, InstKind::Binary { op: BinOp::FMul, a: x, b: a });
    let x1 = t.push(body, Type::F64, InstKind::Binary { op: BinOp::FAdd, a: xa, b });
    let big = t.const_f64(body, 1e9);
    let cmp = t.push(body, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: x1, b: big });
    let three = t.const_f64(body, 3.0);
    let x3 = t.push(body, Type::F64, InstKind::Checked { op: CheckedOp::FDiv, a: x1, b: three, exit: side });
    let x2 = t.push(body, Type::F64, InstKind::Select { cond: cmp, a: x3, b: x1 });
    let sq = t.push(body, Type::F64, InstKind::Math { f: MathFn::Sqrt, args: vec![x2], exit: Some(side) });
    let acc1 = t.push(body, Type::F64, InstKind::Binary { op: BinOp::FAdd, a: acc, b: sq });
    let seven = t.const_i64(body, 7);
    let y = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IMod, a: i, b: seven, exit: side });
    let yy = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IMul, a: y, b: y, exit: side });
    let s1 = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: s, b: yy, exit: side });
    let two = t.const_i64(body, 2);
    let h2 = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IFloorDiv, a: i, b: two, exit: side });
    let hf = t.push(body, Type::F64, InstKind::Unary { op: UnOp::IToF, a: h2 });
    let acc2 = t.push(body, Type::F64, InstKind::Binary { op: BinOp::FSub, a: acc1, b: hf });
    let one = t.const_i64(body, 1);
    let i1 = t.push(body, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: i, b: one });
    t.set_term(body, Terminator::Jump(BlockCall { block: h, args: vec![i1, x2, acc2, s1] }));
    t.num_inputs = 2;
    t
}

fn compile_latency(c: &mut Criterion) {
    let t = loop_trace();
    verify(&t).unwrap();
    let mut compiler = Compiler::new(&RuntimeTable::new()).unwrap();
    c.bench_function("passes + compile, 20-instruction loop", |b| {
        b.iter(|| {
            let mut t = t.clone();
            pyjit_passes::optimize(&mut t).unwrap();
            compiler.compile(&t).unwrap()
        })
    });
    c.bench_function("passes only", |b| {
        b.iter(|| {
            let mut t = t.clone();
            pyjit_passes::optimize(&mut t).unwrap();
            t
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = compile_latency
}
criterion_main!(benches);
