"""A strict front-matter reader on PyYAML's C parser that never loses data.

python-frontmatter (and ``yaml.safe_load``) resolve scalars by YAML 1.1 rules (``no`` becomes
False, ``010`` becomes 8, ``14:30`` becomes 870), let a duplicate key silently overwrite the
first, and forget where each key was written. This reader works on the parser's events
instead: every scalar stays the text the staff member typed (the schema types it later), every
node keeps its file line and column, and anything surprising (duplicate keys, anchors, aliases,
tags, tabs, full-width colons, GBK files, unclosed headers, oversize or deeply nested input) is
a ``Problem`` with its line, never a crash or a silent ``{}``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Union

import yaml

from .catalogue import make
from .problems import Problem

try:  # libyaml's C parser is ~20x faster; the pure-Python one gives the same events.
    _Parser = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = yaml.SafeLoader

#: What a plain (unquoted) scalar may be written as to mean "nothing".
NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_FULLWIDTH_KEY = re.compile(r"^[ \u3000]*(?:- )?([A-Za-z_][A-Za-z0-9_]*)[ \u3000]*：")
_FENCE = re.compile(r"^---[ \t]*$")
_FENCE_LINE = re.compile(r"^---[ \t]*$", re.M)
_CONFLICT = re.compile(r"^<{7}(?: |$)")
#: A line that ends a YAML document (a header closed by it loses the fields after it).
_DOCUMENT_END = re.compile(r"^\.\.\.[ \t]*$")
#: Right after the header, a line that still looks like part of it: another fence or document
#: end, or a ``key: value`` field (keys are lower-case English, body text rarely is).
_LOOKS_LIKE_HEADER = re.compile(r"^(?:---|\.\.\.)[ \t]*$|^[a-z][a-z_]*[ \t]*[:：](?:[ \t]|$)")
#: Anywhere in the body: a disclosure field that missed the header (the record would be public).
_DISCLOSURE_IN_BODY = re.compile(r"^[ \t]*disclosure[ \t]*[:：]", re.M)
#: Characters that make a page show something other than the file says: bidirectional
#: overrides and isolates (U+202A–U+202E, U+2066–U+2069), and control characters in the body.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069]")
_BODY_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE_NAMES = {"\u202a": "从左到右嵌入", "\u202b": "从右到左嵌入", "\u202c": "方向格式结束",
                    "\u202d": "从左到右强制", "\u202e": "从右到左强制", "\u2066": "从左到右隔离",
                    "\u2067": "从右到左隔离", "\u2068": "方向隔离", "\u2069": "方向隔离结束"}


@dataclass(slots=True)
class Node:
    """A YAML node as written: ``value`` is text, a list of nodes or a dict of nodes.

    ``line`` and ``column`` are 1-based positions in the file. For a scalar, ``plain`` tells
    whether it was written without quotes (only a plain scalar can mean "empty").
    """

    kind: str  # "scalar", "sequence" or "mapping"
    value: Union[str, list["Node"], dict[str, "Node"]]
    line: int
    column: int
    plain: bool = False
    key_lines: dict[str, tuple[int, int]] | None = None  # for a mapping: (line, column) of each key

    @property
    def is_null(self) -> bool:
        """True for an empty or ``null`` plain scalar (``key:`` with nothing after it)."""
        return self.kind == "scalar" and self.plain and self.value in NULLS


@dataclass(slots=True)
class Document:
    """One Markdown file split into its header (``None`` when unreadable) and body."""

    path: str
    header: Node | None
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)


def read_file(path, display: str, limits: dict[str, int]) -> Document:
    """Read ``path`` from disk; problems are reported against ``display`` (the shown path)."""
    data = read_at_most(path, limits.max_file_bytes)
    if len(data) > limits.max_file_bytes:
        size = _file_size(path)
        return Document(display, None, problems=[
            make("R01", display, 1, 1, size=size, limit=limits.max_file_bytes)])
    return read_bytes(data, display, limits)


def read_at_most(path, limit: int) -> bytes:
    """The file's bytes, or its first ``limit + 1`` when it is longer: an oversize file is
    never read whole. The file's size is asked first, so that no buffer of ``limit`` bytes
    is made for a file of a few (that took twice as long as the reading itself)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        data = os.read(fd, min(os.fstat(fd).st_size, limit) + 1)
        while len(data) <= limit:  # till the end, should the file have grown since
            more = os.read(fd, min(limit + 1 - len(data), 1 << 16))
            if not more:
                return data
            data += more
        return data
    finally:
        os.close(fd)


