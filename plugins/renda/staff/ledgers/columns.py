"""The ledgers' sheets and columns: which field each header holds, how its cells are written,
and the names deputies and stations are written by."""

from __future__ import annotations

import re
from typing import Any, Iterable

from ...core.config import Settings
from ...core.record import Record
from ...core.schema import RECORD_TYPES
from ...core.schema.types import (
    Bool,
    Date,
    Integer,
    ListOf,
    Ref,
    Struct,
)

BODY = "body"
NOTES_SHEET = "填写说明"

#: Workbook file → its sheets, in order.
WORKBOOKS: dict[str, tuple[str, ...]] = {
    "代表名册.xlsx": ("代表名册",),
    "履职活动台账.xlsx": ("履职活动", "整改台账"),
    "建议办理台账.xlsx": ("建议", "答复"),
}

#: Sheet → record type.
SHEET_TYPES: dict[str, str] = {"代表名册": "deputies", "履职活动": "activities", "整改台账": "rectifications",
                               "建议": "suggestions", "答复": "replies"}

#: Default columns of each sheet: header → field path.
COLUMNS: dict[str, dict[str, str]] = {
    "代表名册": {
        "编号": "id", "姓名": "name", "性别": "gender", "民族": "ethnicity", "政治面貌": "party",
        "工作单位及职务": "occupation", "代表层级": "levels", "选区": "constituency",
        "代表小组": "group", "职务": "roles", "届次": "term", "任职日期": "term_start",
        "离任日期": "term_end", "离任原因": "left_reason", "心得体会": "reflections", "公开属性": "disclosure",
        "简介": BODY,
    },
    "履职活动": {
        "编号": "id", "日期": "date", "结束日期": "end", "活动类型": "kind", "标题": "title",
        "参加代表": "deputies", "述职代表": "reporters", "组织单位": "organizer", "代表之家": "station", "代表小组": "group",
        "地点": "place", "接待选民人次": "voters", "主题": "topics", "群众意见": "opinions",
        "形成的建议": "suggestions", "测评满意": "evaluation.satisfied",
        "测评基本满意": "evaluation.basically_satisfied", "测评不满意": "evaluation.dissatisfied",
        "审议意见": "review_opinions", "整改事项": "rectifications", "询问和回答": "questions",
        "公开属性": "disclosure", "内容": BODY,
    },
    "整改台账": {
        "编号": "id", "监督活动": "activity", "报告单位": "unit", "报告日期": "date",
        "完成的整改事项": "items", "标题": "title", "公开属性": "disclosure", "报告内容": BODY,
    },
    "建议": {
        "编号": "id", "序号": "number", "类别": "kind", "标题": "title", "领衔代表": "proposer",
        "附议代表": "cosigners", "提出日期": "submitted", "提出的会议": "meeting", "分类": "category",
        "主办单位": "handlers.lead", "协办单位": "handlers.assist", "交办日期": "assigned",
        "办理期限": "deadline", "交办件提出人": "outside.name", "提出人身份": "outside.role",
        "提出人单位": "outside.unit", "原编号": "outside.reference", "公开属性": "disclosure", "内容": BODY,
    },
    "答复": {
        "编号": "id", "建议编号": "suggestion", "答复单位": "handler", "答复日期": "date",
        "面商日期": "consulted", "办理结果": "result", "最终答复": "final",
        "评价日期": "feedback.date", "满意度": "feedback.satisfaction",
        "代表意见": "feedback.comment", "公开属性": "disclosure", "答复内容": BODY,
    },
}

#: Sheets are imported in this order, so deputies exist before anything names them.
_IMPORT_ORDER = ("代表名册", "履职活动", "整改台账", "建议", "答复")
#: Lists of texts written one item a line (an item may hold commas): the other lists are
#: written on one line, items separated by “、”.
_ONE_PER_LINE = frozenset({("activities", "review_opinions")})
_SPLIT = re.compile(r"[、，,;；\n]")
_BAR = "｜"
_DISCLOSURE_WORDS = {"公开": "public", "内部": "internal"}
_CELL_LIMIT = 32767  # characters Excel keeps in one cell
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LOOSE_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class LedgerError(ValueError):
    """Ledgers cannot be written (the records have errors) or the settings are wrong."""


# Columns ---------------------------------------------------------------------------------


