//! Reads the text form of a trace (what `print.rs` prints, and so what
//! `--jit-dump` shows) back into a `Trace`, so tests can write traces as
//! text and compare passes' output with expected text.
//!
//! `parse(&t.to_string())` gives back `t` exactly (for a trace whose
//! values are all defined: the numbers of values nothing defines get the
//! type i64), and printing it again gives the same text. Besides what the
//! printer prints, the parser takes blank lines, lines starting with `;`
//! (comments) and any indentation of instructions.
//!
//! The grammar, one item a line:
//!
//! ```text
//! trace NAME inputs=N [returns=eI,eJ]      NAME one word, or "quoted"
//! bK(vI:TYPE, ...):                        blocks in order from b0
//!   [vI:TYPE = ] OP ...                    instructions
//!   jump bK(vI, ...) | br vC, bK(..), bL(..) | exit eI
//! eI: pc=N depth=N "REASON" [PLACE=SNAP, ...]   exits in order from e0
//! ```

use crate::*;
use std::collections::HashMap;

/// Why a text is no trace: the line (counting from 1) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub msg: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.msg)
    }
}

impl std::error::Error for ParseError {}

type R<T> = Result<T, ParseError>;

/// Every variant of a field-less enum, in declaration order; the match
/// stops compiling when a variant is added and not listed.
macro_rules! all_of {
    ($ty:ident: $($v:ident),* $(,)?) => {{
        let _exhaustive = |x: $ty| match x {
            $($ty::$v)|* => (),
        };
        [$($ty::$v),*]
    }};
}

fn lower(s: impl fmt::Debug) -> String {
    format!("{s:?}").to_lowercase()
}

fn bin_op(name: &str) -> Option<BinOp> {
    all_of!(BinOp: IAddWrap, ISubWrap, IMulWrap, IAnd, IOr, IXor, IDivU32, IRemU32, IAddOvf, ISubOvf, IMulOvf, FAdd, FSub, FMul, FDiv, BAnd, BOr, BXor, Eq, Ne, Lt, Le, Gt, Ge)
        .into_iter()
        .find(|o| lower(o) == name)
}

fn checked_op(name: &str) -> Option<CheckedOp> {
    all_of!(CheckedOp: IAdd, ISub, IMul, IFloorDiv, IMod, IShl, IShr, IPow, ITrueDiv, FDiv, FFloorDiv, FMod, FPow)
        .into_iter()
        .find(|o| lower(o) == name)
}

fn un_op(name: &str) -> Option<UnOp> {
    all_of!(UnOp: IToF, BToI, Truth, BNot, FNeg, FAbs, RoundF32, WrapI32, WrapI8, WrapU8).into_iter().find(|o| lower(o) == name)
}

fn checked_un_op(name: &str) -> Option<CheckedUnOp> {
    all_of!(CheckedUnOp: INeg, IAbs, FToITrunc, FFloorToI, FCeilToI, FRoundToI).into_iter().find(|o| lower(o) == name)
}

fn mem_ty(name: &str) -> Option<MemTy> {
    all_of!(MemTy: F64, F32, I64, I32, I8, U8, Bool).into_iter().find(|m| m.name() == name)
}

fn ty_named(name: &str) -> Option<Type> {
    [Type::I64, Type::F64, Type::Bool].into_iter().find(|t| t.to_string() == name)
}

/// The runtime function a symbol names: the catalogue's, or any `random`
/// call (whose argument types the symbol spells out).
pub(crate) fn rt_fn(symbol: &str) -> Option<RtFn> {
    if let Some(f) = RtFn::all().into_iter().find(|f| f.symbol() == symbol) {
        return Some(f);
    }
    let rest = symbol.strip_prefix("pyjit_rt_random_")?;
    let mut parts = rest.split('_');
    let (f, a, b) = (parts.next()?, ty_named(parts.next()?)?, ty_named(parts.next()?)?);
    let f = all_of!(RandomFn: Random, Uniform, Gauss, Randint).into_iter().find(|r| lower(r) == f)?;
    parts.next().is_none().then_some(RtFn::Random { f, a, b })
}

