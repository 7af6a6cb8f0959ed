"""Load a records tree: find the record files, read each strictly and type it by the schema.

Every file is read once; a file that cannot be read still yields a placeholder record under
its file-stem id, so that one broken file is reported once and does not make every reference
to it fail as well.
"""

from __future__ import annotations

import os
from pathlib import Path

from .catalogue import make
from .config import Settings
from .frontmatter import read_file
from .problems import ERROR, Problem
from .record import Record
from .schema import RECORD_TYPES, RecordType
from .schema.types import Check, Partial, convert_fields

_IGNORED_FILES = {"README.md", "readme.md", "index.md"}


def record_files(root: Path) -> list[tuple[RecordType | None, Path]]:
    """Every Markdown file under ``root`` with its record type (None: not in a type folder)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = Path(dirpath).relative_to(root)
        rtype = RECORD_TYPES.get(rel.parts[0]) if rel.parts else None
        for name in sorted(filenames):
            if not name.endswith(".md") or name.startswith("."):
                continue
            if not rel.parts and name in _IGNORED_FILES:
                continue
            found.append((rtype, Path(dirpath) / name))
    return found


def load(root: Path | str, settings: Settings, display_root: str | None = None
         ) -> tuple[list[Record], list[Problem]]:
    """Read and type every record under ``root``.

    Problems name files as ``display_root/relative/path`` (by default ``root`` as given),
    so messages show the path the user typed.
    """
    root = Path(root)
    base = display_root if display_root is not None else str(root)
    records: list[Record] = []
    problems: list[Problem] = []
    folders = "、".join(f"{name}/" for name in RECORD_TYPES)
    for rtype, path in record_files(root):
        rel = path.relative_to(root)
        display = os.path.join(base, *rel.parts) if base not in ("", ".") else str(rel)
        if rtype is None:
            problems.append(make("S01", display, 1, 1, folders=folders))
            continue
        record = load_file(path, display, rtype, settings, problems, rel)
        records.append(record)
    return records, problems


def load_file(path: Path, display: str, rtype: RecordType, settings: Settings,
              problems: list[Problem], rel: Path | None = None) -> Record:
    """Read one record file of type ``rtype``; its problems are appended to ``problems``."""
    document = read_file(path, display, settings.limits)
    own: list[Problem] = list(document.problems)
    stem = path.stem
    if document.header is None:
        problems.extend(own)
        return Record(rtype.name, stem, display, {}, body=document.body,
                      body_line=document.body_line, valid=False)
    check = Check(display, rtype.label, settings, own)
    values = convert_fields(rtype.fields, document.header, check)
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
    )
    if rel is not None and rtype.year_field:
        _check_year_folder(record, rtype, rel, own)
    if any(p.level == ERROR for p in own):
        record.valid = False
    problems.extend(own)
    return record


def _check_year_folder(record: Record, rtype: RecordType, rel: Path, problems: list[Problem]) -> None:
    """Dated records live in ``TYPE/YYYY/``, the year of their ``year_field``."""
    value = record.get(rtype.year_field)
    year = value if isinstance(value, int) else getattr(value, "year", None)
    folder = rel.parts[1] if len(rel.parts) == 3 else None
    if folder is None or not (len(folder) == 4 and folder.isdigit()):
        expected = f"{rtype.name}/{year or 'YYYY'}/{rel.name}"
        problems.append(make("S02", record.path, 1, 1, type=rtype.label, expected=expected))
        return
    if year is not None and int(folder) != year:
        spec = rtype.field_map[rtype.year_field]
        line, column = record.where(rtype.year_field)
        problems.append(make("S03", record.path, line, column, field=rtype.year_field,
                             label=spec.label, folder=folder, value=value,
                             expected=f"{rtype.name}/{year}"))
