//! Checks the invariants every pass and the code generator rely on.

use crate::*;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct VerifyError(pub String);

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid trace: {}", self.0)
    }
}

fn err<T>(msg: String) -> Result<T, VerifyError> {
    Err(VerifyError(msg))
}

/// Verifies: single definition of each value, definitions dominate uses,
/// operand and block-argument types, exits exist, inputs in the entry block.
pub fn verify(t: &Trace) -> Result<(), VerifyError> {
    if t.blocks.is_empty() {
        return err("no blocks".into());
    }
    // Where each value is defined: (block, position); params at position 0.
    let mut def: HashMap<Value, (usize, usize)> = HashMap::new();
    for (bi, b) in t.blocks.iter().enumerate() {
        for p in &b.params {
            if def.insert(*p, (bi, 0)).is_some() {
                return err(format!("{p} defined twice"));
            }
        }
        for (ii, inst) in b.insts.iter().enumerate() {
            if let Some(r) = inst.result
                && def.insert(r, (bi, ii + 1)).is_some()
            {
                return err(format!("{r} defined twice"));
            }
        }
    }
    if !t.blocks[0].params.is_empty() {
        return err("the entry block takes no parameters".into());
    }
    let doms = t.dominance();
    let dominates = |a: usize, b: usize| doms.dominates(a, b);
    let check_use = |v: Value, bi: usize, pos: usize| -> Result<(), VerifyError> {
        let Some(&(db, dp)) = def.get(&v) else {
            return err(format!("{v} used in b{bi} but never defined"));
        };
        if (v.0 as usize) >= t.types.len() {
            return err(format!("{v} has no type"));
        }
        let ok = if db == bi { dp < pos } else { dominates(db, bi) };
        if !ok {
            return err(format!("{v} used in b{bi} where its definition does not dominate"));
        }
        Ok(())
    };
    let check_exit = |e: ExitId| -> Result<(), VerifyError> {
        if (e.0 as usize) < t.exits.len() {
            Ok(())
        } else {
            err(format!("{e} does not exist"))
        }
    };
    let reachable = t.reachable();
    for (bi, b) in t.blocks.iter().enumerate() {
        if !reachable[bi] {
            continue;
        }
        for (ii, inst) in b.insts.iter().enumerate() {
            for u in inst.kind.uses() {
                check_use(u, bi, ii + 1)?;
            }
            if let Some(e) = inst.kind.exit() {
                check_exit(e)?;
            }
            check_types(t, inst).map_err(|m| VerifyError(format!("b{bi}: {m}")))?;
            if matches!(inst.kind, InstKind::Input { .. }) && bi != 0 {
                return err(format!("input outside the entry block (b{bi})"));
            }
        }
        let end = b.insts.len() + 1;
        for u in b.term.uses() {
            check_use(u, bi, end)?;
        }
        match &b.term {
            Terminator::Exit(e) => check_exit(*e)?,
            Terminator::Branch { cond, then, els } => {
                if t.ty(*cond) != Type::Bool {
                    return err(format!("b{bi}: branch on non-bool {cond}"));
                }
                check_call(t, then)?;
                check_call(t, els)?;
            }
            Terminator::Jump(c) => check_call(t, c)?,
        }
    }
    for (i, e) in t.exits.iter().enumerate() {
        for v in e.values() {
            if !def.contains_key(&v) {
                return err(format!("e{i} reads undefined {v}"));
            }
        }
    }
    Ok(())
}

fn check_call(t: &Trace, c: &BlockCall) -> Result<(), VerifyError> {
    let Some(target) = t.blocks.get(c.block.0 as usize) else {
        return err(format!("jump to missing {}", c.block));
    };
    if target.params.len() != c.args.len() {
        return err(format!(
            "{} takes {} arguments, given {}",
            c.block,
            target.params.len(),
            c.args.len()
        ));
    }
    for (p, a) in target.params.iter().zip(&c.args) {
        if t.ty(*p) != t.ty(*a) {
            return err(format!("{}: argument {a} is {}, parameter {p} is {}", c.block, t.ty(*a), t.ty(*p)));
        }
    }
    Ok(())
}

