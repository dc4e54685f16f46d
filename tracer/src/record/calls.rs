//! Calls: CALL by its callee, Python functions and classes inlined in a new
//! frame (arguments bound, the caller suspended), a function trace's
//! recursive calls, and the return to the caller.

use super::recorder::{At, Ctx, Flow, R, Recorder, abort};
use super::state::{Av, State, Suspended};
use super::world::{Callee, ClassAttr, FUNCTION, KeyLayout, Src, Want};
use crate::bytecode::{BinKind, Builtin, Const, Op};
use pyjit_ir::{BinOp, Block, InstKind, RtFn, Terminator, Type, Value};

impl Recorder<'_, '_> {
    /// CALL and CALL_KW: numpy's array makers, `dict.get`, an array's or a
    /// list's method, a Python function or a class (inlined), or a builtin.
    pub(super) fn op_call(&mut self, b: Block, st: &mut State, at: &At<'_>, argc: u32) -> R<Flow> {
        let &At { pc, ins, .. } = at;
        let argc = argc as usize;
        // CALL_KW's names, on top of the arguments.
        let kwnames = match &ins.op {
            Op::CallKw(_) => match st.stack.last() {
                Some(Av::Obj(id)) if self.kwnames.contains_key(id) => Some(self.kwnames[id].clone()),
                _ => return abort(pc, "keyword names that are not a constant"),
            },
            _ => None,
        };
        let above = kwnames.is_some() as usize;
        if st.stack.len() < argc + 2 + above {
            return abort(pc, "stack underflow");
        }
        let base = st.stack.len() - argc - 2 - above;
        let (callee, self_or_null) = (st.stack[base], st.stack[base + 1]);
        if let (Av::Obj(id), Av::Null) = (callee, self_or_null)
            && let Some(f @ (Builtin::NpArray | Builtin::NpFilled(_))) = self.builtin_of(id)
        {
            return self.call_np_new(b, st, at, f, base, above, kwnames.as_deref());
        }
        if kwnames.is_some() && !matches!(callee, Av::Obj(id) if self.builtin_of(id).is_none()) {
            return self.call_through_vm(b, st, at, "keyword arguments to a builtin or a method of a list");
        }
        // A list method held in a variable: as if looked up
        // on its list here.
        let (callee, self_or_null) = match (callee, self_or_null) {
            (Av::BoundList { method, list, .. }, Av::Null) => (Av::Method(method), Av::List(list)),
            other => other,
        };
        if let (Av::Method(m), Av::Dict(d)) = (callee, self_or_null)
            && Some(m) == self.dict_get
        {
            return self.call_dict_get(b, st, at, d, base);
        }
        if let (Av::Method(m), Av::Arr(k)) = (callee, self_or_null)
            && let Some(&r) = self.arr_methods.get(&m)
        {
            return self.call_array_method(b, st, at, r, k, base, argc, kwnames.as_deref());
        }
        if let (Av::Method(m), Some((obj, elem))) = (callee, self.list_of(self_or_null)) {
            return self.call_list_method(b, st, at, m, obj, elem, base);
        }
        // A method of an instance: its function, with the
        // instance as the first argument.
        // (A classmethod's function with its class.)
        let with_self = matches!(self_or_null, Av::Inst { .. } | Av::Obj(_));
        if self_or_null != Av::Null && !with_self {
            return self.call_through_vm(b, st, at, "a method call");
        }
        let Av::Obj(id) = callee else {
            return self.call_through_vm(b, st, at, "a call of an unknown object");
        };
        // `super().__init__()` reaching `object.__init__`: nothing to do.
        if with_self && argc == 0 && kwnames.is_none() && self.builtin_of(id) == Some(Builtin::ObjectInit) {
            st.stack.truncate(base);
            st.stack.push(Av::Obj(self.none_id()));
            return Ok(Flow::Next(b));
        }
        let builtin = if with_self { None } else { self.builtin_of(id) };
        let Some(builtin) = builtin else {
            // A Python function: record its body in a new frame.
            return self.call_function(b, st, at, id, with_self, base, argc, above, kwnames.as_deref());
        };
        let args: Vec<Av> = st.stack.split_off(base + 2);
        st.stack.truncate(base);
        self.call_builtin_op(b, st, at, builtin, id, args)
    }