def read_bytes(data: bytes, display: str, limits: dict[str, int]) -> Document:
    """Decode ``data`` (UTF-8, with or without BOM) and read it as a record file."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if _looks_like_gbk(data):
            return Document(display, None, problems=[make("R02", display, line, 1)])
        return Document(display, None, problems=[make("R03", display, line, 1, at=line)])
    return read_text(text, display, limits)


def read_text(text: str, display: str, limits: dict[str, int]) -> Document:
    """Split ``text`` into header and body and read the header strictly."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    conflicts = [make("R17", display, number, 1, at=number)
                 for number, line in enumerate(lines, start=1) if _CONFLICT.match(line)
                 ] if "<<<<<<<" in text else []
    if conflicts:
        return Document(display, None, "", 1, conflicts)
    if not lines or not _FENCE.match(lines[0]):
        return Document(display, None, text, 1, [make("R04", display, 1, 1)])
    fence = _FENCE_LINE.search(text, len(lines[0]) + 1)
    close = text.count("\n", 0, fence.start()) if fence else None
    if close is None:
        return Document(display, None, "", 1, [make("R05", display, 1, 1)])
    header_lines = lines[1:close]
    body = "\n".join(lines[close + 1:])
    body_line = close + 2
    header_text = "\n".join(header_lines)
    doc = Document(display, None, body, body_line)
    doc.problems.extend(hidden_text(text, close, display))
    doc.problems.extend(_header_cut_short(lines, close, display))
    if not header_text.strip():
        doc.problems.append(make("R06", display, 1, 1))
        return doc
    size = len(header_text.encode("utf-8"))
    if size > limits.max_header_bytes:
        doc.problems.append(make("R16", display, 2, 1, size=size, limit=limits.max_header_bytes))
        return doc
    typing_problems = _scan_lines(header_lines, display) if "\t" in header_text or "：" in header_text else []
    doc.problems.extend(typing_problems)
    header, yaml_problems = _parse(header_text, display, limits.max_depth,
                                   header_lines if " #" in header_text or "\t#" in header_text else None)
    if typing_problems and any(p.code in ("R07", "R08") for p in yaml_problems):
        # A tab or a full-width colon is what broke the YAML: its own message says how to fix.
        yaml_problems = [p for p in yaml_problems if p.code not in ("R07", "R08")]
    doc.problems.extend(yaml_problems)
    if header is None and not doc.problems:  # only comments between the two --- lines
        doc.problems.append(make("R06", display, 1, 1))
    doc.header = header
    return doc


def hidden_text(text: str, close: int, display: str) -> list[Problem]:
    """Bidirectional overrides anywhere, control characters in the body, after line
    ``close`` (0-based; the header's are the YAML reader's to refuse): what the page shows
    would differ from what was reviewed."""
    found: list[Problem] = []
    if not _HIDDEN.search(text):  # the usual case: one scan for both kinds
        return found
    if _INVISIBLE.search(text):
        for match in _INVISIBLE.finditer(text):
            line, column = _offset_position(text, match.start())
            found.append(make("R21", display, line, column, char=f"{ord(match.group()):04X}",
                              what=_INVISIBLE_NAMES[match.group()]))
    if _BODY_CONTROL.search(text):
        body_start = sum(len(line) + 1 for line in text.split("\n", close + 1)[:close + 1]) if close >= 0 else 0
        for match in _BODY_CONTROL.finditer(text, body_start):
            line, column = _offset_position(text, match.start())
            found.append(make("R21", display, line, column, char=f"{ord(match.group()):04X}",
                              what="控制字符"))
    return found


