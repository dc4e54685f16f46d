//! RustPython bytecode → the tracer's `bytecode::Code`.
//!
//! Specialized instructions are normalised with `deoptimize`, EXTENDED_ARG
//! prefixes folded into the instruction they extend (whose index is the
//! prefix's, so an exit resumes at the right place), and cache units
//! skipped. Jump targets become absolute instruction indices.

use pyjit_tracer::bytecode::{BinKind, CmpKind, Code, Const, Instr, Op};
use rustpython_vm::builtins::{PyCode, PyFloat, PyInt};
use rustpython_vm::bytecode::{CodeFlags, Instruction};
use rustpython_vm::{AsObject, Py, PyObjectRef, VirtualMachine};

pub fn decode(code: &Py<PyCode>, vm: &VirtualMachine) -> Code {
    let co = &code.code;
    let units = &co.instructions;
    let mut instrs = Vec::new();
    let mut const_names = Vec::new();
    let mut const_tuples = Vec::new();
    let mut opaque = false;
    let mut i = 0usize;
    while i < units.len() {
        let start = i;
        let mut arg: u32 = 0;
        let mut op = units[i].op.deoptimize();
        while matches!(op, Instruction::ExtendedArg) && i + 1 < units.len() {
            arg = (arg << 8) | units[i].arg.as_u32();
            i += 1;
            op = units[i].op.deoptimize();
        }
        arg = (arg << 8) | units[i].arg.as_u32();
        let at = i as u32; // the op's own unit: jumps count from after it
        let caches = op.cache_entries() as u32;
        let next = at + 1 + caches;
        let fwd = next + arg;
        let back = next.wrapping_sub(arg);
        let binkind = |a: u32| -> Option<BinKind> {
            use BinKind::*;
            Some(match a {
                0 | 13 => Add,
                1 | 14 => And,
                2 | 15 => FloorDiv,
                3 | 16 => LShift,
                4 | 17 => MatMul,
                5 | 18 => Mul,
                6 | 19 => Mod,
                7 | 20 => Or,
                8 | 21 => Pow,
                9 | 22 => RShift,
                10 | 23 => Sub,
                11 | 24 => TrueDiv,
                12 | 25 => Xor,
                26 => Subscr,
                _ => return None,
            })
        };
        let other = |op: &Instruction| Op::Other(format!("{op:?}").split([' ', '{', '(']).next().unwrap_or("?").to_owned());
        let o = match op {
            Instruction::Nop | Instruction::NotTaken | Instruction::Cache | Instruction::Resume { .. } => Op::Nop,
            Instruction::LoadFast { .. } | Instruction::LoadFastBorrow { .. } | Instruction::LoadFastCheck { .. } => {
                Op::LoadFast(arg)
            }
            Instruction::LoadFastLoadFast { .. } | Instruction::LoadFastBorrowLoadFastBorrow { .. } => {
                Op::LoadFast2(arg >> 4, arg & 15)
            }
            Instruction::StoreFast { .. } => Op::StoreFast(arg),
            Instruction::StoreFastStoreFast { .. } => Op::StoreFast2(arg >> 4, arg & 15),
            Instruction::StoreFastLoadFast { .. } => Op::StoreFastLoadFast(arg >> 4, arg & 15),
            Instruction::LoadConst { .. } => {
                let obj: PyObjectRef = (*co.constants)[arg as usize].clone().into();
                match str_tuple(&obj) {
                    Some(names) => {
                        const_names.push(names);
                        Op::LoadConst(Const::Names(const_names.len() as u32 - 1))
                    }
                    None => Op::LoadConst(tuple_constant(obj, arg, &mut const_tuples, vm)),
                }
            }
            Instruction::LoadSmallInt { .. } => Op::LoadConst(Const::Int(arg as i32 as i64)),
            Instruction::LoadName { .. } => Op::LoadName(arg),
            Instruction::StoreName { .. } => Op::StoreName(arg),
            Instruction::LoadGlobal { .. } => Op::LoadGlobal { name: arg >> 1, push_null: arg & 1 == 1 },
            Instruction::StoreGlobal { .. } => Op::StoreGlobal(arg),
            Instruction::LoadAttr { .. } => Op::LoadAttr { name: arg >> 1, method: arg & 1 == 1 },
            Instruction::StoreAttr { .. } => Op::StoreAttr(arg),
            Instruction::LoadSuperAttr { .. } => Op::LoadSuperAttr { name: arg >> 2, method: arg & 1 == 1, two_args: arg & 2 == 2 },
            Instruction::BinaryOp { .. } => match binkind(arg) {
                Some(k) if (13..=25).contains(&arg) => Op::InplaceOp(k),
                Some(k) => Op::BinaryOp(k),
                None => other(&op),
            },
            Instruction::CompareOp { .. } => {
                let kind = match arg >> 5 {
                    0 => Some(CmpKind::Lt),
                    1 => Some(CmpKind::Le),
                    2 => Some(CmpKind::Eq),
                    3 => Some(CmpKind::Ne),
                    4 => Some(CmpKind::Gt),
                    5 => Some(CmpKind::Ge),
                    _ => None,
                };
                match kind {
                    Some(kind) => Op::CompareOp { kind, to_bool: arg & 16 != 0 },
                    None => other(&op),
                }
            }
            Instruction::IsOp { .. } => Op::IsOp { invert: arg == 1 },
            Instruction::UnaryNegative => Op::UnaryNegative,
            Instruction::UnaryNot => Op::UnaryNot,
            Instruction::UnaryInvert => Op::UnaryInvert,
            Instruction::ToBool => Op::ToBool,
            Instruction::PopJumpIfFalse { .. } => Op::PopJumpIf { target: fwd, when: false },
            Instruction::PopJumpIfTrue { .. } => Op::PopJumpIf { target: fwd, when: true },
            Instruction::PopJumpIfNone { .. } => Op::PopJumpIfNone { target: fwd, when_none: true },
            Instruction::PopJumpIfNotNone { .. } => Op::PopJumpIfNone { target: fwd, when_none: false },
            Instruction::JumpForward { .. } => Op::Jump(fwd),
            Instruction::JumpBackward { .. }
            | Instruction::JumpBackwardJit
            | Instruction::JumpBackwardNoJit
            | Instruction::JumpBackwardNoInterrupt { .. } => Op::Jump(back),
            Instruction::ForIter { .. } => {
                // The interpreter skips END_FOR when the iterator is done.
                let target = fwd;
                let skip = units
                    .get(target as usize)
                    .is_some_and(|u| matches!(u.op.deoptimize(), Instruction::EndFor));
                Op::ForIter { exhausted: if skip { target + 1 } else { target } }
            }
            Instruction::GetIter => Op::GetIter,
            Instruction::PopIter => Op::PopIter,
            Instruction::EndFor => Op::EndFor,
            Instruction::Call { .. } => Op::Call(arg),
            Instruction::CallKw { .. } => Op::CallKw(arg),
            Instruction::CopyFreeVars { .. } => Op::CopyFreeVars(arg),
            Instruction::LoadDeref { .. } => Op::LoadDeref(arg),
            Instruction::PushNull => Op::PushNull,
            Instruction::PopTop => Op::PopTop,
            Instruction::Copy { .. } => Op::Copy(arg),
            Instruction::Swap { .. } => Op::Swap(arg),
            Instruction::BuildTuple { .. } => Op::BuildTuple(arg),
            Instruction::BuildList { .. } => Op::BuildList(arg),
            Instruction::ListAppend { .. } => Op::ListAppend(arg),
            Instruction::LoadFastAndClear { .. } => Op::LoadFastAndClear(arg),
            Instruction::UnpackSequence { .. } => Op::UnpackSequence(arg),
            Instruction::RaiseVarargs { .. } if arg <= 2 => Op::Raise(arg),
            Instruction::FormatSimple => Op::FormatSimple,
            Instruction::FormatWithSpec => Op::FormatWithSpec,
            Instruction::ConvertValue { .. } => Op::ConvertValue(arg),
            Instruction::BuildString { .. } => Op::BuildString(arg),
            Instruction::LoadCommonConstant { .. } => Op::LoadCommonConstant(arg),
            Instruction::StoreSubscr => Op::StoreSubscr,
            Instruction::BuildSlice { .. } => Op::BuildSlice(arg),
            Instruction::ContainsOp { .. } => Op::ContainsOp { invert: arg == 1 },
            Instruction::BinarySlice => Op::BinarySlice,
            Instruction::StoreSlice => Op::StoreSlice,
            Instruction::ReturnValue => Op::ReturnValue,
            _ => {
                // A jump or a local access this decoder does not model:
                // liveness would miss it.
                let name = format!("{op:?}");
                if op.label_arg().is_some() || ["Fast", "Deref", "Cell", "Closure"].iter().any(|w| name.contains(w)) {
                    opaque = true;
                }
                other(&op)
            }
        };
        instrs.push(Instr { index: start as u32, next, op: o });
        i = next as usize;
    }
    if co.names.iter().any(|n| INTROSPECTION.contains(&n.as_str())) {
        opaque = true;
    }
    // Plain locals only: a cell's contents outlive its slot's stores.
    let dead_ok = if opaque {
        Vec::new()
    } else {
        co.varnames.iter().map(|n| !co.cellvars.iter().any(|c| c.as_str() == n.as_str())).collect()
    };
    Code {
        name: co.obj_name.to_string(),
        filename: co.source_path.to_string(),
        instrs,
        names: co.names.iter().map(|n| n.to_string()).collect(),
        // Every fast slot (locals, then cells and free variables), as
        // LOAD_FAST and friends index them.
        varnames: co
            .varnames
            .iter()
            .chain(co.cellvars.iter())
            .chain(co.freevars.iter())
            .map(|n| n.to_string())
            .chain(std::iter::repeat_with(|| "?".to_owned()))
            .take(co.localspluskinds.len().max(co.varnames.len()))
            .collect(),
        fast_locals: co.flags.contains(CodeFlags::OPTIMIZED),
        const_names,
        const_tuples,
        dead_ok,
        handlers: rustpython_vm::bytecode::decode_exception_table(&co.exceptiontable).iter().map(|e| (e.start, e.end, e.target)).collect(),
    }
}

