//! Builtin functions: what CALL does with one, the builtins of numbers
//! (`abs`, `min`, `round`, `range`, math functions, ...), `len`,
//! `isinstance` and `type`, and `random`'s functions.

use super::recorder::{At, Flow, R, Recorder, abort};
use super::state::{Av, State};
use crate::bytecode::{BinKind, Builtin, CmpKind};
use pyjit_ir::{BinOp, Block, CheckedOp, CheckedUnOp, InstKind, MathFn, RandomFn, RtFn, Terminator, Type, UnOp, Value};

impl Recorder<'_, '_> {
    /// A call of builtin `builtin` (the object `id`) with `args`, the callee
    /// already off the stack: `random`'s and numpy's random functions,
    /// reductions of a list, `isinstance`/`type`, numpy's functions of
    /// arrays and scalars, complex numbers, `min`/`max` of mixed types (two
    /// paths), and the builtins of numbers (`call_builtin`).
    pub(super) fn call_builtin_op(&mut self, mut b: Block, st: &mut State, at: &At<'_>, builtin: Builtin, id: u32, args: Vec<Av>) -> R<Flow> {
        let &At { pc, next, pre, .. } = at;
        if let Builtin::Random(rf) | Builtin::NpRandom(rf) = builtin {
            // numpy's defaults, passed: uniform()/normal() are
            // (0.0, 1.0), randint(n) is randint(0, n).
            let mut args = args;
            if builtin == Builtin::NpRandom(rf) {
                match (rf, args.len()) {
                    (RandomFn::Uniform | RandomFn::Gauss, 0) => {
                        args = vec![Av::V(self.t.const_f64(b, 0.0)), Av::V(self.t.const_f64(b, 1.0))];
                    }
                    (RandomFn::Randint, 1) => args.insert(0, Av::V(self.t.const_i64(b, 0))),
                    _ => {}
                }
            }
            let v = self.random_call(b, id, rf, &args, pc, pre)?;
            // An effect: an exit that would redo it is refused.
            st.stores += 1;
            st.stack.push(Av::V(v));
            return Ok(Flow::Next(b));
        }
        if let (Builtin::Sum | Builtin::Min | Builtin::Max, [lst @ (Av::List(_) | Av::Row { .. })]) = (builtin, &args[..]) {
            let (after, v) = self.reduce_list(b, builtin, *lst, pc, pre)?;
            b = after;
            st.stack.push(Av::V(v));
            return Ok(Flow::Next(b));
        }
        if matches!(builtin, Builtin::IsInstance | Builtin::Type) {
            let Some(v) = self.class_builtin(b, builtin, &args) else {
                return self.call_through_vm(b, st, at, &format!("{builtin:?}() of a value whose class the trace does not know"));
            };
            st.stack.push(v);
            return Ok(Flow::Next(b));
        }
        if matches!(builtin, Builtin::NpReduce(_) | Builtin::NpDot) {
            let z = match (builtin, &args[..]) {
                (Builtin::NpReduce(r), [Av::Arr(k)]) => self.np_reduce(b, r, *k, pc, pre),
                // Of one dtype: the module's kernel, as `@`.
                (Builtin::NpDot, [Av::Arr(i), Av::Arr(j)])
                    if self.arrays[*i as usize].mem == self.arrays[*j as usize].mem
                        && self.arrays[*i as usize].shape.len() == 1
                        && self.arrays[*j as usize].shape.len() == 1 =>
                {
                    self.np_matmul(b, *i, *j, pc, pre)
                }
                (Builtin::NpDot, [Av::Arr(i), Av::Arr(j)]) => self.np_dot(b, id, *i, *j, pc, pre),
                _ => None,
            };
            let Some(z) = z else {
                return self.leave(b, pc, pre, format!("{builtin:?} of these arguments"));
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        if let (Builtin::NpUnary, [Av::Obj(name), Av::Arr(k)]) = (builtin, &args[..]) {
            let Some(z) = self.np_unary_arr(b, *name, *k, pc, pre) else {
                return self.leave(b, pc, pre, "a numpy ufunc of this array");
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        if matches!(builtin, Builtin::NpUnary | Builtin::NpBinary) {
            let v = if builtin == Builtin::NpUnary { self.np_unary(b, &args) } else { self.np_binary_scalar(b, &args) };
            let Some(v) = v else {
                return self.leave(b, pc, pre, "a numpy ufunc of these arguments");
            };
            st.stack.push(Av::Np(v));
            return Ok(Flow::Next(b));
        }
        if args.iter().any(|a| matches!(a, Av::Complex(..))) || builtin == Builtin::Complex {
            let Some(z) = self.complex_builtin(b, builtin, &args, pc, pre)? else {
                return self.call_through_vm(b, st, at, &format!("{builtin:?}() of these arguments"));
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        // min/max of two Python numbers of different types:
        // the one chosen keeps its type, so the recording goes
        // on along two paths (`min(2.0, i)`, `max(0, x)`).
        if let (Builtin::Min | Builtin::Max, [Av::V(x), Av::V(y)]) = (builtin, &args[..])
            && (self.t.ty(*x) == Type::F64) != (self.t.ty(*y) == Type::F64)
        {
            // Python keeps the first unless the second is
            // strictly less (min) or greater (max).
            let kind = if builtin == Builtin::Min { CmpKind::Lt } else { CmpKind::Gt };
            let second = self.compare(b, kind, *y, *x, pc, pre)?;
            let mut then_st = st.clone();
            then_st.stack.push(Av::V(*y));
            st.stack.push(Av::V(*x));
            let then = self.edge(next, then_st)?;
            let els = self.edge(next, std::mem::take(st))?;
            self.t.set_term(b, Terminator::Branch { cond: second, then, els });
            return Ok(Flow::Done);
        }
        // What the builtin's own recording does not cover (its arguments
        // of other kinds) goes through the VM.
        let r = match self.call_builtin(b, builtin, &args, pc, pre) {
            Err(a) if !a.reason.contains("too large") => return self.call_through_vm(b, st, at, &a.reason),
            r => r?,
        };
        match r {
            Some(av) => st.stack.push(av),
            None => {
                let call = self.exit_call(pc, pre, "call raises");
                self.t.set_term(b, Terminator::Jump(call));
                return Ok(Flow::Done);
            }
        }
        Ok(Flow::Next(b))
    }

    /// A call to a builtin; `None` where Python raises.
    fn call_builtin(&mut self, b: Block, f: Builtin, args: &[Av], pc: u32, pre: &State) -> R<Option<Av>> {
        if matches!(f, Builtin::Enumerate | Builtin::Zip | Builtin::Reversed) {
            return self.iter_builtin(b, f, args, pc).map(Some);
        }
        if f == Builtin::Len {
            if let [Av::List(k)] = args {
                let obj = self.lists[*k as usize].obj;
                return Ok(Some(Av::V(self.list_len(b, obj))));
            }
            if let [Av::Row { obj, .. }] = args {
                return Ok(Some(Av::V(self.list_len(b, *obj))));
            }
            if let [Av::Tuple(t)] = args {
                let n = self.tuples[*t as usize].len() as i64;
                return Ok(Some(Av::V(self.t.const_i64(b, n))));
            }
            return match args {
                [Av::Arr(k)] => match self.arrays[*k as usize].shape.first() {
                    Some(n) => Ok(Some(Av::V(*n))),
                    None => Ok(None),
                },
                [Av::Dict(d)] => {
                    let obj = self.dicts[*d as usize].0;
                    Ok(Some(Av::V(self.t.push(b, Type::I64, InstKind::Call { f: RtFn::DictLen, args: vec![obj], exit: None }))))
                }
                // A str the trace holds (a constant, or one checked by
                // identity at entry): immutable, so its length is one.
                [Av::Range { len, .. }] => Ok(Some(Av::V(*len))),
                [Av::Obj(id)] if let Some(text) = self.world.str_value(*id) => Ok(Some(Av::V(self.t.const_i64(b, text.chars().count() as i64)))),
                // Anything else: the VM's (object mode), which raises what
                // the interpreter would.
                _ => abort(pc, "len() of an object the trace does not specialize"),
            };
        }
        // Small numpy scalars: what converts them to Python numbers takes
        // their value; abs(), min(), max(), round() keep numpy types.
        let widened: Vec<Av>;
        let args = if args.iter().any(|a| matches!(a, Av::NpS(..))) {
            let converts = matches!(
                f,
                Builtin::Float | Builtin::Int | Builtin::Bool | Builtin::Math(_) | Builtin::Range | Builtin::IsNan | Builtin::IsInf | Builtin::IsFinite | Builtin::Floor | Builtin::Ceil | Builtin::Trunc
            );
            if !converts {
                return Ok(None);
            }
            widened = args.iter().map(|a| if let Av::NpS(v, _) = a { Av::V(*v) } else { *a }).collect();
            &widened[..]
        } else {
            args
        };
        // numpy scalars: abs() and min()/max() of them give numpy scalars;
        // the other builtins take them as the numbers they are.
        let nps = args.iter().filter(|a| matches!(a, Av::Np(_))).count();
        let keep_np = match f {
            _ if nps == 0 => false,
            Builtin::Abs => true,
            Builtin::Min | Builtin::Max if nps == args.len() => true,
            Builtin::Min | Builtin::Max | Builtin::Divmod => {
                return abort(pc, format!("{f:?} mixing numpy scalars and Python numbers"));
            }
            Builtin::Round if args.len() == 2 => return abort(pc, "round(numpy scalar, n)"),
            _ => false,
        };
        if keep_np && args.iter().any(|a| matches!(a, Av::Np(v) if self.t.ty(*v) == Type::Bool)) {
            return abort(pc, format!("{f:?} of an np.bool_"));
        }
        let r = self.call_builtin_on_numbers(b, f, args, pc, pre)?;
        Ok(match r {
            Some(Av::V(v)) if keep_np => Some(Av::Np(v)),
            r => r,
        })
    }

    /// A builtin of numbers (`args` Python numbers or numpy scalars' values,
    /// which `call_builtin` has sorted out); `None` where Python raises.
    fn call_builtin_on_numbers(&mut self, b: Block, f: Builtin, args: &[Av], pc: u32, pre: &State) -> R<Option<Av>> {
        let vals: Option<Vec<Value>> = args.iter().map(|a| self.num(a)).collect();
        let Some(vals) = vals else {
            return abort(pc, format!("{f:?} of something other than numbers"));
        };
        let tys: Vec<Type> = vals.iter().map(|v| self.t.ty(*v)).collect();
        let one = |n: usize| vals.len() == n;
        let v = match f {
            Builtin::Range => {
                if vals.is_empty() || vals.len() > 3 || tys.contains(&Type::F64) {
                    return Ok(None);
                }
                let ints: Vec<Value> = vals.iter().map(|v| self.as_int(b, *v)).collect();
                let (start, stop, step) = match ints.len() {
                    1 => (self.t.const_i64(b, 0), ints[0], self.t.const_i64(b, 1)),
                    2 => (ints[0], ints[1], self.t.const_i64(b, 1)),
                    _ => (ints[0], ints[1], ints[2]),
                };
                let len = self.range_len(b, start, stop, step, pc, pre);
                return Ok(Some(Av::Range { start, stop, step, len }));
            }
            Builtin::Abs if one(1) => match tys[0] {
                Type::F64 => self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FAbs, a: vals[0] }),
                _ => {
                    let x = self.as_int(b, vals[0]);
                    let exit = self.exit_here(pc, pre, "overflow");
                    self.t.push(b, Type::I64, InstKind::CheckedUnary { op: CheckedUnOp::IAbs, a: x, exit })
                }
            },
            Builtin::Min | Builtin::Max if vals.len() >= 2 => {
                if tys.iter().any(|t| *t != tys[0]) {
                    return abort(pc, "min/max of mixed types");
                }
                let op = if f == Builtin::Min { BinOp::Lt } else { BinOp::Gt };
                let mut cur = vals[0];
                for &x in &vals[1..] {
                    let (a, c) = if tys[0] == Type::Bool {
                        (self.as_int(b, x), self.as_int(b, cur))
                    } else {
                        (x, cur)
                    };
                    let better = self.t.push(b, Type::Bool, InstKind::Binary { op, a, b: c });
                    cur = self.t.push(b, tys[0], InstKind::Select { cond: better, a: x, b: cur });
                }
                cur
            }
            Builtin::Int if one(1) => match tys[0] {
                Type::F64 => {
                    let exit = self.exit_here(pc, pre, "int() of nan/inf or a big float");
                    self.t.push(b, Type::I64, InstKind::CheckedUnary { op: CheckedUnOp::FToITrunc, a: vals[0], exit })
                }
                _ => self.as_int(b, vals[0]),
            },
            Builtin::Float if one(1) => self.as_float(b, vals[0]),
            Builtin::Bool if one(1) => self.truth(b, Av::V(vals[0]), pc)?,
            // divmod(x, y) is (x // y, x % y) in CPython, for ints and
            // floats alike; an exit redoes the call, which raises.
            Builtin::Divmod if one(2) => {
                let q = self.binary(b, BinKind::FloorDiv, vals[0], vals[1], pc, pre)?;
                let r = self.binary(b, BinKind::Mod, vals[0], vals[1], pc, pre)?;
                let (Some(q), Some(r)) = (q, r) else { return Ok(None) };
                return Ok(Some(self.new_tuple(vec![Av::V(q), Av::V(r)])));
            }
            // round(x, n) for a float x and an int n: a float.
            Builtin::Round if one(2) && tys[0] == Type::F64 && tys[1] != Type::F64 => {
                let n = self.as_int(b, vals[1]);
                let nf = self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::IToF, a: n });
                let exit = self.exit_here(pc, pre, "round() overflows");
                self.t.push(b, Type::F64, InstKind::Math { f: MathFn::RoundDigits, args: vec![vals[0], nf], exit: Some(exit) })
            }
            // round(x, n) for an int x and a constant n: x for n >= 0, else
            // half to even at 10**-n (an i64 overflow exits: the
            // interpreter makes the big int).
            Builtin::Round if one(2) && tys[0] != Type::F64 && tys[1] != Type::F64 => return self.round_int(b, &vals, pc, pre),
            Builtin::Round if one(1) => match tys[0] {
                Type::F64 => {
                    let exit = self.exit_here(pc, pre, "round() of nan/inf or a big float");
                    self.t.push(b, Type::I64, InstKind::CheckedUnary { op: CheckedUnOp::FRoundToI, a: vals[0], exit })
                }
                _ => self.as_int(b, vals[0]),
            },
            Builtin::Floor | Builtin::Ceil | Builtin::Trunc if one(1) => match tys[0] {
                Type::F64 => {
                    let op = match f {
                        Builtin::Floor => CheckedUnOp::FFloorToI,
                        Builtin::Ceil => CheckedUnOp::FCeilToI,
                        _ => CheckedUnOp::FToITrunc,
                    };
                    let exit = self.exit_here(pc, pre, "float to int of nan/inf or a big float");
                    self.t.push(b, Type::I64, InstKind::CheckedUnary { op, a: vals[0], exit })
                }
                _ => self.as_int(b, vals[0]),
            },
            Builtin::IsNan | Builtin::IsInf | Builtin::IsFinite if one(1) => {
                let x = self.as_float(b, vals[0]);
                match f {
                    Builtin::IsNan => self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: x, b: x }),
                    _ => {
                        let ax = self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::FAbs, a: x });
                        let inf = self.t.const_f64(b, f64::INFINITY);
                        let op = if f == Builtin::IsInf { BinOp::Eq } else { BinOp::Lt };
                        self.t.push(b, Type::Bool, InstKind::Binary { op, a: ax, b: inf })
                    }
                }
            }
            Builtin::Math(mf) if vals.len() == mf.arity() => {
                let args: Vec<Value> = vals.iter().map(|v| self.as_float(b, *v)).collect();
                let exit = self.exit_here(pc, pre, "math domain or range error");
                self.t.push(b, Type::F64, InstKind::Math { f: mf, args, exit: Some(exit) })
            }
            _ => return abort(pc, format!("{f:?} with these arguments")),
        };
        Ok(Some(Av::V(v)))
    }

    /// `round(x, n)` of an int `x` and a constant `n` (`vals`), the int
    /// `round` gives: `x` for `n >= 0`, else half to even at `10**-n`.
    fn round_int(&mut self, b: Block, vals: &[Value], pc: u32, pre: &State) -> R<Option<Av>> {
        let x = self.as_int(b, vals[0]);
        let n = self.as_int(b, vals[1]);
        let Some(n) = self.t.const_bits(n).map(|bits| bits as i64) else {
            return abort(pc, "round(int, n) with n not a constant");
        };
        if n >= 0 {
            return Ok(Some(Av::V(x)));
        }
        let exit = self.exit_here(pc, pre, "round() of an int overflows");
        let digits = n.unsigned_abs();
        if digits >= 20 {
            // |x| < 2**63 < 10**20 / 2: always 0.
            return Ok(Some(Av::V(self.t.const_i64(b, 0))));
        }
        if digits == 19 {
            // 0 unless |x| > 5 * 10**18, where the result (±10**19)
            // leaves i64.
            let half = self.t.const_i64(b, 5_000_000_000_000_000_000);
            let neg_half = self.t.const_i64(b, -5_000_000_000_000_000_000);
            let hi = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: x, b: half });
            let lo = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Lt, a: x, b: neg_half });
            let out = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BOr, a: hi, b: lo });
            self.t.push_guard(b, out, false, exit);
            return Ok(Some(Av::V(self.t.const_i64(b, 0))));
        }
        let p = self.t.const_i64(b, 10i64.pow(digits as u32));
        let q = self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::IFloorDiv, a: x, b: p, exit });
        let r = self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::IMod, a: x, b: p, exit });
        let two = self.t.const_i64(b, 2);
        let r2 = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: r, b: two });
        let above = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: r2, b: p });
        let tie = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: r2, b: p });
        let one = self.t.const_i64(b, 1);
        let low = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAnd, a: q, b: one });
        let odd = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Eq, a: low, b: one });
        let tie_odd = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: tie, b: odd });
        let up = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BOr, a: above, b: tie_odd });
        let upi = self.t.push(b, Type::I64, InstKind::Unary { op: UnOp::BToI, a: up });
        // q <= MAX / p, so q + 1 fits.
        let q2 = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: q, b: upi });
        Ok(Some(Av::V(self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::IMul, a: q2, b: p, exit }))))
    }

    /// len(range(start, stop, step)), leaving the trace where Python
    /// raises (step 0) or i64 cannot hold the distance.
    fn range_len(&mut self, b: Block, start: Value, stop: Value, step: Value, pc: u32, pre: &State) -> Value {
        let zero = self.t.const_i64(b, 0);
        let one = self.t.const_i64(b, 1);
        let nonzero = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ne, a: step, b: zero });
        let exit = self.exit_here(pc, pre, "range() arguments raise or overflow");
        self.t.push_guard(b, nonzero, true, exit);
        let pos = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: step, b: zero });
        let lo = self.t.push(b, Type::I64, InstKind::Select { cond: pos, a: start, b: stop });
        let hi = self.t.push(b, Type::I64, InstKind::Select { cond: pos, a: stop, b: start });
        let neg = self.t.push(b, Type::I64, InstKind::CheckedUnary { op: CheckedUnOp::INeg, a: step, exit });
        let astep = self.t.push(b, Type::I64, InstKind::Select { cond: pos, a: step, b: neg });
        let nonempty = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: hi, b: lo });
        // Only evaluated meaningfully when hi > lo; clamp so it cannot exit otherwise.
        let hi2 = self.t.push(b, Type::I64, InstKind::Select { cond: nonempty, a: hi, b: lo });
        let dist = self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::ISub, a: hi2, b: lo, exit });
        let dm1 = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::ISubWrap, a: dist, b: one });
        let q = self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::IFloorDiv, a: dm1, b: astep, exit });
        let n = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: q, b: one });
        self.t.push(b, Type::I64, InstKind::Select { cond: nonempty, a: n, b: zero })
    }

    /// The class of a value the trace holds, where it knows it (object id).
    fn class_of(&mut self, av: Av) -> Option<u32> {
        match av {
            Av::V(v) => self.world.builtin_type(match self.t.ty(v) {
                Type::I64 => "int",
                Type::F64 => "float",
                Type::Bool => "bool",
            }),
            Av::Complex(..) => self.world.builtin_type("complex"),
            Av::List(_) | Av::Row { .. } => self.world.builtin_type("list"),
            Av::Tuple(_) => self.world.builtin_type("tuple"),
            Av::Inst { class, .. } => Some(class),
            Av::Obj(o) if Some(o) == self.none => self.world.none_type(),
            _ => None,
        }
    }

    /// `isinstance(x, cls)` (cls a class or a tuple of classes) and
    /// `type(x)` where the trace knows x's class: constants (x's class is
    /// checked at entry or fixed by the trace). None otherwise.
    fn class_builtin(&mut self, b: Block, f: Builtin, args: &[Av]) -> Option<Av> {
        match (f, args) {
            (Builtin::Type, [x]) => Some(Av::Obj(self.class_of(*x)?)),
            (Builtin::IsInstance, [x, cls]) => {
                let c = self.class_of(*x)?;
                let classes: Vec<Av> = match cls {
                    Av::Tuple(t) => self.tuples[*t as usize].clone(),
                    c => vec![*c],
                };
                let mut any = false;
                for k in classes {
                    let Av::Obj(k) = k else { return None };
                    any |= self.world.is_subclass(c, k)?;
                }
                Some(Av::V(self.t.const_bool(b, any)))
            }
            _ => None,
        }
    }

    /// `random.<rf>(args)`: a call of the interpreter's own function (its
    /// Mersenne Twister state is the one the program sees), with numbers
    /// it accepts; randint's empty range exits first (the interpreter
    /// raises).
    fn random_call(&mut self, b: Block, id: u32, rf: RandomFn, args: &[Av], pc: u32, pre: &State) -> R<Value> {
        let mut nums = Vec::new();
        for a in args {
            match a {
                Av::V(v) => nums.push(self.as_int_or_float(b, *v)),
                _ => return abort(pc, format!("random.{rf:?} of something other than Python numbers")),
            }
        }
        if rf != RandomFn::Gauss
            && let Some(inst) = self.world.random_instance(id)
        {
            return self.mt_call(b, inst, rf, &nums, pc, pre);
        }
        let Some(addr) = self.world.obj_addr(id) else {
            return abort(pc, "a random call without the function's address");
        };
        let (x, y) = match (rf, &nums[..]) {
            (RandomFn::Random, []) => {
                let z = self.t.const_i64(b, 0);
                (z, z)
            }
            (RandomFn::Uniform | RandomFn::Gauss, [x, y]) => (*x, *y),
            (RandomFn::Randint, [x, y]) if self.t.ty(*x) == Type::I64 && self.t.ty(*y) == Type::I64 => {
                let ok = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Le, a: *x, b: *y });
                let empty = self.exit_here(pc, pre, "randint of an empty range");
                self.t.push_guard(b, ok, true, empty);
                (*x, *y)
            }
            _ => return abort(pc, format!("random.{rf:?} with these arguments")),
        };
        let f = RtFn::Random { f: rf, a: self.t.ty(x), b: self.t.ty(y) };
        let exit = self.exit_here(pc, pre, "random call failed");
        let func = self.t.const_i64(b, addr as i64);
        let ty = f.result().expect("random calls return a number");
        Ok(self.t.push(b, ty, InstKind::Call { f, args: vec![func, x, y], exit: Some(exit) }))
    }

    /// `random()`, `uniform(a, b)` and `randint(a, b)` drawn straight from
    /// the generator of the instance at `inst`, computed as random.py does:
    /// `a + (b - a) * random()` and `a + _randbelow(b - a + 1)`. What
    /// could raise or leave the i64 range (an empty range, a width past
    /// 2**63) exits before the draw.
    fn mt_call(&mut self, b: Block, inst: u64, rf: RandomFn, nums: &[Value], pc: u32, pre: &State) -> R<Value> {
        let inst = self.t.const_i64(b, inst as i64);
        let before = self.exit_here(pc, pre, "random's arguments leave the compiled path");
        match (rf, nums) {
            (RandomFn::Random, []) => Ok(self.t.push(b, Type::F64, InstKind::Call { f: RtFn::MtRandom, args: vec![inst], exit: Some(before) })),
            (RandomFn::Uniform, [x, y]) => {
                // b - a: exact for ints (a difference past i64 exits), then
                // a float like the product with random().
                let width = match (self.t.ty(*x), self.t.ty(*y)) {
                    (Type::I64, Type::I64) => {
                        let d = self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::ISub, a: *y, b: *x, exit: before });
                        self.t.push(b, Type::F64, InstKind::Unary { op: UnOp::IToF, a: d })
                    }
                    _ => {
                        let (fx, fy) = (self.as_float(b, *x), self.as_float(b, *y));
                        self.t.push(b, Type::F64, InstKind::Binary { op: BinOp::FSub, a: fy, b: fx })
                    }
                };
                let r = self.t.push(b, Type::F64, InstKind::Call { f: RtFn::MtRandom, args: vec![inst], exit: Some(before) });
                let scaled = self.t.push(b, Type::F64, InstKind::Binary { op: BinOp::FMul, a: width, b: r });
                let fx = self.as_float(b, *x);
                Ok(self.t.push(b, Type::F64, InstKind::Binary { op: BinOp::FAdd, a: fx, b: scaled }))
            }
            (RandomFn::Randint, [x, y]) if self.t.ty(*x) == Type::I64 && self.t.ty(*y) == Type::I64 => {
                let d = self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::ISub, a: *y, b: *x, exit: before });
                let one = self.t.const_i64(b, 1);
                let n = self.t.push(b, Type::I64, InstKind::Checked { op: CheckedOp::IAdd, a: d, b: one, exit: before });
                let zero = self.t.const_i64(b, 0);
                let ok = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Gt, a: n, b: zero });
                self.t.push_guard(b, ok, true, before);
                let r = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::MtRandbelow, args: vec![inst, n], exit: Some(before) });
                // a <= a + r <= b: no overflow.
                Ok(self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: *x, b: r }))
            }
            _ => abort(pc, format!("random.{rf:?} with these arguments")),
        }
    }
}
