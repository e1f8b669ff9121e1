"""Spreadsheets the secretary downloads: the roster template and the binding-links list.

The Chinese strings here are file content (column headers the importer recognises and the
template's instructions), not bot messages.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl is imported when a sheet is made, not at start (see sheets.py)
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

from bot.domain.sheets import append_row, new_workbook, workbook_bytes

# Template header, in column order; parse_roster recognises these and their aliases.
TEMPLATE_HEADERS: tuple[str, ...] = (
    "姓名",
    "手机号",
    "类别",
    "党小组",
    "入党日期",
    "转正日期",
    "工作单位",
)
# The example row's name and phone; parse_roster drops a row with exactly these.
TEMPLATE_EXAMPLE_NAME = "张三"
TEMPLATE_EXAMPLE_PHONE = "13800138000"
_EXAMPLE_GROUP = "第一党小组"
_EXAMPLE_JOINED = date(2010, 7, 1)
_EXAMPLE_FULL = date(2011, 7, 1)

_CATEGORY_CHOICES = "直管党员,在职党员,流动党员,离退休党员,预备党员,入党积极分子"
_WIDTHS = (12, 16, 14, 16, 14, 14, 28)


def _bold() -> Font:
    from openpyxl.styles import Font

    return Font(bold=True)


def _header_fill() -> PatternFill:
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor="FDE9D9")


_HELP_COLUMNS: tuple[tuple[str, str], ...] = (
    ("姓名", "必填，1-30 个字。"),
    ("手机号", "11 位手机号，可不填。"),
    ("类别", "从下拉框选择（见下表）；不填按直管党员。"),
    ("党小组", "与机器人中的党小组名称一致；可不填。"),
    ("入党日期", "如 2020-07-01、2020/7/1、2020.7.1、2020年7月1日、20200701。"),
    ("转正日期", "格式同上；预备党员和入党积极分子不填。"),
    ("工作单位", "在职党员填写，可不填。"),
)
_HELP_CATEGORIES: tuple[tuple[str, str, str, str], ...] = (
    ("直管党员", "组织关系在本社区党支部的党员", "有", "交"),
    ("在职党员", "在社区报到的在职党员（双重管理）", "有", "交"),
    ("流动党员", "外出或流入的流动党员", "有", "交"),
    ("离退休党员", "离休、退休党员", "有", "交"),
    ("预备党员", "预备期内，不填转正日期", "无", "交"),
    ("入党积极分子", "尚未入党，不填入党和转正日期", "无", "不交"),
)
_HELP_NOTES: tuple[str, ...] = (
    "第一个工作表的第一行是表头，请勿修改列名；第 2 行是示例（张三），导入时自动忽略，可删除。",
    "每人一行，空行会被跳过；一次最多导入 2000 人。",
)


def _fill_roster_sheet(ws: Worksheet, groups: Sequence[str]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.title = "党员名单"
    append_row(ws, list(TEMPLATE_HEADERS))
    example_group = groups[0] if groups else _EXAMPLE_GROUP
    append_row(
        ws,
        [
            TEMPLATE_EXAMPLE_NAME,
            TEMPLATE_EXAMPLE_PHONE,
            "直管党员",
            example_group,
            _EXAMPLE_JOINED,
            _EXAMPLE_FULL,
            None,
        ],
    )
    for col, width in enumerate(_WIDTHS, start=1):
        letter = ws.cell(row=1, column=col).column_letter
        ws.column_dimensions[letter].width = width
        ws.cell(row=1, column=col).font = _bold()
        ws.cell(row=1, column=col).fill = _header_fill()
    # Text format keeps Excel from turning 11-digit phones into 1.38E+10.
    ws.column_dimensions["B"].number_format = "@"
    ws["B2"].number_format = "@"
    for letter in ("E", "F"):
        ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
        ws[f"{letter}2"].number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    # A dropdown spares typing; other labels (直管, retired ...) are still accepted on import.
    category_list = DataValidation(
        type="list", formula1=f'"{_CATEGORY_CHOICES}"', allow_blank=True, showErrorMessage=False
    )
    category_list.add("C2:C2001")
    ws.add_data_validation(category_list)
    choices = ",".join(groups)
    # Excel's inline list is one quoted, comma-separated string of at most 255 characters.
    if groups and len(choices) <= 250 and not any("," in g or '"' in g for g in groups):
        group_list = DataValidation(
            type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=False
        )
        group_list.add("D2:D2001")
        ws.add_data_validation(group_list)


def _fill_help_sheet(ws: Worksheet, groups: Sequence[str]) -> None:
    ws.title = "填写说明"
    titles = [1]
    append_row(ws, ["列", "填写说明"])
    for row in _HELP_COLUMNS:
        append_row(ws, list(row))
    append_row(ws, [])
    append_row(ws, ["类别", "含义", "表决权", "党费"])
    titles.append(ws.max_row)
    for category_row in _HELP_CATEGORIES:
        append_row(ws, list(category_row))
    if groups:
        append_row(ws, [])
        append_row(ws, ["本支部党小组"])
        titles.append(ws.max_row)
        for group in groups:
            append_row(ws, [group])
    append_row(ws, [])
    for note in _HELP_NOTES:
        append_row(ws, [note])
    for title_row in titles:
        for cell in ws[title_row]:
            cell.font = _bold()
    for letter, width in zip("ABCD", (14, 60, 10, 8), strict=True):
        ws.column_dimensions[letter].width = width


def roster_template_xlsx(groups: Sequence[str] = ()) -> bytes:
    """The import template: header, an example row, a 填写说明 sheet; groups fill a dropdown."""
    wb, sheet = new_workbook()
    _fill_roster_sheet(sheet, groups)
    _fill_help_sheet(wb.create_sheet(), groups)
    return workbook_bytes(wb)


def roster_template_csv() -> bytes:
    """The import template as CSV, UTF-8 with BOM so Excel shows the Chinese header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TEMPLATE_HEADERS)
    writer.writerow(
        [
            TEMPLATE_EXAMPLE_NAME,
            TEMPLATE_EXAMPLE_PHONE,
            "直管党员",
            _EXAMPLE_GROUP,
            _EXAMPLE_JOINED.isoformat(),
            _EXAMPLE_FULL.isoformat(),
            "",
        ]
    )
    return out.getvalue().encode("utf-8-sig")


def binding_links_xlsx(
    rows: Sequence[tuple[str, str | None, str]], *, title: str = "党员绑定链接"
) -> bytes:
    """A sheet of (姓名, 党小组, 绑定链接) under a title row; links are clickable."""
    from openpyxl.styles import Alignment, Font

    wb, ws = new_workbook()
    ws.title = "绑定链接"
    append_row(ws, [title])
    ws.merge_cells("A1:C1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    append_row(ws, ["姓名", "党小组", "绑定链接"])
    for cell in ws[2]:
        cell.font = _bold()
        cell.fill = _header_fill()
    for name, group, link in rows:
        append_row(ws, [name, group or "", link])
        cell = ws.cell(row=ws.max_row, column=3)
        cell.hyperlink = link
        cell.font = Font(color="0563C1", underline="single")
    for letter, width in zip("ABC", (14, 18, 72), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A3"
    return workbook_bytes(wb)
