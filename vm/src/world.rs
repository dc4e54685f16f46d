//! The recorder's view of the live frame: `FrameWorld` answers the
//! tracer's questions (`pyjit_tracer::World`) about the globals, objects,
//! classes and callees a loop meets, from the frame at its back-edge, and
//! keeps every object it mentions so the trace can name it by number.

use crate::decode;
use pyjit_arrays::mem_of;
use crate::objects::{bound_list_method, cell_get, list_elem, list_num, lookup_global, entry_attr, watch_dict_of, watch_globals, plain_class, plain_instance, scalar_kind, slot_names};
use pyjit_tracer::{KeyLayout, World};
use pyjit_tracer::bytecode::{Builtin, Elem, FieldObj, ObjKind, Observed};
use pyjit_tracer::record::Callee;
use rustc_hash::FxHashMap;
use rustpython_vm::builtins::{PyCode, PyDict, PyModule, PyTuple, PyType};
use rustpython_vm::bytecode::CodeFlags;
use rustpython_vm::frame::jit_hook::BackEdge;
use rustpython_vm::{AsObject, Py, PyObject, PyObjectRef, PyRef, VirtualMachine};
use std::rc::Rc;

/// The recorder's questions, answered from the live frame. Objects it
/// mentions are kept in `objects`; their index is the id the trace uses.
pub(crate) struct FrameWorld<'e, 'f, 'a, 'v> {
    pub vm: &'v VirtualMachine,
    pub edge: &'e mut BackEdge<'f, 'a>,
    pub objects: Vec<PyObjectRef>,
    builtins: &'e FxHashMap<usize, (Builtin, PyObjectRef)>,
    /// The number types instances of each class (by id) were seen to hold
    /// in their dicts (`None` where they disagree).
    fields: FxHashMap<(u32, String), Option<pyjit_ir::Type>>,
    /// The same for lists of numbers and instances (`FieldObj`).
    field_objs: FxHashMap<(u32, String), Option<FieldObj>>,
    /// The dict keys (`World::inst_keys`) instances of each class were
    /// seen with (`None` where they share none, or one is not interned).
    keys: FxHashMap<u32, Option<KeyLayout>>,
}

impl<'e, 'f, 'a, 'v> FrameWorld<'e, 'f, 'a, 'v> {
    /// A view of the frame at `edge`; `builtins` are the builtins and
    /// module functions the recorder knows, by address.
    pub(crate) fn new(vm: &'v VirtualMachine, edge: &'e mut BackEdge<'f, 'a>, builtins: &'e FxHashMap<usize, (Builtin, PyObjectRef)>) -> Self {
        FrameWorld { vm, edge, objects: Vec::new(), builtins, fields: FxHashMap::default(), field_objs: FxHashMap::default(), keys: FxHashMap::default() }
    }

    /// The id of `o`'s class, noting the number types its dict holds.
    fn instance_class(&mut self, o: &PyObjectRef) -> u32 {
        self.instance_class_at(o, 0)
    }

