//! The runtime compiled code calls into (`pyjit_ir::RtFn`): list access.
//!
//! Each function has `RtEntry`'s signature: arguments as bits, the result's
//! bits through `out`, status 0 for done and 1 where Python would do
//! something else (an index out of range raises, an element of another
//! type is another path): compiled code then leaves through the call's exit
//! and the interpreter does it. A list argument is the address of a list
//! object the trace checked at entry and holds for the whole run.

use pyjit_arrays::DType;
use pyjit_arrays::ops::{MatRef, matmul_f64, matmul_i64};
use pyjit_ir::{RandomFn, RtEntry, RtFn, RuntimeTable, Type};
use rustpython_vm::builtins::{PyFloat, PyInt, PyList, PySlice, PyStr};
use crate::layout::{MT_N, MtLayout, addr, layout, mt_layout};
use rustpython_vm::{AsObject, PyObject, PyObjectRef, PyPayload, VirtualMachine};
use std::cell::Cell;

thread_local! {
    /// The VM running native code on this thread (set by the bridge around
    /// each native run): helpers box values through it.
    static VM: Cell<*const VirtualMachine> = const { Cell::new(std::ptr::null()) };
}

unsafe extern "C" fn list_new(_: u64, _: u64, _: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    kept(Some(vm.ctx.new_list(Vec::new()).into()), out)
}

/// `lst * n` through the VM (its errors exit, and the interpreter raises).
unsafe extern "C" fn list_repeat(obj: u64, n: u64, _: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    // SAFETY: the address of a list compiled code holds.
    let l = unsafe { &*(obj as usize as *const PyObject) };
    kept(vm._mul(l, vm.ctx.new_int(n as i64).as_object()).ok(), out)
}

/// `a + b` of two lists through the VM.
unsafe extern "C" fn list_concat(a: u64, b: u64, _: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    // SAFETY: lists compiled code holds.
    let (a, b) = unsafe { (&*(a as usize as *const PyObject), &*(b as usize as *const PyObject)) };
    kept(vm._add(a, b).ok(), out)
}

/// A helper's new object `r` into the arena and its address into `out`
/// (status 1, an exit, without one or with the arena full).
pub(crate) fn kept(r: Option<PyObjectRef>, out: *mut u64) -> u32 {
    answer(r.and_then(crate::memory::arena::keep), out)
}

/// A helper's result: its bits into `out` (status 0), or status 1 (an
/// exit) without one.
pub(crate) fn answer(r: Option<u64>, out: *mut u64) -> u32 {
    match r {
        Some(bits) => {
            // SAFETY: the result slot compiled code passes.
            unsafe { *out = bits };
            0
        }
        None => 1,
    }
}

/// `[x] * n`: one list, `x` boxed once (negative `n` gives an empty list,
/// as in Python; a size the VM refuses exits).
unsafe fn list_fill(x: u64, n: u64, out: *mut u64, ty: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let one = vm.ctx.new_list(vec![boxed(x, ty, vm)]);
    kept(vm._mul(one.as_object(), vm.ctx.new_int(n as i64).as_object()).ok(), out)
}

macro_rules! fill_typed {
    ($name:ident, $ty:expr) => {
        unsafe extern "C" fn $name(x: u64, n: u64, _: u64, out: *mut u64) -> u32 {
            unsafe { list_fill(x, n, out, $ty) }
        }
    };
}
fill_typed!(list_fill_i64, Type::I64);
fill_typed!(list_fill_f64, Type::F64);
fill_typed!(list_fill_bool, Type::Bool);

/// `object.__new__(cls)` for a plain class compiled code checked.
unsafe extern "C" fn new_instance(cls: u64, _: u64, _: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    // SAFETY: a class the recording holds.
    let cls = unsafe { &*(cls as usize as *const PyObject) };
    let Ok(cls) = cls.to_owned().downcast::<rustpython_vm::builtins::PyType>() else { return 1 };
    // The type's own slot (object's, the recorder checked): no lookup of
    // `__new__`, no argument parsing.
    let Some(new) = cls.slots.new.load() else { return 1 };
    kept(new(cls, rustpython_vm::function::FuncArgs::default(), vm).ok(), out)
}

/// Drops what this run made so far (a back-edge that carries none of it).
unsafe extern "C" fn arena_reset(_: u64, _: u64, _: u64, _: *mut u64) -> u32 {
    crate::memory::drop_made_except(&[]);
    0
}

/// Drops what this run made so far except the objects at the addresses
/// given (`RtFn::ArenaKeep`'s wide arguments: what a back-edge carries).
unsafe extern "C" fn arena_keep(args: u64, n: u64, _: u64, _: *mut u64) -> u32 {
    crate::memory::drop_made_except(unsafe { wide(args, n) });
    0
}

/// The dtype and dimensions a runtime call's packed argument asks for.
fn wanted(w: u64) -> Option<(pyjit_arrays::DType, usize)> {
    let a = pyjit_ir::ArrayWant::unpack(w & 0xffff)?;
    Some((crate::dtype::dtype_of(a.mem), a.ndim as usize))
}

/// `np.array(lst, dtype)` with `ndim` dimensions.
unsafe extern "C" fn np_array(obj: u64, dtype: u64, ndim: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let Some(d) = pyjit_ir::MemTy::from_code(dtype).map(crate::dtype::dtype_of) else { return 1 };
    // SAFETY: a list compiled code holds.
    let l = unsafe { &*(obj as usize as *const PyObject) };
    kept(crate::numpy::made_array(l, d, ndim as usize, vm), out)
}

/// `a <op> b` with an array on one side, as the interpreter computes it.
unsafe extern "C" fn np_binary(a: u64, b: u64, want: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let Some(w) = pyjit_ir::NpBinaryWant::unpack(want) else { return 1 };
    let d = crate::dtype::dtype_of(w.mem);
    // SAFETY: as the caller's.
    let r = unsafe { np_operator(vm, a, b, w, false) };
    kept(r.filter(|r| is_array(r, d, w.ndim as usize)), out)
}

/// `a <op>= b` of an array: done (status 0) or raised before any change.
unsafe extern "C" fn np_inplace(a: u64, b: u64, want: u64, _: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let Some(w) = pyjit_ir::NpBinaryWant::unpack(want) else { return 1 };
    // SAFETY: as the caller's.
    match unsafe { np_operator(vm, a, b, w, true) } {
        Some(_) => 0,
        None => 1,
    }
}

