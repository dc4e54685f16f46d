//! The objects a native run makes (lists, instances, arrays, slices):
//! held here, by address, until the run has left and its exit holds what
//! it needs, so compiled code works with plain addresses and never counts
//! references. Each run uses the part past its mark (a run can start
//! inside another's runtime call).

use rustpython_vm::{PyObject, PyObjectRef};
use std::cell::{Cell, RefCell};

thread_local! {
    static ARENA: RefCell<Vec<PyObjectRef>> = const { RefCell::new(Vec::new()) };
    static ARENA_BASE: Cell<usize> = const { Cell::new(0) };
    /// What a release moves out of the arena to drop (outside its borrow),
    /// kept between releases so that one allocates nothing.
    static SPARE: Cell<Vec<PyObjectRef>> = const { Cell::new(Vec::new()) };
}

/// Moves what `take` takes out of the arena into a spare vector and drops
/// it there, outside the arena's borrow (freeing a list frees its
/// elements, and a `__del__` may run compiled code that uses the arena).
fn drop_out(take: impl FnOnce(&mut Vec<PyObjectRef>, &mut Vec<PyObjectRef>)) {
    let mut out = SPARE.take();
    ARENA.with(|a| take(&mut a.borrow_mut(), &mut out));
    out.clear();
    SPARE.set(out);
}

/// Objects one native run may hold in the arena; the next allocation then
/// exits (the interpreter makes it) and the loop enters again afresh, so a
/// loop that makes a list per iteration runs in bounded memory.
const ARENA_LIMIT: usize = 256;

/// The arena's length at a run's start, and the base of the run before.
pub(crate) type Mark = (usize, usize);

/// Starts a native run's part; the mark goes to `release`.
pub(crate) fn mark() -> Mark {
    let len = ARENA.with(|a| a.borrow().len());
    (len, ARENA_BASE.with(|b| b.replace(len)))
}

/// Drops what the run since `mark` made.
pub(crate) fn release(mark: Mark) {
    drop_out(|a, out| out.extend(a.drain(mark.0.min(a.len())..)));
    ARENA_BASE.with(|b| b.set(mark.1));
}

/// Keeps `o` alive for the run: its address, or `None` when the run holds
/// its limit.
pub(crate) fn keep(o: PyObjectRef) -> Option<u64> {
    let base = ARENA_BASE.with(|b| b.get());
    ARENA.with(|a| {
        let mut a = a.borrow_mut();
        if a.len() - base >= ARENA_LIMIT {
            return None;
        }
        let at = addr(&o);
        a.push(o);
        Some(at)
    })
}

/// Whether the run may keep another object (object mode checks before an
/// operation, which must not be left half done).
pub(crate) fn has_room() -> bool {
    let base = ARENA_BASE.with(|b| b.get());
    ARENA.with(|a| a.borrow().len() - base < ARENA_LIMIT)
}

/// Keeps `o` alive for the run whatever it holds already (the result of an
/// operation done, checked with `has_room` before it): its address.
pub(crate) fn keep_done(o: PyObjectRef) -> u64 {
    let at = addr(&o);
    ARENA.with(|a| a.borrow_mut().push(o));
    at
}

/// Drops what the running run made so far but for the objects at `roots`.
pub(crate) fn drop_except(roots: &[u64]) {
    let base = ARENA_BASE.with(|b| b.get());
    drop_out(|a, out| {
        // One reference to each root moves to the front of the run's
        // part, in order: the others are dropped too (an object the loop
        // holds across iterations, kept again by each call that hands it
        // to the VM, would otherwise fill the arena).
        let mut kept = base;
        let mut seen = 0u64;
        for i in base..a.len() {
            let Some(k) = roots.iter().position(|&r| r == addr(&a[i])) else { continue };
            let bit = 1u64 << (k % 64);
            if k >= 64 || seen & bit == 0 {
                seen |= bit;
                a.swap(kept, i);
                kept += 1;
            }
        }
        out.extend(a.drain(kept.min(a.len())..));
    });
}

/// The address compiled code knows `o` by.
fn addr(o: &PyObjectRef) -> u64 {
    &**o as *const PyObject as usize as u64
}
