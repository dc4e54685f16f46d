//! Type feedback for the recorder's switch on classes (the tracer's
//! `record/feedback.rs`): which classes of objects a LOAD_ATTR site met,
//! from the interpreter's inline cache and from the exits compiled code
//! took there for a class it had no path for.

use rustc_hash::{FxHashMap, FxHashSet};
use rustpython_vm::builtins::{PyCode, PyDict, PyType};
use rustpython_vm::bytecode::Instruction;
use rustpython_vm::{AsObject, Py, PyObjectRef};
use std::cell::RefCell;

/// Classes noted at one site at most; a site meeting more stays generic.
pub(crate) const MAX_SEEN: usize = 4;

thread_local! {
    /// Classes compiled code left for, by code object (address) and pc.
    static SEEN: RefCell<FxHashMap<(usize, u32), Vec<PyObjectRef>>> = RefCell::new(FxHashMap::default());
    /// Classes by version tag, as found among a module's globals.
    static BY_VERSION: RefCell<FxHashMap<u32, PyObjectRef>> = RefCell::new(FxHashMap::default());
    /// Operator, comparison and attribute sites (code address, pc) where
    /// compiled code met values of another type than it was recorded for
    /// (ints and floats both).
    static MIXED: RefCell<FxHashSet<(usize, u32)>> = RefCell::new(FxHashSet::default());
}

/// The key of the instruction at `pc` of `code` in the tables above.
fn site(code: &Py<PyCode>, pc: u32) -> (usize, u32) {
    (code as *const Py<PyCode> as usize, pc)
}

/// Notes that compiled code left at `pc` of `code` for a value of
/// another type than it was recorded for (an operand, an attribute): a
/// new recording takes the values there as objects. True the first time.
pub(crate) fn note_mixed(code: &Py<PyCode>, pc: u32) -> bool {
    MIXED.with(|m| m.borrow_mut().insert(site(code, pc)))
}

/// The classes noted at `pc` of `code`.
pub(crate) fn seen(code: &Py<PyCode>, pc: u32) -> Vec<PyObjectRef> {
    SEEN.with(|s| s.borrow().get(&site(code, pc)).cloned().unwrap_or_default())
}

/// What noting a class at a site came to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Noted {
    /// The site had not met it: a new recording gives it a path.
    New,
    /// Noted before, by another trace through the same code (a loop's
    /// own trace, and the trace of a loop calling it) after this one was
    /// recorded: a new recording gives it a path too.
    Known,
    /// Not noted: the site has met too many classes (or the exit had no
    /// object to note).
    No,
}

/// Notes that compiled code left at `pc` of `code` for an object of class
/// `class`.
pub(crate) fn note(code: &Py<PyCode>, pc: u32, class: &Py<PyType>) -> Noted {
    let key = site(code, pc);
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        let classes = s.entry(key).or_default();
        if classes.iter().any(|c| c.is(class)) {
            return Noted::Known;
        }
        if classes.len() >= MAX_SEEN {
            return Noted::No;
        }
        classes.push(class.to_owned().into());
        Noted::New
    })
}

/// Whether compiled code left at `pc` of `code` for a value of another
/// type than its recording took (`note_mixed`).
pub(crate) fn types_vary(code: &Py<PyCode>, pc: u32) -> bool {
    MIXED.with(|m| m.borrow().contains(&site(code, pc)))
}

/// The specialized form of the instruction at `pc` of `code` (past its
/// EXTENDED_ARG prefixes) and its index.
fn specialized(code: &Py<PyCode>, pc: u32) -> Option<(Instruction, usize)> {
    let units = &code.code.instructions;
    let mut i = pc as usize;
    while matches!(units.get(i)?.op, Instruction::ExtendedArg) {
        i += 1;
    }
    Some((units.get(i)?.op, i))
}

/// The type of both operands of the BINARY_OP or COMPARE_OP at `pc` of
/// `code`, as its specialized form says (two ints or two floats); None
/// where compiled code met others there (`note_mixed`).
pub(crate) fn operand_type(code: &Py<PyCode>, pc: u32) -> Option<pyjit_ir::Type> {
    use Instruction::*;
    if types_vary(code, pc) {
        return None;
    }
    match specialized(code, pc)?.0 {
        BinaryOpAddFloat | BinaryOpSubtractFloat | BinaryOpMultiplyFloat | CompareOpFloat => Some(pyjit_ir::Type::F64),
        BinaryOpAddInt | BinaryOpSubtractInt | BinaryOpMultiplyInt | CompareOpInt => Some(pyjit_ir::Type::I64),
        _ => None,
    }
}

/// Whether the BINARY_OP or COMPARE_OP at `pc` of `code` is specialized
/// for builtin operands (strs, ints, floats, lists, tuples).
pub(crate) fn builtin_operands(code: &Py<PyCode>, pc: u32) -> bool {
    use Instruction::*;
    specialized(code, pc).is_some_and(|(op, _)| {
        matches!(
            op,
            BinaryOpAddUnicode
                | BinaryOpInplaceAddUnicode
                | BinaryOpSubscrStrInt
                | BinaryOpSubscrListInt
                | BinaryOpSubscrTupleInt
                | BinaryOpSubscrListSlice
                | BinaryOpAddInt
                | BinaryOpAddFloat
                | BinaryOpSubtractInt
                | BinaryOpSubtractFloat
                | BinaryOpMultiplyInt
                | BinaryOpMultiplyFloat
                | CompareOpStr
                | CompareOpInt
                | CompareOpFloat
        )
    })
}

