//! numpy's printing of arrays and scalars, byte for byte as numpy 2.x prints
//! them under the default print options (precision 8, threshold 1000,
//! edgeitems 3, linewidth 75, floatmode `maxprec`, sign `-`, no legacy mode).
//!
//! The layout follows `numpy/_core/arrayprint.py` (`_formatArray`,
//! `FloatingFormat`, `IntegerFormat`, `BoolFormat`, `ComplexFloatingFormat`,
//! `_array_repr_implementation`); the digits come from an exact big-integer
//! Dragon4 with the same cutoff, minimum-digit, rounding and trimming rules
//! as numpy's `dragon4.c`, so values print with numpy's digits even where a
//! shortest-round-trip printer and a precision cutoff would disagree.

use std::cmp::Ordering;

use num_complex::Complex64;

use crate::{DType, Scalar, Storage};

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering as AtOrd};

// numpy's print options (`np.set_printoptions`): precision, threshold,
// edgeitems, linewidth, suppress; the defaults are numpy's.
static PRECISION_OPT: AtomicI64 = AtomicI64::new(8);
static THRESHOLD_OPT: AtomicI64 = AtomicI64::new(1000);
static EDGE_ITEMS_OPT: AtomicI64 = AtomicI64::new(3);
static LINE_WIDTH_OPT: AtomicI64 = AtomicI64::new(75);
static SUPPRESS_OPT: AtomicBool = AtomicBool::new(false);

/// Sets the print options; each `None` keeps its value.
pub fn set_print_options(precision: Option<i64>, threshold: Option<i64>, edgeitems: Option<i64>, linewidth: Option<i64>, suppress: Option<bool>) {
    for (v, slot) in [(precision, &PRECISION_OPT), (threshold, &THRESHOLD_OPT), (edgeitems, &EDGE_ITEMS_OPT), (linewidth, &LINE_WIDTH_OPT)] {
        if let Some(v) = v {
            slot.store(v, AtOrd::Relaxed);
        }
    }
    if let Some(s) = suppress {
        SUPPRESS_OPT.store(s, AtOrd::Relaxed);
    }
}

/// The print options: precision, threshold, edgeitems, linewidth, suppress.
pub fn print_options() -> (i64, i64, i64, i64, bool) {
    (
        PRECISION_OPT.load(AtOrd::Relaxed),
        THRESHOLD_OPT.load(AtOrd::Relaxed),
        EDGE_ITEMS_OPT.load(AtOrd::Relaxed),
        LINE_WIDTH_OPT.load(AtOrd::Relaxed),
        SUPPRESS_OPT.load(AtOrd::Relaxed),
    )
}

#[allow(non_snake_case)]
fn THRESHOLD() -> usize {
    THRESHOLD_OPT.load(AtOrd::Relaxed).max(0) as usize
}
#[allow(non_snake_case)]
fn EDGE_ITEMS() -> usize {
    EDGE_ITEMS_OPT.load(AtOrd::Relaxed).max(0) as usize
}
#[allow(non_snake_case)]
fn LINE_WIDTH() -> i64 {
    LINE_WIDTH_OPT.load(AtOrd::Relaxed)
}
#[allow(non_snake_case)]
fn PRECISION() -> i32 {
    PRECISION_OPT.load(AtOrd::Relaxed) as i32
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/// `repr(a)` of an ndarray with the given shape and C-ordered elements.
pub fn array_repr(shape: &[usize], data: &Storage) -> String {
    let size: usize = shape.iter().product();
    let dtype = data.dtype();
    let prefix = "array(";
    let body = if size == 0 {
        "[]".to_string()
    } else {
        // `suffix=")"` takes one column off the line width.
        array2string(shape, data, ", ", prefix.len(), LINE_WIDTH() - 1)
    };

    let mut extras: Vec<String> = Vec::new();
    if (size == 0 && shape != [0]) || size > THRESHOLD() {
        extras.push(format!("shape={}", shape_tuple(shape)));
    }
    let implied = matches!(
        dtype,
        DType::Int64 | DType::Float64 | DType::Complex128 | DType::Bool
    );
    if !implied || size == 0 {
        extras.push(format!("dtype={}", dtype.name()));
    }
    if extras.is_empty() {
        return format!("{prefix}{body})");
    }
    let arr_str = format!("{prefix}{body},");
    let extra_str = format!("{})", extras.join(", "));
    let last_line_len = arr_str.len() - arr_str.rfind('\n').map_or(0, |p| p + 1);
    let spacer = if (last_line_len + extra_str.len() + 1) as i64 > LINE_WIDTH() {
        format!("\n{}", " ".repeat(prefix.len()))
    } else {
        " ".to_string()
    };
    format!("{arr_str}{spacer}{extra_str}")
}

/// `str(a)` of an ndarray; a 0-d array prints as its scalar's `str`.
pub fn array_str(shape: &[usize], data: &Storage) -> String {
    if shape.is_empty() {
        let dtype = data.dtype();
        return match element(data, 0) {
            Some(v) => scalar_str(dtype, v),
            None => "[]".to_string(),
        };
    }
    let size: usize = shape.iter().product();
    if size == 0 {
        return "[]".to_string();
    }
    array2string(shape, data, " ", 0, LINE_WIDTH())
}

/// `repr` of a numpy scalar: `np.float64(1.5)`, `np.True_`, `np.complex128(1+2j)`.
pub fn scalar_repr(dtype: DType, value: Scalar) -> String {
    match dtype {
        DType::Bool => {
            if scalar_truth(value) {
                "np.True_".to_string()
            } else {
                "np.False_".to_string()
            }
        }
        DType::Complex128 => {
            let s = scalar_str(dtype, value);
            let inner = s
                .strip_prefix('(')
                .and_then(|t| t.strip_suffix(')'))
                .unwrap_or(&s);
            format!("np.complex128({inner})")
        }
        _ => format!("np.{}({})", dtype.name(), scalar_str(dtype, value)),
    }
}

/// `str` of a numpy scalar: `1.5`, `True`, `(1+2j)`, `nan`.
pub fn scalar_str(dtype: DType, value: Scalar) -> String {
    match dtype {
        DType::Bool => (if scalar_truth(value) { "True" } else { "False" }).to_string(),
        DType::Int8 => (scalar_int(value) as i8).to_string(),
        DType::UInt8 => (scalar_int(value) as u8).to_string(),
        DType::Int32 => (scalar_int(value) as i32).to_string(),
        DType::Int64 => scalar_int(value).to_string(),
        DType::Float32 => float_scalar_str(
            Fl::F32(scalar_float(value) as f32),
            Trim::LeaveOneZero,
            Trim::DptZeros,
            false,
        ),
        DType::Float64 => float_scalar_str(
            Fl::F64(scalar_float(value)),
            Trim::LeaveOneZero,
            Trim::DptZeros,
            false,
        ),
        DType::Complex128 => complex_scalar_str(scalar_complex(value)),
    }
}

// ---------------------------------------------------------------------------
// Scalar helpers
// ---------------------------------------------------------------------------

fn scalar_truth(v: Scalar) -> bool {
    match v {
        Scalar::Bool(b) => b,
        Scalar::Int(i) => i != 0,
        Scalar::Float(f) => f != 0.0,
        Scalar::Complex(c) => c.re != 0.0 || c.im != 0.0,
    }
}

fn scalar_int(v: Scalar) -> i64 {
    match v {
        Scalar::Bool(b) => b as i64,
        Scalar::Int(i) => i,
        Scalar::Float(f) => f as i64,
        Scalar::Complex(c) => c.re as i64,
    }
}

fn scalar_float(v: Scalar) -> f64 {
    match v {
        Scalar::Bool(b) => b as i64 as f64,
        Scalar::Int(i) => i as f64,
        Scalar::Float(f) => f,
        Scalar::Complex(c) => c.re,
    }
}

fn scalar_complex(v: Scalar) -> Complex64 {
    match v {
        Scalar::Complex(c) => c,
        other => Complex64::new(scalar_float(other), 0.0),
    }
}

/// numpy's float scalar `str`/`repr` body: positional between 1e-4 and the
/// type's cutoff (1e16 for float64, 1e6 for float32), scientific outside.
fn float_scalar_str(x: Fl, trim_pos: Trim, trim_sci: Trim, sign: bool) -> String {
    let v = x.to_f64();
    let positional = if v.is_nan() || v == 0.0 {
        true
    } else {
        let a = v.abs();
        let upper = match x {
            Fl::F32(_) => 1e6,
            Fl::F64(_) => 1e16,
        };
        a < upper && a >= 1e-4
    };
    let opts = D4Opts {
        scientific: !positional,
        unique: true,
        fractional: true,
        precision: -1,
        min_digits: -1,
        sign,
        trim: if positional { trim_pos } else { trim_sci },
        pad_left: -1,
        pad_right: -1,
        exp_digits: -1,
    };
    dragon4_format(x, &opts)
}

fn complex_scalar_str(c: Complex64) -> String {
    let part =
        |v: f64, sign: bool| float_scalar_str(Fl::F64(v), Trim::DptZeros, Trim::DptZeros, sign);
    if c.re == 0.0 && !c.re.is_sign_negative() {
        return format!("{}j", part(c.im, false));
    }
    let r = if c.re.is_finite() {
        part(c.re, false)
    } else if c.re.is_nan() {
        "nan".to_string()
    } else if c.re > 0.0 {
        "inf".to_string()
    } else {
        "-inf".to_string()
    };
    let i = if c.im.is_finite() {
        part(c.im, true)
    } else if c.im.is_nan() {
        "+nan".to_string()
    } else if c.im > 0.0 {
        "+inf".to_string()
    } else {
        "-inf".to_string()
    };
    format!("({r}{i}j)")
}

fn shape_tuple(shape: &[usize]) -> String {
    match shape.len() {
        0 => "()".to_string(),
        1 => format!("({},)", shape[0]),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn element(data: &Storage, i: usize) -> Option<Scalar> {
    Some(match data {
        Storage::Bool(v) => Scalar::Bool(*v.get(i)?),
        Storage::Int8(v) => Scalar::Int(*v.get(i)? as i64),
        Storage::UInt8(v) => Scalar::Int(*v.get(i)? as i64),
        Storage::Int32(v) => Scalar::Int(*v.get(i)? as i64),
        Storage::Int64(v) => Scalar::Int(*v.get(i)?),
        Storage::Float32(v) => Scalar::Float(*v.get(i)? as f64),
        Storage::Float64(v) => Scalar::Float(*v.get(i)?),
        Storage::Complex128(v) => Scalar::Complex(*v.get(i)?),
    })
}

// ---------------------------------------------------------------------------
// array2string / _formatArray
// ---------------------------------------------------------------------------

/// Flat indices of the elements numpy's `_leading_trailing` keeps (all of
/// them when not summarizing).
fn kept_indices(shape: &[usize], summarize: bool) -> Vec<usize> {
    let mut out = vec![0usize];
    for &len in shape {
        let axis: Vec<usize> = if summarize && len > 2 * EDGE_ITEMS() {
            (0..EDGE_ITEMS()).chain(len - EDGE_ITEMS()..len).collect()
        } else {
            (0..len).collect()
        };
        let mut next = Vec::with_capacity(out.len() * axis.len());
        for &base in &out {
            for &i in &axis {
                next.push(base * len + i);
            }
        }
        out = next;
    }
    out
}

/// Builds the per-element formatter numpy picks for the (possibly
/// summarized) data.
fn element_formatter<'a>(
    shape: &[usize],
    data: &'a Storage,
    summarize: bool,
) -> Box<dyn Fn(usize) -> String + 'a> {
    let idx = kept_indices(shape, summarize);
    let zero_d = shape.is_empty();
    match data {
        Storage::Bool(v) => {
            let truestr = if zero_d { "True" } else { " True" };
            Box::new(move |i| (if v[i] { truestr } else { "False" }).to_string())
        }
        Storage::Int8(v) => int_formatter(idx.iter().map(|&i| v[i] as i64), move |i| v[i] as i64),
        Storage::UInt8(v) => int_formatter(idx.iter().map(|&i| v[i] as i64), move |i| v[i] as i64),
        Storage::Int32(v) => int_formatter(idx.iter().map(|&i| v[i] as i64), move |i| v[i] as i64),
        Storage::Int64(v) => int_formatter(idx.iter().map(|&i| v[i]), move |i| v[i]),
        Storage::Float32(v) => {
            let vals: Vec<Fl> = idx.iter().map(|&i| Fl::F32(v[i])).collect();
            let ff = FloatFormat::new(&vals, false);
            Box::new(move |i| ff.format(Fl::F32(v[i])))
        }
        Storage::Float64(v) => {
            let vals: Vec<Fl> = idx.iter().map(|&i| Fl::F64(v[i])).collect();
            let ff = FloatFormat::new(&vals, false);
            Box::new(move |i| ff.format(Fl::F64(v[i])))
        }
        Storage::Complex128(v) => {
            let re: Vec<Fl> = idx.iter().map(|&i| Fl::F64(v[i].re)).collect();
            let im: Vec<Fl> = idx.iter().map(|&i| Fl::F64(v[i].im)).collect();
            let rf = FloatFormat::new(&re, false);
            let imf = FloatFormat::new(&im, true);
            Box::new(move |i| {
                let r = rf.format(Fl::F64(v[i].re));
                let im = imf.format(Fl::F64(v[i].im));
                let sp = im.trim_end().len();
                format!("{r}{}j{}", &im[..sp], &im[sp..])
            })
        }
    }
}

fn int_formatter<'a>(
    kept: impl Iterator<Item = i64>,
    get: impl Fn(usize) -> i64 + 'a,
) -> Box<dyn Fn(usize) -> String + 'a> {
    let mut lo: Option<i64> = None;
    let mut hi: Option<i64> = None;
    for x in kept {
        lo = Some(lo.map_or(x, |m| m.min(x)));
        hi = Some(hi.map_or(x, |m| m.max(x)));
    }
    let width = match (lo, hi) {
        (Some(lo), Some(hi)) => lo.to_string().len().max(hi.to_string().len()),
        _ => 0,
    };
    Box::new(move |i| format!("{:>width$}", get(i)))
}

