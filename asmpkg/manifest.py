"""Reads asmpkg.toml into the model. The only module that sees the TOML.

Every problem is collected (not just the first) and reported with file,
line, column, key path and, for unknown names, a suggestion.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import struct
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

from . import model as m
from .errors import Diagnostic, InputError
from .spec import ROOT, Spec
from .tomlpos import key_positions, locate

MANIFEST = "asmpkg.toml"
LANGUAGES = ("c", "python", "rust", "go", "java", "node")
CPU_FEATURES = (
    "sse2", "sse3", "ssse3", "sse4.1", "sse4.2", "popcnt", "avx", "avx2", "fma", "bmi1", "bmi2",
    "avx512f", "avx512vl", "avx512bw", "avx512dq", "pclmulqdq", "vpclmulqdq", "aes", "vaes",
    "sha", "rdrand", "rdseed", "gfni", "adx", "lzcnt", "movbe",
)

KeyPath = tuple[str | int, ...]


def dotted(path: KeyPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F]} | {0x0A: "\\n", 0x09: "\\t", 0x0D: "\\r"}


def _one_line(text: str) -> str:
    return text.translate(_CONTROL)


class Problems:
    """Collects diagnostics against one manifest text."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.positions = key_positions(text)
        self.items: list[Diagnostic] = []

    def add(self, path: KeyPath, message: str) -> None:
        line, col = locate(self.positions, path)
        # A diagnostic is one line, even when it quotes a manifest string holding a newline or a tab.
        self.items.append(Diagnostic(self.file, line, col, _one_line(dotted(path)), _one_line(message)))

    def line_of(self, path: KeyPath) -> int:
        return locate(self.positions, path)[0]

    def raise_if_any(self) -> None:
        if self.items:
            ordered = tuple(sorted(self.items, key=lambda d: (d.line, d.col, d.path)))
            raise InputError(f"{len(ordered)} problem(s) in {self.file}", ordered)


# ---------------------------------------------------------------- shape


_PY_KIND = {"str": str, "int": int, "bool": bool, "list": list, "table": dict, "tables": list, "map": dict}


def check_shape(value: Any, spec: Spec, path: KeyPath, problems: Problems) -> bool:
    """Types, required and unknown keys. Returns False where the value is unusable."""
    if spec.kind == "any":
        return True
    want = _PY_KIND[spec.kind]
    if not isinstance(value, want) or (want is int and isinstance(value, bool)):
        problems.add(path, f"expected {_describe(spec)}, got {_describe_value(value)}")
        return False
    if spec.kind == "str" and spec.pattern and not re.fullmatch(spec.pattern, value):
        problems.add(path, f"{value!r} is not {_PATTERN_WORDS.get(spec.pattern, 'of the form ' + spec.pattern)}")
        return False  # the builder may rely on the pattern (a version's numbers)
    if spec.kind == "list" or spec.kind == "tables":
        assert spec.item is not None
        return all([check_shape(v, spec.item, path + (n,), problems) for n, v in enumerate(value)])
    if spec.kind == "map":
        assert spec.item is not None
        return all([check_shape(v, spec.item, path + (k,), problems) for k, v in value.items()])
    if spec.kind == "table":
        ok = True
        for key, sub in value.items():
            if key not in spec.keys:
                problems.add(path + (key,), f"unknown key '{key}'{did_you_mean(key, tuple(spec.keys))}")
                ok = False
            else:
                ok = check_shape(sub, spec.keys[key], path + (key,), problems) and ok
        for key, sub in spec.keys.items():
            if sub.required and key not in value:
                problems.add(path, f"missing required key '{key}' ({sub.doc or sub.kind})")
                ok = False
        return ok
    return True


def _describe(spec: Spec) -> str:
    return {"str": "a string", "int": "an integer", "bool": "true or false", "list": "an array",
            "table": "a table", "tables": "an array of tables", "map": "a table"}[spec.kind]


def _describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    return {str: "a string", int: "an integer", float: "a float", list: "an array", dict: "a table"}.get(
        type(value), type(value).__name__
    )


# ---------------------------------------------------------------- semantics


