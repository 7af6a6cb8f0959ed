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
from functools import partial
from typing import Any, Callable

from ..core import figures, privacy, provenance, stats
from ..core.corpus import COMPLETED
from ..core.record import Record
from ..core.schema import RECORD_TYPES
from ..core.strokes import group_key, name_key, sort_names
from ..core.view import View, record_date
from . import charts, exports, feeds, notices, opendata, shown, villages
from . import workreport as report


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
    #: Makers of the files offered beside the page (path in the site → content); they run
    #: after the pages are written, so the data never sits in memory beside every page.
    writers: list[Any] = field(default_factory=list)
    #: The record a page is about (its version goes in the printed footer), if any.
    about: Record | None = None
    #: The records whose content the page shows, as (type, id); None: it may show any record
    #: (an index or a figure). ``mkdocs serve --dirty`` rebuilds a page only when one changed.
    sources: frozenset | None = None
    #: The records whose Markdown body the page shows, as (type, id): an edit of a body alone
    #: rebuilds only these pages while serving.
    bodies: frozenset = frozenset()
    #: For a page that may show any record (``sources`` None): the years of the records it
    #: depends on, when that is all (a year's list, figures or dossier); None: every year.
    years: frozenset | None = None
    #: More context, worked out only when the page is laid out (a year's figures, a deputy's
    #: records by year): in a whole build only the second process, beside MkDocs, needs it.
    later: Callable[[], dict[str, Any]] | None = None

    def full_context(self) -> dict[str, Any]:
        """What the page's template is given."""
        return {**self.context, **self.later()} if self.later else self.context


def record_uri(record: Record) -> str:
    """The source path of a record's page (``deputies/zhang-wei.md``): stable, from the id."""
    return f"{record.type}/{record.id}.md"


@dataclass
class Provenances:
    """What Git says about the shown records: provenance and corrections, by record."""

    by_record: dict[tuple[str, str], Any] = field(default_factory=dict)
    corrections: list[Any] = field(default_factory=list)

    def of(self, record: Record):
        return self.by_record.get((record.type, record.id))

    def corrections_of(self, record: Record) -> list[Any]:
        return [c for c in self.corrections if c.record is record]


def link_history(view: View, history: Any, prefix: str) -> Provenances:
    """Attach provenance and public corrections to the shown records (``prefix`` is the
    records folder's path in the repository)."""
    if history is None:
        return Provenances()
    shown = {f"{prefix}/{r.source}": r for rtype in RECORD_TYPES for r in view.records(rtype)}
    result = Provenances()
    defaults = view.settings.default_disclosure
    public, corrections = provenance.public_history(
        history, {rel: defaults.get(record.type, "public") for rel, record in shown.items()}, view.internal,
        {rel: _field_labels(record.type) for rel, record in shown.items()})
    for rel, found in public.items():
        record = shown[rel]
        result.by_record[(record.type, record.id)] = found
    for correction in corrections:
        correction.record = shown[correction.rel]
        for change in correction.fields:
            change.old, change.new = _public(change.old), _public(change.new)
        correction.body = [(sign, _public(line)) for sign, line in correction.body]
        result.corrections.append(correction)
    return result


def _field_labels(rtype: str):
    """The Chinese name of a field of ``rtype`` by its path of keys (nested fields too)."""
    from ..core.schema import RECORD_TYPES

    def label(path: tuple[str, ...]) -> str:
        fields = RECORD_TYPES[rtype].field_map
        found = None
        for key in path:
            found = fields.get(key)
            if found is None:
                return path[-1]
            inner = getattr(found.type, "item", found.type)
            fields = {f.name: f for f in getattr(inner, "fields", ())}
        return found.label if found else path[-1]

    return label


def _public(text: str | None) -> str | None:
    """Text of an old or new version as it may be shown: personal data is never republished."""
    if text and privacy.scan(text):
        return "（含个人信息，不予显示）"
    return text


