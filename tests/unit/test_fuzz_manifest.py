"""Structured fuzzing of asmpkg.toml: bad input is an InputError with well-formed diagnostics, never a traceback.

Each case starts from a valid manifest (with every language enabled), applies a few seeded structured
mutations to the parsed TOML, writes it back as TOML and runs `manifest.parse_text` and, when that
succeeds, `generate.plan`. Anything raised must be an InputError (backends' own errors derive from it).
The cases are the same on every run; a failure prints each bad case's mutations and its manifest.
"""

from __future__ import annotations

import copy
import json
import math
import random
import re
import time
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

from asmpkg import generate, manifest
from asmpkg.errors import Diagnostic, InputError

REPO = Path(__file__).resolve().parents[2]
SEEDS = ("tests/packages/kitchen", "tests/packages/lengths", "tests/packages/kinds_rust", ".")
ALL_LANGUAGES = ["c", "python", "rust", "go", "java", "node"]
CASES_PER_SEED = 400  # 1600 cases: about 7 s on a 2-core machine
BUDGET_SECONDS = 30.0  # a hard stop far above the usual few seconds, so a slow machine fails loudly not slowly

# ---------------------------------------------------------------- a tiny TOML writer

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _key(k: str) -> str:
    return k if _BARE_KEY.fullmatch(k) else _string(k)


def _string(s: str) -> str:
    out = []
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + " }" if v else "{}"
    raise TypeError(f"no TOML for {type(v).__name__}")


