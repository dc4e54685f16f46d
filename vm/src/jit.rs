//! The JIT driver: the back-edge hook, the table of compiled loops, the
//! recorder's view of the live frame (`World`), and `--jit-log`.

use crate::bridge::{self, Compiled};
use crate::decode;
use crate::dtype::mem_of;
use crate::objects::{bound_list_method, cell_get, list_elem, list_num, lookup_global, module_attr, plain_class, plain_instance, scalar_kind, slot_names};
use pyjit_tracer::bytecode::{Builtin, Code, Elem, FieldObj, ObjKind, Observed};
use pyjit_tracer::record::Callee;
use pyjit_tracer::{Entry, World, record};
use rustc_hash::FxHashMap;
use rustpython_vm::builtins::{PyCode, PyDict, PyModule, PyTuple, PyType};
use rustpython_vm::bytecode::CodeFlags;
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
}

impl Default for JitOptions {
    fn default() -> Self {
        JitOptions { enabled: true, threshold: 1000, log: false, dump: false }
    }
}

/// How many times a loop may be recorded (new types, failed recordings)
/// before it stays interpreted for good.
const MAX_ATTEMPTS: u32 = 8;

/// Native runs ended by a type change (or short ones ended by an operation
/// left to the interpreter) after which a site is given up.
const THRASH_RUNS: u64 = 500;
/// A native run shorter than this did next to nothing natively.
const SHORT_RUN: std::time::Duration = std::time::Duration::from_micros(20);

struct LoopSite {
    code: PyRef<PyCode>,
    decoded: Rc<Code>,
    variants: Vec<Rc<Compiled>>,
    attempts: u32,
    /// Set once a recording failed for a reason that types cannot change.
    given_up: bool,
    runs: u64,
    unstable_runs: u64,
    short_left_runs: u64,
    logged: Vec<String>,
    /// The back-edge of the loop around this one (its first code unit), made
    /// hot once this one runs natively: hotness counts back-edges, and an
    /// outer loop whose body is a whole compiled loop has few of its own.
    outer: Option<u32>,
}

