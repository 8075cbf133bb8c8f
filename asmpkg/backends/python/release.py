"""The Python release artifacts: the sdist's pyproject.toml and README, what the sdist holds, the wheel's name.

The sdist is the project's own Meson build cut down to the library and Python: the root
meson.build and meson.options, the library's sources, bindings/python, and at its root the
generated pyproject.toml (`build-backend = "mesonpy"`, every other language `-D<lang>=disabled`,
only the `python-runtime` install tag, so the wheel holds the package and nothing of libNAME).
`asmpkg package` builds the sdist, then the wheel from the unpacked sdist with meson-python,
then repairs it with auditwheel to the manylinux tag below.
"""

from __future__ import annotations

import json
import re

from ... import meson_emit
from ... import model as m
from ...errors import InputError
from . import naming

# The wheel's platform: glibc 2.17 (manylinux2014), what pip has understood since 19.3.
# auditwheel refuses the wheel if the extension needs newer glibc symbols than that.
PLATFORM = "manylinux_2_17_x86_64"
PLATFORM_TAGS = "manylinux2014_x86_64.manylinux_2_17_x86_64"  # the file name auditwheel gives it

REQUIRES_PYTHON = ">=3.10"  # module.c.in refuses older headers
BUILD_REQUIRES = ("meson-python>=0.18", "meson>=1.1")

_PRE = {"alpha": "a", "a": "a", "beta": "b", "b": "b", "rc": "rc", "c": "rc", "pre": "rc", "preview": "rc"}
_SPDX = re.compile(r"^\(?[A-Za-z0-9.+-]+\)?(?: (?:AND|OR|WITH) \(?[A-Za-z0-9.+-]+\)?)*$")


def distribution(pkg: m.Package) -> str:
    """The distribution's name as wheel and sdist file names spell it (PEP 427, PEP 625)."""
    return re.sub(r"[-_.]+", "_", pkg.name).lower()


def version(pkg: m.Package) -> str:
    """The manifest's SemVer as PEP 440 spells it: 1.2.0-rc.1 -> 1.2.0rc1, 1.2.0-dev.3 -> 1.2.0.dev3."""
    base, _, pre = pkg.version.partition("-")
    if not pre:
        return base
    match = re.fullmatch(r"(alpha|beta|preview|pre|rc|a|b|c|dev)[.-]?(\d*)", pre.lower())
    if not match:
        raise InputError(f"python: version '{pkg.version}' has no PEP 440 spelling; use a pre-release "
                         "of the form -alpha.N, -beta.N, -rc.N or -dev.N")
    kind, number = match.group(1), match.group(2) or "0"
    return f"{base}.dev{number}" if kind == "dev" else f"{base}{_PRE[kind]}{number}"


def sdist_name(pkg: m.Package) -> str:
    return f"{distribution(pkg)}-{version(pkg)}.tar.gz"


def wheel_prefix(pkg: m.Package) -> str:
    return f"{distribution(pkg)}-{version(pkg)}"


