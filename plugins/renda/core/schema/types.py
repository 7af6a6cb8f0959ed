"""Field types: each turns a node (text as the staff member wrote it) into a typed value.

A type reports what is wrong through the ``Check`` it is given and returns ``INVALID`` then,
so one bad field never hides the others. Scalars arrive as text: ``007`` stays ``007`` for an
id, and only a field typed as a number or a yes/no is read as one, by the rules written here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ..catalogue import make
from ..frontmatter import NULLS, Node
from ..problems import Problem

INVALID = object()  # returned by a type when the value cannot be used

#: What an id may be: it becomes part of a page's address.
ID_PATTERN = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z\u4e00-\u9fff._-]*$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_LIST_SEPARATORS = re.compile(r"[,，、;；]")
_TRUE = frozenset(("true", "True", "TRUE", "是"))
_FALSE = frozenset(("false", "False", "FALSE", "否"))


class Check:
    """Where a conversion happens (file, record type, settings) and the problems it finds."""

    __slots__ = ("path", "type_label", "settings", "problems", "lines")

    def __init__(self, path: str, type_label: str, settings, problems: list[Problem]):
        self.path = path
        self.type_label = type_label
        self.settings = settings
        self.problems = problems
        self.lines: dict[str, tuple[int, int]] = {}

    def report(self, code: str, node: Node, spec: "Field", where: str, **values) -> None:
        """Report problem ``code`` at ``node`` about field ``where`` (its dotted path)."""
        self.problems.append(make(code, self.path, node.line, node.column, field=where,
                                  label=spec.label, **values))


def kind_of(node: Node) -> str:
    """How a node reads to a staff member, for "expected X, got Y" messages."""
    if node.kind == "sequence":
        return "一个列表"
    if node.kind == "mapping":
        return "一组字段"
    return f"文字“{node.value}”"


@dataclass(frozen=True)
class FieldType:
    """Base of all field types. ``expected`` says in Chinese what the value should look like."""

    expected = "一段文字"

    def convert(self, node: Node, check: Check, spec: "Field", where: str) -> Any:
        if node.kind != "scalar":
            check.report("F03", node, spec, where, expected=self.expected, actual=kind_of(node),
                         example=spec.example)
            return INVALID
        return self.scalar(node.value.strip(), node, check, spec, where)

    def scalar(self, text: str, node: Node, check: Check, spec: "Field", where: str) -> Any:
        return text

    def describe(self, settings) -> str:
        """The type in the staff's words, for the field reference."""
        return self.expected


@dataclass(frozen=True)
class Text(FieldType):
    """Free text on one line or, with ``|``, several."""

    expected = "一段文字"

    def convert(self, node, check, spec, where):
        if node.kind == "scalar":  # the most common value of all, taken as it is
            return node.value.strip()
        return super().convert(node, check, spec, where)


@dataclass(frozen=True)
class Id(FieldType):
    """A record id: letters, digits, CJK, ``- _ .``; used in URLs and references."""

    expected = "一个编号"

    def scalar(self, text, node, check, spec, where):
        if not ID_PATTERN.match(text):
            check.report("F09", node, spec, where, value=text)
            return INVALID
        return text


@dataclass(frozen=True)
class Ref(Id):
    """The id of another record, of type ``target``; resolved by the validator."""

    target: str = ""

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "一个记录编号"

    def describe(self, settings) -> str:
        from .records import RECORD_TYPES

        return f"{RECORD_TYPES[self.target].label}的编号 id"


@dataclass(frozen=True)
class Integer(FieldType):
    """A whole number, written plainly: no leading zero, no ``1:30``, no thousands separator."""

    minimum: int | None = 0
    expected = "一个整数"

    def scalar(self, text, node, check, spec, where):
        body = text[1:] if text.startswith("-") else text
        if not body.isascii() or not body.isdigit():
            why = "看起来像时间，YAML 1.1 会把它当成六十进制数" if re.fullmatch(r"\d+(:\d+)+", text) \
                else "只能写阿拉伯数字"
            check.report("F06", node, spec, where, value=text, why=why)
            return INVALID
        if len(body) > 1 and body.startswith("0"):
            check.report("F06", node, spec, where, value=text,
                         why="不要以 0 开头（YAML 1.1 会把 010 读成八进制的 8）")
            return INVALID
        value = int(text)
        if self.minimum is not None and value < self.minimum:
            if value < 0 and self.minimum == 0:
                check.report("F07", node, spec, where, value=value)
            else:
                check.report("F11", node, spec, where, low=self.minimum, high="∞", value=value)
            return INVALID
        return value


