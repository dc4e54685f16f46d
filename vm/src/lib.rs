//! pyjit's VM side: the embedded RustPython interpreter, the back-edge hook
//! that finds hot loops, and the bridge between a live frame and native
//! code. This is the only crate that knows RustPython.

mod bridge;
mod decode;
mod dtype;
pub mod embed;
mod iters;
pub mod jit;
mod layout;
mod memory;
mod numpy;
mod objects;
mod runtime;
mod world;

pub use embed::{RunMode, run};
pub use jit::JitOptions;