def _toml(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a TOML basic string


def _author(text: str) -> str:
    match = re.fullmatch(r"\s*(.*?)\s*<([^<>]+)>\s*", text)
    if match and match.group(1):
        return f"{{ name = {_toml(match.group(1))}, email = {_toml(match.group(2))} }}"
    if match:
        return f"{{ email = {_toml(match.group(2))} }}"
    return f"{{ name = {_toml(text.strip())} }}"


def _license(text: str) -> str:
    """An SPDX expression as PEP 639 wants it; anything else as the older free-text table."""
    return f"license = {_toml(text)}" if _SPDX.match(text) else f"license = {{ text = {_toml(text)} }}"


def pyproject(model: m.Model, backend, languages: list[str]) -> str:
    pkg = model.package
    project = [f"name = {_toml(pkg.name)}", f"version = {_toml(version(pkg))}"]
    if pkg.description:
        project.append(f"description = {_toml(pkg.description)}")
    project += ['readme = "README.md"', f"requires-python = {_toml(REQUIRES_PYTHON)}"]
    if pkg.license and pkg.license != "UNLICENSED":  # the manifest's default: no license is granted
        project.append(_license(pkg.license))
    if pkg.authors:
        project.append("authors = [" + ", ".join(_author(a) for a in pkg.authors) + "]")
    classifiers = ["Programming Language :: Python :: 3", "Programming Language :: Python :: Implementation :: CPython",
                   "Programming Language :: C", "Programming Language :: Assembly",
                   "Operating System :: POSIX :: Linux", "Typing :: Typed"]
    project.append("classifiers = [\n" + "".join(f"  {_toml(c)},\n" for c in classifiers) + "]")
    if pkg.homepage:
        project.append(f"\n[project.urls]\nHomepage = {_toml(pkg.homepage)}")
    setup = ['"-Dpython=enabled"'] + [_toml(f"-D{lang}=disabled") for lang in languages if lang != "python"]
    return backend.render(
        "pyproject.toml.in",
        sdist=sdist_name(pkg),
        requires=", ".join(_toml(r) for r in BUILD_REQUIRES),
        project="\n".join(project),
        setup=", ".join(setup),
    )


# ---------------------------------------------------------------- README (the long description)


def _summary(doc: str) -> str:
    first = doc.strip().split("\n\n")[0].replace("\n", " ").strip()
    return first


def _example(model: m.Model) -> str:
    """One call from the manifest's test vectors, as an assert a reader can paste."""
    from .generator import _result_types, python_inputs

    pkg, mod = model.package, naming.module_name(model.package)
    for fn in model.free_functions:
        types = _result_types(fn)
        plain_inputs = all(isinstance(p.type, (m.ScalarT, m.BytesT)) and not getattr(p.type, "mutable", False)
                           for p in python_inputs(fn))
        exact = len(types) == 1 and (isinstance(types[0], (m.ArrayOutT, m.BufOutT))
                                     or isinstance(types[0], m.ScalarT) and not types[0].scalar.is_float)
        if not (plain_inputs and exact):
            continue
        for tv in fn.tests:
            if tv.error is None and tv.expect is not None and not tv.after:
                values = dict(tv.args)
                args = [naming.literal(pkg, values[p.name], p.type) for p in python_inputs(fn) if p.default is None]
                want = naming.literal(pkg, tv.expect, types[0])
                return f"assert {mod}.{naming.function_name(fn)}({', '.join(args)}) == {want}"
    return f"print({mod}.__all__)"


def readme(model: m.Model, backend) -> str:
    from .generator import _result_types, public_names, text_signature

    pkg, mod = model.package, naming.module_name(model.package)
    api = []
    for fn in model.free_functions:
        returns = naming.results_hint(_result_types(fn))
        doc = f": {_summary(fn.doc)}" if fn.doc else ""
        api.append(f"- `{naming.function_name(fn)}({text_signature(fn, None)}) -> {returns}`{doc}")
    for item in [*model.structs, *model.handles]:
        doc = f": {_summary(item.doc)}" if item.doc else ""
        api.append(f"- class `{naming.class_name(item)}`{doc}")
    errors = [naming.error_name(e) for e in model.errors]
    if errors:
        api.append(f"- errors: `{naming.BASE_ERROR}` and its subclasses " + ", ".join(f"`{e}`" for e in errors))
    assert public_names(model)  # the names above are the ones the package exports
    return backend.render(
        "README.md.in",
        name=pkg.name,
        description=pkg.description or pkg.name,
        library=f"lib{pkg.library}",
        module=mod,
        example=_example(model),
        api="\n".join(api),
    )


# ---------------------------------------------------------------- what the sdist holds and Meson


def sdist_args(model: m.Model, out_dir: str, binding_files: list[str]) -> list[str]:
    """pkgtool.py sdist's arguments: which files of the project go where in the sdist."""
    args = ["--top", wheel_prefix(model.package)]
    args += ["--at-root", f"{out_dir}/pyproject.toml", "--at-root", f"{out_dir}/README.md"]
    project = ["asmpkg.toml", "meson.build", "meson.options", f"build-aux/{meson_emit.version_map_name(model)}",
               "build-aux/nasm-dep.py", f"include/{model.header_name}", f"bindings/c/{model.package.name}.pc",
               *model.sources.nasm, *model.sources.c,
               *(f"{out_dir}/{f}" for f in binding_files)]
    for f in project:
        args += ["--file", f]
    for d in model.sources.include_dirs:
        args += ["--tree", d.rstrip("/")]
    for d in sorted({c.rpartition("/")[0] or "." for c in model.sources.c}):
        args += ["--headers", d]  # the C sources' own headers beside them
    return args
