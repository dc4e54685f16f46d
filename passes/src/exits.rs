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