class Builder:
    """Turns a shape-checked document into the model, reporting what is inconsistent."""

    def __init__(self, doc: dict[str, Any], root: Path, manifest: Path, problems: Problems) -> None:
        self.doc = doc
        self.root = root
        self.manifest = manifest
        self.p = problems
        self.errors: dict[str, m.Error] = {}
        self.structs: dict[str, m.Struct] = {}
        self.handles: dict[str, m.Handle] = {}
        self.callbacks: dict[str, m.Callback] = {}

    # ---- package ----
    def package(self) -> m.Package:
        pkg = self.doc["package"]
        names = pkg.get("names", {})
        prefix = pkg["prefix"]
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", prefix):
            self.p.add(("package", "prefix"), f"{prefix!r} is not a C identifier prefix")
        name = pkg["name"]
        return m.Package(
            name=name,
            library=pkg["library"],
            version=pkg["version"],
            prefix=prefix,
            description=pkg.get("description", ""),
            license=pkg.get("license", "UNLICENSED"),
            homepage=pkg.get("homepage", ""),
            authors=tuple(pkg.get("authors", ())),
            go_module=names.get("go_module", f"example.com/{name}"),
            java_package=names.get("java_package", f"org.example.{name}"),
            java_class=names.get("java_class", _camel(name)),
            npm=names.get("npm", name),
            crate=names.get("crate", name),
        )

    def sources(self) -> m.Sources:
        src = self.doc["sources"]
        for key in ("nasm", "c", "include_dirs"):
            for n, rel in enumerate(src.get(key, ())):
                problem = _path_problem(self.root, rel, "exists")
                if problem:
                    self.p.add(("sources", key, n), problem)
        nasm = tuple(src["nasm"])
        if not nasm:
            self.p.add(("sources", "nasm"), "list at least one NASM source")
        flags = src.get("flags", {})
        for rel in flags:
            if rel not in nasm:
                self.p.add(("sources", "flags", rel), f"{rel} is not in sources.nasm{did_you_mean(rel, nasm)}")
        for key in ("cpu",):
            self._check_cpu(src.get(key, ()), ("sources", key))
        return m.Sources(
            nasm=nasm,
            c=tuple(src.get("c", ())),
            include_dirs=tuple(src.get("include_dirs", ())),
            nasm_flags=tuple(src.get("nasm_flags", ())),
            per_source_flags=tuple((k, tuple(v)) for k, v in sorted(flags.items())),
            cpu=tuple(src.get("cpu", ())),
            intended_state=tuple(src.get("intended_state", ())),
        )

    def _check_cpu(self, features: Any, path: KeyPath) -> tuple[str, ...]:
        for n, feat in enumerate(features):
            if feat not in CPU_FEATURES:
                self.p.add(path + (n,), f"unknown CPU feature '{feat}'{did_you_mean(feat, CPU_FEATURES)}")
        return tuple(features)

    def _unique(self, items: list[dict[str, Any]], section: KeyPath, key: str = "name") -> None:
        seen: dict[Any, int] = {}
        for n, item in enumerate(items):
            value = item.get(key)
            if value in seen:
                first = dotted(section + (seen[value],))
                self.p.add(section + (n, key), f"duplicate {key} {value!r} (first at {first})")
            seen.setdefault(value, n)

    # ---- declarations ----
    def declare_errors(self, prefix: str) -> tuple[m.Error, ...]:
        items = self.doc.get("errors", [])
        self._unique(items, ("errors",))
        self._unique(items, ("errors",), "code")
        out = []
        for n, e in enumerate(items):
            if e["code"] == 0:
                self.p.add(("errors", n, "code"), "0 means success; error codes must be non-zero")
            err = m.Error(e["name"], e["code"], e["message"], f"{prefix.upper()}ERR_{e['name'].upper()}")
            self.errors.setdefault(err.name, err)
            out.append(err)
        return tuple(out)

    def declare_structs(self, prefix: str) -> tuple[m.Struct, ...]:
        items = self.doc.get("structs", [])
        self._unique(items, ("structs",))
        out = []
        for n, st in enumerate(items):
            fields = []
            self._unique(st["fields"], ("structs", n, "fields"))
            for k, f in enumerate(st["fields"]):
                scalar = m.SCALARS.get(f["type"])
                if scalar is None:
                    self.p.add(
                        ("structs", n, "fields", k, "type"),
                        f"unsupported field type '{f['type']}': struct fields are scalars"
                        f" ({', '.join(m.SCALARS)}){did_you_mean(f['type'], tuple(m.SCALARS))}",
                    )
                    continue
                fields.append((f["name"], scalar, f.get("doc", "")))
            if not st["fields"]:
                self.p.add(("structs", n, "fields"), "a struct needs at least one field")
            layout, size, align = m.struct_layout(fields)
            struct = m.Struct(st["name"], f"{prefix}{st['name']}", st.get("doc", ""), layout, size, align)
            self.structs.setdefault(struct.name, struct)
            out.append(struct)
        return tuple(out)

    def declare_handles(self, prefix: str) -> tuple[m.Handle, ...]:
        items = self.doc.get("handles", [])
        self._unique(items, ("handles",))
        out = []
        for h in items:
            handle = m.Handle(h["name"], f"{prefix}{h['name']}", h.get("doc", ""), h["new"], h["free"],
                              h.get("data"), h.get("len"))
            self.handles.setdefault(handle.name, handle)
            out.append(handle)
        return tuple(out)

    def declare_callbacks(self, prefix: str) -> tuple[m.Callback, ...]:
        items = self.doc.get("callbacks", [])
        self._unique(items, ("callbacks",))
        out = []
        for n, cb in enumerate(items):
            path: KeyPath = ("callbacks", n)
            params = []
            for k, raw in enumerate(cb["params"]):
                t = self.param_type(raw["type"], path + ("params", k, "type"), in_callback=True)
                if t is not None:
                    role = m.USER if isinstance(t, m.UserDataT) else m.INPUT
                    params.append(m.Param(raw["name"], t, raw.get("doc", ""), role))
            users = [p for p in params if isinstance(p.type, m.UserDataT)]
            if len(users) != 1:
                self.p.add(path + ("params",), "a callback takes exactly one user_data parameter")
            ret = self.return_type(cb.get("returns", "void"), path + ("returns",), in_callback=True)
            c_name = f"{prefix}{cb['name']}"
            decl = m.c_declaration(ret or m.VoidT(), f"(*{c_name})", tuple(params), prefix)
            callback = m.Callback(cb["name"], c_name, cb.get("doc", ""), ret or m.VoidT(), tuple(params),
                                  f"typedef {decl};")
            self.callbacks.setdefault(callback.name, callback)
            out.append(callback)
        return tuple(out)

    # ---- types ----
    def param_type(self, text: str, path: KeyPath, in_callback: bool = False) -> m.ParamType | None:
        text = text.strip()
        if text in m.SCALARS:
            return m.ScalarT(m.SCALARS[text])
        if text == "user_data":
            return m.UserDataT()
        if match := re.fullmatch(r"ptr<\s*(\w+)\s*>", text):
            elem = self._scalar(match.group(1), path)
            return m.PtrT(elem) if elem else None
        if not in_callback:
            if text in ("bytes", "bytes_mut"):
                return m.BytesT(mutable=text == "bytes_mut")
            if match := re.fullmatch(r"slice<\s*(\w+)\s*>", text):
                elem = self._scalar(match.group(1), path)
                return m.SliceT(elem) if elem else None
            if match := re.fullmatch(r"\[\s*(\w+)\s*;\s*(\d+)\s*\]", text):
                elem = self._scalar(match.group(1), path)
                if elem and int(match.group(2)) > 0:
                    return m.ArrayOutT(elem, int(match.group(2)))
                if elem:
                    self.p.add(path, "a fixed-size array needs a length above 0")
                return None
            if match := re.fullmatch(r"\[\s*(\w+)\s*;\s*([^\]]+?)\s*\]", text):
                elem = self._scalar(match.group(1), path)
                size = len_expr_or_problem(match.group(2))
                if isinstance(size, str):
                    self.p.add(path, size)
                    return None
                return m.BufOutT(elem, size) if elem else None
            if match := re.fullmatch(r"out<\s*(\w+)\s*>", text):
                inner = match.group(1)
                target = m.SCALARS.get(inner) or self.structs.get(inner) or self.handles.get(inner)
                if target is None:
                    self._unknown_type(inner, path)
                    return None
                return m.OutT(target)
            if text in self.structs:
                return m.StructT(self.structs[text])
            if text in self.handles:
                return m.HandleT(self.handles[text])
            if text in self.callbacks:
                return m.CallbackT(self.callbacks[text])
        self._unknown_type(text, path)
        return None

    def return_type(self, text: str, path: KeyPath, in_callback: bool = False) -> m.ReturnType | None:
        text = text.strip()
        if text in m.SCALARS:
            return m.ScalarT(m.SCALARS[text])
        if text == "void":
            return m.VoidT()
        if not in_callback:
            if text == "status":
                return m.StatusT()
            if text == "cstr":
                return m.CStrT()
            if match := re.fullmatch(r"ptr<\s*(\w+)\s*>", text):
                elem = self._scalar(match.group(1), path)
                return m.PtrT(elem) if elem else None
            if text in self.structs:
                return m.StructT(self.structs[text])
        self._unknown_type(text, path, returns=True)
        return None

    def _len_param_ok(self, size: m.LenExpr, by_name: dict[str, Any], path: KeyPath) -> bool:
        if size.param is None:
            if size.add <= 0:
                self.p.add(path, "a fixed length must be above 0")
                return False
            return True
        if size.param not in by_name:
            self.p.add(path, f"no parameter named '{size.param}'{did_you_mean(size.param, tuple(by_name))}")
            return False
        if by_name[size.param][1]["type"] not in ("usize", "u32", "u16", "u8", "u64"):
            self.p.add(path, f"'{size.param}' must be an unsigned integer parameter")
            return False
        return True

    def _scalar(self, name: str, path: KeyPath) -> m.Scalar | None:
        if name not in m.SCALARS:
            self.p.add(path, f"unknown element type '{name}'{did_you_mean(name, tuple(m.SCALARS))}")
        return m.SCALARS.get(name)

    def _unknown_type(self, text: str, path: KeyPath, returns: bool = False) -> None:
        known = list(m.SCALARS) + list(self.structs) + list(self.handles) + list(self.callbacks)
        known += ["void", "status", "cstr"] if returns else ["bytes", "bytes_mut", "user_data"]
        self.p.add(path, f"unknown type '{text}'{did_you_mean(text, known)}")

    # ---- functions ----
    def functions(self, pkg: m.Package) -> tuple[m.Function, ...]:
        items = self.doc.get("functions", [])
        self._unique(items, ("functions",))
        roles = self._roles(pkg)
        pkg_node = ".".join(pkg.version.split(".")[:2])
        out: list[m.Function] = []
        previous_since = (0, 0)
        for n, raw in enumerate(items):
            fn = self.function(raw, ("functions", n), pkg, roles.get(raw["name"], "function"), pkg_node)
            if fn is None:
                continue
            if not re.fullmatch(r"\d+\.\d+", fn.since):
                out.append(fn)  # check_shape has said the since is not X.Y
                continue
            since = tuple(int(x) for x in fn.since.split("."))
            if since > tuple(int(x) for x in pkg_node.split(".")):
                self.p.add(("functions", n, "since"), f"{fn.since} is newer than the package version {pkg.version}")
            elif since[0] != pkg.version_tuple[0]:
                self.p.add(("functions", n, "since"),
                           f"{fn.since} is not in major version {pkg.version_tuple[0]}: a major bump starts "
                           f"new version nodes, so every function's since must be {pkg.version_tuple[0]}.x")
            elif since < previous_since:
                self.p.add(("functions", n, "since"),
                           f"{fn.since} is below an earlier function's {'.'.join(map(str, previous_since))}: "
                           "functions are listed in the order they were added, so add new ones at the end")
            else:  # only a valid since orders the ones after it: one bad value is one error
                previous_since = since
            out.append(fn)
        self._check_roles(pkg, out)
        return tuple(out)

    def _roles(self, pkg: m.Package) -> dict[str, str]:
        roles: dict[str, str] = {}
        for h in self.handles.values():
            for role in ("new", "free", "data", "len"):
                name = getattr(h, role)
                if name:
                    roles[name] = role
        if strerror := self.doc["package"].get("strerror"):
            roles[strerror] = "strerror"
        for raw in self.doc.get("functions", []):
            releaser = raw.get("free") if isinstance(raw, dict) else None
            if isinstance(releaser, str) and releaser != "free":
                roles.setdefault(releaser, "release")
        return roles

    def _check_roles(self, pkg: m.Package, fns: list[m.Function]) -> None:
        by_name = {f.name: f for f in fns}
        names = tuple(by_name)
        for n, h in enumerate(self.doc.get("handles", [])):
            handle = self.handles[h["name"]]
            for role in ("new", "free", "data", "len"):
                fname = h.get(role)
                if fname is None:
                    continue
                fn = by_name.get(fname)
                if fn is None:
                    self.p.add(("handles", n, role), f"no function named '{fname}'{did_you_mean(fname, names)}")
                    continue
                problem = _handle_role_problem(role, fn, handle)
                if problem:
                    self.p.add(("handles", n, role), f"{fname}: {problem}")
        for n, raw in enumerate(self.doc.get("functions", [])):
            releaser = raw.get("free")
            if releaser is None or releaser == "free":
                continue
            fn = by_name.get(releaser)
            if fn is None:
                self.p.add(("functions", n, "free"), f"'{releaser}' is neither free nor a function of this library"
                           f"{did_you_mean(releaser, names + ('free',))}")
            elif not (isinstance(fn.returns, m.VoidT) and len(fn.params) == 1
                      and isinstance(fn.params[0].type, m.PtrT)):
                self.p.add(("functions", n, "free"), f"{releaser} must take one ptr<T> and return void")
        strerror = self.doc["package"].get("strerror")
        if strerror:
            fn = by_name.get(strerror)
            if fn is None:
                self.p.add(("package", "strerror"), f"no function named '{strerror}'{did_you_mean(strerror, names)}")
            elif not (isinstance(fn.returns, m.CStrT) and len(fn.params) == 1
                      and isinstance(fn.params[0].type, m.ScalarT) and fn.params[0].type.scalar.name == "i32"):
                self.p.add(("package", "strerror"), f"{strerror} must be `const char *f(int code)`: "
                           "one i32 parameter, returns cstr")
        elif self.errors:
            self.p.add(("package",), "errors are declared, so name the function that gives their messages: "
                       "strerror = \"...\"")

    def function(self, raw: dict[str, Any], path: KeyPath, pkg: m.Package, role: str,
                 pkg_node: str) -> m.Function | None:
        params: list[m.Param] = []
        ok = True
        raw_params = raw.get("params", [])
        self._unique(raw_params, path + ("params",))
        by_name = {p["name"]: (k, p) for k, p in enumerate(raw_params)}
        length_of: dict[str, str] = {}
        user_of: dict[str, str] = {}
        for k, rp in enumerate(raw_params):
            ppath = path + ("params", k)
            t = self.param_type(rp["type"], ppath + ("type",))
            if t is None:
                ok = False
                continue
            if _role(t) == m.OUTPUT and rp["name"] == "result":
                self.p.add(ppath + ("name",), "an output cannot be called 'result', the name every binding gives "
                           "a function's return value: rename it (out, value, ...)")
                ok = False
            size = None
            is_expr = rp.get("len") is not None and not re.fullmatch(r"[A-Za-z_]\w*", rp["len"])
            if isinstance(t, m.BufOutT) and not self._len_param_ok(t.size, by_name, ppath + ("type",)):
                ok = False
            if isinstance(t, (m.BytesT, m.SliceT)) and is_expr:
                # a length computed from another parameter: `len = "2*n"`, `len = "32"`
                size = len_expr_or_problem(rp["len"])
                if isinstance(size, str):
                    self.p.add(ppath + ("len",), size)
                    size = None
                    ok = False
                elif not self._len_param_ok(size, by_name, ppath + ("len",)):
                    ok = False
            elif isinstance(t, (m.BytesT, m.SliceT)):
                target = rp.get("len")
                if target is None:
                    self.p.add(ppath, f"{rp['type']} needs len = \"<usize parameter>\"")
                    ok = False
                elif target not in by_name:
                    self.p.add(ppath + ("len",), f"no parameter named '{target}'{did_you_mean(target, tuple(by_name))}")
                    ok = False
                elif by_name[target][1]["type"] not in ("usize", "u32", "u16", "u8", "u64"):
                    self.p.add(ppath + ("len",), f"'{target}' must be an unsigned integer parameter")
                    ok = False
                elif target in length_of:
                    self.p.add(ppath + ("len",), f"'{target}' already measures '{length_of[target]}'")
                else:
                    length_of[target] = rp["name"]
            elif rp.get("len") is not None:
                self.p.add(ppath + ("len",), "only bytes, bytes_mut and slice<T> take len")
            if isinstance(t, m.CallbackT):
                target = rp.get("user")
                if target is None or target not in by_name:
                    self.p.add(ppath + ("user",) if target else ppath,
                               f"a callback needs user = \"<user_data parameter>\""
                               + (did_you_mean(target, tuple(by_name)) if target else ""))
                    ok = False
                elif by_name[target][1]["type"] != "user_data":
                    self.p.add(ppath + ("user",), f"'{target}' must have type user_data")
                    ok = False
                else:
                    user_of[target] = rp["name"]
            if rp.get("const"):
                if isinstance(t, m.HandleT):
                    t = m.HandleT(t.handle, const=True)
                else:
                    self.p.add(ppath + ("const",), "only handle parameters take const")
            if "default" in rp:
                self._check_default(rp["default"], t, ppath + ("default",))
            params.append(m.Param(rp["name"], t, rp.get("doc", ""), _role(t), None if size else rp.get("len"),
                                  rp.get("user"), default=rp.get("default"), size=size))
        for k, rp in enumerate(raw_params):
            if rp["type"] == "user_data" and rp["name"] not in user_of:
                self.p.add(path + ("params", k), "a user_data parameter must be named by a callback's user")
        params = [_finish_param(p, length_of, user_of) for p in params]
        ret = self.return_type(raw.get("returns", "void"), path + ("returns",))
        if ret is None:
            return None
        errors = []
        for k, ename in enumerate(raw.get("errors", ())):
            if ename not in self.errors:
                self.p.add(path + ("errors", k), f"unknown error '{ename}'{did_you_mean(ename, tuple(self.errors))}")
            else:
                errors.append(self.errors[ename])
        if errors and not isinstance(ret, m.StatusT):
            self.p.add(path + ("errors",), "only functions that return status can return errors")
        if isinstance(ret, m.StatusT) and not raw.get("errors"):
            self.p.add(path + ("returns",), "a status function must list the errors it returns (errors = [...])")
        variants = []
        self._unique(raw.get("variants", []), path + ("variants",))
        symbol = f"{pkg.prefix}{raw['name']}"
        for k, v in enumerate(raw.get("variants", [])):
            cpu = self._check_cpu(v.get("cpu", ()), path + ("variants", k, "cpu"))
            variants.append(m.Variant(v["name"], f"{symbol}_{v['name']}", cpu))
        if "free" in raw and not isinstance(ret, (m.PtrT, m.CStrT)):
            self.p.add(path + ("free",), "only functions that return ptr<T> or cstr take free")
        if not ok:
            return None
        since = raw.get("since", pkg_node)
        fn = m.Function(
            name=raw["name"],
            symbol=symbol,
            doc=raw.get("doc", ""),
            since=since,
            version_node=f"{pkg.library.upper()}_{since}",
            returns=ret,
            params=tuple(params),
            errors=tuple(errors),
            cpu=self._check_cpu(raw.get("cpu", ()), path + ("cpu",)),
            variants=tuple(variants),
            tests=(),
            c_prototype=m.c_declaration(ret, symbol, tuple(params), pkg.prefix, owned="free" in raw),
            role=role,
            line=self.p.line_of(path),
            free=raw.get("free"),
            free_symbol=None if raw.get("free") is None else "free" if raw["free"] == "free"
            else f"{pkg.prefix}{raw['free']}",
        )
        tests = tuple(
            t for k, raw_t in enumerate(raw.get("tests", []))
            if (t := self.test_vector(fn, raw_t, path + ("tests", k))) is not None
        )
        return _replace(fn, tests=tests)

    def _check_default(self, value: Any, t: m.ParamType, path: KeyPath) -> None:
        if not isinstance(t, m.ScalarT):
            self.p.add(path, "only scalar parameters take a default")
            return
        self.scalar_value(value, t.scalar, path)

    # ---- test vectors ----
    def test_vector(self, fn: m.Function, raw: dict[str, Any], path: KeyPath) -> m.TestVector | None:
        inputs = fn.inputs
        unsupported = [p for p in inputs if isinstance(p.type, (m.CallbackT, m.HandleT, m.PtrT))]
        if unsupported:
            self.p.add(path, f"test vectors cannot pass {unsupported[0].name} ({_type_name(unsupported[0].type)}); "
                       "test it by hand")
            return None
        args_raw = raw["args"]
        named: dict[str, Any] = {}
        if isinstance(args_raw, list):
            if len(args_raw) != len(inputs):
                # Trailing defaulted inputs may be left out of a list.
                required = [p for p in inputs if p.default is None]
                if not (len(required) <= len(args_raw) <= len(inputs)) or any(
                    p.default is None for p in inputs[len(args_raw):]
                ):
                    self.p.add(path + ("args",), f"{fn.name} takes {len(inputs)} argument(s) "
                               f"({', '.join(p.name for p in inputs)}), got {len(args_raw)}")
                    return None
            named = {p.name: v for p, v in zip(inputs, args_raw)}
        elif isinstance(args_raw, dict):
            names = tuple(p.name for p in inputs)
            for key in args_raw:
                if key not in names:
                    self.p.add(path + ("args", key), f"{fn.name} has no input '{key}'{did_you_mean(key, names)}")
                    return None
            named = dict(args_raw)
        else:
            self.p.add(path + ("args",), "args must be an array or a table")
            return None
        args = []
        argpaths: dict[str, KeyPath] = {}
        good = True
        for p in inputs:
            if p.name not in named:
                if p.default is None:
                    self.p.add(path + ("args",), f"missing argument '{p.name}'")
                    good = False
                    continue
                named[p.name] = p.default
            argpath = path + ("args", p.name if isinstance(args_raw, dict) else inputs.index(p))
            argpaths[p.name] = argpath
            value = self.value(named[p.name], p.type, argpath)
            good = good and value is not _BAD
            args.append((p.name, value))
        error = None
        if "error" in raw:
            if "expect" in raw:
                self.p.add(path, "a test vector has either expect or error, not both")
            ename = raw["error"]
            error = self.errors.get(ename)
            if error is None or error not in fn.errors:
                choices = tuple(e.name for e in fn.errors)
                self.p.add(path + ("error",), f"{fn.name} does not return '{ename}'{did_you_mean(ename, choices)}")
                return None
        expect = None
        results = fn.results
        if "expect" in raw:
            if not results:
                self.p.add(path + ("expect",), f"{fn.name} returns nothing to expect; use after = {{...}}")
                return None
            if len(results) == 1:
                expect = self.value(raw["expect"], results[0][1], path + ("expect",))
            elif not isinstance(raw["expect"], list) or len(raw["expect"]) != len(results):
                self.p.add(path + ("expect",), f"expected a list of {len(results)} results")
                return None
            else:
                expect = [self.value(v, t, path + ("expect", k)) for k, (v, (_, t)) in
                          enumerate(zip(raw["expect"], results))]
                if any(v is _BAD for v in expect):
                    expect = _BAD
            good = good and expect is not _BAD
        elif error is None and "after" not in raw:
            self.p.add(path, "a test vector needs expect, error or after")
        after = []
        if not isinstance(raw.get("after", {}), dict):
            self.p.add(path + ("after",), "after must be a table of bytes_mut inputs: after = { name = \"...\" }")
            return None
        for key, v in raw.get("after", {}).items():
            p = next((q for q in inputs if q.name == key), None)
            if p is None or not (isinstance(p.type, m.BytesT) and p.type.mutable):
                mutable = tuple(q.name for q in inputs if isinstance(q.type, m.BytesT) and q.type.mutable)
                self.p.add(path + ("after", key), f"'{key}' is not a bytes_mut input{did_you_mean(key, mutable)}")
                good = False
                continue
            after.append((key, self.value(v, p.type, path + ("after", key))))
        if not good or not self._vector_lengths(fn, args, expect, argpaths, path):
            return None
        return m.TestVector(tuple(args), expect, error, tuple(after), self.p.line_of(path))

    def _vector_lengths(self, fn: m.Function, args: list, expect: Any, argpaths: dict, path: KeyPath) -> bool:
        """The vector's buffers against their length expressions: a call every binding accepts, an output as long
        as the function writes."""
        values = dict(args)

        def n_of(size: m.LenExpr) -> tuple[int, str]:
            if size.param is None:
                return 0, ""
            q = fn.param(size.param)
            n = len(values[q.length_of]) if q.role == m.LENGTH else values[size.param]
            return n, f" ({size.param} = {n})"

        ok = True
        for p in fn.inputs:
            if p.size is None or p.name not in argpaths:
                continue
            n, where = n_of(p.size)
            need, have = p.size.evaluate(n), len(values[p.name])
            unit = "bytes" if isinstance(p.type, m.BytesT) else "items"
            if need < 0 or have < need:
                self.p.add(argpaths[p.name], f"{p.name} needs {p.size} = {need} {unit}{where}"
                           + (": a length cannot be negative" if need < 0 else f", got {have}"))
                ok = False
        results = fn.results
        if expect is None or not results:
            return ok
        wants = [expect] if len(results) == 1 else list(expect)
        for k, ((name, _), want) in enumerate(zip(results, wants)):
            t = fn.param(name).type if name != "result" else None
            if not isinstance(t, m.BufOutT):
                continue
            n, where = n_of(t.size)
            need = t.size.evaluate(n) * t.elem.size
            if len(want) != need:
                self.p.add(path + (("expect", k) if len(results) > 1 else ("expect",)),
                           f"{name} is {t.size} {t.elem.name}{where} = {need} bytes, got {len(want)}")
                ok = False
        return ok

    def value(self, v: Any, t: Any, path: KeyPath) -> Any:
        """A TOML test value checked against a type, normalised (bytes for byte types)."""
        if isinstance(t, m.ScalarT):
            return self.scalar_value(v, t.scalar, path)
        if isinstance(t, m.Scalar):
            return self.scalar_value(v, t, path)
        if isinstance(t, (m.ArrayOutT, m.BufOutT)) and isinstance(v, list):
            # an output's elements as numbers, as slice<T> inputs take them: little-endian in memory
            vals = [self.scalar_value(x, t.elem, path + (k,)) for k, x in enumerate(v)]
            if _BAD in vals:
                return _BAD
            v = {"hex": b"".join(_pack(x, t.elem) for x in vals).hex()}
        if isinstance(t, (m.BytesT, m.ArrayOutT, m.BufOutT)):
            data = _bytes_value(v)
            if data is None:
                hexed = v.get("hex") if isinstance(v, dict) else None
                self.p.add(path, f"{hexed!r} is not an even number of hex digits" if isinstance(hexed, str)
                           else "expected a string or {hex = \"...\"}" if isinstance(t, m.BytesT)
                           else f"expected an array of {t.elem.name}, a string or {{hex = \"...\"}}")
                return _BAD
            if isinstance(t, m.BufOutT) and len(data) % t.elem.size:
                self.p.add(path, f"expected whole {t.elem.name} values ({t.elem.size} bytes each), got {len(data)} bytes")
                return _BAD
            if isinstance(t, m.ArrayOutT) and len(data) != t.length * t.elem.size:
                self.p.add(path, f"expected {t.length * t.elem.size} bytes, got {len(data)}")
                return _BAD
            return data
        if isinstance(t, m.SliceT):
            if not isinstance(v, list):
                self.p.add(path, f"expected an array of {t.elem.name}")
                return _BAD
            vals = [self.scalar_value(x, t.elem, path + (k,)) for k, x in enumerate(v)]
            return _BAD if _BAD in vals else vals
        if isinstance(t, (m.StructT, m.Struct)):
            struct = t.struct if isinstance(t, m.StructT) else t
            names = tuple(f.name for f in struct.fields)
            if not isinstance(v, dict) or set(v) != set(names):
                self.p.add(path, f"expected a table with exactly {', '.join(names)}")
                return _BAD
            return {f.name: self.scalar_value(v[f.name], f.type, path + (f.name,)) for f in struct.fields}
        self.p.add(path, f"test vectors cannot hold a {_type_name(t)}")
        return _BAD

    def scalar_value(self, v: Any, scalar: m.Scalar, path: KeyPath) -> Any:
        if scalar.is_bool:
            if not isinstance(v, bool):
                self.p.add(path, f"expected true or false for {scalar.name}")
                return _BAD
            return v
        if scalar.is_float:
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                self.p.add(path, f"expected a number for {scalar.name}")
                return _BAD
            try:
                x = float(v)
                if scalar.size == 4 and math.isfinite(x):
                    # The nearest f32: every language then compares against what the function can return.
                    x = struct.unpack("<f", struct.pack("<f", x))[0]
            except OverflowError:
                shown = str(v) if len(str(v)) <= 40 else f"{str(v)[:20]}...({len(str(v))} digits)"
                self.p.add(path, f"{shown} is out of range for {scalar.name}"
                           + (" (at most about 3.4e38; write inf for infinity)" if scalar.size == 4 else ""))
                return _BAD
            return x
        if isinstance(v, bool) or not isinstance(v, int):
            self.p.add(path, f"expected an integer for {scalar.name}, got {_describe_value(v)}")
            return _BAD
        lo, hi = scalar.int_range()
        if not lo <= v <= hi:
            self.p.add(path, f"{v} is out of range for {scalar.name} ({lo}..{hi})")
            return _BAD
        return v

    # ---- the rest ----
    def languages(self) -> tuple[str, ...]:
        from .backends import all_backends

        known = tuple(all_backends())
        enabled = self.doc.get("languages", {}).get("enabled", ["c"])
        for n, lang in enumerate(enabled):
            if lang not in known:
                self.p.add(("languages", "enabled", n),
                           f"no backend for language '{lang}' (known: {', '.join(known)}){did_you_mean(lang, known)}")
        if "c" not in enabled:
            enabled = ["c", *enabled]
        return tuple(lang for lang in known if lang in enabled)

    def c_tests(self) -> tuple[m.CTest, ...]:
        out = []
        for n, t in enumerate(self.doc.get("tests", {}).get("c", [])):
            problem = _path_problem(self.root, t["source"], "is_file")
            if problem:
                self.p.add(("tests", "c", n, "source"), problem)
            out.append(m.CTest(t["source"], tuple(t.get("deps", ())), t.get("valgrind", False), t.get("timeout", 60)))
        return tuple(out)

    def language_tests(self) -> tuple[tuple[str, str], ...]:
        out = []
        for lang in LANGUAGES[1:]:
            folder = self.doc.get("tests", {}).get(lang)
            if folder is None:
                continue
            problem = _path_problem(self.root, folder, "is_dir")
            if problem:
                self.p.add(("tests", lang), problem if "cannot be" in problem else f"{folder} is not a folder")
            out.append((lang, folder))
        return tuple(out)

    def build(self) -> m.Model:
        pkg = self.package()
        sources = self.sources()
        errors = self.declare_errors(pkg.prefix)
        structs = self.declare_structs(pkg.prefix)
        handles = self.declare_handles(pkg.prefix)
        callbacks = self.declare_callbacks(pkg.prefix)
        functions = self.functions(pkg)
        nodes = tuple(sorted({f.version_node for f in functions}, key=lambda s: tuple(int(x) for x in s.split("_")[-1].split("."))))
        return m.Model(
            root=self.root,
            manifest=self.manifest,
            package=pkg,
            sources=sources,
            errors=errors,
            structs=structs,
            handles=handles,
            callbacks=callbacks,
            functions=functions,
            languages=self.languages(),
            c_tests=self.c_tests(),
            version_nodes=nodes,
            language_tests=self.language_tests(),
        )


