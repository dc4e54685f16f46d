//! python3's command line: its options (CPython 3.11's `getopt` grammar,
//! ported), the environment variables it reads, and pyjit's own long options
//! beside them.
//!
//! The grammar is CPython's own, not a general parser's: short options
//! combine (`-uB`), an option's argument may be glued to it (`-Wignore`,
//! `-cCODE`) or follow it, `-c CODE` and `-m MODULE` end the options, the
//! first argument that is not an option (or `-`) is the program, `--` ends
//! the options, and everything after the program is `sys.argv[1:]`,
//! untouched.

use pyjit_vm::Settings;
use std::ffi::OsString;

/// What runs, as python3's command line names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Program {
    /// `-c CODE`
    Command(String),
    /// `-m MODULE`
    Module(String),
    /// `file`
    Script(String),
    /// `-`, or nothing: standard input (the prompt when it is a terminal).
    Stdin,
}

/// The command line, parsed.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub bytes_warning: u8,
    pub dont_write_bytecode: bool,
    pub debug: u8,
    pub ignore_environment: bool,
    pub inspect: bool,
    pub isolated: bool,
    pub optimize: u8,
    pub safe_path: bool,
    pub quiet: bool,
    pub random_hash_seed: bool,
    pub no_user_site: bool,
    pub no_site: bool,
    pub unbuffered: bool,
    pub verbose: u8,
    pub skip_first_line: bool,
    /// `-W` arguments, in order.
    pub warnoptions: Vec<String>,
    /// `-X` arguments, in order.
    pub xoptions: Vec<String>,
    pub check_hash_pycs: Option<String>,
    // pyjit's own
    pub no_jit: bool,
    pub jit_threshold: Option<u16>,
    pub jit_log: bool,
    pub jit_dump: bool,
    pub jit_sync: bool,
    pub jit_stats: bool,
    /// `None` for standard input.
    pub program: Option<Program>,
    /// `sys.argv`.
    pub argv: Vec<String>,
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Parsed {
    Run(Box<Options>),
    /// Print `stdout` / `stderr` and exit with `code` (help, version, errors).
    Exit { code: u8, stdout: String, stderr: String },
}

const SHORT_OPTS: &str = "bBc:dEhiIJm:OPqRsStuvVW:xX:?";

pub fn usage_line(prog: &str) -> String {
    format!("usage: {prog} [option] ... [-c cmd | -m mod | file | -] [arg] ...\n")
}

/// python3's answer to a bad command line: the message, the usage line,
/// where to look; exit status 2.
fn usage_error(prog: &str, msg: &str) -> Parsed {
    Parsed::Exit {
        code: 2,
        stdout: String::new(),
        stderr: format!("{msg}\n{}Try `pyjit -h' for more information.\n", usage_line(prog)),
    }
}

fn exit_stdout(text: String) -> Parsed {
    Parsed::Exit { code: 0, stdout: text, stderr: String::new() }
}