/// A cursor over one line.
struct Cur<'a, 'u> {
    s: &'a str,
    pos: usize,
    line: usize,
    /// Every value read as an operand, with its line: checked once all
    /// definitions are known (a use may come before its definition).
    uses: &'u mut Vec<(Value, usize)>,
}

impl<'a> Cur<'a, '_> {
    fn err<T>(&self, msg: impl Into<String>) -> R<T> {
        Err(ParseError { line: self.line, msg: msg.into() })
    }
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }
    fn ws(&mut self) {
        let r = self.rest();
        self.pos += r.len() - r.trim_start().len();
    }
    /// What comes next, for messages.
    fn found(&self) -> String {
        let r = self.rest().trim_start();
        if r.is_empty() {
            return "the end of the line".into();
        }
        let tok: String = r.chars().take_while(|c| !c.is_whitespace()).take(24).collect();
        format!("`{tok}`")
    }
    fn peek(&mut self, p: &str) -> bool {
        self.ws();
        self.rest().starts_with(p)
    }
    fn eat(&mut self, p: &str) -> bool {
        let ok = self.peek(p);
        if ok {
            self.pos += p.len();
        }
        ok
    }
    fn expect(&mut self, p: &str) -> R<()> {
        if self.eat(p) { Ok(()) } else { self.err(format!("expected `{p}`, found {}", self.found())) }
    }
    /// A run of letters, digits, `_` and `.` (empty if none).
    fn word(&mut self) -> &'a str {
        self.ws();
        let r = self.rest();
        let n = r.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')).unwrap_or(r.len());
        self.pos += n;
        &r[..n]
    }
    /// Parses the next word with `f`; on `None`, an error naming `what`.
    fn word_as<T>(&mut self, what: &str, f: impl FnOnce(&str) -> Option<T>) -> R<T> {
        let at = self.pos;
        let w = self.word();
        match f(w) {
            Some(x) => Ok(x),
            None => {
                self.pos = at;
                self.err(format!("expected {what}, found {}", self.found()))
            }
        }
    }
    /// A word `<prefix><number>`.
    fn numbered(&mut self, prefix: &str, what: &str) -> R<u32> {
        self.word_as(what, |w| numbered(w, prefix))
    }
    fn num<T: std::str::FromStr>(&mut self, what: &str) -> R<T> {
        self.ws();
        let r = self.rest();
        let n = r.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '+' || c == '.')).unwrap_or(r.len());
        match r[..n].parse() {
            Ok(x) if n > 0 => {
                self.pos += n;
                Ok(x)
            }
            _ => self.err(format!("expected {what}, found {}", self.found())),
        }
    }
    fn end(&mut self) -> R<()> {
        self.ws();
        if self.rest().is_empty() { Ok(()) } else { self.err(format!("unexpected {} at the end of the line", self.found())) }
    }

    fn value(&mut self) -> R<Value> {
        let v = Value(self.numbered("v", "a value (`v<n>`)")?);
        self.uses.push((v, self.line));
        Ok(v)
    }
    fn exit(&mut self) -> R<ExitId> {
        Ok(ExitId(self.numbered("e", "an exit (`e<n>`)")?))
    }
    fn ty(&mut self) -> R<Type> {
        let at = self.pos;
        let w = self.word();
        match ty_named(w) {
            Some(t) => Ok(t),
            None => {
                self.pos = at;
                self.err(format!("unknown type {}: a type is i64, f64 or bool", self.found()))
            }
        }
    }
    fn boolean(&mut self) -> R<bool> {
        self.word_as("`true` or `false`", |w| match w {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        })
    }
    /// `open item, item, ... close` (possibly empty).
    fn list<T>(&mut self, open: &str, close: &str, mut item: impl FnMut(&mut Self) -> R<T>) -> R<Vec<T>> {
        self.expect(open)?;
        let mut out = Vec::new();
        if self.eat(close) {
            return Ok(out);
        }
        loop {
            out.push(item(self)?);
            if self.eat(close) {
                return Ok(out);
            }
            if !self.eat(",") {
                return self.err(format!("expected `,` or `{close}`, found {}", self.found()));
            }
        }
    }
    fn values(&mut self, open: &str, close: &str) -> R<Vec<Value>> {
        self.list(open, close, Self::value)
    }
    /// `else eN` if present.
    fn opt_exit(&mut self) -> R<Option<ExitId>> {
        let at = self.pos;
        if self.word() == "else" {
            return Ok(Some(self.exit()?));
        }
        self.pos = at;
        Ok(None)
    }
    /// A string as Rust's `{:?}` writes it.
    fn quoted(&mut self) -> R<String> {
        self.expect("\"")?;
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.pos += i + 1;
                    return Ok(out);
                }
                '\\' => {
                    let e = chars.next().map(|(_, e)| e);
                    out.push(match e {
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('t') => '\t',
                        Some('0') => '\0',
                        Some(c @ ('\\' | '"' | '\'')) => c,
                        Some('u') => {
                            let hex: String = chars.by_ref().map(|(_, c)| c).take_while(|c| *c != '}').collect();
                            match hex.strip_prefix('{').and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32) {
                                Some(c) => c,
                                None => return self.err(format!("bad escape `\\u{hex}}}` in a string")),
                            }
                        }
                        _ => return self.err("bad escape in a string"),
                    });
                }
                c => out.push(c),
            }
        }
        self.err("a string without its closing `\"`")
    }
    fn call(&mut self) -> R<BlockCall> {
        let block = Block(self.numbered("b", "a block (`b<n>`)")?);
        let args = self.values("(", ")")?;
        Ok(BlockCall { block, args })
    }
}

