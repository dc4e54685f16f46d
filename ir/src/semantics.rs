//! Python's numeric semantics on unboxed values, bit for bit as CPython
//! computes them. One definition, used by the reference interpreter
//! (`interp`) and by the code generator's runtime helpers.
//!
//! Every fallible function returns `None` where CPython would raise (or
//! where the result leaves the unboxed domain, e.g. an int overflowing
//! i64): the trace takes its exit *before* the operation and the
//! interpreter redoes it.

use crate::{CheckedOp, CheckedUnOp, MathFn};

/// The C math library: the same functions CPython's `math` module and float
/// operations call. The code generator takes their addresses, so JIT code
/// and this module call the very same functions.
pub mod libm {
    #[link(name = "m")]
    unsafe extern "C" {
        pub safe fn exp(x: f64) -> f64;
        pub safe fn expm1(x: f64) -> f64;
        pub safe fn log(x: f64) -> f64;
        pub safe fn log2(x: f64) -> f64;
        pub safe fn log10(x: f64) -> f64;
        pub safe fn log1p(x: f64) -> f64;
        pub safe fn sin(x: f64) -> f64;
        pub safe fn cos(x: f64) -> f64;
        pub safe fn tan(x: f64) -> f64;
        pub safe fn asin(x: f64) -> f64;
        pub safe fn acos(x: f64) -> f64;
        pub safe fn atan(x: f64) -> f64;
        pub safe fn sinh(x: f64) -> f64;
        pub safe fn cosh(x: f64) -> f64;
        pub safe fn tanh(x: f64) -> f64;
        pub safe fn asinh(x: f64) -> f64;
        pub safe fn acosh(x: f64) -> f64;
        pub safe fn atanh(x: f64) -> f64;
        pub safe fn atan2(y: f64, x: f64) -> f64;
        pub safe fn pow(x: f64, y: f64) -> f64;
        pub safe fn fmod(x: f64, y: f64) -> f64;
    }

    /// The libm functions the code generator calls by address, by name.
    /// (sqrt, floor, ceil, trunc, fabs, copysign and roundeven are exact
    /// IEEE operations and compile to LLVM intrinsics instead.)
    pub fn unary(f: crate::MathFn) -> Option<extern "C" fn(f64) -> f64> {
        use crate::MathFn::*;
        Some(match f {
            Exp => exp,
            Expm1 => expm1,
            Log => log,
            Log2 => log2,
            Log10 => log10,
            Log1p => log1p,
            Sin => sin,
            Cos => cos,
            Tan => tan,
            Asin => asin,
            Acos => acos,
            Atan => atan,
            Sinh => sinh,
            Cosh => cosh,
            Tanh => tanh,
            Asinh => asinh,
            Acosh => acosh,
            Atanh => atanh,
            _ => return None,
        })
    }
    pub fn binary(f: crate::MathFn) -> Option<extern "C" fn(f64, f64) -> f64> {
        use crate::MathFn::*;
        Some(match f {
            Atan2 => atan2,
            Hypot => super::py_hypot,
            RoundDigits => super::py_round_digits,
            Pow => pow,
            Fmod => fmod,
            _ => return None,
        })
    }
}

/// `math.hypot(x, y)` as the interpreter computes it: RustPython's math
/// module is `pymath`, a port of CPython's `vector_norm` (not libm's hypot,
/// which differs in the last bit now and then).
pub extern "C" fn py_hypot(x: f64, y: f64) -> f64 {
    pymath::math::hypot(&[x, y])
}

/// `round(x, ndigits)` for a float, as the interpreter computes it
/// (RustPython's `float.__round__`: CPython's correctly rounded decimal
/// rounding). `ndigits` comes as a float holding an int; past i32 it
/// saturates, as there. Where Python raises OverflowError the result is
/// inf, so the math error rule (inf from finite arguments) takes the exit.
pub extern "C" fn py_round_digits(x: f64, ndigits: f64) -> f64 {
    rustpython_common::float_ops::round_float_digits(x, ndigits as i32).unwrap_or(f64::INFINITY)
}