fn array2string(
    shape: &[usize],
    data: &Storage,
    separator: &str,
    prefix_len: usize,
    line_width: i64,
) -> String {
    let size: usize = shape.iter().product();
    let summarize = size > THRESHOLD();
    let fmt = element_formatter(shape, data, summarize);
    let mut strides = vec![1usize; shape.len()];
    for ax in (0..shape.len().saturating_sub(1)).rev() {
        strides[ax] = strides[ax + 1] * shape[ax + 1];
    }
    let printer = Printer {
        shape,
        strides: &strides,
        fmt: &*fmt,
        separator,
        summarize,
    };
    let hanging = " ".repeat(1 + prefix_len);
    printer.recurse(0, 0, &hanging, line_width)
}

struct Printer<'a> {
    shape: &'a [usize],
    strides: &'a [usize],
    fmt: &'a dyn Fn(usize) -> String,
    separator: &'a str,
    summarize: bool,
}

/// numpy's `_extendLine` (words are always single-line here).
fn extend_line(
    s: &mut String,
    line: &mut String,
    word: &str,
    line_width: i64,
    next_line_prefix: &str,
) {
    let mut needs_wrap = (line.len() + word.len()) as i64 > line_width;
    if line.len() <= next_line_prefix.len() {
        needs_wrap = false;
    }
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        line.clear();
        line.push_str(next_line_prefix);
    }
    line.push_str(word);
}

impl Printer<'_> {
    fn recurse(&self, axis: usize, offset: usize, hanging: &str, curr_width: i64) -> String {
        let ndim = self.shape.len();
        if axis == ndim {
            return (self.fmt)(offset);
        }
        let axes_left = ndim - axis;
        let next_hanging = format!("{hanging} ");
        let next_width = curr_width - 1;
        let a_len = self.shape[axis];
        let stride = self.strides[axis];
        let show_summary = self.summarize && 2 * EDGE_ITEMS() < a_len;
        let (leading, trailing) = if show_summary {
            (EDGE_ITEMS(), EDGE_ITEMS())
        } else {
            (0, a_len)
        };
        let sep = self.separator;
        let sep_trim = sep.trim_end();
        let mut s = String::new();

        if axes_left == 1 {
            let elem_width = curr_width - sep_trim.len().max(1) as i64;
            let mut line = hanging.to_string();
            for i in 0..leading {
                let word = self.recurse(axis + 1, offset + i * stride, &next_hanging, next_width);
                extend_line(&mut s, &mut line, &word, elem_width, hanging);
                line.push_str(sep);
            }
            if show_summary {
                extend_line(&mut s, &mut line, "...", elem_width, hanging);
                line.push_str(sep);
            }
            for i in (2..=trailing).rev() {
                let word = self.recurse(
                    axis + 1,
                    offset + (a_len - i) * stride,
                    &next_hanging,
                    next_width,
                );
                extend_line(&mut s, &mut line, &word, elem_width, hanging);
                line.push_str(sep);
            }
            let word = self.recurse(
                axis + 1,
                offset + (a_len - 1) * stride,
                &next_hanging,
                next_width,
            );
            extend_line(&mut s, &mut line, &word, elem_width, hanging);
            s.push_str(&line);
        } else {
            let line_sep = format!("{sep_trim}{}", "\n".repeat(axes_left - 1));
            for i in 0..leading {
                let nested = self.recurse(axis + 1, offset + i * stride, &next_hanging, next_width);
                s.push_str(hanging);
                s.push_str(&nested);
                s.push_str(&line_sep);
            }
            if show_summary {
                s.push_str(hanging);
                s.push_str("...");
                s.push_str(&line_sep);
            }
            for i in (2..=trailing).rev() {
                let nested = self.recurse(
                    axis + 1,
                    offset + (a_len - i) * stride,
                    &next_hanging,
                    next_width,
                );
                s.push_str(hanging);
                s.push_str(&nested);
                s.push_str(&line_sep);
            }
            let nested = self.recurse(
                axis + 1,
                offset + (a_len - 1) * stride,
                &next_hanging,
                next_width,
            );
            s.push_str(hanging);
            s.push_str(&nested);
        }
        format!("[{}]", &s[hanging.len()..])
    }
}

// ---------------------------------------------------------------------------
// FloatingFormat
// ---------------------------------------------------------------------------

/// A float of either supported width; float32 values keep float32 digits.
#[derive(Clone, Copy, Debug)]
enum Fl {
    F32(f32),
    F64(f64),
}

impl Fl {
    fn to_f64(self) -> f64 {
        match self {
            Fl::F32(x) => x as f64,
            Fl::F64(x) => x,
        }
    }
    fn is_finite(self) -> bool {
        self.to_f64().is_finite()
    }
}

/// numpy's `FloatingFormat` for floatmode `maxprec`, precision 8, no
/// suppression; `sign_plus` is the `sign='+'` of a complex imaginary part.
struct FloatFormat {
    exp_format: bool,
    precision: i32,
    min_digits: i32,
    unique: bool,
    trim: Trim,
    pad_left: i32,
    pad_right: i32,
    exp_size: i32,
    sign_plus: bool,
}

impl FloatFormat {
    fn new(data: &[Fl], sign_plus: bool) -> FloatFormat {
        let finite: Vec<Fl> = data.iter().copied().filter(|x| x.is_finite()).collect();
        let is_f32 = matches!(data.first(), Some(Fl::F32(_)));

        // Exponential notation is chosen from the non-zero finite values,
        // compared (and divided) in the array's own precision.
        let mut exp_format = false;
        if is_f32 {
            let nz: Vec<f32> = finite
                .iter()
                .map(|x| x.to_f64() as f32)
                .filter(|x| *x != 0.0)
                .map(f32::abs)
                .collect();
            if !nz.is_empty() {
                let max = nz.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let min = nz.iter().copied().fold(f32::INFINITY, f32::min);
                exp_format = max >= 1e6f32 || (!SUPPRESS_OPT.load(AtOrd::Relaxed) && (min < 0.0001f32 || max / min > 1000f32));
            }
        } else {
            let nz: Vec<f64> = finite
                .iter()
                .map(|x| x.to_f64())
                .filter(|x| *x != 0.0)
                .map(f64::abs)
                .collect();
            if !nz.is_empty() {
                let max = nz.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let min = nz.iter().copied().fold(f64::INFINITY, f64::min);
                exp_format = max >= 1e8 || (!SUPPRESS_OPT.load(AtOrd::Relaxed) && (min < 0.0001 || max / min > 1000.0));
            }
        }

        let mut ff = FloatFormat {
            exp_format,
            precision: PRECISION(),
            min_digits: -1,
            unique: true,
            trim: Trim::Zeros,
            pad_left: 0,
            pad_right: 0,
            exp_size: -1,
            sign_plus,
        };

        if finite.is_empty() {
            ff.pad_left = 0;
            ff.pad_right = 0;
            ff.trim = Trim::Zeros;
            ff.exp_size = -1;
            ff.unique = true;
            ff.min_digits = -1;
        } else if exp_format {
            let opts = D4Opts {
                scientific: true,
                unique: true,
                fractional: false,
                precision: PRECISION(),
                min_digits: -1,
                sign: sign_plus,
                trim: Trim::Zeros,
                pad_left: -1,
                pad_right: -1,
                exp_digits: -1,
            };
            let (mut max_int, mut max_frac, mut max_exp) = (0usize, 0usize, 0usize);
            for &x in &finite {
                let s = dragon4_format(x, &opts);
                let (mant, exp) = s.split_once('e').unwrap_or((&s, ""));
                let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
                max_int = max_int.max(int.len());
                max_frac = max_frac.max(frac.len());
                max_exp = max_exp.max(exp.len());
            }
            ff.exp_size = max_exp as i32 - 1;
            ff.trim = Trim::None;
            ff.precision = max_frac as i32;
            ff.min_digits = ff.precision;
            ff.unique = true;
            ff.pad_left = max_int as i32;
            ff.pad_right = ff.exp_size + 2 + ff.precision;
        } else {
            let opts = D4Opts {
                scientific: false,
                unique: true,
                fractional: true,
                precision: PRECISION(),
                min_digits: -1,
                sign: sign_plus,
                trim: Trim::Zeros,
                pad_left: -1,
                pad_right: -1,
                exp_digits: -1,
            };
            let (mut max_int, mut max_frac) = (0usize, 0usize);
            for &x in &finite {
                let s = dragon4_format(x, &opts);
                let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
                max_int = max_int.max(int.len());
                max_frac = max_frac.max(frac.len());
            }
            ff.pad_left = max_int as i32;
            ff.pad_right = max_frac as i32;
            ff.exp_size = -1;
            ff.unique = true;
            ff.trim = Trim::Zeros;
            ff.min_digits = 0;
        }

        if finite.len() != data.len() {
            let neginf = sign_plus || data.iter().any(|x| x.to_f64() == f64::NEG_INFINITY);
            let offset = ff.pad_right + 1;
            ff.pad_left = ff.pad_left.max(3 - offset).max(3 + neginf as i32 - offset);
        }
        ff
    }

