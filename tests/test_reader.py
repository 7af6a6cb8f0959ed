"""The strict reader against the traps python-frontmatter and safe_load fall into."""

from __future__ import annotations

import pytest
from conftest import TODAY
from renda.core.config import LIMITS, Settings
from renda.core.frontmatter import read_bytes, read_text
from renda.core.schema import RECORD_TYPES
from renda.core.schema.types import Check, convert_fields


def read(text: str):
    return read_text(text, "x.md", LIMITS)


def typed(rtype: str, text: str):
    """Read ``text`` and type it as record type ``rtype``: (values, problems as strings)."""
    document = read(text)
    problems = list(document.problems)
    check = Check("x.md", RECORD_TYPES[rtype].label, Settings(today=TODAY), problems)
    values = convert_fields(RECORD_TYPES[rtype].fields, document.header, check)
    return dict(values), [p.format() for p in problems]


def test_every_key_keeps_its_line_and_column():
    document = read("---\nname: 张伟\nlevels:\n  - 镇\n  - 县\nfeedback:\n  date: 2024-01-01\n---\n正文\n")
    header = document.header
    assert header.key_lines == {"name": (2, 1), "levels": (3, 1), "feedback": (6, 1)}
    assert [(n.value, n.line, n.column) for n in header.value["levels"].value] == [
        ("镇", 4, 5), ("县", 5, 5)]
    assert header.value["feedback"].key_lines == {"date": (7, 3)}
    assert (document.body, document.body_line) == ("正文\n", 9)


def test_byte_order_mark_is_accepted():
    document = read_bytes("\ufeff---\nname: 张伟\n---\n".encode("utf-8"), "x.md", LIMITS)
    assert document.problems == []
    assert document.header.value["name"].value == "张伟"


def test_windows_line_endings_keep_lines():
    document = read("---\r\nname: 张伟\r\ngender: 男\r\n---\r\n正文")
    assert document.problems == []
    assert document.header.key_lines["gender"] == (3, 1)


def test_scalars_stay_text_so_ids_keep_leading_zeros():
    values, problems = typed("deputies", "---\nid: 007\nname: 张伟\nlevels: [镇]\ngender: 男\n"
                                         "term_start: 2021-12-28\nparty: no\noccupation: 14:30\n---\n")
    assert problems == []
    assert (values["id"], values["party"], values["occupation"]) == ("007", "no", "14:30")


def test_yaml_11_booleans_are_refused_in_a_yes_no_field():
    _, problems = typed("replies", "---\nsuggestion: s1\nhandler: 镇政府\ndate: 2024-01-01\n"
                                   "result: A\nfinal: yes\n---\n")
    assert problems == ["x.md:6:8: error F08: final（最终答复）只能写 true/false 或 是/否，“yes”不行。"]


def test_chinese_and_english_booleans_are_read():
    for word, expected in (("是", True), ("否", False), ("true", True), ("false", False)):
        values, problems = typed("meetings", f"---\nkind: 主席团会议\ndate: 2024-01-01\noath: {word}\n---\n")
        assert problems == [] and values["oath"] is expected


def test_octal_looking_number_is_refused():
    _, problems = typed("projects", "---\ntitle: 项目\nnumber: 010\nyear: 2024\nresponsible: 镇政府\n---\n")
    assert problems == ["x.md:3:9: error F06: number（编号）应当是整数，“010”不是："
                        "不要以 0 开头（YAML 1.1 会把 010 读成八进制的 8）。"]


def test_sexagesimal_looking_number_is_refused():
    _, problems = typed("activities", "---\ntitle: 接待\nkind: 接待选民\ndate: 2024-01-01\n"
                                      "deputies: [a]\nvoters: 14:30\n---\n")
    assert problems == ["x.md:6:9: error F06: voters（接待选民人次）应当是整数，“14:30”不是："
                        "看起来像时间，YAML 1.1 会把它当成六十进制数。"]


def test_time_in_a_date_field_is_refused():
    _, problems = typed("meetings", "---\nkind: 主席团会议\ndate: 14:30\n---\n")
    assert problems == ["x.md:3:7: error F05: date（日期）的日期“14:30”不对：要用减号分隔，月和日各两位。"
                        "请写成 YYYY-MM-DD，例如 2024-03-15。"]


def test_unquoted_and_quoted_dates_read_the_same():
    for written in ("2024-01-05", "'2024-01-05'", '"2024-01-05"'):
        values, problems = typed("meetings", f"---\nkind: 主席团会议\ndate: {written}\n---\n")
        assert problems == [] and values["date"].isoformat() == "2024-01-05"


def test_quoted_empty_string_is_not_a_missing_value():
    document = read("---\nname: ''\ngender:\n---\n")
    assert document.header.value["name"].is_null is False
    assert document.header.value["gender"].is_null is True


