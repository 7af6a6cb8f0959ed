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


def record_date(record: Record) -> dt.date | None:
    """The date a record is filed under: its type's year field (a year alone counts as
    1 January of it)."""
    field = RECORD_TYPES[record.type].year_field
    value = record.get(field) if field else None
    if isinstance(value, int):
        return dt.date(value, 1, 1)
    return value


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
            if RECORD_TYPES[rtype].year_field:
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
        """Who names whom, for every reference field of the schema: a relation is the naming
        field's path, ``activities.deputies`` holding the activities that name a deputy."""
        by: dict[tuple[str, str], dict[int, Record]] = defaultdict(dict)
        for rtype, spec in RECORD_TYPES.items():
            for record in self.records(rtype):
                for path, _ in spec.references:
                    for rid in record.values(path):
                        by[f"{rtype}.{path}", rid][id(record)] = record
        self._by = {key: list(found.values()) for key, found in by.items()}

    def related(self, relation: str, rid: str) -> list[Record]:
        """Shown records whose field ``relation`` (``type.field``, e.g. ``meetings.attendees``
        or ``meetings.absent.deputy``) names the record ``rid``, in the records' order."""
        return self._by.get((relation, rid), [])

    def naming(self, rtype: str) -> list[str]:
        """Every relation by which records name one of type ``rtype`` (``suggestions.proposer``…)."""
        return _NAMING[rtype]

    def replies(self, suggestion: Record) -> list[Record]:
        """The shown replies to ``suggestion``, oldest first."""
        return [r for r in self.corpus.replies_by_suggestion.get(suggestion.id, ()) if self.shows(r)]

    def deputies_in_office(self, day: dt.date, level: str | None = None) -> list[Record]:
        """Shown deputies serving on ``day`` (of ``level`` when given)."""
        return [d for d in self._shown["deputies"].values() if self.corpus.serving(d, day)
                and (level is None or level in (d.get("levels") or ()))]


#: Every relation by which records name one of each type, from the schema (it never changes).
_NAMING: dict[str, list[str]] = {
    rtype: [f"{other}.{path}" for other, spec in RECORD_TYPES.items() for path, target in spec.references
            if target == rtype] for rtype in RECORD_TYPES}
