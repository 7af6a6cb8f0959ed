"""``renda validate`` and ``renda fields`` as a user runs them: real processes, exact output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import BASE_TREE, make_project, write_tree

REPO = Path(__file__).resolve().parent.parent


def renda(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "renda", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8")


BROKEN = {
    "deputies/zhao-lei.md": "---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\n"
                            "grup: 第一代表小组\n---\n",
    "activities/2024/2024-05-01.md": "---\ntitle: 学习\nkind: 学习\ndate: 2024-05-01\n"
                                     "deputies: [zhang-wei, li-fag]\n---\n",
}


def test_sample_township_validates_clean():
    result = renda("validate", "records/")
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr.startswith("已检查 ") and result.stderr.endswith("条记录，没有发现问题。\n")


def test_all_problems_of_all_files_are_reported_at_once_sorted(tmp_path):
    write_tree(tmp_path / "records", {**BASE_TREE, **BROKEN})
    result = renda("validate", "records", "--today", "2026-11-21", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "records/activities/2024/2024-05-01.md:3:7: error F04: kind（活动类型）的值“学习”不在可选范围内。"
        "是不是想写“学习培训”？可选：视察、调研、执法检查、站所评议、专题询问、学习培训、外出考察、接待选民、"
        "联系选民、述职、代表小组活动、其他。",
        "records/activities/2024/2024-05-01.md:5:23: error X02: deputies[1]（参加代表）写的代表“li-fag”找不到。"
        "是不是 li-fang？",
        "records/deputies/zhao-lei.md:6:1: error F01: 代表记录没有 grup 这个字段。是不是想写 group？",
        "共 3 个错误，0 个警告。",
    ]


def test_json_format_gives_every_attribute(tmp_path):
    write_tree(tmp_path / "records", {**BASE_TREE, "deputies/zhao-lei.md": BROKEN["deputies/zhao-lei.md"]})
    result = renda("validate", "records", "--format", "json", "--today", "2026-11-21", cwd=tmp_path)
    assert result.returncode == 1
    assert json.loads(result.stdout) == {
        "errors": 1,
        "warnings": 0,
        "problems": [{
            "path": "records/deputies/zhao-lei.md", "line": 6, "column": 1, "code": "F01",
            "level": "error", "field": "grup", "message": "代表记录没有 grup 这个字段。是不是想写 group？",
        }],
    }


def test_warnings_alone_exit_zero(tmp_path):
    write_tree(tmp_path / "records", {**BASE_TREE, "notes.md": "---\ntitle: 备忘\n---\n"})
    result = renda("validate", "records", "--today", "2026-11-21", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == "共 0 个错误，1 个警告。"


def test_missing_folder_is_a_clear_error(tmp_path):
    result = renda("validate", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: 找不到记录文件夹 nowhere"
    assert "Traceback" not in result.stderr


def test_bad_today_is_a_clear_error(tmp_path):
    write_tree(tmp_path / "records", BASE_TREE)
    result = renda("validate", "records", "--today", "2024/01/01", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: --today 要写成 YYYY-MM-DD，“2024/01/01”不对"


def test_vocabulary_comes_from_mkdocs_yml(tmp_path):
    activity = ("---\ntitle: 代表进网格\nkind: 进网格\ndate: 2024-05-01\ndeputies: [zhang-wei]\n---\n")
    write_tree(tmp_path / "records", {**BASE_TREE, "activities/2024/2024-05-01.md": activity})
    assert renda("validate", "records", cwd=tmp_path).returncode == 1
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - search\n  - renda:\n      vocabularies:\n"
        "        activity_kinds: [视察, 学习培训, 进网格]\n", encoding="utf-8")
    result = renda("validate", "records", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")


def test_unknown_vocabulary_in_config_is_named(tmp_path):
    write_tree(tmp_path / "records", BASE_TREE)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - renda:\n      vocabularies:\n        activity_kind: [视察]\n",
        encoding="utf-8")
    result = renda("validate", "records", cwd=tmp_path)
    assert result.returncode == 1
    assert "未知的词表 'activity_kind'" in result.stderr


def test_motion_cosigner_minimum_is_configurable(tmp_path):
    motion = ("---\ntitle: 关于设立养老服务中心的议案\nnumber: 1\nkind: 议案\nproposer: zhang-wei\n"
              "cosigners: [li-fang]\nsubmitted: 2024-01-15\ncategory: 社会保障\n---\n")
    write_tree(tmp_path / "records", {**BASE_TREE, "suggestions/2024/2024-y01.md": motion})
    assert renda("validate", "records", cwd=tmp_path).returncode == 1
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - renda:\n      rules:\n        motion_min_cosigners: 1\n",
        encoding="utf-8")
    assert renda("validate", "records", cwd=tmp_path).returncode == 0


def test_fields_prints_the_committed_reference():
    result = renda("fields")
    assert result.returncode == 0
    assert result.stdout == (REPO / "docs" / "records.md").read_text(encoding="utf-8")


def test_help_lists_the_commands():
    result = renda("--help")
    assert result.returncode == 0
    for command in ("validate", "fields"):
        assert command in result.stdout


def test_every_plugin_option_is_documented_in_the_readme():
    from renda.mkdocs_adapter.plugin import RendaConfig

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Plugin options", 1)[1].split("\n## ", 1)[0]
    documented = {line.split("`")[1] for line in table.splitlines() if line.startswith("| `")}
    assert documented == {name for name, _ in RendaConfig._schema}


def test_github_annotations(tmp_path):
    write_tree(tmp_path / "records", {**BASE_TREE, **BROKEN})
    result = renda("validate", "records", "--format", "github", "--today", "2026-11-21", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=records/activities/2024/2024-05-01.md,line=3,col=7,title=F04::kind（活动类型）的值“学习”"
        "不在可选范围内。是不是想写“学习培训”？可选：视察、调研、执法检查、站所评议、专题询问、学习培训、外出考察、"
        "接待选民、联系选民、述职、代表小组活动、其他。",
        "::error file=records/activities/2024/2024-05-01.md,line=5,col=23,title=X02::deputies[1]（参加代表）"
        "写的代表“li-fag”找不到。是不是 li-fang？",
        "::error file=records/deputies/zhao-lei.md,line=6,col=1,title=F01::代表记录没有 grup 这个字段。是不是想写 group？",
    ]


def test_gitlab_code_quality_report(tmp_path):
    write_tree(tmp_path / "records", {**BASE_TREE, "deputies/zhao-lei.md": BROKEN["deputies/zhao-lei.md"]})
    result = renda("validate", "records", "--format", "gitlab", "--today", "2026-11-21", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert [{k: v for k, v in item.items() if k != "fingerprint"} for item in report] == [{
        "description": "F01: 代表记录没有 grup 这个字段。是不是想写 group？", "check_name": "F01",
        "severity": "major", "location": {"path": "records/deputies/zhao-lei.md", "lines": {"begin": 6}}}]
    assert len(report[0]["fingerprint"]) == 64


def test_markdown_summary_for_a_pull_request(tmp_path):
    write_tree(tmp_path / "records", {**BASE_TREE, "deputies/zhao-lei.md": BROKEN["deputies/zhao-lei.md"]})
    result = renda("validate", "records", "--format", "markdown", "--today", "2026-11-21", cwd=tmp_path)
    assert result.stdout == (
        "### 记录检查：1 个错误，0 个警告\n\n错误必须改正后才能合并发布；警告请审核人核对。\n\n"
        "| 文件 | 行 | 级别 | 代码 | 说明 |\n|---|---|---|---|---|\n"
        "| `records/deputies/zhao-lei.md` | 6 | 错误 | F01 | 代表记录没有 grup 这个字段。是不是想写 group？ |\n\n")
    clean = tmp_path / "clean"
    write_tree(clean / "records", BASE_TREE)
    result = renda("validate", "records", "--format", "markdown", "--today", "2026-11-21", cwd=clean)
    assert (result.returncode, result.stdout) == (0, "### 记录检查通过\n\n没有发现问题，可以审核合并。\n\n")


def test_forge_workflows_check_requests_and_deploy_only_after_a_good_build():
    import yaml

    github = yaml.safe_load((REPO / ".github" / "workflows" / "renda.yml").read_text(encoding="utf-8"))
    gitea = yaml.safe_load((REPO / ".gitea" / "workflows" / "renda.yml").read_text(encoding="utf-8"))
    for flow in (github, gitea):
        triggers = flow[True]  # YAML 1.1 reads the key `on` as true
        assert set(triggers) == {"pull_request", "push"}
        check, publish = flow["jobs"]["check"], flow["jobs"]["publish"]
        assert any("renda validate --format github" in step.get("run", "") for step in check["steps"])
        assert publish["needs"] == "check" and publish["if"] == "github.event_name == 'push'"
        build = next(step for step in publish["steps"] if "mkdocs build --strict" in step.get("run", ""))
        assert build["env"] == {"RENDA_RELEASE": "true"}
        assert publish["steps"].index(build) < len(publish["steps"]) - 1  # deploy comes after it
        assert check["steps"][0]["with"]["fetch-depth"] == 0
        # What the browser editor saved on a cms/ branch is settled before it is checked, and
        # the settled files are committed onto that branch.
        assert "then renda fmt --editor; fi" in check["steps"][-1]["run"]
        editor = flow["jobs"]["editor"]
        assert editor["if"] == "github.event_name == 'pull_request' && startsWith(github.head_ref, 'cms/')"
        assert editor["steps"][0]["with"]["ref"] == "${{ github.head_ref }}"
        assert "renda fmt --editor" in editor["steps"][-1]["run"] and "git push" in editor["steps"][-1]["run"]
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["variables"]["GIT_DEPTH"] == "0"
    assert gitlab["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert gitlab["pages"]["needs"] == ["build"]
    assert gitlab["editor"]["rules"] == [
        {"if": '$CI_PIPELINE_SOURCE == "merge_request_event" && $CI_MERGE_REQUEST_SOURCE_BRANCH_NAME =~ /^cms\\//'}]
    assert "renda fmt --editor" in gitlab["editor"]["script"]
    assert "RENDA_RELEASE=true mkdocs build --strict" in gitlab["build"]["script"]
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "renda-validate" and hooks[0]["entry"] == "renda validate"


def test_bad_settings_in_mkdocs_yml_are_named_in_chinese(tmp_path):
    write_tree(tmp_path / "records", BASE_TREE)
    for option, message in (("term: 十八", "term（届次）要写数字，如 18 表示第十八届，“十八”不对"),
                            ("today: 2024/01/01", "today 要写成 YYYY-MM-DD，“2024/01/01”不对")):
        (tmp_path / "mkdocs.yml").write_text(f"site_name: x\nplugins:\n  - renda:\n      {option}\n",
                                             encoding="utf-8")
        result = renda("validate", "records", cwd=tmp_path)
        assert result.returncode == 1
        assert result.stderr.strip() == f"Error: mkdocs.yml 里 renda 插件的设置有误：{message}"


def test_a_missing_records_folder_stops_the_build_in_chinese(tmp_path):
    import os

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - renda:\n      records_dir: nowhere\n",
                                         encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=tmp_path, capture_output=True,
                            text=True, encoding="utf-8", env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 1
    assert f"找不到记录文件夹 {tmp_path / 'nowhere'}" in result.stderr


def test_records_are_found_beside_the_mkdocs_yml_given(tmp_path):
    project = make_project(tmp_path / "town", BASE_TREE)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = renda("validate", "--config", str(project / "mkdocs.yml"), cwd=elsewhere)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "已检查 9 条记录，没有发现问题。\n")
    result = renda("new", "deputy", "--no-input", "--set", "name=赵磊", "--set", "levels=镇",
                   "--set", "gender=男", "--set", "term_start=2021-12-28", "--set", "group=第一代表小组",
                   "--config", str(project / "mkdocs.yml"), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert list(elsewhere.iterdir()) == []
    assert (project / "records" / "deputies" / "zhao-lei.md").exists()