_BAD = object()


def _path_problem(root: Path, rel: str, test: str) -> str | None:
    """Why a project-relative path fails `test` (Path.exists, is_file or is_dir), or None when it passes."""
    try:
        if getattr(root / rel, test)():
            return None
    except (OSError, ValueError) as exc:  # a name too long for the file system, a NUL byte in it
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        shown = rel if len(rel) <= 60 else f"{rel[:40]}...({len(rel)} characters)"
        return f"{shown!r} cannot be a path here ({reason})"
    return f"{rel} does not exist"


def _role(t: m.ParamType) -> str:
    if isinstance(t, (m.OutT, m.ArrayOutT, m.BufOutT)):
        return m.OUTPUT
    if isinstance(t, m.UserDataT):
        return m.USER
    return m.INPUT


def _finish_param(p: m.Param, length_of: dict[str, str], user_of: dict[str, str]) -> m.Param:
    if p.name in length_of:
        return _replace(p, role=m.LENGTH, length_of=length_of[p.name])
    return p


def _replace(obj: Any, **changes: Any) -> Any:
    return dataclasses.replace(obj, **changes)


def _handle_role_problem(role: str, fn: m.Function, handle: m.Handle) -> str | None:
    types = [p.type for p in fn.params]
    takes_handle = len(types) == 1 and isinstance(types[0], m.HandleT) and types[0].handle == handle
    if role == "new":
        last = types[-1] if types else None
        if not (fn.is_status and isinstance(last, m.OutT) and last.target == handle):
            return f"a constructor returns status and takes out<{handle.name}> last"
    elif role == "free" and not (takes_handle and isinstance(fn.returns, m.VoidT)):
        return f"a destructor takes one {handle.name} and returns void"
    elif role == "data" and not (takes_handle and isinstance(fn.returns, m.PtrT)):
        return f"a data accessor takes one {handle.name} and returns ptr<u8>"
    elif role == "len" and not (takes_handle and isinstance(fn.returns, m.ScalarT) and fn.returns.scalar.name == "usize"):
        return f"a length accessor takes one {handle.name} and returns usize"
    return None


