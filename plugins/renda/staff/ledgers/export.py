"""Writing the records as the ledgers, and the empty templates with their 填写说明."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ...core.config import Settings
from ...core.problems import ERROR
from ...core.record import Record
from ...core.schema import RECORD_TYPES
from ...core.schema.types import (
    Bool,
    Choice,
    Date,
    ListOf,
    Ref,
)
from ...site.spreadsheet import protect_row
from .columns import (
    _BAR,
    _CELL_LIMIT,
    _ILLEGAL,
    _SPLIT,
    BODY,
    NOTES_SHEET,
    SHEET_TYPES,
    WORKBOOKS,
    LedgerError,
    _body,
    _kind,
    _Names,
    _required,
    _spec,
    columns,
    entry_parts,
    part_name,
)

# Export ---------------------------------------------------------------------------------


def export_xlsx(root: Path, outdir: Path, settings: Settings) -> list[Path]:
    """Write 代表名册.xlsx, 履职活动台账.xlsx and 建议办理台账.xlsx for every record of ``root``
    (internal ones too) into ``outdir``; raise ``LedgerError`` when the records have errors."""
    from ...core.problems import sort_problems
    from ...core.validate import validate

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
    elif kind == "lines":
        for item in value:
            if "\n" in str(item):
                refused.append(f"{where}里的“{item}”含有换行：一项只能写一行。")
        value = "\n".join(str(v) for v in value)
    elif kind == "entries":
        lines = []
        for item in value:
            parts = [_part(item.get(part.name), part, deputies) for part in entry_parts(record.type, path)]
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


def _part(value: Any, part, deputies: _Names) -> str:
    """One part of an entry as written in its cell: a deputy by name, a date ISO."""
    if value is None:
        return ""
    if isinstance(part.type, Ref) and part.type.target == "deputies":
        return deputies.shown(value)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


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
        for number, values in enumerate(rows, start=2):
            ws.append(values)
            protect_row(ws, number, values)
        for index, ((_, field_path), kind) in enumerate(zip(sheet_columns, kinds), start=1):
            letter = get_column_letter(index)
            ws.column_dimensions[letter].width = {"body": 60, "entries": 48, "lines": 40, "deputies": 30}.get(
                kind, 30 if field_path in ("title", "occupation", "handlers.assist", "topics") else 13)
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                if kind == "date" and isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(cell.value, str):
                    cell.data_type = "s"  # "=…" is text here, never a formula
                    if kind in ("body", "entries", "lines"):
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
    if kind == "entries":
        parts = entry_parts(rtype, path)
        notes = []
        for part in parts:
            name = part_name(rtype, path, part)
            if isinstance(part.type, Choice):
                notes.append(f"{name}是 {'、'.join(settings.vocabularies[part.type.vocabulary])} 之一")
            elif isinstance(part.type, Date):
                notes.append(f"{name}写日期，如 2024-08-31")
            elif isinstance(part.type, Ref) and part.type.target == "deputies":
                notes.append(f"{name}写姓名")
        empty = next((part_name(rtype, path, p) for p in parts if not p.required), None)
        if empty:
            notes.append(f"没有{empty}时两条竖线之间空着")
        return (f"每条一行：{'｜'.join(part_name(rtype, path, p) for p in parts)}（用全角竖线“｜”分隔；"
                + "；".join(notes) + "）")
    if kind == "lines":
        return "每项一行"
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


