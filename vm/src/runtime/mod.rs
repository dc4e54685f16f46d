//! The runtime compiled code calls into (`pyjit_ir::RtFn`): list, dict,
//! attribute and numpy operations through the VM, Python's `random`, and
//! the run's memory. One file per concern: `lists`, `dicts`, `instances`
//! (plain-class instances: making them, their attributes and slots),
//! `objects` (object mode: the VM's own operations on any object),
//! `numpy` (arrays and numpy scalars, arrays kept as scratch buffers) and
//! `random` (the Mersenne Twister of `random.Random`); `abi` holds what
//! they share. This file has the arena's own calls and `table`, which
//! hands every entry point over.
//!
//! Each function has `RtEntry`'s signature: arguments as bits, the result's
//! bits through `out`, status 0 for done and 1 where Python would do
//! something else (an index out of range raises, an element of another
//! type is another path): compiled code then leaves through the call's exit
//! and the interpreter does it. A list argument is the address of a list
//! object the trace checked at entry and holds for the whole run.

mod abi;
mod dicts;
mod instances;
mod lists;
mod numpy;
mod objects;
mod random;

use abi::wide;
use pyjit_ir::{RtFn, RuntimeTable};

pub(crate) use abi::with_vm;
pub(crate) use lists::slice_obj;
pub(crate) use objects::take_pending;

/// Drops what this run made so far (a back-edge that carries none of it).
unsafe extern "C" fn arena_reset(_: u64, _: u64, _: u64, _: *mut u64) -> u32 {
    crate::memory::drop_made_except(&[]);
    0
}

/// Drops what this run made so far except the objects at the addresses
/// given (`RtFn::ArenaKeep`'s wide arguments: what a back-edge carries).
unsafe extern "C" fn arena_keep(args: u64, n: u64, _: u64, _: *mut u64) -> u32 {
    crate::memory::drop_made_except(unsafe { wide(args, n) });
    0
}

/// Every helper, by the runtime call it implements: the table the code
/// generator defines their symbols from (`codegen_library::Compiler::load`).
pub(crate) fn table(vm: &rustpython_vm::VirtualMachine) -> RuntimeTable {
    let mut t = entries();
    // Compiled loops poll the interpreter's own eval-breaker word, and the
    // count of other threads.
    t.set_poll(pyjit_ir::PollWords {
        pending: rustpython_vm::frame::jit_hook::eval_breaker_addr(),
        mask: rustpython_vm::frame::jit_hook::eval_breaker_mask(),
        threads: rustpython_vm::frame::jit_hook::thread_count_addr(vm),
    });
    t
}

/// Every runtime function's entry point.
fn entries() -> RuntimeTable {
    let mut t = RuntimeTable::new();
    t.insert(RtFn::ArenaReset, arena_reset);
    t.insert(RtFn::ArenaKeep, arena_keep);
    lists::register(&mut t);
    dicts::register(&mut t);
    instances::register(&mut t);
    numpy::register(&mut t);
    random::register(&mut t);
    objects::register(&mut t);
    t
}

#[cfg(test)]
mod tests {
    use pyjit_ir::RtFn;

    /// Every call the catalogue lists has an entry point (codegen could not
    /// link one without), and the table holds nothing else.
    #[test]
    fn the_table_implements_every_runtime_call() {
        let t = super::entries();
        let all = RtFn::all();
        for f in &all {
            assert!(t.get(*f).is_some(), "no entry point for {f:?}");
        }
        assert!(t.iter().all(|(f, _)| all.contains(&f)));
    }
}
