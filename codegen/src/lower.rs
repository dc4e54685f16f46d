//! Trace IR → LLVM IR.
//!
//! The function is `i32 @name(ptr %state)`: inputs are loaded from the state
//! buffer in the entry block; each exit is one LLVM block whose phis collect
//! the exit's values from every place that takes it, stores them into
//! `state[0..n]` and returns the exit's number. Trace blocks become LLVM
//! blocks (in reverse post-order from the entry), block parameters phis.
//!
//! A trace with `CallSelf` gets a second, internal function for its
//! self-calls: `{i32, i64} @name.self(i32 depth, i64 in0, i64 in1, ...)`,
//! the same body with its inputs in registers (in the state encoding) and
//! no state buffer: a callee's non-return exits are never looked at (the
//! caller takes its own exit and the interpreter redoes the call), so it
//! returns only the exit number and, for a return exit, the result's bits.
//! `depth` counts the active self-calls (0 in `@name`): at
//! `MAX_SELF_CALL_DEPTH` the caller takes its exit without calling, so
//! RecursionError stays the interpreter's business. Registers instead of a
//! buffer make a recursive function like `fib` a plain native recursion.
//!
//! Types: i64 → `i64`, f64 → `double`, bool → `i1`. No fast-math flags are
//! ever set, and no `llvm.fmuladd`, so floating point is plain IEEE with no
//! contraction, as CPython computes it.

use crate::runtime;
use llvm_sys::LLVMIntPredicate::*;
use llvm_sys::LLVMRealPredicate::*;
use llvm_sys::core::*;
use llvm_sys::prelude::*;
use llvm_sys::{LLVMIntPredicate, LLVMRealPredicate};
use pyjit_ir::*;
use std::collections::HashMap;
use std::ffi::{CStr, CString};

mod poll;

const NONAME: &CStr = c"";

struct ExitBlock {
    bb: LLVMBasicBlockRef,
    phis: Vec<LLVMValueRef>,
}

struct Lower<'t> {
    t: &'t Trace,
    ctx: LLVMContextRef,
    module: LLVMModuleRef,
    b: LLVMBuilderRef,
    func: LLVMValueRef,
    state: LLVMValueRef,
    i1: LLVMTypeRef,
    i8: LLVMTypeRef,
    i32: LLVMTypeRef,
    i64: LLVMTypeRef,
    f64: LLVMTypeRef,
    /// LLVM value of each trace value, once emitted.
    vals: Vec<Option<LLVMValueRef>>,
    /// LLVM block of each reachable trace block.
    blocks: Vec<Option<LLVMBasicBlockRef>>,
    exits: Vec<Option<ExitBlock>>,
    /// Constants of the trace, by value (for strength reduction).
    consts: HashMap<Value, u64>,
    /// `a + b` (wrapping) by result: addresses are built so, base first.
    adds: HashMap<Value, (Value, Value)>,
    prologue: LLVMBasicBlockRef,
    out_i64: Option<LLVMValueRef>,
    out_f64: Option<LLVMValueRef>,
    fn_cache: HashMap<String, (LLVMTypeRef, LLVMValueRef)>,
    /// `@name.self` (type, function) when the trace calls itself, and
    /// this function's self-call depth (`i32`).
    self_fn: Option<(LLVMTypeRef, LLVMValueRef)>,
    depth: LLVMValueRef,
    /// Lowering the self-call variant: inputs are parameters 1.., exits
    /// return `{exit, result bits}` and store nothing.
    inner: bool,
    ret_ty: LLVMTypeRef,
    poll: PollWords,
    /// The target is x86-64 (polls are inline assembly there).
    x86_64: bool,
    /// The frame's poll countdown (an i32 alloca), once a poll needs it.
    ticks: Option<LLVMValueRef>,
}

/// Lowers `t` into a new module in `ctx` with one function, `name`. The
/// caller owns the module.
pub(crate) fn lower(
    t: &Trace,
    ctx: LLVMContextRef,
    name: &CStr,
    triple: &CStr,
    data_layout: &CStr,
    poll: PollWords,
) -> Result<LLVMModuleRef, String> {
    unsafe {
        let module = LLVMModuleCreateWithNameInContext(name.as_ptr(), ctx);
        LLVMSetTarget(module, triple.as_ptr());
        LLVMSetDataLayout(module, data_layout.as_ptr());
        let b = LLVMCreateBuilderInContext(ctx);
        let ptr = LLVMPointerTypeInContext(ctx, 0);
        let i32 = LLVMInt32TypeInContext(ctx);
        let i64 = LLVMInt64TypeInContext(ctx);
        let fnty = LLVMFunctionType(i32, [ptr].as_mut_ptr(), 1, 0);
        let func = LLVMAddFunction(module, name.as_ptr(), fnty);
        let state = LLVMGetParam(func, 0);
        LLVMSetValueName2(state, c"state".as_ptr(), 5);
        let calls_self =
            t.blocks.iter().any(|b| b.insts.iter().any(|i| matches!(i.kind, InstKind::CallSelf { .. })));
        let self_fn = calls_self.then(|| {
            let ret = LLVMStructTypeInContext(ctx, [i32, i64].as_mut_ptr(), 2, 0);
            let mut params = vec![i32];
            params.extend(std::iter::repeat_n(i64, input_count(t) as usize));
            let ty = LLVMFunctionType(ret, params.as_mut_ptr(), params.len() as u32, 0);
            let inner_name = cname(&format!("{}.self", name.to_string_lossy()));
            let f = LLVMAddFunction(module, inner_name.as_ptr(), ty);
            LLVMSetLinkage(f, llvm_sys::LLVMLinkage::LLVMInternalLinkage);
            (ty, f)
        });
        let mk = |func: LLVMValueRef, state: LLVMValueRef, inner: bool| Lower {
            t,
            ctx,
            module,
            b,
            func,
            state,
            i1: LLVMInt1TypeInContext(ctx),
            i8: LLVMInt8TypeInContext(ctx),
            i32,
            i64,
            f64: LLVMDoubleTypeInContext(ctx),

            vals: vec![None; t.types.len()],
            blocks: vec![None; t.blocks.len()],
            exits: (0..t.exits.len()).map(|_| None).collect(),
            consts: HashMap::new(),
            adds: HashMap::new(),
            prologue: std::ptr::null_mut(),
            out_i64: None,
            out_f64: None,
            fn_cache: HashMap::new(),
            self_fn,
            depth: if inner { LLVMGetParam(func, 0) } else { LLVMConstInt(i32, 0, 0) },
            inner,
            ret_ty: self_fn.map(|(ty, _)| LLVMGetReturnType(ty)).unwrap_or(i32),
            poll,
            x86_64: triple.to_bytes().starts_with(b"x86_64"),
            ticks: None,
        };
        let mut r = mk(func, state, false).function();
        if let (Ok(()), Some((_, f))) = (&r, self_fn) {
            r = mk(f, std::ptr::null_mut(), true).function();
        }
        LLVMDisposeBuilder(b);
        match r {
            Ok(()) => Ok(module),
            Err(e) => {
                LLVMDisposeModule(module);
                Err(e)
            }
        }
    }
}

