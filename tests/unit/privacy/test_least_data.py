"""Least data: no ID-card numbers anywhere, phone optional, incomes for few eyes only, and
published reports and leaderboards without incomes or amounts of any one person."""

from __future__ import annotations

import string
from datetime import date

from bot.domain.dues.ledger import handles_dues
from bot.domain.members.roster import validate_roster
from bot.domain.members.roster_read import RawRow, parse_roster
from bot.domain.privacy import id_card_header
from bot.texts import catalog
from storage.models import Base

ID_NUMBER = "110101195003071234"


def test_no_table_has_an_id_card_column() -> None:
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            words = column.name.replace("_", " ")
            assert not id_card_header(words), f"{table.name}.{column.name}"
            assert "shenfen" not in column.name and "id_card" not in column.name


def test_roster_import_ignores_an_id_card_column() -> None:
    csv = (
        "姓名,身份证号,手机号,类别\n"
        f"张建国,{ID_NUMBER},13800000001,直管党员\n"
        f"李秀英,{ID_NUMBER[:-1]}X,,直管党员\n"
    ).encode()
    parsed = parse_roster("名单.csv", csv)
    assert parsed.ok and len(parsed.rows) == 2
    assert "身份证号" in parsed.ignored_headers
    for row in parsed.rows:
        assert ID_NUMBER[:10] not in repr(row)
    assert set(RawRow.__dataclass_fields__) >= {"name", "phone"}
    assert not any(id_card_header(f) for f in RawRow.__dataclass_fields__)


def test_phone_is_optional_in_the_roster() -> None:
    parsed = parse_roster("名单.csv", "姓名,类别\n王桂兰,直管党员\n".encode())
    assert parsed.ok
    checked = validate_roster(parsed.rows, known_groups={}, existing=[], today=date(2026, 3, 1))
    assert not checked.bad and len(checked.good) == 1
    assert checked.good[0].phone is None


def test_incomes_only_for_the_secretary_and_the_treasurer() -> None:
    treasurer = 7
    assert handles_dues("secretary", 1, treasurer)
    assert handles_dues("committee", treasurer, treasurer)
    assert not handles_dues("committee", 8, treasurer)  # another committee member
    assert not handles_dues("committee", 8, None)
    assert not handles_dues("group_leader", 9, treasurer)
    assert not handles_dues("member", 10, treasurer)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_published_reports_and_leaderboards_name_no_ones_income_or_amount() -> None:
    money = {"amount", "income", "due", "paid_amount", "basis", "value", "yuan"}
    for key, texts in catalog().items():
        if key.startswith("dues.report.") or key.startswith("hours.stats."):
            fields = _fields(texts["zh"])
            assert not (fields & money), key
            # A line with a person's name carries no money: only hours on the board.
            if "name" in fields:
                assert "元" not in texts["zh"] and "¥" not in texts["zh"], key
