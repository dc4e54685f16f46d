//! The runtime-call catalogue: the functions of the VM's runtime that
//! compiled code calls (`RtFn`), their one C signature (`RtEntry`), what
//! their packed arguments mean (`ArrayWant`, `NpBinaryWant`, `RandomFn`),
//! and their symbols, parameter and result types.
//!
//! The catalogue only names and types the calls; the VM implements them
//! and hands their entry points over as a `RuntimeTable` to whoever runs
//! traces (the code generator, the reference interpreter).

use crate::{MemTy, Type};

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
    /// `lst[start:stop:step]` of the ints a slice was made of (as for
    /// `SliceNew`): a new list (kept alive the same way).
    ListGetSlice,
    /// `lst[start:stop:step] = other` (the slice's ints, as `ListGetSlice`)
    /// of a list, into a list that holds only numbers.
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
    /// Object mode: the VM's own operation on objects (their addresses),
    /// for what the trace does not specialize. A result is a new reference
    /// the run's arena holds. Where the operation raises, the exception is
    /// kept for the exit the call takes (the interpreter raises it there,
    /// without doing the operation again); with the arena full, the call
    /// does nothing and exits, and the interpreter does it.
    ///
    ///
    /// Attribute reads, operators, comparisons, truth tests, subscripts and
    /// `in` take a last argument of flags: `OBJ_BUILTINS_ONLY` makes the
    /// call do nothing and exit (no exception) unless every operand is of
    /// a builtin type whose operation runs no Python code (for an
    /// attribute: the trace checked it is a plain instance's), and exit
    /// the same way where the operation raises: the interpreter does it
    /// again, which changes nothing.
    ///
    /// `obj.name` (the object, the name's str, flags).
    ObjAttr,
    /// `super(class, obj).name` (wide: the global `super`, the class, the
    /// object, the name's str, 1 where the source wrote `super(C, x)`; for
    /// `super()` the global must be the builtin `super`, called with the
    /// class and object the compiler loaded for it, or the call exits
    /// with nothing done).
    ObjSuperAttr,
    /// `obj.name = v` (the object, the name's str, the value).
    ObjSetAttr,
    /// `a <op> b` (a, b, the operator's `ObjOp` number).
    ObjBinary,
    /// `a <cmp> b` (a, b, `ObjOp` number of a comparison).
    ObjCompare,
    /// `bool(obj)`, through `__bool__`/`__len__` (obj, flags).
    ObjTruth,
    /// `f(*args)` (wide arguments: the callable, the number of positional
    /// arguments, the keyword names' tuple or 0, then the arguments, the
    /// keyword ones last; zeros up to sixteen).
    ObjCall,
    /// `obj[key]` (obj, key, flags).
    ObjSubscr,
    /// `obj[key] = v`.
    ObjSetSubscr,
    /// `iter(obj)`.
    ObjIter,
    /// `next(it)`: the item, or 0 when the iterator is exhausted.
    ObjNext,
    /// `item in container` (item, container, flags).
    ObjContains,
    /// `format(obj, spec)` (obj, the spec str or 0, flags): an f-string's
    /// `{obj:spec}`.
    ObjFormat,
    /// An f-string's `!s`, `!r` or `!a` (obj, the conversion's number 1-3
    /// plus flags).
    ObjConvert,
    /// The strs given joined (wide arguments: their number, up to fifteen,
    /// then their addresses): an f-string.
    ObjBuildString,
    /// A new tuple (wide arguments: the number of items, up to fifteen,
    /// then their addresses).
    ObjTuple,
    /// `a, b, ... = obj`: a tuple of exactly `n` items (obj, n) made as
    /// UNPACK_SEQUENCE takes them (its errors otherwise).
    ObjUnpack,
    /// Item `k` of a tuple the run holds (tuple, k): its address (the
    /// run's arena holds it too).
    ObjTupleItem,
    /// Keeps the objects at these addresses alive while the run lasts
    /// (wide arguments, zeros up to sixteen ignored): objects the trace
    /// read out of other objects' memory, before an operation that may
    /// run Python code that drops them there.
    ObjHold,
    /// A Python int, float or bool of a value of this type (a new
    /// reference; True and False are the VM's own).
    ObjBox(Type),
    /// The value of an object that is exactly an int fitting i64, a float
    /// or a bool as the type says; anything else exits (no exception).
    ObjUnbox(Type),
}

