"""The personal-data guard: finds ID numbers, phone numbers, bank cards, e-mail addresses and
private street addresses in text meant for the public.

Text is normalised the way a browser will show it before matching: character references
decoded (``&#49;`` is a 1), full-width forms made ASCII (``１３８``, ``＠``), every kind of
space and line break folded to a space (Word and WPS paste no-break and thin spaces),
zero-width characters dropped. Digit runs broken by up to three spaces, dashes, dots,
slashes, underscores or parentheses are read as one number, so ``１３８ ００１３ ８０００``,
``138/0013/8000`` or ``+86 138-0013-8000`` are found like ``13800138000``. Every finding keeps
its offset in the original text, for the line and column of the message, and a masked copy of
the value (``138****8000``) — the message must not republish what it stops.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

#: Kinds of finding → catalogue code. ID numbers, mobiles and bank cards are errors; the
#: others are warnings (a staff member decides).
CODES = {"id": "P01", "mobile": "P02", "card": "P03", "landline": "P04", "email": "P05",
         "address": "P06"}
#: Kinds a record may show when it carries ``allow_personal_data`` (an office's contact).
OFFICE_CONTACT = frozenset(("mobile", "landline", "email", "address"))

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
#: One character for one (offsets stay): full-width ASCII forms (``１``, ``＋``, ``＠``, ``ｑ``)
#: to ASCII, dashes to ``-``, every space and line break to a space, as a browser shows them.
_ONE_FOR_ONE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_ONE_FOR_ONE.update({0x2014: 0x2D, 0x2013: 0x2D, 0x2212: 0x2D, 0x2010: 0x2D, 0x2011: 0x2D, 0xFE63: 0x2D})
_ONE_FOR_ONE.update(dict.fromkeys(map(ord, "\n\r\t\v\f\u00a0\u1680\u2028\u2029\u202f\u205f\u3000"), 0x20))
_ONE_FOR_ONE.update(dict.fromkeys(range(0x2000, 0x200B), 0x20))
#: A character reference as HTML decodes it (``&#49;``, ``&#x31;``, ``&nbsp;``, ``&amp;``).
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")

# A run of digits that may be split by up to three spaces (of any kind, line breaks too),
# dashes, dots, slashes, underscores, parentheses or Markdown's emphasis and code marks, an optional +86/0086 in front and an X
# at the end (ID numbers). At least ten digits: nothing looked for is shorter (the shortest
# landline, 010-1234567). Full-width forms are matched as they are (the text is not rewritten
# first: that took most of the time); a match is made ASCII before it is classified.
_DIGIT = "0-9０-９"
_SEP = r"[\s.\-()/_*~`\u2010-\u2015\u2212\ufe63（）－．／＿＊～]"
_RUN = re.compile(rf"(?<![{_DIGIT}A-Za-zＡ-Ｚａ-ｚ.．])(?:[+＋]?[8８][6６][\s\-－]?|[0０][0０][8８][6６][\s\-－]?)?"
                  rf"[(（]?[{_DIGIT}](?:{_SEP}{{0,3}}[{_DIGIT}]){{9,}}[XxＸｘ]?(?![{_DIGIT}A-Za-zＡ-Ｚａ-ｚ])")
_WORD = "A-Za-z0-9Ａ-Ｚａ-ｚ０-９"
_EMAIL = re.compile(rf"[{_WORD}._%+\-．＿]+\s?[@＠]\s?[{_WORD}\-－]+(?:[.．][{_WORD}\-－]+)*[.．][A-Za-zＡ-Ｚａ-ｚ]{{2,}}")
_ADDRESS = re.compile(
    r"[\u4e00-\u9fff]{1,12}(?:路|街|巷|大道|胡同|弄)[\d一二三四五六七八九十]+号(?:[\d\-]+(?:室|栋|单元|楼))*"
    r"|[\u4e00-\u9fff]{1,10}[村社区][\u4e00-\u9fff\d]{0,6}组\d+号")
#: What every address above ends with, found without trying each character as a start.
_ADDRESS_END = re.compile(r"(?:路|街|巷|道|同|弄)[\d一二三四五六七八九十]+号|组\d+号")
#: Words near a bank card or account number: any "…卡" (农行卡, 工资卡, 信用社卡, 社保卡),
#: accounts, banks and credit cooperatives.
_CARD_WORDS = re.compile(r"卡|账号|帐号|账户|帐户|银行|开户|存折|收款|农行|工行|建行|中行|农商|信用社|邮储")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind, where it starts and ends in the text, masked."""

    kind: str
    start: int
    end: int
    masked: str