// ---------------------------------------------------------------- ints

/// `a // b` (floor division); `None` for a zero divisor or `MIN // -1`.
pub fn int_floordiv(a: i64, b: i64) -> Option<i64> {
    if b == 0 || (a == i64::MIN && b == -1) {
        return None;
    }
    let q = a / b;
    let r = a % b;
    Some(if r != 0 && ((a < 0) != (b < 0)) { q - 1 } else { q })
}

/// `a % b` (result has the divisor's sign); `None` for a zero divisor.
pub fn int_mod(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    if b == -1 {
        return Some(0);
    }
    let r = a % b;
    Some(if r != 0 && ((r < 0) != (b < 0)) { r + b } else { r })
}

/// `a << b`; `None` for a negative count or when the result leaves i64.
pub fn int_shl(a: i64, b: i64) -> Option<i64> {
    if b < 0 {
        return None;
    }
    if a == 0 {
        return Some(0);
    }
    if b >= 64 {
        return None;
    }
    let r = a << b;
    if (r >> b) != a { None } else { Some(r) }
}

/// `a >> b`; `None` for a negative count.
pub fn int_shr(a: i64, b: i64) -> Option<i64> {
    if b < 0 {
        return None;
    }
    Some(if b >= 64 { if a < 0 { -1 } else { 0 } } else { a >> b })
}

/// `a ** b` for ints; `None` for a negative exponent (a float result) or
/// when the result leaves i64.
pub fn int_pow(a: i64, b: i64) -> Option<i64> {
    if b < 0 {
        return None;
    }
    let mut exp = b as u64;
    let mut base = a;
    let mut acc: i64 = 1;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc.checked_mul(base)?;
        }
        exp >>= 1;
        if exp > 0 {
            // |base| >= 2 here means the final result is at least base²
            // in magnitude, so overflowing here means overflowing there.
            base = base.checked_mul(base)?;
        }
    }
    Some(acc)
}

const TWO_53: i64 = 1 << 53;

/// `a / b` for ints: exact (correctly rounded) when both fit in 53 bits;
/// `None` for a zero divisor or larger operands.
pub fn int_truediv(a: i64, b: i64) -> Option<f64> {
    if b == 0 || !(-TWO_53..=TWO_53).contains(&a) || !(-TWO_53..=TWO_53).contains(&b) {
        return None;
    }
    Some(a as f64 / b as f64)
}

pub fn checked_int(op: CheckedOp, a: i64, b: i64) -> Option<i64> {
    match op {
        CheckedOp::IAdd => a.checked_add(b),
        CheckedOp::ISub => a.checked_sub(b),
        CheckedOp::IMul => a.checked_mul(b),
        CheckedOp::IFloorDiv => int_floordiv(a, b),
        CheckedOp::IMod => int_mod(a, b),
        CheckedOp::IShl => int_shl(a, b),
        CheckedOp::IShr => int_shr(a, b),
        CheckedOp::IPow => int_pow(a, b),
        _ => panic!("{op:?} is not an int -> int operation"),
    }
}

// -------------------------------------------------------------- floats

/// CPython's `_float_div_mod`: (floordiv, mod) for a non-zero divisor.
pub fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = libm::fmod(vx, wx);
    // fmod is exact, so vx - m is an exact multiple of wx.
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        // ensure the remainder has the same sign as the denominator
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        // the remainder is zero: give it the sign of the denominator
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        // div is zero: get the correct sign
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// Python `a / b` on floats.
pub fn float_div(a: f64, b: f64) -> Option<f64> {
    if b == 0.0 { None } else { Some(a / b) }
}

/// Python `a // b` on floats.
pub fn float_floordiv(a: f64, b: f64) -> Option<f64> {
    if b == 0.0 { None } else { Some(float_divmod(a, b).0) }
}

