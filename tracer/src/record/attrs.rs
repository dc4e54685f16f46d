//! Attributes: LOAD_ATTR (by the object's kind) and STORE_ATTR; instances'
//! attributes in their dict's entries, in `__slots__` members or through
//! the runtime, and the types the trace knows they hold.

use super::recorder::{At, Flow, R, Recorder, abort};
use super::state::{Av, State};
use super::world::{ClassAttr, FIELD_TYPE};
use crate::bytecode::FieldObj;
use pyjit_ir::{BinOp, Block, BlockCall, ExitId, Inst, InstKind, MemTy, RtFn, Terminator, Type, Value};

impl Recorder<'_, '_> {
    /// LOAD_ATTR: `dict.get`, a complex's parts, a list method, an array's
    /// method or attribute, an instance's attribute or method, or a module's
    /// attribute.
    pub(super) fn op_load_attr(&mut self, b: Block, st: &mut State, at: &At<'_>, name: u32, method: bool) -> R<Flow> {
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
            if self.objectable(&obj) {
                return self.object_mode(b, st, at);
            }
            return self.leave(b, pc, pre, "attribute of a value that is not a known module");
        };
        // A classmethod called on its class: its function, with the class
        // as its first argument (the class's version checked).
        if method && self.world.plain_metaclass(id) {
            let attr = code.names.get(name as usize).cloned().unwrap_or_default();
            if let ClassAttr::ClassMethod(f) = self.world.class_attr(id, &attr) {
                self.class_checked(id, pc)?;
                st.stack.push(Av::Obj(f));
                st.stack.push(obj);
                return Ok(Flow::Next(b));
            }
        }
        // A name the module lacks: the interpreter raises (or
        // a module `__getattr__` answers); an attribute of another
        // object: through the VM.
        let Some(av) = self.attr(code, id, name, pc)? else {
            return self.object_mode(b, st, at);
        };
        if method {
            st.stack.push(av);
            st.stack.push(Av::Null);
        } else {
            st.stack.push(av);
        }
        Ok(Flow::Next(b))
    }

    /// LOAD_SUPER_ATTR of a method (`super().name(...)`, `super(C,
    /// self).name(...)`) on an instance of a plain class: what the
    /// instance's MRO holds past the class, found now, the instance's
    /// class version checked (a change to any base clears it); a plain
    /// function is then called as a method, `object.__init__` does
    /// nothing. Anything else through the VM.
    pub(super) fn op_load_super_method(&mut self, b: Block, st: &mut State, at: &At<'_>, name: u32) -> R<Flow> {
        let &At { pc, code, .. } = at;
        let n = st.stack.len();
        if let [Av::Obj(sup), Av::Obj(after), o @ Av::Inst { class, .. }] = st.stack[n.saturating_sub(3)..] {
            let attr = code.names.get(name as usize).cloned().unwrap_or_default();
            let found = (self.builtin_of(sup) == Some(crate::bytecode::Builtin::Super))
                .then(|| self.world.super_attr(class, after, &attr))
                .flatten();
            if let Some(f) = found {
                self.class_checked(class, pc)?;
                st.stack.truncate(n - 3);
                st.stack.push(Av::Obj(f));
                st.stack.push(o);
                return Ok(Flow::Next(b));
            }
        }
        self.object_mode(b, st, at)
    }

    /// LOAD_ATTR of an instance `obj` of plain class `class` (at `o`, its
    /// dict's entry array at `slots` where its keys are known): a method of
    /// the class (no instance attribute shadowing it), or an attribute read
    /// from the dict's entry where it is, a `__slots__` member, or through
    /// the runtime.
    #[allow(clippy::too_many_arguments)]
    fn load_inst_attr(&mut self, b: Block, st: &mut State, at: &At<'_>, name: u32, method: bool, obj: Av, o: Value, class: u32, slots: Option<Value>) -> R<Flow> {
        let here = at;
        let &At { pc, code, pre, .. } = at;
        let attr = code.names.get(name as usize).cloned().unwrap_or_default();
        let name_addr = self.name_addr(&attr, pc)?;
        let exit = self.exit_here(pc, pre, "an attribute missing or of another type");
        // A number of one type, unless compiled code met another here.
        let code_obj = self.ctxs[pre.ctx as usize].code_obj;
        let vary = self.world.types_vary(code_obj, pc);
        // Where the layout is open, an attribute not among its keys may
        // be in the dict all the same: looked up by the runtime.
        let index = self.key_index(class, &attr);
        let at = slots.filter(|_| index.is_some() || self.keys_exact(class)).map(|s| (s, index));
        match (self.world.class_attr(class, &attr), method) {
            // The dict's keys are known: not among them.
            (ClassAttr::Method(f), true) if matches!(at, Some((_, None))) => {
                st.stack.push(Av::Obj(f));
                st.stack.push(obj);
            }
            // A classmethod called on an instance: with its class.
            (ClassAttr::ClassMethod(f), true) if matches!(at, Some((_, None))) => {
                st.stack.push(Av::Obj(f));
                st.stack.push(Av::Obj(class));
            }
            (ClassAttr::Method(_) | ClassAttr::ClassMethod(_), true) if at.is_some() => {
                return abort(pc, format!("method {attr} shadowed by an instance attribute"));
            }
            (ClassAttr::Absent | ClassAttr::Plain | ClassAttr::Method(_) | ClassAttr::ClassMethod(_), false) if matches!(at, Some((_, Some(_)))) => {
                let Some((entries, Some(i))) = at else { unreachable!() };
                let Some(ty) = self.field_type(class, &attr).filter(|_| !vary) else {
                    // A list or an instance the attribute holds
                    // (alive: compiled code replaces no object).
                    let slot = self.entry_value(b, entries, i);
                    let obj = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: slot });
                    // Any other object: of a class the trace does not
                    // know (the instance holds it).
                    let Some(fo) = self.world.field_obj(class, &attr) else {
                        self.borrowed.insert(obj);
                        st.stack.push(Av::Ref(obj));
                        return Ok(Flow::Next(b));
                    };
                    let av = self.field_object(b, obj, fo, exit, pc)?;
                    st.stack.push(av);
                    return Ok(Flow::Next(b));
                };
                let v = match st.known.iter().find(|k| k.0 == entries && k.1 == i) {
                    Some(k) => k.2,
                    None => {
                        let slot = self.entry_value(b, entries, i);
                        let boxed = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: slot });
                        let other = self.exit_here(pc, pre, FIELD_TYPE);
                        let v = self.unbox(b, boxed, ty, other);
                        st.known.push((entries, i, v));
                        v
                    }
                };
                st.stack.push(Av::V(v));
            }
            // A plain value the class holds, which the instance's dict
            // (its keys known) does not shadow: read at entry as the
            // class's own attribute, fixed while the class keeps its
            // version tag.
            (ClassAttr::Plain, false) if matches!(at, Some((_, None))) && self.attr(code, class, name, pc)?.is_some() => {
                let av = self.attr(code, class, name, pc)?.expect("read just before");
                st.stack.push(av);
            }
            (ca @ (ClassAttr::Method(f) | ClassAttr::ClassMethod(f)), true) => {
                // The instance's dict must not shadow the method.
                self.t.block_mut(b).insts.push(Inst {
                    result: None,
                    kind: InstKind::Call { f: RtFn::AttrAbsent, args: vec![o, name_addr], exit: Some(exit) },
                });
                st.stack.push(Av::Obj(f));
                st.stack.push(if matches!(ca, ClassAttr::ClassMethod(_)) { Av::Obj(class) } else { obj });
            }
            // Through the runtime: the dict's entry, or a
            // `__slots__` member through its descriptor.
            (ca @ (ClassAttr::Absent | ClassAttr::Plain | ClassAttr::Method(_) | ClassAttr::Member(_)), false) => {
                let Some(ty) = self.field_type(class, &attr).filter(|_| !vary) else {
                    return self.object_mode(b, st, here);
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
                    _ => {
                        // Missing, or of another type.
                        let other = self.exit_here(pc, pre, FIELD_TYPE);
                        self.t.push(b, ty, InstKind::Call { f: RtFn::AttrGet(ty), args: vec![o, name_addr], exit: Some(other) })
                    }
                };
                st.stack.push(Av::V(v));
            }
            _ => return self.object_mode(b, st, here),
        }
        Ok(Flow::Next(b))
    }

    /// STORE_ATTR into an instance: an object through the runtime, a number
    /// into a `__slots__` member or the dict's entry.
    pub(super) fn op_store_attr(&mut self, mut b: Block, st: &mut State, at: &At<'_>, name: u32) -> R<Flow> {
        let &At { pc, code, pre, .. } = at;
        let obj = Self::pop(st, pc)?;
        let val = Self::pop(st, pc)?;
        let Av::Inst { obj: o, class, slots } = obj else {
            // Not into a module, class or function the trace knows by
            // identity: it may have read that attribute as a constant.
            if !matches!(obj, Av::Obj(_)) && self.objectable(&obj) && self.objectable(&val) {
                return self.object_mode(b, st, at);
            }
            return self.leave(b, pc, pre, "an attribute assignment to something other than an instance");
        };
        let attr = code.names.get(name as usize).cloned().unwrap_or_default();
        // An object (an instance, a list, any other): through the
        // runtime.
        if !matches!(val, Av::V(_)) && self.objectable(&val) {
            return self.store_attr_obj(b, st, at, o, class, attr, val);
        }
        let Av::V(v) = val else {
            return self.leave(b, pc, pre, "an attribute assignment of a value the trace cannot hand to the VM");
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

    /// `o.attr = x` of an object `x` (an instance, a list, any other) into
    /// an instance of `class`: the VM's own setattr (what it replaces
    /// stays alive while the run lasts, so an address the trace read
    /// stays good).
    #[allow(clippy::too_many_arguments)]
    fn store_attr_obj(&mut self, b: Block, st: &mut State, at: &At<'_>, o: Value, class: u32, attr: String, x: Av) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        if matches!(self.world.class_attr(class, &attr), ClassAttr::Descriptor) {
            return self.object_mode(b, st, at);
        }
        let name_addr = self.name_addr(&attr, pc)?;
        let exit = self.exit_here(pc, pre, "an instance without a dict (or the run's arena is full)");
        let x = self.obj_value(b, x, exit, pc)?;
        self.t.block_mut(b).insts.push(Inst {
            result: None,
            kind: InstKind::Call { f: RtFn::ObjSetAttr, args: vec![o, name_addr, x], exit: Some(exit) },
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
}