/// `w` as `<prefix><digits>`.
fn numbered(w: &str, prefix: &str) -> Option<u32> {
    let d = w.strip_prefix(prefix)?;
    if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) || (d.len() > 1 && d.starts_with('0')) {
        return None;
    }
    d.parse().ok()
}

/// A constant's bits: `0x<hex>` raw bits, or a literal of the type.
fn const_bits(c: &mut Cur<'_, '_>, ty: Type) -> R<u64> {
    c.ws();
    let r = c.rest();
    let lit: &str = &r[..r.find(|ch: char| ch.is_whitespace()).unwrap_or(r.len())];
    let bits = if let Some(h) = lit.strip_prefix("0x") {
        u64::from_str_radix(h, 16).ok()
    } else {
        match ty {
            Type::I64 => lit.parse::<i64>().ok().map(|x| x as u64),
            Type::Bool => match lit {
                "true" => Some(1),
                "false" => Some(0),
                _ => None,
            },
            Type::F64 => match lit.strip_prefix("NaN(0x").and_then(|h| h.strip_suffix(')')) {
                Some(h) => u64::from_str_radix(h, 16).ok().filter(|b| f64::from_bits(*b).is_nan()),
                None if lit.starts_with(|ch: char| ch.is_ascii_digit() || ch == '-' || ch == 'i') => {
                    lit.parse::<f64>().ok().map(f64::to_bits)
                }
                None => None,
            },
        }
    };
    match bits {
        Some(b) => {
            c.pos += lit.len();
            Ok(b)
        }
        None => c.err(format!("`{lit}` is no {ty} constant")),
    }
}

