//! Differential test: every `tests/corpus/*.py` must behave under pyjit exactly
//! as under CPython (`python3`), with the JIT off, at the default threshold and
//! at `--jit-threshold 1`.
//!
//! Compared per run: stdout bytes, exit status, and (only where the reference
//! exits nonzero) the last non-empty line of stderr, i.e. the exception line.
//! A run that times out or dies from a signal is always a failure.
//!
//! Scripts listed in `tests/corpus/known_vm_differences.txt` are ones where the
//! interpreter itself (`pyjit --no-jit`, i.e. RustPython) differs from CPython;
//! for those the JIT modes are compared against `--no-jit` only.
//!
//! Environment:
//!   PYJIT_DIFF_FILTER=substring   run only the scripts whose file name contains it
//!   PYJIT_DIFF_PYTHON=path        reference interpreter (default `python3`)

use std::collections::{BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);
const KNOWN_FILE: &str = "known_vm_differences.txt";
/// Environment variables that change pyjit's mode; cleared so each run gets
/// exactly the mode its flags ask for.
const MODE_ENV: &[&str] = &[
    "PYJIT_DISABLE_JIT",
    "NUMBA_DISABLE_JIT",
    "PYJIT_JIT_THRESHOLD",
    "PYJIT_LOG",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    CPython,
    NoJit,
    Default,
    Threshold1,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::CPython => "python3",
            Mode::NoJit => "pyjit --no-jit",
            Mode::Default => "pyjit (default threshold)",
            Mode::Threshold1 => "pyjit --jit-threshold 1",
        }
    }

    fn command(self, python: &str, script: &str) -> Command {
        let mut cmd = match self {
            Mode::CPython => Command::new(python),
            _ => Command::new(env!("CARGO_BIN_EXE_pyjit")),
        };
        match self {
            Mode::NoJit => {
                cmd.arg("--no-jit");
            }
            Mode::Threshold1 => {
                cmd.args(["--jit-threshold", "1"]);
            }
            Mode::CPython | Mode::Default => {}
        }
        cmd.arg(script);
        cmd
    }
}

struct RunResult {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// None when the process could not be started or waited for.
    status: Option<ExitStatus>,
    timed_out: bool,
    error: Option<String>,
    elapsed: Duration,
}

