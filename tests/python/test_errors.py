"""Errors: one class per manifest error, under asmmath.Error, with builtin bases where they fit."""

import pickle
import tomllib
from pathlib import Path

import pytest

import asmmath

MANIFEST = tomllib.loads((Path(__file__).parents[2] / "asmpkg.toml").read_text())
ERRORS = {e["name"]: e for e in MANIFEST["errors"]}
CLASSES = {
    "division_by_zero": (asmmath.DivisionByZeroError, ZeroDivisionError),
    "overflow": (asmmath.OverflowError, OverflowError),
    "empty_input": (asmmath.EmptyInputError, None),
    "unsupported_cpu": (asmmath.UnsupportedCpuError, None),
    "entropy_exhausted": (asmmath.EntropyExhaustedError, None),
    "out_of_memory": (asmmath.OutOfMemoryError, MemoryError),
}


def test_every_manifest_error_has_a_class():
    assert set(CLASSES) == set(ERRORS)


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_hierarchy_and_code(name):
    cls, builtin = CLASSES[name]
    assert issubclass(cls, asmmath.Error)
    assert issubclass(asmmath.Error, Exception)
    assert cls.code == ERRORS[name]["code"]
    assert cls.__module__ == "asmmath"
    assert cls.__qualname__ == "".join(w.capitalize() for w in name.split("_")) + "Error"
    if builtin is not None:
        assert issubclass(cls, builtin)
    else:
        assert cls.__bases__ == (asmmath.Error,)


def test_division_by_zero_is_caught_as_the_builtin():
    with pytest.raises(ZeroDivisionError) as caught:
        asmmath.safe_divide(1, 0)
    err = caught.value
    assert type(err) is asmmath.DivisionByZeroError
    assert err.code == 1
    assert str(err) == ERRORS["division_by_zero"]["message"]
    assert err.args == (ERRORS["division_by_zero"]["message"],)


def test_overflow_is_both():
    with pytest.raises(asmmath.Error) as caught:
        asmmath.safe_divide(-(2**63), -1)
    assert isinstance(caught.value, OverflowError)
    assert isinstance(caught.value, asmmath.OverflowError)
    assert caught.value.code == 2
    with pytest.raises(OverflowError, match="does not fit"):
        asmmath.fibonacci(94)


def test_empty_input_is_not_a_builtin_error():
    with pytest.raises(asmmath.EmptyInputError) as caught:
        asmmath.max_i64([])
    assert not isinstance(caught.value, (ValueError, ArithmeticError))
    assert str(caught.value) == "input is empty"


def test_out_of_memory_is_a_memory_error():
    with pytest.raises(MemoryError) as caught:
        asmmath.Buffer(2**62)
    assert type(caught.value) is asmmath.OutOfMemoryError
    assert caught.value.code == 6


def test_random_u64_returns_or_raises_a_library_error():
    try:
        value = asmmath.random_u64()
    except (asmmath.UnsupportedCpuError, asmmath.EntropyExhaustedError) as err:
        assert err.code in (4, 5)
    else:
        assert 0 <= value < 2**64


def test_errors_pickle_with_their_code():
    with pytest.raises(asmmath.Error) as caught:
        asmmath.safe_divide(5, 0)
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is asmmath.DivisionByZeroError
    assert again.code == 1 and str(again) == "division by zero"


def test_errors_can_be_raised_by_users():
    err = asmmath.EmptyInputError("mine")
    assert err.code == 3 and str(err) == "mine"
    with pytest.raises(asmmath.Error):
        raise err


def test_star_import_does_not_hide_builtins():
    namespace: dict = {}
    exec("from asmmath import *", namespace)
    assert "OverflowError" not in namespace
    assert "DivisionByZeroError" in namespace
