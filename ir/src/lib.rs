//! The trace IR.
//!
//! A trace is one hot loop region of a Python frame, typed and in SSA form:
//! blocks with parameters (the loop header's parameters are the loop-carried
//! locals), instructions that produce typed values, and exits. An exit is a
//! snapshot: where the interpreter resumes (a bytecode index) and what the
//! frame holds there (locals, value stack), each place given by a value of
//! the trace. Any instruction that could raise in Python carries an exit and
//! takes it *before* the operation, so the interpreter redoes it and raises
//! with the normal traceback.
//!
//! `Display for Trace` prints the text form (`--jit-dump`) and `parse`
//! reads it back.
//!
//! The control-flow graph is available as a `petgraph` graph (`Trace::cfg`)
//! for the passes and the verifier.

pub mod interp;
mod parse;
#[cfg(test)]
mod parse_tests;
mod print;
mod runtime_calls;
pub mod semantics;
mod verify;

pub use runtime_calls::{ArrayWant, NP_OPS, NpBinaryWant, OBJ_BUILTINS_ONLY, OBJ_COMPARE, OBJ_INPLACE, OBJ_INVERT, OBJ_NEGATIVE, OBJ_OPS, Operand, PollWords, RT_ARG_SLOTS, RandomFn, RtEntry, RtFn, RuntimeTable};
pub use parse::{ParseError, parse};

/// What must agree between an executable and the code generator it loads
/// (`libpyjit_llvm.so`), which take each other's traces and runtime tables:
/// this crate's sources (hashed by its build script) and the sizes of the
/// types that cross.
pub fn abi() -> String {
    format!(
        "pyjit-ir {} {} trace {} table {}",
        env!("CARGO_PKG_VERSION"),
        env!("PYJIT_IR_SOURCE_HASH"),
        size_of::<Trace>(),
        size_of::<RuntimeTable>()
    )
}

/// A string handed across the code generator library's C interface:
/// `put(ctx, bytes, len)` copies it on the side that gets it, so neither
/// side frees the other's memory.
#[repr(C)]
pub struct StrSink {
    pub ctx: *mut std::ffi::c_void,
    pub put: unsafe extern "C" fn(ctx: *mut std::ffi::c_void, bytes: *const u8, len: usize),
}

impl StrSink {
    /// A sink appending to `s` (valid while `s` is).
    pub fn to_string(s: &mut String) -> StrSink {
        unsafe extern "C" fn put(ctx: *mut std::ffi::c_void, bytes: *const u8, len: usize) {
            // SAFETY: `ctx` is the `String` this sink was made for, and
            // `bytes` a `str` of `len` bytes the other side lends.
            unsafe { (*(ctx as *mut String)).push_str(std::str::from_utf8_unchecked(std::slice::from_raw_parts(bytes, len))) }
        }
        StrSink { ctx: s as *mut String as *mut std::ffi::c_void, put }
    }

    /// Hands `s` to the sink's owner.
    pub fn put(&self, s: &str) {
        // SAFETY: the owner's callback, with its own context.
        unsafe { (self.put)(self.ctx, s.as_ptr(), s.len()) }
    }
}

/// Traces of more exits than this get fast code generation (the code
/// generator's `compile_at`), and are not waited for.
pub const FAST_CODEGEN_EXITS: usize = 48;
pub use verify::{VerifyError, verify};

use std::fmt;

/// A value's machine type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// A Python int that fits in i64 (overflow is a side exit).
    I64,
    /// A Python float (IEEE double).
    F64,
    /// A Python bool.
    Bool,
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Type::I64 => "i64",
            Type::F64 => "f64",
            Type::Bool => "bool",
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Value(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Block(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExitId(pub u32);

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}", self.0)
    }
}
impl fmt::Display for Block {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b{}", self.0)
    }
}
impl fmt::Display for ExitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "e{}", self.0)
    }
}

