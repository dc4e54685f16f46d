//! Arrays compiled code keeps as plain buffers (`RtFn::BufFull` and kin):
//! no array object, only C-contiguous elements in a scratch arena that a
//! native run bump-allocates and drops with its objects (at `ArenaReset`
//! and when the run ends). An exit that holds such an array makes the
//! object from a copy (`SnapValue::ArrBuf`), as does code that needs one
//! (`RtFn::BufBox`).

use pyjit_arrays::DType;
use pyjit_arrays::ops::{MatRef, matmul_f64, matmul_i64};
use crate::runtime::wide;
use std::cell::{Cell, RefCell};

/// Words (8 bytes) in one chunk of the arena.
const CHUNK_WORDS: usize = 1 << 15;
/// Bytes one thread's runs may hold at once; past it an allocation exits
/// (the interpreter makes the array) and the loop enters again afresh.
const SCRATCH_LIMIT: usize = 1 << 26;

/// A bump position: the chunk, the next free address in it and its end
/// (a next of 0: the chunk is not made yet).
pub(crate) type Mark = (usize, usize, usize);

thread_local! {
    /// The chunks (only the slow path touches them).
    static CHUNKS: RefCell<Vec<Vec<u64>>> = const { RefCell::new(Vec::new()) };
    /// Where the next allocation goes, and where the running native run's
    /// part starts (plain cells: allocating and resetting are on the hot
    /// path of every iteration that makes an array).
    static AT: Cell<Mark> = const { Cell::new((0, 0, 0)) };
    static BASE: Cell<Mark> = const { Cell::new((0, 0, 0)) };
}

/// Starts a native run's part; the mark goes to `release`.
pub(crate) fn mark() -> (Mark, Mark) {
    let at = AT.with(Cell::get);
    (at, BASE.with(|b| b.replace(at)))
}

/// Ends the run that `mark` started: what it allocated is free again.
pub(crate) fn release(m: (Mark, Mark)) {
    AT.with(|a| a.set(m.0));
    BASE.with(|b| b.set(m.1));
}

/// Frees what the running native run allocated (a back-edge that carries
/// none of it round).
pub(crate) fn reset() {
    AT.with(|a| a.set(BASE.with(Cell::get)));
}

/// `bytes` of 8-byte-aligned scratch memory, or None past the limit.
fn alloc(bytes: usize) -> Option<*mut u8> {
    let need = bytes.div_ceil(8) * 8;
    let (c, next, end) = AT.with(Cell::get);
    if next != 0 && end - next >= need {
        AT.with(|a| a.set((c, next + need, end)));
        return Some(next as *mut u8);
    }
    // The next chunk (or this one, not made yet), made or made larger
    // as needed: nothing past the position is in use.
    let c = if next == 0 { c } else { c + 1 };
    let words = need / 8;
    CHUNKS.with(|chunks| {
        let mut chunks = chunks.borrow_mut();
        let held: usize = chunks.iter().map(Vec::len).sum::<usize>() * 8;
        if c >= chunks.len() {
            let len = words.max(CHUNK_WORDS);
            if held + len * 8 > SCRATCH_LIMIT {
                return None;
            }
            chunks.push(vec![0; len]);
        } else if chunks[c].len() < words {
            if held + words * 8 > SCRATCH_LIMIT {
                return None;
            }
            chunks[c] = vec![0; words];
        }
        let start = chunks[c].as_mut_ptr() as usize;
        AT.with(|a| a.set((c, start + need, start + chunks[c].len() * 8)));
        Some(start as *mut u8)
    })
}

