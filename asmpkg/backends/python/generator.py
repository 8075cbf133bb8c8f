"""The Python backend: model -> the C extension, the package's .py/.pyi files, its tests and Meson values.

Every function becomes one C wrapper built from per-parameter pieces (`_Call`):
declarations, argument conversions, the C argument expressions, cleanups and
the results, so each type kind of the model is mapped in exactly one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ... import model as m
from ...errors import InputError
from ..c import naming as c_naming
from . import naming, release

# ---------------------------------------------------------------- small helpers


def c_str(text: str) -> str:
    """A C string literal; a multi-line text becomes adjacent literals, one per line."""
    def escape(s: str) -> str:
        s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("??", "?\\?")
        return '"' + s.replace("\n", "\\n") + '"'
    lines = text.split("\n")
    parts = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return "\n".join(escape(part) for part in parts) if parts else '""'


def py_docstring(text: str, indent: str) -> str:
    body = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = body.split("\n")
    if len(lines) == 1:
        return f'{indent}"""{body}"""'
    return "\n".join([f'{indent}"""{lines[0]}', *[(indent + ln) if ln else "" for ln in lines[1:]], f'{indent}"""'])


def _fail(what: str, why: str) -> InputError:
    return InputError(f"python: {what}: {why}")


def python_inputs(fn: m.Function) -> list[m.Param]:
    """The Python signature's parameters: required inputs, then those with a default (both in manifest order)."""
    return [p for p in fn.inputs if p.default is None] + [p for p in fn.inputs if p.default is not None]


def _required(fn: m.Function) -> int:
    return sum(1 for p in fn.inputs if p.default is None)


def _result_types(fn: m.Function) -> list[object]:
    return [fn.param(name).type if name != "result" and isinstance(fn.param(name).type, m.ArrayOutT) else t
            for name, t in fn.results]


def text_signature(fn: m.Function, first: str | None) -> str:
    """Parameters as inspect.signature shows them: required ones positional-only, then `name=default`."""
    params = [first] if first else []
    inputs = python_inputs(fn)
    required = _required(fn)
    for k, p in enumerate(inputs):
        params.append(naming.param_name(p) if p.default is None
                      else f"{naming.param_name(p)}={naming.scalar_literal(p.default, p.type.scalar)}")  # type: ignore
        if k == required - 1:
            params.append("/")
    if not inputs and first:
        params.append("/")
    return ", ".join(params)


def _length_text(fn: m.Function, size: m.LenExpr, elem: m.Scalar) -> str:
    """A length expression in words: `4*n bytes`, `2*n bytes (n = len(src))`."""
    text = f"{size} {naming.length_unit(elem)}"
    n = fn.param(size.param) if size.param is not None else None
    if n is not None and n.role == m.LENGTH:
        text += f" ({naming.param_name(n)} = len({naming.param_name(fn.param(n.length_of))}))"  # type: ignore[arg-type]
    return text


def _buffer_elem(p: m.Param) -> m.Scalar:
    return p.type.elem if isinstance(p.type, (m.SliceT, m.BufOutT)) else m.SCALARS["u8"]


def _param_doc(fn: m.Function, p: m.Param) -> str:
    """A parameter's doc, and for a buffer of `len = "<expr>"` what the expression asks of it."""
    if p.size is None:
        return p.doc
    need = _length_text(fn, p.size, _buffer_elem(p))
    return f"{p.doc + ' ' if p.doc else ''}Holds at least {need}; only those are used."


def _output_doc(fn: m.Function, p: m.Param) -> str:
    if not isinstance(p.type, m.BufOutT):
        return p.doc
    return f"{p.doc + ' ' if p.doc else ''}Exactly {_length_text(fn, p.type.size, p.type.elem)}."


OWNED_STR_DOC = "A copy of the string (None for NULL); the binding frees its C memory right after copying it."


def owns_str(fn: m.Function) -> bool:
    """Whether fn returns a string the caller frees (`free = ...`): the binding copies and frees it."""
    return isinstance(fn.returns, m.CStrT) and fn.free_symbol is not None


def _doc_sections(fn: m.Function, with_results: bool = True) -> list[str]:
    """Google-style Args / Returns / Raises sections from the manifest's docs."""
    lines = []
    documented = [(p, _param_doc(fn, p)) for p in python_inputs(fn)]
    documented = [(p, doc) for p, doc in documented if doc]
    if documented:
        lines += ["", "Args:", *(f"    {naming.param_name(p)}: {doc}" for p, doc in documented)]
    outs = [(name, OWNED_STR_DOC if name == "result" else _output_doc(fn, fn.param(name)))
            for name, _ in fn.results if name != "result" or owns_str(fn)]
    outs = [(name, doc) for name, doc in outs if doc]
    if outs and with_results:
        lines += ["", "Returns:"]
        lines += [f"    {doc}" for _, doc in outs] if len(fn.results) == 1 else [f"    {n}: {d}" for n, d in outs]
    sized = [p for p in fn.inputs if p.size is not None]
    if fn.errors or sized:
        lines += ["", "Raises:", *(f"    {naming.error_name(e)}: {e.message}" for e in fn.errors)]
        for p in sized:
            assert p.size is not None
            negative = f", or {p.size} is negative" if p.size.add < 0 else ""
            lines.append(f"    ValueError: {naming.param_name(p)} holds fewer than "
                         f"{_length_text(fn, p.size, _buffer_elem(p))}{negative}.")
    return lines


def function_doc(fn: m.Function) -> str:
    lines = [fn.doc or fn.name.replace("_", " ").capitalize() + ".", *_doc_sections(fn)]
    if fn.cpu:
        lines += ["", f"Needs CPU features: {', '.join(fn.cpu)}."]
    return "\n".join(lines)


# ---------------------------------------------------------------- one C call


