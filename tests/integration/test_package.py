"""`asmpkg package`: reproducible artifacts, verified from an empty prefix, an ABI guard, dist/ kept whole."""

import json
import subprocess
import tarfile

import pytest

from conftest import asmpkg, need


@pytest.fixture(autouse=True)
def toolchain():
    for tool in ("nasm", "meson", "ninja", "cc", "git", "pkg-config"):
        need(tool)


def commit(root):
    """A release commit: the generated files are committed too, as `meson dist` needs."""
    assert asmpkg("-C", str(root), "generate").returncode == 0
    for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "r"]):
        subprocess.run(["git", "-C", str(root), *cmd], check=True)


def test_package_verifies_and_is_reproducible(package):
    root = package("versions")
    commit(root)
    r = asmpkg("-C", str(root), "package", "--verify")
    assert r.returncode == 0, r.stdout + r.stderr
    sums = (root / "dist" / "SHA256SUMS").read_text()
    assert "c/vers-1.2.0-linux-x86_64.tar.gz" in sums and "c/vers-1.2.0.tar.gz" in sums
    with tarfile.open(root / "dist" / "c" / "vers-1.2.0-linux-x86_64.tar.gz") as tar:
        names = tar.getnames()
        assert {m.mtime for m in tar.getmembers()} == {int(subprocess.check_output(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"]).strip())}
    assert names == sorted(names)
    assert "lib/libvers.so.1.2.0" in names and "lib/pkgconfig/vers.pc" in names and "include/vers.h" in names
    again = asmpkg("-C", str(root), "package")
    assert again.returncode == 0, again.stderr
    assert (root / "dist" / "SHA256SUMS").read_text() == sums


def test_abi_guard_names_each_break_and_update_rewrites_the_baseline(package):
    root = package("abi_guard")
    r = asmpkg("-C", str(root), "package")
    assert r.returncode == 2
    assert "g_b was removed; removing a function needs a major version bump" in r.stderr
    assert "g_c is new but is in the released node GUARD_1.0" in r.stderr
    assert not (root / "dist").exists()
    manifest = root / "asmpkg.toml"
    manifest.write_text(manifest.read_text().replace('name = "c"\nsince = "1.0"', 'name = "c"\nsince = "1.1"')
                        + '\n[[functions]]\nname = "b"\nsince = "1.0"\nreturns = "i64"\n'
                          'params = [{ name = "x", type = "i64" }]\n')
    r = asmpkg("-C", str(root), "package")
    assert r.returncode == 2 and "functions are listed in the order they were added" in r.stderr
    text = manifest.read_text()
    b_entry = text[text.index("[[functions]]\nname = \"b\""):]
    text = text.replace(b_entry, "")
    text = text.replace("[[functions]]\nname = \"c\"", b_entry.strip() + "\n\n[[functions]]\nname = \"c\"")
    manifest.write_text(text)
    commit(root)
    r = asmpkg("-C", str(root), "package")
    assert r.returncode == 0, r.stdout + r.stderr
    assert asmpkg("-C", str(root), "abi", "update").returncode == 0
    baseline = json.loads((root / "abi" / "guard.abi.json").read_text())
    assert [f["symbol"] for f in baseline["functions"]] == ["g_a", "g_b", "g_c"]
    assert baseline["functions"][2]["version_node"] == "GUARD_1.1"


def test_a_failed_package_leaves_dist_as_it_was(package):
    root = package("broken_c_test")
    commit(root)
    (root / "dist").mkdir()
    (root / "dist" / "old.txt").write_text("from the last release\n")
    r = asmpkg("-C", str(root), "package")
    assert r.returncode == 1
    assert sorted(p.name for p in (root / "dist").iterdir()) == ["old.txt"]


def test_a_hand_edited_generated_file_stops_the_release(package):
    root = package("versions")
    commit(root)
    pc = root / "bindings" / "c" / "vers.pc"
    pc.write_text(pc.read_text().replace("Version: 1.2.0", "Version: 1.2.1"))
    r = asmpkg("-C", str(root), "package")
    assert r.returncode == 2
    assert "bindings/c/vers.pc" in r.stderr and "version 1.2.0" in r.stderr
    assert "Version: 1.2.1" in pc.read_text()  # named, not overwritten


def test_an_unwritable_out_is_bad_input_before_anything_is_built(package):
    root = package("onefunc")
    r = asmpkg("-C", str(root), "package", "--out", "/proc/asmpkg-nowhere/dist")
    assert r.returncode == 2, r.stdout + r.stderr
    assert "cannot write the artifacts to /proc/asmpkg-nowhere/dist" in r.stderr and "Traceback" not in r.stderr
    assert not (root / "build").exists()
