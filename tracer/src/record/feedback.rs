//! Type feedback: an object the trace knows nothing about (an `Av::Ref`,
//! what an object-mode operation gave) meets an attribute lookup whose
//! site the interpreter saw instances of plain classes at (its inline
//! cache, and the exits compiled code took there). The trace switches on
//! the object's class: for each class seen, the recording goes on with an
//! instance of it (attributes read where they are, methods inlined); any
//! other class leaves (`RECEIVER_CLASS`), and the VM notes it for the next
//! recording. PyPy's and V8's polymorphic inline caches do the same.
//!
//! Operators and comparisons of such objects likewise take the operand
//! types the interpreter's specialized instruction saw (`BINARY_OP_ADD_FLOAT`,
//! `COMPARE_OP_INT`, ...): the objects are checked to be of them and
//! unboxed, and the operation is native.

use super::recorder::{At, Flow, R, Recorder};
use super::state::{Av, ListSrc, State};
use super::world::{OPERAND_TYPE, RECEIVER_CLASS, SeqKind};
use crate::bytecode::{BinKind, Elem, Op};
use pyjit_ir::{BinOp, Block, BlockCall, InstKind, IterKind, MemTy, Terminator, Type, Value};

/// At most this many classes get a path of their own at one site.
const MAX_CLASSES: usize = 4;

impl Recorder<'_, '_> {
    /// The classes to switch on for the instruction at `pc`: its receiver
    /// is an object the trace knows nothing about and the interpreter saw
    /// plain classes there. Empty for anything else.
    pub(super) fn receiver_classes(&mut self, st: &State, op: &Op, pc: u32) -> Vec<u32> {
        if !matches!(op, Op::LoadAttr { .. }) || !matches!(st.stack.last(), Some(Av::Ref(_))) || self.layout.is_none() {
            return Vec::new();
        }
        let code = self.ctxs[st.ctx as usize].code_obj;
        let mut classes = self.world.receiver_classes(code, pc);
        classes.truncate(MAX_CLASSES);
        classes
    }

