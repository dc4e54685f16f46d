//! Allocation sinking: a list the trace makes (`[x] * n`, a display `[a,
//! b]` or `[row]`) that nothing reads but the exits is not made at all. The
//! exits that hand it back make it instead, from what it was made of
//! (`SnapValue::Repeat`, `SnapValue::List`). After the recorder turned
//! `np.array([[x] * n])` into one call that takes `x` and `n`, the lists
//! behind it are such lists (LuaJIT's `lj_opt_sink` does this for tables).
//!
//! A list sinks when every use is one of: an exit snapshot holding it
//! (`ObjAt`), the appends that build it (right after it is made, before
//! anything else sees it), or an append into a list that sinks too.
//! A slice (`lst[i:j]`, whose slicing takes the slice's ints) sinks when
//! only exits hold it (`SnapValue::Slice`).

use pyjit_ir::{InstKind, RtFn, SnapValue, Trace, Value};
use std::collections::{HashMap, HashSet};

/// How a sinkable list was made.
#[derive(Clone, Debug)]
enum Made {
    /// `[x] * n`.
    Fill { x: Value, n: Value },
    /// A display: each item a number appended (`Val`) or an object
    /// appended (a list that may sink too, or another object).
    Display(Vec<(Value, bool)>),
    /// `slice(start, stop, step)`.
    Slice([Value; 3]),
}

pub fn run(t: &mut Trace) {
    // Each candidate: how it was made, and where (block, first and last
    // instruction of its making).
    let mut made: HashMap<Value, Made> = HashMap::new();
    let mut span: HashMap<Value, (usize, usize, usize)> = HashMap::new();
    // Appended into another list: (item, container).
    let mut inside: Vec<(Value, Value)> = Vec::new();
    for (bi, b) in t.blocks.iter().enumerate() {
        let mut k = 0;
        while k < b.insts.len() {
            let i = &b.insts[k];
            let (Some(r), InstKind::Call { f, args, .. }) = (i.result, &i.kind) else {
                k += 1;
                continue;
            };
            let m = match f {
                RtFn::ListFill(_) => Made::Fill { x: args[0], n: args[1] },
                RtFn::SliceNew => Made::Slice([args[0], args[1], args[2]]),
                RtFn::ListNew => {
                    // The appends right after it build it.
                    let mut items = Vec::new();
                    while let Some(InstKind::Call { f: f @ (RtFn::ListAppend(_) | RtFn::ListAppendObj), args, .. }) =
                        b.insts.get(k + 1 + items.len()).map(|i| &i.kind)
                    {
                        if args[0] != r {
                            break;
                        }
                        items.push((args[1], *f == RtFn::ListAppendObj));
                    }
                    Made::Display(items)
                }
                _ => {
                    k += 1;
                    continue;
                }
            };
            let len = match &m {
                Made::Display(items) => {
                    inside.extend(items.iter().filter(|(_, obj)| *obj).map(|(v, _)| (*v, r)));
                    items.len()
                }
                Made::Fill { .. } | Made::Slice(_) => 0,
            };
            made.insert(r, m);
            span.insert(r, (bi, k, k + len));
            k += 1 + len;
        }
    }
    if made.is_empty() {
        return;
    }
    // Uses other than the making and the exits' ObjAt rule a list out.
    let mut out: HashSet<Value> = HashSet::new();
    for (bi, b) in t.blocks.iter().enumerate() {
        for (k, i) in b.insts.iter().enumerate() {
            let own = |v: &Value| span.get(v).is_some_and(|&(sb, first, last)| sb == bi && k > first && k <= last);
            for u in i.kind.uses() {
                if !made.contains_key(&u) {
                    continue;
                }
                // Its own appends, or an append of it into a display.
                let appended_into = matches!(&i.kind, InstKind::Call { f: RtFn::ListAppendObj, args, .. } if args[1] == u && own(&args[0]));
                if !(own(&u) && matches!(&i.kind, InstKind::Call { args, .. } if args[0] == u)) && !appended_into {
                    out.insert(u);
                }
            }
        }
        out.extend(b.term.uses().into_iter().filter(|u| made.contains_key(u)));
    }
    for e in &t.exits {
        for (_, v) in &e.entries {
            not_as_object(v, &made, &mut out);
        }
    }
    // A list inside one that stays must stay.
    loop {
        let before = out.len();
        for (item, container) in &inside {
            if out.contains(container) {
                out.insert(*item);
            }
        }
        if out.len() == before {
            break;
        }
    }
    let sunk: HashSet<Value> = made.keys().filter(|v| !out.contains(v)).copied().collect();
    if sunk.is_empty() {
        return;
    }
    for e in &mut t.exits {
        for (_, v) in &mut e.entries {
            rewrite(v, &made, &sunk);
        }
    }
    let mut drop: HashMap<usize, HashSet<usize>> = HashMap::new();
    for v in &sunk {
        let (b, first, last) = span[v];
        drop.entry(b).or_default().extend(first..=last);
    }
    for (b, ks) in drop {
        let mut k = 0;
        t.blocks[b].insts.retain(|_| {
            k += 1;
            !ks.contains(&(k - 1))
        });
    }
}

