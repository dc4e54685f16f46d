//! Questions about live objects that both the recorder's `World` and the
//! bridge's entry checks ask, answered the same way for both: what kind of
//! value an object is to compiled code (`scalar_kind`, `list_elem`), which
//! classes are plain, and the lookups a trace guards (globals, cells,
//! module and class attributes) done without running Python code.

use pyjit_arrays::mem_of;
use pyjit_tracer::bytecode::{Elem, Observed, TupleShape};
use rustpython_vm::builtins::{PyDict, PyInt, PyModule, PyStrInterned, PyTuple, PyType};
use rustpython_vm::{AsObject, Py, PyObject, PyObjectRef, VirtualMachine};

/// Int (fitting i64), float or bool, by exact type; numpy scalars of
/// those kinds; numpy arrays of a dtype compiled code reads.
pub(crate) fn scalar_kind(o: &PyObject, vm: &VirtualMachine) -> Option<Observed> {
    use pyjit_arrays::DType;
    if let Some(d) = crate::numpy::np_scalar_dtype(o) {
        return match d {
            DType::Float64 => Some(Observed::NpFloat),
            DType::Int64 => o
                .downcast_ref::<PyInt>()
                .is_some_and(|i| i64::try_from(i.as_bigint()).is_ok())
                .then_some(Observed::NpInt),
            DType::Bool => Some(Observed::NpBool),
            d => mem_of(d).filter(|m| matches!(m, pyjit_ir::MemTy::F32 | pyjit_ir::MemTy::I32 | pyjit_ir::MemTy::I8 | pyjit_ir::MemTy::U8)).map(Observed::NpSmall),
        };
    }
    if o.class().is(vm.ctx.types.list_type) {
        return Some(Observed::List { elem: list_elem(o, vm) });
    }
    // Exactly numpy.ndarray (its methods are the ones compiled code calls).
    if let Some(l) = crate::numpy::array_layout(o).filter(|_| crate::numpy::ndarray_class().is_some_and(|c| o.class().is(&c))) {
        let mem = mem_of(l.dtype)?;
        return Some(Observed::Array { mem, ndim: l.shape.len() as u32, contiguous: l.c_contiguous });
    }
    let cls = o.class();
    if cls.is(vm.ctx.types.float_type) {
        return Some(Observed::Float);
    }
    if cls.is(vm.ctx.types.bool_type) {
        return Some(Observed::Bool);
    }
    if cls.is(vm.ctx.types.complex_type) {
        return Some(Observed::Complex);
    }
    if cls.is(vm.ctx.types.int_type) {
        let fits = o.downcast_ref::<PyInt>().is_some_and(|i| i64::try_from(i.as_bigint()).is_ok());
        // A big int is an object the trace cannot hold: checks fail on it.
        return if fits { Some(Observed::Int) } else { None };
    }
    // After the numbers: the bridge asks this of every number it checks.
    if let Some(d) = o.downcast_ref::<PyDict>().filter(|_| cls.is(vm.ctx.types.dict_type)) {
        // The type of number its first values agree on.
        let vals: Vec<Option<pyjit_ir::Type>> = d.into_iter().take(16).map(|(_, v)| list_num(&v, vm)).collect();
        let val = vals.first().copied().flatten().filter(|t| vals.iter().all(|v| *v == Some(*t)));
        return Some(Observed::Dict { val });
    }
    None
}

/// What the first elements of a list are (numbers of one type: exact int
/// fitting i64, float or bool; lists of such numbers; or tuples of such
/// things and of any objects), if they agree; compiled reads expect it and
/// check each.
pub(crate) fn list_elem(o: &PyObject, vm: &VirtualMachine) -> Option<Elem> {
    let l = o.downcast_ref::<rustpython_vm::builtins::PyList>()?;
    let v = l.borrow_vec();
    let kind = elem_of(v.first()?, 0, vm)?;
    v.iter().take(16).all(|e| elem_of(e, 0, vm) == Some(kind)).then_some(kind)
}

