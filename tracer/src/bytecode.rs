//! The bytecode the recorder reads: CPython 3.14 instructions, decoded by
//! the VM (specializations undone, EXTENDED_ARG folded, jump targets as
//! absolute instruction indices). Only what loops of numbers use has its own
//! variant; the rest is `Other`, which ends recording with a reason.

use pyjit_ir::{MathFn, MemTy, Type};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Const {
    Int(i64),
    Float(f64),
    Bool(bool),
    None,
    /// A tuple of strs (the keyword names of a CALL_KW): index into
    /// `Code::const_names`.
    Names(u32),
    /// A tuple of numbers, None and such tuples: index into
    /// `Code::const_tuples`.
    Tuple(u32),
    /// A complex constant: its real and imaginary parts.
    Complex(f64, f64),
    /// A slice of ints and None (`a[::2]`, folded): its start, stop and
    /// step as a `Code::const_tuples` entry.
    Slice(u32),
    /// Anything else (strings, big ints, tuples): index into the code's
    /// constants, usable only as an opaque object.
    Other(u32),
}

/// `BINARY_OP`'s operator, in-place variants folded into the plain ones
/// (for numbers they are the same operation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinKind {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
    MatMul,
    Subscr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpKind {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

/// The array methods compiled code calls (no arguments: the whole array
/// reduced to a numpy scalar).
pub const NP_REDUCTIONS: [&str; 5] = ["sum", "mean", "max", "min", "prod"];

/// The list methods compiled code calls.
pub const LIST_METHODS: [&str; 10] = ["append", "pop", "insert", "reverse", "copy", "sort", "clear", "extend", "index", "count"];

#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    Nop,
    LoadFast(u32),
    StoreFast(u32),
    /// The 3.14 super-instructions: two loads, two stores (first the top
    /// into the first slot), a store then a load.
    LoadFast2(u32, u32),
    StoreFast2(u32, u32),
    StoreFastLoadFast(u32, u32),
    LoadConst(Const),
    /// Module/class level names (LOAD_NAME / STORE_NAME), index into `names`.
    LoadName(u32),
    StoreName(u32),
    /// LOAD_GLOBAL; `push_null` is the low bit of the 3.14 oparg.
    LoadGlobal { name: u32, push_null: bool },
    StoreGlobal(u32),
    /// LOAD_ATTR; `method` pushes (method, self|NULL) as in 3.14.
    LoadAttr { name: u32, method: bool },
    /// LOAD_SUPER_ATTR: `super(class, self).name` of the three objects on
    /// the stack (the global `super`, the class, the instance); `method`
    /// pushes a NULL after it, `two_args` is `super(C, x)` written out
    /// (else `super()`, whose class and instance the compiler loaded).
    LoadSuperAttr { name: u32, method: bool, two_args: bool },
    StoreAttr(u32),
    BinaryOp(BinKind),
    /// BINARY_OP's in-place form (`x += y`): the same for numbers, but an
    /// array changes in place.
    InplaceOp(BinKind),
    CompareOp { kind: CmpKind, to_bool: bool },
    IsOp { invert: bool },
    UnaryNegative,
    UnaryNot,
    UnaryInvert,
    ToBool,
    PopJumpIf { target: u32, when: bool },
    PopJumpIfNone { target: u32, when_none: bool },
    Jump(u32),
    /// FOR_ITER: on exhaustion the interpreter continues at `exhausted`
    /// (past END_FOR) with the iterator still on the stack.
    ForIter { exhausted: u32 },
    GetIter,
    PopIter,
    EndFor,
    Call(u32),
    /// CALL_KW: like CALL with a tuple of keyword names on top (the last
    /// arguments are the keyword ones).
    CallKw(u32),
    /// COPY_FREE_VARS: the function's closure cells into its last `n` fast
    /// slots.
    CopyFreeVars(u32),
    /// LOAD_DEREF: the contents of the cell in fast slot `i`.
    LoadDeref(u32),
    PushNull,
    PopTop,
    Copy(u32),
    Swap(u32),
    BuildTuple(u32),
    BuildList(u32),
    /// LIST_APPEND: the top appended to the list `n` below it (a list
    /// comprehension).
    ListAppend(u32),
    /// LOAD_FAST_AND_CLEAR: a local pushed (NULL if unbound) and cleared
    /// (a comprehension's own variable, restored after it).
    LoadFastAndClear(u32),
    UnpackSequence(u32),
    /// STORE_SUBSCR: `container[key] = value`, stack [value, container, key].
    StoreSubscr,
    /// CONTAINS_OP: `x in y` (`not in` with `invert`).
    ContainsOp { invert: bool },
    /// BUILD_SLICE of 2 or 3 bounds.
    BuildSlice(u32),
    /// BINARY_SLICE: `container[start:stop]`, stack [container, start, stop].
    BinarySlice,
    /// STORE_SLICE: `container[start:stop] = value`, stack [value,
    /// container, start, stop].
    StoreSlice,
    ReturnValue,
    /// RAISE_VARARGS with its argument count (0: a bare `raise`).
    Raise(u32),
    /// f-strings: FORMAT_SIMPLE (`format(x)`), FORMAT_WITH_SPEC
    /// (`format(x, spec)`), CONVERT_VALUE (`!s`, `!r`, `!a` by number 1-3)
    /// and BUILD_STRING of this many strs.
    FormatSimple,
    FormatWithSpec,
    ConvertValue(u32),
    BuildString(u32),
    /// LOAD_COMMON_CONSTANT: `COMMON_CONSTANTS[k]`.
    LoadCommonConstant(u32),
    Other(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Instr {
    /// Index of the first code unit (an EXTENDED_ARG prefix if any): where
    /// the interpreter must resume to execute this instruction.
    pub index: u32,
    /// Index of the next instruction when this one falls through.
    pub next: u32,
    pub op: Op,
}

/// A code object as the recorder sees it.
#[derive(Clone, Debug, Default)]
pub struct Code {
    pub name: String,
    pub filename: String,
    pub instrs: Vec<Instr>,
    pub names: Vec<String>,
    pub varnames: Vec<String>,
    /// Whether locals live in fast slots (a function) or a dict (module).
    pub fast_locals: bool,
    /// The strs of each `Const::Names`.
    pub const_names: Vec<Vec<String>>,
    /// The items of each `Const::Tuple`.
    pub const_tuples: Vec<Vec<Const>>,
    /// Per fast slot: whether liveness may call it dead (a plain local,
    /// not a cell). Empty where nothing may be: jumps the decoder does not
    /// follow, or names that read a frame's locals (`locals`, `eval`,
    /// `_getframe`, ...).
    pub dead_ok: Vec<bool>,
    /// The exception table: an exception raised by an instruction at a
    /// code unit in `start..end` goes to the handler at `target`.
    pub handlers: Vec<(u32, u32, u32)>,
}

impl Instr {
    /// The instructions control can reach next.
    pub fn successors(&self) -> Vec<u32> {
        match &self.op {
            Op::Jump(t) => vec![*t],
            Op::PopJumpIf { target, .. } | Op::PopJumpIfNone { target, .. } => vec![self.next, *target],
            Op::ForIter { exhausted } => vec![self.next, *exhausted],
            Op::ReturnValue => vec![],
            _ => vec![self.next],
        }
    }
}

impl Code {
    /// Position in `instrs` of the instruction starting at code unit `index`.
    pub fn position(&self, index: u32) -> Option<usize> {
        self.instrs.binary_search_by_key(&index, |i| i.index).ok()
    }

    /// The start of the instruction code unit `unit` belongs to (a jump
    /// behind EXTENDED_ARG prefixes starts at the first prefix).
    pub fn start_of(&self, unit: u32) -> Option<u32> {
        let k = self.instrs.partition_point(|i| i.index <= unit);
        Some(self.instrs.get(k.checked_sub(1)?)?.index)
    }
}

/// Builtins the recorder knows how to compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Range,
    Abs,
    /// complex(x) and complex(x, y) of numbers.
    Complex,
    /// isinstance(x, cls) and type(x), for values whose class the trace
    /// knows.
    IsInstance,
    Type,
    /// pyjit's numpy's `_numpy._unary(name, x)`, behind `np.sqrt(x)` and
    /// the other one-argument ufuncs.
    NpUnary,
    /// `_numpy._binary(name, x, y)`, behind `np.maximum(x, y)` and the
    /// other two-argument ufuncs.
    NpBinary,
    /// numpy's `array(obj, dtype=...)`.
    NpArray,
    /// numpy's `zeros`/`empty` (false) and `ones` (true).
    NpFilled(bool),
    /// numpy's `sum`, `mean`, `max`/`amax`, `min`/`amin`, `prod` (the
    /// array method of that name, `NP_REDUCTIONS[k]`).
    NpReduce(u8),
    /// numpy's `dot`.
    NpDot,
    Min,
    Max,
    /// sum() of a list of numbers (with no start).
    Sum,
    Int,
    Float,
    Round,
    Divmod,
    Bool,
    Len,
    /// enumerate(), zip() and reversed() of lists (iterators the trace
    /// runs itself).
    Enumerate,
    Reversed,
    Zip,
    /// math.isnan / isinf / isfinite (bool results).
    IsNan,
    IsInf,
    IsFinite,
    /// math.floor / ceil / trunc return ints.
    Floor,
    Ceil,
    Trunc,
    Math(MathFn),
    /// The `super` type: `super().name` and `super(C, self).name` found
    /// along the instance's MRO when recorded (`LOAD_SUPER_ATTR`).
    Super,
    /// `object.__init__`, which `super().__init__()` reaches last: called
    /// with the instance alone, it does nothing.
    ObjectInit,
    /// `random.random/uniform/gauss/randint`, the interpreter's own.
    Random(pyjit_ir::RandomFn),
    /// numpy's `random.random`/`rand` (no arguments), `uniform`, `normal`
    /// (as Gauss) and `randint` (a Python int), called as they are: their
    /// defaults and one-argument forms are passed in full.
    NpRandom(pyjit_ir::RandomFn),
}

/// What the VM observed a name, attribute or slot to hold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Observed {
    Int,
    Float,
    /// An exact complex.
    Complex,
    /// An exact dict; `val`, the type of number its values are, if the
    /// first ones agree.
    Dict { val: Option<pyjit_ir::Type> },
    /// A method of an exact list bound to it (`ins = lst.insert`):
    /// `LIST_METHODS[name]`, and what the list's elements are.
    ListMethod { name: u8, elem: Option<Elem> },
    Bool,
    NoneVal,
    Unbound,
    /// An exact `range_iterator` (stack entries only); `unit`: its step
    /// is 1.
    RangeIter { unit: bool },
    /// An iterator over lists (stack entries only): index into
    /// `Entry::iters`, which says its structure.
    Iter(u32),
    /// numpy scalars (np.float64, np.int64, np.bool_), exact types.
    NpFloat,
    NpInt,
    NpBool,
    /// A numpy scalar of a small dtype (np.float32, np.int32, np.int8,
    /// np.uint8), exact type.
    NpSmall(MemTy),
    /// numpy's iterator over an array (stack entries only) of this element
    /// type and layout, as `Array`.
    ArrIter { mem: MemTy, ndim: u32, contiguous: bool },
    /// A numpy array of a dtype the trace reads natively; the id is the
    /// VM's (for the object at exits it is the one checked at entry).
    /// `contiguous`: C-contiguous, so the strides follow from the shape
    /// and the last one is the item size (constants a vectorizer needs).
    Array { mem: MemTy, ndim: u32, contiguous: bool },
    /// An exact list; `elem`, what its first elements are, if they agree.
    List { elem: Option<Elem> },
    /// An instance of a plain class (the class's id): attribute reads and
    /// writes go to its `__dict__`.
    Instance(u32),
    /// An exact tuple (the VM's id); its items are observed one by one
    /// (`World::tuple_items`).
    Tuple(u32),
    /// Any other object; the id is the VM's, valid for this recording.
    Obj(u32, ObjKind),
}

