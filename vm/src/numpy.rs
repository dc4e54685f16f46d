//! `_numpy`: the native half of pyjit's `numpy` module. The array type,
//! element access, arithmetic, reductions and printing live here (on
//! `pyjit-arrays`); `python/numpy/__init__.py` builds numpy's API on top
//! (argument handling, dtypes, scalar types, the functions that are a few
//! array operations).

pub(crate) use _numpy::module_def;
pub(crate) use _numpy::{PyNdArrayIter, array_layout, box_scalar, dtype_named, ndarray_class, array_kind, made_array, made_data, made_dim, made_from_storage, made_unary, np_scalar_dtype};

#[rustpython_vm::pymodule]
mod _numpy {
    use pyjit_arrays::array::{self as core, Idx, NdArray, Selected};
    use pyjit_arrays::ops::{self, BinOp, Operand, Reduce, UnOp};
    use pyjit_arrays::random::RandomState;
    use pyjit_arrays::{DType, Error, Scalar, Storage, format};
    use rustpython_vm::{
        AsObject, Py, PyObject, PyObjectRef, PyPayload, PyRef, PyResult, VirtualMachine, atomic_func,
        builtins::{PyBaseExceptionRef, PyComplex, PyFloat, PyInt, PyList, PySlice, PyTuple, PyTypeRef},
        common::lock::PyMutex,
        function::{Either, FuncArgs, OptionalArg, PyComparisonValue},
        protocol::{PyMappingMethods, PyNumberMethods},
        types::{AsMapping, AsNumber, Comparable, IterNext, Iterable, PyComparisonOp, Representable, SelfIter},
    };
    use rustpython_vm::pyclass;
    use std::cell::RefCell;

    /// The Python classes `__init__.py` registers: the array subclass
    /// native code returns, and one scalar class per dtype.
    struct Registry {
        ndarray: PyTypeRef,
        scalars: Vec<(DType, PyTypeRef)>,
    }

    thread_local! {
        static REGISTRY: RefCell<Option<Registry>> = const { RefCell::new(None) };
    }

    fn err(e: Error, vm: &VirtualMachine) -> PyBaseExceptionRef {
        match e {
            Error::Index(m) => vm.new_index_error(m),
            Error::Value(m) => vm.new_value_error(m),
            Error::Type(m) => vm.new_type_error(m),
            Error::ZeroDivision(m) => vm.new_zero_division_error(m),
            Error::NotImplemented(m) => not_impl(m, vm),
        }
    }

    fn not_impl(msg: String, vm: &VirtualMachine) -> PyBaseExceptionRef {
        vm.new_exception_msg(vm.ctx.exceptions.not_implemented_error.to_owned(), msg.into())
    }

    /// The dtype numpy calls `name`.
    pub(crate) fn dtype_named(name: &str) -> Option<DType> {
        Some(match name {
            "bool" => DType::Bool,
            "int8" => DType::Int8,
            "uint8" => DType::UInt8,
            "int32" => DType::Int32,
            "int64" => DType::Int64,
            "float32" => DType::Float32,
            "float64" => DType::Float64,
            "complex128" => DType::Complex128,
            _ => return None,
        })
    }

    pub(crate) fn dtype_of(name: &str, vm: &VirtualMachine) -> PyResult<DType> {
        dtype_named(name).ok_or_else(|| not_impl(format!("pyjit's numpy does not support dtype {name}"), vm))
    }

    #[pyattr]
    #[pyclass(name = "ndarray", module = "numpy")]
    #[derive(Debug, PyPayload)]
    pub struct PyNdArray {
        pub(crate) arr: NdArray,
    }

    /// Wraps a core array as an instance of numpy.ndarray.
    pub(crate) fn wrap(arr: NdArray, vm: &VirtualMachine) -> PyResult {
        let cls = REGISTRY.with(|r| r.borrow().as_ref().map(|r| r.ndarray.clone()));
        let obj = PyNdArray { arr };
        Ok(match cls {
            Some(cls) => obj.into_ref_with_type(vm, cls)?.into(),
            None => obj.into_pyobject(vm),
        })
    }

    /// A numpy scalar of `dtype` (np.float64 is a float subclass, the int
    /// types int subclasses, as far as Python code can tell).
    pub(crate) fn box_scalar(s: Scalar, dtype: DType, vm: &VirtualMachine) -> PyResult {
        let cls = REGISTRY.with(|r| {
            r.borrow().as_ref().and_then(|r| r.scalars.iter().find(|(d, _)| *d == dtype).map(|(_, c)| c.clone()))
        });
        let Some(cls) = cls else {
            return Ok(plain(s, vm));
        };
        Ok(match s {
            Scalar::Float(f) => PyFloat::from(f).into_ref_with_type(vm, cls)?.into(),
            Scalar::Int(i) => PyInt::from(i).into_ref_with_type(vm, cls)?.into(),
            Scalar::Bool(b) => PyInt::from(b as i64).into_ref_with_type(vm, cls)?.into(),
            Scalar::Complex(c) => PyComplex::from(c).into_ref_with_type(vm, cls)?.into(),
        })
    }

    fn plain(s: Scalar, vm: &VirtualMachine) -> PyObjectRef {
        match s {
            Scalar::Float(f) => vm.ctx.new_float(f).into(),
            Scalar::Int(i) => vm.ctx.new_int(i).into(),
            Scalar::Bool(b) => vm.ctx.new_bool(b).into(),
            Scalar::Complex(c) => vm.ctx.new_complex(c).into(),
        }
    }

    /// The dtype of an object whose exact class is one of the registered
    /// numpy scalar classes.
    pub(crate) fn np_scalar_dtype(o: &PyObject) -> Option<DType> {
        dtype_of_scalar_obj(o)
    }

    /// What compiled code needs to read and write an array in place.
    pub(crate) struct Layout {
        pub dtype: DType,
        /// The address of element 0; the buffer never moves while the array lives.
        pub data: usize,
        pub shape: Vec<usize>,
        /// In bytes.
        pub strides: Vec<isize>,
        pub c_contiguous: bool,
    }

    pub(crate) fn array_layout(o: &PyObject) -> Option<Layout> {
        let a = o.downcast_ref::<PyNdArray>()?;
        let st = a.arr.read();
        let d = st.dtype();
        let size = d.itemsize();
        let base = pyjit_arrays::with_storage!(&*st, v => v.as_ptr() as usize);
        let strides = a.arr.strides.iter().map(|s| s * size as isize).collect();
        Some(Layout {
            dtype: d,
            data: base + a.arr.offset * size,
            shape: a.arr.shape.clone(),
            strides,
            c_contiguous: a.arr.is_c_contiguous(),
        })
    }

    /// `np.array(obj, dtype)` for compiled code: the new array, if it has
    /// `ndim` dimensions (None where the call raises or gives another).
    pub(crate) fn made_array(obj: &PyObject, dtype: DType, ndim: usize, vm: &VirtualMachine) -> Option<PyObjectRef> {
        let a = from_nested(obj, Some(dtype), vm).ok()?;
        if a.ndim() != ndim || a.dtype() != dtype {
            return None;
        }
        wrap(a, vm).ok()
    }

    /// An array of `st` (C order) of `shape`.
    pub(crate) fn made_from_storage(st: pyjit_arrays::Storage, shape: Vec<usize>, vm: &VirtualMachine) -> Option<PyObjectRef> {
        wrap(NdArray::from_storage(st, shape), vm).ok()
    }

    /// numpy.ndarray, the class of every array the module makes (None
    /// before the module is imported).
    pub(crate) fn ndarray_class() -> Option<PyTypeRef> {
        REGISTRY.with(|r| r.borrow().as_ref().map(|r| r.ndarray.clone()))
    }

    /// An array's dtype and number of dimensions (None for anything else).
    pub(crate) fn array_kind(o: &PyObject) -> Option<(DType, usize)> {
        let a = o.downcast_ref::<PyNdArray>()?;
        Some((a.arr.dtype(), a.arr.ndim()))
    }

    /// `np.<name>(a)` of a one-argument ufunc, as `_numpy._unary` (behind
    /// numpy's `np.sqrt` and the others) computes it.
    pub(crate) fn made_unary(name: &str, a: &PyObject, vm: &VirtualMachine) -> PyResult {
        _unary(name.to_owned(), a.to_owned(), vm)
    }

    /// The address of element 0 of an array compiled code made.
    pub(crate) fn made_data(o: &PyObject) -> Option<u64> {
        let a = o.downcast_ref::<PyNdArray>()?;
        let st = a.arr.read();
        let size = st.dtype().itemsize();
        let base = pyjit_arrays::with_storage!(&*st, v => v.as_ptr() as usize);
        Some((base + a.arr.offset * size) as u64)
    }

    /// Length `k` of an array's shape.
    pub(crate) fn made_dim(o: &PyObject, k: usize) -> Option<u64> {
        o.downcast_ref::<PyNdArray>()?.arr.shape.get(k).map(|d| *d as u64)
    }

    fn dtype_of_scalar_obj(o: &PyObject) -> Option<DType> {
        REGISTRY.with(|r| {
            r.borrow().as_ref().and_then(|r| r.scalars.iter().find(|(_, c)| o.class().is(c)).map(|(d, _)| *d))
        })
    }

