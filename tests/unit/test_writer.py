"""The generated tree's writer: only changed files are written, and files it no longer makes are removed."""

from __future__ import annotations

from pathlib import Path

from asmpkg.render import MARKER
from asmpkg.writer import Plan


def _plan(root: Path) -> Plan:
    return Plan(root, {"bindings/java/A.java": f"// {MARKER}\nclass A {{}}\n", "meson.build": f"# {MARKER}\n"})


def test_unchanged_files_keep_their_timestamps(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    assert plan.write() == ["bindings/java/A.java", "meson.build"]
    before = (tmp_path / "meson.build").stat().st_mtime_ns
    assert plan.write() == [] and plan.stale() == []
    assert (tmp_path / "meson.build").stat().st_mtime_ns == before


def test_a_generated_file_the_plan_no_longer_makes_is_stale_then_removed(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    plan.write()
    old = tmp_path / "bindings/java/sub/Old.java"
    old.parent.mkdir(parents=True)
    old.write_text(f"// {MARKER}\nclass Old {{}}\n")
    assert plan.stale() == ["bindings/java/sub/Old.java"]
    assert plan.write() == ["bindings/java/sub/Old.java"]
    assert not old.exists() and plan.stale() == []


def test_hand_written_files_and_build_output_are_left_alone(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    plan.write()
    mine = tmp_path / "bindings/java/Mine.java"
    mine.write_text("class Mine {}\n")
    built = tmp_path / "bindings/java/target/A.java"  # e.g. cargo's or Maven's copy of a generated file
    built.parent.mkdir(parents=True)
    built.write_text(f"// {MARKER}\n")
    elsewhere = tmp_path / "bindings/rust/B.rs"  # a folder this plan does not write to (a disabled language)
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_text(f"// {MARKER}\n")
    assert plan.stale() == [] and plan.write() == []
    assert mine.exists() and built.exists() and elsewhere.exists()