/// The elements of a `dtype` buffer of `n` elements, filled by `fill`
/// (given the element's bits as an f64, i64 or byte slice).
fn buffer(dtype: DType, n: usize, fill: impl FnOnce(Elems<'_>)) -> Option<u64> {
    let p = alloc(n.checked_mul(dtype.itemsize())?)?;
    // SAFETY: `alloc` gave room for `n` elements, aligned for 8 bytes.
    unsafe {
        match dtype {
            DType::Float64 => fill(Elems::F64(std::slice::from_raw_parts_mut(p.cast(), n))),
            DType::Int64 => fill(Elems::I64(std::slice::from_raw_parts_mut(p.cast(), n))),
            DType::Bool => fill(Elems::Bool(std::slice::from_raw_parts_mut(p, n))),
            _ => return None,
        }
    }
    Some(p as u64)
}

enum Elems<'a> {
    F64(&'a mut [f64]),
    I64(&'a mut [i64]),
    Bool(&'a mut [u8]),
}

impl Elems<'_> {
    /// Every element set to the number `x` (bits of a float, int or bool
    /// as `ty` says), converted as numpy stores it.
    fn fill(self, x: u64, ty: pyjit_ir::Type) {
        use pyjit_ir::Type;
        let (f, i) = match ty {
            Type::F64 => (f64::from_bits(x), f64::from_bits(x) as i64),
            Type::I64 => (x as i64 as f64, x as i64),
            Type::Bool => ((x != 0) as u8 as f64, (x != 0) as i64),
        };
        match self {
            Elems::F64(v) => v.fill(f),
            Elems::I64(v) => v.fill(i),
            Elems::Bool(v) => v.fill((f != 0.0) as u8),
        }
    }
}

/// `np.array([x] * n)` / `np.array([[x] * n])` into a buffer.
unsafe fn buf_full(x: u64, n: u64, want: u64, out: *mut u64, ty: pyjit_ir::Type) -> u32 {
    let Some(a) = pyjit_ir::ArrayWant::unpack(want & 0xffff) else { return 1 };
    let n = n as i64;
    if n < 1 {
        return 1;
    }
    let dtype = crate::dtype::dtype_of(a.mem);
    crate::runtime::answer(buffer(dtype, n as usize, |e| e.fill(x, ty)), out)
}

macro_rules! full_typed {
    ($name:ident, $ty:expr) => {
        pub(crate) unsafe extern "C" fn $name(x: u64, n: u64, want: u64, out: *mut u64) -> u32 {
            unsafe { buf_full(x, n, want, out, $ty) }
        }
    };
}
full_typed!(buf_full_i64, pyjit_ir::Type::I64);
full_typed!(buf_full_f64, pyjit_ir::Type::F64);
full_typed!(buf_full_bool, pyjit_ir::Type::Bool);

/// `np.zeros((d0, d1))`, `np.ones` (bit 16 of `want`) or `np.empty` (as
/// zeros) into a buffer; a negative size exits (the interpreter raises).
pub(crate) unsafe extern "C" fn buf_filled(d0: u64, d1: u64, want: u64, out: *mut u64) -> u32 {
    let Some(a) = pyjit_ir::ArrayWant::unpack(want & 0xffff) else { return 1 };
    let dims: &[u64] = if a.ndim == 2 { &[d0, d1] } else { &[d0] };
    let Some(n) = dims.iter().try_fold(1usize, |n, d| n.checked_mul(usize::try_from(*d as i64).ok()?)) else { return 1 };
    let one = want >> 16 & 1;
    let r = buffer(crate::dtype::dtype_of(a.mem), n, |e| e.fill(one, pyjit_ir::Type::I64));
    crate::runtime::answer(r, out)
}

/// `a @ b` into a buffer (`RtFn::BufMatmul`'s wide arguments).
pub(crate) unsafe extern "C" fn buf_matmul(args: u64, n: u64, _: u64, out: *mut u64) -> u32 {
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
    crate::runtime::answer(r, out)
}

/// An array object made from a buffer (`RtFn::BufBox`'s wide arguments).
pub(crate) unsafe extern "C" fn buf_box(args: u64, n: u64, _: u64, out: *mut u64) -> u32 {
    let Some(vm) = crate::runtime::vm() else { return 1 };
    let &[data, d0, d1, want] = (unsafe { wide(args, n) }) else { return 1 };
    let Some(a) = pyjit_ir::ArrayWant::unpack(want & 0xffff) else { return 1 };
    let shape: &[u64] = if a.ndim == 2 { &[d0, d1] } else { &[d0] };
    // SAFETY: a buffer of this layout compiled code holds.
    let o = unsafe { boxed(data, a.mem, shape, vm) };
    crate::runtime::kept(o, out)
}

/// An array object of a copy of the buffer at `data` (of `mem`, C order,
/// of `shape`).
///
/// # Safety
/// `data` holds that many elements.
pub(crate) unsafe fn boxed(data: u64, mem: pyjit_ir::MemTy, shape: &[u64], vm: &rustpython_vm::VirtualMachine) -> Option<rustpython_vm::PyObjectRef> {
    use pyjit_arrays::Storage;
    let shape: Vec<usize> = shape.iter().map(|d| *d as usize).collect();
    let n: usize = shape.iter().product();
    // SAFETY: as the caller says.
    let st = unsafe {
        match mem {
            pyjit_ir::MemTy::F64 => Storage::Float64(std::slice::from_raw_parts(data as usize as *const f64, n).to_vec()),
            pyjit_ir::MemTy::I64 => Storage::Int64(std::slice::from_raw_parts(data as usize as *const i64, n).to_vec()),
            pyjit_ir::MemTy::Bool => Storage::Bool(std::slice::from_raw_parts(data as usize as *const u8, n).iter().map(|b| *b != 0).collect()),
            _ => return None,
        }
    };
    crate::numpy::made_from_storage(st, shape, vm)
}
