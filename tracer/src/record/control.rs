//! Control flow: branches (decided while recording where the condition is
//! known), jumps and the loop's back-edge, and the return of the loop's own
//! code.

use super::recorder::{At, Flow, R, Recorder, abort};
use super::state::{Av, State};
use super::world::{FUNCTION, RETURN};
use pyjit_ir::{BinOp, Block, BlockCall, Inst, InstKind, Place, RtFn, SnapValue, Terminator, Type, UnOp, Value};

impl Recorder<'_, '_> {
    /// POP_JUMP_IF_TRUE / POP_JUMP_IF_FALSE: a branch on a value's truth, or
    /// a jump where the recording knows it.
    pub(super) fn op_pop_jump_if(&mut self, b: Block, st: &mut State, at: &At<'_>, target: u32, when: bool) -> R<Flow> {
        let &At { pc, next, .. } = at;
        let x = Self::pop(st, pc)?;
        let c = match self.truth(b, x, pc) {
            Err(_) if self.objectable(&x) && !matches!(x, Av::V(_)) => return self.object_mode(b, st, at),
            c => c?,
        };
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
        let taken = self.branch_edge(target, next, st.clone())?;
        let fall = self.branch_edge(next, target, std::mem::take(st))?;
        let (then, els) = if when { (taken, fall) } else { (fall, taken) };
        self.t.set_term(b, Terminator::Branch { cond: c, then, els });
        Ok(Flow::Done)
    }

    /// POP_JUMP_IF_NONE / POP_JUMP_IF_NOT_NONE, of a value whose kind decides
    /// it.
    pub(super) fn op_pop_jump_if_none(&mut self, b: Block, st: &mut State, at: &At<'_>, target: u32, when_none: bool) -> R<Flow> {
        let &At { pc, next, .. } = at;
        let x = Self::pop(st, pc)?;
        let none = self.none_id();
        let is_none = match x {
            Av::Obj(o) => o == none,
            Av::V(_) | Av::Np(_) | Av::Arr(_) => false,
            Av::Inst { .. } | Av::List(_) | Av::Dict(_) | Av::Row { .. } | Av::Rows { .. } => false,
            // An object of no known kind: a branch on its address.
            Av::Ref(v) => {
                let Some(none_addr) = self.none_addr() else {
                    return abort(pc, "None without its address");
                };
                let c = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: v, b: none_addr });
                let taken = self.branch_edge(target, next, st.clone())?;
                let fall = self.branch_edge(next, target, std::mem::take(st))?;
                let (then, els) = if when_none { (taken, fall) } else { (fall, taken) };
                self.t.set_term(b, Terminator::Branch { cond: c, then, els });
                return Ok(Flow::Done);
            }
            // Any other object the trace holds (a method, a slice, a
            // tuple) is not None.
            _ if self.objectable(&x) => false,
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
    pub(super) fn op_jump(&mut self, b: Block, st: &mut State, at: &At<'_>, target: u32) -> R<Flow> {
        let &At { pc, .. } = at;
        // The back-edge of an enclosing loop: let the interpreter
        // take it, so that loop can get hot and compile too.
        let call = if target < pc && !self.in_region(st.ctx, target) {
            self.exit_call(pc, st, "back-edge of an enclosing loop")
        } else {
            // A back-edge leaves when the interpreter has work waiting (a
            // signal, another thread): before the arena is emptied, since
            // the exit hands back what the run made.
            if target < pc && (st.ctx == 0 || self.frames_resumable(st)) {
                let leave = self.t.push(b, Type::Bool, InstKind::Poll { alone: false, every: pyjit_ir::POLL_EVERY });
                let exit = self.exit_here(pc, st, "the interpreter has work waiting");
                self.t.push_guard(b, leave, false, exit);
            }
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

    /// RETURN_VALUE of the loop's own code: an exit (a function trace's
    /// number result returns natively).
    pub(super) fn op_return(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let exit = self.exit_here(pc, pre, RETURN);
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
}
