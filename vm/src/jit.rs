//! The JIT driver: the back-edge hook, the table of hot loop sites and
//! their compiled variants, recording (with `world::FrameWorld`),
//! optimizing and compiling a loop, and `--jit-log`.

use crate::bridge::{self, Compiled};
use crate::compiler_thread::{CompilerThread, Done};
use crate::decode;
use crate::world::FrameWorld;
use pyjit_tracer::bytecode::{Builtin, Code, ObjKind, Observed};
use pyjit_tracer::{Entry, Recording, record};
use rustc_hash::FxHashMap;
use rustpython_vm::builtins::PyCode;
use rustpython_vm::frame::jit_hook::{self, BackEdge};
use rustpython_vm::{AsObject, Py, PyObject, PyObjectRef, PyRef, PyResult, VirtualMachine};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Instant;

#[derive(Clone, Debug)]
pub struct JitOptions {
    pub enabled: bool,
    /// Back-edges that make a loop hot (1..=65535).
    pub threshold: u16,
    /// One line per loop on stderr.
    pub log: bool,
    /// Print traces before and after the passes.
    pub dump: bool,
    /// Wait for each loop's native code instead of interpreting on while
    /// the compiler thread makes it (`--jit-sync`).
    pub sync: bool,
    /// At exit, each trace's native runs and its most taken exits
    /// (`--jit-stats`).
    pub stats: bool,
}

impl Default for JitOptions {
    fn default() -> Self {
        JitOptions { enabled: true, threshold: 1000, log: false, dump: false, sync: false, stats: false }
    }
}

/// How many times a loop may be recorded (new types, failed recordings)
/// before it stays interpreted for good.
const MAX_ATTEMPTS: u32 = 8;

/// Native runs ended by a type change (or short ones ended by an operation
/// left to the interpreter) after which a site is given up.
const THRASH_RUNS: u64 = 500;
/// Native runs ended by a class or type new to a site after which a loop
/// is recorded again.
const RETYPE_RUNS: u32 = 16;
/// A native run shorter than this (about 20 µs) did next to nothing
/// natively, in `ticks`.
#[cfg(target_arch = "x86_64")]
const SHORT_RUN: u64 = 50_000;
#[cfg(not(target_arch = "x86_64"))]
const SHORT_RUN: u64 = 20_000;

/// A clock for the length of native runs: the CPU's time-stamp counter
/// (cycles) on x86-64, where `Instant::now` around every run cost as much
/// as a short run's native code; nanoseconds elsewhere.
#[cfg(target_arch = "x86_64")]
fn ticks() -> u64 {
    // SAFETY: RDTSC is in every x86-64 CPU.
    unsafe { core::arch::x86_64::_rdtsc() }
}
#[cfg(not(target_arch = "x86_64"))]
fn ticks() -> u64 {
    static START: std::sync::LazyLock<Instant> = std::sync::LazyLock::new(Instant::now);
    START.elapsed().as_nanos() as u64
}

struct LoopSite {
    code: PyRef<PyCode>,
    decoded: Rc<Code>,
    variants: Vec<Rc<Compiled>>,
    /// Variants dropped (for new classes, or given up), kept for
    /// `--jit-stats` only.
    retired: Vec<Rc<Compiled>>,
    /// Variants set aside while the loop is recorded again because a run
    /// left for a path they lack (`COLD_PATH`): dropped once the new one
    /// is compiled, back in use if it cannot be.
    stale: Vec<Rc<Compiled>>,
    /// Such a recording failed once: the paths runs leave for stay
    /// interpreted.
    cold_stays: bool,
    attempts: u32,
    /// Set once a recording failed for a reason that types cannot change.
    given_up: bool,
    runs: u64,
    /// Native runs ended by a class or type new to a site since the loop
    /// was last recorded.
    retype_runs: u32,
    unstable_runs: u64,
    short_left_runs: u64,
    logged: Vec<String>,
    /// A recording of it is being compiled: the frame (its locals'
    /// address) that made it hot, if it waits for the result when it comes
    /// back here (a mostly native trace).
    compiling: Option<Option<usize>>,
    /// The back-edge of the loop around this one (its first code unit), made
    /// hot once this one runs natively: hotness counts back-edges, and an
    /// outer loop whose body is a whole compiled loop has few of its own.
    outer: Option<u32>,
}

