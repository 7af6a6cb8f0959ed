"""The last gate, on the output: every published byte is looked at before the site goes out.

The checks on the records (reader, schema, personal-data and HTML scans) are the first gate;
they will always miss a case — a number split by Markdown emphasis (``138**0013**8000``) is
no number in the source and one on the page. So, before the staged site replaces ``site/``,
every file of it that came from the records or ``docs/`` — pages, data files, feeds, the
search index, calendars, and the members of ZIP and Office files — is scanned:

* for ID numbers, mobile numbers and bank cards, on the text as a browser shows it (tags
  taken out, inline ones without a gap, character references decoded, spaces folded), in
  element text and in the attributes people see or follow (``title``, ``alt``, ``href``…);
* for the ids (``activities/2024-05-01``) and the distinctive text (runs of ten and more
  characters, eight of them Chinese, found in no shown record) of every record this build
  does not show.

Any hit stops the build naming the file, the finding (masked) and the record it came from.
What the gate does not do: read inside PDF files and images (attachments, printed dossiers:
the dossiers are printed from pages it has scanned), or judge landlines, e-mail addresses and
street addresses, which the input scan reports as warnings for a person to decide. The
theme's own files (Material's scripts and styles, renda's assets) are not records and are
not scanned.

It has to be quick (≤ 5 % of a build): files are checked as they are made, from the bytes in
memory — a generated page's layout where it is made and its body when MkDocs has rendered it
(when the two can be read apart, see ``OutputGate.apart``), any other page whole, a data file
when it is written — and at the end only what nobody handed over is read from the staging
folder. A prefilter (RE2, a
linear-time regular expression engine) finds the few files with eleven digits or more close
together — tags, character references and zero-width characters between them counted as
nothing — and only those get the full, slower reading, unless every such run is a number the
site may publish (the office's telephone in each page's footer) written plainly and standing
alone. Plain Python: the MkDocs adapter hands it the files.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import ahocorasick_rs
import re2

from ..core import privacy
from ..core.forking import Forked
from ..core.record import Record
from ..core.schema import RECORD_TYPES
from ..core.view import View

#: Inline elements: a browser shows the text on both sides as one run, so do we.
_INLINE_NAMES = ("a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small"
                 "|span|strike|strong|sub|sup|time|tt|u|var|wbr")
_INLINE = re.compile(rf"</?(?:{_INLINE_NAMES})(?:\s[^>]*)?/?>", re.IGNORECASE)
#: Any other tag, comment or declaration: a gap between texts (a table cell, a paragraph).
_TAG = re.compile(r"<[^>]*>")
#: Attributes whose values a visitor sees or follows.
_SHOWN_ATTRIBUTES = re.compile(r"""\s(?:title|alt|content|href|src|aria-label|value|placeholder|label|summary|"""
                               r"""data-[\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_GAP = " | "

# The prefilter, on bytes: eleven digits (ASCII, full-width or written as character
# references), each from the next at most three separators apart (spaces of any kind, line
# breaks, . - ( ) / _ and their full-width forms, any character reference or JSON escape),
# where inline tags, zero-width characters and folded lines count as nothing. Whatever the
# full reading can find (a mobile number has eleven digits, ID and card numbers more) it
# finds too; dates, times and the numbers of a table's cells it leaves alone.
_PRE_DIGIT = (rb"(?:[0-9]|\xef\xbc[\x90-\x99]|&#0*(?:4[89]|5[0-7]|6529[6-9]|6530[0-5]);?"
              rb"|&#[xX]0*(?:3[0-9]|[fF][fF]1[0-9]);?)")
_PRE_FREE = (rb"(?:</?(?i:" + _INLINE_NAMES.encode() + rb")(?:\s[^>]*)?/?>"
             rb"|\xe2\x80[\x8b-\x8d]|\xe2\x81\xa0|\xef\xbb\xbf|\xc2\xad|\xe1\xa0\x8e"
             rb"|&#0*(?:8203|8204|8205|8288|65279|173|6158);?|&#[xX]0*(?:200[bBcCdD]|2060|[fF][eE][fF][fF]|[aA][dD]|180[eE]);?"
             rb"|&(?:shy|zwj|zwnj);|\r?\n[ \t])")
_PRE_UNIT = (rb"[\t\n\v\f\r \x1c-\x1f.\-()/_*~`]|\xc2[\x85\xa0]|\xe1\x9a\x80|\xe2\x80[\x80-\xaf]"
             rb"|\xe2\x81\x9f|\xe2\x88\x92|\xe3\x80\x80|\xef\xb9\xa3|\xef\xbc[\x88\x89\x8a\x8d\x8e\x8f\xbf]|\xef\xbd\x9e"
             rb"|&[#0-9A-Za-z]{1,10};")


def _compiled(pattern: bytes):
    options = re2.Options()
    options.encoding = re2.Options.Encoding.LATIN1  # byte by byte: the pattern spells UTF-8 out
    options.max_mem = 64 << 20
    return re2.compile(pattern, options)


def _joined(unit: bytes) -> bytes:
    """What may stand between two digits of one number."""
    return _PRE_FREE + rb"*(?:(?:" + unit + rb")" + _PRE_FREE + rb"*){0,3}"


#: What stands between digits, by kind of file: in a table or a calendar a line break ends a
#: row or a property; in JSON a string's escapes (``\n``, ``\u3000``) are one character each,
#: in a calendar a text's escapes (``\n``, ``\,``) too.
_UNITS = {"text": _PRE_UNIT, "lines": _PRE_UNIT.replace(rb"\t\n\v\f\r \x1c-\x1f", rb"\t "),
          "json": _PRE_UNIT + rb"|\\(?:u[0-9A-Fa-f]{4}|.)",
          "ics": _PRE_UNIT.replace(rb"\t\n\v\f\r \x1c-\x1f", rb"\t ") + rb"|\\[nN,;\\]"}
_PREFILTERS = {kind: _compiled(_PRE_DIGIT + rb"(?:" + _joined(unit) + _PRE_DIGIT + rb"){10}")
               for kind, unit in _UNITS.items()}
#: What the prefilter would take as the same number going on after a digit.
_CONTINUES = {kind: _compiled(_joined(unit) + _PRE_DIGIT) for kind, unit in _UNITS.items()}
#: A number written plainly: ASCII digits, up to three spaces, hyphens or brackets between.
_PLAIN_NUMBER = re.compile(rb"[0-9](?:[ ()\-]{0,3}[0-9])*")
#: Files looked at together: up to this many at once (a batch with a finding is read again).
_BATCH = 64
_LINES = (".csv", ".tsv")
_GEOMETRY = re.compile(rb'\s(?:d|points|viewBox|transform)="[^"]*"')
_MARKUP = {".html", ".htm", ".xml", ".svg", ".atom", ".rss", ".xhtml"}
_TEXT = {".csv", ".tsv", ".txt", ".md", ".ics", ".css", ".js", ".yml", ".yaml"}
_ARCHIVES = {".zip", ".xlsx", ".docx", ".pptx", ".odt", ".ods", ".odp", ".wps", ".et"}
#: A distinctive run of a record's text: Chinese characters, letters and digits, none of which
#: HTML, JSON or CSV ever escape, so the run is found as written.
_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{10,}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ID_TAIL = re.compile(rb"[A-Za-z0-9_\-\x80-\xff]|\.(?!json\b|atom\b|rss\b|ics\b|html\b|md\b)")
_KIND_NAMES = {"id": "身份证号", "mobile": "手机号码", "card": "银行卡号"}


@dataclass(frozen=True, order=True)
class Leak:
    """Something the output gate stopped: in which file, what (masked), and where from."""

    file: str
    what: str
    source: str = ""

    def format(self) -> str:
        where = f"（来自 {self.source}）" if self.source else ""
        return f"{self.file}: {self.what}{where}"


@dataclass
class Needles:
    """What one build's output is searched for, prepared from the records once (plain data,
    so that a second process can prepare it while the build plans its pages)."""

    #: The office's published telephone numbers.
    office_phones: frozenset[str]
    #: Numbers a shown record may publish: office contacts with a stated reason.
    allowed: set[str]
    #: (bytes, what, is an id, record file) of every record the build does not show.
    patterns: list[tuple[bytes, str, bool, str]]

    def not_in(self, site_text: str) -> Needles:
        """These needles less the runs of unshown records' text that ``site_text`` (the
        site's own pages) holds too: an example or a standard phrase is not distinctive.
        The same as giving ``needles`` the text (no run holds a line break): the records are
        looked at before the site's pages are known, the pages then."""
        runs = [pattern for pattern, _, is_id, _ in self.patterns if not is_id]
        if not (runs and site_text):
            return self
        seen = {runs[index] for index, _, _ in ahocorasick_rs.BytesAhoCorasick(runs).find_matches_as_indexes(
            site_text.encode(), overlapping=True)}
        return Needles(self.office_phones, self.allowed,
                       [pattern for pattern in self.patterns if pattern[2] or pattern[0] not in seen])


def needles(records: list[Record], view: View, office_phones: frozenset[str] = frozenset(),
            site_text: str = "") -> Needles:
    """The needles of a build showing ``view`` of ``records``. ``site_text``: the site's own
    pages (``docs/``); a run of an unshown record's text that they hold too (an example, a
    standard phrase) is not distinctive."""
    shown = [r for r in records if view.shows(r)]
    hidden = [r for r in records if not view.shows(r) and r.data]
    allowed = set(office_phones)
    for record in shown:
        if record.get("allow_personal_data"):
            for text in _texts(record):
                allowed.update(digits for kind, digits in privacy.scan_shown(text)
                               if kind in privacy.OFFICE_CONTACT)
    patterns: list[tuple[bytes, str, bool, str]] = []
    for record in hidden:
        patterns.append((f"{record.type}/{record.id}".encode(),
                         f"未公开的{RECORD_TYPES[record.type].label}记录 {record.type}/{record.id} 的链接或编号",
                         True, record.path))
    runs: dict[str, Record] = {}
    for record in hidden:
        for text in _texts(record):
            for run in _RUN.findall(text):
                if len(_CJK.findall(run)) >= 8:  # not a date, a number or a word
                    runs.setdefault(run, record)
    if runs:
        public = "\n".join(text for record in shown for text in _texts(record)) + "\n" + site_text
        candidates = list(runs)
        # on bytes: three times as quick as on text, which counts its matches in characters
        seen = {candidates[index] for index, _, _ in ahocorasick_rs.BytesAhoCorasick(
            [run.encode() for run in candidates]).find_matches_as_indexes(public.encode(), overlapping=True)}
        for run, record in runs.items():
            if run not in seen:
                patterns.append((run.encode(), f"未公开的{RECORD_TYPES[record.type].label}记录 "
                                 f"{record.type}/{record.id} 的文字“{run[:6]}…”", False, record.path))
    return Needles(frozenset(office_phones), allowed, patterns)


class OutputGate:
    """The checks of one build's output, with its ``needles``."""

    def __init__(self, needles: Needles):
        self.office_phones, self.allowed, self.patterns = needles.office_phones, needles.allowed, needles.patterns
        self.matcher = (ahocorasick_rs.BytesAhoCorasick([p for p, _, _, _ in self.patterns])
                        if self.patterns else None)
        #: Seconds spent checking files handed over (for the build's timings).
        self.seconds = 0.0
        #: (CRC-32, size) of the files scanned: a ZIP member with the same is not read again.
        self.scanned: set[tuple[int, int]] = set()
        #: Plain runs of digits found to hold only allowed numbers (see _only_allowed_numbers).
        self.harmless: dict[bytes, bool] = {}

    # Files -------------------------------------------------------------------------------

    def check(self, name: str, data: bytes, source: str = "") -> list[Leak]:
        """Leaks in one output file ``name`` (its path in the site) made from ``source``; for
        a generated page, ``data`` may be its content without the theme's frame (see the
        MkDocs adapter)."""
        return self.check_many([(name, data, source)])

    def check_many(self, items: list[tuple[str, bytes, str]]) -> list[Leak]:
        """Leaks in several files (name, bytes, source). Files of a kind are looked at
        together, a batch at a time, with the prefilter and the hidden records' patterns;
        only a batch where either finds something is read file by file."""
        leaks: list[Leak] = []
        batches: dict[str, list[tuple[str, bytes, str]]] = {}
        for name, data, source in items:
            suffix = os.path.splitext(name)[1].lower()
            if suffix == ".gz":
                leaks += self.check(name[:-3], gzip.decompress(data), source)
            elif suffix in _ARCHIVES:
                leaks += self._archive(name, data, source)
            elif suffix in _MARKUP or suffix in _TEXT or suffix == ".json":
                if suffix in _MARKUP and b' d="' in data:
                    data = _GEOMETRY.sub(b"", data)  # an icon's outline is numbers nobody reads
                kind = ("json" if suffix == ".json" else "ics" if suffix == ".ics" else
                        "lines" if suffix in _LINES else "text")
                batch = batches.setdefault(kind, [])
                batch.append((name, data, source))
                if len(batch) >= _BATCH:
                    leaks += self._batch(kind, batches.pop(kind))
        for kind, batch in batches.items():
            leaks += self._batch(kind, batch)
        return leaks

    def _batch(self, kind: str, batch: list[tuple[str, bytes, str]]) -> list[Leak]:
        joined = b"\x00".join(data for _, data, _ in batch) if len(batch) > 1 else batch[0][1]
        if self._only_allowed_numbers(kind, joined) and (
                self.matcher is None or not self.matcher.find_matches_as_indexes(joined)):
            return []
        leaks = []
        for name, data, source in batch:
            leaks += self._hidden_records(name, data, source)
            if not self._only_allowed_numbers(kind, data):
                leaks += self._personal_data(name, data, source)
        return leaks

    def _only_allowed_numbers(self, kind: str, data: bytes) -> bool:
        """Whether every run of digits the prefilter finds in ``data`` is a number this build
        may publish, written plainly and standing alone (the office's telephone in every
        page's footer): then the full reading would find nothing, and is spared. Any other
        run, or one that the prefilter would take as going on, is left to the full reading."""
        prefilter, position = _PREFILTERS[kind], 0
        while (window := prefilter.search(data, position)) is not None:
            run = _PLAIN_NUMBER.match(data, window.start())
            if run is None or run.end() < window.end() or _CONTINUES[kind].match(data, run.end()) is not None:
                return False
            if not self._allowed_alone(run.group()):
                return False
            position = run.end()
        return True

    def apart(self, body: str, layout: str, marker: str) -> bool:
        """Whether a page's body may be checked apart from its layout (``marker`` where the
        body goes), the layout being checked with the marker, a comment, as a gap (as the
        MkDocs adapter does with a generated page): the marker is outside the layout's tags,
        the body stands apart from the text around it (``stands_apart``), holds no number
        the full reading would look at but those the site may publish, and no word that
        makes a number around it a bank card's. Then all the full reading finds in the
        page, it finds in the one or the other."""
        return self.layout_apart(layout, marker) and self.body_apart(body)

    @staticmethod
    def layout_apart(layout: str, marker: str) -> bool:
        """The layout's half of ``apart``: the marker is in the layout, outside its tags."""
        at = layout.find(marker)
        return at >= 0 and layout.rfind("<", 0, at) <= layout.rfind(">", 0, at)

    def body_apart(self, body: str) -> bool:
        """The body's half of ``apart``."""
        return (stands_apart(body) and self._only_allowed_numbers("text", body.encode("utf-8", "xmlcharrefreplace"))
                and not (privacy.may_name_an_account(body) and privacy.names_an_account(_markup_text(body))))

    def _allowed_alone(self, run: bytes) -> bool:
        """A plain run of digits whose number is allowed and in which the full reading finds
        nothing else (an allowed landline may hold a mobile number after a space)."""
        if run not in self.harmless:
            text = run.decode("ascii")
            self.harmless[run] = re.sub(r"\D", "", text) in self.allowed and not any(
                digits not in self.allowed for _, digits in privacy.scan_shown(text, self.office_phones))
        return self.harmless[run]

    def _personal_data(self, name: str, data: bytes, source: str) -> list[Leak]:
        """ID, mobile and bank card numbers in one file, read as it is shown."""
        suffix = os.path.splitext(name)[1].lower()
        text = data.decode("utf-8", "replace")
        if suffix == ".json":
            text = _json_text(text)
        elif suffix == ".ics":  # folded lines joined; each property apart
            text = text.replace("\r\n ", "").replace("\n ", "").replace("\\n", " ").replace("\\,", ",")
            text = text.replace("\n", _GAP)
        elif suffix in (".csv", ".tsv"):  # rows apart, as the cells of a spreadsheet are
            text = text.replace("\n", _GAP)
        # Any text may end up shown as HTML (a record's body in the API, a cell pasted into a
        # page), so every file is read as a browser would read it.
        shown = _markup_text(text)
        return [Leak(name, f"{_KIND_NAMES[kind]} {privacy.mask(digits)}", source)
                for kind, digits in privacy.scan_shown(shown, self.office_phones) if digits not in self.allowed]

    def _hidden_records(self, name: str, data: bytes, source: str = "") -> list[Leak]:
        if self.matcher is None:
            return []
        leaks = []
        for index, start, end in self.matcher.find_matches_as_indexes(data, overlapping=True):
            _, what, is_id, record = self.patterns[index]
            if is_id and (start > 0 and data[start - 1:start] not in b'/"\'>= \n:#' or _ID_TAIL.match(data, end)):
                continue  # part of a longer id or word
            leaks.append(Leak(name, what, record))
        return leaks

    def _archive(self, name: str, data: bytes, source: str) -> list[Leak]:
        leaks = []
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            return [Leak(name, "无法打开的压缩文件，不能确认其中没有个人信息", source)]
        with archive:
            for member in archive.infolist():
                if member.is_dir() or (member.CRC, member.file_size) in self.scanned:
                    continue  # the same bytes were scanned as a file of the site already
                leaks += self.check(f"{name}!{member.filename}", archive.read(member), source)
        return leaks

    # What nobody handed over --------------------------------------------------------------

    def check_folder(self, root: str | Path, skip: set[str] = frozenset()) -> list[Leak]:
        """Leaks in every file under ``root`` but those in ``skip`` (the theme's own files and
        the files checked already)."""
        files = {}
        for rel in _files_under(str(root)):
            if rel not in skip:
                with open(os.path.join(root, rel), "rb") as handle:
                    files[rel] = handle.read()
        return sorted(set(self.check_files(files)))

    def check_files(self, files: dict[str, bytes], source: str = "") -> list[Leak]:
        """Leaks in files made together (a writer's data files), archives last: a member
        that repeats one of the files is not read again."""
        archives = [name for name in files if os.path.splitext(name)[1].lower() in _ARCHIVES]
        others = [(name, data, source) for name, data in files.items() if name not in archives]
        for _, data, _ in others:
            self.remember(data)
        return self.check_many(others) + self.check_many([(name, files[name], source) for name in archives])

    def remember(self, data: bytes) -> None:
        """Note a file's bytes as checked: a ZIP member with the same bytes is not read again."""
        self.scanned.add((zlib.crc32(data), len(data)))


def stands_apart(html: str) -> bool:
    """Whether a piece of HTML put into a page (a page's body into its layout) is read apart
    from the text around it: it begins and ends with a tag that is a gap (not an inline one),
    so no text of the page runs on into it or out of it. (The ids and texts looked for hold
    no ``<``: none of them runs through its first or last tag either.)"""
    html = html.strip()
    if not (html.startswith("<") and html.endswith(">")):
        return False
    first, last = _TAG.match(html), html[html.rfind("<"):]
    return _INLINE.fullmatch(first.group()) is None and _INLINE.fullmatch(last) is None


def _files_under(root: str) -> list[str]:
    """The paths (``/`` separated, relative to ``root``) of every file under ``root``; links
    are listed, never followed. A site has a folder a page: listing them is most of the time
    it takes to look at a site, so a second process lists half of the folders two levels down."""
    found: list[str] = []

    def walk(path: str, prefix: str, depth: int, deeper: list[tuple[str, str]] | None) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                if not entry.is_dir(follow_symlinks=False):
                    found.append(prefix + entry.name)
                elif deeper is not None and depth == 2:
                    deeper.append((entry.path, prefix + entry.name + "/"))
                else:
                    walk(entry.path, prefix + entry.name + "/", depth + 1, deeper)

    folders: list[tuple[str, str]] = []
    walk(root, "", 1, folders)

    def half(start: int) -> list[str]:
        found.clear()
        for path, prefix in folders[start::2]:
            walk(path, prefix, 3, None)
        return list(found)

    top = list(found)
    beside = Forked(lambda: half(1), parallel=len(folders) >= _WALK_BESIDE_FROM)
    return top + half(0) + beside.result()


#: Fewer folders than this (two levels down) are listed in one process.
_WALK_BESIDE_FROM = 2000


def _texts(record: Record) -> list[str]:
    """Every text of a record: its fields' strings and its body."""
    found: list[str] = []
    _strings(record.data, found)
    if record.body:
        found.append(record.body)
    return found


def _strings(value, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, out)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out)


def _markup_text(text: str) -> str:
    """Markup as a browser shows it, in one string: element text (inline elements joined,
    others apart) and the values of the attributes people see or follow."""
    attributes = _GAP.join(a or b for a, b in _SHOWN_ATTRIBUTES.findall(text)) if "=" in text else ""
    body = _TAG.sub(_GAP, _INLINE.sub("", text)) if "<" in text else text
    return body + _GAP + attributes


def _json_text(text: str) -> str:
    """A JSON document as its strings read: the escapes a string may hold decoded (quotes
    and commas between strings already keep them apart)."""
    if "\\" not in text:
        return text
    return _JSON_ESCAPE.sub(_unescape_json, text)


_JSON_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|.)")


def _unescape_json(match: re.Match) -> str:
    try:
        return json.loads(f'"{match.group(0)}"')
    except ValueError:
        return " "
