//! Tests of `parse`: hand-written texts for each piece of syntax (each
//! must print back unchanged), errors with their lines, and a property
//! test over random valid traces built with the builder API: printing,
//! parsing and printing again gives the same text, the parsed trace equals
//! the built one, and the verifier accepts it.

use crate::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

/// Parses `text`, checks it prints back unchanged, and returns the trace.
#[track_caller]
fn round_trip(text: &str) -> Trace {
    let t = parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(t.to_string(), text);
    let again = parse(&t.to_string()).unwrap();
    assert_eq!(again, t);
    t
}

#[track_caller]
fn parse_err(text: &str) -> ParseError {
    match parse(text) {
        Ok(t) => panic!("parsed, but should not have:\n{t}"),
        Err(e) => e,
    }
}

#[test]
fn counted_loop_with_checked_add_guard_and_exits() {
    let text = "\
trace sum:4 inputs=2
b0():
  v0:i64 = input 0
  v1:i64 = input 1
  v2:i64 = const 0
  jump b1(v2, v1)
b1(v3:i64, v4:i64):
  v5:bool = lt v3, v0
  br v5, b2(), b3()
b2():
  v6:i64 = iadd v4, v3 else e0
  v7:i64 = const 1
  v8:i64 = iaddwrap v3, v7
  v9:bool = truth v6
  guard v9 == true else e1
  jump b1(v8, v6)
b3():
  exit e2
e0: pc=12 depth=2 \"overflow\" [local0=v3, local1=v4, stack0=rangeiter(entry0; v2, v7, v0, v8), stack1=v3]
e1: pc=14 depth=0 \"\" [local0=v3, local1=v6]
e2: pc=20 depth=0 \"loop exit\" [local0=v3, local1=v4]
";
    let t = round_trip(text);
    verify(&t).unwrap();
    assert_eq!(t.num_inputs, 2);
    assert_eq!(t.blocks.len(), 4);
    assert_eq!(t.block(Block(1)).params, vec![Value(3), Value(4)]);
    assert_eq!(t.types.len(), 10);
    assert_eq!(t.blocks[2].insts[0].kind, InstKind::Checked { op: CheckedOp::IAdd, a: Value(4), b: Value(3), exit: ExitId(0) });
    assert_eq!(t.blocks[2].insts[4].kind, InstKind::Guard { cond: Value(9), expect: true, exit: ExitId(1) });
    let Terminator::Branch { cond, then, els } = &t.blocks[1].term else { panic!() };
    assert_eq!((*cond, then.block, els.block), (Value(5), Block(2), Block(3)));
    assert_eq!(t.exits[0].stack_depth, 2);
    assert_eq!(t.exits[2].reason, "loop exit");
}

#[test]
fn float_constants_round_trip_bit_for_bit() {
    let consts = [
        0.1,
        -0.0,
        0.0,
        1.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        1e300,
        1e15,
        1e16,
        123456789.12345679,
        f64::NAN,
        -f64::NAN,
        f64::from_bits(0x7ff0_0000_0000_0001),
        f64::from_bits(0xfff4_0000_dead_beef),
    ];
    let mut t = Trace::new("floats");
    let e = t.entry_block();
    let vals: Vec<Value> = consts.iter().map(|x| t.const_f64(e, *x)).collect();
    let x = t.add_exit(Exit { pc: 0, entries: vals.iter().map(|v| (Place::Stack(v.0), SnapValue::Val(*v))).collect(), stack_depth: 17, reason: String::new() });
    t.set_term(e, Terminator::Exit(x));
    let text = t.to_string();
    assert!(text.contains("v13:f64 = const NaN(0x7ff8000000000000)"), "{text}");
    assert!(text.contains("v14:f64 = const NaN(0xfff8000000000000)"), "{text}");
    assert!(text.contains("v1:f64 = const -0.0"), "{text}");
    assert!(text.contains("v4:f64 = const inf"), "{text}");
    assert!(text.contains("v5:f64 = const -inf"), "{text}");
    let back = round_trip(&text);
    assert_eq!(back, t);
    for (inst, x) in back.blocks[0].insts.iter().zip(consts) {
        assert_eq!(inst.kind, InstKind::Const { bits: x.to_bits() });
    }
}

