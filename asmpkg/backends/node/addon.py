"""The N-API addon (plain C) of a model: one napi function per free function, one class per handle."""

from __future__ import annotations

import hashlib

from ... import model as m
from . import api, fast, naming

# ---------------------------------------------------------------- C spellings


def c_literal(value: object, s: m.Scalar) -> str:
    if s.is_bool:
        return "true" if value else "false"
    if s.is_float:
        text = repr(float(value))  # type: ignore[arg-type]
        if text in ("inf", "-inf", "nan"):
            return {"inf": "INFINITY", "-inf": "(-INFINITY)", "nan": "NAN"}[text]
        return text + ("f" if s.size == 4 else "")
    v = int(value)  # type: ignore[arg-type]
    if s.signed:
        if s.bits == 64 and v == -(1 << 63):
            return "INT64_MIN"
        return f"INT64_C({v})" if s.bits == 64 else str(v)
    return f"UINT64_C({v})" if s.bits == 64 else f"{v}u"


def handle_id(h: m.Handle) -> str:
    return f"h_{h.name}"


def type_tag(model: m.Model, h: m.Handle) -> str:
    digest = hashlib.sha256(f"asmpkg-node:{model.package.npm}:{h.c_name}".encode()).digest()
    lo, hi = int.from_bytes(digest[:8], "little"), int.from_bytes(digest[8:16], "little")
    return f"0x{lo:016x}ULL, 0x{hi:016x}ULL"


def struct_must(st: m.Struct) -> str:
    return "an object with " + ", ".join(naming.field_name(f) for f in st.fields)


def slice_must(s: m.Scalar) -> str:
    if s.is_bool:
        return "an Array of booleans"
    return f"a {naming.typed_array(s)} or an Array"


# ---------------------------------------------------------------- structs


def struct_code(st: m.Struct) -> str:
    fields = st.fields
    reads = []
    for f in fields:
        jf = naming.field_name(f)
        reads.append(f"    snprintf(field_what, sizeof field_what, \"%s.{jf}\", what);")
        reads.append(f"    if (!get_field(env, v, \"{jf}\", &field) || !get_{f.type.name}(env, field, field_what, &out->{f.name})) return false;")
    values = ", ".join(f"ret_{f.type.name}(env, p->{f.name})" for f in fields)
    props = "\n".join(f"        {{\"{naming.field_name(f)}\", NULL, NULL, NULL, NULL, values[{k}], napi_enumerable, NULL}},"
                      for k, f in enumerate(fields))
    n = len(fields)
    return f"""
/* {naming.struct_name(st)}: {st.doc or st.name}
 * Arguments are any object with {', '.join(naming.field_name(f) for f in fields)}; results are frozen plain objects. */
UNUSED static bool get_{st.name}(napi_env env, napi_value v, const char *what, {st.c_name} *out) {{
    napi_value field;
    char field_what[224];
    if (!get_object(env, v, what, "{struct_must(st)}")) return false;
{chr(10).join(reads)}
    return true;
}}

UNUSED static napi_value new_{st.name}(napi_env env, const {st.c_name} *p) {{
    napi_value obj, values[{n}] = {{{values}}};
    for (size_t i = 0; i < {n}; i++)
        if (values[i] == NULL) return NULL;
    napi_property_descriptor props[] = {{
{props}
    }};
    if (napi_create_object(env, &obj) != napi_ok || napi_define_properties(env, obj, {n}, props) != napi_ok ||
        napi_object_freeze(env, obj) != napi_ok)
        return napi_failed(env), NULL;
    return obj;
}}
"""


# ---------------------------------------------------------------- callbacks


