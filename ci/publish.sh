#!/usr/bin/env bash
# Publishes one registry's artifacts from dist/ (made by `asmpkg package`).
#   ci/publish.sh REGISTRY [--dry-run]     REGISTRY: pypi npm crates maven go c
#   ci/publish.sh --registries             the registries dist/ has artifacts for
# Each registry uses its trusted publishing where it has one; see the README's "Releasing".
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(.venv/bin/python -c 'import tomllib; print(tomllib.load(open("asmpkg.toml","rb"))["package"]["version"])')
name=$(.venv/bin/python -c 'import tomllib; print(tomllib.load(open("asmpkg.toml","rb"))["package"]["name"])')

if [ "${1:-}" = "--registries" ]; then
  [ -d dist/c ] && echo c
  [ -d dist/python ] && echo pypi
  [ -d dist/node ] && echo npm
  [ -d dist/rust ] && echo crates
  [ -d dist/maven ] && echo maven
  [ -d dist/go ] && echo go
  exit 0
fi

registry=${1:?usage: ci/publish.sh REGISTRY [--dry-run]}
dry=${2:-}
run() {
  if [ "$dry" = "--dry-run" ]; then printf '    would run: %s\n' "$*"; else "$@"; fi
}
files() { find "$1" -type f | sort | sed 's/^/    /'; }

[ -f dist/SHA256SUMS ] || { echo "dist/ is empty: run asmpkg package first" >&2; exit 2; }
(cd dist && sha256sum --quiet -c SHA256SUMS) || { echo "dist/SHA256SUMS does not match" >&2; exit 1; }

case "$registry" in
  c)
    echo "==> GitHub release v$version: the C tarballs"
    files dist/c
    run gh release create "v$version" --verify-tag dist/c/* dist/SHA256SUMS ;;
  pypi)
    echo "==> PyPI (trusted publishing, pypa/gh-action-pypi-publish): $name $version"
    files dist/python
    run .venv/bin/python -m twine check --strict dist/python/* ;;
  npm)
    echo "==> npm (npm publish --provenance): $name@$version"
    files dist/node
    run npm publish --provenance --access public dist/node/*.tgz ;;
  crates)
    echo "==> crates.io (rust-lang/crates-io-auth-action): the -sys crate, then the safe one"
    files dist/rust
    for crate in $(ls dist/rust/*.crate | sort -r); do
      run cargo publish --manifest-path bindings/rust/Cargo.toml -p "$(basename "$crate" "-$version.crate")"
    done ;;
  maven)
    echo "==> Maven Central (Central Portal, signed): $(find dist/maven -name '*.pom' | head -1)"
    files dist/maven
    run sh -c "cd dist/maven && for f in \$(find . -type f ! -name '*.sha*' ! -name '*.md5' ! -name '*.asc'); do gpg --batch --yes --pinentry-mode loopback --passphrase \"\$GPG_PASSPHRASE\" -ab \"\$f\"; done && zip -qr ../central-bundle.zip ."
    run curl --fail -u "${CENTRAL_TOKEN_USER:-user}:${CENTRAL_TOKEN_PASSWORD:-token}" -F bundle=@dist/central-bundle.zip \
      "https://central.sonatype.com/api/v1/publisher/upload?publishingType=AUTOMATIC" ;;
  go)
    echo "==> Go: tag bindings/go/v$version on a commit that carries the prebuilt library"
    files dist/go
    run git switch --detach
    run git add -f bindings/go/lib/linux_amd64/
    run git commit -m "release v$version: prebuilt libraries for Go"
    run git tag "bindings/go/v$version"
    run git push origin "bindings/go/v$version" ;;
  *) echo "unknown registry: $registry" >&2; exit 2 ;;
esac
