"""scripts/synth.py writes valid, deterministic records trees of the size asked for.

Real runs, no mocks: the generator and the validator run as subprocesses, the way the
benchmarks and the lead use them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "synth.py"
RECORDS = 300
SEED = 11
TYPES = ("deputies", "stations", "meetings", "activities", "suggestions", "replies", "projects")


def generate(out: Path, records: int = RECORDS, seed: int = SEED) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out), "--records", str(records),
         "--seed", str(seed)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path → bytes)."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "records"
    generate(out)
    return out


def test_same_seed_gives_byte_identical_tree(tree, tmp_path):
    again = tmp_path / "again"
    generate(again)
    first, second = snapshot(tree), snapshot(again)
    assert first.keys() == second.keys()
    assert first == second


def test_other_seed_gives_other_tree(tree, tmp_path):
    other = tmp_path / "other"
    generate(other, seed=SEED + 1)
    assert snapshot(other) != snapshot(tree)


def test_record_count_within_two_percent_and_all_types_present(tree):
    files = list(tree.rglob("*.md"))
    assert abs(len(files) - RECORDS) <= RECORDS * 0.02, len(files)
    for rtype in TYPES:
        assert any((tree / rtype).rglob("*.md")), f"no {rtype} records"


def test_summary_line_counts_every_type(tmp_path):
    result = generate(tmp_path / "summary")
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    for rtype in TYPES:
        assert rtype in lines[0]


def test_refuses_non_empty_output_without_force(tree):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tree), "--records", str(RECORDS)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "not empty" in result.stderr


def test_validator_reports_no_problems(tree, tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    from benchlib import synthetic_config

    config = tmp_path / "mkdocs.yml"
    config.write_text(synthetic_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "renda", "validate", str(tree), "--config", str(config)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_force_refuses_before_it_deletes_anything(tmp_path):
    import subprocess
    import sys

    from conftest import REPO

    out = tmp_path / "records"
    (out / "deputies").mkdir(parents=True)
    (out / "deputies" / "keep.md").write_text("保留", encoding="utf-8")
    (out / "attachments").mkdir()
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "synth.py"), "--out", str(out),
                             "--records", "100", "--force"], capture_output=True, text=True)
    assert result.returncode == 2 and "holds other files than record folders" in result.stderr
    assert (out / "deputies" / "keep.md").read_text(encoding="utf-8") == "保留"