impl LoopSite {
    /// Drops the compiled variants (kept aside for `--jit-stats`).
    fn retire(&mut self, keep: bool) {
        if keep {
            self.retired.append(&mut self.variants);
        }
        self.variants.clear();
    }

    /// A new recording failed: the variants set aside run again.
    fn restore_stale(&mut self) {
        if self.variants.is_empty() {
            self.variants = std::mem::take(&mut self.stale);
        }
    }
}

struct Jit {
    opts: JitOptions,
    compiler: Option<CompilerThread>,
    /// Recordings being compiled, by job: their site, what the bridge
    /// needs of them, and when recording began.
    pending: FxHashMap<u64, ((usize, u32), Recording, Vec<PyObjectRef>, Instant)>,
    next_job: u64,
    sites: FxHashMap<(usize, u32), LoopSite>,
    /// Every back-edge of a loop (a `continue`, each arm of an `if` that
    /// ends the body) shares the site of the first that got hot: one
    /// region, recorded and compiled once. Keyed by code and back-edge,
    /// and by code and header.
    same_loop: FxHashMap<(usize, u32), u32>,
    headers: FxHashMap<(usize, u32), u32>,
    /// Builtins by address, each held so its address is never another's.
    builtins: Option<FxHashMap<usize, (Builtin, PyObjectRef)>>,
    /// Whether `builtins` has the `random` module's functions.
    random_known: bool,
    numpy_known: bool,
    compiled: u32,
    /// The process may run on one core only: the compiler thread's time
    /// is taken from the interpreter's.
    one_core: bool,
}

thread_local! {
    static JIT: RefCell<Option<Jit>> = const { RefCell::new(None) };
    /// Set while recording and compiling: a panic there is reported in the
    /// log, not on stderr.
    static COMPILING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs the hook; with the JIT off it installs nothing, so back-edges
/// cost exactly what they cost in plain RustPython.
pub fn install(opts: JitOptions) {
    if !opts.enabled {
        return;
    }
    let threshold = opts.threshold.max(1);
    JIT.with(|j| {
        *j.borrow_mut() = Some(Jit {
            opts,
            compiler: None,
            pending: FxHashMap::default(),
            next_job: 0,
            sites: FxHashMap::default(),
            same_loop: FxHashMap::default(),
            headers: FxHashMap::default(),
            builtins: None,
            random_known: false,
            numpy_known: false,
            compiled: 0,
            one_core: std::thread::available_parallelism().map_or(true, |n| n.get() < 2),
        })
    });
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !COMPILING.with(|c| c.get()) {
            default_hook(info);
        }
    }));
    jit_hook::install(on_hot_back_edge, threshold);
    jit_hook::install_call_hook(on_hot_back_edge);
}

/// Stops the compiler thread (after the job it is on), before the process
/// exits.
pub fn shutdown() {
    JIT.with(|j| {
        if let Ok(mut j) = j.try_borrow_mut()
            && let Some(j) = j.as_mut()
        {
            j.compiler = None;
        }
    });
}

pub fn report_at_exit() {
    JIT.with(|j| {
        if let Some(j) = j.borrow().as_ref()
            && j.opts.stats
        {
            j.report_stats();
        }
        if let Some(j) = j.borrow().as_ref()
            && j.opts.log
        {
            let mut waiting: Vec<&(usize, u32)> = j.pending.values().map(|p| &p.0).collect();
            waiting.sort();
            waiting.dedup();
            for key in waiting {
                eprintln!("pyjit: {}: still compiling when the program ended", j.where_(*key));
            }
            let stayed = j.sites.values().filter(|s| s.variants.is_empty()).count();
            eprintln!(
                "pyjit: {} trace(s) compiled; {} of {} hot loops/functions stayed interpreted",
                j.compiled,
                stayed,
                j.sites.len()
            );
        }
    });
}

