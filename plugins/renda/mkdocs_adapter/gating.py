"""The output gate (``site.outputgate``) as a build hands it what it makes: each generated
page's layout in the process that lays it out, each page as MkDocs writes it, each data file
as it is written, and at the end whatever nobody handed over. Part of the MkDocs adapter."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable

from mkdocs.exceptions import PluginError

from ..site import outputgate
from ..site.templating import CONTENT

log = logging.getLogger("mkdocs.plugins.renda")


class BuildGate:
    """One build's output gate and what it found and checked so far. In the side process (see
    ``parallel.SideWork``) it checks the layouts, the data files and, between them and last,
    what MkDocs' process hands over as it writes the pages: their bodies, and the first page
    of each folder whole (``bodies``); in MkDocs' process, what another plugin changed, and
    all of it where there is no side process; ``finish`` brings the two together."""

    def __init__(self, gate: outputgate.OutputGate, docs_name: str):
        self.gate, self.docs_name = gate, docs_name
        #: Where MkDocs' process hands the bodies of the pages it writes to the side process
        #: (see ``hand_over``); None: it checks them itself.
        self.hand: Callable[[list[str]], None] | None = None
        self.handed: list[str] = []
        #: In the side process: the pages whose layout a body may be read apart from, the
        #: pages whose body it could not check apart (read whole at the end), the seconds.
        self.apart_layouts: set[str] = set()
        self.unsure: list[list[str]] = []
        self.body_seconds = 0.0
        self.leaks: list[outputgate.Leak] = []
        #: The files of the site checked as they were made (by their path in the site).
        self.checked: set[str] = set()
        #: Folders and depths whose theme frame was checked whole once (see ``page``).
        self.frames: set[tuple[str, int]] = set()
        self.pending: list[tuple[str, bytes, str]] = []
        #: The layouts yet to check, what was found in the others, and the seconds it took.
        self.laid_out: list[tuple[str, bytes, str]] = []
        self.layout_leaks: list[outputgate.Leak] = []
        self.layout_seconds = 0.0
        #: The body, the layout and the whole content of each generated page being written.
        self.composed: dict[str, tuple[str, str, str]] = {}

    @property
    def file_seconds(self) -> float:
        """The seconds spent checking data files in this process (see ``files``)."""
        return self.gate.seconds

    @staticmethod
    def source(spec) -> str:
        return spec.record.path if spec.record else ""

    def layout(self, dest_uri: str, layout: str, spec) -> None:
        """A generated page's layout, where it is made: the whole content of a page without
        a body; else with ``CONTENT``, a comment, as a gap where the body goes."""
        started = time.perf_counter()
        shown = layout.replace(CONTENT, "", 1) if _no_body(spec) else layout
        if shown is layout and self.gate.layout_apart(layout, CONTENT):
            self.apart_layouts.add(dest_uri)
        self.laid_out.append((dest_uri, shown.encode("utf-8", "xmlcharrefreplace"), self.source(spec)))
        if len(self.laid_out) >= 64:
            self.layout_leaks += self.gate.check_many(self.laid_out)
            self.laid_out = []
        self.layout_seconds += time.perf_counter() - started

    def layouts_done(self) -> list[outputgate.Leak]:
        """What the layouts held (every layout is made by now)."""
        started = time.perf_counter()
        leaks, self.layout_leaks = self.layout_leaks + self.gate.check_many(self.laid_out), []
        self.laid_out = []
        self.layout_seconds += time.perf_counter() - started
        return leaks

    def compose(self, src_uri: str, body: str, layout: str, content: str) -> None:
        """A generated page's body put into its layout (``content``), as MkDocs writes it."""
        self.composed[src_uri] = (body, layout, content)

    def page(self, output: str, page, spec) -> None:
        """A written page. The theme's frame around a generated page (head, header,
        navigation, table of contents, footer) is made from the site's settings, the page's
        folder, its title and its headings; the title and headings are in the page's
        content, so the frame is checked whole once per folder and depth. The layout of a
        generated page was checked where it was made, so of its content only the body is
        left, when it is read apart from the layout (``OutputGate.apart``); else the whole
        content is checked again. With a side process, the body (or the whole page) goes to
        it (``hand``), which does the same (see ``bodies``)."""
        source = self.source(spec) if spec else f"{self.docs_name}/{page.file.src_uri}"
        frame = (page.url[:page.url.rstrip("/").rfind("/") + 1], page.url.count("/"))
        composed = self.composed.pop(page.file.src_uri, None)
        data = b""
        if spec is None or frame not in self.frames:
            self.frames.add(frame) if spec is not None else None
            if self.hand is not None:
                self._hand(page.file.dest_uri, source, "whole", output)
            else:
                data = output.encode("utf-8", "xmlcharrefreplace")
        elif composed and composed[2] is page.content and self.hand is not None and composed[0]:
            self._hand(page.file.dest_uri, source, "body", composed[0])  # checked beside (see bodies)
        elif composed and composed[2] is page.content and (
                composed[0] == "" if _no_body(spec) else self.gate.apart(composed[0], composed[1], CONTENT)):
            data = composed[0].encode("utf-8", "xmlcharrefreplace")
        else:  # another plugin changed the content, or the body is read with the layout's text
            data = (page.content or "").encode("utf-8", "xmlcharrefreplace")
        if data:
            self.pending.append((page.file.dest_uri, data, source))
        self.checked.add(page.file.dest_uri)
        if len(self.pending) >= 64:
            self.leaks += self.gate.check_many(self.pending)
            self.pending = []

    def _hand(self, dest: str, source: str, how: str, text: str) -> None:
        """A page's body or (``how``: "whole") the whole page, for the side process to check."""
        self.handed += (dest, source, how, text)
        if len(self.handed) >= 4 * 64:
            self.hand(self.handed)
            self.handed = []

    def hand_over(self) -> None:
        """MkDocs wrote every page: hand over the last bodies (see ``page``)."""
        if self.hand is not None and self.handed:
            self.hand(self.handed)
        self.handed = []

    def bodies(self, texts: list[str] | None) -> dict | None:
        """In the side process, between its data files and after them: what MkDocs' process
        handed over as it wrote the pages (page, source, "body" or "whole", text, ...), a
        whole page checked as it is, a body apart from its layout as ``page`` would, or else
        named as unsure: MkDocs' process reads that page whole when it is done (see
        ``finish``). ``None``: that was all; returns what was found, and the seconds."""
        started = time.perf_counter()
        if texts is None:
            leaks, self.pending = self.gate.check_many(self.pending), []
            self.body_seconds += time.perf_counter() - started
            return {"gate: pages": self.body_seconds, "unsure": self.unsure,
                    "page leaks": [[leak.file, leak.what, leak.source] for leak in self.leaks + leaks]}
        for at in range(0, len(texts), 4):
            dest, source, how, text = texts[at:at + 4]
            if how == "whole" or (dest in self.apart_layouts and self.gate.body_apart(text)):
                self.pending.append((dest, text.encode("utf-8", "xmlcharrefreplace"), source))
            else:
                self.unsure.append([dest, source])
            if len(self.pending) >= 64:
                self.leaks += self.gate.check_many(self.pending)
                self.pending = []
        self.body_seconds += time.perf_counter() - started
        return None

    def files(self, files: dict[str, bytes]) -> list[outputgate.Leak]:
        """Data files as they are written (the seconds count as the gate's ``seconds``)."""
        started = time.perf_counter()
        leaks = self.gate.check_files(files)
        self.gate.seconds += time.perf_counter() - started
        return leaks

    def finish(self, site_dir: str, made: dict, theme: set[str]) -> list[outputgate.Leak]:
        """All that was found: in the pages, in what the side process made (``made``: its
        leaks and the files it checked) and in the files of ``site_dir`` nobody handed over
        (copied files, the theme's templates such as the sitemap, anything another plugin
        wrote) but the theme's own (``theme``)."""
        leaks = self.leaks + self.gate.check_many(self.pending) + [outputgate.Leak(*leak) for leak in made["leaks"]]
        self.pending = []
        for dest, source in made.get("unsure", ()):  # its body not read apart from its layout: whole
            try:
                with open(os.path.join(site_dir, dest), "rb") as handle:
                    self.pending.append((dest, handle.read(), source))
            except FileNotFoundError:
                pass  # another plugin took the page away again: nothing of it is published
        leaks += self.gate.check_many(self.pending)
        self.pending = []
        return leaks + self.gate.check_folder(site_dir, self.checked | set(made["checked"]) | theme)


def stop_for(leaks: list[outputgate.Leak], site_dir: str) -> None:
    """Any leak stops the build, naming each (the first fifty): the staged site is removed
    and the published one stays as it was."""
    if leaks:
        leaks = sorted(set(leaks))
        for leak in leaks[:50]:
            log.error(f"发布前检查（输出）：{leak.format()}")
        shutil.rmtree(site_dir, ignore_errors=True)
        raise PluginError(f"生成的网站里有 {len(leaks)} 处不能公开的内容（见上），网站没有发布；原来的网站保持不变。"
                          "请按提示找到来源记录改正。")


def _no_body(spec) -> bool:
    """Whether a generated page's Markdown is empty (its layout is all its content)."""
    return not spec.body.strip()
