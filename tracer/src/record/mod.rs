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
use std::collections::HashSet;

mod arith;
mod entry;
mod exits;
mod guards;
mod recorder;
mod state;
mod world;

pub use world::{Abort, Callee, Check, ClassAttr, DictLayout, Entry, FUNCTION, LEFT_TO_INTERPRETER, ObjLayout, Recording, Src, TYPES_DIFFER, TupleLayout, Want, World};
use state::{ArrInfo, Av, KeyItem, ListSrc, State, Suspended};
use recorder::{At, Ctx, Flow, MAX_INLINE_DEPTH, MAX_RECORDED_INSTRS, R, Recorder, abort};

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
    let mut r = Recorder::new(entry, world, self_result);
    let (locals_used, names_used) = r.scan_region()?;
    let e = r.t.entry_block();
    let state = r.observe_entry(e, locals_used, names_used)?;
    let call = r.edge(entry.header, state)?;
    r.t.set_term(e, Terminator::Jump(call));
    while let Some((pc, b, st)) = r.queue.pop_front() {
        r.run_block(pc, b, st)?;
    }
    if let Some(at) = r.redo_store_at {
        return abort(at, "an exit that would store into an array twice");
    }
    // Every path left to the interpreter before the loop came round.
    if let Some(left) = r.left.filter(|_| !r.closes) {
        return Err(left);
    }
    // A trace that makes nothing has no arena to drop (and its loops stay
    // free of calls).
    let is_call = |i: &Inst, f: &dyn Fn(RtFn) -> bool| matches!(i.kind, InstKind::Call { f: g, .. } if f(g));
    if !r.t.blocks.iter().any(|b| b.insts.iter().any(|i| is_call(i, &|g| g.allocates()))) {
        for b in &mut r.t.blocks {
            b.insts.retain(|i| !is_call(i, &|g| matches!(g, RtFn::ArenaReset | RtFn::ArenaKeep)));
        }
    }
    let iters = entry.iters.iter().map(|(k, _)| k.clone()).collect();
    Ok(Recording { trace: r.t, checks: r.checks, names: r.names, iters, single_thread: r.reads_lists, inst_keys: r.key_layouts })
}

/// Each list iterator of `kind`: its number among the lists and the
/// position of its index among the state values.
fn list_indices(kind: &IterKind) -> Vec<(usize, usize, bool)> {
    fn walk(kind: &IterKind, at: &mut usize, out: &mut Vec<(usize, usize, bool)>) {
        match kind {
            IterKind::List | IterKind::Reversed => {
                out.push((out.len(), *at, *kind == IterKind::Reversed));
                *at += 1;
            }
            IterKind::Enumerate(inner) => {
                *at += 1;
                walk(inner, at, out);
            }
            IterKind::Zip(its) => its.iter().for_each(|it| walk(it, at, out)),
        }
    }
    let mut out = Vec::new();
    walk(kind, &mut 0, &mut out);
    out
}