    /// `instance_class`, looking `depth` instances deep already (an
    /// instance an attribute holds is looked at too, two levels at most).
    fn instance_class_at(&mut self, o: &PyObjectRef, depth: u32) -> u32 {
        let class = self.id_of(&o.class().to_owned().into());
        let keys = self.interned_keys(o);
        let e = self.keys.entry(class).or_insert_with(|| keys.clone().map(|keys| KeyLayout { keys, open: false }));
        if let Some(layout) = e
            && !keys.is_some_and(|k| layout.merge(&k))
        {
            *e = None;
        }
        // `__slots__` members: their values as the dict's entries.
        let members: Vec<(PyObjectRef, PyObjectRef)> = slot_names(o.class(), self.vm)
            .into_iter()
            .filter_map(|k| Some((k.to_owned().into(), o.get_attr(k, self.vm).ok()?)))
            .collect();
        let entries: Vec<(PyObjectRef, PyObjectRef)> = o.dict().map(|d| d.into_iter().collect()).unwrap_or_default();
        for (k, v) in entries.into_iter().chain(members) {
            let Some(name) = k.downcast_ref::<rustpython_vm::builtins::PyStr>().and_then(|s| s.to_str().map(str::to_owned)) else { continue };
            let ty = list_num(&v, self.vm);
            if depth < 2 {
                self.sample_instances(&v, depth + 1);
            }
            let obj = match list_elem(&v, self.vm) {
                Some(Elem::Num(t)) if v.class().is(self.vm.ctx.types.list_type) => Some(FieldObj::Row(t)),
                _ if depth < 2 && plain_instance(&v, self.vm) => Some(FieldObj::Inst(self.instance_class_at(&v.to_owned(), depth + 1))),
                _ => None,
            };
            let e = self.field_objs.entry((class, name.clone())).or_insert(obj);
            if *e != obj {
                *e = None;
            }
            let e = self.fields.entry((class, name)).or_insert(ty);
            if *e != ty {
                *e = None;
            }
        }
        class
    }

    /// Notes the attributes of the instances of plain classes among the
    /// first items of `o`, if it is a list (of objects of several classes,
    /// which compiled code meets through the VM and may then switch on).
    fn sample_instances(&mut self, o: &PyObjectRef, depth: u32) {
        let Some(l) = o.downcast_ref::<rustpython_vm::builtins::PyList>().filter(|_| o.class().is(self.vm.ctx.types.list_type)) else { return };
        let items: Vec<PyObjectRef> = l.borrow_vec().iter().take(16).cloned().collect();
        for e in items.iter().filter(|e| plain_instance(e, self.vm)) {
            self.instance_class_at(e, depth);
        }
    }

    /// The keys of `o`'s dict in entry order, if each is an interned str
    /// (what attribute stores make) and none was deleted.
    fn interned_keys(&self, o: &PyObjectRef) -> Option<Vec<u64>> {
        let l = crate::layout::layout(self.vm)?.dict?;
        let d = o.dict()?;
        // SAFETY: an object with a dict.
        let (_, keys) = unsafe { crate::layout::raw_keys(o, l) }?;
        let interned = d.into_iter().map(|(k, _)| {
            let s = k.downcast_ref::<rustpython_vm::builtins::PyStr>()?.to_str()?;
            let i: &PyObject = self.vm.ctx.intern_str(s).as_object();
            i.is(&k).then_some(i as *const PyObject as usize as u64)
        });
        let interned: Option<Vec<u64>> = interned.collect();
        (interned? == keys).then_some(keys)
    }

    /// The code object with id `code`, or the loop frame's own for None
    /// (as the recorder names code: `Ctx::code_obj`).
    fn code_obj(&self, code: Option<u32>) -> Option<PyRef<PyCode>> {
        match code {
            Some(id) => self.objects.get(id as usize)?.clone().downcast().ok(),
            None => Some(self.edge.code().to_owned()),
        }
    }

    /// The id of attribute `name` of a builtin type (a method descriptor).
    fn type_attr(&mut self, t: &Py<PyType>, name: &str) -> Option<u32> {
        let m = t.as_object().get_attr(self.vm.ctx.intern_str(name), self.vm).ok()?;
        Some(self.id_of(&m))
    }

    fn id_of(&mut self, o: &PyObjectRef) -> u32 {
        if let Some(i) = self.objects.iter().position(|x| x.is(o)) {
            return i as u32;
        }
        self.objects.push(o.clone());
        self.objects.len() as u32 - 1
    }

