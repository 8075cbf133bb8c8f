#!/usr/bin/env bash
# The whole release, end to end: test, package and verify every artifact, then publish each.
#   ci/release.sh --dry-run      everything but the uploads: prints what would go where
#   ci/release.sh --build-only   stop after `asmpkg package --verify` (CI's build job)
#   ci/release.sh                publish for real (CI's publish jobs do this per registry)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
asmpkg=.venv/bin/asmpkg

export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
echo "==> asmpkg package --verify (SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH)"
$asmpkg package --verify
[ "$mode" = "--build-only" ] && exit 0

for registry in $(ci/publish.sh --registries); do
  ci/publish.sh "$registry" ${mode:+"$mode"}
done
echo "==> release $( [ "$mode" = --dry-run ] && echo 'dry run ' )done"
