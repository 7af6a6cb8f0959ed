"""The frame of a government site around every page (issue: the site as a resident sees it):
the title said once, a share card, a Chinese 404 page, and the footer naming the office and
the registration lines — each built for real with ``mkdocs build --strict``."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import BASE_TREE, make_project, mkdocs_build


def html(project: Path, url: str, site: str = "site") -> str:
    return (project / site / url).read_text(encoding="utf-8")


def footer(page: str) -> str:
    return re.sub(r"\s+", " ", page.split('<div class="md-copyright renda-site-footer">', 1)[1].split("</div>", 1)[0]).strip()


def configured(tmp_path: Path, options: str, site_url: str | None = None, keep_url: bool = True) -> Path:
    project = make_project(tmp_path / "town", BASE_TREE)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    if site_url or not keep_url:
        config = re.sub(r"site_url: .*\n", "", config)  # the sample's own, replaced or left out
    config = re.sub(r"      office:\n(        .*\n)+", "", config)  # the sample's own, replaced by options
    config = config.replace("      term: 18\n", "      term: 18\n" + options)
    if site_url:
        config = config.replace("site_dir: site\n", f"site_dir: site\nsite_url: {site_url}\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project


def test_the_title_says_the_site_name_once_and_pages_their_own_first(sample_site):
    assert re.findall(r"<title>([^<]*)</title>", html(sample_site, "index.html")) == ["青石镇人大代表履职公开"]
    assert re.findall(r"<title>([^<]*)</title>", html(sample_site, "deputies/index.html")) == ["代表 - 青石镇人大代表履职公开"]


def test_every_page_carries_a_share_card(sample_site, tmp_path):
    meta = dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)">', html(sample_site, "deputies/index.html")))
    assert meta == {"og:type": "website", "og:site_name": "青石镇人大代表履职公开", "og:title": "代表",
                    "og:description": "青石镇人民代表大会代表履职、会议、建议办理与民生实事的公开记录",
                    "og:url": "https://qingshi.example.gov.cn/deputies/",
                    "og:image": "https://qingshi.example.gov.cn/assets/renda-share.png"}
    # Without the site's address there is no address or picture to give.
    bare = configured(tmp_path / "bare", "      qr_codes: false\n", site_url=None, keep_url=False)
    meta = dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)">', html(bare, "deputies/index.html")))
    assert "og:url" not in meta and "og:image" not in meta and meta["og:title"] == "代表"
    # With the site's address known, the card has the page's address and a picture (ours by
    # default, shipped with the site: nothing is fetched from elsewhere).
    project = configured(tmp_path, "", site_url="https://qingshi.example.gov.cn/renda/")
    meta = dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)">', html(project, "deputies/index.html")))
    assert (meta["og:url"], meta["og:image"]) == ("https://qingshi.example.gov.cn/renda/deputies/",
                                                  "https://qingshi.example.gov.cn/renda/assets/renda-share.png")
    assert (project / "site" / "assets" / "renda-share.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_address_the_site_does_not_have_gets_a_chinese_page(sample_site):
    page = html(sample_site, "404.html")
    assert "<h1>没有找到这个页面</h1>" in page and "Not found" not in page
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', page.split("<h1>没有找到这个页面</h1>", 1)[1]) == [
        ("/", "回到首页"), ("/search/", "搜索代表、会议、建议"), ("/deputies/", "查看全部代表")]


def test_the_footer_names_the_office_and_the_registration_lines_only_when_set(sample_site, tmp_path):
    # The sample sets the office's contact but no registration line: none is shown.
    assert footer(html(sample_site, "index.html")) == (
        '<p class="renda-office">主办单位：青石镇人民代表大会主席团<span>地址：青石镇人民政府办公楼二楼（人大办）</span>'
        '<span>电话：<a href="tel:0856-6321018">0856-6321018</a></span><span>办公时间：工作日 8:30—12:00，14:30—17:30</span></p>')
    project = configured(tmp_path, """      office:
        name: 青石镇人大主席团
        address: 青石镇人民路 8 号镇政府大院
        phone: 138 1234 5678
        hours: 工作日 8:30—17:30
      registration:
        icp: 浙ICP备12345678号-1
        police: 浙公网安备33010602000001号
        site_code: 3301000001
""")
    expected = ('<p class="renda-office">主办单位：青石镇人大主席团<span>地址：青石镇人民路 8 号镇政府大院</span>'
                '<span>电话：<a href="tel:13812345678">138 1234 5678</a></span><span>办公时间：工作日 8:30—17:30</span></p> '
                '<p class="renda-registration"><span>网站标识码：3301000001</span><span>'
                '<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener">浙ICP备12345678号-1</a></span><span>'
                '<a href="https://beian.mps.gov.cn/#/query/webSearch?code=33010602000001" target="_blank" rel="noopener">'
                '浙公网安备33010602000001号</a></span></p>')
    # On every page, the office's mobile number included: the output gate lets the office's
    # own number through, as it does the numbers listed in office_phones.
    assert footer(html(project, "index.html")) == expected
    assert footer(html(project, "deputies/li-fang/index.html")) == expected
