//! Lists: displays and comprehensions, list methods, `+`, `*` and `+=` of
//! lists, `in`, `sum`/`min`/`max` of a list, and elements read and stored.

use super::recorder::{At, Flow, R, Recorder, abort};
use super::state::{Av, State};
use crate::bytecode::{BinKind, Builtin, CmpKind, Elem, LIST_METHODS};
use pyjit_ir::{BinOp, Block, BlockCall, CheckedOp, ExitId, Inst, InstKind, MemTy, RtFn, SnapValue, Terminator, Type, UnOp, Value};

impl Recorder<'_, '_> {
    /// LIST_APPEND: the top appended to the list a comprehension builds.
    pub(super) fn op_list_append(&mut self, b: Block, st: &mut State, at: &At<'_>, i: u32) -> R<Flow> {
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

    /// BUILD_LIST: a list of rows, or of numbers of one type, made through
    /// the runtime.
    pub(super) fn op_build_list(&mut self, b: Block, st: &mut State, at: &At<'_>, n: u32) -> R<Flow> {
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
        // A list of objects (or of numbers of several types): made the
        // same way, a list the trace knows nothing more about.
        let numbers = items.first().and_then(|a| if let Av::V(v) = a { Some(self.t.ty(*v)) } else { None });
        if items.len() == n as usize && items.iter().any(|a| !matches!(a, Av::V(v) if Some(self.t.ty(*v)) == numbers)) && items.iter().all(|a| self.objectable(a)) {
            st.stack.truncate(len - n as usize);
            let exit = self.exit_here(pc, pre, "too many objects made in one run");
            let obj = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ListNew, args: vec![], exit: Some(exit) });
            for a in items {
                let x = self.obj_value(b, a, exit, pc)?;
                if let Av::Inst { .. } = a {
                    self.fresh.clear();
                }
                self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f: RtFn::ListAppendObj, args: vec![obj, x], exit: None } });
            }
            st.stack.push(Av::Ref(obj));
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

    /// CONTAINS_OP: `x in d` of a dict, or a number in a list or in a tuple
    /// the trace holds.
    pub(super) fn op_contains(&mut self, b: Block, st: &mut State, at: &At<'_>, invert: bool) -> R<Flow> {
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

    /// LOAD_ATTR of list `obj`: one of `LIST_METHODS` (as a method), beside
    /// the list.
    pub(super) fn load_list_attr(&mut self, b: Block, st: &mut State, at: &At<'_>, name: u32, method: bool, obj: Av) -> R<Flow> {
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

    /// `lst.<name>(...)` of the list method `m` looked up on the list at
    /// `obj` (at stack depth `base`).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn call_list_method(&mut self, b: Block, st: &mut State, at: &At<'_>, m: u32, obj: Value, elem: Option<Elem>, base: usize) -> R<Flow> {
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

    /// `lst += other` of the list `x` (at `obj`, seen holding `elem`):
    /// extended in place.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn inplace_list(&mut self, b: Block, st: &mut State, at: &At<'_>, kind: BinKind, x: Av, y: Av, obj: Value, elem: Option<Elem>) -> R<Flow> {
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

    /// `x + y` of two lists of numbers: a new list.
    pub(super) fn list_concat(&mut self, b: Block, st: &mut State, at: &At<'_>, x: Av, y: Av) -> R<Flow> {
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

    /// `l * n` (or `n * l`) of a list of numbers: a new list (`[x] * n`
    /// one call).
    pub(super) fn list_repeat(&mut self, b: Block, st: &mut State, at: &At<'_>, l: Av, n: Value) -> R<Flow> {
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
                let new = call(self, RtFn::ListGetSlice, vec![obj, zero, max, one], Some(exit)).expect("a list");
                Av::Row { obj: new, elem: ty }
            }
            _ => return Ok(None),
        }))
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
            // Any other object the VM can be handed (a tuple the trace
            // built is made first).
            Av::Ref(o) => (RtFn::ListAppendObj, o),
            Av::Obj(_) | Av::Dict(_) | Av::List(_) | Av::Rows { .. } | Av::Slice(_) | Av::Tuple(_) if self.objectable(&v) => {
                let exit = self.exit_here(pc, pre, "too many objects made in one run");
                (RtFn::ListAppendObj, self.obj_value(b, v, exit, pc)?)
            }
            _ => return abort(pc, "appending something other than a number, a list, an instance or a tuple read from a list"),
        })
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

    /// `sum(lst)`, `min(lst)` or `max(lst)` of a list of numbers: a loop
    /// over it in the trace, in the builtins' order (sum adds from the int
    /// 0 left to right, so a float sum is 0.0 + x0 + x1 ...; min and max
    /// keep the first of equals and replace only on `<` or `>`, so a NaN
    /// behaves as in CPython). An element of another type, an int sum that
    /// overflows or an empty list for min/max exits to the call, which the
    /// interpreter makes again (the builtins have no effects). Returns the
    /// block the recording goes on in, and the result.
    pub(super) fn reduce_list(&mut self, b: Block, f: Builtin, lst: Av, pc: u32, pre: &State) -> R<(Block, Value)> {
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
    pub(super) fn read_elem(&mut self, b: Block, list: Value, elem: Elem, i: Value, len: Option<Value>, exit: ExitId, pc: u32) -> R<Av> {
        if let Elem::Num(t) = elem {
            return Ok(Av::V(self.list_get(b, list, t, i, len, exit)));
        }
        if self.layout.is_none() {
            return abort(pc, "a list of objects without the VM's object layout");
        }
        let slot = self.list_slot(b, list, i, len, exit);
        let obj = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: slot });
        self.read_as(b, obj, elem, exit, pc)
    }

    /// The object at `obj` (one a list or a tuple holds) as `elem` says
    /// it is, checked (a check that fails takes `exit`).
    fn read_as(&mut self, b: Block, obj: Value, elem: Elem, exit: ExitId, pc: u32) -> R<Av> {
        let l = self.layout.expect("the VM's object layout (read_elem checked)");
        match elem {
            Elem::Num(t) => Ok(Av::V(self.unbox(b, obj, t, exit))),
            Elem::Rows(t) => {
                self.guard_class(b, obj, l.list_type, exit);
                Ok(Av::Row { obj, elem: t })
            }
            Elem::Insts(class) => {
                self.class_checked(class, pc)?;
                let Some(class_addr) = self.world.obj_addr(class) else {
                    return abort(pc, "a class without its address");
                };
                self.guard_class(b, obj, class_addr, exit);
                let slots = self.keys_of(class).map(|k| self.check_keys(b, obj, k, exit));
                Ok(Av::Inst { obj, class, slots })
            }
            Elem::Tuples(shape) => {
                let Some(tl) = l.tuple else {
                    return abort(pc, "a list of tuples without the VM's tuple layout");
                };
                let kinds = shape.items();
                self.guard_class(b, obj, tl.tuple_type, exit);
                let at = self.offset(b, obj, tl.len);
                let got = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
                let want = self.t.const_i64(b, kinds.len() as i64);
                let same = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: got, b: want });
                self.t.push_guard(b, same, true, exit);
                let at = self.offset(b, obj, tl.items);
                let items = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
                let mut avs = Vec::with_capacity(kinds.len());
                for (k, kind) in kinds.iter().enumerate() {
                    let at = self.offset(b, items, 8 * k as i64);
                    let item = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
                    avs.push(self.read_as(b, item, *kind, exit, pc)?);
                }
                // The tuple itself where an exit hands it back (what holds
                // it holds it while the trace runs: compiled code stores
                // into no list of them, and object-mode calls hold it).
                let t = self.new_tuple(avs);
                if let Av::Tuple(id) = t {
                    self.tuple_obj[id as usize] = Some(obj);
                }
                Ok(t)
            }
            Elem::Any => {
                self.borrowed.insert(obj);
                Ok(Av::Ref(obj))
            }
        }
    }

    /// `lst[i] = v` for a number `v` (see `store_boxed`); through the
    /// runtime without the VM's layout. Returns the block the code goes on
    /// in.
    pub(super) fn list_store(&mut self, b: Block, obj: Value, i: Value, v: Value, exit: ExitId) -> Block {
        let slow = InstKind::Call { f: RtFn::ListSet(self.t.ty(v)), args: vec![obj, i, v], exit: Some(exit) };
        if self.layout.is_none() {
            self.t.block_mut(b).insts.push(Inst { result: None, kind: slow });
            return b;
        }
        let slot = self.list_slot(b, obj, i, None, exit);
        self.store_boxed(b, slot, v, exit, slow)
    }
}
