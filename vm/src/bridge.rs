//! The bridge between a live frame and a compiled loop: entry checks and
//! unboxing into the state buffer, the native call, and at an exit the
//! frame rebuilt from the snapshot (re-boxed locals, names and stack
//! entries), so the interpreter resumes as if it had run the loop itself.

use pyjit_arrays::{dtype_of, mem_of};
use crate::feedback::Noted;
use crate::objects::{bound_list_method, cell_get, lookup_global, entry_attr, scalar_kind};
use pyjit_arrays::{DType, Scalar};
use pyjit_ir::{IterKind, Place, SnapValue, Type};
use pyjit_tracer::bytecode::Observed;
use pyjit_tracer::{Check, Recording, Src, Want};
use rustpython_vm::builtins::{PyCode, PyFloat, PyInt, PyStrInterned, PyTuple};
use rustpython_vm::frame::jit_hook::{self, BackEdge};
use rustpython_vm::{AsObject, Py, PyObjectRef, PyResult, VirtualMachine};
use std::cell::Cell;

/// How one snapshot entry becomes an object again.
#[derive(Clone, Debug)]
enum Boxing {
    Int(usize),
    Float(usize),
    Bool(usize),
    /// numpy scalars of these types.
    NpFloat(usize),
    NpInt(usize),
    NpBool(usize),
    /// The k-th array checked at entry.
    EntryObj(u32),
    Obj(u32),
    Null,
    EntryStack(u32),
    /// Slots start, step, len, index.
    RangeIter { entry: Option<u32>, slot: usize },
    /// Slots start, stop, step.
    Range(usize),
    /// Slots start, stop, step.
    Slice(usize),
    /// An iterator over lists: `n` state slots from `slot`, its lists (by
    /// entry object number, or `None` for a row whose address follows).
    Iter { entry: Option<u32>, kind: IterKind, lists: Vec<Option<u32>>, slot: usize, n: usize },
    /// The object whose address is in this slot (a row the trace read).
    ObjAt(usize),
    /// A tuple, a list of these.
    Tuple(Vec<Boxing>),
    List(Vec<Boxing>),
    /// An iterator over this tuple, the slot's count of items taken.
    TupleIter { tuple: Box<Boxing>, slot: usize },
    /// A complex number: its real part in this slot, its imaginary part next.
    Complex(usize),
    /// `[item] * n`, `n` in the slot.
    Repeat { item: Box<Boxing>, slot: usize },
    /// A numpy scalar of a small dtype, widened in the slot.
    NpSmall(usize, pyjit_ir::MemTy),
    /// An iterator over the `arr`-th array checked at entry, its index in
    /// the slot: the entry stack's iterator moved, or a new one.
    /// Over `arr` (or its view by the `view` indices after the index).
    ArrIter { entry: Option<u32>, arr: u32, slot: usize, view: usize },
    /// `a[i, j, ...]` of the `arr`-th array checked at entry, `n` indices
    /// from `slot`.
    ArrView { arr: u32, slot: usize, n: usize },
    /// An array in a scratch buffer: its address at `slot`, then its `n`
    /// dimensions.
    ArrBuf { mem: pyjit_ir::MemTy, slot: usize, n: usize },
}

#[derive(Debug)]
struct ExitPlan {
    pc: u32,
    /// Left because a value's type differs from the compiled path's.
    unstable: bool,
    /// Left at an operation the trace leaves to the interpreter.
    left: bool,
    /// Left for an object of a class the trace has no path for (on top of
    /// the innermost frame's stack), which the site's next recording gets.
    receiver: bool,
    /// Left for code the interpreter had not run when the trace was
    /// recorded: the site records again, with that path.
    cold: bool,
    /// Left for an operand (or attribute) of another type than recorded:
    /// the site records again, with that operation on objects.
    operand: bool,
    /// At an object-mode operation (`RAISED`): it raised, or it did
    /// nothing and leaves it to the interpreter.
    vm_op: bool,
    stack_depth: u32,
    entries: Vec<(Place, Boxing)>,
    /// For `--jit-stats`: why the trace leaves here, and how many runs did.
    reason: String,
    taken: Cell<u64>,
}

/// A compiled loop variant: what it expects at entry and how it leaves.
pub struct Compiled {
    checks: Vec<Check>,
    names: Vec<String>,
    /// `names` interned, for lookups at entry.
    keys: Vec<&'static PyStrInterned>,
    objects: Vec<PyObjectRef>,
    entry: unsafe extern "C" fn(*mut u64) -> u32,
    exits: Vec<ExitPlan>,
    state_len: usize,
    /// The iterator structures `Want::Iter` names.
    iters: Vec<IterKind>,
    /// Keeps what other threads see in registers, or reads lists without
    /// their lock: entered only while no other thread runs
    /// (`Recording::single_thread`).
    pub(crate) single_thread: bool,
    /// The dict key layouts instance checks name (`Recording::inst_keys`).
    inst_keys: Vec<pyjit_tracer::KeyLayout>,
    runs: Cell<u64>,
}

