//! Python's `random`: calls of the module's own functions through the VM,
//! and `random()` / `_randbelow` computed here on a `random.Random`'s
//! Mersenne Twister state in place (`crate::layout::MtLayout`), drawing
//! exactly what CPython's generator draws.

use super::abi::{answer, boxed, unbox, vm};
use crate::layout::{MT_N, MtLayout, mt_layout};
use pyjit_ir::{RandomFn, RtEntry, RtFn, RuntimeTable, Type};
use rustpython_vm::PyObject;

/// `random.<f>(a, b)` through the interpreter's own function object (at
/// `func`): `F` is the `RandomFn` (0 random, 1 uniform, 2 gauss, 3
/// randint), `A` and `B` the argument types (0 int, 1 float). The
/// recorder only calls the module's functions with numbers they accept
/// (randint's range checked first), so the call does not fail; if it
/// somehow does, compiled code exits before the call and the interpreter
/// makes it again.
unsafe extern "C" fn random_call<const F: u8, const A: u8, const B: u8>(func: u64, a: u64, b: u64, out: *mut u64) -> u32 {
    let Some(vm) = vm() else { return 1 };
    // SAFETY: the trace holds the function object for its whole life.
    let func = unsafe { &*(func as usize as *const PyObject) };
    let ty = |t: u8| if t == 0 { Type::I64 } else { Type::F64 };
    let args = if F == 0 { vec![] } else { vec![boxed(a, ty(A), vm), boxed(b, ty(B), vm)] };
    let Ok(r) = func.call(rustpython_vm::function::FuncArgs::from(args), vm) else { return 1 };
    answer(unbox(&r, if F == 3 { Type::I64 } else { Type::F64 }, vm), out)
}

fn random_entry(f: RandomFn, a: Type, b: Type) -> Option<RtEntry> {
    use RandomFn::*;
    let (i, x) = (Type::I64, Type::F64);
    Some(match (f, a, b) {
        (Random, _, _) => random_call::<0, 0, 0>,
        (Randint, _, _) => random_call::<3, 0, 0>,
        (Uniform, t, u) if t == i && u == i => random_call::<1, 0, 0>,
        (Uniform, t, u) if t == i && u == x => random_call::<1, 0, 1>,
        (Uniform, t, u) if t == x && u == i => random_call::<1, 1, 0>,
        (Uniform, _, _) => random_call::<1, 1, 1>,
        (Gauss, t, u) if t == i && u == i => random_call::<2, 0, 0>,
        (Gauss, t, u) if t == i && u == x => random_call::<2, 0, 1>,
        (Gauss, t, u) if t == x && u == i => random_call::<2, 1, 0>,
        (Gauss, _, _) => random_call::<2, 1, 1>,
    })
}

/// The next 32-bit output of the generator in `inst` (MT19937's
/// genrand_uint32, the state regenerated every 624 draws).
///
/// # Safety
/// `inst` is a live `random.Random` and `l` its layout.
unsafe fn mt_next(inst: usize, l: MtLayout) -> Option<u32> {
    let mt = (inst + l.mt) as *mut u32;
    let mti = (inst + l.mti) as *mut usize;
    unsafe {
        let mut i = mti.read_unaligned();
        if i > MT_N {
            return None;
        }
        if i == MT_N {
            const M: usize = 397;
            let word = |k: usize| mt.add(k).read_unaligned();
            for k in 0..MT_N {
                let y = (word(k) & 0x8000_0000) | (word((k + 1) % MT_N) & 0x7fff_ffff);
                let mag = if y & 1 == 1 { 0x9908_b0df } else { 0 };
                mt.add(k).write_unaligned(word((k + M) % MT_N) ^ (y >> 1) ^ mag);
            }
            i = 0;
        }
        let mut y = mt.add(i).read_unaligned();
        mti.write_unaligned(i + 1);
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        Some(y)
    }
}

/// `random()`: 53 random bits, as CPython's random_random.
unsafe extern "C" fn mt_random(inst: u64, _: u64, _: u64, out: *mut u64) -> u32 {
    let Some(l) = vm().and_then(mt_layout) else { return 1 };
    let inst = inst as usize;
    let (Some(a), Some(b)) = (unsafe { mt_next(inst, l) }, unsafe { mt_next(inst, l) }) else { return 1 };
    let x = ((a >> 5) as f64 * 67108864.0 + (b >> 6) as f64) * (1.0 / 9007199254740992.0);
    unsafe { *out = x.to_bits() };
    0
}

/// `_randbelow(n)` (random.py's `_randbelow_with_getrandbits`): draws of
/// `getrandbits(n.bit_length())` until one is below `n`.
unsafe extern "C" fn mt_randbelow(inst: u64, n: u64, _: u64, out: *mut u64) -> u32 {
    let Some(l) = vm().and_then(mt_layout) else { return 1 };
    let n = n as i64;
    if n < 1 {
        return 1;
    }
    let k = 64 - (n as u64).leading_zeros();
    let inst = inst as usize;
    loop {
        // getrandbits(k): 32-bit words, least significant first, the last
        // one cut to the bits left.
        let r = if k <= 32 {
            let Some(w) = (unsafe { mt_next(inst, l) }) else { return 1 };
            (w >> (32 - k)) as u64
        } else {
            let (Some(lo), Some(hi)) = (unsafe { mt_next(inst, l) }, unsafe { mt_next(inst, l) }) else { return 1 };
            lo as u64 | ((hi >> (64 - k)) as u64) << 32
        };
        if r < n as u64 {
            unsafe { *out = r };
            return 0;
        }
    }
}

pub(super) fn register(t: &mut RuntimeTable) {
    t.insert(RtFn::MtRandom, mt_random);
    t.insert(RtFn::MtRandbelow, mt_randbelow);
    for f in RtFn::randoms() {
        if let RtFn::Random { f: rf, a, b } = f
            && let Some(entry) = random_entry(rf, a, b)
        {
            t.insert(f, entry);
        }
    }
}
