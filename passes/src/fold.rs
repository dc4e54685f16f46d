//! Constant folding of operations that cannot exit, with Python's meaning
//! (IEEE doubles, wrapping only where the IR says so), and of guards and
//! branches on known conditions.

use pyjit_ir::*;
use std::collections::HashMap;

fn eval(op: BinOp, ty: Type, a: u64, b: u64) -> Option<(Type, u64)> {
    use BinOp::*;
    let (ia, ib) = (a as i64, b as i64);
    let (fa, fb) = (f64::from_bits(a), f64::from_bits(b));
    let bool_ = |x: bool| Some((Type::Bool, x as u64));
    Some(match op {
        IAddWrap => (Type::I64, ia.wrapping_add(ib) as u64),
        ISubWrap => (Type::I64, ia.wrapping_sub(ib) as u64),
        IMulWrap => (Type::I64, ia.wrapping_mul(ib) as u64),
        IAddOvf => return bool_(ia.checked_add(ib).is_none()),
        ISubOvf => return bool_(ia.checked_sub(ib).is_none()),
        IMulOvf => return bool_(ia.checked_mul(ib).is_none()),
        IAnd => (Type::I64, a & b),
        IOr => (Type::I64, a | b),
        IXor => (Type::I64, a ^ b),
        IDivU32 => (Type::I64, ((a as u32) / (b as u32).max(1)) as u64),
        IRemU32 => (Type::I64, ((a as u32) % (b as u32).max(1)) as u64),
        FAdd => (Type::F64, (fa + fb).to_bits()),
        FSub => (Type::F64, (fa - fb).to_bits()),
        FMul => (Type::F64, (fa * fb).to_bits()),
        FDiv => (Type::F64, (fa / fb).to_bits()),
        BAnd => (Type::Bool, a & b),
        BOr => (Type::Bool, a | b),
        BXor => (Type::Bool, a ^ b),
        Eq | Ne | Lt | Le | Gt | Ge => {
            let ord = match ty {
                Type::F64 => fa.partial_cmp(&fb),
                Type::I64 => Some(ia.cmp(&ib)),
                Type::Bool => Some(a.cmp(&b)),
            };
            use std::cmp::Ordering::*;
            return bool_(match (op, ord) {
                (Ne, None) => true,
                (_, None) => false,
                (Eq, Some(o)) => o == Equal,
                (Ne, Some(o)) => o != Equal,
                (Lt, Some(o)) => o == Less,
                (Le, Some(o)) => o != Greater,
                (Gt, Some(o)) => o == Greater,
                (Ge, Some(o)) => o != Less,
                _ => unreachable!(),
            });
        }
    })
}

pub fn run(t: &mut Trace) {
    let mut consts: HashMap<Value, u64> = HashMap::new();
    // Blocks are created in order along the recording, so one sweep sees
    // most definitions before their uses; it is a local fold only.
    for bi in 0..t.blocks.len() {
        for ii in 0..t.blocks[bi].insts.len() {
            let inst = t.blocks[bi].insts[ii].clone();
            let folded = match &inst.kind {
                InstKind::Const { bits } => {
                    consts.insert(inst.result.unwrap(), *bits);
                    None
                }
                InstKind::Binary { op, a, b } => match (consts.get(a), consts.get(b)) {
                    (Some(x), Some(y)) => eval(*op, t.ty(*a), *x, *y).map(|(_, bits)| bits),
                    _ => None,
                },
                InstKind::Unary { op: UnOp::IToF, a } => consts.get(a).map(|x| (*x as i64 as f64).to_bits()),
                InstKind::Unary { op: UnOp::BToI, a } => consts.get(a).copied(),
                InstKind::Unary { op: UnOp::BNot, a } => consts.get(a).map(|x| (*x == 0) as u64),
                InstKind::Select { cond, a, b } => match consts.get(cond) {
                    Some(c) => {
                        let pick = if *c != 0 { *a } else { *b };
                        consts.get(&pick).copied()
                    }
                    None => None,
                },
                _ => None,
            };
            if let (Some(bits), Some(r)) = (folded, inst.result) {
                consts.insert(r, bits);
                t.blocks[bi].insts[ii].kind = InstKind::Const { bits };
            }
        }
        // A branch on a known condition becomes a jump.
        if let Terminator::Branch { cond, then, els } = &t.blocks[bi].term
            && let Some(c) = consts.get(cond)
        {
            let target = if *c != 0 { then.clone() } else { els.clone() };
            t.blocks[bi].term = Terminator::Jump(target);
        }
    }
}
