"""The only place asmpkg prints. Plain lines when not on a terminal, or with NO_COLOR or CI set."""

from __future__ import annotations

import json
import os
import sys
from typing import Any, Iterable

from .errors import Diagnostic


class UI:
    def __init__(self, verbose: bool = False, quiet: bool = False) -> None:
        self.verbose = verbose
        self.quiet = quiet
        self.stdout: Any = sys.stdout  # stderr when stdout carries JSON
        self.plain = not sys.stderr.isatty() or bool(os.environ.get("NO_COLOR")) or bool(os.environ.get("CI"))

    def _out(self, text: str, stream: Any = None) -> None:
        print(text, file=stream or self.stdout, flush=True)

    def info(self, text: str) -> None:
        if not self.quiet:
            self._out(text)

    def step(self, name: str, status: str, detail: str = "") -> None:
        if not self.quiet:
            self._out(f"{name:<24} {status}" + (f"  {detail}" if detail else ""))

    def command(self, shell: str) -> None:
        if self.verbose:
            self._out(f"$ {shell}")

    def output(self, text: str) -> None:
        """A child's output, passed through."""
        self._out(text.rstrip("\n"))

    def error(self, text: str) -> None:
        self._out(f"error: {text}", sys.stderr)

    def warning(self, text: str) -> None:
        self._out(f"warning: {text}", sys.stderr)

    def diagnostics(self, items: Iterable[Diagnostic]) -> None:
        for d in items:
            self._out(str(d), sys.stderr)

    def log(self, title: str, text: str) -> None:
        self._out(f"---- {title} ----\n{text.rstrip()}\n---- end of {title} ----", sys.stderr)

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows)]
        for row in [headers, *rows]:
            self._out("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())

    def json(self, data: Any, path: str) -> None:
        text = json.dumps(data, indent=2, sort_keys=True)
        if path == "-":
            print(text, file=sys.stdout, flush=True)
        else:
            try:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(text + "\n")
            except OSError as exc:  # checked before the run; this is the run's own race
                self.error(f"--json {path}: cannot write it ({exc.strerror or exc})")


class Board:
    """The live view of a run: a table (rich) on a terminal, one line per change otherwise."""

    def __init__(self, ui: UI, title: str) -> None:
        self.ui = ui
        self.title = title
        self.shown: dict[tuple[str, str], str] = {}
        self.live: Any = None
        if not ui.plain and not ui.quiet and not ui.verbose:
            from rich.live import Live

            from rich.console import Console

            self.live = Live(console=Console(stderr=True), refresh_per_second=8, transient=False)
            self.live.start()

    def update(self, progress: Any, lang: str, step: str) -> None:
        if self.live is not None:
            self.live.update(self._table(progress))
            return
        cell = progress.languages[lang].cells[step]
        if self.shown.get((lang, step)) == cell.state or self.ui.quiet:
            return
        self.shown[(lang, step)] = cell.state
        shared = step in ("generate", "library")
        if shared and lang != next(iter(progress.languages)):
            return  # shared by every language: report it once
        name = step if shared else f"{lang} {step}"
        timing = f" ({cell.seconds:.1f}s)" if cell.state in ("ok", "failed") and cell.seconds else ""
        detail = f"  {cell.detail}" if cell.detail and cell.state in ("ok", "failed", "skipped") else ""
        self.ui._out(f"{name:<16} {cell.state}{timing}{detail}")

    def _table(self, progress: Any) -> Any:
        from rich.table import Table

        table = Table(title=self.title, show_edge=False, pad_edge=False)
        table.add_column("language")
        steps = ("generate", "library", "build", "test")
        for step in steps:
            table.add_column(step)
        style = {"ok": "green", "failed": "bold red", "running": "yellow", "skipped": "dim", "pending": "dim"}
        for name, lang in progress.languages.items():
            cells = []
            for step in steps:
                c = lang.cells[step]
                secs = f" {c.seconds:.1f}s" if c.state in ("ok", "failed") and c.seconds >= 0.05 else ""
                extra = f" {c.detail}" if c.detail and step in ("build", "test") and c.state != "skipped" else ""
                cells.append(f"[{style[c.state]}]{c.state}{secs}[/]{extra}")
            table.add_row(name, *cells)
        return table

    def close(self, progress: Any) -> None:
        if self.live is not None:
            self.live.update(self._table(progress))
            self.live.stop()
            self.live = None

    def summary(self, progress: Any) -> None:
        """Each failure's log once, then one line per language."""
        for lang in progress.languages.values():
            if lang.status == "failed" and lang.log:
                self.ui.log(f"{lang.name}: failed", "\n".join(lang.log[-200:]))
                if lang.log_path:
                    self.ui._out(f"full log: {lang.log_path}", sys.stderr)
                if lang.reproduce:
                    self.ui._out(f"to reproduce: {lang.reproduce}", sys.stderr)
        rows = []
        for lang in progress.languages.values():
            tests = lang.cells["test"]
            rows.append([lang.name, lang.status, tests.detail if tests.state != "pending" else "",
                         lang.skip_reason])
        self.ui._out("")
        self.ui.table(["language", "status", "tests", "note"], rows)
