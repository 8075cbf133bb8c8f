"""The package itself: layout, names, stubs, signatures and docs from the manifest."""

import ast
import inspect
import tomllib
from pathlib import Path

import pytest

import asmmath

MANIFEST = tomllib.loads((Path(__file__).parents[2] / "asmpkg.toml").read_text())
PACKAGE = Path(asmmath.__file__).parent


def test_version_and_layout():
    assert asmmath.__version__ == MANIFEST["package"]["version"]
    assert (PACKAGE / "py.typed").is_file()
    assert (PACKAGE / "__init__.pyi").is_file()
    assert asmmath._asmmath.__file__.startswith(str(PACKAGE))


def test_all_lists_public_names():
    for name in asmmath.__all__:
        assert hasattr(asmmath, name)
    assert "OverflowError" not in asmmath.__all__  # would hide the builtin on star-import
    assert asmmath.OverflowError is not OverflowError


def test_functions_drop_the_prefix_and_carry_the_docs():
    roles = {h[k] for h in MANIFEST["handles"] for k in ("new", "free", "data", "len")}
    roles.add(MANIFEST["package"]["strerror"])
    for fn in MANIFEST["functions"]:
        if fn["name"] in roles:
            assert not hasattr(asmmath, fn["name"])
            continue
        obj = getattr(asmmath, fn["name"])
        assert fn["doc"] in obj.__doc__
        assert "math_" not in fn["name"]


def test_signatures():
    assert str(inspect.signature(asmmath.crc32)) == "(data, /, crc=0)"
    assert str(inspect.signature(asmmath.add_ints)) == "(a, b, /)"
    assert str(inspect.signature(asmmath.random_u64)) == "()"


def test_stub_matches_the_module():
    tree = ast.parse((PACKAGE / "__init__.pyi").read_text())
    defined = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    runtime = {name for name in dir(asmmath._asmmath) if not name.startswith("_")}
    assert defined == runtime
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            params = [a.arg for a in node.args.posonlyargs + node.args.args]
            assert params == list(inspect.signature(getattr(asmmath, node.name)).parameters)


def test_each_interpreter_gets_its_own_module():
    interpreters = pytest.importorskip("_xxsubinterpreters")  # CPython 3.11-3.12
    code = "\n".join([
        "import asmmath",
        "assert asmmath.add_ints(1, 2) == 3 and asmmath.make_point(1, 2).y == 2.0",
        "with asmmath.Buffer(3) as b:",
        "    memoryview(b)[0] = 1",
        "try:",
        "    asmmath.safe_divide(1, 0)",
        "except ZeroDivisionError as e:",
        "    assert e.code == 1",
    ])
    for _ in range(2):
        interp = interpreters.create()
        try:
            interpreters.run_string(interp, code)
        finally:
            interpreters.destroy(interp)
    assert asmmath.add_ints(2, 2) == 4
