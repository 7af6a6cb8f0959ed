"""Annual statistics, rules of office and duty points, computed from the records alone.

Everything is computed from a ``View`` (what a build shows), for one calendar year, as plain
dicts and lists that go unchanged into JSON, CSV, XLSX and the statistics page. The
definition of every figure is in ``DEFINITIONS`` and printed on the page beside it.
Suggestions count in the year they were submitted; their state is as of the corpus' today.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .record import Record
from .strokes import group_key, name_key
from .view import View

QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")

#: Every figure's definition, in the words printed on the statistics page.
DEFINITIONS: dict[str, str] = {
    "在任代表": "当年任期内任何一天在任的代表人数（计入的代表层级见设置，默认镇人大代表）。",
    "参与代表": "在任代表中当年至少参加过一次履职活动的人数（出席会议不计）。",
    "参与率": "参与代表 ÷ 在任代表。",
    "履职活动": "当年开展的履职活动次数，按活动日期计入年份。",
    "人次": "每次活动的参加代表人数之和。",
    "接待选民": "各次活动记录的接待、走访选民人次之和。",
    "群众意见": "活动中收集的群众意见条数；已办结、办理中、已转交按记录的办理情况计。",
    "意见办结率": "已办结的意见 ÷ 收集的意见。",
    "议案建议": "当年提出的议案、建议件数，按提出日期计入年份。",
    "已答复": "已有承办单位答复（阶段性或最终）的件数。",
    "按期答复": "第一份答复不晚于办理期限的件数；办理期限默认为交办后三个月。",
    "逾期": "超过办理期限仍未答复，或第一份答复晚于期限的件数。",
    "未答复": "至今没有任何答复的件数。",
    "A/B/C": "按最近一份答复的办理结果分类：A 已解决或采纳，B 正在解决或列入计划，C 留作参考。",
    "已评价": "代表对答复作出评价的件数（按最近一次评价）。",
    "满意率": "（满意 + 基本满意）÷ 已评价。",
    "会议": "当年召开的会议次数，按会议类型分列；会期为开始到结束的天数。",
    "听取审议报告": "各次会议听取、审议的报告份数之和。",
    "表决": "会议表决的事项数和通过数。",
    "民生实事": "当年票决的民生实事项目数；已完成指最近一次进度达到 100%。",
    "履职积分": "按设置的分值累计：参加各类活动、出席会议、领衔和附议建议得分，缺席会议扣分。",
}


@dataclass(frozen=True)
class Period:
    """One calendar year, cut at the corpus' today when it is the current year."""

    year: int
    today: dt.date

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return min(dt.date(self.year, 12, 31), self.today)

    def quarters(self) -> list[tuple[str, dt.date, dt.date, bool]]:
        """(name, first day, last day, ended) of each quarter that has begun."""
        result = []
        for index, name in enumerate(QUARTERS):
            first = dt.date(self.year, 3 * index + 1, 1)
            if first > self.today:
                break
            last = (dt.date(self.year, 3 * index + 4, 1) if index < 3
                    else dt.date(self.year + 1, 1, 1)) - dt.timedelta(days=1)
            result.append((name, first, last, last < self.today))
        return result


def rate(part: int, whole: int) -> float | None:
    """A fraction 0–1 rounded to four places, or None when there is nothing to divide by."""
    return round(part / whole, 4) if whole else None


