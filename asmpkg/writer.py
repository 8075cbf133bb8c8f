"""Writes a generated tree: only files whose content changed, each atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Plan:
    root: Path
    files: dict[str, str]  # repo-relative path -> content

    def stale(self) -> list[str]:
        """Paths whose file on disk differs from what would be written."""
        out = []
        for rel, content in sorted(self.files.items()):
            path = self.root / rel
            try:
                if path.read_bytes() == content.encode():
                    continue
            except FileNotFoundError:
                pass
            out.append(rel)
        return out

    def write(self) -> list[str]:
        """Writes stale files; unchanged files keep their timestamps so Ninja rebuilds nothing for them.

        Every file is first written beside its target, then all are renamed into
        place, so a failure while writing leaves the old tree whole.
        """
        stale = self.stale()
        staged: list[tuple[str, Path]] = []
        try:
            for rel in stale:
                path = self.root / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(self.files[rel])
                if path.exists():
                    os.chmod(tmp, path.stat().st_mode & 0o777)
                else:
                    os.chmod(tmp, 0o755 if self.files[rel].startswith("#!") else 0o644)
                staged.append((rel, Path(tmp)))
        except BaseException:
            for _, tmp in staged:
                tmp.unlink(missing_ok=True)
            raise
        for rel, tmp in staged:
            os.replace(tmp, self.root / rel)
        return stale