/// The operator `w` names on the operands `a` and `b` come as, through
/// the VM (the in-place form if `inplace`).
///
/// # Safety
/// An `Operand::Obj` operand is the address of an object compiled code holds.
unsafe fn np_operator(vm: &VirtualMachine, a: u64, b: u64, w: pyjit_ir::NpBinaryWant, inplace: bool) -> Option<PyObjectRef> {
    use pyjit_ir::Operand;
    let operand = |x: u64, k: Operand| -> PyObjectRef {
        match k {
            // SAFETY: an object compiled code holds.
            Operand::Obj => unsafe { &*(x as usize as *const PyObject) }.to_owned(),
            Operand::Float => vm.ctx.new_float(f64::from_bits(x)).into(),
            Operand::Int => vm.ctx.new_int(x as i64).into(),
            Operand::Bool => vm.ctx.new_bool(x != 0).into(),
        }
    };
    let (x, y) = (operand(a, w.a), operand(b, w.b));
    let none = vm.ctx.none.as_object();
    let r = match (pyjit_ir::NP_OPS.get(w.op as usize), inplace) {
        (Some(&"+"), true) => vm._iadd(&x, &y),
        (Some(&"-"), true) => vm._isub(&x, &y),
        (Some(&"*"), true) => vm._imul(&x, &y),
        (Some(&"/"), true) => vm._itruediv(&x, &y),
        (Some(&"//"), true) => vm._ifloordiv(&x, &y),
        (Some(&"%"), true) => vm._imod(&x, &y),
        (Some(&"**"), true) => vm._ipow(&x, &y, none),
        (Some(&"&"), true) => vm._iand(&x, &y),
        (Some(&"|"), true) => vm._ior(&x, &y),
        (Some(&"^"), true) => vm._ixor(&x, &y),
        (Some(&"<<"), true) => vm._ilshift(&x, &y),
        (Some(&">>"), true) => vm._irshift(&x, &y),
        (Some(&"+"), false) => vm._add(&x, &y),
        (Some(&"-"), false) => vm._sub(&x, &y),
        (Some(&"*"), false) => vm._mul(&x, &y),
        (Some(&"/"), false) => vm._truediv(&x, &y),
        (Some(&"//"), false) => vm._floordiv(&x, &y),
        (Some(&"%"), false) => vm._mod(&x, &y),
        (Some(&"**"), false) => vm._pow(&x, &y, none),
        (Some(&"&"), false) => vm._and(&x, &y),
        (Some(&"|"), false) => vm._or(&x, &y),
        (Some(&"^"), false) => vm._xor(&x, &y),
        (Some(&"<<"), false) => vm._lshift(&x, &y),
        (Some(&">>"), false) => vm._rshift(&x, &y),
        (Some(op), false) => {
            use rustpython_vm::types::PyComparisonOp as C;
            let c = match *op {
                "<" => C::Lt,
                "<=" => C::Le,
                "==" => C::Eq,
                "!=" => C::Ne,
                ">" => C::Gt,
                ">=" => C::Ge,
                _ => return None,
            };
            x.rich_compare(y, c, vm)
        }
        _ => return None,
    };
    r.ok()
}

/// Whether `r` is an array of dtype `d` and `ndim` dimensions.
fn is_array(r: &PyObject, d: pyjit_arrays::DType, ndim: usize) -> bool {
    crate::numpy::array_kind(r) == Some((d, ndim))
}

/// `np.<name>(a)` of an array, as numpy's `_numpy._unary` computes it.
unsafe extern "C" fn np_unary_arr(name: u64, a: u64, want: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let Some((d, ndim)) = wanted(want) else { return 1 };
    // SAFETY: a str and an array compiled code holds.
    let (name, a) = unsafe { (&*(name as usize as *const PyObject), &*(a as usize as *const PyObject)) };
    let Some(name) = name.downcast_ref::<PyStr>().and_then(|n| n.to_str()) else { return 1 };
    let r = crate::numpy::made_unary(name, a, vm).ok().filter(|r| is_array(r, d, ndim));
    kept(r, out)
}

/// The arguments of a wide call (`pyjit_ir::RT_ARG_SLOTS`): its array
/// and length.
pub(crate) unsafe fn wide<'a>(args: u64, n: u64) -> &'a [u64] {
    // SAFETY: compiled code passes its argument array and its length.
    unsafe { std::slice::from_raw_parts(args as usize as *const u64, n as usize) }
}

/// `a[key]` (`RtFn::NpSlice`'s wide arguments), if that gives an array of
/// the dtype and dimensions asked for.
unsafe extern "C" fn np_slice(args: u64, n: u64, _: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let args = unsafe { wide(args, n) };
    let [a, k, rest @ ..] = args else { return 1 };
    let Some(items) = rest.get(..2 * *k as usize) else { return 1 };
    let Some(&want) = rest.get(2 * *k as usize) else { return 1 };
    let Some((d, ndim)) = wanted(want) else { return 1 };
    let key = unsafe { np_key(items, vm) };
    // SAFETY: an array compiled code holds.
    let a = unsafe { &*(*a as usize as *const PyObject) };
    let r = a.get_item(&*key, vm).ok().filter(|r| is_array(r, d, ndim));
    kept(r, out)
}

/// An array subscript's key from (kind, bits) pairs: 0 an int, 1 a slice
/// object's address, 2 a bool array's (the only item, the key itself: a
/// tuple would index the first axis).
unsafe fn np_key(items: &[u64], vm: &VirtualMachine) -> PyObjectRef {
    let mut key: Vec<PyObjectRef> = items
        .chunks_exact(2)
        .map(|p| match p[0] {
            0 => vm.ctx.new_int(p[1] as i64).into(),
            // SAFETY: a slice or an array object compiled code holds.
            _ => unsafe { &*(p[1] as usize as *const PyObject) }.to_owned(),
        })
        .collect();
    match items {
        [2, _] => key.pop().expect("one item"),
        _ => vm.ctx.new_tuple(key).into(),
    }
}

/// `a[key] = v` (`RtFn::NpSetKey`'s wide arguments; `v` of type `ty`).
unsafe fn np_set_key(args: u64, n: u64, ty: Type) -> u32 {
    use pyjit_ir::Operand;
    let Some(vm) = vm() else { return 1 };
    let args = unsafe { wide(args, n) };
    let [a, v, vk, k, rest @ ..] = args else { return 1 };
    let Some(items) = rest.get(..2 * *k as usize) else { return 1 };
    let key = unsafe { np_key(items, vm) };
    let value: PyObjectRef = match (*vk, ty) {
        // SAFETY: an array compiled code holds.
        (k, Type::I64) if k == Operand::Obj as u64 => unsafe { &*(*v as usize as *const PyObject) }.to_owned(),
        _ => boxed(*v, ty, vm),
    };
    // SAFETY: an array compiled code holds.
    let a = unsafe { &*(*a as usize as *const PyObject) };
    a.set_item(&*key, value, vm).is_err() as u32
}

macro_rules! set_key_typed {
    ($name:ident, $ty:expr) => {
        unsafe extern "C" fn $name(args: u64, n: u64, _: u64, _: *mut u64) -> u32 {
            unsafe { np_set_key(args, n, $ty) }
        }
    };
}
set_key_typed!(np_set_key_i64, Type::I64);
set_key_typed!(np_set_key_f64, Type::F64);
set_key_typed!(np_set_key_bool, Type::Bool);

/// `x` as a numpy scalar of its type (np.int64, np.float64, np.bool_).
unsafe fn box_np(x: u64, out: *mut u64, ty: Type) -> u32 {
    use pyjit_arrays::{DType, Scalar};
    let Some(vm) = vm() else { return 1 };
    let (s, d) = match ty {
        Type::F64 => (Scalar::Float(f64::from_bits(x)), DType::Float64),
        Type::I64 => (Scalar::Int(x as i64), DType::Int64),
        Type::Bool => (Scalar::Bool(x != 0), DType::Bool),
    };
    kept(crate::numpy::box_scalar(s, d, vm).ok(), out)
}

