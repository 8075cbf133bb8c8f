"""Per-language state of a build or test run, fed from Ninja's and Meson's own output.

Ninja runs one graph for every language; this module only reads the lines it
prints (`[3/40] Generating bindings/rust/...`, `FAILED: bindings/go/...`) and the
Meson test log, and says which language each belongs to. Nothing here prints.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

STEPS = ("generate", "library", "build", "test")
PENDING, RUNNING, OK, FAILED, SKIPPED = "pending", "running", "ok", "failed", "skipped"

_NINJA_STEP = re.compile(r"^\[(\d+)/(\d+)\] (.*)$")
_BINDING = re.compile(r"\bbindings/([a-z]+)/")
SUITE_ROW = {"abi": "c"}  # suites that are not a language, and the row they are counted in


def suite_row(suites: str) -> str:
    """The row a Meson test counts in: its first suite (Meson joins several with '+', e.g. java+java-maven)."""
    first = suites.split("+", 1)[0]
    return SUITE_ROW.get(first, first)
_TEST_LINE = re.compile(r"^\s*\d+/\d+\s+(\S+)\s+-\s+(\S+)\s+(OK|FAIL|SKIP|EXPECTEDFAIL|UNEXPECTEDPASS|TIMEOUT|ERROR)\b")


def _killed_by(returncode: object) -> str:
    """`, killed by signal 11 (SIGSEGV)` for a test that a signal ended; Meson logs it as -11."""
    import signal

    if isinstance(returncode, int) and returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = "unknown"
        return f", killed by signal {-returncode} ({name})"
    return ""


def language_of(text: str) -> str | None:
    """The language a Ninja line is about: the folder under bindings/ it names, if any."""
    match = _BINDING.search(text)
    return match.group(1) if match else None


@dataclass
class Cell:
    state: str = PENDING
    started: float | None = None
    seconds: float = 0.0
    detail: str = ""


@dataclass
class TestCounts:
    passed: int = 0  # Meson tests
    failed: int = 0
    skipped: int = 0
    cases: int = 0  # the cases the passed tests' runners report (pytest, JUnit, cargo, ...)

    def __str__(self) -> str:
        text = f"{self.passed} passed, {self.failed} failed"
        text += f", {self.skipped} skipped" if self.skipped else ""
        return text + (f" ({self.cases} cases)" if self.cases else "")


def count_cases(output: str, patterns: tuple[str, ...]) -> int:
    """Passed cases in a test's output: each pattern's group 1 is a count, or each match is one."""
    total = 0
    for pattern in patterns:
        for match in re.finditer(pattern, output):
            total += int(match.group(1)) if match.groups() else 1
    return total


@dataclass
class Language:
    name: str
    cells: dict[str, Cell] = field(default_factory=lambda: {s: Cell() for s in STEPS})
    tests: TestCounts = field(default_factory=TestCounts)
    log: list[str] = field(default_factory=list)
    log_path: Path | None = None
    reproduce: str = ""
    skip_reason: str = ""

    @property
    def status(self) -> str:
        states = [c.state for c in self.cells.values()]
        if FAILED in states:
            return FAILED
        if self.skip_reason:
            return SKIPPED
        if RUNNING in states:
            return RUNNING
        return OK if all(s in (OK, SKIPPED, PENDING) for s in states) and OK in states else PENDING


class Progress:
    """What each language is doing. `on_change` is told after every change (the UI redraws)."""

    def __init__(self, languages: list[str], on_change: Callable[["Progress", str, str], None],
                 case_patterns: dict[str, tuple[str, ...]] | None = None) -> None:
        self.languages = {name: Language(name) for name in languages}
        self.on_change = on_change
        self.case_patterns = case_patterns or {}  # per language: Backend.test_cases
        self._failed_output: str | None = None  # the language whose FAILED block is being read

    def set(self, lang: str, step: str, state: str, detail: str = "") -> None:
        cell = self.languages[lang].cells[step]
        now = time.monotonic()
        if state == RUNNING and cell.started is None:
            cell.started = now
        if state in (OK, FAILED, SKIPPED) and cell.started is not None:
            cell.seconds = now - cell.started
        if cell.state == FAILED and state != FAILED:
            return  # a failure stays a failure
        cell.state, cell.detail = state, detail or cell.detail
        self.on_change(self, lang, step)

    def every(self, step: str, state: str, detail: str = "", only: list[str] | None = None) -> None:
        for lang in only if only is not None else list(self.languages):
            self.set(lang, step, state, detail)

    def skip(self, lang: str, reason: str) -> None:
        self.languages[lang].skip_reason = reason
        for step in ("build", "test"):
            self.set(lang, step, SKIPPED, reason)

    # ---- Ninja ----
    def ninja_line(self, line: str) -> None:
        """One line of `ninja` output, attributed to the library or a language."""
        step = _NINJA_STEP.match(line)
        if step:
            self._failed_output = None
            lang = language_of(step.group(3))
            target = lang if lang in self.languages else None
            if target:
                self.set(target, "build", RUNNING, f"{step.group(1)}/{step.group(2)}")
            else:
                self.every("library", RUNNING, f"{step.group(1)}/{step.group(2)}")
            return
        if line.startswith("FAILED: "):
            lang = language_of(line)
            self._failed_output = lang if lang in self.languages else "*library*"
            self._record_failure(line)
            return
        if self._failed_output and not line.startswith("ninja: "):
            self._record_failure(line)

    def _record_failure(self, line: str) -> None:
        if self._failed_output == "*library*":
            for lang in self.languages.values():
                lang.log.append(line)
        else:
            assert self._failed_output is not None
            self.languages[self._failed_output].log.append(line)

    def ninja_done(self, ok: bool, built: list[str]) -> None:
        library_failed = any(line.startswith("FAILED: ") and not language_of(line)
                             for lang in self.languages.values() for line in lang.log)
        self.every("library", FAILED if library_failed else OK)
        for name in built:
            lang = self.languages[name]
            failed = library_failed or any(line.startswith("FAILED: ") for line in lang.log)
            self.set(name, "build", FAILED if failed else OK)

    # ---- Meson tests ----
    def test_line(self, line: str) -> None:
        match = _TEST_LINE.match(line)
        suite = suite_row(match.group(1)) if match else None
        if match and suite in self.languages:
            lang = self.languages[suite]
            result = match.group(3)
            if result in ("OK", "EXPECTEDFAIL"):
                lang.tests.passed += 1
            elif result == "SKIP":
                lang.tests.skipped += 1
            else:
                lang.tests.failed += 1
            self.set(lang.name, "test", RUNNING, str(lang.tests))

    def tests_done(self, testlog: Path, ran: list[str]) -> None:
        """Final counts and failing tests' output, from Meson's JSON test log."""
        counts = {name: TestCounts() for name in ran}
        try:
            entries = [json.loads(line) for line in testlog.read_text().splitlines() if line.strip()]
        except OSError:
            entries = []
        for entry in entries:
            suite = suite_row(entry["name"].split(" - ", 1)[0])
            if suite not in counts:
                continue
            result = entry["result"]
            if result in ("OK", "EXPECTEDFAIL"):
                counts[suite].passed += 1
                counts[suite].cases += count_cases(entry.get("stdout") or "", self.case_patterns.get(suite, ()))
            elif result == "SKIP":
                counts[suite].skipped += 1
            else:
                counts[suite].failed += 1
                out = (entry.get("stdout") or "") + (entry.get("stderr") or "")
                why = _killed_by(entry.get("returncode"))
                self.languages[suite].log.append(
                    f"{entry['name']}: {result}{why}\n{out.rstrip() or '(no output)'}")
        for name in ran:
            lang = self.languages[name]
            lang.tests = counts[name]
            failed = counts[name].failed > 0 or counts[name].passed + counts[name].skipped == 0
            self.set(name, "test", FAILED if failed else OK, str(counts[name]))

    def summary(self) -> dict[str, object]:
        """The machine-readable summary (`--json`)."""
        out: dict[str, object] = {}
        for name, lang in self.languages.items():
            out[name] = {
                "status": lang.status,
                "skip_reason": lang.skip_reason or None,
                "steps": {step: {"state": c.state, "seconds": round(c.seconds, 3)} for step, c in lang.cells.items()},
                "tests": {"passed": lang.tests.passed, "failed": lang.tests.failed, "skipped": lang.tests.skipped,
                          "cases": lang.tests.cases},
                "log": str(lang.log_path) if lang.log_path else None,
                "reproduce": lang.reproduce or None,
            }
        return {"languages": out, "ok": all(lang.status in (OK, PENDING) for lang in self.languages.values())}