    /// What `o` is to the recorder (its class noted where it is an
    /// instance, its id where it is an object).
    pub(crate) fn observe(&mut self, o: &PyObjectRef) -> Observed {
        if let Some(name) = bound_list_method(o, self.vm) {
            let elem = o.get_attr("__self__", self.vm).ok().and_then(|l| list_elem(&l, self.vm));
            return Observed::ListMethod { name, elem };
        }
        if plain_instance(o, self.vm) {
            return Observed::Instance(self.instance_class(o));
        }
        if o.class().is(self.vm.ctx.types.list_type) {
            // A list of instances of one plain class.
            let l = o.downcast_ref::<rustpython_vm::builtins::PyList>().map(|l| l.borrow_vec().iter().take(16).cloned().collect::<Vec<_>>());
            if let Some(items) = l
                && let Some(first) = items.first()
                && plain_instance(first, self.vm)
                && items.iter().all(|e| e.class().is(first.class()))
            {
                let class = items.iter().map(|e| self.instance_class(e)).last().unwrap();
                return Observed::List { elem: Some(Elem::Insts(class)) };
            }
            self.sample_instances(o, 0);
        }
        // A short exact tuple: taken apart into its items.
        if o.class().is(self.vm.ctx.types.tuple_type)
            && o.downcast_ref::<PyTuple>().is_some_and(|t| t.len() <= MAX_TUPLE_ITEMS)
        {
            return Observed::Tuple(self.id_of(o));
        }
        match scalar_kind(o, self.vm) {
            Some(obs) => obs,
            None => {
                let kind = if let Some((b, _)) = self.builtins.get(&(o.as_object() as *const PyObject as usize)) {
                    ObjKind::Builtin(*b)
                } else if o.downcast_ref::<PyModule>().is_some() {
                    ObjKind::Module
                } else {
                    ObjKind::Other
                };
                if self.vm.is_none(o) {
                    return Observed::NoneVal;
                }
                Observed::Obj(self.id_of(o), kind)
            }
        }
    }
}

/// Tuples up to this long held in variables are taken apart into their
/// items (each checked at entry); longer ones are opaque objects.
const MAX_TUPLE_ITEMS: usize = 8;

impl World for FrameWorld<'_, '_, '_, '_> {
    fn global(&mut self, name: &str) -> Observed {
        watch_globals(self.edge.globals(), self.edge.builtins());
        match lookup_global(self.edge.globals(), self.edge.builtins(), self.vm.ctx.intern_str(name), self.vm) {
            Some(o) => self.observe(&o),
            None => Observed::Unbound,
        }
    }

    fn dict_key_index(&mut self, dict: u32, name: &str) -> Option<usize> {
        let l = crate::layout::layout(self.vm)?.dict?;
        let d = self.objects.get(dict as usize)?;
        if !d.class().is(self.vm.ctx.types.dict_type) {
            return None;
        }
        let key = self.vm.ctx.intern_str(name).as_object() as *const PyObject as usize as u64;
        crate::layout::dict_keys(d, l).iter().position(|k| *k == key)
    }

    fn globals_dict(&mut self) -> Option<u32> {
        let g: PyObjectRef = self.edge.globals().to_owned().into();
        Some(self.id_of(&g))
    }

    fn global_in(&mut self, dict: u32, name: &str) -> Observed {
        let Some(d) = self.objects[dict as usize].downcast_ref::<PyDict>() else { return Observed::Unbound };
        watch_globals(d, self.edge.builtins());
        match lookup_global(d, self.edge.builtins(), self.vm.ctx.intern_str(name), self.vm) {
            Some(o) => self.observe(&o),
            None => Observed::Unbound,
        }
    }

    fn attr(&mut self, obj: u32, name: &str) -> Observed {
        let o = self.objects[obj as usize].clone();
        // A module's dict is watched; a class has its version checked.
        if o.downcast_ref::<PyModule>().is_some() {
            watch_dict_of(&o);
        }
        match entry_attr(&o, name, self.vm) {
            Some(v) => self.observe(&v),
            None => Observed::Unbound,
        }
    }

    fn object_mode_always(&mut self) -> bool {
        static ALWAYS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *ALWAYS.get_or_init(|| std::env::var("PYJIT_OBJECT_MODE").is_ok_and(|v| v == "always"))
    }