@dataclass(frozen=True)
class Percent(Integer):
    """A whole percentage from 0 to 100."""

    expected = "0 到 100 的整数"

    def scalar(self, text, node, check, spec, where):
        value = super().scalar(text, node, check, spec, where)
        if value is not INVALID and value > 100:
            check.report("F11", node, spec, where, low=0, high=100, value=value)
            return INVALID
        return value


@dataclass(frozen=True)
class Number(FieldType):
    """A non-negative decimal number (amounts in 万元); kept exact as ``Decimal``."""

    expected = "一个数字"

    def scalar(self, text, node, check, spec, where):
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or not re.fullmatch(r"-?\d+(\.\d+)?", text):
            check.report("F10", node, spec, where, value=text)
            return INVALID
        if value < 0:
            check.report("F07", node, spec, where, value=text)
            return INVALID
        return value


@dataclass(frozen=True)
class Date(FieldType):
    """A real calendar date written ``YYYY-MM-DD``."""

    expected = "一个日期（YYYY-MM-DD）"

    def scalar(self, text, node, check, spec, where):
        match = _DATE.match(text)
        if not match:
            why = "要用减号分隔，月和日各两位" if re.search(r"\d", text) else "不是日期"
            check.report("F05", node, spec, where, value=text, why=why)
            return INVALID
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            check.report("F05", node, spec, where, value=text, why="日历上没有这一天")
            return INVALID


@dataclass(frozen=True)
class Bool(FieldType):
    """Yes or no, written ``true``/``false`` or ``是``/``否``; YAML 1.1's yes/no/on/off refused."""

    expected = "true/false 或 是/否"

    def scalar(self, text, node, check, spec, where):
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        check.report("F08", node, spec, where, value=text)
        return INVALID


@dataclass(frozen=True)
class Choice(FieldType):
    """One value of a configured vocabulary (``settings.vocabularies[vocabulary]``)."""

    vocabulary: str = ""
    expected = "可选值之一"

    def scalar(self, text, node, check, spec, where):
        choices = check.settings.vocabularies[self.vocabulary]
        if text in choices:
            return text
        close = difflib.get_close_matches(text, choices, n=1, cutoff=0.5)
        hint = f"是不是想写“{close[0]}”？" if close else ""
        check.report("F04", node, spec, where, value=text, hint=hint, choices="、".join(choices))
        return INVALID

    def describe(self, settings) -> str:
        return "以下之一：" + "、".join(settings.vocabularies[self.vocabulary])


_WEEKDAYS = "一二三四五六日天"
_ORDINALS = "一二三四五"
_RECEPTION = re.compile(
    rf"^(?:每月(?P<day>[1-9]|[12]\d|3[01])日"
    rf"|每周(?P<weekday>[{_WEEKDAYS}])"
    rf"|每月(?:第(?P<nth>[{_ORDINALS}])|(?P<last>最后一))个周(?P<nthday>[{_WEEKDAYS}]))$"
)


_ICAL_DAYS = dict(zip(_WEEKDAYS, ("MO", "TU", "WE", "TH", "FR", "SA", "SU", "SU")))


def reception_rule(text: str) -> dict[str, object]:
    """The RFC 5545 recurrence of a valid reception day (每月15日 → monthly on the 15th)."""
    match = _RECEPTION.match(text)
    if match is None:
        raise ValueError(f"接待日“{text}”看不懂")
    if match["day"]:
        return {"FREQ": "MONTHLY", "BYMONTHDAY": int(match["day"])}
    if match["weekday"]:
        return {"FREQ": "WEEKLY", "BYDAY": _ICAL_DAYS[match["weekday"]]}
    nth = -1 if match["last"] else _ORDINALS.index(match["nth"]) + 1
    return {"FREQ": "MONTHLY", "BYDAY": f"{nth}{_ICAL_DAYS[match['nthday']]}"}


@dataclass(frozen=True)
class ReceptionDay(FieldType):
    """A recurring reception day: 每月15日, 每周三, 每月第一个周三 (parseable for calendars)."""

    expected = "接待日，如“每月15日”"

    def scalar(self, text, node, check, spec, where):
        if not _RECEPTION.match(text):
            check.report("F12", node, spec, where, value=text)
            return INVALID
        return text


