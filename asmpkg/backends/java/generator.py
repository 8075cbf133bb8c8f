"""The Java backend: Java sources, the JNI glue, a Maven pom and the generated JUnit vectors, from the model.

Every C function becomes one static native method (its Java-side arguments are primitives, arrays,
ByteBuffers and callback objects only) and public overloads that check arguments, then call it:

- `bytes` / `bytes_mut`: `byte[]`, `(byte[], int off, int len)` and `ByteBuffer` (direct ones in place);
  `slice<T>`: `T[]` and `(T[], int off, int len)`; parameters with a default get overloads without them;
- results: nothing, one value, or a record `<Function>Result` when there are several; `[T; N]` outputs are
  arrays the Java side allocates and the glue fills, and so are `[T; expr]` ones, of the length the expression gives;
- a buffer whose `len` is an expression (`4*n`) keeps `n` an argument: the Java side checks that the buffer holds
  that many elements (exactly, `lengths.java.in`) and hands the glue only those;
- `status`: an unchecked exception thrown by the glue; structs: records; handles: an `AutoCloseable`
  nested class; callbacks: a `java.util.function` interface when one fits, else a nested one.

Functions of scalars and plain buffers go through `<Class>Downcalls` instead, whose two multi-release versions
call C wrappers the JNI library exports without JNI's thread-state transitions (JDK 17's incubating linker,
JDK 22's FFM critical downcalls) when the JVM allows it, and the native method otherwise.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ... import model as m
from ...errors import Diagnostic, InputError
from ...manifest import MANIFEST
from . import naming

JUNIT_VERSION = "1.10.2"  # junit-platform-console-standalone; Jupiter is 5.10.2
JUPITER_VERSION = "5.10.2"


class JavaGenerationError(InputError):
    pass


def _fail(fn: m.Function | None, message: str) -> JavaGenerationError:
    """A generation error, located at the function's manifest entry when there is one."""
    if fn is None:
        return JavaGenerationError(f"java backend: {message}")
    diagnostic = Diagnostic(MANIFEST, fn.line, 1, "", f"java backend: function '{fn.name}': {message}")
    return JavaGenerationError(f"java backend cannot bind function '{fn.name}'", (diagnostic,))


def _section(items: list[str]) -> str:
    """Members of the main class, indented, with a blank line after (nothing when empty)."""
    return _indent("\n\n".join(items)) + "\n\n" if items else ""


def _indent(text: str, by: str = "    ") -> str:
    return "\n".join(by + line if line else "" for line in text.splitlines())


# ---------------------------------------------------------------- shared facts


@dataclass
class Ctx:
    model: m.Model
    pkg: m.Package
    cls: str  # AsmMath
    has_errors: bool
    imports: set[str] = field(default_factory=set)
    natives: list[str] = field(default_factory=list)  # Java declarations
    symbols: list[str] = field(default_factory=list)  # exported JNI symbols
    c_functions: list[str] = field(default_factory=list)
    ffm_symbols: list[str] = field(default_factory=list)  # exported C wrappers of the FFM path
    ffm_wrappers: list[str] = field(default_factory=list)

    def jclass(self, simple: str) -> str:
        """JNI internal name of a class in the package: org/example/asmmath/Point."""
        return self.pkg.java_package.replace(".", "/") + "/" + simple

    def nested(self, simple: str) -> str:
        return self.jclass(self.cls + "$" + simple)


# Outputs the Java side allocates as arrays and the glue fills: `[T; N]`, and `[T; expr]` of a computed length.
OUT_ARRAYS = (m.ArrayOutT, m.BufOutT)


def _scalar_of(t: object) -> m.Scalar | None:
    if isinstance(t, m.ScalarT):
        return t.scalar
    if isinstance(t, m.Scalar):
        return t
    return None


def _callback_shape(cb: m.Callback) -> tuple[tuple[str, ...], str]:
    """(Java parameter types, Java return type) of a callback, without its user pointer."""
    params = tuple(naming.java_scalar(p.type.scalar) for p in cb.params if isinstance(p.type, m.ScalarT))
    ret = naming.java_scalar(cb.returns.scalar) if isinstance(cb.returns, m.ScalarT) else "void"
    return params, ret


def _callback_iface(cb: m.Callback, ctx: Ctx) -> tuple[str, str, str, bool]:
    """(Java type, method name, JNI class name, generated?) of the interface a callback becomes."""
    std = naming.STD_FUNCTIONAL.get(_callback_shape(cb))
    if std:
        qualified, method = std
        if "." in qualified:
            ctx.imports.add(qualified)
        simple = qualified.rsplit(".", 1)[-1]
        return simple, method, ("java/lang/" + simple if "." not in qualified else qualified.replace(".", "/")), False
    name = naming.callback_interface(cb)
    return name, "apply", ctx.nested(name), True


def _jni_method_sig(cb: m.Callback) -> str:
    args = "".join(naming.jni_sig(p.type.scalar) for p in cb.params if isinstance(p.type, m.ScalarT))
    ret = naming.jni_sig(cb.returns.scalar) if isinstance(cb.returns, m.ScalarT) else "V"
    return f"({args}){ret}"


# ---------------------------------------------------------------- one function: the native method and its glue


@dataclass
class Result:
    name: str  # Java name (record component)
    type: object  # ScalarT, StructT, HandleT, ArrayOutT, BufOutT, CStrT
    doc: str


def results(fn: m.Function) -> list[Result]:
    out = []
    for name, t in fn.results:
        if name == "result":
            out.append(Result("result", t, ""))
            continue
        p = fn.param(name)
        out.append(Result(naming.param(p), p.type if isinstance(p.type, OUT_ARRAYS) else t, p.doc))
    for r in out:
        if isinstance(r.type, m.PtrT):
            raise _fail(fn, "returns ptr<{}> with no length, which Java cannot hold safely; give it a handle "
                            "with data and len, or return bytes through an output".format(r.type.elem.name))
        if isinstance(r.type, m.VoidT):
            raise _fail(fn, "void is not a result")
    names = [r.name for r in out]
    if len(set(names)) != len(names):
        raise _fail(fn, f"two results are both called '{names[0]}' in Java")
    return out


def java_result_type(r: Result, ctx: Ctx) -> str:
    t = r.type
    if isinstance(t, m.ScalarT):
        return naming.java_scalar(t.scalar)
    if isinstance(t, m.StructT):
        return naming.struct(t.struct)
    if isinstance(t, m.HandleT):
        return naming.handle(t.handle)
    if isinstance(t, OUT_ARRAYS):
        return naming.java_scalar(t.elem) + "[]"
    if isinstance(t, m.CStrT):
        return "String"
    raise TypeError(t)


def _jni_result_sig(r: Result, ctx: Ctx) -> str:
    t = r.type
    if isinstance(t, m.ScalarT):
        return naming.jni_sig(t.scalar)
    if isinstance(t, m.StructT):
        return f"L{ctx.jclass(naming.struct(t.struct))};"
    if isinstance(t, m.HandleT):
        return f"L{ctx.nested(naming.handle(t.handle))};"
    if isinstance(t, OUT_ARRAYS):
        return "[" + naming.jni_sig(t.elem)
    if isinstance(t, m.CStrT):
        return "Ljava/lang/String;"
    raise TypeError(t)