/// The self-call function's input parameters: every slot an `Input` reads.
fn input_count(t: &Trace) -> u32 {
    let read = t.blocks.iter().flat_map(|b| &b.insts).filter_map(|i| match i.kind {
        InstKind::Input { slot } => Some(slot + 1),
        _ => None,
    });
    read.max().unwrap_or(0).max(t.num_inputs)
}

fn cname(s: &str) -> CString {
    CString::new(s).unwrap()
}

/// Trace blocks reachable from the entry, in reverse post-order.
fn reverse_postorder(t: &Trace) -> Vec<usize> {
    let n = t.blocks.len();
    let mut seen = vec![false; n];
    let mut post = Vec::with_capacity(n);
    // Iterative DFS: (block, next successor index).
    let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
    seen[0] = true;
    while let Some(&mut (bi, ref mut next)) = stack.last_mut() {
        let succs = t.blocks[bi].term.successors();
        if *next < succs.len() {
            let s = succs[*next].0 as usize;
            *next += 1;
            if s < n && !seen[s] {
                seen[s] = true;
                stack.push((s, 0));
            }
        } else {
            post.push(bi);
            stack.pop();
        }
    }
    post.reverse();
    post
}

impl<'t> Lower<'t> {
    // ------------------------------------------------------------ helpers

    fn ty(&self, ty: Type) -> LLVMTypeRef {
        match ty {
            Type::I64 => self.i64,
            Type::F64 => self.f64,
            Type::Bool => self.i1,
        }
    }

    fn val(&self, v: Value) -> Result<LLVMValueRef, String> {
        self.vals.get(v.0 as usize).copied().flatten().ok_or_else(|| format!("{v} is used where it is not available"))
    }

    fn ci64(&self, x: i64) -> LLVMValueRef {
        unsafe { LLVMConstInt(self.i64, x as u64, 1) }
    }
    fn ci1(&self, x: bool) -> LLVMValueRef {
        unsafe { LLVMConstInt(self.i1, x as u64, 0) }
    }
    fn cf64(&self, x: f64) -> LLVMValueRef {
        // Through a bitcast so every bit (nan payloads) is kept.
        unsafe { LLVMConstBitCast(LLVMConstInt(self.i64, x.to_bits(), 0), self.f64) }
    }

    fn icmp(&self, p: LLVMIntPredicate, a: LLVMValueRef, b: LLVMValueRef) -> LLVMValueRef {
        unsafe { LLVMBuildICmp(self.b, p, a, b, NONAME.as_ptr()) }
    }
    fn fcmp(&self, p: LLVMRealPredicate, a: LLVMValueRef, b: LLVMValueRef) -> LLVMValueRef {
        unsafe { LLVMBuildFCmp(self.b, p, a, b, NONAME.as_ptr()) }
    }
    fn and(&self, a: LLVMValueRef, b: LLVMValueRef) -> LLVMValueRef {
        unsafe { LLVMBuildAnd(self.b, a, b, NONAME.as_ptr()) }
    }
    fn or(&self, a: LLVMValueRef, b: LLVMValueRef) -> LLVMValueRef {
        unsafe { LLVMBuildOr(self.b, a, b, NONAME.as_ptr()) }
    }
    fn xor(&self, a: LLVMValueRef, b: LLVMValueRef) -> LLVMValueRef {
        unsafe { LLVMBuildXor(self.b, a, b, NONAME.as_ptr()) }
    }
    fn not(&self, a: LLVMValueRef) -> LLVMValueRef {
        unsafe { LLVMBuildNot(self.b, a, NONAME.as_ptr()) }
    }
    fn select(&self, c: LLVMValueRef, a: LLVMValueRef, b: LLVMValueRef) -> LLVMValueRef {
        unsafe { LLVMBuildSelect(self.b, c, a, b, NONAME.as_ptr()) }
    }

    /// Declares (once) a function of the module: an LLVM intrinsic or one
    /// of our runtime symbols.
    fn function_decl(&mut self, name: &str, ret: LLVMTypeRef, params: &[LLVMTypeRef]) -> (LLVMTypeRef, LLVMValueRef) {
        if let Some(&f) = self.fn_cache.get(name) {
            return f;
        }
        unsafe {
            let mut ps = params.to_vec();
            let fty = LLVMFunctionType(ret, ps.as_mut_ptr(), ps.len() as u32, 0);
            // The module's other function (`@name.self`) may have declared it.
            let existing = LLVMGetNamedFunction(self.module, cname(name).as_ptr());
            let f = if existing.is_null() { LLVMAddFunction(self.module, cname(name).as_ptr(), fty) } else { existing };
            self.fn_cache.insert(name.to_string(), (fty, f));
            (fty, f)
        }
    }

    fn call(&mut self, name: &str, ret: LLVMTypeRef, args: &[LLVMValueRef]) -> LLVMValueRef {
        let params: Vec<LLVMTypeRef> = args.iter().map(|a| unsafe { LLVMTypeOf(*a) }).collect();
        let (fty, f) = self.function_decl(name, ret, &params);
        let mut args = args.to_vec();
        unsafe { LLVMBuildCall2(self.b, fty, f, args.as_mut_ptr(), args.len() as u32, NONAME.as_ptr()) }
    }

    fn add_fn_attr(&self, f: LLVMValueRef, name: &str, val: u64) {
        unsafe {
            let kind = LLVMGetEnumAttributeKindForName(name.as_ptr().cast(), name.len());
            assert!(kind != 0, "unknown LLVM attribute {name}");
            let a = LLVMCreateEnumAttribute(self.ctx, kind, val);
            LLVMAddAttributeAtIndex(f, llvm_sys::LLVMAttributeFunctionIndex, a);
        }
    }

    /// Calls a runtime function that has no effect but its result (a libm
    /// function: we never read errno).
    fn call_pure(&mut self, name: &str, args: &[LLVMValueRef]) -> LLVMValueRef {
        let new = !self.fn_cache.contains_key(name);
        let r = self.call(name, self.f64, args);
        if new {
            let f = self.fn_cache[name].1;
            self.add_fn_attr(f, "nounwind", 0);
            self.add_fn_attr(f, "willreturn", 0);
            self.add_fn_attr(f, "memory", 0); // memory(none)
        }
        r
    }

    /// Runs `f` with the builder at the end of the prologue (before its
    /// branch, once it has one), then back where it was.
    fn in_prologue<R>(&self, f: impl FnOnce() -> R) -> R {
        unsafe {
            let cur = LLVMGetInsertBlock(self.b);
            let term = LLVMGetBasicBlockTerminator(self.prologue);
            if term.is_null() {
                LLVMPositionBuilderAtEnd(self.b, self.prologue);
            } else {
                LLVMPositionBuilderBefore(self.b, term);
            }
            let r = f();
            LLVMPositionBuilderAtEnd(self.b, cur);
            r
        }
    }

