"""The `asmpkg` command. Exit codes: 0 ok, 1 build or test failure, 2 bad input or usage."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .errors import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, AsmpkgError, InputError
from .ui import UI

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .project import Project


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def _langs(text: str) -> list[str]:
    langs = [x.strip() for x in text.split(",") if x.strip()]
    if not langs:  # an empty --lang is a slip (an unset variable), not "every language"
        raise argparse.ArgumentTypeError("name at least one language (c, python, ...), or leave --lang out for all")
    return langs


def make_parser() -> Parser:
    def add_common(p: argparse.ArgumentParser, default: object) -> None:
        # Accepted before and after the command (`asmpkg -C dir build`, `asmpkg build -C dir`).
        p.add_argument("-C", dest="directory", type=Path, metavar="DIR",
                       default=Path(".") if default is None else default,
                       help="work on the project in DIR (default: the current directory)")
        p.add_argument("-v", "--verbose", action="store_true",
                       default=False if default is None else default, help="show the commands that run")

    common = Parser(add_help=False)
    add_common(common, argparse.SUPPRESS)
    parser = Parser(prog="asmpkg", description="Build NASM libraries and their bindings from one asmpkg.toml.",
                    epilog="Exit status: 0 ok, 1 build or test failure, 2 bad input or usage.")
    add_common(parser, None)
    parser.add_argument("--version", action="version", version=f"asmpkg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser, required=True)

    gen = sub.add_parser("generate", parents=[common], help="write meson.build, the header and the bindings")
    gen.add_argument("--check", action="store_true", help="write nothing; exit 1 if a generated file is stale")

    build = sub.add_parser("build", parents=[common], help="generate when stale, then build with Meson and Ninja")
    build.add_argument("--lang", type=_langs, help="build only these languages (comma-separated)")
    build.add_argument("--json", metavar="PATH", help="write a machine-readable summary to PATH (- for stdout)")

    test = sub.add_parser("test", parents=[common], help="build, then run the Meson test suites")
    test.add_argument("--lang", type=_langs, help="test only these languages (comma-separated)")
    test.add_argument("--all-langs", action="store_true", help="every enabled language (the default)")
    test.add_argument("--json", metavar="PATH", help="write a machine-readable summary to PATH (- for stdout)")
    test.add_argument("--skip-missing", action="store_true",
                      help="succeed even when a language is skipped for a missing toolchain")

    pack = sub.add_parser("package", parents=[common], help="build, test, then write release artifacts to dist/")
    pack.add_argument("--lang", type=_langs, help="package only these languages (comma-separated)")
    pack.add_argument("--out", type=Path, default=None, help="where the artifacts go (default: DIR/dist)")
    pack.add_argument("--verify", action="store_true",
                      help="also install each artifact somewhere empty and use it (the `package` suite)")
    pack.add_argument("--json", metavar="PATH", help="write a machine-readable summary to PATH (- for stdout)")
    pack.add_argument("--skip-missing", action="store_true", help=argparse.SUPPRESS)

    abi_cmd = sub.add_parser("abi", parents=[common], help="the released-ABI baseline (abi/<name>.abi.json)")
    abi_cmd.add_argument("action", choices=["update", "show"],
                         help="update: rewrite the baseline from the manifest (after a release); show: print it")

    check = sub.add_parser("check", parents=[common],
                           help="prove that every exported function keeps the System V ABI (docs/check.md)",
                           epilog="Exit status: 0 clean, 1 findings, 2 bad input or usage.")
    check.add_argument("--function", dest="functions", action="append", metavar="NAME",
                       help="check only this function (its manifest name or C symbol); repeatable")
    check.add_argument("--json", metavar="PATH", help="write the report as JSON to PATH (- for stdout)")

    sub.add_parser("doctor", parents=[common], help="list the toolchains asmpkg can use")
    sub.add_parser("schema", parents=[common], help="print the JSON Schema of asmpkg.toml")
    return parser


def _check_json_path(path: str | None) -> None:
    """--json PATH must be writable before a long run, not found unwritable at its end."""
    if path in (None, "-"):
        return
    existed = os.path.exists(path)
    try:
        with open(path, "a", encoding="utf-8"):
            pass  # a real try: access() says yes to root even where nothing can be created (/proc)
    except OSError as exc:
        raise InputError(f"--json {path}: cannot write it ({exc.strerror or exc}); use - for stdout") from None
    if not existed:
        os.unlink(path)


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    ui = UI(verbose=getattr(args, "verbose", False))
    if getattr(args, "json", None) == "-":
        ui.stdout = sys.stderr
    try:
        _check_json_path(getattr(args, "json", None))
        return run(args, ui)
    except InputError as exc:
        if exc.diagnostics:
            ui.diagnostics(exc.diagnostics)
        ui.error(str(exc))
        return EXIT_USAGE
    except AsmpkgError as exc:
        ui.error(str(exc))
        return exc.exit_code
    except BrokenPipeError:
        return EXIT_FAILURE
    except KeyboardInterrupt:
        ui.error("interrupted; the build directory is left as it was and stays usable")
        return 130


def run(args: argparse.Namespace, ui: UI) -> int:
    if args.command == "schema":
        from .spec import document

        ui.output(json.dumps(document(), indent=2))
        return EXIT_OK
    if args.command == "doctor":
        from .commands import doctor

        return doctor(ui)
    if args.command == "check":
        from .check import check

        return check(args.directory, ui, args.functions, args.json)
    from .project import Project

    project = Project(args.directory, ui)
    if args.command == "generate":
        stale = project.generate(check_only=args.check)
        if args.check:
            for rel in stale:
                ui.info(f"stale: {rel}")
            ui.info("generated files are up to date" if not stale else f"{len(stale)} generated file(s) are stale; "
                    "run `asmpkg generate`")
            return EXIT_FAILURE if stale else EXIT_OK
        ui.info(f"updated {len(stale)} file(s)" if stale else "generated files are up to date")
        return EXIT_OK
    if args.command in ("build", "test", "package"):
        return build_or_test(project, args, ui)
    if args.command == "abi":
        from . import abi

        if args.action == "show":
            ui.output(abi.render(abi.current(project.model)))
        else:
            ui.info(f"wrote {abi.update(project.model).relative_to(project.root)}")
        return EXIT_OK
    raise AssertionError(args.command)


def build_or_test(project: "Project", args: argparse.Namespace, ui: UI) -> int:
    from .progress import FAILED, SKIPPED, Progress
    from .ui import Board

    langs = project.languages(args.lang)
    board = Board(ui, f"asmpkg {args.command}")
    from .backends import all_backends

    progress = Progress(langs, board.update, {name: b.test_cases for name, b in all_backends().items()})
    try:
        if args.command == "build":
            project.build(args.lang, progress)
        elif args.command == "test":
            project.test(args.lang, progress)
        else:
            from .package import package

            out = args.out.resolve() if args.out else project.root / "dist"
            package(project, args.lang, out, args.verify, progress)
    finally:
        board.close(progress)
        if args.json:
            ui.json(progress.summary(), args.json)
    board.summary(progress)
    statuses = {name: lang.status for name, lang in progress.languages.items()}
    if FAILED in statuses.values():
        return EXIT_FAILURE
    skipped = [name for name, st in statuses.items() if st == SKIPPED]
    if skipped and args.command in ("test", "package") and not args.skip_missing:
        ui.error(f"skipped for missing toolchains: {', '.join(skipped)} (pass --skip-missing to accept that)")
        return EXIT_FAILURE
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
