"""Ledgers (台账): the records as the Excel workbooks staff already keep, and back again.

Three workbooks, one sheet per record type, one row per record, Chinese column headers:

- 代表名册.xlsx, sheet 代表名册: deputies/ID.md
- 履职活动台账.xlsx, sheet 履职活动: activities/YYYY/ID.md (YYYY of 日期)
- 建议办理台账.xlsx, sheets 建议: suggestions/YYYY/ID.md (YYYY of 提出日期) and 答复:
  replies/YYYY/ID.md (YYYY of 答复日期)

Every workbook also has a sheet 填写说明 (how to fill each column, generated from the schema);
import skips it. ``write_templates`` writes the empty workbooks shipped in ``data/ledgers/``.

Columns (header → field; ``a.b`` is field ``b`` inside the group ``a``; ``body`` the text below
the front-matter). These are the defaults; a township renames headers with the setting
``ledger_columns`` (``{sheet: {header: field}}``: the new header replaces the one the field had):

- 代表名册: 编号 id, 姓名 name, 性别 gender, 民族 ethnicity, 政治面貌 party, 工作单位及职务
  occupation, 代表层级 levels, 选区 constituency, 代表小组 group, 职务 roles, 届次 term,
  任职日期 term_start, 离任日期 term_end, 离任原因 left_reason, 公开属性 disclosure, 简介 body.
- 履职活动: 编号 id, 日期 date, 结束日期 end, 活动类型 kind, 标题 title, 参加代表 deputies,
  组织单位 organizer, 代表之家 station, 代表小组 group, 地点 place, 接待选民人次 voters,
  主题 topics, 群众意见 opinions, 形成的建议 suggestions, 公开属性 disclosure, 内容 body.
- 建议: 编号 id, 序号 number, 类别 kind, 标题 title, 领衔代表 proposer, 附议代表 cosigners,
  提出日期 submitted, 提出的会议 meeting, 分类 category, 主办单位 handlers.lead, 协办单位
  handlers.assist, 交办日期 assigned, 办理期限 deadline, 公开属性 disclosure, 内容 body.
- 答复: 编号 id, 建议编号 suggestion, 答复单位 handler, 答复日期 date, 面商日期 consulted,
  办理结果 result, 最终答复 final, 评价日期 feedback.date, 满意度 feedback.satisfaction,
  代表意见 feedback.comment, 公开属性 disclosure, 答复内容 body.

Cells: an empty cell means the field is absent. Dates are real Excel dates or ``YYYY-MM-DD``
text (``2024/3/5`` and ``2024年3月5日`` are accepted); yes/no is 是/否; several values in one
cell are joined with “、” (“，” “,” “;” “；” and line breaks are accepted on import). Deputies
are written by name, or by id where two deputies share the name; stations by name. 群众意见
holds one opinion a line, ``概要｜办理情况｜转交单位``. 公开属性 is written only when the record
says it (empty = the configured default); 公开/内部 are accepted for public/internal.

Import turns each row into the node tree the strict front-matter reader makes and types it
with the schema, so every field message is the validator's own; it then writes the would-be
files into a temporary copy of the records tree and runs the whole validator there. Problems
are reported as ``工作表!行: 列名: 说明`` (Excel row numbers; the header is row 1, or the row
below a title or two); with any error, nothing is written. A row finds its record by 编号;
without one, by its natural key (deputy: 姓名; activity: 日期, 活动类型, 标题; suggestion:
year, 类别, 序号; reply: 建议编号, 答复日期, 答复单位), so importing the same ledger twice
creates nothing twice. Fields the sheet has no column for (title of a deputy, attachments…)
and comment lines are kept on update. Import never deletes a record.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..core.config import Settings
from ..core.frontmatter import Node, read_file
from ..core.problems import ERROR, Problem
from ..core.record import Record
from ..core.schema import RECORD_TYPES
from ..core.schema.types import (
    Bool,
    Check,
    Choice,
    Date,
    Integer,
    ListOf,
    Partial,
    Ref,
    Struct,
    convert_fields,
)
from ..site.spreadsheet import protect_row
from .pinyin import slug
from .writer import comments_of, render

BODY = "body"
NOTES_SHEET = "填写说明"

#: Workbook file → its sheets, in order.
WORKBOOKS: dict[str, tuple[str, ...]] = {
    "代表名册.xlsx": ("代表名册",),
    "履职活动台账.xlsx": ("履职活动",),
    "建议办理台账.xlsx": ("建议", "答复"),
}

#: Sheet → record type.
SHEET_TYPES: dict[str, str] = {"代表名册": "deputies", "履职活动": "activities", "建议": "suggestions",
                               "答复": "replies"}

#: Default columns of each sheet: header → field path.
COLUMNS: dict[str, dict[str, str]] = {
    "代表名册": {
        "编号": "id", "姓名": "name", "性别": "gender", "民族": "ethnicity", "政治面貌": "party",
        "工作单位及职务": "occupation", "代表层级": "levels", "选区": "constituency",
        "代表小组": "group", "职务": "roles", "届次": "term", "任职日期": "term_start",
        "离任日期": "term_end", "离任原因": "left_reason", "公开属性": "disclosure", "简介": BODY,
    },
    "履职活动": {
        "编号": "id", "日期": "date", "结束日期": "end", "活动类型": "kind", "标题": "title",
        "参加代表": "deputies", "述职代表": "reporters", "组织单位": "organizer", "代表之家": "station", "代表小组": "group",
        "地点": "place", "接待选民人次": "voters", "主题": "topics", "群众意见": "opinions",
        "形成的建议": "suggestions", "公开属性": "disclosure", "内容": BODY,
    },
    "建议": {
        "编号": "id", "序号": "number", "类别": "kind", "标题": "title", "领衔代表": "proposer",
        "附议代表": "cosigners", "提出日期": "submitted", "提出的会议": "meeting", "分类": "category",
        "主办单位": "handlers.lead", "协办单位": "handlers.assist", "交办日期": "assigned",
        "办理期限": "deadline", "公开属性": "disclosure", "内容": BODY,
    },
    "答复": {
        "编号": "id", "建议编号": "suggestion", "答复单位": "handler", "答复日期": "date",
        "面商日期": "consulted", "办理结果": "result", "最终答复": "final",
        "评价日期": "feedback.date", "满意度": "feedback.satisfaction",
        "代表意见": "feedback.comment", "公开属性": "disclosure", "答复内容": BODY,
    },
}

#: Sheets are imported in this order, so deputies exist before anything names them.
_IMPORT_ORDER = ("代表名册", "履职活动", "建议", "答复")
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
    """How a column's cells are written: body, date, bool, int, deputy(s), station, opinions,
    list or text."""
    spec = _spec(rtype, path)
    if spec is None:
        return "body"
    kind = spec.type
    if isinstance(kind, ListOf):
        if isinstance(kind.item, Struct):
            return "opinions"
        if isinstance(kind.item, Ref) and kind.item.target == "deputies":
            return "deputies"
        return "list"
    if isinstance(kind, Ref) and kind.target in ("deputies", "stations"):
        return "deputy" if kind.target == "deputies" else "station"
    for name, cls in (("date", Date), ("bool", Bool), ("int", Integer)):
        if isinstance(kind, cls):
            return name
    return "text"


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


# Export ---------------------------------------------------------------------------------


def export_xlsx(root: Path, outdir: Path, settings: Settings) -> list[Path]:
    """Write 代表名册.xlsx, 履职活动台账.xlsx and 建议办理台账.xlsx for every record of ``root``
    (internal ones too) into ``outdir``; raise ``LedgerError`` when the records have errors."""
    from ..core.problems import sort_problems
    from ..core.validate import validate

    outcome = validate(root, settings, display_root=str(root).rstrip("/"))
    errors = [p for p in sort_problems(outcome.problems) if p.level == ERROR]
    if errors:
        shown = "\n".join(p.format() for p in errors[:20])
        more = f"\n……共 {len(errors)} 个错误。" if len(errors) > 20 else ""
        raise LedgerError(f"记录有错误，不能导出台账。请先按 renda validate 的提示改正：\n{shown}{more}")
    corpus = outcome.corpus
    layout = columns(settings)
    deputies = _Names.of(corpus.by_type["deputies"].values())
    stations = _Names.of(corpus.by_type["stations"].values())
    refused: list[str] = []
    tables: dict[str, list[list[Any]]] = {}
    for sheet, rtype in SHEET_TYPES.items():
        tables[sheet] = [[_export_cell(record, path, _kind(rtype, path), deputies, stations, header, refused)
                          for header, path in layout[sheet].items()]
                         for record in corpus.records if record.type == rtype]
    if refused:
        raise LedgerError("这些内容放进台账后无法原样导回，请先改正：\n" + "\n".join(refused))
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, sheets in WORKBOOKS.items():
        path = outdir / name
        _write_workbook(path, {sheet: tables[sheet] for sheet in sheets}, layout, settings)
        written.append(path)
    return written


def write_templates(outdir: Path, settings: Settings | None = None) -> list[Path]:
    """Write the three empty ledgers (headers and the 填写说明 sheet) into ``outdir``."""
    settings = settings or Settings()
    layout = columns(settings)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, sheets in WORKBOOKS.items():
        path = outdir / name
        _write_workbook(path, {sheet: [] for sheet in sheets}, layout, settings)
        written.append(path)
    return written


def _export_cell(record: Record, path: str, kind: str, deputies: _Names, stations: _Names,
                 header: str, refused: list[str]) -> Any:
    """One record field as a cell value (None for absent)."""
    if kind == "body":
        value = _body(record.body) or None
    elif path == "id":
        value = record.id  # usually the file name, not a field
    else:
        head, _, sub = path.partition(".")
        value = record.get(head)
        if sub:
            value = (value or {}).get(sub)
    if value is None:
        return None
    where = f"{record.path} 的“{header}”"
    if kind == "deputies":
        value = "、".join(deputies.shown(v) for v in value)
    elif kind == "deputy":
        value = deputies.shown(value)
    elif kind == "station":
        value = stations.shown(value)
    elif kind == "bool":
        value = "是" if value else "否"
    elif kind == "list":
        for item in value:
            if _SPLIT.search(str(item)):
                refused.append(f"{where}里的“{item}”含有分隔符（、，,;；或换行）：请拆成几项或换用别的标点。")
        value = "、".join(str(v) for v in value)
    elif kind == "opinions":
        lines = []
        for item in value:
            parts = [item.get("summary", ""), item.get("status", ""), item.get("referred_to", ""),
                     deputies.shown(item["deputy"]) if item.get("deputy") else ""]
            for part in parts:
                if _BAR in part or "\n" in part:
                    refused.append(f"{where}里的“{part}”含有“{_BAR}”或换行：请改用别的标点。")
            while parts and not parts[-1]:
                parts.pop()
            lines.append(_BAR.join(parts))
        value = "\n".join(lines)
    elif kind == "int":
        value = int(value)
    elif kind == "date":
        value = value if isinstance(value, dt.date) else str(value)
    else:
        value = str(value)
    if isinstance(value, str):
        if len(value) > _CELL_LIMIT:
            refused.append(f"{where}有 {len(value)} 个字，超过 Excel 单元格的上限 {_CELL_LIMIT} 个字。")
        elif _ILLEGAL.search(value):
            refused.append(f"{where}里有 Excel 不能保存的控制字符。")
    return value


def _body(text: str) -> str:
    """A body as a cell shows it: without the blank line after the header and trailing space."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\n").rstrip()


