//! Running a program like `python3` does: the interpreter set up from the
//! command line's settings, `sys.path[0]`, `site`, the program, and the
//! interactive prompt (`repl`) after it (`-i`) or instead of it (standard
//! input from a terminal).

use crate::jit::{self, JitOptions};
use crate::repl;
use rustpython_vm::{
    AsObject, Interpreter, PyObjectRef, PyResult, Settings, VirtualMachine, builtins::PyDictRef,
    convert::TryFromObject, scope::Scope,
};
use std::io::IsTerminal;

/// pyjit's own Python modules (`numpy`'s API over the native `_numpy`,
/// and `numba`), compiled into the binary.
static PYJIT_PYTHON: &rustpython_compiler_core::frozen::FrozenLib =
    rustpython_vm::py_freeze!(dir = "../python", crate_name = "rustpython_compiler_core");

/// What to run, as `python3`'s command line names it.
#[derive(Clone, Debug)]
pub enum RunMode {
    Script(String),
    Command(String),
    Module(String),
    /// Standard input: read whole and run when it is not a terminal (and
    /// `-i` is not given), else the interactive prompt.
    Stdin,
}

/// A whole run, as the command line describes it.
pub struct Launch {
    pub mode: RunMode,
    /// sys.argv, sys.flags and the rest of the interpreter's configuration.
    pub settings: Settings,
    /// `-x`: the script's first line is not Python.
    pub skip_first_line: bool,
}

/// The Python language version the VM implements, as `X.Y.Z`.
pub fn python_version() -> String {
    use rustpython_vm::version::{MAJOR, MICRO, MINOR};
    format!("{MAJOR}.{MINOR}.{MICRO}")
}

/// The interpreter's build, as `python3 -VV` shows its own:
/// `[RustPython X.Y.Z with rustc ...]`.
pub fn build_info() -> &'static str {
    let v = rustpython_vm::version::RUSTPYTHON_VERSION;
    v.split_once('\n').map_or(v, |(_, b)| b)
}

/// What python3 prints on stderr before an interactive session: its
/// version, then (with `site`) where `help` is.
fn banner() -> String {
    use rustpython_vm::version::{MAJOR_IMPL, MICRO_IMPL, MINOR_IMPL};
    format!(
        "pyjit {} (Python {}, RustPython {MAJOR_IMPL}.{MINOR_IMPL}.{MICRO_IMPL}) on {}\n",
        env!("CARGO_PKG_VERSION"),
        python_version(),
        std::env::consts::OS
    )
}

/// Runs `launch`; returns the exit status.
pub fn run(launch: Launch, jit_opts: JitOptions) -> u8 {
    let Launch { mode, mut settings, skip_first_line } = launch;
    if settings.argv.is_empty() {
        settings.argv.push(String::new());
    }
    let builder = Interpreter::builder(settings);
    let mut defs = rustpython_stdlib::stdlib_module_defs(&builder.ctx);
    defs.push(crate::numpy::module_def(&builder.ctx));
    let interp = builder
        .add_native_modules(&defs)
        .add_frozen_modules(rustpython_pylib::FROZEN_STDLIB)
        .add_frozen_modules(PYJIT_PYTHON)
        .init_hook(|vm| {
            use rustpython_vm::common::rc::PyRc;
            let state = PyRc::get_mut(&mut vm.state).expect("fresh interpreter state");
            state.config.paths.stdlib_dir = Some(rustpython_pylib::LIB_PATH.to_owned());
        })
        .interpreter();
    jit::install(jit_opts);
    let code = interp.run(move |vm| run_main(vm, mode, skip_first_line));
    // As exit() passes it on: the low byte (sys.exit(300) is 44, -1 is 255).
    let status = (code & 0xff) as u8;
    jit::shutdown();
    jit::report_at_exit();
    status
}

fn env_flag(vm: &VirtualMachine, name: &str) -> bool {
    !vm.state.config.settings.ignore_environment && std::env::var_os(name).is_some_and(|v| !v.is_empty())
}

