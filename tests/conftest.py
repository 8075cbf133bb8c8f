import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = REPO / "tests" / "packages"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(tool: str) -> str:
    """The path of a tool; in CI a missing one fails the test instead of skipping it."""
    path = shutil.which(tool, path=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    if path is None:
        if IN_CI:
            pytest.fail(f"{tool} is not installed, and CI must have every toolchain (run ci/setup.sh)")
        pytest.skip(f"{tool} is not installed (ci/setup.sh installs it)")
    return path


@pytest.fixture
def package(tmp_path):
    """Copies tests/packages/NAME into a temporary folder and returns its path."""

    def copy(name: str) -> Path:
        dest = tmp_path / name
        shutil.copytree(PACKAGES / name, dest)
        return dest

    return copy


def asmpkg(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Runs the CLI as a user would, in a child process."""
    full_env = dict(os.environ, **(env or {}))
    full_env.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "asmpkg", *args], cwd=cwd or REPO, env=full_env,
                          capture_output=True, text=True)
