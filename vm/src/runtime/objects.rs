//! Object mode: the VM's own operations on any objects, for what a trace
//! does not specialize (`RtFn::ObjAttr` and its kin). Compiled code holds
//! objects by address; every object an operation gives is a new reference
//! the run's arena holds (at most a bounded number per iteration: the
//! back-edge drops what the loop does not carry).
//!
//! An operation that raises keeps its exception here (`take_pending`) and
//! takes its exit; the bridge then puts the frame in the state before the
//! instruction and raises it there, so the interpreter never does the
//! operation a second time. With the arena full an operation does nothing
//! and exits: the interpreter does it.

use super::abi::{answer, boxed, unbox, vm, wide};
use crate::memory::arena;
use pyjit_ir::{RtEntry, RtFn, RuntimeTable, Type};
use rustpython_vm::builtins::{PyBaseExceptionRef, PyDict, PyList, PySlice, PyStr, PyTuple};
use rustpython_vm::function::FuncArgs;
use rustpython_vm::protocol::{PyIter, PyIterReturn};
use rustpython_vm::types::PyComparisonOp;
use rustpython_vm::{AsObject, PyObject, PyObjectRef, PyResult, VirtualMachine};
use std::cell::RefCell;

thread_local! {
    static PENDING: RefCell<Option<PyBaseExceptionRef>> = const { RefCell::new(None) };
}

/// The exception an operation of the last native run raised, once.
pub(crate) fn take_pending() -> Option<PyBaseExceptionRef> {
    PENDING.with(|p| p.borrow_mut().take())
}

/// Status of an operation that raised with these flags: its exit, with
/// the exception kept (with `OBJ_BUILTINS_ONLY`, dropped: the interpreter
/// does the operation again and raises it itself).
fn failed(flags: u64, e: PyBaseExceptionRef) -> u32 {
    if flags & pyjit_ir::OBJ_BUILTINS_ONLY != 0 {
        return 1;
    }
    raised(e)
}

/// An operation's object result (with flags as `failed` takes them).
fn give_flagged(r: PyResult<PyObjectRef>, flags: u64, out: *mut u64) -> u32 {
    match r {
        Ok(o) => answer(Some(arena::keep_done(o)), out),
        Err(e) => failed(flags, e),
    }
}

/// Status of an operation that raised: its exit, with the exception kept.
fn raised(e: PyBaseExceptionRef) -> u32 {
    PENDING.with(|p| *p.borrow_mut() = Some(e));
    1
}

/// # Safety
/// `a` is the address of a live object compiled code holds.
unsafe fn obj<'a>(a: u64) -> &'a PyObject {
    unsafe { &*(a as usize as *const PyObject) }
}

/// An operation's object result into the arena and its address into `out`.
fn give(r: PyResult<PyObjectRef>, out: *mut u64) -> u32 {
    match r {
        Ok(o) => answer(Some(arena::keep_done(o)), out),
        Err(e) => raised(e),
    }
}

/// Runs `op` with the VM where the arena has room for its result (else
/// exits before doing anything).
fn with_room(op: impl FnOnce(&VirtualMachine) -> u32) -> u32 {
    match vm() {
        Some(vm) if arena::has_room() => op(vm),
        _ => 1,
    }
}

/// Whether operations on `o` run no Python code: an exact int, float,
/// bool, complex, str, bytes or None, or (for truth, subscripts and `in`)
/// an exact list, tuple, dict, set or range.
fn builtin_value(o: &PyObject, containers: bool, vm: &VirtualMachine) -> bool {
    let t = &vm.ctx.types;
    let cls = o.class();
    [t.int_type, t.float_type, t.bool_type, t.complex_type, t.str_type, t.bytes_type, t.none_type].iter().any(|c| cls.is(*c))
        || containers && [t.list_type, t.tuple_type, t.dict_type, t.set_type, t.frozenset_type, t.range_type].iter().any(|c| cls.is(*c))
        // A slice of ints and Nones (what `a[i:j]` makes) runs no
        // `__index__` of Python's when it is applied.
        || containers && o.downcast_ref::<PySlice>().is_some_and(|s| {
            [s.start.as_deref(), Some(&*s.stop), s.step.as_deref()].into_iter().flatten().all(|x| {
                let c = x.class();
                c.is(t.int_type) || c.is(t.none_type)
            })
        })
}

