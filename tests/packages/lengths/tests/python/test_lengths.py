"""Buffers whose length is an expression of another argument, and outputs of computed length.

Every bad length is a ValueError naming the argument, the expression and both lengths; nothing
the library reads or writes lies outside the buffer; nothing leaks on success or on error.
"""

import array
import inspect
import sys
import threading
import tracemalloc

import pytest

import lengths

U64_MAX = 2**64 - 1
WORDS = (1).to_bytes(4, "little") + (2).to_bytes(4, "little") + (0xFFFFFFFF).to_bytes(4, "little")


# ---------------------------------------------------------------- inputs of expression length


def test_too_short_bytes():
    with pytest.raises(ValueError) as caught:
        lengths.sum_words(WORDS[:8], 3)
    assert str(caught.value) == "sum_words() argument 'data' needs 4*n = 12 bytes (n = 3), got 8"


def test_too_short_by_one_and_exact():
    with pytest.raises(ValueError, match=r"needs 4\*n = 12 bytes \(n = 3\), got 11$"):
        lengths.sum_words(WORDS[:11], 3)
    assert lengths.sum_words(WORDS, 3) == 1 + 2 + 0xFFFFFFFF


def test_too_short_slice_list_and_array():
    message = r"^sum_odd\(\) argument 'vals' needs 2\*n-1 = 5 items \(n = 3\), got 4$"
    with pytest.raises(ValueError, match=message):
        lengths.sum_odd([1, 2, 3, 4], 3)
    with pytest.raises(ValueError, match=message):
        lengths.sum_odd(array.array("i", [1, 2, 3, 4]), 3)


def test_too_short_constant():
    with pytest.raises(ValueError) as caught:
        lengths.xor_key(bytes(31))
    assert str(caught.value) == "xor_key() argument 'key' needs 32 bytes, got 31"


def test_too_short_mutable_is_left_untouched():
    buf = bytearray(b"\x01\x02\x03")
    with pytest.raises(ValueError, match=r"^scale_in_place\(\) argument 'buf' needs n\+2 = 4 bytes \(n = 2\), got 3$"):
        lengths.scale_in_place(buf, 2, 3)
    assert buf == b"\x01\x02\x03"


@pytest.mark.parametrize("vals", [[], [1], array.array("i", [5])])
def test_negative_expression(vals):
    with pytest.raises(ValueError) as caught:
        lengths.sum_odd(vals, 0)
    assert str(caught.value) == "sum_odd() argument 'vals' needs 2*n-1 = -1 items (n = 0): a length cannot be negative"


