#!/usr/bin/env bash
# The whole test suite: every language's Meson suites through `asmpkg test --all-langs`,
# then the tool's own tests (unit, golden, and integration builds of tests/packages/).
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
.venv/bin/asmpkg test --all-langs || status=1
.venv/bin/python -m pytest -q || status=1
exit $status
