//! Elementwise arithmetic with broadcasting, ufuncs, reductions and
//! products, with numpy's dtype rules and its summation order (pairwise
//! along a contiguous axis, so float sums agree to the last bit).

use crate::array::{Error, NdArray, Narrow, Result, Wide, broadcast_shapes};
use crate::dtype::{DType, Scalar, Storage};
use num_complex::Complex64;

/// An operand's type for promotion: an array's dtype, or a Python scalar,
/// which is "weak" (NEP 50): `int32_array + 1` stays int32.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Operand {
    Array(DType),
    PyBool,
    PyInt,
    PyFloat,
    PyComplex,
}

/// numpy's promotion of two dtypes (int16 does not exist here: int8 with
/// uint8 gives int32 instead).
pub fn promote(a: DType, b: DType) -> DType {
    use DType::*;
    if a == b {
        return a;
    }
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    match (lo, hi) {
        (Bool, x) => x,
        (_, Complex128) => Complex128,
        (_, Float64) => Float64,
        (Int8 | UInt8, Float32) => Float32,
        (Int32 | Int64, Float32) => Float64,
        (Int8, UInt8) => Int32,
        (_, x) => x,
    }
}

pub fn result_type(a: Operand, b: Operand) -> DType {
    let weak = |d: DType, s: Operand| match s {
        Operand::PyBool => d,
        Operand::PyInt if d == DType::Bool => DType::Int64,
        Operand::PyInt => d,
        Operand::PyFloat if d.is_float() || d == DType::Complex128 => d,
        Operand::PyFloat => DType::Float64,
        Operand::PyComplex => DType::Complex128,
        Operand::Array(_) => unreachable!(),
    };
    let of_scalar = |s: Operand| match s {
        Operand::PyBool => DType::Bool,
        Operand::PyInt => DType::Int64,
        Operand::PyFloat => DType::Float64,
        _ => DType::Complex128,
    };
    match (a, b) {
        (Operand::Array(x), Operand::Array(y)) => promote(x, y),
        (Operand::Array(x), s) | (s, Operand::Array(x)) => weak(x, s),
        (x, y) => promote(of_scalar(x), of_scalar(y)),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    Maximum,
    Minimum,
    And,
    Or,
    Xor,
    Arctan2,
    Hypot,
    Copysign,
    /// `<<` and `>>` of ints (numpy's: 0, or -1 for a negative `>>`, where
    /// the count is negative or at least the width).
    Shl,
    Shr,
}

impl BinOp {
    fn is_compare(self) -> bool {
        matches!(self, BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne)
    }
}

/// numpy's float floor division and modulo (npy_divmod): Python's for a
/// non-zero divisor (the IR's one definition of it); a zero divisor gives
/// `a / 0` and `fmod(a, 0)` (inf or nan, nan) where Python raises.
pub fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    if b == 0.0 {
        return (a / b, a % b);
    }
    pyjit_ir::semantics::float_divmod(a, b)
}

fn int_floordiv(a: i64, b: i64) -> i64 {
    if b == 0 {
        return 0;
    }
    let q = a.wrapping_div(b);
    if (a % b != 0) && ((a < 0) != (b < 0)) { q - 1 } else { q }
}

fn int_mod(a: i64, b: i64) -> i64 {
    if b == 0 {
        return 0;
    }
    let r = a.wrapping_rem(b);
    if r != 0 && ((r < 0) != (b < 0)) { r + b } else { r }
}

fn int_pow(mut base: i64, mut exp: i64) -> i64 {
    let mut acc: i64 = 1;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        exp >>= 1;
    }
    acc
}

fn compare<T: PartialOrd>(op: BinOp, a: T, b: T) -> bool {
    match op {
        BinOp::Lt => a < b,
        BinOp::Le => a <= b,
        BinOp::Gt => a > b,
        BinOp::Ge => a >= b,
        BinOp::Eq => a == b,
        _ => a != b,
    }
}

fn zip_map<T: Copy, U>(x: &[T], y: &[T], f: impl Fn(T, T) -> U) -> Vec<U> {
    x.iter().zip(y).map(|(&a, &b)| f(a, b)).collect()
}

/// `a op b` with broadcasting; `dtype` is the operands' promoted type.
pub fn binary(op: BinOp, a: &NdArray, b: &NdArray, dtype: DType) -> Result<NdArray> {
    let shape = broadcast_shapes(&a.shape, &b.shape)?;
    let st = binary_storage(op, a, b, dtype, &shape)?;
    Ok(NdArray::from_storage(st, shape))
}

