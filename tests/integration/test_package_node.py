"""`asmpkg package --lang node`: the npm tarball, verified offline with no compiler, byte-identical when rebuilt."""

import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from conftest import IN_CI, asmpkg, need

NODE_GYP_BUILD = "4.8.4"


def node_gyp_build_tarball() -> Path:
    folder = os.environ.get("ASMPKG_NPM_TARBALLS") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "asmpkg", "npm")
    tarball = Path(folder) / f"node-gyp-build-{NODE_GYP_BUILD}.tgz"
    if not tarball.is_file():
        (pytest.fail if IN_CI else pytest.skip)(f"{tarball} is missing (ci/setup.d/node.sh fetches it)")
    return tarball


def test_npm_release_installs_offline_and_is_reproducible(package):
    for tool in ("nasm", "meson", "ninja", "cc", "git", "node", "npm", "node-gyp"):
        need(tool)
    node_gyp_build_tarball()
    root = package("onefunc")
    manifest = root / "asmpkg.toml"
    manifest.write_text(manifest.read_text() + '\n[languages]\nenabled = ["c", "node"]\n')
    assert asmpkg("-C", str(root), "generate").returncode == 0
    for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "r"]):
        subprocess.run(["git", "-C", str(root), *cmd], check=True)

    r = asmpkg("-C", str(root), "package", "--lang", "node", "--verify")
    assert r.returncode == 0, (r.stdout + r.stderr)[-6000:]
    tgz = root / "dist" / "node" / "onefunc-0.1.0.tgz"
    first = tgz.read_bytes()
    assert "node/onefunc-0.1.0.tgz" in (root / "dist" / "SHA256SUMS").read_text()
    with tarfile.open(tgz) as tar:
        names = set(tar.getnames())
        meta = json.load(tar.extractfile("package/package.json"))
    assert "package/prebuilds/linux-x64/node.napi.glibc.node" in names  # N-API, glibc: musl builds from source
    assert not any(n.startswith("package/build/") for n in names), names
    assert meta["version"] == "0.1.0"
    assert meta["dependencies"] == {"node-gyp-build": f"^{NODE_GYP_BUILD}"}
    assert meta["scripts"]["install"] == "node-gyp-build"

    # From scratch: a new Meson build folder and a new node-gyp build make the same bytes.
    shutil.rmtree(root / "build")
    shutil.rmtree(root / "bindings" / "node" / "build")
    again = asmpkg("-C", str(root), "package", "--lang", "node")
    assert again.returncode == 0, (again.stdout + again.stderr)[-6000:]
    assert tgz.read_bytes() == first