def _write_workbook(path: Path, tables: dict[str, list[list[Any]]], layout: dict[str, dict[str, str]],
                    settings: Settings) -> None:
    """One workbook: a sheet per table (header row, then rows) and the 填写说明 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="E7E6E6")
    wrap = Alignment(wrap_text=True, vertical="top")
    for sheet, rows in tables.items():
        rtype = SHEET_TYPES[sheet]
        sheet_columns = list(layout[sheet].items())
        ws = book.create_sheet(sheet)
        ws.append([header for header, _ in sheet_columns])
        for cell in ws[1]:
            cell.font, cell.fill = bold, grey
        kinds = [_kind(rtype, path) for _, path in sheet_columns]
        for values in rows:
            ws.append(values)
            protect_row(ws[ws.max_row])
        for index, ((_, field_path), kind) in enumerate(zip(sheet_columns, kinds), start=1):
            letter = get_column_letter(index)
            ws.column_dimensions[letter].width = {"body": 60, "opinions": 48, "deputies": 30}.get(
                kind, 30 if field_path in ("title", "occupation", "handlers.assist", "topics") else 13)
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                if kind == "date" and isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(cell.value, str):
                    cell.data_type = "s"  # "=…" is text here, never a formula
                    if kind in ("body", "opinions"):
                        cell.alignment = wrap
            choices = _choices(rtype, field_path, settings)
            if choices:
                formula = '"' + ",".join(choices) + '"'
                if len(formula) <= 255:
                    check = DataValidation(type="list", formula1=formula, allow_blank=True,
                                           showErrorMessage=False)
                    check.add(f"{letter}2:{letter}1048576")
                    ws.add_data_validation(check)
        ws.freeze_panes = "A2"
    _write_notes(book.create_sheet(NOTES_SHEET), tables, layout, settings)
    book.save(path)


def _choices(rtype: str, path: str, settings: Settings) -> list[str]:
    """The values a single-choice column offers in a drop-down."""
    spec = _spec(rtype, path)
    if spec is None:
        return []
    if isinstance(spec.type, Choice):
        return list(settings.vocabularies[spec.type.vocabulary])
    if isinstance(spec.type, Bool):
        return ["是", "否"]
    return []


_NOTES = [
    "第一行是列名，请不要改动；列的顺序可以调整。不用的非必填列可以删去：导入时，删去的列保留记录里原有的内容。",
    "从第二行起每行一条记录。空白的单元格表示没有这一项（导入时会从记录里去掉这一项）。",
    "日期用 Excel 的日期，或写成 2024-03-15；是/否 写“是”或“否”。",
    "一格写几项时用顿号“、”隔开（也可以用逗号、分号或换行）。",
    "代表写姓名；两位代表同名时写编号（如 zhang-wei-2），编号见《代表名册》的“编号”列。代表之家写名称或编号。",
    "“编号”是记录的唯一编号（也是文件名）。新记录可以不填，导入时自动生成；已有的编号请保留，重复导入时靠它认出是哪一条记录。",
    "导入：renda import 台账.xlsx（先加 --dry-run 试一下）。有任何问题时一个文件也不写，问题按“工作表!行: 列名: 说明”列出；导入只新建和更新记录，不删除记录。",
    "本工作表（填写说明）不会被导入。",
]


def _write_notes(ws, tables: dict, layout: dict[str, dict[str, str]], settings: Settings) -> None:
    from openpyxl.styles import Alignment, Font

    ws.append(["填写说明"])
    ws["A1"].font = Font(bold=True, size=14)
    for number, note in enumerate(_NOTES, start=1):
        ws.append([f"{number}. {note}"])
    ws.append([])
    ws.append(["工作表", "列名", "必填", "写法", "说明"])
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
    for sheet in tables:
        rtype = SHEET_TYPES[sheet]
        for header, path in layout[sheet].items():
            ws.append([sheet, header, "是" if _required(rtype, path) else "",
                       _how(rtype, path, settings), _doc(rtype, path)])
    for letter, width in zip("ABCDE", (10, 14, 6, 48, 60)):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=header_row + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _how(rtype: str, path: str, settings: Settings) -> str:
    """How to fill a column, in the staff's words."""
    if path == "id":
        return "字母、数字、汉字和 - _ . ；不填时自动生成"
    if path == "disclosure":
        return "public（公开）或 internal（内部，不上公开网站）；不填按默认（公开）"
    kind = _kind(rtype, path)
    spec = _spec(rtype, path)
    if kind == "body":
        return "正文，可以多行（Markdown）"
    if kind == "opinions":
        statuses = "、".join(settings.vocabularies["opinion_statuses"])
        return (f"每条意见一行：概要｜办理情况｜转交单位｜反映代表（用全角竖线“｜”分隔；办理情况是 {statuses} 之一；"
                "没有转交单位时两条竖线之间空着；反映代表写姓名）")
    if kind == "deputies":
        return "代表姓名，几位用“、”隔开；同名的代表写编号"
    if kind == "deputy":
        return "代表姓名；同名的代表写编号"
    if kind == "station":
        return "代表之家（站、室）的名称或编号"
    if kind == "date":
        return "日期，如 2024-03-15"
    if kind == "bool":
        return "是 或 否"
    if kind == "int":
        return "整数"
    item = spec.type.item if isinstance(spec.type, ListOf) else spec.type
    if isinstance(item, Choice):
        one = "以下之一：" + "、".join(settings.vocabularies[item.vocabulary])
        return f"可写几项，用“、”隔开，每项是{one}" if kind == "list" else one
    if isinstance(item, Ref):
        what = f"{RECORD_TYPES[item.target].label}的编号"
        return f"{what}，几个用“、”隔开" if kind == "list" else what
    return "可写几项，用“、”隔开" if kind == "list" else "文字"


