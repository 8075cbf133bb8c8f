"""The C backend: the public header, the pkg-config file and the smoke test."""

from __future__ import annotations

import re

from ... import model as m
from . import naming


def doc_comment(lines: list[str]) -> str:
    lines = [line for line in lines if line is not None]
    if not lines:
        return ""
    body = "\n".join(f" * {line}".rstrip() for line in lines)
    return f"/**\n{body}\n */\n"


def _type_phrase(p: m.Param) -> str:
    return "Out: written on success." if p.role == m.OUTPUT else f"A {m.c_type(p.type, '').strip()}."


def _size_note(p: m.Param) -> str:
    """What a computed length asks of the caller's buffer: C is where a short one overflows."""
    t = p.type
    if isinstance(t, m.BufOutT):
        unit = "bytes" if t.elem.size == 1 else f"{t.elem.c} values"
        return f" Must hold `{t.size}` {unit}."
    if p.size is not None:
        unit = "bytes" if isinstance(t, m.BytesT) else f"{t.elem.c} values"  # type: ignore[union-attr]
        return f" Must hold at least `{p.size}` {unit}; only those are used."
    return ""


def function_doc(fn: m.Function) -> str:
    lines = [fn.doc or fn.name, ""]
    for p in fn.params:
        if p.role == m.LENGTH:
            lines.append(f"@param {p.name} Length of `{p.length_of}`.")
        elif p.role == m.USER:
            lines.append(f"@param {p.name} Passed unchanged to the callback.")
        else:
            lines.append(f"@param {p.name} {p.doc or _type_phrase(p)}{_size_note(p)}")
    if fn.is_status:
        names = ", ".join(e.c_name for e in fn.errors)
        lines.append(f"@return 0 on success, else one of {names}.")
    if fn.free_symbol:
        lines.append(f"@return Memory the caller owns (or NULL): free it with {fn.free_symbol}().")
    if fn.cpu:
        lines.append(f"Needs CPU features: {', '.join(fn.cpu)}.")
    lines.append(f"@since {fn.since}")
    return doc_comment(lines)


def header(model: m.Model, backend) -> str:
    pkg = model.package
    macro = pkg.name.upper() + "_"
    errors = [f"    {pkg.macro_prefix}OK = 0,"]
    for e in model.errors:
        errors.append(f"    /** {e.message} */")
        errors.append(f"    {e.c_name} = {e.code},")
    structs = []
    for st in model.structs:
        fields = "\n".join(f"    {f.type.c} {f.name};" + (f" /**< {f.doc} */" if f.doc else "") for f in st.fields)
        asserts = [f"{macro}STATIC_ASSERT(sizeof({st.c_name}) == {st.size}, \"{st.c_name}: size\");"]
        asserts += [f"{macro}STATIC_ASSERT(offsetof({st.c_name}, {f.name}) == {f.offset}, \"{st.c_name}.{f.name}: offset\");"
                    for f in st.fields]
        structs.append(doc_comment([st.doc]) + f"typedef struct {st.c_name} {{\n{fields}\n}} {st.c_name};\n"
                       + "\n".join(asserts) + "\n")
    handles = [doc_comment([h.doc, "", f"Create with {pkg.prefix}{h.new}(), destroy with {pkg.prefix}{h.free}()."])
               + f"typedef struct {h.c_name} {h.c_name};\n" for h in model.handles]
    callbacks = [doc_comment([cb.doc]) + cb.c_typedef + "\n" for cb in model.callbacks]
    functions = [function_doc(fn) + fn.c_prototype + ";\n" for fn in model.functions]
    variants = []
    for fn in model.functions:
        for v in fn.variants:
            params = ", ".join(m.c_param(p, pkg.prefix) for p in fn.params)
            ret = m.c_type(fn.returns, pkg.prefix)
            sep = "" if ret.endswith("*") else " "
            needs = f" /* needs {', '.join(v.cpu)} */" if v.cpu else ""
            variants.append(f"{ret}{sep}{v.symbol}({params});{needs}")
    major, minor, patch = pkg.version_tuple
    text = backend.render(
        "header.h.in",
        intro=doc_comment([f"{pkg.name} {pkg.version}: {pkg.description}" if pkg.description else f"{pkg.name} {pkg.version}",
                           "", f"Link with -l{pkg.library} (pkg-config {pkg.name})."]).rstrip(),
        guard=f"{macro}H",
        macro=macro,
        version=pkg.version,
        major=str(major),
        minor=str(minor),
        patch=str(patch),
        error_enum=f"{pkg.prefix}error",
        errors="\n".join(errors),
        structs="\n".join(structs),
        handles="\n".join(handles),
        callbacks="\n".join(callbacks),
        functions="\n".join(functions),
        variants="\n".join(variants),
    )
    return re.sub(r"\n{3,}", "\n\n", text)


