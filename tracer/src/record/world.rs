//! The recorder's public interface: the questions it asks the VM
//! (`World`), what the VM tells it (`Entry`, object layouts, `Callee`),
//! and what it gives back (`Recording`, its entry checks, `Abort`).

use crate::bytecode::{Code, Const, Elem, FieldObj, Observed};
use pyjit_ir::{IterKind, MemTy, Trace, Type};

/// Name lookups against the live frame, answered by the VM.
pub trait World {
    /// The value a global-ish name has now: LOAD_NAME's lookup in module
    /// code, LOAD_GLOBAL's in a function.
    fn global(&mut self, name: &str) -> Observed;
    /// Where the key `name` (its interned str itself) is in the entry
    /// array of the dict `dict` (an id), if it is there.
    fn dict_key_index(&mut self, _dict: u32, _name: &str) -> Option<usize> {
        None
    }
    /// The loop frame's globals dict (its id).
    fn globals_dict(&mut self) -> Option<u32> {
        None
    }
    /// A global of another module's globals dict (its id), or a builtin.
    fn global_in(&mut self, _dict: u32, _name: &str) -> Observed {
        Observed::Unbound
    }
    /// `obj.name` for a known object (modules only, for now).
    fn attr(&mut self, obj: u32, name: &str) -> Observed;
    /// The id of `None`.
    fn none(&mut self) -> u32;
    /// Whether a trace made mostly of object-mode operations compiles
    /// anyway (for tests that exercise object mode everywhere).
    fn object_mode_always(&mut self) -> bool {
        false
    }
    /// A plain Python function the trace may inline: its code, positional
    /// parameter count and defaults. `None` for anything else (closures,
    /// *args, generators, another module's globals).
    fn callee(&mut self, obj: u32) -> Option<Callee>;
    /// Where objects keep what compiled code may read directly; `None`
    /// sends every list access through the runtime.
    fn layout(&mut self) -> Option<ObjLayout> {
        None
    }
    /// The address of an object the recording holds (alive as long as the
    /// compiled code), for calls through the runtime.
    fn obj_addr(&mut self, _obj: u32) -> Option<u64> {
        None
    }
    /// For a bound method of a `random.Random` whose generator compiled
    /// code may draw from directly (the class's `random`, `getrandbits` and
    /// `_randbelow` unchanged): the instance's address.
    fn random_instance(&mut self, _method: u32) -> Option<u64> {
        None
    }
    /// Whether `class` is a class whose metaclass is exactly `type` (its
    /// attributes are found as `type.__getattribute__` finds them).
    fn plain_metaclass(&mut self, _class: u32) -> bool {
        false
    }
    /// What `super(after, obj).name` finds for an instance of plain class
    /// `class`: along its MRO past `after`, a plain function or
    /// `object.__init__` (its id); `None` for anything else.
    fn super_attr(&mut self, _class: u32, _after: u32, _name: &str) -> Option<u32> {
        None
    }
    /// What plain class `class` has under `name` along its MRO.
    fn class_attr(&mut self, _class: u32, _name: &str) -> ClassAttr {
        ClassAttr::Descriptor
    }
    /// The type of the number the instances of `class` seen so far hold in
    /// their `__dict__` under `name`, if they agree.
    fn field(&mut self, _class: u32, _name: &str) -> Option<Type> {
        None
    }
    /// For a plain class with instance dicts, object's `__new__` and no
    /// `__del__`: its `__init__` to inline (`None`: object's own).
    fn constructor(&mut self, _class: u32) -> Option<Option<Callee>> {
        None
    }
    /// The id of a callable that redoes a constructor's `__init__` on an
    /// instance the trace made: `f(inst, *args, **kw)` runs `type(inst)`'s
    /// `__init__` on `inst` and returns `inst`. An exit inside an inlined
    /// `__init__` leaves it where the class was, with the instance as the
    /// call's self, so the interpreter resumes that frame; `None` leaves
    /// such an exit redoing the whole call.
    fn init_resumer(&mut self) -> Option<u32> {
        None
    }
    /// Whether object `obj` is data the trace gains nothing from knowing
    /// by identity: not callable, not a class, a str or a module (what the
    /// recorder inlines, folds or looks into).
    fn is_data(&mut self, _obj: u32) -> bool {
        false
    }
    /// The plain classes (ids) of the objects the interpreter met as the
    /// receiver of the LOAD_ATTR at `pc` of code `code` (the loop frame's
    /// code for None): what its inline cache holds, and the classes
    /// compiled code left for there (`RECEIVER_CLASS`).
    fn receiver_classes(&mut self, _code: Option<u32>, _pc: u32) -> Vec<u32> {
        Vec::new()
    }
    /// The type both operands of the BINARY_OP or COMPARE_OP at `pc` of
    /// code `code` had when the interpreter specialized it: two ints
    /// (`I64`) or two floats (`F64`); None if it did not.
    fn operand_type(&mut self, _code: Option<u32>, _pc: u32) -> Option<pyjit_ir::Type> {
        None
    }
    /// Whether compiled code left at `pc` of code `code` for a value of
    /// another type than its recording took (`OPERAND_TYPE`,
    /// `FIELD_TYPE`): its values are taken as objects of any type.
    fn types_vary(&mut self, _code: Option<u32>, _pc: u32) -> bool {
        false
    }
    /// What the UNPACK_SEQUENCE, subscript or FOR_ITER at `pc` of code
    /// `code` met when the interpreter specialized it: exact tuples or
    /// exact lists.
    fn sequence_kind(&mut self, _code: Option<u32>, _pc: u32) -> Option<SeqKind> {
        None
    }
    /// Whether the interpreter has run the code from `pc` of code `code`
    /// (None: it cannot tell). A branch to code it never ran leaves
    /// instead of recording that path.
    fn executed(&mut self, _code: Option<u32>, _pc: u32) -> Option<bool> {
        None
    }
    /// Whether the operator or comparison at `pc` of code `code` met
    /// builtin operands (strs, ints, floats, lists, tuples) when the
    /// interpreter specialized it.
    fn builtin_operands(&mut self, _code: Option<u32>, _pc: u32) -> bool {
        false
    }
    /// The list or instance every instance of `class` seen so far holds
    /// under `name`, if they agree.
    fn field_obj(&mut self, _class: u32, _name: &str) -> Option<FieldObj> {
        None
    }
    /// The keys every instance of `class` seen so far has first in its
    /// dict's entry array, in order, if there are any: addresses of
    /// interned strs.
    fn inst_keys(&mut self, _class: u32) -> Option<KeyLayout> {
        None
    }
    /// The id of the builtin type of this name (int, float, ...).
    fn builtin_type(&mut self, _name: &str) -> Option<u32> {
        None
    }
    /// The element type of arrays of the dtype `obj` names for numpy
    /// (`np.float64`, `float`, `"int32"`, ...).
    fn np_dtype(&mut self, _obj: u32) -> Option<MemTy> {
        None
    }
    /// The id of `type(None)`.
    fn none_type(&mut self) -> Option<u32> {
        None
    }
    /// Whether class `sub` is `sup` or a subclass of it (both object ids;
    /// None where `sup` is not a class).
    fn is_subclass(&mut self, _sub: u32, _sup: u32) -> Option<bool> {
        None
    }
    /// The id of `NotImplemented`.
    fn not_implemented(&mut self) -> Option<u32> {
        None
    }
    /// The id of constant `idx` of the code object with id `code` (the
    /// loop frame's code for None), if it is an exact str.
    fn str_const(&mut self, _code: Option<u32>, _idx: u32) -> Option<u32> {
        None
    }
    /// The text of the str with this id.
    fn str_value(&mut self, _obj: u32) -> Option<String> {
        None
    }
    /// The id of `numpy.ndarray.<name>` (what LOAD_ATTR finds on an array).
    fn np_method(&mut self, _name: &str) -> Option<u32> {
        None
    }
    /// The id of `dict.<name>`.
    fn dict_method(&mut self, _name: &str) -> Option<u32> {
        None
    }
    /// The id of `list.<name>` (the method descriptor LOAD_ATTR pushes).
    fn list_method(&mut self, _name: &str) -> Option<u32> {
        None
    }
    /// The id of a tuple of these strs (keyword names) the recording holds.
    fn names_tuple(&mut self, _names: &[String]) -> Option<u32> {
        None
    }
    /// The items of the tuple `World` id `obj`, observed (`None` if too
    /// many to take apart).
    fn tuple_items(&mut self, _obj: u32) -> Option<Vec<Observed>> {
        None
    }
    /// What a cell holds now (`Unbound` if empty or not a cell).
    fn cell_contents(&mut self, _src: Src) -> Observed {
        Observed::Unbound
    }
    /// The id of an interned str `name` the recording holds.
    fn name_obj(&mut self, _name: &str) -> Option<u32> {
        None
    }
    /// The class's version tag now (it changes when the class or a base is
    /// modified; `None` if it has none).
    fn class_version(&mut self, _class: u32) -> Option<u32> {
        None
    }
}

