"""The only writer of meson.build files: the root one and one per enabled backend."""

from __future__ import annotations

from pathlib import Path

from . import model as m
from .backends import Backend, enabled_backends
from .render import MARKER, render

TEMPLATES = Path(__file__).parent / "templates"


def q(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _object_target(model: m.Model, source: str) -> str:
    flags = dict(model.sources.per_source_flags).get(source, ())  # the shared nasm_flags are in nasm_cmd
    stem = Path(source).stem
    extra = "".join(f", {q(f)}" for f in flags)
    return (f"lib_objects += custom_target({q(stem + '.o')}, input: {q(source)}, output: {q(stem + '.o')},\n"
            f"  depfile: {q(stem + '.o.d')}, command: [nasm_cmd{extra}, '@INPUT@', '-o', '@OUTPUT@'])")


def version_map_name(model: m.Model) -> str:
    return f"lib{model.package.library}.map"


def root(model: m.Model, backends: list[Backend]) -> str:
    pkg = model.package
    flags = [f"'-I' + (meson.current_source_dir() / {q(d.rstrip('/') + '/')})" for d in model.sources.include_dirs]
    flags += [q(f) for f in model.sources.nasm_flags]
    c_sources = ", ".join(q(s) for s in model.sources.c)
    subdirs = "\n".join(f"if get_option({q(b.name)}).allowed()\n  subdir({q(b.output_dir())})\nendif"
                        for b in backends)
    return render(
        TEMPLATES / "meson.build.in",
        marker=MARKER,
        name=q(pkg.name),
        version=q(pkg.version),
        license=q(pkg.license),
        nasm_flags=", ".join(flags),
        objects="\n".join(_object_target(model, s) for s in model.sources.nasm),
        map=version_map_name(model),
        library=q(pkg.library),
        c_sources=f", {c_sources}" if c_sources else "",
        soversion=q(pkg.soversion),
        header=model.header_name,
        pc=f"{pkg.name}.pc",
        subdirs=subdirs,
    )


def options(backends: list[Backend]) -> str:
    """meson.options: a feature per language, so one build can leave languages out (-Dgo=disabled)."""
    lines = [f"option({q(b.name)}, type: 'feature', value: 'auto',\n"
             f"  description: {q(f'the {b.name} binding in {b.output_dir()}')})" for b in backends]
    return render(TEMPLATES / "meson.options.in", marker=MARKER, options="\n".join(lines))


def version_script(model: m.Model) -> str:
    blocks = []
    previous = None
    for n, node in enumerate(model.version_nodes):
        symbols = "\n".join(f"    {f.symbol};" for f in model.functions if f.version_node == node)
        local = "\n  local:\n    *;" if n == 0 else ""
        tail = f" {previous}" if previous else ""
        blocks.append(f"{node} {{\n  global:\n{symbols}{local}\n}}{tail};")
        previous = node
    return render(TEMPLATES / "version-script.map.in", marker=MARKER, nodes="\n\n".join(blocks))


def backend_build(model: m.Model, backend: Backend, generated: dict[str, str]) -> str:
    return backend.render("meson.build.in", **backend.meson_values(model, generated))


def files(model: m.Model, generated: dict[str, dict[str, str]]) -> dict[str, str]:
    """The Meson files; `generated` holds each enabled backend's own files, by backend name."""
    backends = enabled_backends(model)
    out = {
        "meson.build": root(model, backends),
        "meson.options": options(backends),
        f"build-aux/{version_map_name(model)}": version_script(model),
        "build-aux/nasm-dep.py": render(TEMPLATES / "nasm-dep.py.in", marker=MARKER),
        "build-aux/check-exports.py": render(TEMPLATES / "check-exports.py.in", marker=MARKER),
    }
    for b in backends:
        out[f"{b.output_dir()}/meson.build"] = backend_build(model, b, generated[b.name])
    return out
