//! Lists: element access of each number type, appends, slices, the list
//! methods compiled code calls, and new lists (`[x] * n`, `a + b`).

use super::abi::{answer, boxed, float_in_place, is_number, kept, unbox, vm, wide};
use pyjit_ir::{RtEntry, RtFn, RuntimeTable, Type};
use rustpython_vm::builtins::{PyList, PySlice};
use rustpython_vm::{AsObject, PyObject, PyObjectRef, PyPayload, VirtualMachine};

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
    kept(Some(slice_obj((start as i64, stop as i64, step as i64), vm)), out)
}

/// `o` as a list, if it is exactly one (a subclass may slice otherwise).
fn exact_list<'a>(o: &'a PyObject, vm: &VirtualMachine) -> Option<&'a rustpython_vm::Py<PyList>> {
    o.class().is(vm.ctx.types.list_type).then(|| o.downcast_ref::<PyList>()).flatten()
}

/// Python's slice bounds for a sequence of `len` (CPython's
/// `PySlice_AdjustIndices`): the first index, the step and how many
/// elements; None for a zero step.
fn adjust(len: usize, (start, stop, step): (i64, i64, i64)) -> Option<(i64, i64, usize)> {
    if step == 0 {
        return None;
    }
    let n = len as i64;
    let clamp = |x: i64| {
        if x < 0 {
            let x = x.saturating_add(n);
            if x < 0 { if step < 0 { -1 } else { 0 } } else { x }
        } else if x >= n {
            if step < 0 { n - 1 } else { n }
        } else {
            x
        }
    };
    let (start, stop) = (clamp(start), clamp(stop));
    let count = if step < 0 {
        if stop < start { (start - stop - 1) / -step + 1 } else { 0 }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Some((start, step, count as usize))
}

/// A slice object of these ints.
pub(crate) fn slice_obj((start, stop, step): (i64, i64, i64), vm: &VirtualMachine) -> PyObjectRef {
    let int = |x: i64| -> PyObjectRef { vm.ctx.new_int(x).into() };
    PySlice { start: Some(int(start)), stop: int(stop), step: Some(int(step)) }.into_ref(&vm.ctx).into()
}

/// `lst[start:stop:step]` (wide: the list and the slice's ints): a new list
/// of the elements the slice names (a zero step raises: an exit).
unsafe extern "C" fn list_get_slice(args: u64, n: u64, _: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let &[obj, start, stop, step] = (unsafe { wide(args, n) }) else { return 1 };
    let ints = (start as i64, stop as i64, step as i64);
    // SAFETY: a list compiled code holds.
    let l = unsafe { &*(obj as usize as *const PyObject) };
    if let Some(list) = exact_list(l, vm) {
        let v = list.borrow_vec();
        let Some((start, step, count)) = adjust(v.len(), ints) else { return 1 };
        let items: Vec<PyObjectRef> = if step == 1 {
            v[start as usize..start as usize + count].to_vec()
        } else {
            (0..count as i64).map(|k| v[(start + k * step) as usize].clone()).collect()
        };
        drop(v);
        return kept(Some(vm.ctx.new_list(items).into()), out);
    }
    kept(l.get_item(&*slice_obj(ints, vm), vm).ok(), out)
}

/// `lst[s] = other`, where `lst` holds only numbers (compiled code may hold
/// the address of any other element it read). Errors (a zero step, an
/// extended slice of another length) leave `lst` as it was: the
/// interpreter does it again and raises.
unsafe extern "C" fn list_set_slice(args: u64, n: u64, _: u64, _: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let &[obj, start, stop, step, other] = (unsafe { wide(args, n) }) else { return 1 };
    let ints = (start as i64, stop as i64, step as i64);
    // SAFETY: a list and a list compiled code holds.
    let (target, other) = unsafe { (&*(obj as usize as *const PyObject), &*(other as usize as *const PyObject)) };
    if !unsafe { only_numbers(obj, vm) } {
        return 1;
    }
    // A plain slice from a list: the elements spliced in directly.
    if let (Some(list), Some(src), (_, _, 1)) = (exact_list(target, vm), exact_list(other, vm), ints) {
        // `other` may be `lst` itself: then copied first (its lock is the
        // one about to be taken for writing), else read in place.
        let copy = target.is(other).then(|| src.borrow_vec().to_vec());
        let held = copy.is_none().then(|| src.borrow_vec());
        let items: &[PyObjectRef] = match (&copy, &held) {
            (Some(c), _) => c,
            (None, Some(h)) => h,
            (None, None) => unreachable!("one of the two is set"),
        };
        let mut v = list.borrow_vec_mut();
        let Some((start, _, count)) = adjust(v.len(), ints) else { return 1 };
        let start = start as usize;
        // Numbers only: dropping the old ones runs no code, under the
        // locks or not. Of the same length: element by element, in place.
        if count == items.len() {
            v[start..start + count].clone_from_slice(items);
            return 0;
        }
        let old: Vec<PyObjectRef> = v.splice(start..start + count, items.iter().cloned()).collect();
        drop(v);
        drop(old);
        return 0;
    }
    target.set_item(&*slice_obj(ints, vm), other.to_owned(), vm).is_err() as u32
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

unsafe extern "C" fn list_reverse(obj: u64, _: u64, _: u64, _: *mut u64) -> u32 {
    unsafe { list(obj) }.borrow_vec_mut().reverse();
    0
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

pub(super) fn register(t: &mut RuntimeTable) {
    t.insert(RtFn::ListLen, list_len);
    t.insert(RtFn::UnboxInt, unbox_int);
    t.insert(RtFn::ListNew, list_new);
    t.insert(RtFn::ListRepeat, list_repeat);
    t.insert(RtFn::ListConcat, list_concat);
    t.insert(RtFn::ListAppendObj, list_append_obj);
    t.insert(RtFn::ListFill(Type::I64), list_fill_i64);
    t.insert(RtFn::ListFill(Type::F64), list_fill_f64);
    t.insert(RtFn::ListFill(Type::Bool), list_fill_bool);
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
    t.insert(RtFn::ListSort, list_sort);
    t.insert(RtFn::ListClear, list_clear);
    t.insert(RtFn::ListSetObj, list_set_obj);
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
}