@dataclass
class _Call:
    """The C statements of one call into the library: Python objects in, the result out.

    Each parameter adds its pieces: declarations, a conversion (which jumps to `done` on
    failure), the C argument, its cleanup, its input size (for the GIL) and its result.
    """

    fn: m.Function
    callable_name: str  # the Python name in messages: crc32, Buffer
    sources: dict[str, str]  # input name -> the C expression of its PyObject *
    constructor: bool = False  # tp_new of a handle class: a NULL handle is an error, not None
    decls: list[str] = field(default_factory=list)
    convert: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)  # after every conversion (lengths)
    prepare: list[str] = field(default_factory=list)  # output objects
    after: list[str] = field(default_factory=list)  # right after the call
    final: list[str] = field(default_factory=list)  # after the status check
    cleanup: list[str] = field(default_factory=list)
    args: dict[str, str] = field(default_factory=dict)
    sizes: list[str] = field(default_factory=list)
    results: dict[str, str] = field(default_factory=dict)
    state: bool = False  # whether it uses the module state `st`
    sized: list[Callable[[], None]] = field(default_factory=list)  # length expressions, once every n is known

    def what(self, p: m.Param) -> str:
        return c_str(f"{self.callable_name}() argument '{naming.param_name(p)}'")

    def st(self) -> str:
        self.state = True
        return "st"

    def converts(self, p: m.Param, test: str) -> None:
        self.convert.append(f"if ({test} < 0) goto done;")

    # ---- parameters, one method per kind ----
    def param(self, p: m.Param) -> None:
        if p.size is not None:
            self.sized.append(partial(self.sized_input, p, p.size))
        if p.role == m.LENGTH:
            return self.length(p)
        if p.role == m.USER:
            owner = next((q for q in self.fn.params if q.user == p.name), None)
            self.args[p.name] = f"&c_{owner.name}" if owner else "NULL"
            return None
        kinds: dict[type, Callable[[m.Param, Any], None]] = {
            m.ScalarT: self.scalar, m.BytesT: self.bytes, m.SliceT: self.slice, m.StructT: self.struct,
            m.HandleT: self.handle, m.CallbackT: self.callback, m.ArrayOutT: self.array_output, m.OutT: self.output,
            m.BufOutT: self.sized_output,
        }
        kind = kinds.get(type(p.type))
        if kind is None:
            raise _fail(f"function '{self.fn.name}'", f"parameter '{p.name}' has a type Python cannot pass")
        return kind(p, p.type)

    def scalar(self, p: m.Param, t: m.ScalarT) -> None:
        v, src = f"v_{p.name}", self.sources[p.name]
        init = "0" if p.default is None else c_naming.scalar_literal(p.default, t.scalar)
        self.decls.append(f"{t.scalar.c} {v} = {init};")
        test = f"arg_{t.scalar.name}({src}, {self.what(p)}, &{v})"
        self.converts(p, test if p.default is None else f"{src} != NULL && {test}")  # NULL: not given
        self.args[p.name] = v

    def bytes(self, p: m.Param, t: m.BytesT) -> None:
        v = f"v_{p.name}"
        self.decls.append(f"Py_buffer {v} = {{0}};")
        self.converts(p, f"bytes_arg({self.sources[p.name]}, {self.what(p)}, &{v}, {int(t.mutable)})")
        self.cleanup.append(f"release_view(&{v});")
        self.args[p.name] = f"({'' if t.mutable else 'const '}uint8_t *){v}.buf"
        self.sizes.append(f"{v}.len")

    def slice(self, p: m.Param, t: m.SliceT) -> None:
        v, e = f"v_{p.name}", t.elem
        kind = "?" if e.is_bool else "f" if e.is_float else "i" if e.signed else "u"
        self.decls.append(f"slice_view {v} = {{0}};")
        self.converts(p, f"slice_arg({self.sources[p.name]}, {self.what(p)}, &{v}, '{kind}', sizeof({e.c}), "
                         f"item_{e.name})")
        self.cleanup.append(f"release_slice(&{v});")
        self.args[p.name] = f"(const {e.c} *){v}.items"
        self.sizes.append(f"{v}.count * (Py_ssize_t)sizeof({e.c})")

    def struct(self, p: m.Param, t: m.StructT) -> None:
        v = f"v_{p.name}"
        self.decls.append(f"{t.struct.c_name} {v} = {{0}};")
        self.converts(p, f"s_{t.struct.name}_arg({self.st()}, {self.sources[p.name]}, {self.what(p)}, &{v})")
        self.args[p.name] = v

    def handle(self, p: m.Param, t: m.HandleT) -> None:
        o = f"o_{p.name}"  # pinned for the call: close() cannot free it meanwhile
        self.decls.append(f"handle_object *{o} = NULL;")
        self.converts(p, f"h_{t.handle.name}_arg({self.st()}, {self.sources[p.name]}, {self.what(p)}, &{o})")
        self.cleanup.append(f"handle_unpin({o});")
        self.args[p.name] = f"({t.handle.c_name} *){o}->ptr"

    def callback(self, p: m.Param, t: m.CallbackT) -> None:
        c = f"c_{p.name}"
        result = c_str(f"the result of {self.callable_name}() argument '{naming.param_name(p)}'")
        self.decls.append(f"callback_context {c} = {{NULL, NULL, 0}};")
        self.converts(p, f"callback_arg({self.sources[p.name]}, {self.what(p)}, {result}, &{c})")
        self.after.append(f"if ({c}.failed) goto done;  /* its exception is pending */")
        self.args[p.name] = f"cb_{t.callback.name}"

    def length(self, p: m.Param) -> None:
        buf = self.fn.param(p.length_of)  # type: ignore[arg-type]
        count = f"v_{buf.name}.len" if isinstance(buf.type, m.BytesT) else f"v_{buf.name}.count"
        s = p.type.scalar  # type: ignore[union-attr]
        if s.bits < 64:
            top = s.int_range()[1]
            self.checks.append(f"if ({count} > {top}) {{ too_long({self.what(buf)}, {top}u); goto done; }}")
        self.args[p.name] = f"({s.c}){count}"

    def bytes_output(self, p: m.Param) -> str:
        """An output returned as bytes: the library writes into the bytes object itself, no copy."""
        o = f"o_{p.name}"
        self.decls.append(f"PyObject *{o} = NULL;")
        self.cleanup.append(f"Py_XDECREF({o});")
        self.args[p.name] = f"(uint8_t *)PyBytes_AS_STRING({o})"
        self.results[p.name] = f"Py_NewRef({o})"
        return o

    def tuple_output(self, p: m.Param, elem: m.Scalar, count: str) -> str:
        """An output of numbers returned as a tuple of them."""
        v = f"v_{p.name}"
        self.args[p.name] = v
        self.results[p.name] = f"array_tuple({v}, {count}, sizeof {v}[0], box_{elem.name})"
        return v

    def array_output(self, p: m.Param, t: m.ArrayOutT) -> None:
        if naming.array_is_bytes(t):
            o = self.bytes_output(p)
            self.prepare.append(f"if (({o} = PyBytes_FromStringAndSize(NULL, {t.length})) == NULL) goto done;")
        else:
            v = self.tuple_output(p, t.elem, str(t.length))
            self.decls.append(f"{t.elem.c} {v}[{t.length}] = {{0}};")

    def length_expr(self, p: m.Param, size: m.LenExpr, elem: m.Scalar, role: str) -> str:
        """Declares the static description of a length expression; gives the C value of its n."""
        if not 0 <= size.mul < 1 << 64 or not -(1 << 63) < size.add < 1 << 63 \
                or size.param is None and size.add * elem.size >= 1 << 63:
            raise _fail(f"function '{self.fn.name}'", f"the length {size} of '{p.name}' is out of range")
        what = c_str(f"{self.callable_name}() {role} '{naming.param_name(p)}'")
        param = "NULL" if size.param is None else c_str(naming.param_name(self.fn.param(size.param)))
        mul = 0 if size.param is None else size.mul
        self.decls.append(f"static const length_expr len_{p.name} = {{{what}, {c_str(str(size))}, {param}, "
                          f"{c_str(naming.length_unit(elem))}, {mul}u, {size.add}, sizeof({elem.c})}};")
        return "0" if size.param is None else self.args[size.param]

    def sized_input(self, p: m.Param, size: m.LenExpr) -> None:
        """A buffer of `len = "<expr>"`: it must hold at least that many elements."""
        if isinstance(p.type, m.BytesT):
            elem, count = m.SCALARS["u8"], f"v_{p.name}.len"
        else:
            elem, count = p.type.elem, f"v_{p.name}.count"  # type: ignore[union-attr]
        n = self.length_expr(p, size, elem, "argument")
        self.checks.append(f"if (length_check(&len_{p.name}, {n}, {count}, NULL) < 0) goto done;")

    def sized_output(self, p: m.Param, t: m.BufOutT) -> None:
        """`[T; expr]`: allocated (zeroed) once n is known, returned like `[T; N]`."""
        count = f"n_{p.name}"
        self.decls.append(f"Py_ssize_t {count} = 0;")
        if naming.array_is_bytes(t):
            alloc = f"({self.bytes_output(p)} = zeroed_bytes({count})) == NULL"
        else:
            v = self.tuple_output(p, t.elem, count)
            self.decls.append(f"{t.elem.c} *{v} = NULL;")
            self.cleanup.append(f"PyMem_Free({v});")
            alloc = f"({v} = zeroed_items({count}, sizeof *{v})) == NULL"
        self.sized.append(partial(self.allocate, p, t, count, alloc))

    def allocate(self, p: m.Param, t: m.BufOutT, count: str, alloc: str) -> None:
        n = self.length_expr(p, t.size, t.elem, "output")
        self.prepare.append(f"if (length_check(&len_{p.name}, {n}, -1, &{count}) < 0\n"
                            f"    || ({alloc} && length_no_memory(&len_{p.name}, {n}, {count}))) goto done;")

    def output(self, p: m.Param, t: m.OutT) -> None:
        target, v = t.target, f"v_{p.name}"
        self.args[p.name] = f"&{v}"
        if isinstance(target, m.Scalar):
            self.decls.append(f"{target.c} {v} = 0;")
            self.results[p.name] = f"box_{target.name}(&{v})"
        elif isinstance(target, m.Struct):
            self.decls.append(f"{target.c_name} {v} = {{0}};")
            self.results[p.name] = f"s_{target.name}_wrap({self.st()}, {v})"
        else:  # owned from the moment the call returns, so no later failure can leak it
            o = f"o_{p.name}"
            self.decls += [f"{target.c_name} *{v} = NULL;", f"PyObject *{o} = NULL;"]
            self.after.insert(0, f"if ({v} != NULL && ({o} = h_{target.name}_wrap({self.st()}, {v})) == NULL) "
                                 "goto done;")
            self.cleanup.append(f"Py_XDECREF({o});")
            if self.constructor:
                self.final.append(f"if ({o} == NULL) {{ PyErr_SetString(PyExc_SystemError, "
                                  f"\"{self.fn.symbol} gave no object\"); goto done; }}")
            self.results[p.name] = f"owned_or_none({o})"

    def owned_str(self, free_symbol: str) -> None:
        """A string the caller frees: copied, then freed once right away (unless NULL), before anything can fail."""
        self.decls += ["const char *v_result = NULL;", "PyObject *o_result = NULL;"]
        self.after.insert(0, f"o_result = cstr_result(v_result);\n"
                             f"if (v_result != NULL) {{\n    {free_symbol}((void *)v_result);\n}}\n"
                             "if (o_result == NULL) goto done;")
        self.cleanup.append("Py_XDECREF(o_result);")
        self.results["result"] = "Py_NewRef(o_result)"

    # ---- the call ----
    def returns(self) -> str:
        """Declares what the call returns; gives the left-hand side of the call ('' for void)."""
        r = self.fn.returns
        if isinstance(r, m.VoidT):
            return ""
        if isinstance(r, m.StatusT):
            self.decls.append("int status = 0;")
            self.after.append(f"if (status != 0) {{ raise_status({self.st()}, status); goto done; }}")
            return "status = "
        if isinstance(r, m.ScalarT):
            self.decls.append(f"{r.scalar.c} v_result = 0;")
            self.results["result"] = f"box_{r.scalar.name}(&v_result)"
        elif isinstance(r, m.StructT):
            self.decls.append(f"{r.struct.c_name} v_result = {{0}};")
            self.results["result"] = f"s_{r.struct.name}_wrap({self.st()}, v_result)"
        elif owns_str(self.fn):
            self.owned_str(self.fn.free_symbol)  # type: ignore[arg-type]
        elif isinstance(r, m.CStrT):
            self.decls.append("const char *v_result = NULL;")
            self.results["result"] = "cstr_result(v_result)"
        else:
            raise _fail(f"function '{self.fn.name}'", f"returns {type(r).__name__.removesuffix('T').lower()}, "
                        "a pointer of unknown length and owner; only a handle's data accessor may return one")
        return "v_result = "

    def lines(self) -> list[str]:
        for p in self.fn.params:
            self.param(p)
        for sized in self.sized:
            sized()
        lhs = self.returns()
        call = f"{lhs}{self.fn.symbol}({', '.join(self.args[p.name] for p in self.fn.params)})"
        if self.sizes and not self.fn.takes_callback:  # a callback needs the GIL at every call anyway
            call = f"CALL({' + '.join(self.sizes)} >= RELEASE_GIL_BYTES, {call});"
        else:
            call += ";"
        names = [name for name, _ in self.fn.results]
        out = ["PyObject *ret = NULL;", *self.decls]
        if len(names) > 1:
            out.append(f"PyObject *results[{len(names)}] = {{NULL}};")
        out += [*self.convert, *self.checks, *self.prepare, call, *self.after, *self.final]
        if not names:
            out.append("ret = Py_NewRef(Py_None);")
        elif len(names) == 1:
            out.append(f"ret = {self.results[names[0]]};")
        else:
            out += [f"if ((results[{k}] = {self.results[n]}) == NULL) goto done;" for k, n in enumerate(names)]
            out.append(f"ret = tuple_of(results, {len(names)});")
            self.cleanup.append(f"clear_all(results, {len(names)});")
        if any("goto done" in line for line in out):
            out.append("done:")
        return [*out, *self.cleanup, "return ret;"]