class Glue:
    """The native method of one C function: its Java declaration and its C body."""

    def __init__(self, fn: m.Function, ctx: Ctx, method: str | None = None) -> None:
        self.fn = fn
        self.ctx = ctx
        self.method = method or naming.native(fn)
        self.visibility = "private "  # package-private when the downcalls class calls it
        self.results = results(fn)
        self.callback = fn.takes_callback
        self.java_params: list[str] = []  # "long a"
        self.c_params: list[str] = []  # "jlong a_a"
        self.decls: list[str] = []
        self.direct: list[str] = []
        self.copies: list[str] = []
        self.pins: list[str] = []
        self.unpins: list[str] = []
        self.copy_back: list[str] = []
        self.args: list[str] = []  # C arguments of the library call
        self.build()

    # -- native return kinds
    @property
    def multi(self) -> bool:
        return len(self.results) > 1

    def jni_return(self) -> tuple[str, str]:
        """(Java type, JNI C type) of the native method's return."""
        if not self.results:
            return "void", "void"
        if self.multi:
            return naming.result_record(self.fn), "jobject"
        r = self.results[0]
        t = r.type
        if isinstance(t, m.ScalarT):
            return naming.java_scalar(t.scalar), naming.jni_scalar(t.scalar)
        if isinstance(t, m.HandleT):
            return "long", "jlong"
        if isinstance(t, OUT_ARRAYS):
            return "void", "void"
        return java_result_type(r, self.ctx), ("jstring" if isinstance(t, m.CStrT) else "jobject")

    def fail_value(self) -> str:
        _, ctype = self.jni_return()
        if ctype == "void":
            return "return;"
        if ctype in ("jobject", "jstring"):
            return "return NULL;"
        return "return 0;"

    # -- parameters
    def build(self) -> None:
        fn = self.fn
        lengths = {p.length_of: p for p in fn.params if p.role == m.LENGTH}
        for p in fn.params:
            t = p.type
            c = "a_" + naming.param(p)
            jn = naming.param(p)
            if p.role == m.LENGTH:
                self.args.append(f"({p.type.scalar.c}){'a_' + naming.camel(p.length_of)}_len")  # type: ignore[union-attr]
            elif p.role == m.USER:
                cb_param = next(q for q in fn.params if q.user == p.name)
                self.args.append(f"&k_{naming.param(cb_param)}")
            elif isinstance(t, m.ScalarT):
                self.java_params.append(f"{naming.java_scalar(t.scalar)} {jn}")
                self.c_params.append(f"{naming.jni_scalar(t.scalar)} {c}")
                self.args.append(f"({c} != JNI_FALSE)" if t.scalar.is_bool else f"({t.scalar.c}){c}")
            elif isinstance(t, m.BytesT):
                self.java_params += [f"ByteBuffer {jn}Buf", f"byte[] {jn}Arr", f"int {jn}Off", f"int {jn}Len"]
                self.c_params += [f"jobject {c}_buf", f"jbyteArray {c}_arr", f"jint {c}_off", f"jint {c}_len"]
                self.decls.append(f"uint8_t *{c}_ptr = NULL;")
                self.direct += [f"if ({c}_buf != NULL && ({c}_ptr = direct_address(env, {c}_buf, {c}_off, {c}_len)) == NULL) {{",
                                f"    {self.fail_value()}", "}"]
                self._array(c, m.SCALARS["u8"], "uint8_t", mutable=t.mutable, length=f"{c}_len", direct=True)
                self.args.append(f"{c}_ptr")
                if p.name not in lengths and p.size is None:
                    raise _fail(fn, f"{p.name} has no length parameter")
            elif isinstance(t, m.SliceT):
                arr = naming.jni_scalar(t.elem) + "Array"
                self.java_params += [f"{naming.java_scalar(t.elem)}[] {jn}Arr", f"int {jn}Off", f"int {jn}Len"]
                self.c_params += [f"{arr} {c}_arr", f"jint {c}_off", f"jint {c}_len"]
                self.decls.append(f"{t.elem.c} *{c}_ptr = NULL;")
                self._array(c, t.elem, t.elem.c, mutable=False, length=f"{c}_len", direct=False)
                self.args.append(f"{c}_ptr")
            elif isinstance(t, OUT_ARRAYS):
                # Java allocated it: [T; N] of N elements, [T; expr] of exactly what the expression gives (zeroed)
                fixed = t.length if isinstance(t, m.ArrayOutT) else None
                length = str(fixed) if fixed is not None else f"(*env)->GetArrayLength(env, {c}_arr)"
                arr = naming.jni_scalar(t.elem) + "Array"
                self.java_params.append(f"{naming.java_scalar(t.elem)}[] {jn}Arr")
                self.c_params.append(f"{arr} {c}_arr")
                self.decls.append(f"{t.elem.c} *{c}_ptr = NULL;")
                self.decls.append(f"const jint {c}_off = 0, {c}_len = {length};")
                self._array(c, t.elem, t.elem.c, mutable=True, length=f"{c}_len", direct=False, output=True,
                            fixed=fixed)
                self.args.append(f"{c}_ptr")
            elif isinstance(t, m.OutT):
                target = t.target
                if isinstance(target, m.Scalar):
                    self.decls.append(f"{target.c} o_{jn} = 0;")
                elif isinstance(target, m.Handle):
                    self.decls.append(f"{target.c_name} *o_{jn} = NULL;")
                else:
                    self.decls.append(f"{target.c_name} o_{jn};")
                    self.decls.append(f"memset(&o_{jn}, 0, sizeof o_{jn});")
                self.args.append(f"&o_{jn}")
            elif isinstance(t, m.StructT):
                inits = []
                for f in t.struct.fields:
                    fc = f"{c}_{naming.camel(f.name)}"
                    self.java_params.append(f"{naming.java_scalar(f.type)} {jn}{naming.pascal(f.name)}")
                    self.c_params.append(f"{naming.jni_scalar(f.type)} {fc}")
                    value = f"({fc} != JNI_FALSE)" if f.type.is_bool else f"({f.type.c}){fc}"
                    inits.append(f".{f.name} = {value}")
                self.args.append(f"({t.struct.c_name}){{{', '.join(inits)}}}")
            elif isinstance(t, m.HandleT):
                self.java_params.append(f"long {jn}")
                self.c_params.append(f"jlong {c}")
                const = "const " if t.const else ""
                self.args.append(f"({const}{t.handle.c_name} *)(intptr_t){c}")
            elif isinstance(t, m.CallbackT):
                iface, _, _, _ = _callback_iface(t.callback, self.ctx)
                self.java_params.append(f"{iface} {jn}")
                self.c_params.append(f"jobject {c}")
                self.decls.append(f"struct {t.callback.name}_call k_{jn} = {{env, {c}}};")
                self.args.append(f"{t.callback.name}_trampoline")
            else:
                raise _fail(fn, f"parameter {p.name}: unsupported type {type(t).__name__}")

    def _array(self, c: str, elem: m.Scalar, ctype: str, *, mutable: bool, length: str, direct: bool,
               output: bool = False, fixed: int | None = None) -> None:
        """Access to one Java array: a stack copy when small, else pinned (critical, or elements with callbacks)."""
        jtype = naming.jni_scalar(elem)
        stem = naming.jni_stem(elem)
        size = elem.size
        guard = f"{c}_ptr == NULL" if direct else None
        small = fixed is not None and fixed * size <= 512
        dynamic_small = fixed is None
        if small or dynamic_small:
            count = fixed if fixed is not None else f"SMALL_COPY / {size}"
            self.decls.append(f"{jtype} {c}_copy[{count}];")
            cond = f"{length} <= SMALL_COPY / {size}" if dynamic_small else None
            conds = " && ".join(x for x in (guard, cond) if x)
            lines = []
            if not output:
                lines.append(f"(*env)->Get{stem}ArrayRegion(env, {c}_arr, {c}_off, {length}, {c}_copy);")
            else:  # the copy back must not hand Java stack garbage the library left alone
                lines.append(f"memset({c}_copy, 0, (size_t){length} * sizeof *{c}_copy);" if dynamic_small
                             else f"memset({c}_copy, 0, sizeof {c}_copy);")
            lines.append(f"{c}_ptr = ({ctype} *){c}_copy;")
            if conds:
                self.copies += [f"if ({conds}) {{", *("    " + x for x in lines), "}"]
            else:
                self.copies += lines
            if mutable:
                back = f"(*env)->Set{stem}ArrayRegion(env, {c}_arr, {c}_off, {length}, {c}_copy);"
                when = [f"{c}_ptr == ({ctype} *){c}_copy"] if dynamic_small else []
                if self.callback:
                    when.append("!(*env)->ExceptionCheck(env)")
                if when:
                    self.copy_back += [f"if ({' && '.join(when)}) {{", "    " + back, "}"]
                else:
                    self.copy_back.append(back)
        if small:
            return
        # pinned
        mode = "0" if mutable else "JNI_ABORT"
        self.decls.append(f"void *{c}_pin = NULL;")
        if self.callback:
            get = f"(*env)->Get{stem}ArrayElements(env, {c}_arr, NULL)"
            put = f"(*env)->Release{stem}ArrayElements(env, {c}_arr, ({jtype} *){c}_pin, {mode});"
        else:
            get = f"(*env)->GetPrimitiveArrayCritical(env, {c}_arr, NULL)"
            put = f"(*env)->ReleasePrimitiveArrayCritical(env, {c}_arr, {c}_pin, {mode});"
        self.pins += [f"if ({c}_ptr == NULL) {{",
                      f"    if (({c}_pin = {get}) == NULL) {{",
                      "        goto unpin;",
                      "    }",
                      f"    {c}_ptr = ({ctype} *){c}_pin + {c}_off;",
                      "}"]
        self.unpins.insert(0, f"if ({c}_pin != NULL) {{\n    {put}\n}}")

    # -- C body
    @property
    def owned(self) -> bool:
        """The result is a string the caller frees (`free = ...`): the glue copies it, then frees it."""
        return _owned(self.fn)

    def owned_copy(self) -> list[str]:
        """A Java copy of an owned string in s_result, then the C string freed (once, and never NULL), before any
        path can return; a pending exception (a callback's) leaves nothing to copy, but the string is still freed."""
        if not self.owned:
            return []
        copy = "utf8_string(env, r_result)"
        if self.callback:
            copy = f"(*env)->ExceptionCheck(env) ? NULL : {copy}"
        return [f"jstring s_result = {copy};",
                "if (r_result != NULL) {", f"    {self.fn.free_symbol}((void *)r_result);", "}"]

    def _convert(self, expr: str, t: object) -> tuple[list[str], str]:
        """Statements and an expression turning a C result into its JNI value (an owned string is already one)."""
        if isinstance(t, m.CStrT) and expr == "s_result":
            return [], expr
        if isinstance(t, m.ScalarT):
            if t.scalar.is_bool:
                return [], f"({expr} ? JNI_TRUE : JNI_FALSE)"
            return [], f"({naming.jni_scalar(t.scalar)}){expr}"
        if isinstance(t, m.HandleT):
            return [], f"(jlong)(intptr_t){expr}"
        if isinstance(t, m.CStrT):
            return [], f"utf8_string(env, {expr})"
        if isinstance(t, m.StructT):
            st = t.struct
            name = naming.struct(st)
            lines = [f"jvalue {expr}_v[{max(1, len(st.fields))}];"]
            for k, f in enumerate(st.fields):
                val = f"({expr}.{f.name} ? JNI_TRUE : JNI_FALSE)" if f.type.is_bool else f"({naming.jni_scalar(f.type)}){expr}.{f.name}"
                lines.append(f"{expr}_v[{k}].{naming.jni_sig(f.type).lower()} = {val};")
            return lines, f"(*env)->NewObjectA(env, class_{name}, init_{name}, {expr}_v)"
        raise TypeError(t)

    def c_function(self) -> str:
        fn, ctx = self.fn, self.ctx
        symbol = naming.jni_symbol(ctx.pkg, self.method)
        ctx.symbols.append(symbol)
        _, jret = self.jni_return()
        params = ", ".join(["JNIEnv *env", "jclass cls", *self.c_params])
        body: list[str] = ["(void)env;", "(void)cls;"]
        body += self.decls
        pinned = bool(self.pins)
        if isinstance(fn.returns, m.VoidT):
            call_result = None
        elif fn.is_status:
            body.append("int status = 0;")
            call_result = "status"
        else:
            ctype = m.c_type(fn.returns, ctx.pkg.prefix)
            body.append(f"{ctype}{'' if ctype.endswith('*') else ' '}r_result;")
            if isinstance(fn.returns, m.StructT):
                body.append("memset(&r_result, 0, sizeof r_result);")
            else:
                body[-1] = body[-1][:-1] + " = 0;"
            call_result = "r_result"
        if pinned:
            body.append("int called = 0;")
        body += self.direct
        body += self.copies
        body += self.pins
        call = f"{fn.symbol}({', '.join(self.args)})"
        body.append(f"{call_result} = {call};" if call_result else f"{call};")
        if pinned:
            body.append("called = 1;")
            body.append("unpin:")
            for u in self.unpins:
                body += u.splitlines()
            body += ["if (!called) {", f"    {self.fail_value()}", "}"]
        body += self.copy_back
        body += self.owned_copy()
        if fn.is_status:
            body += ["if (status != 0) {",
                     "    if (!(*env)->ExceptionCheck(env)) {",
                     "        throw_status(env, status);",
                     "    }",
                     f"    {self.fail_value()}",
                     "}"]
        elif self.callback and self.results:
            body += ["if ((*env)->ExceptionCheck(env)) {", f"    {self.fail_value()}", "}"]
        # the return value
        values = []
        for r in self.results:
            if r.name == "result":
                values.append(("s_result" if self.owned else "r_result", r))
            elif isinstance(r.type, OUT_ARRAYS):
                values.append(("a_" + r.name + "_arr", r))
            else:
                values.append(("o_" + r.name, r))
        if self.multi:
            rec = naming.result_record(fn)
            body.append(f"jvalue v[{len(values)}];")

            def unowned(first: int) -> list[str]:
                """Frees the handle outputs from `first` on: Java owns none of them yet (adopted ones have a cleaner)."""
                out = []
                for j, (e, q) in enumerate(values):
                    if j >= first and isinstance(q.type, m.HandleT):
                        free = self.ctx.model.handle_function(q.type.handle, "free")
                        out.append(f"    if ({e} != NULL) {free.symbol}({e});")  # type: ignore[union-attr]
                return out

            for k, (expr, r) in enumerate(values):
                t = r.type
                if isinstance(t, OUT_ARRAYS):
                    body.append(f"v[{k}].l = {expr};")
                elif isinstance(t, m.HandleT):
                    h = naming.handle(t.handle)
                    body.append(f"v[{k}].l = (*env)->CallStaticObjectMethod(env, class_{h}, adopt_{h}, "
                                f"(jlong)(intptr_t){expr});")
                    body += ["if (v[%d].l == NULL && %s != NULL) {" % (k, expr), *unowned(k),
                             f"    {self.fail_value()}", "}"]
                elif isinstance(t, m.ScalarT):
                    _, val = self._convert(expr, t)
                    body.append(f"v[{k}].{naming.jni_sig(t.scalar).lower()} = {val};")
                else:
                    pre, val = self._convert(expr, t)
                    body += pre
                    body.append(f"if ((v[{k}].l = {val}) == NULL && (*env)->ExceptionCheck(env)) {{")
                    body += [*unowned(k + 1), f"    {self.fail_value()}", "}"]
            body.append(f"return (*env)->NewObjectA(env, class_{rec}, init_{rec}, v);")
        elif values and not isinstance(values[0][1].type, OUT_ARRAYS):
            expr, r = values[0]
            pre, val = self._convert(expr, r.type)
            body += pre
            body.append(f"return {val};")
        text = "\n".join("    " + line if not line.endswith(":") or " " in line else line for line in body)
        return f"JNIEXPORT {jret} JNICALL {symbol}({params})\n{{\n{text}\n}}"

    def java_native(self) -> str:
        jret, _ = self.jni_return()
        self.ctx.imports.update(("java.nio.ByteBuffer",) if any(p.startswith("ByteBuffer ") for p in self.java_params) else ())
        return f"{self.visibility}static native {jret} {self.method}({', '.join(self.java_params)});"


