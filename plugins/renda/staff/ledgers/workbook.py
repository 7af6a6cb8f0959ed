"""Reading a workbook, .xlsx or WPS's .xls, as sheets of rows of cell values."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .columns import _OLE, LedgerError

# Reading workbooks -------------------------------------------------------------------------


@dataclass
class Sheet:
    """One worksheet as values: ``rows`` are (Excel row number, cell values)."""

    file: Path
    name: str
    rows: list[tuple[int, list[Any]]]


def read_workbook(path: Path) -> list[Sheet]:
    """Every worksheet of an .xlsx (openpyxl) or .xls (xlrd) file, told apart by content, not
    by name (WPS sometimes saves one under the other's extension)."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK"):
        from openpyxl import load_workbook

        with open(path, "rb") as handle:
            book = load_workbook(handle, data_only=True)
            return [Sheet(Path(path), ws.title, [(number, list(values)) for number, values in
                                                 enumerate(ws.iter_rows(values_only=True), start=1)])
                    for ws in book.worksheets]
    if head == _OLE:
        import xlrd

        book = xlrd.open_workbook(str(path))
        return [Sheet(Path(path), ws.name, [(number + 1, xls_values(ws.row(number), book.datemode))
                                            for number in range(ws.nrows)])
                for ws in book.sheets()]
    raise LedgerError("不是 Excel 文件（.xlsx 或 .xls）。如果是 WPS 表格（.et），请在 WPS 里另存为 .xlsx 后再导入。")


def xls_values(cells, datemode: int) -> list[Any]:
    """The values of one row of xlrd cells: dates as ``datetime``, yes/no as ``bool``."""
    import xlrd

    values: list[Any] = []
    for cell in cells:
        if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            values.append(None)
        elif cell.ctype == xlrd.XL_CELL_DATE:
            try:
                values.append(xlrd.xldate.xldate_as_datetime(cell.value, datemode))
            except (xlrd.xldate.XLDateError, OverflowError, ValueError):
                values.append(cell.value)
        elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
            values.append(bool(cell.value))
        elif cell.ctype == xlrd.XL_CELL_ERROR:
            values.append(xlrd.error_text_from_code.get(cell.value, "#错误"))
        else:
            values.append(cell.value)
    return values