def callback_code(cb: m.Callback) -> str:
    ret = m.c_type(cb.returns, "")
    params = ", ".join(m.c_param(m.Param("p_" + p.name, p.type, p.doc, p.role), "") for p in cb.params)
    js_params = [p for p in cb.params if not isinstance(p.type, m.UserDataT)]
    user = cb.params[cb.user_index]
    n = len(js_params)
    conv = [f"(argv[{k}] = ret_{p.type.scalar.name}(env, p_{p.name})) == NULL ||"  # type: ignore[union-attr]
            for k, p in enumerate(js_params)]
    void = isinstance(cb.returns, m.VoidT)
    if void:
        out_decl, out_read, out_ret = "", "", "return;"
    else:
        scalar = cb.returns.scalar  # type: ignore[union-attr]
        out_decl = f"    {ret} out = {c_literal(0, scalar)};\n"
        out_read = f" ||\n        !get_{scalar.name}(env, result, call->what, &out)"
        out_ret = "return out;"
    result_decl = "napi_value argv[%d], recv, result;" % max(n, 1)
    conv_text = "".join(f"\n        {c}" for c in conv)
    return f"""
/* {cb.doc or cb.name}
 * The trampoline calls the JavaScript function synchronously, in a handle scope of its own.
 * After the first exception it returns at once, without calling JavaScript again, so the native
 * loop ends quickly; the exception stays pending and the binding's caller rethrows it. */
typedef struct {{
    napi_env env;
    napi_value fn;
    const char *what; /* for a result of the wrong type */
    bool failed;      /* a JavaScript exception is pending */
}} {cb.name}_call;

static {ret} {cb.name}_trampoline({params}) {{
    {cb.name}_call *call = p_{user.name};
{out_decl}    napi_handle_scope scope;
    if (call->failed) {out_ret}
    napi_env env = call->env;
    if (napi_open_handle_scope(env, &scope) != napi_ok) {{
        napi_failed(env);
        call->failed = true;
        {out_ret}
    }}
    {result_decl}
    if ({conv_text.strip()}
        napi_get_undefined(env, &recv) != napi_ok ||
        napi_call_function(env, recv, call->fn, {n}, argv, &result) != napi_ok{out_read}) {{
        napi_failed(env);
        call->failed = true;
{"" if void else "        out = 0;" + chr(10)}    }}
    napi_close_handle_scope(env, scope);
    {out_ret}
}}
"""


# ---------------------------------------------------------------- functions


