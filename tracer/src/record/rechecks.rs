//! What a trace read at entry and Python code may change: after each
//! operation that may have run Python code (`Recorder::python_sites`), the
//! globals, module and class attributes the trace took as fixed are read
//! again and compared with what it holds, and the classes whose attributes
//! it relied on must keep their version tags. One that changed leaves for
//! the interpreter, which goes on with the new value (PyPy's tracer guards
//! the same reads with its quasi-immutable fields).

use super::recorder::{R, Recorder};
use super::world::{Src, Want};
use pyjit_ir::{BinOp, Block, ExitId, InstKind, MemTy, RtFn, Terminator, Type, Value, OBJ_BUILTINS_ONLY};

/// How an entry read is done again.
enum Reread {
    /// Entry `i` of a dict (a module's globals), its key checked.
    Entry { dict: u64, name: u64, i: usize },
    /// A dict's item looked up by hashing.
    Lookup { dict: u64, name: u64 },
    /// An attribute of a module or class (`objects::entry_attr`).
    Attr { obj: u64, name: u64 },
    /// A class's version tag (u32, at the layout's offset).
    Version { class: u64, tag: u32 },
}

/// What the value read again must be.
enum Same {
    /// A number of this type, equal to the input it was unboxed into.
    Num(Type, Value),
    /// The object at this address (a constant or the input holding it).
    Addr(Value),
    /// Nothing to compare (`Reread::Version` compares itself).
    Tag,
}

impl Recorder<'_, '_> {
    /// Once recording has ended: the rechecks at each Python site, of
    /// numbers, None, objects known by identity and instances, lists and
    /// dicts (by address). Those globals the loop assigns are stored before
    /// such operations and read back after them (`object_mode`). Not read
    /// again: a tuple taken apart at entry, complex numbers, numpy values.
    pub(super) fn recheck_entry_reads(&mut self) -> R<()> {
        if self.python_sites.is_empty() || self.layout.is_none() {
            return Ok(());
        }
        let e = self.t.entry();
        let tag_at = self.layout.and_then(|l| l.type_version);
        let mut reads: Vec<(Reread, Same)> = Vec::new();
        for c in self.checks.clone() {
            let reread = match c.src {
                Src::Name(i) | Src::GlobalIn { name: i, .. } => {
                    let dict = match c.src {
                        Src::GlobalIn { dict, .. } => Some(dict),
                        _ => self.world.globals_dict(),
                    };
                    let name = self.names[i as usize].clone();
                    if matches!(c.src, Src::Name(_)) && self.written_names.contains(&name) {
                        continue;
                    }
                    let (Some(dict), Some(name_addr)) = (dict, self.obj_name_addr(&name)) else { continue };
                    let Some(dict_addr) = self.world.obj_addr(dict) else { continue };
                    // Where its entry is: read there (its key checked), not
                    // looked up by hashing.
                    match self.layout.and_then(|l| l.dict).and_then(|_| self.world.dict_key_index(dict, &name)) {
                        Some(i) => Reread::Entry { dict: dict_addr, name: name_addr, i },
                        None => Reread::Lookup { dict: dict_addr, name: name_addr },
                    }
                }
                Src::Attr { obj, name } => {
                    let name = self.names[name as usize].clone();
                    let (Some(obj), Some(name)) = (self.world.obj_addr(obj), self.obj_name_addr(&name)) else { continue };
                    Reread::Attr { obj, name }
                }
                Src::Object(class) => match (c.want, self.world.obj_addr(class), tag_at) {
                    (Want::Version(tag), Some(class), Some(_)) => Reread::Version { class, tag },
                    _ => continue,
                },
                _ => continue,
            };
            let input = c.input.and_then(|slot| self.input_value(slot));
            let same = match (c.want, input) {
                (Want::Version(_), _) => Same::Tag,
                (Want::Int, Some(v)) => Same::Num(Type::I64, v),
                (Want::Float, Some(v)) => Same::Num(Type::F64, v),
                (Want::Bool, Some(v)) => Same::Num(Type::Bool, v),
                (Want::Is(id), _) => {
                    let Some(addr) = self.world.obj_addr(id) else { continue };
                    Same::Addr(self.t.const_i64(e, addr as i64))
                }
                // The object's address is the check's first input.
                (Want::Instance { .. } | Want::List | Want::Dict | Want::Any, Some(v)) => Same::Addr(v),
                _ => continue,
            };
            reads.push((reread, same));
        }
        if reads.is_empty() {
            return Ok(());
        }
        if reads.iter().any(|r| matches!(r.0, Reread::Entry { .. })) {
            // Dicts read without their lock: while no other thread runs.
            self.reads_lists = true;
        }
        let mut sites = std::mem::take(&mut self.python_sites);
        // Later sites of a block first, so earlier indices stay good.
        sites.sort_by_key(|s| (s.0.0, std::cmp::Reverse(s.1)));
        for (blk, at, exit) in sites {
            let scratch = self.t.new_block(&[]);
            for (reread, same) in &reads {
                self.recheck(scratch, reread, same, exit);
            }
            let insts = std::mem::take(&mut self.t.block_mut(scratch).insts);
            self.t.set_term(scratch, Terminator::Exit(exit));
            let target = &mut self.t.block_mut(blk).insts;
            let tail = target.split_off(at);
            target.extend(insts);
            target.extend(tail);
        }
        Ok(())
    }

