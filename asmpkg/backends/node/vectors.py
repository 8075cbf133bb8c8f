"""test/vectors.test.js: every test vector of the manifest, through the JavaScript API."""

from __future__ import annotations

from ... import model as m
from . import api, naming


def _arg(value: object, t: object, alt: bool) -> str:
    """A JavaScript argument; `alt` spells it the other accepted way (Number for BigInt, TypedArray for Array)."""
    if isinstance(t, m.ScalarT):
        s = t.scalar
        if alt and naming.is_big(s) and naming.number_literal(int(value)) is not None:  # type: ignore[arg-type]
            return naming.number_literal(int(value))  # type: ignore[arg-type, return-value]
        return naming.scalar_literal(value, s)
    if isinstance(t, m.BytesT):
        lit = naming.bytes_literal(bytes(value))  # type: ignore[arg-type]
        return f"new Uint8Array({lit})" if alt else lit
    if isinstance(t, m.SliceT):
        s = t.elem
        items = [naming.scalar_literal(v, s) for v in value]  # type: ignore[union-attr]
        if alt and not s.is_bool:
            return f"{naming.typed_array(s)}.of({', '.join(items)})"
        return f"[{', '.join(items)}]"
    if isinstance(t, m.StructT):
        return naming.struct_literal(value, t.struct)  # type: ignore[arg-type]
    raise ValueError(t)


def _var(name: str) -> str:
    """A test's variable for a mutable argument: `argS`, never one of the test file's own names."""
    return "arg" + naming.pascal(name)


def _check(expr: str, t: object, want: object, label: str) -> list[str]:
    if isinstance(t, m.ScalarT):
        t = t.scalar
    if isinstance(t, m.Scalar):
        lit = naming.scalar_literal(want, t)
        if t.is_float:
            return [f"near({expr}, {lit}, {naming.js_string(label)});"]
        return [f"assert.equal({expr}, {lit}, {naming.js_string(label)});"]
    if isinstance(t, m.StructT):
        out = [f"assert.ok(Object.isFrozen({expr}), {naming.js_string(label + ': frozen')});"]
        for f in t.struct.fields:
            out += _check(f"{expr}.{naming.field_name(f)}", f.type, want[f.name], f"{label}.{naming.field_name(f)}")  # type: ignore[index]
        return out
    if isinstance(t, (m.ArrayOutT, m.BufOutT, m.BytesT)):
        data = bytes(want)  # type: ignore[arg-type]
        return [f"assert.equal(hex({expr}), '{data.hex()}', {naming.js_string(label)});"]
    raise ValueError(t)


def _case(model: m.Model, js: api.JsFunction, k: int, tv: m.TestVector) -> str:
    fn = js.fn
    label = f"{js.name} vector {k} (asmpkg.toml:{tv.line})"
    values = dict(tv.args)
    forms = []
    for alt in (False, True):
        args = [_arg(values[p.name], p.type, alt) for p in js.args]
        if alt:  # leave out trailing arguments that are their default
            while js.args and len(args) and js.args[len(args) - 1].default is not None and \
                    values[js.args[len(args) - 1].name] == js.args[len(args) - 1].default:
                args.pop()
        if not forms or args != forms[0]:
            forms.append(args)
    body = []
    for n, args in enumerate(forms):
        prefix = "" if n == 0 else "other spellings: "
        decls, call_args = [], []
        mutable = {p.name for p in js.args if isinstance(p.type, m.BytesT) and p.type.mutable}
        for p, a in zip(js.args, args):
            if p.name in mutable:
                decls.append(f"const {_var(p.name)} = {a};")
                call_args.append(_var(p.name))
            else:
                call_args.append(a)
        call = f"m.{js.name}({', '.join(call_args)})"
        block = list(decls)
        if tv.error is not None:
            e = tv.error
            block.append(f"throwsStatus(() => {call}, '{naming.error_code(e)}', {e.code}, "
                         f"{naming.js_string(prefix + label)});")
        elif tv.expect is not None:
            results = fn.results
            block.append(f"const got = {call};")
            wants = [tv.expect] if len(results) == 1 else list(tv.expect)  # type: ignore[arg-type]
            for (name, t), want in zip(results, wants):
                if name != "result" and isinstance(fn.param(name).type, m.ArrayOutT):
                    t = fn.param(name).type
                expr = "got" if len(results) == 1 else f"got.{api.result_name(name)}"
                block += _check(expr, t, want, prefix + label)
        else:
            block.append(f"{call};")
        for name, want in tv.after:
            block += _check(_var(name), fn.param(name).type, want, f"{prefix}{label}: {name} after")
        if len(forms) > 1:
            body += ["{", *(f"  {line}" for line in block), "}"]
        else:
            body += block
    inner = "\n".join(f"  {line}" for line in body)
    return f"test({naming.js_string(label)}, () => {{\n{inner}\n}});\n"


def cases(model: m.Model) -> str:
    out = []
    for js in api.functions(model):
        for k, tv in enumerate(js.fn.tests):
            out.append(_case(model, js, k, tv))
    return "\n".join(out)


def count(model: m.Model) -> int:
    return sum(len(js.fn.tests) for js in api.functions(model))
