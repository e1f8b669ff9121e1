"""The one way the bot writes spreadsheet cells, so text from people never becomes a formula.

Names, group and branch names reach our exports from self-registration and from uploaded
rosters. Written as they are, "=HYPERLINK(…)" or "=cmd|' /C calc'!A0" becomes a live formula
(openpyxl stores any string starting with "=" as one) in a file the secretary opens. Every
export builds its workbook with new_workbook and writes rows with append_row; a test
checks that nothing else in the code base creates a Workbook.

How a hostile value is made inert, and why each step:
- The cell is stored as a plain string (data_type "s"), never as a formula or an error value,
  so Excel and LibreOffice show it and evaluate nothing when the file is opened.
- A leading apostrophe is added. In both programs an apostrophe in front is what a person
  types to say "this is text"; kept in the value it also survives copying the cell, saving as
  CSV or re-typing it, where a bare "=..." would turn into a formula again (OWASP's advice for
  CSV injection).
- The cell's quotePrefix style is set, the flag Excel and LibreOffice themselves store for a
  typed apostrophe: editing the cell and pressing Enter keeps it text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl costs ~0.2 s and ~13 MB: imported when a sheet is made, not at start
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

# What makes a spreadsheet read a typed, pasted or CSV-loaded cell as a formula or a DDE call;
# the full-width forms too, which spreadsheets with a Chinese input method take for the same.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
TEXT_MARK = "'"


def is_risky(text: str) -> bool:
    """Whether a spreadsheet could take this text for a formula."""
    return text.startswith(FORMULA_PREFIXES)


# Control characters an .xlsx cannot hold (openpyxl raises on them, and the whole export with
# it): a name or a note pasted with one is stored without it. Tab, LF and CR are allowed.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def inert_text(text: str) -> str:
    """The text as it is stored in a cell: without the control characters a cell cannot hold,
    and with a leading apostrophe when it could start a formula."""
    text = _ILLEGAL.sub("", text)
    return TEXT_MARK + text if is_risky(text) else text


def new_workbook(*, write_only: bool = False) -> tuple[Workbook, Worksheet]:
    """A workbook and its first sheet.

    write_only: openpyxl's streaming mode (rows are written as appended, nothing read back),
    for exports of many thousand rows; the same append_row keeps text inert.
    """
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    if write_only:
        streaming = Workbook(write_only=True)
        return streaming, streaming.create_sheet()
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    return wb, ws


def text_cell(ws: Worksheet, text: str) -> Cell:
    """A cell holding text as text (see the module docstring)."""
    from openpyxl.cell.cell import Cell

    # A placeholder position (append sets the real one); the streaming mode needs one to
    # tell a Cell from a value.
    cell = Cell(ws, row=1, column=1)
    stored = inert_text(text)
    cell.value = stored
    # openpyxl guesses "f" for "=…" and "e" for "#N/A"-like strings: text stays text.
    cell.data_type = "s"
    if is_risky(_ILLEGAL.sub("", text)):
        cell.quotePrefix = True
    return cell


def _needs_care(text: str, error_codes: Iterable[str]) -> bool:
    return is_risky(text) or text in error_codes or _ILLEGAL.search(text) is not None


def append_row(ws: Worksheet, values: Iterable[object]) -> None:
    """Worksheet.append, with every string that could be read as anything but text written
    through text_cell; a plain string (openpyxl stores it as text already) is passed as it is,
    which is several times cheaper for exports of many thousand rows."""
    from openpyxl.cell.cell import ERROR_CODES

    ws.append(
        [
            text_cell(ws, v) if isinstance(v, str) and _needs_care(v, ERROR_CODES) else v
            for v in values
        ]
    )


def workbook_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
