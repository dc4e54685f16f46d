//! What a script says must compile, checked against `--jit-log`.
//!
//! A corpus script marks each line where the JIT logs a hot loop or a hot
//! function (a loop's `for`/`while` line, a function's `def` line) with a
//! trailing comment saying what must happen there at the default threshold:
//!
//! ```text
//! for i in range(n):  # jit: compiled
//! while x:  # jit: interpreted (an operation left to the interpreter)
//! ```
//!
//! `compiled` holds when the site compiled at least once; `interpreted (...)`
//! names every reason logged for a site that never compiled (without its
//! bytecode offset, which moves with unrelated edits), sorted and
//! joined by "; ". Several sites on one line are listed in the order of
//! their names, separated by " | " (`name: outcome`). A hot site on an
//! unmarked line, a marked line that was never hot, and an outcome other
//! than the marked one all fail, so a change that keeps loops interpreted
//! cannot pass silently; `PYJIT_BLESS=1` rewrites the marks from the log.

use std::collections::BTreeMap;

/// The prefix of the marks in a script.
pub const MARK: &str = "# jit:";

/// Where the log says something about one site: its line and the name it
/// printed (`f`, `<module>`, `function f`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Site {
    line: usize,
    name: String,
}

#[derive(Default, Debug)]
struct Outcome {
    compiled: bool,
    reasons: Vec<String>,
}

impl Outcome {
    fn describe(&self) -> String {
        if self.compiled {
            return "compiled".to_string();
        }
        let mut r = self.reasons.clone();
        r.sort();
        r.dedup();
        format!("interpreted ({})", r.join("; "))
    }
}

/// Splits the JIT's log lines (`pyjit: ...`) out of a run's stderr; the
/// rest is the program's own stderr.
pub fn split_log(stderr: &[u8]) -> (Vec<u8>, Vec<String>) {
    let mut rest = Vec::new();
    let mut log = Vec::new();
    for line in stderr.split_inclusive(|&b| b == b'\n') {
        match std::str::from_utf8(line).ok().and_then(|l| l.strip_prefix("pyjit: ")) {
            Some(l) => log.push(l.trim_end().to_string()),
            None => rest.extend_from_slice(line),
        }
    }
    (rest, log)
}

/// The outcome of each site of `script` in a `--jit-log`.
fn sites_in_log(log: &[String], script: &str) -> BTreeMap<Site, Outcome> {
    let mut sites: BTreeMap<Site, Outcome> = BTreeMap::new();
    for l in log {
        // The log names the file as the VM resolved it (often absolute).
        let Some(at) = l.find(&format!("{script}:")) else { continue };
        if at > 0 && !l[..at].ends_with('/') {
            continue;
        }
        let rest = &l[at + script.len() + 1..];
        // `LINE (NAME): compiled in ...` or `LINE (NAME): stays interpreted: WHY`
        let Some((line, rest)) = rest.split_once(" (") else { continue };
        let Ok(line) = line.parse::<usize>() else { continue };
        let Some((name, what)) = rest.split_once("): ") else { continue };
        let o = sites.entry(Site { line, name: name.to_string() }).or_default();
        if what.starts_with("compiled in ") {
            o.compiled = true;
        } else if let Some(why) = what.strip_prefix("stays interpreted: ") {
            // Without the bytecode offset, which moves with unrelated edits.
            let why = match why.rfind(" (at instruction ") {
                Some(at) if why.ends_with(')') => &why[..at],
                _ => why,
            };
            o.reasons.push(why.to_string());
        }
    }
    sites
}

/// What the log says per line, in the marks' words.
fn observed(log: &[String], script: &str) -> BTreeMap<usize, String> {
    let mut by_line: BTreeMap<usize, Vec<(String, String)>> = BTreeMap::new();
    for (site, o) in sites_in_log(log, script) {
        by_line.entry(site.line).or_default().push((site.name, o.describe()));
    }
    by_line
        .into_iter()
        .map(|(line, sites)| {
            let text = if sites.len() == 1 {
                sites[0].1.clone()
            } else {
                sites.iter().map(|(n, o)| format!("{n}: {o}")).collect::<Vec<_>>().join(" | ")
            };
            (line, text)
        })
        .collect()
}

