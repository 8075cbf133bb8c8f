#!/usr/bin/env bash
# Sets up a fresh machine for asmpkg and builds the example: NASM, Ninja and the C libraries the
# tests use (apt-get), node-gyp (npm), then Meson and asmpkg itself in .venv, then
# `asmpkg build`. Safe to run again: what is there already is kept, and the build is a no-op.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*"; }

apt_packages=()
command -v nasm >/dev/null || apt_packages+=(nasm)
# One Ninja on the machine: a second one (pip's, in .venv) writes .ninja_log differently, so running the
# other (`meson test` outside .venv, a failure's reproduce command) would rebuild everything.
command -v ninja >/dev/null || apt_packages+=(ninja-build)
command -v pkg-config >/dev/null || apt_packages+=(pkg-config)
command -v valgrind >/dev/null || apt_packages+=(valgrind)
command -v readelf >/dev/null || apt_packages+=(binutils)
[ -f /usr/include/zlib.h ] || apt_packages+=(zlib1g-dev)
[ -f /usr/include/openssl/sha.h ] || apt_packages+=(libssl-dev)
if [ ${#apt_packages[@]} -gt 0 ]; then
  log "apt-get install ${apt_packages[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi


if [ ! -x .venv/bin/python ]; then
  log "python3 -m venv .venv"
  python3 -m venv .venv
fi
stamp=.venv/.asmpkg-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  log "pip install -e .[dev] into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
  touch "$stamp"
fi

# One script per extra toolchain piece (node-gyp, actionlint, ...), each safe to run again.
for step in ci/setup.d/*.sh; do
  [ -e "$step" ] || continue
  log "$step"
  bash "$step"
done

# Byte-compile the tool: where PYTHONDONTWRITEBYTECODE is set, Python would otherwise compile
# every module on every run, and that is most of a no-op build's time.
.venv/bin/python -m compileall -q asmpkg

log "asmpkg build"
.venv/bin/asmpkg build

# The java suite's `maven` test runs `mvn -o package` of bindings/java: one online run here fetches what its
# plugins load (skipped once done for this pom).
if command -v mvn >/dev/null && [ -f bindings/java/pom.xml ]; then
  log "prefetch bindings/java's Maven build"
  .venv/bin/python bindings/java/javatool.py prefetch --pom bindings/java/pom.xml --build build
fi