fn on_hot_back_edge(edge: &mut BackEdge<'_, '_>, vm: &VirtualMachine) -> PyResult<u16> {
    // A call an exit left inside: its frame resumes where the trace was.
    if edge.jump_index == u32::MAX
        && let Some(next) = bridge::resume_call(edge)
    {
        return next;
    }
    bridge::forget_resumes();
    // The JIT is not borrowed while native code runs: a loop in a function
    // that compiled code calls through the VM compiles and runs too. Only
    // a hook during recording or compiling finds it busy, and tries again
    // later.
    let step = JIT.with(|j| -> Result<PyResult<Step>, ()> {
        let mut guard = j.try_borrow_mut().map_err(|_| ())?;
        let Some(jit) = guard.as_mut() else { return Err(()) };
        Ok(jit.back_edge(edge, vm))
    });
    let (key, compiled, state) = match step {
        Err(()) => return Ok(BUSY_COUNTDOWN),
        Ok(step) => match step? {
            Step::Count(next) => return Ok(next),
            Step::Run(key, compiled, state) => (key, compiled, state),
        },
    };
    let start = ticks();
    let ended = bridge::run(&compiled, state, edge, vm)?;
    let took = ticks().wrapping_sub(start);
    Ok(JIT.with(|j| j.try_borrow_mut().ok().and_then(|mut g| g.as_mut().map(|jit| jit.count_run(key, ended, took)))).unwrap_or(1))
}

/// Back-edges between looks at whether a loop's native code is ready.
const COMPILING_COUNTDOWN: u16 = 32;

/// Back-edges until a hook that found the JIT busy runs again.
const BUSY_COUNTDOWN: u16 = 64;

/// Back-edges until a loop whose variants wait for other threads to end
/// looks again.
const THREADS_COUNTDOWN: u16 = 1000;

/// What a hot back-edge does once the JIT has looked at it: run a compiled
/// variant (its entry checks passed), or count down this many back-edges.
enum Step {
    Run((usize, u32), Rc<Compiled>, bridge::EntryState),
    Count(u16),
}

