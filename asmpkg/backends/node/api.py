"""The JavaScript shape of a model: names, argument order, results. Shared by every generated file."""

from __future__ import annotations

from dataclasses import dataclass

from ... import model as m
from ...errors import InputError
from . import naming

# Names index.js and index.d.ts use for themselves.
RESERVED_EXPORTS = ("version", "Int64", "BinaryData")
# The extended forms this backend binds (see BACKEND.extended_forms): computed buffer lengths ...
LENGTH_FORMS = frozenset({m.LEN_EXPR, m.BUF_OUT})
# ... and returned strings the caller frees: the binding copies the string and frees the C one itself.
FORMS = LENGTH_FORMS | {m.OWNED_STR}


@dataclass(frozen=True)
class JsFunction:
    fn: m.Function
    name: str
    args: tuple[m.Param, ...]  # the JavaScript arguments, in order: defaulted ones last

    @property
    def results(self) -> tuple[tuple[str, object], ...]:
        return self.fn.results


def js_args(fn: m.Function) -> tuple[m.Param, ...]:
    """Inputs in C order, except that parameters with a default move to the end (`crc32(data, crc = 0)`)."""
    inputs = fn.inputs
    return tuple(p for p in inputs if p.default is None) + tuple(p for p in inputs if p.default is not None)


def size_of(p: m.Param) -> m.LenExpr | None:
    """The computed length of an input (`len = "4*n"`) or an output (`[T; 2*n]`), in elements."""
    return p.type.size if isinstance(p.type, m.BufOutT) else p.size


def size_unit(t: object) -> str:
    """What a computed length counts: bytes for bytes and u8 elements, else elements."""
    return "bytes" if isinstance(t, m.BytesT) or t.elem.name == "u8" else "elements"  # type: ignore[attr-defined]


def size_text(size: m.LenExpr) -> str:
    """The expression in JavaScript names, as messages and docs show it: `4*wordCount`."""
    return str(size if size.param is None else m.LenExpr(naming.param_name(size.param), size.mul, size.add))


def result_name(name: str) -> str:
    return "result" if name == "result" else naming.param_name(name)


def functions(model: m.Model) -> tuple[JsFunction, ...]:
    return tuple(JsFunction(fn, naming.function_name(fn), js_args(fn)) for fn in model.free_functions)


def _fail(message: str) -> None:
    raise InputError(f"node backend: {message}")


def check(model: m.Model) -> None:
    """Rejects what the binding cannot express, naming the function; and clashing names."""
    data_fns = {h.data for h in model.handles if h.data}
    for cb in model.callbacks:
        for p in cb.params:
            if not isinstance(p.type, (m.ScalarT, m.UserDataT)):
                _fail(f"callback '{cb.name}': parameter '{p.name}' is a pointer; a callback's parameters must be "
                      "scalars or user_data in Node.js (bind it in C only: remove node from [languages] enabled)")
    for fn in model.functions:
        if isinstance(fn.returns, m.PtrT) and fn.name not in data_fns:
            _fail(f"function '{fn.name}' returns ptr<{fn.returns.elem.name}> without a length; JavaScript "
                  "cannot view memory of unknown size safely (make it a handle's data accessor)")
        for p in fn.params:
            size = size_of(p)
            if size is not None and not (0 <= size.mul < 1 << 64 and -(1 << 63) <= size.add < 1 << 63):
                _fail(f"function '{fn.name}': the length of '{p.name}' ({size}) does not fit 64-bit arithmetic")
        if fn.role == "function":
            for p in fn.params:
                if isinstance(p.type, m.UserDataT) and not any(q.user == p.name for q in fn.params):
                    _fail(f"function '{fn.name}': user_data parameter '{p.name}' belongs to no callback")
    for h in model.handles:
        new = model.handle_function(h, "new")
        assert new is not None
        extra = [p.name for p in new.outputs if not (isinstance(p.type, m.OutT) and p.type.target == h)]
        if extra:
            _fail(f"constructor '{new.name}' of handle '{h.name}' has outputs besides the handle: {', '.join(extra)}")
        if (h.data is None) != (h.len is None) and h.data is not None:
            _fail(f"handle '{h.name}' has a data accessor but no len accessor; its view needs both")
    seen: dict[str, str] = {name: "the package itself" for name in RESERVED_EXPORTS}
    seen[naming.error_class(model.package)] = "the error class"

    def claim(name: str, what: str) -> None:
        if name in seen:
            _fail(f"{what} is named '{name}' in JavaScript, which is already {seen[name]}")
        seen[name] = what

    for js in functions(model):
        claim(js.name, f"function '{js.fn.name}'")
        names: dict[str, str] = {}
        for p in js.args:
            jp = naming.param_name(p.name)
            if jp in names:
                _fail(f"function '{js.fn.name}': parameters '{names[jp]}' and '{p.name}' are both '{jp}' in JavaScript")
            names[jp] = p.name
    for h in model.handles:
        claim(naming.class_name(h), f"handle '{h.name}'")
    for st in model.structs:
        claim(naming.struct_name(st), f"struct '{st.name}'")
        fields: dict[str, str] = {}
        for f in st.fields:
            jf = naming.field_name(f)
            if jf in fields:
                _fail(f"struct '{st.name}': fields '{fields[jf]}' and '{f.name}' are both '{jf}' in JavaScript")
            fields[jf] = f.name
