//! Loop versioning for bounded accumulators.
//!
//! `for i in range(n): s += f(i)` keeps an overflow check on `s` every
//! iteration, and that exit stops LLVM from vectorizing the loop. When the
//! loop counts (a header test `idx < len`, `idx` stepping by one, `len`
//! fixed) and every iteration adds to `s` a value whose range is known
//! (`range.rs`) to lie in [lo, hi], then after k <= T = len - idx
//! iterations `s` lies between `s0 + T*min(lo, 0)` and `s0 + T*max(hi, 0)`.
//! If those two bounds fit in i64 at loop entry, no add in the remaining
//! iterations can overflow. So the loop is cloned: the copy adds without
//! checks and is entered when the bounds fit (tested once, before the
//! loop); otherwise the original, checked loop runs. Exits of the copy are
//! copies of the original's, so a side exit in either resumes identically.
//!
//! Array bounds checks are versioned the same way. The tracer checks an
//! index `i` as `j = i < 0 ? i + n : i; guard 0 <= j < n`; when `i` is
//! affine in the loop's counter (`base + idx*step + k`, with base, step
//! and n fixed in the loop) it is monotone over the remaining iterations,
//! so checking its first and last values once at entry covers them all.
//! The copy drops the guard and uses `i` itself (it is never negative
//! there): the inner loop of an array kernel keeps no exits.
//!
//! Nor does the copy poll at its back-edge (`InstKind::Poll`, which would
//! keep LLVM from vectorizing it): it runs at most `CHUNK` iterations
//! past the test, then polls once and runs the test again, with the
//! accumulators' values then, or hands the rest to the original loop.

use crate::range::{Analysis, Range};
use pyjit_ir::*;
use std::collections::{HashMap, HashSet};

/// Regions with more blocks than this are not cloned (compile time).
const MAX_REGION_BLOCKS: usize = 64;

/// Iterations the copy runs between tests. The copy's back-edges do not
/// poll (a poll would keep LLVM from vectorizing it): after each chunk the
/// test runs again, polling first, so a signal is seen within one chunk.
/// The bounds are tested per chunk too, from the accumulators' values
/// then, so a sum that would overflow over the whole range still runs
/// unchecked for as long as it fits.
const CHUNK: i64 = 1 << 16;

struct Cfg {
    live: Vec<bool>,
    /// Edges into each block: (predecessor, arguments).
    incoming: Vec<Vec<(usize, Vec<Value>)>>,
    /// Block and position of each block parameter.
    param_of: HashMap<Value, (usize, usize)>,
    /// Defining block and instruction index of each instruction result.
    def_of: HashMap<Value, (usize, usize)>,
    copy_of: HashMap<Value, Value>,
}

impl Cfg {
    fn new(t: &Trace) -> Cfg {
        let live = t.reachable();
        let mut incoming = vec![Vec::new(); t.blocks.len()];
        let mut param_of = HashMap::new();
        let mut def_of = HashMap::new();
        for (bi, b) in t.blocks.iter().enumerate() {
            for (k, p) in b.params.iter().enumerate() {
                param_of.insert(*p, (bi, k));
            }
            for (ii, i) in b.insts.iter().enumerate() {
                if let Some(r) = i.result {
                    def_of.insert(r, (bi, ii));
                }
            }
            if live[bi] {
                let mut term = b.term.clone();
                for c in term.calls_mut() {
                    incoming[c.block.0 as usize].push((bi, c.args.clone()));
                }
            }
        }
        let copy_of = copies(t, &live, &incoming);
        Cfg { live, incoming, param_of, def_of, copy_of }
    }

    /// The value a block parameter copies, if every edge passes it the
    /// same value (or the parameter itself): the recorder's block structure
    /// forwards loop state through many such parameters.
    fn resolve(&self, mut v: Value) -> Value {
        while let Some(&r) = self.copy_of.get(&v) {
            v = r;
        }
        v
    }
}

/// Trivial block parameters, to a fixpoint (a parameter fed only by
/// itself and one other value is that value, also around loops).
fn copies(t: &Trace, live: &[bool], incoming: &[Vec<(usize, Vec<Value>)>]) -> HashMap<Value, Value> {
    let mut copy_of: HashMap<Value, Value> = HashMap::new();
    let find = |m: &HashMap<Value, Value>, mut v: Value| {
        while let Some(&r) = m.get(&v) {
            v = r;
        }
        v
    };
    loop {
        let mut changed = false;
        for (bi, b) in t.blocks.iter().enumerate() {
            if !live[bi] || bi == 0 {
                continue;
            }
            for (k, p) in b.params.iter().enumerate() {
                if copy_of.contains_key(p) {
                    continue;
                }
                let mut same: Option<Value> = None;
                let mut trivial = true;
                for (_, args) in &incoming[bi] {
                    let a = find(&copy_of, args[k]);
                    if a == *p || same == Some(a) {
                        continue;
                    }
                    if same.is_some() {
                        trivial = false;
                        break;
                    }
                    same = Some(a);
                }
                if let (true, Some(v)) = (trivial, same) {
                    copy_of.insert(*p, v);
                    changed = true;
                }
            }
        }
        if !changed {
            return copy_of;
        }
    }
}

/// `(x, y)` when `v` is `x + y` (checked or wrapping).
fn add_operands(t: &Trace, cfg: &Cfg, v: Value) -> Option<(Value, Value, (usize, usize))> {
    let &(b, i) = cfg.def_of.get(&v)?;
    match t.blocks[b].insts[i].kind {
        InstKind::Checked { op: CheckedOp::IAdd, a, b: y, .. } | InstKind::Binary { op: BinOp::IAddWrap, a, b: y } => {
            Some((a, y, (b, i)))
        }
        _ => None,
    }
}

