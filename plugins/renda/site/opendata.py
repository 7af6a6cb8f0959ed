"""Open data from the public view: Popolo, a static JSON API with JSON Schemas, CSV files and
ZIP bundles, and iCalendar files of meetings and reception days.

Everything here reads a ``View``, so internal and invalid records are in none of it. The
Popolo export follows Popolo 1.0 (``data/popolo/`` holds its schemas, CC BY 4.0); what Popolo
has no class for — suggestions and their handling, replies, livelihood projects, rectification
reports — is in an
extension shaped like Popolo (``id``, ``classification``, ``*_id`` references, ISO dates),
described by the API's own schemas.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import zipfile
from collections.abc import Callable
from decimal import Decimal
from json.encoder import encode_basestring as _json_string  # in C
from typing import Any

from ..core.record import Record
from ..core.schema import RECORD_TYPES
from ..core.schema.types import (
    Bool,
    Choice,
    Date,
    Field,
    Integer,
    ListOf,
    Number,
    Percent,
    Struct,
    reception_rule,
)
from ..core.view import View
from .spreadsheet import csv_value

API_VERSION = "1"
TYPES = tuple(RECORD_TYPES)


def plain(value: Any) -> Any:
    """A record value as JSON: dates ISO 8601, amounts as numbers."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


# The JSON API ---------------------------------------------------------------------------

def derived(view: View, record: Record) -> dict[str, Any]:
    """The state the site computes for a record (never typed by staff)."""
    corpus = view.corpus
    if record.type == "deputies":
        return {"serving": corpus.serving(record, view.settings.current_date())}
    if record.type == "suggestions":
        state = corpus.suggestion_state(record)
        return {"status": state.status, "deadline": plain(state.deadline), "overdue": state.overdue,
                "first_reply": plain(state.first_reply), "result": state.result,
                "satisfaction": state.satisfaction,
                "replies": [r.id for r in view.replies(record)],
                "projects": [p.id for p in corpus.projects_by_suggestion.get(record.id, ())]}
    if record.type == "projects":
        return {"status": corpus.project_status(record), "percent": corpus.project_percent(record)}
    if record.type == "activities" and record.get("rectifications"):
        return {"rectification_status": [
            {"number": r.number, "status": r.status, "late": r.late,
             "report": r.report.id if r.report is not None else None}
            for r in corpus.rectifications(record)]}
    if record.type == "plans":
        from ..core.stats import Statistics

        plan = Statistics(view, record.get("year")).plan()
        return {"measured": plan["items"], "done": plan["done"], "results": plan["rows"]} if plan else {}
    return {}


def api_record(view: View, record: Record, kept: dict[str, dict] | None = None) -> dict[str, Any]:
    """One record as the API serves it: its fields, derived state, body and address (made
    once per record, when ``kept`` keeps them by file: the API, Popolo and CSV all use it)."""
    if kept is not None and record.path in kept:
        return kept[record.path]
    fields = {k: plain(v) for k, v in record.data.items() if k not in ("disclosure", "allow_personal_data")}
    fields.setdefault("id", record.id)
    item = {"type": record.type, "id": record.id, "title": view.corpus.title(record),
            "url": f"{record.type}/{record.id}/", "fields": fields, "derived": derived(view, record),
            "body": record.body.strip()}
    if kept is not None:
        kept[record.path] = item
    return item


