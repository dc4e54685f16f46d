//! The ORC LLJIT: one per `Compiler` (one per process in practice), a
//! target machine for the host CPU with its features, the process's symbols
//! (libm, libc) and our runtime helpers visible to JIT code.
//!
//! Compiled code is never freed: every module goes into the main JITDylib
//! and stays there for the life of the LLJIT, which lives as long as the
//! `Compiler` (the bridge keeps that for the process).

use llvm_sys::core::*;
use llvm_sys::error::*;
use llvm_sys::orc2::lljit::*;
use llvm_sys::orc2::*;
use llvm_sys::prelude::*;
use llvm_sys::target::*;
use llvm_sys::target_machine::*;
use llvm_sys::transforms::pass_builder::*;
use std::ffi::{CStr, CString, c_char};
use std::sync::OnceLock;

/// Turns an `LLVMErrorRef` into a `Result` (consuming the error).
pub(crate) fn check(err: LLVMErrorRef, what: &str) -> Result<(), String> {
    if err.is_null() {
        return Ok(());
    }
    unsafe {
        let msg = LLVMGetErrorMessage(err);
        let s = CStr::from_ptr(msg).to_string_lossy().into_owned();
        LLVMDisposeErrorMessage(msg);
        Err(format!("{what}: {s}"))
    }
}

/// Takes ownership of an LLVM-allocated message.
pub(crate) unsafe fn take_message(msg: *mut c_char) -> String {
    if msg.is_null() {
        return String::new();
    }
    unsafe {
        let s = CStr::from_ptr(msg).to_string_lossy().into_owned();
        LLVMDisposeMessage(msg);
        s
    }
}

fn init_llvm() -> Result<(), String> {
    static OK: OnceLock<bool> = OnceLock::new();
    let ok =
        *OK.get_or_init(|| unsafe { LLVM_InitializeNativeTarget() == 0
            && LLVM_InitializeNativeAsmPrinter() == 0
            // Polls are inline assembly (`lower.rs`).
            && LLVM_InitializeNativeAsmParser() == 0 });
    if ok { Ok(()) } else { Err("LLVM could not initialise the native target".into()) }
}

/// A target machine for the host: its triple, CPU name and CPU features.
unsafe fn host_target_machine(level: LLVMCodeGenOptLevel) -> Result<LLVMTargetMachineRef, String> {
    unsafe {
        let triple = LLVMGetDefaultTargetTriple();
        let cpu = LLVMGetHostCPUName();
        let features = LLVMGetHostCPUFeatures();
        let mut target = std::ptr::null_mut();
        let mut err = std::ptr::null_mut();
        if LLVMGetTargetFromTriple(triple, &mut target, &mut err) != 0 {
            let e = take_message(err);
            LLVMDisposeMessage(triple);
            LLVMDisposeMessage(cpu);
            LLVMDisposeMessage(features);
            return Err(format!("no LLVM target for the host: {e}"));
        }
        // PIC + small code model: what LLJIT uses with JITLink on x86-64.
        let tm = LLVMCreateTargetMachine(
            target,
            triple,
            cpu,
            features,
            level,
            LLVMRelocMode::LLVMRelocPIC,
            LLVMCodeModel::LLVMCodeModelSmall,
        );
        LLVMDisposeMessage(triple);
        LLVMDisposeMessage(cpu);
        LLVMDisposeMessage(features);
        if tm.is_null() {
            return Err("LLVM could not create a target machine for the host".into());
        }
        Ok(tm)
    }
}

pub(crate) struct Jit {
    jit: LLVMOrcLLJITRef,
    /// The target machine the optimizer uses (the LLJIT owns its own copy).
    tm: LLVMTargetMachineRef,
    pub(crate) triple: CString,
    pub(crate) data_layout: CString,
}

