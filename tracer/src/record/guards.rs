//! Guards and loads every concern shares: objects read through the VM's
//! layout (a class compared, a number unboxed, a bool by identity, an
//! index checked against a length, a number stored into an object slot),
//! and the entry checks of a class's version and its instances' keys.

use super::recorder::{R, Recorder, abort};
use super::world::{Check, IntLayout, KeyLayout, Src, Want};
use pyjit_ir::{BinOp, Block, BlockCall, ExitId, Inst, InstKind, MemTy, RtFn, Terminator, Type, Value};

impl Recorder<'_, '_> {
    /// A number `v` into the object pointer at `slot` (a list element or
    /// a dict entry's value): a plain store of a bool over a bool (both
    /// immortal; a bool over anything else exits), a float's value in
    /// place over a float only the slot holds, anything else through the
    /// runtime call `slow` (which leaves anything but a number to the
    /// interpreter: a row or an instance the trace read must stay alive,
    /// and no `__del__` may run). Returns the block the code goes on in.
    pub(super) fn store_boxed(&mut self, b: Block, slot: Value, v: Value, exit: ExitId, slow_call: InstKind) -> Block {
        let l = self.layout.expect("a layout to store into objects with");
        match self.t.ty(v) {
            Type::Bool if l.immortal_bools => {
                let old = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: slot });
                let (_, is_bool) = self.bool_identity(b, old);
                self.t.push_guard(b, is_bool, true, exit);
                let (t, f) = (self.t.const_i64(b, l.true_obj as i64), self.t.const_i64(b, l.false_obj as i64));
                let new = self.t.push(b, Type::I64, InstKind::Select { cond: v, a: t, b: f });
                self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Store { mem: MemTy::I64, addr: slot, val: new } });
                b
            }
            Type::F64 => {
                let old = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: slot });
                let is_float = self.class_is(b, old, l.float_type);
                let (fast, slow, join) = (self.t.new_block(&[]), self.t.new_block(&[]), self.t.new_block(&[]));
                let call = |block| BlockCall { block, args: vec![] };
                let counted = self.t.new_block(&[]);
                self.t.set_term(b, Terminator::Branch { cond: is_float, then: call(counted), els: call(slow) });
                let rc_at = self.offset(counted, old, l.refcount);
                let rc = self.t.push(counted, Type::I64, InstKind::Load { mem: MemTy::I64, addr: rc_at });
                let one = self.t.const_i64(counted, l.refcount_one as i64);
                let alone = self.t.push(counted, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: rc, b: one });
                self.t.set_term(counted, Terminator::Branch { cond: alone, then: call(fast), els: call(slow) });
                let at = self.offset(fast, old, l.float_value);
                self.t.block_mut(fast).insts.push(Inst { result: None, kind: InstKind::Store { mem: MemTy::F64, addr: at, val: v } });
                self.t.set_term(fast, Terminator::Jump(call(join)));
                self.t.block_mut(slow).insts.push(Inst { result: None, kind: slow_call });
                self.t.set_term(slow, Terminator::Jump(call(join)));
                join
            }
            _ => {
                self.t.block_mut(b).insts.push(Inst { result: None, kind: slow_call });
                b
            }
        }
    }

    /// The class's key layout, where the VM's dict layout is known and the
    /// instances seen agree on one: its index in `key_layouts`.
    pub(super) fn keys_of(&mut self, class: u32) -> Option<u32> {
        if let Some(k) = self.class_keys.get(&class) {
            return *k;
        }
        let k = match self.layout.and_then(|l| l.dict) {
            Some(_) => self.world.inst_keys(class).map(|keys| {
                self.key_layouts.push(keys);
                self.key_layouts.len() as u32 - 1
            }),
            None => None,
        };
        self.class_keys.insert(class, k);
        k
    }

    /// Where `attr` is in `class`'s key layout.
    pub(super) fn key_index(&mut self, class: u32, attr: &str) -> Option<usize> {
        let k = self.keys_of(class)?;
        let name = self.world.name_obj(attr).and_then(|id| self.world.obj_addr(id))?;
        self.key_layouts[k as usize].keys.iter().position(|&a| a == name)
    }

    /// Whether instances of `class` whose dicts have its key layout (its
    /// entry checks passed) hold exactly its keys: an attribute not among
    /// them is not in the dict.
    pub(super) fn keys_exact(&mut self, class: u32) -> bool {
        self.keys_of(class).is_some_and(|k| !self.key_layouts[k as usize].open)
    }

    /// Exits unless the instance at `obj` has an exact dict whose entries
    /// are layout `k`'s keys (interned strs, compared by address; a
    /// deleted entry's key is null), or begin with them where the layout
    /// is open: the address of its entry array.
    pub(super) fn check_keys(&mut self, b: Block, obj: Value, k: u32, exit: ExitId) -> Value {
        let d = self.layout.and_then(|l| l.dict).expect("a dict layout");
        let at = self.offset(b, obj, d.inst_dict);
        let dict = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
        let zero = self.t.const_i64(b, 0);
        let some = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: dict, b: zero });
        self.t.push_guard(b, some, true, exit);
        self.guard_class(b, dict, d.dict_type, exit);
        let at = self.offset(b, dict, d.entries);
        let entries = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
        let at = self.offset(b, dict, d.entries_len);
        let n = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
        let KeyLayout { keys, open } = self.key_layouts[k as usize].clone();
        let want = self.t.const_i64(b, keys.len() as i64);
        let op = if open { BinOp::Ge } else { BinOp::Eq };
        let same = self.t.push(b, Type::Bool, InstKind::Binary { op, a: n, b: want });
        self.t.push_guard(b, same, true, exit);
        for (i, key) in keys.into_iter().enumerate() {
            let at = self.offset(b, entries, i as i64 * d.stride + d.key);
            let got = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
            let want = self.t.const_i64(b, key as i64);
            let same = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: got, b: want });
            self.t.push_guard(b, same, true, exit);
        }
        entries
    }

    /// The address of entry `i`'s value pointer in an entry array.
    pub(super) fn entry_value(&mut self, b: Block, entries: Value, i: usize) -> Value {
        let d = self.layout.and_then(|l| l.dict).expect("a dict layout");
        self.offset(b, entries, i as i64 * d.stride + d.value)
    }

    /// The address of an interned str for `name` (attribute lookups).
    pub(super) fn name_addr(&mut self, name: &str, pc: u32) -> R<Value> {
        let addr = self.world.name_obj(name).and_then(|id| self.world.obj_addr(id));
        match addr {
            Some(a) => {
                let e = self.t.entry();
                Ok(self.t.const_i64(e, a as i64))
            }
            None => abort(pc, "an attribute name without its object"),
        }
    }

    /// Makes the entry check that `class` is unmodified (its attributes
    /// decide what compiles), once.
    pub(super) fn class_checked(&mut self, class: u32, pc: u32) -> R<()> {
        if self.versioned.insert(class) {
            let Some(v) = self.world.class_version(class) else {
                return abort(pc, "a class without a version tag");
            };
            self.checks.push(Check { src: Src::Object(class), want: Want::Version(v), input: None });
        }
        Ok(())
    }

    pub(super) fn offset(&mut self, b: Block, base: Value, off: i64) -> Value {
        let off = self.t.const_i64(b, off);
        self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: base, b: off })
    }

    /// The number of type `elem` the object at `obj` is (else `exit`):
    /// its class compared with the type's, a float's value or a bool's
    /// identity read; an int's value is read where it is in the bigint
    /// library's one-word form (`IntLayout`), and comes from the runtime
    /// where that layout was not measured.
    pub(super) fn unbox(&mut self, b: Block, obj: Value, elem: Type, exit: ExitId) -> Value {
        let l = self.layout.expect("a layout to read objects with");
        if elem == Type::I64 {
            let Some(il) = l.int else {
                return self.t.push(b, Type::I64, InstKind::Call { f: RtFn::UnboxInt, args: vec![obj], exit: Some(exit) });
            };
            return self.unbox_int(b, obj, il, exit);
        }
        if elem == Type::F64 {
            self.guard_class(b, obj, l.float_type, exit);
            let at = self.offset(b, obj, l.float_value);
            self.t.push(b, Type::F64, InstKind::Load { mem: MemTy::F64, addr: at })
        } else {
            let (is_true, is_bool) = self.bool_identity(b, obj);
            self.t.push_guard(b, is_bool, true, exit);
            is_true
        }
    }

    /// An exact int's value: its class, then the small form's tag, then a
    /// magnitude below 2**63 (the one i64 it leaves out, -2**63, exits as
    /// a bigger int does) negated where the sign byte says so.
    fn unbox_int(&mut self, b: Block, obj: Value, il: IntLayout, exit: ExitId) -> Value {
        let before = self.t.block(b).insts.len();
        let v = self.read_int(b, obj, il, exit);
        let counted = self.t.block(b).insts[before..].iter().filter(|i| !matches!(i.kind, InstKind::Const { .. } | InstKind::Guard { .. })).count();
        self.int_read_extra += counted.saturating_sub(1);
        v
    }

    /// `unbox_int`'s instructions.
    fn read_int(&mut self, b: Block, obj: Value, il: IntLayout, exit: ExitId) -> Value {
        self.guard_class(b, obj, il.int_type, exit);
        let at = self.offset(b, obj, il.tag);
        let tag = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
        let small = self.t.const_i64(b, il.small_tag as i64);
        let is_small = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: tag, b: small });
        self.t.push_guard(b, is_small, true, exit);
        let at = self.offset(b, obj, il.magnitude);
        let mag = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
        let zero = self.t.const_i64(b, 0);
        let fits = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ge, a: mag, b: zero });
        self.t.push_guard(b, fits, true, exit);
        let at = self.offset(b, obj, il.sign);
        let sign = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::U8, addr: at });
        let neg_byte = self.t.const_i64(b, il.negative as i64);
        let neg = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: sign, b: neg_byte });
        let minus = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::ISubWrap, a: zero, b: mag });
        self.t.push(b, Type::I64, InstKind::Select { cond: neg, a: minus, b: mag })
    }

    /// Whether the object at `obj` is True, and whether it is a bool:
    /// True and False are the only two (bool has no subclasses), so two
    /// compares say it without reading the object.
    fn bool_identity(&mut self, b: Block, obj: Value) -> (Value, Value) {
        let l = self.layout.expect("a layout to read objects with");
        let (t, f) = (self.t.const_i64(b, l.true_obj as i64), self.t.const_i64(b, l.false_obj as i64));
        let is_true = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: obj, b: t });
        let is_false = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: obj, b: f });
        let is_bool = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BOr, a: is_true, b: is_false });
        (is_true, is_bool)
    }

    /// Whether the object at `obj` is exactly of the type at `ty`.
    pub(super) fn class_is(&mut self, b: Block, obj: Value, ty: u64) -> Value {
        let l = self.layout.expect("a layout to read classes with");
        let class_at = self.offset(b, obj, l.class);
        let class = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: class_at });
        let want = self.t.const_i64(b, ty as i64);
        self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: class, b: want })
    }

    /// Exits unless the object at `obj` is exactly of the type at `ty`.
    pub(super) fn guard_class(&mut self, b: Block, obj: Value, ty: u64, exit: ExitId) {
        let same = self.class_is(b, obj, ty);
        self.t.push_guard(b, same, true, exit);
    }

    /// Python's index `i` into a sequence of length `n` (negative ones
    /// count from the end), exiting when out of range. This shape is the
    /// one `version.rs` (`bounds_guard`) recognizes to hoist the check.
    pub(super) fn checked_index(&mut self, b: Block, i: Value, n: Value, exit: ExitId) -> Value {
        let zero = self.t.const_i64(b, 0);
        let neg = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: i, b: zero });
        let from_end = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: i, b: n });
        let j = self.t.push(b, Type::I64, InstKind::Select { cond: neg, a: from_end, b: i });
        let ge = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ge, a: j, b: zero });
        let lt = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: j, b: n });
        let ok = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: ge, b: lt });
        self.t.push_guard(b, ok, true, exit);
        j
    }

    /// `len(lst)`: read from the list, or through the runtime.
    pub(super) fn list_len(&mut self, b: Block, obj: Value) -> Value {
        match self.layout {
            Some(l) => {
                self.reads_lists = true;
                let addr = self.offset(b, obj, l.list_len);
                self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr })
            }
            None => self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ListLen, args: vec![obj], exit: None }),
        }
    }

    /// The address of the slot holding `lst[i]` (with the VM's layout): the
    /// index checked (negative ones count from the end) unless `len` says
    /// the caller knows `0 <= i < len`.
    pub(super) fn list_slot(&mut self, b: Block, obj: Value, i: Value, len: Option<Value>, exit: ExitId) -> Value {
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

    /// `lst[i]`, an element of type `elem` (else `exit`). With the VM's
    /// layout it is read directly (see `list_slot` and `unbox`); without
    /// it, one call.
    pub(super) fn list_get(&mut self, b: Block, list: Value, elem: Type, i: Value, len: Option<Value>, exit: ExitId) -> Value {
        if self.layout.is_none() {
            return self.t.push(b, elem, InstKind::Call { f: RtFn::ListGet(elem), args: vec![list, i], exit: Some(exit) });
        }
        let slot = self.list_slot(b, list, i, len, exit);
        let obj = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: slot });
        self.unbox(b, obj, elem, exit)
    }
}
