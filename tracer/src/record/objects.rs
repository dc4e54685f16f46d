//! Object mode: an operation the trace does not specialize becomes a call
//! of the VM's own operation (`RtFn::ObjAttr` and its kin) on objects held
//! by address, so the loop keeps running natively around it instead of
//! staying interpreted (PyPy's tracer does the same with its residual
//! calls). Its result is an `Av::Ref`, an object of a class the trace does
//! not know; operations on one are object-mode operations too.
//!
//! Every such call may run Python code (a `__getattr__`, an operator
//! method, the callee), so after it the trace forgets what it read from
//! objects' memory (an instance dict's entry array may have moved). Each
//! carries one exit, at its own instruction with the state before it: the
//! interpreter raises there what the operation raised, or (with the run's
//! arena full, before anything was done) does it itself.
//!
//! Such a call costs what the interpreter pays for the operation, plus the
//! run's bookkeeping: a trace made mostly of them is not compiled
//! (`weight`). Object mode serves loops that are mostly native.

use super::recorder::{At, Flow, R, Recorder, abort};
use super::state::{Av, ListSrc, State};
use super::world::{ClassAttr, RAISED};
use crate::bytecode::{BinKind, CmpKind, Op};
use pyjit_ir::{BinOp, Block, BlockCall, ExitId, Inst, InstKind, RtFn, Terminator, Type, UnOp, Value, OBJ_BUILTINS_ONLY, OBJ_INPLACE, OBJ_INVERT, OBJ_NEGATIVE};

/// How many native instructions each object-mode operation of a trace
/// must come with for it to compile (`weight`): an operation through the
/// VM costs about what the interpreter pays for it, plus the run's
/// bookkeeping, so a trace made mostly of them runs no faster natively.
pub(super) const NATIVE_PER_VM_OP: usize = 4;

/// The reason a trace of mostly object-mode operations is not compiled.
pub(super) const MOSTLY_VM: &str = "mostly operations through the VM (object mode): cheaper interpreted";

/// A trace's object-mode operations and its native instructions
/// (arithmetic, loads and stores, guards and polls excluded, and runtime
/// calls that are not object mode).
pub(super) fn weight(t: &pyjit_ir::Trace) -> (usize, usize) {
    let (mut vm, mut native) = (0, 0);
    for i in t.blocks.iter().flat_map(|b| &b.insts) {
        match &i.kind {
            InstKind::Const { .. } | InstKind::Input { .. } | InstKind::Guard { .. } | InstKind::Poll { .. } => {}
            InstKind::Call { f: RtFn::ObjHold | RtFn::ObjTupleItem | RtFn::ArenaKeep | RtFn::ArenaReset, .. } => {}
            InstKind::Call { f, .. } if f.is_object_mode() => vm += 1,
            _ => native += 1,
        }
    }
    (vm, native)
}


/// Why the exit after an operation that ran Python code is taken.
pub(super) const GLOBAL_CHANGED: &str = "a global or class the trace read changed";

/// The most arguments an object-mode call passes (`RtFn::ObjCall` has
/// sixteen slots: the callable, the counts, the arguments).
const MAX_CALL_ARGS: usize = 13;

impl Recorder<'_, '_> {
    /// Whether `av` is an object the trace can hand to the VM (by address,
    /// or a number it boxes).
    pub(super) fn objectable(&self, av: &Av) -> bool {
        match av {
            Av::Ref(_) | Av::Obj(_) | Av::Method(_) | Av::V(_) | Av::Inst { .. } | Av::List(_) | Av::Row { .. } | Av::Rows { .. } | Av::Dict(_) | Av::Slice(_) => true,
            Av::Tuple(t) => self.tuple_obj[*t as usize].is_some() || self.tuples[*t as usize].len() <= 15 && self.tuples[*t as usize].iter().all(|e| self.objectable(e)),
            Av::Arr(k) => {
                let a = &self.arrays[*k as usize];
                a.obj.is_some() && !a.buf && a.view_of.is_none()
            }
            _ => false,
        }
    }

