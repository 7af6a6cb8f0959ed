"""What the editor's form saved, as renda writes it.

The browser serialises a record its own way: empty fields as ``''``, ``[]`` or ``{}``, its own
quoting and list style, and a new record under a provisional name (the slug template of
``decap.py``: ``20261120-143005``). ``settle`` reads that text with the validator's reader and
types, leaves out what was left empty, picks what may be picked (the next number), names a
new record as ``renda new`` would, and writes it exactly as ``renda fmt`` would (an existing
file's comments and body layout kept). The local backend settles each save at once;
``renda fmt --editor`` settles what the editor saved on a forge, in the pull request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable

from ...core.config import Settings
from ...core.frontmatter import Node, read_text
from ...core.loader import type_document
from ...core.problems import ERROR, Problem
from ...core.schema import RECORD_TYPES
from ..newrecord import Maker
from ..writer import comments_of, render
from .decap import PICKED

#: A provisional file name given by the form (Decap adds -1, -2… when one is taken).
PROVISIONAL = re.compile(r"^\d{8}-\d{6}(?:-\d+)?$")


class EditorError(Exception):
    """What the form shows when a save is refused, in Chinese; ``problems``: the validator's
    findings behind it (file, line, field), which ``renda fmt --editor`` prints."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


def prune(node: Node) -> bool:
    """Drop what a form leaves empty (``''``, ``null``, ``[]``, ``{}``) from a mapping node,
    deeply; whether anything is left of ``node``."""
    if node.kind == "mapping":
        for key in [k for k, child in node.value.items() if not prune(child)]:
            del node.value[key]
        return bool(node.value)
    if node.kind == "sequence":
        node.value = [child for child in node.value if prune(child)]
        return bool(node.value)
    return not node.is_null and node.value.strip() != ""


def refusal(errors: list[Problem]) -> str:
    """The errors that stop a save, one a line, in the staff's words."""
    return "\n".join([f"没有保存：有 {len(errors)} 处要改正。"] + [f"· {p.message}" for p in errors])


@dataclass
class Settled:
    """A record as renda writes it: where (relative to the project), the text, its values."""

    rel: PurePosixPath
    text: str
    values: dict[str, Any]
    label: str


def settle(project: Path, records_dir: str, settings: Settings, rel: PurePosixPath, raw: str,
           old: str | None, corpus: Callable[[], Any]) -> Settled:
    """The canonical form of ``raw``, saved by the form at ``rel``: ``old`` is the text of the
    record it replaces (None: a new record, named here; ``corpus()`` gives the records tree's
    corpus for its name and number). An ``EditorError`` when it does not type."""
    parts = rel.parts[len(PurePosixPath(records_dir).parts):]
    if len(parts) < 2 or parts[0] not in RECORD_TYPES:
        raise EditorError(f"“{rel}”不在某一类记录的文件夹里。")
    rtype = RECORD_TYPES[parts[0]]
    document = read_text(raw.replace("\r\n", "\n"), rel.as_posix(), settings.limits)
    if document.header is not None:
        prune(document.header)
    problems: list[Problem] = []
    record = type_document(document, rel.stem, rtype, settings, problems)
    # A new record's number may be left for the editor to pick (the next free one).
    errors = [p for p in problems if p.level == ERROR and not
              (old is None and p.code == "F02" and (rtype.name, p.field) in PICKED)]
    if errors:
        raise EditorError(refusal(errors), errors)
    values = dict(record.data)
    if old is None:
        values.pop("id", None)  # the file name is the id
        maker = Maker(project / records_dir, rtype.name, settings, corpus())
        values = maker.complete(values)
        rel = PurePosixPath(maker.path(values).relative_to(project).as_posix())
    text = render(rtype.name, values, _body(document.body, old), comments_of(old) if old is not None else None)
    return Settled(rel, text, values, rtype.label)


def _body(body: str, old: str | None) -> str:
    """The body as ``renda new`` lays it out (a blank line after the header, one newline at
    the end); an untouched body keeps its layout exactly."""
    if old is not None:
        old_body = old.split("\n---\n", 1)[1] if "\n---\n" in old else ""
        if old_body.strip() == body.strip():
            return old_body
    return "\n" + body.strip() + "\n" if body.strip() else ""


@dataclass
class Outcome:
    """What ``settle_tree`` did to one file: ``renamed`` (to ``after``), ``changed``,
    ``unchanged`` or ``refused`` (with why: the validator's problems, or a reason)."""

    before: str
    status: str
    after: str = ""
    reason: str = ""
    problems: list[Problem] = field(default_factory=list)


def settle_tree(project: Path, records_dir: str, settings: Settings) -> list[Outcome]:
    """Settle every record file, as the editor on a forge left them (``renda fmt --editor``):
    a provisional name becomes the canonical one, one record after another (each sees the
    numbers the ones before it took)."""
    from ...core.loader import record_files
    from ...core.validate import validate

    root = project / records_dir
    outcomes = []
    for rtype, path, rel_in_records in record_files(root):
        if rtype is None:
            continue
        path = Path(path)
        rel = PurePosixPath(records_dir) / rel_in_records
        text = path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
        new = bool(PROVISIONAL.match(path.stem))
        try:
            settled = settle(project, records_dir, settings, rel, text, None if new else text,
                             lambda: validate(root, settings, parallel=False).corpus)
        except EditorError as exc:
            outcomes.append(Outcome(rel.as_posix(), "refused", reason=str(exc), problems=exc.problems))
            continue
        if settled.rel != rel:
            target = project / settled.rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(settled.text, encoding="utf-8")
            path.unlink()
            outcomes.append(Outcome(rel.as_posix(), "renamed", settled.rel.as_posix()))
        elif settled.text != text:
            path.write_text(settled.text, encoding="utf-8")
            outcomes.append(Outcome(rel.as_posix(), "changed"))
        else:
            outcomes.append(Outcome(rel.as_posix(), "unchanged"))
    return outcomes
