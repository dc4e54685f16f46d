//! Recorder golden tests: each `tests/recorder/NAME.py` is run with
//! `pyjit --jit-dump`, and the traces as the recorder made them (before the
//! passes) must equal `tests/recorder/NAME.trace`. Object addresses (int
//! constants past 2**32, which the snippets do not otherwise use) print as
//! `<addr>`, since they change from run to run.
//!
//! Environment:
//!   PYJIT_BLESS=1           rewrite the `.trace` files from the runs
//!   PYJIT_FILETEST=substr   run only the snippets whose name contains it

use std::path::Path;
use std::process::Command;

/// The "as recorded" sections of a `--jit-dump` stderr, addresses hidden.
fn recorded(stderr: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in stderr.lines() {
        if let Some(head) = line.strip_prefix("pyjit: trace of ") {
            inside = head.ends_with(" as recorded:");
            if inside {
                // The file by its name only: the checkout's folder varies.
                let head = head.rsplit_once('/').map_or(head, |(_, h)| h);
                out.push_str(&format!("; trace of {head}\n"));
            }
            continue;
        }
        if line.starts_with("pyjit: ") {
            inside = false;
            continue;
        }
        if inside {
            out.push_str(&hide_addresses(line));
            out.push('\n');
        }
    }
    out
}

fn hide_addresses(line: &str) -> String {
    let Some(at) = line.find("= const ") else { return line.to_string() };
    let value = &line[at + "= const ".len()..];
    match value.parse::<i128>() {
        Ok(v) if v.unsigned_abs() > 1 << 32 => format!("{}= const <addr>", &line[..at]),
        _ => line.to_string(),
    }
}

#[test]
fn recorded_traces_match_their_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/recorder");
    let bless = std::env::var_os("PYJIT_BLESS").is_some_and(|v| v == "1");
    let filter = std::env::var("PYJIT_FILETEST").unwrap_or_default();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/recorder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".py") && n.contains(&filter))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no snippet in tests/recorder matches {filter:?}");
    let mut failures = Vec::new();
    for name in &names {
        let out = Command::new(env!("CARGO_BIN_EXE_pyjit"))
            .args(["--jit-dump", name])
            .current_dir(&dir)
            .output()
            .expect("run pyjit");
        assert!(out.status.success(), "{name} failed: {}", String::from_utf8_lossy(&out.stderr));
        let got = recorded(&String::from_utf8_lossy(&out.stderr));
        assert!(!got.is_empty(), "{name}: nothing was recorded");
        let expected_path = dir.join(name.replace(".py", ".trace"));
        if bless {
            std::fs::write(&expected_path, &got).expect("write .trace");
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if want != got {
            let diff: Vec<String> = want
                .lines()
                .zip(got.lines())
                .enumerate()
                .filter(|(_, (w, g))| w != g)
                .take(10)
                .map(|(i, (w, g))| format!("  line {}:\n  - {w}\n  + {g}", i + 1))
                .collect();
            failures.push(format!(
                "{name}: the recorded trace differs from {} ({} lines expected, {} recorded)\n{}",
                expected_path.display(),
                want.lines().count(),
                got.lines().count(),
                diff.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}\n(PYJIT_BLESS=1 rewrites the .trace files)", failures.join("\n\n"));
}

#[test]
fn addresses_are_hidden_but_small_constants_kept() {
    assert_eq!(hide_addresses("  v5:i64 = const 2199044329568"), "  v5:i64 = const <addr>");
    assert_eq!(hide_addresses("  v5:i64 = const 72"), "  v5:i64 = const 72");
    assert_eq!(hide_addresses("  v5:f64 = const 1e300"), "  v5:f64 = const 1e300");
}