def plan(view: View, history: Provenances | None = None, site_url: str | None = None,
         licence: str = "CC BY 4.0", dependencies: bool = True, report_env=None,
         staff: bool = False) -> list[PageSpec]:
    """Every generated page of the site. ``dependencies=False`` leaves out what each page
    shows (``sources``, ``bodies``), which only a partial rebuild while serving needs.
    ``report_env`` words the work report (the site's own template folders). ``staff``: a
    site for the office (the staff build, or one served on a staff member's computer), which
    has the staff guide; the public site has not (YAML and commands are not for citizens)."""
    history = history or Provenances()
    shows, bodies = ((shown.remembered(shown.sources_of), shown.bodies_of) if dependencies
                     else (shown.unknown, shown.none))
    today = view.settings.current_date()
    pages = [PageSpec("index.md", view.settings.township + "人大代表履职公开", "home.html",
                      home_context(view, today), meta={"hide": ["navigation", "toc"]}),
             PageSpec("search.md", "搜索", "search.html", meta={"hide": ["navigation", "toc"]},
                      sources=frozenset())]
    for rtype, spec in RECORD_TYPES.items():
        if spec.year_template:
            years = [(year, len(view.of_year(rtype, year))) for year in view.years(rtype)]
            pages.append(PageSpec(f"{rtype}/index.md", spec.section, spec.index_template,
                                  {"rtype": rtype, "label": spec.label, "date_field": spec.year_field,
                                   "years": years, "latest": view.records(rtype)[:10]}))
            for year, _ in years:
                pages.append(PageSpec(f"{rtype}/{year}.md", f"{year}年{spec.section}",
                                      spec.year_template,
                                      {"rtype": rtype, "year": year,
                                       "records": view.of_year(rtype, year)},
                                      years=frozenset({year})))
        elif spec.index_template:
            pages.append(PageSpec(f"{rtype}/index.md", spec.section, spec.index_template,
                                  index_context(view, rtype, today)))
        for record in view.records(rtype):
            context = {"record": record}
            sources, years, later = shows(view, record), None, None
            if rtype == "deputies":
                later = partial(_activities_by_year, view, record.id)
            elif rtype == "plans":
                # Counted against the year's activities and meetings: it follows any of them.
                context["plan"] = stats.Statistics(view, record.get("year")).plan()
                context["stats_page"] = record.get("year") in stats.years(view)
                sources, years = None, frozenset({record.get("year")})
            pages.append(PageSpec(record_uri(record), view.corpus.title(record), spec.page_template,
                                  context, body=record.body, record=record, about=record, later=later,
                                  sources=sources, bodies=bodies(view, record), years=years))
    by_year = {year: stats.Statistics(view, year) for year in stats.years(view)}
    pages += stats_pages(view, today, by_year, report_env)
    pages += dossier_pages(view, today, by_year, shows, bodies)
    pages += notices.notice_pages(view, today)
    pages.append(corrections_page(view, history, site_url))
    _attach_deputy_feeds(pages, view, history, site_url)
    _attach_suggestion_feeds(pages, view, site_url)
    pages.append(data_page(view, licence))
    if view.settings.constituencies or any(s.get("villages") for s in view.records("stations")):
        pages.append(villages.mine_page(view, today))
    if staff:
        pages.append(guide_page())
    return pages


#: Pages only the office's own site has.
STAFF_ONLY = frozenset({"guide.md"})


def guide_page() -> PageSpec:
    """工作人员指南: adding records, pull requests, reviewing, and every diagnostic explained —
    made from the schema and the diagnostic catalogue at each build, so it never drifts."""
    from ..core.catalogue import CATALOGUE

    types = [{"type": rtype, "label": spec.label, "doc": spec.doc, "command": spec.command,
              "essentials": [spec.field_map[n] for n in spec.essentials],
              "example": spec.example_path} for rtype, spec in RECORD_TYPES.items()]
    diagnostics = [{"code": d.code, "level": d.level, "title": d.title,
                    "message": re.sub(r"\{[a-z_]+\}", "…", d.template)} for d in CATALOGUE.values()]
    return PageSpec("guide.md", "工作人员指南", "guide.html", {"types": types, "diagnostics": diagnostics},
                    sources=frozenset())  # from the schema, not the records


def data_page(view: View, licence: str) -> PageSpec:
    """公开数据: every download explained, with its licence and schema."""
    counts = {rtype: len(view.records(rtype)) for rtype in RECORD_TYPES}
    years = sorted({y for rtype in RECORD_TYPES for y in view.years(rtype)}, reverse=True)
    return PageSpec("data.md", "公开数据", "data.html",
                    {"licence": licence, "counts": counts, "years": years, "stations": view.records("stations")},
                    writers=[lambda: opendata.all_files(view, licence)])