    /// A call the trace does not inline or specialize: through the VM
    /// (object mode) where it can hand over every operand, else left to
    /// the interpreter for `why`.
    pub(super) fn call_through_vm(&mut self, b: Block, st: &mut State, at: &At<'_>, why: &str) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let above = matches!(at.ins.op, Op::CallKw(_)) as usize;
        let operands = pre.stack.len().checked_sub(above).map(|n| &pre.stack[..n]).unwrap_or_default();
        let argc = match at.ins.op {
            Op::Call(n) | Op::CallKw(n) => n as usize,
            _ => return abort(pc, why),
        };
        let ok = operands.len() >= argc + 2 && operands[operands.len() - argc - 2..].iter().enumerate().all(|(k, a)| (k == 1 && *a == Av::Null) || self.objectable(a));
        if ok {
            return self.object_mode(b, st, at);
        }
        self.leave(b, pc, pre, why)
    }

    /// A call of the Python function (or plain class) `id` at stack depth
    /// `base` (a method of an instance: `with_self`): its body recorded in a
    /// new frame, a class's instance made first and its `__init__` inlined
    /// on it, or a recursive call of a function trace into itself.
    #[allow(clippy::too_many_arguments)]
    fn call_function(&mut self, b: Block, st: &mut State, at: &At<'_>, id: u32, with_self: bool, base: usize, argc: usize, above: usize, kwnames: Option<&[String]>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        // Too deep to inline (recursion, most likely): the interpreter runs
        // the call, unless it is a function trace's call of itself.
        if st.callers.len() + 1 >= self.max_inline {
            let recursion = self.entry.jump == FUNCTION && !with_self && kwnames.is_none() && self.world.callee(id).is_some_and(|f| f.id == self.entry.code_id);
            if !recursion {
                return self.call_through_vm(b, st, at, "calls nested too deeply (recursion?)");
            }
        }
        let (f, ctor) = match self.world.callee(id) {
            Some(f) => (f, None),
            None => {
                let Some(init) = self.world.constructor(id).filter(|_| !with_self) else {
                    return self.call_through_vm(b, st, at, "a call to a function that cannot be inlined");
                };
                // `cls(...)`: a new instance (its class
                // unchanged since recording), then its
                // __init__ inlined on it.
                self.class_checked(id, pc)?;
                let Some(class_addr) = self.world.obj_addr(id) else {
                    return abort(pc, "a class without its address");
                };
                let exit = self.exit_here(pc, pre, "too many objects made in one run");
                let cls = self.t.const_i64(b, class_addr as i64);
                let obj = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::NewInstance, args: vec![cls], exit: Some(exit) });
                self.fresh.insert(obj);
                let inst = Av::Inst { obj, class: id, slots: None };
                match init {
                    Some(f) => (f, Some(inst)),
                    // object's __init__: no arguments.
                    None if argc == 0 && kwnames.is_none() => {
                        st.stack.truncate(base);
                        st.stack.push(inst);
                        return Ok(Flow::Next(b));
                    }
                    None => {
                        let call = self.exit_call(pc, pre, "call raises");
                        self.t.set_term(b, Terminator::Jump(call));
                        return Ok(Flow::Done);
                    }
                }
            }
        };
        if self.entry.jump == FUNCTION && f.id == self.entry.code_id && !with_self && kwnames.is_none() && ctor.is_none() {
            let v = self.call_self(b, st, base, &f, pc, pre)?;
            st.stack.truncate(base);
            st.stack.push(Av::V(v));
            return Ok(Flow::Next(b));
        }
        if self.recursive(st, &f) {
            return self.call_through_vm(b, st, at, "a recursive call");
        }
        let first = if with_self { base + 1 } else { base + 2 };
        let given: Vec<Av> = ctor.into_iter().chain(st.stack[first..st.stack.len() - above].iter().copied()).collect();
        let Some(args) = self.bind_args(b, &f, given, kwnames.unwrap_or(&[]), pc)? else {
            // The interpreter raises the TypeError.
            let call = self.exit_call(pc, pre, "call raises");
            self.t.set_term(b, Terminator::Jump(call));
            return Ok(Flow::Done);
        };
        // An exit inside the constructor's `__init__` calls the resumer
        // with the instance as self (`World::init_resumer`), so the
        // interpreter makes no instance of its own and resumes `__init__`
        // where the trace was.
        if let Some(inst) = ctor {
            if self.init_resumer.is_none() {
                self.init_resumer = self.world.init_resumer();
            }
            if let Some(r) = self.init_resumer {
                st.stack[base] = Av::Obj(r);
                st.stack[base + 1] = inst;
            }
        }
        self.enter_call(b, std::mem::take(st), pc, &f, &args, ctor)
    }

    /// Whether a call of `f` recurses: `f`'s code is the loop's own or that
    /// of a call being inlined. Inlined again, a recursion's every level
    /// would be recorded (a tree walk's, twice over at each), so the
    /// interpreter runs it.
    pub(super) fn recursive(&self, st: &State, f: &Callee) -> bool {
        f.id == self.entry.code_id || std::iter::once(st.ctx).chain(st.callers.iter().map(|c| c.ctx)).any(|c| self.ctxs[c as usize].code_obj == Some(f.code_obj))
    }

    /// The parameters of `f` for a call with `given` arguments, the last
    /// `kw.len()` of them passed by these names: positional ones first,
    /// keyword ones by name, defaults for the rest. `None` for a call
    /// Python refuses with a TypeError (too many arguments, a name twice
    /// or unknown, a parameter missing).
    fn bind_args(&mut self, b: Block, f: &Callee, given: Vec<Av>, kw: &[String], pc: u32) -> R<Option<Vec<Av>>> {
        let need = f.argcount as usize;
        let npos = given.len().saturating_sub(kw.len());
        if npos > need {
            return Ok(None);
        }
        let mut slots: Vec<Option<Av>> = vec![None; need];
        for (k, av) in given[..npos].iter().enumerate() {
            slots[k] = Some(*av);
        }
        for (name, av) in kw.iter().zip(&given[npos..]) {
            match f.code.varnames[..need.min(f.code.varnames.len())].iter().position(|p| p == name) {
                Some(k) if slots[k].is_none() => slots[k] = Some(*av),
                _ => return Ok(None),
            }
        }
        let first_default = need - f.defaults.len().min(need);
        let mut args = Vec::with_capacity(need);
        for (k, slot) in slots.into_iter().enumerate() {
            let av = match slot {
                Some(av) => av,
                None if k >= first_default => match &f.defaults[k - first_default] {
                    Const::Int(x) => Av::V(self.t.const_i64(b, *x)),
                    Const::Float(x) => Av::V(self.t.const_f64(b, *x)),
                    Const::Bool(x) => Av::V(self.t.const_bool(b, *x)),
                    Const::None => Av::Obj(self.none_id()),
                    // A str (`mode="lin"`): an object, compared by value.
                    Const::Other(_) if let Some(id) = f.default_strs[k - first_default] => Av::Obj(id),
                    Const::Names(_) | Const::Other(_) | Const::Tuple(_) | Const::Slice(_) | Const::Complex(..) => {
                        return abort(pc, "a default that is not a number");
                    }
                },
                None => return Ok(None),
            };
            args.push(av);
        }
        Ok(Some(args))
    }

    /// A call of the function being recorded, from its own body: a native
    /// recursive call into this very trace. Its inputs are the parameters
    /// plus whatever globals this trace read at entry (unchanged: a
    /// function trace that assigns globals does not call itself natively).
    fn call_self(&mut self, b: Block, st: &State, base: usize, f: &Callee, pc: u32, pre: &State) -> R<Value> {
        if st.ctx != 0 || !self.written_names.is_empty() {
            return abort(pc, "a recursive call from an inlined function or one that assigns globals");
        }
        let args = &st.stack[base + 2..];
        if args.len() != f.argcount as usize {
            return abort(pc, "a recursive call with defaults");
        }
        let mut vals = Vec::new();
        let mut slots = Vec::new();
        for check in self.checks.clone() {
            let Some(slot) = check.input else { continue };
            if let Src::Local(n) = check.src
                && (n as usize) < args.len()
            {
                let Av::V(v) = args[n as usize] else {
                    return abort(pc, "a recursive call with an argument that is not a number");
                };
                let want = match check.want {
                    Want::Int => Type::I64,
                    Want::Float => Type::F64,
                    Want::Bool => Type::Bool,
                    _ => return abort(pc, "a recursive call with an unexpected argument"),
                };
                if self.t.ty(v) != want {
                    return abort(pc, "a recursive call whose argument types differ from this one's");
                }
                vals.push(v);
                slots.push(slot);
                continue;
            }
            if matches!(check.src, Src::Local(_) | Src::Stack(_)) {
                return abort(pc, "a recursive call from a frame with more inputs than parameters");
            }
            // A global or attribute read at entry: the same value.
            let input = self.t.block(self.t.entry()).insts.iter().find_map(|i| match i.kind {
                InstKind::Input { slot: s } if s == slot => i.result,
                _ => None,
            });
            let Some(v) = input else { return abort(pc, "an input lost") };
            vals.push(v);
            slots.push(slot);
        }
        let exit = self.exit_here(pc, pre, "the recursive call left native code");
        Ok(self.t.push(b, self.self_result, InstKind::CallSelf { args: vals, slots, exit }))
    }

    /// Records the body of `f` called at `pc` with `args` (bound to its
    /// parameters) in a new frame; the caller is suspended with its stack
    /// as it is (the call's return pops what the instruction at `pc` took).
    pub(super) fn enter_call(&mut self, b: Block, mut st: State, pc: u32, f: &Callee, args: &[Av], ctor: Option<Av>) -> R<Flow> {
        let ctx = self.ctx_for(st.ctx, pc, f);
        let mut locals = vec![Av::Unbound; f.code.varnames.len()];
        locals[..args.len()].copy_from_slice(args);
        let caller = Suspended {
            ctx: st.ctx,
            locals: std::mem::replace(&mut st.locals, locals),
            stack: std::mem::take(&mut st.stack),
            call_pc: pc,
            stores: st.stores,
            ctor,
            ctor_keys: Vec::new(),
        };
        st.callers.push(caller);
        st.ctx = ctx;
        let start = f.code.instrs.first().map(|i| i.index).unwrap_or(0);
        if self.blocks.contains_key(&(ctx, start)) || !self.in_region(ctx, start) {
            let call = self.edge(start, st)?;
            self.t.set_term(b, Terminator::Jump(call));
            return Ok(Flow::Done);
        }
        // The callee goes on in the caller's block, so what the caller
        // knows stays known there: a branch on a constant argument
        // (`grid(2)`'s `if ndim == 1`) is decided while recording.
        self.no_stack_view(&st, pc)?;
        self.queue.push_back((start, b, st));
        Ok(Flow::Done)
    }

    /// The context of `f`'s code inlined at `call_pc` of context `parent`.
    fn ctx_for(&mut self, parent: u32, call_pc: u32, f: &Callee) -> u32 {
        if let Some(i) =
            self.ctxs.iter().position(|c| c.parent == Some((parent, call_pc)) && c.code_obj == Some(f.code_obj) && c.cells == f.cells)
        {
            return i as u32;
        }
        self.ctxs.push(Ctx {
            code: f.code.clone(),
            parent: Some((parent, call_pc)),
            code_obj: Some(f.code_obj),
            cells: f.cells.clone(),
            globals: f.globals,
        });
        self.ctxs.len() as u32 - 1
    }

    /// For `x <kind> y` where an operand is an instance of a plain class:
    /// the Python method Python calls first and its arguments, where it is
    /// certain to be that one: `type(x).__op__(x, y)` for `y` a number or
    /// an instance of the same class, `type(y).__rop__(y, x)` for `x` a
    /// number. A class with an in-place method (`__iadd__`) is left alone:
    /// BINARY_OP's in-place forms are not told apart here.
    pub(super) fn operator_method(&mut self, kind: BinKind, x: Av, y: Av) -> Option<(Callee, [Av; 2])> {
        let name = match kind {
            BinKind::Add => "add",
            BinKind::Sub => "sub",
            BinKind::Mul => "mul",
            BinKind::TrueDiv => "truediv",
            BinKind::FloorDiv => "floordiv",
            BinKind::Mod => "mod",
            BinKind::Pow => "pow",
            BinKind::MatMul => "matmul",
            BinKind::LShift => "lshift",
            BinKind::RShift => "rshift",
            BinKind::And => "and",
            BinKind::Or => "or",
            BinKind::Xor => "xor",
            BinKind::Subscr => return None,
        };
        let number = |a: &Av| matches!(a, Av::V(_) | Av::Np(_) | Av::Complex(..));
        let (f, args) = match (x, y) {
            (Av::Inst { class, .. }, other) if number(&other) || matches!(other, Av::Inst { class: c, .. } if c == class) => {
                if !matches!(self.world.class_attr(class, &format!("__i{name}__")), ClassAttr::Absent) {
                    return None;
                }
                let ClassAttr::Method(f) = self.world.class_attr(class, &format!("__{name}__")) else { return None };
                (f, [x, y])
            }
            (other, Av::Inst { class, .. }) if number(&other) => {
                let ClassAttr::Method(f) = self.world.class_attr(class, &format!("__r{name}__")) else { return None };
                (f, [y, x])
            }
            _ => return None,
        };
        let f = self.world.callee(f)?;
        (f.argcount == 2).then_some((f, args))
    }

    /// RETURN_VALUE of an inlined function: back in the caller after its
    /// CALL (or operator), with the result (a constructor's: the new
    /// instance).
    pub(super) fn op_return_to_caller(&mut self, b: Block, st: &mut State, at: &At<'_>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        // Back in the caller, after its CALL, with the result.
        let value = Self::pop(st, pc)?;
        // A constructor's `__init__` returning an object the trace knows
        // nothing about (`return f()`, a lambda's `setattr(...)`): None is
        // checked, and anything else leaves at the return, where the
        // interpreter's `__init__` slot raises its TypeError.
        if let Av::Ref(r) = value
            && st.callers.last().is_some_and(|c| c.ctor.is_some())
            && self.frames_resumable(pre)
        {
            let exit = self.exit_here(pc, pre, "an __init__ that returns a value");
            let none = self.none_id();
            let none = self.obj_value(b, Av::Obj(none), exit, pc)?;
            let is_none = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: r, b: none });
            self.t.push_guard(b, is_none, true, exit);
            st.stack.push(Av::Obj(self.none_id()));
            return self.op_return_to_caller(b, st, at);
        }
        let caller = st.callers.pop().unwrap();
        let ccode = self.code(caller.ctx);
        let Some(cpos) = ccode.position(caller.call_pc) else {
            return abort(pc, "call site lost");
        };
        let popped = match ccode.instrs[cpos].op {
            Op::Call(argc) => argc as usize + 2,
            Op::CallKw(argc) => argc as usize + 3,
            // An operator's method: Python would try the other
            // operand's on NotImplemented.
            // Left at the return: the interpreter's BINARY_OP
            // gets it and goes on as Python does.
            Op::BinaryOp(_) | Op::InplaceOp(_) if matches!(value, Av::Obj(o) if Some(o) == self.world.not_implemented()) => {
                return self.leave(b, pc, pre, "an operator method that returns NotImplemented");
            }
            Op::BinaryOp(_) | Op::InplaceOp(_) => 2,
            _ => return abort(pc, "call site lost"),
        };
        let next = ccode.instrs[cpos].next;
        st.ctx = caller.ctx;
        st.locals = caller.locals;
        st.stack = caller.stack;
        st.stack.truncate(st.stack.len() - popped);
        match caller.ctor {
            Some(Av::Inst { obj, class, .. }) => {
                if value != Av::Obj(self.none_id()) {
                    // The interpreter's `__init__` slot raises at the return.
                    if self.frames_resumable(pre) {
                        return self.leave(b, pc, pre, "an __init__ that returns a value");
                    }
                    return abort(pc, "an __init__ that returns a value");
                }
                st.stack.push(Av::Inst { obj, class, slots: None });
                // Its dict as the class's instances have it (or,
                // with none seen, as its __init__ made it):
                // attributes read and written in place from here.
                // (None made: a `__slots__` class's instances
                // have no dict.)
                if self.keys_of(class).is_none() && self.layout.is_some_and(|l| l.dict.is_some()) && !caller.ctor_keys.is_empty() {
                    self.key_layouts.push(KeyLayout { keys: caller.ctor_keys.clone(), open: false });
                    self.class_keys.insert(class, Some(self.key_layouts.len() as u32 - 1));
                }
                if let Some(k) = self.keys_of(class) {
                    let exit = self.exit_here(next, st, "an instance whose attributes differ from its class's others");
                    let entries = self.check_keys(b, obj, k, exit);
                    for av in st.avs_mut() {
                        if let Av::Inst { obj: o, slots, .. } = av
                            && *o == obj
                        {
                            *slots = Some(entries);
                        }
                    }
                }
            }
            _ => st.stack.push(value),
        }
        let call = self.edge(next, std::mem::take(st))?;
        self.t.set_term(b, Terminator::Jump(call));
        Ok(Flow::Done)
    }
}
