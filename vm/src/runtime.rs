//! The runtime compiled code calls into (`pyjit_ir::RtFn`): list access.
//!
//! Each function has `RtEntry`'s signature: arguments as bits, the result's
//! bits through `out`, status 0 for done and 1 where Python would do
//! something else (an index out of range raises, an element of another
//! type is another path): compiled code then leaves through the call's exit
//! and the interpreter does it. A list argument is the address of a list
//! object the trace checked at entry and holds for the whole run.

use pyjit_ir::{RtFn, Type, register_runtime};
use pyjit_tracer::ObjLayout;
use rustpython_vm::builtins::{PyFloat, PyInt, PyList};
use rustpython_vm::{AsObject, PyObject, PyObjectRef, VirtualMachine};
use std::cell::Cell;

thread_local! {
    /// The VM running native code on this thread (set by the bridge around
    /// each native run): helpers box values through it.
    static VM: Cell<*const VirtualMachine> = const { Cell::new(std::ptr::null()) };
}

/// Runs `f` with `vm` reachable from the helpers.
pub(crate) fn with_vm<R>(vm: &VirtualMachine, f: impl FnOnce() -> R) -> R {
    let old = VM.with(|c| c.replace(vm as *const VirtualMachine));
    let r = f();
    VM.with(|c| c.set(old));
    r
}

fn vm() -> Option<&'static VirtualMachine> {
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
    match unbox(&v[j], ty, vm) {
        Some(bits) => {
            unsafe { *out = bits };
            0
        }
        None => 1,
    }
}

unsafe fn set(obj: u64, i: u64, x: u64, ty: Type) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let l = unsafe { list(obj) };
    // A float over a float only this list holds: nothing can tell the old
    // object with a new value from a new object (floats have no weak
    // references and are not tracked by the collector), so the value is
    // written in place and nothing is allocated. The interpreter is
    // suspended at the loop's back-edge and holds no borrow of it.
    if ty == Type::F64
        && let Some(layout) = layout(vm)
    {
        let v = l.borrow_vec();
        let Some(j) = index(i as i64, v.len()) else { return 1 };
        let old = &v[j];
        if old.class().is(vm.ctx.types.float_type) && old.strong_count() == 1 {
            let at = addr(old.as_object()) + layout.float_value as usize;
            unsafe { (at as *mut f64).write(f64::from_bits(x)) };
            return 0;
        }
    }
    let new = boxed(x, ty, vm);
    let mut v = l.borrow_vec_mut();
    let Some(j) = index(i as i64, v.len()) else { return 1 };
    // A list element is left to the interpreter: compiled code may hold
    // the address of a row it read from this list.
    if v[j].class().is(vm.ctx.types.list_type) {
        return 1;
    }
    // The old element is dropped after the lock (its finalizer may run code).
    let old = std::mem::replace(&mut v[j], new);
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
    match unbox(o, Type::I64, vm) {
        Some(bits) => {
            unsafe { *out = bits };
            0
        }
        None => 1,
    }
}

macro_rules! typed {
    ($get:ident, $set:ident, $append:ident, $ty:expr) => {
        unsafe extern "C" fn $get(obj: u64, i: u64, _: u64, out: *mut u64) -> u32 {
            unsafe { get(obj, i, out, $ty) }
        }
        unsafe extern "C" fn $set(obj: u64, i: u64, x: u64, _: *mut u64) -> u32 {
            unsafe { set(obj, i, x, $ty) }
        }
        unsafe extern "C" fn $append(obj: u64, x: u64, _: u64, _: *mut u64) -> u32 {
            unsafe { append(obj, x, $ty) }
        }
    };
}
typed!(get_i64, set_i64, append_i64, Type::I64);
typed!(get_f64, set_f64, append_f64, Type::F64);
typed!(get_bool, set_bool, append_bool, Type::Bool);

/// Where RustPython keeps a list's elements, an object's class and a
/// float's value, measured on live objects rather than assumed (the Rust
/// layout of `Vec` and of the lock around it is not specified). Each offset
/// must be found exactly once and then hold on objects of other sizes;
/// anything unexpected gives `None`, and compiled code calls the runtime.
pub(crate) fn layout(vm: &VirtualMachine) -> Option<ObjLayout> {
    use std::sync::OnceLock;
    // The type objects are the VM's statics: one answer per process.
    static LAYOUT: OnceLock<Option<ObjLayout>> = OnceLock::new();
    *LAYOUT.get_or_init(|| measure(vm))
}

fn addr<T: ?Sized>(r: &T) -> usize {
    r as *const T as *const u8 as usize
}

