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


def format_github(problems: list[Problem]) -> str:
    """GitHub (and Gitea/Forgejo) Actions workflow commands: one annotation per problem."""
    def escape(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    return "\n".join(f"::{p.level} file={p.path},line={p.line},col={p.column},"
                     f"title={p.code}::{escape(p.message)}" for p in problems)


def format_gitlab(problems: list[Problem]) -> str:
    """A GitLab code-quality report (shown on the merge request)."""
    import hashlib

    return json.dumps([{
        "description": f"{p.code}: {p.message}",
        "check_name": p.code,
        "fingerprint": hashlib.sha256(p.format().encode("utf-8")).hexdigest(),
        "severity": "major" if p.level == ERROR else "minor",
        "location": {"path": p.path, "lines": {"begin": p.line}},
    } for p in problems], ensure_ascii=False, indent=2)


def format_markdown(problems: list[Problem]) -> str:
    """A Chinese summary for a pull-request comment or a job summary."""
    errors = sum(p.level == ERROR for p in problems)
    if not problems:
        return "### 记录检查通过\n\n没有发现问题，可以审核合并。\n"
    lines = [f"### 记录检查：{errors} 个错误，{len(problems) - errors} 个警告", "",
             "错误必须改正后才能合并发布；警告请审核人核对。", "",
             "| 文件 | 行 | 级别 | 代码 | 说明 |", "|---|---|---|---|---|"]
    for p in problems:
        level = "错误" if p.level == ERROR else "警告"
        message = p.message.replace("|", "\\|")
        lines.append(f"| `{p.path}` | {p.line} | {level} | {p.code} | {message} |")
    return "\n".join(lines) + "\n"


def format_json(problems: list[Problem]) -> str:
    """All problems as one JSON document for tools and CI annotations."""
    errors = sum(p.level == ERROR for p in problems)
    payload = {
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [p.as_dict() for p in problems],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
