"""How the plugin's build keeps to the time of a plain MkDocs build: a second process makes
the generated pages' layouts, the data files and the search index while MkDocs writes the pages
(two cores), and Material's navigation is rendered once per folder instead of once per page.
Part of the MkDocs adapter (it reports failures as ``PluginError``)."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any, Callable

try:
    import fcntl  # POSIX, as is the fork this module's second process needs
except ImportError:
    fcntl = None

import jinja2
from markupsafe import Markup
from mkdocs.exceptions import PluginError


def layout_or_say_where(layout: Callable[[Any], str], spec) -> str:
    """A page's layout; a template that fails is named with its line (a site's own template
    in custom_dir is the likely one)."""
    try:
        return layout(spec)
    except jinja2.TemplateError as exc:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".txt"))]
        where = getattr(exc, "filename", None) and f"{exc.filename} 第 {exc.lineno} 行"
        if frames:
            where = f"{os.path.relpath(frames[-1].filename)} 第 {frames[-1].lineno} 行"
        raise PluginError(f"页面 {spec.src_uri} 的模板 {where or spec.template} 出错：{type(exc).__name__}: {exc}") from exc


#: The theme's partials that are the same on every page outside the navigation in one folder.
SHARED_PARTIALS = ("partials/nav.html", "partials/tabs.html")
#: The theme's words (partials/language.html), each looked up once per build.
_LANGUAGE = ('{% import "renda-theme/partials/language.html" as renda_language with context %}'
             '{% macro t(key) %}{{ renda_translated(renda_language, key) }}{% endmacro %}')


def share_navigation(env: jinja2.Environment, specs: dict) -> None:
    """Render the navigation and the tabs once per folder for the generated pages.

    Material writes the whole navigation (the phone's menu) and the tabs into every page;
    for a page outside the navigation they depend only on the folder the links are made
    relative to, yet rendering them was a third of the time MkDocs spent on a page. The
    theme's own partials (or a site's custom_dir ones) still make them; a site's own
    partials must not depend on the page beyond its folder. The theme's words are looked up
    once per build as well. RENDA_SHARE_NAV=0
    turns this off, to compare (a test builds both ways and finds the same bytes)."""
    original = env.loader
    env.loader = jinja2.ChoiceLoader([
        jinja2.DictLoader({**{name: "{{ renda_shared(%r) }}" % name for name in SHARED_PARTIALS},
                           "partials/language.html": _LANGUAGE}),
        jinja2.PrefixLoader({"renda-theme": original}),
        original,
    ])
    shared: dict[tuple[str, str, int], Markup] = {}
    translated: dict[str, Any] = {}

    def renda_translated(language, key: str):
        """The theme's word for ``key``: its macro builds a table of every word at each
        call, a dozen calls a page; the words are the site's, the same on every page."""
        if key not in translated:
            translated[key] = language.t(key)
        return translated[key]

    env.globals["renda_translated"] = renda_translated

    @jinja2.pass_context
    def renda_shared(context, name: str) -> Markup:
        page, nav = context.get("page"), context.get("nav")
        key = None
        if page is not None and nav is not None and page.file.src_uri in specs and page not in nav.pages:
            # Links are made relative to the page's folder and depth ("corrections/" is one
            # level below the site's root although its parent folder is the root).
            folder = page.url[:page.url.rstrip("/").rfind("/") + 1]
            if not any(item.url.startswith(page.url) for item in nav.pages if page.url):
                key = (name, folder, page.url.count("/"))
        if key in shared:
            return shared[key]
        html = Markup(env.get_template(f"renda-theme/{name}").render(context.get_all()))
        if key is not None:
            shared[key] = html
        return html

    env.globals["renda_shared"] = renda_shared


