"""The one typed, frozen model of a project. Built by `manifest.load`, read by everything else.

Derived facts (C prototypes, symbols, version nodes, struct layouts, which
parameters a language hides) are computed here, once, so that no backend
re-derives them differently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

# ---------------------------------------------------------------- types


@dataclass(frozen=True)
class Scalar:
    name: str  # manifest spelling: i8..u64, f32, f64, bool, usize
    c: str
    size: int
    signed: bool = False
    is_float: bool = False
    is_bool: bool = False

    @property
    def is_int(self) -> bool:
        return not (self.is_float or self.is_bool)

    @property
    def bits(self) -> int:
        return self.size * 8

    def int_range(self) -> tuple[int, int]:
        if self.is_bool:
            return (0, 1)
        if self.signed:
            return (-(1 << (self.bits - 1)), (1 << (self.bits - 1)) - 1)
        return (0, (1 << self.bits) - 1)


SCALARS: dict[str, Scalar] = {
    s.name: s
    for s in [
        Scalar("i8", "int8_t", 1, signed=True),
        Scalar("i16", "int16_t", 2, signed=True),
        Scalar("i32", "int32_t", 4, signed=True),
        Scalar("i64", "int64_t", 8, signed=True),
        Scalar("u8", "uint8_t", 1),
        Scalar("u16", "uint16_t", 2),
        Scalar("u32", "uint32_t", 4),
        Scalar("u64", "uint64_t", 8),
        Scalar("usize", "size_t", 8),
        Scalar("f32", "float", 4, signed=True, is_float=True),
        Scalar("f64", "double", 8, signed=True, is_float=True),
        Scalar("bool", "bool", 1, is_bool=True),
    ]
}


@dataclass(frozen=True)
class Field:
    name: str
    type: Scalar
    doc: str
    offset: int


@dataclass(frozen=True)
class Struct:
    name: str
    c_name: str
    doc: str
    fields: tuple[Field, ...]
    size: int
    align: int

    @property
    def returned_in_memory(self) -> bool:
        """System V returns aggregates over 16 bytes through a hidden pointer (sret)."""
        return self.size > 16


@dataclass(frozen=True)
class Handle:
    name: str
    c_name: str
    doc: str
    new: str  # function names (without prefix)
    free: str
    data: str | None
    len: str | None


@dataclass(frozen=True)
class Error:
    name: str
    code: int
    message: str
    c_name: str  # MATH_ERR_DIVISION_BY_ZERO


@dataclass(frozen=True)
class ScalarT:
    scalar: Scalar


@dataclass(frozen=True)
class BytesT:
    mutable: bool


@dataclass(frozen=True)
class SliceT:
    elem: Scalar


@dataclass(frozen=True)
class ArrayOutT:
    elem: Scalar
    length: int


@dataclass(frozen=True)
class LenExpr:
    """A buffer length (in elements) computed from another parameter: `mul * param + add`, or `add` alone."""

    param: str | None
    mul: int = 1
    add: int = 0

    def __str__(self) -> str:
        if self.param is None:
            return str(self.add)
        text = self.param if self.mul == 1 else f"{self.mul}*{self.param}"
        return text + (f"+{self.add}" if self.add > 0 else f"-{-self.add}" if self.add < 0 else "")

    def evaluate(self, value: int) -> int:
        return self.add if self.param is None else self.mul * value + self.add


@dataclass(frozen=True)
class BufOutT:
    """`[T; expr]`: a caller-provided output buffer whose length is an expression of other parameters."""

    elem: Scalar
    size: LenExpr


@dataclass(frozen=True)
class OutT:
    target: Union[Scalar, Struct, Handle]


@dataclass(frozen=True)
class StructT:
    struct: Struct


@dataclass(frozen=True)
class HandleT:
    handle: Handle
    const: bool = False


@dataclass(frozen=True)
class CallbackT:
    callback: "Callback"


@dataclass(frozen=True)
class UserDataT:
    pass


# return-only kinds
@dataclass(frozen=True)
class VoidT:
    pass


@dataclass(frozen=True)
class StatusT:
    pass


@dataclass(frozen=True)
class CStrT:
    pass


@dataclass(frozen=True)
class PtrT:
    elem: Scalar


ParamType = Union[ScalarT, BytesT, SliceT, ArrayOutT, BufOutT, OutT, StructT, HandleT, CallbackT, UserDataT, PtrT]
ReturnType = Union[ScalarT, StructT, VoidT, StatusT, CStrT, PtrT]


# ---------------------------------------------------------------- functions

# Extended contract forms (what `asmpkg check` needs of real libraries). A language backend
# that does not declare one refuses a function using it, rather than bind it unsafely.
LEN_EXPR = "a length expression"
BUF_OUT = "an output of computed length"
PTR_PARAM = "a raw pointer parameter"
OWNED_STR = "a returned string the caller frees"
OWNED_PTR = "a returned pointer the caller frees"
EXTENDED_FORMS = frozenset({LEN_EXPR, BUF_OUT, PTR_PARAM, OWNED_STR, OWNED_PTR})

# Why a parameter exists, for languages: inputs are arguments, outputs become
# results, lengths and user pointers are filled in by the binding.
INPUT, OUTPUT, LENGTH, USER = "input", "output", "length", "user"


@dataclass(frozen=True)
class Param:
    name: str
    type: ParamType
    doc: str
    role: str
    len: str | None = None  # the length parameter of a buffer or slice
    user: str | None = None  # the user-data parameter of a callback
    length_of: str | None = None  # for LENGTH params: the buffer it measures
    default: object = None
    size: LenExpr | None = None  # a buffer's length when it is an expression (`len = "2*n"`), not one parameter


@dataclass(frozen=True)
class Variant:
    name: str
    symbol: str
    cpu: tuple[str, ...]


Value = Union[int, float, bool, bytes, str, list, dict]


@dataclass(frozen=True)
class TestVector:
    args: tuple[tuple[str, Value], ...]  # every input, by name, defaults filled in
    expect: Value | None
    error: Error | None
    after: tuple[tuple[str, Value], ...]  # mutable buffers' contents after the call
    line: int

    def arg(self, name: str) -> Value:
        return dict(self.args)[name]


@dataclass(frozen=True)
class Function:
    name: str
    symbol: str
    doc: str
    since: str
    version_node: str
    returns: ReturnType
    params: tuple[Param, ...]
    errors: tuple[Error, ...]
    cpu: tuple[str, ...]
    variants: tuple[Variant, ...]
    tests: tuple[TestVector, ...]
    c_prototype: str  # `int64_t math_add_ints(int64_t a, int64_t b)`
    # "function"; a handle's "new", "free", "data" or "len"; "strerror"; or "release": the function another
    # one's free = names, which bindings call themselves (languages do not expose it)
    role: str
    line: int = 0  # of its entry in the manifest
    free: str | None = None  # ptr<T>/cstr returns: what the caller frees it with ("free" or a function's name)
    free_symbol: str | None = None  # the C function that frees it: "free", or that function's symbol

    @property
    def inputs(self) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.role == INPUT)

    @property
    def outputs(self) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.role == OUTPUT)

    @property
    def is_status(self) -> bool:
        return isinstance(self.returns, StatusT)

    @property
    def returns_value(self) -> bool:
        return not isinstance(self.returns, (VoidT, StatusT))

    @property
    def takes_callback(self) -> bool:
        return any(isinstance(p.type, CallbackT) for p in self.params)

    def param(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)

    @property
    def extended_forms(self) -> frozenset[str]:
        """Contract forms beyond the basic ones, which a language backend must opt in to."""
        return frozenset(form for form, _ in self.form_sites)

    @property
    def form_sites(self) -> tuple[tuple[str, str], ...]:
        """Each use of an extended form, as (form, where it is in the manifest's spelling): `data: len = "4*n"`."""
        out = []
        for p in self.params:
            t = p.type
            if p.size is not None:
                out.append((LEN_EXPR, f'{p.name}: len = "{p.size}"'))
            if isinstance(t, BufOutT):
                out.append((BUF_OUT, f'{p.name}: type = "[{t.elem.name}; {t.size}]"'))
            if isinstance(t, PtrT):
                out.append((PTR_PARAM, f'{p.name}: type = "ptr<{t.elem.name}>"'))
        if self.free is not None:
            out.append((OWNED_STR if isinstance(self.returns, CStrT) else OWNED_PTR, f'free = "{self.free}"'))
        return tuple(out)

    @property
    def results(self) -> tuple[tuple[str, "ParamType | ReturnType"], ...]:
        """What a language returns: the value (if any), then each output, as (name, type)."""
        out: list[tuple[str, ParamType | ReturnType]] = []
        if self.returns_value:
            out.append(("result", self.returns))
        for p in self.outputs:
            t = p.type
            if isinstance(t, OutT):
                target = t.target
                if isinstance(target, Scalar):
                    t = ScalarT(target)
                elif isinstance(target, Struct):
                    t = StructT(target)
                else:
                    t = HandleT(target)
            out.append((p.name, t))
        return tuple(out)


@dataclass(frozen=True)
class Callback:
    name: str
    c_name: str
    doc: str
    returns: ReturnType
    params: tuple[Param, ...]
    c_typedef: str

    @property
    def user_index(self) -> int:
        return next(i for i, p in enumerate(self.params) if isinstance(p.type, UserDataT))


# ---------------------------------------------------------------- package


@dataclass(frozen=True)
class Package:
    name: str  # language-level: asmmath
    library: str  # C library: math -> libmath
    version: str
    prefix: str  # math_
    description: str
    license: str
    homepage: str
    authors: tuple[str, ...]
    go_module: str
    java_package: str
    java_class: str
    npm: str
    crate: str

    @property
    def version_tuple(self) -> tuple[int, int, int]:
        major, minor, patch = (int(x) for x in self.version.split("-")[0].split(".")[:3])
        return (major, minor, patch)

    @property
    def soversion(self) -> str:
        return str(self.version_tuple[0])

    @property
    def soname(self) -> str:
        return f"lib{self.library}.so.{self.soversion}"

    @property
    def macro_prefix(self) -> str:
        return self.prefix.upper()


@dataclass(frozen=True)
class Sources:
    nasm: tuple[str, ...]
    c: tuple[str, ...]
    include_dirs: tuple[str, ...]
    nasm_flags: tuple[str, ...]
    per_source_flags: tuple[tuple[str, tuple[str, ...]], ...]
    cpu: tuple[str, ...]
    intended_state: tuple[str, ...]

    def flags_for(self, source: str) -> tuple[str, ...]:
        """The NASM flags one source is assembled with, beyond -f and -I."""
        return self.nasm_flags + dict(self.per_source_flags).get(source, ())


@dataclass(frozen=True)
class CTest:
    source: str
    deps: tuple[str, ...]
    valgrind: bool
    timeout: int

    @property
    def name(self) -> str:
        return Path(self.source).stem


@dataclass(frozen=True)
class Model:
    root: Path
    manifest: Path
    package: Package
    sources: Sources
    errors: tuple[Error, ...]
    structs: tuple[Struct, ...]
    handles: tuple[Handle, ...]
    callbacks: tuple[Callback, ...]
    functions: tuple[Function, ...]
    languages: tuple[str, ...]
    c_tests: tuple[CTest, ...]
    version_nodes: tuple[str, ...] = field(default=())  # oldest first
    language_tests: tuple[tuple[str, str], ...] = field(default=())  # (language, folder of hand-written tests)

    def tests_dir(self, language: str) -> str | None:
        """The project-relative folder of hand-written tests for a language, if the manifest names one."""
        return dict(self.language_tests).get(language)

    def function(self, name: str) -> Function:
        return next(f for f in self.functions if f.name == name)

    @property
    def exported_symbols(self) -> tuple[str, ...]:
        return tuple(f.symbol for f in self.functions)

    @property
    def free_functions(self) -> tuple[Function, ...]:
        """Functions a language exposes as plain functions (not handle members or strerror)."""
        return tuple(f for f in self.functions if f.role == "function")

    def handle_function(self, handle: Handle, role: str) -> Function | None:
        name = {"new": handle.new, "free": handle.free, "data": handle.data, "len": handle.len}[role]
        return self.function(name) if name else None

    @property
    def strerror(self) -> Function | None:
        return next((f for f in self.functions if f.role == "strerror"), None)

    @property
    def header_name(self) -> str:
        return f"{self.package.name}.h"


# ---------------------------------------------------------------- derived C facts


def c_type(t: ParamType | ReturnType, prefix: str) -> str:
    """The C spelling of a type in a declaration, without the parameter name."""
    if isinstance(t, ScalarT):
        return t.scalar.c
    if isinstance(t, BytesT):
        return "uint8_t *" if t.mutable else "const uint8_t *"
    if isinstance(t, SliceT):
        return f"const {t.elem.c} *"
    if isinstance(t, OutT):
        target = t.target
        if isinstance(target, Scalar):
            return f"{target.c} *"
        if isinstance(target, Handle):
            return f"{target.c_name} **"
        return f"{target.c_name} *"
    if isinstance(t, StructT):
        return t.struct.c_name
    if isinstance(t, HandleT):
        return f"const {t.handle.c_name} *" if t.const else f"{t.handle.c_name} *"
    if isinstance(t, CallbackT):
        return t.callback.c_name
    if isinstance(t, UserDataT):
        return "void *"
    if isinstance(t, VoidT):
        return "void"
    if isinstance(t, StatusT):
        return "int"
    if isinstance(t, CStrT):
        return "const char *"
    if isinstance(t, PtrT):
        return f"{t.elem.c} *"
    if isinstance(t, BufOutT):
        return f"{t.elem.c} *"
    raise TypeError(t)


def c_param(p: Param, prefix: str) -> str:
    if isinstance(p.type, ArrayOutT):
        return f"{p.type.elem.c} {p.name}[{p.type.length}]"
    spelled = c_type(p.type, prefix)
    sep = "" if spelled.endswith("*") else " "
    return f"{spelled}{sep}{p.name}"


def c_declaration(returns: ReturnType, name: str, params: tuple[Param, ...], prefix: str, owned: bool = False) -> str:
    # a string the caller frees is `char *`: free() takes it without casting const away
    ret = "char *" if owned and isinstance(returns, CStrT) else c_type(returns, prefix)
    sep = "" if ret.endswith("*") else " "
    args = ", ".join(c_param(p, prefix) for p in params) or "void"
    return f"{ret}{sep}{name}({args})"


def struct_layout(fields: list[tuple[str, Scalar, str]]) -> tuple[tuple[Field, ...], int, int]:
    """Natural C layout: each field at its own alignment, size rounded to the largest."""
    offset, align, out = 0, 1, []
    for name, scalar, doc in fields:
        offset = (offset + scalar.size - 1) // scalar.size * scalar.size
        out.append(Field(name, scalar, doc, offset))
        offset += scalar.size
        align = max(align, scalar.size)
    size = (offset + align - 1) // align * align
    return tuple(out), size, align
