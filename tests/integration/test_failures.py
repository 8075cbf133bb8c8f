"""How `asmpkg build` and `asmpkg test` fail: one failing part never hides or stops the rest."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import REPO, asmpkg, need


@pytest.fixture(autouse=True)
def toolchain():
    for tool in ("nasm", "meson", "ninja", "cc"):
        need(tool)


def test_a_compile_error_is_shown_once_with_the_command_that_reproduces_it(package):
    root = package("broken_c_test")
    r = asmpkg("-C", str(root), "test", "--json", str(root / "summary.json"))
    assert r.returncode == 1
    assert r.stderr.count("expected ‘;’ before ‘}’ token") == 1 or r.stderr.count("expected ';' before '}' token") == 1
    assert "to reproduce: cd " in r.stderr and "lang-c" in r.stderr
    summary = json.loads((root / "summary.json").read_text())
    c = summary["languages"]["c"]
    assert summary["ok"] is False and c["status"] == "failed"
    assert c["steps"]["library"]["state"] == "ok" and c["steps"]["build"]["state"] == "failed"
    assert os.path.isfile(c["log"])


def test_a_failing_vector_fails_the_run_with_its_counts(package):
    root = package("includes")
    (root / "asm" / "inc" / "bias.inc").write_text("%define BIAS 9\n")
    r = asmpkg("-C", str(root), "test", "--json", "-")
    assert r.returncode == 1
    summary = json.loads(r.stdout)
    # Both vectors (shared and static) and the abi check's own test_vector comparison fail.
    assert summary["languages"]["c"]["tests"] == {"passed": 1, "failed": 3, "skipped": 0, "cases": 0}
    assert "got 24, want 22" in r.stderr


def test_a_missing_toolchain_is_named(package, tmp_path):
    root = package("onefunc")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    # A PATH with everything but NASM.
    for tool in ("meson", "ninja", "cc", "python3", "readelf"):
        path = need(tool)
        os.symlink(path, bindir / tool)
    env = {"PATH": str(bindir)}
    r = subprocess.run([sys.executable, "-m", "asmpkg", "-C", str(root), "build"], cwd=REPO,
                       env=dict(os.environ, **env), capture_output=True, text=True)
    assert r.returncode == 1
    assert "nasm not found: install NASM (apt-get install nasm)" in r.stderr
    assert "Traceback" not in r.stderr


def test_ctrl_c_stops_everything_and_leaves_a_usable_build_dir(package):
    root = package("slow")
    proc = subprocess.Popen([sys.executable, "-m", "asmpkg", "-C", str(root), "build"], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while not (root / "build" / "build.ninja").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # NASM is now assembling padding.asm
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    assert "interrupted" in err and "Traceback" not in err
    leftover = subprocess.run(["pgrep", "-f", str(root / "asm")], capture_output=True, text=True).stdout
    assert leftover == "", "a child process outlived the interrupt"
    r = asmpkg("-C", str(root), "build")
    assert r.returncode == 0, r.stdout + r.stderr
    assert (root / "build" / "libslow.so.0.1.0").is_file()


def test_a_nasm_syntax_error_is_bad_input_named_as_the_manifest_names_the_file(package):
    root = package("onefunc")
    with (root / "asm" / "add.asm").open("a") as fh:
        fh.write("    mov rax, [\n")
    for command in ("generate", "build"):
        r = asmpkg("-C", str(root), command)
        assert r.returncode == 2, r.stdout + r.stderr
        assert "nasm could not assemble asm/add.asm:\nasm/add.asm:" in r.stderr
        assert str(root) not in r.stderr and "Traceback" not in r.stderr
    assert not (root / "meson.build").exists()  # nothing written


def test_an_unwritable_json_path_is_bad_input_before_the_run(package):
    root = package("onefunc")
    for command in ("test", "check"):
        r = asmpkg("-C", str(root), command, "--json", "/proc/asmpkg-nowhere.json")
        assert r.returncode == 2, r.stdout + r.stderr
        assert "--json /proc/asmpkg-nowhere.json: cannot write it" in r.stderr and "Traceback" not in r.stderr
    assert not (root / "build").exists()


@pytest.mark.parametrize("args,message", [
    (["-C", "/etc/passwd", "build"], "no asmpkg.toml in /etc/passwd"),
    (["test", "--lang", ""], "name at least one language"),
])
def test_odd_arguments_are_usage_errors(args, message):
    r = asmpkg(*args)
    assert r.returncode == 2, r.stdout + r.stderr
    assert message in r.stderr and "Traceback" not in r.stderr


def test_a_folder_named_asmpkg_toml_is_bad_input(tmp_path):
    (tmp_path / "asmpkg.toml").mkdir()
    r = asmpkg("-C", str(tmp_path), "build")
    assert r.returncode == 2 and "cannot read it" in r.stderr and "Traceback" not in r.stderr


def test_a_file_where_the_build_goes_is_bad_input(package):
    root = package("onefunc")
    (root / "build").write_text("not a folder\n")
    for command in ("build", "generate", "check"):
        r = asmpkg("-C", str(root), command)
        assert r.returncode == 2, r.stdout + r.stderr
        assert "build is not a folder, and asmpkg builds there" in r.stderr and "Traceback" not in r.stderr
