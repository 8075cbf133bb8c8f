"""`asmpkg package` for Rust and Java: verified as a new user installs them, byte-identical across two runs.

The two runs are made from the same commit in two copies of the project, at different paths and with
different file times, each with its own build: only the commit may decide the bytes.
"""

import os
import shutil
import subprocess
import zipfile

import pytest

from conftest import asmpkg, need

TOOLS = {"rust": ["cargo"], "java": ["javac", "java", "jar", "javadoc", "mvn"]}
EPOCH = 1700000000  # the commit's time, so both copies make the same commit


def release_commit(root):
    assert asmpkg("-C", str(root), "generate").returncode == 0
    (root / ".gitignore").write_text("/build/\n/dist/\n")
    env = dict(os.environ, GIT_AUTHOR_DATE=f"@{EPOCH} +0000", GIT_COMMITTER_DATE=f"@{EPOCH} +0000")
    for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "r"]):
        subprocess.run(["git", "-C", str(root), *cmd], check=True, env=env)
    return subprocess.check_output(["git", "-C", str(root), "rev-parse", "HEAD"], text=True).strip()


def artifacts(dist):
    return {p.relative_to(dist).as_posix(): p.read_bytes() for p in sorted(dist.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("lang", list(TOOLS))
def test_two_runs_give_identical_verified_artifacts(lang, package, tmp_path):
    for tool in ("nasm", "meson", "ninja", "cc", "git", *TOOLS[lang]):
        need(tool)
    first = package("onefunc")
    manifest = first / "asmpkg.toml"
    manifest.write_text(manifest.read_text() + f'\n[languages]\nenabled = ["c", "{lang}"]\n')
    second = tmp_path / "elsewhere" / "onefunc"
    shutil.copytree(first, second)
    for f in second.rglob("*"):
        os.utime(f, (EPOCH - 86400, EPOCH - 86400))  # other file times than the first copy's
    assert release_commit(first) == release_commit(second)

    found = []
    for root in (first, second):
        r = asmpkg("-C", str(root), "package", "--lang", lang, "--verify")
        assert r.returncode == 0, (r.stdout + r.stderr)[-6000:]
        found.append(artifacts(root / "dist"))
    assert found[0] == found[1]

    names = set(found[0])
    if lang == "rust":
        assert {"rust/onefunc-0.1.0.crate", "rust/onefunc-sys-0.1.0.crate"} <= names
    else:
        folder = "maven/org/example/onefunc/onefunc/0.1.0/onefunc-0.1.0"
        for suffix in (".jar", "-sources.jar", "-javadoc.jar", ".pom"):
            for sums in ("", ".md5", ".sha1", ".sha256"):
                assert folder + suffix + sums in names
        with zipfile.ZipFile(first / "dist" / (folder + ".jar")) as jar:
            entries = jar.infolist()
            assert "native/linux-x86_64/libonefunc_jni.so" in jar.namelist()
        assert len({e.date_time for e in entries}) == 1  # SOURCE_DATE_EPOCH, not the files' times
    sums = (first / "dist" / "SHA256SUMS").read_text()
    assert all(f"  {name}\n" in sums for name in names if name != "SHA256SUMS")
