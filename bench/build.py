#!/usr/bin/env python3
"""Build-speed numbers for asmpkg on this project, all measured in one run.

- cold `asmpkg build` of every enabled language from no build folder, next to `meson setup`
  and the same targets built one after another with `ninja -j1` (the parallel speed-up is
  real when the ratio is < 1);
- touching one .asm file: the rebuild next to the cold build;
- a no-op `asmpkg build` next to a bare `ninja -C build` no-op (target: at most 0.5 s);
- two clean builds: are libNAME.so.* and libNAME.a byte-identical?

usage: bench/build.py [-C DIR] [--runs N]
Deletes and rebuilds DIR/build.
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv" / "bin"


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def digests(build: Path) -> dict[str, str]:
    libs = [p for p in sorted(build.glob("lib*.so.*.*.*")) + sorted(build.glob("lib*.a")) if p.is_file() and not p.is_symlink()]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in libs}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-C", dest="root", type=Path, default=REPO)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    root = args.root.resolve()
    asmpkg = [str(VENV / "asmpkg"), "-C", str(root), "build"]
    ninja = str(VENV / "ninja")
    build = root / "build"
    sys.path.insert(0, str(REPO))
    from asmpkg import manifest

    model = manifest.load(root)
    targets = ["lib", *(f"lang-{lang}" for lang in model.languages)]

    # Both sides start from no build folder (cargo's target folder lives in it too); the
    # sequential side configures, then runs each language's targets alone, one job at a time.
    shutil.rmtree(build, ignore_errors=True)
    sequential = timed([str(VENV / "meson"), "setup", str(build), str(root)], root)
    sequential += sum(timed([ninja, "-C", str(build), "-j1", t], root) for t in targets)
    shutil.rmtree(build)
    cold = timed(asmpkg, root)
    first = digests(build)

    source = root / model.sources.nasm[0]
    source.touch()
    touched = timed(asmpkg, root)

    noop = statistics.median(timed(asmpkg, root) for _ in range(args.runs))
    bare = statistics.median(timed([ninja, "-C", str(build)], root) for _ in range(args.runs))

    shutil.rmtree(build)
    timed(asmpkg, root)
    second = digests(build)

    print(f"languages: {', '.join(model.languages)}")
    print(f"{'step':<44}{'seconds':>9}{'ratio':>9}  target")
    print(f"{'setup + targets one after another (-j1)':<44}{sequential:>9.2f}{1:>9.2f}")
    print(f"{'cold asmpkg build (parallel)':<44}{cold:>9.2f}{cold / sequential:>9.2f}  <= 0.70")
    print(f"{'rebuild after touching ' + model.sources.nasm[0]:<44}{touched:>9.2f}{touched / cold:>9.2f}  <= 0.60 of cold")
    print(f"{'bare ninja no-op (median)':<44}{bare:>9.3f}{1:>9.2f}")
    print(f"{'asmpkg build no-op (median)':<44}{noop:>9.3f}{noop / bare:>9.2f}  <= 0.5 s")
    same = first == second
    print(f"two clean builds byte-identical: {'yes' if same else 'NO'} {first}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
