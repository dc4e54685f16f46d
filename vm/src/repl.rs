//! The interactive prompt (python3's basic REPL): `>>> ` and `... `
//! (`sys.ps1`, `sys.ps2`), one statement at a time compiled in `single`
//! mode as `<stdin>` (the standard library's `codeop` decides when a
//! statement is complete, as the `code` module does), values shown by
//! `sys.displayhook`, errors by `sys.excepthook`.
//!
//! From a terminal, lines are edited with rustyline (through the VM's
//! `readline` module): Emacs keys, history in `~/.pyjit_history`, Tab
//! completion by the standard library's `rlcompleter` on `__main__`.
//! Otherwise the prompts go to stderr and lines are read plainly, as
//! python3 does with `-i` on a pipe. Hot loops typed here compile like any
//! other.

use rustpython_vm::{
    AsObject, PyObjectRef, PyResult, VirtualMachine,
    builtins::{PyBaseExceptionRef, PyCode},
    readline::{Readline, ReadlineResult},
    scope::Scope,
};
use crate::embed::flush_std;
use std::path::PathBuf;

/// GNU readline's word delimiters as python3's `site` sets them: the text
/// completed runs back from the cursor to the last of these.
const DELIMS: &str = " \t\n`~!@#$%^&*()-=+[{]}\\|;:'\",<>/?";

struct Helper<'vm> {
    vm: &'vm VirtualMachine,
    /// `rlcompleter.Completer()` on `__main__`'s namespace.
    completer: Option<PyObjectRef>,
}

impl rustyline::completion::Completer for Helper<'_> {
    type Candidate = String;

    fn complete(&self, line: &str, pos: usize, _ctx: &rustyline::Context<'_>) -> rustyline::Result<(usize, Vec<String>)> {
        let start = line[..pos].rfind(|c| DELIMS.contains(c)).map_or(0, |i| i + 1);
        let text = &line[start..pos];
        let mut found = Vec::new();
        if let Some(c) = &self.completer {
            for state in 0..10_000 {
                match c.get_attr("complete", self.vm).and_then(|f| f.call((text, state), self.vm)) {
                    Ok(s) if !self.vm.is_none(&s) => match s.str(self.vm) {
                        Ok(s) => found.push(s.to_string_lossy().into_owned()),
                        Err(_) => break,
                    },
                    _ => break,
                }
            }
        }
        Ok((start, found))
    }
}

impl rustyline::hint::Hinter for Helper<'_> {
    type Hint = String;
}
impl rustyline::highlight::Highlighter for Helper<'_> {}
impl rustyline::validate::Validator for Helper<'_> {}
impl rustyline::Helper for Helper<'_> {}

fn is_system_exit(vm: &VirtualMachine, e: &PyBaseExceptionRef) -> bool {
    e.fast_isinstance(vm.ctx.exceptions.system_exit)
}

/// PyErr_Print: sys.last_* set, then sys.excepthook.
fn print_error(vm: &VirtualMachine, e: PyBaseExceptionRef) {
    let (ty, value, tb) = vm.split_exception(e.clone());
    let _ = vm.sys_module.set_attr("last_exc", value.clone(), vm);
    let _ = vm.sys_module.set_attr("last_type", ty, vm);
    let _ = vm.sys_module.set_attr("last_value", value, vm);
    let _ = vm.sys_module.set_attr("last_traceback", tb, vm);
    vm.print_exception(&e);
}

fn history_file(vm: &VirtualMachine) -> Option<PathBuf> {
    // As python3's history comes with `site`, so does this one.
    if !vm.state.config.settings.import_site {
        return None;
    }
    std::env::var_os("HOME").filter(|h| !h.is_empty()).map(|h| PathBuf::from(h).join(".pyjit_history"))
}

