//! Running a script like `python3` does.

use crate::jit::{self, JitOptions};
use rustpython_vm::{Interpreter, PyResult, Settings, VirtualMachine, scope::Scope};

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
    Stdin,
}

/// Runs `mode` with `args` as `sys.argv[1:]`; returns the exit status.
pub fn run(mode: RunMode, args: Vec<String>, jit_opts: JitOptions) -> u8 {
    let mut settings = Settings::default();
    let argv0 = match &mode {
        RunMode::Script(path) => path.clone(),
        RunMode::Command(_) => "-c".to_owned(),
        RunMode::Module(_) => "-m".to_owned(),
        RunMode::Stdin => "-".to_owned(),
    };
    settings.argv = std::iter::once(argv0).chain(args).collect();
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
    let code = interp.run(move |vm| run_main(vm, mode));
    let status = u8::try_from(code).unwrap_or(1);
    jit::report_at_exit();
    status
}

fn run_main(vm: &VirtualMachine, mode: RunMode) -> PyResult<()> {
    let scope = vm.new_scope_with_main()?;
    let _ = vm.import("warnings", 0);
    let _ = vm.import("site", 0);
    match mode {
        RunMode::Script(path) => run_file(vm, scope, &path),
        RunMode::Command(src) => {
            vm.insert_sys_path(vm.new_pyobj(""))?;
            vm.run_string(scope, &src, "<string>").map(drop)
        }
        RunMode::Module(module) => {
            let cwd = std::env::current_dir().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
            vm.insert_sys_path(vm.new_pyobj(cwd))?;
            vm.run_module(&module)
        }
        RunMode::Stdin => {
            vm.insert_sys_path(vm.new_pyobj(""))?;
            let mut src = String::new();
            if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut src) {
                eprintln!("pyjit: cannot read standard input: {e}");
                return Err(vm.new_system_exit(vec![vm.ctx.new_int(2).into()].into()));
            }
            vm.run_string(scope, &src, "<stdin>").map(drop)
        }
    }
}

fn run_file(vm: &VirtualMachine, scope: Scope, path: &str) -> PyResult<()> {
    let p = std::path::Path::new(path);
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let abs_str = abs.to_string_lossy().into_owned();
    if std::fs::metadata(&abs).is_err() {
        let err = std::fs::metadata(&abs).unwrap_err();
        let errno = err.raw_os_error().unwrap_or(2);
        let msg = std::io::Error::from_raw_os_error(errno).to_string();
        // As strerror() says it, without Rust's " (os error N)".
        let msg = msg.split(" (os error").next().unwrap_or(&msg);
        eprintln!("pyjit: can't open file '{abs_str}': [Errno {errno}] {msg}");
        return Err(vm.new_system_exit(vec![vm.ctx.new_int(2).into()].into()));
    }
    // sys.path[0] is the script's folder, symlinks resolved, as CPython does.
    let real = std::fs::canonicalize(&abs).unwrap_or(abs.clone());
    let dir = real.parent().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
    vm.insert_sys_path(vm.new_pyobj(dir))?;
    vm.run_any_file(scope, &abs_str)
}