def test_duplicate_key_reports_both_lines_and_keeps_the_first():
    document = read("---\nname: 张伟\ngender: 男\nname: 张卫\n---\n")
    assert [p.format() for p in document.problems] == [
        "x.md:4:1: error R11: 字段 name 写了两次（另一次在第 2 行），只会留下其中一个值。请删去一处。"]
    assert document.header.value["name"].value == "张伟"


def test_alias_is_refused():
    document = read("---\nname: &n 张伟\ntitle: *n\n---\n")
    assert [p.format() for p in document.problems] == [
        "x.md:2:7: error R12: 不支持 YAML 的锚点和引用（&n）：请把内容直接写出来。",
        "x.md:3:8: error R12: 不支持 YAML 的锚点和引用（*n）：请把内容直接写出来。",
    ]


def test_custom_tag_is_refused():
    document = read("---\nname: !secret 张伟\n---\n")
    assert [p.code for p in document.problems] == ["R13"]
    assert "!secret" in document.problems[0].message


def test_full_width_colon_is_explained_not_a_yaml_error():
    document = read("---\nname: 张伟\ngender：男\n---\n")
    assert [p.format() for p in document.problems] == [
        "x.md:3:7: error R10: 字段名 gender 后面是全角冒号“：”。请改成半角冒号加一个空格“: ”。"]


def test_full_width_colon_inside_a_value_is_fine():
    document = read("---\ntitle: 会议议程：听取报告\n---\n")
    assert document.problems == []


def test_tab_indentation_is_explained():
    document = read("---\nlevels:\n\t- 镇\n---\n")
    assert [p.format() for p in document.problems] == [
        "x.md:3:1: error R09: 这一行有制表符（Tab）。YAML 只能用空格缩进：请把 Tab 换成两个空格。"]


def test_gbk_file_is_named_as_gbk():
    document = read_bytes("---\nname: 张伟\n---\n".encode("gbk"), "x.md", LIMITS)
    assert [p.code for p in document.problems] == ["R02"]
    assert "GBK" in document.problems[0].message and document.header is None


def test_unclosed_header_is_an_error_not_an_empty_record():
    document = read("---\nname: 张伟\n\n正文第一段\n")
    assert [p.code for p in document.problems] == ["R05"]


def test_second_document_in_header_is_refused():
    document = read("---\nname: 张伟\n---\nbody\n")
    assert document.problems == []
    document = read("---\nname: 张伟\n---\n")
    assert document.problems == []


def test_hostile_nesting_neither_crashes_nor_recurses():
    # libyaml (PyYAML 6.0.3 and later) gives up at 1,000 levels before the first event; the
    # reader's own limit must still be the one reported, in Chinese, on the line to mend.
    message = "error R14: 嵌套超过 4 层。记录的字段最多到“列表里的字段”这一级，请检查缩进。"
    for depth in (5, 999, 1000, 5000):
        text = "---\nname: " + "[" * depth + "]" * depth + "\n---\n"
        document = read(text)
        assert [p.format() for p in document.problems] == [f"x.md:2:10: {message}"], depth
    # Brackets inside quotes are text, not nesting.
    document = read("---\ntitle: '[[[[[[《规划》'\nname: " + "[" * 2000 + "]" * 2000 + "\n---\n")
    assert [p.format() for p in document.problems] == [f"x.md:3:10: {message}"]


def test_oversize_header_is_refused_with_its_size():
    text = "---\nname: " + "长" * 30000 + "\n---\n"
    document = read(text)
    assert [p.format() for p in document.problems] == [
        "x.md:2:1: error R16: front-matter 有 90006 字节，超过上限 65536 字节。长文字请写进正文（第二行 --- 之后）。"]


def test_body_may_contain_fences_after_the_header():
    document = read("---\nname: 张伟\n---\n正文\n\n---\n\n更多正文\n")
    assert document.problems == []
    assert document.body == "正文\n\n---\n\n更多正文\n"


def test_empty_required_field_is_reported_as_missing():
    _, problems = typed("deputies", "---\nname: 张伟\nlevels: [镇]\ngender:\nterm_start: 2021-12-28\n---\n")
    assert problems == ["x.md:4:1: error F02: 缺少必填字段 gender（性别），请补上。例如：gender: 女"]


def test_pure_python_parser_gives_the_same_tree(monkeypatch):
    """Where PyYAML was built without libyaml the reader must behave identically."""
    import yaml
    from renda.core import frontmatter

    text = "---\nname: 张伟\ngender:\nlevels: [镇, '县']\n---\n"
    fast = read(text)
    monkeypatch.setattr(frontmatter, "_Parser", yaml.SafeLoader)
    slow = read(text)
    assert slow.header == fast.header and slow.problems == fast.problems == []


