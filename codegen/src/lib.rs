//! Trace IR → native code, through LLVM (llvm-sys, the ORC LLJIT).
//!
//! ```text
//! Compiler::new(&runtime)    one ORC LLJIT (host CPU and features), with
//!                            the VM's runtime functions as symbols
//! Compiler::compile(&trace)  verify → lower (lower.rs) → LLVM verify →
//!                            default<O3> → JIT → CompiledTrace
//! ```
//!
//! The native function's ABI: `entry(state)` gets a buffer of u64 slots;
//! `Input { slot }` reads `state[slot]` (i64 bits, f64 `to_bits`, bool 0/1);
//! leaving through exit `e` writes `trace.exits[e].values()` in order into
//! `state[0..n]` (same encoding) and returns `e`. `pyjit_ir::interp::run`
//! is the reference for what the code computes. A `CallSelf` calls the same
//! native function recursively (see lower.rs); its nesting counter is a
//! global of the trace's module, so a trace's code must run on one thread
//! at a time.
//!
//! `PYJIT_DUMP_LLVM=1` keeps the optimized LLVM IR of each trace in
//! `CompiledTrace::llvm_ir`.

mod jit;
mod lower;
mod runtime;

#[cfg(test)]
mod tests;

use llvm_sys::analysis::{LLVMVerifierFailureAction, LLVMVerifyModule};
use llvm_sys::core::{LLVMDisposeModule, LLVMPrintModuleToString};
use std::ffi::CString;
use std::time::Instant;

pub use runtime::{pyjit_fpow, pyjit_ipow};

pub use pyjit_ir::FAST_CODEGEN_EXITS;

/// Owns the process's LLJIT. Compiled code lives as long as the process
/// (it is never freed, even when the `Compiler` is dropped).
pub struct Compiler {
    jit: jit::Jit,
    /// The JIT for `quick` traces (fast code generation), made on first
    /// use from `symbols`.
    quick_jit: Option<jit::Jit>,
    symbols: Vec<(String, usize)>,
    next_id: u64,
    dump_llvm: bool,
    /// What `InstKind::Poll` reads (the table's, or words never set).
    poll: pyjit_ir::PollWords,
}

/// A compiled trace.
pub struct CompiledTrace {
    /// The native code: `entry(state)` returns the number of the exit taken.
    pub entry: unsafe extern "C" fn(state: *mut u64) -> u32,
    /// The optimized LLVM IR, only when `PYJIT_DUMP_LLVM=1` is set (or
    /// `Compiler::set_dump_llvm(true)`).
    pub llvm_ir: Option<String>,
}

impl std::fmt::Debug for CompiledTrace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledTrace")
            .field("entry", &(self.entry as *const ()))
            .field("llvm_ir", &self.llvm_ir.as_ref().map(|s| s.len()))
            .finish()
    }
}

impl Compiler {
    /// A compiler whose code may call the runtime functions in `runtime`
    /// (the VM's `runtime::table(vm)`; an empty table for traces without
    /// runtime calls). They are defined once, here: a function added to a
    /// table later is not seen.
    pub fn new(runtime: &pyjit_ir::RuntimeTable) -> Result<Compiler, String> {
        let symbols = runtime::symbols(runtime);
        let refs: Vec<(&str, usize)> = symbols.iter().map(|(n, a)| (n.as_str(), *a)).collect();
        let jit = jit::Jit::new(&refs, false)?;
        let dump_llvm = std::env::var("PYJIT_DUMP_LLVM").is_ok_and(|v| v == "1");
        let poll = runtime.poll().unwrap_or_else(runtime::never_poll);
        Ok(Compiler { jit, quick_jit: None, symbols, next_id: 0, dump_llvm, poll })
    }

    /// Keeps (or stops keeping) the optimized LLVM IR of each trace, as
    /// `PYJIT_DUMP_LLVM=1` does.
    pub fn set_dump_llvm(&mut self, on: bool) {
        self.dump_llvm = on;
    }

    /// Compiles a verified trace to native code. Errors (e.g. unsupported)
    /// are strings.
    pub fn compile(&mut self, trace: &pyjit_ir::Trace) -> Result<CompiledTrace, String> {
        self.compile_at(trace, false)
    }

    /// `compile`, with LLVM's `default<O1>` pipeline and fast code
    /// generation where `quick`: for traces made largely of calls through
    /// the VM, which vectorizing and unrolling cannot speed up and which O3
    /// takes about twice as long on. Traces of many exits (branchy code
    /// over objects, not a numeric kernel) get both too: instruction
    /// selection and register allocation were most of a big trace's
    /// compile time, and O3 most of the rest (pyperformance's go: traces
    /// of 230 blocks took 250-350 ms with O3).
    pub fn compile_at(&mut self, trace: &pyjit_ir::Trace, quick: bool) -> Result<CompiledTrace, String> {
        let start = Instant::now();
        pyjit_ir::verify(trace).map_err(|e| e.to_string())?;
        let name = self.unique_name(&trace.name);
        let fast_codegen = quick || trace.exits.len() > FAST_CODEGEN_EXITS;
        if fast_codegen && self.quick_jit.is_none() {
            let refs: Vec<(&str, usize)> = self.symbols.iter().map(|(n, a)| (n.as_str(), *a)).collect();
            self.quick_jit = Some(jit::Jit::new(&refs, true)?);
        }
        let jit = match (fast_codegen, &self.quick_jit) {
            (true, Some(j)) => j,
            _ => &self.jit,
        };
        let cname = CString::new(name.clone()).unwrap();
        let ctx = jit::Ctx::new();
        let module = lower::lower(trace, ctx.ctx, &cname, &jit.triple, &jit.data_layout, self.poll)?;
        unsafe {
            let mut msg = std::ptr::null_mut();
            if LLVMVerifyModule(module, LLVMVerifierFailureAction::LLVMReturnStatusAction, &mut msg) != 0 {
                let m = jit::take_message(msg);
                log::debug!("invalid LLVM IR for {name}:\n{}", jit::take_message(LLVMPrintModuleToString(module)));
                LLVMDisposeModule(module);
                return Err(format!("codegen produced invalid LLVM IR: {}", m.trim()));
            }
            jit::take_message(msg);
        }
        let lowered = start.elapsed();
        if let Err(e) = jit.optimize(module, fast_codegen) {
            unsafe { LLVMDisposeModule(module) };
            return Err(e);
        }
        let optimized = start.elapsed();
        let llvm_ir = self.dump_llvm.then(|| unsafe { jit::take_message(LLVMPrintModuleToString(module)) });
        let addr = jit.add_and_lookup(ctx.tsc, module, &cname)?;
        log::debug!(
            "compiled {name}: lower {:.2} ms, optimize {:.2} ms, total {:.2} ms",
            lowered.as_secs_f64() * 1e3,
            (optimized - lowered).as_secs_f64() * 1e3,
            start.elapsed().as_secs_f64() * 1e3
        );
        let entry = unsafe { std::mem::transmute::<usize, unsafe extern "C" fn(*mut u64) -> u32>(addr as usize) };
        Ok(CompiledTrace { entry, llvm_ir })
    }

    fn unique_name(&mut self, trace_name: &str) -> String {
        let id = self.next_id;
        self.next_id += 1;
        let clean: String =
            trace_name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).take(48).collect();
        format!("pyjit_trace{id}_{clean}")
    }
}
