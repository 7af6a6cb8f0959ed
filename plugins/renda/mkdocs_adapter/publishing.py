"""Writing the site: a build is made in a staging folder beside ``site/`` (renda writes its
data files there as MkDocs writes the pages), which takes ``site/``'s place only when the whole
build succeeded; the previous site is then removed by a process of its own that the build does
not wait for.

Removing a site of 55,000 files took 5–12 s on this project's machine (ext4), up to a fifth of
the build, with the processor mostly idle: the disk's journal is the bottleneck. Renamed aside
first (a hidden folder beside ``site/``, ``.site.renda-old-…``), the old site is out of the way
at once; what a remover could not finish (the machine stopped) is removed after the next build.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

#: What the remover runs: remove each folder it is given, whatever is left of it.
_REMOVE = "import shutil, sys\nfor path in sys.argv[1:]: shutil.rmtree(path, ignore_errors=True)"

#: Removers started by this process, reaped when the next one starts (a build process usually
#: ends first, and then the system reaps them).
_removers: list[int] = []


def write_files(site_dir: str, files: dict[str, bytes], made: set[str]) -> None:
    """Write ``files`` (by their path in the site) into ``site_dir``; ``made``: the folders
    this build made so far (asking the system again for each file took a fifth of a second)."""
    for path, data in files.items():
        target = os.path.join(site_dir, path)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(target, "wb") as out:
            out.write(data)


def staging_folder(final: str) -> str:
    """Where a build of ``final`` is made: ``site.renda-staging`` beside ``site``."""
    return os.path.join(os.path.dirname(os.path.abspath(final)), os.path.basename(final) + ".renda-staging")


def replace_folder(staging: str, final: str) -> None:
    """Put the finished build in place of the published folder, keeping nothing stale."""
    parent, name = os.path.split(os.path.abspath(final))
    aside = f".{name}.renda-old-"
    leftovers = glob.glob(os.path.join(glob.escape(parent), glob.escape(aside) + "*"))
    leftovers += [path for path in (f"{final}.renda-old",) if os.path.exists(path)]  # renda before 2026-12
    old = None
    if os.path.exists(final):
        old = tempfile.mkdtemp(prefix=aside, dir=parent)
        os.rename(final, os.path.join(old, name))
    os.rename(staging, final)
    if old is not None or leftovers:
        remove_in_background([*leftovers, *([old] if old else [])])


def remove_in_background(folders: list[str]) -> None:
    """Remove ``folders`` in a process of their own, in a session of its own (a Ctrl-C in the
    terminal does not stop it), reading and writing nothing (a caller reading this process's
    output is not kept waiting for it). Where processes cannot be started so, right here."""
    for pid in list(_removers):
        try:
            running = os.waitpid(pid, os.WNOHANG)[0] == 0
        except ChildProcessError:
            running = False
        if not running:
            _removers.remove(pid)
    if hasattr(os, "posix_spawn"):
        quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
        try:
            _removers.append(os.posix_spawn(sys.executable, [sys.executable, "-I", "-S", "-c", _REMOVE, *folders],
                                            os.environ, file_actions=quiet, setsid=True))
            return
        except OSError:
            pass
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def print_pdfs(site_dir: str, specs) -> None:
    """Print the dossiers whose page ``specs`` ask for a PDF, in the finished (staging) site,
    two at a time."""
    from concurrent.futures import ThreadPoolExecutor

    from ..site.printing import PrintError, to_pdf

    jobs = [(Path(site_dir) / spec.src_uri[:-3] / "index.html", Path(site_dir) / spec.context["pdf"])
            for spec in specs if spec.context.get("pdf")]
    if not jobs:
        return
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda job: to_pdf(*job), jobs))
    except PrintError as exc:
        raise PluginError(f"生成 PDF 失败：{exc}") from exc
    logging.getLogger("mkdocs.plugins.renda").info(f"renda：生成了 {len(jobs)} 个 PDF 文件")


class WarningCounter(logging.Handler):
    """Counts the warnings and errors MkDocs logs, as its strict mode does (a strict build
    with any is not published)."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1
