"""Language backends. Each is a folder here with the same shape:

    naming.py      the language's naming rules and literals
    generator.py   model -> files (and the values of its meson.build template)
    templates/     logic-free templates, real extension plus `.in`
    __init__.py    BACKEND = Backend(...)

Adding a language means adding a folder: `all_backends()` finds them.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..model import Model
from ..render import MARKER, render


@dataclass(frozen=True)
class Tool:
    """A program a backend needs; `asmpkg doctor` reports it, Meson finds it."""

    name: str
    command: str
    version_args: tuple[str, ...] = ("--version",)
    hint: str = ""
    optional: bool = False  # the language builds without it; some of its tests or paths need it


@dataclass(frozen=True)
class Backend:
    name: str  # also the Meson test suite and the folder under bindings/
    folder: Path
    tools: tuple[Tool, ...]
    files: Callable[[Model], dict[str, str]]  # repo-relative path -> content
    # Values for templates/meson.build.in, given what `files` generated (so a target can list them).
    meson_values: Callable[[Model, dict[str, str]], dict[str, str]]
    order: int = 50
    # Where its release artifacts go under dist/: its name, or "" when an artifact is itself a
    # folder whose name is the ecosystem's (Java's `maven/` repository layout).
    dist_folder: str | None = None
    # The extended contract forms (model.EXTENDED_FORMS) this backend binds safely.
    extended_forms: frozenset[str] = frozenset()
    # How its test runners report passed cases in a Meson test's output: regexes whose group 1 is a count
    # (or, with no group, each match is one case). The board shows the sum next to the Meson tests.
    test_cases: tuple[str, ...] = ()

    @property
    def dist_dir(self) -> str:
        return self.name if self.dist_folder is None else self.dist_folder

    def template(self, name: str) -> Path:
        return self.folder / "templates" / name

    def render(self, template: str, /, **values: str) -> str:
        return render(self.template(template), marker=MARKER, **values)

    def output_dir(self) -> str:
        return f"bindings/{self.name}"


def all_backends() -> dict[str, Backend]:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.ispkg:
            module = importlib.import_module(f"{__name__}.{info.name}")
            backend = getattr(module, "BACKEND", None)
            if isinstance(backend, Backend):
                found[backend.name] = backend
    return dict(sorted(found.items(), key=lambda kv: (kv[1].order, kv[0])))


def enabled_backends(model: Model) -> list[Backend]:
    backends = all_backends()
    return [backends[lang] for lang in model.languages if lang in backends]