/// The offsets in `0..end` (multiples of 8) of `base` holding `word`.
fn find_word(base: usize, end: usize, word: u64) -> Vec<usize> {
    (0..end / 8)
        .map(|k| k * 8)
        // SAFETY: the caller passes a live object and an end inside it.
        .filter(|off| unsafe { ((base + off) as *const u64).read_unaligned() } == word)
        .collect()
}

fn read_word(base: usize, off: usize) -> u64 {
    // SAFETY: offsets measured inside live objects of the same type.
    unsafe { ((base + off) as *const u64).read_unaligned() }
}

fn measure(vm: &VirtualMachine) -> Option<ObjLayout> {
    let types = &vm.ctx.types;
    let f = vm.ctx.new_float(-1234.5678e-9);
    let f_obj = addr(f.as_object());
    // PyRef -> Py<PyFloat> -> the payload, whose one field is the f64.
    let payload: &PyFloat = &f;
    let f_val = addr(payload) - f_obj;
    let class = match find_word(f_obj, f_val, addr(types.float_type) as u64)[..] {
        [c] => c,
        _ => return None,
    };
    if read_word(f_obj, f_val) != (-1234.5678e-9f64).to_bits() {
        return None;
    }
    // Lists with capacity != length, so the two words differ.
    let mk = |n: usize| {
        let mut v = Vec::with_capacity(n * 2 + 3);
        v.extend((0..n).map(|i| vm.ctx.new_float(i as f64).into()));
        vm.ctx.new_list(v)
    };
    // The element pointer and the length: the words of a list object
    // that hold them, for two lists of different lengths.
    let size = std::mem::size_of::<rustpython_vm::Py<PyList>>();
    let lists = [mk(3), mk(17)];
    let found = |want: &dyn Fn(&[PyObjectRef]) -> u64| -> Option<usize> {
        let mut offs: Option<Vec<usize>> = None;
        for l in &lists {
            let g = l.borrow_vec();
            let here = find_word(addr(l.as_object()), size, want(&g));
            offs = Some(match offs {
                None => here,
                Some(o) => o.into_iter().filter(|x| here.contains(x)).collect(),
            });
        }
        match offs?[..] {
            [o] => Some(o),
            _ => None,
        }
    };
    let items = found(&|v| v.as_ptr() as u64)?;
    let len = found(&|v| v.len() as u64)?;
    if !lists.iter().all(|l| read_word(addr(l.as_object()), class) == addr(types.list_type) as u64) {
        return None;
    }
    // The reference count: the one word of a float that moves by one with
    // one more reference.
    let one: PyObjectRef = vm.ctx.new_float(0.25).into();
    let before: Vec<u64> = (0..f_val / 8).map(|k| read_word(addr(&*one), k * 8)).collect();
    let two = one.clone();
    let changed: Vec<usize> = (0..f_val / 8).filter(|k| read_word(addr(&*one), k * 8) == before[*k] + 1).collect();
    drop(two);
    let [rc_word] = changed[..] else { return None };
    let refcount = rc_word * 8;
    if one.strong_count() != 1 || read_word(addr(&*one), refcount) != before[rc_word] {
        return None;
    }
    let t = vm.ctx.true_value.clone();
    if read_word(addr(t.as_object()), class) != addr(types.bool_type) as u64 {
        return None;
    }
    Some(ObjLayout {
        class: class as i64,
        list_items: items as i64,
        list_len: len as i64,
        float_value: f_val as i64,
        float_type: addr(types.float_type) as u64,
        bool_type: addr(types.bool_type) as u64,
        list_type: addr(types.list_type) as u64,
        int_type: addr(types.int_type) as u64,
        true_obj: addr(t.as_object()) as u64,
        false_obj: addr(vm.ctx.false_value.as_object()) as u64,
        // PEP 683: an immortal object reports CPython's immortal count.
        immortal_bools: [&vm.ctx.true_value, &vm.ctx.false_value].iter().all(|o| o.as_object().strong_count() == u32::MAX as usize),
        refcount: refcount as i64,
        refcount_one: before[rc_word],
    })
}

/// Registers every helper with the IR (for codegen and the interpreter).
pub(crate) fn register() {
    register_runtime(RtFn::ListLen, list_len);
    register_runtime(RtFn::UnboxInt, unbox_int);
    register_runtime(RtFn::ListGet(Type::I64), get_i64);
    register_runtime(RtFn::ListSet(Type::I64), set_i64);
    register_runtime(RtFn::ListAppend(Type::I64), append_i64);
    register_runtime(RtFn::ListGet(Type::F64), get_f64);
    register_runtime(RtFn::ListSet(Type::F64), set_f64);
    register_runtime(RtFn::ListAppend(Type::F64), append_f64);
    register_runtime(RtFn::ListGet(Type::Bool), get_bool);
    register_runtime(RtFn::ListSet(Type::Bool), set_bool);
    register_runtime(RtFn::ListAppend(Type::Bool), append_bool);
}