pub struct EntryState {
    buf: Vec<u64>,
    entry_stack: Vec<Option<PyObjectRef>>,
    /// The arrays checked at entry, in check order (kept alive while the
    /// native code reads and writes their buffers).
    arrays: Vec<PyObjectRef>,
    /// For each iterator over lists the frame held at entry (by stack
    /// depth): its list iterators, which exits move.
    iters: Vec<(u32, Vec<PyObjectRef>)>,
    /// The objects an exit made of scratch buffers, by buffer address:
    /// every place holding one buffer gets one object (aliases stay one).
    bufs: Vec<(u64, PyObjectRef)>,
}

impl Compiled {
    pub fn new(rec: Recording, objects: Vec<PyObjectRef>, entry: unsafe extern "C" fn(*mut u64) -> u32, vm: &VirtualMachine) -> Compiled {
        let keys = rec.names.iter().map(|n| vm.ctx.intern_str(n.as_str())).collect();
        let t = &rec.trace;
        let mut state_len = t.num_inputs as usize;
        let exits = t
            .exits
            .iter()
            .map(|e| {
                let mut slot = 0usize;
                let entries = e
                    .entries
                    .iter()
                    .map(|(place, v)| {
                        let b = boxing(t, v, &mut slot);
                        (*place, b)
                    })
                    .collect();
                state_len = state_len.max(slot);
                let unstable = e.reason == pyjit_tracer::record::TYPES_DIFFER;
                let left = e.reason == pyjit_tracer::record::LEFT_TO_INTERPRETER;
                let receiver = e.reason == pyjit_tracer::record::RECEIVER_CLASS;
                let cold = e.reason == pyjit_tracer::record::COLD_PATH;
                let operand = e.reason == pyjit_tracer::record::OPERAND_TYPE || e.reason == pyjit_tracer::record::FIELD_TYPE;
                let vm_op = e.reason == pyjit_tracer::record::RAISED;
                ExitPlan { pc: e.pc, unstable, left, receiver, cold, operand, vm_op, stack_depth: e.stack_depth, entries, reason: e.reason.clone(), taken: Cell::new(0) }
            })
            .collect();
        Compiled { checks: rec.checks, names: rec.names, keys, objects, entry, exits, state_len: state_len.max(1), iters: rec.iters, single_thread: rec.single_thread, inst_keys: rec.inst_keys, runs: Cell::new(0) }
    }

    /// How many times its native code ran.
    pub(crate) fn runs(&self) -> u64 {
        self.runs.get()
    }

    /// The exits runs took, most taken first: the code they leave in (the
    /// innermost inlined call's, or `None` for the loop's own), the
    /// instruction, why, how many times.
    pub(crate) fn exits_taken(&self) -> Vec<(Option<&Py<PyCode>>, u32, &str, u64)> {
        let mut out: Vec<_> = self
            .exits
            .iter()
            .filter(|e| e.taken.get() > 0)
            .map(|e| {
                let frame = e.entries.iter().rev().find_map(|(p, _)| match p {
                    Place::Frame { code, pc } => Some((*code, *pc)),
                    _ => None,
                });
                let (code, pc) = match frame {
                    Some((code, pc)) => (self.objects[code as usize].downcast_ref::<PyCode>(), pc),
                    None => (None, e.pc),
                };
                (code, pc, e.reason.as_str(), e.taken.get())
            })
            .collect();
        out.sort_by_key(|e| std::cmp::Reverse(e.3));
        out
    }
}

/// How the exit value `v` is boxed from the state buffer, whose next slot
/// is `slot` (advanced past what `v` takes).
fn boxing(t: &pyjit_ir::Trace, v: &SnapValue, slot: &mut usize) -> Boxing {
    let mut take = |n: usize| {
        *slot += n;
        *slot - n
    };
    match v {
        SnapValue::Val(v) => match t.ty(*v) {
            Type::I64 => Boxing::Int(take(1)),
            Type::F64 => Boxing::Float(take(1)),
            Type::Bool => Boxing::Bool(take(1)),
        },
        SnapValue::Np(v) => match t.ty(*v) {
            Type::I64 => Boxing::NpInt(take(1)),
            Type::F64 => Boxing::NpFloat(take(1)),
            Type::Bool => Boxing::NpBool(take(1)),
        },
        SnapValue::NpSmall(_, m) => Boxing::NpSmall(take(1), *m),
        SnapValue::ArrIter { obj, arr, view, .. } => Boxing::ArrIter { entry: *obj, arr: *arr, slot: take(1 + view.len()), view: view.len() },
        SnapValue::ArrView { arr, index } => Boxing::ArrView { arr: *arr, slot: take(index.len()), n: index.len() },
        SnapValue::ArrBuf { mem, shape, .. } => Boxing::ArrBuf { mem: *mem, slot: take(1 + shape.len()), n: shape.len() },
        SnapValue::EntryObj(k) => Boxing::EntryObj(*k),
        SnapValue::Obj(o) => Boxing::Obj(*o),
        SnapValue::Null => Boxing::Null,
        SnapValue::EntryStack(d) => Boxing::EntryStack(*d),
        SnapValue::RangeIter { obj, .. } => Boxing::RangeIter { entry: *obj, slot: take(4) },
        SnapValue::Range { .. } => Boxing::Range(take(3)),
        SnapValue::Slice { .. } => Boxing::Slice(take(3)),
        SnapValue::ObjAt(_) => Boxing::ObjAt(take(1)),
        SnapValue::Iter { obj, kind, lists, vals } => {
            Boxing::Iter { entry: *obj, kind: kind.clone(), lists: lists.clone(), slot: take(vals.len()), n: kind.num_values() }
        }
        SnapValue::Tuple(items) => Boxing::Tuple(items.iter().map(|i| boxing(t, i, slot)).collect()),
        SnapValue::List(items) => Boxing::List(items.iter().map(|i| boxing(t, i, slot)).collect()),
        SnapValue::Complex(..) => Boxing::Complex(take(2)),
        SnapValue::TupleIter { tuple, .. } => {
            let tuple = Box::new(boxing(t, tuple, slot));
            *slot += 1;
            Boxing::TupleIter { tuple, slot: *slot - 1 }
        }
        SnapValue::Repeat { item, .. } => {
            let item = Box::new(boxing(t, item, slot));
            *slot += 1;
            Boxing::Repeat { item, slot: *slot - 1 }
        }
    }
}

