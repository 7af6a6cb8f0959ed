"""Shared test helpers: a small valid records tree covering all seven record types."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from renda.core.config import Settings

TODAY = dt.date(2026, 11, 21)

BASE_TREE: dict[str, str] = {
    "deputies/zhang-wei.md": """---
name: 张伟
levels: [镇, 县]
gender: 男
term_start: 2021-12-28
group: 第一代表小组
roles: [主席团成员]
---
红星村党支部书记。
""",
    "deputies/li-fang.md": """---
name: 李芳
levels: [镇]
gender: 女
term_start: 2021-12-28
group: 第一代表小组
---
""",
    "deputies/wang-jun.md": """---
name: 王军
levels: [镇]
gender: 男
term_start: 2021-12-28
term_end: 2024-06-30
left_reason: 调离
group: 第二代表小组
---
""",
    "stations/hongxing.md": """---
name: 红星村代表联络室
level: 室
deputies: [zhang-wei, li-fang]
reception_days: [每月15日, 每月第一个周三]
group: 第一代表小组
---
""",
    "meetings/2024/2024-01-15-rd.md": """---
kind: 人民代表大会
date: 2024-01-15
end: 2024-01-16
session: 第十八届人民代表大会第三次会议
attendees: [zhang-wei, li-fang, wang-jun]
votes:
  - item: 关于镇人民政府工作报告的决议
    for: 3
    against: 0
    abstain: 0
    passed: 是
oath: 否
---
会议纪要。
""",
    "activities/2024/2024-03-12-shicha.md": """---
title: 视察农村饮水安全工程
kind: 视察
date: 2024-03-12
deputies: [zhang-wei, li-fang]
station: hongxing
voters: 5
opinions:
  - summary: 村口路灯损坏
    status: 已转交
    referred_to: 镇村镇建设办
suggestions: [2024-001]
---
""",
    "suggestions/2024/2024-001.md": """---
title: 关于加快红星村饮水工程建设的建议
number: 1
kind: 建议
proposer: zhang-wei
cosigners: [li-fang]
submitted: 2024-01-15
meeting: 2024-01-15-rd
category: 农业农村
handlers:
  lead: 镇农业农村办
  assist: [镇财政所]
assigned: 2024-01-25
---
建议内容。
""",
    "replies/2024/2024-001-a.md": """---
suggestion: 2024-001
handler: 镇农业农村办
date: 2024-04-10
consulted: 2024-03-28
result: A
feedback:
  date: 2024-04-20
  satisfaction: 满意
---
答复函。
""",
    "projects/2024/2024-01.md": """---
title: 红星村饮水安全巩固提升工程
number: 1
year: 2024
voted_at: 2024-01-15-rd
responsible: 镇农业农村办
budget: 180.5
supervisors: [zhang-wei]
progress:
  - date: 2024-06-30
    percent: 60
  - date: 2024-12-20
    percent: 100
---
""",
}


class Link(str):
    """In a tree to write: a symbolic link pointing at this target."""


class Executable(bytes):
    """In a tree to write: a file with these bytes and the executable bit set."""


def write_tree(root: Path, files: dict) -> Path:
    """Write ``files`` (relative path → text, bytes, ``Link``, ``Executable``, or None to
    leave out) under ``root``."""
    import os

    for rel, content in files.items():
        if content is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            os.symlink(str(content), path)
        elif isinstance(content, Executable):
            path.write_bytes(bytes(content))
            path.chmod(0o755)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def settings() -> Settings:
    """Default settings with a fixed today."""
    return Settings(today=TODAY)


@pytest.fixture
def tree(tmp_path):
    """A function writing the base tree with some files replaced, added or removed."""

    def make(overrides: dict[str, str | bytes | None] | None = None, base: bool = True) -> Path:
        files = dict(BASE_TREE) if base else {}
        files.update(overrides or {})
        root = tmp_path / "records"
        root.mkdir(exist_ok=True)
        return write_tree(root, files)

    return make


REPO = Path(__file__).resolve().parent.parent


def make_project(root: Path, records: dict[str, str] | None = None, today: str = "2026-11-21") -> Path:
    """A site project in ``root``: the repository's mkdocs.yml and docs/, with ``records``
    (default: the sample township), its "today" pinned so derived states do not drift."""
    import shutil

    root.mkdir(parents=True, exist_ok=True)
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("      term: 18\n", f"      term: 18\n      today: {today}\n")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "docs", root / "docs")
    if records is None:
        shutil.copytree(REPO / "records", root / "records")
    else:
        write_tree(root / "records", records)
    return root


def mkdocs_build(project: Path, *args: str):
    """Run a real ``mkdocs build --strict`` in ``project``."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args], cwd=project,
                          capture_output=True, text=True, encoding="utf-8", env=env)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample township built once with ``mkdocs build --strict``; returns the project."""
    project = make_project(tmp_path_factory.mktemp("sample") / "project")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="session")
def staff_site(tmp_path_factory) -> Path:
    """The sample township's staff site (``RENDA_INTERNAL=true mkdocs build --strict``), in
    ``site-internal/``; returns the project."""
    import os
    import subprocess
    import sys

    project = make_project(tmp_path_factory.mktemp("staff") / "project")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RENDA_INTERNAL="true")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return project