macro_rules! box_np_typed {
    ($name:ident, $ty:expr) => {
        unsafe extern "C" fn $name(x: u64, _: u64, _: u64, out: *mut u64) -> u32 {
            unsafe { box_np(x, out, $ty) }
        }
    };
}
box_np_typed!(box_np_i64, Type::I64);
box_np_typed!(box_np_f64, Type::F64);
box_np_typed!(box_np_bool, Type::Bool);

/// A numpy scalar of exactly the type `ty` says, unboxed (None for any
/// other result).
fn np_scalar_bits(r: &PyObject, ty: Type) -> Option<u64> {
    use pyjit_arrays::DType;
    let d = crate::numpy::np_scalar_dtype(r)?;
    match (ty, d) {
        (Type::F64, DType::Float64) => Some(r.downcast_ref::<PyFloat>()?.to_f64().to_bits()),
        (Type::I64, DType::Int64) => i64::try_from(r.downcast_ref::<PyInt>()?.as_bigint()).ok().map(|i| i as u64),
        (Type::Bool, DType::Bool) => Some((r.downcast_ref::<PyInt>()?.as_bigint() != &0.into()) as u64),
        _ => None,
    }
}

/// `a.<name>()` through the VM, a numpy scalar of type `ty`.
unsafe fn np_method(obj: u64, name: u64, out: *mut u64, ty: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    // SAFETY: an array and a str compiled code holds.
    let (o, name) = unsafe { (&*(obj as usize as *const PyObject), &*(name as usize as *const PyObject)) };
    let Some(name) = name.downcast_ref::<PyStr>() else { return 1 };
    let r = o.get_attr(name, vm).and_then(|m| m.call((), vm)).ok();
    answer(r.as_deref().and_then(|r| np_scalar_bits(r, ty)), out)
}

/// `f(a, b)` through the VM, a numpy scalar of type `ty`.
unsafe fn np_call2(f: u64, a: u64, b: u64, out: *mut u64, ty: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    // SAFETY: a function and two arrays compiled code holds.
    let (f, a, b) = unsafe { (&*(f as usize as *const PyObject), &*(a as usize as *const PyObject), &*(b as usize as *const PyObject)) };
    let r = f.call((a.to_owned(), b.to_owned()), vm).ok();
    answer(r.as_deref().and_then(|r| np_scalar_bits(r, ty)), out)
}

macro_rules! np_scalar_typed {
    ($method:ident, $call2:ident, $ty:expr) => {
        unsafe extern "C" fn $method(obj: u64, name: u64, _: u64, out: *mut u64) -> u32 {
            unsafe { np_method(obj, name, out, $ty) }
        }
        unsafe extern "C" fn $call2(f: u64, a: u64, b: u64, out: *mut u64) -> u32 {
            unsafe { np_call2(f, a, b, out, $ty) }
        }
    };
}
np_scalar_typed!(np_method_i64, np_call2_i64, Type::I64);
np_scalar_typed!(np_method_f64, np_call2_f64, Type::F64);
np_scalar_typed!(np_method_bool, np_call2_bool, Type::Bool);

/// `a.<name>` that is an array (`a.T`), through the VM.
unsafe extern "C" fn np_attr_arr(obj: u64, name: u64, want: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let Some((d, ndim)) = wanted(want) else { return 1 };
    // SAFETY: an array and a str compiled code holds.
    let (o, name) = unsafe { (&*(obj as usize as *const PyObject), &*(name as usize as *const PyObject)) };
    let Some(name) = name.downcast_ref::<PyStr>() else { return 1 };
    let r = o.get_attr(name, vm).ok().filter(|r| is_array(r, d, ndim));
    kept(r, out)
}

unsafe extern "C" fn arr_stride(obj: u64, k: u64, _: u64, out: *mut u64) -> u32 {
    // SAFETY: an array the run made.
    let o = unsafe { &*(obj as usize as *const PyObject) };
    answer(crate::numpy::array_layout(o).and_then(|l| l.strides.get(k as usize).copied()).map(|s| s as i64 as u64), out)
}

unsafe extern "C" fn arr_data(obj: u64, _: u64, _: u64, out: *mut u64) -> u32 {
    // SAFETY: an array the run made.
    let o = unsafe { &*(obj as usize as *const PyObject) };
    answer(crate::numpy::made_data(o), out)
}

unsafe extern "C" fn arr_dim(obj: u64, k: u64, _: u64, out: *mut u64) -> u32 {
    // SAFETY: an array the run made.
    let o = unsafe { &*(obj as usize as *const PyObject) };
    answer(crate::numpy::made_dim(o, k as usize), out)
}

unsafe extern "C" fn list_append_obj(obj: u64, x: u64, _: u64, _: *mut u64) -> u32 {
    // SAFETY: a list compiled code holds, and an object it holds.
    let (l, x) = unsafe { (list(obj), (&*(x as usize as *const PyObject)).to_owned()) };
    l.borrow_vec_mut().push(x);
    0
}

/// `slice(start, stop, step)` of ints (the recorder turned None bounds
/// into ints that mean the same).
unsafe extern "C" fn slice_new(start: u64, stop: u64, step: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let int = |x: u64| -> PyObjectRef { vm.ctx.new_int(x as i64).into() };
    let s = PySlice { start: Some(int(start)), stop: int(stop), step: Some(int(step)) }.into_ref(&vm.ctx);
    kept(Some(s.into()), out)
}

/// `lst[s]` through the VM: a new list (a zero step raises: an exit).
unsafe extern "C" fn list_get_slice(obj: u64, s: u64, _: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    // SAFETY: a list and a slice compiled code holds.
    let (l, s) = unsafe { (&*(obj as usize as *const PyObject), &*(s as usize as *const PyObject)) };
    kept(l.get_item(s, vm).ok(), out)
}

/// `lst[s] = other` through the VM, where `lst` holds only numbers (compiled
/// code may hold the address of any other element it read). Errors (a zero
/// step, an extended slice of another length) leave `lst` as it was: the
/// interpreter does it again and raises.
unsafe extern "C" fn list_set_slice(obj: u64, s: u64, other: u64, _: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    // SAFETY: a list, a slice and a list compiled code holds.
    let (target, s, other) = unsafe { (&*(obj as usize as *const PyObject), &*(s as usize as *const PyObject), &*(other as usize as *const PyObject)) };
    if !unsafe { only_numbers(obj, vm) } {
        return 1;
    }
    target.set_item(s, other.to_owned(), vm).is_err() as u32
}

/// `lst.pop(i)` of an element of exactly type `ty` (anything else, or an
/// index out of range, exits with the list unchanged).
unsafe fn pop(obj: u64, i: u64, out: *mut u64, ty: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let l = unsafe { list(obj) };
    let mut v = l.borrow_vec_mut();
    let Some(j) = index(i as i64, v.len()) else { return 1 };
    let Some(bits) = unbox(&v[j], ty, vm) else { return 1 };
    let old = v.remove(j);
    drop(v);
    drop(old);
    unsafe { *out = bits };
    0
}