/// Operations that cannot fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    // i64 (callers guarantee no overflow, e.g. loop counters)
    IAddWrap,
    ISubWrap,
    IMulWrap,
    IAnd,
    IOr,
    IXor,
    /// i64 → i64: the low 32 bits of `a` divided by (remainder of) those of
    /// `b`, unsigned, a zero divisor counting as one. Python's `//` and `%`
    /// where the operands are known to lie in [0, 2**32) (versioning proves
    /// it), which vectorizes where a 64-bit division by a constant cannot.
    IDivU32,
    IRemU32,
    // i64 → bool: whether the checked add/sub/mul of the operands would
    // overflow (if-conversion speculates a checked op as its wrapping form
    // and guards on this)
    IAddOvf,
    ISubOvf,
    IMulOvf,
    // f64: IEEE, no fast-math
    FAdd,
    FSub,
    FMul,
    FDiv,
    // bool
    BAnd,
    BOr,
    BXor,
    // comparisons: ints compare as i64, floats as ordered IEEE (nan false,
    // except Ne), bools as 0/1; result is Bool
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// Operations that can fail: the instruction takes its exit instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CheckedOp {
    /// i64 arithmetic; exits on overflow.
    IAdd,
    ISub,
    IMul,
    /// Python `//` and `%` on ints; exit on a zero divisor or overflow.
    IFloorDiv,
    IMod,
    /// Python `<<`/`>>` on ints; exit on a negative count or overflow.
    IShl,
    IShr,
    /// Python `int ** int` for a non-negative exponent; exits on overflow or
    /// a negative exponent (whose result is a float).
    IPow,
    /// Python `/` on ints: exact when both fit in 53 bits, else exits.
    ITrueDiv,
    /// Python float `/`, `//`, `%`, `**`; exit where Python raises
    /// (zero divisor, overflow, complex result).
    FDiv,
    FFloorDiv,
    FMod,
    FPow,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    /// i64 → f64, exact rounding as Python's float(int).
    IToF,
    /// bool → i64 (False 0, True 1).
    BToI,
    /// i64 != 0, f64 != 0 (nan is true), bool identity: Python truthiness.
    Truth,
    BNot,
    FNeg,
    FAbs,
    /// f64 → f64 rounded to the nearest float32 (np.float32 arithmetic,
    /// done in double and rounded once, which for + - * / is exact
    /// float32 arithmetic).
    RoundF32,
    /// i64 → i64 wrapped to int32, int8 or uint8 (numpy's small ints).
    WrapI32,
    WrapI8,
    WrapU8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CheckedUnOp {
    /// -x on i64, exits for i64::MIN.
    INeg,
    /// abs(x) on i64, exits for i64::MIN.
    IAbs,
    /// int(x) / math.trunc(x) on f64: exits for nan, inf or out of i64.
    FToITrunc,
    /// math.floor / math.ceil on f64 returning int.
    FFloorToI,
    FCeilToI,
    /// round(x) on f64 (ties to even) returning int.
    FRoundToI,
}

/// A call to a C math function (the same libm CPython calls). `checked`
/// applies CPython's mathmodule error rule: a nan result from a non-nan
/// argument or an infinite result from finite arguments exits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MathFn {
    Sqrt,
    Exp,
    Expm1,
    Log,
    Log2,
    Log10,
    Log1p,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Atan2,
    Hypot,
    Pow,
    Fmod,
    Copysign,
    Floor,
    Ceil,
    Trunc,
    Fabs,
    /// Python round(x) for floats, half to even, result float.
    RoundEven,
    /// Python round(x, ndigits) for a float x: (x, float(ndigits)).
    RoundDigits,
}

