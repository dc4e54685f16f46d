//! Snapshots and exits (as LuaJIT's lj_snap.c): what an exit hands back to
//! the interpreter, the edges between blocks (shapes that must agree,
//! the values a block takes), and leaving the trace.

use super::recorder::{Flow, MAX_BLOCKS, MAX_VERSIONS, R, Recorder, TOO_LARGE, abort};
use super::state::{ArrInfo, Av, ListSrc, Shape, State};
use super::world::{Abort, COLD_PATH, LEFT_TO_INTERPRETER, TYPES_DIFFER};
use pyjit_ir::{Block, BlockCall, Exit, ExitId, IterKind, Place, SnapValue, Terminator, Type, Value};

/// `snap` of an abstract value, a tuple element by element.
fn snap_tuple(av: &Av, tuples: &[Vec<Av>], objs: &[Option<Value>], snap: &dyn Fn(&Av) -> Option<SnapValue>) -> Option<SnapValue> {
    match av {
        Av::Tuple(t) => match objs[*t as usize] {
            Some(obj) => Some(SnapValue::ObjAt(obj)),
            None => Some(SnapValue::Tuple(
                tuples[*t as usize].iter().map(|e| snap_tuple(e, tuples, objs, snap)).collect::<Option<_>>()?,
            )),
        },
        Av::TupleIter { tuple, idx } => {
            Some(SnapValue::TupleIter { tuple: Box::new(snap_tuple(&Av::Tuple(*tuple), tuples, objs, snap)?), index: *idx })
        }
        _ => snap(av),
    }
}

/// The frames of the calls `st` is inlined in, outermost first: each
/// callee suspended at its own call, the innermost at `pc`, as (context,
/// pc, locals, stack).
fn inlined_frames(st: &State, pc: u32) -> impl Iterator<Item = (u32, u32, &[Av], &[Av])> {
    let suspended = st.callers.iter().skip(1).map(|c| (c.ctx, c.call_pc, &c.locals[..], &c.stack[..]));
    suspended.chain(std::iter::once((st.ctx, pc, &st.locals[..], &st.stack[..])))
}

impl Recorder<'_, '_> {
    fn shape(&mut self, av: &Av) -> Shape {
        match av {
            Av::Untracked => Shape::Untracked,
            Av::Unbound => Shape::Unbound,
            Av::Null => Shape::Null,
            Av::V(v) => Shape::V(self.t.ty(*v)),
            Av::Obj(o) => Shape::Obj(*o),
            Av::Ref(v) => Shape::Ref(self.borrowed.contains(v)),
            Av::Entry(d) => Shape::Entry(*d),
            Av::RangeIter { entry, .. } => Shape::RangeIter(*entry),
            Av::Range { .. } => Shape::Range,
            Av::Iter { entry, shape, .. } => Shape::Iter(*entry, *shape),
            Av::Tuple(t) => {
                let elems: Vec<Shape> = self.tuples[*t as usize].clone().iter().map(|e| self.shape(e)).collect();
                let elems = (elems, self.tuple_obj[*t as usize].is_some());
                match self.tuple_shapes.iter().position(|s| *s == elems) {
                    Some(k) => Shape::Tuple(k as u32),
                    None => {
                        self.tuple_shapes.push(elems);
                        Shape::Tuple(self.tuple_shapes.len() as u32 - 1)
                    }
                }
            }
            Av::TupleIter { tuple, .. } => match self.shape(&Av::Tuple(*tuple)) {
                Shape::Tuple(k) => Shape::TupleIter(k),
                _ => unreachable!("a tuple's shape"),
            },
            Av::Slice(_) => Shape::Slice,
            Av::Complex(..) => Shape::Complex,
            Av::Dict(d) => Shape::Dict(*d),
            Av::BoundList { method, list, .. } => Shape::BoundList(*method, *list),
            Av::Np(v) => Shape::Np(self.t.ty(*v)),
            Av::NpS(_, m) => Shape::NpS(*m),
            Av::ArrIter { arr, entry, .. } => Shape::ArrIter(*arr, *entry),
            Av::Arr(a) => match &self.arrays[*a as usize] {
                ArrInfo { view_of: Some((base, idx)), .. } => Shape::View(*base, idx.len()),
                info if info.buf => Shape::BufArr(info.mem, info.shape.len()),
                info if info.entry_obj.is_none() && info.obj.is_some() => Shape::MadeArr(info.mem, info.shape.len()),
                _ => Shape::Arr(*a),
            },
            Av::List(l) => Shape::List(*l),
            Av::Row { elem, .. } => Shape::Row(*elem),
            Av::Rows { elem, .. } => Shape::Rows(*elem),
            Av::Inst { obj, class, slots } => Shape::Inst(*class, slots.is_some(), self.fresh.contains(obj)),
            Av::Method(m) => Shape::Method(*m),
        }
    }

