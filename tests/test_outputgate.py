"""The last gate, on the output: what the input checks cannot see on the source (a number
split by Markdown emphasis, a docs page quoting an internal record, a link to one) stops a
real build, names the file and the record, and leaves the published site as it was."""

from __future__ import annotations

import io
import shutil
import time
import types
import zipfile
from pathlib import Path

import markdown
import pytest
from conftest import BASE_TREE, TODAY, make_project, mkdocs_build, write_tree
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from renda.core import privacy
from renda.core.config import Settings
from renda.core.validate import validate
from renda.core.view import View
from renda.mkdocs_adapter.gating import BuildGate
from renda.mkdocs_adapter.parallel import SideWork
from renda.site import outputgate
from renda.site.outputgate import Leak, OutputGate, needles
from renda.site.templating import CONTENT
from test_safety import ACT, BAD, cards, fingerprint, mobiles

INTERNAL = BASE_TREE["projects/2024/2024-01.md"].replace("number: 1\n", "number: 1\ndisclosure: internal\n") + (
    "\n资金缺口暂不公开请勿外传此项目预算调整方案。\n")


@pytest.fixture(scope="module")
def good_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("good") / "project",
                           {**BASE_TREE, "projects/2024/2024-01.md": INTERNAL})
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project


def gate_errors(result) -> list[str]:
    return [line.split("-  ", 1)[1] for line in result.stderr.splitlines() if "发布前检查（输出）" in line]


