"""What a person sees, in a real headless Chromium (Debian's, driven by Playwright).

The built sample site is served from 127.0.0.1; every request a page makes is recorded and any
that leaves 127.0.0.1 fails the test. Screenshots land in test-artifacts/.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import REPO
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
AXE = REPO / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"
MAIN_PAGES = {
    "home": "",
    "deputies": "deputies/",
    "deputy": "deputies/long-wenbin/",
    "activity": "activities/2024-02-20-lianxi/",
    "meetings-year": "meetings/2024/",
    "meeting": "meetings/2024-01-17-rd/",
    "suggestions-year": "suggestions/2025/",
    "suggestion": "suggestions/2025-004/",
    "reply": "replies/2025-004-a/",
    "projects": "projects/",
    "station": "stations/qingshi-jia/",
    "search": "search/",
    "stats-year": "stats/2025/",
    "stats": "stats/",
    "mine": "mine/",
    "404": "404.html",
}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(sample_site):
    handler = functools.partial(_QuietHandler, directory=str(sample_site / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "需要 Debian 的 chromium：运行 scripts/setup --test"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A fresh page at 1280 px; fails the test if anything is requested off 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.base = server
    yield page
    context.close()
    outside = [url for url in requests
               if not url.startswith(("http://127.0.0.1:", "data:", "blob:"))]
    assert outside == [], f"requests left the site: {outside}"
    assert requests, "the page made no request at all"


def test_home_to_a_deputy_archive_through_the_navigation(page):
    page.goto(page.base)
    assert page.locator("h1").inner_text() == "青石镇人大代表履职公开"
    page.get_by_role("link", name="代表", exact=True).first.click()
    page.wait_for_url("**/deputies/")
    page.get_by_role("link", name="龙文斌").first.click()
    page.wait_for_url("**/deputies/long-wenbin/")
    assert page.locator("h1").inner_text() == "龙文斌"
    headings = page.locator("article h2").all_inner_texts()
    assert headings[0].startswith("履职活动（") and "领衔提出的议案建议（" in " ".join(headings)


def _search(page, phrase: str) -> list[tuple[str, str]]:
    page.goto(page.base + "search/")
    page.fill("#renda-search-input", phrase)
    page.wait_for_function("/结果|没有找到/.test(document.querySelector('.renda-search-status').innerText)")
    page.wait_for_function("document.querySelector('.renda-search-more').hidden === false"
                           " || document.querySelectorAll('.renda-search-results li').length"
                           " === Number((document.querySelector('.renda-search-status').innerText"
                           ".match(/找到 (\\d+)/) || [0, 0])[1])")
    links = page.locator(".renda-search-title a")
    return [(links.nth(i).get_attribute("href"), links.nth(i).inner_text())
            for i in range(links.count())]


@pytest.mark.parametrize("phrase, top, count", [
    ("危旧石桥", [("suggestions/2025-004/", "关于修缮龙井村危旧石桥的建议"),
                 # then its two replies, the later first
                 ("replies/2025-004-b/", "对《关于修缮龙井村危旧石桥的建议》的答复"),
                 ("replies/2025-004-a/", "对《关于修缮龙井村危旧石桥的建议》的答复")], 5),
    # Two titles hold the whole phrase: the shorter one (more about it) comes first.
    ("农村用电安全", [("activities/2026-10-27-diaoyan/", "冬季农村用电安全调研"),
                     ("suggestions/2026-017/", "关于做好冬季农村用电安全检查的建议")], 8),
    # No page holds 农村饮水 as written: pages with 农村 and 饮水 apart, 饮水 in the title first.
    ("农村饮水", [("projects/2024-01/", "龙井村、枫木村饮水安全巩固提升工程"),
                 ("suggestions/2025-015/", "关于加强农村饮用水水质检测的建议"),
                 ("suggestions/2024-003/", "关于解决龙井村三组、四组饮水不稳定问题的建议")], 7),
])
def test_a_chinese_phrase_finds_the_right_pages_first(page, phrase, top, count):
    results = _search(page, phrase)
    assert results[:len(top)] == [("../" + url, title) for url, title in top]
    assert page.locator(".renda-search-status").inner_text() == f"找到 {count} 个结果（“{phrase}”）"
    assert len(results) == min(count, 10)
    page.locator(".renda-search-title a").first.click()
    page.wait_for_url("**/" + top[0][0])
    assert page.locator("h1").inner_text() == top[0][1]


def test_search_finds_nothing_of_an_internal_record(page):
    # A phrase only the internal suggestion 2025-016 contains.
    results = _search(page, "低保")
    assert not any("2025-016" in href for href, _ in results)


def test_a_suggestion_shows_its_handling_timeline(page):
    page.goto(page.base + "suggestions/2025-004/")
    steps = page.locator("ol.renda-timeline > li")
    assert steps.evaluate_all("els => els.map(e => e.className)") == ["done"] * 5
    texts = [t.replace("\n", " ") for t in steps.all_inner_texts()]
    assert [t.split(" ")[0] for t in texts] == ["提出", "交办", "面商", "答复", "评价"]
    assert "2025年1月15日" in texts[0] and "2025年1月27日" in texts[1]
    assert "代表评价：不满意" in texts[4] and "代表评价：满意" in texts[4]
    assert page.locator(".renda-reply").count() == 2


@pytest.mark.parametrize("name", sorted(MAIN_PAGES))
def test_every_main_page_fits_a_375px_phone(browser, server, name):
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=1)
    page = context.new_page()
    page.goto(server + MAIN_PAGES[name])
    page.wait_for_load_state("networkidle")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


@pytest.mark.parametrize("name", sorted(MAIN_PAGES))
def test_no_serious_accessibility_violation(page, name):
    page.goto(page.base + MAIN_PAGES[name])
    page.wait_for_load_state("networkidle")
    # Colours are checked at rest: Material fades its tabs in after load.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
             .map(v => ({id: v.id, impact: v.impact,
                         nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))""")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_statistics_charts_render_on_screen_and_in_print(page):
    from io import BytesIO

    from PIL import Image

    page.goto(page.base + "stats/2025/")
    charts = page.locator("svg.renda-chart")
    assert charts.count() == 4
    assert charts.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))") == [
        "2025年履职活动（按类型，次）", "2025年议案建议办理结果（件）", "2025年主席团会议（按季度，次）",
        "2025年与2024年比较"]
    ARTIFACTS.mkdir(exist_ok=True)
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        for index in range(charts.count()):
            box = charts.nth(index).bounding_box()
            assert box["width"] > 300 and box["height"] > 100
            png = charts.nth(index).screenshot(path=str(ARTIFACTS / f"chart-{media}-{index}.png"))
            image = Image.open(BytesIO(png)).convert("L")
            dark = sum(image.histogram()[:160])
            assert dark > 0.02 * image.width * image.height  # bars and labels, not a blank box