/// A name looked up on a plain class.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ClassAttr {
    /// Nowhere on the class: an instance attribute is its dict's entry.
    Absent,
    /// A plain function of the same module (its id): a method.
    Method(u32),
    /// A value that is no data descriptor (a class constant): an instance
    /// attribute of the name still comes from the dict first.
    Plain,
    /// A `__slots__` member: the object pointer at this byte offset in
    /// the instance (null while unset).
    Member(i64),
    /// A classmethod of a plain function (its id): called as a method, the
    /// function gets the class as its first argument.
    ClassMethod(u32),
    /// A data descriptor (property) or anything else: not compiled.
    Descriptor,
}

/// Byte offsets inside the VM's objects and addresses of its type objects,
/// for reading lists and their float and bool elements without a call.
/// The VM measures them at start-up (and gives none if that fails).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ObjLayout {
    /// Of the class pointer, in every object.
    pub class: i64,
    /// Of a list's element pointer (`PyObject*` items) and its length.
    pub list_items: i64,
    pub list_len: i64,
    /// Of a float's value.
    pub float_value: i64,
    pub float_type: u64,
    pub bool_type: u64,
    pub list_type: u64,
    /// The `True` and `False` objects.
    pub true_obj: u64,
    pub false_obj: u64,
    /// Whether both are immortal (their counts never change), so a bool
    /// stored over a bool needs no count updates and can be a plain store.
    pub immortal_bools: bool,
    /// Of the reference count word, and its value when one reference
    /// holds the object (a float only its list holds may take a new value
    /// in place).
    pub refcount: i64,
    pub refcount_one: u64,
    /// Where instances keep their attribute dicts, if measured.
    pub dict: Option<DictLayout>,
    /// Where a tuple keeps its item pointer and length, if measured.
    pub tuple: Option<TupleLayout>,
    /// Where an int keeps a value that fits a machine word, if measured.
    pub int: Option<IntLayout>,
    /// The address of the VM's count of writes to watched dicts (module
    /// globals and attributes the trace read) and of changes to classes.
    pub watched_writes: u64,
}

