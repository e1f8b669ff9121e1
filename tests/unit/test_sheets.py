"""Every spreadsheet the bot writes stores text from people as text, never as a formula."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.domain.hours.sheet import Labels, Line
from bot.domain.hours.sheet import build as hours_xlsx
from bot.domain.members.roster import binding_links_xlsx, roster_template_xlsx
from bot.domain.sheets import FORMULA_PREFIXES, inert_text, is_risky
from bot.services.dues.reports import LedgerData, build_ledger
from bot.services.meetings.reports import RegisterData, build_register
from bot.services.privacy import audit as privacy_audit
from bot.services.privacy import mydata

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = [
    '=HYPERLINK("http://evil.example/x","点")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3张三",
    "@SUM(1+1)李四",
    "\t=1+1王五",
    "\r=1+1赵六",
    "＝1+1钱七",
]
ERROR_LIKE = "#N/A"  # openpyxl would store it as an error value


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_gets_the_text_mark(text: str) -> None:
    assert is_risky(text) and not is_risky(inert_text(text))
    assert inert_text(text) == "'" + text


@pytest.mark.parametrize("text", ["张三", "欧阳·娜娜", "—", "12.5%", "https://t.me/x?start=b_1"])
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert inert_text(text) == text


def _exports() -> dict[str, bytes]:
    """Every workbook the bot can produce, filled with hostile names wherever people write."""
    names = [*HOSTILE, ERROR_LIKE]
    rows = [(name, name, "https://t.me/bot?start=b_x") for name in names]
    register = RegisterData(
        filename="r.xlsx",
        sheet="出勤登记",
        title=HOSTILE[0] + " 出勤",
        head=["姓名", "党小组", HOSTILE[1]],
        rows=[[name, name, "—", 1, "12.5%"] for name in names],
        fills=[[None] for _ in names],
        meetings=1,
        members=len(names),
    )
    ledger = LedgerData(
        branch_name=HOSTILE[0],
        year=2026,
        months=(202601, 202602),
        rows=tuple(
            (
                name,
                name,
                ((Decimal("12.50"), Decimal("12.50"), date(2026, 1, 9)), (None, Decimal(0), None)),
            )
            for name in names
        ),
        collected=Decimal("12.50"),
        remitted=Decimal(0),
    )
    return {
        "binding links (after an import, unbound sheet)": binding_links_xlsx(
            rows, title=HOSTILE[1] + " 党员绑定链接"
        ),
        "roster template": roster_template_xlsx(names),
        "own data (/mydata)": mydata.build_xlsx(
            (mydata.Section("member", ("name", "phone"), tuple((n, n) for n in names)),)
        ),
        "audit log (/audit)": privacy_audit.build_xlsx(
            [privacy_audit.Line("2026-03-01 09:00", n, n, n, 1, n) for n in names]
        ),
        "attendance register (/report)": build_register(register).content,
        "dues ledger": build_ledger(ledger, "zh")[0],
        "volunteer hours (/hours 📈)": hours_xlsx(
            [Line(date(2026, 3, 1), n, n, 3, n, n, n) for n in names],
            # Sheet names come from the text catalog; everything else may be a person's text.
            Labels("明细", "合计", (HOSTILE[3],) * 7, (HOSTILE[4],) * 2, HOSTILE[5], HOSTILE[6]),
        ),
    }


def test_no_export_holds_a_formula_or_a_risky_cell() -> None:
    seen = 0
    for export, data in _exports().items():
        workbook = load_workbook(io.BytesIO(data))
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type not in ("f", "e"), (export, cell.coordinate, cell.value)
                    if isinstance(cell.value, str):
                        assert not cell.value.startswith(FORMULA_PREFIXES), (export, cell.value)
                        seen += HOSTILE[1] in cell.value
    assert seen >= 3  # the hostile names are there, as text


def test_every_workbook_is_built_by_the_sheets_helper() -> None:
    """A new export must use bot.domain.sheets (and be added to _exports above)."""
    builders: set[str] = set()
    for path in sorted(ROOT.glob("*/**/*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.split("/")[0] not in ("bot", "handlers", "jobs", "storage"):
            continue
        source = path.read_text(encoding="utf-8")
        if rel != "bot/domain/sheets.py":
            assert not re.search(r"\bWorkbook\(|import\s+Workbook|\bWorkbook\b,", source), rel
        if "new_workbook(" in source and rel != "bot/domain/sheets.py":
            builders.add(rel)
    assert builders == {
        "bot/domain/members/sheets.py",
        "bot/services/meetings/reports.py",
        "bot/services/dues/reports.py",
        "bot/domain/hours/sheet.py",
        "bot/services/privacy/mydata.py",
        "bot/services/privacy/audit.py",
        "bot/services/cards/export.py",  # hostile names: tests/e2e/cards/test_cards_tally.py
    }
