"""Derived state, computed from the records alone: never typed, always the same answer."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import BASE_TREE, TODAY
from renda.core.config import Settings
from renda.core.corpus import add_months
from renda.core.validate import validate

D = dt.date
SUGGESTION = "suggestions/2024/2024-001.md"
REPLY = "replies/2024/2024-001-a.md"
UNASSIGNED = ("---\ntitle: 关于加快红星村饮水工程建设的建议\nnumber: 1\nkind: 建议\nproposer: zhang-wei\n"
              "submitted: 2024-01-15\ncategory: 农业农村\n---\n")


def reply(date: str, result: str = "B", final: str = "是", feedback: str = "", name: str = "a") -> dict:
    text = (f"---\nsuggestion: 2024-001\nhandler: 镇农业农村办\ndate: {date}\nresult: {result}\n"
            f"final: {final}\n{feedback}---\n")
    return {f"replies/{date[:4]}/2024-001-{name}.md": text}


def state(tree, overrides, today=TODAY):
    outcome = validate(tree(overrides), Settings(today=today))
    # An earlier "today" makes the base tree's later dates lie in the future (X04), nothing else.
    assert [p.format() for p in outcome.problems if p.code != "X04" or today == TODAY] == []
    corpus = outcome.corpus
    return corpus.suggestion_state(corpus.get("suggestions", "2024-001"))


def test_unassigned_suggestion_is_pending(tree):
    s = state(tree, {SUGGESTION: UNASSIGNED, REPLY: None, "activities/2024/2024-03-12-shicha.md": None})
    assert (s.status, s.deadline, s.overdue, s.result) == ("待交办", None, False, None)


def test_assigned_without_reply_is_handling_then_overdue(tree):
    s = state(tree, {REPLY: None}, today=D(2024, 4, 25))
    assert (s.status, s.deadline, s.overdue) == ("办理中", D(2024, 4, 25), False)
    s = state(tree, {REPLY: None}, today=D(2024, 4, 26))
    assert (s.status, s.overdue) == ("办理中", True)


def test_interim_reply_means_continuing(tree):
    s = state(tree, {REPLY: None, **reply("2024-03-20", final="否")})
    assert (s.status, s.first_reply, s.overdue, s.result, s.final) == (
        "续办中", D(2024, 3, 20), False, "B", None)


def test_interim_then_final_reply(tree):
    overrides = {REPLY: None, **reply("2024-03-20", final="否"),
                 **reply("2024-10-08", result="A", name="b",
                         feedback="feedback:\n  date: 2024-10-20\n  satisfaction: 基本满意\n")}
    s = state(tree, overrides)
    assert (s.status, s.first_reply, s.overdue, s.result, s.satisfaction) == (
        "已办结", D(2024, 3, 20), False, "A", "基本满意")
    assert s.final.id == "2024-001-b"


def test_final_reply_without_feedback_is_answered(tree):
    s = state(tree, {REPLY: None, **reply("2024-04-01", result="C")})
    assert (s.status, s.result, s.satisfaction) == ("已答复", "C", None)


def test_unsatisfied_feedback_reopens_the_suggestion(tree):
    unhappy = "feedback:\n  date: 2024-04-10\n  satisfaction: 不满意\n"
    s = state(tree, {REPLY: None, **reply("2024-04-01", feedback=unhappy)})
    assert (s.status, s.satisfaction) == ("重新办理", "不满意")
    happy = "feedback:\n  date: 2024-07-10\n  satisfaction: 满意\n"
    s = state(tree, {REPLY: None, **reply("2024-04-01", feedback=unhappy),
                     **reply("2024-07-01", result="A", feedback=happy, name="b")})
    assert (s.status, s.result, s.satisfaction) == ("已办结", "A", "满意")


def test_reply_after_the_deadline_is_overdue_even_when_answered(tree):
    s = state(tree, {REPLY: None, **reply("2024-05-06", result="A")})
    assert (s.status, s.deadline, s.overdue) == ("已答复", D(2024, 4, 25), True)


def test_written_deadline_wins(tree):
    text = BASE_TREE[SUGGESTION].replace(
        "assigned: 2024-01-25\n", "assigned: 2024-01-25\ndeadline: 2024-06-30\n")
    s = state(tree, {SUGGESTION: text, REPLY: None, **reply("2024-05-06", result="A")})
    assert (s.deadline, s.overdue) == (D(2024, 6, 30), False)


@pytest.mark.parametrize("day, months, expected", [
    (D(2024, 1, 25), 3, D(2024, 4, 25)),
    (D(2024, 11, 30), 3, D(2025, 2, 28)),
    (D(2023, 11, 30), 3, D(2024, 2, 29)),
    (D(2024, 10, 31), 2, D(2024, 12, 31)),
])
def test_add_months_clips_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_reply_period_is_configurable(tree):
    settings = Settings(today=TODAY)
    settings.rules.reply_months = 2
    corpus = validate(tree({}), settings).corpus
    assert corpus.deadline(corpus.get("suggestions", "2024-001")) == D(2024, 3, 25)


def test_serving_follows_term_dates(tree):
    corpus = validate(tree({}), Settings(today=TODAY)).corpus
    wang = corpus.get("deputies", "wang-jun")
    assert corpus.serving(wang, D(2024, 6, 30)) is True
    assert corpus.serving(wang, D(2024, 7, 1)) is False
    assert corpus.serving(wang, D(2021, 12, 27)) is False
    assert [corpus.in_office(D(2024, 6, 30)), corpus.in_office(D(2024, 7, 1)),
            corpus.in_office(D(2021, 12, 1))] == [3, 2, 0]
    assert corpus.in_office(D(2024, 7, 1), level="县") == 1
    assert corpus.in_office(D(2024, 7, 1), level=None, group="第二代表小组") == 0
    assert corpus.presidium(D(2024, 7, 1)) == 1


def test_project_status_from_last_progress(tree):
    project = ("---\ntitle: 项目\nnumber: 2\nyear: 2024\nresponsible: 镇政府\nprogress:\n"
               "  - date: 2024-06-30\n    percent: 40\n---\n")
    empty = "---\ntitle: 项目\nnumber: 3\nyear: 2024\nresponsible: 镇政府\n---\n"
    corpus = validate(tree({"projects/2024/2024-02.md": project, "projects/2024/2024-03.md": empty}),
                      Settings(today=TODAY)).corpus
    assert [(corpus.project_status(p), corpus.project_percent(p)) for p in corpus.of_type("projects")] \
        == [("已完成", 100), ("实施中", 40), ("未开工", 0)]


def test_titles_default_from_fields(tree):
    corpus = validate(tree({}), Settings(today=TODAY)).corpus
    assert corpus.title(corpus.get("deputies", "zhang-wei")) == "张伟"
    assert corpus.title(corpus.get("meetings", "2024-01-15-rd")) == "第十八届人民代表大会第三次会议"
    assert corpus.title(corpus.get("replies", "2024-001-a")) == "对《关于加快红星村饮水工程建设的建议》的答复"


def test_invalid_records_are_marked_and_keep_references_alive(tree):
    broken = "---\nname: 李芳\nlevels: [镇]\ngender: 女\nterm_start: 2021-12-28\ngroup: [第一代表小组]\n---\n"
    outcome = validate(tree({"deputies/li-fang.md": broken}), Settings(today=TODAY))
    assert [p.code for p in outcome.problems] == ["F03"]
    assert outcome.corpus.get("deputies", "li-fang").valid is False
    assert outcome.corpus.get("deputies", "zhang-wei").valid is True
    assert outcome.ok is False


PROJECT = "projects/2024/2024-01.md"


def test_a_project_tells_its_whole_loop_as_one_timeline(tree):
    from renda.core.chain import project_chain

    activity = BASE_TREE["activities/2024/2024-03-12-shicha.md"].replace(
        "    referred_to: 镇村镇建设办\n", "    referred_to: 镇村镇建设办\n  - summary: 红星村吃水难\n    status: 已转交\n"
        "    referred_to: 镇农业农村办\n    deputy: li-fang\n    suggestion: 2024-001\n")
    project = BASE_TREE[PROJECT].replace("---\n", "", 1).rstrip("-\n") + (
        "\nfrom_suggestions: [2024-001]\nfrom_opinions:\n  - activity: 2024-03-12-shicha\n    number: 1\n"
        "evaluation:\n  date: 2025-01-15\n  satisfied: 2\n  basically_satisfied: 1\n")
    outcome = validate(tree({"activities/2024/2024-03-12-shicha.md": activity,
                             PROJECT: "---\n" + project + "---\n"}), Settings(today=TODAY))
    assert outcome.problems == []
    corpus = outcome.corpus
    steps = project_chain(corpus, corpus.get("projects", "2024-01"))
    assert [(s.stage, s.date, s.text + (f"[{s.label or corpus.title(s.record)}]" if s.record else "") + s.after,
             s.done) for s in steps] == [
        ("建议", D(2024, 1, 15), "张伟领衔提出建议《[关于加快红星村饮水工程建设的建议]》", True),
        ("票决", D(2024, 1, 15), "[第十八届人民代表大会第三次会议]票决", True),
        # Named by the project, and raised for its suggestion: both opinions, by day.
        ("意见", D(2024, 3, 12), "村口路灯损坏（[视察农村饮水安全工程]中听取）", True),
        ("意见", D(2024, 3, 12), "红星村吃水难（李芳在[视察农村饮水安全工程]中听取）", True),
        ("答复", D(2024, 4, 10), "镇农业农村办最终答复，A 类（[答复函]）", True),
        ("建设进度", D(2024, 6, 30), "完成 60%", True),
        ("建设进度", D(2024, 12, 20), "完成 100%", True),
        ("测评", D(2025, 1, 15), "代表测评：满意 2 票，基本满意 1 票，不满意 0 票", True),
        ("验收", None, "尚未验收", False),
    ]
    assert corpus.projects_by_suggestion["2024-001"] == [corpus.get("projects", "2024-01")]