impl Jit {
    fn back_edge(&mut self, edge: &mut BackEdge<'_, '_>, vm: &VirtualMachine) -> PyResult<Step> {
        if !self.pending.is_empty()
            && let Some(t) = &self.compiler
        {
            for done in t.finished() {
                self.install(done, vm);
            }
        }
        let mut key = (edge.code() as *const Py<PyCode> as usize, edge.jump_index);
        if let Some(&first) = self.same_loop.get(&key) {
            key.1 = first;
        }
        // A loop already seen: one lookup, and a variant whose entry checks
        // pass runs.
        if let Some(site) = self.sites.get_mut(&key)
            && let Some((v, state)) = site.variants.iter().find_map(|v| bridge::enter(v, edge, vm).map(|state| (v.clone(), state)))
        {
            if let Some(outer) = site.outer.take() {
                edge.hurry(outer);
            }
            return Ok(Step::Run(key, v, state));
        }
        let mut decoded = None;
        if !self.sites.contains_key(&key) {
            let d = Rc::new(decode::decode(edge.code(), vm));
            if key.1 != pyjit_tracer::FUNCTION
                && let Some(header) = loop_header(&d, key.1)
            {
                let first = *self.headers.entry((key.0, header)).or_insert(key.1);
                self.same_loop.insert(key, first);
                key.1 = first;
            }
            decoded = Some(d);
        }
        if !self.sites.contains_key(&key) {
            let code = edge.code().to_owned();
            let decoded = decoded.unwrap_or_else(|| Rc::new(decode::decode(&code, vm)));
            let outer = (key.1 != pyjit_tracer::FUNCTION).then(|| enclosing_loop(&decoded, key.1)).flatten();
            self.sites.insert(
                key,
                LoopSite {
                    code,
                    decoded,
                    variants: Vec::new(),
                    retired: Vec::new(),
                    stale: Vec::new(),
                    cold_stays: false,
                    attempts: 0,
                    given_up: false,
                    runs: 0,
                    retype_runs: 0,
                    unstable_runs: 0,
                    short_left_runs: 0,
                    logged: Vec::new(),
                    compiling: None,
                    outer,
                },
            );
        }
        let variants = &self.sites[&key].variants;
        // Variants that keep shared state in registers wait while another
        // thread runs; a new recording would keep it too.
        if !variants.is_empty() && variants.iter().all(|v| v.single_thread) && vm.state.thread_count.load() != 0 {
            return Ok(Step::Count(THREADS_COUNTDOWN));
        }
        let site = self.sites.get_mut(&key).unwrap();
        // Its native code is on its way: interpreted until then, unless the
        // frame that made it hot is still in the loop, which then waits for
        // it when it comes back here, once no other loop's job is ahead of
        // it (a long loop gets its native code about when compiling on this
        // thread would have given it; a loop that ends first, or runs
        // briefly in many calls, or does mostly what the interpreter would,
        // does not wait).
        if let Some(frame) = site.compiling {
            // Jobs are done in order: it waits only for its own.
            let first = self.pending.iter().min_by_key(|(job, _)| **job).is_some_and(|(_, p)| p.0 == key);
            if frame != Some(frame_id(edge)) || !first {
                return Ok(Step::Count(COMPILING_COUNTDOWN));
            }
            return Ok(self.wait_for(key, edge, vm));
        }
        if site.given_up || site.attempts >= MAX_ATTEMPTS {
            site.restore_stale();
            site.given_up = true;
            return Ok(Step::Count(if site.variants.is_empty() { 0 } else { u16::MAX }));
        }
        site.attempts += 1;
        let attempts = site.attempts;
        // A bug in the compiler must not take the program down: the loop
        // just stays interpreted.
        COMPILING.with(|c| c.set(true));
        let compiled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.compile(key, edge, vm)));
        COMPILING.with(|c| c.set(false));
        let compiled = compiled
            .unwrap_or_else(|p| {
                let msg = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
                Err(format!("internal compiler error: {}", msg.unwrap_or_default()))
            });
        match compiled {
            Ok(wait) => {
                self.sites.get_mut(&key).unwrap().compiling = Some(wait.then(|| frame_id(edge)));
                if !self.opts.sync {
                    return Ok(Step::Count(COMPILING_COUNTDOWN));
                }
                Ok(self.wait_for(key, edge, vm))
            }
            Err(reason) => {
                self.recording_failed(key, &reason);
                // Back off: types may settle (a value still unbound, an int
                // that will become a float for good).
                Ok(Step::Count((self.opts.threshold as u32).saturating_mul(1 << attempts.min(12)).clamp(1, 65535) as u16))
            }
        }
    }

    /// Waits for the native code of the loop at `key` and enters it.
    fn wait_for(&mut self, key: (usize, u32), edge: &mut BackEdge<'_, '_>, vm: &VirtualMachine) -> Step {
        // Jobs are done in order: this one comes after those before it.
        while self.sites[&key].compiling.is_some() {
            let Some(done) = self.compiler.as_ref().and_then(|t| t.wait()) else { break };
            self.install(done, vm);
        }
        if let Some(compiled) = self.sites[&key].variants.last().cloned()
            && let Some(state) = bridge::enter(&compiled, edge, vm)
        {
            return Step::Run(key, compiled, state);
        }
        Step::Count(1)
    }

    /// A recording (or its compiling) failed: the loop stays interpreted,
    /// or keeps the variants set aside for it (`LoopSite::stale`).
    fn recording_failed(&mut self, key: (usize, u32), reason: &str) {
        if self.sites.get(&key).is_some_and(|s| s.variants.is_empty() && !s.stale.is_empty()) {
            let site = self.sites.get_mut(&key).unwrap();
            site.restore_stale();
            site.cold_stays = true;
            self.log_once(key, format!("keeps its native code (another path cannot be added: {reason})"));
            return;
        }
        self.stays_interpreted(key, reason);
    }

    /// Logs (once) that the loop at `key` stays interpreted, and why.
    fn stays_interpreted(&mut self, key: (usize, u32), reason: &str) {
        self.log_once(key, format!("stays interpreted: {reason}"));
    }

    /// `--jit-log`: `what` about the site at `key`, the first time only.
    fn log_once(&mut self, key: (usize, u32), what: String) {
        let line = format!("{}: {what}", self.where_(key));
        let site = self.sites.get_mut(&key).unwrap();
        if self.opts.log && !site.logged.contains(&line) {
            eprintln!("pyjit: {line}");
            site.logged.push(line);
        }
    }

    /// A job the compiler thread finished: its loop's new variant, or the
    /// reason it stays interpreted.
    fn install(&mut self, done: Done, vm: &VirtualMachine) {
        let Some((key, rec, objects, t0)) = self.pending.remove(&done.id) else { return };
        if let Some(site) = self.sites.get_mut(&key) {
            site.compiling = None;
        }
        match done.result {
            Ok((entry, ir)) => {
                if let Some(ir) = &ir {
                    eprintln!("{ir}");
                }
                if self.opts.log {
                    eprintln!(
                        "pyjit: {}: compiled in {:.2} ms ({:.2} ms of it compiling; {} blocks, {} exits)",
                        self.where_(key),
                        t0.elapsed().as_secs_f64() * 1e3,
                        done.took.as_secs_f64() * 1e3,
                        rec.trace.blocks.len(),
                        rec.trace.exits.len()
                    );
                }
                // SAFETY: the address of a function of that signature the
                // compiler thread's JIT made (kept mapped for good).
                let entry = unsafe { std::mem::transmute::<usize, unsafe extern "C" fn(*mut u64) -> u32>(entry) };
                self.compiled += 1;
                let stats = self.opts.stats;
                if let Some(site) = self.sites.get_mut(&key) {
                    site.variants.push(Rc::new(Compiled::new(rec, objects, entry, vm)));
                    let mut stale = std::mem::take(&mut site.stale);
                    if stats {
                        site.retired.append(&mut stale);
                    }
                }
            }
            Err(reason) => self.recording_failed(key, &reason),
        }
    }

    /// Notes one native run; a site whose runs keep ending because a type
    /// flips (an int local that is sometimes a float) would thrash between
    /// variants, and one whose runs keep leaving at once for an operation
    /// left to the interpreter gains nothing: either goes back to the
    /// interpreter for good.
    fn count_run(&mut self, key: (usize, u32), ended: bridge::Ended, took: u64) -> u16 {
        let site = self.sites.get_mut(&key).unwrap();
        site.runs += 1;
        // An object of a class new to a switch on classes, or a value of
        // another type than recorded: recorded again with a path for it
        // (a bounded number of times: attempts are bounded, and the runs
        // that give one back, at a class or site noted for the first
        // time, are too, since `note` keeps four classes a site; the last
        // recording allowed is kept).
        if ended.retype && !site.given_up && site.attempts < MAX_ATTEMPTS {
            if ended.noted {
                site.attempts = site.attempts.saturating_sub(1);
            }
            // A few such runs first, so that one recording takes in the
            // classes of several sites (a scheduler's tasks meet each of
            // its method calls), not one class a recording.
            site.retype_runs += 1;
            if site.retype_runs >= RETYPE_RUNS {
                site.retype_runs = 0;
                site.retire(self.opts.stats);
            }
            return 1;
        }
        site.unstable_runs += ended.unstable as u64;
        // Runs that leave at once for an operation the trace does not
        // make (it is on the loop's every path) cost more than they give.
        site.short_left_runs += ((ended.left || ended.cold) && took < SHORT_RUN) as u64;
        let thrash = |bad: u64| bad >= THRASH_RUNS && bad * 2 > site.runs;
        if ended.cold && !site.cold_stays && !thrash(site.short_left_runs) && !site.given_up && site.attempts < MAX_ATTEMPTS && site.stale.is_empty() {
            site.stale = std::mem::take(&mut site.variants);
            return 1;
        }
        let why = if thrash(site.unstable_runs) {
            "types keep changing between runs"
        } else if thrash(site.short_left_runs) {
            "its runs keep leaving at once for an operation left to the interpreter"
        } else {
            return 1;
        };
        site.retire(self.opts.stats);
        site.given_up = true;
        if self.opts.log {
            eprintln!("pyjit: {}: stays interpreted: {why}", self.where_(key));
        }
        0
    }

    /// `--jit-stats`: the compiled variants by native runs, each with the
    /// exits its runs ended by most often (where, why, how many).
    fn report_stats(&self) {
        let mut all: Vec<(&(usize, u32), usize, &Rc<Compiled>)> =
            self.sites.iter().flat_map(|(k, s)| s.retired.iter().chain(&s.variants).enumerate().map(move |(i, v)| (k, i, v))).collect();
        all.sort_by_key(|(k, i, v)| (std::cmp::Reverse(v.runs()), **k, *i));
        for (key, i, v) in all {
            eprintln!("pyjit-stats: {} variant {}: {} native runs", self.where_(*key), i + 1, v.runs());
            for (code, pc, reason, n) in v.exits_taken().into_iter().take(4) {
                let code = code.unwrap_or(&self.sites[key].code);
                let line = code.code.locations.get(pc as usize).map(|l| l.0.line.get()).unwrap_or(0);
                eprintln!("pyjit-stats:     {n} left at {}:{line} ({}): {reason}", code.code.source_path.as_str(), code.code.obj_name.as_str());
            }
        }
    }

    fn where_(&self, key: (usize, u32)) -> String {
        let site = &self.sites[&key];
        // A loop is named by its header's line (the `for` or `while`), not
        // by its back-edge's (the body's last line).
        let at = if key.1 == pyjit_tracer::FUNCTION { 0 } else { loop_header(&site.decoded, key.1).unwrap_or(key.1) as usize };
        let line = site.code.code.locations.get(at).map(|l| l.0.line.get()).unwrap_or(0);
        let what = if key.1 == pyjit_tracer::FUNCTION { "function " } else { "" };
        format!("{}:{} ({what}{})", site.decoded.filename, line, site.decoded.name)
    }

    /// Records the loop at `key` and hands its trace, after the passes, to
    /// the compiler thread; says whether the loop waits for its code (a
    /// mostly native trace of few exits).
    fn compile(&mut self, key: (usize, u32), edge: &mut BackEdge<'_, '_>, vm: &VirtualMachine) -> Result<bool, String> {
        let t0 = Instant::now();
        let site = &self.sites[&key];
        let decoded = site.decoded.clone();
        if !decoded.fast_locals && !edge.locals_are_globals() {
            return Err("a loop whose locals are not its module's globals (class body, exec with two dicts)".into());
        }
        if self.builtins.is_none() {
            self.builtins = Some(builtin_table(vm));
        }
        // `random`'s functions, once the script has imported it.
        if !self.random_known
            && let Ok(random) = vm.sys_module.get_attr("modules", vm).and_then(|m| m.get_item("random", vm))
        {
            use pyjit_ir::RandomFn;
            let table = self.builtins.as_mut().unwrap();
            // Still being imported (its module code has a hot loop) if the
            // names are not all there yet: looked for again next time.
            let fns: Vec<_> = [
                ("random", RandomFn::Random),
                ("uniform", RandomFn::Uniform),
                ("gauss", RandomFn::Gauss),
                ("randint", RandomFn::Randint),
            ]
            .into_iter()
            .filter_map(|(name, f)| Some((random.get_attr(name, vm).ok()?, f)))
            .collect();
            if fns.len() == 4 {
                for (o, f) in fns {
                    table.insert(o.as_object() as *const PyObject as usize, (Builtin::Random(f), o.clone()));
                }
                self.random_known = true;
            }
        }
        // numpy's `array`, once the script has imported numpy (all of it:
        // a loop in the module's own set-up can get hot before its later
        // functions exist).
        if !self.numpy_known
            && let Ok(np) = vm.sys_module.get_attr("modules", vm).and_then(|m| m.get_item("numpy", vm))
            && let Ok(array) = np.get_attr("array", vm)
            && ["dot", "sum", "zeros", "random", "True_"].iter().all(|n| np.get_attr(*n, vm).is_ok())
        {
            let table = self.builtins.as_mut().unwrap();
            table.insert(array.as_object() as *const PyObject as usize, (Builtin::NpArray, array.clone()));
            let reductions = pyjit_tracer::bytecode::NP_REDUCTIONS.iter().enumerate().map(|(k, n)| (*n, k as u8));
            for (name, k) in reductions.chain([("amax", 2), ("amin", 3)]) {
                if let Ok(f) = np.get_attr(name, vm) {
                    table.insert(f.as_object() as *const PyObject as usize, (Builtin::NpReduce(k), f.clone()));
                }
            }
            if let Ok(r) = np.get_attr("random", vm) {
                use pyjit_ir::RandomFn;
                for (name, f) in [("random", RandomFn::Random), ("rand", RandomFn::Random), ("uniform", RandomFn::Uniform), ("normal", RandomFn::Gauss), ("randint", RandomFn::Randint)] {
                    if let Ok(o) = r.get_attr(name, vm) {
                        table.insert(o.as_object() as *const PyObject as usize, (Builtin::NpRandom(f), o.clone()));
                    }
                }
            }
            if let Ok(f) = np.get_attr("dot", vm) {
                table.insert(f.as_object() as *const PyObject as usize, (Builtin::NpDot, f.clone()));
            }
            for (name, one) in [("zeros", false), ("empty", false), ("ones", true)] {
                if let Ok(f) = np.get_attr(name, vm) {
                    table.insert(f.as_object() as *const PyObject as usize, (Builtin::NpFilled(one), f.clone()));
                }
            }
            self.numpy_known = true;
        }
        let mut world = FrameWorld::new(vm, edge, self.builtins.as_ref().unwrap());
        let locals: Vec<Observed> = {
            let n = decoded.varnames.len();
            let fl: Vec<Option<PyObjectRef>> = world.edge.fastlocals().iter().take(n).cloned().collect();
            fl.iter().map(|o| match o {
                Some(o) => world.observe(o),
                None => Observed::Unbound,
            }).collect()
        };
        // The loop's own iterator is on top; those of enclosing loops below
        // it stay as they are.
        let depth = world.edge.stack_len();
        let mut iters = Vec::new();
        let stack: Vec<Observed> = (0..depth)
            .map(|d| match world.edge.stack_get(d).map(|o| o.to_owned()) {
                Some(o) => {
                    if let Some((_, step, _, _)) = jit_hook::range_iter_state(&o, vm) {
                        Observed::RangeIter { unit: step == 1 }
                    } else if let Some(it) = o.downcast_ref::<crate::numpy::PyNdArrayIter>().filter(|_| d + 1 == depth) {
                        match world.observe(&it.arr) {
                            Observed::Array { mem, ndim, contiguous } => Observed::ArrIter { mem, ndim, contiguous },
                            _ => Observed::Obj(u32::MAX, ObjKind::Other),
                        }
                    } else if let Some(p) = (d + 1 == depth).then(|| crate::iters::parts(&o, true, vm)).flatten() {
                        let elems = p.lists.iter().map(|l| match world.observe(l) {
                            Observed::List { elem } => elem,
                            _ => None,
                        }).collect();
                        iters.push((p.kind, elems));
                        Observed::Iter(iters.len() as u32 - 1)
                    } else if o.class().is(vm.ctx.types.list_type) {
                        // The list a comprehension is building.
                        world.observe(&o)
                    } else {
                        Observed::Obj(u32::MAX, ObjKind::Other)
                    }
                }
                None => Observed::Obj(u32::MAX, ObjKind::Other),
            })
            .collect();
        let header = world.edge.next_instr();
        // The back-edge may sit behind EXTENDED_ARG prefixes (a long loop body).
        let jump = if key.1 == pyjit_tracer::FUNCTION { key.1 } else { decoded.start_of(key.1).unwrap_or(key.1) };
        let entry = Entry { code: &decoded, header, jump, locals, stack, code_id: key.0, iters };
        let mut rec = record(&entry, &mut world).map_err(|a| format!("{} (at instruction {})", a.reason, a.pc))?;
        // A function without a loop or a call of itself runs for less than
        // entering and leaving native code costs from the interpreter (its
        // callers' compiled loops inline it all the same).
        if key.1 == pyjit_tracer::FUNCTION {
            let loops = decoded.instrs.iter().any(|i| matches!(i.op, pyjit_tracer::bytecode::Op::Jump(t) if t < i.index));
            let recursive = rec.trace.blocks.iter().flat_map(|b| &b.insts).any(|i| matches!(i.kind, pyjit_ir::InstKind::CallSelf { .. }));
            if !loops && !recursive {
                // Other types would not change that, unless it names
                // itself (recursion a later recording may see): not
                // recorded again.
                if !decoded.names.contains(&decoded.name)
                    && let Some(site) = self.sites.get_mut(&key)
                {
                    site.given_up = true;
                }
                return Err("a function without loops or recursion: cheaper interpreted than entered".into());
            }
        }
        let objects = std::mem::take(&mut world.objects);
        if self.opts.dump {
            eprintln!("pyjit: trace of {} as recorded:\n{}", self.where_(key), rec.trace);
        }
        pyjit_passes::optimize(&mut rec.trace).map_err(|e| e.to_string())?;
        if self.opts.dump {
            eprintln!("pyjit: after the passes:\n{}", rec.trace);
        }
        if self.compiler.is_none() {
            // The runtime functions compiled code calls, handed to the
            // code generator, which defines their symbols in its JIT.
            self.compiler = Some(CompilerThread::start(crate::runtime::table(vm))?);
        }
        let job = self.next_job;
        self.next_job += 1;
        self.compiler.as_ref().unwrap().submit(job, rec.trace.clone(), !rec.mostly_native)?;
        // A loop of no operation through the VM (a numeric kernel's) is
        // waited for: natively it runs many times faster, and a program
        // that times a second call after a first that warms up (as
        // Numba's users do) times native code. Other loops go on
        // interpreted while their code is made, which with a core for the
        // compiler costs them nothing; on one core the compiler's time is
        // the program's, and a mostly native trace is waited for too (the
        // interpreter would only slow its compiling). Not a trace of many
        // exits (branchy code over objects), which gains less natively
        // than the wait costs.
        let wait = (rec.all_native || self.one_core && rec.mostly_native) && rec.trace.exits.len() <= pyjit_ir::FAST_CODEGEN_EXITS;
        self.pending.insert(job, (key, rec, objects, t0));
        Ok(wait)
    }
}