def _pack(value: Any, scalar: m.Scalar) -> bytes:
    """One element as it is in memory (little-endian)."""
    if scalar.is_bool:
        return bytes([int(value)])
    if scalar.is_float:
        return struct.pack("<f" if scalar.size == 4 else "<d", value)
    return int(value).to_bytes(scalar.size, "little", signed=scalar.signed)


# What each spec pattern asks for, in words: the regex itself is no help in an error message.
_PATTERN_WORDS = {
    r"^[a-z][a-z0-9_]*$": "a snake_case name (a lowercase letter, then lowercase letters, digits and _)",
    r"^\d+\.\d+\.\d+$": "a version X.Y.Z (three numbers, e.g. 1.2.0)",
    r"^\d+\.\d+$": "a version node X.Y (two numbers, e.g. 1.2)",
}


def _bytes_value(v: Any) -> bytes | None:
    if isinstance(v, str):
        return v.encode()
    if isinstance(v, dict) and set(v) == {"hex"} and isinstance(v["hex"], str):
        try:
            return bytes.fromhex(v["hex"])
        except ValueError:
            return None
    return None


LEN_FORMS = "N, n, K*n, n*K, n+J, n-J, K*n+J or K*n-J"
LEN_LIMIT = 1 << 31  # K, J and N: a bound every language's arithmetic and every buffer API can take


