"""8 threads calling at once: the GIL is released on large inputs, and results stay right."""

import hashlib
import threading
import time
import zlib

import pytest

import asmmath

THREADS = 8


def run_threads(work) -> list:
    barrier = threading.Barrier(THREADS)
    results: list = [None] * THREADS
    errors: list = []

    def main(k):
        try:
            barrier.wait()
            results[k] = work(k)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=main, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return results


def test_every_function_from_eight_threads():
    big = [bytes([k]) * (1 << 20) + b"tail" for k in range(THREADS)]  # over the GIL threshold
    want_crc = [zlib.crc32(b) for b in big]
    want_sha = [hashlib.sha256(b).digest() for b in big]

    def work(k):
        for n in range(20):
            assert asmmath.crc32(big[k]) == want_crc[k]
            assert asmmath.sha256(big[k]) == want_sha[k]
            assert asmmath.add_ints(k, n) == k + n
            assert asmmath.safe_divide(100 * k + n, 1) == 100 * k + n
            assert asmmath.max_i64([k, n, -1]) == max(k, n)
            assert asmmath.sum_with_callback([k, n], lambda v: v * 2) == 2 * (k + n)
            assert asmmath.point_distance(asmmath.Point(0, 0), asmmath.make_point(3 * k, 4 * k)) == 5 * k
            with asmmath.Buffer(1 << 16) as buf:
                memoryview(buf)[:4] = b"abcd"
                asmmath.reverse_bytes(buf)
                assert bytes(buf)[-4:] == b"dcba"
        return k

    assert run_threads(work) == list(range(THREADS))


def test_a_shared_buffer_read_by_all_threads():
    data = bytes(range(256)) * 4096  # 1 MiB
    want = zlib.crc32(data)
    with asmmath.Buffer(len(data)) as shared:
        memoryview(shared)[:] = data
        results = run_threads(lambda k: [asmmath.crc32(shared) for _ in range(10)])
    assert results == [[want] * 10] * THREADS


def test_exceptions_stay_in_their_thread():
    def work(k):
        caught = 0
        for n in range(200):
            try:
                if k % 2:
                    asmmath.safe_divide(n, 0)
                else:
                    asmmath.sum_with_callback([n], lambda v: 1 // 0)
            except ZeroDivisionError as exc:
                caught += 1
                assert isinstance(exc, asmmath.DivisionByZeroError) == bool(k % 2)
        return caught

    assert run_threads(work) == [200] * THREADS


def test_large_calls_release_the_gil():
    """While one thread hashes 32 MiB, another keeps running Python: the call does not hold the GIL."""
    data = bytes(32 << 20)

    def worker(durations: list, done: threading.Event) -> None:
        for _ in range(4):
            start = time.perf_counter()
            asmmath.sha256(data)
            durations.append(time.perf_counter() - start)
        done.set()

    for _attempt in range(3):  # a loaded machine may preempt the watcher: retry before failing
        durations: list = []
        done = threading.Event()
        thread = threading.Thread(target=worker, args=(durations, done))
        last, worst = time.perf_counter(), 0.0
        thread.start()
        while not done.is_set():
            now = time.perf_counter()
            worst, last = max(worst, now - last), now
        thread.join()
        if worst < min(durations) / 2:
            return
    pytest.fail(f"the watcher stalled {worst * 1e3:.1f} ms during {min(durations) * 1e3:.1f} ms calls")