/// What `e` is as a list's element (`depth`: how many tuples hold it).
fn elem_of(e: &PyObject, depth: usize, vm: &VirtualMachine) -> Option<Elem> {
    if e.class().is(vm.ctx.types.list_type) {
        match list_elem(e, vm) {
            Some(Elem::Num(t)) => Some(Elem::Rows(t)),
            _ => None,
        }
    } else if let Some(t) = e.downcast_ref::<PyTuple>().filter(|t| e.class().is(vm.ctx.types.tuple_type) && t.len() <= TupleShape::MAX_ITEMS) {
        if depth == TupleShape::MAX_DEPTH {
            return None;
        }
        // An item of no kind of its own is any object.
        let items: Vec<Elem> = t.iter().map(|i| elem_of(i, depth + 1, vm).unwrap_or(Elem::Any)).collect();
        Some(Elem::Tuples(TupleShape::intern(&items)))
    } else {
        list_num(e, vm).map(Elem::Num)
    }
}

/// For a method of an exact list bound to it (`lst.insert`, a builtin
/// method), its number in `LIST_METHODS`.
pub(crate) fn bound_list_method(o: &PyObject, vm: &VirtualMachine) -> Option<u8> {
    if !o.class().is(vm.ctx.types.builtin_function_or_method_type) {
        return None;
    }
    let zelf = o.get_attr("__self__", vm).ok()?;
    if !zelf.class().is(vm.ctx.types.list_type) {
        return None;
    }
    let name = o.get_attr("__name__", vm).ok()?;
    let name = name.downcast_ref::<rustpython_vm::builtins::PyStr>()?.to_str()?;
    pyjit_tracer::bytecode::LIST_METHODS.iter().position(|m| *m == name).map(|k| k as u8)
}

/// An instance of a plain class: made by a `class` statement from plain
/// classes down to `object`, with a `__dict__`, and attribute access as
/// `object` does it (no `__getattribute__`, `__getattr__` or `__setattr__`
/// of its own), so `x.a` is its dict's entry when there is one.
pub(crate) fn plain_instance(o: &PyObject, vm: &VirtualMachine) -> bool {
    // Without a dict: a class with `__slots__` (its members are read and
    // written through their descriptors).
    plain_class(o.class(), vm)
}