/// Names whose use may read a frame's locals behind the bytecode's back.
const INTROSPECTION: [&str; 11] =
    ["locals", "vars", "eval", "exec", "dir", "_getframe", "currentframe", "f_locals", "breakpoint", "settrace", "setprofile"];

pub fn constant(obj: PyObjectRef, idx: u32, vm: &VirtualMachine) -> Const {
    let cls = obj.class();
    if cls.is(vm.ctx.types.bool_type) {
        return Const::Bool(obj.is(&vm.ctx.true_value));
    }
    if cls.is(vm.ctx.types.int_type) {
        if let Some(i) = obj.downcast_ref::<PyInt>().and_then(|i| i64::try_from(i.as_bigint()).ok()) {
            return Const::Int(i);
        }
        return Const::Other(idx);
    }
    if cls.is(vm.ctx.types.float_type) {
        return Const::Float(obj.downcast_ref::<PyFloat>().map(|f| f.to_f64()).unwrap_or(0.0));
    }
    if vm.is_none(&obj) {
        return Const::None;
    }
    if let Some(z) = obj.downcast_ref::<rustpython_vm::builtins::PyComplex>().filter(|_| cls.is(vm.ctx.types.complex_type)) {
        let z = z.as_complex();
        return Const::Complex(z.re, z.im);
    }
    Const::Other(idx)
}