    /// A Python number as a scalar and its weak (Python) or strong (numpy scalar) type.
    fn scalar_operand(o: &PyObject, vm: &VirtualMachine) -> Option<(Scalar, Operand)> {
        let strong = dtype_of_scalar_obj(o);
        let (s, weak) = if o.class().is(vm.ctx.types.bool_type) {
            (Scalar::Bool(o.downcast_ref::<PyInt>()?.as_bigint() != &0.into()), Operand::PyBool)
        } else if let Some(i) = o.downcast_ref::<PyInt>() {
            (Scalar::Int(i64::try_from(i.as_bigint()).ok()?), Operand::PyInt)
        } else if let Some(f) = o.downcast_ref::<PyFloat>() {
            (Scalar::Float(f.to_f64()), Operand::PyFloat)
        } else if let Some(c) = o.downcast_ref::<PyComplex>() {
            (Scalar::Complex(c.to_complex()), Operand::PyComplex)
        } else {
            return None;
        };
        let s = match (strong, s) {
            (Some(DType::Bool), Scalar::Int(i)) => Scalar::Bool(i != 0),
            (_, s) => s,
        };
        Some((s, strong.map(Operand::Array).unwrap_or(weak)))
    }

    /// numpy 2 refuses a Python int that does not fit the int dtype it meets.
    fn check_pyint(v: i64, dtype: DType, vm: &VirtualMachine) -> PyResult<()> {
        let (lo, hi) = match dtype {
            DType::Int8 => (i8::MIN as i64, i8::MAX as i64),
            DType::UInt8 => (0, u8::MAX as i64),
            DType::Int32 => (i32::MIN as i64, i32::MAX as i64),
            _ => return Ok(()),
        };
        if v < lo || v > hi {
            return Err(vm.new_overflow_error(format!("Python integer {v} out of bounds for {}", dtype.name())));
        }
        Ok(())
    }

    /// Checks Python ints among two operands against the result dtype.
    fn check_weak_ints(ops: [&(NdArray, Operand); 2], dtype: DType, vm: &VirtualMachine) -> PyResult<()> {
        for (a, t) in ops {
            if *t == Operand::PyInt
                && let Scalar::Int(v) = a.get(a.offset)
            {
                check_pyint(v, dtype, vm)?;
            }
        }
        Ok(())
    }

    /// Any operand of an array operation as (array, promotion type).
    fn operand(o: &PyObject, vm: &VirtualMachine) -> PyResult<Option<(NdArray, Operand)>> {
        if let Some(a) = o.downcast_ref::<PyNdArray>() {
            return Ok(Some((a.arr.clone(), Operand::Array(a.arr.dtype()))));
        }
        if let Some((s, op)) = scalar_operand(o, vm) {
            let dtype = match op {
                Operand::Array(d) => d,
                Operand::PyBool => DType::Bool,
                Operand::PyInt => DType::Int64,
                Operand::PyFloat => DType::Float64,
                Operand::PyComplex => DType::Complex128,
            };
            return Ok(Some((NdArray::scalar(s, dtype), op)));
        }
        if o.downcast_ref::<PyList>().is_some() || o.downcast_ref::<PyTuple>().is_some() {
            let a = from_nested(o, None, vm)?;
            let d = a.dtype();
            return Ok(Some((a, Operand::Array(d))));
        }
        Ok(None)
    }

    /// Unwraps a 0-d result into a numpy scalar, as numpy's ufuncs do.
    fn finish(a: NdArray, vm: &VirtualMachine) -> PyResult {
        if a.ndim() == 0 {
            let d = a.dtype();
            return box_scalar(a.get(a.offset), d, vm);
        }
        wrap(a, vm)
    }

    fn binop_name(name: &str) -> Option<BinOp> {
        Some(match name {
            "add" => BinOp::Add,
            "subtract" => BinOp::Sub,
            "multiply" => BinOp::Mul,
            "true_divide" | "divide" => BinOp::TrueDiv,
            "floor_divide" => BinOp::FloorDiv,
            "remainder" | "mod" => BinOp::Mod,
            "power" => BinOp::Pow,
            "less" => BinOp::Lt,
            "less_equal" => BinOp::Le,
            "greater" => BinOp::Gt,
            "greater_equal" => BinOp::Ge,
            "equal" => BinOp::Eq,
            "not_equal" => BinOp::Ne,
            "maximum" => BinOp::Maximum,
            "minimum" => BinOp::Minimum,
            "bitwise_and" | "logical_and" => BinOp::And,
            "bitwise_or" | "logical_or" => BinOp::Or,
            "bitwise_xor" | "logical_xor" => BinOp::Xor,
            "arctan2" => BinOp::Arctan2,
            "hypot" => BinOp::Hypot,
            "copysign" => BinOp::Copysign,
            "left_shift" => BinOp::Shl,
            "right_shift" => BinOp::Shr,
            _ => return None,
        })
    }

    /// A Python int beyond int64 meeting an array: an int array refuses it
    /// (OverflowError, as numpy), a float one takes float() of it.
    fn big_int_operand(op: BinOp, o: &PyObject, other: &PyObject, vm: &VirtualMachine) -> PyResult<Option<PyObjectRef>> {
        let Some(i) = o.downcast_ref::<PyInt>() else { return Ok(None) };
        if i64::try_from(i.as_bigint()).is_ok() || o.class().is(vm.ctx.types.bool_type) {
            return Ok(None);
        }
        let int_array = other.downcast_ref::<PyNdArray>().is_some_and(|a| {
            let d = a.arr.dtype();
            d.is_int() || d == DType::Bool
        });
        // Comparisons are exact either way: no int64 equals it, all are on one side.
        let compare = matches!(op, BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne);
        if !compare && (int_array || dtype_of_scalar_obj(other).is_some_and(|d| d.is_int())) {
            return Err(vm.new_overflow_error("Python int too large to convert to C long"));
        }
        Ok(Some(vm.ctx.new_float(o.to_owned().try_float(vm)?.to_f64()).into()))
    }

    /// `a op b` for any operands; `None` if neither is array-like (NotImplemented).
    fn apply_binary(op: BinOp, a: &PyObject, b: &PyObject, vm: &VirtualMachine) -> PyResult<Option<PyObjectRef>> {
        if let Some(fa) = big_int_operand(op, a, b, vm)? {
            return apply_binary(op, &fa, b, vm);
        }
        if let Some(fb) = big_int_operand(op, b, a, vm)? {
            return apply_binary(op, a, &fb, vm);
        }
        let (Some((x, tx)), Some((y, ty))) = (operand(a, vm)?, operand(b, vm)?) else {
            return Ok(None);
        };
        let dtype = ops::result_type(tx, ty);
        check_weak_ints([&(x.clone(), tx), &(y.clone(), ty)], dtype, vm)?;
        let r = ops::binary(op, &x, &y, dtype).map_err(|e| err(e, vm))?;
        finish(r, vm).map(Some)
    }

    fn number_binary(op: BinOp) -> impl Fn(&PyObject, &PyObject, &VirtualMachine) -> PyResult {
        move |a, b, vm| Ok(apply_binary(op, a, b, vm)?.unwrap_or_else(|| vm.ctx.not_implemented()))
    }

    /// `a op= b`: computed in the promoted type, written back cast to a's
    /// dtype (numpy refuses the float-into-int case; so does this).
    fn inplace(op: BinOp, a: &PyObject, b: &PyObject, vm: &VirtualMachine) -> PyResult {
        let Some(za) = a.downcast_ref::<PyNdArray>() else {
            return Ok(vm.ctx.not_implemented());
        };
        let Some((y, ty)) = operand(b, vm)? else {
            return Ok(vm.ctx.not_implemented());
        };
        let own = za.arr.dtype();
        let dtype = ops::result_type(Operand::Array(own), ty);
        if ty == Operand::PyInt
            && let Scalar::Int(v) = y.get(y.offset)
        {
            check_pyint(v, dtype, vm)?;
        }
        let result_dtype = match op {
            BinOp::TrueDiv if !dtype.is_float() && dtype != DType::Complex128 => DType::Float64,
            _ => dtype,
        };
        if ops::promote(own, result_dtype) != own {
            return Err(vm.new_type_error(format!(
                    "Cannot cast ufunc '{}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
                    ufunc_name(op),
                    result_dtype.name(),
                    own.name()
            )));
        }
        let r = ops::binary(op, &za.arr, &y, dtype).map_err(|e| err(e, vm))?;
        za.arr.assign(&r).map_err(|e| err(e, vm))?;
        Ok(a.to_owned())
    }

