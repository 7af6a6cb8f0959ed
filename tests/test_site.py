"""Real ``mkdocs build --strict`` runs: the sample builds, a bad record fails the build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import BASE_TREE, write_tree

REPO = Path(__file__).resolve().parent.parent


def build(project: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          capture_output=True, text=True, encoding="utf-8", env=env)


def project(tmp_path: Path, records: dict[str, str]) -> Path:
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    write_tree(tmp_path / "records", records)
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(text.replace("term: 18", "term: 18\n      today: 2026-11-21"),
                                         encoding="utf-8")
    return tmp_path


def test_sample_site_builds_strict(tmp_path):
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    shutil.copytree(REPO / "records", tmp_path / "records")
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "records" / "index.html").exists()


def test_a_bad_record_fails_the_strict_build_with_its_message(tmp_path):
    bad = "---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\ngrup: 第一代表小组\n---\n"
    result = build(project(tmp_path, {**BASE_TREE, "deputies/zhao-lei.md": bad}))
    assert result.returncode == 1
    assert ("ERROR   -  records/deputies/zhao-lei.md:6:1: error F01: 代表记录没有 grup 这个字段。"
            "是不是想写 group？") in result.stderr


def test_a_warning_also_fails_the_strict_build(tmp_path):
    result = build(project(tmp_path, {**BASE_TREE, "notes.md": "---\ntitle: 备忘\n---\n"}))
    assert result.returncode == 1
    assert "WARNING -  records/notes.md:1:1: warning S01:" in result.stderr


def test_a_clean_tree_builds(tmp_path):
    result = build(project(tmp_path, BASE_TREE))
    assert result.returncode == 0, result.stderr