def api_files(view: View, licence: str, kept: dict[str, dict] | None = None) -> dict[str, bytes]:
    """The static JSON API: a file per record and per collection, schemas and an index."""
    files: dict[str, bytes] = {}
    index = {"version": API_VERSION, "licence": licence, "township": view.settings.township,
             "collections": {}, "popolo": "data/popolo.json"}
    for rtype in TYPES:
        records = view.records(rtype)
        items = [api_record(view, r, kept) for r in records]
        for item in items:
            files[f"api/{rtype}/{item['id']}.json"] = _json(item)
        files[f"api/{rtype}.json"] = _json({"type": rtype, "count": len(items), "items": [
            {"id": i["id"], "title": i["title"], "url": i["url"], "api": f"api/{rtype}/{i['id']}.json"}
            for i in items]})
        files[f"api/schemas/{rtype}.json"] = _json(record_schema(rtype))
        index["collections"][rtype] = {"label": RECORD_TYPES[rtype].label, "count": len(items),
                                       "list": f"api/{rtype}.json", "items": f"api/{rtype}/{{id}}.json",
                                       "schema": f"api/schemas/{rtype}.json"}
    files["api/index.json"] = _json(index)
    return files


def _json(value: Any) -> bytes:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=1)`` writes it, byte for
    byte, in half its time (the standard library writes indented JSON in pure Python, a
    generator a level; 20,000 records take it a second). Anything but dicts with string
    keys, lists, strings, numbers, booleans and None is left to ``json.dumps``."""
    out: list[str] = []
    try:
        _indented(value, out.append, "\n")
    except _NotPlain:
        return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")
    return "".join(out).encode("utf-8")


class _NotPlain(Exception):
    """A value ``_indented`` leaves to ``json.dumps``."""


def _indented(value: Any, put: Callable[[str], Any], newline: str) -> None:
    if isinstance(value, str):
        put(_json_string(value))
    elif value is None or value is True or value is False:
        put("null" if value is None else "true" if value else "false")
    elif type(value) is int or (type(value) is float and math.isfinite(value)):
        put(repr(value))
    elif type(value) is dict and all(type(key) is str for key in value):
        inner, gap = newline + " ", "{"
        for key, item in value.items():
            put(f"{gap}{inner}{_json_string(key)}: ")
            _indented(item, put, inner)
            gap = ","
        put(newline + "}" if value else "{}")
    elif type(value) is list:
        inner, gap = newline + " ", "["
        for item in value:
            put(gap + inner)
            _indented(item, put, inner)
            gap = ","
        put(newline + "]" if value else "[]")
    else:
        raise _NotPlain


_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_DERIVED = {
    "deputies": {"serving": {"type": "boolean"}},
    "suggestions": {"status": {"type": "string"}, "deadline": {"type": ["string", "null"]},
                    "overdue": {"type": "boolean"}, "first_reply": {"type": ["string", "null"]},
                    "result": {"type": ["string", "null"]}, "satisfaction": {"type": ["string", "null"]},
                    "replies": {"type": "array", "items": {"type": "string"}},
                    "projects": {"type": "array", "items": {"type": "string"}}},
    "projects": {"status": {"type": "string"}, "percent": {"type": "integer", "minimum": 0, "maximum": 100}},
    # Each rectification item (by its number) as it stands: 整改中, 已整改 or 逾期.
    "activities": {"rectification_status": {"type": "array", "items": {
        "type": "object", "additionalProperties": False, "required": ["number", "status", "late", "report"],
        "properties": {"number": {"type": "integer", "minimum": 1},
                       "status": {"enum": ["整改中", "已整改", "逾期"]}, "late": {"type": "boolean"},
                       "report": {"type": ["string", "null"]}}}}},
    # The 工作要点 against the year's records: tasks with a count, those done, each task's result.
    "plans": {"measured": {"type": "integer", "minimum": 0}, "done": {"type": "integer", "minimum": 0},
              "results": {"type": "array", "items": {
                  "type": "object", "additionalProperties": False,
                  "required": ["text", "kind", "counts", "target", "actual", "ok", "records"],
                  "properties": {"text": {"type": "string"}, "kind": {"type": ["string", "null"]},
                                 "counts": {"enum": ["activities", "meetings", None]},
                                 "target": {"type": ["integer", "null"]}, "actual": {"type": ["integer", "null"]},
                                 "ok": {"type": ["boolean", "null"]},
                                 "records": {"type": "array", "items": {"type": "string"}}}}}},
}


def record_schema(rtype: str, settings=None) -> dict[str, Any]:
    """The JSON Schema (2020-12) of one API record of ``rtype``, made from the record schema."""
    from ..core.config import Settings

    settings = settings or Settings()
    spec = RECORD_TYPES[rtype]
    fields = [f for f in spec.fields if f.name not in ("disclosure", "allow_personal_data")]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"api/schemas/{rtype}.json",
        "title": spec.label,
        "description": spec.doc,
        "type": "object",
        "required": ["type", "id", "title", "url", "fields", "derived", "body"],
        "additionalProperties": False,
        "properties": {
            "type": {"const": rtype},
            "id": {"type": "string"},
            "title": {"type": "string"},
            "url": {"type": "string"},
            "body": {"type": "string"},
            "fields": _object(fields, settings, extra_required=["id"]),
            "derived": {"type": "object", "additionalProperties": False,
                        "properties": _DERIVED.get(rtype, {})},
        },
    }


def _object(fields: tuple[Field, ...] | list[Field], settings, extra_required=()) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False,
            "required": sorted({f.name for f in fields if f.required} | set(extra_required)),
            "properties": {f.name: {**_type(f.type, settings), "title": f.label, "description": f.doc}
                           for f in fields}}


def _type(kind, settings) -> dict[str, Any]:
    if isinstance(kind, Date):
        return dict(_DATE)
    if isinstance(kind, Bool):
        return {"type": "boolean"}
    if isinstance(kind, Percent):
        return {"type": "integer", "minimum": 0, "maximum": 100}
    if isinstance(kind, Integer):
        return {"type": "integer", **({"minimum": kind.minimum} if kind.minimum is not None else {})}
    if isinstance(kind, Number):
        return {"type": "number", "minimum": 0}
    if isinstance(kind, Choice):
        return {"enum": list(settings.vocabularies[kind.vocabulary])}
    if isinstance(kind, ListOf):
        return {"type": "array", "items": _type(kind.item, settings)}
    if isinstance(kind, Struct):
        return _object(kind.fields, settings)
    return {"type": "string"}  # Text, Id, Ref, ReceptionDay


# Popolo -----------------------------------------------------------------------------------

def popolo(view: View, kept: dict[str, dict] | None = None) -> dict[str, Any]:
    """The public records as Popolo 1.0 collections plus the documented extension."""
    settings = view.settings
    terms = settings.terms
    town = settings.township
    congress = {"id": "congress", "name": f"{town}人民代表大会", "classification": "legislature"}
    presidium = {"id": "presidium", "name": f"{town}人民代表大会主席团", "classification": "committee",
                 "parent_id": "congress"}
    organizations = [congress, presidium]
    persons, memberships, posts, areas = [], [], [], {}
    groups: dict[str, dict] = {}
    for deputy in view.records("deputies"):
        persons.append({"id": deputy.id, "name": deputy.get("name"),
                        "gender": {terms.male: "male", terms.female: "female"}.get(deputy.get("gender")),
                        "summary": deputy.get("occupation"),
                        "sources": [{"url": f"deputies/{deputy.id}/"}]})
        start, end = plain(deputy.get("term_start")), plain(deputy.get("term_end"))
        constituency = deputy.get("constituency")
        post_id = area_id = None
        if constituency:
            area_id = f"area:{constituency}"
            post_id = f"post:{constituency}"
            areas.setdefault(area_id, {"id": area_id, "name": constituency, "classification": "选区"})
            if not any(p["id"] == post_id for p in posts):
                posts.append({"id": post_id, "label": f"{constituency}代表", "role": "代表",
                              "organization_id": "congress", "area_id": area_id})
        if view.settings.terms.township_level in (deputy.get("levels") or ()):
            memberships.append(_membership(f"m:{deputy.id}:congress", deputy.id, "congress", "代表", start,
                                           end, post_id=post_id, area_id=area_id))
        roles = [r for r in deputy.get("roles") or () if r in view.settings.terms.presidium_roles]
        if roles:
            memberships.append(_membership(f"m:{deputy.id}:presidium", deputy.id, "presidium",
                                           "、".join(roles), start, end))
        group = deputy.get("group")
        if group:
            group_id = f"group:{group}"
            groups.setdefault(group_id, {"id": group_id, "name": group, "classification": "代表小组",
                                         "parent_id": "congress"})
            role = "组长" if terms.group_leader in (deputy.get("roles") or ()) else "成员"
            memberships.append(_membership(f"m:{deputy.id}:{group_id}", deputy.id, group_id, role, start, end))
    units: dict[str, dict] = {}
    for suggestion in view.records("suggestions"):
        handlers = suggestion.get("handlers") or {}
        for unit in [handlers.get("lead")] + list(handlers.get("assist") or ()):
            if unit:
                units.setdefault(f"unit:{unit}", {"id": f"unit:{unit}", "name": unit,
                                                  "classification": "承办单位"})
    organizations += list(groups.values()) + list(units.values())
    names = {p["id"]: p["name"] for p in persons}
    events, motions, vote_events = [], [], []
    for meeting in view.records("meetings"):
        organization = {terms.presidium: "presidium", terms.group_meeting: f"group:{meeting.get('group')}"}.get(
            meeting.get("kind"), "congress")
        events.append({"id": f"meeting:{meeting.id}", "name": view.corpus.title(meeting),
                       "classification": meeting.get("kind"), "start_date": plain(meeting.get("date")),
                       "end_date": plain(meeting.get("end") or meeting.get("date")),
                       "location": meeting.get("place"), "organization_id": organization,
                       "attendees": [{"id": d, "name": names.get(d)} for d in meeting.get("attendees") or ()
                                     if d in names],
                       "sources": [{"url": f"meetings/{meeting.id}/"}]})
        for index, vote in enumerate(meeting.get("votes") or ()):
            motion_id = f"motion:{meeting.id}:{index + 1}"
            passed = view.corpus.vote_passed(meeting, vote)
            motions.append({"id": motion_id, "organization_id": organization,
                            "legislative_session_id": f"meeting:{meeting.id}", "text": vote["item"],
                            "classification": "表决事项", "date": plain(meeting.get("date")),
                            "result": "pass" if passed else "fail"})
            vote_events.append({"id": f"vote:{meeting.id}:{index + 1}", "motion_id": motion_id,
                                "organization_id": organization,
                                "legislative_session_id": f"meeting:{meeting.id}",
                                "start_date": plain(meeting.get("date")),
                                "result": "pass" if passed else "fail",
                                "counts": [{"option": "yes", "value": vote["for"]},
                                           {"option": "no", "value": vote.get("against", 0)},
                                           {"option": "abstain", "value": vote.get("abstain", 0)}]})
    for activity in view.records("activities"):
        events.append({"id": f"activity:{activity.id}", "name": view.corpus.title(activity),
                       "classification": activity.get("kind"), "start_date": plain(activity.get("date")),
                       "end_date": plain(activity.get("end") or activity.get("date")),
                       "location": activity.get("place"),
                       "organization_id": f"group:{activity.get('group')}" if activity.get("group") else "congress",
                       "attendees": [{"id": d, "name": names.get(d)} for d in activity.get("deputies") or ()
                                     if d in names],
                       "sources": [{"url": f"activities/{activity.id}/"}]})
    for suggestion in view.records("suggestions"):
        if suggestion.get("kind") != terms.motion:
            continue
        meeting = suggestion.get("meeting")
        motions.append({"id": f"motion:{suggestion.id}", "organization_id": "congress",
                        "legislative_session_id": f"meeting:{meeting}" if view.get("meetings", meeting) else None,
                        "creator_id": suggestion.get("proposer"), "text": suggestion.get("title"),
                        "identifier": f"{suggestion.get('submitted').year}年议案第{suggestion.get('number')}号",
                        "classification": terms.motion, "date": plain(suggestion.get("submitted")),
                        "sources": [{"url": f"suggestions/{suggestion.id}/"}]})
    return {
        "persons": persons, "organizations": organizations, "memberships": memberships,
        "posts": posts, "areas": list(areas.values()), "events": events, "motions": motions,
        "vote_events": vote_events,
        # The extension: what Popolo has no class for (schemas: api/schemas/*.json).
        "suggestions": [_extension(view, r, kept) for r in view.records("suggestions")],
        "replies": [_extension(view, r, kept) for r in view.records("replies")],
        "projects": [_extension(view, r, kept) for r in view.records("projects")],
        "rectifications": [_extension(view, r, kept) for r in view.records("rectifications")],
        "plans": [_extension(view, r, kept) for r in view.records("plans")],
    }


def _membership(mid, person, organization, role, start, end, post_id=None, area_id=None) -> dict:
    item = {"id": mid, "person_id": person, "organization_id": organization, "role": role,
            "start_date": start, "end_date": end}
    if post_id:
        item["post_id"], item["area_id"] = post_id, area_id
    return item


def _extension(view: View, record: Record, kept: dict[str, dict] | None) -> dict[str, Any]:
    item = api_record(view, record, kept)
    return {"id": record.id, "classification": record.get("kind") or RECORD_TYPES[record.type].label,
            "title": item["title"], **{k: v for k, v in item["fields"].items() if k != "id"},
            **item["derived"], "sources": [{"url": item["url"]}]}


# CSV and ZIP ------------------------------------------------------------------------------

def csv_table(view: View, rtype: str, records: list[Record], kept: dict[str, dict] | None = None) -> bytes:
    """One record type as CSV (UTF-8 with BOM): a column per field, lists joined with ；,
    nested entries (opinions, votes, progress) as JSON in their cell."""
    fields = [f for f in RECORD_TYPES[rtype].fields if f.name not in ("disclosure", "allow_personal_data")]
    extra = list(_DERIVED.get(rtype, {}))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["id"] + [f.name for f in fields if f.name != "id"] + extra)
    for record in records:
        item = api_record(view, record, kept)
        row = [record.id] + [_cell(item["fields"].get(f.name)) for f in fields if f.name != "id"]
        row += [_cell(item["derived"].get(name)) for name in extra]
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value: Any) -> str:
    """A CSV cell: lists joined with ；, nested entries as JSON, formula-like text defused."""
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_value(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return csv_value("；".join(str(v) for v in value))
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def csv_files(view: View, kept: dict[str, dict] | None = None) -> dict[str, bytes]:
    """CSV per type, whole (``data/csv/TYPE.csv``) and per year (``data/csv/YYYY/TYPE.csv``)."""
    files = {}
    for rtype in TYPES:
        files[f"data/csv/{rtype}.csv"] = csv_table(view, rtype, view.records(rtype), kept)
        for year in view.years(rtype):
            files[f"data/csv/{year}/{rtype}.csv"] = csv_table(view, rtype, view.of_year(rtype, year), kept)
    return files


def bundles(files: dict[str, bytes], years: list[int]) -> dict[str, bytes]:
    """ZIPs of the data: everything, and one per year (that year's CSV files)."""
    out = {"data/renda-all.zip": _zip({k: v for k, v in files.items()
                                       if k.startswith(("data/csv/", "api/")) or k == "data/popolo.json"
                                       or k.startswith("calendar/")})}
    for year in years:
        prefix = f"data/csv/{year}/"
        out[f"data/renda-{year}.zip"] = _zip({k: v for k, v in files.items() if k.startswith(prefix)})
    return out


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))  # reproducible
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()