    /// An alloca in the prologue (so it is static).
    fn prologue_alloca(&self, ty: LLVMTypeRef, name: &CStr) -> LLVMValueRef {
        self.in_prologue(|| unsafe { LLVMBuildAlloca(self.b, ty, name.as_ptr()) })
    }

    /// Calls a helper `bool helper(x, y, T* out)`: (ok, result).
    fn call_out(
        &mut self,
        name: &str,
        ty: LLVMTypeRef,
        a: LLVMValueRef,
        b: LLVMValueRef,
    ) -> (LLVMValueRef, LLVMValueRef) {
        let out = self.out_slot(ty);
        let new = !self.fn_cache.contains_key(name);
        let ok8 = self.call(name, self.i8, &[a, b, out]);
        if new {
            let f = self.fn_cache[name].1;
            self.add_fn_attr(f, "nounwind", 0);
            self.add_fn_attr(f, "willreturn", 0);
            self.add_fn_attr(f, "memory", 3); // memory(argmem: readwrite)
        }
        let ok = unsafe { LLVMBuildICmp(self.b, LLVMIntNE, ok8, LLVMConstInt(self.i8, 0, 0), NONAME.as_ptr()) };
        let r = unsafe { LLVMBuildLoad2(self.b, ty, out, NONAME.as_ptr()) };
        (ok, r)
    }

    /// The function's one out slot of type `ty` (i64 or f64) that helpers
    /// write their result to, made on first use.
    fn out_slot(&mut self, ty: LLVMTypeRef) -> LLVMValueRef {
        let cached = if ty == self.i64 { self.out_i64 } else { self.out_f64 };
        if let Some(o) = cached {
            return o;
        }
        let o = self.prologue_alloca(ty, c"out");
        if ty == self.i64 {
            self.out_i64 = Some(o)
        } else {
            self.out_f64 = Some(o)
        }
        o
    }

    fn intrinsic1(&mut self, name: &str, x: LLVMValueRef) -> LLVMValueRef {
        let ty = unsafe { LLVMTypeOf(x) };
        self.call(name, ty, &[x])
    }

    fn fabs(&mut self, x: LLVMValueRef) -> LLVMValueRef {
        self.intrinsic1("llvm.fabs.f64", x)
    }

    /// `x` is nan.
    fn is_nan(&self, x: LLVMValueRef) -> LLVMValueRef {
        self.fcmp(LLVMRealUNO, x, x)
    }

    // -------------------------------------------------------------- exits

    /// The LLVM block of exit `e`, made on first use.
    fn exit_block(&mut self, e: ExitId) -> Result<(), String> {
        let ei = e.0 as usize;
        if ei >= self.exits.len() {
            return Err(format!("{e} does not exist"));
        }
        if self.exits[ei].is_some() {
            return Ok(());
        }
        unsafe {
            let cur = LLVMGetInsertBlock(self.b);
            let bb = LLVMAppendBasicBlockInContext(self.ctx, self.func, cname(&format!("exit{}", e.0)).as_ptr());
            LLVMPositionBuilderAtEnd(self.b, bb);
            let values = self.t.exits[ei].values();
            let mut phis = Vec::with_capacity(values.len());
            for v in &values {
                let ty = *self.t.types.get(v.0 as usize).ok_or_else(|| format!("{e} reads untyped {v}"))?;
                phis.push(LLVMBuildPhi(self.b, self.ty(ty), NONAME.as_ptr()));
            }
            if self.inner {
                // Only a return exit's result matters to the calling trace.
                let result = match (self.t.returns.contains(&e), values.last()) {
                    (true, Some(v)) => self.to_bits(self.t.ty(*v), *phis.last().unwrap()),
                    _ => self.ci64(0),
                };
                let mut agg = LLVMGetUndef(self.ret_ty);
                agg = LLVMBuildInsertValue(self.b, agg, LLVMConstInt(self.i32, e.0 as u64, 0), 0, NONAME.as_ptr());
                agg = LLVMBuildInsertValue(self.b, agg, result, 1, NONAME.as_ptr());
                LLVMBuildRet(self.b, agg);
            } else {
                for (k, (v, phi)) in values.iter().zip(&phis).enumerate() {
                    let bits = self.to_bits(self.t.ty(*v), *phi);
                    let p = self.slot_ptr(k as u64);
                    LLVMBuildStore(self.b, bits, p);
                }
                LLVMBuildRet(self.b, LLVMConstInt(self.i32, e.0 as u64, 0));
            }
            LLVMPositionBuilderAtEnd(self.b, cur);
            self.exits[ei] = Some(ExitBlock { bb, phis });
        }
        Ok(())
    }

    /// Adds the current block as a predecessor of exit `e`'s block (its
    /// values as the phis' incoming values) and returns that block.
    fn exit_edge(&mut self, e: ExitId) -> Result<LLVMBasicBlockRef, String> {
        self.exit_block(e)?;
        let values = self.t.exits[e.0 as usize].values();
        let mut incoming = Vec::with_capacity(values.len());
        for v in &values {
            incoming.push(self.val(*v).map_err(|m| format!("{e}: {m}"))?);
        }
        let ex = self.exits[e.0 as usize].as_ref().unwrap();
        unsafe {
            let mut cur = LLVMGetInsertBlock(self.b);
            for (phi, v) in ex.phis.iter().zip(incoming) {
                let mut v = v;
                LLVMAddIncoming(*phi, &mut v, &mut cur, 1);
            }
        }
        Ok(ex.bb)
    }

    /// Takes exit `e` when `fail` is true; carries on in a new block.
    fn exit_if(&mut self, fail: LLVMValueRef, e: ExitId) -> Result<(), String> {
        unsafe {
            let hint = self.call("llvm.expect.i1", self.i1, &[fail, self.ci1(false)]);
            let target = self.exit_edge(e)?;
            let cont = LLVMAppendBasicBlockInContext(self.ctx, self.func, NONAME.as_ptr());
            LLVMBuildCondBr(self.b, hint, target, cont);
            LLVMPositionBuilderAtEnd(self.b, cont);
        }
        Ok(())
    }

    /// A value in the state encoding (i64 bits, f64 bits, bool 0/1).
    fn to_bits(&self, ty: Type, x: LLVMValueRef) -> LLVMValueRef {
        unsafe {
            match ty {
                Type::I64 => x,
                Type::F64 => LLVMBuildBitCast(self.b, x, self.i64, NONAME.as_ptr()),
                Type::Bool => LLVMBuildZExt(self.b, x, self.i64, NONAME.as_ptr()),
            }
        }
    }

    /// The inverse of `to_bits` (a bool is true when non-zero).
    fn from_bits(&self, ty: Type, bits: LLVMValueRef) -> LLVMValueRef {
        unsafe {
            match ty {
                Type::I64 => bits,
                Type::F64 => LLVMBuildBitCast(self.b, bits, self.f64, NONAME.as_ptr()),
                Type::Bool => self.icmp(LLVMIntNE, bits, self.ci64(0)),
            }
        }
    }

    fn slot_ptr(&self, k: u64) -> LLVMValueRef {
        self.slot_ptr_in(self.state, k)
    }

