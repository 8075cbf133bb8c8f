"""No reference or memory leaks, on success and on every error path."""

import array
import sys
import tracemalloc

import pytest

import asmmath

DATA = bytearray(b"some bytes to work on" * 10)
VALUES = [3, -1, 7]
ARRAY = array.array("q", VALUES)
POINT = asmmath.Point(1.0, 2.0)
BIG = 2**70


def callback(v):
    return v


def failing(v):
    raise KeyError(v)


def call(fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except (TypeError, OverflowError, ValueError, KeyError, asmmath.Error):
        pass


CASES = {
    "add_ints": lambda: asmmath.add_ints(5, 1),
    "add_ints overflow": lambda: call(asmmath.add_ints, BIG, 1),
    "crc32": lambda: asmmath.crc32(DATA, crc=5),
    "crc32 bad keyword": lambda: call(asmmath.crc32, DATA, nope=1),
    "sha256": lambda: asmmath.sha256(DATA),
    "reverse_bytes": lambda: asmmath.reverse_bytes(DATA),
    "reverse_bytes read-only": lambda: call(asmmath.reverse_bytes, bytes(DATA)),
    "max_i64 list": lambda: asmmath.max_i64(VALUES),
    "max_i64 array": lambda: asmmath.max_i64(ARRAY),
    "max_i64 bad item": lambda: call(asmmath.max_i64, [1, BIG]),
    "max_i64 empty": lambda: call(asmmath.max_i64, []),
    "safe_divide error": lambda: call(asmmath.safe_divide, 1, 0),
    "point": lambda: asmmath.point_distance(POINT, asmmath.make_point(3.0, 4.0)),
    "point repr hash": lambda: (repr(POINT), hash(POINT), POINT == POINT),
    "callback": lambda: asmmath.sum_with_callback(VALUES, callback),
    "callback error": lambda: call(asmmath.sum_with_callback, VALUES, failing),
    "buffer": lambda: asmmath.crc32(asmmath.Buffer(64)),
    "buffer view": lambda: memoryview(asmmath.Buffer(64)).release(),
    "buffer error": lambda: call(asmmath.Buffer, BIG),
}
WATCHED = [DATA, VALUES, ARRAY, POINT, BIG, callback, failing, asmmath.DivisionByZeroError, asmmath.Point]


@pytest.mark.parametrize("name", list(CASES))
def test_no_leaks(name):
    case = CASES[name]
    for _ in range(100):  # warm caches and freelists
        case()
    counts = [sys.getrefcount(obj) for obj in WATCHED]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(5000):
            case()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert [sys.getrefcount(obj) for obj in WATCHED] == counts
    assert grown < 64 * 1024, f"{grown} bytes kept after 5000 calls"
