//! Runtime helpers called from JIT code, and the table of symbols the JIT
//! defines for them (with the VM's runtime functions, handed over as a
//! `pyjit_ir::RuntimeTable`).
//!
//! The helpers wrap `pyjit_ir::semantics`, so compiled code and the
//! reference interpreter share one definition of Python's numeric rules.
//! C math functions are called through our own names (`pyjit_libm_sin`)
//! bound to libm's addresses: LLVM does not recognise those names as
//! library functions, so it cannot rewrite a call (e.g. `pow(x, 0.5)` into
//! `sqrt`) into something that differs from what CPython computes.

use pyjit_ir::MathFn;
use pyjit_ir::semantics as sem;

/// Python `int ** int`: writes the result and returns true, or returns false
/// (negative exponent, overflow) leaving `out` alone.
///
/// # Safety
/// `out` must be valid for a write.
pub unsafe extern "C" fn pyjit_ipow(a: i64, b: i64, out: *mut i64) -> bool {
    match sem::int_pow(a, b) {
        Some(r) => {
            unsafe { *out = r };
            true
        }
        None => false,
    }
}

/// Python `float ** float` (CPython's float_pow): writes the result and
/// returns true, or returns false where CPython raises or goes complex.
///
/// # Safety
/// `out` must be valid for a write.
pub unsafe extern "C" fn pyjit_fpow(a: f64, b: f64, out: *mut f64) -> bool {
    match sem::float_pow(a, b) {
        Some(r) => {
            unsafe { *out = r };
            true
        }
        None => false,
    }
}

pub(crate) const IPOW: &str = "pyjit_ipow";
pub(crate) const FPOW: &str = "pyjit_fpow";

/// The JIT name of a libm function called by address.
pub(crate) fn libm_symbol(f: MathFn) -> String {
    format!("pyjit_libm_{}", f.name())
}

const ALL_MATH: [MathFn; 30] = {
    use MathFn::*;
    [
        Sqrt, Exp, Expm1, Log, Log2, Log10, Log1p, Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Tanh, Asinh, Acosh,
        Atanh, Atan2, Hypot, Pow, Fmod, Copysign, Floor, Ceil, Trunc, Fabs, RoundEven, RoundDigits,
    ]
};

/// Poll words that never say leave (a table without any: tests).
pub(crate) fn never_poll() -> pyjit_ir::PollWords {
    static PENDING: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);
    static THREADS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    pyjit_ir::PollWords { pending: PENDING.as_ptr() as usize, mask: 0xff, threads: THREADS.as_ptr() as usize }
}

/// Every symbol JIT code may call, with its address: our helpers, the
/// VM's runtime functions `runtime` holds, libm under our names.
pub(crate) fn symbols(runtime: &pyjit_ir::RuntimeTable) -> Vec<(String, usize)> {
    let mut out = vec![
        (IPOW.to_string(), pyjit_ipow as unsafe extern "C" fn(i64, i64, *mut i64) -> bool as usize),
        (FPOW.to_string(), pyjit_fpow as unsafe extern "C" fn(f64, f64, *mut f64) -> bool as usize),
    ];
    out.extend(runtime.iter().map(|(f, e)| (f.symbol(), e as usize)));
    for f in ALL_MATH {
        if let Some(g) = sem::libm::unary(f) {
            out.push((libm_symbol(f), g as usize));
        } else if let Some(g) = sem::libm::binary(f) {
            out.push((libm_symbol(f), g as usize));
        }
    }
    out
}