struct Accumulator {
    param: usize,
    /// Range of what one iteration adds (0 included for paths that add
    /// nothing).
    step: Range,
    /// The checked adds to make wrapping in the copy.
    adds: Vec<(usize, usize)>,
}

/// An index `base + idx*step + k` whose bounds guard the copy drops.
struct BoundsCheck {
    /// Loop-invariant values (`None`: 0 for base, no idx term for step).
    base: Option<Value>,
    step: Option<Value>,
    k: i64,
    /// The dimension's length (loop-invariant).
    n: Value,
    /// The guard, and the select that maps a negative index from the end.
    guard: (usize, usize),
    select: Option<(usize, usize)>,
    /// The index as computed in the loop (what the select becomes).
    index: Value,
    /// The checked add or subtract of a constant that makes the index
    /// (`j + 1`): the entry test shows it cannot overflow, so the copy
    /// wraps.
    offset_op: Option<(usize, usize)>,
}

/// A Python `x // c` or `x % c` (`c` a constant in [1, 2**32)) whose `x`
/// is affine in the counter: when its first and last values lie in
/// [0, 2**32), every value does, and the copy divides in 32 bits (LLVM
/// vectorizes that; a 64-bit division by a constant it cannot).
struct Narrow {
    at: (usize, usize),
    base: Option<Value>,
    step: Option<Value>,
    k: i64,
}

struct Plan {
    header: usize,
    /// The blocks the header dominates, copied as a whole.
    body: Vec<usize>,
    /// The one edge into the loop from outside: (block, args).
    enter: (usize, Vec<Value>),
    idx: usize,
    /// `len`: a header parameter (carried unchanged) or an outside value.
    len: Result<usize, Value>,
    accs: Vec<Accumulator>,
    checks: Vec<BoundsCheck>,
    narrows: Vec<Narrow>,
}

/// `(base, step, k)`; a step of `Some(idx)` (the counter) means one.
type Affine = (Option<Value>, Option<Value>, i64);

/// `v` as `base + idx*step + k` over the loop `body` (a natural loop whose
/// counter is `idx`); `inv` says whether a value is loop-invariant.

fn affine(t: &Trace, cfg: &Cfg, idx: Value, v: Value, inv: &dyn Fn(Value) -> bool) -> Option<Affine> {
    let v = cfg.resolve(v);
    if v == idx {
        // `idx*1`, marked by the counter itself as the step.
        return Some((None, Some(idx), 0));
    }
    if inv(v) {
        return Some((Some(v), None, 0));
    }
    let &(b, i) = cfg.def_of.get(&v)?;
    let konst = |x: Value| t.const_bits(x).map(|c| c as i64);
    let mul_idx = |x: Value| -> Option<Value> {
        let &(b, i) = cfg.def_of.get(&cfg.resolve(x))?;
        match t.blocks[b].insts[i].kind {
            InstKind::Binary { op: BinOp::IMulWrap, a, b: s } if cfg.resolve(a) == idx && inv(cfg.resolve(s)) => Some(cfg.resolve(s)),
            InstKind::Binary { op: BinOp::IMulWrap, a: s, b: a } if cfg.resolve(a) == idx && inv(cfg.resolve(s)) => Some(cfg.resolve(s)),
            _ => None,
        }
    };
    match t.blocks[b].insts[i].kind {
        InstKind::Binary { op: BinOp::IAddWrap, a, b: y } | InstKind::Checked { op: CheckedOp::IAdd, a, b: y, .. } => {
            if let Some(c) = konst(y) {
                let (base, step, k) = affine(t, cfg, idx, a, inv)?;
                return Some((base, step, k.checked_add(c)?));
            }
            if let Some(c) = konst(a) {
                let (base, step, k) = affine(t, cfg, idx, y, inv)?;
                return Some((base, step, k.checked_add(c)?));
            }
            // base + idx*step (or base + idx), either way round.
            for (x, z) in [(a, y), (y, a)] {
                if !inv(cfg.resolve(x)) {
                    continue;
                }
                if cfg.resolve(z) == idx {
                    return Some((Some(cfg.resolve(x)), Some(idx), 0));
                }
                if let Some(s) = mul_idx(z) {
                    return Some((Some(cfg.resolve(x)), Some(s), 0));
                }
            }
            None
        }
        InstKind::Binary { op: BinOp::ISubWrap, a, b: y } | InstKind::Checked { op: CheckedOp::ISub, a, b: y, .. } => {
            let c = konst(y)?;
            let (base, step, k) = affine(t, cfg, idx, a, inv)?;
            Some((base, step, k.checked_sub(c)?))
        }
        _ => None,
    }
}

/// The tracer's bounds check of an index, from its guard: the index `i`,
/// the length `n`, and the select (when `i` may be negative).
fn bounds_guard(t: &Trace, cfg: &Cfg, cond: Value) -> Option<(Value, Value, Option<(usize, usize)>)> {
    let def = |v: Value| cfg.def_of.get(&v).map(|&(b, i)| (&t.blocks[b].insts[i].kind, (b, i)));
    let zero = |v: Value| t.const_bits(v) == Some(0);
    let (InstKind::Binary { op: BinOp::BAnd, a: ge, b: lt }, _) = def(cond)? else { return None };
    let (&InstKind::Binary { op: BinOp::Ge, a: j, b: z }, _) = def(*ge)? else { return None };
    let (&InstKind::Binary { op: BinOp::Lt, a: j2, b: n }, _) = def(*lt)? else { return None };
    if j != j2 || !zero(z) {
        return None;
    }
    match def(j) {
        Some((&InstKind::Select { cond: neg, a: from_end, b: i }, at)) => {
            let (&InstKind::Binary { op: BinOp::Lt, a: i2, b: z2 }, _) = def(neg)? else { return None };
            let (&InstKind::Binary { op: BinOp::IAddWrap, a: i3, b: n2 }, _) = def(from_end)? else { return None };
            (i2 == i && i3 == i && n2 == n && zero(z2)).then_some((i, n, Some(at)))
        }
        _ => Some((j, n, None)),
    }
}

