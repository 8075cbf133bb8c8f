"""The Go backend's proxy.py: golang.org/x/mod/zip's rules, each broken one named."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bindings" / "go" / "_tools" / "proxy.py"


def run(tmp_path, files, module="example.com/m", version="1.0.0", links=()):
    root = tmp_path / "mod"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    for name, target in links:
        os.symlink(target, root / name)
    out = tmp_path / module.split("/")[0]
    r = subprocess.run([sys.executable, str(SCRIPT), "--module", module, "--version", version, "--root", str(root),
                        "--output", str(out), *files, *(n for n, _ in links)],
                       capture_output=True, text=True, env=dict(os.environ, SOURCE_DATE_EPOCH="1700000000"))
    return r, out


GO_MOD = {"go.mod": "module example.com/m\n\ngo 1.24\n", "m.go": "package m\n"}


def test_a_valid_module_gives_the_four_files_and_a_prefixed_zip(tmp_path):
    r, out = run(tmp_path, {**GO_MOD, "lib/x.a": "!<arch>\n"}, module="example.com/Up")
    assert r.returncode == 0, r.stderr
    at = out / "!up" / "@v"
    assert sorted(p.name for p in at.iterdir()) == ["list", "v1.0.0.info", "v1.0.0.mod", "v1.0.0.zip"]
    assert (at / "v1.0.0.info").read_text() == '{"Version":"v1.0.0","Time":"2023-11-14T22:13:20Z"}\n'
    with zipfile.ZipFile(at / "v1.0.0.zip") as z:
        assert z.namelist() == ["example.com/Up@v1.0.0/go.mod", "example.com/Up@v1.0.0/lib/x.a",
                                "example.com/Up@v1.0.0/m.go"]


@pytest.mark.parametrize("files, links, why", [
    ({"vendor/a/b.go": "package b\n"}, (), "vendor/a/b.go: file is in a vendored package"),
    ({"sub/go.mod": "module x\n"}, (), "sub/go.mod: go.mod file not in module root directory"),
    ({"GO.MOD": "module x\n"}, (), "GO.MOD: go.mod files must have lowercase names"),
    ({"A.go": "package m\n", "a.go": "package m\n"}, (), "a.go: case-insensitive file name collision with 'A.go'"),
    ({"x\"y.go": "package m\n"}, (), "malformed file path: invalid char '\"'"),
    ({"aux.go": "package m\n"}, (), "'aux' disallowed as path element component on Windows"),
    ({}, (("link.go", "m.go"),), "link.go: file is a symbolic link"),
])
def test_a_broken_rule_is_an_error_naming_the_file(tmp_path, files, links, why):
    r, out = run(tmp_path, {**GO_MOD, **files}, links=links)
    assert r.returncode == 1 and why in r.stderr, r.stderr
    assert not out.exists()


@pytest.mark.parametrize("module, version, why", [
    ("example.com/m", "2.0.0", "needs the module path to end in /v2"),
    ("example.com/m/v3", "2.0.0", "does not match the module path's /v3 suffix"),
    ("localonly/m", "1.0.0", "missing dot in first path element"),
    ("example.com/m", "1.0", "is not a canonical semantic version"),
])
def test_the_module_path_and_version_must_agree_with_go(tmp_path, module, version, why):
    r, _ = run(tmp_path, GO_MOD, module=module, version=version)
    assert r.returncode == 1 and why in r.stderr, r.stderr


def test_the_repository_license_is_added_to_a_module_without_one_as_go_does(tmp_path):
    lic = tmp_path / "LICENSE"
    lic.write_text("MIT\n")
    root = tmp_path / "mod"
    root.mkdir()
    for name, text in GO_MOD.items():
        (root / name).write_text(text)
    out = tmp_path / "example.com"
    cmd = [sys.executable, str(SCRIPT), "--module", "example.com/m", "--version", "1.0.0", "--root", str(root),
           "--repo-license", str(lic), "--output", str(out), *GO_MOD]
    assert subprocess.run(cmd, capture_output=True).returncode == 0
    with zipfile.ZipFile(out / "m" / "@v" / "v1.0.0.zip") as z:
        assert z.read("example.com/m@v1.0.0/LICENSE") == b"MIT\n"
    (root / "LICENSE").write_text("own\n")
    assert subprocess.run(cmd + ["LICENSE"], capture_output=True).returncode == 0
    with zipfile.ZipFile(out / "m" / "@v" / "v1.0.0.zip") as z:
        assert z.read("example.com/m@v1.0.0/LICENSE") == b"own\n"
