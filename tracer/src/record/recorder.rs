//! The recorder itself: its limits, the `Recorder` every other file of
//! `record/` adds methods to, its construction, what a bytecode handler
//! is given (`At`) and gives back (`Flow`), and the small helpers they all
//! share (code contexts, the stack, `None`, new tuples and iterators, the
//! lists the trace holds, what a variable may hold).

use super::state::{ArrInfo, Av, ListInfo, ListSrc, Shape, State};
use super::world::{Abort, Check, Entry, KeyLayout, ObjLayout, Src, World};
use crate::bytecode::{Builtin, Code, Elem, Instr};
use pyjit_ir::{Block, IterKind, Trace, Type, Value};
use std::collections::{HashMap, HashSet, VecDeque};

/// How deep calls are inlined, and how much bytecode one recording reads.
pub(super) const MAX_INLINE_DEPTH: usize = 8;
pub(super) const MAX_RECORDED_INSTRS: usize = 20_000;
/// How many blocks one recording makes: past that, versions of the body
/// multiply (every join of a different combination of kinds), and
/// compiling costs more than the loop can win back.
pub(super) const MAX_BLOCKS: usize = 300;

/// Why a recording past `MAX_BLOCKS` or `MAX_RECORDED_INSTRS` stops.
pub(super) const TOO_LARGE: &str = "the loop body is too large to record";

/// Blocks recorded at one pc for different types of its values.
pub(super) const MAX_VERSIONS: usize = 6;

/// A code context: the loop's own code (0) or a function inlined at a call
/// site of another context.
pub(super) struct Ctx {
    pub(super) code: std::rc::Rc<Code>,
    pub(super) parent: Option<(u32, u32)>,
    /// The code object of an inlined function (its object id).
    pub(super) code_obj: Option<u32>,
    /// Its closure cells (object ids).
    pub(super) cells: Vec<u32>,
    /// Another module's globals dict (object id) it reads names from.
    pub(super) globals: Option<u32>,
}

