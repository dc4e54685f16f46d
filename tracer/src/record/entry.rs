//! Entering the trace: the loop's region and what it touches, and the
//! live frame observed at entry (locals, names, stack, cells, module
//! attributes), each with the check the bridge makes before every entry.

use super::recorder::{R, Recorder, abort};
use super::state::{ArrInfo, Av, ListInfo, ListSrc, State};
use super::world::{Check, FUNCTION, Src, Want};
use crate::bytecode::{Code, Elem, LIST_METHODS, ObjKind, Observed, Op};
use pyjit_ir::{BinOp, Block, InstKind, IterKind, Type, Value};
use std::collections::{HashMap, HashSet};

/// The natural loop of the back-edge `jump` → `header`.
fn natural_loop(code: &Code, header: u32, jump: u32) -> HashSet<u32> {
    let mut preds: HashMap<u32, Vec<u32>> = HashMap::new();
    for i in &code.instrs {
        for s in i.successors() {
            preds.entry(s).or_default().push(i.index);
        }
    }
    let mut region = HashSet::from([header]);
    // Every back-edge to the header: `if c: ...` at the end of a body ends
    // in one JUMP_BACKWARD per arm, and a trace that left at the other
    // would thrash between the two.
    let mut work = vec![jump];
    work.extend(code.instrs.iter().filter(|i| i.index > header && matches!(i.op, Op::Jump(t) if t == header)).map(|i| i.index));
    while let Some(n) = work.pop() {
        if region.insert(n) {
            work.extend(preds.get(&n).into_iter().flatten().copied());
        }
    }
    region
}

impl Recorder<'_, '_> {
    /// The loop's region (its natural loop, or a function's whole body),
    /// and what it touches: the locals it reads or writes and the global
    /// names it uses (noting which locals and names it writes).
    pub(super) fn scan_region(&mut self) -> R<(HashSet<u32>, Vec<u32>)> {
        let entry = self.entry;
        let code = entry.code;
        if entry.jump == FUNCTION {
            self.region = code.instrs.iter().map(|i| i.index).collect();
        } else {
            if code.position(entry.header).is_none() || code.position(entry.jump).is_none() {
                return abort(entry.header, "loop header or back-edge is not an instruction");
            }
            self.region = natural_loop(code, entry.header, entry.jump);
        }
        // What the region touches decides what the trace tracks.
        let mut locals_used = HashSet::new();
        let mut names_used = Vec::new();
        for ins in code.instrs.iter().filter(|i| self.region.contains(&i.index)) {
            match &ins.op {
                Op::LoadFast(n) => {
                    locals_used.insert(*n);
                }
                Op::LoadFast2(a, b) => {
                    locals_used.extend([*a, *b]);
                }
                Op::StoreFast(n) | Op::LoadFastAndClear(n) => {
                    locals_used.insert(*n);
                    self.written_locals.insert(*n);
                }
                Op::StoreFast2(a, b) => {
                    locals_used.extend([*a, *b]);
                    self.written_locals.extend([*a, *b]);
                }
                Op::StoreFastLoadFast(a, b) => {
                    locals_used.extend([*a, *b]);
                    self.written_locals.insert(*a);
                }
                Op::LoadName(n) | Op::LoadGlobal { name: n, .. } => names_used.push(*n),
                Op::StoreName(n) | Op::StoreGlobal(n) => {
                    names_used.push(*n);
                    self.written_names.insert(code.names.get(*n as usize).cloned().unwrap_or_default());
                }
                _ => {}
            }
        }
        Ok((locals_used, names_used))
    }