def _indent(lines: list[str]) -> str:
    """Lines (each may hold several) indented one level, except the cleanup label."""
    flat = [part for line in lines for part in line.split("\n")]
    return "\n".join(part if part == "done:" or not part else "    " + part for part in flat)


def _doc_var(c: str, doc: str) -> str:
    return f"PyDoc_STRVAR({c}_doc,\n{_indent(c_str(doc).splitlines())});"


def _signature(c: str, name: str, fn: m.Function, positional_only: int) -> str:
    """The static binding rules bind_args() reads: keyword names, how many are positional-only, required."""
    names = "".join(f"{c_str(naming.param_name(p))}, " for p in python_inputs(fn))
    return (f"static const char *const {c}_keywords[] = {{{names}NULL}};\n"
            f"static const signature {c}_signature = {{{c_str(name)}, {c}_keywords, {positional_only}, "
            f"{_required(fn)}, {len(fn.inputs)}}};\n")


# ---------------------------------------------------------------- functions


def c_function(fn: m.Function) -> tuple[str, str]:
    """The wrapper of one function, and its line in the method table."""
    name, c = naming.function_name(fn), f"fn_{fn.name}"
    inputs, required = python_inputs(fn), _required(fn)
    decl, sources = "", {p.name: f"args[{k}]" for k, p in enumerate(inputs)}
    if not inputs:
        flags, params, prologue = "METH_NOARGS", "PyObject *Py_UNUSED(ignored)", []
    elif required == len(inputs):
        flags, params = "METH_FASTCALL", "PyObject *const *args, Py_ssize_t nargs"
        prologue = [f"if (nargs != {len(inputs)}) {{", f"    return wrong_count({c_str(name)}, {len(inputs)}, nargs);",
                    "}"]
    else:
        flags, params = "METH_FASTCALL | METH_KEYWORDS", "PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames"
        decl = _signature(c, name, fn, required)
        prologue = [f"PyObject *argv[{len(inputs)}];",
                    f"if (bind_args(&{c}_signature, args, nargs, kwnames, NULL, argv) < 0) {{", "    return NULL;", "}"]
        sources = {p.name: f"argv[{k}]" for k, p in enumerate(inputs)}
    call = _Call(fn, name, sources)
    body = call.lines()
    if call.state:
        prologue.append("module_state *st = get_state(module);")
    doc = f"{name}({text_signature(fn, '$module')})\n--\n\n{function_doc(fn)}"
    text = (f"{decl}{_doc_var(c, doc)}\n\n"
            f"static PyObject *\n{c}(PyObject *{'module' if call.state else 'Py_UNUSED(module)'}, {params})\n"
            f"{{\n{_indent(prologue + body)}\n}}\n")
    cast = c if flags == "METH_NOARGS" else f"(PyCFunction)(void (*)(void)){c}"
    return text, f"{{{c_str(name)}, {cast}, {flags}, {c}_doc}},"


