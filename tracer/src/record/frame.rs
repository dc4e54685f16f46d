//! The frame's variables and value stack: locals (LOAD_FAST and its kin),
//! global names, constants, closure cells, and the stack shuffles (COPY,
//! SWAP).

use super::recorder::{At, Flow, R, Recorder, abort};
use super::state::{Av, State};
use super::world::Src;
use crate::bytecode::{Code, Const, Observed, Op};
use pyjit_ir::{Block, Terminator};

impl Recorder<'_, '_> {
    /// LOAD_FAST, STORE_FAST and their 3.14 pairs: locals to and from the
    /// stack (loading an unbound local exits: the interpreter raises).
    pub(super) fn op_fast(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
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
    pub(super) fn op_load_fast_and_clear(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
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

    /// LOAD_NAME and LOAD_GLOBAL: a global name, tracked or read at entry
    /// (an unbound one exits).
    pub(super) fn op_load_global(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
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
    pub(super) fn op_store_global(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
        let &At { pc, code, pre, .. } = at;
        // A path through a callee that assigns a global (a logging helper
        // behind `if tracing:`) leaves for the interpreter there.
        if st.ctx != 0 {
            return self.leave(b, pc, pre, "a called function assigns a global");
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
    pub(super) fn op_load_const(&mut self, b: Block, st: &mut State, at: &At<'_>, c: &Const) -> R<Flow> {
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

    /// COPY_FREE_VARS: an inlined closure's cells into its last fast slots.
    pub(super) fn op_copy_free_vars(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
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
    pub(super) fn op_load_deref(&mut self, b: Block, st: &mut State, at: &At<'_>, i: u32) -> R<Flow> {
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

    /// COPY: the n-th entry from the top pushed again.
    pub(super) fn op_copy(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
        let &At { pc, .. } = at;
        let len = st.stack.len();
        let Some(av) = len.checked_sub(n as usize).map(|i| st.stack[i]) else {
            return abort(pc, "stack underflow");
        };
        st.stack.push(av);
        Ok(Flow::Next(b))
    }

    /// SWAP: the top and the n-th entry from the top exchanged.
    pub(super) fn op_swap(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
        let &At { pc, .. } = at;
        let len = st.stack.len();
        if (n as usize) > len || n == 0 {
            return abort(pc, "stack underflow");
        }
        st.stack.swap(len - 1, len - n as usize);
        Ok(Flow::Next(b))
    }
}