pub(super) struct Recorder<'a, 'w> {
    pub(super) entry: &'a Entry<'a>,
    pub(super) world: &'w mut dyn World,
    pub(super) t: Trace,
    pub(super) checks: Vec<Check>,
    pub(super) names: Vec<String>,
    /// Tracked global names (read or written by the loop's own code).
    pub(super) name_index: HashMap<String, u32>,
    /// Globals only inlined functions read: fixed for the whole trace.
    pub(super) ro_names: HashMap<String, Av>,
    pub(super) ctxs: Vec<Ctx>,
    /// The blocks recorded at each pc, one per combination of shapes.
    pub(super) blocks: HashMap<(u32, u32), Vec<(Block, Vec<Shape>)>>,
    /// How many of those versions a switch on classes made (one per
    /// class, not counted against `MAX_VERSIONS`).
    pub(super) switch_versions: HashMap<(u32, u32), usize>,
    pub(super) queue: VecDeque<(u32, Block, State)>,
    /// Locals and names the region stores to.
    pub(super) written_locals: HashSet<u32>,
    pub(super) written_names: HashSet<String>,
    /// The loop: instructions of the loop's own code that reach the
    /// back-edge without passing the header (3.14 lays loops out in pieces,
    /// so a pc range is not enough).
    pub(super) region: HashSet<u32>,
    /// Lists made as `[x] * n` (their address: x, n) and displays of rows
    /// (their address: the rows'), for np.array of them.
    pub(super) fills: HashMap<Value, (Value, Value)>,
    pub(super) displays: HashMap<Value, Vec<Value>>,
    /// Array methods looked up (`a.sum`): numpy.ndarray's function (its
    /// id), its `NP_REDUCTIONS` number.
    pub(super) arr_methods: HashMap<u32, u8>,
    /// Where the loop's own locals are dead (forgotten at joins).
    pub(super) liveness: crate::liveness::Liveness,
    pub(super) recorded: usize,
    /// The assumed result type of recursive self-calls.
    pub(super) self_result: Type,
    pub(super) attr_checks: HashMap<(u32, u32), Av>,
    pub(super) builtins: HashMap<u32, Builtin>,
    pub(super) none: Option<u32>,
    /// `World::init_resumer`, asked at the first constructor inlined: the
    /// callable an exit leaves where the class was.
    pub(super) init_resumer: Option<u32>,
    /// The elements of each `Av::Tuple` (never allocated: an exit makes
    /// it), and the element shapes of tuples as blocks see them
    /// (`Shape::Tuple`, interned).
    pub(super) tuples: Vec<Vec<Av>>,
    /// For a tuple read out of a list: the tuple object's address (an exit
    /// hands back that very object).
    pub(super) tuple_obj: Vec<Option<Value>>,
    pub(super) tuple_shapes: Vec<(Vec<Shape>, bool)>,
    pub(super) arrays: Vec<ArrInfo>,
    pub(super) lists: Vec<ListInfo>,
    /// Iterator structures with the lists they walk (in `IterKind`
    /// order), and iterator states: the values in that order, then the
    /// address of each row it walks.
    pub(super) iter_shapes: Vec<(IterKind, Vec<ListSrc>)>,
    pub(super) iter_states: Vec<Vec<Value>>,
    /// Arrays and lists checked at entry so far (numbers `SnapValue::EntryObj`).
    pub(super) entry_arrays: u32,
    /// Where an exit would have to redo a store into an array or a list
    /// (recording given up).
    pub(super) redo_store_at: Option<u32>,
    /// Native instructions `objects::weight` leaves out: those beyond one
    /// per int read from its object (`unbox_int`; such a read counts as
    /// one operation, as it did when it was a runtime call), and the reads
    /// of the count of watched writes (`rechecks::count_writes`).
    pub(super) int_read_extra: usize,
    pub(super) layout: Option<ObjLayout>,
    /// Classes whose version the entry checks.
    pub(super) versioned: HashSet<u32>,
    /// Whether a list is read directly (`Recording::single_thread`).
    pub(super) reads_lists: bool,
    /// Each class's key layout (`World::inst_keys`), its index in
    /// `key_layouts`, asked once.
    pub(super) class_keys: HashMap<u32, Option<u32>>,
    pub(super) key_layouts: Vec<KeyLayout>,
    /// Instances the trace made (`NewInstance` results) that no list
    /// holds: no other value the trace holds is one of them.
    pub(super) fresh: HashSet<Value>,
    /// Slices the trace made (`SliceNew` results): their start, stop and
    /// step, which list slicing takes instead of the object (the object
    /// itself sinks into the exits that hold it).
    pub(super) slices: HashMap<Value, [Value; 3]>,
    /// Objects of unknown class read out of tuples (`Elem::Any`): another
    /// object holds them, so `hold_borrowed` keeps them alive.
    pub(super) borrowed: HashSet<Value>,
    /// Where an object-mode operation that may run Python code ended
    /// (block, instruction index, an exit resuming after it): the globals
    /// the trace read at entry are checked there once recording ends
    /// (`rechecks::recheck_entry_reads`).
    pub(super) python_sites: Vec<PythonSite>,
    /// The count of watched writes read before the object-mode operation
    /// being recorded (`PythonSite::before`).
    pub(super) writes_before: Option<pyjit_ir::Value>,
    /// The value each global the loop assigns was last read back as
    /// (`reload_globals`): while its register still holds that very value,
    /// the dict holds it too and needs no store.
    pub(super) synced: HashMap<usize, Value>,
    /// One-element list displays: the block that made each and its element.
    pub(super) singletons: HashMap<Value, (Block, Value)>,
    /// The list methods looked up (by object id), by name.
    pub(super) list_methods: HashMap<u32, String>,
    /// Names read from other modules' globals (dict id, name).
    pub(super) foreign_names: HashMap<(u32, String), Av>,
    /// The dicts checked at entry: address, the number type of their
    /// values when recorded, `SnapValue::EntryObj` number.
    pub(super) dicts: Vec<(Value, Option<Type>, u32)>,
    /// Calls deeper than this go through the VM (`MAX_INLINE_DEPTH`, or
    /// less for a loop too large to record with every call inlined).
    pub(super) max_inline: usize,
    /// `dict.get` (its object id), once looked up.
    pub(super) dict_get: Option<u32>,
    /// The names of each keyword-names tuple (by object id).
    pub(super) kwnames: HashMap<u32, Vec<String>>,
    /// Cell contents read (at entry), by where.
    pub(super) cells: HashMap<Src, Av>,
    /// The number type each attribute (of a class) was stored with by the
    /// trace (`None`: more than one).
    pub(super) stored: HashMap<(u32, String), Option<Type>>,
    /// The first operation left to the interpreter (`leave`), and whether
    /// some path reaches the loop's header again.
    pub(super) left: Option<Abort>,
    pub(super) closes: bool,
}