# ---------------------------------------------------------------- public overloads


@dataclass
class Form:
    kind: str  # array | range | buffer
    omit_defaults: bool


def forms(fn: m.Function) -> list[Form]:
    inputs = fn.inputs
    kinds = ["array"]
    if any(isinstance(p.type, (m.BytesT, m.SliceT)) for p in inputs):
        kinds.append("range")
    if any(isinstance(p.type, m.BytesT) for p in inputs):
        kinds.append("buffer")
    has_defaults = any(p.default is not None for p in inputs)
    out = []
    for k in kinds:
        if has_defaults:
            out.append(Form(k, True))
        out.append(Form(k, False))
    return out


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken or candidate in naming.KEYWORDS:
        candidate, n = f"{name}{n}", n + 1
    taken.add(candidate)
    return candidate


@dataclass
class Overload:
    params: list[tuple[str, str]]  # (Java type, name)
    lines: list[str]  # body, without the final call
    call_args: list[str]  # arguments of the native call
    docs: list[str]  # @param lines
    throws: list[str]  # @throws lines
    notes: list[str]
    handles: list[tuple[str, str]]  # (handle param name, pointer variable)
    out_arrays: list[str]  # variables holding output arrays
    length_docs: dict[str, str] = field(default_factory=dict)  # buffer -> how its docs name its length (_resolve)

    @property
    def signature(self) -> tuple[str, ...]:
        return tuple(t for t, _ in self.params)


def _with(doc: str, *notes: str) -> str:
    """A doc sentence with notes in parentheses before its final period."""
    notes = tuple(n for n in notes if n)
    if not notes:
        return doc
    base = doc[:-1] if doc.endswith(".") else doc
    return f"{base} ({'; '.join(notes)})" + ("." if doc.endswith(".") else "")


def _type_doc(t: object) -> str:
    s = _scalar_of(t)
    if s is not None:
        return f"{naming.article(naming.java_scalar(s))} {{@code {naming.java_scalar(s)}}}"
    if isinstance(t, m.StructT):
        return f"{naming.article(naming.struct(t.struct))} {{@link {naming.struct(t.struct)}}}"
    if isinstance(t, m.HandleT):
        return f"{naming.article(naming.handle(t.handle))} {{@link {naming.handle(t.handle)}}}"
    if isinstance(t, m.BytesT):
        return "the bytes"
    if isinstance(t, m.SliceT):
        return "the values"
    return "the value"


def _param_doc(p: m.Param, *notes: str, read: bool = False) -> str:
    """A parameter's doc; `read` for one Java code reads (a callback's), else one it passes."""
    doc = naming.javadoc_text(p.doc) if p.doc else _type_doc(p.type)
    s = _scalar_of(p.type)
    extra = []
    if s and naming.is_unsigned(s):
        extra.append(naming.unsigned_note(s) if read else naming.unsigned_pass_note(s))
    if s and s.name == "usize":
        extra.append("not negative")
    return _with(doc, *extra, *notes)


MAX_ARRAY_LENGTH = (1 << 31) - 1 - 8  # lengths.java.in's MAX_ARRAY_LENGTH


@dataclass(frozen=True)
class Sized:
    """A buffer whose length is an expression (`len = "4*n"`, `[u16; count+1]`): what its checks and docs say."""

    buffer: str  # the Java name of the buffer or output
    expr: str  # the expression with Java names: 4*n
    unit: str  # bytes | elements
    param: m.Param | None  # the parameter n (None for a constant length)
    size: m.LenExpr
    label: str | None  # how messages name n: "n", or "n = length of src" for a length filled in from a buffer

    @property
    def being(self) -> str:
        """A doc note saying what n is when it is not an argument: "{@code n} being the length of {@code src}",
        with a placeholder for that length that each overload resolves (_resolve: "{@code len}")."""
        if self.param is None or self.param.role != m.LENGTH:
            return ""
        return f"{{@code {naming.param(self.param)}}} being {_LENGTH_OF}{self.param.length_of}{_LENGTH_OF}"

    def bounds(self, form: Form) -> tuple[int, int]:
        """The smallest and largest values the expression takes over every n the caller can give in a form."""
        p = self.param
        if p is None:
            return self.size.add, self.size.add
        s = p.type.scalar  # type: ignore[union-attr]
        lo, hi = (0, (1 << 63) - 1) if s.name == "usize" else s.int_range()
        if p.role == m.LENGTH:
            hi = min(hi, (1 << 31) - 1)
        elif p.default is not None and form.omit_defaults:
            lo = hi = int(p.default)  # type: ignore[call-overload]
        return self.size.evaluate(lo), self.size.evaluate(hi)


_LENGTH_OF = "\x00"  # "\x00src\x00" in a doc: how the overload names the length of the buffer src


def _resolve(text: str, length_docs: dict[str, str] | None = None) -> str:
    """A doc with each buffer's length as an overload gives it: "{@code len}" for a range of an array,
    "{@code src.remaining()}" for a ByteBuffer, else "the length of {@code src}"."""
    docs = length_docs or {}
    return re.sub(f"{_LENGTH_OF}([^{_LENGTH_OF}]*){_LENGTH_OF}",
                  lambda mo: docs.get(mo.group(1), f"the length of {{@code {naming.camel(mo.group(1))}}}"), text)


def sized(fn: m.Function, p: m.Param) -> Sized | None:
    """The length expression of an input buffer or output, or None when it has a plain length."""
    t = p.type
    size = t.size if isinstance(t, m.BufOutT) else p.size
    if size is None:
        return None
    for k in (size.mul, size.add):
        if not -(1 << 63) <= k < (1 << 63):
            raise _fail(fn, f"{p.name}: the length {size} has a constant beyond a Java long")
    # as the other checks and docs say it: an output returned as a byte[] holds bytes
    byte_out = isinstance(t, m.BufOutT) and t.elem.size == 1 and not t.elem.is_bool
    unit = "bytes" if isinstance(t, m.BytesT) or byte_out else "elements"
    n = fn.param(size.param) if size.param is not None else None
    label = None if n is None else naming.param(n)
    if n is not None and n.role == m.LENGTH:
        label = f"{label} = length of {naming.camel(n.length_of)}"  # type: ignore[arg-type]
    expr = str(m.LenExpr(naming.param(n), size.mul, size.add)) if n is not None else str(size)
    return Sized(naming.param(p), expr, unit, n, size, label)


def _long(value: int) -> str:
    return f"{value}L" if not -(1 << 31) < value < (1 << 31) else str(value)


def _unsigned_value(jn: str, s: m.Scalar) -> str:
    """A Java long holding the unsigned value of a parameter (u64's as its bits: the helpers read it unsigned)."""
    widen = {"byte": "Byte", "short": "Short", "int": "Integer"}.get(naming.java_scalar(s))
    return f"{widen}.toUnsignedLong({jn})" if widen else jn


def _length_args(sz: Sized, value: str) -> str:
    """The arguments usedLength and outputLength (lengths.java.in) take before the input's length."""
    name = naming.string_literal(sz.label) if sz.label else "null"
    mul = sz.size.mul if sz.param is not None else 0
    return (f"{naming.string_literal(sz.buffer)}, {naming.string_literal(sz.expr)}, \"{sz.unit}\", {name}, {value}, "
            f"{_long(mul)}, {_long(sz.size.add)}")


