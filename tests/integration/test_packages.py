"""Real builds of the tiny projects under tests/packages/ with NASM, Meson and Ninja."""

import hashlib
import os
import shutil
import subprocess

import pytest

from conftest import asmpkg, need


@pytest.fixture(autouse=True)
def toolchain():
    need("nasm")
    need("meson")
    need("ninja")
    need("cc")


def readelf(*args):
    return subprocess.run(["readelf", *args], capture_output=True, text=True, check=True).stdout


def test_onefunc_builds_a_versioned_library_and_its_tests_pass(package):
    root = package("onefunc")
    r = asmpkg("-C", str(root), "test")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "4 passed, 0 failed" in r.stdout  # two vector runs, the export check, abi
    lib = root / "build"
    assert os.readlink(lib / "libone.so") == "libone.so.0"
    assert os.readlink(lib / "libone.so.0") == "libone.so.0.1.0"
    dyn = readelf("-d", str(lib / "libone.so.0.1.0"))
    assert "Library soname: [libone.so.0]" in dyn and "TEXTREL" not in dyn
    syms = readelf("--dyn-syms", "-W", str(lib / "libone.so.0.1.0"))
    assert "one_add@@ONE_0.1" in syms
    stack = [line for line in readelf("-lW", str(lib / "libone.so.0.1.0")).splitlines() if "GNU_STACK" in line]
    assert stack and "RWE" not in stack[0]
    assert (lib / "libone.a").read_bytes().startswith(b"!<arch>\n"), "the static library must not be thin"


def test_noop_build_does_nothing_and_keeps_timestamps(package):
    root = package("onefunc")
    assert asmpkg("-C", str(root), "build").returncode == 0
    header = root / "include" / "onefunc.h"
    before = header.stat().st_mtime_ns
    r = asmpkg("-C", str(root), "build")
    assert r.returncode == 0, r.stderr
    assert "up to date" in r.stdout and "updated" not in r.stdout
    assert header.stat().st_mtime_ns == before


def test_editing_an_include_rebuilds_the_object(package):
    root = package("includes")
    assert asmpkg("-C", str(root), "test").returncode == 0
    inc = root / "asm" / "inc" / "bias.inc"
    inc.write_text("%define BIAS 8\n")
    r = asmpkg("-C", str(root), "-v", "build")
    assert r.returncode == 0, r.stderr
    # Rebuilt, so the vector (5 * 3 + 7 = 22) now fails: 5 * 3 + 8 = 23.
    t = asmpkg("-C", str(root), "test")
    assert t.returncode == 1
    assert "got 23, want 22" in t.stdout + t.stderr


def test_version_nodes_inherit(package):
    root = package("versions")
    r = asmpkg("-C", str(root), "test")
    assert r.returncode == 0, r.stdout + r.stderr
    syms = readelf("--dyn-syms", "-W", str(root / "build" / "libvers.so.1.2.0"))
    for sym in ("vers_first@@VERS_1.0", "vers_second@@VERS_1.1", "vers_third@@VERS_1.2", "vers_message@@VERS_1.2"):
        assert sym in syms
    defs = readelf("-V", str(root / "build" / "libvers.so.1.2.0"))
    assert "VERS_1.1" in defs and "Parent 1: VERS_1.0" in defs


def test_missing_symbol_is_an_input_error_at_its_line_and_nothing_is_written(package):
    root = package("missing_symbol")
    r = asmpkg("-C", str(root), "build")
    assert r.returncode == 2
    assert "asmpkg.toml:16:1: functions[1]: miss_twice is not defined by any source as a global function" in r.stderr
    assert "Traceback" not in r.stderr
    assert not (root / "meson.build").exists()


def test_missing_symbols_suggest_the_prefix_or_the_name_the_sources_use(package):
    root = package("onefunc")
    manifest = root / "asmpkg.toml"
    text = manifest.read_text()
    manifest.write_text(text.replace('prefix = "one_"', 'prefix = "uno_"'))
    r = asmpkg("-C", str(root), "generate")
    assert r.returncode == 2
    assert 'every one is defined as one_<name>: set prefix = "one_" in [package] (it is "uno_")' in r.stderr
    manifest.write_text(text.replace('name = "add"', 'name = "ad"'))
    r = asmpkg("-C", str(root), "generate")
    assert r.returncode == 2
    assert "one_ad is not defined by any source as a global function" in r.stderr
    assert "the sources define one_add: a typo?" in r.stderr and "set prefix" not in r.stderr


