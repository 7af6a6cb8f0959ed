"""How a new record is named: the id ``renda new`` and the ledger import give a record that
has none, by the rules the sample records follow."""

from __future__ import annotations

from typing import Any, Callable

from ..core.config import Settings
from .pinyin import slug

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def id_stem(rtype: str, values: dict[str, Any], settings: Settings) -> str | None:
    """The id before it is made unique, or None while a value it is made of is missing:
    zhang-wei (deputy), hongxingcun (station), 2024-03-12-shicha (meeting, activity), 2024-003
    (建议), 2024-yian-01 (议案), 2024-003 (reply: its suggestion's id), 2024-01 (project),
    2024-05-28-pingyi (rectification report: its activity's id), 2026-yaodian (工作要点)."""
    def have(*names: str) -> bool:
        return all(values.get(name) not in (None, "") for name in names)

    if rtype == "deputies":
        return slug(values["name"], surname=True) if have("name") else None
    if rtype == "stations":
        return (slug(values["name"])[:24] or "station") if have("name") else None
    if rtype in ("meetings", "activities"):
        return f"{values['date'].isoformat()}-{slug(values['kind'])}" if have("date", "kind") else None
    if rtype == "suggestions":
        if not have("submitted", "kind", "number"):
            return None
        year, kind, number = values["submitted"].year, values["kind"], values["number"]
        outside = values.get("outside")
        if isinstance(outside, dict) and outside.get("role"):
            return f"{year}-{slug(outside['role'])}-{number:02d}"  # numbered apart: 2025-xianrendadaibiao-01
        return f"{year}-{number:03d}" if kind == settings.terms.suggestion else f"{year}-{slug(kind)}-{number:02d}"
    if rtype == "replies":
        return values["suggestion"] if have("suggestion") else None
    if rtype == "rectifications":
        return values["activity"] if have("activity") else None
    if rtype == "plans":
        return f"{values['year']}-yaodian" if have("year") else None
    return f"{values['year']}-{values['number']:02d}" if have("year", "number") else None


def unique_id(rtype: str, stem: str, taken: Callable[[str], bool]) -> str:
    """``stem`` made free: a reply or a rectification report gets the first free letter
    (2024-003-a, -b…), any other record -2, -3… when the stem itself is taken."""
    if rtype in ("replies", "rectifications"):
        for letter in _LETTERS:
            if not taken(f"{stem}-{letter}"):
                return f"{stem}-{letter}"
        stem += "-z"
    candidate, number = stem, 1
    while taken(candidate):
        number += 1
        candidate = f"{stem}-{number}"
    return candidate
