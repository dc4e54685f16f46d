//! numpy scalars (np.float64, np.int64, np.bool_ and the small dtypes):
//! numpy's arithmetic (NEP 50's promotion, wrapping, float32 rounding) and
//! its ufuncs of scalars.

use super::recorder::{R, Recorder, abort};
use super::state::{Av, State};
use crate::bytecode::BinKind;
use pyjit_ir::{BinOp, Block, CheckedOp, InstKind, MathFn, MemTy, Trace, Type, UnOp, Value};

impl Recorder<'_, '_> {
    /// Whether `x op y` is numpy's operation (a numpy scalar result) or
    /// Python's: numpy's wherever a numpy scalar takes part (a Python float
    /// on the left of an np.int64 too: float's operators step aside for
    /// pyjit's int scalars, as for numpy's, which are not ints).
    pub(super) fn numpy_result(&self, x: Av, y: Av) -> bool {
        matches!(x, Av::Np(_)) || matches!(y, Av::Np(_))
    }

    /// `x op y` where one side is a numpy scalar: numpy's result type
    /// (float64 if either side is a float, else int64). The checked
    /// operations exit where numpy's answer differs from Python's (a zero
    /// divisor, an int64 overflow, which numpy wraps): the interpreter
    /// computes those. `None` where Python raises a TypeError.
    pub(super) fn np_binary(&mut self, b: Block, kind: BinKind, x: Value, y: Value, pc: u32, pre: &State) -> R<Option<Value>> {
        let (tx, ty) = (self.t.ty(x), self.t.ty(y));
        if tx == Type::Bool || ty == Type::Bool {
            return abort(pc, "arithmetic on np.bool_ or bool with a numpy scalar");
        }
        if kind == BinKind::TrueDiv && tx == Type::I64 && ty == Type::I64 {
            // int64 / int64 divides the two doubles.
            let (x, y) = (self.as_float(b, x), self.as_float(b, y));
            let exit = self.exit_here(pc, pre, "numpy division by zero");
            return Ok(Some(self.t.push(b, Type::F64, InstKind::Checked { op: CheckedOp::FDiv, a: x, b: y, exit })));
        }
        // A float on either side makes `**` Python's float power (what
        // pyjit's np.float64 and np.int64 call), giving np.float64; int64
        // powers wrap and refuse negative exponents: the interpreter's.
        let float_pow = kind == BinKind::Pow && (tx == Type::F64 || ty == Type::F64);
        if matches!(kind, BinKind::Pow | BinKind::LShift | BinKind::RShift) && !float_pow {
            return abort(pc, format!("{kind:?} of numpy scalars"));
        }
        self.binary(b, kind, x, y, pc, pre)
    }

