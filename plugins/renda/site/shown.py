"""What each page shows, so that a rebuild while serving makes again only the pages an edit
touches (see ``mkdocs_adapter.serving``): the records a page shows (its sources), the records
whose body it shows, the years whose lists and figures a record counts in.
"""

from __future__ import annotations

from typing import Any

from ..core import chain
from ..core.record import Record
from ..core.schema import RECORD_TYPES
from ..core.view import View, record_date


def unknown(view: View, record: Record) -> None:
    """Not worked out (a whole build): every page is made."""
    return None


def remembered(find):
    """``find(view, record)`` worked out once per record for one plan (a record's page and its
    archive show the same records)."""
    found: dict[tuple[str, str], Any] = {}

    def remembered(view: View, record: Record):
        key = (record.type, record.id)
        if key not in found:
            found[key] = find(view, record)
        return found[key]

    return remembered


def none(view: View, record: Record) -> frozenset:
    """No record's body (a whole build does not ask)."""
    return frozenset()


def sources_of(view: View, record: Record) -> frozenset:
    """The records a record's page shows: itself, what it names and what names it."""
    keys = {(record.type, record.id)}
    for relation in view.naming(record.type):
        keys.update((r.type, r.id) for r in view.related(relation, record.id))
    for path, target in RECORD_TYPES[record.type].references:
        keys.update((target, rid) for rid in record.values(path))
    if record.type == "replies" and record.get("suggestion"):
        suggestion = view.get("suggestions", record.get("suggestion"))
        if suggestion is not None:
            keys.add(("deputies", suggestion.get("proposer")))
    # A project's page and its suggestions' pages show the project's whole loop.
    if record.type in ("projects", "suggestions"):
        for pid in [rid for rtype, rid in keys if rtype == "projects"]:
            project = view.get("projects", pid)
            for step in chain.project_chain(view.corpus, project) if project is not None else ():
                if step.record is not None:
                    keys.add((step.record.type, step.record.id))
                    keys.update(("deputies", rid) for rid in step.record.values("proposer"))
                    keys.update(("deputies", rid) for rid in step.record.values("opinions.deputy"))
    # A suggestion shown anywhere shows its status, which its replies make.
    for sid in [rid for rtype, rid in keys if rtype == "suggestions"]:
        suggestion = view.get("suggestions", sid)
        if suggestion is not None:
            keys.update(("replies", r.id) for r in view.replies(suggestion))
    # So does an activity its rectification items' status, which the reports make.
    for aid in [rid for rtype, rid in keys if rtype == "activities"]:
        keys.update(("rectifications", r.id) for r in view.corpus.reports_by_activity.get(aid, ()))
    return frozenset(keys)


def bodies_of(view: View, record: Record) -> frozenset:
    """The records whose body a record's page (or its dossier) shows: its own, and a
    suggestion's replies."""
    keys = {(record.type, record.id)}
    if record.type == "suggestions":
        keys.update(("replies", r.id) for r in view.replies(record))
    return frozenset(keys)


def years_touched(view: View, record: Record) -> frozenset | None:
    """The years whose lists and figures a change of ``record`` can alter (None: any year).
    A deputy or station counts in every year; a reply also in its suggestion's year, whose
    handling state it changes."""
    day = record_date(record)
    if record.type in ("deputies", "stations") or day is None:
        return None
    years = {day.year}
    if record.type == "replies":
        suggestion = view.corpus.get("suggestions", record.get("suggestion") or "")
        if suggestion is not None and record_date(suggestion) is not None:
            years.add(record_date(suggestion).year)
    if record.type == "rectifications":  # it closes items counted in its activity's year
        activity = view.corpus.get("activities", record.get("activity") or "")
        if activity is not None and record_date(activity) is not None:
            years.add(record_date(activity).year)
    return frozenset(years)


def year_sources(view: View, deputy: Record, mine: dict[str, list]) -> frozenset:
    """What a deputy's year archive shows: the deputy, the year's records of each relation,
    and the replies that make each suggestion's status."""
    keys = {(deputy.type, deputy.id)}
    for items in mine.values():
        for record in items:
            keys.add((record.type, record.id))
            if record.type == "suggestions":
                keys.update(("replies", reply.id) for reply in view.replies(record))
    return frozenset(keys)
