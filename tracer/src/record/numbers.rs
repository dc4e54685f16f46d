//! Operators (BINARY_OP, COMPARE_OP, IS_OP and the unary ones): each picks
//! the concern its operands belong to (a subscript, an instance's method,
//! complex numbers, arrays, lists, numpy scalars) and computes numbers
//! itself.

use super::recorder::{At, Flow, R, Recorder, abort};
use super::state::{Av, State};
use crate::bytecode::{BinKind, CmpKind, Op};
use pyjit_ir::{BinOp, Block, CheckedUnOp, InstKind, MemTy, RtFn, Terminator, Type, UnOp};

impl Recorder<'_, '_> {
    /// BINARY_OP and its in-place form: a subscript, an instance's operator
    /// method (inlined), or arithmetic of complex numbers, arrays, lists,
    /// numpy scalars or numbers.
    pub(super) fn op_binary(&mut self, b: Block, st: &mut State, at: &At<'_>, kind: BinKind) -> R<Flow> {
        let &At { pc, pre, ins, .. } = at;
        let inplace = matches!(ins.op, Op::InplaceOp(_));
        let y = Self::pop(st, pc)?;
        let x = Self::pop(st, pc)?;
        if kind == BinKind::Subscr {
            return self.binary_subscr(b, st, at, x, y);
        }
        if (matches!(x, Av::Inst { .. }) || matches!(y, Av::Inst { .. }))
            && let Some((f, args)) = self.operator_method(kind, x, y)
        {
            // The operands stay on the stack: the return pops them.
            st.stack.push(x);
            st.stack.push(y);
            // Too deep to inline, or recursing: the interpreter's operator.
            if st.callers.len() + 1 >= self.max_inline || self.recursive(st, &f) {
                if self.objectable(&x) && self.objectable(&y) {
                    return self.object_mode(b, st, at);
                }
                return abort(pc, "calls nested too deeply (recursion?)");
            }
            return self.enter_call(b, std::mem::take(st), pc, &f, &args, None);
        }
        if matches!(x, Av::Complex(..)) || matches!(y, Av::Complex(..)) {
            match self.complex_binary(b, kind, x, y, pc, pre)? {
                Some(z) => st.stack.push(z),
                None => return self.leave(b, pc, pre, format!("{kind:?} of a complex")),
            }
            return Ok(Flow::Next(b));
        }
        if inplace && matches!(x, Av::Arr(_)) {
            return self.inplace_array(b, st, at, kind, x, y);
        }
        // `lst += other` extends the list itself.
        if inplace && let Some((obj, elem)) = self.list_of(x) {
            return self.inplace_list(b, st, at, kind, x, y, obj, elem);
        }
        if let (BinKind::MatMul, Av::Arr(i), Av::Arr(j)) = (kind, x, y) {
            let Some(z) = self.np_matmul(b, i, j, pc, pre) else {
                return self.leave(b, pc, pre, "`@` of these arrays");
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        if matches!(x, Av::Arr(_)) || matches!(y, Av::Arr(_)) {
            let Some(z) = self.np_binary_arr(b, kind, x, y, pc, pre) else {
                return self.leave(b, pc, pre, format!("{kind:?} of an array and this operand"));
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        // `lst * n`: a new list.
        let seq_n = match (x, y) {
            (l @ (Av::Row { .. } | Av::List(_)), Av::V(n)) | (Av::V(n), l @ (Av::Row { .. } | Av::List(_)))
                if kind == BinKind::Mul && self.t.ty(n) != Type::F64 =>
            {
                Some((l, n))
            }
            _ => None,
        };
        // `a + b` of lists: a new list.
        if let (BinKind::Add, Av::Row { .. } | Av::List(_), Av::Row { .. } | Av::List(_)) = (kind, x, y) {
            return self.list_concat(b, st, at, x, y);
        }
        if let Some((l, n)) = seq_n {
            return self.list_repeat(b, st, at, l, n);
        }
        if matches!(x, Av::NpS(..)) || matches!(y, Av::NpS(..)) {
            let Some(z) = self.np_small_binary(b, kind, x, y, pc, pre)? else {
                return self.leave(b, pc, pre, format!("{kind:?} of a small numpy scalar and this operand"));
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        let np = self.numpy_result(x, y);
        let (Some(xv), Some(yv)) = (self.num(&x), self.num(&y)) else {
            if self.objectable(&x) && self.objectable(&y) {
                return self.object_mode(b, st, at);
            }
            return self.leave(b, pc, pre, format!("{kind:?} on values that are not numbers"));
        };
        let (xv, yv) = match np {
            true => match self.np_bool_operands(b, kind, xv, yv) {
                Some(p) => p,
                None => return self.leave(b, pc, pre, format!("{kind:?} of np.bool_ and this operand")),
            },
            false => (xv, yv),
        };
        let r = if np { self.np_binary(b, kind, xv, yv, pc, pre)? } else { self.binary(b, kind, xv, yv, pc, pre)? };
        let wrap = |v| if np { Av::Np(v) } else { Av::V(v) };
        match r {
            Some(v) => st.stack.push(wrap(v)),
            None => {
                // Python raises (TypeError): let it.
                let call = self.exit_call(pc, pre, "operation raises");
                self.t.set_term(b, Terminator::Jump(call));
                return Ok(Flow::Done);
            }
        }
        Ok(Flow::Next(b))
    }

    /// COMPARE_OP of complex numbers, strs the trace holds, arrays (a bool
    /// array) or numbers.
    pub(super) fn op_compare(&mut self, b: Block, st: &mut State, at: &At<'_>, kind: CmpKind) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let y = Self::pop(st, pc)?;
        let x = Self::pop(st, pc)?;
        if matches!(x, Av::Complex(..)) || matches!(y, Av::Complex(..)) {
            let Some(v) = self.complex_eq(b, kind, x, y, pc, pre)? else {
                return self.leave(b, pc, pre, "an ordering of complex numbers, or a comparison with another object");
            };
            st.stack.push(Av::V(v));
            return Ok(Flow::Next(b));
        }
        // Two strs the trace holds (constants, or checked by
        // identity at entry): immutable, so compared now.
        if let (Av::Obj(p), Av::Obj(q)) = (x, y)
            && let (Some(p), Some(q)) = (self.world.str_value(p), self.world.str_value(q))
        {
            let r = match kind {
                CmpKind::Eq => p == q,
                CmpKind::Ne => p != q,
                CmpKind::Lt => p < q,
                CmpKind::Le => p <= q,
                CmpKind::Gt => p > q,
                CmpKind::Ge => p >= q,
            };
            st.stack.push(Av::V(self.t.const_bool(b, r)));
            return Ok(Flow::Next(b));
        }
        // An array on either side: numpy's bool array, through
        // the runtime.
        if matches!(x, Av::Arr(_)) || matches!(y, Av::Arr(_)) {
            let z = self.np_operands(b, Err(kind), x, y, pc, pre).map(|(xa, ya, want)| {
                let exit = self.exit_here(pc, pre, "an array comparison raises or gives another array, or too many objects made in one run");
                let w = self.t.const_i64(b, want.pack() as i64);
                let f = RtFn::NpBinary { a: self.t.ty(xa), b: self.t.ty(ya) };
                let z = self.t.push(b, Type::I64, InstKind::Call { f, args: vec![xa, ya, w], exit: Some(exit) });
                self.made_array(b, z, MemTy::Bool, want.ndim as usize)
            });
            let Some(z) = z else {
                return self.leave(b, pc, pre, "a comparison of an array and this operand");
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        // A small numpy scalar compares as its (exact) wider value.
        let (x, y) = (Self::widened(x), Self::widened(y));
        let np = self.numpy_result(x, y);
        let (Some(x), Some(y)) = (self.num(&x), self.num(&y)) else {
            if self.objectable(&x) && self.objectable(&y) {
                return self.object_mode(b, st, at);
            }
            return self.leave(b, pc, pre, "comparison of values that are not numbers");
        };
        let v = self.compare(b, kind, x, y, pc, pre)?;
        // numpy scalars compare to np.bool_.
        st.stack.push(if np { Av::Np(v) } else { Av::V(v) });
        Ok(Flow::Next(b))
    }

    /// IS_OP between objects the trace knows, or a number and an object.
    pub(super) fn op_is(&mut self, b: Block, st: &mut State, at: &At<'_>, invert: bool) -> R<Flow> {
        let &At { pc, .. } = at;
        let y = Self::pop(st, pc)?;
        let x = Self::pop(st, pc)?;
        let addrs = (self.addr_of(&x), self.addr_of(&y));
        let same = match (x, y, addrs) {
            (Av::Obj(a), Av::Obj(b), _) => a == b,
            (Av::V(_) | Av::Np(_), Av::Obj(_), _) | (Av::Obj(_), Av::V(_) | Av::Np(_), _) => false,
            // Objects the trace holds the address of: compared natively.
            (_, _, (Some(xa), Some(ya))) => {
                let xv = self.addr_value(xa);
                let yv = self.addr_value(ya);
                let op = if invert { BinOp::Ne } else { BinOp::Eq };
                let v = self.t.push(b, Type::Bool, InstKind::Binary { op, a: xv, b: yv });
                st.stack.push(Av::V(v));
                return Ok(Flow::Next(b));
            }
            // Other objects: their addresses.
            (x, y, _) if !matches!(x, Av::V(_) | Av::Np(_)) && !matches!(y, Av::V(_) | Av::Np(_)) && self.objectable(&x) && self.objectable(&y) => {
                return self.object_mode(b, st, at);
            }
            _ => return abort(pc, "`is` between numbers"),
        };
        let v = self.t.const_bool(b, same != invert);
        st.stack.push(Av::V(v));
        Ok(Flow::Next(b))
    }

    /// UNARY_NEGATIVE of a complex, an array, a numpy scalar or a number.
    pub(super) fn op_negative(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let x = Self::pop(st, pc)?;
        if let Av::Complex(re, im) = x {
            let re = self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FNeg, a: re });
            let im = self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FNeg, a: im });
            st.stack.push(Av::Complex(re, im));
            return Ok(Flow::Next(b));
        }
        if let Av::Arr(k) = x {
            let z = self.world.name_obj("negative").and_then(|name| self.np_unary_arr(b, name, k, pc, pre));
            let Some(z) = z else { return self.leave(b, pc, pre, "negation of this array") };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        if let Av::NpS(v, m) = x {
            let neg = match m {
                MemTy::F32 => self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FNeg, a: v }),
                _ => {
                    let zero = self.t.const_i64(b, 0);
                    let d = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::ISubWrap, a: zero, b: v });
                    self.wrap_small(b, m, d)
                }
            };
            st.stack.push(Av::NpS(neg, m));
            return Ok(Flow::Next(b));
        }
        let np = matches!(x, Av::Np(_));
        let Some(x) = self.num(&x) else { return abort(pc, "negation of a non-number") };
        if np && self.t.ty(x) == Type::Bool {
            return abort(pc, "negation of an np.bool_");
        }
        let v = match self.t.ty(x) {
            Type::F64 => self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FNeg, a: x }),
            _ => {
                let x = self.as_int(b, x);
                let exit = self.exit_here(pc, pre, "overflow");
                self.t.push(b, Type::I64, InstKind::CheckedUnary { op: CheckedUnOp::INeg, a: x, exit })
            }
        };
        st.stack.push(if np { Av::Np(v) } else { Av::V(v) });
        Ok(Flow::Next(b))
    }

    /// UNARY_INVERT of an int or a bool (of a float it raises: an exit).
    pub(super) fn op_invert(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let x = Self::pop(st, pc)?;
        let Av::V(x) = x else { return abort(pc, "~ of a non-number or a numpy scalar") };
        if self.t.ty(x) == Type::F64 {
            let call = self.exit_call(pc, pre, "operation raises");
            self.t.set_term(b, Terminator::Jump(call));
            return Ok(Flow::Done);
        }
        let x = self.as_int(b, x);
        let m1 = self.t.const_i64(b, -1);
        let v = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IXor, a: x, b: m1 });
        st.stack.push(Av::V(v));
        Ok(Flow::Next(b))
    }

    /// UNARY_NOT and TO_BOOL: a value's truth.
    pub(super) fn op_not(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, ins, .. } = at;
        let x = Self::pop(st, pc)?;
        let v = match self.truth(b, x, pc) {
            Err(_) if self.objectable(&x) => return self.object_mode(b, st, at),
            v => v?,
        };
        let v = if ins.op == Op::UnaryNot {
            self.t.push(b, Type::Bool, InstKind::Unary { op: UnOp::BNot, a: v })
        } else {
            v
        };
        st.stack.push(Av::V(v));
        Ok(Flow::Next(b))
    }
}
