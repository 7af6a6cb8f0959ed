"""The browser editor on the office PC: Decap CMS (vendored) on ``renda edit``'s local backend,
against a real Git repository in tmp_path, in Debian's Chromium. A staff member fills the
Chinese form; the file lands where ``renda new`` would put it, in the form ``renda fmt``
writes, validates, is committed, and shows on the rebuilt site."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import BASE_TREE, REPO, make_project, mkdocs_build
from playwright.sync_api import sync_playwright
from renda.core.config import Settings
from renda.staff.editor import vendor
from renda.staff.fmt import fmt

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, text=True,
                          encoding="utf-8").stdout


@pytest.fixture
def project(tmp_path) -> Path:
    """The small sample tree as a project in its own Git repository, one commit on main."""
    assert vendor.files(REPO), vendor.missing_message()
    root = make_project(tmp_path / "project", records=dict(BASE_TREE))
    (root / ".cache").mkdir()
    (root / ".cache" / "editor").symlink_to(REPO / ".cache" / "editor")
    (root / ".gitignore").write_text("/.cache/\n/site/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "人大办")
    git(root, "config", "user.email", "rendaban@example.org")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "记录库")
    return root


@pytest.fixture
def editor(project):
    """``renda edit`` running in the project, on a free port of 127.0.0.1; its base address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "renda", "edit", "--host", "127.0.0.1", "--port", str(port)],
                               cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/admin/", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def page(editor):
    """A logged-in editor page (zh-CN, Beijing time); fails the test if anything is asked
    of another host."""
    assert Path(CHROMIUM).exists(), "需要 Debian 的 chromium：运行 scripts/setup --test"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--lang=zh-CN"])
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN",
                                      timezone_id="Asia/Shanghai")
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(editor + "/admin/")
        page.get_by_role("button", name="登录").click()
        yield page
        browser.close()
    assert [url for url in requests if not url.startswith((editor + "/", "data:", "blob:"))] == []


def choose(page, label: str, typed: str, option: str) -> None:
    """Pick ``option`` in the select or relation field ``label`` after typing ``typed``."""
    page.get_by_label(label, exact=True).fill(typed)
    page.get_by_role("option", name=option, exact=True).click()


def publish(page) -> None:
    with page.expect_response(lambda r: r.url.endswith("/api/v1") and "persistEntry" in (r.request.post_data or "")):
        page.get_by_role("button", name="发布").click()
        page.get_by_text("立即发布").click()


def fill_activity(page, deputies: list[tuple[str, str]], place: str) -> None:
    page.get_by_text("履职活动", exact=True).click()
    page.locator("a[href$=\"/collections/activities/new\"]").click()  # ＋ 履职活动
    page.get_by_label("标题", exact=True).fill("视察红星村饮水工程")
    choose(page, "活动类型", "视察", "视察")
    page.get_by_label("日期", exact=True).fill("2026-11-20")
    for typed, option in deputies:
        choose(page, "参加代表", typed, option)
    page.get_by_label("地点 (可选)", exact=True).fill(place)


def test_a_new_activity_from_the_form_is_named_written_committed_and_published(project, page):
    fill_activity(page, [("张伟", "张伟 第一代表小组"), ("李芳", "李芳 第一代表小组")], "红星村水厂")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "editor-activity.png"))
    publish(page)

    saved = project / "records/activities/2026/2026-11-20-shicha.md"
    assert saved.read_text(encoding="utf-8") == (
        "---\ntitle: 视察红星村饮水工程\nkind: 视察\ndate: 2026-11-20\n"
        "deputies: [zhang-wei, li-fang]\nplace: 红星村水厂\n---\n")
    assert git(project, "status", "--porcelain") == ""
    assert git(project, "log", "-1", "--format=%s%n%an", "--name-only").splitlines() == [
        "履职活动：视察红星村饮水工程（新建，网页编辑器）", "人大办", "",
        "records/activities/2026/2026-11-20-shicha.md"]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    checked = subprocess.run([sys.executable, "-m", "renda", "validate"], cwd=project, capture_output=True,
                             text=True, encoding="utf-8", env=env)
    assert checked.returncode == 0, checked.stdout
    results = fmt(project / "records", Settings(), check=True, display_root="records")
    assert [r.status for r in results if r.path == "records/activities/2026/2026-11-20-shicha.md"] == ["unchanged"]
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    html = (project / "site/activities/2026-11-20-shicha/index.html").read_text(encoding="utf-8")
    assert "视察红星村饮水工程" in html and "红星村水厂" in html
    assert 'href="../../deputies/li-fang/"' in html
    # The public pages never load the editor.
    assert not any("decap" in p.read_text(encoding="utf-8") for p in (project / "site").rglob("*.html"))