def overload(fn: m.Function, form: Form, ctx: Ctx) -> Overload:
    inputs = fn.inputs
    taken = {naming.param(p) for p in fn.params if p.role in (m.INPUT, m.OUTPUT)}
    buffers = [p for p in inputs if isinstance(p.type, (m.BytesT, m.SliceT))]
    lengths = {p.length_of: p for p in fn.params if p.role == m.LENGTH}
    ov = Overload([], [], [], [], [], [], [], [])
    npe, ioobe, iae, robe = [], [], [], []
    values: dict[str, str] = {}  # parameter -> a Java long of its unsigned value, for length expressions
    buffer_lengths: dict[str, str] = {}  # buffer -> its length in this overload
    checked: list[tuple[Sized, str, str]] = []  # (expression, what its check declares, that check's last argument)
    allocations: list[tuple[Sized, str, str]] = []  # the same for outputs of computed length
    for p in fn.params:
        t = p.type
        jn = naming.param(p)
        if p.role in (m.LENGTH, m.USER):
            continue
        if p.role == m.OUTPUT:
            if isinstance(t, m.ArrayOutT):
                ov.lines.append(f"{naming.java_scalar(t.elem)}[] {jn} = new {naming.java_scalar(t.elem)}[{t.length}];")
                ov.call_args.append(jn)
                ov.out_arrays.append(jn)
            elif isinstance(t, m.BufOutT):
                sz = sized(fn, p)
                assert sz is not None
                jt = naming.java_scalar(t.elem)
                allocations.append((sz, f"{jt}[] {jn} = new {jt}[outputLength(", ")];"))
                ov.call_args.append(jn)
                ov.out_arrays.append(jn)
                lo, hi = sz.bounds(form)
                if lo < 0 or hi > MAX_ARRAY_LENGTH:
                    what = " or ".join((["negative"] if lo < 0 else [])
                                       + (["more than a Java array holds"] if hi > MAX_ARRAY_LENGTH else []))
                    iae.append(f"{{@code {sz.expr}}} is {what}" + (f" ({sz.being})" if sz.being else ""))
            continue
        if p.default is not None and form.omit_defaults:
            s = _scalar_of(t)
            assert s is not None
            ov.call_args.append(naming.scalar_literal(p.default, s))
            if s.is_int:  # a length expression may use it
                value = int(p.default)  # type: ignore[call-overload]
                values[p.name] = _long(value - (1 << 64) if value >= 1 << 63 else value)  # a u64's bits, read unsigned
            ov.notes.append(f"<p>Uses {{@code {jn} = {naming.scalar_literal(p.default, s)}}}.")
            continue
        if isinstance(t, m.ScalarT):
            ov.params.append((naming.java_scalar(t.scalar), jn))
            ov.docs.append(f"@param {jn} {_param_doc(p)}")
            if t.scalar.name == "usize":
                ov.lines += [f"if ({jn} < 0) {{",
                             f"    throw new IllegalArgumentException(\"{jn} must not be negative: \" + {jn});", "}"]
                iae.append(f"{{@code {jn}}} is negative")
            ov.call_args.append(jn)
            values[p.name] = _unsigned_value(jn, t.scalar)
        elif isinstance(t, (m.BytesT, m.SliceT)):
            elem = naming.java_scalar(t.elem) if isinstance(t, m.SliceT) else "byte"
            what = "bytes" if isinstance(t, m.BytesT) else "elements"
            sz = sized(fn, p)
            holds = ""
            if sz is not None:
                holds = f"at least {{@code {sz.expr}}} {what}, of which the call uses the first {{@code {sz.expr}}}"
                holds += f", {sz.being}" if sz.being else ""
            if form.kind == "buffer" and isinstance(t, m.BytesT):
                ov.params.append(("ByteBuffer", jn))
                ov.docs.append(f"@param {jn} " + _param_doc(p, "from its position to its limit, which do not move",
                                                             holds, "changed in place" if t.mutable else ""))
                ov.lines.append(f"Objects.requireNonNull({jn}, \"{jn}\");")
                npe.append(jn)
                if t.mutable:
                    ov.lines.append(f"writable({jn});")
                    robe.append(jn)
                    args = [f"{jn}.isDirect() ? {jn} : null", f"{jn}.isDirect() ? null : {jn}.array()",
                            f"offset({jn})", f"{jn}.remaining()"]
                else:
                    args = [f"{jn}.isDirect() ? {jn} : null", f"heapArray({jn})", f"offset({jn})", f"{jn}.remaining()"]
                length_expr = f"{jn}.remaining()"
                ov.length_docs[p.name] = f"{{@code {jn}.remaining()}}"
            elif form.kind == "range":
                single = len(buffers) == 1
                off = _unique("off" if single else f"{jn}Off", taken)
                ln = _unique("len" if single else f"{jn}Len", taken)
                ov.params += [(f"{elem}[]", jn), ("int", off), ("int", ln)]
                ov.docs.append(f"@param {jn} " + _param_doc(p, "changed in place" if isinstance(t, m.BytesT) and t.mutable else ""))
                ov.docs.append(f"@param {off} the index of the first of the {what} of {{@code {jn}}} to use")
                ov.docs.append(f"@param {ln} " + _with(f"how many {what} of {{@code {jn}}} to use", holds))
                ov.lines.append(f"Objects.checkFromIndexSize({off}, {ln}, Objects.requireNonNull({jn}, \"{jn}\").length);")
                npe.append(jn)
                ioobe.append(f"{{@code {off}}} or {{@code {ln}}} is negative or {{@code {off} + {ln}}} exceeds "
                             f"{{@code {jn}.length}}")
                args = ([] if isinstance(t, m.SliceT) else ["null"]) + [jn, off, ln]
                length_expr = ln
                ov.length_docs[p.name] = f"{{@code {ln}}}"
            else:
                ov.params.append((f"{elem}[]", jn))
                ov.docs.append(f"@param {jn} " + _param_doc(p, holds, "changed in place" if isinstance(t, m.BytesT) and t.mutable else ""))
                ov.lines.append(f"Objects.requireNonNull({jn}, \"{jn}\");")
                npe.append(jn)
                args = ([] if isinstance(t, m.SliceT) else ["null"]) + [jn, "0", f"{jn}.length"]
                length_expr = f"{jn}.length"
            buffer_lengths[p.name] = length_expr
            if sz is not None:
                # the native call gets the count the expression gives, checked after every other argument
                used = _unique(f"{jn}Used", taken)
                checked.append((sz, f"int {used} = usedLength(", f", {length_expr});"))
                args[-1] = used
                iae.append(f"{{@code {jn}}} holds fewer than {{@code {sz.expr}}} {what}"
                           + (f" ({sz.being})" if sz.being else "")
                           + (f", or {{@code {sz.expr}}} is negative" if sz.bounds(form)[0] < 0 else ""))
            else:
                hi = lengths[p.name].type.scalar.int_range()[1]  # type: ignore[union-attr]
                if hi < (1 << 31) - 1:
                    ov.lines += [f"if ({length_expr} > {hi}) {{",
                                 f"    throw new IllegalArgumentException(\"{jn}: at most {hi} {what}, got \" + {length_expr});",
                                 "}"]
                    iae.append(f"{{@code {jn}}} has more than {hi} {what}")
            ov.call_args += args
        elif isinstance(t, m.StructT):
            ov.params.append((naming.struct(t.struct), jn))
            ov.docs.append(f"@param {jn} {_param_doc(p)}")
            ov.lines.append(f"Objects.requireNonNull({jn}, \"{jn}\");")
            npe.append(jn)
            ov.call_args += [f"{jn}.{naming.camel(f.name)}()" for f in t.struct.fields]
        elif isinstance(t, m.HandleT):
            h = naming.handle(t.handle)
            ov.params.append((h, jn))
            ov.docs.append(f"@param {jn} {_param_doc(p)}")
            ov.lines.append(f"Objects.requireNonNull({jn}, \"{jn}\");")
            npe.append(jn)
            ptr = _unique(f"{jn}Pointer", taken)
            ov.handles.append((jn, ptr))
            ov.call_args.append(ptr)
            ov.throws.append(f"@throws IllegalStateException if {{@code {jn}}} is closed")
        elif isinstance(t, m.CallbackT):
            iface, method, _, _ = _callback_iface(t.callback, ctx)
            ov.params.append((iface, jn))
            doc = naming.javadoc_text(p.doc or t.callback.doc or "The callback.")
            ov.docs.append(f"@param {jn} " + _with(doc, "called on this thread; an exception it throws skips the "
                                                   "remaining calls and reaches the caller"))
            ov.lines.append(f"Objects.requireNonNull({jn}, \"{jn}\");")
            npe.append(jn)
            ov.call_args.append(jn)
        else:
            raise _fail(fn, f"parameter {p.name}: unsupported type {type(t).__name__}")
    for q in fn.params:
        if q.role == m.LENGTH:
            values[q.name] = buffer_lengths[q.length_of]  # type: ignore[index]
    # after every other check, so that a negative size_t n is reported as such; outputs once the inputs are good
    for sz, head, tail in checked + allocations:
        ov.lines.append(head + _length_args(sz, values[sz.param.name] if sz.param is not None else "0") + tail)
    if npe:
        ov.throws.insert(0, "@throws NullPointerException if " + " or ".join(f"{{@code {n}}}" for n in npe) + " is null")
    if ioobe:
        ov.throws.append("@throws IndexOutOfBoundsException if " + "; or if ".join(ioobe))
    if iae:
        ov.throws.append("@throws IllegalArgumentException if " + " or ".join(iae))
    if robe:
        ctx.imports.add("java.nio.ReadOnlyBufferException")
        ov.throws.append("@throws ReadOnlyBufferException if " + " or ".join(f"{{@code {n}}}" for n in robe)
                         + " is read-only")
    if any(isinstance(p.type, m.BytesT) for p in inputs) and form.kind == "buffer":
        ctx.imports.add("java.nio.ByteBuffer")
    ov.docs = [_resolve(d, ov.length_docs) for d in ov.docs]
    ov.throws = [_resolve(d, ov.length_docs) for d in ov.throws]
    if npe or ioobe:
        ctx.imports.add("java.util.Objects")
    return ov


def _error_throws(fn: m.Function, ctx: Ctx) -> list[str]:
    if not fn.is_status:
        return []
    exc = naming.exception_class(ctx.pkg)
    err = naming.error_class(ctx.pkg)
    items = ", ".join(f"{{@link {err}#{naming.constant(e.name)} {naming.constant(e.name)}}}" for e in fn.errors)
    return [f"@throws {exc} if the library fails: {items}"]


def _call_block(ov: Overload, inner: list[str]) -> list[str]:
    """Wraps the call in acquire/release for each handle argument."""
    lines = inner
    for jn, ptr in reversed(ov.handles):
        lines = [f"long {ptr} = {jn}.acquire();", "try {", *("    " + x for x in lines), "} finally {",
                 f"    {jn}.release();", "}"]
    return lines


def _size_note(fn: m.Function, r: Result) -> str:
    """What an output of computed length holds: "{@code 2*n} bytes, {@code n} being the length of {@code src}"."""
    if not isinstance(r.type, m.BufOutT):
        return ""
    sz = sized(fn, next(p for p in fn.outputs if naming.param(p) == r.name))
    assert sz is not None
    return f"{{@code {sz.expr}}} {sz.unit}" + (f", {sz.being}" if sz.being else "")


def _unsigned_result_notes(r: Result) -> tuple[str, ...]:
    """How to read an unsigned result: a scalar, or the elements of an array (short[] of u16 values)."""
    s = _scalar_of(r.type)
    if s is not None:
        return (naming.unsigned_note(s),)
    if isinstance(r.type, (m.ArrayOutT, m.BufOutT)):
        return (naming.unsigned_array_note(r.type.elem),)
    return ()


def _result_doc(fn: m.Function, res: list[Result]) -> list[str]:
    if not res:
        return []
    if len(res) > 1:
        return [f"@return the results: " + ", ".join(f"{{@code {r.name}}}" for r in res)]
    r = res[0]
    return ["@return " + _with(naming.javadoc_text(r.doc) if r.doc else "the result", _size_note(fn, r),
                               *_unsigned_result_notes(r),
                               "close it when done" if isinstance(r.type, m.HandleT) else "",
                               ("a copy, or null" if _owned(fn) else "or null") if isinstance(r.type, m.CStrT) else "")]


def _owned(fn: m.Function) -> bool:
    """It returns a string the caller frees in C (`free = ...`)."""
    return isinstance(fn.returns, m.CStrT) and fn.free_symbol is not None


def _fn_doc_head(fn: m.Function) -> list[str]:
    lines = [naming.javadoc_text(fn.doc) if fn.doc else fn.name]
    if fn.cpu:
        lines += ["", f"<p>Needs the CPU features {', '.join(fn.cpu)}."]
    if _owned(fn):
        lines += ["", "<p>The string returned is a copy: the binding frees the C string's memory itself, right after "
                      "copying it, so the caller has nothing to free."]
    lines.append("")
    return lines


def public_methods(fn: m.Function, ctx: Ctx, glue: Glue, method: str | None = None) -> list[str]:
    """Every overload of a free function; `method` names the private method they call (the native one by default)."""
    res = glue.results
    name = naming.function(fn)
    ret = "void" if not res else naming.result_record(fn) if len(res) > 1 else java_result_type(res[0], ctx)
    seen: set[tuple[str, ...]] = set()
    out = []
    for form in forms(fn):
        ov = overload(fn, form, ctx)
        if ov.signature in seen:
            continue
        seen.add(ov.signature)
        call = f"{method or glue.method}({', '.join(ov.call_args)})"
        if not res:
            inner = [f"{call};"]
        elif len(res) == 1 and isinstance(res[0].type, OUT_ARRAYS):
            inner = [f"{call};", f"return {ov.out_arrays[0]};"]
        elif len(res) == 1 and isinstance(res[0].type, m.HandleT):
            inner = [f"return {naming.handle(res[0].type.handle)}.adopt({call});"]
        else:
            inner = [f"return {call};"]
        body = ov.lines + _call_block(ov, inner)
        doc = _fn_doc_head(fn) + ov.notes + ([""] if ov.notes else []) + ov.docs + [_resolve(d, ov.length_docs) for d in _result_doc(fn, res)] \
            + ov.throws + _error_throws(fn, ctx) + [f"@since {fn.since}"]
        params = ", ".join(f"{t} {n}" for t, n in ov.params)
        text = naming.javadoc(doc) + f"\npublic static {ret} {name}({params}) {{\n" + _indent("\n".join(body)) + "\n}"
        out.append(text)
    return out


# ---------------------------------------------------------------- types


def struct_record(st: m.Struct, ctx: Ctx) -> str:
    comps = ", ".join(f"{naming.java_scalar(f.type)} {naming.camel(f.name)}" for f in st.fields)
    doc = [naming.javadoc_text(st.doc) if st.doc else st.name, "",
           f"<p>The C struct {{@code {st.c_name}}} ({st.size} bytes), passed and returned by value.", ""]
    for f in st.fields:
        text = naming.javadoc_text(f.doc) if f.doc else f"the {f.name}"
        if naming.unsigned_note(f.type):
            text += f" ({naming.unsigned_note(f.type)})"
        doc.append(f"@param {naming.camel(f.name)} {text}")
    return _render("Record.java.in", package=ctx.pkg.java_package, name=naming.struct(st), doc=naming.javadoc(doc), components=comps)


def result_record_src(fn: m.Function, res: list[Result], ctx: Ctx) -> str:
    name = naming.result_record(fn)
    comps = ", ".join(f"{java_result_type(r, ctx)} {r.name}" for r in res)
    doc = [f"The results of {{@link #{naming.function(fn)}}}.", ""]
    for r in res:
        doc.append(f"@param {r.name} " + _resolve(_with(naming.javadoc_text(r.doc) if r.doc
                                                        else "the value the C function returns", _size_note(fn, r),
                                                        *_unsigned_result_notes(r))))
    return naming.javadoc(doc) + f"\npublic record {name}({comps}) {{\n}}"


