"""The MkDocs plugin: a thin adapter over the core.

Once per build it loads, validates and links the records (``on_pre_build``, before MkDocs
empties ``site/``: a record with an error stops the build there, so nothing is written), takes
the public view, and plans one page per shown record and per section, added with
``File.generated`` (``on_files``). A second process (``sidework.SideWork``) then makes the
layout of each generated page from its Jinja template, the data files and the search index,
while MkDocs renders the Markdown bodies and writes the pages; each page's rendered body goes
into its layout as MkDocs writes it (``on_page_context``). Templates live in
``templates/renda/`` beside this module and are found through the theme's folders, so a site's
``custom_dir`` can override any of them. Under ``mkdocs serve --dirty`` it rebuilds only what
an edit touches.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
from pathlib import Path

import markdown as md
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils.meta import get_data as get_markdown_meta

from ..core import attachments, htmlsafety, provenance
from ..core.catalogue import make
from ..core.config import OPTIONS, Settings
from ..core.forking import Forked
from ..core.loader import FileCache
from ..core.problems import ERROR, Problem, sort_problems
from ..core.schema import RECORD_TYPES
from ..core.validate import Outcome, load_tree
from ..core.view import View
from ..site import docs_check, outputgate, qrcodes, search, templating, villages
from ..site import pages as site_pages
from ..site import workreport as report
from ..site.templating import CONTENT
from ..staff.editor import decap, vendor
from . import gating, publishing, serving, structure
from .gating import BuildGate
from .parallel import MemoryBytecodeCache, SideWork, share_navigation
from .serving import ChangeTracker

log = logging.getLogger("mkdocs.plugins.renda")

TEMPLATES = Path(__file__).parent.parent / "templates"
#: Copied by MkDocs from the theme folders, like any static file of a theme.
STYLESHEET = "assets/renda.css"
#: The share card's picture when the site names none (share_image).
SHARE_IMAGE = "assets/renda-share.png"



def _config_schema() -> type[Config]:
    """The plugin's options as MkDocs checks them, made from their one declaration
    (``core.config.OPTIONS``); what is inside a mapping or a list ``Settings`` checks."""
    def option(spec):
        if spec.choices:
            return c.Choice(spec.choices, default=spec.default)
        if spec.default is None:
            return c.Optional(c.Type(spec.kind))
        return c.Type(spec.kind, default=spec.default)

    return type("RendaConfig", (Config,), {
        "__doc__": "Options of the ``renda`` plugin in ``mkdocs.yml`` (the CLI reads the same options).",
        **{spec.name: option(spec) for spec in OPTIONS}})


RendaConfig = _config_schema()


#: A generated page's front matter: json.dumps made an encoder for each of them.
_HEADER = json.JSONEncoder(ensure_ascii=False).encode


class RendaPlugin(BasePlugin[RendaConfig]):
    """Validates ``records/`` and generates the disclosure site from it."""

    def __init__(self):
        self.enabled = False  # the enabled option, once on_config read it
        self.serving = False
        self.dirty = False
        self.cache = FileCache()
        self.urls: dict[str, str | None] = {}  # page address by source path, per build (see _url_of)
        #: While serving: what the last build read and wrote, to rebuild only what changed.
        self.changes = ChangeTracker()
        self.collector = serving.Collector()
        #: Compiled templates, kept from one serve rebuild to the next (MkDocs makes new
        #: template environments each time; compiling them again took half a second).
        self.bytecode = MemoryBytecodeCache()
        self.outcome: Outcome | None = None
        self.specs: dict[str, site_pages.PageSpec] = {}
        self.rejected: list[Problem] = []
        self.final_site_dir: str | None = None
        self.warnings = publishing.WarningCounter()
        #: Seconds spent in each phase of our own work (RENDA_TIMINGS=file writes them out).
        self.timings: dict[str, float] = {}
        #: The data files and search index being made beside MkDocs (see on_env).
        self.side: SideWork | None = None
        #: The rules across records and the gate's needles, worked out beside (see on_pre_build).
        self.beside: Forked | None = None
        #: The output gate, what it found and which files of the site it checked.
        self.gate: BuildGate | None = None

    # Events, in the order MkDocs calls them ----------------------------------------------

    def on_startup(self, *, command, dirty):
        # While serving, a record with an error is left out and reported; the server stays up.
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config):
        self.enabled = self.config.enabled  # read once: MkDocs' option lookup was a tenth of our work a page
        if not self.enabled:
            return config
        started, self.timings = time.perf_counter(), {}
        site_only = {spec.name for spec in OPTIONS if spec.site}
        options = {k: v for k, v in self.config.items() if k not in site_only}
        try:
            self.settings = Settings.from_mapping(options)
        except ValueError as exc:
            raise PluginError(f"renda 插件设置有误：{exc}") from exc
        self.root = Path(config.config_file_path).parent / self.config.records_dir
        if not self.root.is_dir():
            raise PluginError(f"找不到记录文件夹 {self.root}")
        # The office's own site: the staff build, or one served on a staff member's computer.
        self.staff = bool(self.config.internal) or self.serving
        if not self.staff:
            config.nav = structure.without_pages(config.nav, site_pages.STAFF_ONLY)
        if str(TEMPLATES) not in config.theme.dirs:
            # Before the theme's own (our frame, footer and 404 page replace Material's), after
            # a site's custom_dir (which may replace ours in turn).
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        self.markdown = md.Markdown(extensions=config.markdown_extensions,
                                    extension_configs=config.mdx_configs or {})
        self.rendered: dict[str, str] = {}  # by Markdown text: a reply shows on two pages
        self.env = templating.environment(config.theme.dirs, self.bytecode if self.serving else None)
        self.report_env = report.environment(list(config.theme.dirs))
        self.site_url = config.site_url
        if self.config.qr_codes and not config.site_url:
            raise PluginError("二维码要印上每个页面的正式网址，但 mkdocs.yml 里没有 site_url。请写上网站发布后的网址，"
                              "例如 site_url: https://rd.qingshi.gov.cn/ ；不需要二维码时，在 renda 下写 qr_codes: false。")
        if self.config.qr_codes:  # made once, kept between builds (see qrcodes)
            qrcodes.keep_in(Path(config.config_file_path).parent / ".cache" / "renda" / "qr-codes.json")
        self.editor = None
        if self.config.editor:  # the browser editor at admin/, on a forge
            try:
                backend = decap.backend_of(self.config.editor)
            except ValueError as exc:
                raise PluginError(f"renda 插件设置有误：{exc}") from exc
            project = Path(config.config_file_path).parent
            if not vendor.files(project):
                raise PluginError(vendor.missing_message())
            self.editor = (backend, project)
        self.site_name = config.site_name
        self.docs_name = Path(config.docs_dir).name
        name = Path(config.site_dir).name
        if self.config.internal and not self.serving and not name.endswith("-internal"):
            # The staff site never lands where the public one is published from, whatever that
            # folder is called (site/, GitLab Pages' public/): it goes beside it, NAME-internal/.
            config.site_dir = str(Path(config.site_dir).with_name(f"{name}-internal"))
        if not self.serving:
            # Build into a staging folder; it replaces site/ only when the whole build succeeded.
            self.final_site_dir = config.site_dir
            self.staging_dir = publishing.staging_folder(config.site_dir)
            shutil.rmtree(self.staging_dir, ignore_errors=True)
            config.site_dir = self.staging_dir
            logging.getLogger("mkdocs").addHandler(self.warnings)
        self.timings["setup"] = time.perf_counter() - started
        return config

    def on_pre_build(self, config):
        if not self.config.enabled:
            return
        if self.serving and self.changes.previous is not None:
            self.collector.pause()  # a rebuild while serving (see serving.Collector)
        elif not self.serving:
            self.collector.hold()
        started = time.perf_counter()
        loaded = load_tree(self.root, self.settings, display_root=self.config.records_dir,
                           cache=self.cache if self.serving else None, parallel=not self.serving)
        # A build plans its pages while a second process runs the rules across records (see
        # on_files): any error they find stops it before anything is written. Served, a
        # record with an error is left out of the view, so they run first.
        self.loaded = loaded if loaded.ok and not self.serving else None
        if self.loaded is None:
            self._report(loaded.concluded(loaded.cross_check()), config.strict)
        self.timings["validate"] = time.perf_counter() - started
        if not self.serving:
            self.collector.set_aside(hold=True)  # the records, kept to the end (see serving.Collector)
        started = time.perf_counter()
        self.records = loaded.corpus.records
        self.view = View(loaded.corpus, internal=self.config.internal)
        self.timings["view"] = time.perf_counter() - started
        started = time.perf_counter()
        self.history = self._read_history()
        self.timings["provenance"] = time.perf_counter() - started
        # The rules across records and the output gate's needles, beside MkDocs listing the
        # files and the plan (see on_files).
        self.beside = Forked(lambda: (loaded.cross_check(), self._needles())) if self.loaded else None

    def on_files(self, files, config):
        if not self.config.enabled:
            return files
        self._check_docs(files, config)
        self.specs = {}
        beside, self.beside = self.beside, None
        started = time.perf_counter()
        try:
            self._plan(files, config)
        except Exception:  # an invalid record the rules beside would have named: name it
            if beside is not None:
                self._report(self.loaded.concluded(beside.result()[0]), config.strict)
            raise
        self.timings["plan"] = time.perf_counter() - started
        started = time.perf_counter()
        needles = None  # while serving there is no output gate
        if beside is not None:
            found, needles = beside.result()
            self._report(self.loaded.concluded(found), config.strict)
            self.loaded = None
            if needles is not None:  # less what the site's own pages say too
                needles = needles.not_in("\n".join(f.content_string for f in files.documentation_pages()
                                                   if f.src_dir == config.docs_dir and f.src_uri not in self.specs))
        self.timings["validate"] += time.perf_counter() - started
        self._prepare_output_gate(needles)
        if not self.serving:
            self.collector.set_aside()  # what the whole build keeps (see serving.Collector)
        site_dir = config.site_dir
        self.side = SideWork(list(self.specs.values()), self._layout,
                             None if self.rebuild else (lambda claim: self._write_files(site_dir, claim)),
                             parallel=not self.serving, take=self.gate.bodies if self.gate is not None else None)
        if self.gate is not None and self.side.beside:
            self.gate.hand = self.side.hand  # the side process checks the pages' bodies
        return files

    def on_page_content(self, html, *, page, config, files):
        if not self.enabled:
            return html
        started = time.perf_counter()
        spec = self.specs.get(page.file.src_uri)
        if spec is None or htmlsafety.may_render_unsafe(spec.body):
            self._check_rendered(html, spec, page)
        self.timings["html check"] = self.timings.get("html check", 0.0) + time.perf_counter() - started
        return html  # the layout around it is put in when the page is written (on_page_context)

    def on_page_context(self, context, *, page, config, nav):
        # Our layout around the page's rendered body, made beside MkDocs (see SideWork) and
        # taken here page by page as MkDocs writes them; dropped again in on_post_page, so that
        # only the Markdown bodies stay in memory, never every whole page.
        spec = self.specs.get(page.file.src_uri) if self.enabled else None
        if spec is not None:
            started, aside = time.perf_counter(), self.side.waited + self.side.templates
            body, layout = page.content or "", self.side.layout(spec)
            page.content = layout.replace(CONTENT, body, 1)
            if self.gate is not None:
                self.gate.compose(page.file.src_uri, body, layout, page.content)
            taken = time.perf_counter() - started - (self.side.waited + self.side.templates - aside)
            self.timings["layouts taken"] = self.timings.get("layouts taken", 0.0) + taken
        return context

    @event_priority(-100)  # last, after any other plugin changed the page
    def on_post_page(self, output, *, page, config):
        if not self.enabled:
            return output
        spec = self.specs.get(page.file.src_uri)
        if self.gate is not None:
            started = time.perf_counter()
            self.gate.page(output, page, spec)
            self.timings["gate: pages"] = self.timings.get("gate: pages", 0.0) + time.perf_counter() - started
        if spec is not None:
            page.content = None
        return output

    def on_env(self, env, *, config, files):
        started = time.perf_counter()
        if self.serving:
            env.bytecode_cache = self.bytecode
        if self.config.enabled:
            env.context_class = templating.QuickContext
            env.globals.update(templating.frame_globals(self.settings, self.config.share_image or SHARE_IMAGE))
        if self.config.enabled and os.environ.get("RENDA_SHARE_NAV", "1") != "0":
            share_navigation(env, self.specs)
        if self.rejected and not self.serving:
            raise PluginError(f"有 {len(self.rejected)} 个页面含有不允许的内容，网站没有生成；"
                              "原来的网站保持不变。")
        self.timings["setup"] = self.timings.get("setup", 0.0) + time.perf_counter() - started
        return env

    def on_post_build(self, config):
        if not self.config.enabled:
            return
        self.collector.resume()
        parallel = self.side.beside
        if self.gate is not None:
            self.gate.hand_over()
        self.side.handed_all()
        if parallel and not self.rebuild:
            self._share_downloads(config.site_dir)
        side, self.side = self.side.finish(), None
        made = {"leaks": side.pop("leaks", []) + side.pop("page leaks", []), "checked": side.pop("checked", []),
                "unsure": side.pop("unsure", [])}
        self.timings["waited"] = side.pop("waited")
        if not parallel:  # it all ran in this process
            self.timings.update(side)
            side = {}
        if self.rebuild:
            return  # while serving, data files and the search index stay as first built
        publishing.print_pdfs(config.site_dir, self.specs.values())
        if self.final_site_dir is not None:
            self._output_gate(config, made)
        if self.editor is not None:
            self._write_editor(config.site_dir)
        if os.environ.get("RENDA_TIMINGS"):
            # main: our work in MkDocs' process; side: what ran beside it (waited: for how long
            # the build waited for it at the end).
            Path(os.environ["RENDA_TIMINGS"]).write_text(json.dumps({"main": self.timings, "side": side}),
                                                         encoding="utf-8")
        if self.final_site_dir is not None:
            if config.strict and self.warnings.count:
                # MkDocs will abort the strict build: keep the previous site as it was.
                shutil.rmtree(config.site_dir, ignore_errors=True)
                return
            publishing.replace_folder(config.site_dir, self.final_site_dir)
            log.info(f"renda：网站已写入 {self.final_site_dir}")

    def on_build_error(self, *, error):
        self.collector.resume()
        if self.beside is not None:  # the build stopped before it was needed
            self.beside.cancel()
            self.beside = None
        if self.side is not None:
            self.side.stop()
            self.side = None
        if self.final_site_dir is not None:
            shutil.rmtree(self.staging_dir, ignore_errors=True)

    def on_shutdown(self):
        self.collector.at_exit()

    def on_serve(self, server, *, config, builder):
        if self.config.enabled:
            serving.notified_at_once(server, [config.docs_dir, config.config_file_path, *config.theme.dirs])
            server.watch(str(self.root))
        return server

    # Helpers -----------------------------------------------------------------------------

    def _check_docs(self, files, config) -> None:
        """The files of docs/ through the records' gate (see docs_check); an error stops the
        build before anything is written."""
        ours = [f.src_uri for f in files if f.src_dir == config.docs_dir and f.generated_by is None]
        listed = {str(getattr(item, "path", item)) for item in [*config.extra_css, *config.extra_javascript]}
        problems = sort_problems(docs_check.check_docs(Path(config.docs_dir), ours, self.settings,
                                                       self.docs_name, listed))
        for problem in problems:
            (log.error if problem.level == ERROR else log.warning)(problem.format())
        errors = sum(p.level == ERROR for p in problems)
        if errors and not self.serving:
            raise PluginError(f"{self.docs_name}/ 里的文件有 {errors} 个错误，网站没有生成；原来的网站保持不变。")
        for problem in problems if self.serving else ():
            if problem.level == ERROR:  # while serving, such a file is left out
                bad = files.get_file_from_path(problem.path[len(self.docs_name) + 1:])
                if bad is not None:
                    files.remove(bad)

    def _plan(self, files, config) -> None:
        """One generated page per shown record and per section (see pages.plan), added to
        ``files``; while serving, which of them an edit touched."""
        self.specs, self.folders, page_file = {}, set(), structure.PageFiles(config)
        for spec in site_pages.plan(self.view, self.history, config.site_url, self.config.data_licence,
                                    dependencies=self.serving and self.dirty, report_env=self.report_env,
                                    staff=self.staff):
            existing = files.src_uris.get(spec.src_uri)
            if existing is not None:
                files.remove(existing)  # the generated page wins over a stray docs/ file
            header = _HEADER({"title": spec.title, **spec.meta})
            kind = site_pages.dossier_kind(spec)
            if kind and kind in self.config.pdf:
                spec.context["pdf"] = f"pdf/{spec.src_uri[len('print/'):-3]}.pdf"
            file = page_file(spec.src_uri, f"---\n{header}\n---\n\n{spec.body}",
                             InclusionLevel.INCLUDED if spec.src_uri.endswith("index.md") else InclusionLevel.NOT_IN_NAV)
            files.append(file)
            self.specs[spec.src_uri] = spec
            for item in (spec.record.get("attachments") or ()) if spec.record else ():
                source = self.root / attachments.FOLDER / item["file"]
                files.append(File.generated(config, f"{attachments.FOLDER}/{item['file']}",
                                            abs_src_path=str(source)))
        self.files, self.urls = files, {}
        self.rebuild = (self.serving and self.dirty and self.changes.mark(
            files, self.specs, self.outcome.corpus.records, self.view,
            (repr(self.settings), repr(sorted(self.config.items())))))

    def _needles(self) -> outputgate.Needles | None:
        """What the output gate looks for in the records (see outputgate; the site's own pages
        are taken into account once known, ``Needles.not_in``), or None where there is no
        gate: while serving, and for the staff site; neither is published."""
        if self.config.internal or self.serving:
            return None
        return outputgate.needles(self.records, self.view, frozenset(self.settings.office_phones))

    def _prepare_output_gate(self, needles: outputgate.Needles | None) -> None:
        """The last gate, made ready before pages and data files are made: each is checked
        as it is made."""
        started = time.perf_counter()
        self.gate = None if needles is None else BuildGate(outputgate.OutputGate(needles), self.docs_name)
        self.timings["gate: prepare"] = time.perf_counter() - started

    def _report(self, outcome: Outcome, strict: bool) -> None:
        """Every problem of the records, logged; an error (in strict mode, any problem) stops
        a build."""
        self.outcome = outcome
        for problem in outcome.problems:
            (log.error if problem.level == ERROR else log.warning)(problem.format())
        errors = sum(p.level == ERROR for p in outcome.problems)
        if errors and not self.serving:
            raise PluginError(f"记录有 {errors} 个错误，网站没有生成。请按上面的提示改正后再构建。")
        if strict and outcome.problems and not self.serving:
            raise PluginError(f"严格模式（--strict）下记录不能有警告：共 {len(outcome.problems)} 个，"
                              "网站没有生成。")

    def _output_gate(self, config, made: dict) -> None:
        """Check what was not checked as it was made (see BuildGate.finish)."""
        if self.gate is not None:
            started = time.perf_counter()
            theme = {f.dest_uri for f in self.files if f.generated_by is None and f.src_dir != config.docs_dir}
            leaks = self.gate.finish(config.site_dir, made, theme)
            self.timings["gate: rest"] = time.perf_counter() - started
            gating.stop_for(leaks, config.site_dir)

    def _write_editor(self, site_dir: str) -> None:
        """admin/ (see decap.write_admin). No record is in it: it is written after the output
        gate, like the theme's own files; no public page links to it."""
        backend, project = self.editor
        decap.write_admin(Path(site_dir) / "admin", self.settings, self.config.records_dir, backend, self.site_url,
                          vendor.files(project))

    def _read_history(self) -> site_pages.Provenances:
        """Provenance from Git, and the release checks (errors only when publishing)."""
        if not self.config.provenance:
            return site_pages.Provenances()
        top = provenance.toplevel(self.root)
        if top is None:
            if self.config.release:
                raise PluginError("发布构建（release）需要在 Git 版本库里进行，以便确认每条记录的审核。")
            log.info("renda：记录不在 Git 版本库里，页面上不显示发布和审核信息。")
            return site_pages.Provenances()
        prefix = Path(os.path.relpath(self.root.resolve(), top.resolve())).as_posix()
        history = provenance.read_history(top, prefix)
        if not self.serving:
            shown = {f"{prefix}/{r.source}": r.path for rtype in RECORD_TYPES
                     for r in self.view.records(rtype)}
            problems = provenance.release_problems(history, top, shown, self.config.release,
                                                   self.config.reviewed_merges)
            for problem in problems:
                (log.error if problem.level == ERROR else log.warning)(problem.format())
            errors = sum(p.level == ERROR for p in problems)
            if errors:
                raise PluginError(f"发布前检查有 {errors} 个错误，网站没有生成；原来的网站保持不变。")
        return site_pages.link_history(self.view, history, prefix)

    def _layout(self, spec) -> str:
        """The page's whole content with ``CONTENT`` where its rendered body goes (see
        ``site.templating.layout``)."""
        file = self.files.src_uris[spec.src_uri]
        page = templating.page_of(spec, file.url, file)
        site = templating.Site(self.view, self.history, page, self._url_of, self._render_markdown,
                               self.report_env, self.site_url, self.config.commit_url, self.config.qr_codes)
        layout = templating.layout(self.env, spec, page, site, self.specs, self.site_url or self.site_name,
                                   bool(self.history.by_record))
        if self.gate is not None:
            self.gate.layout(file.dest_uri, layout, spec)  # checked where it is made
        return layout

    def _url_of(self, uri: str) -> str | None:
        """The site path of the page made from ``uri`` (looked up once per build: a page
        links to dozens of others)."""
        if uri not in self.urls:
            file = self.files.get_file_from_path(uri)
            self.urls[uri] = file.url if file is not None else None
        return self.urls[uri]

    def _render_markdown(self, text: str) -> str:
        """A record body rendered with the site's Markdown extensions (replies on a suggestion)."""
        if text not in self.rendered:
            self.markdown.reset()
            self.rendered[text] = self.markdown.convert(text)
        return self.rendered[text]

    def _write_files(self, site_dir: str, claim) -> dict:
        """Write the search index and the data files (beside MkDocs, see SideWork; ``claim``:
        whether a data file's job is still this process's to do): their timings, and what the
        output gate found in them and checked."""
        timings = {}
        qrcodes.save()  # every page's layout is made by now
        leaks, checked = self.gate.layouts_done() if self.gate is not None else [], []
        if self.config.search:
            started = time.perf_counter()
            found, checked = self._write_search_index(site_dir)
            leaks += found
            timings["search"] = time.perf_counter() - started
        started = time.perf_counter()  # last: MkDocs' process, done with the pages, may share them
        found, written = self._write_downloads(site_dir, claim)
        leaks, checked = leaks + found, checked + written
        timings["downloads"] = time.perf_counter() - started
        if self.gate is not None:
            timings["gate: data files"] = self.gate.file_seconds  # within downloads and search
            timings["gate: layouts"] = self.gate.layout_seconds  # within templates
        timings["leaks"] = [[leak.file, leak.what, leak.source] for leak in leaks]
        timings["checked"] = checked
        return timings

    def _write_search_index(self, site_dir: str) -> tuple[list, list[str]]:
        """The search index of every shown record's page and of the pages of docs/, checked
        by the output gate as it is written. Returns the leaks and the files checked."""
        own = []
        for file in self.files.documentation_pages():
            if file.src_uri not in self.specs:  # a page of docs/
                text, meta = get_markdown_meta(file.content_string)
                heading = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.M)
                own.append((file.url, str(meta.get("title") or (heading.group(1) if heading else file.name)), text))
        if "mine.md" in self.specs:  # a village is found on 我的代表
            own += villages.village_search_entries(self.view)
        index = search.site_index(self.view, lambda record: self._url_of(site_pages.record_uri(record)), own)
        files = {f"{search.FOLDER}/{path}": data for path, data in index.files().items()}
        publishing.write_files(site_dir, files, self.folders)
        if self.gate is None:
            return [], []
        return self.gate.files(files), list(files)

    def _share_downloads(self, site_dir: str) -> None:
        """MkDocs is done with the pages: rather than wait for the side process, make the data
        files it has not come to yet, from the end of its list."""
        started, checking = time.perf_counter(), self.gate.file_seconds if self.gate is not None else 0.0
        try:
            leaks, checked = self._write_downloads(site_dir, self.side.claim, from_the_end=True)
        except Exception as exc:  # as the side process reports its own failures
            raise PluginError(f"生成数据文件失败：{type(exc).__name__}: {exc}。网站没有生成；原来的网站保持不变。") from exc
        checking = (self.gate.file_seconds if self.gate is not None else 0.0) - checking
        if self.gate is not None:
            self.gate.leaks += leaks
            self.gate.checked.update(checked)
        self.timings["downloads (shared)"] = time.perf_counter() - started - checking
        self.timings["gate: shared files"] = checking

    def _downloads(self) -> list:
        """The writers of the data files, feeds and spreadsheets, one job each: the site's
        (all data, a year's spreadsheets) first, then the many small ones of single records
        (a deputy's feed), which the two processes share at the end."""
        specs = sorted(self.specs.values(), key=lambda spec: spec.record is not None)
        return [writer for spec in specs for writer in spec.writers]

    def _write_downloads(self, site_dir: str, claim, from_the_end: bool = False) -> tuple[list, list[str]]:
        """Data files, feeds and spreadsheets, made and written only now, after the pages:
        the jobs of ``_downloads`` from the first (or the last) that ``claim`` gives this
        process, up to the first it does not (the other process took it, and those beyond it
        from its end); each file checked by the output gate as it is written. Returns the
        leaks and the files checked."""
        leaks, checked = [], []
        writers = self._downloads()
        jobs = range(len(writers))
        for job in reversed(jobs) if from_the_end else jobs:
            if not claim(job):
                break
            files = writers[job]()
            publishing.write_files(site_dir, files, self.folders)
            if self.gate is not None:
                leaks += self.gate.files(files)
                checked += files
        return leaks, checked

    def _check_rendered(self, html: str, spec, page) -> None:
        """Report (and stop publishing) anything the allow-list cleaning would remove."""
        removed = htmlsafety.removed_by_cleaning(html, self.settings.remote_hosts)
        if not removed:
            return
        if spec is not None and spec.record is not None:
            path, line = spec.record.path, spec.record.body_line
        else:
            path, line = f"{self.docs_name}/{page.file.src_uri}", 1
        problem = make("H05", path, line, 1, field="body", removed="、".join(removed))
        self.rejected.append(problem)
        log.error(problem.format())
