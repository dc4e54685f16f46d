//! Polls (`InstKind::Poll`): how a compiled loop notices, at its
//! back-edges, that the interpreter has work waiting (a signal, another
//! thread asking it to stop) or that another thread runs.

use super::{Lower, NONAME};
use llvm_sys::LLVMIntPredicate::*;
use llvm_sys::core::*;
use llvm_sys::prelude::*;
use pyjit_ir::POLL_EVERY;

impl Lower<'_> {
    /// `InstKind::Poll`: with `every > 1`, a decrement of the frame's
    /// countdown, and the words read on a cold path when it reaches 0.
    pub(super) fn poll(&mut self, alone: bool, every: u32) -> LLVMValueRef {
        unsafe {
            let read = |s: &mut Self| {
                let mut leave = s.poll_word(s.poll.pending, s.i8, s.poll.mask as u64);
                if alone {
                    let threads = s.poll_word(s.poll.threads, s.i64, u64::MAX);
                    leave = LLVMBuildOr(s.b, leave, threads, NONAME.as_ptr());
                }
                leave
            };
            if every == 1 {
                return read(self);
            }
            let ticks = match self.ticks {
                Some(t) => t,
                None => {
                    let t = self.prologue_alloca(self.i32, c"ticks");
                    // Its first value, stored in the prologue too.
                    self.in_prologue(|| LLVMBuildStore(self.b, LLVMConstInt(self.i32, POLL_EVERY as u64, 0), t));
                    self.ticks = Some(t);
                    t
                }
            };
            let n = LLVMBuildLoad2(self.b, self.i32, ticks, NONAME.as_ptr());
            let n1 = LLVMBuildSub(self.b, n, LLVMConstInt(self.i32, 1, 0), NONAME.as_ptr());
            LLVMBuildStore(self.b, n1, ticks);
            let zero = LLVMBuildICmp(self.b, LLVMIntEQ, n1, LLVMConstInt(self.i32, 0, 0), NONAME.as_ptr());
            let hint = self.call("llvm.expect.i1", self.i1, &[zero, self.ci1(false)]);
            let from = LLVMGetInsertBlock(self.b);
            let slow = LLVMAppendBasicBlockInContext(self.ctx, self.func, NONAME.as_ptr());
            let cont = LLVMAppendBasicBlockInContext(self.ctx, self.func, NONAME.as_ptr());
            LLVMBuildCondBr(self.b, hint, slow, cont);
            LLVMPositionBuilderAtEnd(self.b, slow);
            LLVMBuildStore(self.b, LLVMConstInt(self.i32, every as u64, 0), ticks);
            let leave = read(self);
            let slow_end = LLVMGetInsertBlock(self.b);
            LLVMBuildBr(self.b, cont);
            LLVMPositionBuilderAtEnd(self.b, cont);
            let phi = LLVMBuildPhi(self.b, self.i1, NONAME.as_ptr());
            let mut vals = [self.ci1(false), leave];
            let mut bbs = [from, slow_end];
            LLVMAddIncoming(phi, vals.as_mut_ptr(), bbs.as_mut_ptr(), 2);
            phi
        }
    }

    /// Whether the word of type `ty` (i8 or i64) at `addr` has a bit of
    /// `mask` set, read anew at every execution.
    /// On x86-64 it is a `mov` in inline assembly with side effects that
    /// touch only memory the program cannot name: LLVM neither hoists nor
    /// merges it, and still moves the loop's other loads across it (an
    /// atomic load would order them, and keep a list's length and data
    /// pointer from leaving the loop). Elsewhere, a monotonic load.
    fn poll_word(&mut self, addr: usize, ty: LLVMTypeRef, mask: u64) -> LLVMValueRef {
        unsafe {
            let at = LLVMConstInt(self.i64, addr as u64, 0);
            let x = if self.x86_64 {
                let asm = if ty == self.i8 { "movb ($1), $0" } else { "movq ($1), $0" };
                let constraints = "=r,r";
                let mut params = [self.i64];
                let fty = LLVMFunctionType(ty, params.as_mut_ptr(), 1, 0);
                let f = LLVMGetInlineAsm(
                    fty,
                    asm.as_ptr().cast(),
                    asm.len(),
                    constraints.as_ptr().cast(),
                    constraints.len(),
                    1,
                    0,
                    llvm_sys::LLVMInlineAsmDialect::LLVMInlineAsmDialectATT,
                    0,
                );
                let mut args = [at];
                let call = LLVMBuildCall2(self.b, fty, f, args.as_mut_ptr(), 1, NONAME.as_ptr());
                // memory(inaccessiblemem: readwrite): two bits per location,
                // inaccessible memory the second pair. nounwind too.
                for (name, val) in [("memory", 3u64 << 2), ("nounwind", 0)] {
                    let kind = LLVMGetEnumAttributeKindForName(name.as_ptr().cast(), name.len());
                    let a = LLVMCreateEnumAttribute(self.ctx, kind, val);
                    LLVMAddCallSiteAttribute(call, llvm_sys::LLVMAttributeFunctionIndex, a);
                }
                call
            } else {
                let ptr = LLVMBuildIntToPtr(self.b, at, LLVMPointerTypeInContext(self.ctx, 0), NONAME.as_ptr());
                let x = LLVMBuildLoad2(self.b, ty, ptr, NONAME.as_ptr());
                LLVMSetOrdering(x, llvm_sys::LLVMAtomicOrdering::LLVMAtomicOrderingMonotonic);
                LLVMSetAlignment(x, if ty == self.i8 { 1 } else { 8 });
                x
            };
            let x = LLVMBuildAnd(self.b, x, LLVMConstInt(ty, mask, 0), NONAME.as_ptr());
            LLVMBuildICmp(self.b, llvm_sys::LLVMIntPredicate::LLVMIntNE, x, LLVMConstInt(ty, 0, 0), NONAME.as_ptr())
        }
    }
}