class SideWork:
    """What needs nothing MkDocs still has to do — the layout of every generated page, then the
    data files and the search index — done in a forked process on the other core while MkDocs
    renders and writes the pages. The layouts come back in files of 64 pages, in the order
    MkDocs asks for them. Work that comes in numbered jobs (the data files) is shared: when
    MkDocs' process is done with its pages first, it takes jobs from the end (``claim``)
    instead of waiting. Done in this process, each layout when its page is written, while
    serving (the live-reload server runs threads, which do not survive a fork) or where
    there is no fork. The side process also takes what MkDocs' process hands it as it
    writes the pages (``hand``): before each data-file job, and last until MkDocs' process
    is done with them (``handed_all``)."""

    PER_FILE = 64

    def __init__(self, specs: list, layout: Callable[[Any], str], files: Callable[[Callable[[int], bool]], dict] | None,
                 parallel: bool, take: Callable[[list[str] | None], dict | None] | None = None):
        """``layout(spec)`` makes a page's layout; ``files(claim)`` writes the data files and
        the search index and returns its timings (None: nothing to write, a partial rebuild),
        doing a shared job only when ``claim(number)`` says it is still to do; ``take(texts)``
        takes what was handed over, in order, and then ``take(None)`` returns its timings."""
        self.specs, self.make_layout, self.make_files, self.take = specs, layout, files, take
        self.handed = self.taken = 0  # the files of texts handed over, taken (see hand)
        self.order = {spec.src_uri: number for number, spec in enumerate(specs)}
        self.pid: int | None = None
        self.folder: str | None = None
        self.waited = 0.0
        self.templates = 0.0  # making layouts in this process (when not beside it)
        self.loaded: tuple[int, list[str]] = (-1, [])
        if not (parallel and hasattr(os, "fork")):
            return
        self.folder = tempfile.mkdtemp(prefix="renda-layouts-")
        #: One byte per shared job, 1 once a process claimed it (see ``claim``).
        self.claims = os.open(os.path.join(self.folder, "claims"), os.O_RDWR | os.O_CREAT, 0o600)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the side process: do the work, report, and leave without cleaning up
            os.close(read)
            try:
                outcome = {"timings": self._work()}
            except BaseException as exc:  # reported by the build process, which stops
                outcome = {"error": str(exc) if isinstance(exc, PluginError)
                           else f"生成页面、数据文件和搜索索引失败：{type(exc).__name__}: {exc}"}
            try:
                with os.fdopen(write, "w", encoding="utf-8") as pipe:
                    json.dump(outcome, pipe)
            finally:
                os._exit(0)
        os.close(write)
        self.pid, self.read = pid, read
        # A build interrupted by Ctrl-C ends without on_build_error: still stop the side
        # process and remove its folder.
        atexit.register(self.stop)

    def _work(self) -> dict:
        timings = {}
        started = time.perf_counter()
        specs = self.specs
        for first in range(0, len(specs), self.PER_FILE):
            layouts = [layout_or_say_where(self.make_layout, spec) for spec in specs[first:first + self.PER_FILE]]
            _put_whole(Path(self.folder) / str(first // self.PER_FILE), _pack(layouts))
        timings["templates"] = time.perf_counter() - started
        if self.make_files is not None:
            timings.update(self.make_files(self._take_and_claim if self.take is not None else self.claim))
        if self.take is not None:
            timings.update(self._take_handed())
        return timings

    def _take_and_claim(self, job: int) -> bool:
        """In the side process, before each shared job: take what was handed over so far
        (else it would all wait for the end, and MkDocs' process with it), then ``claim``."""
        self._take_handed(until_now=True)
        return self.claim(job)

    def hand(self, texts: list[str]) -> None:
        """In MkDocs' process: texts for the side process's ``take``."""
        _put_whole(Path(self.folder) / f"in-{self.handed}", _pack(texts))
        self.handed += 1

    def handed_all(self) -> None:
        """In MkDocs' process: nothing more will be handed over."""
        if self.pid is not None and self.take is not None:
            _put_whole(Path(self.folder) / "in-end", str(self.handed).encode("ascii"))

    def _take_handed(self, until_now: bool = False) -> dict:
        """In the side process: take what is handed over, as it comes, until it was all (or,
        ``until_now``, what is there now)."""
        parent, end = os.getppid(), Path(self.folder) / "in-end"
        while True:
            path = Path(self.folder) / f"in-{self.taken}"
            if path.exists():
                self.take(_unpack(path.read_bytes()))
                path.unlink()
                self.taken += 1
            elif until_now:
                return {}
            elif end.exists() and self.taken >= int(end.read_text(encoding="ascii")):
                return self.take(None) or {}
            elif os.getppid() != parent:  # MkDocs' process is gone
                os._exit(1)
            else:
                time.sleep(0.002)

    def claim(self, job: int) -> bool:
        """Whether this process is the one to do shared job ``job``: the first to mark it in
        the claims file, under a lock the system lets go of should its holder die (both
        processes may ask for any job, once). Creating a file per job instead took 0.4 ms a
        job while the build was writing the site."""
        if self.folder is None:
            return True
        fcntl.lockf(self.claims, fcntl.LOCK_EX)
        try:
            if os.pread(self.claims, 1, job) == b"\x01":
                return False
            os.pwrite(self.claims, b"\x01", job)
            return True
        finally:
            fcntl.lockf(self.claims, fcntl.LOCK_UN)

    @property
    def beside(self) -> bool:
        """Whether the work is being done in the other process."""
        return self.pid is not None

    def layout(self, spec) -> str:
        """The layout of a generated page (waits for the side process to have made it)."""
        if self.pid is None:
            started = time.perf_counter()
            layout = layout_or_say_where(self.make_layout, spec)
            self.templates += time.perf_counter() - started
            return layout
        chunk, offset = divmod(self.order[spec.src_uri], self.PER_FILE)
        if self.loaded[0] != chunk:
            path = Path(self.folder) / str(chunk)
            started = time.perf_counter()
            while not path.exists():
                if os.waitpid(self.pid, os.WNOHANG) != (0, 0):
                    self.pid = None  # it stopped before making this page: report why
                    os.close(self.claims)
                    shutil.rmtree(self.folder, ignore_errors=True)
                    outcome = self._outcome()
                    outcome.setdefault("error", f"页面 {spec.src_uri} 的版式没有生成（renda 的内部错误，请报告）")
                    raise PluginError(self._failure(outcome))
                time.sleep(0.002)
            self.waited += time.perf_counter() - started
            self.loaded = (chunk, _unpack(path.read_bytes()))
            path.unlink()
        return self.loaded[1][offset]

    def finish(self) -> dict[str, float]:
        """The seconds each part took (and how long the build waited for them); a failure
        stops the build."""
        if self.pid is None:
            timings = {"templates": self.templates}
            if self.make_files is not None:
                timings.update(self.make_files(self.claim))
            return dict(timings, waited=0.0)
        started = time.perf_counter()
        outcome = self._outcome()
        os.waitpid(self.pid, 0)
        self.pid = None
        atexit.unregister(self.stop)
        os.close(self.claims)
        shutil.rmtree(self.folder, ignore_errors=True)
        if "error" in outcome:
            raise PluginError(self._failure(outcome))
        return dict(outcome["timings"], waited=self.waited + time.perf_counter() - started)

    def _outcome(self) -> dict:
        with os.fdopen(self.read, encoding="utf-8") as pipe:
            data = pipe.read()
        return json.loads(data) if data else {"error": "进程意外退出"}

    @staticmethod
    def _failure(outcome: dict) -> str:
        return f"{outcome.get('error')}。网站没有生成；原来的网站保持不变。"

    def stop(self) -> None:
        """End the side process now (the build failed or was interrupted)."""
        atexit.unregister(self.stop)
        if self.pid is not None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.read)
            os.close(self.claims)
            self.pid = None
            shutil.rmtree(self.folder, ignore_errors=True)


def _put_whole(target: Path, data: bytes) -> None:
    """Write a file the other process waits for: under another name, then renamed, so that
    it is there only once it is whole."""
    target.with_suffix(".tmp").write_bytes(data)
    os.replace(target.with_suffix(".tmp"), target)


def _pack(texts: list[str]) -> bytes:
    """Texts as one run of bytes: their lengths in UTF-8 on the first line, then each text
    (half the time JSON took to read back: a layout is mostly quoted attributes)."""
    data = [text.encode("utf-8") for text in texts]
    return " ".join(str(len(item)) for item in data).encode("ascii") + b"\n" + b"".join(data)


def _unpack(data: bytes) -> list[str]:
    """What ``_pack`` packed."""
    end = data.index(b"\n")
    texts, at = [], end + 1
    for length in map(int, data[:end].split()):
        texts.append(data[at:at + length].decode("utf-8"))
        at += length
    return texts


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates in memory, by template name and source checksum."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()
