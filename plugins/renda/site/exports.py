"""A year's statistics as tables: CSV files (UTF-8 with BOM, so WPS and Excel read the
Chinese) and one XLSX workbook with a sheet per table. Headers are Chinese; numbers stay
numbers; rates are fractions 0–1 formatted as percentages in the workbook.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from ..core.figures import label
from ..core.stats import Statistics, compare_all, year_over_year
from ..core.strokes import name_key
from .spreadsheet import csv_value, protect_row


@dataclass
class Table:
    """One table: a file-safe ``name``, a Chinese ``title`` (the sheet), headers and rows."""

    name: str
    title: str
    headers: list[str]
    rows: list[list[Any]]
    #: Columns, and rows, holding fractions 0–1, shown as percentages in the workbook.
    rate_columns: tuple[int, ...] = ()
    rate_rows: tuple[int, ...] = ()
    #: In rate rows, the first column holding a value (the ones before are labels).
    rate_offset: int = 1


def tables(stats: Statistics, previous: Statistics | None = None, ranking: bool = True) -> list[Table]:
    """Every table of one year, in the order of the statistics page. Without ``ranking`` the
    deputies' table has no points and ranks and lists them in surname-stroke order."""
    summary = stats.summary()
    before = previous.summary() if previous else None
    yoy = year_over_year(summary, before)
    everything = compare_all(summary, before)
    a, s, m = summary["activities"], summary["suggestions"], summary["meetings"]
    return [
        Table("summary", "主要数字", ["项目", f"{stats.year}年", f"{stats.year - 1}年", "增减"],
              [[r["label"], r["value"], r["previous"], r["change"]] for r in yoy],
              rate_rows=tuple(i for i, r in enumerate(yoy) if r["rate"])),
        Table("comparison", "逐项比较", ["类别", "项目", f"{stats.year}年", f"{stats.year - 1}年", "增减"],
              [[r["group"], r["label"], r["value"], r["previous"], r["change"]] for r in everything],
              rate_rows=tuple(i for i, r in enumerate(everything) if r["rate"]), rate_offset=2),
        Table("activities", "履职活动", ["活动类型", "次数", "参加代表（人次）"],
              [[k, a["by_kind"][k], a["person_times_by_kind"][k]] for k in a["by_kind"]]
              + [["合计", a["total"], a["person_times"]]]),
        Table("suggestions", "议案建议", ["项目", "件数"],
              [[label(f"suggestions.{key}"), s[key]] for key in ("assigned", "replied", "replied_on_time",
                                                                  "overdue", "unanswered")]
              + [[label(f"suggestions.by_kind.{k}"), n] for k, n in s["by_kind"].items()]
              + [[label(f"suggestions.by_result.{k}"), n] for k, n in s["by_result"].items()]
              + [[label(f"suggestions.by_satisfaction.{k}"), n] for k, n in s["by_satisfaction"].items()]
              + [[label("suggestions.evaluated"), s["evaluated"]]]),
        Table("categories", "建议分类", ["分类", "件数"], [[k, n] for k, n in s["by_category"].items()]),
        Table("meetings", "会议", ["项目", "次数"],
              [[label(f"meetings.by_kind.{k}"), n] for k, n in m["by_kind"].items()]
              + [[label(f"meetings.presidium_per_quarter.{q}"), n] for q, n in enumerate(m["presidium_per_quarter"])]
              + [[label(f"meetings.{key}"), m[key]] for key in ("reports_reviewed", "votes", "votes_passed")]),
        Table("groups", "代表小组", ["代表小组", "在任代表（名）", "参与代表（名）", "参与率", "参加活动（次）",
                                  "参加活动代表（人次）", "小组活动（次）", "小组会议（次）", "接待选民（人次）"],
              [[g["group"], g["in_office"], g["participated"], g["participation_rate"], g["activities"],
                g["person_times"], g["group_activities"], g["group_meetings"], g["voters"]]
               for g in stats.groups()], rate_columns=(3,)),
        Table("stations", "代表之家", ["名称", "活动（次）", "参加活动代表（人次）", "接待选民（人次）",
                                    "收集群众意见（条）", "意见已办结（条）", "意见已转交（条）"],
              [[r["name"], r["activities"], r["person_times"], r["voters"], r["opinions"], r["resolved"],
                r["referred"]] for r in stats.stations()]),
        _deputies_table(stats, ranking),
        Table("compliance", "履职规定", ["规定", "结果", "说明"],
              [[c["rule"], {True: "达到", False: "未达到", None: "进行中"}[c["ok"]], c["detail"]]
               for c in summary["compliance"]]),
    ] + ([_plan_table(summary["plan"])] if summary["plan"] and summary["plan"]["rows"] else [])


