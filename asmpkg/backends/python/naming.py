"""Python's naming rules (the naming oracle): public names, type hints and literals.

Every name a Python user sees is decided here, and nowhere else:
functions and parameters keep the manifest's snake_case (a Python keyword
gets a trailing underscore, PEP 8), structs and handles become CamelCase
classes, and every error becomes `<CamelCase>Error`, a subclass of the
package's `Error` and, where one fits, of a builtin exception.
"""

from __future__ import annotations

import builtins
import keyword
import math
import struct

from ... import model as m

# Errors that are also a builtin exception, keyed by the manifest's error name.
# `except ZeroDivisionError` then catches the library's division by zero too.
BUILTIN_BASES = {
    "division_by_zero": "ZeroDivisionError",
    "out_of_memory": "MemoryError",
    "overflow": "OverflowError",
}

BASE_ERROR = "Error"


def identifier(name: str) -> str:
    """A manifest name as a Python identifier."""
    return name + "_" if keyword.iskeyword(name) or keyword.issoftkeyword(name) else name


def camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def module_name(pkg: m.Package) -> str:
    """The import name: the package's name (`import asmmath`)."""
    return pkg.name


def extension_name(pkg: m.Package) -> str:
    """The compiled extension inside the package (`asmmath._asmmath`)."""
    return f"_{pkg.name}"


def function_name(fn: m.Function) -> str:
    return identifier(fn.name)  # the model's name has no C prefix


def param_name(p: m.Param) -> str:
    return identifier(p.name)


def field_name(f: m.Field) -> str:
    return identifier(f.name)


def class_name(item: m.Struct | m.Handle) -> str:
    return camel(item.name)


def error_name(err: m.Error) -> str:
    return camel(err.name) + "Error"


def builtin_base(err: m.Error) -> str | None:
    return BUILTIN_BASES.get(err.name)


def shadows_builtin(name: str) -> bool:
    """Names left out of `__all__`, so `from asmmath import *` never hides a builtin (e.g. OverflowError)."""
    return hasattr(builtins, name)


def qualified(pkg: m.Package, name: str) -> str:
    return f"{module_name(pkg)}.{name}"


# ---------------------------------------------------------------- type hints (for the .pyi stubs)
# `shadowed` holds the package's names that hide a builtin (a function named `bytes`, the error
# class OverflowError): in the stub those builtins are spelled `builtins.<name>`.

Shadowed = frozenset[str]


def builtin(name: str, shadowed: Shadowed) -> str:
    return f"builtins.{name}" if name in shadowed else name


def scalar_hint(s: m.Scalar, shadowed: Shadowed = frozenset()) -> str:
    return builtin("float" if s.is_float else "bool" if s.is_bool else "int", shadowed)


def input_hint(t: m.ParamType, shadowed: Shadowed = frozenset()) -> str:
    """What a parameter accepts."""
    if isinstance(t, m.ScalarT):
        return scalar_hint(t.scalar, shadowed)
    if isinstance(t, m.BytesT):
        return "WriteableBuffer" if t.mutable else "ReadableBuffer"
    if isinstance(t, m.SliceT):
        return f"ReadableBuffer | Iterable[{scalar_hint(t.elem, shadowed)}]"
    if isinstance(t, m.StructT):
        return class_name(t.struct)
    if isinstance(t, m.HandleT):
        return class_name(t.handle)
    if isinstance(t, m.CallbackT):
        cb = t.callback
        args = ", ".join(scalar_hint(p.type.scalar, shadowed) for p in cb.params  # type: ignore[union-attr]
                         if p.role == m.INPUT)
        return f"Callable[[{args}], {result_hint(cb.returns, shadowed)}]"
    raise TypeError(t)


def result_hint(t: object, shadowed: Shadowed = frozenset()) -> str:
    """What a function gives back for one of `Function.results` (or a callback's return)."""
    if isinstance(t, m.ScalarT):
        return scalar_hint(t.scalar, shadowed)
    if isinstance(t, m.VoidT):
        return "None"
    if isinstance(t, (m.ArrayOutT, m.BufOutT)):
        if array_is_bytes(t):
            return builtin("bytes", shadowed)
        return f"{builtin('tuple', shadowed)}[{scalar_hint(t.elem, shadowed)}, ...]"
    if isinstance(t, m.StructT):
        return class_name(t.struct)
    if isinstance(t, m.HandleT):
        return class_name(t.handle)
    if isinstance(t, m.CStrT):  # NULL is None
        return f"{builtin('str', shadowed)} | None"
    raise TypeError(t)


def results_hint(types: list[object], shadowed: Shadowed = frozenset()) -> str:
    if not types:
        return "None"
    if len(types) == 1:
        return result_hint(types[0], shadowed)
    return f"{builtin('tuple', shadowed)}[" + ", ".join(result_hint(t, shadowed) for t in types) + "]"


def array_is_bytes(t: m.ArrayOutT | m.BufOutT) -> bool:
    """`[u8; N]` and `[u8; expr]` outputs are `bytes`; other element types are a tuple of numbers."""
    return t.elem.name == "u8"


def length_unit(elem: m.Scalar) -> str:
    """What the elements of a buffer are called in messages and docs: bytes, or items of a slice."""
    return "bytes" if elem.name == "u8" else "items"


# struct/array type codes of each scalar (x86-64 sizes); array.array has none for bool
TYPE_CODES = {"i8": "b", "u8": "B", "i16": "h", "u16": "H", "i32": "i", "u32": "I", "i64": "q", "u64": "Q",
              "usize": "Q", "f32": "f", "f64": "d", "bool": "?"}


def array_code(s: m.Scalar) -> str | None:
    """The array.array type code of a scalar, for the tests' zero-copy slice inputs."""
    return None if s.is_bool else TYPE_CODES[s.name]


# ---------------------------------------------------------------- literals


def scalar_literal(value: object, s: m.Scalar) -> str:
    if s.is_bool:
        return "True" if value else "False"
    if s.is_float:
        v = float(value)  # type: ignore[arg-type]
        if math.isnan(v):
            return "math.nan"
        if math.isinf(v):
            return "math.inf" if v > 0 else "-math.inf"
        return repr(v)
    return repr(int(value))  # type: ignore[call-overload]


def literal(pkg: m.Package, value: object, t: object) -> str:
    """A test value (already checked and normalised by the model) as Python source."""
    if isinstance(t, m.ScalarT):
        return scalar_literal(value, t.scalar)
    if isinstance(t, m.Scalar):
        return scalar_literal(value, t)
    if isinstance(t, m.BytesT):
        assert isinstance(value, bytes)
        return repr(value)
    if isinstance(t, (m.ArrayOutT, m.BufOutT)):
        assert isinstance(value, bytes)
        data = value
        if array_is_bytes(t):
            return f"bytes.fromhex({data.hex()!r})"
        items = struct.unpack(f"<{len(data) // t.elem.size}{TYPE_CODES[t.elem.name]}", data)
        return "(" + "".join(f"{scalar_literal(v, t.elem)}, " for v in items) + ")"
    if isinstance(t, m.SliceT):
        return "[" + ", ".join(scalar_literal(v, t.elem) for v in value) + "]"  # type: ignore[attr-defined]
    if isinstance(t, m.StructT):
        fields = ", ".join(f"{field_name(f)}={scalar_literal(value[f.name], f.type)}"  # type: ignore[index]
                           for f in t.struct.fields)
        return f"{module_name(pkg)}.{class_name(t.struct)}({fields})"
    raise TypeError(t)
