"""Everything `asmpkg generate` writes, computed in memory from the model."""

from __future__ import annotations

from . import meson_emit
from .backends import enabled_backends
from .model import Model
from .writer import Plan


def plan(model: Model) -> Plan:
    generated = {backend.name: backend.files(model) for backend in enabled_backends(model)}
    files = meson_emit.files(model, generated)
    for name, own in generated.items():
        for rel, content in own.items():
            if rel in files:
                raise AssertionError(f"{name} generates {rel}, which another part also generates")
            files[rel] = content
    return Plan(model.root, files)
