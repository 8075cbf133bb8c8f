"""The shape of asmpkg.toml as data: checked by `manifest`, printed as JSON Schema by `asmpkg schema`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Spec:
    kind: str  # "str", "int", "bool", "list", "table", "tables", "any", "map"
    doc: str = ""
    required: bool = False
    item: "Spec | None" = None  # for list, tables (a table spec), map (value spec)
    keys: dict[str, "Spec"] = field(default_factory=dict)  # for table
    pattern: str | None = None
    choices: tuple[str, ...] = ()


def s(doc: str = "", required: bool = False, pattern: str | None = None, choices: tuple[str, ...] = ()) -> Spec:
    return Spec("str", doc, required, pattern=pattern, choices=choices)


def i(doc: str = "", required: bool = False) -> Spec:
    return Spec("int", doc, required)


def b(doc: str = "") -> Spec:
    return Spec("bool", doc)


def strs(doc: str = "", required: bool = False) -> Spec:
    return Spec("list", doc, required, item=s())


def table(doc: str, keys: dict[str, Spec], required: bool = False) -> Spec:
    return Spec("table", doc, required, keys=keys)


def tables(doc: str, keys: dict[str, Spec], required: bool = False) -> Spec:
    return Spec("tables", doc, required, item=table(doc, keys))


def anyv(doc: str = "", required: bool = False) -> Spec:
    return Spec("any", doc, required)


IDENT = r"^[a-z][a-z0-9_]*$"
TYPE_DOC = (
    "i8..i64, u8..u64, f32, f64, bool, usize; bytes, bytes_mut, slice<T>, [T; N], [T; 2*n] (an output whose "
    "length is an expression of another parameter), out<T>, ptr<T>, a struct, handle or callback name, user_data"
)

PARAM = {
    "name": s("C parameter name", required=True, pattern=IDENT),
    "type": s(TYPE_DOC, required=True),
    "doc": s("What the parameter means; flows into every language's docs"),
    "len": s("For bytes, bytes_mut and slice<T>: the unsigned parameter holding the length (elements), "
             "or an expression of one: 2*n, n*8, n+1, a fixed 32"),
    "user": s("For a callback: the user_data parameter passed back to it"),
    "const": b("For a handle: the function does not modify it (`const T *`)"),
    "default": anyv("A default value; languages with optional arguments make it optional"),
}

TEST = {
    "args": anyv("Inputs: a list in parameter order, or a table by name", required=True),
    "expect": anyv("The expected result (a table for a struct, {hex = ...} for bytes)"),
    "error": s("The expected error name"),
    "after": anyv("Contents of mutable buffers after the call, by parameter name"),
}

ROOT = table(
    "asmpkg.toml",
    {
        "package": table(
            "The library and its names",
            {
                "name": s("Language-level package name (asmmath)", required=True, pattern=IDENT),
                "library": s("C library name: lib<library>.so (math)", required=True, pattern=IDENT),
                "version": s("Semantic version X.Y.Z", required=True, pattern=r"^\d+\.\d+\.\d+$"),
                "prefix": s("C symbol prefix, dropped by language APIs (math_)", required=True),
                "description": s("One line"),
                "license": s("SPDX license expression"),
                "homepage": s("Project URL"),
                "authors": strs("Name <email> entries"),
                "strerror": s("The function that maps an error code to its message"),
                "names": table(
                    "Per-language names",
                    {
                        "go_module": s("Go module path"),
                        "java_package": s("Java package"),
                        "java_class": s("Java class holding the static methods"),
                        "npm": s("npm package name"),
                        "crate": s("Rust crate name"),
                    },
                ),
            },
            required=True,
        ),
        "sources": table(
            "What the library is built from",
            {
                "nasm": strs("NASM source files", required=True),
                "c": strs("C sources built into the same library"),
                "include_dirs": strs("NASM include directories"),
                "nasm_flags": strs("Extra NASM flags for every source (-D...)"),
                "flags": Spec("map", "Extra NASM flags per source file", item=strs()),
                "cpu": strs("CPU features every function requires"),
                "intended_state": strs("Writable data symbols that are deliberate (thread-safe by design)"),
            },
            required=True,
        ),
        "languages": table(
            "Which bindings to build",
            {"enabled": strs("c, python, rust, go, java, node")},
        ),
        "errors": tables(
            "Named error codes returned by status functions",
            {
                "name": s("snake_case name", required=True, pattern=IDENT),
                "code": i("Non-zero code", required=True),
                "message": s("What the error means", required=True),
            },
        ),
        "structs": tables(
            "Structs passed by value",
            {
                "name": s("snake_case name", required=True, pattern=IDENT),
                "doc": s(),
                "fields": tables(
                    "Scalar fields, in order",
                    {"name": s(required=True, pattern=IDENT), "type": s("a scalar type", required=True), "doc": s()},
                    required=True,
                ),
            },
        ),
        "handles": tables(
            "Opaque handles with explicit ownership",
            {
                "name": s(required=True, pattern=IDENT),
                "doc": s(),
                "new": s("Constructor: returns status, last parameter out<handle>", required=True),
                "free": s("Destructor: takes the handle, returns void", required=True),
                "data": s("Accessor returning ptr<u8> to the handle's bytes"),
                "len": s("Accessor returning the number of bytes"),
            },
        ),
        "callbacks": tables(
            "Function-pointer types",
            {
                "name": s(required=True, pattern=IDENT),
                "doc": s(),
                "returns": s("a scalar type or void"),
                "params": tables("Scalars, ptr<T> and exactly one user_data, in any position", PARAM, required=True),
            },
        ),
        "functions": tables(
            "Exported functions: the C-ABI contract",
            {
                "name": s("Name without the prefix", required=True, pattern=IDENT),
                "doc": s(),
                "since": s("Version node X.Y that introduced it (default: the package's X.Y)", pattern=r"^\d+\.\d+$"),
                "returns": s("void, status, a scalar, a struct, cstr or ptr<T>"),
                "errors": strs("Errors a status function returns"),
                "free": s("For ptr<T> and cstr returns: the caller frees the result with this function "
                          "(free, or one of the library's functions taking one ptr<T>)"),
                "cpu": strs("CPU features it needs"),
                "params": tables("Parameters in C order", PARAM),
                "variants": tables(
                    "CPU-specific implementations, hidden symbols <symbol>_<name>",
                    {"name": s(required=True, pattern=IDENT), "cpu": strs("features it needs")},
                ),
                "tests": tables("Test vectors, run in every language", TEST),
            },
        ),
        "tests": table(
            "Hand-written tests",
            {
                "c": tables(
                    "C test programs linked with the static library",
                    {
                        "source": s("C file", required=True),
                        "deps": strs("pkg-config or library names (zlib, libcrypto)"),
                        "valgrind": b("Also run under valgrind memcheck"),
                        "timeout": i("Seconds"),
                    },
                ),
                **{lang: s(f"Folder of hand-written {lang} tests, run in the {lang} suite beside the generated ones")
                   for lang in ("python", "rust", "go", "java", "node")},
            },
        ),
    },
)


def json_schema(spec: Spec = ROOT) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a spec, for editors."""
    out: dict[str, Any]
    if spec.kind == "str":
        out = {"type": "string"}
        if spec.pattern:
            out["pattern"] = spec.pattern
        if spec.choices:
            out["enum"] = list(spec.choices)
    elif spec.kind == "int":
        out = {"type": "integer"}
    elif spec.kind == "bool":
        out = {"type": "boolean"}
    elif spec.kind == "any":
        out = {}
    elif spec.kind in ("list", "tables"):
        assert spec.item is not None
        out = {"type": "array", "items": json_schema(spec.item)}
    elif spec.kind == "map":
        assert spec.item is not None
        out = {"type": "object", "additionalProperties": json_schema(spec.item)}
    else:
        out = {
            "type": "object",
            "additionalProperties": False,
            "properties": {k: json_schema(v) for k, v in spec.keys.items()},
        }
        required = [k for k, v in spec.keys.items() if v.required]
        if required:
            out["required"] = required
    if spec.doc:
        out["description"] = spec.doc
    return out


def document() -> dict[str, Any]:
    schema = json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "asmpkg.toml"
    return schema
