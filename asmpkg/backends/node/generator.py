"""The Node.js backend: an npm package with an N-API addon built by node-gyp, and TypeScript types."""

from __future__ import annotations

import json
from pathlib import Path

from ... import model as m
from . import addon, api, fast, naming, types, vectors

LANG = "node"
TEST_SUFFIXES = (".test.js", ".test.cjs", ".test.mjs")
# The package's one dependency: it loads the prebuild, or compiles when none matches. Pinned here and
# in ci/setup.d/node.sh, which fetches its tarball for the offline install of the release check.
NODE_GYP_BUILD = "4.8.4"
# prebuildify's folder for the one target asmpkg builds (package.json's "os" and "cpu").
PLATFORM = "linux-x64"


def _json_text(s: str) -> str:
    return json.dumps(s)[1:-1]


def _meson_str(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def lib_var(model: m.Model) -> str:
    """The gyp variable naming the folder of the static library: libmath_dir."""
    return f"lib{model.package.library}_dir"


def hand_written(model: m.Model) -> tuple[list[str], list[str]]:
    """The manifest's hand-written Node tests (`*.test.js`) and typed usage files (`*.ts`), project-relative."""
    folder = model.tests_dir(LANG)
    if folder is None or not (model.root / folder).is_dir():
        return [], []
    names = sorted(p.name for p in (model.root / folder).iterdir() if p.is_file())
    tests = [f"{folder}/{n}" for n in names if n.endswith(TEST_SUFFIXES)]
    typed = [f"{folder}/{n}" for n in names if n.endswith(".ts") and not n.endswith(".d.ts")]
    return tests, typed


def tarball_name(model: m.Model) -> str:
    """The file `npm pack` writes: asmmath-1.0.0.tgz; a scoped @org/name packs to org-name-1.0.0.tgz."""
    return f"{model.package.npm.removeprefix('@').replace('/', '-')}-{model.package.version}.tgz"


def _test_name(rel: str) -> str:
    name = Path(rel).name
    for suffix in TEST_SUFFIXES:
        name = name.removesuffix(suffix)
    return f"node-{name}"


# ---------------------------------------------------------------- files


def package_json(model: m.Model, backend) -> str:
    pkg = model.package
    meta = []
    if pkg.homepage:
        meta.append(f'  "homepage": "{_json_text(pkg.homepage)}",')
    if pkg.authors:
        meta.append(f'  "author": "{_json_text(pkg.authors[0])}",')
    if len(pkg.authors) > 1:
        meta.append('  "contributors": [' + ", ".join(f'"{_json_text(a)}"' for a in pkg.authors[1:]) + "],")
    return backend.render(
        "package.json.in",
        npm=_json_text(pkg.npm),
        version=_json_text(pkg.version),
        description=_json_text(pkg.description),
        license=_json_text(pkg.license),
        meta="\n".join(meta),
        addon=naming.addon_name(pkg),
        node_gyp_build=NODE_GYP_BUILD,
    )


def index_js(model: m.Model, backend) -> str:
    pkg = model.package
    lines = [f"exports.{naming.class_name(h)} = NATIVE.{naming.class_name(h)};" for h in model.handles]
    quick = {js.name for js in fast.functions(model)}
    for js in api.functions(model):
        lines.append(f"\n{fast.js_wrapper(js)}\n" if js.name in quick else f"exports.{js.name} = NATIVE.{js.name};")
    return backend.render(
        "index.js.in",
        description=pkg.description or pkg.name,
        addon=naming.addon_name(pkg),
        npm=pkg.npm,
        library=pkg.library,
        error_class=naming.error_class(pkg),
        version=pkg.version,
        exports="\n".join(lines).replace("\n\n\n", "\n\n").strip("\n"),
        fast=fast.js_views(model),
    )


def index_dts(model: m.Model, backend) -> str:
    pkg = model.package
    return backend.render("index.d.ts.in", description=pkg.description or pkg.name, library=pkg.library,
                          an_error_class=naming.with_article(naming.error_class(pkg)), **types.declarations(model))


def _example(model: m.Model) -> str:
    pkg = model.package
    lines = [f"const m = require('{pkg.npm}');"]
    shown = 0
    for js in api.functions(model):
        tv = next((t for t in js.fn.tests if t.expect is not None and len(js.fn.results) == 1), None)
        if tv is None or shown == 3:
            continue
        values = dict(tv.args)
        args = []
        for p in js.args:
            if p.default is not None and values[p.name] == p.default:
                continue
            args.append(vectors._arg(values[p.name], p.type, alt=False))
        t = js.fn.results[0][1]
        if isinstance(t, m.ScalarT):
            want = naming.scalar_literal(tv.expect, t.scalar)
        elif isinstance(t, m.StructT):
            want = naming.struct_literal(tv.expect, t.struct)  # type: ignore[arg-type]
        else:
            want = f"<{bytes(tv.expect).hex()}>"  # type: ignore[arg-type]
        lines.append(f"m.{js.name}({', '.join(args)}); // {want}")
        shown += 1
    return "\n".join(lines)


def readme(model: m.Model, backend) -> str:
    pkg = model.package
    api_lines = []
    for h in model.handles:
        new = model.handle_function(h, "new")
        assert new is not None
        api_lines.append(f"- `new {naming.class_name(h)}({types.params_sig(api.js_args(new))})`: {h.doc or h.name} "
                         "`close()` (idempotent) or `using` frees it.")
    for js in api.functions(model):
        api_lines.append(f"- `{types.signature(js)}`: {types.summary(js.fn)}")
    return backend.render("README.md.in", npm=pkg.npm, description=pkg.description or pkg.name, library=pkg.library,
                          version=pkg.version, example=_example(model), error_class=naming.error_class(pkg),
                          api="\n".join(api_lines) or "(no functions)")


def types_test(model: m.Model, backend) -> str:
    _, typed = hand_written(model)
    extra = ", ".join(naming.js_string("../../../" + rel) for rel in typed)
    return backend.render("types.test.js.in", extra=extra)


def files(model: m.Model, backend) -> dict[str, str]:
    api.check(model)
    pkg = model.package
    name = naming.addon_name(pkg)
    out = f"bindings/{LANG}"
    fns = api.functions(model)
    probe = fns[0].name if fns else naming.error_class(pkg)
    return {
        f"{out}/package.json": package_json(model, backend),
        f"{out}/binding.gyp": backend.render("binding.gyp.in", npm=pkg.npm, library=pkg.library, lib_var=lib_var(model),
                                             header=model.header_name, addon=name),
        f"{out}/build-addon.py": backend.render("build-addon.py.in", lib_var=lib_var(model), addon=name),
        f"{out}/release.py": backend.render("release.py.in"),
        f"{out}/.gitignore": backend.render("gitignore.in"),
        f"{out}/README.md": readme(model, backend),
        f"{out}/src/{name}.c": addon.addon(model, backend),
        f"{out}/index.js": index_js(model, backend),
        f"{out}/index.d.ts": index_dts(model, backend),
        f"{out}/test/vectors.test.js": backend.render("vectors.test.js.in", count=str(vectors.count(model)),
                                                      error_class=naming.error_class(pkg), cases=vectors.cases(model)),
        f"{out}/test/exports.test.js": backend.render("exports.test.js.in", library=pkg.library, prefix=pkg.prefix,
                                                      addon=name),
        f"{out}/test/types.test.js": types_test(model, backend),
        f"{out}/test/usage.ts": backend.render("usage.ts.in", usage="\n".join(
            f"  {line}" if line else "" for line in types.usage(model).splitlines())),
        f"{out}/test/pack.test.js": backend.render("pack.test.js.in", npm=pkg.npm, version=pkg.version, addon=name,
                                                   probe=probe),
    }


def meson_values(model: m.Model, generated: dict[str, str]) -> dict[str, str]:
    tests, _ = hand_written(model)
    entries = [(f"node-{n}", f"test/{n}.test.js") for n in ("vectors", "exports", "types", "pack")]
    entries += [(_test_name(rel), f"../../{rel}") for rel in tests]
    block = "\n".join(f"  {_meson_str(n)}: files({_meson_str(f)})," for n, f in entries)
    return {
        "addon": naming.addon_name(model.package),
        "header": model.header_name,
        "tests": block,
        "npm": model.package.npm,
        "platform": PLATFORM,
        "tarball": tarball_name(model),
        "node_gyp_build": NODE_GYP_BUILD,
    }
