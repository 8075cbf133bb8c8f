"""Rust naming rules and literals: identifiers, type spellings and values from test vectors."""

from __future__ import annotations

import math
import struct

from ... import model as m

# Strict and reserved keywords (2024 edition): a manifest name that is one gets a trailing `_`.
KEYWORDS = frozenset("""
    as async await break const continue crate dyn else enum extern false fn for gen if impl in let loop
    match mod move mut pub ref return self Self static struct super trait true type unsafe use where while
    abstract become box do final macro override priv try typeof unsized virtual yield union
""".split())

# Names the generated safe crate uses unqualified; a manifest type must not take one of them.
RESERVED_TYPES = frozenset({"Result", "Option", "Some", "None", "Ok", "Err", "Box", "String", "Vec", "Self",
                            "Send", "Sync", "Drop", "Copy", "Clone", "Debug", "Default", "PartialEq", "Eq",
                            "Hash", "From", "Into", "Fn", "FnMut", "FnOnce", "Sized", "AsRef", "AsMut"})


def ident(name: str) -> str:
    """A snake_case name (function, parameter, field) as a Rust identifier."""
    return f"{name}_" if name in KEYWORDS else name


def camel(name: str) -> str:
    """snake_case -> UpperCamelCase (structs, handles, callbacks, error variants)."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_") if part)


def crate_ident(crate: str) -> str:
    """A crate name as it is written in Rust code (`asmmath-sys` -> `asmmath_sys`)."""
    return crate.replace("-", "_")


def env_prefix(crate: str) -> str:
    return crate_ident(crate).upper()


# ---------------------------------------------------------------- types


def scalar(s: m.Scalar) -> str:
    return s.name  # the manifest's spellings are Rust's (i8..u64, usize, f32, f64, bool)


def zero(s: m.Scalar) -> str:
    """The zero value of a scalar, to initialise outputs and to return from a callback that panicked."""
    if s.is_bool:
        return "false"
    if s.is_float:
        return "0.0"
    return "0"


# ---------------------------------------------------------------- literals


def int_literal(value: int, s: m.Scalar) -> str:
    if s.is_bool:
        return "true" if value else "false"
    lo, hi = s.int_range()
    if value == lo and s.signed:
        return f"{s.name}::MIN"
    if value == hi and s.bits >= 32:
        return f"{s.name}::MAX"
    return str(value)


def float_literal(value: float, s: m.Scalar) -> str:
    if math.isnan(value):
        return f"{s.name}::NAN"
    if math.isinf(value):
        return f"{s.name}::INFINITY" if value > 0 else f"{s.name}::NEG_INFINITY"
    if s.size == 4:
        rounded = struct.unpack("<f", struct.pack("<f", value))[0]
        for digits in range(1, 10):  # the shortest text that reads back as the same f32
            text = f"{rounded:.{digits}g}"
            if struct.unpack("<f", struct.pack("<f", float(text)))[0] == rounded:
                break
    else:
        text = repr(float(value))
    if "e" in text:
        mantissa, exp = text.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        text = f"{mantissa}e{int(exp)}"
    elif "." not in text:
        text += ".0"
    return text


def scalar_literal(value: object, s: m.Scalar) -> str:
    if s.is_float:
        return float_literal(float(value), s)  # type: ignore[arg-type]
    if s.is_bool:
        return "true" if value else "false"
    return int_literal(int(value), s)  # type: ignore[arg-type]


def byte_string(data: bytes) -> str:
    """A Rust byte-string literal: b"..." with printable ASCII kept and everything else escaped."""
    out = []
    for b in data:
        c = chr(b)
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        elif 0x20 <= b < 0x7F:
            out.append(c)
        else:
            out.append(f"\\x{b:02x}")
    return 'b"' + "".join(out) + '"'


def array_elements(data: bytes, elem: m.Scalar) -> list[object]:
    """The elements of a fixed-size array from its little-endian memory image (how vectors give arrays)."""
    if elem.is_bool:
        return [bool(b) for b in data]
    if elem.is_float:
        fmt = "<f" if elem.size == 4 else "<d"
        return [struct.unpack(fmt, data[k:k + elem.size])[0] for k in range(0, len(data), elem.size)]
    return [int.from_bytes(data[k:k + elem.size], "little", signed=elem.signed)
            for k in range(0, len(data), elem.size)]


def float_bits(value: float, elem: m.Scalar) -> str:
    if elem.size == 4:
        return f"0x{struct.unpack('<I', struct.pack('<f', value))[0]:08x}"
    return f"0x{struct.unpack('<Q', struct.pack('<d', value))[0]:016x}"


def string(text: str) -> str:
    """A Rust string literal."""
    out = []
    for c in text:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{{{ord(c):x}}}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'