/// Where an exact int keeps its value when that fits one word: the bigint
/// library's small form (a tag word telling it from the digit-vector form,
/// the magnitude, a sign byte). Compiled code reads it after checking the
/// class and the tag, and exits where either differs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IntLayout {
    pub int_type: u64,
    /// Of the word that holds `small_tag` exactly when the value is in
    /// the small form.
    pub tag: i64,
    pub small_tag: u64,
    /// Of the magnitude word (small form).
    pub magnitude: i64,
    /// Of the sign byte, and its value for a negative int.
    pub sign: i64,
    pub negative: u8,
}

/// An exact tuple or an exact list (`World::sequence_kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeqKind {
    Tuple,
    List,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TupleLayout {
    pub tuple_type: u64,
    /// Of the item pointer (`PyObject*` items) and the length.
    pub items: i64,
    pub len: i64,
}

/// Where an instance of a plain class keeps its `__dict__`, and where a
/// dict keeps its entries (an array of key, value and hash words, in
/// insertion order, a deleted one with a null key until the next resize).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DictLayout {
    /// Of the dict pointer, from the instance (negative: a prefix).
    pub inst_dict: i64,
    pub dict_type: u64,
    /// Of the entry array's pointer and length in a dict object.
    pub entries: i64,
    pub entries_len: i64,
    /// Bytes per entry, and the key's and the value's offsets in one.
    pub stride: i64,
    pub key: i64,
    pub value: i64,
}

/// A function the recorder can inline.
#[derive(Clone, Debug)]
pub struct Callee {
    /// The code object's identity.
    pub id: usize,
    /// The code object (its id among the recording's objects).
    pub code_obj: u32,
    pub code: std::rc::Rc<Code>,
    pub argcount: u32,
    /// Values of the trailing parameters' defaults.
    pub defaults: Vec<Const>,
    /// The object ids of those that are strs (`mode="lin"`), else `None`.
    pub default_strs: Vec<Option<u32>>,
    /// The function's closure cells (object ids), for COPY_FREE_VARS.
    pub cells: Vec<u32>,
    /// Its module's globals dict (an object id) where it is not the loop
    /// frame's: its global names are read from there.
    pub globals: Option<u32>,
}


