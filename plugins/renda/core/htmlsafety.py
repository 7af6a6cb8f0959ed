"""Unsafe HTML in record text: found in the Markdown source (with its line) and, as a backstop,
in the rendered HTML by comparing it with an allow-list cleaning (nh3). Nothing is cleaned
silently: what would have been removed is reported and stops the publication (the GOV.UK
approach: reject, don't silently clean).
"""

from __future__ import annotations

import re
import unicodedata
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
#: In a tag or an attribute list ``{: … }``: a style, which can lay an overlay over the page.
_STYLE = re.compile(r"(?:<[A-Za-z][^>]*?|\{[:\s][^}\n]*?)\s(style)\s*=", re.IGNORECASE)
#: A class or an id, which can take the look or the place of the theme's own elements.
_CLASS_OR_ID = re.compile(r"<[A-Za-z][^>]*?\s(class|id)\s*=|\{:?[ \t]*(?:[^}\n]*?[ \t])??([.#][A-Za-z_][\w-]*)[^}\n]*\}",
                          re.IGNORECASE)
#: Something every visitor's browser would fetch from another site: an image (Markdown or
#: HTML) whose address has a host.
_REMOTE = re.compile(r"!\[[^\]\n]*\]\(\s*<?\s*(?:https?:)?//([^/\s)>\"']+)"
                     r"|<\s*img\b[^>]*?\ssrc\s*=\s*[\"']?\s*(?:https?:)?//([^/\s\"'>]+)", re.IGNORECASE)

#: What the rendered body of a record may contain: what Markdown and our extensions produce.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
ALLOWED_ATTRIBUTES = {
    "*": {"title", "lang", "dir"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "time": {"datetime"},
    "ol": {"start"},
    # The toc extension gives headings their ids (the address of a section).
    **{heading: {"id"} for heading in _HEADINGS},
}
#: Classes Markdown gives (a fenced code block's language); no other class may be written.
_ALLOWED_CLASS = re.compile(r"^language-[A-Za-z0-9_+-]+$")
for _tag in ("code", "pre"):
    ALLOWED_ATTRIBUTES[_tag] = {"class"}
#: Python-Markdown writes table cell alignment as style="text-align: …".
_ALLOWED_STYLES = {"text-align"}
#: Ids the theme and renda use for their own elements (``__drawer``, ``md-…``, ``renda-…``):
#: a heading must not take one of them.
_RESERVED_ID = re.compile(r"^(?:__|md-|renda-)", re.IGNORECASE)


def scan_source(text: str, remote_hosts: frozenset[str] = frozenset()) -> list[tuple[str, int, dict]]:
    """Unsafe HTML in Markdown source: (catalogue code, offset, message values). Images from
    ``remote_hosts`` may be shown; from any other host they are refused."""
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
    if "style" in text or "STYLE" in text:
        for match in _STYLE.finditer(text):
            found.append(("H06", match.start(1), {}))
    if "<!--" in text:
        for match in re.finditer("<!--", text):
            found.append(("H08", match.start(), {}))
    if "{" in text or "class" in text or "id" in text:
        for match in _CLASS_OR_ID.finditer(text):
            if match.group(1):
                found.append(("H09", match.start(1), {"what": match.group(1).lower()}))
            else:
                what = "class" if match.group(2).startswith(".") else "id"
                found.append(("H09", match.start(2), {"what": f"{what}（{match.group(2)}）"}))
    if "//" in text:
        for match in _REMOTE.finditer(text):
            host = (match.group(1) or match.group(2)).lower()
            if host not in remote_hosts:
                found.append(("H07", match.start(1) if match.group(1) else match.start(2), {"host": host}))
    return sorted(found, key=lambda item: item[1])


def tag_in(text: str) -> str | None:
    """The first HTML tag in a one-line value (a title), if any."""
    match = _ANY_TAG.search(text)
    return match.group(0) if match else None


def clean(html: str, remote_hosts: frozenset[str] = frozenset()) -> str:
    """``html`` through the allow-list: no comments, no class, ids only on headings (and
    none of the theme's), table alignment the only style, images only from this site or
    ``remote_hosts``."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "id" and _RESERVED_ID.match(value):
            return None
        if attribute == "src" and _host(value) not in remote_hosts | {None}:
            return None
        if attribute == "class":
            return " ".join(word for word in value.split() if _ALLOWED_CLASS.match(word)) or None
        return value

    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     filter_style_properties=_ALLOWED_STYLES, link_rel=None,
                     url_schemes={"http", "https", "mailto", "tel"}, attribute_filter=keep,
                     strip_comments=True)


def removed_by_cleaning(html: str, remote_hosts: frozenset[str] = frozenset()) -> list[str]:
    """What cleaning would remove from ``html``: tags, attributes and their values (URL
    schemes and hosts, style properties, classes, ids), comments (sorted)."""
    cleaned = clean(html, remote_hosts)
    if cleaned == html:
        return []  # the usual case: the allow-list changed nothing
    before, after = _Inventory(), _Inventory()
    before.feed(html)
    after.feed(cleaned)
    return sorted(before.items - after.items)


def _host(address: str) -> str | None:
    """The host an address would make the browser contact (None: this site)."""
    address = address.strip()
    match = re.match(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:)?//([^/?#]*)", address)
    return match.group(1).lower() if match else None


class _Inventory(HTMLParser):
    """The set of tags and tag-attribute pairs (with URL schemes and hosts, style properties,
    class names and ids) and comments in a piece of HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.items.add(f"<{tag}>")
        for name, value in attrs:
            self.items.add(f"<{tag} {name}>")
            if name in ("href", "src") and value and ":" in value.split("/")[0]:
                self.items.add(f"<{tag} {name}={value.split(':')[0].strip().lower()}:>")
            if name == "src" and value and _host(value) is not None:
                self.items.add(f"<{tag} src=//{_host(value)}>")
            elif name == "style" and value:
                for declaration in value.split(";"):
                    if declaration.strip():
                        self.items.add(f"<{tag} style={declaration.split(':')[0].strip().lower()}>")
            elif name == "class" and value:
                for word in value.split():
                    self.items.add(f"<{tag} class={word}>")
            elif name == "id" and value:
                self.items.add(f"<{tag} id={value}>")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.items.add("<!-- -->")


def may_render_unsafe(markdown: str) -> bool:
    """Whether Markdown could render to anything beyond Markdown's own tags and attributes
    (all on the allow-list): raw HTML or autolinks (<), attribute lists ({), links and
    images with their addresses (](, ]:), character references (&), a heading that could take
    one of the theme's ids (__, md-, renda-). Only then is the rendered HTML checked again.
    A heading's id is its text made a slug (as the toc extension does: normalised to ASCII,
    punctuation dropped, spaces joined by -), so the text is looked at as that slug:
    "# _:_1" has the id __1."""
    if "<" in markdown or "{" in markdown or "](" in markdown or "]:" in markdown or "&" in markdown:
        return True
    slug = unicodedata.normalize("NFKD", markdown).encode("ascii", "ignore").decode("ascii")
    if "_" not in slug and "d" not in slug and "D" not in slug:
        return False  # no __, md- or renda- can come of it (making a slug only takes away)
    slug = re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", slug))
    return "__" in slug or _THEME_ID_WORD.search(slug) is not None


_THEME_ID_WORD = re.compile(r"(?:md|renda)-", re.IGNORECASE)