def test_editing_a_reply_changes_only_the_edited_field(project, page):
    page.get_by_text("答复", exact=True).click()
    entry = page.get_by_text("2024-04-10 镇农业农村办 对 2024-001 的答复")
    entry.wait_for()
    page.screenshot(path=str(ARTIFACTS / "editor-list.png"))
    entry.click()
    page.get_by_label("答复单位", exact=True).fill("镇农业农村综合服务中心")
    page.screenshot(path=str(ARTIFACTS / "editor-reply.png"))
    publish(page)

    diff = git(project, "show", "--format=%s", "--unified=0", "HEAD").splitlines()
    assert diff[0] == "答复：2024-001-a（修改，网页编辑器）"
    assert [line for line in diff if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))] == [
        "-handler: 镇农业农村办", "+handler: 镇农业农村综合服务中心"]
    assert git(project, "status", "--porcelain") == ""


def test_a_record_with_errors_is_not_saved_and_the_form_says_why(project, page):
    fill_activity(page, [("王军", "王军 第二代表小组")], "联系电话13812345678")
    head = git(project, "rev-parse", "HEAD")
    publish(page)

    message = page.get_by_text("没有保存：有 2 处要改正。", exact=False)
    message.wait_for()
    text = message.inner_text()
    page.wait_for_timeout(600)  # the notice slides in
    page.screenshot(path=str(ARTIFACTS / "editor-refused.png"))
    assert "代表“wang-jun”（王军）在 2026-11-20 不在任期内（任期 2021-12-28 至 2024-06-30）" in text
    assert "place（地点）里有手机号码 138****5678" in text
    assert not (project / "records/activities/2026").exists()
    assert git(project, "rev-parse", "HEAD") == head
    # Nothing typed is lost: the form still holds it, to be corrected.
    assert page.get_by_label("标题", exact=True).input_value() == "视察红星村饮水工程"


# The configuration and the local backend, without a browser --------------------------------

def test_the_form_is_made_from_the_schema_and_the_configured_vocabularies():
    from renda.core.schema import RECORD_TYPES
    from renda.staff.editor.decap import config

    settings = Settings.from_mapping({"vocabularies": {"activity_kinds": ["视察", "调研", "其他"]}})
    made = config(settings)
    assert [c["name"] for c in made["collections"]] == list(RECORD_TYPES)
    assert (made["locale"], made["publish_mode"], made["backend"]["name"]) == ("zh_Hans", "simple", "proxy")
    activities = next(c for c in made["collections"] if c["name"] == "activities")
    assert (activities["folder"], activities["path"], activities["delete"]) == ("records/activities", "{{year}}/{{slug}}", False)
    fields = {f["name"]: f for f in activities["fields"]}
    assert list(fields)[:4] == ["title", "kind", "date", "end"] and "id" not in fields
    assert list(fields)[-4:] == ["disclosure", "attachments", "allow_personal_data", "body"]
    assert fields["kind"] == {"name": "kind", "label": "活动类型", "hint": "活动的类型。", "required": True,
                              "widget": "select", "options": ["视察", "调研", "其他"]}
    assert fields["deputies"]["widget"] == "relation" and fields["deputies"]["multiple"] is True
    assert (fields["deputies"]["collection"], fields["deputies"]["value_field"],
            fields["deputies"]["search_fields"]) == ("deputies", "{{filename}}", ["name"])
    assert fields["date"] | {} == {"name": "date", "label": "日期", "hint": "活动（开始）日期。", "required": True,
                                   "widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
                                   "time_format": False, "default": ""}
    rectifications = {f["name"]: f for f in fields["rectifications"]["fields"]}
    assert rectifications["deadline"]["required"] is True and "default" not in rectifications["deadline"]
    assert fields["evaluation"]["widget"] == "object"
    assert [f["required"] for f in fields["evaluation"]["fields"]] == [False, False, False]
    assert fields["voters"] | {} == {"name": "voters", "label": "接待选民人次", "hint": "接待、走访的选民人次。",
                                     "required": False, "widget": "number", "value_type": "int", "min": 0}
    assert fields["topics"]["widget"] == "list" and fields["topics"]["field"]["widget"] == "string"
    suggestions = {f["name"]: f for f in next(c for c in made["collections"] if c["name"] == "suggestions")["fields"]}
    assert suggestions["number"]["required"] is False and suggestions["number"]["hint"].endswith("不填时自动取下一个编号。")
    projects = next(c for c in made["collections"] if c["name"] == "projects")
    assert projects["path"] == "{{fields.year}}/{{slug}}"
    assert next(f for f in projects["fields"] if f["name"] == "budget")["value_type"] == "float"
    stations = {f["name"]: f for f in next(c for c in made["collections"] if c["name"] == "stations")["fields"]}
    pattern = stations["reception_days"]["field"]["pattern"][0]
    import re

    assert [bool(re.match(pattern, day)) for day in ("每月15日", "每周三", "每月第一个周三", "每月32日", "周三")] == [
        True, True, True, False, False]


