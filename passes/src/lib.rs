//! Passes over `ir::Trace`, each in its own module, and the pipeline that
//! runs them. LLVM's O3 does the classic scalar clean-ups again after us;
//! these passes exist for what LLVM cannot know (Python semantics of exits,
//! which overflow checks are provably dead, which exits may be speculated)
//! and to keep traces small before they reach LLVM.
//!
//! What each pass does to a trace is tested as text: the files under
//! `tests/filetests/` hold an input trace, the passes to run and the
//! expected output (format and runner: `tests/filetests.rs`). The unit
//! tests here check what text cannot: that transformed traces compute what
//! the originals do (the reference interpreter), and the passes' helpers.

pub mod dce;
pub mod exits;
pub mod fold;
pub mod ifconv;
pub mod range;
pub mod sink;
pub mod version;

use pyjit_ir::{Trace, VerifyError, verify};

/// Helpers for the passes' tests.
#[cfg(test)]
pub(crate) mod testing {
    use pyjit_ir::*;

    /// An exit handing back `vals` as locals 0.., numbered by its pc (so
    /// tests can tell exits and their copies apart).
    pub fn exit(t: &mut Trace, vals: &[Value]) -> ExitId {
        let pc = t.exits.len() as u32;
        t.add_exit(Exit {
            pc,
            entries: vals.iter().enumerate().map(|(i, v)| (Place::Local(i as u32), SnapValue::Val(*v))).collect(),
            stack_depth: 0,
            reason: String::new(),
        })
    }
}

/// The default pipeline. Verifies before and after, so a pass that breaks a
/// trace is caught at its source.
pub fn optimize(t: &mut Trace) -> Result<(), VerifyError> {
    verify(t)?;
    fold::run(t);
    sink::run(t);
    range::run(t);
    version::run(t);
    ifconv::run(t);
    exits::run(t);
    dce::run(t);
    verify(t)
}
