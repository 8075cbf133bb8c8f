"""The released ABI (abi/<name>.abi.json) and what a new version may change in it.

Within one SONAME a function may not disappear or change its prototype, and a new
function needs a version node the baseline does not have. `asmpkg abi update`
rewrites the baseline after a release.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import Diagnostic, InputError
from .model import Model


def current(model: Model) -> dict[str, object]:
    return {
        "library": model.package.library,
        "soname": model.package.soname,
        "version": model.package.version,
        "functions": [
            {"symbol": f.symbol, "version_node": f.version_node, "prototype": f.c_prototype}
            for f in model.functions
        ],
    }


def baseline_path(model: Model) -> Path:
    return model.root / "abi" / f"{model.package.name}.abi.json"


def render(abi: dict[str, object]) -> str:
    return json.dumps(abi, indent=2, sort_keys=True) + "\n"


def problems(model: Model, baseline: dict) -> list[str]:
    """What the current manifest breaks relative to the baseline (empty: compatible)."""
    now = current(model)
    if baseline.get("soname") != now["soname"]:
        return []  # a new major version: anything may change
    old = {f["symbol"]: f for f in baseline.get("functions", [])}
    new = {f["symbol"]: f for f in now["functions"]}  # type: ignore[union-attr]
    old_nodes = {f["version_node"] for f in old.values()}
    out = []
    for symbol, f in sorted(old.items()):
        if symbol not in new:
            out.append(f"{symbol} was removed; removing a function needs a major version bump (a new SONAME)")
        elif new[symbol]["prototype"] != f["prototype"]:
            out.append(f"{symbol} changed from `{f['prototype']}` to `{new[symbol]['prototype']}`; "
                       "that needs a major version bump")
        elif new[symbol]["version_node"] != f["version_node"]:
            out.append(f"{symbol} moved from {f['version_node']} to {new[symbol]['version_node']}; "
                       "a released function keeps its version node")
    for symbol, f in sorted(new.items()):
        if symbol not in old and f["version_node"] in old_nodes:
            out.append(f"{symbol} is new but is in the released node {f['version_node']}; "
                       "give it `since` = a new minor version")
    return out


def check(model: Model) -> None:
    """InputError (exit 2) when the manifest breaks the committed baseline."""
    path = baseline_path(model)
    if not path.is_file():
        return
    try:
        baseline = json.loads(path.read_text())
    except ValueError as exc:
        raise InputError(f"{path.relative_to(model.root)} is not valid JSON: {exc}") from None
    found = problems(model, baseline)
    if found:
        rel = str(path.relative_to(model.root))
        raise InputError(
            f"the ABI breaks {rel} (run `asmpkg abi update` only after a release that allows it)",
            tuple(Diagnostic("asmpkg.toml", model.function(_name(model, p)).line if _name(model, p) else 1, 1,
                             "functions", p) for p in found),
        )


def _name(model: Model, problem: str) -> str | None:
    symbol = problem.split(" ", 1)[0]
    return next((f.name for f in model.functions if f.symbol == symbol), None)


def update(model: Model) -> Path:
    path = baseline_path(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(current(model)))
    return path