    /// The state at the loop header, observed in the live frame: each
    /// local and name the region uses, and the stack, with the checks the
    /// bridge makes before every entry (inputs of the entry block `e`).
    pub(super) fn observe_entry(&mut self, e: Block, locals_used: HashSet<u32>, names_used: Vec<u32>) -> R<State> {
        let entry = self.entry;
        let code = entry.code;
        let mut state = State {
            ctx: 0,
            locals: vec![Av::Untracked; code.varnames.len()],
            names: Vec::new(),
            stack: Vec::new(),
            callers: Vec::new(),
            stores: 0,
            known: Vec::new(),
        };
        let mut locals_sorted: Vec<u32> = locals_used.into_iter().collect();
        locals_sorted.sort();
        if locals_sorted.last().is_some_and(|n| *n as usize >= code.varnames.len()) {
            return abort(entry.header, "a local slot beyond the code's locals");
        }
        for n in locals_sorted {
            // One the loop stores before reading it is not the trace's input.
            if self.liveness.dead(entry.header, n) {
                continue;
            }
            let obs = *entry.locals.get(n as usize).unwrap_or(&Observed::Unbound);
            state.locals[n as usize] = self.observe(e, Src::Local(n), obs, entry.header)?;
        }
        for n in names_used {
            let name = code.names.get(n as usize).cloned().unwrap_or_default();
            if self.name_index.contains_key(&name) {
                continue;
            }
            let idx = self.names.len() as u32;
            self.names.push(name.clone());
            self.name_index.insert(name.clone(), idx);
            let obs = self.world.global(&name);
            let av = self.observe(e, Src::Name(idx), obs, entry.header)?;
            state.names.push(av);
        }
        for (d, obs) in entry.stack.iter().enumerate() {
            let av = self.observe_entry_stack(e, d, obs)?;
            state.stack.push(av);
        }
        Ok(state)
    }

    /// Stack entry `d` at entry, as an abstract value: a range or list
    /// iterator the loop walks (checked, its state unboxed), the list a
    /// comprehension builds or an array iterator (observed), or else an
    /// object left where it is.
    fn observe_entry_stack(&mut self, e: Block, d: usize, obs: &Observed) -> R<Av> {
        let entry = self.entry;
        Ok(match obs {
            Observed::RangeIter { unit } => {
                let slot = self.t.num_inputs;
                self.checks.push(Check { src: Src::Stack(d as u32), want: Want::RangeIter { unit: *unit }, input: Some(slot) });
                let mut v = [Value(0); 4];
                for (i, v) in v.iter_mut().enumerate() {
                    *v = if i == 1 && *unit {
                        self.t.const_i64(e, 1)
                    } else {
                        self.t.push(e, Type::I64, InstKind::Input { slot: slot + i as u32 })
                    };
                }
                self.t.num_inputs += 4;
                Av::RangeIter { entry: Some(d as u32), start: v[0], step: v[1], len: v[2], idx: v[3] }
            }
            // The loop's own iterator over lists of what the trace does not
            // read natively, or over anything else: stepped through the VM
            // (object mode), in place.
            Observed::Iter(k) if entry.iters.get(*k as usize).is_some_and(|(_, elems)| elems.iter().any(Option::is_none)) => self.entry_ref(e, Src::Stack(d as u32)),
            Observed::Obj(_, ObjKind::Other) if d + 1 == entry.stack.len() => self.entry_ref(e, Src::Stack(d as u32)),
            Observed::Iter(k) => {
                let Some((kind, elems)) = entry.iters.get(*k as usize) else {
                    return abort(entry.header, "an iterator the VM did not describe");
                };
                let slot = self.t.num_inputs;
                self.checks.push(Check { src: Src::Stack(d as u32), want: Want::Iter(*k), input: Some(slot) });
                let (mut lists, mut vals) = (Vec::new(), Vec::new());
                self.entry_iter(e, kind, &mut elems.iter().copied(), &mut lists, &mut vals);
                self.new_iter(Some(d as u32), kind.clone(), lists, vals)
            }
            // The list a comprehension builds (LIST_APPEND adds to it).
            Observed::List { .. } | Observed::ArrIter { .. } => self.observe(e, Src::Stack(d as u32), *obs, entry.header)?,
            _ => Av::Entry(d as u32),
        })
    }

