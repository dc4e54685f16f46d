//! The text form of a trace, for `--jit-dump` and tests.

use crate::*;
use std::fmt::{self, Write};

fn lower(s: impl fmt::Debug) -> String {
    format!("{s:?}").to_lowercase()
}

fn call(c: &BlockCall) -> String {
    let args: Vec<String> = c.args.iter().map(|v| v.to_string()).collect();
    format!("{}({})", c.block, args.join(", "))
}

impl fmt::Display for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "trace {} inputs={}", name(&self.name), self.num_inputs)?;
        if !self.returns.is_empty() {
            let r: Vec<String> = self.returns.iter().map(|e| e.to_string()).collect();
            write!(f, " returns={}", r.join(","))?;
        }
        writeln!(f)?;
        for (i, b) in self.blocks.iter().enumerate() {
            let params: Vec<String> =
                b.params.iter().map(|p| format!("{p}:{}", self.ty(*p))).collect();
            writeln!(f, "b{i}({}):", params.join(", "))?;
            for inst in &b.insts {
                let mut line = String::new();
                if let Some(r) = inst.result {
                    write!(line, "{r}:{} = ", self.ty(r))?;
                }
                match &inst.kind {
                    InstKind::Const { bits } => match inst.result.map(|r| self.ty(r)) {
                        Some(Type::F64) => write!(line, "const {}", float(*bits))?,
                        Some(Type::Bool) if *bits <= 1 => write!(line, "const {}", *bits != 0)?,
                        // Bits no bool constant the builder makes has.
                        Some(Type::Bool) => write!(line, "const {bits:#x}")?,
                        _ => write!(line, "const {}", *bits as i64)?,
                    },
                    InstKind::Input { slot } => write!(line, "input {slot}")?,
                    InstKind::Unary { op, a } => write!(line, "{} {a}", lower(op))?,
                    InstKind::Binary { op, a, b } => write!(line, "{} {a}, {b}", lower(op))?,
                    InstKind::CheckedUnary { op, a, exit } => {
                        write!(line, "{} {a} else {exit}", lower(op))?
                    }
                    InstKind::Checked { op, a, b, exit } => {
                        write!(line, "{} {a}, {b} else {exit}", lower(op))?
                    }
                    InstKind::Math { f: mf, args, exit } => {
                        let a: Vec<String> = args.iter().map(|v| v.to_string()).collect();
                        write!(line, "math.{}({})", mf.name(), a.join(", "))?;
                        if let Some(e) = exit {
                            write!(line, " else {e}")?;
                        }
                    }
                    InstKind::Select { cond, a, b } => write!(line, "select {cond}, {a}, {b}")?,
                    InstKind::CallSelf { args, slots, exit } => {
                        let a: Vec<String> = args.iter().zip(slots).map(|(v, s)| format!("{s}:{v}")).collect();
                        write!(line, "call_self({}) else {exit}", a.join(", "))?
                    }
                    InstKind::Guard { cond, expect, exit } => {
                        write!(line, "guard {cond} == {expect} else {exit}")?
                    }
                    InstKind::Load { mem, addr } => write!(line, "load.{} [{addr}]", mem.name())?,
                    InstKind::Poll { alone, every } => {
                        write!(line, "poll{}", if *alone { ".alone" } else { "" })?;
                        if *every != 1 {
                            write!(line, " every {every}")?;
                        }
                    }
                    InstKind::Call { f, args, exit } => {
                        let a: Vec<String> = args.iter().map(|v| v.to_string()).collect();
                        write!(line, "call {}({})", f.symbol(), a.join(", "))?;
                        if let Some(e) = exit {
                            write!(line, " else {e}")?;
                        }
                    }
                    InstKind::Store { mem, addr, val } => write!(line, "store.{} [{addr}], {val}", mem.name())?,
                }
                writeln!(f, "  {line}")?;
            }
            match &b.term {
                Terminator::Jump(c) => writeln!(f, "  jump {}", call(c))?,
                Terminator::Branch { cond, then, els } => {
                    writeln!(f, "  br {cond}, {}, {}", call(then), call(els))?
                }
                Terminator::Exit(e) => writeln!(f, "  exit {e}")?,
            }
        }
        for (i, e) in self.exits.iter().enumerate() {
            let entries: Vec<String> = e
                .entries
                .iter()
                .map(|(p, v)| {
                    let place = match p {
                        Place::Local(n) => format!("local{n}"),
                        Place::Name(n) => format!("name{n}"),
                        Place::Stack(n) => format!("stack{n}"),
                        Place::Frame { code, pc } => format!("| frame(code obj{code}, pc={pc})"),
                    };
                    let val = snap(v);
                    format!("{place}={val}")
                })
                .collect();
            writeln!(
                f,
                "e{i}: pc={} depth={} {:?} [{}]",
                e.pc,
                e.stack_depth,
                e.reason,
                entries.join(", ")
            )?;
        }
        Ok(())
    }
}

