//! Dead code elimination: instructions whose result nobody reads and that
//! cannot exit are removed. Exits read values too (their snapshots), so a
//! value needed only to rebuild the frame stays.

use pyjit_ir::{Trace, Value};
use std::collections::HashSet;

pub fn run(t: &mut Trace) {
    loop {
        let mut used: HashSet<Value> = HashSet::new();
        for b in &t.blocks {
            for i in &b.insts {
                used.extend(i.kind.uses());
            }
            used.extend(b.term.uses());
        }
        for e in &t.exits {
            used.extend(e.values());
        }
        let mut removed = false;
        for b in &mut t.blocks {
            let before = b.insts.len();
            b.insts.retain(|i| match i.result {
                Some(r) => used.contains(&r) || !i.kind.is_pure(),
                None => true,
            });
            removed |= b.insts.len() != before;
        }
        if !removed {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyjit_ir::*;

    #[test]
    fn removes_unused_pure_values_keeps_checked_ones() {
        let mut t = Trace::new("t");
        let e = t.entry_block();
        let a = t.push(e, Type::I64, InstKind::Input { slot: 0 });
        let unused = t.push(e, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a, b: a });
        let x = t.add_exit(Exit { pc: 0, entries: vec![], stack_depth: 0, reason: String::new() });
        let checked = t.push(e, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a, b: a, exit: x });
        t.set_term(e, Terminator::Exit(x));
        run(&mut t);
        let results: Vec<_> = t.block(e).insts.iter().filter_map(|i| i.result).collect();
        assert!(!results.contains(&unused));
        assert!(results.contains(&checked), "a checked op may exit: it stays");
        verify(&t).unwrap();
    }

    #[test]
    fn keeps_values_exits_need() {
        let mut t = Trace::new("t");
        let e = t.entry_block();
        let a = t.push(e, Type::F64, InstKind::Input { slot: 0 });
        let y = t.push(e, Type::F64, InstKind::Binary { op: BinOp::FMul, a, b: a });
        let x = t.add_exit(Exit { pc: 0, entries: vec![(Place::Local(0), SnapValue::Val(y))], stack_depth: 0, reason: String::new() });
        t.set_term(e, Terminator::Exit(x));
        run(&mut t);
        assert_eq!(t.block(e).insts.len(), 2);
    }
}