struct Jit {
    opts: JitOptions,
    compiler: Option<pyjit_codegen::Compiler>,
    sites: FxHashMap<(usize, u32), LoopSite>,
    /// Builtins by address, each held so its address is never another's.
    builtins: Option<FxHashMap<usize, (Builtin, PyObjectRef)>>,
    /// Whether `builtins` has the `random` module's functions.
    random_known: bool,
    numpy_known: bool,
    compiled: u32,
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
            sites: FxHashMap::default(),
            builtins: None,
            random_known: false,
            numpy_known: false,
            compiled: 0,
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

pub fn report_at_exit() {
    JIT.with(|j| {
        if let Some(j) = j.borrow().as_ref()
            && j.opts.log
        {
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
        return Ok(next);
    }
    bridge::forget_resumes();
    // Re-entrancy (a hook inside native code's VM calls) never records.
    let Ok(next) = JIT.with(|j| -> Result<PyResult<u16>, ()> {
        let mut guard = j.try_borrow_mut().map_err(|_| ())?;
        let Some(jit) = guard.as_mut() else { return Err(()) };
        Ok(jit.back_edge(edge, vm))
    }) else {
        return Ok(0);
    };
    next
}

impl Jit {
    fn back_edge(&mut self, edge: &mut BackEdge<'_, '_>, vm: &VirtualMachine) -> PyResult<u16> {
        let key = (edge.code() as *const Py<PyCode> as usize, edge.jump_index);
        if !self.sites.contains_key(&key) {
            let code = edge.code().to_owned();
            let decoded = Rc::new(decode::decode(&code, vm));
            let outer = (key.1 != pyjit_tracer::FUNCTION).then(|| enclosing_loop(&decoded, key.1)).flatten();
            self.sites.insert(
                key,
                LoopSite {
                    code,
                    decoded,
                    variants: Vec::new(),
                    attempts: 0,
                    given_up: false,
                    runs: 0,
                    unstable_runs: 0,
                    short_left_runs: 0,
                    logged: Vec::new(),
                    outer,
                },
            );
        }
        // Run a compiled variant whose entry checks pass.
        let variants = self.sites[&key].variants.clone();
        for v in &variants {
            if let Some(state) = bridge::enter(v, edge, vm) {
                if let Some(outer) = self.sites.get_mut(&key).and_then(|s| s.outer.take()) {
                    edge.hurry(outer);
                }
                let start = std::time::Instant::now();
                let ended = bridge::run(v, state, edge, vm)?;
                return Ok(self.count_run(key, ended, start.elapsed()));
            }
        }
        let site = self.sites.get_mut(&key).unwrap();
        if site.given_up || site.attempts >= MAX_ATTEMPTS {
            site.given_up = true;
            return Ok(if site.variants.is_empty() { 0 } else { u16::MAX });
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
            Ok(compiled) => {
                let compiled = Rc::new(compiled);
                self.sites.get_mut(&key).unwrap().variants.push(compiled.clone());
                self.compiled += 1;
                if let Some(state) = bridge::enter(&compiled, edge, vm) {
                    let start = std::time::Instant::now();
                    let ended = bridge::run(&compiled, state, edge, vm)?;
                    return Ok(self.count_run(key, ended, start.elapsed()));
                }
                Ok(1)
            }
            Err(reason) => {
                let line = format!("{}: stays interpreted: {reason}", self.where_(key));
                let site = self.sites.get_mut(&key).unwrap();
                if self.opts.log && !site.logged.contains(&line) {
                    eprintln!("pyjit: {line}");
                    site.logged.push(line);
                }
                // Back off: types may settle (a value still unbound, an int
                // that will become a float for good).
                Ok((self.opts.threshold as u32).saturating_mul(1 << attempts.min(12)).clamp(1, 65535) as u16)
            }
        }
    }

    /// Notes one native run; a site whose runs keep ending because a type
    /// flips (an int local that is sometimes a float) would thrash between
    /// variants, and one whose runs keep leaving at once for an operation
    /// left to the interpreter gains nothing: either goes back to the
    /// interpreter for good.
    fn count_run(&mut self, key: (usize, u32), ended: bridge::Ended, took: std::time::Duration) -> u16 {
        let site = self.sites.get_mut(&key).unwrap();
        site.runs += 1;
        site.unstable_runs += ended.unstable as u64;
        // Runs that leave at once for an operation the trace does not
        // make (it is on the loop's every path) cost more than they give.
        site.short_left_runs += (ended.left && took < SHORT_RUN) as u64;
        let thrash = |bad: u64| bad >= THRASH_RUNS && bad * 2 > site.runs;
        let why = if thrash(site.unstable_runs) {
            "types keep changing between runs"
        } else if thrash(site.short_left_runs) {
            "its runs keep leaving at once for an operation left to the interpreter"
        } else {
            return 1;
        };
        site.variants.clear();
        site.given_up = true;
        if self.opts.log {
            eprintln!("pyjit: {}: stays interpreted: {why}", self.where_(key));
        }
        0
    }

    fn where_(&self, key: (usize, u32)) -> String {
        let site = &self.sites[&key];
        let at = if key.1 == pyjit_tracer::FUNCTION { 0 } else { key.1 as usize };
        let line = site.code.code.locations.get(at).map(|l| l.0.line.get()).unwrap_or(0);
        let what = if key.1 == pyjit_tracer::FUNCTION { "function " } else { "" };
        format!("{}:{} ({what}{})", site.decoded.filename, line, site.decoded.name)
    }

    fn compile(&mut self, key: (usize, u32), edge: &mut BackEdge<'_, '_>, vm: &VirtualMachine) -> Result<Compiled, String> {
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
        let mut world = FrameWorld { vm, edge, objects: Vec::new(), builtins: self.builtins.as_ref().unwrap(), fields: FxHashMap::default(), field_objs: FxHashMap::default(), keys: FxHashMap::default() };
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
            self.compiler = Some(pyjit_codegen::Compiler::new(&crate::runtime::table())?);
        }
        let native = self.compiler.as_mut().unwrap().compile(&rec.trace)?;
        if let Some(ir) = &native.llvm_ir {
            eprintln!("{ir}");
        }
        let ms = t0.elapsed().as_secs_f64() * 1e3;
        if self.opts.log {
            eprintln!(
                "pyjit: {}: compiled in {ms:.2} ms ({} blocks, {} exits)",
                self.where_(key),
                rec.trace.blocks.len(),
                rec.trace.exits.len()
            );
        }
        Ok(Compiled::new(rec, objects, native.entry))
    }
}

/// The back-edge (first code unit) of the innermost loop around the one
/// whose back-edge is code unit `jump`: a backward jump that starts after
/// it and goes to a header before this loop's.
fn enclosing_loop(code: &Code, jump: u32) -> Option<u32> {
    use pyjit_tracer::bytecode::Op;
    let start = code.start_of(jump)?;
    let header = match code.instrs.get(code.position(start)?)?.op {
        Op::Jump(t) if t < start => t,
        _ => return None,
    };
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
    ] {
        if let Ok(o) = b.get_attr(name, vm) {
            t.insert(o.as_object() as *const PyObject as usize, (kind, o.clone()));
        }
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

/// The recorder's questions, answered from the live frame. Objects it
/// mentions are kept in `objects`; their index is the id the trace uses.
pub(crate) struct FrameWorld<'e, 'f, 'a, 'v> {
    pub vm: &'v VirtualMachine,
    pub edge: &'e mut BackEdge<'f, 'a>,
    pub objects: Vec<PyObjectRef>,
    builtins: &'e FxHashMap<usize, (Builtin, PyObjectRef)>,
    /// The number types instances of each class (by id) were seen to hold
    /// in their dicts (`None` where they disagree).
    fields: FxHashMap<(u32, String), Option<pyjit_ir::Type>>,
    /// The same for lists of numbers and instances (`FieldObj`).
    field_objs: FxHashMap<(u32, String), Option<FieldObj>>,
    /// The dict keys (`World::inst_keys`) instances of each class were
    /// seen with (`None` where they disagree or one is not interned).
    keys: FxHashMap<u32, Option<Vec<u64>>>,
}

impl FrameWorld<'_, '_, '_, '_> {
    /// The id of `o`'s class, noting the number types its dict holds.
    fn instance_class(&mut self, o: &PyObjectRef) -> u32 {
        self.instance_class_at(o, 0)
    }

    /// `instance_class`, looking `depth` instances deep already (an
    /// instance an attribute holds is looked at too, two levels at most).
    fn instance_class_at(&mut self, o: &PyObjectRef, depth: u32) -> u32 {
        let class = self.id_of(&o.class().to_owned().into());
        let keys = self.interned_keys(o);
        let e = self.keys.entry(class).or_insert_with(|| keys.clone());
        if *e != keys {
            *e = None;
        }
        // `__slots__` members: their values as the dict's entries.
        let members: Vec<(PyObjectRef, PyObjectRef)> = slot_names(o.class(), self.vm)
            .into_iter()
            .filter_map(|k| Some((k.to_owned().into(), o.get_attr(k, self.vm).ok()?)))
            .collect();
        let entries: Vec<(PyObjectRef, PyObjectRef)> = o.dict().map(|d| d.into_iter().collect()).unwrap_or_default();
        for (k, v) in entries.into_iter().chain(members) {
            let Some(name) = k.downcast_ref::<rustpython_vm::builtins::PyStr>().and_then(|s| s.to_str().map(str::to_owned)) else { continue };
            let ty = list_num(&v, self.vm);
            let obj = match list_elem(&v, self.vm) {
                Some(Elem::Num(t)) if v.class().is(self.vm.ctx.types.list_type) => Some(FieldObj::Row(t)),
                _ if depth < 2 && plain_instance(&v, self.vm) => Some(FieldObj::Inst(self.instance_class_at(&v.to_owned(), depth + 1))),
                _ => None,
            };
            let e = self.field_objs.entry((class, name.clone())).or_insert(obj);
            if *e != obj {
                *e = None;
            }
            let e = self.fields.entry((class, name)).or_insert(ty);
            if *e != ty {
                *e = None;
            }
        }
        class
    }

    /// The keys of `o`'s dict in entry order, if each is an interned str
    /// (what attribute stores make) and none was deleted.
    fn interned_keys(&self, o: &PyObjectRef) -> Option<Vec<u64>> {
        let l = crate::runtime::layout(self.vm)?.dict?;
        let d = o.dict()?;
        // SAFETY: an object with a dict.
        let (_, keys) = unsafe { crate::runtime::raw_keys(o, l) }?;
        let interned = d.into_iter().map(|(k, _)| {
            let s = k.downcast_ref::<rustpython_vm::builtins::PyStr>()?.to_str()?;
            let i: &PyObject = self.vm.ctx.intern_str(s).as_object();
            i.is(&k).then_some(i as *const PyObject as usize as u64)
        });
        let interned: Option<Vec<u64>> = interned.collect();
        (interned? == keys).then_some(keys)
    }

    /// The id of attribute `name` of a builtin type (a method descriptor).
    fn type_attr(&mut self, t: &Py<PyType>, name: &str) -> Option<u32> {
        let m = t.as_object().get_attr(self.vm.ctx.intern_str(name), self.vm).ok()?;
        Some(self.id_of(&m))
    }

    fn id_of(&mut self, o: &PyObjectRef) -> u32 {
        if let Some(i) = self.objects.iter().position(|x| x.is(o)) {
            return i as u32;
        }
        self.objects.push(o.clone());
        self.objects.len() as u32 - 1
    }

    fn observe(&mut self, o: &PyObjectRef) -> Observed {
        if let Some(name) = bound_list_method(o, self.vm) {
            let elem = o.get_attr("__self__", self.vm).ok().and_then(|l| list_elem(&l, self.vm));
            return Observed::ListMethod { name, elem };
        }
        if plain_instance(o, self.vm) {
            return Observed::Instance(self.instance_class(o));
        }
        if o.class().is(self.vm.ctx.types.list_type) {
            // A list of instances of one plain class.
            let l = o.downcast_ref::<rustpython_vm::builtins::PyList>().map(|l| l.borrow_vec().iter().take(16).cloned().collect::<Vec<_>>());
            if let Some(items) = l
                && let Some(first) = items.first()
                && plain_instance(first, self.vm)
                && items.iter().all(|e| e.class().is(first.class()))
            {
                let class = items.iter().map(|e| self.instance_class(e)).last().unwrap();
                return Observed::List { elem: Some(Elem::Insts(class)) };
            }
        }
        // A short exact tuple: taken apart into its items.
        if o.class().is(self.vm.ctx.types.tuple_type)
            && o.downcast_ref::<PyTuple>().is_some_and(|t| t.len() <= MAX_TUPLE_ITEMS)
        {
            return Observed::Tuple(self.id_of(o));
        }
        match scalar_kind(o, self.vm) {
            Some(obs) => obs,
            None => {
                let kind = if let Some((b, _)) = self.builtins.get(&(o.as_object() as *const PyObject as usize)) {
                    ObjKind::Builtin(*b)
                } else if o.downcast_ref::<PyModule>().is_some() {
                    ObjKind::Module
                } else {
                    ObjKind::Other
                };
                if self.vm.is_none(o) {
                    return Observed::NoneVal;
                }
                Observed::Obj(self.id_of(o), kind)
            }
        }
    }
}

/// Tuples up to this long held in variables are taken apart into their
/// items (each checked at entry); longer ones are opaque objects.
const MAX_TUPLE_ITEMS: usize = 8;

impl World for FrameWorld<'_, '_, '_, '_> {
    fn global(&mut self, name: &str) -> Observed {
        match lookup_global(self.edge.globals(), self.edge.builtins(), name, self.vm) {
            Some(o) => self.observe(&o),
            None => Observed::Unbound,
        }
    }

    fn global_in(&mut self, dict: u32, name: &str) -> Observed {
        let Some(d) = self.objects[dict as usize].downcast_ref::<PyDict>() else { return Observed::Unbound };
        match lookup_global(d, self.edge.builtins(), name, self.vm) {
            Some(o) => self.observe(&o),
            None => Observed::Unbound,
        }
    }

    fn attr(&mut self, obj: u32, name: &str) -> Observed {
        let o = self.objects[obj as usize].clone();
        match module_attr(&o, name, self.vm) {
            Some(v) => self.observe(&v),
            None => Observed::Unbound,
        }
    }

    fn none(&mut self) -> u32 {
        let none = self.vm.ctx.none();
        self.id_of(&none)
    }

    fn obj_addr(&mut self, obj: u32) -> Option<u64> {
        self.objects.get(obj as usize).map(|o| o.as_object() as *const PyObject as usize as u64)
    }

    fn class_attr(&mut self, class: u32, name: &str) -> pyjit_tracer::record::ClassAttr {
        use pyjit_tracer::record::ClassAttr;
        let vm = self.vm;
        let Some(cls) = self.objects.get(class as usize).and_then(|c| c.downcast_ref::<PyType>().map(|t| t.to_owned())) else {
            return ClassAttr::Descriptor;
        };
        let Some(v) = cls.get_attr(vm.ctx.intern_str(name)) else { return ClassAttr::Absent };
        if v.class().is(vm.ctx.types.function_type) {
            return ClassAttr::Method(self.id_of(&v));
        }
        if let Some(m) = v.downcast_ref::<rustpython_vm::builtins::PyMemberDescriptor>() {
            use rustpython_vm::builtins::descriptor::MemberKind;
            // A `__slots__` member: an object pointer at a byte offset from
            // the instance (before it, for heap types).
            return match m.member.kind {
                MemberKind::ObjectEx | MemberKind::Object if m.member.offset != 0 => ClassAttr::Member(m.member.offset as i64),
                _ => ClassAttr::Descriptor,
            };
        }
        // Anything with __get__ (property, slot, staticmethod) is not a
        // plain value.
        let t = v.class();
        let has = |n: &str| t.get_attr(vm.ctx.intern_str(n)).is_some();
        if has("__get__") || has("__set__") || has("__delete__") { ClassAttr::Descriptor } else { ClassAttr::Plain }
    }

    fn field(&mut self, class: u32, name: &str) -> Option<pyjit_ir::Type> {
        self.fields.get(&(class, name.to_owned())).copied().flatten()
    }

    fn field_obj(&mut self, class: u32, name: &str) -> Option<FieldObj> {
        self.field_objs.get(&(class, name.to_owned())).copied().flatten()
    }

    fn builtin_type(&mut self, name: &str) -> Option<u32> {
        let t = self.vm.builtins.get_attr(self.vm.ctx.intern_str(name), self.vm).ok()?;
        t.downcast_ref::<PyType>()?;
        Some(self.id_of(&t))
    }

    fn np_dtype(&mut self, obj: u32) -> Option<pyjit_ir::MemTy> {
        // numpy's own reading of a dtype argument (`np.float64`, `float`,
        // `"int32"`, a dtype object); what it raises for is not compiled.
        let spec = self.objects.get(obj as usize)?.clone();
        let f = self.vm.import("numpy", 0).ok()?.get_attr("_dtype_name", self.vm).ok()?;
        let name = f.call((spec,), self.vm).ok()?;
        let name = name.downcast_ref::<rustpython_vm::builtins::PyStr>()?.to_str()?.to_owned();
        mem_of(crate::numpy::dtype_named(&name)?)
    }

    fn none_type(&mut self) -> Option<u32> {
        let t: PyObjectRef = self.vm.ctx.none().class().to_owned().into();
        Some(self.id_of(&t))
    }

    fn is_subclass(&mut self, sub: u32, sup: u32) -> Option<bool> {
        let (a, b) = (self.objects.get(sub as usize)?.clone(), self.objects.get(sup as usize)?.clone());
        b.downcast_ref::<PyType>()?;
        a.real_is_subclass(&b, self.vm).ok()
    }

    fn not_implemented(&mut self) -> Option<u32> {
        let o = self.vm.ctx.not_implemented.clone().into();
        Some(self.id_of(&o))
    }

    fn str_const(&mut self, code: Option<u32>, idx: u32) -> Option<u32> {
        let code: PyRef<PyCode> = match code {
            Some(id) => self.objects.get(id as usize)?.clone().downcast().ok()?,
            None => self.edge.code().to_owned(),
        };
        let c: PyObjectRef = code.code.constants.get(idx as usize)?.clone().into();
        c.class().is(self.vm.ctx.types.str_type).then(|| self.id_of(&c))
    }

    fn str_value(&mut self, obj: u32) -> Option<String> {
        let o = self.objects.get(obj as usize)?;
        o.downcast_ref::<rustpython_vm::builtins::PyStr>().filter(|_| o.class().is(self.vm.ctx.types.str_type))?.to_str().map(str::to_owned)
    }

    fn np_method(&mut self, name: &str) -> Option<u32> {
        let cls = crate::numpy::ndarray_class()?;
        self.type_attr(&cls, name)
    }

    fn dict_method(&mut self, name: &str) -> Option<u32> {
        self.type_attr(self.vm.ctx.types.dict_type, name)
    }

    fn list_method(&mut self, name: &str) -> Option<u32> {
        self.type_attr(self.vm.ctx.types.list_type, name)
    }

    fn names_tuple(&mut self, names: &[String]) -> Option<u32> {
        let t: PyObjectRef = self.vm.ctx.new_tuple(names.iter().map(|n| self.vm.ctx.intern_str(n.as_str()).to_owned().into()).collect()).into();
        Some(self.id_of(&t))
    }

    fn tuple_items(&mut self, obj: u32) -> Option<Vec<Observed>> {
        let t = self.objects.get(obj as usize)?.clone();
        let items: Vec<PyObjectRef> = t.downcast_ref::<PyTuple>()?.iter().cloned().collect();
        Some(items.iter().map(|i| self.observe(i)).collect())
    }

    fn cell_contents(&mut self, src: pyjit_tracer::Src) -> Observed {
        let cell = match src {
            pyjit_tracer::Src::Cell(id) => self.objects.get(id as usize).cloned(),
            pyjit_tracer::Src::LocalCell(i) => self.edge.fastlocals().get(i as usize).cloned().flatten(),
            _ => None,
        };
        match cell.and_then(|c| cell_get(&c, self.vm)) {
            Some(v) => self.observe(&v),
            None => Observed::Unbound,
        }
    }

    fn inst_keys(&mut self, class: u32) -> Option<Vec<u64>> {
        self.keys.get(&class).cloned().flatten()
    }

    fn name_obj(&mut self, name: &str) -> Option<u32> {
        let s: PyObjectRef = self.vm.ctx.intern_str(name).to_owned().into();
        Some(self.id_of(&s))
    }

    fn class_version(&mut self, class: u32) -> Option<u32> {
        let vm = self.vm;
        let cls = self.objects.get(class as usize)?.downcast_ref::<PyType>()?;
        // A lookup gives the class a tag if it has none.
        let _ = cls.get_attr(vm.ctx.intern_str("__init__"));
        let v = cls.tp_version_tag.load(std::sync::atomic::Ordering::Acquire);
        (v != 0).then_some(v)
    }

    fn random_instance(&mut self, method: u32) -> Option<u64> {
        let vm = self.vm;
        let inst = self.objects.get(method as usize)?.get_attr("__self__", vm).ok()?;
        let module = vm.sys_module.get_attr("modules", vm).ok()?.get_item("random", vm).ok()?;
        let class = module.get_attr("Random", vm).ok()?;
        let base = vm.import("_random", 0).ok()?.get_attr("Random", vm).ok()?;
        let same = |a: &'static str, b: &PyObjectRef, c: &'static str| -> Option<bool> { Some(class.get_attr(a, vm).ok()?.is(&b.get_attr(c, vm).ok()?)) };
        let unchanged = inst.class().is(&class)
            && same("random", &base, "random")?
            && same("getrandbits", &base, "getrandbits")?
            && same("_randbelow", &class, "_randbelow_with_getrandbits")?;
        crate::runtime::mt_layout(vm)?;
        unchanged.then(|| inst.as_object() as *const PyObject as usize as u64)
    }

    fn layout(&mut self) -> Option<pyjit_tracer::ObjLayout> {
        crate::runtime::layout(self.vm)
    }

    fn constructor(&mut self, obj: u32) -> Option<Option<Callee>> {
        let vm = self.vm;
        let o = self.objects.get(obj as usize)?.clone();
        let cls = o.downcast_ref::<PyType>()?;
        // Made by `type` itself, with instance dicts or `__slots__`,
        // object's __new__ and no finalizer (compiled code frees what it
        // makes later than the interpreter would, which only a __del__
        // could tell).
        let object = vm.ctx.types.object_type;
        let same = |n: &str| match (cls.get_attr(vm.ctx.intern_str(n)), object.get_attr(vm.ctx.intern_str(n))) {
            (Some(a), Some(b)) => a.is(&b),
            _ => false,
        };
        if !o.class().is(vm.ctx.types.type_type)
            || !plain_class(cls, vm)
            || !same("__new__")
            || cls.get_attr(vm.ctx.intern_str("__del__")).is_some()
        {
            return None;
        }
        if same("__init__") {
            return Some(None);
        }
        let init = cls.get_attr(vm.ctx.intern_str("__init__"))?;
        let id = self.id_of(&init);
        Some(Some(self.callee(id)?))
    }

    fn callee(&mut self, obj: u32) -> Option<Callee> {
        let vm = self.vm;
        let f = self.objects[obj as usize].clone();
        if !f.class().is(vm.ctx.types.function_type) {
            return None;
        }
        let code: PyRef<PyCode> = f.get_attr("__code__", vm).ok()?.downcast().ok()?;
        let globals = f.get_attr("__globals__", vm).ok()?;
        globals.downcast_ref::<PyDict>()?;
        let globals = (!globals.is(self.edge.globals())).then(|| self.id_of(&globals));
        // Closure cells: read (at entry) where the body loads them.
        let cells: Vec<PyObjectRef> = match f.get_attr("__closure__", vm).ok()? {
            c if vm.is_none(&c) => Vec::new(),
            c => c.downcast::<PyTuple>().ok()?.iter().cloned().collect(),
        };
        let co = &code.code;
        let unsupported = CodeFlags::VARARGS
            | CodeFlags::VARKEYWORDS
            | CodeFlags::GENERATOR
            | CodeFlags::COROUTINE
            | CodeFlags::ASYNC_GENERATOR;
        if co.flags.intersects(unsupported)
            || !co.flags.contains(CodeFlags::OPTIMIZED)
            || co.kwonlyarg_count > 0
            || !co.cellvars.is_empty()
            || co.freevars.len() != cells.len()
        {
            return None;
        }
        let defaults: Vec<PyObjectRef> = match f.get_attr("__defaults__", vm).ok()? {
            d if vm.is_none(&d) => Vec::new(),
            d => d.downcast::<PyTuple>().ok()?.iter().cloned().collect(),
        };
        let default_strs = defaults.iter().map(|o| o.class().is(vm.ctx.types.str_type).then(|| self.id_of(o))).collect();
        let defaults = defaults.into_iter().map(|o| decode::constant(o, u32::MAX, vm)).collect();
        let id = &*code as *const Py<PyCode> as usize;
        let code_obj = self.id_of(&code.clone().into());
        let cells = cells.iter().map(|c| self.id_of(c)).collect();
        Some(Callee { id, code_obj, code: Rc::new(decode::decode(&code, vm)), argcount: co.arg_count, defaults, default_strs, cells, globals })
    }
}
