"""本月接待安排: a monthly A4 notice per station, to pin on its notice board (公示栏): this
month's reception days, the deputies who take turns there, last month's opinions and how far
each has got, and the QR code of the station's page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateutil.rrule import rrulestr

from ..core.record import Record
from ..core.schema.types import reception_rule
from ..core.view import View

WEEKDAYS = "一二三四五六日"


def reception_dates(rules: list[str], year: int, month: int) -> list[dt.date]:
    """The days of ``year``-``month`` the reception rules (每月15日, 每周三…) fall on, in order."""
    first = dt.datetime(year, month, 1)
    last = dt.datetime(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    days: set[dt.date] = set()
    for text in rules:
        rule = ";".join(f"{key}={value}" for key, value in reception_rule(text).items())
        days.update(moment.date() for moment in rrulestr(rule, dtstart=first).between(first, last, inc=True))
    return sorted(days)


def previous_month(day: dt.date) -> tuple[int, int]:
    return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)


def notice(view: View, station: Record, today: dt.date) -> dict[str, Any]:
    """What the notice of ``station`` for the month of ``today`` shows."""
    year, month = previous_month(today)
    opinions = []
    for activity in sorted(view.related("activities.station", station.id), key=lambda a: a.get("date")):
        day = activity.get("date")
        if (day.year, day.month) == (year, month):
            opinions += [{"date": day, **item} for item in activity.get("opinions") or ()]
    return {"station": station, "year": today.year, "month": today.month,
            "dates": [(day, WEEKDAYS[day.weekday()]) for day in
                      reception_dates(station.get("reception_days") or [], today.year, today.month)],
            "last_year": year, "last_month": month, "opinions": opinions}


def notice_pages(view: View, today: dt.date) -> list:
    """One notice page per station with reception days (print/stations/<id>/)."""
    from .pages import PageSpec

    return [PageSpec(f"print/stations/{station.id}.md",
                     f"{station.get('name')}{today.year}年{today.month}月接待安排", "station_notice.html",
                     notice(view, station, today), about=station,
                     sources=frozenset({("stations", station.id)} | {
                         ("activities", a.id) for a in view.related("activities.station", station.id)}) |
                     frozenset(("deputies", rid) for rid in station.get("deputies") or ()))
            for station in view.records("stations") if station.get("reception_days")]
