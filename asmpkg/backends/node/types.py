"""TypeScript: index.d.ts (with the manifest's docs as JSDoc), a typed usage file for tsc, README signatures."""

from __future__ import annotations

from ... import model as m
from . import api, naming

# ---------------------------------------------------------------- types


def callback_type(cb: m.Callback) -> str:
    params = ", ".join(f"{naming.param_name(p.name)}: {naming.ts_output(p.type.scalar)}"  # type: ignore[union-attr]
                       for p in cb.params if not isinstance(p.type, m.UserDataT))
    ret = "void" if isinstance(cb.returns, m.VoidT) else naming.ts_input(cb.returns.scalar)  # type: ignore[union-attr]
    return f"({params}) => {ret}"


def slice_type(s: m.Scalar) -> str:
    if s.is_bool:
        return "readonly boolean[]"
    return f"{naming.typed_array(s)} | readonly {naming.ts_input(s)}[]"


def input_type(t: object) -> str:
    if isinstance(t, m.ScalarT):
        return naming.ts_input(t.scalar)
    if isinstance(t, m.BytesT):
        return "BinaryData"
    if isinstance(t, m.SliceT):
        return slice_type(t.elem)
    if isinstance(t, m.StructT):
        return naming.struct_name(t.struct)
    if isinstance(t, m.HandleT):
        return naming.class_name(t.handle)
    if isinstance(t, m.CallbackT):
        return callback_type(t.callback)
    raise AssertionError(t)


def output_type(t: object, ns: str = "") -> str:
    """The TypeScript type of a result; `ns` qualifies the package's own types (`m.`)."""
    if isinstance(t, m.ScalarT):
        return naming.ts_output(t.scalar)
    if isinstance(t, m.StructT):
        return ns + naming.struct_name(t.struct)
    if isinstance(t, m.HandleT):
        return ns + naming.class_name(t.handle)
    if isinstance(t, (m.ArrayOutT, m.BufOutT)):
        return "Buffer" if t.elem.name == "u8" else naming.typed_array(t.elem)
    if isinstance(t, m.CStrT):
        return "string | null"
    raise AssertionError(t)


def result_types(fn: m.Function, ns: str = "") -> list[tuple[str, str]]:
    out = []
    for name, t in fn.results:
        if name != "result" and isinstance(fn.param(name).type, m.ArrayOutT):
            t = fn.param(name).type
        out.append((api.result_name(name), output_type(t, ns)))
    return out


def return_type(fn: m.Function, ns: str = "") -> str:
    results = result_types(fn, ns)
    if not results:
        return "void"
    if len(results) == 1:
        return results[0][1]
    return "{ " + "; ".join(f"{n}: {t}" for n, t in results) + " }"


def params_sig(params: tuple[m.Param, ...]) -> str:
    out = []
    for p in params:
        opt = "?" if p.default is not None else ""
        out.append(f"{naming.param_name(p.name)}{opt}: {input_type(p.type)}")
    return ", ".join(out)


def signature(js: api.JsFunction) -> str:
    return f"{js.name}({params_sig(js.args)}): {return_type(js.fn)}"


# ---------------------------------------------------------------- docs


def jsdoc(lines: list[str], pad: str = "") -> str:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        return ""
    if len(lines) == 1:
        return f"{pad}/** {lines[0]} */\n"
    body = "\n".join(f"{pad} * {line}".rstrip() for line in lines)
    return f"{pad}/**\n{body}\n{pad} */\n"


def size_doc(fn: m.Function, p: m.Param) -> str:
    """What a computed length means, for JSDoc: `Holds at least 4*n bytes (...)`, `A new Buffer of 2*n bytes, ...`."""
    size = api.size_of(p)
    if size is None:
        return ""
    text = f"{api.size_text(size)} {api.size_unit(p.type)}"
    if size.param is not None and fn.param(size.param).role == m.LENGTH:
        measured = fn.param(fn.param(size.param).length_of)  # type: ignore[arg-type]
        text += f", {naming.param_name(size.param)} being the length of `{naming.param_name(measured.name)}`"
    if isinstance(p.type, m.BufOutT):
        return f"A new {output_type(p.type)} of {text}, zeroed before the call."
    rest = "more are left as they are" if isinstance(p.type, m.BytesT) and p.type.mutable else "more are not read"
    return f"Holds at least {text} ({rest}); a shorter one is a RangeError."


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def summary(fn: m.Function) -> str:
    """A function's doc, as JSDoc and the README start it; a returned string the caller frees says who frees it."""
    owned = isinstance(fn.returns, m.CStrT) and fn.free_symbol is not None
    return _join(fn.doc or fn.name,
                 "The string is a copy: the binding frees the C string itself, right after copying it." if owned else "")


