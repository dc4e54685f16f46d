//! The array itself: a strided view of shared, typed storage.
//!
//! Views (slices, transposes, reshapes of contiguous data) share the
//! storage and write through, as numpy's do. Element offsets and strides
//! count elements, not bytes. Arithmetic gathers its operands into wide
//! vectors (i64, f64, bool, complex) broadcast to the result's shape,
//! computes there, and narrows to the result dtype: wrapping for the small
//! ints, rounding for float32 (exact for + - * / and sqrt, as f64 has more
//! than twice float32's precision).

use crate::dtype::{DType, Scalar, Storage};
use crate::with_storage;
use num_complex::Complex64;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// An error numpy would raise, by its Python exception type.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    Index(String),
    Value(String),
    Type(String),
    ZeroDivision(String),
    NotImplemented(String),
}

pub type Result<T> = std::result::Result<T, Error>;

/// One entry of a basic index (`a[1, 2:5:-1, None, ...]`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Idx {
    Int(i64),
    /// Python slice fields; `None` is a missing bound.
    Slice(Option<i64>, Option<i64>, Option<i64>),
    NewAxis,
    Ellipsis,
}

#[derive(Clone, Debug)]
pub struct NdArray {
    pub data: Arc<RwLock<Storage>>,
    pub offset: usize,
    pub shape: Vec<usize>,
    pub strides: Vec<isize>,
}

/// C-order strides (in elements) of a contiguous array of `shape`.
pub fn c_strides(shape: &[usize]) -> Vec<isize> {
    let mut s = vec![0isize; shape.len()];
    let mut acc = 1isize;
    for d in (0..shape.len()).rev() {
        s[d] = acc;
        acc *= shape[d].max(1) as isize;
    }
    s
}

/// numpy's broadcasting of two shapes.
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> Result<Vec<usize>> {
    let n = a.len().max(b.len());
    let mut out = vec![0; n];
    for i in 0..n {
        let x = if i + a.len() >= n { a[i + a.len() - n] } else { 1 };
        let y = if i + b.len() >= n { b[i + b.len() - n] } else { 1 };
        out[i] = if x == y || y == 1 {
            x
        } else if x == 1 {
            y
        } else {
            return Err(Error::Value(format!(
                "operands could not be broadcast together with shapes {} {} ",
                shape_str(a),
                shape_str(b)
            )));
        };
    }
    Ok(out)
}

/// `(2, 3)`, `(5,)`, `()` as Python prints a shape tuple.
pub fn shape_str(s: &[usize]) -> String {
    match s.len() {
        0 => "()".into(),
        1 => format!("({},)", s[0]),
        _ => format!("({})", s.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",")),
    }
}

/// Visits the offsets of a strided layout in C order.
fn for_each_offset(offset: usize, shape: &[usize], strides: &[isize], mut f: impl FnMut(usize)) {
    if shape.contains(&0) {
        return;
    }
    let nd = shape.len();
    if nd == 0 {
        f(offset);
        return;
    }
    let mut idx = vec![0usize; nd];
    let mut off = offset as isize;
    let (inner_n, inner_s) = (shape[nd - 1], strides[nd - 1]);
    loop {
        let mut o = off;
        for _ in 0..inner_n {
            f(o as usize);
            o += inner_s;
        }
        // Odometer over the outer axes.
        let mut d = nd - 1;
        loop {
            if d == 0 {
                return;
            }
            d -= 1;
            idx[d] += 1;
            off += strides[d];
            if idx[d] < shape[d] {
                break;
            }
            off -= strides[d] * shape[d] as isize;
            idx[d] = 0;
        }
    }
}

/// A type arithmetic is done in.
pub trait Wide: Copy + Default + 'static {
    fn from_scalar(s: Scalar) -> Self;
    fn gather(st: &Storage, offsets: &[usize]) -> Vec<Self>;
}

fn f64_to_i64(x: f64) -> i64 {
    // numpy (C casts on x86) gives i64::MIN for nan, inf and out of range.
    if x.is_finite() && x > -9.223372036854775808e18 && x < 9.223372036854775808e18 { x as i64 } else { i64::MIN }
}