# ---------------------------------------------------------------- structs, handles, callbacks

MEMBER_TYPES = {"i8": "Py_T_BYTE", "i16": "Py_T_SHORT", "i32": "Py_T_INT", "i64": "Py_T_LONGLONG",
                "u8": "Py_T_UBYTE", "u16": "Py_T_USHORT", "u32": "Py_T_UINT", "u64": "Py_T_ULONGLONG",
                "usize": "Py_T_ULONG", "f32": "Py_T_FLOAT", "f64": "Py_T_DOUBLE", "bool": "Py_T_BOOL"}


def struct_doc(st: m.Struct) -> str:
    fields = [f"    {naming.field_name(f)}: {f.doc}" for f in st.fields if f.doc]
    return "\n".join([st.doc or f"The {st.name} struct.", *(["", "Attributes:", *fields] if fields else [])])


def c_struct(model: m.Model, backend, st: m.Struct) -> str:
    c, cls = f"s_{st.name}", naming.class_name(st)
    members = [f"{{{c_str(naming.field_name(f))}, {MEMBER_TYPES[f.type.name]}, offsetof({c}_object, value.{f.name}), "
               f"Py_READONLY, {c_str(f.doc) if f.doc else 'NULL'}}}," for f in st.fields]
    return backend.render(
        "struct.c.in", c=c, ctype=st.c_name, name=cls, field=cls, qualified=naming.qualified(model.package, cls),
        summary=st.doc or st.name, members="\n".join(members), count=str(len(st.fields)),
        field_names=", ".join(c_str(naming.field_name(f)) for f in st.fields), doc=_doc_var(c, struct_doc(st)))


