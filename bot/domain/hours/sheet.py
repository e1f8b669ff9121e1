"""The hours export (.xlsx): every approved record of the period and team, and the sums.

Names, teams and "what was done" are typed by members; a cell starting with = + - @ or a tab
would be run as a formula by a spreadsheet program, so every text is written as a string and
such a start is neutralised.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BOLD = Font(bold=True)


@dataclass(frozen=True)
class Line:
    day: date
    name: str
    team: str
    halves: int
    what: str
    source: str
    decided_by: str


@dataclass(frozen=True)
class Labels:
    """Column headers and sheet names in the reader's language."""

    sheet_records: str
    sheet_totals: str
    headers: tuple[str, ...]  # day, name, team, hours, what, source, decided by
    totals_headers: tuple[str, ...]  # name, hours
    title: str
    total: str


def safe_text(value: str) -> str:
    """A text cell that no spreadsheet program will run as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _text(ws: Worksheet, row: int, col: int, value: str) -> Cell:
    cell: Cell = ws.cell(row=row, column=col)
    cell.value = safe_text(value)
    cell.data_type = "s"  # never a formula, whatever the text
    return cell


def _hours(ws: Worksheet, row: int, col: int, halves: int) -> None:
    # Halves / 2 is exact in binary floating point: 2.5 stays 2.5, sums stay exact.
    cell = ws.cell(row=row, column=col, value=halves / 2)
    cell.number_format = "0.0"


def build(lines: Sequence[Line], labels: Labels) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = labels.sheet_records
    _text(ws, 1, 1, labels.title).font = _BOLD
    for col, header in enumerate(labels.headers, start=1):
        _text(ws, 2, col, header).font = _BOLD
    for i, line in enumerate(lines, start=3):
        ws.cell(row=i, column=1, value=line.day).number_format = "yyyy-mm-dd"
        _text(ws, i, 2, line.name)
        _text(ws, i, 3, line.team)
        _hours(ws, i, 4, line.halves)
        _text(ws, i, 5, line.what)
        _text(ws, i, 6, line.source)
        _text(ws, i, 7, line.decided_by)
    for col, width in enumerate((12, 12, 16, 8, 40, 12, 12), start=1):
        ws.column_dimensions[chr(64 + col)].width = width
    sums = wb.create_sheet(labels.sheet_totals)
    for col, header in enumerate(labels.totals_headers, start=1):
        _text(sums, 1, col, header).font = _BOLD
    per_name: dict[str, int] = {}
    for line in lines:
        per_name[line.name] = per_name.get(line.name, 0) + line.halves
    row = 2
    for name, halves in sorted(per_name.items(), key=lambda kv: (-kv[1], kv[0])):
        _text(sums, row, 1, name)
        _hours(sums, row, 2, halves)
        row += 1
    _text(sums, row, 1, labels.total).font = _BOLD
    _hours(sums, row, 2, sum(line.halves for line in lines))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
