"""The ``renda`` command: the core's tools for staff and CI, without MkDocs.

Settings come from the ``renda`` plugin options in ``mkdocs.yml`` (found in the current
folder, or given with ``--config``), so the command line and the site always agree.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from pathlib import Path

import click

from .. import __version__
from ..core.config import Settings, plugin_options
from ..core.problems import (
    format_github,
    format_gitlab,
    format_json,
    format_markdown,
    format_text,
)
from ..core.schema import RECORD_TYPES


def _settings(config: str | None, today: str | None) -> tuple[Settings, dict]:
    path = Path(config) if config else Path("mkdocs.yml")
    options: dict = {}
    if path.exists():
        try:
            options = plugin_options(path)
        except Exception as exc:  # a broken mkdocs.yml is a user error, not a traceback
            raise click.ClickException(f"读不了配置文件 {path}：{exc}") from exc
    elif config:
        raise click.ClickException(f"找不到配置文件 {config}")
    try:
        settings = Settings.from_mapping(options)
    except ValueError as exc:
        raise click.ClickException(f"{path} 里 renda 插件的设置有误：{exc}") from exc
    if today:
        try:
            settings.today = dt.date.fromisoformat(today)
        except ValueError as exc:
            raise click.ClickException(f"--today 要写成 YYYY-MM-DD，“{today}”不对") from exc
    return settings, options


def _exit_now(code: int) -> None:
    """End the process with ``code`` without freeing what it read object by object (a tenth
    of a second at 20,000 records): the system takes all of its memory back at once."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _records_root(records_dir: str | None, options: dict, config: str | None) -> str:
    """The records folder: as given on the command line, else mkdocs.yml's ``records_dir``
    (default records) relative to mkdocs.yml's folder, as the plugin reads it."""
    if records_dir:
        return records_dir
    folder = Path(config).parent if config else Path(".")
    return str(folder / (options.get("records_dir") or "records"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="renda")
def main() -> None:
    """renda: 乡镇人大履职记录库与公开网站的工具。

    \b
    常用：
      renda validate              校验 records/ 下的全部记录
      renda validate --format json  以 JSON 输出问题（供 CI 使用）
      renda stats --year 2025     年度统计和工作报告用语
      renda export popolo -o popolo.json  导出 Popolo 开放数据
      renda pdf report --year 2025 -o 报告.pdf   打印统计报告等档案
      renda new activity          新建一条记录（逐项提问）
      renda fmt                   把记录改写成规范格式
      renda fields                输出《记录格式说明》
      renda edit                  网页编辑器（浏览器里填表，保存即提交）
    """


@main.command()
@click.argument("records_dir", required=False, type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "gitlab", "markdown"]),
              default="text", show_default=True,
              help="输出格式：text 每行一个问题；json 供工具使用；github 为 GitHub/Gitea/Forgejo "
                   "Actions 的注释；gitlab 为 GitLab 代码质量报告；markdown 为合并请求里的评论。")
@click.option("--config", type=click.Path(dir_okay=False),
              help="读取 renda 设置的 mkdocs.yml（默认当前文件夹的 mkdocs.yml）。")
@click.option("--today", metavar="YYYY-MM-DD", help="把这一天当作今天（检查“将来的日期”和逾期）。")
def validate(records_dir: str | None, fmt: str, config: str | None, today: str | None) -> None:
    """校验记录：列出全部问题，有错误时退出码为 1。

    \b
    例子：
      renda validate
      renda validate records/ --format json
    每个问题一行：文件:行:列: 级别 代码: 说明。
    """
    from ..core.validate import validate as run

    settings, options = _settings(config, today)
    root = _records_root(records_dir, options, config)
    if not Path(root).is_dir():
        raise click.ClickException(f"找不到记录文件夹 {root}")
    gc.disable()  # no garbage cycle to find, and once on, its first pass went through every record read
    outcome = run(root, settings, display_root=root.rstrip("/"))
    if fmt != "text":
        formatter = {"json": format_json, "github": format_github, "gitlab": format_gitlab,
                     "markdown": format_markdown}[fmt]
        click.echo(formatter(outcome.problems))
    elif outcome.problems:
        click.echo(format_text(outcome.problems))
    else:
        count = len(outcome.corpus.records)
        click.echo(f"已检查 {count} 条记录，没有发现问题。", err=True)
    _exit_now(0 if outcome.ok else 1)