fn plan(t: &Trace, cfg: &Cfg, ranges: &Analysis<'_>, h: usize, dominates: &dyn Fn(usize, usize) -> bool) -> Option<Plan> {
    let back: Vec<usize> = cfg.incoming[h].iter().map(|(p, _)| *p).filter(|p| dominates(h, *p)).collect();
    if back.is_empty() {
        return None;
    }
    // The natural loop: the header and every block reaching a back edge
    // without passing through it.
    let mut body: HashSet<usize> = HashSet::from([h]);
    let mut work = back.clone();
    while let Some(b) = work.pop() {
        if body.insert(b) {
            work.extend(cfg.incoming[b].iter().map(|(p, _)| *p));
        }
    }
    let entering: Vec<&(usize, Vec<Value>)> = cfg.incoming[h].iter().filter(|(p, _)| !body.contains(p)).collect();
    let [enter] = entering[..] else { return None };
    let backs: Vec<&Vec<Value>> = cfg.incoming[h].iter().filter(|(p, _)| body.contains(p)).map(|(_, a)| a).collect();
    let params = &t.blocks[h].params;

    // The header tests `idx < len` and stays in the loop when it holds.
    let Terminator::Branch { cond, then, els } = &t.blocks[h].term else { return None };
    if !body.contains(&(then.block.0 as usize)) || body.contains(&(els.block.0 as usize)) {
        return None;
    }
    let &(cb, ci) = cfg.def_of.get(cond)?;
    if cb != h {
        return None;
    }
    let (idx_v, len_v) = match t.blocks[cb].insts[ci].kind {
        InstKind::Binary { op: BinOp::Lt, a, b } => (a, b),
        InstKind::Binary { op: BinOp::Gt, a, b } => (b, a),
        _ => return None,
    };
    let idx = params.iter().position(|p| *p == idx_v)?;
    let len = match params.iter().position(|p| *p == len_v) {
        Some(k) => {
            if !backs.iter().all(|a| cfg.resolve(a[k]) == cfg.resolve(len_v)) {
                return None;
            }
            Ok(k)
        }
        None => {
            // Defined outside the loop.
            let def_block = cfg.def_of.get(&len_v).map(|d| d.0).or(cfg.param_of.get(&len_v).map(|d| d.0))?;
            if body.contains(&def_block) {
                return None;
            }
            Err(len_v)
        }
    };
    // idx steps by exactly one on every back edge.
    for a in &backs {
        let (x, y, _) = add_operands(t, cfg, cfg.resolve(a[idx]))?;
        let ok = (cfg.resolve(x) == idx_v && t.const_bits(y) == Some(1))
            || (cfg.resolve(y) == idx_v && t.const_bits(x) == Some(1));
        if !ok {
            return None;
        }
    }

    let mut accs = Vec::new();
    'params: for (k, p) in params.iter().enumerate() {
        if k == idx || Ok(k) == len || t.ty(*p) != Type::I64 {
            continue;
        }
        let mut step: Option<Range> = None;
        let mut adds = Vec::new();
        for a in &backs {
            let v = cfg.resolve(a[k]);
            let r = if v == cfg.resolve(*p) {
                Range { lo: 0, hi: 0 }
            } else {
                let Some((x, y, at)) = add_operands(t, cfg, v) else { continue 'params };
                let other = if cfg.resolve(x) == *p {
                    y
                } else if cfg.resolve(y) == *p {
                    x
                } else {
                    continue 'params;
                };
                if !body.contains(&at.0) {
                    continue 'params;
                }
                if matches!(t.blocks[at.0].insts[at.1].kind, InstKind::Checked { .. }) {
                    adds.push(at);
                }
                ranges.get(other)
            };
            step = Some(step.map_or(r, |s: Range| Range { lo: s.lo.min(r.lo), hi: s.hi.max(r.hi) }));
        }
        // A step range too wide to bound anything would only make the test
        // fail; such a sum keeps its checks.
        let step = step?;
        if !adds.is_empty() && step.lo >= -(1 << 40) && step.hi <= 1 << 40 {
            adds.sort_unstable();
            adds.dedup();
            accs.push(Accumulator { param: k, step, adds });
        }
    }
    // Bounds checks of indices affine in idx, with the guard in the loop.
    let defined_in_loop = |v: Value| {
        let b = cfg.def_of.get(&v).map(|d| d.0).or(cfg.param_of.get(&v).map(|d| d.0));
        b.is_some_and(|b| body.contains(&b))
    };
    let inv = |v: Value| -> bool {
        let v = cfg.resolve(v);
        if !defined_in_loop(v) {
            return true;
        }
        // A header parameter every back edge passes unchanged.
        params.iter().position(|p| *p == v).is_some_and(|k| k != idx && backs.iter().all(|a| cfg.resolve(a[k]) == v))
    };
    let mut checks = Vec::new();
    for &b in &body {
        for (ii, inst) in t.blocks[b].insts.iter().enumerate() {
            let InstKind::Guard { cond, expect: true, .. } = inst.kind else { continue };
            let Some((i, n, select)) = bounds_guard(t, cfg, cond) else { continue };
            if !inv(n) {
                continue;
            }
            let Some((base, step, k)) = affine(t, cfg, idx_v, i, &inv) else { continue };
            // `i` made by a checked add or subtract (`j + 1`): the test
            // computes that same sum, overflow-checked, at both ends, so
            // the copy needs no check.
            let offset_op = cfg.def_of.get(&cfg.resolve(i)).copied().filter(|&(db, di)| {
                body.contains(&db)
                    && matches!(t.blocks[db].insts[di].kind, InstKind::Checked { op: CheckedOp::IAdd | CheckedOp::ISub, .. })
            });
            checks.push(BoundsCheck { base, step, k, n: cfg.resolve(n), guard: (b, ii), select, index: i, offset_op });
        }
    }
    let mut narrows = Vec::new();
    for &b in &body {
        for (ii, inst) in t.blocks[b].insts.iter().enumerate() {
            let InstKind::Checked { op: CheckedOp::IFloorDiv | CheckedOp::IMod, a, b: c, .. } = inst.kind else { continue };
            if !t.const_bits(c).is_some_and(|c| (1..=u32::MAX as i64).contains(&(c as i64))) {
                continue;
            }
            if let Some((base, step, k)) = affine(t, cfg, idx_v, a, &inv) {
                narrows.push(Narrow { at: (b, ii), base, step, k });
            }
        }
    }
    if accs.is_empty() && checks.is_empty() && narrows.is_empty() {
        return None;
    }

    // What gets copied: every block the header dominates (the loop and
    // the exits after it). Nothing outside that region can read its values
    // (SSA dominance), so the two copies need no merging.
    let region: Vec<usize> = (0..t.blocks.len()).filter(|&b| cfg.live[b] && dominates(h, b)).collect();
    if region.len() > MAX_REGION_BLOCKS {
        return None;
    }
    let body = region;
    Some(Plan { header: h, body, enter: enter.clone(), idx, len, accs, checks, narrows })
}

