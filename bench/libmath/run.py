#!/usr/bin/env python3
"""libmath benchmark driver.

Compiles bench.c against a build directory's libmath.a, runs it (CRC-32 vs
zlib and SHA-256 vs OpenSSL, side by side, every variant), then prints the
seed chapter's exercise 10: every function against the obvious pure-Python
version, called through ctypes on libmath.so and natively from C.

    python3 bench/libmath/run.py [--build build/] [--include include/] [--quick]
"""
import argparse
import array
import ctypes
import glob
import math
import os
import shutil
import subprocess
import sys
import tempfile
import timeit

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def compile_bench(build, include, out):
    cc = os.environ.get("CC") or shutil.which("cc") or "gcc"
    lib = os.path.join(build, "libmath.a")
    if not os.path.exists(lib):
        sys.exit(f"run.py: {lib} not found (build the library first)")
    cmd = [cc, "-O2", "-I", include, os.path.join(HERE, "bench.c"), lib, "-lz", "-lcrypto", "-o", out]
    subprocess.run(cmd, check=True)


# ---- the obvious pure-Python versions ------------------------------------

M64 = (1 << 64) - 1


def py_add_ints(a, b):
    return ((a + b + (1 << 63)) & M64) - (1 << 63)


def py_multiply_doubles(a, b):
    return a * b


def py_safe_divide(a, b):
    if b == 0:
        return 1, None
    if a == -(1 << 63) and b == -1:
        return 2, None
    q = abs(a) // abs(b)
    return 0, (q if (a < 0) == (b < 0) else -q)


def py_fibonacci(n):
    if n > 93:
        return 2, None
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return 0, a


def py_reverse_bytes(s):
    i, j = 0, len(s) - 1
    while i < j:
        s[i], s[j] = s[j], s[i]
        i += 1
        j -= 1


def _crc_table():
    t = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ (0xEDB88320 if c & 1 else 0)
        t.append(c)
    return t


CRC_TABLE = _crc_table()


def py_crc32(crc, data):
    crc ^= 0xFFFFFFFF
    for b in data:
        crc = (crc >> 8) ^ CRC_TABLE[(crc ^ b) & 0xFF]
    return crc ^ 0xFFFFFFFF


def py_max_i64(values):
    if not values:
        return 3, None
    m = values[0]
    for v in values:
        if v > m:
            m = v
    return 0, m


_rng = [0x9E3779B97F4A7C15]


def py_random_u64():  # xorshift64*: the obvious pure-Python generator
    x = _rng[0]
    x ^= x >> 12
    x ^= (x << 25) & M64
    x ^= x >> 27
    _rng[0] = x
    return 0, (x * 0x2545F4914F6CDD1D) & M64


def py_buffer_roundtrip(n):
    b = bytearray(n)
    return len(b), b[0]


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


def py_point_distance(a, b):
    dx, dy = a.x - b.x, a.y - b.y
    return math.sqrt(dx * dx + dy * dy)


def py_sum_with_callback(values, fn, user):
    s = 0
    for v in values:
        s = ((s + fn(v, user) + (1 << 63)) & M64) - (1 << 63)
    return s


_K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]