impl Wide for f64 {
    fn from_scalar(s: Scalar) -> f64 {
        match s {
            Scalar::Bool(b) => b as i64 as f64,
            Scalar::Int(i) => i as f64,
            Scalar::Float(f) => f,
            Scalar::Complex(c) => c.re,
        }
    }
    fn gather(st: &Storage, offs: &[usize]) -> Vec<f64> {
        match st {
            Storage::Bool(v) => offs.iter().map(|&o| v[o] as i64 as f64).collect(),
            Storage::Int8(v) => offs.iter().map(|&o| v[o] as f64).collect(),
            Storage::UInt8(v) => offs.iter().map(|&o| v[o] as f64).collect(),
            Storage::Int32(v) => offs.iter().map(|&o| v[o] as f64).collect(),
            Storage::Int64(v) => offs.iter().map(|&o| v[o] as f64).collect(),
            Storage::Float32(v) => offs.iter().map(|&o| v[o] as f64).collect(),
            Storage::Float64(v) => offs.iter().map(|&o| v[o]).collect(),
            Storage::Complex128(v) => offs.iter().map(|&o| v[o].re).collect(),
        }
    }
}

impl Wide for i64 {
    fn from_scalar(s: Scalar) -> i64 {
        match s {
            Scalar::Bool(b) => b as i64,
            Scalar::Int(i) => i,
            Scalar::Float(f) => f64_to_i64(f),
            Scalar::Complex(c) => f64_to_i64(c.re),
        }
    }
    fn gather(st: &Storage, offs: &[usize]) -> Vec<i64> {
        match st {
            Storage::Bool(v) => offs.iter().map(|&o| v[o] as i64).collect(),
            Storage::Int8(v) => offs.iter().map(|&o| v[o] as i64).collect(),
            Storage::UInt8(v) => offs.iter().map(|&o| v[o] as i64).collect(),
            Storage::Int32(v) => offs.iter().map(|&o| v[o] as i64).collect(),
            Storage::Int64(v) => offs.iter().map(|&o| v[o]).collect(),
            Storage::Float32(v) => offs.iter().map(|&o| f64_to_i64(v[o] as f64)).collect(),
            Storage::Float64(v) => offs.iter().map(|&o| f64_to_i64(v[o])).collect(),
            Storage::Complex128(v) => offs.iter().map(|&o| f64_to_i64(v[o].re)).collect(),
        }
    }
}

impl Wide for bool {
    fn from_scalar(s: Scalar) -> bool {
        match s {
            Scalar::Bool(b) => b,
            Scalar::Int(i) => i != 0,
            Scalar::Float(f) => f != 0.0,
            Scalar::Complex(c) => c.re != 0.0 || c.im != 0.0,
        }
    }
    fn gather(st: &Storage, offs: &[usize]) -> Vec<bool> {
        match st {
            Storage::Bool(v) => offs.iter().map(|&o| v[o]).collect(),
            Storage::Int8(v) => offs.iter().map(|&o| v[o] != 0).collect(),
            Storage::UInt8(v) => offs.iter().map(|&o| v[o] != 0).collect(),
            Storage::Int32(v) => offs.iter().map(|&o| v[o] != 0).collect(),
            Storage::Int64(v) => offs.iter().map(|&o| v[o] != 0).collect(),
            Storage::Float32(v) => offs.iter().map(|&o| v[o] != 0.0).collect(),
            Storage::Float64(v) => offs.iter().map(|&o| v[o] != 0.0).collect(),
            Storage::Complex128(v) => offs.iter().map(|&o| v[o].re != 0.0 || v[o].im != 0.0).collect(),
        }
    }
}

impl Wide for Complex64 {
    fn from_scalar(s: Scalar) -> Complex64 {
        match s {
            Scalar::Complex(c) => c,
            s => Complex64::new(f64::from_scalar(s), 0.0),
        }
    }
    fn gather(st: &Storage, offs: &[usize]) -> Vec<Complex64> {
        match st {
            Storage::Complex128(v) => offs.iter().map(|&o| v[o]).collect(),
            other => f64::gather(other, offs).into_iter().map(|x| Complex64::new(x, 0.0)).collect(),
        }
    }
}

/// Narrows wide values to `dtype`'s storage.
pub trait Narrow {
    fn narrow(self, dtype: DType) -> Storage;
}

