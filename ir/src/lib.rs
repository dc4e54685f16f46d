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
//! The control-flow graph is available as a `petgraph` graph (`Trace::cfg`)
//! for the passes and the verifier.

pub mod interp;
mod print;
pub mod semantics;
mod verify;

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

/// A function of the VM's runtime that compiled code calls: list access.
/// All share one C signature, `RtEntry`: three arguments as bits (unused
/// ones 0), the result's bits written to `out`, and a status that is
/// nonzero where the call cannot do what Python would (an index out of
/// range, an element of another type): then the call's exit is taken, and
/// the interpreter does it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RtFn {
    /// `len(lst)`.
    ListLen,
    /// `lst[i]` of an element of exactly this type (int, float, bool).
    ListGet(Type),
    /// `lst[i] = v`.
    ListSet(Type),
    /// `lst.append(v)`.
    ListAppend(Type),
    /// The value of an exact int object (its address), if it fits i64.
    UnboxInt,
    /// A call of the interpreter's own `random.<f>` (the function object's
    /// address, then two arguments of types `a` and `b`, unused by
    /// `random()`): the stream is the interpreter's.
    Random { f: RandomFn, a: Type, b: Type },
    /// `random()` of a `random.Random` (its address), straight from its
    /// Mersenne Twister state (the interpreter's, moved on in place).
    MtRandom,
    /// `_randbelow(n)` of a `random.Random`, for 1 <= n < 2**63.
    MtRandbelow,
    /// `obj.name` from the instance's dict (the object's address, the name
    /// object's), a number of exactly this type.
    AttrGet(Type),
    /// `obj.name = v` into the instance's dict.
    AttrSet(Type),
    /// Succeeds when the instance's dict does not hold `name` (a method
    /// call must not find an instance attribute instead).
    AttrAbsent,
    /// A new empty list (its address; the runtime keeps it alive until
    /// the native run ends).
    ListNew,
    /// `lst * n`, a new list (kept alive the same way).
    ListRepeat,
    /// `a + b` of two lists, a new list (kept alive the same way).
    ListConcat,
    /// `[x] * n` for a number `x`: a new list (kept alive the same way).
    ListFill(Type),
    /// `object.__new__(cls)` (the class's address): a new instance (kept
    /// alive the same way), before its `__init__`.
    NewInstance,
    /// `lst.append(obj)` of an object (its address).
    ListAppendObj,
    /// `slice(start, stop, step)` of ints, a new slice (kept alive the
    /// same way). A bound the program gave as None comes as the int that
    /// means the same for a list of any length.
    SliceNew,
    /// `lst[s]` of a slice object: a new list (kept alive the same way).
    ListGetSlice,
    /// `lst[s] = other` of a slice object and a list, into a list that
    /// holds only numbers.
    ListSetSlice,
    /// `lst.pop(i)` of an element of exactly this type.
    ListPop(Type),
    /// `lst.insert(i, v)`.
    ListInsert(Type),
    /// `lst.reverse()`.
    ListReverse,
    /// `obj.name = x` of an object (its address) into the instance's dict,
    /// where the name is absent or holds a number.
    AttrSetObj,
    /// `d[k]` of an exact dict, a number of exactly type `val`; the key a
    /// number of type `key`, or an object (a str, its address) for None.
    DictGet { key: Option<Type>, val: Type },
    /// `d[k] = v` over a missing key or a number.
    DictSet { key: Option<Type>, val: Type },
    /// `k in d`.
    DictContains { key: Option<Type> },
    /// `len(d)`.
    DictLen,
    /// `lst.sort()` of a list holding only numbers.
    ListSort,
    /// `lst.clear()` of a list holding only numbers.
    ListClear,
    /// `lst.extend(other)` of another list.
    ListExtend,
    /// `lst.index(x)` and `lst.count(x)` of a number of this type.
    ListIndex(Type),
    ListCount(Type),
    /// `obj.name` of a `__slots__` member (the object, the member's byte
    /// offset from it), a number of exactly this type (else an exit).
    MemberGet(Type),
    /// `obj.name = v` of a `__slots__` member (the object, its byte
    /// offset, the value) unset or holding a number (else an exit).
    MemberSet(Type),
    /// Drops what this native run made so far: at a loop's back-edge that
    /// carries none of it round (the objects anything else holds live on).
    ArenaReset,
    /// The same at a back-edge that carries some of it round, keeping the
    /// objects at these addresses (wide arguments: every object address
    /// the loop carries, among other values, zeros up to sixteen). Scratch
    /// buffers are dropped: none is carried where this is used.
    ArenaKeep,
    /// `np.array(lst, dtype)` of a list of numbers or of lists of numbers:
    /// a new array (kept alive like a new list) of `MemTy::code` dtype
    /// and this many dimensions (anything else exits, as the call raises
    /// or gives another array).
    NpArray,
    /// `a <op> b` with an array on either side, through the VM as the
    /// interpreter does it: a new array (kept alive the same way). The
    /// third argument packs what `NpBinaryWant` says; `a` and `b` are the
    /// operands' types (an object's address is an I64).
    NpBinary { a: Type, b: Type },
    /// `a <op>= b` of an array `a` (its address), which changes in place:
    /// packed as for `NpBinary`; an error exits before anything changed.
    NpInplace { b: Type },
    /// A numpy one-argument ufunc (`np.sqrt(a)`: the name's str, the
    /// array) of an array: a new array of the dtype and dimensions the
    /// third argument packs (`ArrayWant`).
    NpUnaryArr,
    /// `a.<name>()` of an array (its address, the name's str): through
    /// the VM, a numpy scalar of exactly this type (np.float64, np.int64,
    /// np.bool_) unboxed, else an exit (the reductions have no effects).
    NpMethod(Type),
    /// `f(a, b)` of a numpy function (its address) and two arrays, a numpy
    /// scalar of exactly this type unboxed, else an exit.
    NpCall2(Type),
    /// `a.<name>` of an array (its address, the name's str) that is an
    /// array (`a.T`): through the VM, kept alive like a new one, of the
    /// dtype and dimensions the third argument packs (`ArrayWant`).
    NpAttrArr,
    /// Stride `k` (in bytes) of an array the run made.
    ArrStride,
    /// The address of element 0 of an array the run made.
    ArrData,
    /// Length `k` of the shape of an array the run made.
    ArrDim,
    /// `np.array([x] * n)` (`np.array([[x] * n])` for two dimensions) of
    /// a number `x` of this type: (x, n, the dtype and dimensions packed
    /// (`ArrayWant`)), no object but the address of a C-contiguous buffer
    /// in the run's scratch arena (dropped with the objects at
    /// `ArenaReset`). A length below 1 or a full arena exits.
    BufFull(Type),
    /// `np.zeros((d0, d1))` (`np.ones` where bit 16 of the third argument
    /// is set, `np.empty` as zeros; its low bits pack the dtype and
    /// dimensions, and `d1` is unused for one) into a scratch buffer (its
    /// address); a negative size exits.
    BufFilled,
    /// `a @ b` into a scratch buffer (its address), of two float64 or two
    /// int64 operands given by their buffers and strides (wide arguments:
    /// a's data, rows, columns, row stride, column stride in bytes, then
    /// b's, then the dtype and dimensions packed (`ArrayWant`)); the
    /// module's own kernel, so the bits are the interpreter's. Unequal
    /// inner dimensions exit (the interpreter raises).
    BufMatmul,
    /// An array object made from a scratch buffer (wide arguments: data,
    /// the two dimensions, the second unused for one, the dtype and
    /// dimensions packed (`ArrayWant`)): kept alive like a new one.
    BufBox,
    /// A numpy scalar (np.int64, np.float64, np.bool_) of a value of this
    /// type: a new object kept alive like a new list (to store into a
    /// list); a full arena exits.
    BoxNp(Type),
    /// `lst[i] = obj` of an object (its address) over None or a number
    /// (anything else, or an index out of range, exits).
    ListSetObj,
    /// `a[key]` of an array object and a key of ints and slices or a mask
    /// (wide arguments: `a`, the number of key items, a (kind, bits) pair
    /// for each: 0 and an int, 1 and a slice object's address, 2 and a
    /// bool array's (the only item); then the dtype and dimensions the
    /// result must have, packed (`ArrayWant`), and zeros up to sixteen
    /// arguments): numpy's view (of a mask, its copy), kept alive like a
    /// new object; anything else exits.
    NpSlice,
    /// `a[key] = v` (wide arguments: `a`, `v`'s bits, how `v` comes as an
    /// `Operand`, then the key as for `NpSlice`, zeros up to sixteen): the
    /// store through the VM, numpy's (an error exits before it changes
    /// anything). The type is `v`'s.
    NpSetKey(Type),
}