def py_sha256(data):
    def ror(x, n):
        return ((x >> n) | (x << (32 - n))) & 0xFFFFFFFF

    h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
    msg = bytes(data) + b"\x80" + b"\0" * ((55 - len(data)) % 64) + (len(data) * 8).to_bytes(8, "big")
    for off in range(0, len(msg), 64):
        w = [int.from_bytes(msg[off + 4 * i: off + 4 * i + 4], "big") for i in range(16)]
        for t in range(16, 64):
            s0 = ror(w[t - 15], 7) ^ ror(w[t - 15], 18) ^ (w[t - 15] >> 3)
            s1 = ror(w[t - 2], 17) ^ ror(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w.append((w[t - 16] + s0 + w[t - 7] + s1) & 0xFFFFFFFF)
        a, b, c, d, e, f, g, hh = h
        for t in range(64):
            t1 = (hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + _K[t] + w[t]) & 0xFFFFFFFF
            t2 = ((ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) & 0xFFFFFFFF
            a, b, c, d, e, f, g, hh = (t1 + t2) & 0xFFFFFFFF, a, b, c, (d + t1) & 0xFFFFFFFF, e, f, g
        h = [(x + y) & 0xFFFFFFFF for x, y in zip(h, [a, b, c, d, e, f, g, hh])]
    return b"".join(x.to_bytes(4, "big") for x in h)


MESSAGES = {0: "success", 1: "division by zero", 2: "result does not fit in the output type",
            3: "input is empty", 4: "the CPU lacks a required instruction",
            5: "the hardware random number generator kept failing", 6: "out of memory"}


def py_strerror(code):
    return MESSAGES.get(code, "unknown error")


# ---- ctypes bindings -------------------------------------------------------

class CPoint(ctypes.Structure):
    _fields_ = [("x", ctypes.c_double), ("y", ctypes.c_double)]


MAPFN = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64, ctypes.c_void_p)


def load(build):
    cands = sorted(glob.glob(os.path.join(build, "libmath.so*")), key=len)
    if not cands:
        return None
    L = ctypes.CDLL(os.path.abspath(cands[0]))
    i64, u64, p = ctypes.c_int64, ctypes.c_uint64, ctypes.c_void_p
    sig = {
        "add_ints": (i64, [i64, i64]),
        "multiply_doubles": (ctypes.c_double, [ctypes.c_double, ctypes.c_double]),
        "safe_divide": (ctypes.c_int, [i64, i64, ctypes.POINTER(i64)]),
        "fibonacci": (ctypes.c_int, [ctypes.c_uint32, ctypes.POINTER(u64)]),
        "reverse_bytes": (None, [p, ctypes.c_size_t]),
        "crc32": (ctypes.c_uint32, [ctypes.c_uint32, p, ctypes.c_size_t]),
        "max_i64": (ctypes.c_int, [ctypes.POINTER(i64), ctypes.c_size_t, ctypes.POINTER(i64)]),
        "random_u64": (ctypes.c_int, [ctypes.POINTER(u64)]),
        "buffer_new": (ctypes.c_int, [ctypes.c_size_t, ctypes.POINTER(p)]),
        "buffer_free": (None, [p]),
        "buffer_data": (ctypes.POINTER(ctypes.c_uint8), [p]),
        "buffer_len": (ctypes.c_size_t, [p]),
        "make_point": (CPoint, [ctypes.c_double, ctypes.c_double]),
        "point_distance": (ctypes.c_double, [CPoint, CPoint]),
        "sum_with_callback": (i64, [ctypes.POINTER(i64), ctypes.c_size_t, MAPFN, p]),
        "sha256": (None, [p, ctypes.c_size_t, p]),
        "strerror": (ctypes.c_char_p, [ctypes.c_int]),
    }
    for name, (res, args) in sig.items():
        f = getattr(L, "math_" + name)
        f.restype, f.argtypes = res, args
    return L


def best_time(fn, number, repeat):
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def python_table(L, native, quick, build):
    data = bytes((i * 131 + 7) & 0xFF for i in range(65536))
    sha_data = data[:16384]
    vals = [(i * 2654435761 % 100003) - 50000 for i in range(4096)]
    cvals = (ctypes.c_int64 * 4096)(*vals)
    rev = bytearray(4096)
    crev = (ctypes.c_uint8 * 4096)()
    q, u, m = ctypes.c_int64(), ctypes.c_uint64(), ctypes.c_int64()
    out32 = ctypes.create_string_buffer(32)
    handle = ctypes.c_void_p()
    pa, pb = Point(1.25, 3.5), Point(3.5, 1.25)
    ca, cb = CPoint(1.25, 3.5), CPoint(3.5, 1.25)
    add_one_c = MAPFN(lambda v, user: v + 1)

    def c_buffer():
        L.math_buffer_new(4096, ctypes.byref(handle))
        r = L.math_buffer_len(handle), L.math_buffer_data(handle)[0]
        L.math_buffer_free(handle)
        return r

    # sanity: both sides agree before anything is timed
    assert L.math_crc32(0, data, len(data)) == py_crc32(0, data)
    L.math_sha256(sha_data[:1000], 1000, out32)
    assert out32.raw == py_sha256(sha_data[:1000])
    assert L.math_strerror(2).decode() == py_strerror(2)

    rows = [  # name, workload, pure Python, via ctypes, calls per timing
        ("add_ints", "one call", lambda: py_add_ints(123456789, 987654321),
         lambda: L.math_add_ints(123456789, 987654321), 100000),
        ("multiply_doubles", "one call", lambda: py_multiply_doubles(1.25, 3.5),
         lambda: L.math_multiply_doubles(1.25, 3.5), 100000),
        ("safe_divide", "one call", lambda: py_safe_divide(123456789, 7),
         lambda: L.math_safe_divide(123456789, 7, ctypes.byref(q)), 100000),
        ("fibonacci", "n = 90", lambda: py_fibonacci(90),
         lambda: L.math_fibonacci(90, ctypes.byref(u)), 20000),
        ("reverse_bytes", "4 KiB", lambda: py_reverse_bytes(rev),
         lambda: L.math_reverse_bytes(crev, 4096), 200),
        ("crc32", "64 KiB", lambda: py_crc32(0, data),
         lambda: L.math_crc32(0, data, len(data)), 5),
        ("max_i64", "4096 values", lambda: py_max_i64(vals),
         lambda: L.math_max_i64(cvals, 4096, ctypes.byref(m)), 500),
        ("random_u64", "one value", py_random_u64,
         lambda: L.math_random_u64(ctypes.byref(u)), 50000),
        ("buffer_new_free", "4 KiB new/data/len/free", lambda: py_buffer_roundtrip(4096),
         c_buffer, 20000),
        ("make_point", "one point", lambda: Point(1.25, 3.5),
         lambda: L.math_make_point(1.25, 3.5), 100000),
        ("point_distance", "one call", lambda: py_point_distance(pa, pb),
         lambda: L.math_point_distance(ca, cb), 100000),
        ("sum_with_callback", "1000 values", lambda: py_sum_with_callback(vals[:1000], lambda v, _: v + 1, None),
         lambda: L.math_sum_with_callback(cvals, 1000, add_one_c, None), 100),
        ("sha256", "16 KiB", lambda: py_sha256(sha_data),
         lambda: L.math_sha256(sha_data, len(sha_data), out32), 1),
        ("strerror", "one call", lambda: py_strerror(2), lambda: L.math_strerror(2), 100000),
    ]
    ext = extension_calls(build, data, sha_data, vals, rev)
    repeat = 3 if quick else 5
    print("\nEvery function vs the obvious pure-Python version (seed exercise 10)")
    print("  speedup = pure-Python time / libmath time; 'asmmath' is the generated extension")
    print("  (build/python), 'ctypes' includes ctypes' FFI call, 'native' is the workload called from C.")
    print(f"  {'function':<18} {'workload':<24} {'Python':>11} {'asmmath':>11} {'ctypes':>11} {'native':>11} "
          f"{'x asmmath':>10} {'x ctypes':>10} {'x native':>10}")
    below = []
    for name, work, pyf, cf, n in rows:
        if quick:
            n = max(1, n // 10)
        tp = best_time(pyf, n, repeat)
        tc = best_time(cf, n, repeat)
        te = best_time(ext[name], n, repeat) if name in ext else None
        tn = native.get(name)
        sn = f"{tp / (tn * 1e-9):9.1f}x" if tn else "-"
        se = f"{tp / te:9.1f}x" if te else "-"
        print(f"  {name:<18} {work:<24} {fmt(tp):>11} {fmt(te) if te else '-':>11} {fmt(tc):>11} "
              f"{fmt(tn * 1e-9) if tn else '-':>11} {se:>10} {tp / tc:9.1f}x {sn:>10}")
        if tp / tc < 1:
            below.append(name)
    if below:
        print("  ctypes below 1x (" + ", ".join(below) + "): the ctypes call itself")
        print("  (argument conversion, ~300 ns) costs more than the work; natively they are faster.")


def extension_calls(build, data, sha_data, vals, rev):
    """The same workloads through the generated extension, where `asmpkg build` made it."""
    sys.path.insert(0, os.path.join(build, "python"))
    try:
        import asmmath as x
    except ImportError:
        print("(no build/python/asmmath: the extension column is empty; run asmpkg build)")
        return {}
    pa, pb = x.make_point(1.25, 3.5), x.make_point(3.5, 1.25)
    qvals = array.array("q", vals)  # read in place; a list would be converted first

    def buffer_roundtrip():
        with x.Buffer(4096) as b:
            return len(memoryview(b))

    return {
        "add_ints": lambda: x.add_ints(123456789, 987654321),
        "multiply_doubles": lambda: x.multiply_doubles(1.25, 3.5),
        "safe_divide": lambda: x.safe_divide(123456789, 7),
        "fibonacci": lambda: x.fibonacci(90),
        "reverse_bytes": lambda: x.reverse_bytes(rev),
        "crc32": lambda: x.crc32(data),
        "max_i64": lambda: x.max_i64(qvals),
        "random_u64": x.random_u64,
        "buffer_new_free": buffer_roundtrip,
        "make_point": lambda: x.make_point(1.25, 3.5),
        "point_distance": lambda: x.point_distance(pa, pb),
        "sum_with_callback": lambda: x.sum_with_callback(vals[:1000], lambda v: v + 1),
        "sha256": lambda: x.sha256(sha_data),
    }


def fmt(s):
    for unit, f in (("s", 1), ("ms", 1e3), ("us", 1e6), ("ns", 1e9)):
        if s * f >= 1:
            return f"{s * f:.3g} {unit}"
    return f"{s * 1e9:.3g} ns"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="build dir with libmath.a/.so")
    ap.add_argument("--include", default=None, help="dir with asmmath.h (default: <build>/include or include/)")
    ap.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = ap.parse_args()
    include = args.include
    if include is None:
        include = next((d for d in (os.path.join(args.build, "include"), os.path.join(ROOT, "include"))
                        if os.path.exists(os.path.join(d, "asmmath.h"))), os.path.join(ROOT, "include"))
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "bench")
        compile_bench(args.build, include, exe)
        subprocess.run([exe], check=True)
        native = {}
        for line in subprocess.run([exe, "--calls"], check=True, capture_output=True, text=True).stdout.splitlines():
            k, v = line.split()
            native[k] = float(v)
    L = load(args.build)
    if L is None:
        print(f"\n(no libmath.so in {args.build}: pure-Python table skipped)")
        return
    python_table(L, native, args.quick, args.build)


if __name__ == "__main__":
    main()