def mask(value: str) -> str:
    """Hide the middle of a value: 13800138000 → 138****8000."""
    if "@" in value:
        name, _, domain = value.partition("@")
        return f"{name[:1]}***@{domain}"
    value = re.sub(r"[\s\-.()/_*~`]", "", value)
    if len(value) <= 6:
        return value[:1] + "*" * (len(value) - 1)
    keep = 4 if len(value) >= 11 else 2
    return value[:3] + "*" * (len(value) - 3 - keep) + value[-keep:]


_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
#: Nothing without a digit (or a reference that may be one), an @ or a house number can be
#: personal data of the kinds looked for.
_CANDIDATE = re.compile("[0-9０-９@＠号&]")
#: A digit run worth classifying has ten digits at least, three characters apart at most
#: (_RUN, after the one-for-one normalisation): without such a stretch, and without an @, a
#: 号, a character reference or a zero-width character, a text has nothing to look at closer.
_TEN_DIGITS = re.compile(rf"[{_DIGIT}](?:[^{_DIGIT}]{{0,3}}[{_DIGIT}]){{9}}")
_NEEDS_REWRITE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]|&(?:#|[A-Za-z][A-Za-z0-9]*;)")


def candidate(text: str) -> bool:
    """Whether ``text`` could hold anything ``scan`` looks for (a cheap first test)."""
    return bool(_CANDIDATE.search(text))


def normalise(text: str) -> tuple[str, list[int] | None]:
    """``text`` as a browser shows it (see the module's docstring), and for every character
    of the result its offset in ``text`` (None: the same offsets)."""
    if not _NEEDS_REWRITE.search(text):
        return text.translate(_ONE_FOR_ONE), None  # the translation keeps every offset
    chars, offsets = [], []
    position = 0
    for match in _REFERENCE.finditer(text) if "&" in text else ():
        _keep(text, position, match.start(), chars, offsets)
        decoded = html.unescape(match.group(0))
        if decoded == match.group(0):  # not a reference after all (``&nbspx``)
            _keep(text, match.start(), match.end(), chars, offsets)
        else:
            for char in decoded.translate(_ZERO_WIDTH).translate(_ONE_FOR_ONE):
                chars.append(char)
                offsets.append(match.start())
        position = match.end()
    _keep(text, position, len(text), chars, offsets)
    return "".join(chars), offsets


def _keep(text: str, start: int, end: int, chars: list[str], offsets: list[int]) -> None:
    """Characters ``start``–``end`` of ``text`` normalised one for one, zero-width ones dropped."""
    for index in range(start, end):
        char = text[index]
        if char in _ZERO_WIDTH_CHARS:
            continue
        chars.append(char.translate(_ONE_FOR_ONE))
        offsets.append(index)


_ZERO_WIDTH_CHARS = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")


def valid_id18(digits: str) -> bool:
    """An 18-character resident ID with a real birth date and the GB 11643 check character."""
    if not re.fullmatch(r"[1-9]\d{16}[\dX]", digits):
        return False
    if not _real_date(digits[6:14]):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == digits[17]


def valid_id15(digits: str) -> bool:
    """A legacy 15-digit resident ID: region code and a real 19yymmdd birth date."""
    return bool(re.fullmatch(r"[1-9]\d{14}", digits)) and _real_date("19" + digits[6:12])


def luhn(digits: str) -> bool:
    """The Luhn checksum every bank card number satisfies."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _real_date(yyyymmdd: str) -> bool:
    try:
        day = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= day <= dt.date.today()


def scan(text: str, office_phones: frozenset[str] = frozenset()) -> list[Finding]:
    """Every piece of personal data in ``text``, in order of position."""
    if not text or not _CANDIDATE.search(text):
        return []
    if not ("@" in text or "＠" in text or "号" in text or "&" in text or _TEN_DIGITS.search(text)
            or _ZERO_WIDTH_RE.search(text)):
        return []
    if _NEEDS_REWRITE.search(text):  # references or zero-width characters: offsets change
        plain, offsets = normalise(text)
    else:
        plain, offsets = text, range(len(text))
    return sorted(_found(plain, offsets, office_phones), key=lambda f: f.start)


def _found(plain: str, offsets, office_phones: frozenset[str]):
    """The findings in ``plain``, placed in the original text through ``offsets``."""
    for match in _RUN.finditer(plain) if _TEN_DIGITS.search(plain) else ():
        raw = match.group(0).translate(_ONE_FOR_ONE)
        for start, end, kind, digits in _within(raw, match.start(), plain, office_phones):
            yield Finding(kind, offsets[start], offsets[end - 1] + 1, mask(digits))
    if "@" in plain or "＠" in plain:
        for match in _EMAIL.finditer(plain):
            yield Finding("email", offsets[match.start()], offsets[match.end() - 1] + 1,
                          mask(match.group(0).translate(_ONE_FOR_ONE).replace(" ", "")))
    if "号" in plain and _ADDRESS_END.search(plain):
        for match in _ADDRESS.finditer(plain):
            yield Finding("address", offsets[match.start()], offsets[match.end() - 1] + 1,
                          match.group(0)[:4] + "****")


def scan_shown(text: str, office_phones: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(kind, digits) of every ID number, mobile number and bank card in text as a page shows
    it (tags already taken out): for the output gate, which needs no positions. Character
    references are decoded and zero-width characters dropped, like ``scan``."""
    if "&" in text:
        text = html.unescape(text)
    if _ZERO_WIDTH_RE.search(text):
        text = text.translate(_ZERO_WIDTH)
    if not _TEN_DIGITS.search(text):
        return []
    found = []
    for match in _RUN.finditer(text):
        for _, _, kind, digits in _within(match.group(0).translate(_ONE_FOR_ONE), match.start(), text,
                                          office_phones):
            if kind in ("id", "mobile", "card"):
                found.append((kind, digits))
    return found


def names_an_account(text: str) -> bool:
    """Whether text as a page shows it (tags already taken out) holds a word that makes a
    long number near it a bank card's (卡号, 账户, 开户行……), as ``scan_shown`` reads it."""
    if "&" in text:
        text = html.unescape(text)
    if _ZERO_WIDTH_RE.search(text):
        text = text.translate(_ZERO_WIDTH)
    return _CARD_WORDS.search(text) is not None


def may_name_an_account(markup: str) -> bool:
    """Whether markup may show such a word (see ``names_an_account``), read without taking
    it apart: any tags between a word's characters are let through, so a word a browser shows
    is always found (and some it does not, split by a paragraph's end). Markup with character
    references or zero-width characters is read as shown."""
    if "&" in markup or _ZERO_WIDTH_RE.search(markup):
        return True
    return _CARD_WORDS_IN_MARKUP.search(markup) is not None


_CARD_WORDS_IN_MARKUP = re.compile("|".join("(?:<[^>]*>)*".join(map(re.escape, word))
                                            for word in _CARD_WORDS.pattern.split("|")))


def _within(raw: str, at: int, text: str, office_phones: frozenset[str]):
    """The personal data in one digit run at offset ``at``: the whole run, else its longest
    stretches of whole space-separated pieces, left to right (a date and a phone number, or
    two phone numbers, written one after the other with spaces make one run; a piece is
    never cut, so two dates side by side never make a telephone number)."""
    kind, digits = _classify(raw, text, at, office_phones)
    if kind:
        yield at, at + len(raw), kind, digits
        return
    groups = [(m.start(), m.end()) for m in re.finditer(r"[^ ]+", raw)]
    if len(groups) == 1:
        groups = [(m.start(), m.end()) for m in re.finditer(r"\d+[Xx]?", raw)]
    first = 0
    while first < len(groups):
        for last in range(len(groups) - 1, first - 1, -1):
            piece = raw[groups[first][0]:groups[last][1]]
            if len(_digits(piece)) < 10:
                break
            kind, digits = _classify(piece, text, at + groups[first][0], office_phones)
            if kind:
                yield at + groups[first][0], at + groups[last][1], kind, digits
                first = last
                break
        first += 1


def _digits(raw: str) -> str:
    return re.sub(r"[^\dXx]", "", raw).upper()


def _trimmed(raw: str) -> str:
    return raw.strip(" .-/_()*~`")


def _classify(raw: str, text: str, start: int,
              office_phones: frozenset[str]) -> tuple[str | None, str]:
    """The kind of personal data a digit run is (or None), and its digits without +86."""
    raw = _trimmed(raw) if raw[:1] != "(" else raw
    digits = _digits(raw)
    international = raw.lstrip("(").startswith(("+86", "0086")) or (
        raw.startswith("86") and len(digits) == 13)
    if international:
        digits = digits[4:] if digits.startswith("0086") else digits[2:]
    if len(digits) == 18 and valid_id18(digits):
        return "id", digits
    if len(digits) == 15 and valid_id15(digits) and raw.isdigit():
        # A legacy 15-digit ID (issued before 1999) is taken only when written in one block:
        # with gaps, a number and a date side by side pass its weak test too often.
        return "id", digits
    if len(digits) == 11 and re.fullmatch(r"1[3-9]\d{9}", digits):
        return "mobile", digits
    if 16 <= len(digits) <= 19 and digits.isdigit() and luhn(digits) and _CARD_WORDS.search(
            text[max(0, start - 20):start]):
        return "card", digits
    if re.fullmatch(r"0\d{9,11}", digits) and raw.lstrip("(").startswith("0") and (
            "-" in raw or ")" in raw or " " in raw or "/" in raw or len(digits) in (11, 12)):
        if digits not in office_phones:
            return "landline", digits
    return None, digits