    fn format(&self, x: Fl) -> String {
        let v = x.to_f64();
        if !v.is_finite() {
            let ret = if v.is_nan() {
                if self.sign_plus { "+nan" } else { "nan" }
            } else if v < 0.0 {
                "-inf"
            } else if self.sign_plus {
                "+inf"
            } else {
                "inf"
            };
            let pad = (self.pad_left + self.pad_right + 1 - ret.len() as i32).max(0) as usize;
            return format!("{}{ret}", " ".repeat(pad));
        }
        let opts = D4Opts {
            scientific: self.exp_format,
            unique: self.unique,
            fractional: true,
            precision: self.precision,
            min_digits: self.min_digits,
            sign: self.sign_plus,
            trim: self.trim,
            pad_left: self.pad_left,
            pad_right: if self.exp_format { -1 } else { self.pad_right },
            exp_digits: if self.exp_format { self.exp_size } else { -1 },
        };
        dragon4_format(x, &opts)
    }
}

// ---------------------------------------------------------------------------
// Dragon4 (exact big-integer digit generation, as numpy's dragon4.c)
// ---------------------------------------------------------------------------

/// Trailing-digit treatment: numpy's trim modes `'k'`, `'.'`, `'0'`, `'-'`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trim {
    /// `'k'`: keep trailing zeros and the decimal point.
    None,
    /// `'.'`: trim trailing zeros, keep the decimal point.
    Zeros,
    /// `'0'`: trim trailing zeros but leave one after the point.
    LeaveOneZero,
    /// `'-'`: trim trailing zeros and the decimal point.
    DptZeros,
}

#[derive(Clone, Copy, Debug)]
struct D4Opts {
    scientific: bool,
    unique: bool,
    /// Positional only: `precision`/`min_digits` count fractional digits
    /// (numpy's `fractional=True`) rather than significant digits.
    fractional: bool,
    precision: i32,
    min_digits: i32,
    sign: bool,
    trim: Trim,
    pad_left: i32,
    pad_right: i32,
    exp_digits: i32,
}