def _doc(rtype: str, path: str) -> str:
    if path == BODY:
        return RECORD_TYPES[rtype].body
    return _spec(rtype, path).doc


# Reading workbooks -------------------------------------------------------------------------


@dataclass
class Sheet:
    """One worksheet as values: ``rows`` are (Excel row number, cell values)."""

    file: Path
    name: str
    rows: list[tuple[int, list[Any]]]


def read_workbook(path: Path) -> list[Sheet]:
    """Every worksheet of an .xlsx (openpyxl) or .xls (xlrd) file, told apart by content, not
    by name (WPS sometimes saves one under the other's extension)."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK"):
        from openpyxl import load_workbook

        with open(path, "rb") as handle:
            book = load_workbook(handle, data_only=True)
            return [Sheet(Path(path), ws.title, [(number, list(values)) for number, values in
                                                 enumerate(ws.iter_rows(values_only=True), start=1)])
                    for ws in book.worksheets]
    if head == _OLE:
        import xlrd

        book = xlrd.open_workbook(str(path))
        return [Sheet(Path(path), ws.name, [(number + 1, xls_values(ws.row(number), book.datemode))
                                            for number in range(ws.nrows)])
                for ws in book.sheets()]
    raise LedgerError("不是 Excel 文件（.xlsx 或 .xls）。如果是 WPS 表格（.et），请另存为 .xlsx")


def xls_values(cells, datemode: int) -> list[Any]:
    """The values of one row of xlrd cells: dates as ``datetime``, yes/no as ``bool``."""
    import xlrd

    values: list[Any] = []
    for cell in cells:
        if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            values.append(None)
        elif cell.ctype == xlrd.XL_CELL_DATE:
            try:
                values.append(xlrd.xldate.xldate_as_datetime(cell.value, datemode))
            except (xlrd.xldate.XLDateError, OverflowError, ValueError):
                values.append(cell.value)
        elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
            values.append(bool(cell.value))
        elif cell.ctype == xlrd.XL_CELL_ERROR:
            values.append(xlrd.error_text_from_code.get(cell.value, "#错误"))
        else:
            values.append(cell.value)
    return values


def _clean_header(value: Any) -> str:
    return re.sub(r"\s+", "", str(value)).strip("*＊") if value is not None else ""


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# Import ---------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import found and did. ``problems`` are errors (nothing was written then);
    ``warnings`` did not stop it."""

    root: Path
    dry_run: bool
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    created: list[tuple[str, str]] = field(default_factory=list)  # (path in records, row)
    updated: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    def report(self) -> list[str]:
        """Chinese summary lines for the person who ran the import."""
        lines = list(self.notes)
        lines += [f"警告：{w}" for w in self.warnings]
        if self.problems:
            return lines + [f"发现 {len(self.problems)} 个问题，没有写任何文件。请改正台账后重新导入。"]
        if self.dry_run:
            lines.append("（试运行，没有写文件）")
        verb = ("将" if self.dry_run else "")
        lines += [f"{verb}新建 {(self.root / rel).as_posix()}（{origin}）" for rel, origin in self.created]
        lines += [f"{verb}更新 {(self.root / rel).as_posix()}（{origin}）" for rel, origin in self.updated]
        lines.append(f"新建 {len(self.created)} 条，更新 {len(self.updated)} 条，没有变化 {self.unchanged} 条。")
        return lines