def param_doc(fn: m.Function, p: m.Param) -> str:
    doc = _join(p.doc, size_doc(fn, p))
    if isinstance(p.type, m.BytesT) and p.type.mutable:
        doc = (doc + " " if doc else "") + "Changed in place."
    if p.default is not None and isinstance(p.type, m.ScalarT):
        doc = (doc + " " if doc else "") + f"Default {naming.scalar_literal(p.default, p.type.scalar)}."
    return f"@param {naming.param_name(p.name)} {doc}".rstrip()


def function_doc(model: m.Model, fn: m.Function, args: tuple[m.Param, ...], constructor: bool = False) -> list[str]:
    lines = [summary(fn)]
    if fn.cpu:
        lines.append(f"Needs CPU features: {', '.join(fn.cpu)}.")
    lines.append("")
    lines += [param_doc(fn, p) for p in args]
    outs = [_join(p.doc, size_doc(fn, p)) for p in fn.outputs]
    if constructor:
        pass
    elif len(fn.results) == 1 and any(outs):
        lines.append(f"@returns {outs[0]}")
    elif len(fn.results) > 1:
        sized = {p.name: size_doc(fn, p) for p in fn.outputs}
        lines.append("@returns " + ", ".join(f"`{api.result_name(n)}`" + (f" ({sized[n]})" if sized.get(n) else "")
                                             for n, _ in fn.results) + ".")
    if fn.errors:
        codes = ", ".join(f"`{naming.error_code(e)}` ({e.message})" for e in fn.errors)
        lines.append(f"@throws {{{naming.error_class(model.package)}}} {codes}.")
    lines.append(f"@since {fn.since}")
    return lines


# ---------------------------------------------------------------- index.d.ts blocks


def declarations(model: m.Model) -> dict[str, str]:
    pkg = model.package
    err = naming.error_class(pkg)
    codes = " | ".join(f"'{naming.error_code(e)}'" for e in model.errors) or "never"
    structs = []
    for st in model.structs:
        fields = "".join(jsdoc([f.doc], "  ") + f"  readonly {naming.field_name(f)}: {naming.ts_output(f.type)};\n"
                         for f in st.fields)
        structs.append(jsdoc([st.doc or st.name, "", "Results are frozen plain objects; any object with these "
                              "properties is accepted as an argument."]) + f"export interface {naming.struct_name(st)} {{\n{fields}}}\n")
    classes = []
    for h in model.handles:
        cls = naming.class_name(h)
        new = model.handle_function(h, "new")
        data = model.handle_function(h, "data")
        length = model.handle_function(h, "len")
        assert new is not None
        args = api.js_args(new)
        members = [jsdoc(function_doc(model, new, args, constructor=True), "  ") + f"  constructor({params_sig(args)});"]
        if data is not None and length is not None:
            elem = data.returns.elem  # type: ignore[union-attr]
            prop = "bytes" if elem.size == 1 and elem.is_int else "data"
            members.append(jsdoc([f"A {naming.typed_array(elem)} over the native memory itself (no copy), the same object "
                                  "on every read. It reads as empty once the object is closed.", "",
                                  "@throws {Error} `ERR_INVALID_STATE` once closed."], "  ")
                           + f"  readonly {prop}: {naming.typed_array(elem)};")
        if length is not None:
            members.append(jsdoc([length.doc or "The length.", "", "@throws {Error} `ERR_INVALID_STATE` once closed."],
                                 "  ") + "  readonly length: number;")
        members.append(jsdoc(["Whether close() has run."], "  ") + "  readonly closed: boolean;")
        members.append(jsdoc(["Frees the native memory now. Idempotent; any later use throws."], "  ") + "  close(): void;")
        members.append(jsdoc(["The same as close(), for `using` declarations."], "  ") + "  [Symbol.dispose](): void;")
        doc = [h.doc or h.name, "",
               "Owns native memory: call close() (or declare it with `using`) when done; a finalizer frees it",
               "for objects collected unclosed."]
        classes.append(jsdoc(doc) + f"export class {cls} {{\n" + "\n".join(members) + "\n}\n")
    fns = []
    for js in api.functions(model):
        fns.append(jsdoc(function_doc(model, js.fn, js.args)) + f"export function {signature(js)};\n")
    error = (jsdoc([f"An error status from lib{pkg.library}: `code` is its name, `errno` its number, the message "
                    "the library's own."])
             + f"export class {err} extends Error {{\n"
             + f"  constructor(message: string, code: {err}Code, errno: number);\n"
             + f"  readonly code: {err}Code;\n  readonly errno: number;\n}}\n")
    blocks = [error, *structs, *classes, *fns]
    return {
        "error_codes": f"export type {err}Code = {codes};",
        "declarations": "\n".join(block.rstrip("\n") + "\n" for block in blocks),
    }


