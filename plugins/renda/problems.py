"""The one diagnostic type of the project, and how a run's problems are reported.

Every message the reader, the validator, the importer or the plugin emits is a ``Problem``;
a run gathers all of them and reports them together, sorted by path and line, as
``path:line:col: level CODE: message`` (the yamllint form editors and CI annotations parse).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file. Lines and columns are 1-based."""

    path: str
    line: int
    column: int
    code: str
    level: str
    field: str
    message: str

    def format(self) -> str:
        """The ``path:line:col: level CODE: message`` form."""
        return f"{self.path}:{self.line}:{self.column}: {self.level} {self.code}: {self.message}"

    def as_dict(self) -> dict:
        """A JSON-ready mapping with every attribute."""
        return asdict(self)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in report order: by path, then line, column and code; duplicates removed."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.code, p.field, p.message))


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when any problem is an error (warnings alone do not fail a run)."""
    return any(p.level == ERROR for p in problems)


def format_text(problems: list[Problem]) -> str:
    """All problems, one per line, then a Chinese summary line."""
    errors = sum(p.level == ERROR for p in problems)
    warnings = len(problems) - errors
    lines = [p.format() for p in problems]
    if problems:
        lines.append(f"共 {errors} 个错误，{warnings} 个警告。")
    return "\n".join(lines)


def format_json(problems: list[Problem]) -> str:
    """All problems as one JSON document for tools and CI annotations."""
    errors = sum(p.level == ERROR for p in problems)
    payload = {
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [p.as_dict() for p in problems],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
