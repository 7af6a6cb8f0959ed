"""``renda fmt``: rewrite record files into the canonical form without changing their meaning.

A file is rewritten only when it reads and types without an error (its meaning is known);
the result is read back and compared with what was read before, so a rewrite that would change
a value is refused rather than written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.config import Settings
from ..core.frontmatter import read_file, read_text
from ..core.loader import record_files, type_document
from ..core.problems import ERROR
from .writer import comments_of, render


@dataclass
class Result:
    """What ``fmt`` did to one file: ``changed``, ``unchanged`` or ``skipped`` (with why)."""

    path: str
    status: str
    reason: str = ""


def canonical(path: Path, rtype, settings: Settings, display: str, rel: str) -> tuple[str | None, str]:
    """The canonical text of one record file, or (None, why) when it cannot be known."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    document = read_file(path, display, settings.limits)
    problems: list = []
    record = type_document(document, path.stem, rtype, settings, problems, rel)
    errors = [p for p in problems if p.level == ERROR]
    if errors:
        return None, f"有 {len(errors)} 个错误，先按 renda validate 的提示改正（第一个：第 {errors[0].line} 行）"
    values = dict(record.data)
    result = render(rtype.name, values, document.body, comments_of(text))
    again = read_text(result, display, settings.limits)
    check: list = []
    retyped = type_document(again, path.stem, rtype, settings, check, rel)
    if retyped.data != record.data or retyped.body != record.body:  # pragma: no cover - a bug guard
        return None, "规范化后的内容与原文不一致，未改动（请报告这个问题）"
    return result, ""


def fmt(root: Path, settings: Settings, check: bool = False, display_root: str = "") -> list[Result]:
    """Canonicalise every record file under ``root`` (only report with ``check``)."""
    results = []
    prefix = display_root.rstrip("/") + "/" if display_root else ""
    for rtype, path, rel in record_files(root):
        if rtype is None:
            continue
        display = prefix + rel
        wanted, why = canonical(Path(path), rtype, settings, display, rel)
        if wanted is None:
            results.append(Result(display, "skipped", why))
            continue
        current = Path(path).read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
        if current == wanted:
            results.append(Result(display, "unchanged"))
            continue
        if not check:
            Path(path).write_text(wanted, encoding="utf-8")
        results.append(Result(display, "changed"))
    return results