/// Python `a % b` on floats (CPython's `float_rem`, which computes the
/// remainder exactly as `_float_div_mod` does).
pub fn float_mod(a: f64, b: f64) -> Option<f64> {
    if b == 0.0 { None } else { Some(float_divmod(a, b).1) }
}

/// DOUBLE_IS_ODD_INTEGER in CPython's floatobject.c.
fn is_odd_integer(x: f64) -> bool {
    libm::fmod(x.abs(), 2.0) == 1.0
}

/// Python `a ** b` on floats (CPython's `float_pow`). `None` where CPython
/// raises ZeroDivisionError (`0.0 ** negative`), OverflowError, or returns a
/// complex number (negative base, finite non-integer exponent).
pub fn float_pow(iv: f64, iw: f64) -> Option<f64> {
    if iw == 0.0 {
        return Some(1.0); // v**0 is 1, even 0**0
    }
    if iv.is_nan() {
        return Some(iv); // nan**w = nan, unless w == 0
    }
    if iw.is_nan() {
        return Some(if iv == 1.0 { 1.0 } else { iw }); // 1**nan = 1
    }
    if iw.is_infinite() {
        let av = iv.abs();
        return Some(if av == 1.0 {
            1.0
        } else if (iw > 0.0) == (av > 1.0) {
            iw.abs()
        } else {
            0.0
        });
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return Some(if iw > 0.0 {
            if odd { iv } else { iv.abs() }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        });
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return None; // ZeroDivisionError
        }
        return Some(if is_odd_integer(iw) { iv } else { 0.0 });
    }
    let mut v = iv;
    let mut negate = false;
    if v < 0.0 {
        if iw != iw.floor() {
            return None; // complex result
        }
        v = -v;
        negate = is_odd_integer(iw);
    }
    if v == 1.0 {
        return Some(if negate { -1.0 } else { 1.0 });
    }
    let ix = libm::pow(v, iw);
    if ix.is_infinite() {
        return None; // OverflowError (ERANGE)
    }
    Some(if negate { -ix } else { ix })
}

pub fn checked_float(op: CheckedOp, a: f64, b: f64) -> Option<f64> {
    match op {
        CheckedOp::FDiv => float_div(a, b),
        CheckedOp::FFloorDiv => float_floordiv(a, b),
        CheckedOp::FMod => float_mod(a, b),
        CheckedOp::FPow => float_pow(a, b),
        _ => panic!("{op:?} is not a float operation"),
    }
}

/// float → int conversions (`int(x)`, `math.floor`, `math.ceil`,
/// `round(x)`): `None` for nan, inf, or a result outside i64.
pub fn float_to_int(op: CheckedUnOp, x: f64) -> Option<i64> {
    let t = match op {
        CheckedUnOp::FToITrunc => x.trunc(),
        CheckedUnOp::FFloorToI => x.floor(),
        CheckedUnOp::FCeilToI => x.ceil(),
        CheckedUnOp::FRoundToI => x.round_ties_even(),
        _ => panic!("{op:?} is not a float -> int conversion"),
    };
    // Comparisons are false for nan; ±inf fail the range check.
    if (-9223372036854775808.0..9223372036854775808.0).contains(&t) { Some(t as i64) } else { None }
}

pub fn checked_int_unary(op: CheckedUnOp, a: i64) -> Option<i64> {
    match op {
        CheckedUnOp::INeg => a.checked_neg(),
        CheckedUnOp::IAbs => a.checked_abs(),
        _ => panic!("{op:?} is not an int -> int operation"),
    }
}

// ---------------------------------------------------------------- math