/// With `OBJ_BUILTINS_ONLY` in `flags`: whether the operands allow the
/// call (else it exits having done nothing).
fn allowed(flags: u64, operands: &[&PyObject], containers: bool, vm: &VirtualMachine) -> bool {
    flags & pyjit_ir::OBJ_BUILTINS_ONLY == 0 || operands.iter().all(|o| builtin_value(o, containers, vm))
}

/// Keeps what a store replaces alive until the run ends: compiled code may
/// hold its address (read before the store).
fn keep_replaced(o: Option<PyObjectRef>) {
    if let Some(o) = o {
        arena::keep_done(o);
    }
}

/// Keeps the objects at the nonzero addresses given (wide arguments).
unsafe extern "C" fn obj_hold(args: u64, n: u64, _: u64, _: *mut u64) -> u32 {
    for &a in unsafe { wide(args, n) } {
        if a != 0 {
            arena::keep_done(unsafe { obj(a) }.to_owned());
        }
    }
    0
}

unsafe extern "C" fn obj_attr(o: u64, name: u64, flags: u64, out: *mut u64) -> u32 {
    with_room(|vm| {
        let (o, name) = unsafe { (obj(o), obj(name)) };
        let Some(name) = name.downcast_ref::<PyStr>() else { return 1 };
        give_flagged(o.get_attr(name, vm), flags, out)
    })
}

/// `super(class, o).name`, with the global `super` the frame loaded,
/// called with the class and object on the stack (for `super()`, what it
/// would find in its frame, which here is not the inlined method's).
unsafe extern "C" fn obj_super_attr(args: u64, n: u64, _: u64, out: *mut u64) -> u32 {
    with_room(|vm| {
        let &[sup, class, o, name, two_args] = (unsafe { wide(args, n) }) else { return 1 };
        let (sup, class, o, name) = unsafe { (obj(sup), obj(class), obj(o), obj(name)) };
        let Some(name) = name.downcast_ref::<PyStr>() else { return 1 };
        // `super()` of another `super` takes no arguments: the
        // interpreter calls it in the method's own frame.
        if two_args == 0 && !sup.is(vm.ctx.types.super_type) {
            return 1;
        }
        let made = sup.call((class.to_owned(), o.to_owned()), vm);
        give_flagged(made.and_then(|s| s.get_attr(name, vm)), 0, out)
    })
}

unsafe extern "C" fn obj_set_attr(o: u64, name: u64, v: u64, _: *mut u64) -> u32 {
    with_room(|vm| {
        let (o, name, v) = unsafe { (obj(o), obj(name), obj(v)) };
        let Some(name) = name.downcast_ref::<PyStr>() else { return 1 };
        let old = o.dict().and_then(|d| d.get_item_opt(name.as_object(), vm).ok().flatten());
        let r = o.set_attr(name, v.to_owned(), vm);
        keep_replaced(old);
        match r {
            Ok(()) => 0,
            Err(e) => raised(e),
        }
    })
}

/// `a <op> b` by `OBJ_OPS` number (`OBJ_INPLACE` added for `op=`), or
/// `-a`, `~a` (`OBJ_NEGATIVE`, `OBJ_INVERT`).
fn binary(a: &PyObject, b: &PyObject, op: u64, vm: &VirtualMachine) -> PyResult {
    let inplace = op & pyjit_ir::OBJ_INPLACE != 0;
    match (op & 15, inplace) {
        (0, false) => vm._add(a, b),
        (0, true) => vm._iadd(a, b),
        (1, false) => vm._sub(a, b),
        (1, true) => vm._isub(a, b),
        (2, false) => vm._mul(a, b),
        (2, true) => vm._imul(a, b),
        (3, false) => vm._truediv(a, b),
        (3, true) => vm._itruediv(a, b),
        (4, false) => vm._floordiv(a, b),
        (4, true) => vm._ifloordiv(a, b),
        (5, false) => vm._mod(a, b),
        (5, true) => vm._imod(a, b),
        (6, false) => vm._pow(a, b, vm.ctx.none.as_object()),
        (6, true) => vm._ipow(a, b, vm.ctx.none.as_object()),
        (7, false) => vm._lshift(a, b),
        (7, true) => vm._ilshift(a, b),
        (8, false) => vm._rshift(a, b),
        (8, true) => vm._irshift(a, b),
        (9, false) => vm._and(a, b),
        (9, true) => vm._iand(a, b),
        (10, false) => vm._or(a, b),
        (10, true) => vm._ior(a, b),
        (11, false) => vm._xor(a, b),
        (11, true) => vm._ixor(a, b),
        (12, false) => vm._matmul(a, b),
        (12, true) => vm._imatmul(a, b),
        // The unary operators (`b` is `a`).
        (pyjit_ir::OBJ_NEGATIVE, false) => vm._neg(a),
        (pyjit_ir::OBJ_INVERT, false) => vm._invert(a),
        _ => Err(vm.new_system_error("pyjit: unknown operator")),
    }
}

