"""Provenance from Git: who approved each record, when it was published, what changed since.

The history of ``main`` is the approval record. One ``git log --first-parent -m`` pass reads
what each commit on the main line brought into the records folder — for a merge, its whole
pull request — and one ``git cat-file --batch`` process fetches the file versions the
corrections need; there is never a subprocess per file. Forges are recognised by their merge
messages (GitHub and Gitea/Forgejo "Merge pull request #12", GitLab "See merge request !12",
squash merges "… (#12)"); the reviewer is taken from ``Reviewed-by:``/``Approved-by:``
trailers, else the merge's committer.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .catalogue import make
from .config import LIMITS
from .frontmatter import Node, read_bytes
from .problems import Problem

_RS, _US = "\x1e", "\x1f"
_FORMAT = f"--format={_RS}%H{_US}%P{_US}%an{_US}%cn{_US}%cI{_US}%B{_US}"
_PR_PATTERNS = [
    (re.compile(r"^Merge pull request #(\d+)"), "#"),               # GitHub
    (re.compile(r"^Merge pull request '.*' \(#(\d+)\)"), "#"),       # Gitea, Forgejo
    (re.compile(r"See merge request (?:[\w.\-/]+)?!(\d+)", re.M), "!"),  # GitLab
    (re.compile(r"\(#(\d+)\)\s*$", re.M), "#"),                      # squash merges
]
_TRAILER = re.compile(r"^(?:Reviewed-by|Approved-by):\s*(.+?)\s*(?:<[^>]*>)?\s*$", re.M | re.I)


class GitError(RuntimeError):
    """Git could not be asked (not a work tree, git missing); the message says why in Chinese."""


@dataclass(frozen=True)
class Commit:
    """A commit on the main line."""

    hash: str
    parents: tuple[str, ...]
    author: str
    committer: str
    date: dt.datetime
    message: str

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1

    @property
    def pull_request(self) -> str | None:
        """The forge's number of the pull (merge) request, e.g. ``#12`` or ``!12``."""
        for pattern, sign in _PR_PATTERNS:
            match = pattern.search(self.message)
            if match:
                return f"{sign}{match.group(1)}"
        return None

    @property
    def reviewed(self) -> bool:
        """Whether it came through review: a merge, a pull request or a reviewer trailer."""
        return self.is_merge or self.pull_request is not None or bool(self.reviewers)

    @property
    def reviewers(self) -> list[str]:
        return _TRAILER.findall(self.message)

    @property
    def approver(self) -> str | None:
        """Who approved: the trailers' names, else the committer of a merge."""
        if self.reviewers:
            return "、".join(dict.fromkeys(self.reviewers))
        return self.committer if self.is_merge or self.pull_request else None


@dataclass
class Change:
    """A later change of a published record file: which commit, from which path to which."""

    commit: Commit
    old_path: str
    new_path: str
    renamed: bool = False


@dataclass
class Provenance:
    """Where one record file came from."""

    published: Commit
    path: str
    changes: list[Change] = field(default_factory=list)

    @property
    def last(self) -> Commit:
        return self.changes[-1].commit if self.changes else self.published


@dataclass
class History:
    """Provenance of every record file on the main line, by path relative to the repository."""

    root: Path
    records: dict[str, Provenance]
    shallow: bool = False

    def of(self, rel: str) -> Provenance | None:
        return self.records.get(rel)


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", "-c", "core.quotepath=false", *args], cwd=root,
                                input=stdin, capture_output=True)
    except OSError as exc:
        raise GitError("找不到 git 程序") from exc
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or "git 出错")
    return result.stdout


def _git_ok(root: Path, *args: str) -> bool:
    """Whether a git command succeeds."""
    try:
        _git(root, *args)
    except GitError:
        return False
    return True


def toplevel(folder: Path) -> Path | None:
    """The Git work tree containing ``folder``, or None."""
    try:
        return Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    except GitError:
        return None