/// Calls the C function behind `f` (exact operations are computed in Rust,
/// with the same results as the C functions of those names).
pub fn math_call(f: MathFn, args: &[f64]) -> f64 {
    if let Some(g) = libm::unary(f) {
        return g(args[0]);
    }
    if let Some(g) = libm::binary(f) {
        return g(args[0], args[1]);
    }
    let x = args[0];
    match f {
        MathFn::Sqrt => x.sqrt(),
        MathFn::Floor => x.floor(),
        MathFn::Ceil => x.ceil(),
        MathFn::Trunc => x.trunc(),
        MathFn::Fabs => x.abs(),
        MathFn::Copysign => x.copysign(args[1]),
        MathFn::RoundEven => x.round_ties_even(),
        _ => unreachable!("{f:?}"),
    }
}

/// CPython's mathmodule error rule: a nan result from non-nan arguments
/// (ValueError) or an infinite result from finite arguments (ValueError or
/// OverflowError).
pub fn math_error(args: &[f64], r: f64) -> bool {
    (r.is_nan() && !args.iter().any(|a| a.is_nan())) || (r.is_infinite() && args.iter().all(|a| a.is_finite()))
}

/// `math.f(args)` with the error rule applied when `checked`.
pub fn math(f: MathFn, args: &[f64], checked: bool) -> Option<f64> {
    let r = math_call(f, args);
    if checked && math_error(args, r) { None } else { Some(r) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_floordiv_mod_match_python() {
        // python3 -c "print([(a//b, a%b) for a in (7,-7) for b in (2,-2)])"
        // [(3, 1), (-4, -1), (-4, 1), (3, -1)]
        let got: Vec<_> = [(7, 2), (7, -2), (-7, 2), (-7, -2)]
            .iter()
            .map(|&(a, b)| (int_floordiv(a, b).unwrap(), int_mod(a, b).unwrap()))
            .collect();
        assert_eq!(got, vec![(3, 1), (-4, -1), (-4, 1), (3, -1)]);
        assert_eq!(int_floordiv(5, 0), None);
        assert_eq!(int_mod(5, 0), None);
        assert_eq!(int_floordiv(i64::MIN, -1), None);
        assert_eq!(int_mod(i64::MIN, -1), Some(0));
    }

    #[test]
    fn int_pow_edges() {
        assert_eq!(int_pow(-2, 63), Some(i64::MIN));
        assert_eq!(int_pow(2, 63), None);
        assert_eq!(int_pow(2, 62), Some(1 << 62));
        assert_eq!(int_pow(0, 0), Some(1));
        assert_eq!(int_pow(-1, i64::MAX), Some(-1));
        assert_eq!(int_pow(1, i64::MAX), Some(1));
        assert_eq!(int_pow(0, i64::MAX), Some(0));
        assert_eq!(int_pow(3, -1), None);
        assert_eq!(int_pow(3, 40), None);
        assert_eq!(int_pow(3, 39), Some(4052555153018976267));
    }

    #[test]
    fn float_pow_specials() {
        assert_eq!(float_pow(0.0, -1.0), None);
        assert_eq!(float_pow(-8.0, 1.0 / 3.0), None);
        assert_eq!(float_pow(10.0, 400.0), None);
        assert_eq!(float_pow(f64::NAN, 0.0), Some(1.0));
        assert_eq!(float_pow(1.0, f64::NAN), Some(1.0));
        assert_eq!(float_pow(-1.0, f64::INFINITY), Some(1.0));
        assert_eq!(float_pow(0.0, f64::NEG_INFINITY), Some(f64::INFINITY));
        assert_eq!(float_pow(-0.0, 3.0).unwrap().to_bits(), (-0.0f64).to_bits());
        assert_eq!(float_pow(f64::NEG_INFINITY, -3.0).unwrap().to_bits(), (-0.0f64).to_bits());
        assert_eq!(float_pow(-2.0, 3.0), Some(-8.0));
        assert_eq!(float_pow(-1.0, 1e300), Some(1.0));
        assert_eq!(float_pow(2.0, -1080.0), Some(0.0));
    }
}
