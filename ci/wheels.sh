#!/usr/bin/env bash
# manylinux wheels with cibuildwheel from the sdist that `asmpkg package` made (dist/python/),
# one per CPython version (needs Docker: run in CI's release workflow).
set -euo pipefail
cd "$(dirname "$0")/.."
sdist=$(ls dist/python/*.tar.gz 2>/dev/null | head -1)
[ -n "$sdist" ] || { echo "no sdist in dist/python: run asmpkg package first" >&2; exit 2; }
python3 -m pip install -q "cibuildwheel==2.*"
export CIBW_BUILD="cp310-* cp311-* cp312-* cp313-*"
export CIBW_SKIP="*-musllinux_*"
export CIBW_ARCHS_LINUX=x86_64
export CIBW_BEFORE_ALL_LINUX="dnf install -y nasm || yum install -y nasm"
export CIBW_REPAIR_WHEEL_COMMAND_LINUX="auditwheel repair -w {dest_dir} {wheel}"
export CIBW_TEST_COMMAND="python -c \"import asmmath; assert asmmath.crc32(b'123456789') == 0xCBF43926\""
python3 -m cibuildwheel --output-dir wheelhouse "$sdist"