@dataclass
class _Row:
    """One ledger row on its way to a record file."""

    sheet: str  # the ledger (代表名册…)
    origin: str  # 代表名册!5, as problems name it
    number: int
    order: tuple  # sort key of its problems
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


class _Importer:
    """One run of ``import_files``: problems are gathered, nothing is written until the end."""

    def __init__(self, root: Path, settings: Settings, dry_run: bool):
        self.root = Path(root)
        self.settings = settings
        self.layout = columns(settings)
        self.result = ImportResult(self.root, dry_run)
        self.errors: list[tuple[tuple, str]] = []
        self.warnings: list[tuple[tuple, str]] = []
        self.rows: list[_Row] = []
        self.baseline: set[Problem] = set()
        self.records: dict[str, dict[str, Record]] = {t: {} for t in RECORD_TYPES}
        self.reserved: dict[str, set[str]] = {t: set() for t in RECORD_TYPES}

    # Problems ----------------------------------------------------------------------------

    def problem(self, order: tuple, text: str, level: str = ERROR) -> None:
        (self.errors if level == ERROR else self.warnings).append((order, text))

    def row_problem(self, row: _Row, location: str, message: str, level: str = ERROR) -> None:
        """A problem of ``row`` at field location ``location`` (``deputies[1]``, ``body``)."""
        path, _ = _column_path(location, row.covered)
        header = row.header_of.get(path) or _label(row.rtype, path)
        column = row.column_of.get(path, 0)
        self.problem(row.order + (column,), f"{row.origin}: {header}: {message}", level)

    def field_problem(self, row: _Row, problem: Problem) -> None:
        """A validator problem about ``row``'s record, its field named by the column header."""
        path, index = _column_path(problem.field, row.covered)
        header = row.header_of.get(path) or _label(row.rtype, path)
        shown = header if index is None else f"{header}第{index + 1}行"
        message = problem.message.replace(f"{problem.field}（", f"{shown}（", 1) if problem.field else problem.message
        message = _FIELD_NAME.sub(lambda m: _header_or_label(row, m[1]) + "（", message)
        self.row_problem(row, problem.field, message, problem.level)

    # Reading -----------------------------------------------------------------------------

    def read(self, paths: list[Path]) -> None:
        sheets: list[tuple[int, Sheet, str, int]] = []  # (file, sheet, ledger, header position)
        for file_index, path in enumerate(paths):
            try:
                found = read_workbook(path)
            except LedgerError as exc:
                self.problem((file_index,), f"{Path(path).name}: {exc}")
                continue
            except Exception as exc:  # a damaged file is the user's problem, not a traceback
                self.problem((file_index,), f"{Path(path).name}: 打不开这个文件（{exc}）。请用 Excel 或 WPS 打开后另存为 .xlsx 再试。")
                continue
            for sheet in found:
                if sheet.name.strip() == NOTES_SHEET or not any(
                        not _empty(v) for _, values in sheet.rows for v in values):
                    continue  # the instructions, or an empty Sheet2
                ledger, position = self.recognise(sheet)
                if ledger is None:
                    self.result.notes.append(f"跳过 {sheet.file.name} 的工作表“{sheet.name}”：认不出是哪种台账。")
                    continue
                sheets.append((file_index, sheet, ledger, position))
            if not any(entry[0] == file_index for entry in sheets):
                self.problem((file_index,), f"{Path(path).name}: 认不出是哪种台账：工作表名应是"
                                            f"{'、'.join(SHEET_TYPES)}之一，或者第一行是台账的列名。")
        names = [entry[1].name for entry in sheets]
        for sheet_index, (file_index, sheet, ledger, position) in enumerate(sheets):
            label = sheet.name if names.count(sheet.name) == 1 else f"[{sheet.file.name}]{sheet.name}"
            self.read_sheet(sheet, ledger, position, label, (file_index, sheet_index))

    def read_sheet(self, sheet: Sheet, ledger: str, position: int, label: str, order: tuple) -> None:
        """Check the header row of a recognised sheet and take its non-empty rows."""
        rtype = SHEET_TYPES[ledger]
        known = self.layout[ledger]
        header_row, headers = sheet.rows[position]
        by_column: dict[int, str] = {}
        header_of: dict[str, str] = {}
        column_of: dict[str, int] = {}
        for index, value in enumerate(headers):
            header = _clean_header(value)
            if not header:
                continue
            where = order + (header_row, index + 1)
            if header not in known:
                close = difflib.get_close_matches(header, list(known), n=1, cutoff=0.5)
                hint = f"是不是“{close[0]}”？" if close else f"可用的列：{'、'.join(known)}。"
                self.problem(where, f"{label}!{header_row}: {header}: 没有“{header}”这一列。{hint}")
                continue
            path = known[header]
            if path in header_of:
                self.problem(where, f"{label}!{header_row}: {header}: “{header}”列出现了两次，请删去一列。")
                continue
            by_column[index] = path
            header_of[path] = header
            column_of[path] = index + 1
        for header, path in known.items():
            if _required(rtype, path) and path not in header_of:
                self.problem(order + (header_row, 0),
                             f"{label}!{header_row}: {header}: 缺少必填的“{header}”列，请加上这一列。")
        header_of.setdefault("id", next(h for h, p in known.items() if p == "id"))
        covered = frozenset(by_column.values())
        for number, values in sheet.rows[position + 1:]:
            cells = {}
            for index, path in by_column.items():
                value = values[index] if index < len(values) else None
                if not _empty(value):
                    cells[path] = value
            if not cells:
                continue
            self.rows.append(_Row(ledger, f"{label}!{number}", number, order + (number,), cells,
                                  covered, header_of, column_of))

    def recognise(self, sheet: Sheet) -> tuple[str | None, int]:
        """Which ledger a sheet is (by its name, else by its headers) and the position of its
        header row in ``sheet.rows`` (a title row or two above it is allowed)."""
        name = sheet.name.strip()
        candidates = [name] if name in self.layout else list(self.layout)
        for position, (_, values) in enumerate(sheet.rows[:5]):
            cells = {_clean_header(v) for v in values}
            scores = sorted(((len(cells & set(self.layout[c])), c) for c in candidates), reverse=True)
            best, ledger = scores[0]
            unique = len(scores) == 1 or scores[1][0] < best
            if best >= (2 if name in self.layout else 3) and unique:
                return ledger, position
        return None, 0

    # Rows to records ---------------------------------------------------------------------

    def load_tree(self) -> None:
        from ..core.validate import validate

        if not self.root.is_dir():
            return
        outcome = validate(self.root, self.settings, display_root="")
        self.baseline = set(outcome.problems)
        for record in outcome.corpus.records:
            self.records[record.type].setdefault(record.id, record)

    def build(self) -> None:
        """Find or name each row's record, type its values, and render its file."""
        rows = sorted(self.rows, key=lambda r: _IMPORT_ORDER.index(r.sheet))
        deputies = {rid: r.get("name") for rid, r in self.records["deputies"].items() if r.get("name")}
        claimed: dict[str, dict[str, _Row]] = {t: {} for t in SHEET_TYPES.values()}
        for row in rows:  # every row's own 编号 first: found or generated ones must not take them
            given = _text(row.cells.get("id", ""), "text").strip()
            if _ID_OK.match(given):
                row.id = given
                self.reserved[row.rtype].add(given)
        self.stations = _Names.of(self.records["stations"].values())
        for row in rows:
            if row.sheet == "代表名册":
                self.identify(row, claimed)
                name = row.cells.get("name")
                if row.id and name is not None:
                    deputies[row.id] = _text(name, "text")
        self.deputies = _Names(deputies)
        for row in rows:
            if row.sheet != "代表名册":
                self.identify(row, claimed)
            self.type_row(row)

    def identify(self, row: _Row, claimed: dict[str, dict[str, _Row]]) -> None:
        """Settle the row's id: its 编号, the existing record its natural key names, or a new one."""
        rtype = row.rtype
        taken = claimed[rtype]
        if row.id is None and "id" not in row.cells:
            scratch = convert_fields(RECORD_TYPES[rtype].fields, self.node(row, quiet=True),
                                     Check(row.origin, "", self.settings, []))
            row.id = self.match(row, scratch, taken) or self.new_id(rtype, scratch, taken)
        if row.id is None:
            return
        if row.id in taken:
            other = taken[row.id]
            self.row_problem(row, "id", f"{RECORD_TYPES[rtype].label}编号“{row.id}”重复：{other.origin} 也是这条记录。"
                                        "请删去重复的一行，或改正编号。")
            row.id, row.status = None, "duplicate"
            return
        taken[row.id] = row
        row.existing = self.records[rtype].get(row.id)

    def match(self, row: _Row, values: dict, taken: dict) -> str | None:
        """The id of the existing record this row without 编号 is (by its natural key)."""
        key = _natural_key(row.rtype, values)
        if key is None:
            return None
        candidates = [r for rid, r in sorted(self.records[row.rtype].items())
                      if rid not in taken and rid not in self.reserved[row.rtype] and _natural_key(row.rtype, r.data) == key]
        if not candidates:
            return None
        # Namesakes: the one that agrees with the row on most fields.
        best = max(candidates, key=lambda r: sum(r.data.get(k) == v for k, v in values.items()))
        return best.id

    def new_id(self, rtype: str, values: dict, taken: dict) -> str | None:
        """A new id by the naming rules of the sample records, free in the tree and this import."""
        base = _id_base(rtype, values, self.settings)
        if base is None:
            return None
        used = set(self.records[rtype]) | set(taken) | self.reserved[rtype]
        if rtype == "replies":
            for letter in "abcdefghijklmnopqrstuvwxyz":
                if f"{base}-{letter}" not in used:
                    return f"{base}-{letter}"
            base += "-z"
        candidate, number = base, 1
        while candidate in used:
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def node(self, row: _Row, quiet: bool = False) -> Node:
        """The row as the reader's node tree (deputies and stations resolved to ids)."""
        mapping = Node("mapping", {}, row.number, 1, key_lines={})
        for path in sorted(row.cells, key=lambda p: row.column_of.get(p, 0)):
            if path == BODY:
                continue
            column = row.column_of.get(path, 1)
            value = self.value_node(row, path, row.cells[path], column, quiet)
            if value is None:
                continue
            head, _, sub = path.partition(".")
            target = mapping
            if sub:
                if head not in mapping.value:
                    mapping.value[head] = Node("mapping", {}, row.number, column, key_lines={})
                    mapping.key_lines[head] = (row.number, column)
                target, head = mapping.value[head], sub
            target.value[head] = value
            target.key_lines[head] = (row.number, column)
        return mapping

    def value_node(self, row: _Row, path: str, raw: Any, column: int, quiet: bool) -> Node | None:
        kind = _kind(row.rtype, path)

        def scalar(text: str) -> Node:
            return Node("scalar", text, row.number, column)

        if kind == "opinions":
            items = []
            for line_index, line in enumerate(l for l in _text(raw, "text").split("\n") if l.strip()):
                bar = _BAR if _BAR in line else "|"
                parts = [p.strip() for p in line.split(bar)]
                if len(parts) > 4 and not quiet:
                    self.row_problem(row, path, f"第 {line_index + 1} 行“{line.strip()}”分成了 {len(parts)} 段，"
                                                f"最多是“概要{_BAR}办理情况{_BAR}转交单位{_BAR}反映代表”四段。")
                item = Node("mapping", {}, row.number, column, key_lines={})
                for name, part in zip(("summary", "status", "referred_to", "deputy"), parts):
                    if part:
                        if name == "deputy":
                            part = self.deputy(row, f"{path}[{line_index}].deputy", part, quiet)
                        item.value[name] = scalar(part)
                        item.key_lines[name] = (row.number, column)
                items.append(item)
            return Node("sequence", items, row.number, column) if items else None
        if kind in ("list", "deputies"):
            parts = [p.strip() for p in _SPLIT.split(_text(raw, "text")) if p.strip()]
            if kind == "deputies":
                parts = [self.deputy(row, f"{path}[{i}]", p, quiet) for i, p in enumerate(parts)]
            return Node("sequence", [scalar(p) for p in parts], row.number, column) if parts else None
        text = _text(raw, kind).strip()
        if kind == "deputy":
            text = self.deputy(row, path, text, quiet)
        elif kind == "station":
            text = self.stations.resolve(text)[0]
        elif path == "disclosure":
            text = _DISCLOSURE_WORDS.get(text, text)
        return scalar(text) if text else None

    def deputy(self, row: _Row, where: str, text: str, quiet: bool) -> str:
        """A deputy's id for a name or id; a name two deputies share is a problem."""
        rid, namesakes = self.deputies.resolve(text)
        if namesakes and not quiet:
            row.namesakes.add(where)
            self.row_problem(row, where, f"“{text}”是 {len(namesakes)} 位代表的姓名（{'、'.join(namesakes)}），"
                                         "同名时请写编号。")
        return rid

    def type_row(self, row: _Row) -> None:
        """Type the row (merged into its existing record), and render the file it would write."""
        if row.status == "duplicate":
            return  # its other row stands for the record
        rtype = RECORD_TYPES[row.rtype]
        node = self.node(row)
        existing_text = ""
        if row.existing is not None:
            path = self.root / row.existing.source
            existing_text = path.read_bytes().decode("utf-8-sig", errors="replace")
            document = read_file(path, row.existing.path, self.settings.limits)
            if document.header is not None:
                node = _merged(document.header, node, row.covered)
        problems: list[Problem] = []
        values = convert_fields(rtype.fields, node, Check(row.origin, rtype.label, self.settings, problems))
        missing = {p for p in (f.name for f in rtype.fields) if _required(row.rtype, p) and p not in row.covered}
        for problem in problems:
            if problem.code == "F02" and problem.field in missing:
                continue  # the missing column is reported once
            self.field_problem(row, problem)
        if BODY in row.covered:
            row.body = _body(_text(row.cells.get(BODY, ""), "body"))
        elif row.existing is not None:
            row.body = _body(row.existing.body)
        if isinstance(values, Partial) or row.id is None or any(p.level == ERROR for p in problems):
            row.status = "invalid"
            # Still in the tree the validator sees, under its id, so what names it resolves.
            stem = row.id if row.id else f"_{row.sheet}-{row.number}"
            row.rel = row.existing.source if row.existing else f"{row.rtype}/0000/{stem}.md"
            row.text = _raw_text(node, row.body)
            return
        values = dict(values)
        values.pop("id", None)
        if row.existing is not None and "id" in row.existing.data:
            values["id"] = row.existing.id
        folder = rtype.name
        if rtype.year_field:
            folder += f"/{values[rtype.year_field].year}"
        if row.existing is not None:
            old = row.existing.source
            row.rel = old if old.rsplit("/", 1)[0] == folder else f"{folder}/{old.rsplit('/', 1)[-1]}"
            if row.rel != old:
                row.old_rel = old
            same_body = _body(row.existing.body) == row.body
            if row.existing.data == values and same_body and row.rel == old:
                row.status = "unchanged"
                return
            body = row.existing.body if same_body else ("\n" + row.body + "\n" if row.body else "")
            row.text = render(rtype.name, values, body, comments_of(existing_text))
            row.status = "updated"
        else:
            row.rel = f"{folder}/{row.id}.md"
            row.text = render(rtype.name, values, "\n" + row.body + "\n" if row.body else "")
            row.status = "created"

    # Validating the would-be tree ---------------------------------------------------------

    def check_tree(self) -> None:
        """Write the would-be files into a copy of the tree and run the whole validator."""
        from ..core.validate import validate

        with tempfile.TemporaryDirectory(prefix="renda-import-") as scratch:
            copy = Path(scratch) / "records"
            if self.root.is_dir():
                shutil.copytree(self.root, copy, symlinks=True, copy_function=_link_or_copy)
            else:
                copy.mkdir()
            by_path: dict[str, _Row] = {}
            for row in self.rows:
                if row.status == "duplicate":
                    continue
                by_path[row.rel] = row
                if row.status == "unchanged":
                    continue
                if row.old_rel:
                    (copy / row.old_rel).unlink()
                target = copy / row.rel
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.exists():  # a hard link to the real file: never write through it
                    target.unlink()
                _write(target, row.text)
            outcome = validate(copy, self.settings, display_root="")
        for problem in outcome.problems:
            row = by_path.get(problem.path)
            if row is None or row.status == "unchanged":
                if problem in self.baseline:
                    continue  # it was there before the import
                if row is None:
                    text = Problem(f"{self.root.as_posix()}/{problem.path}", problem.line, problem.column,
                                   problem.code, problem.level, problem.field, problem.message).format()
                    self.problem((1_000_000, problem.path, problem.line), text, problem.level)
                    continue
            if problem.code[0] in "RS" or (problem.code[0] == "F" and problem.code != "F13"):
                continue  # the row's own typing reported it already
            if problem.code == "X02" and problem.field in row.namesakes:
                continue  # reported as a shared name
            self.field_problem(row, problem)

    def write(self) -> None:
        for row in self.rows:
            if row.status not in ("created", "updated"):
                continue
            target = self.root / row.rel
            target.parent.mkdir(parents=True, exist_ok=True)
            _write(target, row.text)
            if row.old_rel:
                (self.root / row.old_rel).unlink()

    def run(self, paths: list[Path]) -> ImportResult:
        self.read(paths)
        self.load_tree()
        self.build()
        if self.rows:
            self.check_tree()
        result = self.result
        result.problems = [text for _, text in sorted(self.errors, key=lambda p: _sortable(p[0]))]
        result.warnings = [text for _, text in sorted(self.warnings, key=lambda p: _sortable(p[0]))]
        for row in sorted(self.rows, key=lambda r: _sortable(r.order)):
            if row.status == "created":
                result.created.append((row.rel, row.origin))
            elif row.status == "updated":
                moved = f"，原在 {(self.root / row.old_rel).as_posix()}" if row.old_rel else ""
                result.updated.append((row.rel, row.origin + moved))
            elif row.status == "unchanged":
                result.unchanged += 1
        if not result.problems and not result.dry_run:
            self.write()
        return result