def test_two_quick_taps_on_more_results_show_each_result_once(page):
    results = _search(page, "代表")
    count = int(page.locator(".renda-search-status").inner_text().split(" ")[1])
    assert len(results) == 10 and count > 20
    page.locator(".renda-search-more").dblclick()
    page.wait_for_function("document.querySelectorAll('.renda-search-results li').length >= 20")
    page.wait_for_timeout(500)
    hrefs = page.locator(".renda-search-title a").evaluate_all("els => els.map(e => e.href)")
    assert len(hrefs) == 20 and len(set(hrefs)) == 20


LIST_PAGES = {
    "suggestions-year": "suggestions/2025/", "projects": "projects/", "meetings-year": "meetings/2024/",
    "stations": "stations/", "stats-year": "stats/2025/", "stats": "stats/", "deputy": "deputies/long-wenbin/",
    "dossier-deputy": "print/deputies/long-wenbin/", "dossier-suggestion": "print/suggestions/2025-004/",
    "dossier-report": "print/stats/2025/", "station-notice": "print/stations/baisha-shi/",
}

_TABLES = """() => [...document.querySelectorAll("article table")].map(t => {
    const box = t.getBoundingClientRect(), head = t.tHead ? t.tHead.getBoundingClientRect() : null;
    const rows = [...t.tBodies[0].rows];
    return {cards: t.classList.contains("renda-cards"), display: getComputedStyle(t).display,
            right: box.right, width: box.width, frame: t.closest("article").getBoundingClientRect().width,
            head: head ? head.height : null,
            overflowing: [...t.querySelectorAll("td, th")].filter(c => c.scrollWidth > c.clientWidth + 1).length,
            rows: rows.map(r => {
                const title = r.querySelector(".renda-cell-title"), badge = r.querySelector(".renda-cell-badge");
                return {display: getComputedStyle(r).display, width: r.clientWidth,
                        title: title ? title.getBoundingClientRect().width : null,
                        badge: badge ? badge.getBoundingClientRect().width : null,
                        label: title ? getComputedStyle(title, "::before").content : null};
            })};
})"""