/// One instruction (after its optional `vN:ty =`), given its result type.
fn inst_kind(c: &mut Cur<'_, '_>, res: Option<Type>) -> R<InstKind> {
    let at = c.pos;
    let op = c.word();
    if op.is_empty() {
        return c.err(format!("expected an operation, found {}", c.found()));
    }
    Ok(match op {
        "const" => match res {
            Some(ty) => InstKind::Const { bits: const_bits(c, ty)? },
            None => return c.err("a constant needs a result (`vN:type = const ...`)"),
        },
        "input" => InstKind::Input { slot: c.num("a slot number")? },
        "select" => {
            let cond = c.value()?;
            c.expect(",")?;
            let a = c.value()?;
            c.expect(",")?;
            InstKind::Select { cond, a, b: c.value()? }
        }
        "guard" => {
            let cond = c.value()?;
            c.expect("==")?;
            let expect = c.boolean()?;
            c.expect("else")?;
            InstKind::Guard { cond, expect, exit: c.exit()? }
        }
        "poll" | "poll.alone" => {
            let at = c.pos;
            let every = if c.word() == "every" {
                c.num("how often the poll reads")?
            } else {
                c.pos = at;
                1
            };
            InstKind::Poll { alone: op == "poll.alone", every }
        }
        "call_self" => {
            let pairs = c.list("(", ")", |c| {
                let s: u32 = c.num("a slot number")?;
                c.expect(":")?;
                Ok((s, c.value()?))
            })?;
            c.expect("else")?;
            let (slots, args) = pairs.into_iter().unzip();
            InstKind::CallSelf { args, slots, exit: c.exit()? }
        }
        "call" => {
            let f = c.word_as("a runtime function (`pyjit_rt_...`)", rt_fn)?;
            let args = c.values("(", ")")?;
            InstKind::Call { f, args, exit: c.opt_exit()? }
        }
        _ if op.starts_with("math.") => {
            let Some(f) = MathFn::from_name(&op[5..]) else {
                c.pos = at;
                return c.err(format!("unknown math function {}", c.found()));
            };
            let args = c.values("(", ")")?;
            InstKind::Math { f, args, exit: c.opt_exit()? }
        }
        _ if op.starts_with("load.") || op.starts_with("store.") => {
            let (kind, m) = op.split_once('.').unwrap();
            let Some(mem) = mem_ty(m) else {
                c.pos = at;
                return c.err(format!("unknown memory type in {}: f64, f32, i64, i32, i8, u8 or bool", c.found()));
            };
            c.expect("[")?;
            let addr = c.value()?;
            c.expect("]")?;
            if kind == "load" {
                InstKind::Load { mem, addr }
            } else {
                c.expect(",")?;
                InstKind::Store { mem, addr, val: c.value()? }
            }
        }
        _ => {
            let known = bin_op(op).is_some() || checked_op(op).is_some() || un_op(op).is_some() || checked_un_op(op).is_some();
            if !known {
                c.pos = at;
                return c.err(format!("unknown operation {}", c.found()));
            }
            let a = c.value()?;
            let b = if c.eat(",") { Some(c.value()?) } else { None };
            let exit = c.opt_exit()?;
            let kind = match (b, exit) {
                (None, None) => un_op(op).map(|op| InstKind::Unary { op, a }),
                (None, Some(exit)) => checked_un_op(op).map(|op| InstKind::CheckedUnary { op, a, exit }),
                (Some(b), None) => bin_op(op).map(|op| InstKind::Binary { op, a, b }),
                (Some(b), Some(exit)) => checked_op(op).map(|op| InstKind::Checked { op, a, b, exit }),
            };
            let Some(kind) = kind else {
                let arity = if un_op(op).is_some() || checked_un_op(op).is_some() { "one operand" } else { "two operands" };
                let needs = if checked_op(op).is_some() || checked_un_op(op).is_some() {
                    "an exit (`else eN`)"
                } else {
                    "no exit"
                };
                return c.err(format!("`{op}` takes {arity} and {needs}"));
            };
            kind
        }
    })
}

fn iter_kind(c: &mut Cur<'_, '_>) -> R<IterKind> {
    let at = c.pos;
    Ok(match c.word() {
        "List" => IterKind::List,
        "Reversed" => IterKind::Reversed,
        "Enumerate" => {
            c.expect("(")?;
            let k = iter_kind(c)?;
            c.expect(")")?;
            IterKind::Enumerate(Box::new(k))
        }
        "Zip" => {
            c.expect("(")?;
            let ks = c.list("[", "]", iter_kind)?;
            c.expect(")")?;
            IterKind::Zip(ks)
        }
        _ => {
            c.pos = at;
            return c.err(format!("expected an iterator kind (List, Reversed, Enumerate(..), Zip([..])), found {}", c.found()));
        }
    })
}

