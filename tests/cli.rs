//! python3's command line, differentially: each case runs the same command
//! line (options, arguments, environment, standard input) under `python3`
//! and under `pyjit`, and compares stdout byte for byte, the exit status,
//! and, where python3 fails, the last line of stderr (or the lines the case
//! names). The prompt is driven through a pseudo-terminal, under both.
//!
//! Every `PYTHON*` variable and pyjit's mode variables are cleared from the
//! environment each run inherits; a case sets the ones it tests.
//!
//! Environment: PYJIT_DIFF_PYTHON=path picks the reference (default python3).

mod common;

use common::{RunResult, reference_python, run_command};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(60);

fn pyjit_bin() -> PathBuf {
    std::env::var_os("PYJIT_TEST_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_pyjit").into()).into()
}

/// A folder of its own for one test, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("pyjit-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(std::fs::canonicalize(&dir).unwrap())
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    fn str(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One command line, run under both interpreters.
#[derive(Clone, Default)]
struct Case<'a> {
    args: Vec<String>,
    stdin: Option<&'a str>,
    env: Vec<(&'a str, String)>,
    dir: Option<&'a Path>,
}

fn case(args: &[&str]) -> Case<'static> {
    Case { args: args.iter().map(|a| a.to_string()).collect(), ..Case::default() }
}

impl<'a> Case<'a> {
    fn stdin(mut self, s: &'a str) -> Self {
        self.stdin = Some(s);
        self
    }

    fn env(mut self, k: &'a str, v: impl Into<String>) -> Self {
        self.env.push((k, v.into()));
        self
    }

    fn dir(mut self, d: &'a Path) -> Self {
        self.dir = Some(d);
        self
    }

    fn describe(&self) -> String {
        let env: Vec<String> = self.env.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
        format!("{} {:?}{}", env.join(" "), self.args, self.stdin.map_or(String::new(), |s| format!(" < {s:?}")))
    }

    fn command(&self, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.args(&self.args);
        for (k, _) in std::env::vars_os() {
            let k = k.to_string_lossy();
            if k.starts_with("PYTHON") || common::MODE_ENV.contains(&k.as_ref()) || k == "PYJIT_DUMP" {
                cmd.env_remove(k.as_ref());
            }
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd.current_dir(self.dir.unwrap_or(&std::env::temp_dir()));
        cmd
    }

    fn run_python(&self) -> RunResult {
        let python = which(&reference_python());
        run_command(self.command(&python), self.stdin.map(str::as_bytes), TIMEOUT)
    }

    fn run_pyjit(&self) -> RunResult {
        run_command(self.command(&pyjit_bin()), self.stdin.map(str::as_bytes), TIMEOUT)
    }

    /// Both runs; fails on a crash or a timeout of either. In stderr, each
    /// interpreter's own path (messages begin with it) reads `<python>`.
    fn both(&self) -> (RunResult, RunResult) {
        let (mut py, mut pj) = (self.run_python(), self.run_pyjit());
        let python = which(&reference_python());
        for (r, names) in [
            (&mut py, vec![python_executable(), python.to_string_lossy().into_owned()]),
            (&mut pj, vec![pyjit_bin().to_string_lossy().into_owned()]),
        ] {
            let mut text = String::from_utf8_lossy(&r.stderr).into_owned();
            for name in names.iter().filter(|n| !n.is_empty()) {
                text = text.replace(name.as_str(), "<python>");
            }
            r.stderr = text.into_bytes();
        }
        if let Some(f) = py.fatal() {
            panic!("{}: python3 {f}", self.describe());
        }
        if let Some(f) = pj.fatal() {
            panic!("{}: pyjit {f}\n{}", self.describe(), pj.stderr_tail(10));
        }
        (py, pj)
    }

    /// stdout, exit status and (when python3 fails) the last stderr line agree.
    fn same(&self) -> (RunResult, RunResult) {
        let (py, pj) = self.both();
        let problems = common::compare(&py, common::Mode::CPython, &pj, common::Mode::Default);
        assert!(
            problems.is_empty(),
            "{}\n{}\n    python3 stderr:\n{}",
            self.describe(),
            problems.join("\n"),
            py.stderr_tail(10)
        );
        (py, pj)
    }

    /// `same`, and stderr whole.
    fn same_stderr(&self) {
        let (py, pj) = self.same();
        assert_eq!(
            String::from_utf8_lossy(&pj.stderr),
            String::from_utf8_lossy(&py.stderr),
            "{}: stderr differs",
            self.describe()
        );
    }
}

/// The reference's full path, so that its usage line names it as run.
fn which(program: &str) -> PathBuf {
    if program.contains('/') {
        return program.into();
    }
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(program)).find(|p| p.is_file()))
        .unwrap_or_else(|| program.into())
}

