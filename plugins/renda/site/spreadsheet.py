"""Cells that are safe to open: text that WPS, Excel or LibreOffice would take for a formula.

A value starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or line break before one) is run
as a formula when a staff member opens a downloaded CSV file or edits the cell in a workbook:
``=HYPERLINK("http://…")`` in a record's title becomes a live link, worse ones run commands.
CSV text gets the usual leading apostrophe; workbook cells stay the exact text, stored as text
and marked "quote prefix", so the ledgers still read back unchanged. Numbers are numbers and
never touched.
"""

from __future__ import annotations

from typing import Any

#: What a spreadsheet program reads as the start of a formula (full-width forms too: WPS and
#: Excel with an East Asian input method turn them into ASCII).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def looks_like_formula(value: Any) -> bool:
    """Whether ``value`` is text a spreadsheet program would take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_value(value: Any) -> Any:
    """``value`` for a CSV cell: formula-like text behind an apostrophe, everything else as is."""
    return "'" + value if looks_like_formula(value) else value


def protect_row(sheet, row: int, values) -> None:
    """Mark the formula-like text cells among ``values``, just written as row ``row`` of a
    workbook's ``sheet``, as text (openpyxl would store ``=…`` as a formula; Excel re-reads
    the others as one when the cell is edited). Only those cells are looked up: asking a
    sheet for its last row counts all its cells, which made writing a long sheet quadratic."""
    for column, value in enumerate(values, start=1):
        if looks_like_formula(value):
            cell = sheet.cell(row, column)
            cell.data_type = "s"
            cell.quotePrefix = True