    fn ufunc_name(op: BinOp) -> &'static str {
        match op {
            BinOp::Add => "add",
            BinOp::Sub => "subtract",
            BinOp::Mul => "multiply",
            BinOp::TrueDiv => "divide",
            BinOp::FloorDiv => "floor_divide",
            BinOp::Mod => "remainder",
            BinOp::Pow => "power",
            BinOp::Shl => "left_shift",
            BinOp::Shr => "right_shift",
            _ => "ufunc",
        }
    }

    /// Nested lists/tuples/arrays/scalars as an array (`np.array`).
    pub(crate) fn from_nested(o: &PyObject, dtype: Option<DType>, vm: &VirtualMachine) -> PyResult<NdArray> {
        if let Some(a) = o.downcast_ref::<PyNdArray>() {
            return Ok(match dtype {
                Some(d) => a.arr.astype(d),
                None => a.arr.copy(),
            });
        }
        let mut shape: Vec<usize> = Vec::new();
        let mut items: Vec<Scalar> = Vec::new();
        let mut kind = DType::Bool;
        let mut strong: Option<DType> = None;
        let mut pyints: Vec<i64> = Vec::new();
        #[allow(clippy::too_many_arguments)]
        fn walk(
            o: &PyObject,
            depth: usize,
            shape: &mut Vec<usize>,
            items: &mut Vec<Scalar>,
            kind: &mut DType,
            strong: &mut Option<DType>,
            pyints: &mut Vec<i64>,
            vm: &VirtualMachine,
        ) -> PyResult<()> {
            let seq: Option<Vec<PyObjectRef>> = if let Some(l) = o.downcast_ref::<PyList>() {
                Some(l.borrow_vec().to_vec())
            } else if let Some(t) = o.downcast_ref::<PyTuple>() {
                Some(t.as_slice().to_vec())
            } else {
                None
            };
            if let Some(a) = o.downcast_ref::<PyNdArray>() {
                // An array inside a list: its elements, at this depth.
                let n = a.arr.shape.clone();
                let d = a.arr.dtype();
                for (k, &len) in n.iter().enumerate() {
                    check_dim(shape, depth + k, len, vm)?;
                }
                if shape.len() != depth + n.len() {
                    return Err(ragged(vm));
                }
                *strong = Some(strong.map_or(d, |s| ops::promote(s, d)));
                for off in a.arr.offsets() {
                    items.push(a.arr.get(off));
                }
                return Ok(());
            }
            match seq {
                // A row of exact floats (the common `[[x] * n]`): its
                // elements without a walk each.
                Some(v) if !v.is_empty() && v.iter().all(|x| x.class().is(vm.ctx.types.float_type)) => {
                    check_dim(shape, depth, v.len(), vm)?;
                    if shape.len() != depth + 1 {
                        return Err(ragged(vm));
                    }
                    *kind = ops::promote(*kind, DType::Float64);
                    items.extend(v.iter().map(|x| Scalar::Float(x.downcast_ref::<PyFloat>().map_or(0.0, |f| f.to_f64()))));
                    Ok(())
                }
                Some(v) => {
                    check_dim(shape, depth, v.len(), vm)?;
                    for x in &v {
                        walk(x, depth + 1, shape, items, kind, strong, pyints, vm)?;
                    }
                    if v.is_empty() && shape.len() > depth + 1 {
                        return Err(ragged(vm));
                    }
                    Ok(())
                }
                None => {
                    if shape.len() > depth {
                        return Err(ragged(vm));
                    }
                    let Some((s, op)) = scalar_operand(o, vm) else {
                        if o.downcast_ref::<PyInt>().is_some() {
                            return Err(vm.new_overflow_error("Python int too large to convert to C long"));
                        }
                        return Err(not_impl(
                            format!("pyjit's numpy.array does not support elements of type {}", o.class().name()),
                            vm,
                        ));
                    };
                    let k = match op {
                        Operand::Array(d) => {
                            *strong = Some(strong.map_or(d, |s| ops::promote(s, d)));
                            d
                        }
                        Operand::PyBool => DType::Bool,
                        Operand::PyInt => {
                            if let Scalar::Int(v) = s {
                                pyints.push(v);
                            }
                            DType::Int64
                        }
                        Operand::PyFloat => DType::Float64,
                        Operand::PyComplex => DType::Complex128,
                    };
                    *kind = ops::promote(*kind, k);
                    items.push(s);
                    Ok(())
                }
            }
        }
        fn check_dim(shape: &mut Vec<usize>, depth: usize, len: usize, vm: &VirtualMachine) -> PyResult<()> {
            if shape.len() == depth {
                shape.push(len);
                Ok(())
            } else if shape.len() > depth && shape[depth] == len {
                Ok(())
            } else {
                Err(ragged(vm))
            }
        }
        fn ragged(vm: &VirtualMachine) -> PyBaseExceptionRef {
            vm.new_value_error(
                "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (?,) + inhomogeneous part.",
            )
        }
        walk(o, 0, &mut shape, &mut items, &mut kind, &mut strong, &mut pyints, vm)?;
        let d = match dtype {
            Some(d) => d,
            None if items.is_empty() => DType::Float64,
            None => match strong {
                Some(s) if s == kind => s,
                Some(s) => ops::promote(s, kind),
                None => kind,
            },
        };
        for &v in &pyints {
            check_pyint(v, d, vm)?;
        }
        Ok(NdArray::from_storage(core::from_scalars(d, &items), shape))
    }

    fn index_int(o: &PyObject, vm: &VirtualMachine) -> PyResult<i64> {
        let i = o.downcast_ref::<PyInt>().ok_or_else(|| {
            vm.new_index_error(
                "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
            )
        })?;
        i64::try_from(i.as_bigint()).map_err(|_| vm.new_overflow_error("Python int too large to convert to C long"))
    }

    /// A slice bound (or step): an int beyond int64 is clamped, as Python's
    /// slices clamp it (a step to -(2**63 - 1) at most, so it negates).
    fn slice_int(o: &Option<PyObjectRef>, step: bool, vm: &VirtualMachine) -> PyResult<Option<i64>> {
        match o {
            None => Ok(None),
            Some(x) if vm.is_none(x) => Ok(None),
            Some(x) => match x.downcast_ref::<PyInt>() {
                Some(i) if i64::try_from(i.as_bigint()).is_err() => {
                    let neg = *i.as_bigint() < 0i64.into();
                    Ok(Some(if !neg { i64::MAX } else if step { -i64::MAX } else { i64::MIN }))
                }
                _ => index_int(x, vm).map(|v| Some(if step { v.max(-i64::MAX) } else { v })),
            },
        }
    }

    /// An int subscript, with numpy's errors past int64: one that fits
    /// uint64 overflows converting, any other is no valid index.
    fn subscript_int(o: &PyObject, vm: &VirtualMachine) -> PyResult<i64> {
        match o.downcast_ref::<PyInt>() {
            Some(i) if i64::try_from(i.as_bigint()).is_err() && u64::try_from(i.as_bigint()).is_err() => Err(vm.new_index_error(
                "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
            )),
            _ => index_int(o, vm),
        }
    }

    /// A basic index, or `None` when it needs fancy indexing.
    fn basic_index(key: &PyObject, vm: &VirtualMachine) -> PyResult<Option<Vec<Idx>>> {
        let parts: Vec<PyObjectRef> = match key.downcast_ref::<PyTuple>() {
            Some(t) => t.as_slice().to_vec(),
            None => vec![key.to_owned()],
        };
        let mut out = Vec::with_capacity(parts.len());
        for p in &parts {
            if vm.is_none(p) {
                out.push(Idx::NewAxis);
            } else if p.is(&vm.ctx.ellipsis) {
                out.push(Idx::Ellipsis);
            } else if let Some(s) = p.downcast_ref::<PySlice>() {
                out.push(Idx::Slice(slice_int(&s.start, false, vm)?, slice_int(&Some(s.stop.clone()), false, vm)?, slice_int(&s.step, true, vm)?));
            } else if p.downcast_ref::<PyInt>().is_some() && dtype_of_scalar_obj(p) != Some(DType::Bool) && !p.class().is(vm.ctx.types.bool_type) {
                out.push(Idx::Int(subscript_int(p, vm)?));
            } else {
                return Ok(None);
            }
        }
        Ok(Some(out))
    }

    fn bad_index(vm: &VirtualMachine) -> PyBaseExceptionRef {
        vm.new_index_error(
            "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
        )
    }

    /// One part of a tuple index: a basic one, or an int64 index array
    /// (an int, a list, an int array; a boolean array gives one per axis
    /// it covers, its `nonzero()`).
    enum Part {
        Basic(Idx),
        /// The array, and for one axis of a boolean mask, that axis's length.
        Adv(NdArray, Option<usize>),
    }

    /// The offsets and result shape of a tuple index with index arrays in
    /// it, as numpy's advanced indexing: the index arrays broadcast
    /// together; their shape replaces the axes they index where those are
    /// next to each other, else it comes first.
    fn fancy_tuple(arr: &NdArray, items: &[PyObjectRef], vm: &VirtualMachine) -> PyResult<(Vec<usize>, Vec<usize>)> {
        let mut parts: Vec<Part> = Vec::with_capacity(items.len());
        for p in items {
            if vm.is_none(p) {
                parts.push(Part::Basic(Idx::NewAxis));
            } else if p.is(&vm.ctx.ellipsis) {
                parts.push(Part::Basic(Idx::Ellipsis));
            } else if let Some(s) = p.downcast_ref::<PySlice>() {
                parts.push(Part::Basic(Idx::Slice(slice_int(&s.start, false, vm)?, slice_int(&Some(s.stop.clone()), false, vm)?, slice_int(&s.step, true, vm)?)));
            } else if p.downcast_ref::<PyInt>().is_some() && dtype_of_scalar_obj(p) != Some(DType::Bool) && !p.class().is(vm.ctx.types.bool_type) {
                let i = subscript_int(p, vm)?;
                parts.push(Part::Adv(NdArray::from_storage(Storage::Int64(vec![i]), vec![]), None));
            } else {
                let k = from_nested(p, None, vm).map_err(|_| bad_index(vm))?;
                match k.dtype() {
                    DType::Bool if k.ndim() > 0 => {
                        let mask = k.gather::<bool>(&k.shape);
                        let strides = core::c_strides(&k.shape);
                        let mut coords: Vec<Vec<i64>> = vec![Vec::new(); k.ndim()];
                        for (flat, m) in mask.into_iter().enumerate() {
                            if m {
                                for (d, c) in coords.iter_mut().enumerate() {
                                    c.push((flat as isize / strides[d]) as i64 % k.shape[d] as i64);
                                }
                            }
                        }
                        for (d, c) in coords.into_iter().enumerate() {
                            let n = c.len();
                            parts.push(Part::Adv(NdArray::from_storage(Storage::Int64(c), vec![n]), Some(k.shape[d])));
                        }
                    }
                    d if d.is_int() => parts.push(Part::Adv(k.astype(DType::Int64), None)),
                    DType::Bool => return Err(vm.new_index_error("pyjit's numpy does not support a boolean scalar inside a tuple index")),
                    // A list of floats is no index; an array of them is the wrong type.
                    _ if p.downcast_ref::<PyNdArray>().is_none() => return Err(bad_index(vm)),
                    _ => return Err(vm.new_index_error("arrays used as indices must be of integer (or boolean) type")),
                }
            }
        }
        // The ellipsis (or the end) stands for the axes not indexed.
        let consumed = parts.iter().filter(|p| !matches!(p, Part::Basic(Idx::NewAxis | Idx::Ellipsis))).count();
        if consumed > arr.ndim() {
            return Err(vm.new_index_error(format!(
                "too many indices for array: array is {}-dimensional, but {} were indexed",
                arr.ndim(),
                consumed
            )));
        }
        let ellipses = parts.iter().filter(|p| matches!(p, Part::Basic(Idx::Ellipsis))).count();
        if ellipses > 1 {
            return Err(vm.new_index_error("an index can only have a single ellipsis ('...')"));
        }
        let fill = || Part::Basic(Idx::Slice(None, None, None));
        let at = parts.iter().position(|p| matches!(p, Part::Basic(Idx::Ellipsis))).unwrap_or(parts.len());
        let rest: Vec<Part> = parts.drain(at..).skip(ellipses).collect();
        parts.extend((0..arr.ndim() - consumed).map(|_| fill()));
        parts.extend(rest);
        // The basic part first (each index array's axis kept whole); each
        // part is then one axis of the view.
        let basic: Vec<Idx> = parts
            .iter()
            .map(|p| match p {
                Part::Basic(i) => i.clone(),
                Part::Adv(..) => Idx::Slice(None, None, None),
            })
            .collect();
        let view = match arr.select(&basic).map_err(|e| err(e, vm))? {
            Selected::View(v) => v,
            Selected::Element(_) => return Err(bad_index(vm)),
        };
        let adv: Vec<usize> = (0..parts.len()).filter(|&k| matches!(parts[k], Part::Adv(..))).collect();
        let others: Vec<usize> = (0..parts.len()).filter(|&k| !matches!(parts[k], Part::Adv(..))).collect();
        let mut bshape: Vec<usize> = Vec::new();
        for p in &parts {
            if let Part::Adv(a, _) = p {
                bshape = core::broadcast_shapes(&bshape, &a.shape).map_err(|_| {
                    let shapes: Vec<String> = parts
                        .iter()
                        .filter_map(|p| match p {
                            Part::Adv(a, _) => Some(core::shape_str(&a.shape)),
                            _ => None,
                        })
                        .collect();
                    vm.new_index_error(format!("shape mismatch: indexing arrays could not be broadcast together with shapes {} ", shapes.join(" ")))
                })?;
            }
        }
        let mut idx: Vec<Vec<i64>> = Vec::with_capacity(adv.len());
        for &k in &adv {
            let Part::Adv(a, mask_len) = &parts[k] else { unreachable!() };
            let len = view.shape[k] as i64;
            let axis = parts[..k].iter().filter(|p| !matches!(p, Part::Basic(Idx::NewAxis))).count();
            if let Some(m) = mask_len
                && *m as i64 != len
            {
                return Err(vm.new_index_error(format!(
                    "boolean index did not match indexed array along axis {axis}; size of axis is {len} but size of corresponding boolean axis is {m}"
                )));
            }
            let mut v = a.gather::<i64>(&bshape);
            for i in v.iter_mut() {
                if *i < -len || *i >= len {
                    return Err(vm.new_index_error(format!("index {i} is out of bounds for axis {axis} with size {len}")));
                }
                if *i < 0 {
                    *i += len;
                }
            }
            idx.push(v);
        }
        let order: Vec<usize> = adv.iter().chain(&others).copied().collect();
        let moved = view.transpose(Some(&order)).map_err(|e| err(e, vm))?;
        let nb: usize = bshape.iter().product();
        let mut offs = Vec::new();
        for b in 0..nb {
            let key: Vec<Idx> = idx.iter().map(|v| Idx::Int(v[b])).collect();
            match moved.select(&key).map_err(|e| err(e, vm))? {
                Selected::Element(o) => offs.push(o),
                Selected::View(w) => offs.extend(w.offsets()),
            }
        }
        let other_shape: Vec<usize> = others.iter().map(|&k| view.shape[k]).collect();
        let adjacent = adv.last().is_some_and(|&l| l + 1 - adv[0] == adv.len());
        let p = if adjacent { adv[0] } else { 0 };
        let mut first: Vec<usize> = bshape.clone();
        first.extend(&other_shape);
        if p == 0 {
            return Ok((offs, first));
        }
        // The broadcast axes go where the index arrays were.
        let r = bshape.len();
        let perm: Vec<usize> = (r..r + p).chain(0..r).chain(r + p..first.len()).collect();
        let positions = NdArray::from_storage(Storage::Int64((0..offs.len() as i64).collect()), first);
        let t = positions.transpose(Some(&perm)).map_err(|e| err(e, vm))?;
        let shape = t.shape.clone();
        let offs = t.gather::<i64>(&shape).into_iter().map(|q| offs[q as usize]).collect();
        Ok((offs, shape))
    }

    /// The element offsets a boolean mask or integer index array selects
    /// along axis 0, with the shape of the result.
    fn fancy(arr: &NdArray, key: &PyObject, vm: &VirtualMachine) -> PyResult<(Vec<usize>, Vec<usize>)> {
        if let Some(t) = key.downcast_ref::<PyTuple>() {
            return fancy_tuple(arr, t.as_slice(), vm);
        }
        let k = from_nested(key, None, vm).map_err(|_| {
            vm.new_index_error(
                "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
            )
        })?;
        let inner: Vec<usize> = arr.shape.iter().skip(1).copied().collect();
        let row = |i: usize| -> Vec<usize> {
            let Ok(Selected::View(v)) = arr.select(&[Idx::Int(i as i64)]) else {
                return match arr.select(&[Idx::Int(i as i64)]) {
                    Ok(Selected::Element(o)) => vec![o],
                    _ => vec![],
                };
            };
            v.offsets()
        };
        match k.dtype() {
            DType::Bool => {
                if k.shape == arr.shape {
                    let mask = k.gather::<bool>(&k.shape);
                    let offs: Vec<usize> = arr.offsets().into_iter().zip(mask).filter(|(_, m)| *m).map(|(o, _)| o).collect();
                    let n = offs.len();
                    return Ok((offs, vec![n]));
                }
                if k.ndim() != 1 || arr.ndim() == 0 || k.shape[0] != arr.shape[0] {
                    return Err(vm.new_index_error(format!(
                        "boolean index did not match indexed array along axis 0; size of axis is {} but size of corresponding boolean axis is {}",
                        arr.shape.first().copied().unwrap_or(0),
                        k.shape.first().copied().unwrap_or(0)
                    )));
                }
                let mask = k.gather::<bool>(&k.shape);
                let mut offs = Vec::new();
                let mut n = 0;
                for (i, m) in mask.into_iter().enumerate() {
                    if m {
                        offs.extend(row(i));
                        n += 1;
                    }
                }
                let mut shape = vec![n];
                shape.extend(inner);
                Ok((offs, shape))
            }
            d if d.is_int() => {
                if arr.ndim() == 0 {
                    return Err(vm.new_index_error("too many indices for array: array is 0-dimensional, but 1 were indexed"));
                }
                let len = arr.shape[0] as i64;
                let mut offs = Vec::new();
                for i in k.gather::<i64>(&k.shape) {
                    let j = if i < 0 { i + len } else { i };
                    if j < 0 || j >= len {
                        return Err(vm.new_index_error(format!("index {i} is out of bounds for axis 0 with size {len}")));
                    }
                    offs.extend(row(j as usize));
                }
                let mut shape = k.shape.clone();
                shape.extend(inner);
                Ok((offs, shape))
            }
            _ if key.downcast_ref::<PyNdArray>().is_none() => Err(bad_index(vm)),
            _ => Err(vm.new_index_error("arrays used as indices must be of integer (or boolean) type")),
        }
    }

    impl PyNdArray {
        fn __len__(&self, vm: &VirtualMachine) -> PyResult<usize> {
            self.arr.shape.first().copied().ok_or_else(|| vm.new_type_error("len() of unsized object"))
        }

        fn __bool__(&self, vm: &VirtualMachine) -> PyResult<bool> {
            if self.arr.size() != 1 {
                return Err(vm.new_value_error(
                    "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
                ));
            }
            Ok(bool::from(matches!(self.arr.get(self.arr.offsets()[0]), s if s != Scalar::Bool(false) && s != Scalar::Int(0) && s != Scalar::Float(0.0))))
        }

        fn getitem(&self, key: &PyObject, vm: &VirtualMachine) -> PyResult {
            match basic_index(key, vm)? {
                Some(idx) => match self.arr.select(&idx).map_err(|e| err(e, vm))? {
                    Selected::Element(o) => box_scalar(self.arr.get(o), self.arr.dtype(), vm),
                    Selected::View(v) => wrap(v, vm),
                },
                None => {
                    let (offs, shape) = fancy(&self.arr, key, vm)?;
                    let st = self.arr.read();
                    let items: Vec<Scalar> = offs.iter().map(|&o| core::scalar_at(&st, o)).collect();
                    let d = st.dtype();
                    drop(st);
                    wrap(NdArray::from_storage(core::from_scalars(d, &items), shape), vm)
                }
            }
        }

        fn setitem(&self, key: &PyObject, value: &PyObject, vm: &VirtualMachine) -> PyResult<()> {
            // A Python int beyond int64 goes into a float array as float()
            // makes it; an int array refuses it, as numpy does.
            if let Some(i) = value.downcast_ref::<PyInt>()
                && i64::try_from(i.as_bigint()).is_err()
                && !value.class().is(vm.ctx.types.bool_type)
            {
                if self.arr.dtype().is_int() || self.arr.dtype() == DType::Bool {
                    return Err(vm.new_overflow_error("Python int too large to convert to C long"));
                }
                let f = value.to_owned().try_float(vm)?.to_f64();
                return self.setitem(key, vm.ctx.new_float(f).as_object(), vm);
            }
            let Some((src, src_op)) = operand(value, vm)? else {
                return Err(vm.new_type_error(format!(
                    "float() argument must be a string or a real number, not '{}'",
                    value.class().name()
                )));
            };
            match basic_index(key, vm)? {
                Some(idx) => match self.arr.select(&idx).map_err(|e| err(e, vm))? {
                    Selected::Element(o) => {
                        if src.size() != 1 {
                            return Err(vm.new_value_error("setting an array element with a sequence."));
                        }
                        let s = src.get(src.offset);
                        if src_op == Operand::PyFloat {
                            check_store(s, self.arr.dtype(), vm)?;
                        }
                        if let (Some((_, Operand::PyInt)), Scalar::Int(v)) = (scalar_operand(value, vm), s) {
                            check_pyint(v, self.arr.dtype(), vm)?;
                        }
                        core::store_at(&mut self.arr.write(), o, s);
                        Ok(())
                    }
                    Selected::View(v) => v.assign(&src).map_err(|e| err(e, vm)),
                },
                None => {
                    let (offs, shape) = fancy(&self.arr, key, vm)?;
                    let vals = src.cast_broadcast(self.arr.dtype(), &ops_shape(&src.shape, &shape, vm)?);
                    let mut st = self.arr.write();
                    for (k, o) in offs.into_iter().enumerate() {
                        core::store_at(&mut st, o, core::scalar_at(&vals, k));
                    }
                    Ok(())
                }
            }
        }
    }

    fn ops_shape(src: &[usize], dst: &[usize], vm: &VirtualMachine) -> PyResult<Vec<usize>> {
        let b = core::broadcast_shapes(dst, src).map_err(|e| err(e, vm))?;
        if b != dst {
            return Err(vm.new_value_error(format!(
                "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
                core::shape_str(src),
                core::shape_str(dst)
            )));
        }
        Ok(b)
    }

    /// numpy refuses nan/inf into an int array.
    /// A Python float into an int array goes through int(): nan and inf
    /// raise, and so does a value beyond int64.
    fn check_store(s: Scalar, dtype: DType, vm: &VirtualMachine) -> PyResult<()> {
        if let Scalar::Float(f) = s
            && dtype.is_int()
        {
            if f.is_nan() {
                return Err(vm.new_value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(vm.new_overflow_error("cannot convert float infinity to integer"));
            }
            if !(-9.223372036854775808e18..9.223372036854775808e18).contains(&f) {
                return Err(vm.new_overflow_error("Python int too large to convert to C long"));
            }
            if let Err(e) = check_pyint(f.trunc() as i64, dtype, vm) {
                return Err(e);
            }
        }
        Ok(())
    }

    fn axis_arg(axis: OptionalArg<PyObjectRef>, vm: &VirtualMachine) -> PyResult<Option<i64>> {
        match axis {
            OptionalArg::Present(a) if !vm.is_none(&a) => index_int(&a, vm).map(Some),
            _ => Ok(None),
        }
    }

    #[pyclass(flags(BASETYPE), with(AsMapping, AsNumber, Comparable, Iterable, Representable))]
    impl PyNdArray {
        #[pygetset]
        fn shape(zelf: &Py<Self>, vm: &VirtualMachine) -> PyObjectRef {
            vm.ctx.new_tuple(zelf.arr.shape.iter().map(|&d| vm.ctx.new_int(d).into()).collect()).into()
        }
        #[pygetset]
        fn ndim(zelf: &Py<Self>) -> usize {
            zelf.arr.ndim()
        }
        #[pygetset]
        fn size(zelf: &Py<Self>) -> usize {
            zelf.arr.size()
        }
        #[pygetset]
        fn itemsize(zelf: &Py<Self>) -> usize {
            zelf.arr.dtype().itemsize()
        }
        #[pygetset]
        fn nbytes(zelf: &Py<Self>) -> usize {
            zelf.arr.dtype().itemsize() * zelf.arr.size()
        }
        #[pygetset]
        fn _dtype_name(zelf: &Py<Self>) -> &'static str {
            zelf.arr.dtype().name()
        }
        #[pygetset(name = "T")]
        fn t(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult {
            wrap(zelf.arr.transpose(None).map_err(|e| err(e, vm))?, vm)
        }
        #[pymethod]
        fn transpose(zelf: &Py<Self>, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
            let axes: Vec<usize> = args.args.iter().map(|a| index_int(a, vm).map(|x| x as usize)).collect::<PyResult<_>>()?;
            let t = if axes.is_empty() { zelf.arr.transpose(None) } else { zelf.arr.transpose(Some(&axes)) };
            wrap(t.map_err(|e| err(e, vm))?, vm)
        }
        #[pymethod]
        fn _reshape(zelf: &Py<Self>, shape: Vec<i64>, vm: &VirtualMachine) -> PyResult {
            wrap(zelf.arr.reshape(&shape).map_err(|e| err(e, vm))?, vm)
        }
        #[pymethod]
        fn copy(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult {
            wrap(zelf.arr.copy(), vm)
        }
        #[pymethod]
        fn _astype(zelf: &Py<Self>, dtype: String, vm: &VirtualMachine) -> PyResult {
            wrap(zelf.arr.astype(dtype_of(&dtype, vm)?), vm)
        }
        #[pymethod]
        fn fill(zelf: &Py<Self>, value: PyObjectRef, vm: &VirtualMachine) -> PyResult<()> {
            let (s, _) = scalar_operand(&value, vm).ok_or_else(|| vm.new_type_error("fill() needs a number"))?;
            check_store(s, zelf.arr.dtype(), vm)?;
            zelf.arr.fill(s);
            Ok(())
        }
        #[pymethod]
        fn ravel(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult {
            wrap(zelf.arr.reshape(&[-1]).map_err(|e| err(e, vm))?, vm)
        }
        #[pymethod]
        fn flatten(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult {
            wrap(zelf.arr.copy().reshape(&[-1]).map_err(|e| err(e, vm))?, vm)
        }
        #[pymethod]
        fn tolist(zelf: &Py<Self>, vm: &VirtualMachine) -> PyObjectRef {
            fn build(a: &NdArray, d: usize, off: usize, vm: &VirtualMachine) -> PyObjectRef {
                if d == a.ndim() {
                    return plain(a.get(off), vm);
                }
                let items = (0..a.shape[d])
                    .map(|i| build(a, d + 1, (off as isize + i as isize * a.strides[d]) as usize, vm))
                    .collect();
                vm.ctx.new_list(items).into()
            }
            build(&zelf.arr, 0, zelf.arr.offset, vm)
        }
        #[pymethod]
        fn item(zelf: &Py<Self>, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
            let offs = zelf.arr.offsets();
            let o = match args.args.first() {
                None if offs.len() == 1 => offs[0],
                None => return Err(vm.new_value_error("can only convert an array of size 1 to a Python scalar")),
                Some(i) => {
                    let i = index_int(i, vm)?;
                    let n = offs.len() as i64;
                    let j = if i < 0 { i + n } else { i };
                    if j < 0 || j >= n {
                        return Err(vm.new_index_error("index out of bounds"));
                    }
                    offs[j as usize]
                }
            };
            Ok(plain(zelf.arr.get(o), vm))
        }
        #[pymethod]
        fn _reduce(zelf: &Py<Self>, op: String, axis: OptionalArg<PyObjectRef>, vm: &VirtualMachine) -> PyResult {
            let axis = axis_arg(axis, vm)?;
            let r = match op.as_str() {
                "sum" => ops::reduce(Reduce::Sum, &zelf.arr, axis),
                "prod" => ops::reduce(Reduce::Prod, &zelf.arr, axis),
                "max" => ops::reduce(Reduce::Max, &zelf.arr, axis),
                "min" => ops::reduce(Reduce::Min, &zelf.arr, axis),
                "argmax" => ops::reduce(Reduce::ArgMax, &zelf.arr, axis),
                "argmin" => ops::reduce(Reduce::ArgMin, &zelf.arr, axis),
                "all" => ops::reduce(Reduce::All, &zelf.arr, axis),
                "any" => ops::reduce(Reduce::Any, &zelf.arr, axis),
                "mean" => ops::mean(&zelf.arr, axis),
                "cumsum" => ops::accumulate(&zelf.arr, axis, false),
                "cumprod" => ops::accumulate(&zelf.arr, axis, true),
                _ => return Err(vm.new_value_error(format!("unknown reduction {op}"))),
            };
            finish(r.map_err(|e| err(e, vm))?, vm)
        }
        #[pymethod]
        fn _var(zelf: &Py<Self>, axis: OptionalArg<PyObjectRef>, ddof: OptionalArg<f64>, vm: &VirtualMachine) -> PyResult {
            let axis = axis_arg(axis, vm)?;
            finish(ops::var(&zelf.arr, axis, ddof.unwrap_or(0.0)).map_err(|e| err(e, vm))?, vm)
        }
        #[pymethod]
        fn _str(zelf: &Py<Self>) -> String {
            format::array_str(&zelf.arr.shape, &zelf.arr.to_storage())
        }
        #[pymethod]
        fn _data_ptr(zelf: &Py<Self>) -> usize {
            // For the JIT and tests: where element 0 of the view lives.
            let st = zelf.arr.read();
            pyjit_arrays::with_storage!(&*st, v => v.as_ptr() as usize + zelf.arr.offset * st.dtype().itemsize())
        }
    }

    impl AsMapping for PyNdArray {
        fn as_mapping() -> &'static PyMappingMethods {
            static AS_MAPPING: PyMappingMethods = PyMappingMethods {
                length: atomic_func!(|m, vm| PyNdArray::mapping_downcast(m).__len__(vm)),
                subscript: atomic_func!(|m, key, vm| PyNdArray::mapping_downcast(m).getitem(key, vm)),
                ass_subscript: atomic_func!(|m, key, value, vm| {
                    let z = PyNdArray::mapping_downcast(m);
                    match value {
                        Some(v) => z.setitem(key, &v, vm),
                        None => Err(vm.new_value_error("cannot delete array elements")),
                    }
                }),
            };
            &AS_MAPPING
        }
    }

    fn unary_number(op: UnOp, o: &PyObject, vm: &VirtualMachine) -> PyResult {
        let a = o.downcast_ref::<PyNdArray>().ok_or_else(|| vm.new_type_error("not an array"))?;
        finish(ops::unary(op, &a.arr).map_err(|e| err(e, vm))?, vm)
    }

    impl AsNumber for PyNdArray {
        fn as_number() -> &'static PyNumberMethods {
            static AS_NUMBER: PyNumberMethods = PyNumberMethods {
                add: Some(|a, b, vm| number_binary(BinOp::Add)(a, b, vm)),
                subtract: Some(|a, b, vm| number_binary(BinOp::Sub)(a, b, vm)),
                multiply: Some(|a, b, vm| number_binary(BinOp::Mul)(a, b, vm)),
                remainder: Some(|a, b, vm| number_binary(BinOp::Mod)(a, b, vm)),
                power: Some(|a, b, _c, vm| number_binary(BinOp::Pow)(a, b, vm)),
                floor_divide: Some(|a, b, vm| number_binary(BinOp::FloorDiv)(a, b, vm)),
                true_divide: Some(|a, b, vm| number_binary(BinOp::TrueDiv)(a, b, vm)),
                and: Some(|a, b, vm| number_binary(BinOp::And)(a, b, vm)),
                or: Some(|a, b, vm| number_binary(BinOp::Or)(a, b, vm)),
                xor: Some(|a, b, vm| number_binary(BinOp::Xor)(a, b, vm)),
                lshift: Some(|a, b, vm| number_binary(BinOp::Shl)(a, b, vm)),
                rshift: Some(|a, b, vm| number_binary(BinOp::Shr)(a, b, vm)),
                negative: Some(|a, vm| unary_number(UnOp::Neg, a.obj, vm)),
                positive: Some(|a, vm| {
                    wrap(PyNdArray::number_downcast(a).arr.copy(), vm)
                }),
                absolute: Some(|a, vm| unary_number(UnOp::Abs, a.obj, vm)),
                invert: Some(|a, vm| unary_number(UnOp::Invert, a.obj, vm)),
                boolean: Some(|a, vm| PyNdArray::number_downcast(a).__bool__(vm)),
                int: Some(|a, vm| {
                    let z = PyNdArray::number_downcast(a);
                    let s = scalar_of(&z.arr, vm)?;
                    let f = plain(s, vm);
                    f.try_int(vm).map(Into::into)
                }),
                float: Some(|a, vm| {
                    let z = PyNdArray::number_downcast(a);
                    let s = scalar_of(&z.arr, vm)?;
                    Ok(vm.ctx.new_float(<f64 as core::Wide>::from_scalar(s)).into())
                }),
                inplace_add: Some(|a, b, vm| inplace(BinOp::Add, a, b, vm)),
                inplace_subtract: Some(|a, b, vm| inplace(BinOp::Sub, a, b, vm)),
                inplace_multiply: Some(|a, b, vm| inplace(BinOp::Mul, a, b, vm)),
                inplace_remainder: Some(|a, b, vm| inplace(BinOp::Mod, a, b, vm)),
                inplace_power: Some(|a, b, _c, vm| inplace(BinOp::Pow, a, b, vm)),
                inplace_floor_divide: Some(|a, b, vm| inplace(BinOp::FloorDiv, a, b, vm)),
                inplace_true_divide: Some(|a, b, vm| inplace(BinOp::TrueDiv, a, b, vm)),
                inplace_and: Some(|a, b, vm| inplace(BinOp::And, a, b, vm)),
                inplace_or: Some(|a, b, vm| inplace(BinOp::Or, a, b, vm)),
                inplace_xor: Some(|a, b, vm| inplace(BinOp::Xor, a, b, vm)),
                inplace_lshift: Some(|a, b, vm| inplace(BinOp::Shl, a, b, vm)),
                inplace_rshift: Some(|a, b, vm| inplace(BinOp::Shr, a, b, vm)),
                matrix_multiply: Some(|a, b, vm| {
                    let (Some((x, _)), Some((y, _))) = (operand(a, vm)?, operand(b, vm)?) else {
                        return Ok(vm.ctx.not_implemented());
                    };
                    finish(ops::matmul(&x, &y, false).map_err(|e| err(e, vm))?, vm)
                }),
                ..PyNumberMethods::NOT_IMPLEMENTED
            };
            &AS_NUMBER
        }
    }

    fn scalar_of(a: &NdArray, vm: &VirtualMachine) -> PyResult<Scalar> {
        if a.size() != 1 {
            return Err(vm.new_type_error("only length-1 arrays can be converted to Python scalars"));
        }
        Ok(a.get(a.offsets()[0]))
    }

    impl Comparable for PyNdArray {
        fn slot_richcompare(
            zelf: &PyObject,
            other: &PyObject,
            op: PyComparisonOp,
            vm: &VirtualMachine,
        ) -> PyResult<Either<PyObjectRef, PyComparisonValue>> {
            let bop = match op {
                PyComparisonOp::Lt => BinOp::Lt,
                PyComparisonOp::Le => BinOp::Le,
                PyComparisonOp::Gt => BinOp::Gt,
                PyComparisonOp::Ge => BinOp::Ge,
                PyComparisonOp::Eq => BinOp::Eq,
                _ => BinOp::Ne,
            };
            match apply_binary(bop, zelf, other, vm)? {
                Some(r) => Ok(Either::A(r)),
                None => Ok(Either::B(PyComparisonValue::NotImplemented)),
            }
        }
        fn cmp(_: &Py<Self>, _: &PyObject, _: PyComparisonOp, _: &VirtualMachine) -> PyResult<PyComparisonValue> {
            unreachable!("slot_richcompare is overridden")
        }
    }

    impl Iterable for PyNdArray {
        fn iter(zelf: PyRef<Self>, vm: &VirtualMachine) -> PyResult {
            if zelf.arr.ndim() == 0 {
                return Err(vm.new_type_error("iteration over a 0-d array"));
            }
            Ok(PyNdArrayIter { arr: zelf.into(), index: PyMutex::new(0) }.into_pyobject(vm))
        }
    }

    /// `iter(a)`: `a[0]`, `a[1]`, ... read as they are when reached (numpy's
    /// iterator sees stores made while it runs). Compiled code reads and
    /// moves `index` (the bridge's entry checks and exits).
    #[pyattr]
    #[pyclass(name = "iterator", module = "numpy")]
    #[derive(Debug, PyPayload)]
    pub(crate) struct PyNdArrayIter {
        pub(crate) arr: PyObjectRef,
        pub(crate) index: PyMutex<usize>,
    }

    #[pyclass(flags(DISALLOW_INSTANTIATION), with(IterNext, Iterable))]
    impl PyNdArrayIter {}

    impl SelfIter for PyNdArrayIter {}

    impl IterNext for PyNdArrayIter {
        fn next(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<rustpython_vm::protocol::PyIterReturn> {
            use rustpython_vm::protocol::PyIterReturn;
            let Some(a) = zelf.arr.downcast_ref::<PyNdArray>() else {
                return Ok(PyIterReturn::StopIteration(None));
            };
            let i = {
                let mut at = zelf.index.lock();
                if a.arr.shape.first().is_none_or(|n| *at >= *n) {
                    return Ok(PyIterReturn::StopIteration(None));
                }
                *at += 1;
                *at - 1
            };
            a.getitem(vm.ctx.new_int(i).as_object(), vm).map(PyIterReturn::Return)
        }
    }

    impl Representable for PyNdArray {
        fn repr_str(zelf: &Py<Self>, _vm: &VirtualMachine) -> PyResult<String> {
            Ok(format::array_repr(&zelf.arr.shape, &zelf.arr.to_storage()))
        }
    }

    // ---- module functions (called by __init__.py with plain arguments) ----

    #[pyfunction]
    fn _register(ndarray: PyTypeRef, names: Vec<String>, classes: Vec<PyTypeRef>, vm: &VirtualMachine) -> PyResult<()> {
        let scalars = names.iter().zip(classes).map(|(n, c)| Ok((dtype_of(n, vm)?, c))).collect::<PyResult<Vec<_>>>()?;
        REGISTRY.with(|r| *r.borrow_mut() = Some(Registry { ndarray, scalars }));
        Ok(())
    }

    fn opt_dtype(dtype: Option<String>, vm: &VirtualMachine) -> PyResult<Option<DType>> {
        dtype.map(|d| dtype_of(&d, vm)).transpose()
    }

    #[pyfunction]
    fn _array(obj: PyObjectRef, dtype: Option<String>, vm: &VirtualMachine) -> PyResult {
        let d = opt_dtype(dtype, vm)?;
        wrap(from_nested(&obj, d, vm)?, vm)
    }

    #[pyfunction]
    fn _full(shape: Vec<usize>, value: PyObjectRef, dtype: Option<String>, vm: &VirtualMachine) -> PyResult {
        let (s, op) = scalar_operand(&value, vm).ok_or_else(|| vm.new_type_error("fill value must be a number"))?;
        let d = match opt_dtype(dtype, vm)? {
            Some(d) => d,
            None => match op {
                Operand::Array(d) => d,
                Operand::PyBool => DType::Bool,
                Operand::PyInt => DType::Int64,
                Operand::PyFloat => DType::Float64,
                Operand::PyComplex => DType::Complex128,
            },
        };
        if let (Operand::PyInt, Scalar::Int(v)) = (op, s) {
            check_pyint(v, d, vm)?;
        }
        let n = shape.iter().product();
        wrap(NdArray::from_storage(core::filled(d, n, s), shape), vm)
    }

    /// np.arange, filled as numpy fills it: start + i*delta, delta = (start+step)-start.
    #[pyfunction]
    fn _arange(start: PyObjectRef, stop: PyObjectRef, step: PyObjectRef, dtype: Option<String>, vm: &VirtualMachine) -> PyResult {
        let all_int = [&start, &stop, &step].iter().all(|o| o.downcast_ref::<PyInt>().is_some());
        let f = |o: &PyObject| -> PyResult<f64> {
            scalar_operand(o, vm).map(|(s, _)| <f64 as core::Wide>::from_scalar(s)).ok_or_else(|| vm.new_type_error("arange() arguments must be numbers"))
        };
        let d = opt_dtype(dtype, vm)?.unwrap_or(if all_int { DType::Int64 } else { DType::Float64 });
        if all_int && !d.is_float() {
            let (a, b, s) = (index_int(&start, vm)?, index_int(&stop, vm)?, index_int(&step, vm)?);
            if s == 0 {
                return Err(vm.new_zero_division_error("division by zero"));
            }
            let n = if s > 0 { (b - a + s - 1).div_euclid(s).max(0) } else { (a - b - s - 1).div_euclid(-s).max(0) };
            let v: Vec<i64> = (0..n).map(|i| a + i * s).collect();
            let len = v.len();
            return wrap(NdArray::from_storage(core::Narrow::narrow(v, d), vec![len]), vm);
        }
        let (a, b, s) = (f(&start)?, f(&stop)?, f(&step)?);
        if s == 0.0 {
            return Err(vm.new_zero_division_error("division by zero"));
        }
        let n = ((b - a) / s).ceil();
        let n = if n.is_nan() || n < 0.0 { 0 } else { n as usize };
        let delta = (a + s) - a;
        let mut v: Vec<f64> = (0..n).map(|i| a + i as f64 * delta).collect();
        if n > 1 {
            v[1] = a + s;
        }
        wrap(NdArray::from_storage(core::Narrow::narrow(v, d), vec![n]), vm)
    }

    #[pyfunction]
    fn _binary(name: String, a: PyObjectRef, b: PyObjectRef, vm: &VirtualMachine) -> PyResult {
        let op = binop_name(&name).ok_or_else(|| vm.new_value_error(format!("no ufunc {name}")))?;
        if let Some(fa) = big_int_operand(op, &a, &b, vm)? {
            return _binary(name, fa, b, vm);
        }
        if let Some(fb) = big_int_operand(op, &b, &a, vm)? {
            return _binary(name, a, fb, vm);
        }
        let (Some((x, tx)), Some((y, ty))) = (operand(&a, vm)?, operand(&b, vm)?) else {
            return Err(vm.new_type_error(format!("ufunc '{name}' not supported for the input types")));
        };
        let mut dtype = ops::result_type(tx, ty);
        if name.starts_with("logical_") {
            dtype = DType::Bool;
        }
        finish(ops::binary(op, &x, &y, dtype).map_err(|e| err(e, vm))?, vm)
    }

    #[pyfunction]
    fn _unary(name: String, a: PyObjectRef, vm: &VirtualMachine) -> PyResult {
        let op = match name.as_str() {
            "negative" => UnOp::Neg,
            "absolute" | "abs" | "fabs" => UnOp::Abs,
            "sqrt" => UnOp::Sqrt,
            "exp" => UnOp::Exp,
            "log" => UnOp::Log,
            "log10" => UnOp::Log10,
            "log2" => UnOp::Log2,
            "log1p" => UnOp::Log1p,
            "expm1" => UnOp::Expm1,
            "sin" => UnOp::Sin,
            "cos" => UnOp::Cos,
            "tan" => UnOp::Tan,
            "arcsin" => UnOp::Arcsin,
            "arccos" => UnOp::Arccos,
            "arctan" => UnOp::Arctan,
            "sinh" => UnOp::Sinh,
            "cosh" => UnOp::Cosh,
            "tanh" => UnOp::Tanh,
            "floor" => UnOp::Floor,
            "ceil" => UnOp::Ceil,
            "trunc" => UnOp::Trunc,
            "rint" => UnOp::Rint,
            "sign" => UnOp::Sign,
            "square" => UnOp::Square,
            "isnan" => UnOp::IsNan,
            "isinf" => UnOp::IsInf,
            "isfinite" => UnOp::IsFinite,
            "logical_not" => UnOp::Not,
            "invert" => UnOp::Invert,
            _ => return Err(vm.new_value_error(format!("no ufunc {name}"))),
        };
        let Some((x, _)) = operand(&a, vm)? else {
            return Err(vm.new_type_error(format!("ufunc '{name}' not supported for the input types")));
        };
        finish(ops::unary(op, &x).map_err(|e| err(e, vm))?, vm)
    }

    /// numpy's print options (`None` keeps one).
    #[pyfunction]
    fn _set_printoptions(precision: Option<i64>, threshold: Option<i64>, edgeitems: Option<i64>, linewidth: Option<i64>, suppress: Option<bool>) {
        format::set_print_options(precision, threshold, edgeitems, linewidth, suppress);
    }

    /// (precision, threshold, edgeitems, linewidth, suppress).
    #[pyfunction]
    fn _get_printoptions() -> (i64, i64, i64, i64, bool) {
        format::print_options()
    }

    /// Each run of `n` consecutive elements (C order) sorted, stably.
    #[pyfunction]
    fn _sort_lanes(a: PyRef<PyNdArray>, n: usize, vm: &VirtualMachine) -> PyResult {
        wrap(ops::sort_lanes(&a.arr, n), vm)
    }

    /// The int64 indices that sort each run of `n` consecutive elements.
    #[pyfunction]
    fn _argsort_lanes(a: PyRef<PyNdArray>, n: usize, vm: &VirtualMachine) -> PyResult {
        wrap(ops::argsort_lanes(&a.arr, n), vm)
    }

    /// numpy's searchsorted of `v` in the sorted 1-d array `a`.
    #[pyfunction]
    fn _searchsorted(a: PyRef<PyNdArray>, v: PyRef<PyNdArray>, right: bool, vm: &VirtualMachine) -> PyResult {
        wrap(ops::searchsorted(&a.arr, &v.arr, right), vm)
    }

    #[pyfunction]
    fn _dot(a: PyObjectRef, b: PyObjectRef, vm: &VirtualMachine) -> PyResult {
        let (Some((x, _)), Some((y, _))) = (operand(&a, vm)?, operand(&b, vm)?) else {
            return Err(vm.new_type_error("dot() arguments must be arrays"));
        };
        finish(ops::matmul(&x, &y, true).map_err(|e| err(e, vm))?, vm)
    }

    #[pyfunction]
    fn _concatenate(arrays: Vec<PyObjectRef>, axis: i64, vm: &VirtualMachine) -> PyResult {
        let arrs = arrays
            .iter()
            .map(|o| operand(o, vm)?.map(|(a, _)| a).ok_or_else(|| vm.new_type_error("concatenate() needs arrays")))
            .collect::<PyResult<Vec<_>>>()?;
        wrap(ops::concatenate(&arrs, axis).map_err(|e| err(e, vm))?, vm)
    }

    /// np.where(cond, x, y).
    #[pyfunction]
    fn _where(cond: PyObjectRef, x: PyObjectRef, y: PyObjectRef, vm: &VirtualMachine) -> PyResult {
        let (Some((c, _)), Some((a, ta)), Some((b, tb))) = (operand(&cond, vm)?, operand(&x, vm)?, operand(&y, vm)?) else {
            return Err(vm.new_type_error("where() needs arrays or numbers"));
        };
        let dtype = ops::result_type(ta, tb);
        let shape = core::broadcast_shapes(&core::broadcast_shapes(&c.shape, &a.shape).map_err(|e| err(e, vm))?, &b.shape)
            .map_err(|e| err(e, vm))?;
        let m = c.gather::<bool>(&shape);
        let (va, vb) = (a.cast_broadcast(dtype, &shape), b.cast_broadcast(dtype, &shape));
        let items: Vec<Scalar> =
            m.iter().enumerate().map(|(k, &t)| core::scalar_at(if t { &va } else { &vb }, k)).collect();
        finish(NdArray::from_storage(core::from_scalars(dtype, &items), shape), vm)
    }

    #[pyfunction]
    fn _scalar_repr(dtype: String, value: PyObjectRef, vm: &VirtualMachine) -> PyResult<String> {
        let d = dtype_of(&dtype, vm)?;
        let (s, _) = scalar_operand(&value, vm).ok_or_else(|| vm.new_type_error("not a number"))?;
        Ok(format::scalar_repr(d, s))
    }

    #[pyfunction]
    fn _scalar_str(dtype: String, value: PyObjectRef, vm: &VirtualMachine) -> PyResult<String> {
        let d = dtype_of(&dtype, vm)?;
        let (s, _) = scalar_operand(&value, vm).ok_or_else(|| vm.new_type_error("not a number"))?;
        Ok(format::scalar_str(d, s))
    }

    /// The element `x` cast to `dtype` (np.float32(0.1), np.int8(300)).
    #[pyfunction]
    fn _cast_scalar(dtype: String, value: PyObjectRef, vm: &VirtualMachine) -> PyResult {
        let d = dtype_of(&dtype, vm)?;
        let (s, _) = scalar_operand(&value, vm).ok_or_else(|| vm.new_type_error("not a number"))?;
        let a = NdArray::scalar(s, d);
        Ok(plain(a.get(0), vm))
    }

    // ---- np.random's global RandomState ----

    #[pyattr]
    #[pyclass(name = "RandomState", module = "numpy.random")]
    #[derive(Debug, PyPayload)]
    struct PyRandomState {
        rs: PyMutex<RandomState>,
    }

    #[pyclass]
    impl PyRandomState {
        #[pystaticmethod]
        fn _new(vm: &VirtualMachine) -> PyObjectRef {
            PyRandomState { rs: PyMutex::new(RandomState::from_entropy()) }.into_pyobject(vm)
        }
        #[pymethod]
        fn seed(zelf: &Py<Self>, seed: PyObjectRef, vm: &VirtualMachine) -> PyResult<()> {
            let mut rs = zelf.rs.lock();
            if vm.is_none(&seed) {
                *rs = RandomState::from_entropy();
                return Ok(());
            }
            if let Some(i) = seed.downcast_ref::<PyInt>() {
                let v = i64::try_from(i.as_bigint()).ok().filter(|v| (0..=u32::MAX as i64).contains(v));
                let v = v.ok_or_else(|| vm.new_value_error("Seed must be between 0 and 2**32 - 1"))?;
                rs.seed(v as u32);
                return Ok(());
            }
            let key = from_nested(&seed, Some(DType::Int64), vm)?.gather::<i64>(&[]);
            let _ = key;
            Err(not_impl("np.random.seed with a non-int seed".to_owned(), vm))
        }
        fn fill(&self, size: Option<Vec<usize>>, mut f: impl FnMut(&mut RandomState) -> f64, vm: &VirtualMachine) -> PyResult {
            let mut rs = self.rs.lock();
            match size {
                None => Ok(vm.ctx.new_float(f(&mut rs)).into()),
                Some(shape) => {
                    let n = shape.iter().product();
                    let v: Vec<f64> = (0..n).map(|_| f(&mut rs)).collect();
                    drop(rs);
                    wrap(NdArray::from_storage(Storage::Float64(v), shape), vm)
                }
            }
        }
        #[pymethod]
        fn _random(zelf: &Py<Self>, size: Option<Vec<usize>>, vm: &VirtualMachine) -> PyResult {
            zelf.fill(size, |r| r.random_sample(), vm)
        }
        #[pymethod]
        fn _normal(zelf: &Py<Self>, loc: f64, scale: f64, size: Option<Vec<usize>>, vm: &VirtualMachine) -> PyResult {
            zelf.fill(size, |r| r.normal(loc, scale), vm)
        }
        #[pymethod]
        fn _uniform(zelf: &Py<Self>, low: f64, high: f64, size: Option<Vec<usize>>, vm: &VirtualMachine) -> PyResult {
            zelf.fill(size, |r| r.uniform(low, high), vm)
        }
        #[pymethod]
        fn _randint(zelf: &Py<Self>, low: i64, high: i64, size: Option<Vec<usize>>, vm: &VirtualMachine) -> PyResult {
            if low >= high {
                return Err(vm.new_value_error("low >= high"));
            }
            let mut rs = zelf.rs.lock();
            match size {
                None => Ok(vm.ctx.new_int(rs.randint(low, high)).into()),
                Some(shape) => {
                    let mut v = vec![0i64; shape.iter().product()];
                    rs.randint_fill(low, high, &mut v);
                    drop(rs);
                    wrap(NdArray::from_storage(Storage::Int64(v), shape), vm)
                }
            }
        }
        #[pymethod]
        fn _permutation(zelf: &Py<Self>, n: usize, vm: &VirtualMachine) -> PyResult {
            let v = zelf.rs.lock().permutation(n);
            wrap(NdArray::from_storage(Storage::Int64(v), vec![n]), vm)
        }
        /// Shuffles axis 0 of an array in place.
        #[pymethod]
        fn _shuffle(zelf: &Py<Self>, a: PyRef<PyNdArray>, vm: &VirtualMachine) -> PyResult<()> {
            if a.arr.ndim() == 0 {
                return Err(vm.new_type_error("object of type 'numpy.ndarray' has no len()"));
            }
            let n = a.arr.shape[0];
            let mut order: Vec<usize> = (0..n).collect();
            zelf.rs.lock().shuffle(&mut order);
            let rows: Vec<NdArray> = order
                .iter()
                .map(|&i| match a.arr.select(&[Idx::Int(i as i64)]) {
                    Ok(Selected::View(v)) => v.copy(),
                    Ok(Selected::Element(o)) => NdArray::scalar(a.arr.get(o), a.arr.dtype()),
                    Err(_) => unreachable!(),
                })
                .collect();
            for (i, r) in rows.iter().enumerate() {
                match a.arr.select(&[Idx::Int(i as i64)]).map_err(|e| err(e, vm))? {
                    Selected::View(v) => v.assign(r).map_err(|e| err(e, vm))?,
                    Selected::Element(o) => core::store_at(&mut a.arr.write(), o, r.get(0)),
                }
            }
            Ok(())
        }
    }
}