impl Recorder<'_, '_> {
    /// Interprets from `pc` in block `b` until control leaves the block.
    fn run_block(&mut self, start: u32, mut b: Block, mut st: State) -> R<()> {
        let mut pc = start;
        let code = self.code(st.ctx);
        let block_start = (st.ctx, start);
        loop {
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
            let at = At { pc, next, code: &code, pre: &pre, ins: &ins };
            let flow = match &ins.op {
                Op::Nop => Flow::Next(b),
                Op::LoadFast(_) | Op::LoadFast2(..) | Op::StoreFast(_) | Op::StoreFast2(..) | Op::StoreFastLoadFast(..) => self.op_fast(b, &mut st, &at)?,
                Op::LoadFastAndClear(n) => self.op_load_fast_and_clear(b, &mut st, &at, *n)?,
                Op::ListAppend(i) => self.op_list_append(b, &mut st, &at, *i)?,
                Op::LoadName(n) | Op::LoadGlobal { name: n, .. } => self.op_load_global(b, &mut st, &at, *n)?,
                Op::StoreName(n) | Op::StoreGlobal(n) => self.op_store_global(b, &mut st, &at, *n)?,
                Op::LoadConst(c) => self.op_load_const(b, &mut st, &at, c)?,
                Op::CopyFreeVars(n) => self.op_copy_free_vars(b, &mut st, &at, *n)?,
                Op::LoadDeref(i) => self.op_load_deref(b, &mut st, &at, *i)?,
                Op::LoadAttr { name, method } => self.op_load_attr(b, &mut st, &at, *name, *method)?,
                Op::StoreAttr(name) => self.op_store_attr(b, &mut st, &at, *name)?,
                Op::PushNull => {
                    st.stack.push(Av::Null);
                    Flow::Next(b)
                }
                Op::PopTop | Op::PopIter | Op::EndFor => {
                    Self::pop(&mut st, pc)?;
                    Flow::Next(b)
                }
                Op::Copy(n) => self.op_copy(b, &mut st, &at, *n)?,
                Op::BuildTuple(n) => self.op_build_tuple(b, &mut st, &at, *n)?,
                Op::BuildList(n) => self.op_build_list(b, &mut st, &at, *n)?,
                Op::UnpackSequence(n) => self.op_unpack_sequence(b, &mut st, &at, *n)?,
                Op::Swap(n) => self.op_swap(b, &mut st, &at, *n)?,
                Op::BinaryOp(kind) | Op::InplaceOp(kind) => self.op_binary(b, &mut st, &at, *kind)?,
                Op::CompareOp { kind, .. } => self.op_compare(b, &mut st, &at, *kind)?,
                Op::ContainsOp { invert } => self.op_contains(b, &mut st, &at, *invert)?,
                Op::IsOp { invert } => self.op_is(b, &mut st, &at, *invert)?,
                Op::UnaryNegative => self.op_negative(b, &mut st, &at)?,
                Op::UnaryInvert => self.op_invert(b, &mut st, &at)?,
                Op::UnaryNot | Op::ToBool => self.op_not(b, &mut st, &at)?,
                Op::PopJumpIf { target, when } => self.op_pop_jump_if(b, &mut st, &at, *target, *when)?,
                Op::PopJumpIfNone { target, when_none } => self.op_pop_jump_if_none(b, &mut st, &at, *target, *when_none)?,
                Op::Jump(target) => self.op_jump(b, &mut st, &at, *target)?,
                Op::ForIter { exhausted } => self.op_for_iter(b, &mut st, &at, *exhausted)?,
                Op::GetIter => self.op_get_iter(b, &mut st, &at)?,
                Op::Call(argc) | Op::CallKw(argc) => self.op_call(b, &mut st, &at, *argc)?,
                Op::ReturnValue if !st.callers.is_empty() => self.op_return_to_caller(b, &mut st, &at)?,
                Op::ReturnValue => self.op_return(b, &mut st, &at)?,
                Op::StoreSubscr => self.op_store_subscr(b, &mut st, &at)?,
                Op::BuildSlice(n) => self.op_build_slice(b, &mut st, &at, *n)?,
                Op::BinarySlice => self.op_binary_slice(b, &mut st, &at)?,
                Op::StoreSlice => self.op_store_slice(b, &mut st, &at)?,
                Op::Other(what) => self.leave(b, pc, &pre, format!("unsupported instruction {what}"))?,
            };
            match flow {
                Flow::Next(to) => b = to,
                Flow::Done => return Ok(()),
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
            Av::V(_) | Av::Obj(_) | Av::Np(_) | Av::NpS(..) | Av::Complex(..) | Av::Dict(_) | Av::BoundList { .. } => Ok(()),
            Av::Arr(k) if self.arrays[k as usize].entry_obj.is_some() => Ok(()),
            Av::List(_) | Av::Row { .. } | Av::Rows { .. } | Av::Inst { .. } | Av::Slice(_) => Ok(()),
            Av::Arr(k) if !self.arrays[k as usize].stack_view() => Ok(()),
            Av::Tuple(t) => self.tuples[t as usize].iter().try_for_each(|e| self.check_storable(*e, pc)),
            Av::Arr(_) => abort(pc, "a row of an array stored in a variable"),
            _ => abort(pc, "storing an iterator or a stack object in a variable"),
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

    /// The parameters of `f` for a call with `given` arguments, the last
    /// `kw.len()` of them passed by these names: positional ones first,
    /// keyword ones by name, defaults for the rest. `None` for a call
    /// Python refuses with a TypeError (too many arguments, a name twice
    /// or unknown, a parameter missing).
    fn bind_args(&mut self, b: Block, f: &Callee, given: Vec<Av>, kw: &[String], pc: u32) -> R<Option<Vec<Av>>> {
        let need = f.argcount as usize;
        let npos = given.len().saturating_sub(kw.len());
        if npos > need {
            return Ok(None);
        }
        let mut slots: Vec<Option<Av>> = vec![None; need];
        for (k, av) in given[..npos].iter().enumerate() {
            slots[k] = Some(*av);
        }
        for (name, av) in kw.iter().zip(&given[npos..]) {
            match f.code.varnames[..need.min(f.code.varnames.len())].iter().position(|p| p == name) {
                Some(k) if slots[k].is_none() => slots[k] = Some(*av),
                _ => return Ok(None),
            }
        }
        let first_default = need - f.defaults.len().min(need);
        let mut args = Vec::with_capacity(need);
        for (k, slot) in slots.into_iter().enumerate() {
            let av = match slot {
                Some(av) => av,
                None if k >= first_default => match &f.defaults[k - first_default] {
                    Const::Int(x) => Av::V(self.t.const_i64(b, *x)),
                    Const::Float(x) => Av::V(self.t.const_f64(b, *x)),
                    Const::Bool(x) => Av::V(self.t.const_bool(b, *x)),
                    Const::None => Av::Obj(self.none_id()),
                    // A str (`mode="lin"`): an object, compared by value.
                    Const::Other(_) if let Some(id) = f.default_strs[k - first_default] => Av::Obj(id),
                    Const::Names(_) | Const::Other(_) | Const::Tuple(_) | Const::Slice(_) | Const::Complex(..) => {
                        return abort(pc, "a default that is not a number");
                    }
                },
                None => return Ok(None),
            };
            args.push(av);
        }
        Ok(Some(args))
    }

    /// Records the body of `f` called at `pc` with `args` (bound to its
    /// parameters) in a new frame; the caller is suspended with its stack
    /// as it is (the call's return pops what the instruction at `pc` took).
    fn enter_call(&mut self, b: Block, mut st: State, pc: u32, f: &Callee, args: &[Av], ctor: Option<Av>) -> R<Flow> {
        let ctx = self.ctx_for(st.ctx, pc, f);
        let mut locals = vec![Av::Unbound; f.code.varnames.len()];
        locals[..args.len()].copy_from_slice(args);
        let caller = Suspended {
            ctx: st.ctx,
            locals: std::mem::replace(&mut st.locals, locals),
            stack: std::mem::take(&mut st.stack),
            call_pc: pc,
            stores: st.stores,
            ctor,
            ctor_keys: Vec::new(),
        };
        st.callers.push(caller);
        st.ctx = ctx;
        let start = f.code.instrs.first().map(|i| i.index).unwrap_or(0);
        if self.blocks.contains_key(&(ctx, start)) || !self.in_region(ctx, start) {
            let call = self.edge(start, st)?;
            self.t.set_term(b, Terminator::Jump(call));
            return Ok(Flow::Done);
        }
        // The callee goes on in the caller's block, so what the caller
        // knows stays known there: a branch on a constant argument
        // (`grid(2)`'s `if ndim == 1`) is decided while recording.
        self.no_stack_view(&st, pc)?;
        self.queue.push_back((start, b, st));
        Ok(Flow::Done)
    }

    /// For `x <kind> y` where an operand is an instance of a plain class:
    /// the Python method Python calls first and its arguments, where it is
    /// certain to be that one: `type(x).__op__(x, y)` for `y` a number or
    /// an instance of the same class, `type(y).__rop__(y, x)` for `x` a
    /// number. A class with an in-place method (`__iadd__`) is left alone:
    /// BINARY_OP's in-place forms are not told apart here.
    fn operator_method(&mut self, kind: BinKind, x: Av, y: Av) -> Option<(Callee, [Av; 2])> {
        let name = match kind {
            BinKind::Add => "add",
            BinKind::Sub => "sub",
            BinKind::Mul => "mul",
            BinKind::TrueDiv => "truediv",
            BinKind::FloorDiv => "floordiv",
            BinKind::Mod => "mod",
            BinKind::Pow => "pow",
            BinKind::MatMul => "matmul",
            BinKind::LShift => "lshift",
            BinKind::RShift => "rshift",
            BinKind::And => "and",
            BinKind::Or => "or",
            BinKind::Xor => "xor",
            BinKind::Subscr => return None,
        };
        let number = |a: &Av| matches!(a, Av::V(_) | Av::Np(_) | Av::Complex(..));
        let (f, args) = match (x, y) {
            (Av::Inst { class, .. }, other) if number(&other) || matches!(other, Av::Inst { class: c, .. } if c == class) => {
                if !matches!(self.world.class_attr(class, &format!("__i{name}__")), ClassAttr::Absent) {
                    return None;
                }
                let ClassAttr::Method(f) = self.world.class_attr(class, &format!("__{name}__")) else { return None };
                (f, [x, y])
            }
            (other, Av::Inst { class, .. }) if number(&other) => {
                let ClassAttr::Method(f) = self.world.class_attr(class, &format!("__r{name}__")) else { return None };
                (f, [y, x])
            }
            _ => return None,
        };
        let f = self.world.callee(f)?;
        (f.argcount == 2).then_some((f, args))
    }

    /// The context of `f`'s code inlined at `call_pc` of context `parent`.
    fn ctx_for(&mut self, parent: u32, call_pc: u32, f: &Callee) -> u32 {
        if let Some(i) =
            self.ctxs.iter().position(|c| c.parent == Some((parent, call_pc)) && c.code_obj == Some(f.code_obj) && c.cells == f.cells)
        {
            return i as u32;
        }
        self.ctxs.push(Ctx {
            code: f.code.clone(),
            parent: Some((parent, call_pc)),
            code_obj: Some(f.code_obj),
            cells: f.cells.clone(),
            globals: f.globals,
        });
        self.ctxs.len() as u32 - 1
    }

    /// `enumerate(x[, start])` and `zip(x, ...)` of lists or of iterators
    /// the trace made (each walks its lists with its own indices).
    fn iter_builtin(&mut self, b: Block, f: Builtin, args: &[Av], pc: u32) -> R<Av> {
        // Each part: structure, lists, state values, row addresses.
        type Part = (IterKind, Vec<ListSrc>, Vec<Value>, Vec<Value>);
        let part = |r: &mut Self, av: &Av| -> R<Part> {
            match *av {
                Av::List(k) => Ok((IterKind::List, vec![ListSrc::Entry(k)], vec![r.t.const_i64(b, 0)], vec![])),
                Av::Row { obj, elem } => Ok((IterKind::List, vec![ListSrc::Row(elem)], vec![r.t.const_i64(b, 0)], vec![obj])),
                Av::Iter { entry: None, shape, state } => {
                    let (kind, lists) = r.iter_shapes[shape as usize].clone();
                    let mut vals = r.iter_states[state as usize].clone();
                    let rows = vals.split_off(kind.num_values());
                    Ok((kind, lists, vals, rows))
                }
                _ => abort(pc, format!("{f:?} of something other than lists")),
            }
        };
        match (f, args) {
            (Builtin::Enumerate, [x] | [x, _]) => {
                let count = match args.get(1) {
                    None => self.t.const_i64(b, 0),
                    Some(Av::V(v)) if self.t.ty(*v) == Type::I64 => *v,
                    Some(_) => return abort(pc, "enumerate() with a start other than an int"),
                };
                let (kind, lists, vals, rows) = part(self, x)?;
                let vals = std::iter::once(count).chain(vals).chain(rows).collect();
                Ok(self.new_iter(None, IterKind::Enumerate(Box::new(kind)), lists, vals))
            }
            // reversed(range(...)) of a constant step: the same values
            // from the last down (CPython's own reversed range iterator).
            (Builtin::Reversed, [Av::Range { start, step, len, .. }]) if self.t.const_bits(*step).is_some_and(|s| s as i64 != i64::MIN) => {
                let idx = self.t.const_i64(b, 0);
                let one = self.t.const_i64(b, 1);
                let last = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::ISubWrap, a: *len, b: one });
                // The last value lies in the range: no overflow (an empty
                // range gives none, whatever the wrapped start).
                let off = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: last, b: *step });
                let start = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: *start, b: off });
                let step = self.t.const_i64(b, (self.t.const_bits(*step).unwrap() as i64).wrapping_neg());
                Ok(Av::RangeIter { entry: None, start, step, len: *len, idx })
            }
            // reversed(lst): from its last item down.
            (Builtin::Reversed, [Av::List(_) | Av::Row { .. }]) => {
                let (obj, src, rows) = match args[0] {
                    Av::List(k) => (self.lists[k as usize].obj, ListSrc::Entry(k), vec![]),
                    Av::Row { obj, elem } => (obj, ListSrc::Row(elem), vec![obj]),
                    _ => unreachable!(),
                };
                let n = self.list_len(b, obj);
                let one = self.t.const_i64(b, 1);
                let last = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::ISubWrap, a: n, b: one });
                let vals = std::iter::once(last).chain(rows).collect();
                Ok(self.new_iter(None, IterKind::Reversed, vec![src], vals))
            }
            (Builtin::Zip, [_, ..]) => {
                let (mut kinds, mut lists, mut vals, mut rows) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
                for a in args {
                    let (k, l, v, r) = part(self, a)?;
                    kinds.push(k);
                    lists.extend(l);
                    vals.extend(v);
                    rows.extend(r);
                }
                vals.extend(rows);
                Ok(self.new_iter(None, IterKind::Zip(kinds), lists, vals))
            }
            _ => abort(pc, format!("{f:?} with these arguments")),
        }
    }

    /// FOR_ITER over an iterator of lists. Python's list iterator reads
    /// `lst[i]` while `i < len(lst)`, with the list's length now (the body
    /// may grow or shrink it). The loop goes on while every list has an
    /// element left; the item is read with its type checked (an element of
    /// another type exits to this FOR_ITER, which the interpreter redoes).
    /// When one runs out: a trace-made iterator is dropped by the loop's
    /// end, which the trace goes on to; one the frame holds exits to this
    /// FOR_ITER, so the interpreter finishes it exactly (zip advances the
    /// iterators before the exhausted one, and iterators become exhausted).
    #[allow(clippy::too_many_arguments)]
    fn iter_next(&mut self, b: Block, st: &mut State, entry: Option<u32>, shape: u32, state: u32, pc: u32, exhausted: u32, pre: &State) -> R<Block> {
        let (kind, lists) = self.iter_shapes[shape as usize].clone();
        let vals = self.iter_states[state as usize].clone();
        let leaves: Vec<(Value, Option<Elem>)> = (0..lists.len()).map(|leaf| self.iter_list(&kind, &lists, &vals, leaf)).collect();
        let mut more = None;
        let mut lens = Vec::new();
        for (leaf, v, reversed) in list_indices(&kind) {
            let len = self.list_len(b, leaves[leaf].0);
            lens.push(len);
            let mut c = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: vals[v], b: len });
            if reversed {
                let zero = self.t.const_i64(b, 0);
                let ge = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ge, a: vals[v], b: zero });
                c = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: c, b: ge });
            }
            more = Some(match more {
                None => c,
                Some(m) => self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: m, b: c }),
            });
        }
        let more = more.ok_or_else(|| Abort { pc, reason: "zip() of nothing".into() })?;
        let done = match entry {
            Some(_) => self.exit_call(pc, st, "iterator exhausted"),
            None => self.edge(exhausted, st.clone())?,
        };
        let body = self.t.new_block(&[]);
        self.t.set_term(b, Terminator::Branch { cond: more, then: BlockCall { block: body, args: vec![] }, els: done });
        let mut new_vals = vals.clone();
        let (mut leaf, mut v) = (0, 0);
        let item = self.iter_item(body, &kind, &leaves, &vals, &lens, &mut new_vals, &mut leaf, &mut v, pc, pre)?;
        let it = self.new_iter(entry, kind, lists, new_vals);
        *st.stack.last_mut().unwrap() = it;
        st.stack.push(item);
        Ok(body)
    }

    /// The object and elements of an iterator's `leaf`-th list.
    fn iter_list(&self, kind: &IterKind, lists: &[ListSrc], vals: &[Value], leaf: usize) -> (Value, Option<Elem>) {
        match lists[leaf] {
            ListSrc::Entry(k) => (self.lists[k as usize].obj, self.lists[k as usize].elem),
            ListSrc::Row(t) => {
                let before = lists[..leaf].iter().filter(|l| matches!(l, ListSrc::Row(_))).count();
                (vals[kind.num_values() + before], Some(Elem::Num(t)))
            }
        }
    }

    /// The item one step gives, and the state after it in `new_vals`.
    #[allow(clippy::too_many_arguments)]
    fn iter_item(
        &mut self,
        b: Block,
        kind: &IterKind,
        leaves: &[(Value, Option<Elem>)],
        vals: &[Value],
        lens: &[Value],
        new_vals: &mut [Value],
        leaf: &mut usize,
        v: &mut usize,
        pc: u32,
        pre: &State,
    ) -> R<Av> {
        match kind {
            IterKind::List | IterKind::Reversed => {
                let (obj, elem) = leaves[*leaf];
                let Some(elem) = elem else {
                    return abort(pc, "iterating over a list whose elements are not all int, all float, all bool or all such lists");
                };
                let exit = self.exit_here(pc, pre, "an element of another type");
                let x = self.read_elem(b, obj, elem, vals[*v], Some(lens[*leaf]), exit, pc)?;
                let one = self.t.const_i64(b, 1);
                let op = if *kind == IterKind::Reversed { BinOp::ISubWrap } else { BinOp::IAddWrap };
                new_vals[*v] = self.t.push(b, Type::I64, InstKind::Binary { op, a: vals[*v], b: one });
                *leaf += 1;
                *v += 1;
                Ok(x)
            }
            IterKind::Enumerate(inner) => {
                let at = *v;
                *v += 1;
                let item = self.iter_item(b, inner, leaves, vals, lens, new_vals, leaf, v, pc, pre)?;
                let one = self.t.const_i64(b, 1);
                let exit = self.exit_here(pc, pre, "enumerate's count overflows");
                new_vals[at] = self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: vals[at], b: one, exit });
                Ok(self.new_tuple(vec![Av::V(vals[at]), item]))
            }
            IterKind::Zip(its) => {
                let mut items = Vec::new();
                for it in its {
                    items.push(self.iter_item(b, it, leaves, vals, lens, new_vals, leaf, v, pc, pre)?);
                }
                Ok(self.new_tuple(items))
            }
        }
    }

    /// `lst[i] = v` for a number `v` (see `store_boxed`); through the
    /// runtime without the VM's layout. Returns the block the code goes on
    /// in.
    fn list_store(&mut self, b: Block, obj: Value, i: Value, v: Value, exit: ExitId) -> Block {
        let slow = InstKind::Call { f: RtFn::ListSet(self.t.ty(v)), args: vec![obj, i, v], exit: Some(exit) };
        if self.layout.is_none() {
            self.t.block_mut(b).insts.push(Inst { result: None, kind: slow });
            return b;
        }
        let slot = self.list_slot(b, obj, i, None, exit);
        self.store_boxed(b, slot, v, exit, slow)
    }

    /// `random.<rf>(args)`: a call of the interpreter's own function (its
    /// Mersenne Twister state is the one the program sees), with numbers
    /// it accepts; randint's empty range exits first (the interpreter
    /// raises).
    fn random_call(&mut self, b: Block, id: u32, rf: RandomFn, args: &[Av], pc: u32, pre: &State) -> R<Value> {
        let mut nums = Vec::new();
        for a in args {
            match a {
                Av::V(v) => nums.push(self.as_int_or_float(b, *v)),
                _ => return abort(pc, format!("random.{rf:?} of something other than Python numbers")),
            }
        }
        if rf != RandomFn::Gauss
            && let Some(inst) = self.world.random_instance(id)
        {
            return self.mt_call(b, inst, rf, &nums, pc, pre);
        }
        let Some(addr) = self.world.obj_addr(id) else {
            return abort(pc, "a random call without the function's address");
        };
        let (x, y) = match (rf, &nums[..]) {
            (RandomFn::Random, []) => {
                let z = self.t.const_i64(b, 0);
                (z, z)
            }
            (RandomFn::Uniform | RandomFn::Gauss, [x, y]) => (*x, *y),
            (RandomFn::Randint, [x, y]) if self.t.ty(*x) == Type::I64 && self.t.ty(*y) == Type::I64 => {
                let ok = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Le, a: *x, b: *y });
                let empty = self.exit_here(pc, pre, "randint of an empty range");
                self.t.push_guard(b, ok, true, empty);
                (*x, *y)
            }
            _ => return abort(pc, format!("random.{rf:?} with these arguments")),
        };
        let f = RtFn::Random { f: rf, a: self.t.ty(x), b: self.t.ty(y) };
        let exit = self.exit_here(pc, pre, "random call failed");
        let func = self.t.const_i64(b, addr as i64);
        let ty = f.result().expect("random calls return a number");
        Ok(self.t.push(b, ty, InstKind::Call { f, args: vec![func, x, y], exit: Some(exit) }))
    }

    /// `random()`, `uniform(a, b)` and `randint(a, b)` drawn straight from
    /// the generator of the instance at `inst`, computed as random.py does:
    /// `a + (b - a) * random()` and `a + _randbelow(b - a + 1)`. What
    /// could raise or leave the i64 range (an empty range, a width past
    /// 2**63) exits before the draw.
    fn mt_call(&mut self, b: Block, inst: u64, rf: RandomFn, nums: &[Value], pc: u32, pre: &State) -> R<Value> {
        let inst = self.t.const_i64(b, inst as i64);
        let before = self.exit_here(pc, pre, "random's arguments leave the compiled path");
        match (rf, nums) {
            (RandomFn::Random, []) => Ok(self.t.push(b, Type::F64, InstKind::Call { f: RtFn::MtRandom, args: vec![inst], exit: Some(before) })),
            (RandomFn::Uniform, [x, y]) => {
                // b - a: exact for ints (a difference past i64 exits), then
                // a float like the product with random().
                let width = match (self.t.ty(*x), self.t.ty(*y)) {
                    (Type::I64, Type::I64) => {
                        let d = self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::ISub, a: *y, b: *x, exit: before });
                        self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::IToF, a: d })
                    }
                    _ => {
                        let (fx, fy) = (self.as_float(b, *x), self.as_float(b, *y));
                        self.t.push(b, Type::F64, InstKind::Binary { op: BinOp::FSub, a: fy, b: fx })
                    }
                };
                let r = self.t.push(b, Type::F64, InstKind::Call { f: RtFn::MtRandom, args: vec![inst], exit: Some(before) });
                let scaled = self.t.push(b, Type::F64, InstKind::Binary { op: BinOp::FMul, a: width, b: r });
                let fx = self.as_float(b, *x);
                Ok(self.t.push(b, Type::F64, InstKind::Binary { op: BinOp::FAdd, a: fx, b: scaled }))
            }
            (RandomFn::Randint, [x, y]) if self.t.ty(*x) == Type::I64 && self.t.ty(*y) == Type::I64 => {
                let d = self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::ISub, a: *y, b: *x, exit: before });
                let one = self.t.const_i64(b, 1);
                let n = self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: d, b: one, exit: before });
                let zero = self.t.const_i64(b, 0);
                let ok = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: n, b: zero });
                self.t.push_guard(b, ok, true, before);
                let r = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::MtRandbelow, args: vec![inst, n], exit: Some(before) });
                // a <= a + r <= b: no overflow.
                Ok(self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: *x, b: r }))
            }
            _ => abort(pc, format!("random.{rf:?} with these arguments")),
        }
    }

    /// `len(lst)`: read from the list, or through the runtime.
    fn list_len(&mut self, b: Block, obj: Value) -> Value {
        match self.layout {
            Some(l) => {
                self.reads_lists = true;
                let addr = self.offset(b, obj, l.list_len);
                self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr })
            }
            None => self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ListLen, args: vec![obj], exit: None }),
        }
    }

    /// `lst[i]`, an element of type `elem` (else `exit`). With the VM's
    /// layout it is read directly (see `list_slot` and `unbox`); without
    /// it, one call.
    fn list_get(&mut self, b: Block, list: Value, elem: Type, i: Value, len: Option<Value>, exit: ExitId) -> Value {
        if self.layout.is_none() {
            return self.t.push(b, elem, InstKind::Call { f: RtFn::ListGet(elem), args: vec![list, i], exit: Some(exit) });
        }
        let slot = self.list_slot(b, list, i, len, exit);
        let obj = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: slot });
        self.unbox(b, obj, elem, exit)
    }

    /// The object at `obj`, an attribute's value seen as `fo`: a row (its
    /// class checked) or an instance (class and dict checked).
    fn field_object(&mut self, b: Block, obj: Value, fo: FieldObj, exit: ExitId, pc: u32) -> R<Av> {
        let l = self.layout.expect("a layout to read attributes with");
        match fo {
            FieldObj::Row(elem) => {
                self.guard_class(b, obj, l.list_type, exit);
                Ok(Av::Row { obj, elem })
            }
            FieldObj::Inst(class) => {
                self.class_checked(class, pc)?;
                let Some(class_addr) = self.world.obj_addr(class) else {
                    return abort(pc, "a class without its address");
                };
                self.guard_class(b, obj, class_addr, exit);
                let slots = self.keys_of(class).map(|k| self.check_keys(b, obj, k, exit));
                Ok(Av::Inst { obj, class, slots })
            }
        }
    }

    /// The number type instances of `class` hold under `attr`: the one
    /// those seen at recording held, or else the one the trace stores (an
    /// attribute of instances only the trace makes); reads check it.
    fn field_type(&mut self, class: u32, attr: &str) -> Option<Type> {
        self.world.field(class, attr).or_else(|| self.stored.get(&(class, attr.to_owned())).copied().flatten())
    }

    /// The trace stores a number of type `ty` into `attr` of `class`'s
    /// instances: what a read of it may expect, where no instance seen at
    /// recording holds it (None once the stores disagree).
    fn note_stored(&mut self, class: u32, attr: &str, ty: Type) {
        let e = self.stored.entry((class, attr.to_owned())).or_insert(Some(ty));
        if *e != Some(ty) {
            *e = None;
        }
    }

    /// Whether `o` is the new instance the constructor being recorded is
    /// making (its attribute stores are no store an exit could repeat: an
    /// exit inside `__init__` redoes the whole call).
    fn making(&self, st: &State, o: Value) -> bool {
        self.fresh.contains(&o)
            && st.callers.last().is_some_and(|c| c.ctor.is_some())
            && matches!(st.locals.first(), Some(Av::Inst { obj, .. }) if *obj == o)
    }

    /// After a store through the runtime that may add `attr` to the dict of
    /// `o` (of `class`): a new instance's keys, in the order its dict gets
    /// them; and a new key may move the dict's entries, so the class's
    /// instances (any may be this one, unless it is new) are read through
    /// the runtime from here on.
    fn key_maybe_added(&mut self, st: &mut State, o: Value, class: u32, attr: &str, making: bool) {
        st.known.clear();
        if making
            && let Some(name) = self.world.name_obj(attr).and_then(|id| self.world.obj_addr(id))
            && let Some(c) = st.callers.last_mut()
            && !c.ctor_keys.contains(&name)
        {
            c.ctor_keys.push(name);
        }
        let fresh = self.fresh.contains(&o);
        for av in st.avs_mut() {
            if let Av::Inst { obj: o2, class: c, slots } = av
                && *c == class
                && (!fresh || *o2 == o)
            {
                *slots = None;
            }
        }
    }

    /// `lst.<name>(*args)` of a list method the trace calls (the list at
    /// `obj`, seen holding `elem`): what the call gives, or None where it
    /// is left to the interpreter.
    fn list_method_call(&mut self, b: Block, name: &str, obj: Value, elem: Option<Elem>, args: &[Av], pc: u32, pre: &State) -> R<Option<Av>> {
        let int = |r: &Self, a: &Av| match a {
            Av::V(v) if r.t.ty(*v) == Type::I64 => Some(*v),
            _ => None,
        };
        let none = Av::Obj(self.none_id());
        let call = |r: &mut Self, f: RtFn, args: Vec<Value>, exit: Option<ExitId>| match f.result() {
            Some(ty) => Some(r.t.push(b, ty, InstKind::Call { f, args, exit })),
            None => {
                r.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f, args, exit } });
                None
            }
        };
        Ok(Some(match (name, args) {
            ("append", [x]) => {
                let (f, x) = self.append_call(b, *x, pc, pre)?;
                call(self, f, vec![obj, x], None);
                none
            }
            ("pop", [] | [_]) => {
                // Numbers only: compiled code may hold another element's
                // address, which the list must keep alive.
                let (Some(Elem::Num(ty)), Some(i)) = (elem, args.first().map_or(Some(None), |a| int(self, a).map(Some))) else {
                    return Ok(None);
                };
                let i = i.unwrap_or_else(|| self.t.const_i64(b, -1));
                let exit = self.exit_here(pc, pre, "pop from an empty list, an index out of range or another type");
                Av::V(call(self, RtFn::ListPop(ty), vec![obj, i], Some(exit)).expect("pop gives a number"))
            }
            ("insert", [i, Av::V(x)]) => {
                let Some(i) = int(self, i) else { return Ok(None) };
                let ty = self.t.ty(*x);
                call(self, RtFn::ListInsert(ty), vec![obj, i, *x], None);
                none
            }
            ("reverse", []) => {
                call(self, RtFn::ListReverse, vec![obj], None);
                none
            }
            // Lists of numbers only (checked when called): nothing the
            // trace may hold is dropped, and comparing numbers cannot raise.
            ("sort" | "clear", []) => {
                let f = if name == "sort" { RtFn::ListSort } else { RtFn::ListClear };
                let exit = self.exit_here(pc, pre, "a list of other than numbers");
                call(self, f, vec![obj], Some(exit));
                none
            }
            ("extend", [other]) => {
                let Some((other, _)) = self.list_of(*other) else { return Ok(None) };
                call(self, RtFn::ListExtend, vec![obj, other], None);
                none
            }
            // Not of a float (a nan is found by identity, lost unboxed).
            ("index" | "count", [Av::V(x)]) if self.t.ty(*x) != Type::F64 => {
                let ty = self.t.ty(*x);
                let f = if name == "index" { RtFn::ListIndex(ty) } else { RtFn::ListCount(ty) };
                let exit = self.exit_here(pc, pre, "a value not in the list");
                Av::V(call(self, f, vec![obj, *x], Some(exit)).expect("an int"))
            }
            ("copy", []) => {
                let Some(Elem::Num(ty)) = elem else { return Ok(None) };
                let (zero, max, one) = (self.t.const_i64(b, 0), self.t.const_i64(b, i64::MAX), self.t.const_i64(b, 1));
                let exit = self.exit_here(pc, pre, "too many objects made in one run");
                let s = call(self, RtFn::SliceNew, vec![zero, max, one], Some(exit)).expect("a slice");
                let new = call(self, RtFn::ListGetSlice, vec![obj, s], Some(exit)).expect("a list");
                Av::Row { obj: new, elem: ty }
            }
            _ => return Ok(None),
        }))
    }

    /// `_numpy._unary(name, x)` of a Python or numpy number, for the ufuncs
    /// whose float64 result the module computes with the same libm
    /// function (an int is taken as a float first, as numpy does). None
    /// for other ufuncs and operands.
    fn np_unary(&mut self, b: Block, args: &[Av]) -> Option<Value> {
        let [Av::Obj(name), x] = args else { return None };
        let name = self.world.str_value(*name)?;
        let x = match *x {
            Av::V(v) | Av::Np(v) if self.t.ty(v) == Type::F64 => v,
            Av::V(v) | Av::Np(v) if self.t.ty(v) == Type::I64 && name == "sign" => {
                // An int's sign is an int64.
                let zero = self.t.const_i64(b, 0);
                let (one, minus) = (self.t.const_i64(b, 1), self.t.const_i64(b, -1));
                let pos = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: v, b: zero });
                let neg = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: v, b: zero });
                let r = self.t.push(b, Type::I64, InstKind::Select { cond: neg, a: minus, b: zero });
                return Some(self.t.push(b, Type::I64, InstKind::Select { cond: pos, a: one, b: r }));
            }
            // These keep an int an int64.
            Av::V(v) | Av::Np(v)
                if self.t.ty(v) == Type::I64
                    && !matches!(name.as_str(), "absolute" | "abs" | "fabs" | "negative" | "square" | "floor" | "ceil" | "trunc" | "rint") =>
            {
                self.as_float(b, v)
            }
            _ => return None,
        };
        // The predicates (numpy bools) and sign, as the module computes them.
        let fzero = self.t.const_f64(b, 0.0);
        let is_nan = |t: &mut Trace| t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: x, b: x });
        match name.as_str() {
            "isnan" => return Some(is_nan(&mut self.t)),
            "isinf" | "isfinite" => {
                let inf = self.t.const_f64(b, f64::INFINITY);
                let ax = self.t.push(b, Type::F64, InstKind::Math { f: MathFn::Fabs, args: vec![x], exit: None });
                let op = if name == "isinf" { BinOp::Eq } else { BinOp::Lt };
                return Some(self.t.push(b, Type::Bool, InstKind::Binary { op, a: ax, b: inf }));
            }
            "logical_not" => return Some(self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: x, b: fzero })),
            "sign" => {
                let nan = is_nan(&mut self.t);
                let pos = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: x, b: fzero });
                let neg = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: x, b: fzero });
                let (one, minus) = (self.t.const_f64(b, 1.0), self.t.const_f64(b, -1.0));
                let r = self.t.push(b, Type::F64, InstKind::Select { cond: neg, a: minus, b: fzero });
                let r = self.t.push(b, Type::F64, InstKind::Select { cond: pos, a: one, b: r });
                return Some(self.t.push(b, Type::F64, InstKind::Select { cond: nan, a: x, b: r }));
            }
            _ => {}
        }
        let math = |f: MathFn| Some(f);
        let f = match name.as_str() {
            "sqrt" => math(MathFn::Sqrt),
            "exp" => math(MathFn::Exp),
            "expm1" => math(MathFn::Expm1),
            "log" => math(MathFn::Log),
            "log2" => math(MathFn::Log2),
            "log10" => math(MathFn::Log10),
            "log1p" => math(MathFn::Log1p),
            "sin" => math(MathFn::Sin),
            "cos" => math(MathFn::Cos),
            "tan" => math(MathFn::Tan),
            "arcsin" => math(MathFn::Asin),
            "arccos" => math(MathFn::Acos),
            "arctan" => math(MathFn::Atan),
            "sinh" => math(MathFn::Sinh),
            "cosh" => math(MathFn::Cosh),
            "tanh" => math(MathFn::Tanh),
            "floor" => math(MathFn::Floor),
            "ceil" => math(MathFn::Ceil),
            "trunc" => math(MathFn::Trunc),
            "rint" => math(MathFn::RoundEven),
            "absolute" | "abs" | "fabs" => math(MathFn::Fabs),
            "negative" | "square" => None,
            _ => return None,
        };
        Some(match (f, name.as_str()) {
            (Some(f), _) => self.t.push(b, Type::F64, InstKind::Math { f, args: vec![x], exit: None }),
            (None, "negative") => self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FNeg, a: x }),
            _ => self.t.push(b, Type::F64, InstKind::Binary { op: BinOp::FMul, a: x, b: x }),
        })
    }

    /// `_numpy._binary(name, x, y)` of two numbers (not bools), as the
    /// module computes it: `maximum`/`minimum` (nan from either side
    /// propagates, of ints an int64), and of floats (an int taken as a
    /// float) `arctan2`, `hypot`, `copysign` and `power` (C's functions,
    /// nan or inf where Python would raise). None for anything else.
    fn np_binary_scalar(&mut self, b: Block, args: &[Av]) -> Option<Value> {
        let [Av::Obj(name), x, y] = args else { return None };
        let name = self.world.str_value(*name)?;
        let num = |a: &Av| match *a {
            Av::V(v) | Av::Np(v) => Some(v),
            _ => None,
        };
        let (x, y) = (num(x)?, num(y)?);
        let (tx, ty) = (self.t.ty(x), self.t.ty(y));
        if tx == Type::Bool || ty == Type::Bool {
            return None;
        }
        if tx == Type::I64 && ty == Type::I64 {
            let op = match name.as_str() {
                "maximum" => BinOp::Ge,
                "minimum" => BinOp::Le,
                _ => return None,
            };
            let keep = self.t.push(b, Type::Bool, InstKind::Binary { op, a: x, b: y });
            return Some(self.t.push(b, Type::I64, InstKind::Select { cond: keep, a: x, b: y }));
        }
        let (x, y) = (self.as_float(b, x), self.as_float(b, y));
        let math = |f| Some(f);
        let f = match name.as_str() {
            "maximum" | "minimum" => None,
            "arctan2" => math(MathFn::Atan2),
            "hypot" => math(MathFn::Hypot),
            "copysign" => math(MathFn::Copysign),
            "power" => math(MathFn::Pow),
            _ => return None,
        };
        if let Some(f) = f {
            return Some(self.t.push(b, Type::F64, InstKind::Math { f, args: vec![x, y], exit: None }));
        }
        // x if x is nan or x >= y (<= for minimum), else y.
        let op = if name == "maximum" { BinOp::Ge } else { BinOp::Le };
        let nan = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: x, b: x });
        let cmp = self.t.push(b, Type::Bool, InstKind::Binary { op, a: x, b: y });
        let keep = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BOr, a: nan, b: cmp });
        Some(self.t.push(b, Type::F64, InstKind::Select { cond: keep, a: x, b: y }))
    }

    /// A complex operand's parts, or a real number's value (an int or bool
    /// as a float) and None: the VM keeps a real operand real in mixed
    /// arithmetic (complex + float adds to the real part only).
    fn complex_parts(&mut self, b: Block, av: Av) -> Option<(Value, Option<Value>)> {
        match av {
            Av::Complex(re, im) => Some((re, Some(im))),
            Av::V(v) => Some((self.as_float(b, v), None)),
            _ => None,
        }
    }

    fn is_nan(&mut self, b: Block, x: Value) -> Value {
        self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: x, b: x })
    }

    /// Exits where both parts came out as nan: the VM then recovers
    /// infinities (C11 Annex G), which the interpreter does.
    fn guard_not_both_nan(&mut self, b: Block, re: Value, im: Value, exit: ExitId) {
        let (n1, n2) = (self.is_nan(b, re), self.is_nan(b, im));
        let both = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: n1, b: n2 });
        self.t.push_guard(b, both, false, exit);
    }

    /// `x <kind> y` where one is a complex, as the VM computes it (its
    /// formulas, in its order); its corner cases (a zero divisor, a nan
    /// result the VM would recover from) exit and the interpreter does
    /// them. None for an operator complex numbers do not take here.
    fn complex_binary(&mut self, b: Block, kind: BinKind, x: Av, y: Av, pc: u32, pre: &State) -> R<Option<Av>> {
        let (Some((a, p)), Some((c, q))) = (self.complex_parts(b, x), self.complex_parts(b, y)) else {
            return Ok(None);
        };
        let f = |r: &mut Self, op: BinOp, x: Value, y: Value| r.t.push(b, Type::F64, InstKind::Binary { op, a: x, b: y });
        let neg = |r: &mut Self, x: Value| r.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FNeg, a: x });
        let (re, im) = match (kind, p, q) {
            (BinKind::Add, Some(p), Some(q)) => (f(self, BinOp::FAdd, a, c), f(self, BinOp::FAdd, p, q)),
            (BinKind::Add, Some(p), None) => (f(self, BinOp::FAdd, a, c), p),
            (BinKind::Add, None, Some(q)) => (f(self, BinOp::FAdd, a, c), q),
            (BinKind::Sub, Some(p), Some(q)) => (f(self, BinOp::FSub, a, c), f(self, BinOp::FSub, p, q)),
            (BinKind::Sub, Some(p), None) => (f(self, BinOp::FSub, a, c), p),
            (BinKind::Sub, None, Some(q)) => (f(self, BinOp::FSub, a, c), neg(self, q)),
            (BinKind::Mul, Some(p), Some(q)) => {
                let (ac, pq, aq, pc_) = (f(self, BinOp::FMul, a, c), f(self, BinOp::FMul, p, q), f(self, BinOp::FMul, a, q), f(self, BinOp::FMul, p, c));
                let (re, im) = (f(self, BinOp::FSub, ac, pq), f(self, BinOp::FAdd, aq, pc_));
                let exit = self.exit_here(pc, pre, "a complex product the VM recovers");
                self.guard_not_both_nan(b, re, im, exit);
                (re, im)
            }
            (BinKind::Mul, Some(p), None) => (f(self, BinOp::FMul, a, c), f(self, BinOp::FMul, p, c)),
            (BinKind::Mul, None, Some(q)) => (f(self, BinOp::FMul, a, c), f(self, BinOp::FMul, a, q)),
            (BinKind::TrueDiv, p, None) => {
                let exit = self.exit_here(pc, pre, "complex division by zero");
                let zero = self.t.const_f64(b, 0.0);
                let nz = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: c, b: zero });
                self.t.push_guard(b, nz, true, exit);
                let p = p.expect("one operand is a complex");
                (f(self, BinOp::FDiv, a, c), f(self, BinOp::FDiv, p, c))
            }
            (BinKind::TrueDiv, p, Some(q)) => {
                // Divided by the larger part of the divisor (Smith's
                // method), both branches computed, one chosen.
                let exit = self.exit_here(pc, pre, "complex division by zero, or a quotient the VM recovers");
                let abs_re = self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FAbs, a: c });
                let abs_im = self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FAbs, a: q });
                let first = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ge, a: abs_re, b: abs_im });
                let zero = self.t.const_f64(b, 0.0);
                let is_zero = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: abs_re, b: zero });
                let by_zero = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: first, b: is_zero });
                self.t.push_guard(b, by_zero, false, exit);
                let r1 = f(self, BinOp::FDiv, q, c);
                let qr1 = f(self, BinOp::FMul, q, r1);
                let d1 = f(self, BinOp::FAdd, c, qr1);
                let r2 = f(self, BinOp::FDiv, c, q);
                let cr2 = f(self, BinOp::FMul, c, r2);
                let d2 = f(self, BinOp::FAdd, cr2, q);
                let (re1, im1, re2, im2) = match p {
                    Some(p) => {
                        let pr1 = f(self, BinOp::FMul, p, r1);
                        let n = f(self, BinOp::FAdd, a, pr1);
                        let re1 = f(self, BinOp::FDiv, n, d1);
                        let ar1 = f(self, BinOp::FMul, a, r1);
                        let n = f(self, BinOp::FSub, p, ar1);
                        let im1 = f(self, BinOp::FDiv, n, d1);
                        let ar2 = f(self, BinOp::FMul, a, r2);
                        let n = f(self, BinOp::FAdd, ar2, p);
                        let re2 = f(self, BinOp::FDiv, n, d2);
                        let pr2 = f(self, BinOp::FMul, p, r2);
                        let n = f(self, BinOp::FSub, pr2, a);
                        let im2 = f(self, BinOp::FDiv, n, d2);
                        (re1, im1, re2, im2)
                    }
                    None => {
                        // A real divided by a complex (no imaginary term).
                        let re1 = f(self, BinOp::FDiv, a, d1);
                        let na = neg(self, a);
                        let nar1 = f(self, BinOp::FMul, na, r1);
                        let im1 = f(self, BinOp::FDiv, nar1, d1);
                        let ar2 = f(self, BinOp::FMul, a, r2);
                        let re2 = f(self, BinOp::FDiv, ar2, d2);
                        let im2 = f(self, BinOp::FDiv, na, d2);
                        (re1, im1, re2, im2)
                    }
                };
                let re = self.t.push(b, Type::F64, InstKind::Select { cond: first, a: re1, b: re2 });
                let im = self.t.push(b, Type::F64, InstKind::Select { cond: first, a: im1, b: im2 });
                self.guard_not_both_nan(b, re, im, exit);
                (re, im)
            }
            _ => return Ok(None),
        };
        Ok(Some(Av::Complex(re, im)))
    }

    /// `x == y` or `x != y` where one is a complex: both parts equal (a
    /// real's imaginary part is 0, its real part compared exactly). None
    /// for an ordering (a TypeError) or another object.
    fn complex_eq(&mut self, b: Block, kind: CmpKind, x: Av, y: Av, pc: u32, pre: &State) -> R<Option<Value>> {
        if !matches!(kind, CmpKind::Eq | CmpKind::Ne) {
            return Ok(None);
        }
        let part = |r: &mut Self, av: Av| match av {
            Av::Complex(re, im) => Some((re, im)),
            Av::V(v) => Some((v, r.t.const_f64(b, 0.0))),
            _ => None,
        };
        let (Some((a, p)), Some((c, q))) = (part(self, x), part(self, y)) else { return Ok(None) };
        let re = self.compare(b, CmpKind::Eq, a, c, pc, pre)?;
        let im = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: p, b: q });
        let eq = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: re, b: im });
        Ok(Some(match kind {
            CmpKind::Eq => eq,
            _ => self.t.push(b, Type::Bool, InstKind::Unary { op: UnOp::BNot, a: eq }),
        }))
    }

    /// `complex(x)`, `complex(x, y)` of numbers, `complex(z)`, and `abs(z)`
    /// (its hypot; an infinite result exits, which is where the VM may
    /// raise OverflowError). None for other calls.
    fn complex_builtin(&mut self, b: Block, f: Builtin, args: &[Av], pc: u32, pre: &State) -> R<Option<Av>> {
        Ok(match (f, args) {
            (Builtin::Complex, [z @ Av::Complex(..)]) => Some(*z),
            (Builtin::Complex, [Av::V(x)]) => {
                let zero = self.t.const_f64(b, 0.0);
                Some(Av::Complex(self.as_float(b, *x), zero))
            }
            (Builtin::Complex, [Av::V(x), Av::V(y)]) => Some(Av::Complex(self.as_float(b, *x), self.as_float(b, *y))),
            (Builtin::Abs, [Av::Complex(re, im)]) => {
                let r = self.t.push(b, Type::F64, InstKind::Math { f: MathFn::Hypot, args: vec![*re, *im], exit: None });
                let inf = self.t.const_f64(b, f64::INFINITY);
                let finite = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: r, b: inf });
                let exit = self.exit_here(pc, pre, "an infinite absolute value");
                self.t.push_guard(b, finite, true, exit);
                Some(Av::V(r))
            }
            _ => None,
        })
    }

    /// `d[key]` ("get", a number of the type the dict's values were seen
    /// with; a missing key or another type exits), `d[key] = v` ("set") and
    /// `key in d` ("in"), through runtime calls; keys are numbers or str
    /// constants. None for other keys and values.
    fn dict_call(&mut self, b: Block, d: u32, op: &str, key: Av, v: Option<Value>, pc: u32, pre: &State) -> R<Option<Value>> {
        let (obj, val, _) = self.dicts[d as usize];
        let (k, key_ty) = match key {
            // Not a float: the interpreter finds a nan key by identity,
            // which an unboxed value has lost.
            Av::V(k) if self.t.ty(k) != Type::F64 => (k, Some(self.t.ty(k))),
            Av::Obj(id) if self.world.str_value(id).is_some() => match self.world.obj_addr(id) {
                Some(addr) => (self.t.const_i64(b, addr as i64), None),
                None => return Ok(None),
            },
            _ => return Ok(None),
        };
        let exit = self.exit_here(pc, pre, "a dict key missing, or a value of another type");
        Ok(match (op, v) {
            ("set", Some(v)) => {
                let f = RtFn::DictSet { key: key_ty, val: self.t.ty(v) };
                self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f, args: vec![obj, k, v], exit: Some(exit) } });
                Some(v)
            }
            ("in", None) => Some(self.t.push(b, Type::Bool, InstKind::Call { f: RtFn::DictContains { key: key_ty }, args: vec![obj, k], exit: Some(exit) })),
            ("get", None) => match val {
                Some(val) => Some(self.t.push(b, val, InstKind::Call { f: RtFn::DictGet { key: key_ty, val }, args: vec![obj, k], exit: Some(exit) })),
                None => None,
            },
            _ => None,
        })
    }

    /// A slice of these bounds (each an int, or None), made through the
    /// runtime. None bounds become the ints that mean the same whatever the
    /// list's length: 0 or the largest int for the start, the largest or
    /// smallest int for the stop, by the step's sign. None where a bound is
    /// something else.
    fn slice_new(&mut self, b: Block, start: Av, stop: Av, step: Option<Av>, exit: ExitId) -> Option<Av> {
        let none = Av::Obj(self.none_id());
        let step = match step {
            None => self.t.const_i64(b, 1),
            Some(a) if a == none => self.t.const_i64(b, 1),
            Some(Av::V(v)) if self.t.ty(v) != Type::F64 => self.as_int(b, v),
            Some(_) => return None,
        };
        let zero = self.t.const_i64(b, 0);
        let neg = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: step, b: zero });
        let bound = |r: &mut Self, a: Av, if_neg: i64, if_pos: i64| match a {
            Av::V(v) if r.t.ty(v) != Type::F64 => Some(r.as_int(b, v)),
            a if a == none => {
                let (n, p) = (r.t.const_i64(b, if_neg), r.t.const_i64(b, if_pos));
                Some(r.t.push(b, Type::I64, InstKind::Select { cond: neg, a: n, b: p }))
            }
            _ => None,
        };
        let start = bound(self, start, i64::MAX, 0)?;
        let stop = bound(self, stop, i64::MIN, i64::MAX)?;
        Some(Av::Slice(self.t.push(b, Type::I64, InstKind::Call { f: RtFn::SliceNew, args: vec![start, stop, step], exit: Some(exit) })))
    }

    /// The runtime call that appends `v` to a list, and its argument: a
    /// number, or an object the trace holds (a list it made or read, an
    /// instance, a tuple read from a list), of which the list takes a
    /// reference.
    fn append_call(&mut self, b: Block, v: Av, pc: u32, pre: &State) -> R<(RtFn, Value)> {
        Ok(match v {
            Av::V(x) => (RtFn::ListAppend(self.t.ty(x)), x),
            // A numpy scalar: the object, made through the runtime.
            Av::Np(x) => {
                let exit = self.exit_here(pc, pre, "too many objects made in one run");
                let o = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::BoxNp(self.t.ty(x)), args: vec![x], exit: Some(exit) });
                (RtFn::ListAppendObj, o)
            }
            Av::Row { obj, .. } => (RtFn::ListAppendObj, obj),
            Av::Inst { obj, .. } => {
                // Reachable through the list from now on, and maybe held
                // under other values too: no instance made so far counts
                // as new.
                self.fresh.clear();
                (RtFn::ListAppendObj, obj)
            }
            Av::Tuple(t) if self.tuple_obj[t as usize].is_some() => (RtFn::ListAppendObj, self.tuple_obj[t as usize].unwrap()),
            _ => return abort(pc, "appending something other than a number, a list, an instance or a tuple read from a list"),
        })
    }

    /// A constant tuple (`Code::const_tuples[k]` of `code`): a tuple the
    /// trace holds, of constants.
    fn const_tuple(&mut self, b: Block, code: &Code, k: u32) -> Av {
        let items: Vec<Av> = code.const_tuples[k as usize]
            .iter()
            .map(|c| match c {
                Const::Int(x) => Av::V(self.t.const_i64(b, *x)),
                Const::Float(x) => Av::V(self.t.const_f64(b, *x)),
                Const::Bool(x) => Av::V(self.t.const_bool(b, *x)),
                Const::None => Av::Obj(self.none_id()),
                Const::Complex(re, im) => Av::Complex(self.t.const_f64(b, *re), self.t.const_f64(b, *im)),
                Const::Tuple(j) => self.const_tuple(b, code, *j),
                Const::Names(_) | Const::Other(_) | Const::Slice(_) => unreachable!("decode makes tuples of these only"),
            })
            .collect();
        self.new_tuple(items)
    }

    /// For `[x] * n`: `x`, when the list `obj` is a one-element display
    /// made in this block that the state no longer holds; its making is
    /// then taken out of the block, and exits since (which saw it on the
    /// stack) make `[x]` themselves.
    fn fill_of(&mut self, b: Block, obj: Value, st: &State) -> Option<Value> {
        let &(made_in, x) = self.singletons.get(&obj)?;
        let mut seen = Vec::new();
        for av in st.avs() {
            self.av_args(av, &mut seen);
        }
        if made_in != b || seen.contains(&obj) {
            return None;
        }
        // Only where an exit hands it back as it is (not inside a tuple).
        let nested = self.t.exits.iter().any(|e| {
            let top = e.entries.iter().filter(|(_, v)| *v == SnapValue::ObjAt(obj)).count();
            e.values().iter().filter(|v| **v == obj).count() != top
        });
        if nested {
            return None;
        }
        let uses_obj = |i: &Inst| i.result == Some(obj) || matches!(&i.kind, InstKind::Call { f: RtFn::ListAppend(_), args, .. } if args[0] == obj);
        self.t.block_mut(b).insts.retain(|i| !uses_obj(i));
        for e in &mut self.t.exits {
            for (_, v) in &mut e.entries {
                if *v == SnapValue::ObjAt(obj) {
                    *v = SnapValue::List(vec![SnapValue::Val(x)]);
                }
            }
        }
        Some(x)
    }

    /// A list the trace holds (one checked at entry, or a row): its
    /// address and what its elements were seen to be.
    fn list_of(&self, av: Av) -> Option<(Value, Option<Elem>)> {
        match av {
            Av::List(k) => Some((self.lists[k as usize].obj, self.lists[k as usize].elem)),
            Av::Row { obj, elem } => Some((obj, Some(Elem::Num(elem)))),
            Av::Rows { obj, elem } => Some((obj, Some(Elem::Rows(elem)))),
            _ => None,
        }
    }

    /// `sum(lst)`, `min(lst)` or `max(lst)` of a list of numbers: a loop
    /// over it in the trace, in the builtins' order (sum adds from the int
    /// 0 left to right, so a float sum is 0.0 + x0 + x1 ...; min and max
    /// keep the first of equals and replace only on `<` or `>`, so a NaN
    /// behaves as in CPython). An element of another type, an int sum that
    /// overflows or an empty list for min/max exits to the call, which the
    /// interpreter makes again (the builtins have no effects). Returns the
    /// block the recording goes on in, and the result.
    fn reduce_list(&mut self, b: Block, f: Builtin, lst: Av, pc: u32, pre: &State) -> R<(Block, Value)> {
        let Some((obj, Some(Elem::Num(ty)))) = self.list_of(lst) else {
            return abort(pc, format!("{f:?}() of a list of other than numbers"));
        };
        let exit = self.exit_here(pc, pre, "redone by the interpreter");
        let n = self.list_len(b, obj);
        let zero = self.t.const_i64(b, 0);
        let one = self.t.const_i64(b, 1);
        // The accumulator's type: a sum of bools is an int.
        let acc_ty = if f == Builtin::Sum && ty == Type::Bool { Type::I64 } else { ty };
        let (i0, acc0) = if f == Builtin::Sum {
            if ty == Type::F64 {
                // The sum of no floats is the int 0: the interpreter's.
                let some = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: n, b: zero });
                self.t.push_guard(b, some, true, exit);
            }
            (zero, if ty == Type::F64 { self.t.const_f64(b, 0.0) } else { zero })
        } else {
            let some = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: n, b: zero });
            self.t.push_guard(b, some, true, exit);
            (one, self.list_get(b, obj, ty, zero, Some(n), exit))
        };
        let header = self.t.new_block(&[Type::I64, acc_ty]);
        let (i, acc) = (self.t.block(header).params[0], self.t.block(header).params[1]);
        let body = self.t.new_block(&[]);
        let after = self.t.new_block(&[acc_ty]);
        let r = self.t.block(after).params[0];
        self.t.set_term(b, Terminator::Jump(BlockCall { block: header, args: vec![i0, acc0] }));
        let more = self.t.push(header, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: i, b: n });
        self.t.set_term(
            header,
            Terminator::Branch { cond: more, then: BlockCall { block: body, args: vec![] }, els: BlockCall { block: after, args: vec![acc] } },
        );
        let x = self.list_get(body, obj, ty, i, Some(n), exit);
        let next = match f {
            Builtin::Sum if ty == Type::F64 => self.t.push(body, Type::F64, InstKind::Binary { op: BinOp::FAdd, a: acc, b: x }),
            Builtin::Sum => {
                let x = self.as_int(body, x);
                self.t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: acc, b: x, exit })
            }
            _ => {
                let op = if f == Builtin::Min { BinOp::Lt } else { BinOp::Gt };
                let (a, c) = (self.as_int(body, x), self.as_int(body, acc));
                let better = self.t.push(body, Type::Bool, InstKind::Binary { op, a, b: c });
                self.t.push(body, ty, InstKind::Select { cond: better, a: x, b: acc })
            }
        };
        let i1 = self.t.push(body, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: i, b: one });
        self.t.set_term(body, Terminator::Jump(BlockCall { block: header, args: vec![i1, next] }));
        Ok((after, r))
    }

    /// `lst[i]` of a list whose elements are `elem`: a number, or a row
    /// (read directly and checked to be an exact list).
    #[allow(clippy::too_many_arguments)]
    fn read_elem(&mut self, b: Block, list: Value, elem: Elem, i: Value, len: Option<Value>, exit: ExitId, pc: u32) -> R<Av> {
        match elem {
            Elem::Num(t) => Ok(Av::V(self.list_get(b, list, t, i, len, exit))),
            Elem::Rows(t) => {
                let Some(l) = self.layout else {
                    return abort(pc, "a list of lists without the VM's object layout");
                };
                let slot = self.list_slot(b, list, i, len, exit);
                let obj = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: slot });
                self.guard_class(b, obj, l.list_type, exit);
                Ok(Av::Row { obj, elem: t })
            }
            Elem::Insts(class) => {
                if self.layout.is_none() {
                    return abort(pc, "a list of instances without the VM's object layout");
                }
                self.class_checked(class, pc)?;
                let Some(class_addr) = self.world.obj_addr(class) else {
                    return abort(pc, "a class without its address");
                };
                let slot = self.list_slot(b, list, i, len, exit);
                let obj = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: slot });
                self.guard_class(b, obj, class_addr, exit);
                let slots = self.keys_of(class).map(|k| self.check_keys(b, obj, k, exit));
                Ok(Av::Inst { obj, class, slots })
            }
            Elem::Tuples { n, types } => {
                let Some(tl) = self.layout.and_then(|l| l.tuple) else {
                    return abort(pc, "a list of tuples without the VM's tuple layout");
                };
                let slot = self.list_slot(b, list, i, len, exit);
                let obj = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: slot });
                self.guard_class(b, obj, tl.tuple_type, exit);
                let at = self.offset(b, obj, tl.len);
                let got = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
                let want = self.t.const_i64(b, n as i64);
                let same = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: got, b: want });
                self.t.push_guard(b, same, true, exit);
                let at = self.offset(b, obj, tl.items);
                let items = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
                let mut avs = Vec::with_capacity(n as usize);
                for k in 0..n as usize {
                    let at = self.offset(b, items, 8 * k as i64);
                    let item = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
                    avs.push(Av::V(self.unbox(b, item, TupleTypes::get(types, k), exit)));
                }
                // The tuple itself where an exit hands it back (the list
                // holds it, and compiled code stores into no list of them).
                let t = self.new_tuple(avs);
                if let Av::Tuple(id) = t {
                    self.tuple_obj[id as usize] = Some(obj);
                }
                Ok(t)
            }
        }
    }

    /// The address of the slot holding `lst[i]` (with the VM's layout): the
    /// index checked (negative ones count from the end) unless `len` says
    /// the caller knows `0 <= i < len`.
    fn list_slot(&mut self, b: Block, obj: Value, i: Value, len: Option<Value>, exit: ExitId) -> Value {
        let l = self.layout.expect("a layout to read lists with");
        self.reads_lists = true;
        let j = match len {
            Some(_) => i,
            None => {
                let n = self.list_len(b, obj);
                self.checked_index(b, i, n, exit)
            }
        };
        let items_at = self.offset(b, obj, l.list_items);
        let items = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: items_at });
        let eight = self.t.const_i64(b, 8);
        let off = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: j, b: eight });
        self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: items, b: off })
    }

    /// `items[j]`, `j` known to lie in range: for items of one kind
    /// (numbers of one type, tuples of such, one object), a choice made
    /// number by number. None for items of different kinds.
    fn pick(&mut self, b: Block, j: Value, items: &[Av]) -> Option<Av> {
        match *items.first()? {
            Av::V(v0) => {
                let ty = self.t.ty(v0);
                let vals: Vec<Value> =
                    items.iter().map(|a| if let Av::V(v) = a { Some(*v).filter(|v| self.t.ty(*v) == ty) } else { None }).collect::<Option<_>>()?;
                let mut r = *vals.last()?;
                for (k, v) in vals.iter().enumerate().rev().skip(1) {
                    let c = self.t.const_i64(b, k as i64);
                    let eq = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: j, b: c });
                    r = self.t.push(b, ty, InstKind::Select { cond: eq, a: *v, b: r });
                }
                Some(Av::V(r))
            }
            Av::Tuple(t0) => {
                let n = self.tuples[t0 as usize].len();
                let ids: Vec<u32> = items.iter().map(|a| if let Av::Tuple(t) = a { Some(*t) } else { None }).collect::<Option<_>>()?;
                if ids.iter().any(|t| self.tuples[*t as usize].len() != n) {
                    return None;
                }
                // The very tuple objects where all have one (read from a
                // list), made anew at exits where none has.
                let objs: Vec<Option<Value>> = ids.iter().map(|t| self.tuple_obj[*t as usize]).collect();
                let obj = match objs.iter().all(Option::is_some) {
                    true => Some(self.pick(b, j, &objs.iter().map(|o| Av::V(o.unwrap())).collect::<Vec<_>>())?),
                    false if objs.iter().all(Option::is_none) => None,
                    false => return None,
                };
                let mut elems = Vec::with_capacity(n);
                for k in 0..n {
                    let column: Vec<Av> = ids.iter().map(|t| self.tuples[*t as usize][k]).collect();
                    elems.push(self.pick(b, j, &column)?);
                }
                let av = self.new_tuple(elems);
                if let (Av::Tuple(id), Some(Av::V(o))) = (av, obj) {
                    self.tuple_obj[id as usize] = Some(o);
                }
                Some(av)
            }
            first @ Av::Obj(_) => items.iter().all(|a| *a == first).then_some(first),
            _ => None,
        }
    }

    /// The value of condition `c` if the recording already knows it: a
    /// constant, or an int constant's truth or comparison with another.
    fn known_truth(&self, c: Value) -> Option<bool> {
        if let Some(bits) = self.t.const_bits(c) {
            return Some(bits != 0);
        }
        let def = self.t.blocks.iter().flat_map(|b| &b.insts).find(|i| i.result == Some(c))?;
        let int = |v: Value| (self.t.ty(v) == Type::I64).then(|| self.t.const_bits(v)).flatten().map(|b| b as i64);
        match def.kind {
            InstKind::Unary { op: UnOp::Truth, a } => Some(int(a)? != 0),
            InstKind::Binary { op, a, b } => {
                let (x, y) = (int(a)?, int(b)?);
                match op {
                    BinOp::Eq => Some(x == y),
                    BinOp::Ne => Some(x != y),
                    BinOp::Lt => Some(x < y),
                    BinOp::Le => Some(x <= y),
                    BinOp::Gt => Some(x > y),
                    BinOp::Ge => Some(x >= y),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn truth(&mut self, b: Block, x: Av, pc: u32) -> R<Value> {
        match x {
            Av::V(v) | Av::Np(v) if self.t.ty(v) == Type::Bool => Ok(v),
            Av::V(v) | Av::Np(v) | Av::NpS(v, _) => Ok(self.t.push(b, Type::Bool, InstKind::Unary { op: UnOp::Truth, a: v })),
            Av::Obj(o) if Some(o) == self.none => Ok(self.t.const_bool(b, false)),
            Av::Complex(re, im) => {
                let r = self.t.push(b, Type::Bool, InstKind::Unary { op: UnOp::Truth, a: re });
                let i = self.t.push(b, Type::Bool, InstKind::Unary { op: UnOp::Truth, a: im });
                Ok(self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BOr, a: r, b: i }))
            }
            // A list is true when it is not empty (exact lists: no __len__
            // of their own); a tuple the trace holds has a known length.
            Av::List(_) | Av::Row { .. } => {
                let (obj, _) = self.list_of(x).expect("a list");
                let n = self.list_len(b, obj);
                let zero = self.t.const_i64(b, 0);
                Ok(self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: n, b: zero }))
            }
            Av::Tuple(t) => {
                let n = self.tuples[t as usize].len();
                Ok(self.t.const_bool(b, n > 0))
            }
            _ => abort(pc, "truth of an object"),
        }
    }

    /// `x op y` where one side is a numpy scalar: numpy's result type
    /// (float64 if either side is a float, else int64). The checked
    /// operations exit where numpy's answer differs from Python's (a zero
    /// divisor, an int64 overflow, which numpy wraps): the interpreter
    /// computes those. `None` where Python raises a TypeError.
    fn np_binary(&mut self, b: Block, kind: BinKind, x: Value, y: Value, pc: u32, pre: &State) -> R<Option<Value>> {
        let (tx, ty) = (self.t.ty(x), self.t.ty(y));
        if tx == Type::Bool || ty == Type::Bool {
            return abort(pc, "arithmetic on np.bool_ or bool with a numpy scalar");
        }
        if kind == BinKind::TrueDiv && tx == Type::I64 && ty == Type::I64 {
            // int64 / int64 divides the two doubles.
            let (x, y) = (self.as_float(b, x), self.as_float(b, y));
            let exit = self.exit_here(pc, pre, "numpy division by zero");
            return Ok(Some(self.t.push(b, Type::F64, InstKind::Checked { op: CheckedOp::FDiv, a: x, b: y, exit })));
        }
        // A float on either side makes `**` Python's float power (what
        // pyjit's np.float64 and np.int64 call), giving np.float64; int64
        // powers wrap and refuse negative exponents: the interpreter's.
        let float_pow = kind == BinKind::Pow && (tx == Type::F64 || ty == Type::F64);
        if matches!(kind, BinKind::Pow | BinKind::LShift | BinKind::RShift) && !float_pow {
            return abort(pc, format!("{kind:?} of numpy scalars"));
        }
        self.binary(b, kind, x, y, pc, pre)
    }

    /// The operands of numpy's `x <op> y` where one is an np.bool_ and the
    /// other a number of another type: the bool as that type (numpy's
    /// promotion: np.True_ + 1 is np.int64(2), + 1.5 np.float64(2.5)).
    /// Operands without a bool as they are; None for two bools or an
    /// operator other than `+ - * /`.
    fn np_bool_operands(&mut self, b: Block, kind: BinKind, x: Value, y: Value) -> Option<(Value, Value)> {
        let (tx, ty) = (self.t.ty(x), self.t.ty(y));
        if tx != Type::Bool && ty != Type::Bool {
            return Some((x, y));
        }
        if tx == ty || !matches!(kind, BinKind::Add | BinKind::Sub | BinKind::Mul | BinKind::TrueDiv) {
            return None;
        }
        let mut as_other = |v: Value, other: Type| {
            if self.t.ty(v) != Type::Bool {
                return v;
            }
            let i = self.t.push(b, Type::I64, InstKind::Unary { op: UnOp::BToI, a: v });
            if other == Type::F64 { self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::IToF, a: i }) } else { i }
        };
        Some((as_other(x, ty), as_other(y, tx)))
    }

    /// `v` (i64) wrapped to the small int dtype `m`.
    fn wrap_small(&mut self, b: Block, m: MemTy, v: Value) -> Value {
        let op = match m {
            MemTy::I32 => UnOp::WrapI32,
            MemTy::I8 => UnOp::WrapI8,
            MemTy::U8 => UnOp::WrapU8,
            _ => return v,
        };
        self.t.push(b, Type::I64, InstKind::Unary { op, a: v })
    }

    /// `x <op> y` with a small numpy scalar on either side, as pyjit's
    /// numpy computes it: numpy's promotion (NEP 50: a Python number takes
    /// the scalar's type; float32 with int8/uint8 stays float32, with int32
    /// becomes float64; int8 with uint8 (int16) is left alone), int types
    /// wrapping, float32 rounding. None where not compiled.
    fn np_small_binary(&mut self, b: Block, kind: BinKind, x: Av, y: Av, pc: u32, pre: &State) -> R<Option<Av>> {
        #[derive(Clone, Copy, PartialEq)]
        enum K {
            PyF,
            PyI,
            NpF,
            NpI,
            S(MemTy),
        }
        let k = |r: &Self, a: Av| -> Option<(Value, K)> {
            Some(match a {
                Av::V(v) => (v, match r.t.ty(v) {
                    Type::F64 => K::PyF,
                    Type::I64 => K::PyI,
                    Type::Bool => return None,
                }),
                Av::Np(v) => (v, match r.t.ty(v) {
                    Type::F64 => K::NpF,
                    Type::I64 => K::NpI,
                    Type::Bool => return None,
                }),
                Av::NpS(v, m) => (v, K::S(m)),
                _ => return None,
            })
        };
        let (Some((xv, xk)), Some((yv, yk))) = (k(self, x), k(self, y)) else { return Ok(None) };
        let small_float = |m: MemTy| m == MemTy::F32;
        // The result: a small scalar, or np.float64 / np.int64.
        enum Res {
            S(MemTy),
            NpF,
            NpI,
        }
        let res = match (xk, yk) {
            (K::S(m), K::PyF) | (K::PyF, K::S(m)) => {
                if small_float(m) {
                    Res::S(m)
                } else {
                    Res::NpF
                }
            }
            (K::S(m), K::PyI) | (K::PyI, K::S(m)) => Res::S(m),
            (K::S(a), K::S(c)) => match (a, c) {
                _ if a == c => Res::S(a),
                (MemTy::F32, MemTy::I8 | MemTy::U8) | (MemTy::I8 | MemTy::U8, MemTy::F32) => Res::S(MemTy::F32),
                (MemTy::F32, MemTy::I32) | (MemTy::I32, MemTy::F32) => Res::NpF,
                (MemTy::I32, MemTy::I8 | MemTy::U8) | (MemTy::I8 | MemTy::U8, MemTy::I32) => Res::S(MemTy::I32),
                _ => return Ok(None),
            },
            (K::S(_), K::NpF) | (K::NpF, K::S(_)) => Res::NpF,
            (K::S(m), K::NpI) | (K::NpI, K::S(m)) => {
                if small_float(m) {
                    Res::NpF
                } else {
                    Res::NpI
                }
            }
            _ => return Ok(None),
        };
        // A Python int meeting a small int scalar must fit its dtype
        // (numpy raises OverflowError otherwise: the interpreter's).
        if let Res::S(m) = res
            && !small_float(m)
        {
            let (lo, hi) = match m {
                MemTy::I32 => (i32::MIN as i64, i32::MAX as i64),
                MemTy::I8 => (i8::MIN as i64, i8::MAX as i64),
                _ => (0, u8::MAX as i64),
            };
            for (v, kk) in [(xv, xk), (yv, yk)] {
                if kk == K::PyI {
                    let exit = self.exit_here(pc, pre, "a Python int out of a numpy scalar's range");
                    let (lo, hi) = (self.t.const_i64(b, lo), self.t.const_i64(b, hi));
                    let ge = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ge, a: v, b: lo });
                    let le = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Le, a: v, b: hi });
                    let ok = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: ge, b: le });
                    self.t.push_guard(b, ok, true, exit);
                }
            }
        }
        Ok(match res {
            Res::NpF | Res::NpI => self.np_binary(b, kind, xv, yv, pc, pre)?.map(Av::Np),
            Res::S(MemTy::F32) => {
                if !matches!(kind, BinKind::Add | BinKind::Sub | BinKind::Mul | BinKind::TrueDiv) {
                    return Ok(None);
                }
                let (xf, yf) = (self.as_float(b, xv), self.as_float(b, yv));
                let Some(r) = self.binary(b, kind, xf, yf, pc, pre)? else { return Ok(None) };
                Some(Av::NpS(self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::RoundF32, a: r }), MemTy::F32))
            }
            Res::S(m) => {
                if kind == BinKind::TrueDiv {
                    let (xf, yf) = (self.as_float(b, xv), self.as_float(b, yv));
                    let exit = self.exit_here(pc, pre, "numpy division by zero");
                    Some(Av::Np(self.t.push(b, Type::F64, InstKind::Checked { op: CheckedOp::FDiv, a: xf, b: yf, exit })))
                } else if matches!(kind, BinKind::Add | BinKind::Sub | BinKind::Mul | BinKind::FloorDiv | BinKind::Mod | BinKind::And | BinKind::Or | BinKind::Xor) {
                    let Some(r) = self.binary(b, kind, xv, yv, pc, pre)? else { return Ok(None) };
                    Some(Av::NpS(self.wrap_small(b, m, r), m))
                } else {
                    None
                }
            }
        })
    }

    /// Whether `x op y` is numpy's operation (a numpy scalar result) or
    /// Python's: numpy's wherever a numpy scalar takes part (a Python float
    /// on the left of an np.int64 too: float's operators step aside for
    /// pyjit's int scalars, as for numpy's, which are not ints).
    fn numpy_result(&self, x: Av, y: Av) -> bool {
        matches!(x, Av::Np(_)) || matches!(y, Av::Np(_))
    }

    /// `np.array(lst)` or `np.array(lst, dtype=d)` of a list of numbers
    /// or of rows of numbers: a new array through the runtime (None for
    /// other arguments).
    fn np_array_call(&mut self, b: Block, args: &[Av], kw: &[String], pc: u32, pre: &State) -> R<Option<Av>> {
        let Some((mem, pos)) = self.np_dtype_arg(args, kw, 1) else { return Ok(None) };
        let [list] = pos[..] else { return Ok(None) };
        let Some((obj, Some(elem))) = self.list_of(list) else { return Ok(None) };
        let (ndim, ty) = match elem {
            Elem::Num(t) => (1, t),
            Elem::Rows(t) => (2, t),
            _ => return Ok(None),
        };
        // numpy's choice for Python numbers (an int too big for int64
        // raises in the runtime, and the interpreter raises too).
        let mem = mem.unwrap_or(match ty {
            Type::F64 => MemTy::F64,
            Type::I64 => MemTy::I64,
            Type::Bool => MemTy::Bool,
        });
        // `[x] * n` or `[[x] * n]` the trace made: one call, so the
        // lists need not be made (passes/src/sink.rs).
        let fill = match list {
            Av::Row { obj, .. } => self.fills.get(&obj).map(|f| (*f, 1)),
            Av::Rows { obj, .. } => match self.displays.get(&obj).map(Vec::as_slice) {
                Some([row]) => self.fills.get(row).map(|f| (*f, 2)),
                _ => None,
            },
            _ => None,
        };
        if let Some(((x, n), nd)) = fill
            && mem.value_type() == self.t.ty(x)
            && matches!(mem, MemTy::F64 | MemTy::I64 | MemTy::Bool)
        {
            let exit = self.exit_here(pc, pre, "np.array() of an empty list, or the run's scratch memory full");
            let want = self.t.const_i64(b, ArrayWant { mem, ndim: nd as u8 }.pack() as i64);
            let data = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::BufFull(self.t.ty(x)), args: vec![x, n, want], exit: Some(exit) });
            let shape = if nd == 2 { vec![self.t.const_i64(b, 1), n] } else { vec![n] };
            return Ok(Some(self.buf_array(b, data, mem, shape)));
        }
        let exit = self.exit_here(pc, pre, "np.array() raises or gives another array, or too many objects made in one run");
        let code = self.t.const_i64(b, mem.code() as i64);
        let nd = self.t.const_i64(b, ndim as i64);
        let arr = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::NpArray, args: vec![obj, code, nd], exit: Some(exit) });
        Ok(Some(self.made_array(b, arr, mem, ndim)))
    }

    /// The dtype argument of a numpy call (`dtype=np.float64`), positional
    /// at `dtype_at` or keyword (None when not given or None), and the
    /// positional arguments before it; None for other arguments or a dtype
    /// compiled code cannot take.
    fn np_dtype_arg(&mut self, args: &[Av], kw: &[String], dtype_at: usize) -> Option<(Option<MemTy>, Vec<Av>)> {
        let npos = args.len().checked_sub(kw.len())?;
        if npos > dtype_at + 1 {
            return None;
        }
        let mut dtype = args.get(dtype_at).filter(|_| dtype_at < npos).copied();
        for (name, a) in kw.iter().zip(&args[npos..]) {
            if name != "dtype" || dtype.is_some() {
                return None;
            }
            dtype = Some(*a);
        }
        let none = self.none_id();
        let mem = match dtype {
            None => None,
            Some(Av::Obj(id)) if id == none => None,
            Some(Av::Obj(id)) => Some(self.world.np_dtype(id)?),
            _ => return None,
        };
        Some((mem, args[..npos.min(dtype_at)].to_vec()))
    }

    /// `np.zeros(shape)`, `np.ones(shape)`, `np.empty(shape)` (`one` for
    /// ones) of one or two dimensions, an int or a tuple of ints, of
    /// float64, int64 or bool: a new scratch buffer.
    fn np_filled_call(&mut self, b: Block, one: bool, args: &[Av], kw: &[String], pc: u32, pre: &State) -> Option<Av> {
        let (mem, pos) = self.np_dtype_arg(args, kw, 1)?;
        let mem = mem.unwrap_or(MemTy::F64);
        if !matches!(mem, MemTy::F64 | MemTy::I64 | MemTy::Bool) {
            return None;
        }
        let dims: Vec<Value> = match pos[..] {
            [Av::V(n)] if self.t.ty(n) == Type::I64 => vec![n],
            [Av::Tuple(t)] => self.tuples[t as usize]
                .iter()
                .map(|a| match a {
                    Av::V(n) if self.t.ty(*n) == Type::I64 => Some(*n),
                    _ => None,
                })
                .collect::<Option<_>>()?,
            _ => return None,
        };
        if !(1..=2).contains(&dims.len()) {
            return None;
        }
        let exit = self.exit_here(pc, pre, "a negative size, or the run's scratch memory full");
        let want = self.t.const_i64(b, (ArrayWant { mem, ndim: dims.len() as u8 }.pack() | (one as u64) << 16) as i64);
        let d1 = dims.get(1).copied().unwrap_or(want);
        let data = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::BufFilled, args: vec![dims[0], d1, want], exit: Some(exit) });
        Some(self.buf_array(b, data, mem, dims))
    }

    /// `a @ b` of two arrays of one dtype (float64 or int64), each of one
    /// or two dimensions, giving an array: a new scratch buffer, through
    /// the module's kernel.
    fn np_matmul(&mut self, b: Block, i: u32, j: u32, pc: u32, pre: &State) -> Option<Av> {
        let (x, y) = (self.arrays[i as usize].clone(), self.arrays[j as usize].clone());
        if x.mem != y.mem || !matches!(x.mem, MemTy::F64 | MemTy::I64) {
            return None;
        }
        let (xn, yn) = (x.shape.len(), y.shape.len());
        if !(1..=2).contains(&xn) || !(1..=2).contains(&yn) {
            return None;
        }
        // A vector on either side loses its dimension; two give a scalar
        // (the one element of a 1 x 1 product).
        let ndim = (xn == 2) as usize + (yn == 2) as usize;
        // Each operand as a matrix (rows, columns, their strides): a
        // vector is a row on the left, a column on the right.
        let zero = self.t.const_i64(b, 0);
        let one = self.t.const_i64(b, 1);
        let (xr, xc, xrs, xcs) = match xn {
            1 => (one, x.shape[0], zero, x.strides[0]),
            _ => (x.shape[0], x.shape[1], x.strides[0], x.strides[1]),
        };
        let (yr, yc, yrs, ycs) = match yn {
            1 => (y.shape[0], one, y.strides[0], zero),
            _ => (y.shape[0], y.shape[1], y.strides[0], y.strides[1]),
        };
        let exit = self.exit_here(pc, pre, "`@` of unaligned arrays (it raises), or the run's scratch memory full");
        let want = self.t.const_i64(b, ArrayWant { mem: x.mem, ndim: ndim as u8 }.pack() as i64);
        let args = vec![x.data, xr, xc, xrs, xcs, y.data, yr, yc, yrs, ycs, want];
        let data = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::BufMatmul, args, exit: Some(exit) });
        if ndim == 0 {
            return Some(Av::Np(self.t.push(b, x.mem.value_type(), InstKind::Load { mem: x.mem, addr: data })));
        }
        let mut shape = Vec::new();
        if xn == 2 {
            shape.push(xr);
        }
        if yn == 2 {
            shape.push(yc);
        }
        Some(self.buf_array(b, data, x.mem, shape))
    }

    /// `x <op> y` with an array of float64 or int64 on either side and an
    /// array or a Python number on the other: a new array through the
    /// runtime, of the dtype numpy gives (NEP 50: a Python number takes the
    /// array's kind where it can) and the larger number of dimensions.
    fn np_binary_arr(&mut self, b: Block, kind: BinKind, x: Av, y: Av, pc: u32, pre: &State) -> Option<Av> {
        let (xa, ya, want) = self.np_operands(b, Ok(kind), x, y, pc, pre)?;
        let exit = self.exit_here(pc, pre, "an array operator raises or gives another array, or too many objects made in one run");
        let w = self.t.const_i64(b, want.pack() as i64);
        let f = RtFn::NpBinary { a: self.t.ty(xa), b: self.t.ty(ya) };
        let z = self.t.push(b, Type::I64, InstKind::Call { f, args: vec![xa, ya, w], exit: Some(exit) });
        Some(self.made_array(b, z, want.mem, want.ndim as usize))
    }

    /// `x <op>= y` of an array `x` (which keeps its dtype and shape: an
    /// operand that would change them is left to the interpreter), through
    /// the runtime. False where not compiled.
    fn np_inplace(&mut self, b: Block, kind: BinKind, x: Av, y: Av, pc: u32, pre: &State) -> bool {
        let Av::Arr(k) = x else { return false };
        let (mem, ndim) = (self.arrays[k as usize].mem, self.arrays[k as usize].shape.len());
        let Some((xa, ya, want)) = self.np_operands(b, Ok(kind), x, y, pc, pre) else { return false };
        if want.mem != mem || want.ndim as usize != ndim {
            return false;
        }
        let exit = self.exit_here(pc, pre, "an in-place array operator raises");
        let w = self.t.const_i64(b, want.pack() as i64);
        let f = RtFn::NpInplace { b: self.t.ty(ya) };
        self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f, args: vec![xa, ya, w], exit: Some(exit) } });
        true
    }

    /// The operands of `x <op> y` with an array of float64 or int64 on
    /// either side and an array or a Python number on the other, and what
    /// the result is: the dtype numpy gives (NEP 50: a Python number takes
    /// the array's kind where it can, a comparison gives bools) and the
    /// larger number of dimensions.
    fn np_operands(&mut self, b: Block, kind: Result<BinKind, CmpKind>, x: Av, y: Av, pc: u32, pre: &State) -> Option<(Value, Value, pyjit_ir::NpBinaryWant)> {
        use pyjit_ir::{NP_OPS, NpBinaryWant, Operand};
        // (the array or the bits, how they come, float (true) or int
        // kind, dimensions)
        let side = |a: Av| -> Option<(Result<u32, Value>, Operand, bool, usize)> {
            match a {
                Av::Arr(k) => {
                    let info = &self.arrays[k as usize];
                    let float = match info.mem {
                        MemTy::F64 => true,
                        MemTy::I64 => false,
                        _ => return None,
                    };
                    Some((Ok(k), Operand::Obj, float, info.shape.len()))
                }
                // A numpy scalar boxes as the Python number of its kind:
                // with an array of float64 or int64 numpy gives the same.
                Av::V(v) | Av::Np(v) | Av::NpS(v, _) => Some(match self.t.ty(v) {
                    Type::F64 => (Err(v), Operand::Float, true, 0),
                    Type::I64 => (Err(v), Operand::Int, false, 0),
                    Type::Bool => (Err(v), Operand::Bool, false, 0),
                }),
                _ => None,
            }
        };
        let (xa, xk, xf, xn) = side(x)?;
        let (ya, yk, yf, yn) = side(y)?;
        let sym = match kind {
            Ok(BinKind::Add) => "+",
            Ok(BinKind::Sub) => "-",
            Ok(BinKind::Mul) => "*",
            Ok(BinKind::TrueDiv) => "/",
            Ok(BinKind::FloorDiv) => "//",
            Ok(BinKind::Mod) => "%",
            Ok(BinKind::Pow) => "**",
            Ok(BinKind::And) => "&",
            Ok(BinKind::Or) => "|",
            Ok(BinKind::Xor) => "^",
            Ok(BinKind::LShift) => "<<",
            Ok(BinKind::RShift) => ">>",
            Ok(BinKind::MatMul | BinKind::Subscr) => return None,
            Err(CmpKind::Lt) => "<",
            Err(CmpKind::Le) => "<=",
            Err(CmpKind::Eq) => "==",
            Err(CmpKind::Ne) => "!=",
            Err(CmpKind::Gt) => ">",
            Err(CmpKind::Ge) => ">=",
        };
        let bitwise = matches!(kind, Ok(BinKind::And | BinKind::Or | BinKind::Xor | BinKind::LShift | BinKind::RShift));
        let float = xf || yf || kind == Ok(BinKind::TrueDiv);
        if bitwise && float {
            return None;
        }
        let mem = match kind {
            Err(_) => MemTy::Bool,
            Ok(_) if float => MemTy::F64,
            Ok(_) => MemTy::I64,
        };
        // Of two 0-d arrays numpy gives a scalar.
        if xn.max(yn) == 0 {
            return None;
        }
        let op = NP_OPS.iter().position(|o| *o == sym)? as u8;
        if [xa, ya].iter().any(|a| matches!(a, Ok(k) if !self.arrays[*k as usize].has_obj())) {
            return None;
        }
        let mut bits = |a: Result<u32, Value>| match a {
            Ok(k) => self.arr_obj(b, k, pc, pre),
            Err(v) => Some(v),
        };
        let (xa, ya) = (bits(xa)?, bits(ya)?);
        Some((xa, ya, NpBinaryWant { mem, ndim: xn.max(yn) as u8, op, a: xk, b: yk }))
    }

    /// `a.sum()`, `a.mean()`, `a.max()`, `a.min()`, `a.prod()` (and the
    /// numpy functions of those names) of a float64, int64 or bool array:
    /// the method through the runtime, a numpy scalar of the type numpy
    /// gives (an empty array's max raises: an exit).
    fn np_reduce(&mut self, b: Block, r: u8, k: u32, pc: u32, pre: &State) -> Option<Av> {
        let info = self.arrays[k as usize].clone();
        let name = NP_REDUCTIONS[r as usize];
        let ty = match (name, info.mem) {
            ("sum" | "prod", MemTy::F64) => Type::F64,
            ("sum" | "prod", MemTy::I64 | MemTy::Bool) => Type::I64,
            ("mean", MemTy::F64 | MemTy::I64 | MemTy::Bool) => Type::F64,
            ("max" | "min", MemTy::F64 | MemTy::I64 | MemTy::Bool) => info.mem.value_type(),
            _ => return None,
        };
        let id = self.world.name_obj(name)?;
        let addr = self.world.obj_addr(id)?;
        let obj = self.arr_obj(b, k, pc, pre)?;
        let exit = self.exit_here(pc, pre, "an array reduction raises or gives another type");
        let name_v = self.t.const_i64(b, addr as i64);
        Some(Av::Np(self.t.push(b, ty, InstKind::Call { f: RtFn::NpMethod(ty), args: vec![obj, name_v], exit: Some(exit) })))
    }

    /// `np.dot(a, b)` of two vectors of float64 or int64 (the function
    /// `f`, an object id, through the runtime): a numpy scalar.
    fn np_dot(&mut self, b: Block, f: u32, i: u32, j: u32, pc: u32, pre: &State) -> Option<Av> {
        let (x, y) = (self.arrays[i as usize].clone(), self.arrays[j as usize].clone());
        if x.shape.len() != 1 || y.shape.len() != 1 || !matches!(x.mem, MemTy::F64 | MemTy::I64) || !matches!(y.mem, MemTy::F64 | MemTy::I64) {
            return None;
        }
        if !x.has_obj() || !y.has_obj() {
            return None;
        }
        let ty = if x.mem == MemTy::I64 && y.mem == MemTy::I64 { Type::I64 } else { Type::F64 };
        let addr = self.world.obj_addr(f)?;
        let (xo, yo) = (self.arr_obj(b, i, pc, pre)?, self.arr_obj(b, j, pc, pre)?);
        let exit = self.exit_here(pc, pre, "np.dot raises or gives another type");
        let fv = self.t.const_i64(b, addr as i64);
        Some(Av::Np(self.t.push(b, ty, InstKind::Call { f: RtFn::NpCall2(ty), args: vec![fv, xo, yo], exit: Some(exit) })))
    }

    /// `np.<name>(a)` of an array of float64 (a float64 array) or int64
    /// (the float ufuncs give float64, abs int64): a new array through
    /// the runtime.
    fn np_unary_arr(&mut self, b: Block, name: u32, k: u32, pc: u32, pre: &State) -> Option<Av> {
        let info = self.arrays[k as usize].clone();
        let text = self.world.str_value(name)?;
        let floats = ["sqrt", "exp", "log", "log2", "log10", "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "expm1", "log1p"];
        let mem = match info.mem {
            MemTy::F64 if floats.contains(&text.as_str()) || matches!(text.as_str(), "abs" | "absolute" | "negative" | "floor" | "ceil" | "trunc" | "square") => MemTy::F64,
            MemTy::I64 if floats.contains(&text.as_str()) => MemTy::F64,
            MemTy::I64 if matches!(text.as_str(), "abs" | "absolute" | "negative" | "square") => MemTy::I64,
            _ => return None,
        };
        let addr = self.world.obj_addr(name)?;
        let obj = self.arr_obj(b, k, pc, pre)?;
        let exit = self.exit_here(pc, pre, "a numpy ufunc raises or gives another array, or too many objects made in one run");
        let name_v = self.t.const_i64(b, addr as i64);
        let ndim = info.shape.len();
        let w = self.t.const_i64(b, ArrayWant { mem, ndim: ndim as u8 }.pack() as i64);
        let z = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::NpUnaryArr, args: vec![name_v, obj, w], exit: Some(exit) });
        Some(self.made_array(b, z, mem, ndim))
    }

    /// `a.T` of an array the trace holds as an object: a new view through
    /// the runtime, its strides read from it.
    fn np_transpose(&mut self, b: Block, k: u32, pc: u32, pre: &State) -> Option<Av> {
        let info = self.arrays[k as usize].clone();
        let obj = info.obj?;
        let id = self.world.name_obj("T")?;
        let addr = self.world.obj_addr(id)?;
        let ndim = info.shape.len();
        let exit = self.exit_here(pc, pre, "a.T gives another array, or too many objects made in one run");
        let name = self.t.const_i64(b, addr as i64);
        let want = self.t.const_i64(b, ArrayWant { mem: info.mem, ndim: ndim as u8 }.pack() as i64);
        let z = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::NpAttrArr, args: vec![obj, name, want], exit: Some(exit) });
        Some(self.made_view(b, z, info.mem, ndim))
    }

    /// A view the run made at `obj` (of `mem` and `ndim` dimensions, any
    /// strides): its data address, shape and strides read through the
    /// runtime.
    fn made_view(&mut self, b: Block, obj: Value, mem: MemTy, ndim: usize) -> Av {
        let Av::Arr(t) = self.made_array(b, obj, mem, ndim) else { unreachable!("an array") };
        let strides = (0..ndim)
            .map(|d| {
                let d = self.t.const_i64(b, d as i64);
                self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ArrStride, args: vec![obj, d], exit: None })
            })
            .collect();
        self.arrays[t as usize].strides = strides;
        Av::Arr(t)
    }

    /// An array subscript's key as the runtime's `NpSlice` and `NpSetKey`
    /// take it: ints and slices (up to six), or a bool array alone (a
    /// mask). None for anything else.
    fn key_items(&self, key: Av) -> Option<Vec<KeyItem>> {
        let keys: Vec<Av> = match key {
            Av::Tuple(t) => self.tuples[t as usize].clone(),
            other => vec![other],
        };
        if keys.len() > 6 {
            return None;
        }
        keys.iter()
            .map(|a| match *a {
                Av::V(v) | Av::Np(v) if self.t.ty(v) == Type::I64 => Some(KeyItem::Int(v)),
                Av::Slice(s) => Some(KeyItem::Slice(s)),
                Av::Arr(m) if keys.len() == 1 && self.arrays[m as usize].mem == MemTy::Bool && self.arrays[m as usize].has_obj() => Some(KeyItem::Mask(m)),
                _ => None,
            })
            .collect()
    }

    /// `items` as wide-call arguments: their count, then a (kind, bits)
    /// pair each (0 and an int, 1 and a slice object, 2 and a bool array
    /// object). None where a mask has no object.
    fn key_args(&mut self, b: Block, items: &[KeyItem], pc: u32, pre: &State) -> Option<Vec<Value>> {
        let mut args = vec![self.t.const_i64(b, items.len() as i64)];
        for item in items {
            let (kind, bits) = match *item {
                KeyItem::Int(v) => (0, v),
                KeyItem::Slice(s) => (1, s),
                KeyItem::Mask(m) => (2, self.arr_obj(b, m, pc, pre)?),
            };
            args.push(self.t.const_i64(b, kind));
            args.push(bits);
        }
        Some(args)
    }

    /// `obj[items]` through the runtime (`RtFn::NpSlice`), an array of
    /// `mem` and `ndim` dimensions: numpy's view (or, of a mask, copy).
    #[allow(clippy::too_many_arguments)]
    fn np_item_obj(&mut self, b: Block, obj: Value, items: &[KeyItem], mem: MemTy, ndim: usize, pc: u32, pre: &State) -> Option<Value> {
        let mut args = vec![obj];
        args.extend(self.key_args(b, items, pc, pre)?);
        let exit = self.exit_here(pc, pre, "an array subscript raises or gives another array, or too many objects made in one run");
        args.push(self.t.const_i64(b, ArrayWant { mem, ndim: ndim as u8 }.pack() as i64));
        let zero = self.t.const_i64(b, 0);
        args.resize(16, zero);
        Some(self.t.push(b, Type::I64, InstKind::Call { f: RtFn::NpSlice, args, exit: Some(exit) }))
    }

    /// `a[key] = v` with a key `key_items` takes and `v` an array or a
    /// number: numpy's store through the VM (`RtFn::NpSetKey`). False
    /// where not compiled.
    fn np_store_key(&mut self, b: Block, k: u32, key: Av, val: Av, pc: u32, pre: &State) -> bool {
        use pyjit_ir::Operand;
        let Some(items) = self.key_items(key).filter(|_| self.arrays[k as usize].has_obj()) else { return false };
        let (vk, v) = match val {
            Av::Arr(j) if self.arrays[j as usize].has_obj() => match self.arr_obj(b, j, pc, pre) {
                Some(o) => (Operand::Obj, o),
                None => return false,
            },
            Av::V(v) | Av::Np(v) => (
                match self.t.ty(v) {
                    Type::F64 => Operand::Float,
                    Type::I64 => Operand::Int,
                    Type::Bool => Operand::Bool,
                },
                v,
            ),
            _ => return false,
        };
        let Some(obj) = self.arr_obj(b, k, pc, pre) else { return false };
        let Some(key_args) = self.key_args(b, &items, pc, pre) else { return false };
        let mut args = vec![obj, v, self.t.const_i64(b, vk as i64)];
        args.extend(key_args);
        let zero = self.t.const_i64(b, 0);
        args.resize(16, zero);
        let exit = self.exit_here(pc, pre, "an assignment to an array subscript that raises");
        let f = RtFn::NpSetKey(self.t.ty(v));
        self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f, args, exit: Some(exit) } });
        true
    }

    /// Whether an array subscript's key is or holds a slice, or is a bool
    /// array (a mask).
    fn key_has_slice(&self, key: Av) -> bool {
        match key {
            Av::Slice(_) => true,
            Av::Arr(m) => self.arrays[m as usize].mem == MemTy::Bool,
            Av::Tuple(t) => self.tuples[t as usize].iter().any(|a| matches!(a, Av::Slice(_))),
            _ => false,
        }
    }

    /// `np_slice` of the array `cont` holds, made an object first if it is
    /// in a buffer (a view shares its memory).
    fn slice_of(&mut self, b: Block, st: &mut State, cont: Av, key: Av, pc: u32, pre: &State) -> Option<Av> {
        match self.unbuffer(b, st, cont, pc, pre)? {
            Av::Arr(k) => self.np_slice(b, k, key, pc, pre),
            _ => None,
        }
    }

    /// `a[key]` where the key holds slices (`a[i:j]`, `a[i, :]`,
    /// `a[1:-1, 1:-1]`): numpy's view through the runtime, read through
    /// its buffer and strides like any array; or is a bool array of `a`'s
    /// dimensions (`a[a > 0.5]`): numpy's copy of the elements picked.
    /// None where the key holds anything else.
    fn np_slice(&mut self, b: Block, k: u32, key: Av, pc: u32, pre: &State) -> Option<Av> {
        let info = self.arrays[k as usize].clone();
        let items = self.key_items(key)?;
        let ndim = match items[..] {
            [KeyItem::Mask(m)] if self.arrays[m as usize].shape.len() == info.shape.len() => 1,
            _ if items.len() <= info.shape.len() && items.iter().any(|i| matches!(i, KeyItem::Slice(_))) => {
                info.shape.len() - items.iter().filter(|i| matches!(i, KeyItem::Int(_))).count()
            }
            _ => return None,
        };
        if !info.has_obj() {
            return None;
        }
        let obj = self.arr_obj(b, k, pc, pre)?;
        let z = self.np_item_obj(b, obj, &items, info.mem, ndim, pc, pre)?;
        Some(self.made_view(b, z, info.mem, ndim))
    }

    /// An array the run made at `obj` (C-contiguous, of `mem` and `ndim`
    /// dimensions): its data address and shape read through the runtime.
    fn made_array(&mut self, b: Block, obj: Value, mem: MemTy, ndim: usize) -> Av {
        let data = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ArrData, args: vec![obj], exit: None });
        let shape: Vec<Value> = (0..ndim)
            .map(|k| {
                let k = self.t.const_i64(b, k as i64);
                self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ArrDim, args: vec![obj, k], exit: None })
            })
            .collect();
        let mut strides = vec![self.t.const_i64(b, mem.size() as i64); ndim];
        for d in (0..ndim.saturating_sub(1)).rev() {
            strides[d] = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: strides[d + 1], b: shape[d + 1] });
        }
        self.arrays.push(ArrInfo { mem, data, shape, strides, entry_obj: None, obj: Some(obj), made_at: None, view_of: None, buf: false });
        Av::Arr(self.arrays.len() as u32 - 1)
    }

    /// An array the run made in a scratch buffer at `data` (C-contiguous,
    /// of `mem` and `shape`).
    fn buf_array(&mut self, b: Block, data: Value, mem: MemTy, shape: Vec<Value>) -> Av {
        let ndim = shape.len();
        let mut strides = vec![self.t.const_i64(b, mem.size() as i64); ndim];
        for d in (0..ndim.saturating_sub(1)).rev() {
            strides[d] = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: strides[d + 1], b: shape[d + 1] });
        }
        self.arrays.push(ArrInfo { mem, data, shape, strides, entry_obj: None, obj: None, made_at: None, view_of: None, buf: true });
        Av::Arr(self.arrays.len() as u32 - 1)
    }

    /// The object of array `k`: its own, a view of an entry array made
    /// through the runtime, or for one in a scratch buffer a new object
    /// of a copy (for operations that only read it).
    fn arr_obj(&mut self, b: Block, k: u32, pc: u32, pre: &State) -> Option<Value> {
        let info = self.arrays[k as usize].clone();
        if let Some(o) = info.obj {
            return Some(o);
        }
        // A view of an entry array: numpy's own view (sharing memory, so
        // even an operation that writes through it is right).
        if let Some((base, idx)) = &info.view_of {
            let base = self.arrays[*base as usize].obj?;
            let items: Vec<KeyItem> = idx.iter().map(|v| KeyItem::Int(*v)).collect();
            return self.np_item_obj(b, base, &items, info.mem, info.shape.len(), pc, pre);
        }
        if !info.buf || !matches!(info.mem, MemTy::F64 | MemTy::I64 | MemTy::Bool) || !(1..=2).contains(&info.shape.len()) {
            return None;
        }
        let exit = self.exit_here(pc, pre, "too many objects made in one run");
        let want = self.t.const_i64(b, ArrayWant { mem: info.mem, ndim: info.shape.len() as u8 }.pack() as i64);
        let d1 = info.shape.get(1).copied().unwrap_or(want);
        Some(self.t.push(b, Type::I64, InstKind::Call { f: RtFn::BufBox, args: vec![info.data, info.shape[0], d1, want], exit: Some(exit) }))
    }

    /// `av` as an array object, where it is an array in a scratch buffer
    /// that an operation will change or share (`a += b`, `a.T`): the
    /// object replaces the buffer everywhere `st` holds it. None where
    /// that cannot be done: the state also holds it in a tuple, or holds
    /// another array in a buffer, which may be this one (past a join each
    /// place holding an array has an `ArrInfo` of its own).
    fn unbuffer(&mut self, b: Block, st: &mut State, av: Av, pc: u32, pre: &State) -> Option<Av> {
        let Av::Arr(k) = av else { return Some(av) };
        let info = self.arrays[k as usize].clone();
        if !info.buf {
            return Some(av);
        }
        let (tuples, arrays) = (&self.tuples, &self.arrays);
        let in_tuple = |a: &Av| matches!(a, Av::Tuple(t) | Av::TupleIter { tuple: t, .. } if tuples[*t as usize].iter().any(|e| matches!(e, Av::Arr(j) if arrays[*j as usize].buf)));
        let other = |a: &Av| matches!(a, Av::Arr(j) if *j != k && arrays[*j as usize].buf);
        if st.avs().any(|a| in_tuple(a) || other(a)) {
            return None;
        }
        let obj = self.arr_obj(b, k, pc, pre)?;
        let boxed = self.made_array(b, obj, info.mem, info.shape.len());
        for a in st.avs_mut() {
            if *a == av {
                *a = boxed;
            }
        }
        Some(boxed)
    }

    /// An array attribute: `shape` (a tuple), `ndim`, `size`.
    fn array_attr(&mut self, b: Block, k: u32, name: &str, pc: u32) -> R<Av> {
        let info = self.arrays[k as usize].clone();
        Ok(match name {
            "shape" => self.new_tuple(info.shape.iter().map(|v| Av::V(*v)).collect()),
            "ndim" => Av::V(self.t.const_i64(b, info.shape.len() as i64)),
            "size" => {
                let mut n = self.t.const_i64(b, 1);
                for d in &info.shape {
                    n = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: n, b: *d });
                }
                Av::V(n)
            }
            _ => return abort(pc, format!("array attribute {name}")),
        })
    }

    /// The byte address of `arr[key]` for int keys (one, or a tuple of
    /// them), and whether the key names an element (else a row view).
    /// Negative indices count from the end; an index out of bounds exits
    /// (the interpreter raises IndexError).
    fn element_addr(&mut self, b: Block, k: u32, key: Av, pc: u32, pre: &State) -> R<(Value, bool, Vec<Value>)> {
        let info = self.arrays[k as usize].clone();
        let keys: Vec<Av> = match key {
            Av::Tuple(t) => self.tuples[t as usize].clone(),
            other => vec![other],
        };
        let mut idx = Vec::new();
        for key in keys {
            match key {
                Av::V(v) | Av::Np(v) | Av::NpS(v, _) if self.t.ty(v) == Type::I64 => idx.push(v),
                _ => return abort(pc, "an array index that is not an int (a mask, a float)"),
            }
        }
        if idx.len() > info.shape.len() {
            return abort(pc, "more indices than the array has dimensions");
        }
        let exit = self.exit_here(pc, pre, "index out of bounds");
        let mut addr = info.data;
        let mut js = Vec::with_capacity(idx.len());
        for (d, i) in idx.iter().enumerate() {
            let j = self.checked_index(b, *i, info.shape[d], exit);
            let off = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: j, b: info.strides[d] });
            addr = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: addr, b: off });
            js.push(j);
        }
        Ok((addr, idx.len() == info.shape.len(), js))
    }

    /// `x[y]`: an array element (a numpy scalar), a row view, or an
    /// element of a tuple the trace built (`a.shape[0]`).
    fn subscript(&mut self, b: Block, x: Av, y: Av, pc: u32, pre: &State) -> R<Av> {
        match x {
            Av::Tuple(t) => {
                let items = self.tuples[t as usize].clone();
                let i = self.num(&y).and_then(|v| self.t.const_bits(v)).map(|bits| bits as i64);
                let Some(i) = i else {
                    // A variable index: checked, then a pick among the items.
                    let i = match y {
                        Av::V(v) if self.t.ty(v) != Type::F64 => self.as_int(b, v),
                        _ => return abort(pc, "a tuple index that is not an int"),
                    };
                    let exit = self.exit_here(pc, pre, "tuple index out of range");
                    let n = self.t.const_i64(b, items.len() as i64);
                    let j = self.checked_index(b, i, n, exit);
                    return match self.pick(b, j, &items) {
                        Some(av) => Ok(av),
                        None => abort(pc, "a tuple indexed by a variable whose items are of different kinds"),
                    };
                };
                let j = if i < 0 { i + items.len() as i64 } else { i };
                match items.get(j as usize) {
                    Some(av) if j >= 0 => Ok(*av),
                    _ => abort(pc, "a tuple index out of range"),
                }
            }
            Av::List(_) | Av::Row { .. } if matches!(y, Av::Slice(_)) => {
                let (Some((list, Some(Elem::Num(elem)))), Av::Slice(s)) = (self.list_of(x), y) else {
                    return abort(pc, "a slice of a list of other than numbers");
                };
                let exit = self.exit_here(pc, pre, "slicing raises, or too many objects made in one run");
                let new = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ListGetSlice, args: vec![list, s], exit: Some(exit) });
                Ok(Av::Row { obj: new, elem })
            }
            Av::List(_) | Av::Row { .. } => {
                let (list, elem) = self.list_of(x).expect("a list");
                let Some(elem) = elem else {
                    return abort(pc, "reading a list whose elements are not all int, all float, all bool or all such lists");
                };
                let i = match y {
                    Av::V(v) if self.t.ty(v) == Type::I64 => v,
                    _ => return abort(pc, "a list index that is not an int"),
                };
                let exit = self.exit_here(pc, pre, "list index out of range, or an element of another type");
                self.read_elem(b, list, elem, i, None, exit, pc)
            }
            Av::Arr(k) => {
                let (addr, full, js) = self.element_addr(b, k, y, pc, pre)?;
                let info = self.arrays[k as usize].clone();
                if full {
                    return match info.mem {
                        MemTy::F64 | MemTy::I64 | MemTy::Bool => {
                            Ok(Av::Np(self.t.push(b, info.mem.value_type(), InstKind::Load { mem: info.mem, addr })))
                        }
                        m => Ok(Av::NpS(self.t.push(b, m.value_type(), InstKind::Load { mem: m, addr }), m)),
                    };
                }
                let used = match y {
                    Av::Tuple(t) => self.tuples[t as usize].len(),
                    _ => 1,
                };
                // A view of an entry array (or of a view of one) can be
                // made again at an exit from its indices.
                let view_of = match (&info.view_of, info.entry_obj) {
                    (_, Some(_)) => Some((k, js)),
                    (Some((base, idx)), None) => Some((*base, idx.iter().copied().chain(js).collect())),
                    (None, None) => None,
                };
                self.arrays.push(ArrInfo {
                    mem: info.mem,
                    data: addr,
                    shape: info.shape[used..].to_vec(),
                    strides: info.strides[used..].to_vec(),
                    entry_obj: None,
                    obj: None,
                    made_at: Some((pc, Box::new(pre.clone()))),
                    view_of,
                    buf: false,
                });
                Ok(Av::Arr(self.arrays.len() as u32 - 1))
            }
            _ => abort(pc, "subscript of something other than a numpy array or a tuple"),
        }
    }

    /// A number converted for storing into an array of `mem`, as numpy
    /// converts a Python number: ints into float arrays exactly rounded,
    /// anything into bool arrays by truth, floats into int arrays as
    /// Python's `int()` truncates. An int that does not fit a small int
    /// dtype, or a float nan, infinite or past int64, exits (numpy raises).
    fn to_element(&mut self, b: Block, mem: MemTy, v: Value, pc: u32, pre: &State) -> R<Value> {
        let ty = self.t.ty(v);
        let int = |r: &mut Self, b: Block| {
            if ty == Type::F64 {
                let exit = r.exit_here(pc, pre, "a float that is no int64 (numpy raises)");
                r.t.push(b, Type::I64, InstKind::CheckedUnary { op: CheckedUnOp::FToITrunc, a: v, exit })
            } else {
                r.as_int(b, v)
            }
        };
        Ok(match mem {
            MemTy::F64 | MemTy::F32 => self.as_float(b, v),
            MemTy::Bool => self.truth(b, Av::V(v), pc)?,
            MemTy::I64 => int(self, b),
            MemTy::I32 | MemTy::I8 | MemTy::U8 => {
                let x = int(self, b);
                let (lo, hi) = match mem {
                    MemTy::I32 => (i32::MIN as i64, i32::MAX as i64),
                    MemTy::I8 => (i8::MIN as i64, i8::MAX as i64),
                    _ => (0, u8::MAX as i64),
                };
                let (lo, hi) = (self.t.const_i64(b, lo), self.t.const_i64(b, hi));
                let ge = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ge, a: x, b: lo });
                let le = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Le, a: x, b: hi });
                let ok = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: ge, b: le });
                let exit = self.exit_here(pc, pre, "int out of the array's range");
                self.t.push_guard(b, ok, true, exit);
                x
            }
        })
    }

    /// The class of a value the trace holds, where it knows it (object id).
    fn class_of(&mut self, av: Av) -> Option<u32> {
        match av {
            Av::V(v) => self.world.builtin_type(match self.t.ty(v) {
                Type::I64 => "int",
                Type::F64 => "float",
                Type::Bool => "bool",
            }),
            Av::Complex(..) => self.world.builtin_type("complex"),
            Av::List(_) | Av::Row { .. } => self.world.builtin_type("list"),
            Av::Tuple(_) => self.world.builtin_type("tuple"),
            Av::Inst { class, .. } => Some(class),
            Av::Obj(o) if Some(o) == self.none => self.world.none_type(),
            _ => None,
        }
    }

    /// `isinstance(x, cls)` (cls a class or a tuple of classes) and
    /// `type(x)` where the trace knows x's class: constants (x's class is
    /// checked at entry or fixed by the trace). None otherwise.
    fn class_builtin(&mut self, b: Block, f: Builtin, args: &[Av]) -> Option<Av> {
        match (f, args) {
            (Builtin::Type, [x]) => Some(Av::Obj(self.class_of(*x)?)),
            (Builtin::IsInstance, [x, cls]) => {
                let c = self.class_of(*x)?;
                let classes: Vec<Av> = match cls {
                    Av::Tuple(t) => self.tuples[*t as usize].clone(),
                    c => vec![*c],
                };
                let mut any = false;
                for k in classes {
                    let Av::Obj(k) = k else { return None };
                    any |= self.world.is_subclass(c, k)?;
                }
                Some(Av::V(self.t.const_bool(b, any)))
            }
            _ => None,
        }
    }

    /// A call to a builtin; `None` where Python raises.
    fn call_builtin(&mut self, b: Block, f: Builtin, args: &[Av], pc: u32, pre: &State) -> R<Option<Av>> {
        if matches!(f, Builtin::Enumerate | Builtin::Zip | Builtin::Reversed) {
            return self.iter_builtin(b, f, args, pc).map(Some);
        }
        if f == Builtin::Len {
            if let [Av::List(k)] = args {
                let obj = self.lists[*k as usize].obj;
                return Ok(Some(Av::V(self.list_len(b, obj))));
            }
            if let [Av::Row { obj, .. }] = args {
                return Ok(Some(Av::V(self.list_len(b, *obj))));
            }
            if let [Av::Tuple(t)] = args {
                let n = self.tuples[*t as usize].len() as i64;
                return Ok(Some(Av::V(self.t.const_i64(b, n))));
            }
            return match args {
                [Av::Arr(k)] => match self.arrays[*k as usize].shape.first() {
                    Some(n) => Ok(Some(Av::V(*n))),
                    None => Ok(None),
                },
                [Av::Dict(d)] => {
                    let obj = self.dicts[*d as usize].0;
                    Ok(Some(Av::V(self.t.push(b, Type::I64, InstKind::Call { f: RtFn::DictLen, args: vec![obj], exit: None }))))
                }
                // A str the trace holds (a constant, or one checked by
                // identity at entry): immutable, so its length is one.
                [Av::Obj(id)] => match self.world.str_value(*id) {
                    Some(text) => Ok(Some(Av::V(self.t.const_i64(b, text.chars().count() as i64)))),
                    None => Ok(None),
                },
                // Anything else: the interpreter's (an exit at the call).
                _ => Ok(None),
            };
        }
        // Small numpy scalars: what converts them to Python numbers takes
        // their value; abs(), min(), max(), round() keep numpy types.
        let widened: Vec<Av>;
        let args = if args.iter().any(|a| matches!(a, Av::NpS(..))) {
            let converts = matches!(
                f,
                Builtin::Float | Builtin::Int | Builtin::Bool | Builtin::Math(_) | Builtin::Range | Builtin::IsNan | Builtin::IsInf | Builtin::IsFinite | Builtin::Floor | Builtin::Ceil | Builtin::Trunc
            );
            if !converts {
                return Ok(None);
            }
            widened = args.iter().map(|a| if let Av::NpS(v, _) = a { Av::V(*v) } else { *a }).collect();
            &widened[..]
        } else {
            args
        };
        // numpy scalars: abs() and min()/max() of them give numpy scalars;
        // the other builtins take them as the numbers they are.
        let nps = args.iter().filter(|a| matches!(a, Av::Np(_))).count();
        let keep_np = match f {
            _ if nps == 0 => false,
            Builtin::Abs => true,
            Builtin::Min | Builtin::Max if nps == args.len() => true,
            Builtin::Min | Builtin::Max | Builtin::Divmod => {
                return abort(pc, format!("{f:?} mixing numpy scalars and Python numbers"));
            }
            Builtin::Round if args.len() == 2 => return abort(pc, "round(numpy scalar, n)"),
            _ => false,
        };
        if keep_np && args.iter().any(|a| matches!(a, Av::Np(v) if self.t.ty(*v) == Type::Bool)) {
            return abort(pc, format!("{f:?} of an np.bool_"));
        }
        let r = self.call_builtin_on_numbers(b, f, args, pc, pre)?;
        Ok(match r {
            Some(Av::V(v)) if keep_np => Some(Av::Np(v)),
            r => r,
        })
    }

    fn call_builtin_on_numbers(&mut self, b: Block, f: Builtin, args: &[Av], pc: u32, pre: &State) -> R<Option<Av>> {
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
                return Ok(Some(Av::Range { start, stop, step, len }));
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
                return Ok(Some(self.new_tuple(vec![Av::V(q), Av::V(r)])));
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
            Builtin::Round if one(2) && tys[0] != Type::F64 && tys[1] != Type::F64 => return self.round_int(b, &vals, pc, pre),
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

    /// `round(x, n)` of an int `x` and a constant `n` (`vals`), the int
    /// `round` gives: `x` for `n >= 0`, else half to even at `10**-n`.
    fn round_int(&mut self, b: Block, vals: &[Value], pc: u32, pre: &State) -> R<Option<Av>> {
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
        Ok(Some(Av::V(self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::IMul, a: q2, b: p, exit }))))
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