    /// The operands of numpy's `x <op> y` where one is an np.bool_ and the
    /// other a number of another type: the bool as that type (numpy's
    /// promotion: np.True_ + 1 is np.int64(2), + 1.5 np.float64(2.5)).
    /// Operands without a bool as they are; None for two bools or an
    /// operator other than `+ - * /`.
    pub(super) fn np_bool_operands(&mut self, b: Block, kind: BinKind, x: Value, y: Value) -> Option<(Value, Value)> {
        let (tx, ty) = (self.t.ty(x), self.t.ty(y));
        if tx != Type::Bool && ty != Type::Bool {
            return Some((x, y));
        }
        if tx == ty || !matches!(kind, BinKind::Add | BinKind::Sub | BinKind::Mul | BinKind::TrueDiv) {
            return None;
        }
        let mut as_other = |v: Value, other: Type| {
            if self.t.ty(v) != Type::Bool {
                return v;
            }
            let i = self.t.push(b, Type::I64, InstKind::Unary { op: UnOp::BToI, a: v });
            if other == Type::F64 { self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::IToF, a: i }) } else { i }
        };
        Some((as_other(x, ty), as_other(y, tx)))
    }

    /// `x <op> y` with a small numpy scalar on either side, as pyjit's
    /// numpy computes it: numpy's promotion (NEP 50: a Python number takes
    /// the scalar's type; float32 with int8/uint8 stays float32, with int32
    /// becomes float64; int8 with uint8 (int16) is left alone), int types
    /// wrapping, float32 rounding. None where not compiled.
    pub(super) fn np_small_binary(&mut self, b: Block, kind: BinKind, x: Av, y: Av, pc: u32, pre: &State) -> R<Option<Av>> {
        #[derive(Clone, Copy, PartialEq)]
        enum K {
            PyF,
            PyI,
            NpF,
            NpI,
            S(MemTy),
        }
        let k = |r: &Self, a: Av| -> Option<(Value, K)> {
            Some(match a {
                Av::V(v) => (v, match r.t.ty(v) {
                    Type::F64 => K::PyF,
                    Type::I64 => K::PyI,
                    Type::Bool => return None,
                }),
                Av::Np(v) => (v, match r.t.ty(v) {
                    Type::F64 => K::NpF,
                    Type::I64 => K::NpI,
                    Type::Bool => return None,
                }),
                Av::NpS(v, m) => (v, K::S(m)),
                _ => return None,
            })
        };
        let (Some((xv, xk)), Some((yv, yk))) = (k(self, x), k(self, y)) else { return Ok(None) };
        let small_float = |m: MemTy| m == MemTy::F32;
        // The result: a small scalar, or np.float64 / np.int64.
        enum Res {
            S(MemTy),
            NpF,
            NpI,
        }
        let res = match (xk, yk) {
            (K::S(m), K::PyF) | (K::PyF, K::S(m)) => {
                if small_float(m) {
                    Res::S(m)
                } else {
                    Res::NpF
                }
            }
            (K::S(m), K::PyI) | (K::PyI, K::S(m)) => Res::S(m),
            (K::S(a), K::S(c)) => match (a, c) {
                _ if a == c => Res::S(a),
                (MemTy::F32, MemTy::I8 | MemTy::U8) | (MemTy::I8 | MemTy::U8, MemTy::F32) => Res::S(MemTy::F32),
                (MemTy::F32, MemTy::I32) | (MemTy::I32, MemTy::F32) => Res::NpF,
                (MemTy::I32, MemTy::I8 | MemTy::U8) | (MemTy::I8 | MemTy::U8, MemTy::I32) => Res::S(MemTy::I32),
                _ => return Ok(None),
            },
            (K::S(_), K::NpF) | (K::NpF, K::S(_)) => Res::NpF,
            (K::S(m), K::NpI) | (K::NpI, K::S(m)) => {
                if small_float(m) {
                    Res::NpF
                } else {
                    Res::NpI
                }
            }
            _ => return Ok(None),
        };
        // A Python int meeting a small int scalar must fit its dtype
        // (numpy raises OverflowError otherwise: the interpreter's).
        if let Res::S(m) = res
            && !small_float(m)
        {
            let (lo, hi) = match m {
                MemTy::I32 => (i32::MIN as i64, i32::MAX as i64),
                MemTy::I8 => (i8::MIN as i64, i8::MAX as i64),
                _ => (0, u8::MAX as i64),
            };
            for (v, kk) in [(xv, xk), (yv, yk)] {
                if kk == K::PyI {
                    let exit = self.exit_here(pc, pre, "a Python int out of a numpy scalar's range");
                    let (lo, hi) = (self.t.const_i64(b, lo), self.t.const_i64(b, hi));
                    let ge = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ge, a: v, b: lo });
                    let le = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Le, a: v, b: hi });
                    let ok = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: ge, b: le });
                    self.t.push_guard(b, ok, true, exit);
                }
            }
        }
        Ok(match res {
            Res::NpF | Res::NpI => self.np_binary(b, kind, xv, yv, pc, pre)?.map(Av::Np),
            Res::S(MemTy::F32) => {
                if !matches!(kind, BinKind::Add | BinKind::Sub | BinKind::Mul | BinKind::TrueDiv) {
                    return Ok(None);
                }
                let (xf, yf) = (self.as_float(b, xv), self.as_float(b, yv));
                let Some(r) = self.binary(b, kind, xf, yf, pc, pre)? else { return Ok(None) };
                Some(Av::NpS(self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::RoundF32, a: r }), MemTy::F32))
            }
            Res::S(m) => {
                if kind == BinKind::TrueDiv {
                    let (xf, yf) = (self.as_float(b, xv), self.as_float(b, yv));
                    let exit = self.exit_here(pc, pre, "numpy division by zero");
                    Some(Av::Np(self.t.push(b, Type::F64, InstKind::Checked { op: CheckedOp::FDiv, a: xf, b: yf, exit })))
                } else if matches!(kind, BinKind::Add | BinKind::Sub | BinKind::Mul | BinKind::FloorDiv | BinKind::Mod | BinKind::And | BinKind::Or | BinKind::Xor) {
                    let Some(r) = self.binary(b, kind, xv, yv, pc, pre)? else { return Ok(None) };
                    Some(Av::NpS(self.wrap_small(b, m, r), m))
                } else {
                    None
                }
            }
        })
    }

    /// `v` (i64) wrapped to the small int dtype `m`.
    pub(super) fn wrap_small(&mut self, b: Block, m: MemTy, v: Value) -> Value {
        let op = match m {
            MemTy::I32 => UnOp::WrapI32,
            MemTy::I8 => UnOp::WrapI8,
            MemTy::U8 => UnOp::WrapU8,
            _ => return v,
        };
        self.t.push(b, Type::I64, InstKind::Unary { op, a: v })
    }

    /// `_numpy._unary(name, x)` of a Python or numpy number, for the ufuncs
    /// whose float64 result the module computes with the same libm
    /// function (an int is taken as a float first, as numpy does). None
    /// for other ufuncs and operands.
    pub(super) fn np_unary(&mut self, b: Block, args: &[Av]) -> Option<Value> {
        let [Av::Obj(name), x] = args else { return None };
        let name = self.world.str_value(*name)?;
        let x = match *x {
            Av::V(v) | Av::Np(v) if self.t.ty(v) == Type::F64 => v,
            Av::V(v) | Av::Np(v) if self.t.ty(v) == Type::I64 && name == "sign" => {
                // An int's sign is an int64.
                let zero = self.t.const_i64(b, 0);
                let (one, minus) = (self.t.const_i64(b, 1), self.t.const_i64(b, -1));
                let pos = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: v, b: zero });
                let neg = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: v, b: zero });
                let r = self.t.push(b, Type::I64, InstKind::Select { cond: neg, a: minus, b: zero });
                return Some(self.t.push(b, Type::I64, InstKind::Select { cond: pos, a: one, b: r }));
            }
            // These keep an int an int64.
            Av::V(v) | Av::Np(v)
                if self.t.ty(v) == Type::I64
                    && !matches!(name.as_str(), "absolute" | "abs" | "fabs" | "negative" | "square" | "floor" | "ceil" | "trunc" | "rint") =>
            {
                self.as_float(b, v)
            }
            _ => return None,
        };
        // The predicates (numpy bools) and sign, as the module computes them.
        let fzero = self.t.const_f64(b, 0.0);
        let is_nan = |t: &mut Trace| t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: x, b: x });
        match name.as_str() {
            "isnan" => return Some(is_nan(&mut self.t)),
            "isinf" | "isfinite" => {
                let inf = self.t.const_f64(b, f64::INFINITY);
                let ax = self.t.push(b, Type::F64, InstKind::Math { f: MathFn::Fabs, args: vec![x], exit: None });
                let op = if name == "isinf" { BinOp::Eq } else { BinOp::Lt };
                return Some(self.t.push(b, Type::Bool, InstKind::Binary { op, a: ax, b: inf }));
            }
            "logical_not" => return Some(self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: x, b: fzero })),
            "sign" => {
                let nan = is_nan(&mut self.t);
                let pos = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: x, b: fzero });
                let neg = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: x, b: fzero });
                let (one, minus) = (self.t.const_f64(b, 1.0), self.t.const_f64(b, -1.0));
                let r = self.t.push(b, Type::F64, InstKind::Select { cond: neg, a: minus, b: fzero });
                let r = self.t.push(b, Type::F64, InstKind::Select { cond: pos, a: one, b: r });
                return Some(self.t.push(b, Type::F64, InstKind::Select { cond: nan, a: x, b: r }));
            }
            _ => {}
        }
        let math = |f: MathFn| Some(f);
        let f = match name.as_str() {
            "sqrt" => math(MathFn::Sqrt),
            "exp" => math(MathFn::Exp),
            "expm1" => math(MathFn::Expm1),
            "log" => math(MathFn::Log),
            "log2" => math(MathFn::Log2),
            "log10" => math(MathFn::Log10),
            "log1p" => math(MathFn::Log1p),
            "sin" => math(MathFn::Sin),
            "cos" => math(MathFn::Cos),
            "tan" => math(MathFn::Tan),
            "arcsin" => math(MathFn::Asin),
            "arccos" => math(MathFn::Acos),
            "arctan" => math(MathFn::Atan),
            "sinh" => math(MathFn::Sinh),
            "cosh" => math(MathFn::Cosh),
            "tanh" => math(MathFn::Tanh),
            "floor" => math(MathFn::Floor),
            "ceil" => math(MathFn::Ceil),
            "trunc" => math(MathFn::Trunc),
            "rint" => math(MathFn::RoundEven),
            "absolute" | "abs" | "fabs" => math(MathFn::Fabs),
            "negative" | "square" => None,
            _ => return None,
        };
        Some(match (f, name.as_str()) {
            (Some(f), _) => self.t.push(b, Type::F64, InstKind::Math { f, args: vec![x], exit: None }),
            (None, "negative") => self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FNeg, a: x }),
            _ => self.t.push(b, Type::F64, InstKind::Binary { op: BinOp::FMul, a: x, b: x }),
        })
    }

    /// `_numpy._binary(name, x, y)` of two numbers (not bools), as the
    /// module computes it: `maximum`/`minimum` (nan from either side
    /// propagates, of ints an int64), and of floats (an int taken as a
    /// float) `arctan2`, `hypot`, `copysign` and `power` (C's functions,
    /// nan or inf where Python would raise). None for anything else.
    pub(super) fn np_binary_scalar(&mut self, b: Block, args: &[Av]) -> Option<Value> {
        let [Av::Obj(name), x, y] = args else { return None };
        let name = self.world.str_value(*name)?;
        let num = |a: &Av| match *a {
            Av::V(v) | Av::Np(v) => Some(v),
            _ => None,
        };
        let (x, y) = (num(x)?, num(y)?);
        let (tx, ty) = (self.t.ty(x), self.t.ty(y));
        if tx == Type::Bool || ty == Type::Bool {
            return None;
        }
        if tx == Type::I64 && ty == Type::I64 {
            let op = match name.as_str() {
                "maximum" => BinOp::Ge,
                "minimum" => BinOp::Le,
                _ => return None,
            };
            let keep = self.t.push(b, Type::Bool, InstKind::Binary { op, a: x, b: y });
            return Some(self.t.push(b, Type::I64, InstKind::Select { cond: keep, a: x, b: y }));
        }
        let (x, y) = (self.as_float(b, x), self.as_float(b, y));
        let math = |f| Some(f);
        let f = match name.as_str() {
            "maximum" | "minimum" => None,
            "arctan2" => math(MathFn::Atan2),
            "hypot" => math(MathFn::Hypot),
            "copysign" => math(MathFn::Copysign),
            "power" => math(MathFn::Pow),
            _ => return None,
        };
        if let Some(f) = f {
            return Some(self.t.push(b, Type::F64, InstKind::Math { f, args: vec![x, y], exit: None }));
        }
        // x if x is nan or x >= y (<= for minimum), else y.
        let op = if name == "maximum" { BinOp::Ge } else { BinOp::Le };
        let nan = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: x, b: x });
        let cmp = self.t.push(b, Type::Bool, InstKind::Binary { op, a: x, b: y });
        let keep = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BOr, a: nan, b: cmp });
        Some(self.t.push(b, Type::F64, InstKind::Select { cond: keep, a: x, b: y }))
    }
}