    fn none(&mut self) -> u32 {
        let none = self.vm.ctx.none();
        self.id_of(&none)
    }

    fn obj_addr(&mut self, obj: u32) -> Option<u64> {
        self.objects.get(obj as usize).map(|o| o.as_object() as *const PyObject as usize as u64)
    }

    fn super_attr(&mut self, class: u32, after: u32, name: &str) -> Option<u32> {
        let vm = self.vm;
        let cls = self.objects.get(class as usize)?.downcast_ref::<PyType>()?.to_owned();
        let after = self.objects.get(after as usize)?.clone();
        let mro = cls.mro_map_collect(|t| t.to_owned());
        let at = mro.iter().position(|t| t.as_object().is(&after))?;
        let n = vm.ctx.intern_str(name);
        let v = mro[at + 1..].iter().find_map(|t| t.get_direct_attr(n))?;
        let object_init = vm.ctx.types.object_type.get_attr(vm.ctx.intern_str("__init__"));
        if v.class().is(vm.ctx.types.function_type) || object_init.is_some_and(|i| i.is(&v)) {
            return Some(self.id_of(&v));
        }
        None
    }

    fn plain_metaclass(&mut self, class: u32) -> bool {
        let vm = self.vm;
        self.objects.get(class as usize).is_some_and(|c| c.downcast_ref::<PyType>().is_some() && c.class().is(vm.ctx.types.type_type))
    }

    fn class_attr(&mut self, class: u32, name: &str) -> pyjit_tracer::record::ClassAttr {
        use pyjit_tracer::record::ClassAttr;
        let vm = self.vm;
        let Some(cls) = self.objects.get(class as usize).and_then(|c| c.downcast_ref::<PyType>().map(|t| t.to_owned())) else {
            return ClassAttr::Descriptor;
        };
        let Some(v) = cls.get_attr(vm.ctx.intern_str(name)) else { return ClassAttr::Absent };
        if v.class().is(vm.ctx.types.function_type) {
            return ClassAttr::Method(self.id_of(&v));
        }
        if v.class().is(vm.ctx.types.classmethod_type) {
            return match v.get_attr("__func__", vm) {
                Ok(f) if f.class().is(vm.ctx.types.function_type) => ClassAttr::ClassMethod(self.id_of(&f)),
                _ => ClassAttr::Descriptor,
            };
        }
        if let Some(m) = v.downcast_ref::<rustpython_vm::builtins::PyMemberDescriptor>() {
            use rustpython_vm::builtins::descriptor::MemberKind;
            // A `__slots__` member: an object pointer at a byte offset from
            // the instance (before it, for heap types).
            return match m.member.kind {
                MemberKind::ObjectEx | MemberKind::Object if m.member.offset != 0 => ClassAttr::Member(m.member.offset as i64),
                _ => ClassAttr::Descriptor,
            };
        }
        // Anything with __get__ (property, slot, staticmethod) is not a
        // plain value.
        let t = v.class();
        let has = |n: &str| t.get_attr(vm.ctx.intern_str(n)).is_some();
        if has("__get__") || has("__set__") || has("__delete__") { ClassAttr::Descriptor } else { ClassAttr::Plain }
    }

    fn field(&mut self, class: u32, name: &str) -> Option<pyjit_ir::Type> {
        self.fields.get(&(class, name.to_owned())).copied().flatten()
    }

    fn field_obj(&mut self, class: u32, name: &str) -> Option<FieldObj> {
        self.field_objs.get(&(class, name.to_owned())).copied().flatten()
    }

    fn builtin_type(&mut self, name: &str) -> Option<u32> {
        let t = self.vm.builtins.get_attr(self.vm.ctx.intern_str(name), self.vm).ok()?;
        t.downcast_ref::<PyType>()?;
        Some(self.id_of(&t))
    }