    /// Whether an instruction meets an object the trace knows nothing about
    /// (`Av::Ref`) or a container whose items it does not specialize: then
    /// it is done in object mode.
    pub(super) fn wants_object_mode(&self, st: &State, op: &Op) -> bool {
        let top = |k: usize| st.stack.len().checked_sub(k + 1).map(|i| st.stack[i]);
        let is_ref = |k: usize| matches!(top(k), Some(Av::Ref(_)));
        // A list of elements of no one kind is read natively by an int
        // index (its elements, objects of unknown class).
        let opaque_list = |k: usize| matches!(top(k), Some(Av::List(l)) if self.lists[l as usize].elem.is_none());
        let int = |k: usize| matches!(top(k), Some(Av::V(v)) if self.t.ty(v) == Type::I64);
        match op {
            // (`is`, `is None` of objects: their addresses, compared by
            // their own handlers.)
            Op::LoadAttr { .. } | Op::UnaryNot | Op::ToBool | Op::PopJumpIf { .. } | Op::ForIter { .. } => is_ref(0),
            // An instance's `__neg__` or `__invert__` runs in the VM.
            Op::UnaryNegative | Op::UnaryInvert => is_ref(0) || matches!(top(0), Some(Av::Inst { .. })),
            Op::GetIter => is_ref(0),
            // Never compiled natively: the VM makes the super object.
            Op::LoadSuperAttr { .. } => true,
            Op::StoreAttr(_) => is_ref(0) || is_ref(1) && !matches!(top(0), Some(Av::Obj(_))),
            Op::BinaryOp(BinKind::Subscr) => is_ref(0) || is_ref(1) || opaque_list(1) && !int(0),
            Op::BinaryOp(_) | Op::InplaceOp(_) | Op::CompareOp { .. } | Op::ContainsOp { .. } => is_ref(0) || is_ref(1),
            Op::StoreSubscr => (is_ref(0) || is_ref(1) || is_ref(2)) && !matches!(top(1), Some(Av::Obj(_))),
            Op::Call(argc) | Op::CallKw(argc) => {
                let above = matches!(op, Op::CallKw(_)) as usize;
                let n = *argc as usize + 2;
                if st.stack.len() < n + above || !st.stack[st.stack.len() - n - above..st.stack.len() - above].iter().enumerate().all(|(k, a)| (k == 1 && *a == Av::Null) || self.objectable(a)) {
                    return false;
                }
                // The callee or its self; an argument only where the
                // callee is not a Python function the trace inlines.
                is_ref(n - 1 + above) || is_ref(n - 2 + above) || (0..*argc as usize).any(|k| is_ref(k + above)) && !matches!(top(n - 1 + above), Some(Av::Obj(id)) if self.builtin_of(id).is_none())
            }
            _ => false,
        }
    }

    /// The address of the object `av` is, where the trace has it without
    /// making anything: an object it holds (`Ok`) or a known one (`Err`,
    /// by id, whose address is a constant). None for numbers, tuples the
    /// trace built and lists or arrays it may not have made.
    pub(super) fn addr_of(&mut self, av: &Av) -> Option<Result<Value, u64>> {
        match *av {
            Av::Ref(v) | Av::Inst { obj: v, .. } | Av::Row { obj: v, .. } | Av::Rows { obj: v, .. } => Some(Ok(v)),
            Av::Obj(id) => self.world.obj_addr(id).map(Err),
            Av::Tuple(t) => self.tuple_obj[t as usize].map(Ok),
            _ => None,
        }
    }

    /// `addr_of`'s answer as a value of the trace.
    pub(super) fn addr_value(&mut self, a: Result<Value, u64>) -> Value {
        match a {
            Ok(v) => v,
            Err(addr) => {
                let e = self.t.entry();
                self.t.const_i64(e, addr as i64)
            }
        }
    }