@main.command()
@click.argument("records_dir", required=False, type=click.Path(file_okay=False))
@click.option("--year", type=int, help="统计哪一年（默认今年）。")
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 对象（比例为 0 到 1 的小数）。")
@click.option("--internal", is_flag=True, help="把标为 internal 的记录也算进去（默认只算公开的记录，与网站一致）。")
@click.option("--config", type=click.Path(dir_okay=False), help="读取设置的 mkdocs.yml。")
@click.option("--today", metavar="YYYY-MM-DD", help="把这一天当作今天。")
def stats(records_dir, year, as_json, internal, config, today) -> None:
    """年度统计：各项数字、履职规定执行情况和工作报告用语。

    \b
    例子：
      renda stats --year 2025
      renda stats --year 2025 --json
    记录有错误时先列出错误、不出统计（退出码 1）。
    """
    import json

    from ..core.stats import Statistics, years
    from ..core.validate import validate as run
    from ..core.view import View
    from ..site.exports import tables
    from ..site.workreport import facts
    from ..site.workreport import text as report_text

    settings, options = _settings(config, today)
    root = _records_root(records_dir, options, config)
    if not Path(root).is_dir():
        raise click.ClickException(f"找不到记录文件夹 {root}")
    outcome = run(root, settings, display_root=root.rstrip("/"))
    if not outcome.ok:
        click.echo(format_text(outcome.problems), err=True)
        raise click.ClickException("记录有错误，统计数字不可靠。请先改正上面的错误。")
    view = View(outcome.corpus, internal=internal)
    year = year or settings.current_date().year
    current = Statistics(view, year)
    summary = current.summary()
    if as_json:
        click.echo(json.dumps({**summary, "sources": current.sources()}, ensure_ascii=False, indent=2))
        return
    with_records = set(years(view))
    if year not in with_records:
        shown = "、".join(f"{y}" for y in sorted(with_records)) or "（无）"
        click.echo(f"{settings.township} {year}年没有任何记录，没有统计数字。有记录的年份：{shown}。")
        return
    running = current.period.end < dt.date(year, 12, 31)
    # A year without records has nothing to compare with: its figures show as —, not as 0.
    previous = Statistics(view, year - 1) if year - 1 in with_records else None
    click.echo(f"{settings.township} {year}年统计" + (f"（截至 {current.period.end}）" if running else ""))
    for table in tables(current, previous, ranking=True):
        click.echo(f"\n【{table.title}】")
        click.echo("\t".join(table.headers))
        for number, row in enumerate(table.rows):
            rate_row = number in table.rate_rows
            click.echo("\t".join(_cell(value, rate_row or column in table.rate_columns, table.headers[column])
                                  for column, value in enumerate(row)))
    click.echo("\n【工作报告用语】")
    click.echo(report_text(facts(current)))


def _cell(value, is_rate: bool, header: str = "") -> str:
    from ..site.workreport import change, percent

    if header == "增减":
        return change(value, is_rate)
    if value is None:
        return "—"
    if is_rate and isinstance(value, (int, float)) and not isinstance(value, bool):
        return percent(value)
    return str(value)


@main.command("new")
@click.argument("kind", type=click.Choice([spec.command for spec in RECORD_TYPES.values()]))
@click.option("--set", "pairs", multiple=True, metavar="字段=值",
              help="直接给出字段的值，可写多次，例如 --set kind=视察 --set deputies=张伟、李芳。")
