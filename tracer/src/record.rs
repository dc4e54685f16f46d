//! The recorder: abstract interpretation of a loop's bytecode, starting from
//! the live frame at the loop header, into a typed trace.
//!
//! Every local, name and stack entry has an abstract value (`Av`): an
//! unboxed trace value of a fixed type, a known object, or an iterator. The
//! type of each local is the one observed at entry, so the trace is a
//! specialization; where the program would change a type (a path reaching a
//! block with other types), the path leaves the trace through an exit and
//! the interpreter carries on. Every operation that could raise in Python
//! carries an exit to the start of its own instruction, snapshotting the
//! frame as it is there.

use crate::bytecode::*;
use pyjit_ir::*;
use std::collections::{HashMap, HashSet, VecDeque};

/// Name lookups against the live frame, answered by the VM.
pub trait World {
    /// The value a global-ish name has now: LOAD_NAME's lookup in module
    /// code, LOAD_GLOBAL's in a function.
    fn global(&mut self, name: &str) -> Observed;
    /// `obj.name` for a known object (modules only, for now).
    fn attr(&mut self, obj: u32, name: &str) -> Observed;
    /// The id of `None`.
    fn none(&mut self) -> u32;
    /// A plain Python function the trace may inline: its code, positional
    /// parameter count and defaults. `None` for anything else (closures,
    /// *args, generators, another module's globals).
    fn callee(&mut self, obj: u32) -> Option<Callee>;
}

/// A function the recorder can inline.
#[derive(Clone, Debug)]
pub struct Callee {
    /// The code object's identity.
    pub id: usize,
    pub code: std::rc::Rc<Code>,
    pub argcount: u32,
    /// Values of the trailing parameters' defaults.
    pub defaults: Vec<Const>,
}

/// How deep calls are inlined, and how much bytecode one recording reads.
const MAX_INLINE_DEPTH: usize = 4;
const MAX_RECORDED_INSTRS: usize = 20_000;

/// The frame at the loop header, as the VM sees it at entry.
pub struct Entry<'a> {
    pub code: &'a Code,
    /// The loop header (the jump's target) and the JUMP_BACKWARD.
    pub header: u32,
    /// The back-edge, or `FUNCTION` for a function trace: the whole body
    /// from `header` (after RESUME), leaving through its returns.
    pub jump: u32,
    pub locals: Vec<Observed>,
    pub stack: Vec<Observed>,
    /// The code object's identity, to recognise recursive calls.
    pub code_id: usize,
}

/// The reason of an exit taken where a value's type differs from the one
/// the trace was compiled for.
pub const TYPES_DIFFER: &str = "types differ from the compiled path";

/// `Entry::jump` of a function trace.
pub const FUNCTION: u32 = u32::MAX;

/// Where an entry check reads.
#[derive(Clone, Debug, PartialEq)]
pub enum Src {
    Local(u32),
    /// Index into `Recording::names`.
    Name(u32),
    Stack(u32),
    /// Attribute `names[name]` of object `obj`.
    Attr { obj: u32, name: u32 },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Want {
    Int,
    Float,
    Bool,
    Unbound,
    /// That exact object (identity).
    Is(u32),
    /// An exact range_iterator; four inputs: start, step, len, index.
    RangeIter,
}

/// What the bridge checks (and unboxes into `input`) before entering.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub src: Src,
    pub want: Want,
    pub input: Option<u32>,
}

#[derive(Debug)]
pub struct Recording {
    pub trace: Trace,
    pub checks: Vec<Check>,
    /// The name table `Place::Name` and `Src::Name` index.
    pub names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Abort {
    pub pc: u32,
    pub reason: String,
}

/// An abstract value.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Av {
    Untracked,
    Unbound,
    Null,
    V(Value),
    Obj(u32),
    /// The object at this stack depth at entry (opaque).
    Entry(u32),
    RangeIter { entry: Option<u32>, start: Value, step: Value, len: Value, idx: Value },
    /// A tuple of numbers the trace built (index into `Recorder::tuples`).
    /// It lives only on the value stack between its building and an
    /// UNPACK_SEQUENCE (`q, r = divmod(a, b)`): a tuple stored, live at an
    /// exit or across a join ends the recording.
    Tuple(u32),
}

/// An abstract value's shape: what must agree where paths meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Shape {
    Untracked,
    Unbound,
    Null,
    V(Type),
    Obj(u32),
    Entry(u32),
    RangeIter(Option<u32>),
    Tuple(u32),
    /// Frame boundaries: which code, how deep its stack.
    Frame(u32, usize),
}

/// A frame suspended at a call while its callee is inlined.
#[derive(Clone, Debug)]
struct Suspended {
    ctx: u32,
    locals: Vec<Av>,
    stack: Vec<Av>,
    call_pc: u32,
}

/// The abstract frame state: the running frame (`ctx` says which code and
/// call chain), the frames suspended in calls below it, and the tracked
/// global names.
#[derive(Clone, Debug)]
struct State {
    ctx: u32,
    locals: Vec<Av>,
    names: Vec<Av>,
    stack: Vec<Av>,
    callers: Vec<Suspended>,
}

impl State {
    fn avs(&self) -> impl Iterator<Item = &Av> {
        self.callers
            .iter()
            .flat_map(|c| c.locals.iter().chain(&c.stack))
            .chain(&self.locals)
            .chain(&self.names)
            .chain(&self.stack)
    }
    fn avs_mut(&mut self) -> impl Iterator<Item = &mut Av> {
        self.callers
            .iter_mut()
            .flat_map(|c| c.locals.iter_mut().chain(&mut c.stack))
            .chain(&mut self.locals)
            .chain(&mut self.names)
            .chain(&mut self.stack)
    }
    /// The outermost frame (the loop's own): locals, stack, and the pc it
    /// is at if suspended in a call.
    fn outer(&self) -> (&[Av], &[Av], Option<u32>) {
        match self.callers.first() {
            Some(c) => (&c.locals, &c.stack, Some(c.call_pc)),
            None => (&self.locals, &self.stack, None),
        }
    }
}

/// A code context: the loop's own code (0) or a function inlined at a call
/// site of another context.
struct Ctx {
    code: std::rc::Rc<Code>,
    parent: Option<(u32, u32)>,
}

struct Recorder<'a, 'w> {
    entry: &'a Entry<'a>,
    world: &'w mut dyn World,
    t: Trace,
    checks: Vec<Check>,
    names: Vec<String>,
    /// Tracked global names (read or written by the loop's own code).
    name_index: HashMap<String, u32>,
    /// Globals only inlined functions read: fixed for the whole trace.
    ro_names: HashMap<String, Av>,
    ctxs: Vec<Ctx>,
    blocks: HashMap<(u32, u32), (Block, Vec<Shape>)>,
    queue: VecDeque<(u32, Block, State)>,
    /// Locals and names the region stores to.
    written_locals: HashSet<u32>,
    written_names: HashSet<String>,
    /// The loop: instructions of the loop's own code that reach the
    /// back-edge without passing the header (3.14 lays loops out in pieces,
    /// so a pc range is not enough).
    region: HashSet<u32>,
    recorded: usize,
    /// The assumed result type of recursive self-calls.
    self_result: Type,
    attr_checks: HashMap<(u32, u32), Av>,
    builtins: HashMap<u32, Builtin>,
    none: Option<u32>,
    /// The elements of each `Av::Tuple`.
    tuples: Vec<Vec<Value>>,
    /// Where a tuple was live at an exit (the recording is given up).
    tuple_at_exit: Option<u32>,
}