# iCalendar --------------------------------------------------------------------------------

def calendars(view: View) -> dict[str, bytes]:
    """``calendar/meetings.ics`` (meetings and every reception day) and one per station."""
    from icalendar import Calendar, Event

    def calendar(name: str) -> Calendar:
        cal = Calendar()
        cal.add("prodid", "-//renda//乡镇人大履职公开//ZH")
        cal.add("version", "2.0")
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Asia/Shanghai")
        return cal

    stamp = dt.datetime.combine(view.settings.current_date(), dt.time(0, 0), tzinfo=dt.timezone.utc)

    def receptions(station: Record) -> list:
        items = []
        start = station.get("opened") or dt.date(view.settings.current_date().year, 1, 1)
        for index, day in enumerate(station.get("reception_days") or ()):
            event = Event()
            event.add("uid", f"reception-{station.id}-{index + 1}@renda")
            event.add("dtstamp", stamp)
            event.add("summary", f"代表接待选民日：{station.get('name')}")
            event.add("location", station.get("address") or station.get("name"))
            event.add("dtstart", start)
            event.add("rrule", reception_rule(day))
            event.add("description", f"{day}，代表在{station.get('name')}接待选民。")
            items.append(event)
        return items

    site = calendar(f"{view.settings.township}人大会议和代表接待日")
    for meeting in view.records("meetings"):
        event = Event()
        event.add("uid", f"meeting-{meeting.id}@renda")
        event.add("dtstamp", stamp)
        event.add("summary", view.corpus.title(meeting))
        event.add("dtstart", meeting.get("date"))
        event.add("dtend", (meeting.get("end") or meeting.get("date")) + dt.timedelta(days=1))
        if meeting.get("place"):
            event.add("location", meeting.get("place"))
        event.add("categories", [meeting.get("kind")])
        site.add_component(event)
    files = {}
    for station in view.records("stations"):
        own = calendar(f"{station.get('name')}代表接待日")
        for event in receptions(station):
            site.add_component(event)
            own.add_component(event)
        files[f"calendar/stations/{station.id}.ics"] = own.to_ical()
    files["calendar/meetings.ics"] = site.to_ical()
    return files


