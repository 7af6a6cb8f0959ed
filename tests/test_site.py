"""Real ``mkdocs build --strict`` runs over real record trees: what reaches site/ and what not."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from conftest import BASE_TREE, REPO, TODAY, make_project, mkdocs_build
from renda.core.config import Settings
from renda.core.strokes import name_key
from renda.core.validate import validate
from renda.core.view import View


def sample_view() -> View:
    outcome = validate(REPO / "records", Settings(today=TODAY))
    return View(outcome.corpus)


def page(project: Path, url: str) -> str:
    return (project / "site" / url / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def all_site_text(site: Path) -> str:
    """Every text file of the built site, with Pagefind's compressed fragments unpacked."""
    parts = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"):
            data = gzip.decompress(data)
        parts.append(data.decode("utf-8", errors="ignore"))
    return "\n".join(parts)


def test_every_public_record_and_every_deputy_has_a_page(sample_site):
    view = sample_view()
    site = sample_site / "site"
    expected = {f"{t}/{r.id}" for t in ("deputies", "stations", "meetings", "activities",
                                        "suggestions", "replies", "projects", "rectifications", "plans")
                for r in view.records(t)}
    built = {f"{p.parent.parent.name}/{p.parent.name}" for p in site.glob("*/*/index.html")
             if not p.parent.name.isdigit() and p.parent.parent.name != "stats"}
    assert expected == built
    assert len([k for k in expected if k.startswith("deputies/")]) == 68


def test_no_text_of_an_internal_record_anywhere(sample_site):
    outcome = validate(REPO / "records", Settings(today=TODAY))
    internal = [r for r in outcome.corpus.records if r.disclosure == "internal"]
    assert sorted(r.id for r in internal) == ["2024-08-26-ztt", "2025-01-08-lianxi", "2025-016",
                                              "2025-016-a"]
    public_text = "\n".join(r.body for r in outcome.corpus.records if r.disclosure == "public")
    # Lines of the internal records that no public record shares (minutes share boilerplate).
    own_lines = {line.strip() for r in internal for line in r.body.splitlines()
                 if len(line.strip()) >= 12 and line.strip() not in public_text}
    assert len(own_lines) >= 10
    text = all_site_text(sample_site / "site")
    assert "龙井村危旧石桥" in text  # the check does see a public record's text
    for record in internal:
        assert f"/{record.id}/" not in text
        assert outcome.corpus.title(record) not in text, record.id
    leaked = [line for line in own_lines if line[:20] in text]
    assert leaked == []