    /// Slot `k` of a state buffer at `buf`.
    fn slot_ptr_in(&self, buf: LLVMValueRef, k: u64) -> LLVMValueRef {
        unsafe {
            let mut idx = [LLVMConstInt(self.i64, k, 0)];
            LLVMBuildInBoundsGEP2(self.b, self.i64, buf, idx.as_mut_ptr(), 1, NONAME.as_ptr())
        }
    }

    // ----------------------------------------------------------- function

    fn function(&mut self) -> Result<(), String> {
        let t = self.t;
        if t.blocks.is_empty() {
            return Err("trace has no blocks".into());
        }
        for b in &t.blocks {
            for inst in &b.insts {
                if let (Some(r), InstKind::Const { bits }) = (inst.result, &inst.kind) {
                    self.consts.insert(r, *bits);
                }
                if let (Some(r), InstKind::Binary { op: BinOp::IAddWrap, a, b }) = (inst.result, &inst.kind) {
                    self.adds.insert(r, (*a, *b));
                }
            }
        }
        unsafe {
            self.add_fn_attr(self.func, "nounwind", 0);
            for attr in ["noalias", "nocapture"] {
                if self.inner {
                    break;
                }
                let kind = LLVMGetEnumAttributeKindForName(attr.as_ptr().cast(), attr.len());
                let a = LLVMCreateEnumAttribute(self.ctx, kind, 0);
                LLVMAddAttributeAtIndex(self.func, 1, a);
            }
            self.prologue = LLVMAppendBasicBlockInContext(self.ctx, self.func, c"entry".as_ptr());
            let order = reverse_postorder(t);
            // Blocks and their parameters first, so forward jumps find them.
            for &bi in &order {
                let bb = LLVMAppendBasicBlockInContext(self.ctx, self.func, cname(&format!("b{bi}")).as_ptr());
                self.blocks[bi] = Some(bb);
                LLVMPositionBuilderAtEnd(self.b, bb);
                for p in &t.blocks[bi].params {
                    let ty = *t.types.get(p.0 as usize).ok_or_else(|| format!("{p} has no type"))?;
                    let phi = LLVMBuildPhi(self.b, self.ty(ty), cname(&p.to_string()).as_ptr());
                    self.set(*p, phi)?;
                }
            }
            for &bi in &order {
                LLVMPositionBuilderAtEnd(self.b, self.blocks[bi].unwrap());
                for inst in &t.blocks[bi].insts {
                    self.inst(inst).map_err(|m| format!("b{bi}: {m}"))?;
                }
                self.terminator(&t.blocks[bi].term).map_err(|m| format!("b{bi}: {m}"))?;
            }
            LLVMPositionBuilderAtEnd(self.b, self.prologue);
            LLVMBuildBr(self.b, self.blocks[0].unwrap());
        }
        Ok(())
    }

    fn set(&mut self, v: Value, x: LLVMValueRef) -> Result<(), String> {
        let slot = self.vals.get_mut(v.0 as usize).ok_or_else(|| format!("{v} has no type"))?;
        if slot.is_some() {
            return Err(format!("{v} defined twice"));
        }
        *slot = Some(x);
        Ok(())
    }

    fn jump_edge(&mut self, c: &BlockCall) -> Result<LLVMBasicBlockRef, String> {
        let bb = self
            .blocks
            .get(c.block.0 as usize)
            .copied()
            .flatten()
            .ok_or_else(|| format!("jump to missing {}", c.block))?;
        if c.block.0 == 0 && !c.args.is_empty() {
            return Err("the entry block takes no arguments".into());
        }
        let params = &self.t.block(c.block).params;
        if params.len() != c.args.len() {
            return Err(format!("{} takes {} arguments, given {}", c.block, params.len(), c.args.len()));
        }
        unsafe {
            let mut cur = LLVMGetInsertBlock(self.b);
            for (p, a) in params.iter().zip(&c.args) {
                let phi = self.val(*p)?;
                let mut v = self.val(*a)?;
                LLVMAddIncoming(phi, &mut v, &mut cur, 1);
            }
        }
        Ok(bb)
    }

    fn terminator(&mut self, term: &Terminator) -> Result<(), String> {
        unsafe {
            match term {
                Terminator::Exit(e) => {
                    let bb = self.exit_edge(*e)?;
                    LLVMBuildBr(self.b, bb);
                }
                Terminator::Jump(c) => {
                    let bb = self.jump_edge(c)?;
                    LLVMBuildBr(self.b, bb);
                }
                Terminator::Branch { cond, then, els } => {
                    let c = self.val(*cond)?;
                    if then.block == els.block && !then.args.is_empty() {
                        // Two edges into one block with parameters: give
                        // each its own block so the phis can tell them apart.
                        let t_bb = LLVMAppendBasicBlockInContext(self.ctx, self.func, NONAME.as_ptr());
                        let e_bb = LLVMAppendBasicBlockInContext(self.ctx, self.func, NONAME.as_ptr());
                        LLVMBuildCondBr(self.b, c, t_bb, e_bb);
                        for (bb, call) in [(t_bb, then), (e_bb, els)] {
                            LLVMPositionBuilderAtEnd(self.b, bb);
                            let target = self.jump_edge(call)?;
                            LLVMBuildBr(self.b, target);
                        }
                    } else {
                        let t_bb = self.jump_edge(then)?;
                        let e_bb = self.jump_edge(els)?;
                        LLVMBuildCondBr(self.b, c, t_bb, e_bb);
                    }
                }
            }
        }
        Ok(())
    }

    // -------------------------------------------------------- instructions

    fn inst(&mut self, inst: &Inst) -> Result<(), String> {
        let t = self.t;
        let rty = inst.result.map(|r| t.ty(r));
        let need_ty = || rty.ok_or_else(|| format!("{:?} has no result", inst.kind));
        let r: Option<LLVMValueRef> = unsafe {
            match &inst.kind {
                InstKind::Const { bits } => Some(match need_ty()? {
                    Type::I64 => LLVMConstInt(self.i64, *bits, 0),
                    Type::F64 => self.cf64(f64::from_bits(*bits)),
                    Type::Bool => self.ci1(*bits != 0),
                }),
                InstKind::Input { slot } => {
                    let x = if self.inner {
                        LLVMGetParam(self.func, 1 + *slot)
                    } else {
                        let p = self.slot_ptr(*slot as u64);
                        LLVMBuildLoad2(self.b, self.i64, p, cname(&format!("in{slot}")).as_ptr())
                    };
                    Some(self.from_bits(need_ty()?, x))
                }
                InstKind::Unary { op, a } => Some(self.unary(*op, *a)?),
                InstKind::Binary { op, a, b } => Some(self.binary(*op, *a, *b)?),
                InstKind::CheckedUnary { op, a, exit } => Some(self.checked_unary(*op, *a, *exit)?),
                InstKind::Checked { op, a, b, exit } => Some(self.checked(*op, *a, *b, *exit)?),
                InstKind::Math { f, args, exit } => Some(self.math(*f, args, *exit)?),
                InstKind::Select { cond, a, b } => {
                    let (c, x, y) = (self.val(*cond)?, self.val(*a)?, self.val(*b)?);
                    Some(self.select(c, x, y))
                }
                InstKind::Guard { cond, expect, exit } => {
                    let c = self.val(*cond)?;
                    let fail = if *expect { self.not(c) } else { c };
                    self.exit_if(fail, *exit)?;
                    None
                }
                InstKind::CallSelf { args, slots, exit } => Some(self.call_self(args, slots, *exit, need_ty()?)?),
                InstKind::Poll { alone, every } => Some(self.poll(*alone, *every)),
                InstKind::Load { mem, addr } => Some(self.load(*mem, *addr)?),
                InstKind::Call { f, args, exit } => self.runtime_call(*f, args, *exit)?,
                InstKind::Store { mem, addr, val } => {
                    self.store(*mem, *addr, *val)?;
                    None
                }
            }
        };
        match (inst.result, r) {
            (Some(v), Some(x)) => {
                unsafe {
                    // Name instructions after the trace's values (dumps);
                    // constants and reused values have no name of their own.
                    let mut len = 0;
                    LLVMGetValueName2(x, &mut len);
                    if !LLVMIsAInstruction(x).is_null() && len == 0 {
                        let n = v.to_string();
                        LLVMSetValueName2(x, n.as_ptr().cast(), n.len());
                    }
                }
                self.set(v, x)
            }
            (None, None) => Ok(()),
            (Some(v), None) => Err(format!("{v}: no value")),
            (None, Some(_)) => Err(format!("{:?} needs a result", inst.kind)),
        }
    }

