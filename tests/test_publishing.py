"""A finished build takes the published folder's place at once; the previous site is removed
by a process of its own, which the build does not wait for."""

from __future__ import annotations

import os
import time
from pathlib import Path

from conftest import BASE_TREE, make_project, mkdocs_build
from renda.mkdocs_adapter import publishing


def tree(folder: Path, files: int) -> None:
    for number in range(files):
        path = folder / f"p{number % 10}" / f"{number}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"旧页面 {number}", encoding="utf-8")


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def gone(folder: Path, marker: str = ".renda-old") -> list[str]:
    """What is left beside the site with ``marker`` in its name, once it is all removed
    (waits up to a minute for the remover)."""
    deadline = time.monotonic() + 60
    while (left := [name for name in names(folder) if marker in name]) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def test_the_old_site_is_set_aside_at_once_and_removed_by_a_process_of_its_own(tmp_path):
    tree(tmp_path / "site", 3000)
    tree(tmp_path / "site.renda-staging", 5)
    before = set(publishing._removers)
    publishing.replace_folder(str(tmp_path / "site.renda-staging"), str(tmp_path / "site"))
    assert sorted(p.name for p in (tmp_path / "site").rglob("*.html")) == [f"{n}.html" for n in range(5)]
    [pid] = set(publishing._removers) - before
    assert os.waitpid(pid, 0) == (pid, 0)  # a child process that ended well
    publishing._removers.remove(pid)
    assert names(tmp_path) == ["site"]


def test_what_an_interrupted_remover_left_goes_with_the_next_build(tmp_path):
    project = make_project(tmp_path, BASE_TREE)
    tree(project / "site", 200)
    tree(project / ".site.renda-old-abc123" / "site", 50)  # its remover was stopped
    tree(project / "site.renda-old", 20)  # the name renda set the old site aside as before
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert not list((project / "site").glob("p[0-9]"))
    assert (project / "site" / "index.html").is_file()
    assert gone(project) == []
    assert names(project) == [".cache", "docs", "mkdocs.yml", "records", "site"]