/// Calls with more arguments than `RtEntry` has slots pass them as an
/// array: its address and length in the first two slots.
pub const RT_ARG_SLOTS: usize = 3;

/// What `RtFn::NpBinary`'s third argument packs: the result's dtype and
/// dimensions, the operator, and how each operand comes (an object's
/// address, or the bits of a Python float, int or bool to box).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NpBinaryWant {
    pub mem: MemTy,
    pub ndim: u8,
    /// `NpOp`'s number.
    pub op: u8,
    pub a: Operand,
    pub b: Operand,
}

/// An operand of `RtFn::NpBinary`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    Obj = 0,
    Float = 1,
    Int = 2,
    Bool = 3,
}

/// The operators `RtFn::NpBinary` applies, by number.
pub const NP_OPS: [&str; 18] = ["+", "-", "*", "/", "//", "%", "**", "&", "|", "^", "<<", ">>", "<", "<=", "==", "!=", ">", ">="];

/// The array a runtime call is to give (`RtFn::NpUnaryArr`, `RtFn::BufMatmul` and their kin):
/// its dtype and number of dimensions, packed into the low 16 bits of one
/// argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArrayWant {
    pub mem: MemTy,
    pub ndim: u8,
}

impl ArrayWant {
    pub fn pack(self) -> u64 {
        self.mem.code() | (self.ndim as u64) << 8
    }
    #[inline]
    pub fn unpack(w: u64) -> Option<ArrayWant> {
        Some(ArrayWant { mem: MemTy::from_code(w & 0xff)?, ndim: (w >> 8) as u8 })
    }
}

