//! The code generator, `libpyjit_llvm.so` (pyjit-codegen and LLVM, built
//! beside the executable from `codegen/plugin/lib.rs`), loaded by the
//! compiler thread when the first loop gets hot: a run that compiles
//! nothing never maps LLVM, and the interpreter's thread never waits for
//! it to load.

use libloading::{Library, Symbol};
use pyjit_ir::{RuntimeTable, StrSink, Trace};
use std::ffi::c_void;
use std::path::PathBuf;

type AbiFn = unsafe extern "C" fn(StrSink);
type NewFn = unsafe extern "C" fn(*const c_void, StrSink) -> *mut c_void;
type CompileFn = unsafe extern "C" fn(*mut c_void, *const c_void, bool, StrSink, StrSink) -> usize;

/// The environment variable naming the library's path, instead of the
/// executable's folder.
pub(crate) const LIBRARY_ENV: &str = "PYJIT_LLVM_LIBRARY";

/// A code generator of the loaded library. It stays loaded (and its code
/// mapped) until the process ends: compiled code may still run then.
pub(crate) struct Compiler {
    compiler: *mut c_void,
    compile: CompileFn,
}

impl Compiler {
    /// Loads the library and makes its compiler for `table`.
    pub(crate) fn load(table: &RuntimeTable) -> Result<Compiler, String> {
        let path = library_path()?;
        // SAFETY: a library of ours, whose initializers are LLVM's and
        // Rust's; it is checked to be of this build before use.
        let lib = unsafe { Library::new(&path) }.map_err(|e| format!("the code generator did not load: {e}"))?;
        let lib: &'static Library = Box::leak(Box::new(lib));
        // SAFETY: the symbols `codegen/plugin/lib.rs` exports, of these
        // signatures.
        unsafe {
            let abi: Symbol<AbiFn> = lib.get(b"pyjit_llvm_abi\0").map_err(|e| e.to_string())?;
            let mut theirs = String::new();
            abi(StrSink::to_string(&mut theirs));
            if theirs != pyjit_ir::abi() {
                return Err(format!(
                    "the code generator {} is of another build ({theirs}, not {}): rebuild pyjit",
                    path.display(),
                    pyjit_ir::abi()
                ));
            }
            let new: Symbol<NewFn> = lib.get(b"pyjit_llvm_new\0").map_err(|e| e.to_string())?;
            let compile: Symbol<CompileFn> = lib.get(b"pyjit_llvm_compile\0").map_err(|e| e.to_string())?;
            let mut err = String::new();
            let compiler = new(table as *const RuntimeTable as *const c_void, StrSink::to_string(&mut err));
            if compiler.is_null() {
                return Err(err);
            }
            Ok(Compiler { compiler, compile: *compile })
        }
    }

    /// Compiles `trace`: the native entry's address and, with
    /// `PYJIT_DUMP_LLVM=1`, the optimized LLVM IR.
    pub(crate) fn compile_at(&mut self, trace: &Trace, quick: bool) -> Result<(usize, Option<String>), String> {
        let (mut ir, mut err) = (String::new(), String::new());
        // SAFETY: this library's compiler, used by this thread only, and a
        // trace of the layout `load` checked.
        let entry = unsafe {
            (self.compile)(self.compiler, trace as *const Trace as *const c_void, quick, StrSink::to_string(&mut ir), StrSink::to_string(&mut err))
        };
        if entry == 0 {
            return Err(err);
        }
        Ok((entry, (!ir.is_empty()).then_some(ir)))
    }
}

/// `PYJIT_LLVM_LIBRARY`, or the library in the executable's folder; where
/// cargo leaves a newer one in its `deps` folder (`cargo test` builds it
/// there without copying it up), that one.
fn library_path() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os(LIBRARY_ENV) {
        return Ok(PathBuf::from(p));
    }
    let exe = std::env::current_exe().map_err(|e| format!("no path to the executable: {e}"))?;
    let dir = exe.parent().ok_or("no folder for the executable")?;
    let name = libloading::library_filename("pyjit_llvm");
    let modified = |p: &PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    [dir.join(&name), dir.join("deps").join(&name)]
        .into_iter()
        .filter_map(|p| modified(&p).map(|t| (t, p)))
        .max_by_key(|(t, _)| *t)
        .map(|(_, p)| p)
        .ok_or_else(|| format!("the code generator {} is missing (built beside pyjit by cargo build)", dir.join(&name).display()))
}