/// The `__slots__` members of `cls` and its bases (names whose class
/// attribute is a member descriptor).
pub(crate) fn slot_names(cls: &Py<PyType>, vm: &VirtualMachine) -> Vec<&'static rustpython_vm::builtins::PyStrInterned> {
    let mut out = Vec::new();
    for t in cls.mro_map_collect(|t| t.to_owned()) {
        let Some(slots) = t.get_direct_attr(vm.ctx.intern_str("__slots__")) else { continue };
        let names: Vec<PyObjectRef> = match slots.downcast_ref::<rustpython_vm::builtins::PyStr>() {
            Some(_) => vec![slots.clone()],
            None => slots.try_to_value::<Vec<PyObjectRef>>(vm).unwrap_or_default(),
        };
        for n in names {
            let Some(s) = n.downcast_ref::<rustpython_vm::builtins::PyStr>().and_then(|s| s.to_str()) else { continue };
            let name = vm.ctx.intern_str(s);
            if cls.get_attr(name).is_some_and(|d| d.class().is(vm.ctx.types.member_descriptor_type)) && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// A class made by a `class` statement from plain classes down to
/// `object`, whose instances' attributes are their dicts' entries (see
/// `plain_instance`).
pub(crate) fn plain_class(cls: &Py<PyType>, vm: &VirtualMachine) -> bool {
    use rustpython_vm::types::PyTypeFlags;
    if !cls.slots.flags.has_feature(PyTypeFlags::HEAPTYPE) {
        return false;
    }
    let mro = cls.mro_map_collect(|t| t.to_owned());
    let plain_mro = mro.iter().all(|t| t.is(vm.ctx.types.object_type) || t.slots.flags.has_feature(PyTypeFlags::HEAPTYPE))
        && mro.last().is_some_and(|t| t.is(vm.ctx.types.object_type));
    let object = vm.ctx.types.object_type;
    let same = |n: &str| {
        let n = vm.ctx.intern_str(n);
        match (cls.get_attr(n), object.get_attr(n)) {
            (Some(a), Some(b)) => a.is(&b),
            _ => false,
        }
    };
    plain_mro && same("__getattribute__") && same("__setattr__") && cls.get_attr(vm.ctx.intern_str("__getattr__")).is_none()
}

/// The type of a number a list may hold (exact int fitting i64, float,
/// bool).
pub(crate) fn list_num(e: &PyObject, vm: &VirtualMachine) -> Option<pyjit_ir::Type> {
    use pyjit_ir::Type;
    let cls = e.class();
    if cls.is(vm.ctx.types.float_type) {
        Some(Type::F64)
    } else if cls.is(vm.ctx.types.bool_type) {
        Some(Type::Bool)
    } else if cls.is(vm.ctx.types.int_type) && e.downcast_ref::<PyInt>().is_some_and(|i| i64::try_from(i.as_bigint()).is_ok()) {
        Some(Type::I64)
    } else {
        None
    }
}

/// LOAD_GLOBAL's lookup (LOAD_NAME's in module code, whose locals are its
/// globals): globals, then builtins. By an interned name, whose hash is
/// cached and whose identity compares first (entry checks look globals up
/// at every native entry).
pub(crate) fn lookup_global(globals: &Py<PyDict>, builtins: &PyObject, name: &'static PyStrInterned, vm: &VirtualMachine) -> Option<PyObjectRef> {
    if let Ok(Some(v)) = globals.get_item_opt(name, vm) {
        return Some(v);
    }
    if let Some(d) = builtins.downcast_ref::<PyDict>() {
        return d.get_item_opt(name, vm).ok().flatten();
    }
    builtins.get_attr(name, vm).ok()
}

/// Makes writes to `globals` and to `builtins` (a dict, or a module's)
/// count in the VM's `WATCHED_WRITES`: compiled code that took a global
/// as fixed compares that count around the Python code it runs.
pub(crate) fn watch_globals(globals: &Py<PyDict>, builtins: &PyObject) {
    globals.jit_watch();
    watch_dict_of(builtins);
}

/// Watches `o` itself if it is a dict, else the dict of `o` (a module's).
pub(crate) fn watch_dict_of(o: &PyObject) {
    match o.downcast_ref::<PyDict>() {
        Some(d) => d.jit_watch(),
        None => {
            if let Some(d) = o.dict() {
                d.jit_watch();
            }
        }
    }
}

/// What the cell `c` holds (`None` if it is no cell or empty).
pub(crate) fn cell_get(c: &PyObject, vm: &VirtualMachine) -> Option<PyObjectRef> {
    if !c.class().is(vm.ctx.types.cell_type) {
        return None;
    }
    c.get_attr("cell_contents", vm).ok()
}

/// An attribute a trace may read at entry, without running any code: a
/// module's (from its dict), or what a class whose metaclass is `type`
/// holds along its MRO where `C.name` gives that value itself: a plain
/// value or a function (a staticmethod's function). Not a name `type`
/// itself answers, nor a dunder (`__name__`, `__dict__`: the metaclass's).
pub(crate) fn entry_attr(obj: &PyObject, name: &str, vm: &VirtualMachine) -> Option<PyObjectRef> {
    if obj.downcast_ref::<PyModule>().is_some() {
        return obj.dict()?.get_item_opt(name, vm).ok().flatten();
    }
    let cls = obj.downcast_ref::<PyType>()?;
    let meta = vm.ctx.types.type_type;
    if !obj.class().is(meta) || (name.starts_with("__") && name.ends_with("__")) {
        return None;
    }
    let n = vm.ctx.intern_str(name);
    if meta.get_attr(n).is_some() {
        return None;
    }
    let v = cls.get_attr(n)?;
    let t = v.class();
    if t.is(vm.ctx.types.function_type) {
        return Some(v);
    }
    if t.is(vm.ctx.types.staticmethod_type) {
        return v.get_attr("__func__", vm).ok();
    }
    let descriptor = ["__get__", "__set__", "__delete__"].iter().any(|d| t.get_attr(vm.ctx.intern_str(*d)).is_some());
    (!descriptor).then_some(v)
}
