"""Java's naming rules and literals: the one place that decides how a manifest name is spelled in Java."""

from __future__ import annotations

import math
import re
import textwrap

from ... import model as m

KEYWORDS = frozenset("""
abstract assert boolean break byte case catch char class const continue default do double else enum
extends final finally float for goto if implements import instanceof int interface long native new
package private protected public return short static strictfp super switch synchronized this throw
throws transient try void volatile while true false null var yield record sealed permits
""".split())

# Types a generated type must not be called: java.lang's (the package would hide them) and those the
# generated code imports.
RESERVED_TYPES = frozenset("""
Appendable AssertionError AutoCloseable Boolean Byte CharSequence Character Class ClassLoader Cloneable
Comparable Deprecated Double Enum Error Exception Float FunctionalInterface IllegalArgumentException
IllegalStateException IndexOutOfBoundsException Integer Iterable Long Math Module NullPointerException Number
Object Override Package Process Record Runnable RuntimeException SafeVarargs Short StackOverflowError String
StringBuilder SuppressWarnings System Thread Throwable UnsatisfiedLinkError UnsupportedOperationException Void
ByteBuffer Cleaner AtomicInteger Objects ReadOnlyBufferException NativeLoader Owner Test DisplayName Array
HexFormat StandardCharsets
""".split())

# The platform folder inside the jar; libmath is x86-64 ELF by construction (nasm -f elf64).
PLATFORM = "linux-x86_64"


def _parts(name: str) -> list[str]:
    return [p for p in re.split(r"[_\W]+", name) if p]


def camel(name: str) -> str:
    """lowerCamelCase: add_ints -> addInts, max_i64 -> maxI64, sha256 -> sha256."""
    parts = _parts(name)
    if not parts:
        return "_"
    text = parts[0].lower() + "".join(p[:1].upper() + p[1:].lower() for p in parts[1:])
    return safe(text)


def pascal(name: str) -> str:
    """UpperCamelCase for types: point -> Point, map_fn -> MapFn."""
    text = "".join(p[:1].upper() + p[1:].lower() for p in _parts(name)) or "X"
    return text if not text[0].isdigit() else "_" + text


def constant(name: str) -> str:
    """UPPER_SNAKE for enum constants: division_by_zero -> DIVISION_BY_ZERO."""
    text = "_".join(p.upper() for p in _parts(name)) or "_"
    return text if not text[0].isdigit() else "_" + text


def safe(identifier: str) -> str:
    if identifier in KEYWORDS:
        return identifier + "_"
    if identifier[0].isdigit():
        return "_" + identifier
    return identifier


def function(fn: m.Function) -> str:
    return camel(fn.name)


def param(p: m.Param) -> str:
    return camel(p.name)


def native(fn: m.Function) -> str:
    """The private native method behind a function: n + PascalCase."""
    return "n" + pascal(fn.name)


def struct(st: m.Struct) -> str:
    return pascal(st.name)


def handle(h: m.Handle) -> str:
    return pascal(h.name)


def callback_interface(cb: m.Callback) -> str:
    return pascal(cb.name)


def result_record(fn: m.Function) -> str:
    return pascal(fn.name) + "Result"


def error_class(pkg: m.Package) -> str:
    return pkg.java_class + "Error"


def exception_class(pkg: m.Package) -> str:
    return pkg.java_class + "Exception"


def jni_library(pkg: m.Package) -> str:
    """The JNI library's name for System.loadLibrary: lib<this>.so."""
    return f"{pkg.name}_jni"


def jni_mangle(text: str) -> str:
    """JNI's name mangling of a Java name (JNI spec, "Resolving Native Method Names")."""
    out = []
    for ch in text:
        if ch == ".":
            out.append("_")
        elif ch == "_":
            out.append("_1")
        elif ch == ";":
            out.append("_2")
        elif ch == "[":
            out.append("_3")
        elif ch.isascii() and ch.isalnum():
            out.append(ch)
        else:
            out.append(f"_0{ord(ch):04x}")
    return "".join(out)


def jni_symbol(pkg: m.Package, method: str) -> str:
    return f"Java_{jni_mangle(pkg.java_package + '.' + pkg.java_class)}_{jni_mangle(method)}"


def jni_header(pkg: m.Package) -> str:
    """The header `javac -h` writes for the main class."""
    return (pkg.java_package + "." + pkg.java_class).replace(".", "_") + ".h"


def library_property(pkg: m.Package) -> str:
    """The system property naming a JNI library file to load instead of the bundled one."""
    return f"{pkg.java_package}.library.path"


def ffm_property(pkg: m.Package) -> str:
    """The system property that, set to false, keeps every call on the JNI path (no downcalls)."""
    return f"{pkg.java_package}.ffm"


# ---------------------------------------------------------------- types

