"""Lines laid out the way rustfmt (default settings) lays them out, for the shapes the generator emits.

The generated crates must pass `cargo fmt --check` without running rustfmt, so
every construct whose layout depends on its length goes through here. The
workspace's rustfmt.toml sets `use_small_heuristics = "Max"`, so the one rule
is the line width (100): what fits stays on one line; the right-hand side of a
`let` or `const` that fits on the next line moves it there; anything else goes vertical. An
array element of at most 10 characters counts as short (filled lines).
"""

from __future__ import annotations

MAX_WIDTH = 100
SHORT_ELEMENT = 10
INDENT = "    "


def fits(line: str) -> bool:
    return len(line) <= MAX_WIDTH


def call(indent: str, head: str, callee: str, args: list[str], tail: str, macro: bool = False) -> list[str]:
    """`head callee(args) tail`: one line, else one argument per line (macros take no trailing comma)."""
    one = f"{indent}{head}{callee}({', '.join(args)}){tail}"
    if fits(one) or not args:
        return [one]
    comma = "" if macro else ","
    body = [f"{indent}{INDENT}{a}," for a in args[:-1]] + [f"{indent}{INDENT}{args[-1]}{comma}"]
    return [f"{indent}{head}{callee}(", *body, f"{indent}){tail}"]


def let(indent: str, lhs: str, rhs: str, tail: str = ";") -> list[str] | None:
    """`let lhs = rhs;` on one line, or with `rhs` alone on the next; None when neither fits."""
    one = f"{indent}let {lhs} = {rhs}{tail}"
    if fits(one):
        return [one]
    nxt = f"{indent}{INDENT}{rhs}{tail}"
    if fits(nxt):
        return [f"{indent}let {lhs} =", nxt]
    return None


def const_call(indent: str, name: str, ty: str, callee: str, args: list[str]) -> list[str]:
    """`const name: ty = callee(args);`, laid out as a `let`."""
    head = f"const {name}: {ty} ="
    rhs = f"{callee}({', '.join(args)});"
    if fits(f"{indent}{head} {rhs}"):
        return [f"{indent}{head} {rhs}"]
    if fits(f"{indent}{INDENT}{rhs}"):
        return [f"{indent}{head}", f"{indent}{INDENT}{rhs}"]
    return call(indent, f"{head} ", callee, args, ";")


def let_call(indent: str, lhs: str, callee: str, args: list[str]) -> list[str]:
    """`let lhs = callee(args);`."""
    return let(indent, lhs, f"{callee}({', '.join(args)})") or call(indent, f"let {lhs} = ", callee, args, ";")


def unsafe_call(indent: str, head: str, callee: str, args: list[str], tail: str) -> list[str]:
    """`head unsafe { callee(args) } tail`: one line, the block on the next line, or a block of lines."""
    inner = f"{callee}({', '.join(args)})"
    if head.startswith("let ") and head.endswith(" = "):
        found = let(indent, head[4:-3], f"unsafe {{ {inner} }}", tail)
        if found:
            return found
    else:
        one = f"{indent}{head}unsafe {{ {inner} }}{tail}"
        if fits(one):
            return [one]
    return [f"{indent}{head}unsafe {{", *call(indent + INDENT, "", callee, args, ""), f"{indent}}}{tail}"]


def array(indent: str, head: str, items: list[str], tail: str) -> list[str]:
    """`head[items]tail`: one line, lines filled with short items, or one item per line."""
    one = f"{indent}{head}[{', '.join(items)}]{tail}"
    if fits(one) or not items:
        return [one]
    inner = indent + INDENT
    if all(len(i) <= SHORT_ELEMENT for i in items):
        lines, current = [], ""
        # rustfmt keeps a column for the `,` after the array; all the items on one line need not
        # count their last `,`, but filled lines count every `,`.
        horizontal = len(inner) + len(", ".join(items)) <= MAX_WIDTH - 1
        for item in items:
            piece = f"{item},"
            candidate = f"{current} {piece}" if current else piece
            if current and not horizontal and len(inner) + len(candidate) > MAX_WIDTH - 1:
                lines.append(inner + current)
                current = piece
            else:
                current = candidate
        lines.append(inner + current)
    else:
        lines = [f"{inner}{item}," for item in items]
    return [f"{indent}{head}[", *lines, f"{indent}]{tail}"]


def assign_array(indent: str, head: str, prefix: str, items: list[str], tail: str = ";") -> list[str]:
    """`head prefix[items]tail` for an assignment (`let x =`, `const X: T =`), as rustfmt chooses its right-hand side.

    The array stays after `head` when it fits there on one line. Otherwise rustfmt also lays it
    out alone on the next line, indented, and takes that when it fits: if it is one line there,
    or has at least two lines fewer; else the array starts after `head` and goes multi-line.
    """
    orig = array(indent, f"{head} {prefix}", items, tail)
    if len(orig) == 1 and fits(orig[0]):
        return orig
    new = array(indent + INDENT, prefix, items, tail)
    if all(fits(line) for line in new) and (len(new) == 1 or len(orig) > len(new) + 1):
        return [f"{indent}{head}", *new]
    return orig


def let_array(indent: str, lhs: str, prefix: str, items: list[str]) -> list[str]:
    """`let lhs = prefix[items];`."""
    return assign_array(indent, f"let {lhs} =", prefix, items, ";")


def struct_literal(indent: str, head: str, name: str, fields: list[tuple[str, str]], tail: str) -> list[str]:
    """`head name { fields }tail`: one line; for a `let`, alone on the next line; else one field per line."""
    inline = f"{name} {{ {', '.join(f'{k}: {v}' for k, v in fields)} }}"
    one = f"{indent}{head}{inline}{tail}"
    if fits(one):
        return [one]
    if head.startswith("let ") and head.endswith(" = "):
        found = let(indent, head[4:-3], inline, tail)
        if found:
            return found
    return [f"{indent}{head}{name} {{", *[f"{indent}{INDENT}{k}: {v}," for k, v in fields], f"{indent}}}{tail}"]


def signature(indent: str, head: str, params: list[str], tail: str) -> list[str]:
    """A function signature: `head(params)tail` on one line, else one parameter per line."""
    one = f"{indent}{head}({', '.join(params)}){tail}"
    if fits(one) or not params:
        return [one]
    return [f"{indent}{head}(", *[f"{indent}{INDENT}{p}," for p in params], f"{indent}){tail}"]


def type_alias(indent: str, head: str, value: str) -> list[str]:
    one = f"{indent}{head} = {value};"
    if fits(one):
        return [one]
    return [f"{indent}{head} =", f"{indent}{INDENT}{value};"]


def comment(indent: str, text: str, prefix: str = "// ") -> list[str]:
    """A comment wrapped at the line width (rustfmt leaves comments alone; this keeps them readable)."""
    lines: list[str] = []
    for para in text.split("\n"):
        words, current = para.split(), ""
        if not words:
            lines.append(f"{indent}{prefix}".rstrip())
            continue
        for word in words:
            candidate = f"{current} {word}" if current else word
            if current and len(indent) + len(prefix) + len(candidate) > MAX_WIDTH:
                lines.append(f"{indent}{prefix}{current}")
                current = word
            else:
                current = candidate
        lines.append(f"{indent}{prefix}{current}")
    return lines