def stopped_errors(tmp_path, path: str, text: str) -> list[str]:
    """The errors of a build of the small tree with ``path`` written as ``text``, over a
    previous site, once checked that the build stopped and left that site as it was."""
    project = make_project(tmp_path, {**BASE_TREE, path: text})
    (project / "site").mkdir()
    (project / "site" / "old.html").write_text("上一次的网站", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert [p.name for p in (project / "site").iterdir()] == ["old.html"]
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"]
    return [line.split("-  ", 1)[1] for line in result.stderr.splitlines() if line.startswith("ERROR")]


def test_a_broken_record_stops_the_build_before_site_is_touched(tmp_path):
    bad = "---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\ngrup: 第一代表小组\n---\n"
    assert stopped_errors(tmp_path, "deputies/zhao-lei.md", bad) == [
        "records/deputies/zhao-lei.md:6:1: error F01: 代表记录没有 grup 这个字段。是不是想写 group？",
        "记录有 1 个错误，网站没有生成。请按上面的提示改正后再构建。"]


def test_an_error_across_records_stops_the_build_before_site_is_touched(tmp_path):
    # The rules across records run in a second process while the pages are planned; what
    # they find stops the build all the same, before anything is written.
    nobody = "---\ntitle: 走访\nkind: 联系选民\ndate: 2024-06-04\ndeputies: [wang-nobody]\n---\n"
    assert stopped_errors(tmp_path, "activities/2024/2024-06-04.md", nobody) == [
        "records/activities/2024/2024-06-04.md:5:12: error X02: deputies[0]（参加代表）写的代表“wang-nobody”找不到。"
        "请核对编号，或先添加这条代表记录。",
        "记录有 1 个错误，网站没有生成。请按上面的提示改正后再构建。"]


def test_a_warning_also_stops_a_strict_build(tmp_path):
    project = make_project(tmp_path, {**BASE_TREE, "notes.md": "---\ntitle: 备忘\n---\n"})
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "WARNING -  records/notes.md:1:1: warning S01:" in result.stderr
    assert not (project / "site").exists()


def test_the_small_tree_builds(tmp_path):
    result = mkdocs_build(make_project(tmp_path, BASE_TREE))
    assert result.returncode == 0, result.stderr


def test_record_pages_link_to_what_they_name_and_back(sample_site):
    suggestion = page(sample_site, "suggestions/2024-003")
    for href in ('href="../../deputies/long-wenbin/"', 'href="../../replies/2024-003-a/"',
                 'href="../../replies/2024-003-b/"', 'href="../../meetings/2024-01-17-rd/"'):
        assert href in suggestion, href
    deputy = page(sample_site, "deputies/long-wenbin")
    assert 'href="../../suggestions/2024-003/"' in deputy
    reply = page(sample_site, "replies/2024-003-a")
    assert 'href="../../suggestions/2024-003/"' in reply
    activity = page(sample_site, "activities/2024-02-20-lianxi")
    assert 'href="../../deputies/long-wenbin/"' in activity
    assert 'href="../../activities/2024-02-20-lianxi/"' in deputy


def test_suggestion_table_marks_state_and_overdue(sample_site):
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", page(sample_site, "suggestions/2025"), re.S):
        cells = [text_of(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if cells:
            rows[cells[0]] = cells
    assert rows["建议4"][4:] == ["已办结", "A", "满意"]
    assert rows["建议18"][4] == "办理中 逾期"
    assert rows["建议18"][1] == "关于加快马鞍村人饮工程管网改造的建议" or rows["建议18"][5:] == ["", ""]
    assert len(rows) == 22  # the deputies' 22 of 2025 but one internal, and one handled for a county deputy


def test_deputies_are_listed_in_surname_stroke_order(sample_site):
    html = page(sample_site, "deputies")
    town = html.split("镇人大代表（", 1)[1].split("</p>", 1)[0]
    names = re.findall(r'">([^<]+)</a>', town)
    assert len(names) == 62
    assert names == sorted(names, key=name_key)


def with_reply_template(tmp_path, template: str):
    """The small tree with a site's own reply template in custom_dir (overrides/renda/)."""
    project = make_project(tmp_path, BASE_TREE)
    (project / "overrides" / "renda").mkdir(parents=True)
    (project / "overrides" / "renda" / "reply.html").write_text(template, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  language: zh\n",
                                                       "  language: zh\n  custom_dir: overrides\n"),
                                        encoding="utf-8")
    return project


def test_templates_can_be_overridden_from_custom_dir(tmp_path):
    project = with_reply_template(tmp_path, "<p>本镇答复格式</p>{{ content }}")
    assert mkdocs_build(project).returncode == 0
    assert "<p>本镇答复格式</p>" in page(project, "replies/2024-001-a")
    assert "本镇答复格式" not in page(project, "suggestions/2024-001")


def test_a_broken_custom_template_stops_the_build_and_keeps_the_old_site(tmp_path):
    # The layouts are made in a second process beside MkDocs: its failure must stop the
    # build as plainly as one in MkDocs' own process.
    project = with_reply_template(tmp_path, "<p>{{ site.no_such_helper() }}</p>{{ content }}")
    (project / "site").mkdir()
    (project / "site" / "old.html").write_text("上一次的网站", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert ("ERROR   -  页面 replies/2024-001-a.md 的模板 overrides/renda/reply.html 第 1 行 出错："
            "UndefinedError: 'renda.site.templating.Site object' has no attribute 'no_such_helper'。"
            "网站没有生成；原来的网站保持不变。") in result.stderr
    assert [p.name for p in (project / "site").iterdir()] == ["old.html"]
    assert not (project / "site.renda-staging").exists()


def test_sharing_the_navigation_between_pages_changes_no_byte(tmp_path, sample_site):
    import os
    import subprocess
    import sys

    project = make_project(tmp_path)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RENDA_SHARE_NAV="0")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env, check=True,
                   capture_output=True)
    shared = sorted(p.relative_to(sample_site / "site") for p in (sample_site / "site").rglob("*.html"))
    own = sorted(p.relative_to(project / "site") for p in (project / "site").rglob("*.html"))
    assert shared == own and len(own) > 500
    assert [str(p) for p in own if (project / "site" / p).read_bytes() != (sample_site / "site" / p).read_bytes()] == []


def test_no_page_loads_anything_from_another_origin(sample_site):
    """Scripts, styles, images, fonts and frames all come from the site itself."""
    loads = re.compile(r'<(?:script|img|iframe|source|audio|video)[^>]+src="([^"]+)"'
                       r'|<link[^>]+href="([^"]+)"')
    for html_file in (sample_site / "site").rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        for match in loads.finditer(html):
            url = match.group(1) or match.group(2)
            if 'rel="canonical"' in match.group(0):
                continue  # the page's own public address, not something it loads
            assert not re.match(r"(?:[a-z]+:)?//", url), (html_file, url)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_namesakes_are_told_apart_on_the_deputies_list(sample_site):
    town = page(sample_site, "deputies").split("镇人大代表（", 1)[1].split("</p>", 1)[0]
    assert re.findall(r'">(张伟[^<]*)</a>', town) == ["张伟（第一代表小组）", "张伟（第二代表小组）"]


def test_statistics_xlsx_has_the_same_numbers_as_the_json(sample_site):
    import json
    import subprocess
    import sys

    from openpyxl import load_workbook

    result = subprocess.run([sys.executable, "-m", "renda", "stats", "--year", "2025", "--json",
                             "--today", "2026-11-21"], cwd=REPO, capture_output=True, text=True,
                            encoding="utf-8", check=True)
    data = json.loads(result.stdout)
    book = load_workbook(sample_site / "site" / "stats" / "2025年统计数据.xlsx")
    assert book.sheetnames == ["主要数字", "逐项比较", "履职活动", "议案建议", "建议分类", "会议", "代表小组",
                               "代表之家", "代表履职情况", "履职规定", "工作要点完成情况"]
    summary = {row[0]: row[1] for row in book["主要数字"].iter_rows(min_row=2, values_only=True)}
    assert summary == {
        "在任代表（名）": data["deputies"]["in_office"], "参与代表（名）": data["deputies"]["participated"],
        "代表参与率": data["deputies"]["participation_rate"], "履职活动（次）": data["activities"]["total"],
        "参加活动代表（人次）": data["activities"]["person_times"], "接待选民（人次）": data["voters"]["received"],
        "收集群众意见（条）": data["voters"]["opinions"], "意见办结率": data["voters"]["resolution_rate"],
        "逾期未整改（项）": data["supervision"]["rectifications"]["overdue"],
        "议案建议（件）": data["suggestions"]["total"], "已答复（件）": data["suggestions"]["replied"],
        "逾期（件）": data["suggestions"]["overdue"], "满意率": data["suggestions"]["satisfaction_rate"],
        "会议（次）": data["meetings"]["total"], "听取审议报告（份）": data["meetings"]["reports_reviewed"],
        "票决民生实事（项）": data["projects"]["voted"], "民生实事已完成（项）": data["projects"]["completed"]}
    kinds = {row[0]: row[1] for row in book["履职活动"].iter_rows(min_row=2, values_only=True)}
    assert kinds == {**data["activities"]["by_kind"], "合计": data["activities"]["total"]}
    assert book["主要数字"]["B4"].number_format == "0.00%"
    # The page shows the same paragraph the CLI prints.
    cli = subprocess.run([sys.executable, "-m", "renda", "stats", "--year", "2025", "--today",
                          "2026-11-21"], cwd=REPO, capture_output=True, text=True, encoding="utf-8",
                         check=True).stdout
    printed = cli.split("【工作报告用语】\n", 1)[1].strip().splitlines()
    assert printed[0] == "一、监督工作" and printed[1].startswith("2025年，镇人大主席团依法组织召开")
    shown = text_of(page(sample_site, "stats/2025"))
    assert all(line in shown for line in printed)
    # The same text as a Word document beside the other downloads.
    from docx import Document

    document = Document(sample_site / "site" / "stats" / "2025年人大工作报告（数据部分）.docx")
    assert [p.text for p in document.paragraphs][1:] == printed


def test_every_figure_links_to_the_records_it_counts(sample_site):
    import json
    import subprocess
    import sys

    html = page(sample_site, "stats/2025")
    assert '<a href="../sources-2025/#voters.received">接待选民（人次）</a>' in html
    sources = page(sample_site, "stats/sources-2025")
    data = json.loads(subprocess.run([sys.executable, "-m", "renda", "stats", "--year", "2025", "--json", "--today",
                                      "2026-11-21"], cwd=REPO, capture_output=True, text=True, encoding="utf-8",
                                     check=True).stdout)
    section = re.search(r'<section class="renda-source" id="voters.received">(.*?)</section>', sources, re.S).group(1)
    links = re.findall(r'<a href="\.\./\.\./(activities/[^/]+)/">', section)
    assert links == data["sources"]["voters.received"]
    assert f"<h2>接待选民（人次）：{data['voters']['received']}</h2>" in section
    rate = re.search(r'id="suggestions.satisfaction_rate">(.*?)</section>', sources, re.S).group(1)
    assert "满意和基本满意（件） ÷ 已评价（件）" in rate
    # The printed report names them as its appendix, printed on pages of their own.
    assert '附件：<a href="../sources-2025/">数据来源</a>' in page(sample_site, "print/stats/2025")
    assert "同“履职活动（次）”" in page(sample_site, "print/stats/sources-2025")


def test_statistics_downloads_are_named_in_chinese_in_the_page_order(sample_site):
    html = page(sample_site, "stats/2025")
    names = re.findall(r'<li><a href="\.\./([^"]+)" download>\1</a>', html.split('class="renda-downloads"', 1)[1])
    assert names == ["2025年统计数据.xlsx", "2025年主要数字统计.csv", "2025年逐项比较统计.csv", "2025年履职活动统计.csv",
                     "2025年议案建议统计.csv", "2025年建议分类统计.csv", "2025年会议统计.csv", "2025年代表小组统计.csv",
                     "2025年代表之家统计.csv", "2025年代表履职统计.csv", "2025年履职规定统计.csv",
                     "2025年工作要点完成情况统计.csv", "2025年人大工作报告（数据部分）.docx"]
    assert all((sample_site / "site" / "stats" / name).is_file() for name in names)


def test_the_staff_guide_is_on_the_staff_site_only(sample_site, staff_site):
    # It shows YAML and commands: for the office, not for citizens.
    assert not (sample_site / "site" / "guide").exists()
    public_menu = page(sample_site, "about")
    staff_menu = (staff_site / "site-internal" / "about" / "index.html").read_text(encoding="utf-8")
    assert ("工作人员指南" in public_menu, "工作人员指南" in staff_menu) == (False, True)
    # 更正记录 is in the menu of both.
    assert re.findall(r'href="../corrections/"[^>]*>\s*(?:<span[^>]*>)?\s*更正记录', public_menu) != []


def test_the_staff_guide_explains_every_diagnostic_and_record_type(staff_site):
    from renda.core.catalogue import CATALOGUE

    html = (staff_site / "site-internal" / "guide" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="([A-Z]\d\d)"><td[^>]*><code>\1</code></td><td[^>]*>(错误|警告)</td><td[^>]*>([^<]+)</td>', html)
    assert [(code, level, title) for code, level, title in rows] == [
        (d.code, "错误" if d.level == "error" else "警告", d.title) for d in CATALOGUE.values()]
    assert "<code>renda new suggestion</code>" in html
    assert "提出日期（必填）" in html and "领衔代表（必填）" not in html  # or outside, for others' suggestions
    assert "缺少必填字段 …（…），请补上。例如：…" in html
    assert "运行 <code>./scripts/edit</code>，用浏览器打开 <code>http://localhost:8081/admin/</code>" in html


def test_an_interrupted_build_leaves_no_side_process_and_no_layouts_behind(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    project = make_project(tmp_path / "project")
    # A MkDocs hook holds the build at its first page until it is interrupted, so that Ctrl-C
    # always lands while the side process's folder exists (a fast build once ended first).
    held = tmp_path / "held"
    (project / "hold.py").write_text(
        "import pathlib, time\n"
        "def on_post_page(output, page, config):\n"
        f"    pathlib.Path({str(held)!r}).touch()\n"
        "    time.sleep(300)\n", encoding="utf-8")
    with open(project / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("hooks:\n  - hold.py\n")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(scratch))
    # A test run started in the background (``&``) ignores Ctrl-C, and so would the build: it
    # gets the terminal's usual handling back before it starts.
    build = subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env,
                             start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not held.exists():
        assert build.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    assert len(list(scratch.glob("renda-layouts-*"))) == 1  # the side process is at work
    side = [int(pid) for pid in subprocess.run(["pgrep", "-P", str(build.pid)], capture_output=True,
                                                text=True).stdout.split()]
    os.killpg(build.pid, signal.SIGINT)  # Ctrl-C in the terminal
    assert build.wait(timeout=60) != 0
    assert list(scratch.iterdir()) == []
    for pid in side:
        assert not os.path.exists(f"/proc/{pid}") or "zombie" in open(f"/proc/{pid}/status").read()
    assert not (project / "site").exists()


def test_shared_navigation_tells_the_home_page_from_pages_one_level_down(tmp_path):
    # Without 首页 in the navigation, the home page ("") and 更正记录 ("corrections/") share a
    # parent folder but not their depth: their links must differ.
    import os
    import subprocess
    import sys

    built = {}
    for share in ("1", "0"):
        project = make_project(tmp_path / share, BASE_TREE)
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        (project / "mkdocs.yml").write_text(config.replace("  - 首页: index.md\n", ""), encoding="utf-8")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RENDA_SHARE_NAV=share)
        subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env, check=True,
                       capture_output=True)
        built[share] = {p.relative_to(project / "site"): p.read_bytes()
                        for p in sorted((project / "site").rglob("*.html"))}
    assert built["1"] == built["0"]
    assert b'href="../deputies/"' in built["1"][Path("corrections/index.html")]


def test_the_points_ranking_is_an_internal_tool_unless_a_township_publishes_it(sample_site, tmp_path):
    # Public by default: what each deputy did, in surname-stroke order, no points, no ranks;
    # a deputy who died during the year is never ranked.
    page = (sample_site / "site" / "stats" / "2025" / "index.html").read_text(encoding="utf-8")
    assert "<h2>代表履职情况</h2>" in page and "代表履职积分" not in page and "积分分值" not in page
    assert "年内离任" in page and "<th scope=\"col\">名次</th>" not in page
    import csv
    import io
    rows = list(csv.reader(io.StringIO((sample_site / "site" / "stats" / "2025年代表履职统计.csv")
                                       .read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["姓名", "代表小组", "活动（次）", "述职（次）", "出席会议（次）", "缺席会议（次）", "其中请假（次）",
                       "领衔建议（件）", "附议建议（件）", "反映意见（条）"]
    assert "韦长根（年内离任）" in [row[0] for row in rows]
    # A township that chooses to publish the ranking: the deceased deputy is listed last, unranked.
    project = make_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("      term: 18\n", "      term: 18\n      publish_ranking: true\n"),
                                        encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    page = (project / "site" / "stats" / "2025" / "index.html").read_text(encoding="utf-8")
    table = page.split("<h2>代表履职积分</h2>", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td>", table)
    unranked = [name for rank, name in rows if rank == "—"]
    assert rows[0][0] == "1" and rows[-len(unranked)][0] == "—"  # the unranked come last
    assert all(rank.isdigit() for rank, _ in rows[:-len(unranked)])
    assert any("韦长根" in name and "年内离任：去世" in name for name in unranked)
    assert all("年内离任" in name for name in unranked)


def test_my_deputy_lists_each_village_with_its_deputies_and_station(sample_site):
    html = page(sample_site, "mine")
    assert re.findall(r'<section class="renda-village" id="v-([^"]+)"', html) == [
        "青石社区", "镇直机关", "石桥村", "柳塘村", "龙井村", "枫木村", "白沙村", "杨家坪村", "双河村", "茶园村",
        "新田村", "高峰村", "桂花村", "马鞍村"]
    section = html.split('id="v-白沙村"', 1)[1].split("</section>", 1)[0]
    assert text_of(section).split("> ", 1)[1].strip() == (
        "白沙村 选区 第十选区（白沙村）、云溪县第二十四选区（青石镇） "
        "镇人大代表 白雪梅 、 余海波 、 宋志文 、 贺建华 、 彭莉 县人大代表 白雪梅 、 宋志文 、 蒋德华 "
        "到 白沙村人大代表联络室 反映意见 （代表联络室） 地址 青石镇白沙村党群服务中心一楼 "
        "接待选民日 每月10日（遇周末、节假日顺延） 进站代表 白雪梅 、 杨树林 、 余海波 、 宋志文 、 陆小平 、 "
        "贺建华 、 郭美香 、 彭莉 、 董家成 、 曾国荣 、 谢秋菊")
    # Reached from the menu, the home page and the deputies' list.
    for url in ("", "deputies"):
        assert 'href="mine/">按村（社区）查找我的代表' in page(sample_site, "") and "我的代表</a>" in page(sample_site, url)
    # Search finds a village: an entry pointing at its section.
    index = all_site_text(sample_site / "site" / "search")
    assert ('["mine/#v-白沙村","白沙村的人大代表","说明","白沙村、第十选区（白沙村）、云溪县第二十四选区（青石镇）、'
            '白雪梅、余海波、宋志文、贺建华、彭莉、蒋德华、白沙村人大代表联络室"]') in index


def test_a_site_without_villages_has_no_my_deputy_page(tmp_path):
    project = make_project(tmp_path / "town", BASE_TREE)  # its station names no village
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"      constituencies:\n(        .*\n)+", "", config).replace("  - 我的代表: mine.md\n", "")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    assert not (project / "site" / "mine").exists()
    assert "我的代表" not in page(project, "")


def _article(html: str) -> str:
    return text_of(html.split("<article", 1)[1].split("</article>", 1)[0])


def test_rectification_items_show_their_derived_status_and_the_overdue_are_listed_first(sample_site):
    index = _article(page(sample_site, "rectifications"))
    # On the pinned today (2026-11-21): 13 items in four years' supervision.
    assert "共 13 项：已整改 8 项，整改中 2 项， 逾期未整改 3 项 。" in index
    overdue = index.split("逾期未整改（3 项）", 1)[1].split("2026年（7 项）", 1)[0]
    assert re.findall(r"(\S+) (\d{4}年\d+月\d+日) 逾期未整改", overdue) == [
        ("镇农业农村办", "2025年3月31日"), ("镇人力资源和社会保障服务中心", "2026年8月31日"),
        ("镇财政所", "2026年9月30日")]
    assert re.findall(r"(\d{4})年（(\d+) 项）", index) == [("2026", "7"), ("2025", "2"), ("2024", "4")]
    # A report done after the deadline is done, and said to be late.
    assert "2025年8月31日 已整改 逾期完成 2025年10月15日 报告" in index

    activity = _article(page(sample_site, "activities/2026-05-19-pingyi"))
    assert "满意 20 票，基本满意 4 票，不满意 0 票（共 24 票，满意和基本满意占 100.0%）。" in activity
    assert "审议意见（3 条）" in activity and "整改事项（3 项，1 项逾期未整改）" in activity
    assert ("就业岗位信息发布不及时 镇人力资源和社会保障服务中心 2026年8月31日 逾期未整改" in activity)
    assert ("灵活就业人员参保政策宣传不够 镇人力资源和社会保障服务中心 2026年9月30日 已整改 "
            "2026年8月28日 报告") in activity

    questions = _article(page(sample_site, "activities/2026-08-18-xunwen"))
    assert "询问和回答（3 问）" in questions
    assert "问（ 黄丽 ）：汛期停工后，下半年能不能按期完工？ 答（镇水利站站长）：9月恢复施工后增加作业面" in questions

    report = _article(page(sample_site, "rectifications/2026-05-19-pingyi-a"))
    assert "监督活动 评议镇人力资源和社会保障服务中心工作" in report
    assert "报告已完成的整改事项（2 项）" in report
    assert "就业岗位信息发布不及时" not in report  # the item it does not report
    assert "在20个村便民服务站设立认证帮办点" in report


def test_a_project_shows_where_it_came_from_and_its_suggestion_where_it_went(sample_site):
    html = page(sample_site, "projects/2026-02")
    project = _article(html)
    assert "来源建议 关于建设青石镇区公共停车场的建议" in project
    loop = project.split("从意见到实事", 1)[1].split("项目进度", 1)[0]
    steps = html.split('class="renda-timeline renda-chain"', 1)[1].split("</ol>", 1)[0]
    assert re.findall(r'<span class="renda-step">(.+?)</span>(?:<time[^>]*>(.+?)</time>)?', steps) == [
        ("意见", "2025年2月17日"), ("意见", "2025年4月15日"), ("建议", "2026年1月14日"), ("票决", "2026年1月14日"),
        ("答复", "2026年4月20日"), ("建设进度", "2026年6月30日"), ("建设进度", "2026年9月20日"),
        ("建设进度", "2026年10月31日"), ("测评", ""), ("验收", "")]
    assert "尚未测评" in loop and "尚未验收" in loop

    suggestion = _article(page(sample_site, "suggestions/2026-001"))
    assert "列入民生实事 镇区公共停车场建设" in suggestion
    assert "来源群众意见（1 条） 赶集日车辆乱停，停车位不够（ 徐振刚 在 青石镇人大代表之家4月代表接待日 中听取）" in suggestion
    assert "从意见到实事：镇区公共停车场建设" in suggestion

    done = _article(page(sample_site, "projects/2025-03"))
    assert "验收日期 2025年10月25日" in done
    assert "测评 2026年1月14日 代表测评：满意 55 票，基本满意 4 票，不满意 0 票" in done
    assert "验收 2025年10月25日 竣工验收" in done


def test_a_deputys_reflections_are_listed_and_filed_in_the_years_dossier(sample_site):
    archive = _article(page(sample_site, "deputies/bai-xuemei"))
    assert ("心得体会（6 篇） 2026年11月20日 一条村道背后的代表履职 2026年6月30日 在代表接待日里读懂民生 "
            "2025年12月10日 站所评议让我学会了“问到底”") in archive
    dossier = _article(page(sample_site, "print/deputies/bai-xuemei/2025"))
    assert ("五、撰写心得体会（2 篇） 日期 题目 2025年6月28日 把白沙村群众的“急难愁盼”带进人代会 "
            "2025年12月10日 站所评议让我学会了“问到底”") in dossier
    # The township asks for 2 a year (rules.quota in mkdocs.yml): the statistics name who fell short.
    rules = _article(page(sample_site, "stats/2025"))
    assert "每位代表每年撰写心得体会不少于 2 篇：53 名代表达到，9 名未达到。" in rules


def test_the_years_plan_is_shown_against_what_was_done(sample_site):
    # 2025's 工作要点 (records/plans/2025): 8 tasks with a count, 调研 fell one short (3 of 4).
    plan = _article(page(sample_site, "plans/2025-yaodian"))
    assert ("通过日期 2025年1月3日 通过会议 2025年第一次主席团会议 完成情况 可计数的任务 8 项，已完成 7 项。"
            "完成次数由2025年公开的活动和会议记录算出，见 2025年统计 。 任务 计划 完成 结果 "
            "围绕饮水安全、农村道路和养老服务组织代表视察 视察 4 次 5 次 已完成 "
            "就滑坡隐患治理、河道清淤开展专题调研 调研 4 次 3 次 未完成 ") in plan
    assert "主席团每季度至少召开一次会议 主席团会议 4 次 4 次 已完成" in plan
    assert "民生实事项目全过程监督 不计数 工作要点全文" in plan
    stats = _article(page(sample_site, "stats/2025"))
    assert "年度工作要点完成情况 青石镇人大主席团2025年工作要点 列出可计数的任务 8 项，已完成 7 项。" in stats
    assert ("四、年度工作要点完成情况 《青石镇人大主席团2025年工作要点》确定可计数的工作任务8项，全年已完成7项："
            "视察计划4次、实际开展5次；调研计划4次、实际开展3次；") in stats
    assert "未完成的任务：就滑坡隐患治理、河道清淤开展专题调研。" in stats
    csv = (sample_site / "site" / "stats" / "2025年工作要点完成情况统计.csv").read_text(encoding="utf-8-sig")
    assert csv.splitlines()[:3] == ["任务,计数,计划（次）,完成（次）,结果", "围绕饮水安全、农村道路和养老服务组织代表视察,视察,4,5,已完成",
                                    "就滑坡隐患治理、河道清淤开展专题调研,调研,4,3,未完成"]
    api = json.loads((sample_site / "site" / "api" / "plans" / "2025-yaodian.json").read_text(encoding="utf-8"))
    assert (api["derived"]["measured"], api["derived"]["done"]) == (8, 7)
    assert api["derived"]["results"][1] == {
        "text": "就滑坡隐患治理、河道清淤开展专题调研", "kind": "调研", "counts": "activities", "target": 4, "actual": 3,
        "ok": False, "records": ["activities/2025-10-28-diaoyan", "activities/2025-07-15-diaoyan",
                                 "activities/2025-06-10-diaoyan"]}


def test_suggestions_handled_for_others_are_shown_and_counted_apart(sample_site):
    # A CPPCC proposal assigned to the town: its proposer, the county's number, called 提案.
    proposal = _article(page(sample_site, "suggestions/2026-zhengxieweiyuan-01"))
    assert ("编号 2026年政协委员提案第1号 状态 续办中 分类 文化旅游 提出人 宋文静（政协委员），县政协农业和农村界别 "
            "原编号 县政协十二届五次会议第18号提案 来源 上级交办：政协委员的建议、提案交本镇办理，单独统计") in proposal
    assert "提出 2026年2月25日 宋文静（政协委员）提出，交本镇办理 交办" in proposal
    listing = _article(page(sample_site, "suggestions/2026"))
    assert "2026年代表共提出议案、建议 18 件。" in listing
    assert ("交本镇办理的建议、提案 上级人大代表的建议、政协委员的提案交本镇办理的 2 件，单独统计，不计入本镇代表的议案建议。 "
            "编号 标题 提出人 承办单位 状态 办理结果 满意度 县人大代表建议1 关于在青石集镇增设公共充电桩的建议 罗德明（县人大代表） "
            "镇村镇建设办 办理中 政协委员提案1 关于打造龙井村茶旅研学线路的提案 宋文静（政协委员） 镇文化旅游服务中心 续办中 B") in listing
    stats = _article(page(sample_site, "stats/2025"))
    assert ("另有上级人大代表的建议、政协委员的提案交本镇办理 1 件（县人大代表 1 件），已答复 1 件，已办结 1 件；"
            "这些件单独统计，不计入上面的数字。") in stats
    assert "办理上级人大代表建议、政协委员提案1件（县人大代表1件），已全部答复。" in stats
    sheet = _article(page(sample_site, "print/suggestions/2026-zhengxieweiyuan-01"))
    assert "政协委员提案办理单 编号 2026年政协委员提案第1号" in sheet
    assert "提出 2026年2月25日 宋文静（政协委员）提出，交本镇办理" in sheet
    reply = _article(page(sample_site, "replies/2026-zhengxieweiyuan-01-a"))
    assert "所答复的建议 关于打造龙井村茶旅研学线路的提案 提出人 宋文静（政协委员） 答复单位" in reply
    feed = (sample_site / "site" / "feeds" / "suggestions" / "2026-zhengxieweiyuan-01.atom").read_text(encoding="utf-8")
    assert "宋文静（政协委员）提出，交本镇办理" in feed


def test_a_deputys_year_dossier_files_the_opinions_voiced_and_the_questions_asked(sample_site):
    voiced = _article(page(sample_site, "print/deputies/liu-xiuying/2026"))
    assert ("三、提出和附议的议案建议（0 件） 无。 四、反映群众意见（3 条） 日期 意见 活动 办理情况 "
            "2026年3月16日 防洪堤施工期间沿河道路通行不便 青石镇人大代表之家3月代表接待日 已转交（镇水利站） "
            "2026年3月16日 社区文化活动室开放时间短 青石镇人大代表之家3月代表接待日 已办结 "
            "2026年9月15日 咨询城乡居民医保缴费标准和渠道 青石镇人大代表之家9月代表接待日 已办结 五、撰写心得体会（2 篇）") in voiced
    asked = _article(page(sample_site, "print/deputies/huang-li/2026"))
    assert ("四、专题询问中的提问（1 个） 日期 问题 应询人 回答 2026年8月18日 汛期停工后，下半年能不能按期完工？ "
            "镇水利站站长 9月恢复施工后增加作业面，确保明年汛前完工。 五、撰写心得体会（2 篇）") in asked


def test_the_data_files_are_shared_job_by_job_with_the_side_process(tmp_path):
    # The side process takes the jobs from the first, MkDocs' process (done with its pages)
    # from the last: here the side process waits after its first job until MkDocs' process
    # has taken what it could. Each job is done once, by one of the two.
    import json
    import time

    from renda.mkdocs_adapter.parallel import SideWork

    started, go, done = tmp_path / "started", tmp_path / "go", tmp_path / "side.json"

    def files(claim) -> dict:
        taken = []
        for job in range(100):
            if not claim(job):
                break
            taken.append(job)
            started.touch()
            while not go.exists():
                time.sleep(0.01)
        done.write_text(json.dumps(taken), encoding="utf-8")
        return {}

    side = SideWork([], lambda spec: "", files, parallel=True)
    assert side.beside
    deadline = time.monotonic() + 60
    while not started.exists():
        assert time.monotonic() < deadline
        time.sleep(0.01)
    mine = []
    for job in reversed(range(100)):
        if not side.claim(job):
            break
        mine.append(job)
    go.touch()
    assert side.finish()["waited"] >= 0
    assert json.loads(done.read_text(encoding="utf-8")) == [0]
    assert mine == list(range(99, 0, -1))
    # Without a second process every job is this process's.
    alone = SideWork([], lambda spec: "", None, parallel=False)
    assert not alone.beside and all(alone.claim(job) for job in (0, 0, 1))


def test_layouts_come_back_from_the_second_process_as_they_were_made():
    from renda.mkdocs_adapter.parallel import _pack, _unpack

    layouts = ["", "<p class=\"x\">青石镇人大</p>\n<!-- renda:content -->", "a\nb 12 3", "𠮷"]
    assert _pack(layouts)[:12] == b"0 55 8 4\n<p "
    assert _unpack(_pack(layouts)) == layouts
    assert _unpack(_pack([])) == []
