//! n-dimensional arrays as numpy has them, with no Python in sight: the
//! dtypes and their promotion, typed storage shared by views, arithmetic
//! and reductions in numpy's order, numpy's exact printing, and the legacy
//! `RandomState` streams, and the mapping between dtypes and the memory
//! types of traces. `pyjit-vm` wraps these as the `numpy` module;
//! compiled loops read and write the storage directly.

pub mod array;
pub mod dtype;
pub mod format;
pub mod ops;
pub mod random;

pub use array::{Error, Idx, NdArray, Selected};
pub use dtype::{DType, Scalar, Storage, dtype_of, mem_of};