def callback_interface_src(cb: m.Callback, ctx: Ctx) -> str:
    name = naming.callback_interface(cb)
    params = [p for p in cb.params if isinstance(p.type, m.ScalarT)]
    ret = naming.java_scalar(cb.returns.scalar) if isinstance(cb.returns, m.ScalarT) else "void"
    doc = [naming.javadoc_text(cb.doc) if cb.doc else cb.name, "",
           "<p>Called on the thread that called the library; an exception it throws propagates to that caller."]
    mdoc = ["Called by the library.", ""]
    for p in params:
        mdoc.append(f"@param {naming.param(p)} {_param_doc(p, read=True)}")
    if ret != "void":
        mdoc.append("@return " + _with("the value handed back to the library",
                                       naming.unsigned_pass_note(cb.returns.scalar)))  # type: ignore[union-attr]
    sig = ", ".join(f"{naming.java_scalar(p.type.scalar)} {naming.param(p)}" for p in params)  # type: ignore[union-attr]
    return (naming.javadoc(doc) + f"\n@FunctionalInterface\npublic interface {name} {{\n"
            + _indent(naming.javadoc(mdoc)) + f"\n    {ret} apply({sig});\n}}")


def handle_class(h: m.Handle, ctx: Ctx) -> tuple[str, list[Glue]]:
    model = ctx.model
    name = naming.handle(h)
    new_fn = model.handle_function(h, "new")
    free_fn = model.handle_function(h, "free")
    data_fn = model.handle_function(h, "data")
    len_fn = model.handle_function(h, "len")
    assert new_fn is not None and free_fn is not None
    glues = []
    # constructor(s): the new function's inputs
    new_glue = Glue(new_fn, ctx)
    res = new_glue.results
    if len(res) != 1 or not isinstance(res[0].type, m.HandleT):
        raise _fail(new_fn, f"the constructor of {h.name} must have exactly one result, the out<{h.name}>")
    glues.append(new_glue)
    ctors = []
    seen: set[tuple[str, ...]] = set()
    for form in forms(new_fn):
        ov = overload(new_fn, form, ctx)
        if ov.signature in seen:
            continue
        seen.add(ov.signature)
        params = ", ".join(f"{t} {n}" for t, n in ov.params)
        args = ", ".join(n for _, n in ov.params)
        body = ov.lines + _call_block(ov, [f"return {new_glue.method}({', '.join(ov.call_args)});"])
        doc = _fn_doc_head(new_fn) + ov.notes + ([""] if ov.notes else []) + ov.docs + ov.throws \
            + _error_throws(new_fn, ctx) + [f"@since {new_fn.since}"]
        ctors.append(naming.javadoc(doc) + f"\npublic {name}({params}) {{\n    this(new Owner(create({args})));\n}}")
        ctors.append(f"private static long create({params}) {{\n" + _indent("\n".join(body)) + "\n}")
    free_glue = Glue(free_fn, ctx)
    glues.append(free_glue)
    members = []
    if len_fn is not None:
        g = Glue(len_fn, ctx)
        glues.append(g)
        doc = [naming.javadoc_text(len_fn.doc) if len_fn.doc else "The length.", "",
               "@return the length", f"@throws IllegalStateException if this {name} is closed", f"@since {len_fn.since}"]
        members.append(naming.javadoc(doc) + "\npublic long length() {\n    long pointer = acquire();\n    try {\n"
                       f"        return {g.method}(pointer);\n    }} finally {{\n        release();\n    }}\n}}")
    view_field = close_view = ""
    if data_fn is not None:
        if len_fn is None:
            raise _fail(data_fn, f"handle {h.name} has data but no len, so Java cannot know how many bytes it may view")
        method = f"n{name}View"
        ctx.natives.append(f"private static native ByteBuffer {method}(long pointer);")
        ctx.imports.add("java.nio.ByteBuffer")
        symbol = naming.jni_symbol(ctx.pkg, method)
        ctx.symbols.append(symbol)
        ctx.c_functions.append(
            f"JNIEXPORT jobject JNICALL {symbol}(JNIEnv *env, jclass cls, jlong a_pointer)\n{{\n"
            f"    (void)cls;\n"
            f"    {h.c_name} *handle = ({h.c_name} *)(intptr_t)a_pointer;\n"
            f"    static uint8_t empty[1];\n"
            f"    uint8_t *data = {data_fn.symbol}(handle);\n"
            f"    size_t len = {len_fn.symbol}(handle);\n"
            f"    if (len > INT32_MAX) {{\n"
            f"        throw_new(env, \"java/lang/UnsupportedOperationException\", \"over 2 GiB: too large for a ByteBuffer\");\n"
            f"        return NULL;\n"
            f"    }}\n"
            f"    return (*env)->NewDirectByteBuffer(env, data != NULL ? data : empty, (jlong)len);\n}}")
        doc = [f"A direct {{@link ByteBuffer}} over this {name}'s memory, from 0 to {{@link #length()}}, with its own "
               "position, limit and byte order (big-endian); the library and Java share the bytes, nothing is copied.",
               "", f"<p>The memory stays valid as long as a view of it is reachable, even after {{@link #close()}}: "
               "it is freed once this object is closed (or unreachable) and every view is unreachable.", "",
               "@return a new view", f"@throws IllegalStateException if this {name} is closed",
               f"@since {data_fn.since}"]
        members.append(naming.javadoc(doc) + "\npublic ByteBuffer asByteBuffer() {\n"
                       "    long pointer = acquire();\n    try {\n        synchronized (this) {\n"
                       "            if (view == null) {\n"
                       f"                ByteBuffer root = {method}(pointer);\n"
                       "                owner.retain(); // the view's own use, let go by the cleaner\n"
                       "                CLEANER.register(root, owner);\n"
                       "                view = root;\n            }\n            return view.duplicate();\n        }\n"
                       "    } finally {\n        release();\n    }\n}")
        view_field = "private ByteBuffer view; // the root view: each view keeps it, and so the memory, alive"
        close_view = "synchronized (this) {\n    view = null;\n}"
    doc = [naming.javadoc_text(h.doc) if h.doc else h.name, "",
           f"<p>Owns a native {{@code {h.c_name}}}: close it (try-with-resources) to free it at once; a cleaner frees "
           "one that becomes unreachable first. Safe to share between threads: a close that races with a call in another thread "
           "frees the memory only once that call is done."]
    text = _render("Handle.java.in", name=name, doc=naming.javadoc(doc), constructors="\n\n".join(ctors),
                             members="\n\n".join(members), free_native=free_glue.method, view_field=view_field,
                             close_view=close_view,
                             owner_users=", each ByteBuffer view of its memory" if data_fn is not None else "")
    ctx.imports.update(("java.lang.ref.Cleaner", "java.util.concurrent.atomic.AtomicInteger"))
    return text, glues


# ---------------------------------------------------------------- the JNI glue's fixed parts


def c_statics_and_onload(ctx: Ctx, result_records: list[tuple[m.Function, list[Result]]]) -> tuple[list[str], list[str], list[str]]:
    statics, onload, helpers = [], [], []

    def cache_class(var: str, jname: str) -> None:
        statics.append(f"static jclass class_{var};")
        onload.append(f"if ((class_{var} = global_class(env, \"{jname}\")) == NULL) {{\n    return JNI_ERR;\n}}")

    def cache_method(kind: str, var: str, cls_var: str, method: str, sig: str, static: bool = False) -> None:
        statics.append(f"static jmethodID {kind}_{var};")
        get = "GetStaticMethodID" if static else "GetMethodID"
        onload.append(f"if (({kind}_{var} = (*env)->{get}(env, class_{cls_var}, \"{method}\", \"{sig}\")) == NULL) {{\n"
                      "    return JNI_ERR;\n}")

    if ctx.has_errors:
        exc = naming.exception_class(ctx.pkg)
        cache_class(exc, ctx.jclass(exc))
        cache_method("init", exc, exc, "<init>", "(ILjava/lang/String;)V")
        strerror = ctx.model.strerror
        message = f"utf8_string(env, {strerror.symbol}(status))" if strerror else "NULL"
        helpers.append(
            "/* Throws the exception for a status code, with the library's message. */\n"
            "static void throw_status(JNIEnv *env, int status)\n{\n"
            f"    jstring message = {message};\n"
            "    if ((*env)->ExceptionCheck(env)) {\n        return;\n    }\n"
            f"    jobject error = (*env)->NewObject(env, class_{exc}, init_{exc}, (jint)status, message);\n"
            "    if (error != NULL) {\n        (*env)->Throw(env, (jthrowable)error);\n    }\n}")
    for st in ctx.model.structs:
        name = naming.struct(st)
        cache_class(name, ctx.jclass(name))
        sig = "(" + "".join(naming.jni_sig(f.type) for f in st.fields) + ")V"
        cache_method("init", name, name, "<init>", sig)
    for h in ctx.model.handles:
        name = naming.handle(h)
        cache_class(name, ctx.nested(name))
        cache_method("adopt", name, name, "adopt", f"(J)L{ctx.nested(name)};", static=True)
    for fn, res in result_records:
        name = naming.result_record(fn)
        cache_class(name, ctx.nested(name))
        cache_method("init", name, name, "<init>", "(" + "".join(_jni_result_sig(r, ctx) for r in res) + ")V")
    for cb in ctx.model.callbacks:
        _, method, jname, _ = _callback_iface(cb, ctx)
        var = cb.name
        cache_class(var, jname)
        cache_method("method", var, var, method, _jni_method_sig(cb))
        # the trampoline: C signature of the callback, calling the Java object
        params = []
        jargs = []
        for k, p in enumerate(cb.params):
            if isinstance(p.type, m.UserDataT):
                params.append(f"void *user")
            else:
                s = p.type.scalar  # type: ignore[union-attr]
                params.append(f"{s.c} p{k}")
                val = f"(p{k} ? JNI_TRUE : JNI_FALSE)" if s.is_bool else f"({naming.jni_scalar(s)})p{k}"
                jargs.append(f"args[{len(jargs)}].{naming.jni_sig(s).lower()} = {val};")
        ret_c = m.c_type(cb.returns, ctx.pkg.prefix)
        if isinstance(cb.returns, m.ScalarT):
            s = cb.returns.scalar
            call = f"(*env)->Call{naming.jni_stem(s)}MethodA(env, call->fn, method_{var}, args)"
            call = f"return {call} != JNI_FALSE;" if s.is_bool else f"return ({s.c}){call};"
            early = "return 0;"
        else:
            call = f"(*env)->CallVoidMethodA(env, call->fn, method_{var}, args);"
            early = "return;"
        helpers.append(
            f"/* {cb.c_name}: calls the Java object in `user` on this thread, or returns at once once one threw. */\n"
            f"struct {cb.name}_call {{\n    JNIEnv *env;\n    jobject fn;\n}};\n\n"
            f"static {ret_c} {cb.name}_trampoline({', '.join(params)})\n{{\n"
            f"    struct {cb.name}_call *call = user;\n"
            f"    JNIEnv *env = call->env;\n"
            f"    if ((*env)->ExceptionCheck(env)) {{\n        {early}\n    }}\n"
            f"    jvalue args[{max(1, len(jargs))}];\n"
            + ("".join(f"    {a}\n" for a in jargs) if jargs else "    args[0].j = 0;\n")
            + f"    {call}\n}}")
    return statics, onload, helpers


# ---------------------------------------------------------------- the generated vectors


