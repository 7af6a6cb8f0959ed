"""The pages and files of ``docs/`` go through the gate the records go through.

MkDocs copies every file of ``docs/`` into the site and renders its Markdown pages; a record
is checked before it is published, and so is each of them: no symbolic link (it would publish
a file of the build machine), no page or script that can run code unless ``mkdocs.yml`` lists
it as the site's own style sheet or script, and in every text no personal data, unsafe HTML
or invisible control characters — with file, line and column, like a record's problems.
Plain Python: the MkDocs adapter gives the list of files.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core import htmlsafety, privacy
from ..core.catalogue import make
from ..core.config import Settings
from ..core.frontmatter import hidden_text
from ..core.problems import Problem

#: Files that a browser runs or renders as a page of their own.
ACTIVE = {".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".js", ".mjs", ".xml", ".xsl", ".xslt"}
#: Files read as text for personal data (the others are images and documents).
TEXT = {".md", ".markdown", ".txt", ".csv", ".json", ".css", ".yml", ".yaml", ".ics", ".tsv"}


def check_docs(docs_dir: Path, files: list[str], settings: Settings, shown_as: str,
               listed: set[str] = frozenset()) -> list[Problem]:
    """Problems of the files ``files`` (paths relative to ``docs_dir``, ``/`` separated), shown
    as ``shown_as/path``. ``listed`` are the style sheets and scripts ``mkdocs.yml`` names."""
    problems: list[Problem] = []
    real_root = os.path.realpath(docs_dir)
    phones = frozenset(settings.office_phones)
    for rel in files:
        shown = f"{shown_as}/{rel}"
        path = os.path.join(docs_dir, rel)
        if _linked(docs_dir, rel) or os.path.realpath(path) != os.path.join(real_root, *rel.split("/")):
            problems.append(make("A01", shown, 1, 1, what="这个文件（或它所在的文件夹）"))
            continue
        suffix = Path(rel).suffix.lower()
        if suffix in ACTIVE and rel not in listed:
            problems.append(make("A07", shown, 1, 1, suffix=suffix))
            continue
        if suffix not in TEXT:
            continue
        try:
            text = Path(path).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # not text after all: nothing a person would read as such
        problems.extend(_text_problems(shown, text, suffix, phones, settings.remote_hosts))
    return problems


def _linked(docs_dir: Path, rel: str) -> bool:
    """Whether the file or a folder on its way from ``docs_dir`` is a symbolic link."""
    current = Path(docs_dir)
    for part in rel.split("/"):
        current = current / part
        if current.is_symlink():
            return True
    return False


def _text_problems(shown: str, text: str, suffix: str, phones: frozenset[str],
                   remote_hosts: frozenset[str]) -> list[Problem]:
    problems = hidden_text(text, -1, shown)
    for finding in privacy.scan(text, phones):
        line, column = _position(text, finding.start)
        problems.append(make(privacy.CODES[finding.kind], shown, line, column, field="body",
                             masked=finding.masked, place="正文"))
    if suffix in (".md", ".markdown"):
        for code, offset, values in htmlsafety.scan_source(text, remote_hosts):
            line, column = _position(text, offset)
            problems.append(make(code, shown, line, column, field="body", place="正文", **values))
    return problems


def _position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