/// The reference's sys.executable.
fn python_executable() -> String {
    static EXE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    EXE.get_or_init(|| {
        Command::new(which(&reference_python()))
            .args(["-c", "import sys; print(sys.executable)"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default()
    })
    .clone()
}

fn stdout(r: &RunResult) -> String {
    String::from_utf8_lossy(&r.stdout).into_owned()
}

fn stderr(r: &RunResult) -> String {
    String::from_utf8_lossy(&r.stderr).into_owned()
}

const SHOW_ARGV: &str = "import sys; print(sys.argv)";

#[test]
fn arguments_after_the_program_are_its_own() {
    let dir = TempDir::new("argv");
    dir.write("show.py", "import sys\nprint(sys.argv[1:])\n");
    dir.write("pkg/mod.py", "import sys\nprint(sys.argv[1:], __name__)\n");
    let d = dir.path();
    for args in [
        &["-c", SHOW_ARGV, "--version"][..],
        &["-c", SHOW_ARGV, "-h", "-Z", "--", "-c", "x"],
        &["-c", SHOW_ARGV],
        &[&format!("-c{SHOW_ARGV}"), "a"],
        &["-uc", SHOW_ARGV, "-u"],
        &["-E", "-s", "-c", SHOW_ARGV, "-E"],
        &["show.py", "--version", "-c", "-m", "x y", ""],
        &["-u", "-B", "show.py", "-u", "-B"],
        &["--", "show.py", "--"],
        &["-m", "pkg.mod", "--version", "-m"],
        &["-mpkg.mod", "a"],
    ] {
        case(args).dir(d).same();
    }
}

#[test]
fn standard_input_as_the_program() {
    let dir = TempDir::new("stdin");
    let d = dir.path();
    let prog = "import sys\nprint(sys.argv, __name__, __file__)\nprint(sys.path[0] == '')\n";
    case(&[]).stdin(prog).dir(d).same();
    case(&["-"]).stdin(prog).dir(d).same();
    case(&["-", "a", "-c"]).stdin(prog).dir(d).same();
    case(&["-q", "-u", "-", "--version"]).stdin(prog).dir(d).same();
    case(&["--", "-", "x"]).stdin(prog).dir(d).same();
    // A program that fails: its traceback names <stdin>, and shows no source.
    case(&[]).stdin("x = 1\n\ndef f():\n    return 1 / 0\nf()\n").dir(d).same_stderr();
    case(&[]).stdin("import sys\nsys.exit(5)\n").dir(d).same();
    case(&[]).stdin("print('before')\nraise SystemExit('bye')\n").dir(d).same_stderr();
    // A BOM, as in a file.
    case(&[]).stdin("\u{feff}print('bom')\n").dir(d).same();
    case(&[]).stdin("").dir(d).same();
}

#[test]
fn exit_statuses() {
    let dir = TempDir::new("exit");
    let d = dir.path();
    for code in [
        "import sys; sys.exit(7)",
        "import sys; sys.exit(0)",
        "import sys; sys.exit()",
        "raise SystemExit(300)",
        "raise SystemExit('message')",
        "raise SystemExit(None)",
        "1/0",
        "raise KeyError('k')",
    ] {
        case(&["-c", code]).dir(d).same();
    }
    // A syntax error: status 1 (RustPython's parser words some messages its own way).
    let (py, pj) = case(&["-c", "def f(:"]).dir(d).both();
    assert_eq!((pj.code(), py.code()), (Some(1), Some(1)));
    case(&["-c", "raise SystemExit('message')"]).dir(d).same_stderr();
    // A missing script: status 2, and python3's words after its program name.
    let (py, pj) = case(&["no_such_script.py"]).dir(d).same();
    let tail = |r: &RunResult| stderr(r).split_once(": ").map(|(_, t)| t.to_owned()).unwrap_or_default();
    assert_eq!(tail(&pj), tail(&py));
}

/// The first line of stderr, the usage line after the program's name, the
/// advice with the program's name put back to `python`.
fn usage_answer(r: &RunResult) -> Vec<String> {
    stderr(r)
        .lines()
        .map(|l| match l.strip_prefix("usage: ") {
            Some(rest) => format!("usage: PROG {}", rest.split_once(' ').map_or("", |x| x.1)),
            None => l.replace("`pyjit -h'", "`python -h'"),
        })
        .collect()
}

#[test]
fn bad_options_answered_as_python3_answers() {
    for args in [
        &["-Z"][..],
        &["-Z", "-c", "pass"],
        &["-qZ", "-c", "pass"],
        &["--foo"],
        &["--foo=bar", "-c", "pass"],
        &["--version", "-Z"],
        &["-c"],
        &["-m"],
        &["-W"],
        &["-X"],
        &["-u", "-J"],
        &["--check-hash-based-pycs"],
        &["--check-hash-based-pycs", "sometimes", "-c", "pass"],
        &["--help-env=1"],
    ] {
        let c = case(args);
        let (py, pj) = c.both();
        assert_eq!((pj.code(), py.code()), (Some(2), Some(2)), "{}", c.describe());
        assert_eq!((stdout(&pj), stdout(&py)), (String::new(), String::new()), "{}", c.describe());
        assert_eq!(usage_answer(&pj), usage_answer(&py), "{}", c.describe());
    }
}

#[test]
fn help_and_version() {
    for args in [&["-h"][..], &["--help"], &["-?"], &["-h", "-Z"], &["-c", "pass", "-h"]] {
        let (py, pj) = case(args).both();
        assert_eq!(pj.code(), py.code(), "{args:?}");
        assert_eq!(stdout(&pj).is_empty(), stdout(&py).is_empty(), "{args:?}");
    }
    let (_, pj) = case(&["-h"]).both();
    let help = stdout(&pj);
    assert!(help.starts_with("usage: ") && help.contains("-c cmd : program passed in as string"));
    assert!(help.contains("--jit-threshold N") && help.contains("--no-jit"), "pyjit's own options are listed");
    for args in [&["-V"][..], &["--version"], &["-VV"], &["-V", "-V", "-c", "pass"]] {
        let (py, pj) = case(args).both();
        assert_eq!((pj.code(), py.code()), (Some(0), Some(0)), "{args:?}");
        assert!(stdout(&py).starts_with("Python 3.") && stdout(&pj).starts_with("Python 3."), "{args:?}");
        assert!(stdout(&pj).contains(&format!("(pyjit {})", env!("CARGO_PKG_VERSION"))));
    }
    for args in [&["--help-env"][..], &["--help-xoptions"], &["--help-all"]] {
        let (py, pj) = case(args).both();
        assert_eq!((pj.code(), py.code()), (Some(0), Some(0)), "{args:?}");
        assert!(!stdout(&pj).is_empty());
    }
}

const SHOW_FLAGS: &str = "import sys; f = sys.flags; print(f.debug, f.inspect, f.interactive, f.optimize, \
f.dont_write_bytecode, f.no_user_site, f.no_site, f.ignore_environment, f.verbose, f.bytes_warning, f.quiet, \
f.hash_randomization, f.isolated, f.dev_mode, sys.get_int_max_str_digits(), f.safe_path, sys.dont_write_bytecode)";

#[test]
fn options_set_sys_flags() {
    let dir = TempDir::new("flags");
    let d = dir.path();
    for opts in [
        &[][..],
        &["-O"],
        &["-OO"],
        &["-OOO"],
        &["-B"],
        &["-E"],
        &["-s"],
        &["-S"],
        &["-I"],
        &["-P"],
        &["-q"],
        &["-b"],
        &["-bb"],
        &["-d"],
        &["-R"],
        &["-u"],
        &["-X", "dev"],
        &["-X", "int_max_str_digits=0"],
        &["-X", "int_max_str_digits=10000"],
        &["-uBO", "-sEq"],
    ] {
        let mut args: Vec<&str> = opts.to_vec();
        args.extend(["-c", SHOW_FLAGS]);
        case(&args).dir(d).same();
    }
    for (var, value) in [
        ("PYTHONOPTIMIZE", "1"),
        ("PYTHONOPTIMIZE", "2"),
        ("PYTHONOPTIMIZE", "yes"),
        ("PYTHONDONTWRITEBYTECODE", "1"),
        ("PYTHONNOUSERSITE", "1"),
        ("PYTHONSAFEPATH", "1"),
        ("PYTHONSAFEPATH", ""),
        ("PYTHONHASHSEED", "0"),
        ("PYTHONHASHSEED", "random"),
        ("PYTHONDEVMODE", "1"),
        ("PYTHONINTMAXSTRDIGITS", "0"),
        ("PYTHONDEBUG", "1"),
    ] {
        case(&["-c", SHOW_FLAGS]).env(var, value).dir(d).same();
        // -E and -I ignore them.
        case(&["-E", "-c", SHOW_FLAGS]).env(var, value).dir(d).same();
        case(&["-I", "-c", SHOW_FLAGS]).env(var, value).dir(d).same();
    }
    // -R ignores PYTHONHASHSEED.
    case(&["-R", "-c", SHOW_FLAGS]).env("PYTHONHASHSEED", "3").dir(d).same();
}

#[test]
fn fatal_startup_errors() {
    for c in [
        case(&["-c", "pass"]).env("PYTHONHASHSEED", "-1"),
        case(&["-c", "pass"]).env("PYTHONHASHSEED", "4294967296"),
        case(&["-c", "pass"]).env("PYTHONHASHSEED", "abc"),
        case(&["-X", "int_max_str_digits=5", "-c", "pass"]),
        case(&["-c", "pass"]).env("PYTHONINTMAXSTRDIGITS", "7"),
    ] {
        let (py, pj) = c.same();
        assert_eq!(py.code(), Some(1), "{}", c.describe());
        assert_eq!(stderr(&pj).lines().next(), stderr(&py).lines().next(), "{}", c.describe());
    }
}

#[test]
fn optimize_drops_asserts_and_docstrings() {
    let prog = "def f():\n    'doc'\nprint(__debug__, f.__doc__)\nassert False, 'kept'\nprint('skipped')\n";
    let dir = TempDir::new("optimize");
    dir.write("o.py", prog);
    let d = dir.path();
    for opts in [&[][..], &["-O"], &["-OO"]] {
        let mut args: Vec<&str> = opts.to_vec();
        args.push("o.py");
        case(&args).dir(d).same();
        case(&["o.py"]).env("PYTHONOPTIMIZE", opts.first().map_or("", |o| if *o == "-O" { "1" } else { "2" })).dir(d).same();
    }
}

#[test]
fn warnings_control() {
    let warn = "import warnings, sys; print(sys.warnoptions); warnings.warn('boom'); print('after')";
    let dir = TempDir::new("warnings");
    let d = dir.path();
    for c in [
        case(&["-c", warn]),
        case(&["-W", "error", "-c", warn]),
        case(&["-Werror", "-c", warn]),
        case(&["-W", "ignore", "-c", warn]),
        case(&["-W", "ignore", "-W", "error::UserWarning", "-c", warn]),
        case(&["-c", warn]).env("PYTHONWARNINGS", "error"),
        case(&["-c", warn]).env("PYTHONWARNINGS", "ignore,error::DeprecationWarning"),
        case(&["-W", "ignore", "-c", warn]).env("PYTHONWARNINGS", "error"),
        case(&["-E", "-c", warn]).env("PYTHONWARNINGS", "error"),
        case(&["-X", "dev", "-W", "error", "-c", warn]),
        case(&["-b", "-c", warn]),
    ] {
        c.dir(d).same();
    }
}

#[test]
fn x_options() {
    let show = "import sys; print(sorted(sys._xoptions.items()), sys.flags.dev_mode)";
    let dir = TempDir::new("xopts");
    let d = dir.path();
    case(&["-X", "dev", "-Xfoo=bar", "-X", "a=b=c", "-Xflag", "-c", show]).dir(d).same();
    case(&["-X", "faulthandler", "-c", "import faulthandler; print(faulthandler.is_enabled())"]).dir(d).same();
    case(&["-c", "import faulthandler; print(faulthandler.is_enabled())"]).env("PYTHONFAULTHANDLER", "1").dir(d).same();
    case(&["-X", "int_max_str_digits=1000", "-c", "print(len(str(10**999))); int('1' * 1001)"]).dir(d).same();
}

#[test]
fn pythonpath_and_sys_path() {
    let dir = TempDir::new("path");
    dir.write("lib/pathmod.py", "x = 'from lib'\n");
    dir.write("lib2/othermod.py", "y = 'from lib2'\n");
    dir.write("app/main.py", "import sys\nprint(sys.path[0] == __import__('os').path.dirname(__file__))\nimport sibling\nprint(sibling.z)\n");
    dir.write("app/sibling.py", "z = 'sibling'\n");
    let d = dir.path();
    let root = dir.str();
    let use_it = "import sys, pathmod; print(pathmod.x, sys.path.index(pathmod.__file__.rsplit('/', 1)[0]))";
    let lib = format!("{root}/lib");
    for c in [
        case(&["-c", use_it]).env("PYTHONPATH", lib.clone()),
        case(&["-c", use_it]).env("PYTHONPATH", "lib"),
        case(&["-c", use_it]).env("PYTHONPATH", "./lib2/../lib"),
        case(&["-c", use_it]).env("PYTHONPATH", format!("{root}/lib2:lib")),
        case(&["-c", use_it]).env("PYTHONPATH", format!(":{lib}")),
        // Ignored with -E and -I: the import fails.
        case(&["-E", "-c", use_it]).env("PYTHONPATH", lib.clone()),
        case(&["-I", "-c", use_it]).env("PYTHONPATH", lib.clone()),
        case(&["-c", use_it]),
        // PYTHONPATH comes after sys.path[0], before the standard library.
        case(&["-c", "import sys; print(sys.path[:3])"]).env("PYTHONPATH", format!("{root}/lib2:lib")),
        case(&["-m", "pathmod"]).env("PYTHONPATH", lib.clone()),
        // sys.path[0]: the script's folder, '' for -c and stdin, the current folder for -m.
        case(&["app/main.py"]),
        case(&["-c", "import sys; print(repr(sys.path[0]))"]),
        case(&["-m", "app.main"]),
        // -P, -I, PYTHONSAFEPATH: no sys.path[0]; the script's sibling is not found.
        case(&["-P", "app/main.py"]),
        case(&["-I", "app/main.py"]),
        case(&["app/main.py"]).env("PYTHONSAFEPATH", "1"),
        case(&["-P", "-c", "import sys; print(sys.path[0] != '')"]),
        case(&["-P", "-m", "app.main"]),
        case(&["-P", "-"]).stdin("import sys; print('' in sys.path)"),
    ] {
        c.dir(d).same();
    }
}

#[test]
fn scripts_in_folders_and_zip_files() {
    let dir = TempDir::new("dirmain");
    dir.write("pkgdir/__main__.py", "import sys\nprint(__name__, sys.argv[1:], sys.path[0].endswith('pkgdir'))\n");
    dir.write("nomain/readme.txt", "");
    let d = dir.path();
    case(&["pkgdir", "a", "-b"]).dir(d).same();
    case(&["nomain"]).dir(d).same();
    let zip = "import zipfile\nwith zipfile.ZipFile('app.zip', 'w') as z:\n    z.writestr('__main__.py', 'import sys\\nprint(\"zipped\", sys.argv[1:])\\n')\n";
    let made = case(&["-c", zip]).dir(d).run_python();
    assert_eq!(made.code(), Some(0), "{}", stderr(&made));
    case(&["app.zip", "x"]).dir(d).same();
}

#[test]
fn unbuffered_output() {
    // Written through sys.stdout, then straight to fd 1: unbuffered, in order.
    let prog = "import sys, os\nsys.stdout.write('a')\nos.write(1, b'b')\nsys.stdout.write('c')\nsys.stderr.write('e')\n";
    let dir = TempDir::new("unbuf");
    let d = dir.path();
    case(&["-c", prog]).dir(d).same();
    case(&["-u", "-c", prog]).dir(d).same();
    case(&["-c", prog]).env("PYTHONUNBUFFERED", "1").dir(d).same();
    case(&["-E", "-c", prog]).env("PYTHONUNBUFFERED", "1").dir(d).same();
}

#[test]
fn io_encoding() {
    let dir = TempDir::new("ioenc");
    let d = dir.path();
    let prog = "print('caf\u{e9}', '\u{20ac}' if False else '')";
    case(&["-c", prog]).env("PYTHONIOENCODING", "latin-1").dir(d).same();
    case(&["-c", prog]).env("PYTHONIOENCODING", "utf-8").dir(d).same();
    case(&["-c", "print('\u{20ac}')"]).env("PYTHONIOENCODING", "ascii:replace").dir(d).same();
    case(&["-c", "print('\u{20ac}')"]).env("PYTHONIOENCODING", "ascii").dir(d).same();
}

#[test]
fn skip_first_line() {
    let dir = TempDir::new("skip");
    dir.write("s.py", "garbage_first_line\nprint('ran')\nimport sys; print(sys._getframe().f_lineno)\n1/0\n");
    let d = dir.path();
    case(&["-x", "s.py", "arg"]).dir(d).same();
    case(&["s.py"]).dir(d).same();
}

#[test]
fn inspect_after_the_program() {
    let dir = TempDir::new("inspect");
    dir.write("s.py", "x = 21\n");
    dir.write("startup.py", "y = 'from startup'\n");
    let d = dir.path();
    let session = "print(x * 2)\nfor i in range(3):\n    print(i)\n\nundefined_name\nprint('still here')\n";
    for c in [
        case(&["-i", "-c", "x = 21"]).stdin(session),
        case(&["-i", "s.py"]).stdin(session),
        case(&["-i", "-c", "x = 21; 1/0"]).stdin(session),
        case(&["-i", "-c", "import sys; x = 21; sys.exit(3)"]).stdin(session),
        case(&["-i", "-c", "x = 21"]).stdin("import sys\nsys.exit(4)\nprint('not reached')\n"),
        case(&["-c", "x = 21"]).env("PYTHONINSPECT", "1").stdin(session),
        case(&["-c", "import os; os.environ['PYTHONINSPECT'] = '1'; x = 21"]).stdin(session),
        case(&["-E", "-c", "x = 21"]).env("PYTHONINSPECT", "1").stdin(session),
        // No program: the prompt on standard input, PYTHONSTARTUP first.
        case(&["-i", "-q"]).stdin("x = 21\nprint(x * 2)\n"),
        case(&["-i"]).env("PYTHONSTARTUP", "startup.py").stdin("print(y)\n"),
        case(&["-i", "-E"]).env("PYTHONSTARTUP", "startup.py").stdin("print(y)\n"),
        case(&["-i"]).env("PYTHONSTARTUP", "no_such_startup.py").stdin("print(1)\n"),
        // Values shown by sys.displayhook, statements completed over lines.
        case(&["-i", "-q"]).stdin("1 + 1\nNone\n'text'\n_ * 2\nif True:\n    'in block'\n\ndef f(\n  a):\n  return a\n\nf(5)\n\"\"\"a\nb\"\"\"\n"),
        case(&["-i", "-q"]).stdin("1 +* 2\nprint('next')\n"),
        case(&["-i", "-q"]).stdin("from __future__ import annotations\ndef g(a: undefined): pass\n\ng.__annotations__\n"),
    ] {
        c.dir(d).same();
    }
    // The prompts go to stderr.
    let (py, pj) = case(&["-i", "-q", "-c", "x = 1"]).stdin("if x:\n  x\n\n").dir(d).same();
    assert!(stderr(&pj).contains(">>> ... ... ") && stderr(&py).contains(">>> ... ... "), "{:?}", stderr(&pj));
}

#[test]
fn pyjit_options_beside_python3_options() {
    let dir = TempDir::new("pyjitopts");
    let d = dir.path();
    let hot = "def f(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s\nprint(f(3000))\n";
    dir.write("hot.py", hot);
    let pyjit = |args: &[&str]| {
        let r = case(args).dir(d).run_pyjit();
        assert!(r.fatal().is_none(), "{args:?}: {:?}", r.fatal());
        r
    };
    for args in [
        &["--no-jit", "hot.py"][..],
        &["-u", "--jit-threshold", "1", "-B", "hot.py"],
        &["--jit-threshold=1", "-O", "hot.py"],
        &["--jit-log", "hot.py"],
    ] {
        let r = pyjit(args);
        assert_eq!((r.code(), stdout(&r).as_str()), (Some(0), "4498500\n"), "{args:?}: {}", stderr(&r));
    }
    let r = pyjit(&["--jit-log", "--jit-threshold", "1", "hot.py"]);
    assert!(stderr(&r).contains("hot.py:3"), "the log names the loop: {}", stderr(&r));
    // The loop typed at the prompt compiles too.
    let typed = "def f(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s\n\nprint(f(3000))\n";
    let r = case(&["-i", "-q", "--jit-log", "--jit-threshold", "1"]).stdin(typed).dir(d).run_pyjit();
    assert_eq!(stdout(&r), "4498500\n");
    assert!(stderr(&r).contains("<stdin>:3"), "{}", stderr(&r));
    // After the program, pyjit's options are the program's.
    let r = pyjit(&["-c", "import sys; print(sys.argv)", "--no-jit", "--jit-threshold", "x"]);
    assert_eq!(stdout(&r), "['-c', '--no-jit', '--jit-threshold', 'x']\n");
    for bad in [&["--jit-threshold", "0", "hot.py"][..], &["--jit-threshold"], &["--jit-threshold", "70000", "hot.py"], &["--no-jit=1"]] {
        let r = pyjit(bad);
        assert_eq!(r.code(), Some(2), "{bad:?}");
        assert!(stderr(&r).contains("usage: "), "{bad:?}: {}", stderr(&r));
    }
    let r = case(&["hot.py"]).env("PYJIT_JIT_THRESHOLD", "0").dir(d).run_pyjit();
    assert_eq!(r.code(), Some(2));
    // pyjit's variables hold under -E and -I.
    let r = case(&["-I", "--jit-threshold", "1", "hot.py"]).env("PYJIT_LOG", "1").dir(d).run_pyjit();
    assert!(stderr(&r).contains("hot.py:3"), "{}", stderr(&r));
}

/// Drives an interpreter's prompt through a pseudo-terminal (python3's
/// `pty`): argv[1:] is the command; checks what each line typed prints.
const PTY_DRIVER: &str = r#"
import os, pty, re, select, sys, time
completion = os.environ.pop("CHECK_COMPLETION") == "1"
# "probe": a ^C that shows nothing means this terminal cannot deliver it
# (exit 78); "0": do not send one.
interrupt = os.environ.pop("CHECK_INTERRUPT")
try:
    pid, fd = pty.fork()
except OSError as e:
    print("no pseudo-terminal here:", e)
    sys.exit(77)
if pid == 0:
    # A test runner started in the background may ignore SIGINT, and an
    # ignored signal stays ignored across exec: give ^C its default back.
    # A blocked one stays blocked too.
    import signal
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
seen = 0
def shown():
    # What the terminal shows, less its control sequences (colors, cursor moves).
    return re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r(?!\n)", b"", out)
def expect(token, timeout=30, missing=None):
    global out, seen
    token = token.encode()
    end = time.time() + timeout
    while token not in shown()[seen:]:
        left = end - time.time()
        r = select.select([fd], [], [], max(left, 0))[0]
        if not r:
            if missing is not None:
                print(missing)
                sys.exit(78)
            sys.exit("timed out waiting for %r; the terminal shows %r" % (token, shown()))
        try:
            data = os.read(fd, 4096)
        except OSError:
            data = b""
        if not data:
            sys.exit("end of output waiting for %r; the terminal shows %r" % (token, shown()))
        out += data
    seen = shown().index(token, seen) + len(token)
def send(text):
    os.write(fd, text.encode())
expect(">>> ")
send("1 + 1\r"); expect("2\r\n"); expect(">>> ")
send("def twice(n):\r"); expect("... ")
send("    return 2 * n\r"); expect("... ")
send("\r"); expect(">>> ")
send("twice(21)\r"); expect("42\r\n"); expect(">>> ")
send("total = 0\r"); expect(">>> ")
send("for i in range(5000):\r"); expect("... ")
send("    total += i\r"); expect("... ")
send("\r"); expect(">>> ")
send("total\r"); expect("12497500\r\n"); expect(">>> ")
send("1 / 0\r"); expect("ZeroDivisionError: division by zero"); expect(">>> ")
if interrupt != "0":
    send("\x03")
    expect("KeyboardInterrupt", 10, "^C shows nothing in this terminal" if interrupt == "probe" else None)
    expect(">>> ")
if completion:
    send("twi\t"); expect("twice(")
    send("4)\r"); expect("8\r\n"); expect(">>> ")
send("import sys; sys.exit(9)\r")
while True:
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
status = os.waitpid(pid, 0)[1]
code = os.waitstatus_to_exitcode(status)
if code != 9:
    sys.exit("exit status %d, expected 9; the terminal shows %r" % (code, shown()))
"#;

#[test]
fn prompt_in_a_terminal() {
    let home = TempDir::new("pty");
    let python = which(&reference_python());
    let has_readline = Command::new(&python).args(["-c", "import readline"]).output().is_ok_and(|o| o.status.success());
    let drive = |interp: &std::path::Path, completion: bool, interrupt: &str| {
        let mut cmd = Command::new(&python);
        cmd.args(["-c", PTY_DRIVER]).arg(interp).arg("-q");
        for (k, _) in std::env::vars_os() {
            if k.to_string_lossy().starts_with("PYTHON") {
                cmd.env_remove(k);
            }
        }
        cmd.env("HOME", home.path()).env("TERM", "xterm").env("CHECK_COMPLETION", if completion { "1" } else { "0" });
        cmd.env("CHECK_INTERRUPT", interrupt);
        run_command(cmd, None, TIMEOUT)
    };
    // CPython goes first: where its ^C shows nothing (how the test runner
    // was started), pyjit's is not checked either.
    let mut interrupt = "probe";
    for (interp, completion) in [(python.clone(), has_readline), (pyjit_bin(), true)] {
        let mut r = drive(&interp, completion, interrupt);
        if r.code() == Some(78) {
            eprintln!("prompt_in_a_terminal: {}; ^C is not checked", stdout(&r).trim());
            interrupt = "0";
            r = drive(&interp, completion, interrupt);
        } else if interrupt == "probe" {
            interrupt = "1";
        }
        if r.code() == Some(77) {
            eprintln!("prompt_in_a_terminal skipped: {}", stdout(&r).trim());
            return;
        }
        assert!(r.fatal().is_none() && r.code() == Some(0), "{}: {}\n{}", interp.display(), r.describe_status(), stderr(&r));
    }
    let history = std::fs::read_to_string(home.path().join(".pyjit_history")).unwrap_or_default();
    assert!(history.contains("twice(21)"), "the history is kept: {history:?}");
}

/// The code generator is a library loaded at the first compile: a program
/// that compiles nothing does not load it, and one whose library is
/// missing or of another build runs interpreted, prints what python3
/// prints, and `--jit-log` says why.
#[test]
fn code_generator_library_missing_or_foreign() {
    let dir = TempDir::new("llvm-library");
    let script = dir.write("hot.py", "t = 0\nfor i in range(200000):\n    t += i * 3 % 7\nprint(t)\n");
    let foreign = dir.write("libforeign.so", "not a library");
    let expected = {
        let mut cmd = Command::new(reference_python());
        cmd.arg(&script);
        stdout(&run_command(cmd, None, TIMEOUT))
    };
    for lib in [dir.path().join("missing.so"), foreign] {
        let mut cmd = Command::new(pyjit_bin());
        cmd.arg("--jit-log").arg("--jit-sync").arg(&script).env("PYJIT_LLVM_LIBRARY", &lib);
        let r = run_command(cmd, None, TIMEOUT);
        assert!(r.fatal().is_none() && r.code() == Some(0), "{}: {}\n{}", lib.display(), r.describe_status(), stderr(&r));
        assert_eq!(stdout(&r), expected, "{}", lib.display());
        assert!(stderr(&r).contains("stays interpreted: the code generator did not load"), "{}: {}", lib.display(), stderr(&r));
    }
    // The library built beside the executable compiles the same loop.
    let mut cmd = Command::new(pyjit_bin());
    cmd.arg("--jit-log").arg("--jit-sync").arg(&script);
    let r = run_command(cmd, None, TIMEOUT);
    assert_eq!(stdout(&r), expected);
    assert!(stderr(&r).contains("1 trace(s) compiled"), "{}", stderr(&r));
}
