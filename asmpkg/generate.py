"""Everything `asmpkg generate` writes, computed in memory from the model."""

from __future__ import annotations

from . import meson_emit
from .backends import Backend, enabled_backends
from .errors import Diagnostic, InputError
from .manifest import MANIFEST
from .model import BUF_OUT, LEN_EXPR, Model
from .writer import Plan


def check_forms(model: Model, backends: list[Backend]) -> None:
    """Every enabled backend can bind every function's contract forms, or says which it cannot."""
    problems = []
    for b in backends:
        for n, fn in enumerate(model.functions):
            if fn.role == "release":
                continue  # bindings call it themselves, after copying what it frees; they do not expose it
            for form, where in fn.form_sites:
                if form not in b.extended_forms:
                    problems.append(Diagnostic(
                        MANIFEST, fn.line, 1, f"functions[{n}]",
                        f"{fn.name} uses {form} ({where}), which the {b.name} binding does not support yet: "
                        f"remove {b.name} from [languages] enabled, or {_plain(form)}"))
    if problems:
        raise InputError(f"{len(problems)} function(s) cannot be bound", tuple(problems))


def _plain(form: str) -> str:
    """The basic form that does the same job, for the error's suggestion."""
    if form in (LEN_EXPR, BUF_OUT):
        return "give the buffer a plain length parameter"
    return "bind this function in C only"


def plan(model: Model) -> Plan:
    backends = enabled_backends(model)
    check_forms(model, backends)
    generated = {backend.name: backend.files(model) for backend in backends}
    files = meson_emit.files(model, generated)
    for name, own in generated.items():
        for rel, content in own.items():
            if rel in files:
                raise AssertionError(f"{name} generates {rel}, which another part also generates")
            files[rel] = content
    return Plan(model.root, files)