impl RunResult {
    /// A problem that makes this run a failure on its own, whatever the reference did.
    fn fatal(&self) -> Option<String> {
        if let Some(e) = &self.error {
            return Some(format!("could not run: {e}"));
        }
        if self.timed_out {
            return Some(format!("timed out after {} s", TIMEOUT.as_secs()));
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

    fn code(&self) -> Option<i32> {
        self.status.and_then(|s| s.code())
    }

    fn describe_status(&self) -> String {
        match (self.code(), self.fatal()) {
            (_, Some(f)) => f,
            (Some(c), None) => format!("exit {c}"),
            (None, None) => "unknown".to_string(),
        }
    }

    fn last_stderr_line(&self) -> String {
        String::from_utf8_lossy(&self.stderr)
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim_end()
            .to_string()
    }

    fn stderr_tail(&self, n: usize) -> String {
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

fn clip(s: &str) -> String {
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

fn wait_with_timeout(child: &mut Child) -> (Option<ExitStatus>, bool, Option<String>) {
    let deadline = Instant::now() + TIMEOUT;
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

fn run(mode: Mode, python: &str, corpus: &Path, script: &str) -> RunResult {
    let start = Instant::now();
    let mut cmd = mode.command(python, script);
    cmd.current_dir(corpus)
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONIOENCODING", "utf-8");
    for var in MODE_ENV {
        cmd.env_remove(var);
    }
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
            };
        }
    };
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let (status, timed_out, error) = wait_with_timeout(&mut child);
    RunResult {
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
        status,
        timed_out,
        error,
        elapsed: start.elapsed(),
    }
}

/// The first line where two outputs differ, for the report.
fn first_difference(expected: &[u8], got: &[u8]) -> String {
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
fn compare(reference: &RunResult, ref_mode: Mode, got: &RunResult, mode: Mode) -> Vec<String> {
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

/// Runs every mode for one script and returns its mismatches.
fn check_script(
    python: &str,
    corpus: &Path,
    script: &str,
    known_vm_difference: bool,
) -> Vec<String> {
    let (ref_mode, candidates): (Mode, &[Mode]) = if known_vm_difference {
        (Mode::NoJit, &[Mode::Default, Mode::Threshold1])
    } else {
        (
            Mode::CPython,
            &[Mode::NoJit, Mode::Default, Mode::Threshold1],
        )
    };
    let reference = run(ref_mode, python, corpus, script);
    if let Some(f) = reference.fatal() {
        return vec![format!(
            "[{}] reference run failed: {f}\n        stderr tail:\n{}",
            ref_mode.name(),
            reference.stderr_tail(8)
        )];
    }
    let mut problems = Vec::new();
    let mut timings = vec![format!(
        "{} {:.2}s",
        ref_mode.name(),
        reference.elapsed.as_secs_f64()
    )];
    for &mode in candidates {
        let got = run(mode, python, corpus, script);
        timings.push(format!("{} {:.2}s", mode.name(), got.elapsed.as_secs_f64()));
        problems.extend(compare(&reference, ref_mode, &got, mode));
    }
    eprintln!(
        "{} {script}{} ({})",
        if problems.is_empty() { "ok  " } else { "FAIL" },
        if known_vm_difference {
            " [known VM difference: JIT modes vs --no-jit]"
        } else {
            ""
        },
        timings.join(", ")
    );
    problems
}

fn read_known(corpus: &Path) -> BTreeSet<String> {
    let path = corpus.join(KNOWN_FILE);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn corpus_scripts(corpus: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", corpus.display()))
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".py"))
        .collect();
    names.sort();
    names
}

/// (position in the sorted corpus, script name, mismatches)
type Outcome = (usize, String, Vec<String>);

#[test]
fn corpus_matches_cpython() {
    let corpus: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("corpus");
    let python = std::env::var("PYJIT_DIFF_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let filter = std::env::var("PYJIT_DIFF_FILTER").unwrap_or_default();

    let known = read_known(&corpus);
    let all = corpus_scripts(&corpus);
    assert!(!all.is_empty(), "no scripts in {}", corpus.display());
    for name in &known {
        if !all.contains(name) {
            eprintln!("warning: {KNOWN_FILE} names {name}, which is not in the corpus");
        }
    }
    let scripts: Vec<String> = all.into_iter().filter(|n| n.contains(&filter)).collect();
    assert!(
        !scripts.is_empty(),
        "PYJIT_DIFF_FILTER={filter:?} matches no script in {}",
        corpus.display()
    );

    let queue: Mutex<VecDeque<(usize, String)>> =
        Mutex::new(scripts.iter().cloned().enumerate().collect());
    let results: Mutex<Vec<Outcome>> = Mutex::new(Vec::new());
    let workers = thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(2, 4)
        .min(scripts.len());
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().unwrap().pop_front();
                    let Some((i, name)) = next else { break };
                    let problems = check_script(&python, &corpus, &name, known.contains(&name));
                    results.lock().unwrap().push((i, name, problems));
                }
            });
        }
    });

    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(i, _, _)| *i);
    let failed: Vec<_> = results.iter().filter(|(_, _, p)| !p.is_empty()).collect();
    if !failed.is_empty() {
        let mut report = format!(
            "{} of {} corpus scripts differ (binary {}):\n",
            failed.len(),
            results.len(),
            env!("CARGO_BIN_EXE_pyjit")
        );
        for (_, name, problems) in &failed {
            let _ = writeln!(report, "\n== {name}");
            for p in problems {
                let _ = writeln!(report, "  {p}");
            }
        }
        let _ = writeln!(
            report,
            "\nRerun one script with PYJIT_DIFF_FILTER=<name> cargo test --release --test differential -- --nocapture"
        );
        panic!("{report}");
    }
}