def test_a_number_split_by_emphasis_is_stopped_on_the_page(good_site, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(good_site, project)
    before = fingerprint(project / "site")
    write_tree(project / "records", {BAD: ACT + "---\n来访群众留下电话 139<b>1234</b>5678，请代表回电。\n"})
    assert validate(project / "records", Settings(today=TODAY)).problems == []  # no number in the source
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert gate_errors(result) == [
        "发布前检查（输出）：activities/2024-05-01/index.html: 手机号码 139****5678"
        "（来自 records/activities/2024/2024-05-01.md）",
        "发布前检查（输出）：api/activities/2024-05-01.json: 手机号码 139****5678",
        "发布前检查（输出）：search/d/0.json: 手机号码 139****5678",
    ]
    assert "生成的网站里有" in result.stderr and "网站没有发布；原来的网站保持不变" in result.stderr
    assert fingerprint(project / "site") == before
    assert not (project / "site.renda-staging").exists()


def overridden(good_site: Path, tmp_path: Path, template: str, added: str) -> Path:
    """A copy of the good site's project whose own ``custom_dir`` template ``renda/template``
    is renda's with ``added`` at its end."""
    project = tmp_path / "project"
    shutil.copytree(good_site, project)
    overrides = project / "overrides" / "renda"
    overrides.mkdir(parents=True)
    ours = (Path(__file__).parent.parent / "plugins" / "renda" / "templates" / "renda" / template)
    overrides.joinpath(template).write_text(ours.read_text(encoding="utf-8") + added, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
                                        encoding="utf-8")
    return project


def test_a_site_template_that_shows_internal_text_is_stopped(good_site, tmp_path):
    # A township's own template (custom_dir) into which an internal note was pasted, and a
    # docs page that links to an internal record by hand: the input checks cannot see either.
    project = overridden(good_site, tmp_path, "home.html", "<p>提醒：资金缺口暂不公开请勿外传此项目预算调整方案。</p>")
    before = fingerprint(project / "site")
    (project / "docs" / "notes.md").write_text('# 工作动态\n\n详见<a href="../projects/2024-01/">项目页</a>。\n',
                                               encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert gate_errors(result) == [
        "发布前检查（输出）：index.html: 未公开的民生实事项目记录 projects/2024-01 的文字“资金缺口暂不…”"
        "（来自 records/projects/2024/2024-01.md）",
        "发布前检查（输出）：notes/index.html: 未公开的民生实事项目记录 projects/2024-01 的链接或编号"
        "（来自 records/projects/2024/2024-01.md）",
    ]
    assert fingerprint(project / "site") == before


def test_a_docs_page_a_generated_one_replaces_does_not_make_internal_text_common(good_site, tmp_path):
    # The needles are prepared from the records while MkDocs lists the files and the pages
    # are planned, and the text the site's own pages hold too is taken out once the plan is
    # made: a page of docs/ that a generated page replaces is never published, so the
    # internal text it holds too is still the internal record's own.
    project = overridden(good_site, tmp_path, "home.html", "<p>提醒：资金缺口暂不公开请勿外传此项目预算调整方案。</p>")
    (project / "docs" / "projects").mkdir()
    (project / "docs" / "projects" / "index.md").write_text("# 项目\n\n资金缺口暂不公开请勿外传此项目预算调整方案。\n",
                                                           encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert gate_errors(result) == [
        "发布前检查（输出）：index.html: 未公开的民生实事项目记录 projects/2024-01 的文字“资金缺口暂不…”"
        "（来自 records/projects/2024/2024-01.md）"]
    # Published, the same text in docs/ is the site's own: not the internal record's.
    (project / "docs" / "projects" / "index.md").rename(project / "docs" / "about-projects.md")
    assert mkdocs_build(project).returncode == 0


def test_a_layout_is_checked_where_it_is_made_on_every_page(good_site, tmp_path):
    # A generated page's layout is checked in the process that lays it out, its body where
    # MkDocs renders it: a number pasted into the meeting pages' own template is found on
    # every page that shows it, not only on the first page of its folder.
    project = overridden(good_site, tmp_path, "meeting.html", "<p>备注：13912345678</p>")
    before = fingerprint(project / "site")
    write_tree(project / "records", {"meetings/2024/2024-05-25-rd.md": BASE_TREE["meetings/2024/2024-01-15-rd.md"]
                                     .replace("2024-01-1", "2024-05-2").replace("第三次", "第四次")})
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert gate_errors(result) == [
        "发布前检查（输出）：meetings/2024-01-15-rd/index.html: 手机号码 139****5678（来自 records/meetings/2024/2024-01-15-rd.md）",
        "发布前检查（输出）：meetings/2024-05-25-rd/index.html: 手机号码 139****5678（来自 records/meetings/2024/2024-05-25-rd.md）",
    ]
    assert fingerprint(project / "site") == before


def test_the_bodies_mkdocs_writes_are_checked_beside_it(good_site, tmp_path):
    # As MkDocs writes the pages, the first page of a folder goes whole and the others' bodies
    # go to the side process, which checks each body apart from its layout, or leaves a page whose
    # body it cannot read apart (a number split by a tag) to be read whole at the end. (The
    # year's list, activities/2024/, is the first page of the folder activities/ written.)
    project = tmp_path / "project"
    shutil.copytree(good_site, project)
    before = fingerprint(project / "site")
    write_tree(project / "records", {
        "activities/2024/2024-06-01.md": ACT.replace("05-01", "06-01") + "---\n详见<a href=\"../projects/2024-01/\">项目页</a>。\n",
        "activities/2024/2024-06-02.md": ACT.replace("05-01", "06-02") + "---\n来访群众留下电话 139<b>1234</b>5678，请代表回电。\n"})
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert [error for error in gate_errors(result) if "/index.html" in error] == [
        "发布前检查（输出）：activities/2024-06-01/index.html: 未公开的民生实事项目记录 projects/2024-01 的链接或编号"
        "（来自 records/projects/2024/2024-01.md）",
        "发布前检查（输出）：activities/2024-06-02/index.html: 手机号码 139****5678（来自 records/activities/2024/2024-06-02.md）",
    ]
    assert fingerprint(project / "site") == before


def test_a_body_handed_over_is_checked_apart_or_read_whole(gate, tmp_path):
    # The side process's half (BuildGate.bodies) and MkDocs' process's end (finish), on the gate.
    layout = f"<html><body><main>{CONTENT}</main><footer>电话 073184561234</footer></body></html>"
    apart, split = "<p>资金缺口暂不公开请勿外传此项目预算调整方案。</p>", "<p>电话 139<b>1234</b>5678</p>"
    side = BuildGate(gate, "docs")
    for page in ("a/index.html", "b/index.html", "c/index.html"):
        side.layout(page, layout, types.SimpleNamespace(body="正文", record=None))
    assert side.bodies(["a/index.html", "records/a.md", "body", apart, "b/index.html", "records/b.md", "body", split,
                        "c/index.html", "records/c.md", "body", "<p>没有问题的正文。</p>",
                        "d/index.html", "docs/d.md", "whole", layout.replace(CONTENT, "<p>电话 13912345678</p>")]) is None
    found = side.bodies(None)
    assert found["page leaks"] == [["a/index.html", "未公开的民生实事项目记录 projects/2024-01 的文字“资金缺口暂不…”",
                                    "records/projects/2024/2024-01.md"], ["d/index.html", "手机号码 139****5678", "docs/d.md"]]
    assert found["unsure"] == [["b/index.html", "records/b.md"]] and found["gate: pages"] > 0
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text(layout.replace(CONTENT, split), encoding="utf-8")
    main = BuildGate(gate, "docs")
    assert main.finish(str(tmp_path), {"leaks": found["page leaks"], "checked": [], "unsure": found["unsure"]},
                       {"b/index.html"}) == [
        Leak("a/index.html", "未公开的民生实事项目记录 projects/2024-01 的文字“资金缺口暂不…”",
             "records/projects/2024/2024-01.md"),
        Leak("d/index.html", "手机号码 139****5678", "docs/d.md"),
        Leak("b/index.html", "手机号码 139****5678", "records/b.md")]
    # A page another plugin removed again before the end: nothing of it is published.
    (tmp_path / "b" / "index.html").unlink()
    assert BuildGate(gate, "docs").finish(str(tmp_path), {"leaks": [], "checked": [], "unsure": found["unsure"]},
                                          set()) == []


def test_the_good_site_passes_and_keeps_no_trace_of_the_internal_record(good_site):
    published = b"".join(p.read_bytes() for p in (good_site / "site").rglob("*") if p.is_file())
    assert "资金缺口".encode() not in published
    assert b"projects/2024-01" not in published


# The gate on its own: members of ZIP and Office files, and what it lets through -----------

@pytest.fixture(scope="module")
def gate(tmp_path_factory):
    root = write_tree(tmp_path_factory.mktemp("tree") / "records", {**BASE_TREE, "projects/2024/2024-01.md": INTERNAL})
    outcome = validate(root, Settings(today=TODAY), display_root="records")
    return OutputGate(needles(outcome.corpus.records, View(outcome.corpus), frozenset({"073184561234"})))


@pytest.mark.parametrize("site_text", [
    "", "# 项目\n\n资金缺口暂不公开请勿外传此项目预算调整方案。\n", "资金缺口暂不公开请勿外传此项目\n预算调整方案",
    "见 projects/2024-01 与 资金缺口暂不公开请勿外传"])
def test_the_site_text_taken_out_afterwards_leaves_the_needles_it_would_have_left(tmp_path, site_text):
    root = write_tree(tmp_path / "records", {**BASE_TREE, "projects/2024/2024-01.md": INTERNAL})
    outcome = validate(root, Settings(today=TODAY), display_root="records")
    records, view = outcome.corpus.records, View(outcome.corpus)
    at_once = needles(records, view, frozenset({"073184561234"}), site_text)
    assert needles(records, view, frozenset({"073184561234"})).not_in(site_text) == at_once
    runs = [what for _, what, is_id, _ in at_once.patterns if not is_id]
    held = ["未公开的民生实事项目记录 projects/2024-01 的文字“红星村饮水安…”"]
    # only the whole run is the site's own (a line break or a part of it is not)
    assert runs == held + ([] if site_text.startswith("# 项目") else
                           ["未公开的民生实事项目记录 projects/2024-01 的文字“资金缺口暂不…”"])


def test_members_of_zip_and_office_files_are_read(gate):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["联系人", "电话"])
    book.active.append(["王某", "13912345678"])
    buffer = io.BytesIO()
    book.save(buffer)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("data/notes.csv", "项目,说明\r\n2024-01,资金缺口暂不公开请勿外传此项目预算调整方案\r\n")
    leaks = gate.check_files({"stats/x.xlsx": buffer.getvalue(), "data/all.zip": archive.getvalue()})
    assert sorted(leak.format() for leak in leaks) == [
        "data/all.zip!data/notes.csv: 未公开的民生实事项目记录 projects/2024-01 的文字“资金缺口暂不…”"
        "（来自 records/projects/2024/2024-01.md）",
        "stats/x.xlsx!xl/worksheets/sheet1.xml: 手机号码 139****5678",
    ]


@pytest.mark.parametrize("text, found", [
    (b"<p>2024-03-12</p><p>2024-03-15</p>", []),                 # dates in two paragraphs
    (b"<td>12</td><td>13800</td><td>138000</td>", []),            # numbers in table cells
    ('<time datetime="2026-11-21T07:09:00+08:00">2026年11月21日</time>'.encode(), []),
    (b"<p>\xe5\x8a\x9e\xe5\x85\xac\xe5\xae\xa4 0731-8456-1234</p>", []),  # an office phone on the list
    (b"<p>138<em>0013</em>8000</p>", ["手机号码 138****8000"]),
    (b'<a href="tel:13800138000">\xe8\x81\x94\xe7\xb3\xbb</a>', ["手机号码 138****8000"]),
    (b"<p>&#49;&#51;&#56;&nbsp;0013&nbsp;8000</p>", ["手机号码 138****8000"]),
    (b'<p>\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98 0013 8000</p>', ["手机号码 138****8000"]),
])
def test_what_a_browser_shows_is_what_is_checked(gate, text, found):
    assert [leak.what for leak in gate.check("x/index.html", text)] == found


# Disguises only the rendered page shows: the input scan misses them, the gate does not -----

MARKUP = st.sampled_from(["<span>", "<b>", "<em>", "<strong>", "<code>", "<i>", "<u>"])


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=mobiles(), cuts=st.lists(st.integers(1, 10), min_size=1, max_size=3, unique=True), how=MARKUP,
       before=st.sampled_from(["电话", "联系人手机", "请拨打"]), after=st.sampled_from(["。", "，谢谢", ""]))
def test_the_output_gate_catches_numbers_the_input_scan_cannot_see(gate, value, cuts, how, before, after):
    closing = how.replace("<", "</") if how.startswith("<") else how
    pieces, last = [], 0
    for number, cut in enumerate(sorted(cuts)):
        piece = value[last:cut]
        pieces.append(f"{how}{piece}{closing}" if number % 2 == 0 else piece)
        last = cut
    pieces.append(value[last:])
    source = f"{before}{''.join(pieces)}{after}\n"
    rendered = markdown.Markdown(extensions=["tables", "attr_list", "toc"]).convert(source).encode()
    if privacy.scan(source):
        return  # this spelling the input scan sees already
    assert [leak.what for leak in gate.check("activities/x/index.html", rendered)] == [
        f"手机号码 {value[:3]}****{value[-4:]}"]


BETWEEN = st.sampled_from(["", "", "", "", " ", "-", ".", "/", "_", "(", ")", "\u00a0", "\u3000", "\u2009", "\n",
                          "\u200b", "&nbsp;", "&#32;", "<b>", "</b>", "<em>", "</em>", "<span>", "\\n", "\\u3000",
                          "\\,", "  ", " - ", "\r\n ", "</p><p>", "x"])
DIGITS = st.sampled_from(["plain", "full-width", "decimal", "hex"])


@hsettings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=mobiles(), between=st.lists(BETWEEN, min_size=10, max_size=10), digits=DIGITS,
       kind=st.sampled_from(["x/index.html", "d.json", "t.csv", "f.ics"]))
