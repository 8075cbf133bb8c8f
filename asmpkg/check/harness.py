"""Generates the check harness from the model: C tables that describe every function, and the trampoline's wrappers.

The engine in templates/harness.c.in is fixed; everything specific to a
project is data emitted here: where each argument travels (computed by
`abi.frame`), how long each buffer is, the test vectors, the callbacks, the
handles, the CPU features and the C library functions to interpose.
"""

from __future__ import annotations

import struct as pystruct
from pathlib import Path

from .. import model as m
from ..render import MARKER, render
from . import abi

TEMPLATES = Path(__file__).parent / "templates"

# name: (leaf, subleaf, register 0..3 = eax ebx ecx edx, bit, XCR0 bits the OS must enable)
CPU_FEATURES: dict[str, tuple[int, int, int, int, int]] = {
    "sse2": (1, 0, 3, 26, 0),
    "sse3": (1, 0, 2, 0, 0),
    "ssse3": (1, 0, 2, 9, 0),
    "sse4.1": (1, 0, 2, 19, 0),
    "sse4.2": (1, 0, 2, 20, 0),
    "popcnt": (1, 0, 2, 23, 0),
    "avx": (1, 0, 2, 28, 0x6),
    "avx2": (7, 0, 1, 5, 0x6),
    "fma": (1, 0, 2, 12, 0x6),
    "bmi1": (7, 0, 1, 3, 0),
    "bmi2": (7, 0, 1, 8, 0),
    "avx512f": (7, 0, 1, 16, 0xE6),
    "avx512vl": (7, 0, 1, 31, 0xE6),
    "avx512bw": (7, 0, 1, 30, 0xE6),
    "avx512dq": (7, 0, 1, 17, 0xE6),
    "pclmulqdq": (1, 0, 2, 1, 0),
    "vpclmulqdq": (7, 0, 2, 10, 0x6),
    "aes": (1, 0, 2, 25, 0),
    "vaes": (7, 0, 2, 9, 0x6),
    "sha": (7, 0, 1, 29, 0),
    "rdrand": (1, 0, 2, 30, 0),
    "rdseed": (7, 0, 1, 18, 0),
    "gfni": (7, 0, 2, 8, 0),
    "adx": (7, 0, 1, 19, 0),
    "lzcnt": (0x80000001, 0, 2, 5, 0),
    "movbe": (1, 0, 2, 22, 0),
}
FEATURE_BIT = {name: n for n, name in enumerate(CPU_FEATURES)}

# C library functions the harness interposes with -Wl,--wrap when an object calls them: name -> what it returns
# (0 nothing, 1 an integer or pointer in rax, 2 a float in xmm0).
WRAPPABLE: dict[str, int] = {
    "malloc": 1, "calloc": 1, "realloc": 1, "free": 0, "aligned_alloc": 1, "posix_memalign": 1,
    "memcpy": 1, "memmove": 1, "memset": 1, "memcmp": 1, "memchr": 1, "strlen": 1, "strnlen": 1,
    "strcmp": 1, "strncmp": 1, "strchr": 1, "strcpy": 1, "qsort": 0, "abort": 0,
    "sqrt": 2, "sqrtf": 2, "exp": 2, "log": 2, "sin": 2, "cos": 2, "pow": 2, "floor": 2, "ceil": 2,
}
NO_WRAP = {"abort", "qsort"}  # qsort calls back into the caller's code; abort never returns

K = {"scalar": "K_SCALAR", "bytes": "K_BYTES", "bytes_mut": "K_BYTES_MUT", "slice": "K_SLICE",
     "array_out": "K_ARRAY_OUT", "buf_out": "K_BUF_OUT", "out": "K_OUT", "struct": "K_STRUCT",
     "handle": "K_HANDLE", "callback": "K_CALLBACK", "user": "K_USER", "ptr": "K_PTR"}
WHERE = {abi.GPR: "W_GPR", abi.XMM: "W_XMM", abi.STACK: "W_STACK"}


def wrappable(undefined: set[str]) -> list[str]:
    return sorted(n for n in undefined if n in WRAPPABLE and n not in NO_WRAP)


def _cpu_mask(features: tuple[str, ...]) -> str:
    bits = 0
    for f in features:
        bits |= 1 << FEATURE_BIT[f]
    return f"0x{bits:x}ull"


