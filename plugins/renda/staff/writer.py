"""Writing records: typed values back to front-matter in one canonical form.

Canonical means: keys in the schema's order (``id`` and ``title`` first; ``disclosure``,
``attachments`` and ``allow_personal_data`` last), dates as ``YYYY-MM-DD``, yes/no as 是/否,
short lists in brackets and longer ones one item a line, text quoted only where YAML would
otherwise read something else (``'007'``, ``'no'``, ``'14:30'``, a leading ``-``), several
lines as a ``|`` block. Reading what is written gives back exactly the values written; writing
what is read changes nothing (``renda fmt`` is idempotent). Top-level comment lines of a file
are kept above the key they stood above.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from ..core.schema import RECORD_TYPES
from ..core.schema.types import Choice, Field, Id, ListOf, ReceptionDay, Struct

_LAST = ("disclosure", "attachments", "allow_personal_data")
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")
_YAML11 = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|~|null|Null|NULL|[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+"
    r"|[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?|\.(?:inf|Inf|INF|nan|NaN|NAN)|[-+]\.(?:inf|Inf|INF)"
    r"|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?)$")
WIDTH = 96
# Inside [ ] a plain item may not contain flow indicators or start a comment.
_FLOW_SAFE = re.compile(r"^[^\n\[\]{},#]+$")


def field_order(rtype: str) -> list[str]:
    """The canonical key order of a record type."""
    names = [f.name for f in RECORD_TYPES[rtype].fields]
    head = [n for n in ("id", "title") if n in names]
    middle = [n for n in names if n not in head and n not in _LAST]
    return head + middle + [n for n in _LAST if n in names]


def render(rtype: str, values: dict[str, Any], body: str = "",
           comments: dict[str | None, list[str]] | None = None) -> str:
    """A whole record file: ``---``, the front-matter, ``---``, the body."""
    specs = RECORD_TYPES[rtype].field_map
    comments = comments or {}
    lines = ["---"]
    for name in field_order(rtype):
        lines += comments.get(name, [])
        if name in values and values[name] is not None:
            lines += _field(specs[name], values[name], 0)
    lines += comments.get(None, [])
    lines.append("---")
    text = "\n".join(lines) + "\n"
    if body:
        text += body if body.startswith("\n") else body
    return text


def _field(spec: Field, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    kind = spec.type
    if isinstance(kind, ListOf):
        if not value:
            return [f"{pad}{spec.name}: []"]
        if isinstance(kind.item, Struct):
            lines = [f"{pad}{spec.name}:"]
            for item in value:
                inner = _struct(kind.item, item, indent + 4)
                inner[0] = f"{pad}  - " + inner[0][indent + 4:]
                lines += inner
            return lines
        items = [scalar(v) for v in value]
        flow = f"{pad}{spec.name}: [{', '.join(items)}]"
        # Brackets for ids, vocabulary values and very short words; sentences one a line.
        short = isinstance(kind.item, (Id, Choice, ReceptionDay)) or all(len(i) <= 10 for i in items)
        if short and len(flow) <= WIDTH and all(_FLOW_SAFE.match(i) for i in items):
            return [flow]
        lines = [f"{pad}{spec.name}:"]
        for item in items:
            if "\n" in item:
                lines += [f"{pad}  - |"] + [f"{pad}    {line}" if line else "" for line in item.split("\n")]
            else:
                lines.append(f"{pad}  - {item}")
        return lines
    if isinstance(kind, Struct):
        return [f"{pad}{spec.name}:"] + _struct(kind, value, indent + 2)
    text = scalar(value)
    if "\n" in text:
        return [f"{pad}{spec.name}: |"] + [f"{pad}  {line}" if line else "" for line in text.split("\n")]
    return [f"{pad}{spec.name}: {text}"]


def _struct(kind: Struct, value: dict[str, Any], indent: int) -> list[str]:
    lines = []
    for spec in kind.fields:
        if spec.name in value and value[spec.name] is not None:
            lines += _field(spec, value[spec.name], indent)
    return lines


def scalar(value: Any) -> str:
    """One value as canonical YAML text (multi-line text comes back with its newlines)."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, Decimal)):
        return str(value)
    text = str(value)
    if "\n" in text:
        return text.rstrip("\n")
    if text and _PLAIN.match(text) and not _YAML11.match(text) and ": " not in text \
            and " #" not in text and not text.endswith((":", " ")):
        return text
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def comments_of(text: str) -> dict[str | None, list[str]]:
    """Top-level comment lines of a record's front-matter, by the key that follows them
    (None: after the last key)."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        return {}
    found: dict[str | None, list[str]] = {}
    pending: list[str] = []
    for line in lines[1:]:
        if line.strip() == "---":
            break
        if line.startswith("#"):
            pending.append(line.rstrip())
        elif re.match(r"^[A-Za-z_][A-Za-z0-9_]*\s*:", line):
            key = line.split(":", 1)[0].strip()
            if pending:
                found.setdefault(key, []).extend(pending)
                pending = []
    if pending:
        found[None] = pending
    return found
