"""The linked corpus: records indexed by type and id, references resolved, state derived.

Derived state lives here and only here: whether a deputy is serving on a day, a suggestion's
handling status and whether it is overdue, a project's completion. Nothing of it is ever
typed into a record.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from .config import ALL_DEPUTIES, PRESENT_DEPUTIES, PRESIDIUM_MEMBERS, Settings
from .record import Record

# A suggestion's handling states, in the order they are reached.
PENDING = "待交办"
HANDLING = "办理中"
CONTINUING = "续办中"
ANSWERED = "已答复"
REHANDLING = "重新办理"
CLOSED = "已办结"

# A rectification item's states (整改事项).
RECTIFYING = "整改中"
RECTIFIED = "已整改"
RECTIFICATION_OVERDUE = "逾期"

NOT_STARTED = "未开工"
IN_PROGRESS = "实施中"
COMPLETED = "已完成"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clipped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class SuggestionState:
    """Where a suggestion stands on the corpus' "today"."""

    status: str
    deadline: dt.date | None
    first_reply: dt.date | None
    overdue: bool  # answered after the deadline, or still unanswered past it
    final: Record | None  # the last final reply
    result: str | None  # A/B/C of the last reply
    satisfaction: str | None  # of the last evaluated reply


@dataclass(frozen=True)
class Rectification:
    """One rectification item of a supervision activity and where it stands on "today"."""

    activity: Record
    number: int  # 1-based, as reports name it
    item: str
    unit: str
    deadline: dt.date
    status: str  # 整改中, 已整改 or 逾期
    report: Record | None  # the first report that gives it as done
    #: Done after its deadline (the report's date), or still open past it.
    late: bool


