"""Provenance from a real Git repository: branches, --no-ff merges in each forge's style with
and without trailers, a fast-forward push, a later correction and a rename; then the record
footers, the corrections page and the feeds, and the release checks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from conftest import BASE_TREE, make_project, mkdocs_build, write_tree

DEPUTY_FILES = {k: v for k, v in BASE_TREE.items() if k.startswith(("deputies/", "stations/", "meetings/"))}
SUGGESTION_FILES = {k: v for k, v in BASE_TREE.items() if k.startswith(("suggestions/", "replies/"))}
ACTIVITY_FILES = {k: v for k, v in BASE_TREE.items() if k.startswith(("activities/", "projects/"))}


def git(repo: Path, *args: str, who: str = "镇人大办张敏", when: str = "2024-01-10T09:00:00+08:00") -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="镇人大办张敏", GIT_AUTHOR_EMAIL="zm@example.invalid",
               GIT_COMMITTER_NAME=who, GIT_COMMITTER_EMAIL="review@example.invalid",
               GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout.strip()


def merge(repo: Path, branch: str, message: str, who: str, when: str) -> str:
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", branch, "-m", message, who=who, when=when)
    return git(repo, "rev-parse", "HEAD")


def change_on_branch(repo: Path, branch: str, files: dict, message: str, when: str) -> None:
    git(repo, "checkout", "-q", "-b", branch, "main")
    write_tree(repo / "records", files)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """The township's repository after a year of pull requests (see the module docstring)."""
    repo = make_project(tmp_path_factory.mktemp("git") / "township", {})
    (repo / ".gitignore").write_text("/site/\n/site-internal/\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "初始化记录库", when="2024-01-10T09:00:00+08:00")
    hashes = {}
    change_on_branch(repo, "add-deputies", DEPUTY_FILES, "录入代表名单和会议", "2024-01-30T10:00:00+08:00")
    hashes["github"] = merge(repo, "add-deputies", "Merge pull request #1 from rdb/add-deputies\n\n"
                             "录入代表名单\n\nReviewed-by: 李主任 <li@example.invalid>",
                             "王审核", "2024-02-01T10:00:00+08:00")
    change_on_branch(repo, "suggestions", SUGGESTION_FILES, "录入建议和答复", "2024-04-25T10:00:00+08:00")
    hashes["gitlab"] = merge(repo, "suggestions", "Merge branch 'suggestions' into 'main'\n\n录入建议\n\n"
                             "See merge request rdb/renda!7\n\nApproved-by: 赵审核 <z@example.invalid>",
                             "赵审核", "2024-04-26T10:00:00+08:00")
    change_on_branch(repo, "activity", ACTIVITY_FILES, "录入活动和项目", "2024-12-25T10:00:00+08:00")
    hashes["gitea"] = merge(repo, "activity", "Merge pull request '录入活动' (#12) from activity into main",
                            "孙审核", "2024-12-26T10:00:00+08:00")
    # A fast-forward push: no merge commit, no review.
    git(repo, "checkout", "-q", "-b", "hotfix", "main")
    write_tree(repo / "records", {"deputies/zhao-lei.md": "---\nname: 赵磊\nlevels: [镇]\ngender: 男\n"
                                                          "term_start: 2024-03-01\n---\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "补录赵磊", when="2025-01-05T10:00:00+08:00")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "hotfix")
    hashes["push"] = git(repo, "rev-parse", "HEAD")
    # A correction through a reviewed pull request.
    fixed = BASE_TREE["deputies/li-fang.md"].replace(
        "group: 第一代表小组\n---\n", "group: 第一代表小组\noccupation: 红星村卫生室医生\n---\n李芳代表是村医。\n")
    change_on_branch(repo, "fix-li-fang", {"deputies/li-fang.md": fixed}, "补充李芳代表的工作单位",
                     "2025-03-01T10:00:00+08:00")
    hashes["fix"] = merge(repo, "fix-li-fang", "Merge pull request #15 from rdb/fix-li-fang\n\n"
                          "Reviewed-by: 李主任 <li@example.invalid>", "王审核", "2025-03-02T10:00:00+08:00")
    # A rename that keeps the record's id.
    git(repo, "checkout", "-q", "-b", "rename", "main")
    old = repo / "records" / "activities" / "2024" / "2024-03-12-shicha.md"
    new = old.with_name("2024-03-12-shicha-hongxing.md")
    git(repo, "mv", str(old.relative_to(repo)), str(new.relative_to(repo)))
    new.write_text(new.read_text(encoding="utf-8").replace("---\ntitle:", "---\nid: 2024-03-12-shicha\ntitle:", 1),
                   encoding="utf-8")
    git(repo, "commit", "-qam", "活动文件按村名命名", when="2025-04-01T10:00:00+08:00")
    hashes["rename"] = merge(repo, "rename", "Merge pull request #16 from rdb/rename\n\n"
                             "Reviewed-by: 李主任 <li@example.invalid>", "王审核", "2025-04-02T10:00:00+08:00")
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace('reviewed_merges: "off"', 'reviewed_merges: "warn"').replace(
        "      term: 18\n", "      term: 18\n      commit_url: https://git.example.cn/qingshi/renda/commit/{hash}\n")
    (repo / "mkdocs.yml").write_text(config, encoding="utf-8")
    git(repo, "commit", "-qam", "网站设置", when="2025-04-03T10:00:00+08:00")
    result = mkdocs_build(repo)
    return repo, hashes, result


def footer(repo: Path, url: str) -> str:
    html = (repo / "site" / url / "index.html").read_text(encoding="utf-8")
    part = html.split('<footer class="renda-provenance" aria-label="公开与更正">', 1)[1].split("</footer>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part)).strip()


def test_normal_build_warns_about_the_unreviewed_push(repo):
    repo, hashes, result = repo
    warnings = [line for line in result.stderr.splitlines() if "warning G" in line]
    assert warnings == [
        f"WARNING -  records/deputies/zhao-lei.md:1:1: warning G03: 这条记录由提交 {hashes['push'][:10]}（补录赵磊）"
        "直接进入主分支，没有经过合并请求审核。请通过合并请求（pull request）提交，审核合并后再发布。"]
    assert result.returncode == 1  # --strict: the warning fails the build, the old site stays


def built(repo: Path) -> Path:
    """A non-strict build of the repository (the G03 warning does not stop it)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=repo, env=env, check=True, capture_output=True)
    return repo


@pytest.fixture(scope="module")
def site(repo):
    repo, hashes, _ = repo
    return built(repo), hashes


def test_footer_of_a_record_from_a_github_merge_later_corrected(site):
    repo, h = site
    # What the public needs: when it was made public, who approved it, when it was last
    # corrected, a short version id; the full id and the pull request one click away.
    assert footer(repo, "deputies/li-fang") == (
        f"公开于 2024年2月1日 审核人 李主任 最后更正于 2025年3月2日 版本 {h['fix'][:8]} 版本详情 "
        f"完整版本号： {h['fix']} 。 公开时经合并请求 #1 审核合并（李主任）。"
        "网站上的每条记录都保存在版本库里，每一次修改都有记录，见 更正记录 。")
    html = (repo / "site" / "deputies" / "li-fang" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="https://git.example.cn/qingshi/renda/commit/{h["fix"]}"><code>{h["fix"]}</code></a>' in html
    assert f'href="../../corrections/#c-{h["fix"][:10]}-li-fang"' in html


def test_footers_name_each_forges_request_and_reviewer(site):
    repo, h = site
    def head(url):
        return footer(repo, url).split(" 版本详情 ", 1)

    assert head("suggestions/2024-001") == [
        f"公开于 2024年4月26日 审核人 赵审核 版本 {h['gitlab'][:8]}",
        f"完整版本号： {h['gitlab']} 。 公开时经合并请求 !7 审核合并（赵审核）。"
        "网站上的每条记录都保存在版本库里，每一次修改都有记录，见 更正记录 。"]
    assert head("projects/2024-01")[0] == f"公开于 2024年12月26日 审核人 孙审核 版本 {h['gitea'][:8]}"
    assert "公开时经合并请求 #12 审核合并（孙审核）。" in head("projects/2024-01")[1]
    # A direct push has no approver to name; the details say there was no pull request.
    assert head("deputies/zhao-lei")[0] == f"公开于 2025年1月5日 版本 {h['push'][:8]}"
    assert "公开时的版本没有合并请求记录。" in head("deputies/zhao-lei")[1]


def test_a_rename_keeps_the_first_publication(site):
    repo, h = site
    assert footer(repo, "activities/2024-03-12-shicha").split(" 版本详情 ")[0] == (
        f"公开于 2024年12月26日 审核人 孙审核 最后更正于 2025年4月2日 版本 {h['rename'][:8]}")


def test_corrections_page_lists_changes_newest_first_and_not_additions(site):
    repo, h = site
    html = (repo / "site" / "corrections" / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section class="renda-correction" id="([^"]+)">(.*?)</section>', html, re.S)
    text = [(anchor, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip()) for anchor, body in sections]
    assert text == [
        (f"c-{h['rename'][:10]}-2024-03-12-shicha-hongxing",
         f"2025年4月2日 视察农村饮水安全工程 履职活动 · 审核人 李主任 · 版本 {h['rename'][:8]} · "
         "文件由 2024-03-12-shicha.md 改名为 2024-03-12-shicha-hongxing.md 项目 原来 现在 编号 （无） 2024-03-12-shicha"),
        (f"c-{h['fix'][:10]}-li-fang",
         f"2025年3月2日 李芳 代表 · 审核人 李主任 · 版本 {h['fix'][:8]} 项目 原来 现在 "
         "工作单位及职务 （无） 红星村卫生室医生 加入 李芳代表是村医。"),
    ]


def test_feeds_parse_and_hold_the_expected_entries(site):
    repo, h = site
    new = feedparser.parse((repo / "site" / "feeds" / "new.atom").read_bytes())
    assert not new.bozo
    assert new.feed.title == "青石镇人大：新发布的记录"
    assert len(new.entries) == 10  # every shown record
    assert (new.entries[0].title, new.entries[0].link) == ("赵磊", "https://qingshi.example.gov.cn/deputies/zhao-lei/")
    fixes = feedparser.parse((repo / "site" / "feeds" / "corrections.rss").read_bytes())
    assert not fixes.bozo
    assert [e.title for e in fixes.entries] == ["更正：视察农村饮水安全工程", "更正：李芳"]
    assert fixes.entries[1].summary == f"更正了工作单位及职务、正文（版本 {h['fix'][:8]}）"
    deputy = feedparser.parse((repo / "site" / "feeds" / "deputies" / "li-fang.atom").read_bytes())
    # Every record naming her: the station she receives voters at too.
    assert [e.title for e in deputy.entries] == [
        "更正：视察农村饮水安全工程", "更正：李芳", "视察农村饮水安全工程", "关于加快红星村饮水工程建设的建议",
        "红星村代表联络室", "第十八届人民代表大会第三次会议", "李芳"]


def test_release_build_refuses_unreviewed_records_when_the_policy_says_error(tmp_path, repo):
    source, hashes, _ = repo
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(source), str(clone)], check=True)
    config = (clone / "mkdocs.yml").read_text(encoding="utf-8").replace(
        'reviewed_merges: "warn"', 'reviewed_merges: "error"').replace(
        "release: !ENV [RENDA_RELEASE, false]", "release: true")
    (clone / "mkdocs.yml").write_text(config, encoding="utf-8")
    git(clone, "commit", "-qam", "发布设置")
    result = mkdocs_build(clone)
    assert result.returncode == 1
    assert (f"ERROR   -  records/deputies/zhao-lei.md:1:1: error G03: 这条记录由提交 {hashes['push'][:10]}（补录赵磊）"
            "直接进入主分支，没有经过合并请求审核。") in result.stderr
    assert "发布前检查有 1 个错误，网站没有生成；原来的网站保持不变。" in result.stderr
    assert not (clone / "site").exists()


def test_shallow_clone_fails_the_release_build_and_only_warns_otherwise(tmp_path, repo):
    source, _, _ = repo
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{source}", str(clone)], check=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    normal = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=clone, env=env, capture_output=True,
                            text=True, encoding="utf-8")
    assert normal.returncode == 0
    shallow_message = ("records:1:1: {} G01: 版本库是浅克隆（只取了部分历史），无法确认每条记录何时发布、由谁审核。"
                       "请运行 git fetch --unshallow 取回完整历史后再构建。")
    assert "WARNING -  " + shallow_message.format("warning") in normal.stderr
    release = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=clone, env={**env, "RENDA_RELEASE": "true"},
                             capture_output=True, text=True, encoding="utf-8")
    assert release.returncode == 1
    assert "ERROR   -  " + shallow_message.format("error") in release.stderr


def test_a_dirty_work_tree_fails_the_release_build(tmp_path, repo):
    source, _, _ = repo
    clone = tmp_path / "dirty"
    subprocess.run(["git", "clone", "-q", str(source), str(clone)], check=True)
    record = clone / "records" / "deputies" / "li-fang.md"
    record.write_text(record.read_text(encoding="utf-8") + "未提交的修改\n", encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RENDA_RELEASE="true")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=clone, env=env, capture_output=True,
                            text=True, encoding="utf-8")
    assert result.returncode == 1
    assert ("ERROR   -  records:1:1: error G02: 工作区有未提交的改动（records/deputies/li-fang.md）。"
            "发布的网站必须和版本库里审核过的内容一致") in result.stderr


def test_the_same_records_give_a_byte_identical_site(tmp_path, site):
    """Rebuilt elsewhere (another folder, other file times, later), the site is the same to
    the byte: pages, feeds, data files, spreadsheets and the search index."""
    repo, _ = site
    clone = tmp_path / "elsewhere"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    built(clone)
    first = {p.relative_to(repo / "site"): p for p in sorted((repo / "site").rglob("*")) if p.is_file()}
    second = {p.relative_to(clone / "site"): p for p in sorted((clone / "site").rglob("*")) if p.is_file()}
    assert list(first) == list(second)
    assert len(first) > 100 and any(p.suffix == ".xlsx" for p in first)
    differ = [str(rel) for rel, path in first.items() if path.read_bytes() != second[rel].read_bytes()]
    assert differ == []


def test_what_a_record_said_while_internal_never_reaches_the_corrections(tmp_path):
    repo = make_project(tmp_path / "town", {})
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "初始化记录库")
    internal = dict(BASE_TREE)
    internal["projects/2024/2024-01.md"] = BASE_TREE["projects/2024/2024-01.md"].replace(
        "number: 1\n", "number: 1\ndisclosure: internal\n") + "\n内部讨论：资金缺口暂不公开。\n"
    change_on_branch(repo, "add", internal, "录入记录", "2024-02-01T10:00:00+08:00")
    merge(repo, "add", "Merge pull request #1 from add", "主任", "2024-02-02T10:00:00+08:00")
    public = BASE_TREE["projects/2024/2024-01.md"] + "\n工程已开工。\n"
    change_on_branch(repo, "publish", {"projects/2024/2024-01.md": public}, "公开项目", "2024-03-01T10:00:00+08:00")
    merge(repo, "publish", "Merge pull request #2 from publish", "主任", "2024-03-02T10:00:00+08:00")
    fixed = public.replace("工程已开工。", "工程已于三月开工。")
    change_on_branch(repo, "fix", {"projects/2024/2024-01.md": fixed}, "更正开工时间", "2024-04-01T10:00:00+08:00")
    merge(repo, "fix", "Merge pull request #3 from fix", "主任", "2024-04-02T10:00:00+08:00")
    built(repo)
    site = b"".join(p.read_bytes() for p in (repo / "site").rglob("*") if p.is_file()).decode("utf-8", "replace")
    assert "资金缺口" not in site
    page = (repo / "site" / "corrections" / "index.html").read_text(encoding="utf-8")
    assert "工程已于三月开工。" in page and page.count('class="renda-correction"') == 1


def test_nothing_written_while_a_record_was_internal_is_shown_anywhere(tmp_path):
    # Public in v1, internal with new text in v2, public again in v3: the public saw v1, then
    # v3. The correction is v1 → v3, dated v3; v2's text appears in no page, feed or diff.
    repo = make_project(tmp_path / "town", {})
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "初始化记录库")
    path = "projects/2024/2024-01.md"
    v1 = BASE_TREE[path] + "\n工程已开工。\n"
    change_on_branch(repo, "v1", {**BASE_TREE, path: v1}, "录入记录", "2024-02-01T10:00:00+08:00")
    merge(repo, "v1", "Merge pull request #1 from v1", "主任", "2024-02-02T10:00:00+08:00")
    v2 = BASE_TREE[path].replace("number: 1\n", "number: 1\ndisclosure: internal\n") + (
        "\n工程已开工。\n\n内部讨论：资金缺口暂不公开。\n")
    change_on_branch(repo, "v2", {path: v2}, "暂不公开", "2024-03-01T10:00:00+08:00")
    merge(repo, "v2", "Merge pull request #2 from v2", "主任", "2024-03-02T10:00:00+08:00")
    v3 = BASE_TREE[path] + "\n工程已于三月开工。\n"
    change_on_branch(repo, "v3", {path: v3}, "重新公开", "2024-04-01T10:00:00+08:00")
    v3_hash = merge(repo, "v3", "Merge pull request #3 from v3", "主任", "2024-04-02T10:00:00+08:00")
    built(repo)
    site = b"".join(p.read_bytes() for p in (repo / "site").rglob("*") if p.is_file()).decode("utf-8", "replace")
    assert "资金缺口" not in site
    page = (repo / "site" / "corrections" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="renda-correction"') == 1
    section = page.split('class="renda-correction"', 1)[1].split("</section>", 1)[0]
    assert v3_hash[:10] in section and "2024年4月2日" in section
    assert "<li class=\"renda-del\"><span>删去</span>工程已开工。</li>" in section
    assert "<li class=\"renda-ins\"><span>加入</span>工程已于三月开工。</li>" in section
    feed = feedparser.parse((repo / "site" / "feeds" / "corrections.atom").read_bytes())
    assert [(e.title, e.published) for e in feed.entries] == [("更正：红星村饮水安全巩固提升工程",
                                                             "2024-04-02T10:00:00+08:00")]


def test_a_record_is_published_on_the_day_it_first_became_public(tmp_path):
    repo = make_project(tmp_path / "town", {})
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "初始化记录库")
    path = "projects/2024/2024-01.md"
    draft = BASE_TREE[path].replace("number: 1\n", "number: 1\ndisclosure: internal\n")
    change_on_branch(repo, "draft", {**BASE_TREE, path: draft}, "内部录入", "2024-02-01T10:00:00+08:00")
    merge(repo, "draft", "Merge pull request #1 from draft", "主任", "2024-02-02T10:00:00+08:00")
    change_on_branch(repo, "publish", {path: BASE_TREE[path]}, "公开项目", "2024-05-01T10:00:00+08:00")
    merge(repo, "publish", "Merge pull request #2 from publish", "赵审核", "2024-05-02T10:00:00+08:00")
    built(repo)
    page = (repo / "site" / "projects" / "2024-01" / "index.html").read_text(encoding="utf-8")
    footer = page.split('class="renda-provenance"', 1)[1]
    assert '<dt>公开于</dt><dd><time datetime="2024-05-02T10:00:00+08:00">2024年5月2日</time></dd>' in footer
    assert "赵审核" in footer
    corrections = (repo / "site" / "corrections" / "index.html").read_text(encoding="utf-8")
    assert 'class="renda-correction"' not in corrections
    feed = feedparser.parse((repo / "site" / "feeds" / "new.atom").read_bytes())
    entry = next(e for e in feed.entries if e.id.endswith("projects/2024-01"))
    assert entry.published.startswith("2024-05-02")


def test_a_repository_without_a_commit_yet_builds(tmp_path):
    # git init just run, nothing committed: no history to show, and no traceback.
    repo = make_project(tmp_path / "town", BASE_TREE)
    git(repo, "init", "-q", "-b", "main")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=repo, capture_output=True, text=True,
                            encoding="utf-8", env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "warning G02: 工作区有未提交的改动" in result.stderr
    page = (repo / "site" / "deputies" / "li-fang" / "index.html").read_text(encoding="utf-8")
    assert 'class="renda-provenance"' not in page


def test_a_corrected_field_is_named_and_shown_as_a_reader_reads_it():
    from renda.core.provenance import diff_versions
    from renda.site.pages import _field_labels

    old = ("---\ntitle: 第三次会议\nkind: 人民代表大会\ndate: 2024-01-15\nvotes:\n  - item: 关于政府工作报告的决议\n"
           "    for: 58\n    against: 0\n---\n").encode()
    new = old.replace(b"for: 58", b"for: 59").replace(b"title:", b"oath: \xe6\x98\xaf\ntitle:")
    fields, body = diff_versions(old, new, _field_labels("meetings"))
    assert [(f.key, f.label, f.old, f.new) for f in fields] == [
        ("votes", "表决", "表决事项：关于政府工作报告的决议，赞成票：58，反对票：0",
         "表决事项：关于政府工作报告的决议，赞成票：59，反对票：0"),
        ("oath", "宪法宣誓", None, "是")]
    assert body == []


def test_a_version_is_read_again_only_where_the_file_is_no_longer_that_version(tmp_path):
    # One committed version, internal; the file in the work tree says public (not committed).
    # The public never saw a version: no publication, although the file now reads public. A
    # committed, unedited one-version record is public as shown, without reading it again.
    from renda.core.provenance import public_history, read_history

    repo = write_tree(tmp_path / "repo", {
        "records/a.md": "---\ntitle: 甲\ndisclosure: internal\n---\n",
        "records/b.md": "---\ntitle: 乙\n---\n"})
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "录入")
    (repo / "records/a.md").write_text("---\ntitle: 甲\ndisclosure: public\n---\n", encoding="utf-8")
    history = read_history(repo)
    shown, corrections = public_history(history, {"records/a.md": "public", "records/b.md": "public"})
    assert (sorted(shown), corrections) == (["records/b.md"], [])
    git(repo, "commit", "-q", "-am", "公开甲")
    shown, corrections = public_history(read_history(repo), {"records/a.md": "public", "records/b.md": "public"})
    assert [(rel, len(p.changes)) for rel, p in sorted(shown.items())] == [("records/a.md", 0), ("records/b.md", 0)]
