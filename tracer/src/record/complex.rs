//! Complex numbers, never allocated (a real and an imaginary part):
//! arithmetic as the VM computes it, equality, `complex()` and `abs()`.

use super::recorder::{R, Recorder};
use super::state::{Av, State};
use crate::bytecode::{BinKind, Builtin, CmpKind};
use pyjit_ir::{BinOp, Block, ExitId, InstKind, MathFn, Type, UnOp, Value};

impl Recorder<'_, '_> {
    /// `x <kind> y` where one is a complex, as the VM computes it (its
    /// formulas, in its order); its corner cases (a zero divisor, a nan
    /// result the VM would recover from) exit and the interpreter does
    /// them. None for an operator complex numbers do not take here.
    pub(super) fn complex_binary(&mut self, b: Block, kind: BinKind, x: Av, y: Av, pc: u32, pre: &State) -> R<Option<Av>> {
        let (Some((a, p)), Some((c, q))) = (self.complex_parts(b, x), self.complex_parts(b, y)) else {
            return Ok(None);
        };
        let f = |r: &mut Self, op: BinOp, x: Value, y: Value| r.t.push(b, Type::F64, InstKind::Binary { op, a: x, b: y });
        let neg = |r: &mut Self, x: Value| r.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FNeg, a: x });
        let (re, im) = match (kind, p, q) {
            (BinKind::Add, Some(p), Some(q)) => (f(self, BinOp::FAdd, a, c), f(self, BinOp::FAdd, p, q)),
            (BinKind::Add, Some(p), None) => (f(self, BinOp::FAdd, a, c), p),
            (BinKind::Add, None, Some(q)) => (f(self, BinOp::FAdd, a, c), q),
            (BinKind::Sub, Some(p), Some(q)) => (f(self, BinOp::FSub, a, c), f(self, BinOp::FSub, p, q)),
            (BinKind::Sub, Some(p), None) => (f(self, BinOp::FSub, a, c), p),
            (BinKind::Sub, None, Some(q)) => (f(self, BinOp::FSub, a, c), neg(self, q)),
            (BinKind::Mul, Some(p), Some(q)) => {
                let (ac, pq, aq, pc_) = (f(self, BinOp::FMul, a, c), f(self, BinOp::FMul, p, q), f(self, BinOp::FMul, a, q), f(self, BinOp::FMul, p, c));
                let (re, im) = (f(self, BinOp::FSub, ac, pq), f(self, BinOp::FAdd, aq, pc_));
                let exit = self.exit_here(pc, pre, "a complex product the VM recovers");
                self.guard_not_both_nan(b, re, im, exit);
                (re, im)
            }
            (BinKind::Mul, Some(p), None) => (f(self, BinOp::FMul, a, c), f(self, BinOp::FMul, p, c)),
            (BinKind::Mul, None, Some(q)) => (f(self, BinOp::FMul, a, c), f(self, BinOp::FMul, a, q)),
            (BinKind::TrueDiv, p, None) => {
                let exit = self.exit_here(pc, pre, "complex division by zero");
                let zero = self.t.const_f64(b, 0.0);
                let nz = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: c, b: zero });
                self.t.push_guard(b, nz, true, exit);
                let p = p.expect("one operand is a complex");
                (f(self, BinOp::FDiv, a, c), f(self, BinOp::FDiv, p, c))
            }
            (BinKind::TrueDiv, p, Some(q)) => {
                // Divided by the larger part of the divisor (Smith's
                // method), both branches computed, one chosen.
                let exit = self.exit_here(pc, pre, "complex division by zero, or a quotient the VM recovers");
                let abs_re = self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FAbs, a: c });
                let abs_im = self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FAbs, a: q });
                let first = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ge, a: abs_re, b: abs_im });
                let zero = self.t.const_f64(b, 0.0);
                let is_zero = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: abs_re, b: zero });
                let by_zero = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: first, b: is_zero });
                self.t.push_guard(b, by_zero, false, exit);
                let r1 = f(self, BinOp::FDiv, q, c);
                let qr1 = f(self, BinOp::FMul, q, r1);
                let d1 = f(self, BinOp::FAdd, c, qr1);
                let r2 = f(self, BinOp::FDiv, c, q);
                let cr2 = f(self, BinOp::FMul, c, r2);
                let d2 = f(self, BinOp::FAdd, cr2, q);
                let (re1, im1, re2, im2) = match p {
                    Some(p) => {
                        let pr1 = f(self, BinOp::FMul, p, r1);
                        let n = f(self, BinOp::FAdd, a, pr1);
                        let re1 = f(self, BinOp::FDiv, n, d1);
                        let ar1 = f(self, BinOp::FMul, a, r1);
                        let n = f(self, BinOp::FSub, p, ar1);
                        let im1 = f(self, BinOp::FDiv, n, d1);
                        let ar2 = f(self, BinOp::FMul, a, r2);
                        let n = f(self, BinOp::FAdd, ar2, p);
                        let re2 = f(self, BinOp::FDiv, n, d2);
                        let pr2 = f(self, BinOp::FMul, p, r2);
                        let n = f(self, BinOp::FSub, pr2, a);
                        let im2 = f(self, BinOp::FDiv, n, d2);
                        (re1, im1, re2, im2)
                    }
                    None => {
                        // A real divided by a complex (no imaginary term).
                        let re1 = f(self, BinOp::FDiv, a, d1);
                        let na = neg(self, a);
                        let nar1 = f(self, BinOp::FMul, na, r1);
                        let im1 = f(self, BinOp::FDiv, nar1, d1);
                        let ar2 = f(self, BinOp::FMul, a, r2);
                        let re2 = f(self, BinOp::FDiv, ar2, d2);
                        let im2 = f(self, BinOp::FDiv, na, d2);
                        (re1, im1, re2, im2)
                    }
                };
                let re = self.t.push(b, Type::F64, InstKind::Select { cond: first, a: re1, b: re2 });
                let im = self.t.push(b, Type::F64, InstKind::Select { cond: first, a: im1, b: im2 });
                self.guard_not_both_nan(b, re, im, exit);
                (re, im)
            }
            _ => return Ok(None),
        };
        Ok(Some(Av::Complex(re, im)))
    }

    /// `x == y` or `x != y` where one is a complex: both parts equal (a
    /// real's imaginary part is 0, its real part compared exactly). None
    /// for an ordering (a TypeError) or another object.
    pub(super) fn complex_eq(&mut self, b: Block, kind: CmpKind, x: Av, y: Av, pc: u32, pre: &State) -> R<Option<Value>> {
        if !matches!(kind, CmpKind::Eq | CmpKind::Ne) {
            return Ok(None);
        }
        let part = |r: &mut Self, av: Av| match av {
            Av::Complex(re, im) => Some((re, im)),
            Av::V(v) => Some((v, r.t.const_f64(b, 0.0))),
            _ => None,
        };
        let (Some((a, p)), Some((c, q))) = (part(self, x), part(self, y)) else { return Ok(None) };
        let re = self.compare(b, CmpKind::Eq, a, c, pc, pre)?;
        let im = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: p, b: q });
        let eq = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: re, b: im });
        Ok(Some(match kind {
            CmpKind::Eq => eq,
            _ => self.t.push(b, Type::Bool, InstKind::Unary { op: UnOp::BNot, a: eq }),
        }))
    }

    /// `complex(x)`, `complex(x, y)` of numbers, `complex(z)`, and `abs(z)`
    /// (its hypot; an infinite result exits, which is where the VM may
    /// raise OverflowError). None for other calls.
    pub(super) fn complex_builtin(&mut self, b: Block, f: Builtin, args: &[Av], pc: u32, pre: &State) -> R<Option<Av>> {
        Ok(match (f, args) {
            (Builtin::Complex, [z @ Av::Complex(..)]) => Some(*z),
            (Builtin::Complex, [Av::V(x)]) => {
                let zero = self.t.const_f64(b, 0.0);
                Some(Av::Complex(self.as_float(b, *x), zero))
            }
            (Builtin::Complex, [Av::V(x), Av::V(y)]) => Some(Av::Complex(self.as_float(b, *x), self.as_float(b, *y))),
            (Builtin::Abs, [Av::Complex(re, im)]) => {
                let r = self.t.push(b, Type::F64, InstKind::Math { f: MathFn::Hypot, args: vec![*re, *im], exit: None });
                let inf = self.t.const_f64(b, f64::INFINITY);
                let finite = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: r, b: inf });
                let exit = self.exit_here(pc, pre, "an infinite absolute value");
                self.t.push_guard(b, finite, true, exit);
                Some(Av::V(r))
            }
            _ => None,
        })
    }

    /// A complex operand's parts, or a real number's value (an int or bool
    /// as a float) and None: the VM keeps a real operand real in mixed
    /// arithmetic (complex + float adds to the real part only).
    fn complex_parts(&mut self, b: Block, av: Av) -> Option<(Value, Option<Value>)> {
        match av {
            Av::Complex(re, im) => Some((re, Some(im))),
            Av::V(v) => Some((self.as_float(b, v), None)),
            _ => None,
        }
    }

    fn is_nan(&mut self, b: Block, x: Value) -> Value {
        self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: x, b: x })
    }

    /// Exits where both parts came out as nan: the VM then recovers
    /// infinities (C11 Annex G), which the interpreter does.
    fn guard_not_both_nan(&mut self, b: Block, re: Value, im: Value, exit: ExitId) {
        let (n1, n2) = (self.is_nan(b, re), self.is_nan(b, im));
        let both = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: n1, b: n2 });
        self.t.push_guard(b, both, false, exit);
    }
}