#[test]
fn int_and_bool_constants() {
    let text = "\
trace t inputs=0
b0():
  v0:i64 = const -9223372036854775808
  v1:i64 = const 9223372036854775807
  v2:bool = const true
  v3:bool = const false
  v4:bool = const 0x2
  exit e0
e0: pc=0 depth=0 \"\" [local0=v0, local1=v1, local2=v2, local3=v3, local4=v4]
";
    let t = round_trip(text);
    let bits: Vec<u64> = t.blocks[0].insts.iter().map(|i| match i.kind { InstKind::Const { bits } => bits, _ => panic!() }).collect();
    assert_eq!(bits, [i64::MIN as u64, i64::MAX as u64, 1, 0, 2]);
    // Raw bits are taken for any type (printed only where nothing else
    // says them).
    let raw = parse("trace t inputs=0\nb0():\n  v0:f64 = const 0x3ff0000000000000\n  exit e0\ne0: pc=0 depth=0 \"\" []\n").unwrap();
    assert!(raw.to_string().contains("v0:f64 = const 1.0"));
}

#[test]
fn every_operation_form() {
    let text = "\
trace ops inputs=4
b0():
  v0:i64 = input 0
  v1:f64 = input 1
  v2:bool = input 2
  v3:i64 = input 3
  v4:f64 = itof v0
  v5:bool = bnot v2
  v6:i64 = wrapu8 v0
  v7:i64 = imulwrap v0, v3
  v8:bool = iaddovf v0, v3
  v9:f64 = fdiv v1, v4
  v10:f64 = fdiv v1, v4 else e0
  v11:i64 = ifloordiv v0, v3 else e0
  v12:f64 = itruediv v0, v3 else e0
  v13:i64 = ineg v0 else e0
  v14:i64 = froundtoi v1 else e0
  v15:f64 = math.sqrt(v1)
  v16:f64 = math.atan2(v1, v9) else e0
  v17:f64 = math.round_digits(v1, v4) else e0
  v18:f64 = select v2, v1, v9
  guard v5 == false else e1
  v19:f64 = load.f32 [v3]
  v20:i64 = load.u8 [v3]
  v21:bool = load.bool [v3]
  store.i32 [v3], v7
  store.f64 [v3], v18
  v22:i64 = call pyjit_rt_list_len(v3)
  v23:f64 = call pyjit_rt_list_get_f64(v3, v0) else e0
  call pyjit_rt_list_set_i64(v3, v0, v7) else e1
  v24:bool = call pyjit_rt_dict_contains_obj(v3, v0) else e0
  v25:f64 = call pyjit_rt_random_uniform_i64_f64(v3, v0, v1) else e0
  call pyjit_rt_arena_reset()
  v26:i64 = call_self(0:v0, 1:v1, 2:v2, 3:v3) else e1
  v27:i64 = call_self(3:v7, 2:v5, 1:v9, 0:v11, 1:v15) else e1
  v28:bool = poll
  v29:bool = poll.alone every 128
  exit e2
e0: pc=3 depth=0 \"operation raises\" [local0=v0]
e1: pc=5 depth=0 \"the recursive call left native code\" [local0=v0]
e2: pc=9 depth=0 \"return\" [stack0=v26]
";
    let t = round_trip(text);
    verify(&t).unwrap_or_else(|e| panic!("{e}"));
    let k = |i: usize| t.blocks[0].insts[i].kind.clone();
    assert_eq!(k(9), InstKind::Binary { op: BinOp::FDiv, a: Value(1), b: Value(4) });
    assert_eq!(k(10), InstKind::Checked { op: CheckedOp::FDiv, a: Value(1), b: Value(4), exit: ExitId(0) });
    assert_eq!(k(16), InstKind::Math { f: MathFn::Atan2, args: vec![Value(1), Value(9)], exit: Some(ExitId(0)) });
    assert_eq!(k(23), InstKind::Store { mem: MemTy::I32, addr: Value(3), val: Value(7) });
    assert_eq!(k(29), InstKind::Call { f: RtFn::Random { f: RandomFn::Uniform, a: Type::I64, b: Type::F64 }, args: vec![Value(3), Value(0), Value(1)], exit: Some(ExitId(0)) });
    assert_eq!(k(32), InstKind::CallSelf { args: vec![Value(7), Value(5), Value(9), Value(11), Value(15)], slots: vec![3, 2, 1, 0, 1], exit: ExitId(1) });
    assert_eq!(t.blocks[0].insts[27].result, None);
    assert_eq!((k(33), k(34)), (InstKind::Poll { alone: false, every: 1 }, InstKind::Poll { alone: true, every: 128 }));
}