/// Parses `args` (the whole command line, the program name first).
pub fn parse(args: &[OsString]) -> Parsed {
    let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let prog = args.first().map(String::as_str).unwrap_or("pyjit").to_owned();
    let mut o = Options::default();
    let mut version = 0u8;
    // CPython's _PyOS_GetOpt: `optind` is the next argument, `rest` the
    // unread part of the current cluster of short options.
    let mut optind = 1usize;
    let mut rest: Vec<char> = Vec::new();
    loop {
        if rest.is_empty() {
            let Some(arg) = args.get(optind) else { break };
            if !arg.starts_with('-') || arg == "-" {
                break;
            }
            if arg == "--" {
                optind += 1;
                break;
            }
            if arg == "--help" {
                return exit_stdout(help(&prog));
            }
            if arg == "--version" {
                optind += 1;
                version += 1;
                continue;
            }
            rest = arg.chars().skip(1).collect();
            optind += 1;
        }
        let option = rest.remove(0);
        if option == '-' {
            // A long option: the rest of the argument is its name.
            let name: String = std::mem::take(&mut rest).into_iter().collect();
            if name.is_empty() {
                // `-q-`: CPython says so and stops reading options.
                eprint!("expected long option\n");
                break;
            }
            let whole = args[optind - 1].clone();
            let (name, glued) = match name.split_once('=') {
                Some((n, v)) if n.starts_with("jit-") => (n.to_owned(), Some(v.to_owned())),
                _ => (name, None),
            };
            let mut value = |o_name: &str| -> Result<String, Parsed> {
                if let Some(v) = glued.clone() {
                    return Ok(v);
                }
                match args.get(optind) {
                    Some(v) => {
                        optind += 1;
                        Ok(v.clone())
                    }
                    None => Err(usage_error(&prog, &format!("Argument expected for the --{o_name} options"))),
                }
            };
            match name.as_str() {
                "check-hash-based-pycs" => {
                    let v = match value(&name) {
                        Ok(v) => v,
                        Err(e) => return e,
                    };
                    if !matches!(v.as_str(), "default" | "always" | "never") {
                        return usage_error(
                            &prog,
                            "--check-hash-based-pycs must be one of 'default', 'always', or 'never'",
                        );
                    }
                    o.check_hash_pycs = Some(v);
                }
                "help-env" => return exit_stdout(help_env()),
                "help-xoptions" => return exit_stdout(help_xoptions()),
                "help-all" => return exit_stdout(format!("{}\n{}\n{}", help(&prog), help_env(), help_xoptions())),
                "no-jit" if glued.is_none() => o.no_jit = true,
                "jit-log" if glued.is_none() => o.jit_log = true,
                "jit-dump" if glued.is_none() => o.jit_dump = true,
                "jit-sync" if glued.is_none() => o.jit_sync = true,
                "jit-stats" if glued.is_none() => o.jit_stats = true,
                "jit-threshold" => {
                    let v = match value(&name) {
                        Ok(v) => v,
                        Err(e) => return e,
                    };
                    match parse_threshold(&v) {
                        Some(n) => o.jit_threshold = Some(n),
                        None => {
                            return usage_error(
                                &prog,
                                &format!("--jit-threshold takes an integer from 1 to 65535, not '{v}'"),
                            );
                        }
                    }
                }
                _ => return usage_error(&prog, &format!("unknown option {whole}")),
            }
            continue;
        }
        if option == 'J' {
            return usage_error(&prog, "-J is reserved for Jython");
        }
        let Some(pos) = SHORT_OPTS.find(option).filter(|_| option != ':') else {
            return usage_error(&prog, &format!("Unknown option: -{option}"));
        };
        let takes_arg = SHORT_OPTS[pos + option.len_utf8()..].starts_with(':');
        let optarg = if takes_arg {
            if !rest.is_empty() {
                Some(std::mem::take(&mut rest).into_iter().collect::<String>())
            } else if let Some(v) = args.get(optind) {
                optind += 1;
                Some(v.clone())
            } else {
                return usage_error(&prog, &format!("Argument expected for the -{option} option"));
            }
        } else {
            None
        };
        match option {
            'c' => {
                o.program = Some(Program::Command(optarg.unwrap_or_default()));
                break;
            }
            'm' => {
                o.program = Some(Program::Module(optarg.unwrap_or_default()));
                break;
            }
            'b' => o.bytes_warning = o.bytes_warning.saturating_add(1),
            'B' => o.dont_write_bytecode = true,
            'd' => o.debug = o.debug.saturating_add(1),
            'E' => o.ignore_environment = true,
            'h' | '?' => return exit_stdout(help(&prog)),
            'i' => o.inspect = true,
            'I' => o.isolated = true,
            'O' => o.optimize = o.optimize.saturating_add(1),
            'P' => o.safe_path = true,
            'q' => o.quiet = true,
            'R' => o.random_hash_seed = true,
            's' => o.no_user_site = true,
            'S' => o.no_site = true,
            'u' => o.unbuffered = true,
            'v' => o.verbose = o.verbose.saturating_add(1),
            'V' => version = version.saturating_add(1),
            'W' => o.warnoptions.push(optarg.unwrap_or_default()),
            'x' => o.skip_first_line = true,
            'X' => o.xoptions.push(optarg.unwrap_or_default()),
            't' => {} // accepted and ignored, as CPython does
            _ => unreachable!("option -{option} is in SHORT_OPTS"),
        }
    }
    if version > 0 {
        return exit_stdout(version_text(version));
    }
    let tail = &args[optind.min(args.len())..];
    match &o.program {
        Some(Program::Command(_)) => o.argv = std::iter::once("-c".to_owned()).chain(tail.iter().cloned()).collect(),
        Some(Program::Module(_)) => o.argv = std::iter::once("-m".to_owned()).chain(tail.iter().cloned()).collect(),
        _ => match tail.first() {
            Some(first) if first != "-" => {
                o.program = Some(Program::Script(first.clone()));
                o.argv = tail.to_vec();
            }
            Some(_) => {
                o.program = Some(Program::Stdin);
                o.argv = tail.to_vec();
            }
            None => {
                o.program = Some(Program::Stdin);
                o.argv = vec![String::new()];
            }
        },
    }
    Parsed::Run(Box::new(o))
}