impl Narrow for Vec<i64> {
    fn narrow(self, dtype: DType) -> Storage {
        match dtype {
            DType::Bool => Storage::Bool(self.into_iter().map(|x| x != 0).collect()),
            DType::Int8 => Storage::Int8(self.into_iter().map(|x| x as i8).collect()),
            DType::UInt8 => Storage::UInt8(self.into_iter().map(|x| x as u8).collect()),
            DType::Int32 => Storage::Int32(self.into_iter().map(|x| x as i32).collect()),
            DType::Int64 => Storage::Int64(self),
            DType::Float32 => Storage::Float32(self.into_iter().map(|x| x as f32).collect()),
            DType::Float64 => Storage::Float64(self.into_iter().map(|x| x as f64).collect()),
            DType::Complex128 => Storage::Complex128(self.into_iter().map(|x| Complex64::new(x as f64, 0.0)).collect()),
        }
    }
}

impl Narrow for Vec<f64> {
    fn narrow(self, dtype: DType) -> Storage {
        match dtype {
            DType::Float64 => Storage::Float64(self),
            DType::Float32 => Storage::Float32(self.into_iter().map(|x| x as f32).collect()),
            DType::Complex128 => Storage::Complex128(self.into_iter().map(|x| Complex64::new(x, 0.0)).collect()),
            DType::Bool => Storage::Bool(self.into_iter().map(|x| x != 0.0).collect()),
            int => self.into_iter().map(f64_to_i64).collect::<Vec<i64>>().narrow(int),
        }
    }
}

impl Narrow for Vec<bool> {
    fn narrow(self, dtype: DType) -> Storage {
        match dtype {
            DType::Bool => Storage::Bool(self),
            other => self.into_iter().map(|b| b as i64).collect::<Vec<i64>>().narrow(other),
        }
    }
}

impl Narrow for Vec<Complex64> {
    fn narrow(self, dtype: DType) -> Storage {
        match dtype {
            DType::Complex128 => Storage::Complex128(self),
            DType::Bool => Storage::Bool(self.into_iter().map(|c| c.re != 0.0 || c.im != 0.0).collect()),
            other => self.into_iter().map(|c| c.re).collect::<Vec<f64>>().narrow(other),
        }
    }
}

/// Storage of `n` copies of `s` as `dtype`.
pub fn filled(dtype: DType, n: usize, s: Scalar) -> Storage {
    match dtype {
        DType::Bool => Storage::Bool(vec![bool::from_scalar(s); n]),
        DType::Float64 | DType::Float32 => vec![f64::from_scalar(s); n].narrow(dtype),
        DType::Complex128 => Storage::Complex128(vec![Complex64::from_scalar(s); n]),
        int => vec![i64::from_scalar(s); n].narrow(int),
    }
}

/// Storage of the given scalars as `dtype`.
pub fn from_scalars(dtype: DType, items: &[Scalar]) -> Storage {
    match dtype {
        DType::Bool => Storage::Bool(items.iter().map(|s| bool::from_scalar(*s)).collect()),
        DType::Float64 | DType::Float32 => items.iter().map(|s| f64::from_scalar(*s)).collect::<Vec<_>>().narrow(dtype),
        DType::Complex128 => Storage::Complex128(items.iter().map(|s| Complex64::from_scalar(*s)).collect()),
        int => items.iter().map(|s| i64::from_scalar(*s)).collect::<Vec<_>>().narrow(int),
    }
}

/// The element at `o` of a storage, widened.
pub fn scalar_at(st: &Storage, o: usize) -> Scalar {
    match st {
        Storage::Bool(v) => Scalar::Bool(v[o]),
        Storage::Int8(v) => Scalar::Int(v[o] as i64),
        Storage::UInt8(v) => Scalar::Int(v[o] as i64),
        Storage::Int32(v) => Scalar::Int(v[o] as i64),
        Storage::Int64(v) => Scalar::Int(v[o]),
        Storage::Float32(v) => Scalar::Float(v[o] as f64),
        Storage::Float64(v) => Scalar::Float(v[o]),
        Storage::Complex128(v) => Scalar::Complex(v[o]),
    }
}