impl MathFn {
    pub fn arity(self) -> usize {
        match self {
            MathFn::Atan2 | MathFn::Hypot | MathFn::Pow | MathFn::Fmod | MathFn::Copysign | MathFn::RoundDigits => 2,
            _ => 1,
        }
    }
    pub fn name(self) -> &'static str {
        use MathFn::*;
        match self {
            Sqrt => "sqrt",
            Exp => "exp",
            Expm1 => "expm1",
            Log => "log",
            Log2 => "log2",
            Log10 => "log10",
            Log1p => "log1p",
            Sin => "sin",
            Cos => "cos",
            Tan => "tan",
            Asin => "asin",
            Acos => "acos",
            Atan => "atan",
            Sinh => "sinh",
            Cosh => "cosh",
            Tanh => "tanh",
            Asinh => "asinh",
            Acosh => "acosh",
            Atanh => "atanh",
            Atan2 => "atan2",
            Hypot => "hypot",
            Pow => "pow",
            Fmod => "fmod",
            Copysign => "copysign",
            Floor => "floor",
            Ceil => "ceil",
            Trunc => "trunc",
            Fabs => "fabs",
            RoundEven => "roundeven",
            RoundDigits => "round_digits",
        }
    }
    pub fn from_name(name: &str) -> Option<MathFn> {
        use MathFn::*;
        const ALL: [MathFn; 30] = [
            Sqrt, Exp, Expm1, Log, Log2, Log10, Log1p, Sin, Cos, Tan, Asin, Acos, Atan, Sinh,
            Cosh, Tanh, Asinh, Acosh, Atanh, Atan2, Hypot, Pow, Fmod, Copysign, Floor, Ceil,
            Trunc, Fabs, RoundEven, RoundDigits,
        ];
        ALL.into_iter().find(|f| f.name() == name)
    }
}

/// The element type of memory a `Load` or `Store` touches: a numpy dtype,
/// read into (written from) the trace type `value_type()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MemTy {
    F64,
    F32,
    I64,
    I32,
    I8,
    U8,
    /// One byte, 0 or 1.
    Bool,
}

