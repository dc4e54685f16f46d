//! What a trace read at entry and Python code may change: the globals,
//! module attributes and class attributes it took as fixed, and the classes
//! whose methods and layouts it relied on. The VM counts every write to a
//! watched dict (the recorder watches the globals, builtins and module
//! dicts it reads) and every change to a class with a version tag; after
//! each operation that may have run Python code (`Recorder::python_sites`)
//! compiled code compares that count with the one read just before the
//! operation, and leaves for the interpreter where it moved (the
//! interpreter goes on with the new values; the next entry checks them).
//! One load and compare per site, however many globals the trace read:
//! PyPy's quasi-immutable fields and CPython's dict watchers do the same.

use super::recorder::{PythonSite, R, Recorder, abort};
use super::world::{Src, Want};
use pyjit_ir::{BinOp, Block, ExitId, InstKind, MemTy, Terminator, Type, Value};

impl Recorder<'_, '_> {
    /// The VM's count of watched writes, read in block `b` before an
    /// operation that may change what it counts.
    pub(super) fn count_writes(&mut self, b: Block) -> Option<Value> {
        let l = self.layout?;
        let e = self.t.entry();
        let at = self.t.const_i64(e, l.watched_writes as i64);
        // Not work the loop does (`objects::weight` leaves it out).
        self.int_read_extra += 1;
        Some(self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at }))
    }

    /// Notes a Python site at instruction `at` of `block`, the count read
    /// before the operation in `writes_before`.
    pub(super) fn python_site(&mut self, block: Block, at: usize, exit: ExitId) {
        self.python_sites.push(PythonSite { block, at, exit, before: self.writes_before });
    }

    /// Once recording has ended: the count's compare at each Python site,
    /// where the trace read anything Python code could change. The globals
    /// the loop assigns itself are stored before such operations and read
    /// back after them (`object_mode`), and need none.
    pub(super) fn recheck_entry_reads(&mut self) -> R<()> {
        if self.python_sites.is_empty() {
            return Ok(());
        }
        let relies = self.checks.iter().any(|c| match c.src {
            Src::Name(i) => !self.written_names.contains(&self.names[i as usize]),
            Src::GlobalIn { .. } | Src::Attr { .. } => true,
            Src::Object(_) => matches!(c.want, Want::Version(_)),
            _ => false,
        });
        if !relies {
            return Ok(());
        }
        let Some(counter) = self.layout.map(|l| l.watched_writes) else {
            return abort(self.entry.header, "Python code in a trace that reads globals, without the count of their writes");
        };
        let e = self.t.entry();
        let counter = self.t.const_i64(e, counter as i64);
        let mut sites = std::mem::take(&mut self.python_sites);
        // Later sites of a block first, so earlier indices stay good.
        sites.sort_by_key(|s| (s.block.0, std::cmp::Reverse(s.at)));
        for site in sites {
            let Some(before) = site.before else {
                return abort(self.entry.header, "Python code in a trace without the count of writes before it");
            };
            // The compare is made in a block of its own, then moved into
            // the site's block at its place.
            let scratch = self.t.new_block(&[]);
            let now = self.t.push(scratch, Type::I64, InstKind::Load { mem: MemTy::I64, addr: counter });
            let same = self.t.push(scratch, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: now, b: before });
            self.t.push_guard(scratch, same, true, site.exit);
            let insts = std::mem::take(&mut self.t.block_mut(scratch).insts);
            self.t.set_term(scratch, Terminator::Exit(site.exit));
            let target = &mut self.t.block_mut(site.block).insts;
            let tail = target.split_off(site.at);
            target.extend(insts);
            target.extend(tail);
        }
        Ok(())
    }
}