def parse_len_expr(text: str) -> m.LenExpr | None:
    """`32`, `n`, `2*n`, `n*8`, `n+1`, `4*n-2`: a length linear in at most one parameter."""
    size = len_expr_or_problem(text)
    return size if isinstance(size, m.LenExpr) else None


def len_expr_or_problem(text: str) -> m.LenExpr | str:
    """The length, or why `text` is not one (for the manifest's error)."""
    text = text.strip()
    if re.fullmatch(r"\d+", text):
        size = m.LenExpr(None, 1, int(text))
    else:
        match = re.fullmatch(r"(?:(\d+)\s*\*\s*)?([A-Za-z_]\w*)(?:\s*\*\s*(\d+))?(?:\s*([+-])\s*(\d+))?", text)
        if not match or (match.group(1) and match.group(3)):
            return f"'{text}' is not a length: write {LEN_FORMS}"
        mul = int(match.group(1) or match.group(3) or 1)
        add = int(match.group(5) or 0) * (-1 if match.group(4) == "-" else 1)
        if mul == 0:
            return f"'{text}' is always {add}: write the constant, or a multiplier above 0"
        size = m.LenExpr(match.group(2), mul, add)
    big = max(size.mul, abs(size.add))
    if big > LEN_LIMIT:
        return f"'{text}': {big} is above 2^31, the largest number a length may use"
    return size


