"""Ledgers (台账): ``renda export xlsx`` and ``renda import`` as staff run them, on real
workbooks, with exact output; the round trip through Excel on the sample township."""

from __future__ import annotations

import base64
import datetime as dt
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from conftest import BASE_TREE, REPO, TODAY, write_tree
from openpyxl import Workbook, load_workbook
from renda.core.config import Settings
from renda.staff.ledgers import (
    LedgerError,
    export_xlsx,
    import_files,
    read_workbook,
    write_templates,
    xls_values,
)

LEDGERS = ["代表名册.xlsx", "履职活动台账.xlsx", "建议办理台账.xlsx"]
IMPORTED = ["deputies", "activities", "rectifications", "suggestions", "replies"]
CONFIG = "site_name: 测试\nplugins:\n  - renda:\n      township: 青石镇\n      term: 18\n      today: 2026-11-21\n"
SETTINGS = Settings(today=TODAY)
NAMESAKE = "---\nname: 张伟\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\n---\n"


def renda(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "renda", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8")


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook as a staff member would make it: one sheet per entry, rows as given."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def values(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's cell values."""
    book = load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def project(tmp_path: Path, records: dict[str, str] | None = None) -> Path:
    """A folder with a mkdocs.yml (today pinned) and a records tree (the base tree by default)."""
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    write_tree(tmp_path / "records", BASE_TREE if records is None else records)
    return tmp_path


@pytest.fixture(scope="module")
def sample_ledgers(tmp_path_factory) -> Path:
    """The sample township exported once with the real command."""
    work = tmp_path_factory.mktemp("ledgers")
    (work / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    result = renda("export", "xlsx", "out", "--records", str(REPO / "records"), cwd=work)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr.splitlines() == [f"已导出 out/{name}" for name in LEDGERS]
    return work / "out"


# The round trip -------------------------------------------------------------------------


def test_round_trip_into_an_empty_folder_gives_the_same_files_and_the_same_cells(sample_ledgers, tmp_path):
    shutil.copytree(REPO / "records", tmp_path / "records")
    for folder in IMPORTED:
        shutil.rmtree(tmp_path / "records" / folder)
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    originals = {rel: data for rel, data in snapshot(REPO / "records").items() if rel.split("/")[0] in IMPORTED}

    result = renda("import", *(str(sample_ledgers / name) for name in LEDGERS), "--records", "records",
                   cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr.splitlines()[-1] == f"新建 {len(originals)} 条，更新 0 条，没有变化 0 条。"
    imported = {rel: data for rel, data in snapshot(tmp_path / "records").items() if rel.split("/")[0] in IMPORTED}
    assert imported == originals  # byte for byte: ids, folders, field order, bodies

    again = renda("export", "xlsx", "again", "--records", "records", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    for name in LEDGERS:
        assert values(tmp_path / "again" / name) == values(sample_ledgers / name), name


def test_importing_the_exported_ledgers_into_the_sample_changes_no_file(sample_ledgers, tmp_path):
    shutil.copytree(REPO / "records", tmp_path / "records")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    before = snapshot(tmp_path / "records")
    count = sum(rel.split("/")[0] in IMPORTED for rel in before)

    result = renda("import", *(str(sample_ledgers / name) for name in LEDGERS), "--records", "records",
                   cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "", f"新建 0 条，更新 0 条，没有变化 {count} 条。\n")
    assert snapshot(tmp_path / "records") == before


def test_export_writes_names_ids_for_namesakes_stations_by_name_and_internal_records(sample_ledgers):
    activities = values(sample_ledgers / "履职活动台账.xlsx")
    header, *rows = activities["履职活动"]
    assert header == ("编号", "日期", "结束日期", "活动类型", "标题", "参加代表", "述职代表", "组织单位", "代表之家",
                      "代表小组", "地点", "接待选民人次", "主题", "群众意见", "形成的建议", "测评满意", "测评基本满意",
                      "测评不满意", "审议意见", "整改事项", "询问和回答", "公开属性", "内容")
    row = dict(zip(header, next(r for r in rows if r[0] == "2024-02-07-jiedai-shiqiao")))
    assert {k: v for k, v in row.items() if k != "内容"} == {
        "编号": "2024-02-07-jiedai-shiqiao", "日期": dt.datetime(2024, 2, 7), "结束日期": None,
        "活动类型": "接待选民", "标题": "石桥村人大代表联络站2月代表接待日",
        "参加代表": "杨光明、邓丽华、zhang-wei-2、冯志强",  # two deputies are called 张伟
        "述职代表": None, "组织单位": None, "代表之家": "石桥村人大代表联络站", "代表小组": "第二代表小组",
        "地点": "石桥村人大代表联络站", "接待选民人次": 18, "主题": None,
        "群众意见": "土地流转租金迟迟未兑付｜办理中｜｜杨光明\n水泥制品厂运输车辆抛洒，路面粉尘大｜已办结｜｜邓丽华",
        "形成的建议": None, "测评满意": None, "测评基本满意": None, "测评不满意": None, "审议意见": None,
        "整改事项": None, "询问和回答": None, "公开属性": None,
    }
    assert row["内容"].startswith("2月7日，杨光明、邓丽华、张伟、冯志强代表轮值")
    assert [r[0] for r in rows if r[header.index("公开属性")]] == ["2025-01-08-lianxi"]  # the internal one is there too
    assert list(activities) == ["履职活动", "整改台账", "填写说明"]
    assert list(values(sample_ledgers / "建议办理台账.xlsx")) == ["建议", "答复", "填写说明"]
    # A supervision's outcome: votes a column each, opinions and items one a line, the
    # questions' deputies by name; its rectification reports a row each in 整改台账.
    pingyi = dict(zip(header, next(r for r in rows if r[0] == "2026-05-19-pingyi")))
    assert (pingyi["测评满意"], pingyi["测评基本满意"], pingyi["测评不满意"]) == (20, 4, 0)
    assert pingyi["审议意见"].splitlines()[0] == "在村便民服务站帮助老人完成养老金领取资格认证"
    assert pingyi["整改事项"].splitlines() == [
        "养老金领取资格认证，不少老人不会操作｜镇人力资源和社会保障服务中心｜2026-08-31",
        "就业岗位信息发布不及时｜镇人力资源和社会保障服务中心｜2026-08-31",
        "灵活就业人员参保政策宣传不够｜镇人力资源和社会保障服务中心｜2026-09-30"]
    xunwen = dict(zip(header, next(r for r in rows if r[0] == "2026-08-18-xunwen")))
    assert xunwen["询问和回答"].splitlines()[0] == "黄丽｜汛期停工后，下半年能不能按期完工？｜镇水利站站长｜9月恢复施工后增加作业面，确保明年汛前完工。"
    report_header, *reports = activities["整改台账"]
    assert report_header == ("编号", "监督活动", "报告单位", "报告日期", "完成的整改事项", "标题", "公开属性", "报告内容")
    first = dict(zip(report_header, next(r for r in reports if r[0] == "2026-05-19-pingyi-a")))
    assert (first["监督活动"], first["报告单位"], first["报告日期"], first["完成的整改事项"]) == (
        "2026-05-19-pingyi", "镇人力资源和社会保障服务中心", dt.datetime(2026, 8, 28), "1、3")


def test_export_refuses_records_with_errors(tmp_path):
    root = write_tree(tmp_path / "records", {**BASE_TREE, "deputies/li-fang.md": "---\nname: 李芳\n---\n"})
    with pytest.raises(LedgerError) as caught:
        export_xlsx(root, tmp_path / "out", SETTINGS)
    assert str(caught.value).splitlines()[0] == "记录有错误，不能导出台账。请先按 renda validate 的提示改正："
    assert f"{root}/deputies/li-fang.md:2:1: error F02: 缺少必填字段 levels（代表层级）" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_export_refuses_a_list_item_the_import_would_split(tmp_path):
    activity = BASE_TREE["activities/2024/2024-03-12-shicha.md"].replace("voters: 5\n", "topics: [饮水、供电]\n")
    root = write_tree(tmp_path / "records", {**BASE_TREE, "activities/2024/2024-03-12-shicha.md": activity})
    with pytest.raises(LedgerError) as caught:
        export_xlsx(root, tmp_path / "out", SETTINGS)
    assert str(caught.value) == (
        "这些内容放进台账后无法原样导回，请先改正：\n"
        f"{root}/activities/2024/2024-03-12-shicha.md 的“主题”里的“饮水、供电”含有分隔符（、，,;；或换行）："
        "请拆成几项或换用别的标点。")


# Importing staff-made ledgers -------------------------------------------------------------

STAFF = {  # a ledger kept by hand: no 编号 column, names for deputies, real Excel dates
    "代表名册": [["姓名", "性别", "代表层级", "任职日期", "代表小组"],
             ["赵磊", "男", "镇", dt.date(2021, 12, 28), "第二代表小组"]],
    "履职活动": [["日期", "活动类型", "标题", "参加代表", "代表之家", "群众意见"],
             [dt.date(2024, 5, 6), "视察", "视察村道", "李芳、赵磊", "红星村代表联络室",
              "路灯坏了｜已转交｜镇建设办\n垃圾清运不及时｜办理中"],
             [dt.date(2024, 5, 6), "视察", "视察学校食堂", "zhang-wei", None, None]],
    "建议": [["序号", "类别", "标题", "领衔代表", "提出日期", "分类", "主办单位", "交办日期"],
           [2, "建议", "关于修缮村道的建议", "赵磊", "2024-05-10", "交通运输", "镇村镇建设办", "2024/5/20"]],
    "答复": [["建议编号", "答复单位", "答复日期", "办理结果", "最终答复"],
           ["2024-002", "镇村镇建设办", dt.date(2024, 6, 20), "A", "是"]],
}
CREATED = [
    ("records/deputies/zhao-lei.md", "代表名册!2"),
    ("records/activities/2024/2024-05-06-shicha.md", "履职活动!2"),
    ("records/activities/2024/2024-05-06-shicha-2.md", "履职活动!3"),
    ("records/suggestions/2024/2024-002.md", "建议!2"),
    ("records/replies/2024/2024-002-a.md", "答复!2"),
]


def test_import_makes_ids_and_files_and_a_second_import_changes_nothing(tmp_path):
    work = project(tmp_path)
    ledger = workbook(work / "台账.xlsx", STAFF)

    first = renda("import", "台账.xlsx", cwd=work)
    assert (first.returncode, first.stdout) == (0, "")
    assert first.stderr.splitlines() == [f"新建 {path}（{row}）" for path, row in CREATED] + [
        "新建 5 条，更新 0 条，没有变化 0 条。"]
    assert (work / "records/activities/2024/2024-05-06-shicha.md").read_text(encoding="utf-8") == """---
title: 视察村道
kind: 视察
date: 2024-05-06
deputies: [li-fang, zhao-lei]
station: hongxing
opinions:
  - summary: 路灯坏了
    status: 已转交
    referred_to: 镇建设办
  - summary: 垃圾清运不及时
    status: 办理中
---
"""
    assert (work / "records/suggestions/2024/2024-002.md").read_text(encoding="utf-8") == """---
title: 关于修缮村道的建议
number: 2
kind: 建议
proposer: zhao-lei
submitted: 2024-05-10
category: 交通运输
handlers:
  lead: 镇村镇建设办
assigned: 2024-05-20
---
"""
    after_first = snapshot(work / "records")

    second = renda("import", str(ledger), cwd=work)
    assert (second.returncode, second.stdout, second.stderr) == (0, "", "新建 0 条，更新 0 条，没有变化 5 条。\n")
    assert snapshot(work / "records") == after_first
    assert renda("validate", cwd=work).returncode == 0


def test_dry_run_lists_what_it_would_do_and_writes_nothing(tmp_path):
    work = project(tmp_path)
    sheets = dict(STAFF)
    sheets["代表名册"] = [["编号", "姓名", "性别", "代表层级", "任职日期", "代表小组", "民族"],
                      [None, "赵磊", "男", "镇", dt.date(2021, 12, 28), "第二代表小组", None],
                      ["li-fang", "李芳", "女", "镇", dt.date(2021, 12, 28), "第一代表小组", "汉族"]]
    workbook(work / "台账.xlsx", sheets)
    before = snapshot(work / "records")

    result = renda("import", "台账.xlsx", "--dry-run", cwd=work)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr.splitlines() == ["（试运行，没有写文件）"] + [
        f"将新建 {path}（{row}）" for path, row in CREATED] + [
        "将更新 records/deputies/li-fang.md（代表名册!3）",
        "新建 5 条，更新 1 条，没有变化 0 条。"]
    assert snapshot(work / "records") == before


def test_five_mistakes_are_reported_together_by_sheet_row_and_column_and_nothing_is_written(tmp_path):
    work = project(tmp_path, {**BASE_TREE, "deputies/zhang-wei-2.md": NAMESAKE})
    workbook(work / "错误.xlsx", {
        "代表名册": [["姓名", "性别", "代表层级", "任职日期"],
                 ["赵磊", "m", "镇", dt.date(2021, 12, 28)]],
        "履职活动": [["日期", "活动类型", "标题", "参加代表"],
                 [dt.date(2024, 5, 6), "视察", "视察村道", "李芳"],  # a good row: not written either
                 ["2024-02-30", "调研", "调研茶叶", "李芳"],
                 [dt.date(2024, 5, 7), "调研", "调研养殖", "李芳、赵六"],
                 [dt.date(2024, 5, 8), "调研", "调研水利", "张伟"],
                 [dt.date(2024, 5, 9), "视察", None, "李芳"]],
    })
    before = snapshot(work / "records")

    result = renda("import", "错误.xlsx", cwd=work)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "错误.xlsx!代表名册:2:2: error L01: 性别: 性别（性别）的值“m”不在可选范围内。可选：男、女。",
        "错误.xlsx!履职活动:3:1: error L01: 日期: 日期（日期）的日期“2024-02-30”不对：日历上没有这一天。请写成 YYYY-MM-DD，"
        "例如 2024-03-15。",
        "错误.xlsx!履职活动:4:4: error L01: 参加代表: 参加代表（参加代表）写的代表“赵六”找不到。请核对编号，或先添加这条代表记录。",
        "错误.xlsx!履职活动:5:4: error L01: 参加代表: “张伟”是 2 位代表的姓名（zhang-wei、zhang-wei-2），同名时请写编号。",
        "错误.xlsx!履职活动:6:3: error L01: 标题: 缺少必填字段 标题（标题），请补上。例如：title: 视察农村饮水安全工程",
    ]
    assert result.stderr == "发现 5 个问题，没有写任何文件。请改正台账后重新导入。\n"
    assert snapshot(work / "records") == before


def test_problems_the_whole_tree_shows_are_mapped_back_to_rows(tmp_path):
    root = write_tree(tmp_path / "records", BASE_TREE)
    ledger = workbook(tmp_path / "l.xlsx", {
        "代表名册": [["编号", "姓名", "性别", "代表层级", "任职日期", "离任日期"],
                 ["zhao-lei", "赵磊", "男", "镇", dt.date(2021, 12, 28), dt.date(2024, 1, 31)],
                 ["zhao-lei", "赵磊", "男", "镇", dt.date(2021, 12, 28), None]],
        "履职活动": [["日期", "活动类型", "标题", "参加代表", "群众意见"],
                 [dt.date(2024, 5, 6), "视察", "视察村道", "赵磊",
                  "路灯坏了｜已转交\n垃圾｜已办结｜镇环卫所｜赵磊｜2024-001｜多余\n井盖｜已办结｜镇村建办｜赵磊｜2099-009"]],
    })
    result = import_files([ledger], root, SETTINGS)
    assert [p.format() for p in result.problems] == [
        "l.xlsx!代表名册:2:6: error L01: 离任日期: 写了 离任日期（离任日期）就要同时写 离任原因（离任原因）。",
        "l.xlsx!代表名册:3:1: error L01: 编号: 代表编号“zhao-lei”重复：代表名册!2 也是这条记录。"
        "请删去重复的一行，或改正编号。",
        "l.xlsx!履职活动:2:4: error L01: 参加代表: 参加代表（参加代表）里的代表“zhao-lei”（赵磊）在 2024-05-06 不在任期内"
        "（任期 2021-12-28 至 2024-01-31）。请核对日期或名单。",
        "l.xlsx!履职活动:2:5: error L01: 群众意见: 写了 群众意见第1行（办理情况“已转交”）就要同时写 转交单位（转交单位）。",
        "l.xlsx!履职活动:2:5: error L01: 群众意见: 第 2 行“垃圾｜已办结｜镇环卫所｜赵磊｜2024-001｜多余”分成了 6 段，"
        "最多是“概要｜办理情况｜转交单位｜反映代表｜形成的建议”五段。",
        "l.xlsx!履职活动:2:5: error L01: 群众意见: 群众意见第3行（形成的建议）写的议案建议“2099-009”找不到。"
        "请核对编号，或先添加这条议案建议记录。",
    ]
    assert result.report() == ["发现 6 个问题，没有写任何文件。请改正台账后重新导入。"]
    assert snapshot(root) == snapshot(write_tree(tmp_path / "fresh", BASE_TREE))


def test_an_update_keeps_comments_and_the_fields_the_sheet_has_no_column_for(tmp_path):
    root = write_tree(tmp_path / "records", {**BASE_TREE, "deputies/li-fang.md": """---
title: 李芳代表
name: 李芳
levels: [镇]
# 2021 年换届选举产生
gender: 女
term_start: 2021-12-28
group: 第一代表小组
---
"""})
    ledger = workbook(tmp_path / "l.xlsx", {"代表名册": [
        ["编号", "姓名", "性别", "代表层级", "任职日期", "代表小组", "民族", "简介"],
        ["li-fang", "李芳", "女", "镇，县", "2021-12-28", "第二代表小组", "汉族", "红星村妇女主任。"]]})
    result = import_files([ledger], root, SETTINGS)
    assert result.problems == []
    assert result.report() == [f"更新 {root.as_posix()}/deputies/li-fang.md（代表名册!2）",
                               "新建 0 条，更新 1 条，没有变化 0 条。"]
    assert (root / "deputies/li-fang.md").read_text(encoding="utf-8") == """---
title: 李芳代表
name: 李芳
levels: [镇, 县]
group: 第二代表小组
# 2021 年换届选举产生
gender: 女
ethnicity: 汉族
term_start: 2021-12-28
---

红星村妇女主任。
"""


def test_a_sheet_is_recognised_by_its_headers_and_wrong_columns_are_named(tmp_path):
    root = write_tree(tmp_path / "records", BASE_TREE)
    ledger = workbook(tmp_path / "名册.xlsx", {"Sheet1": [
        ["青石镇第十八届人大代表名册"],
        ["姓 名", "性别", "代表层级", "政治面目", "备注"],
        ["赵磊", "男", "镇", "群众", "新当选"]]})
    result = import_files([ledger], root, SETTINGS)
    assert [p.format() for p in result.problems] == [
        "名册.xlsx!Sheet1:2:1: error L01: 任职日期: 缺少必填的“任职日期”列，请加上这一列。",
        "名册.xlsx!Sheet1:2:4: error L01: 政治面目: 没有“政治面目”这一列。是不是“政治面貌”？",
        "名册.xlsx!Sheet1:2:5: error L01: 备注: 没有“备注”这一列。可用的列：编号、姓名、性别、民族、政治面貌、工作单位及职务、代表层级、"
        "选区、代表小组、职务、届次、任职日期、离任日期、离任原因、心得体会、公开属性、简介。",
    ]


def test_a_file_that_is_no_ledger_is_a_problem(tmp_path):
    root = write_tree(tmp_path / "records", BASE_TREE)
    notes = tmp_path / "notes.xlsx"
    workbook(notes, {"统计": [["月份", "次数"], ["1月", 3]]})
    (tmp_path / "list.csv").write_text("姓名,性别\n", encoding="utf-8")
    result = import_files([notes, tmp_path / "list.csv"], root, SETTINGS)
    assert [p.format() for p in result.problems] == [
        "list.csv:1:1: error L01: 不是 Excel 文件（.xlsx 或 .xls）。如果是 WPS 表格（.et），请在 WPS 里另存为 .xlsx 后再导入。",
        "notes.xlsx:1:1: error L01: 认不出是哪种台账：工作表名应是代表名册、履职活动、整改台账、建议、答复之一，或者第一行是台账的列名。",
    ]
    assert result.report()[0] == "跳过 notes.xlsx 的工作表“统计”：认不出是哪种台账。"


def test_a_township_renames_columns_in_its_settings(tmp_path):
    root = write_tree(tmp_path / "records", BASE_TREE)
    settings = Settings(today=TODAY)
    settings.ledger_columns = {"代表名册": {"单位及职务": "occupation"}}
    out = export_xlsx(root, tmp_path / "out", settings)
    assert values(out[0])["代表名册"][0][5] == "单位及职务"
    ledger = workbook(tmp_path / "l.xlsx", {"代表名册": [
        ["编号", "姓名", "性别", "代表层级", "任职日期", "单位及职务"],
        ["zhao-lei", "赵磊", "男", "镇", dt.date(2021, 12, 28), "红星村村委会委员"]]})
    result = import_files([ledger], root, settings)
    assert result.problems == []
    assert "occupation: 红星村村委会委员\n" in (root / "deputies/zhao-lei.md").read_text(encoding="utf-8")
    settings.ledger_columns = {"代表名册": {"手机": "phone"}}
    with pytest.raises(LedgerError, match="“手机”对应的字段 phone 不存在"):
        export_xlsx(root, tmp_path / "out", settings)
    # Two columns with one header: named, not a bare StopIteration.
    settings.ledger_columns = {"代表名册": {"姓名": "id"}}
    with pytest.raises(LedgerError) as raised:
        export_xlsx(root, tmp_path / "out", settings)
    assert str(raised.value) == "ledger_columns 里“代表名册”的表头“姓名”已经是字段 name 的表头，两列不能同名。请换一个表头。"


# .xls (Excel 97–2003, what WPS saves by default in many offices) --------------------------

# A real BIFF8 file: 代表名册 with 姓名 性别 代表层级 届次 任职日期 简介 and one row (赵磊, 男,
# 镇、县, the number 18, the date 2021-12-28 formatted YYYY-MM-DD, two lines of text). No
# maintained Python library writes .xls; it was made once with xlwt 1.3.0 (ws.write with an
# easyxf date style), then zlib-compressed and base64-encoded.
XLS = base64.b64decode("""
eNrtWF9IU1EY/527OzfHptM00EBNSMs/YPRgBDoTS5A2nBllDFJzrVJmjIT+gK1M6CEhiB6KXgwjerF6KaOkeosKjHwIgmBL
euopKAjS3b7z7d4xrcBBScb9Xc53vu873znfuec7/+59PZMXG79XHMcSNMKChJaNrDSdoJRtCG5QuaZJ1sjtlDQTqwrZdgpk
lhWPXK9sMoYy3nEouKs+Iwp8oBTAMfgGw8GyFUQz96FHyD40EBW4TpocFHGv8pkeZLqG6R22fMy0iTVjTBvINib2Y8bjq9qq
z+J9SjmX5UC2+4DrvGPNZhTiuZzFZy6JpK0V2yNHegZWWUGJ6sQEKKCtwXAwIuVc3IQD6CLUer21LS0xFFCwJ/BVKwO+GKv6
aZmpX1m9AOm/LdbbfqO3UxCX6i8rKhCF1s2LZJT25T2qLFHFnO/wBVfnRf88jsrQcyKb2S5XJ2WV3dUdKtioOXBrmDRtgfX9
pPnu2xX9GCwNkSZ6+qWPsqGxFycERP2QBaL1iqh7stuZVDq1+iGlzoEbw6WH/CF/KG9ASnRI8KbiXrSpuHixOYn2IZf5PF5y
bnqr+duf33h72z0HWBPlgyR53GyQbwcNZ2UNqpzDJQqMVquYr2Z6jltdx3wx0wJaD5RXtBfqzM4RtjnPpRXkZwtj1lOZxm8k
fvSTf6pkdM6zifjJ1vipgsm3nnGU0/HXR/XlM4IaUSOuXZV46DFyoW9N75kW/bRN2RW33ndNP1NzscCRAY2HRFKSoyNSkqKP
VVKykGRJSSpJakqykmTV/Yhf+BHsJ0u3F+zHlpKkHzn20/QWgv208Wa7bUohH0kb6UFeAhqVfNznQDSlXREcMGHChAkTJkyY
MPFPQ+jXaQtfJcGXR3k9tOn/dRYoJczfJP8tOjBIz3H6qNyBMOURnMxo/qyFVRhtiWXWMf4XSuwl7xH0o5f70Z/x/KXPLZH+
Psuu6P5zSyhT/4lM+vmX/f8A+CPteg==
""")


def test_an_xls_ledger_imports_like_an_xlsx_one(tmp_path):
    root = write_tree(tmp_path / "records", BASE_TREE)
    ledger = tmp_path / "代表名册.xls"
    ledger.write_bytes(zlib.decompress(XLS))
    result = import_files([ledger], root, SETTINGS)
    assert (result.problems, result.report()[-1]) == ([], "新建 1 条，更新 0 条，没有变化 0 条。")
    assert (root / "deputies/zhao-lei.md").read_text(encoding="utf-8") == """---
name: 赵磊
levels: [镇, 县]
term: 18
gender: 男
term_start: 2021-12-28
---

赵磊，男。
红星村村民。
"""


def test_xls_cells_are_read_as_excel_shows_them():
    from xlrd import (
        XL_CELL_BLANK,
        XL_CELL_BOOLEAN,
        XL_CELL_DATE,
        XL_CELL_EMPTY,
        XL_CELL_ERROR,
        XL_CELL_NUMBER,
        XL_CELL_TEXT,
    )
    from xlrd.sheet import Cell

    row = [Cell(XL_CELL_TEXT, "张伟"), Cell(XL_CELL_NUMBER, 18.0), Cell(XL_CELL_DATE, 45363.0),
           Cell(XL_CELL_BOOLEAN, 1), Cell(XL_CELL_EMPTY, ""), Cell(XL_CELL_BLANK, ""),
           Cell(XL_CELL_ERROR, 0x2A)]
    assert xls_values(row, datemode=0) == ["张伟", 18.0, dt.datetime(2024, 3, 12), True, None, None, "#N/A"]


def test_the_reader_goes_by_content_not_by_file_name(tmp_path):
    renamed = workbook(tmp_path / "代表名册.xls", {"代表名册": [["姓名"], ["赵磊"]]})  # an .xlsx really
    assert [(s.name, s.rows) for s in read_workbook(renamed)] == [("代表名册", [(1, ["姓名"]), (2, ["赵磊"])])]


# Templates ------------------------------------------------------------------------------


def test_the_shipped_templates_are_the_generated_ones(tmp_path):
    shipped = REPO / "plugins/renda/data/ledgers"
    fresh = write_templates(tmp_path)
    assert [p.name for p in fresh] == LEDGERS
    for path in fresh:
        assert values(shipped / path.name) == values(path), f"{path.name}：请运行 write_templates 重新生成"
    header, = values(shipped / "代表名册.xlsx")["代表名册"]
    assert header == ("编号", "姓名", "性别", "民族", "政治面貌", "工作单位及职务", "代表层级", "选区", "代表小组",
                      "职务", "届次", "任职日期", "离任日期", "离任原因", "心得体会", "公开属性",
                      "简介")


def test_an_empty_template_imports_nothing(tmp_path):
    root = write_tree(tmp_path / "records", BASE_TREE)
    result = import_files([REPO / "plugins/renda/data/ledgers" / name for name in LEDGERS], root, SETTINGS)
    assert (result.problems, result.report()) == ([], ["新建 0 条，更新 0 条，没有变化 0 条。"])


def test_a_warning_does_not_stop_the_import_and_names_the_row(tmp_path):
    root = write_tree(tmp_path / "records", BASE_TREE)
    ledger = workbook(tmp_path / "述职.xlsx", {"履职活动": [
        ["日期", "活动类型", "标题", "参加代表", "地点"],
        [dt.date(2024, 6, 3), "述职", "李芳向选民述职", "李芳", "红星村"]]})
    result = import_files([ledger], root, SETTINGS)
    assert result.problems == []
    assert [w.format() for w in result.warnings] == [
        "述职.xlsx!履职活动:2:2: warning L02: 活动类型: 这是一次述职活动，但没有写述职代表 reporters："
        "述职的积分不会计给任何人，参加代表都按参加计分。请写明谁作了述职报告，例如 reporters: [zhang-wei]。",
    ]
    assert result.report() == [
        result.warnings[0].format(),
        f"新建 {root.as_posix()}/activities/2024/2024-06-03-shuzhi.md（履职活动!2）",
        "新建 1 条，更新 0 条，没有变化 0 条。",
    ]
