"""asmmath.Buffer: owns one math_buffer, freed exactly once; usable through the buffer protocol."""

import gc
import os
import subprocess
import sys
import textwrap
import zlib

import pytest

import asmmath


def test_zeroed_sized_and_writable_without_copy():
    with asmmath.Buffer(64) as buf:
        assert len(buf) == 64
        assert bytes(buf) == bytes(64)
        with memoryview(buf) as view:
            assert not view.readonly and view.nbytes == 64 and view.format == "B"
            view[:5] = b"hello"
            assert bytes(buf)[:5] == b"hello"
            with memoryview(buf) as again:  # the same memory, not a copy
                assert again[:5] == b"hello"


def test_library_functions_take_it_as_a_buffer():
    with asmmath.Buffer(5) as buf:
        memoryview(buf)[:] = b"hello"
        asmmath.reverse_bytes(buf)
        assert bytes(buf) == b"olleh"
        assert asmmath.crc32(buf) == zlib.crc32(b"olleh")


def test_zero_size():
    with asmmath.Buffer(0) as buf:
        assert len(buf) == 0 and bytes(buf) == b""


def test_use_after_close_raises_value_error():
    buf = asmmath.Buffer(8)
    assert not buf.closed
    buf.close()
    assert buf.closed
    assert "closed" in repr(buf)
    for use in (len, memoryview, bytes, asmmath.crc32, lambda b: b.__enter__()):
        with pytest.raises(ValueError, match="closed asmmath.Buffer"):
            use(buf)
    with pytest.raises(ValueError):
        with buf:
            pass


def test_double_close_is_harmless():
    buf = asmmath.Buffer(8)
    buf.close()
    buf.close()
    with asmmath.Buffer(8) as other:
        other.close()  # and __exit__ closes again
    assert other.closed


def test_with_closes_even_on_error():
    with pytest.raises(KeyError):
        with asmmath.Buffer(8) as buf:
            raise KeyError("x")
    assert buf.closed


def test_close_while_exported_is_refused():
    buf = asmmath.Buffer(8)
    view = memoryview(buf)
    with pytest.raises(BufferError, match="still use it"):
        buf.close()
    view[0] = 1  # still valid memory
    view.release()
    buf.close()
    assert buf.closed


def test_bad_arguments():
    for bad, error in [(-1, OverflowError), ("8", TypeError), (None, TypeError), (8.0, TypeError)]:
        with pytest.raises(error):
            asmmath.Buffer(bad)
    with pytest.raises(TypeError):
        asmmath.Buffer()
    with pytest.raises(TypeError):
        asmmath.Buffer(1, 2)
    with pytest.raises(TypeError):
        asmmath.Buffer(size=8)  # positional-only, like the functions


def test_not_subclassable_and_immutable():
    with pytest.raises(TypeError):
        type("Mine", (asmmath.Buffer,), {})
    with pytest.raises(TypeError):
        asmmath.Buffer.close = None


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_garbage_collector_frees_unclosed_buffers():
    size = 1 << 20
    ones = b"\1" * size
    gc.collect()
    before = rss()
    for _ in range(256):  # 256 MiB if they leaked
        buf = asmmath.Buffer(size)
        memoryview(buf)[:] = ones  # touch every page
        del buf
    assert rss() - before < 64 << 20


def test_freed_exactly_once_in_every_order():
    # glibc aborts on a double free of a small block: run the orders in a child and watch it.
    script = textwrap.dedent("""
        import gc, asmmath
        for n in range(2000):
            a = asmmath.Buffer(n % 64)
            if n % 4 == 0:
                a.close()
            elif n % 4 == 1:
                with a:
                    pass
                a.close()
            elif n % 4 == 2:
                v = memoryview(a); v.release(); a.close(); a.close()
            del a
            gc.collect() if n % 500 == 0 else None
        print("ok")
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "MALLOC_PERTURB_": "165"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_the_class_has_its_constructors_signature():
    import inspect

    assert str(inspect.signature(asmmath.Buffer)) == "(size, /)"
    assert asmmath.Buffer.__doc__.startswith("A zeroed heap buffer")  # the signature header is not in __doc__
