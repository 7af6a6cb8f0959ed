"""``renda new``: interactively through a pseudo-terminal, and with options only."""

from __future__ import annotations

import subprocess
import sys

import pexpect
from conftest import BASE_TREE, TODAY, write_tree
from renda.core.config import Settings
from renda.core.validate import validate

TWINS = {**BASE_TREE,
         "deputies/zhang-wei-2.md": "---\nname: 张伟\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\n"
                                    "group: 第二代表小组\n---\n"}


def test_interactive_session_in_a_terminal(tmp_path):
    root = write_tree(tmp_path / "records", TWINS)
    child = pexpect.spawn(sys.executable, ["-m", "renda", "new", "activity", "--records", "records"],
                          cwd=str(tmp_path), encoding="utf-8", timeout=30, dimensions=(40, 200))
    child.expect("标题（title")
    child.sendline("视察红星村饮水工程")
    child.expect("活动类型（kind，可选：视察、调研")
    child.sendline("视查")
    child.expect("不在可选范围内。是不是想写“视察”")
    child.expect("活动类型（kind")
    child.sendline("视察")
    child.expect(r"日期（date，如 \d{4}-\d{2}-\d{2}")
    child.sendline("2024-03-15")
    child.expect("参加代表（deputies，写姓名、拼音或编号，几位用顿号分开")
    child.sendline("张伟、lifang")
    child.expect("有 2 位代表叫“张伟”")
    child.expect("1. 张伟（zhang-wei，第一代表小组）")
    child.expect("2. 张伟（zhang-wei-2，第二代表小组）")
    child.expect("选哪一位")
    child.sendline("2")
    child.expect("地点（place")
    child.sendline("红星村水厂")
    child.expect("正文")
    child.sendline("代表们查看了水厂的运行情况。")
    child.expect("已新建 records/activities/2024/2024-03-15-shicha.md")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = (root / "activities" / "2024" / "2024-03-15-shicha.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: 视察红星村饮水工程\nkind: 视察\ndate: 2024-03-15\n"
                           "deputies: [zhang-wei-2, li-fang]\nplace: 红星村水厂\n# end: 2024-03-13")
    assert text.endswith("---\n\n代表们查看了水厂的运行情况。\n")
    assert validate(root, Settings(today=TODAY)).problems == []


