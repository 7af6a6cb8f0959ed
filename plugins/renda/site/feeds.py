"""Atom and RSS feeds: new records and corrections, site-wide and per deputy.

Entries are dated by publication (the merge that brought a record into ``main``) when the
history is known, else by the record's own date. Links are absolute when the site has a
``site_url``, else site-relative.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from ..core.record import Record
from ..core.schema import RECORD_TYPES


@dataclass
class Made:
    """The entries the feeds of one build made, to take again: a record is in the feed of
    every deputy it names."""

    #: A record's entry, by its file.
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: feedgen's entries, by their Atom id (which holds the site's address, as their links do).
    items: dict[str, FeedEntry] = field(default_factory=dict)


def feed(title: str, feed_id: str, entries: list[dict], site_url: str | None) -> tuple[bytes, bytes]:
    """One feed as (Atom, RSS). Each entry: id, title, url, date (aware datetime), summary."""
    generator = _generator(title, feed_id, entries, site_url)
    return generator.atom_str(pretty=True), generator.rss_str(pretty=True)


def atom_feed(title: str, feed_id: str, entries: list[dict], site_url: str | None,
              made: dict[str, FeedEntry] | None = None) -> bytes:
    """One feed as Atom only (a deputy's or a suggestion's: drawing RSS too was half the work).
    ``made``: the entries made for other feeds, by Atom id, to take again."""
    return _generator(title, feed_id, entries, site_url, made).atom_str(pretty=True)


def _generator(title: str, feed_id: str, entries: list[dict], site_url: str | None,
               made: dict[str, FeedEntry] | None = None) -> FeedGenerator:
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
        item = made.get(ids + entry["id"]) if made is not None else None
        if item is None:
            item = FeedEntry()
            item.id(ids + entry["id"])
            item.title(entry["title"])
            item.link(href=base + entry["url"])
            item.published(entry["date"])
            item.updated(entry["date"])
            item.summary(entry["summary"])
            if made is not None:
                made[ids + entry["id"]] = item
        generator.add_entry(item, order="prepend")
    return generator


def record_date(record: Record, published: dt.datetime | None) -> dt.datetime:
    """When a record counts as new: its publication, else its own date at noon, China time."""
    if published is not None:
        return published
    day = record.get("date") or record.get("submitted") or record.get("term_start")
    if day is None and record.get("year"):
        day = dt.date(record.get("year"), 1, 1)
    day = day or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def record_entry(view, record: Record, published) -> dict[str, Any]:
    """A feed entry for a new record (``view`` is a ``View``; dated by publication when known)."""
    return {"id": f"{record.type}/{record.id}", "title": view.corpus.title(record),
            "url": f"{record.type}/{record.id}/", "date": record_date(record, published),
            "summary": f"{RECORD_TYPES[record.type].section}：{view.corpus.title(record)}"}


def correction_entry(view, correction) -> dict[str, Any]:
    """A feed entry for a correction to a published record."""
    record = correction.record
    what = "、".join(f.label or f.key for f in correction.fields) + ("、正文" if correction.body else "")
    return {"id": f"corrections/{correction.change.commit.hash[:12]}/{record.type}/{record.id}",
            "title": f"更正：{view.corpus.title(record)}",
            "url": f"{record.type}/{record.id}/", "date": correction.date,
            "summary": f"更正了{(what or '文件名').lstrip('、')}（版本 {short_version(correction.change.commit.hash)}）"}


def short_version(commit_hash: str) -> str:
    """The short version id shown to the public (the full one is a click away)."""
    return commit_hash[:8]


def deputy_feed(view, history, deputy: Record, site_url: str | None, made: Made | None = None) -> dict[str, bytes]:
    """A deputy's feed: new records naming them and corrections to those (``history``: ``Provenances``;
    ``made``: the entries the other deputies' feeds of the build made)."""
    made = made if made is not None else Made()
    named = [deputy] + [r for relation in view.naming("deputies") for r in view.related(relation, deputy.id)]
    entries = []
    for record in dict.fromkeys(named):
        if record.path not in made.entries:
            found = history.of(record)
            made.entries[record.path] = record_entry(view, record, found.published.date if found else None)
        entries.append(made.entries[record.path])
    named_set = set(map(id, named))
    entries += [correction_entry(view, c) for c in history.corrections if id(c.record) in named_set]
    return {f"feeds/deputies/{deputy.id}.atom": atom_feed(f"{deputy.get('name')}代表履职动态",
                                                         f"feeds/deputies/{deputy.id}", entries, site_url,
                                                         made.items)}