def import_files(paths: list[Path], root: Path, settings: Settings, dry_run: bool = False) -> ImportResult:
    """Import ledgers into the records tree at ``root``: all rows or, on any error, none."""
    return _Importer(root, settings, dry_run).run([Path(p) for p in paths])


# Helpers --------------------------------------------------------------------------------

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
        key = (submitted.year if submitted else None, values.get("kind"), values.get("number"))
    else:
        key = (values.get("suggestion"), values.get("date"), values.get("handler"))
    return None if any(part is None for part in key) else key


def _id_base(rtype: str, values: dict, settings: Settings) -> str | None:
    """The id a new record gets before -2, -3…: zhang-wei, 2024-03-12-shicha, 2024-003,
    2024-yian-01, 2024-003 (a reply, which gets -a, -b…)."""
    if rtype == "deputies":
        name = values.get("name")
        return slug(name, surname=True) if name else None
    if rtype == "activities":
        day, kind = values.get("date"), values.get("kind")
        return f"{day.isoformat()}-{slug(kind)}" if day and kind else None
    if rtype == "suggestions":
        submitted, kind, number = values.get("submitted"), values.get("kind"), values.get("number")
        if not (submitted and kind and number):
            return None
        if kind == "建议":
            return f"{submitted.year}-{number:03d}"
        return f"{submitted.year}-{slug(kind)}-{number:02d}"
    return values.get("suggestion")


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


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _link_or_copy(source: str, target: str) -> None:
    """Copy a file into the scratch tree cheaply (a hard link where the file system allows)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _sortable(key: tuple) -> tuple:
    return tuple((0, part) if isinstance(part, int) else (1, str(part)) for part in key)