def _c_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Tables:
    """Accumulates the C definitions in dependency order."""

    def __init__(self, model: m.Model) -> None:
        self.model = model
        self.lines: list[str] = []
        self.types: dict[object, str] = {}
        self.arrays = 0

    # ---- types and values ----
    def type_ref(self, t: m.Scalar | m.Struct | None) -> str:
        if t is None:
            return "NULL"
        key = t.name if isinstance(t, m.Scalar) else ("struct", t.name)
        if key in self.types:
            return self.types[key]
        name = f"ty_{len(self.types)}"
        if isinstance(t, m.Scalar):
            self.lines.append(f"static const struct type_d {name} = {{{t.size}, {t.size}, {_flags(t)}, 0, NULL}}; "
                              f"/* {t.name} */")
        else:
            fields = ", ".join(f"{{{f.offset}, {f.type.size}, {_flags(f.type)}}}" for f in t.fields)
            self.lines.append(f"static const struct field_d {name}_fields[] = {{{fields}}};")
            self.lines.append(f"static const struct type_d {name} = {{{t.size}, {t.align}, 0, {len(t.fields)}, "
                              f"{name}_fields}}; /* {t.c_name} */")
        self.types[key] = f"&{name}"
        return f"&{name}"

    def byte_array(self, data: bytes) -> str:
        name = f"data_{self.arrays}"
        self.arrays += 1
        body = ", ".join(str(b) for b in data) or "0"
        self.lines.append(f"static const uint8_t {name}[] = {{{body}}};")
        return name

    def val(self, value: object, t: object) -> str:
        """A `struct val` initializer for a test value of a type."""
        if isinstance(t, m.ScalarT):
            t = t.scalar
        if isinstance(t, m.Scalar):
            if t.is_float:
                return f"{{0, {float(value)!r}, NULL, 0, 1}}".replace("inf", "INFINITY").replace("nan", "NAN")
            return f"{{0x{int(value) & 0xFFFFFFFFFFFFFFFF:x}ull, 0, NULL, 0, 1}}"
        if isinstance(t, (m.BytesT, m.ArrayOutT, m.BufOutT)):
            data = bytes(value)  # type: ignore[arg-type]
            return f"{{0, 0, {self.byte_array(data)}, {len(data)}, 1}}"
        if isinstance(t, m.SliceT):
            data = b"".join(_pack(v, t.elem) for v in value)  # type: ignore[union-attr]
            return f"{{0, 0, {self.byte_array(data)}, {len(data)}, 1}}"
        if isinstance(t, (m.StructT, m.Struct)):
            st = t.struct if isinstance(t, m.StructT) else t
            data = bytearray(st.size)
            for f in st.fields:
                data[f.offset:f.offset + f.type.size] = _pack(value[f.name], f.type)  # type: ignore[index]
            return f"{{0, 0, {self.byte_array(bytes(data))}, {len(data)}, 1}}"
        return "{0, 0, NULL, 0, 0}"

    # ---- parameters ----
    def params(self, name: str, params: tuple[m.Param, ...], frame: abi.Frame, fn: m.Function | None) -> str:
        index = {p.name: n for n, p in enumerate(params)}
        sizes = set()
        for p in params:
            expr = p.size or (p.type.size if isinstance(p.type, m.BufOutT) else None)
            if expr is not None and expr.param is not None:
                sizes.add(expr.param)
        rows = []
        for n, (p, loc) in enumerate(zip(params, frame.params)):
            kind, elem = _kind(p.type)
            pieces = list(loc.pieces)
            if pieces and pieces[0].where == abi.STACK:
                size, _ = abi.value_size(p.type)
                pieces = [abi.Piece(abi.STACK, pieces[0].index, 0, size)]
            piece_txt = ", ".join(f"{{{WHERE[pc.where]}, {pc.index}, {pc.offset}, {pc.size}}}" for pc in pieces)
            len_param, mul, add = -1, 1, 0
            if isinstance(p.type, (m.BytesT, m.SliceT)):
                if p.size is not None:
                    len_param = index[p.size.param] if p.size.param else -1
                    mul, add = p.size.mul, p.size.add
                elif p.len:
                    len_param = index[p.len]
            elif isinstance(p.type, m.BufOutT):
                e = p.type.size
                len_param = index[e.param] if e.param else -1
                mul, add = e.mul, e.add
            elif isinstance(p.type, m.ArrayOutT):
                add = p.type.length
            length_of = index[p.length_of] if p.role == m.LENGTH and p.length_of else -1
            callback = self.model.callbacks.index(p.type.callback) if isinstance(p.type, m.CallbackT) else -1
            handle = -1
            if isinstance(p.type, m.HandleT):
                handle = self.model.handles.index(p.type.handle)
            elif isinstance(p.type, m.OutT) and isinstance(p.type.target, m.Handle):
                handle = self.model.handles.index(p.type.target)
            producer = -1
            if isinstance(p.type, m.PtrT) and fn is not None:
                producer = next((k for k, g in enumerate(self.model.functions) if g.free == fn.name), -1)
            rows.append(f"    {{{_c_str(p.name)}, {kind}, {self.type_ref(elem)}, {len(pieces)}, {{{piece_txt}}}, "
                        f"{len_param}, {mul}, {add}, {length_of}, {int(p.name in sizes)}, {callback}, {handle}, "
                        f"{producer}}},")
        self.lines.append(f"static const struct param_d {name}[] = {{")
        self.lines.extend(rows or ["    {0}"])
        self.lines.append("};")
        return name

    def ret(self, returns: m.ReturnType, frame: abi.Frame, fn: m.Function | None) -> str:
        if isinstance(returns, m.VoidT):
            return "{R_VOID, NULL, 0, {{0}}, 0, 0, -1}"
        kind, t = {
            m.ScalarT: lambda r: ("R_SCALAR", r.scalar),
            m.StatusT: lambda r: ("R_STATUS", None),
            m.StructT: lambda r: ("R_STRUCT", r.struct),
            m.CStrT: lambda r: ("R_CSTR", None),
            m.PtrT: lambda r: ("R_PTR", r.elem),
        }[type(returns)](returns)
        pieces = frame.result.pieces if frame.result and not frame.sret else ()
        piece_txt = ", ".join(f"{{{WHERE[pc.where]}, {pc.index}, {pc.offset}, {pc.size}}}" for pc in pieces) or "{0}"
        free_kind, free_fn = 0, -1
        if fn is not None and fn.free:
            if fn.free == "free":
                free_kind = 1
            else:
                free_kind, free_fn = 2, next(k for k, g in enumerate(self.model.functions) if g.name == fn.free)
        return (f"{{{kind}, {self.type_ref(t)}, {len(pieces)}, {{{piece_txt}}}, {int(frame.sret)}, "
                f"{free_kind}, {free_fn}}}")

    # ---- functions ----
    def vectors(self, n: int, fn: m.Function) -> tuple[str, int]:
        rows = []
        for k, tv in enumerate(fn.tests):
            args = dict(tv.args)
            vals = [self.val(args[p.name], p.type) if p.name in args else "{0, 0, NULL, 0, 0}" for p in fn.params]
            self.lines.append(f"static const struct val fn{n}_v{k}_args[] = {{{', '.join(vals)}}};")
            results = fn.results
            expect: list[str] = []
            if tv.expect is not None:
                wanted = [tv.expect] if len(results) == 1 else list(tv.expect)  # type: ignore[arg-type]
                expect = [self.val(w, t) for w, (_, t) in zip(wanted, results)]
            self.lines.append(f"static const struct val fn{n}_v{k}_expect[] = {{{', '.join(expect) or '{0}'}}};")
            after = dict(tv.after)
            avals = [self.val(after[p.name], p.type) if p.name in after else "{0, 0, NULL, 0, 0}" for p in fn.params]
            self.lines.append(f"static const struct val fn{n}_v{k}_after[] = {{{', '.join(avals) or '{0}'}}};")
            rows.append(f"    {{fn{n}_v{k}_args, fn{n}_v{k}_expect, {len(expect)}, "
                        f"{tv.error.code if tv.error else -1}, fn{n}_v{k}_after, {tv.line}}},")
        if not rows:
            return "NULL", 0
        self.lines.append(f"static const struct vector_d fn{n}_vectors[] = {{")
        self.lines.extend(rows)
        self.lines.append("};")
        return f"fn{n}_vectors", len(rows)

    def function(self, n: int, fn: m.Function) -> str:
        frame = abi.frame(tuple(p.type for p in fn.params), fn.returns)
        params = self.params(f"fn{n}_params", fn.params, frame, fn)
        ret = self.ret(fn.returns, frame, fn)
        vectors, nvec = self.vectors(n, fn)
        variants = [f"    {{{_c_str(fn.symbol)}, (void *){fn.symbol}, 0, \"\"}},"]
        for v in fn.variants:
            variants.append(f"    {{{_c_str(v.symbol)}, (void *){v.symbol}, {_cpu_mask(v.cpu)}, "
                            f"{_c_str(', '.join(v.cpu))}}},")
        self.lines.append(f"static const struct variant_d fn{n}_variants[] = {{")
        self.lines.extend(variants)
        self.lines.append("};")
        return (f"    {{{_c_str(fn.name)}, {len(fn.params)}, {params}, {ret}, {frame.stack_bytes}, {len(variants)}, "
                f"fn{n}_variants, {_cpu_mask(fn.cpu)}, {_c_str(', '.join(fn.cpu))}, {nvec}, {vectors}, "
                f"{int(fn.role == 'free')}, 0}},")

    def callback(self, n: int, cb: m.Callback) -> str:
        frame = abi.frame(tuple(p.type for p in cb.params), cb.returns)
        params = self.params(f"cb{n}_params", cb.params, frame, None)
        return f"    {{{_c_str(cb.c_name)}, {len(cb.params)}, {params}, {self.ret(cb.returns, frame, None)}}},"


