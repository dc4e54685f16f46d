//! Passes over `ir::Trace`, each in its own module, and the pipeline that
//! runs them. LLVM's O3 does the classic scalar clean-ups again after us;
//! these passes exist for what LLVM cannot know (Python semantics of exits)
//! and to keep traces small before they reach LLVM.

pub mod dce;
pub mod fold;

use pyjit_ir::{Trace, VerifyError, verify};

/// The default pipeline. Verifies before and after, so a pass that breaks a
/// trace is caught at its source.
pub fn optimize(t: &mut Trace) -> Result<(), VerifyError> {
    verify(t)?;
    fold::run(t);
    dce::run(t);
    verify(t)
}