unsafe extern "C" fn obj_binary(a: u64, b: u64, op: u64, out: *mut u64) -> u32 {
    with_room(|vm| {
        let (a, b) = unsafe { (obj(a), obj(b)) };
        if !allowed(op, &[a, b], false, vm) {
            return 1;
        }
        give_flagged(binary(a, b, op & 0xffff_ffff, vm), op, out)
    })
}

unsafe extern "C" fn obj_compare(a: u64, b: u64, op: u64, out: *mut u64) -> u32 {
    with_room(|vm| {
        let (a, b) = unsafe { (obj(a), obj(b)) };
        if !allowed(op, &[a, b], false, vm) {
            return 1;
        }
        let cmp = match op & 0xffff_ffff {
            0 => PyComparisonOp::Lt,
            1 => PyComparisonOp::Le,
            2 => PyComparisonOp::Eq,
            3 => PyComparisonOp::Ne,
            4 => PyComparisonOp::Gt,
            _ => PyComparisonOp::Ge,
        };
        give_flagged(a.rich_compare(b, cmp, vm), op, out)
    })
}

unsafe extern "C" fn obj_truth(o: u64, flags: u64, _: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let o = unsafe { obj(o) };
    if !allowed(flags, &[o], true, vm) {
        return 1;
    }
    match o.to_owned().try_to_bool(vm) {
        Ok(b) => answer(Some(b as u64), out),
        Err(e) => failed(flags, e),
    }
}

/// `f(...)`: wide arguments (the callable, the positional count, the
/// keyword names' tuple or 0, the arguments).
unsafe extern "C" fn obj_call(args: u64, n: u64, _: u64, out: *mut u64) -> u32 {
    with_room(|vm| {
        let a = unsafe { wide(args, n) };
        let [f, npos, kw, rest @ ..] = a else { return 1 };
        let names: Vec<String> = match *kw {
            0 => Vec::new(),
            t => match unsafe { obj(t) }.downcast_ref::<PyTuple>() {
                Some(t) => t.iter().filter_map(|s| s.downcast_ref::<PyStr>().and_then(|s| s.to_str().map(str::to_owned))).collect(),
                None => return 1,
            },
        };
        let total = *npos as usize + names.len();
        if total > rest.len() {
            return 1;
        }
        let items: Vec<PyObjectRef> = rest[..total].iter().map(|x| unsafe { obj(*x) }.to_owned()).collect();
        let fa = FuncArgs::with_kwargs_names(items.into_iter(), names.into_iter());
        give(unsafe { obj(*f) }.call_with_args(fa, vm), out)
    })
}

unsafe extern "C" fn obj_subscr(o: u64, key: u64, flags: u64, out: *mut u64) -> u32 {
    with_room(|vm| {
        let (o, key) = unsafe { (obj(o), obj(key)) };
        if !allowed(flags, &[o, key], true, vm) {
            return 1;
        }
        give_flagged(o.get_item(key, vm), flags, out)
    })
}

unsafe extern "C" fn obj_set_subscr(o: u64, key: u64, v: u64, _: *mut u64) -> u32 {
    with_room(|vm| {
        let (o, key, v) = unsafe { (obj(o), obj(key), obj(v)) };
        // What an exact list or dict held there stays alive (compiled code
        // may hold it); other containers run their own `__getitem__`,
        // which must not run twice.
        let old = if let Some(l) = o.downcast_ref_if_exact::<PyList>(vm) {
            key.try_index_opt(vm).and_then(|i| i.ok()).and_then(|i| {
                let v = l.borrow_vec();
                let i: isize = i.try_to_primitive(vm).ok()?;
                let i = if i < 0 { i + v.len() as isize } else { i };
                v.get(usize::try_from(i).ok()?).cloned()
            })
        } else if let Some(d) = o.downcast_ref_if_exact::<PyDict>(vm) {
            d.get_item_opt(key, vm).ok().flatten()
        } else {
            None
        };
        let r = o.set_item(key, v.to_owned(), vm);
        keep_replaced(old);
        match r {
            Ok(()) => 0,
            Err(e) => raised(e),
        }
    })
}