def handle_doc(model: m.Model, h: m.Handle) -> str:
    new = model.handle_function(h, "new")
    assert new is not None
    call = f"{naming.class_name(h)}({text_signature(new, None)})"
    lines = [h.doc or f"The {h.name} handle.", "", f"{call}: {new.doc}" if new.doc else call,
             *_doc_sections(new, with_results=False), "",
             "Use it as a context manager, or call close(); the garbage collector frees it otherwise.",
             "After close(), using it raises ValueError."]
    if h.data and h.len:
        lines += ["It supports the buffer protocol: memoryview(obj) is its memory, writable, without a copy;",
                  "close() raises BufferError while such a view is alive."]
    return "\n".join(lines)


def _with_signature(model: m.Model, h: m.Handle) -> str:
    """The type's C doc: a "--" header first gives the class its __text_signature__, so inspect.signature(Buffer)
    works as it does for functions (Python strips the header from __doc__)."""
    new = model.handle_function(h, "new")
    assert new is not None
    return f"{naming.class_name(h)}({text_signature(new, None)})\n--\n\n{handle_doc(model, h)}"


def c_handle(model: m.Model, backend, h: m.Handle) -> str:
    c, cls = f"h_{h.name}", naming.class_name(h)
    new, free = model.handle_function(h, "new"), model.handle_function(h, "free")
    assert new is not None and free is not None
    if [name for name, _ in new.results] != [new.params[-1].name]:
        raise _fail(f"handle '{h.name}'", f"its constructor {new.name} has outputs besides the {h.name} itself")
    data, length = model.handle_function(h, "data"), model.handle_function(h, "len")
    accessors, slots = [], []
    if data and length:
        accessors.append(f"\nstatic void *\n{c}_data(void *ptr)\n{{\n"
                         f"    return {data.symbol}(({h.c_name} *)ptr);\n}}")
        slots += ["{Py_bf_getbuffer, (void *)handle_getbuffer},",
                  "{Py_bf_releasebuffer, (void *)handle_releasebuffer},"]
    if length:
        accessors.append(f"\nstatic size_t\n{c}_len(const void *ptr)\n{{\n"
                         f"    return {length.symbol}((const {h.c_name} *)ptr);\n}}")
        slots.append("{Py_mp_length, (void *)handle_length},")
    inputs, required = python_inputs(new), _required(new)
    call = _Call(new, cls, {p.name: f"argv[{k}]" for k, p in enumerate(inputs)}, constructor=True)
    body = call.lines()
    bind = f"bind_args(&{c}_signature, &PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args), NULL, kwargs, argv)"
    prologue = [f"PyObject *argv[{max(len(inputs), 1)}];", f"if ({bind} < 0) {{", "    return NULL;", "}",
                "module_state *st = PyType_GetModuleState(type);"]
    constructor = (f"{_signature(c, cls, new, required)}\n"
                   f"static PyObject *\n{c}_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)\n{{\n"
                   f"{_indent(prologue + body)}\n}}")
    return backend.render(
        "handle.c.in", c=c, ctype=h.c_name, field=cls, qualified=naming.qualified(model.package, cls),
        summary=h.doc or h.name, free=free.symbol, accessors="\n".join(accessors),
        data=f"{c}_data" if data and length else "NULL", len=f"{c}_len" if length else "NULL",
        constructor=constructor, slots="\n".join(slots), doc=_doc_var(c, _with_signature(model, h)))


def c_callback(cb: m.Callback) -> str:
    """The trampoline the library calls. It calls the Python callable; after the callable's first
    exception it returns zero at once, until the library returns and the exception propagates."""
    inputs = [p for p in cb.params if p.role == m.INPUT]
    params = ", ".join("void *user" if p.role == m.USER else f"{p.type.scalar.c} p_{p.name}"  # type: ignore[union-attr]
                       for p in cb.params)
    returns = cb.returns.scalar.c if isinstance(cb.returns, m.ScalarT) else "void"
    n, value = len(inputs), returns != "void"
    lines = ["callback_context *ctx = user;"]
    if value:
        lines.append(f"{returns} ret = 0;")
    lines += ["if (ctx->failed) {", "    return ret;" if value else "    return;", "}",
              f"PyObject *args[{n + 1}] = {{NULL}};  /* args[0] is free for PY_VECTORCALL_ARGUMENTS_OFFSET */",
              "PyObject *result = NULL;"]
    boxes = [f"(args[{k + 1}] = box_{p.type.scalar.name}(&p_{p.name})) != NULL"  # type: ignore[union-attr]
             for k, p in enumerate(inputs)]
    vectorcall = f"result = PyObject_Vectorcall(ctx->fn, args + 1, {n} | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);"
    if boxes:
        lines += [f"if ({boxes[0]}", *(f"    && {b}" for b in boxes[1:])]
        lines[-1] += ") {"
        lines += [f"    {vectorcall}", "}", f"clear_all(args + 1, {n});"]
    else:
        lines.append(vectorcall)
    if isinstance(cb.returns, m.ScalarT):
        convert = f"arg_{cb.returns.scalar.name}(result, ctx->result, &ret)"
        lines += [f"if (result == NULL || {convert} < 0) {{", "    ctx->failed = 1;", "    ret = 0;", "}",
                  "Py_XDECREF(result);", "return ret;"]
    else:
        lines += ["if (result == NULL) {", "    ctx->failed = 1;", "}", "Py_XDECREF(result);"]
    head = f"/* {cb.name}: {cb.doc or 'a callback'} */\nstatic {returns}\ncb_{cb.name}({params})"
    return f"{head}\n{{\n{_indent(lines)}\n}}\n"


