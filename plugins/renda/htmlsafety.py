"""Unsafe HTML in record text: found in the Markdown source (with its line) and, as a backstop,
in the rendered HTML by comparing it with an allow-list cleaning (nh3). Nothing is cleaned
silently: what would have been removed is reported and stops the publication (the GOV.UK
approach: reject, don't silently clean).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

_DANGEROUS_TAGS = ("script", "iframe", "style", "object", "embed", "form", "input", "button",
                   "link", "meta", "base", "frame", "frameset", "applet", "svg", "math")
_TAG = re.compile(r"<\s*(" + "|".join(_DANGEROUS_TAGS) + r")\b", re.IGNORECASE)
_HANDLER = re.compile(r"(?:<[^>]*?|\{[:\s][^}]*?)\s(on[a-z]+)\s*=", re.IGNORECASE | re.DOTALL)
_SCRIPT_URL = re.compile(r"(?:\]\(\s*<?|^[ ]{0,3}\[[^\]]+\]:\s*<?|href\s*=\s*[\"']?|src\s*=\s*[\"']?)\s*"
                         r"(javascript|vbscript|data\s*:\s*text/html|livescript)\s*:?",
                         re.IGNORECASE | re.MULTILINE)
_ANY_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^>]*>")

#: What the rendered body of a record may contain: what Markdown and our extensions produce.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "time": {"datetime"},
    "ol": {"start"},
}
#: Python-Markdown writes table cell alignment as style="text-align: …".
_ALLOWED_STYLES = {"text-align"}


def scan_source(text: str) -> list[tuple[str, int, dict]]:
    """Unsafe HTML in Markdown source: (catalogue code, offset, message values)."""
    if ("<" not in text and "{" not in text and "](" not in text and "]:" not in text
            and "href" not in text and "src" not in text):
        return []  # no tag, attribute list, link or link attribute: nothing to look at
    found = []
    for match in _TAG.finditer(text):
        found.append(("H01", match.start(), {"tag": match.group(1).lower()}))
    for match in _HANDLER.finditer(text):
        found.append(("H02", match.start(1), {"attribute": match.group(1).lower()}))
    for match in _SCRIPT_URL.finditer(text):
        scheme = re.sub(r"\s+", "", match.group(1).lower())
        found.append(("H03", match.start(1), {"scheme": scheme if ":" in scheme else scheme + ":"}))
    return sorted(found, key=lambda item: item[1])


def tag_in(text: str) -> str | None:
    """The first HTML tag in a one-line value (a title), if any."""
    match = _ANY_TAG.search(text)
    return match.group(0) if match else None


def clean(html: str) -> str:
    """``html`` through the allow-list."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     filter_style_properties=_ALLOWED_STYLES, link_rel=None,
                     url_schemes={"http", "https", "mailto", "tel"})


def removed_by_cleaning(html: str) -> list[str]:
    """What cleaning would remove from ``html``: tags, attributes, URL schemes (sorted)."""
    cleaned = clean(html)
    if cleaned == html:
        return []  # the usual case: the allow-list changed nothing
    before, after = _Inventory(), _Inventory()
    before.feed(html)
    after.feed(cleaned)
    return sorted(before.items - after.items)


class _Inventory(HTMLParser):
    """The set of tags and tag-attribute pairs (with URL schemes) in a piece of HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.items.add(f"<{tag}>")
        for name, value in attrs:
            self.items.add(f"<{tag} {name}>")
            if name in ("href", "src") and value and ":" in value.split("/")[0]:
                self.items.add(f"<{tag} {name}={value.split(':')[0].strip().lower()}:>")

    handle_startendtag = handle_starttag