def test_reception_days_accept_the_natural_forms_only():
    ok = ["每月15日", "每月1日", "每周三", "每周日", "每月第一个周三", "每月最后一个周五"]
    bad = ["每月第最后一个周五", "每月32日", "每月0日", "周三", "每月第六个周一", "每月15号"]
    for day in ok + bad:
        _, problems = typed("stations", f"---\nname: 联络室\nlevel: 室\nreception_days: [{day}]\n---\n")
        assert (problems == []) is (day in ok), day


YAML_ERRORS = [
    ("a: b: c\n", 2, "这里不该出现“: ”（值里含冒号加空格时，请给整个值加引号）"),
    ("a: [1, 2\n", 2, "方括号列表 [ ] 没有写完整"),
    ("a: {x: 1\n", 2, "花括号 { } 没有写完整"),
    ("a: 'x\n", 2, "引号或括号没有成对"),
    ("a: @x\n", 2, "这里有 YAML 不允许的字符（例如 @ 或 `），请给整个值加引号"),
    ("a: b\nc\n", 3, "找不到冒号“:”（每个字段应写成“字段: 值”）"),
]


@pytest.mark.parametrize("parser", ["CSafeLoader", "SafeLoader"])
@pytest.mark.parametrize("header, line, explanation", YAML_ERRORS)
def test_yaml_errors_are_explained_in_chinese_by_either_parser(monkeypatch, parser, header, line,
                                                               explanation):
    import yaml
    from renda.core import frontmatter

    monkeypatch.setattr(frontmatter, "_Parser", getattr(yaml, parser))
    document = read("---\n" + header + "---\n")
    assert [(p.code, p.line) for p in document.problems] == [("R08", line)]
    assert document.problems[0].message == (f"YAML 格式错误：{explanation}。"
                                            "常见原因：冒号后少了空格、引号没有成对、缩进不一致。")


@pytest.mark.parametrize("parser", ["CSafeLoader", "SafeLoader"])
def test_control_characters_are_a_diagnostic_not_a_crash(monkeypatch, parser):
    import yaml
    from renda.core import frontmatter

    monkeypatch.setattr(frontmatter, "_Parser", getattr(yaml, parser))
    document = read("---\nname: 张伟\ngroup: 第一\x07小组\n---\n")
    assert [p.format() for p in document.problems] == [
        "x.md:3:10: error R08: YAML 格式错误：有不允许的控制字符 U+0007。"
        "常见原因：冒号后少了空格、引号没有成对、缩进不一致。"]


def test_a_file_is_read_whole_up_to_the_limit_and_an_oversize_one_only_past_it(tmp_path):
    import os
    import threading

    from renda.core.frontmatter import read_at_most

    for size in (0, 10, 100, 101, 5000):
        (tmp_path / f"f{size}").write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    assert [len(read_at_most(tmp_path / f"f{size}", 100)) for size in (0, 10, 100, 101, 5000)] == [0, 10, 100, 101, 101]
    assert read_at_most(tmp_path / "f5000", 100) == (tmp_path / "f5000").read_bytes()[:101]
    # What the size asked first does not say (a file still being written, here a pipe whose
    # size is 0) is read on, in pieces, to its end or just past the limit.
    for written, limit, expected in ((200_000, 1_048_576, 200_000), (200_000, 150_000, 150_001)):
        pipe = tmp_path / f"pipe{limit}"
        os.mkfifo(pipe)

        def write(pipe=pipe, written=written):
            try:
                pipe.write_bytes(b"y" * written)
            except BrokenPipeError:  # the reader stopped past the limit
                pass

        writer = threading.Thread(target=write)
        writer.start()
        assert len(read_at_most(pipe, limit)) == expected
        writer.join(timeout=10)
        assert not writer.is_alive()


def test_the_files_are_asked_for_ahead_and_a_pipe_is_left_unopened(tmp_path):
    # The system is asked to start reading every record at once (see loader.will_need); a
    # pipe named like a record is not opened (that would wait for, or cut off, its writer).
    import os
    import threading

    from renda.core.loader import will_need

    record = tmp_path / "a.md"
    record.write_text("---\nname: 李芳\n---\n", encoding="utf-8")
    pipe = tmp_path / "b.md"
    os.mkfifo(pipe)
    opened = threading.Event()

    def write():
        with open(pipe, "wb") as handle:  # waits until a reader opens the pipe
            opened.set()
            handle.write(b"x")

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    will_need([str(tmp_path / "gone.md"), str(pipe), str(record)], 1 << 20)
    assert not opened.wait(0.5)  # no reader came
    with open(pipe, "rb") as handle:  # the real reading still gets what is written
        assert handle.read() == b"x"
    writer.join(timeout=10)
    assert opened.is_set() and not writer.is_alive()