# ---------------------------------------------------------------- smoke test


def _arg_setup(fn: m.Function, tv: m.TestVector, pkg: m.Package) -> tuple[list[str], list[str]]:
    """Declarations the call needs, and the C arguments in order."""
    decls, args = [], []
    values = dict(tv.args)
    for p in fn.params:
        t = p.type
        if p.role == m.LENGTH:
            data = values[p.length_of]
            args.append(f"{len(data)}u")
        elif isinstance(t, m.ScalarT):
            args.append(naming.scalar_literal(values[p.name], t.scalar))
        elif isinstance(t, m.BytesT):
            data = values[p.name]
            qual = "" if t.mutable else "const "
            decls.append(f"{qual}uint8_t {p.name}[] = {naming.byte_array(data)};")
            args.append(p.name)
        elif isinstance(t, m.SliceT):
            items = [naming.scalar_literal(v, t.elem) for v in values[p.name]] + ["0"]
            decls.append(f"const {t.elem.c} {p.name}[] = {{{', '.join(items)}}};")
            args.append(p.name)
        elif isinstance(t, m.StructT):
            args.append(naming.struct_literal(values[p.name], t.struct))
        elif isinstance(t, m.OutT):
            target = t.target
            ctype = target.c if isinstance(target, m.Scalar) else f"{target.c_name} *" if isinstance(target, m.Handle) else target.c_name
            decls.append(f"{ctype} {p.name};")
            decls.append(f"memset(&{p.name}, 0, sizeof {p.name});")
            args.append(f"&{p.name}")
        elif isinstance(t, m.ArrayOutT):
            decls.append(f"{t.elem.c} {p.name}[{t.length}] = {{0}};")
            args.append(p.name)
        elif isinstance(t, m.BufOutT):
            count = t.size.evaluate(_int_arg(fn, t.size.param, values)) if t.size.param else t.size.add
            decls.append(f"{t.elem.c} {p.name}[{max(count, 1)}] = {{0}};")
            args.append(p.name)
        else:
            raise ValueError(f"{fn.name}: test vectors cannot pass {p.name}")
    return decls, args


def _int_arg(fn: m.Function, name: str, values: dict) -> int:
    """The value a test vector gives an integer parameter (a length is its buffer's)."""
    p = fn.param(name)
    return len(values[p.length_of]) if p.role == m.LENGTH else int(values[name])


def _compare(expr: str, t: object, want: object, label: str) -> list[str]:
    if isinstance(t, m.ScalarT):
        t = t.scalar
    if isinstance(t, m.Scalar):
        lit = naming.scalar_literal(want, t)
        if t.is_float:
            return [f'CHECK(near({expr}, {lit}), "{label}: got %.17g, want %.17g", (double)({expr}), (double){lit});']
        fmt = "%lld" if t.signed else "%llu"
        cast = "long long" if t.signed else "unsigned long long"
        return [f'CHECK(({expr}) == {lit}, "{label}: got {fmt}, want {fmt}", ({cast})({expr}), ({cast}){lit});']
    if isinstance(t, m.StructT):
        out = []
        for f in t.struct.fields:
            out += _compare(f"{expr}.{f.name}", f.type, want[f.name], f"{label}.{f.name}")  # type: ignore[index]
        return out
    if isinstance(t, (m.ArrayOutT, m.BytesT, m.BufOutT)):
        data = bytes(want)  # type: ignore[arg-type]
        return [f"{{ static const uint8_t want[] = {naming.byte_array(data)};",
                f'  CHECK(memcmp({expr}, want, {len(data)}) == 0, "{label}: bytes differ"); }}']
    raise ValueError(t)


