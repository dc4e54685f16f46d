//! The abstract state the recorder interprets bytecode over: abstract
//! values (`Av`), their shapes where paths meet (`Shape`), the frame state
//! (`State`, with the frames suspended in inlined calls), and the lists and
//! arrays abstract values index.

use crate::bytecode::Elem;
use pyjit_ir::{MemTy, Type, Value};

/// An abstract value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Av {
    Untracked,
    Unbound,
    Null,
    V(Value),
    Obj(u32),
    /// An object at this address of a class the trace does not know: one
    /// an object-mode operation gave (the run's arena holds it), or one a
    /// variable held at entry (the frame holds it).
    Ref(Value),
    /// The object at this stack depth at entry (opaque).
    Entry(u32),
    RangeIter { entry: Option<u32>, start: Value, step: Value, len: Value, idx: Value },
    /// A range object `range()` gave and nothing has iterated yet (GET_ITER
    /// makes its iterator, a `RangeIter`): an exit makes the range itself,
    /// so `len(range(...))` or `range(...)[i]` left to the interpreter see
    /// a range, not an iterator.
    Range { start: Value, stop: Value, step: Value, len: Value },
    /// A number the interpreter holds as a numpy scalar (np.float64,
    /// np.int64, np.bool_ by the value's type): an array element, or what
    /// arithmetic on one gives (numpy's rules, NEP 50).
    Np(Value),
    /// A numpy scalar of a small dtype (np.float32, np.int32, np.int8,
    /// np.uint8): an element of such an array, or numpy arithmetic on one.
    /// The value is widened (f64, i64) and always one the dtype holds.
    NpS(Value, MemTy),
    /// A numpy array (index into `Recorder::arrays`).
    Arr(u32),
    /// numpy's iterator over an array checked at entry (`for x in a`),
    /// `idx` items taken; `entry`, the stack depth it was at at entry, if
    /// the frame holds it. Made by GET_ITER in the trace, never allocated:
    /// an exit makes it.
    ArrIter { arr: u32, idx: Value, entry: Option<u32> },
    /// A list checked at entry (index into `Recorder::lists`).
    List(u32),
    /// A list read out of a list of lists (a row): its address, and the
    /// type of the numbers it was seen to hold. Alive while the trace
    /// runs: no compiled store replaces a list element.
    Row { obj: Value, elem: Type },
    /// A list the trace made (`[[x] * n, row]`) of lists of numbers of
    /// type `elem`: its address (kept alive by the run).
    Rows { obj: Value, elem: Type },
    /// An instance of a plain class (`class`, an object id) at this
    /// address: one checked at entry or read out of a list the trace
    /// holds (compiled code never replaces a list element). `slots`: where
    /// the class has one key layout (`Recorder::class_keys`), the address
    /// of its dict's entry array, checked to hold those keys; valid until
    /// compiled code adds a key to an instance of the class.
    Inst { obj: Value, class: u32, slots: Option<Value> },
    /// `list.append` (its object id), looked up and not yet called, the
    /// list beside it on the value stack.
    Method(u32),
    /// An iterator over lists: its structure and lists
    /// (`Recorder::iter_shapes`) and its state (`Recorder::iter_states`);
    /// `entry`, the stack depth it was at at entry, if the frame holds it.
    Iter { entry: Option<u32>, shape: u32, state: u32 },
    /// A tuple of numbers the trace built (index into `Recorder::tuples`).
    /// It lives only on the value stack between its building and an
    /// UNPACK_SEQUENCE (`q, r = divmod(a, b)`): a tuple stored, live at an
    /// exit or across a join ends the recording.
    Tuple(u32),
    /// An iterator over a tuple the trace holds (`for d in (-1, 0, 1)`),
    /// `idx` items taken. Made by GET_ITER in the trace, never allocated:
    /// an exit makes it.
    TupleIter { tuple: u32, idx: Value },
    /// A slice object the trace made (its address; the runtime keeps it
    /// alive while the run lasts).
    Slice(Value),
    /// A complex number: its real and imaginary parts (never allocated:
    /// an exit makes it).
    Complex(Value, Value),
    /// A dict checked at entry (index into `Recorder::dicts`).
    Dict(u32),
    /// A list method bound to a list checked at entry (`ins =
    /// lst.insert`): the method descriptor's id, the list (index into
    /// `Recorder::lists`), and its `SnapValue::EntryObj` number.
    BoundList { method: u32, list: u32, entry_obj: u32 },
}

/// An abstract value's shape: what must agree where paths meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Shape {
    Untracked,
    Unbound,
    Null,
    V(Type),
    Obj(u32),
    /// Whether another object holds it (`Recorder::borrowed`).
    Ref(bool),
    Entry(u32),
    RangeIter(Option<u32>),
    Range,
    Iter(Option<u32>, u32),
    Tuple(u32),
    /// The shape of the tuple (a `Shape::Tuple` number).
    TupleIter(u32),
    Slice,
    Complex,
    Dict(u32),
    BoundList(u32, u32),
    Np(Type),
    NpS(MemTy),
    Arr(u32),
    /// An array the run made, of this dtype and number of dimensions.
    MadeArr(MemTy, usize),
    /// A view of an entry array (its number) by this many indices.
    View(u32, usize),
    /// An array the run keeps in a scratch buffer, of this dtype and
    /// number of dimensions.
    BufArr(MemTy, usize),
    ArrIter(u32, Option<u32>),
    List(u32),
    Row(Type),
    Rows(Type),
    /// Class, whether its dict's entries are known, whether it is new.
    Inst(u32, bool, bool),
    Method(u32),
    /// Frame boundaries: which code, how deep its stack.
    Frame(u32, usize),
}