def test_the_prefilter_lets_nothing_through_that_the_full_reading_would_find(gate, value, between, digits, kind):
    # The fast prefilter decides which files are read closely; it must see everything the
    # close reading finds (the other way round it may err).
    from renda.site import outputgate

    spelled = [{"plain": d, "full-width": chr(0xFF10 + int(d)), "decimal": f"&#{ord(d)};",
                "hex": f"&#x{ord(d):x};"}[digits] for d in value]
    data = (spelled[0] + "".join(b + d for b, d in zip(between, spelled[1:]))).encode()
    suffix = kind.rsplit(".", 1)[1]
    prefilter = outputgate._PREFILTERS[{"html": "text", "json": "json", "csv": "lines", "ics": "ics"}[suffix]]
    if gate._personal_data(kind, data, ""):
        assert prefilter.search(data) is not None


# The office's telephone in every page's footer spares the full reading, nothing else does ---

@pytest.mark.parametrize("text, spared", [
    ("<footer>办公室电话 0731-8456-1234</footer>", True),
    ('<a href="tel:073184561234">0731-8456-1234</a>（工作日）', True),
    ("<p>2024-03-12 至 2024-03-15</p>", True),                   # no run of eleven digits at all
    ("<footer>0731-8456-1234 1</footer>", False),                # the number goes on
    ("<footer>1 0731-8456-1234</footer>", False),                # a digit before it
    ("<footer>0731-8456-<b>1234</b>5</footer>", False),          # goes on through an inline tag
    ("<p>0731-8456-1234</p><p>13800138000</p>", False),          # another number in the file
    ("<p>&#48;731-8456-1234</p>", False),                       # not written plainly
    ("<p>0731-8456-1235</p>", False),                            # not the office's number
])
def test_only_the_allowed_numbers_written_plainly_spare_the_full_reading(gate, text, spared):
    assert gate._only_allowed_numbers("text", text.encode()) is spared


