#!/usr/bin/env bash
# actionlint checks .github/workflows in the test suite; a pinned version, built with go install.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x .venv/bin/actionlint ] && exit 0
command -v go >/dev/null || { echo "go not found: actionlint is not installed" >&2; exit 0; }
mkdir -p .venv/bin
GOBIN="$PWD/.venv/bin" GOFLAGS=-mod=mod go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
