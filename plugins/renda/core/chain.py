"""The closed loop (形成闭环) of one livelihood project: the opinions residents raised, the
suggestions deputies made of them, the government's replies, the congress' vote, the building
progress, the deputies' evaluation and the acceptance, as one timeline.

Read from a corpus (the view's, on the site: only shown records take part), from the links the
records make: a project's ``from_suggestions`` and ``from_opinions``, an opinion's
``suggestion``, a reply's ``suggestion``, a project's ``voted_at``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .corpus import Corpus
from .record import Record

#: The stages of the loop, in order.
STAGES = ("意见", "建议", "答复", "票决", "建设进度", "测评", "验收")


@dataclass(frozen=True)
class Step:
    """One step of the loop: its stage, day, and what happened: ``text``, then the record
    that tells it (linked, as ``label`` or its title), then ``after``."""

    stage: str
    date: dt.date | None
    text: str
    record: Record | None = None
    label: str | None = None
    after: str = ""
    done: bool = True  # False: a stage not reached yet ("尚未验收")


def origins(corpus: Corpus, project: Record) -> list[tuple[Record, int, dict]]:
    """The opinions a project came from: named by it, or raised for one of its suggestions
    (the opinion names the suggestion), as (activity, number, opinion), oldest first."""
    found: dict[tuple[str, int], tuple[Record, int, dict]] = {}
    for origin in project.get("from_opinions") or ():
        opinion = corpus.opinion(origin["activity"], origin["number"])
        if opinion is not None:
            found[(origin["activity"], origin["number"])] = (opinion[0], origin["number"], opinion[1])
    for sid in project.get("from_suggestions") or ():
        for activity, number, opinion in corpus.opinions_for_suggestion(sid):
            found.setdefault((activity.id, number), (activity, number, opinion))
    return sorted(found.values(), key=lambda o: (o[0].get("date"), o[0].id, o[1]))


def project_chain(corpus: Corpus, project: Record) -> list[Step]:
    """The project's loop as one timeline; the stages from the vote on that are not reached
    yet are steps with ``done`` False, at the end."""
    name = _namer(corpus)
    steps = [Step("意见", activity.get("date"),
                  f"{opinion['summary']}（" + (f"{name(opinion['deputy'])}在" if opinion.get("deputy") else ""),
                  activity, after="中听取）")
             for activity, _, opinion in origins(corpus, project)]
    suggestions = [s for sid in dict.fromkeys(project.get("from_suggestions") or ())
                   if (s := corpus.get("suggestions", sid)) is not None]
    for suggestion in suggestions:
        steps.append(Step("建议", suggestion.get("submitted"),
                          f"{corpus.proposed_by(suggestion)}{'' if suggestion.get('outside') else '领衔'}提出"
                          f"{corpus.kind_label(suggestion)}《", suggestion,
                          after="》"))
    for reply in [r for s in suggestions for r in corpus.replies_by_suggestion.get(s.id, ())]:
        kind = "最终" if reply.get("final", True) else "阶段性"
        steps.append(Step("答复", reply.get("date"), f"{reply.get('handler')}{kind}答复，{reply.get('result')} 类（",
                          reply, label="答复函", after="）"))
    meeting = corpus.get("meetings", project.get("voted_at") or "")
    votes = project.get("votes")
    tally = (f"：赞成 {votes['for']} 票，反对 {votes.get('against', 0)} 票，弃权 {votes.get('abstain', 0)} 票"
             if votes else "")
    if meeting is not None:
        steps.append(Step("票决", meeting.get("date"), "", meeting, after=f"票决{tally}"))
    elif votes:
        steps.append(Step("票决", None, f"票决{tally}"))
    else:
        steps.append(Step("票决", None, "尚无票决记录", done=False))
    for entry in project.get("progress") or ():
        note = f"：{entry['note']}" if entry.get("note") else ""
        steps.append(Step("建设进度", entry["date"], f"完成 {entry['percent']}%{note}"))
    if not project.get("progress"):
        steps.append(Step("建设进度", None, "尚未开工", done=False))
    evaluation = project.get("evaluation")
    if evaluation:
        steps.append(Step("测评", evaluation["date"],
                          f"代表测评：满意 {evaluation['satisfied']} 票，基本满意 {evaluation.get('basically_satisfied', 0)} 票，"
                          f"不满意 {evaluation.get('dissatisfied', 0)} 票"))
    else:
        steps.append(Step("测评", None, "尚未测评", done=False))
    if project.get("accepted"):
        steps.append(Step("验收", project.get("accepted"), "竣工验收"))
    else:
        steps.append(Step("验收", None, "尚未验收", done=False))
    # One timeline: by day (a suggestion may be answered after the vote that took it up),
    # the stages' order on one day; what has not happened yet last.
    return sorted(steps, key=lambda step: (not step.done, step.date or dt.date.max, STAGES.index(step.stage)))


def _namer(corpus: Corpus):
    def name(rid: str | None) -> str:
        deputy = corpus.get("deputies", rid or "")
        return (deputy.get("name") or rid) if deputy is not None else (rid or "")
    return name
