//! File tests for the passes, in the style of Cranelift's `.clif`
//! filetests and PyPy's `optimize_loop(ops, expected)`: each file under
//! `tests/filetests/` holds an input trace, the passes to run on it and the
//! trace they must give, all as text (`Display for Trace`, read back by
//! `pyjit_ir::parse`).
//!
//! A file (`*.trace`):
//!
//! ```text
//! ; What the case shows (comment lines start with `;`).
//! ; passes: fold dce
//! trace t inputs=1
//! b0():
//!   ...                       the input trace; `;` comments allowed here
//! e0: pc=3 depth=0 "..." [...]
//! ; expect:
//! trace t inputs=1           the expected output, exactly as printed
//! ...
//! ```
//!
//! - `; passes: NAME NAME ...` (once, before `; expect:`) names the passes
//!   to run, in order: `dce`, `exits`, `fold`, `ifconv`, `range`, `sink`,
//!   `version` (each module's `run`), or `optimize` (the whole pipeline).
//! - Everything after the line `; expect:` is the expected trace text,
//!   compared line by line with the printed output (trailing blanks and
//!   blank lines at either end ignored). No comments there: it is what
//!   the printer prints.
//!
//! For each file the runner parses the input, verifies it, runs the passes
//! (verifying after each, so a pass that breaks a trace is named), prints
//! the result (checking that it parses back to the same text) and
//! compares it with the expected text; a mismatch fails
//! with a diff (`-` expected, `+` actual) under the file's name. Every file
//! runs; the test fails at the end if any did.
//!
//! Environment:
//!   PYJIT_FILETEST=substring   run only the files whose name contains it
//!   PYJIT_BLESS=1              write each file's actual output as its
//!                              expected section (review the diff!)

use pyjit_ir::{Trace, parse, verify};
use std::path::{Path, PathBuf};

const SEPARATOR: &str = "; expect:";
const PASSES: &str = "; passes:";

fn run_pass(name: &str, t: &mut Trace) -> Result<(), String> {
    use pyjit_passes::*;
    match name {
        "dce" => dce::run(t),
        "exits" => exits::run(t),
        "fold" => fold::run(t),
        "ifconv" => drop(ifconv::run(t)),
        "range" => drop(range::run(t)),
        "sink" => sink::run(t),
        "version" => drop(version::run(t)),
        "optimize" => return optimize(t).map_err(|e| format!("optimize: {e}")),
        _ => return Err(format!("unknown pass `{name}` (dce exits fold ifconv range sink version optimize)")),
    }
    Ok(())
}

/// A file split into its parts.
struct Case<'a> {
    passes: Vec<&'a str>,
    /// The text up to and including the separator line (kept by blessing).
    head: &'a str,
    /// The input trace (with the comment lines, which the parser skips),
    /// and the line it starts at (for messages).
    input: &'a str,
    expected: Option<&'a str>,
}