# scalar name -> (Java type, JNI C type, JNI type signature, JNI Call<X>Method / <X>Array stem)
_SCALARS = {
    "i8": ("byte", "jbyte", "B", "Byte"),
    "u8": ("byte", "jbyte", "B", "Byte"),
    "i16": ("short", "jshort", "S", "Short"),
    "u16": ("short", "jshort", "S", "Short"),
    "i32": ("int", "jint", "I", "Int"),
    "u32": ("int", "jint", "I", "Int"),
    "i64": ("long", "jlong", "J", "Long"),
    "u64": ("long", "jlong", "J", "Long"),
    "usize": ("long", "jlong", "J", "Long"),
    "f32": ("float", "jfloat", "F", "Float"),
    "f64": ("double", "jdouble", "D", "Double"),
    "bool": ("boolean", "jboolean", "Z", "Boolean"),
}

_BOXED = {"byte": "Byte", "short": "Short", "int": "Integer", "long": "Long", "float": "Float",
          "double": "Double", "boolean": "Boolean"}


def java_scalar(s: m.Scalar) -> str:
    return _SCALARS[s.name][0]


def jni_scalar(s: m.Scalar) -> str:
    return _SCALARS[s.name][1]


def jni_sig(s: m.Scalar) -> str:
    return _SCALARS[s.name][2]


def jni_stem(s: m.Scalar) -> str:
    return _SCALARS[s.name][3]


def boxed(java_type: str) -> str:
    return _BOXED.get(java_type, java_type)


def is_unsigned(s: m.Scalar) -> bool:
    return s.is_int and not s.signed and s.name != "usize"


def unsigned_note(s: m.Scalar) -> str:
    """How to read an unsigned value held in a signed Java type, for docs."""
    if not is_unsigned(s):
        return ""
    helper = {"u8": "Byte.toUnsignedInt", "u16": "Short.toUnsignedInt", "u32": "Integer.toUnsignedLong",
              "u64": "Long.toUnsignedString"}[s.name]
    return f"unsigned {s.bits}-bit, held in {article(java_scalar(s))} {java_scalar(s)}: read it with {{@code {helper}}}"


def unsigned_pass_note(s: m.Scalar) -> str:
    """How to pass an unsigned value above the signed range of its Java type, for docs of what Java hands to C
    (a parameter, a callback's result)."""
    if not is_unsigned(s):
        return ""
    jt = java_scalar(s)
    if s.name == "u64":
        return "unsigned 64-bit: pass values above {@code Long.MAX_VALUE} as {@code Long.parseUnsignedLong(s)}"
    return f"unsigned {s.bits}-bit: pass values above {(1 << (s.bits - 1)) - 1} as {{@code ({jt}) v}}"


def unsigned_array_note(s: m.Scalar) -> str:
    """How to read the elements of an unsigned array result (short[] of u16, int[] of u32, long[] of u64), for
    docs; none for bytes, which byte[] holds as bytes."""
    if not is_unsigned(s) or s.size == 1:
        return ""
    helper = {"u16": "Short.toUnsignedInt", "u32": "Integer.toUnsignedLong", "u64": "Long.toUnsignedString"}[s.name]
    return f"unsigned {s.bits}-bit values, held in {java_scalar(s)}s: read each with {{@code {helper}}}"


def article(word: str) -> str:
    """"a" or "an" before a word, by its first letter: "an int", "a long", "an AsmMath"."""
    return "an" if word[:1].lower() in "aeiou" else "a"


# java.util.function interfaces for callbacks, by (parameter types, return type)
STD_FUNCTIONAL = {
    ((), "void"): ("Runnable", "run"),
    ((), "long"): ("java.util.function.LongSupplier", "getAsLong"),
    ((), "int"): ("java.util.function.IntSupplier", "getAsInt"),
    ((), "double"): ("java.util.function.DoubleSupplier", "getAsDouble"),
    ((), "boolean"): ("java.util.function.BooleanSupplier", "getAsBoolean"),
    (("long",), "long"): ("java.util.function.LongUnaryOperator", "applyAsLong"),
    (("int",), "int"): ("java.util.function.IntUnaryOperator", "applyAsInt"),
    (("double",), "double"): ("java.util.function.DoubleUnaryOperator", "applyAsDouble"),
    (("long", "long"), "long"): ("java.util.function.LongBinaryOperator", "applyAsLong"),
    (("int", "int"), "int"): ("java.util.function.IntBinaryOperator", "applyAsInt"),
    (("double", "double"), "double"): ("java.util.function.DoubleBinaryOperator", "applyAsDouble"),
    (("long",), "void"): ("java.util.function.LongConsumer", "accept"),
    (("int",), "void"): ("java.util.function.IntConsumer", "accept"),
    (("double",), "void"): ("java.util.function.DoubleConsumer", "accept"),
    (("long",), "boolean"): ("java.util.function.LongPredicate", "test"),
    (("int",), "boolean"): ("java.util.function.IntPredicate", "test"),
    (("double",), "boolean"): ("java.util.function.DoublePredicate", "test"),
    (("long",), "int"): ("java.util.function.LongToIntFunction", "applyAsInt"),
    (("long",), "double"): ("java.util.function.LongToDoubleFunction", "applyAsDouble"),
    (("int",), "long"): ("java.util.function.IntToLongFunction", "applyAsLong"),
    (("int",), "double"): ("java.util.function.IntToDoubleFunction", "applyAsDouble"),
    (("double",), "long"): ("java.util.function.DoubleToLongFunction", "applyAsLong"),
    (("double",), "int"): ("java.util.function.DoubleToIntFunction", "applyAsInt"),
}


