//! `pyjit`: run a Python script with hot loops compiled to native code.

use clap::Parser;
use pyjit_vm::{JitOptions, RunMode};
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A tracing JIT compiler for Python: runs a script like python3 does,
/// compiling its hot numeric loops to native code.
#[derive(Parser, Debug)]
#[command(name = "pyjit", version, about, trailing_var_arg = true, disable_help_subcommand = true)]
struct Cli {
    /// Run purely interpreted (also PYJIT_DISABLE_JIT=1 or NUMBA_DISABLE_JIT=1).
    #[arg(long)]
    no_jit: bool,
    /// Back-edges that make a loop hot; 1 compiles every loop as early as possible.
    #[arg(long, env = "PYJIT_JIT_THRESHOLD", value_parser = clap::value_parser!(u16).range(1..))]
    jit_threshold: Option<u16>,
    /// Print one line per loop to stderr: compiled or not, why, how long (also PYJIT_LOG=1).
    #[arg(long)]
    jit_log: bool,
    /// Print each trace before and after the passes to stderr (also PYJIT_DUMP=1).
    #[arg(long)]
    jit_dump: bool,
    /// Program passed in as a string.
    #[arg(short = 'c', value_name = "CODE", conflicts_with = "module")]
    command: Option<String>,
    /// Run a library module as a script.
    #[arg(short = 'm', value_name = "MODULE")]
    module: Option<String>,
    /// The script (or `-` for standard input) and its arguments.
    #[arg(allow_hyphen_values = true)]
    args: Vec<String>,
}

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut args = cli.args;
    let mode = if let Some(c) = cli.command {
        RunMode::Command(c)
    } else if let Some(m) = cli.module {
        RunMode::Module(m)
    } else if args.is_empty() {
        eprintln!("pyjit: no script given (the interactive prompt is not supported); try `pyjit --help`");
        return ExitCode::from(2);
    } else {
        match args.remove(0) {
            s if s == "-" => RunMode::Stdin,
            s => RunMode::Script(s),
        }
    };
    let opts = JitOptions {
        enabled: !(cli.no_jit || env_flag("PYJIT_DISABLE_JIT") || env_flag("NUMBA_DISABLE_JIT")),
        threshold: cli.jit_threshold.unwrap_or(JitOptions::default().threshold),
        log: cli.jit_log || env_flag("PYJIT_LOG"),
        dump: cli.jit_dump || env_flag("PYJIT_DUMP"),
    };
    ExitCode::from(pyjit_vm::run(mode, args, opts))
}
