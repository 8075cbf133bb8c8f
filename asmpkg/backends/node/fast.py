"""The fast path of scalar-only functions: arguments and results pass through shared "slots".

A call through N-API pays for every argument read and every result made (a BigInt result alone
costs more than the call). Node's own fs.statSync and process.hrtime avoid that by sharing a
typed array with their native side; so does this binding. index.js checks the arguments' types
in JavaScript (where the JIT makes that nearly free), writes them into slots (8-byte cells over
one ArrayBuffer per environment), calls a native function that takes no arguments, and reads
the results back. Anything but the expected primitive (a Number for a 64-bit integer, a string,
an out-of-range value) takes the fully checked native function instead, which gives the same
results and throws the same errors.
"""

from __future__ import annotations

from ... import model as m
from . import addon, api, naming


def eligible(js: api.JsFunction) -> bool:
    fn = js.fn
    if fn.takes_callback or not isinstance(fn.returns, (m.ScalarT, m.StatusT, m.VoidT)):
        return False
    if any(not isinstance(p.type, m.ScalarT) for p in js.args):
        return False
    return all(p.role in (m.INPUT, m.OUTPUT) for p in fn.params) and all(
        isinstance(t, m.ScalarT) for _, t in fn.results)


def functions(model: m.Model) -> tuple[api.JsFunction, ...]:
    return tuple(js for js in api.functions(model) if eligible(js))


def slot_count(model: m.Model) -> int:
    return max([len(js.args) + len(js.fn.results) for js in functions(model)] + [1])


def _cell(s: m.Scalar) -> str:
    if naming.is_big(s):
        return "i64" if s.signed else "u64"
    return "f64"


def fast_name(js: api.JsFunction) -> str:
    return "_fast_" + js.name


# ---------------------------------------------------------------- C


def c_function(js: api.JsFunction) -> str:
    fn = js.fn
    slot = {p.name: k for k, p in enumerate(js.args)}
    lines = ["addon_state *st;",
             "if (napi_get_cb_info(env, info, NULL, NULL, NULL, (void **)&st) != napi_ok) return napi_failed(env), NULL;",
             "slot *s = st->slots;"]
    args = []
    for p in fn.params:
        s = p.type.scalar if isinstance(p.type, m.ScalarT) else p.type.target  # type: ignore[union-attr]
        if p.role == m.INPUT:
            cell = _cell(s)
            value = f"s[{slot[p.name]}].{cell}"
            if s.is_bool:
                value = f"{value} != 0"
            elif cell == "f64" and s.size != 8:
                value = f"({s.c}){value}"
            lines.append(f"{s.c} arg_{p.name} = {value};")
            args.append(f"arg_{p.name}")
        else:
            lines.append(f"{s.c} arg_{p.name} = {addon.c_literal(0, s)};")
            args.append(f"&arg_{p.name}")
    call = f"{fn.symbol}({', '.join(args)})"
    r = fn.returns
    if isinstance(r, m.StatusT):
        lines += [f"int status = {call};", "if (status != 0) {", "    throw_status(env, st, status);", "    return NULL;", "}"]
    elif isinstance(r, m.ScalarT):
        lines.append(f"{r.scalar.c} result = {call};")
    else:
        lines.append(f"{call};")
    base = len(js.args)
    for k, (name, t) in enumerate(fn.results):
        s = t.scalar  # type: ignore[union-attr]
        var = "result" if name == "result" else f"arg_{name}"
        cell = _cell(s)
        value = f"({var} ? 1.0 : 0.0)" if s.is_bool else var if cell != "f64" else f"(double){var}"
        lines.append(f"s[{base + k}].{cell} = {value};")
    lines.append("return NULL;")
    body = "\n".join(f"    {line}" for line in lines)
    return (f"\n/* {js.name}() on the fast path: index.js checked the arguments and put them in the slots. */\n"
            f"static napi_value fast_{fn.name}(napi_env env, napi_callback_info info) {{\n{body}\n}}\n")


def c_functions(model: m.Model) -> str:
    return "".join(c_function(js) for js in functions(model))


def c_exports(model: m.Model) -> list[str]:
    return [f"        {{\"{fast_name(js)}\", NULL, fast_{js.fn.name}, NULL, NULL, NULL, napi_default, st}},"
            for js in functions(model)]


# ---------------------------------------------------------------- JavaScript


def _check(x: str, s: m.Scalar) -> str:
    if naming.is_big(s):
        fn = "asIntN" if s.signed else "asUintN"
        return f"typeof {x} === 'bigint' && BigInt.{fn}(64, {x}) === {x}"
    if s.is_float:
        return f"typeof {x} === 'number'"
    if s.is_bool:
        return f"typeof {x} === 'boolean'"
    return f"typeof {x} === 'number' && " + {
        "i8": f"({x} << 24 >> 24) === {x}",
        "i16": f"({x} << 16 >> 16) === {x}",
        "i32": f"({x} | 0) === {x}",
        "u8": f"({x} & 0xff) === {x}",
        "u16": f"({x} & 0xffff) === {x}",
        "u32": f"({x} >>> 0) === {x}",
    }[s.name]


def _view(s: m.Scalar) -> str:
    return {"i64": "I64", "u64": "U64", "f64": "F64"}[_cell(s)]


def js_wrapper(js: api.JsFunction) -> str:
    fn = js.fn
    params, checks, stores = [], [], []
    for k, p in enumerate(js.args):
        s = p.type.scalar  # type: ignore[union-attr]
        x = naming.param_name(p.name)
        params.append(f"{x} = {naming.scalar_literal(p.default, s)}" if p.default is not None else x)
        checks.append(_check(x, s))
        stores.append(f"F64[{k}] = {x} ? 1 : 0;" if s.is_bool else f"{_view(s)}[{k}] = {x};")
    base = len(js.args)
    reads = []
    for k, (name, t) in enumerate(fn.results):
        s = t.scalar  # type: ignore[union-attr]
        read = f"{_view(s)}[{base + k}]"
        reads.append((api.result_name(name), f"{read} !== 0" if s.is_bool else read))
    if not reads:
        ret = ["return undefined;"]
    elif len(reads) == 1:
        ret = [f"return {reads[0][1]};"]
    else:
        ret = ["return { " + ", ".join(f"{n}: {v}" for n, v in reads) + " };"]
    call = [f"NATIVE.{fast_name(js)}();", *ret]
    names = ", ".join(naming.param_name(p.name) for p in js.args)
    head = f"exports.{js.name} = function {js.name}({', '.join(params)}) {{"
    if not checks:
        return "\n".join([head, *(f"  {line}" for line in call), "};"])
    cond = " &&\n      ".join(checks)
    inner = [*stores, *call]
    return "\n".join([head, f"  if ({cond}) {{", *(f"    {line}" for line in inner), "  }",
                      f"  return NATIVE.{js.name}({names});", "};"])


def js_views(model: m.Model) -> str:
    if not functions(model):
        return ""
    return ("// Scalar-only functions take a fast path: their arguments and results go through slots,\n"
            "// memory shared with the addon (as Node's own fs.statSync does), so that a call makes no\n"
            "// N-API conversions. Any other argument takes the fully checked native function.\n"
            "const I64 = new BigInt64Array(NATIVE._slots);\n"
            "const U64 = new BigUint64Array(NATIVE._slots);\n"
            "const F64 = new Float64Array(NATIVE._slots);\n\n")