/// Clones the loop and puts the bounds test on the entering edge.
fn apply(t: &mut Trace, p: &Plan) {
    let h = p.header;
    // Block and value maps for the copy.
    let mut bmap: HashMap<usize, Block> = HashMap::new();
    let mut vmap: HashMap<Value, Value> = HashMap::new();
    for &b in &p.body {
        let tys: Vec<Type> = t.blocks[b].params.iter().map(|v| t.ty(*v)).collect();
        let nb = t.new_block(&tys);
        for (old, new) in t.blocks[b].params.clone().into_iter().zip(t.block(nb).params.clone()) {
            vmap.insert(old, new);
        }
        bmap.insert(b, nb);
    }
    for &b in &p.body {
        for i in &t.blocks[b].insts.clone() {
            if let Some(r) = i.result {
                let nv = t.new_value(t.ty(r));
                vmap.insert(r, nv);
            }
        }
    }
    let m = |vmap: &HashMap<Value, Value>, v: Value| *vmap.get(&v).unwrap_or(&v);
    let unchecked: HashSet<(usize, usize)> =
        p.accs.iter().flat_map(|a| a.adds.iter().copied()).chain(p.checks.iter().filter_map(|c| c.offset_op)).collect();
    let dropped: HashSet<(usize, usize)> = p.checks.iter().map(|c| c.guard).collect();
    let narrowed: HashSet<(usize, usize)> = p.narrows.iter().map(|n| n.at).collect();
    let in_bounds: HashMap<(usize, usize), Value> =
        p.checks.iter().filter_map(|c| c.select.map(|s| (s, c.index))).collect();
    let latches: HashSet<usize> =
        p.body.iter().copied().filter(|&b| t.blocks[b].term.successors().contains(&Block(h as u32))).collect();
    // The polls at the loop's own back-edges (`alone` if any is).
    let mut polls: Option<bool> = None;
    let mut emap: HashMap<ExitId, ExitId> = HashMap::new();
    let mut copy_exit = |t: &mut Trace, vmap: &HashMap<Value, Value>, e: ExitId| -> ExitId {
        if let Some(n) = emap.get(&e) {
            return *n;
        }
        let mut x = t.exits[e.0 as usize].clone();
        for (_, sv) in &mut x.entries {
            for v in sv.values_mut() {
                *v = m(vmap, *v);
            }
        }
        let n = t.add_exit(x);
        // A copy of a function's return exit returns too.
        if t.returns.contains(&e) {
            t.returns.push(n);
        }
        emap.insert(e, n);
        n
    };
    for &b in &p.body {
        let nb = bmap[&b];
        let insts = t.blocks[b].insts.clone();
        let mut out = Vec::with_capacity(insts.len());
        for (ii, i) in insts.into_iter().enumerate() {
            if dropped.contains(&(b, ii)) {
                continue;
            }
            let mut kind = i.kind.clone();
            if let InstKind::Poll { alone, .. } = kind
                && latches.contains(&b)
            {
                // Polled between chunks instead.
                polls = Some(polls.unwrap_or(false) || alone);
                kind = InstKind::Const { bits: 0 };
            }
            if let Some(index) = in_bounds.get(&(b, ii)) {
                // Never negative in the copy: the index itself.
                let InstKind::Select { cond, .. } = kind else { unreachable!() };
                kind = InstKind::Select { cond, a: *index, b: *index };
            }
            for u in kind.uses_mut() {
                *u = m(&vmap, *u);
            }
            if unchecked.contains(&(b, ii))
                && let InstKind::Checked { op, a, b: y, .. } = kind
            {
                let op = if op == CheckedOp::ISub { BinOp::ISubWrap } else { BinOp::IAddWrap };
                kind = InstKind::Binary { op, a, b: y };
            }
            if narrowed.contains(&(b, ii))
                && let InstKind::Checked { op, a, b: y, .. } = kind
            {
                let op = if op == CheckedOp::IMod { BinOp::IRemU32 } else { BinOp::IDivU32 };
                kind = InstKind::Binary { op, a, b: y };
            }
            match &mut kind {
                InstKind::CheckedUnary { exit, .. }
                | InstKind::Checked { exit, .. }
                | InstKind::Guard { exit, .. }
                | InstKind::CallSelf { exit, .. } => *exit = copy_exit(t, &vmap, *exit),
                InstKind::Math { exit: Some(exit), .. } | InstKind::Call { exit: Some(exit), .. } => {
                    *exit = copy_exit(t, &vmap, *exit)
                }
                _ => {}
            }
            out.push(Inst { result: i.result.map(|r| vmap[&r]), kind });
        }
        let mut term = t.blocks[b].term.clone();
        match &mut term {
            Terminator::Exit(e) => *e = copy_exit(t, &vmap, *e),
            Terminator::Branch { cond, .. } => *cond = m(&vmap, *cond),
            Terminator::Jump(_) => {}
        }
        for c in term.calls_mut() {
            if let Some(nb) = bmap.get(&(c.block.0 as usize)) {
                c.block = *nb;
            }
            for a in &mut c.args {
                *a = m(&vmap, *a);
            }
        }
        t.block_mut(nb).insts = out;
        t.set_term(nb, term);
    }

    // The loop over chunks: its header `head` takes the loop's state and
    // where the chunk ends, and goes on into the copy, a loop nested in it
    // (so LLVM still computes the copy's trip count, unrolls and
    // vectorizes it). The test runs on the entering edge, from the values
    // entering (which LLVM can fold, or hoist out of an enclosing loop),
    // and again after each chunk, from the loop's state then.
    let (pre, enter_args) = (&p.enter.0, &p.enter.1);
    let ch = bmap[&h];
    let mut head_types: Vec<Type> = t.blocks[h].params.iter().map(|v| t.ty(*v)).collect();
    let n = head_types.len();
    head_types.push(Type::I64);
    let head = t.new_block(&head_types);
    let hparams = t.blocks[head.0 as usize].params.clone();
    let lim = hparams[n];
    t.set_term(head, Terminator::Jump(BlockCall { block: ch, args: hparams[..n].to_vec() }));
    let v = t.new_block(&[]);
    test(t, p, v, enter_args, head);
    let mut term = t.blocks[*pre].term.clone();
    for c in term.calls_mut() {
        if c.block.0 as usize == h {
            *c = BlockCall { block: v, args: vec![] };
        }
    }
    t.set_term(Block(*pre as u32), term);
    let again = t.new_block(&head_types[..n]);
    let again_args = t.blocks[again.0 as usize].params.clone();
    test(t, p, again, &again_args, head);

    // The copy's header stays in the loop while idx < lim. Past that, `r`
    // leaves the loop as before when idx >= len; at the end of a chunk `q`
    // polls, and runs the test again, or hands the rest to the original
    // loop (the interpreter has work waiting: the original's back-edge
    // leaves). Only `ch` jumps to `r`, and only `r` to `q`: both see its
    // values.
    let cparams = t.blocks[ch.0 as usize].params.clone();
    let in_chunk = t.push(ch, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: cparams[p.idx], b: lim });
    let (r, q) = (t.new_block(&[]), t.new_block(&[]));
    let Terminator::Branch { cond, els, .. } = &mut t.block_mut(ch).term else { unreachable!("the header branches") };
    *cond = in_chunk;
    let done = std::mem::replace(els, BlockCall { block: r, args: vec![] });
    let len_c = match p.len {
        Ok(k) => cparams[k],
        Err(v) => v,
    };
    let more = t.push(r, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: cparams[p.idx], b: len_c });
    t.set_term(r, Terminator::Branch { cond: more, then: BlockCall { block: q, args: vec![] }, els: done });
    let retest = BlockCall { block: again, args: cparams.clone() };
    match polls {
        Some(alone) => {
            // Read at every chunk's end, not counted down.
            let leave = t.push(q, Type::Bool, InstKind::Poll { alone, every: 1 });
            let slow = BlockCall { block: Block(h as u32), args: cparams };
            t.set_term(q, Terminator::Branch { cond: leave, then: slow, els: retest });
        }
        None => t.set_term(q, Terminator::Jump(retest)),
    }
}