/// `entryN;` before an iterator's state, if present.
fn entry_obj(c: &mut Cur<'_, '_>) -> R<Option<u32>> {
    let at = c.pos;
    if let Some(n) = numbered(c.word(), "entry")
        && c.eat(";")
    {
        return Ok(Some(n));
    }
    c.pos = at;
    Ok(None)
}

fn snap(c: &mut Cur<'_, '_>) -> R<SnapValue> {
    if c.peek("(") {
        return Ok(SnapValue::Tuple(c.list("(", ")", snap)?));
    }
    if c.peek("[") {
        let items = c.list("[", "]", snap)?;
        if c.eat("*") {
            let [item] = <[SnapValue; 1]>::try_from(items).or_else(|_| c.err("a repeated list `[x] * n` has one item"))?;
            return Ok(SnapValue::Repeat { item: Box::new(item), n: c.value()? });
        }
        return Ok(SnapValue::List(items));
    }
    let at = c.pos;
    let w = c.word();
    let two = |c: &mut Cur<'_, '_>| -> R<(Value, Value)> {
        c.expect("(")?;
        let a = c.value()?;
        c.expect(",")?;
        let b = c.value()?;
        c.expect(")")?;
        Ok((a, b))
    };
    if let Some(n) = numbered(w, "v") {
        c.uses.push((Value(n), c.line));
        return Ok(SnapValue::Val(Value(n)));
    }
    if let Some(k) = numbered(w, "arg") {
        if c.peek("[") {
            return Ok(SnapValue::ArrView { arr: k, index: c.values("[", "]")? });
        }
        return Ok(SnapValue::EntryObj(k));
    }
    if let Some(o) = numbered(w, "obj") {
        return Ok(SnapValue::Obj(o));
    }
    if let Some(d) = numbered(w, "entry") {
        return Ok(SnapValue::EntryStack(d));
    }
    Ok(match w {
        "null" => SnapValue::Null,
        "obj" => {
            c.expect("@")?;
            SnapValue::ObjAt(c.value()?)
        }
        "np" => {
            c.expect("(")?;
            let v = c.value()?;
            c.expect(")")?;
            SnapValue::Np(v)
        }
        "range" => {
            let v = c.values("(", ")")?;
            let [start, stop, step] = v[..] else { return c.err("range(start, stop, step) takes three values") };
            SnapValue::Range { start, stop, step }
        }
        "slice" => {
            let v = c.values("(", ")")?;
            let [start, stop, step] = v[..] else { return c.err("slice(start, stop, step) takes three values") };
            SnapValue::Slice { start, stop, step }
        }
        "complex" => {
            let (re, im) = two(c)?;
            SnapValue::Complex(re, im)
        }
        "rangeiter" => {
            c.expect("(")?;
            let obj = entry_obj(c)?;
            let mut v = vec![c.value()?];
            for _ in 0..3 {
                c.expect(",")?;
                v.push(c.value()?);
            }
            c.expect(")")?;
            SnapValue::RangeIter { obj, start: v[0], step: v[1], len: v[2], index: v[3] }
        }
        "iter" => {
            c.expect("(")?;
            let obj = entry_obj(c)?;
            c.ws();
            if obj.is_none() && !c.rest().starts_with(|ch: char| ch.is_ascii_uppercase()) {
                // An iterator over a tuple: iter(TUPLE)@index.
                let tuple = Box::new(snap(c)?);
                c.expect(")")?;
                c.expect("@")?;
                return Ok(SnapValue::TupleIter { tuple, index: c.value()? });
            }
            let kind = iter_kind(c)?;
            c.expect("over")?;
            let lists = c.list("[", "]", |c| {
                let at = c.pos;
                match c.word() {
                    "None" => Ok(None),
                    "Some" => {
                        c.expect("(")?;
                        let k = c.num("a number")?;
                        c.expect(")")?;
                        Ok(Some(k))
                    }
                    _ => {
                        c.pos = at;
                        c.err(format!("expected `Some(k)` or `None`, found {}", c.found()))
                    }
                }
            })?;
            c.expect(":")?;
            let mut vals = Vec::new();
            while !c.eat(")") {
                if !vals.is_empty() {
                    c.expect(",")?;
                }
                vals.push(c.value()?);
            }
            SnapValue::Iter { obj, kind, lists, vals }
        }
        "arriter" => {
            c.expect("(")?;
            let obj = entry_obj(c)?;
            let arr = c.numbered("arg", "an array (`arg<k>`)")?;
            let view = if c.peek("[") { c.values("[", "]")? } else { vec![] };
            c.expect(")")?;
            c.expect("@")?;
            SnapValue::ArrIter { obj, arr, index: c.value()?, view }
        }
        _ if w.starts_with("np.") => {
            let Some(mem) = mem_ty(&w[3..]) else {
                c.pos = at;
                return c.err(format!("unknown numpy type in {}", c.found()));
            };
            if c.peek("[") {
                let shape = c.values("[", "]")?;
                c.expect("@")?;
                SnapValue::ArrBuf { mem, data: c.value()?, shape }
            } else {
                c.expect("(")?;
                let v = c.value()?;
                c.expect(")")?;
                SnapValue::NpSmall(v, mem)
            }
        }
        _ => {
            c.pos = at;
            return c.err(format!("expected a snapshot value, found {}", c.found()));
        }
    })
}