    fn shapes(&mut self, st: &State) -> Vec<Shape> {
        let mut out: Vec<Shape> = st.callers.iter().map(|c| Shape::Frame(c.ctx, c.stack.len())).collect();
        out.push(Shape::Frame(st.ctx, st.stack.len()));
        for a in st.avs() {
            let s = self.shape(a);
            out.push(s);
        }
        out
    }

    /// The values a state passes to a block, in parameter order.
    fn args(&self, st: &State) -> Vec<Value> {
        let mut out = Vec::new();
        for av in st.avs() {
            self.av_args(av, &mut out);
        }
        out
    }

    /// The values `av` passes to a block, in parameter order.
    pub(super) fn av_args(&self, av: &Av, out: &mut Vec<Value>) {
        match av {
            Av::Inst { obj, slots, .. } => out.extend(std::iter::once(*obj).chain(*slots)),
            Av::V(v) | Av::Ref(v) | Av::Np(v) | Av::NpS(v, _) | Av::Row { obj: v, .. } | Av::Rows { obj: v, .. } | Av::Slice(v) | Av::ArrIter { idx: v, .. } => out.push(*v),
            Av::Complex(re, im) => out.extend([*re, *im]),
            Av::RangeIter { start, step, len, idx, .. } => out.extend([*start, *step, *len, *idx]),
            Av::Range { start, stop, step, len } => out.extend([*start, *stop, *step, *len]),
            Av::Iter { state, .. } => out.extend(self.iter_states[*state as usize].iter().copied()),
            Av::Tuple(t) => {
                out.extend(self.tuple_obj[*t as usize]);
                self.tuples[*t as usize].iter().for_each(|e| self.av_args(e, out))
            }
            Av::TupleIter { tuple, idx } => {
                self.av_args(&Av::Tuple(*tuple), out);
                out.push(*idx);
            }
            // A view of an entry array: its buffer and indices (its layout
            // is the base's).
            Av::Arr(k) if self.arrays[*k as usize].view_of.is_some() => {
                let info = &self.arrays[*k as usize];
                out.push(info.data);
                out.extend(info.view_of.as_ref().map(|(_, idx)| idx.clone()).unwrap_or_default());
            }
            // An array the run made: its object, buffer and layout.
            Av::Arr(k) if self.arrays[*k as usize].entry_obj.is_none() => {
                let info = &self.arrays[*k as usize];
                out.extend(info.obj.into_iter().chain([info.data]).chain(info.shape.iter().copied()).chain(info.strides.iter().copied()));
            }
            _ => {}
        }
    }

