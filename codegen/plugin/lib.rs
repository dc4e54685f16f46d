//! `libpyjit_llvm.so`: the code generator (`pyjit-codegen` and LLVM) as a
//! library `pyjit` loads when its first loop gets hot
//! (`pyjit_vm::compiler_thread`), so that a run compiling nothing neither
//! maps nor initializes LLVM: linked into the executable, `libLLVM.so`
//! alone made every run, `pyjit -c pass` included, 50 MB larger and about
//! 10 ms slower to start.
//!
//! The interface is C's. Traces and the runtime table cross as pointers to
//! the types of the one `pyjit-ir` both sides were built with (checked
//! through `pyjit_llvm_abi`: `pyjit_ir::abi()`); strings cross through
//! `pyjit_ir::StrSink`, which copies them, so neither side frees the
//! other's memory; panics stop here.

use pyjit_ir::StrSink as Sink;
use std::ffi::c_void;
use std::panic::{AssertUnwindSafe, catch_unwind};

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    let msg = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
    format!("internal compiler error: {}", msg.unwrap_or_default())
}

/// Writes this library's `pyjit_ir::abi()` to `out`.
///
/// # Safety
/// `out` is a valid sink.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pyjit_llvm_abi(out: Sink) {
    out.put(&pyjit_ir::abi());
}

/// A new `pyjit_codegen::Compiler` for `table`, or null with the reason
/// written to `err`.
///
/// # Safety
/// `table` points to a `pyjit_ir::RuntimeTable` of the same `pyjit_ir::abi()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pyjit_llvm_new(table: *const c_void, err: Sink) -> *mut c_void {
    // A panic in the code generator is an error for `--jit-log`, not a
    // message on the program's stderr (this library's own panic hook).
    std::panic::set_hook(Box::new(|_| {}));
    // SAFETY: the caller's table, of this build's layout.
    let table = unsafe { &*(table as *const pyjit_ir::RuntimeTable) };
    match catch_unwind(|| pyjit_codegen::Compiler::new(table)).unwrap_or_else(|p| Err(panic_message(p))) {
        Ok(c) => Box::into_raw(Box::new(c)) as *mut c_void,
        Err(e) => {
            err.put(&e);
            std::ptr::null_mut()
        }
    }
}

/// Compiles `trace` (`Compiler::compile_at`): the native entry's address,
/// the optimized LLVM IR to `ir` where asked for (`PYJIT_DUMP_LLVM=1`); or
/// 0, with the reason written to `err`.
///
/// # Safety
/// `compiler` came from `pyjit_llvm_new` and is used by one thread at a
/// time; `trace` points to a `pyjit_ir::Trace` of the same `pyjit_ir::abi()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pyjit_llvm_compile(compiler: *mut c_void, trace: *const c_void, quick: bool, ir: Sink, err: Sink) -> usize {
    // SAFETY: as documented above.
    let (c, trace) = unsafe { (&mut *(compiler as *mut pyjit_codegen::Compiler), &*(trace as *const pyjit_ir::Trace)) };
    match catch_unwind(AssertUnwindSafe(|| c.compile_at(trace, quick))).unwrap_or_else(|p| Err(panic_message(p))) {
        Ok(native) => {
            if let Some(text) = &native.llvm_ir {
                ir.put(text);
            }
            native.entry as usize
        }
        Err(e) => {
            err.put(&e);
            0
        }
    }
}
