"""Which toolchains are here: for `asmpkg doctor`, and to report a language as skipped."""

from __future__ import annotations

import re
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from . import runner
from .backends import Tool, all_backends

CORE_TOOLS = (
    Tool("nasm", "nasm", ("-v",), "apt-get install nasm"),
    Tool("meson", "meson", ("--version",), "pip install meson (the setup puts it in .venv)"),
    Tool("ninja", "ninja", ("--version",), "apt-get install ninja-build (ci/setup.sh does)"),
    Tool("cc", "cc", ("--version",), "apt-get install gcc"),
)


@dataclass(frozen=True)
class Found:
    tool: Tool
    path: str | None
    version: str

    @property
    def ok(self) -> bool:
        return self.path is not None


def probe(tool: Tool) -> Found:
    if tool.command == "@python-headers":
        include = Path(sysconfig.get_paths()["include"])
        ok = (include / "Python.h").is_file()
        return Found(tool, str(include) if ok else None, sysconfig.get_python_version() if ok else "")
    path = runner.which(tool.command)
    if path is None:
        return Found(tool, None, "")
    try:
        result = runner.run([path, *tool.version_args])
        text = re.sub(r"\x1b\[[0-9;]*m", "", result.output)  # Maven colours its version line
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    except OSError:
        first = ""
    return Found(tool, path, first)


def tools_by_language() -> dict[str, tuple[Tool, ...]]:
    return {"core": CORE_TOOLS, **{name: b.tools for name, b in all_backends().items()}}


def missing(language: str) -> list[Found]:
    """The tools a language needs that are not here."""
    tools = all_backends()[language].tools if language in all_backends() else ()
    # Existence only: running every tool's --version would cost a no-op build most of its time.
    return [Found(t, None, "") for t in tools if not t.optional and not _exists(t)]


def _exists(tool: Tool) -> bool:
    if tool.command == "@python-headers":
        return probe(tool).ok
    return runner.which(tool.command) is not None