/// What `RtFn::ObjBinary` and `RtFn::ObjCompare` apply, by number: the
/// binary operators, their in-place forms (`+=`: the number plus
/// `OBJ_INPLACE`), then the comparisons from `OBJ_COMPARE`.
pub const OBJ_OPS: [&str; 13] = ["+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@"];
/// The in-place forms of `OBJ_OPS` add this.
pub const OBJ_INPLACE: u64 = 16;
/// `RtFn::ObjBinary`'s numbers of the unary `-a` and `~a` (both operands
/// the same object).
pub const OBJ_NEGATIVE: u64 = 13;
pub const OBJ_INVERT: u64 = 14;
/// The flag of an object-mode call that must run no Python code (see
/// `RtFn::ObjAttr`); for `ObjBinary` and `ObjCompare` it is added to the
/// operator's number.
pub const OBJ_BUILTINS_ONLY: u64 = 1 << 32;
/// `ObjCompare`'s operators: `<`, `<=`, `==`, `!=`, `>`, `>=`, numbered
/// from 0.
pub const OBJ_COMPARE: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];

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
            RtFn::ObjAttr => "pyjit_rt_obj_attr".into(),
            RtFn::ObjSuperAttr => "pyjit_rt_obj_super_attr".into(),
            RtFn::ObjSetAttr => "pyjit_rt_obj_set_attr".into(),
            RtFn::ObjBinary => "pyjit_rt_obj_binary".into(),
            RtFn::ObjCompare => "pyjit_rt_obj_compare".into(),
            RtFn::ObjTruth => "pyjit_rt_obj_truth".into(),
            RtFn::ObjCall => "pyjit_rt_obj_call".into(),
            RtFn::ObjSubscr => "pyjit_rt_obj_subscr".into(),
            RtFn::ObjSetSubscr => "pyjit_rt_obj_set_subscr".into(),
            RtFn::ObjIter => "pyjit_rt_obj_iter".into(),
            RtFn::ObjNext => "pyjit_rt_obj_next".into(),
            RtFn::ObjContains => "pyjit_rt_obj_contains".into(),
            RtFn::ObjHold => "pyjit_rt_obj_hold".into(),
            RtFn::ObjUnpack => "pyjit_rt_obj_unpack".into(),
            RtFn::ObjTuple => "pyjit_rt_obj_tuple".into(),
            RtFn::ObjFormat => "pyjit_rt_obj_format".into(),
            RtFn::ObjConvert => "pyjit_rt_obj_convert".into(),
            RtFn::ObjBuildString => "pyjit_rt_obj_build_string".into(),
            RtFn::ObjTupleItem => "pyjit_rt_obj_tuple_item".into(),
            RtFn::ObjBox(ty) => format!("pyjit_rt_obj_box_{}", t(ty)),
            RtFn::ObjUnbox(ty) => format!("pyjit_rt_obj_unbox_{}", t(ty)),
            RtFn::Random { f, a, b } => format!("pyjit_rt_random_{}_{}_{}", format!("{f:?}").to_lowercase(), t(a), t(b)),
        }
    }
    /// The types of the arguments: the list (an object address) first.
    pub fn params(self) -> Vec<Type> {
        match self {
            RtFn::ListNew | RtFn::ArenaReset => vec![],
            RtFn::ObjUnpack | RtFn::ObjTupleItem | RtFn::ObjTruth => vec![Type::I64, Type::I64],
            RtFn::ObjAttr | RtFn::ObjSubscr | RtFn::ObjContains => vec![Type::I64; 3],
            RtFn::ObjSuperAttr => vec![Type::I64; 5],
            RtFn::ObjSetAttr | RtFn::ObjBinary | RtFn::ObjCompare | RtFn::ObjSetSubscr => vec![Type::I64; 3],
            RtFn::ObjIter | RtFn::ObjNext | RtFn::ObjUnbox(_) => vec![Type::I64],
            RtFn::ObjCall | RtFn::ObjHold | RtFn::ObjTuple | RtFn::ObjBuildString => vec![Type::I64; 16],
            RtFn::ObjFormat => vec![Type::I64; 3],
            RtFn::ObjConvert => vec![Type::I64; 2],
            RtFn::ObjBox(ty) => vec![ty],
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
            RtFn::SliceNew | RtFn::AttrSetObj => vec![Type::I64, Type::I64, Type::I64],
            RtFn::ListGetSlice => vec![Type::I64; 4],
            RtFn::ListSetSlice => vec![Type::I64; 5],
            RtFn::ListPop(_) => vec![Type::I64, Type::I64],
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
            RtFn::ObjSetAttr | RtFn::ObjSetSubscr | RtFn::ObjHold => None,
            RtFn::ObjTruth | RtFn::ObjContains => Some(Type::Bool),
            RtFn::ObjUnbox(ty) => Some(ty),
            RtFn::ObjAttr | RtFn::ObjBinary | RtFn::ObjCompare | RtFn::ObjCall | RtFn::ObjSubscr | RtFn::ObjIter | RtFn::ObjNext | RtFn::ObjBox(_) => Some(Type::I64),
            RtFn::ObjSuperAttr => Some(Type::I64),
            RtFn::ObjUnpack | RtFn::ObjTupleItem | RtFn::ObjTuple | RtFn::ObjFormat | RtFn::ObjConvert | RtFn::ObjBuildString => Some(Type::I64),
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
    /// Whether it is an object-mode call (the VM's own operation on
    /// objects).
    pub fn is_object_mode(self) -> bool {
        matches!(
            self,
            RtFn::ObjAttr
                | RtFn::ObjSuperAttr
                | RtFn::ObjSetAttr
                | RtFn::ObjBinary
                | RtFn::ObjCompare
                | RtFn::ObjTruth
                | RtFn::ObjCall
                | RtFn::ObjSubscr
                | RtFn::ObjSetSubscr
                | RtFn::ObjIter
                | RtFn::ObjNext
                | RtFn::ObjContains
                | RtFn::ObjHold
                | RtFn::ObjUnpack
                | RtFn::ObjTupleItem
                | RtFn::ObjTuple
                | RtFn::ObjFormat
                | RtFn::ObjConvert
                | RtFn::ObjBuildString
                | RtFn::ObjBox(_)
                | RtFn::ObjUnbox(_)
        )
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
                | RtFn::ObjAttr
                | RtFn::ObjSuperAttr
                | RtFn::ObjBinary
                | RtFn::ObjCompare
                | RtFn::ObjCall
                | RtFn::ObjSubscr
                | RtFn::ObjIter
                | RtFn::ObjNext
                | RtFn::ObjBox(_)
                | RtFn::ObjUnpack
                | RtFn::ObjTuple
                | RtFn::ObjTupleItem
                | RtFn::ObjFormat
                | RtFn::ObjConvert
                | RtFn::ObjBuildString
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
            // Every VM operation may run Python code, but for the ones
            // that only box, unbox or build values.
            || self.is_object_mode()
                && !matches!(self, RtFn::ObjTupleItem | RtFn::ObjTuple | RtFn::ObjBuildString | RtFn::ObjBox(_) | RtFn::ObjUnbox(_))
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
        v.extend([RtFn::ObjAttr, RtFn::ObjSuperAttr, RtFn::ObjSetAttr, RtFn::ObjBinary, RtFn::ObjCompare, RtFn::ObjTruth, RtFn::ObjCall]);
        v.extend([RtFn::ObjSubscr, RtFn::ObjSetSubscr, RtFn::ObjIter, RtFn::ObjNext, RtFn::ObjContains, RtFn::ObjHold, RtFn::ObjUnpack, RtFn::ObjTupleItem, RtFn::ObjTuple]);
        v.extend([RtFn::ObjFormat, RtFn::ObjConvert, RtFn::ObjBuildString]);
        for ty in [Type::I64, Type::F64, Type::Bool] {
            v.extend([RtFn::ListGet(ty), RtFn::ListSet(ty), RtFn::ListAppend(ty), RtFn::AttrGet(ty), RtFn::AttrSet(ty), RtFn::ListFill(ty)]);
            v.extend([RtFn::ListPop(ty), RtFn::ListInsert(ty), RtFn::MemberGet(ty), RtFn::MemberSet(ty)]);
            v.extend([RtFn::ListIndex(ty), RtFn::ListCount(ty), RtFn::ObjBox(ty), RtFn::ObjUnbox(ty)]);
        }
        v
    }
}

/// The implementation of the runtime calls: each `RtFn`'s entry point.
/// The VM builds one (`pyjit_vm`'s `runtime::table`) and hands it to the
/// code generator when it makes its JIT (each entry becomes the symbol
/// `RtFn::symbol` names) and, in tests, to the reference interpreter
/// (`interp::run_with`). A call of a function the table lacks cannot be
/// linked or interpreted.
#[derive(Clone, Debug, Default)]
pub struct RuntimeTable {
    entries: std::collections::HashMap<RtFn, RtEntry>,
    poll: Option<PollWords>,
}

/// What `InstKind::Poll` reads: the address of a byte whose `mask` bits
/// are set while the interpreter has work waiting, and of a `usize`
/// counting the other Python threads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollWords {
    pub pending: usize,
    pub mask: u8,
    pub threads: usize,
}

