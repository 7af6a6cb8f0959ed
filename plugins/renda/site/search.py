"""Site search: an index of the shown records that a phone loads piece by piece.

Chinese is written without spaces, so the index does not guess at words: it keeps every pair
of neighbouring characters (bigram) of the text, and Latin letters and digits as words. A query
is cut the same way in the browser (``assets/renda-search.js``); a page matches when it holds
the query's pairs taken side by side (农村饮水 → 农村 + 饮水), and ranks higher the more of all
its pairs (also 村饮) it holds, in the title above all. So a phrase finds the pages that contain
it first, and pages that hold its parts apart after them.

What is written, under ``search/`` in the site:

- ``meta.json``: how many pages, and the first term of each term chunk (a few KB);
- ``t/N.json``: a chunk of terms, each with its pages: ``page id × 64 + weight``, the ids as
  gaps from the previous one; weight = 8 × title + occurrences in the text (0–7), where title
  is 0 when the title does not hold the term, else 1–7, higher for a shorter title (a short
  title that holds it is more about it);
- ``d/N.json``: eight pages each: address, title, kind and the start of the text.

A query loads ``meta.json``, the one chunk of each of its terms, and the page chunks of the
results it shows: tens of KB at 1,000 records, a few hundred at 20,000. Building it takes a
few seconds for 20,000 records and little memory; the same records give the same bytes.
"""

from __future__ import annotations

import json
import operator
import re
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path
from typing import Any, Iterable

from ..core.schema import RECORD_TYPES

#: Characters indexed as Chinese (CJK Unified Ideographs, Extension A, compatibility), all in
#: the Basic Multilingual Plane, so that Python and JavaScript order the terms alike.
_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+")
DOCS_PER_CHUNK = 8
#: A posting is ``page << SHIFT | weight``; the weight's bits: title (3), occurrences (3).
SHIFT = 6
WEIGHT = (1 << SHIFT) - 1
#: A term chunk is closed once it holds about this many bytes.
CHUNK_BYTES = 40_000
#: Characters of a page's text kept for the excerpt under a result.
EXCERPT_CHARS = 300
#: How much of a record's body opens its excerpt, before its labelled fields.
BODY_IN_EXCERPT = 100
FOLDER = "search"


def terms(text: str) -> list[str]:
    """The terms of ``text``: each pair of neighbouring Chinese characters, and each run of
    Latin letters or digits, lower-cased. A Chinese character standing alone is no term: a
    query asks for two characters at least."""
    found: list[str] = []
    for run in _RUNS.findall(text.lower()):
        if run[0] < "\u3400":
            found.append(run)
        else:
            found.extend(map(operator.add, run[:-1], run[1:]))  # each pair, in C
    return found


@dataclass
class Document:
    """One page as search sees it."""

    url: str  # relative to the site's root, e.g. ``suggestions/2025-004/``
    title: str
    kind: str  # what the page is, e.g. 建议办理, 代表
    text: str  # everything else the page says about the record
    #: The words that weigh as the title, when not the title itself (a reply's title quotes
    #: its suggestion's, which should not rank the reply with the suggestion).
    heading: str | None = None
    #: What a result shows under its title, when not ``text`` (a record's fields labelled).
    excerpt: str | None = None


