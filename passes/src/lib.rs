//! Passes over `ir::Trace`, each in its own module, and the pipeline that
//! runs them. LLVM's O3 does the classic scalar clean-ups again after us;
//! these passes exist for what LLVM cannot know (Python semantics of exits,
//! which overflow checks are provably dead, which exits may be speculated)
//! and to keep traces small before they reach LLVM.

pub mod dce;
pub mod fold;
pub mod ifconv;
pub mod range;
pub mod version;

use pyjit_ir::{Trace, VerifyError, verify};

/// The default pipeline. Verifies before and after, so a pass that breaks a
/// trace is caught at its source.
pub fn optimize(t: &mut Trace) -> Result<(), VerifyError> {
    verify(t)?;
    fold::run(t);
    range::run(t);
    version::run(t);
    ifconv::run(t);
    dce::run(t);
    verify(t)
}