def _attach_suggestion_feeds(pages: list[PageSpec], view: View, site_url: str | None) -> None:
    """A feed per suggestion: 提出, 交办, each reply and each evaluation."""
    for spec in pages:
        if spec.record is not None and spec.record.type == "suggestions":
            spec.writers.append(lambda s=spec.record: {f"feeds/suggestions/{s.id}.atom": feeds.atom_feed(
                f"建议办理：{view.corpus.title(s)}", f"feeds/suggestions/{s.id}",
                opendata.suggestion_feed_entries(view, s), site_url)})


def corrections_page(view: View, history: Provenances, site_url: str | None) -> PageSpec:
    """更正记录: every change to a published record, newest first, and the site-wide feeds."""
    def writer() -> dict[str, bytes]:
        new_entries = []
        for rtype in RECORD_TYPES:
            for record in view.records(rtype):
                found = history.of(record)
                new_entries.append(feeds.record_entry(view, record, found.published.date if found else None))
        new_entries = sorted(new_entries, key=lambda e: e["date"], reverse=True)[:100]
        fixes = [feeds.correction_entry(view, c) for c in history.corrections[:100]]
        files = {}
        for name, title, entries in (("new", "新发布的记录", new_entries), ("corrections", "更正记录", fixes)):
            atom, rss = feeds.feed(f"{view.settings.township}人大：{title}", f"feeds/{name}", entries, site_url)
            files[f"feeds/{name}.atom"], files[f"feeds/{name}.rss"] = atom, rss
        return files

    return PageSpec("corrections.md", "更正记录", "corrections.html",
                    {"corrections": history.corrections, "known": bool(history.by_record)}, writers=[writer])


def _attach_deputy_feeds(pages: list[PageSpec], view: View, history: Provenances,
                         site_url: str | None) -> None:
    """A feed per deputy: new records naming the deputy and corrections to them."""
    made = feeds.Made()  # a record's entry is the same in every deputy's feed: made once
    for spec in pages:
        deputy = spec.record
        if deputy is None or deputy.type != "deputies":
            continue
        spec.writers.append(lambda d=deputy: feeds.deputy_feed(view, history, d, site_url, made))


#: The relations a deputy's archive and dossiers are built from (see ``View.related``).
DEPUTY_ACTIVITIES = "activities.deputies"
DEPUTY_RELATIONS = {"activities": DEPUTY_ACTIVITIES, "attended": "meetings.attendees",
                    "missed": "meetings.absent.deputy", "led": "suggestions.proposer",
                    "cosigned": "suggestions.cosigners"}


def dossier_uri(kind: str, rid: str | int, year: int | None = None) -> str:
    """The source path of a dossier page: ``print/deputies/ID.md``, ``print/deputies/ID/YYYY.md``,
    ``print/suggestions/ID.md``, ``print/meetings/ID.md``, ``print/stats/YYYY.md``."""
    return f"print/{kind}/{rid}/{year}.md" if year else f"print/{kind}/{rid}.md"


def dossier_kind(spec: PageSpec) -> str | None:
    """Which kind of dossier a page is (report, deputies, suggestions, meetings), if any."""
    if not spec.src_uri.startswith("print/"):
        return None
    kind = spec.src_uri.split("/")[1]
    return "report" if kind == "stats" else kind


def dossiers_of(spec: PageSpec, specs: dict[str, PageSpec]) -> list[tuple[str, str]]:
    """(label, source path) of the printable dossiers of a record or statistics page."""
    record = spec.record
    found = []
    if record is not None and record.type in ("deputies", "suggestions", "meetings"):
        term = dossier_uri(record.type, record.id)
        if term in specs:
            found.append(("打印版（档案格式）" if record.type != "deputies" else "任期履职档案", term))
        if record.type == "deputies" and term in specs:  # the years are the term archive's
            found += [(f"{year}年度履职档案", uri) for year in specs[term].context["years"]
                      if (uri := dossier_uri("deputies", record.id, year)) in specs]
    elif spec.template == "stats_year.html":
        uri = dossier_uri("stats", spec.context["year"])
        if uri in specs:
            found.append(("统计报告（打印版）", uri))
    return found


def _activities_by_year(view: View, deputy: str) -> dict[str, Any]:
    """A deputy's activities by year, for the deputy's page (when it is laid out)."""
    return {"activities_by_year": _by_year(view.related(DEPUTY_ACTIVITIES, deputy))}


