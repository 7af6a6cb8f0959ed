"""Attachments and hostile files: what a record may bring along, and what is never read.

Attachments live under ``records/attachments/`` and are named by a record's ``attachments``
field. A path must stay inside that folder (no ``..``, no absolute path, no URL or
``file://``, no URL-encoding), the file must exist, be committed to Git when the records are
in a Git work tree, be of an allowed type, not executable, not a link, and not too large.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
from pathlib import Path

from .catalogue import make
from .problems import Problem
from .record import Record

FOLDER = "attachments"
#: File types a public site may offer: documents and pictures people open every day.
ALLOWED = {".pdf", ".ofd", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".doc", ".docx", ".xls",
           ".xlsx", ".ppt", ".pptx", ".wps", ".et", ".dps", ".txt", ".csv"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")


def tracked_files(root: Path) -> set[str] | None:
    """Paths (relative to ``root``) Git tracks below it, or None when not in a Git work tree."""
    try:
        result = subprocess.run(["git", "-c", "core.quotepath=false", "ls-files", "-z", "--", "."],
                                cwd=root, capture_output=True, text=True, encoding="utf-8")
    except OSError:
        return None
    if result.returncode != 0:
        return None
    return {path for path in result.stdout.split("\0") if path}


def check(record: Record, root: Path, tracked: set[str] | None, limit: int) -> list[Problem]:
    """Problems with the attachments of ``record`` (files under ``root/attachments``)."""
    problems = []
    for index, item in enumerate(record.get("attachments") or ()):
        where = f"attachments[{index}].file"
        line, column = record.where(where)
        value = item["file"]

        def report(code: str, **values) -> None:
            problems.append(make(code, record.path, line, column, field=where, value=value, **values))

        why = unsafe(value)
        if why:
            report("A02", why=why)
            continue
        path = root / FOLDER / value
        if path.is_symlink():
            problems.append(make("A01", record.path, line, column, field=where,
                                 what=f"附件“{value}”"))
            continue
        if not path.is_file():
            report("A03")
            continue
        if tracked is not None and f"{FOLDER}/{value}" not in tracked:
            report("A04")
        suffix = path.suffix.lower()
        if suffix not in ALLOWED:
            report("A05", why=f"是 {suffix or '没有扩展名的'} 文件" + ("（网页或矢量图可以带脚本）"
                                                                if suffix in (".html", ".htm", ".svg", ".xhtml") else ""))
        elif path.stat().st_mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH):
            report("A05", why="带有可执行权限")
        size = path.stat().st_size
        if size > limit:
            report("A06", size=size, limit=limit)
    return problems


def unsafe(value: str) -> str | None:
    """Why an attachment path is not a plain relative path inside the folder, or None."""
    if _SCHEME.match(value) or value.startswith("//"):
        return "这是网址或 file:// 路径，附件必须是仓库里的文件"
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", value):
        return "这是绝对路径"
    if _ENCODED.search(value):
        return "路径里有 URL 编码（如 %2e、%2f）"
    if "\\" in value:
        return "路径里有反斜杠，请用 / 分隔"
    if any(part in ("..", ".") for part in value.split("/")):
        return "路径里有 .. 或 .，不能跳出 attachments 文件夹"
    return None


def symlinks(root: Path) -> list[tuple[str, bool]]:
    """Symbolic links anywhere under ``root`` (path relative to it, is a folder), sorted."""
    found = []

    def walk(folder: str, rel: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:  # the folder's listing says what is a link: no call per file
            if entry.is_symlink():
                found.append((rel + entry.name, entry.is_dir()))
            elif entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                walk(entry.path, rel + entry.name + "/")

    walk(str(root), "")
    return sorted(found)