def test_a_number_beside_the_office_telephone_is_still_found(gate):
    page = "<p>138<em>0013</em>8000</p><footer>0731-8456-1234</footer>".encode()
    assert [leak.what for leak in gate.check("x/index.html", page)] == ["手机号码 138****8000"]
    footer = "<footer>0731-8456-1234 13800138000</footer>".encode()
    assert [leak.what for leak in gate.check("x/index.html", footer)] == ["手机号码 138****8000"]


PIECES = st.sampled_from(["0731-8456-1234", "073184561234", "(0731)84561234", "1", "12", "2024-03-12", " ", "-",
                          "<b>", "</b>", "<p>", "&nbsp;", "\n", "x", "电话", "&#49;", "\u3000", "(", ")"])


@hsettings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.one_of(PIECES, mobiles()), min_size=1, max_size=8),
       kind=st.sampled_from(["x/index.html", "d.json", "t.csv", "f.ics"]))
def test_the_full_reading_finds_nothing_where_it_is_spared(gate, pieces, kind):
    data = "".join(pieces).encode()
    suffix = kind.rsplit(".", 1)[1]
    if gate._only_allowed_numbers({"html": "text", "json": "json", "csv": "lines", "ics": "ics"}[suffix], data):
        assert gate._personal_data(kind, data, "") == []