# Everything -------------------------------------------------------------------------------

def all_files(view: View, licence: str) -> dict[str, bytes]:
    """Every open-data file of the site, by path."""
    kept: dict[str, dict] = {}  # each record as the API serves it, made once
    files = {"data/popolo.json": _json(popolo(view, kept))}
    files.update(api_files(view, licence, kept))
    files.update(csv_files(view, kept))
    files.update(calendars(view))
    years = sorted({y for rtype in TYPES for y in view.years(rtype)}, reverse=True)
    files.update(bundles(files, years))
    return files


def suggestion_feed_entries(view: View, suggestion: Record) -> list[dict[str, Any]]:
    """The handling steps of a suggestion as feed entries (a feed per suggestion)."""
    def at(day: dt.date) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))

    title = view.corpus.title(suggestion)
    url = f"suggestions/{suggestion.id}/"
    entries = [{"id": f"{url}#提出", "title": f"提出：{title}", "url": url,
                "date": at(suggestion.get("submitted")),
                "summary": f"{view.corpus.proposed_by(suggestion)}提出，交本镇办理" if suggestion.get("outside") else "代表提出"}]
    if suggestion.get("assigned"):
        lead = (suggestion.get("handlers") or {}).get("lead", "")
        entries.append({"id": f"{url}#交办", "title": f"交办：{title}", "url": url,
                        "date": at(suggestion.get("assigned")), "summary": f"交{lead}办理"})
    for reply in view.replies(suggestion):
        kind = "最终" if reply.get("final", True) else "阶段性"
        entries.append({"id": f"{url}#{reply.id}", "title": f"{kind}答复：{title}",
                        "url": f"replies/{reply.id}/", "date": at(reply.get("date")),
                        "summary": f"{reply.get('handler')}{kind}答复，{reply.get('result')} 类"})
        feedback = reply.get("feedback")
        if feedback:
            entries.append({"id": f"{url}#{reply.id}-评价", "title": f"代表评价：{title}", "url": url,
                            "date": at(feedback["date"]), "summary": f"代表评价：{feedback['satisfaction']}"})
    return entries
