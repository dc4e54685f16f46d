//! Dicts checked at entry: reads, writes and `in` through the runtime, and
//! `d.get`.

use super::recorder::{At, Flow, R, Recorder};
use super::state::{Av, State};
use pyjit_ir::{Block, BlockCall, Inst, InstKind, RtFn, Terminator, Type, Value};

impl Recorder<'_, '_> {
    /// LOAD_ATTR of dict `obj`: `d.get` (as a method), beside the dict.
    pub(super) fn load_dict_attr(&mut self, b: Block, st: &mut State, at: &At<'_>, name: u32, method: bool, obj: Av) -> R<Flow> {
        let &At { pc, code, pre, .. } = at;
        let attr = code.names.get(name as usize).map(String::as_str).unwrap_or_default();
        let m = (method && attr == "get").then(|| self.world.dict_method("get")).flatten();
        let Some(m) = m else {
            return self.leave(b, pc, pre, format!("dict attribute {attr}"));
        };
        self.dict_get = Some(m);
        st.stack.push(Av::Method(m));
        st.stack.push(obj);
        Ok(Flow::Next(b))
    }

    /// `d.get(...)` of dict `d`, `dict.get` at stack depth `base`.
    pub(super) fn call_dict_get(&mut self, b: Block, st: &mut State, at: &At<'_>, d: u32, base: usize) -> R<Flow> {
        let &At { pc, next, pre, .. } = at;
        // d.get(k, default): in the dict, its value, else the
        // default (of the values' type), on two paths.
        let args = st.stack[base + 2..].to_vec();
        let (key, default) = match args[..] {
            [k] => (k, Av::Obj(self.none_id())),
            [k, dflt] => (k, dflt),
            _ => return self.leave(b, pc, pre, "dict.get() with these arguments"),
        };
        let Some(found) = self.dict_call(b, d, "in", key, None, pc, pre)? else {
            return self.leave(b, pc, pre, "dict.get() of another key type");
        };
        let hit = self.t.new_block(&[]);
        let Some(v) = self.dict_call(hit, d, "get", key, None, pc, pre)? else {
            return self.leave(b, pc, pre, "dict.get() of another value type");
        };
        st.stack.truncate(base);
        let mut hit_st = st.clone();
        hit_st.stack.push(Av::V(v));
        st.stack.push(default);
        let to = self.edge(next, hit_st)?;
        self.t.set_term(hit, Terminator::Jump(to));
        let els = self.edge(next, std::mem::take(st))?;
        self.t.set_term(b, Terminator::Branch { cond: found, then: BlockCall { block: hit, args: vec![] }, els });
        Ok(Flow::Done)
    }

    /// `d[key]` ("get", a number of the type the dict's values were seen
    /// with; a missing key or another type exits), `d[key] = v` ("set") and
    /// `key in d` ("in"), through runtime calls; keys are numbers or str
    /// constants. None for other keys and values.
    pub(super) fn dict_call(&mut self, b: Block, d: u32, op: &str, key: Av, v: Option<Value>, pc: u32, pre: &State) -> R<Option<Value>> {
        let (obj, val, _) = self.dicts[d as usize];
        let (k, key_ty) = match key {
            // Not a float: the interpreter finds a nan key by identity,
            // which an unboxed value has lost.
            Av::V(k) if self.t.ty(k) != Type::F64 => (k, Some(self.t.ty(k))),
            Av::Obj(id) if self.world.str_value(id).is_some() => match self.world.obj_addr(id) {
                Some(addr) => (self.t.const_i64(b, addr as i64), None),
                None => return Ok(None),
            },
            _ => return Ok(None),
        };
        let exit = self.exit_here(pc, pre, "a dict key missing, or a value of another type");
        Ok(match (op, v) {
            ("set", Some(v)) => {
                let f = RtFn::DictSet { key: key_ty, val: self.t.ty(v) };
                self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f, args: vec![obj, k, v], exit: Some(exit) } });
                Some(v)
            }
            ("in", None) => Some(self.t.push(b, Type::Bool, InstKind::Call { f: RtFn::DictContains { key: key_ty }, args: vec![obj, k], exit: Some(exit) })),
            ("get", None) => match val {
                Some(val) => Some(self.t.push(b, val, InstKind::Call { f: RtFn::DictGet { key: key_ty, val }, args: vec![obj, k], exit: Some(exit) })),
                None => None,
            },
            _ => None,
        })
    }
}
