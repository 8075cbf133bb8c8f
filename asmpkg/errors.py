"""Errors the CLI turns into messages and exit codes (never tracebacks)."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int
    col: int
    path: str  # dotted key path, e.g. functions[3].params[1].type
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class AsmpkgError(Exception):
    """A failure the user can act on; `exit_code` says which kind."""

    exit_code = EXIT_FAILURE


class InputError(AsmpkgError):
    """Bad manifest, bad arguments, bad project layout: exit 2, nothing written."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, diagnostics: tuple[Diagnostic, ...] = ()) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


class ToolchainMissing(AsmpkgError):
    def __init__(self, tool: str, hint: str) -> None:
        super().__init__(f"{tool} not found: {hint}")
        self.tool = tool
        self.hint = hint


class StepFailed(AsmpkgError):
    """A build or test command failed; its log has already been captured."""
