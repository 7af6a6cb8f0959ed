"""Validation across records: references, unique ids and numbers, date order, terms of
office, counts. Field-level checks happen as the loader types each file; this module checks
what only the whole tree can tell. ``validate`` runs the whole pipeline: load, link, check.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from . import attachments
from .alone import Alone, field_label
from .config import Settings
from .corpus import Corpus
from .loader import FileCache, load
from .problems import ERROR, Problem, sort_problems
from .record import Record
from .schema import RECORD_TYPES

#: Deputies who must be in office on the record's date.
PARTICIPANTS: dict[str, tuple[str, list[str]]] = {
    "meetings": ("date", ["host", "attendees", "absent.deputy"]),
    "activities": ("date", ["deputies"]),  # reporters and opinions' deputies are among them
    "suggestions": ("submitted", ["proposer", "cosigners"]),
}


@dataclass
class Outcome:
    """The result of validating a tree: the linked corpus and every problem, sorted."""

    corpus: Corpus
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not any(p.level == ERROR for p in self.problems)


def validate(root: Path | str, settings: Settings | None = None,
             display_root: str | None = None, cache: FileCache | None = None,
             parallel: bool = True) -> Outcome:
    """Load, type, link and check the records tree at ``root``; gather every problem.

    ``cache`` (kept while serving) spares reading and checking again the files that did not
    change; the cross-record rules always run over the whole tree. With ``parallel``, a
    second process reads and checks half of a large tree (not while serving: the live-reload
    server runs threads, which do not survive a fork)."""
    loaded = load_tree(root, settings, display_root, cache, parallel)
    return loaded.concluded(loaded.cross_check())


@dataclass
class Loaded:
    """A tree read, typed and linked, before the rules across records: ``validate`` in two
    steps, so that a build can plan its pages while a second process runs those rules (a
    build stops at any error, so nothing it planned from an invalid record is published)."""

    root: Path
    corpus: Corpus
    #: From reading and typing the files.
    problems: list[Problem]
    cache: FileCache

    @property
    def ok(self) -> bool:
        """True when reading and typing found no error."""
        return not any(p.level == ERROR for p in self.problems)

    def cross_check(self) -> list[Problem]:
        """What the rules find: across records, on each record alone, on the attachments."""
        with _without_collecting():
            problems = check(self.corpus, self.cache)
            with_files = [r for r in self.corpus.records if r.get("attachments")]
            if with_files:
                tracked = attachments.tracked_files(self.root)
                for record in with_files:
                    problems.extend(attachments.check(record, self.root, tracked,
                                                      self.corpus.settings.limits.max_attachment_bytes))
            return problems

    def concluded(self, found: list[Problem]) -> Outcome:
        """The outcome with what ``cross_check`` found: every problem, sorted; a record with
        an error marked invalid."""
        problems = sort_problems(self.problems + found)
        failed = {p.path for p in problems if p.level == ERROR}
        for record in self.corpus.records:
            if record.path in failed:
                record.valid = False
        return Outcome(self.corpus, problems)


def load_tree(root: Path | str, settings: Settings | None = None, display_root: str | None = None,
              cache: FileCache | None = None, parallel: bool = True) -> Loaded:
    """The first step of ``validate``: read and type every file, link the records."""
    settings = settings or Settings()
    cache = cache if cache is not None else FileCache()
    cache.start(settings)
    with _without_collecting():
        records, problems = load(root, settings, display_root, cache, Alone(settings, []), parallel)
        return Loaded(Path(root), Corpus(records, settings), problems, cache)


@contextmanager
def _without_collecting():
    """Validation makes millions of objects and no garbage cycle: collecting was a sixth of
    its time."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def check(corpus: Corpus, cache: FileCache | None = None) -> list[Problem]:
    """Every cross-record rule over a linked corpus."""
    problems: list[Problem] = []
    rules = _Rules(corpus, problems, cache)
    rules.unique_ids()
    rules.unique_numbers()
    rules.one_plan_a_year()
    for record in corpus.records:
        rules.record(record)
    rules.reply_chains()
    return problems


