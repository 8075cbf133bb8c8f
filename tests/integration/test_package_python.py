"""`asmpkg package --lang python`: the sdist and the manylinux wheel, verified, byte-identical from one commit."""

import importlib.util
import shutil
import subprocess
import tarfile
import zipfile
from datetime import datetime, timezone

import pytest

from conftest import IN_CI, asmpkg, need


@pytest.fixture(autouse=True)
def toolchain():
    for tool in ("nasm", "meson", "ninja", "cc", "git", "patchelf", "auditwheel", "twine"):
        need(tool)
    if importlib.util.find_spec("mesonpy") is None:
        message = "meson-python is not installed (pip install -e '.[dev]')"
        pytest.fail(message) if IN_CI else pytest.skip(message)


def commit(root):
    assert asmpkg("-C", str(root), "generate").returncode == 0
    for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "r"]):
        subprocess.run(["git", "-C", str(root), *cmd], check=True)


def test_the_wheel_and_sdist_verify_and_are_byte_identical_from_one_commit(package, tmp_path):
    root = package("onefunc")
    manifest = root / "asmpkg.toml"
    manifest.write_text(manifest.read_text().replace("[sources]", '[languages]\nenabled = ["c", "python"]\n\n[sources]'))
    commit(root)
    again = tmp_path / "elsewhere" / "onefunc"  # the same commit, checked out at another path
    shutil.copytree(root, again)

    first = asmpkg("-C", str(root), "package", "--lang", "python", "--verify")
    assert first.returncode == 0, first.stdout + first.stderr
    second = asmpkg("-C", str(again), "package", "--lang", "python")
    assert second.returncode == 0, second.stdout + second.stderr

    names = sorted(p.name for p in (root / "dist" / "python").iterdir())
    wheel_name, sdist_name = names
    assert wheel_name.startswith("onefunc-0.1.0-cp") and sdist_name == "onefunc-0.1.0.tar.gz"
    assert wheel_name.endswith("-manylinux2014_x86_64.manylinux_2_17_x86_64.whl")
    for name in names:
        assert (root / "dist" / "python" / name).read_bytes() == (again / "dist" / "python" / name).read_bytes(), name
    assert (root / "dist" / "SHA256SUMS").read_text() == (again / "dist" / "SHA256SUMS").read_text()

    epoch = int(subprocess.check_output(["git", "-C", str(root), "log", "-1", "--format=%ct"]).strip())
    stamp = datetime.fromtimestamp(epoch, tz=timezone.utc).timetuple()[:5]
    with zipfile.ZipFile(root / "dist" / "python" / wheel_name) as wheel:
        entries = wheel.namelist()
        assert {info.date_time[:5] for info in wheel.infolist()} == {stamp}
    assert "onefunc/__init__.py" in entries and any(n.startswith("onefunc/_onefunc.") for n in entries)
    assert not [n for n in entries if ".libs/" in n or "libone" in n]  # the extension links libone.a
    with tarfile.open(root / "dist" / "python" / sdist_name) as sdist:
        members = sdist.getmembers()
    files = sorted(m.name for m in members)
    assert files == [m.name for m in members]
    assert {m.mtime for m in members} == {epoch} and {(m.uid, m.gid) for m in members} == {(0, 0)}
    for needed in ("PKG-INFO", "pyproject.toml", "meson.build", "meson.options", "asm/add.asm",
                   "bindings/python/meson.build", "bindings/python/_onefunc.c"):
        assert f"onefunc-0.1.0/{needed}" in files
    assert not [f for f in files if f.startswith("onefunc-0.1.0/bindings/c/") and not f.endswith(".pc")]
