"""The wording of generated docs and messages, per backend, on manifests that are not libmath."""

import pytest

from asmpkg import manifest
from asmpkg.backends.go import BACKEND as GO
from asmpkg.backends.go.generator import doc_sentence
from asmpkg.backends.java import BACKEND as JAVA
from asmpkg.backends.node.naming import with_article
from conftest import PACKAGES


@pytest.mark.parametrize("doc, expected", [
    ("Adds two integers.", "F adds two integers."),  # a verb
    ("XORs the bytes.", "F XORs the bytes."),
    ("Re-encodes src.", "F re-encodes src."),
    ("The n-th Fibonacci number.", "F returns the n-th Fibonacci number."),  # a determiner: as it is
    ("A random 64-bit value.", "F returns a random 64-bit value."),
    ("Lower-case hex encoding of src.", "F returns the lower-case hex encoding of src."),  # a noun phrase: "the"
    ("Three-tap sum of buf.", "F returns the three-tap sum of buf."),
    ("SHA-256 digest of `data`.", "F returns the SHA-256 digest of `data`."),
    ("zlib-compatible CRC-32 of `data`.", "F returns the zlib-compatible CRC-32 of `data`."),
    ("Euclidean distance between two points.", "F returns the Euclidean distance between two points."),
    ("Two outputs behind a status.", "F returns two outputs behind a status."),
    ("g(x) if f(x), else 0.", "F returns g(x) if f(x), else 0."),  # code: as it is
    ("Whether x is even.", "F reports whether x is even."),
])
def test_go_doc_sentence_reads_as_a_sentence(doc, expected):
    assert doc_sentence("F", doc, "calls f.") == expected


def test_go_doc_sentence_of_a_type():
    assert doc_sentence("Point", "A point in the plane.", "is x.", is_type=True) == "Point is a point in the plane."
    assert doc_sentence("Rect", "Lower-case rectangle.", "is x.", is_type=True) == "Rect is lower-case rectangle."


@pytest.mark.parametrize("word, expected", [
    ("LengthsError", "a LengthsError"), ("AsmMathError", "an AsmMathError"), ("Int32Array", "an Int32Array"),
    ("Uint8Array", "a Uint8Array"), ("UnicodeError", "a UnicodeError"), ("HTTPClient", "an HTTPClient"),
    ("Counter", "a Counter"), ("Image", "an Image"),
])
def test_node_article_follows_the_sound(word, expected):
    assert with_article(word) == expected


def _lengths(lang: str):
    text = (PACKAGES / "lengths" / "asmpkg.toml").read_text().replace('enabled = ["c"]', f'enabled = ["c", "{lang}"]')
    return manifest.parse_text(text, "asmpkg.toml", PACKAGES / "lengths")


def test_go_docs_list_every_bad_argument():
    go = GO.files(_lengths("go"))["bindings/go/lengths.go"]
    assert ("// It panics with an error wrapping ErrInvalidArgument if n is negative, data is shorter than 4*n "
            "bytes or 4*n overflows int.\n//\n// C: uint64_t ln_sum_words(") in go
    assert "if vals is shorter than 2*n-1 int32 values or 2*n-1 is negative." in go
    assert "// It panics with an error wrapping ErrInvalidArgument if len(data) is more than u8 holds." in go


def test_java_docs_name_n_per_overload_and_unsigned_values():
    java = next(v for k, v in JAVA.files(_lengths("java")).items() if k.endswith("/Lengths.java"))
    assert java.count("@return the result ({@code 2*n} bytes, {@code n} being the length of {@code src})") == 1
    assert java.count("@return the result ({@code 2*n} bytes, {@code n} being {@code len})") == 1
    assert java.count("@return the result ({@code 2*n} bytes, {@code n} being {@code src.remaining()})") == 1
    assert "@param n a {@code byte} (unsigned 8-bit: pass values above 127 as {@code (byte) v})" in java
    assert "@param n an {@code int} (unsigned 32-bit: pass values above 2147483647 as {@code (int) v})" in java
    assert "@param n a {@code byte} (unsigned 8-bit, held" not in java
    assert "@return the result (unsigned 8-bit, held in a byte: read it with {@code Byte.toUnsignedInt})" in java
    assert ("@return the result ({@code count+1} elements; unsigned 16-bit values, held in shorts: read each with\n"
            "     *     {@code Short.toUnsignedInt})") in java


_CALLBACK_WITH_A_POINTER = """
[package]
name = "demo"
library = "demo"
version = "1.0.0"
prefix = "demo_"

[sources]
nasm = ["asm/stubs.asm"]

[languages]
enabled = ["c", "LANG"]

[[callbacks]]
name = "each"
returns = "bool"
params = [{ name = "user", type = "user_data" }, { name = "chunk", type = "ptr<u8>" }, { name = "len", type = "u32" }]

[[functions]]
name = "walk"
params = [{ name = "cb", type = "each", user = "u" }, { name = "u", type = "user_data" }]
"""


@pytest.mark.parametrize("lang", ["python", "rust", "go", "java", "node"])
def test_a_callback_taking_a_pointer_is_refused_by_name(lang):
    # C binds it; the other backends raised AttributeError ('PtrT' object has no attribute 'scalar').
    from asmpkg import generate
    from asmpkg.errors import InputError

    text = _CALLBACK_WITH_A_POINTER.replace("LANG", lang)
    model = manifest.parse_text(text, "asmpkg.toml", PACKAGES / "kitchen")
    with pytest.raises(InputError, match=r"callback 'each': parameter 'chunk' (is a pointer|must be a scalar)"):
        generate.plan(model)


def test_java_binds_an_infinite_float_default():
    # Was OverflowError: a defaulted parameter's value was read as an integer whatever its type.
    text = _CALLBACK_WITH_A_POINTER.replace("LANG", "java").split("[[callbacks]]")[0] + """
[[functions]]
name = "scale"
returns = "f64"
params = [{ name = "x", type = "f64" }, { name = "k", type = "f64", default = inf }]
"""
    java = JAVA.files(manifest.parse_text(text, "asmpkg.toml", PACKAGES / "kitchen"))
    assert any("Double.POSITIVE_INFINITY" in v for v in java.values())
