//! Where RustPython keeps things inside its objects, measured on live
//! objects at first use rather than assumed (the Rust layout of its types
//! is not specified): a list's items and length, an object's class and
//! reference count, a float's value (`ObjLayout`), a tuple's items
//! (`TupleLayout`), an instance dict's entry array (`DictLayout`), and
//! a `random.Random`'s Mersenne Twister state (`MtLayout`). Each answer is
//! `None` where measuring finds anything unexpected; compiled code then
//! goes through the runtime's calls instead of reading memory.

use pyjit_tracer::{DictLayout, IntLayout, ObjLayout, TupleLayout};
use rustpython_vm::builtins::{PyFloat, PyInt, PyList};
use rustpython_vm::{AsObject, PyObject, PyObjectRef, VirtualMachine};

/// Where RustPython keeps a list's elements, an object's class and a
/// float's value, measured on live objects rather than assumed (the Rust
/// layout of `Vec` and of the lock around it is not specified). Each offset
/// must be found exactly once and then hold on objects of other sizes;
/// anything unexpected gives `None`, and compiled code calls the runtime.
pub(crate) fn layout(vm: &VirtualMachine) -> Option<ObjLayout> {
    use std::sync::OnceLock;
    // The type objects are the VM's statics: one answer per process.
    static LAYOUT: OnceLock<Option<ObjLayout>> = OnceLock::new();
    *LAYOUT.get_or_init(|| measure(vm))
}

pub(crate) fn addr<T: ?Sized>(r: &T) -> usize {
    r as *const T as *const u8 as usize
}

/// The offsets in `0..end` (multiples of 8) of `base` holding `word`.
fn find_word(base: usize, end: usize, word: u64) -> Vec<usize> {
    (0..end / 8)
        .map(|k| k * 8)
        // SAFETY: the caller passes a live object and an end inside it.
        .filter(|off| unsafe { ((base + off) as *const u64).read_unaligned() } == word)
        .collect()
}

/// The one offset in `0..size` at which every object (its address) holds
/// the word given with it (objects of one type that differ in that word).
fn common_offset(objs: &[(usize, u64)], size: usize) -> Option<usize> {
    let mut offs: Option<Vec<usize>> = None;
    for &(base, word) in objs {
        let here = find_word(base, size, word);
        offs = Some(match offs {
            None => here,
            Some(o) => o.into_iter().filter(|x| here.contains(x)).collect(),
        });
    }
    match offs?[..] {
        [o] => Some(o),
        _ => None,
    }
}

fn read_word(base: usize, off: usize) -> u64 {
    // SAFETY: offsets measured inside live objects of the same type.
    unsafe { ((base + off) as *const u64).read_unaligned() }
}

