"""The release flow as CI runs it: workflows that lint clean, and a local dry run end to end."""

import subprocess

from conftest import REPO, need


def test_workflows_pass_actionlint():
    actionlint = need("actionlint")
    r = subprocess.run([actionlint, "-no-color"], cwd=REPO, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_workflows_hold_no_logic_of_their_own():
    for wf in (REPO / ".github" / "workflows").glob("*.yml"):
        for line in wf.read_text().splitlines():
            if line.strip().startswith("run:"):
                command = line.split("run:", 1)[1].strip()
                assert command.startswith(("./ci/", "mkdir -p upload")), f"{wf.name}: {command}"


def test_release_dry_run_builds_verifies_and_says_what_it_would_publish():
    need("nasm")
    need("git")
    r = subprocess.run(["./ci/release.sh", "--dry-run"], cwd=REPO, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-4000:]
    assert "==> GitHub release v" in r.stdout
    assert "would run: gh release create" in r.stdout
    assert "release dry run done" in r.stdout
    sums = (REPO / "dist" / "SHA256SUMS").read_text()
    assert "c/asmmath-" in sums