def _header_cut_short(lines: list[str], close: int, display: str) -> list[Problem]:
    """A header that may have ended before the staff member meant it to: a document end
    (``...``) inside it, a field or another fence right after it, or a ``disclosure`` line
    in the body. Whether such a record is public cannot be read for certain, so it is an
    error, never a record published with its fields taken for text."""
    found = []
    for number in range(1, close) if any(line.startswith("...") for line in lines[1:close]) else ():
        if _DOCUMENT_END.match(lines[number]):
            found.append(make("R19", display, number + 1, 1))
    for number in range(close + 1, len(lines)):
        line = lines[number]
        if not line.strip():
            break
        if _LOOKS_LIKE_HEADER.match(line):
            found.append(make("R18", display, number + 1, 1, at=close + 1, text=_clip(line.strip())))
            number += 1
            break
    else:
        number = len(lines)
    body = "\n".join(lines[number:])
    if "disclosure" in body:
        offset = sum(len(line) + 1 for line in lines[:number])
        for match in _DISCLOSURE_IN_BODY.finditer(body):
            line, _ = _offset_position("\n".join(lines), offset + match.start())
            found.append(make("R18", display, line, 1, at=close + 1, text=_clip(lines[line - 1].strip())))
    return found


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    """File (line, column) of character ``offset`` of the whole file's text."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _scan_lines(lines: list[str], display: str) -> list[Problem]:
    """Problems YAML would report confusingly or not at all: tabs and full-width colons."""
    problems = []
    for number, line in enumerate(lines, start=2):
        if "\t" in line:
            problems.append(make("R09", display, number, line.index("\t") + 1))
        if "：" in line:
            match = _FULLWIDTH_KEY.match(line)
            if match:
                problems.append(make("R10", display, number, match.end(), field=match.group(1)))
    return problems


def _parse(text: str, display: str, max_depth: int,
           lines: list[str] | None = None) -> tuple[Node | None, list[Problem]]:
    """Build the header's node tree from parser events; the header starts at file line 2.
    ``lines`` (the header's lines) are given when a comment may cut a value short."""
    problems: list[Problem] = []
    try:
        loader = _Parser(text)  # the pure-Python reader checks characters here already
    except yaml.YAMLError as exc:
        return None, [_unreadable(exc, text, display)]
    try:
        root = _build(loader, display, max_depth, problems, lines)
    except yaml.MarkedYAMLError as exc:
        if _NESTING_LIMIT in str(exc.problem):
            return _too_deep(exc, text, display, max_depth)
        # For an unclosed quote or bracket, or a key without its colon, the parsers point at
        # the end of the text; where the construct began is the line to fix.
        starts_there = exc.context and exc.context.startswith(_POINT_AT_CONTEXT)
        mark = (exc.context_mark if starts_there else None) or exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 2
        column = mark.column + 1 if mark else 1
        problems.append(make("R08", display, line, column, detail=_explain(exc)))
        return None, problems
    except yaml.YAMLError as exc:  # the reader's errors (control characters) carry no mark
        problems.append(_unreadable(exc, text, display))
        return None, problems
    finally:
        loader.dispose()
    if root is not None and root.kind != "mapping":
        kind = "一个列表" if root.kind == "sequence" else f"一段文字“{_clip(root.value)}”"
        problems.append(make("R07", display, root.line, root.column, kind=kind))
        return None, problems
    return root, problems


#: How libyaml (bundled with PyYAML 6.0.3 and later) refuses 1,000 nested brackets; its scanner
#: reads all of them before the first event, so the reader's own, lower limit never sees them.
_NESTING_LIMIT = "exceeded maximum nesting depth"


def _too_deep(exc: yaml.MarkedYAMLError, text: str, display: str,
              max_depth: int) -> tuple[None, list[Problem]]:
    """R14 for a header nested past the parser's own limit, at the bracket that passes ours.

    Only hostile input nests a thousand levels deep. Parsing it again with the pure-Python
    parser would find that bracket too, but in time quadratic in the depth (34 s for a 64 KB
    header); counting brackets outside quotes finds it in one pass, as the events would."""
    depth, quote = 1, None  # the header itself is the first level
    for offset, char in enumerate(text):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                line, column = _position(text, offset)
                return None, [make("R14", display, line, column, limit=max_depth)]
        elif char in "]}":
            depth -= 1
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 2, mark.column + 1) if mark else (2, 1)
    return None, [make("R14", display, line, column, limit=max_depth)]


