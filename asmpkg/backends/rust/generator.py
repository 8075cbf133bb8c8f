"""The Rust backend: a cargo workspace of `<crate>-sys` (raw declarations, links the library),
`<crate>` (the safe API, with the generated vector tests) and `<crate>-export-check` (a cdylib
for the export check), plus the Meson build that runs cargo against Meson's static library.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ... import model as m
from ...errors import InputError
from ...render import MARKER
from . import layout, naming
from .layout import INDENT

OUT = "bindings/rust"
NATIVE = "native"  # where the -sys crate keeps its vendored copies of the sources
TO_ROOT = "../../.."  # from bindings/rust/<crate>/ back to the project
I1, I2, I3 = INDENT, INDENT * 2, INDENT * 3
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")
CRATE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def fail(message: str) -> InputError:
    return InputError(f"rust: {message}")


# ---------------------------------------------------------------- names


@dataclass
class Ctx:
    model: m.Model
    crate: str
    sys: str
    check: str
    types: dict[str, str] = field(default_factory=dict)  # struct/handle manifest name -> Rust type
    closures: dict[str, str] = field(default_factory=dict)  # callback name -> private closure type
    variants: dict[int, str] = field(default_factory=dict)  # error code -> Error variant
    unknown: str = "Unknown"
    direct_calls: int = 0

    @property
    def pkg(self) -> m.Package:
        return self.model.package

    @property
    def crate_ident(self) -> str:
        return naming.crate_ident(self.crate)

    @property
    def sys_ident(self) -> str:
        return naming.crate_ident(self.sys)

    @property
    def check_ident(self) -> str:
        return naming.crate_ident(self.check)

    @property
    def lib_dir_var(self) -> str:
        return f"{naming.env_prefix(self.crate)}_LIB_DIR"

    @property
    def keep_symbol(self) -> str:
        return f"{self.crate_ident}_export_check"

    @property
    def has_errors(self) -> bool:
        return bool(self.model.errors)

    def error(self, e: m.Error) -> str:
        return f"Error::{self.variants[e.code]}"

    def used_callbacks(self) -> list[m.Callback]:
        used = {p.type.callback.name for f in self.model.functions for p in f.params
                if isinstance(p.type, m.CallbackT)}
        return [cb for cb in self.model.callbacks if cb.name in used]


def context(model: m.Model) -> Ctx:
    pkg = model.package
    if not CRATE.match(pkg.crate):
        raise fail(f"crate name '{pkg.crate}' is not a valid cargo package name")
    if not SEMVER.match(pkg.version):
        raise fail(f"version '{pkg.version}' is not semantic (MAJOR.MINOR.PATCH), which cargo requires")
    ctx = Ctx(model, pkg.crate, f"{pkg.crate}-sys", f"{pkg.crate}-export-check")
    public: dict[str, str] = {}

    def claim(name: str, what: str) -> str:
        if name in naming.RESERVED_TYPES:
            raise fail(f"{what} becomes the Rust type `{name}`, which the bindings need for std's own")
        if name in public:
            raise fail(f"{what} and {public[name]} both become the Rust type `{name}`")
        public[name] = what
        return name

    if model.errors:
        claim("Error", "the error type")
        variants = {naming.camel(e.name): e for e in model.errors}
        ctx.variants = {e.code: naming.camel(e.name) for e in model.errors}
        ctx.unknown = next(n for n in ("Unknown", "UnknownCode", "UnknownStatus", "Unrecognized") if n not in variants)
    for st in model.structs:
        ctx.types[st.name] = claim(naming.camel(st.name), f"struct '{st.name}'")
    for h in model.handles:
        ctx.types[h.name] = claim(naming.camel(h.name), f"handle '{h.name}'")
    for cb in model.callbacks:
        ctx.closures[cb.name] = claim(naming.camel(cb.name) + "Closure", f"callback '{cb.name}'")
    return ctx


# ---------------------------------------------------------------- docs


def doc_text(text: str, fallback: str) -> list[str]:
    text = (text or "").strip() or fallback
    return text.splitlines()


def rustdoc(indent: str, lines: list[str], prefix: str = "///") -> list[str]:
    """Doc-comment lines, prose wrapped at the line width (bullets with a hanging indent), code kept."""
    out, code = [], False
    for line in lines:
        if line.startswith("```"):
            code = not code
        if code or line.startswith("```") or layout.fits(f"{indent}{prefix} {line}"):
            out.append(f"{indent}{prefix} {line}".rstrip())
            continue
        hang = "  " if line.startswith("* ") else ""
        wrapped = layout.comment(indent, line, prefix=f"{prefix} ")
        out += [wrapped[0]] + [w.replace(f"{prefix} ", f"{prefix} {hang}", 1) for w in wrapped[1:]]
    return out


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?:" else text + "."


def fenced(body: list[str], info: str = "") -> list[str]:
    return [f"```{info}", *body, "```"]


# ---------------------------------------------------------------- types


def sys_param_type(t: m.ParamType, ffi: set[str]) -> str:
    if isinstance(t, m.ScalarT):
        return naming.scalar(t.scalar)
    if isinstance(t, m.BytesT):
        return "*mut u8" if t.mutable else "*const u8"
    if isinstance(t, m.SliceT):
        return f"*const {t.elem.name}"
    if isinstance(t, (m.ArrayOutT, m.BufOutT)):
        return f"*mut {t.elem.name}"
    if isinstance(t, m.OutT):
        target = t.target
        if isinstance(target, m.Scalar):
            return f"*mut {target.name}"
        if isinstance(target, m.Handle):
            return f"*mut *mut {target.c_name}"
        return f"*mut {target.c_name}"
    if isinstance(t, m.StructT):
        return t.struct.c_name
    if isinstance(t, m.HandleT):
        return f"*const {t.handle.c_name}" if t.const else f"*mut {t.handle.c_name}"
    if isinstance(t, m.CallbackT):
        return t.callback.c_name
    if isinstance(t, m.UserDataT):
        ffi.add("c_void")
        return "*mut c_void"
    if isinstance(t, m.PtrT):  # only a releaser's (role "release"): the others are refused at generation
        return f"*mut {t.elem.name}"
    raise TypeError(t)


def sys_return(t: m.ReturnType, ffi: set[str]) -> str:
    if isinstance(t, m.VoidT):
        return ""
    if isinstance(t, m.ScalarT):
        return f" -> {t.scalar.name}"
    if isinstance(t, m.StructT):
        return f" -> {t.struct.c_name}"
    if isinstance(t, m.StatusT):
        ffi.add("c_int")
        return " -> c_int"
    if isinstance(t, m.CStrT):
        ffi.add("c_char")
        return " -> *const c_char"
    if isinstance(t, m.PtrT):
        return f" -> *mut {t.elem.name}"
    raise TypeError(t)


def closure_bound(cb: m.Callback) -> str:
    args = ", ".join(p.type.scalar.name for p in cb.params if isinstance(p.type, m.ScalarT))
    ret = f" -> {cb.returns.scalar.name}" if isinstance(cb.returns, m.ScalarT) else ""
    return f"FnMut({args}){ret}"


def check_callback(cb: m.Callback) -> None:
    for p in cb.params:
        if not isinstance(p.type, (m.ScalarT, m.UserDataT)):
            raise fail(f"callback '{cb.name}': parameter '{p.name}' must be a scalar or user_data")
    if not isinstance(cb.returns, (m.ScalarT, m.VoidT)):
        raise fail(f"callback '{cb.name}' must return a scalar or void")


# ---------------------------------------------------------------- the -sys crate


def struct_asserts(name: str, st: m.Struct) -> list[str]:
    out = [f"const _: () = assert!(size_of::<{name}>() == {st.size});",
           f"const _: () = assert!(align_of::<{name}>() == {st.align});"]
    out += [f"const _: () = assert!(core::mem::offset_of!({name}, {naming.ident(f.name)}) == {f.offset});"
            for f in st.fields]
    return out


def struct_derives(st: m.Struct) -> str:
    exact = all(not f.type.is_float for f in st.fields)
    return "Debug, Clone, Copy, PartialEq, " + ("Eq, Hash, " if exact else "") + "Default"


def sys_lib(ctx: Ctx, backend) -> str:
    model, pkg = ctx.model, ctx.pkg
    ffi: set[str] = set()
    items: list[list[str]] = []
    if model.errors or any(f.is_status for f in model.functions):
        ffi.add("c_int")
        consts = ["/// Success.", f"pub const {pkg.macro_prefix}OK: c_int = 0;"]
        for e in model.errors:
            consts += rustdoc("", [capital(sentence(e.message))]) + [f"pub const {e.c_name}: c_int = {e.code};"]
        items.append(consts)
    for st in model.structs:
        lines = rustdoc("", doc_text(st.doc, f"The C struct `{st.c_name}`."))
        lines += ["#[repr(C)]", f"#[derive({struct_derives(st)})]", f"pub struct {st.c_name} {{"]
        for f in st.fields:
            lines += rustdoc(I1, doc_text(f.doc, f"The `{f.name}` field."))
            lines.append(f"{I1}pub {naming.ident(f.name)}: {f.type.name},")
        lines.append("}")
        items.append(lines)
        items.append(struct_asserts(st.c_name, st))
    for h in model.handles:
        lines = rustdoc("", doc_text(h.doc, f"The C type `{h.c_name}`.") + [
            "", f"Opaque: only pointers to it exist, made by `{pkg.prefix}{h.new}` and freed by "
                f"`{pkg.prefix}{h.free}`."])
        lines += ["#[repr(C)]", f"pub struct {h.c_name} {{", f"{I1}_opaque: [u8; 0],",
                  f"{I1}_marker: core::marker::PhantomData<(*mut u8, core::marker::PhantomPinned)>,", "}"]
        items.append(lines)
    for cb in model.callbacks:
        check_callback(cb)
        params = [f"{naming.ident(p.name)}: {sys_param_type(p.type, ffi)}" for p in cb.params]
        ret = f" -> {cb.returns.scalar.name}" if isinstance(cb.returns, m.ScalarT) else ""
        value = f'Option<unsafe extern "C" fn({", ".join(params)}){ret}>'
        lines = rustdoc("", doc_text(cb.doc, f"The C callback type `{cb.c_name}`.") + [
            "", f"`{cb.c_typedef}`"])
        items.append(lines + layout.type_alias("", f"pub type {cb.c_name}", value))
    externs = []
    for fn in model.functions:
        params = [f"{naming.ident(p.name)}: {sys_param_type(p.type, ffi)}" for p in fn.params]
        ret = sys_return(fn.returns, ffi)
        doc = doc_text(fn.doc, f"`{fn.symbol}`.") + ["", f"`{fn.c_prototype}`"]
        if fn.cpu:
            doc += ["", f"Needs the CPU features {', '.join(fn.cpu)}."]
        externs.append(rustdoc(I1, doc) + layout.signature(I1, f"pub fn {fn.symbol}", params, f"{ret};"))
        for v in fn.variants:
            needs = f" Needs {', '.join(v.cpu)}: check the CPU first." if v.cpu else ""
            doc = [f"The `{v.name}` variant of [`{fn.symbol}`], which picks the best one itself.{needs}", "",
                   "Hidden in the shared library; the static one, which Rust links, has it."]
            externs.append(rustdoc(I1, doc) + layout.signature(I1, f"pub fn {v.symbol}", params, f"{ret};"))
    freed = [f"`{f.symbol}`" for f in model.functions if f.free_symbol == "free"]
    if freed:
        ffi.add("c_void")
        doc = [f"The C library's `free` (`<stdlib.h>`), which releases the strings {', '.join(freed)} "
               f"return{'s' if len(freed) == 1 else ''}."]
        externs.append(rustdoc(I1, doc) + [f"{I1}pub fn free(ptr: *mut c_void);"])
    items.append(['unsafe extern "C" {', *join_blocks(externs), "}"])
    if ffi:
        items.insert(0, [f"use core::ffi::{{{', '.join(sorted(ffi))}}};" if len(ffi) > 1
                         else f"use core::ffi::{next(iter(ffi))};"])
    return backend.render("sys-lib.rs.in", library=pkg.library, version=pkg.version, header=model.header_name,
                          crate=ctx.crate_ident, lib_dir_var=ctx.lib_dir_var, items="\n".join(join_blocks(items)))


def join_blocks(blocks: list[list[str]]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if not block:
            continue
        if out:
            out.append("")
        out += block
    return out


# ---------------------------------------------------------------- the safe crate: functions


@dataclass
class Wrapper:
    name: str
    params: list[str]
    ret: str  # "" for ()
    body: list[str]
    doc: list[str]
    must_use: bool


def rust_result_type(ctx: Ctx, t) -> str:
    if isinstance(t, m.ScalarT):
        return t.scalar.name
    if isinstance(t, (m.StructT, m.HandleT)):
        return ctx.types[(t.struct if isinstance(t, m.StructT) else t.handle).name]
    if isinstance(t, m.ArrayOutT):
        return f"[{t.elem.name}; {t.length}]"
    if isinstance(t, m.BufOutT):
        return f"Vec<{t.elem.name}>"
    if isinstance(t, m.CStrT):
        return "Option<String>"
    if isinstance(t, m.PtrT):
        return f"*mut {t.elem.name}"
    raise TypeError(t)


def callee_path(ctx: Ctx, fn: m.Function) -> str:
    if fn.role == "new":
        handle = next(h for h in ctx.model.handles if h.new == fn.name)
        return f"{ctx.crate_ident}::{ctx.types[handle.name]}::new"
    return f"{ctx.crate_ident}::{naming.ident(fn.name)}"


INT_REGS = ("rdi", "rsi", "rdx", "rcx", "r8", "r9")


def widen(expr: str, s: m.Scalar) -> str:
    """An argument as the System V ABI passes it: bool, 8- and 16-bit values extended to 32 bits."""
    if s.is_bool or (s.size < 4 and not s.signed):
        return f"u32::from({expr})"
    if s.size < 4:
        return f"i32::from({expr})"
    return expr


def direct_operands(fn: m.Function, args: list[str]) -> list[str] | None:
    """`asm!` operands passing `args` to `fn` in its System V registers, or None when the signature
    needs more than registers (structs by value, callbacks, arguments on the stack)."""
    ints, floats, out = iter(INT_REGS), iter(f"xmm{k}" for k in range(8)), []
    for p, arg in zip(fn.params, args):
        t = p.type
        if isinstance(t, (m.StructT, m.CallbackT)):
            return None
        if isinstance(t, m.ScalarT) and t.scalar.is_float:
            reg = next(floats, None)
        else:
            reg = next(ints, None)
            if isinstance(t, m.ScalarT):
                arg = widen(arg, t.scalar)
            elif arg.startswith("&mut "):
                arg = "&raw mut " + arg[len("&mut "):]
        if reg is None:
            return None
        out.append(f'in("{reg}") {arg}')
    return out


def direct_result(t: m.ReturnType) -> tuple[str, str, str] | None:
    """(register, Rust type the register is read as, conversion of `{}` to the result) for a return."""
    if isinstance(t, m.StatusT):
        return ("rax", "core::ffi::c_int", "{}")
    if isinstance(t, m.ScalarT):
        s = t.scalar
        if s.is_float:
            return ("xmm0", s.name, "{}")
        if s.is_bool:
            return ("rax", "u32", "{} as u8 != 0")
        if s.size < 4:
            return ("rax", "i32" if s.signed else "u32", f"{{}} as {s.name}")
        return ("rax", s.name, "{}")
    if isinstance(t, m.PtrT):
        return ("rax", f"*mut {t.elem.name}", "{}")
    if isinstance(t, m.CStrT):
        return ("rax", "*const core::ffi::c_char", "{}")
    return None


def direct_call(indent: str, symbol: str, operands: list[str], result: tuple[str, str] | None) -> list[str]:
    """An `unsafe` block calling `symbol` with a plain `call` (see the crate's note on direct calls)."""
    inner = indent + I1
    body = [f"{inner}core::arch::asm!(", f'{inner}{I1}"call {{f}}",', f"{inner}{I1}f = sym sys::{symbol},"]
    body += [f"{inner}{I1}{o}," for o in operands]
    if result:
        body.append(f'{inner}{I1}lateout("{result[0]}") {result[1]},')
    body += [f'{inner}{I1}clobber_abi("C"),', f"{inner});"]
    return [f"{indent}unsafe {{", *body, f"{indent}}}"]


DIRECT_SAFETY = "The `asm!` call follows the C ABI (see \"Direct calls\" at the top)."

DIRECT_NOTE = """\
Direct calls. rustc calls a foreign function through the GOT in a position-independent executable
(an indirect `call`), which costs as much as the whole work of the smallest functions here. Where a
signature fits in registers, the bindings make the call themselves with `asm!`, as a C compiler
does: a `call` to the symbol, the arguments in their System V registers (bools and 8- and 16-bit
integers extended to 32 bits), the result read from rax or xmm0, `clobber_abi("C")` for every
caller-saved register, and no `nostack`, so that the stack is aligned for a call and nothing lives
in the red zone. Functions taking structs by value or callbacks use the declarations in `sys`."""


# ---------------------------------------------------------------- lengths given as expressions

USIZE_MAX = (1 << 64) - 1
ISIZE_MAX = (1 << 63) - 1


def sized_unit(t) -> str:
    """What a length expression counts in messages and docs: bytes, or elements of a slice or an output."""
    return "bytes" if isinstance(t, m.BytesT) or (isinstance(t, m.BufOutT) and t.elem.name == "u8") else "elements"


def size_arg(fn: m.Function, name: str) -> str:
    """The value of the parameter a length expression names, as a `u64` (what `len::Expr` takes)."""
    p = fn.param(name)
    if p.role == m.LENGTH:
        return f"{naming.ident(p.length_of)}.len() as u64"
    n, s = naming.ident(p.name), p.type.scalar  # type: ignore[union-attr]
    return n if s.name == "u64" else f"{n} as u64" if s.name == "usize" else f"u64::from({n})"


def size_max(fn: m.Function, name: str) -> int:
    """The largest value that parameter can have at the call (a length: what a slice can hold)."""
    p = fn.param(name)
    most = p.type.scalar.int_range()[1]  # type: ignore[union-attr]
    if p.role == m.LENGTH:
        measured = fn.param(p.length_of).type
        most = min(most, ISIZE_MAX // (measured.elem.size if isinstance(measured, m.SliceT) else 1))
    return most


def size_where(fn: m.Function, size: m.LenExpr) -> str:
    """`, n being the length of src` when the expression's parameter is filled in from a buffer."""
    if size.param is None or fn.param(size.param).role != m.LENGTH:
        return ""
    return f", `{size.param}` being the length of `{naming.ident(fn.param(size.param).length_of)}`"


def size_expr(indent: str, fn: m.Function, p: m.Param, size: m.LenExpr) -> tuple[str, list[str]]:
    """A local `const` holding the `len::Expr` of `p`'s length, with what its messages name: (name, lines)."""
    if size.param is None:
        raise fail(f"function '{fn.name}': '{p.name}' has a constant length, which is not an expression")
    if not (0 <= size.mul <= ISIZE_MAX and abs(size.add) <= ISIZE_MAX):
        raise fail(f"function '{fn.name}': the length '{size}' of '{p.name}' has constants beyond isize")
    args = [naming.string(naming.ident(p.name)), naming.string(str(size)), naming.string(naming.ident(size.param)),
            naming.string(sized_unit(p.type)), str(size.mul), str(size.add)]
    name = naming.ident(p.name).upper()
    return name, layout.const_call(indent, name, "len::Expr", "len::Expr::new", args)


def size_panics(fn: m.Function, p: m.Param, size: m.LenExpr) -> str | None:
    """The `# Panics` sentence of a buffer sized by an expression, or None when it cannot fail."""
    n, unit = naming.ident(p.name), sized_unit(p.type)
    output = isinstance(p.type, m.BufOutT)
    reasons = [] if output else [f"`{n}` holds fewer than {f'`{size}`' if size.param else size} {unit}"]
    if size.param is not None and size.add < 0:
        below = -(size.add // size.mul) if size.mul else None  # the smallest value it is not negative for
        when = f"`{size.param}` is 0" if below == 1 else f"`{size.param}` < {below}" if below else "always"
        reasons.append(f"`{size}` is negative ({when})")
    if size.param is not None:
        most = size.mul * size_max(fn, size.param) + size.add
        elem = p.type.elem.size if isinstance(p.type, (m.BufOutT, m.SliceT)) else 1
        if output and most * elem > ISIZE_MAX:
            reasons.append(f"the `{size}` {unit} of `{n}` cannot be allocated")
        elif most > USIZE_MAX:
            reasons.append(f"`{size}` overflows `usize`")
    if output and len(reasons) == 1 and reasons[0].startswith("the "):
        return f"If {reasons[0]}."
    if not reasons:
        return None
    return "If " + (", or ".join(reasons) if len(reasons) < 3 else ", ".join(reasons[:-1]) + ", or " + reasons[-1]) \
        + "."


def len_items(ctx: Ctx, backend) -> list[str]:
    """The private `len` module, with the methods the functions use."""
    forms = {form for fn in ctx.model.functions for form in fn.extended_forms}
    inputs = any(p.size is not None and p.size.param is not None for fn in ctx.model.functions for p in fn.params)
    methods = [backend.render(template).rstrip("\n").split("\n")
               for template, used in (("safe-len-check.rs.in", inputs), ("safe-len-zeroed.rs.in", m.BUF_OUT in forms))
               if used]
    if not methods:
        return []
    return backend.render("safe-len.rs.in", library=ctx.pkg.library,
                          methods="\n".join(join_blocks(methods))).rstrip("\n").split("\n")


def cstr_result(indent: str, fn: m.Function, var: str) -> list[str]:
    """`let var = ...;` making the `Option<String>` of a `cstr` result: a copy, `None` for NULL. A string the
    caller frees is freed right after the copy, once, and only when it is not NULL; nothing between can unwind
    (the copy is lossy, so it cannot fail, and running out of memory aborts)."""
    inner = indent + I1
    owned = fn.free_symbol is not None
    lines = [f"{indent}let {var} = if {var}.is_null() {{", f"{inner}None", f"{indent}}} else {{"]
    lines += layout.comment(inner, f"SAFETY: a non-null result of `{fn.symbol}` is a NUL-terminated string "
                            + ("that the caller owns until it frees it; it is copied at once." if owned else
                               "that stays valid until the next call into the library on this thread; it is "
                               "copied at once."))
    lines.append(f"{inner}let text = unsafe {{ core::ffi::CStr::from_ptr({var}) }};")
    if not owned:
        return lines + [f"{inner}Some(text.to_string_lossy().into_owned())", f"{indent}}};"]
    callee = f"sys::{fn.free_symbol}"  # `sys::free` is the -sys crate's own declaration of libc's
    lines.append(f"{inner}let text = text.to_string_lossy().into_owned();")
    lines += layout.comment(inner, f"SAFETY: `{var}` is the string `{fn.symbol}` returned, which the caller frees "
                            f"with `{fn.free_symbol}`; it is freed once, here, and not used after.")
    lines += layout.unsafe_call(inner, "", callee, [f"{var}.cast_mut().cast()"], ";")
    return lines + [f"{inner}Some(text)", f"{indent}}};"]


def wrapper(ctx: Ctx, fn: m.Function, indent: str, owner: m.Handle | None = None) -> list[str]:
    """A safe function calling `fn`; with `owner`, that handle's constructor `new`."""
    if isinstance(fn.returns, m.StatusT) and not ctx.has_errors:
        raise fail(f"function '{fn.name}' returns status but the manifest declares no errors")
    body_indent = indent + I1
    taken = {naming.ident(p.name) for p in fn.params}

    def fresh(name: str) -> str:
        while name in taken:
            name += "_"
        taken.add(name)
        return name

    params: list[str] = []
    pre: list[str] = []
    args: list[str] = []
    post: list[str] = []
    results: list[tuple[str, list[str], str]] = []  # (Rust type, lines that make it, expression)
    clauses: list[str] = []
    panics: list[str] = []
    sized: list[str] = []  # checks and allocations of buffers sized by expressions, once every length is known
    doc_args: list[str] = []
    doc_outs: list[str] = []
    users = {p.user: p for p in fn.params if isinstance(p.type, m.CallbackT)}
    symbol = fn.symbol
    for p in fn.params:
        t, n = p.type, naming.ident(p.name)
        if p.role == m.LENGTH:
            buf = naming.ident(p.length_of)
            s = t.scalar
            unit = "bytes" if isinstance(fn.param(p.length_of).type, m.BytesT) else "elements"
            if s.name == "usize":
                args.append(f"{buf}.len()")
            elif s.bits == 64:
                args.append(f"{buf}.len() as {s.name}")
            else:
                rhs = f'{s.name}::try_from({buf}.len()).expect("`{buf}` is too long")'
                pre += layout.let(body_indent, n, rhs) or [f"{body_indent}let {n} = {rhs};"]
                args.append(n)
                panics.append(f"If `{buf}` holds more than `{s.name}::MAX` {unit}.")
            continue
        if p.role == m.USER:
            args.append(f"{naming.ident(users[p.name].name)}.user()")
            continue
        if p.role == m.OUTPUT:
            if isinstance(t, m.BufOutT):
                size, unit = t.size, sized_unit(t)
                doc_outs.append(f"* `{n}` - {sentence(p.doc) + ' ' if p.doc else ''}The `{size}` {unit} the call "
                                f"writes{size_where(fn, size)}.")
                const, define = size_expr(body_indent, fn, p, size)
                sized += define + layout.let_call(body_indent, f"mut {n}: Vec<{t.elem.name}>", f"{const}.zeroed",
                                                  [size_arg(fn, size.param)])
                args.append(f"{n}.as_mut_ptr()")
                clauses.append(f"`{n}` is a local vector of exactly the `{size}` zeroed {unit} the call writes")
                results.append((rust_result_type(ctx, t), [], n))
                if (why := size_panics(fn, p, size)) is not None:
                    panics.append(why)
                continue
            if p.doc and not (isinstance(t, m.OutT) and t.target == owner):
                doc_outs.append(f"* `{n}` - {p.doc}")
            if isinstance(t, m.ArrayOutT):
                zero = "false" if t.elem.is_bool else f"{naming.zero(t.elem)}_{t.elem.name}"
                pre.append(f"{body_indent}let mut {n} = [{zero}; {t.length}];")
                args.append(f"{n}.as_mut_ptr()")
                clauses.append(f"`{n}` is a local array of the {t.length} elements the C prototype declares")
                results.append((rust_result_type(ctx, t), [], n))
                continue
            target = t.target
            args.append(f"&mut {n}")
            if isinstance(target, m.Scalar):
                pre.append(f"{body_indent}let mut {n}: {target.name} = {naming.zero(target)};")
                clauses.append(f"`{n}` is a live local the call may write")
                results.append((target.name, [], n))
            elif isinstance(target, m.Struct):
                pre.append(f"{body_indent}let mut {n} = sys::{target.c_name}::default();")
                clauses.append(f"`{n}` is a live local the call may write")
                results.append((ctx.types[target.name], [], f"{ctx.types[target.name]}::from({n})"))
            else:
                rust = "Self" if target == owner else ctx.types[target.name]
                pre.append(f"{body_indent}let mut {n}: *mut sys::{target.c_name} = core::ptr::null_mut();")
                clauses.append(f"`{n}` is a live local where the call may store a handle")
                when = "on success " if fn.is_status else ""
                make = [*layout.comment(body_indent, f"SAFETY: {when}`{symbol}` stored in `{n}` a new handle "
                                                     "that nothing else owns.")]
                make += layout.unsafe_call(body_indent, f"let {n} = ", f"{rust}::from_raw", [n], ";")
                results.append((rust, make, n))
            continue
        # inputs
        size = p.size
        if size is not None:
            unit = sized_unit(t)
            uses = "reads and writes" if isinstance(t, m.BytesT) and t.mutable else "reads"
            shown = f"`{size}`" if size.param else str(size)
            doc_args.append(f"* `{n}` - {sentence(p.doc) + ' ' if p.doc else ''}Holds at least {shown} {unit}"
                            f"{size_where(fn, size)}: the call {uses} the first {shown}, and no more.")
            if size.param is None:
                sized += layout.call(body_indent, "", "assert!", [
                    f"{n}.len() >= {size.add}", naming.string(f"{n}: needs {size.add} {unit}, got {{}}"),
                    f"{n}.len()"], ";", macro=True)
            else:
                const, define = size_expr(body_indent, fn, p, size)
                sized += define + layout.call(body_indent, "", f"{const}.check",
                                              [size_arg(fn, size.param), f"{n}.len()"], ";")
            if (why := size_panics(fn, p, size)) is not None:
                panics.append(why)
        elif p.doc:
            doc_args.append(f"* `{n}` - {p.doc}")
        if isinstance(t, m.ScalarT):
            params.append(f"{n}: {t.scalar.name}")
            args.append(n)
        elif isinstance(t, m.BytesT):
            params.append(f"{n}: &{'mut ' if t.mutable else ''}[u8]")
            args.append(f"{n}.as_mut_ptr()" if t.mutable else f"{n}.as_ptr()")
            if size is not None:
                clauses.append(f"`{n}` is {'an exclusive' if t.mutable else 'a live'} borrow of at least the "
                               f"{shown} bytes the call {uses} (checked above)")
            else:
                clauses.append(f"`{n}` is an exclusive borrow, valid for reads and writes of its length"
                               if t.mutable else f"`{n}` is a live borrow, valid for reads of its length")
        elif isinstance(t, m.SliceT):
            params.append(f"{n}: &[{t.elem.name}]")
            args.append(f"{n}.as_ptr()")
            clauses.append(f"`{n}` is a live borrow of at least the {shown} initialized `{t.elem.name}`s the call "
                           "reads (checked above)" if size is not None else
                           f"`{n}` is a live borrow of as many initialized `{t.elem.name}`s as its length says")
        elif isinstance(t, m.StructT):
            params.append(f"{n}: {ctx.types[t.struct.name]}")
            args.append(f"{n}.into()")
        elif isinstance(t, m.HandleT):
            rust = ctx.types[t.handle.name]
            params.append(f"{n}: &{'' if t.const else 'mut '}{rust}")
            args.append(f"{n}.as_raw()")
            clauses.append(f"`{n}` is a live handle, borrowed {'shared' if t.const else 'exclusively'} for the call")
        elif isinstance(t, m.CallbackT):
            cb = t.callback
            params.append(f"{n}: impl {closure_bound(cb)}")
            pre.append(f"{body_indent}let mut {n} = {ctx.closures[cb.name]}::new({n});")
            args.append(f"{n}.callback()")
            post.append(f"{body_indent}{n}.finish();")
            clauses.append(f"`{n}.callback()` never unwinds, and `{n}.user()` points to its state, which "
                           "outlives the call and is not touched during it")
            panics.append(f"If `{n}` panics: the panic is caught before it can unwind into "
                          f"lib{ctx.pkg.library}, later calls of `{n}` in this call return at once, and "
                          "the panic resumes here when the library returns.")
        else:
            raise fail(f"function '{fn.name}': parameter '{p.name}' has a type the Rust backend cannot map")
    # the call
    status_var = fresh("status")
    result_var = fresh("result")
    if fn.returns_value:
        t = fn.returns
        if isinstance(t, m.StructT):
            rust = ctx.types[t.struct.name]
            results.insert(0, (rust, [], f"{rust}::from({result_var})"))
        elif isinstance(t, m.CStrT):
            results.insert(0, ("Option<String>", cstr_result(body_indent, fn, result_var), result_var))
        else:
            results.insert(0, (rust_result_type(ctx, t), [], result_var))
    safety = "SAFETY: " + ("; ".join(clauses) if clauses else f"`{symbol}` takes plain values only") + "."
    callee = f"sys::{symbol}"
    operands = direct_operands(fn, args)
    reads = direct_result(fn.returns) if fn.returns_value or fn.is_status else ("", "", "")
    direct = operands is not None and reads is not None
    if direct and fn.returns_value and reads[2] != "{}":
        # the register is read as a wider type: the result is converted from it
        first = results[0]
        results[0] = (first[0], first[1], reads[2].format(result_var))
    lines = pre + sized
    if direct:
        ctx.direct_calls += 1
        if fn.is_status:
            lines.append(f"{body_indent}let {status_var}: {reads[1]};")
        elif fn.returns_value:
            lines.append(f"{body_indent}let {result_var}: {reads[1]};")
        safety += " " + DIRECT_SAFETY
    lines += layout.comment(body_indent, safety)
    types = [r[0] for r in results]
    inner = types[0] if len(types) == 1 else f"({', '.join(types)})" if types else "()"
    ret = f"Result<{inner}, Error>" if fn.is_status else (inner if types else "")
    value = results[0][2] if len(results) == 1 else f"({', '.join(r[2] for r in results)})" if results else "()"
    makes = [line for r in results for line in r[1]]
    simple = not post and not makes and (len(results) == 0 or value == result_var) and not direct
    if not post and len(results) == 1 and makes and makes[0].startswith(f"{body_indent}let {value} = ") \
            and makes[-1].endswith(";") and not fn.is_status:
        # the conversion is the function's value: end with it rather than bind and return it
        makes = [makes[0].replace(f"let {value} = ", "", 1), *makes[1:-1], makes[-1][:-1]]
        value = ""
    if direct:
        bound = (reads[0], status_var if fn.is_status else result_var) if reads[0] else None
        lines += direct_call(body_indent, symbol, operands, bound)
        lines += post
        if fn.is_status:
            if results:
                lines.append(f"{body_indent}Error::check({status_var})?;")
                lines += makes
                lines.append(f"{body_indent}Ok({value})")
            else:
                lines.append(f"{body_indent}Error::check({status_var})")
        else:
            lines += makes
            if results and value:
                lines.append(f"{body_indent}{value}")
    elif fn.is_status:
        lines += layout.unsafe_call(body_indent, f"let {status_var} = ", callee, args, ";")
        lines += post
        if results:
            lines.append(f"{body_indent}Error::check({status_var})?;")
            lines += makes
            lines.append(f"{body_indent}Ok({value})")
        else:
            lines.append(f"{body_indent}Error::check({status_var})")
    elif simple:
        lines += layout.unsafe_call(body_indent, "", callee, args, "")
    else:
        if fn.returns_value:
            lines += layout.unsafe_call(body_indent, f"let {result_var} = ", callee, args, ";")
        else:
            lines += layout.unsafe_call(body_indent, "", callee, args, ";")
        lines += post + makes
        if results and value:
            lines.append(f"{body_indent}{value}")
    # docs
    doc = doc_text(fn.doc, f"Calls `{symbol}`.")
    if fn.free_symbol is not None:
        doc += ["", "The string is a copy (`None` for NULL): the binding frees the C string itself, right after "
                    "copying it."]
    if fn.cpu:
        doc += ["", f"Needs the CPU feature{'s' if len(fn.cpu) > 1 else ''} "
                    f"{', '.join(f'`{c}`' for c in fn.cpu)}."]
    if doc_args:
        doc += ["", "# Arguments", "", *doc_args]
    if doc_outs:
        doc += ["", "# Returns", "", *doc_outs]
    if fn.is_status:
        doc += ["", "# Errors", ""] + [f"* [`{ctx.error(e)}`] - {capital(sentence(e.message))}" for e in fn.errors]
    if panics:
        doc += ["", "# Panics", ""] + (panics if len(panics) == 1 else [f"* {x}" for x in panics])
    examples = [line for tv in fn.tests[:3] for line in vector_lines(ctx, fn, tv, doc=True, indent="")]
    if examples:
        if any(uses_question_mark(ctx, fn, tv) for tv in fn.tests[:3]):
            examples.append(f"# Ok::<(), {ctx.crate_ident}::Error>(())")
        doc += ["", "# Examples", "", *fenced(examples)]
    name = "new" if owner else naming.ident(fn.name)
    out = rustdoc(indent, doc)
    out.append(f'{indent}#[doc(alias = "{symbol}")]')
    out.append(f"{indent}#[inline]")
    if sized:
        out.append(f"{indent}#[track_caller]")
    if len(params) > 7:
        out.append(f"{indent}#[allow(clippy::too_many_arguments)]")
    if types and not fn.is_status:
        out.append(f"{indent}#[must_use]")
    tail = f" -> {ret} {{" if ret else " {"
    out += layout.signature(indent, f"pub fn {name}", params, tail)
    out += lines
    out.append(f"{indent}}}")
    return out


# ---------------------------------------------------------------- test vectors as Rust


def exact_scalar(s: m.Scalar) -> bool:
    return not s.is_float


def exact_type(t) -> bool:
    if isinstance(t, m.ScalarT):
        return exact_scalar(t.scalar)
    if isinstance(t, (m.ArrayOutT, m.BufOutT)):
        return exact_scalar(t.elem)
    return False


def result_types(fn: m.Function) -> list[object]:
    out = []
    for name, t in fn.results:
        ptype = fn.param(name).type if name != "result" else None
        out.append(ptype if isinstance(ptype, (m.ArrayOutT, m.BufOutT)) else t)
    return out


def exact_results(fn: m.Function) -> bool:
    return all(exact_type(t) for t in result_types(fn))


def has_handle_result(fn: m.Function) -> bool:
    return any(isinstance(t, m.HandleT) for t in result_types(fn))


def printable(data: bytes) -> bool:
    return all(0x20 <= b < 0x7F for b in data)


class Locals:
    """Statements that bind values to fresh local names, ahead of the statement that uses them."""

    def __init__(self, indent: str, taken: set[str]) -> None:
        self.indent, self.taken, self.lines = indent, set(taken), []

    def name(self, base: str) -> str:
        name, n = base, 2
        while name in self.taken:
            name, n = f"{base}{n}", n + 1
        self.taken.add(name)
        return name

    def array(self, base: str, items: list[str], mutable: bool = False) -> str:
        name = self.name(base)
        self.lines += layout.let_array(self.indent, f"mut {name}" if mutable else name, "", items)
        return name

    def data(self, base: str, data: bytes) -> str:
        """An expression of type `[u8; N]` holding `data`: `*b"..."` when printable, else a bound array."""
        if printable(data):
            return "*" + naming.byte_string(data)
        return self.array(base, [f"0x{b:02x}" for b in data])


def exact_literal(t, value, local: Locals) -> str:
    """A literal equal to a result: an array for `[T; N]`, and for `Vec<T>` too (they compare equal)."""
    if isinstance(t, m.ScalarT):
        return naming.scalar_literal(value, t.scalar)
    if isinstance(t, (m.ArrayOutT, m.BufOutT)):
        if t.elem.name == "u8":
            return local.data("want", bytes(value))
        items = [naming.scalar_literal(v, t.elem) for v in naming.array_elements(bytes(value), t.elem)]
        inline = "[" + ", ".join(items) + "]"
        return inline if len(inline) <= 40 else local.array("want", items)
    raise TypeError(t)


def float_check(indent: str, expr: str, s: m.Scalar, want: float, doc: bool) -> list[str]:
    lit = naming.float_literal(want, s)
    if math_isnan(want):
        return layout.call(indent, "", "assert!", [f"{expr}.is_nan()"], ";", macro=True)
    if not math.isfinite(want):  # inf - inf is NaN: no tolerance, the value itself
        return layout.call(indent, "", "assert_eq!", [expr, lit], ";", macro=True)
    if doc:
        tol = 1e-6 if s.size == 4 else 1e-12
        bound = naming.float_literal(tol * max(1.0, abs(want)), m.SCALARS["f64"])
        diff = f"{expr} + {lit[1:]}" if lit.startswith("-") and lit[1:2].isdigit() else f"{expr} - {lit}"
        return layout.call(indent, "", "assert!", [f"({diff}).abs() <= {bound}"], ";", macro=True)
    rel = "1e-6" if s.size == 4 else "1e-12"
    if s.size == 4:
        typed = f"{lit}_f32" if lit[-1:].isdigit() else lit
        return layout.call(indent, "", "assert_near", [f"f64::from({expr})", f"f64::from({typed})", rel], ";")
    return layout.call(indent, "", "assert_near", [expr, lit, rel], ";")


def math_isnan(x: float) -> bool:
    return x != x


def check_lines(indent: str, expr: str, t, want, doc: bool, local: Locals) -> list[str]:
    """Statements asserting that `expr` (of result type `t`) equals `want`."""
    if isinstance(t, m.ScalarT):
        s = t.scalar
        if s.is_float:
            return float_check(indent, expr, s, float(want), doc)
        if s.is_bool:
            return [f"{indent}assert!({'' if want else '!'}{expr});"]
        return layout.call(indent, "", "assert_eq!", [expr, naming.scalar_literal(want, s)], ";", macro=True)
    if isinstance(t, m.StructT):
        out = []
        for f in t.struct.fields:
            out += check_lines(indent, f"{expr}.{naming.ident(f.name)}", m.ScalarT(f.type), want[f.name], doc, local)
        return out
    if isinstance(t, (m.ArrayOutT, m.BufOutT)):
        if t.elem.is_float:
            items = naming.array_elements(bytes(want), t.elem)
            bits = [naming.float_bits(v, t.elem) for v in items]
            got = f"{expr}.map({t.elem.name}::to_bits)" if isinstance(t, m.ArrayOutT) else \
                f"{expr}.iter().map(|v| v.to_bits()).collect::<Vec<_>>()"
            return layout.call(indent, "", "assert_eq!", [got, "[" + ", ".join(bits) + "]"], ";", macro=True)
        local.lines = []
        lit = exact_literal(t, want, local)
        return local.lines + layout.call(indent, "", "assert_eq!", [expr, lit], ";", macro=True)
    raise TypeError(t)


def vector_lines(ctx: Ctx, fn: m.Function, tv: m.TestVector, doc: bool, indent: str) -> list[str]:
    """Rust statements that run one test vector through the safe API (a doc example or a test body)."""
    crate = ctx.crate_ident
    values = dict(tv.args)
    local = Locals(indent, {naming.ident(p.name) for p in fn.params} | {"result"})
    lines = local.lines
    args: list[str] = []
    for p in fn.inputs:
        t, n, v = p.type, naming.ident(p.name), values[p.name]
        if isinstance(t, m.ScalarT):
            args.append(naming.scalar_literal(v, t.scalar))
        elif isinstance(t, m.BytesT):
            data = bytes(v)
            lit = naming.byte_string(data)
            if not printable(data):
                local.taken.discard(n)
                args.append(f"&mut {local.array(n, [f'0x{b:02x}' for b in data], t.mutable)}" if t.mutable
                            else f"&{local.array(n, [f'0x{b:02x}' for b in data])}")
            elif t.mutable:
                lines += layout.let(indent, f"mut {n}", f"*{lit}") or [f"{indent}let mut {n} = *{lit};"]
                args.append(f"&mut {n}")
            elif len(lit) <= 48:
                args.append(lit)
            else:
                lines += layout.let(indent, n, lit) or [f"{indent}let {n} = {lit};"]
                args.append(n)
        elif isinstance(t, m.SliceT):
            items = [naming.scalar_literal(x, t.elem) for x in v]
            inline = "&[" + ", ".join(items) + "]"
            if len(inline) <= 40:
                args.append(inline)
            else:
                lines += layout.let_array(indent, n, "", items)
                args.append(f"&{n}")
        elif isinstance(t, m.StructT):
            fields = [(naming.ident(f.name), naming.scalar_literal(v[f.name], f.type)) for f in t.struct.fields]
            lines += layout.struct_literal(indent, f"let {n} = ", f"{crate}::{ctx.types[t.struct.name]}", fields, ";")
            args.append(n)
        else:
            raise fail(f"function '{fn.name}': test vectors cannot pass '{p.name}'")
    callee = callee_path(ctx, fn)
    call = f"{callee}({', '.join(args)})"
    results = result_types(fn)

    def assert_eq(a: str, b: str) -> list[str]:
        one = f"{indent}assert_eq!({a}, {b});"
        if layout.fits(one):
            return [one]
        var = "result_" if "result" in {naming.ident(p.name) for p in fn.inputs} else "result"
        got = a.replace(call, var, 1)
        return layout.let_call(indent, var, callee, args) + layout.call(
            indent, "", "assert_eq!", [got, b], ";", macro=True)

    if tv.error is not None:
        err = f"{crate}::{ctx.error(tv.error)}"
        if has_handle_result(fn):
            lines += assert_eq(f"{call}.err()", f"Some({err})")
        else:
            lines += assert_eq(call, f"Err({err})")
    elif tv.expect is not None:
        wants = [tv.expect] if len(results) == 1 else list(tv.expect)  # type: ignore[arg-type]
        if exact_results(fn):
            lits = [exact_literal(t, w, local) for t, w in zip(results, wants)]
            want = lits[0] if len(lits) == 1 else f"({', '.join(lits)})"
            if all(isinstance(t, m.ScalarT) and t.scalar.is_bool for t in results) and not fn.is_status \
                    and len(results) == 1:
                lines.append(f"{indent}assert!({'' if wants[0] else '!'}{call});")
            else:
                lines += assert_eq(call, f"Ok({want})" if fn.is_status else want)
        else:
            inputs = {naming.ident(p.name) for p in fn.inputs}
            names = ["result_" if name == "result" and "result" in inputs else
                     "result" if name == "result" else naming.ident(name) for name, _ in fn.results]
            pattern = names[0] if len(names) == 1 else f"({', '.join(names)})"
            suffix = ("?" if doc else ".unwrap()") if fn.is_status else ""
            lines += layout.let(indent, pattern, f"{call}{suffix}") or layout.call(
                indent, f"let {pattern} = ", callee, args, f"{suffix};")
            checks = Locals(indent, local.taken | set(names))
            for name, t, w in zip(names, results, wants):
                lines += check_lines(indent, name, t, w, doc, checks)
    else:
        if fn.is_status:
            lines.append(f"{indent}{call}{'?' if doc else '.unwrap()'};")
        elif fn.returns_value or fn.outputs:
            lines.append(f"{indent}let _ = {call};")
        else:
            lines += layout.call(indent, "", callee, args, ";")
    for name, want in tv.after:
        data = bytes(want)
        lit = naming.byte_string(data) if printable(data) else f"&{local.array('want', [f'0x{b:02x}' for b in data])}"
        lines += layout.call(indent, "", "assert_eq!", [f"&{naming.ident(name)}[..]", lit], ";", macro=True)
    return lines


def uses_question_mark(ctx: Ctx, fn: m.Function, tv: m.TestVector) -> bool:
    return fn.is_status and tv.error is None and (tv.expect is None or not exact_results(fn))


# ---------------------------------------------------------------- the safe crate


def error_items(ctx: Ctx, backend) -> list[list[str]]:
    model, pkg = ctx.model, ctx.pkg
    strerror = model.strerror
    if strerror is None:
        raise fail("errors are declared but no strerror function gives their messages")
    first = model.errors[0]
    crate = ctx.crate_ident
    example = [
        f"use {crate}::Error;", "",
        f'let error = Error::from_code({first.code}).expect("{first.code} is an error code");',
        f"assert_eq!(error, Error::{ctx.variants[first.code]});",
        f"assert_eq!(error.code(), {first.code});",
        f"assert_eq!(error.to_string(), {naming.string(first.message)});",
        "assert_eq!(Error::from_code(0), None);",
    ]
    variants, from_code, to_code = [], [], []
    for e in model.errors:
        v = ctx.variants[e.code]
        variants += rustdoc(I1, [capital(sentence(e.message))]) + [f"{I1}{v},"]
        from_code.append(f"{I3}{e.code} => Some(Self::{v}),")
        to_code.append(f"{I3}Self::{v} => {e.code},")
    code_param = strerror.params[0].type.scalar  # type: ignore[union-attr]
    arg = "self.code()" if code_param.name == "i32" else f"self.code() as {code_param.name}"
    message = layout.let(I2, "message", f"unsafe {{ core::ffi::CStr::from_ptr(sys::{strerror.symbol}({arg})) }}")
    if message is None:
        message = [f"{I2}let message = unsafe {{", f"{I3}core::ffi::CStr::from_ptr(sys::{strerror.symbol}({arg}))",
                   f"{I2}}};"]
    items = [backend.render(
        "safe-error.rs.in", library=pkg.library, strerror=strerror.symbol,
        example="\n".join(rustdoc("", example)), variants="\n".join(variants), unknown=ctx.unknown,
        from_code="\n".join(from_code), to_code="\n".join(to_code), message="\n".join(message),
    ).rstrip("\n").split("\n")]
    if any(f.is_status for f in model.functions):
        items.append(backend.render("safe-error-check.rs.in", unknown=ctx.unknown).rstrip("\n").split("\n"))
    return items


def struct_items(ctx: Ctx, st: m.Struct) -> list[list[str]]:
    name = ctx.types[st.name]
    lines = rustdoc("", doc_text(st.doc, f"The C struct `{st.c_name}`."))
    lines += ["#[repr(C)]", f"#[derive({struct_derives(st)})]", f"pub struct {name} {{"]
    for f in st.fields:
        lines += rustdoc(I1, doc_text(f.doc, f"The `{f.name}` field."))
        lines.append(f"{I1}pub {naming.ident(f.name)}: {f.type.name},")
    lines.append("}")
    conv = []
    for src, dst in ((name, f"sys::{st.c_name}"), (f"sys::{st.c_name}", name)):
        fields = [(naming.ident(f.name), f"value.{naming.ident(f.name)}") for f in st.fields]
        conv.append([f"impl From<{src}> for {dst} {{", f"{I1}#[inline]", f"{I1}fn from(value: {src}) -> Self {{",
                     *layout.struct_literal(I2, "", "Self", fields, ""), f"{I1}}}", "}"])
    return [lines, struct_asserts(name, st), *conv]


def handle_items(ctx: Ctx, h: m.Handle, backend) -> list[list[str]]:
    model, pkg = ctx.model, ctx.pkg
    name = ctx.types[h.name]
    new = model.handle_function(h, "new")
    free = model.handle_function(h, "free")
    data = model.handle_function(h, "data")
    length = model.handle_function(h, "len")
    assert new is not None and free is not None
    slice = data is not None and length is not None
    doc = doc_text(h.doc, f"An owned `{h.c_name}`.")
    doc += ["", f"Made by [`{name}::new`] and freed by `{free.symbol}` when dropped"
                + (f"; dereferences to `[{data.returns.elem.name}]`." if slice else ".")]  # type: ignore[union-attr]
    sample = sample_args(ctx, new)
    if sample is not None:
        crate = ctx.crate_ident
        body = [f"let handle = {crate}::{name}::new({', '.join(sample)})?;"]
        if slice:
            body.append(f"let contents: &[{data.returns.elem.name}] = &handle;")  # type: ignore[union-attr]
            body.append("println!(\"{}\", contents.len());")
        body += ["drop(handle);", f"# Ok::<(), {crate}::Error>(())"]
        doc += ["", "Dropping it frees it, exactly once:", "", *fenced(body, "no_run"), "",
                "so using it after it is freed, or freeing it twice, does not compile:", "",
                *fenced(body[:-1] + ["drop(handle); // error[E0382]: use of moved value", body[-1]],
                        "compile_fail")]
    constructor = wrapper(ctx, new, I1, owner=h)
    free_call = layout.unsafe_call(I2, "", f"sys::{free.symbol}", ["self.raw.as_ptr()"], "")
    debug_chain = f'f.debug_struct("{name}").field("raw", &self.raw)' + (
        '.field("len", &self.len())' if slice else "") + ".finish()"
    debug = [f"{I2}{debug_chain}"] if layout.fits(f"{I2}{debug_chain}") else [
        f'{I2}f.debug_struct("{name}")', f'{I3}.field("raw", &self.raw)',
        *([f'{I3}.field("len", &self.len())'] if slice else []), f"{I3}.finish()"]
    items = [backend.render(
        "safe-handle.rs.in", doc="\n".join(rustdoc("", doc)), name=name, c_name=h.c_name, library=pkg.library,
        constructor="\n".join(constructor), free=free.symbol, free_call="\n".join(free_call),
        debug="\n".join(debug),
    ).rstrip("\n").split("\n")]
    if slice:
        assert data is not None and length is not None
        items.append(backend.render(
            "safe-handle-slice.rs.in", name=name, elem=data.returns.elem.name,  # type: ignore[union-attr]
            data_call="\n".join(layout.unsafe_call(I2, "let data = ", f"sys::{data.symbol}", ["raw"], ";")),
            len_call="\n".join(layout.unsafe_call(I2, "let len = ", f"sys::{length.symbol}", ["raw"], ";")),
        ).rstrip("\n").split("\n"))
    else:
        extra = []
        if length is not None:
            extra.append(rustdoc(I1, doc_text(length.doc, "The length.")) + [
                f"{I1}#[must_use]", f"{I1}pub fn len(&self) -> usize {{",
                f"{I2}// SAFETY: `self.raw` is the live handle `self` owns; the call only reads it.",
                *layout.unsafe_call(I2, "", f"sys::{length.symbol}", ["self.raw.as_ptr()"], ""), f"{I1}}}"])
            extra.append([f"{I1}/// Whether [`{name}::len`] is 0.", f"{I1}#[must_use]",
                          f"{I1}pub fn is_empty(&self) -> bool {{", f"{I2}self.len() == 0", f"{I1}}}"])
        if data is not None:
            elem = data.returns.elem.name  # type: ignore[union-attr]
            extra.append(rustdoc(I1, doc_text(data.doc, "The data.") + ["", "Valid while `self` lives."]) + [
                f"{I1}#[must_use]", f"{I1}pub fn as_ptr(&self) -> *mut {elem} {{",
                f"{I2}// SAFETY: `self.raw` is the live handle `self` owns; the call only reads it.",
                *layout.unsafe_call(I2, "", f"sys::{data.symbol}", ["self.raw.as_ptr()"], ""), f"{I1}}}"])
        if extra:
            items.append([f"impl {name} {{", *join_blocks(extra), "}"])
    return items


def sample_args(ctx: Ctx, fn: m.Function) -> list[str] | None:
    """Arguments that compile (for examples that are not run), or None if a type has no simple sample."""
    out = []
    for p in fn.inputs:
        t = p.type
        if isinstance(t, m.ScalarT):
            out.append("false" if t.scalar.is_bool else "1.0" if t.scalar.is_float else "16")
        elif isinstance(t, m.BytesT):
            out.append("&mut []" if t.mutable else 'b""')
        elif isinstance(t, m.SliceT):
            out.append("&[]")
        elif isinstance(t, m.StructT):
            out.append("Default::default()")
        else:
            return None
    return out


def callback_items(ctx: Ctx, cb: m.Callback, backend) -> list[str]:
    name = ctx.closures[cb.name]
    reserved = {"this", "f", "result", "panic"}
    params, args, user = [], [], ""
    for p in cb.params:
        n = naming.ident(p.name)
        while n in reserved:
            n += "_"
        if isinstance(p.type, m.UserDataT):
            user = n
            params.append(f"{n}: *mut core::ffi::c_void")
        else:
            params.append(f"{n}: {p.type.scalar.name}")  # type: ignore[union-attr]
            args.append(n)
    ret = f" -> {cb.returns.scalar.name}" if isinstance(cb.returns, m.ScalarT) else ""
    signature = layout.signature(I1, 'unsafe extern "C" fn trampoline', params, f"{ret} {{")
    if isinstance(cb.returns, m.ScalarT):
        zero = naming.zero(cb.returns.scalar)
        on_panic = [f"{I3}Err(panic) => {{", f"{I3}{I1}this.panic = Some(panic);", f"{I3}{I1}{zero}", f"{I3}}}"]
        early = f" {zero}"
    else:
        on_panic = [f"{I3}Err(panic) => this.panic = Some(panic),"]
        early = ""
    return backend.render(
        "safe-callback.rs.in", c_name=cb.c_name, name=name, bound=closure_bound(cb),
        signature="\n".join(signature), user=user, early=early, args=", ".join(args), on_panic="\n".join(on_panic),
    ).rstrip("\n").split("\n")


def crate_doc(ctx: Ctx) -> list[str]:
    model, pkg = ctx.model, ctx.pkg
    lines = [sentence(pkg.description or f"Rust bindings to lib{pkg.library}."), ""]
    parts = ["plain functions for its routines"]
    if model.errors:
        parts.append("[`Error`] for its status codes")
    if model.structs:
        parts.append("`#[repr(C)]` copies of its structs")
    if model.handles:
        parts.append("owned types for its handles")
    listing = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    lines += [f"Safe bindings to lib{pkg.library} {pkg.version}, generated by asmpkg from its manifest: "
              f"{listing}. The raw declarations are in [`sys`]. The static library is linked in, so "
              "nothing needs to be installed at run time."]
    first = next(((f, tv) for f in model.free_functions for tv in f.tests if not uses_question_mark(ctx, f, tv)),
                 None)
    if first:
        lines += ["", *fenced(vector_lines(ctx, first[0], first[1], doc=True, indent=""))]
    wrapped: list[str] = []
    for line in lines:
        wrapped += layout.comment("", line, prefix="//! ") if line else ["//!"]
    return wrapped


def safe_lib(ctx: Ctx, backend) -> str:
    model = ctx.model
    items: list[list[str]] = []
    if model.errors:
        items += error_items(ctx, backend)
    for st in model.structs:
        items += struct_items(ctx, st)
    for h in model.handles:
        items += handle_items(ctx, h, backend)
    for fn in model.free_functions:
        items.append(wrapper(ctx, fn, ""))
    items.append(len_items(ctx, backend))
    for cb in ctx.used_callbacks():
        items.append(callback_items(ctx, cb, backend))
    if ctx.direct_calls:
        note = layout.comment("", " ".join(DIRECT_NOTE.split()))
        guard = ['#[cfg(not(all(target_arch = "x86_64", unix)))]',
                 f'compile_error!("lib{ctx.pkg.library} is x86-64 System V code: build for an x86-64 Unix target");']
        items.insert(0, note + guard)
    return backend.render("safe-lib.rs.in", crate_doc="\n".join(crate_doc(ctx)), sys_ident=ctx.sys_ident,
                          library=ctx.pkg.library, version=ctx.pkg.version, items="\n".join(join_blocks(items)))


def vectors(ctx: Ctx, backend) -> str:
    model = ctx.model
    crate = ctx.crate_ident
    tests: list[list[str]] = []
    floats = False
    for fn in model.functions:
        if fn.role == "release":
            continue  # the bindings call it themselves: it is not in the API to test
        for k, tv in enumerate(fn.tests):
            body = vector_lines(ctx, fn, tv, doc=False, indent=I1)
            floats |= any("assert_near(" in line for line in body)
            tests.append([f"/// `{fn.name}`, the vector at {model.manifest.name}:{tv.line}.", "#[test]",
                          f"fn {fn.name}_{k}() {{", *body, "}"])
    if model.errors:
        body = []
        for e in model.errors:
            body += layout.call(I1, "", "check_error", [f"{crate}::{ctx.error(e)}", str(e.code),
                                                        naming.string(e.message)], ";")
        unknown = max(e.code for e in model.errors) + 1
        unknown = unknown if unknown <= 2**31 - 1 else min(e.code for e in model.errors) - 1
        body += layout.call(I1, "", "assert_eq!", [f"{crate}::Error::from_code({unknown})",
                                                   f"Some({crate}::Error::{ctx.unknown}({unknown}))"], ";", macro=True)
        body.append(f"{I1}assert_eq!({crate}::Error::from_code(0), None);")
        tests.append(["/// Every error's code and message, as the manifest declares them.", "#[test]",
                      "fn errors_match_the_manifest() {", *body, "}"])
        tests.append(["#[track_caller]", f"fn check_error(error: {crate}::Error, code: i32, message: &str) {{",
                      f"{I1}assert_eq!(error.code(), code);",
                      f"{I1}assert_eq!({crate}::Error::from_code(code), Some(error));",
                      f"{I1}assert_eq!(error.to_string(), message);", "}"])
    if floats:
        tests.append(["#[track_caller]", "fn assert_near(got: f64, want: f64, relative: f64) {",
                      f'{I1}assert!((got - want).abs() <= relative * want.abs().max(1.0), "got {{got}}, want {{want}}");',
                      "}"])
    if not tests:
        tests.append(["/// The library links: the manifest has no test vectors to run.", "#[test]",
                      "fn links() {", f'{I1}assert!(!{crate}::VERSION.is_empty());', "}"])
    return backend.render("vectors.rs.in", items="\n".join(join_blocks(tests)))


# ---------------------------------------------------------------- vendored sources, build script, manifests


def vendored(ctx: Ctx) -> tuple[dict[str, str], list[tuple[str, tuple[str, ...]]], list[str], list[str], list[str]]:
    """Copies of the sources for the -sys crate: files, NASM sources with flags, include dirs, C sources, inputs."""
    model = ctx.model
    files: dict[str, str] = {}

    def rel(path: str) -> str:
        p = PurePosixPath(path)
        if p.is_absolute() or ".." in p.parts:
            raise fail(f"cannot vendor '{path}': sources must lie inside the project")
        return f"{NATIVE}/{p.as_posix()}"

    def copy(path: str) -> str:
        target = rel(path)
        source = model.root / path
        try:
            text = source.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise fail(f"cannot vendor '{path}': not UTF-8 text") from None
        except OSError as exc:
            raise fail(f"cannot vendor '{path}': {exc.strerror}") from None
        suffix = PurePosixPath(path).suffix
        if suffix in (".c", ".h"):
            text = f"/* {MARKER} Copied from {path}. */\n{text}"
        elif suffix in (".asm", ".inc", ".nasm", ".mac", ".s", ".i"):
            text = f"; {MARKER} Copied from {path}.\n{text}"
        files[f"{ctx.sys}/{target}"] = text
        return target

    flags = dict(model.sources.per_source_flags)
    nasm = [(copy(s), tuple(flags.get(s, ()))) for s in model.sources.nasm]
    includes = []
    inputs = [n for n, _ in nasm]
    for d in model.sources.include_dirs:
        includes.append(rel(d.rstrip("/")))
        for f in sorted(p for p in (model.root / d).rglob("*") if p.is_file()):
            relpath = f.relative_to(model.root).as_posix()
            if any(part.startswith(".") for part in PurePosixPath(relpath).parts):
                continue
            inputs.append(copy(relpath))
    c_sources = [copy(s) for s in model.sources.c]
    inputs += c_sources
    return files, nasm, includes, c_sources, inputs


def str_list(indent: str, name: str, doc: str, items: list[str]) -> list[str]:
    quoted = [naming.string(i) for i in items]
    return [f"{indent}/// {doc}", *layout.assign_array(indent, f"const {name}: &[&str] =", "&", quoted)]


def build_rs(ctx: Ctx, backend, nasm, includes, c_sources, inputs) -> str:
    pkg = ctx.pkg
    consts = [f"/// The library: `lib{pkg.library}.a`.", f'const LIBRARY: &str = "{pkg.library}";',
              f"/// Names a folder holding a prebuilt `lib{pkg.library}.a` to link instead.",
              f'const LIB_DIR_VAR: &str = "{ctx.lib_dir_var}";',
              "/// The folder of the C header, for C code in dependent crates.",
              f'const HEADER_DIR: &str = "{NATIVE}/include";',
              "/// The vendored NASM sources, each with its own extra flags."]
    entries = []
    for source, flags in nasm:
        entries.append(f"({naming.string(source)}, &[{', '.join(naming.string(f) for f in flags)}])")
    consts += layout.assign_array("", "const NASM_SOURCES: &[(&str, &[&str])] =", "&", entries)
    consts += str_list("", "NASM_FLAGS", "Flags for every NASM source.", list(ctx.model.sources.nasm_flags))
    consts += str_list("", "INCLUDE_DIRS", "The `%include` folders.", includes)
    consts += str_list("", "C_SOURCES", "The vendored C sources.", c_sources)
    consts += str_list("", "INPUTS", "Every vendored file: cargo runs this script again when one changes.", inputs)
    return backend.render("build.rs.in", library=pkg.library, sys_crate=ctx.sys, lib_dir_var=ctx.lib_dir_var,
                          links_var=pkg.library.upper().replace("-", "_"), consts="\n".join(consts))


def toml_str(text: str) -> str:
    return naming.string(text.replace("\n", " "))


def inherited(ctx: Ctx) -> str:
    pkg = ctx.pkg
    keys = ["version", "edition", "rust-version"]
    if pkg.license and pkg.license != "UNLICENSED":
        keys.append("license")
    if pkg.authors:
        keys.append("authors")
    if pkg.homepage:
        keys.append("homepage")
    return "\n".join(f"{k}.workspace = true" for k in keys)


def workspace_metadata(ctx: Ctx) -> str:
    pkg = ctx.pkg
    lines = []
    if pkg.license and pkg.license != "UNLICENSED":
        lines.append(f"license = {toml_str(pkg.license)}")
    if pkg.authors:
        lines.append(f"authors = [{', '.join(toml_str(a) for a in pkg.authors)}]")
    if pkg.homepage:
        lines.append(f"homepage = {toml_str(pkg.homepage)}")
    return "\n".join(lines)


def hand_written_tests(ctx: Ctx) -> list[tuple[str, str]]:
    folder = ctx.model.tests_dir("rust")
    if folder is None:
        return []
    found = []
    for f in sorted((ctx.model.root / folder).glob("*.rs")):
        name = f.stem
        if name == "vectors":
            raise fail(f"{folder}/{f.name}: the name 'vectors' is taken by the generated test")
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_-]*$", name):
            raise fail(f"{folder}/{f.name}: not a usable cargo test name")
        found.append((name, f"{TO_ROOT}/{PurePosixPath(folder).as_posix()}/{f.name}"))
    return found


def manifests(ctx: Ctx, backend) -> dict[str, str]:
    pkg = ctx.pkg
    out = {}
    members = [ctx.sys, ctx.crate, ctx.check]
    out["Cargo.toml"] = backend.render(
        "Cargo-workspace.toml.in", library_file=f"lib{pkg.library}", sys_crate=ctx.sys, crate=ctx.crate,
        check_crate=ctx.check, members=", ".join(f'"{d}"' for d in (ctx.sys, ctx.crate, "export-check")),
        version=pkg.version, package_metadata=workspace_metadata(ctx))
    desc = pkg.description.strip().rstrip(".")
    sys_desc = f"Raw FFI declarations of lib{pkg.library}, linked statically"
    safe_desc = f"Safe Rust bindings to lib{pkg.library}"
    out[f"{ctx.sys}/Cargo.toml"] = backend.render(
        "Cargo-sys.toml.in", sys_crate=ctx.sys, description=toml_str(f"{desc} ({sys_desc[:1].lower()}{sys_desc[1:]})"
                                                                      if desc else sys_desc),
        library=pkg.library, inherited=inherited(ctx))
    tests = [("vectors", "tests/vectors.rs"), *hand_written_tests(ctx)]
    out[f"{ctx.crate}/Cargo.toml"] = backend.render(
        "Cargo-safe.toml.in", crate=ctx.crate,
        description=toml_str(f"{desc} ({safe_desc[:1].lower()}{safe_desc[1:]})" if desc else safe_desc),
        inherited=inherited(ctx), sys_crate=ctx.sys, version=pkg.version,
        tests="\n\n".join(f'[[test]]\nname = "{n}"\npath = "{p}"' for n, p in tests))
    out["export-check/Cargo.toml"] = backend.render("Cargo-check.toml.in", crate=ctx.crate, check_crate=ctx.check,
                                                    library=pkg.library)
    deps = {ctx.crate: [ctx.sys], ctx.check: [ctx.crate], ctx.sys: []}
    packages = []
    for name in sorted(members):
        entry = f'[[package]]\nname = "{name}"\nversion = "{pkg.version}"'
        if deps[name]:
            entry += "\ndependencies = [\n" + "".join(f' "{d}",\n' for d in sorted(deps[name])) + "]"
        packages.append(entry)
    out["Cargo.lock"] = backend.render("Cargo.lock.in", packages="\n\n".join(packages))
    out["rustfmt.toml"] = backend.render("rustfmt.toml.in")
    return out


def check_lib(ctx: Ctx, backend) -> str:
    symbols = [f.symbol for f in ctx.model.functions] + [v.symbol for f in ctx.model.functions for v in f.variants]
    items = [f"{ctx.crate_ident}::sys::{s} as *const ()" for s in symbols]
    functions = layout.let_array(I1, f"functions: [*const (); {len(items)}]", "", items)
    return backend.render("check-lib.rs.in", crate=ctx.crate, keep=ctx.keep_symbol, library=ctx.pkg.library,
                          functions="\n".join(functions))


def files(model: m.Model, backend) -> dict[str, str]:
    from ..c import header as c_header

    ctx = context(model)
    out: dict[str, str] = {}
    out.update(manifests(ctx, backend))
    vendor, nasm, includes, c_sources, inputs = vendored(ctx)
    out.update(vendor)
    header = f"include/{model.header_name}"
    out[f"{ctx.sys}/{NATIVE}/{header}"] = c_header(model)
    out[f"{ctx.sys}/build.rs"] = build_rs(ctx, backend, nasm, includes, c_sources, inputs + [f"{NATIVE}/{header}"])
    out[f"{ctx.sys}/src/lib.rs"] = sys_lib(ctx, backend)
    out[f"{ctx.crate}/src/lib.rs"] = safe_lib(ctx, backend)
    out[f"{ctx.crate}/tests/vectors.rs"] = vectors(ctx, backend)
    out["export-check/src/lib.rs"] = check_lib(ctx, backend)
    out["check-exports.py"] = backend.render("check-exports.py.in")
    out["package.py"] = backend.render("package.py.in")
    return {f"{OUT}/{k}": v for k, v in sorted(out.items())}


def meson_values(model: m.Model, generated: dict[str, str]) -> dict[str, str]:
    ctx = context(model)
    symbols = [f.symbol for f in model.functions] + [v.symbol for f in model.functions for v in f.variants]
    from . import BACKEND

    out = BACKEND.output_dir() + "/"
    sources = sorted(rel.removeprefix(out) for rel in generated
                     if rel.startswith(out) and rel.endswith((".rs", ".toml", ".asm", ".inc", ".c", ".h", ".lock")))
    tests_dir = model.tests_dir("rust")
    if tests_dir:
        sources += sorted(f"../../{tests_dir.strip('/')}/{p.name}" for p in (model.root / tests_dir).glob("*.rs"))
    return {
        "sources": ", ".join(f"'{s}'" for s in sources),
        "sys_crate": ctx.sys,
        "crate": ctx.crate,
        "version": model.package.version,
        "check_crate": ctx.check,
        "lib_dir_var": ctx.lib_dir_var,
        "check_lib": ctx.check_ident,
        "keep": ctx.keep_symbol,
        "prefix": model.package.prefix,
        "symbols": "".join(f"\n  '{s}'," for s in symbols),
    }
