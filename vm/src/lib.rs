//! pyjit's VM side: the embedded RustPython interpreter, the back-edge hook
//! that finds hot loops, and the bridge between a live frame and native
//! code. This is the only crate that knows RustPython.
//!
//! - `embed`: the interpreter, set up with pyjit's modules and the command
//!   line's settings; runs a program as python3 does; `repl`: the
//!   interactive prompt.
//! - `jit`: the compile driver: hot loop sites, recording, the passes,
//!   codegen (handed `runtime::table(vm)`), compiled variants, `--jit-log`.
//! - `world`: the recorder's questions (`pyjit_tracer::World`) answered
//!   from the live frame.
//! - `bridge`: entry checks and unboxing, the native call, exits rebuilt
//!   into the frame.
//! - `objects`: what an object is to compiled code, and the lookups traces
//!   guard (globals, cells, module attributes); used by `world` and
//!   `bridge` alike.
//! - `runtime/`: the functions compiled code calls (`pyjit_ir::RtFn`), one
//!   file per concern, and the table of their entry points.
//! - `memory/`: what a native run makes: the object arena and scratch
//!   buffers.
//! - `layout`: where RustPython keeps things inside its objects, measured.
//! - `decode`, `iters`, `numpy`: bytecode as the tracer reads it,
//!   iterators over lists, the native `_numpy` module (the `MemTy`/`DType`
//!   mapping is `pyjit_arrays::{mem_of, dtype_of}`).
//!
//! Imports flow one way: `embed` → `jit` → `world`, `bridge` → `runtime`
//! → `memory`, `layout`; `objects` → `numpy`; no module imports
//! one that imports it.

mod bridge;
mod codegen_library;
mod compiler_thread;
mod decode;
pub mod embed;
mod feedback;
mod iters;
pub mod jit;
mod layout;
mod memory;
mod numpy;
mod objects;
mod repl;
mod runtime;
mod world;

pub use embed::{Launch, RunMode, build_info, python_version, run};
/// The interpreter's configuration (sys.argv, sys.flags, sys.path's
/// inputs), which the command line fills in.
pub use rustpython_vm::Settings;
pub use jit::JitOptions;
