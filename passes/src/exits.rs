//! Exit sharing: guards that leave with the very same snapshot (same pc,
//! stack depth, reason and values, as the several checks of one bytecode
//! instruction do) take one exit. Each exit a trace references becomes a
//! block of stores into the state buffer, and traces of method-heavy code
//! reference hundreds: sharing them cuts the code LLVM has to compile.

use pyjit_ir::*;
use std::collections::HashMap;

pub fn run(t: &mut Trace) {
    let mut first: HashMap<String, ExitId> = HashMap::new();
    let map: Vec<ExitId> = t
        .exits
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let key = format!("{}|{}|{}|{:?}", e.pc, e.stack_depth, e.reason, e.entries);
            *first.entry(key).or_insert(ExitId(i as u32))
        })
        .collect();
    if map.iter().enumerate().all(|(i, e)| e.0 as usize == i) {
        return;
    }
    for blk in &mut t.blocks {
        for inst in &mut blk.insts {
            match &mut inst.kind {
                InstKind::CheckedUnary { exit, .. }
                | InstKind::Checked { exit, .. }
                | InstKind::Guard { exit, .. }
                | InstKind::CallSelf { exit, .. }
                | InstKind::Math { exit: Some(exit), .. }
                | InstKind::Call { exit: Some(exit), .. } => *exit = map[exit.0 as usize],
                _ => {}
            }
        }
        if let Terminator::Exit(e) = &mut blk.term {
            *e = map[e.0 as usize];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::exit;

    #[test]
    fn identical_exits_are_shared_and_others_kept() {
        let mut t = Trace::new("exits");
        let b0 = t.entry_block();
        let x = t.push(b0, Type::I64, InstKind::Input { slot: 0 });
        let y = t.push(b0, Type::I64, InstKind::Input { slot: 1 });
        let e0 = exit(&mut t, &[x]);
        // The same snapshot as e0 (same pc too), then one with other values.
        let e1 = t.add_exit(t.exits[e0.0 as usize].clone());
        let e2 = t.add_exit(Exit { pc: e0.0, entries: vec![(Place::Local(0), SnapValue::Val(y))], stack_depth: 0, reason: String::new() });
        let zero = t.const_i64(b0, 0);
        let c1 = t.push(b0, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: x, b: zero });
        t.push_guard(b0, c1, false, e0);
        let c2 = t.push(b0, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: y, b: zero });
        t.push_guard(b0, c2, false, e1);
        let s = t.push(b0, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: x, b: y, exit: e2 });
        let done = exit(&mut t, &[s]);
        t.set_term(b0, Terminator::Exit(done));
        verify(&t).unwrap();
        run(&mut t);
        verify(&t).unwrap();
        let exits: Vec<ExitId> = t.blocks[0].insts.iter().filter_map(|i| i.kind.exit()).collect();
        assert_eq!(exits, vec![e0, e0, e2]);
        assert_eq!(t.blocks[0].term, Terminator::Exit(done));
    }
}
