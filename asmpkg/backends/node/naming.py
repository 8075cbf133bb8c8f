"""Node.js naming rules and JavaScript / TypeScript spellings of model types and test values."""

from __future__ import annotations

import math
import re

from ... import model as m

# Words a JavaScript binding (parameter, function) cannot be named.
RESERVED = frozenset("""
    arguments await break case catch class const continue debugger default delete do else enum eval export
    extends false finally for function if implements import in instanceof interface let new null package
    private protected public return static super switch this throw true try typeof var void while with yield
""".split())

# Global constructors a class must not shadow: `buffer` becomes `NativeBuffer`, not `Buffer`.
GLOBALS = frozenset("""
    AggregateError Array ArrayBuffer Atomics BigInt BigInt64Array BigUint64Array Blob Boolean Buffer
    BroadcastChannel DataView Date Error EvalError Event EventTarget FinalizationRegistry Float32Array
    Float64Array Function Headers Int16Array Int32Array Int8Array Intl Iterator JSON Map Math MessageChannel
    MessagePort Number Object Promise Proxy RangeError ReferenceError Reflect RegExp Request Response Set
    SharedArrayBuffer String Symbol SyntaxError TextDecoder TextEncoder TypeError URIError URL URLSearchParams
    Uint16Array Uint32Array Uint8Array Uint8ClampedArray WeakMap WeakRef WeakSet WebAssembly Worker
""".split())


def camel(name: str) -> str:
    """snake_case -> camelCase: add_ints -> addInts, max_i64 -> maxI64."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest if part)


def pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_") if part)


def function_name(fn: m.Function) -> str:
    name = camel(fn.name)
    return name + "_" if name in RESERVED else name


def param_name(name: str) -> str:
    name = camel(name)
    return name + "_" if name in RESERVED else name


def field_name(f: m.Field) -> str:
    return camel(f.name)


def struct_name(st: m.Struct) -> str:
    return pascal(st.name)


def class_name(h: m.Handle) -> str:
    """A handle's class: PascalCase, prefixed with `Native` when that would shadow a JavaScript global."""
    name = pascal(h.name)
    return "Native" + name if name in GLOBALS else name


# Letters whose spelled-out name starts with a vowel sound: "an HTTP...", "an SHA...", "an FFI..."
_VOWEL_SOUND_LETTERS = "AEFHILMNORSX"
# Starts of words spelled with a vowel that sound like a consonant ("a Unicode", "a user", "a one"), and
# of words spelled with a consonant that sound like a vowel ("an hour").
_CONSONANT_SOUNDS = ("uni", "uint", "use", "usi", "usu", "ura", "ure", "uti", "eu", "ewe", "one", "once")
_VOWEL_SOUNDS = ("hour", "honest", "honor", "heir")


def with_article(word: str) -> str:
    """ "a" or "an", by the sound that starts the word, then the word: "a LengthsError", "an AsmMathError",
    "an Int32Array", "a UnicodeError", "an HTTPClient" (an initialism is read letter by letter)."""
    head = re.match(r"[A-Z0-9]+(?=[A-Z][a-z]|\b|$)", word)
    if head and len(head.group()) > 1 and not head.group().isdigit():  # an initialism: HTTPClient, SHA256
        an = head.group()[0] in _VOWEL_SOUND_LETTERS
    else:
        lower = word.lower()
        an = (lower[:1] in "aeiou" and not lower.startswith(_CONSONANT_SOUNDS)) or lower.startswith(_VOWEL_SOUNDS)
    return f"{'an' if an else 'a'} {word}"


def error_class(pkg: m.Package) -> str:
    """`AsmMathError`: the package's class-style name (names.java_class, default PascalCase name) + Error."""
    return pkg.java_class + "Error"


def error_code(e: m.Error) -> str:
    """`.code` of an error: the manifest name in upper snake case, `DIVISION_BY_ZERO`."""
    return e.name.upper()


def addon_name(pkg: m.Package) -> str:
    """The node-gyp target (and `<name>.node` file): the npm name as a C identifier."""
    bare = pkg.npm.rsplit("/", 1)[-1]
    return re.sub(r"[^A-Za-z0-9_]", "_", bare)


# ---------------------------------------------------------------- scalars


def is_big(s: m.Scalar) -> bool:
    """64-bit integers: BigInt on output, BigInt or a safe-integer Number on input."""
    return s.is_int and s.size == 8


TYPED_ARRAY = {
    "i8": ("Int8Array", "napi_int8_array"),
    "u8": ("Uint8Array", "napi_uint8_array"),
    "i16": ("Int16Array", "napi_int16_array"),
    "u16": ("Uint16Array", "napi_uint16_array"),
    "i32": ("Int32Array", "napi_int32_array"),
    "u32": ("Uint32Array", "napi_uint32_array"),
    "i64": ("BigInt64Array", "napi_bigint64_array"),
    "u64": ("BigUint64Array", "napi_biguint64_array"),
    "usize": ("BigUint64Array", "napi_biguint64_array"),
    "f32": ("Float32Array", "napi_float32_array"),
    "f64": ("Float64Array", "napi_float64_array"),
    "bool": ("Uint8Array", "napi_uint8_array"),
}


def typed_array(s: m.Scalar) -> str:
    return TYPED_ARRAY[s.name][0]


def napi_typed_array(s: m.Scalar) -> str:
    return TYPED_ARRAY[s.name][1]


def ts_input(s: m.Scalar) -> str:
    if s.is_bool:
        return "boolean"
    if is_big(s):
        return "Int64"
    return "number"


def ts_output(s: m.Scalar) -> str:
    if s.is_bool:
        return "boolean"
    if is_big(s):
        return "bigint"
    return "number"


def describe(s: m.Scalar) -> str:
    """What an argument of this scalar must be, for error messages."""
    if s.is_bool:
        return "a boolean"
    if s.is_float:
        return "a number"
    lo, hi = s.int_range()
    kind = "a BigInt or a safe integer" if is_big(s) else "an integer"
    return f"{kind} in {lo}..{hi}"


# ---------------------------------------------------------------- literals


def int_literal(value: int, scalar: m.Scalar) -> str:
    return f"{value}n" if is_big(scalar) else str(value)


def float_literal(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def scalar_literal(value: object, scalar: m.Scalar) -> str:
    if scalar.is_bool:
        return "true" if value else "false"
    if scalar.is_float:
        return float_literal(float(value))  # type: ignore[arg-type]
    return int_literal(int(value), scalar)  # type: ignore[arg-type]


def number_literal(value: int) -> str | None:
    """The Number spelling of an integer, when it is a safe integer."""
    return str(value) if abs(value) <= (1 << 53) - 1 else None


def bytes_literal(data: bytes) -> str:
    return f"Buffer.from('{data.hex()}', 'hex')"


def js_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"


def c_string(text: str) -> str:
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{out}"'


def struct_literal(value: dict, st: m.Struct) -> str:
    return "{ " + ", ".join(f"{field_name(f)}: {scalar_literal(value[f.name], f.type)}" for f in st.fields) + " }"
