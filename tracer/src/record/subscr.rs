//! Subscripts and slices: `x[i]` of tuples, lists, arrays and dicts,
//! STORE_SUBSCR, and the slice instructions.

use super::recorder::{At, Flow, R, Recorder, abort};
use super::state::{ArrInfo, Av, State};
use crate::bytecode::Elem;
use pyjit_ir::{BinOp, Block, ExitId, Inst, InstKind, MemTy, RtFn, Type, Value};

/// Why a list slice does not compile: its slice object came through a
/// block boundary, where the ints it was made of are not at hand.
const SLICE_ELSEWHERE: &str = "a list slice by a slice made in another block";

impl Recorder<'_, '_> {
    /// `x[y]` (BINARY_OP's subscript): a dict's value, an array's slice,
    /// or an element of a list, a tuple or an array (`subscript`); anything
    /// else left to the interpreter.
    pub(super) fn binary_subscr(&mut self, b: Block, st: &mut State, at: &At<'_>, x: Av, y: Av) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        // A dict, a str, ...: the interpreter's.
        if let Av::Dict(d) = x {
            let v = match self.dict_call(b, d, "get", y, None, pc, pre) {
                Ok(Some(v)) => v,
                _ if self.objectable(&y) => return self.object_mode(b, st, at),
                Ok(None) => return self.leave(b, pc, pre, "a dict read of another key or value type"),
                Err(e) => return Err(e),
            };
            st.stack.push(Av::V(v));
            return Ok(Flow::Next(b));
        }
        if !matches!(x, Av::Tuple(_) | Av::List(_) | Av::Row { .. } | Av::Arr(_)) {
            if self.objectable(&x) && self.objectable(&y) {
                return self.object_mode(b, st, at);
            }
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

    /// `x[y]`: an array element (a numpy scalar), a row view, or an
    /// element of a tuple the trace built (`a.shape[0]`).
    pub(super) fn subscript(&mut self, b: Block, x: Av, y: Av, pc: u32, pre: &State) -> R<Av> {
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
                let (Some((list, elem)), Av::Slice(s)) = (self.list_of(x), y) else {
                    return abort(pc, "a slice of something other than a list");
                };
                let exit = self.exit_here(pc, pre, "slicing raises, or too many objects made in one run");
                let Some(new) = self.list_get_slice(b, list, s, exit) else {
                    return abort(pc, SLICE_ELSEWHERE);
                };
                // A list of objects: a new list the trace knows no more of.
                Ok(match elem {
                    Some(Elem::Num(elem)) => Av::Row { obj: new, elem },
                    _ => Av::Ref(new),
                })
            }
            Av::List(_) | Av::Row { .. } => {
                let (list, elem) = self.list_of(x).expect("a list");
                // Elements of no one kind: objects of unknown class.
                let elem = elem.unwrap_or(Elem::Any);
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

    /// STORE_SUBSCR into a dict, a list (an object, a slice, a number) or an
    /// array.
    pub(super) fn op_store_subscr(&mut self, mut b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let key = Self::pop(st, pc)?;
        let cont = Self::pop(st, pc)?;
        let val = Self::pop(st, pc)?;
        if let (Av::Dict(d), Av::V(v)) = (cont, val) {
            // The dict may be one whose values a trace took as fixed (a
            // module's globals): checked after the write as after Python
            // code (`rechecks.rs`).
            self.writes_before = self.count_writes(b);
            if self.dict_call(b, d, "set", key, Some(v), pc, pre)?.is_none() {
                return self.leave(b, pc, pre, "a dict write of another key type");
            }
            st.stores += 1;
            let exit = self.exit_here(at.next, st, super::objects::GLOBAL_CHANGED);
            self.python_site(b, self.t.block(b).insts.len(), exit);
            return Ok(Flow::Next(b));
        }
        // Into a dict, a list of objects, or any other container: the
        // VM's own store (what it replaces stays alive while the run
        // lasts).
        let generic = match cont {
            Av::Dict(_) | Av::Ref(_) | Av::Inst { .. } => true,
            Av::List(k) => !matches!(self.lists[k as usize].elem, Some(Elem::Num(_))) || !matches!(val, Av::V(_)),
            _ => false,
        };
        if generic && [cont, key, val].iter().all(|a| self.objectable(a)) {
            return self.object_mode(b, st, at);
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
            if !self.list_set_slice(b, obj, s, other, exit) {
                return abort(pc, SLICE_ELSEWHERE);
            }
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

    /// BUILD_SLICE of ints and None: a slice object through the runtime.
    pub(super) fn op_build_slice(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
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
    pub(super) fn op_binary_slice(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
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
        let Some((obj, elem)) = self.list_of(cont) else {
            return self.leave(b, pc, pre, "a slice of something other than a list");
        };
        let exit = self.exit_here(pc, pre, "too many objects made in one run");
        let Some(Av::Slice(s)) = self.slice_new(b, start, stop, None, exit) else {
            return self.leave(b, pc, pre, "a slice of bounds other than ints and None");
        };
        let Some(new) = self.list_get_slice(b, obj, s, exit) else {
            return abort(pc, SLICE_ELSEWHERE);
        };
        // A list of objects: a new list the trace knows no more of.
        st.stack.push(match elem {
            Some(Elem::Num(elem)) => Av::Row { obj: new, elem },
            _ => Av::Ref(new),
        });
        Ok(Flow::Next(b))
    }

    /// STORE_SLICE into an array or into a list of numbers.
    pub(super) fn op_store_slice(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
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
        if !self.list_set_slice(b, obj, s, other, exit) {
            return abort(pc, SLICE_ELSEWHERE);
        }
        st.stores += 1;
        Ok(Flow::Next(b))
    }

    /// A slice of these bounds (each an int, or None), made through the
    /// runtime. None bounds become the ints that mean the same whatever the
    /// list's length: 0 or the largest int for the start, the largest or
    /// smallest int for the stop, by the step's sign. None where a bound is
    /// something else.
    pub(super) fn slice_new(&mut self, b: Block, start: Av, stop: Av, step: Option<Av>, exit: ExitId) -> Option<Av> {
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
        let s = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::SliceNew, args: vec![start, stop, step], exit: Some(exit) });
        self.slices.insert(s, [start, stop, step]);
        Some(Av::Slice(s))
    }

    /// `list[s]` of a slice the trace made: the list slicing takes its
    /// ints, so the slice object is made only where an exit hands it back.
    /// None for a slice whose ints this block does not know (one a block
    /// parameter carries).
    pub(super) fn list_get_slice(&mut self, b: Block, list: Value, s: Value, exit: ExitId) -> Option<Value> {
        let [start, stop, step] = *self.slices.get(&s)?;
        Some(self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ListGetSlice, args: vec![list, start, stop, step], exit: Some(exit) }))
    }

    /// `list[s] = other` of a slice the trace made (as `list_get_slice`);
    /// false where its ints are unknown.
    pub(super) fn list_set_slice(&mut self, b: Block, list: Value, s: Value, other: Value, exit: ExitId) -> bool {
        let Some(&[start, stop, step]) = self.slices.get(&s) else { return false };
        let kind = InstKind::Call { f: RtFn::ListSetSlice, args: vec![list, start, stop, step, other], exit: Some(exit) };
        self.t.block_mut(b).insts.push(Inst { result: None, kind });
        true
    }
}