def smoke_case(fn: m.Function, index: int, tv: m.TestVector, pkg: m.Package) -> str:
    decls, args = _arg_setup(fn, tv, pkg)
    call = f"{fn.symbol}({', '.join(args)})"
    label = f"{fn.name} vector {index} (asmpkg.toml:{tv.line})"
    body = list(decls)
    if fn.is_status:
        want = tv.error.c_name if tv.error else f"{pkg.macro_prefix}OK"
        body.append(f"int status = {call};")
        body.append(f'CHECK(status == {want}, "{label}: status %d, want %d", status, (int){want});')
    elif fn.returns_value:
        body.append(f"{m.c_type(fn.returns, pkg.prefix)} result = {call};")
    else:
        body.append(f"{call};")
    if tv.expect is not None:
        results = fn.results
        wants = [tv.expect] if len(results) == 1 else list(tv.expect)  # type: ignore[arg-type]
        for (name, t), want in zip(results, wants):
            ptype = fn.param(name).type if name != "result" else None
            if isinstance(ptype, (m.ArrayOutT, m.BufOutT)):
                t = ptype
            body += _compare(name, t, want, label)
    for name, want in tv.after:
        body += _compare(name, fn.param(name).type, want, f"{label}, {name} after")
    inner = "\n".join(f"    {line}" for line in body)
    return f"static void test_{fn.name}_{index}(void) {{\n{inner}\n}}\n"


def _c_string(text: str) -> str:
    return '"' + "".join(ch if ch.isprintable() and ch not in '"\\' else f"\\x{ord(ch):02x}" for ch in text) + '"'


def strerror_case(model: m.Model) -> str:
    """Every error's message, as the manifest says it: bindings show these to their users."""
    fn = model.strerror
    assert fn is not None
    lines = []
    for e in model.errors:
        lines.append(f"    {{ const char *got = {fn.symbol}({e.c_name});")
        lines.append(f'      CHECK(got && strcmp(got, {_c_string(e.message)}) == 0, '
                     f'"{fn.name}({e.name}): got \\"%s\\", want \\"%s\\"", got ? got : "(null)", '
                     f'{_c_string(e.message)}); }}')
    return "static void test_error_messages(void) {\n" + "\n".join(lines) + "\n}\n"


def smoke(model: m.Model, backend) -> str:
    cases, calls = [], []
    for fn in model.functions:
        for k, tv in enumerate(fn.tests):
            cases.append(smoke_case(fn, k, tv, model.package))
            calls.append(f"    test_{fn.name}_{k}();")
    if model.strerror is not None and model.errors:
        cases.append(strerror_case(model))
        calls.append("    test_error_messages();")
    return backend.render("smoke.c.in", header=model.header_name, cases="\n".join(cases),
                          calls="\n".join(calls), count=str(len(calls)))


def pkgconfig(model: m.Model, backend) -> str:
    pkg = model.package
    return backend.render("package.pc.in", name=pkg.name, description=pkg.description, version=pkg.version,
                          homepage=pkg.homepage, library=pkg.library)


def files(model: m.Model, backend) -> dict[str, str]:
    return {
        f"include/{model.header_name}": header(model, backend),
        f"bindings/c/{model.package.name}.pc": pkgconfig(model, backend),
        "bindings/c/smoke.c": smoke(model, backend),
        "bindings/c/dist.py": backend.render("dist.py.in"),
        "bindings/c/verify.py": backend.render("verify.py.in"),
    }


def _meson_str(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def meson_values(model: m.Model, generated: dict[str, str]) -> dict[str, str]:
    exports = "".join(f"\n  {_meson_str(f.symbol + '@@' + f.version_node)}," for f in model.functions)
    tests = []
    for t in model.c_tests:
        deps = ", ".join(f"dependency({_meson_str(d)})" for d in t.deps)
        exe = f"c_test_{t.name}"
        tests.append(
            f"{exe} = executable({_meson_str(t.name)}, files('../../{t.source}'),\n"
            f"  dependencies: [lib_static_dep, m_dep, {deps}], c_args: variant_args)\n"
            f"test({_meson_str(t.name)}, {exe}, suite: 'c', timeout: {t.timeout})\n"
            f"c_targets += {exe}"
        )
        if t.valgrind:
            tests.append(
                f"if valgrind.found()\n"
                f"  test({_meson_str(t.name + '-valgrind')}, valgrind, args: valgrind_args + [{exe}], suite: 'c',\n"
                f"    timeout: {t.timeout * 10})\n"
                f"endif"
            )
    if model.c_tests:
        tests.insert(0, "valgrind = find_program('valgrind', required: false)\n"
                        "valgrind_args = ['--error-exitcode=1', '--leak-check=full', '--errors-for-leak-kinds=all', '-q']\n"
                        f"variant_args = ['-D{model.package.name.upper()}_VARIANTS']")
    pkg = model.package
    return {
        "exports": exports,
        "c_tests": "\n\n".join(tests),
        "header": model.header_name,
        "pc": f"{pkg.name}.pc",
        "tarball": f"{pkg.name}-{pkg.version}-linux-x86_64.tar.gz",
        "soname": pkg.soname,
        "pkgname": pkg.name,
        "library": pkg.library,
    }