/// UNPACK_SEQUENCE's taking apart of `o` into exactly `n` items, with
/// its errors: a tuple of them.
unsafe extern "C" fn obj_unpack(o: u64, n: u64, _: u64, out: *mut u64) -> u32 {
    with_room(|vm| {
        let o = unsafe { obj(o) };
        let n = n as usize;
        let items: PyResult<Vec<PyObjectRef>> = if let Some(t) = o.downcast_ref_if_exact::<PyTuple>(vm) {
            Ok(t.as_slice().to_vec())
        } else if let Some(l) = o.downcast_ref_if_exact::<PyList>(vm) {
            Ok(l.borrow_vec().to_vec())
        } else {
            match o.get_iter(vm) {
                Err(_) => Err(vm.new_type_error(format!("cannot unpack non-iterable {} object", o.class().name()))),
                Ok(it) => {
                    let mut v = Vec::new();
                    loop {
                        match it.next(vm) {
                            Ok(PyIterReturn::Return(x)) => {
                                v.push(x);
                                if v.len() > n {
                                    break Ok(v);
                                }
                            }
                            Ok(PyIterReturn::StopIteration(_)) => break Ok(v),
                            Err(e) => break Err(e),
                        }
                    }
                }
            }
        };
        let items = match items {
            Ok(v) => v,
            Err(e) => return raised(e),
        };
        if items.len() < n {
            return raised(vm.new_value_error(format!("not enough values to unpack (expected {n}, got {})", items.len())));
        }
        if items.len() > n {
            return raised(vm.new_value_error(format!("too many values to unpack (expected {n})")));
        }
        give(Ok(vm.ctx.new_tuple(items).into()), out)
    })
}

/// A new tuple of the objects given (wide arguments: the count, then
/// their addresses).
unsafe extern "C" fn obj_tuple(args: u64, n: u64, _: u64, out: *mut u64) -> u32 {
    with_room(|vm| {
        let a = unsafe { wide(args, n) };
        let Some((&count, items)) = a.split_first() else { return 1 };
        let Some(items) = items.get(..count as usize) else { return 1 };
        let items: Vec<PyObjectRef> = items.iter().map(|x| unsafe { obj(*x) }.to_owned()).collect();
        give(Ok(vm.ctx.new_tuple(items).into()), out)
    })
}

/// `format(o, spec)` (spec 0: `format(o)`).
unsafe extern "C" fn obj_format(o: u64, spec: u64, flags: u64, out: *mut u64) -> u32 {
    with_room(|vm| {
        let o = unsafe { obj(o) };
        if !allowed(flags, &[o], false, vm) {
            return 1;
        }
        let spec = match spec {
            0 => vm.ctx.new_str(""),
            s => match unsafe { obj(s) }.to_owned().downcast::<PyStr>() {
                Ok(s) => s,
                Err(_) => return 1,
            },
        };
        give_flagged(vm.format(o, spec).map(Into::into), flags, out)
    })
}

/// `str(o)`, `repr(o)` or `ascii(o)` by number (1-3), with flags.
unsafe extern "C" fn obj_convert(o: u64, k: u64, _: u64, out: *mut u64) -> u32 {
    with_room(|vm| {
        let o = unsafe { obj(o) };
        if !allowed(k, &[o], false, vm) {
            return 1;
        }
        let r: PyResult<PyObjectRef> = match k & 0xff {
            1 => o.str(vm).map(Into::into),
            2 => o.repr(vm).map(Into::into),
            _ => o.ascii(vm).map(Into::into),
        };
        give_flagged(r, k, out)
    })
}

/// The strs given, joined.
unsafe extern "C" fn obj_build_string(args: u64, n: u64, _: u64, out: *mut u64) -> u32 {
    with_room(|vm| {
        let a = unsafe { wide(args, n) };
        let Some((&count, items)) = a.split_first() else { return 1 };
        let Some(items) = items.get(..count as usize) else { return 1 };
        let mut s = String::new();
        for x in items {
            let Some(part) = unsafe { obj(*x) }.downcast_ref::<PyStr>() else { return 1 };
            match part.to_str() {
                Some(p) => s.push_str(p),
                None => return 1,
            }
        }
        give(Ok(vm.ctx.new_str(s).into()), out)
    })
}