fn measure(vm: &VirtualMachine) -> Option<ObjLayout> {
    let types = &vm.ctx.types;
    let f = vm.ctx.new_float(-1234.5678e-9);
    let f_obj = addr(f.as_object());
    // PyRef -> Py<PyFloat> -> the payload, whose one field is the f64.
    let payload: &PyFloat = &f;
    let f_val = addr(payload) - f_obj;
    let class = match find_word(f_obj, f_val, addr(types.float_type) as u64)[..] {
        [c] => c,
        _ => return None,
    };
    if read_word(f_obj, f_val) != (-1234.5678e-9f64).to_bits() {
        return None;
    }
    // Lists with capacity != length, so the two words differ.
    let mk = |n: usize| {
        let mut v = Vec::with_capacity(n * 2 + 3);
        v.extend((0..n).map(|i| vm.ctx.new_float(i as f64).into()));
        vm.ctx.new_list(v)
    };
    // The element pointer and the length: the words of a list object
    // that hold them, for two lists of different lengths.
    let size = std::mem::size_of::<rustpython_vm::Py<PyList>>();
    let lists = [mk(3), mk(17)];
    let found = |want: &dyn Fn(&[PyObjectRef]) -> u64| {
        let words: Vec<(usize, u64)> = lists.iter().map(|l| (addr(l.as_object()), want(&l.borrow_vec()))).collect();
        common_offset(&words, size)
    };
    let items = found(&|v| v.as_ptr() as u64)?;
    let len = found(&|v| v.len() as u64)?;
    if !lists.iter().all(|l| read_word(addr(l.as_object()), class) == addr(types.list_type) as u64) {
        return None;
    }
    // The reference count: the one word of a float that moves by one with
    // one more reference.
    let one: PyObjectRef = vm.ctx.new_float(0.25).into();
    let before: Vec<u64> = (0..f_val / 8).map(|k| read_word(addr(&*one), k * 8)).collect();
    let two = one.clone();
    let changed: Vec<usize> = (0..f_val / 8).filter(|k| read_word(addr(&*one), k * 8) == before[*k] + 1).collect();
    drop(two);
    let [rc_word] = changed[..] else { return None };
    let refcount = rc_word * 8;
    if one.strong_count() != 1 || read_word(addr(&*one), refcount) != before[rc_word] {
        return None;
    }
    let t = vm.ctx.true_value.clone();
    if read_word(addr(t.as_object()), class) != addr(types.bool_type) as u64 {
        return None;
    }
    Some(ObjLayout {
        class: class as i64,
        list_items: items as i64,
        list_len: len as i64,
        float_value: f_val as i64,
        float_type: addr(types.float_type) as u64,
        bool_type: addr(types.bool_type) as u64,
        list_type: addr(types.list_type) as u64,
        true_obj: addr(t.as_object()) as u64,
        false_obj: addr(vm.ctx.false_value.as_object()) as u64,
        // PEP 683: an immortal object reports CPython's immortal count.
        immortal_bools: [&vm.ctx.true_value, &vm.ctx.false_value].iter().all(|o| o.as_object().strong_count() == u32::MAX as usize),
        refcount: refcount as i64,
        refcount_one: before[rc_word],
        dict: measure_dict(vm),
        tuple: measure_tuple(vm),
        int: measure_int(vm),
        watched_writes: &rustpython_vm::builtins::WATCHED_WRITES as *const _ as u64,
    })
}


/// Finds `IntLayout`: in ints of one-word magnitude, the word holding the
/// magnitude, a word that is the same in all of them, different in ints
/// of two words and no capacity (the tag of the small form), and the one
/// byte that tells negative from non-negative ones. Checked by decoding
/// other ints.
fn measure_int(vm: &VirtualMachine) -> Option<IntLayout> {
    use malachite_bigint::BigInt;
    let size = std::mem::size_of::<rustpython_vm::Py<PyInt>>();
    let int = |v: BigInt| -> PyObjectRef { vm.ctx.new_int(v).into() };
    let mags: [u64; 4] = [0x1234_5678_9abc_def1, 0x0fed_cba9_8765_4321, 0x5a5a_a5a5_3c3c_c3c3, i64::MAX as u64];
    let pos: Vec<PyObjectRef> = mags.iter().map(|&m| int(BigInt::from(m))).collect();
    let neg: Vec<PyObjectRef> = mags.iter().map(|&m| int(-BigInt::from(m))).collect();
    let big: Vec<PyObjectRef> = [BigInt::from(1u8) << 70u32, -(BigInt::from(3u8) << 100u32)].into_iter().map(int).collect();
    let small: Vec<&PyObjectRef> = pos.iter().chain(&neg).collect();
    let all: Vec<&PyObjectRef> = small.iter().copied().chain(&big).collect();
    let with_mag: Vec<(usize, u64)> = pos.iter().chain(&neg).zip(mags.iter().chain(&mags)).map(|(o, &m)| (addr(&**o), m)).collect();
    let magnitude = common_offset(&with_mag, size)?;
    let word = |o: &PyObjectRef, off: usize| read_word(addr(&**o), off);
    let tags: Vec<usize> = (0..size / 8)
        .map(|k| k * 8)
        .filter(|&off| off != magnitude && small.iter().all(|o| word(o, off) == word(small[0], off)) && big.iter().all(|o| word(o, off) != word(small[0], off)))
        // The digit vector's capacity word, where the small form puts a
        // value no capacity can have (above isize::MAX); the other words
        // of that vector are left as they were in the small form.
        .filter(|&off| word(small[0], off) > isize::MAX as u64)
        .collect();
    let [tag] = tags[..] else { return None };
    // SAFETY: offsets inside live int objects.
    let byte = |o: &PyObjectRef, off: usize| unsafe { *((addr(&**o) + off) as *const u8) };
    let signs: Vec<usize> = (0..size)
        .filter(|&off| {
            let (p, n) = (byte(&pos[0], off), byte(&neg[0], off));
            p != n && pos.iter().all(|o| byte(o, off) == p) && neg.iter().all(|o| byte(o, off) == n)
        })
        .collect();
    let [sign] = signs[..] else { return None };
    let layout = IntLayout {
        int_type: addr(vm.ctx.types.int_type) as u64,
        tag: tag as i64,
        small_tag: word(small[0], tag),
        magnitude: magnitude as i64,
        sign: sign as i64,
        negative: byte(&neg[0], sign),
    };
    // Decoding as compiled code does gives each value, or leaves it to
    // the runtime (a class other than int, two words, -2**63).
    let decode = |o: &PyObject| -> Option<i64> {
        if !o.class().is(vm.ctx.types.int_type) || read_word(addr(o), tag) != layout.small_tag {
            return None;
        }
        let m = read_word(addr(o), magnitude) as i64;
        // SAFETY: a live int's sign byte (measured above).
        let negative = unsafe { *((addr(o) + sign) as *const u8) } == layout.negative;
        (m >= 0).then_some(if negative { m.wrapping_neg() } else { m })
    };
    let probes: Vec<i64> = vec![0, 1, -1, 7, -7, 255, 256, -256, 1 << 40, -(1 << 40), i64::MAX, i64::MIN + 1];
    for v in probes {
        if decode(&int(BigInt::from(v))) != Some(v) {
            return None;
        }
    }
    let edge = [int(BigInt::from(i64::MIN)), int(BigInt::from(u64::MAX)), int(-BigInt::from(u64::MAX))];
    if all.iter().copied().chain(&edge).any(|o| decode(o).is_some_and(|v| BigInt::from(v) != *o.downcast_ref::<PyInt>().expect("an int").as_bigint())) {
        return None;
    }
    if edge.iter().any(|o| decode(o).is_some()) || decode(vm.ctx.true_value.as_object()).is_some() {
        return None;
    }
    Some(layout)
}

