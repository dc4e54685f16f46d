//! The tracer: from a hot loop of a live frame to an `ir::Trace`.
//!
//! It never sees RustPython: the VM decodes bytecode into `bytecode::Code`
//! and answers lookups through `record::World`.

pub mod bytecode;
pub mod liveness;
pub mod record;

pub use record::{Abort, Callee, Check, DictLayout, Entry, FUNCTION, IntLayout, KeyLayout, ObjLayout, TupleLayout, Recording, Src, Want, World, record};

#[cfg(test)]
mod tests;
