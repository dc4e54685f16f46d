//! Generated-program differential test (issue 3): proptest generates random,
//! valid, terminating Python programs aimed at the JIT and each one runs under
//! `python3`, `pyjit --no-jit`, `pyjit --jit-threshold 1` and `pyjit` (default
//! threshold). Compared as in `tests/differential.rs`: stdout, exit status and,
//! where the reference fails, the last stderr line (the exception line).
//!
//! A program where CPython and `pyjit --no-jit` disagree shows a difference of
//! the VM (RustPython), not of the JIT: it is counted and a few are shown in
//! the summary, and the JIT modes are then compared against `--no-jit`. Any
//! other mismatch, a pyjit run killed by a signal or one that runs past 10 s is
//! a failure: proptest shrinks the program, the shrunk program is written to
//! `tests/regressions/gen_<hash>.py` and the test fails with it and its diff.
//! `regressions_replay` runs every `tests/regressions/*.py` the same way.
//!
//! The programs: module constants `NAN`/`INF`, a pure numeric helper
//! `h1(a, b)` (possibly with an early return and a small loop), a recursive
//! helper `r1(d, x)` whose depth is bounded by its counter argument, and
//! `f(p0, p1)` with int/float/bool locals `v0..v3`, `for` over `range` with
//! random bounds and steps (negative, empty, past 2**63), `while` with a
//! counter, loops nested up to 3 deep with a bounded total trip count,
//! if/elif/else, break/continue/for-else, early returns, type changes in the
//! middle of a loop, and expressions over `+ - * / // % **`, unary minus,
//! abs/min/max/int/float/round (also `round(x, n)`), math functions (also
//! `math.hypot`), `q, r = divmod(a, b)` in try/except, chained
//! comparisons, and/or/not and conditional expressions, with edge values (2**62, -2**63, 2**64 - 1,
//! nan, inf, -0.0, 5e-324). Int values are clamped after each assignment
//! (`if not (-B <= v <= B): v = v % M`) so they cannot grow without bound;
//! operations that can raise are mostly written in a guarded form, sometimes
//! raw (inside `try` or not), so some programs end with an uncaught
//! ZeroDivisionError/OverflowError/ValueError. `f` returns its locals as a
//! tuple, which is printed (floats by repr); it is called 1-3 times.
//!
//! `f` also holds (each made only where the body uses it) numpy arrays
//! `a0`/`a1`, lists `l0`..`l4` (floats; ints; bools; ints near 2**62 whose
//! sum outgrows i64; floats with -0.0, inf, nan) and a list of lists `m0`,
//! read and written by index in and out of bounds, walked with
//! `enumerate`/`zip`, appended to; an instance `o0` (and a list `ps` of
//! them) of a class `P` whose attributes are read and written and whose
//! method may raise after changing its instance. Inside its loops, each in
//! about 20-35% of the programs:
//! - tuples in a local: `t0 = (x, y)` (sometimes three items), carried
//!   across iterations `t0 = (t0[-1], x)`, `t0 = h2(x, y)`; read as
//!   `t0[0]`, `t0[-1]`, `len(t0)`, unpacked `a, b = t0` (in try/except
//!   ValueError); swaps `a, b = b, a` and pairs `a, b = x, y`; a helper
//!   `h2(a, b)` returning a tuple (from one of two branches), unpacked
//!   `a, b = h2(x, y)` or indexed `h2(x, y)[-1]`;
//! - a list of tuples of numbers `tl0 = [(i, i * 0.5) for i in range(K)]`
//!   walked as `for a, b in tl0:`, `for i, (a, b) in enumerate(tl0):` and
//!   `for u in tl0: a = u[0] op u[-1]`; while the loops run, an item is
//!   replaced (`tl0[k % len(tl0)] = (x, y)`, items of any type, or an odd
//!   one: swapped types, a list, three items) or appended, so that a
//!   compiled loop over it exits (rarely the odd item is there from the
//!   start, and unpacking three items raises ValueError);
//! - calls with keyword arguments and defaults to `h3(a, b=B, c=C)`
//!   (`h3(x, c=y)`, `h3(b=y, a=x)`, ...), and calls Python refuses (an
//!   unknown keyword, a parameter twice, one missing, too many) in
//!   try/except TypeError;
//! - closures: `g0 = mk(k)` (a module-level `mk` returning a nested `g`
//!   over `k`) called as `g0(x)`, and `g2(x)` nested in `f` reading `f`'s
//!   cell `w0`, which the loops sometimes rebind;
//! - `sum`/`min`/`max` of the lists (and the rows `m0[i % 5]`) as values,
//!   and of lists that may be empty (then in try/except ValueError);
//! - lists made in the loop: `n0 = [x] * k` (`k` maybe zero or negative,
//!   maybe from a loop variable), displays `n0 = [x, y, z]`, `n0 = l1 * 2`,
//!   `n0 = n0 * 2` (while short), appended to a list of rows
//!   (`rows.append(n0 * 2)`, reset at 24 rows), read and written at
//!   `[i % len(n0)]` when non-empty (or in try/except), also `rows[-1]`;
//! - loops over tuples (at most 4 items, so also inside the loops of
//!   thousands of trips): constant ints walked by the loop variable
//!   (`for i2 in (-1, 0, 2):`, `()`, `(3,)`), items that go to a local
//!   (clamped first in the body; the loop variable counted by hand or by
//!   `enumerate`) from `t1`/`t0`, constants of one kind or mixed
//!   (`(1, 2.5, True)`) and displays built there (`(v0, i1 * 2)`, `()`,
//!   `(x,)`), pairs `for a, b in t2:` / `((1, 2.5), (3, -4.0))`; a tuple
//!   `t1` (1 to 4 items of any type) and a tuple of pairs `t2` rebuilt in
//!   the loops; tuples read at a loop variable: `t1[i1 % len(t1)]`,
//!   `t1[-1 - i1 % 3]`, `t2[i1 % len(t2)][0]`, out of range in
//!   try/except IndexError, rarely uncaught (`t1[i1 // 500]`);
//! - slices of `f`'s lists, rows of `m0`, `s0` and `n0` (`a[i:j]`,
//!   `a[::k]`, `a[::-1]`, `a[i:]`, `a[:j]`, negative bounds, bounds and
//!   steps from loop variables, a step that reaches 0 after some
//!   iterations: ValueError, mostly caught): `len`, an item (IndexError),
//!   `sum`, `min`/`max` (always caught: an empty slice's message differs
//!   under RustPython) of a slice, a slice copied to `n0`; stores that keep
//!   the length (`a[:k + 1] = a[k::-1]`, `k >= 0`; extended slices
//!   `a[::2] = b`, of the wrong length or a zero step: ValueError, mostly
//!   caught) into any list, and plain slice stores `s0[i:j] = b` (`s0`/`n0`
//!   while shorter than 32);
//! - list methods: on `s0` (a list of mixed items, maybe empty from the
//!   start) `append`/`insert(i, x)` (indices past either end) while shorter
//!   than 32, `pop()` under `if s0:` or in try/except IndexError (rarely
//!   uncaught), `pop(i)`, `reverse()`, `s0 = l1.copy()`, `n0 = s0.copy()`,
//!   and a `while` loop popping `s0` while it holds items, bounded by its
//!   counter; on `f`'s other lists (which `sum`/`min`/`max` read
//!   unguarded, so they keep 3 to 24 items) `pop()`/`pop(i % len)` while
//!   longer than 3, `insert` while shorter than 24, `a.insert(i,
//!   a.pop(j))`, `reverse()`.
//! What is stored into a tuple or list is built from the clamped locals
//! (an item carried over is copied, never computed on; reads such as
//! `t0[0]` or `sum(l3)` go only to clamped locals), so nothing grows
//! without bound. `generator_stats` (ignored; run it with `--ignored`)
//! renders programs without running them and prints how many have each
//! construct inside a loop of `f`.
//!
//! Object mode (issue 17): about 4 programs in 9 (the flavours `Objects`
//! and `ObjectsCore`, named on each program's first line) also have,
//! inside `f`'s loops, statements and loops on an object world that the
//! program defines only where `f` uses it (`OBJ_PRELUDE`):
//! - `q0`, an instance of `Q` whose attributes hold None or another `Q`
//!   (`nxt`), a str (`name`: concatenated, sliced, `.upper()`), a list of
//!   instances (`items`: appended, rotated, summed), and `val`, whose type
//!   changes between int, float, None and str across iterations; read by
//!   `is None`/`isinstance` dispatch, `getattr`/`hasattr`, and
//!   `q0.nxt.val + 0` in try/except (AttributeError, TypeError);
//! - a chain of `Q` from `head` (built by `mkchain`, pushed while `hn <
//!   12`, popped, unlinked, its values changed), walked with `while node
//!   is not None:` and by the generator `walk(head)`;
//! - `objs`, a list mixing `A`, `B(A)` and `C`, whose `area()`/`name()`
//!   are called at one site (a polymorphic call), `B`'s property `half`,
//!   the class attribute `kind`, `getattr` with a default, `isinstance`
//!   counts, appends/pops/`sort(key=lambda ...)`; `cs`, a list of `C`
//!   through `__add__`, `__lt__` (`<`, `min`, `max`, `sorted`, `sort`),
//!   `__eq__` (`==`, `in`, `index`, `count`) and `__bool__`;
//! - strs `st0`/`st1` (kept short): f-strings (`!r`, `:03d`), `%` and
//!   `str.format`, `join` (of generator expressions too), `+`, slices,
//!   `upper`/`lower`/`replace`/`strip`/`split`/`find`/`count`, `<`, `==`,
//!   `in`, `len`, `ord`, `int(st0)` (ValueError), a char out of range;
//! - dicts `d0` (str, int and tuple keys, values of any kind) and `d1`
//!   (lists): `get`, stores, `in`, `d0[k]` (KeyError), `del`, `pop(k,
//!   None)`, `setdefault(k, []).append(...)`, `len`, `values()`, loops over
//!   `d0.items()` (a fixed body), `list(d0.items())` and `sorted(d0,
//!   key=repr)` (any body);
//! - the generator `gen(n, x)` looped over and passed to `sum`/`max`/
//!   `list`, `next(it0[, -1])` with StopIteration caught, generator
//!   expressions in `sum`/`any`/`all`/`min`/`max(..., default=)`;
//! - `prs`, a list of pairs of mixed objects, unpacked (`pa, pb =
//!   prs[i]`, `for i, (a, b) in enumerate(prs):`, in generator
//!   expressions), swapped, replaced, appended to, now and then given a
//!   triple (ValueError);
//! - try/except in the loops around lines that raise KeyError,
//!   IndexError, AttributeError, TypeError or ValueError now and then,
//!   exceptions raised inside calls and caught by the callee itself (a
//!   method, a function, a constructor) or by `f` (ZeroDivisionError from
//!   a method or a constructor after its own try/except),
//!   `raise KeyError(i)` caught with `e.args[0]`, exceptions named by
//!   `type(e).__name__`; one such line in 20 is left uncaught, so that some
//!   programs end with an exception escaping `f` (its traceback's last line
//!   is compared).
//! `ObjectsCore` programs (half of them) keep to the statements that
//! compile at present (`obj_core`), the other half have them all. Loops
//! over objects run at most about 24 trips and take their share of the
//! budget; every container and str stays bounded. Numbers read from
//! objects go to `f`'s locals and are clamped. `f` returns the world's
//! state as well (`q0`, `list(walk(head))`, `objs`, `cs`, `d0`, `d1`,
//! `prs`, `st0`, `st1`), printed through `__repr__`s without addresses
//! (never a generator, never a set, dicts in insertion order). An
//! object-mode program's default-threshold run has `PYJIT_OBJECT_MODE=
//! always`, so that its hot loops made mostly of operations through the
//! VM compile too; at `--jit-threshold 1` they are gated as for a user.
//!
//! Environment:
//!   PYJIT_PROPTEST_CASES=n     number of programs (default 200)
//!   PYJIT_PROPTEST_SEED=n      RNG seed (default fixed, so runs are reproducible)
//!   PYJIT_PROPTEST_DUMP=dir    also write every generated program to dir
//!   PYJIT_DIFF_PYTHON=path     reference interpreter (default `python3`)
//!   PYJIT_TEST_BIN=path        the pyjit binary to test (default: this build's)
//!   PYJIT_PROPTEST_TIMEOUT=s   seconds before a run counts as a hang (default
//!                              10; a niced soak beside a build needs more)

mod common;

use common::{Mode, RunResult, compare};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::Union;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed, TestCaseError, TestError, TestRunner};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

const DEFAULT_TIMEOUT_S: u64 = 10;
const DEFAULT_CASES: u32 = 200;

fn timeout() -> Duration {
    Duration::from_secs(env_u64("PYJIT_PROPTEST_TIMEOUT", DEFAULT_TIMEOUT_S))
}
const DEFAULT_SEED: u64 = 0x5059_4a49_5433; // "PYJIT3"
/// Total loop iterations (all nesting levels together) a loop statement of `f`
/// may run per call of `f`.
const F_BUDGET: u32 = 6000;
/// The same for `h1`, which may be called from a hot loop.
const H_BUDGET: u32 = 6;
const MAX_LOOP_DEPTH: u8 = 3;
/// Weights (against 6 for an assignment) of the tuple/slice/list-method
/// statements inside loops and of a loop over a tuple (or draining the
/// list `s0`).
const W_NEWEST: u32 = 2;
const W_NEW_LOOPS: u32 = 1;
const MAX_NEST: u8 = 4;
/// Weights (object-mode programs, against 6 for an assignment) of the
/// object statements inside loops and of a loop over objects.
const W_OBJECTS: u32 = 30;
const W_OBJ_LOOPS: u32 = 6;
/// The most trips a loop over the object world makes (its containers are
/// kept at most this long), for the budget.
const OBJ_TRIPS: u32 = 24;
/// How many VM-difference examples the summary shows.
const VM_EXAMPLES: usize = 3;