# ---------------------------------------------------------------- the module


def public_names(model: m.Model) -> list[tuple[str, str]]:
    """(Python name, what it is) of everything the package exports; a clash is an error."""
    names = [(naming.BASE_ERROR, "the base error class")]
    names += [(naming.error_name(e), f"error '{e.name}'") for e in model.errors]
    names += [(naming.class_name(s), f"struct '{s.name}'") for s in model.structs]
    names += [(naming.class_name(h), f"handle '{h.name}'") for h in model.handles]
    names += [(naming.function_name(f), f"function '{f.name}'") for f in model.free_functions]
    seen: dict[str, str] = {}
    for name, what in names:
        if name in seen:
            raise _fail(what, f"its Python name {name} is already taken by {seen[name]}")
        seen[name] = what
    return names


def error_doc(e: m.Error) -> str:
    return f"{e.message[:1].upper()}{e.message[1:]} (status {e.code})."


def _created(field: str, expr: str) -> list[str]:
    """module_exec's lines that create one class into the module state."""
    return [f"if ((st->{field} = {expr}) == NULL) {{", "    return -1;", "}"]


def module_c(model: m.Model, backend) -> str:
    pkg = model.package
    public_names(model)
    classes = [naming.error_name(e) for e in model.errors]
    types = [naming.class_name(s) for s in model.structs] + [naming.class_name(h) for h in model.handles]
    fields = [f"PyObject *{naming.BASE_ERROR};"] + [f"PyObject *{c};" for c in classes]
    fields += [f"PyTypeObject *{t};" for t in types]
    every = [naming.BASE_ERROR, *classes, *types]
    base_doc = f"Base class of the errors {pkg.name} reports; .code is the status code."
    exec_lines = _created(naming.BASE_ERROR, f"new_error(module, {c_str(naming.qualified(pkg, naming.BASE_ERROR))}, "
                                             f"{c_str(base_doc)}, 0, PyExc_Exception, NULL)")
    for e in model.errors:
        builtin = f"PyExc_{naming.builtin_base(e)}" if naming.builtin_base(e) else "NULL"
        exec_lines += _created(naming.error_name(e), f"new_error(module, "
                               f"{c_str(naming.qualified(pkg, naming.error_name(e)))}, {c_str(error_doc(e))}, "
                               f"{e.code}, st->{naming.BASE_ERROR}, {builtin})")
    for s in model.structs:
        exec_lines += _created(naming.class_name(s), f"new_struct_type(module, &s_{s.name}_spec)")
    for h in model.handles:
        exec_lines += _created(naming.class_name(h), f"new_type(module, &h_{h.name}_spec)")
    strerror = model.strerror
    if strerror is not None:
        code_type = strerror.params[0].type.scalar.c  # type: ignore[union-attr]
        message = [f"const char *message = {strerror.symbol}(({code_type})code);",
                   'return message != NULL ? message : "unknown error";']
    else:
        message = ["(void)code;", 'return "unknown error";']
    cases = [f"case {e.code}:\n    type = st->{naming.error_name(e)};\n    break;" for e in model.errors]

    functions, methods = [], []
    for fn in model.free_functions:
        text, method = c_function(fn)
        functions.append(text)
        methods.append(method)
    return backend.render(
        "module.c.in",
        qualified=f"{naming.module_name(pkg)}.{naming.extension_name(pkg)}",
        module=naming.module_name(pkg),
        extension=naming.extension_name(pkg),
        header=model.header_name,
        state_fields="\n".join(fields),
        error_message="\n".join(message),
        error_cases="\n".join(cases),
        types="\n".join([c_struct(model, backend, s) for s in model.structs]
                        + [c_handle(model, backend, h) for h in model.handles]),
        callbacks="\n".join(c_callback(cb) for cb in model.callbacks),
        functions="\n".join(functions),
        methods="\n".join(methods),
        exec="\n".join(exec_lines),
        state_visit="\n".join(f"Py_VISIT(st->{n});" for n in every),
        state_clear="\n".join(f"Py_CLEAR(st->{n});" for n in every),
        doc=c_str(pkg.description or pkg.name),
    )


# ---------------------------------------------------------------- the Python package


def _py_params(fn: m.Function, shadowed: naming.Shadowed, first: str | None = None) -> str:
    params = [first] if first else []
    required = _required(fn)
    for k, p in enumerate(python_inputs(fn)):
        hint = naming.input_hint(p.type, shadowed)
        default = "" if p.default is None else f" = {naming.scalar_literal(p.default, p.type.scalar)}"  # type: ignore
        params.append(f"{naming.param_name(p)}: {hint}{default}")
        if k == required - 1:
            params.append("/")
    return ", ".join(params)


def _exported(model: m.Model) -> list[str]:
    """`__all__`: the public names, except those that would hide a builtin on `import *`."""
    return sorted(name for name, _ in public_names(model) if not naming.shadows_builtin(name))


def init_py(model: m.Model, backend) -> str:
    pkg = model.package
    names = sorted(name for name, _ in public_names(model))
    return backend.render(
        "__init__.py.in", docstring=py_docstring(pkg.description or pkg.name, ""),
        extension=naming.extension_name(pkg), module=naming.module_name(pkg), version=pkg.version,
        imports="\n".join(f"{n}," for n in names),
        exports="\n".join(f'"{n}",' for n in _exported(model)))