def _java_value(value: object, t: object, ctx: Ctx) -> str:
    s = _scalar_of(t)
    if s is not None:
        return naming.scalar_literal(value, s)
    if isinstance(t, m.BytesT):
        return naming.bytes_literal(value)  # type: ignore[arg-type]
    if isinstance(t, m.SliceT):
        jt = naming.java_scalar(t.elem)
        return f"new {jt}[] {{{', '.join(naming.scalar_literal(v, t.elem) for v in value)}}}"  # type: ignore[union-attr]
    if isinstance(t, m.StructT):
        args = ", ".join(naming.scalar_literal(value[f.name], f.type) for f in t.struct.fields)  # type: ignore[index]
        return f"new {naming.struct(t.struct)}({args})"
    raise TypeError(t)


def _elements(data: bytes, elem: m.Scalar) -> list[int | float]:
    import struct as pystruct

    code = {1: "b", 2: "h", 4: "i", 8: "q"}[elem.size]
    if elem.is_float:
        code = "f" if elem.size == 4 else "d"
    elif not elem.signed:
        code = code.upper()
    if elem.is_bool:
        code = "?"
    n = len(data) // elem.size
    return list(pystruct.unpack(f"<{n}{code}", data))


def _checks(expr: str, t: object, want: object, label: str) -> list[str]:
    s = _scalar_of(t)
    msg = naming.string_literal(label)
    if s is not None:
        lit = naming.scalar_literal(want, s)
        if s.is_float and not math.isfinite(float(want)):  # type: ignore[arg-type]
            # exact: JUnit compares floats by their bits first, so NaN equals NaN and an infinity only itself
            return [f"assertEquals({lit}, {expr}, {msg});"]
        if s.is_float:
            tol = (1e-6 if s.size == 4 else 1e-12) * max(1.0, abs(float(want)))  # type: ignore[arg-type]
            return [f"assertEquals({lit}, {expr}, {tol!r}, {msg});"]
        return [f"assertEquals({lit}, {expr}, {msg});"]
    if isinstance(t, m.StructT):
        out = []
        for f in t.struct.fields:
            out += _checks(f"{expr}.{naming.camel(f.name)}()", f.type, want[f.name], f"{label}.{f.name}")  # type: ignore[index]
        return out
    if isinstance(t, OUT_ARRAYS):
        data = bytes(want)  # type: ignore[arg-type]
        if t.elem.size == 1 and not t.elem.is_bool:
            return [f"assertArrayEquals({naming.bytes_literal(data)}, {expr}, {msg});"]
        jt = naming.java_scalar(t.elem)
        items = ", ".join(naming.scalar_literal(v, t.elem) for v in _elements(data, t.elem))
        return [f"assertArrayEquals(new {jt}[] {{{items}}}, {expr}, {msg});"]
    if isinstance(t, m.BytesT):
        return [f"assertArrayEquals({naming.bytes_literal(bytes(want))}, {expr}, {msg});"]  # type: ignore[arg-type]
    raise TypeError(t)


def vector_case(fn: m.Function, index: int, tv: m.TestVector, ctx: Ctx, manifest: str) -> str:
    name = naming.function(fn)
    handle_new = next((h for h in ctx.model.handles if h.new == fn.name), None)
    label = f"{fn.name} vector {index} ({manifest}:{tv.line})"
    inputs = fn.inputs
    values = dict(tv.args)
    after = dict(tv.after)
    has_buffers = any(isinstance(p.type, (m.BytesT, m.SliceT)) for p in inputs)
    has_bytes = any(isinstance(p.type, m.BytesT) for p in inputs)
    kinds = ["array"] + (["range"] if has_buffers else []) + (["direct", "heap"] if has_bytes else [])
    if has_bytes and not any(isinstance(p.type, m.BytesT) and p.type.mutable for p in inputs):
        kinds.append("readonly")
    res = results(fn)
    lines: list[str] = []
    for kind in kinds:
        block: list[str] = []
        args = []
        post: list[str] = []
        for p in inputs:
            jn = naming.param(p)
            v = values[p.name]
            t = p.type
            var = f"{jn}{kind.capitalize()}"
            if isinstance(t, (m.BytesT, m.SliceT)):
                lit = _java_value(v, t, ctx)
                if kind == "array" or (isinstance(t, m.SliceT) and kind != "range"):
                    block.append(f"var {var} = {lit};")
                    args.append(var)
                    got = var
                elif kind == "range":
                    block.append(f"var {var} = pad({lit});")
                    args += [var, "PAD", str(len(v))]  # type: ignore[arg-type]
                    got = f"unpad({var})"
                else:
                    maker = {"direct": "direct", "heap": "heap", "readonly": "heap"}[kind]
                    ro = ".asReadOnlyBuffer()" if kind == "readonly" else ""
                    block.append(f"var {var} = {maker}({lit}){ro};")
                    args.append(var)
                    got = f"contents({var}, {'PAD' if kind == 'direct' else 'PAD - 1'})"
                if p.name in after:
                    post += _checks(got, t, after[p.name], f"{label}, {p.name} after, {kind}")
                elif isinstance(t, m.BytesT):
                    post += _checks(got, t, v, f"{label}, {p.name} unchanged, {kind}")
            else:
                args.append(_java_value(v, t, ctx))
        call = (f"new {ctx.cls}.{naming.handle(handle_new)}({', '.join(args)})" if handle_new
                else f"{ctx.cls}.{name}({', '.join(args)})")
        where = f"{label}, {kind}"
        if tv.error is not None:
            exc = naming.exception_class(ctx.pkg)
            err = naming.error_class(ctx.pkg)
            block.append(f"{exc} e = assertThrows({exc}.class, () -> {call}, {naming.string_literal(where)});")
            block.append(f"assertEquals({err}.{naming.constant(tv.error.name)}, e.error(), {naming.string_literal(where)});")
            block.append(f"assertEquals({tv.error.code}, e.code(), {naming.string_literal(where)});")
        elif tv.expect is not None:
            block.append(f"var got = {call};")
            wants = [tv.expect] if len(res) == 1 else list(tv.expect)  # type: ignore[arg-type]
            for r, want in zip(res, wants):
                expr = "got" if len(res) == 1 else f"got.{r.name}()"
                block += _checks(expr, r.type, want, where)
        elif handle_new is not None:
            block.append(f"{call}.close();")
        else:
            block.append(f"{call};")
        block += post
        lines += ["{", *("    " + b for b in block), "}"]
    body = _indent("\n".join(lines))
    return (f"@Test\n@DisplayName({naming.string_literal(label)})\nvoid {name}Vector{index}() {{\n{body}\n}}")


# ---------------------------------------------------------------- files


def _pkg_dir(pkg: m.Package) -> str:
    return pkg.java_package.replace(".", "/")


def _check_names(model: m.Model) -> None:
    pkg = model.package
    if not all(part.isidentifier() and part not in naming.KEYWORDS for part in pkg.java_package.split(".")):
        raise _fail(None, f"java_package '{pkg.java_package}' is not a valid Java package name")
    if not pkg.java_class.isidentifier() or pkg.java_class in naming.KEYWORDS:
        raise _fail(None, f"java_class '{pkg.java_class}' is not a valid Java class name")
    top = [pkg.java_class, "NativeLoader", naming.downcalls_class(pkg)] + [naming.struct(s) for s in model.structs]
    if model.errors:
        top += [naming.error_class(pkg), naming.exception_class(pkg)]
    nested = [naming.handle(h) for h in model.handles]
    nested += [naming.result_record(f) for f in model.functions if len(f.results) > 1]
    nested += [naming.callback_interface(c) for c in model.callbacks
               if naming.STD_FUNCTIONAL.get(_callback_shape(c)) is None]
    for names, where in ((top, "in the package"), (nested, f"inside {pkg.java_class}")):
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise _fail(None, f"two types are both called {dup[0]} {where}; rename one in the manifest")
    for name in top[1:] + nested:
        if name in naming.RESERVED_TYPES and name != "NativeLoader":
            raise _fail(None, f"a generated type would be called {name}, which hides the Java type of that name; "
                              "rename it in the manifest")
    methods = [naming.function(f) for f in model.free_functions]
    natives = {naming.native(f) for f in model.functions} | {f"n{naming.handle(h)}View" for h in model.handles}
    for f in model.free_functions:
        if methods.count(naming.function(f)) > 1:
            raise _fail(f, f"another function is also called {naming.function(f)} in Java")
        if naming.function(f) in natives | {"LIBRARY_PATH_PROPERTY", "VERSION"}:
            raise _fail(f, f"its Java name {naming.function(f)} is taken by the binding itself")

# ---------------------------------------------------------------- downcalls: the fast paths beside JNI

# The main class calls its scalar and plain-buffer functions through a small package-private class with two
# versions in the multi-release jar: the base one (JDK 17-21: JDK 17's incubating linker for scalar-only
# functions when the JVM enables it, else JNI) and META-INF/versions/22's (FFM critical downcalls).
FFM_RELEASE = 22  # java.lang.foreign is final, and critical downcalls take heap arrays, from JDK 22
_LAYOUTS = {"byte": "JAVA_BYTE", "short": "JAVA_SHORT", "int": "JAVA_INT", "long": "JAVA_LONG", "float": "JAVA_FLOAT",
            "double": "JAVA_DOUBLE", "boolean": "JAVA_BOOLEAN"}
FFM_IMPORTS = ("java.lang.foreign.FunctionDescriptor", "java.lang.foreign.Linker", "java.lang.foreign.MemorySegment",
               "java.lang.foreign.SymbolLookup", "java.lang.foreign.ValueLayout", "java.lang.invoke.MethodHandle")
INCUBATOR_IMPORTS = ("java.lang.constant.Constable", "java.lang.invoke.MethodHandle", "java.lang.invoke.MethodType",
                     "java.lang.reflect.Array", "java.lang.reflect.InvocationTargetException",
                     "java.lang.reflect.Method", "java.util.Optional")
# JDK 17's linker: carriers whose C layout is a full register-sized int or a float (no narrow-int extension rules).
_INCUBATOR_CARRIERS = ("int", "long", "float", "double")


def ffm_eligible(fn: m.Function) -> bool:
    """A function the downcalls class calls directly: scalars and plain buffers with a length, a scalar or no
    result, no status, outputs, structs, handles or callbacks (those keep their JNI glue)."""
    if fn.role != "function" or not isinstance(fn.returns, (m.ScalarT, m.VoidT)):
        return False
    for p in fn.params:
        t = p.type
        if p.size is not None:
            return False
        if isinstance(t, m.ScalarT):
            continue
        if isinstance(t, m.BytesT) or (isinstance(t, m.SliceT) and not t.elem.is_bool):
            if not any(q.role == m.LENGTH and q.length_of == p.name for q in fn.params):
                return False
            continue
        return False
    return True


def incubator_eligible(fn: m.Function) -> bool:
    """A function JDK 17's incubating linker calls: scalars only (it cannot pass heap arrays), of int, long, float
    or double width."""
    types = [p.type for p in fn.params] + ([] if isinstance(fn.returns, m.VoidT) else [fn.returns])
    return ffm_eligible(fn) and all(
        isinstance(t, m.ScalarT) and naming.java_scalar(t.scalar) in _INCUBATOR_CARRIERS for t in types)


def ffm_symbol(pkg: m.Package, fn: m.Function) -> str:
    """The C wrapper the JNI library exports for the downcalls: asmmath_ffm_add_ints."""
    return re.sub(r"\W", "_", pkg.name) + "_ffm_" + fn.name


def ffm_c_wrapper(fn: m.Function, pkg: m.Package) -> str:
    spelled = [m.c_type(p.type, pkg.prefix) for p in fn.params]
    params = ", ".join(f"{c}{'' if c.endswith('*') else ' '}a_{p.name}" for c, p in zip(spelled, fn.params)) or "void"
    ret = m.c_type(fn.returns, pkg.prefix)
    proto = f"FFM_EXPORT {ret} {ffm_symbol(pkg, fn)}({params})"
    call = f"{fn.symbol}({', '.join('a_' + p.name for p in fn.params)})"
    body = f"{call};" if isinstance(fn.returns, m.VoidT) else f"return {call};"
    return f"{proto};\n{proto}\n{{\n    {body}\n}}"


