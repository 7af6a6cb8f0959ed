"""QR codes of the pages and the stations' monthly notices (本月接待安排), on a real build."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import segno
from conftest import make_project, mkdocs_build
from renda.site.notices import reception_dates

SITE = "https://qingshi.example.gov.cn/"


@pytest.mark.parametrize("rules, dates", [
    (["每月10日"], [dt.date(2026, 12, 10)]),
    (["每周三"], [dt.date(2026, 12, d) for d in (2, 9, 16, 23, 30)]),
    (["每月第一个周三"], [dt.date(2026, 12, 2)]),
    (["每月最后一个周五"], [dt.date(2026, 12, 25)]),
    (["每月15日", "每月第一个周三"], [dt.date(2026, 12, 2), dt.date(2026, 12, 15)]),
])
def test_reception_rules_give_the_days_of_a_month(rules, dates):
    assert reception_dates(rules, 2026, 12) == dates


def test_a_day_a_month_does_not_have_is_not_invented():
    assert reception_dates(["每月31日"], 2026, 11) == []
    assert reception_dates(["每月31日"], 2026, 12) == [dt.date(2026, 12, 31)]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("town"))  # the sample township, today 2026-11-21
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def qr_path(html: str) -> str:
    return re.search(r'<svg viewBox="[^"]+" class="renda-qr-code"><title>[^<]*</title><path [^>]*d="([^"]+)"', html)[1]


@pytest.mark.parametrize("url", ["deputies/long-wenbin/", "stations/baisha-shi/", "suggestions/2025-004/"])
def test_a_page_carries_the_qr_code_of_its_own_address(built, url):
    html = (built / url / "index.html").read_text(encoding="utf-8")
    expected = segno.make_qr(SITE + url, error="m").svg_inline(scale=4, border=2, omitsize=True)
    assert qr_path(html) == re.search(r' d="([^"]+)"', expected)[1]
    assert f'<span class="renda-qr-url">{SITE}{url}</span>' in html


def test_a_station_s_monthly_notice_lists_its_days_duty_and_last_month_s_opinions(built):
    html = (built / "print" / "stations" / "baisha-shi" / "index.html").read_text(encoding="utf-8")
    notice = text(html.split('<div class="renda-dossier renda-notice">', 1)[1].split('<div class="renda-notice-foot">', 1)[0])
    assert notice == (
        "青石镇人民代表大会 白沙村人大代表联络室 2026年11月接待安排 "
        "白沙村人大代表联络室（代表联络室）地址：青石镇白沙村党群服务中心一楼。本月接待选民日如下，遇节假日顺延；欢迎群众来反映意见和建议。 "
        "接待日 星期 2026年11月10日 星期二 "
        "进站代表（轮流值守） 白雪梅、杨树林、余海波、宋志文、陆小平、贺建华、郭美香、彭莉、董家成、曾国荣、谢秋菊 "
        "上月（10月）收集的意见和办理情况（4 条） 日期 意见 办理情况 "
        "2026年10月12日 双河村水源地还没有隔离设施 办理中 "
        "2026年10月12日 杨家坪村独居老人希望有人定期探访 办理中 "
        "2026年10月12日 村卫生室常用药品不全 已转交（镇中心卫生院） "
        "2026年10月12日 邻里因宅基地界址发生纠纷 已转交（镇综治中心）")
    assert qr_path(html) == re.search(r' d="([^"]+)"', segno.make_qr(SITE + "stations/baisha-shi/", error="m")
                                      .svg_inline(scale=4, border=2, omitsize=True))[1]
    station = (built / "stations" / "baisha-shi" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../print/stations/baisha-shi/">本月接待安排（A4 公示，可打印）</a>' in station
    shiqiao = (built / "print" / "stations" / "shiqiao-zhan" / "index.html").read_text(encoding="utf-8")
    assert "接待日 星期 2026年11月4日 星期三" in text(shiqiao)


def test_qr_codes_need_the_site_s_address(tmp_path):
    project = make_project(tmp_path / "town")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(re.sub(r"site_url: .*\n", "", config), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert ("二维码要印上每个页面的正式网址，但 mkdocs.yml 里没有 site_url。请写上网站发布后的网址，例如 "
            "site_url: https://rd.qingshi.gov.cn/ ；不需要二维码时，在 renda 下写 qr_codes: false。") in result.stderr
    assert not (project / "site").exists()
    (project / "mkdocs.yml").write_text(re.sub(r"site_url: .*\n", "", config).replace(
        "      term: 18\n", "      term: 18\n      qr_codes: false\n"), encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    assert "renda-qr" not in (project / "site" / "stations" / "baisha-shi" / "index.html").read_text(encoding="utf-8")


def test_codes_are_kept_between_builds_and_a_changed_file_is_not_trusted(tmp_path):
    project = make_project(tmp_path / "town")
    assert mkdocs_build(project).returncode == 0
    first = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*.html")}
    kept = project / ".cache" / "renda" / "qr-codes.json"
    saved = json.loads(kept.read_text(encoding="utf-8"))
    station = f"{SITE}stations/baisha-shi/\n本页的二维码"
    assert saved["made_with"].startswith("segno ") and len(saved["codes"]) == sum(
        b"renda-qr-code" in html for rel, html in first.items() if rel.parts[0] != "print")
    # A code put in by hand with markup in it is made again, and the file mended.
    saved["codes"][station] = saved["codes"][station].replace("<title>", "<script>alert(1)</script><title>")
    kept.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    second = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*.html")}
    assert [str(rel) for rel in first if first[rel] != second.get(rel)] == [] and list(first) == list(second)
    assert "<script>" not in json.loads(kept.read_text(encoding="utf-8"))["codes"][station]