@dataclass(frozen=True)
class ListOf(FieldType):
    """A list of ``item``. One value may be written alone (``deputies: D001``) for a list of
    one; a comma-joined line is refused rather than guessed at."""

    item: FieldType = field(default_factory=Text)
    expected = "一个列表"

    def convert(self, node, check, spec, where):
        if node.kind == "scalar":
            if isinstance(self.item, (Ref, Choice)) and _LIST_SEPARATORS.search(node.value):
                check.report("F03", node, spec, where, expected="一个列表（用方括号和半角逗号）",
                             actual=kind_of(node), example=spec.example)
                return INVALID
            items = [node]
        elif node.kind == "sequence":
            items = node.value
        else:
            check.report("F03", node, spec, where, expected=self.expected, actual=kind_of(node),
                         example=spec.example)
            return INVALID
        values = []
        seen: dict[Any, int] = {}
        ok = True
        for index, child in enumerate(items):
            child_where = f"{where}[{index}]"
            if child.is_null:
                check.report("F03", child, spec, child_where, expected=self.item.expected,
                             actual="空的一项", example=spec.example)
                ok = False
                continue
            value = self.item.convert(child, check, spec, child_where)
            if value is INVALID:
                ok = False
                continue
            check.lines[child_where] = (child.line, child.column)
            key = value if not isinstance(value, dict) else None
            if key is not None and key in seen:
                check.report("F14", child, spec, where, value=value, other=seen[key])
                continue
            if key is not None:
                seen[key] = child.line
            values.append(value)
        return values if ok else INVALID

    def describe(self, settings) -> str:
        return f"列表，每项是{self.item.describe(settings)}"


@dataclass(frozen=True)
class Struct(FieldType):
    """A group of named fields (``feedback: {date: …, satisfaction: …}``)."""

    fields: tuple["Field", ...] = ()
    expected = "一组字段"

    def convert(self, node, check, spec, where):
        if node.kind != "mapping":
            check.report("F03", node, spec, where, expected=self.expected, actual=kind_of(node),
                         example=spec.example)
            return INVALID
        values = convert_fields(self.fields, node, check, prefix=f"{where}.")
        return INVALID if isinstance(values, Partial) else values

    def describe(self, settings) -> str:
        return "一组字段：" + "、".join(f.name for f in self.fields)


@dataclass(frozen=True)
class Field:
    """One field of a record type: name, type, whether required, and its staff documentation."""

    name: str
    type: FieldType
    label: str
    doc: str
    example: str
    required: bool = False
    #: A date that is normally ahead (a deadline), not refused for being in the future.
    future: bool = False


#: Per tuple of fields (by identity; the tuple is kept so that its id stays its own): the
#: fields by name and the required ones. Made once, not for every record read.
_LOOKUP: dict[int, tuple[tuple, dict, tuple]] = {}


def _lookup(fields: tuple) -> tuple[dict, tuple]:
    found = _LOOKUP.get(id(fields))
    if found is None or found[0] is not fields:
        found = _LOOKUP[id(fields)] = (fields, {f.name: f for f in fields},
                                       tuple(f for f in fields if f.required))
    return found[1], found[2]


def convert_fields(fields, node: Node, check: Check, prefix: str = "") -> Any:
    """Convert a mapping node by its declared fields; unknown keys get a "did you mean"."""
    known, required = _lookup(fields)
    values: dict[str, Any] = {}
    ok = True
    for key, child in node.value.items():
        spec = known.get(key)
        where = prefix + key
        line, column = node.key_lines[key]
        if spec is None:
            close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
            hint = f"是不是想写 {prefix}{close[0]}？" if close else \
                "可用的字段见《记录格式说明》：" + "、".join(known)
            check.problems.append(make("F01", check.path, line, column, field=where,
                                       type=check.type_label, hint=hint))
            ok = False
            continue
        check.lines[where] = (line, column)
        if child.kind == "scalar" and child.plain and child.value in NULLS:  # child.is_null
            if spec.required:
                check.problems.append(make("F02", check.path, line, column, field=where,
                                           label=spec.label, example=spec.example))
                ok = False
            continue
        value = spec.type.convert(child, check, spec, where)
        if value is INVALID:
            ok = False
            continue
        if spec.required and value in ("", []):  # written, but empty: as good as missing
            check.problems.append(make("F02", check.path, line, column, field=where,
                                       label=spec.label, example=spec.example))
            ok = False
            continue
        values[key] = value
    for spec in required:
        if spec.name not in node.value:
            check.problems.append(make("F02", check.path, node.line, node.column,
                                       field=prefix + spec.name, label=spec.label,
                                       example=spec.example))
            ok = False
    return values if ok else Partial(values)


class Partial(dict):
    """The valid part of a mapping some of whose fields were wrong (the record is invalid)."""