pub fn parse_threshold(v: &str) -> Option<u16> {
    v.trim().parse::<u16>().ok().filter(|&n| n >= 1)
}

fn version_text(times: u8) -> String {
    let pyjit = env!("CARGO_PKG_VERSION");
    if times >= 2 {
        // The build, as `python3 -VV` gives it.
        format!("Python {} (pyjit {pyjit}) {}\n", pyjit_vm::python_version(), pyjit_vm::build_info())
    } else {
        format!("Python {} (pyjit {pyjit})\n", pyjit_vm::python_version())
    }
}

fn help(prog: &str) -> String {
    let mut s = usage_line(prog);
    s.push_str(
        "\
Options (and corresponding environment variables):
-b     : issue warnings about str(bytes_instance), str(bytearray_instance)
         and comparing bytes/bytearray with str. (-bb: issue errors)
-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x
-c cmd : program passed in as string (terminates option list)
-d     : turn on parser debugging output (for experts only, only works on
         debug builds); also PYTHONDEBUG=x
-E     : ignore PYTHON* environment variables (such as PYTHONPATH)
-h     : print this help message and exit (also -? or --help)
-i     : inspect interactively after running script; forces a prompt even
         if stdin does not appear to be a terminal; also PYTHONINSPECT=x
-I     : isolate Python from the user's environment (implies -E and -s)
-m mod : run library module as a script (terminates option list)
-O     : remove assert and __debug__-dependent statements; add .opt-1 before
         .pyc extension; also PYTHONOPTIMIZE=x
-OO    : do -O changes and also discard docstrings; add .opt-2 before
         .pyc extension
-P     : don't prepend a potentially unsafe path to sys.path; also PYTHONSAFEPATH
-q     : don't print version and copyright messages on interactive startup
-s     : don't add user site directory to sys.path; also PYTHONNOUSERSITE
-S     : don't imply 'import site' on initialization
-u     : force the stdout and stderr streams to be unbuffered;
         this option has no effect on stdin; also PYTHONUNBUFFERED=x
-v     : verbose (trace import statements); also PYTHONVERBOSE=x
         can be supplied multiple times to increase verbosity
-V     : print the Python version number and exit (also --version)
         when given twice, print more information about the build
-W arg : warning control; arg is action:message:category:module:lineno
         also PYTHONWARNINGS=arg
-x     : skip first line of source, allowing use of non-Unix forms of #!cmd
-X opt : set implementation-specific option
--check-hash-based-pycs always|default|never:
         control how Python invalidates hash-based .pyc files
--help-env      : print help about Python environment variables and exit
--help-xoptions : print help about implementation-specific -X options and exit
--help-all      : print complete help information and exit
pyjit's options (also before the program, in any order with the above):
--no-jit          : run purely interpreted, no loop is compiled; also
                    PYJIT_DISABLE_JIT=1 or NUMBA_DISABLE_JIT=1
--jit-threshold N : back-edges (calls, for a function) before a loop (function)
                    compiles: 1 to 65535, default 1000; also PYJIT_JIT_THRESHOLD=N
--jit-log         : one line per hot loop or function on stderr: compiled in how
                    long, or why it stays interpreted; also PYJIT_LOG=1
--jit-dump        : print each trace before and after the passes to stderr;
                    also PYJIT_DUMP=1 (PYJIT_DUMP_LLVM=1: the LLVM IR)
--jit-sync        : a hot loop waits for its native code instead of running on
                    interpreted while a thread compiles it; also PYJIT_SYNC=1
--jit-stats       : at exit, each compiled trace's native runs and the exits
                    they left by most often, on stderr; also PYJIT_STATS=1
Arguments:
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]
",
    );
    s
}

