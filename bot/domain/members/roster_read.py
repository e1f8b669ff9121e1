"""Reading an uploaded roster (.xlsx or .csv) into raw rows; checking them is roster.py."""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum, StrEnum
from typing import Any, Final

from bot.domain.members.fields import normalize_phone, parse_date
from bot.domain.members.sheets import TEMPLATE_EXAMPLE_NAME, TEMPLATE_EXAMPLE_PHONE

MAX_BYTES: Final = 5 * 1024 * 1024
MAX_ROWS: Final = 2000
HEADER_SEARCH_ROWS: Final = 10  # title rows (XX社区党员花名册) may sit above the header
_UNZIP_FACTOR: Final = 20  # an .xlsx inflating beyond this is a zip bomb, not a roster


class Column(StrEnum):
    NAME = "name"
    PHONE = "phone"
    CATEGORY = "category"
    GROUP = "group"
    JOINED = "joined"
    FULL = "full"
    WORK_UNIT = "work_unit"


# Header aliases, "|"-separated; matched after _header_key normalisation.
_ALIASES: Mapping[Column, str] = {
    Column.NAME: "姓名|党员姓名|名字|name|full name",
    Column.PHONE: "手机号|手机|手机号码|电话|联系电话|电话号码|联系方式"
    "|phone|mobile|phone number|tel|telephone",
    Column.CATEGORY: "类别|党员类别|类型|党员类型|category|type",
    Column.GROUP: "党小组|所在党小组|小组|group|party group",
    Column.JOINED: "入党日期|入党时间|joined|joined_on|join date|joined on|date joined",
    Column.FULL: "转正日期|转正时间|full member|full_on|full member date|full date|full member on",
    Column.WORK_UNIT: "工作单位|单位|work unit|employer|workplace",
}


class RosterError(Enum):
    """Why an uploaded file cannot be read as a roster at all."""

    TOO_BIG = "too_big"
    EMPTY = "empty"
    UNKNOWN_EXTENSION = "unknown_extension"
    OLD_EXCEL_FORMAT = "old_excel_format"  # .xls / .et: ask to save as .xlsx
    NOT_A_SPREADSHEET = "not_a_spreadsheet"
    NO_HEADER = "no_header"  # data starts straight away, no header row
    NO_NAME_COLUMN = "no_name_column"
    TOO_MANY_ROWS = "too_many_rows"


@dataclass(frozen=True)
class RawRow:
    """One non-empty data row as read; line is the 1-based spreadsheet row."""

    line: int
    name: str = ""
    phone: str = ""
    category: str = ""
    group: str = ""
    joined: str | date = ""
    full: str | date = ""
    work_unit: str = ""


@dataclass(frozen=True)
class RosterParse:
    """Rows read from a file, or the error that stopped reading (row_count: data rows seen)."""

    rows: list[RawRow]
    error: RosterError | None = None
    row_count: int = 0
    header_line: int | None = None
    columns: frozenset[Column] = frozenset()
    ignored_headers: list[str] = field(default_factory=list)
    example_skipped: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


def _header_key(text: str) -> str:
    value = unicodedata.normalize("NFKC", text).casefold()
    value = re.sub(r"\(.*?\)|\[.*?\]|【.*?】", "", value)  # 姓名(必填), 入党日期【年月日】
    return re.sub(r"[\s_\-*:]", "", value)


_HEADER_KEYS: Mapping[str, Column] = {
    _header_key(alias): column
    for column, aliases in _ALIASES.items()
    for alias in aliases.split("|")
}
_EXCEL_TEXT = re.compile(r'="(.*)"', re.DOTALL)  # ="0123" keeps Excel from eating digits
_EXCEL_EPOCH = date(1899, 12, 30)


def _text(value: object) -> str:
    """A cell as trimmed text; integral floats lose their .0 (phones stored as numbers)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if m := _EXCEL_TEXT.fullmatch(text):
        return m.group(1).strip()
    return text


def _date_cell(value: object) -> str | date:
    """A date cell: dates stay dates, Excel serial numbers become dates, the rest text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    # A bare serial means a date cell formatted as a number; 8 digits mean 20200701.
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and isinstance(value, int | float) and 10_000 <= value < 2_958_466:
        return _EXCEL_EPOCH + timedelta(days=int(value)) if value == int(value) else _text(value)
    return _text(value)


def _map_header(cells: Sequence[str]) -> tuple[dict[int, Column], list[str]]:
    mapping: dict[int, Column] = {}
    ignored: list[str] = []
    for index, text in enumerate(cells):
        column = _HEADER_KEYS.get(_header_key(text))
        if column is not None and column not in mapping.values():
            mapping[index] = column
        elif text:
            ignored.append(text)
    return mapping, ignored


def _looks_like_data(cells: Sequence[object]) -> bool:
    for cell in cells:
        if isinstance(cell, date):
            return True
        text = _text(cell)
        if text and (isinstance(normalize_phone(text), str) or parse_date(text) is not None):
            return True
    return False


def _raw_row(line: int, cells: Sequence[object], mapping: Mapping[int, Column]) -> RawRow:
    values: dict[str, str | date] = {}
    for index, column in mapping.items():
        cell = cells[index] if index < len(cells) else None
        is_date = column in (Column.JOINED, Column.FULL)
        values[column.value] = _date_cell(cell) if is_date else _text(cell)
    return RawRow(
        line=line,
        name=str(values.get(Column.NAME, "")),
        phone=str(values.get(Column.PHONE, "")),
        category=str(values.get(Column.CATEGORY, "")),
        group=str(values.get(Column.GROUP, "")),
        joined=values.get(Column.JOINED, ""),
        full=values.get(Column.FULL, ""),
        work_unit=str(values.get(Column.WORK_UNIT, "")),
    )