    /// `av` over a block's parameters, taken from `it` in `av_args` order.
    fn rebind(&mut self, av: &mut Av, it: &mut dyn Iterator<Item = Value>) {
        match av {
            Av::Inst { obj, slots, .. } => {
                let fresh = self.fresh.contains(obj);
                *obj = it.next().unwrap();
                if fresh {
                    self.fresh.insert(*obj);
                }
                if let Some(s) = slots {
                    *s = it.next().unwrap();
                }
            }
            Av::Ref(v) => {
                let borrowed = self.borrowed.contains(v);
                *v = it.next().unwrap();
                if borrowed {
                    self.borrowed.insert(*v);
                }
            }
            Av::V(v) | Av::Np(v) | Av::NpS(v, _) | Av::Row { obj: v, .. } | Av::Rows { obj: v, .. } | Av::Slice(v) | Av::ArrIter { idx: v, .. } => *v = it.next().unwrap(),
            Av::Complex(re, im) => {
                *re = it.next().unwrap();
                *im = it.next().unwrap();
            }
            Av::RangeIter { start, step, len, idx, .. } => {
                *start = it.next().unwrap();
                *step = it.next().unwrap();
                *len = it.next().unwrap();
                *idx = it.next().unwrap();
            }
            Av::Range { start, stop, step, len } => {
                *start = it.next().unwrap();
                *stop = it.next().unwrap();
                *step = it.next().unwrap();
                *len = it.next().unwrap();
            }
            Av::Iter { state, .. } => {
                let n = self.iter_states[*state as usize].len();
                self.iter_states.push(it.take(n).collect());
                *state = self.iter_states.len() as u32 - 1;
            }
            Av::Tuple(t) => {
                let obj = self.tuple_obj[*t as usize].map(|_| it.next().unwrap());
                let mut elems = self.tuples[*t as usize].clone();
                for e in &mut elems {
                    self.rebind(e, it);
                }
                *av = self.new_tuple(elems);
                if let Av::Tuple(id) = av {
                    self.tuple_obj[*id as usize] = obj;
                }
            }
            Av::Arr(k) if self.arrays[*k as usize].view_of.is_some() => {
                let mut info = self.arrays[*k as usize].clone();
                info.data = it.next().unwrap();
                if let Some((_, idx)) = &mut info.view_of {
                    idx.iter_mut().for_each(|v| *v = it.next().unwrap());
                }
                info.made_at = None;
                self.arrays.push(info);
                *av = Av::Arr(self.arrays.len() as u32 - 1);
            }
            Av::Arr(k) if self.arrays[*k as usize].entry_obj.is_none() => {
                let mut info = self.arrays[*k as usize].clone();
                info.obj = info.obj.map(|_| it.next().unwrap());
                info.data = it.next().unwrap();
                info.shape.iter_mut().chain(info.strides.iter_mut()).for_each(|v| *v = it.next().unwrap());
                info.made_at = None;
                self.arrays.push(info);
                *av = Av::Arr(self.arrays.len() as u32 - 1);
            }
            Av::TupleIter { tuple, .. } => {
                let mut t = Av::Tuple(*tuple);
                self.rebind(&mut t, it);
                let Av::Tuple(t) = t else { unreachable!("a tuple rebinds as a tuple") };
                *av = Av::TupleIter { tuple: t, idx: it.next().unwrap() };
            }
            _ => {}
        }
    }

    /// A view on the stack of an array the run made cannot cross a block
    /// boundary or a call: the recording stops.
    pub(super) fn no_stack_view(&self, st: &State, pc: u32) -> R<()> {
        if st.avs().any(|a| matches!(a, Av::Arr(k) if self.arrays[*k as usize].stack_view())) {
            return abort(pc, "a row of an array live across a branch or a call");
        }
        Ok(())
    }

    /// Control reaches `pc` with `st`: a call to the block there, or to an
    /// exit when `pc` leaves the region or the types do not agree.
    pub(super) fn edge(&mut self, pc: u32, st: State) -> R<BlockCall> {
        self.edge_to(pc, st, false)
    }