    fn np_dtype(&mut self, obj: u32) -> Option<pyjit_ir::MemTy> {
        // numpy's own reading of a dtype argument (`np.float64`, `float`,
        // `"int32"`, a dtype object); what it raises for is not compiled.
        let spec = self.objects.get(obj as usize)?.clone();
        let f = self.vm.import("numpy", 0).ok()?.get_attr("_dtype_name", self.vm).ok()?;
        let name = f.call((spec,), self.vm).ok()?;
        let name = name.downcast_ref::<rustpython_vm::builtins::PyStr>()?.to_str()?.to_owned();
        mem_of(crate::numpy::dtype_named(&name)?)
    }

    fn none_type(&mut self) -> Option<u32> {
        let t: PyObjectRef = self.vm.ctx.none().class().to_owned().into();
        Some(self.id_of(&t))
    }

    fn is_subclass(&mut self, sub: u32, sup: u32) -> Option<bool> {
        let (a, b) = (self.objects.get(sub as usize)?.clone(), self.objects.get(sup as usize)?.clone());
        b.downcast_ref::<PyType>()?;
        a.real_is_subclass(&b, self.vm).ok()
    }

    fn not_implemented(&mut self) -> Option<u32> {
        let o = self.vm.ctx.not_implemented.clone().into();
        Some(self.id_of(&o))
    }

    fn str_const(&mut self, code: Option<u32>, idx: u32) -> Option<u32> {
        let code = self.code_obj(code)?;
        let c: PyObjectRef = code.code.constants.get(idx as usize)?.clone().into();
        c.class().is(self.vm.ctx.types.str_type).then(|| self.id_of(&c))
    }

    fn str_value(&mut self, obj: u32) -> Option<String> {
        let o = self.objects.get(obj as usize)?;
        o.downcast_ref::<rustpython_vm::builtins::PyStr>().filter(|_| o.class().is(self.vm.ctx.types.str_type))?.to_str().map(str::to_owned)
    }

    fn np_method(&mut self, name: &str) -> Option<u32> {
        let cls = crate::numpy::ndarray_class()?;
        self.type_attr(&cls, name)
    }

    fn dict_method(&mut self, name: &str) -> Option<u32> {
        self.type_attr(self.vm.ctx.types.dict_type, name)
    }

    fn list_method(&mut self, name: &str) -> Option<u32> {
        self.type_attr(self.vm.ctx.types.list_type, name)
    }

    fn names_tuple(&mut self, names: &[String]) -> Option<u32> {
        let t: PyObjectRef = self.vm.ctx.new_tuple(names.iter().map(|n| self.vm.ctx.intern_str(n.as_str()).to_owned().into()).collect()).into();
        Some(self.id_of(&t))
    }

    fn tuple_items(&mut self, obj: u32) -> Option<Vec<Observed>> {
        let t = self.objects.get(obj as usize)?.clone();
        let items: Vec<PyObjectRef> = t.downcast_ref::<PyTuple>()?.iter().cloned().collect();
        Some(items.iter().map(|i| self.observe(i)).collect())
    }

    fn cell_contents(&mut self, src: pyjit_tracer::Src) -> Observed {
        let cell = match src {
            pyjit_tracer::Src::Cell(id) => self.objects.get(id as usize).cloned(),
            pyjit_tracer::Src::LocalCell(i) => self.edge.fastlocals().get(i as usize).cloned().flatten(),
            _ => None,
        };
        match cell.and_then(|c| cell_get(&c, self.vm)) {
            Some(v) => self.observe(&v),
            None => Observed::Unbound,
        }
    }

    fn inst_keys(&mut self, class: u32) -> Option<KeyLayout> {
        self.keys.get(&class).cloned().flatten()
    }

    fn name_obj(&mut self, name: &str) -> Option<u32> {
        let s: PyObjectRef = self.vm.ctx.intern_str(name).to_owned().into();
        Some(self.id_of(&s))
    }