    /// A call of a VM runtime function (`RtEntry`'s signature): arguments
    /// as i64 bits, the result through the shared out slot, a nonzero
    /// status takes the exit.
    fn runtime_call(&mut self, f: RtFn, args: &[Value], exit: Option<ExitId>) -> Result<Option<LLVMValueRef>, String> {
        let mut a = Vec::with_capacity(4);
        for v in args {
            let x = self.val(*v)?;
            a.push(self.to_bits(self.t.ty(*v), x));
        }
        if a.len() > pyjit_ir::RT_ARG_SLOTS {
            // A wide call: the arguments in an array of the frame.
            let n = a.len();
            let slot = unsafe { self.prologue_alloca(LLVMArrayType2(self.i64, n as u64), c"args") };
            for (k, x) in a.iter().enumerate() {
                unsafe {
                    let mut idx = [self.ci64(k as i64)];
                    let p = LLVMBuildInBoundsGEP2(self.b, self.i64, slot, idx.as_mut_ptr(), 1, NONAME.as_ptr());
                    LLVMBuildStore(self.b, *x, p);
                }
            }
            let addr = unsafe { LLVMBuildPtrToInt(self.b, slot, self.i64, NONAME.as_ptr()) };
            a = vec![addr, self.ci64(n as i64)];
        }
        while a.len() < pyjit_ir::RT_ARG_SLOTS {
            a.push(self.ci64(0));
        }
        let out = self.out_slot(self.i64);
        a.push(out);
        let status = self.call(&f.symbol(), self.i32, &a);
        if let Some(e) = exit {
            let fail = unsafe { LLVMBuildICmp(self.b, LLVMIntNE, status, LLVMConstInt(self.i32, 0, 0), NONAME.as_ptr()) };
            self.exit_if(fail, e)?;
        }
        Ok(match f.result() {
            Some(ty) => {
                let bits = unsafe { LLVMBuildLoad2(self.b, self.i64, out, NONAME.as_ptr()) };
                Some(self.from_bits(ty, bits))
            }
            None => None,
        })
    }

    /// The memory type of an element and its alignment.
    fn mem_ty(&self, mem: MemTy) -> (LLVMTypeRef, u32) {
        unsafe {
            match mem {
                MemTy::F64 => (self.f64, 8),
                MemTy::F32 => (LLVMFloatTypeInContext(self.ctx), 4),
                MemTy::I64 => (self.i64, 8),
                MemTy::I32 => (self.i32, 4),
                MemTy::I8 | MemTy::U8 | MemTy::Bool => (self.i8, 1),
            }
        }
    }

    /// The pointer an address names. `base + off` becomes a byte `gep`
    /// from the base (recursively), not an `inttoptr` of the sum: LLVM's
    /// loop analyses see through geps, so a walk along an array is an
    /// affine pointer it can vectorize and check for overlap. The geps are
    /// `inbounds`: the trace loads and stores only inside an array's
    /// buffer (its indices checked first) or an object it holds, and each
    /// partial sum of a checked index's terms stays inside too; that
    /// no-wrap fact is what lets LLVM see consecutive elements (contiguous
    /// vector loads instead of gathers).
    fn addr(&self, addr: Value) -> Result<LLVMValueRef, String> {
        unsafe {
            if let Some(&(base, off)) = self.adds.get(&addr) {
                let p = self.addr(base)?;
                let mut idx = [self.val(off)?];
                return Ok(LLVMBuildInBoundsGEP2(self.b, self.i8, p, idx.as_mut_ptr(), 1, NONAME.as_ptr()));
            }
            let a = self.val(addr)?;
            Ok(LLVMBuildIntToPtr(self.b, a, LLVMPointerTypeInContext(self.ctx, 0), NONAME.as_ptr()))
        }
    }

    fn load(&mut self, mem: MemTy, addr: Value) -> Result<LLVMValueRef, String> {
        let p = self.addr(addr)?;
        let (lty, align) = self.mem_ty(mem);
        let n = NONAME.as_ptr();
        Ok(unsafe {
            let x = LLVMBuildLoad2(self.b, lty, p, n);
            LLVMSetAlignment(x, align);
            match mem {
                MemTy::F64 | MemTy::I64 => x,
                MemTy::F32 => LLVMBuildFPExt(self.b, x, self.f64, n),
                MemTy::I32 | MemTy::I8 => LLVMBuildSExt(self.b, x, self.i64, n),
                MemTy::U8 => LLVMBuildZExt(self.b, x, self.i64, n),
                MemTy::Bool => self.icmp(LLVMIntNE, x, LLVMConstInt(self.i8, 0, 0)),
            }
        })
    }

    fn store(&mut self, mem: MemTy, addr: Value, val: Value) -> Result<(), String> {
        let p = self.addr(addr)?;
        let x = self.val(val)?;
        let (lty, align) = self.mem_ty(mem);
        let n = NONAME.as_ptr();
        unsafe {
            let y = match mem {
                MemTy::F64 | MemTy::I64 => x,
                MemTy::F32 => LLVMBuildFPTrunc(self.b, x, lty, n),
                MemTy::I32 | MemTy::I8 | MemTy::U8 => LLVMBuildTrunc(self.b, x, lty, n),
                MemTy::Bool => LLVMBuildZExt(self.b, x, lty, n),
            };
            let st = LLVMBuildStore(self.b, y, p);
            LLVMSetAlignment(st, align);
        }
        Ok(())
    }

