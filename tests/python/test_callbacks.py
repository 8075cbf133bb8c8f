"""sum_with_callback: any callable; an exception inside stops the loop and propagates unchanged."""

import array
import functools
import time

import pytest

import asmmath


def test_any_callable():
    assert asmmath.sum_with_callback([1, 2, 3], lambda v: v * 10) == 60
    assert asmmath.sum_with_callback([-1, -2], abs) == 3
    assert asmmath.sum_with_callback([1, 2], functools.partial(pow, 2)) == 2 + 4

    class Doubler:
        def __call__(self, v):
            return 2 * v

        def triple(self, v):
            return 3 * v

    assert asmmath.sum_with_callback((5,), Doubler()) == 10
    assert asmmath.sum_with_callback(array.array("q", [5]), Doubler().triple) == 15
    assert asmmath.sum_with_callback([], lambda v: 1 / 0) == 0  # never called


def test_called_once_per_value_in_order():
    seen = []
    assert asmmath.sum_with_callback([4, 5, 6], lambda v: seen.append(v) or v) == 15
    assert seen == [4, 5, 6]


def test_sum_wraps_like_the_library():
    assert asmmath.sum_with_callback([1, 1], lambda v: 2**63 - 1) == -2


def test_exception_propagates_unchanged_and_stops_calls():
    boom = ValueError("boom")
    seen = []

    def fn(v):
        seen.append(v)
        if v == 3:
            raise boom
        return v

    with pytest.raises(ValueError) as caught:
        asmmath.sum_with_callback(range(1, 100_000), fn)
    assert caught.value is boom
    assert seen == [1, 2, 3]
    assert caught.traceback[-1].name == "fn"  # the callable's own frame is in the traceback


def test_later_values_cost_nothing_after_an_error():
    def fn(v):
        raise RuntimeError

    values = array.array("q", range(2_000_000))
    start = time.perf_counter()
    with pytest.raises(RuntimeError):
        asmmath.sum_with_callback(values, fn)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("exc", [KeyboardInterrupt, SystemExit, GeneratorExit, StopIteration])
def test_base_exceptions_propagate_too(exc):
    def fn(v):
        raise exc()

    with pytest.raises(exc):
        asmmath.sum_with_callback([1, 2], fn)


def test_bad_results():
    with pytest.raises(TypeError, match="the result of sum_with_callback\\(\\) argument 'fn' must be int"):
        asmmath.sum_with_callback([1], lambda v: "1")
    with pytest.raises(TypeError):
        asmmath.sum_with_callback([1], lambda v: None)
    with pytest.raises(OverflowError):
        asmmath.sum_with_callback([1], lambda v: 2**63)
    assert asmmath.sum_with_callback([1, 2], lambda v: True) == 2


@pytest.mark.parametrize("bad", [None, 5, "fn"])
def test_not_callable(bad):
    with pytest.raises(TypeError, match="argument 'fn' must be callable"):
        asmmath.sum_with_callback([1], bad)


def test_reentrant():
    def inner(v):
        return asmmath.sum_with_callback([v, v], lambda w: asmmath.add_ints(w, 1))

    assert asmmath.sum_with_callback([1, 2], inner) == (2 + 2) + (3 + 3)


def test_an_error_in_a_nested_call_reaches_the_outer_caller():
    def inner(v):
        return asmmath.sum_with_callback([v], lambda w: 1 // 0)

    with pytest.raises(ZeroDivisionError):
        asmmath.sum_with_callback([1, 2], inner)


def test_callback_cannot_pull_the_values_away():
    values = array.array("q", [1, 2, 3])

    def grow(v):
        values.append(v)  # the array is exported for the call: resizing it must fail
        return v

    with pytest.raises(BufferError):
        asmmath.sum_with_callback(values, grow)
    assert values.tolist() == [1, 2, 3]

    items = [1, 2, 3]

    def shrink(v):
        items.clear()  # a list is read once, up front
        return v

    assert asmmath.sum_with_callback(items, shrink) == 6