def _plan_table(plan: dict) -> Table:
    """The year's 工作要点, task by task: what was planned, what was done."""
    return Table("plan", "工作要点完成情况", ["任务", "计数", "计划（次）", "完成（次）", "结果"],
                 [[r["text"], r["kind"] or "—", r["target"], r["actual"], plan_result(r)] for r in plan["rows"]])


def plan_result(row: dict) -> str:
    """A task's result in words: 已完成, 未完成, 进行中, or 不计数 for a task with no count."""
    if row["target"] is None:
        return "不计数"
    return {True: "已完成", False: "未完成", None: "进行中"}[row["ok"]]


def _deputies_table(stats: Statistics, ranking: bool) -> Table:
    """Per deputy: what each did; with ``ranking`` also points and ranks (a deputy who left
    during the year has none)."""
    rows = stats.deputies_table()
    facts = ["姓名", "代表小组", "活动（次）", "述职（次）", "出席会议（次）", "缺席会议（次）", "其中请假（次）",
             "领衔建议（件）", "附议建议（件）", "反映意见（条）"]

    def values(r: dict) -> list:
        return [r["name"] + ("（年内离任）" if r["left"] else ""), r["group"], r["activities"], r["reported"],
                r["meetings_attended"], r["meetings_missed"], r["meetings_excused"], r["suggestions_led"],
                r["suggestions_cosigned"], r["opinions"]]

    if ranking:
        return Table("deputies", "代表履职积分", ["名次"] + facts + ["积分"],
                     [[r["rank"]] + values(r) + [r["points"]] for r in rows])
    rows = sorted(rows, key=lambda r: name_key(r["name"] or r["deputy"]))
    return Table("deputies", "代表履职情况", facts, [values(r) for r in rows])


#: Each table's file, by the name people ask for it: 2025年履职活动统计.csv.
FILE_NAMES = {"summary": "主要数字", "comparison": "逐项比较", "activities": "履职活动", "suggestions": "议案建议",
              "categories": "建议分类", "meetings": "会议", "groups": "代表小组", "stations": "代表之家",
              "deputies": "代表履职", "compliance": "履职规定", "plan": "工作要点完成情况"}


def workbook_name(year: int) -> str:
    return f"{year}年统计数据.xlsx"


def csv_name(year: int, table: str) -> str:
    return f"{year}年{FILE_NAMES[table]}统计.csv"


def download_names(year: int, plan: bool = False) -> list[str]:
    """The names of a year's download files (the XLSX and a CSV per table), in Chinese: the
    name a clerk saves and finds again. Only a year with a 工作要点 (``plan``) has its table."""
    return [workbook_name(year)] + [csv_name(year, name) for name in FILE_NAMES if plan or name != "plan"]


def downloads(stats: Statistics, previous: Statistics | None, ranking: bool = False) -> dict[str, bytes]:
    """The files offered on a year's statistics page: file name → content."""
    year_tables = tables(stats, previous, ranking)
    files = {workbook_name(stats.year): to_xlsx(year_tables, stats.period.end)}
    for table in year_tables:
        files[csv_name(stats.year, table.name)] = to_csv(table)
    return files


def to_csv(table: Table) -> bytes:
    """One table as CSV, UTF-8 with a byte-order mark (Excel and WPS then read Chinese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_value(v) for v in table.headers])
    writer.writerows([["" if v is None else csv_value(v) for v in row] for row in table.rows])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(all_tables: list[Table], as_of: dt.date) -> bytes:
    """All tables as one workbook, a sheet each, headers bold, rates as percentages.
    The same tables give the same bytes: the workbook is dated ``as_of``, not now."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in all_tables:
        sheet = workbook.create_sheet(table.title)
        sheet.append(table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for number, row in enumerate(table.rows, start=2):
            sheet.append(row)
            protect_row(sheet, number, row)
        for column in table.rate_columns:
            for cells in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
                cells[0].number_format = "0.00%"
        for row in table.rate_rows:
            for cell in sheet[row + 2][table.rate_offset:]:
                cell.number_format = "0.00%"
        for index, header in enumerate(table.headers, start=1):
            width = max([len(str(header))] + [len(str(r[index - 1] or "")) for r in table.rows[:200]])
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(60, 2 * width + 2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return reproducible(buffer.getvalue(), as_of)


def reproducible(xlsx: bytes, as_of: dt.date) -> bytes:
    """An XLSX file with its creation and modification dates and its ZIP entries' times set
    to ``as_of`` (openpyxl writes the time of saving), so rebuilds give identical bytes."""
    stamp = f"{as_of.isoformat()}T00:00:00Z"
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, \
            zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            info = zipfile.ZipInfo(item.filename, date_time=(as_of.year, as_of.month, as_of.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return output.getvalue()