type R<T> = Result<T, Abort>;

fn abort<T>(pc: u32, reason: impl Into<String>) -> R<T> {
    Err(Abort { pc, reason: reason.into() })
}

/// Records the loop whose header is `entry.header` (or the function body).
pub fn record(entry: &Entry<'_>, world: &mut dyn World) -> Result<Recording, Abort> {
    // A recursive function's calls to itself return what its returns do:
    // guess int, and record again if the returns say otherwise.
    let rec = record_with(entry, world, Type::I64)?;
    let ret_types: HashSet<Type> =
        rec.trace.returns.iter().filter_map(|e| rec.trace.exits[e.0 as usize].values().last().map(|v| rec.trace.ty(*v))).collect();
    let calls_self = rec.trace.blocks.iter().flat_map(|b| &b.insts).any(|i| matches!(i.kind, InstKind::CallSelf { .. }));
    if !calls_self || ret_types.len() <= 1 && !ret_types.contains(&Type::F64) && !ret_types.contains(&Type::Bool) {
        return Ok(rec);
    }
    match ret_types.into_iter().collect::<Vec<_>>()[..] {
        [ty] => record_with(entry, world, ty),
        _ => abort(entry.header, "a recursive function returning values of several types"),
    }
}

fn record_with(entry: &Entry<'_>, world: &mut dyn World, self_result: Type) -> Result<Recording, Abort> {
    let code = entry.code;
    let mut r = Recorder {
        entry,
        world,
        t: Trace::new(format!("{}:{}", code.name, entry.header)),
        checks: Vec::new(),
        names: Vec::new(),
        name_index: HashMap::new(),
        ro_names: HashMap::new(),
        ctxs: vec![Ctx { code: std::rc::Rc::new(code.clone()), parent: None }],
        blocks: HashMap::new(),
        queue: VecDeque::new(),
        written_locals: HashSet::new(),
        written_names: HashSet::new(),
        attr_checks: HashMap::new(),
        builtins: HashMap::new(),
        none: None,
        tuples: Vec::new(),
        tuple_at_exit: None,
        region: HashSet::new(),
        recorded: 0,
        self_result,
    };
    if entry.jump == FUNCTION {
        r.region = code.instrs.iter().map(|i| i.index).collect();
    } else {
        if code.position(entry.header).is_none() || code.position(entry.jump).is_none() {
            return abort(entry.header, "loop header or back-edge is not an instruction");
        }
        r.region = natural_loop(code, entry.header, entry.jump);
    }
    // What the region touches decides what the trace tracks.
    let mut locals_used = HashSet::new();
    let mut names_used = Vec::new();
    for ins in code.instrs.iter().filter(|i| r.region.contains(&i.index)) {
        match &ins.op {
            Op::LoadFast(n) => {
                locals_used.insert(*n);
            }
            Op::LoadFast2(a, b) => {
                locals_used.extend([*a, *b]);
            }
            Op::StoreFast(n) => {
                locals_used.insert(*n);
                r.written_locals.insert(*n);
            }
            Op::StoreFast2(a, b) => {
                locals_used.extend([*a, *b]);
                r.written_locals.extend([*a, *b]);
            }
            Op::StoreFastLoadFast(a, b) => {
                locals_used.extend([*a, *b]);
                r.written_locals.insert(*a);
            }
            Op::LoadName(n) | Op::LoadGlobal { name: n, .. } => names_used.push(*n),
            Op::StoreName(n) | Op::StoreGlobal(n) => {
                names_used.push(*n);
                r.written_names.insert(code.names.get(*n as usize).cloned().unwrap_or_default());
            }
            _ => {}
        }
    }
    let e = r.t.entry_block();
    let mut state = State {
        ctx: 0,
        locals: vec![Av::Untracked; code.varnames.len()],
        names: Vec::new(),
        stack: Vec::new(),
        callers: Vec::new(),
    };
    let mut locals_sorted: Vec<u32> = locals_used.into_iter().collect();
    locals_sorted.sort();
    if locals_sorted.last().is_some_and(|n| *n as usize >= code.varnames.len()) {
        return abort(entry.header, "a local slot beyond the code's locals");
    }
    for n in locals_sorted {
        let obs = *entry.locals.get(n as usize).unwrap_or(&Observed::Unbound);
        state.locals[n as usize] = r.observe(e, Src::Local(n), obs, entry.header)?;
    }
    for n in names_used {
        let name = code.names.get(n as usize).cloned().unwrap_or_default();
        if r.name_index.contains_key(&name) {
            continue;
        }
        let idx = r.names.len() as u32;
        r.names.push(name.clone());
        r.name_index.insert(name.clone(), idx);
        let obs = r.world.global(&name);
        let av = r.observe(e, Src::Name(idx), obs, entry.header)?;
        state.names.push(av);
    }
    for (d, obs) in entry.stack.iter().enumerate() {
        let av = match obs {
            Observed::RangeIter => {
                let slot = r.t.num_inputs;
                r.checks.push(Check { src: Src::Stack(d as u32), want: Want::RangeIter, input: Some(slot) });
                let mut v = [Value(0); 4];
                for (i, v) in v.iter_mut().enumerate() {
                    *v = r.t.push(e, Type::I64, InstKind::Input { slot: slot + i as u32 });
                }
                r.t.num_inputs += 4;
                Av::RangeIter { entry: Some(d as u32), start: v[0], step: v[1], len: v[2], idx: v[3] }
            }
            _ => Av::Entry(d as u32),
        };
        state.stack.push(av);
    }
    let call = r.edge(entry.header, state)?;
    r.t.set_term(e, Terminator::Jump(call));
    while let Some((pc, b, st)) = r.queue.pop_front() {
        r.run_block(pc, b, st)?;
    }
    // A snapshot cannot hold a tuple (it would lose a stack entry): such a
    // recording, even one whose last block ended right there, is refused.
    if let Some(at) = r.tuple_at_exit {
        return abort(at, "a tuple live at an exit");
    }
    Ok(Recording { trace: r.t, checks: r.checks, names: r.names })
}

/// Successors of an instruction in the bytecode's control flow.
fn successors(i: &Instr) -> Vec<u32> {
    match &i.op {
        Op::Jump(t) => vec![*t],
        Op::PopJumpIf { target, .. } | Op::PopJumpIfNone { target, .. } => vec![i.next, *target],
        Op::ForIter { exhausted } => vec![i.next, *exhausted],
        Op::ReturnValue => vec![],
        _ => vec![i.next],
    }
}

/// The natural loop of the back-edge `jump` → `header`.
fn natural_loop(code: &Code, header: u32, jump: u32) -> HashSet<u32> {
    let mut preds: HashMap<u32, Vec<u32>> = HashMap::new();
    for i in &code.instrs {
        for s in successors(i) {
            preds.entry(s).or_default().push(i.index);
        }
    }
    let mut region = HashSet::from([header]);
    let mut work = vec![jump];
    while let Some(n) = work.pop() {
        if region.insert(n) {
            work.extend(preds.get(&n).into_iter().flatten().copied());
        }
    }
    region
}

impl Recorder<'_, '_> {
    fn code(&self, ctx: u32) -> std::rc::Rc<Code> {
        self.ctxs[ctx as usize].code.clone()
    }

    /// Inside the recorded loop: any pc of an inlined function, and the
    /// loop's own range of its code.
    fn in_region(&self, ctx: u32, pc: u32) -> bool {
        ctx != 0 || self.region.contains(&pc)
    }