    /// `edge`, or where `by_switch`, a switch on an object's class going on
    /// at its own instruction with one class: that path's block is not
    /// made one of an object of any class (it would jump back to the
    /// switch), and is not counted against `MAX_VERSIONS` (a switch makes
    /// at most `MAX_CLASSES`).
    pub(super) fn edge_to(&mut self, pc: u32, st: State, by_switch: bool) -> R<BlockCall> {
        let mut st = st;
        self.forget_dead(pc, &mut st);
        self.no_stack_view(&st, pc)?;
        if !self.in_region(st.ctx, pc) {
            return Ok(self.exit_call(pc, &st, "loop exit"));
        }
        if st.ctx == 0 && pc == self.entry.header && self.blocks.contains_key(&(0, pc)) {
            self.closes = true;
        }
        let mut shapes = self.shapes(&st);
        if let Some(versions) = self.blocks.get(&(st.ctx, pc)) {
            if let Some((b, _)) = versions.iter().find(|(_, s)| *s == shapes) {
                return Ok(BlockCall { block: *b, args: self.args(&st) });
            }
            // Another type combination reaches this pc: a block of its own
            // (a loop whose sum starts as a float and continues as an
            // np.float64 runs its first iteration in a peeled copy; a
            // loop over tasks of a few classes, one a class), up to a few
            // versions, then an exit. The last version is for objects of
            // any class: an instance of another class than a version
            // holds in the same place (a scheduler walking `t = t.link`
            // over tasks of many classes) joins there as one, and the
            // switches on classes after it (`feedback.rs`) take each class
            // in. A switch's own paths count apart: it makes one a class.
            // (Joining adds no version: the count holds below too.)
            let own = versions.len() - self.switch_versions.get(&(st.ctx, pc)).copied().unwrap_or(0);
            // Copied for the join, which may add a constant to the trace.
            let versions = (!by_switch && own + 1 >= MAX_VERSIONS).then(|| versions.clone());
            if let Some(versions) = versions
                && let Some(widened) = self.with_any_class(&st, &shapes, &versions)
            {
                st = widened;
                shapes = self.shapes(&st);
                if let Some((b, _)) = self.blocks[&(st.ctx, pc)].iter().find(|(_, s)| *s == shapes) {
                    return Ok(BlockCall { block: *b, args: self.args(&st) });
                }
            }
            if !by_switch && own >= MAX_VERSIONS {
                return Ok(self.exit_call(pc, &st, TYPES_DIFFER));
            }
        }
        if self.t.blocks.len() >= MAX_BLOCKS {
            return abort(pc, TOO_LARGE);
        }
        let types: Vec<Type> = self.args(&st).iter().map(|v| self.t.ty(*v)).collect();
        let b = self.t.new_block(&types);
        // The block's own state: the same shapes, over its parameters.
        let params = self.t.block(b).params.clone();
        let mut it = params.into_iter();
        let mut inner = st.clone();
        // Values of the predecessor are not this block's.
        inner.known.clear();
        for av in inner.avs_mut() {
            self.rebind(av, &mut it);
        }
        self.blocks.entry((st.ctx, pc)).or_default().push((b, shapes));
        if by_switch {
            *self.switch_versions.entry((st.ctx, pc)).or_default() += 1;
        }
        self.queue.push_back((pc, b, inner));
        Ok(BlockCall { block: b, args: self.args(&st) })
    }