/// The frame at the loop header, as the VM sees it at entry.
pub struct Entry<'a> {
    pub code: &'a Code,
    /// The loop header (the jump's target) and the JUMP_BACKWARD.
    pub header: u32,
    /// The back-edge, or `FUNCTION` for a function trace: the whole body
    /// from `header` (after RESUME), leaving through its returns.
    pub jump: u32,
    pub locals: Vec<Observed>,
    pub stack: Vec<Observed>,
    /// The code object's identity, to recognise recursive calls.
    pub code_id: usize,
    /// Iterators over lists on the stack (`Observed::Iter`): their
    /// structure, and the element type of each list (in `IterKind` order).
    pub iters: Vec<(IterKind, Vec<Option<Elem>>)>,
}

/// The keys instances of a class hold first in their dicts' entry arrays,
/// in insertion order (addresses of interned strs): compiled code reads
/// and writes attributes at those positions. An `open` layout is the part
/// all instances seen share (attributes set later in some of them only,
/// in different orders): an instance's dict may hold more keys after
/// those, and an attribute not among them is looked up by the runtime,
/// never assumed absent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyLayout {
    pub keys: Vec<u64>,
    pub open: bool,
}

impl KeyLayout {
    /// Whether a dict whose entry array holds `now` has this layout.
    pub fn matches(&self, now: &[u64]) -> bool {
        if self.open { now.starts_with(&self.keys) } else { now == self.keys }
    }

    /// Makes this the layout of its instances and of one of `keys` too:
    /// their common first keys, open if they differ; false where they
    /// have none in common.
    pub fn merge(&mut self, keys: &[u64]) -> bool {
        let common = self.keys.iter().zip(keys).take_while(|(a, b)| a == b).count();
        if common != self.keys.len() || common != keys.len() {
            self.keys.truncate(common);
            self.open = true;
        }
        !self.keys.is_empty()
    }
}

/// The reason of an exit taken where a value's type differs from the one
/// the trace was compiled for.
pub const TYPES_DIFFER: &str = "types differ from the compiled path";
/// The reason of an exit at an operation the trace leaves to the
/// interpreter (a call it cannot make, a string, a dict): taken only where
/// control reaches it (a `print` every thousand iterations).
pub const LEFT_TO_INTERPRETER: &str = "an operation left to the interpreter";

/// The reason of an exit taken where an object is of a class the trace's
/// switch on classes (`feedback.rs`) has no path for: the VM notes the
/// class for the site's next recording.
pub const RECEIVER_CLASS: &str = "an object of a class the trace has no path for";

/// The reason of an exit at a branch to code the interpreter had not run
/// when the loop was recorded (an error path, `if tracing:`): the VM
/// records the loop again once it has run there.
pub const COLD_PATH: &str = "a path the interpreter had not taken when recorded";

/// The reason of an exit where an operand is not of the type the
/// interpreter's specialized instruction saw: a side exit like any other,
/// not a sign that the types the loop is entered with keep changing
/// (`TYPES_DIFFER`, which gives a loop up when it is most of its runs).
/// The VM notes the site, whose operands the next recording takes as
/// objects of any type.
pub const OPERAND_TYPE: &str = "an operand of another type than the interpreter saw there";

/// The reason of an exit where an instance's attribute holds a number of
/// another type than the recording saw there (a vector's int among
/// floats): the VM notes the site, whose next recording reads the
/// attribute as an object of any type.
pub const FIELD_TYPE: &str = "an attribute of another type than recorded (or missing)";

/// The reason of an object-mode operation's exit: it raised, or it did
/// nothing (the arena full, or with `OBJ_BUILTINS_ONLY` an operand not of
/// a builtin type), and the interpreter does it.
pub const RAISED: &str = "an operation through the VM raised (or the run's arena is full)";

/// The reason of the exit at a return of the loop's (or function's) own
/// code.
pub const RETURN: &str = "return";

/// `Entry::jump` of a function trace.
pub const FUNCTION: u32 = u32::MAX;