fn check_types(t: &Trace, inst: &Inst) -> Result<(), String> {
    use Type::*;
    let ty = |v: &Value| t.ty(*v);
    let res = inst.result.map(|r| t.ty(r));
    let want = |cond: bool, what: &str| if cond { Ok(()) } else { Err(format!("{what}: {inst:?}")) };
    match &inst.kind {
        InstKind::Const { .. } | InstKind::Input { .. } => want(res.is_some(), "no result"),
        InstKind::Unary { op, a } => match op {
            UnOp::IToF => want(ty(a) == I64 && res == Some(F64), "itof"),
            UnOp::BToI => want(ty(a) == Bool && res == Some(I64), "btoi"),
            UnOp::Truth => want(res == Some(Bool), "truth"),
            UnOp::BNot => want(ty(a) == Bool && res == Some(Bool), "bnot"),
            UnOp::FNeg | UnOp::FAbs | UnOp::RoundF32 => want(ty(a) == F64 && res == Some(F64), "float unary"),
            UnOp::WrapI32 | UnOp::WrapI8 | UnOp::WrapU8 => want(ty(a) == I64 && res == Some(I64), "int wrap"),
        },
        InstKind::Binary { op, a, b } => {
            if ty(a) != ty(b) {
                return Err(format!("operand types differ: {inst:?}"));
            }
            use BinOp::*;
            match op {
                IAddWrap | ISubWrap | IMulWrap | IAnd | IOr | IXor | IDivU32 | IRemU32 => {
                    want(ty(a) == I64 && res == Some(I64), "int op")
                }
                IAddOvf | ISubOvf | IMulOvf => want(ty(a) == I64 && res == Some(Bool), "int overflow test"),
                FAdd | FSub | FMul | FDiv => want(ty(a) == F64 && res == Some(F64), "float op"),
                BAnd | BOr | BXor => want(ty(a) == Bool && res == Some(Bool), "bool op"),
                Eq | Ne | Lt | Le | Gt | Ge => want(res == Some(Bool), "compare"),
            }
        }
        InstKind::CheckedUnary { op, a, .. } => match op {
            CheckedUnOp::INeg | CheckedUnOp::IAbs => want(ty(a) == I64 && res == Some(I64), "int unary"),
            _ => want(ty(a) == F64 && res == Some(I64), "float to int"),
        },
        InstKind::Checked { op, a, b, .. } => {
            use CheckedOp::*;
            match op {
                IAdd | ISub | IMul | IFloorDiv | IMod | IShl | IShr | IPow => {
                    want(ty(a) == I64 && ty(b) == I64 && res == Some(I64), "checked int op")
                }
                ITrueDiv => want(ty(a) == I64 && ty(b) == I64 && res == Some(F64), "int truediv"),
                FDiv | FFloorDiv | FMod | FPow => {
                    want(ty(a) == F64 && ty(b) == F64 && res == Some(F64), "checked float op")
                }
            }
        }
        InstKind::Math { f, args, .. } => want(
            args.len() == f.arity() && args.iter().all(|a| ty(a) == F64) && res == Some(F64),
            "math call",
        ),
        InstKind::Select { cond, a, b } => {
            want(ty(cond) == Bool && ty(a) == ty(b) && res == Some(ty(a)), "select")
        }
        InstKind::Guard { cond, .. } => want(ty(cond) == Bool && res.is_none(), "guard"),
        InstKind::Poll { every, .. } => want(res == Some(Bool) && *every >= 1, "poll"),
        InstKind::Call { f, args, .. } => want(
            args.len() == f.params().len()
                && args.iter().zip(f.params()).all(|(a, t)| ty(a) == t)
                && res == f.result(),
            "runtime call",
        ),
        InstKind::Load { mem, addr } => want(ty(addr) == I64 && res == Some(mem.value_type()), "load"),
        InstKind::Store { mem, addr, val } => {
            want(ty(addr) == I64 && ty(val) == mem.value_type() && res.is_none(), "store")
        }
        InstKind::CallSelf { args, slots, .. } => {
            want(args.len() == slots.len() && res.is_some(), "call_self arguments")?;
            // Every input of the callee is passed, with its type.
            let inputs: Vec<(u32, Type)> = t.blocks[0]
                .insts
                .iter()
                .filter_map(|i| match (i.kind.clone(), i.result) {
                    (InstKind::Input { slot }, Some(r)) => Some((slot, t.ty(r))),
                    _ => None,
                })
                .collect();
            for (slot, ity) in &inputs {
                let k = slots.iter().position(|s| s == slot);
                want(k.is_some_and(|k| ty(&args[k]) == *ity), "call_self must pass every input with its type")?;
            }
            want(slots.iter().all(|s| (*s as usize) < t.state_len()), "call_self slot beyond the state")?;
            for e in &t.returns {
                let last = t.exits.get(e.0 as usize).and_then(|x| x.values().last().copied());
                want(last.is_some_and(|v| Some(t.ty(v)) == res), "call_self result type differs from a return")?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// sum(range(n)) as a trace: entry → header(i, acc) → body → header.
    fn sum_loop() -> Trace {
        let mut t = Trace::new("sum");
        let e = t.entry_block();
        let n = t.push(e, Type::I64, InstKind::Input { slot: 0 });
        let zero = t.const_i64(e, 0);
        let h = t.new_block(&[Type::I64, Type::I64]);
        t.set_term(e, Terminator::Jump(BlockCall { block: h, args: vec![zero, zero] }));
        let (i, acc) = (t.block(h).params[0], t.block(h).params[1]);
        let body = t.new_block(&[]);
        let done = t.add_exit(Exit { pc: 10, entries: vec![(Place::Local(0), SnapValue::Val(acc))], stack_depth: 0, reason: "loop done".into() });
        let ovf = t.add_exit(Exit { pc: 5, entries: vec![(Place::Local(0), SnapValue::Val(acc))], stack_depth: 0, reason: "overflow".into() });
        let out = t.new_block(&[]);
        t.set_term(out, Terminator::Exit(done));
        let c = t.push(h, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: i, b: n });
        t.set_term(h, Terminator::Branch { cond: c, then: BlockCall { block: body, args: vec![] }, els: BlockCall { block: out, args: vec![] } });
        let acc2 = t.push(body, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: acc, b: i, exit: ovf });
        let one = t.const_i64(body, 1);
        let i2 = t.push(body, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: i, b: one });
        t.set_term(body, Terminator::Jump(BlockCall { block: h, args: vec![i2, acc2] }));
        t.num_inputs = 1;
        t
    }

    #[test]
    fn accepts_a_loop() {
        verify(&sum_loop()).unwrap();
    }

    #[test]
    fn rejects_wrong_argument_type() {
        let mut t = sum_loop();
        let e = t.entry();
        let f = t.const_f64(e, 1.0);
        if let Terminator::Jump(c) = &mut t.block_mut(e).term {
            c.args[0] = f;
        }
        assert!(verify(&t).unwrap_err().0.contains("argument"));
    }

    #[test]
    fn rejects_use_before_definition() {
        let mut t = sum_loop();
        // Use a body value in the header, which the body does not dominate.
        let body_val = t.block(Block(2)).insts[0].result.unwrap();
        t.block_mut(Block(1)).insts[0].kind = InstKind::Binary { op: BinOp::Lt, a: body_val, b: body_val };
        assert!(verify(&t).unwrap_err().0.contains("dominate"));
    }

    #[test]
    fn rejects_mixed_operand_types() {
        let mut t = sum_loop();
        let e = t.entry();
        let f = t.const_f64(e, 1.0);
        let i = t.const_i64(e, 1);
        t.push(e, Type::F64, InstKind::Binary { op: BinOp::FAdd, a: f, b: i });
        assert!(verify(&t).is_err());
    }

    #[test]
    fn rejects_missing_exit() {
        let mut t = sum_loop();
        t.set_term(Block(3), Terminator::Exit(ExitId(99)));
        assert!(verify(&t).unwrap_err().0.contains("e99"));
    }

    #[test]
    fn prints_text_form() {
        let text = sum_loop().to_string();
        assert!(text.contains("v5:i64 = iadd v3, v2 else e1"), "{text}");
        assert!(text.contains("br v4, b2(), b3()"), "{text}");
        assert!(text.contains("e0: pc=10 depth=0 \"loop done\" [local0=v3]"), "{text}");
    }
}