def stub_error(e: m.Error, shadowed: naming.Shadowed) -> str:
    builtin = naming.builtin_base(e)
    bases = naming.BASE_ERROR + (f", {naming.builtin(builtin, shadowed)}" if builtin else "")
    return f"class {naming.error_name(e)}({bases}):\n{py_docstring(error_doc(e), '    ')}\n"


def stub_struct(st: m.Struct, shadowed: naming.Shadowed) -> str:
    cls = naming.class_name(st)
    fields = [(naming.field_name(f), naming.scalar_hint(f.type, shadowed), f) for f in st.fields]
    match_args = ", ".join(repr(name) for name, _, _ in fields) + ("," if len(fields) == 1 else "")
    lines = ["@final", f"class {cls}:", py_docstring(struct_doc(st), "    "), "",
             f"    __match_args__ = ({match_args})",
             f"    def __new__(cls, {', '.join(f'{n}: {h}' for n, h, _ in fields)}) -> Self: ..."]
    for name, hint, f in fields:
        body = f"\n{py_docstring(f.doc, '        ')}" if f.doc else " ..."
        lines += ["    @property", f"    def {name}(self) -> {hint}:{body}"]
    b = partial(naming.builtin, shadowed=shadowed)
    lines += [f"    def __eq__(self, other: {b('object')}, /) -> {b('bool')}: ...",
              f"    def __hash__(self) -> {b('int')}: ..."]
    return "\n".join(lines) + "\n"


def stub_handle(model: m.Model, h: m.Handle, shadowed: naming.Shadowed) -> str:
    new = model.handle_function(h, "new")
    assert new is not None
    b = partial(naming.builtin, shadowed=shadowed)
    lines = ["@final", f"class {naming.class_name(h)}:", py_docstring(handle_doc(model, h), "    "), "",
             f"    def __new__({_py_params(new, shadowed, 'cls')}) -> Self: ...",
             "    def close(self) -> None:", py_docstring("Free the object now; later calls do nothing.", "        "),
             "    @property", f"    def closed(self) -> {b('bool')}: ...",
             "    def __enter__(self) -> Self: ...", f"    def __exit__(self, *exc_info: {b('object')}) -> None: ..."]
    if h.len:
        lines.append(f"    def __len__(self) -> {b('int')}: ...")
    if h.data and h.len:  # the buffer protocol as PEP 688 spells it, for type checkers on every version
        lines += [f"    def __buffer__(self, flags: {b('int')}, /) -> {b('memoryview')}: ...",
                  f"    def __release_buffer__(self, buffer: {b('memoryview')}, /) -> None: ..."]
    return "\n".join(lines) + "\n"


def stub_function(model: m.Model, fn: m.Function, shadowed: naming.Shadowed) -> str:
    returns = naming.results_hint(_result_types(fn), shadowed)
    return (f"def {naming.function_name(fn)}({_py_params(fn, shadowed)}) -> {returns}:\n"
            f"{py_docstring(function_doc(fn), '    ')}\n")


# What a stub may use, in the order its import lines go: the standard library's group, then the stub-only one.
_STUB_IMPORTS = ((("builtins", None), ("collections.abc", ("Callable", "Iterable")), ("typing", ("final",))),
                 (("_typeshed", ("ReadableBuffer", "WriteableBuffer")), ("typing_extensions", ("Self",))))


def _stub_imports(body: str) -> str:
    """Only the imports the stub's text uses (a type checker flags the others)."""
    groups = []
    for group in _STUB_IMPORTS:
        lines = []
        for module, names in group:
            if names is None:
                if re.search(rf"\b{module}\.", body):
                    lines.append(f"import {module}")
                continue
            used = [n for n in names if re.search(rf"\b{n}\b", body)]
            if used:
                lines.append(f"from {module} import {', '.join(used)}")
        if lines:
            groups.append("\n".join(lines))
    return "\n\n".join(groups) + ("\n\n" if groups else "")


def init_pyi(model: m.Model, backend) -> str:
    pkg = model.package
    shadowed = frozenset(name for name, _ in public_names(model) if naming.shadows_builtin(name))
    values = dict(
        base_error=naming.BASE_ERROR, module=naming.module_name(pkg), int=naming.builtin("int", shadowed),
        exports="\n".join(f'"{n}",' for n in _exported(model)),
        errors="\n".join(stub_error(e, shadowed) for e in model.errors),
        classes="\n".join([stub_struct(s, shadowed) for s in model.structs]
                          + [stub_handle(model, h, shadowed) for h in model.handles]),
        functions="\n".join(stub_function(model, fn, shadowed) for fn in model.free_functions))
    return backend.render("__init__.pyi.in", docstring=py_docstring(pkg.description or pkg.name, ""),
                          imports=_stub_imports("\n".join(values.values())), **values)


# ---------------------------------------------------------------- generated tests


def _expect(pkg: m.Package, expr: str, t: object, want: object) -> list[str]:
    """Assertions that `expr` (a result) equals the manifest's `want`."""
    if isinstance(t, m.ScalarT):
        t = t.scalar
    if isinstance(t, m.Scalar):
        if t.is_float:
            return [f"assert same_float({expr}, {naming.scalar_literal(want, t)})"]
        return [f"assert {expr} == {naming.scalar_literal(want, t)}"]
    if isinstance(t, m.StructT):
        out = [f"assert isinstance({expr}, {naming.module_name(pkg)}.{naming.class_name(t.struct)})"]
        for f in t.struct.fields:
            out += _expect(pkg, f"{expr}.{naming.field_name(f)}", f.type, want[f.name])  # type: ignore[index]
        return out
    return [f"assert {expr} == {naming.literal(pkg, want, t)}"]