impl NpBinaryWant {
    pub fn pack(self) -> u64 {
        ArrayWant { mem: self.mem, ndim: self.ndim }.pack() | (self.op as u64) << 16 | (self.a as u64) << 24 | (self.b as u64) << 26
    }
    pub fn unpack(w: u64) -> Option<NpBinaryWant> {
        let operand = |k: u64| [Operand::Obj, Operand::Float, Operand::Int, Operand::Bool][(k & 3) as usize];
        let array = ArrayWant::unpack(w & 0xffff)?;
        Some(NpBinaryWant {
            mem: array.mem,
            ndim: array.ndim,
            op: (w >> 16) as u8,
            a: operand(w >> 24),
            b: operand(w >> 26),
        })
    }
}

/// The functions of Python's `random` module compiled code calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RandomFn {
    /// `random()`, a float in [0, 1).
    Random,
    /// `uniform(a, b)`, a float.
    Uniform,
    /// `gauss(mu, sigma)`, a float.
    Gauss,
    /// `randint(a, b)` for `a <= b`, an int.
    Randint,
}

/// The C signature of every `RtFn`.
pub type RtEntry = unsafe extern "C" fn(u64, u64, u64, *mut u64) -> u32;

impl RtFn {
    pub fn symbol(self) -> String {
        let t = |t: Type| match t {
            Type::I64 => "i64",
            Type::F64 => "f64",
            Type::Bool => "bool",
        };
        match self {
            RtFn::ListLen => "pyjit_rt_list_len".into(),
            RtFn::ListGet(ty) => format!("pyjit_rt_list_get_{}", t(ty)),
            RtFn::ListSet(ty) => format!("pyjit_rt_list_set_{}", t(ty)),
            RtFn::ListAppend(ty) => format!("pyjit_rt_list_append_{}", t(ty)),
            RtFn::UnboxInt => "pyjit_rt_unbox_int".into(),
            RtFn::MtRandom => "pyjit_rt_mt_random".into(),
            RtFn::MtRandbelow => "pyjit_rt_mt_randbelow".into(),
            RtFn::AttrGet(ty) => format!("pyjit_rt_attr_get_{}", t(ty)),
            RtFn::AttrSet(ty) => format!("pyjit_rt_attr_set_{}", t(ty)),
            RtFn::AttrAbsent => "pyjit_rt_attr_absent".into(),
            RtFn::ListNew => "pyjit_rt_list_new".into(),
            RtFn::ListRepeat => "pyjit_rt_list_repeat".into(),
            RtFn::ListConcat => "pyjit_rt_list_concat".into(),
            RtFn::NewInstance => "pyjit_rt_new_instance".into(),
            RtFn::ListFill(ty) => format!("pyjit_rt_list_fill_{}", t(ty)),
            RtFn::ListAppendObj => "pyjit_rt_list_append_obj".into(),
            RtFn::SliceNew => "pyjit_rt_slice_new".into(),
            RtFn::ListGetSlice => "pyjit_rt_list_get_slice".into(),
            RtFn::ListSetSlice => "pyjit_rt_list_set_slice".into(),
            RtFn::ListPop(ty) => format!("pyjit_rt_list_pop_{}", t(ty)),
            RtFn::ListInsert(ty) => format!("pyjit_rt_list_insert_{}", t(ty)),
            RtFn::ListReverse => "pyjit_rt_list_reverse".into(),
            RtFn::AttrSetObj => "pyjit_rt_attr_set_obj".into(),
            RtFn::ListSort => "pyjit_rt_list_sort".into(),
            RtFn::DictGet { key, val } => format!("pyjit_rt_dict_get_{}_{}", key.map_or("obj", t), t(val)),
            RtFn::DictSet { key, val } => format!("pyjit_rt_dict_set_{}_{}", key.map_or("obj", t), t(val)),
            RtFn::DictContains { key } => format!("pyjit_rt_dict_contains_{}", key.map_or("obj", t)),
            RtFn::DictLen => "pyjit_rt_dict_len".into(),
            RtFn::ListClear => "pyjit_rt_list_clear".into(),
            RtFn::ListExtend => "pyjit_rt_list_extend".into(),
            RtFn::ListIndex(ty) => format!("pyjit_rt_list_index_{}", t(ty)),
            RtFn::ListCount(ty) => format!("pyjit_rt_list_count_{}", t(ty)),
            RtFn::MemberGet(ty) => format!("pyjit_rt_member_get_{}", t(ty)),
            RtFn::MemberSet(ty) => format!("pyjit_rt_member_set_{}", t(ty)),
            RtFn::ArenaReset => "pyjit_rt_arena_reset".into(),
            RtFn::ArenaKeep => "pyjit_rt_arena_keep".into(),
            RtFn::NpArray => "pyjit_rt_np_array".into(),
            RtFn::ArrData => "pyjit_rt_arr_data".into(),
            RtFn::NpAttrArr => "pyjit_rt_np_attr_arr".into(),
            RtFn::ArrStride => "pyjit_rt_arr_stride".into(),
            RtFn::NpBinary { a, b } => format!("pyjit_rt_np_binary_{}_{}", t(a), t(b)),
            RtFn::NpUnaryArr => "pyjit_rt_np_unary_arr".into(),
            RtFn::NpMethod(ty) => format!("pyjit_rt_np_method_{}", t(ty)),
            RtFn::NpCall2(ty) => format!("pyjit_rt_np_call2_{}", t(ty)),
            RtFn::NpInplace { b } => format!("pyjit_rt_np_inplace_{}", t(b)),
            RtFn::ArrDim => "pyjit_rt_arr_dim".into(),
            RtFn::BufFull(ty) => format!("pyjit_rt_buf_full_{}", t(ty)),
            RtFn::BufFilled => "pyjit_rt_buf_filled".into(),
            RtFn::BufMatmul => "pyjit_rt_buf_matmul".into(),
            RtFn::BufBox => "pyjit_rt_buf_box".into(),
            RtFn::BoxNp(ty) => format!("pyjit_rt_box_np_{}", t(ty)),
            RtFn::ListSetObj => "pyjit_rt_list_set_obj".into(),
            RtFn::NpSlice => "pyjit_rt_np_slice".into(),
            RtFn::NpSetKey(ty) => format!("pyjit_rt_np_set_key_{}", t(ty)),
            RtFn::Random { f, a, b } => format!("pyjit_rt_random_{}_{}_{}", format!("{f:?}").to_lowercase(), t(a), t(b)),
        }
    }
    /// The types of the arguments: the list (an object address) first.
    pub fn params(self) -> Vec<Type> {
        match self {
            RtFn::ListNew | RtFn::ArenaReset => vec![],
            RtFn::NpArray | RtFn::NpUnaryArr | RtFn::NpAttrArr => vec![Type::I64, Type::I64, Type::I64],
            RtFn::ArrStride => vec![Type::I64, Type::I64],
            RtFn::NpBinary { a, b } => vec![a, b, Type::I64],
            RtFn::NpMethod(_) => vec![Type::I64, Type::I64],
            RtFn::NpCall2(_) => vec![Type::I64, Type::I64, Type::I64],
            RtFn::NpInplace { b } => vec![Type::I64, b, Type::I64],
            RtFn::ArrData => vec![Type::I64],
            RtFn::ArrDim => vec![Type::I64, Type::I64],
            RtFn::BufFull(ty) => vec![ty, Type::I64, Type::I64],
            RtFn::BufFilled => vec![Type::I64, Type::I64, Type::I64],
            RtFn::BufMatmul => vec![Type::I64; 11],
            RtFn::BufBox => vec![Type::I64; 4],
            RtFn::BoxNp(ty) => vec![ty],
            RtFn::ListSetObj => vec![Type::I64; 3],
            RtFn::NpSlice | RtFn::ArenaKeep => vec![Type::I64; 16],
            RtFn::NpSetKey(ty) => {
                let mut p = vec![Type::I64; 16];
                p[1] = ty;
                p
            }
            RtFn::ListLen | RtFn::UnboxInt | RtFn::MtRandom | RtFn::NewInstance | RtFn::ListReverse | RtFn::ListSort | RtFn::ListClear => {
                vec![Type::I64]
            }
            RtFn::ListExtend => vec![Type::I64, Type::I64],
            RtFn::DictGet { key, .. } | RtFn::DictContains { key } => vec![Type::I64, key.unwrap_or(Type::I64)],
            RtFn::DictSet { key, val } => vec![Type::I64, key.unwrap_or(Type::I64), val],
            RtFn::DictLen => vec![Type::I64],
            RtFn::ListIndex(ty) | RtFn::ListCount(ty) => vec![Type::I64, ty],
            RtFn::SliceNew | RtFn::ListSetSlice | RtFn::AttrSetObj => vec![Type::I64, Type::I64, Type::I64],
            RtFn::ListGetSlice | RtFn::ListPop(_) => vec![Type::I64, Type::I64],
            RtFn::ListInsert(ty) => vec![Type::I64, Type::I64, ty],
            RtFn::ListRepeat | RtFn::ListAppendObj | RtFn::ListConcat => vec![Type::I64, Type::I64],
            RtFn::ListFill(ty) => vec![ty, Type::I64],
            RtFn::MtRandbelow | RtFn::AttrGet(_) | RtFn::AttrAbsent => vec![Type::I64, Type::I64],
            RtFn::AttrSet(ty) | RtFn::MemberSet(ty) => vec![Type::I64, Type::I64, ty],
            RtFn::MemberGet(_) => vec![Type::I64, Type::I64],
            RtFn::Random { a, b, .. } => vec![Type::I64, a, b],
            RtFn::ListGet(_) => vec![Type::I64, Type::I64],
            RtFn::ListSet(ty) => vec![Type::I64, Type::I64, ty],
            RtFn::ListAppend(ty) => vec![Type::I64, ty],
        }
    }
    pub fn result(self) -> Option<Type> {
        match self {
            RtFn::ListLen | RtFn::UnboxInt | RtFn::MtRandbelow | RtFn::ArrStride | RtFn::ArrData | RtFn::ArrDim => {
                Some(Type::I64)
            }
            RtFn::ArenaReset | RtFn::ArenaKeep | RtFn::NpInplace { .. } => None,
            RtFn::NpMethod(ty) | RtFn::NpCall2(ty) => Some(ty),
            RtFn::ListPop(ty) => Some(ty),
            RtFn::ListIndex(_) | RtFn::ListCount(_) => Some(Type::I64),
            RtFn::ListSort | RtFn::ListClear | RtFn::ListExtend | RtFn::DictSet { .. } => None,
            RtFn::DictGet { val, .. } => Some(val),
            RtFn::DictContains { .. } => Some(Type::Bool),
            RtFn::DictLen => Some(Type::I64),
            RtFn::ListSetSlice | RtFn::ListInsert(_) | RtFn::ListReverse | RtFn::AttrSetObj => None,
            RtFn::ListAppendObj | RtFn::ListSetObj | RtFn::NpSetKey(_) => None,
            RtFn::MtRandom => Some(Type::F64),
            RtFn::AttrGet(ty) | RtFn::MemberGet(ty) => Some(ty),
            RtFn::MemberSet(_) => None,
            RtFn::AttrSet(_) | RtFn::AttrAbsent => None,
            RtFn::Random { f: RandomFn::Randint, .. } => Some(Type::I64),
            RtFn::Random { .. } => Some(Type::F64),
            RtFn::ListGet(ty) => Some(ty),
            RtFn::ListSet(_) | RtFn::ListAppend(_) => None,
            // The others make an object: its address.
            _ => {
                debug_assert!(self.allocates(), "{self:?} has no result type");
                Some(Type::I64)
            }
        }
    }
    /// Every `random` call compiled code makes: `random()`, `randint` of
    /// ints, `uniform` and `gauss` of ints and floats.
    pub fn randoms() -> Vec<RtFn> {
        let (i, f) = (Type::I64, Type::F64);
        let mut v = vec![
            RtFn::Random { f: RandomFn::Random, a: i, b: i },
            RtFn::Random { f: RandomFn::Randint, a: i, b: i },
        ];
        for rf in [RandomFn::Uniform, RandomFn::Gauss] {
            for (a, b) in [(i, i), (i, f), (f, i), (f, f)] {
                v.push(RtFn::Random { f: rf, a, b });
            }
        }
        v
    }
    /// Whether it makes an object the run's arena keeps.
    pub fn allocates(self) -> bool {
        matches!(
            self,
            RtFn::ListNew
                | RtFn::ListRepeat
                | RtFn::ListConcat
                | RtFn::ListFill(_)
                | RtFn::NewInstance
                | RtFn::SliceNew
                | RtFn::ListGetSlice
                | RtFn::NpArray
                | RtFn::NpBinary { .. }
                | RtFn::NpUnaryArr
                | RtFn::NpAttrArr
                | RtFn::BufFull(_)
                | RtFn::BufFilled
                | RtFn::BufMatmul
                | RtFn::BufBox
                | RtFn::BoxNp(_)
                | RtFn::NpSlice
        )
    }
    /// Whether it changes what the program sees (it must stay, in order).
    pub fn has_effects(self) -> bool {
        matches!(
            self,
            RtFn::ListSet(_)
                | RtFn::ListAppend(_)
                | RtFn::ListAppendObj
                | RtFn::Random { .. }
                | RtFn::MtRandom
                | RtFn::MtRandbelow
                | RtFn::AttrSet(_)
                | RtFn::ListSetSlice
                | RtFn::ListPop(_)
                | RtFn::ListInsert(_)
                | RtFn::ListReverse
                | RtFn::AttrSetObj
                | RtFn::MemberSet(_)
                | RtFn::ListSort
                | RtFn::ListClear
                | RtFn::ListExtend
                | RtFn::DictSet { .. }
                | RtFn::ArenaReset
                | RtFn::ArenaKeep
                | RtFn::NpInplace { .. }
                | RtFn::ListSetObj
                | RtFn::NpSetKey(_)
        )
    }
    pub fn all() -> Vec<RtFn> {
        let mut v = vec![RtFn::ListLen, RtFn::UnboxInt, RtFn::MtRandom, RtFn::MtRandbelow, RtFn::ListNew, RtFn::ListRepeat, RtFn::ListConcat, RtFn::ListAppendObj, RtFn::NewInstance];
        v.extend([RtFn::SliceNew, RtFn::ListGetSlice, RtFn::ListSetSlice, RtFn::ListReverse, RtFn::AttrSetObj]);
        v.extend([RtFn::ListSort, RtFn::ListClear, RtFn::ListExtend, RtFn::DictLen]);
        v.extend([RtFn::ArenaReset, RtFn::ArenaKeep, RtFn::NpArray, RtFn::NpUnaryArr, RtFn::ArrData, RtFn::ArrDim]);
        v.extend([RtFn::NpAttrArr, RtFn::ArrStride, RtFn::BufFilled, RtFn::BufMatmul, RtFn::BufBox, RtFn::ListSetObj, RtFn::NpSlice]);
        for a in [Type::I64, Type::F64, Type::Bool] {
            v.push(RtFn::NpInplace { b: a });
            v.push(RtFn::BufFull(a));
            v.push(RtFn::BoxNp(a));
            v.push(RtFn::NpSetKey(a));
            v.push(RtFn::NpMethod(a));
            v.push(RtFn::NpCall2(a));
            for b in [Type::I64, Type::F64, Type::Bool] {
                v.push(RtFn::NpBinary { a, b });
            }
        }
        for key in [None, Some(Type::I64), Some(Type::F64), Some(Type::Bool)] {
            v.push(RtFn::DictContains { key });
            for val in [Type::I64, Type::F64, Type::Bool] {
                v.extend([RtFn::DictGet { key, val }, RtFn::DictSet { key, val }]);
            }
        }
        v.extend(RtFn::randoms());
        v.push(RtFn::AttrAbsent);
        for ty in [Type::I64, Type::F64, Type::Bool] {
            v.extend([RtFn::ListGet(ty), RtFn::ListSet(ty), RtFn::ListAppend(ty), RtFn::AttrGet(ty), RtFn::AttrSet(ty), RtFn::ListFill(ty)]);
            v.extend([RtFn::ListPop(ty), RtFn::ListInsert(ty), RtFn::MemberGet(ty), RtFn::MemberSet(ty)]);
            v.extend([RtFn::ListIndex(ty), RtFn::ListCount(ty)]);
        }
        v
    }
}

/// Where the VM registered each runtime function (`register_runtime`).
static RUNTIME: std::sync::RwLock<Vec<(RtFn, usize)>> = std::sync::RwLock::new(Vec::new());

/// Makes `f` callable from compiled code and the reference interpreter.
pub fn register_runtime(f: RtFn, entry: RtEntry) {
    let mut r = RUNTIME.write().unwrap_or_else(|e| e.into_inner());
    r.retain(|(g, _)| *g != f);
    r.push((f, entry as usize));
}

/// The registered address of `f`.
pub fn runtime_entry(f: RtFn) -> Option<RtEntry> {
    let r = RUNTIME.read().unwrap_or_else(|e| e.into_inner());
    // SAFETY: only `register_runtime` puts addresses here, from `RtEntry`s.
    r.iter().find(|(g, _)| *g == f).map(|(_, a)| unsafe { std::mem::transmute::<usize, RtEntry>(*a) })
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
}

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
            SnapValue::Range { start, stop, step } => out.extend([*start, *stop, *step]),
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
            SnapValue::Range { start, stop, step } => vec![start, stop, step],
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
            InstKind::Const { .. } | InstKind::Input { .. } => vec![],
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
            InstKind::Const { .. } | InstKind::Input { .. } => vec![],
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