    /// `st` with each instance (not one the run made) held where a
    /// version of the block has an instance of another class, None, or an
    /// object of any class, made an object of any class (`Av::Ref`); and
    /// None held where a version has an instance or an object of any class
    /// (an attribute or a variable that is None or a node: `x is None` is
    /// then a compare of addresses). `None` where there is none such.
    fn with_any_class(&mut self, st: &State, shapes: &[Shape], versions: &[(Block, Vec<Shape>)]) -> Option<State> {
        let frames = st.callers.len() + 1;
        let none_id = self.none_id();
        let none = Shape::Obj(none_id);
        let widen = |k: usize| {
            versions.iter().any(|(_, have)| {
                have.len() == shapes.len()
                    && match (shapes[k], have[k]) {
                        (Shape::Inst(_, _, false), Shape::Ref(_)) => true,
                        (Shape::Inst(c, _, false), Shape::Inst(d, ..)) => d != c,
                        (Shape::Inst(_, _, false), h) => h == none,
                        // Held by another object on another path: taken
                        // as held (kept alive across calls) on this one too.
                        (Shape::Ref(false), Shape::Ref(true)) => true,
                        (h, Shape::Ref(_) | Shape::Inst(..)) => h == none,
                        _ => false,
                    }
            })
        };
        let places: Vec<usize> = (frames..shapes.len()).filter(|&k| widen(k)).map(|k| k - frames).collect();
        if places.is_empty() {
            return None;
        }
        // Made once, and only where a None is widened.
        let mut none_addr = None;
        let mut out = st.clone();
        for (k, av) in out.avs_mut().enumerate() {
            if !places.contains(&k) {
                continue;
            }
            match *av {
                Av::Inst { obj, .. } => *av = Av::Ref(obj),
                Av::Obj(o) if o == none_id => {
                    if none_addr.is_none() {
                        none_addr = self.none_addr();
                    }
                    if let Some(v) = none_addr {
                        *av = Av::Ref(v);
                    }
                }
                _ => {}
            }
            if let Av::Ref(v) = *av
                && versions.iter().any(|(_, have)| have.get(frames + k) == Some(&Shape::Ref(true)))
            {
                self.borrowed.insert(v);
            }
        }
        Some(out)
    }

    /// Forgets the loop's own locals that are dead at `pc`, or, inside an
    /// inlined call, dead at the loop's call (the call's result may
    /// replace the very object whose method it is: `t = t.run()`), so that
    /// paths through the callee agree whatever they held there.
    pub(super) fn forget_dead(&self, pc: u32, st: &mut State) {
        let ctx0 = st.callers.first().map_or(st.ctx, |c| c.ctx);
        let (at, locals) = match st.callers.first_mut() {
            None => (pc, &mut st.locals),
            Some(outer) => (outer.call_pc, &mut outer.locals),
        };
        if ctx0 == 0 && self.in_region(0, at) {
            for (n, av) in locals.iter_mut().enumerate() {
                if self.liveness.dead(at, n as u32) {
                    *av = Av::Untracked;
                }
            }
        }
    }

    /// Whether `st` holds nothing the run made (a new list, instance,
    /// slice or array, or a row that may be one): at a back-edge, the
    /// run's arena can then be dropped.
    pub(super) fn holds_nothing_made(&self, st: &State) -> bool {
        st.avs().all(|a| match a {
            Av::Row { .. } | Av::Rows { .. } | Av::Slice(_) | Av::Ref(_) => false,
            // Any instance: `fresh` says which the run made only while no
            // list or attribute holds them (an append clears it), and one
            // the run made must stay held (`ArenaKeep` keeps it).
            Av::Inst { .. } => false,
            Av::Arr(k) => !self.arrays[*k as usize].made_here(),
            Av::Tuple(t) | Av::TupleIter { tuple: t, .. } => self.tuple_obj[*t as usize].is_none() && self.tuples[*t as usize].iter().all(|e| !matches!(e, Av::Row { .. } | Av::Rows { .. } | Av::Slice(_) | Av::Inst { .. } | Av::Arr(_) | Av::Tuple(_) | Av::Ref(_))),
            Av::Iter { shape, .. } => self.iter_shapes[*shape as usize].1.iter().all(|l| matches!(l, ListSrc::Entry(_))),
            _ => true,
        })
    }