    /// Turns an observation at entry into an abstract value, recording the
    /// check the bridge makes before every entry.
    fn observe(&mut self, e: Block, src: Src, obs: Observed, pc: u32) -> R<Av> {
        let (want, ty) = match obs {
            Observed::Int => (Want::Int, Some(Type::I64)),
            Observed::Float => (Want::Float, Some(Type::F64)),
            Observed::Bool => (Want::Bool, Some(Type::Bool)),
            Observed::Unbound => (Want::Unbound, None),
            Observed::NoneVal => {
                let id = self.none_id();
                (Want::Is(id), None)
            }
            Observed::Obj(id, kind) => {
                if let ObjKind::Builtin(bi) = kind {
                    self.builtins.insert(id, bi);
                }
                (Want::Is(id), None)
            }
            Observed::RangeIter => return abort(pc, "a range iterator held in a variable"),
        };
        let av = match (ty, want) {
            (Some(ty), _) => {
                let slot = self.t.num_inputs;
                self.t.num_inputs += 1;
                self.checks.push(Check { src, want, input: Some(slot) });
                return Ok(Av::V(self.t.push(e, ty, InstKind::Input { slot })));
            }
            (None, Want::Unbound) => Av::Unbound,
            (None, Want::Is(id)) => Av::Obj(id),
            _ => unreachable!(),
        };
        self.checks.push(Check { src, want, input: None });
        Ok(av)
    }

    fn none_id(&mut self) -> u32 {
        if let Some(id) = self.none {
            return id;
        }
        let id = self.world.none();
        self.none = Some(id);
        id
    }

    fn shape(&self, av: &Av) -> Shape {
        match av {
            Av::Untracked => Shape::Untracked,
            Av::Unbound => Shape::Unbound,
            Av::Null => Shape::Null,
            Av::V(v) => Shape::V(self.t.ty(*v)),
            Av::Obj(o) => Shape::Obj(*o),
            Av::Entry(d) => Shape::Entry(*d),
            Av::RangeIter { entry, .. } => Shape::RangeIter(*entry),
            Av::Tuple(t) => Shape::Tuple(*t),
        }
    }

    fn shapes(&self, st: &State) -> Vec<Shape> {
        let mut out: Vec<Shape> = st.callers.iter().map(|c| Shape::Frame(c.ctx, c.stack.len())).collect();
        out.push(Shape::Frame(st.ctx, st.stack.len()));
        out.extend(st.avs().map(|a| self.shape(a)));
        out
    }

    /// The values a state passes to a block, in parameter order.
    fn args(st: &State) -> Vec<Value> {
        let mut out = Vec::new();
        for av in st.avs() {
            match av {
                Av::V(v) => out.push(*v),
                Av::RangeIter { start, step, len, idx, .. } => out.extend([*start, *step, *len, *idx]),
                _ => {}
            }
        }
        out
    }

    /// Control reaches `pc` with `st`: a call to the block there, or to an
    /// exit when `pc` leaves the region or the types do not agree.
    fn edge(&mut self, pc: u32, st: State) -> R<BlockCall> {
        if st.avs().any(|a| matches!(a, Av::Tuple(_))) {
            return abort(pc, "a tuple live across a branch or a call");
        }
        if !self.in_region(st.ctx, pc) {
            return Ok(self.exit_call(pc, &st, "loop exit"));
        }
        let shapes = self.shapes(&st);
        if let Some((b, s)) = self.blocks.get(&(st.ctx, pc)) {
            if *s == shapes {
                return Ok(BlockCall { block: *b, args: Self::args(&st) });
            }
            return Ok(self.exit_call(pc, &st, TYPES_DIFFER));
        }
        let mut types = Vec::new();
        for av in st.avs() {
            match av {
                Av::V(v) => types.push(self.t.ty(*v)),
                Av::RangeIter { .. } => types.extend([Type::I64; 4]),
                _ => {}
            }
        }
        let b = self.t.new_block(&types);
        // The block's own state: the same shapes, over its parameters.
        let params = self.t.block(b).params.clone();
        let mut it = params.into_iter();
        let mut inner = st.clone();
        for av in inner.avs_mut() {
            match av {
                Av::V(v) => *v = it.next().unwrap(),
                Av::RangeIter { start, step, len, idx, .. } => {
                    *start = it.next().unwrap();
                    *step = it.next().unwrap();
                    *len = it.next().unwrap();
                    *idx = it.next().unwrap();
                }
                _ => {}
            }
        }
        self.blocks.insert((st.ctx, pc), (b, shapes));
        self.queue.push_back((pc, b, inner));
        Ok(BlockCall { block: b, args: Self::args(&st) })
    }

    /// A snapshot of `st` resuming at `pc`.
    fn snapshot(&mut self, pc: u32, st: &State, reason: &str) -> Exit {
        if st.avs().any(|a| matches!(a, Av::Tuple(_))) {
            self.tuple_at_exit = Some(pc);
        }
        // Inside an inlined call the interpreter redoes the whole call: the
        // callee has no effects (it writes no globals) before this point.
        let (locals, stack, call_pc) = st.outer();
        let pc = call_pc.unwrap_or(pc);
        let mut entries = Vec::new();
        let snap = |av: &Av| -> Option<SnapValue> {
            Some(match av {
                Av::V(v) => SnapValue::Val(*v),
                Av::Obj(o) => SnapValue::Obj(*o),
                Av::Null => SnapValue::Null,
                Av::Entry(d) => SnapValue::EntryStack(*d),
                Av::RangeIter { entry, start, step, len, idx } => SnapValue::RangeIter {
                    obj: *entry,
                    start: *start,
                    step: *step,
                    len: *len,
                    index: *idx,
                },
                Av::Untracked | Av::Unbound => return None,
                // Not materialized at exits: `run_block` gives up.
                Av::Tuple(_) => return None,
            })
        };
        for (n, av) in locals.iter().enumerate() {
            if self.written_locals.contains(&(n as u32))
                && let Some(v) = snap(av)
            {
                entries.push((Place::Local(n as u32), v));
            }
        }
        let written: Vec<u32> = self
            .name_index
            .iter()
            .filter(|(name, _)| self.written_names.contains(*name))
            .map(|(_, idx)| *idx)
            .collect();
        for (i, av) in st.names.iter().enumerate() {
            if written.contains(&(i as u32))
                && let Some(v) = snap(av)
            {
                entries.push((Place::Name(i as u32), v));
            }
        }
        // Stack entries still where they were at entry stay in the frame.
        let mut in_place = true;
        for (d, av) in stack.iter().enumerate() {
            let d = d as u32;
            if in_place && *av == Av::Entry(d) {
                continue;
            }
            if !matches!(av, Av::RangeIter { entry: Some(e), .. } if *e == d) {
                in_place = false;
            }
            if let Some(v) = snap(av) {
                entries.push((Place::Stack(d), v));
            }
        }
        Exit { pc, entries, stack_depth: stack.len() as u32, reason: reason.into() }
    }

    /// A fresh block that leaves the trace with `st` at `pc`.
    fn exit_call(&mut self, pc: u32, st: &State, reason: &str) -> BlockCall {
        let exit = self.snapshot(pc, st, reason);
        let id = self.t.add_exit(exit);
        let b = self.t.new_block(&[]);
        self.t.set_term(b, Terminator::Exit(id));
        BlockCall { block: b, args: vec![] }
    }

    fn exit_here(&mut self, pc: u32, st: &State, reason: &str) -> ExitId {
        let exit = self.snapshot(pc, st, reason);
        self.t.add_exit(exit)
    }