#[test]
fn function_traces_name_their_returns() {
    let text = "\
trace fib:0 inputs=1 returns=e2,e1
b0():
  v0:i64 = input 0
  v1:i64 = const 2
  v2:bool = lt v0, v1
  br v2, b1(), b2()
b1():
  exit e1
b2():
  v3:i64 = isub v0, v1 else e0
  v4:i64 = call_self(0:v3) else e0
  exit e2
e0: pc=4 depth=1 \"redone by the interpreter\" [local0=v0, | frame(code obj3, pc=0)=null, local0=v3]
e1: pc=30 depth=0 \"return\" [stack0=v0]
e2: pc=30 depth=0 \"return\" [stack0=v4]
";
    let t = round_trip(text);
    verify(&t).unwrap();
    assert_eq!(t.returns, vec![ExitId(2), ExitId(1)]);
    assert_eq!(t.exits[0].entries[1], (Place::Frame { code: 3, pc: 0 }, SnapValue::Null));
}

#[test]
fn every_snapshot_value() {
    let text = "\
trace snaps inputs=3
b0():
  v0:i64 = input 0
  v1:f64 = input 1
  v2:bool = input 2
  exit e0
e0: pc=7 depth=3 \"all\" [local0=v0, local1=np(v1), local2=obj@v0, local3=arg2, local4=obj5, local5=null, local6=entry1, \
name0=rangeiter(v0, v0, v0, v0), name1=rangeiter(entry2; v0, v0, v0, v0), name2=range(v0, v0, v0), \
stack0=iter(List over [Some(0)]: v0), stack1=iter(entry1; Zip([Enumerate(List), Reversed]) over [Some(1), None]: v0, v0, v0), \
stack2=(v0, (v1, obj2), ()), local7=[v0, [v1], []], local8=iter((v0, v1))@v0, local9=iter(entry4)@v0, local10=complex(v1, v1), \
local11=[v1] * v0, local12=[[v2] * v0] * v0, local13=np.f32(v1), local14=np.u8(v0), local15=arriter(arg0)@v0, \
local16=arriter(entry2; arg1[v0, v0])@v0, local17=arg3[v0, v0], local18=arg3[], local19=np.f64[v0, v0]@v0, local20=np.i8[]@v0, \
local21=[arg1, arg1[v0]], local22=(entry3)]
e1: pc=0 depth=0 \"nothing\" []
";
    let text = text.replace("\\\n", "");
    let t = round_trip(&text);
    verify(&t).unwrap();
    let e = &t.exits[0].entries;
    let at = |k: usize| e[k].1.clone();
    assert_eq!(at(7), SnapValue::RangeIter { obj: None, start: Value(0), step: Value(0), len: Value(0), index: Value(0) });
    assert_eq!(
        at(11),
        SnapValue::Iter {
            obj: Some(1),
            kind: IterKind::Zip(vec![IterKind::Enumerate(Box::new(IterKind::List)), IterKind::Reversed]),
            lists: vec![Some(1), None],
            vals: vec![Value(0); 3],
        }
    );
    assert_eq!(at(15), SnapValue::TupleIter { tuple: Box::new(SnapValue::EntryStack(4)), index: Value(0) });
    assert_eq!(at(17), SnapValue::Repeat { item: Box::new(SnapValue::Val(Value(1))), n: Value(0) });
    assert_eq!(at(22), SnapValue::ArrIter { obj: Some(2), arr: 1, index: Value(0), view: vec![Value(0), Value(0)] });
    assert_eq!(at(25), SnapValue::ArrBuf { mem: MemTy::F64, data: Value(0), shape: vec![Value(0), Value(0)] });
    assert_eq!(at(28), SnapValue::Tuple(vec![SnapValue::EntryStack(3)]));
}

#[test]
fn names_and_reasons_with_odd_characters_are_quoted() {
    let mut t = Trace::new("a name with \"quotes\"\tand tabs");
    let e = t.entry_block();
    let reasons = ["plain", "with \"quotes\" and \\", "new\nline\r\0", "ünïcödé ✓", "\u{7f}\u{200b}", "'single'"];
    for r in reasons {
        t.add_exit(Exit { pc: 1, entries: vec![], stack_depth: 0, reason: r.into() });
    }
    t.set_term(e, Terminator::Exit(ExitId(0)));
    let text = t.to_string();
    assert!(text.starts_with("trace \"a name with \\\"quotes\\\"\\tand tabs\" inputs=0\n"), "{text}");
    let back = round_trip(&text);
    assert_eq!(back, t);
    for name in ["", "\"", "x y", "<module>:12"] {
        let mut u = t.clone();
        u.name = name.into();
        assert_eq!(round_trip(&u.to_string()).name, name);
    }
}

#[test]
fn comments_blank_lines_and_indentation_are_free() {
    let text = "\
; a comment before the trace
trace t inputs=1

b0():
; between instructions
        v0:i64 = input   0
    v1:bool = eq v0,v0
  br v1,b1(),b1()
b1():
\tjump b1()
   ; indented comment
e0: pc=0 depth=0 \"\" []
";
    let t = parse(text).unwrap();
    assert_eq!(
        t.to_string(),
        "trace t inputs=1\nb0():\n  v0:i64 = input 0\n  v1:bool = eq v0, v0\n  br v1, b1(), b1()\nb1():\n  jump b1()\ne0: pc=0 depth=0 \"\" []\n"
    );
}