/// `lst.insert(i, x)`: `i` clamped to the list as Python does.
unsafe fn insert(obj: u64, i: u64, x: u64, ty: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let l = unsafe { list(obj) };
    let new = boxed(x, ty, vm);
    let mut v = l.borrow_vec_mut();
    let n = v.len() as i64;
    let i = i as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    v.insert(at as usize, new);
    0
}

/// `lst.sort()` where `lst` holds only numbers (their comparisons cannot
/// raise, and no element is dropped).
unsafe extern "C" fn list_sort(obj: u64, _: u64, _: u64, _: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let o = unsafe { &*(obj as usize as *const PyObject) };
    if !unsafe { only_numbers(obj, vm) } {
        return 1;
    }
    vm.call_method(o, "sort", ()).is_err() as u32
}

/// `lst.clear()` where `lst` holds only numbers (compiled code may hold
/// the address of any other element).
unsafe extern "C" fn list_clear(obj: u64, _: u64, _: u64, _: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let l = unsafe { list(obj) };
    if !unsafe { only_numbers(obj, vm) } {
        return 1;
    }
    let old = std::mem::take(&mut *l.borrow_vec_mut());
    drop(old);
    0
}

/// `lst.extend(other)` of a list (itself too).
unsafe extern "C" fn list_extend(obj: u64, other: u64, _: u64, _: *mut u64) -> u32 {
    let items = unsafe { list(other) }.borrow_vec().to_vec();
    unsafe { list(obj) }.borrow_vec_mut().extend(items);
    0
}

/// `lst.index(x)` or `lst.count(x)` through the VM, where `lst` holds only
/// numbers (no `__eq__` of its own to run; ValueError exits).
unsafe fn list_search(obj: u64, x: u64, out: *mut u64, ty: Type, method: &str) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let o = unsafe { &*(obj as usize as *const PyObject) };
    if !unsafe { only_numbers(obj, vm) } {
        return 1;
    }
    answer(vm.call_method(o, method, (boxed(x, ty, vm),)).ok().and_then(|r| unbox(&r, Type::I64, vm)), out)
}

/// A dict compiled code holds (checked exact at entry).
unsafe fn dict<'a>(obj: u64) -> &'a rustpython_vm::Py<rustpython_vm::builtins::PyDict> {
    let o = unsafe { &*(obj as usize as *const PyObject) };
    o.downcast_ref::<rustpython_vm::builtins::PyDict>().expect("a dict checked at entry")
}

/// A key compiled code passes: a number's bits, or an object's address
/// (a str constant the code holds).
/// None for a nan: the interpreter's key is an object found by identity,
/// which a new nan would not be.
fn dict_key(k: u64, ty: Option<Type>, vm: &VirtualMachine) -> Option<PyObjectRef> {
    match ty {
        Some(Type::F64) if f64::from_bits(k).is_nan() => None,
        Some(ty) => Some(boxed(k, ty, vm)),
        // SAFETY: an object compiled code holds.
        None => Some(unsafe { &*(k as usize as *const PyObject) }.to_owned()),
    }
}

/// `d[k]` of a number of exactly type `val` (missing, or anything else,
/// exits; the key's hash and `__eq__` are an int's, float's or str's).
fn dict_get(d: u64, k: u64, out: *mut u64, key: Option<Type>, val: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let d = unsafe { dict(d) };
    let Some(k) = dict_key(k, key, vm) else { return 1 };
    answer(d.get_item_opt(&*k, vm).ok().flatten().and_then(|v| unbox(&v, val, vm)), out)
}

/// `d[k] = v` over a missing key or a number (compiled code may hold the
/// address of another value it read).
fn dict_set(d: u64, k: u64, x: u64, key: Option<Type>, val: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let d = unsafe { dict(d) };
    let Some(k) = dict_key(k, key, vm) else { return 1 };
    match d.get_item_opt(&*k, vm) {
        Ok(Some(old)) if !is_number(&old, vm) => return 1,
        Ok(_) => {}
        Err(_) => return 1,
    }
    d.set_item(&*k, boxed(x, val, vm), vm).is_err() as u32
}

fn dict_contains(d: u64, k: u64, out: *mut u64, key: Option<Type>) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let d = unsafe { dict(d) };
    let Some(k) = dict_key(k, key, vm) else { return 1 };
    match d.get_item_opt(&*k, vm) {
        Ok(v) => {
            unsafe { *out = v.is_some() as u64 };
            0
        }
        Err(_) => 1,
    }
}

unsafe extern "C" fn dict_len(d: u64, _: u64, _: u64, out: *mut u64) -> u32 {
    unsafe { *out = dict(d).__len__() as u64 };
    0
}

/// The entry point of a dict helper for each key and value type.
fn dict_entry(f: RtFn) -> Option<RtEntry> {
    macro_rules! one {
        ($key:expr, $val:expr) => {{
            unsafe extern "C" fn g(d: u64, k: u64, _: u64, out: *mut u64) -> u32 {
                dict_get(d, k, out, $key, $val)
            }
            unsafe extern "C" fn s(d: u64, k: u64, x: u64, _: *mut u64) -> u32 {
                dict_set(d, k, x, $key, $val)
            }
            unsafe extern "C" fn c(d: u64, k: u64, _: u64, out: *mut u64) -> u32 {
                dict_contains(d, k, out, $key)
            }
            (g as RtEntry, s as RtEntry, c as RtEntry)
        }};
    }
    macro_rules! table {
        ($($key:expr => [$($val:expr),*]),*) => {
            match f {
                $($(
                    RtFn::DictGet { key, val } if key == $key && val == $val => Some(one!($key, $val).0),
                    RtFn::DictSet { key, val } if key == $key && val == $val => Some(one!($key, $val).1),
                )*
                RtFn::DictContains { key } if key == $key => Some(one!($key, Type::I64).2),
                )*
                _ => None,
            }
        };
    }
    table!(
        None => [Type::I64, Type::F64, Type::Bool],
        Some(Type::I64) => [Type::I64, Type::F64, Type::Bool],
        Some(Type::F64) => [Type::I64, Type::F64, Type::Bool],
        Some(Type::Bool) => [Type::I64, Type::F64, Type::Bool]
    )
}

unsafe extern "C" fn list_reverse(obj: u64, _: u64, _: u64, _: *mut u64) -> u32 {
    unsafe { list(obj) }.borrow_vec_mut().reverse();
    0
}

/// Runs `f` with `vm` reachable from the helpers.
pub(crate) fn with_vm<R>(vm: &VirtualMachine, f: impl FnOnce() -> R) -> R {
    let old = VM.with(|c| c.replace(vm as *const VirtualMachine));
    let r = f();
    VM.with(|c| c.set(old));
    r
}

pub(crate) fn vm() -> Option<&'static VirtualMachine> {
    let p = VM.with(|c| c.get());
    // SAFETY: set by `with_vm` for the duration of a native run, which is
    // when helpers run.
    (!p.is_null()).then(|| unsafe { &*p })
}