def columns(settings: Settings | None = None) -> dict[str, dict[str, str]]:
    """Each sheet's columns (header → field path): the defaults with the township's
    ``ledger_columns`` renames applied."""
    layout = {sheet: dict(cols) for sheet, cols in COLUMNS.items()}
    overrides = getattr(settings, "ledger_columns", None) or {}
    for sheet, renames in overrides.items():
        if sheet not in layout:
            raise LedgerError(f"ledger_columns 里的工作表“{sheet}”不存在；可用：{'、'.join(layout)}")
        for header, path in (renames or {}).items():
            fields = list(layout[sheet].values())
            if path not in fields:
                raise LedgerError(f"ledger_columns 里“{sheet}”的“{header}”对应的字段 {path} 不存在；"
                                  f"可用：{'、'.join(fields)}")
            clash = next((value for key, value in layout[sheet].items()
                          if key == _clean_header(header) and value != path), None)
            if clash is not None:
                raise LedgerError(f"ledger_columns 里“{sheet}”的表头“{header}”已经是字段 {clash} 的表头，"
                                  "两列不能同名。请换一个表头。")
            layout[sheet] = {(_clean_header(header) if value == path else key): value
                             for key, value in layout[sheet].items()}
    return layout


def _spec(rtype: str, path: str):
    """The schema ``Field`` at ``path`` (``handlers.lead``) of ``rtype``; None for the body."""
    if path == BODY:
        return None
    head, _, sub = path.partition(".")
    spec = RECORD_TYPES[rtype].field_map[head]
    if sub:
        spec = {f.name: f for f in spec.type.fields}[sub]
    return spec


def _kind(rtype: str, path: str) -> str:
    """How a column's cells are written: body, date, bool, int, deputy(s), station, entries
    (a list of groups of fields, one a line, its parts separated by “｜”: 群众意见, 整改事项),
    lines (a list of texts, one a line), list or text."""
    spec = _spec(rtype, path)
    if spec is None:
        return "body"
    kind = spec.type
    if isinstance(kind, ListOf):
        if isinstance(kind.item, Struct):
            return "entries"
        if isinstance(kind.item, Ref) and kind.item.target == "deputies":
            return "deputies"
        return "lines" if (rtype, path) in _ONE_PER_LINE else "list"
    if isinstance(kind, Ref) and kind.target in ("deputies", "stations"):
        return "deputy" if kind.target == "deputies" else "station"
    for name, cls in (("date", Date), ("bool", Bool), ("int", Integer)):
        if isinstance(kind, cls):
            return name
    return "text"


def entry_parts(rtype: str, path: str) -> tuple:
    """The fields of one entry of an ``entries`` column, in the order their parts are written."""
    return _spec(rtype, path).type.item.fields


#: What the parts of an entry are called in a ledger, where the field's label is not the
#: word staff use in a cell (群众意见's 意见内容 is its 概要).
PART_NAMES = {("activities", "opinions", "summary"): "概要"}


def part_name(rtype: str, path: str, part) -> str:
    return PART_NAMES.get((rtype, path, part.name), part.label)


def _required(rtype: str, path: str) -> bool:
    spec = _spec(rtype, path)
    return bool(spec and spec.required and "." not in path)


# Names ----------------------------------------------------------------------------------


class _Names:
    """Deputies and stations by id and by name: names on export, either on import."""

    def __init__(self, entries: dict[str, str]):
        self.names = dict(entries)  # id → name
        self.ids: dict[str, list[str]] = {}
        for rid, name in sorted(entries.items()):
            self.ids.setdefault(name, []).append(rid)

    @classmethod
    def of(cls, records: Iterable[Record]) -> "_Names":
        return cls({r.id: r.get("name") for r in records if r.get("name")})

    def shown(self, rid: str) -> str:
        """The name, unless another record shares it (then the id)."""
        name = self.names.get(rid)
        return name if name and len(self.ids.get(name, ())) == 1 else rid

    def resolve(self, text: str) -> tuple[str, list[str]]:
        """(id, []) for an id or a unique name; (text, [ids]) for a shared name; (text, [])
        when unknown (the validator reports it)."""
        if text in self.names:
            return text, []
        found = self.ids.get(text, [])
        if len(found) == 1:
            return found[0], []
        return text, found


def _clean_header(value: Any) -> str:
    return re.sub(r"\s+", "", str(value)).strip("*＊") if value is not None else ""


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _body(text: str) -> str:
    """A body as a cell shows it: without the blank line after the header and trailing space."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\n").rstrip()