def test_options_only_with_the_next_free_number(tmp_path):
    root = write_tree(tmp_path / "records", TWINS)
    result = subprocess.run([sys.executable, "-m", "renda", "new", "suggestion", "--no-input", "--records", "records",
                             "--set", "kind=建议", "--set", "title=关于修缮村道的建议", "--set", "proposer=lf",
                             "--set", "cosigners=zhang-wei", "--set", "submitted=2024-02-01",
                             "--set", "category=交通运输", "--body", "村道破损严重。"],
                            cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    assert (result.returncode, result.stdout) == (0, "已新建 records/suggestions/2024/2024-002.md\n")
    text = (root / "suggestions" / "2024" / "2024-002.md").read_text(encoding="utf-8")
    assert text.split("# meeting")[0] == ("---\ntitle: 关于修缮村道的建议\nnumber: 2\nkind: 建议\nproposer: li-fang\n"
                                          "cosigners: [zhang-wei]\nsubmitted: 2024-02-01\ncategory: 交通运输\n")
    assert validate(root, Settings(today=TODAY)).problems == []


def test_options_only_reports_everything_missing_at_once(tmp_path):
    write_tree(tmp_path / "records", TWINS)
    result = subprocess.run([sys.executable, "-m", "renda", "new", "activity", "--no-input", "--records", "records",
                             "--set", "deputies=张伟", "--set", "date=2024-13-01"],
                            cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Error: 无法新建记录：",
        "  缺少 标题（title，如 视察农村饮水安全工程）：请用 --set title=值 给出",
        "  缺少 活动类型（kind，可选：视察、调研、执法检查、站所评议、专题询问、学习培训、外出考察、接待选民、联系选民、述职、代表小组活动、其他）：请用 --set kind=值 给出",
        "  date：date（日期）的日期“2024-13-01”不对：日历上没有这一天。请写成 YYYY-MM-DD，例如 2024-03-15。",
        "  deputies：有 2 位代表叫“张伟”：zhang-wei（第一代表小组）、zhang-wei-2（第二代表小组）。请写编号。",
    ]
    assert not (tmp_path / "records" / "activities" / "2024" / "2024-13-01-shicha.md").exists()


def test_a_new_deputy_gets_a_pinyin_file_name(tmp_path):
    write_tree(tmp_path / "records", BASE_TREE)
    result = subprocess.run([sys.executable, "-m", "renda", "new", "deputy", "--no-input", "--records", "records",
                             "--set", "name=曾小红", "--set", "gender=女", "--set", "levels=镇、县",
                             "--set", "term_start=2024-09-20"], cwd=tmp_path, capture_output=True, text=True,
                            encoding="utf-8")
    assert result.stdout == "已新建 records/deputies/zeng-xiaohong.md\n"
    text = (tmp_path / "records" / "deputies" / "zeng-xiaohong.md").read_text(encoding="utf-8")
    assert text.startswith("---\nname: 曾小红\nlevels: [镇, 县]\ngender: 女\nterm_start: 2024-09-20\n")


def test_renda_new_and_the_ledger_import_name_a_record_by_the_same_rules():
    # One naming rule (renda.staff.naming) serves both ways of making a record.
    import datetime as dt

    from renda.staff.naming import id_stem, unique_id

    settings = Settings(today=TODAY)
    day = dt.date(2024, 3, 12)
    assert [id_stem(rtype, values, settings) for rtype, values in [
        ("deputies", {"name": "张伟"}),
        ("activities", {"date": day, "kind": "视察"}),
        ("suggestions", {"submitted": day, "kind": "建议", "number": 3}),
        ("suggestions", {"submitted": day, "kind": "议案", "number": 1}),
        ("replies", {"suggestion": "2024-003"}),
        ("projects", {"year": 2024, "number": 2}),
        ("plans", {"year": 2024}),
        ("suggestions", {"submitted": day, "kind": "建议", "number": 1, "outside": {"name": "宋文静", "role": "政协委员"}}),
        ("activities", {"date": day}),
    ]] == ["zhang-wei", "2024-03-12-shicha", "2024-003", "2024-yian-01", "2024-003", "2024-02", "2024-yaodian",
                                     "2024-zhengxieweiyuan-01", None]
    taken = {"zhang-wei", "zhang-wei-2", "2024-003-a"}.__contains__
    assert [unique_id("deputies", "zhang-wei", taken), unique_id("replies", "2024-003", taken),
            unique_id("projects", "2024-02", taken)] == ["zhang-wei-3", "2024-003-b", "2024-02"]


def test_a_rectification_report_is_named_after_its_activity_and_closes_its_items(tmp_path):
    activity = ("---\ntitle: 评议镇财政所\nkind: 站所评议\ndate: 2024-05-28\ndeputies: [zhang-wei, li-fang]\n"
                "rectifications:\n  - item: 惠农补贴发放公示不及时\n    unit: 镇财政所\n    deadline: 2024-08-31\n---\n")
    root = write_tree(tmp_path / "records", {**BASE_TREE, "activities/2024/2024-05-28-pingyi.md": activity})
    made = []
    for date in ("2024-08-20", "2024-09-05"):
        result = subprocess.run([sys.executable, "-m", "renda", "new", "rectification", "--no-input",
                                 "--records", "records", "--set", "activity=2024-05-28-pingyi",
                                 "--set", "unit=镇财政所", "--set", f"date={date}", "--set", "items=1",
                                 "--body", "已在各村公示栏按月公示。"],
                                cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
        made.append((result.returncode, result.stdout))
    assert made == [(0, "已新建 records/rectifications/2024/2024-05-28-pingyi-a.md\n"),
                    (0, "已新建 records/rectifications/2024/2024-05-28-pingyi-b.md\n")]
    text = (root / "rectifications" / "2024" / "2024-05-28-pingyi-a.md").read_text(encoding="utf-8")
    assert text.startswith("---\nactivity: 2024-05-28-pingyi\nunit: 镇财政所\ndate: 2024-08-20\nitems: [1]\n")
    outcome = validate(root, Settings(today=TODAY))
    assert outcome.problems == []
    (item,) = outcome.corpus.rectifications(outcome.corpus.get("activities", "2024-05-28-pingyi"))
    assert (item.status, item.late, item.report.id) == ("已整改", False, "2024-05-28-pingyi-a")


def test_a_plan_is_filed_under_its_year_and_may_wait_for_its_tasks(tmp_path):
    # The office files next year's 工作要点 once adopted; the tasks are added later.
    root = write_tree(tmp_path / "records", BASE_TREE)
    result = subprocess.run([sys.executable, "-m", "renda", "new", "plan", "--no-input", "--records", "records",
                             "--set", "title=2025年镇人大工作要点", "--set", "year=2025", "--set", "adopted=2024-12-20",
                             "--body", "全年组织代表视察4次。"],
                            cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    assert (result.returncode, result.stdout) == (0, "已新建 records/plans/2025/2025-yaodian.md\n")
    text = (root / "plans" / "2025" / "2025-yaodian.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: 2025年镇人大工作要点\nyear: 2025\nadopted: 2024-12-20\n")
    assert validate(root, Settings(today=TODAY)).problems == []