    /// What `RtFn::ArenaKeep` keeps at a back-edge carrying `st`: every
    /// int value the loop carries (object addresses among them; an int
    /// that happens to equal one only keeps that object longer). `None`
    /// where an array the run made is carried (its buffer or data address
    /// rides apart from the object) or the values are too many.
    pub(super) fn keep_roots(&mut self, b: Block, st: &State) -> Option<Vec<Value>> {
        fn arrays_ok(r: &Recorder<'_, '_>, a: &Av) -> bool {
            match a {
                Av::Arr(k) => !r.arrays[*k as usize].made_here(),
                Av::Tuple(t) | Av::TupleIter { tuple: t, .. } => r.tuples[*t as usize].iter().all(|e| arrays_ok(r, e)),
                _ => true,
            }
        }
        if !st.avs().all(|a| arrays_ok(self, a)) {
            return None;
        }
        let mut roots: Vec<Value> = self.args(st).into_iter().filter(|v| self.t.ty(*v) == Type::I64).collect();
        roots.sort_unstable_by_key(|v| v.0);
        roots.dedup();
        if roots.len() > 16 {
            return None;
        }
        let zero = self.t.const_i64(b, 0);
        roots.resize(16, zero);
        Some(roots)
    }

    /// A snapshot of `st` resuming at `pc`.
    fn snapshot(&mut self, pc: u32, st: &State, reason: &str) -> Exit {
        // A row view on the stack: resume where the first was made, so the
        // interpreter makes it again. (Inside an inlined call the call is
        // redone anyway.)
        let made = st.stack.iter().filter(|_| st.callers.is_empty()).find_map(|a| match a {
            Av::Arr(k) => self.arrays[*k as usize].made_at.clone(),
            _ => None,
        });
        // Views of entry arrays can also be made at the exit from their
        // indices: that, where something was stored since the first was
        // made (`m[i] *= 2` leaving at its store back).
        let all_remade = || st.stack.iter().all(|a| !matches!(a, Av::Arr(k) if self.arrays[*k as usize].made_at.is_some() && self.arrays[*k as usize].view_of.is_none()));
        if let Some((at, pre)) = made
            && (pre.stores == st.stores || !all_remade())
        {
            if pre.stores != st.stores {
                self.redo_store_at = Some(pc);
            }
            return self.snapshot(at, &pre, reason);
        }
        // Inside inlined calls: the interpreter makes the outermost call
        // again, and each frame it makes resumes where the trace was in it
        // (`Place::Frame`), so nothing the callees did is done twice. If a
        // frame holds what an exit cannot hand back (a method looked up, a
        // row view), the whole call is redone instead, which is only right
        // if the callees stored nothing yet.
        let deopt = !st.callers.is_empty() && self.frames_resumable(st);
        if !deopt
            && let Some(c) = st.callers.first()
            && c.stores != st.stores
        {
            self.redo_store_at = Some(pc);
        }
        let exit_pc = pc;
        let (locals, stack, call_pc) = st.outer();
        let pc = call_pc.unwrap_or(pc);
        let mut entries = Vec::new();
        let snap = |av: &Av| self.snap_value(av);
        let (tuples, tuple_obj) = (&self.tuples, &self.tuple_obj);
        let snap = |av: &Av| snap_tuple(av, tuples, tuple_obj, &snap);
        for (n, av) in locals.iter().enumerate() {
            if self.written_locals.contains(&(n as u32))
                && let Some(v) = snap(av)
            {
                entries.push((Place::Local(n as u32), v));
            }
        }
        let written: Vec<u32> = self
            .name_index
            .iter()
            .filter(|(name, _)| self.written_names.contains(*name))
            .map(|(_, idx)| *idx)
            .collect();
        for (i, av) in st.names.iter().enumerate() {
            if written.contains(&(i as u32))
                && let Some(v) = snap(av)
            {
                entries.push((Place::Name(i as u32), v));
            }
        }
        // Stack entries still where they were at entry stay in the frame.
        let mut in_place = true;
        for (d, av) in stack.iter().enumerate() {
            let d = d as u32;
            if in_place && *av == Av::Entry(d) {
                continue;
            }
            // A range or list iterator the frame holds moves in place; an
            // enumerate or zip is made anew (nothing else holds it).
            let moves = match av {
                Av::RangeIter { entry: Some(e), .. } | Av::ArrIter { entry: Some(e), .. } => *e == d,
                Av::Iter { entry: Some(e), shape, .. } => {
                    *e == d && matches!(self.iter_shapes[*shape as usize].0, IterKind::List | IterKind::Reversed)
                }
                _ => false,
            };
            if !moves {
                in_place = false;
            }
            if let Some(v) = snap(av) {
                entries.push((Place::Stack(d), v));
            }
        }
        if deopt {
            for (ctx, at, locals, stack) in inlined_frames(st, exit_pc) {
                let code = self.ctxs[ctx as usize].code_obj.expect("an inlined frame's code");
                entries.push((Place::Frame { code, pc: at }, SnapValue::Null));
                for (n, av) in locals.iter().enumerate() {
                    if let Some(v) = snap(av) {
                        entries.push((Place::Local(n as u32), v));
                    }
                }
                for (d, av) in stack.iter().enumerate() {
                    let v = snap(av).expect("a resumable frame's stack");
                    entries.push((Place::Stack(d as u32), v));
                }
            }
        }
        Exit { pc, entries, stack_depth: stack.len() as u32, reason: reason.into() }
    }

