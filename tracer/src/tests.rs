//! Recording tests: bytecode written by hand (as CPython 3.14 compiles the
//! loop in each comment), recorded against a fake frame, then run with the
//! IR's reference interpreter and checked against Python's answer.

use crate::bytecode::*;
use crate::record::*;
use pyjit_ir::{MemTy, Place, SnapValue, interp};

struct FakeWorld {
    globals: Vec<(String, Observed)>,
}

impl World for FakeWorld {
    fn global(&mut self, name: &str) -> Observed {
        self.globals.iter().find(|(n, _)| n == name).map(|(_, o)| *o).unwrap_or(Observed::Unbound)
    }
    fn attr(&mut self, _obj: u32, _name: &str) -> Observed {
        Observed::Unbound
    }
    fn none(&mut self) -> u32 {
        999
    }
    fn callee(&mut self, _obj: u32) -> Option<Callee> {
        None
    }
}

/// Lays out instructions one code unit each (two for those with a cache).
fn code(ops: Vec<Op>, nlocals: usize) -> Code {
    let mut instrs = Vec::new();
    let mut i = 0;
    for op in ops {
        let width = match op {
            Op::BinaryOp(_) | Op::InplaceOp(_) | Op::CompareOp { .. } | Op::PopJumpIf { .. } | Op::ForIter { .. } | Op::Jump(_) | Op::Call(_) => 2,
            _ => 1,
        };
        instrs.push(Instr { index: i, next: i + width, op });
        i += width;
    }
    Code {
        name: "f".into(),
        filename: "t.py".into(),
        instrs,
        names: vec!["range".into()],
        varnames: (0..nlocals).map(|n| format!("l{n}")).collect(),
        fast_locals: true,
        const_names: Vec::new(),
        const_tuples: Vec::new(),
        dead_ok: Vec::new(),
        handlers: Vec::new(),
    }
}

/// Runs the recording with the given inputs; returns (exit pc, local values).
fn run(rec: &Recording, inputs: &[u64]) -> (u32, Vec<(u32, u64)>) {
    let mut state = vec![0u64; 64];
    state[..inputs.len()].copy_from_slice(inputs);
    let t = rec.trace.clone();
    pyjit_ir::verify(&t).unwrap();
    let e = interp::run(&t, &mut state, 10_000_000).unwrap();
    let exit = &t.exits[e as usize];
    let mut out = Vec::new();
    let mut slot = 0;
    for (place, v) in &exit.entries {
        match v {
            SnapValue::Val(_) | SnapValue::Np(_) => {
                if let Place::Local(n) = place {
                    out.push((*n, state[slot]));
                }
                slot += 1;
            }
            SnapValue::RangeIter { .. } => slot += 4,
            SnapValue::Range { .. } | SnapValue::Slice { .. } => slot += 3,
            _ => {}
        }
    }
    (exit.pc, out)
}

// while i < n: s += i; i += 1        (locals n=0, s=1, i=2)
fn while_sum() -> Code {
    code(
        vec![
            Op::LoadFast2(2, 0),                                  // 0
            Op::CompareOp { kind: CmpKind::Lt, to_bool: true },   // 1
            Op::PopJumpIf { target: 14, when: false },            // 3
            Op::LoadFast2(1, 2),                                  // 5
            Op::BinaryOp(BinKind::Add),                           // 6
            Op::StoreFast(1),                                     // 8
            Op::LoadFast(2),                                      // 9
            Op::LoadConst(Const::Int(1)),                         // 10
            Op::BinaryOp(BinKind::Add),                           // 11
            Op::StoreFast(2),                                     // 13 -> next 14? (width 1)
            Op::Jump(0),                                          // 14
            Op::LoadFast(1),                                      // 16
            Op::ReturnValue,                                      // 17
        ],
        3,
    )
}

#[test]
fn while_loop_sums_and_leaves_at_the_condition() {
    let c = while_sum();
    // The back-edge is the Jump at index 14; the exit target 16 is after it.
    let mut c = c;
    if let Op::PopJumpIf { target, .. } = &mut c.instrs[2].op {
        *target = 16;
    }
    let entry = Entry { code: &c, header: 0, jump: 14, locals: vec![Observed::Int; 3], stack: vec![], code_id: 1, iters: vec![] };
    let rec = record(&entry, &mut FakeWorld { globals: vec![] }).unwrap();
    assert_eq!(rec.checks.len(), 3);
    let (pc, locals) = run(&rec, &[1000, 0, 0]);
    assert_eq!(pc, 16);
    assert!(locals.contains(&(1, 499500)), "{locals:?}\n{}", rec.trace);
    assert!(locals.contains(&(2, 1000)));
}

