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
