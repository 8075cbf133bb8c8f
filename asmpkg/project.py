"""What the commands do: generate, configure, build, test. Processes go through `runner`, output through `ui`."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from typing import Callable

from . import __version__, doctor, generate, manifest, runner, symbols
from .errors import InputError, StepFailed, ToolchainMissing
from .model import Model
from .progress import FAILED, OK, RUNNING, Progress
from .ui import UI

BUILD_DIR = "build"
STATE_DIR = ".asmpkg"


def usable_build_dir(build_dir: Path) -> None:
    """InputError when something that is not a folder sits where the build goes."""
    if build_dir.exists() and not build_dir.is_dir():
        raise InputError(f"{build_dir} is not a folder, and asmpkg builds there: move it away")


@dataclass
class Project:
    root: Path
    ui: UI
    build_dir: Path = field(init=False)
    _model: Model | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        self.build_dir = self.root / BUILD_DIR

    @property
    def model(self) -> Model:
        if self._model is None:
            self._model = manifest.load(self.root)
        return self._model

    @property
    def state_dir(self) -> Path:
        usable_build_dir(self.build_dir)
        return self.build_dir / STATE_DIR

    # ---- generate ----
    def generate(self, check_only: bool = False) -> list[str]:
        """Validates completely (including the NASM symbols), then writes what changed."""
        model = self.model
        symbols.check(model, self.state_dir)
        plan = generate.plan(model)
        if check_only:
            return plan.stale()
        return plan.write()

    # ---- configure ----
    def _run(self, cmd: list[str], what: str, env: dict[str, str] | None = None, stream: bool = False) -> runner.Result:
        self.ui.command(" ".join(cmd))
        result = runner.run(cmd, cwd=self.root, env=runner.tool_env(env),
                            on_line=self.ui.output if stream else None)
        if not result.ok:
            if not stream:
                self.ui.log(what, result.output)
            raise StepFailed(f"{what} failed (exit {result.returncode}); to reproduce: cd {self.root} && {result.shell}")
        return result

    def tool(self, name: str) -> str:
        path = runner.which(name)
        if path is None:
            hint = next(t.hint for t in doctor.CORE_TOOLS if t.name == name)
            raise ToolchainMissing(name, hint)
        return path

    def configure(self) -> None:
        stamp = self.state_dir / "asmpkg-version"
        configured = (self.build_dir / "build.ninja").is_file() and (self.build_dir / "meson-private").is_dir()
        old = stamp.read_text().strip() if stamp.is_file() else None
        if configured and old == __version__:
            return
        meson = self.tool("meson")
        cmd = [meson, "setup", str(self.build_dir), str(self.root)]
        if configured:
            cmd.insert(2, "--wipe")  # configured by another asmpkg version: start afresh
        else:
            shutil.rmtree(self.build_dir / "meson-private", ignore_errors=True)  # a half-made build dir
        self.ui.step("configure", "running", "meson setup")
        self._run(cmd, "meson setup")
        self.state_dir.mkdir(parents=True, exist_ok=True)
        stamp.write_text(__version__ + "\n")

    # ---- build ----
    def languages(self, requested: list[str] | None) -> list[str]:
        enabled = list(self.model.languages)
        if not requested:
            return enabled
        for lang in requested:
            if lang not in enabled:
                raise InputError(f"language '{lang}' is not enabled in asmpkg.toml "
                                 f"(enabled: {', '.join(enabled)}){manifest.did_you_mean(lang, enabled)}")
        return [lang for lang in enabled if lang in requested]

    def available(self, langs: list[str]) -> tuple[list[str], dict[str, str]]:
        """Splits languages into those whose toolchain is here and those skipped, with the reason."""
        here, skipped = [], {}
        for lang in langs:
            gone = doctor.missing(lang)
            if gone:
                skipped[lang] = "; ".join(f"{f.tool.name} not found ({f.tool.hint})" for f in gone)
            else:
                here.append(lang)
        return here, skipped

    def build(self, langs: list[str] | None, progress: Progress) -> list[str]:
        """Generates, configures and runs one Ninja graph; returns the languages that built."""
        chosen = list(progress.languages)
        progress.every("generate", RUNNING)
        try:
            changed = self.generate()
        except BaseException:
            progress.every("generate", FAILED)
            raise
        progress.every("generate", OK, f"{len(changed)} file(s) updated" if changed else "up to date")
        for rel in changed:
            self.ui.command(f"updated {rel}")
        progress.every("library", RUNNING)
        try:
            self.configure()
        except BaseException:
            progress.every("library", FAILED)
            raise
        here, skipped = self.available(chosen)
        for lang, why in skipped.items():
            progress.skip(lang, why)
        # Everything by default; with --lang only the library and those languages' targets.
        targets = ["lib", *(f"lang-{lang}" for lang in here)] if langs else []
        jobs = (os.cpu_count() or 2) + 2  # as Ninja's own default: tools that wait on I/O (JVM start-up, linkers) overlap
        cmd = [self.tool("ninja"), "-C", str(self.build_dir), f"-j{jobs}", "-k", "0", *targets]
        self.ui.command(" ".join(cmd))
        result = runner.run(cmd, cwd=self.root, env=runner.tool_env(), on_line=self._tee(progress.ninja_line))
        progress.ninja_done(result.ok, here)
        built = [lang for lang in here if progress.languages[lang].cells["build"].state == OK]
        for lang in here:
            if lang not in built:
                self._keep_log(progress, lang, "build", result.output, f"{result.shell} lang-{lang}"
                               if not langs else result.shell)
        return built

    def _tee(self, sink: Callable[[str], None]) -> Callable[[str], None]:
        if not self.ui.verbose:
            return sink

        def both(line: str) -> None:
            self.ui.output(line)
            sink(line)

        return both

    def _keep_log(self, progress: Progress, lang: str, step: str, output: str, reproduce: str) -> None:
        logs = self.state_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        path = logs / f"{lang}-{step}.log"
        path.write_text(output)
        entry = progress.languages[lang]
        entry.log_path, entry.reproduce = path, f"cd {self.root} && {reproduce}"

    @staticmethod
    def _suites(lang: str) -> list[str]:
        """A language's Meson test suites; C's row also holds `abi` (asmpkg check)."""
        return ["--suite", lang, "--suite", "abi"] if lang == "c" else ["--suite", lang]

    def test(self, langs: list[str] | None, progress: Progress) -> None:
        built = self.build(langs, progress)
        if not built:
            return
        suites = [arg for lang in built for arg in self._suites(lang)]
        cmd = [self.tool("meson"), "test", "-C", str(self.build_dir), "--no-rebuild", *suites]
        self.ui.command(" ".join(cmd))
        progress.every("test", RUNNING, only=built)
        result = runner.run(cmd, cwd=self.root, env=runner.tool_env(), on_line=self._tee(progress.test_line))
        progress.tests_done(self.build_dir / "meson-logs" / "testlog.json", built)
        for lang in built:
            if progress.languages[lang].cells["test"].state == FAILED:
                self._keep_log(progress, lang, "test", result.output,
                               f"{self.tool('meson')} test -C {self.build_dir} {' '.join(self._suites(lang))} "
                               "--print-errorlogs")
