"""What one build publishes: the view of a corpus that pages, feeds and exports are made from.

A record is shown only if it validated and its disclosure is public (an internal build shows
internal records too). Everything a page lists comes through the view, so a record that is not
shown cannot be linked to, counted on a public page or quoted by one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .corpus import Corpus
from .record import Record
from .schema import RECORD_TYPES

#: The date that orders and files each record type by year.
DATE_FIELDS = {"meetings": "date", "activities": "date", "suggestions": "submitted",
               "replies": "date"}


def record_date(record: Record) -> dt.date | None:
    """The date a record is filed under (a project's is 1 January of its year)."""
    if record.type == "projects":
        return dt.date(record.get("year"), 1, 1) if record.get("year") else None
    field = DATE_FIELDS.get(record.type)
    return record.get(field) if field else None


class View:
    """The records one build shows, indexed for the pages that list them."""

    def __init__(self, corpus: Corpus, internal: bool = False):
        self.internal = internal
        self.settings = corpus.settings
        #: The shown records linked among themselves: every derived state a page, figure or
        #: export gives (a suggestion's status, who was in office) comes from what is shown,
        #: never from an internal or invalid record behind it.
        self.corpus = Corpus([r for r in corpus.records if self._visible(r)], corpus.settings)
        self._shown: dict[str, dict[str, Record]] = {
            rtype: dict(self.corpus.by_type[rtype]) for rtype in RECORD_TYPES
        }
        self._sorted: dict[str, list[Record]] = {}
        self._by_year: dict[str, dict[int, list[Record]]] = {}
        self._index()

    @property
    def ranking(self) -> bool:
        """Whether deputies' duty points and ranks are shown: on the staff site, or when the
        township chose to publish them."""
        return self.internal or self.settings.publish_ranking

    def _visible(self, record: Record) -> bool:
        return record.valid and (self.internal or record.disclosure == "public")

    def shows(self, record: Record | None) -> bool:
        """Whether ``record`` is published by this build."""
        return record is not None and self._shown[record.type].get(record.id) is record

    def get(self, rtype: str, rid: str | None) -> Record | None:
        """The shown record of ``rtype`` with id ``rid``, or None (absent or not shown)."""
        return self._shown[rtype].get(rid) if rid else None

    def records(self, rtype: str) -> list[Record]:
        """Shown records of ``rtype``: dated ones newest first, the others by id."""
        if rtype not in self._sorted:
            records = list(self._shown[rtype].values())
            if rtype in DATE_FIELDS or rtype == "projects":
                records.sort(key=lambda r: (record_date(r) or dt.date.min, r.id), reverse=True)
            else:
                records.sort(key=lambda r: r.id)
            self._sorted[rtype] = records
        return list(self._sorted[rtype])

    def years(self, rtype: str) -> list[int]:
        """The years that have shown records of ``rtype``, newest first."""
        return sorted({d.year for r in self._shown[rtype].values() if (d := record_date(r))},
                      reverse=True)

    def of_year(self, rtype: str, year: int) -> list[Record]:
        """Shown records of ``rtype`` filed under ``year``, newest first."""
        if rtype not in self._by_year:
            by_year: dict[int, list[Record]] = defaultdict(list)
            for record in self.records(rtype):
                if (day := record_date(record)) is not None:
                    by_year[day.year].append(record)
            self._by_year[rtype] = by_year
        return list(self._by_year[rtype].get(year, ()))

    # Back-references ---------------------------------------------------------------------

    def _index(self) -> None:
        by = defaultdict(list)
        for activity in self.records("activities"):
            for deputy in activity.get("deputies") or ():
                by["activities", deputy].append(activity)
            if activity.get("station"):
                by["station_activities", activity.get("station")].append(activity)
            for sid in activity.get("suggestions") or ():
                by["suggestion_activities", sid].append(activity)
        for meeting in self.records("meetings"):
            for deputy in meeting.get("attendees") or ():
                by["attended", deputy].append(meeting)
            for item in meeting.get("absent") or ():
                by["missed", item["deputy"]].append(meeting)
        for suggestion in self.records("suggestions"):
            by["led", suggestion.get("proposer")].append(suggestion)
            for deputy in suggestion.get("cosigners") or ():
                by["cosigned", deputy].append(suggestion)
            if suggestion.get("meeting"):
                by["meeting_suggestions", suggestion.get("meeting")].append(suggestion)
        for project in self.records("projects"):
            for deputy in project.get("supervisors") or ():
                by["supervised", deputy].append(project)
            if project.get("voted_at"):
                by["meeting_projects", project.get("voted_at")].append(project)
        for station in self.records("stations"):
            for deputy in station.get("deputies") or ():
                by["stations", deputy].append(station)
        self._by = by

    def related(self, relation: str, rid: str) -> list[Record]:
        """Shown records standing in ``relation`` to the record ``rid``.

        Relations: ``activities``, ``attended``, ``missed``, ``led``, ``cosigned``,
        ``supervised``, ``stations`` (of a deputy); ``station_activities``;
        ``suggestion_activities``; ``meeting_suggestions``, ``meeting_projects``.
        """
        return self._by.get((relation, rid), [])

    def replies(self, suggestion: Record) -> list[Record]:
        """The shown replies to ``suggestion``, oldest first."""
        return [r for r in self.corpus.replies_by_suggestion.get(suggestion.id, ()) if self.shows(r)]

    def deputies_in_office(self, day: dt.date, level: str | None = None) -> list[Record]:
        """Shown deputies serving on ``day`` (of ``level`` when given)."""
        return [d for d in self._shown["deputies"].values() if self.corpus.serving(d, day)
                and (level is None or level in (d.get("levels") or ()))]
