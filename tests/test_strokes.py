"""Surname-stroke order against lists checked by hand from the stroke-order standard."""

from __future__ import annotations

import random

from renda.core.strokes import name_key, sort_names, strokes

# Hand-checked: stroke count first, then the stroke classes 横1 竖2 撇3 点4 折5 in order.
SURNAMES = [
    "丁",  # 2: 15
    "卜",  # 2: 24
    "刁",  # 2: 51 (横折钩, 提 — 提 counts as 横)
    "于",  # 3: 115
    "万",  # 3: 153
    "马",  # 3: 551
    "王",  # 4: 1121
    "方",  # 4: 4153
    "申",  # 5: 25112
    "田",  # 5: 25121
    "史",  # 5: 25134
    "白",  # 5: 32511
    "冯",  # 5: 41551
    "刘",  # 6: 413425
    "杨",  # 7: 1234533 (sixth stroke 撇 3 …
    "李",  # 7: 1234551  … before 李's 竖钩 5)
    "吴",  # 7: 2511134
    "何",  # 7: 3212515
    "张",  # 7: 5153154
    "陈",  # 7: 5215534
    "周",  # 8: 35121251
    "赵",  # 9: 121213434
    "胡",  # 9: 122513511
    "黄",  # 11: 12212512134
]


def test_hand_checked_stroke_codes():
    assert [strokes(c) for c in "丁卜刁于万马王方申田史白冯刘李杨吴何张陈周赵胡黄"] == [
        "15", "24", "51", "115", "153", "551", "1121", "4153", "25112", "25121", "25134",
        "32511", "41551", "413425", "1234551", "1234533", "2511134", "3212515", "5153154",
        "5215534", "35121251", "121213434", "122513511", "12212512134"]


def test_surnames_sort_in_the_official_order():
    shuffled = SURNAMES[:]
    random.Random(4).shuffle(shuffled)
    assert sort_names(shuffled) == SURNAMES


def test_ties_in_count_are_broken_by_first_strokes():
    # All three have 7 strokes; 李 starts 横, 何 撇, 张 折.
    assert sort_names(["张", "何", "李"]) == ["李", "何", "张"]
    # 杨 and 李 share 木 (1234) and a fifth stroke 5; the sixth decides: 撇 3 before 竖钩 5.
    assert sort_names(["李", "杨"]) == ["杨", "李"]


def test_same_surname_sorts_by_the_given_name():
    assert sort_names(["王芳", "王一", "王小明", "王大为"]) == ["王一", "王大为", "王小明", "王芳"]


def test_shorter_name_first_when_one_is_a_prefix():
    assert sort_names(["王伟", "王"]) == ["王", "王伟"]


def test_unknown_characters_sort_last_but_deterministically():
    assert name_key("𠀀") > name_key("黄")
    assert sort_names(["𠀁", "丁", "𠀀"]) == ["丁", "𠀀", "𠀁"]


def test_sort_by_attribute():
    people = [{"name": "张伟"}, {"name": "丁一"}, {"name": "王芳"}]
    assert [p["name"] for p in sort_names(people, lambda p: p["name"])] == ["丁一", "王芳", "张伟"]