def _flags(s: m.Scalar) -> str:
    flags = []
    if s.signed and not s.is_float:
        flags.append("T_SIGNED")
    if s.is_float:
        flags.append("T_FLOAT")
    if s.is_bool:
        flags.append("T_BOOL")
    return " | ".join(flags) or "0"


def _kind(t: object) -> tuple[str, m.Scalar | m.Struct | None]:
    if isinstance(t, m.ScalarT):
        return K["scalar"], t.scalar
    if isinstance(t, m.BytesT):
        return K["bytes_mut" if t.mutable else "bytes"], m.SCALARS["u8"]
    if isinstance(t, m.SliceT):
        return K["slice"], t.elem
    if isinstance(t, m.ArrayOutT):
        return K["array_out"], t.elem
    if isinstance(t, m.BufOutT):
        return K["buf_out"], t.elem
    if isinstance(t, m.OutT):
        target = t.target
        return K["out"], None if isinstance(target, m.Handle) else target
    if isinstance(t, m.StructT):
        return K["struct"], t.struct
    if isinstance(t, m.HandleT):
        return K["handle"], None
    if isinstance(t, m.CallbackT):
        return K["callback"], None
    if isinstance(t, m.UserDataT):
        return K["user"], None
    if isinstance(t, m.PtrT):
        return K["ptr"], t.elem
    raise TypeError(t)