@dataclass(frozen=True)
class Downcall:
    """One eligible function in the downcalls class: the same method, with a JNI fallback, in both versions."""

    fn: m.Function
    glue: Glue
    handle: str  # ADD_INTS
    result: str  # long, void

    @property
    def name(self) -> str:
        return naming.function(self.fn)

    def method(self, ctx: Ctx, guards: list[str], invoke: str | None) -> str:
        """The method: the downcall `invoke` unless a guard holds (then JNI), or JNI only when `invoke` is None."""
        args = ", ".join(x.split()[-1] for x in self.glue.java_params)
        ret = "" if self.result == "void" else "return "
        jni = f"{ctx.cls}.{self.glue.method}({args});"
        head = f"static {self.result} {self.name}({', '.join(self.glue.java_params)}) {{\n"
        if invoke is None:
            return head + f"    {ret}{jni}\n}}"
        caught = _unique("failure", {x.split()[-1] for x in self.glue.java_params})
        call = f"{ret}{'' if self.result == 'void' else f'({self.result}) '}{self.handle}.invokeExact({invoke});"
        return (head + f"    if ({' || '.join(guards)}) {{\n        {ret}{jni}\n"
                + ("        return;\n" if self.result == "void" else "") + "    }\n"
                f"    try {{\n        {call}\n    }} catch (Throwable {caught}) {{\n        throw failure({caught});\n"
                "    }\n}")


def _downcall_list(fns: list[tuple[m.Function, Glue]]) -> list[Downcall]:
    out = []
    for fn, glue in fns:
        result = "void" if isinstance(fn.returns, m.VoidT) else naming.java_scalar(fn.returns.scalar)  # type: ignore[union-attr]
        out.append(Downcall(fn, glue, naming.constant(fn.name), result))
    return out


def _ffm_version(calls: list[Downcall], ctx: Ctx) -> str:
    """The members and methods of META-INF/versions/22's class: every eligible function as a critical downcall."""
    fields, inits, handles, methods = [], [], [], []
    for k, dc in enumerate(calls):
        fn = dc.fn
        fields.append(f"private static final MethodHandle {dc.handle};")
        inits.append(f"{dc.handle} = handles == null ? null : handles[{k}];")
        layouts, args = [], []
        for p in fn.params:
            t, jn = p.type, naming.param(p)
            if p.role == m.LENGTH:
                buf = naming.param(fn.param(p.length_of))
                jt = naming.java_scalar(t.scalar)  # type: ignore[union-attr]
                layouts.append(_LAYOUTS[jt])
                args.append(f"{buf}Len" if jt == "int" else f"({jt}) {buf}Len")
            elif isinstance(t, m.ScalarT):
                layouts.append(_LAYOUTS[naming.java_scalar(t.scalar)])
                args.append(jn)
            else:
                size = 1 if isinstance(t, m.BytesT) else t.elem.size  # type: ignore[union-attr]
                scale = "" if size == 1 else f" * {size}L"
                layouts.append("ADDRESS")
                args.append(f"MemorySegment.ofArray({jn}Arr).asSlice({jn}Off{scale}, {jn}Len{scale})")
        ret = [] if dc.result == "void" else [_LAYOUTS[dc.result]]
        maker = "ofVoid" if dc.result == "void" else "of"
        desc = f"FunctionDescriptor.{maker}({', '.join('ValueLayout.' + x for x in ret + layouts)})"
        handles.append(f"linker.downcallHandle(symbol(lookup, \"{ffm_symbol(ctx.pkg, fn)}\"), {desc}, critical),")
        # Direct buffers stay on JNI (GetDirectBufferAddress): MemorySegment.ofBuffer costs more than the JNI call.
        direct = [f"{naming.param(p)}Buf != null" for p in fn.params if isinstance(p.type, m.BytesT)]
        methods.append(dc.method(ctx, [f"{dc.handle} == null", *direct], ", ".join(args)))
    members = _render("downcalls-ffm.java.in", fields="\n".join(fields), inits=_indent("\n".join(inits)),
                      handles=_indent("\n".join(handles), " " * 12), property=naming.ffm_property(ctx.pkg))
    return _downcalls_class(ctx, FFM_IMPORTS + (("java.nio.ByteBuffer",) if _takes_buffers(calls) else ()),
                            f" on JDK {FFM_RELEASE} and newer (this is the jar's META-INF/versions/{FFM_RELEASE}/ copy):\n"
                            " * critical downcalls to the C wrappers the JNI library exports next to its JNI entry points.\n"
                            " * Direct buffers, and every call when the downcalls cannot be linked, take JNI.",
                            members, methods)


def _base_version(calls: list[Downcall], ctx: Ctx) -> str:
    """The members and methods of the base class (JDK 17-21): JDK 17's incubating linker for the scalar-only
    functions, JNI for the rest and whenever the JVM does not enable it."""
    fast = [dc for dc in calls if incubator_eligible(dc.fn)]
    fields, inits, handles = [], [], []
    for k, dc in enumerate(fast):
        fields.append(f"private static final MethodHandle {dc.handle};")
        inits.append(f"{dc.handle} = handles == null ? null : handles[{k}];")
        classes = ", ".join(f"{naming.java_scalar(p.type.scalar)}.class" for p in dc.fn.params)  # type: ignore[union-attr]
        handles.append(f"linker.downcall(\"{ffm_symbol(ctx.pkg, dc.fn)}\", {dc.result}.class"
                       + (f", {classes})," if classes else "),"))
    methods = [dc.method(ctx, [f"{dc.handle} == null"], ", ".join(naming.param(p) for p in dc.fn.params))
               if dc in fast else dc.method(ctx, [], None) for dc in calls]
    if fast:
        members = _render("downcalls-incubator.java.in", fields="\n".join(fields), inits=_indent("\n".join(inits)),
                          handles=_indent("\n".join(handles), " " * 12), property=naming.ffm_property(ctx.pkg),
                          package=ctx.pkg.java_package)
        about = (f" on JDK 17 to {FFM_RELEASE - 1}; the jar's\n * META-INF/versions/{FFM_RELEASE}/ copy serves JDK "
                 f"{FFM_RELEASE}+. On JDK 17, started with\n * {{@code --add-modules jdk.incubator.foreign "
                 "--enable-native-access=ALL-UNNAMED}, the scalar-only functions are\n * trivial downcalls of the "
                 "incubating linker to the C wrappers the JNI library exports; every other call takes JNI.")
        imports = INCUBATOR_IMPORTS
    else:
        members = _render("downcalls-jni.java.in")
        about = (f" on JDK 17 to {FFM_RELEASE - 1}: JNI. The jar's\n * META-INF/versions/{FFM_RELEASE}/ copy "
                 f"serves JDK {FFM_RELEASE}+ with FFM critical downcalls.")
        imports = ()
    return _downcalls_class(ctx, imports + (("java.nio.ByteBuffer",) if _takes_buffers(calls) else ()), about,
                            members, methods)


def _takes_buffers(calls: list[Downcall]) -> bool:
    return any(x.startswith("ByteBuffer ") for dc in calls for x in dc.glue.java_params)


def _downcalls_class(ctx: Ctx, imports: tuple[str, ...], about: str, members: str, methods: list[str]) -> str:
    return _render("Downcalls.java.in", package=ctx.pkg.java_package, name=naming.downcalls_class(ctx.pkg),
                   imports="\n".join(f"import {i};" for i in sorted(set(imports))), about=about, **{"class": ctx.cls},
                   members=_indent(members), methods=_indent("\n\n".join(methods)))


@dataclass(frozen=True)
class Info:
    """What the Meson build needs to know about the generated files."""

    symbols: tuple[str, ...]
    jni_source: str
    java_files: tuple[str, ...]
    vector_class: str
    ffm_files: tuple[str, ...] = ()
    incubator: bool = False  # some functions are JDK 17 incubator downcalls


def files(model: m.Model, backend) -> dict[str, str]:
    return generate(model)[0]


def _check_callbacks(model: m.Model) -> None:
    for cb in model.callbacks:
        for p in cb.params:
            if not isinstance(p.type, (m.ScalarT, m.UserDataT)):
                raise _fail(None, f"callback '{cb.name}': parameter '{p.name}' is a pointer; a callback's parameters "
                            "must be scalars or user_data in Java (bind it in C only: remove java from "
                            "[languages] enabled)")


