"""The model and every validation error, with golden messages."""

import textwrap
from pathlib import Path

import pytest

from asmpkg import manifest, model as m
from asmpkg.errors import InputError

HEAD = """
[package]
name = "demo"
library = "demo"
version = "1.2.0"
prefix = "demo_"

[sources]
nasm = ["a.asm"]
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "a.asm").write_text("; empty\n")
    return tmp_path


def load(root: Path, body: str, head: str = HEAD) -> m.Model:
    text = textwrap.dedent(head) + textwrap.dedent(body)
    return manifest.parse_text(text, "asmpkg.toml", root)


def problems(root: Path, body: str, head: str = HEAD) -> list[str]:
    with pytest.raises(InputError) as info:
        load(root, body, head)
    return [str(d) for d in info.value.diagnostics]


def test_model_of_a_full_function(root):
    mo = load(root, """
        [[errors]]
        name = "bad"
        code = 3
        message = "bad input"

        [[functions]]
        name = "sum"
        doc = "Sums."
        returns = "status"
        errors = ["bad"]
        params = [
          { name = "values", type = "slice<i32>", len = "n" },
          { name = "n", type = "usize" },
          { name = "out", type = "out<i64>" },
        ]
        tests = [{ args = [[1, 2]], expect = 3 }, { args = [[]], error = "bad" }]

        [[functions]]
        name = "strerror"
        returns = "cstr"
        params = [{ name = "code", type = "i32" }]
    """, head=HEAD.replace('prefix = "demo_"', 'prefix = "demo_"\nstrerror = "strerror"'))
    fn = mo.function("sum")
    assert fn.symbol == "demo_sum"
    assert fn.c_prototype == "int demo_sum(const int32_t *values, size_t n, int64_t *out)"
    assert fn.version_node == "DEMO_1.2"
    assert [p.role for p in fn.params] == [m.INPUT, m.LENGTH, m.OUTPUT]
    assert fn.param("n").length_of == "values"
    assert [name for name, _ in fn.results] == ["out"]
    assert fn.tests[0].args == (("values", [1, 2]),) and fn.tests[0].expect == 3
    assert fn.tests[1].error == mo.errors[0]
    assert mo.errors[0].c_name == "DEMO_ERR_BAD"
    assert mo.package.soname == "libdemo.so.1"


def test_struct_layout_and_handles_and_callbacks(root):
    mo = load(root, """
        [[structs]]
        name = "mixed"
        fields = [{ name = "a", type = "u8" }, { name = "b", type = "f64" }, { name = "c", type = "u16" }]

        [[handles]]
        name = "ctx"
        new = "ctx_new"
        free = "ctx_free"

        [[callbacks]]
        name = "visit"
        returns = "bool"
        params = [{ name = "user", type = "user_data" }, { name = "v", type = "u32" }]

        [[functions]]
        name = "ctx_new"
        returns = "status"
        errors = []
        params = [{ name = "out", type = "out<ctx>" }]

        [[functions]]
        name = "ctx_free"
        params = [{ name = "c", type = "ctx" }]

        [[functions]]
        name = "walk"
        returns = "mixed"
        params = [{ name = "c", type = "ctx", const = true }, { name = "f", type = "visit", user = "u" },
                  { name = "u", type = "user_data" }]
    """.replace('errors = []\n', 'errors = ["e"]\n') + """
        [[errors]]
        name = "e"
        code = 1
        message = "e"

        [[functions]]
        name = "strerror"
        returns = "cstr"
        params = [{ name = "code", type = "i32" }]
    """, head=HEAD.replace('prefix = "demo_"', 'prefix = "demo_"\nstrerror = "strerror"'))
    st = mo.structs[0]
    assert [(f.name, f.offset) for f in st.fields] == [("a", 0), ("b", 8), ("c", 16)]
    assert (st.size, st.align, st.returned_in_memory) == (24, 8, True)
    assert mo.callbacks[0].c_typedef == "typedef bool (*demo_visit)(void *user, uint32_t v);"
    walk = mo.function("walk")
    assert walk.c_prototype == "demo_mixed demo_walk(const demo_ctx *c, demo_visit f, void *u)"
    assert [p.role for p in walk.params] == [m.INPUT, m.INPUT, m.USER]
    assert mo.function("ctx_new").role == "new"


GOLDEN = [
    ("unknown key", '[[functions]]\nname = "f"\nreturn = "i64"\n',
     ["asmpkg.toml:12:1: functions[0].return: unknown key 'return' (did you mean 'returns'?)"]),
    ("wrong type", '[[functions]]\nname = 5\n',
     ["asmpkg.toml:11:1: functions[0].name: expected a string, got an integer"]),
    ("unknown param type", '[[functions]]\nname = "f"\nparams = [{ name = "a", type = "i46" }]\n',
     ["asmpkg.toml:12:25: functions[0].params[0].type: unknown type 'i46' (did you mean 'i64'?)"]),
    ("duplicate function", '[[functions]]\nname = "f"\n[[functions]]\nname = "f"\n',
     ["asmpkg.toml:13:1: functions[1].name: duplicate name 'f' (first at functions[0])"]),
    ("duplicate error code",
     '[[errors]]\nname = "a"\ncode = 1\nmessage = "a"\n[[errors]]\nname = "b"\ncode = 1\nmessage = "b"\n',
     ["asmpkg.toml:2:1: package: errors are declared, so name the function that gives their messages: "
      "strerror = \"...\"",
      "asmpkg.toml:16:1: errors[1].code: duplicate code 1 (first at errors[0])"]),
    ("since above version", '[[functions]]\nname = "f"\nsince = "1.3"\n',
     ["asmpkg.toml:12:1: functions[0].since: 1.3 is newer than the package version 1.2.0"]),
    ("vector shorter than its length expression",
     '[[functions]]\nname = "f"\nreturns = "u64"\nparams = [{ name = "d", type = "bytes", len = "4*n" }, '
     '{ name = "n", type = "usize" }]\ntests = [{ args = [{ hex = "0102" }, 1], expect = 3 }]\n',
     ["asmpkg.toml:14:20: functions[0].tests[0].args[0]: d needs 4*n = 4 bytes (n = 1), got 2"]),
    ("vector output of the wrong computed length",
     '[[functions]]\nname = "f"\nreturns = "void"\nparams = [{ name = "d", type = "bytes", len = "n" }, '
     '{ name = "n", type = "usize" }, { name = "o", type = "[u16; n+1]" }]\n'
     'tests = [{ args = ["ab"], expect = [1, 2] }, { args = ["a"], expect = [1, 2] }]\n',
     ["asmpkg.toml:14:27: functions[0].tests[0].expect: o is n+1 u16 (n = 2) = 6 bytes, got 4"]),
    ("length expressions out of bounds",
     '[[functions]]\nname = "f"\nreturns = "void"\nparams = [{ name = "d", type = "bytes", len = "0*n" }, '
     '{ name = "n", type = "usize" }, { name = "o", type = "[u8; 4294967296*n]" }]\n',
     ["asmpkg.toml:13:41: functions[0].params[0].len: '0*n' is always 0: write the constant, or a multiplier above 0",
      "asmpkg.toml:13:102: functions[0].params[2].type: '4294967296*n': 4294967296 is above 2^31, the largest number "
      "a length may use"]),
    ("one bad since is one error", '[[functions]]\nname = "f"\nsince = "1.3"\n[[functions]]\nname = "g"\nsince = "1.1"\n',
     ["asmpkg.toml:12:1: functions[0].since: 1.3 is newer than the package version 1.2.0"]),
    ("since below earlier", '[[functions]]\nname = "f"\nsince = "1.1"\n[[functions]]\nname = "g"\nsince = "1.0"\n',
     ["asmpkg.toml:15:1: functions[1].since: 1.0 is below an earlier function's 1.1: functions are listed "
      "in the order they were added, so add new ones at the end"]),
    ("struct field", '[[structs]]\nname = "s"\nfields = [{ name = "p", type = "bytes" }]\n',
     ["asmpkg.toml:12:25: structs[0].fields[0].type: unsupported field type 'bytes': struct fields are "
      "scalars (i8, i16, i32, i64, u8, u16, u32, u64, usize, f32, f64, bool)"]),
    ("arity", '[[functions]]\nname = "f"\nreturns = "i64"\nparams = [{ name = "a", type = "i64" }]\n'
              'tests = [{ args = [1, 2], expect = 3 }]\n',
     ["asmpkg.toml:14:12: functions[0].tests[0].args: f takes 1 argument(s) (a), got 2"]),
    ("vector type", '[[functions]]\nname = "f"\nreturns = "u8"\nparams = [{ name = "a", type = "u8" }]\n'
                    'tests = [{ args = [300], expect = "x" }]\n',
     ["asmpkg.toml:14:20: functions[0].tests[0].args[0]: 300 is out of range for u8 (0..255)",
      "asmpkg.toml:14:26: functions[0].tests[0].expect: expected an integer for u8, got a string"]),
    ("buffer without len", '[[functions]]\nname = "f"\nparams = [{ name = "d", type = "bytes" }]\n',
     ["asmpkg.toml:12:11: functions[0].params[0]: bytes needs len = \"<usize parameter>\""]),
    ("unknown error", '[[functions]]\nname = "f"\nreturns = "status"\nerrors = ["nope"]\n',
     ["asmpkg.toml:13:11: functions[0].errors[0]: unknown error 'nope'"]),
    ("cpu feature", '[[functions]]\nname = "f"\ncpu = ["avx3"]\n',
     ["asmpkg.toml:12:8: functions[0].cpu[0]: unknown CPU feature 'avx3' (did you mean 'avx'?)"]),
    ("missing source", '', None),
    # Found by tests/unit/test_fuzz_manifest.py: each was a traceback before.
    ("since not X.Y (was ValueError)", '[[functions]]\nname = "f"\nsince = "x"\n',
     ["asmpkg.toml:12:1: functions[0].since: 'x' is not a version node X.Y (two numbers, e.g. 1.2)"]),
    ("after not a table (was AttributeError)",
     '[[functions]]\nname = "f"\nparams = [{ name = "s", type = "bytes_mut", len = "n" }, { name = "n", type = "usize" }]\n'
     'tests = [{ args = ["ab"], after = "ba" }]\n',
     ['asmpkg.toml:13:27: functions[0].tests[0].after: after must be a table of bytes_mut inputs: after = { name = "..." }']),
    ("a quoted newline stays on one line", '[[functions]]\nname = "f"\nreturns = "status"\nerrors = ["a\\nb"]\n',
     ["asmpkg.toml:13:11: functions[0].errors[0]: unknown error 'a\\nb'"]),
    ("f32 beyond its range (was OverflowError)",
     '[[functions]]\nname = "f"\nreturns = "f32"\nparams = [{ name = "x", type = "f32" }]\n'
     'tests = [{ args = [1e300], expect = 1e39 }]\n',
     ["asmpkg.toml:14:20: functions[0].tests[0].args[0]: 1e+300 is out of range for f32 (at most about 3.4e38; "
      "write inf for infinity)",
      "asmpkg.toml:14:28: functions[0].tests[0].expect: 1e+39 is out of range for f32 (at most about 3.4e38; "
      "write inf for infinity)"]),
    ("an integer too big for f64 (was OverflowError)",
     '[[functions]]\nname = "f"\nreturns = "f64"\nparams = [{ name = "x", type = "f64", default = 1' + "0" * 400 + ' }]\n',
     ["asmpkg.toml:13:39: functions[0].params[0].default: 10000000000000000000...(401 digits) is out of range for f64"]),
    ("a bad one of several results (was TypeError)",
     '[[functions]]\nname = "f"\nparams = [{ name = "n", type = "usize" }, { name = "a", type = "[u8; n]" }, '
     '{ name = "b", type = "out<u8>" }]\ntests = [{ args = [1], expect = [{ hex = "zz" }, 1] }]\n',
     ["asmpkg.toml:13:34: functions[0].tests[0].expect[0]: 'zz' is not an even number of hex digits"]),
    ("an output called result (was a Go TypeError)", '[[functions]]\nname = "f"\nparams = [{ name = "result", type = "out<u32>" }]\n',
     ["asmpkg.toml:12:13: functions[0].params[0].name: an output cannot be called 'result', the name every binding "
      "gives a function's return value: rename it (out, value, ...)"]),
]


@pytest.mark.parametrize("name,body,expected", GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden_errors(root, name, body, expected):
    if expected is None:
        (root / "a.asm").unlink()
        expected = ['asmpkg.toml:9:9: sources.nasm[0]: a.asm does not exist']
    assert problems(root, body) == expected


def test_every_problem_is_reported_at_once(root):
    got = problems(root, """
        [[functions]]
        name = "f"
        returns = "nothing"
        params = [{ name = "a", type = "i46" }, { name = "b", type = "slice<x>", len = "a" }]
    """)
    assert len(got) == 3, got


def test_toml_syntax_error_has_a_position(root):
    with pytest.raises(InputError) as info:
        manifest.parse_text('[package]\nname = "x\n', "asmpkg.toml", root)
    (diag,) = info.value.diagnostics
    assert (diag.line, diag.col) == (2, 10)
    assert "TOML syntax error" in diag.message


@pytest.mark.parametrize("text, where", [
    ("x = [", (1, 6)), ("x = {a = 1", (1, 11)), ("x = [1,", (1, 8)), ('[package]\nname = "x"\nx = [1,\n', (4, 1)),
    ("[a", (1, 3)),  # tomllib says "at end of document": the end's position
])
def test_unterminated_toml_is_a_syntax_error_not_a_hang(root, text, where):
    # The position scanner used to run before tomllib, and looped forever on an unclosed array or table.
    with pytest.raises(InputError) as info:
        manifest.parse_text(text, "asmpkg.toml", root)
    (diag,) = info.value.diagnostics
    assert (diag.line, diag.col) == where and diag.message.startswith("TOML syntax error: ")


@pytest.mark.parametrize("version", ["1.0", "", "1.0.0\\n"])
def test_a_version_that_is_not_x_y_z_is_one_error(root, version):
    # Was ValueError from the package's version numbers ("1.0", "") or passed with its newline ("1.0.0\n").
    got = problems(root, "", head=HEAD.replace('version = "1.2.0"', f'version = "{version}"'))
    shown = repr(version.replace("\\n", "\n"))
    assert got == [f"asmpkg.toml:5:1: package.version: {shown} is not a version X.Y.Z (three numbers, e.g. 1.2.0)"]


def test_a_source_path_the_file_system_refuses(root):
    # Was OSError (File name too long) from Path.exists.
    got = problems(root, "", head=HEAD.replace('nasm = ["a.asm"]', f'nasm = ["{"a" * 300}.asm"]'))
    assert got == ["asmpkg.toml:9:9: sources.nasm[0]: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...(304 characters)' "
                   "cannot be a path here (File name too long)"]


def test_missing_manifest(tmp_path):
    with pytest.raises(InputError, match="no asmpkg.toml"):
        manifest.load(tmp_path)


def test_the_example_manifest_loads():
    from conftest import REPO

    mo = manifest.load(REPO)
    assert mo.package.soname == "libmath.so.1"
    assert mo.function("crc32").c_prototype == "uint32_t math_crc32(uint32_t crc, const uint8_t *data, size_t len)"
    assert mo.function("crc32").tests[0].arg("crc") == 0  # defaults fill in
    assert [v.symbol for v in mo.function("sha256").variants] == ["math_sha256_generic", "math_sha256_shani"]
    assert mo.strerror is not None and mo.strerror.symbol == "math_strerror"


def test_schema_describes_every_section():
    from asmpkg.spec import document

    schema = document()
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["required"] == ["package", "sources"]
    fn = schema["properties"]["functions"]["items"]
    assert fn["properties"]["params"]["items"]["required"] == ["name", "type"]
    assert fn["additionalProperties"] is False


def test_a_wrongly_typed_package_key_is_the_only_package_error(root):
    got = problems(root, """
        [[errors]]
        name = "e"
        code = 1
        message = "e"

        [[functions]]
        name = "strerror"
        returns = "cstr"
        params = [{ name = "code", type = "i32" }]
    """, head=HEAD.replace('version = "1.2.0"', 'version = 1').replace('prefix = "demo_"', 'prefix = "demo_"\nstrerror = "strerror"'))
    assert got == ["asmpkg.toml:5:1: package.version: expected a string, got an integer"]


def test_strerror_takes_a_c_int(root):
    got = problems(root, """
        [[errors]]
        name = "e"
        code = 1
        message = "e"

        [[functions]]
        name = "strerror"
        returns = "cstr"
        params = [{ name = "code", type = "u64" }]
    """, head=HEAD.replace('prefix = "demo_"', 'prefix = "demo_"\nstrerror = "strerror"'))
    assert got == ["asmpkg.toml:7:1: package.strerror: strerror must be `const char *f(int code)`: "
                   "one i32 parameter, returns cstr"]


def test_odd_hex_says_so(root):
    got = problems(root, """
        [[functions]]
        name = "f"
        returns = "u32"
        params = [{ name = "d", type = "bytes", len = "n" }, { name = "n", type = "usize" }]
        tests = [{ args = [{ hex = "ff0f0" }], expect = 1 }]
    """)
    assert got == ["asmpkg.toml:15:20: functions[0].tests[0].args[0]: 'ff0f0' is not an even number of hex digits"]


def test_a_misspelt_key_does_not_make_its_vectors_look_wrong(root):
    got = problems(root, """
        [[functions]]
        name = "f"
        retruns = "u32"
        params = [{ name = "a", type = "u32" }]
        tests = [{ args = [1], expect = 1 }]
    """)
    assert got == ["asmpkg.toml:13:1: functions[0].retruns: unknown key 'retruns' (did you mean 'returns'?)"]
