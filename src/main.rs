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

/// `mi_option_arena_eager_commit` in mimalloc 2's `mi_option_e`
/// (`libmimalloc-sys` names no constant for it).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// mimalloc commits each arena it reserves in whole, and where the kernel
/// gives them backs it with huge pages: 20 MB resident for a `pyjit -c
/// pass` whose heap is a few MB. Committed as used instead (no slower on
/// pyperformance's go, `--no-jit`). Set by a constructor: the first arena
/// is made before `main`, by allocations of the runtime's start-up.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static COMMIT_ARENAS_AS_USED: extern "C" fn() = {
    extern "C" fn commit_arenas_as_used() {
        // SAFETY: a store into mimalloc's option table, which needs no
        // initialization (an option set is not read from the environment).
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
    }
    commit_arenas_as_used
};

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