    /// One read done again in block `b`, leaving by `exit` where it differs.
    fn recheck(&mut self, b: Block, reread: &Reread, same: &Same, exit: ExitId) {
        let e = self.t.entry();
        let c = |r: &mut Self, v: u64| r.t.const_i64(e, v as i64);
        let now = match *reread {
            Reread::Entry { dict, name, i } => {
                let (dict, name) = (c(self, dict), c(self, name));
                self.dict_entry(b, dict, i, name, exit)
            }
            Reread::Lookup { dict, name } => {
                let args = vec![c(self, dict), c(self, name), c(self, OBJ_BUILTINS_ONLY)];
                self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ObjSubscr, args, exit: Some(exit) })
            }
            Reread::Attr { obj, name } => {
                let args = vec![c(self, obj), c(self, name), c(self, OBJ_BUILTINS_ONLY)];
                self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ObjAttr, args, exit: Some(exit) })
            }
            Reread::Version { class, tag } => {
                let off = self.layout.and_then(|l| l.type_version).expect("rechecked only with the tag's offset");
                let at = c(self, class.wrapping_add(off as u64));
                let now = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I32, addr: at });
                // An I32 load sign-extends.
                let want = self.t.const_i64(e, tag as i32 as i64);
                let same = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: now, b: want });
                self.t.push_guard(b, same, true, exit);
                return;
            }
        };
        let same = match *same {
            Same::Num(ty, was) => {
                let v = self.unbox(b, now, ty, exit);
                self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: v, b: was })
            }
            Same::Addr(was) => self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: now, b: was }),
            Same::Tag => unreachable!("a version tag compares itself"),
        };
        self.t.push_guard(b, same, true, exit);
    }

    /// The value of entry `i` of the dict at `dict`, its key checked to be
    /// the str at `key` (else `exit`).
    fn dict_entry(&mut self, b: Block, dict: Value, i: usize, key: Value, exit: ExitId) -> Value {
        let d = self.layout.and_then(|l| l.dict).expect("a dict layout");
        let at = self.offset(b, dict, d.entries_len);
        let n = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
        let idx = self.t.const_i64(b, i as i64);
        let inside = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: idx, b: n });
        self.t.push_guard(b, inside, true, exit);
        let at = self.offset(b, dict, d.entries);
        let entries = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
        let at = self.offset(b, entries, i as i64 * d.stride + d.key);
        let k = self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at });
        let same = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: k, b: key });
        self.t.push_guard(b, same, true, exit);
        let at = self.entry_value(b, entries, i);
        self.t.push(b, Type::I64, InstKind::Load { mem: MemTy::I64, addr: at })
    }

    /// The address of the str `name` (an interned one).
    fn obj_name_addr(&mut self, name: &str) -> Option<u64> {
        self.world.name_obj(name).and_then(|id| self.world.obj_addr(id))
    }

    /// The entry block's value of input `slot`.
    fn input_value(&self, slot: u32) -> Option<Value> {
        self.t.block(self.t.entry()).insts.iter().find_map(|i| match i.kind {
            InstKind::Input { slot: s } if s == slot => i.result,
            _ => None,
        })
    }
}