/// Writes `s`, cast to the storage's dtype, at `o`.
pub fn store_at(st: &mut Storage, o: usize, s: Scalar) {
    match st {
        Storage::Bool(v) => v[o] = bool::from_scalar(s),
        Storage::Int8(v) => v[o] = i64::from_scalar(s) as i8,
        Storage::UInt8(v) => v[o] = i64::from_scalar(s) as u8,
        Storage::Int32(v) => v[o] = i64::from_scalar(s) as i32,
        Storage::Int64(v) => v[o] = i64::from_scalar(s),
        Storage::Float32(v) => v[o] = f64::from_scalar(s) as f32,
        Storage::Float64(v) => v[o] = f64::from_scalar(s),
        Storage::Complex128(v) => v[o] = Complex64::from_scalar(s),
    }
}

/// Resolves a Python slice against a length: (start, step, count).
pub fn resolve_slice(len: usize, start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> Result<(i64, i64, usize)> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(Error::Value("slice step cannot be zero".into()));
    }
    // In i128: bounds and steps near the ends of i64 (Python clamps huge
    // ones there) must not wrap.
    let len = len as i128;
    let (lo, hi) = if step > 0 { (0, len) } else { (-1, len - 1) };
    let fix = |v: Option<i64>, dflt: i128| match v {
        None => dflt,
        Some(v) if v < 0 => (v as i128 + len).clamp(lo, hi),
        Some(v) => (v as i128).clamp(lo, hi),
    };
    let start = fix(start, if step > 0 { 0 } else { len - 1 });
    let stop = fix(stop, if step > 0 { len } else { -1 });
    let st = step as i128;
    let count = if step > 0 {
        if stop > start { (stop - start + st - 1) / st } else { 0 }
    } else if start > stop {
        (start - stop - st - 1) / -st
    } else {
        0
    };
    Ok((start as i64, step, count as usize))
}

/// What a basic index selects.
pub enum Selected {
    Element(usize),
    View(NdArray),
}

impl NdArray {
    pub fn from_storage(st: Storage, shape: Vec<usize>) -> NdArray {
        debug_assert_eq!(st.len(), shape.iter().product::<usize>());
        let strides = c_strides(&shape);
        NdArray { data: Arc::new(RwLock::new(st)), offset: 0, shape, strides }
    }

    pub fn scalar(s: Scalar, dtype: DType) -> NdArray {
        NdArray::from_storage(filled(dtype, 1, s), vec![])
    }

    pub fn read(&self) -> RwLockReadGuard<'_, Storage> {
        self.data.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, Storage> {
        self.data.write().unwrap_or_else(|e| e.into_inner())
    }

    pub fn dtype(&self) -> DType {
        self.read().dtype()
    }

    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    pub fn is_c_contiguous(&self) -> bool {
        self.size() <= 1 || self.shape.iter().zip(c_strides(&self.shape)).zip(&self.strides).all(|((&n, c), &s)| n == 1 || c == s)
    }

    /// Element offsets in C order.
    pub fn offsets(&self) -> Vec<usize> {
        let mut v = Vec::with_capacity(self.size());
        for_each_offset(self.offset, &self.shape, &self.strides, |o| v.push(o));
        v
    }

    /// Offsets of this array broadcast to `shape` (which must be compatible).
    fn broadcast_offsets(&self, shape: &[usize]) -> Vec<usize> {
        let k = shape.len() - self.ndim();
        let strides: Vec<isize> = (0..shape.len())
            .map(|i| if i < k || self.shape[i - k] == 1 { 0 } else { self.strides[i - k] })
            .collect();
        let mut v = Vec::with_capacity(shape.iter().product());
        for_each_offset(self.offset, shape, &strides, |o| v.push(o));
        v
    }

    /// A contiguous copy of the elements in C order.
    pub fn to_storage(&self) -> Storage {
        let st = self.read();
        if self.is_c_contiguous() && self.offset == 0 && st.len() == self.size() {
            return st.clone();
        }
        let offs = self.offsets();
        with_storage!(&*st, v => gather_same(v, &offs))
    }

    pub fn copy(&self) -> NdArray {
        NdArray::from_storage(self.to_storage(), self.shape.clone())
    }

    /// The elements as `T`, broadcast to `shape`.
    pub fn gather<T: Wide>(&self, shape: &[usize]) -> Vec<T> {
        // Contiguous and not broadcast: the offsets are a range.
        let offs = if shape == self.shape.as_slice() && self.is_c_contiguous() {
            (self.offset..self.offset + self.size()).collect()
        } else {
            self.broadcast_offsets(shape)
        };
        T::gather(&self.read(), &offs)
    }