/// Finds `TupleLayout`: the words of a tuple object holding its item
/// pointer and its length, for tuples of two lengths.
fn measure_tuple(vm: &VirtualMachine) -> Option<TupleLayout> {
    use rustpython_vm::builtins::PyTuple;
    let mk = |n: usize| vm.ctx.new_tuple((0..n).map(|i| vm.ctx.new_float(i as f64).into()).collect());
    let ts = [mk(3), mk(17)];
    let size = std::mem::size_of::<rustpython_vm::Py<PyTuple>>();
    let found = |want: &dyn Fn(&PyTuple) -> u64| {
        let words: Vec<(usize, u64)> = ts.iter().map(|t| (addr(t.as_object()), want(t))).collect();
        common_offset(&words, size)
    };
    let items = found(&|t| t.as_slice().as_ptr() as u64)?;
    let len = found(&|t| t.len() as u64)?;
    Some(TupleLayout { tuple_type: addr(vm.ctx.types.tuple_type) as u64, items: items as i64, len: len as i64 })
}

/// The readable address ranges of this process (`/proc/self/maps`): a
/// word of a dict object is followed as a pointer only if it points into
/// one, so measuring never reads unmapped memory.
fn readable_ranges() -> Vec<(usize, usize)> {
    let Ok(maps) = std::fs::read_to_string("/proc/self/maps") else { return Vec::new() };
    maps.lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let (range, perms) = (f.next()?, f.next()?);
            let (a, b) = range.split_once('-')?;
            perms.starts_with('r').then(|| Some((usize::from_str_radix(a, 16).ok()?, usize::from_str_radix(b, 16).ok()?)))?
        })
        .collect()
}

