"""Disclosure safety end to end: a bad record stops the build with its exact diagnostic, and
nothing of it — above all the personal data — reaches site/, its search index or the exports;
the previous good site stays byte for byte as it was."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
from conftest import BASE_TREE, REPO, TODAY, make_project, mkdocs_build, write_tree
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from renda.core import privacy
from renda.core.config import Settings
from renda.core.validate import validate

ACT = "---\ntitle: 接待选民\nkind: 接待选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\n"
BAD = "activities/2024/2024-05-01.md"

# (case, the bad file's text, extra files, the exact diagnostic, text that must not be published)
CASES = [
    ("id-number", ACT + "---\n来访群众李某，身份证号430102199003071234，反映低保问题。\n", {},
     "records/activities/2024/2024-05-01.md:7:12: error P01: 正文里有身份证号 430***********1234。"
     "公开的记录不能有身份证号，请删去（写姓名即可）。", "430102199003071234"),
    ("mobile", ACT + "place: 红星村村委会（联系人手机 139 1234 5678）\n---\n", {},
     "records/activities/2024/2024-05-01.md:6:1: error P02: place（地点）里有手机号码 139****5678。"
     "公开的记录不能有私人手机号，请删去；确需公布的办公电话，在记录里写 allow_personal_data: 原因。",
     "1234 5678"),
    ("bank-card", ACT + "---\n补助打入账号 6222 0212 3456 7890 128。\n", {},
     "records/activities/2024/2024-05-01.md:7:8: error P03: 正文里有银行卡号 622************0128。"
     "公开的记录不能有银行卡号或账号，请删去。", "7890 128"),
    ("landline-warning", ACT + "---\n联系电话0731-84561234。\n", {},
     "records/activities/2024/2024-05-01.md:7:5: warning P04: 正文里有固定电话 073*****1234。"
     "私人电话请删去；办公电话请加入设置 office_phones，或在记录里写 allow_personal_data: 原因。", "84561234"),
    ("script", ACT + "---\n活动情况<script>document.cookie</script>\n", {},
     "records/activities/2024/2024-05-01.md:7:5: error H01: 正文里有 HTML 标签 <script>，网站不允许"
     "（可能执行脚本或改变页面）。请删去，用 Markdown 写格式。", "document.cookie"),
    ("attr-list-handler", ACT + "---\n图片说明\n{: onmouseover=\"steal()\" }\n", {},
     "records/activities/2024/2024-05-01.md:8:4: error H02: 正文里有事件属性 onmouseover，网站不允许（会执行脚本）。请删去。",
     "steal()"),
    ("javascript-url", ACT + "---\n[点击查看](JavaScript:steal())\n", {},
     "records/activities/2024/2024-05-01.md:7:8: error H03: 正文里有 javascript: 链接，网站不允许"
     "（点击会执行脚本）。请改成普通网址或删去。", "steal()"),
    ("html-in-title", ACT.replace("title: 接待选民", "title: 接待<img src=x>选民") + "---\n", {},
     "records/activities/2024/2024-05-01.md:2:1: error H04: title（标题）里有 HTML 标签“<img src=x>”。"
     "标题只能是文字，请删去尖括号里的内容。", "<img src=x>"),
    ("traversal", ACT + "attachments:\n  - file: 2024/%2e%2e/%2e%2e/secret.pdf\n---\n", {},
     "records/activities/2024/2024-05-01.md:7:5: error A02: 附件路径“2024/%2e%2e/%2e%2e/secret.pdf”不安全："
     "路径里有 URL 编码（如 %2e、%2f）。请写 records/attachments/ 下的相对路径，例如 2024/会议材料.pdf。", "secret.pdf"),
    ("file-url", ACT + "attachments:\n  - file: file:///etc/passwd\n---\n", {},
     "records/activities/2024/2024-05-01.md:7:5: error A02: 附件路径“file:///etc/passwd”不安全："
     "这是网址或 file:// 路径，附件必须是仓库里的文件。请写 records/attachments/ 下的相对路径，例如 2024/会议材料.pdf。",
     "/etc/passwd"),
    ("absolute", ACT + "attachments:\n  - file: /etc/passwd\n---\n", {},
     "records/activities/2024/2024-05-01.md:7:5: error A02: 附件路径“/etc/passwd”不安全：这是绝对路径。"
     "请写 records/attachments/ 下的相对路径，例如 2024/会议材料.pdf。", "/etc/passwd"),
    ("svg", ACT + "attachments:\n  - file: 2024/图.svg\n---\n",
     {"attachments/2024/图.svg": "<svg onload='steal()'/>"},
     "records/activities/2024/2024-05-01.md:7:5: error A05: 附件“2024/图.svg”是 .svg 文件（网页或矢量图可以带脚本），"
     "不能发布。请转成 PDF 或图片后再附上。", "steal()"),
    ("conflict", "---\n<<<<<<< HEAD\ntitle: 接待选民\n=======\ntitle: 接待群众（王某 13800138000）\n>>>>>>> b\n"
     "kind: 接待选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\n---\n", {},
     "records/activities/2024/2024-05-01.md:2:1: error R17: 第 2 行是合并冲突标记（<<<<<<<）：两个版本的内容还没有合并。"
     "请保留正确的内容，删去 <<<<<<<、======= 和 >>>>>>> 这几行。", "13800138000"),
    ("public-to-internal", ACT + "suggestions: [2024-001]\n---\n接待中谈到内部事项甲乙丙。\n",
     {"suggestions/2024/2024-001.md": BASE_TREE["suggestions/2024/2024-001.md"].replace(
         "category: 农业农村\n", "category: 农业农村\ndisclosure: internal\n"),
      "replies/2024/2024-001-a.md": BASE_TREE["replies/2024/2024-001-a.md"].replace(
         "result: A\n", "result: A\ndisclosure: internal\n"),
      "activities/2024/2024-03-12-shicha.md": BASE_TREE["activities/2024/2024-03-12-shicha.md"].replace(
         "suggestions: [2024-001]\n", "")},
     "records/activities/2024/2024-05-01.md:6:15: error X17: suggestions[0]（形成的建议）引用的议案建议“2024-001”"
     "是内部记录（disclosure: internal），公开的记录不能引用它。请把这条记录也标为 internal，或删去这个引用。",
     "内部事项甲乙丙"),
    # The publication gate (issue 14): a header cut short, disguised numbers, CSS, remote
    # resources, comments, classes and bidirectional overrides.
    ('stray-fence', ACT + '---\ndisclosure: internal\n---\n内部接待情况甲乙丙。\n', {},
     'records/activities/2024/2024-05-01.md:7:1: error R18: front-matter 在第 6 行就结束了，但这里的“disclosure: internal”看起来还是字段或分隔线，会被当成正文公开发布。如果它是字段，请把它移到两行 --- 之间（中间不能再有 --- 或 ...）；如果是正文，请在 front-matter 结束线后先空一行，标题写成 ## 标题。',
     '内部接待情况甲乙丙'),
    ('comment-cut', ACT.replace('title: 接待选民', 'title: 接待选民 #3 号来访人') + '---\n来访人甲乙丙反映情况。\n', {},
     'records/activities/2024/2024-05-01.md:2:12: error R20: title 的值在 # 处被截断了：YAML 把空格后面的 # 当作注释，现在的值只有“接待选民”，“#3 号来访人”会丢失。如果 # 是值的一部分，请给整个值加引号，写成 title: "接待选民 #3 号来访人"；如果是注释，请把注释另起一行写。',
     '来访人甲乙丙'),
    ('no-break-spaces', ACT + '---\n联系电话 139\xa01234\xa05678。\n', {},
     'records/activities/2024/2024-05-01.md:7:6: error P02: 正文里有手机号码 139****5678。公开的记录不能有私人手机号，请删去；确需公布的办公电话，在记录里写 allow_personal_data: 原因。',
     '1234\xa05678'),
    ('character-references', ACT + '---\n联系电话 &#49;&#51;&#57;12345678。\n', {},
     'records/activities/2024/2024-05-01.md:7:6: error P02: 正文里有手机号码 139****5678。公开的记录不能有私人手机号，请删去；确需公布的办公电话，在记录里写 allow_personal_data: 原因。',
     '&#57;12345678'),
    ('wage-card', ACT + '---\n补助打入工资卡6222 0212 3456 7890 128。\n', {},
     'records/activities/2024/2024-05-01.md:7:8: error P03: 正文里有银行卡号 622************0128。公开的记录不能有银行卡号或账号，请删去。',
     '7890 128'),
    ('style', ACT + '---\n通知\n{: style="position:fixed;inset:0" }\n', {},
     'records/activities/2024/2024-05-01.md:8:4: error H06: 正文里有 style 样式属性，网站不允许（可以把内容盖在整个页面上，或从别的网站加载文件）。请删去，用 Markdown 写格式。',
     'inset:0'),
    ('remote-image', ACT + '---\n![现场](//img.example.com/a.jpg)\n', {},
     'records/activities/2024/2024-05-01.md:7:9: error H07: 正文里引用了外部网站 img.example.com 的图片，每位访问者的浏览器都会去连接那个网站，网站承诺不这样做。请把图片放进 records/attachments/ 作为附件，或删去；确需引用的网站请加入设置 remote_hosts。',
     'img.example.com'),
    ('html-comment', ACT + '---\n活动情况。\n\n<!-- 来访人王某情绪激动 -->\n', {},
     'records/activities/2024/2024-05-01.md:9:1: error H08: 正文里有 HTML 注释 <!-- -->。注释在网页上看不见，但会原样留在网页源代码里，任何人都能看到。请删去；内部说明请写进标为 internal 的记录。',
     '来访人王某'),
    ('class', ACT + '---\n<div class="md-dialog">请扫码登录领取补贴</div>\n', {},
     'records/activities/2024/2024-05-01.md:7:6: error H09: 正文里有 class 属性，网站不允许（可以冒充或遮住网站自己的按钮和栏目）。请删去，用 Markdown 写格式。',
     '请扫码登录领取补贴'),
    ('bidi', ACT + '---\n活动\u202e情况。\n', {},
     'records/activities/2024/2024-05-01.md:7:3: error R21: 这里有看不见的字符 U+202E（从右到左强制），网页显示的文字会和文件里写的不一样。请删去它（可在编辑器里用“显示不可见字符”找到）。',
     '\u202e'),
]


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("good") / "project", BASE_TREE)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.parametrize("case, text, extra, diagnostic, secret", CASES, ids=[c[0] for c in CASES])
def test_a_bad_record_is_stopped_and_the_good_site_stays(good_site, tmp_path, case, text, extra,
                                                          diagnostic, secret):
    import shutil

    project = tmp_path / "project"
    shutil.copytree(good_site, project)
    before = fingerprint(project / "site")
    write_tree(project / "records", {BAD: text, **extra})

    result = mkdocs_build(project)

    assert result.returncode == 1
    logged = [line.split("-  ", 1)[1] for line in result.stderr.splitlines() if "-  records/" in line]
    assert logged == [diagnostic]
    assert fingerprint(project / "site") == before
    assert not (project / "site.renda-staging").exists()
    published = b"".join((project / "site" / name).read_bytes() for name in before)
    assert secret.encode("utf-8") not in published


def test_pasted_word_html_is_refused_after_rendering(good_site, tmp_path):
    import shutil

    project = tmp_path / "project"
    shutil.copytree(good_site, project)
    before = fingerprint(project / "site")
    write_tree(project / "records", {BAD: ACT + "---\n通知要点：<font color=\"red\">务必按时参加</font>\n"})
    assert validate(project / "records", Settings(today=TODAY)).problems == []  # fine as Markdown source
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert ("ERROR   -  records/activities/2024/2024-05-01.md:7:1: error H05: 正文转成网页后含有网站不允许的内容"
            "（<font color>、<font>），已停止发布。请删去正文里的 HTML，只用 Markdown。") in result.stderr
    assert "有 1 个页面含有不允许的内容，网站没有生成；原来的网站保持不变。" in result.stderr
    assert fingerprint(project / "site") == before


def test_an_office_phone_on_the_allow_list_or_with_a_reason_is_published(tmp_path):
    station = ("---\nname: 红星村代表联络室\nlevel: 室\naddress: 红星村村委会二楼\n{extra}---\n"
               "接待电话 0731-84561234。\n")
    project = make_project(tmp_path / "a", {**BASE_TREE, "stations/hongxing.md": station.format(extra="")})
    assert mkdocs_build(project).returncode == 1
    project = make_project(tmp_path / "b", {**BASE_TREE, "stations/hongxing.md": station.format(
        extra="allow_personal_data: 联络室办公电话，经主席团同意公开\n")})
    assert mkdocs_build(project).returncode == 0
    assert "0731-84561234" in (project / "site" / "stations" / "hongxing" / "index.html").read_text()
    project = make_project(tmp_path / "c", {**BASE_TREE, "stations/hongxing.md": station.format(extra="")})
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("      term: 18\n",
                                                       "      term: 18\n      office_phones: [0731-84561234]\n"),
                                        encoding="utf-8")
    assert mkdocs_build(project).returncode == 0


def test_an_id_number_is_refused_even_with_a_reason(tree):
    text = ACT + "allow_personal_data: 办公电话\n---\n身份证号430102199003071234\n"
    problems = validate(tree({BAD: text}), Settings(today=TODAY)).problems
    assert [p.code for p in problems] == ["P01"]


def test_untracked_attachment_in_a_git_repository(tmp_path):
    root = write_tree(tmp_path / "records", {**BASE_TREE, BAD: ACT + "attachments:\n  - file: 2024/纪要.pdf\n---\n",
                                             "attachments/2024/纪要.pdf": b"%PDF-1.4 minutes"})
    git = ["git", "-c", "user.name=镇人大办", "-c", "user.email=rdb@example.invalid"]
    subprocess.run(git + ["init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(git + ["add", "records/activities", "records/deputies", "records/stations",
                          "records/meetings", "records/suggestions", "records/replies", "records/projects"],
                   cwd=tmp_path, check=True)
    subprocess.run(git + ["commit", "-qm", "记录"], cwd=tmp_path, check=True)
    problems = validate(root, Settings(today=TODAY), display_root="records").problems
    assert [p.format() for p in problems] == [
        "records/activities/2024/2024-05-01.md:7:5: error A04: 附件“2024/纪要.pdf”还没有提交到版本库（git add），"
        "合并后网站上会缺这个文件。请一起提交。"]
    subprocess.run(git + ["add", "records/attachments"], cwd=tmp_path, check=True)
    assert validate(root, Settings(today=TODAY)).problems == []


def test_attachments_of_shown_records_are_published_and_listed(tmp_path):
    project = make_project(tmp_path, {**BASE_TREE, BAD: ACT + "attachments:\n  - file: 2024/纪要.pdf\n"
                                                               "    title: 会议纪要\n---\n",
                                      "attachments/2024/纪要.pdf": b"%PDF-1.4 minutes",
                                      "attachments/2024/未引用.pdf": b"%PDF-1.4 unused"})
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    assert (site / "attachments" / "2024" / "纪要.pdf").read_bytes() == b"%PDF-1.4 minutes"
    assert not (site / "attachments" / "2024" / "未引用.pdf").exists()
    html = (site / "activities" / "2024-05-01" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../attachments/2024/%E7%BA%AA%E8%A6%81.pdf">会议纪要</a>（PDF）' in html or \
        '<a href="../../attachments/2024/纪要.pdf">会议纪要</a>（PDF）' in html


def test_symlinked_folder_is_never_followed(tmp_path):
    outside = write_tree(tmp_path / "outside", {"x.md": "---\nname: 外人\nlevels: [镇]\ngender: 男\n"
                                                        "term_start: 2021-12-28\n---\n身份证号430102199003071234\n"})
    root = write_tree(tmp_path / "records", BASE_TREE)
    (root / "deputies" / "more").symlink_to(outside, target_is_directory=True)
    outcome = validate(root, Settings(today=TODAY), display_root="records")
    assert [p.format() for p in outcome.problems] == [
        "records/deputies/more:1:1: error A01: 这个文件夹是符号链接（快捷方式），不会被读取或发布。请放真实的文件。"]
    assert "外人" not in {r.get("name") for r in outcome.corpus.records}


def test_internal_build_shows_everything_marked_in_its_own_folder(tmp_path):
    internal = BASE_TREE["projects/2024/2024-01.md"].replace("number: 1\n", "number: 1\ndisclosure: internal\n")
    project = make_project(tmp_path, {**BASE_TREE, "projects/2024/2024-01.md": internal})
    assert mkdocs_build(project).returncode == 0
    assert not (project / "site" / "projects" / "2024-01").exists()
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "internal: !ENV [RENDA_INTERNAL, false]" in config
    (project / "mkdocs.yml").write_text(config.replace("internal: !ENV [RENDA_INTERNAL, false]",
                                                       "internal: true"), encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    page = (project / "site-internal" / "projects" / "2024-01" / "index.html").read_text(encoding="utf-8")
    assert '<p class="renda-internal" role="note">内部记录：只在内部网站显示，不公开发布。</p>' in page
    assert "红星村饮水安全巩固提升工程（内部）" in (project / "site-internal" / "projects" / "index.html").read_text()
    assert not (project / "site" / "projects" / "2024-01").exists()  # the public site is untouched


@pytest.mark.parametrize("site_dir, staff_dir", [("public", "public-internal"), ("web/html", "web/html-internal"),
                                                 ("site-internal", "site-internal")])
def test_the_staff_build_never_writes_into_the_public_folder_whatever_it_is_called(tmp_path, site_dir, staff_dir):
    # GitLab Pages publishes public/: the staff site went there when site_dir was not "site".
    internal = BASE_TREE["projects/2024/2024-01.md"].replace("number: 1\n", "number: 1\ndisclosure: internal\n")
    project = make_project(tmp_path, {**BASE_TREE, "projects/2024/2024-01.md": internal})
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("site_dir: site\n", f"site_dir: {site_dir}\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    if site_dir != staff_dir:
        assert mkdocs_build(project).returncode == 0
        assert not (project / site_dir / "projects" / "2024-01").exists()
        before = fingerprint(project / site_dir)
    import os
    import sys
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RENDA_INTERNAL="true")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert (project / staff_dir / "projects" / "2024-01" / "index.html").exists()
    if site_dir != staff_dir:
        assert fingerprint(project / site_dir) == before


# Personal data in many spellings, inside Chinese text -------------------------------------

CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=0, max_size=12)
FULL = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


@st.composite
def id_numbers(draw):
    region = draw(st.integers(110000, 659999))
    born = draw(st.dates(min_value=__import__("datetime").date(1930, 1, 1),
                         max_value=__import__("datetime").date(2010, 12, 31)))
    body = f"{region}{born:%Y%m%d}{draw(st.integers(0, 999)):03d}"
    total = sum(int(d) * w for d, w in zip(body, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)))
    return body + "10X98765432"[total % 11]


@st.composite
def mobiles(draw):
    return f"1{draw(st.sampled_from('3456789'))}{draw(st.integers(0, 999999999)):09d}"


@st.composite
def cards(draw):
    length = draw(st.integers(16, 19))
    body = "62" + "".join(str(draw(st.integers(0, 9))) for _ in range(length - 3))
    for last in "0123456789":
        if privacy.luhn(body + last):
            return body + last


def spell(value: str, how: str, zero_width_at: int) -> str:
    if how == "spaces":
        return " ".join(value[i:i + 4] for i in range(0, len(value), 4))
    if how == "dashes":
        return "-".join(value[i:i + 4] for i in range(0, len(value), 4))
    if how == "full-width":
        return value.translate(FULL)
    if how == "zero-width":
        at = 1 + zero_width_at % (len(value) - 1)
        return value[:at] + "\u200b" + value[at:]
    separators = {"no-break": "\u00a0", "thin": "\u2009", "narrow": "\u202f", "ideographic": "\u3000",
                  "two-spaces": "  ", "line-break": "\n", "slashes": "/", "underscores": "_"}
    if how in separators:
        return separators[how].join(value[i:i + 4] for i in range(0, len(value), 4))
    if how == "references":  # HTML character references, decimal and hexadecimal, as a browser decodes them
        return "".join(f"&#{ord(c)};" if i % 3 == 0 else f"&#x{ord(c):x};" if i % 3 == 1 else c
                       for i, c in enumerate(value))
    return value


SPELLINGS = st.sampled_from(["plain", "spaces", "dashes", "full-width", "zero-width", "no-break", "thin",
                             "narrow", "ideographic", "two-spaces", "line-break", "slashes", "underscores",
                             "references"])


@hsettings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(before=CJK, after=CJK, value=id_numbers(), how=SPELLINGS, at=st.integers(0, 100))
def test_every_id_number_is_caught(before, after, value, how, at):
    text = f"{before}身份证号{spell(value, how, at)}{after}"
    assert [f.kind for f in privacy.scan(text)] == ["id"]


@hsettings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(before=CJK, after=CJK, value=mobiles(), how=SPELLINGS, at=st.integers(0, 100),
       prefix=st.sampled_from(["", "+86 ", "+86", "0086 ", "+86-", "＋８６ "]))
def test_every_mobile_number_is_caught(before, after, value, how, at, prefix):
    text = f"{before}电话{prefix}{spell(value, how, at)}{after}"
    found = privacy.scan(text)
    assert [f.kind for f in found] == ["mobile"]
    assert found[0].masked == value[:3] + "****" + value[-4:]


@hsettings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(before=CJK, after=CJK, value=cards(), how=SPELLINGS, at=st.integers(0, 100),
       word=st.sampled_from(["卡号", "银行卡号：", "账号", "开户行账户", "农行卡", "工资卡", "信用社卡", "存折 "]))
def test_every_bank_card_near_an_account_word_is_caught(before, after, value, how, at, word):
    text = f"{before}{word}{spell(value, how, at)}{after}"
    assert [f.kind for f in privacy.scan(text)] == ["card"]


def test_the_sample_township_has_no_personal_data_anywhere():
    from renda.core.loader import load

    records, _ = load(REPO / "records", Settings(today=TODAY))
    found = {}
    for record in records:
        texts = [record.body] + [v for v in _strings(record.data)]
        for text in texts:
            for finding in privacy.scan(text):
                found.setdefault(record.path, []).append((finding.kind, text[finding.start:finding.end]))
    assert found == {}
    assert len(records) > 500


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="#*_-+>`|:!()[]&\"'=/\\.\n 1amd甲乙＿", max_size=120))
# Headings whose slug is one of the theme's ids though the text has no "__" or "md-" as written
# (punctuation dropped, full-width folded, Chinese left out, spaces joined by -).
@example("#_:_1")
@example("# ＿＿1")
@example("# _甲_1")
@example("# MD x")
def test_markdown_without_tags_links_or_attribute_lists_renders_only_allowed_html(text):
    # The build checks a page's rendered body against the allow-list only when its Markdown
    # could produce more than Markdown's own tags; this is what allows the skip.
    import markdown
    from renda.core.htmlsafety import may_render_unsafe, removed_by_cleaning

    if may_render_unsafe(text):
        return
    html = markdown.Markdown(extensions=["tables", "attr_list", "toc"]).convert(text)
    assert removed_by_cleaning(html) == []


def test_an_internal_reply_changes_nothing_the_public_sees(tree):
    from renda.core.view import View

    reply = BASE_TREE["replies/2024/2024-001-a.md"].replace("result: A\n", "result: A\ndisclosure: internal\n")
    outcome = validate(tree({"replies/2024/2024-001-a.md": reply}), Settings(today=TODAY))
    public = View(outcome.corpus)
    suggestion = public.get("suggestions", "2024-001")
    state = public.corpus.suggestion_state(suggestion)
    assert (state.status, state.first_reply, state.result, state.satisfaction) == ("办理中", None, None, None)
    staff = View(outcome.corpus, internal=True)
    assert staff.corpus.suggestion_state(staff.get("suggestions", "2024-001")).status == "已办结"


@pytest.mark.parametrize("text, found", [
    ("电话 13800138000 13900139000", [("mobile", 3, 14, "138****8000"), ("mobile", 15, 26, "139****9000")]),
    ("2024-03-15 13800138000", [("mobile", 11, 22, "138****8000")]),
    ("电话 13800138000 3 次来访", [("mobile", 3, 14, "138****8000")]),
    ("出生 1990.01.01 11010519491231002X", [("id", 14, 32, "110***********002X")]),
    ("联系 138 0013 8000", [("mobile", 3, 16, "138****8000")]),
    ("2024 年 3 月 12 日 14 时", []),
    # Two dates side by side are no telephone number (a piece of a date never starts one).
    ("会期 2024-05-06 2024-05-07", []),
    ("会期 2024.05.06 2024.05.07", []),
    ("邮箱 zhang＠qq.com", [("email", 3, 15, "z***@qq.com")]),
])
def test_numbers_written_next_to_other_numbers_are_still_found(text, found):
    assert [(f.kind, f.start, f.end, f.masked) for f in privacy.scan(text)] == found


def test_a_script_address_in_a_reference_link_is_found_in_the_source():
    from renda.core.htmlsafety import scan_source

    assert scan_source("见[资料][1]。\n\n[1]: javascript:alert(1)\n") == [("H03", 16, {"scheme": "javascript:"})]


def test_formula_like_text_reaches_no_spreadsheet_as_a_formula(tmp_path):
    # A title or a station name that starts with = + - @ would run as a formula in WPS/Excel.
    import csv
    import io
    import zipfile

    from openpyxl import load_workbook
    from renda.staff.ledgers import export_xlsx

    title = '=HYPERLINK("http://example.invalid/x","点此查看")'
    files = {**BASE_TREE,
             "suggestions/2024/2024-001.md": BASE_TREE["suggestions/2024/2024-001.md"].replace(
                 "title: 关于加快红星村饮水工程建设的建议", f"title: '{title}'"),
             "stations/hongxing.md": BASE_TREE["stations/hongxing.md"].replace(
                 "name: 红星村代表联络室", "name: '@SUM(1+1)联络室'")}
    project = make_project(tmp_path / "project", files)
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    rows = list(csv.reader(io.StringIO((site / "data" / "csv" / "suggestions.csv").read_text(encoding="utf-8-sig"))))
    assert rows[1][rows[0].index("title")] == "'" + title
    stations = list(csv.reader(io.StringIO(
        (site / "stats" / "2024年代表之家统计.csv").read_text(encoding="utf-8-sig"))))
    assert stations[1][0] == "'@SUM(1+1)联络室"
    with zipfile.ZipFile(site / "data" / "renda-all.zip") as archive:
        inside = archive.read("data/csv/2024/suggestions.csv").decode("utf-8-sig")
    inside_rows = list(csv.reader(io.StringIO(inside)))
    assert inside_rows[1][inside_rows[0].index("title")] == "'" + title
    sheet = load_workbook(site / "stats" / "2024年统计数据.xlsx")["代表之家"]
    cell = sheet.cell(2, 1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("@SUM(1+1)联络室", "s", True)
    # The staff ledgers keep the exact text (it must read back unchanged), stored as text.
    written = export_xlsx(project / "records", tmp_path / "ledgers", Settings(today=TODAY))
    book = load_workbook(next(p for p in written if "建议" in p.name))
    found = [c for row in book["建议"].iter_rows() for c in row if c.value == title]
    assert [(c.data_type, c.quotePrefix) for c in found] == [("s", True)]


def test_docs_files_pass_the_same_gate_as_records(tmp_path):
    # Everything MkDocs copies or renders from docs/ is checked like a record: a symbolic link
    # would publish a file of the build machine; a page's text is scanned for personal data
    # and unsafe HTML; a page or script of its own is refused unless mkdocs.yml lists it.
    import os

    project = make_project(tmp_path / "project", BASE_TREE)
    secret = write_tree(tmp_path / "outside", {"passwd.txt": "root:x:0:0 机密文件甲乙丙\n"})
    os.symlink(secret / "passwd.txt", project / "docs" / "notes.txt")
    os.symlink(secret, project / "docs" / "more")
    (project / "docs" / "contact.md").write_text("# 联系我们\n\n值班手机：139 1234 5678。\n", encoding="utf-8")
    (project / "docs" / "banner.html").write_text("<script>steal()</script>", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    logged = [line.split("-  ", 1)[1] for line in result.stderr.splitlines() if "-  docs/" in line]
    assert logged == [
        "docs/banner.html:1:1: error A07: 这是 .html 文件（网页、矢量图或脚本，浏览器会执行其中的代码），会原样发布。"
        "请改写成 Markdown 页面；网站确需的样式表或脚本，请在 mkdocs.yml 的 extra_css 或 extra_javascript 里列出。",
        "docs/contact.md:3:6: error P02: 正文里有手机号码 139****5678。公开的记录不能有私人手机号，请删去；"
        "确需公布的办公电话，在记录里写 allow_personal_data: 原因。",
        "docs/more/passwd.txt:1:1: error A01: 这个文件（或它所在的文件夹）是符号链接（快捷方式），不会被读取或发布。请放真实的文件。",
        "docs/notes.txt:1:1: error A01: 这个文件（或它所在的文件夹）是符号链接（快捷方式），不会被读取或发布。请放真实的文件。",
        "docs/ 里的文件有 4 个错误，网站没有生成；原来的网站保持不变。",
    ]
    assert not (project / "site").exists()
