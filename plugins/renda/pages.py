"""The pages of the disclosure site, planned from a view: paths, titles, templates, context.

Plain Python (no MkDocs): the plugin turns each ``PageSpec`` into a generated MkDocs page and
renders its template around the record's Markdown body. Only section index pages go into the
navigation; record pages are reached from them (Material writes the whole navigation into
every page, so a navigation listing every record would make the build quadratic).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .record import Record
from .strokes import sort_names
from .view import View, record_date

#: Section folder, section title and template of the index and of one record, per type.
SECTIONS = {
    "deputies": ("代表", "deputies.html", "deputy.html"),
    "activities": ("履职活动", "years.html", "activity.html"),
    "meetings": ("会议", "years.html", "meeting.html"),
    "suggestions": ("建议办理", "years.html", "suggestion.html"),
    "replies": ("答复", None, "reply.html"),
    "projects": ("民生实事", "projects.html", "project.html"),
    "stations": ("代表之家", "stations.html", "station.html"),
}
YEAR_TEMPLATES = {"activities": "activities_year.html", "meetings": "meetings_year.html",
                  "suggestions": "suggestions_year.html"}


@dataclass
class PageSpec:
    """One generated page: where it goes, its title, template, context and Markdown body."""

    src_uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    record: Record | None = None
    #: Extra page metadata for MkDocs and Material (e.g. ``hide``).
    meta: dict[str, Any] = field(default_factory=dict)


def record_uri(record: Record) -> str:
    """The source path of a record's page (``deputies/zhang-wei.md``): stable, from the id."""
    return f"{record.type}/{record.id}.md"


def plan(view: View) -> list[PageSpec]:
    """Every generated page of the site."""
    today = view.settings.current_date()
    pages = [PageSpec("index.md", view.settings.township + "人大代表履职公开", "home.html",
                      home_context(view, today), meta={"hide": ["navigation", "toc"]}),
             PageSpec("search.md", "搜索", "search.html", meta={"hide": ["navigation", "toc"]})]
    for rtype, (title, index_template, record_template) in SECTIONS.items():
        if index_template == "years.html":
            years = [(year, len(view.of_year(rtype, year))) for year in view.years(rtype)]
            pages.append(PageSpec(f"{rtype}/index.md", title, "years.html",
                                  {"rtype": rtype, "years": years,
                                   "latest": view.records(rtype)[:10]}))
            for year, _ in years:
                pages.append(PageSpec(f"{rtype}/{year}.md", f"{year}年{title}",
                                      YEAR_TEMPLATES[rtype],
                                      {"rtype": rtype, "year": year,
                                       "records": view.of_year(rtype, year)}))
        elif index_template:
            pages.append(PageSpec(f"{rtype}/index.md", title, index_template,
                                  index_context(view, rtype, today)))
        for record in view.records(rtype):
            pages.append(PageSpec(record_uri(record), view.corpus.title(record), record_template,
                                  {"record": record}, body=record.body, record=record))
    return pages


def home_context(view: View, today: dt.date) -> dict[str, Any]:
    """The home page: this year's key figures and the latest records."""
    year = today.year
    activities = view.of_year("activities", year)
    suggestions = view.of_year("suggestions", year)
    projects = view.of_year("projects", year)
    corpus = view.corpus
    latest = sorted((r for rtype in ("activities", "meetings", "suggestions", "replies")
                     for r in view.records(rtype)[:8]),
                    key=lambda r: (record_date(r), r.id), reverse=True)[:8]
    return {
        "year": year,
        "today": today,
        "term": view.settings.term,
        "deputies_town": len(view.deputies_in_office(today, "镇")),
        "deputies_county": len(view.deputies_in_office(today, "县")),
        "activities": len(activities),
        "person_times": sum(len(a.get("deputies") or ()) for a in activities),
        "voters": sum(a.get("voters") or 0 for a in activities),
        "suggestions": len(suggestions),
        "answered": sum(1 for s in suggestions if corpus.suggestion_state(s).first_reply),
        "projects": len(projects),
        "projects_done": sum(1 for p in projects if corpus.project_status(p) == "已完成"),
        "latest": latest,
    }


_NUMERALS = {c: i for i, c in enumerate("〇一二三四五六七八九", start=0)}


def group_key(name: str) -> tuple:
    """Order 第一…第十二代表小组 by their number, not by code point; others after, by name."""
    match = re.search(r"第([〇一二三四五六七八九十百\d]+)", name)
    if not match:
        return (1, 0, name)
    text, number = match.group(1), 0
    if text.isdigit():
        number = int(text)
    else:
        if "百" in text:
            hundreds, _, text = text.partition("百")
            number += _NUMERALS.get(hundreds, 1) * 100
        if "十" in text:
            tens, _, text = text.partition("十")
            number += _NUMERALS.get(tens, 1) * 10
        number += _NUMERALS.get(text, 0) if text else 0
    return (0, number, name)


def index_context(view: View, rtype: str, today: dt.date) -> dict[str, Any]:
    """The index pages of undated types: deputies by level and group, projects, stations."""
    if rtype == "deputies":
        deputies = sort_names(view.records("deputies"), lambda d: d.get("name") or d.id)
        serving = [d for d in deputies if view.corpus.serving(d, today)]
        levels = [(level, [d for d in serving if level in (d.get("levels") or ())])
                  for level in view.settings.vocabularies["levels"]]
        groups: dict[str, list[Record]] = {}
        for deputy in serving:
            if "镇" in (deputy.get("levels") or ()):
                groups.setdefault(deputy.get("group") or "未分组", []).append(deputy)
        names = [d.get("name") for d in deputies]
        return {"levels": [(lv, ds) for lv, ds in levels if ds],
                # Namesakes are told apart by their group or constituency on the list.
                "namesakes": {n for n in names if names.count(n) > 1},
                "groups": sorted(groups.items(), key=lambda kv: group_key(kv[0])),
                "former": [d for d in deputies if not view.corpus.serving(d, today)
                           and d.get("term_end") and d.get("term_end") < today],
                "today": today}
    if rtype == "projects":
        return {"years": [(year, view.of_year("projects", year)) for year in view.years("projects")]}
    return {"records": sort_names(view.records(rtype), lambda s: s.get("name") or s.id)}