    pub fn astype(&self, dtype: DType) -> NdArray {
        NdArray::from_storage(self.cast_broadcast(dtype, &self.shape), self.shape.clone())
    }

    pub fn get(&self, offset: usize) -> Scalar {
        scalar_at(&self.read(), offset)
    }

    /// Applies a basic index.
    pub fn select(&self, index: &[Idx]) -> Result<Selected> {
        let explicit = index.iter().filter(|i| matches!(i, Idx::Int(_) | Idx::Slice(..))).count();
        if explicit > self.ndim() {
            return Err(Error::Index(format!(
                "too many indices for array: array is {}-dimensional, but {} were indexed",
                self.ndim(),
                explicit
            )));
        }
        if index.iter().filter(|i| matches!(i, Idx::Ellipsis)).count() > 1 {
            return Err(Error::Index("an index can only have a single ellipsis ('...')".into()));
        }
        let mut off = self.offset as isize;
        let (mut shape, mut strides) = (Vec::new(), Vec::new());
        let mut d = 0;
        let mut ints = 0;
        for ix in index {
            match *ix {
                Idx::Int(i) => {
                    let n = self.shape[d] as i64;
                    let j = if i < 0 { i + n } else { i };
                    if j < 0 || j >= n {
                        return Err(Error::Index(format!(
                            "index {i} is out of bounds for axis {d} with size {n}"
                        )));
                    }
                    off += j as isize * self.strides[d];
                    d += 1;
                    ints += 1;
                }
                Idx::Slice(a, b, c) => {
                    let (start, step, count) = resolve_slice(self.shape[d], a, b, c)?;
                    if count > 0 {
                        off += start as isize * self.strides[d];
                    }
                    shape.push(count);
                    strides.push(self.strides[d] * step as isize);
                    d += 1;
                }
                Idx::NewAxis => {
                    shape.push(1);
                    strides.push(0);
                }
                Idx::Ellipsis => {
                    let rest = self.ndim() - explicit;
                    for _ in 0..rest {
                        shape.push(self.shape[d]);
                        strides.push(self.strides[d]);
                        d += 1;
                    }
                }
            }
        }
        while d < self.ndim() {
            shape.push(self.shape[d]);
            strides.push(self.strides[d]);
            d += 1;
        }
        let has_view_part = index.iter().any(|i| !matches!(i, Idx::Int(_)));
        if ints == self.ndim() && !has_view_part {
            return Ok(Selected::Element(off as usize));
        }
        Ok(Selected::View(NdArray { data: self.data.clone(), offset: off as usize, shape, strides }))
    }

    /// Writes `src` (broadcast to this array's shape) into every element.
    pub fn assign(&self, src: &NdArray) -> Result<()> {
        let shape = broadcast_shapes(&self.shape, &src.shape).unwrap_or_default();
        if shape != self.shape {
            return Err(Error::Value(format!(
                "could not broadcast input array from shape {} into shape {}",
                shape_str(&src.shape),
                shape_str(&self.shape)
            )));
        }
        let dtype = self.dtype();
        // Gather first: src may share storage with self.
        let vals = src.cast_broadcast(dtype, &self.shape);
        let offs = self.offsets();
        let mut st = self.write();
        copy_into(&mut st, &offs, &vals);
        Ok(())
    }

    /// Writes a scalar into every element.
    pub fn fill(&self, s: Scalar) {
        let offs = self.offsets();
        let mut st = self.write();
        for o in offs {
            store_at(&mut st, o, s);
        }
    }

    /// The elements cast to `dtype`, broadcast to `shape`, in C order.
    pub fn cast_broadcast(&self, dtype: DType, shape: &[usize]) -> Storage {
        match dtype {
            DType::Bool => self.gather::<bool>(shape).narrow(dtype),
            DType::Float32 | DType::Float64 => self.gather::<f64>(shape).narrow(dtype),
            DType::Complex128 => self.gather::<Complex64>(shape).narrow(dtype),
            _ => self.gather::<i64>(shape).narrow(dtype),
        }
    }

