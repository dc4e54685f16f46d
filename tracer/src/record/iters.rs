//! Iterators: GET_ITER and FOR_ITER over ranges, lists (and `enumerate`,
//! `zip` and `reversed` of them), tuples and arrays.

use super::recorder::{At, Flow, R, Recorder, abort};
use super::state::{Av, ListSrc, State};
use super::world::Abort;
use crate::bytecode::{Builtin, Elem};
use pyjit_ir::{BinOp, Block, BlockCall, CheckedOp, InstKind, IterKind, Terminator, Type, Value};

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
    /// GET_ITER of a range, a list, a row, a tuple or an array: an iterator
    /// the trace holds.
    pub(super) fn op_get_iter(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
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
            *st.stack.last_mut().unwrap() = self.new_iter(None, IterKind::List, vec![ListSrc::At(Elem::Num(elem))], vec![zero, obj]);
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
        Some(x) if self.objectable(&x) => return self.object_mode(b, st, at),
        _ => return abort(pc, "iter() of something other than range(), a list or a tuple"),
        }
        Ok(Flow::Next(b))
    }

    /// FOR_ITER over an iterator of lists, a tuple, an array or a range.
    pub(super) fn op_for_iter(&mut self, mut b: Block, st: &mut State, at: &At<'_>, exhausted: u32) -> R<Flow> {
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
            ListSrc::At(elem) => {
                let before = lists[..leaf].iter().filter(|l| matches!(l, ListSrc::At(_))).count();
                (vals[kind.num_values() + before], Some(elem))
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
                // Elements of no one kind: objects of unknown class.
                let elem = elem.unwrap_or(Elem::Any);
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

    /// `enumerate(x[, start])` and `zip(x, ...)` of lists or of iterators
    /// the trace made (each walks its lists with its own indices).
    pub(super) fn iter_builtin(&mut self, b: Block, f: Builtin, args: &[Av], pc: u32) -> R<Av> {
        // Each part: structure, lists, state values, row addresses.
        type Part = (IterKind, Vec<ListSrc>, Vec<Value>, Vec<Value>);
        let part = |r: &mut Self, av: &Av| -> R<Part> {
            match *av {
                Av::List(k) => Ok((IterKind::List, vec![ListSrc::Entry(k)], vec![r.t.const_i64(b, 0)], vec![])),
                Av::Row { obj, elem } => Ok((IterKind::List, vec![ListSrc::At(Elem::Num(elem))], vec![r.t.const_i64(b, 0)], vec![obj])),
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
                    Av::Row { obj, elem } => (obj, ListSrc::At(Elem::Num(elem)), vec![obj]),
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
}
