"""A ledger row on its way to a record file: what it holds, what its columns are called, which
record it names, and the header it becomes."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ...core.frontmatter import Node
from ...core.record import Record
from ...core.schema import RECORD_TYPES
from .columns import _LOOSE_DATE, COLUMNS, SHEET_TYPES, _spec


@dataclass
class _Row:
    """One ledger row on its way to a record file."""

    sheet: str  # the ledger (代表名册…)
    where: str  # the file and sheet, as problems name it: 履职活动台账.xlsx!履职活动
    origin: str  # 代表名册!5, as the summary names it
    number: int
    order: tuple  # the order rows are written and summarised in
    cells: dict[str, Any]  # field path → non-empty cell value
    covered: frozenset[str]  # field paths the sheet has a column for
    header_of: dict[str, str]  # field path → header
    column_of: dict[str, int]  # field path → column number
    id: str | None = None
    existing: Record | None = None
    body: str = ""
    rel: str = ""
    old_rel: str = ""
    text: str = ""
    status: str = ""  # created, updated, unchanged, invalid or duplicate
    namesakes: set = field(default_factory=set)  # field locations holding a shared name

    @property
    def rtype(self) -> str:
        return SHEET_TYPES[self.sheet]


_ID_OK = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z\u4e00-\u9fff._-]*$")


def _text(raw: Any, kind: str) -> str:
    """A cell value as the text a staff member would have typed into the front-matter."""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    text = str(raw).replace("\r\n", "\n").replace("\r", "\n")
    if kind == "date":
        match = _LOOSE_DATE.match(text.strip())
        if match:
            return f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}"
    return text


def _column_path(location: str, covered: frozenset[str]) -> tuple[str, int | None]:
    """The column field path of a problem location, and the line in a 群众意见 cell:
    ``deputies[1]`` → (deputies, None), ``opinions[2].status`` → (opinions, 2),
    ``feedback.date`` → (feedback.date, None), ``""`` → (id, None)."""
    if not location:
        return "id", None
    match = re.match(r"^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?", location)
    if not match:
        return location, None
    head, index, sub = match[1], match[2], match[3]
    if sub and f"{head}.{sub}" in covered | _ALL_PATHS:
        return f"{head}.{sub}", None
    if index is not None and sub:
        return head, int(index)
    return head, None


_ALL_PATHS = frozenset(path for cols in COLUMNS.values() for path in cols.values())


#: A field key written into a message before its label: ``left_reason（离任原因）``.
_FIELD_NAME = re.compile(r"(?<![A-Za-z0-9_.\]])([a-z_]+(?:\.[a-z_]+)?)（")


def _header_or_label(row: _Row, name: str) -> str:
    """What staff call field ``name``: its column header, else its Chinese label."""
    if name in row.header_of:
        return row.header_of[name]
    fields = RECORD_TYPES[row.rtype].field_map
    head, _, sub = name.partition(".")
    spec = fields.get(head)
    if spec is not None and not sub:
        return spec.label
    inner = getattr(spec.type, "item", spec.type) if spec else None
    for candidate in ([inner] if inner else []) + [getattr(f.type, "item", f.type) for f in fields.values()]:
        for child in getattr(candidate, "fields", ()):
            if child.name == (sub or name):
                return child.label
    return name


def _label(rtype: str, path: str) -> str:
    """A field's Chinese label, for problems about a field that has no column."""
    try:
        spec = _spec(rtype, path)
    except KeyError:
        return path
    return spec.label if spec else "正文"


def _natural_key(rtype: str, values: dict) -> tuple | None:
    """What names a record when a row has no 编号 (None when the row lacks it)."""
    if rtype == "deputies":
        key = (values.get("name"),)
    elif rtype == "activities":
        key = (values.get("date"), values.get("kind"), values.get("title"))
    elif rtype == "suggestions":
        submitted = values.get("submitted")
        role = (values.get("outside") or {}).get("role", "")  # others' suggestions are numbered apart
        key = (submitted.year if submitted else None, values.get("kind"), role, values.get("number"))
    elif rtype == "rectifications":
        key = (values.get("activity"), values.get("date"), values.get("unit"))
    else:
        key = (values.get("suggestion"), values.get("date"), values.get("handler"))
    return None if any(part is None for part in key) else key


def _merged(existing: Node, row: Node, covered: frozenset[str]) -> Node:
    """The existing header with the row's columns laid over it: a field with a column takes
    the row's value (or goes, when the cell is empty); one without keeps its value."""
    result = Node("mapping", {}, row.line, 1, key_lines={})
    for key, child in existing.value.items():
        subs = {p.split(".", 1)[1] for p in covered if p.startswith(key + ".")}
        if key in covered or key == "id":
            continue
        if subs and child.kind == "mapping":
            inner = Node("mapping", {}, row.line, 1, key_lines={})
            for name, value in child.value.items():
                if name not in subs:
                    inner.value[name], inner.key_lines[name] = value, child.key_lines[name]
            mine = row.value.get(key)
            if mine is not None:
                for name, value in mine.value.items():
                    inner.value[name], inner.key_lines[name] = value, mine.key_lines[name]
            if inner.value:
                result.value[key], result.key_lines[key] = inner, (row.line, 1)
            continue
        if subs:
            continue
        result.value[key], result.key_lines[key] = child, existing.key_lines[key]
    for key, child in row.value.items():
        if key not in result.value:
            result.value[key], result.key_lines[key] = child, row.key_lines[key]
    return result


def _raw_text(node: Node, body: str) -> str:
    """A record file holding exactly the row's text (every value quoted), for a row the
    schema refused: the validator still sees it, so references to it do not fail as well."""
    def plain(item: Node) -> Any:
        if item.kind == "mapping":
            return {k: plain(v) for k, v in item.value.items()}
        if item.kind == "sequence":
            return [plain(v) for v in item.value]
        return None if item.is_null else item.value

    lines = [f"{key}: {json.dumps(plain(child), ensure_ascii=False)}" for key, child in node.value.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + ("\n" + body + "\n" if body else "")


def _sortable(key: tuple) -> tuple:
    return tuple((0, part) if isinstance(part, int) else (1, str(part)) for part in key)