class Body:
    """The C of one binding call: declarations, argument conversions, the call, results, cleanup."""

    def __init__(self, model: m.Model, fn: m.Function, js_name: str, args: tuple[m.Param, ...]) -> None:
        self.model, self.fn, self.js_name, self.args = model, fn, js_name, args
        self.decls: list[str] = []
        self.convs: list[str] = []
        self.after: list[str] = []  # after the call, before the status check
        self.cleanup: list[str] = []
        self.call_args: dict[str, str] = {}
        self.results: list[str] = []  # C expressions (napi_value or NULL), one per fn.results
        self.sized: list[m.Param] = []  # buffers of computed length, checked once every argument is read
        self.uses_state = fn.is_status
        self.copies = fn.takes_callback  # calls that run JavaScript work on copies of their inputs
        self.build()

    def what(self, p: m.Param) -> str:
        return naming.c_string(f'{self.js_name}(): "{naming.param_name(p.name)}"')

    def build(self) -> None:
        fn = self.fn
        index = {p.name: k for k, p in enumerate(self.args)}
        narrow: list[str] = []  # a narrow length's check needs its buffer read first, wherever C puts the length
        for p in fn.params:
            t = p.type
            v = f"arg_{p.name}"
            if p.role == m.INPUT:
                self.input(p, t, v, index[p.name])
            elif p.role == m.LENGTH:
                buf = fn.param(p.length_of)  # type: ignore[arg-type]
                scalar = p.type.scalar  # type: ignore[union-attr]
                if scalar.bits < 64:
                    hi = (1 << scalar.bits) - 1
                    narrow.append(f"if (!check_len(env, {self.what(buf)}, len_{buf.name}, {hi}u)) goto done;")
                self.call_args[p.name] = f"({scalar.c})len_{buf.name}"
            elif p.role == m.USER:
                cb = next(q for q in fn.params if q.user == p.name)
                self.call_args[p.name] = f"&arg_{cb.name}"
            elif p.role == m.OUTPUT:
                self.output(p, t, v)
        self.convs += narrow
        for p in self.sized:
            self.sized_code(p)

    def sized_code(self, p: m.Param) -> None:
        """The length check of an input `len = "4*n"`, or the allocation of an output `[T; 2*n]`."""
        t, size = p.type, api.size_of(p)
        assert size is not None
        elem = t.elem if isinstance(t, (m.BufOutT, m.SliceT)) else m.SCALARS["u8"]
        param = "NULL" if size.param is None else naming.c_string(naming.param_name(size.param))
        n = "0" if size.param is None else f"(uint64_t){self.call_args[size.param]}"
        self.decls.append(f"static const len_expr size_{p.name} = {{{self.what(p)}, {naming.c_string(api.size_text(size))}, "
                          f"{param}, UINT64_C({size.mul}), INT64_C({size.add}), \"{api.size_unit(t)}\"}};")
        if isinstance(t, m.BufOutT):
            self.convs.append(f"if (!new_sized_out(env, &size_{p.name}, {n}, {naming.napi_typed_array(elem)}, "
                              f"sizeof({elem.c}), &arg_{p.name}, &value_{p.name})) goto done;")
        else:
            self.convs.append(f"if (!check_input_len(env, &size_{p.name}, {n}, len_{p.name})) goto done;")

    def input(self, p: m.Param, t: object, v: str, i: int) -> None:
        what = self.what(p)
        n = p.name  # helpers of `arg_<n>` are `len_<n>`, `copy_<n>`, `owned_<n>`: no clash with other parameters
        arg = f"argv[{i}]"
        if isinstance(t, m.ScalarT):
            s = t.scalar
            if p.default is not None:
                self.decls.append(f"{s.c} {v} = {c_literal(p.default, s)};")
                self.convs.append(f"if (argc > {i} && !opt_{s.name}(env, {arg}, {what}, &{v})) goto done;")
            else:
                self.decls.append(f"{s.c} {v};")
                self.convs.append(f"if (!get_{s.name}(env, {arg}, {what}, &{v})) goto done;")
            self.call_args[p.name] = v
        elif isinstance(t, m.BytesT):
            self.decls.append(f"uint8_t *{v} = NULL;")
            self.decls.append(f"size_t len_{n} = 0;")
            self.convs.append(f"if (!get_bytes(env, {arg}, {what}, &{v}, &len_{n})) goto done;")
            if self.copies:
                self.decls.append(f"void *copy_{n} = NULL;")
                self.convs.append(f"if (!copy_in(env, (void **)&{v}, len_{n}, &copy_{n})) goto done;")
                if t.mutable:
                    self.after.append(f"copy_back(env, {arg}, {v}, len_{n});")
                self.cleanup.append(f"free(copy_{n});")
            self.call_args[p.name] = v
            if p.size is not None:
                self.sized.append(p)
        elif isinstance(t, m.SliceT):
            s = t.elem
            want = "-1" if s.is_bool else naming.napi_typed_array(s)
            self.decls.append(f"void *{v} = NULL;")
            self.decls.append(f"size_t len_{n} = 0;")
            self.decls.append(f"void *owned_{n} = NULL;")
            self.convs.append(f"if (!get_slice(env, {arg}, {what}, {want}, sizeof({s.c}), \"{slice_must(s)}\", elem_{s.name},\n"
                              f"               &{v}, &len_{n}, &owned_{n})) goto done;")
            if self.copies:
                self.convs.append(f"if (owned_{n} == NULL && !copy_in(env, &{v}, len_{n} * sizeof({s.c}), &owned_{n})) goto done;")
            self.cleanup.append(f"free(owned_{n});")
            self.call_args[p.name] = f"(const {s.c} *){v}"
            if p.size is not None:
                self.sized.append(p)
        elif isinstance(t, m.StructT):
            self.decls.append(f"{t.struct.c_name} {v};")
            self.convs.append(f"if (!get_{t.struct.name}(env, {arg}, {what}, &{v})) goto done;")
            self.call_args[p.name] = v
        elif isinstance(t, m.HandleT):
            self.decls.append(f"{t.handle.c_name} *{v} = NULL;")
            self.convs.append(f"if (!get_{handle_id(t.handle)}(env, {arg}, {what}, &{v})) goto done;")
            self.call_args[p.name] = v
        elif isinstance(t, m.CallbackT):
            cb = t.callback
            ret_what = naming.c_string(f'{self.js_name}(): the value returned by "{naming.param_name(p.name)}"')
            self.decls.append(f"{cb.name}_call {v} = {{env, NULL, {ret_what}, false}};")
            self.convs.append(f"if (!get_function(env, {arg}, {what}, &{v}.fn)) goto done;")
            self.after.append(f"if ({v}.failed) goto done; /* the callback threw: rethrow that */")
            self.call_args[p.name] = f"{cb.name}_trampoline"
        else:  # pragma: no cover - the manifest admits nothing else
            raise AssertionError(t)

    def output(self, p: m.Param, t: object, v: str) -> None:
        if isinstance(t, m.OutT):
            target = t.target
            if isinstance(target, m.Scalar):
                self.decls.append(f"{target.c} {v} = {c_literal(0, target)};")
                self.results.append(f"ret_{target.name}(env, {v})")
            elif isinstance(target, m.Struct):
                self.decls.append(f"{target.c_name} {v};")
                self.decls.append(f"memset(&{v}, 0, sizeof {v});")
                self.results.append(f"new_{target.name}(env, &{v})")
            else:
                self.uses_state = True
                self.decls.append(f"{target.c_name} *{v} = NULL;")
                self.results.append(f"{handle_id(target)}_wrap(env, st, {v})")
            self.call_args[p.name] = f"&{v}"
        elif isinstance(t, (m.ArrayOutT, m.BufOutT)):
            s = t.elem
            self.decls.append(f"void *{v} = NULL;")
            self.decls.append(f"napi_value value_{p.name} = NULL;")
            if isinstance(t, m.ArrayOutT):
                self.convs.append(f"if (!new_array_out(env, {naming.napi_typed_array(s)}, {t.length}, sizeof({s.c}), &{v}, &value_{p.name})) goto done;")
            else:  # allocated once its length's parameter is read
                self.sized.append(p)
            self.call_args[p.name] = f"({s.c} *){v}"
            self.results.append(f"value_{p.name}")
        else:  # pragma: no cover
            raise AssertionError(t)

    def call(self) -> str:
        return f"{self.fn.symbol}({', '.join(self.call_args[p.name] for p in self.fn.params)})"

    def call_lines(self) -> list[str]:
        """The call, what follows it, and the status check; `ret_*` results for the return value first."""
        fn, call, out = self.fn, self.call(), []
        r = fn.returns
        if isinstance(r, m.StatusT):
            out.append(f"int status = {call};")
        elif isinstance(r, m.ScalarT):
            out.append(f"{r.scalar.c} result = {call};")
            self.results.insert(0, f"ret_{r.scalar.name}(env, result)")
        elif isinstance(r, m.StructT):
            out.append(f"{r.struct.c_name} result = {call};")
            self.results.insert(0, f"new_{r.struct.name}(env, &result)")
        elif isinstance(r, m.CStrT) and fn.free_symbol is not None:
            # an owned string: copied into a JavaScript string, then freed at once, before anything can jump past
            out.append(f"const char *result = {call};")
            out.append("napi_value result_copy = ret_cstr(env, result);")
            out.append(f"if (result != NULL) {fn.free_symbol}((void *)result);")
            self.results.insert(0, "result_copy")
        elif isinstance(r, m.CStrT):
            out.append(f"const char *result = {call};")
            self.results.insert(0, "ret_cstr(env, result)")
        elif isinstance(r, m.VoidT):
            out.append(f"{call};")
        else:  # pragma: no cover - api.check rejects the rest
            raise AssertionError(r)
        out += self.after
        if isinstance(r, m.StatusT):
            out += ["if (status != 0) {", "    throw_status(env, st, status);", "    goto done;", "}"]
        return out

    def result_lines(self) -> list[str]:
        names = [api.result_name(name) for name, _ in self.fn.results]
        if not self.results:
            return ["if (napi_get_undefined(env, &ret) != napi_ok) napi_failed(env);"]
        if len(self.results) == 1:
            return [f"ret = {self.results[0]};"]
        quoted = ", ".join(f'"{n}"' for n in names)
        return [f"napi_value parts[{len(self.results)}] = {{{', '.join(self.results)}}};",
                f"ret = new_record(env, {len(self.results)}, (const char *const[]){{{quoted}}}, parts);"]