@pytest.mark.parametrize("n", [U64_MAX, 2**62, 2**61, 2**63 // 4 + 1])
def test_expression_overflows(n):
    """4*n past 2**64, or past the largest buffer there can be (PY_SSIZE_T_MAX bytes)."""
    with pytest.raises(ValueError) as caught:
        lengths.sum_words(WORDS, n)
    assert str(caught.value) == (f"sum_words() argument 'data' needs 4*n bytes (n = {n}), got 12: "
                                 "more than any buffer can hold")


def test_largest_n_that_does_not_overflow_is_just_too_short():
    n = sys.maxsize // 4
    with pytest.raises(ValueError, match=rf"needs 4\*n = {4 * n} bytes \(n = {n}\), got 12$"):
        lengths.sum_words(WORDS, n)


def test_sum_odd_largest_n():
    n = 2**32 - 1  # 2*n-1 fits: just too short
    with pytest.raises(ValueError, match=rf"needs 2\*n-1 = {2 * n - 1} items \(n = {n}\), got 3$"):
        lengths.sum_odd([1, 2, 3], n)


@pytest.mark.parametrize("call", [
    lambda: lengths.sum_words(WORDS, 2**64),
    lambda: lengths.sum_words(WORDS, -1),
    lambda: lengths.sum_odd([1], 2**32),
    lambda: lengths.sum_odd([1], -1),
    lambda: lengths.scale_in_place(bytearray(300), 256, 1),
    lambda: lengths.ramp(2**16),
    lambda: lengths.ramp(-1),
])
def test_n_out_of_its_type_is_overflow_error(call):
    with pytest.raises(OverflowError):
        call()


def test_longer_buffers_are_fine():
    assert lengths.sum_words(WORDS + b"\xff" * 5, 2) == 3
    assert lengths.sum_words(memoryview(WORDS)[:9], 2) == 3
    assert lengths.sum_odd([1, 2, 3, 1000, 2000], 2) == 6
    assert lengths.sum_odd(array.array("i", [7, 100, 1000]), 1) == 7
    assert lengths.xor_key(b"\x01" + bytes(30) + b"\xff" + b"\xaa" * 8) == 0xFE
    assert lengths.sum_words(b"anything", 0) == 0


def test_bytes_mut_is_written_in_place():
    buf = bytearray(b"\x01\x02\x03\x04\x05")
    assert lengths.scale_in_place(buf, 1, 3) is None
    assert buf == b"\x03\x06\x09\x04\x05"  # only n+2 bytes: the rest is left alone
    view = memoryview(buf)[2:]
    lengths.scale_in_place(view, 0, 2)
    assert buf == b"\x03\x06\x12\x08\x05"
    arr = array.array("B", [0x80, 0x81, 0xFF])
    lengths.scale_in_place(arr, 1, 2)  # wraps like u8
    assert list(arr) == [0x00, 0x02, 0xFE]


def test_bytes_mut_refuses_read_only():
    with pytest.raises(TypeError, match="scale_in_place\\(\\) argument 'buf' must be a writable"):
        lengths.scale_in_place(b"\x01\x02\x03", 1, 3)


def test_wrong_argument_types():
    with pytest.raises(TypeError, match="argument 'n' must be int"):
        lengths.sum_words(WORDS, 3.0)
    with pytest.raises(TypeError, match="argument 'data' must be a contiguous bytes-like object"):
        lengths.sum_words("text", 1)
    with pytest.raises(TypeError, match="sum_words\\(\\) takes exactly 2 arguments \\(1 given\\)"):
        lengths.sum_words(WORDS)


# ---------------------------------------------------------------- outputs of computed length


def test_zero_length_output():
    out = lengths.hex_lower(b"")
    assert out == b"" and type(out) is bytes


def test_output_sized_by_a_length_argument():
    data = bytes(range(256)) * 64
    assert lengths.hex_lower(data) == data.hex().encode()
    assert lengths.hex_lower(bytearray(b"\xab")) == b"ab"
    assert lengths.hex_lower(memoryview(b"xyz\x01")[3:]) == b"01"


def test_output_sized_by_a_plain_argument():
    assert lengths.ramp(0) == (0,)
    assert lengths.ramp(5) == (0, 1, 2, 3, 4, 5)
    largest = lengths.ramp(2**16 - 1)  # count+1 = 65536 u16 values
    assert type(largest) is tuple and len(largest) == 2**16
    assert largest[-1] == 2**16 - 1 and largest[:3] == (0, 1, 2)


def test_an_output_too_large_to_allocate_is_a_memory_error_naming_it():
    """2**50 u64 values are 8 PiB, more than the address space: the allocation fails, whatever the overcommit."""
    assert lengths.iota(3) == (0, 1, 2)
    with pytest.raises(MemoryError) as caught:
        lengths.iota(2**50)
    assert str(caught.value) == ("iota() output 'out' needs n = 1125899906842624 items (n = 1125899906842624): "
                                 "cannot allocate 9007199254740992 bytes")


def test_outputs_are_fresh_objects():
    a, b = lengths.hex_lower(b"\x10"), lengths.hex_lower(b"\x10")
    assert a == b == b"10"
    assert lengths.ramp(2) == lengths.ramp(2)


# ---------------------------------------------------------------- signatures, docs, threads, leaks


def test_signatures_and_docs():
    assert str(inspect.signature(lengths.sum_words)) == "(data, n, /)"
    assert str(inspect.signature(lengths.hex_lower)) == "(src, /)"  # n is len(src), out the result
    assert str(inspect.signature(lengths.ramp)) == "(count, /)"
    assert "data: Holds at least 4*n bytes" in lengths.sum_words.__doc__
    assert "ValueError: vals holds fewer than 2*n-1 items, or 2*n-1 is negative." in lengths.sum_odd.__doc__
    assert "Exactly 2*n bytes (n = len(src))" in lengths.hex_lower.__doc__


def test_large_inputs_run_in_threads():
    data = bytes(4 * 100_000)
    results = []
    threads = [threading.Thread(target=lambda: results.append(lengths.sum_words(data, 100_000))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [0] * 4


def swallow(fn, *args):
    try:
        fn(*args)
    except (ValueError, OverflowError, TypeError):
        pass


LEAK_CASES = {
    "sum_words": lambda: lengths.sum_words(WORDS, 3),
    "sum_words short": lambda: swallow(lengths.sum_words, WORDS, 4),
    "sum_words overflow": lambda: swallow(lengths.sum_words, WORDS, U64_MAX),
    "sum_odd list": lambda: lengths.sum_odd([1, 2, 3], 2),
    "sum_odd negative": lambda: swallow(lengths.sum_odd, [1, 2, 3], 0),
    "scale_in_place": lambda: lengths.scale_in_place(bytearray(4), 2, 3),
    "hex_lower": lambda: lengths.hex_lower(WORDS),
    "hex_lower empty": lambda: lengths.hex_lower(b""),
    "ramp": lambda: lengths.ramp(100),
    "ramp bad": lambda: swallow(lengths.ramp, 2**16),
    "xor_key short": lambda: swallow(lengths.xor_key, WORDS),
}


@pytest.mark.parametrize("name", list(LEAK_CASES))
def test_no_leaks(name):
    case = LEAK_CASES[name]
    for _ in range(100):
        case()
    refs = sys.getrefcount(WORDS)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(5000):
            case()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert sys.getrefcount(WORDS) == refs
    assert grown < 64 * 1024, f"{grown} bytes kept after 5000 calls"