/// The instruction a bytecode handler records: its pc, where it falls
/// through to, its code, and the state before it (which its exits
/// snapshot).
pub(super) struct At<'a> {
    pub(super) pc: u32,
    pub(super) next: u32,
    pub(super) code: &'a Code,
    pub(super) pre: &'a State,
    pub(super) ins: &'a Instr,
}

/// What a bytecode handler leaves `run_block` to do.
pub(super) enum Flow {
    /// Go on with the next instruction, in this block (the instruction
    /// may have ended the one it began in and started another).
    Next(Block),
    /// The block is ended: a jump, a branch, an exit, an inlined call.
    Done,
}

pub(super) type R<T> = Result<T, Abort>;

pub(super) fn abort<T>(pc: u32, reason: impl Into<String>) -> R<T> {
    Err(Abort { pc, reason: reason.into() })
}

impl<'a, 'w> Recorder<'a, 'w> {
    /// A recorder of the loop (or function) `entry` describes, nothing
    /// recorded yet.
    pub(super) fn new(entry: &'a Entry<'a>, world: &'w mut dyn World, self_result: Type, max_inline: usize) -> Self {
        let code = entry.code;
        let mut r = Recorder {
            entry,
            world,
            t: Trace::new(format!("{}:{}", code.name, entry.header)),
            checks: Vec::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            ro_names: HashMap::new(),
            ctxs: vec![Ctx { code: std::rc::Rc::new(code.clone()), parent: None, code_obj: None, cells: Vec::new(), globals: None }],
            blocks: HashMap::new(),
            switch_versions: HashMap::new(),
            queue: VecDeque::new(),
            written_locals: HashSet::new(),
            written_names: HashSet::new(),
            attr_checks: HashMap::new(),
            builtins: HashMap::new(),
            none: None,
            init_resumer: None,
            tuples: Vec::new(),
            tuple_shapes: Vec::new(),
            tuple_obj: Vec::new(),
            arrays: Vec::new(),
            lists: Vec::new(),
            iter_shapes: Vec::new(),
            iter_states: Vec::new(),
            entry_arrays: 0,
            redo_store_at: None,
            int_read_extra: 0,
            layout: None,
            versioned: HashSet::new(),
            reads_lists: false,
            class_keys: HashMap::new(),
            key_layouts: Vec::new(),
            kwnames: HashMap::new(),
            singletons: HashMap::new(),
            list_methods: HashMap::new(),
            foreign_names: HashMap::new(),
            dicts: Vec::new(),
            max_inline,
            dict_get: None,
            fresh: HashSet::new(),
            slices: HashMap::new(),
            borrowed: HashSet::new(),
            python_sites: Vec::new(),
            writes_before: None,
            synced: HashMap::new(),
            cells: HashMap::new(),
            stored: HashMap::new(),
            left: None,
            closes: false,
            region: HashSet::new(),
            liveness: crate::liveness::Liveness::compute(code),
            fills: HashMap::new(),
            arr_methods: HashMap::new(),
            displays: HashMap::new(),
            recorded: 0,
            self_result,
        };
        r.layout = r.world.layout();
        r
    }
}