#[test]
fn unterminated_blocks_print_and_parse() {
    let mut t = Trace::new("t");
    t.entry_block();
    let text = t.to_string();
    assert_eq!(text, "trace t inputs=0\nb0():\n  exit e4294967295\n");
    assert_eq!(round_trip(&text), t);
}

#[test]
fn every_runtime_function_symbol_reads_back() {
    let mut seen = std::collections::HashMap::new();
    for f in RtFn::all() {
        assert!(seen.insert(f.symbol(), f).is_none(), "two functions print as {}", f.symbol());
        assert_eq!(crate::parse::rt_fn(&f.symbol()), Some(f));
    }
}

// --------------------------------------------------------------- errors

#[test]
fn unknown_operation_is_reported_with_its_line() {
    let e = parse_err("trace t inputs=1\nb0():\n  v0:i64 = input 0\n  v1:i64 = frobnicate v0, v0\n  exit e0\n");
    assert_eq!(e.line, 4);
    assert_eq!(e.msg, "unknown operation `frobnicate`");
    assert_eq!(e.to_string(), "line 4: unknown operation `frobnicate`");
}

#[test]
fn undefined_value_is_reported_where_it_is_used() {
    let e = parse_err("trace t inputs=1\nb0():\n  v0:i64 = input 0\n  v1:i64 = iaddwrap v0, v7\n  exit e0\ne0: pc=0 depth=0 \"\" []\n");
    assert_eq!((e.line, e.msg.as_str()), (4, "v7 is used but never defined"));
    let e = parse_err("trace t inputs=0\nb0():\n  exit e0\ne0: pc=0 depth=0 \"\" [local0=v3]\n");
    assert_eq!((e.line, e.msg.as_str()), (4, "v3 is used but never defined"));
}

#[test]
fn bad_type_is_reported() {
    let e = parse_err("trace t inputs=1\nb0():\n  v0:i32 = input 0\n  exit e0\n");
    assert_eq!((e.line, e.msg.as_str()), (3, "unknown type `i32`: a type is i64, f64 or bool"));
    let e = parse_err("trace t inputs=0\nb0():\n  jump b1(v0)\nb1(v0:int):\n  exit e0\n");
    assert_eq!((e.line, e.msg.as_str()), (4, "unknown type `int):`: a type is i64, f64 or bool"));
    let e = parse_err("trace t inputs=0\nb0():\n  v0:i64 = const 1.5\n  exit e0\n");
    assert_eq!((e.line, e.msg.as_str()), (3, "`1.5` is no i64 constant"));
}

#[test]
fn structural_errors() {
    let cases: &[(&str, usize, &str)] = &[
        ("", 1, "empty: a trace starts with `trace NAME inputs=N`"),
        ("b0():\n", 1, "a trace starts with `trace NAME inputs=N`, found `b0():`"),
        ("trace t inputs=0\nb1():\n  exit e0\n", 2, "blocks come in order: expected b0, found b1"),
        ("trace t inputs=0\nb0():\n  exit e0\n  exit e0\n", 4, "b0 already ended: an instruction after its terminator"),
        ("trace t inputs=0\nb0():\nb1():\n  exit e0\n", 3, "b0 has no terminator (`jump`, `br` or `exit`)"),
        ("trace t inputs=0\nb0():\n  exit e0\ne1: pc=0 depth=0 \"\" []\n", 4, "exits come in order: expected e0, found e1"),
        ("trace t inputs=1\nb0():\n  v0:i64 = input 0\n  v1:i64 = iadd v0, v0\n  exit e0\n", 4, "`iadd` takes two operands and an exit (`else eN`)"),
        ("trace t inputs=1\nb0():\n  v0:i64 = input 0\n  v1:i64 = ineg v0, v0 else e0\n  exit e0\n", 4, "`ineg` takes one operand and an exit (`else eN`)"),
        ("trace t inputs=1\nb0():\n  v0:i64 = input 0\n  v0:f64 = itof v0\n  exit e0\n", 4, "v0 is f64 here but i64 where line 3 defines it"),
        ("trace t inputs=1\nb0():\n  v0:i64 = input 0\n  guard v0 == maybe else e0\n  exit e0\n", 4, "expected `true` or `false`, found `maybe`"),
        ("trace t inputs=0\nb0():\n  exit e0\ne0: pc=0 depth=0 \"\" [local0=v0 x]\n", 4, "expected `,` or `]`, found `x]`"),
        ("trace t inputs=0\nb0():\n  exit e0\ne0: pc=0 depth=0 \"oops []\n", 4, "a string without its closing `\"`"),
        ("trace t inputs=0\nb0():\n  v0:i64 = call pyjit_rt_nothing()\n  exit e0\n", 3, "expected a runtime function (`pyjit_rt_...`), found `pyjit_rt_nothing()`"),
        ("trace t inputs=0\nb0():\n  v0:f64 = math.cbrt(v0)\n  exit e0\n", 3, "unknown math function `math.cbrt(v0)`"),
        ("trace t inputs=0\nb0():\n  exit e0 now\n", 3, "unexpected `now` at the end of the line"),
    ];
    for (text, line, msg) in cases {
        let e = parse_err(text);
        assert_eq!((e.line, e.msg.as_str()), (*line, *msg), "{text}");
    }
}