    fn unary(&mut self, op: UnOp, a: Value) -> Result<LLVMValueRef, String> {
        let x = self.val(a)?;
        let n = NONAME.as_ptr();
        Ok(unsafe {
            match op {
                UnOp::IToF => LLVMBuildSIToFP(self.b, x, self.f64, n),
                UnOp::BToI => LLVMBuildZExt(self.b, x, self.i64, n),
                UnOp::Truth => match self.t.ty(a) {
                    Type::I64 => self.icmp(LLVMIntNE, x, self.ci64(0)),
                    Type::F64 => self.fcmp(LLVMRealUNE, x, self.cf64(0.0)),
                    Type::Bool => x,
                },
                UnOp::BNot => self.not(x),
                UnOp::FNeg => LLVMBuildFNeg(self.b, x, n),
                UnOp::FAbs => self.fabs(x),
                UnOp::RoundF32 => {
                    let f = LLVMBuildFPTrunc(self.b, x, LLVMFloatTypeInContext(self.ctx), n);
                    LLVMBuildFPExt(self.b, f, self.f64, n)
                }
                UnOp::WrapI32 | UnOp::WrapI8 | UnOp::WrapU8 => {
                    let bits = if op == UnOp::WrapI32 { 32 } else { 8 };
                    let small = LLVMBuildTrunc(self.b, x, LLVMIntTypeInContext(self.ctx, bits), n);
                    if op == UnOp::WrapU8 { LLVMBuildZExt(self.b, small, self.i64, n) } else { LLVMBuildSExt(self.b, small, self.i64, n) }
                }
            }
        })
    }

    fn binary(&mut self, op: BinOp, a: Value, b: Value) -> Result<LLVMValueRef, String> {
        let (x, y) = (self.val(a)?, self.val(b)?);
        let n = NONAME.as_ptr();
        let ty = self.t.ty(a);
        use BinOp::*;
        if op.is_compare() {
            return Ok(match ty {
                Type::I64 | Type::Bool => {
                    let signed = ty == Type::I64;
                    let p = match (op, signed) {
                        (Eq, _) => LLVMIntEQ,
                        (Ne, _) => LLVMIntNE,
                        (Lt, true) => LLVMIntSLT,
                        (Le, true) => LLVMIntSLE,
                        (Gt, true) => LLVMIntSGT,
                        (Ge, true) => LLVMIntSGE,
                        (Lt, false) => LLVMIntULT,
                        (Le, false) => LLVMIntULE,
                        (Gt, false) => LLVMIntUGT,
                        (_, false) => LLVMIntUGE,
                        _ => unreachable!(),
                    };
                    self.icmp(p, x, y)
                }
                Type::F64 => {
                    let p = match op {
                        Eq => LLVMRealOEQ,
                        Ne => LLVMRealUNE,
                        Lt => LLVMRealOLT,
                        Le => LLVMRealOLE,
                        Gt => LLVMRealOGT,
                        _ => LLVMRealOGE,
                    };
                    self.fcmp(p, x, y)
                }
            });
        }
        Ok(unsafe {
            match op {
                IAddWrap => LLVMBuildAdd(self.b, x, y, n),
                ISubWrap => LLVMBuildSub(self.b, x, y, n),
                IMulWrap => LLVMBuildMul(self.b, x, y, n),
                IAddOvf => self.with_overflow("sadd", x, y).1,
                ISubOvf => self.with_overflow("ssub", x, y).1,
                IMulOvf => self.with_overflow("smul", x, y).1,
                IAnd | BAnd => self.and(x, y),
                IOr | BOr => self.or(x, y),
                IXor | BXor => self.xor(x, y),
                IDivU32 | IRemU32 => {
                    let i32t = LLVMInt32TypeInContext(self.ctx);
                    let (a, d) = (LLVMBuildTrunc(self.b, x, i32t, n), LLVMBuildTrunc(self.b, y, i32t, n));
                    let zero = LLVMBuildICmp(self.b, LLVMIntEQ, d, LLVMConstInt(i32t, 0, 0), n);
                    let d = LLVMBuildSelect(self.b, zero, LLVMConstInt(i32t, 1, 0), d, n);
                    let r = if op == IDivU32 { LLVMBuildUDiv(self.b, a, d, n) } else { LLVMBuildURem(self.b, a, d, n) };
                    LLVMBuildZExt(self.b, r, self.i64, n)
                }
                FAdd => LLVMBuildFAdd(self.b, x, y, n),
                FSub => LLVMBuildFSub(self.b, x, y, n),
                FMul => LLVMBuildFMul(self.b, x, y, n),
                FDiv => LLVMBuildFDiv(self.b, x, y, n),
                Eq | Ne | Lt | Le | Gt | Ge => unreachable!(),
            }
        })
    }

    fn checked_unary(&mut self, op: CheckedUnOp, a: Value, e: ExitId) -> Result<LLVMValueRef, String> {
        let x = self.val(a)?;
        let n = NONAME.as_ptr();
        unsafe {
            match op {
                CheckedUnOp::INeg | CheckedUnOp::IAbs => {
                    let fail = self.icmp(LLVMIntEQ, x, self.ci64(i64::MIN));
                    self.exit_if(fail, e)?;
                    Ok(if op == CheckedUnOp::INeg {
                        LLVMBuildNSWNeg(self.b, x, n)
                    } else {
                        let t = self.ci1(true); // MIN is excluded: poison there is fine
                        self.call("llvm.abs.i64", self.i64, &[x, t])
                    })
                }
                _ => {
                    let name = match op {
                        CheckedUnOp::FToITrunc => "llvm.trunc.f64",
                        CheckedUnOp::FFloorToI => "llvm.floor.f64",
                        CheckedUnOp::FCeilToI => "llvm.ceil.f64",
                        _ => "llvm.roundeven.f64",
                    };
                    let r = self.intrinsic1(name, x);
                    // Outside [-2^63, 2^63) or nan (unordered compares).
                    let lo = self.fcmp(LLVMRealULT, r, self.cf64(-9223372036854775808.0));
                    let hi = self.fcmp(LLVMRealUGE, r, self.cf64(9223372036854775808.0));
                    let fail = self.or(lo, hi);
                    self.exit_if(fail, e)?;
                    Ok(LLVMBuildFPToSI(self.b, r, self.i64, n))
                }
            }
        }
    }

    /// `llvm.{kind}.with.overflow.i64(x, y)`: (wrapped result, overflowed).
    fn with_overflow(&mut self, kind: &str, x: LLVMValueRef, y: LLVMValueRef) -> (LLVMValueRef, LLVMValueRef) {
        unsafe {
            let mut fields = [self.i64, self.i1];
            let sty = LLVMStructTypeInContext(self.ctx, fields.as_mut_ptr(), 2, 0);
            let pair = self.call(&format!("llvm.{kind}.with.overflow.i64"), sty, &[x, y]);
            (LLVMBuildExtractValue(self.b, pair, 0, NONAME.as_ptr()), LLVMBuildExtractValue(self.b, pair, 1, NONAME.as_ptr()))
        }
    }

    /// `k` when `v` is the i64 constant 2**k (0 <= k <= 62).
    fn pow2_const(&self, v: Value) -> Option<u32> {
        let c = *self.consts.get(&v)? as i64;
        (self.t.ty(v) == Type::I64 && c > 0 && c.count_ones() == 1).then(|| c.trailing_zeros())
    }