    /// A view with a new shape where the layout allows, else a copy.
    pub fn reshape(&self, shape: &[i64]) -> Result<NdArray> {
        let size = self.size();
        let known: i64 = shape.iter().filter(|&&d| d >= 0).product();
        let unknown = shape.iter().filter(|&&d| d < 0).count();
        if unknown > 1 {
            return Err(Error::Value("can only specify one unknown dimension".into()));
        }
        let new: Vec<usize> = shape
            .iter()
            .map(|&d| if d < 0 { if known == 0 { 0 } else { size / known as usize } } else { d as usize })
            .collect();
        if new.iter().product::<usize>() != size {
            return Err(Error::Value(format!(
                "cannot reshape array of size {size} into shape {}",
                shape_str_signed(shape)
            )));
        }
        if self.is_c_contiguous() {
            let strides = c_strides(&new);
            return Ok(NdArray { data: self.data.clone(), offset: self.offset, shape: new, strides });
        }
        Ok(NdArray::from_storage(self.to_storage(), new))
    }

    /// Axes reversed (or permuted), as a view.
    pub fn transpose(&self, axes: Option<&[usize]>) -> Result<NdArray> {
        let n = self.ndim();
        let perm: Vec<usize> = match axes {
            Some(a) => {
                let mut seen = vec![false; n];
                if a.len() != n || a.iter().any(|&x| x >= n || std::mem::replace(&mut seen[x], true)) {
                    return Err(Error::Value("axes don't match array".into()));
                }
                a.to_vec()
            }
            None => (0..n).rev().collect(),
        };
        Ok(NdArray {
            data: self.data.clone(),
            offset: self.offset,
            shape: perm.iter().map(|&p| self.shape[p]).collect(),
            strides: perm.iter().map(|&p| self.strides[p]).collect(),
        })
    }
}