// ------------------------------------------------- random valid traces

/// Draws choices from a list proptest generates (0 once it runs out), so
/// shrinking the list gives smaller, simpler traces.
struct Gen {
    ch: Vec<u32>,
    at: usize,
}

impl Gen {
    fn next(&mut self) -> u32 {
        let x = self.ch.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.next() as usize % n }
    }
    fn pick<T: Clone>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())].clone()
    }
    fn chance(&mut self, percent: u32) -> bool {
        self.next() % 100 < percent
    }
}

const TYPES: [Type; 3] = [Type::I64, Type::F64, Type::Bool];
const F64_EDGES: [u64; 10] = [
    0x3fb999999999999a, // 0.1
    0x8000000000000000, // -0.0
    0x7ff0000000000000, // inf
    0xfff0000000000000,
    0x7ff8000000000000, // nan
    0xfff8000000000001, // a negative nan with a payload
    0x7ff0000000000001, // a signalling nan
    0x0000000000000001, // the smallest subnormal
    0x7fefffffffffffff, // max
    0x4415af1d78b58c40, // 1e20
];

struct Build<'g> {
    g: &'g mut Gen,
    t: Trace,
    /// Values usable at the current point (they dominate it).
    pool: Vec<Value>,
    cur: Block,
    ret: Type,
    self_calls: bool,
}