def _by_year_dict(records: list[Record]) -> dict[int, list[Record]]:
    """Records by the year they are filed under, each year in the records' order."""
    groups: dict[int, list[Record]] = {}
    for record in records:
        groups.setdefault(record_date(record).year, []).append(record)
    return groups


def _by_year(records: list[Record]) -> list[tuple[int, list[Record]]]:
    """Records grouped by the year they are filed under, newest year first."""
    groups: dict[int, list[Record]] = {}
    for record in records:
        groups.setdefault(record_date(record).year, []).append(record)
    return sorted(groups.items(), reverse=True)


def dossier_pages(view: View, today: dt.date, by_year: dict[int, Any],
                  shows=shown.sources_of, bodies=shown.bodies_of) -> list[PageSpec]:
    """The formal pages people file on paper: a deputy's archive for each year and the term,
    a suggestion's 办理单, a meeting's minutes, a year's statistics report."""
    hide = {"hide": ["navigation", "toc"]}
    pages = []
    tables: dict[int, tuple[dict[str, dict], int]] = {}  # a year's rows by deputy, how many ranked

    def points(deputy: str, year: int) -> dict[str, Any]:
        """A deputy's points and the number ranked in the year (the year's table, once)."""
        if year not in by_year:
            return {"points": None, "ranked": 0}
        if year not in tables:
            rows = {row["deputy"]: row for row in by_year[year].deputies_table()}
            tables[year] = (rows, sum(row["rank"] is not None for row in rows.values()))
        rows, ranked = tables[year]
        return {"points": rows.get(deputy) if view.ranking else None, "ranked": ranked}

    grouped: dict[str, dict[str, dict[int, list[Record]]]] = {}

    def of_year(deputy: str, related: dict[str, list[Record]], year: int) -> dict[str, list[Record]]:
        """A deputy's records of one year, by relation (grouped by year once per deputy)."""
        if deputy not in grouped:
            grouped[deputy] = {key: _by_year_dict(items) for key, items in related.items()}
        return {key: groups.get(year, []) for key, groups in grouped[deputy].items()}

    def year_dossier(deputy: str, related: dict[str, list[Record]], year: int) -> dict[str, Any]:
        return {"related": of_year(deputy, related, year), **points(deputy, year)}

    for deputy in view.records("deputies"):
        related = {name: view.related(relation, deputy.id) for name, relation in DEPUTY_RELATIONS.items()}
        years = sorted({record_date(r).year for items in related.values() for r in items}, reverse=True)
        name = deputy.get("name") or deputy.id
        sources = shows(view, deputy)
        pages.append(PageSpec(dossier_uri("deputies", deputy.id), f"{name}代表履职档案", "dossier_deputy.html",
                              {"record": deputy, "year": None, "related": related, "years": years},
                              meta=hide, about=deputy,
                              sources=sources))
        for year in years:
            pages.append(PageSpec(dossier_uri("deputies", deputy.id, year), f"{name}代表{year}年度履职档案",
                                  "dossier_deputy.html", {"record": deputy, "year": year},
                                  later=partial(year_dossier, deputy.id, related, year),
                                  meta=hide, about=deputy, years=frozenset({year}),
                                  # Points and rank, where shown, depend on everyone's records
                                  # of the year; without them the page shows the deputy's of the year.
                                  sources=None if view.ranking or sources is None
                                  else shown.year_sources(view, deputy, of_year(deputy.id, related, year))))
    for suggestion in view.records("suggestions"):
        pages.append(PageSpec(dossier_uri("suggestions", suggestion.id),
                              f"{view.corpus.kind_label(suggestion)}办理单：{suggestion.get('title')}",
                              "dossier_suggestion.html",
                              {"record": suggestion}, meta=hide, about=suggestion,
                              sources=shows(view, suggestion), bodies=bodies(view, suggestion)))
    for meeting in view.records("meetings"):
        pages.append(PageSpec(dossier_uri("meetings", meeting.id), f"{view.corpus.title(meeting)}纪要",
                              "dossier_meeting.html", {"record": meeting}, meta=hide, about=meeting,
                              sources=shows(view, meeting), bodies=bodies(view, meeting)))
    for year, current in by_year.items():
        previous = by_year.get(year - 1)
        pages.append(PageSpec(dossier_uri("stats", year), f"{year}年{view.settings.township}人大代表履职统计报告",
                              "dossier_report.html",
                              {"year": year, "running": current.period.end < dt.date(year, 12, 31)},
                              later=partial(_report_figures, current, previous),
                              meta=hide, years=frozenset({year, year - 1})))
        pages.append(PageSpec(f"print/stats/sources-{year}.md", f"{year}年统计报告附件：数据来源",
                              "dossier_sources.html", {"year": year},
                              later=lambda v=view, c=current: {"sources": figure_sources(v, c)},
                              meta=hide, years=frozenset({year})))
    return pages


