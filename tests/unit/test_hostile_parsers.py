"""Every parse and validate layer takes any text: it answers "no" politely, it never raises."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from bot.domain import payloads
from bot.domain.approvals import clean_reason
from bot.domain.dues.ledger import parse_days
from bot.domain.dues.money import parse_amount
from bot.domain.dues.months import parse_month
from bot.domain.hours.certificate import parse_code
from bot.domain.hours.periods import parse_range
from bot.domain.hours.rules import clean_what, parse_day, parse_hours
from bot.domain.links import parse_payload
from bot.domain.meetings.checkin import normalize_code
from bot.domain.meetings.recurrence import parse_recurrence
from bot.domain.meetings.reminders import parse_reminder_offsets
from bot.domain.members.fields import (
    normalize_phone,
    parse_category,
    parse_date,
    validate_name,
    validate_work_unit,
)
from bot.domain.members.roles import parse_role
from bot.domain.members.roster_read import parse_roster
from bot.domain.posts.rules import clean_phone, clean_text
from bot.domain.residents import rules as residents_rules
from bot.domain.sheets import FORMULA_PREFIXES, append_row, new_workbook, workbook_bytes
from tests.hostile_text import nasty_text

FAST = settings(max_examples=100, deadline=None)
TODAY = date(2026, 3, 2)

PARSERS: dict[str, Callable[[str], object]] = {
    "callback_data_ok": payloads.callback_data_ok,
    "start_payload_ok": payloads.start_payload_ok,
    "parse_payload": parse_payload,
    "clean_reason": clean_reason,
    "normalize_code": normalize_code,
    "parse_days": parse_days,
    "parse_amount": parse_amount,
    "parse_month": parse_month,
    "parse_code": parse_code,
    "parse_range": lambda s: parse_range(s, TODAY),
    "clean_what": clean_what,
    "parse_day": lambda s: parse_day(s, TODAY),
    "parse_hours": parse_hours,
    "parse_reminder_offsets": parse_reminder_offsets,
    "normalize_phone": normalize_phone,
    "parse_category": parse_category,
    "parse_date": parse_date,
    "validate_name": validate_name,
    "validate_work_unit": validate_work_unit,
    "parse_role": parse_role,
    "parse_recurrence": lambda s: parse_recurrence(s, "Asia/Shanghai"),
    "posts.clean_text": lambda s: clean_text(s, minimum=1, maximum=200),
    "posts.clean_phone": clean_phone,
    "residents.clean": lambda s: residents_rules.clean(s, limit=300, minimum=4),
    "residents.clean_phone": residents_rules.clean_phone,
}


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_parsers_never_raise(name: str) -> None:
    parse = PARSERS[name]

    @FAST
    @given(nasty_text())
    def check(text: str) -> None:
        parse(text)

    check()


# Characters str.isdigit() accepts and int() refuses (found: "²" crashed parse_days), and
# digits of other scripts int() takes: every parser must answer, not raise.
UNICODE_DIGITS = ["²", "¹⁰", "2026-²", "10,²", "202603²", "１０", "٣", "𝟙𝟘", "2026年³月"]


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_parsers_take_digits_of_every_kind(name: str) -> None:
    for text in UNICODE_DIGITS:
        PARSERS[name](text)


@FAST
@given(st.lists(nasty_text(80), min_size=1, max_size=6))
@example(["\x1f"])  # found: one control character made openpyxl refuse the whole export
@example(["\x01=1+1"])  # and removing it must not uncover a formula
def test_every_export_cell_is_inert(values: list[str]) -> None:
    wb, ws = new_workbook()
    append_row(ws, values)
    cells = next(load_workbook(io.BytesIO(workbook_bytes(wb))).active.iter_rows(values_only=True))
    for value in cells:
        if isinstance(value, str):
            assert not value.startswith(FORMULA_PREFIXES)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["a.xlsx", "a.csv", "a.xls", "名单.XLSX", "x", ".csv"]),
    st.binary(max_size=3000),
)
def test_any_uploaded_roster_bytes_are_read_or_refused(filename: str, content: bytes) -> None:
    parse_roster(filename, content)


@settings(max_examples=40, deadline=None)
@given(nasty_text(60))
def test_csv_rosters_of_nasty_text_are_read_or_refused(text: str) -> None:
    content = ("姓名,手机\n" + text.replace("\n", " ") + ",13800000000\n").encode(
        "utf-8", "surrogatepass"
    )
    parse_roster("名单.csv", content)
