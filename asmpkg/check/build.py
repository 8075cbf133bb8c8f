"""Assembles the project's sources as the library build does, links a shared library to lint, and builds the harness.

Everything lands in build/.asmpkg/check/ and is reused while its inputs (the
command line and the bytes of every file it reads) are unchanged, so a second
`asmpkg check` only runs the harness.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import meson_emit, runner
from ..errors import StepFailed, ToolchainMissing
from ..model import Model
from ..ui import UI

NASM_HINT = "install NASM (apt-get install nasm); `asmpkg doctor` lists every tool"
CC_HINT = "install a C compiler (apt-get install gcc); `asmpkg doctor` lists every tool"
# The library build's C flags (Meson: c_std=c11, buildtype=debugoptimized, b_staticpic).
C_FLAGS = ("-std=c11", "-O2", "-g", "-fPIC")


@dataclass(frozen=True)
class Object:
    source: str  # project-relative
    path: Path
    language: str  # nasm or c


@dataclass
class Built:
    objects: list[Object]
    library: Path | None  # the shared library linked for the lints, None if it cannot be linked
    link_error: str
    seconds: float = 0.0
    reused: int = 0


def tool(name: str, hint: str) -> str:
    path = runner.which(name)
    if path is None:
        raise ToolchainMissing(name, hint)
    return path


def _digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            try:
                h.update(part.read_bytes())
            except OSError:
                h.update(b"\0missing\0")
        else:
            h.update(repr(part).encode())
        h.update(b"\0")
    return h.hexdigest()[:24]


def _include_files(model: Model, source: str) -> list[Path]:
    """Files an %include or #include may read: the include folders, and the source's own folder."""
    folders = [model.root / d for d in model.sources.include_dirs] + [(model.root / source).parent,
                                                                      model.root / "include"]
    files: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            files += sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in
                            (".inc", ".asm", ".mac", ".nasm", ".s", ".h", ".c"))
    return files


def nasm_command(model: Model, nasm: str, source: str, output: Path) -> list[str]:
    """The command the root meson.build runs for one NASM source (a debugoptimized build)."""
    includes = [f"-I{(model.root / d.rstrip('/'))}/" for d in model.sources.include_dirs]
    flags = dict(model.sources.per_source_flags).get(source, ())
    return [nasm, "-f", "elf64", "--reproducible", *includes, *model.sources.nasm_flags, "-g", "-F", "dwarf",
            *flags, str(model.root / source), "-o", str(output)]


def c_command(model: Model, cc: str, source: str, output: Path) -> list[str]:
    return [cc, *C_FLAGS, f"-I{model.root / 'include'}", "-c", str(model.root / source), "-o", str(output)]


class Builder:
    def __init__(self, model: Model, work: Path, ui: UI) -> None:
        self.model = model
        self.work = work
        self.ui = ui
        self.reused = 0

    def _step(self, cmd: list[str], output: Path, inputs: list[Path], what: str) -> None:
        """Runs cmd unless output is newer than a stamp of the same command and inputs."""
        stamp = output.with_name(output.name + ".key")
        key = _digest(cmd, *inputs)
        if output.is_file() and stamp.is_file() and stamp.read_text() == key:
            self.reused += 1
            return
        self.ui.command(" ".join(cmd))
        result = runner.run(cmd, cwd=self.model.root)
        if not result.ok:
            raise StepFailed(f"{what} failed:\n{result.output.rstrip()}\nto reproduce: cd {self.model.root} && "
                             f"{result.shell}")
        stamp.write_text(key)

    def objects(self) -> list[Object]:
        model = self.model
        objdir = self.work / "obj"
        objdir.mkdir(parents=True, exist_ok=True)
        jobs = []
        if model.sources.nasm:
            nasm = tool("nasm", NASM_HINT)
            for source in model.sources.nasm:
                out = objdir / (source.replace("/", "_") + ".o")
                cmd = nasm_command(model, nasm, source, out)
                jobs.append((Object(source, out, "nasm"), cmd, [model.root / source, *_include_files(model, source)]))
        if model.sources.c:
            cc = tool("cc", CC_HINT)
            for source in model.sources.c:
                out = objdir / (source.replace("/", "_") + ".o")
                cmd = c_command(model, cc, source, out)
                jobs.append((Object(source, out, "c"), cmd, [model.root / source, *_include_files(model, source)]))
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            list(pool.map(lambda j: self._step(j[1], j[0].path, j[2], f"assembling {j[0].source}"), jobs))
        return [j[0] for j in jobs]

    def shared_library(self, objects: list[Object], exclude: set[str]) -> tuple[Path | None, str]:
        """Links lib<name>.so as the library build does, without -z text and -z noexecstack (so that the lints
        see what the objects ask for).  Objects in `exclude` (they cannot be linked into a shared library)
        are left out, and --no-undefined with them."""
        model = self.model
        cc = tool("cc", CC_HINT)
        vmap = self.work / "version.map"
        text = meson_emit.version_script(model)
        if not vmap.is_file() or vmap.read_text() != text:
            vmap.write_text(text)
        out = self.work / f"lib{model.package.library}.so"
        objs = [o.path for o in objects if o.source not in exclude]
        cmd = [cc, "-shared", "-o", str(out), *map(str, objs), f"-Wl,--version-script={vmap}",
               f"-Wl,-soname,{model.package.soname}", "-Wl,-z,relro", "-Wl,-z,now"]
        if not exclude:
            cmd.append("-Wl,--no-undefined")
        try:
            self._step(cmd, out, [*objs, vmap], "linking the shared library")
        except StepFailed as exc:
            return None, str(exc).splitlines()[1] if len(str(exc).splitlines()) > 1 else str(exc)
        return out, ""

    def harness(self, objects: list[Object], files: dict[str, str], wraps: list[str]) -> Path:
        cc = tool("cc", CC_HINT)
        src = self.work / "harness"
        src.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            path = src / name
            if not path.is_file() or path.read_text() != text:
                path.write_text(text)
        out = self.work / "abi-harness"
        cmd = [cc, "-std=gnu11", "-O1", "-g", "-no-pie", "-fno-pie", "-Wall", "-Wno-unused-function",
               "-Wno-unused-variable", f"-I{src}", "-o", str(out), str(src / "harness.c"), str(src / "abi.S"),
               *(str(o.path) for o in objects), "-Wl,-z,noexecstack", *(f"-Wl,--wrap={w}" for w in wraps), "-lm"]
        self._step(cmd, out, [*(src / n for n in files), *(o.path for o in objects)], "building the check harness")
        return out
