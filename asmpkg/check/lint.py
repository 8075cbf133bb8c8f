"""Static lints on every object and on the linked shared library, read with pyelftools."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from elftools.elf.constants import SH_FLAGS
from elftools.elf.dynamic import DynamicSection
from elftools.elf.elffile import ELFFile
from elftools.elf.relocation import RelocationSection

from ..model import Model
from .build import Object
from .report import Finding

# x86-64 relocation types (psABI table 4.10)
R_64, R_PC32, R_32, R_32S, R_16, R_8, R_PC64 = 1, 2, 10, 11, 12, 14, 24
ABSOLUTE = {R_64: "R_X86_64_64", R_32: "R_X86_64_32", R_32S: "R_X86_64_32S", R_16: "R_X86_64_16", R_8: "R_X86_64_8"}
PC_RELATIVE = {R_PC32: "R_X86_64_PC32", R_PC64: "R_X86_64_PC64"}
NOT_STATE = (".data.rel.ro", ".init_array", ".fini_array", ".preinit_array", ".got", ".tm_clone_table")
MAX_PER_OBJECT = 3  # relocation findings reported per object and check


@dataclass
class Symbol:
    name: str
    kind: str  # STT_FUNC, STT_OBJECT, STT_NOTYPE, ...
    bind: str
    visibility: str
    section: int | str
    value: int
    size: int


@dataclass
class ObjectInfo:
    obj: Object
    sections: list  # elftools sections, by index
    symbols: list[Symbol]
    defined: dict[str, Symbol] = field(default_factory=dict)  # global/weak, defined
    undefined: set[str] = field(default_factory=set)
    has_stack_note: bool = False
    exec_stack: bool = False
    relocs: list[tuple[str, int, int, Symbol | None]] = field(default_factory=list)  # (section, offset, type, sym)
    state: list[tuple[str, int, list[str]]] = field(default_factory=list)  # (section, size, symbols in it)


def read_object(obj: Object) -> ObjectInfo:
    with obj.path.open("rb") as fh:
        elf = ELFFile(fh)
        sections = list(elf.iter_sections())
        symtab = elf.get_section_by_name(".symtab")
        symbols = []
        for sym in symtab.iter_symbols() if symtab else ():
            symbols.append(Symbol(sym.name, sym["st_info"]["type"], sym["st_info"]["bind"],
                                  sym["st_other"]["visibility"], sym["st_shndx"], sym["st_value"], sym["st_size"]))
        info = ObjectInfo(obj, [(s.name, s["sh_flags"], s["sh_type"], s["sh_size"]) for s in sections], symbols)
        for sym in symbols:
            if sym.bind in ("STB_GLOBAL", "STB_WEAK") and sym.name:
                if sym.section == "SHN_UNDEF":
                    info.undefined.add(sym.name)
                else:
                    info.defined[sym.name] = sym
        for n, (name, flags, sh_type, size) in enumerate(info.sections):
            if name == ".note.GNU-stack":
                info.has_stack_note = True
                info.exec_stack = bool(flags & SH_FLAGS.SHF_EXECINSTR)
            if (flags & SH_FLAGS.SHF_ALLOC and flags & SH_FLAGS.SHF_WRITE and not flags & SH_FLAGS.SHF_TLS
                    and size > 0 and not name.startswith(NOT_STATE)):
                names = sorted({s.name for s in symbols if s.section == n and s.name
                                and s.kind not in ("STT_SECTION", "STT_FILE")})
                info.state.append((name, size, names))
        for sec in sections:
            if not isinstance(sec, RelocationSection):
                continue
            target = sections[sec["sh_info"]]
            if not target["sh_flags"] & SH_FLAGS.SHF_EXECINSTR:
                continue
            for rel in sec.iter_relocations():
                sym_index = rel["r_info_sym"]
                sym = symbols[sym_index] if 0 < sym_index < len(symbols) else None
                info.relocs.append((target.name, rel["r_offset"], rel["r_info_type"], sym))
    return info


def _where(info: ObjectInfo, section: str, offset: int) -> str:
    """`.text+0x12 (in math_foo+0x2)`: the nearest preceding symbol of the section."""
    index = next((n for n, s in enumerate(info.sections) if s[0] == section), None)
    best = None
    for s in info.symbols:
        if s.section == index and s.kind in ("STT_FUNC", "STT_NOTYPE") and s.name and not s.name.startswith("..") \
                and s.value <= offset and (best is None or s.value > best.value):
            best = s
    inside = f" (in {best.name}+0x{offset - best.value:x})" if best else ""
    return f"{section}+0x{offset:x}{inside}"


def _symbol_name(info: ObjectInfo, sym: Symbol | None) -> str:
    if sym is None:
        return "?"
    if sym.kind == "STT_SECTION":
        return info.sections[sym.section][0] if isinstance(sym.section, int) else "a section"
    return sym.name


def objects(model: Model, infos: list[ObjectInfo]) -> tuple[list[Finding], list[str]]:
    """Findings per object, and notes (the intended writable state)."""
    out: list[Finding] = []
    notes: list[str] = []
    exported = set(model.exported_symbols)
    internal: dict[str, Symbol] = {}  # defined by some object and not exported by the manifest
    for info in infos:
        for name, sym in info.defined.items():
            if name not in exported:
                internal[name] = sym
    for info in infos:
        src = info.obj.source
        # gnu_stack
        if not info.has_stack_note:
            out.append(Finding("gnu_stack", "error", "no .note.GNU-stack section: the linker makes the stack of "
                               "every program that loads the library executable; add `section .note.GNU-stack "
                               "noalloc noexec nowrite progbits`", where=src))
        elif info.exec_stack:
            out.append(Finding("gnu_stack", "error", ".note.GNU-stack asks for an executable stack (exec flag "
                               "set)", where=src))
        # symbol_type
        for name in sorted(exported & set(info.defined)):
            sym = info.defined[name]
            problems = []
            if sym.kind != "STT_FUNC":
                problems.append(f"type {sym.kind[4:]} (not FUNC)")
            if sym.size == 0:
                problems.append("size 0")
            if problems:
                out.append(Finding("symbol_type", "error", f"{name} has {' and '.join(problems)}: declare it "
                                   f"`global {name}:function ({name}.end - {name})`", where=src))
        # extra_export
        for name in sorted(set(info.defined) - exported):
            sym = info.defined[name]
            if sym.visibility == "STV_DEFAULT":
                out.append(Finding("extra_export", "error", f"{name} is global with default visibility but is not "
                                   "in the manifest: the static library exports it and only the version script "
                                   f"hides it from the shared one; declare it `global {name}:"
                                   f"{'function' if sym.kind == 'STT_FUNC' else 'data'} hidden` or make it local",
                                   where=src))
        # textrel and plt
        abs_count = plt_count = 0
        for section, offset, rtype, sym in info.relocs:
            if rtype in ABSOLUTE and abs_count < MAX_PER_OBJECT:
                abs_count += 1
                out.append(Finding("textrel", "error", f"absolute relocation {ABSOLUTE[rtype]} against "
                                   f"{_symbol_name(info, sym)} at {_where(info, section, offset)}: the loader must "
                                   "patch the code (a text relocation); address data RIP-relative (`default rel`, "
                                   "`lea reg, [rel symbol]`)", where=src))
            elif rtype in PC_RELATIVE and sym is not None and sym.section == "SHN_UNDEF" and plt_count < MAX_PER_OBJECT:
                target = internal.get(sym.name)
                if target is not None and sym.name not in exported:
                    continue  # another object of the library defines it and the manifest does not export it
                plt_count += 1
                how = (f"the manifest exports {sym.name}, so the reference may be preempted; call it "
                       f"`wrt ..plt` or through a hidden alias" if sym.name in exported
                       else f"use `call {sym.name} wrt ..plt` (or `wrt ..got` for data)")
                out.append(Finding("plt", "error", f"{PC_RELATIVE[rtype]} to {sym.name}, which the object does not "
                                   f"define, at {_where(info, section, offset)}: {how}", where=src))
        # writable_state
        intended = set(model.sources.intended_state)
        for section, size, names in info.state:
            unexpected = [n for n in names if n not in intended] or ([] if names else ["(no symbol)"])
            listing = ", ".join(names) or "no symbol"
            if unexpected:
                out.append(Finding("writable_state", "warning", f"{section} holds {size} byte(s) of writable state "
                                   f"({listing}) that every thread shares: not thread-safe unless every access is; "
                                   "list it in [sources] intended_state if it is deliberate", where=src))
            else:
                notes.append(f"{src}: writable_state: {section} holds {size} byte(s) of intended state ({listing})")
    return out, notes


def unlinkable(findings: list[Finding]) -> set[str]:
    """Objects whose relocations keep them out of a shared library."""
    return {f.where for f in findings if f.check in ("textrel", "plt") and f.where}


def library(model: Model, path: Path, object_findings: list[Finding]) -> list[Finding]:
    out: list[Finding] = []
    name = path.name
    seen = {(f.check, f.message.split(" ")[0]) for f in object_findings}
    checks = {f.check for f in object_findings}
    exported = set(model.exported_symbols)
    with path.open("rb") as fh:
        elf = ELFFile(fh)
        stack = [seg for seg in elf.iter_segments() if seg["p_type"] == "PT_GNU_STACK"]
        if "gnu_stack" not in checks:
            if not stack:
                out.append(Finding("gnu_stack", "error", "no PT_GNU_STACK segment: the stack is executable",
                                   where=name))
            elif stack[0]["p_flags"] & 1:
                out.append(Finding("gnu_stack", "error", "the GNU_STACK segment is executable (RWE)", where=name))
        dynamic = next((s for s in elf.iter_sections() if isinstance(s, DynamicSection)), None)
        if dynamic is not None and "textrel" not in checks:
            for tag in dynamic.iter_tags():
                if tag.entry.d_tag == "DT_TEXTREL" or (tag.entry.d_tag == "DT_FLAGS" and tag.entry.d_val & 0x4):
                    out.append(Finding("textrel", "error", "the library has text relocations (DT_TEXTREL): the "
                                       "loader writes to its code", where=name))
                    break
        dynsym = elf.get_section_by_name(".dynsym")
        versions = set(model.version_nodes)
        for sym in dynsym.iter_symbols() if dynsym else ():
            if sym["st_shndx"] == "SHN_UNDEF" or sym["st_info"]["bind"] not in ("STB_GLOBAL", "STB_WEAK"):
                continue
            if sym.name in versions or not sym.name:
                continue
            if sym.name not in exported:
                out.append(Finding("extra_export", "error", f"exports {sym.name}, which the manifest does not "
                                   "declare", where=name))
                continue
            if ("symbol_type", sym.name) in seen:
                continue
            if sym["st_info"]["type"] != "STT_FUNC" or sym["st_size"] == 0:
                out.append(Finding("symbol_type", "error", f"{sym.name} is exported as {sym['st_info']['type'][4:]} "
                                   f"of size {sym['st_size']}, not a FUNC with its size", where=name))
    return out
