"""Validator behaviour beyond one message per code: hints, no cascades, what is ignored."""

from __future__ import annotations

from conftest import BASE_TREE, TODAY
from renda.core.config import Settings
from renda.core.validate import validate

ACTIVITY = "activities/2024/2024-05-01.md"


def problems(tree, overrides, **settings):
    outcome = validate(tree(overrides), Settings(today=TODAY, **settings), display_root="records")
    return [p.format() for p in outcome.problems]


def activity(deputies: str, extra: str = "") -> dict:
    return {ACTIVITY: f"---\ntitle: 学习\nkind: 学习培训\ndate: 2024-05-01\ndeputies: {deputies}\n{extra}---\n"}


def test_a_name_written_for_an_id_gets_the_id(tree):
    assert problems(tree, activity("[张伟]")) == [
        "records/activities/2024/2024-05-01.md:5:12: error X02: deputies[0]（参加代表）写的代表“张伟”找不到。"
        "“张伟”是姓名，这里要写代表的编号：zhang-wei。"]


def test_a_single_deputy_may_be_written_without_brackets(tree):
    assert problems(tree, activity("zhang-wei")) == []


def test_comma_joined_ids_are_refused_not_split(tree):
    assert problems(tree, activity("zhang-wei、li-fang")) == [
        "records/activities/2024/2024-05-01.md:5:11: error F03: deputies（参加代表）应当是一个列表（用方括号和半角逗号），"
        "这里却是文字“zhang-wei、li-fang”。例如：deputies: [zhang-wei, li-fang]"]


def test_unknown_group_lists_the_known_ones(tree):
    assert problems(tree, activity("[zhang-wei]", "group: 第三代表小组\n")) == [
        "records/activities/2024/2024-05-01.md:6:1: error X02: group（代表小组）写的代表小组“第三代表小组”找不到。"
        "现有的代表小组：第一代表小组、第二代表小组。"]


def test_a_broken_deputy_file_is_reported_once_not_at_every_reference(tree):
    assert problems(tree, {"deputies/li-fang.md": "---\nname: 李芳\nlevels: [镇\n---\n"}) == [
        "records/deputies/li-fang.md:3:9: error R08: YAML 格式错误：方括号列表 [ ] 没有写完整。"
        "常见原因：冒号后少了空格、引号没有成对、缩进不一致。"]


def test_duplicate_ids_name_both_files(tree):
    twin = BASE_TREE["deputies/li-fang.md"].replace("name: 李芳", "id: li-fang\nname: 李芳")
    assert problems(tree, {"deputies/li-fang-2.md": twin}) == [
        "records/deputies/li-fang.md:1:1: error X01: 代表编号 id“li-fang”重复：records/deputies/li-fang-2.md 也用了它。"
        "请改其中一个（id 默认取文件名）。"]


def test_a_second_reply_after_dissatisfaction_is_expected(tree):
    unhappy = BASE_TREE["replies/2024/2024-001-a.md"].replace("满意", "不满意")
    again = ("---\nsuggestion: 2024-001\nhandler: 镇财政所\ndate: 2024-06-01\nresult: A\n---\n")
    assert problems(tree, {"replies/2024/2024-001-a.md": unhappy,
                           "replies/2024/2024-001-b.md": again}) == []


def test_readme_and_hidden_files_and_attachments_are_not_records(tree):
    assert problems(tree, {"README.md": "# 记录\n", ".drafts/x.md": "no header",
                           "deputies/.swap.md": "junk", "meetings/2024/附件.pdf": "%PDF"}) == []


def test_every_problem_of_a_file_is_reported_not_only_the_first(tree):
    text = ("---\ntitle: 学习\nkind: 学习\ndate: 2024-02-30\ndeputies: [zhang-wei, nobody]\n"
            "voters: -1\ncolour: 红\n---\n")
    codes = [line.split(" ")[2].rstrip(":") for line in problems(tree, {ACTIVITY: text})]
    assert codes == ["F04", "F05", "X02", "F07", "F01"]


def test_internal_records_are_validated_like_public_ones(tree):
    text = BASE_TREE["projects/2024/2024-01.md"].replace("number: 1\n", "number: 1\ndisclosure: internal\n")
    outcome = validate(tree({"projects/2024/2024-01.md": text}), Settings(today=TODAY))
    assert outcome.problems == []
    assert outcome.corpus.get("projects", "2024-01").disclosure == "internal"
    assert outcome.corpus.get("deputies", "zhang-wei").disclosure == "public"
    broken = text.replace("percent: 60", "percent: 160")
    outcome = validate(tree({"projects/2024/2024-01.md": broken}), Settings(today=TODAY))
    assert [p.code for p in outcome.problems] == ["F11"]


def test_default_disclosure_per_type_is_configurable(tree):
    settings = Settings(today=TODAY)
    settings.default_disclosure["replies"] = "internal"
    corpus = validate(tree({}), settings).corpus
    assert [r.disclosure for r in corpus.of_type("replies")] == ["internal"]
    assert corpus.get("suggestions", "2024-001").disclosure == "public"