@click.option("--body", default="", help="正文（也可以以后在编辑器里写）。")
@click.option("--records", "records_dir", type=click.Path(file_okay=False), help="记录文件夹（默认 records）。")
@click.option("--no-input", is_flag=True, help="不提问：缺少的必填项直接报错（供脚本使用）。")
@click.option("--config", type=click.Path(dir_okay=False), help="读取设置的 mkdocs.yml。")
def new_command(kind, pairs, body, records_dir, no_input, config) -> None:
    """新建一条记录：逐项提问（或用 --set 给出），写好文件并立即检查。

    \b
    例子：
      renda new activity
      renda new activity --no-input --set title=视察红星村饮水工程 --set kind=视察 \\
          --set date=2024-03-12 --set deputies=张伟、李芳
      renda new suggestion          编号自动取下一个
    代表可以写姓名、拼音（zhangwei 或 zw）或编号；重名的代表会让你选择。
    """
    import sys

    from ..core.validate import validate as run
    from .newrecord import TYPE_NAMES, Maker, NewRecordError

    settings, options = _settings(config, None)
    root = Path(_records_root(records_dir, options, config))
    root.mkdir(parents=True, exist_ok=True)
    rtype = TYPE_NAMES[kind]
    maker = Maker(root, rtype, settings, run(root, settings).corpus)
    interactive = not no_input and sys.stdin.isatty()
    given = {}
    for pair in pairs:
        if "=" not in pair:
            raise click.ClickException(f"--set 要写成 字段=值，“{pair}”不对")
        key, _, value = pair.partition("=")
        if key not in maker.spec.field_map:
            raise click.ClickException(f"{maker.spec.label}记录没有 {key} 这个字段")
        given[key.strip()] = value

    def choose(token, found):
        click.echo(f"有 {len(found)} 位代表叫“{token}”：")
        for number, deputy in enumerate(found, start=1):
            click.echo(f"  {number}. {deputy.get('name')}（{deputy.id}，{deputy.get('group') or deputy.get('constituency') or ''}）")
        index = click.prompt("选哪一位", type=click.IntRange(1, len(found)))
        return found[index - 1]

    values, errors = {}, []
    for name in list(dict.fromkeys(list(RECORD_TYPES[rtype].essentials) + list(given))):
        answer = given.get(name)
        while True:
            if answer is None:
                if not interactive:
                    field = maker.spec.field_map[name]
                    if field.required:
                        errors.append(f"缺少 {maker.prompt_for(name)}：请用 --set {name}=值 给出")
                    break
                answer = click.prompt(maker.prompt_for(name), default="", show_default=False)
            value, why = maker.convert(name, answer, choose if interactive else None)
            if why is None:
                if value is not None:
                    values[name] = value
                break
            if not interactive:
                errors.append(f"{name}：{why}")
                break
            click.echo(f"  {why}", err=True)
            answer = None
    if errors:
        raise click.ClickException("无法新建记录：\n  " + "\n  ".join(errors))
    if interactive and not body:
        body = click.prompt("正文（可以留空，以后在编辑器里写）", default="", show_default=False)
    try:
        values = maker.complete(values)
        path = maker.path(values)
    except (KeyError, NewRecordError) as exc:
        raise click.ClickException(f"无法新建记录：缺少 {exc}") from exc
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(maker.text(values, body), encoding="utf-8")
    shown = path.as_posix()
    click.echo(f"已新建 {shown}")
    outcome = run(root, settings, display_root=str(root))
    mine = [p for p in outcome.problems if Path(p.path) == path or p.path == shown]
    if mine:
        click.echo(format_text(mine))
    raise SystemExit(1 if any(p.level == "error" for p in mine) else 0)


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True))
@click.option("--records", "records_dir", type=click.Path(file_okay=False), help="记录文件夹（默认 records）。")
@click.option("--dry-run", is_flag=True, help="只显示将要新建、更新的记录，不写文件。")
@click.option("--config", type=click.Path(dir_okay=False), help="读取设置的 mkdocs.yml。")
def import_command(files, records_dir, dry_run, config) -> None:
    """从台账（Excel .xlsx，或 WPS 另存的 .xls）导入记录：代表名册、履职活动台账、建议办理台账。

    \b
    例子：
      renda import 代表名册.xlsx 履职活动台账.xlsx
      renda import 建议办理台账.xlsx --dry-run
    问题按“文件!工作表:行:列: 级别 代码: 列名: 说明”列出；有问题时什么也不写。重复导入不会重复建记录。
    """
    from .ledgers import LedgerError, import_files

    settings, options = _settings(config, None)
    root = Path(_records_root(records_dir, options, config))
    try:
        result = import_files([Path(f) for f in files], root, settings, dry_run=dry_run)
    except LedgerError as exc:
        raise click.ClickException(str(exc)) from exc
    for problem in result.problems:
        click.echo(problem.format())
    for line in result.report():
        click.echo(line, err=True)
    raise SystemExit(1 if result.problems else 0)