    /// The object `av` is, as an address: numbers boxed (which can take
    /// `exit`, with the arena full).
    pub(super) fn obj_value(&mut self, b: Block, av: Av, exit: ExitId, pc: u32) -> R<Value> {
        Ok(match av {
            Av::Ref(v) | Av::Row { obj: v, .. } | Av::Rows { obj: v, .. } | Av::Slice(v) => v,
            Av::Inst { obj, .. } => {
                // The VM may keep it: no longer only the trace's.
                self.fresh.remove(&obj);
                obj
            }
            Av::List(k) => self.lists[k as usize].obj,
            Av::Dict(k) => self.dicts[k as usize].0,
            Av::Obj(id) | Av::Method(id) => match self.world.obj_addr(id) {
                Some(a) => {
                    let e = self.t.entry();
                    self.t.const_i64(e, a as i64)
                }
                None => return abort(pc, "an object without its address"),
            },
            Av::V(v) => {
                let ty = self.t.ty(v);
                self.call(b, RtFn::ObjBox(ty), vec![v], exit)
            }
            Av::Tuple(t) if self.tuple_obj[t as usize].is_some() => self.tuple_obj[t as usize].unwrap(),
            // A tuple the trace built: made now, of its items' objects.
            Av::Tuple(t) if self.objectable(&av) => {
                let items = self.tuples[t as usize].clone();
                let e = self.t.entry();
                let mut args = vec![self.t.const_i64(e, items.len() as i64)];
                for a in items {
                    let x = self.obj_value(b, a, exit, pc)?;
                    args.push(x);
                }
                let zero = self.t.const_i64(e, 0);
                args.resize(16, zero);
                self.call(b, RtFn::ObjTuple, args, exit)
            }
            Av::Arr(k) if self.objectable(&av) => self.arrays[k as usize].obj.unwrap(),
            _ => return abort(pc, "an operation on a value the trace cannot hand to the VM"),
        })
    }

    /// A runtime call with a result.
    fn call(&mut self, b: Block, f: RtFn, args: Vec<Value>, exit: ExitId) -> Value {
        let ty = f.result().expect("a call with a result");
        self.t.push(b, ty, InstKind::Call { f, args, exit: Some(exit) })
    }

    /// After an operation that may have run any Python code: what the
    /// trace read from objects' memory may have changed.
    fn clobbered(&mut self, st: &mut State) {
        for av in st.avs_mut() {
            if let Av::Inst { slots, .. } = av {
                *slots = None;
            }
        }
        st.known.clear();
        st.stores += 1;
    }