impl Build<'_> {
    fn konst(&mut self, ty: Type) -> Value {
        let bits = match ty {
            Type::I64 => match self.g.below(3) {
                0 => self.g.below(10) as u64,
                1 => self.g.pick(&[i64::MIN, i64::MAX, -1, 1 << 53]) as u64,
                _ => (self.g.next() as u64) << 32 | self.g.next() as u64,
            },
            Type::F64 => match self.g.below(3) {
                0 => self.g.pick(&F64_EDGES),
                1 => (self.g.below(1000) as f64 / 7.0).to_bits(),
                _ => (self.g.next() as u64) << 32 | self.g.next() as u64,
            },
            Type::Bool => self.g.below(2) as u64,
        };
        let v = self.t.push(self.cur, ty, InstKind::Const { bits });
        self.pool.push(v);
        v
    }
    /// A value of type `ty` from the pool, or a new constant.
    fn val(&mut self, ty: Type) -> Value {
        let have: Vec<Value> = self.pool.iter().copied().filter(|v| self.t.ty(*v) == ty).collect();
        if !have.is_empty() && self.g.chance(85) {
            return self.g.pick(&have);
        }
        self.konst(ty)
    }
    fn snap(&mut self, depth: u32) -> SnapValue {
        let any = |b: &mut Self| {
            let ty = b.g.pick(&TYPES);
            b.val(ty)
        };
        let i = |b: &mut Self| b.val(Type::I64);
        let f = |b: &mut Self| b.val(Type::F64);
        let opt = |b: &mut Self| if b.g.chance(50) { Some(b.g.below(4) as u32) } else { None };
        let k = if depth > 1 { self.g.below(11) } else { self.g.below(22) };
        match k {
            0..=3 => SnapValue::Val(any(self)),
            4 => SnapValue::Np(any(self)),
            5 => SnapValue::ObjAt(i(self)),
            6 => SnapValue::EntryObj(self.g.below(4) as u32),
            7 => SnapValue::Obj(self.g.below(9) as u32),
            8 => SnapValue::Null,
            9 => SnapValue::EntryStack(self.g.below(5) as u32),
            10 => SnapValue::NpSmall(any(self), self.g.pick(&[MemTy::F32, MemTy::I32, MemTy::I8, MemTy::U8])),
            11 => SnapValue::RangeIter { obj: opt(self), start: i(self), step: i(self), len: i(self), index: i(self) },
            12 => SnapValue::Range { start: i(self), stop: i(self), step: i(self) },
            13 => {
                let kind = self.iter_kind(0);
                let lists = (0..kind.num_lists()).map(|_| opt(self)).collect();
                let vals = (0..kind.num_values()).map(|_| i(self)).collect();
                SnapValue::Iter { obj: opt(self), kind, lists, vals }
            }
            14 => SnapValue::Tuple((0..self.g.below(4)).map(|_| self.snap(depth + 1)).collect()),
            15 => SnapValue::List((0..self.g.below(4)).map(|_| self.snap(depth + 1)).collect()),
            16 => SnapValue::TupleIter { tuple: Box::new(self.snap(depth + 1)), index: i(self) },
            17 => SnapValue::Complex(f(self), f(self)),
            18 => SnapValue::Repeat { item: Box::new(self.snap(depth + 1)), n: i(self) },
            19 => {
                let view = (0..self.g.below(3)).map(|_| i(self)).collect();
                SnapValue::ArrIter { obj: opt(self), arr: self.g.below(3) as u32, index: i(self), view }
            }
            20 => SnapValue::Slice { start: i(self), stop: i(self), step: i(self) },
            _ => match self.g.below(2) {
                0 => SnapValue::ArrView { arr: self.g.below(3) as u32, index: (0..self.g.below(3)).map(|_| i(self)).collect() },
                _ => {
                    let shape = (0..self.g.below(3)).map(|_| i(self)).collect();
                    SnapValue::ArrBuf { mem: self.g.pick(&[MemTy::F64, MemTy::Bool, MemTy::I64]), data: i(self), shape }
                }
            },
        }
    }
    fn iter_kind(&mut self, depth: u32) -> IterKind {
        match if depth > 1 { self.g.below(2) } else { self.g.below(4) } {
            0 => IterKind::List,
            1 => IterKind::Reversed,
            2 => IterKind::Enumerate(Box::new(self.iter_kind(depth + 1))),
            _ => IterKind::Zip((0..1 + self.g.below(3)).map(|_| self.iter_kind(depth + 1)).collect()),
        }
    }
    /// An exit: an earlier one, or a new snapshot of values in the pool.
    fn exit(&mut self) -> ExitId {
        if !self.t.exits.is_empty() && self.g.chance(30) {
            let e = ExitId(self.g.below(self.t.exits.len()) as u32);
            if self.t.exits[e.0 as usize].values().iter().all(|v| self.pool.contains(v)) {
                return e;
            }
        }
        let mut entries = Vec::new();
        for _ in 0..self.g.below(5) {
            let place = match self.g.below(4) {
                0 | 1 => Place::Local(self.g.below(8) as u32),
                2 => Place::Stack(self.g.below(4) as u32),
                _ => Place::Name(self.g.below(4) as u32),
            };
            if self.g.chance(10) {
                entries.push((Place::Frame { code: self.g.below(3) as u32, pc: self.g.below(50) as u32 }, SnapValue::Null));
            }
            let s = self.snap(0);
            entries.push((place, s));
        }
        let reason = self.g.pick(&["", "overflow", "loop exit", "say \"hi\"\\", "tab\tnewline\n", "ünï ✓", "\u{1}"]).to_string();
        let (pc, stack_depth) = (self.g.below(200) as u32, self.g.below(4) as u32);
        self.t.add_exit(Exit { pc, entries, stack_depth, reason })
    }
    fn push(&mut self, ty: Type, kind: InstKind) {
        let v = self.t.push(self.cur, ty, kind);
        self.pool.push(v);
    }
    fn inst(&mut self) {
        use Type::*;
        match self.g.below(13) {
            0 => {
                let ty = self.g.pick(&TYPES);
                self.konst(ty);
            }
            1 => {
                let op = self.g.pick(&[UnOp::IToF, UnOp::BToI, UnOp::Truth, UnOp::BNot, UnOp::FNeg, UnOp::FAbs, UnOp::RoundF32, UnOp::WrapI32, UnOp::WrapI8, UnOp::WrapU8]);
                let (a, r) = match op {
                    UnOp::IToF => (I64, F64),
                    UnOp::BToI => (Bool, I64),
                    UnOp::Truth => (self.g.pick(&TYPES), Bool),
                    UnOp::BNot => (Bool, Bool),
                    UnOp::FNeg | UnOp::FAbs | UnOp::RoundF32 => (F64, F64),
                    _ => (I64, I64),
                };
                let a = self.val(a);
                self.push(r, InstKind::Unary { op, a });
            }
            2 => {
                use BinOp::*;
                let op = self.g.pick(&[IAddWrap, ISubWrap, IMulWrap, IAnd, IOr, IXor, IDivU32, IRemU32, IAddOvf, ISubOvf, IMulOvf, FAdd, FSub, FMul, FDiv, BAnd, BOr, BXor, Eq, Ne, Lt, Le, Gt, Ge]);
                let (o, r) = match op {
                    IAddOvf | ISubOvf | IMulOvf => (I64, Bool),
                    FAdd | FSub | FMul | FDiv => (F64, F64),
                    BAnd | BOr | BXor => (Bool, Bool),
                    Eq | Ne | Lt | Le | Gt | Ge => (self.g.pick(&TYPES), Bool),
                    _ => (I64, I64),
                };
                let (a, b) = (self.val(o), self.val(o));
                self.push(r, InstKind::Binary { op, a, b });
            }
            3 => {
                use CheckedOp::*;
                let op = self.g.pick(&[IAdd, ISub, IMul, IFloorDiv, IMod, IShl, IShr, IPow, ITrueDiv, FDiv, FFloorDiv, FMod, FPow]);
                let (o, r) = match op {
                    ITrueDiv => (I64, F64),
                    FDiv | FFloorDiv | FMod | FPow => (F64, F64),
                    _ => (I64, I64),
                };
                let (a, b, exit) = (self.val(o), self.val(o), self.exit());
                self.push(r, InstKind::Checked { op, a, b, exit });
            }
            4 => {
                use CheckedUnOp::*;
                let op = self.g.pick(&[INeg, IAbs, FToITrunc, FFloorToI, FCeilToI, FRoundToI]);
                let a = self.val(if matches!(op, INeg | IAbs) { I64 } else { F64 });
                let exit = self.exit();
                self.push(I64, InstKind::CheckedUnary { op, a, exit });
            }
            5 => {
                let f = MathFn::from_name(self.g.pick(&["sqrt", "atan2", "hypot", "log", "roundeven", "round_digits", "copysign"])).unwrap();
                let args = (0..f.arity()).map(|_| self.val(F64)).collect();
                let exit = if self.g.chance(50) { Some(self.exit()) } else { None };
                self.push(F64, InstKind::Math { f, args, exit });
            }
            6 => {
                let ty = self.g.pick(&TYPES);
                let (cond, a, b) = (self.val(Bool), self.val(ty), self.val(ty));
                self.push(ty, InstKind::Select { cond, a, b });
            }
            7 => {
                let (cond, expect, exit) = (self.val(Bool), self.g.chance(50), self.exit());
                self.t.push_guard(self.cur, cond, expect, exit);
            }
            8 => {
                let mem = self.g.pick(&[MemTy::F64, MemTy::F32, MemTy::I64, MemTy::I32, MemTy::I8, MemTy::U8, MemTy::Bool]);
                let addr = self.val(I64);
                if self.g.chance(50) {
                    self.push(mem.value_type(), InstKind::Load { mem, addr });
                } else {
                    let val = self.val(mem.value_type());
                    self.t.push_store(self.cur, mem, addr, val);
                }
            }
            9 | 10 => {
                let f = self.g.pick(&RtFn::all());
                let args = f.params().into_iter().map(|ty| self.val(ty)).collect();
                let exit = if self.g.chance(50) { Some(self.exit()) } else { None };
                let kind = InstKind::Call { f, args, exit };
                match f.result() {
                    Some(ty) => self.push(ty, kind),
                    None => self.t.block_mut(self.cur).insts.push(Inst { result: None, kind }),
                }
            }
            11 => {
                // Every input, with its type, then perhaps more slots.
                let inputs: Vec<(u32, Type)> = self.t.blocks[0]
                    .insts
                    .iter()
                    .filter_map(|i| match i.kind {
                        InstKind::Input { slot } => Some((slot, self.t.ty(i.result.unwrap()))),
                        _ => None,
                    })
                    .collect();
                let (mut slots, mut args) = (Vec::new(), Vec::new());
                for (s, ty) in inputs {
                    slots.push(s);
                    args.push(self.val(ty));
                }
                if self.t.num_inputs > 0 && self.g.chance(30) {
                    slots.push(self.g.below(self.t.num_inputs as usize) as u32);
                    let ty = self.g.pick(&TYPES);
                    args.push(self.val(ty));
                }
                let exit = self.exit();
                self.self_calls = true;
                let ret = self.ret;
                self.push(ret, InstKind::CallSelf { args, slots, exit });
            }
            _ => {
                let ty = self.g.pick(&TYPES);
                self.val(ty);
            }
        }
    }
    /// A block that only exits (a few instructions of its own first).
    fn exit_block(&mut self) -> BlockCall {
        let b = self.t.new_block(&[]);
        let (saved_cur, saved_pool) = (self.cur, self.pool.clone());
        self.cur = b;
        for _ in 0..self.g.below(3) {
            self.inst();
        }
        let e = self.exit();
        self.t.set_term(b, Terminator::Exit(e));
        (self.cur, self.pool) = (saved_cur, saved_pool);
        BlockCall { block: b, args: vec![] }
    }
    /// Arguments for `b`'s parameters.
    fn args(&mut self, b: Block) -> Vec<Value> {
        let tys: Vec<Type> = self.t.block(b).params.iter().map(|p| self.t.ty(*p)).collect();
        tys.into_iter().map(|ty| self.val(ty)).collect()
    }
}