/// Where an operation that may have run Python code ended: at instruction
/// `at` of `block`, rechecks leave by `exit` (`rechecks.rs`).
#[derive(Clone, Copy, Debug)]
pub(super) struct PythonSite {
    pub block: Block,
    pub at: usize,
    pub exit: pyjit_ir::ExitId,
    /// The VM's count of watched writes, read just before the operation.
    pub before: Option<pyjit_ir::Value>,
}

impl Recorder<'_, '_> {
    pub(super) fn code(&self, ctx: u32) -> std::rc::Rc<Code> {
        self.ctxs[ctx as usize].code.clone()
    }

    /// Inside the recorded loop: any pc of an inlined function, and the
    /// loop's own range of its code.
    pub(super) fn in_region(&self, ctx: u32, pc: u32) -> bool {
        ctx != 0 || self.region.contains(&pc)
    }

    pub(super) fn none_id(&mut self) -> u32 {
        if let Some(id) = self.none {
            return id;
        }
        let id = self.world.none();
        self.none = Some(id);
        id
    }

    /// None's address, a constant of the entry block (which every block
    /// sees): what `x is None` compares an object of any class with.
    pub(super) fn none_addr(&mut self) -> Option<Value> {
        let none = self.none_id();
        let addr = self.world.obj_addr(none)?;
        let e = self.t.entry();
        Some(self.t.const_i64(e, addr as i64))
    }

    pub(super) fn pop(st: &mut State, pc: u32) -> R<Av> {
        match st.stack.pop() {
            Some(a) => Ok(a),
            None => abort(pc, "stack underflow"),
        }
    }

    pub(super) fn builtin_of(&self, id: u32) -> Option<Builtin> {
        self.builtins.get(&id).copied()
    }

    /// An iterator value (shapes interned, so equal structures over the
    /// same lists agree at joins).
    pub(super) fn new_iter(&mut self, entry: Option<u32>, kind: IterKind, lists: Vec<ListSrc>, vals: Vec<Value>) -> Av {
        let key = (kind, lists);
        let shape = match self.iter_shapes.iter().position(|s| *s == key) {
            Some(i) => i,
            None => {
                self.iter_shapes.push(key);
                self.iter_shapes.len() - 1
            }
        } as u32;
        self.iter_states.push(vals);
        Av::Iter { entry, shape, state: self.iter_states.len() as u32 - 1 }
    }

    pub(super) fn new_tuple(&mut self, vals: Vec<Av>) -> Av {
        self.tuples.push(vals);
        self.tuple_obj.push(None);
        Av::Tuple(self.tuples.len() as u32 - 1)
    }

    /// A list the trace holds (one checked at entry, or a row): its
    /// address and what its elements were seen to be.
    pub(super) fn list_of(&self, av: Av) -> Option<(Value, Option<Elem>)> {
        match av {
            Av::List(k) => Some((self.lists[k as usize].obj, self.lists[k as usize].elem)),
            Av::Row { obj, elem } => Some((obj, Some(Elem::Num(elem)))),
            Av::Rows { obj, elem } => Some((obj, Some(Elem::Rows(elem)))),
            _ => None,
        }
    }

    pub(super) fn check_storable(&self, av: Av, pc: u32) -> R<()> {
        match av {
            Av::V(_) | Av::Obj(_) | Av::Np(_) | Av::NpS(..) | Av::Complex(..) | Av::Dict(_) | Av::BoundList { .. } => Ok(()),
            Av::Arr(k) if self.arrays[k as usize].entry_obj.is_some() => Ok(()),
            Av::List(_) | Av::Row { .. } | Av::Rows { .. } | Av::Inst { .. } | Av::Slice(_) | Av::Ref(_) => Ok(()),
            Av::Arr(k) if !self.arrays[k as usize].stack_view() => Ok(()),
            Av::Tuple(t) => self.tuples[t as usize].iter().try_for_each(|e| self.check_storable(*e, pc)),
            Av::Arr(_) => abort(pc, "a row of an array stored in a variable"),
            _ => abort(pc, "storing an iterator or a stack object in a variable"),
        }
    }
}
