//! Arithmetic on unboxed numbers that the number, numpy, complex and
//! builtin handlers share: conversions between int, float and bool, and
//! Python's binary operators and comparisons of numbers.

use super::recorder::{R, Recorder, abort};
use super::state::{Av, State};
use crate::bytecode::{BinKind, CmpKind};
use pyjit_ir::{BinOp, Block, CheckedOp, InstKind, Type, UnOp, Value};

impl Recorder<'_, '_> {
    /// An int or float as it is; a bool as the int it equals.
    pub(super) fn as_int_or_float(&mut self, b: Block, v: Value) -> Value {
        if self.t.ty(v) == Type::Bool { self.as_int(b, v) } else { v }
    }

    pub(super) fn as_int(&mut self, b: Block, v: Value) -> Value {
        match self.t.ty(v) {
            Type::Bool => self.t.push(b, Type::I64, InstKind::Unary { op: UnOp::BToI, a: v }),
            _ => v,
        }
    }

    pub(super) fn as_float(&mut self, b: Block, v: Value) -> Value {
        match self.t.ty(v) {
            Type::F64 => v,
            _ => {
                let i = self.as_int(b, v);
                self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::IToF, a: i })
            }
        }
    }

    /// `x <op> y` on numbers; `None` where Python raises a TypeError.
    pub(super) fn binary(&mut self, b: Block, kind: BinKind, x: Value, y: Value, pc: u32, pre: &State) -> R<Option<Value>> {
        let (tx, ty) = (self.t.ty(x), self.t.ty(y));
        if tx == Type::Bool && ty == Type::Bool && matches!(kind, BinKind::And | BinKind::Or | BinKind::Xor) {
            let op = match kind {
                BinKind::And => BinOp::BAnd,
                BinKind::Or => BinOp::BOr,
                _ => BinOp::BXor,
            };
            return Ok(Some(self.t.push(b, Type::Bool, InstKind::Binary { op, a: x, b: y })));
        }
        if tx == Type::F64 || ty == Type::F64 {
            let (x, y) = (self.as_float(b, x), self.as_float(b, y));
            let plain = |op| InstKind::Binary { op, a: x, b: y };
            let kind = match kind {
                BinKind::Add => plain(BinOp::FAdd),
                BinKind::Sub => plain(BinOp::FSub),
                BinKind::Mul => plain(BinOp::FMul),
                BinKind::TrueDiv | BinKind::FloorDiv | BinKind::Mod | BinKind::Pow => {
                    let op = match kind {
                        BinKind::TrueDiv => CheckedOp::FDiv,
                        BinKind::FloorDiv => CheckedOp::FFloorDiv,
                        BinKind::Mod => CheckedOp::FMod,
                        _ => CheckedOp::FPow,
                    };
                    let exit = self.exit_here(pc, pre, "float operation raises");
                    InstKind::Checked { op, a: x, b: y, exit }
                }
                BinKind::MatMul | BinKind::Subscr => return abort(pc, format!("{kind:?} on numbers")),
                _ => return Ok(None),
            };
            return Ok(Some(self.t.push(b, Type::F64, kind)));
        }
        let (x, y) = (self.as_int(b, x), self.as_int(b, y));
        let (op, ty) = match kind {
            BinKind::And => return Ok(Some(self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAnd, a: x, b: y }))),
            BinKind::Or => return Ok(Some(self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IOr, a: x, b: y }))),
            BinKind::Xor => return Ok(Some(self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IXor, a: x, b: y }))),
            BinKind::Add => (CheckedOp::IAdd, Type::I64),
            BinKind::Sub => (CheckedOp::ISub, Type::I64),
            BinKind::Mul => (CheckedOp::IMul, Type::I64),
            BinKind::FloorDiv => (CheckedOp::IFloorDiv, Type::I64),
            BinKind::Mod => (CheckedOp::IMod, Type::I64),
            BinKind::Pow => (CheckedOp::IPow, Type::I64),
            BinKind::LShift => (CheckedOp::IShl, Type::I64),
            BinKind::RShift => (CheckedOp::IShr, Type::I64),
            BinKind::TrueDiv => (CheckedOp::ITrueDiv, Type::F64),
            BinKind::MatMul | BinKind::Subscr => return abort(pc, format!("{kind:?} on numbers")),
        };
        let exit = self.exit_here(pc, pre, "int operation overflows or raises");
        Ok(Some(self.t.push(b, ty, InstKind::Checked { op, a: x, b: y, exit })))
    }

    pub(super) fn compare(&mut self, b: Block, kind: CmpKind, x: Value, y: Value, pc: u32, pre: &State) -> R<Value> {
        let op = match kind {
            CmpKind::Lt => BinOp::Lt,
            CmpKind::Le => BinOp::Le,
            CmpKind::Eq => BinOp::Eq,
            CmpKind::Ne => BinOp::Ne,
            CmpKind::Gt => BinOp::Gt,
            CmpKind::Ge => BinOp::Ge,
        };
        let (tx, ty) = (self.t.ty(x), self.t.ty(y));
        let (x, y) = if tx == ty {
            (x, y)
        } else if tx == Type::F64 || ty == Type::F64 {
            // Python compares int and float exactly; converting is exact
            // only up to 2**53, so larger ints leave the trace.
            for v in [x, y] {
                if self.t.ty(v) != Type::F64 {
                    let i = self.as_int(b, v);
                    let lim = self.t.const_i64(b, 1 << 53);
                    let nlim = self.t.const_i64(b, -(1 << 53));
                    let le = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Le, a: i, b: lim });
                    let ge = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ge, a: i, b: nlim });
                    let ok = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: le, b: ge });
                    let exit = self.exit_here(pc, pre, "int too large to compare with a float");
                    self.t.push_guard(b, ok, true, exit);
                }
            }
            (self.as_float(b, x), self.as_float(b, y))
        } else {
            (self.as_int(b, x), self.as_int(b, y))
        };
        Ok(self.t.push(b, Type::Bool, InstKind::Binary { op, a: x, b: y }))
    }

    pub(super) fn num(&self, av: &Av) -> Option<Value> {
        match av {
            Av::V(v) | Av::Np(v) => Some(*v),
            _ => None,
        }
    }

    /// A small numpy scalar as the np.float64 / np.int64 of its value
    /// (where only the value matters: comparisons, stores); anything else
    /// as it is.
    pub(super) fn widened(a: Av) -> Av {
        match a {
            Av::NpS(v, _) => Av::Np(v),
            a => a,
        }
    }

    pub(super) fn truth(&mut self, b: Block, x: Av, pc: u32) -> R<Value> {
        match x {
            Av::V(v) | Av::Np(v) if self.t.ty(v) == Type::Bool => Ok(v),
            Av::V(v) | Av::Np(v) | Av::NpS(v, _) => Ok(self.t.push(b, Type::Bool, InstKind::Unary { op: UnOp::Truth, a: v })),
            Av::Obj(o) if Some(o) == self.none => Ok(self.t.const_bool(b, false)),
            Av::Complex(re, im) => {
                let r = self.t.push(b, Type::Bool, InstKind::Unary { op: UnOp::Truth, a: re });
                let i = self.t.push(b, Type::Bool, InstKind::Unary { op: UnOp::Truth, a: im });
                Ok(self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BOr, a: r, b: i }))
            }
            // A list is true when it is not empty (exact lists: no __len__
            // of their own); a tuple the trace holds has a known length.
            Av::List(_) | Av::Row { .. } => {
                let (obj, _) = self.list_of(x).expect("a list");
                let n = self.list_len(b, obj);
                let zero = self.t.const_i64(b, 0);
                Ok(self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: n, b: zero }))
            }
            Av::Tuple(t) => {
                let n = self.tuples[t as usize].len();
                Ok(self.t.const_bool(b, n > 0))
            }
            _ => abort(pc, "truth of an object"),
        }
    }
}
