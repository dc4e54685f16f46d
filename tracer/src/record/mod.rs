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
//!
//! One file per concern, as LuaJIT splits its recorder (`lj_record.c`,
//! `lj_ffrecord.c`, `lj_snap.c`, ...):
//! - `world`: the public interface: what the recorder asks the VM
//!   (`World`) and is told (`Entry`), and what it gives back (`Recording`,
//!   its entry checks, `Abort`).
//! - `state`: abstract values and the abstract frame state.
//! - `recorder`: the `Recorder` every other file adds methods to, its
//!   limits, and the small helpers they all share.
//! - `guards` (objects read and checked through the VM's layout), `arith`
//!   (arithmetic on unboxed numbers) and `exits` (snapshots, exits and the
//!   edges between blocks): what the concerns below share.
//! - `entry`: the loop's region, and the live frame observed at entry.
//! - the bytecode handlers (`op_*`) and their helpers, by what they work
//!   on: `frame` (locals, globals, constants, cells, the stack), `control`
//!   (branches, jumps, the loop's return), `numbers` (operators), `calls`
//!   (inlining, returns), `attrs`, `subscr` (subscripts, slices), `iters`,
//!   `lists`, `tuples`, `dicts`, `complex`, `numpy` (scalars), `arrays`
//!   and `builtins`; `objects` does what none of them specializes through
//!   the VM's own operations (object mode).
//!
//! This file has `record`, `record_with` and `run_block`, which hands each
//! instruction to its handler. The other files import what they name from `world`,
//! `state` and `recorder`, never from this one, and their methods call one
//! another without a circle: handlers call the concerns' helpers, and
//! those the shared ones.

use crate::bytecode::{Code, Op};
use pyjit_ir::{Block, Inst, InstKind, RtFn, Terminator, Type};
use std::collections::HashSet;

mod arith;
mod arrays;
mod attrs;
mod builtins;
mod calls;
mod complex;
mod control;
mod dicts;
mod entry;
mod exits;
mod feedback;
mod frame;
mod guards;
mod iters;
mod lists;
mod numbers;
mod numpy;
mod objects;
mod rechecks;
mod recorder;
mod state;
mod subscr;
mod tuples;
mod world;

pub use world::{Abort, COLD_PATH, Callee, Check, ClassAttr, DictLayout, Entry, FIELD_TYPE, FUNCTION, IntLayout, KeyLayout, LEFT_TO_INTERPRETER, OPERAND_TYPE, ObjLayout, RAISED, RECEIVER_CLASS, Recording, SeqKind, Src, TYPES_DIFFER, TupleLayout, Want, World};

use recorder::{At, Flow, MAX_INLINE_DEPTH, MAX_RECORDED_INSTRS, R, Recorder, TOO_LARGE, abort};
use state::{Av, State};

/// Records the loop whose header is `entry.header` (or the function body).
pub fn record(entry: &Entry<'_>, world: &mut dyn World) -> Result<Recording, Abort> {
    // A loop too large to record with every call inlined (a scheduler
    // whose step calls methods of several classes, each calling more) is
    // recorded again with calls past the first level (then every call)
    // made through the VM: the functions called run their own traces.
    let mut max_inline = MAX_INLINE_DEPTH;
    loop {
        match record_inlining(entry, world, max_inline) {
            Err(a) if a.reason == TOO_LARGE && max_inline > 1 => max_inline = if max_inline > 2 { 2 } else { 1 },
            r => return r,
        }
    }
}

/// `record`, inlining calls `max_inline` deep at most.
fn record_inlining(entry: &Entry<'_>, world: &mut dyn World, max_inline: usize) -> Result<Recording, Abort> {
    // A recursive function's calls to itself return what its returns do:
    // guess int, and record again if the returns say otherwise.
    let rec = record_with(entry, world, Type::I64, max_inline)?;
    let ret_types: HashSet<Type> =
        rec.trace.returns.iter().filter_map(|e| rec.trace.exits[e.0 as usize].values().last().map(|v| rec.trace.ty(*v))).collect();
    let calls_self = rec.trace.blocks.iter().flat_map(|b| &b.insts).any(|i| matches!(i.kind, InstKind::CallSelf { .. }));
    if !calls_self || ret_types.len() <= 1 && !ret_types.contains(&Type::F64) && !ret_types.contains(&Type::Bool) {
        return Ok(rec);
    }
    match ret_types.into_iter().collect::<Vec<_>>()[..] {
        [ty] => record_with(entry, world, ty, max_inline),
        _ => abort(entry.header, "a recursive function returning values of several types"),
    }
}