fn place(c: &mut Cur<'_, '_>) -> R<Place> {
    if c.eat("|") {
        c.expect("frame")?;
        c.expect("(")?;
        c.expect("code")?;
        let code = c.numbered("obj", "an object (`obj<n>`)")?;
        c.expect(",")?;
        c.expect("pc")?;
        c.expect("=")?;
        let pc = c.num("a pc")?;
        c.expect(")")?;
        return Ok(Place::Frame { code, pc });
    }
    c.word_as("a place (`local<n>`, `name<n>`, `stack<n>` or `| frame(..)`)", |w| {
        numbered(w, "local").map(Place::Local).or(numbered(w, "name").map(Place::Name)).or(numbered(w, "stack").map(Place::Stack))
    })
}

fn exit_line(c: &mut Cur<'_, '_>, want: usize) -> R<Exit> {
    let n = c.exit()?;
    if n.0 as usize != want {
        return c.err(format!("exits come in order: expected e{want}, found {n}"));
    }
    c.expect(":")?;
    c.expect("pc=")?;
    let pc = c.num("a pc")?;
    c.expect("depth=")?;
    let stack_depth = c.num("a stack depth")?;
    let reason = c.quoted()?;
    let entries = c.list("[", "]", |c| {
        let p = place(c)?;
        c.expect("=")?;
        Ok((p, snap(c)?))
    })?;
    c.end()?;
    Ok(Exit { pc, entries, stack_depth, reason })
}

fn header(c: &mut Cur<'_, '_>, t: &mut Trace) -> R<()> {
    if !c.eat("trace ") {
        return c.err(format!("a trace starts with `trace NAME inputs=N`, found {}", c.found()));
    }
    c.ws();
    t.name = if c.peek("\"") {
        c.quoted()?
    } else {
        let r = c.rest();
        let n = r.find(char::is_whitespace).unwrap_or(r.len());
        c.pos += n;
        r[..n].to_string()
    };
    c.expect("inputs=")?;
    t.num_inputs = c.num("a number of inputs")?;
    if c.eat("returns=") {
        t.returns.push(c.exit()?);
        while c.eat(",") {
            t.returns.push(c.exit()?);
        }
    }
    c.end()
}