    /// What an exit hands back for `av`, a tuple excepted (`snap_tuple`
    /// takes those apart): None for what it cannot (an untracked or
    /// unbound value, an array of neither an object nor a buffer).
    fn snap_value(&self, av: &Av) -> Option<SnapValue> {
        let arrays = &self.arrays;
        let lists = &self.lists;
        let dicts = &self.dicts;
        let (iter_shapes, iter_states) = (&self.iter_shapes, &self.iter_states);
        Some(match av {
            Av::V(v) => SnapValue::Val(*v),
            Av::Np(v) => SnapValue::Np(*v),
            Av::NpS(v, m) => SnapValue::NpSmall(*v, *m),
            Av::ArrIter { arr, idx, entry } => match &arrays[*arr as usize] {
                ArrInfo { view_of: Some((base, view)), .. } => SnapValue::ArrIter { obj: *entry, arr: arrays[*base as usize].entry_obj?, index: *idx, view: view.clone() },
                info => SnapValue::ArrIter { obj: *entry, arr: info.entry_obj?, index: *idx, view: Vec::new() },
            },
            Av::Arr(k) => match &arrays[*k as usize] {
                ArrInfo { entry_obj: Some(e), .. } => SnapValue::EntryObj(*e),
                ArrInfo { obj: Some(obj), .. } => SnapValue::ObjAt(*obj),
                ArrInfo { view_of: Some((base, idx)), .. } => SnapValue::ArrView { arr: arrays[*base as usize].entry_obj?, index: idx.clone() },
                info if info.buf => SnapValue::ArrBuf { mem: info.mem, data: info.data, shape: info.shape.clone() },
                _ => return None,
            },
            Av::List(k) => SnapValue::EntryObj(lists[*k as usize].entry_obj),
            Av::Row { obj, .. } | Av::Rows { obj, .. } | Av::Inst { obj, .. } | Av::Slice(obj) | Av::Ref(obj) => SnapValue::ObjAt(*obj),
            Av::Complex(re, im) => SnapValue::Complex(*re, *im),
            Av::Dict(d) => SnapValue::EntryObj(dicts[*d as usize].2),
            Av::BoundList { entry_obj, .. } => SnapValue::EntryObj(*entry_obj),
            // `list.append` itself, with the list beside it.
            Av::Method(m) => SnapValue::Obj(*m),
            Av::Obj(o) => SnapValue::Obj(*o),
            Av::Null => SnapValue::Null,
            Av::Entry(d) => SnapValue::EntryStack(*d),
            Av::RangeIter { entry, start, step, len, idx } => SnapValue::RangeIter {
                obj: *entry,
                start: *start,
                step: *step,
                len: *len,
                index: *idx,
            },
            Av::Range { start, stop, step, .. } => SnapValue::Range { start: *start, stop: *stop, step: *step },
            Av::Iter { entry, shape, state } => {
                let (kind, ls) = &iter_shapes[*shape as usize];
                SnapValue::Iter {
                    obj: *entry,
                    kind: kind.clone(),
                    lists: ls
                        .iter()
                        .map(|l| match l {
                            ListSrc::Entry(k) => Some(lists[*k as usize].entry_obj),
                            ListSrc::At(_) => None,
                        })
                        .collect(),
                    vals: iter_states[*state as usize].clone(),
                }
            }
            Av::Untracked | Av::Unbound => return None,
            Av::Tuple(_) | Av::TupleIter { .. } => unreachable!("tuples are snapshot by snap_tuple"),
        })
    }

