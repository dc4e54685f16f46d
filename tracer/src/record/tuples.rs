//! Tuples the trace holds, never allocated (an exit makes them):
//! BUILD_TUPLE, UNPACK_SEQUENCE, and an item picked by a variable index.

use super::recorder::{At, Flow, R, Recorder, abort};
use super::state::{Av, State};
use super::world::SeqKind;
use pyjit_ir::{BinOp, Block, InstKind, MemTy, Type, Value};

impl Recorder<'_, '_> {
    /// BUILD_TUPLE: a tuple the trace holds (never allocated: an exit makes
    /// it).
    pub(super) fn op_build_tuple(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
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

    /// UNPACK_SEQUENCE of a tuple the trace holds, a list of known
    /// elements, or an object the interpreter saw to be an exact tuple or
    /// list there (its items, objects of unknown class). A length other
    /// than `n` leaves for the interpreter, which raises.
    pub(super) fn op_unpack_sequence(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let x = Self::pop(st, pc)?;
        if let Some((list, Some(elem))) = self.list_of(x) {
            let exit = self.exit_here(pc, pre, "unpacking a list of another length");
            let len = self.list_len(b, list);
            self.guard_len(b, len, n, exit);
            let mut items = Vec::with_capacity(n as usize);
            for k in 0..n {
                let i = self.t.const_i64(b, k as i64);
                items.push(self.read_elem(b, list, elem, i, Some(len), exit, pc)?);
            }
            st.stack.extend(items.into_iter().rev());
            return Ok(Flow::Next(b));
        }
        if let Av::Ref(obj) = x
            && let Some(l) = self.layout
            && let Some(tl) = l.tuple
            && let Some(kind) = self.world.sequence_kind(self.ctxs[st.ctx as usize].code_obj, pc)
        {
            let exit = self.exit_here(pc, pre, "unpacking an object of another type or length");
            let (class, len_at, items_at) = match kind {
                SeqKind::Tuple => (tl.tuple_type, tl.len, tl.items),
                SeqKind::List => (l.list_type, l.list_len, l.list_items),
            };
            self.guard_class(b, obj, class, exit);
            let at = self.offset(b, obj, len_at);
            let len = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
            self.guard_len(b, len, n, exit);
            if kind == SeqKind::List {
                self.reads_lists = true;
            }
            let at = self.offset(b, obj, items_at);
            let base = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
            for k in (0..n).rev() {
                let at = self.offset(b, base, 8 * k as i64);
                let item = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
                self.borrowed.insert(item);
                st.stack.push(Av::Ref(item));
            }
            return Ok(Flow::Next(b));
        }
        let Av::Tuple(id) = x else {
            if self.objectable(&x) {
                return self.object_mode(b, st, at);
            }
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

    /// Checks that a length is `n` (else `exit`).
    fn guard_len(&mut self, b: Block, len: Value, n: u32, exit: pyjit_ir::ExitId) {
        let want = self.t.const_i64(b, n as i64);
        let same = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: len, b: want });
        self.t.push_guard(b, same, true, exit);
    }

    /// `items[j]`, `j` known to lie in range: for items of one kind
    /// (numbers of one type, tuples of such, one object), a choice made
    /// number by number. None for items of different kinds.
    pub(super) fn pick(&mut self, b: Block, j: Value, items: &[Av]) -> Option<Av> {
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
}