LAYOUT = st.sampled_from(["<p>", "</p>", "<td>", "</td>", "<span>", "</span>", "电话", "卡号", "1", "38", "0013", "8000",
                          " ", "资金缺口暂不公开", "请勿外传此项目预算调整方案", "projects/", "2024-01", "x", '<a title="'])
BODY = st.sampled_from(["<p>", "</p>", "<h2>", "</h2>", "<b>", "</b>", "<em>", "</em>", "<!-- c -->", "\n", "1", "38",
                        "0013", "8000", "资金缺口暂不公开请勿外传此项目预算调整方案", "2024-01", "x", "开户银行", "&#21345;", '"'])


@hsettings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=st.lists(st.one_of(LAYOUT, mobiles(), cards()), max_size=5),
       body=st.tuples(st.sampled_from(["", "<p>", "\n<h2>", "<!-- c --><p>", "<b>"]),
                      st.lists(st.one_of(BODY, BODY, BODY, mobiles(), cards()), max_size=6),
                      st.sampled_from(["", "</p>", "</h2>\n", "</div>", "</b>"])),
       after=st.lists(st.one_of(LAYOUT, mobiles(), cards()), max_size=5))
def test_a_body_read_apart_is_checked_apart_from_its_layout(gate, before, body, after):
    # All the gate finds on a page it finds in the layout checked with a gap where the body
    # goes or in the body, whenever the body is read apart; in the layout alone when there
    # is no body (as the build checks a generated page).
    from renda.site.templating import CONTENT

    before, html, after = "".join(before), body[0] + "".join(body[1]) + body[2], "".join(after)
    whole = {leak.what for leak in gate.check("x/index.html", (before + html + after).encode())}
    if not html:
        apart = {leak.what for leak in gate.check("x/index.html", (before + after).encode())}
    elif gate.apart(html, before + CONTENT + after, CONTENT):
        apart = {leak.what for piece in (before + CONTENT + after, html)
                 for leak in gate.check("x/index.html", piece.encode())}
    else:
        return
    assert whole <= apart


