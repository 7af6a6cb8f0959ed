"""Load a records tree: find the record files, read each strictly and type it by the schema.

Every file is read once; a file that cannot be read still yields a placeholder record under
its file-stem id, so that one broken file is reported once and does not make every reference
to it fail as well.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import attachments
from .catalogue import make
from .config import Settings
from .forking import Forked, can_fork
from .frontmatter import read_file
from .problems import ERROR, Problem
from .record import Record
from .schema import RECORD_TYPES, RecordType
from .schema.types import ID_PATTERN, Check, Partial, convert_fields

_IGNORED_FILES = {"README.md", "readme.md", "index.md"}


def record_files(root: Path) -> list[tuple[RecordType | None, str, str]]:
    """Every Markdown file under ``root``: (record type or None, full path, path relative to
    ``root`` with ``/`` separators), in a stable order. Hidden files and folders are skipped."""
    found: list[tuple[RecordType | None, str, str]] = []

    def walk(folder: str, rel_dir: str, rtype: RecordType | None) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:  # files first, as os.walk gives them
            name = entry.name
            if (name.endswith(".md") and not name.startswith(".") and not entry.is_symlink()
                    and not entry.is_dir() and (rel_dir or name not in _IGNORED_FILES)):
                found.append((rtype, entry.path, rel_dir + name))
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False) and not name.startswith("."):
                if not rel_dir and name == attachments.FOLDER:
                    continue  # attachments are files for download, never records
                walk(entry.path, rel_dir + name + "/", rtype if rel_dir else RECORD_TYPES.get(name))

    walk(str(root), "", None)
    return found


@dataclass
class _Entry:
    stamp: tuple[int, int]  # the file's modification time (ns) and size when read
    record: Record
    valid: bool  # as typed, before any cross-record check
    problems: list[Problem]  # from reading and typing the file
    #: From the rules that look at the record alone (filled in by the validator).
    own: list[Problem] | None = None


@dataclass
class FileCache:
    """Records kept between builds while serving: a file is read and typed again only when
    its modification time or size changed, and with the same settings and date."""

    key: tuple | None = None
    entries: dict[str, _Entry] = field(default_factory=dict)

    def start(self, settings: Settings) -> None:
        """Forget everything when the settings (or today's date) changed since last time."""
        key = (repr(settings), settings.current_date())
        if key != self.key:
            self.key, self.entries = key, {}

    def own_problems(self, record: Record) -> list[Problem] | None:
        """The single-record problems found when this very record was last checked."""
        entry = self.entries.get(record.path)
        return entry.own if entry is not None and entry.record is record else None

    def keep_own(self, record: Record, problems: list[Problem]) -> None:
        entry = self.entries.get(record.path)
        if entry is not None and entry.record is record:
            entry.own = problems


def load(root: Path | str, settings: Settings, display_root: str | None = None,
         cache: FileCache | None = None, alone: Callable[[Record], list[Problem]] | None = None,
         parallel: bool = False) -> tuple[list[Record], list[Problem]]:
    """Read and type every record under ``root``.

    Problems name files as ``display_root/relative/path`` (by default ``root`` as given),
    so messages show the path the user typed. With a ``cache`` (``mkdocs serve``), files
    unchanged since the last call are not read again; ``alone(record)`` (the rules that need
    nothing but the record) then runs as each file is read and its problems are kept in the
    cache. ``parallel`` lets a second process read half of a large tree (see ``_read``).
    """
    base = str(root) if display_root is None else display_root
    prefix = "" if base in ("", ".") else base.rstrip("/") + "/"
    records: list[Record] = []
    problems: list[Problem] = []
    folders = "、".join(f"{name}/" for name in RECORD_TYPES)
    for rel, is_dir in attachments.symlinks(Path(root)):
        problems.append(make("A01", prefix + rel, 1, 1, what="这个文件夹" if is_dir else "这个文件"))
    cache = cache if cache is not None else FileCache()
    files = []
    for rtype, path, rel in record_files(Path(root)):
        display = prefix + rel
        if rtype is None:
            files.append((display, False, None))
            continue
        entry = cache.entries.get(display)
        files.append((display, True, None if entry is not None and entry.stamp == _stamp(path) else (rtype, path, rel)))
    todo = [(display, *task) for display, _, task in files if task is not None]
    for (display, *_), entry in zip(todo, _read(todo, settings, alone, parallel)):
        cache.entries[display] = entry
    for display, typed, _ in files:
        if not typed:
            problems.append(make("S01", display, 1, 1, folders=folders))
            continue
        entry = cache.entries[display]
        entry.record.valid = entry.valid  # cross-record errors are found anew each time
        records.append(entry.record)
        problems.extend(entry.problems)
    shown = {record.path for record in records}
    for gone in cache.entries.keys() - shown:
        del cache.entries[gone]
    return records, problems


def _stamp(path: str) -> tuple[int, int]:
    """A file's modification time (ns) and size, to tell whether it changed."""
    try:
        stat = os.stat(path)
        return stat.st_mtime_ns, stat.st_size
    except OSError:
        return -1, -1


#: Fewer files than this are read in one process: a second one would not pay for itself.
PARALLEL_FROM = 2000
#: Of every 20 files, how many the second process reads: it also pickles what it read and
#: this one unpickles it, so it takes a little less than half.
OTHERS_OF_20 = 9


def _read(todo: list[tuple], settings: Settings, alone: Callable[[Record], list[Problem]] | None,
          parallel: bool) -> list[_Entry]:
    """Read and type the files of ``todo`` (display, type, path, relative path) and run
    ``alone`` on each, in order. With ``parallel``, enough files and a second core, a forked
    process reads 9 of every 20 files (so that both get each kind of record alike) while this
    one reads the rest, and sends its entries back (see ``forking.Forked``)."""
    def read(tasks: list[tuple]) -> list[_Entry]:
        will_need([path for _, _, path, _ in tasks], settings.limits.max_file_bytes + 1)
        entries = []
        for display, rtype, path, rel in tasks:
            found: list[Problem] = []
            stamp = _stamp(path)  # before reading: a change while reading is read next time
            record = load_file(path, display, rtype, settings, found, rel)
            entries.append(_Entry(stamp, record, record.valid, found, alone(record) if alone else None))
        return entries

    if not (parallel and len(todo) >= PARALLEL_FROM and can_fork()):
        return read(todo)
    theirs = [index for index in range(len(todo)) if index % 20 < OTHERS_OF_20]
    ours = [index for index in range(len(todo)) if index % 20 >= OTHERS_OF_20]
    beside = Forked(lambda: read([todo[index] for index in theirs]))
    entries = dict(zip(ours, read([todo[index] for index in ours])))
    entries.update(zip(theirs, beside.result()))
    return [entries[index] for index in range(len(todo))]


def will_need(paths: list[str], length: int) -> None:
    """Ask the system to start reading the first ``length`` bytes of each file now, all at
    once: a file no longer in the file cache then comes from the disk while the ones before
    it are parsed, instead of one wait after another (20,000 records out of the cache: 3.9 to
    2.3 s; in the cache it costs 6 µs a file). Only regular files are opened: opening a pipe
    would wait for a writer."""
    if not hasattr(os, "posix_fadvise"):
        return
    for path in paths:
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                continue
            handle = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # the reading will say what is wrong with it
        try:
            os.posix_fadvise(handle, 0, length, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass
        finally:
            os.close(handle)


def load_file(path: str, display: str, rtype: RecordType, settings: Settings,
              problems: list[Problem], rel: str | None = None) -> Record:
    """Read one record file of type ``rtype``; its problems are appended to ``problems``.

    ``rel`` is the path below ``records/`` (``activities/2024/x.md``), used to check the
    year folder; without it the folder is not checked."""
    document = read_file(path, display, settings.limits)
    return type_document(document, os.path.basename(path)[:-3], rtype, settings, problems, rel)


def type_document(document, stem: str, rtype: RecordType, settings: Settings,
                  problems: list[Problem], rel: str | None = None) -> Record:
    """Type a read ``Document`` as a record of ``rtype`` (id defaults to ``stem``)."""
    display = document.path
    own: list[Problem] = list(document.problems)
    if document.header is None:
        problems.extend(own)
        return Record(rtype.name, stem, display, {}, body=document.body,
                      body_line=document.body_line, valid=False, source=rel or "")
    check = Check(display, rtype.label, settings, own)
    values = convert_fields(rtype.fields, document.header, check)
    if "id" not in document.header.value and not ID_PATTERN.match(stem):
        # The id comes from the file name: it must be one as much as a written id.
        own.append(make("F09", display, 1, 1, field="id", label="编号（取自文件名）", value=stem))
        values = Partial(values)
    record = Record(
        type=rtype.name,
        id=values.get("id", stem),
        path=display,
        data=dict(values),
        lines=check.lines,
        body=document.body,
        body_line=document.body_line,
        disclosure=values.get("disclosure") or settings.default_disclosure.get(rtype.name, "public"),
        valid=not isinstance(values, Partial),
        source=rel or "",
    )
    if rel is not None and rtype.year_field:
        _check_year_folder(record, rtype, rel, own)
    if any(p.level == ERROR for p in own):
        record.valid = False
    problems.extend(own)
    return record


def _check_year_folder(record: Record, rtype: RecordType, rel: str, problems: list[Problem]) -> None:
    """Dated records live in ``TYPE/YYYY/``, the year of their ``year_field``."""
    value = record.get(rtype.year_field)
    year = value if isinstance(value, int) else getattr(value, "year", None)
    parts = rel.split("/")
    folder = parts[1] if len(parts) == 3 else None
    if folder is None or not (len(folder) == 4 and folder.isdigit()):
        expected = f"{rtype.name}/{year or 'YYYY'}/{parts[-1]}"
        problems.append(make("S02", record.path, 1, 1, type=rtype.label, expected=expected))
        return
    if year is not None and int(folder) != year:
        spec = rtype.field_map[rtype.year_field]
        line, column = record.where(rtype.year_field)
        problems.append(make("S03", record.path, line, column, field=rtype.year_field,
                             label=spec.label, folder=folder, value=value,
                             expected=f"{rtype.name}/{year}"))