# ---------------------------------------------------------------- usage.ts (type-checked, never run)


def sample_input(model: m.Model, t: object) -> str:
    if isinstance(t, m.ScalarT):
        s = t.scalar
        return "true" if s.is_bool else "1.5" if s.is_float else "1n" if naming.is_big(s) else "1"
    if isinstance(t, m.BytesT):
        return "new Uint8Array(8)" if t.mutable else "Buffer.from('abc')"
    if isinstance(t, m.SliceT):
        s = t.elem
        if s.is_bool:
            return "[true, false]"
        return "[1n, 2]" if naming.is_big(s) else f"new {naming.typed_array(s)}(2)"
    if isinstance(t, m.StructT):
        return "{ " + ", ".join(f"{naming.field_name(f)}: {sample_output_literal(f.type)}" for f in t.struct.fields) + " }"
    if isinstance(t, m.HandleT):
        return f"new m.{naming.class_name(t.handle)}({sample_args(model, api.js_args(model.handle_function(t.handle, 'new')))})"  # type: ignore[arg-type]
    if isinstance(t, m.CallbackT):
        cb = t.callback
        params = [p for p in cb.params if not isinstance(p.type, m.UserDataT)]
        sig = ", ".join(f"{naming.param_name(p.name)}: {naming.ts_output(p.type.scalar)}" for p in params)  # type: ignore[union-attr]
        if isinstance(cb.returns, m.VoidT):
            return f"({sig}): void => {{}}"
        ret = cb.returns.scalar  # type: ignore[union-attr]
        same = next((p for p in params if naming.ts_output(p.type.scalar) == naming.ts_output(ret)), None)  # type: ignore[union-attr]
        body = naming.param_name(same.name) if same else sample_output_literal(ret)
        return f"({sig}) => {body}"
    raise AssertionError(t)


def sample_output_literal(s: m.Scalar) -> str:
    return "true" if s.is_bool else "0.5" if s.is_float else "1n" if naming.is_big(s) else "1"


def sample_args(model: m.Model, params: tuple[m.Param, ...]) -> str:
    return ", ".join(sample_input(model, p.type) for p in params)


def usage(model: m.Model) -> str:
    lines = []
    for js in api.functions(model):
        call = f"m.{js.name}({sample_args(model, js.args)})"
        ret = return_type(js.fn, "m.")
        lines.append(f"const {js.name}Result: {ret} = {call};" if ret != "void" else f"{call};")
        required = tuple(p for p in js.args if p.default is None)
        if len(required) != len(js.args):
            lines.append(f"m.{js.name}({sample_args(model, required)});")
    for h in model.handles:
        cls = naming.class_name(h)
        v = naming.param_name(h.name) + "Handle"
        lines.append(f"const {v}: m.{cls} = {sample_input(model, m.HandleT(h))};")
        data = model.handle_function(h, "data")
        if data is not None and h.len is not None:
            elem = data.returns.elem  # type: ignore[union-attr]
            prop = "bytes" if elem.size == 1 and elem.is_int else "data"
            lines.append(f"const {v}View: {naming.typed_array(elem)} = {v}.{prop};")
        if h.len is not None:
            lines.append(f"const {v}Length: number = {v}.length;")
        lines += [f"const {v}Closed: boolean = {v}.closed;", f"{v}.close();", f"{v}[Symbol.dispose]();"]
    err = naming.error_class(model.package)
    lines += ["try {", "  throw new m.%s('message', %s, 1);" % (err, f"'{naming.error_code(model.errors[0])}'" if model.errors
                                                                  else "'' as never"),
              "} catch (e) {", f"  if (e instanceof m.{err}) {{",
              f"    const code: m.{err}Code = e.code;", "    const errno: number = e.errno;",
              "    const message: string = e.message;", "  }", "}", "const version: string = m.version;"]
    return "\n".join(lines)