class SearchIndex:
    """Pages added one by one, then written out in chunks."""

    def __init__(self, chunk_bytes: int = CHUNK_BYTES) -> None:
        self.pages: list[list[str]] = []
        self.postings: defaultdict[str, array] = defaultdict(lambda: array("I"))
        self.chunk_bytes = chunk_bytes

    def add(self, document: Document) -> None:
        number = len(self.pages)
        text = re.sub(r"\s+", " ", document.text).strip()
        shown = text if document.excerpt is None else re.sub(r"\s+", " ", document.excerpt).strip()
        self.pages.append([document.url, document.title, document.kind, shown[:EXCERPT_CHARS]])
        heading = document.title if document.heading is None else document.heading
        in_title = set(terms(heading))
        shortness = 1 + max(0, 6 - len(heading) // 5)
        counts = Counter(terms(text))
        for term in in_title:
            counts.setdefault(term, 0)
        postings, page = self.postings, number << SHIFT
        for term, count in counts.items():  # the title's weight is put in below
            postings[term].append(page | (count if count < 7 else 7))
        for term in in_title:
            postings[term][-1] |= shortness << 3

    def files(self) -> dict[str, bytes]:
        """Every file of the index: path below ``search/`` → content."""
        out: dict[str, bytes] = {}
        firsts: list[str] = []
        chunk: dict[str, list[int]] = {}
        size = 0

        def close() -> None:
            nonlocal chunk, size
            if chunk:
                out[f"t/{len(firsts) - 1}.json"] = _json(chunk)
                chunk, size = {}, 0

        for term in sorted(self.postings):
            # (page - the page before) << SHIFT | weight, which is the posting less the
            # page before it (shifted): in C, a posting at a time
            values = self.postings[term]
            gaps = list(map(operator.sub, values, map(operator.and_, chain((0,), values), repeat(~WEIGHT))))
            cost = len(term) * 3 + 6 + len(",".join(map(str, gaps))) + 1
            if not chunk or size + cost > self.chunk_bytes:
                close()
                firsts.append(term)
            chunk[term] = gaps
            size += cost
        close()
        for start in range(0, len(self.pages), DOCS_PER_CHUNK):
            out[f"d/{start // DOCS_PER_CHUNK}.json"] = _json(self.pages[start:start + DOCS_PER_CHUNK])
        out["meta.json"] = _json({"version": 1, "pages": len(self.pages), "per_chunk": DOCS_PER_CHUNK,
                                  "shift": SHIFT,
                                  "chunks": firsts})
        return out

    def write(self, site_dir: str | Path) -> int:
        """Write the index into ``site_dir/search/``; returns the number of files."""
        files = self.files()
        for path, data in files.items():
            target = Path(site_dir) / FOLDER / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return len(files)


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


#: Fields a record's page does not show as text: not searched.
_UNSEARCHED = ("id", "title", "disclosure", "allow_personal_data")


def record_text(view, record, references: Iterable[tuple[str, str]]) -> str:
    """What a record's page says besides its title: its body (first) and its field values,
    with the names of the deputies and records it refers to, not their ids."""
    return record_texts(view, record, references)[0]


def record_texts(view, record, references: Iterable[tuple[str, str]]) -> tuple[str, str]:
    """The words a record is found by (``record_text``) and the excerpt a result shows: the
    body, then each field as its label and values (“参加代表：张伟、李芳；主题：饮水”), so
    that field values do not run together."""
    named = dict(references)
    fields = RECORD_TYPES[record.type].field_map
    body = plain(record.body)
    parts: list[str] = [body]
    labelled: list[str] = []

    def walk(value: Any, where: str, out: list[str]) -> None:
        """The words of ``value`` onto ``parts``, and as shown onto ``out``: an item with
        fields as its first value and the others in brackets, “村口路灯损坏（已转交，城建办）”."""
        if isinstance(value, str):
            target = named.get(where)
            if target is None:
                parts.append(value)
                out.append(value)
                return
            shown = view.get(target, value)
            if shown is not None:
                parts.append(view.corpus.title(shown))
                out.append(parts[-1])
        elif isinstance(value, list):
            for item in value:
                walk(item, where, out)
        elif isinstance(value, dict):
            inner: list[str] = []
            for key, item in value.items():
                walk(item, f"{where}.{key}", inner)
            if inner:
                out.append(inner[0] + (f"（{'，'.join(inner[1:])}）" if len(inner) > 1 else ""))

    for name, value in record.data.items():
        if name not in _UNSEARCHED:
            values: list[str] = []
            walk(value, name, values)
            if values:
                label = fields[name].label if name in fields else name
                labelled.append(f"{label}：{'、'.join(values)}")
    # The body's start, then the fields: a name or a unit found in a field shows in its place.
    opening = re.sub(r"\s+", " ", body).strip()
    opening = opening if len(opening) <= BODY_IN_EXCERPT else opening[:BODY_IN_EXCERPT] + "…"
    return "\n".join(parts), (opening + " " if opening else "") + "；".join(labelled)


_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}|>|[-*+]|\d+\.)\s+|!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|\|", re.M)
_EMPHASIS = re.compile(r"[*_`]+")


def plain(markdown: str) -> str:
    """Markdown as the words a reader sees: no heading marks, emphasis, link targets or tags."""
    return _EMPHASIS.sub("", _MARKUP.sub(lambda m: m.group(1) or " ", markdown))


def site_index(view, url_of, pages: Iterable[tuple[str, str, str]]) -> SearchIndex:
    """The index of a site: every shown record (found by its page's ``url_of(record)``), then
    the site's own pages, given as (url, title, Markdown text). Records are indexed from the
    view, never from their pages: nothing a page does not show can be found."""
    index = SearchIndex()
    for rtype, spec in RECORD_TYPES.items():
        for record in view.records(rtype):
            heading = f"答复 {record.get('handler') or ''}" if rtype == "replies" else None
            kind = record.get("kind") if rtype == "suggestions" and record.get("kind") else spec.section
            text, excerpt = record_texts(view, record, spec.references)
            index.add(Document(url_of(record), view.corpus.title(record), kind, text, heading, excerpt))
    for url, title, text in pages:
        index.add(Document(url, title, "说明", plain(text)))
    return index
