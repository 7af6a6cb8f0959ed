"""Atom and RSS feeds: new records and corrections, site-wide and per deputy.

Entries are dated by publication (the merge that brought a record into ``main``) when the
history is known, else by the record's own date. Links are absolute when the site has a
``site_url``, else site-relative.
"""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from ..core.record import Record


def feed(title: str, feed_id: str, entries: list[dict], site_url: str | None) -> tuple[bytes, bytes]:
    """One feed as (Atom, RSS). Each entry: id, title, url, date (aware datetime), summary."""
    base = (site_url or "/").rstrip("/") + "/"
    # Atom ids must be IRIs: the page address when the site's address is known, else a URN.
    ids = base if site_url else "urn:renda:"
    generator = FeedGenerator()
    generator.id(ids + feed_id)
    generator.title(title)
    generator.link(href=base, rel="alternate")
    generator.description(title)
    generator.language("zh-CN")
    newest = max((e["date"] for e in entries), default=dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc))
    generator.updated(newest)
    for entry in sorted(entries, key=lambda e: (e["date"], e["id"])):
        item = generator.add_entry(order="prepend")
        item.id(ids + entry["id"])
        item.title(entry["title"])
        item.link(href=base + entry["url"])
        item.published(entry["date"])
        item.updated(entry["date"])
        item.summary(entry["summary"])
    return generator.atom_str(pretty=True), generator.rss_str(pretty=True)


def record_date(record: Record, published: dt.datetime | None) -> dt.datetime:
    """When a record counts as new: its publication, else its own date at noon, China time."""
    if published is not None:
        return published
    day = record.get("date") or record.get("submitted") or record.get("term_start")
    if day is None and record.get("year"):
        day = dt.date(record.get("year"), 1, 1)
    day = day or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))