def read_history(repo: Path, records: str = "records") -> History:
    """Read the main line's history of the ``records`` folder (relative to ``repo``) once.
    A repository without a commit yet (``git init`` just run) has no history."""
    if not _git_ok(repo, "rev-parse", "--verify", "-q", "HEAD"):
        return History(repo, {}, False)
    raw = _git(repo, "log", "--first-parent", "-m", "-M", "--name-status", "--no-color",
               _FORMAT, "--", records).decode("utf-8", "replace")
    commits = []
    for chunk in raw.split(_RS)[1:]:
        head = chunk.split(_US)
        sha, parents, author, committer, date, message = head[:6]
        files = []
        for line in head[6].strip("\n").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2:
                files.append(parts)
        commit = Commit(sha, tuple(parents.split()), author, committer,
                        dt.datetime.fromisoformat(date), message.strip())
        commits.append((commit, files))
    state: dict[str, Provenance] = {}
    for commit, files in reversed(commits):  # oldest first
        for parts in files:
            status = parts[0][0]
            if status == "A":
                state[parts[1]] = Provenance(commit, parts[1])
            elif status in ("M", "T") and parts[1] in state:
                state[parts[1]].changes.append(Change(commit, parts[1], parts[1]))
            elif status in ("R", "C") and len(parts) == 3:
                old, new = parts[1], parts[2]
                provenance = state.pop(old, None) if status == "R" else None
                if provenance is None:
                    state[new] = Provenance(commit, new)
                    continue
                provenance.path = new
                provenance.changes.append(Change(commit, old, new, renamed=True))
                state[new] = provenance
            elif status == "D":
                state.pop(parts[1], None)
    shallow = _git(repo, "rev-parse", "--is-shallow-repository").decode().strip() == "true"
    return History(repo, state, shallow)


# Corrections ------------------------------------------------------------------------------

@dataclass
class FieldChange:
    """One front-matter field that changed: its key and label, the old and new value as shown."""

    key: str
    old: str | None
    new: str | None
    label: str = ""


#: A field's name as the public reads it, from its path of keys (``("votes", "for")`` → 赞成).
Labels = Callable[[tuple[str, ...]], str]


def _as_key(path: tuple[str, ...]) -> str:
    return path[-1]


@dataclass
class Correction:
    """A change to a published record: when, by which commit, what changed."""

    rel: str
    change: Change
    fields: list[FieldChange]
    body: list[tuple[str, str]]  # ("-", old line) / ("+", new line)

    @property
    def date(self) -> dt.datetime:
        return self.change.commit.date

    @property
    def anchor(self) -> str:
        """A stable HTML id: the commit and the file."""
        stem = self.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return f"c-{self.change.commit.hash[:10]}-{re.sub(r'[^0-9A-Za-z_-]', '-', stem)}"


def public_history(history: History, wanted: dict[str, str], everything: bool = False,
                   labels: dict[str, Labels] | None = None) -> tuple[dict[str, Provenance], list[Correction]]:
    """The history of the records ``wanted`` as the public saw it, and its corrections.

    ``wanted`` maps each record file (repository path) to the disclosure a version has when
    it does not write one. A version that was not public — internal, or whose disclosure
    cannot be read for certain — is left out altogether: the record was published with its
    first public version, and a correction is a difference between two public versions one
    after the other (public, internal, public again is one correction from the first public
    text to the second; nothing written while it was internal is ever shown). For the staff
    site (``everything``) every version that reads counts. ``labels`` names each record
    file's fields for the reader (default: their keys). A record of one version whose file is
    still that version's text is public as shown, without reading it again; all other file
    versions come from one ``git cat-file`` process. Corrections are newest first."""
    versions = []  # (rel, commit, path) of every version, oldest first per record
    shown: dict[str, Provenance] = {}
    edited = _edited(history.root)
    for rel, provenance in history.records.items():
        if rel not in wanted:
            continue
        if not provenance.changes and rel not in edited:
            # One version, the file as it is now: public, since the record is shown (the
            # common case, decided without reading the version again).
            shown[rel] = Provenance(provenance.published, provenance.path)
            continue
        versions.append((rel, provenance.published, provenance.path if not provenance.changes
                         else provenance.changes[0].old_path))
        versions += [(rel, change.commit, change.new_path) for change in provenance.changes]
    if not versions:
        return shown, []
    blobs = _cat_files(history.root, [f"{commit.hash}:{path}" for _, commit, path in versions])
    last_public: dict[str, tuple[bytes, str]] = {}
    fixes = []
    for (rel, commit, path), blob in zip(versions, blobs):
        if blob is None or not _public(blob, "public" if everything else wanted[rel], everything):
            continue
        if rel not in shown:
            shown[rel] = Provenance(commit, path)
        else:
            old, old_path = last_public[rel]
            change = Change(commit, old_path, path, renamed=old_path != path)
            shown[rel].changes.append(change)
            shown[rel].path = path
            fields, body = diff_versions(old, blob, (labels or {}).get(rel, _as_key))
            if fields or body or change.renamed:
                fixes.append(Correction(rel, change, fields, body))
        last_public[rel] = (blob, path)
    return shown, sorted(fixes, key=lambda c: (c.date, c.rel), reverse=True)


