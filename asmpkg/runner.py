"""The only place asmpkg starts processes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence


@dataclass(frozen=True)
class Result:
    cmd: tuple[str, ...]
    returncode: int
    output: str
    seconds: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def shell(self) -> str:
        import shlex

        return shlex.join(self.cmd)


def which(tool: str, path: str | None = None) -> str | None:
    """A program from this Python's bin folder (the project's venv) first, then PATH."""
    local = Path(sys.executable).parent / tool
    if path is None and local.is_file() and os.access(local, os.X_OK):
        return str(local)
    return shutil.which(tool, path=path)


def tool_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment children get: this Python's bin folder leads PATH so Meson finds the venv's tools."""
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)
    if bindir not in env.get("PATH", "").split(os.pathsep):
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    env.update(extra or {})
    return env


def run(
    cmd: Sequence[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    on_line: Callable[[str], None] | None = None,
    input_text: str | None = None,
) -> Result:
    """Runs a command to completion, output captured (and passed line by line to `on_line`).

    The child gets its own process group, so Ctrl-C stops it and everything it started.
    """
    start = time.monotonic()
    proc = subprocess.Popen(
        list(cmd),
        cwd=cwd,
        env=env if env is not None else tool_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.PIPE if input_text is not None else subprocess.DEVNULL,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    lines: list[str] = []
    try:
        if input_text is not None:
            assert proc.stdin is not None
            proc.stdin.write(input_text)
            proc.stdin.close()
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if on_line:
                on_line(line.rstrip("\n"))
        proc.wait()
    except BaseException:
        _stop(proc)
        raise
    return Result(tuple(cmd), proc.returncode, "".join(lines), time.monotonic() - start)


def _stop(proc: subprocess.Popen) -> None:
    for sig, grace in ((signal.SIGINT, 3.0), (signal.SIGTERM, 2.0), (signal.SIGKILL, 0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=grace or None)
            return
        except subprocess.TimeoutExpired:
            continue