def test_case(model: m.Model, fn: m.Function, index: int, tv: m.TestVector) -> str:
    pkg, mod = model.package, naming.module_name(model.package)
    values = dict(tv.args)
    slices = [p for p in fn.inputs if isinstance(p.type, m.SliceT)]
    codes = {naming.array_code(p.type.elem) for p in slices}  # type: ignore[union-attr]
    body, args = [], []
    for p in python_inputs(fn):
        lit = naming.literal(pkg, values[p.name], p.type)
        if isinstance(p.type, m.BytesT) and p.type.mutable:
            body.append(f"{naming.param_name(p)} = bytearray({lit})")
            lit = naming.param_name(p)
        elif isinstance(p.type, m.SliceT):
            lit = f"make({lit}, {naming.array_code(p.type.elem)!r})"
        if p.default is None:
            args.append(lit)
        elif values[p.name] != p.default:
            args.append(f"{naming.param_name(p)}={lit}")
    call = f"{mod}.{naming.function_name(fn)}({', '.join(args)})"
    if tv.error is not None:
        e = tv.error
        body += [f"with pytest.raises({mod}.{naming.error_name(e)}) as caught:", f"    {call}",
                 f"assert caught.value.code == {e.code}", f"assert str(caught.value) == {e.message!r}",
                 f"assert isinstance(caught.value, {mod}.{naming.BASE_ERROR})"]
        if naming.builtin_base(e):
            body.append(f"assert isinstance(caught.value, {naming.builtin_base(e)})")
    else:
        body.append(f"result = {call}")
        types = _result_types(fn)
        if tv.expect is not None:
            wants = [tv.expect] if len(types) == 1 else list(tv.expect)  # type: ignore[arg-type]
            for k, (t, want) in enumerate(zip(types, wants, strict=True)):
                body += _expect(pkg, "result" if len(types) == 1 else f"result[{k}]", t, want)
        elif not types:
            body.append("assert result is None")
        for name, want in tv.after:
            body.append(f"assert {naming.identifier(name)} == {naming.literal(pkg, want, fn.param(name).type)}")
    head = f"def test_{fn.name}_{index}():"
    if slices:  # each slice both as a list (converted) and as an array of its type (zero-copy)
        makers = "as_list" if None in codes else "as_list, as_array"
        head = f"@pytest.mark.parametrize('make', [{makers}])\ndef test_{fn.name}_{index}(make):"
    doc = f'    """{fn.name} vector {index} (asmpkg.toml:{tv.line})"""'
    return "\n".join([head, doc, *("    " + line for line in "\n".join(body).split("\n"))]) + "\n"


def test_vectors(model: m.Model, backend) -> str:
    cases = [test_case(model, fn, k, tv) for fn in model.free_functions for k, tv in enumerate(fn.tests)]
    if not cases:
        cases = ["def test_imports():\n    assert " + naming.module_name(model.package) + ".__all__\n"]
    return backend.render("test_vectors.py.in", module=naming.module_name(model.package), cases="\n\n".join(cases))


# ---------------------------------------------------------------- files and Meson


def _meson_str(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


PACKAGE_FILES = ("__init__.py", "__init__.pyi", "py.typed")


def check_callbacks(model: m.Model) -> None:
    for cb in model.callbacks:
        for p in cb.params:
            if not isinstance(p.type, (m.ScalarT, m.UserDataT)):
                raise _fail(f"callback '{cb.name}'", f"parameter '{p.name}' is a pointer; a callback's parameters "
                            "must be scalars or user_data in Python (bind it in C only: remove python from "
                            "[languages] enabled)")


def files(model: m.Model, backend) -> dict[str, str]:
    check_callbacks(model)
    pkg = model.package
    out_dir, mod, ext = backend.output_dir(), naming.module_name(pkg), naming.extension_name(pkg)
    return {
        f"{out_dir}/{ext}.c": module_c(model, backend),
        f"{out_dir}/{mod}/__init__.py": init_py(model, backend),
        f"{out_dir}/{mod}/__init__.pyi": init_pyi(model, backend),
        f"{out_dir}/{mod}/py.typed": backend.render("py.typed.in"),
        f"{out_dir}/stage.py": backend.render("stage.py.in"),
        f"{out_dir}/pkgtool.py": backend.render("pkgtool.py.in"),
        f"{out_dir}/pyproject.toml": release.pyproject(model, backend, list(model.languages)),
        f"{out_dir}/README.md": release.readme(model, backend),
        f"{out_dir}/tests/test_vectors.py": test_vectors(model, backend),
        f"{out_dir}/tests/test_exports.py": backend.render(
            "test_exports.py.in", module=mod, extension=ext, library=pkg.library, prefix=pkg.prefix),
    }


def meson_values(model: m.Model, generated: dict[str, str]) -> dict[str, str]:
    pkg = model.package
    mod = naming.module_name(pkg)
    tests = [("vectors", "meson.current_source_dir() / 'tests' / 'test_vectors.py'"),
             ("exports", "meson.current_source_dir() / 'tests' / 'test_exports.py'")]
    hand_written = model.tests_dir("python")
    if hand_written:
        tests.append(("tests", f"meson.project_source_root() / {_meson_str(hand_written)}"))
    return {
        "module": mod,
        "extension": naming.extension_name(pkg),
        "package_files": ", ".join(_meson_str(f"{mod}/{f}") for f in PACKAGE_FILES),
        "tests": "{\n  " + ",\n  ".join(f"{_meson_str(name)}: {path}" for name, path in tests) + ",\n}",
        "library": pkg.library,
        "sdist": release.sdist_name(pkg),
        "sdist_args": "\n".join(f"    {_meson_str(flag)}, {_meson_str(value)}," for flag, value in pairs(
            release.sdist_args(model, "bindings/python", [
                "meson.build", "stage.py", "pkgtool.py", f"{naming.extension_name(pkg)}.c",
                *(f"{mod}/{f}" for f in PACKAGE_FILES)]))),
        "wheel_prefix": release.wheel_prefix(pkg),
        "platform": release.PLATFORM,
        "platform_tags": release.PLATFORM_TAGS,
    }


def pairs(args: list[str]) -> list[tuple[str, str]]:
    return list(zip(args[::2], args[1::2], strict=True))