/// The builtins LOAD_COMMON_CONSTANT pushes, by its argument.
pub const COMMON_CONSTANTS: [&str; 7] = ["AssertionError", "NotImplementedError", "tuple", "all", "any", "list", "set"];

/// What a list's elements are, as compiled code reads them (each read is
/// checked).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Elem {
    /// Numbers of this type (exact int fitting i64, float, bool).
    Num(Type),
    /// Exact lists of numbers of this type (the rows of a matrix).
    Rows(Type),
    /// Instances of this plain class (the VM's object id).
    Insts(u32),
    /// Exact tuples of the items a `TupleShape` names.
    Tuples(TupleShape),
    /// Any object (a tuple's item only): read as the object it is, its
    /// class unknown to the trace.
    Any,
}

/// An object an instance attribute holds, as compiled code reads it (its
/// class checked at each read).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldObj {
    /// An exact list of numbers of this type.
    Row(Type),
    /// An instance of this plain class (the VM's object id).
    Inst(u32),
}

/// What each item of a tuple is (`Elem`s, nested tuples among them),
/// interned for the whole process so that `Elem` stays `Copy` and equal
/// shapes compare equal wherever they were observed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TupleShape(u32);

type ShapeTable = (Vec<std::sync::Arc<[Elem]>>, std::collections::HashMap<std::sync::Arc<[Elem]>, u32>);
static TUPLE_SHAPES: std::sync::LazyLock<std::sync::Mutex<ShapeTable>> = std::sync::LazyLock::new(Default::default);

impl TupleShape {
    /// Most items and nesting a shape has: a longer or deeper tuple is
    /// read as an object.
    pub const MAX_ITEMS: usize = 16;
    pub const MAX_DEPTH: usize = 3;

    pub fn intern(items: &[Elem]) -> TupleShape {
        let mut t = TUPLE_SHAPES.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&k) = t.1.get(items) {
            return TupleShape(k);
        }
        let items: std::sync::Arc<[Elem]> = items.into();
        let k = t.0.len() as u32;
        t.0.push(items.clone());
        t.1.insert(items, k);
        TupleShape(k)
    }

    pub fn items(self) -> std::sync::Arc<[Elem]> {
        TUPLE_SHAPES.lock().unwrap_or_else(|e| e.into_inner()).0[self.0 as usize].clone()
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ObjKind {
    Module,
    Builtin(Builtin),
    Other,
}