impl Jit {
    /// Creates the LLJIT; `symbols` are defined as absolute symbols in the
    /// main JITDylib (runtime helpers, libm entry points under our names).
    /// `quick`: its code generator selects instructions and allocates
    /// registers the fast way (LLVM's `-O0` code generation), for traces
    /// made largely of calls, where most of a big trace's compile time went.
    pub(crate) fn new(symbols: &[(&str, usize)], quick: bool) -> Result<Jit, String> {
        init_llvm()?;
        let level = match quick {
            true => LLVMCodeGenOptLevel::LLVMCodeGenLevelNone,
            false => LLVMCodeGenOptLevel::LLVMCodeGenLevelAggressive,
        };
        unsafe {
            let tm = host_target_machine(level)?;
            // The JIT's own target machine builder takes ownership of its
            // target machine: give it a second one with the same settings.
            let jtmb = LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine(host_target_machine(level)?);
            let builder = LLVMOrcCreateLLJITBuilder();
            LLVMOrcLLJITBuilderSetJITTargetMachineBuilder(builder, jtmb);
            let mut jit = std::ptr::null_mut();
            if let Err(e) = check(LLVMOrcCreateLLJIT(&mut jit, builder), "creating the LLJIT") {
                LLVMDisposeTargetMachine(tm);
                return Err(e);
            }
            let triple = CString::from(CStr::from_ptr(LLVMOrcLLJITGetTripleString(jit)));
            let data_layout = CString::from(CStr::from_ptr(LLVMOrcLLJITGetDataLayoutStr(jit)));
            let j = Jit { jit, tm, triple, data_layout };
            let jd = LLVMOrcLLJITGetMainJITDylib(jit);

            // The process's symbols (libm's fmod for `frem`, memcpy, ...).
            let mut generator = std::ptr::null_mut();
            check(
                LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(
                    &mut generator,
                    LLVMOrcLLJITGetGlobalPrefix(jit),
                    None,
                    std::ptr::null_mut(),
                ),
                "process symbol generator",
            )?;
            LLVMOrcJITDylibAddGenerator(jd, generator);

            if !symbols.is_empty() {
                let mut pairs: Vec<LLVMOrcCSymbolMapPair> = symbols
                    .iter()
                    .map(|(name, addr)| {
                        let c = CString::new(*name).unwrap();
                        LLVMOrcCSymbolMapPair {
                            Name: LLVMOrcLLJITMangleAndIntern(jit, c.as_ptr()),
                            Sym: LLVMJITEvaluatedSymbol {
                                Address: *addr as u64,
                                Flags: LLVMJITSymbolFlags {
                                    GenericFlags: LLVMJITSymbolGenericFlags::LLVMJITSymbolGenericFlagsExported as u8
                                        | LLVMJITSymbolGenericFlags::LLVMJITSymbolGenericFlagsCallable as u8,
                                    TargetFlags: 0,
                                },
                            },
                        }
                    })
                    .collect();
                let mu = LLVMOrcAbsoluteSymbols(pairs.as_mut_ptr(), pairs.len());
                check(LLVMOrcJITDylibDefine(jd, mu), "defining runtime symbols")?;
            }
            Ok(j)
        }
    }

    /// Optimizes `module` for the host: `default<O3>`, or `default<O1>`
    /// where `quick` (no vectorization or unrolling; about half the time).
    pub(crate) fn optimize(&self, module: LLVMModuleRef, quick: bool) -> Result<(), String> {
        unsafe {
            let opts = LLVMCreatePassBuilderOptions();
            let full = (!quick) as i32;
            LLVMPassBuilderOptionsSetLoopVectorization(opts, full);
            LLVMPassBuilderOptionsSetSLPVectorization(opts, full);
            LLVMPassBuilderOptionsSetLoopInterleaving(opts, full);
            LLVMPassBuilderOptionsSetLoopUnrolling(opts, full);
            let passes = if quick { c"default<O1>" } else { c"default<O3>" };
            let err = LLVMRunPasses(module, passes.as_ptr(), self.tm, opts);
            LLVMDisposePassBuilderOptions(opts);
            check(err, "optimizing")
        }
    }

    /// Hands `module` (and its context) to the JIT and returns the address
    /// of `name` once compiled.
    pub(crate) fn add_and_lookup(
        &self,
        ctx: LLVMOrcThreadSafeContextRef,
        module: LLVMModuleRef,
        name: &CStr,
    ) -> Result<u64, String> {
        unsafe {
            let tsm = LLVMOrcCreateNewThreadSafeModule(module, ctx);
            let jd = LLVMOrcLLJITGetMainJITDylib(self.jit);
            if let Err(e) = check(LLVMOrcLLJITAddLLVMIRModule(self.jit, jd, tsm), "adding the module") {
                // On failure ownership stays with us.
                LLVMOrcDisposeThreadSafeModule(tsm);
                return Err(e);
            }
            let mut addr: LLVMOrcExecutorAddress = 0;
            check(LLVMOrcLLJITLookup(self.jit, &mut addr, name.as_ptr()), "compiling")?;
            if addr == 0 {
                return Err(format!("{} compiled to a null address", name.to_string_lossy()));
            }
            Ok(addr)
        }
    }
}

// No `Drop` for `Jit`: disposing of the LLJIT would free the code of every
// trace compiled with it, and a `CompiledTrace` is a plain function pointer
// that must stay valid for the process. An LLJIT costs a few hundred KiB, and
// the bridge makes one per process; tests that make several leak them.

/// Convenience: a `LLVMContextRef` plus its thread-safe owner.
pub(crate) struct Ctx {
    pub(crate) tsc: LLVMOrcThreadSafeContextRef,
    pub(crate) ctx: LLVMContextRef,
}

impl Ctx {
    pub(crate) fn new() -> Ctx {
        unsafe {
            let tsc = LLVMOrcCreateNewThreadSafeContext();
            let ctx = LLVMOrcThreadSafeContextGetContext(tsc);
            Ctx { tsc, ctx }
        }
    }
}

impl Drop for Ctx {
    fn drop(&mut self) {
        // Modules handed to the JIT keep the context alive through their
        // ThreadSafeModule; this only drops our reference.
        unsafe { LLVMOrcDisposeThreadSafeContext(self.tsc) }
    }
}