/// The object `src` names; `got` holds what the checks before read (a
/// tuple's items are read from the tuple its check read).
fn read_src(c: &Compiled, src: &Src, got: &[Option<PyObjectRef>], edge: &mut BackEdge<'_, '_>, vm: &VirtualMachine) -> Option<PyObjectRef> {
    match src {
        Src::Item(check, k) => got.get(*check as usize)?.as_ref()?.downcast_ref::<PyTuple>()?.get(*k as usize).cloned(),
        Src::SelfOf(check) => got.get(*check as usize)?.as_ref()?.get_attr("__self__", vm).ok(),
        Src::Local(n) => edge.fastlocals().get(*n as usize).cloned().flatten(),
        Src::Name(i) => lookup_global(edge.globals(), edge.builtins(), c.keys[*i as usize], vm),
        Src::GlobalIn { dict, name } => {
            lookup_global(c.objects.get(*dict as usize)?.downcast_ref::<rustpython_vm::builtins::PyDict>()?, edge.builtins(), c.keys[*name as usize], vm)
        }
        Src::Stack(d) => edge.stack_get(*d as usize).map(|o| o.to_owned()),
        Src::Attr { obj, name } => entry_attr(&c.objects[*obj as usize], &c.names[*name as usize], vm),
        Src::Object(id) => c.objects.get(*id as usize).cloned(),
        Src::Cell(id) => cell_get(c.objects.get(*id as usize)?, vm),
        Src::LocalCell(i) => cell_get(&*edge.fastlocals().get(*i as usize).cloned().flatten()?, vm),
    }
}

