"""The site's search index: how text is cut into terms, what the files hold, that only shown
records are in it, and that the browser finds every term in the chunk it looks in."""

from __future__ import annotations

import bisect
import json

from conftest import BASE_TREE, TODAY, make_project, mkdocs_build
from renda.core.config import Settings
from renda.core.schema import RECORD_TYPES
from renda.core.validate import validate
from renda.core.view import View
from renda.site.search import Document, SearchIndex, plain, record_text, record_texts, terms


def test_chinese_is_cut_into_pairs_and_latin_and_digits_into_words_a_lone_character_not():
    assert terms("2025年龙井村危旧石桥、A组 Wi-Fi") == [
        "2025", "年龙", "龙井", "井村", "村危", "危旧", "旧石", "石桥", "a", "wi", "fi"]
    assert terms("镇") == []
    assert terms("") == []


def test_markdown_is_read_as_the_words_a_reader_sees():
    assert plain("## 案由\n龙井村**溪沟**上[图](a.png)见<b>附件</b>\n- 一项\n> 引用 |甲|乙|") == (
        " 案由\n龙井村溪沟上图见 附件 \n 一项\n 引用  甲 乙 ")


def test_the_index_files_hold_pages_terms_and_weights():
    index = SearchIndex()
    index.add(Document("a/", "石桥修缮", "建议", "石桥 石桥 石桥"))
    index.add(Document("b/", "关于修缮龙井村危旧石桥和溪沟护栏的建议", "建议", "修缮"))
    files = index.files()
    assert sorted(files) == ["d/0.json", "meta.json", "t/0.json"]
    assert json.loads(files["meta.json"]) == {"version": 1, "pages": 2, "per_chunk": 8, "shift": 6,
                                              "chunks": ["于修"]}
    chunk = json.loads(files["t/0.json"])
    # Title grade 1 + max(0, 6 - length // 5): 4 characters → 7, 19 characters → 4.
    # 石桥: page 0, in its title and three times in the text → 7×8 + 3 = 59;
    #       page 1 (a gap of 1 page = 64), in its title only → 64 + 4×8 = 96.
    assert chunk["石桥"] == [59, 96]
    # 修缮: page 0 in the title only → 56; page 1 in the title and once in the text → 64 + 33.
    assert chunk["修缮"] == [56, 97]
    assert json.loads(files["d/0.json"]) == [["a/", "石桥修缮", "建议", "石桥 石桥 石桥"],
                                            ["b/", "关于修缮龙井村危旧石桥和溪沟护栏的建议", "建议", "修缮"]]


def test_the_browser_finds_every_term_in_the_chunk_it_looks_in():
    index = SearchIndex(chunk_bytes=300)
    for n in range(60):
        index.add(Document(f"p{n}/", f"第{n}页", "说明", f"龙井村第{n}组饮水工程 item{n}"))
    files = index.files()
    firsts = json.loads(files["meta.json"])["chunks"]
    assert len(firsts) > 5 and firsts == sorted(firsts)
    chunks = [json.loads(files[f"t/{i}.json"]) for i in range(len(firsts))]
    assert sum(len(c) for c in chunks) == len(index.postings)
    for term in index.postings:
        # what renda-search.js does: the last chunk whose first term is not after the term
        assert term in chunks[bisect.bisect_right(firsts, term) - 1], term
    assert len(chunks[bisect.bisect_right(firsts, "龙井") - 1]["龙井"]) == 60


def test_a_record_is_indexed_with_the_names_it_refers_to(tree):
    outcome = validate(tree(), Settings(today=TODAY))
    view = View(outcome.corpus)
    activity = view.get("activities", "2024-03-12-shicha")
    text = record_text(view, activity, RECORD_TYPES["activities"].references)
    assert text.split("\n")[1:] == ["视察", "张伟", "李芳", "红星村代表联络室",
                                    "村口路灯损坏", "已转交", "镇村镇建设办",
                                    "关于加快红星村饮水工程建设的建议"]


def test_a_result_shows_each_field_with_its_label(tree):
    outcome = validate(tree(), Settings(today=TODAY))
    view = View(outcome.corpus)
    activity = view.get("activities", "2024-03-12-shicha")
    _, excerpt = record_texts(view, activity, RECORD_TYPES["activities"].references)
    assert excerpt == ("活动类型：视察；参加代表：张伟、李芳；活动阵地：红星村代表联络室；"
                       "群众意见：村口路灯损坏（已转交，镇村镇建设办）；形成的建议：关于加快红星村饮水工程建设的建议")
    index = SearchIndex()
    index.add(Document("a/", "视察", "履职活动", "正文", excerpt="正文\n  活动类型：视察"))
    assert index.pages == [["a/", "视察", "履职活动", "正文 活动类型：视察"]]


def test_the_built_index_holds_the_public_records_and_nothing_internal(tmp_path):
    secret = BASE_TREE["suggestions/2024/2024-001.md"].replace(
        "category: 农业农村\n", "category: 农业农村\ndisclosure: internal\n") + "\n内部商议甲乙丙丁。\n"
    reply = BASE_TREE["replies/2024/2024-001-a.md"].replace("result: A\n", "result: A\ndisclosure: internal\n")
    activity = BASE_TREE["activities/2024/2024-03-12-shicha.md"].replace("suggestions: [2024-001]\n", "")
    project = make_project(tmp_path, {**BASE_TREE, "suggestions/2024/2024-001.md": secret,
                                      "replies/2024/2024-001-a.md": reply,
                                      "activities/2024/2024-03-12-shicha.md": activity})
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    folder = project / "site" / "search"
    everything = b"".join(p.read_bytes() for p in sorted(folder.rglob("*.json"))).decode("utf-8")
    pages = [page for f in sorted((folder / "d").glob("*.json")) for page in json.loads(f.read_text())]
    assert [page[0] for page in pages] == [
        "deputies/li-fang/", "deputies/wang-jun/", "deputies/zhang-wei/", "stations/hongxing/",
        "meetings/2024-01-15-rd/", "activities/2024-03-12-shicha/", "projects/2024-01/", "about/", "records/",
        # the villages of mkdocs.yml's constituencies table, each found on 我的代表
        *[f"mine/#v-{v}" for v in ("青石社区", "镇直机关", "石桥村", "柳塘村", "龙井村", "枫木村", "白沙村",
                                    "杨家坪村", "双河村", "茶园村", "新田村", "高峰村", "桂花村", "马鞍村")]]
    for text in ("甲乙", "丁。", "加快红星村饮水工程", "2024-001"):
        assert text not in everything
    assert '"饮水"' in everything and '"视察"' in everything
