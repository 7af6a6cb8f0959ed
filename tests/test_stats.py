"""Annual statistics on a small hand-made township whose every figure is worked out by hand.

2024 in the tree: five township deputies in office during the year (丁 left on 31 March,
己 came in on 1 September; 戊 is a county deputy and not counted), three activities, four
meetings (the presidium met in the first and third quarters only), four suggestions (one
answered late, one never), two projects.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from conftest import write_tree
from renda.core.config import Settings
from renda.core.corpus import Corpus
from renda.core.stats import Statistics, all_figures, rate, years
from renda.core.validate import validate
from renda.core.view import View
from renda.site.exports import tables, to_csv
from renda.site.workreport import facts, percent, sections


def deputy(name: str, group: str = "第一代表小组", levels: str = "[镇]", extra: str = "") -> str:
    return f"---\nname: {name}\nlevels: {levels}\ngender: 男\nterm_start: 2021-12-28\ngroup: {group}\n{extra}---\n"


TOWN = {
    "deputies/a.md": deputy("甲", extra="roles: [主席团成员]\n"),
    "deputies/b.md": deputy("乙"),
    "deputies/c.md": deputy("丙", "第二代表小组"),
    "deputies/d.md": deputy("丁", "第二代表小组", extra="term_end: 2024-03-31\nleft_reason: 调离\n"),
    "deputies/e.md": "---\nname: 戊\nlevels: [县]\ngender: 女\nterm_start: 2021-12-28\n---\n",
    "deputies/f.md": deputy("己", "第二代表小组").replace("2021-12-28", "2024-09-01"),
    "stations/s1.md": "---\nname: 联络室\nlevel: 室\ndeputies: [a]\n---\n",
    "activities/2024/a1.md": "---\ntitle: 视察\nkind: 视察\ndate: 2024-02-10\ndeputies: [a, b, d]\n"
                             "opinions:\n  - summary: 路灯\n    status: 已办结\n"
                             "  - summary: 水渠\n    status: 已转交\n    referred_to: 水利站\n"
                             # Rectified on time, late, not at all (overdue), not yet due.
                             "rectifications:\n  - item: 路灯维修\n    unit: 建设办\n    deadline: 2024-04-30\n"
                             "  - item: 水渠清淤\n    unit: 水利站\n    deadline: 2024-05-31\n"
                             "  - item: 警示牌\n    unit: 水利站\n    deadline: 2024-06-30\n"
                             "  - item: 管护机制\n    unit: 建设办\n    deadline: 2026-12-31\n---\n",
    "rectifications/2024/a1-a.md": "---\nactivity: a1\nunit: 建设办\ndate: 2024-04-20\nitems: [1]\n---\n",
    "rectifications/2024/a1-b.md": "---\nactivity: a1\nunit: 水利站\ndate: 2024-07-01\nitems: [2]\n---\n",
    "activities/2024/a2.md": "---\ntitle: 接待\nkind: 接待选民\ndate: 2024-05-15\ndeputies: [a]\n"
                             "station: s1\nvoters: 12\nopinions:\n  - summary: 低保\n    status: 已办结\n"
                             "  - summary: 医保\n    status: 办理中\n  - summary: 校车\n    status: 已办结\n---\n",
    "activities/2024/a3.md": "---\ntitle: 调研\nkind: 调研\ndate: 2024-10-20\ndeputies: [a, f, e]\n"
                             "voters: 5\n---\n",
    "activities/2025/a4.md": "---\ntitle: 视察\nkind: 视察\ndate: 2025-03-01\ndeputies: [c]\n---\n",
    "meetings/2024/m1.md": "---\nkind: 人民代表大会\ndate: 2024-01-15\nend: 2024-01-16\n"
                           "session: 第十八届人民代表大会第三次会议\nattendees: [a, b, c, d]\n"
                           "reviewed: [政府工作报告, 财政预算报告]\nvotes:\n  - item: 决议\n    for: 4\n---\n",
    "meetings/2024/m2.md": "---\nkind: 主席团会议\ndate: 2024-02-20\nattendees: [a]\n---\n",
    "meetings/2024/m3.md": "---\nkind: 主席团会议\ndate: 2024-08-10\nattendees: [a]\n---\n",
    "meetings/2024/m4.md": "---\nkind: 代表小组会议\ndate: 2024-04-10\ngroup: 第一代表小组\n"
                           "attendees: [a, b]\n---\n",
    "suggestions/2024/s1.md": "---\ntitle: 关于修路的建议\nnumber: 1\nkind: 建议\nproposer: a\n"
                              "cosigners: [b]\nsubmitted: 2024-01-15\ncategory: 农业农村\n"
                              "handlers:\n  lead: 镇政府\nassigned: 2024-01-25\n---\n",
    "suggestions/2024/s2.md": "---\ntitle: 关于路灯的建议\nnumber: 2\nkind: 建议\nproposer: c\n"
                              "submitted: 2024-01-16\ncategory: 交通运输\nhandlers:\n  lead: 镇政府\n"
                              "assigned: 2024-01-25\n---\n",
    "suggestions/2024/s3.md": "---\ntitle: 关于校车的建议\nnumber: 3\nkind: 建议\nproposer: b\n"
                              "submitted: 2024-06-01\ncategory: 教育\nhandlers:\n  lead: 镇政府\n"
                              "assigned: 2024-06-10\n---\n",
    "suggestions/2024/s4.md": "---\ntitle: 关于养老的议案\nnumber: 1\nkind: 议案\nproposer: a\n"
                              "cosigners: [b]\nsubmitted: 2024-01-15\ncategory: 社会保障\n"
                              "handlers:\n  lead: 镇政府\nassigned: 2024-01-25\n---\n",
    "replies/2024/r1.md": "---\nsuggestion: s1\nhandler: 镇政府\ndate: 2024-04-10\nresult: A\n"
                          "feedback:\n  date: 2024-04-20\n  satisfaction: 满意\n---\n",
    "replies/2024/r2.md": "---\nsuggestion: s2\nhandler: 镇政府\ndate: 2024-05-06\nresult: B\n"
                          "feedback:\n  date: 2024-05-10\n  satisfaction: 不满意\n---\n",
    "replies/2024/r4.md": "---\nsuggestion: s4\nhandler: 镇政府\ndate: 2024-03-01\nresult: C\n"
                          "feedback:\n  date: 2024-03-05\n  satisfaction: 基本满意\n---\n",
    "projects/2024/p1.md": "---\ntitle: 路\nnumber: 1\nyear: 2024\nresponsible: 镇政府\nbudget: 100\n"
                           "progress:\n  - date: 2024-11-30\n    percent: 100\nfrom_suggestions: [s1]\n---\n",
    "projects/2024/p2.md": "---\ntitle: 桥\nnumber: 2\nyear: 2024\nresponsible: 镇政府\nbudget: 20.5\n"
                           "progress:\n  - date: 2024-11-30\n    percent: 50\n---\n",
}
TODAY = dt.date(2026, 11, 21)
MKDOCS = "site_name: x\nplugins:\n  - renda:\n      rules:\n        motion_min_cosigners: 1\n"


def town_stats(tmp_path, today=TODAY, year=2024) -> Statistics:
    settings = Settings(today=today)
    settings.rules.motion_min_cosigners = 1
    outcome = validate(write_tree(tmp_path / "records", TOWN), settings)
    # An early "today" makes the later records future-dated (X04); nothing else may fail.
    assert [p.format() for p in outcome.problems if p.code != "X04" or today == TODAY] == []
    return Statistics(View(outcome.corpus), year)


def test_township_figures_by_hand(tmp_path):
    summary = town_stats(tmp_path).summary()
    compliance = summary.pop("compliance")
    assert summary.pop("plan") is None  # the town has no 工作要点
    assert summary.pop("for_others") == {"total": 0, "by_role": dict.fromkeys(
        ["县人大代表", "市人大代表", "省人大代表", "全国人大代表", "政协委员"], 0), "replied": 0, "closed": 0}
    kinds = dict.fromkeys(["视察", "调研", "执法检查", "站所评议", "专题询问", "学习培训", "外出考察",
                           "接待选民", "联系选民", "述职", "代表小组活动", "其他"], 0)
    assert summary == {
        "year": 2024,
        "as_of": "2024-12-31",
        # a, b, c, d (until March), f (from September); e is a county deputy.
        "deputies": {"in_office": 5, "participated": 4, "participation_rate": 0.8},
        "activities": {"total": 3, "by_kind": {**kinds, "视察": 1, "调研": 1, "接待选民": 1},
                       "person_times": 7,
                       "person_times_by_kind": {**kinds, "视察": 3, "调研": 3, "接待选民": 1}},
        "voters": {"received": 17, "opinions": 5, "resolved": 3, "in_progress": 1, "referred": 1,
                   "resolution_rate": 0.6},
        "suggestions": {
            "total": 4, "by_kind": {"议案": 1, "建议": 3},
            "by_category": {"经济发展": 0, "农业农村": 1, "城乡建设": 0, "交通运输": 1, "教育": 1,
                            "医疗卫生": 0, "社会保障": 1, "生态环境": 0, "文化旅游": 0, "社会治理": 0,
                            "其他": 0},
            "assigned": 4, "replied": 3, "replied_on_time": 2, "overdue": 2, "unanswered": 1,
            "by_result": {"A": 1, "B": 1, "C": 1},
            "result_shares": {"A": 0.3333, "B": 0.3333, "C": 0.3333},
            "evaluated": 3, "by_satisfaction": {"满意": 1, "基本满意": 1, "不满意": 1}, "satisfied": 2,
            "satisfaction_rate": 0.6667, "closed": 2,
        },
        "meetings": {"total": 4, "by_kind": {"人民代表大会": 1, "预备会议": 0, "主席团会议": 2,
                                             "代表小组会议": 1},
                     "presidium_per_quarter": [1, 0, 1, 0],
                     "sessions": [{"id": "m1", "title": "第十八届人民代表大会第三次会议", "days": 2}],
                     "reports_reviewed": 2, "votes": 1, "votes_passed": 1},
        # a1's four items: one reported on time, one late (both done), one overdue, one not yet due.
        "supervision": {"rectifications": {"total": 4, "completed": 2, "overdue": 1}},
        "projects": {"voted": 2, "from_suggestions": 1, "completed": 1, "budget": 120.5},
    }
    assert [(c["rule"], c["ok"]) for c in compliance] == [
        ("主席团每季度至少召开 1 次会议", False),
        ("人民代表大会每次会议会期不少于 2 天", True),
        ("每年开展视察、执法检查不少于 4 次", False),
        ("每年开展站所评议不少于 2 次", False),
        ("承办单位在交办后 3 个月内答复", False),
        ("每个代表小组每季度至少开会 1 次", False),
        ("每个代表小组每年开展活动不少于 4 次", False),
        ("每位代表每年提出建议或意见不少于 5 件", False),
    ]


def test_each_rectification_item_has_its_status_from_its_deadline_and_the_reports(tmp_path):
    stats = town_stats(tmp_path)
    items = stats.corpus.rectifications(stats.corpus.get("activities", "a1"))
    assert [(r.number, r.item, r.status, r.late, r.report.id if r.report else None) for r in items] == [
        (1, "路灯维修", "已整改", False, "a1-a"),  # reported 2024-04-20, due 04-30
        (2, "水渠清淤", "已整改", True, "a1-b"),  # reported 2024-07-01, due 05-31: done late
        (3, "警示牌", "逾期", True, None),  # due 2024-06-30, no report by 2026-11-21
        (4, "管护机制", "整改中", False, None),  # due 2026-12-31
    ]
    # On the day after its deadline an open item turns overdue.
    later = town_stats(tmp_path / "later", today=dt.date(2027, 1, 1))
    assert [r.status for r in later.corpus.rectifications(later.corpus.get("activities", "a1"))][3] == "逾期"


def test_skipped_presidium_quarters_and_a_late_reply_are_named(tmp_path):
    compliance = town_stats(tmp_path).compliance()
    presidium, reply = compliance[0], compliance[4]
    assert presidium == {
        "rule": "主席团每季度至少召开 1 次会议", "ok": False,
        "detail": "第一季度1次、第二季度0次、第三季度1次、第四季度0次。第二季度、第四季度没有召开主席团会议。",
        "records": ["meetings/m3", "meetings/m2"]}
    assert reply == {
        "rule": "承办单位在交办后 3 个月内答复", "ok": False,
        "detail": "逾期：建议第3号《关于校车的建议》（期限 2024-09-10，至今未答复）；"
                  "建议第2号《关于路灯的建议》（期限 2024-04-25，2024-05-06 才答复）。",
        "records": ["suggestions/s3", "suggestions/s2"]}


def test_a_running_year_leaves_unfinished_quarters_open(tmp_path):
    stats = town_stats(tmp_path, today=dt.date(2024, 8, 20))
    presidium = stats.compliance()[0]
    assert presidium["ok"] is False  # the second quarter is over and had no meeting
    assert presidium["detail"].endswith("第二季度没有召开主席团会议。")
    inspections = stats.compliance()[2]
    assert (inspections["ok"], inspections["detail"]) == (None, "全年开展视察、执法检查 1 次（截至今日）。")
    assert stats.summary()["as_of"] == "2024-08-20"


def test_groups_stations_and_points_by_hand(tmp_path):
    stats = town_stats(tmp_path)
    assert [(g["group"], g["in_office"], g["participated"], g["activities"], g["person_times"],
             g["group_meetings"]) for g in stats.groups()] == [
        ("第一代表小组", 2, 2, 3, 4, 1),   # a in a1, a2, a3; b in a1
        ("第二代表小组", 3, 2, 2, 2, 0)]   # d in a1, f in a3; c took part in nothing
    assert stats.stations() == [{"station": "s1", "name": "联络室", "activities": 1, "person_times": 1,
                                 "voters": 12, "opinions": 3, "resolved": 2, "referred": 0}]
    ranking = {r["name"]: (r["rank"], r["points"]) for r in stats.deputies_table()}
    # 甲: 视察 3 + 接待选民 2 + 调研 3, four meetings 4 × 2, led two suggestions 2 × 3 = 22
    # 乙: 视察 3, two meetings 2 × 2, led one 3, co-signed two 2 × 1 = 12
    # 丙: one meeting 2, led one 3 = 5;  丁: 视察 3 + one meeting 2 = 5;  己: 调研 3
    # 丁 left office in March (调离): listed, never ranked. 丙 third, 己 fourth.
    assert ranking == {"甲": (1, 22), "乙": (2, 12), "丙": (3, 5), "己": (4, 3), "丁": (None, 5)}
    assert [r["name"] for r in stats.deputies_table()] == ["甲", "乙", "丙", "己", "丁"]


def fair_town(tmp_path) -> Statistics:
    town = dict(TOWN)
    # 甲 and 乙 report at a 述职 meeting that 丙 attends to guide; 乙 brings in two opinions;
    # 丙 misses a meeting with leave (请假), 乙 misses one without a word.
    town["activities/2024/a5.md"] = ("---\ntitle: 述职\nkind: 述职\ndate: 2024-12-05\ndeputies: [a, b, c]\n"
                                     "reporters: [a, b]\nopinions:\n  - summary: 修桥\n    status: 办理中\n"
                                     "    deputy: b\n  - summary: 路灯\n    status: 办理中\n    deputy: b\n---\n")
    town["meetings/2024/m5.md"] = ("---\nkind: 代表小组会议\ndate: 2024-11-10\ngroup: 第一代表小组\nattendees: [a]\n"
                                   "absent:\n  - deputy: b\n  - deputy: c\n    reason: 因病请假\n---\n")
    settings = Settings(today=TODAY)
    settings.rules.motion_min_cosigners = 1
    outcome = validate(write_tree(tmp_path / "records", town), settings)
    assert [p.format() for p in outcome.problems] == []
    return Statistics(View(outcome.corpus), 2024)


def test_reporting_points_go_to_the_reporters_and_leave_costs_nothing(tmp_path):
    rows = {r["name"]: r for r in fair_town(tmp_path).deputies_table()}
    # 甲 22 + 述职 5 + m5 2 = 29; 乙 12 + 述职 5 − 1 (absent without leave) = 16;
    # 丙 5 + 1 (came to the 述职 meeting, did not report) + 0 (absent with leave) = 6.
    assert {n: (r["points"], r["reported"], r["meetings_missed"], r["meetings_excused"], r["opinions"])
            for n, r in rows.items() if n in "甲乙丙"} == {
        "甲": (29, 1, 0, 0, 0), "乙": (16, 1, 1, 0, 2), "丙": (6, 0, 1, 1, 0)}


def test_the_quota_counts_suggestions_and_opinions_and_says_so(tmp_path):
    rule = fair_town(tmp_path).compliance()[-1]
    # 甲 led 2 (s1, s4); 乙 led 1, co-signed 2, brought in 2 opinions = 5; 丙 led 1; 己 none.
    assert rule == {
        "rule": "每位代表每年提出建议或意见不少于 5 件", "ok": False,
        "detail": "1 名代表达到，3 名未达到。计入：领衔或附议的议案建议，活动中听取并反映的群众意见（记录写明反映代表的）；"
                  "年内离任的代表不计。",
        "records": ["deputies/a", "deputies/c", "deputies/f"]}


def test_the_reflections_rule_is_shown_only_where_the_township_sets_it(tmp_path):
    town = dict(TOWN)
    # 甲 wrote 2 in 2024 (and one in 2023, not counted); 乙 one; 丁 left in the year (not counted).
    town["deputies/a.md"] = deputy("甲", extra="reflections:\n  - date: 2023-12-01\n    title: 旧\n"
                                              "  - date: 2024-03-01\n    title: 一\n  - date: 2024-10-01\n    title: 二\n")
    town["deputies/b.md"] = deputy("乙", extra="reflections:\n  - date: 2024-06-01\n    title: 一\n")
    settings = Settings(today=TODAY)
    settings.rules.motion_min_cosigners = 1
    view = View(validate(write_tree(tmp_path / "records", town), settings).corpus)
    assert not any("心得体会" in r["rule"] for r in Statistics(view, 2024).compliance())
    settings.rules.quota.deputy_reflections_per_year = 2
    assert Statistics(view, 2024).compliance()[-1] == {
        "rule": "每位代表每年撰写心得体会不少于 2 篇", "ok": False,
        "detail": "1 名代表达到，3 名未达到。计入：代表记录里写明日期的心得体会（reflections）；年内离任的代表不计。",
        "records": ["deputies/b", "deputies/c", "deputies/f"]}


def test_the_work_report_is_written_section_by_section_like_a_real_one(tmp_path):
    # Figures spread over 监督工作 / 代表工作 / 自身建设, the session and the reports heard and the
    # projects named, the most frequent activity kinds first.
    assert sections(facts(town_stats(tmp_path))) == [
        ("一、监督工作", "2024年，镇人大主席团依法组织召开第十八届人民代表大会第三次会议，会期共2天；"
                      "听取和审议政府工作报告、财政预算报告2项报告，依法作出决议决定；组织代表开展视察1次、调研1次，"
                      "推动有关工作落实。票决民生实事项目2项，分别为“路”“桥”，已完成1项。"),
        ("二、代表工作", "组织代表开展视察、调研、接待选民等履职活动3次，参加代表7人次，4名代表参加了活动，参与率80%；"
                      "代表接待选民17人次，收集群众意见5条，已办结3条、转交有关部门办理1条、正在办理1条。"
                      "代表共提出议案1件、建议3件，已全部交办，已答复3件，其中按期答复2件；办理结果中已解决或采纳的1件、"
                      "正在解决或列入计划的1件、留作参考的1件，代表对办理结果的满意率为66.67%。"),
        ("三、自身建设", "召开主席团会议2次；依托1个代表之家（站、室）开展活动1次。"),
    ]


def test_no_clause_is_written_for_a_figure_the_year_does_not_have(tmp_path):
    town = {k: v for k, v in TOWN.items() if not k.startswith(("replies/", "meetings/", "projects/"))}
    town["activities/2024/a1.md"] = TOWN["activities/2024/a1.md"].replace("kind: 视察", "kind: 接待选民")
    town["activities/2024/a3.md"] = TOWN["activities/2024/a3.md"].replace("kind: 调研", "kind: 接待选民")
    settings = Settings(today=TODAY)
    settings.rules.motion_min_cosigners = 1
    stats = Statistics(View(validate(write_tree(tmp_path / "records", town), settings).corpus), 2024)
    text = "".join(p for _, p in sections(facts(stats)))
    assert "0次" not in text and "0件" not in text and "0项" not in text and "0条" not in text
    assert sections(facts(stats))[0] == ("二、代表工作", "2024年，组织代表开展接待选民活动3次，参加代表7人次，4名代表参加了活动，"
                                                "参与率80%；代表接待选民17人次，收集群众意见5条，已办结3条、转交有关部门办理1条、"
                                                "正在办理1条。代表共提出议案1件、建议3件，已全部交办。")


def test_the_work_report_is_offered_as_a_word_document(tmp_path):
    import io

    from docx import Document
    from renda.site.workreport import docx

    stats = town_stats(tmp_path)
    data = docx(facts(stats), "青石镇")
    assert data == docx(facts(stats), "青石镇")  # the same figures, the same bytes
    document = Document(io.BytesIO(data))
    shown = [(p.style.name, p.text) for p in document.paragraphs]
    assert shown[0] == ("Heading 1", "青石镇人大2024年工作报告（数据部分）")
    assert shown[1:] == [item for heading, text in sections(facts(stats))
                         for item in (("Heading 2", heading), ("Normal", text))]


def test_percent_is_written_as_people_write_it():
    assert [percent(v) for v in (1.0, 0.8955, 0.6667, 0.5, 0.0, None)] == [
        "100%", "89.55%", "66.67%", "50%", "0%", "—"]


def test_csv_has_a_bom_and_chinese_headers(tmp_path):
    stats = town_stats(tmp_path)
    activities = next(t for t in tables(stats, None) if t.name == "activities")
    data = to_csv(activities)
    assert data.startswith("\ufeff".encode("utf-8"))
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "活动类型,次数,参加代表（人次）" and lines[1] == "视察,1,3" and lines[-1] == "合计,3,7"


def test_cli_json_has_the_agreed_keys(tmp_path):
    write_tree(tmp_path / "records", TOWN)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "renda", "stats", "--year", "2024", "--json",
                             "--today", "2026-11-21"], cwd=tmp_path, capture_output=True, text=True,
                            encoding="utf-8")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    flat = {"year": data["year"]}
    for group, keys in {"deputies": ["in_office", "participated", "participation_rate"],
                        "activities": ["total", "person_times"], "voters": ["received", "opinions"],
                        "suggestions": ["total", "replied", "overdue", "evaluated", "satisfaction_rate"],
                        "meetings": ["presidium_per_quarter", "reports_reviewed"],
                        "projects": ["voted", "completed"]}.items():
        for key in keys:
            flat[f"{group}.{key}"] = data[group][key]
    assert flat == {"year": 2024, "deputies.in_office": 5, "deputies.participated": 4,
                    "deputies.participation_rate": 0.8, "activities.total": 3,
                    "activities.person_times": 7, "voters.received": 17, "voters.opinions": 5,
                    "suggestions.total": 4, "suggestions.replied": 3, "suggestions.overdue": 2,
                    "suggestions.evaluated": 3, "suggestions.satisfaction_rate": 0.6667,
                    "meetings.presidium_per_quarter": [1, 0, 1, 0], "meetings.reports_reviewed": 2,
                    "projects.voted": 2, "projects.completed": 1}
    assert data["activities"]["by_kind"]["视察"] == 1
    assert data["suggestions"]["by_kind"] == {"议案": 1, "建议": 3}
    assert data["suggestions"]["by_result"] == {"A": 1, "B": 1, "C": 1}
    assert data["meetings"]["by_kind"]["主席团会议"] == 2
    assert {tuple(sorted(c)) for c in data["compliance"]} == {("detail", "ok", "records", "rule")}
    # Every figure names the records it counts.
    assert data["sources"]["voters.received"] == ["activities/a3", "activities/a2"]  # a1 received nobody
    assert sorted(data["sources"]["suggestions.overdue"]) == ["suggestions/s2", "suggestions/s3"]
    assert data["sources"]["deputies.participation_rate"] == data["sources"]["deputies.in_office"]


def test_cli_refuses_statistics_over_broken_records(tmp_path):
    write_tree(tmp_path / "records", {**TOWN, "deputies/a.md": "---\nname: 甲\n---\n"})
    result = subprocess.run([sys.executable, "-m", "renda", "stats", "--year", "2024"], cwd=tmp_path,
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1
    assert "Error: 记录有错误，统计数字不可靠。请先改正上面的错误。" in result.stderr


def test_internal_records_count_only_when_asked(tmp_path):
    town = dict(TOWN)
    town["activities/2024/a3.md"] = town["activities/2024/a3.md"].replace("voters: 5\n", "voters: 5\ndisclosure: internal\n")
    settings = Settings(today=TODAY)
    settings.rules.motion_min_cosigners = 1
    corpus = validate(write_tree(tmp_path / "records", town), settings).corpus
    assert Statistics(View(corpus), 2024).summary()["activities"]["total"] == 2
    assert Statistics(View(corpus, internal=True), 2024).summary()["activities"]["total"] == 3


def test_nested_rules_merge_key_by_key():
    settings = Settings.from_mapping({"rules": {"quota": {"deputy_suggestions_per_year": 2},
                                                "points": {"activities": {"视察": 5}}}})
    assert (settings.rules.quota.group_meetings_per_quarter, settings.rules.quota.group_activities_per_year,
            settings.rules.quota.deputy_suggestions_per_year) == (1, 4, 2)
    assert settings.rules.points.activities["视察"] == 5
    assert settings.rules.points.activities["调研"] == 3
    assert settings.rules.points.suggestion_led == 3


def test_every_number_of_the_summary_is_compared_year_over_year(tmp_path):
    from renda.core.stats import all_figures, compare_all

    settings = Settings(today=TODAY)
    settings.rules.motion_min_cosigners = 1
    corpus = validate(write_tree(tmp_path / "records", TOWN), settings).corpus
    current = Statistics(View(corpus), 2025).summary()
    previous = Statistics(View(corpus), 2024).summary()

    def leaves(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                yield from leaves(item, f"{path}.{key}")
        elif isinstance(value, list) and all(isinstance(v, (int, float)) for v in value):
            for index, item in enumerate(value):
                yield f"{path}.{index}"
        elif isinstance(value, (int, float)) or value is None:
            yield path

    numbers = {p for group in ("deputies", "activities", "voters", "suggestions", "for_others", "meetings",
                               "supervision", "projects")
               for p in leaves(current[group], group)}
    assert {path for _, _, path, _, _ in all_figures(current)} == numbers
    rows = {r["key"]: r for r in compare_all(current, previous)}
    assert (rows["activities.total"]["value"], rows["activities.total"]["previous"],
            rows["activities.total"]["change"]) == (1, 3, -2)
    assert rows["meetings.presidium_per_quarter.1"]["label"] == "第二季度主席团会议（次）"
    assert rows["suggestions.satisfaction_rate"]["rate"] is True


@pytest.mark.parametrize("where", ["town", "sample"])
def test_every_figure_names_the_records_it_counts_and_they_recount_it(tmp_path, where):
    from conftest import REPO
    from renda.core import figures

    root = write_tree(tmp_path / "records", TOWN) if where == "town" else REPO / "records"
    settings = Settings(today=TODAY)
    if where == "town":
        settings.rules.motion_min_cosigners = 1
    view = View(validate(root, settings).corpus)
    for year in (2024, 2025):
        stats = Statistics(view, year)
        summary, sources = stats.summary(), stats.sources()
        paths = figures.paths(summary)
        assert set(paths) <= set(sources), set(paths) - set(sources)
        values = {path: value for _, _, path, value, _ in all_figures(summary)}
        for path in paths:
            records = [view.get(*ref.split("/", 1)) for ref in sources[path]]
            assert None not in records and len(set(sources[path])) == len(records), path
            figure, member = figures.figure_of(path)
            if figure.rate:
                part, whole = figures.ratio_paths(path)
                assert values[path] == rate(values[part], values[whole]), path
                assert set(sources[path]) == set(sources[part]) | set(sources[whole]), path
            else:
                assert figures.recount(path, records, view.corpus) == values[path], path
        # The sessions named in the summary are the meetings its sources give.
        assert [s["id"] for s in summary["meetings"]["sessions"]] == [
            ref.split("/")[1] for ref in sources["meetings.sessions"]]
    if where == "sample":
        assert len(paths) > 60 and sum(map(len, sources.values())) > 1000


def test_a_finished_year_without_a_session_failed_and_a_pending_quarter_is_not_met(tmp_path):
    town = {k: v for k, v in TOWN.items() if k != "meetings/2024/m1.md"}
    town["meetings/2024/m5.md"] = "---\nkind: 主席团会议\ndate: 2024-05-20\nattendees: [a]\n---\n"
    town["meetings/2024/m6.md"] = "---\nkind: 主席团会议\ndate: 2024-11-20\nattendees: [a]\n---\n"
    settings = Settings(today=TODAY)
    settings.rules.motion_min_cosigners = 1
    view = View(validate(write_tree(tmp_path / "records", town), settings).corpus)
    finished = {c["rule"]: (c["ok"], c["detail"]) for c in Statistics(view, 2024).compliance()}
    assert finished["人民代表大会每次会议会期不少于 2 天"] == (False, "全年没有召开人民代表大会会议。")
    assert finished["主席团每季度至少召开 1 次会议"] == (True, "第一季度1次、第二季度1次、第三季度1次、第四季度1次。")
    settings.today = dt.date(2024, 11, 30)
    view = View(validate(tmp_path / "records", settings).corpus)
    running = {c["rule"]: (c["ok"], c["detail"]) for c in Statistics(view, 2024).compliance()}
    assert running["人民代表大会每次会议会期不少于 2 天"] == (None, "本年度还没有召开人民代表大会会议。")
    # All four quarters have had their meeting, but the fourth is not over: not yet "met".
    assert running["主席团每季度至少召开 1 次会议"] == (
        None, "第一季度1次、第二季度1次、第三季度1次、第四季度1次。第四季度尚未结束。")


def test_one_label_names_one_figure_everywhere(tmp_path):
    # "接待选民（人次）" was the voters received in one table and the deputies at reception
    # events in another. Every label of the summary, the downloads and the page is unique.
    from renda.core import figures

    stats = town_stats(tmp_path)
    labels = [label for _, label, _, _, _ in all_figures(stats.summary())]
    assert len(labels) == len(set(labels))
    assert [path for _, label, path, _, _ in all_figures(stats.summary()) if label == "接待选民（人次）"] == [
        "voters.received"]
    assert figures.label("activities.person_times_by_kind.接待选民") == "参加接待选民活动代表（人次）"
    for table in tables(stats, None):
        assert len(table.headers) == len(set(table.headers)), table.name
        names = [row[1 if table.name == "comparison" else 0] for row in table.rows]
        assert len(names) == len(set(names)), table.name


def test_cli_shows_nothing_to_compare_as_a_dash_and_no_change_as_level(tmp_path):
    from renda.site.workreport import change

    write_tree(tmp_path / "records", TOWN)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")

    def stats(year: str) -> str:
        result = subprocess.run([sys.executable, "-m", "renda", "stats", "--year", year, "--today", "2026-11-21"],
                                cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
        assert result.returncode == 0, result.stderr
        return result.stdout

    lines = stats("2024").splitlines()
    # 2023 has no records: nothing to compare with (it printed 0 and "+5" before).
    assert lines[lines.index("【主要数字】") + 2] == "在任代表（名）\t5\t—\t—"
    assert stats("2023") == "示例镇 2023年没有任何记录，没有统计数字。有记录的年份：2024、2025。\n"
    assert [change(v, r) for v, r in ((0, False), (0.0, True), (3, False), (-2, False), (0.015, True), (None, False))] \
        == ["持平", "持平", "+3", "-2", "+1.5 个百分点", "—"]


@pytest.mark.parametrize("options, message", [
    ({"rules": {"reply_months": "三个月"}}, "rules.reply_months 要写整数，“三个月”不对"),
    ({"rules": {"quota": {"deputy_suggestions": 5}}},
     "rules.quota 中没有 'deputy_suggestions' 这一项；可用：group_meetings_per_quarter、group_activities_per_year、"
     "deputy_suggestions_per_year、deputy_reflections_per_year"),
    ({"rules": {"inspection_kinds": "视察"}}, "rules.inspection_kinds 要写成列表，例如 [甲, 乙]，“视察”不对"),
    ({"rules": {"points": {"activities": {"巡查": 3}}}}, "rules.points.activities 里的“巡查”不是活动类型（activity_kinds）"),
    ({"rules": {"vote_majority_of": {"主席团会议": "一半"}}},
     "rules.vote_majority_of.主席团会议 只能是 全体代表、主席团成员、出席代表 之一，“一半”不对"),
    ({"limits": {"max_depth": True}}, "limits.max_depth 要写整数，“True”不对"),
    ({"publish_ranking": "yes"}, "publish_ranking 只能写 true 或 false，“yes”不对"),
    ({"default_disclosure": {"replies": "secret"}}, "default_disclosure.replies 只能写 public 或 internal，“secret”不对"),
    ({"vocabularies": {"meeting_kinds": ["人代会", "主席团会议", "代表小组会议", "预备会议"]},
      "terms": {"congress": "人大会"}},
     "terms.congress 里的“人大会”不在词表 meeting_kinds（人代会、主席团会议、代表小组会议、预备会议）里。改了词表就要同时改这里"),
    ({"terms": {"presidium_roles": ["主席", "主任"]}},
     "terms.presidium_roles 里的“主任”不在词表 roles（主席、副主席、主席团成员、代表小组组长、代表小组副组长、代表工作站站长）里。"
     "改了词表就要同时改这里"),
    ({"rules": {"inspection_kinds": ["巡视"]}}, "rules.inspection_kinds 里的“巡视”不在词表 activity_kinds 里"),
])
def test_a_wrong_setting_is_named_in_chinese(options, message):
    with pytest.raises(ValueError) as raised:
        Settings.from_mapping(options)
    assert str(raised.value) == message


def test_the_presidium_is_whoever_holds_a_presidium_role_the_settings_name(tmp_path):
    root = write_tree(tmp_path / "records", TOWN)
    # 甲 is a 主席团成员: on the presidium by default, not where the settings say only 主席 and
    # 副主席 sit on it.
    default = validate(root, Settings.from_mapping({"today": "2026-11-21"}))
    narrower = validate(root, Settings.from_mapping({"today": "2026-11-21",
                                                     "terms": {"presidium_roles": ["主席", "副主席"]}}))
    assert [p.code for p in default.problems] == [p.code for p in narrower.problems] == ["X06"]  # s4
    day = dt.date(2024, 6, 1)
    assert (default.corpus.presidium(day), narrower.corpus.presidium(day)) == (1, 0)


def test_a_renamed_meeting_kind_is_followed_by_the_rules_that_name_it(tmp_path):
    # A township that calls its congress 人代会 says so once (vocabulary and term) and every
    # figure and rule follows.
    settings = Settings.from_mapping({
        "today": "2026-11-21", "rules": {"motion_min_cosigners": 1, "vote_majority_of": {"人代会": "全体代表"}},
        "vocabularies": {"meeting_kinds": ["人代会", "预备会议", "主席团会议", "代表小组会议"]},
        "terms": {"congress": "人代会"}})
    town = {k: v.replace("kind: 人民代表大会", "kind: 人代会") for k, v in TOWN.items()}
    stats = Statistics(View(validate(write_tree(tmp_path / "records", town), settings).corpus), 2024)
    assert stats.summary()["meetings"]["sessions"] == [{"id": "m1", "title": "第十八届人民代表大会第三次会议", "days": 2}]
    assert stats.compliance()[1]["ok"] is True


PLAN_2024 = ("---\ntitle: 2024年工作要点\nyear: 2024\nadopted: 2024-02-20\nadopted_at: m2\nitems:\n"
             "  - text: 组织代表视察\n    kind: 视察\n    target: 1\n"
             "  - text: 开展专题调研\n    kind: 调研\n    target: 2\n"
             "  - text: 主席团每季度开会\n    meeting: 主席团会议\n    target: 4\n"
             "  - text: 加强代表之家建设\n---\n全文。\n")


def test_the_years_plan_is_counted_against_what_was_done(tmp_path):
    # 2024 is over: 视察 1 of 1 done, 调研 1 of 2 and the presidium's 2 of 4 not; the house-building
    # task has no count. 2026 is running: its 视察 is not done yet, so it is 进行中, not 未完成.
    town = {**TOWN, "plans/2024/2024-yaodian.md": PLAN_2024,
            "plans/2026/2026-yaodian.md": "---\ntitle: 2026年工作要点\nyear: 2026\nitems:\n"
                                          "  - text: 视察\n    kind: 视察\n    target: 1\n---\n"}
    settings = Settings(today=TODAY)
    settings.rules.motion_min_cosigners = 1
    outcome = validate(write_tree(tmp_path / "records", town), settings)
    assert outcome.problems == []
    view = View(outcome.corpus)
    current = Statistics(view, 2024)
    assert current.summary()["plan"] == {
        "record": "plans/2024-yaodian", "title": "2024年工作要点", "items": 3, "done": 1, "rows": [
            {"text": "组织代表视察", "kind": "视察", "counts": "activities", "target": 1, "actual": 1, "ok": True,
             "records": ["activities/a1"]},
            {"text": "开展专题调研", "kind": "调研", "counts": "activities", "target": 2, "actual": 1, "ok": False,
             "records": ["activities/a3"]},
            {"text": "主席团每季度开会", "kind": "主席团会议", "counts": "meetings", "target": 4, "actual": 2,
             "ok": False, "records": ["meetings/m3", "meetings/m2"]},
            {"text": "加强代表之家建设", "kind": None, "counts": None, "target": None, "actual": None, "ok": None,
             "records": []}]}
    assert Statistics(view, 2025).summary()["plan"] is None
    assert [(r["target"], r["actual"], r["ok"]) for r in Statistics(view, 2026).plan()["rows"]] == [(1, 0, None)]
    # A plan is for a year, not something done in it: 2026 gets no statistics page of its own.
    assert years(view) == [2025, 2024]
    # The work report's fourth section and the downloadable table say the same.
    assert sections(facts(current))[-1] == (
        "四、年度工作要点完成情况",
        "《2024年工作要点》确定可计数的工作任务3项，全年已完成1项：视察计划1次、实际开展1次；调研计划2次、实际开展1次；"
        "主席团会议计划4次、实际召开2次。未完成的任务：开展专题调研、主席团每季度开会。")
    plan_table, = [t for t in tables(current) if t.name == "plan"]
    assert to_csv(plan_table).decode("utf-8-sig").splitlines() == [
        "任务,计数,计划（次）,完成（次）,结果", "组织代表视察,视察,1,1,已完成", "开展专题调研,调研,2,1,未完成",
        "主席团每季度开会,主席团会议,4,2,未完成", "加强代表之家建设,—,,,不计数"]
    assert not [t for t in tables(Statistics(view, 2025)) if t.name == "plan"]


OUTSIDE = ("---\ntitle: {title}\nnumber: 1\nkind: 建议\nsubmitted: 2024-03-01\ncategory: 交通运输\n"
           "outside:\n  name: {name}\n  role: {role}\n  reference: 县第45号\nhandlers:\n  lead: 镇政府\n"
           "assigned: 2024-03-10\n---\n")


def test_suggestions_handled_for_others_are_counted_apart(tmp_path):
    # A county deputy's suggestion (answered, closed) and a CPPCC proposal, both numbered 1 like
    # the town's own s1: they leave every figure of the township deputies' own as it was.
    town = {**TOWN,
            "suggestions/2024/x1.md": OUTSIDE.format(title="县道护栏", name="罗德明", role="县人大代表"),
            "suggestions/2024/z1.md": OUTSIDE.format(title="茶旅研学", name="宋文静", role="政协委员"),
            "replies/2024/x1-a.md": "---\nsuggestion: x1\nhandler: 镇政府\ndate: 2024-05-01\nresult: A\n"
                                    "feedback:\n  date: 2024-05-10\n  satisfaction: 满意\n---\n"}
    settings = Settings(today=TODAY)
    settings.rules.motion_min_cosigners = 1
    outcome = validate(write_tree(tmp_path / "records", town), settings)
    assert outcome.problems == []
    current = Statistics(View(outcome.corpus), 2024)
    summary = current.summary()
    assert summary["for_others"] == {"total": 2, "by_role": {"县人大代表": 1, "市人大代表": 0, "省人大代表": 0,
                                                             "全国人大代表": 0, "政协委员": 1},
                                     "replied": 1, "closed": 1}
    assert current.sources()["for_others.replied"] == ["suggestions/x1"]
    assert summary["suggestions"] == town_stats(tmp_path / "own").summary()["suggestions"]
    assert outcome.corpus.kind_label(outcome.corpus.get("suggestions", "z1")) == "提案"
    assert outcome.corpus.kind_label(outcome.corpus.get("suggestions", "x1")) == "建议"
    assert sections(facts(current))[1][1].endswith(
        "代表对办理结果的满意率为66.67%。办理上级人大代表建议、政协委员提案2件（县人大代表1件、政协委员1件），已答复1件。")
    # Which standings make an item a 提案 is the township's word (terms.proposal_roles), not code's.
    renamed = Settings.from_mapping({"vocabularies": {"outside_proposers": ["县人大代表", "县政协委员"]},
                                     "terms": {"proposal_roles": ["县政协委员"]}})
    assert renamed.terms.proposal_roles == ["县政协委员"]
    z1 = outcome.corpus.get("suggestions", "z1")
    z1.data["outside"] = dict(z1.get("outside"), role="县政协委员")
    assert Corpus(outcome.corpus.records, renamed).kind_label(z1) == "提案"
    assert Corpus(outcome.corpus.records, Settings()).kind_label(z1) == "建议"
    with pytest.raises(ValueError, match="terms.proposal_roles 里的“政协”不在词表 outside_proposers"):
        Settings.from_mapping({"terms": {"proposal_roles": ["政协"]}})