/// Finds `DictLayout` on instances of a class made for the purpose: the
/// dict pointer in front of each instance, then in each dict the pointer
/// to an array holding its keys and values (`d.items()`, in order) at a
/// common stride, and the length word beside it. A deleted entry must read
/// as a null key (so a key compare rejects it).
fn measure_dict(vm: &VirtualMachine) -> Option<DictLayout> {
    use rustpython_vm::builtins::PyDict;
    // Made through the object API: measuring runs no bytecode, so no
    // loop or call hook can re-enter the JIT.
    let empty = vm.ctx.new_tuple(vec![]);
    let cls = vm.ctx.types.type_type.as_object().call((vm.ctx.new_str("_pyjit_layout"), empty, vm.ctx.new_dict()), vm).ok()?;
    let make = |n: usize, prefix: &str| -> Option<PyObjectRef> {
        let o = cls.call((), vm).ok()?;
        for k in 0..n {
            o.set_attr(vm.ctx.intern_str(format!("{prefix}{k}")), vm.ctx.new_float(k as f64 + 0.5), vm).ok()?;
        }
        Some(o)
    };
    let objs = [make(3, "a")?, make(11, "b")?, make(5, "c")?];
    objs[2].del_attr(vm.ctx.intern_str("c2"), vm).ok()?;
    let dicts: Vec<rustpython_vm::PyRef<PyDict>> = objs.iter().map(|o| o.dict()).collect::<Option<_>>()?;
    if !dicts.iter().all(|d| d.class().is(vm.ctx.types.dict_type)) {
        return None;
    }
    // The dict pointer: in the prefix in front of the object.
    let inst_dict = (1..=8).map(|k| -(8 * k as i64)).find(|&off| {
        // SAFETY: the prefix is part of each instance's allocation.
        objs.iter().zip(&dicts).all(|(o, d)| unsafe { ((addr(&**o) as i64 + off) as usize as *const u64).read_unaligned() } == addr(d.as_object()) as u64)
    })?;
    // Each dict's live entries in order, and where a hole is.
    let items: Vec<Vec<(u64, u64)>> = dicts
        .iter()
        .map(|d| d.into_iter().map(|(k, v)| (addr(&*k) as u64, addr(&*v) as u64)).collect())
        .collect();
    let sizes: Vec<usize> = dicts.iter().map(|d| d.size().entries_size).collect();
    if sizes != [3, 11, 5] {
        return None;
    }
    let ranges = readable_ranges();
    let readable = |p: usize, len: usize| ranges.iter().any(|&(a, b)| a <= p && p.checked_add(len).is_some_and(|e| e <= b));
    let size = std::mem::size_of::<rustpython_vm::Py<PyDict>>();
    for entries in (0..size).step_by(8) {
        for stride in [24usize, 32, 40, 48, 56, 64] {
            for key in (0..stride).step_by(8) {
                for value in (0..stride).step_by(8).filter(|&v| v != key) {
                    let fits = dicts.iter().zip(&items).zip(&sizes).all(|((d, it), &n)| {
                        let base = read_word(addr(d.as_object()), entries) as usize;
                        if base % 8 != 0 || !readable(base, n * stride) {
                            return false;
                        }
                        // Live entries in order; c's third (index 2) deleted.
                        let mut live = it.iter();
                        (0..n).all(|i| {
                            let (k, v) = (read_word(base, i * stride + key), read_word(base, i * stride + value));
                            if n == 5 && i == 2 {
                                return k == 0;
                            }
                            live.next() == Some(&(k, v))
                        })
                    });
                    if !fits {
                        continue;
                    }
                    // The length: a word beside the pointer equal to each
                    // entry count (the capacity differs: 4, 16, 8).
                    let len = [entries.wrapping_sub(8), entries + 8, entries.wrapping_sub(16), entries + 16]
                        .into_iter()
                        .filter(|&o| o < size)
                        .find(|&o| dicts.iter().zip(&sizes).all(|(d, &n)| read_word(addr(d.as_object()), o) == n as u64))?;
                    return Some(DictLayout {
                        inst_dict,
                        dict_type: addr(vm.ctx.types.dict_type) as u64,
                        entries: entries as i64,
                        entries_len: len as i64,
                        stride: stride as i64,
                        key: key as i64,
                        value: value as i64,
                    });
                }
            }
        }
    }
    None
}

/// The address of `o`'s instance dict's entry array, and the keys it
/// holds (a deleted entry as 0), read with `l`.
///
/// # Safety
/// `o` is an instance of a class with a dict slot.
pub(crate) unsafe fn raw_keys(o: &PyObject, l: DictLayout) -> Option<(u64, Vec<u64>)> {
    let d = o.dict()?;
    let base = addr(d.as_object());
    let entries = read_word(base, l.entries as usize) as usize;
    let n = read_word(base, l.entries_len as usize) as usize;
    Some((entries as u64, (0..n).map(|i| read_word(entries, i * l.stride as usize + l.key as usize)).collect()))
}