// ---------------------------------------------------------------------------
// The program AST and its rendering to Python source.
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Expr {
    Name(String),
    /// A literal or constant name, rendered as is (negative ones parenthesized).
    Lit(String),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    /// `(a op b)` for `+ - * / // %`: `/ // %` raise on a zero divisor.
    Bin(&'static str, Box<Expr>, Box<Expr>),
    /// `(a op b if b != 0 else fallback)`.
    GuardedDiv(&'static str, Box<Expr>, Box<Expr>, &'static str),
    /// `(base ** exponent)`, the exponent a literal; `(abs(base) ** e)` for a
    /// fractional one. Guarded (`true`): `(base ** e if abs(base) < 1e100
    /// else base)` (and `1e-100 < abs(base)` for a negative exponent), which
    /// cannot overflow nor divide by zero.
    Pow(Box<Expr>, &'static str, bool),
    /// Chained comparison `(a < b <= c)`.
    Cmp(Box<Expr>, Vec<(&'static str, Expr)>),
    /// `(a and b)`, `(a or b)`.
    Logic(&'static str, Box<Expr>, Box<Expr>),
    /// `(a if cond else b)`: fields cond, a, b.
    IfElse(Box<Expr>, Box<Expr>, Box<Expr>),
    /// A call written as is: `abs(x)`, `min(a, b)`, `math.sqrt(x)` (may raise).
    Call(&'static str, Vec<Expr>),
    /// A call in a form that cannot raise for finite-size values.
    Safe(SafeFn, Box<Expr>),
    /// `h1(a, b)`.
    Helper(Vec<Expr>),
    /// `r1(depth, x)`: depth is a literal or `(loopvar % 9)`.
    Rec(String, Box<Expr>),
    /// A read of what `f` holds besides its numbers, rendered as is:
    /// `t0[0]`, `len(t0)`, `sum(l3)`, `min(m0[i1 % 5])`, `len(n0)`. Only in
    /// values that go to a clamped local (never into a list or tuple, where
    /// a value built from itself could grow without bound).
    Read(String),
    /// A call of one of the helpers `h2`/`h3`/`g0`/`g2` (pure functions of
    /// their arguments and of the cell `w0`), with keyword arguments
    /// (`Some(name)`), then an optional subscript: `h3(v0, c=i1)`,
    /// `h2(a, b)[-1]`, `g0(v2)`.
    Fn {
        name: &'static str,
        args: Vec<(Option<&'static str>, Expr)>,
        index: Option<&'static str>,
    },
}

#[derive(Clone, Copy, Debug)]
enum SafeFn {
    Sqrt,
    Log,
    Exp,
    Sin,
    Cos,
    Floor,
    Int,
    Round,
}

impl Expr {
    fn render(&self) -> String {
        match self {
            Expr::Name(n) => n.clone(),
            Expr::Lit(l) => l.clone(),
            Expr::Neg(e) => format!("(-{})", e.render()),
            Expr::Not(e) => format!("(not {})", e.render()),
            // `a / b` is not evaluated for a zero `a` and a negative `b`:
            // RustPython gives 0.0 for `0 / -8` (ints at run time), CPython
            // -0.0 (a VM difference).
            Expr::Bin("/", a, b) => {
                let (a, b) = (a.render(), b.render());
                format!("({a} / {b} if {a} or {b} > 0 else -0.5)")
            }
            Expr::Bin(op, a, b) => format!("({} {op} {})", a.render(), b.render()),
            Expr::GuardedDiv("/", a, b, fb) => {
                let (a, b) = (a.render(), b.render());
                format!("({a} / {b} if {b} != 0 and ({a} or {b} > 0) else {fb})")
            }
            Expr::GuardedDiv(op, a, b, fb) => {
                let b = b.render();
                format!("({} {op} {b} if {b} != 0 else {fb})", a.render())
            }
            Expr::Pow(b, e, guarded) => {
                let b = b.render();
                if e.contains('.') {
                    format!("(abs({b}) ** {e})")
                } else if !guarded {
                    format!("({b} ** {e})")
                } else if e.contains('-') {
                    format!("({b} ** {e} if 1e-100 < abs({b}) < 1e100 else {b})")
                } else {
                    format!("({b} ** {e} if abs({b}) < 1e100 else {b})")
                }
            }
            Expr::Cmp(first, rest) => {
                let mut s = format!("({}", first.render());
                for (op, e) in rest {
                    let _ = write!(s, " {op} {}", e.render());
                }
                s.push(')');
                s
            }
            Expr::Logic(op, a, b) => format!("({} {op} {})", a.render(), b.render()),
            Expr::IfElse(c, a, b) => {
                format!("({} if {} else {})", a.render(), c.render(), b.render())
            }
            Expr::Call(f, args) => {
                let args: Vec<String> = args.iter().map(Expr::render).collect();
                format!("{f}({})", args.join(", "))
            }
            Expr::Safe(f, e) => {
                let e = e.render();
                // No min/max here: min/max of an int and a float keeps a
                // loop interpreted. `e - e == 0` is false for nan and ±inf.
                match f {
                    SafeFn::Sqrt => format!("math.sqrt(abs({e}))"),
                    SafeFn::Log => format!("math.log(abs({e}) + 1.0)"),
                    SafeFn::Exp => format!("(math.exp({e}) if {e} < 700 else 0.5)"),
                    SafeFn::Sin => format!("math.sin({e} % 6.25)"),
                    SafeFn::Cos => format!("math.cos({e} % 100.0)"),
                    SafeFn::Floor => format!("(math.floor({e}) if {e} - {e} == 0 else -1)"),
                    SafeFn::Int => format!("(int({e}) if {e} - {e} == 0 else -2)"),
                    SafeFn::Round => format!("(round({e}) if {e} - {e} == 0 else -3)"),
                }
            }
            Expr::Helper(args) => {
                let args: Vec<String> = args.iter().map(Expr::render).collect();
                format!("h1({})", args.join(", "))
            }
            Expr::Rec(d, x) => format!("r1({d}, {})", x.render()),
            Expr::Read(r) => r.clone(),
            Expr::Fn { name, args, index } => {
                let args: Vec<String> = args
                    .iter()
                    .map(|(k, e)| match k {
                        Some(k) => format!("{k}={}", e.render()),
                        None => e.render(),
                    })
                    .collect();
                let index = index.map(|i| format!("[{i}]")).unwrap_or_default();
                format!("{name}({}){index}", args.join(", "))
            }
        }
    }

    /// Whether the value depends on a variable (a constant needs no clamp).
    fn has_name(&self) -> bool {
        match self {
            Expr::Name(_) | Expr::Rec(..) | Expr::Helper(_) | Expr::Read(_) | Expr::Fn { .. } => true,
            Expr::Lit(_) => false,
            Expr::Neg(e) | Expr::Not(e) | Expr::Pow(e, _, _) | Expr::Safe(_, e) => e.has_name(),
            Expr::Bin(_, a, b) | Expr::GuardedDiv(_, a, b, _) | Expr::Logic(_, a, b) => {
                a.has_name() || b.has_name()
            }
            Expr::Cmp(a, rest) => a.has_name() || rest.iter().any(|(_, e)| e.has_name()),
            Expr::IfElse(c, a, b) => c.has_name() || a.has_name() || b.has_name(),
            Expr::Call(_, args) => args.iter().any(Expr::has_name),
        }
    }
}

/// `if not (-B <= v <= B): v = v % M` after an assignment: keeps ints from
/// growing without bound (and exercises comparisons and `%` on big ints).
#[derive(Clone, Debug)]
struct Clamp {
    bound: &'static str,
    modulus: &'static str,
}

#[derive(Clone, Debug)]
enum RangeSpec {
    /// `range(a, b, step)`, printed in its shortest form.
    Lit { start: i128, stop: i128, step: i128 },
    /// `range(var % m)` over an outer loop variable.
    Mod { var: String, m: u8 },
}

impl RangeSpec {
    fn render(&self) -> String {
        match self {
            RangeSpec::Lit { start, stop, step } => {
                if *step == 1 && *start == 0 {
                    format!("range({stop})")
                } else if *step == 1 {
                    format!("range({start}, {stop})")
                } else {
                    format!("range({start}, {stop}, {step})")
                }
            }
            RangeSpec::Mod { var, m } => format!("range({var} % {m})"),
        }
    }
}

#[derive(Clone, Debug)]
enum Stmt {
    /// `target = value` or `target op= value`, then the clamp.
    Assign {
        target: String,
        aug: Option<&'static str>,
        value: Expr,
        clamp: Clamp,
    },
    /// `[if guard_var == k:] target = <template>`: a type change (int to float,
    /// int to big int, ...) in the middle of a loop.
    TypeChange {
        target: String,
        guard: Option<(String, i64)>,
        template: &'static str,
    },
    /// `try: q, r = divmod(a, b)  except (...): q, r = 0, 1`, then the
    /// clamps (a zero divisor raises; ints and floats both compile).
    DivMod {
        q: String,
        r: String,
        a: Expr,
        b: Expr,
        clamps: (Clamp, Clamp),
    },
    /// `try: target = risky  except (...): target = fallback`, then the clamp.
    Try {
        target: String,
        risky: Expr,
        fallback: &'static str,
        clamp: Clamp,
    },
    If {
        cond: Expr,
        then: Vec<Stmt>,
        elifs: Vec<(Expr, Vec<Stmt>)>,
        els: Option<Vec<Stmt>>,
    },
    For {
        var: String,
        range: RangeSpec,
        body: Vec<Stmt>,
        els: Option<Vec<Stmt>>,
    },
    /// `var = 0; while var < n [and extra]: var += 1; body` (or counting down).
    While {
        var: String,
        n: u32,
        down: bool,
        extra: Option<Expr>,
        body: Vec<Stmt>,
        els: Option<Vec<Stmt>>,
    },
    /// `try: target = arr[index]  except IndexError: target = -1`, then
    /// the clamp: a numpy array element (an np.float64 or np.int64) read
    /// in or out of bounds.
    ArrGet {
        target: String,
        arr: &'static str,
        index: String,
        clamp: Clamp,
    },
    /// `try: arr[index] = value  except (...): pass`: a store in or out of
    /// bounds, of a value that may not fit the array's dtype.
    ArrSet {
        arr: &'static str,
        index: String,
        value: Expr,
    },
    /// `for var, target in enumerate(list):` or, with `target2`,
    /// `for var, (target, target2) in enumerate(zip(l0, l1)):`: a loop over
    /// a list (or a row of `m0`) that the body may store into.
    ListFor {
        var: String,
        target: String,
        target2: Option<String>,
        list: &'static str,
        body: Vec<Stmt>,
    },
    /// `if len(list) < 24: list.append(value)`.
    ListAppend { list: &'static str, value: Expr },
    /// `target = o0.<attr>` (an instance of the plain class `P`).
    AttrGet { target: String, attr: &'static str, clamp: Clamp },
    /// `o0.<attr> = value` or `o0.<attr> op= value`, in try/except.
    AttrSet { attr: &'static str, aug: Option<&'static str>, value: Expr },
    /// `try: target = o0.m(value)` (a method that counts, updates its
    /// instance and may raise after that), or the same for every instance
    /// of `ps`: `for q in ps: target = q.m(value)`.
    MethodCall { target: String, value: Expr, each: bool },
    /// `t0 = ...`: the tuple local `t0` built anew (two items, sometimes
    /// three), carried (`t0 = (t0[-1], x)`) or returned by `h2`.
    TupleSet(TupleSrc),
    /// `a, b = ...` then the clamps: `t0` unpacked (in try/except
    /// ValueError: it may hold three items), `h2(x, y)` unpacked, a swap
    /// `a, b = b, a` or a pair `a, b = x, y`.
    Unpack {
        a: String,
        b: String,
        src: UnpackSrc,
        clamps: (Clamp, Clamp),
    },
    /// A loop over the list of tuples `tl0`: `for a, b in tl0:`, `for i1,
    /// (a, b) in enumerate(tl0):`, or `for u1 in tl0:` whose body starts
    /// with `a = u1[0] op u1[-1]` (then the clamp); without `enumerate`,
    /// `i1 = -1` before the loop and `i1 += 1` first in it.
    TupleListFor {
        var: String,
        a: String,
        b: String,
        form: TupleLoop,
        body: Vec<Stmt>,
    },
    /// `if len(tl0) < 24: tl0.append((x, y))` (items of any type).
    TupleAppend(Expr, Expr),
    /// `tl0[index % len(tl0)] = item`: `(x, y)` (items of any type) or one
    /// of `TL0_ODD`, so that a compiled loop over `tl0` meets it and exits.
    TupleStore { index: String, item: TupleItem },
    /// `try: target = h3(...)  except TypeError: target = -5`, a call
    /// Python refuses (an unknown keyword, a parameter given twice, one
    /// missing, too many), then the clamp.
    KwBad { target: String, call: Expr, clamp: Clamp },
    /// `w0 = value`: rebinds `f`'s cell that the nested `g2` reads.
    CellSet { value: Expr, clamp: Clamp },
    /// `n0 = ...`: a list made in the loop.
    ListMake(MadeList),
    /// `if len(rows) >= 24: rows = []` then `rows.append(src)`.
    RowsAppend(RowSrc),
    /// `if <list non-empty>: list[index % len(list)] = value` for `n0` or
    /// `rows[-1]` (or the store in try/except ZeroDivisionError).
    MadeSet {
        list: &'static str,
        index: String,
        value: Expr,
        guarded: bool,
    },
    /// `if <list non-empty>: target = list[index % len(list)]`, the clamp.
    MadeGet {
        target: String,
        list: &'static str,
        index: String,
        clamp: Clamp,
    },
    /// `target = sum(list)` / `min` / `max`, in try/except ValueError
    /// where the list may be empty; then the clamp.
    Reduce {
        target: String,
        func: &'static str,
        list: String,
        may_be_empty: bool,
        clamp: Clamp,
    },
    /// One statement made when generated (a tuple built or read by index,
    /// a slice read or assigned, a list method), in its wrapper, then the
    /// clamp of the local it assigned.
    Line {
        code: String,
        wrap: Wrap,
        clamp: Option<(String, Clamp)>,
    },
    /// A loop over a tuple (at most 4 items): `for i2 in (-1, 0, 2):`, or
    /// over items that go to locals (then clamped, the loop variable counted
    /// by hand or by `enumerate`).
    TupleFor {
        var: String,
        form: TupleForm,
        body: Vec<Stmt>,
        els: Option<Vec<Stmt>>,
    },
    /// `var = 0; while var < n and <cond on s0>: var += 1; target = s0.pop(..)`,
    /// the clamp, then the body: a loop whose exit depends on a list's
    /// contents, bounded by its counter.
    Drain {
        var: String,
        n: u32,
        cond: &'static str,
        pop: &'static str,
        target: String,
        clamp: Clamp,
        body: Vec<Stmt>,
    },
    /// A loop over objects (object mode): `head` (one or more lines: the
    /// loop variable's counter, `while nd2 is not None:`, `for o2 in
    /// objs:`, `for i2, gv2 in enumerate(gen(3, x)):`), then `first` (lines
    /// that read the item into a local, then its clamp) and the body; with
    /// `catch`, all of it inside `try: ... except exc: fallback`.
    ObjFor {
        head: String,
        first: String,
        clamp: Option<(String, Clamp)>,
        body: Vec<Stmt>,
        catch: Option<(&'static str, String)>,
    },
    Break,
    Continue,
    Return(Expr),
}

/// How a `Stmt::Line` is wrapped.
#[derive(Clone, Debug)]
enum Wrap {
    Plain,
    /// `if cond:`
    If(String),
    /// `try: ... except exc: <fallback>` (`pass` where `None`).
    Try(&'static str, Option<String>),
}

#[derive(Clone, Debug)]
enum TupleForm {
    /// `for i2 in (-1, 0, 2):`: ints only, the loop variable is one that
    /// the body may use as an index.
    Ints(&'static str),
    /// `for a in src:` (a tuple in a local, a constant, a display), `a` a
    /// local of `f`, clamped first in the body.
    Items { a: String, src: String, enumerate: bool, clamp: Clamp },
    /// `for a, b in src:` over a tuple of pairs.
    Pairs { a: String, b: String, src: String, clamps: (Clamp, Clamp) },
}

#[derive(Clone, Debug)]
enum TupleSrc {
    Items(Vec<Expr>),
    Carry(Expr),
    H2(Expr, Expr),
}

#[derive(Clone, Debug)]
enum UnpackSrc {
    T0,
    H2(Expr, Expr),
    Swap,
    Pair(Expr, Expr),
}

#[derive(Clone, Debug)]
enum TupleItem {
    Pair(Expr, Expr),
    Odd(&'static str),
}

#[derive(Clone, Copy, Debug)]
enum TupleLoop {
    Unpack,
    Enumerate,
    /// `a = u[0] op u[-1]` with this op.
    Whole(&'static str),
}

#[derive(Clone, Debug)]
enum MadeList {
    /// `n0 = [x] * k`, `k` a small literal (maybe negative) or `(i1 % 4)`,
    /// `(i1 % 5 - 2)`.
    Repeat(Expr, String),
    /// `n0 = [x, y, z]`.
    Display(Vec<Expr>),
    /// `n0 = l1 * 2` (a list of `f`, a row of `m0`).
    Times(&'static str),
    /// `if len(n0) < 12: n0 = n0 * 2`.
    Doubled,
}

#[derive(Clone, Debug)]
enum RowSrc {
    N0,
    N0Twice,
    Display(Vec<Expr>),
}

/// The arrays and lists `f` may use, as it creates them (fresh on every
/// call): numpy float64 and int64 arrays, lists of floats, ints and bools,
/// ints near 2**62 (`l3`, whose sum outgrows i64 at its third element),
/// floats with -0.0, inf and nan (`l4`), and a list of lists `m0` (indexed
/// twice), with lengths that loop indices overrun. Element reads and writes
/// take any of them.
const ARRAYS: &[(&str, &str)] = &[
    ("a0", "np.arange(12, dtype=np.float64) * 0.75 - 4.0"),
    ("a1", "np.arange(10) * 3 - 11"),
    ("l0", "[i * 0.5 - 3.0 for i in range(11)]"),
    ("l1", "[i * 3 - 7 for i in range(9)]"),
    ("l2", "[i % 3 == 0 for i in range(8)]"),
    ("l3", "[2**62 - i for i in range(4)] + [-2**62, 5]"),
    ("l4", "[0.5, -0.0, 0.0, 1e308, 1e308, INF, -2.5, NAN]"),
    ("m0", "[[j * 1.5 - i for j in range(4)] for i in range(5)]"),
];
/// The class the generated programs' instances have: `m` counts, updates
/// its instance, and may then raise (a zero divisor, a float too big), so
/// compiled code leaves native code inside it after it changed things.
const CLASS_P: &str = "class P:
    def __init__(self, a, b):
        self.a = a
        self.b = b
        self.n = 0

    def m(self, x):
        self.n += 1
        self.a = self.a * 0.5 + x
        self.b += 1
        return self.n + 1000 // (self.b % 5 - 2) + int(x)
";

/// What `ListFor` walks.
const ITER_LISTS: &[&str] = &["l0", "l1", "l2", "m0[1]", "m0[-1]", "l0", "l1", "l3", "l4"];
/// What `ListAppend` grows.
const GROW_LISTS: &[&str] = &["l0", "l1", "l2", "l3", "l4"];
/// Never-empty lists that `sum`/`min`/`max` take (and `n0 = L * 2` repeats).
const REDUCE_LISTS: &[&str] = &["l0", "l1", "l2", "l3", "l4", "l3", "l4", "m0[0]", "m0[-1]"];
const REDUCE_FNS: &[&str] = &["sum", "min", "max"];
/// `tl0`'s items over `i` (made in `f` before its loops, 3 to 20 of them).
const TL0_ITEMS: &[&str] = &[
    "(i, i * 0.5)",
    "(i * 0.25 - 1.0, i % 3 - 1)",
    "(i * 0.5, -i * 1.5)",
    "(i - 5, i * i)",
    "(i * 1.5, 2**62 - i)",
];
/// An odd item sometimes put into `tl0`: other item types (a guard fails),
/// a list, three items (unpacking to two raises ValueError). Stored while
/// the loops run (a loop over a list that holds one already stays
/// interpreted), rarely inserted before them.
const TL0_ODD: &[&str] = &["(2.5, 1)", "(True, NAN)", "(1, 2, 3)", "[4.0, 5.0]", "(2**62, -0.0)", "(-0.0, INF)", "(7, 8)"];
/// `h2(a, b)`'s bodies: it returns a tuple (from either branch).
const H2_BODIES: &[&str] = &[
    "    return a + b, a - b\n",
    "    return b, a\n",
    "    return a * 0.5, b + 1\n",
    "    if a < b:\n        return b, a\n    return a, b - 1\n",
];
/// `h3(a, b=B, c=C)`'s bodies.
const H3_BODIES: &[&str] = &[
    "    return a * b + c\n",
    "    return (a - c) * b\n",
    "    if a > c:\n        return a + b\n    return b - c\n",
];
const H3_B: &[&str] = &["2.0", "2", "0.5", "(-3)"];
const H3_C: &[&str] = &["1", "0", "1.5", "(-2)"];
/// What `mk(k)`'s closure `g(x)` and `f`'s nested `g2(x)` (over `f`'s cell
/// `w0`) return.
const MK_BODIES: &[&str] = &["x * k + 1", "x - k", "(x + k) * 0.5", "k if x > k else x"];
const G2_BODIES: &[&str] = &["x * w0 + 1", "x + w0", "w0 - x * 0.5", "x if x > w0 else w0"];
const ARR_SET_EXC: &str = "(IndexError, OverflowError, ValueError, TypeError)";
const METHOD_EXC: &str = "(ZeroDivisionError, OverflowError, ValueError, TypeError)";

const EXC: &str = "(ZeroDivisionError, OverflowError, ValueError)";

fn render_block(out: &mut String, stmts: &[Stmt], indent: usize) {
    if stmts.is_empty() {
        let _ = writeln!(out, "{:indent$}pass", "");
    }
    for s in stmts {
        render_stmt(out, s, indent);
    }
}

fn render_clamp(out: &mut String, target: &str, clamp: &Clamp, indent: usize) {
    let pad = "";
    let Clamp { bound, modulus } = clamp;
    let _ = writeln!(
        out,
        "{pad:indent$}if not (-{bound} <= {target} <= {bound}):\n{pad:indent$}    {target} = {target} % {modulus}"
    );
}

fn render_stmt(out: &mut String, s: &Stmt, indent: usize) {
    let pad = "";
    match s {
        Stmt::Assign {
            target,
            aug,
            value,
            clamp,
        } => {
            let op = aug.unwrap_or("");
            let _ = writeln!(out, "{pad:indent$}{target} {op}= {}", value.render());
            if aug.is_some() || value.has_name() {
                render_clamp(out, target, clamp, indent);
            }
        }
        Stmt::TypeChange {
            target,
            guard,
            template,
        } => {
            let value = template.replace('@', target);
            match guard {
                Some((var, k)) => {
                    let _ = writeln!(
                        out,
                        "{pad:indent$}if {var} == {k}:\n{pad:indent$}    {target} = {value}"
                    );
                }
                None => {
                    let _ = writeln!(out, "{pad:indent$}{target} = {value}");
                }
            }
        }
        Stmt::ArrGet { target, arr, index, clamp } => {
            let _ = writeln!(
                out,
                "{pad:indent$}try:\n{pad:indent$}    {target} = {arr}[{index}]\n{pad:indent$}except IndexError:\n{pad:indent$}    {target} = -1"
            );
            render_clamp(out, target, clamp, indent);
        }
        Stmt::ArrSet { arr, index, value } => {
            let _ = writeln!(
                out,
                "{pad:indent$}try:\n{pad:indent$}    {arr}[{index}] = {}\n{pad:indent$}except {ARR_SET_EXC}:\n{pad:indent$}    pass",
                value.render()
            );
        }
        Stmt::DivMod { q, r, a, b, clamps } => {
            let _ = writeln!(
                out,
                "{pad:indent$}try:\n{pad:indent$}    {q}, {r} = divmod({}, {})\n{pad:indent$}except {EXC}:\n{pad:indent$}    {q}, {r} = 0, 1",
                a.render(),
                b.render()
            );
            render_clamp(out, q, &clamps.0, indent);
            render_clamp(out, r, &clamps.1, indent);
        }
        Stmt::Try {
            target,
            risky,
            fallback,
            clamp,
        } => {
            let _ = writeln!(
                out,
                "{pad:indent$}try:\n{pad:indent$}    {target} = {}\n{pad:indent$}except {EXC}:\n{pad:indent$}    {target} = {fallback}",
                risky.render()
            );
            render_clamp(out, target, clamp, indent);
        }
        Stmt::If {
            cond,
            then,
            elifs,
            els,
        } => {
            let _ = writeln!(out, "{pad:indent$}if {}:", cond.render());
            render_block(out, then, indent + 4);
            for (c, b) in elifs {
                let _ = writeln!(out, "{pad:indent$}elif {}:", c.render());
                render_block(out, b, indent + 4);
            }
            if let Some(b) = els {
                let _ = writeln!(out, "{pad:indent$}else:");
                render_block(out, b, indent + 4);
            }
        }
        Stmt::For {
            var,
            range,
            body,
            els,
        } => {
            let _ = writeln!(out, "{pad:indent$}for {var} in {}:", range.render());
            render_block(out, body, indent + 4);
            if let Some(b) = els {
                let _ = writeln!(out, "{pad:indent$}else:");
                render_block(out, b, indent + 4);
            }
        }
        Stmt::While {
            var,
            n,
            down,
            extra,
            body,
            els,
        } => {
            let extra = extra
                .as_ref()
                .map(|e| format!(" and {}", e.render()))
                .unwrap_or_default();
            if *down {
                let _ = writeln!(
                    out,
                    "{pad:indent$}{var} = {n}\n{pad:indent$}while {var} > 0{extra}:\n{pad:indent$}    {var} -= 1"
                );
            } else {
                let _ = writeln!(
                    out,
                    "{pad:indent$}{var} = 0\n{pad:indent$}while {var} < {n}{extra}:\n{pad:indent$}    {var} += 1"
                );
            }
            render_block(out, body, indent + 4);
            if let Some(b) = els {
                let _ = writeln!(out, "{pad:indent$}else:");
                render_block(out, b, indent + 4);
            }
        }
        Stmt::ListFor { var, target, target2, list, body } => {
            match target2 {
                None => {
                    let _ = writeln!(out, "{pad:indent$}for {var}, {target} in enumerate({list}):");
                }
                Some(t2) => {
                    let _ = writeln!(out, "{pad:indent$}for {var}, ({target}, {t2}) in enumerate(zip(l0, l1)):");
                }
            }
            render_block(out, body, indent + 4);
        }
        Stmt::ListAppend { list, value } => {
            let _ = writeln!(out, "{pad:indent$}if len({list}) < 24:\n{pad:indent$}    {list}.append({})", value.render());
        }
        Stmt::AttrGet { target, attr, clamp } => {
            let _ = writeln!(out, "{pad:indent$}{target} = o0.{attr}");
            render_clamp(out, target, clamp, indent);
        }
        Stmt::AttrSet { attr, aug, value } => {
            let op = aug.map(|o| format!("{o}=")).unwrap_or_else(|| "=".into());
            let _ = writeln!(
                out,
                "{pad:indent$}try:\n{pad:indent$}    o0.{attr} {op} {}\n{pad:indent$}except {METHOD_EXC}:\n{pad:indent$}    pass",
                value.render()
            );
        }
        Stmt::MethodCall { target, value, each } => {
            let call = format!("{target} = {}.m({})", if *each { "q" } else { "o0" }, value.render());
            let _ = if *each {
                writeln!(out, "{pad:indent$}try:\n{pad:indent$}    for q in ps:\n{pad:indent$}        {call}\n{pad:indent$}except {METHOD_EXC}:\n{pad:indent$}    {target} = -2")
            } else {
                writeln!(out, "{pad:indent$}try:\n{pad:indent$}    {call}\n{pad:indent$}except {METHOD_EXC}:\n{pad:indent$}    {target} = -2")
            };
            render_clamp(out, target, &Clamp { bound: "2**62", modulus: "97" }, indent);
        }
        Stmt::TupleSet(src) => {
            let value = match src {
                TupleSrc::Items(items) => {
                    let items: Vec<String> = items.iter().map(Expr::render).collect();
                    format!("({})", items.join(", "))
                }
                TupleSrc::Carry(e) => format!("(t0[-1], {})", e.render()),
                TupleSrc::H2(x, y) => format!("h2({}, {})", x.render(), y.render()),
            };
            let _ = writeln!(out, "{pad:indent$}t0 = {value}");
        }
        Stmt::Unpack { a, b, src, clamps } => {
            let _ = match src {
                UnpackSrc::T0 => writeln!(
                    out,
                    "{pad:indent$}try:\n{pad:indent$}    {a}, {b} = t0\n{pad:indent$}except ValueError:\n{pad:indent$}    {a}, {b} = -4, 4"
                ),
                UnpackSrc::H2(x, y) => writeln!(out, "{pad:indent$}{a}, {b} = h2({}, {})", x.render(), y.render()),
                UnpackSrc::Swap => writeln!(out, "{pad:indent$}{a}, {b} = {b}, {a}"),
                UnpackSrc::Pair(x, y) => writeln!(out, "{pad:indent$}{a}, {b} = {}, {}", x.render(), y.render()),
            };
            render_clamp(out, a, &clamps.0, indent);
            render_clamp(out, b, &clamps.1, indent);
        }
        Stmt::TupleListFor { var, a, b, form, body } => {
            // The body may use the loop variable: without `enumerate` it
            // counts by hand.
            let count = |out: &mut String| {
                let _ = writeln!(out, "{pad:indent$}    {var} += 1");
            };
            match form {
                TupleLoop::Unpack => {
                    let _ = writeln!(out, "{pad:indent$}{var} = -1\n{pad:indent$}for {a}, {b} in tl0:");
                    count(out);
                }
                TupleLoop::Enumerate => {
                    let _ = writeln!(out, "{pad:indent$}for {var}, ({a}, {b}) in enumerate(tl0):");
                }
                TupleLoop::Whole(op) => {
                    let u = var.replacen('i', "u", 1);
                    let _ = writeln!(out, "{pad:indent$}{var} = -1\n{pad:indent$}for {u} in tl0:");
                    count(out);
                    let _ = writeln!(out, "{pad:indent$}    {a} = {u}[0] {op} {u}[-1]");
                    render_clamp(out, a, &Clamp { bound: "2**62", modulus: "1000003" }, indent + 4);
                }
            }
            render_block(out, body, indent + 4);
        }
        Stmt::TupleAppend(x, y) => {
            let _ = writeln!(
                out,
                "{pad:indent$}if len(tl0) < 24:\n{pad:indent$}    tl0.append(({}, {}))",
                x.render(),
                y.render()
            );
        }
        Stmt::TupleStore { index, item } => {
            let item = match item {
                TupleItem::Pair(x, y) => format!("({}, {})", x.render(), y.render()),
                TupleItem::Odd(odd) => odd.to_string(),
            };
            let _ = writeln!(out, "{pad:indent$}tl0[{index} % len(tl0)] = {item}");
        }
        Stmt::KwBad { target, call, clamp } => {
            let _ = writeln!(
                out,
                "{pad:indent$}try:\n{pad:indent$}    {target} = {}\n{pad:indent$}except TypeError:\n{pad:indent$}    {target} = -5",
                call.render()
            );
            render_clamp(out, target, clamp, indent);
        }
        Stmt::CellSet { value, clamp } => {
            let _ = writeln!(out, "{pad:indent$}w0 = {}", value.render());
            if value.has_name() {
                render_clamp(out, "w0", clamp, indent);
            }
        }
        Stmt::ListMake(m) => {
            let _ = match m {
                MadeList::Repeat(x, k) => writeln!(out, "{pad:indent$}n0 = [{}] * {k}", x.render()),
                MadeList::Display(items) => {
                    let items: Vec<String> = items.iter().map(Expr::render).collect();
                    writeln!(out, "{pad:indent$}n0 = [{}]", items.join(", "))
                }
                MadeList::Times(l) => writeln!(out, "{pad:indent$}n0 = {l} * 2"),
                MadeList::Doubled => writeln!(out, "{pad:indent$}if len(n0) < 12:\n{pad:indent$}    n0 = n0 * 2"),
            };
        }
        Stmt::RowsAppend(src) => {
            let src = match src {
                RowSrc::N0 => "n0".to_string(),
                RowSrc::N0Twice => "n0 * 2".to_string(),
                RowSrc::Display(items) => {
                    let items: Vec<String> = items.iter().map(Expr::render).collect();
                    format!("[{}]", items.join(", "))
                }
            };
            let _ = writeln!(out, "{pad:indent$}if len(rows) >= 24:\n{pad:indent$}    rows = []\n{pad:indent$}rows.append({src})");
        }
        Stmt::MadeSet { list, index, value, guarded } => {
            let value = value.render();
            let _ = if *guarded {
                writeln!(out, "{pad:indent$}if {}:\n{pad:indent$}    {list}[{index} % len({list})] = {value}", non_empty(list))
            } else {
                writeln!(
                    out,
                    "{pad:indent$}try:\n{pad:indent$}    {list}[{index} % len({list})] = {value}\n{pad:indent$}except (ZeroDivisionError, IndexError):\n{pad:indent$}    pass"
                )
            };
        }
        Stmt::MadeGet { target, list, index, clamp } => {
            let _ = writeln!(out, "{pad:indent$}if {}:\n{pad:indent$}    {target} = {list}[{index} % len({list})]", non_empty(list));
            render_clamp(out, target, clamp, indent);
        }
        Stmt::Reduce { target, func, list, may_be_empty, clamp } => {
            let _ = if *may_be_empty {
                writeln!(
                    out,
                    "{pad:indent$}try:\n{pad:indent$}    {target} = {func}({list})\n{pad:indent$}except ValueError:\n{pad:indent$}    {target} = -6"
                )
            } else {
                writeln!(out, "{pad:indent$}{target} = {func}({list})")
            };
            render_clamp(out, target, clamp, indent);
        }
        Stmt::Line { code, wrap, clamp } => {
            match wrap {
                Wrap::Plain => render_lines(out, code, indent),
                Wrap::If(c) => {
                    let _ = writeln!(out, "{pad:indent$}if {c}:");
                    render_lines(out, code, indent + 4);
                }
                Wrap::Try(exc, fallback) => {
                    let _ = writeln!(out, "{pad:indent$}try:");
                    render_lines(out, code, indent + 4);
                    let _ = writeln!(out, "{pad:indent$}except {exc}:");
                    render_lines(out, fallback.as_deref().unwrap_or("pass"), indent + 4);
                }
            }
            if let Some((target, c)) = clamp {
                render_clamp(out, target, c, indent);
            }
        }
        Stmt::TupleFor { var, form, body, els } => {
            match form {
                TupleForm::Ints(t) => {
                    let _ = writeln!(out, "{pad:indent$}for {var} in {t}:");
                }
                TupleForm::Items { a, src, enumerate: true, clamp } => {
                    let _ = writeln!(out, "{pad:indent$}for {var}, {a} in enumerate({src}):");
                    render_clamp(out, a, clamp, indent + 4);
                }
                TupleForm::Items { a, src, enumerate: false, clamp } => {
                    let _ = writeln!(out, "{pad:indent$}{var} = -1\n{pad:indent$}for {a} in {src}:\n{pad:indent$}    {var} += 1");
                    render_clamp(out, a, clamp, indent + 4);
                }
                TupleForm::Pairs { a, b, src, clamps } => {
                    let _ = writeln!(out, "{pad:indent$}{var} = -1\n{pad:indent$}for {a}, {b} in {src}:\n{pad:indent$}    {var} += 1");
                    render_clamp(out, a, &clamps.0, indent + 4);
                    render_clamp(out, b, &clamps.1, indent + 4);
                }
            }
            render_block(out, body, indent + 4);
            if let Some(b) = els {
                let _ = writeln!(out, "{pad:indent$}else:");
                render_block(out, b, indent + 4);
            }
        }
        Stmt::Drain { var, n, cond, pop, target, clamp, body } => {
            let _ = writeln!(
                out,
                "{pad:indent$}{var} = 0\n{pad:indent$}while {var} < {n} and {cond}:\n{pad:indent$}    {var} += 1\n{pad:indent$}    {target} = {pop}"
            );
            render_clamp(out, target, clamp, indent + 4);
            render_block(out, body, indent + 4);
        }
        Stmt::ObjFor { head, first, clamp, body, catch } => {
            let at = if catch.is_some() {
                let _ = writeln!(out, "{pad:indent$}try:");
                indent + 4
            } else {
                indent
            };
            render_lines(out, head, at);
            render_lines(out, first, at + 4);
            if let Some((target, c)) = clamp {
                render_clamp(out, target, c, at + 4);
            }
            render_block(out, body, at + 4);
            if let Some((exc, fallback)) = catch {
                let _ = writeln!(out, "{pad:indent$}except {exc}:");
                render_lines(out, fallback, indent + 4);
            }
        }
        Stmt::Break => {
            let _ = writeln!(out, "{pad:indent$}break");
        }
        Stmt::Continue => {
            let _ = writeln!(out, "{pad:indent$}continue");
        }
        Stmt::Return(e) => {
            let _ = writeln!(out, "{pad:indent$}return {}", e.render());
        }
    }
}

/// Each line of `code` at `indent`.
fn render_lines(out: &mut String, code: &str, indent: usize) {
    for line in code.lines() {
        let _ = writeln!(out, "{:indent$}{line}", "");
    }
}

/// The condition that `list` (`n0` or `rows[-1]`) has an element (by
/// `len`: the truth of a list keeps a loop interpreted).
fn non_empty(list: &str) -> &'static str {
    if list == "n0" { "len(n0) > 0" } else { "len(rows) > 0 and len(rows[-1]) > 0" }
}

#[derive(Clone, Debug)]
struct Helper {
    body: Vec<Stmt>,
    ret: Expr,
}

#[derive(Clone, Debug)]
struct RecHelper {
    base: Expr,
    arg: Expr,
    /// `+ - *` or `min`/`max`.
    comb: &'static str,
    other: Expr,
}

#[derive(Clone, Debug)]
struct Call {
    args: (String, String),
    catch: bool,
}

/// Per-program choices for the state and helpers of the newer constructs
/// (each defined only where `f` uses it).
#[derive(Clone, Debug)]
struct Extras {
    /// `tl0 = [ITEM for i in range(len)]`, then maybe `tl0.insert(at, ODD)`
    /// with `at` 0, the middle or the end.
    tl0_item: &'static str,
    tl0_len: u8,
    tl0_odd: Option<(u8, &'static str)>,
    h2_body: &'static str,
    /// `h3(a, b=B, c=C)`: body, B, C.
    h3: (&'static str, &'static str, &'static str),
    /// `g0 = mk(k)`: `g`'s body and `k`.
    mk: (&'static str, String),
    /// `w0 = <w0>` and `g2`'s body.
    g2: (&'static str, String),
    /// What the tuple `t1`, the tuple of pairs `t2` and the list `s0` hold
    /// first (see `T1_INITS`, `T2_INITS`, `S0_INITS`).
    t1: &'static str,
    t2: &'static str,
    s0: &'static str,
    /// The object world's first state (object-mode programs).
    obj: ObjInit,
}

/// What the object world's state holds first in `f` (each made only where
/// the body uses it): `q0`'s list of instances, the chain's length, `objs`,
/// `cs`, `d0`, `prs` (see `OBJS_INITS` and the others), `st0` and `st1`.
#[derive(Clone, Debug)]
struct ObjInit {
    q0_items: &'static str,
    chain: u8,
    objs: &'static str,
    cs: &'static str,
    d0: &'static str,
    prs: &'static str,
    st0: &'static str,
    st1: &'static str,
}

#[derive(Clone, Debug)]
struct Program {
    flavour: Flavour,
    h1: Helper,
    r1: RecHelper,
    init: Vec<String>,
    body: Vec<Stmt>,
    calls: Vec<Call>,
    extras: Extras,
}

/// Whether `text` holds the identifier `name` (not as part of a longer one).
fn mentions(text: &str, name: &str) -> bool {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(name).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(ident) && !text[at + name.len()..].chars().next().is_some_and(ident)
    })
}

impl Program {
    fn render(&self) -> String {
        let mut body = String::new();
        render_block(&mut body, &self.body, 4);
        let arrays: Vec<&(&str, &str)> = ARRAYS.iter().filter(|(a, _)| mentions(&body, a)).collect();
        let ex = &self.extras;
        let mut f = String::new();
        let _ = writeln!(f, "def f(p0, p1):");
        for (i, v) in self.init.iter().enumerate() {
            let _ = writeln!(f, "    v{i} = {v}");
        }
        for (a, init) in &arrays {
            let _ = writeln!(f, "    {a} = {init}");
        }
        let objects = body.contains("o0.") || body.contains("in ps:");
        if objects {
            let _ = writeln!(f, "    o0 = P(p0, 1.5)");
            let _ = writeln!(f, "    ps = [P(i, i * 0.5) for i in range(4)]");
        }
        // The newer constructs' state, each where the body uses it: a tuple,
        // a list of tuples, a list made in the loops and a list of them, a
        // cell read by a nested function.
        let mut extra_results = Vec::new();
        if mentions(&body, "t0") {
            let _ = writeln!(f, "    t0 = (v0, v1)");
            extra_results.push("t0");
        }
        if mentions(&body, "tl0") {
            let _ = writeln!(f, "    tl0 = [{} for i in range({})]", ex.tl0_item, ex.tl0_len);
            if let Some((at, odd)) = ex.tl0_odd {
                let _ = writeln!(f, "    tl0.insert({at}, {odd})");
            }
            extra_results.push("tl0");
        }
        if mentions(&body, "n0") || mentions(&body, "rows") {
            let _ = writeln!(f, "    n0 = [v2]");
            let _ = writeln!(f, "    rows = []");
            extra_results.push("n0, rows");
        }
        for (name, init) in [("t1", ex.t1), ("t2", ex.t2), ("s0", ex.s0)] {
            if mentions(&body, name) {
                let _ = writeln!(f, "    {name} = {init}");
                extra_results.push(name);
            }
        }
        if mentions(&body, "w0") || mentions(&body, "g2") {
            let _ = writeln!(f, "    w0 = {}\n\n    def g2(x):\n        return {}\n", ex.g2.1, ex.g2.0);
            extra_results.push("w0");
        }
        // The object world (object-mode programs): an instance `q0`, a
        // chain of `Q` from `head` (`hn` bounds its length), lists of
        // instances, dicts, pairs, strs, a generator.
        let ob = &ex.obj;
        let uses = |names: &[&str]| names.iter().any(|n| mentions(&body, n));
        let world = OBJ_NAMES.iter().any(|n| mentions(&body, n));
        let mut obj_results: Vec<&str> = Vec::new();
        if uses(&["q0"]) {
            let _ = writeln!(f, "    q0 = Q(p0)\n    q0.items = {}", ob.q0_items);
            obj_results.push("q0");
        }
        if uses(&["head", "hn"]) {
            let _ = writeln!(f, "    head = mkchain({})\n    hn = {}", ob.chain, ob.chain);
            obj_results.push("list(walk(head)), hn");
        }
        for (name, init) in [("objs", ob.objs), ("cs", ob.cs), ("d0", ob.d0), ("d1", "{}"), ("prs", ob.prs), ("st0", ob.st0), ("st1", ob.st1)] {
            if uses(&[name]) {
                let _ = writeln!(f, "    {name} = {init}");
                obj_results.push(name);
            }
        }
        if uses(&["it0"]) {
            let _ = writeln!(f, "    it0 = gen(4, p0)");
        }
        f.push_str(&body);
        let mut results: Vec<String> = (0..self.init.len()).map(|i| format!("v{i}")).collect();
        results.extend(obj_results.iter().map(|r| r.to_string()));
        if objects {
            results.push("o0.a, o0.b, o0.n, [q.n for q in ps], [q.a for q in ps]".into());
        }
        results.extend(extra_results.iter().map(|r| r.to_string()));
        results.extend(arrays.iter().map(|(a, _)| if a.starts_with('a') { format!("{a}.tolist()") } else { a.to_string() }));
        let _ = writeln!(f, "    return (p0, p1, {})", results.join(", "));

        let mut h1 = String::new();
        let _ = writeln!(h1, "def h1(a, b):");
        let _ = writeln!(h1, "    t = 0");
        render_block(&mut h1, &self.h1.body, 4);
        let _ = writeln!(h1, "    return {}", self.h1.ret.render());

        let r = &self.r1;
        let rec = format!("r1(d - 1, {})", r.arg.render());
        let comb = match r.comb {
            "min" | "max" => format!("{}({rec}, {})", r.comb, r.other.render()),
            op => format!("({rec} {op} {})", r.other.render()),
        };
        let r1 = format!(
            "def r1(d, x):\n    if d <= 0:\n        return {}\n    return {comb}\n",
            r.base.render()
        );

        // Helpers are defined only where something calls them (h1 may call
        // neither; f may call both).
        let uses_h1 = f.contains("h1(");
        let uses_r1 = f.contains("r1(") || (uses_h1 && h1.contains("r1("));
        let mut out = format!("# flavour: {:?}\nimport math\n", self.flavour);
        if arrays.iter().any(|(a, _)| a.starts_with('a')) {
            out.push_str("import numpy as np\n");
        }
        out.push_str("\nNAN = float('nan')\nINF = float('inf')\n\n\n");
        if f.contains("o0 = P(") {
            out.push_str(CLASS_P);
            out.push_str("\n\n");
        }
        if world {
            out.push_str(OBJ_PRELUDE);
            out.push_str("\n\n");
        }
        if uses_h1 {
            out.push_str(&h1);
            out.push_str("\n\n");
        }
        if uses_r1 {
            out.push_str(&r1);
            out.push_str("\n\n");
        }
        if f.contains("h2(") {
            let _ = write!(out, "def h2(a, b):\n{}\n\n", ex.h2_body);
        }
        if f.contains("h3(") {
            let (body, b, c) = ex.h3;
            let _ = write!(out, "def h3(a, b={b}, c={c}):\n{body}\n\n");
        }
        if f.contains("g0(") {
            let _ = write!(
                out,
                "def mk(k):\n    def g(x):\n        return {}\n    return g\n\n\ng0 = mk({})\n\n\n",
                ex.mk.0, ex.mk.1
            );
        }
        out.push_str(&f);
        out.push_str("\n\n");
        for c in &self.calls {
            let call = format!("f({}, {})", c.args.0, c.args.1);
            if c.catch {
                let _ = writeln!(
                    out,
                    "try:\n    print({call})\nexcept {EXC} as e:\n    print('caught', type(e).__name__)"
                );
            } else {
                let _ = writeln!(out, "print({call})");
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Strategies.
// ---------------------------------------------------------------------------

/// What the literals of a program mostly are: int-only and float-only
/// programs keep their loops type-stable (so more of them compile), mixed ones
/// exercise the type guards.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Flavour {
    Int,
    Float,
    Mixed,
    /// Mixed literals, and inside `f`'s loops the object-mode statements
    /// and loops too (instances, a chain, dicts, strs, generators,
    /// try/except around operations on objects).
    Objects,
    /// The same, keeping to the object statements of the core tier (see
    /// `obj_core`), whose loops compile today.
    ObjectsCore,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Func {
    /// `f(p0, p1)`: the function under test.
    F,
    /// `h1(a, b)`: pure numeric helper.
    H,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
struct Ctx {
    flavour: Flavour,
    func: Func,
    /// Enclosing loops.
    loops: u8,
    /// Enclosing compound statements.
    nest: u8,
    /// Iterations (all levels) a loop started here may run.
    budget: u32,
    /// Directly inside an if/elif/else branch (where break/continue/return go).
    guarded: bool,
}

impl Ctx {
    fn loop_var(self, depth: u8) -> String {
        match self.func {
            Func::F => format!("i{depth}"),
            Func::H => format!("k{depth}"),
        }
    }

    fn loop_vars(self) -> Vec<String> {
        (1..=self.loops).map(|d| self.loop_var(d)).collect()
    }

    fn targets(self) -> Vec<String> {
        match self.func {
            Func::F => ["v0", "v1", "v2", "v3", "v0", "v1", "v2", "v3", "p0", "p1"]
                .map(String::from)
                .to_vec(),
            Func::H => ["t", "t", "t", "a", "b"].map(String::from).to_vec(),
        }
    }

    fn vars(self) -> Vec<String> {
        let mut v = match self.func {
            Func::F => ["p0", "p1", "v0", "v1", "v2", "v3"]
                .map(String::from)
                .to_vec(),
            Func::H => ["a", "b", "t"].map(String::from).to_vec(),
        };
        v.extend(self.loop_vars());
        v
    }
}

const SMALL_FLOATS: &[&str] = &[
    "0.5", "1.5", "(-2.25)", "3.0", "0.1", "1e-3", "1e10", "(-7.5)", "2.0", "(-1.0)",
];
const EDGE_FLOATS: &[&str] = &[
    "NAN",
    "INF",
    "(-INF)",
    "(-0.0)",
    "0.0",
    "5e-324",
    "1.7976931348623157e+308",
    "9007199254740993.0",
    "4.611686018427388e+18",
    "(-9.223372036854776e+18)",
];
/// Int edge values that still fit in an i64.
const EDGE_INTS: &[&str] = &[
    "2**62",
    "(-2**63)",
    "9223372036854775807",
    "(-9223372036854775807)",
    "(2**63 - 1)",
    "4611686018427387904",
    "(2**53 + 1)",
    "3037000499",
    "(-3037000500)",
    "(-1)",
    "0",
];
/// Ints past the i64 range: a loop reading one as a constant stays
/// interpreted, so they are rarer than the values arithmetic takes past 2**63.
const BIG_INTS: &[&str] = &["2**63", "(-2**63 - 1)", "2**64", "(2**64 - 1)", "(-10**20)"];
/// Mostly within the i64 range: a loop reading an int constant past it stays
/// interpreted.
const CLAMP_BOUNDS: &[&str] = &[
    "10**6", "2**31", "2**62", "(2**63 - 1)", "10**6", "2**31", "2**62", "(2**63 - 1)", "10**9", "2**40",
    "2**53", "2**64",
];
const CLAMP_MODULI: &[&str] = &["1000003", "97", "7.5", "(-13)", "2**61"];
const CMP_OPS: &[&str] = &["<", "<=", ">", ">=", "==", "!="];
const STEPS: &[i128] = &[1, 1, 1, 1, 2, 3, 5, 7, -1, -1, -2, -3, -7];
/// Type changes (`@` is the local): to float, and to a big int by arithmetic
/// that overflows i64 (a big-int constant would keep the loop interpreted).
const TYPE_CHANGES: &[&str] = &[
    "@ + 0.5",
    "float(@)",
    "@ + 2**62 + 2**62",
    "@ - 9223372036854775807 - 2",
    "-@ - 2**62 - 2**62",
    "9223372036854775807 + (@ == @)",
    "@ + 2**40 * 3",
    "@ / 3",
    "1.5",
    "True",
    "int(@)",
];

const AUG_OPS: &[&str] = &["+", "-", "*", "+", "-"];
const TRY_FALLBACKS: &[&str] = &["0", "(-1.5)", "7"];
const LOCALS: &[&str] = &["v0", "v1", "v2", "v3"];
const DIV_OPS: &[&str] = &["/", "//", "%"];
const RISKY_FNS: &[&str] = &[
    "math.sqrt", "math.log", "math.exp", "math.sin", "math.cos", "math.floor", "int", "round", "float",
];
/// `round(x, n)`'s digits: decimal ties, tens, and past every float's digits.
const ROUND_DIGITS: &[i32] = &[0, 1, 2, 3, -1, -2, 17, -400];
const STABLE_RISKY_FNS: &[&str] = &["math.exp", "math.floor", "int", "round", "float", "int", "round"];
const RISKY_EXPONENTS: &[&str] = &["(-1)", "(-2)", "2", "3"];
const ARITH_OPS: &[&str] = &["+", "-", "+", "-", "*"];
const ADD_OPS: &[&str] = &["+", "-"];
const DIV_FALLBACKS: &[&str] = &["0", "1.0", "(-1)"];
const LOGIC_OPS: &[&str] = &["and", "or"];
const MIN_MAX: &[&str] = &["min", "max"];
const SAFE_FNS: &[SafeFn] = &[SafeFn::Sqrt, SafeFn::Log, SafeFn::Exp, SafeFn::Sin, SafeFn::Cos, SafeFn::Floor, SafeFn::Int, SafeFn::Round];
const EXPONENTS: &[&str] = &["2", "3", "0", "1", "(-1)", "0.5", "2"];
const REC_COMBINE: &[&str] = &["+", "-", "*", "min", "max", "+"];

fn small_int() -> impl Strategy<Value = String> {
    (-12i64..=12).prop_map(|i| if i < 0 { format!("({i})") } else { i.to_string() })
}

/// A literal of any kind, including the edge values.
fn literal(flavour: Flavour) -> BoxedStrategy<String> {
    // Weights: small ints, i64 edges, ints past i64, small floats, float edges, bools.
    let [w_small, w_edge, w_big, w_float, w_fedge, w_bool] = match flavour {
        Flavour::Int => [8, 4, 1, 1, 0, 1],
        Flavour::Float => [2, 0, 0, 6, 3, 0],
        Flavour::Mixed | Flavour::Objects | Flavour::ObjectsCore => [6, 3, 1, 3, 3, 1],
    };
    let mut options: Vec<(u32, BoxedStrategy<String>)> = vec![
        (w_small, small_int().boxed()),
        (w_edge, select(EDGE_INTS).prop_map(String::from).boxed()),
        (w_big, select(BIG_INTS).prop_map(String::from).boxed()),
        (w_float, select(SMALL_FLOATS).prop_map(String::from).boxed()),
        (w_fedge, select(EDGE_FLOATS).prop_map(String::from).boxed()),
        (
            w_bool,
            any::<bool>()
                .prop_map(|b| if b { "True" } else { "False" }.to_string())
                .boxed(),
        ),
    ];
    options.retain(|(w, _)| *w > 0);
    Union::new_weighted(options).boxed()
}

fn clamp() -> impl Strategy<Value = Clamp> {
    (select(CLAMP_BOUNDS), select(CLAMP_MODULI)).prop_map(|(bound, modulus)| Clamp { bound, modulus })
}

prop_compose! {
    /// `range(a, b, step)` running exactly `trips` times (from `lo..=hi`),
    /// starting near 0 or (rarely, short ranges only) next to ±2**63.
    fn lit_range(lo: u32, hi: u32, edge_start: bool)(
        trips in lo..=hi,
        step in select(STEPS),
        small_start in -20i128..=20,
        edge in if edge_start { prop_oneof![30 => Just(0i128), 1 => Just(1i128 << 63), 1 => Just(-(1i128 << 63)), 1 => Just(1i128 << 62)].boxed() } else { Just(0i128).boxed() },
        slack in 0i128..7,
    ) -> RangeSpec {
        let start = edge + small_start;
        let n = trips as i128;
        let s = step.abs();
        let r = slack % s;
        // n >= 1: the last value is start + (n-1)*step, the stop lies past it by 1..=|step|.
        let stop = if n == 0 { start - step.signum() * r } else { start + (n - 1) * step + step.signum() * (1 + r) };
        RangeSpec::Lit { start, stop, step }
    }
}

/// A loop's trip-count class for the budget: (min trips, max trips).
fn trip_classes(budget: u32) -> Vec<(u32, u32, u32)> {
    // (weight, lo, hi)
    let mut v = Vec::new();
    if budget >= 4 {
        v.push((3, 0, 4));
    }
    if budget >= 12 {
        v.push((3, 0, 12));
    }
    if budget >= 80 {
        v.push((2, 13, 80));
    }
    if budget >= 1000 {
        v.push((2, 1000, budget.min(3000)));
    }
    v
}

fn opt_block(block: BoxedStrategy<Vec<Stmt>>, weight_none: u32) -> BoxedStrategy<Option<Vec<Stmt>>> {
    prop_oneof![weight_none => Just(None), 1 => block.prop_map(Some)].boxed()
}

/// Builds the (recursive, depth-bounded) strategies once, memoized per context.
#[derive(Default)]
struct Builder {
    exprs: HashMap<(Flavour, Func, u8, bool), BoxedStrategy<Expr>>,
    blocks: HashMap<Ctx, BoxedStrategy<Vec<Stmt>>>,
}

impl Builder {
    /// Expressions over the names in scope at `ctx` (`f` may call the
    /// helpers): what may be stored into a list, a tuple, an attribute.
    fn expr(&mut self, ctx: Ctx) -> BoxedStrategy<Expr> {
        self.expr_of(ctx, false)
    }

    /// The same, in `f` also reading its tuple and lists (`t0[0]`,
    /// `len(t0)`, `sum(l3)`, `max(m0[i1 % 5])`, `len(n0)`): for values
    /// that go to a clamped local, a condition or a return.
    fn rich_expr(&mut self, ctx: Ctx) -> BoxedStrategy<Expr> {
        self.expr_of(ctx, ctx.func == Func::F)
    }

    fn expr_of(&mut self, ctx: Ctx, rich: bool) -> BoxedStrategy<Expr> {
        let key = (ctx.flavour, ctx.func, ctx.loops, rich);
        if let Some(s) = self.exprs.get(&key) {
            return s.clone();
        }
        let vars = ctx.vars();
        let loop_vars = ctx.loop_vars();
        let calls_helpers = ctx.func == Func::F;
        let reads = if rich { state_reads(&loop_vars) } else { Vec::new() };
        let s = expr_over(ctx.flavour, vars, loop_vars, calls_helpers, true, reads);
        self.exprs.insert(key, s.clone());
        s
    }

    fn block(&mut self, ctx: Ctx) -> BoxedStrategy<Vec<Stmt>> {
        if let Some(s) = self.blocks.get(&ctx) {
            return s.clone();
        }
        let max_len = match ctx.nest {
            0 => 5,
            1 => 4,
            2 => 3,
            _ => 2,
        };
        let s = prop::collection::vec(self.stmt(ctx), 1..=max_len).boxed();
        self.blocks.insert(ctx, s.clone());
        s
    }

    fn stmt(&mut self, ctx: Ctx) -> BoxedStrategy<Stmt> {
        let expr = self.expr(ctx);
        let rich = self.rich_expr(ctx);
        let targets = ctx.targets();
        let mut options: Vec<(u32, BoxedStrategy<Stmt>)> = Vec::new();

        // Assignments (the first option: what shrinking falls back to).
        options.push((
            6,
            (select(targets.clone()), rich.clone(), clamp())
                .prop_map(|(target, value, clamp)| Stmt::Assign {
                    target,
                    aug: None,
                    value,
                    clamp,
                })
                .boxed(),
        ));
        options.push((
            2,
            (
                select(targets.clone()),
                select(AUG_OPS),
                rich.clone(),
                clamp(),
            )
                .prop_map(|(target, op, value, clamp)| Stmt::Assign {
                    target,
                    aug: Some(op),
                    value,
                    clamp,
                })
                .boxed(),
        ));
        // Risky operation inside try/except.
        options.push((
            1,
            (select(targets.clone()), risky(rich.clone()), select(TRY_FALLBACKS), clamp())
                .prop_map(|(target, risky, fallback, clamp)| Stmt::Try {
                    target,
                    risky,
                    fallback,
                    clamp,
                })
                .boxed(),
        ));
        // `q, r = divmod(a, b)` inside try/except.
        options.push((
            1,
            (select(targets.clone()), select(targets.clone()), rich.clone(), rich.clone(), clamp(), clamp())
                .prop_map(|(q, r, a, b, c1, c2)| Stmt::DivMod { q, r, a, b, clamps: (c1, c2) })
                .boxed(),
        ));
        // numpy array reads and writes (f only), indices from the loop
        // variables, in bounds and out (negative ones count from the end).
        if ctx.func == Func::F {
            let index = array_index(ctx.loop_vars());
            // `m0` takes a row index, then an element index.
            let index_for = |arr: &str, i: String, j: String| if arr == "m0" { format!("{i}][{j}") } else { i };
            options.push((
                3,
                (select(targets.clone()), select(&ARRAYS[..]), index.clone(), index.clone(), clamp())
                    .prop_map(move |(target, (arr, _), i, j, clamp)| Stmt::ArrGet { target, arr, index: index_for(arr, i, j), clamp })
                    .boxed(),
            ));
            options.push((
                3,
                (select(&ARRAYS[..]), index.clone(), index, expr.clone())
                    .prop_map(move |((arr, _), i, j, value)| Stmt::ArrSet { arr, index: index_for(arr, i, j), value })
                    .boxed(),
            ));
            options.push((
                1,
                (select(GROW_LISTS), expr.clone()).prop_map(|(list, value)| Stmt::ListAppend { list, value }).boxed(),
            ));
            // An instance's attributes and a method (f only).
            options.push((
                1,
                (select(targets.clone()), select(&["a", "b", "n"][..]), clamp())
                    .prop_map(|(target, attr, clamp)| Stmt::AttrGet { target, attr, clamp })
                    .boxed(),
            ));
            options.push((
                1,
                (select(&["a", "b", "n"][..]), prop_oneof![2 => Just(None), 1 => select(AUG_OPS).prop_map(Some)], expr.clone())
                    .prop_map(|(attr, aug, value)| Stmt::AttrSet { attr, aug, value })
                    .boxed(),
            ));
            options.push((
                1,
                (select(targets.clone()), expr.clone(), any::<bool>())
                    .prop_map(|(target, value, each)| Stmt::MethodCall { target, value, each })
                    .boxed(),
            ));
            // A loop over a list (up to 24 items, 25 for `tl0`): only where
            // the budget allows that many trips (not inside a loop of
            // thousands, which would run it tens of thousands of times).
            if ctx.loops < MAX_LOOP_DEPTH && ctx.nest < MAX_NEST && ctx.budget >= 24 {
                let body = self.block(Ctx {
                    loops: ctx.loops + 1,
                    nest: ctx.nest + 1,
                    budget: ctx.budget / 24,
                    guarded: false,
                    ..ctx
                });
                let var = ctx.loop_var(ctx.loops + 1);
                let second = prop_oneof![3 => Just(None), 1 => select(LOCALS).prop_map(|t| Some(t.to_string()))];
                let list_for = (select(LOCALS), second, select(ITER_LISTS), body.clone())
                    .prop_map(move |(target, target2, list, body)| Stmt::ListFor {
                        var: var.clone(),
                        target: target.to_string(),
                        target2,
                        list,
                        body,
                    });
                // Or a loop over the list of tuples `tl0`, half as often.
                options.push((3, prop_oneof![2 => list_for, 1 => tuple_list_for(ctx, body)].boxed()));
            }
            // The newer statements all together weigh as much as an
            // augmented assignment.
            if ctx.loops > 0 {
                options.push((2, newer_stmts(ctx, expr.clone(), rich.clone())));
                options.push((W_NEWEST, newest_stmts(ctx, expr.clone())));
            }
            // A loop over a tuple (at most 4 trips: also inside the loops
            // of thousands of trips, whose bodies may run 2 trips each), or
            // (a quarter of the time, where the budget allows 8 trips) a loop
            // that pops `s0` until it is empty or its counter ends it.
            if ctx.loops < MAX_LOOP_DEPTH && ctx.nest < MAX_NEST && ctx.budget >= 2 {
                let body = self.block(Ctx {
                    loops: ctx.loops + 1,
                    nest: ctx.nest + 1,
                    budget: ctx.budget / 4,
                    guarded: false,
                    ..ctx
                });
                let els = opt_block(
                    self.block(Ctx {
                        nest: ctx.nest + 1,
                        guarded: false,
                        ..ctx
                    }),
                    4,
                );
                let mut loops = vec![(3, tuple_for(ctx, expr.clone(), body, els))];
                if ctx.budget >= 8 {
                    let body = self.block(Ctx {
                        loops: ctx.loops + 1,
                        nest: ctx.nest + 1,
                        budget: ctx.budget / 30,
                        guarded: false,
                        ..ctx
                    });
                    loops.push((1, drain(ctx, body)));
                }
                options.push((W_NEW_LOOPS, Union::new_weighted(loops).boxed()));
            }
        }
        // Object mode: statements on the object world inside loops, and
        // loops over objects (a chain, lists of instances, a generator,
        // pairs, a dict, a str) with a body of any statements.
        if ctx.func == Func::F && matches!(ctx.flavour, Flavour::Objects | Flavour::ObjectsCore) {
            if ctx.loops > 0 {
                options.push((W_OBJECTS, object_stmts(ctx, expr.clone())));
            }
            if ctx.loops < MAX_LOOP_DEPTH && ctx.nest < MAX_NEST && ctx.budget >= OBJ_TRIPS {
                let body = self.block(Ctx {
                    loops: ctx.loops + 1,
                    nest: ctx.nest + 1,
                    budget: ctx.budget / OBJ_TRIPS,
                    guarded: false,
                    ..ctx
                });
                options.push((W_OBJ_LOOPS, object_loops(ctx, expr.clone(), body)));
            }
        }
        // A type change of a local, in the middle of a loop when there is one.
        if ctx.func == Func::F {
            let guard: BoxedStrategy<Option<(String, i64)>> = if ctx.loops > 0 {
                let var = ctx.loop_var(ctx.loops);
                prop_oneof![
                    3 => (-3i64..=40).prop_map(move |k| Some((var.clone(), k))),
                    1 => Just(None),
                ]
                .boxed()
            } else {
                Just(None).boxed()
            };
            options.push((
                if ctx.loops > 0 { 2 } else { 1 },
                (
                    select(LOCALS),
                    guard,
                    select(TYPE_CHANGES),
                )
                    .prop_map(|(t, guard, template)| Stmt::TypeChange {
                        target: t.to_string(),
                        guard,
                        template,
                    })
                    .boxed(),
            ));
        }
        // if/elif/else.
        if ctx.nest < MAX_NEST {
            let inner = Ctx {
                nest: ctx.nest + 1,
                guarded: true,
                ..ctx
            };
            let b = self.block(inner);
            let elifs = prop::collection::vec((rich.clone(), b.clone()), 0..=2);
            options.push((
                3,
                (cond(rich.clone()), b.clone(), elifs, opt_block(b, 1))
                    .prop_map(|(cond, then, elifs, els)| Stmt::If {
                        cond,
                        then,
                        elifs,
                        els,
                    })
                    .boxed(),
            ));
        }
        // Loops.
        let max_loops = match ctx.func {
            Func::F => MAX_LOOP_DEPTH,
            Func::H => 1,
        };
        if ctx.loops < max_loops && ctx.nest < MAX_NEST {
            let var = ctx.loop_var(ctx.loops + 1);
            let else_block = self.block(Ctx {
                nest: ctx.nest + 1,
                guarded: false,
                ..ctx
            });
            for (weight, lo, hi) in trip_classes(ctx.budget) {
                let body = self.block(Ctx {
                    loops: ctx.loops + 1,
                    nest: ctx.nest + 1,
                    budget: ctx.budget / hi.max(1),
                    guarded: false,
                    ..ctx
                });
                let mut ranges: Vec<(u32, BoxedStrategy<RangeSpec>)> =
                    vec![(4, lit_range(lo, hi, hi <= 12).boxed())];
                if hi <= 12 && lo == 0 && ctx.loops > 0 {
                    let outer = ctx.loop_vars();
                    ranges.push((
                        1,
                        (select(outer), 1u8..=(hi.min(6) as u8))
                            .prop_map(|(var, m)| RangeSpec::Mod { var, m })
                            .boxed(),
                    ));
                }
                let v = var.clone();
                options.push((
                    weight * 2,
                    (Union::new_weighted(ranges), body.clone(), opt_block(else_block.clone(), 3))
                        .prop_map(move |(range, body, els)| Stmt::For {
                            var: v.clone(),
                            range,
                            body,
                            els,
                        })
                        .boxed(),
                ));
                let v = var.clone();
                let extra = prop_oneof![3 => Just(None), 1 => cond(rich.clone()).prop_map(Some)];
                options.push((
                    weight,
                    (lo..=hi, any::<bool>(), extra, body, opt_block(else_block.clone(), 3))
                        .prop_map(move |(n, down, extra, body, els)| Stmt::While {
                            var: v.clone(),
                            n,
                            down,
                            extra,
                            body,
                            els,
                        })
                        .boxed(),
                ));
            }
        }
        // break / continue / early return, inside an if.
        if ctx.guarded {
            if ctx.loops > 0 {
                options.push((2, Just(Stmt::Break).boxed()));
                options.push((1, Just(Stmt::Continue).boxed()));
            }
            options.push((1, rich.clone().prop_map(Stmt::Return).boxed()));
        }
        Union::new_weighted(options).boxed()
    }
}

/// Two different locals.
fn local_pair() -> BoxedStrategy<(String, String)> {
    (0usize..4, 1usize..4)
        .prop_map(|(a, d)| (LOCALS[a].to_string(), LOCALS[(a + d) % 4].to_string()))
        .boxed()
}

/// A loop over the list of tuples `tl0` (a `ListFor`'s body).
fn tuple_list_for(ctx: Ctx, body: BoxedStrategy<Vec<Stmt>>) -> BoxedStrategy<Stmt> {
    let var = ctx.loop_var(ctx.loops + 1);
    let form = prop_oneof![
        2 => Just(TupleLoop::Unpack),
        1 => Just(TupleLoop::Enumerate),
        2 => select(ARITH_OPS).prop_map(TupleLoop::Whole),
    ];
    (local_pair(), form, body)
        .prop_map(move |((a, b), form, body)| Stmt::TupleListFor { var: var.clone(), a, b, form, body })
        .boxed()
}

/// `f`'s statements for tuples, keyword calls, closures, sum/min/max and
/// lists made in loops (the loop over `tl0` is offered with the other list
/// loops), for use inside loops, so that these run hot. `e` for what is
/// stored (into `t0`, `tl0`, `n0`, `rows`, `w0`), `r` for what goes to a
/// clamped local.
fn newer_stmts(ctx: Ctx, e: BoxedStrategy<Expr>, r: BoxedStrategy<Expr>) -> BoxedStrategy<Stmt> {
    let pair = local_pair();
    let index = array_index(ctx.loop_vars());
    // Tuples: `t0` set, unpacked, swaps, `h2` unpacked.
    let tuple_set = prop_oneof![
        3 => prop::collection::vec(e.clone(), 2..=2).prop_map(TupleSrc::Items),
        1 => prop::collection::vec(e.clone(), 3..=3).prop_map(TupleSrc::Items),
        2 => e.clone().prop_map(TupleSrc::Carry),
        2 => (e.clone(), e.clone()).prop_map(|(x, y)| TupleSrc::H2(x, y)),
    ];
    let unpack = prop_oneof![
        2 => Just(UnpackSrc::T0),
        2 => (r.clone(), r.clone()).prop_map(|(x, y)| UnpackSrc::H2(x, y)),
        1 => Just(UnpackSrc::Swap),
        1 => (r.clone(), r.clone()).prop_map(|(x, y)| UnpackSrc::Pair(x, y)),
    ];
    let unpack = (pair.clone(), unpack, clamp(), clamp())
        .prop_map(|((a, b), src, c1, c2)| Stmt::Unpack { a, b, src, clamps: (c1, c2) });
    let mut newer: Vec<(u32, BoxedStrategy<Stmt>)> = Vec::new();
    newer.push((3, prop_oneof![tuple_set.prop_map(Stmt::TupleSet), unpack].boxed()));
    // Rarer: `tl0` grown or an item replaced, a refused keyword call, the
    // cell rebound.
    let kw_bad = (r.clone(), r.clone(), 0usize..4).prop_map(|(x, y, form)| {
        let args = match form {
            0 => vec![(None, x), (Some("bogus"), Expr::Lit("1".into()))],
            1 => vec![(None, x), (Some("a"), y)],
            2 => vec![(Some("b"), y)],
            _ => vec![(None, x), (None, y), (None, Expr::Lit("1".into())), (None, Expr::Lit("4".into()))],
        };
        Expr::Fn { name: "h3", args, index: None }
    });
    let tuple_item = prop_oneof![
        3 => (e.clone(), e.clone()).prop_map(|(x, y)| TupleItem::Pair(x, y)),
        1 => select(TL0_ODD).prop_map(TupleItem::Odd),
    ];
    let rare = prop_oneof![
        1 => (e.clone(), e.clone()).prop_map(|(x, y)| Stmt::TupleAppend(x, y)),
        1 => (index.clone(), tuple_item).prop_map(|(index, item)| Stmt::TupleStore { index, item }),
        2 => (select(LOCALS), kw_bad, clamp())
            .prop_map(|(t, call, clamp)| Stmt::KwBad { target: t.to_string(), call, clamp }),
        1 => (e.clone(), clamp()).prop_map(|(value, clamp)| Stmt::CellSet { value, clamp }),
    ];
    newer.push((2, rare.boxed()));
    // Lists made in the loop, a list of them, their elements.
    let count = {
        let lit = (-2i64..=6).prop_map(|k| if k < 0 { format!("({k})") } else { k.to_string() });
        let vars = ctx.loop_vars();
        let by_var = (select(vars), any::<bool>())
            .prop_map(|(v, neg)| if neg { format!("({v} % 5 - 2)") } else { format!("({v} % 4)") });
        prop_oneof![2 => lit, 1 => by_var]
    };
    let make = prop_oneof![
        3 => (e.clone(), count).prop_map(|(x, k)| MadeList::Repeat(x, k)),
        2 => prop::collection::vec(e.clone(), 1..=4).prop_map(MadeList::Display),
        1 => select(REDUCE_LISTS).prop_map(MadeList::Times),
        1 => Just(MadeList::Doubled),
    ];
    // Mostly lists made right there: appending a list the loop did not
    // make (`n0` made before it) keeps the loop interpreted.
    let row_src = prop_oneof![
        1 => Just(RowSrc::N0),
        2 => Just(RowSrc::N0Twice),
        2 => prop::collection::vec(e.clone(), 1..=3).prop_map(RowSrc::Display),
    ];
    let made = prop_oneof![Just("n0"), Just("n0"), Just("rows[-1]")];
    let access = prop_oneof![
        2 => row_src.prop_map(Stmt::RowsAppend),
        2 => (made.clone(), index.clone(), e.clone(), prop::bool::weighted(0.75))
            .prop_map(|(list, index, value, guarded)| Stmt::MadeSet { list, index, value, guarded }),
        2 => (select(LOCALS), made, index, clamp())
            .prop_map(|(t, list, index, clamp)| Stmt::MadeGet { target: t.to_string(), list, index, clamp }),
    ];
    newer.push((3, prop_oneof![3 => make.prop_map(Stmt::ListMake), 2 => access].boxed()));
    // sum/min/max of a list, which may be empty (`n0`, `rows[-1]`).
    let mut lists: Vec<(String, bool)> = REDUCE_LISTS.iter().map(|l| (l.to_string(), false)).collect();
    lists.extend(ctx.loop_vars().iter().map(|v| (format!("m0[{v} % 5]"), false)));
    lists.push(("n0".into(), true));
    lists.push(("n0".into(), true));
    lists.push(("(rows[-1] if len(rows) > 0 else n0)".into(), true));
    newer.push((
        2,
        (select(LOCALS), select(REDUCE_FNS), select(lists), clamp())
            .prop_map(|(t, func, (list, empty), clamp)| Stmt::Reduce {
                target: t.to_string(),
                func,
                list,
                may_be_empty: empty && func != "sum",
                clamp,
            })
            .boxed(),
    ));
    Union::new_weighted(newer).boxed()
}

/// `t1`'s first value: never empty (`t1[0]` reads an item), items of one
/// kind or mixed.
const T1_INITS: &[&str] = &["(v0, v1, v2)", "(1, 2.5, True)", "(v3,)", "(-1, 0, 2, 5)", "(0.5, -0.0, 7)", "(v0, v0 * 2)"];
/// `t2`'s first value: a tuple of pairs, never empty.
const T2_INITS: &[&str] = &["((1, 2.5), (3, -4.0))", "((v0, v1), (v2, v3), (1, 0.5))", "((True, 2), (0.5, -1))", "((0, 1),)"];
/// `s0`'s first value: the list that pops, inserts and slice stores grow
/// and shrink freely (empty at times, its items of mixed types).
const S0_INITS: &[&str] = &[
    "[]",
    "[v0, v1, 2.5, True]",
    "[i * 2 - 3 for i in range(6)]",
    "[i * 0.5 for i in range(9)]",
    "[i % 2 == 0 for i in range(5)]",
    "[3]",
    "[1, 2.5, True, -3]",
];
/// Constant tuples of ints a loop walks with its loop variable (which the
/// body may then use as an index).
const INT_TUPLES: &[&str] = &["(-1, 0, 1)", "(-1, 0, 2)", "(0, 5, -2, 7)", "(1, 2)", "(3,)", "()", "(-1, 0, 1)", "(2, 0)"];
/// Constant tuples and their lengths: items of one kind or mixed.
const CONST_TUPLES: &[(&str, usize)] = &[
    ("(1, 2.5, True)", 3),
    ("(-1, 0, 2)", 3),
    ("(0.5, -0.0, 7, False)", 4),
    ("(3,)", 1),
    ("(2**62, -1.5)", 2),
    ("(0.25, 1.5, -2.0)", 3),
    ("()", 0),
];
/// Constant tuples of pairs.
const PAIR_TUPLES: &[&str] = &["((1, 2.5), (3, -4.0))", "((0, 1), (2, 3), (4, 5))", "((0.5, True), (-2, 1e10))", "((7, 8),)", "()"];
/// Lists that slices read (and copy): `f`'s lists, rows of `m0`, `s0`, `n0`.
const SLICE_LISTS: &[&str] = &["l0", "l1", "l2", "l3", "l4", "m0[1]", "m0[-1]", "s0", "s0", "n0"];
/// Lists whose length must stay within bounds (`sum`/`min`/`max` take them
/// unguarded): stores that keep the length (a flip, an extended slice),
/// `reverse`, and `pop`/`insert` under a length guard.
const KEPT_LISTS: &[&str] = &["l0", "l1", "l2", "l3", "l4", "m0[2]", "l1", "l0"];
/// Where a slice step from a loop variable reaches 0 after some
/// iterations: `(K - i // D)`.
const ZERO_STEPS: &[(i64, i64)] = &[(2, 1000), (1, 500), (3, 700)];

fn lit_index(k: i64) -> String {
    if k < 0 { format!("({k})") } else { k.to_string() }
}

/// An index within the i64 range whatever the loop variable: a small
/// literal (or ±100), `(i1 % 7 - 2)`, `(-1 - i1 % 5)`, `(i1 // 500)`.
fn small_index(vars: Vec<String>) -> BoxedStrategy<String> {
    let lit = prop_oneof![4 => -6i64..=6, 1 => select(&[-100i64, 100][..])].prop_map(lit_index);
    if vars.is_empty() {
        return lit.boxed();
    }
    let wrapped = (select(vars.clone()), 1i64..=9, 0i64..=4)
        .prop_map(|(v, m, k)| if k == 0 { format!("({v} % {m})") } else { format!("({v} % {m} - {k})") });
    let from_end = (select(vars.clone()), 1i64..=7).prop_map(|(v, m)| format!("(-1 - {v} % {m})"));
    let div = (select(vars), select(&[3i64, 50, 500, 1000][..])).prop_map(|(v, k)| format!("({v} // {k})"));
    prop_oneof![2 => lit, 3 => wrapped, 1 => from_end, 1 => div].boxed()
}

/// A slice bound: none, a literal (negative ones count from the end), or
/// from a loop variable (`i1 % 5`, `-(i1 % 3) - 1`, `i1 - 4`).
fn slice_bound(vars: Vec<String>) -> BoxedStrategy<String> {
    let lit = (-12i64..=12).prop_map(|k| k.to_string());
    if vars.is_empty() {
        return prop_oneof![2 => Just(String::new()), 1 => lit].boxed();
    }
    let m = (select(vars.clone()), 1i64..=9).prop_map(|(v, m)| format!("{v} % {m}"));
    let neg = (select(vars.clone()), 1i64..=5).prop_map(|(v, m)| format!("-({v} % {m}) - 1"));
    let shifted = (select(vars), 0i64..=6).prop_map(|(v, k)| if k == 0 { v } else { format!("{v} - {k}") });
    prop_oneof![4 => Just(String::new()), 3 => lit, 3 => m, 1 => neg, 1 => shifted].boxed()
}

/// A slice step and whether it may be 0 (ValueError). `extended`: never 1
/// (a store into the slice then keeps the list's length or raises).
fn slice_step(vars: Vec<String>, extended: bool, zero: bool) -> BoxedStrategy<(String, bool)> {
    let lits: &'static [&'static str] = if extended { &["2", "-1", "-2", "3", "-1"] } else { &["2", "3", "-1", "-2", "-1"] };
    let lit = select(lits).prop_map(|s| (s.to_string(), false));
    let none = if extended { Just(("2".to_string(), false)) } else { Just((String::new(), false)) };
    if vars.is_empty() {
        return prop_oneof![1 => none, 1 => lit].boxed();
    }
    let var = (select(vars.clone()), any::<bool>()).prop_map(move |(v, up)| {
        let s = match (up, extended) {
            (true, false) => format!("({v} % 3 + 1)"),
            (true, true) => format!("({v} % 2 + 2)"),
            (false, _) => format!("(-1 - {v} % 2)"),
        };
        (s, false)
    });
    let may_zero = (select(vars), select(ZERO_STEPS), any::<bool>()).prop_map(move |(v, (k, d), by_mod)| {
        let s = if by_mod { format!("({v} % 3 - 1)") } else { format!("({k} - {v} // {d})") };
        (if extended { format!("({s} * 2)") } else { s }, true)
    });
    let w_zero = if zero { 2 } else { 0 };
    let mut options: Vec<(u32, BoxedStrategy<(String, bool)>)> =
        vec![(if extended { 1 } else { 6 }, none.boxed()), (3, lit.boxed()), (2, var.boxed())];
    if w_zero > 0 {
        options.push((w_zero, may_zero.boxed()));
    }
    Union::new_weighted(options).boxed()
}

/// The text inside `[...]` of a slice, and whether its step may be 0.
fn slice(vars: Vec<String>, extended: bool, zero: bool) -> BoxedStrategy<(String, bool)> {
    let general = (slice_bound(vars.clone()), slice_bound(vars.clone()), slice_step(vars, extended, zero)).prop_map(
        |(lo, hi, (step, z))| {
            if step.is_empty() { (format!("{lo}:{hi}"), z) } else { (format!("{lo}:{hi}:{step}"), z) }
        },
    );
    let reversed = Just(("::-1".to_string(), false));
    prop_oneof![5 => general, 1 => reversed].boxed()
}

/// A tuple display of 0 to 4 items: `()`, `(x,)`, `(x, y)`.
fn tuple_display(items: &[String]) -> String {
    match items {
        [] => "()".to_string(),
        [x] => format!("({x},)"),
        _ => format!("({})", items.join(", ")),
    }
}

fn render_all(items: &[Expr]) -> Vec<String> {
    items.iter().map(Expr::render).collect()
}

/// A loop over a tuple (offered with the other loops of `f`): over
/// constant ints with the loop variable, or over items that go to one local
/// or two (tuples in `t0`/`t1`/`t2`, constants of one kind or mixed,
/// displays built there, empty and one-item ones).
fn tuple_for(ctx: Ctx, e: BoxedStrategy<Expr>, body: BoxedStrategy<Vec<Stmt>>, els: BoxedStrategy<Option<Vec<Stmt>>>) -> BoxedStrategy<Stmt> {
    let var = ctx.loop_var(ctx.loops + 1);
    let items_src = prop_oneof![
        3 => Just("t1".to_string()),
        1 => Just("t0".to_string()),
        2 => select(CONST_TUPLES).prop_map(|(t, _)| t.to_string()),
        2 => prop::collection::vec(e.clone(), 0..=3).prop_map(|v| tuple_display(&render_all(&v))),
    ];
    let pairs_src = prop_oneof![
        2 => Just("t2".to_string()),
        2 => select(PAIR_TUPLES).prop_map(String::from),
        1 => prop::collection::vec((e.clone(), e), 1..=3).prop_map(|v| {
            let pairs: Vec<String> = v.iter().map(|(x, y)| format!("({}, {})", x.render(), y.render())).collect();
            tuple_display(&pairs)
        }),
    ];
    let form = prop_oneof![
        3 => select(INT_TUPLES).prop_map(TupleForm::Ints),
        4 => (select(LOCALS), items_src, prop::bool::weighted(0.3), clamp())
            .prop_map(|(a, src, enumerate, clamp)| TupleForm::Items { a: a.to_string(), src, enumerate, clamp }),
        2 => (local_pair(), pairs_src, clamp(), clamp())
            .prop_map(|((a, b), src, c1, c2)| TupleForm::Pairs { a, b, src, clamps: (c1, c2) }),
    ];
    (form, body, els)
        .prop_map(move |(form, body, els)| Stmt::TupleFor { var: var.clone(), form, body, els })
        .boxed()
}

/// A loop whose exit depends on `s0`'s contents, bounded by its counter
/// (at most 30 trips).
fn drain(ctx: Ctx, body: BoxedStrategy<Vec<Stmt>>) -> BoxedStrategy<Stmt> {
    let var = ctx.loop_var(ctx.loops + 1);
    let conds: &'static [&'static str] = &["s0", "len(s0) > 0", "len(s0) > 2", "s0 and s0[-1] != 0"];
    let pops: &'static [&'static str] = &["s0.pop()", "s0.pop(0)", "s0.pop(-1)", "s0.pop()"];
    (1u32..=ctx.budget.min(30), select(conds), select(pops), select(LOCALS), clamp(), body)
        .prop_map(move |(n, cond, pop, target, clamp, body)| Stmt::Drain {
            var: var.clone(),
            n,
            cond,
            pop,
            target: target.to_string(),
            clamp,
            body,
        })
        .boxed()
}

fn clamped(target: &str, c: Clamp) -> Option<(String, Clamp)> {
    Some((target.to_string(), c))
}

fn line(code: String, wrap: Wrap, clamp: Option<(String, Clamp)>) -> Stmt {
    Stmt::Line { code, wrap, clamp }
}

/// `f`'s statements (inside loops) for tuples read by index, slices of
/// lists and list methods: `t1`/`t2` built and read (in range, caught out
/// of range, rarely uncaught), slices read (`len`, an item, `sum`,
/// `min`/`max`), copied into `n0`, stored into (a flip, an extended slice
/// maybe of the wrong length, a plain slice of `s0`/`n0` under a length
/// bound), `s0 += ...`, `s0 *= k` and `n0 = s0` (aliases), and
/// `pop`/`insert`/`append`/`reverse`/`copy`: freely on `s0`
/// (which may be empty), under length guards on `f`'s other lists. `e`
/// for what is stored.
fn newest_stmts(ctx: Ctx, e: BoxedStrategy<Expr>) -> BoxedStrategy<Stmt> {
    let vars = ctx.loop_vars();
    assert!(!vars.is_empty(), "newest_stmts: only inside loops");
    let sidx = small_index(vars.clone());
    let aidx = array_index(vars.clone());
    let any_idx = prop_oneof![sidx.clone(), aidx.clone()];
    let var = select(vars.clone());
    let target = select(LOCALS).prop_map(String::from);
    let mut lists: Vec<String> = SLICE_LISTS.iter().map(|l| l.to_string()).collect();
    lists.extend(vars.iter().map(|v| format!("m0[{v} % 5]")));
    let lists = select(lists);
    let mut kept: Vec<&'static str> = KEPT_LISTS.to_vec();
    kept.extend(["s0", "s0", "n0"]);
    let kept_or_free = select(kept);

    // Tuples: built, read by index.
    let build_t1 = prop::collection::vec(e.clone(), 1..=4)
        .prop_map(|v| line(format!("t1 = {}", tuple_display(&render_all(&v))), Wrap::Plain, None));
    let build_t2 = prop::collection::vec((e.clone(), e.clone()), 1..=3).prop_map(|v| {
        let pairs: Vec<String> = v.iter().map(|(x, y)| format!("({}, {})", x.render(), y.render())).collect();
        line(format!("t2 = {}", tuple_display(&pairs)), Wrap::Plain, None)
    });
    let non_empty: Vec<(&'static str, usize)> = CONST_TUPLES.iter().copied().filter(|(_, n)| *n > 0).collect();
    let tuple = prop_oneof![
        3 => Just(("t1".to_string(), "len(t1)".to_string())),
        1 => Just(("t0".to_string(), "len(t0)".to_string())),
        2 => select(non_empty).prop_map(|(t, n)| (t.to_string(), n.to_string())),
    ];
    let get = (target.clone(), tuple, var.clone(), 0u8..8, any_idx.clone(), select(&[500i64, 1000, 1500][..]), select(&["0", "1", "-1"][..]), clamp())
        .prop_map(move |(t, (tup, len), v, form, idx, k, item, c)| {
            let (code, wrap) = match form {
                0 | 1 => (format!("{t} = {tup}[{v} % {len}]"), Wrap::Plain),
                2 => (format!("{t} = {tup}[-1 - {v} % {len}]"), Wrap::Plain),
                3..=5 => (format!("{t} = {tup}[{idx}]"), Wrap::Try("IndexError", Some(format!("{t} = -7")))),
                6 => (format!("{t} = t2[{v} % len(t2)][{item}]"), Wrap::Plain),
                // Uncaught IndexError once the loop has run far enough.
                _ => (format!("{t} = {tup}[{v} // {k}]"), Wrap::Plain),
            };
            line(code, wrap, clamped(&t, c))
        });
    let tuples = prop_oneof![3 => build_t1, 1 => build_t2, 4 => get];

    // Slices.
    let read = (target.clone(), lists.clone(), slice(vars.clone(), false, true), 0u8..4, any_idx.clone(), prop::bool::weighted(0.12), select(MIN_MAX), clamp())
        .prop_map(|(t, l, (sl, zero), post, idx, raw, mm, c)| {
            let code = match post {
                0 => format!("{t} = len({l}[{sl}])"),
                1 => format!("{t} = {l}[{sl}][{idx}]"),
                2 => format!("{t} = sum({l}[{sl}])"),
                // min()/max() of an empty list: RustPython's message differs, always caught.
                _ => format!("{t} = {mm}({l}[{sl}])"),
            };
            let wrap = if post == 3 || ((zero || post == 1) && !raw) {
                Wrap::Try("(IndexError, ValueError)", Some(format!("{t} = -9")))
            } else {
                Wrap::Plain
            };
            line(code, wrap, clamped(&t, c))
        });
    let copy_slice = (lists.clone(), slice(vars.clone(), false, true)).prop_map(|(l, (sl, zero))| {
        let wrap = if zero { Wrap::Try("ValueError", Some("n0 = [1]".into())) } else { Wrap::Plain };
        line(format!("n0 = {l}[{sl}]"), wrap, None)
    });
    // `k` never negative: `a[:-1 + 1] = a[-1::-1]` puts a reversed copy
    // in front (the list doubles), other `k` keep the length.
    let flip_at = prop_oneof![
        1 => (0i64..=12).prop_map(|k| k.to_string()),
        2 => (var.clone(), 1i64..=13, 0i64..=3)
            .prop_map(|(v, m, k)| if k == 0 { format!("({v} % {m})") } else { format!("({v} % {m} + {k})") }),
    ];
    let flip = (kept_or_free.clone(), flip_at)
        .prop_map(|(l, k)| line(format!("{l}[:{k} + 1] = {l}[{k}::-1]"), Wrap::Plain, None));
    // What a slice store takes: a slice of another list, a display, a
    // repeat, the tuple `t1`.
    let src = |zero: bool| {
        prop_oneof![
            3 => (lists.clone(), slice(vars.clone(), false, zero)).prop_map(|(l, (sl, z))| (format!("{l}[{sl}]"), z)),
            2 => prop::collection::vec(e.clone(), 0..=3).prop_map(|v| (format!("[{}]", render_all(&v).join(", ")), false)),
            1 => (e.clone(), 0u8..=4).prop_map(|(x, k)| (format!("[{}] * {k}", x.render()), false)),
            1 => Just(("t1".to_string(), false)),
        ]
    };
    let extended = (kept_or_free.clone(), slice(vars.clone(), true, true), src(true), prop::bool::weighted(0.1)).prop_map(
        |(l, (sl, _), (src, _), raw)| {
            // Lengths may differ (ValueError), the step may be 0.
            let wrap = if raw { Wrap::Plain } else { Wrap::Try("ValueError", None) };
            line(format!("{l}[{sl}] = {src}"), wrap, None)
        },
    );
    let plain = (select(&["s0", "s0", "n0"][..]), slice_bound(vars.clone()), slice_bound(vars.clone()), src(false))
        .prop_map(|(l, lo, hi, (src, _))| line(format!("{l}[{lo}:{hi}] = {src}"), Wrap::If(format!("len({l}) < 32")), None));
    let slices = prop_oneof![4 => read, 1 => copy_slice, 2 => flip, 2 => extended, 2 => plain];

    // In-place operators on lists, with aliases: `s0 += src` extends the
    // list `n0` may also name.
    let inplace = (src(false), 0u8..5, 0u8..3).prop_map(|((src, _), form, k)| match form {
        0 | 1 => line(format!("s0 += {src}"), Wrap::If("len(s0) < 32".into()), None),
        2 => line("n0 = s0".into(), Wrap::Plain, None),
        3 => line(format!("s0 *= {k}"), Wrap::If("len(s0) < 12".into()), None),
        _ => line(format!("n0 += {src}"), Wrap::If("len(n0) < 32".into()), None),
    });
    // List methods.
    let append = e.clone().prop_map(|x| line(format!("s0.append({})", x.render()), Wrap::If("len(s0) < 32".into()), None));
    let pop = (target.clone(), 0u8..8, clamp()).prop_map(|(t, form, c)| {
        let wrap = match form {
            0 | 1 => Wrap::If("s0".into()),
            2 | 3 => Wrap::If("len(s0) > 0".into()),
            4..=6 => Wrap::Try("IndexError", Some(format!("{t} = -8"))),
            // Uncaught IndexError where s0 is empty.
            _ => Wrap::Plain,
        };
        line(format!("{t} = s0.pop()"), wrap, clamped(&t, c))
    });
    let pop_at = (target.clone(), sidx.clone(), prop::bool::weighted(0.12), clamp()).prop_map(|(t, i, raw, c)| {
        let wrap = if raw { Wrap::Plain } else { Wrap::Try("IndexError", Some(format!("{t} = -8"))) };
        line(format!("{t} = s0.pop({i})"), wrap, clamped(&t, c))
    });
    let insert = (sidx.clone(), e.clone())
        .prop_map(|(i, x)| line(format!("s0.insert({i}, {})", x.render()), Wrap::If("len(s0) < 32".into()), None));
    let reverse = kept_or_free.prop_map(|l| line(format!("{l}.reverse()"), Wrap::Plain, None));
    let copies = (select(KEPT_LISTS), 0u8..3).prop_map(|(l, form)| {
        let code = match form {
            0 => format!("s0 = {l}.copy()"),
            1 => "n0 = s0.copy()".to_string(),
            _ => format!("n0 = {l}.copy()"),
        };
        line(code, Wrap::Plain, None)
    });
    let kept_pop = (target, select(KEPT_LISTS), var.clone(), 0u8..3, clamp()).prop_map(|(t, l, v, form, c)| {
        let code = match form {
            0 => format!("{t} = {l}.pop()"),
            1 => format!("{t} = {l}.pop({v} % len({l}))"),
            _ => format!("{t} = {l}.pop(-1 - {v} % len({l}))"),
        };
        line(code, Wrap::If(format!("len({l}) > 3")), clamped(&t, c))
    });
    let kept_insert = (select(KEPT_LISTS), sidx, e, var, any::<bool>()).prop_map(|(l, i, x, v, rotate)| {
        if rotate {
            line(format!("{l}.insert({i}, {l}.pop({v} % len({l})))"), Wrap::If(format!("len({l}) > 3")), None)
        } else {
            line(format!("{l}.insert({i}, {})", x.render()), Wrap::If(format!("len({l}) < 24")), None)
        }
    });
    let methods = prop_oneof![
        6 => inplace,
        3 => append,
        3 => pop,
        2 => pop_at,
        2 => insert,
        1 => reverse,
        1 => copies,
        2 => kept_pop,
        2 => kept_insert,
    ];
    prop_oneof![1 => tuples, 1 => slices, 1 => methods].boxed()
}

// ---------------------------------------------------------------------------
// Object mode (issue 17): the object world and its statements.
// ---------------------------------------------------------------------------

/// The module-level definitions of object-mode programs: classes `A`, `B(A)`
/// (with a property) and `C` (with `__add__`, `__lt__`, `__eq__`, `__bool__`)
/// that share the method names `area`/`name` and the class attribute `kind`
/// (a polymorphic call site sees all three; `div` may raise
/// ZeroDivisionError); `Q`, whose attributes hold anything (`val`: int,
/// float, None or str; `nxt`: None or another `Q`; `name`: a str; `items`:
/// a list of instances) and whose `get` catches KeyError itself; `Box`,
/// whose constructor catches KeyError and may then raise
/// ZeroDivisionError; `lookup`, which catches KeyError and AttributeError;
/// the generators `gen(n, x)` and `walk(node)` (a chain's values);
/// `mkchain(n)`; the dict keys `DK`.
/// Every class has a `__repr__` without addresses, so results print the
/// same under any interpreter.
const OBJ_PRELUDE: &str = "class A:
    kind = 'a'

    def __init__(self, k):
        self.k = k

    def area(self):
        return self.k * 2

    def name(self):
        return 'A%d' % self.k

    def div(self, x):
        return self.k * 10 // x

    def __repr__(self):
        return f'{type(self).__name__}({self.k!r})'


class B(A):
    kind = 'b'

    def area(self):
        return self.k * self.k + 0.5

    @property
    def half(self):
        return self.k / 2


class C:
    kind = 'c'

    def __init__(self, k):
        self.k = k

    def area(self):
        return -self.k

    def name(self):
        return f'C{self.k:+d}'

    def div(self, x):
        return -self.k // x

    def __add__(self, other):
        return C((self.k + (other.k if isinstance(other, C) else other)) % 1000)

    def __lt__(self, other):
        return self.k < other.k

    def __eq__(self, other):
        return isinstance(other, C) and self.k == other.k

    def __bool__(self):
        return self.k != 0

    def __repr__(self):
        return f'C({self.k!r})'


class Q:
    def __init__(self, val, nxt=None):
        self.val = val
        self.nxt = nxt
        self.name = 'q'
        self.items = []

    def get(self, d, k):
        try:
            return d[k]
        except KeyError:
            return self.val

    def __repr__(self):
        return f'Q({self.val!r}, {self.name!r}, {self.items!r})'


class Box:
    def __init__(self, d, k, n):
        try:
            self.v = d[k]
        except KeyError:
            self.v = None
        self.r = 12 // n


def lookup(d, k):
    try:
        return d[k].k
    except (KeyError, AttributeError):
        return -1


def gen(n, x):
    k = 0
    while k < n:
        yield x * k if k % 2 else k
        k += 1


def walk(node):
    while node is not None:
        yield node.val
        node = node.nxt


def mkchain(n):
    head = None
    for k in range(n):
        head = Q(None if k % 4 == 1 else 'c%d' % k if k % 4 == 2 else k * 0.5 if k % 4 == 3 else k, head)
    return head


DK = ['a', 'b', 3, (1, 2), 'q', 'zz', 7, (0, 'x')]
";

/// The names of the object world: where `f`'s body mentions one, the
/// program has `OBJ_PRELUDE` (and `f` makes the state it names).
const OBJ_NAMES: &[&str] = &["q0", "head", "hn", "objs", "cs", "d0", "d1", "prs", "st0", "st1", "it0", "gen", "walk", "DK"];
/// `q0.items` first: instances of `A`, `B`, `C` (`.k` an int).
const Q0_ITEMS: &[&str] = &["[]", "[A(1), C(2)]", "[B(k) for k in range(3)]"];
/// `objs` first: never empty (pops keep one item), `A`/`B`/`C` mixed or not.
const OBJS_INITS: &[&str] = &[
    "[A(1), B(2), C(3), B(-1), A(0)]",
    "[C(5), C(-2), A(4)]",
    "[B(3)]",
    "[A(2), A(1), A(0), B(1)]",
    "[A(k % 3) if k % 2 else C(k) for k in range(7)]",
];
/// `cs` first: instances of `C` only (their operators), never empty.
const CS_INITS: &[&str] = &["[C(k) for k in (3, -1, 4, 1, 5)]", "[C(0), C(0)]", "[C(7), C(2), C(9)]"];
/// `d0` first: str, int and tuple keys, values of any kind.
const D0_INITS: &[&str] = &[
    "{'a': A(1), 'b': B(2), 3: C(3), (1, 2): None, 'q': Q(1.5)}",
    "{}",
    "{'zz': 'text', 7: B(0), (0, 'x'): (A(1), None)}",
    "{k: C(k) for k in range(4)}",
];
/// `prs` first: pairs of mixed objects; rarely a triple from the start
/// (then unpacking it raises ValueError, caught around the loops).
const PRS_INITS: &[&str] = &[
    "[(A(1), 'x'), (None, 2.5), (B(3), C(4)), ('s', None), (7, Q(0))]",
    "[(None, None)]",
    "[(C(k), 'p%d' % k) for k in range(5)]",
    "[(A(1), 'x'), (None, 'y'), (B(2), 3)]",
    "[(A(1), 'x'), (1, 2, 3), (None, 'y')]",
];
const STR_INITS: &[&str] = &["'ab1'", "''", "'12'", "'Zy|x'", "'hello world'", "'-7'"];
/// What the object statements catch (each names the ones it may raise).
const OBJ_EXC: &str = "(KeyError, IndexError, AttributeError, TypeError, ValueError)";

/// What one object statement is made of (drawn together; each kind takes
/// what it needs).
#[derive(Clone, Debug)]
struct Pick {
    /// A numeric local of `f`, assigned then clamped.
    t: String,
    /// Loop variables (ints).
    v: String,
    w: String,
    /// A numeric expression, rendered.
    x: String,
    /// An index that may be out of range.
    idx: String,
    /// A dict key (present in `d0` or not).
    key: String,
    f1: u8,
    f2: u8,
    c: Clamp,
    /// The raising operation left uncaught (it may end the program).
    raw: bool,
}

/// An object statement's kinds and weights. `obj_line` makes each.
const OBJ_KINDS: &[(u32, &str)] = &[
    (3, "q.val="), (3, "q.val"), (1, "q.name="), (2, "q.nxt="), (2, "q.nxt.val"), (1, "q.items+"), (1, "q.items~"), (1, "q.items"), (1, "q.hasattr"),
    (2, "head+"), (2, "head-"), (1, "head.unlink"), (2, "head.val="), (1, "head.val"), (2, "walk.count"),
    (3, "objs.call"), (1, "objs.name"), (1, "objs.kind"), (2, "objs.half"), (1, "objs.half!"), (1, "objs[i]"), (2, "objs+"), (1, "objs-"), (1, "objs="), (1, "objs.sort"), (1, "objs.isinstance"),
    (1, "cs+cs"), (1, "cs+n"), (1, "cs<"), (1, "cs=="), (1, "cs.max"), (1, "cs.sort"), (1, "cs+-"), (1, "cs.bool"), (1, "cs!"),
    (3, "st.fmt"), (3, "st.method"), (1, "st.join"), (3, "st.read"), (2, "st.int"), (1, "st[i]"),
    (2, "d.get"), (2, "d[k]="), (1, "k in d"), (2, "d[k]"), (1, "d.del"), (1, "d.setdefault"), (1, "d.len"), (1, "d.k"),
    (2, "gen"), (1, "it0"),
    (2, "prs.unpack"), (1, "prs.swap"), (1, "prs="), (1, "prs+"), (1, "prs.count"),
    (1, "exc.mixed"), (1, "exc.raise"), (1, "exc.name"),
    (2, "callee.try"), (2, "callee.raise"),
];

/// `if o is None: ... elif isinstance(o, str): ...`: what `o` (an
/// expression without side effects) holds, added to the local `t` in a
/// way that works for every kind of object.
fn dispatch(o: &str, t: &str, form: u8) -> String {
    match form % 3 {
        0 | 1 => format!(
            "if {o} is None:\n    {t} = {t} - 1\nelif isinstance({o}, str):\n    {t} = {t} + len({o})\nelif isinstance({o}, (int, float)):\n    {t} = {t} + {o}\nelif isinstance({o}, (A, C)):\n    {t} = {t} + {o}.area()\nelse:\n    {t} = {t} + 100"
        ),
        _ => format!("if {o} is not None and not isinstance({o}, (str, tuple, list, Q)):\n    {t} = {t} + ({o} if isinstance({o}, (int, float)) else {o}.k)"),
    }
}

/// A value whose type varies across iterations: None, a number, a str.
fn varying(v: &str, x: &str, form: u8) -> String {
    match form % 6 {
        0 => format!("(None if {v} % 4 == 0 else {x} if {v} % 4 == 1 else 'v%d' % ({v} % 7) if {v} % 4 == 2 else {v} * 0.5)"),
        1 => format!("({x} if {v} % 3 else None)"),
        2 => format!("str({v} % 5)"),
        3 => x.to_string(),
        4 => "None".to_string(),
        _ => format!("('s' * ({v} % 3) if {v} % 2 else {v} % 9)"),
    }
}

/// A new instance of `A`, `B` or `C` (its `k` an int).
fn abc(v: &str, form: u8) -> String {
    match form % 4 {
        0 => format!("A({v} % 5)"),
        1 => format!("B({v} % 7 - 3)"),
        2 => format!("C({v} % 9)"),
        _ => format!("B({v} // 3 % 4)"),
    }
}

/// An item of a pair in `prs`.
fn pair_item(v: &str, form: u8) -> String {
    match form % 6 {
        0 | 1 => abc(v, form / 2),
        2 => "None".to_string(),
        3 => format!("'p%d' % ({v} % 4)"),
        4 => format!("{v} * 0.5"),
        _ => format!("Q({v} % 3)"),
    }
}

/// What `d0`/`d1` store: instances, None, a str, a `Q`, a tuple or list
/// of instances, a number.
fn dict_value(v: &str, x: &str, form: u8, form2: u8) -> String {
    match form % 8 {
        0..=2 => abc(v, form2),
        3 => "None".to_string(),
        4 => format!("'s%d' % ({v} % 3)"),
        5 => format!("Q({})", varying(v, x, form2)),
        6 => format!("({}, None)", abc(v, form2)),
        _ => x.to_string(),
    }
}

/// A key of `d0`/`d1`: str, int and tuple keys, from `DK` or built, some
/// never stored at first (a dict holds at most about 20 keys).
fn dict_key(vars: Vec<String>) -> BoxedStrategy<String> {
    (select(vars), 0u8..8)
        .prop_map(|(v, form)| match form {
            0 | 1 => format!("DK[{v} % 8]"),
            2 => format!("'k%d' % ({v} % 5)"),
            3 => format!("({v} % 3, 'p')"),
            4 => format!("({v} % 6)"),
            5 => "'zz'".to_string(),
            6 => "(1, 2)".to_string(),
            _ => "'a'".to_string(),
        })
        .boxed()
}

/// One object statement of the given kind (see `OBJ_KINDS`).
fn obj_line(kind: &str, p: &Pick) -> Stmt {
    let Pick { t, v, w, x, idx, key, f1, f2, c, raw } = p;
    let (f1, f2, raw) = (*f1, *f2, *raw);
    let plain = |code: String| line(code, Wrap::Plain, None);
    let num = |code: String| line(code, Wrap::Plain, clamped(t, c.clone()));
    // A raising operation in try/except, or (rarely) uncaught.
    let caught = |code: String, exc: &'static str, fallback: String| {
        let wrap = if raw { Wrap::Plain } else { Wrap::Try(exc, Some(fallback)) };
        line(code, wrap, clamped(t, c.clone()))
    };
    let fb = |k: i32| format!("{t} = {}", lit_index(k.into()));
    match kind {
        // `q0`: attributes holding None, numbers, strs, another instance,
        // a list of instances.
        "q.val=" => plain(format!("q0.val = {}", varying(v, x, f1))),
        "q.val" => num(dispatch("q0.val", t, f1)),
        "q.name=" => plain(match f1 % 4 {
            0 => format!("q0.name = (q0.name + str({v} % 10))[-8:]"),
            1 => format!("q0.name = q0.name.upper() if {v} % 2 else q0.name.lower()"),
            2 => format!("q0.name = f'{{q0.name[:3]}}{{{v} % 100}}'"),
            _ => format!("q0.name = str({v} % 13)"),
        }),
        "q.nxt=" => plain(match f1 % 4 {
            0 => "q0.nxt = head".into(),
            1 => "q0.nxt = None".into(),
            2 => format!("q0.nxt = Q({})", varying(v, x, f2)),
            _ => "q0.nxt = q0.nxt.nxt if q0.nxt is not None else head".into(),
        }),
        "q.nxt.val" => caught(format!("{t} = q0.nxt.val + 0"), "(AttributeError, TypeError)", fb(-3)),
        "q.items+" => plain(format!("if len(q0.items) < 8:\n    q0.items.append({})", abc(v, f1))),
        "q.items~" => plain(match f1 % 3 {
            0 => "q0.items = q0.items[1:] + q0.items[:1]".into(),
            1 => "if q0.items:\n    q0.items.pop()".into(),
            _ => "q0.items.reverse()".into(),
        }),
        "q.items" => num(match f1 % 3 {
            0 => format!("{t} = sum(o.area() for o in q0.items)"),
            1 => format!("{t} = len(q0.items)"),
            _ => format!("{t} = {t} + (q0.items[{v} % len(q0.items)].k if q0.items else -1)"),
        }),
        "q.hasattr" => num(format!("{t} = {t} + hasattr(q0.nxt, 'val') + (getattr(q0, 'nope', None) is None)")),
        // The chain from `head`: pushed while `hn < 12`, popped, unlinked,
        // its values set and read.
        "head+" => plain(format!("if hn < 12:\n    head = Q({}, head)\n    hn += 1", varying(v, x, f1))),
        "head-" => plain("if head is not None:\n    head = head.nxt\n    hn -= 1".into()),
        "head.unlink" => plain("if head is not None and head.nxt is not None:\n    head.nxt = head.nxt.nxt".into()),
        "head.val=" => plain(format!("if head is not None:\n    head.val = {}", varying(v, x, f1))),
        "head.val" => caught(format!("{t} = {t} + head.val"), "(AttributeError, TypeError)", fb(-4)),
        "walk.count" => num(match f1 % 4 {
            0 => format!("{t} = sum(1 for wv in walk(head) if wv is None)"),
            1 => format!("{t} = len([wv for wv in walk(head) if isinstance(wv, str)])"),
            2 => format!("{t} = max((wv for wv in walk(head) if isinstance(wv, (int, float))), default=-1)"),
            _ => format!("{t} = {t} + any(wv is None for wv in walk(head)) - all(wv is not None for wv in walk(head))"),
        }),
        // `objs`: one call site over instances of three classes, a
        // property, a class attribute, the list changed.
        "objs.call" => num(format!("o = objs[{v} % len(objs)]\n{t} = {t} + o.area()")),
        "objs.name" => plain(format!("st0 = (objs[{v} % len(objs)].name() + st0)[:16]")),
        "objs.kind" => plain("st1 = ''.join(o.kind for o in objs)".into()),
        "objs.half" => num(match f1 % 3 {
            0 => format!("{t} = {t} + sum(o.half for o in objs if isinstance(o, B))"),
            1 => format!("{t} = {t} + getattr(objs[{v} % len(objs)], 'half', 0)"),
            _ => format!("o = objs[{v} % len(objs)]\nif isinstance(o, B):\n    {t} = o.half\nelif isinstance(o, A):\n    {t} = {t} + o.k\nelse:\n    {t} = -o.k"),
        }),
        "objs.half!" => caught(format!("{t} = objs[{v} % len(objs)].half"), "AttributeError", fb(-8)),
        "objs[i]" => caught(format!("{t} = objs[{idx}].k"), "IndexError", fb(-7)),
        "objs+" => plain(format!("if len(objs) < 12:\n    objs.append({})", abc(v, f1))),
        "objs-" => plain(match f1 % 3 {
            0 => format!("if len(objs) > 1:\n    objs.pop({v} % len(objs))"),
            1 => "objs.insert(0, objs.pop())".into(),
            _ => "if len(objs) > 1:\n    del objs[0]".into(),
        }),
        "objs=" => plain(format!("objs[{v} % len(objs)] = {}", abc(w, f1))),
        "objs.sort" => plain(match f1 % 3 {
            0 => "objs.sort(key=lambda o: o.k)".into(),
            1 => "objs.reverse()".into(),
            _ => "objs.sort(key=lambda o: (o.kind, -o.k))".into(),
        }),
        "objs.isinstance" => num(match f1 % 3 {
            0 => format!("{t} = len([o for o in objs if isinstance(o, A)])"),
            1 => format!("{t} = {t} + all(isinstance(o, (A, C)) for o in objs)"),
            _ => format!("{t} = min((o.k for o in objs if not isinstance(o, B)), default=0)"),
        }),
        // `cs`: instances of `C`, through their operators.
        "cs+cs" => plain(format!("cs[{v} % len(cs)] = cs[{v} % len(cs)] + cs[{w} % len(cs)]")),
        "cs+n" => num(format!("{t} = (cs[{v} % len(cs)] + {w}).k")),
        "cs<" => num(format!("if cs[{v} % len(cs)] < cs[{w} % len(cs)]:\n    {t} = {t} + 1\nelse:\n    {t} = {t} - 1")),
        "cs==" => num(match f1 % 3 {
            0 => format!("{t} = {t} + (cs[{v} % len(cs)] == cs[{w} % len(cs)])"),
            1 => format!("{t} = {t} + (C({v} % 6) in cs)"),
            _ => format!("{t} = cs.index(min(cs)) + cs.count(cs[0])"),
        }),
        "cs.max" => num(match f1 % 3 {
            0 => format!("{t} = max(cs).k"),
            1 => format!("{t} = sorted(cs)[{v} % len(cs)].k"),
            _ => format!("{t} = sum(c.k for c in cs if c)"),
        }),
        "cs.sort" => plain("cs.sort()".into()),
        "cs+-" => plain(if f1 % 2 == 0 {
            format!("if len(cs) < 8:\n    cs.append(C({v} % 11))")
        } else {
            "if len(cs) > 2:\n    cs.pop(0)".into()
        }),
        "cs.bool" => num(format!("{t} = {t} + (1 if cs[{v} % len(cs)] else -1)")),
        "cs!" => caught(
            if f1 % 2 == 0 { format!("{t} = (cs[{v} % len(cs)] + 'x').k") } else { format!("{t} = cs[{v} % len(cs)] < {w}") },
            "(TypeError, AttributeError)",
            fb(-9),
        ),
        // Strings `st0`/`st1` (kept short: every store is bounded).
        "st.fmt" => plain(match f1 % 6 {
            0 => format!("st0 = f'{{st0[-6:]}}|{{{v}}}'"),
            1 => format!("st0 = '%s-%d' % (st1[:4], {v})"),
            2 => format!("st1 = ('%r:%s' % ({t}, st0[:3]))[:20]"),
            3 => format!("st0 = ('%.3f' % {t})[-12:]"),
            4 => format!("st0 = f'{{{v}:03d}}:{{st1[:3]!r}}'"),
            _ => format!("st1 = '{{}}/{{}}'.format(st0[:5], {v} % 7)"),
        }),
        "st.method" => plain(match f1 % 8 {
            0 => "st0 = st0.upper()".into(),
            1 => "st0 = st0.lower()".into(),
            2 => "st0 = st0[::-1]".into(),
            3 => "st0 = st0.replace('1', 'one')[:16]".into(),
            4 => "st0 = st0.strip('|')".into(),
            5 => format!("st0 = (st0 * ({v} % 3))[:12]"),
            6 => "st0 = (st0 + st1)[-16:]".into(),
            _ => format!("st1 = st0[{v} % 5:] + st1[:{v} % 3]"),
        }),
        "st.join" => plain(match f1 % 3 {
            0 => "st1 = ','.join(str(o.k) for o in objs)".into(),
            1 => format!("st1 = '-'.join([st0[:2], str({v}), q0.name])"),
            _ => "st1 = ' '.join(sorted(st0.split('|')))[:20]".into(),
        }),
        "st.read" => num(match f1 % 8 {
            0 => format!("{t} = len(st0)"),
            1 => format!("{t} = st0.count('1') - st1.count('a')"),
            2 => format!("{t} = {t} + ('a' in st0) - ('|' not in st1)"),
            3 => format!("{t} = {t} + (st0 < st1) + (st0 == st1)"),
            4 => format!("{t} = st0.find('|')"),
            5 => format!("{t} = ord(st0[0]) if st0 else -1"),
            6 => format!("{t} = len(st0.split('|'))"),
            _ => format!("if st0 in ('ab1', 'AB1', '1ba', ''):\n    {t} = {t} + 2"),
        }),
        "st.int" => {
            if f1 % 3 == 0 {
                plain(format!("st0 = str({v} * 7 - 20)"))
            } else {
                caught(format!("{t} = int(st0)"), "ValueError", fb(-4))
            }
        }
        "st[i]" => {
            let wrap = if raw { Wrap::Plain } else { Wrap::Try("IndexError", Some("st1 = '?'".into())) };
            line(format!("st1 = st0[{idx}]"), wrap, None)
        }
        // Dicts: `d0` (objects by str, int and tuple keys), `d1` (lists).
        "d.get" => num(format!("ob = d0.get({key})\n{}", dispatch("ob", t, f1))),
        "d[k]=" => plain(format!("d0[{key}] = {}", dict_value(v, x, f1, f2))),
        "k in d" => num(format!("if {key} in d0:\n    {t} = {t} + 1\nelse:\n    {t} = {t} - 1")),
        "d[k]" => num(if raw {
            format!("ob = d0[{key}]\n{}", dispatch("ob", t, f1))
        } else {
            format!("try:\n    ob = d0[{key}]\nexcept KeyError:\n    ob = None\n{}", dispatch("ob", t, f1))
        }),
        "d.del" => plain(if f1 % 2 == 0 {
            format!("try:\n    del d0[{key}]\nexcept KeyError:\n    pass")
        } else {
            format!("d0.pop({key}, None)")
        }),
        "d.setdefault" => plain(format!("lst = d1.setdefault({key}, [])\nif len(lst) < 4:\n    lst.append({})", dict_value(v, x, f1, f2))),
        "d.len" => num(match f1 % 3 {
            0 => format!("{t} = len(d0) + len(d1)"),
            1 => format!("{t} = len(d1.get({key}, ()))"),
            _ => format!("{t} = sum(1 for kk in d0 if isinstance(kk, tuple)) + len([vv for vv in d0.values() if vv is None])"),
        }),
        "d.k" => caught(format!("{t} = d0[{key}].k"), "(KeyError, AttributeError)", fb(-6)),
        // Generators and generator expressions.
        "gen" => num(match f1 % 6 {
            0 => format!("{t} = sum(gen({v} % 5, {x}))"),
            1 => format!("{t} = max(gen({v} % 3 + 1, {x}))"),
            2 => format!("{t} = len(list(gen({v} % 4, 1)))"),
            3 => format!("{t} = sum(k * 2 for k in range({v} % 6))"),
            4 => format!("{t} = min((o.k for o in objs), default=0) + max((c.k for c in cs), default=0)"),
            _ => format!("{t} = {t} + any(o is None for o in d0.values()) + all(isinstance(o, A) for o in objs)"),
        }),
        "it0" => num(if f1 % 2 == 0 {
            format!("{t} = next(it0, -1)")
        } else {
            format!("try:\n    {t} = next(it0)\nexcept StopIteration:\n    it0 = gen(3, {v})\n    {t} = -2")
        }),
        // Pairs of objects unpacked (a triple among them raises ValueError).
        "prs.unpack" => {
            let get = format!("pa, pb = prs[{v} % len(prs)]");
            let get = if raw { get } else { format!("try:\n    {get}\nexcept ValueError:\n    pa = None\n    pb = 0") };
            num(format!("{get}\n{}\nif isinstance(pb, str):\n    st0 = (st0 + pb)[-12:]", dispatch("pa", t, f1)))
        }
        "prs.swap" => plain(format!("try:\n    pa, pb = prs[{v} % len(prs)]\n    prs[{v} % len(prs)] = pb, pa\nexcept ValueError:\n    pass")),
        "prs=" => plain(if f2 % 8 == 0 {
            format!("prs[{v} % len(prs)] = ({}, None, {v} % 3)", abc(w, f1))
        } else {
            format!("prs[{v} % len(prs)] = ({}, {})", pair_item(v, f1), pair_item(w, f2))
        }),
        "prs+" => plain(format!("if len(prs) < 10:\n    prs.append(({}, {}))", pair_item(v, f1), pair_item(w, f2))),
        "prs.count" => caught(format!("{t} = sum(1 for pa, pb in prs if pa is None or pb is None)"), "ValueError", fb(-10)),
        // Exceptions: several kinds around one line, raised and caught in
        // the loop, named by type.
        "exc.mixed" => caught(format!("{t} = objs[{idx}].k + d0[{key}].k"), OBJ_EXC, fb(-5)),
        "exc.raise" => num(format!("try:\n    if {v} % 7 == 3:\n        raise KeyError({v})\n    {t} = {t} + 1\nexcept KeyError as e:\n    {t} = e.args[0]")),
        "exc.name" => num(format!("try:\n    {t} = int(q0.name) + objs[{idx}].k\nexcept (ValueError, IndexError) as e:\n    st1 = type(e).__name__")),
        // Raised inside calls: caught by the callee's own handler (a
        // method, a plain function, a constructor), or raised by the callee
        // (a method, a constructor after its own try) and caught here.
        "callee.try" => num(match f1 % 3 {
            0 => format!("ob = q0.get(d0, {key})\n{}", dispatch("ob", t, f2)),
            1 => format!("{t} = {t} + lookup(d0, {key})"),
            _ => format!("ob = Box(d0, {key}, {v} % 4 + 1).v\n{}", dispatch("ob", t, f2)),
        }),
        "callee.raise" => {
            if f1 % 2 == 0 {
                caught(format!("{t} = objs[{v} % len(objs)].div({v} % 3)"), "ZeroDivisionError", fb(-12))
            } else {
                caught(format!("{t} = Box(d0, {key}, {v} % 4).r"), "ZeroDivisionError", fb(-13))
            }
        }
        _ => unreachable!("object statement kind {kind}"),
    }
}

/// The object statements (inside loops of `f`, object-mode programs).
fn object_stmts(ctx: Ctx, e: BoxedStrategy<Expr>) -> BoxedStrategy<Stmt> {
    let vars = ctx.loop_vars();
    assert!(!vars.is_empty(), "object_stmts: only inside loops");
    let core = ctx.flavour == Flavour::ObjectsCore;
    // Kinds whose every form is of the full tier.
    const FULL: &[&str] = &["objs.kind", "walk.count", "prs.count", "d.setdefault", "d.del"];
    let kinds = Union::new_weighted(
        OBJ_KINDS.iter().filter(|(_, k)| !core || !FULL.contains(k)).map(|&(w, k)| (w, Just(k))).collect::<Vec<_>>(),
    );
    let pick = (
        select(LOCALS),
        select(vars.clone()),
        select(vars.clone()),
        e,
        small_index(vars.clone()),
        dict_key(vars),
        any::<u8>(),
        any::<u8>(),
        clamp(),
        prop::bool::weighted(0.05),
    )
        .prop_map(|(t, v, w, x, idx, key, f1, f2, c, raw)| Pick { t: t.to_string(), v, w, x: x.render(), idx, key, f1, f2, c, raw });
    let line = (kinds, pick)
        .prop_map(|(kind, p)| obj_line(kind, &p))
        .prop_filter("an object statement of the full tier", move |s| !core || stmt_core(s));
    // `for kk, vv in d0.items():` with a fixed body (the dict must not
    // change while it runs), where the budget allows its trips.
    let items = (select(LOCALS), any::<u8>(), clamp()).prop_map(|(t, form, c)| {
        let code = format!(
            "for kk, vv in d0.items():\n    if isinstance(kk, str):\n        st1 = (st1 + kk)[-10:]\n{}",
            indent(&dispatch("vv", t, form), "    ").trim_end()
        );
        Stmt::Line { code, wrap: Wrap::Plain, clamp: clamped(t, c) }
    });
    if ctx.budget >= OBJ_TRIPS && !core {
        prop_oneof![12 => line, 1 => items].boxed()
    } else {
        line.boxed()
    }
}

/// Whether an object statement (or a loop's header and first lines) keeps
/// to the core tier: no nested code object (a generator expression, a
/// lambda), no slice, no keyword argument to a builtin (`default=`,
/// `key=`), no `del`, no dict method but `get` of a computed key without a
/// default, no `in` of a str. Each of these keeps a loop interpreted at
/// bbd3d65 (see `--jit-log`), so the `ObjectsCore` programs leave them out
/// and their loops compile; the `Objects` programs have everything.
fn obj_core(code: &str) -> bool {
    const OUT: &[&str] = &[
        "lambda ", "default=", "key=", "del ", ".setdefault(", "d0.pop(", ".items()", ".values()", " in st0", " in st1", "st0 in (", ".get('", ".get((1, 2)", ", ())",
    ];
    !OUT.iter().any(|p| code.contains(p)) && !has_slice(code) && !has_genexpr(code)
}

fn stmt_core(s: &Stmt) -> bool {
    match s {
        Stmt::Line { code, wrap, .. } => {
            obj_core(code)
                && match wrap {
                    Wrap::Try(_, Some(fallback)) => obj_core(fallback),
                    _ => true,
                }
        }
        Stmt::ObjFor { head, first, .. } => obj_core(head) && obj_core(first),
        _ => true,
    }
}

/// Whether `text` holds a generator expression (` for ` directly inside
/// `(...)`).
fn has_genexpr(text: &str) -> bool {
    let mut open: Vec<char> = Vec::new();
    for (at, c) in text.char_indices() {
        match c {
            '[' | '(' | '{' => open.push(c),
            ']' | ')' | '}' => {
                open.pop();
            }
            ' ' if open.last() == Some(&'(') && text[at..].starts_with(" for ") => return true,
            _ => {}
        }
    }
    false
}

/// A loop over objects (at most `OBJ_TRIPS` trips) whose body is any
/// statements: the chain walked with `while node is not None`, `objs`,
/// `q0.items`, a generator, `walk(head)`, the pairs `prs` unpacked (in
/// try/except ValueError: a triple may be there), a snapshot of `d0`'s
/// items or its keys sorted by `repr`, the characters of `st0`, `cs`.
/// The loop variable `iN` is counted by hand or by `enumerate`.
fn object_loops(ctx: Ctx, e: BoxedStrategy<Expr>, body: BoxedStrategy<Vec<Stmt>>) -> BoxedStrategy<Stmt> {
    let d = ctx.loops + 1;
    let i = ctx.loop_var(d);
    let outer = ctx.loop_vars();
    let core = ctx.flavour == Flavour::ObjectsCore;
    // A generator's length: a literal, or from an outer loop variable.
    let n = if outer.is_empty() {
        (0u8..=6).prop_map(|k| k.to_string()).boxed()
    } else {
        prop_oneof![(0u8..=6).prop_map(|k| k.to_string()), select(outer).prop_map(|v| format!("{v} % 6"))].boxed()
    };
    (0u8..10, any::<u8>(), select(LOCALS), clamp(), e, n, body)
        .prop_map(move |(form, f1, t, c, x, n, body)| {
            let counted = |header: &str| format!("{i} = -1\n{header}");
            let count = format!("{i} += 1\n");
            let x = x.render();
            let (head, first, catch) = match form {
                0 | 1 => (
                    counted(&format!("nd{d} = head\nwhile nd{d} is not None:")),
                    format!(
                        "{count}cu{d} = nd{d}\nnd{d} = nd{d}.nxt\n{}{}",
                        if f1 % 4 == 0 { format!("if cu{d}.val is None:\n    cu{d}.val = {i}\n") } else { String::new() },
                        dispatch(&format!("cu{d}.val"), t, f1)
                    ),
                    None,
                ),
                2 => (
                    counted(&format!("for o{d} in objs:")),
                    format!(
                        "{count}{}",
                        match f1 % 3 {
                            0 => format!("{t} = {t} + o{d}.area()"),
                            1 => format!("if isinstance(o{d}, B):\n    {t} = {t} + o{d}.half\nelse:\n    {t} = {t} + o{d}.k"),
                            _ => format!("st0 = (st0 + o{d}.kind)[-10:]\n{t} = {t} + len(o{d}.name())"),
                        }
                    ),
                    None,
                ),
                3 => (format!("for {i}, o{d} in enumerate(q0.items):"), format!("{t} = {t} + o{d}.k * 2"), None),
                4 => (format!("for {i}, gv{d} in enumerate(gen({n}, {x})):"), format!("{t} = {t} + gv{d}"), None),
                5 => (counted(&format!("for wv{d} in walk(head):")), format!("{count}{}", dispatch(&format!("wv{d}"), t, f1)), None),
                6 => (
                    format!("for {i}, (pa{d}, pb{d}) in enumerate(prs):"),
                    format!("{}\nif pb{d} is not None:\n    {t} = {t} + 1", dispatch(&format!("pa{d}"), t, f1)),
                    Some(("ValueError", format!("{t} = -11"))),
                ),
                7 => {
                    let first = format!("{}\nif isinstance(kk{d}, str):\n    st1 = (st1 + kk{d})[-10:]", dispatch(&format!("vv{d}"), t, f1));
                    if f1 % 2 == 0 {
                        (format!("for {i}, (kk{d}, vv{d}) in enumerate(list(d0.items())):"), first, None)
                    } else {
                        (format!("for {i}, kk{d} in enumerate(sorted(d0, key=repr)):"), format!("vv{d} = d0.get(kk{d})\n{first}"), None)
                    }
                }
                8 => (
                    format!("for {i}, ch{d} in enumerate(st0):"),
                    format!("if ch{d}.isdigit():\n    {t} = {t} + int(ch{d})\nelif ch{d} == '|':\n    {t} = {t} - 1"),
                    None,
                ),
                _ => (
                    counted(&format!("for c{d} in cs:")),
                    format!("{count}{t} = {t} + c{d}.k{}", if f1 % 2 == 0 { format!("\nif c{d} < cs[0]:\n    {t} = {t} - 1") } else { String::new() }),
                    None,
                ),
            };
            Stmt::ObjFor { head, first, clamp: clamped(t, c), body, catch }
        })
        .prop_filter("an object loop of the full tier", move |s| !core || stmt_core(s))
        .boxed()
}

/// An array index: a small literal, or a loop variable shifted, negated or
/// reduced (`(i2 + 3)`, `(-1 - i1)`, `(i1 % 7)`), so that loops walk off
/// either end.
fn array_index(loop_vars: Vec<String>) -> BoxedStrategy<String> {
    let lit = (-14i64..=14).prop_map(|k| if k < 0 { format!("({k})") } else { k.to_string() });
    if loop_vars.is_empty() {
        return lit.boxed();
    }
    let shifted = (select(loop_vars.clone()), -3i64..=3).prop_map(|(v, k)| match k {
        0 => v,
        k if k > 0 => format!("({v} + {k})"),
        k => format!("({v} - {})", -k),
    });
    let from_end = select(loop_vars.clone()).prop_map(|v| format!("(-1 - {v})"));
    let wrapped = (select(loop_vars), 1i64..=13).prop_map(|(v, m)| format!("({v} % {m})"));
    prop_oneof![1 => lit, 4 => shifted, 1 => from_end, 2 => wrapped].boxed()
}

/// A condition: a comparison most of the time, else any expression (truth value).
fn cond(expr: BoxedStrategy<Expr>) -> BoxedStrategy<Expr> {
    prop_oneof![
        1 => expr.clone(),
        3 => (expr.clone(), select(CMP_OPS), expr.clone()).prop_map(|(a, op, b)| Expr::Cmp(Box::new(a), vec![(op, b)])),
    ]
    .boxed()
}

/// An expression that may raise: raw division, a math function outside its
/// domain, int()/round() of nan or inf, 0 ** -1, float ** overflowing. Only
/// inside `try`: RustPython's messages for most of these differ from
/// CPython's ("division by zero" for "float division by zero", "expected a
/// nonnegative input, got -1.0" for "math domain error", "math range error"
/// for "(34, 'Numerical result out of range')"), a VM difference.
fn risky(expr: BoxedStrategy<Expr>) -> BoxedStrategy<Expr> {
    prop_oneof![
        (select(DIV_OPS), expr.clone(), expr.clone())
            .prop_map(|(op, a, b)| Expr::Bin(fold_safe(op, &a, &b), Box::new(a), Box::new(b))),
        (select(RISKY_FNS), expr.clone())
            .prop_map(|(f, a)| Expr::Call(f, vec![a])),
        (expr.clone(), select(RISKY_EXPONENTS)).prop_map(|(b, e)| Expr::Pow(Box::new(b), e, false)),
    ]
    .boxed()
}

/// `//` between two constant operands becomes `%`: RustPython's compiler
/// folds a constant `//` with a float operand wrongly (`7 // 0.5` gives 0.0,
/// CPython 14.0), a VM difference. At run time `//` is right.
fn fold_safe(op: &'static str, a: &Expr, b: &Expr) -> &'static str {
    if op == "//" && !a.has_name() && !b.has_name() {
        "%"
    } else {
        op
    }
}

/// A raw call that may raise with the same message under CPython and
/// RustPython (int/round of nan or inf, float() or math.* of an int past
/// 1e308, math.exp overflowing): these may propagate uncaught.
fn risky_stable(expr: BoxedStrategy<Expr>) -> BoxedStrategy<Expr> {
    (select(STABLE_RISKY_FNS), expr)
        .prop_map(|(f, a)| Expr::Call(f, vec![a]))
        .boxed()
}

/// Expressions over `vars`. `rec_vars`: loop variables usable as the depth of
/// a recursive call (`(i % 9)`). `mult`: whether `*`, `**` and helper calls
/// may appear (off inside the recursive helper's own arguments).
fn expr_over(
    flavour: Flavour,
    vars: Vec<String>,
    rec_vars: Vec<String>,
    calls_helpers: bool,
    mult: bool,
    reads: Vec<(u32, Vec<String>)>,
) -> BoxedStrategy<Expr> {
    let mut leaves: Vec<(u32, BoxedStrategy<Expr>)> = vec![
        (160, select(vars).prop_map(Expr::Name).boxed()),
        (96, literal(flavour).prop_map(Expr::Lit).boxed()),
    ];
    for (w, r) in reads {
        leaves.push((w, select(r).prop_map(Expr::Read).boxed()));
    }
    let leaf = Union::new_weighted(leaves);
    leaf.prop_recursive(3, 16, 3, move |inner| {
        let i = inner.clone();
        let mut options: Vec<(u32, BoxedStrategy<Expr>)> = vec![
            (
                6,
                (select(if mult { ARITH_OPS } else { ADD_OPS }), i.clone(), i.clone())
                    .prop_map(|(op, a, b)| Expr::Bin(op, Box::new(a), Box::new(b)))
                    .boxed(),
            ),
            (
                3,
                (select(DIV_OPS), i.clone(), i.clone(), select(DIV_FALLBACKS))
                    .prop_map(|(op, a, b, fb)| {
                        Expr::GuardedDiv(fold_safe(op, &a, &b), Box::new(a), Box::new(b), fb)
                    })
                    .boxed(),
            ),
            (1, i.clone().prop_map(|e| Expr::Neg(Box::new(e))).boxed()),
            (1, i.clone().prop_map(|e| Expr::Not(Box::new(e))).boxed()),
            (
                2,
                (i.clone(), prop::collection::vec((select(CMP_OPS), i.clone()), 1..=2))
                    .prop_map(|(a, rest)| Expr::Cmp(Box::new(a), rest))
                    .boxed(),
            ),
            (
                1,
                (select(LOGIC_OPS), i.clone(), i.clone())
                    .prop_map(|(op, a, b)| Expr::Logic(op, Box::new(a), Box::new(b)))
                    .boxed(),
            ),
            (
                2,
                (i.clone(), i.clone(), i.clone())
                    .prop_map(|(c, a, b)| Expr::IfElse(Box::new(c), Box::new(a), Box::new(b)))
                    .boxed(),
            ),
            (
                2,
                prop_oneof![
                    i.clone().prop_map(|a| Expr::Call("abs", vec![a])),
                    i.clone().prop_map(|a| Expr::Call("float", vec![a])),
                    i.clone().prop_map(|a| Expr::Call("math.fabs", vec![a])),
                    (select(MIN_MAX), i.clone(), i.clone()).prop_map(|(f, a, b)| Expr::Call(f, vec![a, b])),
                    (i.clone(), i.clone()).prop_map(|(a, b)| Expr::Call("math.hypot", vec![a, b])),
                    (i.clone(), select(ROUND_DIGITS))
                        .prop_map(|(a, k)| Expr::Call("round", vec![a, Expr::Lit(k.to_string())])),
                ]
                .boxed(),
            ),
            (
                2,
                (
                    select(SAFE_FNS),
                    i.clone(),
                )
                    .prop_map(|(f, a)| Expr::Safe(f, Box::new(a)))
                    .boxed(),
            ),
            // Raw forms that can raise: rare, so that most programs run to the end.
            (1, risky_rare(i.clone())),
        ];
        if mult {
            options.push((
                1,
                (i.clone(), select(EXPONENTS))
                    .prop_map(|(b, e)| Expr::Pow(Box::new(b), e, true))
                    .boxed(),
            ));
        }
        if calls_helpers {
            options.push((
                1,
                (i.clone(), i.clone())
                    .prop_map(|(a, b)| Expr::Helper(vec![a, b]))
                    .boxed(),
            ));
            let depth: BoxedStrategy<String> = if rec_vars.is_empty() {
                (0u8..=10).prop_map(|d| d.to_string()).boxed()
            } else {
                prop_oneof![
                    (0u8..=10).prop_map(|d| d.to_string()),
                    select(rec_vars.clone()).prop_map(|v| format!("({v} % 9)")),
                ]
                .boxed()
            };
            options.push((
                1,
                (depth, i.clone())
                    .prop_map(|(d, x)| Expr::Rec(d, Box::new(x)))
                    .boxed(),
            ));
            // Half the weight of a helper call above.
            for o in &mut options {
                o.0 *= 2;
            }
            options.push((1, helper_calls(i.clone())));
        }
        Union::new_weighted(options)
    })
    .boxed()
}

/// What `f`'s rich expressions read besides its numbers (weighted groups,
/// against 160 for a variable and 96 for a literal): an item or the length
/// of the tuple `t0`; `sum`/`min`/`max` of a never-empty list (a row of
/// `m0` picked by a loop variable too); `sum`/`len` of the lists made in
/// the loops.
fn state_reads(loop_vars: &[String]) -> Vec<(u32, Vec<String>)> {
    let tuple = ["t0[0]", "t0[-1]", "t0[1]", "t0[0]", "len(t0)"].map(String::from).to_vec();
    let mut lists: Vec<String> = REDUCE_LISTS.iter().map(|l| l.to_string()).collect();
    lists.extend(loop_vars.iter().map(|v| format!("m0[{v} % 5]")));
    let reductions = lists
        .iter()
        .flat_map(|l| REDUCE_FNS.iter().map(move |f| format!("{f}({l})")))
        .collect();
    let made = ["sum(n0)", "len(n0)", "len(rows)"].map(String::from).to_vec();
    let newest = ["len(s0)", "sum(s0)", "t1[0]", "t1[-1]", "len(t1)", "t2[-1][0]", "len(t2)"].map(String::from).to_vec();
    vec![(1, tuple), (1, reductions), (1, made), (1, newest)]
}

/// Calls of the newer helpers, an option of the recursive expression
/// union: `h3` with keywords and defaults, the closure `g0`, the nested
/// `g2` (over the cell `w0`), an item of the tuple `h2` returns.
fn helper_calls(i: BoxedStrategy<Expr>) -> BoxedStrategy<Expr> {
    let h3 = (i.clone(), i.clone(), i.clone(), 0usize..7).prop_map(|(x, y, z, form)| {
        let args = match form {
            0 => vec![(None, x)],
            1 => vec![(None, x), (None, y)],
            2 => vec![(None, x), (Some("c"), y)],
            3 => vec![(Some("b"), y), (Some("a"), x)],
            4 => vec![(None, x), (None, y), (None, z)],
            5 => vec![(Some("c"), z), (Some("a"), x), (Some("b"), y)],
            _ => vec![(None, x), (Some("b"), y)],
        };
        Expr::Fn { name: "h3", args, index: None }
    });
    let closure = (prop_oneof![Just("g0"), Just("g2")], i.clone())
        .prop_map(|(name, x)| Expr::Fn { name, args: vec![(None, x)], index: None });
    let h2 = (i.clone(), i, prop_oneof![Just("0"), Just("-1")])
        .prop_map(|(x, y, k)| Expr::Fn { name: "h2", args: vec![(None, x), (None, y)], index: Some(k) });
    prop_oneof![2 => h3, 2 => closure, 1 => h2].boxed()
}

/// A raw, possibly raising call, one time in four (else a guarded division).
fn risky_rare(i: BoxedStrategy<Expr>) -> BoxedStrategy<Expr> {
    prop_oneof![
        3 => (i.clone(), i.clone()).prop_map(|(a, b)| Expr::GuardedDiv("/", Box::new(a), Box::new(b), "0.0")),
        1 => risky_stable(i),
    ]
    .boxed()
}

prop_compose! {
    fn helper(body: BoxedStrategy<Vec<Stmt>>, ret: BoxedStrategy<Expr>)(body in body, ret in ret) -> Helper {
        Helper { body, ret }
    }
}

prop_compose! {
    fn rec_helper(e: BoxedStrategy<Expr>)(
        base in e.clone(),
        arg in e.clone(),
        comb in select(REC_COMBINE),
        other in e,
    ) -> RecHelper {
        RecHelper { base, arg, comb, other }
    }
}

prop_compose! {
    fn call(flavour: Flavour)(a in literal(flavour), b in literal(flavour), catch in prop::bool::weighted(0.3)) -> Call {
        Call { args: (a, b), catch }
    }
}

prop_compose! {
    fn extras(flavour: Flavour)(
        tl0_item in select(TL0_ITEMS),
        tl0_len in 3u8..=20,
        odd in prop::option::weighted(0.2, (0u8..3, select(TL0_ODD))),
        h2_body in select(H2_BODIES),
        h3 in (select(H3_BODIES), select(H3_B), select(H3_C)),
        mk in (select(MK_BODIES), literal(flavour)),
        g2 in (select(G2_BODIES), literal(flavour)),
        t1 in select(T1_INITS),
        t2 in select(T2_INITS),
        s0 in select(S0_INITS),
        obj in obj_init(),
    ) -> Extras {
        // The odd item goes first, in the middle or last.
        let tl0_odd = odd.map(|(at, item)| (at * tl0_len / 2, item));
        Extras { tl0_item, tl0_len, tl0_odd, h2_body, h3, mk, g2, t1, t2, s0, obj }
    }
}

prop_compose! {
    fn obj_init()(
        q0_items in select(Q0_ITEMS),
        chain in 0u8..=8,
        objs in select(OBJS_INITS),
        cs in select(CS_INITS),
        d0 in select(D0_INITS),
        prs in select(PRS_INITS),
        st0 in select(STR_INITS),
        st1 in select(STR_INITS),
    ) -> ObjInit {
        ObjInit { q0_items, chain, objs, cs, d0, prs, st0, st1 }
    }
}

prop_compose! {
    fn program_from(flavour: Flavour, h1: BoxedStrategy<Helper>, r1: BoxedStrategy<RecHelper>, body: BoxedStrategy<Vec<Stmt>>)(
        body in body,
        init in prop::collection::vec(literal(flavour), 4),
        calls in prop::collection::vec(call(flavour), 1..=3),
        h1 in h1,
        r1 in r1,
        extras in extras(flavour),
    ) -> Program {
        Program { flavour, h1, r1, init, body, calls, extras }
    }
}

fn program_of(flavour: Flavour) -> BoxedStrategy<Program> {
    let mut b = Builder::default();
    let f_ctx = Ctx {
        flavour,
        func: Func::F,
        loops: 0,
        nest: 0,
        budget: F_BUDGET,
        guarded: false,
    };
    let h_ctx = Ctx {
        flavour,
        func: Func::H,
        loops: 0,
        nest: 1, // small bodies
        budget: H_BUDGET,
        guarded: false,
    };
    let body = b.block(f_ctx);
    let h1 = helper(b.block(h_ctx), b.expr(h_ctx)).boxed();
    let r1 = rec_helper(expr_over(
        flavour,
        vec!["x".into(), "d".into(), "x".into()],
        Vec::new(),
        false,
        false,
        Vec::new(),
    ))
    .boxed();
    program_from(flavour, h1, r1, body).boxed()
}

fn program() -> BoxedStrategy<Program> {
    prop_oneof![
        2 => program_of(Flavour::Int),
        1 => program_of(Flavour::Float),
        2 => program_of(Flavour::Mixed),
        2 => program_of(Flavour::Objects),
        2 => program_of(Flavour::ObjectsCore),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------
// Running and comparing.
// ---------------------------------------------------------------------------

enum Verdict {
    /// CPython and every pyjit mode agree.
    Same,
    /// CPython and `--no-jit` differ, the JIT modes agree with `--no-jit`.
    VmDifference(Vec<String>),
    /// A JIT mode differs from the reference, or pyjit died / timed out.
    Fail(Vec<String>),
    /// CPython itself could not run it (a generator problem): skipped.
    Invalid(String),
}

struct Checked {
    verdict: Verdict,
    /// CPython's outcome: "ok" or the exception type.
    outcome: String,
    times: [Duration; 4],
}

/// Runs `script` in `mode` as `common::run` does; with `object_mode`, the
/// default-threshold run has `PYJIT_OBJECT_MODE=always`.
fn run_mode(mode: Mode, python: &str, dir: &Path, script: &str, object_mode: bool) -> RunResult {
    if !(object_mode && mode == Mode::Default) {
        return common::run(mode, python, dir, script, timeout());
    }
    let mut cmd = mode.command_with(python, script, &[]);
    cmd.current_dir(dir)
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYJIT_OBJECT_MODE", "always");
    for var in common::MODE_ENV {
        cmd.env_remove(var);
    }
    common::run_command(cmd, None, timeout())
}

/// Whether the program in `path` is of an object-mode flavour (its line
/// `# flavour: Objects...`, also in a regression file).
fn object_mode_program(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.lines().any(|l| l.starts_with("# flavour: Objects")))
}

/// Runs `script` (in `dir`) under python3 and the three pyjit modes and
/// compares them. An object-mode program's default-threshold run has
/// `PYJIT_OBJECT_MODE=always`, so that its hot loops made mostly of
/// operations through the VM compile too (at threshold 1 they stay gated,
/// as for a user: `always` there would compile the standard library's
/// loops many times over, seconds per program).
fn check_program(python: &str, dir: &Path, script: &str) -> Checked {
    let modes = [Mode::CPython, Mode::NoJit, Mode::Threshold1, Mode::Default];
    let object_mode = object_mode_program(&dir.join(script));
    let results: Vec<RunResult> = thread::scope(|s| {
        let handles: Vec<_> = modes
            .iter()
            .map(|&m| s.spawn(move || run_mode(m, python, dir, script, object_mode)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let times = [0, 1, 2, 3].map(|i| results[i].elapsed);
    let [cp, nj, t1, df] = &results[..] else {
        unreachable!()
    };
    let outcome = if cp.code() == Some(0) {
        "ok".to_string()
    } else {
        let line = cp.last_stderr_line();
        line.split(':').next().unwrap_or("").to_string()
    };
    let mut fatal = Vec::new();
    for (r, m) in [(nj, Mode::NoJit), (t1, Mode::Threshold1), (df, Mode::Default)] {
        if let Some(f) = r.fatal() {
            fatal.push(format!("[{}] {f}\n        stderr tail:\n{}", m.name(), r.stderr_tail(8)));
        }
    }
    if !fatal.is_empty() {
        return Checked {
            verdict: Verdict::Fail(fatal),
            outcome,
            times,
        };
    }
    if let Some(f) = cp.fatal() {
        return Checked {
            verdict: Verdict::Invalid(format!("[{}] {f}", Mode::CPython.name())),
            outcome,
            times,
        };
    }
    let vm = compare(cp, Mode::CPython, nj, Mode::NoJit);
    let (reference, ref_mode) = if vm.is_empty() {
        (cp, Mode::CPython)
    } else {
        (nj, Mode::NoJit)
    };
    let mut problems = Vec::new();
    problems.extend(compare(reference, ref_mode, t1, Mode::Threshold1));
    problems.extend(compare(reference, ref_mode, df, Mode::Default));
    let verdict = if !problems.is_empty() {
        if object_mode && !compare(reference, ref_mode, df, Mode::Default).is_empty() {
            problems.push("note: the default-threshold run had PYJIT_OBJECT_MODE=always (an object-mode program)".into());
        }
        if !vm.is_empty() {
            problems.insert(0, format!("(python3 and --no-jit differ too: {})", vm.join("; ")));
            for (r, m) in [(t1, Mode::Threshold1), (df, Mode::Default)] {
                if compare(reference, ref_mode, r, m).len() > 0 && compare(cp, Mode::CPython, r, m).is_empty() {
                    problems.push(format!(
                        "note: [{}] agrees with python3 here: the VM (--no-jit) is what is wrong",
                        m.name()
                    ));
                }
            }
        }
        Verdict::Fail(problems)
    } else if !vm.is_empty() {
        Verdict::VmDifference(vm)
    } else {
        Verdict::Same
    };
    Checked {
        verdict,
        outcome,
        times,
    }
}

/// FNV-1a, stable across Rust versions (names the regression files).
fn fnv1a(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn env_u64(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number")),
        _ => default,
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch folder for the programs of this run.
fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pyjit-generated-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create scratch folder");
    dir
}

/// Writes to the real stderr, past the test harness's capture, so the summary
/// shows in a normal `cargo test` run.
fn report(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

fn clip_line(s: &str) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    common::clip(&one)
}

fn indent(text: &str, prefix: &str) -> String {
    text.lines().map(|l| format!("{prefix}{l}\n")).collect()
}

#[derive(Default)]
struct Stats {
    cases: u64,
    vm_differences: u64,
    /// Kinds of VM difference (the messages with digits blanked) and counts.
    vm_kinds: BTreeMap<String, u64>,
    vm_examples: Vec<(String, Vec<String>)>,
    invalid: u64,
    invalid_examples: Vec<(String, String)>,
    outcomes: BTreeMap<String, u64>,
    total: [Duration; 4],
    max: [Duration; 4],
}

#[test]
fn generated_programs_match() {
    let cases = env_u64("PYJIT_PROPTEST_CASES", DEFAULT_CASES as u64) as u32;
    let seed = env_u64("PYJIT_PROPTEST_SEED", DEFAULT_SEED);
    let python = common::reference_python();
    let dump = std::env::var_os("PYJIT_PROPTEST_DUMP").map(PathBuf::from);
    if let Some(d) = &dump {
        std::fs::create_dir_all(d).expect("create PYJIT_PROPTEST_DUMP folder");
    }
    let dir = scratch_dir();
    let counter = AtomicU64::new(0);
    let stats = Mutex::new(Stats::default());
    let started = Instant::now();

    let config = Config {
        cases,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        fork: false,
        timeout: 0,
        max_shrink_iters: 3000,
        max_shrink_time: 10 * 60 * 1000,
        max_global_rejects: cases.max(100),
        // The object statements of the core tier are drawn by filtering.
        max_local_rejects: 10_000_000,
        verbose: 0,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let strategy = program();
    let shrinking = std::sync::atomic::AtomicBool::new(false);

    let result = runner.run(&strategy, |prog| {
        let text = prog.render();
        let n = counter.fetch_add(1, Ordering::Relaxed);
        let name = format!("case_{n}.py");
        let path = dir.join(&name);
        std::fs::write(&path, &text).expect("write program");
        if let Some(d) = &dump {
            let _ = std::fs::write(d.join(&name), &text);
        }
        let checked = check_program(&python, &dir, &name);
        let _ = std::fs::remove_file(&path);
        let mut st = stats.lock().unwrap();
        let counted = !shrinking.load(Ordering::Relaxed);
        if counted {
            st.cases += 1;
            *st.outcomes.entry(checked.outcome.clone()).or_default() += 1;
            for i in 0..4 {
                st.total[i] += checked.times[i];
                st.max[i] = st.max[i].max(checked.times[i]);
            }
        }
        match checked.verdict {
            Verdict::Same => Ok(()),
            Verdict::VmDifference(msgs) => {
                if counted {
                    st.vm_differences += 1;
                    let kind: String = msgs
                        .join(" / ")
                        .chars()
                        .map(|c| if c.is_ascii_digit() { '#' } else { c })
                        .collect();
                    let seen = st.vm_kinds.contains_key(&kind);
                    *st.vm_kinds.entry(kind).or_default() += 1;
                    if !seen && st.vm_examples.len() < VM_EXAMPLES {
                        st.vm_examples.push((text, msgs));
                    }
                }
                Ok(())
            }
            Verdict::Invalid(msg) => {
                if counted {
                    st.invalid += 1;
                    if st.invalid_examples.len() < VM_EXAMPLES {
                        st.invalid_examples.push((text, msg.clone()));
                    }
                }
                Err(TestCaseError::reject(msg))
            }
            Verdict::Fail(msgs) => {
                shrinking.store(true, Ordering::Relaxed);
                Err(TestCaseError::fail(msgs.join("\n")))
            }
        }
    });
    let _ = std::fs::remove_dir_all(&dir);

    let st = stats.into_inner().unwrap();
    let mut summary = format!(
        "generated_programs: seed {seed}, {} cases in {:.1} s: {} VM differences (python3 vs pyjit --no-jit), {} skipped (CPython failed to run them)\n",
        st.cases,
        started.elapsed().as_secs_f64(),
        st.vm_differences,
        st.invalid
    );
    let outcomes: Vec<String> = st.outcomes.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let _ = writeln!(summary, "  CPython outcomes: {}", outcomes.join(", "));
    if st.cases > 0 {
        let names = ["python3", "--no-jit", "--jit-threshold 1", "default"];
        let t: Vec<String> = (0..4)
            .map(|i| {
                format!(
                    "{} {:.3}/{:.2}",
                    names[i],
                    st.total[i].as_secs_f64() / st.cases as f64,
                    st.max[i].as_secs_f64()
                )
            })
            .collect();
        let _ = writeln!(summary, "  mean/max seconds per program: {}", t.join(", "));
    }
    for (kind, n) in &st.vm_kinds {
        let _ = writeln!(summary, "  VM difference x{n}: {}", clip_line(kind));
    }
    for (text, msgs) in &st.vm_examples {
        let _ = writeln!(summary, "  VM difference example:\n{}{}", indent(&msgs.join("\n"), "    "), indent(text, "    | "));
    }
    for (text, msg) in &st.invalid_examples {
        let _ = writeln!(summary, "  skipped program ({msg}):\n{}", indent(text, "    | "));
    }
    report(&summary);

    match result {
        Ok(()) => {}
        Err(TestError::Abort(reason)) => panic!("proptest aborted: {reason}"),
        Err(TestError::Fail(reason, prog)) => {
            let text = prog.render();
            // Rerun the shrunk program for a fresh diff.
            let dir = scratch_dir();
            std::fs::write(dir.join("shrunk.py"), &text).expect("write program");
            let again = check_program(&python, &dir, "shrunk.py");
            let _ = std::fs::remove_dir_all(&dir);
            let diff = match again.verdict {
                Verdict::Fail(msgs) => msgs.join("\n"),
                _ => format!("(passed when run again: flaky?) when shrunk:\n{reason}"),
            };
            let file = root()
                .join("tests")
                .join("regressions")
                .join(format!("gen_{:016x}.py", fnv1a(&text)));
            let header = format!(
                "# Found by tests/generated_programs.rs (PYJIT_PROPTEST_SEED={seed}), shrunk.\n# What differed:\n{}\n",
                indent(&diff, "#   ")
            );
            let _ = std::fs::create_dir_all(file.parent().unwrap());
            let written = match std::fs::write(&file, format!("{header}{text}")) {
                Ok(()) => format!("written to {}", file.display()),
                Err(e) => format!("could not write {}: {e}", file.display()),
            };
            panic!(
                "a generated program behaves differently under the JIT ({written}):\n\n{}\n{diff}",
                indent(&text, "    | ")
            );
        }
    }
}

/// Replays every `tests/regressions/*.py`, compared as the generated programs are.
#[test]
fn regressions_replay() {
    let dir = root().join("tests").join("regressions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py"))
        .collect();
    names.sort();
    let python = common::reference_python();
    let mut failures = String::new();
    let mut vm = 0;
    for name in &names {
        let checked = check_program(&python, &dir, name);
        match checked.verdict {
            Verdict::Same => {}
            Verdict::VmDifference(_) => vm += 1,
            Verdict::Invalid(msg) => {
                let _ = writeln!(failures, "\n== {name}: python3 cannot run it: {msg}");
            }
            Verdict::Fail(msgs) => {
                let _ = writeln!(failures, "\n== {name}\n{}", indent(&msgs.join("\n"), "  "));
            }
        }
    }
    report(&format!(
        "regressions_replay: {} programs, {vm} with a VM difference (JIT modes compared with --no-jit)\n",
        names.len()
    ));
    if !failures.is_empty() {
        panic!("regression programs in tests/regressions differ:{failures}");
    }
}

/// The lines of `f` that run in its loops: those inside a `for`/`while` of
/// `f`, and the loop headers themselves.
fn loop_lines(program: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_f = false;
    let mut loops: Vec<usize> = Vec::new();
    for line in program.lines() {
        let text = line.trim_start();
        if text.is_empty() {
            continue;
        }
        let indent = line.len() - text.len();
        if indent == 0 {
            in_f = text.starts_with("def f(");
            loops.clear();
            continue;
        }
        if !in_f {
            continue;
        }
        while loops.last().is_some_and(|&d| d >= indent) {
            loops.pop();
        }
        let header = text.starts_with("for ") || text.starts_with("while ");
        if header || !loops.is_empty() {
            out.push(text);
        }
        if header {
            loops.push(indent);
        }
    }
    out
}

/// Whether `line` calls sum/min/max on a list whose name starts with one of `lists`.
fn reduces(line: &str, lists: &[&str]) -> bool {
    REDUCE_FNS.iter().any(|f| lists.iter().any(|l| line.contains(&format!("{f}({l}"))))
}

/// A loop over a tuple: its target and iterable (`enumerate(...)` taken
/// off), for `for d in (-1, 0, 1):`, `for a in t1:`, `for a, b in t2:`.
fn tuple_loop(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("for ")?.strip_suffix(':')?;
    let (target, iter) = rest.split_once(" in ")?;
    let (target, iter) = match iter.strip_prefix("enumerate(").and_then(|i| i.strip_suffix(')')) {
        Some(i) => (target.split_once(", ").map_or(target, |(_, t)| t), i),
        None => (target, iter),
    };
    (iter.starts_with('(') || ["t0", "t1", "t2"].contains(&iter)).then_some((target, iter))
}

/// Whether `line` indexes a tuple (`t0`-`t2` or a constant) by a loop
/// variable: `t1[i2 % len(t1)]`, `(1, 2.5, True)[i1 % 3]`, `t1[i1 // 500]`.
fn tuple_var_index(line: &str) -> bool {
    ["t0[", "t1[", "t2[", ")["].iter().any(|p| {
        line.match_indices(p).any(|(at, _)| {
            let index = &line[at + p.len()..];
            let index = &index[..index.find(']').unwrap_or(index.len())];
            index.contains('i') && index.chars().any(|c| c.is_ascii_digit())
        })
    })
}

/// Whether `text` holds a slice (a `:` directly inside `[...]`).
fn has_slice(text: &str) -> bool {
    let mut open: Vec<char> = Vec::new();
    for c in text.chars() {
        match c {
            '[' | '(' => open.push(c),
            ']' | ')' => {
                open.pop();
            }
            ':' if open.last() == Some(&'[') => return true,
            _ => {}
        }
    }
    false
}

/// What share of the generated programs run each construct in a loop of
/// `f` (programs are only rendered, not run; `PYJIT_PROPTEST_DUMP=dir`
/// writes them to `dir`):
/// `cargo test --release --test generated_programs generator_stats -- --ignored --nocapture`.
#[test]
#[ignore]
fn generator_stats() {
    let cases = env_u64("PYJIT_PROPTEST_CASES", 1000);
    let seed = env_u64("PYJIT_PROPTEST_SEED", DEFAULT_SEED);
    let config = Config {
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        max_local_rejects: 10_000_000,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let strategy = program();
    type Probe = fn(&str) -> bool;
    let probes: &[(&str, Probe)] = &[
        ("1 tuple t0 (any use)", |l| mentions(l, "t0")),
        ("1   t0 = ... (built)", |l| l.starts_with("t0 = ")),
        ("1   t0[k] / len(t0)", |l| l.contains("t0[") || l.contains("len(t0)")),
        ("1   a, b = t0", |l| l.ends_with(" = t0")),
        ("1   a, b = x, y / swap", |l| {
            // `vA, vB = ` (not from t0, h2 or divmod, nor their fallbacks)
            let b = l.as_bytes();
            b.len() > 9 && b[0] == b'v' && &l[2..5] == ", v" && &l[6..9] == " = "
                && !l.contains("h2(") && !l.contains("divmod(") && !l.ends_with(" = t0") && !l.ends_with("= -4, 4") && !l.ends_with("= 0, 1")
        }),
        ("1   h2(...)", |l| l.contains("h2(")),
        ("2 for over tl0", |l| l.starts_with("for ") && l.contains("tl0")),
        ("2   tl0.append / tl0[k] = ", |l| l.contains("tl0.append") || l.starts_with("tl0[")),
        ("3 h3(...) call", |l| l.contains("h3(")),
        ("3   h3 with keywords", |l| l.contains("h3(") && (l.contains("a=") || l.contains("b=") || l.contains("c="))),
        ("3   refused h3 call", |l| l == "except TypeError:"),
        ("4 closure g0/g2", |l| l.contains("g0(") || l.contains("g2(")),
        ("4   g0(...) (mk)", |l| l.contains("g0(")),
        ("4   g2(...) (cell)", |l| l.contains("g2(")),
        ("4   w0 = ...", |l| l.starts_with("w0 = ")),
        ("5 sum/min/max(list)", |l| reduces(l, &["l0", "l1", "l2", "l3", "l4", "m0[", "n0)", "(rows"])),
        ("5   over l3/l4", |l| reduces(l, &["l3)", "l4)"])),
        ("5   over a row of m0", |l| reduces(l, &["m0["])),
        ("5   min/max maybe empty", |l| ["min(n0)", "max(n0)", "min((rows", "max((rows"].iter().any(|p| l.contains(p))),
        ("6 list made / rows", |l| l.starts_with("n0 = ") || l.contains("rows.append(")),
        ("6   n0 = [x] * k", |l| l.starts_with("n0 = [") && l.contains("] * ")),
        ("6   n0 = [x, y]", |l| l.starts_with("n0 = [") && !l.contains("] * ")),
        ("6   n0 = L * 2", |l| l.starts_with("n0 = ") && !l.starts_with("n0 = [")),
        ("6   rows.append", |l| l.contains("rows.append(")),
        ("6   n0[...] = / rows[-1][...] =", |l| l.starts_with("n0[") || l.starts_with("rows[-1][")),
        ("6   = n0[...] / rows[-1][...]", |l| l.contains("= n0[") || l.contains("= rows[-1][")),
        ("7 for over a tuple", |l| tuple_loop(l).is_some()),
        ("7   over constant ints (loop var)", |l| tuple_loop(l).is_some_and(|(t, it)| t.starts_with('i') && !t.contains(',') && it.starts_with('('))),
        ("7   over pairs: for a, b in ...", |l| tuple_loop(l).is_some_and(|(t, _)| t.starts_with('v') && t.contains(','))),
        ("7   over t0/t1/t2 (a local)", |l| tuple_loop(l).is_some_and(|(_, it)| it.starts_with('t'))),
        ("7   over () or a one-item tuple", |l| tuple_loop(l).is_some_and(|(_, it)| it == "()" || it.ends_with(",)"))),
        ("7   for ... in enumerate(tuple)", |l| l.starts_with("for ") && tuple_loop(l).is_some() && l.contains("enumerate(")),
        ("7   t1 = (...) / t2 = (...) built", |l| l.starts_with("t1 = ") || l.starts_with("t2 = ")),
        ("7   tuple[var] read", |l| tuple_var_index(l)),
        ("7   tuple[i // K] (may go out of range)", |l| tuple_var_index(l) && l.contains(" // ")),
        ("8 list slice (any)", |l| has_slice(l)),
        ("8   slice read", |l| has_slice(l.split(" = ").nth(1).unwrap_or(""))),
        ("8   slice store", |l| l.contains(" = ") && has_slice(l.split(" = ").next().unwrap_or(""))),
        ("8   a[:k + 1] = a[k::-1]", |l| l.contains(" + 1] = ") && l.contains("::-1]")),
        ("8   extended store a[::k] = b", |l| l.split(" = ").next().is_some_and(|t| has_slice(t) && t.matches(':').count() == 2)),
        ("8   step that may become 0", |l| has_slice(l) && (l.contains("% 3 - 1)") || ZERO_STEPS.iter().any(|(k, d)| l.contains(&format!("({k} - i")) && l.contains(&format!(" // {d})"))))),
        ("8   n0 = L[...] (a slice copied)", |l| l.starts_with("n0 = ") && has_slice(l)),
        ("9 list methods", |l| [".pop(", ".insert(", ".reverse()", ".copy()"].iter().any(|m| l.contains(m))),
        ("9   .pop() / .pop(i)", |l| l.contains(".pop(")),
        ("9   s0.pop (s0 may be empty)", |l| l.contains("s0.pop(")),
        ("9   .insert(i, x)", |l| l.contains(".insert(")),
        ("9   .reverse()", |l| l.contains(".reverse()")),
        ("9   .copy()", |l| l.contains(".copy()")),
        ("9   s0.append", |l| l.contains("s0.append(")),
        ("9   while popping s0", |l| l.starts_with("while ") && l.contains("s0")),
        ("10 object mode (any)", |l| OBJ_NAMES.iter().any(|n| mentions(l, n))),
        ("10   q0.val / q0.nxt / q0.name / q0.items", |l| l.contains("q0.")),
        ("10   while node is not None (chain)", |l| l.starts_with("while nd") && l.ends_with(" is not None:")),
        ("10   chain pushed / popped / unlinked", |l| l.starts_with("head = ") || l.starts_with("head.nxt = ")),
        ("10   polymorphic o.area() / .name()", |l| l.contains(".area()") || l.contains(".name()")),
        ("10   property B.half", |l| l.contains(".half")),
        ("10   C's + < == bool (cs)", |l| mentions(l, "cs")),
        ("10   str f-string / % / format", |l| l.contains("f'") || l.contains("' % ") || l.contains(".format(")),
        ("10   str join / methods / slices", |l| l.contains(".join(") || l.contains(".upper()") || l.contains(".replace(") || l.starts_with("st0 = st0[") || l.starts_with("st1 = st0[")),
        ("10   dict get / [k]= / in / setdefault", |l| l.contains("d0.get(") || l.starts_with("d0[") || l.contains(" in d0") || l.contains(".setdefault(")),
        ("10   for over d0 (items, sorted)", |l| l.starts_with("for ") && l.contains("d0")),
        ("10   for over a generator", |l| l.starts_with("for ") && (l.contains("gen(") || l.contains("walk("))),
        ("10   generator expression", |l| !l.starts_with("for ") && l.contains(" for ") && l.contains(" in ")),
        ("10   pairs unpacked (pa, pb = / for pa, pb)", |l| l.contains("pa, pb = ") || l.contains("(pa")),
        ("10   isinstance", |l| l.contains("isinstance(")),
        ("10   is None / is not None", |l| l.contains(" is None") || l.contains(" is not None")),
        ("10   except KeyError / AttributeError", |l| l.starts_with("except") && (l.contains("KeyError") || l.contains("AttributeError"))),
        ("10   raise in a loop", |l| l.starts_with("raise ")),
        ("old: ListFor enumerate", |l| l.contains("in enumerate(") && !l.contains("tl0")),
        ("old: o0 attribute/method", |l| l.contains("o0.") || l.contains(".m(")),
        ("old: array element", |l| ["a0[", "a1[", "l0[", "l1[", "l2[", "m0["].iter().any(|p| l.contains(p))),
    ];
    let mut hits = vec![0u64; probes.len()];
    let mut lines = 0usize;
    let mut bytes = 0usize;
    let dump = std::env::var_os("PYJIT_PROPTEST_DUMP").map(PathBuf::from);
    if let Some(d) = &dump {
        std::fs::create_dir_all(d).expect("create PYJIT_PROPTEST_DUMP folder");
    }
    for n in 0..cases {
        let text = strategy.new_tree(&mut runner).expect("generate").current().render();
        if let Some(d) = &dump {
            let _ = std::fs::write(d.join(format!("case_{n}.py")), &text);
        }
        lines += text.lines().count();
        bytes += text.len();
        let in_loops = loop_lines(&text);
        for (k, (_, probe)) in probes.iter().enumerate() {
            if in_loops.iter().any(|l| probe(l)) {
                hits[k] += 1;
            }
        }
    }
    let mut out = format!(
        "generator_stats: seed {seed}, {cases} programs, {} lines / {} bytes each on average; share with the construct in a loop of f:\n",
        lines / cases as usize,
        bytes / cases as usize
    );
    for (k, (name, _)) in probes.iter().enumerate() {
        let _ = writeln!(out, "  {name:<34} {:5.1}%", 100.0 * hits[k] as f64 / cases as f64);
    }
    report(&out);
}