impl MemTy {
    pub fn value_type(self) -> Type {
        match self {
            MemTy::F64 | MemTy::F32 => Type::F64,
            MemTy::I64 | MemTy::I32 | MemTy::I8 | MemTy::U8 => Type::I64,
            MemTy::Bool => Type::Bool,
        }
    }
    pub fn size(self) -> u64 {
        match self {
            MemTy::F64 | MemTy::I64 => 8,
            MemTy::F32 | MemTy::I32 => 4,
            MemTy::I8 | MemTy::U8 | MemTy::Bool => 1,
        }
    }
    /// A number for the type, as runtime calls take it.
    pub fn code(self) -> u64 {
        self as u64
    }
    pub fn from_code(c: u64) -> Option<MemTy> {
        [MemTy::F64, MemTy::F32, MemTy::I64, MemTy::I32, MemTy::I8, MemTy::U8, MemTy::Bool].into_iter().find(|m| m.code() == c)
    }
    pub fn name(self) -> &'static str {
        match self {
            MemTy::F64 => "f64",
            MemTy::F32 => "f32",
            MemTy::I64 => "i64",
            MemTy::I32 => "i32",
            MemTy::I8 => "i8",
            MemTy::U8 => "u8",
            MemTy::Bool => "bool",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum InstKind {
    /// A constant; `bits` is the i64, the f64's bits, or 0/1.
    Const { bits: u64 },
    /// A live-in read from the state buffer at entry (entry block only).
    Input { slot: u32 },
    Unary { op: UnOp, a: Value },
    Binary { op: BinOp, a: Value, b: Value },
    CheckedUnary { op: CheckedUnOp, a: Value, exit: ExitId },
    Checked { op: CheckedOp, a: Value, b: Value, exit: ExitId },
    Math { f: MathFn, args: Vec<Value>, exit: Option<ExitId> },
    Select { cond: Value, a: Value, b: Value },
    /// Exit unless `cond == expect`.
    Guard { cond: Value, expect: bool, exit: ExitId },
    /// A call of this trace's own function (a function trace recursing):
    /// `args[k]` is written to input slot `slots[k]` of a fresh state
    /// buffer and the trace runs on it. When it leaves through one of
    /// `Trace::returns`, the result is that exit's last value; any other
    /// exit, or nesting deeper than `MAX_SELF_CALL_DEPTH`, takes `exit`
    /// (the interpreter then redoes the call).
    CallSelf { args: Vec<Value>, slots: Vec<u32>, exit: ExitId },
    /// Reads an element at byte address `addr` (an array's buffer; the
    /// trace has checked the bounds). Widened: f32 to f64, small ints
    /// sign- or zero-extended to i64.
    Load { mem: MemTy, addr: Value },
    /// Writes `val`, narrowed to `mem` (f64 rounded to f32, ints wrapped),
    /// at byte address `addr`. No result.
    Store { mem: MemTy, addr: Value, val: Value },
    /// A call into the VM's runtime; `exit` is taken when it reports
    /// failure (every `RtFn` that can fail has one).
    Call { f: RtFn, args: Vec<Value>, exit: Option<ExitId> },
    /// True when the interpreter has work waiting: a signal to handle,
    /// another thread asking this one to stop (the words
    /// `RuntimeTable::poll` names) and, with `alone`, when another Python
    /// thread runs (the trace reads lists directly). It reads the words at
    /// every `every`-th poll of the native frame (a countdown shared by the
    /// frame's polls; false in between), so a guard on it at each back-edge
    /// makes a long loop leave within `every` iterations, for the cost of
    /// a decrement. Never hoisted or merged.
    Poll { alone: bool, every: u32 },
}

/// How often a back-edge's poll reads the words (`InstKind::Poll`).
pub const POLL_EVERY: u32 = 128;

/// How deep native self-calls nest before the interpreter takes over (and
/// raises RecursionError where Python would).
pub const MAX_SELF_CALL_DEPTH: u32 = 800;

#[derive(Clone, Debug, PartialEq)]
pub struct Inst {
    /// The result (`None` for guards).
    pub result: Option<Value>,
    pub kind: InstKind,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BlockCall {
    pub block: Block,
    pub args: Vec<Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Terminator {
    Jump(BlockCall),
    Branch { cond: Value, then: BlockCall, els: BlockCall },
    Exit(ExitId),
}

#[derive(Clone, Debug, PartialEq)]
pub struct BlockData {
    pub params: Vec<Value>,
    pub insts: Vec<Inst>,
    pub term: Terminator,
}

/// Where a snapshot value goes in the interpreter's frame. The numbering is
/// the bridge's business: the IR only carries it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    /// A fast local (function locals).
    Local(u32),
    /// A name in the frame's locals/globals dict (index into the trace's
    /// name table).
    Name(u32),
    /// The value stack entry at this depth (0 = bottom).
    Stack(u32),
    /// The entries after this one, up to the next `Frame`, belong to the
    /// frame of a call the trace inlined: the function whose code is the
    /// recording's object `code`, resuming at `pc`. The frame before it is
    /// suspended at the call (the interpreter makes the call, and the new
    /// frame starts at `pc` with these locals and stack instead of at its
    /// beginning). Its `SnapValue` is `Null`.
    Frame { code: u32, pc: u32 },
}

/// What a place holds at an exit.
#[derive(Clone, Debug, PartialEq)]
pub enum SnapValue {
    /// An unboxed value of the trace.
    Val(Value),
    /// An object the trace holds (index into the caller's object table),
    /// for example a function on the stack before a call.
    Obj(u32),
    /// The object that was on the value stack at this depth when the trace
    /// was entered (the frame still owns it).
    EntryStack(u32),
    /// A NULL stack entry.
    Null,
    /// An unboxed value the interpreter sees as a numpy scalar of the
    /// value's type (np.float64, np.int64, np.bool_): an array element.
    Np(Value),
    /// The object the `k`-th object check unboxed at entry (an array the
    /// trace reads through its buffer); the frame still holds it.
    EntryObj(u32),
    /// A range iterator at `index`; if `obj` is set it is the iterator that
    /// was on the stack at that depth at entry (only its position changes),
    /// else the bridge makes a new one.
    RangeIter { obj: Option<u32>, start: Value, step: Value, len: Value, index: Value },
    /// `range(start, stop, step)`, a range the trace made and did not
    /// iterate: made at the exit.
    Range { start: Value, stop: Value, step: Value },
    /// `slice(start, stop, step)` of ints, a slice the trace used without
    /// making it (allocation sinking): made at the exit.
    Slice { start: Value, stop: Value, step: Value },
    /// A list-based iterator the trace ran itself: `kind` is its structure,
    /// `lists` its lists in `IterKind`'s order (the `EntryObj` number of
    /// one checked at entry; `None` for one read out of another list,
    /// whose address follows the state in `vals`), `vals` its state in
    /// that order. If `obj` is set, it was on the stack at that depth at
    /// entry: the bridge moves the list iterators it held in place (and
    /// makes a new enumerate or zip around them).
    Iter { obj: Option<u32>, kind: IterKind, lists: Vec<Option<u32>>, vals: Vec<Value> },
    /// The object at this address: a list read out of a list the trace
    /// holds (which the trace never stores into, so it stays alive).
    ObjAt(Value),
    /// A tuple the trace built (never allocated): made at the exit from
    /// its elements.
    Tuple(Vec<SnapValue>),
    /// A list display the trace did not make (`[x]` of `[x] * n`): made
    /// at the exit from its elements.
    List(Vec<SnapValue>),
    /// An iterator over a tuple the trace holds, `index` items taken: made
    /// at the exit over the tuple.
    TupleIter { tuple: Box<SnapValue>, index: Value },
    /// A complex number of these two floats, made at the exit.
    Complex(Value, Value),
    /// A list `[item] * n` the trace did not make: made at the exit.
    Repeat { item: Box<SnapValue>, n: Value },
    /// A numpy scalar of a small dtype (np.float32, np.int32, np.int8,
    /// np.uint8), the value widened to f64 or i64.
    NpSmall(Value, MemTy),
    /// An iterator over the array the `arr`-th object check read (or over
    /// its view `arr[view...]`, a row), `index` items taken: if `obj` is
    /// set, the one that was on the stack at that depth at entry (moved
    /// in place), else a new one.
    ArrIter { obj: Option<u32>, arr: u32, index: Value, view: Vec<Value> },
    /// `a[i, j, ...]` of the `arr`-th array checked at entry, a view (a row
    /// of a matrix) made at the exit; the indices are in range.
    ArrView { arr: u32, index: Vec<Value> },
    /// An array of `mem` the run holds in a scratch buffer (C-contiguous
    /// at `data`, of this shape): made at the exit from a copy.
    ArrBuf { mem: MemTy, data: Value, shape: Vec<Value> },
}

impl SnapValue {
    /// The unboxed values it hands back, in state-buffer order.
    pub fn values(&self, out: &mut Vec<Value>) {
        match self {
            SnapValue::Val(v) | SnapValue::Np(v) | SnapValue::ObjAt(v) | SnapValue::NpSmall(v, _) => out.push(*v),
            SnapValue::ArrIter { index, view, .. } => out.extend(std::iter::once(*index).chain(view.iter().copied())),
            SnapValue::RangeIter { start, step, len, index, .. } => out.extend([*start, *step, *len, *index]),
            SnapValue::Range { start, stop, step } | SnapValue::Slice { start, stop, step } => out.extend([*start, *stop, *step]),
            SnapValue::Iter { vals, .. } => out.extend(vals.iter().copied()),
            SnapValue::Tuple(items) | SnapValue::List(items) => items.iter().for_each(|i| i.values(out)),
            SnapValue::TupleIter { tuple, index } => {
                tuple.values(out);
                out.push(*index);
            }
            SnapValue::Complex(re, im) => out.extend([*re, *im]),
            SnapValue::Repeat { item, n } => {
                item.values(out);
                out.push(*n);
            }
            SnapValue::ArrView { index, .. } => out.extend(index.iter().copied()),
            SnapValue::ArrBuf { data, shape, .. } => out.extend(std::iter::once(*data).chain(shape.iter().copied())),
            SnapValue::Obj(_) | SnapValue::EntryStack(_) | SnapValue::EntryObj(_) | SnapValue::Null => {}
        }
    }

    /// The same values, to rewrite (in the same order).
    pub fn values_mut(&mut self) -> Vec<&mut Value> {
        match self {
            SnapValue::Val(v) | SnapValue::Np(v) | SnapValue::ObjAt(v) | SnapValue::NpSmall(v, _) => vec![v],
            SnapValue::ArrIter { index, view, .. } => std::iter::once(index).chain(view.iter_mut()).collect(),
            SnapValue::RangeIter { start, step, len, index, .. } => vec![start, step, len, index],
            SnapValue::Range { start, stop, step } | SnapValue::Slice { start, stop, step } => vec![start, stop, step],
            SnapValue::Iter { vals, .. } => vals.iter_mut().collect(),
            SnapValue::Tuple(items) | SnapValue::List(items) => items.iter_mut().flat_map(SnapValue::values_mut).collect(),
            SnapValue::TupleIter { tuple, index } => tuple.values_mut().into_iter().chain(std::iter::once(index)).collect(),
            SnapValue::Complex(re, im) => vec![re, im],
            SnapValue::Repeat { item, n } => item.values_mut().into_iter().chain(std::iter::once(n)).collect(),
            SnapValue::ArrView { index, .. } => index.iter_mut().collect(),
            SnapValue::ArrBuf { data, shape, .. } => std::iter::once(data).chain(shape.iter_mut()).collect(),
            SnapValue::Obj(_) | SnapValue::EntryStack(_) | SnapValue::EntryObj(_) | SnapValue::Null => vec![],
        }
    }
}

/// The structure of an iterator over lists that a trace runs itself. Its
/// state is a list of i64 values, in pre-order: a list iterator has its
/// index, an enumerate its count and then its inner iterator's values, a
/// zip its iterators' values one after the other.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IterKind {
    /// `iter(lst)`: one list, one index.
    List,
    /// `reversed(lst)`: one list, the index of the next item (counting
    /// down; -1 once it has given item 0).
    Reversed,
    Enumerate(Box<IterKind>),
    Zip(Vec<IterKind>),
}

impl IterKind {
    /// How many state values it has.
    pub fn num_values(&self) -> usize {
        match self {
            IterKind::List | IterKind::Reversed => 1,
            IterKind::Enumerate(inner) => 1 + inner.num_values(),
            IterKind::Zip(its) => its.iter().map(IterKind::num_values).sum(),
        }
    }

    /// How many lists it walks.
    pub fn num_lists(&self) -> usize {
        match self {
            IterKind::List | IterKind::Reversed => 1,
            IterKind::Enumerate(inner) => inner.num_lists(),
            IterKind::Zip(its) => its.iter().map(IterKind::num_lists).sum(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Exit {
    /// Bytecode index where the interpreter continues.
    pub pc: u32,
    pub entries: Vec<(Place, SnapValue)>,
    /// The value stack depth at `pc` (entries cover every stack slot at or
    /// above the region's base depth).
    pub stack_depth: u32,
    /// Why: "loop done", "overflow", ... for logs.
    pub reason: String,
}

impl Exit {
    /// The unboxed values this exit hands back, in state-buffer order.
    pub fn values(&self) -> Vec<Value> {
        let mut out = Vec::new();
        for (_, v) in &self.entries {
            v.values(&mut out);
        }
        out
    }
}

/// One compiled region.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Trace {
    pub name: String,
    pub blocks: Vec<BlockData>,
    /// Type of every value, by value number.
    pub types: Vec<Type>,
    pub exits: Vec<Exit>,
    /// Number of state-buffer slots read by `Input`.
    pub num_inputs: u32,
    /// For a function trace: the exits that return from the function; the
    /// returned value is each one's last value.
    pub returns: Vec<ExitId>,
}

impl Trace {
    pub fn new(name: impl Into<String>) -> Trace {
        Trace { name: name.into(), ..Trace::default() }
    }
    pub fn entry(&self) -> Block {
        Block(0)
    }
    /// Creates the entry block (block 0, no parameters).
    pub fn entry_block(&mut self) -> Block {
        debug_assert!(self.blocks.is_empty());
        self.new_block(&[])
    }
    pub fn new_value(&mut self, ty: Type) -> Value {
        self.types.push(ty);
        Value(self.types.len() as u32 - 1)
    }
    pub fn ty(&self, v: Value) -> Type {
        self.types[v.0 as usize]
    }
    /// Slots the state buffer needs: every input and every exit's values.
    pub fn state_len(&self) -> usize {
        self.exits.iter().map(|e| e.values().len()).max().unwrap_or(0).max(self.num_inputs as usize).max(1)
    }
    /// A new block, terminated by a placeholder exit until `set_term`.
    pub fn new_block(&mut self, param_types: &[Type]) -> Block {
        let params = param_types.iter().map(|t| self.new_value(*t)).collect();
        self.blocks.push(BlockData { params, insts: Vec::new(), term: Terminator::Exit(ExitId(u32::MAX)) });
        Block(self.blocks.len() as u32 - 1)
    }
    pub fn block(&self, b: Block) -> &BlockData {
        &self.blocks[b.0 as usize]
    }
    pub fn block_mut(&mut self, b: Block) -> &mut BlockData {
        &mut self.blocks[b.0 as usize]
    }
    pub fn add_exit(&mut self, exit: Exit) -> ExitId {
        self.exits.push(exit);
        ExitId(self.exits.len() as u32 - 1)
    }
    /// Appends an instruction producing a value of type `ty`.
    pub fn push(&mut self, b: Block, ty: Type, kind: InstKind) -> Value {
        let v = self.new_value(ty);
        self.block_mut(b).insts.push(Inst { result: Some(v), kind });
        v
    }
    pub fn push_store(&mut self, b: Block, mem: MemTy, addr: Value, val: Value) {
        self.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Store { mem, addr, val } });
    }
    pub fn push_guard(&mut self, b: Block, cond: Value, expect: bool, exit: ExitId) {
        self.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Guard { cond, expect, exit } });
    }
    pub fn set_term(&mut self, b: Block, term: Terminator) {
        self.block_mut(b).term = term;
    }
    pub fn const_i64(&mut self, b: Block, x: i64) -> Value {
        self.push(b, Type::I64, InstKind::Const { bits: x as u64 })
    }
    pub fn const_f64(&mut self, b: Block, x: f64) -> Value {
        self.push(b, Type::F64, InstKind::Const { bits: x.to_bits() })
    }
    pub fn const_bool(&mut self, b: Block, x: bool) -> Value {
        self.push(b, Type::Bool, InstKind::Const { bits: x as u64 })
    }

    /// Which blocks the entry block reaches.
    pub fn reachable(&self) -> Vec<bool> {
        let mut seen = vec![false; self.blocks.len()];
        let mut stack = vec![0usize];
        seen[0] = true;
        while let Some(b) = stack.pop() {
            for s in self.blocks[b].term.successors() {
                if !seen[s.0 as usize] {
                    seen[s.0 as usize] = true;
                    stack.push(s.0 as usize);
                }
            }
        }
        seen
    }

    /// The bits of `v` when an instruction defines it as a constant.
    pub fn const_bits(&self, v: Value) -> Option<u64> {
        self.blocks.iter().flat_map(|b| &b.insts).find_map(|i| match i.kind {
            InstKind::Const { bits } if i.result == Some(v) => Some(bits),
            _ => None,
        })
    }

    /// Who dominates whom in the control-flow graph from the entry block.
    pub fn dominance(&self) -> Dominance {
        let g = self.cfg();
        Dominance(petgraph::algo::dominators::simple_fast(&g, petgraph::graph::NodeIndex::new(0)))
    }

    /// The control-flow graph; node weights are block numbers, in order.
    pub fn cfg(&self) -> petgraph::graph::DiGraph<Block, ()> {
        let mut g = petgraph::graph::DiGraph::new();
        let nodes: Vec<_> = (0..self.blocks.len()).map(|i| g.add_node(Block(i as u32))).collect();
        for (i, b) in self.blocks.iter().enumerate() {
            for s in b.term.successors() {
                g.add_edge(nodes[i], nodes[s.0 as usize], ());
            }
        }
        g
    }
}

/// The dominator tree of a trace's blocks (`Trace::dominance`).
pub struct Dominance(petgraph::algo::dominators::Dominators<petgraph::graph::NodeIndex>);

impl Dominance {
    /// Whether block `a` dominates block `b` (every block dominates itself;
    /// an unreachable `b` is dominated by nothing else).
    pub fn dominates(&self, a: usize, b: usize) -> bool {
        let mut n = petgraph::graph::NodeIndex::new(b);
        loop {
            if n.index() == a {
                return true;
            }
            match self.0.immediate_dominator(n) {
                Some(d) if d != n => n = d,
                _ => return false,
            }
        }
    }
}

impl Terminator {
    pub fn successors(&self) -> Vec<Block> {
        match self {
            Terminator::Jump(c) => vec![c.block],
            Terminator::Branch { then, els, .. } => vec![then.block, els.block],
            Terminator::Exit(_) => vec![],
        }
    }
    pub fn calls_mut(&mut self) -> Vec<&mut BlockCall> {
        match self {
            Terminator::Jump(c) => vec![c],
            Terminator::Branch { then, els, .. } => vec![then, els],
            Terminator::Exit(_) => vec![],
        }
    }
    /// Values the terminator reads.
    pub fn uses(&self) -> Vec<Value> {
        match self {
            Terminator::Jump(c) => c.args.clone(),
            Terminator::Branch { cond, then, els } => {
                let mut v = vec![*cond];
                v.extend(&then.args);
                v.extend(&els.args);
                v
            }
            Terminator::Exit(_) => vec![],
        }
    }
}

impl InstKind {
    /// Values the instruction reads.
    pub fn uses(&self) -> Vec<Value> {
        match self {
            InstKind::Const { .. } | InstKind::Input { .. } | InstKind::Poll { .. } => vec![],
            InstKind::Unary { a, .. } | InstKind::CheckedUnary { a, .. } => vec![*a],
            InstKind::Binary { a, b, .. } | InstKind::Checked { a, b, .. } => vec![*a, *b],
            InstKind::Math { args, .. } | InstKind::CallSelf { args, .. } => args.clone(),
            InstKind::Select { cond, a, b } => vec![*cond, *a, *b],
            InstKind::Guard { cond, .. } => vec![*cond],
            InstKind::Load { addr, .. } => vec![*addr],
            InstKind::Store { addr, val, .. } => vec![*addr, *val],
            InstKind::Call { args, .. } => args.clone(),
        }
    }
    pub fn uses_mut(&mut self) -> Vec<&mut Value> {
        match self {
            InstKind::Const { .. } | InstKind::Input { .. } | InstKind::Poll { .. } => vec![],
            InstKind::Unary { a, .. } | InstKind::CheckedUnary { a, .. } => vec![a],
            InstKind::Binary { a, b, .. } | InstKind::Checked { a, b, .. } => vec![a, b],
            InstKind::Math { args, .. } | InstKind::CallSelf { args, .. } => args.iter_mut().collect(),
            InstKind::Select { cond, a, b } => vec![cond, a, b],
            InstKind::Guard { cond, .. } => vec![cond],
            InstKind::Load { addr, .. } => vec![addr],
            InstKind::Store { addr, val, .. } => vec![addr, val],
            InstKind::Call { args, .. } => args.iter_mut().collect(),
        }
    }
    pub fn exit(&self) -> Option<ExitId> {
        match self {
            InstKind::CheckedUnary { exit, .. }
            | InstKind::Checked { exit, .. }
            | InstKind::Guard { exit, .. }
            | InstKind::CallSelf { exit, .. } => Some(*exit),
            InstKind::Math { exit, .. } | InstKind::Call { exit, .. } => *exit,
            _ => None,
        }
    }
    /// Whether removing the instruction when its result is unused keeps
    /// the program's meaning (no exit to take).
    pub fn is_pure(&self) -> bool {
        self.exit().is_none()
            && !matches!(self, InstKind::Store { .. })
            && !matches!(self, InstKind::Call { f, .. } if f.has_effects())
    }
}

impl BinOp {
    pub fn is_compare(self) -> bool {
        matches!(self, BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge)
    }
    /// `IAddOvf`, `ISubOvf`, `IMulOvf`: i64 operands, bool result.
    pub fn is_overflow_test(self) -> bool {
        matches!(self, BinOp::IAddOvf | BinOp::ISubOvf | BinOp::IMulOvf)
    }
}