def _report_figures(current, previous) -> dict[str, Any]:
    """A year's figures as its printed report shows them."""
    summary, before = current.summary(), previous.summary() if previous else None
    return {"summary": summary, "report": report.facts(current), "yoy": stats.year_over_year(summary, before),
            "groups": current.groups(), "charts": year_charts(summary, before)}


def _year_figures(view: View, current, previous) -> dict[str, Any]:
    """A year's figures as its statistics page shows them: the report's and more."""
    shown = _report_figures(current, previous)
    return {
        **shown,
        "everything": stats.compare_all(shown["summary"], previous.summary() if previous else None),
        "stations": current.stations(),
        # Without a published ranking the deputies are listed in surname-stroke order, with
        # what they did and no points: the order itself would otherwise rank them.
        "deputies": current.deputies_table() if view.ranking else
        sorted(current.deputies_table(), key=lambda r: name_key(r["name"] or r["deputy"])),
    }


def figure_sources(view: View, current) -> list[dict[str, Any]]:
    """Each figure of a year with the shown records it counts, for the 数据来源 page and the
    printed report's appendix. A list the same as an earlier figure's says so instead of
    repeating it; a rate names its part and whole."""
    sources = current.sources()
    seen: dict[tuple, str] = {}
    rows = []
    for _, label, path, value, is_rate in stats.all_figures(current.summary()):
        row = {"path": path, "label": label, "value": value, "rate": is_rate, "records": [], "same_as": None,
               "ratio": None}
        if is_rate:
            row["ratio"] = [figures.label(p) for p in figures.ratio_paths(path)]
        else:
            refs = tuple(sources.get(path, ()))
            if refs and refs in seen:
                row["same_as"] = seen[refs]
            else:
                seen.setdefault(refs, label)
                row["records"] = [r for ref in refs if (r := view.get(*ref.split("/", 1))) is not None]
        rows.append(row)
    return rows


def stats_pages(view: View, today: dt.date, by_year: dict[int, Any], report_env=None) -> list[PageSpec]:
    """统计: an index of years and, per year, figures, charts, rules, tables and downloads,
    the records behind every figure (数据来源) and the work report as a Word document."""
    all_years = sorted(by_year, reverse=True)
    # The figures are worked out when the pages are laid out (``later``): in a whole build,
    # beside MkDocs.
    pages = [PageSpec("stats/index.md", "统计", "stats.html",
                      later=lambda: {"years": [(y, by_year[y].summary()) for y in all_years]})]
    for year in all_years:
        current, previous = by_year[year], by_year.get(year - 1)
        plan = current.plan()
        names = ([f"stats/{name}" for name in exports.download_names(year, bool(plan and plan["rows"]))]
                 + [f"stats/{report_name(year)}"])

        def writer(c=current, p=previous, y=year):
            files = {f"stats/{name}": data for name, data in exports.downloads(c, p, view.ranking).items()}
            files[f"stats/{report_name(y)}"] = report.docx(report.facts(c), view.settings.township, report_env,
                                                          c.period.end)
            return files

        pages.append(PageSpec(f"stats/{year}.md", f"{year}年统计", "stats_year.html", {
            "year": year,
            "running": current.period.end < dt.date(year, 12, 31),
            "ranking": view.ranking,
            "definitions": figures.definitions(),
            "downloads": names,  # the workbook, a CSV per table in page order, the Word report
        }, later=partial(_year_figures, view, current, previous), writers=[writer],
            years=frozenset({year, year - 1})))
        pages.append(PageSpec(f"stats/sources-{year}.md", f"{year}年统计数字的来源", "stats_sources.html",
                              {"year": year}, later=lambda v=view, c=current: {"figures": figure_sources(v, c)},
                              years=frozenset({year})))
    return pages