// The bytecode handlers: one per instruction `run_block` dispatches.
impl Recorder<'_, '_> {
    /// LOAD_FAST, STORE_FAST and their 3.14 pairs: locals to and from the
    /// stack (loading an unbound local exits: the interpreter raises).
    fn op_fast(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, pre, ins, .. } = at;
        let (stores, loads) = match ins.op {
            Op::LoadFast(n) => (vec![], vec![n]),
            Op::LoadFast2(a, c) => (vec![], vec![a, c]),
            Op::StoreFast(n) => (vec![n], vec![]),
            Op::StoreFast2(a, c) => (vec![a, c], vec![]),
            Op::StoreFastLoadFast(a, c) => (vec![a], vec![c]),
            _ => unreachable!(),
        };
        for n in stores {
            let av = Self::pop(st, pc)?;
            // A comprehension restores a local that was
            // unbound (LOAD_FAST_AND_CLEAR's NULL).
            if av == Av::Null {
                st.locals[n as usize] = Av::Unbound;
                continue;
            }
            self.check_storable(av, pc)?;
            st.locals[n as usize] = av;
        }
        for n in loads {
            let av = st.locals[n as usize];
            if matches!(av, Av::Unbound | Av::Untracked) {
                // The interpreter raises UnboundLocalError.
                let call = self.exit_call(pc, pre, "unbound local");
                self.t.set_term(b, Terminator::Jump(call));
                return Ok(Flow::Done);
            }
            st.stack.push(av);
        }
        Ok(Flow::Next(b))
    }

    /// LOAD_FAST_AND_CLEAR: a comprehension's own variable pushed (NULL if
    /// unbound) and cleared.
    fn op_load_fast_and_clear(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
        let &At { pc, .. } = at;
        let av = match st.locals[n as usize] {
            Av::Unbound => Av::Null,
            Av::Untracked => return abort(pc, "a comprehension variable the trace does not track"),
            av => av,
        };
        st.stack.push(av);
        st.locals[n as usize] = Av::Unbound;
        Ok(Flow::Next(b))
    }

    /// LIST_APPEND: the top appended to the list a comprehension builds.
    fn op_list_append(&mut self, b: Block, st: &mut State, at: &At<'_>, i: u32) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let v = Self::pop(st, pc)?;
        let Some(&list) = st.stack.len().checked_sub(i as usize).and_then(|k| st.stack.get(k)) else {
            return abort(pc, "stack underflow");
        };
        let Some((obj, _)) = self.list_of(list) else {
            return abort(pc, "a comprehension building something other than a list");
        };
        let (f, x) = self.append_call(b, v, pc, pre)?;
        self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f, args: vec![obj, x], exit: None } });
        st.stores += 1;
        Ok(Flow::Next(b))
    }

    /// LOAD_NAME and LOAD_GLOBAL: a global name, tracked or read at entry
    /// (an unbound one exits).
    fn op_load_global(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
        let &At { pc, pre, ins, .. } = at;
        let av = self.load_global(st, n, pc)?;
        if matches!(av, Av::Unbound) {
            let call = self.exit_call(pc, pre, "unbound name");
            self.t.set_term(b, Terminator::Jump(call));
            return Ok(Flow::Done);
        }
        if let Op::LoadGlobal { push_null: true, .. } = ins.op {
            st.stack.push(av);
            st.stack.push(Av::Null);
        } else {
            st.stack.push(av);
        }
        Ok(Flow::Next(b))
    }

    /// STORE_NAME and STORE_GLOBAL: a tracked global name, assigned by the
    /// loop's own code.
    fn op_store_global(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
        let &At { pc, code, .. } = at;
        if st.ctx != 0 {
            return abort(pc, "a called function assigns a global");
        }
        let av = Self::pop(st, pc)?;
        self.check_storable(av, pc)?;
        let name = &code.names[n as usize];
        let slot = self.name_index[name] as usize;
        st.names[slot] = av;
        Ok(Flow::Next(b))
    }

    /// LOAD_CONST: a number, None, a tuple of constants, keyword names, a
    /// complex, a slice, or a str (an object).
    fn op_load_const(&mut self, b: Block, st: &mut State, at: &At<'_>, c: &Const) -> R<Flow> {
        let &At { pc, code, pre, .. } = at;
        let av = match c {
            Const::Tuple(k) => self.const_tuple(b, code, *k),
            Const::Int(x) => Av::V(self.t.const_i64(b, *x)),
            Const::Float(x) => Av::V(self.t.const_f64(b, *x)),
            Const::Bool(x) => Av::V(self.t.const_bool(b, *x)),
            Const::None => Av::Obj(self.none_id()),
            Const::Names(k) => {
                let names = code.const_names.get(*k as usize).cloned().unwrap_or_default();
                match self.world.names_tuple(&names) {
                    Some(id) => {
                        self.kwnames.insert(id, names);
                        Av::Obj(id)
                    }
                    None => return abort(pc, "keyword names without their tuple"),
                }
            }
            Const::Complex(re, im) => Av::Complex(self.t.const_f64(b, *re), self.t.const_f64(b, *im)),
            Const::Slice(k) => {
                let [start, stop, step] = [0, 1, 2].map(|i| match code.const_tuples[*k as usize][i] {
                    Const::Int(x) => Av::V(self.t.const_i64(b, x)),
                    Const::Bool(x) => Av::V(self.t.const_i64(b, x as i64)),
                    _ => Av::Obj(self.none_id()),
                });
                let exit = self.exit_here(pc, pre, "too many objects made in one run");
                match self.slice_new(b, start, stop, Some(step), exit) {
                    Some(s) => s,
                    None => unreachable!("a constant slice has int and None bounds"),
                }
            }
            // A str constant: an object (a dict key, an
            // argument); anything done with it but that leaves.
            Const::Other(idx) => match self.world.str_const(self.ctxs[st.ctx as usize].code_obj, *idx) {
                Some(id) => Av::Obj(id),
                None => return self.leave(b, pc, pre, "a constant that is not a number or a str"),
            },
        };
        st.stack.push(av);
        Ok(Flow::Next(b))
    }

    /// COPY_FREE_VARS: an inlined closure's cells into its last fast slots.
    fn op_copy_free_vars(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
        let &At { pc, .. } = at;
        let cells = self.ctxs[st.ctx as usize].cells.clone();
        let n = n as usize;
        if cells.len() != n || st.locals.len() < n {
            return abort(pc, "closure cells that do not match the code");
        }
        let from = st.locals.len() - n;
        for (slot, cell) in st.locals[from..].iter_mut().zip(cells) {
            *slot = Av::Obj(cell);
        }
        Ok(Flow::Next(b))
    }

    /// LOAD_DEREF: a cell's contents, read at entry (compiled code stores
    /// into no cell).
    fn op_load_deref(&mut self, b: Block, st: &mut State, at: &At<'_>, i: u32) -> R<Flow> {
        let &At { pc, .. } = at;
        // A cell's contents are read at entry: compiled code
        // stores into no cell, so they hold for the whole run.
        let src = match st.locals.get(i as usize) {
            Some(Av::Obj(cell)) if st.ctx != 0 => Src::Cell(*cell),
            Some(Av::Untracked) if st.ctx == 0 => Src::LocalCell(i),
            _ => return abort(pc, "a cell that is not a closure's or the loop frame's"),
        };
        let av = match self.cells.get(&src) {
            Some(av) => *av,
            None => {
                let obs = self.world.cell_contents(src);
                if obs == Observed::Unbound {
                    return abort(pc, "an empty cell");
                }
                let e = self.t.entry();
                let av = self.observe(e, src, obs, pc)?;
                self.cells.insert(src, av);
                av
            }
        };
        st.stack.push(av);
        Ok(Flow::Next(b))
    }

    /// LOAD_ATTR: `dict.get`, a complex's parts, a list method, an array's
    /// method or attribute, an instance's attribute or method, or a module's
    /// attribute.
    fn op_load_attr(&mut self, b: Block, st: &mut State, at: &At<'_>, name: u32, method: bool) -> R<Flow> {
        let &At { pc, code, pre, .. } = at;
        let obj = Self::pop(st, pc)?;
        if let Av::Dict(_) = obj {
            return self.load_dict_attr(b, st, at, name, method, obj);
        }
        if let Av::Complex(re, im) = obj {
            let attr = code.names.get(name as usize).map(String::as_str).unwrap_or_default();
            match (attr, method) {
                ("real", false) => st.stack.push(Av::V(re)),
                ("imag", false) => st.stack.push(Av::V(im)),
                _ => return self.leave(b, pc, pre, format!("complex attribute {attr}")),
            }
            return Ok(Flow::Next(b));
        }
        if let Av::List(_) | Av::Row { .. } = obj {
            return self.load_list_attr(b, st, at, name, method, obj);
        }
        if let Av::Arr(k) = obj {
            return self.load_array_attr(b, st, at, name, method, obj, k);
        }
        if let Av::Inst { obj: o, class, slots } = obj {
            return self.load_inst_attr(b, st, at, name, method, obj, o, class, slots);
        }
        let Av::Obj(id) = obj else {
            return self.leave(b, pc, pre, "attribute of a value that is not a known module");
        };
        // A name the module lacks: the interpreter raises (or
        // a module `__getattr__` answers).
        let Some(av) = self.attr(code, id, name, pc)? else {
            return self.leave(b, pc, pre, "an attribute the module lacks");
        };
        if method {
            st.stack.push(av);
            st.stack.push(Av::Null);
        } else {
            st.stack.push(av);
        }
        Ok(Flow::Next(b))
    }

    /// LOAD_ATTR of an instance `obj` of plain class `class` (at `o`, its
    /// dict's entry array at `slots` where its keys are known): a method of
    /// the class (no instance attribute shadowing it), or an attribute read
    /// from the dict's entry where it is, a `__slots__` member, or through
    /// the runtime.
    #[allow(clippy::too_many_arguments)]
    fn load_inst_attr(&mut self, b: Block, st: &mut State, at: &At<'_>, name: u32, method: bool, obj: Av, o: Value, class: u32, slots: Option<Value>) -> R<Flow> {
        let &At { pc, code, pre, .. } = at;
        let attr = code.names.get(name as usize).cloned().unwrap_or_default();
        let name_addr = self.name_addr(&attr, pc)?;
        let exit = self.exit_here(pc, pre, "an attribute missing or of another type");
        let at = slots.map(|s| (s, self.key_index(class, &attr)));
        match (self.world.class_attr(class, &attr), method) {
            // The dict's keys are known: not among them.
            (ClassAttr::Method(f), true) if matches!(at, Some((_, None))) => {
                st.stack.push(Av::Obj(f));
                st.stack.push(obj);
            }
            (ClassAttr::Method(_), true) if at.is_some() => {
                return abort(pc, format!("method {attr} shadowed by an instance attribute"));
            }
            (ClassAttr::Absent | ClassAttr::Plain | ClassAttr::Method(_), false) if matches!(at, Some((_, Some(_)))) => {
                let Some((entries, Some(i))) = at else { unreachable!() };
                let Some(ty) = self.field_type(class, &attr) else {
                    // A list or an instance the attribute holds
                    // (alive: compiled code replaces no object).
                    let Some(fo) = self.world.field_obj(class, &attr) else {
                        return abort(pc, format!("attribute {attr} not seen holding one type of number, a list or an instance"));
                    };
                    let slot = self.entry_value(b, entries, i);
                    let obj = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: slot });
                    let av = self.field_object(b, obj, fo, exit, pc)?;
                    st.stack.push(av);
                    return Ok(Flow::Next(b));
                };
                let v = match st.known.iter().find(|k| k.0 == entries && k.1 == i) {
                    Some(k) => k.2,
                    None => {
                        let slot = self.entry_value(b, entries, i);
                        let boxed = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: slot });
                        let v = self.unbox(b, boxed, ty, exit);
                        st.known.push((entries, i, v));
                        v
                    }
                };
                st.stack.push(Av::V(v));
            }
            (ClassAttr::Method(f), true) => {
                // The instance's dict must not shadow the method.
                self.t.block_mut(b).insts.push(Inst {
                    result: None,
                    kind: InstKind::Call { f: RtFn::AttrAbsent, args: vec![o, name_addr], exit: Some(exit) },
                });
                st.stack.push(Av::Obj(f));
                st.stack.push(obj);
            }
            // Through the runtime: the dict's entry, or a
            // `__slots__` member through its descriptor.
            (ca @ (ClassAttr::Absent | ClassAttr::Plain | ClassAttr::Method(_) | ClassAttr::Member(_)), false) => {
                let Some(ty) = self.field_type(class, &attr) else {
                    return abort(pc, format!("attribute {attr} not seen holding one type of number"));
                };
                let v = match ca {
                    // A slot read where it is: set (else
                    // AttributeError, the interpreter's) and
                    // of the type seen.
                    ClassAttr::Member(off) if self.layout.is_some() => {
                        let slot = self.offset(b, o, off);
                        let boxed = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: slot });
                        let zero = self.t.const_i64(b, 0);
                        let set = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: boxed, b: zero });
                        self.t.push_guard(b, set, true, exit);
                        self.unbox(b, boxed, ty, exit)
                    }
                    ClassAttr::Member(off) => {
                        let off = self.t.const_i64(b, off);
                        self.t.push(b, ty, InstKind::Call { f: RtFn::MemberGet(ty), args: vec![o, off], exit: Some(exit) })
                    }
                    _ => self.t.push(b, ty, InstKind::Call { f: RtFn::AttrGet(ty), args: vec![o, name_addr], exit: Some(exit) }),
                };
                st.stack.push(Av::V(v));
            }
            _ => return abort(pc, format!("attribute {attr} of an instance (a descriptor, or not a method)")),
        }
        Ok(Flow::Next(b))
    }

    /// LOAD_ATTR of array `obj` (`arrays[k]`): a reduction method (`a.sum`)
    /// beside the array, `a.T` (a view the VM makes), or `shape`, `ndim`,
    /// `size`.
    #[allow(clippy::too_many_arguments)]
    fn load_array_attr(&mut self, b: Block, st: &mut State, at: &At<'_>, name: u32, method: bool, obj: Av, k: u32) -> R<Flow> {
        let &At { pc, code, pre, .. } = at;
        let attr = code.names.get(name as usize).cloned().unwrap_or_default();
        if method
            && let Some(r) = NP_REDUCTIONS.iter().position(|n| *n == attr)
            && let Some(id) = self.world.np_method(&attr)
        {
            // `a.sum()`: the class's function, the array
            // beside it (as LOAD_ATTR leaves them).
            self.arr_methods.insert(id, r as u8);
            st.stack.push(Av::Method(id));
            st.stack.push(obj);
            return Ok(Flow::Next(b));
        }
        if method {
            return self.leave(b, pc, pre, format!("array method {attr}()"));
        }
        // `a.T`: a view the VM makes, strided.
        if attr == "T" {
            // A view shares the memory: of the object.
            let Some(Av::Arr(k)) = self.unbuffer(b, st, obj, pc, pre) else {
                return self.leave(b, pc, pre, "a.T of an array a tuple holds");
            };
            let Some(z) = self.np_transpose(b, k, pc, pre) else {
                return self.leave(b, pc, pre, "a.T of this array");
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        let av = self.array_attr(b, k, &attr, pc)?;
        st.stack.push(av);
        Ok(Flow::Next(b))
    }

    /// LOAD_ATTR of list `obj`: one of `LIST_METHODS` (as a method), beside
    /// the list.
    fn load_list_attr(&mut self, b: Block, st: &mut State, at: &At<'_>, name: u32, method: bool, obj: Av) -> R<Flow> {
        let &At { pc, code, .. } = at;
        let attr = code.names.get(name as usize).cloned().unwrap_or_default();
        if !method || !LIST_METHODS.contains(&attr.as_str()) {
            return abort(pc, format!("list attribute {attr}"));
        }
        let Some(m) = self.world.list_method(&attr) else {
            return abort(pc, format!("list.{attr} without its object"));
        };
        self.list_methods.insert(m, attr);
        st.stack.push(Av::Method(m));
        st.stack.push(obj);
        Ok(Flow::Next(b))
    }

    /// LOAD_ATTR of dict `obj`: `d.get` (as a method), beside the dict.
    fn load_dict_attr(&mut self, b: Block, st: &mut State, at: &At<'_>, name: u32, method: bool, obj: Av) -> R<Flow> {
        let &At { pc, code, pre, .. } = at;
        let attr = code.names.get(name as usize).map(String::as_str).unwrap_or_default();
        let m = (method && attr == "get").then(|| self.world.dict_method("get")).flatten();
        let Some(m) = m else {
            return self.leave(b, pc, pre, format!("dict attribute {attr}"));
        };
        self.dict_get = Some(m);
        st.stack.push(Av::Method(m));
        st.stack.push(obj);
        Ok(Flow::Next(b))
    }

    /// STORE_ATTR into an instance: an object through the runtime, a number
    /// into a `__slots__` member or the dict's entry.
    fn op_store_attr(&mut self, mut b: Block, st: &mut State, at: &At<'_>, name: u32) -> R<Flow> {
        let &At { pc, code, pre, .. } = at;
        let obj = Self::pop(st, pc)?;
        let val = Self::pop(st, pc)?;
        let Av::Inst { obj: o, class, slots } = obj else {
            return self.leave(b, pc, pre, "an attribute assignment to something other than an instance");
        };
        let attr = code.names.get(name as usize).cloned().unwrap_or_default();
        // An object (an instance, a list): through the runtime,
        // over nothing but a number or an absent name.
        let stored_obj = match val {
            Av::Inst { obj, .. } | Av::Row { obj, .. } => Some(obj),
            Av::List(k) => Some(self.lists[k as usize].obj),
            _ => None,
        };
        if let Some(x) = stored_obj {
            return self.store_attr_obj(b, st, at, o, class, attr, x);
        }
        let Av::V(v) = val else {
            return self.leave(b, pc, pre, "an attribute assignment of other than a Python number, an instance or a list");
        };
        if let ClassAttr::Member(off) = self.world.class_attr(class, &attr) {
            return self.store_attr_member(b, st, at, o, class, attr, v, off);
        }
        if matches!(self.world.class_attr(class, &attr), ClassAttr::Descriptor) {
            return abort(pc, format!("an assignment to attribute {attr} (a descriptor)"));
        }
        let name_addr = self.name_addr(&attr, pc)?;
        let exit = self.exit_here(pc, pre, "an instance without a dict");
        let slow = InstKind::Call { f: RtFn::AttrSet(self.t.ty(v)), args: vec![o, name_addr, v], exit: Some(exit) };
        // What the trace stores is what it may read back (of an
        // instance only the trace made, no other type was seen).
        self.note_stored(class, &attr, self.t.ty(v));
        // An instance the trace made and no list holds is no
        // other the trace holds; one a constructor call below is
        // making is discarded if an exit redoes that call, so
        // setting it up is no store an exit could repeat.
        let making = self.making(st, o);
        match slots.zip(self.key_index(class, &attr)) {
            Some((entries, i)) => {
                let slot = self.entry_value(b, entries, i);
                b = self.store_boxed(b, slot, v, exit, slow);
                st.known.retain(|k| k.1 != i);
                st.known.push((entries, i, v));
            }
            None => {
                self.t.block_mut(b).insts.push(Inst { result: None, kind: slow });
                self.key_maybe_added(st, o, class, &attr, making);
            }
        }
        if !making {
            st.stores += 1;
        }
        Ok(Flow::Next(b))
    }

    /// `o.attr = v` of a number into the `__slots__` member of `class` at
    /// byte offset `off`.
    #[allow(clippy::too_many_arguments)]
    fn store_attr_member(&mut self, mut b: Block, st: &mut State, at: &At<'_>, o: Value, class: u32, attr: String, v: Value, off: i64) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let exit = self.exit_here(pc, pre, "a slot holding an object");
        let ty = self.t.ty(v);
        let off_v = self.t.const_i64(b, off);
        let slow = InstKind::Call { f: RtFn::MemberSet(ty), args: vec![o, off_v, v], exit: Some(exit) };
        if self.layout.is_some() {
            // Where it is (a float in place, a bool over a
            // bool), an unset slot or anything else through
            // the runtime.
            let slot = self.offset(b, o, off);
            let old = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: slot });
            let zero = self.t.const_i64(b, 0);
            let set = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: old, b: zero });
            let (held, unset, join) = (self.t.new_block(&[]), self.t.new_block(&[]), self.t.new_block(&[]));
            let call = |block| BlockCall { block, args: vec![] };
            self.t.set_term(b, Terminator::Branch { cond: set, then: call(held), els: call(unset) });
            let after = self.store_boxed(held, slot, v, exit, slow.clone());
            self.t.set_term(after, Terminator::Jump(call(join)));
            self.t.block_mut(unset).insts.push(Inst { result: None, kind: slow });
            self.t.set_term(unset, Terminator::Jump(call(join)));
            b = join;
        } else {
            self.t.block_mut(b).insts.push(Inst { result: None, kind: slow });
        }
        self.note_stored(class, &attr, ty);
        // Setting up an instance a constructor below is
        // making is no store an exit could repeat.
        if !self.making(st, o) {
            st.stores += 1;
        }
        Ok(Flow::Next(b))
    }

    /// `o.attr = x` of an object `x` (an instance, a list) into an instance
    /// of `class`: through the runtime, over nothing but a number or an
    /// absent name.
    #[allow(clippy::too_many_arguments)]
    fn store_attr_obj(&mut self, b: Block, st: &mut State, at: &At<'_>, o: Value, class: u32, attr: String, x: Value) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        if matches!(self.world.class_attr(class, &attr), ClassAttr::Descriptor) {
            return abort(pc, format!("an assignment to attribute {attr} (a descriptor)"));
        }
        let name_addr = self.name_addr(&attr, pc)?;
        let exit = self.exit_here(pc, pre, "an object attribute over another object, or an instance without a dict");
        self.t.block_mut(b).insts.push(Inst {
            result: None,
            kind: InstKind::Call { f: RtFn::AttrSetObj, args: vec![o, name_addr, x], exit: Some(exit) },
        });
        // Not a number: reads of it go by what instances hold.
        self.stored.insert((class, attr.clone()), None);
        let making = self.making(st, o);
        self.key_maybe_added(st, o, class, &attr, making);
        // Reachable from another object now (a read of the
        // attribute gives it back): no longer new.
        self.fresh.remove(&x);
        if !making {
            st.stores += 1;
        }
        Ok(Flow::Next(b))
    }

    /// COPY: the n-th entry from the top pushed again.
    fn op_copy(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
        let &At { pc, .. } = at;
        let len = st.stack.len();
        let Some(av) = len.checked_sub(n as usize).map(|i| st.stack[i]) else {
            return abort(pc, "stack underflow");
        };
        st.stack.push(av);
        Ok(Flow::Next(b))
    }

    /// BUILD_TUPLE: a tuple the trace holds (never allocated: an exit makes
    /// it).
    fn op_build_tuple(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
        let &At { pc, .. } = at;
        let mut vals = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let av = Self::pop(st, pc)?;
            self.check_storable(av, pc)?;
            vals.push(av);
        }
        vals.reverse();
        st.stack.push(self.new_tuple(vals));
        Ok(Flow::Next(b))
    }

    /// BUILD_LIST: a list of rows, or of numbers of one type, made through
    /// the runtime.
    fn op_build_list(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        // A list of rows of one type (`[[x] * n]`, a matrix
        // for np.array): made through the runtime, which keeps
        // it alive while the run lasts.
        let len = st.stack.len();
        let items = st.stack.get(len.saturating_sub(n as usize)..).unwrap_or_default().to_vec();
        let row_elem = |av: &Av| match av {
            Av::Row { elem, .. } => Some(*elem),
            _ => None,
        };
        if n > 0
            && items.len() == n as usize
            && let Some(elem) = row_elem(&items[0])
            && items.iter().all(|a| row_elem(a) == Some(elem))
        {
            st.stack.truncate(len - n as usize);
            let exit = self.exit_here(pc, pre, "too many lists made in one run");
            let obj = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ListNew, args: vec![], exit: Some(exit) });
            let mut rows = Vec::new();
            for a in items {
                let Av::Row { obj: row, .. } = a else { unreachable!("rows") };
                self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f: RtFn::ListAppendObj, args: vec![obj, row], exit: None } });
                rows.push(row);
            }
            self.displays.insert(obj, rows);
            st.stack.push(Av::Rows { obj, elem });
            return Ok(Flow::Next(b));
        }
        // A new list of numbers of one type, made the same way.
        let mut vals = Vec::with_capacity(n as usize);
        for _ in 0..n {
            match Self::pop(st, pc)? {
                Av::V(v) => vals.push(v),
                _ => return abort(pc, "a list display of other than Python numbers"),
            }
        }
        vals.reverse();
        let ty = vals.first().map(|v| self.t.ty(*v)).unwrap_or(Type::F64);
        if vals.iter().any(|v| self.t.ty(*v) != ty) {
            return abort(pc, "a list display of numbers of different types");
        }
        let exit = self.exit_here(pc, pre, "too many lists made in one run");
        let obj = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ListNew, args: vec![], exit: Some(exit) });
        if let [x] = vals[..] {
            self.singletons.insert(obj, (b, x));
        }
        for v in vals {
            self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f: RtFn::ListAppend(ty), args: vec![obj, v], exit: None } });
        }
        st.stack.push(Av::Row { obj, elem: ty });
        Ok(Flow::Next(b))
    }

    /// UNPACK_SEQUENCE of a tuple the trace built.
    fn op_unpack_sequence(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
        let &At { pc, .. } = at;
        let Av::Tuple(id) = Self::pop(st, pc)? else {
            return abort(pc, "unpacking something other than a tuple the trace built");
        };
        let vals = self.tuples[id as usize].clone();
        if vals.len() != n as usize {
            return abort(pc, "unpacking a tuple of another length");
        }
        // The first element ends on top.
        st.stack.extend(vals.iter().rev().copied());
        Ok(Flow::Next(b))
    }

    /// SWAP: the top and the n-th entry from the top exchanged.
    fn op_swap(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
        let &At { pc, .. } = at;
        let len = st.stack.len();
        if (n as usize) > len || n == 0 {
            return abort(pc, "stack underflow");
        }
        st.stack.swap(len - 1, len - n as usize);
        Ok(Flow::Next(b))
    }

    /// BINARY_OP and its in-place form: a subscript, an instance's operator
    /// method (inlined), or arithmetic of complex numbers, arrays, lists,
    /// numpy scalars or numbers.
    fn op_binary(&mut self, b: Block, st: &mut State, at: &At<'_>, kind: BinKind) -> R<Flow> {
        let &At { pc, pre, ins, .. } = at;
        let inplace = matches!(ins.op, Op::InplaceOp(_));
        let y = Self::pop(st, pc)?;
        let x = Self::pop(st, pc)?;
        if kind == BinKind::Subscr {
            return self.binary_subscr(b, st, at, x, y);
        }
        if (matches!(x, Av::Inst { .. }) || matches!(y, Av::Inst { .. }))
            && let Some((f, args)) = self.operator_method(kind, x, y)
        {
            if st.callers.len() + 1 >= MAX_INLINE_DEPTH {
                return abort(pc, "calls nested too deeply (recursion?)");
            }
            // The operands stay on the stack: the return pops them.
            st.stack.push(x);
            st.stack.push(y);
            return self.enter_call(b, std::mem::take(st), pc, &f, &args, None);
        }
        if matches!(x, Av::Complex(..)) || matches!(y, Av::Complex(..)) {
            match self.complex_binary(b, kind, x, y, pc, pre)? {
                Some(z) => st.stack.push(z),
                None => return self.leave(b, pc, pre, format!("{kind:?} of a complex")),
            }
            return Ok(Flow::Next(b));
        }
        if inplace && matches!(x, Av::Arr(_)) {
            return self.inplace_array(b, st, at, kind, x, y);
        }
        // `lst += other` extends the list itself.
        if inplace && let Some((obj, elem)) = self.list_of(x) {
            return self.inplace_list(b, st, at, kind, x, y, obj, elem);
        }
        if let (BinKind::MatMul, Av::Arr(i), Av::Arr(j)) = (kind, x, y) {
            let Some(z) = self.np_matmul(b, i, j, pc, pre) else {
                return self.leave(b, pc, pre, "`@` of these arrays");
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        if matches!(x, Av::Arr(_)) || matches!(y, Av::Arr(_)) {
            let Some(z) = self.np_binary_arr(b, kind, x, y, pc, pre) else {
                return self.leave(b, pc, pre, format!("{kind:?} of an array and this operand"));
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        // `lst * n`: a new list.
        let seq_n = match (x, y) {
            (l @ (Av::Row { .. } | Av::List(_)), Av::V(n)) | (Av::V(n), l @ (Av::Row { .. } | Av::List(_)))
                if kind == BinKind::Mul && self.t.ty(n) != Type::F64 =>
            {
                Some((l, n))
            }
            _ => None,
        };
        // `a + b` of lists: a new list.
        if let (BinKind::Add, Av::Row { .. } | Av::List(_), Av::Row { .. } | Av::List(_)) = (kind, x, y) {
            return self.list_concat(b, st, at, x, y);
        }
        if let Some((l, n)) = seq_n {
            return self.list_repeat(b, st, at, l, n);
        }
        if matches!(x, Av::NpS(..)) || matches!(y, Av::NpS(..)) {
            let Some(z) = self.np_small_binary(b, kind, x, y, pc, pre)? else {
                return self.leave(b, pc, pre, format!("{kind:?} of a small numpy scalar and this operand"));
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        let np = self.numpy_result(x, y);
        let (Some(xv), Some(yv)) = (self.num(&x), self.num(&y)) else {
            return self.leave(b, pc, pre, format!("{kind:?} on values that are not numbers"));
        };
        let (xv, yv) = match np {
            true => match self.np_bool_operands(b, kind, xv, yv) {
                Some(p) => p,
                None => return self.leave(b, pc, pre, format!("{kind:?} of np.bool_ and this operand")),
            },
            false => (xv, yv),
        };
        let r = if np { self.np_binary(b, kind, xv, yv, pc, pre)? } else { self.binary(b, kind, xv, yv, pc, pre)? };
        let wrap = |v| if np { Av::Np(v) } else { Av::V(v) };
        match r {
            Some(v) => st.stack.push(wrap(v)),
            None => {
                // Python raises (TypeError): let it.
                let call = self.exit_call(pc, pre, "operation raises");
                self.t.set_term(b, Terminator::Jump(call));
                return Ok(Flow::Done);
            }
        }
        Ok(Flow::Next(b))
    }

    /// `l * n` (or `n * l`) of a list of numbers: a new list (`[x] * n`
    /// one call).
    fn list_repeat(&mut self, b: Block, st: &mut State, at: &At<'_>, l: Av, n: Value) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let Some((obj, Some(Elem::Num(elem)))) = self.list_of(l) else {
            return abort(pc, "repeating a list of other than numbers");
        };
        let n = self.as_int(b, n);
        let exit = self.exit_here(pc, pre, "list repeat raises, or too many lists made in one run");
        let new = match self.fill_of(b, obj, st) {
            // `[x] * n`: one list, the display never made.
            Some(x) => {
                let l = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ListFill(elem), args: vec![x, n], exit: Some(exit) });
                self.fills.insert(l, (x, n));
                l
            }
            None => self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ListRepeat, args: vec![obj, n], exit: Some(exit) }),
        };
        st.stack.push(Av::Row { obj: new, elem });
        Ok(Flow::Next(b))
    }

    /// `x + y` of two lists of numbers: a new list.
    fn list_concat(&mut self, b: Block, st: &mut State, at: &At<'_>, x: Av, y: Av) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let mut parts = Vec::new();
        for l in [x, y] {
            let Some((obj, Some(Elem::Num(t)))) = self.list_of(l) else {
                return abort(pc, "adding lists of other than numbers");
            };
            parts.push((obj, t));
        }
        let exit = self.exit_here(pc, pre, "too many lists made in one run");
        let new = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ListConcat, args: vec![parts[0].0, parts[1].0], exit: Some(exit) });
        // Its elements are checked as they are read.
        st.stack.push(Av::Row { obj: new, elem: parts[0].1 });
        Ok(Flow::Next(b))
    }

    /// `lst += other` of the list `x` (at `obj`, seen holding `elem`):
    /// extended in place.
    #[allow(clippy::too_many_arguments)]
    fn inplace_list(&mut self, b: Block, st: &mut State, at: &At<'_>, kind: BinKind, x: Av, y: Av, obj: Value, elem: Option<Elem>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        if kind != BinKind::Add || self.list_of(y).is_none() {
            return self.leave(b, pc, pre, format!("{kind:?}= of a list"));
        }
        let Some(_) = self.list_method_call(b, "extend", obj, elem, &[y], pc, pre)? else {
            return self.leave(b, pc, pre, "+= of a list with this operand");
        };
        st.stores += 1;
        st.stack.push(x);
        Ok(Flow::Next(b))
    }

    /// `x <kind>= y` of an array `x`: changed in place (an effect).
    fn inplace_array(&mut self, b: Block, st: &mut State, at: &At<'_>, kind: BinKind, x: Av, y: Av) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        // Changed in place: an array in a buffer becomes
        // the object everything holding it sees.
        let Some(x) = self.unbuffer(b, st, x, pc, pre) else {
            return self.leave(b, pc, pre, "an in-place operator on an array a tuple holds");
        };
        if !self.np_inplace(b, kind, x, y, pc, pre) {
            return self.leave(b, pc, pre, format!("{kind:?}= of an array and this operand"));
        }
        // An effect: an exit that would redo it is refused.
        st.stores += 1;
        st.stack.push(x);
        Ok(Flow::Next(b))
    }

    /// `x[y]` (BINARY_OP's subscript): a dict's value, an array's slice,
    /// or an element of a list, a tuple or an array (`subscript`); anything
    /// else left to the interpreter.
    fn binary_subscr(&mut self, b: Block, st: &mut State, at: &At<'_>, x: Av, y: Av) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        // A dict, a str, ...: the interpreter's.
        if let Av::Dict(d) = x {
            let Some(v) = self.dict_call(b, d, "get", y, None, pc, pre)? else {
                return self.leave(b, pc, pre, "a dict read of another key or value type");
            };
            st.stack.push(Av::V(v));
            return Ok(Flow::Next(b));
        }
        if !matches!(x, Av::Tuple(_) | Av::List(_) | Av::Row { .. } | Av::Arr(_)) {
            return self.leave(b, pc, pre, "subscript of something other than a list, a tuple or a numpy array");
        }
        if let Av::Arr(_) = x
            && self.key_has_slice(y)
        {
            let Some(z) = self.slice_of(b, st, x, y, pc, pre) else {
                return self.leave(b, pc, pre, "an array subscript of slices and other than ints");
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        let av = self.subscript(b, x, y, pc, pre)?;
        st.stack.push(av);
        Ok(Flow::Next(b))
    }

    /// COMPARE_OP of complex numbers, strs the trace holds, arrays (a bool
    /// array) or numbers.
    fn op_compare(&mut self, b: Block, st: &mut State, at: &At<'_>, kind: CmpKind) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let y = Self::pop(st, pc)?;
        let x = Self::pop(st, pc)?;
        if matches!(x, Av::Complex(..)) || matches!(y, Av::Complex(..)) {
            let Some(v) = self.complex_eq(b, kind, x, y, pc, pre)? else {
                return self.leave(b, pc, pre, "an ordering of complex numbers, or a comparison with another object");
            };
            st.stack.push(Av::V(v));
            return Ok(Flow::Next(b));
        }
        // Two strs the trace holds (constants, or checked by
        // identity at entry): immutable, so compared now.
        if let (Av::Obj(p), Av::Obj(q)) = (x, y)
            && let (Some(p), Some(q)) = (self.world.str_value(p), self.world.str_value(q))
        {
            let r = match kind {
                CmpKind::Eq => p == q,
                CmpKind::Ne => p != q,
                CmpKind::Lt => p < q,
                CmpKind::Le => p <= q,
                CmpKind::Gt => p > q,
                CmpKind::Ge => p >= q,
            };
            st.stack.push(Av::V(self.t.const_bool(b, r)));
            return Ok(Flow::Next(b));
        }
        // An array on either side: numpy's bool array, through
        // the runtime.
        if matches!(x, Av::Arr(_)) || matches!(y, Av::Arr(_)) {
            let z = self.np_operands(b, Err(kind), x, y, pc, pre).map(|(xa, ya, want)| {
                let exit = self.exit_here(pc, pre, "an array comparison raises or gives another array, or too many objects made in one run");
                let w = self.t.const_i64(b, want.pack() as i64);
                let f = RtFn::NpBinary { a: self.t.ty(xa), b: self.t.ty(ya) };
                let z = self.t.push(b, Type::I64, InstKind::Call { f, args: vec![xa, ya, w], exit: Some(exit) });
                self.made_array(b, z, MemTy::Bool, want.ndim as usize)
            });
            let Some(z) = z else {
                return self.leave(b, pc, pre, "a comparison of an array and this operand");
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        // A small numpy scalar compares as its (exact) wider value.
        let (x, y) = (Self::widened(x), Self::widened(y));
        let np = self.numpy_result(x, y);
        let (Some(x), Some(y)) = (self.num(&x), self.num(&y)) else {
            return self.leave(b, pc, pre, "comparison of values that are not numbers");
        };
        let v = self.compare(b, kind, x, y, pc, pre)?;
        // numpy scalars compare to np.bool_.
        st.stack.push(if np { Av::Np(v) } else { Av::V(v) });
        Ok(Flow::Next(b))
    }

    /// CONTAINS_OP: `x in d` of a dict, or a number in a list or in a tuple
    /// the trace holds.
    fn op_contains(&mut self, b: Block, st: &mut State, at: &At<'_>, invert: bool) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let y = Self::pop(st, pc)?;
        let x = Self::pop(st, pc)?;
        let v = match (x, y) {
            (_, Av::Dict(d)) => self.dict_call(b, d, "in", x, None, pc, pre)?,
            // In a list of numbers: its count (numbers-only
            // lists, checked by the helper). Not of a float: a
            // nan is found by identity, which unboxing lost.
            (Av::V(v), Av::List(_) | Av::Row { .. }) if self.t.ty(v) != Type::F64 => {
                let (obj, _) = self.list_of(y).expect("a list");
                let exit = self.exit_here(pc, pre, "a list of other than numbers");
                let ty = self.t.ty(v);
                let n = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ListCount(ty), args: vec![obj, v], exit: Some(exit) });
                let zero = self.t.const_i64(b, 0);
                Some(self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: n, b: zero }))
            }
            // In a tuple the trace holds, of numbers (not floats).
            (Av::V(v), Av::Tuple(t)) if self.t.ty(v) != Type::F64 => {
                let items = self.tuples[t as usize].clone();
                let mut any = Some(self.t.const_bool(b, false));
                for item in items {
                    any = match (any, item) {
                        (Some(acc), Av::V(w)) if self.t.ty(w) != Type::F64 => {
                            let eq = self.compare(b, CmpKind::Eq, v, w, pc, pre)?;
                            Some(self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BOr, a: acc, b: eq }))
                        }
                        _ => None,
                    };
                }
                any
            }
            _ => None,
        };
        let Some(v) = v else {
            return self.leave(b, pc, pre, "`in` of something other than a dict, a list or a tuple of numbers");
        };
        let v = if invert { self.t.push(b, Type::Bool, InstKind::Unary { op: UnOp::BNot, a: v }) } else { v };
        st.stack.push(Av::V(v));
        Ok(Flow::Next(b))
    }

    /// IS_OP between objects the trace knows, or a number and an object.
    fn op_is(&mut self, b: Block, st: &mut State, at: &At<'_>, invert: bool) -> R<Flow> {
        let &At { pc, .. } = at;
        let y = Self::pop(st, pc)?;
        let x = Self::pop(st, pc)?;
        let same = match (x, y) {
            (Av::Obj(a), Av::Obj(b)) => a == b,
            (Av::V(_) | Av::Np(_), Av::Obj(_)) | (Av::Obj(_), Av::V(_) | Av::Np(_)) => false,
            _ => return abort(pc, "`is` between numbers"),
        };
        let v = self.t.const_bool(b, same != invert);
        st.stack.push(Av::V(v));
        Ok(Flow::Next(b))
    }

    /// UNARY_NEGATIVE of a complex, an array, a numpy scalar or a number.
    fn op_negative(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let x = Self::pop(st, pc)?;
        if let Av::Complex(re, im) = x {
            let re = self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FNeg, a: re });
            let im = self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FNeg, a: im });
            st.stack.push(Av::Complex(re, im));
            return Ok(Flow::Next(b));
        }
        if let Av::Arr(k) = x {
            let z = self.world.name_obj("negative").and_then(|name| self.np_unary_arr(b, name, k, pc, pre));
            let Some(z) = z else { return self.leave(b, pc, pre, "negation of this array") };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        if let Av::NpS(v, m) = x {
            let neg = match m {
                MemTy::F32 => self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FNeg, a: v }),
                _ => {
                    let zero = self.t.const_i64(b, 0);
                    let d = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::ISubWrap, a: zero, b: v });
                    self.wrap_small(b, m, d)
                }
            };
            st.stack.push(Av::NpS(neg, m));
            return Ok(Flow::Next(b));
        }
        let np = matches!(x, Av::Np(_));
        let Some(x) = self.num(&x) else { return abort(pc, "negation of a non-number") };
        if np && self.t.ty(x) == Type::Bool {
            return abort(pc, "negation of an np.bool_");
        }
        let v = match self.t.ty(x) {
            Type::F64 => self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FNeg, a: x }),
            _ => {
                let x = self.as_int(b, x);
                let exit = self.exit_here(pc, pre, "overflow");
                self.t.push(b, Type::I64, InstKind::CheckedUnary { op: CheckedUnOp::INeg, a: x, exit })
            }
        };
        st.stack.push(if np { Av::Np(v) } else { Av::V(v) });
        Ok(Flow::Next(b))
    }

    /// UNARY_INVERT of an int or a bool (of a float it raises: an exit).
    fn op_invert(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let x = Self::pop(st, pc)?;
        let Av::V(x) = x else { return abort(pc, "~ of a non-number or a numpy scalar") };
        if self.t.ty(x) == Type::F64 {
            let call = self.exit_call(pc, pre, "operation raises");
            self.t.set_term(b, Terminator::Jump(call));
            return Ok(Flow::Done);
        }
        let x = self.as_int(b, x);
        let m1 = self.t.const_i64(b, -1);
        let v = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IXor, a: x, b: m1 });
        st.stack.push(Av::V(v));
        Ok(Flow::Next(b))
    }

    /// UNARY_NOT and TO_BOOL: a value's truth.
    fn op_not(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, ins, .. } = at;
        let x = Self::pop(st, pc)?;
        let v = self.truth(b, x, pc)?;
        let v = if ins.op == Op::UnaryNot {
            self.t.push(b, Type::Bool, InstKind::Unary { op: UnOp::BNot, a: v })
        } else {
            v
        };
        st.stack.push(Av::V(v));
        Ok(Flow::Next(b))
    }

    /// POP_JUMP_IF_TRUE / POP_JUMP_IF_FALSE: a branch on a value's truth, or
    /// a jump where the recording knows it.
    fn op_pop_jump_if(&mut self, b: Block, st: &mut State, at: &At<'_>, target: u32, when: bool) -> R<Flow> {
        let &At { pc, next, .. } = at;
        let x = Self::pop(st, pc)?;
        let c = self.truth(b, x, pc)?;
        // A branch decided while recording: the other side is
        // never recorded (an inlined `if ndim == 1: return x`
        // beside `return x, y`, whose shapes could not join).
        if let Some(k) = self.known_truth(c) {
            let to = if k == when { target } else { next };
            // Forward to code no other path has reached yet:
            // recorded on in this block, so constants stay
            // known for the next branch (`if ndim == 2`).
            if to > pc && st.ctx != 0 && !self.blocks.contains_key(&(st.ctx, to)) && self.in_region(st.ctx, to) {
                self.queue.push_back((to, b, std::mem::take(st)));
                return Ok(Flow::Done);
            }
            let call = self.edge(to, std::mem::take(st))?;
            self.t.set_term(b, Terminator::Jump(call));
            return Ok(Flow::Done);
        }
        let taken = self.edge(target, st.clone())?;
        let fall = self.edge(next, std::mem::take(st))?;
        let (then, els) = if when { (taken, fall) } else { (fall, taken) };
        self.t.set_term(b, Terminator::Branch { cond: c, then, els });
        Ok(Flow::Done)
    }

    /// POP_JUMP_IF_NONE / POP_JUMP_IF_NOT_NONE, of a value whose kind decides
    /// it.
    fn op_pop_jump_if_none(&mut self, b: Block, st: &mut State, at: &At<'_>, target: u32, when_none: bool) -> R<Flow> {
        let &At { pc, next, .. } = at;
        let x = Self::pop(st, pc)?;
        let none = self.none_id();
        let is_none = match x {
            Av::Obj(o) => o == none,
            Av::V(_) | Av::Np(_) | Av::Arr(_) => false,
            _ => return abort(pc, "`is None` of an unknown object"),
        };
        let to = if is_none == when_none { target } else { next };
        let call = self.edge(to, std::mem::take(st))?;
        self.t.set_term(b, Terminator::Jump(call));
        Ok(Flow::Done)
    }

    /// JUMP_FORWARD / JUMP_BACKWARD: the loop's back-edge (dropping what the
    /// run made where the loop carries none of it), an enclosing loop's (an
    /// exit), or a jump inside the region.
    fn op_jump(&mut self, b: Block, st: &mut State, at: &At<'_>, target: u32) -> R<Flow> {
        let &At { pc, .. } = at;
        // The back-edge of an enclosing loop: let the interpreter
        // take it, so that loop can get hot and compile too.
        let call = if target < pc && !self.in_region(st.ctx, target) {
            self.exit_call(pc, st, "back-edge of an enclosing loop")
        } else {
            // The loop comes round holding nothing the run
            // made: drop it all, so the loop runs in bounded
            // memory without leaving.
            if st.ctx == 0 && target == self.entry.header {
                let mut carried = st.clone();
                self.forget_dead(target, &mut carried);
                if self.holds_nothing_made(&carried) {
                    self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f: RtFn::ArenaReset, args: vec![], exit: None } });
                } else if let Some(roots) = self.keep_roots(b, &carried) {
                    // It carries some made objects (a `Vector`
                    // reassigned each iteration): drop the rest,
                    // so the loop runs without leaving to empty
                    // the arena.
                    self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f: RtFn::ArenaKeep, args: roots, exit: None } });
                }
            }
            self.edge(target, std::mem::take(st))?
        };
        self.t.set_term(b, Terminator::Jump(call));
        Ok(Flow::Done)
    }

    /// FOR_ITER over an iterator of lists, a tuple, an array or a range.
    fn op_for_iter(&mut self, mut b: Block, st: &mut State, at: &At<'_>, exhausted: u32) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        if let Some(&Av::Iter { entry, shape, state }) = st.stack.last() {
            b = self.iter_next(b, st, entry, shape, state, pc, exhausted, pre)?;
            return Ok(Flow::Next(b));
        }
        if let Some(&Av::TupleIter { tuple, idx }) = st.stack.last() {
            let items = self.tuples[tuple as usize].clone();
            if items.is_empty() {
                let done = self.edge(exhausted, std::mem::take(st))?;
                self.t.set_term(b, Terminator::Jump(done));
                return Ok(Flow::Done);
            }
            let n = self.t.const_i64(b, items.len() as i64);
            let more = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: idx, b: n });
            let done = self.edge(exhausted, st.clone())?;
            let body = self.t.new_block(&[]);
            self.t.set_term(b, Terminator::Branch { cond: more, then: BlockCall { block: body, args: vec![] }, els: done });
            b = body;
            // The loop ran idx < n: the pick needs no bounds.
            let Some(item) = self.pick(b, idx, &items) else {
                return abort(pc, "iterating over a tuple whose items are of different kinds");
            };
            let one = self.t.const_i64(b, 1);
            let idx = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: idx, b: one });
            *st.stack.last_mut().unwrap() = Av::TupleIter { tuple, idx };
            st.stack.push(item);
            return Ok(Flow::Next(b));
        }
        if let Some(&Av::ArrIter { arr, idx, entry }) = st.stack.last() {
            // A vector's elements or a matrix's rows (views a
            // variable may hold), in order (numpy's iterator
            // reads each as it is reached). A 0-d array raises.
            if self.arrays[arr as usize].shape.is_empty() {
                return self.leave(b, pc, pre, "iterating over a 0-d array");
            }
            let n = self.arrays[arr as usize].shape[0];
            let more = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: idx, b: n });
            let done = self.edge(exhausted, st.clone())?;
            let body = self.t.new_block(&[]);
            self.t.set_term(b, Terminator::Branch { cond: more, then: BlockCall { block: body, args: vec![] }, els: done });
            b = body;
            let item = self.subscript(b, Av::Arr(arr), Av::V(idx), pc, pre)?;
            let one = self.t.const_i64(b, 1);
            let idx = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: idx, b: one });
            *st.stack.last_mut().unwrap() = Av::ArrIter { arr, idx, entry };
            st.stack.push(item);
            return Ok(Flow::Next(b));
        }
        let Some(&Av::RangeIter { entry, start, step, len, idx }) = st.stack.last() else {
            return abort(pc, "a for loop over something other than range() or a list");
        };
        let more = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: idx, b: len });
        let done = self.edge(exhausted, st.clone())?;
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
        Ok(Flow::Next(b))
    }

    /// GET_ITER of a range, a list, a row, a tuple or an array: an iterator
    /// the trace holds.
    fn op_get_iter(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        match st.stack.last().copied() {
        Some(Av::RangeIter { entry: None, .. } | Av::Iter { entry: None, .. }) => {}
        Some(Av::Range { start, step, len, .. }) => {
            let idx = self.t.const_i64(b, 0);
            *st.stack.last_mut().unwrap() = Av::RangeIter { entry: None, start, step, len, idx };
        }
        Some(Av::List(k)) => {
            let zero = self.t.const_i64(b, 0);
            *st.stack.last_mut().unwrap() = self.new_iter(None, IterKind::List, vec![ListSrc::Entry(k)], vec![zero]);
        }
        Some(Av::Row { obj, elem }) => {
            let zero = self.t.const_i64(b, 0);
            *st.stack.last_mut().unwrap() = self.new_iter(None, IterKind::List, vec![ListSrc::Row(elem)], vec![zero, obj]);
        }
        Some(Av::Tuple(tuple)) => {
            let idx = self.t.const_i64(b, 0);
            *st.stack.last_mut().unwrap() = Av::TupleIter { tuple, idx };
        }
        // An entry array, or a view of one (a row).
        Some(Av::Arr(arr)) if self.arrays[arr as usize].shape.is_empty() => {
            return self.leave(b, pc, pre, "iter() of a 0-d array");
        }
        Some(Av::Arr(arr)) if self.arrays[arr as usize].entry_obj.is_some() || self.arrays[arr as usize].view_of.is_some() => {
            let idx = self.t.const_i64(b, 0);
            *st.stack.last_mut().unwrap() = Av::ArrIter { arr, idx, entry: None };
        }
        Some(Av::ArrIter { entry: None, .. }) => {}
        _ => return abort(pc, "iter() of something other than range(), a list or a tuple"),
        }
        Ok(Flow::Next(b))
    }

    /// CALL and CALL_KW: numpy's array makers, `dict.get`, an array's or a
    /// list's method, a Python function or a class (inlined), or a builtin.
    fn op_call(&mut self, b: Block, st: &mut State, at: &At<'_>, argc: u32) -> R<Flow> {
        let &At { pc, pre, ins, .. } = at;
        let argc = argc as usize;
        // CALL_KW's names, on top of the arguments.
        let kwnames = match &ins.op {
            Op::CallKw(_) => match st.stack.last() {
                Some(Av::Obj(id)) if self.kwnames.contains_key(id) => Some(self.kwnames[id].clone()),
                _ => return abort(pc, "keyword names that are not a constant"),
            },
            _ => None,
        };
        let above = kwnames.is_some() as usize;
        if st.stack.len() < argc + 2 + above {
            return abort(pc, "stack underflow");
        }
        let base = st.stack.len() - argc - 2 - above;
        let (callee, self_or_null) = (st.stack[base], st.stack[base + 1]);
        if let (Av::Obj(id), Av::Null) = (callee, self_or_null)
            && let Some(f @ (Builtin::NpArray | Builtin::NpFilled(_))) = self.builtin_of(id)
        {
            return self.call_np_new(b, st, at, f, base, above, kwnames.as_deref());
        }
        if kwnames.is_some() && !matches!(callee, Av::Obj(id) if self.builtin_of(id).is_none()) {
            return abort(pc, "keyword arguments to a builtin or a method of a list");
        }
        // A list method held in a variable: as if looked up
        // on its list here.
        let (callee, self_or_null) = match (callee, self_or_null) {
            (Av::BoundList { method, list, .. }, Av::Null) => (Av::Method(method), Av::List(list)),
            other => other,
        };
        if let (Av::Method(m), Av::Dict(d)) = (callee, self_or_null)
            && Some(m) == self.dict_get
        {
            return self.call_dict_get(b, st, at, d, base);
        }
        if let (Av::Method(m), Av::Arr(k)) = (callee, self_or_null)
            && let Some(&r) = self.arr_methods.get(&m)
        {
            return self.call_array_method(b, st, at, r, k, base, argc, kwnames.as_deref());
        }
        if let (Av::Method(m), Some((obj, elem))) = (callee, self.list_of(self_or_null)) {
            return self.call_list_method(b, st, at, m, obj, elem, base);
        }
        // A method of an instance: its function, with the
        // instance as the first argument.
        let with_self = matches!(self_or_null, Av::Inst { .. });
        if self_or_null != Av::Null && !with_self {
            return self.leave(b, pc, pre, "a method call");
        }
        let Av::Obj(id) = callee else {
            return abort(pc, "a call of an unknown object");
        };
        let builtin = if with_self { None } else { self.builtin_of(id) };
        let Some(builtin) = builtin else {
            // A Python function: record its body in a new frame.
            return self.call_function(b, st, at, id, with_self, base, argc, above, kwnames.as_deref());
        };
        let args: Vec<Av> = st.stack.split_off(base + 2);
        st.stack.truncate(base);
        self.call_builtin_op(b, st, at, builtin, id, args)
    }

    /// A call of builtin `builtin` (the object `id`) with `args`, the callee
    /// already off the stack: `random`'s and numpy's random functions,
    /// reductions of a list, `isinstance`/`type`, numpy's functions of
    /// arrays and scalars, complex numbers, `min`/`max` of mixed types (two
    /// paths), and the builtins of numbers (`call_builtin`).
    fn call_builtin_op(&mut self, mut b: Block, st: &mut State, at: &At<'_>, builtin: Builtin, id: u32, args: Vec<Av>) -> R<Flow> {
        let &At { pc, next, pre, .. } = at;
        if let Builtin::Random(rf) | Builtin::NpRandom(rf) = builtin {
            // numpy's defaults, passed: uniform()/normal() are
            // (0.0, 1.0), randint(n) is randint(0, n).
            let mut args = args;
            if builtin == Builtin::NpRandom(rf) {
                match (rf, args.len()) {
                    (RandomFn::Uniform | RandomFn::Gauss, 0) => {
                        args = vec![Av::V(self.t.const_f64(b, 0.0)), Av::V(self.t.const_f64(b, 1.0))];
                    }
                    (RandomFn::Randint, 1) => args.insert(0, Av::V(self.t.const_i64(b, 0))),
                    _ => {}
                }
            }
            let v = self.random_call(b, id, rf, &args, pc, pre)?;
            // An effect: an exit that would redo it is refused.
            st.stores += 1;
            st.stack.push(Av::V(v));
            return Ok(Flow::Next(b));
        }
        if let (Builtin::Sum | Builtin::Min | Builtin::Max, [lst @ (Av::List(_) | Av::Row { .. })]) = (builtin, &args[..]) {
            let (after, v) = self.reduce_list(b, builtin, *lst, pc, pre)?;
            b = after;
            st.stack.push(Av::V(v));
            return Ok(Flow::Next(b));
        }
        if matches!(builtin, Builtin::IsInstance | Builtin::Type) {
            let Some(v) = self.class_builtin(b, builtin, &args) else {
                return self.leave(b, pc, pre, format!("{builtin:?}() of a value whose class the trace does not know"));
            };
            st.stack.push(v);
            return Ok(Flow::Next(b));
        }
        if matches!(builtin, Builtin::NpReduce(_) | Builtin::NpDot) {
            let z = match (builtin, &args[..]) {
                (Builtin::NpReduce(r), [Av::Arr(k)]) => self.np_reduce(b, r, *k, pc, pre),
                // Of one dtype: the module's kernel, as `@`.
                (Builtin::NpDot, [Av::Arr(i), Av::Arr(j)])
                    if self.arrays[*i as usize].mem == self.arrays[*j as usize].mem
                        && self.arrays[*i as usize].shape.len() == 1
                        && self.arrays[*j as usize].shape.len() == 1 =>
                {
                    self.np_matmul(b, *i, *j, pc, pre)
                }
                (Builtin::NpDot, [Av::Arr(i), Av::Arr(j)]) => self.np_dot(b, id, *i, *j, pc, pre),
                _ => None,
            };
            let Some(z) = z else {
                return self.leave(b, pc, pre, format!("{builtin:?} of these arguments"));
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        if let (Builtin::NpUnary, [Av::Obj(name), Av::Arr(k)]) = (builtin, &args[..]) {
            let Some(z) = self.np_unary_arr(b, *name, *k, pc, pre) else {
                return self.leave(b, pc, pre, "a numpy ufunc of this array");
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        if matches!(builtin, Builtin::NpUnary | Builtin::NpBinary) {
            let v = if builtin == Builtin::NpUnary { self.np_unary(b, &args) } else { self.np_binary_scalar(b, &args) };
            let Some(v) = v else {
                return self.leave(b, pc, pre, "a numpy ufunc of these arguments");
            };
            st.stack.push(Av::Np(v));
            return Ok(Flow::Next(b));
        }
        if args.iter().any(|a| matches!(a, Av::Complex(..))) || builtin == Builtin::Complex {
            let Some(z) = self.complex_builtin(b, builtin, &args, pc, pre)? else {
                return self.leave(b, pc, pre, format!("{builtin:?}() of these arguments"));
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        // min/max of two Python numbers of different types:
        // the one chosen keeps its type, so the recording goes
        // on along two paths (`min(2.0, i)`, `max(0, x)`).
        if let (Builtin::Min | Builtin::Max, [Av::V(x), Av::V(y)]) = (builtin, &args[..])
            && (self.t.ty(*x) == Type::F64) != (self.t.ty(*y) == Type::F64)
        {
            // Python keeps the first unless the second is
            // strictly less (min) or greater (max).
            let kind = if builtin == Builtin::Min { CmpKind::Lt } else { CmpKind::Gt };
            let second = self.compare(b, kind, *y, *x, pc, pre)?;
            let mut then_st = st.clone();
            then_st.stack.push(Av::V(*y));
            st.stack.push(Av::V(*x));
            let then = self.edge(next, then_st)?;
            let els = self.edge(next, std::mem::take(st))?;
            self.t.set_term(b, Terminator::Branch { cond: second, then, els });
            return Ok(Flow::Done);
        }
        match self.call_builtin(b, builtin, &args, pc, pre)? {
            Some(av) => st.stack.push(av),
            None => {
                let call = self.exit_call(pc, pre, "call raises");
                self.t.set_term(b, Terminator::Jump(call));
                return Ok(Flow::Done);
            }
        }
        Ok(Flow::Next(b))
    }

    /// A call of the Python function (or plain class) `id` at stack depth
    /// `base` (a method of an instance: `with_self`): its body recorded in a
    /// new frame, a class's instance made first and its `__init__` inlined
    /// on it, or a recursive call of a function trace into itself.
    #[allow(clippy::too_many_arguments)]
    fn call_function(&mut self, b: Block, st: &mut State, at: &At<'_>, id: u32, with_self: bool, base: usize, argc: usize, above: usize, kwnames: Option<&[String]>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let (f, ctor) = match self.world.callee(id) {
            Some(f) => (f, None),
            None => {
                let Some(init) = self.world.constructor(id).filter(|_| !with_self) else {
                    return self.leave(b, pc, pre, "a call to a function that cannot be inlined");
                };
                // `cls(...)`: a new instance (its class
                // unchanged since recording), then its
                // __init__ inlined on it.
                self.class_checked(id, pc)?;
                let Some(class_addr) = self.world.obj_addr(id) else {
                    return abort(pc, "a class without its address");
                };
                let exit = self.exit_here(pc, pre, "too many objects made in one run");
                let cls = self.t.const_i64(b, class_addr as i64);
                let obj = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::NewInstance, args: vec![cls], exit: Some(exit) });
                self.fresh.insert(obj);
                let inst = Av::Inst { obj, class: id, slots: None };
                match init {
                    Some(f) => (f, Some(inst)),
                    // object's __init__: no arguments.
                    None if argc == 0 && kwnames.is_none() => {
                        st.stack.truncate(base);
                        st.stack.push(inst);
                        return Ok(Flow::Next(b));
                    }
                    None => {
                        let call = self.exit_call(pc, pre, "call raises");
                        self.t.set_term(b, Terminator::Jump(call));
                        return Ok(Flow::Done);
                    }
                }
            }
        };
        if self.entry.jump == FUNCTION && f.id == self.entry.code_id && !with_self && kwnames.is_none() && ctor.is_none() {
            let v = self.call_self(b, st, base, &f, pc, pre)?;
            st.stack.truncate(base);
            st.stack.push(Av::V(v));
            return Ok(Flow::Next(b));
        }
        if st.callers.len() + 1 >= MAX_INLINE_DEPTH {
            return abort(pc, "calls nested too deeply (recursion?)");
        }
        let first = if with_self { base + 1 } else { base + 2 };
        let given: Vec<Av> = ctor.into_iter().chain(st.stack[first..st.stack.len() - above].iter().copied()).collect();
        let Some(args) = self.bind_args(b, &f, given, kwnames.unwrap_or(&[]), pc)? else {
            // The interpreter raises the TypeError.
            let call = self.exit_call(pc, pre, "call raises");
            self.t.set_term(b, Terminator::Jump(call));
            return Ok(Flow::Done);
        };
        self.enter_call(b, std::mem::take(st), pc, &f, &args, ctor)
    }

    /// `lst.<name>(...)` of the list method `m` looked up on the list at
    /// `obj` (at stack depth `base`).
    #[allow(clippy::too_many_arguments)]
    fn call_list_method(&mut self, b: Block, st: &mut State, at: &At<'_>, m: u32, obj: Value, elem: Option<Elem>, base: usize) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let args = st.stack[base + 2..].to_vec();
        let name = self.list_methods.get(&m).cloned().unwrap_or_default();
        let Some(r) = self.list_method_call(b, &name, obj, elem, &args, pc, pre)? else {
            return self.leave(b, pc, pre, format!("list.{name}() with these arguments"));
        };
        st.stores += !matches!(name.as_str(), "copy" | "index" | "count") as u32;
        st.stack.truncate(base);
        st.stack.push(r);
        Ok(Flow::Next(b))
    }

    /// `a.sum()` and the other reductions (`NP_REDUCTIONS[r]`) of array `k`
    /// looked up by LOAD_ATTR (at stack depth `base`).
    #[allow(clippy::too_many_arguments)]
    fn call_array_method(&mut self, b: Block, st: &mut State, at: &At<'_>, r: u8, k: u32, base: usize, argc: usize, kwnames: Option<&[String]>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let z = if argc == 0 && kwnames.is_none() { self.np_reduce(b, r, k, pc, pre) } else { None };
        let Some(z) = z else {
            return self.leave(b, pc, pre, format!("array method {}() of these arguments", NP_REDUCTIONS[r as usize]));
        };
        st.stack.truncate(base);
        st.stack.push(z);
        Ok(Flow::Next(b))
    }

    /// `d.get(k[, default])` of dict `d` (`dict.get` at stack depth `base`):
    /// its value where `k` is in it, else the default, on two paths.
    fn call_dict_get(&mut self, b: Block, st: &mut State, at: &At<'_>, d: u32, base: usize) -> R<Flow> {
        let &At { pc, next, pre, .. } = at;
        // d.get(k, default): in the dict, its value, else the
        // default (of the values' type), on two paths.
        let args = st.stack[base + 2..].to_vec();
        let (key, default) = match args[..] {
            [k] => (k, Av::Obj(self.none_id())),
            [k, dflt] => (k, dflt),
            _ => return self.leave(b, pc, pre, "dict.get() with these arguments"),
        };
        let Some(found) = self.dict_call(b, d, "in", key, None, pc, pre)? else {
            return self.leave(b, pc, pre, "dict.get() of another key type");
        };
        let hit = self.t.new_block(&[]);
        let Some(v) = self.dict_call(hit, d, "get", key, None, pc, pre)? else {
            return self.leave(b, pc, pre, "dict.get() of another value type");
        };
        st.stack.truncate(base);
        let mut hit_st = st.clone();
        hit_st.stack.push(Av::V(v));
        st.stack.push(default);
        let to = self.edge(next, hit_st)?;
        self.t.set_term(hit, Terminator::Jump(to));
        let els = self.edge(next, std::mem::take(st))?;
        self.t.set_term(b, Terminator::Branch { cond: found, then: BlockCall { block: hit, args: vec![] }, els });
        Ok(Flow::Done)
    }

    /// `np.array(...)`, `np.zeros(...)`, `np.ones(...)`, `np.empty(...)`
    /// called (`f`, the callee at stack depth `base`): a new array.
    #[allow(clippy::too_many_arguments)]
    fn call_np_new(&mut self, b: Block, st: &mut State, at: &At<'_>, f: Builtin, base: usize, above: usize, kwnames: Option<&[String]>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let args = st.stack[base + 2..st.stack.len() - above].to_vec();
        let kw = kwnames.unwrap_or(&[]);
        let made = match f {
            Builtin::NpFilled(one) => self.np_filled_call(b, one, &args, kw, pc, pre),
            _ => self.np_array_call(b, &args, kw, pc, pre)?,
        };
        let Some(av) = made else {
            return self.leave(b, pc, pre, format!("{f:?} of these arguments"));
        };
        st.stack.truncate(base);
        st.stack.push(av);
        Ok(Flow::Next(b))
    }

    /// RETURN_VALUE of an inlined function: back in the caller after its
    /// CALL (or operator), with the result (a constructor's: the new
    /// instance).
    fn op_return_to_caller(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        // Back in the caller, after its CALL, with the result.
        let value = Self::pop(st, pc)?;
        let caller = st.callers.pop().unwrap();
        let ccode = self.code(caller.ctx);
        let Some(cpos) = ccode.position(caller.call_pc) else {
            return abort(pc, "call site lost");
        };
        let popped = match ccode.instrs[cpos].op {
            Op::Call(argc) => argc as usize + 2,
            Op::CallKw(argc) => argc as usize + 3,
            // An operator's method: Python would try the other
            // operand's on NotImplemented.
            // Left at the return: the interpreter's BINARY_OP
            // gets it and goes on as Python does.
            Op::BinaryOp(_) | Op::InplaceOp(_) if matches!(value, Av::Obj(o) if Some(o) == self.world.not_implemented()) => {
                return self.leave(b, pc, pre, "an operator method that returns NotImplemented");
            }
            Op::BinaryOp(_) | Op::InplaceOp(_) => 2,
            _ => return abort(pc, "call site lost"),
        };
        let next = ccode.instrs[cpos].next;
        st.ctx = caller.ctx;
        st.locals = caller.locals;
        st.stack = caller.stack;
        st.stack.truncate(st.stack.len() - popped);
        match caller.ctor {
            Some(Av::Inst { obj, class, .. }) => {
                if value != Av::Obj(self.none_id()) {
                    return abort(pc, "an __init__ that returns a value");
                }
                st.stack.push(Av::Inst { obj, class, slots: None });
                // Its dict as the class's instances have it (or,
                // with none seen, as its __init__ made it):
                // attributes read and written in place from here.
                // (None made: a `__slots__` class's instances
                // have no dict.)
                if self.keys_of(class).is_none() && self.layout.is_some_and(|l| l.dict.is_some()) && !caller.ctor_keys.is_empty() {
                    self.key_layouts.push(caller.ctor_keys.clone());
                    self.class_keys.insert(class, Some(self.key_layouts.len() as u32 - 1));
                }
                if let Some(k) = self.keys_of(class) {
                    let exit = self.exit_here(next, st, "an instance whose attributes differ from its class's others");
                    let entries = self.check_keys(b, obj, k, exit);
                    for av in st.avs_mut() {
                        if let Av::Inst { obj: o, slots, .. } = av
                            && *o == obj
                        {
                            *slots = Some(entries);
                        }
                    }
                }
            }
            _ => st.stack.push(value),
        }
        let call = self.edge(next, std::mem::take(st))?;
        self.t.set_term(b, Terminator::Jump(call));
        Ok(Flow::Done)
    }

    /// RETURN_VALUE of the loop's own code: an exit (a function trace's
    /// number result returns natively).
    fn op_return(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let exit = self.exit_here(pc, pre, "return");
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
        Ok(Flow::Done)
    }

    /// STORE_SUBSCR into a dict, a list (an object, a slice, a number) or an
    /// array.
    fn op_store_subscr(&mut self, mut b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let key = Self::pop(st, pc)?;
        let cont = Self::pop(st, pc)?;
        let val = Self::pop(st, pc)?;
        if let (Av::Dict(d), Av::V(v)) = (cont, val) {
            if self.dict_call(b, d, "set", key, Some(v), pc, pre)?.is_none() {
                return self.leave(b, pc, pre, "a dict write of another key type");
            }
            st.stores += 1;
            return Ok(Flow::Next(b));
        }
        // An object (an instance, a list) over None or a number
        // (anything else exits: compiled code may hold the old
        // element's address).
        let stored_obj = match val {
            Av::Inst { obj, .. } | Av::Row { obj, .. } | Av::Rows { obj, .. } => Some(obj),
            Av::List(k) => Some(self.lists[k as usize].obj),
            _ => None,
        };
        if let (Some(x), Some((obj, _)), Av::V(i)) = (stored_obj, self.list_of(cont), key)
            && self.t.ty(i) == Type::I64
        {
            let exit = self.exit_here(pc, pre, "list index out of range, or an element other than None or a number");
            self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f: RtFn::ListSetObj, args: vec![obj, i, x], exit: Some(exit) } });
            // Reachable through the list from now on.
            self.fresh.remove(&x);
            st.stores += 1;
            return Ok(Flow::Next(b));
        }
        let target = match cont {
            Av::List(k) if matches!(self.lists[k as usize].elem, Some(Elem::Rows(_) | Elem::Insts(_) | Elem::Tuples { .. })) => {
                return abort(pc, "an item assignment into a list of lists, tuples or instances");
            }
            Av::List(k) => Some(self.lists[k as usize].obj),
            Av::Row { obj, .. } => Some(obj),
            _ => None,
        };
        if let (Some(obj), Av::Slice(s)) = (target, key) {
            let (Some(Elem::Num(_)), Some((other, _))) = (self.list_of(cont).and_then(|l| l.1), self.list_of(val)) else {
                return self.leave(b, pc, pre, "a slice assignment of other than a list into a list of numbers");
            };
            let exit = self.exit_here(pc, pre, "a slice assignment the interpreter makes");
            self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f: RtFn::ListSetSlice, args: vec![obj, s, other], exit: Some(exit) } });
            st.stores += 1;
            return Ok(Flow::Next(b));
        }
        if let Some(obj) = target {
            let (Av::V(i), Av::V(v)) = (key, val) else {
                return abort(pc, "a list item assignment of other than a Python number at an int index");
            };
            if self.t.ty(i) != Type::I64 {
                return abort(pc, "a list index that is not an int");
            }
            let exit = self.exit_here(pc, pre, "list index out of range");
            b = self.list_store(b, obj, i, v, exit);
            st.stores += 1;
            return Ok(Flow::Next(b));
        }
        let Av::Arr(k) = cont else {
            return self.leave(b, pc, pre, "item assignment to something other than a numpy array or a list");
        };
        self.store_array_item(b, st, at, k, key, val)
    }

    /// `a[key] = val` of array `k`: through the VM for a key with slices or
    /// a mask, or a row (an array `val`); a number stored into the element
    /// where it is, converted as numpy converts it.
    fn store_array_item(&mut self, b: Block, st: &mut State, at: &At<'_>, k: u32, key: Av, val: Av) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        if self.key_has_slice(key) {
            // `a[i:j] = v`, `a[mask] = v`: through the VM.
            if !self.np_store_key(b, k, key, val, pc, pre) {
                return self.leave(b, pc, pre, "an assignment to an array slice of this value");
            }
            st.stores += 1;
            return Ok(Flow::Next(b));
        }
        let (addr, full, _) = self.element_addr(b, k, key, pc, pre)?;
        if !full {
            // `m[i] = v` of an array `v` (and what `m[i] *= 2`
            // stores back): numpy copies it in, through the VM.
            if !matches!(val, Av::Arr(_)) || !self.np_store_key(b, k, key, val, pc, pre) {
                return self.leave(b, pc, pre, "assignment to a row of an array");
            }
            st.stores += 1;
            return Ok(Flow::Next(b));
        }
        let Some(v) = self.num(&Self::widened(val)) else {
            return abort(pc, "storing something other than a number into an array");
        };
        let mem = self.arrays[k as usize].mem;
        let v = self.to_element(b, mem, v, pc, pre)?;
        self.t.push_store(b, mem, addr, v);
        st.stores += 1;
        Ok(Flow::Next(b))
    }

    /// BUILD_SLICE of ints and None: a slice object through the runtime.
    fn op_build_slice(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let step = if n == 3 { Some(Self::pop(st, pc)?) } else { None };
        let stop = Self::pop(st, pc)?;
        let start = Self::pop(st, pc)?;
        let exit = self.exit_here(pc, pre, "too many objects made in one run");
        let Some(s) = self.slice_new(b, start, stop, step, exit) else {
            return self.leave(b, pc, pre, "a slice of bounds other than ints and None");
        };
        st.stack.push(s);
        Ok(Flow::Next(b))
    }

    /// BINARY_SLICE of an array (a view) or of a list of numbers (a new
    /// list).
    fn op_binary_slice(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let stop = Self::pop(st, pc)?;
        let start = Self::pop(st, pc)?;
        let cont = Self::pop(st, pc)?;
        if let Av::Arr(_) = cont {
            // `a[i:j]`: numpy's view.
            let exit = self.exit_here(pc, pre, "too many objects made in one run");
            let z = self.slice_new(b, start, stop, None, exit).and_then(|s| self.slice_of(b, st, cont, s, pc, pre));
            let Some(z) = z else {
                return self.leave(b, pc, pre, "an array slice of bounds other than ints and None");
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        let Some((obj, Some(Elem::Num(elem)))) = self.list_of(cont) else {
            return self.leave(b, pc, pre, "a slice of something other than a list of numbers");
        };
        let exit = self.exit_here(pc, pre, "too many objects made in one run");
        let Some(Av::Slice(s)) = self.slice_new(b, start, stop, None, exit) else {
            return self.leave(b, pc, pre, "a slice of bounds other than ints and None");
        };
        let new = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ListGetSlice, args: vec![obj, s], exit: Some(exit) });
        st.stack.push(Av::Row { obj: new, elem });
        Ok(Flow::Next(b))
    }

    /// STORE_SLICE into an array or into a list of numbers.
    fn op_store_slice(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let stop = Self::pop(st, pc)?;
        let start = Self::pop(st, pc)?;
        let cont = Self::pop(st, pc)?;
        let val = Self::pop(st, pc)?;
        if let Av::Arr(_) = cont {
            // `a[i:j] = v`: numpy's store through the VM.
            let exit = self.exit_here(pc, pre, "too many objects made in one run");
            let done = match (self.slice_new(b, start, stop, None, exit), self.unbuffer(b, st, cont, pc, pre)) {
                (Some(s), Some(Av::Arr(k2))) => self.np_store_key(b, k2, s, val, pc, pre),
                _ => false,
            };
            if !done {
                return self.leave(b, pc, pre, "an assignment to an array slice of this value");
            }
            st.stores += 1;
            return Ok(Flow::Next(b));
        }
        let (Some((obj, Some(Elem::Num(_)))), Some((other, _))) = (self.list_of(cont), self.list_of(val)) else {
            return self.leave(b, pc, pre, "a slice assignment of other than a list into a list of numbers");
        };
        let exit = self.exit_here(pc, pre, "a slice assignment the interpreter makes");
        let Some(Av::Slice(s)) = self.slice_new(b, start, stop, None, exit) else {
            return self.leave(b, pc, pre, "a slice of bounds other than ints and None");
        };
        self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f: RtFn::ListSetSlice, args: vec![obj, s, other], exit: Some(exit) } });
        st.stores += 1;
        Ok(Flow::Next(b))
    }
}