/// CPython's pymain_run_python.
fn run_main(vm: &VirtualMachine, mode: RunMode, skip_first_line: bool) -> PyResult<()> {
    let settings = &vm.state.config.settings;
    let scope = vm.new_scope_with_main()?;
    // warnings reads sys.warnoptions (-W, PYTHONWARNINGS) as it loads.
    let _ = vm.import("warnings", 0);
    // site before sys.path[0], so that its removeduppaths() keeps '' as ''.
    if settings.import_site
        && let Err(e) = vm.import("site", 0)
    {
        eprintln!("Error in site import; continuing without it:");
        vm.print_exception(&e);
    }
    if !settings.safe_path {
        match &mode {
            RunMode::Command(_) | RunMode::Stdin => vm.insert_sys_path(vm.new_pyobj(""))?,
            RunMode::Module(_) => {
                let cwd = std::env::current_dir().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
                vm.insert_sys_path(vm.new_pyobj(cwd))?
            }
            RunMode::Script(_) => {} // the script's folder, in run_file
        }
    }
    if settings.faulthandler {
        let _ = vm.run_simple_string("import faulthandler; faulthandler.enable()");
    }
    // -i makes standard input count as interactive even when it is not a terminal.
    let stdin_interactive = settings.interactive || std::io::stdin().is_terminal();
    let runs_code = !matches!(mode, RunMode::Stdin);
    if !settings.quiet && (settings.verbose > 0 || (!runs_code && stdin_interactive)) {
        let mut b = banner();
        if settings.import_site {
            b.push_str("Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n");
        }
        eprint!("{b}");
    }
    let result = match mode {
        RunMode::Script(path) => run_file(vm, scope.clone(), &path, skip_first_line),
        RunMode::Command(src) => vm.run_string(scope.clone(), &src, "<string>").map(drop),
        RunMode::Module(module) => vm.run_module(&module),
        RunMode::Stdin if stdin_interactive => return repl::prompt(vm, &scope, true),
        RunMode::Stdin => run_stdin(vm, scope.clone()),
    };
    // pymain_repl: -i (or PYTHONINSPECT, even set by the program) opens the
    // prompt after the program, whatever it raised, SystemExit included.
    let inspect = settings.inspect || env_flag(vm, "PYTHONINSPECT");
    if inspect && stdin_interactive {
        if let Err(e) = result {
            vm.print_exception(&e);
        }
        flush_std(vm);
        return repl::prompt(vm, &scope, false);
    }
    result
}

pub(crate) fn flush_std(vm: &VirtualMachine) {
    for name in ["stdout", "stderr"] {
        if let Ok(f) = vm.sys_module.get_attr(name, vm) {
            let _ = vm.call_method(&f, "flush", ());
        }
    }
}

/// Compiles `source` with builtins.compile (which reads coding cookies and
/// BOMs from bytes) and runs it in `scope` with `__file__` set to
/// `filename` for the run, as CPython's PyRun_SimpleFile does.
fn run_source_bytes(vm: &VirtualMachine, scope: Scope, source: Vec<u8>, filename: &str) -> PyResult<()> {
    let compile = vm.builtins.get_attr("compile", vm)?;
    let code = compile.call((vm.ctx.new_bytes(source), filename, "exec"), vm)?;
    let code = code
        .downcast::<rustpython_vm::builtins::PyCode>()
        .map_err(|_| vm.new_type_error("compile() did not return a code object"))?;
    let globals = scope.globals.clone();
    let set_file = !globals.contains_key("__file__", vm);
    if set_file {
        globals.set_item("__file__", vm.ctx.new_str(filename).into(), vm)?;
        globals.set_item("__cached__", vm.ctx.none(), vm)?;
    }
    let result = vm.run_code_obj(code, scope).map(drop);
    flush_std(vm);
    if set_file {
        let _ = globals.del_item("__file__", vm);
        let _ = globals.del_item("__cached__", vm);
    }
    result
}

