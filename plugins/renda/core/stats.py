"""Annual statistics, rules of office and duty points, computed from the records alone.

Everything is computed from a ``View`` (what a build shows), for one calendar year, as plain
dicts and lists that go unchanged into JSON, CSV, XLSX and the statistics page. Every figure
is declared in ``figures`` (name, unit, definition, how it is counted) and keeps the records
it counts (``Statistics.sources``).
Suggestions count in the year they were submitted; their state is as of the corpus' today.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import figures
from .corpus import CLOSED, COMPLETED
from .record import Record
from .schema import RECORD_TYPES
from .strokes import group_key, name_key
from .view import View

QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")

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
        self.terms = view.settings.terms
        self.period = Period(year, self.settings.current_date())
        self.year = year
        self.activities = view.of_year("activities", year)
        self.meetings = view.of_year("meetings", year)
        submitted = view.of_year("suggestions", year)
        #: The township deputies' own; those of others the town handles (outside) count apart.
        self.suggestions = [s for s in submitted if not s.get("outside")]
        self.for_others = [s for s in submitted if s.get("outside")]
        self.projects = view.of_year("projects", year)
        levels = set(self.rules.participation_levels)
        self.deputies = [d for d in view.records("deputies") if self._in_office(d)
                         and levels & set(d.get("levels") or ())]
        #: The records each figure of the summary counts (see ``sources``).
        self._sources: dict[str, list[Record]] = {}

    def _in_office(self, deputy: Record) -> bool:
        start, end = deputy.get("term_start"), deputy.get("term_end")
        return (start is None or start <= self.period.end) and (end is None or end >= self.period.start)

    # The township ------------------------------------------------------------------------

    def summary(self) -> dict[str, Any]:
        """The township's figures, keyed as ``renda stats --json`` prints them."""
        return self._summary

    def sources(self) -> dict[str, list[str]]:
        """For every figure path of the summary (``voters.received``), the records it counts,
        as ``type/id``: recounting them gives the figure (see ``figures.recount``)."""
        self._summary  # noqa: B018 - computing the summary fills the sources
        return {path: [f"{r.type}/{r.id}" for r in records] for path, records in self._sources.items()}

    @cached_property
    def _summary(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "as_of": self.period.end.isoformat(),
            "deputies": self._deputies(self.deputies, self.activities, "deputies"),
            "activities": self._activities(self.activities),
            "voters": self._voters(self.activities, "voters"),
            "suggestions": self._suggestions(self.suggestions),
            "for_others": self._for_others(),
            "meetings": self._meetings(),
            "supervision": self._supervision(),
            "projects": {
                "voted": self._count("projects.voted", self.projects),
                "from_suggestions": self._count("projects.from_suggestions",
                                                [p for p in self.projects if p.get("from_suggestions")]),
                "completed": self._count("projects.completed", [p for p in self.projects
                                                                 if self.corpus.project_status(p) == COMPLETED]),
                "budget": self._sum("projects.budget", self.projects, "budget"),
            },
            "compliance": self.compliance(),
            "plan": self.plan(),
        }

    # Each figure is a measure of the records it names (figures.MEASURES); where a path is
    # given, those records are kept as the figure's sources.

    def _count(self, path: str | None, records: list[Record]) -> int:
        if path is not None:
            self._sources[path] = list(records)
        return len(records)

    def _sum(self, path: str | None, records: list[Record], measure: str):
        of = figures.MEASURES[measure]
        amounts = [(record, of(record, self.corpus)) for record in records]
        if path is not None:
            self._sources[path] = [record for record, amount in amounts if amount]
        total = sum(amount for _, amount in amounts)
        return float(total) if measure == "budget" else total

    def _rate(self, path: str | None, values: tuple[int, int]) -> float | None:
        if path is not None:  # a rate names the records of its whole and its part
            part, whole = figures.ratio_paths(path)
            self._sources[path] = list({id(r): r for r in self._sources[whole] + self._sources[part]}.values())
        return rate(*values)

    def _deputies(self, deputies: list[Record], activities: list[Record], prefix: str | None = None) -> dict[str, Any]:
        took_part = {d for a in activities for d in a.get("deputies") or ()}
        active = [d for d in deputies if d.id in took_part]
        key = (lambda name: f"{prefix}.{name}") if prefix else (lambda name: None)
        return {"in_office": self._count(key("in_office"), deputies),
                "participated": self._count(key("participated"), active),
                "participation_rate": self._rate(key("participation_rate"), (len(active), len(deputies)))}

    def _activities(self, activities: list[Record]) -> dict[str, Any]:
        kinds = self.settings.vocabularies["activity_kinds"]
        of_kind = {k: [a for a in activities if a.get("kind") == k] for k in kinds}
        return {"total": self._count("activities.total", activities),
                "by_kind": {k: self._count(f"activities.by_kind.{k}", of_kind[k]) for k in kinds},
                "person_times": self._sum("activities.person_times", activities, "deputies"),
                "person_times_by_kind": {k: self._sum(f"activities.person_times_by_kind.{k}", of_kind[k], "deputies")
                                         for k in kinds}}

    def _voters(self, activities: list[Record], prefix: str | None = None) -> dict[str, Any]:
        key = (lambda name: f"{prefix}.{name}") if prefix else (lambda name: None)
        opinions = self._sum(key("opinions"), activities, "opinions")
        resolved = self._sum(key("resolved"), activities, "opinions:resolved")
        return {"received": self._sum(key("received"), activities, "voters"),
                "opinions": opinions,
                "resolved": resolved,
                "in_progress": self._sum(key("in_progress"), activities, "opinions:in_progress"),
                "referred": self._sum(key("referred"), activities, "opinions:referred"),
                "resolution_rate": self._rate(key("resolution_rate"), (resolved, opinions))}

    def _suggestions(self, suggestions: list[Record]) -> dict[str, Any]:
        states = {s.id: self.corpus.suggestion_state(s) for s in suggestions}
        satisfactions = self.settings.vocabularies["satisfactions"]
        results = self.settings.vocabularies["results"]
        replied = [s for s in suggestions if states[s.id].first_reply]
        evaluated = [s for s in suggestions if states[s.id].satisfaction]
        pleased = [s for s in evaluated if states[s.id].satisfaction in satisfactions[:-1]]
        by_result = {r: [s for s in replied if states[s.id].result == r] for r in results}
        count = self._count
        return {
            "total": count("suggestions.total", suggestions),
            "by_kind": {k: count(f"suggestions.by_kind.{k}", [s for s in suggestions if s.get("kind") == k])
                        for k in self.settings.vocabularies["suggestion_kinds"]},
            "by_category": {c: count(f"suggestions.by_category.{c}", [s for s in suggestions if s.get("category") == c])
                            for c in self.settings.vocabularies["categories"]},
            "assigned": count("suggestions.assigned", [s for s in suggestions if s.get("assigned")]),
            "replied": count("suggestions.replied", replied),
            "replied_on_time": count("suggestions.replied_on_time", [s for s in replied if not states[s.id].overdue]),
            "overdue": count("suggestions.overdue", [s for s in suggestions if states[s.id].overdue]),
            "unanswered": count("suggestions.unanswered", [s for s in suggestions if not states[s.id].first_reply]),
            "by_result": {r: count(f"suggestions.by_result.{r}", by_result[r]) for r in results},
            "result_shares": {r: self._rate(f"suggestions.result_shares.{r}", (len(by_result[r]), len(replied)))
                              for r in results},
            "evaluated": count("suggestions.evaluated", evaluated),
            "by_satisfaction": {k: count(f"suggestions.by_satisfaction.{k}",
                                         [s for s in evaluated if states[s.id].satisfaction == k])
                                for k in satisfactions},
            "satisfied": count("suggestions.satisfied", pleased),
            "satisfaction_rate": self._rate("suggestions.satisfaction_rate", (len(pleased), len(evaluated))),
            "closed": count("suggestions.closed", [s for s in suggestions if states[s.id].status == CLOSED]),
        }

    def _for_others(self) -> dict[str, Any]:
        """The suggestions and proposals of others (county deputies, CPPCC members…) assigned
        to the town, by who proposed them, and how far their handling has come."""
        states = {s.id: self.corpus.suggestion_state(s) for s in self.for_others}
        count = self._count
        return {
            "total": count("for_others.total", self.for_others),
            "by_role": {role: count(f"for_others.by_role.{role}",
                                    [s for s in self.for_others if s.get("outside")["role"] == role])
                        for role in self.settings.vocabularies["outside_proposers"]},
            "replied": count("for_others.replied", [s for s in self.for_others if states[s.id].first_reply]),
            "closed": count("for_others.closed", [s for s in self.for_others if states[s.id].status == CLOSED]),
        }

    def _supervision(self) -> dict[str, Any]:
        supervised = [a for a in self.activities if a.get("rectifications")]
        return {"rectifications": {
            "total": self._sum("supervision.rectifications.total", supervised, "rectifications"),
            "completed": self._sum("supervision.rectifications.completed", supervised, "rectifications:completed"),
            "overdue": self._sum("supervision.rectifications.overdue", supervised, "rectifications:overdue"),
        }}

    def _meetings(self) -> dict[str, Any]:
        kinds = self.settings.vocabularies["meeting_kinds"]
        presidium = [m for m in self.meetings if m.get("kind") == self.terms.presidium]
        sessions = [m for m in self.meetings if m.get("kind") == self.terms.congress]
        self._sources["meetings.sessions"] = sorted(sessions, key=lambda m: m.get("date"))
        return {
            "total": self._count("meetings.total", self.meetings),
            "by_kind": {k: self._count(f"meetings.by_kind.{k}", [m for m in self.meetings if m.get("kind") == k])
                        for k in kinds},
            "presidium_per_quarter": [self._count(f"meetings.presidium_per_quarter.{q}",
                                                  [m for m in presidium if (m.get("date").month - 1) // 3 == q])
                                      for q in range(4)],
            "sessions": [{"id": m.id, "title": self.corpus.title(m), "days": session_days(m)}
                         for m in sorted(sessions, key=lambda m: m.get("date"))],
            "reports_reviewed": self._sum("meetings.reports_reviewed", self.meetings, "reviewed"),
            "votes": self._sum("meetings.votes", self.meetings, "votes"),
            "votes_passed": self._sum("meetings.votes_passed", self.meetings, "votes_passed"),
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
                        if m.get("kind") == self.terms.group_meeting and m.get("group") == name]
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
        """Per deputy in office: activities by kind, meetings, suggestions, opinions brought
        in and duty points, ranked by points (ties share a rank and are in surname-stroke
        order). A deputy who left office during the year is listed, never ranked (``rank``
        None, ``left`` True): a part year is no basis for comparison."""
        return self._deputies_table

    @cached_property
    def _deputies_table(self) -> list[dict[str, Any]]:
        points = self.rules.points
        reporting = set(self.rules.reporting_kinds)
        # Who took part in what, in one pass over the year's records (a record counts once
        # per deputy, however often it names them).
        of: dict[tuple[str, str], dict[int, Record]] = defaultdict(dict)
        opinions: Counter = Counter()
        for activity in self.activities:
            for rid in activity.get("deputies") or ():
                of["mine", rid][id(activity)] = activity
            for opinion in activity.get("opinions") or ():
                if opinion.get("deputy"):
                    opinions[opinion["deputy"]] += 1
        for meeting in self.meetings:
            for rid in meeting.get("attendees") or ():
                of["attended", rid][id(meeting)] = meeting
            for item in meeting.get("absent") or ():
                of["excused" if item.get("reason") else "missed", item["deputy"]][id(meeting)] = meeting
        for suggestion in self.suggestions:
            of["led", suggestion.get("proposer")][id(suggestion)] = suggestion
            for rid in suggestion.get("cosigners") or ():
                of["cosigned", rid][id(suggestion)] = suggestion

        def activity_points(activity: Record, rid: str) -> int:
            kind = activity.get("kind")
            if kind in reporting and rid not in (activity.get("reporters") or ()):
                return points.reporting_audience  # came to guide or to listen, did not report
            return points.activities.get(kind, 0)

        rows = []
        for deputy in self.deputies:
            mine, attended, missed, excused, led, cosigned = (list(of.get((name, deputy.id), {}).values()) for name in (
                "mine", "attended", "missed", "excused", "led", "cosigned"))
            score = (sum(activity_points(a, deputy.id) for a in mine)
                     + points.meeting_attended * len(attended)
                     + points.meeting_absent * len(missed)
                     + points.meeting_absent_excused * len(excused)
                     + points.suggestion_led * len(led)
                     + points.suggestion_cosigned * len(cosigned))
            end = deputy.get("term_end")
            rows.append({"deputy": deputy.id, "name": deputy.get("name"),
                         "group": deputy.get("group") or "",
                         "activities": len(mine),
                         "by_kind": dict(Counter(a.get("kind") for a in mine)),
                         "reported": sum(deputy.id in (a.get("reporters") or ()) for a in mine),
                         "meetings_attended": len(attended), "meetings_missed": len(missed) + len(excused),
                         "meetings_excused": len(excused),
                         "suggestions_led": len(led), "suggestions_cosigned": len(cosigned),
                         "opinions": opinions[deputy.id],
                         "points": score,
                         "left": bool(end and end <= self.period.end),
                         "left_reason": deputy.get("left_reason") if end and end <= self.period.end else None})
        ranked = sorted((r for r in rows if not r["left"]),
                        key=lambda r: (-r["points"], name_key(r["name"] or r["deputy"])))
        # Equal points, equal rank (1, 2, 2, 4); within a rank, surname-stroke order.
        for place, row in enumerate(ranked, start=1):
            row["rank"] = ranked[place - 2]["rank"] if place > 1 and ranked[place - 2]["points"] == row["points"] \
                else place
        gone = sorted((r for r in rows if r["left"]), key=lambda r: name_key(r["name"] or r["deputy"]))
        for row in gone:
            row["rank"] = None
        return ranked + gone

    # Rules of office ---------------------------------------------------------------------

    def compliance(self) -> list[dict[str, Any]]:
        """Each rule of office: ``{rule, ok, detail, records}``; ok is None while undecided
        (the year is still running and the rule may yet be met). ``records`` are the records
        behind the result, as ``type/id``."""
        return [self._presidium_rule(), self._session_rule(), self._count_rule("inspection"),
                self._count_rule("evaluation"), self._reply_rule(), *self._quota_rules()]

    def plan(self) -> dict[str, Any] | None:
        """The year's 工作要点 against what was done, or None without one: ``items`` the tasks
        measured by a count, ``done`` those whose count reached the target, ``rows`` every task
        ``{text, kind, counts, target, actual, ok, records}``. A task measured by an activity
        kind counts the year's activities of that kind (``counts``: activities), by a meeting
        kind its meetings; ok is None while the year runs and the target is not yet reached, and
        for a task with no count."""
        plans = self.view.of_year("plans", self.year)
        if not plans:
            return None
        year_over = self.period.end == dt.date(self.year, 12, 31)
        rows = []
        for item in plans[0].get("items") or ():
            if item.get("kind"):
                held = [a for a in self.activities if a.get("kind") == item["kind"]]
            elif item.get("meeting"):
                held = [m for m in self.meetings if m.get("kind") == item["meeting"]]
            else:
                rows.append({"text": item["text"], "kind": None, "counts": None, "target": None, "actual": None,
                             "ok": None, "records": []})
                continue
            target = item.get("target") or 0
            ok = True if len(held) >= target else (False if year_over else None)
            rows.append({"text": item["text"], "kind": item.get("kind") or item.get("meeting"),
                         "counts": "activities" if item.get("kind") else "meetings", "target": target,
                         "actual": len(held), "ok": ok, "records": [f"{r.type}/{r.id}" for r in held]})
        measured = [row for row in rows if row["target"] is not None]
        return {"record": f"plans/{plans[0].id}", "title": self.corpus.title(plans[0]), "items": len(measured),
                "done": sum(row["ok"] is True for row in measured), "rows": rows}

    def _presidium_rule(self) -> dict[str, Any]:
        need = int(self.rules.presidium_per_quarter)
        presidium = [m for m in self.meetings if m.get("kind") == self.terms.presidium]
        missing, open_quarters = [], []
        for name, first, last, ended in self.period.quarters():
            held = [m for m in presidium if first <= m.get("date") <= last]
            if not ended:
                open_quarters.append(name)
            elif len(held) < need:
                missing.append(name)
        counts = "、".join(f"{q}{n}次" for q, n in zip(QUARTERS, self._meetings()["presidium_per_quarter"]))
        detail = f"{counts}。" + (f"{'、'.join(missing)}没有召开主席团会议。" if missing else "")
        if open_quarters and not missing:
            detail += f"{'、'.join(open_quarters)}尚未结束。"
        # Met only when every quarter of the year is over and had its meeting.
        ok = False if missing else (None if open_quarters or len(self.period.quarters()) < 4 else True)
        return {"rule": f"主席团每季度至少召开 {need} 次会议", "ok": ok,
                "detail": detail, "records": [f"meetings/{m.id}" for m in presidium]}

    def _session_rule(self) -> dict[str, Any]:
        need = int(self.rules.session_min_days)
        sessions = sorted((m for m in self.meetings if m.get("kind") == self.terms.congress),
                          key=lambda m: m.get("date"))
        short = [m for m in sessions if session_days(m) < need]
        if not sessions:
            year_over = self.period.end == dt.date(self.year, 12, 31)
            return {"rule": f"人民代表大会每次会议会期不少于 {need} 天", "ok": False if year_over else None,
                    "detail": "全年没有召开人民代表大会会议。" if year_over else "本年度还没有召开人民代表大会会议。",
                    "records": []}
        parts = [f"{self.corpus.title(m)}会期 {session_days(m)} 天" for m in sessions]
        return {"rule": f"人民代表大会每次会议会期不少于 {need} 天", "ok": not short,
                "detail": "；".join(parts) + "。", "records": [f"meetings/{m.id}" for m in sessions]}

    def _count_rule(self, which: str) -> dict[str, Any]:
        need = int(getattr(self.rules, f"{which}s_per_year"))
        kinds = getattr(self.rules, f"{which}_kinds")
        held = [a for a in self.activities if a.get("kind") in kinds]
        label = "、".join(kinds)
        year_over = self.period.end == dt.date(self.year, 12, 31)
        ok = len(held) >= need or (None if not year_over else False)
        detail = f"全年开展{label} {len(held)} 次" + ("" if year_over else "（截至今日）") + "。"
        return {"rule": f"每年开展{label}不少于 {need} 次", "ok": ok, "detail": detail,
                "records": [f"activities/{a.id}" for a in held]}

    def _reply_rule(self) -> dict[str, Any]:
        months = int(self.rules.reply_months)
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
        quota = self.rules.quota
        groups = self.groups()
        year_over = self.period.end == dt.date(self.year, 12, 31)
        rules = []
        need = int(quota.group_meetings_per_quarter)
        ended = [i for i, (_, _, _, done) in enumerate(self.period.quarters()) if done]
        short = [f"{g['group']}{QUARTERS[q]}" for g in groups for q in ended
                 if g["group_meetings_per_quarter"][q] < need]
        rules.append({"rule": f"每个代表小组每季度至少开会 {need} 次", "ok": not short,
                      "detail": ("未达到：" + "、".join(short) + "。") if short else "各小组均已达到。",
                      "records": []})
        need = int(quota.group_activities_per_year)
        short = [f"{g['group']}（{g['group_activities']} 次）" for g in groups
                 if g["group_activities"] < need]
        rules.append({"rule": f"每个代表小组每年开展活动不少于 {need} 次",
                      "ok": (not short) if year_over or not short else None,
                      "detail": ("未达到：" + "、".join(short) + "。") if short else "各小组均已达到。",
                      "records": []})
        need = int(quota.deputy_suggestions_per_year)
        rows = [r for r in self.deputies_table() if not r["left"]]
        short = [r for r in rows if r["suggestions_led"] + r["suggestions_cosigned"] + r["opinions"] < need]
        rules.append({"rule": f"每位代表每年提出建议或意见不少于 {need} 件",
                      "ok": (not short) if year_over or not short else None,
                      "detail": (f"{len(rows) - len(short)} 名代表达到，{len(short)} 名未达到"
                                 + ("（截至今日）" if not year_over else "")
                                 + "。计入：领衔或附议的议案建议，活动中听取并反映的群众意见（记录写明反映代表的）；"
                                   "年内离任的代表不计。"),
                      "records": [f"deputies/{r['deputy']}" for r in short]})
        need = int(quota.deputy_reflections_per_year)
        if need:  # only where the township sets the figure: most do not keep count of them
            written = {r.id: sum(self.period.start <= item["date"] <= self.period.end
                                 for item in r.get("reflections") or ()) for r in self.deputies}
            short = [r["deputy"] for r in rows if written[r["deputy"]] < need]
            rules.append({"rule": f"每位代表每年撰写心得体会不少于 {need} 篇",
                          "ok": (not short) if year_over or not short else None,
                          "detail": (f"{len(rows) - len(short)} 名代表达到，{len(short)} 名未达到"
                                     + ("（截至今日）" if not year_over else "")
                                     + "。计入：代表记录里写明日期的心得体会（reflections）；年内离任的代表不计。"),
                          "records": [f"deputies/{rid}" for rid in short]})
        return rules


def years(view: View) -> list[int]:
    """The years any dated record of the view falls in, newest first."""
    found = set()
    for rtype, spec in RECORD_TYPES.items():
        # A reply counts in its suggestion's year; a plan is for a year, not something done in it.
        if spec.year_field and rtype not in ("replies", "plans"):
            found.update(view.years(rtype))
    return sorted(found, reverse=True)


def session_days(meeting: Record) -> int:
    """How many calendar days a meeting lasted, its first and last day included."""
    return ((meeting.get("end") or meeting.get("date")) - meeting.get("date")).days + 1


def year_over_year(current: dict[str, Any], previous: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The headline figures of two years side by side, with the change."""
    return [row for row in compare_all(current, previous)
            if figures.figure_of(row["key"])[0].headline and row["key"] in HEADLINE_KEYS]


def all_figures(summary: dict[str, Any]) -> list[tuple[str, str, str, float | None, bool]]:
    """Every number of a summary: (group, label, key path, value, is a rate), in page order."""
    rows = []
    for path in figures.paths(summary):
        figure, _ = figures.figure_of(path)
        value = summary
        for key in path.split("."):
            value = value[int(key)] if isinstance(value, list) else value[key]
        rows.append((figure.group, figures.label(path), path, value, figure.rate))
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


#: The figures compared year over year in the headline table (those marked ``headline``).
HEADLINE_KEYS = frozenset(f.key for f in figures.FIGURES if f.headline)