def _build(loader, display: str, max_depth: int, problems: list[Problem],
           lines: list[str] | None = None) -> Node | None:
    """Turn the event stream into nodes, iteratively (hostile nesting cannot overflow).
    With ``lines``, a plain value followed by a comment on its line is reported (R20)."""
    root: Node | None = None
    # Each frame: [node, pending key, its (line, column)]
    stack: list[list] = []
    too_deep_reported = False
    documents = 0
    get_event = loader.get_event
    Scalar, MappingStart, SequenceStart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    CollectionEnd, Alias, DocumentStart = yaml.CollectionEndEvent, yaml.AliasEvent, yaml.DocumentStartEvent
    while (event := get_event()) is not None:
        kind = event.__class__
        if kind is Scalar:
            mark = event.start_mark
            line, column = mark.line + 2, mark.column + 1
            if event.anchor is not None or event.tag is not None:
                _refuse_anchor_or_tag(event, display, line, column, problems)
            if stack and stack[-1][1] is None and stack[-1][0].kind == "mapping":
                stack[-1][1], stack[-1][2] = event.value, (line, column)  # a key: no node needed
                continue
            node = Node("scalar", event.value, line, column, not event.style)
            if lines is not None and node.plain and event.value:
                _comment_after(event, lines, display, stack, problems)
        elif kind is MappingStart or kind is SequenceStart:
            mark = event.start_mark
            line, column = mark.line + 2, mark.column + 1
            if event.anchor is not None or event.tag is not None:
                _refuse_anchor_or_tag(event, display, line, column, problems)
            if len(stack) + 1 > max_depth and not too_deep_reported:
                problems.append(make("R14", display, line, column, limit=max_depth))
                too_deep_reported = True
            if kind is MappingStart:
                stack.append([Node("mapping", {}, line, column, key_lines={}), None, None])
            else:
                stack.append([Node("sequence", [], line, column), None, None])
            continue
        elif issubclass(kind, CollectionEnd):
            node = stack.pop()[0]
        elif kind is Alias:
            mark = event.start_mark
            problems.append(make("R12", display, mark.line + 2, mark.column + 1,
                                 token=f"*{event.anchor}"))
            node = Node("scalar", "", mark.line + 2, mark.column + 1, plain=True)
        elif kind is DocumentStart:
            documents += 1
            if documents > 1:
                mark = event.start_mark
                problems.append(make("R08", display, mark.line + 2, mark.column + 1,
                                     detail="front-matter 里只能有一组字段，却出现了第二个 YAML 文档"))
                break
            continue
        else:  # stream start and end, document end
            continue
        if not stack:
            root = node
            continue
        frame = stack[-1]
        parent, key = frame[0], frame[1]
        # The usual cases inline (this loop runs for every node of every file); the rest,
        # with its problems, in _attach.
        if parent.kind == "sequence":
            parent.value.append(node)
        elif key is None and node.kind == "scalar":
            frame[1], frame[2] = node.value, (node.line, node.column)
        elif key is not None and frame[2] is not None and key not in parent.value:
            parent.value[key] = node
            parent.key_lines[key] = frame[2]
            frame[1] = None
        else:
            _attach(frame, node, display, problems)
    return root


_COMMENT_AFTER = re.compile(r"[ \t]+#")


def _comment_after(event, lines: list[str], display: str, stack: list, problems: list[Problem]) -> None:
    """R20 when `` #`` after a plain value starts a comment: ``title: 关于 #3 号建议`` is
    the title ``关于`` to YAML, and the rest would silently be lost."""
    end = event.end_mark
    if not _COMMENT_AFTER.match(lines[end.line], end.column):
        return
    if stack and stack[-1][0].kind == "mapping" and stack[-1][1] is None:
        return  # a key (``key # comment:`` is no field anyone writes)
    field = next((frame[1] for frame in reversed(stack) if frame[0].kind == "mapping" and frame[1]), "")
    problems.append(make("R20", display, end.line + 2, end.column + 1, field=field,
                         value=_clip(event.value), rest=_clip(lines[end.line][end.column:].strip())))