/// The versioning test, in block `v`, for the loop state `args`: when no
/// check of the copy can fail in the next chunk (at most `CHUNK`
/// iterations), on to `head` with the state and where the chunk ends;
/// else to the original loop.
fn test(t: &mut Trace, p: &Plan, v: Block, args: &[Value], head: Block) {
    let h = p.header;
    let idx0 = args[p.idx];
    let len0 = match p.len {
        Ok(k) => args[k],
        Err(v) => v,
    };
    let bin = |t: &mut Trace, ty: Type, op: BinOp, a: Value, b: Value| t.push(v, ty, InstKind::Binary { op, a, b });
    let d = bin(t, Type::I64, BinOp::ISubWrap, len0, idx0);
    let mut bad = bin(t, Type::Bool, BinOp::ISubOvf, len0, idx0);
    let zero = t.const_i64(v, 0);
    let neg = bin(t, Type::Bool, BinOp::Lt, d, zero);
    let trips = t.push(v, Type::I64, InstKind::Select { cond: neg, a: zero, b: d });
    let cap = t.const_i64(v, CHUNK);
    let big = bin(t, Type::Bool, BinOp::Gt, trips, cap);
    let trips = t.push(v, Type::I64, InstKind::Select { cond: big, a: cap, b: trips });
    // No overflow: idx0 + trips is at most len0 (or `bad` is set).
    let lim = bin(t, Type::I64, BinOp::IAddWrap, idx0, trips);
    for acc in &p.accs {
        let s0 = args[acc.param];
        // Ranges of i64 values lie within i64.
        for bound in [acc.step.lo.min(0) as i64, acc.step.hi.max(0) as i64] {
            let c = t.const_i64(v, bound);
            let total = bin(t, Type::I64, BinOp::IMulWrap, trips, c);
            let o1 = bin(t, Type::Bool, BinOp::IMulOvf, trips, c);
            let o2 = bin(t, Type::Bool, BinOp::IAddOvf, s0, total);
            let o = bin(t, Type::Bool, BinOp::BOr, o1, o2);
            bad = bin(t, Type::Bool, BinOp::BOr, bad, o);
        }
    }
    let idx_param = t.blocks[h].params[p.idx];
    let one = t.const_i64(v, 1);
    let last = bin(t, Type::I64, BinOp::ISubWrap, lim, one);
    // Each bounds-checked index must lie in [0, n), each narrowed dividend
    // in [0, 2**32): tested at the first and the last iteration (affine,
    // so monotone in between).
    let top = t.const_i64(v, 1i64 << 32);
    let affines = p.checks.iter().map(|c| (c.base, c.step, c.k, c.n)).chain(p.narrows.iter().map(|nw| (nw.base, nw.step, nw.k, top)));
    for (base, step, k, n) in affines.collect::<Vec<_>>() {
        let points: &[Value] = if step.is_some() { &[idx0, last] } else { &[idx0] };
        for &at in points {
            let mut x = match step {
                Some(s) if s == idx_param => at,
                Some(s) => {
                    let o = bin(t, Type::Bool, BinOp::IMulOvf, at, s);
                    bad = bin(t, Type::Bool, BinOp::BOr, bad, o);
                    bin(t, Type::I64, BinOp::IMulWrap, at, s)
                }
                None => zero,
            };
            let kc = t.const_i64(v, k);
            for y in base.into_iter().chain([kc]) {
                let o = bin(t, Type::Bool, BinOp::IAddOvf, x, y);
                bad = bin(t, Type::Bool, BinOp::BOr, bad, o);
                x = bin(t, Type::I64, BinOp::IAddWrap, x, y);
            }
            let below = bin(t, Type::Bool, BinOp::Lt, x, zero);
            let above = bin(t, Type::Bool, BinOp::Ge, x, n);
            let out = bin(t, Type::Bool, BinOp::BOr, below, above);
            bad = bin(t, Type::Bool, BinOp::BOr, bad, out);
        }
    }
    let mut fast_args = args.to_vec();
    fast_args.push(lim);
    let fast = BlockCall { block: head, args: fast_args };
    let slow = BlockCall { block: Block(h as u32), args: args.to_vec() };
    t.set_term(v, Terminator::Branch { cond: bad, then: slow, els: fast });
}

