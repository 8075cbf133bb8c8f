"""`asmpkg check` on its fixture corpus, on libmath, and at the command line.

The corpus (tests/check/corpus) holds, for every check, a broken function that
does real work and its correct twin; expect.toml lists what must be found.  A
finding not listed there is a false positive and fails the test as surely as a
missed one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

HERE = Path(__file__).parent
REPO = HERE.parent.parent
CORPUS = HERE / "corpus"

pytestmark = pytest.mark.skipif(shutil.which("nasm") is None or shutil.which("cc") is None,
                                reason="asmpkg check needs nasm and a C compiler")


def run_check(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "asmpkg", "check", "-C", str(root), *args],
                          capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, subprocess.CompletedProcess]:
    root = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(CORPUS, root, ignore=shutil.ignore_patterns("build"))
    out = root / "report.json"
    proc = run_check(root, "--json", str(out))
    assert out.is_file(), proc.stderr + proc.stdout
    return json.loads(out.read_text()), proc


def expected() -> dict:
    return tomllib.loads((CORPUS / "expect.toml").read_text())


def test_corpus_exit_status(corpus):
    report, proc = corpus
    assert proc.returncode == 1, proc.stderr


def applicable(fn: dict, checks: list[str]) -> list[str]:
    """The expected checks this machine can run: a CPU without AVX2 skips the vzeroupper fixtures,
    one without XGETBV ECX=1 cannot run the vzeroupper check at all."""
    return [c for c in checks if c.split("@")[0] in fn["checks_run"]]


def test_corpus_functions_flag_exactly_the_expected_checks(corpus):
    report, _ = corpus
    want = expected()["functions"]
    by_name = {f["function"]: f for f in report["functions"]}
    problems = []
    for name, fn in sorted(by_name.items()):
        got = sorted(f["check"] + (f"@{f['variant']}" if f.get("variant") else "") for f in fn["findings"])
        if got != sorted(applicable(fn, want.get(name, []))):
            problems.append(f"{name}: expected {sorted(want.get(name, []))}, got {got}: "
                            + "; ".join(f["message"] for f in fn["findings"]))
    assert not problems, "\n".join(problems)
    assert set(want) <= set(by_name), set(want) - set(by_name)


def test_corpus_each_expected_check_ran(corpus):
    report, _ = corpus
    by_name = {f["function"]: f for f in report["functions"]}
    cannot = any(n.startswith("vzeroupper") for n in report["notes"])
    for name, checks in expected()["functions"].items():
        fn = by_name[name]
        if not fn["variants"]:
            continue  # every code path needs a CPU feature this machine lacks
        for check in checks:
            if check == "vzeroupper" and cannot:
                continue
            assert check.split("@")[0] in fn["checks_run"], (name, check)


def test_corpus_objects_flag_exactly_the_expected_lints(corpus):
    report, _ = corpus
    want = expected()["objects"]
    got: dict[str, list[str]] = {}
    for lint in report["lints"]:
        got.setdefault(lint["object"], []).append(lint["check"])
    got = {k: sorted(set(v)) for k, v in got.items()}
    assert got == {k: sorted(v) for k, v in want.items()}, json.dumps(report["lints"], indent=1)


def test_corpus_severities(corpus):
    report, _ = corpus
    for lint in report["lints"]:
        assert lint["severity"] == ("warning" if lint["check"] == "writable_state" else "error"), lint


def test_corpus_intended_state_is_listed_not_flagged(corpus):
    report, _ = corpus
    assert expected()["notes"]["intended_state"] in report["notes"]


def test_corpus_every_cpu_path_is_checked(corpus):
    report, _ = corpus
    vp = next(f for f in report["functions"] if f["function"] == "vp_sum_u32")
    assert set(vp["variants"]) | {s["symbol"] for s in vp["skipped_variants"]} == {
        "fx_vp_sum_u32", "fx_vp_sum_u32_generic", "fx_vp_sum_u32_avx2"}


def test_corpus_text_names_function_check_and_hardware(corpus):
    _, proc = corpus
    assert "fx_cs_bad_sum_u32: callee_saved: rbx not preserved (before 0x5a1e" in proc.stdout
    assert "fx_sa_bad_map_sum: stack_alignment: fx_map_fn entered with rsp % 16 == 0 (must be 8)" in proc.stdout
    assert "fx_cr_bad_divide: crash: SIGFPE" in proc.stdout
    assert "reading 1 byte(s) past the end of p" in proc.stdout
    assert "before the start of p" in proc.stdout


def test_libmath_is_clean():
    if not (REPO / "asm" / "arith.asm").is_file():
        pytest.skip("libmath's NASM sources are not here")
    proc = run_check(REPO, "--json", "-")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert not report["lints"]
    assert all(not f["findings"] for f in report["functions"])
    crc = next(f for f in report["functions"] if f["function"] == "crc32")
    assert len(crc["variants"]) + len(crc["skipped_variants"]) == 4
    assert report["seconds"]["total"] < 10


def test_function_selection_and_unknown_names():
    proc = run_check(CORPUS, "--function", "cs_good_sum_u32", "--function", "fx_rsp_bad_count_zeros",
                     "--json", "-")
    report = json.loads(proc.stdout)
    assert [f["function"] for f in report["functions"]] == ["cs_good_sum_u32", "rsp_bad_count_zeros"]
    assert proc.returncode == 1  # the object lints still run
    bad = run_check(CORPUS, "--function", "cs_good_sum_u23")
    assert bad.returncode == 2
    assert "did you mean 'cs_good_sum_u32'" in bad.stderr


def test_bad_manifest_is_exit_2(tmp_path):
    (tmp_path / "asmpkg.toml").write_text("[package]\nname = 'x'\n")
    assert run_check(tmp_path).returncode == 2
    assert run_check(tmp_path / "nowhere").returncode == 2