def indent(lines: list[str], pad: str = "    ") -> str:
    return "\n".join(pad + line if line else "" for line in "\n".join(lines).split("\n"))


def function_code(model: m.Model, js: api.JsFunction) -> str:
    body = Body(model, js.fn, js.name, js.args)
    calls = body.call_lines()
    results = body.result_lines()
    argc = len(js.args)
    state = "addon_state *st;\n" if body.uses_state else ""
    data = "(void **)&st" if body.uses_state else "NULL"
    if argc:
        head = f"size_t argc = {argc};\nnapi_value argv[{argc}];\n"
        info = f"napi_get_cb_info(env, info, &argc, argv, NULL, {data})"
    else:
        head = ""
        info = f"napi_get_cb_info(env, info, NULL, NULL, NULL, {data})"
    lines = [f"napi_value ret = NULL;", *head.splitlines(), *state.splitlines(), *body.decls,
             f"if ({info} != napi_ok) {{", "    napi_failed(env);", "    return NULL;", "}",
             *body.convs, *calls, *results]
    doc = js.fn.doc or js.fn.name
    uses_argc = any("argc >" in c for c in body.convs)
    if argc and not uses_argc:
        lines.insert(lines.index("}") + 1, "(void)argc;")
    return (f"\n/* {js.name}(): {doc} */\n"
            f"static napi_value fn_{js.fn.name}(napi_env env, napi_callback_info info) {{\n"
            f"{indent(lines)}\n"
            f"done: UNUSED;\n"
            f"{indent(body.cleanup) + chr(10) if body.cleanup else ''}"
            f"    return ret;\n"
            f"}}\n")


