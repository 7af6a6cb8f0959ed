"""Every figure the statistics give, declared once: its key, name, unit, definition, and how it
is counted from the records behind it.

The statistics page, its downloads (CSV, XLSX), ``renda stats``, the charts and the printed
report take a figure's label and definition from here, so one figure has one name
everywhere ("接待选民（人次）" is the voters received, and nothing else). Each figure is a
*measure* of a list of records — how many there are, or the sum of one quantity of each —
and the statistics keep that list as the figure's ``sources``: a figure can always be
recounted from the records it names. A rate is a part over a whole, both figures of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .record import Record


def _opinions(record: Record, status: str) -> int:
    return sum(o["status"] == status for o in record.get("opinions") or ())


def _rectified(record: Record, corpus, status: str) -> int:
    return sum(item.status == status for item in corpus.rectifications(record)) if record.get("rectifications") else 0


#: How much one record adds to a figure, by measure name; "count" adds one per record.
MEASURES: dict[str, Callable[[Record, Any], float]] = {
    "count": lambda record, corpus: 1,
    "deputies": lambda record, corpus: len(record.get("deputies") or ()),
    "voters": lambda record, corpus: record.get("voters") or 0,
    "opinions": lambda record, corpus: len(record.get("opinions") or ()),
    # The opinions of a status: the status the settings' terms name (已办结, 办理中, 已转交).
    "opinions:resolved": lambda record, corpus: _opinions(record, corpus.settings.terms.resolved),
    "opinions:in_progress": lambda record, corpus: _opinions(record, corpus.settings.terms.in_progress),
    "opinions:referred": lambda record, corpus: _opinions(record, corpus.settings.terms.referred),
    "reviewed": lambda record, corpus: len(record.get("reviewed") or ()),
    "votes": lambda record, corpus: len(record.get("votes") or ()),
    "votes_passed": lambda record, corpus: sum(corpus.vote_passed(record, v) for v in record.get("votes") or ()),
    "budget": lambda record, corpus: float(record.get("budget") or 0),
    "rectifications": lambda record, corpus: len(record.get("rectifications") or ()),
    # The items of a derived status (corpus.rectifications): 已整改, 逾期.
    "rectifications:completed": lambda record, corpus: _rectified(record, corpus, "已整改"),
    "rectifications:overdue": lambda record, corpus: _rectified(record, corpus, "逾期"),
}


@dataclass(frozen=True)
class Figure:
    """One figure. For a family (``activities.by_kind``) the name holds ``{}`` for the member
    (the kind, the category, the quarter)."""

    key: str
    name: str
    unit: str
    definition: str
    group: str
    measure: str = "count"
    #: For a rate: the keys of its part and whole (a member's ``{}`` is the same member).
    ratio: tuple[str, str] | None = None
    #: Compared year over year in the headline table.
    headline: bool = False

    @property
    def rate(self) -> bool:
        return self.ratio is not None

    def label(self, member: str = "") -> str:
        """The name with its unit, as tables head a column: 接待选民（人次）, 满意率."""
        name = self.name.format(member)
        return name if self.rate else f"{name}（{self.unit}）"


def _f(key, name, unit, definition, group, measure="count", ratio=None, headline=False) -> Figure:
    return Figure(key, name, unit, definition, group, measure, ratio, headline)


#: Every figure of a year's summary, in the order of the statistics page.
FIGURES: list[Figure] = [
    _f("deputies.in_office", "在任代表", "名", "当年任期内任何一天在任的代表人数（计入的代表层级见设置，默认镇人大代表）。",
       "代表", headline=True),
    _f("deputies.participated", "参与代表", "名", "在任代表中当年至少参加过一次履职活动的人数（出席会议不计）。",
       "代表", headline=True),
    _f("deputies.participation_rate", "代表参与率", "", "参与代表 ÷ 在任代表。", "代表",
       ratio=("deputies.participated", "deputies.in_office"), headline=True),
    _f("activities.total", "履职活动", "次", "当年开展的履职活动次数，按活动日期计入年份。", "履职活动", headline=True),
    _f("activities.by_kind", "{}活动", "次", "当年开展的该类履职活动次数。", "履职活动"),
    _f("activities.person_times", "参加活动代表", "人次", "每次活动的参加代表人数之和。", "履职活动",
       measure="deputies", headline=True),
    _f("activities.person_times_by_kind", "参加{}活动代表", "人次", "该类活动每次的参加代表人数之和。", "履职活动",
       measure="deputies"),
    _f("voters.received", "接待选民", "人次", "各次活动记录的接待、走访选民人次之和。", "选民和群众意见",
       measure="voters", headline=True),
    _f("voters.opinions", "收集群众意见", "条", "活动中收集的群众意见条数。", "选民和群众意见",
       measure="opinions", headline=True),
    _f("voters.resolved", "意见已办结", "条", "收集的意见中记录为已办结的条数。", "选民和群众意见",
       measure="opinions:resolved"),
    _f("voters.in_progress", "意见办理中", "条", "收集的意见中记录为办理中的条数。", "选民和群众意见",
       measure="opinions:in_progress"),
    _f("voters.referred", "意见已转交", "条", "收集的意见中记录为已转交有关单位的条数。", "选民和群众意见",
       measure="opinions:referred"),
    _f("voters.resolution_rate", "意见办结率", "", "意见已办结 ÷ 收集群众意见。", "选民和群众意见",
       ratio=("voters.resolved", "voters.opinions"), headline=True),
    _f("suggestions.total", "议案建议", "件", "当年本镇代表提出的议案、建议件数，按提出日期计入年份（交本镇办理的上级人大代表建议和政协提案另计）。",
       "议案建议", headline=True),
    _f("suggestions.by_kind", "{}", "件", "当年提出的议案或建议件数。", "议案建议"),
    _f("suggestions.by_category", "分类：{}", "件", "当年提出的议案建议中属于该分类的件数。", "议案建议"),
    _f("suggestions.assigned", "已交办", "件", "已写明交办日期的件数。", "议案建议"),
    _f("suggestions.replied", "已答复", "件", "已有承办单位答复（阶段性或最终）的件数。", "议案建议", headline=True),
    _f("suggestions.replied_on_time", "按期答复", "件", "第一份答复不晚于办理期限的件数；办理期限默认为交办后三个月。",
       "议案建议"),
    _f("suggestions.overdue", "逾期", "件", "超过办理期限仍未答复，或第一份答复晚于期限的件数。", "议案建议",
       headline=True),
    _f("suggestions.unanswered", "未答复", "件", "至今没有任何答复的件数。", "议案建议"),
    _f("suggestions.by_result", "{}类", "件",
       "按最近一份答复的办理结果分类：A 已解决或采纳，B 正在解决或列入计划，C 留作参考。", "议案建议"),
    _f("suggestions.result_shares", "{}类占比", "", "该类件数 ÷ 已答复。", "议案建议",
       ratio=("suggestions.by_result", "suggestions.replied")),
    _f("suggestions.evaluated", "已评价", "件", "代表对答复作出评价的件数（按最近一次评价）。", "议案建议"),
    _f("suggestions.by_satisfaction", "评价{}", "件", "最近一次评价为该等次的件数。", "议案建议"),
    _f("suggestions.satisfied", "满意和基本满意", "件", "最近一次评价为满意或基本满意的件数。", "议案建议"),
    _f("suggestions.satisfaction_rate", "满意率", "", "（满意 + 基本满意）÷ 已评价。", "议案建议",
       ratio=("suggestions.satisfied", "suggestions.evaluated"), headline=True),
    _f("suggestions.closed", "已办结", "件", "最终答复后代表没有评价为不满意的件数。", "议案建议"),
    _f("for_others.total", "交本镇办理的建议提案", "件",
       "上级人大代表的建议、政协委员的提案交本镇办理的件数，按提出日期计入年份；不计入本镇代表的议案建议。",
       "交办建议提案"),
    _f("for_others.by_role", "{}的建议提案", "件", "交本镇办理的建议提案中该身份的人提出的件数。", "交办建议提案"),
    _f("for_others.replied", "交办件已答复", "件", "交本镇办理的建议提案中已有答复的件数。", "交办建议提案"),
    _f("for_others.closed", "交办件已办结", "件", "交本镇办理的建议提案中最终答复后没有被评价为不满意的件数。",
       "交办建议提案"),
    _f("meetings.total", "会议", "次", "当年召开的会议次数，按会议开始日期计入年份。", "会议", headline=True),
    _f("meetings.by_kind", "{}", "次", "当年召开的该类会议次数。", "会议"),
    _f("meetings.presidium_per_quarter", "{}主席团会议", "次", "该季度召开的主席团会议次数。", "会议"),
    _f("meetings.reports_reviewed", "听取审议报告", "份", "各次会议听取、审议的报告份数之和。", "会议",
       measure="reviewed", headline=True),
    _f("meetings.votes", "表决事项", "项", "各次会议表决的事项数之和。", "会议", measure="votes"),
    _f("meetings.votes_passed", "表决通过", "项", "表决事项中获得通过的项数。", "会议", measure="votes_passed"),
    _f("supervision.rectifications.total", "整改事项", "项",
       "当年评议、询问、检查、视察后要求整改的事项数，按活动日期计入年份。", "监督整改", measure="rectifications"),
    _f("supervision.rectifications.completed", "已整改", "项", "整改事项中责任单位已报告完成的项数。", "监督整改",
       measure="rectifications:completed"),
    _f("supervision.rectifications.overdue", "逾期未整改", "项", "至今超过整改期限、仍未报告完成的项数（逾期后才完成的计入已整改）。",
       "监督整改", measure="rectifications:overdue", headline=True),
    _f("projects.voted", "票决民生实事", "项", "当年票决的民生实事项目数。", "民生实事", headline=True),
    _f("projects.from_suggestions", "来自代表建议的民生实事", "项",
       "当年票决的项目中写明由代表议案、建议转化而来（来源建议）的项数。", "民生实事"),
    _f("projects.completed", "民生实事已完成", "项", "当年票决的项目中最近一次进度达到 100% 的项数。", "民生实事",
       headline=True),
    _f("projects.budget", "民生实事计划投资", "万元", "当年票决的项目计划投资之和。", "民生实事", measure="budget"),
]

BY_KEY: dict[str, Figure] = {figure.key: figure for figure in FIGURES}
#: Keys of a summary that are no figure (the session list has a detail page of its own).
NOT_FIGURES = ("year", "as_of", "compliance", "plan", "meetings.sessions", "sources")


def figure_of(path: str) -> tuple[Figure, str]:
    """The figure a summary path names, and the member for a family:
    ``activities.by_kind.视察`` → (activities.by_kind, 视察)."""
    if path in BY_KEY:
        return BY_KEY[path], ""
    family, _, member = path.rpartition(".")
    return BY_KEY[family], member


def label(path: str) -> str:
    """The label of a summary path, e.g. ``meetings.presidium_per_quarter.0`` → 第一季度主席团会议（次）."""
    from .stats import QUARTERS

    figure, member = figure_of(path)
    if figure.key == "meetings.presidium_per_quarter":
        member = QUARTERS[int(member)]
    return figure.label(member)


def ratio_paths(path: str) -> tuple[str, str]:
    """The summary paths of a rate's part and whole: ``suggestions.result_shares.A`` →
    (``suggestions.by_result.A``, ``suggestions.replied``); a family's member is the same."""
    figure, member = figure_of(path)
    return tuple(key + (f".{member}" if "{}" in BY_KEY[key].name else "") for key in figure.ratio)


def definitions() -> list[tuple[str, str]]:
    """(name, definition) of every figure, as printed at the end of the statistics page."""
    return [(figure.name.replace("{}", "……"), figure.definition) for figure in FIGURES]


def recount(path: str, records: list[Record], corpus) -> float:
    """A figure counted again from the records it names (what a reader of the sources does)."""
    figure, _ = figure_of(path)
    measure = MEASURES[figure.measure]
    return sum(measure(record, corpus) for record in records)


def paths(summary: dict[str, Any]) -> list[str]:
    """Every figure path of a summary, in page order."""
    found = []

    def walk(value: Any, path: str) -> None:
        if path in NOT_FIGURES:
            return
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}.{index}")
        elif isinstance(value, (int, float)) or value is None:
            found.append(path)

    walk(summary, "")
    return found
