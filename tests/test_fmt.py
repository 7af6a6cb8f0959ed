"""The canonical writer and ``renda fmt``: values survive writing and reading unchanged,
formatting twice changes nothing, and a file with errors is left alone."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from decimal import Decimal

from conftest import REPO, TODAY, write_tree
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from renda.core.config import LIMITS, Settings
from renda.core.frontmatter import read_text
from renda.core.loader import load, type_document
from renda.core.schema import RECORD_TYPES
from renda.core.schema.types import (
    Bool,
    Choice,
    Date,
    Id,
    Integer,
    ListOf,
    Number,
    Percent,
    ReceptionDay,
    Ref,
    Struct,
)
from renda.staff.fmt import fmt
from renda.staff.writer import render, scalar

SETTINGS = Settings(today=TODAY)
LETTERS = st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd"), max_codepoint=0x9FA5)
PUNCTUATION = st.sampled_from(list("，。、：；“”（）《》-_ ?!:#'\"[]{}&*%@`|>"))
WORD = st.text(alphabet=st.one_of(LETTERS, PUNCTUATION), min_size=1, max_size=30).map(str.strip).filter(bool)
IDS = st.from_regex(r"[0-9a-z\u4e00-\u9fa5][0-9a-z\u4e00-\u9fa5._-]{0,12}", fullmatch=True)
TRICKY = st.sampled_from(["no", "yes", "010", "14:30", "007", "true", "null", "~", "-1", "2024-01-05",
                          "1e3", "- 项目", "a: b", "x #y", "#开头", "[列表]", "'单引号'", '"双引号"', "是", "否"])


def strategy(kind):
    """Valid typed values of one field type."""
    if isinstance(kind, Percent):
        return st.integers(0, 100)
    if isinstance(kind, Integer):
        return st.integers(kind.minimum if kind.minimum is not None else -10, 5000)
    if isinstance(kind, Number):
        return st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False).map(Decimal)
    if isinstance(kind, Date):
        return st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2026, 1, 1))
    if isinstance(kind, Bool):
        return st.booleans()
    if isinstance(kind, Choice):
        return st.sampled_from(SETTINGS.vocabularies[kind.vocabulary])
    if isinstance(kind, ReceptionDay):
        return st.sampled_from(["每月15日", "每周三", "每月第一个周三", "每月最后一个周五"])
    if isinstance(kind, (Id, Ref)):
        return IDS
    if isinstance(kind, ListOf):
        return st.lists(strategy(kind.item), min_size=1, max_size=6,
                        unique_by=(lambda v: repr(v)) if not isinstance(kind.item, Struct) else None)
    if isinstance(kind, Struct):
        required = {f.name: strategy(f.type) for f in kind.fields if f.required}
        optional = {f.name: strategy(f.type) for f in kind.fields if not f.required}
        return st.fixed_dictionaries(required, optional=optional)
    return st.one_of(WORD, TRICKY, st.lists(WORD, min_size=2, max_size=3).map("\n".join))


def record_values(rtype: str):
    fields = [f for f in RECORD_TYPES[rtype].fields if f.name != "attachments"]
    return st.fixed_dictionaries({f.name: strategy(f.type) for f in fields if f.required},
                                 optional={f.name: strategy(f.type) for f in fields if not f.required})


def read_back(rtype: str, text: str) -> dict:
    document = read_text(text, "x.md", LIMITS)
    problems = []
    record = type_document(document, "x", RECORD_TYPES[rtype], SETTINGS, problems)
    assert [p.format() for p in problems if p.level == "error"] == []
    return record.data


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), rtype=st.sampled_from(sorted(RECORD_TYPES)))
def test_written_values_read_back_exactly(data, rtype):
    values = data.draw(record_values(rtype))
    text = render(rtype, values, "正文。\n")
    assert read_back(rtype, text) == values
    assert render(rtype, read_back(rtype, text), "正文。\n") == text  # canonical: a fixed point


def test_tricky_text_is_quoted_so_that_it_stays_text():
    assert [scalar(v) for v in ["no", "010", "14:30", "- 项目", "a: b", "正常文字", "是"]] == [
        "'no'", "'010'", "'14:30'", "'- 项目'", "'a: b'", "正常文字", "是"]
    assert [scalar(v) for v in [True, False, dt.date(2024, 3, 5), 7, Decimal("180.50")]] == [
        "是", "否", "2024-03-05", "7", "180.50"]


def test_fmt_is_idempotent_on_the_sample_and_keeps_every_value(tmp_path):
    root = tmp_path / "records"
    shutil.copytree(REPO / "records", root)
    before, _ = load(root, SETTINGS)
    assert [r.status for r in fmt(root, SETTINGS)].count("skipped") == 0
    after, _ = load(root, SETTINGS)
    assert [(r.path, r.data, r.body) for r in after] == [(r.path, r.data, r.body) for r in before]
    assert {r.status for r in fmt(root, SETTINGS)} == {"unchanged"}


def test_fmt_rewrites_into_canonical_form_keeping_comments(tmp_path):
    root = write_tree(tmp_path / "records", {"deputies/x.md": (
        "---\n# 2024年补选\ngender: 男\nname: 赵磊\nlevels:\n- 镇\nterm_start: '2024-03-01'\n"
        "disclosure: public\nparty: no\n---\n简介。\n")})
    assert [r.status for r in fmt(root, SETTINGS)] == ["changed"]
    assert (root / "deputies" / "x.md").read_text(encoding="utf-8") == (
        "---\nname: 赵磊\nlevels: [镇]\n# 2024年补选\ngender: 男\nparty: 'no'\nterm_start: 2024-03-01\n"
        "disclosure: public\n---\n简介。\n")


def test_fmt_cli_check_and_files_with_errors(tmp_path):
    write_tree(tmp_path / "records", {"deputies/ok.md": "---\nname: 甲\ngender: 男\nlevels: [镇]\n"
                                                        "term_start: 2021-12-28\n---\n",
                                      "deputies/bad.md": "---\nname: 乙\nlevels: [镇\n---\n"})
    run = lambda *a: subprocess.run([sys.executable, "-m", "renda", "fmt", "records", *a], cwd=tmp_path,
                                    capture_output=True, text=True, encoding="utf-8")
    result = run("--check")
    assert result.returncode == 1
    assert result.stdout == "records/deputies/ok.md: 格式不规范\n"
    assert result.stderr == ("records/deputies/bad.md: 未处理：有 1 个错误，先按 renda validate 的提示改正（第一个：第 3 行）\n"
                             "共 2 个文件：需要改写 1 个，未处理 1 个。\n")
    assert (tmp_path / "records" / "deputies" / "ok.md").read_text(encoding="utf-8").startswith("---\nname: 甲\ngender")
    result = run()
    assert result.stdout == "records/deputies/ok.md: 已改写为规范格式\n"
    assert (tmp_path / "records" / "deputies" / "ok.md").read_text(encoding="utf-8") == (
        "---\nname: 甲\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\n---\n")