def test_bad_manifest_reports_everything_and_writes_nothing(package):
    root = package("bad_manifest")
    r = asmpkg("-C", str(root), "build")
    assert r.returncode == 2
    assert r.stderr.splitlines()[:4] == [
        "asmpkg.toml:1:1: missing required key 'package' (The library and its names)",
        "asmpkg.toml:2:1: pakage: unknown key 'pakage' (did you mean 'package'?)",
        "asmpkg.toml:6:9: sources.nasm[0]: asm/nothere.asm does not exist",
        "asmpkg.toml:11:25: functions[0].params[0].type: unknown type 'i46' (did you mean 'i64'?)",
    ]
    assert "Traceback" not in r.stderr
    assert sorted(p.name for p in root.iterdir()) == ["asmpkg.toml"]


def test_install_gives_a_usable_prefix(package, tmp_path):
    root = package("versions")
    assert asmpkg("-C", str(root), "build").returncode == 0
    prefix = tmp_path / "prefix"
    meson = shutil.which("meson", path=os.path.dirname(os.sys.executable) + os.pathsep + os.environ["PATH"])
    subprocess.run([meson, "install", "-C", str(root / "build"), "--destdir", str(prefix), "--quiet"], check=True,
                   capture_output=True)
    usr = next(prefix.rglob("pkgconfig")).parent.parent  # DESTDIR + prefix
    assert (usr / "include" / "vers.h").is_file()
    assert (usr / "lib" / "libvers.a").is_file() and (usr / "lib" / "libvers.so.1").is_symlink()
    prog = tmp_path / "main.c"
    prog.write_text('#include <vers.h>\n#include <stdio.h>\nint main(void){int64_t o; '
                    'int s = vers_second(21, &o); printf("%d %lld %s\\n", s, (long long)o, vers_message(1));'
                    'return !(s == VERS_OK && o == 42);}\n')
    env = dict(os.environ, PKG_CONFIG_PATH=str(usr / "lib" / "pkgconfig"))
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "vers"], env=env, capture_output=True,
                           text=True, check=True).stdout.split()
    exe = tmp_path / "main"
    subprocess.run(["cc", str(prog), "-o", str(exe), *flags, f"-Wl,-rpath,{usr / 'lib'}"], check=True)
    out = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout
    assert out == "0 42 negative input\n"


def test_two_clean_builds_are_byte_identical(package):
    root = package("versions")
    digests = []
    for _ in range(2):
        shutil.rmtree(root / "build", ignore_errors=True)
        assert asmpkg("-C", str(root), "build").returncode == 0
        digests.append({name: hashlib.sha256((root / "build" / name).read_bytes()).hexdigest()
                        for name in ("libvers.so.1.2.0", "libvers.a")})
    assert digests[0] == digests[1]


def test_deleted_or_foreign_build_dir_is_rebuilt(package):
    root = package("onefunc")
    assert asmpkg("-C", str(root), "build").returncode == 0
    (root / "build" / ".asmpkg" / "asmpkg-version").write_text("0.0.0-older\n")
    r = asmpkg("-C", str(root), "build")
    assert r.returncode == 0 and "configure" in r.stdout, r.stdout + r.stderr
    shutil.rmtree(root / "build")
    assert asmpkg("-C", str(root), "build").returncode == 0
    assert (root / "build" / "libone.so.0.1.0").is_file()


def test_a_staged_python_package_deleted_by_hand_is_staged_again(package):
    need("cc")
    root = package("onefunc")
    manifest = root / "asmpkg.toml"
    manifest.write_text(manifest.read_text().replace("[sources]", '[languages]\nenabled = ["c", "python"]\n\n[sources]'))
    assert asmpkg("-C", str(root), "build").returncode == 0
    shutil.rmtree(root / "build" / "python")
    r = asmpkg("-C", str(root), "build")
    assert r.returncode == 0, r.stdout + r.stderr
    assert (root / "build" / "python" / "onefunc" / "__init__.py").is_file()
