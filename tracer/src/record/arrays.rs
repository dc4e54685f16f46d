//! numpy arrays: arrays checked at entry, their views, and arrays the run
//! makes (objects or scratch buffers); their attributes, elements, slices
//! and masks, and what numpy computes of them through the runtime
//! (operators, reductions, ufuncs, `@`, new arrays).

use super::recorder::{At, Flow, R, Recorder, abort};
use super::state::{ArrInfo, Av, KeyItem, State};
use crate::bytecode::{BinKind, Builtin, CmpKind, Elem, NP_REDUCTIONS};
use pyjit_ir::{ArrayWant, BinOp, Block, CheckedUnOp, Inst, InstKind, MemTy, RtFn, Type, Value};

impl Recorder<'_, '_> {
    /// LOAD_ATTR of array `obj` (`arrays[k]`): a reduction method (`a.sum`)
    /// beside the array, `a.T` (a view the VM makes), or `shape`, `ndim`,
    /// `size`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn load_array_attr(&mut self, b: Block, st: &mut State, at: &At<'_>, name: u32, method: bool, obj: Av, k: u32) -> R<Flow> {
        let &At { pc, code, pre, .. } = at;
        let attr = code.names.get(name as usize).cloned().unwrap_or_default();
        if method
            && let Some(r) = NP_REDUCTIONS.iter().position(|n| *n == attr)
            && let Some(id) = self.world.np_method(&attr)
        {
            // `a.sum()`: the class's function, the array
            // beside it (as LOAD_ATTR leaves them).
            self.arr_methods.insert(id, r as u8);
            st.stack.push(Av::Method(id));
            st.stack.push(obj);
            return Ok(Flow::Next(b));
        }
        if method {
            return self.leave(b, pc, pre, format!("array method {attr}()"));
        }
        // `a.T`: a view the VM makes, strided.
        if attr == "T" {
            // A view shares the memory: of the object.
            let Some(Av::Arr(k)) = self.unbuffer(b, st, obj, pc, pre) else {
                return self.leave(b, pc, pre, "a.T of an array a tuple holds");
            };
            let Some(z) = self.np_transpose(b, k, pc, pre) else {
                return self.leave(b, pc, pre, "a.T of this array");
            };
            st.stack.push(z);
            return Ok(Flow::Next(b));
        }
        let av = self.array_attr(b, k, &attr, pc)?;
        st.stack.push(av);
        Ok(Flow::Next(b))
    }

    /// `np.array(...)`, `np.zeros(...)`, `np.ones(...)`, `np.empty(...)`
    /// called (`f`, the callee at stack depth `base`): a new array.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn call_np_new(&mut self, b: Block, st: &mut State, at: &At<'_>, f: Builtin, base: usize, above: usize, kwnames: Option<&[String]>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let args = st.stack[base + 2..st.stack.len() - above].to_vec();
        let kw = kwnames.unwrap_or(&[]);
        let made = match f {
            Builtin::NpFilled(one) => self.np_filled_call(b, one, &args, kw, pc, pre),
            _ => self.np_array_call(b, &args, kw, pc, pre)?,
        };
        let Some(av) = made else {
            return self.leave(b, pc, pre, format!("{f:?} of these arguments"));
        };
        st.stack.truncate(base);
        st.stack.push(av);
        Ok(Flow::Next(b))
    }

    /// `a.sum()` and the other reductions (`NP_REDUCTIONS[r]`) of array `k`
    /// looked up by LOAD_ATTR (at stack depth `base`).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn call_array_method(&mut self, b: Block, st: &mut State, at: &At<'_>, r: u8, k: u32, base: usize, argc: usize, kwnames: Option<&[String]>) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        let z = if argc == 0 && kwnames.is_none() { self.np_reduce(b, r, k, pc, pre) } else { None };
        let Some(z) = z else {
            return self.leave(b, pc, pre, format!("array method {}() of these arguments", NP_REDUCTIONS[r as usize]));
        };
        st.stack.truncate(base);
        st.stack.push(z);
        Ok(Flow::Next(b))
    }

    /// `x <kind>= y` of an array `x`: changed in place (an effect).
    pub(super) fn inplace_array(&mut self, b: Block, st: &mut State, at: &At<'_>, kind: BinKind, x: Av, y: Av) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        // Changed in place: an array in a buffer becomes
        // the object everything holding it sees.
        let Some(x) = self.unbuffer(b, st, x, pc, pre) else {
            return self.leave(b, pc, pre, "an in-place operator on an array a tuple holds");
        };
        if !self.np_inplace(b, kind, x, y, pc, pre) {
            return self.leave(b, pc, pre, format!("{kind:?}= of an array and this operand"));
        }
        // An effect: an exit that would redo it is refused.
        st.stores += 1;
        st.stack.push(x);
        Ok(Flow::Next(b))
    }

    /// `a[key] = val` of array `k`: through the VM for a key with slices or
    /// a mask, or a row (an array `val`); a number stored into the element
    /// where it is, converted as numpy converts it.
    pub(super) fn store_array_item(&mut self, b: Block, st: &mut State, at: &At<'_>, k: u32, key: Av, val: Av) -> R<Flow> {
        let &At { pc, pre, .. } = at;
        if self.key_has_slice(key) {
            // `a[i:j] = v`, `a[mask] = v`: through the VM.
            if !self.np_store_key(b, k, key, val, pc, pre) {
                return self.leave(b, pc, pre, "an assignment to an array slice of this value");
            }
            st.stores += 1;
            return Ok(Flow::Next(b));
        }
        let (addr, full, _) = self.element_addr(b, k, key, pc, pre)?;
        if !full {
            // `m[i] = v` of an array `v` (and what `m[i] *= 2`
            // stores back): numpy copies it in, through the VM.
            if !matches!(val, Av::Arr(_)) || !self.np_store_key(b, k, key, val, pc, pre) {
                return self.leave(b, pc, pre, "assignment to a row of an array");
            }
            st.stores += 1;
            return Ok(Flow::Next(b));
        }
        let Some(v) = self.num(&Self::widened(val)) else {
            return abort(pc, "storing something other than a number into an array");
        };
        let mem = self.arrays[k as usize].mem;
        let v = self.to_element(b, mem, v, pc, pre)?;
        self.t.push_store(b, mem, addr, v);
        st.stores += 1;
        Ok(Flow::Next(b))
    }

    /// `np.array(lst)` or `np.array(lst, dtype=d)` of a list of numbers
    /// or of rows of numbers: a new array through the runtime (None for
    /// other arguments).
    fn np_array_call(&mut self, b: Block, args: &[Av], kw: &[String], pc: u32, pre: &State) -> R<Option<Av>> {
        let Some((mem, pos)) = self.np_dtype_arg(args, kw, 1) else { return Ok(None) };
        let [list] = pos[..] else { return Ok(None) };
        let Some((obj, Some(elem))) = self.list_of(list) else { return Ok(None) };
        let (ndim, ty) = match elem {
            Elem::Num(t) => (1, t),
            Elem::Rows(t) => (2, t),
            _ => return Ok(None),
        };
        // numpy's choice for Python numbers (an int too big for int64
        // raises in the runtime, and the interpreter raises too).
        let mem = mem.unwrap_or(match ty {
            Type::F64 => MemTy::F64,
            Type::I64 => MemTy::I64,
            Type::Bool => MemTy::Bool,
        });
        // `[x] * n` or `[[x] * n]` the trace made: one call, so the
        // lists need not be made (passes/src/sink.rs).
        let fill = match list {
            Av::Row { obj, .. } => self.fills.get(&obj).map(|f| (*f, 1)),
            Av::Rows { obj, .. } => match self.displays.get(&obj).map(Vec::as_slice) {
                Some([row]) => self.fills.get(row).map(|f| (*f, 2)),
                _ => None,
            },
            _ => None,
        };
        if let Some(((x, n), nd)) = fill
            && mem.value_type() == self.t.ty(x)
            && matches!(mem, MemTy::F64 | MemTy::I64 | MemTy::Bool)
        {
            let exit = self.exit_here(pc, pre, "np.array() of an empty list, or the run's scratch memory full");
            let want = self.t.const_i64(b, ArrayWant { mem, ndim: nd as u8 }.pack() as i64);
            let data = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::BufFull(self.t.ty(x)), args: vec![x, n, want], exit: Some(exit) });
            let shape = if nd == 2 { vec![self.t.const_i64(b, 1), n] } else { vec![n] };
            return Ok(Some(self.buf_array(b, data, mem, shape)));
        }
        let exit = self.exit_here(pc, pre, "np.array() raises or gives another array, or too many objects made in one run");
        let code = self.t.const_i64(b, mem.code() as i64);
        let nd = self.t.const_i64(b, ndim as i64);
        let arr = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::NpArray, args: vec![obj, code, nd], exit: Some(exit) });
        Ok(Some(self.made_array(b, arr, mem, ndim)))
    }

    /// The dtype argument of a numpy call (`dtype=np.float64`), positional
    /// at `dtype_at` or keyword (None when not given or None), and the
    /// positional arguments before it; None for other arguments or a dtype
    /// compiled code cannot take.
    fn np_dtype_arg(&mut self, args: &[Av], kw: &[String], dtype_at: usize) -> Option<(Option<MemTy>, Vec<Av>)> {
        let npos = args.len().checked_sub(kw.len())?;
        if npos > dtype_at + 1 {
            return None;
        }
        let mut dtype = args.get(dtype_at).filter(|_| dtype_at < npos).copied();
        for (name, a) in kw.iter().zip(&args[npos..]) {
            if name != "dtype" || dtype.is_some() {
                return None;
            }
            dtype = Some(*a);
        }
        let none = self.none_id();
        let mem = match dtype {
            None => None,
            Some(Av::Obj(id)) if id == none => None,
            Some(Av::Obj(id)) => Some(self.world.np_dtype(id)?),
            _ => return None,
        };
        Some((mem, args[..npos.min(dtype_at)].to_vec()))
    }

    /// `np.zeros(shape)`, `np.ones(shape)`, `np.empty(shape)` (`one` for
    /// ones) of one or two dimensions, an int or a tuple of ints, of
    /// float64, int64 or bool: a new scratch buffer.
    fn np_filled_call(&mut self, b: Block, one: bool, args: &[Av], kw: &[String], pc: u32, pre: &State) -> Option<Av> {
        let (mem, pos) = self.np_dtype_arg(args, kw, 1)?;
        let mem = mem.unwrap_or(MemTy::F64);
        if !matches!(mem, MemTy::F64 | MemTy::I64 | MemTy::Bool) {
            return None;
        }
        let dims: Vec<Value> = match pos[..] {
            [Av::V(n)] if self.t.ty(n) == Type::I64 => vec![n],
            [Av::Tuple(t)] => self.tuples[t as usize]
                .iter()
                .map(|a| match a {
                    Av::V(n) if self.t.ty(*n) == Type::I64 => Some(*n),
                    _ => None,
                })
                .collect::<Option<_>>()?,
            _ => return None,
        };
        if !(1..=2).contains(&dims.len()) {
            return None;
        }
        let exit = self.exit_here(pc, pre, "a negative size, or the run's scratch memory full");
        let want = self.t.const_i64(b, (ArrayWant { mem, ndim: dims.len() as u8 }.pack() | (one as u64) << 16) as i64);
        let d1 = dims.get(1).copied().unwrap_or(want);
        let data = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::BufFilled, args: vec![dims[0], d1, want], exit: Some(exit) });
        Some(self.buf_array(b, data, mem, dims))
    }

    /// `a @ b` of two arrays of one dtype (float64 or int64), each of one
    /// or two dimensions, giving an array: a new scratch buffer, through
    /// the module's kernel.
    pub(super) fn np_matmul(&mut self, b: Block, i: u32, j: u32, pc: u32, pre: &State) -> Option<Av> {
        let (x, y) = (self.arrays[i as usize].clone(), self.arrays[j as usize].clone());
        if x.mem != y.mem || !matches!(x.mem, MemTy::F64 | MemTy::I64) {
            return None;
        }
        let (xn, yn) = (x.shape.len(), y.shape.len());
        if !(1..=2).contains(&xn) || !(1..=2).contains(&yn) {
            return None;
        }
        // A vector on either side loses its dimension; two give a scalar
        // (the one element of a 1 x 1 product).
        let ndim = (xn == 2) as usize + (yn == 2) as usize;
        // Each operand as a matrix (rows, columns, their strides): a
        // vector is a row on the left, a column on the right.
        let zero = self.t.const_i64(b, 0);
        let one = self.t.const_i64(b, 1);
        let (xr, xc, xrs, xcs) = match xn {
            1 => (one, x.shape[0], zero, x.strides[0]),
            _ => (x.shape[0], x.shape[1], x.strides[0], x.strides[1]),
        };
        let (yr, yc, yrs, ycs) = match yn {
            1 => (y.shape[0], one, y.strides[0], zero),
            _ => (y.shape[0], y.shape[1], y.strides[0], y.strides[1]),
        };
        let exit = self.exit_here(pc, pre, "`@` of unaligned arrays (it raises), or the run's scratch memory full");
        let want = self.t.const_i64(b, ArrayWant { mem: x.mem, ndim: ndim as u8 }.pack() as i64);
        let args = vec![x.data, xr, xc, xrs, xcs, y.data, yr, yc, yrs, ycs, want];
        let data = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::BufMatmul, args, exit: Some(exit) });
        if ndim == 0 {
            return Some(Av::Np(self.t.push(b, x.mem.value_type(), InstKind::Load { mem: x.mem, addr: data })));
        }
        let mut shape = Vec::new();
        if xn == 2 {
            shape.push(xr);
        }
        if yn == 2 {
            shape.push(yc);
        }
        Some(self.buf_array(b, data, x.mem, shape))
    }

    /// `x <op> y` with an array of float64 or int64 on either side and an
    /// array or a Python number on the other: a new array through the
    /// runtime, of the dtype numpy gives (NEP 50: a Python number takes the
    /// array's kind where it can) and the larger number of dimensions.
    pub(super) fn np_binary_arr(&mut self, b: Block, kind: BinKind, x: Av, y: Av, pc: u32, pre: &State) -> Option<Av> {
        let (xa, ya, want) = self.np_operands(b, Ok(kind), x, y, pc, pre)?;
        let exit = self.exit_here(pc, pre, "an array operator raises or gives another array, or too many objects made in one run");
        let w = self.t.const_i64(b, want.pack() as i64);
        let f = RtFn::NpBinary { a: self.t.ty(xa), b: self.t.ty(ya) };
        let z = self.t.push(b, Type::I64, InstKind::Call { f, args: vec![xa, ya, w], exit: Some(exit) });
        Some(self.made_array(b, z, want.mem, want.ndim as usize))
    }

    /// `x <op>= y` of an array `x` (which keeps its dtype and shape: an
    /// operand that would change them is left to the interpreter), through
    /// the runtime. False where not compiled.
    fn np_inplace(&mut self, b: Block, kind: BinKind, x: Av, y: Av, pc: u32, pre: &State) -> bool {
        let Av::Arr(k) = x else { return false };
        let (mem, ndim) = (self.arrays[k as usize].mem, self.arrays[k as usize].shape.len());
        let Some((xa, ya, want)) = self.np_operands(b, Ok(kind), x, y, pc, pre) else { return false };
        if want.mem != mem || want.ndim as usize != ndim {
            return false;
        }
        let exit = self.exit_here(pc, pre, "an in-place array operator raises");
        let w = self.t.const_i64(b, want.pack() as i64);
        let f = RtFn::NpInplace { b: self.t.ty(ya) };
        self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f, args: vec![xa, ya, w], exit: Some(exit) } });
        true
    }

    /// The operands of `x <op> y` with an array of float64 or int64 on
    /// either side and an array or a Python number on the other, and what
    /// the result is: the dtype numpy gives (NEP 50: a Python number takes
    /// the array's kind where it can, a comparison gives bools) and the
    /// larger number of dimensions.
    pub(super) fn np_operands(&mut self, b: Block, kind: Result<BinKind, CmpKind>, x: Av, y: Av, pc: u32, pre: &State) -> Option<(Value, Value, pyjit_ir::NpBinaryWant)> {
        use pyjit_ir::{NP_OPS, NpBinaryWant, Operand};
        // (the array or the bits, how they come, float (true) or int
        // kind, dimensions)
        let side = |a: Av| -> Option<(Result<u32, Value>, Operand, bool, usize)> {
            match a {
                Av::Arr(k) => {
                    let info = &self.arrays[k as usize];
                    let float = match info.mem {
                        MemTy::F64 => true,
                        MemTy::I64 => false,
                        _ => return None,
                    };
                    Some((Ok(k), Operand::Obj, float, info.shape.len()))
                }
                // A numpy scalar boxes as the Python number of its kind:
                // with an array of float64 or int64 numpy gives the same.
                Av::V(v) | Av::Np(v) | Av::NpS(v, _) => Some(match self.t.ty(v) {
                    Type::F64 => (Err(v), Operand::Float, true, 0),
                    Type::I64 => (Err(v), Operand::Int, false, 0),
                    Type::Bool => (Err(v), Operand::Bool, false, 0),
                }),
                _ => None,
            }
        };
        let (xa, xk, xf, xn) = side(x)?;
        let (ya, yk, yf, yn) = side(y)?;
        let sym = match kind {
            Ok(BinKind::Add) => "+",
            Ok(BinKind::Sub) => "-",
            Ok(BinKind::Mul) => "*",
            Ok(BinKind::TrueDiv) => "/",
            Ok(BinKind::FloorDiv) => "//",
            Ok(BinKind::Mod) => "%",
            Ok(BinKind::Pow) => "**",
            Ok(BinKind::And) => "&",
            Ok(BinKind::Or) => "|",
            Ok(BinKind::Xor) => "^",
            Ok(BinKind::LShift) => "<<",
            Ok(BinKind::RShift) => ">>",
            Ok(BinKind::MatMul | BinKind::Subscr) => return None,
            Err(CmpKind::Lt) => "<",
            Err(CmpKind::Le) => "<=",
            Err(CmpKind::Eq) => "==",
            Err(CmpKind::Ne) => "!=",
            Err(CmpKind::Gt) => ">",
            Err(CmpKind::Ge) => ">=",
        };
        let bitwise = matches!(kind, Ok(BinKind::And | BinKind::Or | BinKind::Xor | BinKind::LShift | BinKind::RShift));
        let float = xf || yf || kind == Ok(BinKind::TrueDiv);
        if bitwise && float {
            return None;
        }
        let mem = match kind {
            Err(_) => MemTy::Bool,
            Ok(_) if float => MemTy::F64,
            Ok(_) => MemTy::I64,
        };
        // Of two 0-d arrays numpy gives a scalar.
        if xn.max(yn) == 0 {
            return None;
        }
        let op = NP_OPS.iter().position(|o| *o == sym)? as u8;
        if [xa, ya].iter().any(|a| matches!(a, Ok(k) if !self.arrays[*k as usize].has_obj())) {
            return None;
        }
        let mut bits = |a: Result<u32, Value>| match a {
            Ok(k) => self.arr_obj(b, k, pc, pre),
            Err(v) => Some(v),
        };
        let (xa, ya) = (bits(xa)?, bits(ya)?);
        Some((xa, ya, NpBinaryWant { mem, ndim: xn.max(yn) as u8, op, a: xk, b: yk }))
    }

    /// `a.sum()`, `a.mean()`, `a.max()`, `a.min()`, `a.prod()` (and the
    /// numpy functions of those names) of a float64, int64 or bool array:
    /// the method through the runtime, a numpy scalar of the type numpy
    /// gives (an empty array's max raises: an exit).
    pub(super) fn np_reduce(&mut self, b: Block, r: u8, k: u32, pc: u32, pre: &State) -> Option<Av> {
        let info = self.arrays[k as usize].clone();
        let name = NP_REDUCTIONS[r as usize];
        let ty = match (name, info.mem) {
            ("sum" | "prod", MemTy::F64) => Type::F64,
            ("sum" | "prod", MemTy::I64 | MemTy::Bool) => Type::I64,
            ("mean", MemTy::F64 | MemTy::I64 | MemTy::Bool) => Type::F64,
            ("max" | "min", MemTy::F64 | MemTy::I64 | MemTy::Bool) => info.mem.value_type(),
            _ => return None,
        };
        let id = self.world.name_obj(name)?;
        let addr = self.world.obj_addr(id)?;
        let obj = self.arr_obj(b, k, pc, pre)?;
        let exit = self.exit_here(pc, pre, "an array reduction raises or gives another type");
        let name_v = self.t.const_i64(b, addr as i64);
        Some(Av::Np(self.t.push(b, ty, InstKind::Call { f: RtFn::NpMethod(ty), args: vec![obj, name_v], exit: Some(exit) })))
    }

    /// `np.dot(a, b)` of two vectors of float64 or int64 (the function
    /// `f`, an object id, through the runtime): a numpy scalar.
    pub(super) fn np_dot(&mut self, b: Block, f: u32, i: u32, j: u32, pc: u32, pre: &State) -> Option<Av> {
        let (x, y) = (self.arrays[i as usize].clone(), self.arrays[j as usize].clone());
        if x.shape.len() != 1 || y.shape.len() != 1 || !matches!(x.mem, MemTy::F64 | MemTy::I64) || !matches!(y.mem, MemTy::F64 | MemTy::I64) {
            return None;
        }
        if !x.has_obj() || !y.has_obj() {
            return None;
        }
        let ty = if x.mem == MemTy::I64 && y.mem == MemTy::I64 { Type::I64 } else { Type::F64 };
        let addr = self.world.obj_addr(f)?;
        let (xo, yo) = (self.arr_obj(b, i, pc, pre)?, self.arr_obj(b, j, pc, pre)?);
        let exit = self.exit_here(pc, pre, "np.dot raises or gives another type");
        let fv = self.t.const_i64(b, addr as i64);
        Some(Av::Np(self.t.push(b, ty, InstKind::Call { f: RtFn::NpCall2(ty), args: vec![fv, xo, yo], exit: Some(exit) })))
    }

    /// `np.<name>(a)` of an array of float64 (a float64 array) or int64
    /// (the float ufuncs give float64, abs int64): a new array through
    /// the runtime.
    pub(super) fn np_unary_arr(&mut self, b: Block, name: u32, k: u32, pc: u32, pre: &State) -> Option<Av> {
        let info = self.arrays[k as usize].clone();
        let text = self.world.str_value(name)?;
        let floats = ["sqrt", "exp", "log", "log2", "log10", "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "expm1", "log1p"];
        let mem = match info.mem {
            MemTy::F64 if floats.contains(&text.as_str()) || matches!(text.as_str(), "abs" | "absolute" | "negative" | "floor" | "ceil" | "trunc" | "square") => MemTy::F64,
            MemTy::I64 if floats.contains(&text.as_str()) => MemTy::F64,
            MemTy::I64 if matches!(text.as_str(), "abs" | "absolute" | "negative" | "square") => MemTy::I64,
            _ => return None,
        };
        let addr = self.world.obj_addr(name)?;
        let obj = self.arr_obj(b, k, pc, pre)?;
        let exit = self.exit_here(pc, pre, "a numpy ufunc raises or gives another array, or too many objects made in one run");
        let name_v = self.t.const_i64(b, addr as i64);
        let ndim = info.shape.len();
        let w = self.t.const_i64(b, ArrayWant { mem, ndim: ndim as u8 }.pack() as i64);
        let z = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::NpUnaryArr, args: vec![name_v, obj, w], exit: Some(exit) });
        Some(self.made_array(b, z, mem, ndim))
    }

    /// `a.T` of an array the trace holds as an object: a new view through
    /// the runtime, its strides read from it.
    fn np_transpose(&mut self, b: Block, k: u32, pc: u32, pre: &State) -> Option<Av> {
        let info = self.arrays[k as usize].clone();
        let obj = info.obj?;
        let id = self.world.name_obj("T")?;
        let addr = self.world.obj_addr(id)?;
        let ndim = info.shape.len();
        let exit = self.exit_here(pc, pre, "a.T gives another array, or too many objects made in one run");
        let name = self.t.const_i64(b, addr as i64);
        let want = self.t.const_i64(b, ArrayWant { mem: info.mem, ndim: ndim as u8 }.pack() as i64);
        let z = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::NpAttrArr, args: vec![obj, name, want], exit: Some(exit) });
        Some(self.made_view(b, z, info.mem, ndim))
    }

    /// An array attribute: `shape` (a tuple), `ndim`, `size`.
    fn array_attr(&mut self, b: Block, k: u32, name: &str, pc: u32) -> R<Av> {
        let info = self.arrays[k as usize].clone();
        Ok(match name {
            "shape" => self.new_tuple(info.shape.iter().map(|v| Av::V(*v)).collect()),
            "ndim" => Av::V(self.t.const_i64(b, info.shape.len() as i64)),
            "size" => {
                let mut n = self.t.const_i64(b, 1);
                for d in &info.shape {
                    n = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: n, b: *d });
                }
                Av::V(n)
            }
            _ => return abort(pc, format!("array attribute {name}")),
        })
    }

    /// The byte address of `arr[key]` for int keys (one, or a tuple of
    /// them), and whether the key names an element (else a row view).
    /// Negative indices count from the end; an index out of bounds exits
    /// (the interpreter raises IndexError).
    pub(super) fn element_addr(&mut self, b: Block, k: u32, key: Av, pc: u32, pre: &State) -> R<(Value, bool, Vec<Value>)> {
        let info = self.arrays[k as usize].clone();
        let keys: Vec<Av> = match key {
            Av::Tuple(t) => self.tuples[t as usize].clone(),
            other => vec![other],
        };
        let mut idx = Vec::new();
        for key in keys {
            match key {
                Av::V(v) | Av::Np(v) | Av::NpS(v, _) if self.t.ty(v) == Type::I64 => idx.push(v),
                _ => return abort(pc, "an array index that is not an int (a mask, a float)"),
            }
        }
        if idx.len() > info.shape.len() {
            return abort(pc, "more indices than the array has dimensions");
        }
        let exit = self.exit_here(pc, pre, "index out of bounds");
        let mut addr = info.data;
        let mut js = Vec::with_capacity(idx.len());
        for (d, i) in idx.iter().enumerate() {
            let j = self.checked_index(b, *i, info.shape[d], exit);
            let off = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: j, b: info.strides[d] });
            addr = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IAddWrap, a: addr, b: off });
            js.push(j);
        }
        Ok((addr, idx.len() == info.shape.len(), js))
    }

    /// A number converted for storing into an array of `mem`, as numpy
    /// converts a Python number: ints into float arrays exactly rounded,
    /// anything into bool arrays by truth, floats into int arrays as
    /// Python's `int()` truncates. An int that does not fit a small int
    /// dtype, or a float nan, infinite or past int64, exits (numpy raises).
    fn to_element(&mut self, b: Block, mem: MemTy, v: Value, pc: u32, pre: &State) -> R<Value> {
        let ty = self.t.ty(v);
        let int = |r: &mut Self, b: Block| {
            if ty == Type::F64 {
                let exit = r.exit_here(pc, pre, "a float that is no int64 (numpy raises)");
                r.t.push(b, Type::I64, InstKind::CheckedUnary { op: CheckedUnOp::FToITrunc, a: v, exit })
            } else {
                r.as_int(b, v)
            }
        };
        Ok(match mem {
            MemTy::F64 | MemTy::F32 => self.as_float(b, v),
            MemTy::Bool => self.truth(b, Av::V(v), pc)?,
            MemTy::I64 => int(self, b),
            MemTy::I32 | MemTy::I8 | MemTy::U8 => {
                let x = int(self, b);
                let (lo, hi) = match mem {
                    MemTy::I32 => (i32::MIN as i64, i32::MAX as i64),
                    MemTy::I8 => (i8::MIN as i64, i8::MAX as i64),
                    _ => (0, u8::MAX as i64),
                };
                let (lo, hi) = (self.t.const_i64(b, lo), self.t.const_i64(b, hi));
                let ge = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Ge, a: x, b: lo });
                let le = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::Le, a: x, b: hi });
                let ok = self.t.push(b, Type::Bool, InstKind::Binary { op: BinOp::BAnd, a: ge, b: le });
                let exit = self.exit_here(pc, pre, "int out of the array's range");
                self.t.push_guard(b, ok, true, exit);
                x
            }
        })
    }

    /// An array subscript's key as the runtime's `NpSlice` and `NpSetKey`
    /// take it: ints and slices (up to six), or a bool array alone (a
    /// mask). None for anything else.
    fn key_items(&self, key: Av) -> Option<Vec<KeyItem>> {
        let keys: Vec<Av> = match key {
            Av::Tuple(t) => self.tuples[t as usize].clone(),
            other => vec![other],
        };
        if keys.len() > 6 {
            return None;
        }
        keys.iter()
            .map(|a| match *a {
                Av::V(v) | Av::Np(v) if self.t.ty(v) == Type::I64 => Some(KeyItem::Int(v)),
                Av::Slice(s) => Some(KeyItem::Slice(s)),
                Av::Arr(m) if keys.len() == 1 && self.arrays[m as usize].mem == MemTy::Bool && self.arrays[m as usize].has_obj() => Some(KeyItem::Mask(m)),
                _ => None,
            })
            .collect()
    }

    /// `items` as wide-call arguments: their count, then a (kind, bits)
    /// pair each (0 and an int, 1 and a slice object, 2 and a bool array
    /// object). None where a mask has no object.
    fn key_args(&mut self, b: Block, items: &[KeyItem], pc: u32, pre: &State) -> Option<Vec<Value>> {
        let mut args = vec![self.t.const_i64(b, items.len() as i64)];
        for item in items {
            let (kind, bits) = match *item {
                KeyItem::Int(v) => (0, v),
                KeyItem::Slice(s) => (1, s),
                KeyItem::Mask(m) => (2, self.arr_obj(b, m, pc, pre)?),
            };
            args.push(self.t.const_i64(b, kind));
            args.push(bits);
        }
        Some(args)
    }

    /// `obj[items]` through the runtime (`RtFn::NpSlice`), an array of
    /// `mem` and `ndim` dimensions: numpy's view (or, of a mask, copy).
    #[allow(clippy::too_many_arguments)]
    fn np_item_obj(&mut self, b: Block, obj: Value, items: &[KeyItem], mem: MemTy, ndim: usize, pc: u32, pre: &State) -> Option<Value> {
        let mut args = vec![obj];
        args.extend(self.key_args(b, items, pc, pre)?);
        let exit = self.exit_here(pc, pre, "an array subscript raises or gives another array, or too many objects made in one run");
        args.push(self.t.const_i64(b, ArrayWant { mem, ndim: ndim as u8 }.pack() as i64));
        let zero = self.t.const_i64(b, 0);
        args.resize(16, zero);
        Some(self.t.push(b, Type::I64, InstKind::Call { f: RtFn::NpSlice, args, exit: Some(exit) }))
    }

    /// `a[key] = v` with a key `key_items` takes and `v` an array or a
    /// number: numpy's store through the VM (`RtFn::NpSetKey`). False
    /// where not compiled.
    pub(super) fn np_store_key(&mut self, b: Block, k: u32, key: Av, val: Av, pc: u32, pre: &State) -> bool {
        use pyjit_ir::Operand;
        let Some(items) = self.key_items(key).filter(|_| self.arrays[k as usize].has_obj()) else { return false };
        let (vk, v) = match val {
            Av::Arr(j) if self.arrays[j as usize].has_obj() => match self.arr_obj(b, j, pc, pre) {
                Some(o) => (Operand::Obj, o),
                None => return false,
            },
            Av::V(v) | Av::Np(v) => (
                match self.t.ty(v) {
                    Type::F64 => Operand::Float,
                    Type::I64 => Operand::Int,
                    Type::Bool => Operand::Bool,
                },
                v,
            ),
            _ => return false,
        };
        let Some(obj) = self.arr_obj(b, k, pc, pre) else { return false };
        let Some(key_args) = self.key_args(b, &items, pc, pre) else { return false };
        let mut args = vec![obj, v, self.t.const_i64(b, vk as i64)];
        args.extend(key_args);
        let zero = self.t.const_i64(b, 0);
        args.resize(16, zero);
        let exit = self.exit_here(pc, pre, "an assignment to an array subscript that raises");
        let f = RtFn::NpSetKey(self.t.ty(v));
        self.t.block_mut(b).insts.push(Inst { result: None, kind: InstKind::Call { f, args, exit: Some(exit) } });
        true
    }

    /// Whether an array subscript's key is or holds a slice, or is a bool
    /// array (a mask).
    pub(super) fn key_has_slice(&self, key: Av) -> bool {
        match key {
            Av::Slice(_) => true,
            Av::Arr(m) => self.arrays[m as usize].mem == MemTy::Bool,
            Av::Tuple(t) => self.tuples[t as usize].iter().any(|a| matches!(a, Av::Slice(_))),
            _ => false,
        }
    }

    /// `np_slice` of the array `cont` holds, made an object first if it is
    /// in a buffer (a view shares its memory).
    pub(super) fn slice_of(&mut self, b: Block, st: &mut State, cont: Av, key: Av, pc: u32, pre: &State) -> Option<Av> {
        match self.unbuffer(b, st, cont, pc, pre)? {
            Av::Arr(k) => self.np_slice(b, k, key, pc, pre),
            _ => None,
        }
    }

    /// `a[key]` where the key holds slices (`a[i:j]`, `a[i, :]`,
    /// `a[1:-1, 1:-1]`): numpy's view through the runtime, read through
    /// its buffer and strides like any array; or is a bool array of `a`'s
    /// dimensions (`a[a > 0.5]`): numpy's copy of the elements picked.
    /// None where the key holds anything else.
    fn np_slice(&mut self, b: Block, k: u32, key: Av, pc: u32, pre: &State) -> Option<Av> {
        let info = self.arrays[k as usize].clone();
        let items = self.key_items(key)?;
        let ndim = match items[..] {
            [KeyItem::Mask(m)] if self.arrays[m as usize].shape.len() == info.shape.len() => 1,
            _ if items.len() <= info.shape.len() && items.iter().any(|i| matches!(i, KeyItem::Slice(_))) => {
                info.shape.len() - items.iter().filter(|i| matches!(i, KeyItem::Int(_))).count()
            }
            _ => return None,
        };
        if !info.has_obj() {
            return None;
        }
        let obj = self.arr_obj(b, k, pc, pre)?;
        let z = self.np_item_obj(b, obj, &items, info.mem, ndim, pc, pre)?;
        Some(self.made_view(b, z, info.mem, ndim))
    }

    /// A view the run made at `obj` (of `mem` and `ndim` dimensions, any
    /// strides): its data address, shape and strides read through the
    /// runtime.
    fn made_view(&mut self, b: Block, obj: Value, mem: MemTy, ndim: usize) -> Av {
        let Av::Arr(t) = self.made_array(b, obj, mem, ndim) else { unreachable!("an array") };
        let strides = (0..ndim)
            .map(|d| {
                let d = self.t.const_i64(b, d as i64);
                self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ArrStride, args: vec![obj, d], exit: None })
            })
            .collect();
        self.arrays[t as usize].strides = strides;
        Av::Arr(t)
    }

    /// An array the run made at `obj` (C-contiguous, of `mem` and `ndim`
    /// dimensions): its data address and shape read through the runtime.
    pub(super) fn made_array(&mut self, b: Block, obj: Value, mem: MemTy, ndim: usize) -> Av {
        let data = self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ArrData, args: vec![obj], exit: None });
        let shape: Vec<Value> = (0..ndim)
            .map(|k| {
                let k = self.t.const_i64(b, k as i64);
                self.t.push(b, Type::I64, InstKind::Call { f: RtFn::ArrDim, args: vec![obj, k], exit: None })
            })
            .collect();
        let mut strides = vec![self.t.const_i64(b, mem.size() as i64); ndim];
        for d in (0..ndim.saturating_sub(1)).rev() {
            strides[d] = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: strides[d + 1], b: shape[d + 1] });
        }
        self.arrays.push(ArrInfo { mem, data, shape, strides, entry_obj: None, obj: Some(obj), made_at: None, view_of: None, buf: false });
        Av::Arr(self.arrays.len() as u32 - 1)
    }

    /// An array the run made in a scratch buffer at `data` (C-contiguous,
    /// of `mem` and `shape`).
    fn buf_array(&mut self, b: Block, data: Value, mem: MemTy, shape: Vec<Value>) -> Av {
        let ndim = shape.len();
        let mut strides = vec![self.t.const_i64(b, mem.size() as i64); ndim];
        for d in (0..ndim.saturating_sub(1)).rev() {
            strides[d] = self.t.push(b, Type::I64, InstKind::Binary { op: BinOp::IMulWrap, a: strides[d + 1], b: shape[d + 1] });
        }
        self.arrays.push(ArrInfo { mem, data, shape, strides, entry_obj: None, obj: None, made_at: None, view_of: None, buf: true });
        Av::Arr(self.arrays.len() as u32 - 1)
    }

    /// The object of array `k`: its own, a view of an entry array made
    /// through the runtime, or for one in a scratch buffer a new object
    /// of a copy (for operations that only read it).
    fn arr_obj(&mut self, b: Block, k: u32, pc: u32, pre: &State) -> Option<Value> {
        let info = self.arrays[k as usize].clone();
        if let Some(o) = info.obj {
            return Some(o);
        }
        // A view of an entry array: numpy's own view (sharing memory, so
        // even an operation that writes through it is right).
        if let Some((base, idx)) = &info.view_of {
            let base = self.arrays[*base as usize].obj?;
            let items: Vec<KeyItem> = idx.iter().map(|v| KeyItem::Int(*v)).collect();
            return self.np_item_obj(b, base, &items, info.mem, info.shape.len(), pc, pre);
        }
        if !info.buf || !matches!(info.mem, MemTy::F64 | MemTy::I64 | MemTy::Bool) || !(1..=2).contains(&info.shape.len()) {
            return None;
        }
        let exit = self.exit_here(pc, pre, "too many objects made in one run");
        let want = self.t.const_i64(b, ArrayWant { mem: info.mem, ndim: info.shape.len() as u8 }.pack() as i64);
        let d1 = info.shape.get(1).copied().unwrap_or(want);
        Some(self.t.push(b, Type::I64, InstKind::Call { f: RtFn::BufBox, args: vec![info.data, info.shape[0], d1, want], exit: Some(exit) }))
    }

    /// `av` as an array object, where it is an array in a scratch buffer
    /// that an operation will change or share (`a += b`, `a.T`): the
    /// object replaces the buffer everywhere `st` holds it. None where
    /// that cannot be done: the state also holds it in a tuple, or holds
    /// another array in a buffer, which may be this one (past a join each
    /// place holding an array has an `ArrInfo` of its own).
    pub(super) fn unbuffer(&mut self, b: Block, st: &mut State, av: Av, pc: u32, pre: &State) -> Option<Av> {
        let Av::Arr(k) = av else { return Some(av) };
        let info = self.arrays[k as usize].clone();
        if !info.buf {
            return Some(av);
        }
        let (tuples, arrays) = (&self.tuples, &self.arrays);
        let in_tuple = |a: &Av| matches!(a, Av::Tuple(t) | Av::TupleIter { tuple: t, .. } if tuples[*t as usize].iter().any(|e| matches!(e, Av::Arr(j) if arrays[*j as usize].buf)));
        let other = |a: &Av| matches!(a, Av::Arr(j) if *j != k && arrays[*j as usize].buf);
        if st.avs().any(|a| in_tuple(a) || other(a)) {
            return None;
        }
        let obj = self.arr_obj(b, k, pc, pre)?;
        let boxed = self.made_array(b, obj, info.mem, info.shape.len());
        for a in st.avs_mut() {
            if *a == av {
                *a = boxed;
            }
        }
        Some(boxed)
    }
}