def _is_tables(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def to_toml(doc: dict[str, Any]) -> str:
    """Top-level tables as [section], arrays of tables as [[section]], everything below them inline."""
    head, body = [], []
    for k, v in doc.items():
        if isinstance(v, dict):
            body.append(f"\n[{_key(k)}]")
            body += [f"{_key(sk)} = {_value(sv)}" for sk, sv in v.items()]
        elif _is_tables(v):
            for item in v:
                body.append(f"\n[[{_key(k)}]]")
                body += [f"{_key(sk)} = {_value(sv)}" for sk, sv in item.items()]
        else:
            head.append(f"{_key(k)} = {_value(v)}")
    return "\n".join(head + body) + "\n"


# ---------------------------------------------------------------- mutations

NAMES = [
    # keywords and builtins of the target languages
    "class", "type", "fn", "func", "default", "new", "self", "none", "async", "await", "import", "package",
    "interface", "return", "match", "struct", "impl", "let", "var", "const", "static", "int", "char", "string",
    "object", "len", "cap", "nil", "true", "false", "err", "error", "result", "out", "this", "main", "init",
    "delete", "void", "in", "is", "lambda", "def", "pass", "prototype", "constructor", "super", "yield", "mod",
    "crate", "loop", "go", "chan", "select", "range", "map", "enum", "union", "goto", "register", "volatile",
    "throws", "native", "synchronized", "finally", "export", "function", "undefined", "arguments", "eval",
    "ffi", "lib", "ctypes", "sys", "os", "values", "count", "data", "code", "user", "size", "buffer", "ptr",
    "byte", "bytes", "slice", "array", "list", "dict", "vec", "box", "option", "some", "ok", "exception",
    "math", "java", "node", "napi", "cgo", "unsafe", "close", "closed", "free", "strerror", "message", "name",
    # odd identifiers, collisions after case conversion
    "None", "Self", "Object", "fooBar", "foo_bar", "foobar", "foo__bar", "foo_bar_", "foo_1", "foo1", "a_b_c",
    "_x", "_", "__init__", "1abc", "9", "a", "x" * 300, "ü", "名前", "a-b", "a b", "", " ", "a.b",
]
IDENTS = [n for n in NAMES if re.fullmatch(r"[a-z][a-z0-9_]*", n)]
TYPES = [
    "[u8; 0]", "[u16; 2*n]", "slice<bool>", "out<rect>", "ptr<u8>", "bytes_mut", "bytes", "[u8; 1]", "[bool; 3]",
    "[f32; n]", "[f64; len]", "[u8; count+1]", "[u8; n-5]", "[u8; n*2147483648]", "[u64; 2147483648]",
    "[i8; 4*n+2147483647]", "[u8;n]", "[ u8 ; n ]", "[u8; 00]", "[u8; 0x10]", "[u8; 99999999999]", "[u8; -1]",
    "[u8; n*n]", "[u8; ]", "[; 3]", "[rect; 2]", "slice<f64>", "slice<rect>", "slice<u8>", "slice< u8 >",
    "slice<usize>", "out<blob>", "out<counter>", "out<bool>", "out<f32>", "out<void>", "out<out<u8>>",
    "out<buffer>", "out<point>", "ptr<bool>", "ptr<f64>", "ptr<rect>", "ptr<void>", "ptr<ptr<u8>>",
    "user_data", "status", "void", "cstr", "rect", "pair_i32", "point", "blob", "counter", "buffer", "each_fn",
    "map_fn", "pred_fn", "visit", "i128", " u32 ", "U32", "u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64",
    "usize", "f32", "f64", "bool", "", "ü", "[u8; 3", "slice<>", "out<>", "ptr<>",
]
RETURNS = [
    "void", "status", "cstr", "ptr<u8>", "ptr<u32>", "ptr<bool>", "ptr<f64>", "rect", "pair_i32", "point",
    "bool", "f32", "f64", "i8", "u64", "usize", "bytes", "[u8; 4]", "out<u8>", "blob", "user_data", "void ",
    "", "Void",
]
LENS = [
    "n", "len", "count", "size", "0", "1", "32", "2*n", "n*4", "n*0", "0*n", "n-1", "n+1", "2*n-1",
    "n+2147483648", "2147483648", "4294967296", " n ", "n*n", "x", "-1", "2*n+1", "", "1e3", "2 * n + 3",
    "n*2*3", "n-2147483648", "count+1", "ü", "n +", "*n",
]
LANG_SETS = [ALL_LANGUAGES] * 6 + [["c"], ["python"], ["rust"], ["go"], ["java"], ["node"], ["c", "c"],
                                   ["cobol"], ["C"], [], ["python", "python", "go"]]
VERSIONS = ["1.0.0", "0.0.0", "0.1.0", "2.1.0", "1.0", "1.0.0-rc1", "99999999999999999999.0.0", "01.2.3", ""]
SINCE = ["1.0", "0.0", "0.1", "2.0", "2.1", "2.9", "1.99999999999999999999", "99999999999999999999.0", "x"]


def leaf_pool(rng: random.Random) -> Any:
    return rng.choice([
        0, 1, -1, 7, 255, 256, 2**31, 2**32, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30, 0.0, 3.5, -2.5,
        1e300, float("inf"), float("-inf"), float("nan"), "", "x", "ü名", "a" * 1500, "\t\n", "0x10",
        True, False, [], [1], ["a"], [[]], [{}], {}, {"hex": "zz"}, {"hex": "0"}, {"hex": "00ff"}, {"a": 1},
        {"x": 1.0, "y": 2.0}, rng.choice(NAMES), rng.choice(TYPES),
    ])


def _locations(node: Any, path: tuple = ()) -> list[tuple]:
    out = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for k, v in items:
        out.append(path + (k,))
        out += _locations(v, path + (k,))
    return out


def _get(doc: Any, path: tuple) -> Any:
    for k in path:
        doc = doc[k]
    return doc


def _tables(doc: dict, section: str) -> list[dict]:
    v = doc.get(section)
    return [t for t in v if isinstance(t, dict)] if isinstance(v, list) else []


def _params(doc: dict) -> list[dict]:
    out = []
    for section in ("functions", "callbacks"):
        for t in _tables(doc, section):
            if isinstance(t.get("params"), list):
                out += [p for p in t["params"] if isinstance(p, dict)]
    return out


def _named(doc: dict) -> list[dict]:
    out = []
    for section in ("functions", "callbacks", "structs", "handles", "errors"):
        for t in _tables(doc, section):
            out.append(t)
            for sub in ("params", "fields", "variants"):
                if isinstance(t.get(sub), list):
                    out += [x for x in t[sub] if isinstance(x, dict)]
    return out


def _vectors(doc: dict) -> list[dict]:
    out = []
    for f in _tables(doc, "functions"):
        if isinstance(f.get("tests"), list):
            out += [t for t in f["tests"] if isinstance(t, dict)]
    return out


def _odd_variant(name: str, rng: random.Random) -> str:
    """A name likely to collide with `name` once a language converts its case."""
    parts = name.split("_")
    return rng.choice([
        "".join(parts), "__".join(parts), name + "_", name + "_1", name.replace("_", "") + "_",
        parts[0] + "".join(p.capitalize() for p in parts[1:]), name.upper(), "_" + name, "1" + name,
    ])


def mutate(doc: dict, rng: random.Random) -> str:
    """Changes `doc` in place; returns what it did, for the failure report."""
    kind = rng.choice([
        "drop", "drop", "replace", "replace", "type", "type", "type", "returns", "len", "len", "name", "name",
        "collide", "prefix", "dup_function", "dup_param", "reorder", "vector", "vector", "vector", "languages",
        "version", "default", "swap_list",
    ])
    if kind in ("drop", "replace", "swap_list"):
        locs = _locations(doc)
        if kind == "swap_list":
            locs = [p for p in locs if isinstance(_get(doc, p), list) and len(_get(doc, p)) > 1]
        if not locs:
            return "nothing"
        path = rng.choice(locs)
        parent = _get(doc, path[:-1])
        if kind == "drop":
            del parent[path[-1]]
            return f"drop {path}"
        if kind == "swap_list":
            rng.shuffle(parent[path[-1]])
            return f"shuffle {path}"
        parent[path[-1]] = leaf_pool(rng)
        return f"replace {path} = {parent[path[-1]]!r:.80}"
    if kind == "type":
        targets = _params(doc) + [f for s in _tables(doc, "structs") if isinstance(s.get("fields"), list)
                                  for f in s["fields"] if isinstance(f, dict)]
        if not targets:
            return "nothing"
        p = rng.choice(targets)
        p["type"] = rng.choice(TYPES)
        if rng.random() < 0.3:
            p["len"] = rng.choice(LENS)
        return f"type {p.get('name')!r} = {p['type']!r} (len {p.get('len')!r})"
    if kind == "returns":
        fns = _tables(doc, "functions") + _tables(doc, "callbacks")
        if not fns:
            return "nothing"
        f = rng.choice(fns)
        f["returns"] = rng.choice(RETURNS)
        if rng.random() < 0.2:
            f["free"] = rng.choice(["free", "strerror", "nope", rng.choice(NAMES)])
        return f"returns {f.get('name')!r} = {f['returns']!r}"
    if kind == "len":
        ps = _params(doc)
        if not ps:
            return "nothing"
        p = rng.choice([q for q in ps if "len" in q] or ps)
        p["len"] = rng.choice(LENS + [q.get("name") for q in ps if isinstance(q.get("name"), str)])
        return f"len {p.get('name')!r} = {p['len']!r}"
    if kind == "name":
        items = _named(doc)
        if not items:
            return "nothing"
        it = rng.choice(items)
        old, it["name"] = it.get("name"), rng.choice(IDENTS if rng.random() < 0.8 else NAMES)
        return f"rename {old!r} -> {it['name']!r}"
    if kind == "collide":
        items = [t for t in _named(doc) if isinstance(t.get("name"), str) and t["name"]]
        if not items:
            return "nothing"
        it = rng.choice(items)
        old, it["name"] = it["name"], _odd_variant(it["name"], rng)
        return f"rename {old!r} -> {it['name']!r}"
    if kind == "prefix":
        pkg = doc.get("package")
        if not isinstance(pkg, dict):
            return "nothing"
        key = rng.choice(["prefix", "prefix", "name", "library", "names"])
        if key == "names":
            names = pkg.setdefault("names", {})
            if not isinstance(names, dict):
                return "nothing"
            sub = rng.choice(["go_module", "java_package", "java_class", "npm", "crate"])
            names[sub] = rng.choice(NAMES + ["a.b.c", "example.com/x", "org.example.class", "@scope/pkg",
                                             "My-Crate", "Class", "String", "a..b", "x/"])
            return f"names.{sub} = {names[sub]!r}"
        value = rng.choice(NAMES)
        if key == "prefix":
            value = rng.choice([value + "_", value, "", "_", "9_", "a b", "Math_", "ü_", "class_", "x" * 200])
        pkg[key] = value
        return f"package.{key} = {value!r}"
    if kind in ("dup_function", "dup_param"):
        if kind == "dup_function":
            lists = [doc[s] for s in ("functions", "callbacks", "structs", "handles", "errors")
                     if _tables(doc, s)]
        else:
            lists = [t["params"] for t in _tables(doc, "functions") + _tables(doc, "callbacks")
                     if isinstance(t.get("params"), list) and t["params"]]
            lists += [t["fields"] for t in _tables(doc, "structs") if isinstance(t.get("fields"), list) and t["fields"]]
        if not lists:
            return "nothing"
        lst = rng.choice(lists)
        item = copy.deepcopy(rng.choice(lst))
        if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"] and rng.random() < 0.6:
            item["name"] = _odd_variant(item["name"], rng)
        lst.insert(rng.randrange(len(lst) + 1), item)
        return f"{kind} {item.get('name') if isinstance(item, dict) else item!r}"
    if kind == "reorder":
        lists = [t["params"] for t in _tables(doc, "functions") + _tables(doc, "callbacks")
                 if isinstance(t.get("params"), list) and len(t["params"]) > 1]
        if not lists:
            return "nothing"
        lst = rng.choice(lists)
        rng.shuffle(lst)
        return f"reorder params {[p.get('name') for p in lst if isinstance(p, dict)]}"
    if kind == "vector":
        return _mutate_vector(doc, rng)
    if kind == "languages":
        if not isinstance(doc.get("languages"), dict):
            doc["languages"] = {}
        doc["languages"]["enabled"] = list(rng.choice(LANG_SETS))
        return f"languages {doc['languages']['enabled']}"
    if kind == "version":
        pkg = doc.get("package")
        fns = _tables(doc, "functions")
        if rng.random() < 0.5 and isinstance(pkg, dict):
            pkg["version"] = rng.choice(VERSIONS)
            return f"version {pkg['version']!r}"
        if not fns:
            return "nothing"
        f = rng.choice(fns)
        f["since"] = rng.choice(SINCE)
        return f"since {f.get('name')!r} = {f['since']!r}"
    if kind == "default":
        ps = _params(doc)
        if not ps:
            return "nothing"
        p = rng.choice(ps)
        p["default"] = leaf_pool(rng)
        return f"default {p.get('name')!r} = {p['default']!r:.80}"
    raise AssertionError(kind)


def _reshape(v: Any, rng: random.Random) -> Any:
    """A value of a different shape: wrapped, unwrapped, hex, a table, shortened, lengthened."""
    choice = rng.randrange(9)
    if v is None:
        return leaf_pool(rng)
    if choice == 0:
        return [v]
    if choice == 1 and isinstance(v, list) and v:
        return v[0]
    if choice == 2 and isinstance(v, list):
        return v[:-1] if v else [0]
    if choice == 3 and isinstance(v, list):
        return v + [rng.choice(v) if v else 1]
    if choice == 4:
        return {"hex": rng.choice(["", "00", "0001", "ff" * 7, "00" * 33, "0"])}
    if choice == 5 and isinstance(v, str):
        return v[:-1] if v else "abc"
    if choice == 6 and isinstance(v, dict) and v:
        k = rng.choice(list(v))
        return {kk: vv for kk, vv in v.items() if kk != k}
    return leaf_pool(rng)


def _mutate_vector(doc: dict, rng: random.Random) -> str:
    fns = [f for f in _tables(doc, "functions") if isinstance(f.get("tests"), list)]
    vecs = _vectors(doc)
    if not vecs or rng.random() < 0.15:
        if not fns and not _tables(doc, "functions"):
            return "nothing"
        f = rng.choice(fns or _tables(doc, "functions"))
        tests = f.setdefault("tests", [])
        if not isinstance(tests, list):
            return "nothing"
        vec = {"args": rng.choice([[], [0], [1, 2], [""], [[1, 2]], {}, {"n": 3}])}
        vec[rng.choice(["expect", "error", "after"])] = leaf_pool(rng)
        tests.append(vec)
        return f"new vector for {f.get('name')!r}: {vec!r:.100}"
    vec = rng.choice(vecs)
    key = rng.choice(["args", "args", "args", "expect", "expect", "error", "after", "both"])
    if key == "both":
        vec["expect"], vec["error"] = leaf_pool(rng), rng.choice(["bad_code", "too_big", "overflow", "nope", ""])
        return f"vector expect+error {vec!r:.100}"
    if key == "error":
        vec["error"] = rng.choice(["bad_code", "too_big", "overflow", "division_by_zero", "bad", "nope", ""])
        return f"vector error {vec['error']!r}"
    if key == "args":
        args = vec.get("args")
        r = rng.random()
        if isinstance(args, list) and args and r < 0.5:
            k = rng.randrange(len(args))
            args[k] = _reshape(args[k], rng)
            return f"vector args[{k}] = {args[k]!r:.80}"
        if isinstance(args, dict) and args and r < 0.5:
            k = rng.choice(list(args))
            args[k] = _reshape(args[k], rng)
            return f"vector args.{k} = {args[k]!r:.80}"
        if isinstance(args, list) and r < 0.75:
            vec["args"] = {rng.choice(["n", "data", "a", "len", "count", "out", "user", "x"]): a for a in args}
            return f"vector args as a table {vec['args']!r:.80}"
        vec["args"] = _reshape(args, rng)
        return f"vector args = {vec['args']!r:.80}"
    if key == "after":
        vec["after"] = rng.choice([{}, {"buf": "x"}, {"s": {"hex": "00"}}, {"nope": 1}, [], "x", {"buf": [1, 2]}])
        return f"vector after {vec['after']!r}"
    vec["expect"] = _reshape(vec.get("expect"), rng)
    return f"vector expect = {vec['expect']!r:.80}"


def _focus(doc: dict, rng: random.Random) -> None:
    """Keeps a few functions (and those handles and strerror name), so a case is small and fast to generate."""
    fns = _tables(doc, "functions")
    if len(fns) <= 3:
        return
    needed = set()
    for h in _tables(doc, "handles"):
        needed |= {h.get(k) for k in ("new", "free", "data", "len")}
    if isinstance(doc.get("package"), dict):
        needed.add(doc["package"].get("strerror"))
    plain = [f for f in fns if f.get("name") not in needed]
    keep = {id(f) for f in rng.sample(plain, min(len(plain), rng.randint(1, 2)))}
    if rng.random() < 0.5:  # sometimes drop the handles too, with their functions
        doc.pop("handles", None)
        needed = {doc["package"].get("strerror")} if isinstance(doc.get("package"), dict) else set()
    doc["functions"] = [f for f in fns if id(f) in keep or f.get("name") in needed]


# ---------------------------------------------------------------- the run


def _seed(rel: str) -> tuple[Path, dict]:
    root = (REPO / rel).resolve()
    doc = tomllib.loads((root / manifest.MANIFEST).read_text(encoding="utf-8"))
    doc.setdefault("languages", {})["enabled"] = list(ALL_LANGUAGES)
    return root, doc


_DIAG = re.compile(r"asmpkg\.toml:[1-9]\d*:[1-9]\d*: \S")


def diagnostic_problem(d: Diagnostic, text: str) -> str | None:
    if not isinstance(d, Diagnostic):
        return f"not a Diagnostic: {d!r}"
    shown = str(d)
    if d.file != manifest.MANIFEST or not _DIAG.match(shown):
        return f"malformed diagnostic {shown!r}"
    if d.line > text.count("\n") + 1:
        return f"line {d.line} is past the end of the manifest: {shown!r}"
    if not d.message.strip() or "\n" in shown:
        return f"empty or multi-line diagnostic {shown!r}"
    return None


def run_case(root: Path, text: str) -> tuple[str, str | None]:
    """How far the manifest got ("manifest", "plan" or "generated"), and what went wrong (None if nothing)."""
    stage = "manifest"
    try:
        model = manifest.parse_text(text, manifest.MANIFEST, root)
        stage = "plan"
        generate.plan(model)
        stage = "generated"
    except InputError as exc:
        if not str(exc).strip():
            return stage, f"{type(exc).__name__} with an empty message"
        for d in exc.diagnostics:
            problem = diagnostic_problem(d, text)
            if problem:
                return stage, problem
    except Exception as exc:  # noqa: BLE001 - the point: anything else is a bug to report
        return stage, f"{type(exc).__name__}: {exc}"[:300]
    return stage, None


def cases(per_seed: int = CASES_PER_SEED, salt: str = "") -> list[tuple[str, Path, dict, list[str]]]:
    """The fuzz cases, the same on every run (a salt gives another set, for exploring by hand)."""
    out = []
    for rel in SEEDS:
        root, base = _seed(rel)
        for i in range(per_seed):
            rng = random.Random(f"{salt}{rel}:{i}")
            doc = copy.deepcopy(base)
            if rng.random() < 0.85:
                _focus(doc, rng)
            done = [mutate(doc, rng) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
            out.append((f"{rel}#{i}", root, doc, done))
    return out


def test_the_toml_writer_round_trips():
    for rel in SEEDS:
        _, doc = _seed(rel)
        assert repr(tomllib.loads(to_toml(doc))) == repr(doc)  # repr: nan == nan
    odd = {"k": ["", "\"\\\n\t\x7f", "ü名", 2**64, -1.5, True, [[]], {}, {"a b": {"c": []}}], "t": [{"x": 1}]}
    assert repr(tomllib.loads(to_toml(odd))) == repr(odd)


def test_the_seeds_generate():
    """Unmutated, every seed loads (so the mutations, not the seeds, are what the fuzz test explores)."""
    for rel in SEEDS:
        root, doc = _seed(rel)
        model = manifest.parse_text(to_toml(doc), manifest.MANIFEST, root)
        assert model.languages == tuple(ALL_LANGUAGES)


def test_fuzzed_manifests_fail_only_with_input_errors():
    start = time.monotonic()
    failures, total = [], 0
    stages = {"manifest": 0, "plan": 0, "generated": 0}
    for label, root, doc, done in cases():
        if time.monotonic() - start > BUDGET_SECONDS:
            failures.append(("budget", f"stopped after {total} cases: over {BUDGET_SECONDS} s", [], ""))
            break
        total += 1
        text = to_toml(doc)
        stage, problem = run_case(root, text)
        stages[stage] += 1
        if problem:
            failures.append((label, problem, done, text))
    report = "\n\n".join(f"{label}: {problem}\n  mutations: {json.dumps(done)}\n{text}"
                         for label, problem, done, text in failures[:5])
    assert not failures, f"{len(failures)} of {total} fuzzed manifests went wrong; the first ones:\n\n{report}"
    # The mutations must leave enough manifests valid that the backends are exercised, not just the checks.
    assert stages["plan"] + stages["generated"] > total // 8, stages
    assert stages["generated"] > total // 10, stages