def check_record(corpus: Corpus, record: Record) -> list[Problem]:
    """The rules that look at one record (with the rest of the corpus as context)."""
    problems: list[Problem] = []
    _Rules(corpus, problems).record(record)
    return problems


def _items(record: Record, path: str) -> Iterator[tuple[str, Any]]:
    """(dotted location, value) of field ``path``; ``a.b`` walks into a list of mappings."""
    head, _, tail = path.partition(".")
    value = record.get(head)
    if value is None:
        return
    if tail:
        for index, item in enumerate(value):
            if isinstance(item, dict) and item.get(tail) is not None:
                yield f"{head}[{index}].{tail}", item[tail]
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield f"{head}[{index}]", item
    else:
        yield head, value


class _Rules(Alone):
    """The cross-record rules, one method per rule or per record type."""

    def __init__(self, corpus: Corpus, problems: list[Problem], cache: FileCache | None = None):
        super().__init__(corpus.settings, problems)
        self.corpus = corpus
        self.cache = cache
        self.names: dict[str, list[str]] = defaultdict(list)
        for deputy in corpus.by_type["deputies"].values():
            if deputy.get("name"):
                self.names[deputy.get("name")].append(deputy.id)
        #: Each readable deputy's term (start, end), looked up for every name on every record.
        self.terms = {deputy.id: (deputy.get("term_start"), deputy.get("term_end"))
                      for deputy in corpus.by_type["deputies"].values() if deputy.data}

    # Across the whole tree ---------------------------------------------------------------

    def unique_ids(self) -> None:
        seen: dict[tuple[str, str], Record] = {}
        for record in sorted(self.corpus.records, key=lambda r: r.path):
            key = (record.type, record.id)
            if key in seen:
                where = "id" if "id" in record.lines else ""
                self.report("X01", record, where, type=RECORD_TYPES[record.type].label,
                            value=record.id, other=seen[key].path)
            else:
                seen[key] = record

    def page_names(self, record: Record) -> None:
        """A record's page must not take the address of a section's index or year list."""
        if record.id == "index":
            page = f"“{RECORD_TYPES[record.type].label}”栏目首页"
        elif RECORD_TYPES[record.type].year_template and len(record.id) == 4 and record.id.isdigit():
            page = f"{record.id}年{RECORD_TYPES[record.type].label}列表"
        else:
            return
        self.report("X18", record, "id" if "id" in record.lines else "", value=record.id, page=page)

    def unique_numbers(self) -> None:
        seen: dict[tuple, Record] = {}
        for record in sorted(self.corpus.records, key=lambda r: r.path):
            number = record.get("number")
            if number is None:
                continue
            if record.type == "suggestions" and record.get("submitted") and record.get("kind"):
                # Suggestions handled for others are numbered apart, by who proposed them.
                role = (record.get("outside") or {}).get("role", "")
                key = ("s", record.get("submitted").year, record.get("kind"), role, number)
                year, kind = record.get("submitted").year, role + record.get("kind")
            elif record.type == "projects" and record.get("year"):
                key = ("p", record.get("year"), number)
                year, kind = record.get("year"), "民生实事项目"
            else:
                continue
            if key in seen:
                self.report("X08", record, "number", year=year, kind=kind, value=number,
                            other=seen[key].path)
            else:
                seen[key] = record

    def one_plan_a_year(self) -> None:
        seen: dict[int, Record] = {}
        for plan in sorted(self.corpus.by_type["plans"].values(), key=lambda r: r.path):
            year = plan.get("year")
            if year in seen:
                self.report("X28", plan, "year", year=year, other=seen[year].path)
            elif year is not None:
                seen[year] = plan

    def reply_chains(self) -> None:
        unsatisfied = self.corpus.settings.vocabularies["satisfactions"][-1]
        for sid, replies in self.corpus.replies_by_suggestion.items():
            suggestion = self.corpus.get("suggestions", sid)
            closed: Record | None = None
            for reply in replies:
                if closed is not None:
                    self.report("X09", reply, "date", suggestion=f"建议 {sid}",
                                closed=closed.get("date"), date=reply.get("date"))
                    break
                feedback = reply.get("feedback") or {}
                if reply.get("final", True) and feedback.get("satisfaction") != unsatisfied:
                    closed = reply
            if suggestion is None or not suggestion.data:
                continue
            if not suggestion.get("assigned"):
                for reply in replies:
                    self.report("X16", reply, "suggestion", suggestion=f"建议 {sid}")
                continue
            handlers = suggestion.get("handlers") or {}
            units = [handlers.get("lead")] + list(handlers.get("assist") or [])
            for reply in replies:
                if handlers and reply.get("handler") and reply.get("handler") not in units:
                    self.report("X10", reply, "handler", value=reply.get("handler"),
                                suggestion=f"建议 {sid}", handlers="、".join(filter(None, units)))
                self.order(reply, "date", suggestion.get("assigned"), "建议的交办日期")
                self.order(reply, "consulted", suggestion.get("assigned"), "建议的交办日期")

    # Every record ------------------------------------------------------------------------

    def record(self, record: Record) -> None:
        """Every rule that concerns ``record`` alone or what it names."""
        if not record.data:
            return
        self.alone(record)
        self.page_names(record)
        self.references(record)
        self.pairs(record)
        groups = self.corpus.groups
        if record.get("group") and record.type != "deputies" and record.get("group") not in groups:
            self.missing_group(record, set(groups))
        method = getattr(self, record.type, None)
        if method:
            method(record)

    def alone(self, record: Record) -> None:
        """The rules that need nothing but the record (found as the file was read, or now)."""
        kept = self.cache.own_problems(record) if self.cache is not None else None
        if kept is None:
            kept = self(record)
            if self.cache is not None:
                self.cache.keep_own(record, kept)
        self.problems.extend(kept)

    def references(self, record: Record) -> None:
        public = record.disclosure == "public"
        for path, target in RECORD_TYPES[record.type].references:
            known = self.corpus.by_type[target]
            if all(value in known and not (public and known[value].disclosure == "internal")
                   for value in record.values(path)):
                continue  # the usual case, without the places of each value
            for where, value in _items(record, path):
                named = self.corpus.get(target, value)
                if named is None:
                    self.report("X02", record, where, label=field_label(record, where),
                                target=RECORD_TYPES[target].label, value=value,
                                hint=self._ref_hint(target, value))
                elif record.disclosure == "public" and named.disclosure == "internal":
                    self.report("X17", record, where, label=field_label(record, where),
                                target=RECORD_TYPES[target].label, value=value)

    def _ref_hint(self, target: str, value: str) -> str:
        if target == "deputies" and value in self.names:
            ids = "、".join(self.names[value])
            return f"“{value}”是姓名，这里要写代表的编号：{ids}。"
        close = difflib.get_close_matches(value, list(self.corpus.by_type[target]), n=1, cutoff=0.75)
        if close:
            return f"是不是 {close[0]}？"
        return f"请核对编号，或先添加这条{RECORD_TYPES[target].label}记录。"

    def missing_group(self, record: Record, groups: set[str]) -> None:
        known = "、".join(sorted(groups)) or "（还没有代表填写代表小组）"
        self.report("X02", record, "group", label="代表小组", target="代表小组",
                    value=record.get("group"), hint=f"现有的代表小组：{known}。")

    def pairs(self, record: Record) -> None:
        """Fields that only make sense together."""
        rtype = RECORD_TYPES[record.type].field_map
        pairs = {
            "deputies": [("term_end", "left_reason"), ("left_reason", "term_end")],
            "suggestions": [("assigned", "handlers"), ("handlers", "assigned")],
        }.get(record.type, [])
        for field, other in pairs:
            if field in record.lines and other not in record.lines:
                self.report("F13", record, field, label=rtype[field].label, other=other,
                            other_label=rtype[other].label)

    def order(self, record: Record, field: str, earlier: dt.date | None, earlier_label: str) -> None:
        """``field`` of ``record`` must not come before the date ``earlier``."""
        value = record.get(field)
        if value is not None and earlier is not None and value < earlier:
            self.report("X03", record, field, label=field_label(record, field), value=value,
                        other_label=earlier_label, other_value=earlier)

    def in_office(self, record: Record, day: dt.date, fields: list[str]) -> None:
        terms = self.terms
        for path in fields:
            for value in record.values(path):  # as Corpus.serving, for the usual case first
                start, end = terms.get(value, (None, None))
                if start is not None and (day < start or (end is not None and day > end)):
                    break
            else:
                continue  # everyone was in office: no need for the places of each value
            for where, value in _items(record, path):
                deputy = self.corpus.get("deputies", value)
                if deputy is None or not deputy.data or self.corpus.serving(deputy, day):
                    continue
                end = deputy.get("term_end")
                self.report("X05", record, where, label=field_label(record, where), value=value,
                            name=deputy.get("name"), date=day, start=deputy.get("term_start"),
                            end=end or "今")

    # One record type each ----------------------------------------------------------------

    def deputies(self, record: Record) -> None:
        self.order(record, "term_end", record.get("term_start"), "任职日期")
        constituencies = self.corpus.settings.constituencies
        value = record.get("constituency")
        if constituencies and value and value not in constituencies:
            close = difflib.get_close_matches(value, list(constituencies), n=1, cutoff=0.6)
            hint = (f"是不是“{close[0]}”？" if close else
                    f"请在 constituencies 里加上：{value}: [它包括的村或社区]。")
            self.report("X21", record, "constituency", label=field_label(record, "constituency"), value=value, hint=hint)
        start, end = record.get("term_start"), record.get("term_end")
        for where, day in _items(record, "reflections.date"):
            if (start and day < start) or (end and day > end):
                self.report("X32", record, where, label=field_label(record, where), value=day, start=start or "—",
                            end=end or "今")

    def stations(self, record: Record) -> None:
        constituencies = self.corpus.settings.constituencies
        if not constituencies:
            return
        villages = list(dict.fromkeys(v for names in constituencies.values() for v in names))
        for where, value in _items(record, "villages"):
            if value not in villages:
                close = difflib.get_close_matches(value, villages, n=1, cutoff=0.5)
                hint = f"是不是“{close[0]}”？" if close else f"列出的村（社区）有：{'、'.join(villages)}。"
                self.report("X22", record, where, label=field_label(record, where), value=value, hint=hint)

    def meetings(self, record: Record) -> None:
        day = record.get("date")
        self.order(record, "end", day, "会议日期")
        terms = self.corpus.settings.terms
        if record.get("kind") == terms.group_meeting and not record.get("group") and "kind" in record.lines:
            self.report("F13", record, "kind", label="会议类型“代表小组会议”", other="group",
                        other_label="代表小组")
        if day is None:
            return
        self.in_office(record, day, PARTICIPANTS["meetings"][1])
        group = record.get("group") if record.get("kind") == terms.group_meeting else None
        scope_count = self.corpus.in_office(day, level=None if group else "", group=group)
        scope = f"{group}代表" if group else "镇人大代表"
        attendees = record.get("attendees")
        attendance = record.get("attendance") or {}
        present = self.corpus.present(record)
        if attendees is not None and len(attendees) > scope_count:
            self.report("X07", record, "attendees", label="出席代表", value=len(attendees),
                        date=day, scope=scope, count=scope_count)
        for key, label in (("expected", "应到人数"), ("present", "实到人数")):
            if attendance.get(key, 0) > scope_count:
                self.report("X07", record, f"attendance.{key}", label=label,
                            value=attendance[key], date=day, scope=scope, count=scope_count)
        absent = {item["deputy"]: f"absent[{i}].deputy"
                  for i, item in enumerate(record.get("absent") or ())}
        for deputy in attendees or ():
            if deputy in absent:
                self.report("X15", record, absent[deputy], value=deputy)
        for index, vote in enumerate(record.get("votes") or ()):
            where = f"votes[{index}]"
            total = vote["for"] + vote.get("against", 0) + vote.get("abstain", 0)
            if present is not None and total > present:
                self.report("X13", record, where, item=vote["item"], total=total,
                            scope="出席代表", count=present)
            if "passed" in vote:
                base_name, base = self.corpus.majority_base(record)
                if base is None:
                    continue
                derived = vote["for"] * 2 > base
                rule = f"{'超过' if derived else '未超过'}{base_name} {base} 人的半数"
                if vote["passed"] != derived:
                    self.report("X14", record, f"{where}.passed", item=vote["item"],
                                stated="通过" if vote["passed"] else "未通过",
                                yes=vote["for"], rule=rule)

    def activities(self, record: Record) -> None:
        self.order(record, "end", record.get("date"), "活动日期")
        if record.get("date"):
            self.in_office(record, record.get("date"), PARTICIPANTS["activities"][1])
        for index, opinion in enumerate(record.get("opinions") or ()):
            if opinion["status"] == self.corpus.settings.terms.referred and not opinion.get("referred_to"):
                self.report("F13", record, f"opinions[{index}].status",
                            label="办理情况“已转交”", other="referred_to", other_label="转交单位")
        # Who reported and who brought an opinion in took part: points and quotas count them.
        present = set(record.get("deputies") or ())
        for path in ("reporters", "opinions.deputy", "questions.deputy"):
            for where, value in _items(record, path):
                if value not in present:
                    self.report("X19", record, where, label=field_label(record, where), value=value)
        kind = record.get("kind")
        if kind in self.corpus.settings.rules.reporting_kinds and not record.get("reporters"):
            self.report("X20", record, "kind", value=kind)
        evaluation = record.get("evaluation")
        if evaluation and "deputies" in record.data:
            total = sum(evaluation.get(k, 0) for k in ("satisfied", "basically_satisfied", "dissatisfied"))
            if total > len(present):
                self.report("X23", record, "evaluation", total=total, count=len(present))
        for index, entry in enumerate(record.get("rectifications") or ()):
            day = record.get("date")
            if day is not None and entry["deadline"] < day:
                self.report("X03", record, f"rectifications[{index}].deadline", label="整改期限",
                            value=entry["deadline"], other_label="活动日期", other_value=day)

    def suggestions(self, record: Record) -> None:
        self.order(record, "assigned", record.get("submitted"), "提出日期")
        self.order(record, "deadline", record.get("assigned"), "交办日期")
        if record.get("submitted"):
            self.in_office(record, record.get("submitted"), PARTICIPANTS["suggestions"][1])
        cosigners = record.get("cosigners") or []
        if self.proposed_outside(record, cosigners):
            return
        for index, deputy in enumerate(cosigners):
            if deputy == record.get("proposer"):
                self.report("X12", record, f"cosigners[{index}]", value=deputy)
        need = int(self.corpus.settings.rules.motion_min_cosigners)
        have = len(set(cosigners) - {record.get("proposer")})
        if record.get("kind") == self.corpus.settings.terms.motion and have < need:
            where = "cosigners" if "cosigners" in record.lines else "kind"
            self.report("X06", record, where, need=need, have=have)

    def proposed_outside(self, record: Record, cosigners: list) -> bool:
        """Whether the suggestion is someone else's handled by the town (``outside``); it
        must then have no township proposer, co-signers or motion, and otherwise a proposer."""
        def wrong(where: str, why: str) -> None:
            subject = (f"{where}（{field_label(record, where)}）" if where
                       else "proposer（领衔代表）和 outside（交办件的提出人）")
            self.report("X31", record, where, subject=subject, why=why)

        if not record.get("outside"):
            if record.get("proposer") is None and "proposer" not in record.lines:
                wrong("", "两项都没有写。本镇代表领衔的写领衔代表 proposer（代表编号）；"
                          "上级人大代表建议、政协委员提案交本镇办理的写 outside（提出人的姓名和身份）")
            return False
        if "proposer" in record.lines:
            wrong("proposer", "写了交办件的提出人 outside，就不写领衔代表。"
                              "本镇代表领衔的删去 outside，上级交办的删去 proposer")
        if cosigners:
            wrong("cosigners", "上级交办的建议提案没有本镇的附议代表，请删去 cosigners")
        if record.get("kind") == self.corpus.settings.terms.motion:
            wrong("kind", f"{record.get('kind')}只能由本镇代表联名提出，"
                          f"上级交办的请写 kind: {self.corpus.settings.terms.suggestion}")
        return True

    def replies(self, record: Record) -> None:
        self.order(record, "date", record.get("consulted"), "面商日期")
        feedback = record.get("feedback") or {}
        if feedback.get("date") and record.get("date") and feedback["date"] < record.get("date"):
            self.report("X03", record, "feedback.date", label="评价日期", value=feedback["date"],
                        other_label="答复日期", other_value=record.get("date"))

    def rectifications(self, record: Record) -> None:
        activity = self.corpus.get("activities", record.get("activity") or "")
        if activity is None or not activity.data:
            return  # an unknown activity is X02; an unreadable one has its own error
        self.order(record, "date", activity.get("date"), "监督活动的日期")
        items = activity.get("rectifications") or []
        for where, number in _items(record, "items"):
            if number > len(items):
                self.report("X24", record, where, label=field_label(record, where), value=number,
                            activity=self.corpus.title(activity), count=len(items))
            elif record.get("unit") and items[number - 1]["unit"] != record.get("unit"):
                self.report("X25", record, where, label=field_label(record, where), value=number,
                            unit=items[number - 1]["unit"], reporter=record.get("unit"))

    def plans(self, record: Record) -> None:
        for index, item in enumerate(record.get("items") or ()):
            measured = [name for name in ("kind", "meeting") if item.get(name) is not None]
            if len(measured) == 2:
                why = "同时写了活动类型 kind 和会议类型 meeting，只能写其中一个"
            elif measured and item.get("target") is None:
                why = f"写了{'活动类型 kind' if measured == ['kind'] else '会议类型 meeting'}，却没有写计划次数 target"
            elif not measured and item.get("target") is not None:
                why = "写了计划次数 target，却没有写按哪类活动（kind）或会议（meeting）计数"
            else:
                continue
            where = f"items[{index}]"
            self.report("X29", record, where, label=field_label(record, where), value=item.get("text"), why=why)
        meeting = self.corpus.get("meetings", record.get("adopted_at") or "")
        if meeting is not None and meeting.data and record.get("adopted") and meeting.get("date") \
                and record.get("adopted") != meeting.get("date"):
            self.report("X30", record, "adopted", value=record.get("adopted"), meeting=self.corpus.title(meeting),
                        date=meeting.get("date"))

    def projects(self, record: Record) -> None:
        for index, origin in enumerate(record.get("from_opinions") or ()):
            activity = self.corpus.get("activities", origin["activity"])
            if activity is None or not activity.data:
                continue  # X02, or the activity's own error
            count = len(activity.get("opinions") or ())
            if origin["number"] > count:
                where = f"from_opinions[{index}].number"
                self.report("X26", record, where, label=field_label(record, where), value=origin["number"],
                            activity=self.corpus.title(activity), count=count)
        percent = self.corpus.project_percent(record)
        if record.get("accepted") and percent < 100:
            self.report("X27", record, "accepted", value=record.get("accepted"), percent=percent)
        previous = None
        for index, entry in enumerate(record.get("progress") or ()):
            if previous is not None:
                why = None
                if entry["date"] < previous["date"]:
                    why = "日期还早"
                elif entry["percent"] < previous["percent"]:
                    why = "百分比还低"
                if why:
                    self.report("X11", record, f"progress[{index}]", date=entry["date"],
                                percent=entry["percent"], prev_date=previous["date"],
                                prev=previous["percent"], why=why)
            previous = entry