fn random_trace(choices: Vec<u32>) -> Trace {
    let mut g = Gen { ch: choices, at: 0 };
    let name = g.pick(&["t", "loop:12", "<module>:4", "with space", "", "\"q"]).to_string();
    let ret = g.pick(&TYPES);
    let mut b = Build { t: Trace::new(name), pool: vec![], cur: Block(0), ret, self_calls: false, g: &mut g };
    let e = b.t.entry_block();
    for slot in 0..b.g.below(5) {
        let ty = b.g.pick(&TYPES);
        b.push(ty, InstKind::Input { slot: slot as u32 });
    }
    b.t.num_inputs = b.pool.len() as u32 + b.g.below(2) as u32;
    // A chain of blocks, each dominating the next; side blocks exit.
    let mut chain = vec![e];
    for _ in 0..b.g.below(5) {
        for _ in 0..b.g.below(8) {
            b.inst();
        }
        let n = b.g.below(3);
        let tys: Vec<Type> = (0..n).map(|_| b.g.pick(&TYPES)).collect();
        let next = b.t.new_block(&tys);
        let to_next = BlockCall { block: next, args: b.args(next) };
        let term = match b.g.below(4) {
            0 => Terminator::Jump(to_next),
            1 => Terminator::Branch { cond: b.val(Type::Bool), then: to_next, els: b.exit_block() },
            2 => Terminator::Branch { cond: b.val(Type::Bool), then: b.exit_block(), els: to_next },
            _ => {
                let other = BlockCall { block: next, args: b.args(next) };
                Terminator::Branch { cond: b.val(Type::Bool), then: to_next, els: other }
            }
        };
        b.t.set_term(b.cur, term);
        b.cur = next;
        b.pool.extend(b.t.block(next).params.clone());
        chain.push(next);
    }
    for _ in 0..b.g.below(8) {
        b.inst();
    }
    // Leave, or loop back to a block of the chain.
    let term = if chain.len() > 1 && b.g.chance(50) {
        let h = chain[1 + b.g.below(chain.len() - 1)];
        let back = BlockCall { block: h, args: b.args(h) };
        if b.g.chance(50) { Terminator::Branch { cond: b.val(Type::Bool), then: back, els: b.exit_block() } } else { Terminator::Jump(back) }
    } else {
        Terminator::Exit(b.exit())
    };
    b.t.set_term(b.cur, term);
    // Returns: exits whose last value has the self-calls' type.
    let mut t = b.t;
    let candidates: Vec<ExitId> = (0..t.exits.len() as u32)
        .map(ExitId)
        .filter(|e| !b.self_calls || t.exits[e.0 as usize].values().last().is_some_and(|v| t.ty(*v) == ret))
        .collect();
    for e in candidates {
        if g.chance(30) {
            t.returns.push(e);
        }
    }
    t
}

/// What the generator makes, to see that it covers the syntax.
#[test]
fn random_traces_cover_the_syntax() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = prop::collection::vec(any::<u32>(), 0..400);
    let mut text = String::new();
    for _ in 0..300 {
        let t = random_trace(strategy.new_tree(&mut runner).unwrap().current());
        text += &t.to_string();
    }
    for piece in [
        "call_self(", "returns=", "NaN(0x", "const inf", "= call pyjit_rt_", " else e", "guard ", "select ", "load.", "store.", "math.",
        "br ", "jump ", "rangeiter(", "iter(", "arriter(", "np.", "complex(", "] * v", "| frame(", "obj@", "\\\"", "trace \"",
    ] {
        assert!(text.contains(piece), "no `{piece}` in 300 random traces");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_traces_print_parse_and_print_the_same(choices in prop::collection::vec(any::<u32>(), 0..400)) {
        let t = random_trace(choices);
        verify(&t).map_err(|e| TestCaseError::fail(format!("the generator made an invalid trace: {e}\n{t}")))?;
        let text = t.to_string();
        let back = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back.to_string(), text.clone());
        prop_assert_eq!(&back, &t, "{}", text);
        verify(&back).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    }
}