@pytest.mark.parametrize("html, apart", [
    ("<p>正文</p>", True), ("\n<p>正文</p>\n", True), ("<!-- c --><p>1</p>", True),
    ('<h2 id="x">标题</h2>\n<p>1 <em>2</em></p>', True),
    ("<p>办公室电话 0731-8456-1234</p>", True),        # a number the site may publish
    ("", False), (" ", False),                         # no tag to stand apart by
    ("<b>138</b>", False),                             # an inline tag: read on into the layout's text
    ("<p>x</p><span>1</span>", False), ("正文<p>", False), ("<p>正文", False),
    ("<p>13800138000</p>", False),                     # a number: read whole
    ("<p>开户行</p>", False), ("<p>&#21345;号</p>", False),  # a word that makes a number nearby a card's
])
def test_what_is_read_apart(gate, html, apart):
    from renda.site.templating import CONTENT

    assert gate.apart(html, f"<div>{CONTENT}</div>", CONTENT) is apart
    assert gate.apart(html, f'<div title="{CONTENT}"></div>', CONTENT) is False  # in a tag: read with it


@hsettings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.sampled_from(["银", "行", "开", "户", "卡", "号", "账", "<b>", "</b>", "<p>", "</p>", '<a title="',
                                        '">', "&#38134;", "\u200b", "x", " "]), max_size=8))
def test_the_quick_look_for_bank_words_misses_none_that_a_browser_shows(pieces):
    # The body of a page is read apart from its layout only without such a word; the quick
    # look on the markup must find every word the reading of the shown text finds.
    from renda.core import privacy
    from renda.site.outputgate import _markup_text

    markup = "".join(pieces)
    if privacy.names_an_account(_markup_text(markup)):
        assert privacy.may_name_an_account(markup)


@pytest.mark.parametrize("beside", [True, False])
def test_every_file_of_the_site_is_listed_once_links_not_followed(tmp_path, monkeypatch, beside):
    # What nobody handed over is found by listing the site; a second process lists half of
    # the folders two levels down (here from the first one on).
    monkeypatch.setattr(outputgate, "_WALK_BESIDE_FROM", 1 if beside else 10 ** 9)
    for path in ("sitemap.xml", "a/index.html", "a/b/index.html", "a/c/d/e.json", "a/c/x.txt", "f/g/h/i/j.csv",
                 "f/k/index.html"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x", encoding="utf-8")
    (tmp_path / "f" / "link").symlink_to(tmp_path / "a")
    (tmp_path / "f" / "k" / "link").symlink_to(tmp_path / "a")
    assert sorted(outputgate._files_under(str(tmp_path))) == [
        "a/b/index.html", "a/c/d/e.json", "a/c/x.txt", "a/index.html", "f/g/h/i/j.csv", "f/k/index.html",
        "f/k/link", "f/link", "sitemap.xml"]


def test_the_side_process_takes_what_is_handed_over_before_each_data_file_job():
    # Else every page handed over would wait for the end, and MkDocs' process with it.
    taken: list[list[str]] = []

    def take(texts):
        if texts is None:
            return {"taken": taken}
        taken.append(texts)
        return None

    def files(claim):
        handed = Path(claim.__self__.folder) / "in-0"
        while not handed.exists():  # MkDocs' process hands a first batch over
            time.sleep(0.01)
        claimed = claim(0)  # the first job: whatever was handed over is taken first
        return {"taken when the first job starts": len(taken), "claimed": claimed}

    side = SideWork([], lambda spec: "", files, parallel=True, take=take)
    assert side.beside
    side.hand(["a/index.html", "records/a.md", "body", "<p>正文</p>"])
    side.handed_all()
    outcome = side.finish()
    assert (outcome["taken when the first job starts"], outcome["claimed"]) == (1, True)
    assert outcome["taken"] == [["a/index.html", "records/a.md", "body", "<p>正文</p>"]]