impl PollWords {
    /// Whether a poll leaves now. The words are written by signal handlers
    /// and other threads, so each is read atomically.
    ///
    /// # Safety
    /// Both addresses must be live, aligned atomics.
    pub unsafe fn leave(&self, alone: bool) -> bool {
        use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering::Relaxed};
        // SAFETY: the caller's.
        unsafe {
            (*(self.pending as *const AtomicU8)).load(Relaxed) & self.mask != 0
                || alone && (*(self.threads as *const AtomicUsize)).load(Relaxed) != 0
        }
    }
}

impl RuntimeTable {
    pub fn new() -> RuntimeTable {
        RuntimeTable::default()
    }

    /// Makes polls read `words` (without, a poll never leaves).
    pub fn set_poll(&mut self, words: PollWords) {
        self.poll = Some(words);
    }

    pub fn poll(&self) -> Option<PollWords> {
        self.poll
    }

    /// Makes `entry` the implementation of `f` (replacing any before).
    pub fn insert(&mut self, f: RtFn, entry: RtEntry) {
        self.entries.insert(f, entry);
    }

    /// The implementation of `f`, if the table has one.
    pub fn get(&self, f: RtFn) -> Option<RtEntry> {
        self.entries.get(&f).copied()
    }

    /// Every function with its implementation, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (RtFn, RtEntry)> + '_ {
        self.entries.iter().map(|(f, e)| (*f, *e))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
