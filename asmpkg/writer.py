"""Writes a generated tree: only files whose content changed, each atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .render import MARKER

# Folders inside a binding that hold build output or installed packages, never generated sources.
_SKIP_DIRS = frozenset({"target", "node_modules", "build", "__pycache__", ".git", ".venv"})


@dataclass(frozen=True)
class Plan:
    root: Path
    files: dict[str, str]  # repo-relative path -> content

    def orphans(self) -> list[str]:
        """Files an earlier `asmpkg generate` wrote (they carry the marker) in the folders this plan writes to under
        bindings/, which this plan no longer writes: a file the backend stopped making, or a renamed one."""
        tops = sorted({"/".join(rel.split("/")[:2]) for rel in self.files if rel.startswith("bindings/")})
        out = []
        for top in tops:
            for folder, dirs, names in os.walk(self.root / top):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for name in names:
                    path = Path(folder, name)
                    rel = path.relative_to(self.root).as_posix()
                    if rel not in self.files and _marked(path):
                        out.append(rel)
        return sorted(out)

    def stale(self) -> list[str]:
        """Paths whose file on disk differs from what would be written, and orphans, which would be removed."""
        out = self.orphans()
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
        orphans = self.orphans()
        stale = [rel for rel in self.stale() if rel not in orphans]
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
        for rel in orphans:
            (self.root / rel).unlink()
        return sorted(stale + orphans)


def _marked(path: Path) -> bool:
    """The file says, near its top, that asmpkg generated it."""
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError:
        return False
    return MARKER.encode() in head
