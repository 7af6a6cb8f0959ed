"""Printing: dossiers to PDF through headless Chromium, checked with poppler (A4, the text,
the commit hash, a page that is not blank), and every main page in print emulation."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from conftest import REPO, make_project, mkdocs_build
from PIL import Image

ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def township(tmp_path_factory):
    """The sample township committed to a Git repository and built: (project, commit hash)."""
    project = make_project(tmp_path_factory.mktemp("print") / "township")
    (project / ".gitignore").write_text("/site/\n", encoding="utf-8")
    env = dict(os.environ, GIT_AUTHOR_NAME="镇人大办", GIT_AUTHOR_EMAIL="rdb@example.invalid",
               GIT_COMMITTER_NAME="李主任", GIT_COMMITTER_EMAIL="li@example.invalid",
               GIT_AUTHOR_DATE="2026-11-20T10:00:00+08:00", GIT_COMMITTER_DATE="2026-11-20T10:00:00+08:00")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "青石镇记录"]):
        subprocess.run(["git", *args], cwd=project, env=env, check=True)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=project, capture_output=True, text=True,
                          check=True).stdout.strip()
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True,
                            text=True, env=dict(env, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr
    return project, head


def pdf(project: Path, tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "out.pdf"
    result = subprocess.run([sys.executable, "-m", "renda", "pdf", *args, "--site", str(project / "site"),
                             "-o", str(out)], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return out


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def first_page_png(path: Path, name: str) -> Image.Image:
    prefix = path.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(prefix)], check=True)
    png = next(path.parent.glob(prefix.name + "*.png"))
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(png, ARTIFACTS / f"print-{name}.png")
    return Image.open(png).convert("L")


def assert_printed(path: Path, name: str, pages: int | None = None) -> str:
    info = pdf_info(path)
    assert info["Page size"].strip().endswith("(A4)")
    if pages is not None:
        assert int(info["Pages"]) == pages
    image = first_page_png(path, name)
    dark = sum(image.histogram()[:128])
    assert dark > 0.01 * image.width * image.height, "the first page is blank"
    # pdftotext breaks lines and spaces as the layout falls: compare without any whitespace.
    return re.sub(r"\s+", "", pdf_text(path))


def test_a_deputys_yearly_dossier(township, tmp_path):
    project, head = township
    text = assert_printed(pdf(project, tmp_path, "deputy", "long-wenbin", "--year", "2025"), "deputy")
    assert "青石镇人民代表大会代表履职档案" in text
    assert "龙文斌代表2025年度履职情况" in text
    assert "一、参加履职活动（13次）" in text
    assert f"版本{head[:8]}" in text
    assert "第1页共3页" in text


def test_a_suggestions_handling_sheet(township, tmp_path):
    project, head = township
    text = assert_printed(pdf(project, tmp_path, "suggestion", "2024-003"), "suggestion")
    for expected in ("代表建议办理单", "2024年建议第3号", "关于解决龙井村三组、四组饮水不稳定问题的建议",
                     "镇水利站阶段性答复", "镇水利站最终答复", f"版本{head[:8]}"):
        assert expected in text, expected


def test_the_annual_statistics_report(township, tmp_path):
    project, _ = township
    text = assert_printed(pdf(project, tmp_path, "report", "--year", "2025"), "report")
    assert "2025年代表履职情况统计报告" in text
    assert "一、监督工作2025年，镇人大主席团依法组织召开青石镇第十八届人民代表大会第四次会议" in text
    assert "组织代表开展接待选民、代表小组活动、联系选民等履职活动73次" in text
    assert "履职活动（次）7375-2" in text
    assert "2025年履职活动（按类型，次）" in text  # the chart's title, printed as text
    assert "三、履职规定执行情况" in text and "未达到" in text


def test_meeting_minutes(township, tmp_path):
    project, _ = township
    text = assert_printed(pdf(project, tmp_path, "meeting", "2025-01-15-rd"), "meeting")
    assert "青石镇第十八届人民代表大会第四次会议纪要" in text


def test_unknown_record_and_missing_site_are_clear_errors(township, tmp_path):
    project, _ = township
    result = subprocess.run([sys.executable, "-m", "renda", "pdf", "suggestion", "2099-001", "--site",
                             str(project / "site"), "-o", str(tmp_path / "x.pdf")], capture_output=True,
                            text=True, encoding="utf-8")
    assert result.returncode == 1
    assert result.stderr.strip() == ("Error: 网站里没有议案建议“2099-001”的打印页面。请核对编号，或重新运行 mkdocs build。")
    result = subprocess.run([sys.executable, "-m", "renda", "pdf", "report", "--year", "2025", "--site",
                             str(tmp_path / "nosite"), "-o", str(tmp_path / "x.pdf")], capture_output=True,
                            text=True, encoding="utf-8")
    assert result.stderr.strip() == f"Error: 找不到网站文件夹 {tmp_path / 'nosite'}：请先运行 mkdocs build 生成网站。"


PAGES = {"home": "", "deputy": "deputies/long-wenbin/", "suggestions-year": "suggestions/2025/",
         "suggestion": "suggestions/2025-004/", "meeting": "meetings/2025-01-15-rd/",
         "stats-year": "stats/2025/", "project": "projects/2024-01/"}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_print_emulation_of_the_main_pages(township, name):
    from playwright.sync_api import sync_playwright

    project, _ = township
    page_file = project / "site" / PAGES[name] / "index.html"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 794, "height": 1123})
        page.goto(page_file.as_uri())
        page.emulate_media(media="print")
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).display") == "none"
        assert page.evaluate("getComputedStyle(document.querySelector('.md-tabs') || document.body).display") in (
            "none", "block")
        assert "Noto Serif CJK SC" in page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
        ARTIFACTS.mkdir(exist_ok=True)
        png = page.screenshot(path=str(ARTIFACTS / f"print-emulation-{name}.png"), full_page=True)
        image = Image.open(BytesIO(png)).convert("L")
        assert sum(image.histogram()[:128]) > 0.005 * image.width * image.height
        browser.close()


def test_the_build_can_offer_the_dossiers_as_pdf(tmp_path):
    from conftest import BASE_TREE

    project = make_project(tmp_path, BASE_TREE)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("      term: 18\n", "      term: 18\n      pdf: [report, suggestions]\n"),
                                        encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert sorted(p.relative_to(site).as_posix() for p in site.glob("pdf/**/*.pdf")) == [
        "pdf/stats/2024.pdf", "pdf/stats/sources-2024.pdf", "pdf/suggestions/2024-001.pdf"]
    assert pdf_info(site / "pdf" / "suggestions" / "2024-001.pdf")["Page size"].strip().endswith("(A4)")
    html = (site / "print" / "suggestions" / "2024-001" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../../pdf/suggestions/2024-001.pdf" download>下载 PDF</a>' in html
    assert not (site / "pdf" / "meetings").exists()



def test_table_rows_become_cards_labelled_by_their_own_columns(monkeypatch):
    # A row is labelled once and taken again (a record's row is in many deputies' archives);
    # the same row under other columns is labelled by those.
    from renda.site import templating
    from renda.site.templating import card_cells

    row = '<tr><td>2024年3月12日</td><td class="x">视察</td><td> </td></tr>'
    labelled = ('<tr><td data-label="日期">2024年3月12日</td><td class="x" data-label="活动" class="renda-cell-title">'
                '视察</td><td data-label="办理情况" class="renda-cell-badge renda-cell-empty"> </td></tr>')
    assert card_cells(row + "\n" + row, ["日期", "活动", "办理情况"], "活动", "办理情况") == labelled + "\n" + labelled
    assert card_cells(row, ["日期", "活动", "办理情况"], "活动", "办理情况") == labelled
    assert card_cells(row, ["时间", "内容"]) == (
        '<tr><td data-label="时间" class="renda-cell-title">2024年3月12日</td><td class="x" data-label="内容">视察</td>'
        '<td data-label="" class="renda-cell-empty"> </td></tr>')
    # Only the last rows made are kept; one that was let go is made again, the same.
    monkeypatch.setattr(templating, "CARD_ROWS_KEPT", 1)
    other_row = row.replace("视察", "调研")
    assert card_cells(other_row, ["日期", "活动", "办理情况"], "活动", "办理情况") == labelled.replace("视察", "调研")
    assert card_cells(row, ["日期", "活动", "办理情况"], "活动", "办理情况") == labelled
    kept = templating._CARD_ROWS[(("日期", "活动", "办理情况"), "活动", "办理情况")]
    assert list(kept.values()) == [labelled]