/// # Safety
/// `obj` is the address of a live list object.
unsafe fn list<'a>(obj: u64) -> &'a PyList {
    let o = unsafe { &*(obj as usize as *const PyObject) };
    o.downcast_ref::<PyList>().expect("a list checked at entry")
}

fn index(i: i64, len: usize) -> Option<usize> {
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    (0..n).contains(&j).then_some(j as usize)
}

/// Whether the list at `obj` holds only numbers (what the helpers that drop,
/// reorder or compare its elements require: compiled code may hold the
/// address of any other element, and no `__eq__` of its own runs).
///
/// # Safety
/// `obj` is the address of a live list object.
unsafe fn only_numbers(obj: u64, vm: &VirtualMachine) -> bool {
    unsafe { list(obj) }.borrow_vec().iter().all(|e| is_number(e, vm))
}

/// Whether `o` is exactly an int, a float or a bool (no `__del__`, no
/// reference to anything compiled code holds).
fn is_number(o: &PyObject, vm: &VirtualMachine) -> bool {
    [vm.ctx.types.int_type, vm.ctx.types.float_type, vm.ctx.types.bool_type].iter().any(|t| o.class().is(*t))
}

/// The bits of `o` if its class is exactly `ty`'s.
fn unbox(o: &PyObject, ty: Type, vm: &VirtualMachine) -> Option<u64> {
    let cls = o.class();
    match ty {
        Type::F64 if cls.is(vm.ctx.types.float_type) => Some(o.downcast_ref::<PyFloat>()?.to_f64().to_bits()),
        Type::I64 if cls.is(vm.ctx.types.int_type) => Some(i64::try_from(o.downcast_ref::<PyInt>()?.as_bigint()).ok()? as u64),
        Type::Bool if cls.is(vm.ctx.types.bool_type) => Some(o.is(&vm.ctx.true_value) as u64),
        _ => None,
    }
}

fn boxed(bits: u64, ty: Type, vm: &VirtualMachine) -> PyObjectRef {
    match ty {
        Type::F64 => vm.ctx.new_float(f64::from_bits(bits)).into(),
        Type::I64 => vm.ctx.new_int(bits as i64).into(),
        Type::Bool => vm.ctx.new_bool(bits != 0).into(),
    }
}

unsafe extern "C" fn list_len(obj: u64, _: u64, _: u64, out: *mut u64) -> u32 {
    let l = unsafe { list(obj) };
    unsafe { *out = l.borrow_vec().len() as u64 };
    0
}

unsafe fn get(obj: u64, i: u64, out: *mut u64, ty: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let l = unsafe { list(obj) };
    let v = l.borrow_vec();
    let Some(j) = index(i as i64, v.len()) else { return 1 };
    answer(unbox(&v[j], ty, vm), out)
}

unsafe fn set(obj: u64, i: u64, x: u64, ty: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let l = unsafe { list(obj) };
    // A float over a float only this list holds takes the value in place.
    // The interpreter is suspended at the loop's back-edge and holds no
    // borrow of the list.
    if ty == Type::F64 {
        let v = l.borrow_vec();
        let Some(j) = index(i as i64, v.len()) else { return 1 };
        if float_in_place(&v[j], 1, x, vm) {
            return 0;
        }
    }
    let new = boxed(x, ty, vm);
    let mut v = l.borrow_vec_mut();
    let Some(j) = index(i as i64, v.len()) else { return 1 };
    // Only a number is replaced here: compiled code may hold the address
    // of another element it read from this list (a row, an instance).
    if !is_number(&v[j], vm) {
        return 1;
    }
    // The old element is dropped after the lock (its finalizer may run code).
    let old = std::mem::replace(&mut v[j], new);
    drop(v);
    drop(old);
    0
}

/// `lst[i] = x` of an object over None or a number: compiled code may
/// hold the address of any other element it read from this list, and
/// dropping None or a number runs no code.
unsafe extern "C" fn list_set_obj(obj: u64, i: u64, x: u64, _: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    // SAFETY: a list and an object compiled code holds.
    let (l, x) = unsafe { (list(obj), (&*(x as usize as *const PyObject)).to_owned()) };
    let mut v = l.borrow_vec_mut();
    let Some(j) = index(i as i64, v.len()) else { return 1 };
    if !vm.is_none(&v[j]) && !is_number(&v[j], vm) {
        return 1;
    }
    let old = std::mem::replace(&mut v[j], x);
    drop(v);
    drop(old);
    0
}

unsafe fn append(obj: u64, x: u64, ty: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let l = unsafe { list(obj) };
    let new = boxed(x, ty, vm);
    l.borrow_vec_mut().push(new);
    0
}

unsafe extern "C" fn unbox_int(obj: u64, _: u64, _: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    // SAFETY: compiled code passes the address of an element it just read
    // from a list it holds.
    let o = unsafe { &*(obj as usize as *const PyObject) };
    answer(unbox(o, Type::I64, vm), out)
}

/// `random.<f>(a, b)` through the interpreter's own function object (at
/// `func`): `F` is the `RandomFn` (0 random, 1 uniform, 2 gauss, 3
/// randint), `A` and `B` the argument types (0 int, 1 float). The
/// recorder only calls the module's functions with numbers they accept
/// (randint's range checked first), so the call does not fail; if it
/// somehow does, compiled code exits before the call and the interpreter
/// makes it again.
unsafe extern "C" fn random_call<const F: u8, const A: u8, const B: u8>(func: u64, a: u64, b: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    // SAFETY: the trace holds the function object for its whole life.
    let func = unsafe { &*(func as usize as *const PyObject) };
    let ty = |t: u8| if t == 0 { Type::I64 } else { Type::F64 };
    let args = if F == 0 { vec![] } else { vec![boxed(a, ty(A), vm), boxed(b, ty(B), vm)] };
    let Ok(r) = func.call(rustpython_vm::function::FuncArgs::from(args), vm) else { return 1 };
    answer(unbox(&r, if F == 3 { Type::I64 } else { Type::F64 }, vm), out)
}

fn random_entry(f: RandomFn, a: Type, b: Type) -> Option<RtEntry> {
    use RandomFn::*;
    let (i, x) = (Type::I64, Type::F64);
    Some(match (f, a, b) {
        (Random, _, _) => random_call::<0, 0, 0>,
        (Randint, _, _) => random_call::<3, 0, 0>,
        (Uniform, t, u) if t == i && u == i => random_call::<1, 0, 0>,
        (Uniform, t, u) if t == i && u == x => random_call::<1, 0, 1>,
        (Uniform, t, u) if t == x && u == i => random_call::<1, 1, 0>,
        (Uniform, _, _) => random_call::<1, 1, 1>,
        (Gauss, t, u) if t == i && u == i => random_call::<2, 0, 0>,
        (Gauss, t, u) if t == i && u == x => random_call::<2, 0, 1>,
        (Gauss, t, u) if t == x && u == i => random_call::<2, 1, 0>,
        (Gauss, _, _) => random_call::<2, 1, 1>,
    })
}