/// Standard input, not a terminal: the whole of it is the program.
fn run_stdin(vm: &VirtualMachine, scope: Scope) -> PyResult<()> {
    let mut src = Vec::new();
    if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut src) {
        eprintln!("pyjit: cannot read standard input: {e}");
        return Err(vm.new_system_exit(vec![vm.ctx.new_int(2).into()].into()));
    }
    run_source_bytes(vm, scope, src, "<stdin>")
}

fn exit_with(vm: &VirtualMachine, code: u8) -> rustpython_vm::builtins::PyBaseExceptionRef {
    vm.new_system_exit(vec![vm.ctx.new_int(code).into()].into())
}

fn run_file(vm: &VirtualMachine, scope: Scope, path: &str, skip_first_line: bool) -> PyResult<()> {
    let p = std::path::Path::new(path);
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let abs_str = abs.to_string_lossy().into_owned();
    if let Err(err) = std::fs::metadata(&abs) {
        let errno = err.raw_os_error().unwrap_or(2);
        let msg = std::io::Error::from_raw_os_error(errno).to_string();
        // As strerror() says it, without Rust's " (os error N)".
        let msg = msg.split(" (os error").next().unwrap_or(&msg);
        // Named as CPython names it: the interpreter as it was invoked.
        let program = std::env::args().next().unwrap_or_else(|| "pyjit".to_owned());
        eprintln!("{program}: can't open file '{abs_str}': [Errno {errno}] {msg}");
        return Err(exit_with(vm, 2));
    }
    // A folder or a zip file with __main__.py in it: that __main__ runs,
    // with the folder (or zip) as sys.path[0].
    if get_importer(vm, &abs_str)?.is_some() {
        vm.insert_sys_path(vm.new_pyobj(abs_str.as_str()))?;
        let runpy = vm.import("runpy", 0)?;
        let run_module_as_main = runpy.get_attr("_run_module_as_main", vm)?;
        run_module_as_main.call(("__main__", false), vm)?;
        return Ok(());
    }
    if !vm.state.config.settings.safe_path {
        // sys.path[0] is the script's folder, symlinks resolved, as CPython does.
        let real = std::fs::canonicalize(&abs).unwrap_or(abs.clone());
        let dir = real.parent().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
        vm.insert_sys_path(vm.new_pyobj(dir))?;
    }
    if skip_first_line {
        // -x: the first line is not Python; the others keep their numbers.
        let mut src = match std::fs::read(&abs) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("pyjit: can't open file '{abs_str}': {e}");
                return Err(exit_with(vm, 2));
            }
        };
        let end = src.iter().position(|&b| b == b'\n').unwrap_or(src.len());
        src.drain(..end);
        return run_source_bytes(vm, scope, src, &abs_str);
    }
    vm.run_any_file(scope, &abs_str)
}

/// CPython's pymain_get_importer: the path hook that accepts `path`
/// (a folder or a zip file), if any.
fn get_importer(vm: &VirtualMachine, path: &str) -> PyResult<Option<PyObjectRef>> {
    if std::path::Path::new(path).is_file() && !is_zip(path) {
        return Ok(None);
    }
    let cache = PyDictRef::try_from_object(vm, vm.sys_module.get_attr("path_importer_cache", vm)?)?;
    if let Some(importer) = cache.get_item_opt(path, vm)? {
        return Ok((!vm.is_none(&importer)).then_some(importer));
    }
    let hooks: Vec<PyObjectRef> = vm.sys_module.get_attr("path_hooks", vm)?.try_into_value(vm)?;
    for hook in hooks {
        match hook.call((path,), vm) {
            Ok(importer) => {
                cache.set_item(path, importer.clone(), vm)?;
                return Ok(Some(importer));
            }
            Err(e) if e.fast_isinstance(vm.ctx.exceptions.import_error) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

fn is_zip(path: &str) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 4];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut magic)).is_ok() && magic == *b"PK\x03\x04"
}