    fn checked(&mut self, op: CheckedOp, a: Value, b: Value, e: ExitId) -> Result<LLVMValueRef, String> {
        let (x, y) = (self.val(a)?, self.val(b)?);
        let n = NONAME.as_ptr();
        use CheckedOp::*;
        unsafe {
            match op {
                IAdd | ISub | IMul => {
                    let kind = match op {
                        IAdd => "sadd",
                        ISub => "ssub",
                        _ => "smul",
                    };
                    let (r, ovf) = self.with_overflow(kind, x, y);
                    self.exit_if(ovf, e)?;
                    Ok(r)
                }
                // By a constant 2**k: floor division is an arithmetic shift
                // and the (non-negative) remainder a mask, exactly.
                IFloorDiv | IMod if self.pow2_const(b).is_some() => {
                    let k = self.pow2_const(b).unwrap();
                    Ok(if op == IFloorDiv {
                        LLVMBuildAShr(self.b, x, self.ci64(k as i64), n)
                    } else {
                        self.and(x, self.ci64((1i64 << k) - 1))
                    })
                }
                IFloorDiv => {
                    let zero = self.icmp(LLVMIntEQ, y, self.ci64(0));
                    let min = self.icmp(LLVMIntEQ, x, self.ci64(i64::MIN));
                    let m1 = self.icmp(LLVMIntEQ, y, self.ci64(-1));
                    let fail = self.or(zero, self.and(min, m1));
                    self.exit_if(fail, e)?;
                    let q = LLVMBuildSDiv(self.b, x, y, n);
                    let r = LLVMBuildSRem(self.b, x, y, n);
                    let rnz = self.icmp(LLVMIntNE, r, self.ci64(0));
                    let signs = self.icmp(LLVMIntSLT, self.xor(x, y), self.ci64(0));
                    let adj = LLVMBuildZExt(self.b, self.and(rnz, signs), self.i64, n);
                    Ok(LLVMBuildSub(self.b, q, adj, n))
                }
                IMod => {
                    let fail = self.icmp(LLVMIntEQ, y, self.ci64(0));
                    self.exit_if(fail, e)?;
                    // x % -1 is 0; srem by 1 gives it without the trap.
                    let m1 = self.icmp(LLVMIntEQ, y, self.ci64(-1));
                    let d = self.select(m1, self.ci64(1), y);
                    let r = LLVMBuildSRem(self.b, x, d, n);
                    let rnz = self.icmp(LLVMIntNE, r, self.ci64(0));
                    let rneg = self.icmp(LLVMIntSLT, r, self.ci64(0));
                    let yneg = self.icmp(LLVMIntSLT, y, self.ci64(0));
                    let adj = self.and(rnz, self.xor(rneg, yneg));
                    let sum = LLVMBuildAdd(self.b, r, y, n);
                    Ok(self.select(adj, sum, r))
                }
                IShl => {
                    let neg = self.icmp(LLVMIntSLT, y, self.ci64(0));
                    let big = self.icmp(LLVMIntUGE, y, self.ci64(64));
                    let sh = self.and(y, self.ci64(63));
                    let s = LLVMBuildShl(self.b, x, sh, n);
                    let back = LLVMBuildAShr(self.b, s, sh, n);
                    let lost = self.icmp(LLVMIntNE, back, x);
                    let nz = self.icmp(LLVMIntNE, x, self.ci64(0));
                    let fail = self.or(neg, self.and(nz, self.or(big, lost)));
                    self.exit_if(fail, e)?;
                    Ok(s)
                }
                IShr => {
                    let fail = self.icmp(LLVMIntSLT, y, self.ci64(0));
                    self.exit_if(fail, e)?;
                    let big = self.icmp(LLVMIntUGT, y, self.ci64(63));
                    let sh = self.select(big, self.ci64(63), y);
                    Ok(LLVMBuildAShr(self.b, x, sh, n))
                }
                IPow => {
                    if let Some(&k) = self.consts.get(&b)
                        && (0..=64).contains(&(k as i64))
                    {
                        return self.ipow_const(x, k, e);
                    }
                    let (ok, r) = self.call_out(runtime::IPOW, self.i64, x, y);
                    self.exit_if(self.not(ok), e)?;
                    Ok(r)
                }
                ITrueDiv => {
                    // |v| > 2^53  <=>  v + 2^53 >u 2^54 (wrapping).
                    let too_big = |l: &Self, v: LLVMValueRef| {
                        let s = LLVMBuildAdd(l.b, v, l.ci64(1 << 53), n);
                        l.icmp(LLVMIntUGT, s, l.ci64(1 << 54))
                    };
                    let zero = self.icmp(LLVMIntEQ, y, self.ci64(0));
                    let fail = self.or(zero, self.or(too_big(self, x), too_big(self, y)));
                    self.exit_if(fail, e)?;
                    let fx = LLVMBuildSIToFP(self.b, x, self.f64, n);
                    let fy = LLVMBuildSIToFP(self.b, y, self.f64, n);
                    Ok(LLVMBuildFDiv(self.b, fx, fy, n))
                }
                FDiv => {
                    let fail = self.fcmp(LLVMRealOEQ, y, self.cf64(0.0));
                    self.exit_if(fail, e)?;
                    Ok(LLVMBuildFDiv(self.b, x, y, n))
                }
                FFloorDiv | FMod => {
                    let fail = self.fcmp(LLVMRealOEQ, y, self.cf64(0.0));
                    self.exit_if(fail, e)?;
                    let (floordiv, m) = self.float_divmod(x, y, op == FFloorDiv);
                    Ok(if op == FFloorDiv { floordiv.unwrap() } else { m })
                }
                FPow => {
                    let (ok, r) = self.call_out(runtime::FPOW, self.f64, x, y);
                    self.exit_if(self.not(ok), e)?;
                    Ok(r)
                }
            }
        }
    }

    /// `x ** k` for a constant 0 <= k <= 64 by squaring, as
    /// `semantics::int_pow` computes it: an overflow anywhere exits.
    fn ipow_const(&mut self, x: LLVMValueRef, k: u64, e: ExitId) -> Result<LLVMValueRef, String> {
        let mul = |l: &mut Self, a: LLVMValueRef, b: LLVMValueRef, fail: &mut Option<LLVMValueRef>| {
            let (r, o) = l.with_overflow("smul", a, b);
            *fail = Some(match *fail {
                Some(f) => l.or(f, o),
                None => o,
            });
            r
        };
        let mut fail = None;
        let mut acc: Option<LLVMValueRef> = None;
        let mut base = x;
        let mut k = k;
        while k > 0 {
            if k & 1 == 1 {
                acc = Some(match acc {
                    None => base,
                    Some(a) => mul(self, a, base, &mut fail),
                });
            }
            k >>= 1;
            if k > 0 {
                base = mul(self, base, base, &mut fail);
            }
        }
        if let Some(f) = fail {
            self.exit_if(f, e)?;
        }
        Ok(acc.unwrap_or_else(|| self.ci64(1)))
    }