fn binary_storage(op: BinOp, a: &NdArray, b: &NdArray, dtype: DType, shape: &[usize]) -> Result<Storage> {
    use BinOp::*;
    match dtype {
        DType::Bool => {
            let (x, y) = (a.gather::<bool>(shape), b.gather::<bool>(shape));
            Ok(match op {
                Add | Or | Maximum => Storage::Bool(zip_map(&x, &y, |a, b| a | b)),
                Mul | And | Minimum => Storage::Bool(zip_map(&x, &y, |a, b| a & b)),
                Xor => Storage::Bool(zip_map(&x, &y, |a, b| a ^ b)),
                _ if op.is_compare() => Storage::Bool(zip_map(&x, &y, |a, b| compare(op, a, b))),
                Sub => {
                    return Err(Error::Type(
                        "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.".into(),
                    ));
                }
                FloorDiv | Mod | Pow | Shl | Shr => return binary_storage(op, a, b, DType::Int8, shape),
                _ => return binary_storage(op, a, b, DType::Float64, shape),
            })
        }
        d if d.is_int() => {
            if matches!(op, TrueDiv | Arctan2 | Hypot | Copysign) {
                return binary_storage(op, a, b, DType::Float64, shape);
            }
            let (x, y) = (a.gather::<i64>(shape), b.gather::<i64>(shape));
            if op.is_compare() {
                return Ok(Storage::Bool(zip_map(&x, &y, |a, b| compare(op, a, b))));
            }
            let v = match op {
                Add => zip_map(&x, &y, i64::wrapping_add),
                Sub => zip_map(&x, &y, i64::wrapping_sub),
                Mul => zip_map(&x, &y, i64::wrapping_mul),
                FloorDiv => zip_map(&x, &y, int_floordiv),
                Mod => zip_map(&x, &y, int_mod),
                Pow => {
                    if y.iter().any(|&e| e < 0) {
                        return Err(Error::Value("Integers to negative integer powers are not allowed.".into()));
                    }
                    zip_map(&x, &y, int_pow)
                }
                Maximum => zip_map(&x, &y, i64::max),
                Minimum => zip_map(&x, &y, i64::min),
                And => zip_map(&x, &y, |a, b| a & b),
                Or => zip_map(&x, &y, |a, b| a | b),
                Xor => zip_map(&x, &y, |a, b| a ^ b),
                Shl => zip_map(&x, &y, |a, b| if (b as u64) < 64 { a.wrapping_shl(b as u32) } else { 0 }),
                Shr => zip_map(&x, &y, |a, b| if (b as u64) < 64 { a >> b } else if a < 0 { -1 } else { 0 }),
                _ => unreachable!(),
            };
            Ok(v.narrow(d))
        }
        DType::Float32 | DType::Float64 => {
            let (x, y) = (a.gather::<f64>(shape), b.gather::<f64>(shape));
            if op.is_compare() {
                return Ok(Storage::Bool(zip_map(&x, &y, |a, b| compare(op, a, b))));
            }
            let v = match op {
                Add => zip_map(&x, &y, |a, b| a + b),
                Sub => zip_map(&x, &y, |a, b| a - b),
                Mul => zip_map(&x, &y, |a, b| a * b),
                TrueDiv => zip_map(&x, &y, |a, b| a / b),
                FloorDiv => zip_map(&x, &y, |a, b| float_divmod(a, b).0),
                Mod => zip_map(&x, &y, |a, b| float_divmod(a, b).1),
                Pow => zip_map(&x, &y, f64::powf),
                Maximum => zip_map(&x, &y, |a, b| if a.is_nan() || a >= b { a } else { b }),
                Minimum => zip_map(&x, &y, |a, b| if a.is_nan() || a <= b { a } else { b }),
                Arctan2 => zip_map(&x, &y, f64::atan2),
                Hypot => zip_map(&x, &y, f64::hypot),
                Copysign => zip_map(&x, &y, f64::copysign),
                And | Or | Xor | Shl | Shr => {
                    return Err(Error::Type(format!(
                        "ufunc '{}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
                        match op {
                            And => "bitwise_and",
                            Or => "bitwise_or",
                            Shl => "left_shift",
                            Shr => "right_shift",
                            _ => "bitwise_xor",
                        }
                    )));
                }
                _ => unreachable!(),
            };
            Ok(v.narrow(dtype))
        }
        _ => {
            let (x, y) = (a.gather::<Complex64>(shape), b.gather::<Complex64>(shape));
            Ok(match op {
                Add => Storage::Complex128(zip_map(&x, &y, |a, b| a + b)),
                Sub => Storage::Complex128(zip_map(&x, &y, |a, b| a - b)),
                Mul => Storage::Complex128(zip_map(&x, &y, |a, b| a * b)),
                TrueDiv => Storage::Complex128(zip_map(&x, &y, |a, b| a / b)),
                Eq => Storage::Bool(zip_map(&x, &y, |a, b| a == b)),
                Ne => Storage::Bool(zip_map(&x, &y, |a, b| a != b)),
                _ => return Err(Error::NotImplemented(format!("{op:?} on complex arrays"))),
            })
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Abs,
    Sqrt,
    Exp,
    Log,
    Log10,
    Log2,
    Log1p,
    Expm1,
    Sin,
    Cos,
    Tan,
    Arcsin,
    Arccos,
    Arctan,
    Sinh,
    Cosh,
    Tanh,
    Floor,
    Ceil,
    Trunc,
    Rint,
    Sign,
    Square,
    IsNan,
    IsInf,
    IsFinite,
    Not,
    Invert,
}

/// A ufunc of one argument.
pub fn unary(op: UnOp, a: &NdArray) -> Result<NdArray> {
    use UnOp::*;
    let shape = a.shape.clone();
    let dtype = a.dtype();
    let st = match op {
        IsNan | IsInf | IsFinite => {
            let f: fn(f64) -> bool = match op {
                IsNan => f64::is_nan,
                IsInf => f64::is_infinite,
                _ => f64::is_finite,
            };
            if dtype == DType::Complex128 {
                return Err(Error::NotImplemented(format!("{op:?} on complex arrays")));
            }
            Storage::Bool(a.gather::<f64>(&shape).into_iter().map(f).collect())
        }
        Not => Storage::Bool(a.gather::<bool>(&shape).into_iter().map(|b| !b).collect()),
        Invert if dtype == DType::Bool => Storage::Bool(a.gather::<bool>(&shape).into_iter().map(|b| !b).collect()),
        Invert if dtype.is_int() => a.gather::<i64>(&shape).into_iter().map(|x| !x).collect::<Vec<_>>().narrow(dtype),
        Invert => return Err(Error::Type("ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''".into())),
        Neg if dtype == DType::Bool => {
            return Err(Error::Type("The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.".into()));
        }
        Neg | Abs | Sign | Square | Floor | Ceil | Trunc | Rint if dtype.is_int() || dtype == DType::Bool => {
            let out = if dtype == DType::Bool && matches!(op, Sign | Square) { DType::Int8 } else { dtype };
            let f: fn(i64) -> i64 = match op {
                Neg => i64::wrapping_neg,
                Abs => i64::wrapping_abs,
                Sign => i64::signum,
                Square => |x| x.wrapping_mul(x),
                _ => |x| x,
            };
            a.gather::<i64>(&shape).into_iter().map(f).collect::<Vec<_>>().narrow(out)
        }
        _ if dtype == DType::Complex128 => {
            let v = a.gather::<Complex64>(&shape);
            match op {
                Neg => Storage::Complex128(v.into_iter().map(|c| -c).collect()),
                Abs => Storage::Float64(v.into_iter().map(|c| c.re.hypot(c.im)).collect()),
                Square => Storage::Complex128(v.into_iter().map(|c| c * c).collect()),
                Sqrt => Storage::Complex128(v.into_iter().map(|c| c.sqrt()).collect()),
                Exp => Storage::Complex128(v.into_iter().map(|c| c.exp()).collect()),
                _ => return Err(Error::NotImplemented(format!("{op:?} on complex arrays"))),
            }
        }
        _ => {
            // Float results: ints compute in float64, float32 stays float32.
            let out = if dtype == DType::Float32 {
                DType::Float32
            } else if matches!(dtype, DType::Int8 | DType::UInt8 | DType::Bool) && !matches!(op, Neg | Abs | Sign | Square) {
                // numpy gives float16 here, which pyjit lacks.
                return Err(Error::NotImplemented(format!(
                    "{op:?} of a {} array (numpy's result is float16, which pyjit does not support)",
                    dtype.name()
                )));
            } else {
                DType::Float64
            };
            let f: fn(f64) -> f64 = match op {
                Neg => |x| -x,
                Abs => f64::abs,
                Sqrt => f64::sqrt,
                Exp => f64::exp,
                Log => f64::ln,
                Log10 => f64::log10,
                Log2 => f64::log2,
                Log1p => f64::ln_1p,
                Expm1 => f64::exp_m1,
                Sin => f64::sin,
                Cos => f64::cos,
                Tan => f64::tan,
                Arcsin => f64::asin,
                Arccos => f64::acos,
                Arctan => f64::atan,
                Sinh => f64::sinh,
                Cosh => f64::cosh,
                Tanh => f64::tanh,
                Floor => f64::floor,
                Ceil => f64::ceil,
                Trunc => f64::trunc,
                Rint => f64::round_ties_even,
                Sign => |x: f64| if x.is_nan() { x } else if x > 0.0 { 1.0 } else if x < 0.0 { -1.0 } else { 0.0 },
                Square => |x| x * x,
                _ => unreachable!(),
            };
            a.gather::<f64>(&shape).into_iter().map(f).collect::<Vec<_>>().narrow(out)
        }
    };
    Ok(NdArray::from_storage(st, shape))
}

/// numpy's pairwise summation of a contiguous run (its `pairwise_sum`),
/// so float sums agree with numpy's to the last bit.
pub fn pairwise_sum<T: Copy + std::ops::Add<Output = T>>(a: &[T], neg_zero: T) -> T {
    let n = a.len();
    if n < 8 {
        let mut r = neg_zero;
        for &x in a {
            r = r + x;
        }
        r
    } else if n <= 128 {
        let mut r = [a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]];
        let mut i = 8;
        while i < n - n % 8 {
            for j in 0..8 {
                r[j] = r[j] + a[i + j];
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        while i < n {
            res = res + a[i];
            i += 1;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise_sum(&a[..n2], neg_zero) + pairwise_sum(&a[n2..], neg_zero)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reduce {
    Sum,
    Prod,
    Max,
    Min,
    ArgMax,
    ArgMin,
    All,
    Any,
}

/// The array with `axis` moved last, as (outer shape, rows of the reduced axis).
fn rows<T: Wide>(a: &NdArray, axis: Option<usize>) -> (Vec<usize>, Vec<Vec<T>>) {
    match axis {
        None => (vec![], vec![a.gather::<T>(&a.shape)]),
        Some(k) => {
            let mut perm: Vec<usize> = (0..a.ndim()).filter(|&d| d != k).collect();
            perm.push(k);
            let t = a.transpose(Some(&perm)).expect("a permutation");
            let n = a.shape[k];
            let flat = t.gather::<T>(&t.shape);
            let outer: Vec<usize> = perm[..perm.len() - 1].iter().map(|&d| a.shape[d]).collect();
            let rows = if n == 0 {
                vec![Vec::new(); outer.iter().product()]
            } else {
                flat.chunks(n).map(|c| c.to_vec()).collect()
            };
            (outer, rows)
        }
    }
}

/// Sums one row as numpy does: pairwise where numpy's inner loop runs
/// along the reduced axis (the whole array, or its last axis), one term
/// after another where it adds whole slices (any other axis).
fn sum_row_f64(r: &[f64], pairwise: bool) -> f64 {
    if pairwise { 0.0 + pairwise_sum(r, -0.0) } else { r.iter().fold(0.0, |s, &x| s + x) }
}

fn sum_row_f32(r: &[f32], pairwise: bool) -> f32 {
    if pairwise { 0.0 + pairwise_sum(r, -0.0f32) } else { r.iter().fold(0.0, |s, &x| s + x) }
}

fn check_axis(a: &NdArray, axis: Option<i64>) -> Result<Option<usize>> {
    match axis {
        None => Ok(None),
        Some(k) => {
            let n = a.ndim() as i64;
            let j = if k < 0 { k + n } else { k };
            if j < 0 || j >= n {
                return Err(Error::Index(format!("axis {k} is out of bounds for array of dimension {n}")));
            }
            Ok(Some(j as usize))
        }
    }
}

/// Whether numpy sums along `axis` pairwise: its inner loop runs along
/// the reduced axis when that is the whole (contiguous) array or the last axis.
fn pairwise_axis(a: &NdArray, axis: Option<usize>) -> bool {
    match axis {
        None => a.is_c_contiguous() || a.ndim() <= 1,
        Some(k) => k + 1 == a.ndim(),
    }
}

/// A reduction over all elements (`axis` None) or one axis.
pub fn reduce(op: Reduce, a: &NdArray, axis: Option<i64>) -> Result<NdArray> {
    let ax = check_axis(a, axis)?;
    let dtype = a.dtype();
    let pw = pairwise_axis(a, ax);
    let empty_err = |what: &str| {
        Error::Value(format!("zero-size array to reduction operation {what} which has no identity"))
    };
    macro_rules! per_row {
        ($t:ty, $rows:ident, $f:expr) => {{
            let (outer, $rows) = rows::<$t>(a, ax);
            let v: Vec<_> = $rows.iter().map(|r| $f(r)).collect::<Result<Vec<_>>>()?;
            (outer, v)
        }};
    }
    let (outer, st): (Vec<usize>, Storage) = match op {
        Reduce::All | Reduce::Any => {
            let (outer, v) = per_row!(bool, rws, |r: &Vec<bool>| Ok(if op == Reduce::All {
                r.iter().all(|&b| b)
            } else {
                r.iter().any(|&b| b)
            }));
            (outer, Storage::Bool(v))
        }
        Reduce::ArgMax | Reduce::ArgMin => {
            let name = if op == Reduce::ArgMax { "argmax" } else { "argmin" };
            // The first best element; a nan is best and ends the search.
            fn arg<T: Copy + PartialOrd>(r: &[T], max: bool, nan: fn(T) -> bool, name: &str) -> Result<i64> {
                if r.is_empty() {
                    return Err(Error::Value(format!("attempt to get {name} of an empty sequence")));
                }
                let mut best = 0;
                for (i, &x) in r.iter().enumerate() {
                    if nan(r[best]) {
                        break;
                    }
                    if nan(x) || (max && x > r[best]) || (!max && x < r[best]) {
                        best = i;
                    }
                }
                Ok(best as i64)
            }
            let max = op == Reduce::ArgMax;
            // Ints compare exactly through i64 (beyond 2**53 too).
            let (outer, v) = if dtype.is_int() {
                per_row!(i64, rws, |r: &Vec<i64>| arg(r, max, |_| false, name))
            } else {
                per_row!(f64, rws, |r: &Vec<f64>| arg(r, max, f64::is_nan, name))
            };
            (outer, Storage::Int64(v))
        }
        Reduce::Max | Reduce::Min => {
            let name = if op == Reduce::Max { "maximum" } else { "minimum" };
            let pick_max = op == Reduce::Max;
            match dtype {
                DType::Float32 | DType::Float64 => {
                    let (outer, v) = per_row!(f64, rws, |r: &Vec<f64>| {
                        let mut it = r.iter();
                        let mut m = *it.next().ok_or_else(|| empty_err(name))?;
                        for &x in it {
                            if m.is_nan() {
                                break;
                            }
                            if x.is_nan() || (pick_max && x > m) || (!pick_max && x < m) {
                                m = x;
                            }
                        }
                        Ok(m)
                    });
                    (outer, v.narrow(dtype))
                }
                DType::Complex128 => return Err(Error::NotImplemented("max/min of complex arrays".into())),
                _ => {
                    let (outer, v) = per_row!(i64, rws, |r: &Vec<i64>| {
                        let it = r.iter().copied();
                        (if pick_max { it.max() } else { it.min() }).ok_or_else(|| empty_err(name))
                    });
                    (outer, v.narrow(dtype))
                }
            }
        }
        Reduce::Sum | Reduce::Prod => match dtype {
            DType::Float64 => {
                let (outer, v) = per_row!(f64, rws, |r: &Vec<f64>| Ok(if op == Reduce::Sum {
                    sum_row_f64(r, pw)
                } else {
                    r.iter().fold(1.0, |p, &x| p * x)
                }));
                (outer, Storage::Float64(v))
            }
            DType::Float32 => {
                let (outer, v) = per_row!(f64, rws, |r: &Vec<f64>| {
                    let r32: Vec<f32> = r.iter().map(|&x| x as f32).collect();
                    Ok(if op == Reduce::Sum { sum_row_f32(&r32, pw) } else { r32.iter().fold(1.0f32, |p, &x| p * x) }
                        as f64)
                });
                (outer, v.narrow(DType::Float32))
            }
            DType::Complex128 => {
                let (outer, v) = per_row!(Complex64, rws, |r: &Vec<Complex64>| Ok(if op == Reduce::Sum {
                    r.iter().fold(Complex64::new(0.0, 0.0), |s, &x| s + x)
                } else {
                    r.iter().fold(Complex64::new(1.0, 0.0), |p, &x| p * x)
                }));
                (outer, Storage::Complex128(v))
            }
            _ => {
                let (outer, v) = per_row!(i64, rws, |r: &Vec<i64>| Ok(if op == Reduce::Sum {
                    r.iter().fold(0i64, |s, &x| s.wrapping_add(x))
                } else {
                    r.iter().fold(1i64, |p, &x| p.wrapping_mul(x))
                }));
                (outer, Storage::Int64(v))
            }
        },
    };
    Ok(NdArray::from_storage(st, outer))
}

/// `a.mean(axis)`: the sum in float64 (float32 for float32 arrays) over the count.
pub fn mean(a: &NdArray, axis: Option<i64>) -> Result<NdArray> {
    let ax = check_axis(a, axis)?;
    let n = match ax {
        None => a.size(),
        Some(k) => a.shape[k],
    };
    let src = if a.dtype().is_float() || a.dtype() == DType::Complex128 { a.clone() } else { a.astype(DType::Float64) };
    let s = reduce(Reduce::Sum, &src, axis)?;
    let d = NdArray::scalar(Scalar::Float(n as f64), DType::Float64);
    binary(BinOp::TrueDiv, &s, &d, s.dtype())
}

/// `a.var(axis, ddof)` as numpy computes it: mean, squared deviations, their mean.
pub fn var(a: &NdArray, axis: Option<i64>, ddof: f64) -> Result<NdArray> {
    let ax = check_axis(a, axis)?;
    let n = match ax {
        None => a.size(),
        Some(k) => a.shape[k],
    };
    let m = mean(a, axis)?;
    // Keep the reduced axis (keepdims) so the mean broadcasts back.
    let m = match ax {
        None => m,
        Some(k) => {
            let mut shape: Vec<i64> = a.shape.iter().map(|&d| d as i64).collect();
            shape[k] = 1;
            m.reshape(&shape)?
        }
    };
    let dt = m.dtype();
    let x = binary(BinOp::Sub, a, &m, promote(a.dtype(), dt))?;
    let x2 = binary(BinOp::Mul, &x, &x, x.dtype())?;
    let s = reduce(Reduce::Sum, &x2, axis)?;
    let d = NdArray::scalar(Scalar::Float((n as f64 - ddof).max(0.0)), DType::Float64);
    binary(BinOp::TrueDiv, &s, &d, s.dtype())
}

/// `np.cumsum` / `np.cumprod` (flattened when `axis` is None).
pub fn accumulate(a: &NdArray, axis: Option<i64>, product: bool) -> Result<NdArray> {
    let ax = check_axis(a, axis)?;
    let (src, k) = match ax {
        None => (a.reshape(&[a.size() as i64])?, 0),
        Some(k) => (a.clone(), k),
    };
    let dtype = match src.dtype() {
        DType::Bool | DType::Int8 | DType::UInt8 | DType::Int32 => DType::Int64,
        d => d,
    };
    let mut perm: Vec<usize> = (0..src.ndim()).filter(|&d| d != k).collect();
    perm.push(k);
    let t = src.transpose(Some(&perm))?;
    let n = src.shape[k].max(1);
    let st = match dtype {
        DType::Float32 | DType::Float64 => {
            let mut v = t.gather::<f64>(&t.shape);
            for row in v.chunks_mut(n) {
                for i in 1..row.len() {
                    let p = if dtype == DType::Float32 { row[i - 1] as f32 as f64 } else { row[i - 1] };
                    row[i] = if product { p * row[i] } else { p + row[i] };
                    if dtype == DType::Float32 {
                        row[i] = row[i] as f32 as f64;
                    }
                }
            }
            v.narrow(dtype)
        }
        DType::Complex128 => return Err(Error::NotImplemented("cumsum of complex arrays".into())),
        _ => {
            let mut v = t.gather::<i64>(&t.shape);
            for row in v.chunks_mut(n) {
                for i in 1..row.len() {
                    row[i] = if product { row[i - 1].wrapping_mul(row[i]) } else { row[i - 1].wrapping_add(row[i]) };
                }
            }
            Storage::Int64(v)
        }
    };
    // Undo the move of axis k to the end.
    let moved = NdArray::from_storage(st, t.shape.clone());
    let mut inv = vec![0; perm.len()];
    for (i, &p) in perm.iter().enumerate() {
        inv[p] = i;
    }
    Ok(moved.transpose(Some(&inv))?.copy())
}

/// `a @ b` / `np.dot` for 1-d and 2-d operands.
pub fn matmul(a: &NdArray, b: &NdArray, dot: bool) -> Result<NdArray> {
    let dtype = promote(a.dtype(), b.dtype());
    if a.ndim() == 0 || b.ndim() == 0 {
        if dot {
            return binary(BinOp::Mul, a, b, dtype);
        }
        return Err(Error::Value(
            "matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)".into(),
        ));
    }
    if a.ndim() > 2 || b.ndim() > 2 {
        return Err(Error::NotImplemented("matmul of arrays with more than 2 dimensions".into()));
    }
    // As 2-d: a row vector on the left, a column vector on the right.
    let (m, k) = if a.ndim() == 1 { (1, a.shape[0]) } else { (a.shape[0], a.shape[1]) };
    let (k2, n) = if b.ndim() == 1 { (b.shape[0], 1) } else { (b.shape[0], b.shape[1]) };
    if k != k2 {
        return Err(Error::Value(if dot {
            format!(
                "shapes {} and {} not aligned: {} (dim {}) != {} (dim 0)",
                crate::array::shape_str(&a.shape),
                crate::array::shape_str(&b.shape),
                k,
                a.ndim() - 1,
                k2
            )
        } else {
            format!(
                "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {k2} is different from {k})"
            )
        }));
    }
    let mut out_shape = Vec::new();
    if a.ndim() == 2 {
        out_shape.push(m);
    }
    if b.ndim() == 2 {
        out_shape.push(n);
    }
    let st = match dtype {
        DType::Float64 | DType::Float32 => {
            // float64 operands are multiplied where they are; others as
            // float64 copies.
            let (ga, gb) = (a.read(), b.read());
            let (xs, ys);
            let x = match &*ga {
                Storage::Float64(v) => MatRef::of(a, m, k, v),
                _ => {
                    xs = a.gather::<f64>(&a.shape);
                    MatRef::contiguous(&xs, m, k)
                }
            };
            let y = match &*gb {
                Storage::Float64(v) => MatRef::of(b, k, n, v),
                _ => {
                    ys = b.gather::<f64>(&b.shape);
                    MatRef::contiguous(&ys, k, n)
                }
            };
            let mut z = vec![0.0f64; m * n];
            // SAFETY: each operand's elements lie in the storage it was
            // made of, which the guards hold.
            unsafe { matmul_f64(x, y, &mut z) };
            z.narrow(dtype)
        }
        DType::Complex128 => return Err(Error::NotImplemented("matmul of complex arrays".into())),
        _ => {
            let (x, y) = (a.gather::<i64>(&a.shape), b.gather::<i64>(&b.shape));
            let mut z = vec![0i64; m * n];
            // SAFETY: contiguous operands of these shapes.
            unsafe { matmul_i64(MatRef::contiguous(&x, m, k), MatRef::contiguous(&y, k, n), &mut z) };
            z.narrow(if dtype == DType::Bool { DType::Bool } else { dtype })
        }
    };
    Ok(NdArray::from_storage(st, out_shape))
}

/// One operand of the matmul kernels: `rows` x `cols` elements, element
/// (i, j) at `ptr + i * rs + j * cs` (strides in elements). A vector is a
/// row on the left, a column on the right.
#[derive(Clone, Copy, Debug)]
pub struct MatRef<T> {
    pub ptr: *const T,
    pub rows: usize,
    pub cols: usize,
    pub rs: isize,
    pub cs: isize,
}

impl<T> MatRef<T> {
    /// `arr`'s elements in its storage `v`, as a `rows` x `cols` matrix.
    fn of(arr: &NdArray, rows: usize, cols: usize, v: &[T]) -> MatRef<T> {
        let (rs, cs) = match arr.strides[..] {
            [s] if rows == 1 => (0, s),
            [s] => (s, 0),
            [r, c] => (r, c),
            _ => unreachable!("matmul operands have one or two dimensions"),
        };
        MatRef { ptr: v.as_ptr().wrapping_add(arr.offset), rows, cols, rs, cs }
    }

    fn contiguous(v: &[T], rows: usize, cols: usize) -> MatRef<T> {
        MatRef { ptr: v.as_ptr(), rows, cols, rs: cols as isize, cs: 1 }
    }

    /// Element (i, j).
    unsafe fn at(&self, i: usize, j: usize) -> *const T {
        self.ptr.wrapping_offset(i as isize * self.rs + j as isize * self.cs)
    }
}

/// Products of at most this many multiply-adds take `dot_f64` for each
/// element; larger ones matrixmultiply's blocked kernel (through ndarray).
/// The choice depends on the shapes only, so a result's bits do too.
const SMALL_MATMUL: usize = 1 << 18;

/// `a @ b` of float64 matrices into `out` (C order, `a.rows` x `b.cols`),
/// `a.cols == b.rows`: the one kernel the module and compiled code
/// (`RtFn::BufMatmul`) share, so both give the same bits.
///
/// # Safety
/// Every element of `a` and `b` is readable.
pub unsafe fn matmul_f64(a: MatRef<f64>, b: MatRef<f64>, out: &mut [f64]) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    if k == 0 {
        out.fill(0.0);
        return;
    }
    if m.saturating_mul(n).saturating_mul(k) <= SMALL_MATMUL {
        for i in 0..m {
            for j in 0..n {
                out[i * n + j] = unsafe { dot_f64(a.at(i, 0), a.cs, b.at(0, j), b.rs, k) };
            }
        }
        return;
    }
    let gather = |x: &MatRef<f64>| -> Vec<f64> {
        let mut v = Vec::with_capacity(x.rows * x.cols);
        for i in 0..x.rows {
            for j in 0..x.cols {
                v.push(unsafe { *x.at(i, j) });
            }
        }
        v
    };
    let (xs, ys) = (gather(&a), gather(&b));
    let x = ndarray::ArrayView2::from_shape((m, k), &xs).expect("shape");
    let y = ndarray::ArrayView2::from_shape((k, n), &ys).expect("shape");
    for (o, z) in out.iter_mut().zip(x.dot(&y)) {
        *o = z;
    }
}

/// The sum of `x[p] * y[p]` for `p < k` (strides in elements): eight
/// partial sums over the first multiple of eight, added pairwise, then the
/// rest in order. Independent chains, so a short product is not bound by
/// the latency of one long chain of additions.
#[inline]
unsafe fn dot_f64(x: *const f64, sx: isize, y: *const f64, sy: isize, k: usize) -> f64 {
    let full = k / 8 * 8;
    let mut acc = [0.0f64; 8];
    if sx == 1 && sy == 1 {
        // Contiguous (the common case): the same sums, vectorized.
        // SAFETY: as the caller says.
        let (xs, ys) = unsafe { (std::slice::from_raw_parts(x, k), std::slice::from_raw_parts(y, k)) };
        for (cx, cy) in xs[..full].chunks_exact(8).zip(ys[..full].chunks_exact(8)) {
            for l in 0..8 {
                acc[l] += cx[l] * cy[l];
            }
        }
    } else {
        let mut p = 0;
        while p < full {
            for (l, s) in acc.iter_mut().enumerate() {
                *s += unsafe { *x.wrapping_offset((p + l) as isize * sx) * *y.wrapping_offset((p + l) as isize * sy) };
            }
            p += 8;
        }
    }
    let mut s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for p in full..k {
        s += unsafe { *x.wrapping_offset(p as isize * sx) * *y.wrapping_offset(p as isize * sy) };
    }
    s
}

/// `a @ b` of int64 matrices into `out` as `matmul_f64` (wrapping, as
/// numpy's integer matmul; any order gives the same result).
///
/// # Safety
/// Every element of `a` and `b` is readable.
pub unsafe fn matmul_i64(a: MatRef<i64>, b: MatRef<i64>, out: &mut [i64]) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    out.fill(0);
    for i in 0..m {
        for p in 0..k {
            let xv = unsafe { *a.at(i, p) };
            for j in 0..n {
                out[i * n + j] = out[i * n + j].wrapping_add(xv.wrapping_mul(unsafe { *b.at(p, j) }));
            }
        }
    }
}

/// `np.concatenate(arrays, axis)`.
pub fn concatenate(arrays: &[NdArray], axis: i64) -> Result<NdArray> {
    let first = arrays.first().ok_or_else(|| Error::Value("need at least one array to concatenate".into()))?;
    let nd = first.ndim();
    if nd == 0 {
        return Err(Error::Value("zero-dimensional arrays cannot be concatenated".into()));
    }
    let k = check_axis(first, Some(axis))?.unwrap();
    let mut dtype = first.dtype();
    for (i, a) in arrays.iter().enumerate() {
        if a.ndim() != nd {
            return Err(Error::Value(format!(
                "all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has {} dimension(s) and the array at index {i} has {} dimension(s)",
                nd,
                a.ndim()
            )));
        }
        for d in 0..nd {
            if d != k && a.shape[d] != first.shape[d] {
                return Err(Error::Value(format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {} and the array at index {i} has size {}",
                    first.shape[d], a.shape[d]
                )));
            }
        }
        dtype = promote(dtype, a.dtype());
    }
    let mut shape = first.shape.clone();
    shape[k] = arrays.iter().map(|a| a.shape[k]).sum();
    let out = NdArray::from_storage(crate::array::filled(dtype, shape.iter().product(), Scalar::Int(0)), shape);
    let mut at = 0i64;
    for a in arrays {
        let n = a.shape[k] as i64;
        let mut idx = vec![crate::array::Idx::Slice(None, None, None); nd];
        idx[k] = crate::array::Idx::Slice(Some(at), Some(at + n), None);
        if let crate::array::Selected::View(dst) = out.select(&idx)? {
            dst.assign(a)?;
        }
        at += n;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f64s(v: &[f64]) -> NdArray {
        NdArray::from_storage(Storage::Float64(v.to_vec()), vec![v.len()])
    }

    #[test]
    fn promotion_follows_numpy_and_nep50() {
        use DType::*;
        assert_eq!(promote(Int32, Float32), Float64);
        assert_eq!(promote(UInt8, Float32), Float32);
        assert_eq!(promote(Bool, Int8), Int8);
        assert_eq!(result_type(Operand::Array(Int32), Operand::PyInt), Int32);
        assert_eq!(result_type(Operand::Array(Float32), Operand::PyFloat), Float32);
        assert_eq!(result_type(Operand::Array(Int64), Operand::PyFloat), Float64);
        assert_eq!(result_type(Operand::Array(Bool), Operand::PyInt), Int64);
    }

    #[test]
    fn floor_division_and_modulo_match_python() {
        assert_eq!(float_divmod(-7.0, 2.0), (-4.0, 1.0));
        assert_eq!(float_divmod(7.0, -2.0), (-4.0, -1.0));
        assert!(float_divmod(1.0, 0.0).0.is_infinite());
        assert!(float_divmod(1.0, 0.0).1.is_nan());
        assert_eq!(int_floordiv(-7, 2), -4);
        assert_eq!(int_mod(-7, 2), 1);
        assert_eq!(int_mod(7, -2), -1);
        assert_eq!(int_floordiv(5, 0), 0);
    }

    #[test]
    fn pairwise_sum_is_numpys_order() {
        // numpy: np.sum(np.arange(200) * 0.1) == 1990.0 (a left-to-right sum gives 1990.0000000000002)
        let v: Vec<f64> = (0..200).map(|i| i as f64 * 0.1).collect();
        assert_eq!(0.0 + pairwise_sum(&v, -0.0), 1990.0);
        assert_eq!(v.iter().sum::<f64>(), 1990.0000000000002);
        let s = reduce(Reduce::Sum, &f64s(&[-0.0]), None).unwrap();
        assert_eq!(s.get(0), Scalar::Float(0.0));
    }

    #[test]
    fn reductions_along_axes() {
        let a = NdArray::from_storage(Storage::Int64((0..6).collect()), vec![2, 3]);
        assert_eq!(reduce(Reduce::Sum, &a, Some(0)).unwrap().to_storage(), Storage::Int64(vec![3, 5, 7]));
        assert_eq!(reduce(Reduce::Sum, &a, Some(-1)).unwrap().to_storage(), Storage::Int64(vec![3, 12]));
        assert_eq!(reduce(Reduce::ArgMax, &a, Some(1)).unwrap().to_storage(), Storage::Int64(vec![2, 2]));
        let m = f64s(&[1.0, f64::NAN, 3.0]);
        assert!(matches!(reduce(Reduce::Max, &m, None).unwrap().get(0), Scalar::Float(x) if x.is_nan()));
        assert_eq!(reduce(Reduce::ArgMin, &m, None).unwrap().get(0), Scalar::Int(1));
        let Err(Error::Value(msg)) = reduce(Reduce::Max, &f64s(&[]), None) else { panic!() };
        assert_eq!(msg, "zero-size array to reduction operation maximum which has no identity");
        let v = var(&f64s(&[1.0, 2.0, 3.0, 4.0]), None, 0.0).unwrap();
        assert_eq!(v.get(0), Scalar::Float(1.25));
    }

    #[test]
    fn matmul_shapes() {
        let a = NdArray::from_storage(Storage::Float64(vec![1.0, 2.0, 3.0, 4.0]), vec![2, 2]);
        let v = f64s(&[1.0, 1.0]);
        let r = matmul(&a, &v, false).unwrap();
        assert_eq!(r.shape, vec![2]);
        assert_eq!(r.to_storage(), Storage::Float64(vec![3.0, 7.0]));
        assert_eq!(matmul(&v, &v, true).unwrap().shape, Vec::<usize>::new());
    }

    #[test]
    fn matmul_kernel_sums_in_eight_lanes_then_the_rest_in_order() {
        // Cancellation makes the order visible: 1e16 + 1 - 1e16 is 0 in
        // one chain, 1 when the 1 sits in a lane of its own.
        let mut x = vec![0.0f64; 11];
        x[0] = 1e16;
        x[1] = 1.0;
        x[8] = -1e16;
        x[9] = 1.0;
        x[10] = 1.0;
        let y = vec![1.0f64; 11];
        let mut out = [0.0];
        unsafe { matmul_f64(MatRef::contiguous(&x, 1, 11), MatRef::contiguous(&y, 11, 1), &mut out) };
        // lanes: lane 0 holds 1e16 (x[8] is in the tail), lane 1 holds 1;
        // pairwise: 1e16 + 1 = 1e16; then the tail: -1e16, +1, +1.
        assert_eq!(out[0], ((1e16 + 1.0) + -1e16) + 1.0 + 1.0);
        assert_eq!(out[0], 2.0);
    }

    #[test]
    fn matmul_kernel_gives_the_same_bits_for_any_strides() {
        // 3x13 @ 13x4 of awkward values, contiguous and transposed copies.
        let (m, k, n) = (3, 13, 4);
        let a: Vec<f64> = (0..m * k).map(|i| (i as f64 * 0.37).sin() * 1e3).collect();
        let b: Vec<f64> = (0..k * n).map(|i| (i as f64 * 0.91).cos() / 7.0).collect();
        let mut at = vec![0.0; m * k];
        let mut bt = vec![0.0; k * n];
        for i in 0..m {
            for p in 0..k {
                at[p * m + i] = a[i * k + p];
            }
        }
        for p in 0..k {
            for j in 0..n {
                bt[j * k + p] = b[p * n + j];
            }
        }
        let (mut z1, mut z2) = (vec![0.0; m * n], vec![0.0; m * n]);
        unsafe {
            matmul_f64(MatRef::contiguous(&a, m, k), MatRef::contiguous(&b, k, n), &mut z1);
            let ta = MatRef { ptr: at.as_ptr(), rows: m, cols: k, rs: 1, cs: m as isize };
            let tb = MatRef { ptr: bt.as_ptr(), rows: k, cols: n, rs: 1, cs: k as isize };
            matmul_f64(ta, tb, &mut z2);
        }
        assert_eq!(z1.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), z2.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
    }

    #[test]
    fn cumsum_and_concatenate() {
        let a = NdArray::from_storage(Storage::Int32(vec![1, 2, 3, 4]), vec![2, 2]);
        assert_eq!(accumulate(&a, None, false).unwrap().to_storage(), Storage::Int64(vec![1, 3, 6, 10]));
        assert_eq!(accumulate(&a, Some(0), false).unwrap().to_storage(), Storage::Int64(vec![1, 2, 4, 6]));
        let c = concatenate(&[a.clone(), a.clone()], 1).unwrap();
        assert_eq!(c.shape, vec![2, 4]);
        assert_eq!(c.to_storage(), Storage::Int32(vec![1, 2, 1, 2, 3, 4, 3, 4]));
    }
}


/// numpy's order for sorting floats: nan after everything else.
fn float_order(a: f64, b: f64) -> std::cmp::Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => std::cmp::Ordering::Equal,
        (true, false) => std::cmp::Ordering::Greater,
        (false, true) => std::cmp::Ordering::Less,
        _ => a.partial_cmp(&b).unwrap(),
    }
}

fn complex_order(a: Complex64, b: Complex64) -> std::cmp::Ordering {
    float_order(a.re, b.re).then(float_order(a.im, b.im))
}

/// `a`'s elements in C order, each run of `n` consecutive ones sorted
/// (the caller moves the sorted axis last); a stable sort.
pub fn sort_lanes(a: &NdArray, n: usize) -> NdArray {
    let mut st = a.to_storage();
    if n > 1 {
        match &mut st {
            Storage::Float64(v) => v.chunks_mut(n).for_each(|c| c.sort_by(|x, y| float_order(*x, *y))),
            Storage::Float32(v) => v.chunks_mut(n).for_each(|c| c.sort_by(|x, y| float_order(*x as f64, *y as f64))),
            Storage::Complex128(v) => v.chunks_mut(n).for_each(|c| c.sort_by(|x, y| complex_order(*x, *y))),
            Storage::Bool(v) => v.chunks_mut(n).for_each(|c| c.sort()),
            Storage::Int8(v) => v.chunks_mut(n).for_each(|c| c.sort()),
            Storage::UInt8(v) => v.chunks_mut(n).for_each(|c| c.sort()),
            Storage::Int32(v) => v.chunks_mut(n).for_each(|c| c.sort()),
            Storage::Int64(v) => v.chunks_mut(n).for_each(|c| c.sort()),
        }
    }
    NdArray::from_storage(st, a.shape.clone())
}

/// The indices (int64) that sort each run of `n` consecutive elements of
/// `a` in C order, stably (equal elements keep their order).
pub fn argsort_lanes(a: &NdArray, n: usize) -> NdArray {
    let st = a.to_storage();
    let len = st.len();
    let mut out: Vec<i64> = Vec::with_capacity(len);
    if n > 0 {
        for base in (0..len).step_by(n) {
            let mut idx: Vec<usize> = (0..n).collect();
            match &st {
                Storage::Float64(v) => idx.sort_by(|&i, &j| float_order(v[base + i], v[base + j])),
                Storage::Float32(v) => idx.sort_by(|&i, &j| float_order(v[base + i] as f64, v[base + j] as f64)),
                Storage::Complex128(v) => idx.sort_by(|&i, &j| complex_order(v[base + i], v[base + j])),
                Storage::Bool(v) => idx.sort_by_key(|&i| v[base + i]),
                Storage::Int8(v) => idx.sort_by_key(|&i| v[base + i]),
                Storage::UInt8(v) => idx.sort_by_key(|&i| v[base + i]),
                Storage::Int32(v) => idx.sort_by_key(|&i| v[base + i]),
                Storage::Int64(v) => idx.sort_by_key(|&i| v[base + i]),
            }
            out.extend(idx.into_iter().map(|i| i as i64));
        }
    }
    NdArray::from_storage(Storage::Int64(out), a.shape.clone())
}

/// For each element of `v` (sorted, 1-d, C order, as f64 or i64 by
/// dtype), where it would go in `sorted` (`right`: after equal ones).
pub fn searchsorted(sorted: &NdArray, v: &NdArray, right: bool) -> NdArray {
    let n = sorted.size();
    let out: Vec<i64> = if sorted.dtype().is_float() || v.dtype().is_float() || sorted.dtype() == DType::Complex128 {
        let s: Vec<f64> = sorted.gather(&sorted.shape);
        let x: Vec<f64> = v.gather(&v.shape);
        x.iter()
            .map(|&q| {
                if right {
                    s.partition_point(|&e| float_order(e, q) != std::cmp::Ordering::Greater) as i64
                } else {
                    s.partition_point(|&e| float_order(e, q) == std::cmp::Ordering::Less) as i64
                }
            })
            .collect()
    } else {
        let s: Vec<i64> = sorted.gather(&sorted.shape);
        let x: Vec<i64> = v.gather(&v.shape);
        x.iter().map(|&q| if right { s.partition_point(|&e| e <= q) } else { s.partition_point(|&e| e < q) } as i64).collect()
    };
    let _ = n;
    NdArray::from_storage(Storage::Int64(out), v.shape.clone())
}
