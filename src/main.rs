//! `pyjit`: python3's command line, with hot loops compiled to native code.

mod cli;

use cli::{Parsed, Program};
use pyjit_vm::{JitOptions, Launch, RunMode};
use std::io::Write;
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn env_var(name: &str) -> Option<String> {
    std::env::var_os(name).map(|v| v.to_string_lossy().into_owned())
}

fn env_flag(name: &str) -> bool {
    env_var(name).is_some_and(|v| !v.is_empty() && v != "0")
}

fn main() -> ExitCode {
    let args: Vec<_> = std::env::args_os().collect();
    let o = match cli::parse(&args) {
        Parsed::Run(o) => o,
        Parsed::Exit { code, stdout, stderr } => {
            print!("{stdout}");
            eprint!("{stderr}");
            let _ = std::io::stdout().flush();
            return ExitCode::from(code);
        }
    };
    let cwd = std::env::current_dir().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    let settings = match cli::settings(&o, &env_var, &cwd) {
        Ok(s) => s,
        Err(fatal) => {
            eprint!("{fatal}");
            return ExitCode::from(1);
        }
    };
    // pyjit's own variables are read whatever -E and -I say.
    let threshold = match (o.jit_threshold, env_var("PYJIT_JIT_THRESHOLD").filter(|v| !v.is_empty())) {
        (Some(n), _) => n,
        (None, Some(v)) => match cli::parse_threshold(&v) {
            Some(n) => n,
            None => {
                eprintln!("pyjit: PYJIT_JIT_THRESHOLD must be an integer from 1 to 65535, not '{v}'");
                return ExitCode::from(2);
            }
        },
        (None, None) => JitOptions::default().threshold,
    };
    let jit = JitOptions {
        enabled: !(o.no_jit || env_flag("PYJIT_DISABLE_JIT") || env_flag("NUMBA_DISABLE_JIT")),
        threshold,
        log: o.jit_log || env_flag("PYJIT_LOG"),
        dump: o.jit_dump || env_flag("PYJIT_DUMP"),
        sync: o.jit_sync || env_flag("PYJIT_SYNC"),
        stats: o.jit_stats || env_flag("PYJIT_STATS"),
    };
    let mode = match o.program.clone().unwrap_or(Program::Stdin) {
        Program::Command(c) => RunMode::Command(c),
        Program::Module(m) => RunMode::Module(m),
        Program::Script(s) => RunMode::Script(s),
        Program::Stdin => RunMode::Stdin,
    };
    let launch = Launch { mode, settings, skip_first_line: o.skip_first_line };
    ExitCode::from(pyjit_vm::run(launch, jit))
}