    /// A global name read by code `ctx`: a tracked one, or (inlined
    /// functions only) one read at entry and fixed for the trace.
    fn load_global(&mut self, st: &State, code_idx: u32, pc: u32) -> R<Av> {
        let name = self.code(st.ctx).names.get(code_idx as usize).cloned().unwrap_or_default();
        if let Some(i) = self.name_index.get(&name) {
            return Ok(st.names[*i as usize]);
        }
        if let Some(av) = self.ro_names.get(&name) {
            return Ok(*av);
        }
        let idx = self.names.len() as u32;
        self.names.push(name.clone());
        let obs = self.world.global(&name);
        let e = self.t.entry();
        let av = self.observe(e, Src::Name(idx), obs, pc)?;
        self.ro_names.insert(name, av);
        Ok(av)
    }

    fn pop(st: &mut State, pc: u32) -> R<Av> {
        match st.stack.pop() {
            Some(a) => Ok(a),
            None => abort(pc, "stack underflow"),
        }
    }

    /// Interprets from `pc` in block `b` until control leaves the block.
    fn run_block(&mut self, start: u32, mut b: Block, mut st: State) -> R<()> {
        let mut pc = start;
        let code = self.code(st.ctx);
        let block_start = (st.ctx, start);
        loop {
            if let Some(at) = self.tuple_at_exit {
                return abort(at, "a tuple live at an exit");
            }
            self.recorded += 1;
            if self.recorded > MAX_RECORDED_INSTRS {
                return abort(pc, "the loop body is too large to record");
            }
            if (st.ctx, pc) != block_start && self.blocks.contains_key(&(st.ctx, pc)) || !self.in_region(st.ctx, pc) {
                let call = self.edge(pc, st)?;
                self.t.set_term(b, Terminator::Jump(call));
                return Ok(());
            }
            let Some(pos) = code.position(pc) else {
                return abort(pc, "jump into the middle of an instruction");
            };
            let ins = code.instrs[pos].clone();
            // Labels: a jump target inside the region that is not yet a
            // block becomes one when reached by fallthrough, so each pc has
            // one block and loops close.
            if (st.ctx, pc) != block_start && self.is_jump_target(&code, st.ctx, pc) {
                let call = self.edge(pc, st)?;
                self.t.set_term(b, Terminator::Jump(call));
                return Ok(());
            }
            let pre = st.clone();
            let next = ins.next;
            match &ins.op {
                Op::Nop => {}
                Op::LoadFast(_) | Op::LoadFast2(..) | Op::StoreFast(_) | Op::StoreFast2(..) | Op::StoreFastLoadFast(..) => {
                    let (stores, loads) = match ins.op {
                        Op::LoadFast(n) => (vec![], vec![n]),
                        Op::LoadFast2(a, c) => (vec![], vec![a, c]),
                        Op::StoreFast(n) => (vec![n], vec![]),
                        Op::StoreFast2(a, c) => (vec![a, c], vec![]),
                        Op::StoreFastLoadFast(a, c) => (vec![a], vec![c]),
                        _ => unreachable!(),
                    };
                    for n in stores {
                        let av = Self::pop(&mut st, pc)?;
                        self.check_storable(av, pc)?;
                        st.locals[n as usize] = av;
                    }
                    for n in loads {
                        let av = st.locals[n as usize];
                        if matches!(av, Av::Unbound | Av::Untracked) {
                            // The interpreter raises UnboundLocalError.
                            let call = self.exit_call(pc, &pre, "unbound local");
                            self.t.set_term(b, Terminator::Jump(call));
                            return Ok(());
                        }
                        st.stack.push(av);
                    }
                }
                Op::LoadName(n) | Op::LoadGlobal { name: n, .. } => {
                    let av = self.load_global(&st, *n, pc)?;
                    if matches!(av, Av::Unbound) {
                        let call = self.exit_call(pc, &pre, "unbound name");
                        self.t.set_term(b, Terminator::Jump(call));
                        return Ok(());
                    }
                    if let Op::LoadGlobal { push_null: true, .. } = ins.op {
                        st.stack.push(av);
                        st.stack.push(Av::Null);
                    } else {
                        st.stack.push(av);
                    }
                }
                Op::StoreName(n) | Op::StoreGlobal(n) => {
                    if st.ctx != 0 {
                        return abort(pc, "a called function assigns a global");
                    }
                    let av = Self::pop(&mut st, pc)?;
                    self.check_storable(av, pc)?;
                    let name = &code.names[*n as usize];
                    let slot = self.name_index[name] as usize;
                    st.names[slot] = av;
                }
                Op::LoadConst(c) => {
                    let av = match c {
                        Const::Int(x) => Av::V(self.t.const_i64(b, *x)),
                        Const::Float(x) => Av::V(self.t.const_f64(b, *x)),
                        Const::Bool(x) => Av::V(self.t.const_bool(b, *x)),
                        Const::None => Av::Obj(self.none_id()),
                        Const::Other(_) => return abort(pc, "a constant that is not a number"),
                    };
                    st.stack.push(av);
                }
                Op::LoadAttr { name, method } => {
                    let obj = Self::pop(&mut st, pc)?;
                    let Av::Obj(id) = obj else {
                        return abort(pc, "attribute of a value that is not a known module");
                    };
                    let av = self.attr(&code, id, *name, pc)?;
                    if *method {
                        st.stack.push(av);
                        st.stack.push(Av::Null);
                    } else {
                        st.stack.push(av);
                    }
                }
                Op::PushNull => st.stack.push(Av::Null),
                Op::PopTop | Op::PopIter | Op::EndFor => {
                    Self::pop(&mut st, pc)?;
                }
                Op::Copy(n) => {
                    let len = st.stack.len();
                    let Some(av) = len.checked_sub(*n as usize).map(|i| st.stack[i]) else {
                        return abort(pc, "stack underflow");
                    };
                    st.stack.push(av);
                }
                Op::BuildTuple(n) => {
                    let mut vals = Vec::with_capacity(*n as usize);
                    for _ in 0..*n {
                        let Av::V(v) = Self::pop(&mut st, pc)? else {
                            return abort(pc, "a tuple of something other than numbers");
                        };
                        vals.push(v);
                    }
                    vals.reverse();
                    st.stack.push(self.new_tuple(vals));
                }
                Op::UnpackSequence(n) => {
                    let Av::Tuple(id) = Self::pop(&mut st, pc)? else {
                        return abort(pc, "unpacking something other than a tuple the trace built");
                    };
                    let vals = self.tuples[id as usize].clone();
                    if vals.len() != *n as usize {
                        return abort(pc, "unpacking a tuple of another length");
                    }
                    // The first element ends on top.
                    st.stack.extend(vals.iter().rev().map(|v| Av::V(*v)));
                }
                Op::Swap(n) => {
                    let len = st.stack.len();
                    if (*n as usize) > len || *n == 0 {
                        return abort(pc, "stack underflow");
                    }
                    st.stack.swap(len - 1, len - *n as usize);
                }
                Op::BinaryOp(kind) => {
                    let y = Self::pop(&mut st, pc)?;
                    let x = Self::pop(&mut st, pc)?;
                    let (Av::V(x), Av::V(y)) = (x, y) else {
                        return abort(pc, format!("{kind:?} on values that are not numbers"));
                    };
                    match self.binary(b, *kind, x, y, pc, &pre)? {
                        Some(v) => st.stack.push(Av::V(v)),
                        None => {
                            // Python raises (TypeError): let it.
                            let call = self.exit_call(pc, &pre, "operation raises");
                            self.t.set_term(b, Terminator::Jump(call));
                            return Ok(());
                        }
                    }
                }
                Op::CompareOp { kind, .. } => {
                    let y = Self::pop(&mut st, pc)?;
                    let x = Self::pop(&mut st, pc)?;
                    let (Av::V(x), Av::V(y)) = (x, y) else {
                        return abort(pc, "comparison of values that are not numbers");
                    };
                    let v = self.compare(b, *kind, x, y, pc, &pre)?;
                    st.stack.push(Av::V(v));
                }
                Op::IsOp { invert } => {
                    let y = Self::pop(&mut st, pc)?;
                    let x = Self::pop(&mut st, pc)?;
                    let same = match (x, y) {
                        (Av::Obj(a), Av::Obj(b)) => a == b,
                        (Av::V(_), Av::Obj(_)) | (Av::Obj(_), Av::V(_)) => false,
                        _ => return abort(pc, "`is` between numbers"),
                    };
                    let v = self.t.const_bool(b, same != *invert);
                    st.stack.push(Av::V(v));
                }
                Op::UnaryNegative => {
                    let x = Self::pop(&mut st, pc)?;
                    let Av::V(x) = x else { return abort(pc, "negation of a non-number") };
                    let v = match self.t.ty(x) {
                        Type::F64 => self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FNeg, a: x }),
                        _ => {
                            let x = self.as_int(b, x);
                            let exit = self.exit_here(pc, &pre, "overflow");
                            self.t.push(b, Type::I64, InstKind::CheckedUnary { op: CheckedUnOp::INeg, a: x, exit })
                        }
                    };
                    st.stack.push(Av::V(v));
                }
                Op::UnaryInvert => {
                    let x = Self::pop(&mut st, pc)?;
                    let Av::V(x) = x else { return abort(pc, "~ of a non-number") };
                    if self.t.ty(x) == Type::F64 {
                        let call = self.exit_call(pc, &pre, "operation raises");
                        self.t.set_term(b, Terminator::Jump(call));
                        return Ok(());
                    }
                    let x = self.as_int(b, x);
                    let m1 = self.t.const_i64(b, -1);
                    let v = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IXor, a: x, b: m1 });
                    st.stack.push(Av::V(v));
                }
                Op::UnaryNot | Op::ToBool => {
                    let x = Self::pop(&mut st, pc)?;
                    let v = self.truth(b, x, pc)?;
                    let v = if ins.op == Op::UnaryNot {
                        self.t.push(b, Type::Bool, InstKind::Unary { op: UnOp::BNot, a: v })
                    } else {
                        v
                    };
                    st.stack.push(Av::V(v));
                }
                Op::PopJumpIf { target, when } => {
                    let x = Self::pop(&mut st, pc)?;
                    let c = self.truth(b, x, pc)?;
                    let taken = self.edge(*target, st.clone())?;
                    let fall = self.edge(next, st)?;
                    let (then, els) = if *when { (taken, fall) } else { (fall, taken) };
                    self.t.set_term(b, Terminator::Branch { cond: c, then, els });
                    return Ok(());
                }
                Op::PopJumpIfNone { target, when_none } => {
                    let x = Self::pop(&mut st, pc)?;
                    let none = self.none_id();
                    let is_none = match x {
                        Av::Obj(o) => o == none,
                        Av::V(_) => false,
                        _ => return abort(pc, "`is None` of an unknown object"),
                    };
                    let to = if is_none == *when_none { *target } else { next };
                    let call = self.edge(to, st)?;
                    self.t.set_term(b, Terminator::Jump(call));
                    return Ok(());
                }
                Op::Jump(target) => {
                    // The back-edge of an enclosing loop: let the interpreter
                    // take it, so that loop can get hot and compile too.
                    let call = if *target < pc && !self.in_region(st.ctx, *target) {
                        self.exit_call(pc, &st, "back-edge of an enclosing loop")
                    } else {
                        self.edge(*target, st)?
                    };
                    self.t.set_term(b, Terminator::Jump(call));
                    return Ok(());
                }
                Op::ForIter { exhausted } => {
                    let Some(&Av::RangeIter { entry, start, step, len, idx }) = st.stack.last() else {
                        return abort(pc, "a for loop over something other than range()");
                    };
                    let more = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: idx, b: len });
                    let done = self.edge(*exhausted, st.clone())?;
                    let body = self.t.new_block(&[]);
                    self.t.set_term(b, Terminator::Branch { cond: more, then: BlockCall { block: body, args: vec![] }, els: done });
                    b = body;
                    // Wrapping is exact here: the true value lies in the range.
                    let off = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: idx, b: step });
                    let val = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: start, b: off });
                    let one = self.t.const_i64(b, 1);
                    let idx2 = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: idx, b: one });
                    *st.stack.last_mut().unwrap() = Av::RangeIter { entry, start, step, len, idx: idx2 };
                    st.stack.push(Av::V(val));
                }
                Op::GetIter => {
                    if !matches!(st.stack.last(), Some(Av::RangeIter { entry: None, .. })) {
                        return abort(pc, "iter() of something other than range()");
                    }
                }
                Op::Call(argc) => {
                    let argc = *argc as usize;
                    if st.stack.len() < argc + 2 {
                        return abort(pc, "stack underflow");
                    }
                    let base = st.stack.len() - argc - 2;
                    let (callee, self_or_null) = (st.stack[base], st.stack[base + 1]);
                    if self_or_null != Av::Null {
                        return abort(pc, "a method call");
                    }
                    let Av::Obj(id) = callee else {
                        return abort(pc, "a call of an unknown object");
                    };
                    let Some(builtin) = self.builtin_of(id) else {
                        // A Python function: record its body in a new frame.
                        let Some(f) = self.world.callee(id) else {
                            return abort(pc, "a call to a function that cannot be inlined");
                        };
                        if self.entry.jump == FUNCTION && f.id == self.entry.code_id {
                            let v = self.call_self(b, &st, base, &f, pc, &pre)?;
                            st.stack.truncate(base);
                            st.stack.push(Av::V(v));
                            pc = next;
                            continue;
                        }
                        if st.callers.len() + 1 >= MAX_INLINE_DEPTH {
                            return abort(pc, "calls nested too deeply (recursion?)");
                        }
                        let mut args: Vec<Av> = st.stack[base + 2..].to_vec();
                        let need = f.argcount as usize;
                        let missing = need.saturating_sub(args.len());
                        if args.len() > need || missing > f.defaults.len() {
                            return abort(pc, "a call whose arguments do not match the parameters");
                        }
                        for c in &f.defaults[f.defaults.len() - missing..] {
                            let av = match c {
                                Const::Int(x) => Av::V(self.t.const_i64(b, *x)),
                                Const::Float(x) => Av::V(self.t.const_f64(b, *x)),
                                Const::Bool(x) => Av::V(self.t.const_bool(b, *x)),
                                Const::None => Av::Obj(self.none_id()),
                                Const::Other(_) => return abort(pc, "a default that is not a number"),
                            };
                            args.push(av);
                        }
                        let ctx = self.ctx_for(st.ctx, pc, &f.code);
                        let mut locals = vec![Av::Unbound; f.code.varnames.len()];
                        locals[..args.len()].copy_from_slice(&args);
                        let caller = Suspended {
                            ctx: st.ctx,
                            locals: std::mem::replace(&mut st.locals, locals),
                            stack: std::mem::take(&mut st.stack),
                            call_pc: pc,
                        };
                        st.callers.push(caller);
                        st.ctx = ctx;
                        let start = f.code.instrs.first().map(|i| i.index).unwrap_or(0);
                        let call = self.edge(start, st)?;
                        self.t.set_term(b, Terminator::Jump(call));
                        return Ok(());
                    };
                    let args: Vec<Av> = st.stack.split_off(base + 2);
                    st.stack.truncate(base);
                    match self.call_builtin(b, builtin, &args, pc, &pre)? {
                        Some(av) => st.stack.push(av),
                        None => {
                            let call = self.exit_call(pc, &pre, "call raises");
                            self.t.set_term(b, Terminator::Jump(call));
                            return Ok(());
                        }
                    }
                }
                Op::ReturnValue if !st.callers.is_empty() => {
                    // Back in the caller, after its CALL, with the result.
                    let value = Self::pop(&mut st, pc)?;
                    let caller = st.callers.pop().unwrap();
                    let ccode = self.code(caller.ctx);
                    let Some(cpos) = ccode.position(caller.call_pc) else {
                        return abort(pc, "call site lost");
                    };
                    let Op::Call(argc) = ccode.instrs[cpos].op else {
                        return abort(pc, "call site lost");
                    };
                    let next = ccode.instrs[cpos].next;
                    st.ctx = caller.ctx;
                    st.locals = caller.locals;
                    st.stack = caller.stack;
                    st.stack.truncate(st.stack.len() - argc as usize - 2);
                    st.stack.push(value);
                    let call = self.edge(next, st)?;
                    self.t.set_term(b, Terminator::Jump(call));
                    return Ok(());
                }
                Op::ReturnValue => {
                    let exit = self.exit_here(pc, &pre, "return");
                    // A function trace returns a number: callers of the same
                    // function take it natively.
                    if self.entry.jump == FUNCTION
                        && st.ctx == 0
                        && matches!(st.stack.last(), Some(Av::V(_)))
                        && matches!(self.t.exits[exit.0 as usize].entries.last(), Some((Place::Stack(_), SnapValue::Val(_))))
                    {
                        self.t.returns.push(exit);
                    }
                    let eb = self.t.new_block(&[]);
                    self.t.set_term(eb, Terminator::Exit(exit));
                    self.t.set_term(b, Terminator::Jump(BlockCall { block: eb, args: vec![] }));
                    return Ok(());
                }
                Op::Other(what) => return abort(pc, format!("unsupported instruction {what}")),
            }
            pc = next;
        }
    }

    fn is_jump_target(&self, code: &Code, ctx: u32, pc: u32) -> bool {
        self.blocks.contains_key(&(ctx, pc))
            || code.instrs.iter().any(|i| match i.op {
                Op::Jump(t) | Op::PopJumpIf { target: t, .. } | Op::PopJumpIfNone { target: t, .. } => t == pc,
                Op::ForIter { exhausted } => exhausted == pc,
                _ => false,
            })
    }

    fn check_storable(&self, av: Av, pc: u32) -> R<()> {
        match av {
            Av::V(_) | Av::Obj(_) => Ok(()),
            _ => abort(pc, "storing an iterator, a tuple or a stack object in a variable"),
        }
    }

    /// A call of the function being recorded, from its own body: a native
    /// recursive call into this very trace. Its inputs are the parameters
    /// plus whatever globals this trace read at entry (unchanged: a
    /// function trace that assigns globals does not call itself natively).
    fn call_self(&mut self, b: Block, st: &State, base: usize, f: &Callee, pc: u32, pre: &State) -> R<Value> {
        if st.ctx != 0 || !self.written_names.is_empty() {
            return abort(pc, "a recursive call from an inlined function or one that assigns globals");
        }
        let args = &st.stack[base + 2..];
        if args.len() != f.argcount as usize {
            return abort(pc, "a recursive call with defaults");
        }
        let mut vals = Vec::new();
        let mut slots = Vec::new();
        for check in self.checks.clone() {
            let Some(slot) = check.input else { continue };
            if let Src::Local(n) = check.src
                && (n as usize) < args.len()
            {
                let Av::V(v) = args[n as usize] else {
                    return abort(pc, "a recursive call with an argument that is not a number");
                };
                let want = match check.want {
                    Want::Int => Type::I64,
                    Want::Float => Type::F64,
                    Want::Bool => Type::Bool,
                    _ => return abort(pc, "a recursive call with an unexpected argument"),
                };
                if self.t.ty(v) != want {
                    return abort(pc, "a recursive call whose argument types differ from this one's");
                }
                vals.push(v);
                slots.push(slot);
                continue;
            }
            if matches!(check.src, Src::Local(_) | Src::Stack(_)) {
                return abort(pc, "a recursive call from a frame with more inputs than parameters");
            }
            // A global or attribute read at entry: the same value.
            let input = self.t.block(self.t.entry()).insts.iter().find_map(|i| match i.kind {
                InstKind::Input { slot: s } if s == slot => i.result,
                _ => None,
            });
            let Some(v) = input else { return abort(pc, "an input lost") };
            vals.push(v);
            slots.push(slot);
        }
        let exit = self.exit_here(pc, pre, "the recursive call left native code");
        Ok(self.t.push(b, self.self_result, InstKind::CallSelf { args: vals, slots, exit }))
    }

    /// The context of `code` inlined at `call_pc` of context `parent`.
    fn ctx_for(&mut self, parent: u32, call_pc: u32, code: &std::rc::Rc<Code>) -> u32 {
        if let Some(i) = self.ctxs.iter().position(|c| c.parent == Some((parent, call_pc))) {
            return i as u32;
        }
        self.ctxs.push(Ctx { code: code.clone(), parent: Some((parent, call_pc)) });
        self.ctxs.len() as u32 - 1
    }

    fn attr(&mut self, code: &Code, obj: u32, code_name: u32, pc: u32) -> R<Av> {
        let name = code.names.get(code_name as usize).cloned().unwrap_or_default();
        let idx = match self.names.iter().position(|n| *n == name) {
            Some(i) => i as u32,
            None => {
                self.names.push(name.clone());
                self.names.len() as u32 - 1
            }
        };
        if let Some(av) = self.attr_checks.get(&(obj, idx)) {
            return Ok(*av);
        }
        let obs = self.world.attr(obj, &name);
        if obs == Observed::Unbound {
            return abort(pc, format!("attribute {name} not found"));
        }
        // Attributes are read (and checked) at entry: inputs of the entry block.
        let e = self.t.entry();
        let av = self.observe(e, Src::Attr { obj, name: idx }, obs, pc)?;
        self.attr_checks.insert((obj, idx), av);
        Ok(av)
    }

    fn builtin_of(&self, id: u32) -> Option<Builtin> {
        self.builtins.get(&id).copied()
    }

    // ---- numbers ----

    fn new_tuple(&mut self, vals: Vec<Value>) -> Av {
        self.tuples.push(vals);
        Av::Tuple(self.tuples.len() as u32 - 1)
    }

    fn as_int(&mut self, b: Block, v: Value) -> Value {
        match self.t.ty(v) {
            Type::Bool => self.t.push(b, Type::I64, InstKind::Unary { op: UnOp::BToI, a: v }),
            _ => v,
        }
    }

    fn as_float(&mut self, b: Block, v: Value) -> Value {
        match self.t.ty(v) {
            Type::F64 => v,
            _ => {
                let i = self.as_int(b, v);
                self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::IToF, a: i })
            }
        }
    }

    fn truth(&mut self, b: Block, x: Av, pc: u32) -> R<Value> {
        match x {
            Av::V(v) if self.t.ty(v) == Type::Bool => Ok(v),
            Av::V(v) => Ok(self.t.push(b, Type::Bool, InstKind::Unary { op: UnOp::Truth, a: v })),
            Av::Obj(o) if Some(o) == self.none => Ok(self.t.const_bool(b, false)),
            _ => abort(pc, "truth of an object"),
        }
    }

    /// `x <op> y` on numbers; `None` where Python raises a TypeError.
    fn binary(&mut self, b: Block, kind: BinKind, x: Value, y: Value, pc: u32, pre: &State) -> R<Option<Value>> {
        let (tx, ty) = (self.t.ty(x), self.t.ty(y));
        if tx == Type::Bool && ty == Type::Bool && matches!(kind, BinKind::And | BinKind::Or | BinKind::Xor) {
            let op = match kind {
                BinKind::And => BinOp::BAnd,
                BinKind::Or => BinOp::BOr,
                _ => BinOp::BXor,
            };
            return Ok(Some(self.t.push(b, Type::Bool, InstKind::Binary { op, a: x, b: y })));
        }
        if tx == Type::F64 || ty == Type::F64 {
            let (x, y) = (self.as_float(b, x), self.as_float(b, y));
            let plain = |op| InstKind::Binary { op, a: x, b: y };
            let kind = match kind {
                BinKind::Add => plain(BinOp::FAdd),
                BinKind::Sub => plain(BinOp::FSub),
                BinKind::Mul => plain(BinOp::FMul),
                BinKind::TrueDiv | BinKind::FloorDiv | BinKind::Mod | BinKind::Pow => {
                    let op = match kind {
                        BinKind::TrueDiv => CheckedOp::FDiv,
                        BinKind::FloorDiv => CheckedOp::FFloorDiv,
                        BinKind::Mod => CheckedOp::FMod,
                        _ => CheckedOp::FPow,
                    };
                    let exit = self.exit_here(pc, pre, "float operation raises");
                    InstKind::Checked { op, a: x, b: y, exit }
                }
                BinKind::MatMul | BinKind::Subscr => return abort(pc, format!("{kind:?} on numbers")),
                _ => return Ok(None),
            };
            return Ok(Some(self.t.push(b, Type::F64, kind)));
        }
        let (x, y) = (self.as_int(b, x), self.as_int(b, y));
        let (op, ty) = match kind {
            BinKind::And => return Ok(Some(self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAnd, a: x, b: y }))),
            BinKind::Or => return Ok(Some(self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IOr, a: x, b: y }))),
            BinKind::Xor => return Ok(Some(self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IXor, a: x, b: y }))),
            BinKind::Add => (CheckedOp::IAdd, Type::I64),
            BinKind::Sub => (CheckedOp::ISub, Type::I64),
            BinKind::Mul => (CheckedOp::IMul, Type::I64),
            BinKind::FloorDiv => (CheckedOp::IFloorDiv, Type::I64),
            BinKind::Mod => (CheckedOp::IMod, Type::I64),
            BinKind::Pow => (CheckedOp::IPow, Type::I64),
            BinKind::LShift => (CheckedOp::IShl, Type::I64),
            BinKind::RShift => (CheckedOp::IShr, Type::I64),
            BinKind::TrueDiv => (CheckedOp::ITrueDiv, Type::F64),
            BinKind::MatMul | BinKind::Subscr => return abort(pc, format!("{kind:?} on numbers")),
        };
        let exit = self.exit_here(pc, pre, "int operation overflows or raises");
        Ok(Some(self.t.push(b, ty, InstKind::Checked { op, a: x, b: y, exit })))
    }

    fn compare(&mut self, b: Block, kind: CmpKind, x: Value, y: Value, pc: u32, pre: &State) -> R<Value> {
        let op = match kind {
            CmpKind::Lt => BinOp::Lt,
            CmpKind::Le => BinOp::Le,
            CmpKind::Eq => BinOp::Eq,
            CmpKind::Ne => BinOp::Ne,
            CmpKind::Gt => BinOp::Gt,
            CmpKind::Ge => BinOp::Ge,
        };
        let (tx, ty) = (self.t.ty(x), self.t.ty(y));
        let (x, y) = if tx == ty {
            (x, y)
        } else if tx == Type::F64 || ty == Type::F64 {
            // Python compares int and float exactly; converting is exact
            // only up to 2**53, so larger ints leave the trace.
            for v in [x, y] {
                if self.t.ty(v) != Type::F64 {
                    let i = self.as_int(b, v);
                    let lim = self.t.const_i64(b, 1 << 53);
                    let nlim = self.t.const_i64(b, -(1 << 53));
                    let le = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Le, a: i, b: lim });
                    let ge = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ge, a: i, b: nlim });
                    let ok = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: le, b: ge });
                    let exit = self.exit_here(pc, pre, "int too large to compare with a float");
                    self.t.push_guard(b, ok, true, exit);
                }
            }
            (self.as_float(b, x), self.as_float(b, y))
        } else {
            (self.as_int(b, x), self.as_int(b, y))
        };
        Ok(self.t.push(b, Type::Bool, InstKind::Binary { op, a: x, b: y }))
    }

    fn num(&self, av: &Av) -> Option<Value> {
        match av {
            Av::V(v) => Some(*v),
            _ => None,
        }
    }

    /// A call to a builtin; `None` where Python raises.
    fn call_builtin(&mut self, b: Block, f: Builtin, args: &[Av], pc: u32, pre: &State) -> R<Option<Av>> {
        let vals: Option<Vec<Value>> = args.iter().map(|a| self.num(a)).collect();
        let Some(vals) = vals else {
            return abort(pc, format!("{f:?} of something other than numbers"));
        };
        let tys: Vec<Type> = vals.iter().map(|v| self.t.ty(*v)).collect();
        let one = |n: usize| vals.len() == n;
        let v = match f {
            Builtin::Range => {
                if vals.is_empty() || vals.len() > 3 || tys.contains(&Type::F64) {
                    return Ok(None);
                }
                let ints: Vec<Value> = vals.iter().map(|v| self.as_int(b, *v)).collect();
                let (start, stop, step) = match ints.len() {
                    1 => (self.t.const_i64(b, 0), ints[0], self.t.const_i64(b, 1)),
                    2 => (ints[0], ints[1], self.t.const_i64(b, 1)),
                    _ => (ints[0], ints[1], ints[2]),
                };
                let len = self.range_len(b, start, stop, step, pc, pre);
                let zero = self.t.const_i64(b, 0);
                return Ok(Some(Av::RangeIter { entry: None, start, step, len, idx: zero }));
            }
            Builtin::Abs if one(1) => match tys[0] {
                Type::F64 => self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FAbs, a: vals[0] }),
                _ => {
                    let x = self.as_int(b, vals[0]);
                    let exit = self.exit_here(pc, pre, "overflow");
                    self.t.push(b, Type::I64, InstKind::CheckedUnary { op: CheckedUnOp::IAbs, a: x, exit })
                }
            },
            Builtin::Min | Builtin::Max if vals.len() >= 2 => {
                if tys.iter().any(|t| *t != tys[0]) {
                    return abort(pc, "min/max of mixed types");
                }
                let op = if f == Builtin::Min { BinOp::Lt } else { BinOp::Gt };
                let mut cur = vals[0];
                for &x in &vals[1..] {
                    let (a, c) = if tys[0] == Type::Bool {
                        (self.as_int(b, x), self.as_int(b, cur))
                    } else {
                        (x, cur)
                    };
                    let better = self.t.push(b, Type::Bool, InstKind::Binary { op, a, b: c });
                    cur = self.t.push(b, tys[0], InstKind::Select { cond: better, a: x, b: cur });
                }
                cur
            }
            Builtin::Int if one(1) => match tys[0] {
                Type::F64 => {
                    let exit = self.exit_here(pc, pre, "int() of nan/inf or a big float");
                    self.t.push(b, Type::I64, InstKind::CheckedUnary { op: CheckedUnOp::FToITrunc, a: vals[0], exit })
                }
                _ => self.as_int(b, vals[0]),
            },
            Builtin::Float if one(1) => self.as_float(b, vals[0]),
            Builtin::Bool if one(1) => self.truth(b, Av::V(vals[0]), pc)?,
            // divmod(x, y) is (x // y, x % y) in CPython, for ints and
            // floats alike; an exit redoes the call, which raises.
            Builtin::Divmod if one(2) => {
                let q = self.binary(b, BinKind::FloorDiv, vals[0], vals[1], pc, pre)?;
                let r = self.binary(b, BinKind::Mod, vals[0], vals[1], pc, pre)?;
                let (Some(q), Some(r)) = (q, r) else { return Ok(None) };
                return Ok(Some(self.new_tuple(vec![q, r])));
            }
            // round(x, n) for a float x and an int n: a float.
            Builtin::Round if one(2) && tys[0] == Type::F64 && tys[1] != Type::F64 => {
                let n = self.as_int(b, vals[1]);
                let nf = self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::IToF, a: n });
                let exit = self.exit_here(pc, pre, "round() overflows");
                self.t.push(b, Type::F64, InstKind::Math { f: MathFn::RoundDigits, args: vec![vals[0], nf], exit: Some(exit) })
            }
            // round(x, n) for an int x and a constant n: x for n >= 0, else
            // half to even at 10**-n (an i64 overflow exits: the
            // interpreter makes the big int).
            Builtin::Round if one(2) && tys[0] != Type::F64 && tys[1] != Type::F64 => {
                let x = self.as_int(b, vals[0]);
                let n = self.as_int(b, vals[1]);
                let Some(n) = self.t.const_bits(n).map(|bits| bits as i64) else {
                    return abort(pc, "round(int, n) with n not a constant");
                };
                if n >= 0 {
                    return Ok(Some(Av::V(x)));
                }
                let exit = self.exit_here(pc, pre, "round() of an int overflows");
                let digits = n.unsigned_abs();
                if digits >= 20 {
                    // |x| < 2**63 < 10**20 / 2: always 0.
                    return Ok(Some(Av::V(self.t.const_i64(b, 0))));
                }
                if digits == 19 {
                    // 0 unless |x| > 5 * 10**18, where the result (±10**19)
                    // leaves i64.
                    let half = self.t.const_i64(b, 5_000_000_000_000_000_000);
                    let neg_half = self.t.const_i64(b, -5_000_000_000_000_000_000);
                    let hi = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: x, b: half });
                    let lo = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: x, b: neg_half });
                    let out = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BOr, a: hi, b: lo });
                    self.t.push_guard(b, out, false, exit);
                    return Ok(Some(Av::V(self.t.const_i64(b, 0))));
                }
                let p = self.t.const_i64(b, 10i64.pow(digits as u32));
                let q = self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::IFloorDiv, a: x, b: p, exit });
                let r = self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::IMod, a: x, b: p, exit });
                let two = self.t.const_i64(b, 2);
                let r2 = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: r, b: two });
                let above = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: r2, b: p });
                let tie = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: r2, b: p });
                let one = self.t.const_i64(b, 1);
                let low = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAnd, a: q, b: one });
                let odd = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: low, b: one });
                let tie_odd = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: tie, b: odd });
                let up = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BOr, a: above, b: tie_odd });
                let upi = self.t.push(b, Type::I64, InstKind::Unary { op: UnOp::BToI, a: up });
                // q <= MAX / p, so q + 1 fits.
                let q2 = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: q, b: upi });
                self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::IMul, a: q2, b: p, exit })
            }
            Builtin::Round if one(1) => match tys[0] {
                Type::F64 => {
                    let exit = self.exit_here(pc, pre, "round() of nan/inf or a big float");
                    self.t.push(b, Type::I64, InstKind::CheckedUnary { op: CheckedUnOp::FRoundToI, a: vals[0], exit })
                }
                _ => self.as_int(b, vals[0]),
            },
            Builtin::Floor | Builtin::Ceil | Builtin::Trunc if one(1) => match tys[0] {
                Type::F64 => {
                    let op = match f {
                        Builtin::Floor => CheckedUnOp::FFloorToI,
                        Builtin::Ceil => CheckedUnOp::FCeilToI,
                        _ => CheckedUnOp::FToITrunc,
                    };
                    let exit = self.exit_here(pc, pre, "float to int of nan/inf or a big float");
                    self.t.push(b, Type::I64, InstKind::CheckedUnary { op, a: vals[0], exit })
                }
                _ => self.as_int(b, vals[0]),
            },
            Builtin::IsNan | Builtin::IsInf | Builtin::IsFinite if one(1) => {
                let x = self.as_float(b, vals[0]);
                match f {
                    Builtin::IsNan => self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: x, b: x }),
                    _ => {
                        let ax = self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FAbs, a: x });
                        let inf = self.t.const_f64(b, f64::INFINITY);
                        let op = if f == Builtin::IsInf { BinOp::Eq } else { BinOp::Lt };
                        self.t.push(b, Type::Bool, InstKind::Binary { op, a: ax, b: inf })
                    }
                }
            }
            Builtin::Math(mf) if vals.len() == mf.arity() => {
                let args: Vec<Value> = vals.iter().map(|v| self.as_float(b, *v)).collect();
                let exit = self.exit_here(pc, pre, "math domain or range error");
                self.t.push(b, Type::F64, InstKind::Math { f: mf, args, exit: Some(exit) })
            }
            _ => return abort(pc, format!("{f:?} with these arguments")),
        };
        Ok(Some(Av::V(v)))
    }

    /// len(range(start, stop, step)), leaving the trace where Python
    /// raises (step 0) or i64 cannot hold the distance.
    fn range_len(&mut self, b: Block, start: Value, stop: Value, step: Value, pc: u32, pre: &State) -> Value {
        let zero = self.t.const_i64(b, 0);
        let one = self.t.const_i64(b, 1);
        let nonzero = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: step, b: zero });
        let exit = self.exit_here(pc, pre, "range() arguments raise or overflow");
        self.t.push_guard(b, nonzero, true, exit);
        let pos = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: step, b: zero });
        let lo = self.t.push(b, Type::I64, InstKind::Select { cond: pos, a: start, b: stop });
        let hi = self.t.push(b, Type::I64, InstKind::Select { cond: pos, a: stop, b: start });
        let neg = self.t.push(b, Type::I64, InstKind::CheckedUnary { op: CheckedUnOp::INeg, a: step, exit });
        let astep = self.t.push(b, Type::I64, InstKind::Select { cond: pos, a: step, b: neg });
        let nonempty = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: hi, b: lo });
        // Only evaluated meaningfully when hi > lo; clamp so it cannot exit otherwise.
        let hi2 = self.t.push(b, Type::I64, InstKind::Select { cond: nonempty, a: hi, b: lo });
        let dist = self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::ISub, a: hi2, b: lo, exit });
        let dm1 = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::ISubWrap, a: dist, b: one });
        let q = self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::IFloorDiv, a: dm1, b: astep, exit });
        let n = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: q, b: one });
        self.t.push(b, Type::I64, InstKind::Select { cond: nonempty, a: n, b: zero })
    }
}