    fn class_version(&mut self, class: u32) -> Option<u32> {
        let vm = self.vm;
        let cls = self.objects.get(class as usize)?.downcast_ref::<PyType>()?;
        // A lookup gives the class a tag if it has none.
        let _ = cls.get_attr(vm.ctx.intern_str("__init__"));
        let v = cls.tp_version_tag.load(std::sync::atomic::Ordering::Acquire);
        (v != 0).then_some(v)
    }

    fn random_instance(&mut self, method: u32) -> Option<u64> {
        let vm = self.vm;
        let inst = self.objects.get(method as usize)?.get_attr("__self__", vm).ok()?;
        let module = vm.sys_module.get_attr("modules", vm).ok()?.get_item("random", vm).ok()?;
        let class = module.get_attr("Random", vm).ok()?;
        let base = vm.import("_random", 0).ok()?.get_attr("Random", vm).ok()?;
        let same = |a: &'static str, b: &PyObjectRef, c: &'static str| -> Option<bool> { Some(class.get_attr(a, vm).ok()?.is(&b.get_attr(c, vm).ok()?)) };
        let unchanged = inst.class().is(&class)
            && same("random", &base, "random")?
            && same("getrandbits", &base, "getrandbits")?
            && same("_randbelow", &class, "_randbelow_with_getrandbits")?;
        crate::layout::mt_layout(vm)?;
        unchanged.then(|| inst.as_object() as *const PyObject as usize as u64)
    }

    fn layout(&mut self) -> Option<pyjit_tracer::ObjLayout> {
        crate::layout::layout(self.vm)
    }

    fn constructor(&mut self, obj: u32) -> Option<Option<Callee>> {
        let vm = self.vm;
        let o = self.objects.get(obj as usize)?.clone();
        let cls = o.downcast_ref::<PyType>()?;
        // Made by `type` itself, with instance dicts or `__slots__`,
        // object's __new__ and no finalizer (compiled code frees what it
        // makes later than the interpreter would, which only a __del__
        // could tell).
        let object = vm.ctx.types.object_type;
        let same = |n: &str| match (cls.get_attr(vm.ctx.intern_str(n)), object.get_attr(vm.ctx.intern_str(n))) {
            (Some(a), Some(b)) => a.is(&b),
            _ => false,
        };
        if !o.class().is(vm.ctx.types.type_type)
            || !plain_class(cls, vm)
            || !same("__new__")
            || cls.get_attr(vm.ctx.intern_str("__del__")).is_some()
        {
            return None;
        }
        if same("__init__") {
            return Some(None);
        }
        let init = cls.get_attr(vm.ctx.intern_str("__init__"))?;
        let id = self.id_of(&init);
        Some(Some(self.callee(id)?))
    }

    fn is_data(&mut self, obj: u32) -> bool {
        let Some(o) = self.objects.get(obj as usize) else { return false };
        let vm = self.vm;
        !o.is_callable()
            && o.downcast_ref::<PyType>().is_none()
            && o.downcast_ref::<PyModule>().is_none()
            && o.downcast_ref::<rustpython_vm::builtins::PyStr>().is_none()
            && !vm.is_none(o)
    }

    fn operand_type(&mut self, code: Option<u32>, pc: u32) -> Option<pyjit_ir::Type> {
        let code = self.code_obj(code)?;
        crate::feedback::operand_type(&code, pc)
    }

    fn types_vary(&mut self, code: Option<u32>, pc: u32) -> bool {
        self.code_obj(code).is_some_and(|code| crate::feedback::types_vary(&code, pc))
    }

    fn builtin_operands(&mut self, code: Option<u32>, pc: u32) -> bool {
        self.code_obj(code).is_some_and(|code| crate::feedback::builtin_operands(&code, pc))
    }

    fn sequence_kind(&mut self, code: Option<u32>, pc: u32) -> Option<pyjit_tracer::record::SeqKind> {
        let code = self.code_obj(code)?;
        crate::feedback::sequence_kind(&code, pc)
    }