class Statistics:
    """All figures of one year over one view."""

    def __init__(self, view: View, year: int):
        self.view = view
        self.corpus = view.corpus
        self.settings = view.settings
        self.rules = view.settings.rules
        self.period = Period(year, self.settings.current_date())
        self.year = year
        self.activities = view.of_year("activities", year)
        self.meetings = view.of_year("meetings", year)
        self.suggestions = view.of_year("suggestions", year)
        self.projects = view.of_year("projects", year)
        levels = set(self.rules["participation_levels"])
        self.deputies = [d for d in view.records("deputies") if self._in_office(d)
                         and levels & set(d.get("levels") or ())]

    def _in_office(self, deputy: Record) -> bool:
        start, end = deputy.get("term_start"), deputy.get("term_end")
        return (start is None or start <= self.period.end) and (end is None or end >= self.period.start)

    # The township ------------------------------------------------------------------------

    def summary(self) -> dict[str, Any]:
        """The township's figures, keyed as ``renda stats --json`` prints them."""
        return self._summary

    @cached_property
    def _summary(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "as_of": self.period.end.isoformat(),
            "deputies": self._deputies(self.deputies, self.activities),
            "activities": self._activities(self.activities),
            "voters": self._voters(self.activities),
            "suggestions": self._suggestions(self.suggestions),
            "meetings": self._meetings(),
            "projects": {
                "voted": len(self.projects),
                "completed": sum(self.corpus.project_status(p) == "已完成" for p in self.projects),
                "budget": float(sum(p.get("budget") or 0 for p in self.projects)),
            },
            "compliance": self.compliance(),
        }

    def _deputies(self, deputies: list[Record], activities: list[Record]) -> dict[str, Any]:
        took_part = {d for a in activities for d in a.get("deputies") or ()}
        participated = sum(d.id in took_part for d in deputies)
        return {"in_office": len(deputies), "participated": participated,
                "participation_rate": rate(participated, len(deputies))}

    def _activities(self, activities: list[Record]) -> dict[str, Any]:
        kinds = self.settings.vocabularies["activity_kinds"]
        by_kind = Counter(a.get("kind") for a in activities)
        person_times = Counter()
        for activity in activities:
            person_times[activity.get("kind")] += len(activity.get("deputies") or ())
        return {"total": len(activities),
                "by_kind": {k: by_kind[k] for k in kinds},
                "person_times": sum(person_times.values()),
                "person_times_by_kind": {k: person_times[k] for k in kinds}}

    def _voters(self, activities: list[Record]) -> dict[str, Any]:
        opinions = [o for a in activities for o in a.get("opinions") or ()]
        statuses = Counter(o["status"] for o in opinions)
        return {"received": sum(a.get("voters") or 0 for a in activities),
                "opinions": len(opinions),
                "resolved": statuses["已办结"],
                "in_progress": statuses["办理中"],
                "referred": statuses["已转交"],
                "resolution_rate": rate(statuses["已办结"], len(opinions))}

    def _suggestions(self, suggestions: list[Record]) -> dict[str, Any]:
        states = [self.corpus.suggestion_state(s) for s in suggestions]
        satisfactions = self.settings.vocabularies["satisfactions"]
        results = self.settings.vocabularies["results"]
        evaluated = [st.satisfaction for st in states if st.satisfaction]
        replied = [st for st in states if st.first_reply]
        pleased = sum(s in satisfactions[:-1] for s in evaluated)
        return {
            "total": len(suggestions),
            "by_kind": {k: sum(s.get("kind") == k for s in suggestions)
                        for k in self.settings.vocabularies["suggestion_kinds"]},
            "by_category": {c: sum(s.get("category") == c for s in suggestions)
                            for c in self.settings.vocabularies["categories"]},
            "assigned": sum(bool(s.get("assigned")) for s in suggestions),
            "replied": len(replied),
            "replied_on_time": sum(not st.overdue for st in replied),
            "overdue": sum(st.overdue for st in states),
            "unanswered": len(states) - len(replied),
            "by_result": {r: sum(st.result == r for st in replied) for r in results},
            "result_shares": {r: rate(sum(st.result == r for st in replied), len(replied))
                              for r in results},
            "evaluated": len(evaluated),
            "by_satisfaction": {s: evaluated.count(s) for s in satisfactions},
            "satisfaction_rate": rate(pleased, len(evaluated)),
            "closed": sum(st.status == "已办结" for st in states),
        }

    def _meetings(self) -> dict[str, Any]:
        kinds = self.settings.vocabularies["meeting_kinds"]
        presidium = [m for m in self.meetings if m.get("kind") == "主席团会议"]
        sessions = [m for m in self.meetings if m.get("kind") == "人民代表大会"]
        votes = [(m, v) for m in self.meetings for v in m.get("votes") or ()]
        return {
            "total": len(self.meetings),
            "by_kind": {k: sum(m.get("kind") == k for m in self.meetings) for k in kinds},
            "presidium_per_quarter": [sum(1 for m in presidium if (m.get("date").month - 1) // 3 == q)
                                      for q in range(4)],
            "sessions": [{"id": m.id, "title": self.corpus.title(m), "days": session_days(m)}
                         for m in sorted(sessions, key=lambda m: m.get("date"))],
            "reports_reviewed": sum(len(m.get("reviewed") or ()) for m in self.meetings),
            "votes": len(votes),
            "votes_passed": sum(self.corpus.vote_passed(m, v) for m, v in votes),
        }

    # Groups, stations, deputies ----------------------------------------------------------

    def groups(self) -> list[dict[str, Any]]:
        """Per deputy group: members' participation, activities they joined, group meetings."""
        return self._groups

    @cached_property
    def _groups(self) -> list[dict[str, Any]]:
        names = sorted({d.get("group") for d in self.deputies if d.get("group")}, key=group_key)
        rows = []
        for name in names:
            members = [d for d in self.deputies if d.get("group") == name]
            ids = {d.id for d in members}
            joined = [a for a in self.activities if ids & set(a.get("deputies") or ())]
            own = [a for a in self.activities if a.get("group") == name]
            meetings = [m for m in self.meetings
                        if m.get("kind") == "代表小组会议" and m.get("group") == name]
            rows.append({
                "group": name,
                **self._deputies(members, self.activities),
                "activities": len(joined),
                "person_times": sum(len(ids & set(a.get("deputies") or ())) for a in joined),
                "group_activities": len(own),
                "group_meetings": len(meetings),
                "group_meetings_per_quarter": [sum(1 for m in meetings
                                                   if (m.get("date").month - 1) // 3 == q)
                                               for q in range(4)],
                "voters": sum(a.get("voters") or 0 for a in joined),
            })
        return rows

    def stations(self) -> list[dict[str, Any]]:
        """Per station: activities held there, person-times, voters received, opinions."""
        rows = []
        for station in self.view.records("stations"):
            held = [a for a in self.activities if a.get("station") == station.id]
            voters = self._voters(held)
            rows.append({"station": station.id, "name": station.get("name"),
                         "activities": len(held),
                         "person_times": sum(len(a.get("deputies") or ()) for a in held),
                         "voters": voters["received"], "opinions": voters["opinions"],
                         "resolved": voters["resolved"], "referred": voters["referred"]})
        return rows

    def deputies_table(self) -> list[dict[str, Any]]:
        """Per deputy in office: activities by kind, meetings, suggestions and duty points,
        ranked by points (ties in surname-stroke order)."""
        return self._deputies_table

    @cached_property
    def _deputies_table(self) -> list[dict[str, Any]]:
        points = self.rules["points"]
        # Who took part in what, in one pass over the year's records (a record counts once
        # per deputy, however often it names them).
        of: dict[tuple[str, str], dict[int, Record]] = defaultdict(dict)
        for activity in self.activities:
            for rid in activity.get("deputies") or ():
                of["mine", rid][id(activity)] = activity
        for meeting in self.meetings:
            for rid in meeting.get("attendees") or ():
                of["attended", rid][id(meeting)] = meeting
            for item in meeting.get("absent") or ():
                of["missed", item["deputy"]][id(meeting)] = meeting
        for suggestion in self.suggestions:
            of["led", suggestion.get("proposer")][id(suggestion)] = suggestion
            for rid in suggestion.get("cosigners") or ():
                of["cosigned", rid][id(suggestion)] = suggestion
        rows = []
        for deputy in self.deputies:
            mine, attended, missed, led, cosigned = (list(of.get((name, deputy.id), {}).values()) for name in (
                "mine", "attended", "missed", "led", "cosigned"))
            score = (sum(points["activities"].get(a.get("kind"), 0) for a in mine)
                     + points["meeting_attended"] * len(attended)
                     + points["meeting_absent"] * len(missed)
                     + points["suggestion_led"] * len(led)
                     + points["suggestion_cosigned"] * len(cosigned))
            rows.append({"deputy": deputy.id, "name": deputy.get("name"),
                         "group": deputy.get("group") or "",
                         "activities": len(mine),
                         "by_kind": dict(Counter(a.get("kind") for a in mine)),
                         "meetings_attended": len(attended), "meetings_missed": len(missed),
                         "suggestions_led": len(led), "suggestions_cosigned": len(cosigned),
                         "points": score})
        rows.sort(key=lambda r: (-r["points"], name_key(r["name"] or r["deputy"])))
        # Equal points, equal rank (1, 2, 2, 4); within a rank, surname-stroke order.
        for place, row in enumerate(rows, start=1):
            row["rank"] = rows[place - 2]["rank"] if place > 1 and rows[place - 2]["points"] == row["points"] \
                else place
        return rows

    # Rules of office ---------------------------------------------------------------------

    def compliance(self) -> list[dict[str, Any]]:
        """Each rule of office: ``{rule, ok, detail, records}``; ok is None while undecided
        (the year is still running and the rule may yet be met). ``records`` are the records
        behind the result, as ``type/id``."""
        return [self._presidium_rule(), self._session_rule(), self._count_rule("inspection"),
                self._count_rule("evaluation"), self._reply_rule(), *self._quota_rules()]

    def _presidium_rule(self) -> dict[str, Any]:
        need = int(self.rules["presidium_per_quarter"])
        presidium = [m for m in self.meetings if m.get("kind") == "主席团会议"]
        missing, pending = [], []
        for name, first, last, ended in self.period.quarters():
            held = [m for m in presidium if first <= m.get("date") <= last]
            if len(held) < need:
                (missing if ended else pending).append(name)
        counts = "、".join(f"{q}{n}次" for q, n in zip(QUARTERS, self._meetings()["presidium_per_quarter"]))
        detail = f"{counts}。" + (f"{'、'.join(missing)}没有召开主席团会议。" if missing else "")
        if pending and not missing:
            detail += f"{'、'.join(pending)}尚未结束。"
        return {"rule": f"主席团每季度至少召开 {need} 次会议", "ok": not missing,
                "detail": detail, "records": [f"meetings/{m.id}" for m in presidium]}

    def _session_rule(self) -> dict[str, Any]:
        need = int(self.rules["session_min_days"])
        sessions = sorted((m for m in self.meetings if m.get("kind") == "人民代表大会"),
                          key=lambda m: m.get("date"))
        short = [m for m in sessions if session_days(m) < need]
        if not sessions:
            return {"rule": f"人民代表大会每次会议会期不少于 {need} 天", "ok": None,
                    "detail": "本年度还没有召开人民代表大会会议。", "records": []}
        parts = [f"{self.corpus.title(m)}会期 {session_days(m)} 天" for m in sessions]
        return {"rule": f"人民代表大会每次会议会期不少于 {need} 天", "ok": not short,
                "detail": "；".join(parts) + "。", "records": [f"meetings/{m.id}" for m in sessions]}

    def _count_rule(self, which: str) -> dict[str, Any]:
        need = int(self.rules[f"{which}s_per_year"])
        kinds = self.rules[f"{which}_kinds"]
        held = [a for a in self.activities if a.get("kind") in kinds]
        label = "、".join(kinds)
        year_over = self.period.end == dt.date(self.year, 12, 31)
        ok = len(held) >= need or (None if not year_over else False)
        detail = f"全年开展{label} {len(held)} 次" + ("" if year_over else "（截至今日）") + "。"
        return {"rule": f"每年开展{label}不少于 {need} 次", "ok": ok, "detail": detail,
                "records": [f"activities/{a.id}" for a in held]}

    def _reply_rule(self) -> dict[str, Any]:
        months = int(self.rules["reply_months"])
        late = []
        for suggestion in self.suggestions:
            state = self.corpus.suggestion_state(suggestion)
            if state.overdue:
                how = (f"{state.first_reply.isoformat()} 才答复" if state.first_reply
                       else "至今未答复")
                late.append((suggestion, f"{suggestion.get('kind')}第{suggestion.get('number')}号"
                                         f"《{suggestion.get('title')}》（期限 {state.deadline}，{how}）"))
        detail = ("全部在办理期限内答复或仍在期限内。" if not late
                  else "逾期：" + "；".join(text for _, text in late) + "。")
        return {"rule": f"承办单位在交办后 {months} 个月内答复", "ok": not late, "detail": detail,
                "records": [f"suggestions/{s.id}" for s, _ in late]}

    def _quota_rules(self) -> list[dict[str, Any]]:
        quota = self.rules["quota"]
        groups = self.groups()
        year_over = self.period.end == dt.date(self.year, 12, 31)
        rules = []
        need = int(quota["group_meetings_per_quarter"])
        ended = [i for i, (_, _, _, done) in enumerate(self.period.quarters()) if done]
        short = [f"{g['group']}{QUARTERS[q]}" for g in groups for q in ended
                 if g["group_meetings_per_quarter"][q] < need]
        rules.append({"rule": f"每个代表小组每季度至少开会 {need} 次", "ok": not short,
                      "detail": ("未达到：" + "、".join(short) + "。") if short else "各小组均已达到。",
                      "records": []})
        need = int(quota["group_activities_per_year"])
        short = [f"{g['group']}（{g['group_activities']} 次）" for g in groups
                 if g["group_activities"] < need]
        rules.append({"rule": f"每个代表小组每年开展活动不少于 {need} 次",
                      "ok": (not short) if year_over or not short else None,
                      "detail": ("未达到：" + "、".join(short) + "。") if short else "各小组均已达到。",
                      "records": []})
        need = int(quota["deputy_suggestions_per_year"])
        rows = self.deputies_table()
        short = [r for r in rows if r["suggestions_led"] + r["suggestions_cosigned"] < need]
        rules.append({"rule": f"每位代表每年提出（领衔或附议）建议不少于 {need} 件",
                      "ok": (not short) if year_over or not short else None,
                      "detail": (f"{len(rows) - len(short)} 名代表达到，{len(short)} 名未达到"
                                 + ("（截至今日）" if not year_over else "") + "。"),
                      "records": [f"deputies/{r['deputy']}" for r in short]})
        return rules


def years(view: View) -> list[int]:
    """The years any dated record of the view falls in, newest first."""
    found = set()
    for rtype in ("activities", "meetings", "suggestions", "projects"):
        found.update(view.years(rtype))
    return sorted(found, reverse=True)


def session_days(meeting: Record) -> int:
    """How many calendar days a meeting lasted, its first and last day included."""
    return ((meeting.get("end") or meeting.get("date")) - meeting.get("date")).days + 1


def year_over_year(current: dict[str, Any], previous: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The headline figures of two years side by side, with the change."""
    def pick(summary, path):
        value = summary
        for key in path.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        return value

    rows = []
    for label, path, is_rate in HEADLINES:
        now = pick(current, path)
        before = pick(previous, path) if previous else None
        change = None
        if isinstance(now, (int, float)) and isinstance(before, (int, float)):
            change = round(now - before, 4)
        rows.append({"label": label, "key": path, "rate": is_rate, "value": now,
                     "previous": before, "change": change})
    return rows


_GROUP_LABELS = {
    "deputies": "代表", "activities": "履职活动", "voters": "选民和群众意见", "suggestions": "议案建议",
    "meetings": "会议", "projects": "民生实事",
}
_FIELD_LABELS = {
    "deputies.in_office": "在任代表（名）", "deputies.participated": "参与代表（名）",
    "deputies.participation_rate": "代表参与率",
    "activities.total": "履职活动（次）", "activities.person_times": "参加活动（人次）",
    "activities.by_kind": "{}（次）", "activities.person_times_by_kind": "{}（人次）",
    "voters.received": "接待选民（人次）", "voters.opinions": "收集群众意见（条）",
    "voters.resolved": "意见已办结（条）", "voters.in_progress": "意见办理中（条）",
    "voters.referred": "意见已转交（条）", "voters.resolution_rate": "意见办结率",
    "suggestions.total": "议案建议（件）", "suggestions.by_kind": "{}（件）",
    "suggestions.by_category": "分类：{}（件）", "suggestions.assigned": "已交办（件）",
    "suggestions.replied": "已答复（件）", "suggestions.replied_on_time": "按期答复（件）",
    "suggestions.overdue": "逾期（件）", "suggestions.unanswered": "未答复（件）",
    "suggestions.by_result": "{}类（件）", "suggestions.result_shares": "{}类占比",
    "suggestions.evaluated": "已评价（件）", "suggestions.by_satisfaction": "评价{}（件）",
    "suggestions.satisfaction_rate": "满意率", "suggestions.closed": "已办结（件）",
    "meetings.total": "会议（次）", "meetings.by_kind": "{}（次）",
    "meetings.presidium_per_quarter": "主席团会议{}（次）", "meetings.reports_reviewed": "听取审议报告（份）",
    "meetings.votes": "表决事项（项）", "meetings.votes_passed": "表决通过（项）",
    "projects.voted": "票决民生实事（项）", "projects.completed": "民生实事已完成（项）",
    "projects.budget": "民生实事计划投资（万元）",
}
_RATES = ("rate", "result_shares")


def all_figures(summary: dict[str, Any]) -> list[tuple[str, str, str, float | None, bool]]:
    """Every number of a summary: (group, label, key path, value, is a rate), in page order."""
    rows = []
    for group, label in _GROUP_LABELS.items():
        for key, value in summary[group].items():
            path = f"{group}.{key}"
            template = _FIELD_LABELS.get(path)
            if template is None:
                continue
            is_rate = any(marker in key for marker in _RATES)
            if isinstance(value, dict):
                rows += [(label, template.format(k), f"{path}.{k}", v, is_rate) for k, v in value.items()]
            elif isinstance(value, list):
                rows += [(label, template.format(QUARTERS[i]), f"{path}.{i}", v, is_rate)
                         for i, v in enumerate(value)]
            else:
                rows.append((label, template, path, value, is_rate))
    return rows


def compare_all(current: dict[str, Any], previous: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Every figure of ``current`` beside the same figure of ``previous``, with the change."""
    before = {path: value for _, _, path, value, _ in all_figures(previous)} if previous else {}
    rows = []
    for group, label, path, value, is_rate in all_figures(current):
        old = before.get(path)
        change = round(value - old, 4) if isinstance(value, (int, float)) and isinstance(old, (int, float)) else None
        rows.append({"group": group, "label": label, "key": path, "rate": is_rate, "value": value,
                     "previous": old, "change": change})
    return rows


#: The figures compared year over year: (label, key path in the summary, is a rate).
HEADLINES = [
    ("在任代表", "deputies.in_office", False),
    ("参与代表", "deputies.participated", False),
    ("代表参与率", "deputies.participation_rate", True),
    ("履职活动（次）", "activities.total", False),
    ("参加活动（人次）", "activities.person_times", False),
    ("接待选民（人次）", "voters.received", False),
    ("收集群众意见（条）", "voters.opinions", False),
    ("意见办结率", "voters.resolution_rate", True),
    ("议案建议（件）", "suggestions.total", False),
    ("已答复（件）", "suggestions.replied", False),
    ("逾期（件）", "suggestions.overdue", False),
    ("满意率", "suggestions.satisfaction_rate", True),
    ("会议（次）", "meetings.total", False),
    ("听取审议报告（份）", "meetings.reports_reviewed", False),
    ("票决民生实事（项）", "projects.voted", False),
    ("民生实事已完成（项）", "projects.completed", False),
]