def _edited(repo: Path) -> set[str]:
    """Every path ``git status`` names (changed, staged, renamed from or to): the files whose
    text is not the last commit's."""
    out = _git(repo, "status", "--porcelain", "-z", "--untracked-files=no").decode("utf-8", "replace")
    return {entry[3:] if entry[2:3] == " " else entry for entry in out.split("\0") if entry} | \
        {entry for entry in out.split("\0") if entry}


def _cat_files(repo: Path, specs: list[str]) -> list[bytes | None]:
    """Contents of ``rev:path`` specs through a single ``git cat-file --batch``."""
    payload = "".join(f"{spec}\n" for spec in specs).encode("utf-8")
    out = _git(repo, "cat-file", "--batch", stdin=payload)
    contents: list[bytes | None] = []
    position = 0
    for _ in specs:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            contents.append(out[position:position + size])
            position += size + 1
        else:
            contents.append(None)
    return contents


def diff_versions(old: bytes, new: bytes, labels: Labels = _as_key) -> tuple[list[FieldChange], list[tuple[str, str]]]:
    """Front-matter fields that changed (as shown text, nested fields named by ``labels``)
    and the body lines removed and added."""
    before = read_bytes(old, "old", LIMITS)
    after = read_bytes(new, "new", LIMITS)
    old_fields = _shown(before.header, labels)
    new_fields = _shown(after.header, labels)
    fields = [FieldChange(key, old_fields.get(key), new_fields.get(key), labels((key,)))
              for key in dict.fromkeys(list(old_fields) + list(new_fields))
              if old_fields.get(key) != new_fields.get(key)]
    body = []
    for line in difflib.ndiff(before.body.splitlines(), after.body.splitlines()):
        if line[:2] in ("- ", "+ ") and line[2:].strip():
            body.append((line[0], line[2:]))
    return fields, body


def _public(version: bytes, default: str, everything: bool = False) -> bool:
    """Whether a version of a record file was public: it reads without an error and says
    ``disclosure: public``, or says nothing and ``default`` is public (``everything``: any
    version that reads)."""
    document = read_bytes(version, "version", LIMITS)
    header = document.header
    if header is None or header.kind != "mapping" or any(p.level == "error" for p in document.problems):
        return False
    node = header.value.get("disclosure")
    if everything:
        return True
    if node is None:
        return default == "public"
    return node.kind == "scalar" and node.value.strip() == "public"


def _shown(node: Node | None, labels: Labels = _as_key) -> dict[str, str]:
    if node is None or node.kind != "mapping":
        return {}
    return {key: _text(value, (key,), labels) for key, value in node.value.items()}


def _text(node: Node, path: tuple[str, ...] = (), labels: Labels = _as_key) -> str:
    """A value as a reader reads it: a list joined with 、, a group of fields as
    “赞成：59，反对：0”, groups one after another with ；."""
    if node.kind == "scalar":
        return node.value
    if node.kind == "sequence":
        joiner = "；" if any(item.kind == "mapping" for item in node.value) else "、"
        return joiner.join(_text(item, path, labels) for item in node.value)
    return "，".join(f"{labels(path + (key,))}：{_text(value, path + (key,), labels)}"
                    for key, value in node.value.items())


# Release checks ---------------------------------------------------------------------------

def release_problems(history: History, repo: Path, records: dict[str, str], release: bool,
                     policy: str) -> list[Problem]:
    """Checks before publishing: full history, a clean work tree, reviewed records.

    ``records`` maps each record's repository path to the path shown in messages. In a
    release build these are errors (per ``policy`` for unreviewed records); otherwise warnings.
    """
    level = "error" if release else "warning"
    problems = []
    if history.shallow:
        problems.append(make("G01", "records", 1, 1, level=level))
    dirty = _git(repo, "status", "--porcelain", "--untracked-files=all").decode("utf-8", "replace")
    changed = [line[3:] for line in dirty.splitlines() if line.strip()]
    if changed:
        shown = "、".join(changed[:5]) + (f" 等 {len(changed)} 个" if len(changed) > 5 else "")
        problems.append(make("G02", "records", 1, 1, level=level, files=shown))
    if policy != "off":
        unreviewed_level = "error" if release and policy == "error" else "warning"
        for rel, shown in sorted(records.items()):
            provenance = history.of(rel)
            if provenance is None:
                continue
            for commit in [provenance.published] + [c.commit for c in provenance.changes]:
                if not commit.reviewed:
                    problems.append(make("G03", shown, 1, 1, level=unreviewed_level,
                                         commit=commit.hash[:10], subject=commit.subject))
                    break
    return problems
