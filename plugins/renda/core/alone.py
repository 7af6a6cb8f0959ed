"""The rules that need nothing but the record and the settings: dates not in the future, no
script or HTML where it does not belong, no personal data in a public record. They run as each
file is read (in either process of a parallel read, see ``loader``), and the serve cache keeps
what they found; ``validate`` runs the rules across records after them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

from . import htmlsafety, privacy
from .catalogue import make
from .config import Settings
from .privacy import OFFICE_CONTACT
from .problems import Problem
from .record import Record
from .schema import RECORD_TYPES


def field_label(record: Record, where: str) -> str:
    """The Chinese label of the field at dotted location ``where``."""
    spec = None
    fields = RECORD_TYPES[record.type].field_map
    for part in where.replace("[", ".[").split("."):
        if part.startswith("[") or not part:
            continue
        spec = fields.get(part)
        if spec is None:
            break
        inner = getattr(spec.type, "item", spec.type)
        fields = {f.name: f for f in getattr(inner, "fields", ())}
    return spec.label if spec else where


def _strings(value: Any, out: list[str]) -> None:
    """Every string in a record's fields, appended to ``out`` (``_texts`` without places)."""
    for item in value.values() if isinstance(value, dict) else value:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, (dict, list)):
            _strings(item, out)


def _texts(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """(dotted location, text) of every string in a record's fields."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{where}[{index}]")


def _body_position(record: Record, offset: int) -> tuple[int, int]:
    """The file (line, column) of ``offset`` in a record's body."""
    before = record.body[:offset]
    return record.body_line + before.count("\n"), offset - (before.rfind("\n") + 1) + 1


def _dates(value: Any, where: str) -> Iterator[tuple[str, dt.date]]:
    if isinstance(value, dt.date):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _dates(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _dates(item, f"{where}[{index}]")


class Alone:
    """The rules that need nothing but the record and the settings: they run as each file is
    read (in either process of a parallel read) and are kept by the serve cache."""

    _PAST_DATE_FIELDS = {name: rtype.past_date_fields for name, rtype in RECORD_TYPES.items()}

    def __init__(self, settings: Settings, problems: list[Problem]):
        self.settings = settings
        self.problems = problems
        self.today = settings.current_date()
        self.phones = frozenset(settings.office_phones)

    def __call__(self, record: Record) -> list[Problem]:
        """The single-record problems of ``record`` (a fresh list)."""
        start = len(self.problems)
        if record.data:
            self.future_dates(record)
            self.unsafe_html(record)
            if record.disclosure == "public":
                self.personal_data(record)
        found = self.problems[start:]
        del self.problems[start:]
        return found

    def report(self, code: str, record: Record, where: str, **values) -> None:
        line, column = record.where(where)
        self.problems.append(make(code, record.path, line, column, field=where, **values))

    def future_dates(self, record: Record) -> None:
        for key in self._PAST_DATE_FIELDS[record.type]:
            value = record.data.get(key)
            if value is None:
                continue
            for where, day in _dates(value, key):
                if day > self.today:
                    self.report("X04", record, where, label=field_label(record, where), value=day,
                                today=self.today)

    def personal_data(self, record: Record) -> None:
        """No ID, phone, card, e-mail or private address in a public record's text."""
        phones = self.phones
        strings: list[str] = []
        _strings(record.data, strings)
        # One scan over all fields first (no finding can span the line breaks between them);
        # only a record with something in it is scanned field by field for the positions.
        in_fields = bool(privacy.scan("\n".join(strings), phones))
        in_body = privacy.scan(record.body, phones)
        if not in_fields and not in_body:
            return
        allowed = OFFICE_CONTACT if record.get("allow_personal_data") else frozenset()
        for where, text in _texts(record.data, "") if in_fields else ():
            for finding in privacy.scan(text, phones):
                if finding.kind not in allowed:
                    self.report(privacy.CODES[finding.kind], record, where, masked=finding.masked,
                                place=f"{where}（{field_label(record, where)}）")
        for finding in in_body:
            if finding.kind not in allowed:
                line, column = _body_position(record, finding.start)
                self.problems.append(make(privacy.CODES[finding.kind], record.path, line, column,
                                          field="body", masked=finding.masked, place="正文"))

    def unsafe_html(self, record: Record) -> None:
        """No script, frame, style, event handler or script URL in a body; no HTML in a title."""
        for code, offset, values in htmlsafety.scan_source(record.body, self.settings.remote_hosts):
            line, column = _body_position(record, offset)
            self.problems.append(make(code, record.path, line, column, field="body", place="正文",
                                      **values))
        for name in ("title", "name"):
            value = record.get(name)
            tag = htmlsafety.tag_in(value) if isinstance(value, str) else None
            if tag:
                self.report("H04", record, name, label=field_label(record, name), value=tag)