/// A trace's name as it prints: as is when it reads as one word, else
/// quoted (so the parser can find where it ends).
fn name(n: &str) -> String {
    let plain = !n.is_empty() && !n.starts_with('"') && n.chars().all(|c| !c.is_whitespace() && !c.is_control());
    if plain { n.to_string() } else { format!("{n:?}") }
}

/// An f64 constant: `{:?}` reads back exactly (shortest round-trip form,
/// `inf`, `-0.0`); a nan shows its bits, sign and payload included.
fn float(bits: u64) -> String {
    let x = f64::from_bits(bits);
    if x.is_nan() { format!("NaN({bits:#018x})") } else { format!("{x:?}") }
}

fn snap(v: &SnapValue) -> String {
    match v {
        SnapValue::Val(v) => v.to_string(),
        SnapValue::Np(v) => format!("np({v})"),
        SnapValue::ObjAt(v) => format!("obj@{v}"),
        SnapValue::EntryObj(k) => format!("arg{k}"),
        SnapValue::Obj(o) => format!("obj{o}"),
        SnapValue::Null => "null".into(),
        SnapValue::EntryStack(d) => format!("entry{d}"),
        SnapValue::RangeIter { obj, start, step, len, index } => {
            let o = obj.map(|o| format!("entry{o}; ")).unwrap_or_default();
            format!("rangeiter({o}{start}, {step}, {len}, {index})")
        }
        SnapValue::Range { start, stop, step } => format!("range({start}, {stop}, {step})"),
        SnapValue::Slice { start, stop, step } => format!("slice({start}, {stop}, {step})"),
        SnapValue::Iter { obj, kind, lists, vals } => {
            let o = obj.map(|o| format!("entry{o}; ")).unwrap_or_default();
            let vals: Vec<String> = vals.iter().map(|v| v.to_string()).collect();
            format!("iter({o}{kind:?} over {lists:?}: {})", vals.join(", "))
        }
        SnapValue::Tuple(items) => format!("({})", items.iter().map(snap).collect::<Vec<_>>().join(", ")),
        SnapValue::List(items) => format!("[{}]", items.iter().map(snap).collect::<Vec<_>>().join(", ")),
        SnapValue::TupleIter { tuple, index } => format!("iter({})@{index}", snap(tuple)),
        SnapValue::Complex(re, im) => format!("complex({re}, {im})"),
        SnapValue::Repeat { item, n } => format!("[{}] * {n}", snap(item)),
        SnapValue::NpSmall(v, m) => format!("np.{}({v})", m.name()),
        SnapValue::ArrView { arr, index } => {
            let idx: Vec<String> = index.iter().map(|v| v.to_string()).collect();
            format!("arg{arr}[{}]", idx.join(", "))
        }
        SnapValue::ArrIter { obj, arr, index, view } => {
            let o = obj.map(|o| format!("entry{o}; ")).unwrap_or_default();
            let v: Vec<String> = view.iter().map(|v| v.to_string()).collect();
            let v = if v.is_empty() { String::new() } else { format!("[{}]", v.join(", ")) };
            format!("arriter({o}arg{arr}{v})@{index}")
        }
        SnapValue::ArrBuf { mem, data, shape } => {
            let dims: Vec<String> = shape.iter().map(|v| v.to_string()).collect();
            format!("np.{}[{}]@{data}", mem.name(), dims.join(", "))
        }
    }
}
