"""`asmpkg package` for Go: a module proxy layout, verified from an empty module, byte-identical twice."""

import datetime
import shutil
import subprocess
import zipfile

import pytest

from conftest import asmpkg, need


@pytest.fixture(autouse=True)
def toolchain():
    for tool in ("nasm", "meson", "ninja", "cc", "git", "go"):
        need(tool)


def commit(root):
    assert asmpkg("-C", str(root), "generate").returncode == 0
    for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "r"]):
        subprocess.run(["git", "-C", str(root), *cmd], check=True)


def artifacts(root):
    return {str(p.relative_to(root / "dist")): p.read_bytes() for p in sorted((root / "dist").rglob("*")) if p.is_file()}


def test_go_proxy_layout_is_verified_and_byte_identical_from_a_fresh_build(package):
    root = package("onefunc")
    manifest = root / "asmpkg.toml"
    # An upper-case letter in the module path: the proxy layout escapes it (!one!func), the zip does not.
    manifest.write_text(manifest.read_text().replace(
        '[sources]', '[package.names]\ngo_module = "example.com/OneFunc"\n\n[sources]')
        + '\n[languages]\nenabled = ["c", "go"]\n')
    commit(root)
    r = asmpkg("-C", str(root), "package", "--lang", "go", "--verify")
    assert r.returncode == 0, (r.stdout + r.stderr)[-6000:]
    first = artifacts(root)
    at = "go/example.com/!one!func/@v/"
    assert sorted(first) == ["SHA256SUMS"] + [at + f for f in ("list", "v0.1.0.info", "v0.1.0.mod", "v0.1.0.zip")]
    assert first[at + "list"] == b"v0.1.0\n"
    assert first[at + "v0.1.0.mod"] == (root / "bindings" / "go" / "go.mod").read_bytes()
    epoch = int(subprocess.check_output(["git", "-C", str(root), "log", "-1", "--format=%ct"]).strip())
    when = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    assert first[at + "v0.1.0.info"] == ('{"Version":"v0.1.0","Time":"%s"}\n' % when.strftime("%Y-%m-%dT%H:%M:%SZ")).encode()
    with zipfile.ZipFile(root / "dist" / at / "v0.1.0.zip") as z:
        names = z.namelist()
        # A zip stores times in 2-second steps (MS-DOS format), so odd seconds read back one lower.
        dos = when.replace(second=when.second - when.second % 2)
        assert {i.date_time for i in z.infolist()} == {dos.timetuple()[:6]}
    assert names == sorted(names) and all(n.startswith("example.com/OneFunc@v0.1.0/") for n in names)
    assert "example.com/OneFunc@v0.1.0/lib/linux_amd64/libone.a" in names
    assert "example.com/OneFunc@v0.1.0/go.mod" in names and not any(n.endswith("/") for n in names)

    # From scratch: no build folder, no copied archive; the same commit gives the same bytes.
    shutil.rmtree(root / "build")
    (root / "bindings" / "go" / "lib" / "linux_amd64" / "libone.a").unlink()
    r = asmpkg("-C", str(root), "package", "--lang", "go")
    assert r.returncode == 0, (r.stdout + r.stderr)[-6000:]
    assert artifacts(root) == first