/// Arbitrary-precision unsigned integer, little-endian 32-bit limbs, no
/// leading zero limbs.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.normalize();
        b
    }

    fn normalize(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn pow2(n: u32) -> Big {
        let mut b = Big::from_u64(1);
        b.shl(n);
        b
    }

    fn shl(&mut self, n: u32) {
        if self.is_zero() {
            return;
        }
        let words = (n / 32) as usize;
        let bits = n % 32;
        let mut out = vec![0u32; words];
        if bits == 0 {
            out.extend_from_slice(&self.0);
        } else {
            let mut carry = 0u32;
            for &w in &self.0 {
                out.push((w << bits) | carry);
                carry = w >> (32 - bits);
            }
            if carry != 0 {
                out.push(carry);
            }
        }
        self.0 = out;
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for w in self.0.iter_mut() {
            let p = *w as u64 * m as u64 + carry;
            *w = p as u32;
            carry = p >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
        self.normalize();
    }

    fn mul_pow10(&mut self, mut n: u32) {
        while n >= 9 {
            self.mul_small(1_000_000_000);
            n -= 9;
        }
        if n > 0 {
            self.mul_small(10u32.pow(n));
        }
    }

    fn add(&self, o: &Big) -> Big {
        let (a, b) = if self.0.len() >= o.0.len() {
            (self, o)
        } else {
            (o, self)
        };
        let mut out = Vec::with_capacity(a.0.len() + 1);
        let mut carry = 0u64;
        for i in 0..a.0.len() {
            let s = a.0[i] as u64 + b.0.get(i).copied().unwrap_or(0) as u64 + carry;
            out.push(s as u32);
            carry = s >> 32;
        }
        if carry != 0 {
            out.push(carry as u32);
        }
        Big(out)
    }

    /// `self -= o`, requires `self >= o`.
    fn sub_assign(&mut self, o: &Big) {
        let mut borrow = 0i64;
        for i in 0..self.0.len() {
            let d = self.0[i] as i64 - o.0.get(i).copied().unwrap_or(0) as i64 - borrow;
            if d < 0 {
                self.0[i] = (d + (1i64 << 32)) as u32;
                borrow = 1;
            } else {
                self.0[i] = d as u32;
                borrow = 0;
            }
        }
        debug_assert_eq!(borrow, 0);
        self.normalize();
    }

    fn cmp_big(&self, o: &Big) -> Ordering {
        if self.0.len() != o.0.len() {
            return self.0.len().cmp(&o.0.len());
        }
        for i in (0..self.0.len()).rev() {
            match self.0[i].cmp(&o.0[i]) {
                Ordering::Equal => {}
                ord => return ord,
            }
        }
        Ordering::Equal
    }

    /// Divides by `scale` where the quotient is known to be at most 9;
    /// leaves the remainder in `self`.
    fn div_rem_small_quotient(&mut self, scale: &Big) -> u32 {
        let mut q = 0;
        while self.cmp_big(scale) != Ordering::Less {
            self.sub_assign(scale);
            q += 1;
        }
        q
    }
}

/// Dragon4 digit generation. Returns the digits and the base-10 exponent of
/// the first one. `fraction_mode` selects numpy's `CutoffMode_FractionLength`
/// (cutoffs count digits after the point) over `CutoffMode_TotalLength`.
#[allow(clippy::too_many_arguments)]
fn dragon4_digits(
    mantissa: u64,
    exponent: i32,
    mantissa_bit: u32,
    unequal_margins: bool,
    unique: bool,
    fraction_mode: bool,
    cutoff_max: i32,
    cutoff_min: i32,
) -> (Vec<u8>, i32) {
    const BUFFER_SIZE: i32 = 16384;
    if mantissa == 0 {
        return (vec![b'0'], 0);
    }
    let is_even = mantissa % 2 == 0;
    let mut value = Big::from_u64(mantissa);
    let mut scale;
    let mut margin_low;
    let mut margin_high: Option<Big>;
    if unequal_margins {
        if exponent > 0 {
            value.shl(exponent as u32 + 2);
            scale = Big::from_u64(4);
            margin_low = Big::pow2(exponent as u32);
            margin_high = Some(Big::pow2(exponent as u32 + 1));
        } else {
            value.shl(2);
            scale = Big::pow2((-exponent + 2) as u32);
            margin_low = Big::from_u64(1);
            margin_high = Some(Big::from_u64(2));
        }
    } else {
        if exponent > 0 {
            value.shl(exponent as u32 + 1);
            scale = Big::from_u64(2);
            margin_low = Big::pow2(exponent as u32);
        } else {
            value.shl(1);
            scale = Big::pow2((-exponent + 1) as u32);
            margin_low = Big::from_u64(1);
        }
        margin_high = None;
    }

    let log10_2 = 0.301_029_995_663_981_2_f64;
    let mut digit_exponent =
        (((mantissa_bit as i32 + exponent) as f64) * log10_2 - 0.69).ceil() as i32;
    if cutoff_max >= 0 && fraction_mode && digit_exponent <= -cutoff_max {
        digit_exponent = -cutoff_max + 1;
    }

    if digit_exponent > 0 {
        scale.mul_pow10(digit_exponent as u32);
    } else if digit_exponent < 0 {
        let n = (-digit_exponent) as u32;
        value.mul_pow10(n);
        margin_low.mul_pow10(n);
        if margin_high.is_some() {
            let mut h = margin_low.clone();
            h.mul_small(2);
            margin_high = Some(h);
        }
    }

    if value.cmp_big(&scale) != Ordering::Less {
        digit_exponent += 1;
    } else {
        value.mul_small(10);
        margin_low.mul_small(10);
        if margin_high.is_some() {
            let mut h = margin_low.clone();
            h.mul_small(2);
            margin_high = Some(h);
        }
    }

    let mut cutoff_max_exp = digit_exponent - BUFFER_SIZE;
    if cutoff_max >= 0 {
        let desired = if fraction_mode {
            -cutoff_max
        } else {
            digit_exponent - cutoff_max
        };
        if desired > cutoff_max_exp {
            cutoff_max_exp = desired;
        }
    }
    let mut cutoff_min_exp = digit_exponent;
    if cutoff_min >= 0 {
        let desired = if fraction_mode {
            -cutoff_min
        } else {
            digit_exponent - cutoff_min
        };
        if desired < cutoff_min_exp {
            cutoff_min_exp = desired;
        }
    }

    let mut out_exponent = digit_exponent - 1;
    let mut digits: Vec<u8> = Vec::new();
    let mut low;
    let mut high;
    let mut output_digit;

    if unique {
        loop {
            digit_exponent -= 1;
            output_digit = value.div_rem_small_quotient(&scale);
            let mh = margin_high.as_ref().unwrap_or(&margin_low);
            let value_high = value.add(mh);
            let c = value.cmp_big(&margin_low);
            low = if is_even {
                c != Ordering::Greater
            } else {
                c == Ordering::Less
            };
            let c = value_high.cmp_big(&scale);
            high = if is_even {
                c != Ordering::Less
            } else {
                c == Ordering::Greater
            };
            if ((low || high) && digit_exponent <= cutoff_min_exp)
                || digit_exponent == cutoff_max_exp
            {
                break;
            }
            digits.push(b'0' + output_digit as u8);
            value.mul_small(10);
            margin_low.mul_small(10);
            if margin_high.is_some() {
                let mut h = margin_low.clone();
                h.mul_small(2);
                margin_high = Some(h);
            }
        }
    } else {
        low = false;
        high = false;
        loop {
            digit_exponent -= 1;
            output_digit = value.div_rem_small_quotient(&scale);
            if value.is_zero() || digit_exponent == cutoff_max_exp {
                break;
            }
            digits.push(b'0' + output_digit as u8);
            value.mul_small(10);
        }
    }

    let mut round_down = low;
    if low == high {
        value.mul_small(2);
        let c = value.cmp_big(&scale);
        round_down = c == Ordering::Less;
        if c == Ordering::Equal {
            round_down = output_digit & 1 == 0;
        }
    }

    if round_down {
        digits.push(b'0' + output_digit as u8);
    } else if output_digit == 9 {
        loop {
            match digits.pop() {
                None => {
                    digits.push(b'1');
                    out_exponent += 1;
                    break;
                }
                Some(b'9') => {}
                Some(d) => {
                    digits.push(d + 1);
                    break;
                }
            }
        }
    } else {
        digits.push(b'0' + output_digit as u8 + 1);
    }
    (digits, out_exponent)
}

enum Decoded {
    Nan,
    Inf,
    Finite {
        mantissa: u64,
        exponent: i32,
        mantissa_bit: u32,
        unequal: bool,
    },
}

fn decode(x: Fl) -> (bool, Decoded) {
    match x {
        Fl::F64(v) => {
            let bits = v.to_bits();
            let neg = bits >> 63 != 0;
            let frac = bits & ((1u64 << 52) - 1);
            let exp = ((bits >> 52) & 0x7ff) as i32;
            let d = if exp == 0x7ff {
                if frac == 0 {
                    Decoded::Inf
                } else {
                    Decoded::Nan
                }
            } else if exp != 0 {
                Decoded::Finite {
                    mantissa: frac | (1u64 << 52),
                    exponent: exp - 1075,
                    mantissa_bit: 52,
                    unequal: exp != 1 && frac == 0,
                }
            } else {
                let mb = if frac == 0 {
                    0
                } else {
                    63 - frac.leading_zeros()
                };
                Decoded::Finite {
                    mantissa: frac,
                    exponent: -1074,
                    mantissa_bit: mb,
                    unequal: false,
                }
            };
            (neg, d)
        }
        Fl::F32(v) => {
            let bits = v.to_bits();
            let neg = bits >> 31 != 0;
            let frac = (bits & ((1u32 << 23) - 1)) as u64;
            let exp = ((bits >> 23) & 0xff) as i32;
            let d = if exp == 0xff {
                if frac == 0 {
                    Decoded::Inf
                } else {
                    Decoded::Nan
                }
            } else if exp != 0 {
                Decoded::Finite {
                    mantissa: frac | (1u64 << 23),
                    exponent: exp - 150,
                    mantissa_bit: 23,
                    unequal: exp != 1 && frac == 0,
                }
            } else {
                let mb = if frac == 0 {
                    0
                } else {
                    63 - frac.leading_zeros()
                };
                Decoded::Finite {
                    mantissa: frac,
                    exponent: -149,
                    mantissa_bit: mb,
                    unequal: false,
                }
            };
            (neg, d)
        }
    }
}

/// numpy's `dragon4_positional` / `dragon4_scientific` on one value.
fn dragon4_format(x: Fl, o: &D4Opts) -> String {
    let (neg, d) = decode(x);
    let sign = if neg {
        "-"
    } else if o.sign {
        "+"
    } else {
        ""
    };
    match d {
        Decoded::Nan => "nan".to_string(),
        Decoded::Inf => format!("{sign}inf"),
        Decoded::Finite {
            mantissa,
            exponent,
            mantissa_bit,
            unequal,
        } => {
            if o.scientific {
                format_scientific(sign, mantissa, exponent, mantissa_bit, unequal, o)
            } else {
                format_positional(sign, mantissa, exponent, mantissa_bit, unequal, o)
            }
        }
    }
}

fn format_positional(
    sign: &str,
    mantissa: u64,
    exponent: i32,
    mbit: u32,
    unequal: bool,
    o: &D4Opts,
) -> String {
    let has_sign = !sign.is_empty() as i32;
    let (digits, print_exp) = dragon4_digits(
        mantissa,
        exponent,
        mbit,
        unequal,
        o.unique,
        o.fractional,
        o.precision,
        o.min_digits,
    );
    let num_digits = digits.len() as i32;
    let mut buf = String::from(sign);
    let num_whole;
    let mut num_frac = 0i32;
    if print_exp >= 0 {
        num_whole = print_exp + 1;
        if num_digits <= num_whole {
            buf.push_str(std::str::from_utf8(&digits).unwrap());
            for _ in 0..(num_whole - num_digits) {
                buf.push('0');
            }
        } else {
            let (w, f) = digits.split_at(num_whole as usize);
            buf.push_str(std::str::from_utf8(w).unwrap());
            buf.push('.');
            buf.push_str(std::str::from_utf8(f).unwrap());
            num_frac = num_digits - num_whole;
        }
    } else {
        let zeros = -(print_exp + 1);
        buf.push_str("0.");
        for _ in 0..zeros {
            buf.push('0');
        }
        buf.push_str(std::str::from_utf8(&digits).unwrap());
        num_frac = num_digits + zeros;
        num_whole = 1;
    }

    if o.trim != Trim::DptZeros && num_frac == 0 {
        buf.push('.');
    }
    let add_digits = if o.unique { o.min_digits } else { o.precision };
    let mut desired_frac = add_digits.max(0);
    if !o.fractional {
        desired_frac = add_digits - num_whole;
    }
    if o.trim == Trim::LeaveOneZero {
        if num_frac == 0 {
            buf.push('0');
            num_frac += 1;
        }
    } else if o.trim == Trim::None && desired_frac > num_frac {
        for _ in 0..(desired_frac - num_frac) {
            buf.push('0');
        }
        num_frac = desired_frac;
    }

    if o.trim != Trim::None && num_frac > 0 {
        while buf.ends_with('0') {
            buf.pop();
            num_frac -= 1;
        }
        if buf.ends_with('.') {
            if o.trim == Trim::LeaveOneZero {
                buf.push('0');
                num_frac += 1;
            } else if o.trim == Trim::DptZeros {
                buf.pop();
            }
        }
    }

    if o.pad_right >= num_frac {
        if o.trim == Trim::DptZeros && num_frac == 0 {
            buf.push(' ');
        }
        for _ in 0..(o.pad_right - num_frac) {
            buf.push(' ');
        }
    }
    if o.pad_left > num_whole + has_sign {
        let shift = (o.pad_left - (num_whole + has_sign)) as usize;
        buf.insert_str(0, &" ".repeat(shift));
    }
    buf
}

fn format_scientific(
    sign: &str,
    mantissa: u64,
    exponent: i32,
    mbit: u32,
    unequal: bool,
    o: &D4Opts,
) -> String {
    let mut buf = String::new();
    let leftchars = 1 + !sign.is_empty() as i32;
    if o.pad_left > leftchars {
        buf.push_str(&" ".repeat((o.pad_left - leftchars) as usize));
    }
    buf.push_str(sign);
    let cmax = if o.precision < 0 { -1 } else { o.precision + 1 };
    let cmin = if o.min_digits < 0 {
        -1
    } else {
        o.min_digits + 1
    };
    let (digits, print_exp) = dragon4_digits(
        mantissa, exponent, mbit, unequal, o.unique, false, cmax, cmin,
    );
    buf.push(digits[0] as char);
    let mut num_frac = digits.len() as i32 - 1;
    if num_frac > 0 {
        buf.push('.');
        buf.push_str(std::str::from_utf8(&digits[1..]).unwrap());
    }
    if o.trim != Trim::DptZeros && num_frac == 0 {
        buf.push('.');
    }
    let add_digits = (if o.unique { o.min_digits } else { o.precision }).max(0);
    if o.trim == Trim::LeaveOneZero {
        if num_frac == 0 {
            buf.push('0');
            num_frac += 1;
        }
    } else if o.trim == Trim::None && add_digits > num_frac {
        for _ in 0..(add_digits - num_frac) {
            buf.push('0');
        }
        num_frac = add_digits;
    }
    if o.trim != Trim::None && num_frac > 0 {
        while buf.ends_with('0') {
            buf.pop();
        }
        if o.trim == Trim::LeaveOneZero && buf.ends_with('.') {
            buf.push('0');
        }
    }

    let exp_digits = if o.exp_digits < 0 {
        2
    } else {
        o.exp_digits.min(5)
    } as usize;
    buf.push('e');
    buf.push(if print_exp >= 0 { '+' } else { '-' });
    let e = print_exp.unsigned_abs().to_string();
    if e.len() < exp_digits {
        buf.push_str(&"0".repeat(exp_digits - e.len()));
    }
    buf.push_str(&e);
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(shape: &[usize], data: Storage, repr: &str, str_: &str) {
        assert_eq!(array_repr(shape, &data), repr, "repr of {shape:?}");
        assert_eq!(array_str(shape, &data), str_, "str of {shape:?}");
    }

    fn check_scalar(dtype: DType, value: Scalar, repr: &str, str_: &str) {
        assert_eq!(scalar_repr(dtype, value), repr, "repr of {value:?}");
        assert_eq!(scalar_str(dtype, value), str_, "str of {value:?}");
    }

    fn f64s(v: &[f64]) -> Storage {
        Storage::Float64(v.to_vec())
    }
    fn f32s(v: &[f64]) -> Storage {
        Storage::Float32(v.iter().map(|&x| x as f32).collect())
    }
    fn c128s(v: &[(f64, f64)]) -> Storage {
        Storage::Complex128(v.iter().map(|&(re, im)| Complex64::new(re, im)).collect())
    }
    fn bools(v: &[bool]) -> Storage {
        Storage::Bool(v.to_vec())
    }
    fn i64s(v: &[i64]) -> Storage {
        Storage::Int64(v.to_vec())
    }
    fn i32s(v: &[i32]) -> Storage {
        Storage::Int32(v.to_vec())
    }
    fn i8s(v: &[i8]) -> Storage {
        Storage::Int8(v.to_vec())
    }
    fn u8s(v: &[u8]) -> Storage {
        Storage::UInt8(v.to_vec())
    }

    // Golden cases: expected strings are numpy 2.4's `repr(a)` and `str(a)`.

    #[test]
    fn f64_integers() {
        check(
            &[3],
            f64s(&[1.0, 2.0, 3.0]),
            "array([1., 2., 3.])",
            "[1. 2. 3.]",
        );
    }

    #[test]
    fn f64_mixed_widths() {
        check(
            &[3],
            f64s(&[1.5, 2.0, -3.25]),
            "array([ 1.5 ,  2.  , -3.25])",
            "[ 1.5   2.   -3.25]",
        );
    }

    #[test]
    fn f64_tenths() {
        check(
            &[3],
            f64s(&[0.1, 0.2, 0.3]),
            "array([0.1, 0.2, 0.3])",
            "[0.1 0.2 0.3]",
        );
    }

    #[test]
    fn f64_thirds_cut_to_precision() {
        check(
            &[2],
            f64s(&[0.3333333333333333, 0.6666666666666666]),
            "array([0.33333333, 0.66666667])",
            "[0.33333333 0.66666667]",
        );
    }

    #[test]
    fn f64_precision_rounding() {
        check(
            &[1],
            f64s(&[0.1234567891]),
            "array([0.12345679])",
            "[0.12345679]",
        );
    }

    #[test]
    fn f64_tie_rounds_half_even() {
        check(
            &[2],
            f64s(&[0.001953125, 1.0]),
            "array([0.00195312, 1.        ])",
            "[0.00195312 1.        ]",
        );
    }

    #[test]
    fn f64_tie_rounds_half_even_up() {
        check(
            &[2],
            f64s(&[0.005859375, 1.0]),
            "array([0.00585938, 1.        ])",
            "[0.00585938 1.        ]",
        );
    }

    #[test]
    fn f64_round_up_carry() {
        check(
            &[2],
            f64s(&[0.999999999, 2.5]),
            "array([1. , 2.5])",
            "[1.  2.5]",
        );
    }

    #[test]
    fn f64_large_positional() {
        check(
            &[2],
            f64s(&[99999999.0, 500000.0]),
            "array([99999999.,   500000.])",
            "[99999999.   500000.]",
        );
    }

    #[test]
    fn f64_exp_at_1e8() {
        check(
            &[2],
            f64s(&[100000000.0, 500000.0]),
            "array([1.e+08, 5.e+05])",
            "[1.e+08 5.e+05]",
        );
    }

    #[test]
    fn f64_min_exactly_1e_4() {
        check(
            &[2],
            f64s(&[0.0001, 0.001]),
            "array([0.0001, 0.001 ])",
            "[0.0001 0.001 ]",
        );
    }

    #[test]
    fn f64_min_below_1e_4() {
        check(
            &[2],
            f64s(&[9.9e-05, 0.001]),
            "array([9.9e-05, 1.0e-03])",
            "[9.9e-05 1.0e-03]",
        );
    }

    #[test]
    fn f64_ratio_exactly_1000() {
        check(
            &[2],
            f64s(&[1.0, 1000.0]),
            "array([   1., 1000.])",
            "[   1. 1000.]",
        );
    }

    #[test]
    fn f64_ratio_above_1000() {
        check(
            &[2],
            f64s(&[1.0, 1000.5]),
            "array([1.0000e+00, 1.0005e+03])",
            "[1.0000e+00 1.0005e+03]",
        );
    }

    #[test]
    fn f64_exp_integer() {
        check(&[1], f64s(&[10000000000.0]), "array([1.e+10])", "[1.e+10]");
    }

    #[test]
    fn f64_exp_fraction() {
        check(&[1], f64s(&[1.5e-05]), "array([1.5e-05])", "[1.5e-05]");
    }

    #[test]
    fn f64_exp_three_digit_exponent() {
        check(
            &[3],
            f64s(&[1.0e+100, 1.0e-100, -2.5]),
            "array([ 1.0e+100,  1.0e-100, -2.5e+000])",
            "[ 1.0e+100  1.0e-100 -2.5e+000]",
        );
    }

    #[test]
    fn f64_exp_mixed_precision() {
        check(
            &[3],
            f64s(&[1.25e-07, 3000000000.0, -1.0]),
            "array([ 1.25e-07,  3.00e+09, -1.00e+00])",
            "[ 1.25e-07  3.00e+09 -1.00e+00]",
        );
    }

    #[test]
    fn f64_nan_inf() {
        check(
            &[3],
            f64s(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY]),
            "array([ nan,  inf, -inf])",
            "[ nan  inf -inf]",
        );
    }

    #[test]
    fn f64_nan_with_values() {
        check(
            &[3],
            f64s(&[f64::NAN, 1.5, f64::NEG_INFINITY]),
            "array([ nan,  1.5, -inf])",
            "[ nan  1.5 -inf]",
        );
    }

    #[test]
    fn f64_nan_with_exp() {
        check(
            &[2],
            f64s(&[10000000000.0, f64::NAN]),
            "array([1.e+10,    nan])",
            "[1.e+10    nan]",
        );
    }

    #[test]
    fn f64_nan_inf_positive_only() {
        check(
            &[2],
            f64s(&[f64::NAN, f64::INFINITY]),
            "array([nan, inf])",
            "[nan inf]",
        );
    }

    #[test]
    fn f64_neg_zero() {
        check(&[1], f64s(&[-0.0]), "array([-0.])", "[-0.]");
    }

    #[test]
    fn f64_zero_and_neg_zero() {
        check(
            &[3],
            f64s(&[0.0, -0.0, 1.0]),
            "array([ 0., -0.,  1.])",
            "[ 0. -0.  1.]",
        );
    }

    #[test]
    fn f64_all_zero() {
        check(&[2], f64s(&[0.0, 0.0]), "array([0., 0.])", "[0. 0.]");
    }

    #[test]
    fn f64_subnormal() {
        check(
            &[2],
            f64s(&[5.0e-324, 1.0]),
            "array([5.e-324, 1.e+000])",
            "[5.e-324 1.e+000]",
        );
    }

    #[test]
    fn f64_extremes() {
        check(
            &[2],
            f64s(&[1.7976931348623157e+308, -1.7976931348623157e+308]),
            "array([ 1.79769313e+308, -1.79769313e+308])",
            "[ 1.79769313e+308 -1.79769313e+308]",
        );
    }

    #[test]
    fn f64_linspace() {
        check(
            &[7],
            f64s(&[
                0.0,
                0.16666666666666666,
                0.3333333333333333,
                0.5,
                0.6666666666666666,
                0.8333333333333333,
                1.0,
            ]),
            "array([0.        , 0.16666667, 0.33333333, 0.5       , 0.66666667,\n       0.83333333, 1.        ])",
            "[0.         0.16666667 0.33333333 0.5        0.66666667 0.83333333\n 1.        ]",
        );
    }

    #[test]
    fn f64_many_digits() {
        check(
            &[3],
            f64s(&[-1.2345, 10.5, 3.141592653589793]),
            "array([-1.2345    , 10.5       ,  3.14159265])",
            "[-1.2345     10.5         3.14159265]",
        );
    }

    #[test]
    fn f64_huge_integer_valued() {
        check(
            &[2],
            f64s(&[1000000000000000.0, 2000000000000000.0]),
            "array([1.e+15, 2.e+15])",
            "[1.e+15 2.e+15]",
        );
    }

    #[test]
    fn f64_arange40_wraps() {
        check(
            &[40],
            f64s(&(0..40).map(|x| x as f64).collect::<Vec<_>>()),
            "array([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12.,\n       13., 14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25.,\n       26., 27., 28., 29., 30., 31., 32., 33., 34., 35., 36., 37., 38.,\n       39.])",
            "[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n 18. 19. 20. 21. 22. 23. 24. 25. 26. 27. 28. 29. 30. 31. 32. 33. 34. 35.\n 36. 37. 38. 39.]",
        );
    }

    #[test]
    fn f64_arange1001_summarized() {
        check(
            &[1001],
            f64s(&(0..1001).map(|x| x as f64).collect::<Vec<_>>()),
            "array([   0.,    1.,    2., ...,  998.,  999., 1000.], shape=(1001,))",
            "[   0.    1.    2. ...  998.  999. 1000.]",
        );
    }

    #[test]
    fn f64_2d() {
        check(
            &[2, 2],
            f64s(&[1.5, 2.0, 3.0, 4.0]),
            "array([[1.5, 2. ],\n       [3. , 4. ]])",
            "[[1.5 2. ]\n [3.  4. ]]",
        );
    }

    #[test]
    fn f64_3d() {
        check(
            &[2, 3, 4],
            f64s(&(0..24).map(|x| x as f64).collect::<Vec<_>>()),
            "array([[[ 0.,  1.,  2.,  3.],\n        [ 4.,  5.,  6.,  7.],\n        [ 8.,  9., 10., 11.]],\n\n       [[12., 13., 14., 15.],\n        [16., 17., 18., 19.],\n        [20., 21., 22., 23.]]])",
            "[[[ 0.  1.  2.  3.]\n  [ 4.  5.  6.  7.]\n  [ 8.  9. 10. 11.]]\n\n [[12. 13. 14. 15.]\n  [16. 17. 18. 19.]\n  [20. 21. 22. 23.]]]",
        );
    }

    #[test]
    fn f64_2d_summarized() {
        check(
            &[40, 50],
            f64s(&(0..2000).map(|x| x as f64).collect::<Vec<_>>()),
            "array([[0.000e+00, 1.000e+00, 2.000e+00, ..., 4.700e+01, 4.800e+01,\n        4.900e+01],\n       [5.000e+01, 5.100e+01, 5.200e+01, ..., 9.700e+01, 9.800e+01,\n        9.900e+01],\n       [1.000e+02, 1.010e+02, 1.020e+02, ..., 1.470e+02, 1.480e+02,\n        1.490e+02],\n       ...,\n       [1.850e+03, 1.851e+03, 1.852e+03, ..., 1.897e+03, 1.898e+03,\n        1.899e+03],\n       [1.900e+03, 1.901e+03, 1.902e+03, ..., 1.947e+03, 1.948e+03,\n        1.949e+03],\n       [1.950e+03, 1.951e+03, 1.952e+03, ..., 1.997e+03, 1.998e+03,\n        1.999e+03]], shape=(40, 50))",
            "[[0.000e+00 1.000e+00 2.000e+00 ... 4.700e+01 4.800e+01 4.900e+01]\n [5.000e+01 5.100e+01 5.200e+01 ... 9.700e+01 9.800e+01 9.900e+01]\n [1.000e+02 1.010e+02 1.020e+02 ... 1.470e+02 1.480e+02 1.490e+02]\n ...\n [1.850e+03 1.851e+03 1.852e+03 ... 1.897e+03 1.898e+03 1.899e+03]\n [1.900e+03 1.901e+03 1.902e+03 ... 1.947e+03 1.948e+03 1.949e+03]\n [1.950e+03 1.951e+03 1.952e+03 ... 1.997e+03 1.998e+03 1.999e+03]]",
        );
    }

    #[test]
    fn f64_2d_wide_rows() {
        check(
            &[2, 30],
            f64s(&(0..60).map(|x| x as f64 / 7.0).collect::<Vec<_>>()),
            "array([[0.        , 0.14285714, 0.28571429, 0.42857143, 0.57142857,\n        0.71428571, 0.85714286, 1.        , 1.14285714, 1.28571429,\n        1.42857143, 1.57142857, 1.71428571, 1.85714286, 2.        ,\n        2.14285714, 2.28571429, 2.42857143, 2.57142857, 2.71428571,\n        2.85714286, 3.        , 3.14285714, 3.28571429, 3.42857143,\n        3.57142857, 3.71428571, 3.85714286, 4.        , 4.14285714],\n       [4.28571429, 4.42857143, 4.57142857, 4.71428571, 4.85714286,\n        5.        , 5.14285714, 5.28571429, 5.42857143, 5.57142857,\n        5.71428571, 5.85714286, 6.        , 6.14285714, 6.28571429,\n        6.42857143, 6.57142857, 6.71428571, 6.85714286, 7.        ,\n        7.14285714, 7.28571429, 7.42857143, 7.57142857, 7.71428571,\n        7.85714286, 8.        , 8.14285714, 8.28571429, 8.42857143]])",
            "[[0.         0.14285714 0.28571429 0.42857143 0.57142857 0.71428571\n  0.85714286 1.         1.14285714 1.28571429 1.42857143 1.57142857\n  1.71428571 1.85714286 2.         2.14285714 2.28571429 2.42857143\n  2.57142857 2.71428571 2.85714286 3.         3.14285714 3.28571429\n  3.42857143 3.57142857 3.71428571 3.85714286 4.         4.14285714]\n [4.28571429 4.42857143 4.57142857 4.71428571 4.85714286 5.\n  5.14285714 5.28571429 5.42857143 5.57142857 5.71428571 5.85714286\n  6.         6.14285714 6.28571429 6.42857143 6.57142857 6.71428571\n  6.85714286 7.         7.14285714 7.28571429 7.42857143 7.57142857\n  7.71428571 7.85714286 8.         8.14285714 8.28571429 8.42857143]]",
        );
    }

    #[test]
    fn f64_0d() {
        check(&[], f64s(&[5.0]), "array(5.)", "5.0");
    }

    #[test]
    fn f64_0d_fraction() {
        check(&[], f64s(&[-2.5]), "array(-2.5)", "-2.5");
    }

    #[test]
    fn f64_0d_exp() {
        check(&[], f64s(&[1.0e+20]), "array(1.e+20)", "1e+20");
    }

    #[test]
    fn f64_0d_nan() {
        check(&[], f64s(&[f64::NAN]), "array(nan)", "nan");
    }

    #[test]
    fn f64_0d_long() {
        check(
            &[],
            f64s(&[0.3333333333333333]),
            "array(0.33333333)",
            "0.3333333333333333",
        );
    }

    #[test]
    fn f64_4d() {
        check(
            &[2, 2, 2, 2],
            f64s(&(0..16).map(|x| x as f64).collect::<Vec<_>>()),
            "array([[[[ 0.,  1.],\n         [ 2.,  3.]],\n\n        [[ 4.,  5.],\n         [ 6.,  7.]]],\n\n\n       [[[ 8.,  9.],\n         [10., 11.]],\n\n        [[12., 13.],\n         [14., 15.]]]])",
            "[[[[ 0.  1.]\n   [ 2.  3.]]\n\n  [[ 4.  5.]\n   [ 6.  7.]]]\n\n\n [[[ 8.  9.]\n   [10. 11.]]\n\n  [[12. 13.]\n   [14. 15.]]]]",
        );
    }

    #[test]
    fn f32_tenths() {
        check(
            &[3],
            f32s(&[
                0.10000000149011612,
                0.20000000298023224,
                0.30000001192092896,
            ]),
            "array([0.1, 0.2, 0.3], dtype=float32)",
            "[0.1 0.2 0.3]",
        );
    }

    #[test]
    fn f32_third() {
        check(
            &[2],
            f32s(&[0.3333333432674408, 0.6666666865348816]),
            "array([0.33333334, 0.6666667 ], dtype=float32)",
            "[0.33333334 0.6666667 ]",
        );
    }

    #[test]
    fn f32_exp_at_1e6() {
        check(
            &[1],
            f32s(&[1000000.0]),
            "array([1.e+06], dtype=float32)",
            "[1.e+06]",
        );
    }

    #[test]
    fn f32_below_1e6() {
        check(
            &[1],
            f32s(&[999999.0]),
            "array([999999.], dtype=float32)",
            "[999999.]",
        );
    }

    #[test]
    fn f32_min_1e_4() {
        check(
            &[2],
            f32s(&[9.999999747378752e-05, 1.0]),
            "array([1.e-04, 1.e+00], dtype=float32)",
            "[1.e-04 1.e+00]",
        );
    }

    #[test]
    fn f32_min_1e_4_positional() {
        check(
            &[2],
            f32s(&[9.999999747378752e-05, 0.05000000074505806]),
            "array([0.0001, 0.05  ], dtype=float32)",
            "[0.0001 0.05  ]",
        );
    }

    #[test]
    fn f32_ratio_rounding() {
        check(
            &[2],
            f32s(&[0.0010000000474974513, 1.0000001192092896]),
            "array([1.0000000e-03, 1.0000001e+00], dtype=float32)",
            "[1.0000000e-03 1.0000001e+00]",
        );
    }

    #[test]
    fn f32_pi() {
        check(
            &[2],
            f32s(&[3.1415927410125732, -2.718280076980591]),
            "array([ 3.1415927, -2.71828  ], dtype=float32)",
            "[ 3.1415927 -2.71828  ]",
        );
    }

    #[test]
    fn f32_nan_inf() {
        check(
            &[3],
            f32s(&[f64::NAN, f64::INFINITY, 1.5]),
            "array([nan, inf, 1.5], dtype=float32)",
            "[nan inf 1.5]",
        );
    }

    #[test]
    fn f32_arange40() {
        check(
            &[40],
            f32s(&(0..40).map(|x| x as f64).collect::<Vec<_>>()),
            "array([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12.,\n       13., 14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25.,\n       26., 27., 28., 29., 30., 31., 32., 33., 34., 35., 36., 37., 38.,\n       39.], dtype=float32)",
            "[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n 18. 19. 20. 21. 22. 23. 24. 25. 26. 27. 28. 29. 30. 31. 32. 33. 34. 35.\n 36. 37. 38. 39.]",
        );
    }

    #[test]
    fn f32_0d() {
        check(
            &[],
            f32s(&[1000000.0]),
            "array(1.e+06, dtype=float32)",
            "1e+06",
        );
    }

    #[test]
    fn f32_2d() {
        check(
            &[2, 2],
            f32s(&[0.5, 1.25, 100.125, -7.0]),
            "array([[  0.5  ,   1.25 ],\n       [100.125,  -7.   ]], dtype=float32)",
            "[[  0.5     1.25 ]\n [100.125  -7.   ]]",
        );
    }

    #[test]
    fn i64_basic() {
        check(&[3], i64s(&[1, 2, 3]), "array([1, 2, 3])", "[1 2 3]");
    }

    #[test]
    fn i64_negative_widths() {
        check(
            &[3],
            i64s(&[-1, 10, -100]),
            "array([  -1,   10, -100])",
            "[  -1   10 -100]",
        );
    }

    #[test]
    fn i64_extremes() {
        check(
            &[2],
            i64s(&[4611686018427387904, -9223372036854775808]),
            "array([ 4611686018427387904, -9223372036854775808])",
            "[ 4611686018427387904 -9223372036854775808]",
        );
    }

    #[test]
    fn i64_arange100_wraps() {
        check(
            &[100],
            i64s(&(0..100).collect::<Vec<_>>()),
            "array([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16,\n       17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,\n       34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50,\n       51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67,\n       68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84,\n       85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99])",
            "[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47\n 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71\n 72 73 74 75 76 77 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95\n 96 97 98 99]",
        );
    }

    #[test]
    fn i64_arange2000_summarized() {
        check(
            &[2000],
            i64s(&(0..2000).collect::<Vec<_>>()),
            "array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))",
            "[   0    1    2 ... 1997 1998 1999]",
        );
    }

    #[test]
    fn i64_3d_summarized() {
        check(
            &[10, 10, 30],
            i64s(&(0..3000).collect::<Vec<_>>()),
            "array([[[   0,    1,    2, ...,   27,   28,   29],\n        [  30,   31,   32, ...,   57,   58,   59],\n        [  60,   61,   62, ...,   87,   88,   89],\n        ...,\n        [ 210,  211,  212, ...,  237,  238,  239],\n        [ 240,  241,  242, ...,  267,  268,  269],\n        [ 270,  271,  272, ...,  297,  298,  299]],\n\n       [[ 300,  301,  302, ...,  327,  328,  329],\n        [ 330,  331,  332, ...,  357,  358,  359],\n        [ 360,  361,  362, ...,  387,  388,  389],\n        ...,\n        [ 510,  511,  512, ...,  537,  538,  539],\n        [ 540,  541,  542, ...,  567,  568,  569],\n        [ 570,  571,  572, ...,  597,  598,  599]],\n\n       [[ 600,  601,  602, ...,  627,  628,  629],\n        [ 630,  631,  632, ...,  657,  658,  659],\n        [ 660,  661,  662, ...,  687,  688,  689],\n        ...,\n        [ 810,  811,  812, ...,  837,  838,  839],\n        [ 840,  841,  842, ...,  867,  868,  869],\n        [ 870,  871,  872, ...,  897,  898,  899]],\n\n       ...,\n\n       [[2100, 2101, 2102, ..., 2127, 2128, 2129],\n        [2130, 2131, 2132, ..., 2157, 2158, 2159],\n        [2160, 2161, 2162, ..., 2187, 2188, 2189],\n        ...,\n        [2310, 2311, 2312, ..., 2337, 2338, 2339],\n        [2340, 2341, 2342, ..., 2367, 2368, 2369],\n        [2370, 2371, 2372, ..., 2397, 2398, 2399]],\n\n       [[2400, 2401, 2402, ..., 2427, 2428, 2429],\n        [2430, 2431, 2432, ..., 2457, 2458, 2459],\n        [2460, 2461, 2462, ..., 2487, 2488, 2489],\n        ...,\n        [2610, 2611, 2612, ..., 2637, 2638, 2639],\n        [2640, 2641, 2642, ..., 2667, 2668, 2669],\n        [2670, 2671, 2672, ..., 2697, 2698, 2699]],\n\n       [[2700, 2701, 2702, ..., 2727, 2728, 2729],\n        [2730, 2731, 2732, ..., 2757, 2758, 2759],\n        [2760, 2761, 2762, ..., 2787, 2788, 2789],\n        ...,\n        [2910, 2911, 2912, ..., 2937, 2938, 2939],\n        [2940, 2941, 2942, ..., 2967, 2968, 2969],\n        [2970, 2971, 2972, ..., 2997, 2998, 2999]]], shape=(10, 10, 30))",
            "[[[   0    1    2 ...   27   28   29]\n  [  30   31   32 ...   57   58   59]\n  [  60   61   62 ...   87   88   89]\n  ...\n  [ 210  211  212 ...  237  238  239]\n  [ 240  241  242 ...  267  268  269]\n  [ 270  271  272 ...  297  298  299]]\n\n [[ 300  301  302 ...  327  328  329]\n  [ 330  331  332 ...  357  358  359]\n  [ 360  361  362 ...  387  388  389]\n  ...\n  [ 510  511  512 ...  537  538  539]\n  [ 540  541  542 ...  567  568  569]\n  [ 570  571  572 ...  597  598  599]]\n\n [[ 600  601  602 ...  627  628  629]\n  [ 630  631  632 ...  657  658  659]\n  [ 660  661  662 ...  687  688  689]\n  ...\n  [ 810  811  812 ...  837  838  839]\n  [ 840  841  842 ...  867  868  869]\n  [ 870  871  872 ...  897  898  899]]\n\n ...\n\n [[2100 2101 2102 ... 2127 2128 2129]\n  [2130 2131 2132 ... 2157 2158 2159]\n  [2160 2161 2162 ... 2187 2188 2189]\n  ...\n  [2310 2311 2312 ... 2337 2338 2339]\n  [2340 2341 2342 ... 2367 2368 2369]\n  [2370 2371 2372 ... 2397 2398 2399]]\n\n [[2400 2401 2402 ... 2427 2428 2429]\n  [2430 2431 2432 ... 2457 2458 2459]\n  [2460 2461 2462 ... 2487 2488 2489]\n  ...\n  [2610 2611 2612 ... 2637 2638 2639]\n  [2640 2641 2642 ... 2667 2668 2669]\n  [2670 2671 2672 ... 2697 2698 2699]]\n\n [[2700 2701 2702 ... 2727 2728 2729]\n  [2730 2731 2732 ... 2757 2758 2759]\n  [2760 2761 2762 ... 2787 2788 2789]\n  ...\n  [2910 2911 2912 ... 2937 2938 2939]\n  [2940 2941 2942 ... 2967 2968 2969]\n  [2970 2971 2972 ... 2997 2998 2999]]]",
        );
    }

    #[test]
    fn i64_2d() {
        check(
            &[2, 2],
            i64s(&[1, 2, 3, 4]),
            "array([[1, 2],\n       [3, 4]])",
            "[[1 2]\n [3 4]]",
        );
    }

    #[test]
    fn i64_3d() {
        check(
            &[2, 2, 2],
            i64s(&(0..8).collect::<Vec<_>>()),
            "array([[[0, 1],\n        [2, 3]],\n\n       [[4, 5],\n        [6, 7]]])",
            "[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]",
        );
    }

    #[test]
    fn i64_2d_summarized_rows_only() {
        check(
            &[505, 2],
            i64s(&(0..1010).collect::<Vec<_>>()),
            "array([[   0,    1],\n       [   2,    3],\n       [   4,    5],\n       ...,\n       [1004, 1005],\n       [1006, 1007],\n       [1008, 1009]], shape=(505, 2))",
            "[[   0    1]\n [   2    3]\n [   4    5]\n ...\n [1004 1005]\n [1006 1007]\n [1008 1009]]",
        );
    }

    #[test]
    fn i64_0d() {
        check(&[], i64s(&[5]), "array(5)", "5");
    }

    #[test]
    fn i32_basic() {
        check(&[2], i32s(&[1, 2]), "array([1, 2], dtype=int32)", "[1 2]");
    }

    #[test]
    fn i32_dtype_wraps() {
        check(
            &[22],
            i32s(&[
                448, 40, -261, -8, 32, 374, 103, 569, 576, 114, 62, -258, 228, 155, 586, 357, -77,
                89, -141, -134, -155, 586,
            ]),
            "array([ 448,   40, -261,   -8,   32,  374,  103,  569,  576,  114,   62,\n       -258,  228,  155,  586,  357,  -77,   89, -141, -134, -155,  586],\n      dtype=int32)",
            "[ 448   40 -261   -8   32  374  103  569  576  114   62 -258  228  155\n  586  357  -77   89 -141 -134 -155  586]",
        );
    }

    #[test]
    fn i32_long() {
        check(
            &[30],
            i32s(&(0..30).map(|x| x * 1000).collect::<Vec<_>>()),
            "array([    0,  1000,  2000,  3000,  4000,  5000,  6000,  7000,  8000,\n        9000, 10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000,\n       18000, 19000, 20000, 21000, 22000, 23000, 24000, 25000, 26000,\n       27000, 28000, 29000], dtype=int32)",
            "[    0  1000  2000  3000  4000  5000  6000  7000  8000  9000 10000 11000\n 12000 13000 14000 15000 16000 17000 18000 19000 20000 21000 22000 23000\n 24000 25000 26000 27000 28000 29000]",
        );
    }

    #[test]
    fn i32_summarized() {
        check(
            &[1500],
            i32s(&(0..1500).collect::<Vec<_>>()),
            "array([   0,    1,    2, ..., 1497, 1498, 1499],\n      shape=(1500,), dtype=int32)",
            "[   0    1    2 ... 1497 1498 1499]",
        );
    }

    #[test]
    fn i8_extremes() {
        check(
            &[3],
            i8s(&[-128, 127, 0]),
            "array([-128,  127,    0], dtype=int8)",
            "[-128  127    0]",
        );
    }

    #[test]
    fn i8_0d() {
        check(&[], i8s(&[5]), "array(5, dtype=int8)", "5");
    }

    #[test]
    fn u8_basic() {
        check(
            &[3],
            u8s(&[0, 7, 255]),
            "array([  0,   7, 255], dtype=uint8)",
            "[  0   7 255]",
        );
    }

    #[test]
    fn u8_2d() {
        check(
            &[2, 3],
            u8s(&[1, 2, 3, 40, 50, 60]),
            "array([[ 1,  2,  3],\n       [40, 50, 60]], dtype=uint8)",
            "[[ 1  2  3]\n [40 50 60]]",
        );
    }

    #[test]
    fn bool_basic() {
        check(
            &[2],
            bools(&[true, false]),
            "array([ True, False])",
            "[ True False]",
        );
    }

    #[test]
    fn bool_2d() {
        check(
            &[2, 2],
            bools(&[true, false, false, true]),
            "array([[ True, False],\n       [False,  True]])",
            "[[ True False]\n [False  True]]",
        );
    }

    #[test]
    fn bool_long() {
        check(
            &[30],
            bools(&(0..30).map(|i| i % 3 == 0).collect::<Vec<_>>()),
            "array([ True, False, False,  True, False, False,  True, False, False,\n        True, False, False,  True, False, False,  True, False, False,\n        True, False, False,  True, False, False,  True, False, False,\n        True, False, False])",
            "[ True False False  True False False  True False False  True False False\n  True False False  True False False  True False False  True False False\n  True False False  True False False]",
        );
    }

    #[test]
    fn bool_0d() {
        check(&[], bools(&[true]), "array(True)", "True");
    }

    #[test]
    fn bool_0d_false() {
        check(&[], bools(&[false]), "array(False)", "False");
    }

    #[test]
    fn empty_f64() {
        check(&[0], f64s(&[]), "array([], dtype=float64)", "[]");
    }

    #[test]
    fn empty_i64() {
        check(&[0], i64s(&[]), "array([], dtype=int64)", "[]");
    }

    #[test]
    fn empty_i8() {
        check(&[0], i8s(&[]), "array([], dtype=int8)", "[]");
    }

    #[test]
    fn empty_bool() {
        check(&[0], bools(&[]), "array([], dtype=bool)", "[]");
    }

    #[test]
    fn empty_c128() {
        check(&[0], c128s(&[]), "array([], dtype=complex128)", "[]");
    }

    #[test]
    fn empty_2d() {
        check(
            &[0, 3],
            f64s(&[]),
            "array([], shape=(0, 3), dtype=float64)",
            "[]",
        );
    }

    #[test]
    fn empty_2d_trailing() {
        check(
            &[3, 0],
            bools(&[]),
            "array([], shape=(3, 0), dtype=bool)",
            "[]",
        );
    }

    #[test]
    fn empty_3d_i32() {
        check(
            &[2, 0, 4],
            i32s(&[]),
            "array([], shape=(2, 0, 4), dtype=int32)",
            "[]",
        );
    }

    #[test]
    fn c128_basic() {
        check(
            &[2],
            c128s(&[(1.0, 2.0), (3.0, -4.0)]),
            "array([1.+2.j, 3.-4.j])",
            "[1.+2.j 3.-4.j]",
        );
    }

    #[test]
    fn c128_imag_only() {
        check(
            &[1],
            c128s(&[(-0.0, -1.0)]),
            "array([-0.-1.j])",
            "[-0.-1.j]",
        );
    }

    #[test]
    fn c128_mixed_widths() {
        check(
            &[2],
            c128s(&[(1.5, 2.0), (-0.5, -0.001)]),
            "array([ 1.5+2.e+00j, -0.5-1.e-03j])",
            "[ 1.5+2.e+00j -0.5-1.e-03j]",
        );
    }

    #[test]
    fn c128_nan_inf() {
        check(
            &[3],
            c128s(&[
                (f64::NAN, 1.0),
                (1.0, f64::INFINITY),
                (f64::NEG_INFINITY, f64::NEG_INFINITY),
            ]),
            "array([ nan +1.j,   1.+infj, -inf-infj])",
            "[ nan +1.j   1.+infj -inf-infj]",
        );
    }

    #[test]
    fn c128_exp() {
        check(
            &[2],
            c128s(&[(10000000000.0, 1.0), (2.0, -3.0)]),
            "array([1.e+10+1.j, 2.e+00-3.j])",
            "[1.e+10+1.j 2.e+00-3.j]",
        );
    }

    #[test]
    fn c128_2d() {
        check(
            &[2, 2],
            c128s(&[(1.0, 1.0), (2.0, 0.0), (0.0, 3.0), (-4.0, -0.25)]),
            "array([[ 1.+1.j  ,  2.+0.j  ],\n       [ 0.+3.j  , -4.-0.25j]])",
            "[[ 1.+1.j    2.+0.j  ]\n [ 0.+3.j   -4.-0.25j]]",
        );
    }

    #[test]
    fn c128_0d() {
        check(&[], c128s(&[(1.0, 2.0)]), "array(1.+2.j)", "(1+2j)");
    }

    #[test]
    fn c128_zeros() {
        check(
            &[2],
            c128s(&[(0.0, 0.0), (-0.0, -0.0)]),
            "array([ 0.+0.j, -0.-0.j])",
            "[ 0.+0.j -0.-0.j]",
        );
    }

    #[test]
    fn c128_long() {
        check(
            &[20],
            c128s(
                &(0..20)
                    .map(|x| (x as f64, x as f64 * 0.5))
                    .collect::<Vec<_>>(),
            ),
            "array([ 0.+0.j ,  1.+0.5j,  2.+1.j ,  3.+1.5j,  4.+2.j ,  5.+2.5j,\n        6.+3.j ,  7.+3.5j,  8.+4.j ,  9.+4.5j, 10.+5.j , 11.+5.5j,\n       12.+6.j , 13.+6.5j, 14.+7.j , 15.+7.5j, 16.+8.j , 17.+8.5j,\n       18.+9.j , 19.+9.5j])",
            "[ 0.+0.j   1.+0.5j  2.+1.j   3.+1.5j  4.+2.j   5.+2.5j  6.+3.j   7.+3.5j\n  8.+4.j   9.+4.5j 10.+5.j  11.+5.5j 12.+6.j  13.+6.5j 14.+7.j  15.+7.5j\n 16.+8.j  17.+8.5j 18.+9.j  19.+9.5j]",
        );
    }

    #[test]
    fn scalar_float64() {
        check_scalar(DType::Float64, Scalar::Float(1.5), "np.float64(1.5)", "1.5");
        check_scalar(DType::Float64, Scalar::Float(1.0), "np.float64(1.0)", "1.0");
        check_scalar(DType::Float64, Scalar::Float(0.1), "np.float64(0.1)", "0.1");
        check_scalar(
            DType::Float64,
            Scalar::Float(1.0e+16),
            "np.float64(1e+16)",
            "1e+16",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(9999999999999998.0),
            "np.float64(9999999999999998.0)",
            "9999999999999998.0",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(1000000000000000.5),
            "np.float64(1000000000000000.5)",
            "1000000000000000.5",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(1.0e-05),
            "np.float64(1e-05)",
            "1e-05",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(1.5e-05),
            "np.float64(1.5e-05)",
            "1.5e-05",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(0.0001),
            "np.float64(0.0001)",
            "0.0001",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(9.9999e-05),
            "np.float64(9.9999e-05)",
            "9.9999e-05",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(f64::NAN),
            "np.float64(nan)",
            "nan",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(f64::INFINITY),
            "np.float64(inf)",
            "inf",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(f64::NEG_INFINITY),
            "np.float64(-inf)",
            "-inf",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(-0.0),
            "np.float64(-0.0)",
            "-0.0",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(0.3333333333333333),
            "np.float64(0.3333333333333333)",
            "0.3333333333333333",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(1.0e+100),
            "np.float64(1e+100)",
            "1e+100",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(5.0e-324),
            "np.float64(5e-324)",
            "5e-324",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(123456789.123),
            "np.float64(123456789.123)",
            "123456789.123",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(-2.0),
            "np.float64(-2.0)",
            "-2.0",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(1.0e+22),
            "np.float64(1e+22)",
            "1e+22",
        );
        check_scalar(
            DType::Float64,
            Scalar::Float(1.0e+23),
            "np.float64(1e+23)",
            "1e+23",
        );
    }

    #[test]
    fn scalar_float32() {
        check_scalar(
            DType::Float32,
            Scalar::Float(0.10000000149011612),
            "np.float32(0.1)",
            "0.1",
        );
        check_scalar(
            DType::Float32,
            Scalar::Float(1000000.0),
            "np.float32(1e+06)",
            "1e+06",
        );
        check_scalar(
            DType::Float32,
            Scalar::Float(999999.9375),
            "np.float32(999999.94)",
            "999999.94",
        );
        check_scalar(
            DType::Float32,
            Scalar::Float(9.999999747378752e-05),
            "np.float32(1e-04)",
            "1e-04",
        );
        check_scalar(
            DType::Float32,
            Scalar::Float(0.00019999999494757503),
            "np.float32(0.0002)",
            "0.0002",
        );
        check_scalar(
            DType::Float32,
            Scalar::Float(16777216.0),
            "np.float32(1.6777216e+07)",
            "1.6777216e+07",
        );
        check_scalar(
            DType::Float32,
            Scalar::Float(30000001024.0),
            "np.float32(3e+10)",
            "3e+10",
        );
        check_scalar(
            DType::Float32,
            Scalar::Float(0.3333333432674408),
            "np.float32(0.33333334)",
            "0.33333334",
        );
        check_scalar(
            DType::Float32,
            Scalar::Float(f64::NAN),
            "np.float32(nan)",
            "nan",
        );
        check_scalar(
            DType::Float32,
            Scalar::Float(f64::NEG_INFINITY),
            "np.float32(-inf)",
            "-inf",
        );
        check_scalar(DType::Float32, Scalar::Float(1.0), "np.float32(1.0)", "1.0");
        check_scalar(
            DType::Float32,
            Scalar::Float(-0.0),
            "np.float32(-0.0)",
            "-0.0",
        );
        check_scalar(
            DType::Float32,
            Scalar::Float(123456792.0),
            "np.float32(1.2345679e+08)",
            "1.2345679e+08",
        );
        check_scalar(
            DType::Float32,
            Scalar::Float(3.1415927410125732),
            "np.float32(3.1415927)",
            "3.1415927",
        );
    }

    #[test]
    fn scalar_ints() {
        check_scalar(DType::Int64, Scalar::Int(3), "np.int64(3)", "3");
        check_scalar(DType::Int64, Scalar::Int(-5), "np.int64(-5)", "-5");
        check_scalar(
            DType::Int64,
            Scalar::Int(i64::MIN),
            "np.int64(-9223372036854775808)",
            "-9223372036854775808",
        );
        check_scalar(DType::Int8, Scalar::Int(-3), "np.int8(-3)", "-3");
        check_scalar(DType::UInt8, Scalar::Int(7), "np.uint8(7)", "7");
        check_scalar(DType::UInt8, Scalar::Int(200), "np.uint8(200)", "200");
        check_scalar(DType::Int32, Scalar::Int(5), "np.int32(5)", "5");
        check_scalar(
            DType::Int32,
            Scalar::Int(-2147483648),
            "np.int32(-2147483648)",
            "-2147483648",
        );
    }

    #[test]
    fn scalar_bools() {
        check_scalar(DType::Bool, Scalar::Bool(true), "np.True_", "True");
        check_scalar(DType::Bool, Scalar::Bool(false), "np.False_", "False");
    }

    #[test]
    fn scalar_complex() {
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(1.0, 2.0)),
            "np.complex128(1+2j)",
            "(1+2j)",
        );
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(1.5, 2.0)),
            "np.complex128(1.5+2j)",
            "(1.5+2j)",
        );
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(0.0, 2.0)),
            "np.complex128(2j)",
            "2j",
        );
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(-0.0, -2.0)),
            "np.complex128(-0-2j)",
            "(-0-2j)",
        );
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(-0.0, 2.0)),
            "np.complex128(-0+2j)",
            "(-0+2j)",
        );
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(0.0, -0.0)),
            "np.complex128(-0j)",
            "-0j",
        );
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(0.0, 0.0)),
            "np.complex128(0j)",
            "0j",
        );
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(f64::NAN, 1.0)),
            "np.complex128(nan+1j)",
            "(nan+1j)",
        );
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(1.0, f64::NAN)),
            "np.complex128(1+nanj)",
            "(1+nanj)",
        );
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(f64::INFINITY, f64::NEG_INFINITY)),
            "np.complex128(inf-infj)",
            "(inf-infj)",
        );
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(1.0e+20, 1.0e-05)),
            "np.complex128(1e+20+1e-05j)",
            "(1e+20+1e-05j)",
        );
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(0.0001, 1.0e-05)),
            "np.complex128(0.0001+1e-05j)",
            "(0.0001+1e-05j)",
        );
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(1.5, -0.5)),
            "np.complex128(1.5-0.5j)",
            "(1.5-0.5j)",
        );
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(0.0, f64::NAN)),
            "np.complex128(nanj)",
            "nanj",
        );
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(0.0, f64::NEG_INFINITY)),
            "np.complex128(-infj)",
            "-infj",
        );
        check_scalar(
            DType::Complex128,
            Scalar::Complex(Complex64::new(0.3333333333333333, -0.3333333333333333)),
            "np.complex128(0.3333333333333333-0.3333333333333333j)",
            "(0.3333333333333333-0.3333333333333333j)",
        );
    }

    /// The scalar `str` of random floats parses back to the same value and
    /// has as many significant digits as Rust's shortest round-trip form
    /// (no numpy needed).
    #[test]
    fn scalar_digits_are_shortest_round_trip() {
        fn sig_digits(s: &str) -> usize {
            let mant = s.trim_start_matches('-').split(['e', 'E']).next().unwrap();
            let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
            let t = digits.trim_start_matches('0').trim_end_matches('0');
            t.len().max(1)
        }
        let mut r = Rng(12345);
        for _ in 0..20000 {
            let x = f64::from_bits(r.next());
            if !x.is_finite() || x == 0.0 {
                continue;
            }
            let s = scalar_str(DType::Float64, Scalar::Float(x));
            assert_eq!(s.parse::<f64>().unwrap(), x, "{s}");
            assert_eq!(
                sig_digits(&s),
                sig_digits(&format!("{x:e}")),
                "{s} vs {x:e}"
            );
            let y = f32::from_bits(r.next() as u32);
            if !y.is_finite() || y == 0.0 {
                continue;
            }
            let s = scalar_str(DType::Float32, Scalar::Float(y as f64));
            assert_eq!(s.parse::<f32>().unwrap(), y, "{s}");
            assert_eq!(
                sig_digits(&s),
                sig_digits(&format!("{y:e}")),
                "{s} vs {y:e}"
            );
        }
    }

    /// Differential check against the installed numpy on random arrays and
    /// scalars; skipped when `python3` with numpy is not available.
    #[test]
    fn matches_numpy_on_random_values() {
        let n: usize = std::env::var("PYJIT_FMT_FUZZ")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(400);
        let seed: u64 = std::env::var("PYJIT_FMT_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0x9e37_79b9_7f4a_7c15);
        fuzz_against_numpy(n, seed);
    }

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// One random float in a "style" shared by the whole array, so arrays
    /// hit the positional, scientific, padding and cutoff paths.
    fn rand_float(r: &mut Rng, style: u64, scale: i32) -> f64 {
        let special = r.below(40);
        if special == 0 {
            return f64::NAN;
        }
        if special == 1 {
            return if r.below(2) == 0 {
                f64::INFINITY
            } else {
                f64::NEG_INFINITY
            };
        }
        if special == 2 {
            return if r.below(2) == 0 { 0.0 } else { -0.0 };
        }
        let sign = if r.below(3) == 0 { -1.0 } else { 1.0 };
        let v = match style {
            0 => r.below(200) as f64,
            1 => r.below(2000) as f64 / 8.0,
            2 => r.below(100000) as f64 / 1000.0,
            3 => r.unit() * 10f64.powi(scale),
            4 => r.unit() * 10f64.powi(r.below(30) as i32 - 15),
            5 => f64::from_bits(r.next() >> 1),
            6 => (r.below(1000) as f64 + 0.5) * 10f64.powi(scale),
            7 => {
                // Near the notation switches: 1e8, 1e6 (float32), 1e-4,
                // 1e16, and a ratio of 1000 to a value of 1.
                let base =
                    [1e8, 1e6, 1e-4, 1e16, 1000.0, 1.0, 0.5e-8, 0.999999995][r.below(8) as usize];
                let bits = (base as f64).to_bits() as i64 + r.below(5) as i64 - 2;
                f64::from_bits(bits as u64)
            }
            _ => (r.below(10) as f64) * 10f64.powi(scale) + r.unit(),
        };
        sign * v
    }

    fn shape_for(r: &mut Rng) -> Vec<usize> {
        match r.below(12) {
            0 => vec![],
            1 => vec![r.below(3) as usize],
            2..=4 => vec![1 + r.below(40) as usize],
            5 => vec![995 + r.below(12) as usize],
            6..=7 => vec![1 + r.below(5) as usize, 1 + r.below(6) as usize],
            8 => vec![
                1 + r.below(3) as usize,
                1 + r.below(3) as usize,
                1 + r.below(4) as usize,
            ],
            9 => vec![30 + r.below(20) as usize, 20 + r.below(40) as usize],
            10 => vec![r.below(3) as usize, r.below(3) as usize],
            _ => vec![11 + r.below(3) as usize, 9 + r.below(4) as usize, 10],
        }
    }

    fn fuzz_against_numpy(cases: usize, seed: u64) {
        use std::io::Write;
        let ok = std::process::Command::new("python3")
            .args(["-c", "import numpy"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if !ok {
            eprintln!("python3 with numpy not available; skipping");
            return;
        }
        let mut r = Rng(seed);
        let dtypes = [
            DType::Bool,
            DType::Int8,
            DType::UInt8,
            DType::Int32,
            DType::Int64,
            DType::Float32,
            DType::Float64,
            DType::Complex128,
        ];
        let mut input = String::new();
        let mut mine: Vec<(String, String)> = Vec::new();
        for _ in 0..cases {
            let dtype = dtypes[r.below(8) as usize];
            let shape = shape_for(&mut r);
            let size: usize = shape.iter().product();
            let style = r.below(9);
            let scale = r.below(24) as i32 - 12;
            let mut words: Vec<String> = Vec::new();
            let storage = match dtype {
                DType::Bool => {
                    let v: Vec<bool> = (0..size).map(|_| r.below(2) == 0).collect();
                    words.extend(v.iter().map(|b| (*b as u8).to_string()));
                    Storage::Bool(v)
                }
                DType::Int8 => {
                    let v: Vec<i8> = (0..size).map(|_| r.next() as i8).collect();
                    words.extend(v.iter().map(|x| x.to_string()));
                    Storage::Int8(v)
                }
                DType::UInt8 => {
                    let v: Vec<u8> = (0..size).map(|_| r.next() as u8).collect();
                    words.extend(v.iter().map(|x| x.to_string()));
                    Storage::UInt8(v)
                }
                DType::Int32 => {
                    let m = 10u64.pow(r.below(10) as u32);
                    let v: Vec<i32> = (0..size)
                        .map(|_| (r.below(m) as i64 - (m / 3) as i64) as i32)
                        .collect();
                    words.extend(v.iter().map(|x| x.to_string()));
                    Storage::Int32(v)
                }
                DType::Int64 => {
                    let m = 10u64.pow(r.below(19) as u32);
                    let v: Vec<i64> = (0..size)
                        .map(|_| r.below(m) as i64 - (m / 3) as i64)
                        .collect();
                    words.extend(v.iter().map(|x| x.to_string()));
                    Storage::Int64(v)
                }
                DType::Float32 => {
                    let v: Vec<f32> = (0..size)
                        .map(|_| {
                            if style == 5 {
                                f32::from_bits(r.next() as u32 >> 1)
                            } else if style == 7 {
                                let x = rand_float(&mut r, style, scale) as f32;
                                let step = r.below(5) as i32 - 2;
                                if x.is_finite() && x != 0.0 {
                                    f32::from_bits((x.to_bits() as i32 + step) as u32)
                                } else {
                                    x
                                }
                            } else {
                                rand_float(&mut r, style, scale) as f32
                            }
                        })
                        .collect();
                    words.extend(v.iter().map(|x| format!("{:x}", x.to_bits())));
                    Storage::Float32(v)
                }
                DType::Float64 => {
                    let v: Vec<f64> = (0..size)
                        .map(|_| rand_float(&mut r, style, scale))
                        .collect();
                    words.extend(v.iter().map(|x| format!("{:x}", x.to_bits())));
                    Storage::Float64(v)
                }
                DType::Complex128 => {
                    let (style2, scale2) = (r.below(9), r.below(24) as i32 - 12);
                    let v: Vec<Complex64> = (0..size)
                        .map(|_| {
                            Complex64::new(
                                rand_float(&mut r, style, scale),
                                rand_float(&mut r, style2, scale2),
                            )
                        })
                        .collect();
                    words.extend(
                        v.iter()
                            .map(|x| format!("{:x}:{:x}", x.re.to_bits(), x.im.to_bits())),
                    );
                    Storage::Complex128(v)
                }
            };
            let shape_s = shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(",");
            input.push_str(&format!(
                "{} {} {}\n",
                dtype.name(),
                if shape.is_empty() {
                    "-".to_string()
                } else {
                    shape_s
                },
                words.join(" ")
            ));
            mine.push((array_repr(&shape, &storage), array_str(&shape, &storage)));
            if size > 0 {
                let v = element(&storage, 0).unwrap();
                input.push_str(&format!("{} S {}\n", dtype.name(), words[0]));
                mine.push((scalar_repr(dtype, v), scalar_str(dtype, v)));
            }
        }
        let script = r#"
import sys, struct, numpy as np
out = []
for line in sys.stdin.read().splitlines():
    parts = line.split(' ')
    dt, shp, words = parts[0], parts[1], [w for w in parts[2:] if w]
    def conv(w):
        if dt == 'float64':
            return struct.unpack('<d', struct.pack('<Q', int(w, 16)))[0]
        if dt == 'float32':
            return struct.unpack('<f', struct.pack('<I', int(w, 16)))[0]
        if dt == 'complex128':
            a, b = w.split(':')
            return complex(struct.unpack('<d', struct.pack('<Q', int(a, 16)))[0], struct.unpack('<d', struct.pack('<Q', int(b, 16)))[0])
        if dt == 'bool':
            return w == '1'
        return int(w)
    vals = [conv(w) for w in words]
    if shp == 'S':
        x = np.array(vals, dtype=dt)[0]
        out.append(repr(x) + '\x01' + str(x))
    else:
        shape = () if shp == '-' else tuple(int(d) for d in shp.split(','))
        a = np.array(vals, dtype=dt).reshape(shape)
        out.append(repr(a) + '\x01' + str(a))
sys.stdout.write('\x02'.join(out))
"#;
        let mut child = std::process::Command::new("python3")
            .args(["-c", script])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("spawn python3");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "python failed");
        let text = String::from_utf8(out.stdout).unwrap();
        let theirs: Vec<&str> = text.split('\x02').collect();
        assert_eq!(theirs.len(), mine.len());
        let lines: Vec<&str> = input.lines().collect();
        let mut failures = 0;
        for (i, (t, m)) in theirs.iter().zip(&mine).enumerate() {
            let (tr, ts) = t.split_once('\x01').unwrap();
            if tr != m.0 || ts != m.1 {
                failures += 1;
                if failures <= 5 {
                    let l = lines[i];
                    eprintln!(
                        "MISMATCH for input {}\n--- numpy repr\n{tr}\n--- ours\n{}\n--- numpy str\n{ts}\n--- ours\n{}\n",
                        &l[..l.len().min(300)],
                        m.0,
                        m.1
                    );
                }
            }
        }
        assert_eq!(failures, 0, "{failures} mismatches out of {}", mine.len());
    }
}