/// `constant`, and a tuple of numbers, None and such tuples as
/// `Const::Tuple` (its items in `tuples`).
fn tuple_constant(obj: PyObjectRef, idx: u32, tuples: &mut Vec<Vec<Const>>, vm: &VirtualMachine) -> Const {
    if let Some(s) = obj.downcast_ref::<rustpython_vm::builtins::PySlice>() {
        let bound = |o: Option<&PyObjectRef>| match o.map(|o| constant(o.clone(), idx, vm)) {
            None => Some(Const::None),
            Some(c @ (Const::Int(_) | Const::None | Const::Bool(_))) => Some(c),
            Some(_) => None,
        };
        let parts = [bound(s.start.as_ref()), bound(Some(&s.stop)), bound(s.step.as_ref())];
        if let [Some(a), Some(b), Some(c)] = parts {
            tuples.push(vec![a, b, c]);
            return Const::Slice(tuples.len() as u32 - 1);
        }
        return Const::Other(idx);
    }
    let Some(t) = obj.downcast_ref::<rustpython_vm::builtins::PyTuple>().filter(|_| obj.class().is(vm.ctx.types.tuple_type)) else {
        return constant(obj, idx, vm);
    };
    let mut items = Vec::with_capacity(t.len());
    for item in t.iter() {
        match tuple_constant(item.clone(), idx, tuples, vm) {
            Const::Other(_) | Const::Names(_) | Const::Slice(_) => return Const::Other(idx),
            c => items.push(c),
        }
    }
    tuples.push(items);
    Const::Tuple(tuples.len() as u32 - 1)
}

/// The strs of a tuple of strs (a CALL_KW's keyword names).
fn str_tuple(obj: &PyObjectRef) -> Option<Vec<String>> {
    // `()` is a constant tuple like any other (no call has no keywords).
    let t = obj.downcast_ref::<rustpython_vm::builtins::PyTuple>().filter(|t| !t.is_empty())?;
    t.iter().map(|n| n.downcast_ref::<rustpython_vm::builtins::PyStr>()?.to_str().map(str::to_owned)).collect()
}