@main.command("fmt")
@click.argument("records_dir", required=False, type=click.Path(file_okay=False))
@click.option("--check", is_flag=True, help="只检查、不改动；有文件不规范时退出码为 1（供 CI 使用）。")
@click.option("--editor", is_flag=True, help="整理网页编辑器保存的记录：去掉空着的字段，临时文件名改为规范的名字，补上编号。")
@click.option("--config", type=click.Path(dir_okay=False), help="读取设置的 mkdocs.yml。")
def fmt_command(records_dir, check, editor, config) -> None:
    """把记录的 front-matter 改写成规范格式（字段顺序、引号、日期、是/否），不改变内容。

    \b
    例子：
      renda fmt             规范 records/ 下的全部记录
      renda fmt --check     只列出不规范的文件
      renda fmt --editor    整理网页编辑器在 GitHub/GitLab/Forgejo 上保存的记录（合并请求里由 CI 运行）
    有错误的文件不改动，请先按 renda validate 的提示改正。
    """
    from .fmt import fmt

    settings, options = _settings(config, None)
    root = _records_root(records_dir, options, config)
    if not Path(root).is_dir():
        raise click.ClickException(f"找不到记录文件夹 {root}")
    if editor:
        if check:
            raise click.ClickException("--editor 会改写和改名文件，不能与 --check 同时使用")
        _settle_editor(Path(root), settings)
        return
    results = fmt(Path(root), settings, check=check, display_root=root)
    changed = [r for r in results if r.status == "changed"]
    skipped = [r for r in results if r.status == "skipped"]
    for result in changed:
        click.echo(f"{result.path}: {'格式不规范' if check else '已改写为规范格式'}")
    for result in skipped:
        click.echo(f"{result.path}: 未处理：{result.reason}", err=True)
    verb = "需要改写" if check else "已改写"
    click.echo(f"共 {len(results)} 个文件：{verb} {len(changed)} 个，未处理 {len(skipped)} 个。", err=True)
    if (check and changed) or skipped:
        raise SystemExit(1)


def _settle_editor(root: Path, settings: Settings) -> None:
    """``renda fmt --editor``: what the browser editor saved on a forge, as renda writes it."""
    from .editor.saving import settle_tree

    outcomes = settle_tree(root.resolve().parent, root.name, settings)
    for outcome in outcomes:
        if outcome.status == "renamed":
            click.echo(f"{outcome.before} → {outcome.after}：网页编辑器新建的记录，已按规则命名并改写为规范格式")
        elif outcome.status == "changed":
            click.echo(f"{outcome.before}: 已改写为规范格式")
    refused = [o for o in outcomes if o.status == "refused"]
    for outcome in refused:  # each problem as renda validate says it: file:line:column, field
        click.echo("\n".join(p.format() for p in outcome.problems) if outcome.problems
                   else f"{outcome.before}: 未处理：{outcome.reason}", err=True)
    moved = sum(o.status == "renamed" for o in outcomes)
    changed = sum(o.status == "changed" for o in outcomes)
    click.echo(f"共 {len(outcomes)} 个文件：改名 {moved} 个，改写 {changed} 个，未处理 {len(refused)} 个。", err=True)
    if refused:
        raise SystemExit(1)


@main.group()
def pdf() -> None:
    """把打印页面（档案格式）生成 PDF：用 Chromium 从已生成的网站打印。

    \b
    例子：
      renda pdf report --year 2025 -o 2025年统计报告.pdf
      renda pdf deputy long-wenbin --year 2025 -o 龙文斌2025.pdf
      renda pdf suggestion 2024-003 -o 办理单.pdf
      renda pdf meeting 2025-01-15-rd -o 纪要.pdf
    先运行 mkdocs build 生成网站（默认在 site/）。
    """


_SITE = click.option("--site", "site_dir", type=click.Path(file_okay=False), default="site",
                     show_default=True, help="已生成的网站文件夹。")
_OUTPUT = click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
                       help="PDF 文件名。")


def _print(kind: str, rid, year, site_dir: str, output: str) -> None:
    from ..site.printing import PrintError, dossier_page, to_pdf

    try:
        to_pdf(dossier_page(Path(site_dir), kind, rid, year), Path(output))
    except PrintError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"已生成 {output}", err=True)


@pdf.command("report")
@click.option("--year", type=int, required=True, help="哪一年的统计报告。")
@_SITE
@_OUTPUT
def pdf_report(year, site_dir, output) -> None:
    """一年的统计报告（数字、图表、履职规定、工作报告用语）。"""
    _print("stats", year, None, site_dir, output)


@pdf.command("deputy")
@click.argument("deputy_id")
@click.option("--year", type=int, help="只打印这一年的履职档案（默认整个任期）。")
@_SITE
@_OUTPUT
def pdf_deputy(deputy_id, year, site_dir, output) -> None:
    """一位代表的履职档案。"""
    _print("deputies", deputy_id, year, site_dir, output)


@pdf.command("suggestion")
@click.argument("suggestion_id")
@_SITE
@_OUTPUT
def pdf_suggestion(suggestion_id, site_dir, output) -> None:
    """一件议案建议的办理单。"""
    _print("suggestions", suggestion_id, None, site_dir, output)


@pdf.command("meeting")
@click.argument("meeting_id")
@_SITE
@_OUTPUT
def pdf_meeting(meeting_id, site_dir, output) -> None:
    """一次会议的纪要。"""
    _print("meetings", meeting_id, None, site_dir, output)


@main.group()
def export() -> None:
    """导出公开数据。"""