# ---------------------------------------------------------------- handles


def handle_code(model: m.Model, h: m.Handle, backend) -> str:
    hid = handle_id(h)
    cls = naming.class_name(h)
    new = model.handle_function(h, "new")
    free = model.handle_function(h, "free")
    data = model.handle_function(h, "data")
    length = model.handle_function(h, "len")
    assert new is not None and free is not None
    args = api.js_args(new)
    body = Body(model, new, f"new {cls}", args)
    out = next(p for p in new.params if p.role == m.OUTPUT)
    body.call_args[out.name] = "&ptr"
    body.results.clear()
    call = [f"int status = {body.call()};", *body.after,
            "if (status != 0) {", "    throw_status(env, st, status);", "    goto done;", "}"]
    props = []
    size = "0"
    if data is not None and length is not None:
        elem = data.returns.elem  # type: ignore[union-attr]
        prop = "bytes" if elem.size == 1 and elem.is_int else "data"
        view = backend.render(
            "handle-view.c.in", id=hid, prop=prop, an_array=naming.with_article(naming.typed_array(elem)),
            **{"class": cls},
            elem=elem.c, data=data.symbol, len=length.symbol, napi_array=naming.napi_typed_array(elem))
        props.append(f"        {{\"{prop}\", NULL, NULL, {hid}_get_view, NULL, NULL, napi_configurable, NULL}},")
        size = f"(int64_t)({length.symbol}(ptr) * sizeof({elem.c}))"
    else:
        view = backend.render("handle-noview.c.in", id=hid)
    if length is not None:
        view += backend.render("handle-len.c.in", id=hid, len=length.symbol, **{"class": cls})
        props.append(f"        {{\"length\", NULL, NULL, {hid}_get_length, NULL, NULL, napi_configurable, NULL}},")
    decls = [d for d in body.decls if not d.startswith(f"{h.c_name} *arg_{out.name}")]
    return backend.render(
        "handle.c.in",
        id=hid,
        a_class=naming.with_article(cls),
        a_class_cap="A" + naming.with_article(cls)[1:],
        doc=h.doc or h.name,
        ctype=h.c_name,
        tag=type_tag(model, h),
        free=free.symbol,
        view=view,
        ctor_params=", ".join(naming.param_name(p.name) for p in args),
        argc=str(len(args)),
        argv_size=str(max(len(args), 1)),
        ctor_decls="\n".join(decls),
        ctor_body="\n".join(body.convs + call),
        ctor_cleanup="\n".join(body.cleanup),
        view_props="\n".join(props),
        size=size,
        **{"class": cls},
    )


