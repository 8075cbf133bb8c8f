"""Where System V AMD64 puts each argument and the result of a manifest function.

The classification is the psABI's (section 3.2.3) restricted to what the model
can express: scalars, pointers, and structs of scalar fields.  A struct of at
most 16 bytes is split into eightbytes, each INTEGER unless every field in it
is a float (then SSE); it travels in registers only if all of its eightbytes
fit, else on the stack.  Larger structs are MEMORY: copied to the stack as
arguments, returned through a hidden pointer in rdi that comes back in rax.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import model as m

GPR, XMM, STACK = "gpr", "xmm", "stack"
INTEGER, SSE = "integer", "sse"
ARG_GPRS = ("rdi", "rsi", "rdx", "rcx", "r8", "r9")


@dataclass(frozen=True)
class Piece:
    """One eightbyte of a value: where it goes, and which of its bytes mean something."""

    where: str  # gpr, xmm or stack
    index: int  # register number, or byte offset in the stack argument area
    offset: int  # byte offset of this eightbyte inside the value
    size: int  # meaningful bytes (1..8); the rest of the register is the caller's garbage


@dataclass(frozen=True)
class Location:
    pieces: tuple[Piece, ...]
    in_memory: bool = False  # a struct over 16 bytes: on the stack (argument) or through sret (result)


def value_size(t: object) -> tuple[int, int]:
    """(size, alignment) of a parameter or return as C sees it."""
    if isinstance(t, m.ScalarT):
        return t.scalar.size, t.scalar.size
    if isinstance(t, m.StructT):
        return t.struct.size, t.struct.align
    return 8, 8  # every other kind is a pointer


def eightbyte_classes(struct: m.Struct) -> list[str]:
    classes = []
    for start in range(0, struct.size, 8):
        inside = [f for f in struct.fields if f.offset < start + 8 and f.offset + f.type.size > start]
        classes.append(SSE if inside and all(f.type.is_float for f in inside) else INTEGER)
    return classes


def _significant(struct: m.Struct, start: int) -> int:
    """Bytes of the eightbyte at `start` up to the end of its last field."""
    ends = [f.offset + f.type.size - start for f in struct.fields if start <= f.offset < start + 8]
    return max(ends) if ends else 0


def classify(t: object) -> list[tuple[str, int, int]]:
    """[(class, offset, significant bytes)] per eightbyte, or [] for MEMORY."""
    if isinstance(t, m.ScalarT):
        return [(SSE if t.scalar.is_float else INTEGER, 0, t.scalar.size)]
    if isinstance(t, m.StructT):
        if t.struct.size > 16:
            return []
        return [(cls, 8 * k, _significant(t.struct, 8 * k)) for k, cls in enumerate(eightbyte_classes(t.struct))]
    return [(INTEGER, 0, 8)]


@dataclass(frozen=True)
class Frame:
    """Every parameter's location, the result's, and the size of the stack argument area."""

    params: tuple[Location, ...]
    result: Location | None  # None for void
    sret: bool
    stack_bytes: int


def frame(params: tuple[object, ...], returns: object) -> Frame:
    """Assigns registers in order, as a C compiler does for a prototyped call."""
    gpr, xmm, stack = 0, 0, 0
    result: Location | None = None
    sret = False
    if not isinstance(returns, m.VoidT):
        classes = classify(returns)
        if not classes:
            sret = True
            gpr = 1  # the hidden pointer takes rdi
            result = Location((Piece(GPR, 0, 0, 8),), in_memory=True)
        else:
            rg, rx, pieces = 0, 0, []
            for cls, off, size in classes:
                if cls == INTEGER:
                    pieces.append(Piece(GPR, rg, off, size))  # rax, then rdx
                    rg += 1
                else:
                    pieces.append(Piece(XMM, rx, off, size))  # xmm0, then xmm1
                    rx += 1
            result = Location(tuple(pieces))
    out = []
    for t in params:
        classes = classify(t)
        need_g = sum(1 for c, _, _ in classes if c == INTEGER)
        need_x = sum(1 for c, _, _ in classes if c == SSE)
        if classes and gpr + need_g <= 6 and xmm + need_x <= 8:
            pieces = []
            for cls, off, size in classes:
                if cls == INTEGER:
                    pieces.append(Piece(GPR, gpr, off, size))
                    gpr += 1
                else:
                    pieces.append(Piece(XMM, xmm, off, size))
                    xmm += 1
            out.append(Location(tuple(pieces)))
            continue
        size, align = value_size(t)
        stack = (stack + max(align, 8) - 1) // max(align, 8) * max(align, 8)
        pieces = [Piece(STACK, stack + off, off, min(8, size - off)) for off in range(0, size, 8)]
        out.append(Location(tuple(pieces), in_memory=not classes))
        stack += (size + 7) // 8 * 8
    return Frame(tuple(out), result, sret, stack)


def describe(piece: Piece) -> str:
    if piece.where == GPR:
        return ARG_GPRS[piece.index]
    if piece.where == XMM:
        return f"xmm{piece.index}"
    return f"[rsp+{piece.index + 8}]"
