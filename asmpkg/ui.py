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
        self.plain = not sys.stdout.isatty() or bool(os.environ.get("NO_COLOR")) or bool(os.environ.get("CI"))

    def _out(self, text: str, stream: Any = None) -> None:
        print(text, file=stream or sys.stdout, flush=True)

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
            self._out(text)
        else:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