    /// Whether every inlined frame of `st` can be handed back as it is: its
    /// stack holds only what an exit materializes (no method looked up, no
    /// row view of an array, no entry-stack object).
    pub(super) fn frames_resumable(&self, st: &State) -> bool {
        fn ok(r: &Recorder, a: &Av) -> bool {
            match a {
                Av::Tuple(t) | Av::TupleIter { tuple: t, .. } => r.tuples[*t as usize].iter().all(|e| ok(r, e)),
                Av::Untracked | Av::Entry(_) => false,
                Av::Arr(k) => !r.arrays[*k as usize].stack_view(),
                _ => true,
            }
        }
        let ok = |a: &Av| ok(self, a);
        // A constructor's frame is resumed through the resumer left where
        // its class was; without one the interpreter's call would make an
        // instance of its own.
        if self.init_resumer.is_none() && st.callers.iter().any(|c| c.ctor.is_some()) {
            return false;
        }
        inlined_frames(st, 0).all(|(ctx, _, locals, stack)| {
            self.ctxs[ctx as usize].code_obj.is_some()
                && stack.iter().all(ok)
                && locals.iter().all(|a| *a == Av::Unbound || ok(a))
        })
    }

    /// A fresh block that leaves the trace with `st` at `pc`.
    pub(super) fn exit_call(&mut self, pc: u32, st: &State, reason: &str) -> BlockCall {
        let exit = self.snapshot(pc, st, reason);
        let id = self.t.add_exit(exit);
        let b = self.t.new_block(&[]);
        self.t.set_term(b, Terminator::Exit(id));
        BlockCall { block: b, args: vec![] }
    }

    /// Ends block `b` with an exit at `pc` for an operation the trace does
    /// not compile (`why`), in a loop trace; a function trace gives up.
    /// A loop whose every path leaves this way is not compiled (`record`).
    pub(super) fn leave(&mut self, b: Block, pc: u32, pre: &State, why: impl Into<String>) -> R<Flow> {
        if self.left.is_none() {
            self.left = Some(Abort { pc, reason: why.into() });
        }
        let call = self.exit_call(pc, pre, LEFT_TO_INTERPRETER);
        self.t.set_term(b, Terminator::Jump(call));
        Ok(Flow::Done)
    }

    /// The edge to `to`, one of a conditional branch's two successors
    /// (`other` the second): an exit where the interpreter has never run
    /// the code there and has run the other side, instead of recording a
    /// path the loop does not take (error handling, `if tracing:`, a
    /// class's other methods), which makes traces large and slow to
    /// compile. The VM records the loop again once a run leaves there.
    pub(super) fn branch_edge(&mut self, to: u32, other: u32, st: State) -> R<BlockCall> {
        let code = self.ctxs[st.ctx as usize].code_obj;
        let cold = self.world.executed(code, to) == Some(false) && self.world.executed(code, other) == Some(true);
        if cold && (st.ctx == 0 || self.frames_resumable(&st)) && self.in_region(st.ctx, to) {
            return Ok(self.exit_call(to, &st, COLD_PATH));
        }
        self.edge(to, st)
    }

    pub(super) fn exit_here(&mut self, pc: u32, st: &State, reason: &str) -> ExitId {
        let exit = self.snapshot(pc, st, reason);
        self.t.add_exit(exit)
    }
}
