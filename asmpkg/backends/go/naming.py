"""Go naming rules (the naming oracle) and Go spellings of test-vector values.

Go names are MixedCaps with initialisms kept in one case (`CRC32`, `SHA256`,
`userID`, `URLPath`), as Effective Go and the Go code review comments ask.
"""

from __future__ import annotations

import math
import struct as _struct

from ... import model as m

# Initialisms written in one case: golint's list plus the ones asm libraries use.
INITIALISMS = frozenset({
    "acl", "aes", "api", "ascii", "avx", "cpu", "crc", "css", "des", "dns", "eof", "fpu", "gpu", "guid", "hmac",
    "html", "http", "https", "id", "io", "ip", "json", "lhs", "md", "os", "qps", "ram", "rgb", "rgba", "rhs", "rng", "rpc", "rsa",
    "sha", "simd", "sla", "smtp", "sql", "ssh", "sse", "tcp", "tls", "ttl", "udp", "ui", "uid", "uri", "url",
    "utf", "uuid", "vm", "xml", "xmpp", "xsrf", "xss",
})

# Whole words Go spells differently.
WORDS = {"fn": "Func", "func": "Func"}

KEYWORDS = frozenset(
    "break case chan const continue default defer else fallthrough for func go goto if import interface map "
    "package range return select struct switch type var".split()
)
PREDECLARED = frozenset(
    "any append bool byte cap clear close comparable complex complex64 complex128 copy delete error false "
    "float32 float64 imag int int8 int16 int32 int64 iota len make max min new nil panic print println real "
    "recover rune string true uint uint8 uint16 uint32 uint64 uintptr".split()
)
# Package names the generated code refers to: a parameter must not shadow them.
PACKAGES = frozenset({"C", "cgo", "errors", "fmt", "math", "runtime", "sync", "unsafe"})
RESERVED = KEYWORDS | PREDECLARED | PACKAGES


def _word(word: str) -> str:
    """One snake_case word in exported form: crc32 -> CRC32, i64 -> I64, point -> Point."""
    if word in WORDS:
        return WORDS[word]
    head = word.rstrip("0123456789")
    tail = word[len(head):]
    if head in INITIALISMS:
        return head.upper() + tail
    return word[:1].upper() + word[1:]


def exported(name: str) -> str:
    """snake_case -> MixedCaps: add_ints -> AddInts, crc32 -> CRC32, max_i64 -> MaxI64."""
    return "".join(_word(w) for w in name.split("_") if w)


def unexported(name: str) -> str:
    """snake_case -> mixedCaps: user_id -> userID, url_path -> urlPath, crc32 -> crc32."""
    words = [w for w in name.split("_") if w]
    if not words:
        return name
    return words[0].lower() + "".join(_word(w) for w in words[1:])


def local(name: str) -> str:
    """A parameter or local variable: mixedCaps, never a keyword, builtin or package name."""
    out = unexported(name)
    return out + "Arg" if out in RESERVED else out


def function(fn: m.Function) -> str:
    return exported(fn.name)


def type_name(name: str) -> str:
    return exported(name)


def error_var(err: m.Error) -> str:
    return "Err" + exported(err.name)


def constructor(handle: m.Handle) -> str:
    return "New" + exported(handle.name)


def receiver(handle: m.Handle) -> str:
    r = unexported(handle.name)[:1] or "h"
    return r + "h" if r in RESERVED else r


def cgo_field(name: str) -> str:
    """How cgo spells a C struct field in Go: keywords get a leading underscore."""
    return "_" + name if name in KEYWORDS else name


def trampoline(package: m.Package, cb: m.Callback) -> str:
    """The //export name of a callback's trampoline: a C symbol, so it carries the package name."""
    return unexported(package.name) + exported(cb.name) + "Trampoline"


def c_wrapper(package: m.Package, fn: m.Function) -> str:
    """The preamble's C function that passes a callback's trampoline and handle."""
    return f"{package.name}_{fn.name}"


# ---------------------------------------------------------------- types


def scalar(s: m.Scalar, *, layout: bool = False, element: bool = False) -> str:
    """The Go type of a scalar.

    usize is `int`, Go's type for sizes, where it is a value (parameters, results), and
    `uint`, the same size as size_t, where memory layout matters (struct fields, slice and
    array elements). A u8 element is `byte`.
    """
    if s.name == "usize":
        return "uint" if (layout or element) else "int"
    if s.is_bool:
        return "bool"
    if s.is_float:
        return f"float{s.bits}"
    if s.name == "u8" and element:
        return "byte"
    return f"{'int' if s.signed else 'uint'}{s.bits}"