fn shape_str_signed(s: &[i64]) -> String {
    match s.len() {
        1 => format!("({},)", s[0]),
        _ => format!("({})", s.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

fn gather_same<T: Copy>(v: &[T], offs: &[usize]) -> Storage
where
    Vec<T>: IntoStorage,
{
    offs.iter().map(|&o| v[o]).collect::<Vec<T>>().into_storage()
}

/// A typed vector as storage of its own dtype.
pub trait IntoStorage {
    fn into_storage(self) -> Storage;
}

macro_rules! into_storage {
    ($($t:ty => $v:ident),*) => {$(
        impl IntoStorage for Vec<$t> {
            fn into_storage(self) -> Storage {
                Storage::$v(self)
            }
        }
    )*};
}
into_storage!(bool => Bool, i8 => Int8, u8 => UInt8, i32 => Int32, i64 => Int64, f32 => Float32, f64 => Float64, Complex64 => Complex128);

fn copy_into(dst: &mut Storage, offs: &[usize], src: &Storage) {
    match (dst, src) {
        (Storage::Bool(d), Storage::Bool(s)) => offs.iter().zip(s).for_each(|(&o, &x)| d[o] = x),
        (Storage::Int8(d), Storage::Int8(s)) => offs.iter().zip(s).for_each(|(&o, &x)| d[o] = x),
        (Storage::UInt8(d), Storage::UInt8(s)) => offs.iter().zip(s).for_each(|(&o, &x)| d[o] = x),
        (Storage::Int32(d), Storage::Int32(s)) => offs.iter().zip(s).for_each(|(&o, &x)| d[o] = x),
        (Storage::Int64(d), Storage::Int64(s)) => offs.iter().zip(s).for_each(|(&o, &x)| d[o] = x),
        (Storage::Float32(d), Storage::Float32(s)) => offs.iter().zip(s).for_each(|(&o, &x)| d[o] = x),
        (Storage::Float64(d), Storage::Float64(s)) => offs.iter().zip(s).for_each(|(&o, &x)| d[o] = x),
        (Storage::Complex128(d), Storage::Complex128(s)) => offs.iter().zip(s).for_each(|(&o, &x)| d[o] = x),
        _ => unreachable!("copy_into between dtypes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arange(n: usize) -> NdArray {
        NdArray::from_storage(Storage::Int64((0..n as i64).collect()), vec![n])
    }

    fn ints(a: &NdArray) -> Vec<i64> {
        match a.to_storage() {
            Storage::Int64(v) => v,
            s => panic!("not int64: {s:?}"),
        }
    }

    #[test]
    fn slices_resolve_as_python_does() {
        assert_eq!(resolve_slice(10, None, None, Some(-1)).unwrap(), (9, -1, 10));
        assert_eq!(resolve_slice(10, Some(2), Some(8), Some(3)).unwrap(), (2, 3, 2));
        assert_eq!(resolve_slice(10, Some(-3), None, None).unwrap(), (7, 1, 3));
        assert_eq!(resolve_slice(10, Some(5), Some(2), None).unwrap(), (5, 1, 0));
        assert_eq!(resolve_slice(3, Some(-100), Some(100), Some(2)).unwrap(), (0, 2, 2));
        assert!(resolve_slice(3, None, None, Some(0)).is_err());
    }

    #[test]
    fn views_share_storage_and_write_through() {
        let a = arange(12).reshape(&[3, 4]).unwrap();
        let Selected::View(col) = a.select(&[Idx::Slice(None, None, None), Idx::Int(1)]).unwrap() else { panic!() };
        assert_eq!(ints(&col), vec![1, 5, 9]);
        col.fill(Scalar::Int(-1));
        assert_eq!(ints(&a), vec![0, -1, 2, 3, 4, -1, 6, 7, 8, -1, 10, 11]);
        let Selected::View(rev) = a.select(&[Idx::Slice(None, None, Some(-1))]).unwrap() else { panic!() };
        assert_eq!(ints(&rev)[..4], [8, -1, 10, 11]);
        let t = a.transpose(None).unwrap();
        assert_eq!(t.shape, vec![4, 3]);
        assert_eq!(ints(&t)[..3], [0, 4, 8]);
        assert!(!t.is_c_contiguous());
    }

    #[test]
    fn index_errors_read_as_numpy_writes_them() {
        let a = arange(5);
        let Err(Error::Index(m)) = a.select(&[Idx::Int(5)]) else { panic!() };
        assert_eq!(m, "index 5 is out of bounds for axis 0 with size 5");
        let Err(Error::Index(m)) = a.select(&[Idx::Int(0), Idx::Int(0)]) else { panic!() };
        assert_eq!(m, "too many indices for array: array is 1-dimensional, but 2 were indexed");
        assert!(matches!(a.select(&[Idx::Int(-5)]), Ok(Selected::Element(0))));
    }

    #[test]
    fn broadcasting_follows_numpy() {
        assert_eq!(broadcast_shapes(&[3, 1], &[4]).unwrap(), vec![3, 4]);
        assert_eq!(broadcast_shapes(&[], &[2, 2]).unwrap(), vec![2, 2]);
        let Err(Error::Value(m)) = broadcast_shapes(&[3], &[4]) else { panic!() };
        assert_eq!(m, "operands could not be broadcast together with shapes (3,) (4,) ");
        let a = arange(3).reshape(&[3, 1]).unwrap();
        assert_eq!(a.gather::<i64>(&[3, 2]), vec![0, 0, 1, 1, 2, 2]);
    }

    #[test]
    fn assignment_through_overlapping_views_reads_first() {
        let a = arange(5);
        let Selected::View(dst) = a.select(&[Idx::Slice(Some(1), None, None)]).unwrap() else { panic!() };
        let Selected::View(src) = a.select(&[Idx::Slice(None, Some(4), None)]).unwrap() else { panic!() };
        dst.assign(&src).unwrap();
        assert_eq!(ints(&a), vec![0, 0, 1, 2, 3]);
    }

    #[test]
    fn reshape_rules() {
        let a = arange(6);
        assert_eq!(a.reshape(&[2, -1]).unwrap().shape, vec![2, 3]);
        let Err(Error::Value(m)) = a.reshape(&[4, -1]) else { panic!() };
        assert_eq!(m, "cannot reshape array of size 6 into shape (4, -1)");
        let t = a.reshape(&[2, 3]).unwrap().transpose(None).unwrap();
        assert_eq!(ints(&t.reshape(&[6]).unwrap()), vec![0, 3, 1, 4, 2, 5]);
    }

    #[test]
    fn casts_truncate_and_wrap_as_numpy() {
        let f = NdArray::from_storage(Storage::Float64(vec![1.9, -1.9, 300.0, f64::NAN]), vec![4]);
        assert_eq!(f.astype(DType::Int64).to_storage(), Storage::Int64(vec![1, -1, 300, i64::MIN]));
        assert_eq!(f.astype(DType::UInt8).to_storage(), Storage::UInt8(vec![1, 255, 44, 0]));
        assert_eq!(f.astype(DType::Bool).to_storage(), Storage::Bool(vec![true, true, true, true]));
    }
}