/// Which activation `edge` is in: the address of its frame's locals.
fn frame_id(edge: &mut BackEdge<'_, '_>) -> usize {
    edge.fastlocals().as_ptr() as usize
}

/// The instruction the back-edge at `jump` goes back to.
fn loop_header(code: &Code, jump: u32) -> Option<u32> {
    let start = code.start_of(jump)?;
    match code.instrs.get(code.position(start)?)?.op {
        pyjit_tracer::bytecode::Op::Jump(t) if t < start => Some(t),
        _ => None,
    }
}

/// The back-edge (first code unit) of the innermost loop around the one
/// whose back-edge is code unit `jump`: a backward jump that starts after
/// it and goes to a header before this loop's.
fn enclosing_loop(code: &Code, jump: u32) -> Option<u32> {
    use pyjit_tracer::bytecode::Op;
    let start = code.start_of(jump)?;
    let header = loop_header(code, jump)?;
    code.instrs
        .iter()
        .filter_map(|i| match i.op {
            Op::Jump(t) if t < i.index && t < header && i.index > start => Some((t, i.index)),
            _ => None,
        })
        .max_by_key(|(t, _)| *t)
        .map(|(_, j)| j)
}

/// Builtins and `math` functions the recorder compiles, by identity.
fn builtin_table(vm: &VirtualMachine) -> FxHashMap<usize, (Builtin, PyObjectRef)> {
    use pyjit_ir::MathFn;
    let mut t = FxHashMap::default();
    let b = vm.builtins.as_object();
    for (name, kind) in [
        ("range", Builtin::Range),
        ("abs", Builtin::Abs),
        ("complex", Builtin::Complex),
        ("isinstance", Builtin::IsInstance),
        ("type", Builtin::Type),
        ("min", Builtin::Min),
        ("max", Builtin::Max),
        ("sum", Builtin::Sum),
        ("int", Builtin::Int),
        ("float", Builtin::Float),
        ("round", Builtin::Round),
        ("divmod", Builtin::Divmod),
        ("bool", Builtin::Bool),
        ("len", Builtin::Len),
        ("enumerate", Builtin::Enumerate),
        ("reversed", Builtin::Reversed),
        ("zip", Builtin::Zip),
        ("super", Builtin::Super),
    ] {
        if let Ok(o) = b.get_attr(name, vm) {
            t.insert(o.as_object() as *const PyObject as usize, (kind, o.clone()));
        }
    }
    if let Some(o) = vm.ctx.types.object_type.get_attr(vm.ctx.intern_str("__init__")) {
        t.insert(o.as_object() as *const PyObject as usize, (Builtin::ObjectInit, o.clone()));
    }
    // numpy's one-argument ufuncs call this with their name.
    if let Ok(m) = vm.import("_numpy", 0) {
        for (name, kind) in [("_unary", Builtin::NpUnary), ("_binary", Builtin::NpBinary)] {
            if let Ok(o) = m.get_attr(name, vm) {
                t.insert(o.as_object() as *const PyObject as usize, (kind, o.clone()));
            }
        }
    }
    if let Ok(math) = vm.import("math", 0) {
        let mut add = |name: &str, kind: Builtin| {
            if let Ok(o) = math.get_attr(&vm.ctx.new_str(name), vm) {
                t.insert(o.as_object() as *const PyObject as usize, (kind, o.clone()));
            }
        };
        add("isnan", Builtin::IsNan);
        add("isinf", Builtin::IsInf);
        add("isfinite", Builtin::IsFinite);
        add("floor", Builtin::Floor);
        add("ceil", Builtin::Ceil);
        add("trunc", Builtin::Trunc);
        for f in [
            MathFn::Sqrt, MathFn::Exp, MathFn::Expm1, MathFn::Log, MathFn::Log2, MathFn::Log10,
            MathFn::Log1p, MathFn::Sin, MathFn::Cos, MathFn::Tan, MathFn::Asin, MathFn::Acos,
            MathFn::Atan, MathFn::Sinh, MathFn::Cosh, MathFn::Tanh, MathFn::Asinh, MathFn::Acosh,
            MathFn::Atanh, MathFn::Atan2, MathFn::Hypot, MathFn::Pow, MathFn::Fmod, MathFn::Copysign,
            MathFn::Fabs,
        ] {
            add(f.name(), Builtin::Math(f));
        }
    }
    t
}