def _refuse_anchor_or_tag(event, display: str, line: int, column: int,
                          problems: list[Problem]) -> None:
    if event.anchor is not None:
        problems.append(make("R12", display, line, column, token=f"&{event.anchor}"))
    if event.tag is not None and not (event.tag == "!" and isinstance(event, yaml.ScalarEvent)
                                      and event.implicit[1]):
        problems.append(make("R13", display, line, column, tag=_shown_tag(event.tag)))


def _attach(frame: list, node: Node, display: str, problems: list[Problem]) -> None:
    """Add ``node`` to the collection being built in ``frame`` (as key or value)."""
    parent = frame[0]
    if parent.kind == "sequence":
        parent.value.append(node)
        return
    if frame[1] is None:  # this node is a key
        if node.kind != "scalar":
            kind = "一个列表" if node.kind == "sequence" else "一组字段"
            problems.append(make("R15", display, node.line, node.column, kind=kind))
            frame[1], frame[2] = "", None  # keep the pairing; the value is dropped below
            return
        frame[1], frame[2] = node.value, (node.line, node.column)
        return
    key, key_mark = frame[1], frame[2]
    frame[1] = None
    if key_mark is None:
        return
    if key in parent.value:
        first = parent.key_lines[key][0]
        problems.append(make("R11", display, key_mark[0], key_mark[1], field=key, other=first))
        return
    parent.value[key] = node
    parent.key_lines[key] = key_mark


_POINT_AT_CONTEXT = ("while scanning a simple key", "while scanning a quoted scalar",
                     "while parsing a flow")

_EXPLANATIONS = [
    ("mapping values are not allowed", "这里不该出现“: ”（值里含冒号加空格时，请给整个值加引号）"),
    ("could not find expected ':'", "找不到冒号“:”（每个字段应写成“字段: 值”）"),
    ("did not find expected key", "缩进不一致，或上一行少了冒号"),
    ("did not find expected <document start>", "缩进不一致（同一级的字段要左对齐）"),
    ("did not find expected '-' indicator", "列表的缩进不一致"),
    ("found unexpected end of stream", "引号或括号没有成对"),
    ("while scanning a quoted scalar", "引号没有成对"),
    ("found unexpected ':'", "冒号的位置不对"),
    ("expected ',' or ']'", "方括号列表 [ ] 没有写完整"),
    ("expected ',' or '}'", "花括号 { } 没有写完整"),
    ("expected <block end>", "缩进不一致（同一级的字段要左对齐）"),
    ("that cannot start any token", "这里有 YAML 不允许的字符（例如 @ 或 `），请给整个值加引号"),
    ("found undefined alias", "用了未定义的引用 *"),
]


def _explain(exc: yaml.MarkedYAMLError) -> str:
    """A Chinese explanation of a PyYAML error, keeping the original words for the record."""
    text = " ".join(filter(None, (exc.context, exc.problem)))
    for needle, explanation in _EXPLANATIONS:
        if needle in text:
            return explanation
    return f"无法解析（{exc.problem}）"


def _unreadable(exc: yaml.YAMLError, text: str, display: str) -> Problem:
    """A reader error (a character YAML refuses) as a problem at its line and column."""
    offset = getattr(exc, "position", 0) or 0
    if getattr(exc, "encoding", "unicode") != "unicode":
        # libyaml counts UTF-8 bytes, the pure-Python reader characters.
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
    line, column = _position(text, offset)
    character = getattr(exc, "character", None)
    code = ord(character) if isinstance(character, str) and character else character
    detail = f"有不允许的控制字符 U+{code:04X}" if isinstance(code, int) else "有不允许的字符"
    return make("R08", display, line, column, detail=detail)


def _position(text: str, offset: int) -> tuple[int, int]:
    """File (line, column) of character ``offset`` of the header text (which starts on line 2)."""
    before = text[:offset]
    return before.count("\n") + 2, offset - (before.rfind("\n") + 1) + 1


def _shown_tag(tag: str) -> str:
    """A tag as the staff member typed it: ``!!str`` rather than ``tag:yaml.org,2002:str``."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


def _looks_like_gbk(data: bytes) -> bool:
    try:
        decoded = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= ch <= "\u9fff" for ch in decoded)


def _file_size(path) -> int:
    return os.stat(path).st_size


def _clip(text: str, width: int = 20) -> str:
    text = str(text).replace("\n", " ")
    return text if len(text) <= width else text[:width] + "…"