@export.command("xlsx")
@click.argument("outdir", type=click.Path(file_okay=False))
@click.option("--records", "records_dir", type=click.Path(file_okay=False), help="记录文件夹（默认 records）。")
@click.option("--config", type=click.Path(dir_okay=False), help="读取设置的 mkdocs.yml。")
def export_xlsx(outdir, records_dir, config) -> None:
    """把记录导出成台账（Excel）：代表名册、履职活动台账、建议办理台账。

    \b
    例子：
      renda export xlsx 台账/
    导出的台账可以用 renda import 导回，内容不变。
    """
    from .ledgers import LedgerError
    from .ledgers import export_xlsx as write

    settings, options = _settings(config, None)
    root = _records_root(records_dir, options, config)
    if not Path(root).is_dir():
        raise click.ClickException(f"找不到记录文件夹 {root}")
    try:
        written = write(Path(root), Path(outdir), settings)
    except LedgerError as exc:
        raise click.ClickException(str(exc)) from exc
    for path in written:
        click.echo(f"已导出 {path}", err=True)


@export.command("popolo")
@click.argument("records_dir", required=False, type=click.Path(file_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="写入文件（默认输出到屏幕）。")
@click.option("--config", type=click.Path(dir_okay=False), help="读取设置的 mkdocs.yml。")
@click.option("--today", metavar="YYYY-MM-DD", help="把这一天当作今天。")
def export_popolo(records_dir, output, config, today) -> None:
    """以 Popolo 1.0 JSON 导出公开的记录（代表、组织、任职、选区、会议和活动、议案、表决）。

    \b
    例子：
      renda export popolo -o popolo.json
    """
    import json

    from ..site.opendata import popolo

    view = _public_view(records_dir, config, today)
    text = json.dumps(popolo(view), ensure_ascii=False, indent=1)
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)


def _public_view(records_dir, config, today):
    """Validate the records (refusing to export over errors) and take the public view."""
    from ..core.validate import validate as run
    from ..core.view import View

    settings, options = _settings(config, today)
    root = _records_root(records_dir, options, config)
    if not Path(root).is_dir():
        raise click.ClickException(f"找不到记录文件夹 {root}")
    outcome = run(root, settings, display_root=root.rstrip("/"))
    if not outcome.ok:
        click.echo(format_text(outcome.problems), err=True)
        raise click.ClickException("记录有错误，不能导出。请先改正上面的错误。")
    return View(outcome.corpus)


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="写入文件，而不是输出到屏幕。")
@click.option("--config", type=click.Path(dir_okay=False), help="读取词表设置的 mkdocs.yml。")
def fields(output: str | None, config: str | None) -> None:
    """输出《记录格式说明》：每种记录的每个字段、是否必填、写法和例子。"""
    from .fieldref import render

    settings, _ = _settings(config, None)
    text = render(settings)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@main.command()
@click.option("--port", type=int, default=8081, show_default=True, help="编辑器的端口。")
@click.option("--host", default="localhost", show_default=True, help="监听的地址（只在本机使用时不要改）。")
@click.option("--config", type=click.Path(dir_okay=False), help="读取设置的 mkdocs.yml（默认当前文件夹的）。")
def edit(port: int, host: str, config: str | None) -> None:
    """网页编辑器：在浏览器里填表新建、修改记录，保存即提交到本机的 Git 仓库。

    \b
    例子：
      renda edit                  然后用浏览器打开 http://localhost:8081/admin/
    保存时按 renda new 的规则给新记录起文件名，按 renda fmt 的格式写文件，检查通过才提交；
    有错误时不保存，编辑器里会列出要改正的地方。推送和发起合并请求仍在 Git 里做。
    """
    from .editor import vendor
    from .editor.local import Workspace, serve

    settings, options = _settings(config, None)
    project = Path(config).parent if config else Path(".")
    records_dir = options.get("records_dir") or "records"
    if not (project / records_dir).is_dir():
        raise click.ClickException(f"找不到记录文件夹 {project / records_dir}")
    if not vendor.files(project):
        raise click.ClickException(vendor.missing_message())
    try:
        server = serve(Workspace(project.resolve(), records_dir, settings), host, port)
    except OSError as exc:
        raise click.ClickException(f"编辑器没能在 {host}:{port} 启动（{exc.strerror}）：可能编辑器已经开着，"
                                   f"请直接打开 http://{host}:{port}/admin/ ；或用 --port 换一个端口。") from exc
    click.echo(f"网页编辑器已启动：用浏览器打开 http://{host}:{port}/admin/ （按 Ctrl+C 停止）")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("编辑器已停止。")
    finally:
        server.server_close()