    /// An array checked at entry (`want`: an array, or an iterator over
    /// one, whose `extra` inputs follow the array's): its inputs (data,
    /// shape, strides unless contiguous, the object) and its `ArrInfo`.
    fn entry_array(&mut self, e: Block, src: Src, want: Want, extra: u32) -> u32 {
        let (Want::Array { mem, ndim, contiguous } | Want::ArrIter { mem, ndim, contiguous }) = want else {
            unreachable!("an array check")
        };
        let slot = self.t.num_inputs;
        let n = ndim as usize;
        // Data, shape, strides unless contiguous, and the object.
        let count = if contiguous { 2 + ndim } else { 2 + 2 * ndim };
        let inputs: Vec<Value> = (0..count).map(|k| self.t.push(e, Type::I64, InstKind::Input { slot: slot + k })).collect();
        self.t.num_inputs += count + extra;
        self.checks.push(Check { src, want, input: Some(slot) });
        let shape = inputs[1..1 + n].to_vec();
        let strides = if contiguous {
            // C order: the last stride is the item size, each other
            // the next one times the next length.
            let mut st = vec![self.t.const_i64(e, mem.size() as i64); n];
            for d in (0..n.saturating_sub(1)).rev() {
                st[d] = self.t.push(e, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: st[d + 1], b: shape[d + 1] });
            }
            st
        } else {
            inputs[1 + n..1 + 2 * n].to_vec()
        };
        let info = ArrInfo {
            mem,
            data: inputs[0],
            shape,
            strides,
            entry_obj: Some(self.entry_arrays),
            obj: Some(inputs[count as usize - 1]),
            made_at: None,
            view_of: None,
            buf: false,
        };
        self.entry_arrays += 1;
        self.arrays.push(info);
        self.arrays.len() as u32 - 1
    }

    /// Whatever object `src` holds at entry, by address (`Want::Any`).
    fn entry_ref(&mut self, e: Block, src: Src) -> Av {
        let slot = self.t.num_inputs;
        self.t.num_inputs += 1;
        self.checks.push(Check { src, want: Want::Any, input: Some(slot) });
        self.entry_arrays += 1;
        Av::Ref(self.t.push(e, Type::I64, InstKind::Input { slot }))
    }

    /// Turns an observation at entry into an abstract value, recording the
    /// check the bridge makes before every entry.
    pub(super) fn observe(&mut self, e: Block, src: Src, obs: Observed, pc: u32) -> R<Av> {
        let (want, ty) = match obs {
            Observed::Int => (Want::Int, Some(Type::I64)),
            Observed::Float => (Want::Float, Some(Type::F64)),
            Observed::Bool => (Want::Bool, Some(Type::Bool)),
            Observed::NpFloat => (Want::NpFloat, Some(Type::F64)),
            Observed::NpInt => (Want::NpInt, Some(Type::I64)),
            Observed::NpBool => (Want::NpBool, Some(Type::Bool)),
            Observed::NpSmall(m) => {
                let slot = self.t.num_inputs;
                self.t.num_inputs += 1;
                self.checks.push(Check { src, want: Want::NpSmall(m), input: Some(slot) });
                return Ok(Av::NpS(self.t.push(e, m.value_type(), InstKind::Input { slot }), m));
            }
            Observed::List { elem } => {
                let slot = self.t.num_inputs;
                self.t.num_inputs += 1;
                let obj = self.t.push(e, Type::I64, InstKind::Input { slot });
                self.checks.push(Check { src, want: Want::List, input: Some(slot) });
                self.lists.push(ListInfo { obj, elem, entry_obj: self.entry_arrays });
                self.entry_arrays += 1;
                return Ok(Av::List(self.lists.len() as u32 - 1));
            }
            Observed::Array { mem, ndim, contiguous } => {
                let k = self.entry_array(e, src, Want::Array { mem, ndim, contiguous }, 0);
                return Ok(Av::Arr(k));
            }
            Observed::ArrIter { mem, ndim, contiguous } => {
                // The array, then the iterator's index.
                let k = self.entry_array(e, src, Want::ArrIter { mem, ndim, contiguous }, 1);
                let slot = self.t.num_inputs - 1;
                let idx = self.t.push(e, Type::I64, InstKind::Input { slot });
                let Src::Stack(d) = src else { return abort(pc, "an array iterator held in a variable") };
                return Ok(Av::ArrIter { arr: k, idx, entry: Some(d) });
            }
            Observed::ListMethod { name, elem } => {
                let Some(method) = LIST_METHODS.get(name as usize).and_then(|n| self.world.list_method(n)) else {
                    return abort(pc, "a bound list method without its descriptor");
                };
                self.list_methods.insert(method, LIST_METHODS[name as usize].to_owned());
                self.checks.push(Check { src, want: Want::ListMethod(name), input: None });
                let c = self.checks.len() as u32 - 1;
                let entry_obj = self.entry_arrays;
                self.entry_arrays += 1;
                let Av::List(list) = self.observe(e, Src::SelfOf(c), Observed::List { elem }, pc)? else {
                    unreachable!("a list observes as a list")
                };
                return Ok(Av::BoundList { method, list, entry_obj });
            }
            Observed::Dict { val } => {
                let slot = self.t.num_inputs;
                self.t.num_inputs += 1;
                let obj = self.t.push(e, Type::I64, InstKind::Input { slot });
                self.checks.push(Check { src, want: Want::Dict, input: Some(slot) });
                self.dicts.push((obj, val, self.entry_arrays));
                self.entry_arrays += 1;
                return Ok(Av::Dict(self.dicts.len() as u32 - 1));
            }
            Observed::Complex => {
                let slot = self.t.num_inputs;
                self.t.num_inputs += 2;
                let re = self.t.push(e, Type::F64, InstKind::Input { slot });
                let im = self.t.push(e, Type::F64, InstKind::Input { slot: slot + 1 });
                self.checks.push(Check { src, want: Want::Complex, input: Some(slot) });
                return Ok(Av::Complex(re, im));
            }
            Observed::Unbound => (Want::Unbound, None),
            Observed::NoneVal => {
                let id = self.none_id();
                (Want::Is(id), None)
            }
            Observed::Instance(class) => {
                self.class_checked(class, pc)?;
                let keys = self.keys_of(class);
                let slot = self.t.num_inputs;
                self.t.num_inputs += 1 + keys.is_some() as u32;
                let obj = self.t.push(e, Type::I64, InstKind::Input { slot });
                let slots = keys.map(|_| self.t.push(e, Type::I64, InstKind::Input { slot: slot + 1 }));
                self.checks.push(Check { src, want: Want::Instance { class, keys }, input: Some(slot) });
                self.entry_arrays += 1;
                return Ok(Av::Inst { obj, class, slots });
            }
            // An object of no kind the trace specializes, in a variable the
            // loop reassigns, or a plain value (no function, class or str
            // the trace could fold) in any local: whatever it holds, in
            // object mode (a local holding a new object at each call needs
            // no new recording).
            Observed::Obj(id, ObjKind::Other) if matches!(src, Src::Local(n) if self.written_locals.contains(&n) || self.world.is_data(id)) => return Ok(self.entry_ref(e, src)),
            Observed::Obj(id, kind) => {
                if let ObjKind::Builtin(bi) = kind {
                    self.builtins.insert(id, bi);
                }
                (Want::Is(id), None)
            }
            Observed::Tuple(id) => {
                // The tuple is taken apart: a tuple the trace builds.
                let Some(items) = self.world.tuple_items(id) else {
                    return abort(pc, "a tuple too long to take apart");
                };
                self.checks.push(Check { src, want: Want::Tuple(items.len() as u32), input: None });
                let c = self.checks.len() as u32 - 1;
                let mut avs = Vec::with_capacity(items.len());
                for (k, o) in items.into_iter().enumerate() {
                    avs.push(self.observe(e, Src::Item(c, k as u32), o, pc)?);
                }
                return Ok(self.new_tuple(avs));
            }
            Observed::RangeIter { .. } | Observed::Iter(_) => return abort(pc, "an iterator held in a variable"),
        };
        let av = match (ty, want) {
            (Some(ty), _) => {
                let slot = self.t.num_inputs;
                self.t.num_inputs += 1;
                self.checks.push(Check { src, want, input: Some(slot) });
                let v = self.t.push(e, ty, InstKind::Input { slot });
                return Ok(if matches!(want, Want::NpFloat | Want::NpInt | Want::NpBool) { Av::Np(v) } else { Av::V(v) });
            }
            (None, Want::Unbound) => Av::Unbound,
            (None, Want::Is(id)) => Av::Obj(id),
            _ => unreachable!(),
        };
        self.checks.push(Check { src, want, input: None });
        Ok(av)
    }

    /// A global name read by code `ctx`: a tracked one, or (inlined
    /// functions only) one read at entry and fixed for the trace.
    pub(super) fn load_global(&mut self, st: &State, code_idx: u32, pc: u32) -> R<Av> {
        let name = self.code(st.ctx).names.get(code_idx as usize).cloned().unwrap_or_default();
        // A function of another module: its own globals, checked at entry
        // as the frame's are (the loop cannot assign them).
        if let Some(dict) = self.ctxs[st.ctx as usize].globals {
            if let Some(av) = self.foreign_names.get(&(dict, name.clone())) {
                return Ok(*av);
            }
            let idx = self.names.len() as u32;
            self.names.push(name.clone());
            let obs = self.world.global_in(dict, &name);
            let e = self.t.entry();
            let av = self.observe(e, Src::GlobalIn { dict, name: idx }, obs, pc)?;
            self.foreign_names.insert((dict, name), av);
            return Ok(av);
        }
        if let Some(i) = self.name_index.get(&name) {
            return Ok(st.names[*i as usize]);
        }
        if let Some(av) = self.ro_names.get(&name) {
            return Ok(*av);
        }
        let idx = self.names.len() as u32;
        self.names.push(name.clone());
        let obs = self.world.global(&name);
        let e = self.t.entry();
        let av = self.observe(e, Src::Name(idx), obs, pc)?;
        self.ro_names.insert(name, av);
        Ok(av)
    }

    pub(super) fn attr(&mut self, code: &Code, obj: u32, code_name: u32, pc: u32) -> R<Option<Av>> {
        let name = code.names.get(code_name as usize).cloned().unwrap_or_default();
        let idx = match self.names.iter().position(|n| *n == name) {
            Some(i) => i as u32,
            None => {
                self.names.push(name.clone());
                self.names.len() as u32 - 1
            }
        };
        if let Some(av) = self.attr_checks.get(&(obj, idx)) {
            return Ok(Some(*av));
        }
        let obs = self.world.attr(obj, &name);
        if obs == Observed::Unbound {
            return Ok(None);
        }
        // A class's attribute stays what it was while the class keeps its
        // version tag (which a change to it or a base clears).
        if self.world.class_version(obj).is_some() {
            self.class_checked(obj, pc)?;
        }
        // Attributes are read (and checked) at entry: inputs of the entry block.
        let e = self.t.entry();
        let av = self.observe(e, Src::Attr { obj, name: idx }, obs, pc)?;
        self.attr_checks.insert((obj, idx), av);
        Ok(Some(av))
    }

    /// The inputs of an iterator checked at entry, in `IterKind` order: a
    /// list iterator's list (a list checked like one) and index, an
    /// enumerate's count.
    fn entry_iter(&mut self, e: Block, kind: &IterKind, elems: &mut dyn Iterator<Item = Option<Elem>>, lists: &mut Vec<ListSrc>, vals: &mut Vec<Value>) {
        let input = |r: &mut Self| {
            let slot = r.t.num_inputs;
            r.t.num_inputs += 1;
            r.t.push(e, Type::I64, InstKind::Input { slot })
        };
        match kind {
            IterKind::List | IterKind::Reversed => {
                let obj = input(self);
                let idx = input(self);
                let elem = elems.next().flatten();
                self.lists.push(ListInfo { obj, elem, entry_obj: self.entry_arrays });
                self.entry_arrays += 1;
                lists.push(ListSrc::Entry(self.lists.len() as u32 - 1));
                vals.push(idx);
            }
            IterKind::Enumerate(inner) => {
                let count = input(self);
                vals.push(count);
                self.entry_iter(e, inner, elems, lists, vals);
            }
            IterKind::Zip(its) => {
                for it in its {
                    self.entry_iter(e, it, elems, lists, vals);
                }
            }
        }
    }
}
