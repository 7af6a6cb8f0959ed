"""Reading the ledgers back into record files: all rows, or on any problem none."""

from __future__ import annotations

import dataclasses
import difflib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...core.catalogue import make
from ...core.config import Settings
from ...core.frontmatter import Node, read_file
from ...core.problems import ERROR, Problem, sort_problems
from ...core.record import Record
from ...core.schema import RECORD_TYPES
from ...core.schema.types import (
    Check,
    Date,
    Partial,
    Ref,
    convert_fields,
)
from ..naming import id_stem, unique_id
from ..writer import comments_of, render
from .columns import (
    _BAR,
    _DISCLOSURE_WORDS,
    _IMPORT_ORDER,
    _SPLIT,
    BODY,
    NOTES_SHEET,
    SHEET_TYPES,
    LedgerError,
    _body,
    _clean_header,
    _empty,
    _kind,
    _Names,
    _required,
    columns,
    entry_parts,
    part_name,
)
from .rows import (
    _FIELD_NAME,
    _ID_OK,
    _column_path,
    _header_or_label,
    _label,
    _merged,
    _natural_key,
    _raw_text,
    _Row,
    _sortable,
    _text,
)
from .workbook import Sheet, read_workbook

_COUNTS = {2: "两", 3: "三", 4: "四", 5: "五"}


@dataclass
class ImportResult:
    """What an import found and did. ``problems`` are errors (nothing was written then);
    ``warnings`` did not stop it."""

    root: Path
    dry_run: bool
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    created: list[tuple[str, str]] = field(default_factory=list)  # (path in records, row)
    updated: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    def report(self) -> list[str]:
        """Chinese summary lines for the person who ran the import."""
        lines = list(self.notes)
        lines += [w.format() for w in self.warnings]
        if self.problems:
            return lines + [f"发现 {len(self.problems)} 个问题，没有写任何文件。请改正台账后重新导入。"]
        if self.dry_run:
            lines.append("（试运行，没有写文件）")
        verb = ("将" if self.dry_run else "")
        lines += [f"{verb}新建 {(self.root / rel).as_posix()}（{origin}）" for rel, origin in self.created]
        lines += [f"{verb}更新 {(self.root / rel).as_posix()}（{origin}）" for rel, origin in self.updated]
        lines.append(f"新建 {len(self.created)} 条，更新 {len(self.updated)} 条，没有变化 {self.unchanged} 条。")
        return lines