/// A frame suspended at a call while its callee is inlined.
#[derive(Clone, Debug)]
pub(super) struct Suspended {
    pub(super) ctx: u32,
    pub(super) locals: Vec<Av>,
    pub(super) stack: Vec<Av>,
    pub(super) call_pc: u32,
    /// `State::stores` at the call: an exit redoes the call from its start,
    /// which is wrong once the callee has stored into an array.
    pub(super) stores: u32,
    /// For `cls(...)`: the new instance, which the call gives instead of
    /// `__init__`'s None, and the keys `__init__` gave its dict, in order.
    pub(super) ctor: Option<Av>,
    pub(super) ctor_keys: Vec<u64>,
}

/// A list the trace reads and writes through the VM's runtime.
#[derive(Clone, Debug)]
pub(super) struct ListInfo {
    /// The object's address.
    pub(super) obj: Value,
    /// What its elements were when recorded: reads expect that.
    pub(super) elem: Option<Elem>,
    /// Its `SnapValue::EntryObj` number.
    pub(super) entry_obj: u32,
}

/// A list an iterator walks: one checked at entry (`ListInfo` index), or
/// one at an address that is part of the iterator's state (a row, a list
/// of objects), of elements read as `Elem` says.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum ListSrc {
    Entry(u32),
    At(Elem),
}

/// An array the trace reads: one checked at entry, or a view of one (a row
/// `a[i]` of a 2-d array) that lives only on the value stack.
#[derive(Clone, Debug)]
pub(super) struct ArrInfo {
    pub(super) mem: MemTy,
    /// Byte address of element 0 (of the view).
    pub(super) data: Value,
    pub(super) shape: Vec<Value>,
    /// Strides in bytes.
    pub(super) strides: Vec<Value>,
    /// The `SnapValue::EntryObj` number of an array checked at entry.
    pub(super) entry_obj: Option<u32>,
    /// The array object's address: an entry array's, or one the run made
    /// (`np.array(...)`, `a @ b`); None for a view.
    pub(super) obj: Option<Value>,
    /// A view: the instruction that made it and the state before it. An
    /// exit while the view is on the stack resumes there instead (the
    /// interpreter makes the view again), if nothing was stored since.
    pub(super) made_at: Option<(u32, Box<State>)>,
    /// A view of an array checked at entry (its `arrays` index) by these
    /// indices (in range): a variable may hold it, and an exit makes it.
    pub(super) view_of: Option<(u32, Vec<Value>)>,
    /// Made by the run into a scratch buffer (C-contiguous at `data`):
    /// no object until an exit or an operation that needs one makes it.
    pub(super) buf: bool,
}

/// An item of an array subscript's key the runtime takes (`key_items`).
#[derive(Clone, Copy)]
pub(super) enum KeyItem {
    Int(Value),
    Slice(Value),
    /// A bool array (its `arrays` index), the whole key.
    Mask(u32),
}

impl ArrInfo {
    /// A view on the stack of an array the run made (it cannot be held
    /// in a variable, nor cross a branch).
    pub(super) fn stack_view(&self) -> bool {
        self.entry_obj.is_none() && self.obj.is_none() && self.view_of.is_none() && !self.buf
    }
    /// Whether the run made it (neither an array checked at entry nor a
    /// view of one): the run's arena holds it.
    pub(super) fn made_here(&self) -> bool {
        self.entry_obj.is_none() && self.view_of.is_none()
    }
    /// Whether `Recorder::arr_obj` can give an object of it.
    pub(super) fn has_obj(&self) -> bool {
        self.obj.is_some() || self.view_of.is_some() || self.buf
    }
}

/// The abstract frame state: the running frame (`ctx` says which code and
/// call chain), the frames suspended in calls below it, and the tracked
/// global names.
#[derive(Clone, Debug, Default)]
pub(super) struct State {
    pub(super) ctx: u32,
    pub(super) locals: Vec<Av>,
    pub(super) names: Vec<Av>,
    pub(super) stack: Vec<Av>,
    pub(super) callers: Vec<Suspended>,
    /// Array stores on the path so far.
    pub(super) stores: u32,
    /// Numbers instance attributes hold, read or stored earlier in this
    /// block: (entry array, entry index, value). A store to an index
    /// forgets it for every array (two instances may be one).
    pub(super) known: Vec<(Value, usize, Value)>,
}

impl State {
    pub(super) fn avs(&self) -> impl Iterator<Item = &Av> {
        self.callers
            .iter()
            .flat_map(|c| c.locals.iter().chain(&c.stack).chain(&c.ctor))
            .chain(&self.locals)
            .chain(&self.names)
            .chain(&self.stack)
    }
    pub(super) fn avs_mut(&mut self) -> impl Iterator<Item = &mut Av> {
        self.callers
            .iter_mut()
            .flat_map(|c| c.locals.iter_mut().chain(&mut c.stack).chain(&mut c.ctor))
            .chain(&mut self.locals)
            .chain(&mut self.names)
            .chain(&mut self.stack)
    }
    /// The outermost frame (the loop's own): locals, stack, and the pc it
    /// is at if suspended in a call.
    pub(super) fn outer(&self) -> (&[Av], &[Av], Option<u32>) {
        match self.callers.first() {
            Some(c) => (&c.locals, &c.stack, Some(c.call_pc)),
            None => (&self.locals, &self.stack, None),
        }
    }
}