def test_the_local_backend_refuses_paths_outside_the_records_and_deletions(project):
    from renda.staff.editor.local import EditorError, Workspace

    workspace = Workspace(project, "records", Settings.from_mapping({"today": "2026-11-21"}))
    for bad in ("mkdocs.yml", "records/../mkdocs.yml", "/etc/passwd"):
        with pytest.raises(EditorError, match="编辑器只能读写 records/ 里的文件"):
            workspace.answer("getEntry", {"path": bad})
    with pytest.raises(EditorError, match="编辑器不删除记录"):
        workspace.answer("deleteFile", {"path": "records/replies/2024/2024-001-a.md"})
    assert (project / "records/replies/2024/2024-001-a.md").exists()
    assert workspace.answer("info", {}) == {"repo": "project", "publish_modes": ["simple"], "type": "local_git"}
    listed = workspace.answer("entriesByFolder", {"folder": "records/replies", "extension": "md", "depth": 2})
    assert [e["file"]["path"] for e in listed] == ["records/replies/2024/2024-001-a.md"]


def test_a_suggestion_saved_from_the_form_gets_the_next_number_and_leaves_out_what_was_left_empty(project):
    from renda.staff.editor.local import Workspace

    workspace = Workspace(project, "records", Settings.from_mapping({"today": "2026-11-21"}))
    raw = ("---\ntitle: 关于修缮红星村文化广场的建议\nnumber: \"\"\nkind: 建议\nproposer: li-fang\ncosigners: []\n"
           "submitted: 2024-02-01\ncategory: 城乡建设\nhandlers:\n  lead: ''\n  assist: []\nassigned: ''\n"
           "outside: {}\n---\n建议把广场地面修平。\n")
    saved = workspace.save("records/suggestions/2024/20240201-000000.md", raw)
    assert saved == "records/suggestions/2024/2024-002.md"
    assert (project / saved).read_text(encoding="utf-8") == (
        "---\ntitle: 关于修缮红星村文化广场的建议\nnumber: 2\nkind: 建议\nproposer: li-fang\nsubmitted: 2024-02-01\n"
        "category: 城乡建设\n---\n\n建议把广场地面修平。\n")
    # The form keeps its provisional name until reloaded: it reads and saves the record there.
    entry = workspace.answer("getEntry", {"path": "records/suggestions/2024/20240201-000000.md"})
    assert entry["data"] == (project / saved).read_text(encoding="utf-8")
    # A comment someone wrote in the file stays where it was; the form never shows it.
    (project / saved).write_text(entry["data"].replace("category:", "# 分类待主席团确认\ncategory:"), encoding="utf-8")
    workspace.save("records/suggestions/2024/20240201-000000.md", entry["data"].replace("修平", "修平整"))
    assert (project / saved).read_text(encoding="utf-8") == (
        "---\ntitle: 关于修缮红星村文化广场的建议\nnumber: 2\nkind: 建议\nproposer: li-fang\nsubmitted: 2024-02-01\n"
        "# 分类待主席团确认\ncategory: 城乡建设\n---\n\n建议把广场地面修平整。\n")
    assert not (project / "records/suggestions/2024/20240201-000000.md").exists()
    assert git(project, "log", "--format=%s", "-2").splitlines() == [
        "议案建议：关于修缮红星村文化广场的建议（修改，网页编辑器）",
        "议案建议：关于修缮红星村文化广场的建议（新建，网页编辑器）"]


