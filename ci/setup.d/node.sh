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

# The npm release's check (`asmpkg package --verify`) installs offline: node-gyp-build, the package's
# one dependency, comes from this tarball, fetched once. Pinned with the backend (NODE_GYP_BUILD in
# asmpkg/backends/node/generator.py) and checked against the registry's published tarball.
ngb_version=4.8.4
ngb_sha256=940450fb4158bddc23ae156432a67338a4d7ab6a585b639c61b3b0a14d2bac24
ngb_dir=${ASMPKG_NPM_TARBALLS:-${XDG_CACHE_HOME:-$HOME/.cache}/asmpkg/npm}
ngb=$ngb_dir/node-gyp-build-$ngb_version.tgz
if ! echo "$ngb_sha256  $ngb" | sha256sum -c --status 2>/dev/null; then
  mkdir -p "$ngb_dir"
  npm pack --silent --pack-destination "$ngb_dir" "node-gyp-build@$ngb_version" >/dev/null
  echo "$ngb_sha256  $ngb" | sha256sum -c --quiet
fi