    /// For an operator or comparison (`at`) with an operand the trace
    /// knows nothing about, where the interpreter saw two ints or two
    /// floats: each such operand checked to be one (else an exit) and
    /// unboxed in place on the stack, so the operation compiles natively.
    /// Where it saw floats for `+ - * /`, an operand may be an int too
    /// while the other is a float (a vector's `0` among its floats): the
    /// int is made a float, as Python's float arithmetic does. The block
    /// to go on in.
    pub(super) fn unbox_fed_operands(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Block> {
        let &At { pc, pre, ins, .. } = at;
        let n = st.stack.len();
        if !matches!(ins.op, Op::BinaryOp(_) | Op::InplaceOp(_) | Op::CompareOp { .. }) || n < 2 || self.layout.is_none() {
            return Ok(b);
        }
        if !st.stack[n - 2..].iter().any(|a| matches!(a, Av::Ref(_))) {
            return Ok(b);
        }
        let code = self.ctxs[st.ctx as usize].code_obj;
        let Some(ty) = self.world.operand_type(code, pc) else { return Ok(b) };
        let float_arith = ty == Type::F64
            && matches!(ins.op, Op::BinaryOp(k) | Op::InplaceOp(k) if matches!(k, BinKind::Add | BinKind::Sub | BinKind::Mul | BinKind::TrueDiv));
        // The other operand must be a number of that type already (or an
        // int, for float arithmetic: the object is then a float).
        if !st.stack[n - 2..].iter().all(|a| match a {
            Av::Ref(_) => true,
            Av::V(v) => self.t.ty(*v) == ty || float_arith && self.t.ty(*v) == Type::I64,
            _ => false,
        }) {
            return Ok(b);
        }
        let exit = self.exit_here(pc, pre, OPERAND_TYPE);
        // An object may be an int where the other operand is no int.
        let ints_allowed = float_arith && !st.stack[n - 2..].iter().any(|a| matches!(a, Av::V(v) if self.t.ty(*v) == Type::I64));
        if !ints_allowed {
            for k in n - 2..n {
                if let Av::Ref(r) = st.stack[k] {
                    st.stack[k] = Av::V(self.unbox(b, r, ty, exit));
                }
            }
            return Ok(b);
        }
        let float_type = self.layout.expect("checked above").float_type;
        let is_float: Vec<Option<Value>> =
            (n - 2..n).map(|k| if let Av::Ref(r) = st.stack[k] { Some(self.class_is(b, r, float_type)) } else { None }).collect();
        // Two objects: one at least must be a float (two ints make an int).
        if let [Some(fx), Some(fy)] = is_float[..] {
            let either = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BOr, a: fx, b: fy });
            self.t.push_guard(b, either, true, exit);
        }
        let mut b = b;
        for (k, is_float) in (n - 2..n).zip(is_float) {
            if let (Av::Ref(r), Some(is_float)) = (st.stack[k], is_float) {
                let (v, join) = self.float_or_int(b, r, is_float, exit);
                st.stack[k] = Av::V(v);
                b = join;
            }
        }
        Ok(b)
    }

    /// The float value of the object at `r`, an exact float (`is_float`)
    /// or an int of one word (else an exit): a branch on its class, joined
    /// in the block returned.
    fn float_or_int(&mut self, b: Block, r: Value, is_float: Value, exit: pyjit_ir::ExitId) -> (Value, Block) {
        let l = self.layout.expect("a layout to read objects with");
        let (fb, ib) = (self.t.new_block(&[]), self.t.new_block(&[]));
        let join = self.t.new_block(&[Type::F64]);
        self.t.set_term(b, Terminator::Branch { cond: is_float, then: BlockCall { block: fb, args: vec![] }, els: BlockCall { block: ib, args: vec![] } });
        let at = self.offset(fb, r, l.float_value);
        let f = self.t.push(fb, Type::F64, InstKind::Load { mem: MemTy::F64, addr: at });
        self.t.set_term(fb, Terminator::Jump(BlockCall { block: join, args: vec![f] }));
        let i = self.unbox(ib, r, Type::I64, exit);
        let g = self.t.push(ib, Type::F64, InstKind::Unary { op: pyjit_ir::UnOp::IToF, a: i });
        self.t.set_term(ib, Terminator::Jump(BlockCall { block: join, args: vec![g] }));
        (self.t.block(join).params[0], join)
    }

    /// A subscript by an int of an object the trace knows nothing about,
    /// where the interpreter's specialized instruction saw an exact list or
    /// tuple, or a `for` loop over one it saw to be a list: the object is
    /// checked to be one (else an exit) and its items are read natively,
    /// objects of unknown class its elements hold (`Recorder::borrowed`).
    /// None where the instruction is anything else.
    pub(super) fn read_fed_sequence(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Option<Flow>> {
        let &At { pc, pre, ins, next, code } = at;
        let Some(l) = self.layout else { return Ok(None) };
        let n = st.stack.len();
        let code_obj = self.ctxs[st.ctx as usize].code_obj;
        match ins.op {
            Op::BinaryOp(BinKind::Subscr) if n >= 2 => {
                let (Av::Ref(obj), Av::V(i)) = (st.stack[n - 2], st.stack[n - 1]) else { return Ok(None) };
                if self.t.ty(i) != Type::I64 {
                    return Ok(None);
                }
                let Some(kind) = self.world.sequence_kind(code_obj, pc) else { return Ok(None) };
                let exit = self.exit_here(pc, pre, "a subscript of another type of object, or out of range");
                let slot = match kind {
                    SeqKind::List => {
                        self.guard_class(b, obj, l.list_type, exit);
                        self.list_slot(b, obj, i, None, exit)
                    }
                    SeqKind::Tuple => {
                        let Some(tl) = l.tuple else { return Ok(None) };
                        self.guard_class(b, obj, tl.tuple_type, exit);
                        let at = self.offset(b, obj, tl.len);
                        let len = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
                        let j = self.checked_index(b, i, len, exit);
                        let at = self.offset(b, obj, tl.items);
                        let items = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
                        let eight = self.t.const_i64(b, 8);
                        let off = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: j, b: eight });
                        self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: items, b: off })
                    }
                };
                let item = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: slot });
                self.borrowed.insert(item);
                st.stack.truncate(n - 2);
                st.stack.push(Av::Ref(item));
                Ok(Some(Flow::Next(b)))
            }
            // The FOR_ITER after it says what it iterates over.
            Op::GetIter if n >= 1 => {
                let Av::Ref(obj) = st.stack[n - 1] else { return Ok(None) };
                let for_iter = code.position(next).is_some_and(|k| matches!(code.instrs[k].op, Op::ForIter { .. }));
                if !for_iter || self.world.sequence_kind(code_obj, next) != Some(SeqKind::List) {
                    return Ok(None);
                }
                let exit = self.exit_here(pc, pre, "iterating over another type of object");
                self.guard_class(b, obj, l.list_type, exit);
                let zero = self.t.const_i64(b, 0);
                st.stack[n - 1] = self.new_iter(None, IterKind::List, vec![ListSrc::At(Elem::Any)], vec![zero, obj]);
                Ok(Some(Flow::Next(b)))
            }
            _ => Ok(None),
        }
    }

    /// Ends the block at `at` (a LOAD_ATTR of the object on top of the
    /// stack) with a switch on the object's class: one path per class of
    /// `classes`, each recording the instruction again with the object as
    /// an instance of it (in every place the state holds it), and an exit
    /// for any other.
    pub(super) fn switch_on_class(&mut self, b: pyjit_ir::Block, st: &mut State, at: &At<'_>, classes: &[u32]) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let Some(&Av::Ref(obj)) = pre.stack.last() else {
            unreachable!("receiver_classes checked the receiver")
        };
        let exit = self.exit_here(pc, pre, RECEIVER_CLASS);
        let mut test = b;
        for &class in classes {
            self.class_checked(class, pc)?;
            let Some(addr) = self.world.obj_addr(class) else { continue };
            let same = self.class_is(test, obj, addr);
            let hit = self.t.new_block(&[]);
            let next = self.t.new_block(&[]);
            self.t.set_term(
                test,
                Terminator::Branch { cond: same, then: BlockCall { block: hit, args: vec![] }, els: BlockCall { block: next, args: vec![] } },
            );
            let slots = self.keys_of(class).map(|k| self.check_keys(hit, obj, k, exit));
            let mut known = pre.clone();
            as_instance(&mut known, obj, class, slots);
            let call = self.edge_to(pc, known, true)?;
            self.t.set_term(hit, Terminator::Jump(call));
            test = next;
        }
        self.t.set_term(test, Terminator::Exit(exit));
        *st = State::default();
        Ok(Flow::Done)
    }
}

/// `st` with the object at `obj` known as an instance of `class` wherever
/// it holds it.
fn as_instance(st: &mut State, obj: Value, class: u32, slots: Option<Value>) {
    for av in st.avs_mut() {
        if *av == Av::Ref(obj) {
            *av = Av::Inst { obj, class, slots };
        }
    }
}
