//! What every runtime entry point shares: the VM of the native run
//! (`with_vm`, `vm`), handing a result back (`answer`, `kept` for a new
//! object, which the run's arena holds), reading wide arguments (`wide`),
//! and numbers boxed and unboxed exactly as the interpreter makes them.

use crate::layout::{addr, layout};
use pyjit_ir::Type;
use rustpython_vm::builtins::{PyFloat, PyInt};
use rustpython_vm::{AsObject, PyObject, PyObjectRef, VirtualMachine};
use std::cell::Cell;

thread_local! {
    /// The VM running native code on this thread (set by the bridge around
    /// each native run): helpers box values through it.
    static VM: Cell<*const VirtualMachine> = const { Cell::new(std::ptr::null()) };
}

/// A helper's new object `r` into the arena and its address into `out`
/// (status 1, an exit, without one or with the arena full).
pub(super) fn kept(r: Option<PyObjectRef>, out: *mut u64) -> u32 {
    answer(r.and_then(crate::memory::arena::keep), out)
}

/// A helper's result: its bits into `out` (status 0), or status 1 (an
/// exit) without one.
pub(super) fn answer(r: Option<u64>, out: *mut u64) -> u32 {
    match r {
        Some(bits) => {
            // SAFETY: the result slot compiled code passes.
            unsafe { *out = bits };
            0
        }
        None => 1,
    }
}

/// The arguments of a wide call (`pyjit_ir::RT_ARG_SLOTS`): its array
/// and length.
pub(super) unsafe fn wide<'a>(args: u64, n: u64) -> &'a [u64] {
    // SAFETY: compiled code passes its argument array and its length.
    unsafe { std::slice::from_raw_parts(args as usize as *const u64, n as usize) }
}

/// Runs `f` with `vm` reachable from the helpers.
pub(crate) fn with_vm<R>(vm: &VirtualMachine, f: impl FnOnce() -> R) -> R {
    let old = VM.with(|c| c.replace(vm as *const VirtualMachine));
    let r = f();
    VM.with(|c| c.set(old));
    r
}

pub(super) fn vm() -> Option<&'static VirtualMachine> {
    let p = VM.with(|c| c.get());
    // SAFETY: set by `with_vm` for the duration of a native run, which is
    // when helpers run.
    (!p.is_null()).then(|| unsafe { &*p })
}

/// Whether `o` is exactly an int, a float or a bool (no `__del__`, no
/// reference to anything compiled code holds).
pub(super) fn is_number(o: &PyObject, vm: &VirtualMachine) -> bool {
    [vm.ctx.types.int_type, vm.ctx.types.float_type, vm.ctx.types.bool_type].iter().any(|t| o.class().is(*t))
}

/// The bits of `o` if its class is exactly `ty`'s.
pub(super) fn unbox(o: &PyObject, ty: Type, vm: &VirtualMachine) -> Option<u64> {
    let cls = o.class();
    match ty {
        Type::F64 if cls.is(vm.ctx.types.float_type) => Some(o.downcast_ref::<PyFloat>()?.to_f64().to_bits()),
        Type::I64 if cls.is(vm.ctx.types.int_type) => Some(i64::try_from(o.downcast_ref::<PyInt>()?.as_bigint()).ok()? as u64),
        Type::Bool if cls.is(vm.ctx.types.bool_type) => Some(o.is(&vm.ctx.true_value) as u64),
        _ => None,
    }
}

pub(super) fn boxed(bits: u64, ty: Type, vm: &VirtualMachine) -> PyObjectRef {
    match ty {
        Type::F64 => vm.ctx.new_float(f64::from_bits(bits)).into(),
        Type::I64 => vm.ctx.new_int(bits as i64).into(),
        Type::Bool => vm.ctx.new_bool(bits != 0).into(),
    }
}

/// Writes the float bits `x` into `old` if it is a float held by exactly
/// `holders` references (the container's, and any the caller has): nothing
/// can tell the old object with a new value from a new object (floats have
/// no weak references and are not tracked by the collector), so nothing is
/// allocated. Whether it did.
pub(super) fn float_in_place(old: &PyObject, holders: usize, x: u64, vm: &VirtualMachine) -> bool {
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