def with_editor(project: Path, lines: str) -> None:
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("      term: 18\n", "      term: 18\n" + lines), encoding="utf-8")
    git(project, "commit", "-q", "-am", "网页编辑器")


def test_a_site_with_an_editor_backend_has_admin_with_the_schema_config_and_the_vendored_scripts(project):
    import yaml
    from renda.core.config import plugin_options
    from renda.staff.editor.decap import config

    with_editor(project, "      editor:\n        backend: gitlab\n        repo: qingshi/records\n"
                         "        app_id: abc123\n        auth_type: pkce\n")
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    admin = project / "site" / "admin"
    written = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    settings = Settings.from_mapping(plugin_options(project / "mkdocs.yml"))
    assert written == config(settings, "records", {"name": "gitlab", "repo": "qingshi/records", "app_id": "abc123",
                                                   "auth_type": "pkce", "branch": "main"},
                             "https://qingshi.example.gov.cn/")
    assert (written["publish_mode"], written["backend"]["name"]) == ("editorial_workflow", "gitlab")
    assert sorted(p.name for p in admin.iterdir()) == sorted(
        ["config.yml", "index.html"] + [p.name for p in vendor.files(REPO)])
    assert "MIT License" in (admin / "LICENSE.txt").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in (admin / "index.html").read_text(encoding="utf-8")
    public = [p for p in (project / "site").rglob("*.html") if admin not in p.parents]
    assert public and not [p for p in public if "admin/" in p.read_text(encoding="utf-8")]


def test_an_editor_setting_that_would_publish_without_review_stops_the_build(project):
    with_editor(project, "      editor:\n        backend: gitea\n        repo: qingshi/records\n")
    built = mkdocs_build(project)
    assert built.returncode == 1
    assert ("renda 插件设置有误：gitea 上编辑器没有“每次保存发起合并请求”的流程：请把 editor.branch 设为一个专门的分支"
            "（如 staff-edits），保存都提交到那里，再由它向 main 发合并请求、审核后合并") in built.stderr
    assert not (project / "site").exists()


def test_what_the_editor_saved_on_a_forge_is_settled_in_the_pull_request(project):
    """On GitHub, GitLab or Forgejo the form commits Decap's own text under a provisional name
    on a cms/… branch; ``renda fmt --editor`` (run by CI on that branch) names and writes it
    as the local editor would have."""
    fmt(project / "records", Settings(), display_root="records")  # the tree is kept canonical
    git(project, "commit", "-q", "-am", "规范格式")
    git(project, "checkout", "-q", "-b", "cms/activities/2026/20261120-000000")
    folder = project / "records/activities/2026"
    folder.mkdir(parents=True)
    (folder / "20261120-000000.md").write_text(  # as Decap CMS 3.16 serialises the form
        "---\ntitle: 视察红星村饮水工程\nkind: 视察\ndate: 2026-11-20\nend: \"\"\ndeputies:\n  - zhang-wei\n"
        "  - li-fang\nplace: 红星村水厂\nopinions: []\nevaluation: {}\n---\n", encoding="utf-8")
    suggestions = project / "records/suggestions/2026"
    suggestions.mkdir(parents=True)
    (suggestions / "20261121-093000.md").write_text(
        "---\ntitle: 关于修缮红星村文化广场的建议\nkind: 建议\nproposer: li-fang\nsubmitted: 2026-11-21\n"
        "category: 城乡建设\nhandlers:\n  lead: ''\n  assist: []\n---\n建议把广场地面修平。\n", encoding="utf-8")
    reply = project / "records/replies/2024/2024-001-a.md"
    reply.write_text(reply.read_text(encoding="utf-8").replace("consulted: 2024-03-28", "consulted: ''"),
                     encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Create 履职活动 “20261120-000000”")

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    settled = subprocess.run([sys.executable, "-m", "renda", "fmt", "--editor"], cwd=project, capture_output=True,
                             text=True, encoding="utf-8", env=env)
    assert settled.returncode == 0, settled.stderr
    assert settled.stdout.splitlines() == [
        "records/activities/2026/20261120-000000.md → records/activities/2026/2026-11-20-shicha.md："
        "网页编辑器新建的记录，已按规则命名并改写为规范格式",
        "records/replies/2024/2024-001-a.md: 已改写为规范格式",
        "records/suggestions/2026/20261121-093000.md → records/suggestions/2026/2026-001.md："
        "网页编辑器新建的记录，已按规则命名并改写为规范格式"]
    assert (folder / "2026-11-20-shicha.md").read_text(encoding="utf-8") == (
        "---\ntitle: 视察红星村饮水工程\nkind: 视察\ndate: 2026-11-20\n"
        "deputies: [zhang-wei, li-fang]\nplace: 红星村水厂\n---\n")
    assert (suggestions / "2026-001.md").read_text(encoding="utf-8") == (
        "---\ntitle: 关于修缮红星村文化广场的建议\nnumber: 1\nkind: 建议\nproposer: li-fang\nsubmitted: 2026-11-21\n"
        "category: 城乡建设\n---\n\n建议把广场地面修平。\n")
    assert sorted(p.name for p in folder.iterdir()) == ["2026-11-20-shicha.md"]
    assert "consulted" not in reply.read_text(encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "renda", "validate"], cwd=project, capture_output=True,
                             text=True, encoding="utf-8", env=env)
    assert checked.returncode == 0, checked.stdout
    again = subprocess.run([sys.executable, "-m", "renda", "fmt", "--editor"], cwd=project, capture_output=True,
                           text=True, encoding="utf-8", env=env)
    assert (again.returncode, again.stdout) == (0, "")