class _Importer:
    """One run of ``import_files``: problems are gathered, nothing is written until the end."""

    def __init__(self, root: Path, settings: Settings, dry_run: bool):
        self.root = Path(root)
        self.settings = settings
        self.layout = columns(settings)
        self.result = ImportResult(self.root, dry_run)
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.rows: list[_Row] = []
        self.baseline: set[Problem] = set()
        self.records: dict[str, dict[str, Record]] = {t: {} for t in RECORD_TYPES}
        self.reserved: dict[str, set[str]] = {t: set() for t in RECORD_TYPES}

    # Problems ----------------------------------------------------------------------------

    def problem(self, where: str, line: int, column: int, header: str, message: str, level: str = ERROR) -> None:
        """A problem of the ledger file or sheet ``where`` at a row (``line``) and column
        (1-based, as Excel counts them), about the column ``header`` (empty: the whole file)."""
        found = make("L01" if level == ERROR else "L02", where, line, max(column, 1), field=header,
                     detail=f"{header}: {message}" if header else message)
        (self.errors if level == ERROR else self.warnings).append(found)

    def row_problem(self, row: _Row, location: str, message: str, level: str = ERROR) -> None:
        """A problem of ``row`` at field location ``location`` (``deputies[1]``, ``body``)."""
        path, _ = _column_path(location, row.covered)
        header = row.header_of.get(path) or _label(row.rtype, path)
        column = row.column_of.get(path, 0)
        self.problem(row.where, row.number, column, header, message, level)

    def field_problem(self, row: _Row, problem: Problem) -> None:
        """A validator problem about ``row``'s record, its field named by the column header."""
        path, index = _column_path(problem.field, row.covered)
        header = row.header_of.get(path) or _label(row.rtype, path)
        shown = header if index is None else f"{header}第{index + 1}行"
        message = problem.message.replace(f"{problem.field}（", f"{shown}（", 1) if problem.field else problem.message
        message = _FIELD_NAME.sub(lambda m: _header_or_label(row, m[1]) + "（", message)
        self.row_problem(row, problem.field, message, problem.level)

    # Reading -----------------------------------------------------------------------------

    def read(self, paths: list[Path]) -> None:
        sheets: list[tuple[int, Sheet, str, int]] = []  # (file, sheet, ledger, header position)
        for file_index, path in enumerate(paths):
            try:
                found = read_workbook(path)
            except LedgerError as exc:
                self.problem(Path(path).name, 1, 1, "", str(exc))
                continue
            except Exception as exc:  # a damaged file is the user's problem, not a traceback
                self.problem(Path(path).name, 1, 1, "", f"打不开这个文件（{exc}）。请用 Excel 或 WPS 打开后另存为 .xlsx 再试。")
                continue
            for sheet in found:
                if sheet.name.strip() == NOTES_SHEET or not any(
                        not _empty(v) for _, values in sheet.rows for v in values):
                    continue  # the instructions, or an empty Sheet2
                ledger, position = self.recognise(sheet)
                if ledger is None:
                    self.result.notes.append(f"跳过 {sheet.file.name} 的工作表“{sheet.name}”：认不出是哪种台账。")
                    continue
                sheets.append((file_index, sheet, ledger, position))
            if not any(entry[0] == file_index for entry in sheets):
                self.problem(Path(path).name, 1, 1, "", f"认不出是哪种台账：工作表名应是"
                                                       f"{'、'.join(SHEET_TYPES)}之一，或者第一行是台账的列名。")
        names = [entry[1].name for entry in sheets]
        for sheet_index, (file_index, sheet, ledger, position) in enumerate(sheets):
            label = sheet.name if names.count(sheet.name) == 1 else f"[{sheet.file.name}]{sheet.name}"
            self.read_sheet(sheet, ledger, position, label, (file_index, sheet_index))

    def read_sheet(self, sheet: Sheet, ledger: str, position: int, label: str, order: tuple) -> None:
        """Check the header row of a recognised sheet and take its non-empty rows."""
        rtype = SHEET_TYPES[ledger]
        known = self.layout[ledger]
        header_row, headers = sheet.rows[position]
        by_column: dict[int, str] = {}
        header_of: dict[str, str] = {}
        column_of: dict[str, int] = {}
        for index, value in enumerate(headers):
            header = _clean_header(value)
            if not header:
                continue
            where = f"{sheet.file.name}!{sheet.name}"
            if header not in known:
                close = difflib.get_close_matches(header, list(known), n=1, cutoff=0.5)
                hint = f"是不是“{close[0]}”？" if close else f"可用的列：{'、'.join(known)}。"
                self.problem(where, header_row, index + 1, header, f"没有“{header}”这一列。{hint}")
                continue
            path = known[header]
            if path in header_of:
                self.problem(where, header_row, index + 1, header, f"“{header}”列出现了两次，请删去一列。")
                continue
            by_column[index] = path
            header_of[path] = header
            column_of[path] = index + 1
        for header, path in known.items():
            if _required(rtype, path) and path not in header_of:
                self.problem(f"{sheet.file.name}!{sheet.name}", header_row, 1, header,
                             f"缺少必填的“{header}”列，请加上这一列。")
        header_of.setdefault("id", next(h for h, p in known.items() if p == "id"))
        covered = frozenset(by_column.values())
        for number, values in sheet.rows[position + 1:]:
            cells = {}
            for index, path in by_column.items():
                value = values[index] if index < len(values) else None
                if not _empty(value):
                    cells[path] = value
            if not cells:
                continue
            self.rows.append(_Row(ledger, f"{sheet.file.name}!{sheet.name}", f"{label}!{number}", number,
                                  order + (number,), cells,
                                  covered, header_of, column_of))

    def recognise(self, sheet: Sheet) -> tuple[str | None, int]:
        """Which ledger a sheet is (by its name, else by its headers) and the position of its
        header row in ``sheet.rows`` (a title row or two above it is allowed)."""
        name = sheet.name.strip()
        candidates = [name] if name in self.layout else list(self.layout)
        for position, (_, values) in enumerate(sheet.rows[:5]):
            cells = {_clean_header(v) for v in values}
            scores = sorted(((len(cells & set(self.layout[c])), c) for c in candidates), reverse=True)
            best, ledger = scores[0]
            unique = len(scores) == 1 or scores[1][0] < best
            if best >= (2 if name in self.layout else 3) and unique:
                return ledger, position
        return None, 0

    # Rows to records ---------------------------------------------------------------------

    def load_tree(self) -> None:
        from ...core.validate import validate

        if not self.root.is_dir():
            return
        outcome = validate(self.root, self.settings, display_root="")
        self.baseline = set(outcome.problems)
        for record in outcome.corpus.records:
            self.records[record.type].setdefault(record.id, record)

    def build(self) -> None:
        """Find or name each row's record, type its values, and render its file."""
        rows = sorted(self.rows, key=lambda r: _IMPORT_ORDER.index(r.sheet))
        deputies = {rid: r.get("name") for rid, r in self.records["deputies"].items() if r.get("name")}
        claimed: dict[str, dict[str, _Row]] = {t: {} for t in SHEET_TYPES.values()}
        for row in rows:  # every row's own 编号 first: found or generated ones must not take them
            given = _text(row.cells.get("id", ""), "text").strip()
            if _ID_OK.match(given):
                row.id = given
                self.reserved[row.rtype].add(given)
        self.stations = _Names.of(self.records["stations"].values())
        for row in rows:
            if row.sheet == "代表名册":
                self.identify(row, claimed)
                name = row.cells.get("name")
                if row.id and name is not None:
                    deputies[row.id] = _text(name, "text")
        self.deputies = _Names(deputies)
        for row in rows:
            if row.sheet != "代表名册":
                self.identify(row, claimed)
            self.type_row(row)

    def identify(self, row: _Row, claimed: dict[str, dict[str, _Row]]) -> None:
        """Settle the row's id: its 编号, the existing record its natural key names, or a new one."""
        rtype = row.rtype
        taken = claimed[rtype]
        if row.id is None and "id" not in row.cells:
            scratch = convert_fields(RECORD_TYPES[rtype].fields, self.node(row, quiet=True),
                                     Check(row.origin, "", self.settings, []))
            row.id = self.match(row, scratch, taken) or self.new_id(rtype, scratch, taken)
        if row.id is None:
            return
        if row.id in taken:
            other = taken[row.id]
            self.row_problem(row, "id", f"{RECORD_TYPES[rtype].label}编号“{row.id}”重复：{other.origin} 也是这条记录。"
                                        "请删去重复的一行，或改正编号。")
            row.id, row.status = None, "duplicate"
            return
        taken[row.id] = row
        row.existing = self.records[rtype].get(row.id)

    def match(self, row: _Row, values: dict, taken: dict) -> str | None:
        """The id of the existing record this row without 编号 is (by its natural key)."""
        key = _natural_key(row.rtype, values)
        if key is None:
            return None
        candidates = [r for rid, r in sorted(self.records[row.rtype].items())
                      if rid not in taken and rid not in self.reserved[row.rtype] and _natural_key(row.rtype, r.data) == key]
        if not candidates:
            return None
        # Namesakes: the one that agrees with the row on most fields.
        best = max(candidates, key=lambda r: sum(r.data.get(k) == v for k, v in values.items()))
        return best.id

    def new_id(self, rtype: str, values: dict, taken: dict) -> str | None:
        """A new id by the naming rules of ``renda new``, free in the tree and this import."""
        stem = id_stem(rtype, values, self.settings)
        if stem is None:
            return None
        used = set(self.records[rtype]) | set(taken) | self.reserved[rtype]
        return unique_id(rtype, stem, used.__contains__)

    def node(self, row: _Row, quiet: bool = False) -> Node:
        """The row as the reader's node tree (deputies and stations resolved to ids)."""
        mapping = Node("mapping", {}, row.number, 1, key_lines={})
        for path in sorted(row.cells, key=lambda p: row.column_of.get(p, 0)):
            if path == BODY:
                continue
            column = row.column_of.get(path, 1)
            value = self.value_node(row, path, row.cells[path], column, quiet)
            if value is None:
                continue
            head, _, sub = path.partition(".")
            target = mapping
            if sub:
                if head not in mapping.value:
                    mapping.value[head] = Node("mapping", {}, row.number, column, key_lines={})
                    mapping.key_lines[head] = (row.number, column)
                target, head = mapping.value[head], sub
            target.value[head] = value
            target.key_lines[head] = (row.number, column)
        return mapping

    def value_node(self, row: _Row, path: str, raw: Any, column: int, quiet: bool) -> Node | None:
        kind = _kind(row.rtype, path)

        def scalar(text: str) -> Node:
            return Node("scalar", text, row.number, column)

        if kind == "entries":
            fields = entry_parts(row.rtype, path)
            items = []
            for line_index, line in enumerate(l for l in _text(raw, "text").split("\n") if l.strip()):
                bar = _BAR if _BAR in line else "|"
                parts = [p.strip() for p in line.split(bar)]
                if len(parts) > len(fields) and not quiet:
                    names = _BAR.join(part_name(row.rtype, path, f) for f in fields)
                    self.row_problem(row, path, f"第 {line_index + 1} 行“{line.strip()}”分成了 {len(parts)} 段，"
                                                f"最多是“{names}”{_COUNTS[len(fields)]}段。")
                item = Node("mapping", {}, row.number, column, key_lines={})
                for spec, part in zip(fields, parts):
                    if part:
                        if isinstance(spec.type, Ref) and spec.type.target == "deputies":
                            part = self.deputy(row, f"{path}[{line_index}].{spec.name}", part, quiet)
                        elif isinstance(spec.type, Date):
                            part = _text(part, "date")
                        item.value[spec.name] = scalar(part)
                        item.key_lines[spec.name] = (row.number, column)
                items.append(item)
            return Node("sequence", items, row.number, column) if items else None
        if kind == "lines":
            lines = [line.strip() for line in _text(raw, "text").split("\n") if line.strip()]
            return Node("sequence", [scalar(line) for line in lines], row.number, column) if lines else None
        if kind in ("list", "deputies"):
            parts = [p.strip() for p in _SPLIT.split(_text(raw, "text")) if p.strip()]
            if kind == "deputies":
                parts = [self.deputy(row, f"{path}[{i}]", p, quiet) for i, p in enumerate(parts)]
            return Node("sequence", [scalar(p) for p in parts], row.number, column) if parts else None
        text = _text(raw, kind).strip()
        if kind == "deputy":
            text = self.deputy(row, path, text, quiet)
        elif kind == "station":
            text = self.stations.resolve(text)[0]
        elif path == "disclosure":
            text = _DISCLOSURE_WORDS.get(text, text)
        return scalar(text) if text else None

    def deputy(self, row: _Row, where: str, text: str, quiet: bool) -> str:
        """A deputy's id for a name or id; a name two deputies share is a problem."""
        rid, namesakes = self.deputies.resolve(text)
        if namesakes and not quiet:
            row.namesakes.add(where)
            self.row_problem(row, where, f"“{text}”是 {len(namesakes)} 位代表的姓名（{'、'.join(namesakes)}），"
                                         "同名时请写编号。")
        return rid

    def type_row(self, row: _Row) -> None:
        """Type the row (merged into its existing record), and render the file it would write."""
        if row.status == "duplicate":
            return  # its other row stands for the record
        rtype = RECORD_TYPES[row.rtype]
        node = self.node(row)
        existing_text = ""
        if row.existing is not None:
            path = self.root / row.existing.source
            existing_text = path.read_bytes().decode("utf-8-sig", errors="replace")
            document = read_file(path, row.existing.path, self.settings.limits)
            if document.header is not None:
                node = _merged(document.header, node, row.covered)
        problems: list[Problem] = []
        values = convert_fields(rtype.fields, node, Check(row.origin, rtype.label, self.settings, problems))
        missing = {p for p in (f.name for f in rtype.fields) if _required(row.rtype, p) and p not in row.covered}
        for problem in problems:
            if problem.code == "F02" and problem.field in missing:
                continue  # the missing column is reported once
            self.field_problem(row, problem)
        if BODY in row.covered:
            row.body = _body(_text(row.cells.get(BODY, ""), "body"))
        elif row.existing is not None:
            row.body = _body(row.existing.body)
        if isinstance(values, Partial) or row.id is None or any(p.level == ERROR for p in problems):
            row.status = "invalid"
            # Still in the tree the validator sees, under its id, so what names it resolves.
            stem = row.id if row.id else f"_{row.sheet}-{row.number}"
            row.rel = row.existing.source if row.existing else f"{row.rtype}/0000/{stem}.md"
            row.text = _raw_text(node, row.body)
            return
        values = dict(values)
        values.pop("id", None)
        if row.existing is not None and "id" in row.existing.data:
            values["id"] = row.existing.id
        folder = rtype.name
        if rtype.year_field:
            folder += f"/{values[rtype.year_field].year}"
        if row.existing is not None:
            old = row.existing.source
            row.rel = old if old.rsplit("/", 1)[0] == folder else f"{folder}/{old.rsplit('/', 1)[-1]}"
            if row.rel != old:
                row.old_rel = old
            same_body = _body(row.existing.body) == row.body
            if row.existing.data == values and same_body and row.rel == old:
                row.status = "unchanged"
                return
            body = row.existing.body if same_body else ("\n" + row.body + "\n" if row.body else "")
            row.text = render(rtype.name, values, body, comments_of(existing_text))
            row.status = "updated"
        else:
            row.rel = f"{folder}/{row.id}.md"
            row.text = render(rtype.name, values, "\n" + row.body + "\n" if row.body else "")
            row.status = "created"

    # Validating the would-be tree ---------------------------------------------------------

    def check_tree(self) -> None:
        """Write the would-be files into a copy of the tree and run the whole validator."""
        from ...core.validate import validate

        with tempfile.TemporaryDirectory(prefix="renda-import-") as scratch:
            copy = Path(scratch) / "records"
            if self.root.is_dir():
                shutil.copytree(self.root, copy, symlinks=True, copy_function=_link_or_copy)
            else:
                copy.mkdir()
            by_path: dict[str, _Row] = {}
            for row in self.rows:
                if row.status == "duplicate":
                    continue
                by_path[row.rel] = row
                if row.status == "unchanged":
                    continue
                if row.old_rel:
                    (copy / row.old_rel).unlink()
                target = copy / row.rel
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.exists():  # a hard link to the real file: never write through it
                    target.unlink()
                _write(target, row.text)
            outcome = validate(copy, self.settings, display_root="")
        for problem in outcome.problems:
            row = by_path.get(problem.path)
            if row is None or row.status == "unchanged":
                if problem in self.baseline:
                    continue  # it was there before the import
                if row is None:  # a record the import did not touch, broken by one it did
                    shown = dataclasses.replace(problem, path=f"{self.root.as_posix()}/{problem.path}")
                    (self.errors if problem.level == ERROR else self.warnings).append(shown)
                    continue
            if problem.code[0] in "RS" or (problem.code[0] == "F" and problem.code != "F13"):
                continue  # the row's own typing reported it already
            if problem.code == "X02" and problem.field in row.namesakes:
                continue  # reported as a shared name
            self.field_problem(row, problem)

    def write(self) -> None:
        for row in self.rows:
            if row.status not in ("created", "updated"):
                continue
            target = self.root / row.rel
            target.parent.mkdir(parents=True, exist_ok=True)
            _write(target, row.text)
            if row.old_rel:
                (self.root / row.old_rel).unlink()

    def run(self, paths: list[Path]) -> ImportResult:
        self.read(paths)
        self.load_tree()
        self.build()
        if self.rows:
            self.check_tree()
        result = self.result
        result.problems = sort_problems(self.errors)
        result.warnings = sort_problems(self.warnings)
        for row in sorted(self.rows, key=lambda r: _sortable(r.order)):
            if row.status == "created":
                result.created.append((row.rel, row.origin))
            elif row.status == "updated":
                moved = f"，原在 {(self.root / row.old_rel).as_posix()}" if row.old_rel else ""
                result.updated.append((row.rel, row.origin + moved))
            elif row.status == "unchanged":
                result.unchanged += 1
        if not result.problems and not result.dry_run:
            self.write()
        return result


def import_files(paths: list[Path], root: Path, settings: Settings, dry_run: bool = False) -> ImportResult:
    """Import ledgers into the records tree at ``root``: all rows or, on any error, none."""
    return _Importer(root, settings, dry_run).run([Path(p) for p in paths])


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _link_or_copy(source: str, target: str) -> None:
    """Copy a file into the scratch tree cheaply (a hard link where the file system allows)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
