//! Dicts: `d[k]`, `d[k] = v`, `k in d` and `len(d)` of exact dicts whose
//! keys are numbers or str constants and whose values are numbers.

use super::abi::{answer, boxed, is_number, unbox, vm};
use pyjit_ir::{RtEntry, RtFn, RuntimeTable, Type};
use rustpython_vm::{PyObject, PyObjectRef, VirtualMachine};

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

pub(super) fn register(t: &mut RuntimeTable) {
    t.insert(RtFn::DictLen, dict_len);
    for f in RtFn::all() {
        if let Some(e) = dict_entry(f) {
            t.insert(f, e);
        }
    }
}