def test_the_local_editor_answers_only_its_own_page(editor, project):
    """Another site open in the staff member's browser cannot save through the editor: it can
    only send plain text (JSON needs a CORS permission never given), from its own origin."""
    def post(headers: dict) -> tuple[int, str]:
        body = b'{"action": "info"}'
        request = urllib.request.Request(editor + "/api/v1", data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    assert post({"Content-Type": "application/json"})[0] == 200
    refused = (403, '{"error": "只接受编辑器自己页面的请求。"}')
    assert post({"Content-Type": "text/plain"}) == refused
    assert post({"Content-Type": "application/json", "Origin": "http://evil.example"}) == refused
    assert post({"Content-Type": "application/json", "Host": "evil.example:8081"}) == refused
    busy = subprocess.run([sys.executable, "-m", "renda", "edit", "--host", "127.0.0.1",
                           "--port", editor.rsplit(":", 1)[1]], cwd=project, capture_output=True, text=True,
                          encoding="utf-8", timeout=30)
    assert busy.returncode == 1
    assert busy.stderr.startswith(f"Error: 编辑器没能在 127.0.0.1:{editor.rsplit(':', 1)[1]} 启动（")
    assert "可能编辑器已经开着，请直接打开" in busy.stderr


def test_a_wrong_editor_setting_is_named_in_chinese():
    from renda.staff.editor.decap import backend_of

    for options, message in (
            ({"backend": "coding", "repo": "a/b"}, "editor.backend 要写 github、gitlab、forgejo、gitea 之一（代码托管平台），“coding”不对"),
            ({"backend": "github", "repo": "a/b", "token": "x"},
             "editor 里没有 token 这一项；可以写：backend、repo、branch、base_url、auth_endpoint、api_root、app_id、auth_type"),
            ({"backend": "github", "repo": "records"}, "editor.repo 要写成 所有者/仓库名，如 qingshi-renda/records")):
        with pytest.raises(ValueError) as caught:
            backend_of(options)
        assert str(caught.value) == message
    assert backend_of({"backend": "gitea", "repo": "a/b", "branch": "staff-edits"}) == {
        "name": "gitea", "repo": "a/b", "branch": "staff-edits"}


def test_what_the_editor_saved_with_an_error_is_left_and_located(project):
    """``renda fmt --editor`` does not guess at a record that does not type: it says where, as
    ``renda validate`` would, and exits 1 so that the pull request's check fails."""
    folder = project / "records/activities/2026"
    folder.mkdir(parents=True)
    saved = folder / "20261120-000000.md"
    text = "---\ntitle: 视察红星村饮水工程\nkind: 视查\ndate: 2026-11-20\ndeputies:\n  - zhang-wei\n---\n"
    saved.write_text(text, encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    settled = subprocess.run([sys.executable, "-m", "renda", "fmt", "--editor"], cwd=project, capture_output=True,
                             text=True, encoding="utf-8", env=env)
    assert settled.returncode == 1
    assert settled.stderr.splitlines()[0].startswith(
        "records/activities/2026/20261120-000000.md:3:7: error F04: kind（活动类型）")
    assert "是不是想写“视察”？" in settled.stderr.splitlines()[0]
    assert saved.read_text(encoding="utf-8") == text
