#!/usr/bin/env python3
"""Release-packaging numbers for this project, measured in one run (after a full build).

- the artifacts of every language built by one Ninja call (`asmpkg package` builds them so),
  next to the same dist-<lang> targets run one after another (target: at most 0.7x);
- the whole `asmpkg package` (tests, artifacts, staging) wall time;
- the size of each artifact.

usage: bench/package.py [-C DIR]     (DIR must be a git checkout: meson dist needs one)
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv" / "bin"


def run(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=dict(os.environ, **(env or {})))
    return time.perf_counter() - start


def artifact_files(build: Path, lang: str) -> list[Path]:
    out = subprocess.run([str(VENV / "meson"), "introspect", "--targets", str(build)], check=True,
                         capture_output=True, text=True).stdout
    return [Path(f) for t in json.loads(out) if t["name"].startswith(f"package-{lang}-") for f in t["filename"]]


def forget(paths: list[Path]) -> None:
    """Removes built artifacts so that Ninja builds them again (and only them)."""
    for p in paths:
        if p.is_dir():
            subprocess.run(["rm", "-rf", str(p)], check=True)
        else:
            p.unlink(missing_ok=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-C", dest="root", type=Path, default=REPO)
    root = ap.parse_args().root.resolve()
    build = root / "build"
    ninja = str(VENV / "ninja")
    asmpkg = str(VENV / "asmpkg")
    epoch = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True,
                           text=True, check=True).stdout.strip()
    env = {"SOURCE_DATE_EPOCH": epoch}
    run([asmpkg, "-C", str(root), "build"])
    targets = subprocess.run([ninja, "-C", str(build), "-t", "targets", "all"], capture_output=True, text=True,
                             check=True).stdout
    langs = [line.split(":")[0].removeprefix("dist-") for line in targets.splitlines()
             if line.startswith("dist-")]
    files = {lang: artifact_files(build, lang) for lang in langs}

    forget([p for ps in files.values() for p in ps])
    sequential = {lang: run([ninja, "-C", str(build), f"dist-{lang}"], env) for lang in langs}
    forget([p for ps in files.values() for p in ps])
    parallel = run([ninja, "-C", str(build), *(f"dist-{lang}" for lang in langs)], env)
    whole = run([asmpkg, "-C", str(root), "package"])

    total = sum(sequential.values())
    print(f"{'step':<40}{'seconds':>9}")
    for lang, secs in sequential.items():
        print(f"  dist-{lang:<34}{secs:>9.2f}")
    print(f"{'one after another (sum)':<40}{total:>9.2f}")
    print(f"{'all in one Ninja call':<40}{parallel:>9.2f}   ratio {parallel / total:.2f} (target <= 0.70)")
    print(f"{'asmpkg package (tests, artifacts, dist/)':<40}{whole:>9.2f}")
    print("\nartifacts in dist/:")
    dist = root / "dist"
    for line in (dist / "SHA256SUMS").read_text().splitlines():
        rel = line.split("  ", 1)[1]
        print(f"  {rel:<72}{(dist / rel).stat().st_size:>10,} B")
    return 0


if __name__ == "__main__":
    sys.exit(main())