/// What the UNPACK_SEQUENCE, subscript or FOR_ITER at `pc` of `code` met
/// when the interpreter specialized it.
pub(crate) fn sequence_kind(code: &Py<PyCode>, pc: u32) -> Option<pyjit_tracer::record::SeqKind> {
    use Instruction::*;
    use pyjit_tracer::record::SeqKind;
    match specialized(code, pc)?.0 {
        UnpackSequenceTwoTuple | UnpackSequenceTuple | BinaryOpSubscrTupleInt | ForIterTuple => Some(SeqKind::Tuple),
        UnpackSequenceList | BinaryOpSubscrListInt | ForIterList => Some(SeqKind::List),
        _ => None,
    }
}

/// The class whose instances the specialized LOAD_ATTR at `pc` of `code`
/// expects (the type version in its inline cache), looked for among the
/// classes `globals` holds and their subclasses.
pub(crate) fn cached_class(code: &Py<PyCode>, pc: u32, globals: &Py<PyDict>) -> Option<PyObjectRef> {
    let units = &code.code.instructions;
    let (op, i) = specialized(code, pc)?;
    // The forms whose cache holds the receiver's type version (a class's
    // own attribute and a module's hold something else).
    if !matches!(
        op,
        Instruction::LoadAttrInstanceValue
            | Instruction::LoadAttrWithHint
            | Instruction::LoadAttrSlot
            | Instruction::LoadAttrProperty
            | Instruction::LoadAttrMethodWithValues
            | Instruction::LoadAttrMethodNoDict
            | Instruction::LoadAttrMethodLazyDict
            | Instruction::LoadAttrNondescriptorWithValues
            | Instruction::LoadAttrNondescriptorNoDict
    ) {
        return None;
    }
    // The version sits after the counter, in the units after the op's.
    if i + 3 >= units.len() {
        return None;
    }
    let version = units.read_cache_u32(i + 2);
    if version == 0 {
        return None;
    }
    let current = |c: &PyObjectRef| c.downcast_ref::<PyType>().is_some_and(|t| t.tp_version_tag.load(std::sync::atomic::Ordering::Acquire) == version);
    if let Some(c) = BY_VERSION.with(|m| m.borrow().get(&version).cloned())
        && current(&c)
    {
        return Some(c);
    }
    // Every class the module's globals hold, and their subclasses.
    let mut stack: Vec<PyObjectRef> = globals.into_iter().map(|(_, v)| v).filter(|v| v.downcast_ref::<PyType>().is_some()).collect();
    let mut visited = 0;
    BY_VERSION.with(|m| {
        let mut m = m.borrow_mut();
        while let Some(c) = stack.pop() {
            visited += 1;
            if visited > 10_000 {
                break;
            }
            let Some(t) = c.downcast_ref::<PyType>() else { continue };
            let v = t.tp_version_tag.load(std::sync::atomic::Ordering::Acquire);
            for sub in t.subclasses.read().iter() {
                if let Some(s) = sub.upgrade() {
                    stack.push(s);
                }
            }
            if v != 0 {
                m.insert(v, c.clone());
            }
        }
    });
    BY_VERSION.with(|m| m.borrow().get(&version).cloned()).filter(current)
}

/// Whether the straight-line code from `pc` of `code` has run: the first
/// instruction on it that the interpreter specializes tells (a specialized
/// form, or an adaptive counter moved from the value quickening gave it;
/// 0 where the code was never quickened, so never ran). None where no
/// such instruction comes before a jump or the end of the code.
pub(crate) fn executed(code: &Py<PyCode>, pc: u32) -> Option<bool> {
    use rustpython_vm::bytecode::ADAPTIVE_WARMUP_VALUE;
    let units = &code.code.instructions;
    let mut i = pc as usize;
    for _ in 0..32 {
        let op = units.get(i)?.op;
        let base = op.deoptimize();
        // The instructions whose every execution passes the adaptive
        // counter (not POP_JUMP_IF_*'s cache, nor the JIT's back-edges).
        let adaptive = matches!(
            base,
            Instruction::BinaryOp { .. }
                | Instruction::Call { .. }
                | Instruction::CallKw { .. }
                | Instruction::CompareOp { .. }
                | Instruction::ContainsOp { .. }
                | Instruction::ForIter { .. }
                | Instruction::LoadAttr { .. }
                | Instruction::LoadSuperAttr { .. }
                | Instruction::LoadGlobal { .. }
                | Instruction::StoreAttr { .. }
                | Instruction::StoreSubscr
                | Instruction::ToBool
                | Instruction::UnpackSequence { .. }
        );
        if adaptive {
            if std::mem::discriminant(&op) != std::mem::discriminant(&base) {
                return Some(true);
            }
            let counter = units.read_adaptive_counter(i + 1);
            return Some(counter != ADAPTIVE_WARMUP_VALUE && counter != 0);
        }
        if op.label_arg().is_some() || op.is_unconditional_jump() || op.is_scope_exit() {
            return None;
        }
        i += 1 + op.cache_entries();
    }
    None
}