#[test]
fn overflow_exits_before_the_add_with_the_frame_as_it_was() {
    let mut c = while_sum();
    if let Op::PopJumpIf { target, .. } = &mut c.instrs[2].op {
        *target = 16;
    }
    let entry = Entry { code: &c, header: 0, jump: 14, locals: vec![Observed::Int; 3], stack: vec![], code_id: 1, iters: vec![] };
    let rec = record(&entry, &mut FakeWorld { globals: vec![] }).unwrap();
    let big = (i64::MAX - 5) as u64;
    let (pc, locals) = run(&rec, &[1000, big, 3]);
    // s + 3 fits, s + 4 overflows: the exit resumes at the BINARY_OP
    // (index 6) with s as it was before that add, as the interpreter has it.
    assert_eq!(pc, 6);
    assert!(locals.contains(&(1, big + 3)), "{locals:?}");
    assert!(locals.contains(&(2, 4)));
}

#[test]
fn a_local_that_becomes_a_float_runs_on_in_a_second_header_block() {
    // while i < n: i = i + 0.5   -- i is an int at entry
    let c = code(
        vec![
            Op::LoadFast2(1, 0),                                  // 0
            Op::CompareOp { kind: CmpKind::Lt, to_bool: true },   // 1
            Op::PopJumpIf { target: 11, when: false },            // 3
            Op::LoadFast(1),                                      // 5
            Op::LoadConst(Const::Float(0.5)),                     // 6
            Op::BinaryOp(BinKind::Add),                           // 7
            Op::StoreFast(1),                                     // 9
            Op::Jump(0),                                          // 10 -> ends 12
        ],
        2,
    );
    let mut c = c;
    if let Op::PopJumpIf { target, .. } = &mut c.instrs[2].op {
        *target = 12;
    }
    let entry = Entry { code: &c, header: 0, jump: 10, locals: vec![Observed::Int; 2], stack: vec![], code_id: 1, iters: vec![] };
    let rec = record(&entry, &mut FakeWorld { globals: vec![] }).unwrap();
    let (pc, locals) = run(&rec, &[10, 0]);
    // The back-edge carries a float where the loop holds an int: the
    // header gets a second block for a float i, and the loop runs on there.
    assert_eq!(pc, 12, "{}", rec.trace);
    assert!(locals.contains(&(1, 10.0f64.to_bits())), "{locals:?}");
}

#[test]
fn for_range_builds_and_walks_a_range_iterator() {
    // for i in range(n): s += i     (locals n=0, s=1, i=2); header at FOR_ITER
    let c = code(
        vec![
            Op::LoadGlobal { name: 0, push_null: true },   // 0
            Op::LoadFast(0),                               // 1
            Op::Call(1),                                   // 2
            Op::GetIter,                                   // 4
            Op::ForIter { exhausted: 16 },                 // 5
            Op::StoreFast(2),                              // 7
            Op::LoadFast2(1, 2),                           // 8
            Op::BinaryOp(BinKind::Add),                    // 9
            Op::StoreFast(1),                              // 11
            Op::Jump(5),                                   // 12
            Op::Nop,                                       // 14 (END_FOR slot)
            Op::Nop,                                       // 15
            Op::PopIter,                                   // 16
            Op::LoadConst(Const::Bool(false)),             // 17
            Op::PopJumpIf { target: 0, when: true },       // 18 (an enclosing loop's back-edge)
        ],
        3,
    );
    // Record the enclosing loop, whose body holds the whole for loop.
    let entry = Entry { code: &c, header: 0, jump: 18, locals: vec![Observed::Int; 3], stack: vec![], code_id: 1, iters: vec![] };
    let mut w = FakeWorld { globals: vec![("range".into(), Observed::Obj(7, ObjKind::Builtin(Builtin::Range)))] };
    let rec = record(&entry, &mut w).unwrap();
    let (pc, locals) = run(&rec, &[100, 0, 0]);
    assert_eq!(pc, 20);
    assert!(locals.contains(&(1, 4950)), "{locals:?}\n{}", rec.trace);
    assert!(locals.contains(&(2, 99)));
}

#[test]
fn unsupported_instructions_abort_with_a_reason() {
    let c = code(vec![Op::Other("BuildList".into()), Op::Jump(0)], 0);
    let entry = Entry { code: &c, header: 0, jump: 1, locals: vec![], stack: vec![], code_id: 1, iters: vec![] };
    let err = record(&entry, &mut FakeWorld { globals: vec![] }).unwrap_err();
    assert!(err.reason.contains("BuildList"));
}