/// Versions every counted loop with a bounded accumulator (outermost
/// first is not needed: a cloned loop is not considered again). Returns
/// how many loops were versioned.
pub fn run(t: &mut Trace) -> usize {
    let cfg = Cfg::new(t);
    let doms = t.dominance();
    let dominates = |a: usize, b: usize| doms.dominates(a, b);
    let plans: Vec<Plan> = {
        let ranges = Analysis::run(t);
        (0..t.blocks.len())
            .filter(|&h| cfg.live[h])
            .filter_map(|h| plan(t, &cfg, &ranges, h, &dominates))
            .collect()
    };
    // Nested candidates would be cloned twice over: keep loops disjoint,
    // inner loops first (that is where the time goes).
    let mut plans = plans;
    plans.sort_by_key(|p| p.body.len());
    let mut taken: HashSet<usize> = HashSet::new();
    let mut n = 0;
    for p in &plans {
        if p.body.iter().any(|b| taken.contains(b)) || taken.contains(&p.enter.0) {
            continue;
        }
        taken.extend(p.body.iter().copied());
        taken.insert(p.enter.0);
        apply(t, p);
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::exit;


    /// `while idx < len: s += (idx % 1000) * 3 + 1; if idx == skip:
    /// continue; t += idx; idx += 1` in the tracer's shape: the loop
    /// state as header parameters, len carried unchanged.
    fn counted_loop() -> Trace {
        let mut t = Trace::new("t");
        let e = t.entry_block();
        let len0 = t.push(e, Type::I64, InstKind::Input { slot: 0 });
        let idx0 = t.push(e, Type::I64, InstKind::Input { slot: 1 });
        let s0 = t.push(e, Type::I64, InstKind::Input { slot: 2 });
        let u0 = t.push(e, Type::I64, InstKind::Input { slot: 3 });
        let h = t.new_block(&[Type::I64, Type::I64, Type::I64, Type::I64]);
        let [len, idx, s, u] = t.block(h).params[..] else { unreachable!() };
        t.set_term(e, Terminator::Jump(BlockCall { block: h, args: vec![len0, idx0, s0, u0] }));
        let body = t.new_block(&[]);
        let add_u = t.new_block(&[Type::I64]);
        let latch = t.new_block(&[Type::I64, Type::I64]);
        let done = t.new_block(&[]);
        let c = t.push(h, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: idx, b: len });
        t.set_term(h, Terminator::Branch {
            cond: c,
            then: BlockCall { block: body, args: vec![] },
            els: BlockCall { block: done, args: vec![] },
        });
        let x = exit(&mut t, &[idx, s, u]);
        let k = t.const_i64(body, 1000);
        let md = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IMod, a: idx, b: k, exit: x });
        let three = t.const_i64(body, 3);
        let p = t.push(body, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: md, b: three });
        let one = t.const_i64(body, 1);
        let q = t.push(body, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: p, b: one });
        let x2 = exit(&mut t, &[idx, s, u]);
        let s2 = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: s, b: q, exit: x2 });
        let seven = t.const_i64(body, 7);
        let skip = t.push(body, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: md, b: seven });
        t.set_term(body, Terminator::Branch {
            cond: skip,
            then: BlockCall { block: latch, args: vec![s2, u] },
            els: BlockCall { block: add_u, args: vec![s2] },
        });
        let s3 = t.block(add_u).params[0];
        let x3 = exit(&mut t, &[idx, s3, u]);
        let u2 = t.push(add_u, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: u, b: idx, exit: x3 });
        t.set_term(add_u, Terminator::Jump(BlockCall { block: latch, args: vec![s3, u2] }));
        let [s4, u4] = t.block(latch).params[..] else { unreachable!() };
        let one2 = t.const_i64(latch, 1);
        let i2 = t.push(latch, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: idx, b: one2 });
        t.set_term(latch, Terminator::Jump(BlockCall { block: h, args: vec![len, i2, s4, u4] }));
        let out = exit(&mut t, &[idx, s, u]);
        t.set_term(done, Terminator::Exit(out));
        t.num_inputs = 4;
        t
    }

    #[test]
    fn versioned_loop_agrees_with_the_interpreter() {
        let t0 = counted_loop();
        let mut t1 = t0.clone();
        assert_eq!(run(&mut t1), 1);
        for (len, idx, s, u) in [
            (100i64, 0i64, 0i64, 0i64),
            (100, 90, 5, -3),
            (100, 200, 5, 0),
            (50, 0, i64::MAX - 10_000, 0),
            (50, 0, i64::MAX - 100, 0),
            (50, 0, i64::MIN, 0),
            (50, -20, i64::MIN + 10, 0),
            (i64::MIN + 30, i64::MIN, 0, 0),
            (i64::MAX, i64::MAX - 40, i64::MAX - 200_000, 0),
            (30, 0, 0, i64::MAX - 100),
            // Several chunks; the sum fits for the first ones only.
            (300_000, 0, 0, 0),
            (300_000, 5, i64::MAX - 2998 * 100_000, 0),
        ] {
            let mut a = vec![len as u64, idx as u64, s as u64, u as u64];
            let mut b = a.clone();
            let ea = interp::run(&t0, &mut a, 10_000_000).unwrap();
            let eb = interp::run(&t1, &mut b, 10_000_000).unwrap();
            // The copy leaves through copies of the exits: same place, same
            // snapshot.
            let (xa, xb) = (&t0.exits[ea as usize], &t1.exits[eb as usize]);
            assert_eq!((xa.pc, &xa.reason, &a), (xb.pc, &xb.reason, &b), "len={len} idx={idx} s={s} u={u}");
            assert_eq!(xa.entries.len(), xb.entries.len());
        }
    }

    /// `while idx < len: s += idx % 7` with a poll at the back-edge, as
    /// the recorder makes it.
    const POLLED: &str = "trace t inputs=3