/// The next 32-bit output of the generator in `inst` (MT19937's
/// genrand_uint32, the state regenerated every 624 draws).
///
/// # Safety
/// `inst` is a live `random.Random` and `l` its layout.
unsafe fn mt_next(inst: usize, l: MtLayout) -> Option<u32> {
    let mt = (inst + l.mt) as *mut u32;
    let mti = (inst + l.mti) as *mut usize;
    unsafe {
        let mut i = mti.read_unaligned();
        if i > MT_N {
            return None;
        }
        if i == MT_N {
            const M: usize = 397;
            let word = |k: usize| mt.add(k).read_unaligned();
            for k in 0..MT_N {
                let y = (word(k) & 0x8000_0000) | (word((k + 1) % MT_N) & 0x7fff_ffff);
                let mag = if y & 1 == 1 { 0x9908_b0df } else { 0 };
                mt.add(k).write_unaligned(word((k + M) % MT_N) ^ (y >> 1) ^ mag);
            }
            i = 0;
        }
        let mut y = mt.add(i).read_unaligned();
        mti.write_unaligned(i + 1);
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        Some(y)
    }
}

/// `random()`: 53 random bits, as CPython's random_random.
unsafe extern "C" fn mt_random(inst: u64, _: u64, _: u64, out: *mut u64) -> u32 {
    let Some(l) = vm().and_then(mt_layout) else { return 1 };
    let inst = inst as usize;
    let (Some(a), Some(b)) = (unsafe { mt_next(inst, l) }, unsafe { mt_next(inst, l) }) else { return 1 };
    let x = ((a >> 5) as f64 * 67108864.0 + (b >> 6) as f64) * (1.0 / 9007199254740992.0);
    unsafe { *out = x.to_bits() };
    0
}

/// `_randbelow(n)` (random.py's `_randbelow_with_getrandbits`): draws of
/// `getrandbits(n.bit_length())` until one is below `n`.
unsafe extern "C" fn mt_randbelow(inst: u64, n: u64, _: u64, out: *mut u64) -> u32 {
    let Some(l) = vm().and_then(mt_layout) else { return 1 };
    let n = n as i64;
    if n < 1 {
        return 1;
    }
    let k = 64 - (n as u64).leading_zeros();
    let inst = inst as usize;
    loop {
        // getrandbits(k): 32-bit words, least significant first, the last
        // one cut to the bits left.
        let r = if k <= 32 {
            let Some(w) = (unsafe { mt_next(inst, l) }) else { return 1 };
            (w >> (32 - k)) as u64
        } else {
            let (Some(lo), Some(hi)) = (unsafe { mt_next(inst, l) }, unsafe { mt_next(inst, l) }) else { return 1 };
            lo as u64 | ((hi >> (64 - k)) as u64) << 32
        };
        if r < n as u64 {
            unsafe { *out = r };
            return 0;
        }
    }
}

/// # Safety
/// `obj` and `name` are the addresses of a live object and a str.
unsafe fn obj_and_name<'a>(obj: u64, name: u64) -> (&'a PyObject, &'a PyObject) {
    unsafe { (&*(obj as usize as *const PyObject), &*(name as usize as *const PyObject)) }
}

/// Writes the float bits `x` into `old` if it is a float held by exactly
/// `holders` references (the container's, and any the caller has): nothing
/// can tell the old object with a new value from a new object (floats have
/// no weak references and are not tracked by the collector), so nothing is
/// allocated. Whether it did.
fn float_in_place(old: &PyObject, holders: usize, x: u64, vm: &VirtualMachine) -> bool {
    let Some(layout) = layout(vm) else { return false };
    if !old.class().is(vm.ctx.types.float_type) || old.strong_count() != holders {
        return false;
    }
    let at = addr(old) + layout.float_value as usize;
    // SAFETY: a live float's value word (measured), which only the
    // container holding it can observe.
    unsafe { (at as *mut f64).write(f64::from_bits(x)) };
    true
}

/// `obj.name` for an instance of a plain class: its dict's entry, a number
/// of exactly type `ty` (else the interpreter looks further).
unsafe fn attr_get(obj: u64, name: u64, out: *mut u64, ty: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let (o, name) = unsafe { obj_and_name(obj, name) };
    let Some(d) = o.dict() else { return 1 };
    let Ok(Some(v)) = d.get_item_opt(name, vm) else { return 1 };
    answer(unbox(&v, ty, vm), out)
}

