"""The hours export (.xlsx): every approved record of the period and team, and the sums.

Names, teams and "what was done" are typed by members: every cell goes through the one safe
writer, bot.domain.sheets, so none of them can become a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from bot.domain.sheets import append_row, new_workbook, workbook_bytes

if TYPE_CHECKING:
    from openpyxl.styles import Font


def _bold() -> Font:
    from openpyxl.styles import Font  # not at start (see bot/domain/sheets.py)

    return Font(bold=True)


_WIDTHS = {"A": 12, "B": 12, "C": 16, "D": 10, "E": 40, "F": 12, "G": 12}


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


def _hours(halves: int) -> float:
    # Halves / 2 is exact in binary floating point: 2.5 stays 2.5, and so do the sums.
    return halves / 2


def build(lines: Sequence[Line], labels: Labels) -> bytes:
    wb, ws = new_workbook()
    ws.title = labels.sheet_records
    append_row(ws, [labels.title])
    append_row(ws, labels.headers)
    for line in lines:
        append_row(
            ws,
            [
                line.day,
                line.name,
                line.team,
                _hours(line.halves),
                line.what,
                line.source,
                line.decided_by,
            ],
        )
    for row in (1, 2):
        for cell in ws[row]:
            cell.font = _bold()
    for cell in ws["A"][2:]:
        cell.number_format = "yyyy-mm-dd"
    for cell in ws["D"][2:]:
        cell.number_format = "0.0"
    for column, width in _WIDTHS.items():
        ws.column_dimensions[column].width = width
    sums = wb.create_sheet(labels.sheet_totals)
    append_row(sums, labels.totals_headers)
    per_name: dict[str, int] = {}
    for line in lines:
        per_name[line.name] = per_name.get(line.name, 0) + line.halves
    for name, halves in sorted(per_name.items(), key=lambda kv: (-kv[1], kv[0])):
        append_row(sums, [name, _hours(halves)])
    append_row(sums, [labels.total, _hours(sum(line.halves for line in lines))])
    for cell in sums[1]:
        cell.font = _bold()
    return workbook_bytes(wb)
