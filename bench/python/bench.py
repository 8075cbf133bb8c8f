"""asmmath from Python, six ways: the extension, ctypes, cffi (ABI mode), pure Python, zlib, and C.

Prints, in one run, the per-call time of add_ints and of crc32 on 64 bytes and
crc32's throughput on 1 MiB, then the ratios the Python backend promises:
the extension at least 10x faster than ctypes for add_ints and 8x for crc32
on 64 bytes, and bulk crc32 at least 95% of C's throughput.

usage: python bench/python/bench.py [--build DIR] [--quick]
       (after `asmpkg build`; needs cffi for its row: pip install cffi)
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import platform
import subprocess
import sys
import tempfile
import timeit
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SMALL = bytes(range(64))
BIG = bytes((i * 31) & 0xFF for i in range(1 << 20))


# ---------------------------------------------------------------- pure Python (the seed's exercise 10)


def _table() -> list[int]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        table.append(c)
    return table


TABLE = _table()


def py_add_ints(a: int, b: int) -> int:
    return (a + b + (1 << 63)) % (1 << 64) - (1 << 63)  # wraps like int64_t


def py_crc32(data: bytes, crc: int = 0) -> int:
    crc ^= 0xFFFFFFFF
    table = TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc ^ 0xFFFFFFFF


# ---------------------------------------------------------------- the routes


def ctypes_route(lib_path: Path):
    lib = ctypes.CDLL(str(lib_path))
    add = lib.math_add_ints
    add.argtypes, add.restype = [ctypes.c_int64, ctypes.c_int64], ctypes.c_int64
    crc = lib.math_crc32
    crc.argtypes, crc.restype = [ctypes.c_uint32, ctypes.c_char_p, ctypes.c_size_t], ctypes.c_uint32
    return add, lambda data: crc(0, data, len(data))  # c_char_p takes bytes without a copy


def cffi_route(lib_path: Path):
    try:
        import cffi
    except ImportError:
        return None
    ffi = cffi.FFI()
    ffi.cdef("int64_t math_add_ints(int64_t a, int64_t b);"
             "uint32_t math_crc32(uint32_t crc, const char *data, size_t len);")  # char *: bytes pass as they are
    lib = ffi.dlopen(str(lib_path))
    crc = lib.math_crc32
    return lib.math_add_ints, lambda data: crc(0, data, len(data))


def c_route(build: Path, tmp: Path):
    """Compiles bench.c against libmath.a; gives a function that runs it, or None."""
    exe = tmp / "bench-c"
    cmd = [os.environ.get("CC", "cc"), "-O2", "-std=gnu11", f"-I{ROOT / 'include'}",
           str(Path(__file__).with_name("bench.c")), str(build / "libmath.a"), "-o", str(exe)]
    try:
        subprocess.run(cmd, check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"(C baseline skipped: {exc})", file=sys.stderr)
        return None
    offset = ctypes.cast(ctypes.c_char_p(BIG), ctypes.c_void_p).value % 64  # where BIG's bytes start

    def run() -> tuple[float, float, float]:
        out = json.loads(subprocess.run([str(exe), str(offset)], check=True, capture_output=True, text=True).stdout)
        return out["add_ints"], out["crc32_64"], out["crc32_1m"]

    return run


def per_call(fn, *args, repeat: int = 5, quick: bool = False) -> float:
    """Best of `repeat` runs, in seconds per call (the loop itself is timeit's, nothing else around the call)."""
    names = {f"a{k}": a for k, a in enumerate(args)}
    timer = timeit.Timer(f"fn({', '.join(names)})", globals={"fn": fn, **names})
    number, _ = timer.autorange()
    if quick:
        number = max(1, number // 5)
    return min(timer.repeat(repeat=repeat, number=number)) / number


# ---------------------------------------------------------------- report


def ns(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-6:
        return f"{seconds * 1e9:.1f} ns"
    return f"{seconds * 1e6:,.2f} us" if seconds < 1e-3 else f"{seconds * 1e3:,.2f} ms"


def gbps(seconds: float | None) -> str:
    return "-" if seconds is None else f"{len(BIG) / seconds / 1e9:.2f} GB/s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=ROOT / "build", help="the asmpkg build folder")
    parser.add_argument("--quick", action="store_true", help="fewer iterations (noisier)")
    args = parser.parse_args()
    build = args.build.resolve()
    sys.path.insert(0, str(build / "python"))
    import asmmath

    lib = build / "libmath.so"
    want_small, want_big = zlib.crc32(SMALL), zlib.crc32(BIG)
    rows: dict[str, tuple] = {}

    def measure(name, add, crc, bulk_repeat=5):
        if crc is not None:
            assert crc(SMALL) == want_small and crc(BIG) == want_big, f"{name}: wrong CRC"
        if add is not None:
            assert add(2, 3) == 5, f"{name}: wrong sum"
        got = (
            per_call(add, 2, 3, quick=args.quick) if add else None,
            per_call(crc, SMALL, quick=args.quick) if crc else None,
            per_call(crc, BIG, repeat=bulk_repeat, quick=args.quick) if crc else None,
        )
        old = rows.get(name, got)  # several rounds: keep the best of each
        rows[name] = tuple(None if a is None else min(a, b) for a, b in zip(got, old, strict=True))

    with tempfile.TemporaryDirectory() as tmp:
        c = c_route(build, Path(tmp))
        # C and the extension take turns, so a busy machine slows both alike.
        for _ in range(1 if args.quick else 3):
            if c:
                got = c()
                old = rows.get("C (libmath.a)", got)
                rows["C (libmath.a)"] = tuple(min(a, b) for a, b in zip(got, old, strict=True))
            measure("extension (asmmath)", asmmath.add_ints, asmmath.crc32)
    measure("ctypes", *ctypes_route(lib))
    cffi_fns = cffi_route(lib)
    if cffi_fns:
        measure("cffi (ABI mode)", *cffi_fns)
    measure("zlib.crc32 (stdlib)", None, zlib.crc32)
    measure("pure Python", py_add_ints, py_crc32, bulk_repeat=1)

    rounds = "" if args.quick else ", C and the extension best of 3 rounds of them"
    print(f"asmmath {asmmath.__version__} from Python {platform.python_version()} ({platform.machine()}); "
          f"best of 5 runs{rounds}")
    print(f"{'':22}{'add_ints':>14}{'crc32 64 B':>14}{'crc32 1 MiB':>14}")
    for name, (add, small, big) in rows.items():
        print(f"{name:22}{ns(add):>14}{ns(small):>14}{gbps(big):>14}")
    if not cffi_fns:
        print("(cffi row skipped: pip install cffi)")

    ext, ct = rows["extension (asmmath)"], rows["ctypes"]
    checks = [
        ("add_ints: ctypes / extension", ct[0] / ext[0], 10.0, "x"),
        ("crc32 64 B: ctypes / extension", ct[1] / ext[1], 8.0, "x"),
    ]
    if cffi_fns:
        cf = rows["cffi (ABI mode)"]
        checks += [("add_ints: cffi / extension", cf[0] / ext[0], None, "x"),
                   ("crc32 64 B: cffi / extension", cf[1] / ext[1], None, "x")]
    checks.append(("add_ints: pure Python / extension", rows["pure Python"][0] / ext[0], None, "x"))
    checks.append(("crc32 1 MiB: pure Python / extension", rows["pure Python"][2] / ext[2], None, "x"))
    if c:
        share = 100 * rows["C (libmath.a)"][2] / ext[2]
        checks.append(("crc32 1 MiB: extension / C throughput", share, 95.0, "%"))
    print()
    failed = False
    for label, value, target, unit in checks:
        verdict = "" if target is None else ("  ok" if value >= target else "  BELOW TARGET")
        goal = "" if target is None else f" (target >= {target:g}{unit})"
        failed |= bool(target) and value < target
        print(f"{label:40} {value:8.1f}{unit}{goal}{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