/// The marks of a script's source, by line (1-based).
fn marks(source: &str) -> BTreeMap<usize, String> {
    source
        .lines()
        .enumerate()
        .filter_map(|(i, l)| l.find(MARK).map(|at| (i + 1, l[at + MARK.len()..].trim().to_string())))
        .collect()
}

/// Mismatches between a script's marks and what the log says, one message each.
pub fn check(source: &str, log: &[String], script: &str) -> Vec<String> {
    let want = marks(source);
    let got = observed(log, script);
    let mut problems = Vec::new();
    for (line, g) in &got {
        match want.get(line) {
            None => problems.push(format!("line {line}: the JIT says `{g}` but the line has no `{MARK}` mark")),
            Some(w) if w != g => problems.push(format!("line {line}: marked `{MARK} {w}` but the JIT says `{g}`")),
            Some(_) => {}
        }
    }
    for (line, w) in &want {
        if !got.contains_key(line) {
            problems.push(format!("line {line}: marked `{MARK} {w}` but the JIT logged nothing there"));
        }
    }
    problems
}

/// The source with its marks rewritten from the log.
pub fn bless(source: &str, log: &[String], script: &str) -> String {
    let got = observed(log, script);
    let mut out = String::new();
    for (i, l) in source.split_inclusive('\n').enumerate() {
        let (body, nl) = match l.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (l, ""),
        };
        let code = match body.find(MARK) {
            Some(at) => body[..at].trim_end(),
            None => body,
        };
        match got.get(&(i + 1)) {
            Some(g) => out.push_str(&format!("{code}  {MARK} {g}{nl}")),
            None => out.push_str(&format!("{code}{nl}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &[&str] = &[
        "s.py:3 (f): stays interpreted: a value still unbound (at instruction 12)",
        "s.py:3 (f): compiled in 2.00 ms (3 blocks, 1 exits)",
        "/work/corpus/s.py:7 (<module>): stays interpreted: an operation left to the interpreter",
        "other.py:3 (g): compiled in 1.00 ms (1 blocks, 0 exits)",
        "/tmp/not_s.py:7 (h): compiled in 1.00 ms (1 blocks, 0 exits)",
        "2 trace(s) compiled; 1 of 3 hot loops/functions stayed interpreted",
    ];

    fn log() -> Vec<String> {
        LOG.iter().map(|s| s.to_string()).collect()
    }

    const SRC: &str = "def f(n):\n    t = 0\n    for i in range(n):  # jit: compiled\n        t += i\n    return t\n\nwhile True:  # jit: interpreted (an operation left to the interpreter)\n    break\n";

    #[test]
    fn marks_that_match_the_log_pass() {
        assert!(check(SRC, &log(), "s.py").is_empty());
    }

    #[test]
    fn a_loop_that_stops_compiling_fails() {
        let mut l = log();
        l.remove(1);
        let p = check(SRC, &l, "s.py");
        assert_eq!(p, vec!["line 3: marked `# jit: compiled` but the JIT says `interpreted (a value still unbound)`"]);
    }

    #[test]
    fn unmarked_and_stale_marks_fail() {
        let p = check("x = 1\n", &log(), "s.py");
        assert_eq!(p.len(), 2);
        let p = check(SRC, &[], "s.py");
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn bless_writes_what_check_accepts() {
        let plain = "def f(n):\n    t = 0\n    for i in range(n):  # note\n        t += i\n    return t\n\nwhile True:  # jit: compiled\n    break\n";
        let blessed = bless(plain, &log(), "s.py");
        assert!(check(&blessed, &log(), "s.py").is_empty(), "{blessed}");
        assert!(blessed.contains("# note  # jit: compiled\n"));
    }

    #[test]
    fn the_program_s_stderr_is_kept_apart() {
        let (rest, l) = split_log(b"pyjit: s.py:1 (f): compiled in 1 ms\nTraceback\nValueError: x\npyjit: 1 trace(s)\n");
        assert_eq!(rest, b"Traceback\nValueError: x\n");
        assert_eq!(l.len(), 2);
    }
}
