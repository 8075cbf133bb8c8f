#!/usr/bin/env bash
# node-gyp builds the Node addon offline against the system Node's headers; TypeScript checks
# index.d.ts. Pinned: node-gyp 13 needs Node 22.
set -euo pipefail
command -v npm >/dev/null || { echo "npm not found: the Node backend will be skipped" >&2; exit 0; }
want_gyp=12.4.0
have_gyp=$(node-gyp --version 2>/dev/null | sed 's/^v//' || true)
if [ "$have_gyp" != "$want_gyp" ] || ! command -v tsc >/dev/null; then
  npm install -g --no-fund --no-audit --loglevel=error "node-gyp@$want_gyp" typescript@5.9.3 @types/node@20.19.43
fi
