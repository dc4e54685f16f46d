//! Instances of plain classes: making one (`object.__new__`), reading and
//! writing the attributes in its dict, and its `__slots__` members.

use super::abi::{answer, boxed, float_in_place, is_number, kept, unbox, vm};
use pyjit_ir::{RtEntry, RtFn, RuntimeTable, Type};
use rustpython_vm::{PyObject, PyObjectRef};

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

/// # Safety
/// `obj` and `name` are the addresses of a live object and a str.
unsafe fn obj_and_name<'a>(obj: u64, name: u64) -> (&'a PyObject, &'a PyObject) {
    unsafe { (&*(obj as usize as *const PyObject), &*(name as usize as *const PyObject)) }
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

pub(super) fn register(t: &mut RuntimeTable) {
    t.insert(RtFn::NewInstance, new_instance);
    t.insert(RtFn::AttrAbsent, attr_absent);
    t.insert(RtFn::AttrGet(Type::I64), attr_get_i64);
    t.insert(RtFn::AttrSet(Type::I64), attr_set_i64);
    t.insert(RtFn::AttrGet(Type::F64), attr_get_f64);
    t.insert(RtFn::AttrSet(Type::F64), attr_set_f64);
    t.insert(RtFn::AttrGet(Type::Bool), attr_get_bool);
    t.insert(RtFn::AttrSet(Type::Bool), attr_set_bool);
    t.insert(RtFn::AttrSetObj, attr_set_obj);
    for (ty, get, set) in [
        (Type::I64, member_get_i64 as RtEntry, member_set_i64 as RtEntry),
        (Type::F64, member_get_f64, member_set_f64),
        (Type::Bool, member_get_bool, member_set_bool),
    ] {
        t.insert(RtFn::MemberGet(ty), get);
        t.insert(RtFn::MemberSet(ty), set);
    }
}
