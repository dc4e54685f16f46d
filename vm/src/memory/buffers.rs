//! Arrays compiled code keeps as plain buffers (`RtFn::BufFull` and kin,
//! whose entry points are the runtime's): no array object, only
//! C-contiguous elements in a scratch arena that a native run
//! bump-allocates and drops with its objects (at `ArenaReset` and when the
//! run ends). An exit that holds such an array makes the object from a
//! copy (`SnapValue::ArrBuf`, `boxed`), as does code that needs one
//! (`RtFn::BufBox`).

use pyjit_arrays::DType;
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
pub(crate) fn buffer(dtype: DType, n: usize, fill: impl FnOnce(Elems<'_>)) -> Option<u64> {
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

pub(crate) enum Elems<'a> {
    F64(&'a mut [f64]),
    I64(&'a mut [i64]),
    Bool(&'a mut [u8]),
}

impl Elems<'_> {
    /// Every element set to the number `x` (bits of a float, int or bool
    /// as `ty` says), converted as numpy stores it.
    pub(crate) fn fill(self, x: u64, ty: pyjit_ir::Type) {
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