def units(elem: m.Scalar) -> str:
    """How messages and docs count elements of a buffer: "bytes", "int32 values"."""
    return "bytes" if elem.name == "u8" else f"{scalar(elem, element=True)} values"


def c_scalar(s: m.Scalar) -> str:
    return "C." + s.c


# ---------------------------------------------------------------- literals


def int_literal(value: int) -> str:
    return str(int(value))


def float_literal(value: float, s: m.Scalar) -> str:
    v = float(value)
    if not math.isfinite(v):
        text = "math.NaN()" if math.isnan(v) else f"math.Inf({1 if v > 0 else -1})"
        return f"float32({text})" if s.size == 4 else text
    text = repr(v)
    if s.size == 4:
        text = repr(_struct.unpack("<f", _struct.pack("<f", v))[0])
    return text


def scalar_literal(value: object, s: m.Scalar) -> str:
    if s.is_bool:
        return "true" if value else "false"
    if s.is_float:
        return float_literal(float(value), s)  # type: ignore[arg-type]
    return int_literal(int(value))  # type: ignore[arg-type]


def uses_math(value: object, s: m.Scalar) -> bool:
    return s.is_float and not math.isfinite(float(value))  # type: ignore[arg-type]


def string_literal(text: str) -> str:
    """A Go interpreted string literal."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def bytes_literal(data: bytes) -> str:
    """A []byte: a string conversion when the bytes are printable ASCII, else hex bytes."""
    if all(0x20 <= b < 0x7F for b in data):
        return f"[]byte({string_literal(data.decode('ascii'))})"
    return "[]byte{" + ", ".join(f"0x{b:02x}" for b in data) + "}"


def array_elements(data: bytes, elem: m.Scalar) -> list[object]:
    """The elements of a [T; N] test value, from its little-endian bytes."""
    if elem.is_float:
        fmt = "<f" if elem.size == 4 else "<d"
        return [_struct.unpack(fmt, data[i:i + elem.size])[0] for i in range(0, len(data), elem.size)]
    if elem.is_bool:
        return [bool(b) for b in data]
    return [int.from_bytes(data[i:i + elem.size], "little", signed=elem.signed)
            for i in range(0, len(data), elem.size)]


def array_literal(data: bytes, elem: m.Scalar, length: int) -> str:
    items = array_elements(data, elem)
    if elem.name == "u8":
        body = ", ".join(f"0x{b:02x}" for b in data)
    else:
        body = ", ".join(scalar_literal(v, elem) for v in items)
    return f"[{length}]{scalar(elem, element=True)}{{{body}}}"


# ---------------------------------------------------------------- fmt's %v, for Example outputs


def _shortest_digits(v: float, bits: int) -> str:
    """The shortest decimal that reads back as v (as strconv.FormatFloat(v, 'g', -1, bits) finds it)."""
    if bits == 64:
        return repr(v)
    for precision in range(1, 18):
        text = f"{v:.{precision}g}"
        if _struct.unpack("<f", _struct.pack("<f", float(text)))[0] == v:
            return text
    return repr(v)


def go_float_v(v: float, bits: int = 64) -> str:
    """What fmt's %v prints for a float: %g with the shortest digits, %e from exponent -5 and 6 on."""
    from decimal import Decimal

    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "+Inf" if v > 0 else "-Inf"
    sign, digits, exponent = Decimal(_shortest_digits(v, bits)).as_tuple()
    neg = "-" if sign else ""
    ds = "".join(map(str, digits))
    if not ds.strip("0"):
        return neg + "0"
    stripped = ds.rstrip("0")  # the value is ds * 10**exponent
    exponent = int(exponent) + len(ds) - len(stripped)
    ds = stripped
    nd = len(ds)
    dp = nd + exponent  # position of the decimal point
    exp = dp - 1
    if exp < -4 or exp >= 6:
        mant = ds[0] + ("." + ds[1:] if nd > 1 else "")
        esign = "-" if exp < 0 else "+"
        return f"{neg}{mant}e{esign}{abs(exp):02d}"
    if dp <= 0:
        return f"{neg}0." + "0" * (-dp) + ds
    if dp >= nd:
        return neg + ds + "0" * (dp - nd)
    return f"{neg}{ds[:dp]}.{ds[dp:]}"