fn help_env() -> String {
    "\
Environment variables that change behavior:
PYTHONSTARTUP: file executed on interactive startup (no default)
PYTHONPATH   : ':'-separated list of directories prefixed to the
               default module search path.  The result is sys.path.
PYTHONIOENCODING: Encoding[:errors] used for stdin/stdout/stderr.
PYTHONFAULTHANDLER: dump the Python traceback on fatal errors.
PYTHONHASHSEED: if this variable is set to 'random', a random value is used
   to seed the hashes of str and bytes objects.  It can also be set to an
   integer in the range [0,4294967295] to get hash values with a
   predictable seed.
PYTHONINTMAXSTRDIGITS: limits the maximum digit characters in an int value
   when converting from a string and when converting an int back to a str.
   A value of 0 disables the limit.  Conversions to or from bases 2, 4, 8,
   16, and 32 are never limited.
PYTHONUTF8: if set to 1, enable the UTF-8 mode (pyjit's default).
PYTHONDEVMODE: enable the development mode.
PYTHONWARNDEFAULTENCODING: enable opt-in EncodingWarning for 'encoding=None'.
PYTHONNODEBUGRANGES: If this variable is set, it disables the inclusion of the
   tables mapping extra location information (end line, start column offset
   and end column offset) to every instruction in code objects.
These variables have equivalent command-line parameters (see --help for details):
PYTHONDEBUG             : enable parser debug mode (-d)
PYTHONDONTWRITEBYTECODE : don't write .pyc files (-B)
PYTHONINSPECT           : inspect interactively after running script (-i)
PYTHONINTMAXSTRDIGITS   : limit max digit characters in an int value
                          (-X int_max_str_digits=number)
PYTHONNOUSERSITE        : disable user site directory (-s)
PYTHONOPTIMIZE          : enable level 1 optimizations (-O)
PYTHONSAFEPATH          : don't prepend a potentially unsafe path to sys.path (-P)
PYTHONUNBUFFERED        : disable stdout/stderr buffering (-u)
PYTHONVERBOSE           : trace import statements (-v)
PYTHONWARNINGS=arg      : warning control (-W arg)
pyjit's own (not ignored by -E or -I):
PYJIT_DISABLE_JIT, NUMBA_DISABLE_JIT : --no-jit
PYJIT_JIT_THRESHOLD=N   : --jit-threshold N
PYJIT_LOG               : --jit-log
PYJIT_DUMP              : --jit-dump
PYJIT_SYNC              : --jit-sync
PYJIT_STATS             : --jit-stats
PYJIT_DUMP_LLVM         : the optimized LLVM IR of each compiled trace
PYJIT_OBJECT_MODE=always: compile loops made mostly of object-mode
                          operations too (tests)
"
    .to_owned()
}

fn help_xoptions() -> String {
    "\
The following implementation-specific options are available (every -X option
is also in sys._xoptions):

-X faulthandler: enable faulthandler

-X dev: enable the development mode: the default warning filter (as -W
    default), faulthandler, and sys.flags.dev_mode set to True

-X utf8: enable UTF-8 mode for operating system interfaces (pyjit's default);
    -X utf8=0 disables it

-X warn_default_encoding: enable opt-in EncodingWarning for 'encoding=None'

-X no_debug_ranges: disable the inclusion of the tables mapping extra location
    information (end line, start column offset and end column offset) to every
    instruction in code objects

-X int_max_str_digits=number: limit the size of int<->str conversions.
    0 disables.

-X showrefcount, -X tracemalloc, -X importtime, -X pycache_prefix=PATH,
-X frozen_modules: accepted, without their effect in pyjit
"
    .to_owned()
}

/// A startup error as CPython words it ("Fatal Python error: ..."), exit 1.
pub fn fatal(func: &str, msg: &str, state: &str) -> String {
    format!("Fatal Python error: {func}: {msg}\nPython runtime state: {state}\n\n")
}

/// `os.path.abspath`: `path` joined to `cwd`, then normalized lexically
/// (`.`, `..` and repeated slashes), as CPython does with PYTHONPATH.
pub fn abspath(path: &str, cwd: &str) -> String {
    let joined = if path.starts_with('/') { path.to_owned() } else { format!("{cwd}/{path}") };
    let lead = if joined.starts_with("//") && !joined.starts_with("///") { "//" } else { "/" };
    let mut parts: Vec<&str> = Vec::new();
    for comp in joined.split('/') {
        match comp {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    format!("{lead}{}", parts.join("/"))
}

/// The settings python3 derives from its options and its environment
/// (`env` looks a variable up; unset and empty are both `None` for the
/// `PYTHON*` flags, as CPython's `_Py_GetEnv` has it). `Err` is a fatal
/// startup error to print before exiting with status 1.
pub fn settings(o: &Options, env: &dyn Fn(&str) -> Option<String>, cwd: &str) -> Result<Settings, String> {
    let mut s = Settings::default();
    s.isolated = o.isolated;
    s.ignore_environment = o.ignore_environment || o.isolated;
    let use_env = !s.ignore_environment;
    let get = |name: &str| if use_env { env(name).filter(|v| !v.is_empty()) } else { None };
    let flag = |name: &str| get(name).is_some();
    // PYTHONOPTIMIZE=N and the like: a number, or 1 for anything else.
    let level = |name: &str| get(name).map_or(0u8, |v| v.trim().parse::<i64>().ok().filter(|&n| n >= 0).map_or(1, |n| n.min(255) as u8));

    if let Some(pp) = get("PYTHONPATH") {
        s.path_list = pp.split(':').map(|p| abspath(p, cwd)).collect();
    }
    s.optimize = o.optimize.max(level("PYTHONOPTIMIZE"));
    s.verbose = o.verbose.max(level("PYTHONVERBOSE"));
    s.debug = o.debug.max(level("PYTHONDEBUG"));
    s.user_site_directory = !(o.isolated || o.no_user_site || flag("PYTHONNOUSERSITE"));
    s.quiet = o.quiet;
    s.write_bytecode = !(o.dont_write_bytecode || flag("PYTHONDONTWRITEBYTECODE"));
    s.safe_path = o.isolated || o.safe_path || flag("PYTHONSAFEPATH");
    s.inspect = o.inspect || flag("PYTHONINSPECT");
    s.interactive = o.inspect;
    s.buffered_stdio = !(o.unbuffered || flag("PYTHONUNBUFFERED"));
    s.import_site = !o.no_site;
    s.bytes_warning = o.bytes_warning.into();
    if let Some(mode) = &o.check_hash_pycs {
        s.check_hash_pycs_mode = mode.parse().unwrap_or_default();
    }
    let max_digits_error = |what: &str| {
        fatal(
            "config_init_int_max_str_digits",
            &format!("{what}: invalid limit; must be >= 640 or 0 for unlimited."),
            "preinitialized",
        )
    };
    let max_digits = |v: &str| v.parse::<i64>().ok().filter(|&d| d == 0 || (640..=i64::from(i32::MAX)).contains(&d));
    if let Some(v) = get("PYTHONINTMAXSTRDIGITS") {
        s.int_max_str_digits = max_digits(&v).ok_or_else(|| max_digits_error("PYTHONINTMAXSTRDIGITS"))?;
    }
    if let Some(v) = get("PYTHONUTF8") {
        s.utf8_mode = match v.as_str() {
            "1" => 1,
            "0" => 0,
            _ => {
                return Err(fatal(
                    "preconfig_init_utf8_mode",
                    "invalid PYTHONUTF8 environment variable value",
                    "preinitializing",
                ));
            }
        };
    }
    s.dev_mode = flag("PYTHONDEVMODE");
    for x in &o.xoptions {
        let (name, value) = match x.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (x.clone(), None),
        };
        match name.as_str() {
            "dev" => s.dev_mode = true,
            "faulthandler" => s.faulthandler = true,
            "warn_default_encoding" => s.warn_default_encoding = true,
            "no_debug_ranges" => s.code_debug_ranges = false,
            "utf8" => {
                s.utf8_mode = match value.as_deref() {
                    None | Some("1") => 1,
                    Some("0") => 0,
                    _ => {
                        return Err(fatal("preconfig_init_utf8_mode", "invalid -X utf8 option value", "preinitializing"));
                    }
                };
            }
            "int_max_str_digits" => {
                s.int_max_str_digits = value
                    .as_deref()
                    .and_then(max_digits)
                    .ok_or_else(|| max_digits_error("-X int_max_str_digits"))?;
            }
            _ => {}
        }
        s.xoptions.push((name, value));
    }
    if s.utf8_mode < 0 {
        // RustPython's locale support is partial; UTF-8 mode is its default.
        s.utf8_mode = 1;
    }
    s.warn_default_encoding |= flag("PYTHONWARNDEFAULTENCODING");
    s.faulthandler |= flag("PYTHONFAULTHANDLER") || s.dev_mode;
    if flag("PYTHONNODEBUGRANGES") {
        s.code_debug_ranges = false;
    }
    if let Some(v) = get("PYTHONIOENCODING") {
        let (enc, errors) = match v.split_once(':') {
            Some((e, r)) => (e, Some(r)),
            None => (v.as_str(), None),
        };
        s.stdio_encoding = (!enc.is_empty()).then(|| enc.to_owned());
        s.stdio_errors = errors.filter(|r| !r.is_empty()).map(str::to_owned);
    }
    // sys.warnoptions, lowest precedence first (CPython's
    // config_init_warnoptions): dev mode, PYTHONWARNINGS, -W, -b.
    if s.dev_mode {
        s.warnoptions.push("default".to_owned());
    }
    if let Some(v) = get("PYTHONWARNINGS") {
        s.warnoptions.extend(v.split(',').filter(|w| !w.is_empty()).map(str::to_owned));
    }
    s.warnoptions.extend(o.warnoptions.iter().cloned());
    match o.bytes_warning {
        0 => {}
        1 => s.warnoptions.push("default::BytesWarning".to_owned()),
        _ => s.warnoptions.push("error::BytesWarning".to_owned()),
    }
    if !o.random_hash_seed && let Some(v) = get("PYTHONHASHSEED") {
        s.hash_seed = if v == "random" {
            None
        } else {
            Some(v.trim_start().parse::<u32>().map_err(|_| {
                fatal(
                    "config_init_hash_seed",
                    "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]",
                    "preinitialized",
                )
            })?)
        };
    }
    s.argv = o.argv.clone();
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Options {
        let v: Vec<OsString> = std::iter::once("pyjit").chain(args.iter().copied()).map(OsString::from).collect();
        match parse(&v) {
            Parsed::Run(o) => *o,
            Parsed::Exit { code, stdout, stderr } => panic!("exit {code}: {stdout}{stderr}"),
        }
    }

    fn exit(args: &[&str]) -> (u8, String, String) {
        let v: Vec<OsString> = std::iter::once("pyjit").chain(args.iter().copied()).map(OsString::from).collect();
        match parse(&v) {
            Parsed::Run(o) => panic!("runs {o:?}"),
            Parsed::Exit { code, stdout, stderr } => (code, stdout, stderr),
        }
    }

    #[test]
    fn clusters_and_glued_arguments() {
        let o = run(&["-uBOO", "-Wignore", "-W", "error", "-Xdev", "-X", "a=b", "-cprint(1)", "x", "-u"]);
        assert!(o.unbuffered && o.dont_write_bytecode);
        assert_eq!(o.optimize, 2);
        assert_eq!(o.warnoptions, ["ignore", "error"]);
        assert_eq!(o.xoptions, ["dev", "a=b"]);
        assert_eq!(o.program, Some(Program::Command("print(1)".into())));
        assert_eq!(o.argv, ["-c", "x", "-u"]);
    }

    #[test]
    fn program_ends_options() {
        let o = run(&["-q", "script.py", "--version", "-c", "x"]);
        assert_eq!(o.program, Some(Program::Script("script.py".into())));
        assert_eq!(o.argv, ["script.py", "--version", "-c", "x"]);
        let o = run(&["-c", "import sys", "--version"]);
        assert_eq!(o.argv, ["-c", "--version"]);
        let o = run(&["-m", "pytest", "--version"]);
        assert_eq!(o.program, Some(Program::Module("pytest".into())));
        assert_eq!(o.argv, ["-m", "--version"]);
        let o = run(&["--", "-c"]);
        assert_eq!(o.program, Some(Program::Script("-c".into())));
        let o = run(&["-", "a"]);
        assert_eq!((o.program, o.argv), (Some(Program::Stdin), vec!["-".to_owned(), "a".to_owned()]));
        let o = run(&[]);
        assert_eq!((o.program, o.argv), (Some(Program::Stdin), vec![String::new()]));
        let o = run(&["-m", "-c"]);
        assert_eq!(o.program, Some(Program::Module("-c".into())));
    }

    #[test]
    fn pyjit_options() {
        let o = run(&["--no-jit", "-u", "--jit-threshold", "5", "--jit-log", "--jit-dump", "--jit-sync", "s.py"]);
        assert!(o.no_jit && o.jit_log && o.jit_dump && o.jit_sync && o.unbuffered);
        assert_eq!(o.jit_threshold, Some(5));
        assert_eq!(run(&["--jit-threshold=7", "s.py"]).jit_threshold, Some(7));
        let (code, _, err) = exit(&["--jit-threshold", "0", "s.py"]);
        assert_eq!(code, 2);
        assert!(err.starts_with("--jit-threshold takes an integer from 1 to 65535, not '0'\nusage: pyjit "), "{err}");
    }

    #[test]
    fn errors_as_python3_words_them() {
        let first = |args: &[&str]| {
            let (code, out, err) = exit(args);
            assert_eq!((code, out.as_str()), (2, ""));
            err.lines().next().unwrap().to_owned()
        };
        assert_eq!(first(&["-Z"]), "Unknown option: -Z");
        assert_eq!(first(&["-qZ"]), "Unknown option: -Z");
        assert_eq!(first(&["--foo"]), "unknown option --foo");
        assert_eq!(first(&["-c"]), "Argument expected for the -c option");
        assert_eq!(first(&["-W"]), "Argument expected for the -W option");
        assert_eq!(first(&["--check-hash-based-pycs"]), "Argument expected for the --check-hash-based-pycs options");
        assert_eq!(first(&["-J"]), "-J is reserved for Jython");
        assert_eq!(first(&["--version", "-Z"]), "Unknown option: -Z");
        let (_, _, err) = exit(&["-Z"]);
        assert_eq!(
            err,
            "Unknown option: -Z\nusage: pyjit [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry `pyjit -h' for more information.\n"
        );
    }

    #[test]
    fn help_and_version() {
        let (code, out, _) = exit(&["-h", "-Z"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("usage: pyjit [option]"));
        assert!(out.contains("--jit-threshold N"));
        let (code, out, _) = exit(&["-V"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("Python 3."), "{out}");
        assert!(out.contains(concat!("pyjit ", env!("CARGO_PKG_VERSION"))));
        let (_, out2, _) = exit(&["-VV"]);
        assert!(out2.len() > out.len());
    }

    fn fails(r: Result<Settings, String>) -> String {
        match r {
            Ok(_) => panic!("accepted"),
            Err(e) => e,
        }
    }

    fn settings_with(args: &[&str], vars: &[(&str, &str)]) -> Result<Settings, String> {
        let o = run(args);
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        settings(&o, &move |k| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()), "/w/d")
    }

    #[test]
    fn environment() {
        let s = settings_with(&["s.py"], &[("PYTHONPATH", "lib::x/../y:/abs//p/."), ("PYTHONOPTIMIZE", "x")]).unwrap();
        assert_eq!(s.path_list, ["/w/d/lib", "/w/d", "/w/d/y", "/abs/p"]);
        assert_eq!(s.optimize, 1);
        let s = settings_with(&["-E", "s.py"], &[("PYTHONPATH", "lib"), ("PYTHONUNBUFFERED", "1")]).unwrap();
        assert!(s.path_list.is_empty() && s.buffered_stdio && s.ignore_environment);
        let s = settings_with(&["-I", "s.py"], &[("PYTHONSAFEPATH", "")]).unwrap();
        assert!(s.safe_path && !s.user_site_directory && s.isolated);
        let s = settings_with(&["s.py"], &[("PYTHONSAFEPATH", "")]).unwrap();
        assert!(!s.safe_path, "an empty variable is unset");
        let s = settings_with(&["-W", "error", "-b", "s.py"], &[("PYTHONWARNINGS", "ignore, default,,x"), ("PYTHONDEVMODE", "1")])
            .unwrap();
        assert_eq!(s.warnoptions, ["default", "ignore", " default", "x", "error", "default::BytesWarning"]);
        let s = settings_with(&["s.py"], &[("PYTHONHASHSEED", "123"), ("PYTHONIOENCODING", "latin-1:replace")]).unwrap();
        assert_eq!(s.hash_seed, Some(123));
        assert_eq!((s.stdio_encoding.as_deref(), s.stdio_errors.as_deref()), (Some("latin-1"), Some("replace")));
        assert_eq!(settings_with(&["-R", "s.py"], &[("PYTHONHASHSEED", "123")]).unwrap().hash_seed, None);
        let e = fails(settings_with(&["s.py"], &[("PYTHONHASHSEED", "-1")]));
        assert!(e.starts_with("Fatal Python error: config_init_hash_seed: PYTHONHASHSEED must be"), "{e}");
        let e = fails(settings_with(&["-X", "int_max_str_digits=5", "s.py"], &[]));
        assert!(e.contains("-X int_max_str_digits: invalid limit"), "{e}");
        let s = settings_with(&["-X", "int_max_str_digits=0", "-Xfoo=bar", "-Xdev", "s.py"], &[]).unwrap();
        assert_eq!(s.int_max_str_digits, 0);
        assert!(s.dev_mode && s.faulthandler);
        assert_eq!(s.xoptions[1], ("foo".to_owned(), Some("bar".to_owned())));
    }
}