def generate(model: m.Model) -> tuple[dict[str, str], Info]:
    _check_names(model)
    _check_callbacks(model)
    pkg = model.package
    cls = pkg.java_class
    ctx = Ctx(model, pkg, cls, has_errors=bool(model.errors))
    base = "bindings/java"
    src = f"{base}/src/main/java/{_pkg_dir(pkg)}"
    test_src = f"{base}/src/test/java/{_pkg_dir(pkg)}"
    files: dict[str, str] = {}

    methods: list[str] = []
    types: list[str] = []
    result_records: list[tuple[m.Function, list[Result]]] = []
    glues: list[Glue] = []
    downcalls_cls = naming.downcalls_class(pkg)
    eligible: list[tuple[m.Function, Glue]] = []
    for fn in model.free_functions:
        g = Glue(fn, ctx)
        glues.append(g)
        if ffm_eligible(fn):
            g.visibility = ""  # the downcalls class falls back on it
            eligible.append((fn, g))
            methods += public_methods(fn, ctx, g, f"{downcalls_cls}.{naming.function(fn)}")
        else:
            methods += public_methods(fn, ctx, g)
        if g.multi:
            result_records.append((fn, g.results))
    for h in model.handles:
        text, hg = handle_class(h, ctx)
        types.append(text)
        glues += hg
    for fn, res in result_records:
        types.append(result_record_src(fn, res, ctx))
    for cb in model.callbacks:
        _, _, _, generated = _callback_iface(cb, ctx)
        if generated:
            types.append(callback_interface_src(cb, ctx))
    natives = [g.java_native() for g in glues] + ctx.natives
    ctx.c_functions[:0] = [g.c_function() for g in glues]
    helpers = []
    if model.handles:
        helpers.append("private static final Cleaner CLEANER = Cleaner.create();")
    if any(isinstance(p.type, m.BytesT) for f in model.functions for p in f.inputs):
        helpers.append(_render("buffers.java.in"))
        ctx.imports.update(("java.nio.ByteBuffer", "java.nio.ReadOnlyBufferException"))
    if any(m.LEN_EXPR in f.extended_forms or m.BUF_OUT in f.extended_forms for f in model.functions):
        helpers.append(_render("lengths.java.in"))
        ctx.imports.add("java.math.BigInteger")
    implementation = f"{downcalls_cls}.IMPLEMENTATION" if eligible else '"jni"'
    helpers.append("/** Which binding the calls take: {@code \"jni\"}, {@code \"incubator\"} (JDK 17's trivial downcalls) or "
                   "{@code \"ffm\"}. */\n"
                   f"static String implementation() {{\n    return {implementation};\n}}")
    main = dict(package=pkg.java_package, description=naming.javadoc_text(pkg.description or pkg.name),
                library=pkg.library, jni_library=naming.jni_library(pkg), version=pkg.version,
                since=".".join(pkg.version.split(".")[:2]), types=_section(types), natives=_indent("\n".join(natives)))
    main["class"] = cls
    main["downcalls"] = "" if not eligible else (
        " The functions that take\n * only scalars and plain arrays call it through the JVM's cheaper downcalls"
        " when it has them: FFM critical\n * downcalls on JDK 22+ (run with {@code --enable-native-access=ALL-UNNAMED}"
        " to avoid a warning), and on\n * JDK 17 trivial downcalls of the incubating linker for scalar-only functions"
        " when the JVM runs with\n * {@code --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED}"
        f" (set {{@code -D{naming.ffm_property(pkg)}=false}}\n * to keep JNI).")
    files[f"{src}/{cls}.java"] = _render(
        "Main.java.in", imports="\n".join(f"import {i};" for i in sorted(ctx.imports)), methods=_section(methods),
        helpers=_section(helpers), **main)
    ffm_files: tuple[str, ...] = ()
    if eligible:
        calls = _downcall_list(eligible)
        files[f"{src}/{downcalls_cls}.java"] = _base_version(calls, ctx)
        ffm_src = f"{base}/src/main/java{FFM_RELEASE}/{_pkg_dir(pkg)}/{downcalls_cls}.java"
        files[ffm_src] = _ffm_version(calls, ctx)
        ffm_files = (ffm_src.removeprefix(base + "/"),)
        for fn, _ in eligible:
            ctx.ffm_symbols.append(ffm_symbol(pkg, fn))
            ctx.ffm_wrappers.append(ffm_c_wrapper(fn, pkg))
    files[f"{src}/NativeLoader.java"] = _render(
        "NativeLoader.java.in", package=pkg.java_package, property=naming.library_property(pkg),
        library=naming.jni_library(pkg))
    for st in model.structs:
        files[f"{src}/{naming.struct(st)}.java"] = struct_record(st, ctx)
    if model.errors:
        err, exc = naming.error_class(pkg), naming.exception_class(pkg)
        consts = []
        for k, e in enumerate(model.errors):
            sep = ";" if k == len(model.errors) - 1 else ","
            consts.append(f"    /** {naming.javadoc_text(e.message)} */\n    {naming.constant(e.name)}({e.code}, "
                          f"{naming.string_literal(e.message)}){sep}")
        files[f"{src}/{err}.java"] = _render("Error.java.in", package=pkg.java_package, name=err,
                                                    exception=exc, library=pkg.library, constants="\n".join(consts))
        files[f"{src}/{exc}.java"] = _render("Exception.java.in", package=pkg.java_package, name=exc, error=err,
                                                    library=pkg.library)

    # the JNI glue
    ffm_c = ""
    if ctx.ffm_wrappers:
        ffm_c = ("\n\n/* The downcalls of JDK 17's incubating linker and of FFM on JDK 22+ call these directly: each is exactly the "
                 "library\n * function, exported under the binding's own name (libmath's symbols stay hidden). */\n"
                 "#define FFM_EXPORT __attribute__((visibility(\"default\")))\n\n" + "\n\n".join(ctx.ffm_wrappers))
    statics, onload, c_helpers = c_statics_and_onload(ctx, result_records)
    jni_source = f"{pkg.name}_jni.c"
    files[f"{base}/src/main/c/{jni_source}"] = _render(
        "jni.c.in", java_class=f"{pkg.java_package}.{cls}", library=pkg.library, jni_header=naming.jni_header(pkg),
        c_header=model.header_name, statics="\n".join(statics),
        stdlib="\n#include <stdlib.h>" if any(g.owned and g.fn.free_symbol == "free" for g in glues) else "",
        helpers=("\n" + "\n\n".join(c_helpers) + "\n\n") if c_helpers else "",
        onload=_indent("\n".join(onload)), functions="\n" + "\n\n".join(ctx.c_functions) + ffm_c)
    files[f"{base}/src/main/c/{pkg.name}_jni.map"] = _render(
        "jni.map.in", ffm_exports="".join(f"\n    {sym};" for sym in ctx.ffm_symbols))

    # the vectors
    vector_class = f"{cls}VectorsTest"
    cases = []
    for fn in model.functions:
        if fn.role not in ("function", "new"):
            continue
        for k, tv in enumerate(fn.tests):
            cases.append(vector_case(fn, k, tv, ctx, model.manifest.name))
    if not cases:
        cases.append("@Test\n@DisplayName(\"the library loads\")\nvoid loads() {\n"
                     f"    assertEquals({naming.string_literal(pkg.version)}, {cls}.VERSION);\n}}")
    files[f"{test_src}/{vector_class}.java"] = _render("VectorsTest.java.in", package=pkg.java_package,
                                                               name=vector_class, cases=_indent("\n\n".join(cases)))
    files[f"{base}/javatool.py"] = _render("javatool.py.in", jupiter_version=JUPITER_VERSION)
    files[f"{base}/pom.xml"] = pom(model, jni_source, ffm=bool(ffm_files))
    files[f"{base}/release-pom.xml"] = release_pom(model)
    info = Info(("JNI_OnLoad", *sorted(ctx.symbols), *sorted(ctx.ffm_symbols)), jni_source,
                tuple(sorted(p.rsplit("/", 1)[-1] for p in files if p.startswith(src + "/"))), vector_class, ffm_files,
                any(incubator_eligible(fn) for fn, _ in eligible))
    return files, info


def _render(template: str, **values: str) -> str:
    from . import BACKEND  # the package imports this module first

    return BACKEND.render(template, **values)


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cc_arguments(model: m.Model, jni_source: str) -> list[str]:
    pkg = model.package
    return ["-std=c11", "-O2", "-fPIC", "-shared", "-fvisibility=hidden", "-Wall", "-Wextra",
            "-Werror=missing-prototypes", "-Werror=implicit-function-declaration",
            "-I${project.build.directory}/jni-include", "-I${java.home}/include", "-I${java.home}/include/linux",
            "-I${asmpkg.root}/include", f"${{project.basedir}}/src/main/c/{jni_source}",
            f"${{asmpkg.build}}/lib{pkg.library}.a", "-Wl,--exclude-libs,ALL",
            f"-Wl,--version-script=${{project.basedir}}/src/main/c/{pkg.name}_jni.map", "-Wl,--no-undefined",
            "-Wl,-z,noexecstack", "-Wl,-z,relro", "-Wl,-z,now"]


def group_id(pkg: m.Package) -> str:
    return pkg.java_package


def _developers(pkg: m.Package) -> str:
    devs = []
    for a in pkg.authors:
        name, _, rest = a.partition("<")
        email = rest.rstrip(">").strip()
        devs.append("    <developer>\n      <name>" + _xml(name.strip()) + "</name>"
                    + (f"\n      <email>{_xml(email)}</email>" if email else "") + "\n    </developer>")
    return "\n".join(devs)


def _licenses(pkg: m.Package) -> str:
    """One <license> per SPDX identifier of the manifest's license expression, with its SPDX page."""
    ids = [t for t in re.split(r"\s+(?:OR|AND)\s+|[()]", pkg.license or "") if t.strip()]
    if not ids:
        return "    <license>\n      <name>unspecified</name>\n    </license>"
    out = []
    for spdx in ids:
        spdx = spdx.strip()
        url = (f"\n      <url>https://spdx.org/licenses/{_xml(spdx.rstrip('+'))}.html</url>"
               if re.fullmatch(r"[A-Za-z0-9.+-]+", spdx) and spdx != "UNLICENSED" else "")
        out.append(f"    <license>\n      <name>{_xml(spdx)}</name>{url}\n    </license>")
    return "\n".join(out)


def _scm(pkg: m.Package) -> str:
    """The homepage as the scm url; on a known git forge, the clone URLs too."""
    url = pkg.homepage.rstrip("/")
    lines = [f"    <url>{_xml(url)}</url>"]
    if re.fullmatch(r"https://(github\.com|gitlab\.com|codeberg\.org)/[^/]+/[^/]+", url):
        clone = url.removesuffix(".git") + ".git"
        lines += [f"    <connection>scm:git:{_xml(clone)}</connection>",
                  f"    <developerConnection>scm:git:{_xml(clone)}</developerConnection>"]
    return "\n".join(lines)


def release_pom(model: m.Model) -> str:
    pkg = model.package
    return _render("release-pom.xml.in", group_id=group_id(pkg), artifact_id=pkg.name, version=pkg.version,
                   description=_xml(pkg.description or f"Java bindings to lib{pkg.library}"),
                   url=_xml(pkg.homepage), licenses=_licenses(pkg), developers=_developers(pkg), scm=_scm(pkg))


def pom(model: m.Model, jni_source: str, ffm: bool) -> str:
    pkg = model.package
    profiles = _render("pom-ffm-profile.xml.in", release=str(FFM_RELEASE), before=str(FFM_RELEASE - 1)) if ffm else ""
    tests = model.tests_dir("java")
    test_sources = ""
    if tests:
        test_sources = (
            "      <plugin>\n        <groupId>org.codehaus.mojo</groupId>\n"
            "        <artifactId>build-helper-maven-plugin</artifactId>\n        <version>3.5.0</version>\n"
            "        <executions>\n          <execution>\n            <id>hand-written-tests</id>\n"
            "            <phase>generate-test-sources</phase>\n            <goals>\n"
            "              <goal>add-test-source</goal>\n            </goals>\n            <configuration>\n"
            f"              <sources>\n                <source>${{asmpkg.root}}/{_xml(tests)}</source>\n"
            "              </sources>\n            </configuration>\n          </execution>\n        </executions>\n"
            "      </plugin>")
    cc = "\n".join(f"                <argument>{_xml(a)}</argument>" for a in _cc_arguments(model, jni_source))
    return _render(
        "pom.xml.in", group_id=group_id(pkg), artifact_id=pkg.name, version=pkg.version,
        description=_xml(pkg.description), url=_xml(pkg.homepage), license=_xml(pkg.license or "unspecified"),
        developers=_developers(pkg), library=pkg.library, root="../..", platform=naming.PLATFORM,
        junit_version=JUPITER_VERSION, jni_file=f"lib{naming.jni_library(pkg)}.so", cc_arguments=cc,
        test_sources=test_sources, module=pkg.java_package, profiles=profiles)


def _q(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def meson_values(model: m.Model, generated: dict[str, str]) -> dict[str, str]:
    _, info = generate(model)
    symbols, jni_source, java_files, vector_class = info.symbols, info.jni_source, info.java_files, info.vector_class
    pkg = model.package
    src = f"src/main/java/{_pkg_dir(pkg)}"
    tests = model.tests_dir("java")
    unit = ""
    if tests:
        unit = ("  # The hand-written tests of the manifest's [tests] java folder, with -Xcheck:jni.\n"
                "  test('unit' + run[0], python,\n"
                "    args: run[1] + ['--classpath', java_jar, '--work', meson.current_build_dir() / 'test-unit' + run[0],\n"
                f"                    '--sources', meson.project_source_root() / {_q(tests)}, '--scan',\n"
                f"                    '--define', {_q(pkg.java_package + '.test.implementation=')} + run[2]],\n"
                "    depends: java_jar, suite: 'java', timeout: 300)\n")
    return {
        "platform": naming.PLATFORM,
        "java_sources": "\n".join(f"    {_q(src + '/' + f)}," for f in java_files),
        "jni_header": naming.jni_header(pkg),
        "jni_library": naming.jni_library(pkg),
        "jni_source": f"src/main/c/{jni_source}",
        "jni_map": f"src/main/c/{pkg.name}_jni.map",
        "jar": f"{pkg.name}.jar",
        "module": pkg.java_package,
        "title": pkg.name,
        "version": pkg.version,
        "junit_version": JUNIT_VERSION,
        "test_sources": "src/test/java",
        "vector_class": f"{pkg.java_package}.{vector_class}",
        "property": naming.library_property(pkg),
        "unit_tests": unit,
        "exports": "".join(f"\n  {_q(s)}," for s in symbols),
        "ffm_sources": "".join(f"\n    {_q(f)}," for f in info.ffm_files),
        "ffm_release": str(FFM_RELEASE),
        "incubator": "true" if info.incubator else "false",
        "group": group_id(pkg),
        "artifact": pkg.name,
    }