class Corpus:
    """All records of one tree, indexed, with the derived state of each."""

    def __init__(self, records: list[Record], settings: Settings):
        self.settings = settings
        self.records = records
        self.by_type: dict[str, dict[str, Record]] = defaultdict(dict)
        # Of two records with one id, the first by path stands (the other is reported X01).
        for record in sorted(records, key=lambda r: r.path):
            self.by_type[record.type].setdefault(record.id, record)
        self.replies_by_suggestion: dict[str, list[Record]] = defaultdict(list)
        for reply in self.by_type["replies"].values():
            if reply.get("suggestion"):
                self.replies_by_suggestion[reply.get("suggestion")].append(reply)
        for replies in self.replies_by_suggestion.values():
            replies.sort(key=lambda r: (r.get("date") or dt.date.min, r.id))
        self.reports_by_activity: dict[str, list[Record]] = defaultdict(list)
        for report in self.by_type["rectifications"].values():
            if report.get("activity"):
                self.reports_by_activity[report.get("activity")].append(report)
        for reports in self.reports_by_activity.values():
            reports.sort(key=lambda r: (r.get("date") or dt.date.min, r.id))
        #: The projects that name a suggestion among their origins (from_suggestions).
        self.projects_by_suggestion: dict[str, list[Record]] = defaultdict(list)
        for project in self.of_type("projects"):
            for sid in dict.fromkeys(project.get("from_suggestions") or ()):
                self.projects_by_suggestion[sid].append(project)
        #: The opinions that became a suggestion (their ``suggestion``): (activity, number, opinion).
        self._opinions_by_suggestion: dict[str, list[tuple[Record, int, dict]]] | None = None
        self.groups: dict[str, list[Record]] = defaultdict(list)
        for deputy in self.by_type["deputies"].values():
            if deputy.get("group"):
                self.groups[deputy.get("group")].append(deputy)
        self._office_cache: dict[tuple, tuple[list, list]] = {}

    # Lookups -----------------------------------------------------------------------------

    def get(self, rtype: str, rid: str) -> Record | None:
        """The record of type ``rtype`` with id ``rid``, if any."""
        return self.by_type[rtype].get(rid)

    def of_type(self, rtype: str) -> list[Record]:
        """Every record of ``rtype``, in id order."""
        return [self.by_type[rtype][k] for k in sorted(self.by_type[rtype])]

    # Deputies ----------------------------------------------------------------------------

    @staticmethod
    def serving(deputy: Record, day: dt.date) -> bool:
        """Whether ``deputy`` held office on ``day`` (term_start ≤ day ≤ term_end)."""
        start, end = deputy.get("term_start"), deputy.get("term_end")
        if start is None:
            return True  # unknown term: the missing field is already an error
        return start <= day and (end is None or day <= end)

    def in_office(self, day: dt.date, level: str | None = "", group: str | None = None) -> int:
        """How many deputies (of ``level``, the township's own by default; None: any level; of
        ``group``) held office on ``day``."""
        level = self.settings.terms.township_level if level == "" else level
        key = (level, group)
        if key not in self._office_cache:
            pool = self.groups.get(group, []) if group else self.by_type["deputies"].values()
            # An unreadable deputy file (no data) counts as in office: its own error is enough,
            # counts on other records must not fail because of it.
            pool = [d for d in pool
                    if level is None or not d.data or level in (d.get("levels") or ())]
            starts = sorted(d.get("term_start") or dt.date.min for d in pool)
            ends = sorted(d.get("term_end") for d in pool if d.get("term_end"))
            self._office_cache[key] = (starts, ends)
        starts, ends = self._office_cache[key]
        # started on or before the day, minus those whose term ended before it
        return bisect.bisect_right(starts, day) - bisect.bisect_left(ends, day)

    def presidium(self, day: dt.date) -> int:
        """How many presidium members (主席, 副主席, 主席团成员) held office on ``day``."""
        return sum(1 for d in self.by_type["deputies"].values()
                   if set(d.get("roles") or ()) & set(self.settings.terms.presidium_roles) and self.serving(d, day))

    # Meetings ----------------------------------------------------------------------------

    def present(self, meeting: Record) -> int | None:
        """How many attended: the attendee list's length, else the recorded count."""
        if meeting.get("attendees") is not None:
            return len(meeting.get("attendees"))
        return (meeting.get("attendance") or {}).get("present")

    def majority_base(self, meeting: Record) -> tuple[str, int | None]:
        """Of whom a vote at ``meeting`` needs more than half (configurable per meeting kind)."""
        base = self.settings.rules.vote_majority_of.get(meeting.get("kind"), PRESENT_DEPUTIES)
        day = meeting.get("date")
        if base == ALL_DEPUTIES:
            return base, self.in_office(day)
        if base == PRESIDIUM_MEMBERS:
            return base, self.presidium(day)
        return base, self.present(meeting)

    def vote_passed(self, meeting: Record, vote: dict) -> bool:
        """A vote's result: as recorded, else more than half of the meeting kind's base."""
        if "passed" in vote:
            return vote["passed"]
        _, base = self.majority_base(meeting)
        return base is not None and vote["for"] * 2 > base

    # Suggestions -------------------------------------------------------------------------

    def deadline(self, suggestion: Record) -> dt.date | None:
        """The reply deadline: as written, else assignment plus the configured months."""
        if suggestion.get("deadline"):
            return suggestion.get("deadline")
        if suggestion.get("assigned"):
            return add_months(suggestion.get("assigned"), int(self.settings.rules.reply_months))
        return None

    def suggestion_state(self, suggestion: Record) -> SuggestionState:
        """Derive a suggestion's status from its assignment and its replies."""
        replies = self.replies_by_suggestion.get(suggestion.id, [])
        deadline = self.deadline(suggestion)
        today = self.settings.current_date()
        first = replies[0].get("date") if replies else None
        if first is not None:
            overdue = deadline is not None and first > deadline
        else:
            overdue = deadline is not None and today > deadline
        finals = [r for r in replies if r.get("final", True)]
        final = finals[-1] if finals else None
        evaluated = [r for r in replies if r.get("feedback")]
        satisfaction = evaluated[-1].get("feedback")["satisfaction"] if evaluated else None
        if not suggestion.get("assigned"):
            status = PENDING
        elif not replies:
            status = HANDLING
        elif final is None or final is not replies[-1]:
            status = CONTINUING
        elif final.get("feedback") is None:
            status = ANSWERED
        elif final.get("feedback")["satisfaction"] == self.settings.vocabularies["satisfactions"][-1]:
            status = REHANDLING
        else:
            status = CLOSED
        result = replies[-1].get("result") if replies else None
        return SuggestionState(status, deadline, first, overdue, final, result, satisfaction)

    # Supervision -------------------------------------------------------------------------

    def rectifications(self, activity: Record) -> list[Rectification]:
        """The rectification items of ``activity``, each with its status: 已整改 once a report
        of its unit gives it as done, else 逾期 past its deadline, else 整改中."""
        reports = self.reports_by_activity.get(activity.id, [])
        today = self.settings.current_date()
        found = []
        for number, entry in enumerate(activity.get("rectifications") or (), start=1):
            report = next((r for r in reports if number in (r.get("items") or ())
                           and r.get("unit") == entry["unit"]), None)
            deadline = entry["deadline"]
            if report is not None:
                status, late = RECTIFIED, report.get("date") > deadline
            else:
                late = today > deadline
                status = RECTIFICATION_OVERDUE if late else RECTIFYING
            found.append(Rectification(activity, number, entry["item"], entry["unit"], deadline,
                                       status, report, late))
        return found

    # Projects ----------------------------------------------------------------------------

    @staticmethod
    def project_percent(project: Record) -> int:
        """The last reported completion percentage (0 before any progress entry)."""
        progress = project.get("progress") or []
        return progress[-1]["percent"] if progress else 0

    def opinion(self, activity_id: str, number: int) -> tuple[Record, dict] | None:
        """Opinion ``number`` (1-based) of an activity, with the activity; None if absent."""
        activity = self.get("activities", activity_id)
        opinions = (activity.get("opinions") or []) if activity is not None else []
        return (activity, opinions[number - 1]) if 0 < number <= len(opinions) else None

    def opinions_for_suggestion(self, sid: str) -> list[tuple[Record, int, dict]]:
        """The opinions (activity, 1-based number, opinion) that name suggestion ``sid`` as
        the suggestion they became."""
        if self._opinions_by_suggestion is None:
            found: dict[str, list[tuple[Record, int, dict]]] = defaultdict(list)
            for activity in self.of_type("activities"):
                for number, opinion in enumerate(activity.get("opinions") or (), start=1):
                    if opinion.get("suggestion"):
                        found[opinion["suggestion"]].append((activity, number, opinion))
            self._opinions_by_suggestion = found
        return self._opinions_by_suggestion.get(sid, [])

    def project_status(self, project: Record) -> str:
        """未开工, 实施中 or 已完成, from the last progress entry."""
        percent = self.project_percent(project)
        if percent >= 100:
            return COMPLETED
        return IN_PROGRESS if project.get("progress") else NOT_STARTED

    # Titles ------------------------------------------------------------------------------

    def kind_label(self, suggestion: Record) -> str:
        """What a suggestion is called: its kind (议案, 建议), or 提案 when its proposer's
        standing is one of ``terms.proposal_roles`` (政协委员) and the town handled it."""
        outside = suggestion.get("outside")
        if outside and outside["role"] in self.settings.terms.proposal_roles:
            return "提案"
        return suggestion.get("kind") or ""

    def proposed_by(self, suggestion: Record) -> str:
        """Who proposed a suggestion, in words: the township deputy's name, or for one handled
        for others (``outside``) the proposer's name and standing: 王建国（县人大代表）."""
        outside = suggestion.get("outside")
        if outside:
            return f"{outside['name']}（{outside['role']}）"
        deputy = self.get("deputies", suggestion.get("proposer") or "")
        return (deputy.get("name") or deputy.id) if deputy is not None else (suggestion.get("proposer") or "")

    def title(self, record: Record) -> str:
        """The title to show: as written, else one made from the record's own fields."""
        if record.get("title"):
            return record.get("title")
        if record.type in ("deputies", "stations"):
            return record.get("name") or record.id
        if record.type == "meetings":
            if record.get("session"):
                preparatory = self.settings.terms.preparatory
                return f"{record.get('session')}{preparatory if record.get('kind') == preparatory else ''}"
            date = record.get("date")
            return f"{date.isoformat() if date else ''} {record.get('group') or ''}{record.get('kind') or '会议'}".strip()
        if record.type == "replies":
            suggestion = self.get("suggestions", record.get("suggestion") or "")
            subject = suggestion.get("title") if suggestion else record.get("suggestion")
            return f"对《{subject}》的答复"
        if record.type == "rectifications":
            return f"{record.get('unit') or ''}整改报告"
        return record.id
