//! Iterators over lists that compiled loops run themselves (`IterKind`):
//! reading the state of one the frame holds at entry, and at an exit
//! moving it or making one anew.
//!
//! A list iterator's list and position are read and set through our
//! RustPython patch's `jit_hook::list_iter_state` and
//! `list_iter_set_position` (a loop over a short list is entered often:
//! `__reduce__` made a tuple each time); enumerate and zip expose theirs
//! through `__reduce__`, the protocol pickling uses. An exhausted list
//! iterator (no position left to read) and a strict zip are not taken.

use pyjit_ir::IterKind;
use rustpython_vm::builtins::{PyInt, PyTuple};
use rustpython_vm::{AsObject, PyObject, PyObjectRef, PyResult, VirtualMachine};

/// What entering with an iterator needs.
pub(crate) struct IterParts {
    pub kind: IterKind,
    /// The inputs `Want::Iter` names, in `IterKind` order: a list
    /// iterator's list address and index, an enumerate's count.
    pub inputs: Vec<u64>,
    /// Its lists and its list iterators, in `IterKind` order.
    pub lists: Vec<PyObjectRef>,
    pub list_iters: Vec<PyObjectRef>,
}

fn reduce(o: &PyObject, vm: &VirtualMachine) -> Option<Vec<PyObjectRef>> {
    let t = vm.call_method(o, "__reduce__", ()).ok()?;
    Some(t.downcast_ref::<PyTuple>()?.as_slice().to_vec())
}

fn small_int(o: &PyObject) -> Option<i64> {
    i64::try_from(o.downcast_ref::<PyInt>()?.as_bigint()).ok()
}

/// The structure and state of `o` if it is an iterator over exact lists
/// the trace can run: a list iterator, an enumerate or a zip of such. The
/// outermost one (`top`) must be held by nothing but the frame's stack
/// (and the caller's reference), since an exit may replace it.
pub(crate) fn parts(o: &PyObjectRef, top: bool, vm: &VirtualMachine) -> Option<IterParts> {
    let mut p = IterParts { kind: IterKind::List, inputs: Vec::new(), lists: Vec::new(), list_iters: Vec::new() };
    p.kind = walk(o, top, vm, &mut p)?;
    // One list iterator twice (`zip(it, it)`) moves once per item for each
    // use: the trace's separate indices would be wrong.
    for (i, a) in p.list_iters.iter().enumerate() {
        if p.list_iters[..i].iter().any(|b| b.is(a)) {
            return None;
        }
    }
    Some(p)
}

fn walk(o: &PyObjectRef, top: bool, vm: &VirtualMachine, p: &mut IterParts) -> Option<IterKind> {
    let cls = o.class();
    let types = &vm.ctx.types;
    let reversed = cls.is(types.list_reverseiterator_type);
    if cls.is(types.list_iterator_type) || reversed {
        // An exhausted one reduces to no position: not taken (the loop is
        // recorded again later; a reversed one is exhausted as soon as it
        // gives item 0).
        let (lst, pos) = rustpython_vm::frame::jit_hook::list_iter_state(o)?;
        let lst: PyObjectRef = lst.into();
        if !lst.class().is(types.list_type) {
            return None;
        }
        p.inputs.push(&*lst as *const PyObject as usize as u64);
        p.inputs.push(i64::try_from(pos).ok()? as u64);
        p.lists.push(lst);
        p.list_iters.push(o.clone());
        return Some(if reversed { IterKind::Reversed } else { IterKind::List });
    }
    // Held by the frame and by `o` only: a new one can take its place.
    if top && o.strong_count() > 2 {
        return None;
    }
    if cls.is(types.enumerate_type) {
        let r = reduce(o, vm)?;
        let [_, args] = &r[..] else { return None };
        let [inner, count] = args.downcast_ref::<PyTuple>()?.as_slice() else { return None };
        p.inputs.push(small_int(count)? as u64);
        return Some(IterKind::Enumerate(Box::new(walk(inner, false, vm, p)?)));
    }
    if cls.is(types.zip_type) {
        let r = reduce(o, vm)?;
        // A third item: strict=True.
        let [_, its] = &r[..] else { return None };
        let its = its.downcast_ref::<PyTuple>()?.as_slice().to_vec();
        if its.is_empty() {
            return None;
        }
        let kinds = its.iter().map(|it| walk(it, false, vm, p)).collect::<Option<Vec<_>>>()?;
        return Some(IterKind::Zip(kinds));
    }
    None
}

/// The iterator an exit hands back: `vals` and `lists` in `IterKind` order.
/// With `list_iters` (the ones the frame's iterator held at entry) those
/// move to their new positions; otherwise new ones are made. An enumerate
/// or a zip is always made anew around them.
pub(crate) fn make(
    kind: &IterKind,
    vals: &mut dyn Iterator<Item = u64>,
    lists: &mut dyn Iterator<Item = PyObjectRef>,
    list_iters: &mut Option<std::slice::Iter<'_, PyObjectRef>>,
    vm: &VirtualMachine,
) -> PyResult<PyObjectRef> {
    let missing = || vm.new_runtime_error("pyjit: an exit's iterator state is incomplete");
    match kind {
        IterKind::List | IterKind::Reversed => {
            let idx = vals.next().ok_or_else(missing)? as i64;
            let lst = lists.next().ok_or_else(missing)?;
            let it = match list_iters {
                Some(its) => its.next().ok_or_else(missing)?.clone(),
                None if *kind == IterKind::List => lst.get_iter(vm)?.into(),
                None => vm.builtins.get_attr("reversed", vm)?.call((lst,), vm)?,
            };
            rustpython_vm::frame::jit_hook::list_iter_set_position(&it, idx.max(0) as usize);
            // A reversed one past item 0: one more step leaves it exhausted.
            if idx < 0 {
                let _ = vm.call_method(&it, "__next__", ());
            }
            Ok(it)
        }
        IterKind::Enumerate(inner) => {
            let count = vals.next().ok_or_else(missing)? as i64;
            let inner = make(inner, vals, lists, list_iters, vm)?;
            vm.builtins.get_attr("enumerate", vm)?.call((inner, vm.ctx.new_int(count)), vm)
        }
        IterKind::Zip(kinds) => {
            let its = kinds.iter().map(|k| make(k, vals, lists, list_iters, vm)).collect::<PyResult<Vec<_>>>()?;
            vm.builtins.get_attr("zip", vm)?.call(rustpython_vm::function::FuncArgs::from(its), vm)
        }
    }
}
