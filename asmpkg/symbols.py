"""Which functions the sources really define, found by assembling (and compiling) them into a scratch folder.

Run before anything is written, so a manifest entry whose symbol no source
defines is an input error at that entry's line. Cached by the sources' sizes
and times, so a no-op build does not assemble again.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

from . import runner
from .errors import Diagnostic, InputError, ToolchainMissing
from .manifest import MANIFEST
from .model import Model

NASM_HINT = "install NASM (apt-get install nasm); `asmpkg doctor` lists every tool"


def _inputs(model: Model) -> list[Path]:
    files = [model.root / s for s in (*model.sources.nasm, *model.sources.c)]
    for d in model.sources.include_dirs:
        files += sorted(p for p in (model.root / d).rglob("*") if p.is_file())
    return files


def _key(model: Model, nasm: str) -> str:
    h = hashlib.sha256(nasm.encode())
    for f in _inputs(model):
        st = f.stat()
        h.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    h.update(repr((model.sources.nasm_flags, model.sources.per_source_flags)).encode())
    return h.hexdigest()


def nasm_command(model: Model, nasm: str, source: str, output: Path) -> list[str]:
    includes = [f"-I{(model.root / d)}/" for d in model.sources.include_dirs]
    # The source relative to the project root (the command runs there), so NASM's messages name it as the manifest does.
    return [nasm, "-f", "elf64", *includes, *model.sources.flags_for(source), source, "-o", str(output)]


def global_symbols(obj: Path) -> dict[str, str]:
    """Each global symbol the object defines, with its ELF type (STT_FUNC, STT_NOTYPE, ...)."""
    from elftools.elf.elffile import ELFFile

    found = {}
    with obj.open("rb") as fh:
        symtab = ELFFile(fh).get_section_by_name(".symtab")
        for sym in symtab.iter_symbols() if symtab else ():
            if sym["st_info"]["bind"] in ("STB_GLOBAL", "STB_WEAK") and sym["st_shndx"] != "SHN_UNDEF":
                found[sym.name] = sym["st_info"]["type"]
    return found



def _scratch_headers(model: Model, tmp: Path) -> Path:
    """The generated C header, written to scratch: C sources include it, and nothing is written yet."""
    from .backends.c import header

    folder = tmp / "include"
    folder.mkdir()
    (folder / model.header_name).write_text(header(model))
    return folder


def defined(model: Model, cache_dir: Path) -> dict[str, str]:
    nasm = runner.which("nasm")
    if nasm is None:
        raise ToolchainMissing("nasm", NASM_HINT)
    key = _key(model, nasm)
    cache = cache_dir / "symbols.json"
    try:
        data = json.loads(cache.read_text())
        if data["key"] == key:
            return dict(data["symbols"])
    except (OSError, ValueError, KeyError):
        pass
    found: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="asmpkg-sym-") as tmp:
        for n, source in enumerate(model.sources.nasm):
            obj = Path(tmp) / f"{n}.o"
            result = runner.run(nasm_command(model, nasm, source, obj), cwd=model.root)
            if not result.ok:  # the user's source is bad input, as a bad manifest is: exit 2, nothing written
                raise InputError(f"nasm could not assemble {source}:\n{result.output.rstrip()}")
            found.update(global_symbols(obj))
        # C sources built into the same library (a dispatcher, a fallback) may define manifest functions too.
        cc = runner.which("cc") if model.sources.c else None
        if model.sources.c and cc is None:
            raise ToolchainMissing("cc", "apt-get install gcc")
        headers = _scratch_headers(model, Path(tmp)) if model.sources.c else None
        for n, source in enumerate(model.sources.c):
            obj = Path(tmp) / f"c{n}.o"
            result = runner.run([cc, "-std=c11", "-fPIC", f"-I{headers}", "-c", source, "-o", str(obj)],
                                cwd=model.root)
            if not result.ok:
                raise InputError(f"cc could not compile {source}:\n{result.output.rstrip()}")
            found.update(global_symbols(obj))
    cache_dir.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"key": key, "symbols": sorted(found.items())}))
    return found


def check(model: Model, cache_dir: Path) -> None:
    """InputError naming each manifest function (or variant) that no source defines."""
    found = defined(model, cache_dir)
    functions = sorted(name for name, kind in found.items() if kind == "STT_FUNC")
    problems = []
    prefixes: list[str | None] = []  # per missing function: the other prefix its name is defined under
    for n, fn in enumerate(model.functions):
        for symbol in (fn.symbol, *(v.symbol for v in fn.variants)):
            kind = found.get(symbol)
            if kind == "STT_FUNC":
                continue
            fix = f"write `global {symbol}:function ({symbol}.end - {symbol})`"
            if kind:
                what = f"{symbol} is global but typed {kind.removeprefix('STT_')}, not a function ({fix})"
            else:
                what = f"{symbol} is not defined by any source as a global function ({fix})"
                near = _nearest(symbol, functions)
                if near:
                    what += f"; the sources define {near}: a typo?"
                if symbol == fn.symbol:
                    prefixes.append(_other_prefix(fn.name, functions))
            problems.append(Diagnostic(MANIFEST, fn.line, 1, f"functions[{n}]", what))
    if problems:
        message = f"{len(problems)} function(s) missing from the NASM sources"
        if prefixes and None not in prefixes and len(set(prefixes)) == 1:
            message += (f"; every one is defined as {prefixes[0]}<name>: set prefix = \"{prefixes[0]}\" in [package] "
                        f"(it is \"{model.package.prefix}\")")
        raise InputError(message, tuple(problems))


def _nearest(symbol: str, functions: list[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(symbol, functions, n=1, cutoff=0.8)
    return close[0] if close else None


def _other_prefix(name: str, functions: list[str]) -> str | None:
    """The prefix under which the sources define a manifest function's name, when there is exactly one."""
    found = {f[: len(f) - len(name)] for f in functions if f.endswith(name)}
    found = {p for p in found if p == "" or p.endswith("_")}
    return found.pop() if len(found) == 1 else None