def report_name(year: int) -> str:
    """The Word document of a year's work report (its data part)."""
    return f"{year}年人大工作报告（数据部分）.docx"


def year_charts(summary: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, str]:
    """The SVG charts of a year's statistics page."""
    year = summary["year"]
    a, s, m = summary["activities"], summary["suggestions"], summary["meetings"]
    result = {
        "activities": charts.bars(f"{year}年履职活动（按类型，次）",
                                  [(k, n) for k, n in a["by_kind"].items()], "次"),
        "suggestions": charts.bars(f"{year}年议案建议办理结果（件）",
                                   [(f"{k}类", n) for k, n in s["by_result"].items()]
                                   + [("未答复", s["unanswered"]), ("逾期", s["overdue"])], "件"),
        "presidium": charts.bars(f"{year}年主席团会议（按季度，次）",
                                 list(zip(stats.QUARTERS, m["presidium_per_quarter"])), "次"),
    }
    if previous:
        paths = ("activities.total", "suggestions.total", "meetings.total", "voters.opinions", "projects.voted")
        result["compare"] = charts.compare(
            f"{year}年与{year - 1}年比较",
            [(figures.BY_KEY[path].name, _at(summary, path), _at(previous, path)) for path in paths],
            (f"{year}年", f"{year - 1}年"))
    return result


def _at(summary: dict[str, Any], path: str) -> Any:
    group, key = path.split(".")
    return summary[group][key]


def home_context(view: View, today: dt.date) -> dict[str, Any]:
    """The home page: this year's key figures and the latest records."""
    year = today.year
    activities = view.of_year("activities", year)
    suggestions = view.of_year("suggestions", year)
    projects = view.of_year("projects", year)
    corpus = view.corpus
    latest = sorted((r for rtype, spec in RECORD_TYPES.items() if spec.dated for r in view.records(rtype)[:8]),
                    key=lambda r: (record_date(r), r.id), reverse=True)[:8]
    return {
        "year": year,
        "today": today,
        "term": view.settings.term,
        "deputies_town": len(view.deputies_in_office(today, view.settings.terms.township_level)),
        "deputies_county": len(view.deputies_in_office(today, view.settings.terms.county_level)),
        "activities": len(activities),
        "person_times": sum(len(a.get("deputies") or ()) for a in activities),
        "voters": sum(a.get("voters") or 0 for a in activities),
        "suggestions": len(suggestions),
        "answered": sum(1 for s in suggestions if corpus.suggestion_state(s).first_reply),
        "projects": len(projects),
        "projects_done": sum(1 for p in projects if corpus.project_status(p) == COMPLETED),
        "latest": latest,
    }


def rectifications_context(view: View, today: dt.date) -> dict[str, Any]:
    """监督整改: every rectification item of the shown activities, by the activity's year
    (newest first), the overdue ones also on their own at the top."""
    from ..core.corpus import RECTIFICATION_OVERDUE, RECTIFIED, RECTIFYING

    items = [r for a in view.records("activities") for r in view.corpus.rectifications(a)]
    years: dict[int, list] = {}
    for item in items:
        years.setdefault(item.activity.get("date").year, []).append(item)
    counts = {status: sum(1 for r in items if r.status == status)
              for status in (RECTIFIED, RECTIFYING, RECTIFICATION_OVERDUE)}
    return {"total": len(items), "counts": counts, "today": today,
            "overdue": sorted((r for r in items if r.status == RECTIFICATION_OVERDUE), key=lambda r: r.deadline),
            "years": sorted(years.items(), reverse=True)}


def index_context(view: View, rtype: str, today: dt.date) -> dict[str, Any]:
    """The index pages of types without year lists: deputies by level and group, projects,
    rectifications, stations."""
    if rtype == "deputies":
        deputies = sort_names(view.records("deputies"), lambda d: d.get("name") or d.id)
        serving = [d for d in deputies if view.corpus.serving(d, today)]
        levels = [(level, [d for d in serving if level in (d.get("levels") or ())])
                  for level in view.settings.vocabularies["levels"]]
        groups: dict[str, list[Record]] = {}
        for deputy in serving:
            if view.settings.terms.township_level in (deputy.get("levels") or ()):
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
    if rtype == "rectifications":
        return rectifications_context(view, today)
    return {"records": sort_names(view.records(rtype), lambda s: s.get("name") or s.id)}
