"""What the page templates are given: the ``site`` object they ask about records and links, the
filters, and the environment that finds templates in the theme's folders (a site's
``custom_dir`` first, then renda's). No MkDocs: the adapter hands over the few things only it
knows — where a page lands (``url_of``) and how the site renders Markdown (``markdown``).

Every generated page is laid out by ``renda/page.html`` around its own template: the title, a
PDF link, the internal mark, the page's template, its attachments, its provenance, its printed
versions and the printed footer. A site overrides any of them in ``custom_dir``.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
from collections import OrderedDict
from types import BuiltinFunctionType, FunctionType, MethodType
from typing import Any, Callable
from urllib.parse import urlsplit

import jinja2
import jinja2.runtime
import jinja2.utils
from markupsafe import Markup, escape

from ..core import chain
from ..core.config import RESULT_LABELS
from ..core.schema import RECORD_TYPES
from ..core.strokes import sort_names
from . import feeds, pages, qrcodes, villages, workreport
from .exports import plan_result

#: Where a page's rendered Markdown body goes in its layout (autoescaping makes it impossible
#: in any record text the layout shows).
CONTENT = "<!--renda:content-->"


def chinese_date(day: dt.date | None) -> str:
    """2024年3月12日."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def chinese_number(number: int) -> str:
    """An integer below 100 in Chinese numerals (18 → 十八), as in 第十八届."""
    digits = "零一二三四五六七八九"
    number = int(number)
    if number < 10:
        return digits[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
    return str(number)


def css_string(text: str) -> str:
    """``text`` inside a CSS string (the printed footer's ``content``)."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (both site paths, as MkDocs writes them)."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts, dest_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts):
        if a != b:
            break
        common += 1
    relative = "/".join((("..",) * (len(other_parts) - common)) + dest_parts[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


@functools.lru_cache(maxsize=8192)
def _parts(path: str) -> tuple[str, ...]:
    """A site path's folders and file (a page links to the same few hundred pages as others)."""
    normal = posixpath.normpath(path.lstrip("/"))
    return () if normal == "." else tuple(part for part in normal.split("/") if part not in ("", ".."))


_ROW = re.compile(r"<tr(?=[\s>])(.*?)</tr>", re.S)
_CELL = re.compile(r"<td(?=[\s>])([^>]*)>(.*?)</td>", re.S)


#: The rows ``card_cells`` made, by its columns and the row as rendered: the same record's row
#: recurs in the archive of every deputy it names, for the term and for the year. The last
#: ``CARD_ROWS_KEPT`` of each kind are kept (at 20,000 records seven rows in ten are taken
#: again; keeping every row, eight in ten, held 60 MB more at the build's peak).
_CARD_ROWS: dict[tuple, OrderedDict[str, str]] = {}
CARD_ROWS_KEPT = 5_000


def card_cells(rows: str, headers: list[str], title: str | None = None, badge: str | None = None) -> Markup:
    """Every cell of the table rows ``rows`` named by its column (``data-label``), the title and
    badge cells and the empty ones marked: on a phone the stylesheet shows each row as a card,
    its title (the first column unless named) first, the status as a badge and the rest as
    “label：value”."""
    title = title or (headers[0] if headers else None)
    made = _CARD_ROWS.setdefault((tuple(headers), title, badge), OrderedDict())

    def attributes(label: str, empty: bool) -> str:
        classes = {title: "renda-cell-title", badge: "renda-cell-badge"}.get(label, "")
        if empty:
            classes = (classes + " renda-cell-empty").strip()
        return f' data-label="{Markup.escape(label)}"' + (f' class="{classes}"' if classes else "")

    # a cell's added attributes by column, (filled, empty); a cell past the headers has no label
    added = [(attributes(label, False), attributes(label, True)) for label in headers]
    added.append((attributes("", False), attributes("", True)))
    last = len(headers)

    def row(match: re.Match) -> str:
        cells = match.group(1)
        if cells in made:
            return made[cells]
        column = -1

        def cell(cell_match: re.Match) -> str:
            nonlocal column
            column += 1
            attrs, content = cell_match.groups()
            return f"<td{attrs}{added[min(column, last)][not content.strip()]}>{content}</td>"

        made[cells] = labelled = "<tr" + _CELL.sub(cell, cells) + "</tr>"
        if len(made) > CARD_ROWS_KEPT:  # the oldest goes: a row recurs mostly in the next pages
            made.popitem(last=False)
        return labelled

    return Markup(_ROW.sub(row, str(rows)))


class QuickContext(jinja2.runtime.Context):
    """Jinja's context, calling what a template calls a hundred times a page (``record.get``,
    ``site.link``, ``dict.get``, the macros) straight away when it takes no context: Jinja asks each
    callable four questions before every call. Set on our environment and on MkDocs'
    (``Environment.context_class``)."""

    @jinja2.utils.internalcode
    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        kind = type(__obj)
        if kind is jinja2.runtime.Macro:  # takes the evaluation context, as Jinja gives it
            args = (__self.eval_ctx, *args)
        elif kind is MethodType:
            if getattr(__obj.__func__, "jinja_pass_arg", None) is not None:
                return super().call(__obj, *args, **kwargs)
        elif not (kind is BuiltinFunctionType  # cannot be marked
                  or kind is FunctionType and getattr(__obj, "jinja_pass_arg", None) is None):
            return super().call(__obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined("value was undefined because a callable raised a"
                                                " StopIteration exception")


def environment(folders: list[str], bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """An autoescaping environment over the theme's folders (custom_dir first)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folders), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, bytecode_cache=bytecode_cache)
    env.context_class = QuickContext
    env.filters["date"] = chinese_date
    env.filters["cn_number"] = chinese_number
    env.filters["pct"] = workreport.percent
    env.filters["change"] = workreport.change
    env.filters["css_string"] = css_string
    env.filters["card_cells"] = card_cells
    env.filters["plan_result"] = plan_result
    return env


class Site:
    """What templates may ask of the site while rendering one page (``site`` in templates)."""

    def __init__(self, view, history, page, url_of: Callable[[str], str | None],
                 markdown: Callable[[str], str], report_env: jinja2.Environment, site_url: str | None,
                 commit_url: str | None, qr_codes: bool = False):
        self._page = page
        self._url_of = url_of
        self._markdown = markdown
        self._report_env = report_env
        self._history = history
        self.view = view
        self.corpus = view.corpus
        self.settings = view.settings
        self.result_labels = RESULT_LABELS
        self.commit_url = commit_url
        #: The site's path on its server ("/" unless site_url names a sub-folder).
        self.base_path = urlsplit(site_url or "/").path or "/"
        self.site_url = site_url
        self.qr_codes = qr_codes and bool(site_url)

    def address(self, target) -> str:
        """The full public address of a record's or a generated page's page ("" when unknown)."""
        uri = target if isinstance(target, str) else pages.record_uri(target)
        url = self._url_of(uri)
        return (self.site_url.rstrip("/") + "/" + url.lstrip("/")) if url is not None and self.site_url else ""

    def qr(self, target, label: str = "本页的二维码") -> Markup:
        """The QR code of a page's public address, as inline SVG ("" without site_url)."""
        address = self.address(target) if self.qr_codes else ""
        return qrcodes.svg(address, label) if address else Markup("")

    def href(self, target) -> str:
        """Relative URL from this page to a record or a generated page's source path."""
        uri = target if isinstance(target, str) else pages.record_uri(target)
        url = self._url_of(uri)
        return relative_url(url, self._page.url) if url is not None else ""

    def link(self, target, text: str | None = None) -> Markup:
        """An ``<a>`` to a shown record (plain text when the record is not shown)."""
        if target is None:
            return Markup("")
        label = text or self.corpus.title(target)
        if not self.view.shows(target):
            return Markup.escape(label)
        if target.disclosure == "internal":
            label = f"{label}（内部）"
        return Markup(f'<a href="{escape(self.href(target))}">{escape(label)}</a>')  # as Markup.format, faster

    def deputy(self, rid: str) -> Markup:
        """A deputy's name linked to the archive, or the id when the deputy is not shown."""
        deputy = self.view.get("deputies", rid)
        return self.link(deputy, deputy.get("name")) if deputy else Markup.escape(rid)

    def asset(self, path: str) -> str:
        """Relative URL from this page to a file at ``path`` in the built site."""
        return relative_url(path, self._page.url)

    def work_report(self, facts) -> list[tuple[str, str]]:
        """The work report's data part, (heading, paragraph) by section, worded by the site's
        (overridable) template."""
        return workreport.sections(facts, self._report_env)

    def short_version(self, commit_hash: str) -> str:
        """The short version id the public sees."""
        return feeds.short_version(commit_hash)

    def village_anchor(self, name: str) -> str:
        """The id of a village's section on 我的代表."""
        return villages.village_anchor(name)

    def type_label(self, rtype: str) -> str:
        """A record type's Chinese name (代表, 履职活动, 答复……)."""
        return RECORD_TYPES[rtype].label

    def title(self, record) -> str:
        return self.corpus.title(record)

    def provenance(self, record):
        """The record's publication, approval and last change from Git, if known."""
        return self._history.of(record)

    def corrections_of(self, record) -> list:
        return self._history.corrections_of(record)

    def state(self, suggestion):
        return self.corpus.suggestion_state(suggestion)

    def chain(self, project) -> list:
        """A shown project's loop: 意见 → 建议 → 答复 → 票决 → 建设进度 → 测评 → 验收."""
        return chain.project_chain(self.corpus, project)

    def projects_of(self, suggestion) -> list[str]:
        """The ids of the shown projects a suggestion became (their ``from_suggestions``)."""
        return [p.id for p in self.corpus.projects_by_suggestion.get(suggestion.id, ())]

    def rectifications(self, activity) -> list:
        """The rectification items of a shown activity, each with its derived status."""
        return self.corpus.rectifications(activity)

    def markdown(self, text: str) -> Markup:
        """A record body rendered with the site's Markdown extensions (replies on a suggestion)."""
        return Markup(self._markdown(text or ""))

    def sort_names(self, ids) -> list[str]:
        """Deputy ids in surname-stroke order of their names."""
        def name(rid: str) -> str:
            deputy = self.view.get("deputies", rid)
            return deputy.get("name") if deputy else rid

        return sort_names(ids, name)


def frame_globals(settings, share_image: str) -> dict[str, Any]:
    """What the theme's frame (main.html, partials/copyright.html) shows of the site: the
    office running it, the registration lines and the share card's picture."""
    office = settings.office
    registration = settings.registration
    return {
        "renda_office": {"name": office.name or f"{settings.township}人民代表大会主席团",
                         "address": office.address, "phone": office.phone, "hours": office.hours},
        "renda_registration": {"icp": registration.icp, "police": registration.police,
                               "police_code": "".join(ch for ch in registration.police if ch.isdigit()),
                               "site_code": registration.site_code},
        "renda_share_image": share_image.lstrip("/"),
    }


def layout(env: jinja2.Environment, spec, page, site: Site, specs: dict, site_label: str,
           history_known: bool) -> str:
    """A generated page's whole content with ``CONTENT`` where its rendered body goes, laid
    out by ``renda/page.html`` around the page's own template."""
    body = env.get_template(f"renda/{spec.template}").render(**spec.full_context(), content=Markup(CONTENT),
                                                               page=page, site=site)
    found = history_known and spec.about is not None and site.provenance(spec.about)
    footer = [spec.title, site_label] + ([f"版本 {feeds.short_version(found.last.hash)}"] if found else [])
    return env.get_template("renda/page.html").render(
        spec=spec, record=spec.record, page=page, site=site, body=Markup(body),
        dossiers=pages.dossiers_of(spec, specs), history_known=history_known,
        pdf=relative_url(spec.context["pdf"], page.url) if spec.context.get("pdf") else None,
        footer=" · ".join(footer), formal=spec.template.startswith("dossier_"))


def page_of(spec, url: str, file: Any = None):
    """What templates know of the page being laid out: its url, title, meta and file."""
    from types import SimpleNamespace

    return SimpleNamespace(url=url, title=spec.title, meta=spec.meta, file=file)