/// The keys of the dict `d` (an exact dict) in entry order, as
/// addresses (0 for a deleted entry).
pub(crate) fn dict_keys(d: &PyObject, l: DictLayout) -> Vec<u64> {
    let base = addr(d);
    let entries = read_word(base, l.entries as usize) as usize;
    let n = read_word(base, l.entries_len as usize) as usize;
    (0..n).map(|i| read_word(entries, i * l.stride as usize + l.key as usize)).collect()
}

/// Where a `_random.Random` keeps its Mersenne Twister (byte offsets in
/// the object): the 624 state words and the index of the next one.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MtLayout {
    pub(crate) mt: usize,
    pub(crate) mti: usize,
}

/// The Mersenne Twister's state words.
pub(crate) const MT_N: usize = 624;

/// Measured once on probe generators against what `getstate()` reports,
/// before and after a draw, on the C-level class and on `random.Random`.
pub(crate) fn mt_layout(vm: &VirtualMachine) -> Option<MtLayout> {
    use std::sync::OnceLock;
    static MT: OnceLock<Option<MtLayout>> = OnceLock::new();
    *MT.get_or_init(|| measure_mt(vm))
}

fn mt_state(o: &PyObject, vm: &VirtualMachine) -> Option<Vec<u64>> {
    let t = vm.call_method(o, "getstate", ()).ok()?;
    let t = t.downcast_ref::<rustpython_vm::builtins::PyTuple>()?;
    // random.Random's getstate wraps the C-level one: (version, state, gauss_next).
    let words = match t.as_slice() {
        [_, inner, _] => inner.downcast_ref::<rustpython_vm::builtins::PyTuple>()?.as_slice().to_vec(),
        all => all.to_vec(),
    };
    let v: Option<Vec<u64>> = words.iter().map(|w| u64::try_from(w.downcast_ref::<PyInt>()?.as_bigint()).ok()).collect();
    v.filter(|v| v.len() == MT_N + 1)
}

fn holds_state(obj: usize, l: MtLayout, s: &[u64]) -> bool {
    // SAFETY: offsets inside the probe's payload, found by the scan below.
    let words = (0..MT_N).all(|k| unsafe { ((obj + l.mt + 4 * k) as *const u32).read_unaligned() } as u64 == s[k]);
    words && read_word(obj, l.mti) == s[MT_N]
}

fn measure_mt(vm: &VirtualMachine) -> Option<MtLayout> {
    let start = layout(vm)?.float_value as usize;
    let base = vm.import("_random", 0).ok()?.get_attr("Random", vm).ok()?;
    let probe = base.call((vm.ctx.new_int(20261125),), vm).ok()?;
    let obj = addr(probe.as_object());
    let s = mt_state(&probe, vm)?;
    // The payload: a one-byte lock, then the generator (624 words and an
    // index, in an order Rust chooses).
    let size = 8 + MT_N * 4 + 8;
    let mt = (start..start + size - MT_N * 4).step_by(4).find(|&o| {
        (0..4).all(|k| unsafe { ((obj + o + 4 * k) as *const u32).read_unaligned() } as u64 == s[k])
    })?;
    let mti = (start..start + size)
        .step_by(8)
        .filter(|&o| o + 8 <= mt || o >= mt + MT_N * 4)
        .find(|&o| read_word(obj, o) == s[MT_N])?;
    let l = MtLayout { mt, mti };
    if !holds_state(obj, l, &s) {
        return None;
    }
    vm.call_method(&probe, "random", ()).ok()?;
    if !holds_state(obj, l, &mt_state(&probe, vm)?) {
        return None;
    }
    let py = vm.import("random", 0).ok()?.get_attr("Random", vm).ok()?.call((vm.ctx.new_int(7),), vm).ok()?;
    vm.call_method(&py, "random", ()).ok()?;
    holds_state(addr(py.as_object()), l, &mt_state(&py, vm)?).then_some(l)
}
