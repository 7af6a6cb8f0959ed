"""Open data: Popolo against the shipped Popolo schemas, the JSON API against its own schemas,
calendars and feeds through real parsers, CSV and ZIP files; internal records in none of it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from decimal import Decimal

import feedparser
import icalendar
import pytest
from conftest import REPO, TODAY
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from jsonschema import Draft3Validator, Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3
from renda.core.config import Settings
from renda.core.validate import validate
from renda.core.view import View
from renda.site import feeds, opendata
from renda.site.opendata import popolo, reception_rule
from renda.site.pages import Provenances

POPOLO = REPO / "plugins" / "renda" / "data" / "popolo"
SCHEMA_OF = {"persons": "person", "organizations": "organization", "memberships": "membership",
             "posts": "post", "areas": "area", "events": "event", "motions": "motion",
             "vote_events": "vote_event"}
INTERNAL = ["2024-08-26-ztt", "2025-01-08-lianxi", "2025-016", "2025-016-a"]


def popolo_validators() -> dict[str, Draft3Validator]:
    """A draft-3 validator per Popolo class, every $ref resolved from the shipped files."""
    schemas = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in POPOLO.glob("*.json")}
    registry = Registry().with_resources(
        (schema["id"], Resource(schema, specification=DRAFT3)) for schema in schemas.values())
    return {key: Draft3Validator(schemas[name], registry=registry) for key, name in SCHEMA_OF.items()}


def test_sample_popolo_export_validates_against_the_popolo_schemas(sample_site):
    data = json.loads((sample_site / "site" / "data" / "popolo.json").read_text(encoding="utf-8"))
    assert list(data) == ["persons", "organizations", "memberships", "posts", "areas", "events", "motions",
                          "vote_events", "suggestions", "replies", "projects", "rectifications", "plans"]
    validators = popolo_validators()
    errors = [(key, item.get("id"), error.message) for key, validator in validators.items()
              for item in data[key] for error in validator.iter_errors(item)]
    assert errors == []
    assert len(data["persons"]) == 68
    assert {len(data[k]) > 0 for k in SCHEMA_OF} == {True}
    # Every reference points at something exported.
    ids = {key: {item["id"] for item in data[key]} for key in data}
    for membership in data["memberships"]:
        assert membership["person_id"] in ids["persons"]
        assert membership["organization_id"] in ids["organizations"]
    for vote in data["vote_events"]:
        assert vote["motion_id"] in ids["motions"]
    for event in data["events"]:
        assert event["organization_id"] in ids["organizations"]
    text = json.dumps(data, ensure_ascii=False)
    for rid in INTERNAL:
        assert rid not in text


def test_popolo_values_on_a_small_township(tree):
    outcome = validate(tree({}), Settings(today=TODAY))
    data = popolo(View(outcome.corpus))
    assert data["persons"][0] == {"id": "li-fang", "name": "李芳", "gender": "female", "summary": None,
                                  "sources": [{"url": "deputies/li-fang/"}]}
    assert [m for m in data["memberships"] if m["person_id"] == "wang-jun"] == [
        {"id": "m:wang-jun:congress", "person_id": "wang-jun", "organization_id": "congress", "role": "代表",
         "start_date": "2021-12-28", "end_date": "2024-06-30"},
        {"id": "m:wang-jun:group:第二代表小组", "person_id": "wang-jun", "organization_id": "group:第二代表小组",
         "role": "成员", "start_date": "2021-12-28", "end_date": "2024-06-30"}]
    assert data["vote_events"] == [{
        "id": "vote:2024-01-15-rd:1", "motion_id": "motion:2024-01-15-rd:1", "organization_id": "congress",
        "legislative_session_id": "meeting:2024-01-15-rd", "start_date": "2024-01-15", "result": "pass",
        "counts": [{"option": "yes", "value": 3}, {"option": "no", "value": 0}, {"option": "abstain", "value": 0}]}]
    assert [o["id"] for o in data["organizations"]] == ["congress", "presidium", "group:第一代表小组",
                                                       "group:第二代表小组", "unit:镇农业农村办", "unit:镇财政所"]
    assert data["suggestions"][0]["status"] == "已办结"


def test_cli_writes_the_same_popolo_file(tmp_path, sample_site):
    out = tmp_path / "popolo.json"
    subprocess.run([sys.executable, "-m", "renda", "export", "popolo", "-o", str(out), "--today",
                    "2026-11-21"], cwd=REPO, check=True, capture_output=True)
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(
        (sample_site / "site" / "data" / "popolo.json").read_text(encoding="utf-8"))


def test_json_api_validates_against_its_own_schemas(sample_site):
    api = sample_site / "site" / "api"
    index = json.loads((api / "index.json").read_text(encoding="utf-8"))
    assert index["licence"] == "CC BY 4.0"
    assert list(index["collections"]) == ["deputies", "stations", "meetings", "activities", "suggestions",
                                          "replies", "projects", "rectifications", "plans"]
    total = 0
    for rtype, info in index["collections"].items():
        schema = json.loads((sample_site / "site" / info["schema"]).read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema)
        listing = json.loads((sample_site / "site" / info["list"]).read_text(encoding="utf-8"))
        assert listing["count"] == info["count"] == len(listing["items"])
        for item in listing["items"]:
            record = json.loads((sample_site / "site" / item["api"]).read_text(encoding="utf-8"))
            assert [e.message for e in validator.iter_errors(record)] == []
            total += 1
        assert not any((api / rtype / f"{rid}.json").exists() for rid in INTERNAL)
    assert total == 525  # 529 records, 4 of them internal
    suggestion = json.loads((api / "suggestions" / "2025-004.json").read_text(encoding="utf-8"))
    assert suggestion["derived"] == {"status": "已办结", "deadline": "2025-04-27", "overdue": False,
                                     "first_reply": "2025-04-08", "result": "A", "satisfaction": "满意",
                                     "replies": ["2025-004-a", "2025-004-b"], "projects": []}
    parking = json.loads((api / "suggestions" / "2026-001.json").read_text(encoding="utf-8"))
    assert parking["derived"]["projects"] == ["2026-02"]
    # Each rectification item as it stands on the pinned today (2026-11-21).
    pingyi = json.loads((api / "activities" / "2026-05-19-pingyi.json").read_text(encoding="utf-8"))
    assert pingyi["derived"] == {"rectification_status": [
        {"number": 1, "status": "已整改", "late": False, "report": "2026-05-19-pingyi-a"},
        {"number": 2, "status": "逾期", "late": True, "report": None},
        {"number": 3, "status": "已整改", "late": False, "report": "2026-05-19-pingyi-a"}]}
    report = json.loads((api / "rectifications" / "2026-05-19-pingyi-a.json").read_text(encoding="utf-8"))
    assert report["fields"] == {"title": "镇社保中心关于代表评议意见的整改报告", "activity": "2026-05-19-pingyi",
                                "unit": "镇人力资源和社会保障服务中心", "date": "2026-08-28", "items": [1, 3],
                                "id": "2026-05-19-pingyi-a"}


def test_calendars_parse_and_carry_meetings_and_reception_days(sample_site):
    calendar = icalendar.Calendar.from_ical((sample_site / "site" / "calendar" / "meetings.ics").read_bytes())
    events = [c for c in calendar.walk("VEVENT")]
    meetings = [e for e in events if str(e["uid"]).startswith("meeting-")]
    assert len(meetings) == 91  # 92 meetings, one internal
    assert not any("2024-08-26-ztt" in str(e["uid"]) for e in events)
    session = next(e for e in meetings if str(e["uid"]) == "meeting-2025-01-15-rd@renda")
    assert str(session["summary"]) == "青石镇第十八届人民代表大会第四次会议"
    assert (session.decoded("dtstart").isoformat(), session.decoded("dtend").isoformat()) == (
        "2025-01-15", "2025-01-17")
    receptions = [e for e in events if str(e["uid"]).startswith("reception-")]
    assert {str(e["uid"]) for e in receptions} == {f"reception-{s}@renda" for s in (
        "baisha-shi-1", "qingshi-jia-1", "shiqiao-zhan-1")}
    for station in ("baisha-shi", "qingshi-jia", "shiqiao-zhan"):
        own = icalendar.Calendar.from_ical(
            (sample_site / "site" / "calendar" / "stations" / f"{station}.ics").read_bytes())
        assert all(e.get("rrule") for e in own.walk("VEVENT"))


@pytest.mark.parametrize("text, rule", [
    ("每月15日", {"FREQ": "MONTHLY", "BYMONTHDAY": 15}), ("每周三", {"FREQ": "WEEKLY", "BYDAY": "WE"}),
    ("每周日", {"FREQ": "WEEKLY", "BYDAY": "SU"}), ("每月第一个周三", {"FREQ": "MONTHLY", "BYDAY": "1WE"}),
    ("每月最后一个周五", {"FREQ": "MONTHLY", "BYDAY": "-1FR"})])
def test_reception_days_become_recurrence_rules(text, rule):
    assert reception_rule(text) == rule


def test_deputies_feeds_taking_each_others_entries_are_the_feeds_made_alone():
    # A record is in the feed of every deputy it names: its entry is made once a build.
    outcome = validate(REPO / "records", Settings(today=TODAY))
    view, history = View(outcome.corpus), Provenances()
    made = feeds.Made()
    deputies = view.records("deputies")
    together = [feeds.deputy_feed(view, history, d, "https://qingshi.example.gov.cn/", made) for d in deputies]
    alone = [feeds.deputy_feed(view, history, d, "https://qingshi.example.gov.cn/") for d in deputies]
    assert together == alone
    entries = sum(len(feedparser.parse(next(iter(f.values()))).entries) for f in alone)
    assert (len(deputies), len(made.items), entries) == (68, 452, 3402)  # 452 made, not 3,402
    # Taken again only for the same site: another address makes entries of its own.
    elsewhere = feeds.deputy_feed(view, history, deputies[0], None, made)
    assert elsewhere == feeds.deputy_feed(view, history, deputies[0], None)
    assert b"urn:renda:" in next(iter(elsewhere.values()))


def test_a_suggestion_feed_follows_its_handling(sample_site):
    feed = feedparser.parse((sample_site / "site" / "feeds" / "suggestions" / "2024-003.atom").read_bytes())
    assert not feed.bozo
    assert [e.title for e in feed.entries] == [
        "代表评价：关于解决龙井村三组、四组饮水不稳定问题的建议", "最终答复：关于解决龙井村三组、四组饮水不稳定问题的建议",
        "阶段性答复：关于解决龙井村三组、四组饮水不稳定问题的建议", "交办：关于解决龙井村三组、四组饮水不稳定问题的建议",
        "提出：关于解决龙井村三组、四组饮水不稳定问题的建议"]
    assert not (sample_site / "site" / "feeds" / "suggestions" / "2025-016.atom").exists()


def test_csv_files_and_bundles(sample_site):
    data = sample_site / "site" / "data"
    rows = list(csv.DictReader(io.StringIO((data / "csv" / "suggestions.csv").read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 64 and "2025-016" not in {r["id"] for r in rows}
    row = next(r for r in rows if r["id"] == "2024-003")
    assert (row["number"], row["kind"], row["status"], row["overdue"]) == ("3", "建议", "已办结", "否")
    activities = list(csv.DictReader(io.StringIO((data / "csv" / "activities.csv").read_bytes().decode("utf-8-sig"))))
    xunwen = next(r for r in activities if r["id"] == "2026-08-18-xunwen")
    assert json.loads(xunwen["rectification_status"]) == [
        {"number": 1, "status": "已整改", "late": False, "report": "2026-08-18-xunwen-a"},
        {"number": 2, "status": "逾期", "late": True, "report": None}]
    assert json.loads(xunwen["rectifications"])[1] == {"item": "工程结算审计安排未明确", "unit": "镇财政所",
                                                       "deadline": "2026-09-30"}
    archive = zipfile.ZipFile(data / "renda-2025.zip")
    assert sorted(archive.namelist()) == [f"data/csv/2025/{t}.csv" for t in sorted(
        ["activities", "meetings", "suggestions", "replies", "projects", "rectifications", "plans"])]
    everything = zipfile.ZipFile(data / "renda-all.zip")
    names = everything.namelist()
    assert "data/popolo.json" in names and "api/index.json" in names and "calendar/meetings.ics" in names
    blob = b"".join(everything.read(n) for n in names)
    for rid in INTERNAL:
        assert rid.encode() not in blob


def test_no_internal_text_in_any_open_data_file(sample_site):
    outcome = validate(REPO / "records", Settings(today=TODAY))
    titles = [outcome.corpus.title(r) for r in outcome.corpus.records if r.disclosure == "internal"]
    for folder in ("data", "api", "calendar", "feeds"):
        for path in (sample_site / "site" / folder).rglob("*"):
            if path.is_file() and path.suffix != ".zip":
                text = path.read_text(encoding="utf-8")
                assert not any(title in text for title in titles), path


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4), max_leaves=20)


@hsettings(max_examples=300, deadline=None)
@given(_JSON_VALUES)
def test_the_api_files_are_the_bytes_json_writes(value):
    # The open data's own writer of indented JSON (twice as quick) against the standard library's.
    assert opendata._json(value) == json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")


@pytest.mark.parametrize("value", [{1: "a", "b": [True]}, [1, (2, 3)], {"a": Decimal("1.5")}, float("nan")])
def test_what_the_quick_writer_does_not_know_is_left_to_json(value):
    try:
        expected = json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")
    except TypeError as error:
        with pytest.raises(TypeError, match=str(error)):
            opendata._json(value)
    else:
        assert opendata._json(value) == expected