RESERVED_TYPES = RESERVED_TYPES | frozenset(q.rsplit(".", 1)[-1] for q, _ in STD_FUNCTIONAL.values())


# ---------------------------------------------------------------- literals


def int_literal(value: int, s: m.Scalar) -> str:
    """A Java literal of the scalar's Java type holding `value` (two's complement for big unsigned values)."""
    if s.is_bool:
        return "true" if value else "false"
    bits = 64 if java_scalar(s) == "long" else 32 if java_scalar(s) == "int" else s.bits
    lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    if value > hi:  # unsigned beyond the signed range: the same bits, in hex
        text = f"0x{value:X}" + ("L" if bits == 64 else "")
    else:
        assert value >= lo
        text = f"{value}L" if bits == 64 else str(value)
    if java_scalar(s) in ("byte", "short"):
        return f"({java_scalar(s)}) {text}"
    return text


def float_literal(value: float, s: m.Scalar) -> str:
    box = "Float" if s.size == 4 else "Double"
    if math.isnan(value):
        return f"{box}.NaN"
    if math.isinf(value):
        return f"{box}.{'POSITIVE' if value > 0 else 'NEGATIVE'}_INFINITY"
    if s.size == 8:
        return repr(float(value))
    try:
        return _shortest_f32(float(value)) + "f"
    except OverflowError:  # beyond the f32 range: the infinity C's conversion gives (a literal would not compile)
        return f"Float.{'POSITIVE' if value > 0 else 'NEGATIVE'}_INFINITY"


def _shortest_f32(value: float) -> str:
    """The shortest decimal that rounds to the same f32 as value (0.2, not 0.20000000298023224)."""
    import struct

    bits = struct.pack("<f", value)
    for digits in range(1, 10):
        text = repr(float(f"{value:.{digits}g}"))
        try:
            if struct.pack("<f", float(text)) == bits:
                return text
        except OverflowError:  # rounded up past the largest f32
            continue
    return repr(value)


def scalar_literal(value: object, s: m.Scalar) -> str:
    if s.is_float:
        return float_literal(float(value), s)  # type: ignore[arg-type]
    if s.is_bool:
        return "true" if value else "false"
    return int_literal(int(value), s)  # type: ignore[arg-type]


def string_literal(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\\"":
            out.append("\\" + ch)
        elif 0x20 <= ord(ch) < 0x7F:
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}")
    return '"' + "".join(out) + '"'


def bytes_literal(data: bytes) -> str:
    """An expression building a byte[]: ascii("...") for printable text, hex("...") otherwise."""
    if all(0x20 <= b < 0x7F for b in data):
        return f"ascii({string_literal(data.decode('ascii'))})"
    return f'hex("{data.hex()}")'


# ---------------------------------------------------------------- docs


def javadoc_text(text: str) -> str:
    """Manifest prose as Javadoc: `code` spans, HTML escaped, no comment terminators."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"`([^`]+)`", lambda mt: "{@code " + mt.group(1) + "}", text)
    text = text.replace("*/", "*&#47;").replace("@", "&#64;").replace("{&#64;code", "{@code")
    return text


WIDTH = 112  # of a Javadoc line's text


def javadoc(lines: list[str], indent: str = "") -> str:
    """A Javadoc comment; long lines are wrapped, block tags (@param ...) with a hanging indent."""
    lines = [line for line in lines if line is not None]
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        return ""
    wrapped: list[str] = []
    for line in lines:
        if not line:
            wrapped.append("")
            continue
        hang = "    " if line.startswith("@") else ""
        # inline tags stay on one line: their spaces are hidden from the wrapper
        glued = re.sub(r"\{@[^}]*\}", lambda mt: mt.group(0).replace(" ", "\0"), line)
        wrapped += [part.replace("\0", " ") for part in
                    textwrap.wrap(glued, WIDTH, subsequent_indent=hang, break_long_words=False, break_on_hyphens=False)]
    body = "\n".join(f"{indent} * {line}".rstrip() for line in wrapped)
    return f"{indent}/**\n{body}\n{indent} */"


def downcalls_class(pkg: m.Package) -> str:
    """The package-private class that calls the scalar and plain-buffer functions (a multi-release pair)."""
    return pkg.java_class + "Downcalls"