/// PYTHONSTARTUP, run in `__main__` before the first prompt.
fn run_startup(vm: &VirtualMachine, scope: &Scope) -> PyResult<()> {
    if vm.state.config.settings.ignore_environment {
        return Ok(());
    }
    let Some(path) = std::env::var("PYTHONSTARTUP").ok().filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    if let Err(err) = std::fs::File::open(&path) {
        eprintln!("Could not open PYTHONSTARTUP");
        let errno = err.raw_os_error().unwrap_or(2);
        let msg = std::io::Error::from_raw_os_error(errno).to_string();
        let msg = msg.split(" (os error").next().unwrap_or_default().to_owned();
        // OSError(errno, strerror, filename) makes the subclass (FileNotFoundError, ...).
        let exc = vm.ctx.exceptions.os_error.as_object().call((errno, msg, path.as_str()), vm)?;
        if let Ok(exc) = exc.downcast::<rustpython_vm::builtins::PyBaseException>() {
            print_error(vm, exc);
        }
        return Ok(());
    }
    match vm.run_any_file(scope.clone(), &path) {
        Err(e) if is_system_exit(vm, &e) => Err(e),
        Err(e) => {
            print_error(vm, e);
            Ok(())
        }
        Ok(()) => Ok(()),
    }
}

/// Reads statements from standard input and runs them in `scope`
/// (`__main__`'s) until end of input. `startup`: entered in place of a
/// program, so `PYTHONSTARTUP` runs first.
pub(crate) fn prompt(vm: &VirtualMachine, scope: &Scope, startup: bool) -> PyResult<()> {
    if startup {
        run_startup(vm, scope)?;
    }
    for (name, value) in [("ps1", ">>> "), ("ps2", "... ")] {
        if vm.sys_module.get_attr(name, vm).is_err() {
            vm.sys_module.set_attr(name, vm.ctx.new_str(value), vm)?;
        }
    }
    let compiler = vm.import("codeop", 0)?.get_attr("CommandCompiler", vm)?.call((), vm)?;
    let completer = vm
        .import("rlcompleter", 0)
        .and_then(|m| m.get_attr("Completer", vm))
        .and_then(|c| c.call((scope.globals.clone(),), vm))
        .ok();
    let mut rl = Readline::new(Helper { vm, completer });
    let history = history_file(vm);
    if let Some(h) = &history {
        let _ = rl.load_history(h);
    }
    let result = read_eval_print(vm, scope, &compiler, &mut rl);
    if let Some(h) = &history {
        let _ = rl.save_history(h);
    }
    result
}

fn read_eval_print(vm: &VirtualMachine, scope: &Scope, compiler: &PyObjectRef, rl: &mut Readline<Helper<'_>>) -> PyResult<()> {
    let mut lines: Vec<String> = Vec::new();
    loop {
        let name = if lines.is_empty() { "ps1" } else { "ps2" };
        let prompt = vm
            .sys_module
            .get_attr(name, vm)
            .and_then(|p| p.str(vm))
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        flush_std(vm);
        match rl.readline(&prompt) {
            ReadlineResult::Line(line) => {
                if !line.trim().is_empty() {
                    let _ = rl.add_history_entry(&line);
                }
                lines.push(line);
                let source = lines.join("\n");
                match compiler.call((source, "<stdin>", "single"), vm) {
                    Ok(code) if vm.is_none(&code) => continue, // incomplete: more lines
                    Ok(code) => {
                        lines.clear();
                        let Ok(code) = code.downcast::<PyCode>() else { continue };
                        match vm.run_code_obj(code, scope.clone()) {
                            Ok(_) => {}
                            Err(e) if is_system_exit(vm, &e) => return Err(e),
                            Err(e) => print_error(vm, e),
                        }
                    }
                    Err(e) => {
                        // A SyntaxError (or an OverflowError, ValueError) of
                        // the input: shown without codeop's frames.
                        lines.clear();
                        let _ = e.as_object().set_attr("__traceback__", vm.ctx.none(), vm);
                        print_error(vm, e);
                    }
                }
            }
            ReadlineResult::Eof => {
                eprintln!();
                return Ok(());
            }
            ReadlineResult::Interrupt => {
                lines.clear();
                eprintln!("\nKeyboardInterrupt");
            }
            ReadlineResult::Io(e) => {
                eprintln!("pyjit: cannot read standard input: {e}");
                return Ok(());
            }
            ReadlineResult::OsError(e) => {
                eprintln!("pyjit: cannot read standard input: {e}");
                return Ok(());
            }
            ReadlineResult::Other(e) => {
                eprintln!("pyjit: cannot read standard input: {e}");
                return Ok(());
            }
        }
    }
}