/// Item `k` of a tuple the run holds, held by the run too (the loop may
/// carry the item and drop the tuple).
unsafe extern "C" fn obj_tuple_item(t: u64, k: u64, _: u64, out: *mut u64) -> u32 {
    let t = unsafe { obj(t) };
    match t.downcast_ref::<PyTuple>().and_then(|t| t.as_slice().get(k as usize).cloned()) {
        Some(x) => answer(Some(arena::keep_done(x)), out),
        None => 1,
    }
}

unsafe extern "C" fn obj_iter(o: u64, _: u64, _: u64, out: *mut u64) -> u32 {
    with_room(|vm| give(unsafe { obj(o) }.get_iter(vm).map(PyObjectRef::from), out))
}

/// `next(it)`: the item, or 0 once the iterator is exhausted.
unsafe extern "C" fn obj_next(it: u64, _: u64, _: u64, out: *mut u64) -> u32 {
    with_room(|vm| match PyIter::new(unsafe { obj(it) }).next(vm) {
        Ok(PyIterReturn::Return(v)) => answer(Some(arena::keep_done(v)), out),
        Ok(PyIterReturn::StopIteration(_)) => answer(Some(0), out),
        Err(e) => raised(e),
    })
}

unsafe extern "C" fn obj_contains(item: u64, container: u64, flags: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let (item, container) = unsafe { (obj(item), obj(container)) };
    if !allowed(flags, &[item, container], true, vm) {
        return 1;
    }
    match vm._contains(container, item) {
        Ok(b) => answer(Some(b as u64), out),
        Err(e) => failed(flags, e),
    }
}

/// A number of type `ty` boxed as the interpreter boxes it.
unsafe fn obj_box(bits: u64, out: *mut u64, ty: Type) -> u32 {
    with_room(|vm| answer(Some(arena::keep_done(boxed(bits, ty, vm))), out))
}

/// The value of an object that is exactly a number of type `ty`.
unsafe fn obj_unbox(o: u64, out: *mut u64, ty: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    answer(unbox(unsafe { obj(o) }, ty, vm), out)
}

macro_rules! typed {
    ($bx:ident, $ub:ident, $ty:expr) => {
        unsafe extern "C" fn $bx(bits: u64, _: u64, _: u64, out: *mut u64) -> u32 {
            unsafe { obj_box(bits, out, $ty) }
        }
        unsafe extern "C" fn $ub(o: u64, _: u64, _: u64, out: *mut u64) -> u32 {
            unsafe { obj_unbox(o, out, $ty) }
        }
    };
}

typed!(box_i64, unbox_i64, Type::I64);
typed!(box_f64, unbox_f64, Type::F64);
typed!(box_bool, unbox_bool, Type::Bool);

pub(super) fn register(t: &mut RuntimeTable) {
    t.insert(RtFn::ObjAttr, obj_attr);
    t.insert(RtFn::ObjSuperAttr, obj_super_attr);
    t.insert(RtFn::ObjSetAttr, obj_set_attr);
    t.insert(RtFn::ObjBinary, obj_binary);
    t.insert(RtFn::ObjCompare, obj_compare);
    t.insert(RtFn::ObjTruth, obj_truth);
    t.insert(RtFn::ObjCall, obj_call);
    t.insert(RtFn::ObjSubscr, obj_subscr);
    t.insert(RtFn::ObjSetSubscr, obj_set_subscr);
    t.insert(RtFn::ObjIter, obj_iter);
    t.insert(RtFn::ObjNext, obj_next);
    t.insert(RtFn::ObjContains, obj_contains);
    t.insert(RtFn::ObjHold, obj_hold);
    t.insert(RtFn::ObjUnpack, obj_unpack);
    t.insert(RtFn::ObjTupleItem, obj_tuple_item);
    t.insert(RtFn::ObjTuple, obj_tuple);
    t.insert(RtFn::ObjFormat, obj_format);
    t.insert(RtFn::ObjConvert, obj_convert);
    t.insert(RtFn::ObjBuildString, obj_build_string);
    for (ty, bx, ub) in [
        (Type::I64, box_i64 as RtEntry, unbox_i64 as RtEntry),
        (Type::F64, box_f64, unbox_f64),
        (Type::Bool, box_bool, unbox_bool),
    ] {
        t.insert(RtFn::ObjBox(ty), bx);
        t.insert(RtFn::ObjUnbox(ty), ub);
    }
}