/// `obj.name = x` into the instance's dict. A float over a float only the
/// dict holds takes the new value in place (as in lists). Anything but a
/// number is left to the interpreter: dropping it could run a `__del__`,
/// and compiled code counts on no dict changing its keys under it.
unsafe fn attr_set(obj: u64, name: u64, x: u64, ty: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let (o, name) = unsafe { obj_and_name(obj, name) };
    let Some(d) = o.dict() else { return 1 };
    let Ok(old) = d.get_item_opt(name, vm) else { return 1 };
    match old {
        Some(old) if !is_number(&old, vm) => return 1,
        // The dict's reference and `old`.
        Some(old) if ty == Type::F64 && float_in_place(&old, 2, x, vm) => return 0,
        _ => {}
    }
    match d.set_item(name, boxed(x, ty, vm), vm) {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

/// `obj.name = x` of an object `x`, where the name is absent or holds a
/// number (compiled code may hold the address of an object attribute it
/// read, which the dict must keep alive).
unsafe extern "C" fn attr_set_obj(obj: u64, name: u64, x: u64, _: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let (o, name) = unsafe { obj_and_name(obj, name) };
    // SAFETY: an object compiled code holds.
    let x = unsafe { &*(x as usize as *const PyObject) }.to_owned();
    let Some(d) = o.dict() else { return 1 };
    match d.get_item_opt(name, vm) {
        Ok(Some(old)) if !is_number(&old, vm) => return 1,
        Ok(_) => {}
        Err(_) => return 1,
    }
    d.set_item(name, x, vm).is_err() as u32
}

/// The `__slots__` cell at byte offset `off` of the object at `obj` (an
/// atomic object pointer, null while unset).
unsafe fn member_cell<'a>(obj: u64, off: u64) -> &'a std::sync::atomic::AtomicPtr<PyObject> {
    // SAFETY: an instance compiled code holds and a member offset of its
    // class (checked by the trace).
    unsafe { &*((obj as i64).wrapping_add(off as i64) as usize as *const std::sync::atomic::AtomicPtr<PyObject>) }
}

/// `obj.name` of a `__slots__` member at byte offset `off`, a number of
/// exactly the type `ty` (unset or of another type exits).
unsafe fn member_get(obj: u64, off: u64, out: *mut u64, ty: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let p = unsafe { member_cell(obj, off) }.load(std::sync::atomic::Ordering::Acquire);
    if p.is_null() {
        return 1;
    }
    // SAFETY: the object the slot holds (alive while it does).
    answer(unbox(unsafe { &*p }, ty, vm), out)
}

/// `obj.name = x` of a `__slots__` member at byte offset `off`, unset or
/// holding a number (anything else exits: compiled code may hold it).
unsafe fn member_set(obj: u64, off: u64, x: u64, ty: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let cell = unsafe { member_cell(obj, off) };
    let old = cell.load(std::sync::atomic::Ordering::Acquire);
    // SAFETY: as above.
    if !old.is_null() && !is_number(unsafe { &*old }, vm) {
        return 1;
    }
    let new = boxed(x, ty, vm).into_raw();
    let old = cell.swap(new.as_ptr(), std::sync::atomic::Ordering::AcqRel);
    // The slot's reference to the old number, dropped.
    if let Some(old) = std::ptr::NonNull::new(old) {
        drop(unsafe { PyObjectRef::from_raw(old) });
    }
    0
}

unsafe extern "C" fn attr_absent(obj: u64, name: u64, _: u64, _: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let (o, name) = unsafe { obj_and_name(obj, name) };
    match o.dict() {
        Some(d) if d.contains_key(name, vm) => 1,
        _ => 0,
    }
}

macro_rules! typed {
    ($get:ident, $set:ident, $append:ident, $pop:ident, $insert:ident, $index:ident, $count:ident, $ty:expr) => {
        unsafe extern "C" fn $get(obj: u64, i: u64, _: u64, out: *mut u64) -> u32 {
            unsafe { get(obj, i, out, $ty) }
        }
        unsafe extern "C" fn $set(obj: u64, i: u64, x: u64, _: *mut u64) -> u32 {
            unsafe { set(obj, i, x, $ty) }
        }
        unsafe extern "C" fn $append(obj: u64, x: u64, _: u64, _: *mut u64) -> u32 {
            unsafe { append(obj, x, $ty) }
        }
        unsafe extern "C" fn $pop(obj: u64, i: u64, _: u64, out: *mut u64) -> u32 {
            unsafe { pop(obj, i, out, $ty) }
        }
        unsafe extern "C" fn $insert(obj: u64, i: u64, x: u64, _: *mut u64) -> u32 {
            unsafe { insert(obj, i, x, $ty) }
        }
        unsafe extern "C" fn $index(obj: u64, x: u64, _: u64, out: *mut u64) -> u32 {
            unsafe { list_search(obj, x, out, $ty, "index") }
        }
        unsafe extern "C" fn $count(obj: u64, x: u64, _: u64, out: *mut u64) -> u32 {
            unsafe { list_search(obj, x, out, $ty, "count") }
        }
    };
}
typed!(get_i64, set_i64, append_i64, pop_i64, insert_i64, index_i64, count_i64, Type::I64);
typed!(get_f64, set_f64, append_f64, pop_f64, insert_f64, index_f64, count_f64, Type::F64);
typed!(get_bool, set_bool, append_bool, pop_bool, insert_bool, index_bool, count_bool, Type::Bool);

/// The entry points of an attribute getter and setter (`obj`, the name's
/// address) for one number type.
macro_rules! attr_typed {
    ($get:ident, $set:ident, $get_fn:ident, $set_fn:ident, $ty:expr) => {
        unsafe extern "C" fn $get(obj: u64, name: u64, _: u64, out: *mut u64) -> u32 {
            unsafe { $get_fn(obj, name, out, $ty) }
        }
        unsafe extern "C" fn $set(obj: u64, name: u64, x: u64, _: *mut u64) -> u32 {
            unsafe { $set_fn(obj, name, x, $ty) }
        }
    };
}
attr_typed!(member_get_i64, member_set_i64, member_get, member_set, Type::I64);
attr_typed!(member_get_f64, member_set_f64, member_get, member_set, Type::F64);
attr_typed!(member_get_bool, member_set_bool, member_get, member_set, Type::Bool);
attr_typed!(attr_get_i64, attr_set_i64, attr_get, attr_set, Type::I64);
attr_typed!(attr_get_f64, attr_set_f64, attr_get, attr_set, Type::F64);
attr_typed!(attr_get_bool, attr_set_bool, attr_get, attr_set, Type::Bool);

/// `np.array([x] * n)` / `np.array([[x] * n])` into a buffer.
unsafe fn buf_full(x: u64, n: u64, want: u64, out: *mut u64, ty: pyjit_ir::Type) -> u32 {
    let Some(a) = pyjit_ir::ArrayWant::unpack(want & 0xffff) else { return 1 };
    let n = n as i64;
    if n < 1 {
        return 1;
    }
    let dtype = crate::dtype::dtype_of(a.mem);
    answer(crate::memory::buffers::buffer(dtype, n as usize, |e| e.fill(x, ty)), out)
}

macro_rules! full_typed {
    ($name:ident, $ty:expr) => {
        unsafe extern "C" fn $name(x: u64, n: u64, want: u64, out: *mut u64) -> u32 {
            unsafe { buf_full(x, n, want, out, $ty) }
        }
    };
}

full_typed!(buf_full_i64, pyjit_ir::Type::I64);

full_typed!(buf_full_f64, pyjit_ir::Type::F64);

full_typed!(buf_full_bool, pyjit_ir::Type::Bool);

/// `np.zeros((d0, d1))`, `np.ones` (bit 16 of `want`) or `np.empty` (as
/// zeros) into a buffer; a negative size exits (the interpreter raises).
unsafe extern "C" fn buf_filled(d0: u64, d1: u64, want: u64, out: *mut u64) -> u32 {
    let Some(a) = pyjit_ir::ArrayWant::unpack(want & 0xffff) else { return 1 };
    let dims: &[u64] = if a.ndim == 2 { &[d0, d1] } else { &[d0] };
    let Some(n) = dims.iter().try_fold(1usize, |n, d| n.checked_mul(usize::try_from(*d as i64).ok()?)) else { return 1 };
    let one = want >> 16 & 1;
    let r = crate::memory::buffers::buffer(crate::dtype::dtype_of(a.mem), n, |e| e.fill(one, pyjit_ir::Type::I64));
    answer(r, out)
}

/// `a @ b` into a buffer (`RtFn::BufMatmul`'s wide arguments).
unsafe extern "C" fn buf_matmul(args: u64, n: u64, _: u64, out: *mut u64) -> u32 {
    let &[ad, ar, ac, ars, acs, bd, br, bc, brs, bcs, want] = (unsafe { wide(args, n) }) else { return 1 };
    let Some(w) = pyjit_ir::ArrayWant::unpack(want & 0xffff) else { return 1 };
    if ac != br {
        return 1;
    }
    let Some(size) = (ar as usize).checked_mul(bc as usize) else { return 1 };
    fn mat<T>(d: u64, rows: u64, cols: u64, rs: u64, cs: u64) -> MatRef<T> {
        let elem = std::mem::size_of::<T>() as i64;
        MatRef { ptr: d as usize as *const T, rows: rows as usize, cols: cols as usize, rs: (rs as i64 / elem) as isize, cs: (cs as i64 / elem) as isize }
    }
    let r = match w.mem {
        // SAFETY: arrays compiled code holds, with their layouts.
        pyjit_ir::MemTy::F64 => crate::memory::buffers::buffer(DType::Float64, size, |e| {
            if let crate::memory::buffers::Elems::F64(z) = e {
                unsafe { matmul_f64(mat(ad, ar, ac, ars, acs), mat(bd, br, bc, brs, bcs), z) }
            }
        }),
        pyjit_ir::MemTy::I64 => crate::memory::buffers::buffer(DType::Int64, size, |e| {
            if let crate::memory::buffers::Elems::I64(z) = e {
                unsafe { matmul_i64(mat(ad, ar, ac, ars, acs), mat(bd, br, bc, brs, bcs), z) }
            }
        }),
        _ => None,
    };
    answer(r, out)
}

/// An array object made from a buffer (`RtFn::BufBox`'s wide arguments).
unsafe extern "C" fn buf_box(args: u64, n: u64, _: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let &[data, d0, d1, want] = (unsafe { wide(args, n) }) else { return 1 };
    let Some(a) = pyjit_ir::ArrayWant::unpack(want & 0xffff) else { return 1 };
    let shape: &[u64] = if a.ndim == 2 { &[d0, d1] } else { &[d0] };
    // SAFETY: a buffer of this layout compiled code holds.
    let o = unsafe { crate::memory::buffers::boxed(data, a.mem, shape, vm) };
    kept(o, out)
}

/// Every helper, by the runtime call it implements: the table the code
/// generator defines their symbols from.
pub(crate) fn table() -> RuntimeTable {
    let mut t = RuntimeTable::new();
    t.insert(RtFn::ListLen, list_len);
    t.insert(RtFn::UnboxInt, unbox_int);
    t.insert(RtFn::AttrAbsent, attr_absent);
    t.insert(RtFn::ListNew, list_new);
    t.insert(RtFn::ListRepeat, list_repeat);
    t.insert(RtFn::ListConcat, list_concat);
    t.insert(RtFn::ListAppendObj, list_append_obj);
    t.insert(RtFn::NewInstance, new_instance);
    t.insert(RtFn::ListFill(Type::I64), list_fill_i64);
    t.insert(RtFn::ListFill(Type::F64), list_fill_f64);
    t.insert(RtFn::ListFill(Type::Bool), list_fill_bool);
    t.insert(RtFn::AttrGet(Type::I64), attr_get_i64);
    t.insert(RtFn::AttrSet(Type::I64), attr_set_i64);
    t.insert(RtFn::AttrGet(Type::F64), attr_get_f64);
    t.insert(RtFn::AttrSet(Type::F64), attr_set_f64);
    t.insert(RtFn::AttrGet(Type::Bool), attr_get_bool);
    t.insert(RtFn::AttrSet(Type::Bool), attr_set_bool);
    t.insert(RtFn::MtRandom, mt_random);
    t.insert(RtFn::MtRandbelow, mt_randbelow);
    for f in RtFn::randoms() {
        if let RtFn::Random { f: rf, a, b } = f
            && let Some(entry) = random_entry(rf, a, b)
        {
            t.insert(f, entry);
        }
    }
    t.insert(RtFn::ListGet(Type::I64), get_i64);
    t.insert(RtFn::ListSet(Type::I64), set_i64);
    t.insert(RtFn::ListAppend(Type::I64), append_i64);
    t.insert(RtFn::ListGet(Type::F64), get_f64);
    t.insert(RtFn::ListSet(Type::F64), set_f64);
    t.insert(RtFn::ListAppend(Type::F64), append_f64);
    t.insert(RtFn::ListGet(Type::Bool), get_bool);
    t.insert(RtFn::ListSet(Type::Bool), set_bool);
    t.insert(RtFn::ListAppend(Type::Bool), append_bool);
    t.insert(RtFn::SliceNew, slice_new);
    t.insert(RtFn::ListGetSlice, list_get_slice);
    t.insert(RtFn::ListSetSlice, list_set_slice);
    t.insert(RtFn::ListReverse, list_reverse);
    t.insert(RtFn::AttrSetObj, attr_set_obj);
    for (ty, get, set) in [
        (Type::I64, member_get_i64 as RtEntry, member_set_i64 as RtEntry),
        (Type::F64, member_get_f64, member_set_f64),
        (Type::Bool, member_get_bool, member_set_bool),
    ] {
        t.insert(RtFn::MemberGet(ty), get);
        t.insert(RtFn::MemberSet(ty), set);
    }
    t.insert(RtFn::ListSort, list_sort);
    t.insert(RtFn::DictLen, dict_len);
    for f in RtFn::all() {
        if let Some(e) = dict_entry(f) {
            t.insert(f, e);
        }
    }
    t.insert(RtFn::ListClear, list_clear);
    t.insert(RtFn::ArenaReset, arena_reset);
    t.insert(RtFn::ArenaKeep, arena_keep);
    t.insert(RtFn::NpArray, np_array);
    for f in RtFn::all() {
        match f {
            RtFn::NpBinary { .. } => t.insert(f, np_binary),
            RtFn::NpInplace { .. } => t.insert(f, np_inplace),
            _ => {}
        }
    }
    t.insert(RtFn::NpUnaryArr, np_unary_arr);
    t.insert(RtFn::NpAttrArr, np_attr_arr);
    t.insert(RtFn::ArrStride, arr_stride);
    for (ty, method, call2) in [
        (Type::I64, np_method_i64 as RtEntry, np_call2_i64 as RtEntry),
        (Type::F64, np_method_f64, np_call2_f64),
        (Type::Bool, np_method_bool, np_call2_bool),
    ] {
        t.insert(RtFn::NpMethod(ty), method);
        t.insert(RtFn::NpCall2(ty), call2);
    }
    t.insert(RtFn::ArrData, arr_data);
    t.insert(RtFn::ArrDim, arr_dim);
    t.insert(RtFn::BufFull(Type::I64), buf_full_i64);
    t.insert(RtFn::BufFull(Type::F64), buf_full_f64);
    t.insert(RtFn::BufFull(Type::Bool), buf_full_bool);
    t.insert(RtFn::BufFilled, buf_filled);
    t.insert(RtFn::BufMatmul, buf_matmul);
    t.insert(RtFn::BufBox, buf_box);
    t.insert(RtFn::ListSetObj, list_set_obj);
    t.insert(RtFn::NpSlice, np_slice);
    t.insert(RtFn::NpSetKey(Type::I64), np_set_key_i64);
    t.insert(RtFn::NpSetKey(Type::F64), np_set_key_f64);
    t.insert(RtFn::NpSetKey(Type::Bool), np_set_key_bool);
    t.insert(RtFn::BoxNp(Type::I64), box_np_i64);
    t.insert(RtFn::BoxNp(Type::F64), box_np_f64);
    t.insert(RtFn::BoxNp(Type::Bool), box_np_bool);
    t.insert(RtFn::ListExtend, list_extend);
    for (ty, pop, insert, index, count) in [
        (Type::I64, pop_i64 as RtEntry, insert_i64 as RtEntry, index_i64 as RtEntry, count_i64 as RtEntry),
        (Type::F64, pop_f64, insert_f64, index_f64, count_f64),
        (Type::Bool, pop_bool, insert_bool, index_bool, count_bool),
    ] {
        t.insert(RtFn::ListPop(ty), pop);
        t.insert(RtFn::ListInsert(ty), insert);
        t.insert(RtFn::ListIndex(ty), index);
        t.insert(RtFn::ListCount(ty), count);
    }
    t
}