/// while i < n: s += a[i]; a[i] = s; i += 1
/// (locals a: a float64 array, s: a float at entry, i, n)
fn prefix_sum() -> Code {
    code(
        vec![
            Op::LoadFast2(2, 3),                                  // 0
            Op::CompareOp { kind: CmpKind::Lt, to_bool: true },   // 1
            Op::PopJumpIf { target: 22, when: false },            // 3
            Op::LoadFast(1),                                      // 5
            Op::LoadFast2(0, 2),                                  // 6
            Op::BinaryOp(BinKind::Subscr),                        // 7
            Op::BinaryOp(BinKind::Add),                           // 9
            Op::StoreFast(1),                                     // 11
            Op::LoadFast(1),                                      // 12
            Op::LoadFast2(0, 2),                                  // 13
            Op::StoreSubscr,                                      // 14
            Op::LoadFast(2),                                      // 15
            Op::LoadConst(Const::Int(1)),                         // 16
            Op::BinaryOp(BinKind::Add),                           // 17
            Op::StoreFast(2),                                     // 19
            Op::Jump(0),                                          // 20
        ],
        4,
    )
}

#[test]
fn array_elements_load_and_store_with_bounds_checks() {
    let c = prefix_sum();
    let locals = vec![Observed::Array { mem: MemTy::F64, ndim: 1, contiguous: false }, Observed::Float, Observed::Int, Observed::Int];
    let entry = Entry { code: &c, header: 0, jump: 20, locals, stack: vec![], code_id: 1, iters: vec![] };
    let rec = record(&entry, &mut FakeWorld { globals: vec![] }).unwrap();
    let printed = rec.trace.to_string();
    assert!(printed.contains("load.f64") && printed.contains("store.f64"), "{printed}");
    // Inputs: the array (data, len, stride in bytes, object), s, i, n.
    let mut a = vec![1.0f64, 2.0, 3.0, 4.0];
    let (pc, locals) = run(&rec, &[a.as_mut_ptr() as u64, 4, 8, 0, 0f64.to_bits(), 0, 4]);
    assert_eq!(pc, 22);
    assert_eq!(a, [1.0, 3.0, 6.0, 10.0]);
    // s became an np.float64 after the first element: a second header
    // block carries it on, and it leaves as one.
    assert!(locals.contains(&(1, 10.0f64.to_bits())), "{locals:?}");
    let np_exit = |e: &pyjit_ir::Exit| {
        e.pc == 22 && e.entries.iter().any(|(p, v)| *p == Place::Local(1) && matches!(v, SnapValue::Np(_)))
    };
    assert!(rec.trace.exits.iter().any(np_exit), "{printed}");
    // One index too many: the exit resumes at the subscript, where the
    // interpreter raises IndexError; what was stored stays stored.
    let mut b = vec![1.0f64, 1.0, 1.0];
    let (pc, locals) = run(&rec, &[b.as_mut_ptr() as u64, 3, 8, 0, 0f64.to_bits(), 0, 4]);
    assert_eq!(pc, 7);
    assert_eq!(b, [1.0, 2.0, 3.0]);
    assert!(locals.contains(&(2, 3)), "{locals:?}");
    // Negative indices count from the end: a stride of -8 walks backwards
    // (a reversed view) just as well.
    let mut r = vec![5.0f64, 6.0];
    let end = unsafe { r.as_mut_ptr().add(1) } as u64;
    let (pc, _) = run(&rec, &[end, 2, (-8i64) as u64, 0, 0f64.to_bits(), 0, 2]);
    assert_eq!(pc, 22);
    assert_eq!(r, [11.0, 6.0]);
}

#[test]
fn key_layouts_merge_to_their_common_first_keys() {
    let mut l = KeyLayout { keys: vec![1, 2, 3], open: false };
    // The same keys: still exact.
    assert!(l.merge(&[1, 2, 3]));
    assert_eq!(l, KeyLayout { keys: vec![1, 2, 3], open: false });
    assert!(l.matches(&[1, 2, 3]) && !l.matches(&[1, 2, 3, 4]));
    // One more key: open, the first three shared.
    assert!(l.merge(&[1, 2, 3, 4]));
    assert_eq!(l, KeyLayout { keys: vec![1, 2, 3], open: true });
    assert!(l.matches(&[1, 2, 3, 5]) && l.matches(&[1, 2, 3]) && !l.matches(&[1, 2]) && !l.matches(&[1, 0, 3]));
    // Another order after the first: the common part only.
    assert!(l.merge(&[1, 3, 2]));
    assert_eq!(l, KeyLayout { keys: vec![1], open: true });
    // Nothing in common: no layout.
    assert!(!l.merge(&[2, 1]));
}
