//! numpy: making arrays, operators and ufuncs on them through the VM,
//! subscripts, array methods and attributes, numpy scalars, and arrays
//! compiled code keeps as scratch buffers (`crate::memory::buffers`).

use super::abi::{answer, boxed, kept, vm, wide};
use pyjit_arrays::dtype_of;
use crate::memory::buffers::{Elems, buffer};
use pyjit_arrays::DType;
use pyjit_arrays::ops::{MatRef, matmul_f64, matmul_i64};
use pyjit_ir::{RtEntry, RtFn, RuntimeTable, Type};
use rustpython_vm::builtins::{PyFloat, PyInt, PyStr};
use rustpython_vm::{AsObject, PyObject, PyObjectRef, VirtualMachine};

/// The dtype and dimensions a runtime call's packed argument asks for.
fn wanted(w: u64) -> Option<(pyjit_arrays::DType, usize)> {
    let a = pyjit_ir::ArrayWant::unpack(w & 0xffff)?;
    Some((dtype_of(a.mem), a.ndim as usize))
}

/// `np.array(lst, dtype)` with `ndim` dimensions.
unsafe extern "C" fn np_array(obj: u64, dtype: u64, ndim: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let Some(d) = pyjit_ir::MemTy::from_code(dtype).map(dtype_of) else { return 1 };
    // SAFETY: a list compiled code holds.
    let l = unsafe { &*(obj as usize as *const PyObject) };
    kept(crate::numpy::made_array(l, d, ndim as usize, vm), out)
}

/// `a <op> b` with an array on one side, as the interpreter computes it.
unsafe extern "C" fn np_binary(a: u64, b: u64, want: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    let Some(w) = pyjit_ir::NpBinaryWant::unpack(want) else { return 1 };
    let d = dtype_of(w.mem);
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

// ---- arrays as scratch buffers

/// `np.array([x] * n)` / `np.array([[x] * n])` into a buffer.
unsafe fn buf_full(x: u64, n: u64, want: u64, out: *mut u64, ty: pyjit_ir::Type) -> u32 {
    let Some(a) = pyjit_ir::ArrayWant::unpack(want & 0xffff) else { return 1 };
    let n = n as i64;
    if n < 1 {
        return 1;
    }
    let dtype = dtype_of(a.mem);
    answer(buffer(dtype, n as usize, |e| e.fill(x, ty)), out)
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
    let r = buffer(dtype_of(a.mem), n, |e| e.fill(one, pyjit_ir::Type::I64));
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
        pyjit_ir::MemTy::F64 => buffer(DType::Float64, size, |e| {
            if let Elems::F64(z) = e {
                unsafe { matmul_f64(mat(ad, ar, ac, ars, acs), mat(bd, br, bc, brs, bcs), z) }
            }
        }),
        pyjit_ir::MemTy::I64 => buffer(DType::Int64, size, |e| {
            if let Elems::I64(z) = e {
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

pub(super) fn register(t: &mut RuntimeTable) {
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
    t.insert(RtFn::NpSlice, np_slice);
    t.insert(RtFn::NpSetKey(Type::I64), np_set_key_i64);
    t.insert(RtFn::NpSetKey(Type::F64), np_set_key_f64);
    t.insert(RtFn::NpSetKey(Type::Bool), np_set_key_bool);
    t.insert(RtFn::BoxNp(Type::I64), box_np_i64);
    t.insert(RtFn::BoxNp(Type::F64), box_np_f64);
    t.insert(RtFn::BoxNp(Type::Bool), box_np_bool);
    t.insert(RtFn::BufFull(Type::I64), buf_full_i64);
    t.insert(RtFn::BufFull(Type::F64), buf_full_f64);
    t.insert(RtFn::BufFull(Type::Bool), buf_full_bool);
    t.insert(RtFn::BufFilled, buf_filled);
    t.insert(RtFn::BufMatmul, buf_matmul);
    t.insert(RtFn::BufBox, buf_box);
}
