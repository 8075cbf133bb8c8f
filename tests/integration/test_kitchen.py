"""Every backend on tests/packages/kitchen (every type kind of the model) and tests/packages/lengths.

The backends must be generic: this builds and runs each language's generated vector tests
(and its other suite tests) on a manifest that is not libmath.
"""

import pytest

from conftest import asmpkg, need

TOOLS = {"python": ["cc"], "rust": ["cargo"], "go": ["go"], "java": ["javac", "java"], "node": ["node", "node-gyp"]}


def _test_in(name: str, lang: str, package):
    """`asmpkg test --lang LANG` on a copy of tests/packages/NAME with LANG enabled next to C."""
    for tool in ("nasm", "meson", "ninja", "cc", *TOOLS[lang]):
        need(tool)
    root = package(name)
    manifest = root / "asmpkg.toml"
    manifest.write_text(manifest.read_text().replace('enabled = ["c"]', f'enabled = ["c", "{lang}"]'))
    return asmpkg("-C", str(root), "test", "--lang", lang)


@pytest.mark.parametrize("lang", list(TOOLS))
def test_kitchen_builds_and_passes_in(lang, package):
    r = _test_in("kitchen", lang, package)
    assert r.returncode == 0, (r.stdout + r.stderr)[-6000:]
    assert f"{lang:<8}  ok" in r.stdout


def test_go_kitchen_with_its_own_go_tests(package):
    """The every-kind package that also has what only Go binds, and hand-written Go tests."""
    for tool in ("nasm", "meson", "ninja", "cc", "go"):
        need(tool)
    root = package("kitchen_go")
    r = asmpkg("-C", str(root), "test", "--lang", "go")
    assert r.returncode == 0, (r.stdout + r.stderr)[-6000:]
    assert "go        ok" in r.stdout


# The backends that bind tests/packages/lengths' forms (length expressions, outputs of computed length); the
# others must refuse the package by name at generation, never bind it wrongly.
BINDS_LENGTH_FORMS: set[str] = {"python", "node", "rust", "go", "java"}


def _binds_or_refuses(name: str, lang: str, package, binds: set[str], *refusal: str) -> None:
    """LANG passes the package's tests if it binds the package's form, else refuses it at generation by name."""
    r = _test_in(name, lang, package)
    if lang in binds:
        assert r.returncode == 0, (r.stdout + r.stderr)[-6000:]
        assert f"{lang:<8}  ok" in r.stdout
    else:
        assert r.returncode == 2, (r.stdout + r.stderr)[-6000:]
        for text in (*refusal, f"which the {lang} binding does not support yet"):
            assert text in r.stderr


def _passes_in_c(name: str, package) -> None:
    """The package's C tests and `asmpkg check` (the abi suite)."""
    for tool in ("nasm", "meson", "ninja", "cc"):
        need(tool)
    r = asmpkg("-C", str(package(name)), "test")
    assert r.returncode == 0, (r.stdout + r.stderr)[-6000:]
    assert "c         ok" in r.stdout


@pytest.mark.parametrize("lang", list(TOOLS))
def test_length_forms_in(lang, package):
    _binds_or_refuses("lengths", lang, package, BINDS_LENGTH_FORMS)


def test_length_forms_in_c(package):
    """The C smoke test and `asmpkg check` (the abi suite) on the package."""
    _passes_in_c("lengths", package)


def test_rust_kinds_with_its_own_rust_tests(package):
    """Every type kind again, with hand-written Rust tests of the safe crate's ownership and errors."""
    for tool in ("nasm", "meson", "ninja", "cc", "cargo"):
        need(tool)
    r = asmpkg("-C", str(package("kinds_rust")), "test", "--lang", "rust")
    assert r.returncode == 0, (r.stdout + r.stderr)[-6000:]
    assert "rust      ok" in r.stdout


def test_rust_export_check_when_the_prefix_is_the_crate_name(package):
    """The export check's own marker (`one_export_check`) starts with the library's prefix (`one_`)."""
    for tool in ("nasm", "meson", "ninja", "cc", "cargo"):
        need(tool)
    root = package("onefunc")
    manifest = root / "asmpkg.toml"
    manifest.write_text(manifest.read_text().replace('name = "onefunc"', 'name = "one"')
                        .replace("[sources]", '[languages]\nenabled = ["c", "rust"]\n\n[sources]'))
    r = asmpkg("-C", str(root), "test", "--lang", "rust")
    assert r.returncode == 0, (r.stdout + r.stderr)[-6000:]


# The backends that bind tests/packages/owned's returned strings the caller frees (free = ...); the others
# must refuse them by name, never leak or double-free them.
BINDS_OWNED_STRINGS: set[str] = {"go", "java", "node", "python", "rust"}


@pytest.mark.parametrize("lang", list(TOOLS))
def test_owned_strings_in(lang, package):
    _binds_or_refuses("owned", lang, package, BINDS_OWNED_STRINGS, "a returned string the caller frees (free = ")


def test_owned_strings_in_c(package):
    """The hand-written C test (with valgrind) and `asmpkg check` on the package."""
    _passes_in_c("owned", package)