    /// `written` globals (slots of `State::names`, names) stored into the
    /// frame's globals dict from their registers, before an operation that
    /// may run Python code.
    fn store_globals(&mut self, b: Block, at: &At<'_>, written: &[(usize, String)]) -> R<()> {
        let pc = at.pc;
        let exit = self.exit_here(pc, at.pre, RAISED);
        let Some(dict) = self.world.globals_dict().and_then(|d| self.world.obj_addr(d)) else {
            return abort(pc, "globals without their address");
        };
        let e = self.t.entry();
        let dict = self.t.const_i64(e, dict as i64);
        for (slot, name) in written {
            let av = at.pre.names[*slot];
            if matches!(av, Av::Untracked | Av::Unbound) || matches!(av, Av::V(v) if self.synced.get(slot) == Some(&v)) {
                continue;
            }
            let name = self.name_addr(name, pc)?;
            let v = self.obj_value(b, av, exit, pc)?;
            self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f: RtFn::ObjSetSubscr, args: vec![dict, name, v], exit: Some(exit) } });
        }
        Ok(())
    }

    /// After an operation that may have run Python code, the `written`
    /// globals read back from their dict into their registers: a number
    /// as a number of its type, an object the trace knows by identity as
    /// that object; another type (or object) leaves for the interpreter.
    fn reload_globals(&mut self, b: Block, st: &mut State, at: &At<'_>, written: &[(usize, String)]) -> R<()> {
        let pc = at.pc;
        let mut post = st.clone();
        for (slot, _) in written {
            post.names[*slot] = Av::Untracked;
        }
        let exit = self.exit_here(at.next, &post, GLOBAL_CHANGED);
        let Some(dict) = self.world.globals_dict().and_then(|d| self.world.obj_addr(d)) else {
            return abort(pc, "globals without their address");
        };
        let e = self.t.entry();
        let dict = self.t.const_i64(e, dict as i64);
        let flags = self.t.const_i64(e, OBJ_BUILTINS_ONLY as i64);
        for (slot, name) in written {
            let av = st.names[*slot];
            if matches!(av, Av::Untracked | Av::Unbound) {
                continue;
            }
            let name = self.name_addr(name, pc)?;
            let now = self.call(b, RtFn::ObjSubscr, vec![dict, name, flags], exit);
            st.names[*slot] = match av {
                Av::V(v) => {
                    let v = self.unbox(b, now, self.t.ty(v), exit);
                    self.synced.insert(*slot, v);
                    Av::V(v)
                }
                Av::Obj(id) => {
                    let Some(addr) = self.world.obj_addr(id) else { return abort(pc, "an object without its address") };
                    let want = self.t.const_i64(b, addr as i64);
                    let same = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: now, b: want });
                    self.t.push_guard(b, same, true, exit);
                    av
                }
                _ => Av::Ref(now),
            };
        }
        Ok(())
    }

    /// Before an operation that may run Python code: the objects the trace
    /// holds by an address it read out of another object (an attribute, a
    /// list's element) are kept alive by the run, which that code could
    /// otherwise drop under it. Those the frame holds (checked at entry)
    /// or the run made need nothing.
    pub(super) fn hold_borrowed(&mut self, b: Block, st: &State) {
        let entry_inputs: std::collections::HashSet<Value> =
            self.t.block(self.t.entry()).insts.iter().filter(|i| matches!(i.kind, InstKind::Input { .. })).filter_map(|i| i.result).collect();
        fn collect(r: &Recorder<'_, '_>, a: &Av, out: &mut Vec<Value>) {
            match a {
                Av::Inst { obj, .. } | Av::Row { obj, .. } | Av::Rows { obj, .. } => out.push(*obj),
                Av::Ref(obj) if r.borrowed.contains(obj) => out.push(*obj),
                Av::Tuple(t) => {
                    out.extend(r.tuple_obj[*t as usize]);
                    r.tuples[*t as usize].iter().for_each(|e| collect(r, e, out));
                }
                // The lists a trace-made iterator walks by address (a
                // list iterator holds its list).
                Av::Iter { shape, state, .. } => {
                    let (kind, lists) = &r.iter_shapes[*shape as usize];
                    let at = r.iter_states[*state as usize].iter().skip(kind.num_values());
                    out.extend(at.zip(lists.iter().filter(|l| matches!(l, ListSrc::At(_)))).map(|(v, _)| *v));
                }
                _ => {}
            }
        }
        let mut held = Vec::new();
        for a in st.avs() {
            collect(self, a, &mut held);
        }
        held.retain(|v| !entry_inputs.contains(v) && !self.fresh.contains(v));
        held.sort_unstable_by_key(|v| v.0);
        held.dedup();
        for chunk in held.chunks(16) {
            let mut args = chunk.to_vec();
            let e = self.t.entry();
            let zero = self.t.const_i64(e, 0);
            args.resize(16, zero);
            self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f: RtFn::ObjHold, args, exit: None } });
        }
    }

    /// LOAD_COMMON_CONSTANT: the builtin it names.
    pub(super) fn op_load_common_constant(&mut self, b: Block, st: &mut State, at: &At<'_>, k: u32) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let id = crate::bytecode::COMMON_CONSTANTS.get(k as usize).and_then(|name| self.world.builtin_type(name));
        let Some(id) = id else {
            return self.leave(b, pc, pre, "a common constant that is not a builtin type");
        };
        st.stack.push(Av::Obj(id));
        Ok(Flow::Next(b))
    }

    /// Whether the instruction is done in object mode without running any
    /// Python code, so nothing it does needs an exit that could not redo
    /// it: an attribute of a plain instance held in its dict; inside an
    /// inlined call (where an exit may redo the call), operators,
    /// comparisons, truth tests, subscripts and `in` of operands that are
    /// not instances, which exit unless they are of builtin types
    /// (`OBJ_BUILTINS_ONLY`).
    fn quiet(&mut self, st: &State, op: &Op, code: &crate::bytecode::Code, pc: u32) -> bool {
        let top = |k: usize| st.stack.len().checked_sub(k + 1).map(|i| st.stack[i]);
        match op {
            Op::LoadAttr { name, method: false } => match top(0) {
                Some(Av::Inst { class, .. }) => {
                    let attr = code.names.get(*name as usize).cloned().unwrap_or_default();
                    matches!(self.world.class_attr(class, &attr), ClassAttr::Absent | ClassAttr::Plain)
                }
                _ => false,
            },
            // Operands the interpreter's specialized instruction saw as
            // strs, ints, floats, lists or tuples: the runtime checks they
            // are builtin values (else it exits having done nothing).
            Op::BinaryOp(_) | Op::InplaceOp(_) | Op::CompareOp { .. } | Op::ContainsOp { .. } => {
                (0..2).all(|k| !matches!(top(k), Some(Av::Inst { .. })))
                    && (!st.callers.is_empty() || self.world.builtin_operands(self.ctxs[st.ctx as usize].code_obj, pc))
            }
            Op::UnaryNot | Op::ToBool | Op::PopJumpIf { .. } => !st.callers.is_empty() && !matches!(top(0), Some(Av::Inst { .. })),
            // Formatting a number (or a str constant) runs no Python code.
            Op::FormatSimple | Op::ConvertValue(_) => matches!(top(0), Some(Av::V(_) | Av::Obj(_))),
            Op::FormatWithSpec => matches!(top(1), Some(Av::V(_) | Av::Obj(_))),
            _ => false,
        }
    }

    /// Pops `n` operands, as objects (in stack order).
    fn pop_objs(&mut self, b: Block, st: &mut State, n: usize, exit: ExitId, pc: u32) -> R<Vec<Value>> {
        if st.stack.len() < n {
            return abort(pc, "stack underflow");
        }
        let avs = st.stack.split_off(st.stack.len() - n);
        avs.into_iter().map(|a| self.obj_value(b, a, exit, pc)).collect()
    }

    /// Records the instruction at `at` in object mode, from the state
    /// before it (a handler that found its operands beyond what it
    /// specializes hands over here).
    pub(super) fn object_mode(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let quiet = self.quiet(at.pre, &at.ins.op, at.code, at.pc);
        // The globals the loop assigns, kept in registers: stored into
        // their dict before an operation that may run Python code, and
        // read back after it.
        let written: Vec<(usize, String)> = match quiet {
            true => Vec::new(),
            false => self.name_index.iter().filter(|(n, _)| self.written_names.contains(*n)).map(|(n, i)| (*i as usize, n.clone())).collect(),
        };
        if !written.is_empty() {
            if matches!(at.ins.op, Op::ForIter { .. } | Op::PopJumpIf { .. }) || st.ctx != 0 {
                return self.leave(b, at.pc, at.pre, "an operation through the VM that may run Python code, in a loop that assigns globals");
            }
            self.store_globals(b, at, &written)?;
        }
        // What Python code writes to the globals, module and class
        // attributes the trace read is counted: the count read now is
        // compared after the operation (`rechecks.rs`).
        self.writes_before = self.count_writes(b);
        let flow = self.object_mode_op(b, st, at, quiet)?;
        if let (false, Flow::Next(nb)) = (written.is_empty(), &flow) {
            self.reload_globals(*nb, st, at, &written)?;
        }
        // Python code the VM ran may have assigned globals the trace read
        // at entry: they are checked where it ended (a FOR_ITER's in its
        // arms, a truth test's before its branch).
        if let (false, Flow::Next(nb), false) = (quiet, &flow, matches!(at.ins.op, Op::ForIter { .. })) {
            let nb = *nb;
            let exit = self.exit_here(at.next, st, GLOBAL_CHANGED);
            self.python_site(nb, self.t.block(nb).insts.len(), exit);
        }
        Ok(flow)
    }

    fn object_mode_op(&mut self, b: Block, st: &mut State, at: &At<'_>, quiet: bool) -> R<Flow> {
        let &At { pc, code, pre, ins, .. } = at;
        *st = pre.clone();
        let exit = self.exit_here(pc, pre, RAISED);
        let flags = {
            let e = self.t.entry();
            self.t.const_i64(e, if quiet { OBJ_BUILTINS_ONLY as i64 } else { 0 })
        };
        // What such an operation raises is raised at its own instruction,
        // in its own frame: inside a call whose frames an exit cannot
        // hand back (one holding a method looked up or a row view), it
        // would be raised at the outer call instead, past the callee's
        // handlers.
        if !quiet && !st.callers.is_empty() && !self.frames_resumable(st) {
            return abort(pc, "an operation through the VM inside a call the trace cannot resume");
        }
        if !quiet && !matches!(ins.op, Op::IsOp { .. }) {
            self.hold_borrowed(b, st);
        }
        match &ins.op {
            Op::LoadAttr { name, method } => {
                let attr = code.names.get(*name as usize).cloned().unwrap_or_default();
                let name_addr = self.name_addr(&attr, pc)?;
                let [o] = self.pop_objs(b, st, 1, exit, pc)?[..] else { unreachable!() };
                let r = self.call(b, RtFn::ObjAttr, vec![o, name_addr, flags], exit);
                if !quiet {
                    self.clobbered(st);
                }
                st.stack.push(Av::Ref(r));
                if *method {
                    st.stack.push(Av::Null);
                }
            }
            Op::LoadSuperAttr { name, method, two_args } => {
                let attr = code.names.get(*name as usize).cloned().unwrap_or_default();
                let name_addr = self.name_addr(&attr, pc)?;
                let [sup, class, o] = self.pop_objs(b, st, 3, exit, pc)?[..] else { unreachable!() };
                let e = self.t.entry();
                let two = self.t.const_i64(e, *two_args as i64);
                let r = self.call(b, RtFn::ObjSuperAttr, vec![sup, class, o, name_addr, two], exit);
                self.clobbered(st);
                st.stack.push(Av::Ref(r));
                if *method {
                    st.stack.push(Av::Null);
                }
            }
            Op::StoreAttr(name) => {
                let attr = code.names.get(*name as usize).cloned().unwrap_or_default();
                let name_addr = self.name_addr(&attr, pc)?;
                let [v, o] = self.pop_objs(b, st, 2, exit, pc)?[..] else { unreachable!() };
                self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f: RtFn::ObjSetAttr, args: vec![o, name_addr, v], exit: Some(exit) } });
                self.clobbered(st);
            }
            Op::BinaryOp(kind) | Op::InplaceOp(kind) => {
                let [x, y] = self.pop_objs(b, st, 2, exit, pc)?[..] else { unreachable!() };
                let r = if *kind == BinKind::Subscr {
                    self.call(b, RtFn::ObjSubscr, vec![x, y, flags], exit)
                } else {
                    let code = binary_code(*kind) + if matches!(ins.op, Op::InplaceOp(_)) { OBJ_INPLACE } else { 0 };
                    let code = code + if quiet { OBJ_BUILTINS_ONLY } else { 0 };
                    let e = self.t.entry();
                    let op = self.t.const_i64(e, code as i64);
                    self.call(b, RtFn::ObjBinary, vec![x, y, op], exit)
                };
                if !quiet {
                    self.clobbered(st);
                }
                st.stack.push(Av::Ref(r));
            }
            Op::CompareOp { kind, to_bool } => {
                let [x, y] = self.pop_objs(b, st, 2, exit, pc)?[..] else { unreachable!() };
                let e = self.t.entry();
                let op = self.t.const_i64(e, (compare_code(*kind) + if quiet { OBJ_BUILTINS_ONLY } else { 0 }) as i64);
                let r = self.call(b, RtFn::ObjCompare, vec![x, y, op], exit);
                let r = if *to_bool { Av::V(self.call(b, RtFn::ObjTruth, vec![r, flags], exit)) } else { Av::Ref(r) };
                if !quiet {
                    self.clobbered(st);
                }
                st.stack.push(r);
            }
            Op::ContainsOp { invert } => {
                let [x, c] = self.pop_objs(b, st, 2, exit, pc)?[..] else { unreachable!() };
                let mut r = self.call(b, RtFn::ObjContains, vec![x, c, flags], exit);
                if *invert {
                    r = self.t.push(b, Type::Bool, InstKind::Unary { op: UnOp::BNot, a: r });
                }
                if !quiet {
                    self.clobbered(st);
                }
                st.stack.push(Av::V(r));
            }
            Op::IsOp { invert } => {
                // Identity of objects: their addresses (a number the trace
                // holds unboxed has no identity to compare).
                if st.stack.len() < 2 || st.stack[st.stack.len() - 2..].iter().any(|a| matches!(a, Av::V(_))) {
                    return abort(pc, "`is` between a number and an object");
                }
                let [x, y] = self.pop_objs(b, st, 2, exit, pc)?[..] else { unreachable!() };
                let op = if *invert { BinOp::Ne } else { BinOp::Eq };
                let r = self.t.push(b, Type::Bool, InstKind::Binary { op, a: x, b: y });
                st.stack.push(Av::V(r));
            }
            Op::UnaryNegative | Op::UnaryInvert => {
                let [o] = self.pop_objs(b, st, 1, exit, pc)?[..] else { unreachable!() };
                let code = if matches!(ins.op, Op::UnaryNegative) { OBJ_NEGATIVE } else { OBJ_INVERT };
                let e = self.t.entry();
                let op = self.t.const_i64(e, (code + if quiet { OBJ_BUILTINS_ONLY } else { 0 }) as i64);
                let r = self.call(b, RtFn::ObjBinary, vec![o, o, op], exit);
                if !quiet {
                    self.clobbered(st);
                }
                st.stack.push(Av::Ref(r));
            }
            Op::UnaryNot | Op::ToBool => {
                let [o] = self.pop_objs(b, st, 1, exit, pc)?[..] else { unreachable!() };
                let mut r = self.call(b, RtFn::ObjTruth, vec![o, flags], exit);
                if matches!(ins.op, Op::UnaryNot) {
                    r = self.t.push(b, Type::Bool, InstKind::Unary { op: UnOp::BNot, a: r });
                }
                if !quiet {
                    self.clobbered(st);
                }
                st.stack.push(Av::V(r));
            }
            Op::PopJumpIf { target, when } => {
                let [o] = self.pop_objs(b, st, 1, exit, pc)?[..] else { unreachable!() };
                let r = self.call(b, RtFn::ObjTruth, vec![o, flags], exit);
                if !quiet {
                    self.clobbered(st);
                    // Before the branch: a global that changed leaves
                    // before the truth test, which the interpreter makes
                    // again.
                    self.python_site(b, self.t.block(b).insts.len(), exit);
                }
                st.stack.push(Av::V(r));
                return self.op_pop_jump_if(b, st, at, *target, *when);
            }
            Op::GetIter => {
                let [o] = self.pop_objs(b, st, 1, exit, pc)?[..] else { unreachable!() };
                let r = self.call(b, RtFn::ObjIter, vec![o], exit);
                self.clobbered(st);
                st.stack.push(Av::Ref(r));
            }
            Op::ForIter { exhausted } => {
                let Some(&Av::Ref(it)) = st.stack.last() else {
                    return abort(pc, "a for loop over an iterator the trace cannot hand to the VM");
                };
                let item = self.call(b, RtFn::ObjNext, vec![it], exit);
                self.clobbered(st);
                let zero = self.t.const_i64(b, 0);
                let more = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: item, b: zero });
                // Globals checked in each arm, where the interpreter can
                // resume: at the loop's end, and in the body.
                let done_exit = self.exit_here(*exhausted, st, GLOBAL_CHANGED);
                let done = self.edge(*exhausted, st.clone())?;
                let done_block = self.t.new_block(&[]);
                self.t.set_term(done_block, Terminator::Jump(done));
                self.python_site(done_block, 0, done_exit);
                let body = self.t.new_block(&[]);
                let done = BlockCall { block: done_block, args: vec![] };
                self.t.set_term(b, Terminator::Branch { cond: more, then: BlockCall { block: body, args: vec![] }, els: done });
                st.stack.push(Av::Ref(item));
                let body_exit = self.exit_here(at.next, st, GLOBAL_CHANGED);
                self.python_site(body, 0, body_exit);
                return Ok(Flow::Next(body));
            }
            Op::UnpackSequence(n) => {
                // A tuple of exactly `n` items (the VM's own errors
                // otherwise), read item by item; the first ends on top.
                let [o] = self.pop_objs(b, st, 1, exit, pc)?[..] else { unreachable!() };
                let e = self.t.entry();
                let nv = self.t.const_i64(e, *n as i64);
                let tuple = self.call(b, RtFn::ObjUnpack, vec![o, nv], exit);
                self.clobbered(st);
                for k in (0..*n).rev() {
                    let kv = self.t.const_i64(e, k as i64);
                    let item = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ObjTupleItem, args: vec![tuple, kv], exit: None });
                    st.stack.push(Av::Ref(item));
                }
            }
            Op::FormatSimple | Op::FormatWithSpec => {
                let spec = if matches!(ins.op, Op::FormatWithSpec) { self.pop_objs(b, st, 1, exit, pc)?[0] } else { self.t.const_i64(self.t.entry(), 0) };
                let [o] = self.pop_objs(b, st, 1, exit, pc)?[..] else { unreachable!() };
                let r = self.call(b, RtFn::ObjFormat, vec![o, spec, flags], exit);
                if !quiet {
                    self.clobbered(st);
                }
                st.stack.push(Av::Ref(r));
            }
            Op::ConvertValue(k) => {
                let [o] = self.pop_objs(b, st, 1, exit, pc)?[..] else { unreachable!() };
                let e = self.t.entry();
                let kv = self.t.const_i64(e, *k as i64 | if quiet { OBJ_BUILTINS_ONLY as i64 } else { 0 });
                let r = self.call(b, RtFn::ObjConvert, vec![o, kv], exit);
                if !quiet {
                    self.clobbered(st);
                }
                st.stack.push(Av::Ref(r));
            }
            Op::BuildString(n) => {
                // Strs the f-string's parts gave: joining them runs no
                // Python code.
                if *n as usize > 15 {
                    return abort(pc, "an f-string of more than 15 parts");
                }
                let parts = self.pop_objs(b, st, *n as usize, exit, pc)?;
                let e = self.t.entry();
                let mut args = vec![self.t.const_i64(e, *n as i64)];
                args.extend(parts);
                let zero = self.t.const_i64(e, 0);
                args.resize(16, zero);
                let r = self.call(b, RtFn::ObjBuildString, args, exit);
                st.stack.push(Av::Ref(r));
            }
            Op::StoreSubscr => {
                let [v, c, k] = self.pop_objs(b, st, 3, exit, pc)?[..] else { unreachable!() };
                self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f: RtFn::ObjSetSubscr, args: vec![c, k, v], exit: Some(exit) } });
                self.clobbered(st);
            }
            Op::Call(argc) | Op::CallKw(argc) => {
                let argc = *argc as usize;
                let kw = matches!(ins.op, Op::CallKw(_));
                let names = if kw {
                    let Some(Av::Obj(id)) = st.stack.pop() else { return abort(pc, "keyword names that are not a constant") };
                    let n = self.kwnames.get(&id).map_or(0, Vec::len);
                    Some((self.obj_value(b, Av::Obj(id), exit, pc)?, n))
                } else {
                    None
                };
                if st.stack.len() < argc + 2 {
                    return abort(pc, "stack underflow");
                }
                let args = st.stack.split_off(st.stack.len() - argc);
                let self_or_null = st.stack.pop().unwrap();
                let callee = st.stack.pop().unwrap();
                let mut vals = vec![self.obj_value(b, callee, exit, pc)?];
                let positional = std::iter::once(self_or_null).filter(|a| *a != Av::Null).chain(args).collect::<Vec<_>>();
                if positional.len() > MAX_CALL_ARGS {
                    return abort(pc, "a call through the VM with too many arguments");
                }
                let n_kw = names.map_or(0, |n| n.1);
                let e = self.t.entry();
                let npos = self.t.const_i64(e, (positional.len() - n_kw) as i64);
                let kwv = match names {
                    Some((t, _)) => t,
                    None => self.t.const_i64(e, 0),
                };
                vals.extend([npos, kwv]);
                for a in positional {
                    let v = self.obj_value(b, a, exit, pc)?;
                    vals.push(v);
                }
                let zero = self.t.const_i64(e, 0);
                vals.resize(16, zero);
                let r = self.call(b, RtFn::ObjCall, vals, exit);
                self.clobbered(st);
                st.stack.push(Av::Ref(r));
            }
            _ => return abort(pc, "an instruction object mode does not do"),
        }
        Ok(Flow::Next(b))
    }
}

/// `OBJ_OPS`'s number of a binary operator.
fn binary_code(k: BinKind) -> u64 {
    match k {
        BinKind::Add => 0,
        BinKind::Sub => 1,
        BinKind::Mul => 2,
        BinKind::TrueDiv => 3,
        BinKind::FloorDiv => 4,
        BinKind::Mod => 5,
        BinKind::Pow => 6,
        BinKind::LShift => 7,
        BinKind::RShift => 8,
        BinKind::And => 9,
        BinKind::Or => 10,
        BinKind::Xor => 11,
        BinKind::MatMul | BinKind::Subscr => 12,
    }
}

/// `OBJ_COMPARE`'s number of a comparison.
fn compare_code(k: CmpKind) -> u64 {
    match k {
        CmpKind::Lt => 0,
        CmpKind::Le => 1,
        CmpKind::Eq => 2,
        CmpKind::Ne => 3,
        CmpKind::Gt => 4,
        CmpKind::Ge => 5,
    }
}
