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
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
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
    page.get_by_text("2024-04-10 镇农业农村办 对 2024-001 的答复").click()
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
