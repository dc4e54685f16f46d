//! Helpers shared by the integration tests that run Python scripts under
//! `python3` and under `pyjit` in its modes and compare what they do
//! (`tests/differential.rs`, `tests/generated_programs.rs`).
//!
//! Compared per run: stdout bytes, exit status, and (only where the reference
//! exits nonzero) the last non-empty line of stderr, i.e. the exception line.
//! A run that times out or dies from a signal is always a failure.

#![allow(dead_code)] // each test crate uses its own subset

pub mod jit_expect;

use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Environment variables that change pyjit's mode; cleared so each run gets
/// exactly the mode its flags ask for.
pub const MODE_ENV: &[&str] = &[
    "PYJIT_DISABLE_JIT",
    "NUMBA_DISABLE_JIT",
    "PYJIT_JIT_THRESHOLD",
    "PYJIT_LOG",
];

/// The reference interpreter: `PYJIT_DIFF_PYTHON`, default `python3`.
pub fn reference_python() -> String {
    std::env::var("PYJIT_DIFF_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

/// Whether `Mode::Threshold1` runs with `PYJIT_OBJECT_MODE=always`: the
/// corpus does (object mode tested on every script); generated programs do
/// not (at threshold 1 it compiles the standard library's loops too, many
/// times over, which takes seconds).
pub static OBJECT_MODE_ALWAYS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    CPython,
    NoJit,
    Default,
    Threshold1,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::CPython => "python3",
            Mode::NoJit => "pyjit --no-jit",
            Mode::Default => "pyjit --jit-sync (default threshold)",
            Mode::Threshold1 => "pyjit --jit-threshold 1",
        }
    }

    pub fn command(self, python: &str, script: &str) -> Command {
        self.command_with(python, script, &[])
    }

    /// The command with pyjit's own `flags` (ignored for CPython).
    pub fn command_with(self, python: &str, script: &str, flags: &[&str]) -> Command {
        let mut cmd = match self {
            Mode::CPython => Command::new(python),
            // PYJIT_TEST_BIN: a frozen copy for long soak runs, so a rebuild
            // during the run does not change what is tested.
            _ => Command::new(std::env::var_os("PYJIT_TEST_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_pyjit").into())),
        };
        match self {
            Mode::NoJit => {
                cmd.arg("--no-jit");
            }
            // Every loop at once; where the test asks, object mode's too
            // (loops made mostly of operations through the VM).
            Mode::Threshold1 => {
                cmd.args(["--jit-threshold", "1"]);
                if OBJECT_MODE_ALWAYS.load(std::sync::atomic::Ordering::Relaxed) {
                    cmd.env("PYJIT_OBJECT_MODE", "always");
                }
            }
            // Loops wait for their native code, so `--jit-log` says the
            // same on every run (the `# jit:` marks); threshold 1 compiles
            // on the compiler thread, as users get it, and native code
            // comes in wherever it is ready.
            Mode::Default => {
                cmd.arg("--jit-sync");
            }
            Mode::CPython => {}
        }
        if self != Mode::CPython {
            cmd.args(flags);
        }
        cmd.arg(script);
        cmd
    }
}

pub struct RunResult {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// None when the process could not be started or waited for.
    pub status: Option<ExitStatus>,
    pub timed_out: bool,
    pub error: Option<String>,
    pub elapsed: Duration,
    /// The limit the run had (for the report of a timeout).
    pub timeout: Duration,
}

impl RunResult {
    /// A problem that makes this run a failure on its own, whatever the reference did.
    pub fn fatal(&self) -> Option<String> {
        if let Some(e) = &self.error {
            return Some(format!("could not run: {e}"));
        }
        if self.timed_out {
            return Some(format!("timed out after {} s", self.timeout.as_secs()));
        }
        match self.status {
            None => Some("no exit status".to_string()),
            Some(st) => st.signal().map(|sig| {
                format!(
                    "killed by signal {sig}{}",
                    if st.core_dumped() {
                        " (core dumped)"
                    } else {
                        ""
                    }
                )
            }),
        }
    }

    pub fn code(&self) -> Option<i32> {
        self.status.and_then(|s| s.code())
    }

    pub fn describe_status(&self) -> String {
        match (self.code(), self.fatal()) {
            (_, Some(f)) => f,
            (Some(c), None) => format!("exit {c}"),
            (None, None) => "unknown".to_string(),
        }
    }

    pub fn last_stderr_line(&self) -> String {
        String::from_utf8_lossy(&self.stderr)
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim_end()
            .to_string()
    }

    pub fn stderr_tail(&self, n: usize) -> String {
        let text = String::from_utf8_lossy(&self.stderr);
        let lines: Vec<&str> = text.lines().collect();
        let start = lines.len().saturating_sub(n);
        if start == lines.len() {
            return "        | (empty)".to_string();
        }
        lines[start..]
            .iter()
            .map(|l| format!("        | {}", clip(l)))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub fn clip(s: &str) -> String {
    const MAX: usize = 200;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}...")
    }
}

fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut p) = pipe {
            let _ = p.read_to_end(&mut buf);
        }
        buf
    })
}

/// Kills the child and anything it started (it leads its own process group), so
/// that no leftover process keeps the output pipes open.
fn kill_group(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let _ = child.kill();
}

fn wait_with_timeout(
    child: &mut Child,
    timeout: Duration,
) -> (Option<ExitStatus>, bool, Option<String>) {
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(st)) => return (Some(st), false, None),
            Ok(None) if Instant::now() >= deadline => {
                kill_group(child);
                return (child.wait().ok(), true, None);
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(e) => {
                kill_group(child);
                let _ = child.wait();
                return (None, false, Some(format!("wait failed: {e}")));
            }
        }
    }
}

/// Runs `script` (a path relative to `dir`, or absolute) in `mode` with `dir` as
/// the working directory, killing it after `timeout`.
pub fn run(mode: Mode, python: &str, dir: &Path, script: &str, timeout: Duration) -> RunResult {
    run_with(mode, python, dir, script, timeout, &[])
}

/// `run` with pyjit's own `flags` (`--jit-log`).
pub fn run_with(mode: Mode, python: &str, dir: &Path, script: &str, timeout: Duration, flags: &[&str]) -> RunResult {
    let mut cmd = mode.command_with(python, script, flags);
    cmd.current_dir(dir)
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONIOENCODING", "utf-8");
    for var in MODE_ENV {
        cmd.env_remove(var);
    }
    run_command(cmd, None, timeout)
}

/// Runs `cmd` as it is set up (arguments, environment, folder) with `input`
/// as its standard input (none: /dev/null), killing it after `timeout`.
pub fn run_command(mut cmd: Command, input: Option<&[u8]>, timeout: Duration) -> RunResult {
    let start = Instant::now();
    cmd.process_group(0)
        .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return RunResult {
                stdout: Vec::new(),
                stderr: Vec::new(),
                status: None,
                timed_out: false,
                error: Some(format!("{:?}: {e}", cmd.get_program())),
                elapsed: start.elapsed(),
                timeout,
            };
        }
    };
    let feeder = child.stdin.take().map(|mut pipe| {
        let data = input.unwrap_or_default().to_vec();
        thread::spawn(move || {
            use std::io::Write;
            // A program that stops reading closes the pipe: not an error here.
            let _ = pipe.write_all(&data);
        })
    });
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let (status, timed_out, error) = wait_with_timeout(&mut child, timeout);
    if let Some(f) = feeder {
        let _ = f.join();
    }
    RunResult {
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
        status,
        timed_out,
        error,
        elapsed: start.elapsed(),
        timeout,
    }
}

/// The first line where two outputs differ, for the report.
pub fn first_difference(expected: &[u8], got: &[u8]) -> String {
    let e: Vec<&[u8]> = expected.split_inclusive(|&b| b == b'\n').collect();
    let g: Vec<&[u8]> = got.split_inclusive(|&b| b == b'\n').collect();
    let show = |lines: &[&[u8]], i: usize| match lines.get(i) {
        Some(l) => format!("{:?}", clip(&String::from_utf8_lossy(l))),
        None => "<end of output>".to_string(),
    };
    let i = (0..e.len().max(g.len()))
        .find(|&i| e.get(i) != g.get(i))
        .unwrap_or(0);
    format!(
        "first difference at stdout line {} ({} vs {} bytes in all)\n        expected: {}\n        got:      {}",
        i + 1,
        expected.len(),
        got.len(),
        show(&e, i),
        show(&g, i)
    )
}

/// Compares `got` against `reference`; returns one message per mismatch.
pub fn compare(reference: &RunResult, ref_mode: Mode, got: &RunResult, mode: Mode) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(f) = got.fatal() {
        problems.push(format!(
            "[{}] {f}\n        stderr tail:\n{}",
            mode.name(),
            got.stderr_tail(8)
        ));
        return problems;
    }
    if got.stdout != reference.stdout {
        problems.push(format!(
            "[{}] stdout differs from {}: {}",
            mode.name(),
            ref_mode.name(),
            first_difference(&reference.stdout, &got.stdout)
        ));
    }
    if got.code() != reference.code() {
        problems.push(format!(
            "[{}] exit status differs: got {}, {} gave {}\n        stderr tail:\n{}",
            mode.name(),
            got.describe_status(),
            ref_mode.name(),
            reference.describe_status(),
            got.stderr_tail(8)
        ));
    } else if reference.code() != Some(0) {
        let (want, have) = (reference.last_stderr_line(), got.last_stderr_line());
        if want != have {
            problems.push(format!(
                "[{}] last stderr line differs from {}\n        expected: {:?}\n        got:      {:?}",
                mode.name(),
                ref_mode.name(),
                clip(&want),
                clip(&have)
            ));
        }
    }
    problems
}