# ---------------------------------------------------------------- the file


def errors_code(model: m.Model) -> tuple[str, str]:
    codes = "\n".join(f"    case {e.c_name}: return \"{naming.error_code(e)}\";" for e in model.errors)
    if model.strerror is not None:
        message = f"    return {model.strerror.symbol}(status);"
    else:
        cases = "\n".join(f"    case {e.c_name}: return {naming.c_string(e.message)};" for e in model.errors)
        message = f"    switch (status) {{\n{cases}\n    default: return \"unknown error\";\n    }}" if cases else \
            "    (void)status;\n    return \"unknown error\";"
    return codes, message


def addon(model: m.Model, backend) -> str:
    codes, message = errors_code(model)
    fields, cleanup, classes, exports = [], [], [], []
    for h in model.handles:
        hid = handle_id(h)
        cls = naming.class_name(h)
        fields.append(f"    napi_ref {hid}_class;   /* the {cls} constructor */")
        fields.append(f"    {h.c_name} *adopt_{hid}; /* a handle {hid}_wrap is giving a new {cls} */")
        cleanup.append(f"    if (st->{hid}_class != NULL) napi_delete_reference(env, st->{hid}_class);")
        classes.append(f"    napi_value {hid}_ctor;")
        classes.append(f"    if (!{hid}_define(env, st, dispose, &{hid}_ctor)) return NULL;")
        exports.append(f"        {{\"{cls}\", NULL, NULL, NULL, NULL, {hid}_ctor, napi_enumerable, NULL}},")
    for js in api.functions(model):
        exports.append(f"        {{\"{js.name}\", NULL, fn_{js.fn.name}, NULL, NULL, NULL, napi_enumerable, st}},")
    exports += fast.c_exports(model)
    return backend.render(
        "addon.c.in",
        library=f"lib{model.package.library} {model.package.version}",
        error_class=naming.error_class(model.package),
        header=model.header_name,
        state_fields="\n".join(fields),
        state_cleanup="\n".join(cleanup),
        error_codes=codes,
        error_message=message,
        lengths=backend.render("lengths.c.in") if any(f.extended_forms & api.LENGTH_FORMS for f in model.functions) else "",
        structs="".join(struct_code(st) for st in model.structs),
        handles="".join(handle_code(model, h, backend) for h in model.handles),
        callbacks="".join(callback_code(cb) for cb in model.callbacks),
        functions="".join(function_code(model, js) for js in api.functions(model)),
        fast_functions=fast.c_functions(model),
        slot_count=str(fast.slot_count(model)),
        define_classes="\n".join(classes),
        exports="\n".join(exports),
    )
