"""Bad arguments raise TypeError / OverflowError / ValueError, never crash; good ones of any fitting type work."""

import array
import hashlib
import zlib

import pytest

import asmmath


class Index:
    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


@pytest.mark.parametrize("bad", ["1", 1.0, None, [1], b"1", 1j])
def test_integers_refuse_other_types(bad):
    with pytest.raises(TypeError, match="add_ints\\(\\) argument 'a' must be int"):
        asmmath.add_ints(bad, 1)


def test_integers_accept_index_and_bool():
    assert asmmath.add_ints(Index(40), Index(2)) == 42
    assert asmmath.add_ints(True, True) == 2
    assert asmmath.fibonacci(Index(10)) == 55


@pytest.mark.parametrize("call", [
    lambda: asmmath.add_ints(2**63, 0),
    lambda: asmmath.add_ints(0, -(2**63) - 1),
    lambda: asmmath.fibonacci(-1),
    lambda: asmmath.fibonacci(2**32),
    lambda: asmmath.crc32(b"", crc=-1),
    lambda: asmmath.crc32(b"", crc=2**32),
    lambda: asmmath.Buffer(-1),
    lambda: asmmath.max_i64([0, 2**63]),
])
def test_out_of_range_integers(call):
    with pytest.raises(OverflowError, match="out of range"):
        call()


def test_integer_limits_pass():
    assert asmmath.add_ints(2**63 - 1, -(2**63)) == -1
    assert asmmath.fibonacci(0) == 0
    assert asmmath.crc32(b"", crc=2**32 - 1) == 2**32 - 1


def test_floats():
    assert asmmath.multiply_doubles(3, 0.5) == 1.5  # ints are accepted where floats are
    assert asmmath.multiply_doubles(float("inf"), 2.0) == float("inf")
    with pytest.raises(TypeError, match="must be float"):
        asmmath.multiply_doubles("2", 1.0)
    with pytest.raises(OverflowError):
        asmmath.multiply_doubles(10**400, 1.0)


@pytest.mark.parametrize("args", [(), (1,), (1, 2, 3)])
def test_wrong_argument_counts(args):
    with pytest.raises(TypeError, match="takes exactly 2 arguments"):
        asmmath.add_ints(*args)


def test_keywords():
    assert asmmath.crc32(b"123456789", crc=0) == 0xCBF43926
    assert asmmath.crc32(b"6789", asmmath.crc32(b"12345")) == 0xCBF43926  # crc by position too
    with pytest.raises(TypeError, match="positional-only"):
        asmmath.crc32(data=b"")
    with pytest.raises(TypeError, match="unexpected keyword argument 'crc32'"):
        asmmath.crc32(b"", crc32=0)
    with pytest.raises(TypeError, match="multiple values"):
        asmmath.crc32(b"", 0, crc=0)
    with pytest.raises(TypeError, match="missing required argument 'data'"):
        asmmath.crc32(crc=0)
    with pytest.raises(TypeError, match="at most 2 arguments"):
        asmmath.crc32(b"", 0, 0)
    with pytest.raises(TypeError):
        asmmath.add_ints(a=1, b=2)


# ---- bytes


@pytest.mark.parametrize("make", [bytes, bytearray, memoryview, lambda b: array.array("B", b),
                                  lambda b: memoryview(bytearray(b"xx" + b + b"yy"))[2:-2]])
def test_bytes_inputs_take_any_contiguous_buffer(make):
    data = b"The quick brown fox jumps over the lazy dog"
    assert asmmath.crc32(make(data)) == zlib.crc32(data)
    assert asmmath.sha256(make(data)) == hashlib.sha256(data).digest()


def test_bytes_inputs_of_other_item_sizes_are_their_bytes():
    values = array.array("q", [1, 2, 3])
    assert asmmath.crc32(values) == zlib.crc32(values.tobytes())


@pytest.mark.parametrize("bad", ["text", None, 5, [1, 2], memoryview(b"abcdef")[::2]])
def test_bytes_inputs_refuse_the_rest(bad):
    with pytest.raises(TypeError, match="crc32\\(\\) argument 'data' must be a contiguous bytes-like object"):
        asmmath.crc32(bad)


@pytest.mark.parametrize("size", [0, 1, 55, 56, 63, 64, 4095, 4096, 1 << 20])
def test_sizes_around_blocks_and_the_gil_threshold(size):
    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    assert asmmath.crc32(data) == zlib.crc32(data)
    assert asmmath.sha256(data) == hashlib.sha256(data).digest()
    buf = bytearray(data)
    asmmath.reverse_bytes(buf)
    assert buf == data[::-1]


def test_sha256_returns_fresh_bytes():
    a, b = asmmath.sha256(b"x"), asmmath.sha256(b"x")
    assert type(a) is bytes and len(a) == 32 and a == b and a is not b


def test_reverse_bytes_works_in_place_on_writable_buffers():
    whole = bytearray(b"abcdef")
    asmmath.reverse_bytes(memoryview(whole)[1:5])  # a view of part of it: no copy
    assert whole == b"aedcbf"
    words = array.array("H", [0x0102, 0x0304])
    asmmath.reverse_bytes(words)
    assert words.tolist() == [0x0403, 0x0201]
    assert asmmath.reverse_bytes(bytearray()) is None


@pytest.mark.parametrize("bad", [b"abc", memoryview(b"abc"), "abc", None, memoryview(bytearray(b"abcd"))[::2]])
def test_reverse_bytes_refuses_read_only_and_strided(bad):
    with pytest.raises(TypeError, match="writable, contiguous bytes-like object"):
        asmmath.reverse_bytes(bad)


# ---- slices


class NoIter(array.array):
    """An array that must be read in place: iterating it fails the test."""

    def __iter__(self):
        raise AssertionError("converted item by item instead of used in place")


def test_slices_of_the_element_type_are_zero_copy():
    assert asmmath.max_i64(NoIter("q", [5, -3, 9, 1])) == 9
    assert asmmath.max_i64(NoIter("l", [5, 12])) == 12  # C long is 64-bit here
    assert asmmath.max_i64(memoryview(bytes(array.array("q", [7, 8]))).cast("q")) == 8


@pytest.mark.parametrize("values", [
    [3, -1, 7], (3, -1, 7), array.array("i", [3, -1, 7]), range(-5, 8), iter([7, 3]), {7: 0, -1: 1},
    memoryview(array.array("q", [7, 0, 3, 0]))[::2], [Index(7), True],
])
def test_slices_accept_any_iterable_of_ints(values):
    assert asmmath.max_i64(values) == 7


def test_slices_larger_than_the_local_buffer():
    values = list(range(-100_000, 100_001))
    assert asmmath.max_i64(values) == 100_000
    assert asmmath.max_i64(array.array("q", values)) == 100_000
    assert asmmath.max_i64(bytes([1, 200, 3])) == 200  # bytes: a sequence of small ints


@pytest.mark.parametrize("bad, error", [
    (5, TypeError), (None, TypeError), ([1, "2"], TypeError), ([1.0], TypeError), ("123", TypeError),
    ([2**64], OverflowError),
])
def test_slices_refuse_the_rest(bad, error):
    with pytest.raises(error, match="max_i64\\(\\) argument 'values'"):
        asmmath.max_i64(bad)
