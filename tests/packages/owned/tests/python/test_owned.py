"""Strings the caller frees: returned as str (None for NULL), each freed by the binding exactly once."""

import inspect
import threading
from pathlib import Path

import pytest

import owned

THREADS = 8


def test_describe_frees_with_the_c_library():
    assert owned.describe(7) == "n=7"
    assert owned.describe(0) == "n=0"
    assert owned.describe(4294967295) == "n=4294967295"
    assert type(owned.describe(1)) is str


def test_describe_checks_its_argument_before_the_call():
    with pytest.raises(OverflowError):
        owned.describe(2**32)
    with pytest.raises(TypeError):
        owned.describe("7")


def test_label_is_utf8():
    assert owned.label(3) == "label 3 \u2713"
    assert owned.label(3).encode() == b"label 3 \xe2\x9c\x93"


def test_label_of_null_is_none():
    assert owned.label(-1) is None


def test_each_label_is_released_once():
    before = owned.released()
    for n in range(5):
        assert owned.label(n) == f"label {n} ✓"
        assert owned.released() == before + n + 1
    # NULL is not passed to the releaser
    assert owned.label(-1) is None
    assert owned.released() == before + 5
    assert owned.label(-(2**31)) is None
    assert owned.released() == before + 5


def test_a_failed_argument_releases_nothing():
    before = owned.released()
    for bad in ("1", 2**31, None):
        with pytest.raises((TypeError, OverflowError)):
            owned.label(bad)
    assert owned.released() == before


def test_eight_threads_release_every_label_once():
    before = owned.released()
    barrier = threading.Barrier(THREADS)
    errors: list = []

    def main(k):
        try:
            barrier.wait()
            for n in range(1000):
                assert owned.label(k * 1000 + n) == f"label {k * 1000 + n} ✓"
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=main, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert owned.released() == before + THREADS * 1000


def test_the_releaser_is_not_public():
    assert not hasattr(owned, "release")
    assert not hasattr(owned._owned, "release")
    assert "release" not in owned.__all__
    assert sorted(owned.__all__) == ["Error", "describe", "label", "released"]


def test_docs_say_the_string_is_a_copy_freed_by_the_binding():
    for fn in (owned.describe, owned.label):
        assert "A copy of the string (None for NULL); the binding frees its C memory" in fn.__doc__
    assert str(inspect.signature(owned.label)) == "(code, /)"


def test_stubs_say_none_for_null():
    stub = (Path(owned.__file__).parent / "__init__.pyi").read_text()
    assert "def label(code: int, /) -> str | None:" in stub
    assert "def describe(n: int, /) -> str | None:" in stub
    assert "release(" not in stub.replace("released(", "")