/// Where an entry check reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Src {
    Local(u32),
    /// Index into `Recording::names`.
    Name(u32),
    /// Name `names[name]` in the globals dict the recording holds under
    /// id `dict` (another module's, or builtins).
    GlobalIn { dict: u32, name: u32 },
    Stack(u32),
    /// Attribute `names[name]` of object `obj`.
    Attr { obj: u32, name: u32 },
    /// The object the recording holds under this id.
    Object(u32),
    /// The contents of the cell the recording holds under this id (a
    /// closure cell of an inlined function).
    Cell(u32),
    /// The contents of the cell in the loop frame's fast slot.
    LocalCell(u32),
    /// Item `k` of the tuple check `c` (an index into `Recording::checks`)
    /// read.
    Item(u32, u32),
    /// The list the bound method check `c` read is bound to.
    SelfOf(u32),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Want {
    Int,
    Float,
    /// An exact complex; two inputs, its real and imaginary parts.
    Complex,
    Bool,
    Unbound,
    /// That exact object (identity).
    Is(u32),
    /// Any object (not unbound); one input, its address (kept for exits
    /// like an array): a variable the loop reassigns, which object mode
    /// works on whatever it holds.
    Any,
    /// An exact range_iterator; four inputs: start, step, len, index.
    /// `unit`: its step must be 1 (the trace counts on it: an array walk
    /// with a constant stride is one LLVM vectorizes with plain loads).
    RangeIter { unit: bool },
    /// numpy scalars of an exact type, unboxed into one input.
    NpFloat,
    NpInt,
    NpBool,
    /// A small numpy scalar (its value, widened, in one input).
    NpSmall(MemTy),
    /// numpy's iterator over an array: the array's inputs as for `Array`,
    /// then the iterator's index.
    ArrIter { mem: MemTy, ndim: u32, contiguous: bool },
    /// A numpy array of this element type and ndim, C- or otherwise
    /// strided; inputs: data address, then each dimension's length, then
    /// each dimension's stride in bytes (no strides for a C-contiguous
    /// one, whose strides follow from the shape). The object is kept for
    /// exits (`SnapValue::EntryObj`, numbered by order among array checks).
    Array { mem: MemTy, ndim: u32, contiguous: bool },
    /// An exact list; one input, its address (the object is kept for
    /// exits like an array's). Its elements are checked as they are read.
    List,
    /// An exact dict, the same way.
    Dict,
    /// A builtin method named `LIST_METHODS[k]` bound to an exact list (the
    /// object is kept for exits like an array's; the list has a check of
    /// its own, `Src::SelfOf`).
    ListMethod(u8),
    /// An iterator over lists of structure `Recording::iters[k]`, which
    /// nothing but the frame holds. Inputs in `IterKind` order: a list
    /// iterator's list address and index, an enumerate's count. Its lists
    /// are kept for exits like arrays, its list iterators to be moved.
    Iter(u32),
    /// An instance of exactly this class (an object id); one input, its
    /// address (kept for exits like an array). With `keys`
    /// (`Recording::inst_keys[k]`), its dict's entries must begin with
    /// those keys in that order (and hold no others, unless the layout is
    /// open), and a second input is the address of the entry array.
    Instance { class: u32, keys: Option<u32> },
    /// A class whose version tag is this (unmodified since recording).
    Version(u32),
    /// An exact tuple of this length (its items have checks of their own,
    /// `Src::Item`).
    Tuple(u32),
}

/// What the bridge checks (and unboxes into `input`) before entering.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub src: Src,
    pub want: Want,
    pub input: Option<u32>,
}

#[derive(Debug)]
pub struct Recording {
    pub trace: Trace,
    pub checks: Vec<Check>,
    /// The name table `Place::Name` and `Src::Name` index.
    pub names: Vec<String>,
    /// The iterator structures `Want::Iter` names.
    pub iters: Vec<IterKind>,
    /// The trace keeps what other threads see in registers, or reads lists
    /// without their lock: entered only while no other thread runs (its
    /// polls leave when one starts).
    pub single_thread: bool,
    /// The key layouts `Want::Instance` names.
    pub inst_keys: Vec<KeyLayout>,
    /// Native code gains much over the interpreter here: few operations go
    /// through the VM (object mode), none at all or one in ten at most.
    pub mostly_native: bool,
    /// No operation goes through the VM (a numeric kernel's loop).
    pub all_native: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Abort {
    pub pc: u32,
    pub reason: String,
}
