"""``renda new``: a new record in a minute, for staff who do not write YAML.

The essentials of each record type are asked for (or given as options); each answer is checked
at once with the same rules the validator uses; deputies are found by name, pinyin or id;
the next free number is picked; the file gets its canonical name and folder, the front-matter in
canonical order, and the optional fields as short Chinese comments ready to fill in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..core.config import Settings
from ..core.frontmatter import Node
from ..core.record import Record
from ..core.schema import RECORD_TYPES
from ..core.schema.types import INVALID, Check, Choice, ListOf, Ref
from .naming import id_stem, unique_id
from .writer import render

#: Command-line names of the record types (``renda new deputy``).
TYPE_NAMES = {spec.command: rtype for rtype, spec in RECORD_TYPES.items()}
#: Answers that may be left empty (a blank line skips them).
OPTIONAL = {"group", "constituency", "address", "reception_days", "session", "place", "cosigners",
            "meeting", "budget"}
_SEPARATORS = re.compile(r"[、，,;；\s]+")


class NewRecordError(ValueError):
    """A record cannot be made from what was given; the message says why in Chinese."""


@dataclass
class DeputyIndex:
    """Find deputies by id, name or pinyin (full or initials)."""

    deputies: list[Record]

    def find(self, token: str) -> list[Record]:
        token = token.strip()
        by_id = [d for d in self.deputies if d.id == token]
        if by_id:
            return by_id
        by_name = [d for d in self.deputies if d.get("name") == token]
        if by_name:
            return sorted(by_name, key=lambda d: d.id)
        key = re.sub(r"[\s-]", "", token.lower())
        if not key.isascii():
            return []
        from pypinyin import Style, lazy_pinyin

        found = []
        for deputy in self.deputies:
            name = deputy.get("name") or ""
            full = "".join(lazy_pinyin(name))
            initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER))
            if key in (full, initials, deputy.id.replace("-", "")):
                found.append(deputy)
        return sorted(found, key=lambda d: d.id)


class Maker:
    """Makes one record of ``rtype`` inside the records tree at ``root``."""

    def __init__(self, root: Path, rtype: str, settings: Settings, corpus):
        self.root = root
        self.rtype = rtype
        self.settings = settings
        self.corpus = corpus
        self.spec = RECORD_TYPES[rtype]
        self.index = DeputyIndex(list(corpus.by_type["deputies"].values()))

    # Answers -----------------------------------------------------------------------------

    def prompt_for(self, name: str) -> str:
        """The question for field ``name``: label, choices or format, whether it may be blank."""
        field = self.spec.field_map[name]
        kind = field.type.item if isinstance(field.type, ListOf) else field.type
        hint = ""
        if isinstance(kind, Choice):
            hint = "，可选：" + "、".join(self.settings.vocabularies[kind.vocabulary])
        elif isinstance(kind, Ref) and kind.target == "deputies":
            hint = "，写姓名、拼音或编号" + ("，几位用顿号分开" if isinstance(field.type, ListOf) else "")
        elif name in ("date", "submitted", "term_start", "end", "assigned"):
            hint = "，如 " + self.settings.current_date().isoformat()
        elif field.example:
            hint = "，如 " + field.example.split(": ", 1)[-1].split("\n")[0]
        blank = "，可留空" if name in OPTIONAL or not field.required else ""
        return f"{field.label}（{name}{hint}{blank}）"

    def convert(self, name: str, answer: str, choose: Callable[[str, list[Record]], Record] | None = None
                ) -> tuple[Any, str | None]:
        """An answer as a typed value, or (INVALID, the Chinese reason). Names become ids."""
        field = self.spec.field_map[name]
        answer = answer.strip()
        if not answer:
            if field.required and name not in OPTIONAL:
                return INVALID, f"{field.label}必须填写。"
            return None, None
        is_list = isinstance(field.type, ListOf)
        item = field.type.item if is_list else field.type
        tokens = [t for t in _SEPARATORS.split(answer) if t] if is_list else [answer]
        if isinstance(item, Ref) and item.target == "deputies":
            ids = []
            for token in tokens:
                found = self.index.find(token)
                if not found:
                    return INVALID, f"找不到代表“{token}”。请写姓名、拼音或编号。"
                if len(found) > 1:
                    if choose is None:
                        names = "、".join(f"{d.id}（{d.get('group') or d.get('constituency') or ''}）" for d in found)
                        return INVALID, f"有 {len(found)} 位代表叫“{token}”：{names}。请写编号。"
                    found = [choose(token, found)]
                ids.append(found[0].id)
            tokens = ids
        node = (Node("sequence", [Node("scalar", t, 1, 1, plain=True) for t in tokens], 1, 1) if is_list
                else Node("scalar", tokens[0], 1, 1, plain=True))
        problems: list = []
        check = Check("", self.spec.label, self.settings, problems)
        value = field.type.convert(node, check, field, name)
        if value is INVALID or problems:
            return INVALID, problems[0].message if problems else "写法不对。"
        return value, None

    # The record --------------------------------------------------------------------------

    def complete(self, values: dict[str, Any]) -> dict[str, Any]:
        """Fill in what is picked, not asked: the next free number, a project's vote meeting."""
        values = dict(values)
        if self.rtype == "suggestions" and "number" not in values and values.get("submitted"):
            values["number"] = self._next_number(lambda r: r.get("submitted") and
                                                 r.get("submitted").year == values["submitted"].year
                                                 and r.get("kind") == values.get("kind"))
        if self.rtype == "projects" and "number" not in values and values.get("year"):
            values["number"] = self._next_number(lambda r: r.get("year") == values["year"])
        return values

    def _next_number(self, same: Callable[[Record], bool]) -> int:
        taken = [r.get("number") for r in self.corpus.by_type[self.rtype].values() if r.get("number") and same(r)]
        return max(taken, default=0) + 1

    def path(self, values: dict[str, Any]) -> Path:
        """Where the new record goes: canonical folder and a free file name."""
        field = self.spec.year_field
        folder = self.root / self.rtype
        if field:  # a date, or a year alone (projects)
            value = values[field]
            folder = folder / str(value if isinstance(value, int) else value.year)
        known = set(self.corpus.by_type[self.rtype])
        stem = id_stem(self.rtype, values, self.settings)
        name = unique_id(self.rtype, stem, lambda rid: rid in known or (folder / f"{rid}.md").exists())
        return folder / f"{name}.md"

    def text(self, values: dict[str, Any], body: str) -> str:
        """The file: the values in canonical form, the other fields as comments to fill in."""
        hints = []
        for field in self.spec.fields:
            if field.name in values or field.name in ("id", "disclosure", "attachments", "allow_personal_data"):
                continue
            example = field.example.split("\n")[0]
            hints.append(f"# {example}    （{field.label}：{field.doc}）")
        body = "\n" + body.strip() + "\n" if body.strip() else ""
        return render(self.rtype, values, body, {None: hints} if hints else None)
