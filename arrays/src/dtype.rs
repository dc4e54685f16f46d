//! dtypes, their scalars, and typed element storage.

use num_complex::Complex64;
use pyjit_ir::MemTy;

/// The dtypes pyjit supports, named as numpy names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    Bool,
    Int8,
    UInt8,
    Int32,
    Int64,
    Float32,
    Float64,
    Complex128,
}

impl DType {
    /// numpy's name (`str(a.dtype)`).
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int8 => "int8",
            DType::UInt8 => "uint8",
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::Float32 => "float32",
            DType::Float64 => "float64",
            DType::Complex128 => "complex128",
        }
    }

    /// Bytes per element (`a.itemsize`).
    pub fn itemsize(self) -> usize {
        match self {
            DType::Bool | DType::Int8 | DType::UInt8 => 1,
            DType::Int32 | DType::Float32 => 4,
            DType::Int64 | DType::Float64 => 8,
            DType::Complex128 => 16,
        }
    }

    pub fn is_float(self) -> bool {
        matches!(self, DType::Float32 | DType::Float64)
    }

    pub fn is_int(self) -> bool {
        matches!(self, DType::Int8 | DType::UInt8 | DType::Int32 | DType::Int64)
    }
}

/// One element, widened to the largest type of its kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    Float(f64),
    Complex(Complex64),
}

/// Elements of one dtype in a flat buffer. A view reads it through an
/// offset and strides; the buffer never changes length, so a pointer into
/// it stays valid while the storage lives.
#[derive(Clone, Debug, PartialEq)]
pub enum Storage {
    Bool(Vec<bool>),
    Int8(Vec<i8>),
    UInt8(Vec<u8>),
    Int32(Vec<i32>),
    Int64(Vec<i64>),
    Float32(Vec<f32>),
    Float64(Vec<f64>),
    Complex128(Vec<Complex64>),
}

/// Runs `$body` with `$v` bound to the storage's typed vector.
#[macro_export]
macro_rules! with_storage {
    ($s:expr, $v:ident => $body:expr) => {
        match $s {
            $crate::Storage::Bool($v) => $body,
            $crate::Storage::Int8($v) => $body,
            $crate::Storage::UInt8($v) => $body,
            $crate::Storage::Int32($v) => $body,
            $crate::Storage::Int64($v) => $body,
            $crate::Storage::Float32($v) => $body,
            $crate::Storage::Float64($v) => $body,
            $crate::Storage::Complex128($v) => $body,
        }
    };
}

impl Storage {
    pub fn dtype(&self) -> DType {
        match self {
            Storage::Bool(_) => DType::Bool,
            Storage::Int8(_) => DType::Int8,
            Storage::UInt8(_) => DType::UInt8,
            Storage::Int32(_) => DType::Int32,
            Storage::Int64(_) => DType::Int64,
            Storage::Float32(_) => DType::Float32,
            Storage::Float64(_) => DType::Float64,
            Storage::Complex128(_) => DType::Complex128,
        }
    }

    pub fn len(&self) -> usize {
        with_storage!(self, v => v.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The dtype of arrays of compiled code's memory type `m` (`mem_of`'s
/// inverse): the one mapping between traces' `MemTy` and numpy's dtypes.
pub fn dtype_of(m: MemTy) -> DType {
    match m {
        MemTy::F64 => DType::Float64,
        MemTy::F32 => DType::Float32,
        MemTy::I64 => DType::Int64,
        MemTy::I32 => DType::Int32,
        MemTy::I8 => DType::Int8,
        MemTy::U8 => DType::UInt8,
        MemTy::Bool => DType::Bool,
    }
}

/// The memory type compiled code uses for a dtype (none for complex).
pub fn mem_of(d: DType) -> Option<MemTy> {
    Some(match d {
        DType::Float64 => MemTy::F64,
        DType::Float32 => MemTy::F32,
        DType::Int64 => MemTy::I64,
        DType::Int32 => MemTy::I32,
        DType::Int8 => MemTy::I8,
        DType::UInt8 => MemTy::U8,
        DType::Bool => MemTy::Bool,
        DType::Complex128 => return None,
    })
}