/// Reads a trace in the form `Display for Trace` prints.
pub fn parse(text: &str) -> Result<Trace, ParseError> {
    let mut t = Trace::default();
    let mut uses: Vec<(Value, usize)> = Vec::new();
    // Each defined value's type, and the line defining it.
    let mut defs: HashMap<Value, (Type, usize)> = HashMap::new();
    let mut define = |v: Value, ty: Type, line: usize| -> R<()> {
        match defs.insert(v, (ty, line)) {
            Some((old, l)) if old != ty => {
                Err(ParseError { line, msg: format!("{v} is {ty} here but {old} where line {l} defines it") })
            }
            _ => Ok(()),
        }
    };
    let mut seen_header = false;
    // Whether the current block has its terminator yet.
    let mut terminated = true;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with(';') {
            continue;
        }
        let mut c = Cur { s: raw.trim_end(), pos: 0, line, uses: &mut uses };
        if !seen_header {
            header(&mut c, &mut t)?;
            seen_header = true;
            continue;
        }
        let indented = raw.starts_with(char::is_whitespace);
        if !indented && numbered(c.clone_word(), "e").is_some() {
            if !terminated {
                return c.err(format!("b{} has no terminator (`jump`, `br` or `exit`)", t.blocks.len() - 1));
            }
            let e = exit_line(&mut c, t.exits.len())?;
            t.exits.push(e);
            continue;
        }
        if !t.exits.is_empty() {
            return c.err(format!("expected an exit (`e{}: pc=...`) after the exits, found {}", t.exits.len(), c.found()));
        }
        if !indented {
            if !terminated {
                return c.err(format!("b{} has no terminator (`jump`, `br` or `exit`)", t.blocks.len() - 1));
            }
            let b = c.numbered("b", "a block (`bN(...):`), an instruction (indented) or an exit (`eN: ...`)")?;
            if b as usize != t.blocks.len() {
                return c.err(format!("blocks come in order: expected b{}, found b{b}", t.blocks.len()));
            }
            let params = c.list("(", ")", |c| {
                let v = Value(c.numbered("v", "a parameter (`v<n>:type`)")?);
                c.expect(":")?;
                Ok((v, c.ty()?))
            })?;
            c.expect(":")?;
            c.end()?;
            for &(v, ty) in &params {
                define(v, ty, line)?;
            }
            let params = params.into_iter().map(|(v, _)| v).collect();
            t.blocks.push(BlockData { params, insts: Vec::new(), term: Terminator::Exit(ExitId(u32::MAX)) });
            terminated = false;
            continue;
        }
        let Some(bd) = t.blocks.last_mut() else { return c.err("an instruction before the first block (`b0():`)") };
        if terminated {
            return c.err(format!("b{} already ended: an instruction after its terminator", t.blocks.len() - 1));
        }
        let at = c.pos;
        let first = c.word();
        match first {
            "jump" => bd.term = Terminator::Jump(c.call()?),
            "br" => {
                let cond = c.value()?;
                c.expect(",")?;
                let then = c.call()?;
                c.expect(",")?;
                bd.term = Terminator::Branch { cond, then, els: c.call()? };
            }
            "exit" => bd.term = Terminator::Exit(c.exit()?),
            _ => {
                c.pos = at;
                let mut result = None;
                if numbered(first, "v").is_some() && c.s[at..].trim_start()[first.len()..].starts_with(':') {
                    let v = c.value()?;
                    c.uses.pop();
                    c.expect(":")?;
                    let ty = c.ty()?;
                    c.expect("=")?;
                    define(v, ty, line)?;
                    result = Some((v, ty));
                }
                let kind = inst_kind(&mut c, result.map(|r| r.1))?;
                c.end()?;
                bd.insts.push(Inst { result: result.map(|r| r.0), kind });
                continue;
            }
        }
        c.end()?;
        terminated = true;
    }
    if !seen_header {
        return Err(ParseError { line: 1, msg: "empty: a trace starts with `trace NAME inputs=N`".into() });
    }
    if !terminated {
        let line = text.lines().count();
        return Err(ParseError { line, msg: format!("b{} has no terminator (`jump`, `br` or `exit`)", t.blocks.len() - 1) });
    }
    for (v, line) in uses {
        if !defs.contains_key(&v) {
            return Err(ParseError { line, msg: format!("{v} is used but never defined") });
        }
    }
    let n = defs.keys().map(|v| v.0 as usize + 1).max().unwrap_or(0);
    t.types = vec![Type::I64; n];
    for (v, (ty, _)) in defs {
        t.types[v.0 as usize] = ty;
    }
    Ok(t)
}

impl Cur<'_, '_> {
    /// The next word, without moving.
    fn clone_word(&self) -> &str {
        let r = self.rest().trim_start();
        &r[..r.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')).unwrap_or(r.len())]
    }
}
