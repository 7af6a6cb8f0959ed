"""The data part of the annual work report (人大工作报告), written from a year's figures.

Real township reports spread the figures over their sections — 监督工作, 代表工作, 自身建设 —
name the reports heard and the livelihood projects voted, and name the activities deputies did
most. ``facts`` gathers what the text needs from a year's statistics; the wording lives in the
Jinja template ``templates/renda/work_report.txt`` (a site overrides it in ``custom_dir``, the
CLI reads the package's). Every clause is written only when its figure is there: no
"0 次". ``sections`` gives (heading, paragraph) pairs; ``docx`` the same as a Word document,
since the chairman edits the report in WPS or Word. Percentages are printed as people write
them: 100%, 89.55%.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from pathlib import Path
from typing import Any

import jinja2

TEMPLATES = Path(__file__).parent.parent / "templates"
#: How many names a sentence lists before it says 等 (reports heard, projects, kinds).
NAMED = 4


def percent(value: float | None) -> str:
    """A fraction 0–1 as a percentage with at most two decimals (0.8955 → 89.55%)."""
    if value is None:
        return "—"
    text = f"{value * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def change(value: float | None, is_rate: bool = False) -> str:
    """A change from one year to the next as people write it: +3, −2, +1.5 个百分点, 持平
    (no change), — (nothing to compare with)."""
    if value is None:
        return "—"
    if abs(value) < 1e-9:
        return "持平"
    if is_rate:
        text = f"{value * 100:+.2f}".rstrip("0").rstrip(".")
        return f"{text} 个百分点"
    return f"{value:+g}"


def listed(names: list[str], limit: int = NAMED) -> str:
    """Names joined with 、, the first ``limit`` of a longer list followed by 等."""
    names = list(names)
    return "、".join(names[:limit]) + ("等" if len(names) > limit else "")


def facts(stats) -> dict[str, Any]:
    """What the work report says about ``stats``' year (a ``stats.Statistics``): its summary
    and the names the figures stand for."""
    summary = stats.summary()
    kinds = [(kind, n) for kind, n in sorted(summary["activities"]["by_kind"].items(),
                                              key=lambda item: -item[1]) if n]
    reports: list[str] = []
    for meeting in sorted(stats.meetings, key=lambda m: m.get("date")):
        for title in meeting.get("reviewed") or ():
            if title not in reports:
                reports.append(title)
    projects = sorted(stats.projects, key=lambda p: p.get("number") or 0)
    stations = Counter(a.get("station") for a in stats.activities if a.get("station"))
    sessions = summary["meetings"]["sessions"]
    presidium = next((c for c in summary["compliance"] if c["rule"].startswith("主席团")), None)
    supervision = [(kind, summary["activities"]["by_kind"].get(kind, 0))
                   for kind in stats.settings.rules.supervision_kinds]
    return {
        "s": summary,
        "terms": stats.settings.terms,
        "year": stats.year,
        "running": stats.period.end < dt.date(stats.year, 12, 31),
        "kinds": kinds,
        "supervision": [(kind, n) for kind, n in supervision if n],
        "reports": reports,
        "projects": [stats.corpus.title(p) for p in projects],
        "projects_completed": summary["projects"]["completed"],
        "session_days": sum(x["days"] for x in sessions),
        "stations": len(stations),
        "station_activities": sum(stations.values()),
        "presidium_every_quarter": bool(presidium and presidium["ok"]),
        "on_time_rate": summary["suggestions"]["replied_on_time"] / summary["suggestions"]["replied"]
        if summary["suggestions"]["replied"] else None,
        "plan": summary["plan"],
    }


def environment(folders: list[str] | None = None) -> jinja2.Environment:
    """A Jinja environment over ``folders`` (default: the package's templates)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folders or [str(TEMPLATES)]),
                             autoescape=False, keep_trailing_newline=False)
    env.filters["pct"] = percent
    env.filters["change"] = change
    env.filters["listed"] = listed
    return env


def sections(data: dict[str, Any], env: jinja2.Environment | None = None) -> list[tuple[str, str]]:
    """The report's sections, (heading, paragraph), from ``facts``. The template marks a
    heading with a line starting ``## ``; a section the year has nothing for is left out,
    and a paragraph whose last clause was left out still ends on a full stop."""
    template = (env or environment()).get_template("renda/work_report.txt")
    found: list[tuple[str, list[str]]] = []
    for line in template.render(**data).splitlines():
        line = line.strip()
        if line.startswith("## "):
            found.append((line[3:].strip(), []))
        elif line:
            if not found:
                found.append(("", []))
            found[-1][1].append(line)
    result = []
    for heading, lines in found:
        text = "".join(lines)
        if text:
            result.append((heading, text.rstrip("；，、。") + "。"))
    return result


def text(data: dict[str, Any], env: jinja2.Environment | None = None) -> str:
    """The sections as plain text: each heading on a line of its own, then its paragraph."""
    return "\n".join(f"{heading}\n{paragraph}" if heading else paragraph
                     for heading, paragraph in sections(data, env))


def docx(data: dict[str, Any], township: str, env: jinja2.Environment | None = None,
         as_of: dt.date | None = None) -> bytes:
    """The report's data part as a Word document (title, section headings, paragraphs in 仿宋
    as official documents are set); the same text gives the same bytes."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from .exports import reproducible

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "FangSong"
    style.font.size = Pt(16)  # 三号
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    title = f"{township}人大{data['year']}年工作报告（数据部分）"
    document.core_properties.title = title
    heading = document.add_heading(title, level=1)
    for run in heading.runs:
        run.font.name = "SimHei"
        run.element.rPr.rFonts.set(qn("w:eastAsia"), "黑体")
    for name, paragraph in sections(data, env):
        if name:
            document.add_heading(name, level=2)
        body = document.add_paragraph(paragraph)
        body.paragraph_format.first_line_indent = Pt(32)  # two characters
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible(buffer.getvalue(), as_of or dt.date(data["year"], 12, 31))