@pytest.mark.parametrize("name", sorted(LIST_PAGES))
def test_lists_are_cards_on_a_phone_and_tables_on_a_desktop(browser, server, name):
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (375, 1280):
        context = browser.new_context(viewport={"width": width, "height": 812}, device_scale_factor=1)
        page = context.new_page()
        page.goto(server + LIST_PAGES[name])
        page.wait_for_load_state("networkidle")
        tables = page.evaluate(_TABLES)
        assert tables, "the page has a list"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for table in tables:
            assert table["right"] <= width and table["width"] <= table["frame"] + 1
            assert table["overflowing"] == 0  # no cell is wider than its box (no hidden sideways scroll)
            if width == 375 and table["cards"]:
                assert table["display"] == "block" and table["head"] <= 1  # header read out, not shown
                for row in table["rows"]:
                    assert row["display"] == "grid"
                    # The title is the card's first line, full width beside its badge, unlabelled.
                    assert row["title"] >= (row["width"] - 24 - (row["badge"] or 0) - 20) and row["title"] > 150
                    assert row["label"] == "none"
            elif width == 1280:
                assert table["display"] == "table" and (table["head"] is None or table["head"] > 20)
        if width == 375:
            page.screenshot(path=str(ARTIFACTS / f"cards-{name}.png"), full_page=True)
        context.close()


def test_a_card_says_each_value_with_its_label(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(server + "suggestions/2025/")
    card = page.locator("table.renda-cards tbody tr").nth(3)
    # As seen: top to bottom, left to right, each with the label the stylesheet puts before it.
    seen = card.locator("td").evaluate_all("""cells => cells.filter(c => c.offsetParent !== null)
        .map(c => [c.getBoundingClientRect().top, c.getBoundingClientRect().left,
                   getComputedStyle(c, "::before").content.replace(/^"|"$/g, "").replace(/^none$/, "") + c.innerText])
        .sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(c => c[2])""")
    assert seen == [
        "关于修缮龙井村危旧石桥的建议", "已办结", "编号：建议4", "领衔代表：袁德海", "承办单位：镇交通管理站", "办理结果：A", "满意度：满意"]
    box, badge = card.bounding_box(), card.locator(".renda-cell-badge").bounding_box()
    assert badge["y"] - box["y"] < 20 and box["x"] + box["width"] - (badge["x"] + badge["width"]) < 20  # top right
    context.close()


def _phone(browser):
    return browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=1)