def _is_example(row: RawRow) -> bool:
    return row.name == TEMPLATE_EXAMPLE_NAME and row.phone == TEMPLATE_EXAMPLE_PHONE


def _collect(lines: Iterable[tuple[int, Sequence[object]]], max_rows: int) -> RosterParse:
    """Find the header among the first rows, then gather data rows below it."""
    mapping: dict[int, Column] | None = None
    ignored: list[str] = []
    header_line: int | None = None
    seen = count = 0
    first_is_data = example = False
    rows: list[RawRow] = []
    for line, cells in lines:
        if not any(_text(c) for c in cells):
            continue
        if mapping is None:
            seen += 1
            found, ignored = _map_header([_text(c) for c in cells])
            if Column.NAME in found.values():
                mapping, header_line = found, line
            elif seen == 1:
                first_is_data = _looks_like_data(cells)
            if mapping is None and seen >= HEADER_SEARCH_ROWS:
                break
            continue
        row = _raw_row(line, cells, mapping)
        if not example and _is_example(row):
            example = True
            continue
        count += 1
        if count <= max_rows:
            rows.append(row)
    if mapping is None:
        error = RosterError.NO_HEADER if first_is_data else RosterError.NO_NAME_COLUMN
        if seen == 0:
            error = RosterError.EMPTY
        return RosterParse([], error)
    columns = frozenset(mapping.values())
    if count > max_rows:
        return RosterParse([], RosterError.TOO_MANY_ROWS, count, header_line, columns, ignored)
    return RosterParse(rows, None, count, header_line, columns, ignored, example)


def _decode(content: bytes) -> str | None:
    """Text of a CSV as Excel/WPS save it in China: UTF-8 (BOM or not), UTF-16, else GB18030."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", "\t", ";", "，")}
    best = max(counts, key=lambda d: counts[d])  # ties keep the earlier, more usual one
    return best if counts[best] else ","


def _csv_lines(content: bytes) -> list[tuple[int, list[str]]] | RosterError:
    text = _decode(content)
    if text is None or "\x00" in text:
        return RosterError.NOT_A_SPREADSHEET
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return list(enumerate(reader, start=1))
    except csv.Error:
        return RosterError.NOT_A_SPREADSHEET


class _Unreadable(Exception):
    """openpyxl failed while reading sheet data."""


def _sheet_lines(sheet: Any) -> Iterator[tuple[int, Sequence[object]]]:
    """Rows of an openpyxl read-only sheet, numbered as Excel shows them."""
    # openpyxl parses lazily and fails with whatever the XML/zip layer raised.
    try:
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    except Exception as exc:
        raise _Unreadable from exc


def _parse_xlsx(content: bytes, max_bytes: int, max_rows: int) -> RosterParse:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                return RosterParse([], RosterError.NOT_A_SPREADSHEET)
            if sum(info.file_size for info in archive.infolist()) > max_bytes * _UNZIP_FACTOR:
                return RosterParse([], RosterError.TOO_BIG)
    except zipfile.BadZipFile:
        return RosterParse([], RosterError.NOT_A_SPREADSHEET)
    results: list[RosterParse] = []
    from openpyxl import load_workbook  # not at start: only an upload needs it

    # Unsupported extensions (data validation, odd styles) make openpyxl warn; they don't matter.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:
            return RosterParse([], RosterError.NOT_A_SPREADSHEET)
        try:
            # The roster is the first sheet with a header; others may be notes.
            for sheet in workbook.worksheets:
                sheet.reset_dimensions()  # some writers record wrong dimensions
                result = _collect(_sheet_lines(sheet), max_rows)
                if result.header_line is not None:
                    return result
                results.append(result)
        except _Unreadable:
            return RosterParse([], RosterError.NOT_A_SPREADSHEET)
        finally:
            workbook.close()
    fallback = next((r for r in results if r.error is not RosterError.EMPTY), None)
    return fallback or RosterParse([], RosterError.EMPTY)


_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_CSV_SUFFIXES = (".csv", ".tsv", ".txt")
_OLD_SUFFIXES = (".xls", ".et")
# Every name a roster upload may have (an old .xls is read far enough to say "save as .xlsx").
ROSTER_SUFFIXES = _XLSX_SUFFIXES + _CSV_SUFFIXES + _OLD_SUFFIXES
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"\x1f\x8b", b"Rar!")


def parse_roster(
    filename: str, content: bytes, *, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS
) -> RosterParse:
    """Read an uploaded roster (.xlsx or .csv) into raw rows, or say why it cannot be read."""
    if len(content) > max_bytes:
        return RosterParse([], RosterError.TOO_BIG)
    suffix = "." + filename.rsplit(".", 1)[-1].strip().lower() if "." in filename else ""
    if suffix not in _XLSX_SUFFIXES + _CSV_SUFFIXES + _OLD_SUFFIXES:
        return RosterParse([], RosterError.UNKNOWN_EXTENSION)
    if not content.strip():
        return RosterParse([], RosterError.EMPTY)
    # Judge by content: people rename files, and WPS may save an .xlsx under another suffix.
    if content.startswith(_ZIP_MAGIC):
        return _parse_xlsx(content, max_bytes, max_rows)
    if content.startswith(_OLE_MAGIC) or suffix in _OLD_SUFFIXES:
        return RosterParse([], RosterError.OLD_EXCEL_FORMAT)
    if suffix in _XLSX_SUFFIXES or content.startswith(_BINARY_MAGIC):
        return RosterParse([], RosterError.NOT_A_SPREADSHEET)
    lines = _csv_lines(content)
    if isinstance(lines, RosterError):
        return RosterParse([], lines)
    return _collect(lines, max_rows)