b0():
  v0:i64 = input 0
  v1:i64 = input 1
  v2:i64 = input 2
  jump b1(v0, v1, v2)
b1(v3:i64, v4:i64, v5:i64):
  v6:bool = lt v4, v3
  br v6, b2(), b3()
b2():
  v7:i64 = const 7
  v8:i64 = imod v4, v7 else e0
  v9:i64 = iadd v5, v8 else e1
  v10:i64 = const 1
  v11:i64 = iaddwrap v4, v10
  v12:bool = poll every 128
  guard v12 == false else e2
  jump b1(v3, v11, v9)
b3():
  exit e3
e0: pc=0 depth=0 \"\" [local0=v4, local1=v5]
e1: pc=1 depth=0 \"\" [local0=v4, local1=v5]
e2: pc=2 depth=0 \"\" [local0=v11, local1=v9]
e3: pc=3 depth=0 \"\" [local0=v4, local1=v5]
";

    #[test]
    fn the_copy_polls_between_chunks() {
        use std::sync::atomic::{AtomicU8, AtomicUsize};
        let t0 = pyjit_ir::parse(POLLED).unwrap();
        let mut t1 = t0.clone();
        assert_eq!(run(&mut t1), 1);
        let pending = AtomicU8::new(0);
        let threads = AtomicUsize::new(0);
        let mut table = RuntimeTable::new();
        table.set_poll(PollWords { pending: pending.as_ptr() as usize, mask: 0xff, threads: threads.as_ptr() as usize });
        // Nothing waiting: the whole range, as the original computes it.
        let (mut a, mut b) = (vec![200_000u64, 0, 0], vec![200_000u64, 0, 0]);
        let ea = interp::run_with(&t0, &mut a, 10_000_000, &table).unwrap();
        let eb = interp::run_with(&t1, &mut b, 10_000_000, &table).unwrap();
        assert_eq!((t0.exits[ea as usize].pc, &a), (t1.exits[eb as usize].pc, &b));
        assert_eq!(t0.exits[ea as usize].pc, 3);
        // A signal waiting: the original leaves at its 128th back-edge, the
        // copy at the end of its first chunk, plus the 128 iterations the
        // original loop then runs before its back-edge's poll reads.
        pending.store(1, std::sync::atomic::Ordering::Relaxed);
        let n = POLL_EVERY as u64;
        let mut a = vec![1u64 << 40, 0, 0];
        let e = interp::run_with(&t0, &mut a, 10_000_000, &table).unwrap();
        assert_eq!((t0.exits[e as usize].pc, a[0]), (2, n));
        let mut b = vec![1u64 << 40, 0, 0];
        let e = interp::run_with(&t1, &mut b, 10_000_000, &table).unwrap();
        assert_eq!((t1.exits[e as usize].pc, b[0]), (2, CHUNK as u64 + n));
    }

    /// `while idx < len: s += a[idx + k]` as the tracer checks the index:
    /// inputs len, idx, s (f64), data address, n (the array's length), k.
    fn array_loop() -> Trace {
        let mut t = Trace::new("a");
        let e = t.entry_block();
        let ins: Vec<Value> = [Type::I64, Type::I64, Type::F64, Type::I64, Type::I64, Type::I64]
            .iter()
            .enumerate()
            .map(|(k, ty)| t.push(e, *ty, InstKind::Input { slot: k as u32 }))
            .collect();
        let (len0, idx0, s0, data, n, k) = (ins[0], ins[1], ins[2], ins[3], ins[4], ins[5]);
        t.num_inputs = 6;
        let h = t.new_block(&[Type::I64, Type::I64, Type::F64]);
        let [len, idx, s] = t.block(h).params[..] else { unreachable!() };
        t.set_term(e, Terminator::Jump(BlockCall { block: h, args: vec![len0, idx0, s0] }));
        let body = t.new_block(&[]);
        let done = t.new_block(&[]);
        let c = t.push(h, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: idx, b: len });
        t.set_term(h, Terminator::Branch {
            cond: c,
            then: BlockCall { block: body, args: vec![] },
            els: BlockCall { block: done, args: vec![] },
        });
        let x = t.add_exit(Exit {
            pc: 7,
            entries: vec![(Place::Local(0), SnapValue::Val(idx)), (Place::Local(1), SnapValue::Np(s))],
            stack_depth: 0,
            reason: "index out of bounds".into(),
        });
        let bin = |t: &mut Trace, ty, op, a, b| t.push(body, ty, InstKind::Binary { op, a, b });
        let i = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: idx, b: k, exit: x });
        let zero = t.const_i64(body, 0);
        let neg = bin(&mut t, Type::Bool, BinOp::Lt, i, zero);
        let from_end = bin(&mut t, Type::I64, BinOp::IAddWrap, i, n);
        let j = t.push(body, Type::I64, InstKind::Select { cond: neg, a: from_end, b: i });
        let ge = bin(&mut t, Type::Bool, BinOp::Ge, j, zero);
        let lt = bin(&mut t, Type::Bool, BinOp::Lt, j, n);
        let ok = bin(&mut t, Type::Bool, BinOp::BAnd, ge, lt);
        t.push_guard(body, ok, true, x);
        let eight = t.const_i64(body, 8);
        let off = bin(&mut t, Type::I64, BinOp::IMulWrap, j, eight);
        let addr = bin(&mut t, Type::I64, BinOp::IAddWrap, data, off);
        let v = t.push(body, Type::F64, InstKind::Load { mem: MemTy::F64, addr });
        let s2 = bin(&mut t, Type::F64, BinOp::FAdd, s, v);
        let one = t.const_i64(body, 1);
        let i2 = bin(&mut t, Type::I64, BinOp::IAddWrap, idx, one);
        t.set_term(body, Terminator::Jump(BlockCall { block: h, args: vec![len, i2, s2] }));
        let out = exit(&mut t, &[idx]);
        t.set_term(done, Terminator::Exit(out));
        verify(&t).unwrap();
        t
    }

    /// That the copy has neither the guard nor the checked `idx + k`:
    /// tests/filetests/version_array_bounds_checks.trace. Here: that it
    /// computes what the original does, in bounds and out.
    #[test]
    fn bounds_checked_copy_agrees_with_the_interpreter() {
        let t0 = array_loop();
        let mut t1 = t0.clone();
        assert_eq!(run(&mut t1), 1, "{t1}");
        verify(&t1).unwrap_or_else(|e| panic!("{e}\n{t1}"));
        let a: Vec<f64> = (0..10).map(|x| x as f64 + 0.5).collect();
        let base = a.as_ptr() as u64;
        for (len, idx, k) in [(10i64, 0i64, 0i64), (9, 0, 1), (10, 0, 1), (10, 3, -3), (10, 2, -3), (5, 0, -10), (0, 0, 99), (10, 0, i64::MAX)] {
            let st = vec![len as u64, idx as u64, 0f64.to_bits(), base, 10, k as u64];
            let (mut x, mut y) = (st.clone(), st);
            let ex = interp::run(&t0, &mut x, 1_000_000).unwrap();
            let ey = interp::run(&t1, &mut y, 1_000_000).unwrap();
            let (xa, xb) = (&t0.exits[ex as usize], &t1.exits[ey as usize]);
            assert_eq!((xa.pc, &xa.reason, &x), (xb.pc, &xb.reason, &y), "len={len} idx={idx} k={k}");
        }
    }
}