def _axe_serious(page) -> list:
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
             .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))""")
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_the_large_text_button_enlarges_every_page_and_is_remembered(browser, server):
    context = _phone(browser)
    page = context.new_page()
    page.goto(server + "deputies/")
    size = "() => parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)"
    normal = page.evaluate(size)
    button = page.get_by_role("button", name="大字")
    assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.evaluate(size) == normal * 1.25
    # Another page, the next day: still large, from the first paint.
    page.goto(server + "suggestions/2025/")
    assert page.evaluate("document.documentElement.classList.contains('renda-large')")
    assert page.get_by_role("button", name="大字").get_attribute("aria-pressed") == "true"
    assert page.evaluate(size) == normal * 1.25
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "phone-large-suggestions-year.png"))
    assert _axe_serious(page) == []
    page.get_by_role("button", name="大字").click()
    page.reload()
    assert page.evaluate(size) == normal
    context.close()


RECORD_PAGES = ["activities/2025-02-18-peixun/", "activities/2024-02-20-lianxi/", "meetings/2024-01-17-rd/",
                "suggestions/2025-004/", "replies/2025-004-a/", "deputies/long-wenbin/", "stations/qingshi-jia/",
                "projects/2024-01/"]


@pytest.mark.parametrize("url", RECORD_PAGES)
def test_a_record_page_shows_its_content_within_a_phone_screen(browser, server, url):
    context = _phone(browser)
    page = context.new_page()
    page.goto(server + url)
    # The facts are a label and its value to a line; a long list of names is folded.
    facts = page.evaluate("""() => { const m = document.querySelector('article .renda-meta');
        const dt = m.querySelector('dt').getBoundingClientRect(), dd = m.querySelector('dd').getBoundingClientRect();
        return {bottom: m.getBoundingClientRect().bottom, sameLine: Math.abs(dt.top - dd.top) < 2}; }""")
    assert facts["sameLine"] and facts["bottom"] < 700
    context.close()


def test_sixty_participants_are_folded_behind_their_count(browser, server):
    context = _phone(browser)
    page = context.new_page()
    page.goto(server + "activities/2025-02-18-peixun/")
    names = page.locator(".renda-meta details.renda-namelist")
    assert names.locator("summary").inner_text() == "60 位代表（点击展开名单）"
    assert not names.locator("a").first.is_visible()
    names.locator("summary").click()
    assert names.locator("a").count() == 60 and names.locator("a").first.is_visible()
    page.emulate_media(media="print")
    assert names.locator("summary").inner_text() == "60 位代表"
    context.close()


def test_a_group_leader_is_marked_by_a_label_not_written_like_a_name(page):
    page.goto(page.base + "deputies/")
    roles = page.locator(".renda-names .renda-role")
    assert roles.all_inner_texts() == ["组长"] * 6
    name_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.renda-names a')).fontSize)")
    role = page.evaluate("""() => { const r = getComputedStyle(document.querySelector('.renda-role'));
        return [parseFloat(r.fontSize), r.borderTopStyle]; }""")
    assert role[0] < name_size * 0.8 and role[1] == "solid"


def test_a_search_result_shows_the_field_that_matched_with_its_label(page):
    results = _search(page, "镇交通管理站")
    excerpts = page.locator(".renda-search-excerpt").all_inner_texts()
    # A reply is found by its unit: its excerpt says which field that is, not a run of values.
    first = excerpts[0]
    assert results[0][0].startswith("../replies/") and "答复单位：镇交通管理站" in first, first


def test_a_resident_types_their_village_and_sees_its_deputies_and_station(browser, server):
    context = _phone(browser)
    page = context.new_page()
    page.goto(server + "mine/")
    assert page.locator("section.renda-village:visible").count() == 14
    page.get_by_label("您所在的村（社区）").fill("白沙")
    assert page.locator(".renda-mine-status").inner_text() == "找到 1 个村（社区）"
    shown = page.locator("section.renda-village:visible")
    assert shown.count() == 1 and shown.locator("h2").inner_text() == "白沙村"
    facts = dict(zip(shown.locator("dt").all_inner_texts(), shown.locator("dd").all_inner_texts()))
    assert facts["镇人大代表"] == "白雪梅、余海波、宋志文、贺建华、彭莉"
    assert facts["接待选民日"] == "每月10日（遇周末、节假日顺延）"
    assert shown.get_by_role("link", name="白沙村人大代表联络室").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "phone-mine-baisha.png"), full_page=True)
    page.get_by_label("您所在的村（社区）").fill("红旗寨")
    assert page.locator(".renda-mine-status").inner_text() == "没有找到“红旗寨”：请换一种写法，或在下面的列表里选择。"
    assert page.locator(".renda-village-links").is_visible()
    context.close()


def test_searching_a_village_finds_its_deputies(page):
    results = _search(page, "杨家坪村")
    assert results[0] == ("../mine/#v-杨家坪村", "杨家坪村的人大代表")
    page.locator(".renda-search-title a").first.click()
    page.wait_for_url(lambda url: unquote(url).endswith("/mine/#v-杨家坪村"))
    assert page.locator("#v-杨家坪村 h2").is_visible()


def test_the_qr_code_shows_on_a_wide_screen_and_on_paper_not_on_a_phone(browser, server):
    for width, media, size in ((1280, "screen", 120), (375, "screen", None), (375, "print", 113)):
        context = browser.new_context(viewport={"width": width, "height": 812})
        page = context.new_page()
        page.goto(server + "stations/baisha-shi/")
        page.emulate_media(media=media)
        code = page.locator("figure.renda-qr svg")
        if size is None:
            assert not code.is_visible()
        else:
            box = code.bounding_box()
            assert code.is_visible() and abs(box["width"] - size) <= 2 and box["width"] == box["height"]
        context.close()