    fn executed(&mut self, code: Option<u32>, pc: u32) -> Option<bool> {
        let code = self.code_obj(code)?;
        crate::feedback::executed(&code, pc)
    }

    fn receiver_classes(&mut self, code: Option<u32>, pc: u32) -> Vec<u32> {
        let Some(code) = self.code_obj(code) else { return Vec::new() };
        let mut classes: Vec<PyObjectRef> = crate::feedback::seen(&code, pc);
        // The inline cache's class first, where it does not push out one
        // an exit noted (which would leave there again).
        if let Some(c) = crate::feedback::cached_class(&code, pc, self.edge.globals())
            && !classes.iter().any(|k| k.is(&c))
            && classes.len() < crate::feedback::MAX_SEEN
        {
            classes.insert(0, c);
        }
        classes
            .into_iter()
            .filter(|c| c.downcast_ref::<PyType>().is_some_and(|t| plain_class(t, self.vm)))
            .map(|c| self.id_of(&c))
            .collect()
    }

    fn init_resumer(&mut self) -> Option<u32> {
        let r = crate::bridge::init_resumer(self.vm);
        Some(self.id_of(&r))
    }

    fn callee(&mut self, obj: u32) -> Option<Callee> {
        let vm = self.vm;
        let mut f = self.objects[obj as usize].clone();
        if !f.class().is(vm.ctx.types.function_type) {
            // numpy's ufunc objects (a class with `_pyjit_call_through`):
            // a call of one runs the plain function it holds as `_call`.
            f.class().get_attr(vm.ctx.intern_str("_pyjit_call_through"))?;
            f = f.dict()?.get_item_opt("_call", vm).ok()??;
            if !f.class().is(vm.ctx.types.function_type) {
                return None;
            }
        }
        let code: PyRef<PyCode> = f.get_attr("__code__", vm).ok()?.downcast().ok()?;
        let globals = f.get_attr("__globals__", vm).ok()?;
        globals.downcast_ref::<PyDict>()?;
        let globals = (!globals.is(self.edge.globals())).then(|| self.id_of(&globals));
        // Closure cells: read (at entry) where the body loads them.
        let cells: Vec<PyObjectRef> = match f.get_attr("__closure__", vm).ok()? {
            c if vm.is_none(&c) => Vec::new(),
            c => c.downcast::<PyTuple>().ok()?.iter().cloned().collect(),
        };
        let co = &code.code;
        let unsupported = CodeFlags::VARARGS
            | CodeFlags::VARKEYWORDS
            | CodeFlags::GENERATOR
            | CodeFlags::COROUTINE
            | CodeFlags::ASYNC_GENERATOR;
        if co.flags.intersects(unsupported)
            || !co.flags.contains(CodeFlags::OPTIMIZED)
            || co.kwonlyarg_count > 0
            || !co.cellvars.is_empty()
            || co.freevars.len() != cells.len()
            // `super()` (or `__class__`): its frame, were an exit to make
            // it again, would not give `super()` its class and instance.
            || co.freevars.iter().any(|v| v.as_str() == "__class__")
        {
            return None;
        }
        let defaults: Vec<PyObjectRef> = match f.get_attr("__defaults__", vm).ok()? {
            d if vm.is_none(&d) => Vec::new(),
            d => d.downcast::<PyTuple>().ok()?.iter().cloned().collect(),
        };
        let default_strs = defaults.iter().map(|o| o.class().is(vm.ctx.types.str_type).then(|| self.id_of(o))).collect();
        let defaults = defaults.into_iter().map(|o| decode::constant(o, u32::MAX, vm)).collect();
        let id = &*code as *const Py<PyCode> as usize;
        let code_obj = self.id_of(&code.clone().into());
        let cells = cells.iter().map(|c| self.id_of(c)).collect();
        Some(Callee { id, code_obj, code: Rc::new(decode::decode(&code, vm)), argcount: co.arg_count, defaults, default_strs, cells, globals })
    }
}
