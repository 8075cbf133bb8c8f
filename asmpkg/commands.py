"""Commands that report on the machine rather than a project."""

from __future__ import annotations

from . import doctor as probe
from .errors import EXIT_FAILURE, EXIT_OK
from .ui import UI


def doctor(ui: UI) -> int:
    rows, core_missing = [], False
    for group, tools in probe.tools_by_language().items():
        for tool in tools:
            found = probe.probe(tool)
            status = "ok" if found.ok else "optional" if tool.optional else "MISSING"
            rows.append([group, tool.name, status, found.version or tool.hint])
            core_missing |= group == "core" and not found.ok
    ui.table(["language", "tool", "status", "version / how to install"], rows)
    return EXIT_FAILURE if core_missing else EXIT_OK