def test_the_serve_cache_reads_only_changed_files_and_finds_the_same_problems(tree):
    import os

    from renda.core.loader import FileCache

    text = activity("[zhang-wei]")[ACTIVITY] + "群众来电13812345678反映路灯问题。\n"
    root = tree({ACTIVITY: text})
    settings = Settings(today=TODAY)
    cache = FileCache()
    first = validate(root, settings, display_root="records", cache=cache)
    by_path = {r.path: r for r in first.corpus.records}
    assert [p.code for p in first.problems] == ["P02"]

    # Change one file (a deputy's term ends before the activity): only it is read again;
    # the unchanged activity is the same object, but its cross-record error is new.
    deputy = root / "deputies" / "zhang-wei.md"
    deputy.write_text(BASE_TREE["deputies/zhang-wei.md"].replace(
        "term_start: 2021-12-28", "term_start: 2021-12-28\nterm_end: 2024-02-01\nleft_reason: 调离"),
        encoding="utf-8")
    os.utime(deputy, ns=(1, 1))  # a new modification time, whatever the clock's resolution
    second = validate(root, settings, display_root="records", cache=cache)
    again = {r.path: r for r in second.corpus.records}
    changed = [path for path, record in again.items() if record is not by_path[path]]
    assert changed == ["records/deputies/zhang-wei.md"]
    fresh = validate(root, settings, display_root="records")
    assert [p.format() for p in second.problems] == [p.format() for p in fresh.problems]
    assert [p.code for p in second.problems].count("X05") == 2  # both activities after her term
    assert not again["records/" + ACTIVITY].valid

    # Undo it: the activity is valid again (its validity is not carried over); a removed file
    # leaves the cache; other settings start afresh.
    deputy.write_text(BASE_TREE["deputies/zhang-wei.md"], encoding="utf-8")
    (root / ACTIVITY).unlink()
    third = validate(root, settings, display_root="records", cache=cache)
    assert third.problems == [] and all(r.valid for r in third.corpus.records)
    assert "records/" + ACTIVITY not in cache.entries
    assert len(cache.entries) == len(third.corpus.records) == len(BASE_TREE)
    other = validate(root, Settings(today=TODAY, office_phones=["0731-84561234"]), display_root="records",
                     cache=cache)
    assert all(a is not b for a, b in zip(other.corpus.records, third.corpus.records))


def test_a_deadline_may_lie_ahead_other_dates_may_not(tree):
    suggestion = BASE_TREE["suggestions/2024/2024-001.md"].replace(
        "assigned: 2024-01-25\n", "assigned: 2024-01-25\ndeadline: 2099-04-25\n")
    assert problems(tree, {"suggestions/2024/2024-001.md": suggestion}) == []
    late = suggestion.replace("assigned: 2024-01-25", "assigned: 2099-01-25")
    found = problems(tree, {"suggestions/2024/2024-001.md": late})
    assert [p for p in found if "X04" in p] == [
        "records/suggestions/2024/2024-001.md:13:1: error X04: assigned（交办日期）2099-01-25 还没到"
        "（今天是 2026-11-21）。只记录已经发生的事，请核对日期。"]


def test_written_but_empty_is_as_good_as_missing(tree):
    empty = activity("[]").get(ACTIVITY).replace("title: 学习", 'title: ""')
    assert problems(tree, {ACTIVITY: empty}) == [
        'records/activities/2024/2024-05-01.md:2:1: error F02: 缺少必填字段 title（标题），请补上。例如：title: 视察农村饮水安全工程',
        'records/activities/2024/2024-05-01.md:5:1: error F02: 缺少必填字段 deputies（参加代表），请补上。例如：deputies: [zhang-wei, li-fang]',
    ]


def test_a_header_of_comments_only_is_reported_as_empty(tree):
    assert problems(tree, {ACTIVITY: "---\n# 待补充\n---\n正文。\n"}) == [
        "records/activities/2024/2024-05-01.md:1:1: error R06: front-matter 是空的：请在两行 --- 之间写上这条记录的字段，例如 title: 标题。"]


def test_an_id_taken_from_the_file_name_is_checked_like_a_written_one(tree):
    text = activity("[zhang-wei]")[ACTIVITY]
    assert problems(tree, {"activities/2024/2024 05 01（副本）.md": text}) == [
        "records/activities/2024/2024 05 01（副本）.md:1:1: error F09: id（编号（取自文件名））“2024 05 01（副本）”"
        "不能用作编号：只能用汉字、字母、数字和 - _ . 三种符号，且以汉字、字母或数字开头。"]


def test_of_two_records_with_one_id_the_one_not_reported_stands(tree):
    text = activity("[zhang-wei]")[ACTIVITY]
    root = tree({"activities/2024/zoufang.md": text, "activities/zoufang.md": text.replace("学习", "另一份")})
    outcome = validate(root, Settings(today=TODAY), display_root="records")
    assert [p.path for p in outcome.problems if p.code == "X01"] == ["records/activities/zoufang.md"]
    assert outcome.corpus.get("activities", "zoufang").path == "records/activities/2024/zoufang.md"


CONSTITUENCIES = {"第一选区（红星村）": ["红星村"], "第二选区（红旗村）": ["红旗村", "红岩村"]}


def test_a_constituency_missing_from_the_village_table_is_named(tree):
    deputy = BASE_TREE["deputies/li-fang.md"].replace("gender: 女\n", "gender: 女\nconstituency: 第一选区（红星）\n")
    station = BASE_TREE["stations/hongxing.md"].replace("level: 室\n", "level: 室\nvillages: [红星村, 红旗寨]\n")
    assert problems(tree, {"deputies/li-fang.md": deputy, "stations/hongxing.md": station},
                    constituencies=CONSTITUENCIES) == [
        "records/deputies/li-fang.md:5:1: warning X21: constituency（选区）“第一选区（红星）”不在 mkdocs.yml 的 "
        "constituencies（选区和它包括的村、社区）里，居民在“我的代表”页按村查找时找不到这位代表。是不是“第一选区（红星村）”？",
        "records/stations/hongxing.md:4:17: warning X22: villages[1]（服务的村（社区））里的“红旗寨”不是 mkdocs.yml 的 "
        "constituencies 里列出的村（社区）。是不是“红旗村”？“我的代表”页按 constituencies 里的村名查找。"]
    # Without the table nothing is asked of either.
    assert problems(tree, {"deputies/li-fang.md": deputy, "stations/hongxing.md": station}) == []
