"""Attributing Ninja's and Meson's output lines to languages."""

import json

from asmpkg.progress import FAILED, OK, RUNNING, Progress, language_of


def progress(*langs):
    seen = []
    return Progress(list(langs), lambda p, lang, step: seen.append((lang, step))), seen


def test_language_of_names_the_bindings_folder():
    assert language_of("[3/9] Generating bindings/rust/cargo-build with a custom command") == "rust"
    assert language_of("FAILED: bindings/go/go-build.stamp") == "go"
    assert language_of("[1/9] Generating arith.o with a custom command") is None


def test_a_failure_in_one_language_is_kept_to_it():
    p, _ = progress("c", "rust", "go")
    for line in [
        "[1/5] Generating arith.o with a custom command",
        "[2/5] Compiling C object bindings/c/smoke-c-shared.p/smoke.c.o",
        "FAILED: bindings/rust/cargo.stamp",
        "error[E0425]: cannot find value `x`",
        "[4/5] Generating bindings/go/go.stamp with a custom command",
        "ninja: build stopped: subcommand failed.",
    ]:
        p.ninja_line(line)
    p.ninja_done(False, ["c", "rust", "go"])
    assert p.languages["rust"].cells["build"].state == FAILED
    assert p.languages["rust"].log == ["FAILED: bindings/rust/cargo.stamp", "error[E0425]: cannot find value `x`"]
    assert p.languages["go"].cells["build"].state == OK and p.languages["go"].log == []
    assert p.languages["c"].cells["library"].state == OK


def test_a_library_failure_fails_every_language():
    p, _ = progress("c", "python")
    p.ninja_line("FAILED: crc32.o")
    p.ninja_line("asm/crc32.asm:10: error: symbol `x' not defined")
    p.ninja_done(False, ["c", "python"])
    assert all(lang.cells["build"].state == FAILED for lang in p.languages.values())
    assert all("asm/crc32.asm:10" in lang.log[1] for lang in p.languages.values())


def test_test_counts_come_from_the_meson_log(tmp_path):
    p, _ = progress("c", "python")
    p.test_line(" 1/3 c - asmmath:vectors-shared OK 0.01s")
    assert p.languages["c"].cells["test"].state == RUNNING
    log = tmp_path / "testlog.json"
    log.write_text("\n".join(json.dumps(e) for e in [
        {"name": "c - asmmath:vectors-shared", "result": "OK", "stdout": ""},
        {"name": "python - asmmath:pytest", "result": "FAIL", "stdout": "assert 1 == 2\n"},
        {"name": "python - asmmath:vectors", "result": "SKIP", "stdout": ""},
    ]))
    p.tests_done(log, ["c", "python"])
    assert str(p.languages["c"].tests) == "1 passed, 0 failed"
    assert p.languages["python"].cells["test"].state == FAILED
    assert "assert 1 == 2" in p.languages["python"].log[0]
    summary = p.summary()
    assert summary["ok"] is False and summary["languages"]["python"]["tests"]["skipped"] == 1


def test_a_suite_that_ran_no_test_is_a_failure(tmp_path):
    p, _ = progress("c")
    (tmp_path / "testlog.json").write_text("")
    p.tests_done(tmp_path / "testlog.json", ["c"])
    assert p.languages["c"].cells["test"].state == FAILED


def test_a_test_in_several_suites_counts_in_its_first(tmp_path):
    p, _ = progress("java")
    p.test_line(" 9/9 java+java-maven - asmmath:maven OK 5.1s")
    assert p.languages["java"].cells["test"].state == RUNNING
    log = tmp_path / "testlog.json"
    log.write_text("\n".join(json.dumps(e) for e in [
        {"name": "java - asmmath:vectors", "result": "OK", "stdout": ""},
        {"name": "java+java-maven - asmmath:maven", "result": "OK", "stdout": ""},
    ]))
    p.tests_done(log, ["java"])
    assert str(p.languages["java"].tests) == "2 passed, 0 failed"


def test_the_runners_cases_are_counted_next_to_the_meson_tests(tmp_path):
    p, _ = progress("python", "rust")
    log = tmp_path / "testlog.json"
    log.write_text("\n".join(json.dumps(e) for e in [
        {"name": "python - m:tests", "result": "OK", "stdout": "....\n141 passed, 2 skipped in 1.65s\n"},
        {"name": "rust - m:cargo-test", "result": "OK",
         "stdout": "test result: ok. 28 passed; 0 failed\ntest result: ok. 7 passed; 0 failed\n"},
        {"name": "rust - m:cargo-fmt", "result": "OK", "stdout": ""},
    ]))
    p.case_patterns = {"python": (r"(?m)^=*\s*(\d+) passed\b",), "rust": (r"test result: ok\. (\d+) passed",)}
    p.tests_done(log, ["python", "rust"])
    assert str(p.languages["python"].tests) == "1 passed, 0 failed (141 cases)"
    assert str(p.languages["rust"].tests) == "2 passed, 0 failed (35 cases)"
    assert p.summary()["languages"]["rust"]["tests"]["cases"] == 35
