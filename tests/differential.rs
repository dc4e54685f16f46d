//! Differential test: every `tests/corpus/*.py` must behave under pyjit exactly
//! as under CPython (`python3`), with the JIT off, at the default threshold and
//! at `--jit-threshold 1`.
//!
//! Compared per run: stdout bytes, exit status, and (only where the reference
//! exits nonzero) the last non-empty line of stderr, i.e. the exception line.
//! A run that times out or dies from a signal is always a failure.
//!
//! The default-threshold run also logs (`--jit-log`): each script marks the
//! lines of its hot loops and functions with what must happen there
//! (`# jit: compiled`, `# jit: interpreted (reason)`; see
//! `common/jit_expect.rs`), so a coverage regression fails here too.
//!
//! Scripts listed in `tests/corpus/known_vm_differences.txt` are ones where the
//! interpreter itself (`pyjit --no-jit`, i.e. RustPython) differs from CPython;
//! for those the JIT modes are compared against `--no-jit` only.
//!
//! Environment:
//!   PYJIT_DIFF_FILTER=substring   run only the scripts whose file name contains it
//!   PYJIT_DIFF_PYTHON=path        reference interpreter (default `python3`)
//!   PYJIT_BLESS=1                 rewrite the scripts' `# jit:` marks from the log

mod common;

use common::{Mode, compare, jit_expect};
use std::collections::{BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

/// Per run. CPython alone takes ~30 s on numba_cuda_kernels.py (numba's
/// CUDA simulator), and `--jit-threshold 1` with object mode compiles
/// hundreds of standard-library loops for a traceback (~10 s): room for a
/// loaded 2-core machine.
const TIMEOUT: Duration = Duration::from_secs(150);
const KNOWN_FILE: &str = "known_vm_differences.txt";

fn run(mode: Mode, python: &str, corpus: &Path, script: &str) -> common::RunResult {
    common::run(mode, python, corpus, script, TIMEOUT)
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
        let mut got = if mode == Mode::Default {
            common::run_with(mode, python, corpus, script, TIMEOUT, &["--jit-log"])
        } else {
            run(mode, python, corpus, script)
        };
        timings.push(format!("{} {:.2}s", mode.name(), got.elapsed.as_secs_f64()));
        if mode == Mode::Default {
            let (stderr, log) = jit_expect::split_log(&got.stderr);
            got.stderr = stderr;
            problems.extend(check_marks(corpus, script, &log));
        }
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

/// The script's `# jit:` marks against the default-threshold run's log
/// (rewritten instead under `PYJIT_BLESS=1`).
fn check_marks(corpus: &Path, script: &str, log: &[String]) -> Vec<String> {
    let path = corpus.join(script);
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    if std::env::var_os("PYJIT_BLESS").is_some_and(|v| v == "1") {
        let blessed = jit_expect::bless(&source, log, script);
        if blessed != source {
            std::fs::write(&path, blessed).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            eprintln!("blessed {script}");
        }
        return Vec::new();
    }
    jit_expect::check(&source, log, script)
        .into_iter()
        .map(|p| format!("[{}] {p} (PYJIT_BLESS=1 rewrites the marks)", Mode::Default.name()))
        .collect()
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
    common::OBJECT_MODE_ALWAYS.store(true, std::sync::atomic::Ordering::Relaxed);
    let corpus: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("corpus");
    let python = common::reference_python();
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

/// `tests/tracebacks/*.py` end in an uncaught exception: the whole stderr
/// (every frame, the source lines and their carets) and the exit status
/// must be python3's in every mode.
#[test]
fn tracebacks_match_cpython() {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("tracebacks");
    let python = common::reference_python();
    let scripts = corpus_scripts(&dir);
    assert!(!scripts.is_empty(), "no scripts in {}", dir.display());
    let mut report = String::new();
    for script in &scripts {
        let reference = run(Mode::CPython, &python, &dir, script);
        if let Some(f) = reference.fatal() {
            let _ = writeln!(report, "== {script}: reference run failed: {f}");
            continue;
        }
        for mode in [Mode::NoJit, Mode::Default, Mode::Threshold1] {
            let got = run(mode, &python, &dir, script);
            if got.stderr != reference.stderr || got.code() != reference.code() || got.stdout != reference.stdout {
                let _ = writeln!(
                    report,
                    "== {script} [{}]: exit {:?} (python3 {:?})\n-- python3 stderr:\n{}\n-- pyjit stderr:\n{}",
                    mode.name(),
                    got.code(),
                    reference.code(),
                    String::from_utf8_lossy(&reference.stderr),
                    String::from_utf8_lossy(&got.stderr)
                );
            }
        }
    }
    assert!(report.is_empty(), "tracebacks differ from python3's:\n{report}");
}