def _pack(value: object, s: m.Scalar) -> bytes:
    if s.is_float:
        return pystruct.pack("<f" if s.size == 4 else "<d", float(value))  # type: ignore[arg-type]
    return (int(value) & ((1 << (8 * s.size)) - 1)).to_bytes(s.size, "little")  # type: ignore[call-overload]


def tables(model: m.Model, wraps: list[str]) -> str:
    t = Tables(model)
    out = t.lines
    out.append("static const struct feature_d features[] = {")
    for name, (leaf, sub, reg, bit, xcr0) in CPU_FEATURES.items():
        out.append(f"    {{{_c_str(name)}, 0x{leaf:x}u, {sub}, {reg}, {bit}, 0x{xcr0:x}ull}},")
    out.append("};")
    out.append(f"#define NFEATURES {len(CPU_FEATURES)}")
    out.append(f"static const uint64_t sources_cpu = {_cpu_mask(model.sources.cpu)};")
    symbols = sorted({f.symbol for f in model.functions} | {v.symbol for f in model.functions for v in f.variants})
    out.extend(f"extern void {s}(void);" for s in symbols)
    cb_rows = [t.callback(n, cb) for n, cb in enumerate(model.callbacks)]
    out.append("static const struct cb_d cbs[] = {")
    out.extend(cb_rows or ["    {0}"])
    out.append("};")
    fn_rows = [t.function(n, fn) for n, fn in enumerate(model.functions)]
    out.append("static struct fn_d fns[] = {")
    out.extend(fn_rows)
    out.append("};")
    out.append(f"#define NFNS {len(fn_rows)}")
    names = [f.name for f in model.functions]
    out.append("static const struct handle_d handles[] = {")
    out.extend([f"    {{{_c_str(h.c_name)}, {names.index(h.new)}, {names.index(h.free)}}}," for h in model.handles]
               or ["    {0}"])
    out.append("};")
    out.append("static const struct wrap_d wraps[] = {")
    out.extend([f"    {{{_c_str(w)}, {WRAPPABLE[w]}}}," for w in wraps] or ["    {0}"])
    out.append("};")
    return "\n".join(out)


def harness_c(model: m.Model, wraps: list[str]) -> str:
    return render(TEMPLATES / "harness.c.in", marker=MARKER, tables=tables(model, wraps))


def trampoline_s(wraps: list[str]) -> str:
    return render(TEMPLATES / "abi.S.in", marker=MARKER,
                  wraps="\n".join(f"        WRAP {n}, {w}" for n, w in enumerate(wraps)),
                  wrap_table="\n".join(f"        .quad   __real_{w}" for w in wraps))


def abi_h() -> str:
    return render(TEMPLATES / "abi.h.in", marker=MARKER)
