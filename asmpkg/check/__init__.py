"""`asmpkg check`: proves that every exported function keeps the System V ABI.

The steps: assemble the sources exactly as the library build does (cached),
lint every object and a linked shared library, generate a C harness from the
manifest, link it with the trampoline and the objects, run it (each function
in a forked child) and report.  See docs/check.md.
"""

from __future__ import annotations

import fcntl
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .. import manifest, runner
from ..errors import EXIT_FAILURE, EXIT_OK, InputError, StepFailed
from ..model import Model
from ..project import usable_build_dir
from ..ui import UI
from . import build, harness, lint
from .report import Finding, FunctionReport, Report

WORK_DIR = Path("build") / ".asmpkg" / "check"
RANDOM_CASES = 32


def select(model: Model, names: list[str] | None) -> list[str]:
    """Manifest names of the chosen functions (a name or its C symbol); InputError for unknown ones."""
    if not names:
        return [f.name for f in model.functions]
    by = {f.name: f.name for f in model.functions} | {f.symbol: f.name for f in model.functions}
    chosen = []
    for name in names:
        if name not in by:
            raise InputError(f"no function named '{name}' in {manifest.MANIFEST}"
                             f"{manifest.did_you_mean(name, tuple(by))}")
        chosen.append(by[name])
    return [f.name for f in model.functions if f.name in chosen]


def _missing_symbols(model: Model, infos: list[lint.ObjectInfo]) -> None:
    defined = set().union(*(set(i.defined) for i in infos)) if infos else set()
    problems = []
    for fn in model.functions:
        for symbol in (fn.symbol, *(v.symbol for v in fn.variants)):
            if symbol not in defined:
                problems.append(f"{symbol} (asmpkg.toml:{fn.line}) is not defined by any source as a global symbol")
    if problems:
        raise InputError("; ".join(problems))


def parse(model: Model, chosen: list[str], output: str) -> tuple[list[FunctionReport], list[str]]:
    reports = {f.name: FunctionReport(f.name, f.symbol) for f in model.functions if f.name in chosen}
    fns = list(model.functions)
    notes: list[str] = []
    done: set[tuple[int, int]] = set()
    started: set[tuple[int, int]] = set()

    def symbol_of(f: int, v: int) -> str:
        fn = fns[f]
        return fn.symbol if v == 0 else fn.variants[v - 1].symbol

    for line in output.splitlines():
        parts = line.split("\t")
        tag = parts[0]
        if tag not in ("F", "R", "D", "N", "S") or len(parts) < 3:
            continue
        f, v = int(parts[1]), int(parts[2])
        if tag == "N" and f < 0:
            notes.append(parts[3])
            continue
        fn = fns[f]
        rep = reports[fn.name]
        sym = symbol_of(f, v)
        started.add((f, v))
        if tag == "F":
            rep.findings.append(Finding(parts[3], parts[4], parts[5], variant=sym if v else None))
        elif tag == "R":
            rep.checks_run.add(parts[3])
        elif tag == "D":
            done.add((f, v))
            rep.variants_checked.append(sym)
            rep.calls += int(parts[3])
        elif tag == "N":
            notes.append(f"{sym}: {parts[3]}")
        elif tag == "S":
            done.add((f, v))
            why = notes[-1].split(": ", 1)[1] if notes and notes[-1].startswith(sym + ":") else "skipped"
            rep.variants_skipped.append((sym, why))
    for f, fn in enumerate(fns):
        if fn.name not in reports:
            continue
        for v in range(len(fn.variants) + 1):
            if (f, v) not in done:
                reports[fn.name].findings.append(Finding(
                    "crash", "error", "the harness stopped before this function was checked",
                    variant=symbol_of(f, v) if v else None))
    return list(reports.values()), notes


@contextmanager
def _locked(work: Path) -> Iterator[None]:
    """One check at a time per project (the Meson suite and a user's run share the work folder)."""
    with (work / "lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def check(root: Path, ui: UI, names: list[str] | None = None, json_path: str | None = None,
          random_cases: int = RANDOM_CASES) -> int:
    start = time.monotonic()
    model = manifest.load(root.resolve())
    chosen = select(model, names)
    usable_build_dir(model.root / WORK_DIR.parts[0])
    work = model.root / WORK_DIR
    work.mkdir(parents=True, exist_ok=True)
    with _locked(work):
        return _check(model, chosen, names, work, ui, json_path, random_cases, start)


def _check(model: Model, chosen: list[str], names: list[str] | None, work: Path, ui: UI, json_path: str | None,
           random_cases: int, start: float) -> int:
    builder = build.Builder(model, work, ui)

    t0 = time.monotonic()
    objects = builder.objects()
    infos = [lint.read_object(o) for o in objects]
    _missing_symbols(model, infos)
    lints, notes = lint.objects(model, infos)
    exclude = lint.unlinkable(lints)
    library, link_error = builder.shared_library(objects, exclude)
    if library is not None:
        lints += lint.library(model, library, lints)
        if exclude:
            notes.append(f"the shared library was linked without {', '.join(sorted(exclude))} (they cannot be "
                         "linked into one)")
    else:
        notes.append(f"the shared library could not be linked, so its own lints did not run: {link_error}")
    undefined = set().union(*(i.undefined for i in infos)) - set().union(*(set(i.defined) for i in infos))
    wraps = harness.wrappable(undefined)
    files = {"harness.c": harness.harness_c(model, wraps), "abi.S": harness.trampoline_s(wraps),
             "abi.h": harness.abi_h()}
    exe = builder.harness(objects, files, wraps)
    t_build = time.monotonic() - t0

    t1 = time.monotonic()
    cmd = [str(exe), "--random", str(random_cases)]
    if names:
        cmd += chosen
    ui.command(" ".join(cmd))
    result = runner.run(cmd, cwd=model.root)
    if result.returncode != 0:
        ui.log("check harness", result.output)
        raise StepFailed(f"the check harness failed (exit {result.returncode}); to reproduce: {result.shell}")
    functions, run_notes = parse(model, chosen, result.output)
    t_run = time.monotonic() - t1

    report = Report(functions, lints, notes + run_notes,
                    {"build": t_build, "run": t_run, "total": time.monotonic() - start})
    for line in report.lines():
        ui.info(line)
    if ui.verbose:
        for note in report.notes:
            ui.info(f"note: {note}")
        for fn in functions:
            ui.info(f"{fn.symbol}: {len(fn.variants_checked)} path(s), {fn.calls} calls: "
                    f"{', '.join(sorted(fn.checks_run))}")
            for sym, why in fn.variants_skipped:
                ui.info(f"{sym}: not checked: {why}")
    found = report.findings
    errors = sum(1 for f in found if f.severity == "error")
    symbols = sum(len(f.variants_checked) for f in functions)
    skipped = sum(len(f.variants_skipped) for f in functions)
    ui.info(f"abi check: {len(functions)} function(s), {symbols} code path(s)"
            + (f" ({skipped} skipped for CPU features)" if skipped else "")
            + f", {len(objects)} object(s): "
            + (f"{errors} error(s), {len(found) - errors} warning(s)" if found else "clean")
            + f" in {report.seconds['total']:.1f} s (build {t_build:.1f} s, run {t_run:.1f} s)")
    if json_path:
        ui.json(report.as_json(), json_path)
    return EXIT_FAILURE if found else EXIT_OK
