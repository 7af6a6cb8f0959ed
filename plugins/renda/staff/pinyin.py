"""Ids from Chinese words: 张伟 → zhang-wei, 曾小红 → zeng-xiaohong, 视察 → shicha.

Used wherever renda names a new file (``renda new``, ``renda import``); surnames that
pypinyin reads the everyday way are read the way a surname is read (曾 zeng, 单 shan).
"""

from __future__ import annotations

import re

#: Surnames pypinyin reads the common way, not the way a surname is read.
SURNAMES = {"曾": "zeng", "单": "shan", "仇": "qiu", "解": "xie", "朴": "piao", "区": "ou", "查": "zha",
            "乐": "yue", "盖": "ge", "缪": "miao", "翟": "zhai", "覃": "qin", "尉": "yu", "长": "chang",
            "重": "chong", "万": "wan", "华": "hua", "任": "ren", "召": "shao", "冼": "xian", "秘": "bi"}


def slug(text: str, surname: bool = False) -> str:
    """Pinyin as an id part; with ``surname`` the surname stands apart (zhang-wei)."""
    from pypinyin import lazy_pinyin

    syllables = [re.sub(r"[^0-9a-z]", "", s.lower()) for s in lazy_pinyin(text)]
    if surname and text and text[0] in SURNAMES:
        syllables[0] = SURNAMES[text[0]]
    syllables = [s for s in syllables if s]
    if not syllables:
        return "daibiao" if surname else "jilu"
    if surname and len(syllables) > 1:
        return syllables[0] + "-" + "".join(syllables[1:])
    return "".join(syllables)