fn record_with(entry: &Entry<'_>, world: &mut dyn World, self_result: Type, max_inline: usize) -> Result<Recording, Abort> {
    let mut r = Recorder::new(entry, world, self_result, max_inline);
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
    // Every path left to the interpreter before the loop came round (a
    // function: before it returned). A function that calls itself natively
    // leaves nowhere else: its caller would redo a call that had already
    // done what came before the exit.
    let closes = if entry.jump == FUNCTION {
        let self_calls = r.t.blocks.iter().flat_map(|b| &b.insts).any(|i| matches!(i.kind, InstKind::CallSelf { .. }));
        r.t.exits.iter().any(|e| e.reason == world::RETURN) && !self_calls
    } else {
        r.closes
    };
    if let Some(left) = r.left.take().filter(|_| !closes) {
        return Err(left);
    }
    // Object mode keeps a loop native, not fast: where it is most of the
    // work, the interpreter does the same for less.
    let (vm_ops, native) = objects::weight(&r.t);
    let native = native - r.int_read_extra.min(native);
    if vm_ops > 0 && native < objects::NATIVE_PER_VM_OP * vm_ops && !r.world.object_mode_always() {
        return abort(entry.header, objects::MOSTLY_VM);
    }
    r.recheck_entry_reads()?;
    // A trace that makes nothing has no arena to drop (and its loops stay
    // free of calls).
    let is_call = |i: &Inst, f: &dyn Fn(RtFn) -> bool| matches!(i.kind, InstKind::Call { f: g, .. } if f(g));
    if !r.t.blocks.iter().any(|b| b.insts.iter().any(|i| is_call(i, &|g| g.allocates()))) {
        for b in &mut r.t.blocks {
            b.insts.retain(|i| !is_call(i, &|g| matches!(g, RtFn::ArenaReset | RtFn::ArenaKeep)));
        }
    }
    // A trace that keeps what other threads can see in registers (globals,
    // the module's own variables, instance dicts and cells read at entry)
    // or reads lists and dicts without their locks runs only while no
    // other thread does: entered then, it leaves at the next back-edge
    // once one starts. Function locals are the thread's own.
    let alone = r.reads_lists
        || !r.names.is_empty()
        || !r.key_layouts.is_empty()
        || !r.dicts.is_empty()
        || !r.cells.is_empty()
        || r.checks.iter().any(|c| matches!(c.want, Want::Instance { .. }));
    if alone {
        for i in r.t.blocks.iter_mut().flat_map(|b| &mut b.insts) {
            if let InstKind::Poll { alone, .. } = &mut i.kind {
                *alone = true;
            }
        }
    }
    let iters = entry.iters.iter().map(|(k, _)| k.clone()).collect();
    let mostly_native = native >= 2 * objects::NATIVE_PER_VM_OP * vm_ops;
    let all_native = vm_ops == 0;
    Ok(Recording { trace: r.t, checks: r.checks, names: r.names, iters, single_thread: alone, inst_keys: r.key_layouts, mostly_native, all_native })
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
                return abort(pc, TOO_LARGE);
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
            b = self.unbox_fed_operands(b, &mut st, &at)?;
            let classes = self.receiver_classes(&st, &ins.op, pc);
            let fed = self.read_fed_sequence(b, &mut st, &at)?;
            let flow = match &ins.op {
                _ if fed.is_some() => fed.unwrap(),
                _ if !classes.is_empty() => self.switch_on_class(b, &mut st, &at, &classes)?,
                _ if self.wants_object_mode(&st, &ins.op) => self.object_mode(b, &mut st, &at)?,
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
                Op::LoadSuperAttr { name, method: true, .. } => self.op_load_super_method(b, &mut st, &at, *name)?,
                Op::LoadSuperAttr { .. } => self.object_mode(b, &mut st, &at)?,
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
                // The interpreter raises it, from the state before it.
                Op::Raise(_) => {
                    let call = self.exit_call(pc, &pre, "raise");
                    self.t.set_term(b, Terminator::Jump(call));
                    Flow::Done
                }
                Op::FormatSimple | Op::FormatWithSpec | Op::ConvertValue(_) | Op::BuildString(_) => self.object_mode(b, &mut st, &at)?,
                Op::LoadCommonConstant(k) => self.op_load_common_constant(b, &mut st, &at, *k)?,
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
}
