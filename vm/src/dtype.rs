//! The one mapping between the memory types of traces (`MemTy`)
//! and numpy's dtypes (`DType`). It lives here, in the only
//! crate that needs both: `pyjit-arrays` is numpy's library and knows
//! nothing of traces (it uses `pyjit-ir` only for Python's numeric rules).

use pyjit_arrays::DType;
use pyjit_ir::MemTy;

/// The dtype of arrays of `MemTy` `m` (`mem_of`'s inverse).
pub(crate) fn dtype_of(m: MemTy) -> DType {
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
pub(crate) fn mem_of(d: DType) -> Option<MemTy> {
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
