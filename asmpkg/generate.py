"""Everything `asmpkg generate` writes, computed in memory from the model."""

from __future__ import annotations

from . import meson_emit
from .backends import enabled_backends
from .model import Model
from .writer import Plan


def plan(model: Model) -> Plan:
    files = meson_emit.files(model)
    for backend in enabled_backends(model):
        for rel, content in backend.files(model).items():
            if rel in files:
                raise AssertionError(f"{backend.name} generates {rel}, which another part also generates")
            files[rel] = content
    return Plan(model.root, files)