fn split(text: &str) -> Result<Case<'_>, String> {
    let mut offset = 0;
    let mut sep = None;
    for line in text.split_inclusive('\n') {
        if line.trim() == SEPARATOR {
            sep = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let (input, head, expected) = match sep {
        Some((at, end)) => (&text[..at], &text[..end], Some(&text[end..])),
        None => (text, text, None),
    };
    let lines: Vec<&str> = input.lines().filter(|l| l.trim_start().starts_with(PASSES)).collect();
    let [line] = lines[..] else {
        return Err(format!("needs one `{PASSES} NAME ...` line before `{SEPARATOR}`, has {}", lines.len()));
    };
    let passes: Vec<&str> = line.trim_start()[PASSES.len()..].split_whitespace().collect();
    if passes.is_empty() {
        return Err(format!("`{PASSES}` names no pass"));
    }
    Ok(Case { passes, head, input, expected })
}

/// Runs a case's passes over its input: the printed result.
fn run_case(case: &Case<'_>) -> Result<String, String> {
    let mut t = parse(case.input).map_err(|e| format!("input: {e}"))?;
    verify(&t).map_err(|e| format!("input: {e}"))?;
    for p in &case.passes {
        run_pass(p, &mut t)?;
        verify(&t).map_err(|e| format!("after `{p}`: {e}\n{t}"))?;
    }
    // The output reads back as it printed (so an expected section could
    // be another file's input).
    let text = t.to_string();
    match parse(&text) {
        Ok(back) if back.to_string() == text => Ok(text),
        Ok(back) => Err(format!("the output prints differently once parsed:\n{text}\nthen\n{back}")),
        Err(e) => Err(format!("the output does not parse: {e}\n{text}")),
    }
}

fn normalize(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
    let last = lines.iter().rposition(|l| !l.is_empty()).map_or(first, |i| i + 1);
    lines[first..last].to_vec()
}

/// A line diff (longest common subsequence): ` ` common, `-` only in
/// `want`, `+` only in `got`.
fn diff(want: &[&str], got: &[&str]) -> String {
    let (n, m) = (want.len(), got.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if want[i] == got[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < n || j < m {
        if i < n && j < m && want[i] == got[j] {
            out += &format!("  {}\n", want[i]);
            (i, j) = (i + 1, j + 1);
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out += &format!("- {}\n", want[i]);
            i += 1;
        } else {
            out += &format!("+ {}\n", got[j]);
            j += 1;
        }
    }
    out
}

enum Outcome {
    Pass,
    /// Rewritten with its actual output.
    Blessed,
    Fail(String),
}

/// Checks one file's text; with `bless`, returns the text to write when
/// the output differs.
fn check(text: &str, bless: bool) -> (Outcome, Option<String>) {
    let case = match split(text) {
        Ok(c) => c,
        Err(e) => return (Outcome::Fail(e), None),
    };
    let got = match run_case(&case) {
        Ok(g) => g,
        Err(e) => return (Outcome::Fail(e), None),
    };
    let got_lines = normalize(&got);
    if let Some(want) = case.expected
        && normalize(want) == got_lines
    {
        return (Outcome::Pass, None);
    }
    if bless {
        let head = if case.expected.is_some() { case.head.to_string() } else { format!("{}\n{SEPARATOR}\n", case.head.trim_end()) };
        return (Outcome::Blessed, Some(format!("{head}{got}")));
    }
    match case.expected {
        None => (Outcome::Fail(format!("no `{SEPARATOR}` section; the output is:\n{got}")), None),
        Some(want) => (
            Outcome::Fail(format!(
                "the output differs from the expected text (- expected, + actual):\n{}",
                diff(&normalize(want), &got_lines)
            )),
            None,
        ),
    }
}

fn files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/filetests");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "trace"))
        .collect();
    v.sort();
    v
}

#[test]
fn filetests() {
    let filter = std::env::var("PYJIT_FILETEST").ok();
    let bless = std::env::var("PYJIT_BLESS").is_ok_and(|v| !v.is_empty() && v != "0");
    let (mut ran, mut failures, mut blessed) = (0, Vec::new(), Vec::new());
    for path in files() {
        let name = format!("filetests/{}", path.file_name().unwrap().to_string_lossy());
        if filter.as_deref().is_some_and(|f| !name.contains(f)) {
            continue;
        }
        ran += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        match check(&text, bless) {
            (Outcome::Pass, _) => {}
            (Outcome::Blessed, new) => {
                std::fs::write(&path, new.unwrap()).unwrap();
                blessed.push(name);
            }
            (Outcome::Fail(why), _) => failures.push(format!("{name}: {why}")),
        }
    }
    for b in &blessed {
        eprintln!("blessed {b}");
    }
    assert!(ran > 0, "no filetest matches PYJIT_FILETEST={filter:?}");
    assert!(failures.is_empty(), "{} of {ran} filetests failed:\n\n{}", failures.len(), failures.join("\n"));
}

// The runner's own checks: a case that cannot fail would test nothing.

const CASE: &str = "\
; passes: fold
trace t inputs=0
b0():
  v0:i64 = const 2
  v1:i64 = iaddwrap v0, v0
  exit e0
e0: pc=0 depth=0 \"\" [local0=v1]
; expect:
";

#[test]
fn runner_passes_a_matching_expectation() {
    let text = format!("{CASE}trace t inputs=0\nb0():\n  v0:i64 = const 2\n  v1:i64 = const 4\n  exit e0\ne0: pc=0 depth=0 \"\" [local0=v1]\n\n");
    assert!(matches!(check(&text, false).0, Outcome::Pass));
}

#[test]
fn runner_fails_a_wrong_expectation_with_a_diff() {
    let text = format!("{CASE}trace t inputs=0\nb0():\n  v0:i64 = const 2\n  v1:i64 = iaddwrap v0, v0\n  exit e0\ne0: pc=0 depth=0 \"\" [local0=v1]\n");
    let (Outcome::Fail(why), _) = check(&text, false) else { panic!("a wrong expectation passed") };
    assert!(why.contains("\n    v0:i64 = const 2\n-   v1:i64 = iaddwrap v0, v0\n+   v1:i64 = const 4\n    exit e0\n"), "{why}");
    // Blessing writes the output in its place and keeps the head.
    let (Outcome::Blessed, Some(new)) = check(&text, true) else { panic!() };
    assert!(new.starts_with(CASE) && new.contains("v1:i64 = const 4"), "{new}");
    assert!(matches!(check(&new, false).0, Outcome::Pass));
}

#[test]
fn runner_rejects_malformed_files() {
    let fail = |text: &str| match check(text, false).0 {
        Outcome::Fail(why) => why,
        _ => panic!("passed: {text}"),
    };
    assert!(fail(&CASE.replace("; passes: fold\n", "")).contains("needs one `; passes:"));
    assert!(fail(&CASE.replace("fold", "fold frobnicate")).contains("unknown pass `frobnicate`"));
    assert!(fail(&CASE.replace("; expect:\n", "")).contains("no `; expect:` section"));
    assert!(fail(&CASE.replace("v0, v0", "v0, v9")).contains("input: line 5: v9 is used but never defined"));
    assert!(fail(&CASE.replace("exit e0", "exit e3")).contains("input: invalid trace: e3 does not exist"));
    // An empty expectation is a wrong one.
    assert!(fail(CASE).contains("+ trace t inputs=0"));
}
