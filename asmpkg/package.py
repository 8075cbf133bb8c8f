"""`asmpkg package`: release artifacts for every language, built by Ninja, moved into dist/ whole.

Each backend's Meson build defines `dist-<lang>` (an alias of custom targets named
`package-<lang>-*`, not built by default) and may register `package` suite tests that
install its artifacts somewhere empty and use them. This module runs those targets in one
Ninja call, copies their outputs into a staging folder beside dist/, writes SHA256SUMS,
and only then swaps the staging folder into place, so a failed run leaves dist/ as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from . import abi, runner
from .backends import all_backends
from .errors import InputError, StepFailed
from .progress import OK, Progress
from .project import Project


def source_date_epoch(project: Project) -> str:
    """The last commit's time, so two runs from one commit give identical artifacts."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    git = runner.which("git")
    if git:
        result = runner.run([git, "-C", str(project.root), "log", "-1", "--format=%ct"])
        if result.ok and result.output.strip().isdigit():
            return result.output.strip()
    return "0"


def ninja_targets(project: Project) -> set[str]:
    result = runner.run([project.tool("ninja"), "-C", str(project.build_dir), "-t", "targets", "all"])
    return {line.split(":", 1)[0] for line in result.output.splitlines() if ":" in line}


def artifacts(project: Project, languages: list[str]) -> dict[str, list[Path]]:
    """The files each language's `package-<lang>-*` targets produce, from Meson's introspection."""
    result = runner.run([project.tool("meson"), "introspect", "--targets", str(project.build_dir)])
    if not result.ok:
        raise StepFailed(f"meson introspect failed:\n{result.output}")
    out: dict[str, list[Path]] = {lang: [] for lang in languages}
    for target in json.loads(result.output):
        for lang in languages:
            if target["name"].startswith(f"package-{lang}-"):
                out[lang] += [Path(f) for f in target["filename"]]
    return out


def source_tarball(project: Project, epoch: int) -> Path:
    """`meson dist` of the last commit, with the gzip header's time set to the commit's."""
    cmd = [project.tool("meson"), "dist", "-C", str(project.build_dir), "--no-tests", "--allow-dirty",
           "--formats", "gztar"]
    project.ui.command(" ".join(cmd))
    result = runner.run(cmd, cwd=project.root)
    if not result.ok:
        project.ui.log("meson dist", result.output)
        raise StepFailed("meson dist failed: the source tarball is made from the last git commit, so commit the "
                         f"project, generated files included, first; to reproduce: cd {project.root} && {result.shell}")
    pkg = project.model.package
    tarball = project.build_dir / "meson-dist" / f"{pkg.name}-{pkg.version}.tar.gz"
    normalise_tarball(tarball, epoch)
    return tarball


def normalise_tarball(path: Path, epoch: int) -> None:
    """Rewrites a .tar.gz with every time set to `epoch`, owners 0, members in order: reproducible."""
    import gzip
    import io
    import tarfile

    raw = io.BytesIO()
    with tarfile.open(path) as src, tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as dst:
        for member in sorted(src.getmembers(), key=lambda m: m.name):
            data = src.extractfile(member) if member.isfile() else None
            member.mtime, member.uid, member.gid, member.uname, member.gname = epoch, 0, 0, "", ""
            member.pax_headers = {}
            dst.addfile(member, data)
    with path.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=epoch, filename="") as gz:
        gz.write(raw.getvalue())


def write_dist(staging: Path, found: dict[str, list[Path]]) -> list[str]:
    lines = []
    for lang, files in sorted(found.items()):
        for f in sorted(files):
            dest = staging / all_backends()[lang].dist_dir / f.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            if f.is_dir():
                shutil.copytree(f, dest, symlinks=True)
                members = sorted(p for p in dest.rglob("*") if p.is_file())
            else:
                shutil.copy2(f, dest)
                members = [dest]
            for m in members:
                lines.append(f"{hashlib.sha256(m.read_bytes()).hexdigest()}  {m.relative_to(staging)}")
    (staging / "SHA256SUMS").write_text("\n".join(sorted(lines, key=lambda l: l[66:])) + "\n")
    return lines


def swap_into_place(staging: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)


def check_consistent(project: Project) -> None:
    """A release is made from generated files that agree with the manifest, its version above all.

    A hand-edited generated file (say a pom.xml with another version) is named, not overwritten.
    """
    from .generate import plan

    planned = plan(project.model)
    existing = [rel for rel in planned.stale() if rel in planned.files and (project.root / rel).exists()]
    if existing:
        version = project.model.package.version
        raise InputError(
            f"these generated files disagree with asmpkg.toml (version {version}): {', '.join(existing)}; "
            "put the change in the manifest and run `asmpkg generate`, then release")


def writable_parent(out: Path) -> None:
    """InputError, before anything is built, when dist/ could not be written where asked."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(tempfile.mkdtemp(prefix=f".{out.name}.probe-", dir=out.parent))
    except OSError as exc:
        raise InputError(f"cannot write the artifacts to {out}: {exc.strerror or exc} (choose another --out)") from None


def package(project: Project, langs: list[str] | None, out: Path, verify: bool, progress: Progress) -> Path:
    writable_parent(out)
    check_consistent(project)
    abi.check(project.model)
    if not abi.baseline_path(project.model).is_file():
        project.ui.warning(f"no {abi.baseline_path(project.model).relative_to(project.root)}: the ABI was not "
                           "compared with a release; run `asmpkg abi update` once this one is out")
    env = {"SOURCE_DATE_EPOCH": source_date_epoch(project)}
    project.test(langs, progress)
    built = [lang for lang, entry in progress.languages.items() if entry.status == OK]
    if not built:
        return out
    targets = [t for t in (f"dist-{lang}" for lang in built) if t in ninja_targets(project)]
    for lang in built:
        if f"dist-{lang}" not in targets:
            project.ui.warning(f"{lang}: its backend makes no release artifacts yet")
    ninja = [project.tool("ninja"), "-C", str(project.build_dir), "-k", "0", *targets]
    project.ui.command(" ".join(ninja))
    result = runner.run(ninja, cwd=project.root, env=runner.tool_env(env))
    if not result.ok:
        project.ui.log("packaging", result.output)
        raise StepFailed(f"building the artifacts failed; to reproduce: cd {project.root} && {result.shell}")
    if verify:
        suites = [arg for t in targets for arg in ("--suite", f"package-{t.removeprefix('dist-')}")]
        meson = [project.tool("meson"), "test", "-C", str(project.build_dir), "--no-rebuild", *suites]
        project.ui.command(" ".join(meson))
        check = runner.run(meson, cwd=project.root, env=runner.tool_env(env))
        if not check.ok:
            project.ui.log("package verification", check.output)
            raise StepFailed(f"verifying the artifacts failed; to reproduce: cd {project.root} && {check.shell}"
                             " --print-errorlogs")
    found = artifacts(project, built)
    if "c" in found:
        found["c"].append(source_tarball(project, int(env["SOURCE_DATE_EPOCH"])))
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    staging.chmod(0o755)
    try:
        write_dist(staging, found)
        swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    for lang in built:
        names = ", ".join(sorted(p.name for p in found[lang])) or "nothing"
        project.ui.info(f"{lang:<8} {names}")
    return out