thread_local! {
    /// The state buffers of native runs that ended, for the next entries
    /// (a short loop entered from every call of its function).
    static BUFFERS: std::cell::RefCell<Vec<Vec<u64>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A zeroed state buffer of `len` slots.
fn state_buffer(len: usize) -> Vec<u64> {
    let mut b = BUFFERS.with(|p| p.borrow_mut().pop()).unwrap_or_default();
    b.clear();
    b.resize(len, 0);
    b
}

impl Drop for EntryState {
    fn drop(&mut self) {
        let b = std::mem::take(&mut self.buf);
        BUFFERS.with(|p| {
            let mut p = p.borrow_mut();
            if p.len() < 16 && b.capacity() <= 4096 {
                p.push(b);
            }
        });
    }
}

/// Checks the frame against the variant's expectations and unboxes its
/// inputs; `None` if this variant does not fit the frame now.
pub fn enter(c: &Compiled, edge: &mut BackEdge<'_, '_>, vm: &VirtualMachine) -> Option<EntryState> {
    // Another thread could resize a list under the native reads.
    if c.single_thread && vm.state.thread_count.load() != 0 {
        return None;
    }
    let mut buf = state_buffer(c.state_len);
    let mut arrays = Vec::new();
    let mut iters = Vec::new();
    let mut got: Vec<Option<PyObjectRef>> = Vec::with_capacity(c.checks.len());
    for check in &c.checks {
        let o = read_src(c, &check.src, &got, edge, vm);
        got.push(o.clone());
        match (check.want, o) {
            (Want::Unbound, None) => {}
            (Want::Unbound, Some(_)) | (_, None) => return None,
            (Want::Is(id), Some(o)) => {
                if !o.is(&c.objects[id as usize]) {
                    return None;
                }
            }
            (Want::RangeIter { unit }, Some(o)) => {
                let (start, step, len, idx) = jit_hook::range_iter_state(&o, vm)?;
                if unit && step != 1 {
                    return None;
                }
                let slot = check.input? as usize;
                buf[slot] = start as i64 as u64;
                buf[slot + 1] = step as i64 as u64;
                buf[slot + 2] = i64::try_from(len).ok()? as u64;
                buf[slot + 3] = i64::try_from(idx.min(len)).ok()? as u64;
            }
            (Want::Iter(k), Some(o)) => {
                let Src::Stack(d) = check.src else { return None };
                let p = crate::iters::parts(&o, true, vm)?;
                if c.iters.get(k as usize) != Some(&p.kind) {
                    return None;
                }
                let slot = check.input? as usize;
                buf.get_mut(slot..slot + p.inputs.len())?.copy_from_slice(&p.inputs);
                arrays.extend(p.lists);
                iters.push((d, p.list_iters));
            }
            (Want::Instance { class, keys }, Some(o)) => {
                if !o.class().as_object().is(&c.objects[class as usize]) {
                    return None;
                }
                let slot = check.input? as usize;
                buf[slot] = (&*o as *const rustpython_vm::PyObject) as usize as u64;
                if let Some(k) = keys {
                    // The trace reads the entries at the positions of the
                    // keys it was recorded with.
                    let l = crate::layout::layout(vm)?.dict?;
                    // SAFETY: an instance of the class the trace was
                    // recorded with, which has a dict slot.
                    let (entries, now) = unsafe { crate::layout::raw_keys(&o, l) }?;
                    if !o.dict()?.class().is(vm.ctx.types.dict_type) || !c.inst_keys.get(k as usize).is_some_and(|l| l.matches(&now)) {
                        return None;
                    }
                    buf[slot + 1] = entries;
                }
                arrays.push(o);
            }
            (Want::Tuple(n), Some(o)) => {
                if !o.class().is(vm.ctx.types.tuple_type) || o.downcast_ref::<PyTuple>()?.len() != n as usize {
                    return None;
                }
            }
            (Want::Version(v), Some(o)) => {
                let cls = o.downcast_ref::<rustpython_vm::builtins::PyType>()?;
                if cls.tp_version_tag.load(std::sync::atomic::Ordering::Acquire) != v {
                    return None;
                }
            }
            (Want::ListMethod(k), Some(o)) => {
                if bound_list_method(&o, vm) != Some(k) {
                    return None;
                }
                arrays.push(o);
            }
            (Want::Any, Some(o)) => {
                buf[check.input? as usize] = (&*o as *const rustpython_vm::PyObject) as usize as u64;
                arrays.push(o);
            }
            (Want::List | Want::Dict, Some(o)) => {
                let t = if check.want == Want::List { vm.ctx.types.list_type } else { vm.ctx.types.dict_type };
                if !o.class().is(t) {
                    return None;
                }
                buf[check.input? as usize] = (&*o as *const rustpython_vm::PyObject) as usize as u64;
                arrays.push(o);
            }
            (Want::Array { mem, ndim, contiguous } | Want::ArrIter { mem, ndim, contiguous }, Some(o)) => {
                // An iterator: its array, then its index.
                let (o, index) = match check.want {
                    Want::ArrIter { .. } => {
                        let it = o.downcast_ref::<crate::numpy::PyNdArrayIter>()?;
                        let index = *it.index.lock();
                        (it.arr.clone(), Some(index))
                    }
                    _ => (o, None),
                };
                if !crate::numpy::ndarray_class().is_some_and(|c| o.class().is(&c)) {
                    return None;
                }
                let l = crate::numpy::array_layout(&o)?;
                if mem_of(l.dtype)? != mem || l.shape.len() != ndim as usize || contiguous && !l.c_contiguous {
                    return None;
                }
                let slot = check.input? as usize;
                let n = l.shape.len();
                buf[slot] = l.data as u64;
                for k in 0..n {
                    buf[slot + 1 + k] = l.shape[k] as u64;
                    if !contiguous {
                        buf[slot + 1 + n + k] = l.strides[k] as i64 as u64;
                    }
                }
                // Then the object (calls through the runtime take it).
                let end = slot + if contiguous { 1 + n } else { 1 + 2 * n };
                buf[end] = (&*o as *const rustpython_vm::PyObject) as usize as u64;
                if let Some(index) = index {
                    buf[end + 1] = index as u64;
                }
                arrays.push(o);
            }
            // The common numbers by their exact class, without
            // `scalar_kind`'s look at numpy scalars, lists and arrays first.
            (Want::Int, Some(o)) if o.class().is(vm.ctx.types.int_type) => {
                buf[check.input? as usize] = i64::try_from(o.downcast_ref::<PyInt>()?.as_bigint()).ok()? as u64;
            }
            (Want::Float, Some(o)) if o.class().is(vm.ctx.types.float_type) => {
                buf[check.input? as usize] = o.downcast_ref::<PyFloat>()?.to_f64().to_bits();
            }
            (want, Some(o)) => {
                let obs = scalar_kind(&o, vm)?;
                let slot = check.input? as usize;
                // An exact int or float was taken above; `scalar_kind`
                // observes `Int` and `Float` only of those.
                buf[slot] = match (want, obs) {
                    (Want::Complex, Observed::Complex) => {
                        let z = o.downcast_ref::<rustpython_vm::builtins::PyComplex>()?.as_complex();
                        buf[slot + 1] = z.im.to_bits();
                        z.re.to_bits()
                    }
                    (Want::Bool, Observed::Bool) => o.is(&vm.ctx.true_value) as u64,
                    (Want::NpFloat, Observed::NpFloat) => o.downcast_ref::<PyFloat>()?.to_f64().to_bits(),
                    (Want::NpInt, Observed::NpInt) => {
                        i64::try_from(o.downcast_ref::<PyInt>()?.as_bigint()).ok()? as u64
                    }
                    (Want::NpSmall(m), Observed::NpSmall(n)) if m == n => match m.value_type() {
                        Type::F64 => o.downcast_ref::<PyFloat>()?.to_f64().to_bits(),
                        _ => i64::try_from(o.downcast_ref::<PyInt>()?.as_bigint()).ok()? as u64,
                    },
                    (Want::NpBool, Observed::NpBool) => {
                        (o.downcast_ref::<PyInt>()?.as_bigint() != &0.into()) as u64
                    }
                    _ => return None,
                };
            }
        }
    }
    let entry_stack = (0..edge.stack_len()).map(|d| edge.stack_get(d).map(|o| o.to_owned())).collect();
    Some(EntryState { buf, entry_stack, arrays, iters, bufs: Vec::new() })
}

/// How a native run ended, for the JIT's bookkeeping.
#[derive(Clone, Copy, Default)]
pub struct Ended {
    /// At a type check (`TYPES_DIFFER`).
    pub unstable: bool,
    /// At an operation left to the interpreter.
    pub left: bool,
    /// At an object of a class new to its site, or a value of another
    /// type than recorded: a new recording gives it a path.
    pub retype: bool,
    /// At a value of another type than recorded, at a site no trace had
    /// left at for that before, or at an object of a class its site had
    /// not met (the new recording is not counted among the site's
    /// attempts: each such site is noted once, and a site notes four
    /// classes at most).
    pub noted: bool,
    /// At code the interpreter had not run when the trace was recorded
    /// (`COLD_PATH`): a new recording may take that path in too.
    pub cold: bool,
}

/// Runs the native loop and puts the frame in the state of the exit taken;
/// says how it ended.
pub fn run(c: &Compiled, st: EntryState, edge: &mut BackEdge<'_, '_>, vm: &VirtualMachine) -> PyResult<Ended> {
    // Lists the run makes live in the runtime's arena until its exit is
    // handed to the frame (which takes references of its own).
    let mark = crate::memory::mark();
    let r = run_native(c, st, edge, vm);
    crate::memory::release(mark);
    r
}

fn run_native(c: &Compiled, mut st: EntryState, edge: &mut BackEdge<'_, '_>, vm: &VirtualMachine) -> PyResult<Ended> {
    // SAFETY: the buffer holds `state_len` slots, at least every input and
    // every exit's values, which is all the native code touches.
    let exit = crate::runtime::with_vm(vm, || unsafe { (c.entry)(st.buf.as_mut_ptr()) }) as usize;
    // An operation done through the VM raised: the frame resumes at its
    // instruction, which raises it.
    let raised = crate::runtime::take_pending();
    let plan = &c.exits[exit];
    // An object-mode operation that did nothing (an operand of a class
    // whose operation could run Python code, or the arena full) leaves it
    // to the interpreter as much as an exit of that reason does.
    let refused = raised.is_none() && plan.vm_op;
    c.runs.set(c.runs.get() + 1);
    plan.taken.set(plan.taken.get() + 1);
    let mut stack_len = edge.stack_len();
    // Frames of inlined calls the exit is inside, outermost first.
    let mut frames: Vec<Resume> = Vec::new();
    for (place, b) in &plan.entries {
        if let Some(f) = frames.last_mut() {
            match place {
                Place::Local(n) => f.locals.push((*n, materialize(c, &mut st, b, vm)?)),
                Place::Stack(_) => f.stack.push(materialize(c, &mut st, b, vm)?),
                Place::Frame { .. } | Place::Name(_) => {}
            }
        }
        if let Place::Frame { code, pc } = place {
            frames.push(Resume { code: c.objects[*code as usize].clone(), pc: *pc, locals: Vec::new(), stack: Vec::new(), countdown: 0, raise: None });
            continue;
        }
        if !frames.is_empty() {
            continue;
        }
        match place {
            Place::Frame { .. } => unreachable!("handled above"),
            Place::Local(n) => {
                let o = materialize(c, &mut st, b, vm)?;
                if let Some(slot) = edge.fastlocals().get_mut(*n as usize) {
                    *slot = o;
                }
            }
            Place::Name(i) => {
                if let Some(o) = materialize(c, &mut st, b, vm)? {
                    edge.globals().set_item(c.names[*i as usize].as_str(), o, vm)?;
                }
            }
            Place::Stack(d) => {
                let d = *d as usize;
                // The iterator the frame still holds at its own depth only moves.
                if let Boxing::RangeIter { entry: Some(e), slot } = b
                    && *e as usize == d
                    && d < stack_len
                {
                    if let Some(o) = edge.stack_get(d) {
                        jit_hook::range_iter_set_index(o, st.buf[slot + 3] as usize, vm);
                    }
                    continue;
                }
                // A list iterator it held: moved where it is.
                if let Boxing::Iter { entry: Some(e), kind: IterKind::List | IterKind::Reversed, .. } = b
                    && *e as usize == d
                    && d < stack_len
                {
                    materialize(c, &mut st, b, vm)?;
                    continue;
                }
                let o = materialize(c, &mut st, b, vm)?;
                if stack_len > d {
                    edge.stack_truncate(d);
                    stack_len = d;
                }
                edge.stack_push(o);
                stack_len += 1;
            }
        }
    }
    if stack_len > plan.stack_depth as usize {
        edge.stack_truncate(plan.stack_depth as usize);
    }
    let class = if plan.receiver { note_receiver(&frames, edge, plan.pc) } else { Noted::No };
    let noted = plan.operand && note_mixed(&frames, edge, plan.pc) || class == Noted::New;
    let retype = class != Noted::No || plan.operand;
    edge.set_next_instr(plan.pc);
    if let Some(exc) = raised {
        match frames.last_mut() {
            Some(f) => f.raise = Some(exc),
            None => {
                edge.set_next_instr(plan.pc + 1);
                jit_hook::raise_at(plan.pc);
                return Err(exc);
            }
        }
    }
    if !frames.is_empty() {
        // The interpreter makes the call at `plan.pc`; the function-entry
        // hook then runs for each new frame (its countdown set to fire).
        for f in &mut frames {
            if let Some(code) = f.code.downcast_ref::<PyCode>() {
                f.countdown = code.jit_countdown.swap(1, std::sync::atomic::Ordering::Relaxed);
            }
        }
        RESUME.with(|r| r.borrow_mut().extend(frames));
    }
    Ok(Ended { unstable: plan.unstable, left: plan.left || refused, retype, noted, cold: plan.cold })
}

/// Notes the class of the object an exit for a receiver of another class
/// left on top of the innermost frame's stack, at that frame's pc.
fn note_receiver(frames: &[Resume], edge: &BackEdge<'_, '_>, pc: u32) -> Noted {
    match frames.last() {
        Some(f) => match (f.stack.last(), f.code.downcast_ref::<PyCode>()) {
            (Some(Some(o)), Some(code)) => crate::feedback::note(code, f.pc, o.class()),
            _ => Noted::No,
        },
        None => match edge.stack_len().checked_sub(1).and_then(|d| edge.stack_get(d)) {
            Some(o) => crate::feedback::note(edge.code(), pc, o.class()),
            None => Noted::No,
        },
    }
}

/// Notes the operator or attribute at the exit's pc (in the innermost
/// frame) as one whose values' types vary; true the first time. Every
/// trace that leaves there is recorded again (not only the first: a new
/// recording has no such exit there).
fn note_mixed(frames: &[Resume], edge: &BackEdge<'_, '_>, pc: u32) -> bool {
    match frames.last() {
        Some(f) => f.code.downcast_ref::<PyCode>().is_some_and(|code| crate::feedback::note_mixed(code, f.pc)),
        None => crate::feedback::note_mixed(edge.code(), pc),
    }
}

/// The frame of a call an exit was inside: made again by the interpreter,
/// it starts at `pc` with these locals and stack.
struct Resume {
    code: PyObjectRef,
    pc: u32,
    locals: Vec<(u32, Option<PyObjectRef>)>,
    stack: Vec<Option<PyObjectRef>>,
    /// The code's function-entry countdown before the exit set it to fire.
    countdown: u16,
    /// What the instruction at `pc` raised in native code (object mode).
    raise: Option<rustpython_vm::builtins::PyBaseExceptionRef>,
}

thread_local! {
    static RESUME: std::cell::RefCell<std::collections::VecDeque<Resume>> = const { std::cell::RefCell::new(std::collections::VecDeque::new()) };
    static INIT_RESUMER: std::cell::OnceCell<PyObjectRef> = const { std::cell::OnceCell::new() };
}

/// The callable an exit inside an inlined constructor leaves where the
/// class was (`World::init_resumer`): the interpreter's CALL gives it the
/// instance the trace made as self, and it runs the class's `__init__`
/// slot on it (whose frame `resume_call` puts where the trace was) and
/// returns the instance, as `type.__call__` would have.
pub(crate) fn init_resumer(vm: &VirtualMachine) -> PyObjectRef {
    fn resume_init(mut args: rustpython_vm::function::FuncArgs, vm: &VirtualMachine) -> PyResult {
        if args.args.is_empty() {
            return Err(vm.new_type_error("pyjit: a constructor resumed without its instance"));
        }
        let inst = args.args.remove(0);
        if let Some(init) = inst.class().slots.init.load() {
            init(&inst, args, vm)?;
        }
        Ok(inst)
    }
    INIT_RESUMER.with(|r| r.get_or_init(|| vm.new_function("__init__", resume_init).into()).clone())
}

/// Drops frames no call picked up. The interpreter makes the call right
/// after the exit, so by the next hook they are all gone; this only keeps a
/// stale one (a call that failed before its frame started) from being
/// applied to a later call.
pub fn forget_resumes() {
    RESUME.with(|r| {
        if let Ok(mut r) = r.try_borrow_mut() {
            r.clear();
        }
    });
}

/// At a function's entry: if it is the next frame an exit left inside,
/// puts it where the trace was and returns the countdown to restore (or
/// the exception its instruction raised in native code, to raise there).
pub fn resume_call(edge: &mut BackEdge<'_, '_>) -> Option<PyResult<u16>> {
    let f = RESUME.with(|r| {
        let mut r = r.borrow_mut();
        let front = r.front()?;
        if !front.code.is(edge.code().as_object()) {
            return None;
        }
        r.pop_front()
    })?;
    for (n, o) in f.locals {
        if let Some(slot) = edge.fastlocals().get_mut(n as usize) {
            *slot = o;
        }
    }
    for o in f.stack {
        edge.stack_push(o);
    }
    edge.set_next_instr(f.pc);
    // 0 would mean "never" to the hook; a fresh count starts at 1.
    let countdown = match f.countdown {
        u16::MAX => 0,
        0 => 1,
        n => n,
    };
    if let Some(exc) = f.raise {
        if let Some(code) = f.code.downcast_ref::<PyCode>() {
            code.jit_countdown.store(if countdown == 0 { u16::MAX } else { countdown }, std::sync::atomic::Ordering::Relaxed);
        }
        edge.set_next_instr(f.pc + 1);
        jit_hook::raise_at(f.pc);
        return Some(Err(exc));
    }
    Some(Ok(countdown))
}

fn materialize(c: &Compiled, st: &mut EntryState, b: &Boxing, vm: &VirtualMachine) -> PyResult<Option<PyObjectRef>> {
    let (entry_stack, arrays, buf) = (&mut st.entry_stack, &st.arrays, &st.buf);
    Ok(match b {
        Boxing::Int(s) => Some(vm.ctx.new_int(buf[*s] as i64).into()),
        Boxing::Float(s) => Some(vm.ctx.new_float(f64::from_bits(buf[*s])).into()),
        Boxing::Bool(s) => Some(vm.ctx.new_bool(buf[*s] != 0).into()),
        Boxing::NpFloat(s) => Some(crate::numpy::box_scalar(Scalar::Float(f64::from_bits(buf[*s])), DType::Float64, vm)?),
        Boxing::NpInt(s) => Some(crate::numpy::box_scalar(Scalar::Int(buf[*s] as i64), DType::Int64, vm)?),
        Boxing::NpBool(s) => Some(crate::numpy::box_scalar(Scalar::Bool(buf[*s] != 0), DType::Bool, vm)?),
        Boxing::NpSmall(s, m) => {
            // The value widened: a float or an int by the dtype's kind.
            let scalar = match m.value_type() {
                Type::F64 => Scalar::Float(f64::from_bits(buf[*s])),
                Type::I64 => Scalar::Int(buf[*s] as i64),
                Type::Bool => Scalar::Bool(buf[*s] != 0),
            };
            Some(crate::numpy::box_scalar(scalar, dtype_of(*m), vm)?)
        }
        Boxing::ArrIter { entry, arr, slot, view } => {
            let index = buf[*slot] as usize;
            let held = entry.and_then(|e| entry_stack.get(e as usize).cloned().flatten());
            if let Some(it) = held.as_ref().and_then(|o| o.downcast_ref::<crate::numpy::PyNdArrayIter>()) {
                *it.index.lock() = index;
                held
            } else {
                let mut a = arrays.get(*arr as usize).cloned();
                if *view > 0
                    && let Some(base) = a
                {
                    let key: Vec<PyObjectRef> = buf[*slot + 1..*slot + 1 + *view].iter().map(|i| vm.ctx.new_int(*i as i64).into()).collect();
                    a = Some(base.get_item(vm.ctx.new_tuple(key).as_object(), vm)?);
                }
                a.map(|a| rustpython_vm::PyPayload::into_pyobject(crate::numpy::PyNdArrayIter { arr: a, index: rustpython_vm::common::lock::PyMutex::new(index) }, vm))
            }
        }
        Boxing::ArrView { arr, slot, n } => {
            let key: Vec<PyObjectRef> = buf[*slot..*slot + *n].iter().map(|i| vm.ctx.new_int(*i as i64).into()).collect();
            match arrays.get(*arr as usize) {
                Some(a) => Some(a.get_item(vm.ctx.new_tuple(key).as_object(), vm)?),
                None => None,
            }
        }
        Boxing::ArrBuf { mem, slot, n } => {
            let at = buf[*slot];
            if let Some((_, o)) = st.bufs.iter().find(|(a, _)| *a == at) {
                return Ok(Some(o.clone()));
            }
            // SAFETY: the run's buffer, alive until its arena is released
            // after this exit.
            let o = unsafe { crate::memory::buffers::boxed(at, *mem, &buf[*slot + 1..*slot + 1 + *n], vm) };
            let o = o.ok_or_else(|| vm.new_runtime_error("pyjit: an exit's array could not be made"))?;
            st.bufs.push((at, o.clone()));
            Some(o)
        }
        Boxing::EntryObj(k) => arrays.get(*k as usize).cloned(),
        Boxing::Obj(o) => Some(c.objects[*o as usize].clone()),
        Boxing::Null => None,
        Boxing::EntryStack(d) => entry_stack.get(*d as usize).cloned().flatten(),
        Boxing::RangeIter { entry: Some(e), slot } => {
            let o = entry_stack.get(*e as usize).cloned().flatten();
            if let Some(o) = &o {
                jit_hook::range_iter_set_index(o, buf[slot + 3] as usize, vm);
            }
            o
        }
        Boxing::Iter { entry, kind, lists, slot, n } => {
            let held = entry.and_then(|e| st.iters.iter().find(|(d, _)| *d == e));
            let mut list_iters = held.map(|(_, its)| its.iter());
            let mut vals = buf[*slot..*slot + *n].iter().copied();
            let mut rows = buf[*slot + *n..].iter();
            let lists: Vec<PyObjectRef> = lists
                .iter()
                .map(|k| match k {
                    Some(k) => arrays[*k as usize].clone(),
                    // SAFETY: a row the trace read from a list it holds and
                    // never stored into; it is alive.
                    None => unsafe { obj_at(*rows.next().expect("a row's address")) },
                })
                .collect();
            let mut lists = lists.into_iter();
            Some(crate::iters::make(kind, &mut vals, &mut lists, &mut list_iters, vm)?)
        }
        // SAFETY: as above.
        Boxing::ObjAt(s) => Some(unsafe { obj_at(buf[*s]) }),
        Boxing::Tuple(items) | Boxing::List(items) => {
            let mut elems = Vec::with_capacity(items.len());
            for i in items {
                let missing = || vm.new_runtime_error("pyjit: an exit's tuple lacks an element");
                elems.push(materialize(c, st, i, vm)?.ok_or_else(missing)?);
            }
            Some(match b {
                Boxing::List(_) => vm.ctx.new_list(elems).into(),
                _ => vm.ctx.new_tuple(elems).into(),
            })
        }
        Boxing::Repeat { item, slot } => {
            let missing = || vm.new_runtime_error("pyjit: an exit's list lacks its element");
            let n = buf[*slot] as i64;
            let one = vm.ctx.new_list(vec![materialize(c, st, item, vm)?.ok_or_else(missing)?]);
            Some(vm._mul(one.as_object(), vm.ctx.new_int(n).as_object())?)
        }
        Boxing::Complex(s) => {
            let (re, im) = (f64::from_bits(buf[*s]), f64::from_bits(buf[*s + 1]));
            Some(vm.ctx.new_complex(num_complex::Complex64::new(re, im)).into())
        }
        Boxing::TupleIter { tuple, slot } => {
            let taken = buf[*slot];
            let missing = || vm.new_runtime_error("pyjit: an exit's tuple iterator lacks its tuple");
            let it = materialize(c, st, tuple, vm)?.ok_or_else(missing)?.get_iter(vm)?;
            for _ in 0..taken {
                it.next(vm)?;
            }
            Some(it.into())
        }
        Boxing::RangeIter { entry: None, slot } => {
            let [start, step, len, idx] = [0, 1, 2, 3].map(|i| buf[slot + i] as i64 as i128);
            let first = start + idx * step;
            let stop = start + len * step;
            let range = vm.builtins.get_attr("range", vm)?;
            let r = range.call((vm.ctx.new_int(first), vm.ctx.new_int(stop), vm.ctx.new_int(step)), vm)?;
            Some(r.get_iter(vm)?.into())
        }
        Boxing::Range(slot) => {
            let [start, stop, step] = [0, 1, 2].map(|i| vm.ctx.new_int(buf[slot + i] as i64));
            Some(vm.builtins.get_attr("range", vm)?.call((start, stop, step), vm)?)
        }
        Boxing::Slice(slot) => {
            let [start, stop, step] = [0, 1, 2].map(|i| buf[slot + i] as i64);
            Some(crate::runtime::slice_obj((start, stop, step), vm))
        }
    })
}

/// A new reference to the object at `addr`.
///
/// # Safety
/// `addr` is the address of a live object.
unsafe fn obj_at(addr: u64) -> PyObjectRef {
    unsafe { &*(addr as usize as *const rustpython_vm::PyObject) }.to_owned()
}