    /// CPython's `_float_div_mod` for a non-zero divisor: (floordiv, mod);
    /// floordiv only when asked for.
    fn float_divmod(
        &mut self,
        vx: LLVMValueRef,
        wx: LLVMValueRef,
        want_div: bool,
    ) -> (Option<LLVMValueRef>, LLVMValueRef) {
        let n = NONAME.as_ptr();
        unsafe {
            let zero = self.cf64(0.0);
            let m0 = LLVMBuildFRem(self.b, vx, wx, n); // fmod, exact
            let mnz = self.fcmp(LLVMRealUNE, m0, zero);
            let wneg = self.fcmp(LLVMRealOLT, wx, zero);
            let mneg = self.fcmp(LLVMRealOLT, m0, zero);
            let adj = self.and(mnz, self.xor(wneg, mneg));
            let m1 = self.select(adj, LLVMBuildFAdd(self.b, m0, wx, n), m0);
            let signed_zero = self.call("llvm.copysign.f64", self.f64, &[zero, wx]);
            let m = self.select(mnz, m1, signed_zero);
            if !want_div {
                return (None, m);
            }
            let div0 = LLVMBuildFDiv(self.b, LLVMBuildFSub(self.b, vx, m0, n), wx, n);
            let div = self.select(adj, LLVMBuildFSub(self.b, div0, self.cf64(1.0), n), div0);
            let dnz = self.fcmp(LLVMRealUNE, div, zero);
            let fl = self.intrinsic1("llvm.floor.f64", div);
            let up = self.fcmp(LLVMRealOGT, LLVMBuildFSub(self.b, div, fl, n), self.cf64(0.5));
            let fd = self.select(up, LLVMBuildFAdd(self.b, fl, self.cf64(1.0), n), fl);
            let q = LLVMBuildFDiv(self.b, vx, wx, n);
            let z = self.call("llvm.copysign.f64", self.f64, &[zero, q]);
            (Some(self.select(dnz, fd, z)), m)
        }
    }

    /// `CallSelf`: a direct recursive call of `@name.self` with the
    /// arguments in registers. Takes `e` when `MAX_SELF_CALL_DEPTH`
    /// self-calls are already active (without calling) or when the callee
    /// leaves through an exit that is not one of `Trace::returns`; otherwise
    /// the result is what the return exit handed back.
    fn call_self(&mut self, args: &[Value], slots: &[u32], e: ExitId, rty: Type) -> Result<LLVMValueRef, String> {
        let t = self.t;
        if args.len() != slots.len() {
            return Err(format!("call_self with {} arguments and {} slots", args.len(), slots.len()));
        }
        for r in &t.returns {
            let values = t.exits.get(r.0 as usize).ok_or_else(|| format!("return exit {r} does not exist"))?.values();
            let last = values.last().ok_or_else(|| format!("return exit {r} hands back no value"))?;
            if t.ty(*last) != rty {
                return Err(format!("return exit {r} returns {}, call_self wants {rty}", t.ty(*last)));
            }
        }
        let (fty, f) = self.self_fn.ok_or("call_self without a self-call function")?;
        // One argument per input slot, in the state encoding; a slot no
        // argument fills reads 0, as from the interpreter's zeroed buffer.
        let n_in = input_count(t);
        let mut cargs = vec![self.ci64(0); n_in as usize + 1];
        // (A slot past the inputs is never read: nothing to pass.)
        for (a, s) in args.iter().zip(slots).filter(|(_, s)| **s < n_in) {
            cargs[1 + *s as usize] = self.to_bits(t.ty(*a), self.val(*a)?);
        }
        let nm = NONAME.as_ptr();
        unsafe {
            let full = self.icmp(LLVMIntSGE, self.depth, LLVMConstInt(self.i32, MAX_SELF_CALL_DEPTH as u64, 0));
            self.exit_if(full, e)?;
            cargs[0] = LLVMBuildNSWAdd(self.b, self.depth, LLVMConstInt(self.i32, 1, 0), nm);
            let r = LLVMBuildCall2(self.b, fty, f, cargs.as_mut_ptr(), cargs.len() as u32, c"callee".as_ptr());
            let code = LLVMBuildExtractValue(self.b, r, 0, c"callee_exit".as_ptr());
            let bits = LLVMBuildExtractValue(self.b, r, 1, nm);
            let mut returned = self.ci1(false);
            let mut rets: Vec<u32> = t.returns.iter().map(|r| r.0).collect();
            rets.sort_unstable();
            rets.dedup();
            for x in rets {
                returned = self.or(returned, self.icmp(LLVMIntEQ, code, LLVMConstInt(self.i32, x as u64, 0)));
            }
            self.exit_if(self.not(returned), e)?;
            Ok(self.from_bits(rty, bits))
        }
    }

    fn math(&mut self, f: MathFn, args: &[Value], exit: Option<ExitId>) -> Result<LLVMValueRef, String> {
        if args.len() != f.arity() {
            return Err(format!("math.{} takes {} arguments, given {}", f.name(), f.arity(), args.len()));
        }
        let xs = args.iter().map(|a| self.val(*a)).collect::<Result<Vec<_>, _>>()?;
        let r = match f {
            MathFn::Sqrt => self.intrinsic1("llvm.sqrt.f64", xs[0]),
            MathFn::Floor => self.intrinsic1("llvm.floor.f64", xs[0]),
            MathFn::Ceil => self.intrinsic1("llvm.ceil.f64", xs[0]),
            MathFn::Trunc => self.intrinsic1("llvm.trunc.f64", xs[0]),
            MathFn::Fabs => self.fabs(xs[0]),
            MathFn::RoundEven => self.intrinsic1("llvm.roundeven.f64", xs[0]),
            MathFn::Copysign => self.call("llvm.copysign.f64", self.f64, &xs),
            _ => self.call_pure(&runtime::libm_symbol(f), &xs),
        };
        if let (MathFn::Sqrt, Some(e)) = (f, exit) {
            // The same rule for sqrt is `x < 0`, known before the result.
            let fail = self.fcmp(LLVMRealOLT, xs[0], self.cf64(0.0));
            self.exit_if(fail, e)?;
        } else if let Some(e) = exit {
            // CPython's rule: nan from non-nan arguments, or inf from
            // finite arguments, raises.
            let inf = self.cf64(f64::INFINITY);
            let r_nan = self.is_nan(r);
            let abs_r = self.fabs(r);
            let r_inf = self.fcmp(LLVMRealOEQ, abs_r, inf);
            let mut any_nan = self.ci1(false);
            let mut all_finite = self.ci1(true);
            for x in &xs {
                any_nan = self.or(any_nan, self.is_nan(*x));
                let ax = self.fabs(*x);
                all_finite = self.and(all_finite, self.fcmp(LLVMRealOLT, ax, inf));
            }
            let fail = self.or(self.and(r_nan, self.not(any_nan)), self.and(r_inf, all_finite));
            self.exit_if(fail, e)?;
        }
        Ok(r)
    }
}