/// Rules out every made list `v` holds other than as a whole object.
fn not_as_object(v: &SnapValue, made: &HashMap<Value, Made>, out: &mut HashSet<Value>) {
    match v {
        SnapValue::ObjAt(_) => {}
        SnapValue::Tuple(items) | SnapValue::List(items) => items.iter().for_each(|i| not_as_object(i, made, out)),
        SnapValue::TupleIter { tuple, .. } => not_as_object(tuple, made, out),
        SnapValue::Repeat { item, .. } => not_as_object(item, made, out),
        other => {
            let mut vals = Vec::new();
            other.values(&mut vals);
            out.extend(vals.into_iter().filter(|x| made.contains_key(x)));
        }
    }
}

/// A sunk list's snapshot: how to make it.
fn recipe(v: Value, made: &HashMap<Value, Made>, sunk: &HashSet<Value>) -> SnapValue {
    if !sunk.contains(&v) {
        return SnapValue::ObjAt(v);
    }
    match &made[&v] {
        Made::Fill { x, n } => SnapValue::Repeat { item: Box::new(SnapValue::Val(*x)), n: *n },
        &Made::Slice([start, stop, step]) => SnapValue::Slice { start, stop, step },
        Made::Display(items) => SnapValue::List(
            items.iter().map(|(x, obj)| if *obj { recipe(*x, made, sunk) } else { SnapValue::Val(*x) }).collect(),
        ),
    }
}

fn rewrite(v: &mut SnapValue, made: &HashMap<Value, Made>, sunk: &HashSet<Value>) {
    match v {
        SnapValue::ObjAt(x) if sunk.contains(x) => *v = recipe(*x, made, sunk),
        SnapValue::Tuple(items) | SnapValue::List(items) => items.iter_mut().for_each(|i| rewrite(i, made, sunk)),
        SnapValue::TupleIter { tuple, .. } => rewrite(tuple, made, sunk),
        SnapValue::Repeat { item, .. } => rewrite(item, made, sunk),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `lst[i:j]` and `lst[:k] = other`: the slicing takes the slice's ints,
    /// so only the exits hold the slice objects, and those exits make them.
    const SLICED: &str = "trace t inputs=3
b0():
  v0:i64 = input 0
  v1:i64 = input 1
  v2:i64 = input 2
  v3:i64 = const 1
  v4:i64 = call pyjit_rt_slice_new(v1, v2, v3) else e0
  v5:i64 = call pyjit_rt_list_get_slice(v0, v1, v2, v3) else e0
  v6:i64 = call pyjit_rt_slice_new(v1, v2, v3) else e1
  call pyjit_rt_list_set_slice(v0, v1, v2, v3, v5) else e1
  v7:i64 = call pyjit_rt_slice_new(v1, v2, v3) else e2
  v8:i64 = call pyjit_rt_obj_subscr(v0, v7, v3) else e2
  exit e2
e0: pc=0 depth=2 \"\" [stack0=arg0, stack1=obj@v4]
e1: pc=1 depth=3 \"\" [stack0=obj@v5, stack1=arg0, stack2=obj@v6]
e2: pc=2 depth=1 \"\" [stack0=obj@v7]
";

    #[test]
    fn slices_only_exits_hold_are_made_there() {
        let mut t = pyjit_ir::parse(SLICED).unwrap();
        run(&mut t);
        let made: Vec<bool> = t.blocks[0].insts.iter().map(|i| matches!(i.kind, InstKind::Call { f: RtFn::SliceNew, .. })).collect();
        assert_eq!(made.iter().filter(|m| **m).count(), 1, "only the slice an object-mode subscript takes stays");
        let (v1, v2, v3) = (Value(1), Value(2), Value(3));
        assert_eq!(t.exits[0].entries[1].1, SnapValue::Slice { start: v1, stop: v2, step: v3 });
        assert_eq!(t.exits[1].entries[2].1, SnapValue::Slice { start: v1, stop: v2, step: v3 });
        assert_eq!(t.exits[1].entries[0].1, SnapValue::ObjAt(Value(5)));
        assert_eq!(t.exits[2].entries[0].1, SnapValue::ObjAt(Value(7)));
        pyjit_ir::verify(&t).unwrap();
    }
}
