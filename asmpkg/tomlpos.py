"""Where each key of a TOML document stands, so that errors can name a line.

tomllib gives values but no positions. This scanner walks the (already
valid) text structurally and records the line and column of every key and
array element under its full key path, e.g. ("functions", 3, "params", 1,
"type"). It never interprets values.
"""

from __future__ import annotations

Path = tuple[str | int, ...]
Position = tuple[int, int]

_BARE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.line = 1
        self.col = 1
        self.positions: dict[Path, Position] = {}
        self.array_tables: dict[Path, int] = {}

    # -- low level -------------------------------------------------------
    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.text[j] if j < len(self.text) else ""

    def advance(self, n: int = 1) -> None:
        for _ in range(n):
            if self.i >= len(self.text):
                return
            if self.text[self.i] == "\n":
                self.line += 1
                self.col = 1
            else:
                self.col += 1
            self.i += 1

    def skip_blank(self, newlines: bool) -> None:
        while self.i < len(self.text):
            c = self.peek()
            if c in " \t\r" or (newlines and c == "\n"):
                self.advance()
            elif c == "#":
                while self.i < len(self.text) and self.peek() != "\n":
                    self.advance()
            else:
                return

    def pos(self) -> Position:
        return (self.line, self.col)

    # -- tokens ----------------------------------------------------------
    def string(self) -> str:
        quote = self.peek()
        multi = self.text.startswith(quote * 3, self.i)
        delim = quote * 3 if multi else quote
        self.advance(len(delim))
        out = []
        while self.i < len(self.text) and not self.text.startswith(delim, self.i):
            if quote == '"' and self.peek() == "\\":
                out.append(self.peek(1))
                self.advance(2)
                continue
            out.append(self.peek())
            self.advance()
        self.advance(len(delim))
        return "".join(out)

    def key(self) -> list[str]:
        parts = []
        while True:
            self.skip_blank(newlines=False)
            if self.peek() in "\"'":
                parts.append(self.string())
            else:
                start = self.i
                while self.peek() in _BARE and self.peek():
                    self.advance()
                parts.append(self.text[start:self.i])
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return parts
            self.advance()

    def value(self, path: Path) -> None:
        self.positions.setdefault(path, self.pos())
        c = self.peek()
        if c in "\"'":
            self.string()
        elif c == "[":
            self.advance()
            index = 0
            while True:
                self.skip_blank(newlines=True)
                if self.peek() == "]":
                    self.advance()
                    return
                self.value(path + (index,))
                index += 1
                self.skip_blank(newlines=True)
                if self.peek() == ",":
                    self.advance()
        elif c == "{":
            self.advance()
            while True:
                self.skip_blank(newlines=False)
                if self.peek() == "}":
                    self.advance()
                    return
                self.keyval(path)
                self.skip_blank(newlines=False)
                if self.peek() == ",":
                    self.advance()
        else:
            while self.peek() and self.peek() not in ",]}\n#":
                self.advance()

    def keyval(self, table: Path) -> None:
        start = self.pos()
        keys = self.key()
        path = table + tuple(keys)
        for depth in range(1, len(keys) + 1):
            self.positions.setdefault(table + tuple(keys[:depth]), start)
        self.skip_blank(newlines=False)
        self.advance()  # '='
        self.skip_blank(newlines=False)
        self.value(path)

    def resolve(self, keys: list[str]) -> Path:
        """Maps a header's keys to a path, indexing arrays of tables it crosses."""
        path: Path = ()
        for k in keys:
            path = path + (k,)
            if path in self.array_tables:
                path = path + (self.array_tables[path],)
        return path

    def document(self) -> dict[Path, Position]:
        table: Path = ()
        while True:
            self.skip_blank(newlines=True)
            if self.i >= len(self.text):
                return self.positions
            start = self.pos()
            if self.peek() == "[":
                double = self.peek(1) == "["
                self.advance(2 if double else 1)
                keys = self.key()
                self.advance(2 if double else 1)
                if double:
                    base = self.resolve(keys[:-1]) + (keys[-1],)
                    index = self.array_tables.get(base, -1) + 1
                    self.array_tables[base] = index
                    self.positions.setdefault(base, start)
                    table = base + (index,)
                else:
                    table = self.resolve(keys)
                self.positions.setdefault(table, start)
            else:
                self.keyval(table)


def key_positions(text: str) -> dict[Path, Position]:
    """Line and column (1-based) of every key path in a valid TOML text."""
    return _Scanner(text).document()


def locate(positions: dict[Path, Position], path: Path) -> Position:
    """The position of `path`, or of its nearest ancestor that has one."""
    while path:
        if path in positions:
            return positions[path]
        path = path[:-1]
    return (1, 1)