def _type_name(t: Any) -> str:
    return type(t).__name__.removesuffix("T").lower()


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def parse_text(text: str, file: str, root: Path) -> m.Model:
    """Text to model, or InputError with every problem found."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        if match:
            line, col = int(match.group(1)), int(match.group(2))
        elif "(at end of document)" in msg:
            lines = text.split("\n")
            line, col = len(lines), len(lines[-1]) + 1
        else:
            line, col = 1, 1
        detail = re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)", "", msg)
        raise InputError(f"{file} is not valid TOML",
                         (Diagnostic(file, line, col, "", f"TOML syntax error: {detail}"),)) from None
    problems = Problems(file, text)  # after tomllib: the position scanner reads valid TOML only
    if check_shape(doc, ROOT, (), problems):
        result = Builder(doc, root, root / file, problems).build()
        problems.raise_if_any()
        return result
    # The shape is wrong somewhere: still look for deeper problems where the shape allows,
    # so one run reports as much as it can.
    _tolerant_build(doc, root, file, problems)
    problems.raise_if_any()
    raise AssertionError("shape problems were found but not reported")


_PLACEHOLDER_PACKAGE = {"name": "x", "library": "x", "version": "0.0.0", "prefix": "x_"}


def _tolerant_build(doc: dict[str, Any], root: Path, file: str, problems: Problems) -> None:
    """Semantic checks over the parts of a misshapen document that are well-formed."""
    scratch = Problems(file, "")
    scratch.positions = problems.positions
    good = dict(doc)
    pkg = doc.get("package")
    pkg_spec = ROOT.keys["package"].keys
    if not (isinstance(pkg, dict) and all(isinstance(pkg.get(k), str) and re.match(pkg_spec[k].pattern or "", pkg[k])
                                          for k in _PLACEHOLDER_PACKAGE)):
        good["package"] = dict(_PLACEHOLDER_PACKAGE)
        if isinstance(pkg, dict) and isinstance(pkg.get("strerror"), str):
            good["package"]["strerror"] = pkg["strerror"]
    if not isinstance(doc.get("sources"), dict) or not isinstance(doc["sources"].get("nasm"), list):
        good["sources"] = {"nasm": ["."]}
    if isinstance(doc.get("functions"), list):
        # A function whose own keys are misshapen (`retruns`) would make its test vectors look wrong
        # too: leave its vectors alone until the function itself is right.
        broken = {d.path.split("]", 1)[0] + "]" for d in problems.items if d.path.startswith("functions[")}
        good["functions"] = [
            {k: v for k, v in f.items() if k != "tests"} if f"functions[{n}]" in broken and isinstance(f, dict) else f
            for n, f in enumerate(doc["functions"])
        ]
    builder = Builder(good, root, root / file, scratch)
    for phase in (lambda: builder.sources(), lambda: builder.declare_errors("x_"),
                  lambda: builder.declare_structs("x_"), lambda: builder.declare_handles("x_"),
                  lambda: builder.declare_callbacks("x_"), lambda: builder.functions(builder.package())):
        try:
            phase()
        except (KeyError, TypeError, AttributeError, ValueError, IndexError):
            continue  # that part is misshapen, and check_shape has said how
    seen = {(d.line, d.path) for d in problems.items}
    problems.items += [d for d in scratch.items if (d.line, d.path) not in seen]


def load(root: Path) -> m.Model:
    """Reads <root>/asmpkg.toml."""
    path = root / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"no {MANIFEST} in {root} (use -C DIR to point at a project)") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 ({exc.reason})") from None
    except OSError as exc:  # a folder called asmpkg.toml, no permission, ...
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    return parse_text(text, MANIFEST, root.resolve())
