"""Pure helpers of the members feature: names, group lists, callback data, previews, payloads."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.domain.members import Category, MemberError, Role
from bot.domain.members.roster import RowError
from bot.kernel.buttons import MAX_ID
from bot.services.identity import Actor, Membership
from bot.services.members.branches import (
    BranchProblem,
    check_branch_name,
    clean_title,
    parse_group_names,
)
from bot.services.members.directory import ListQuery, clean_search
from bot.services.members.editing import EditField
from bot.services.members.roster import Preview
from handlers.members.buttons import (
    AskField,
    ChooseFilter,
    InviteLimit,
    ListPage,
    ReasonMenu,
    SetRole,
    ViewMember,
)
from handlers.members.flow import START_PAYLOAD, with_membership
from handlers.members.roster import preview_text
from handlers.members.views import category_from_label, fmt_date


def test_clean_title_and_branch_names() -> None:
    assert clean_title("  象山社区\u3000党支部 \x07") == "象山社区 党支部"
    assert check_branch_name("   ") is BranchProblem.NAME_EMPTY
    assert check_branch_name("支" * 51) is BranchProblem.NAME_TOO_LONG
    assert check_branch_name(" 象山社区党支部 ") == "象山社区党支部"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一党小组、第二党小组，第三党小组", ["第一党小组", "第二党小组", "第三党小组"]),
        ("一组\n二组;三组", ["一组", "二组", "三组"]),
        ("Group 1, Group 2", ["Group 1", "Group 2"]),
        ("、、", []),
        ("一组、一组", BranchProblem.GROUP_DUPLICATE),
        ("、".join(f"组{i}" for i in range(21)), BranchProblem.GROUPS_TOO_MANY),
        ("组" * 31, BranchProblem.GROUP_NAME_TOO_LONG),
    ],
)
def test_parse_group_names(text: str, expected: object) -> None:
    assert parse_group_names(text) == expected


def test_list_buttons_round_trip_and_stay_short() -> None:
    query = ListQuery(
        page=9999, group_id=MAX_ID, category="probationary", status="transferred", search="王"
    )
    data = ListPage.of(query).data
    assert len(data.encode()) <= 64
    page = ListPage.parse(data)
    assert page is not None and page.query("王") == query
    chosen = ChooseFilter.parse(ChooseFilter.of("g", query).data)
    assert chosen is not None and chosen.query("王") == replace(query, page=0)
    assert ListPage.of(ListQuery()).query("x") == ListQuery()
    plain = ListPage.parse("mem:ls:0:-:-:active:1")
    assert plain is not None and plain.query(None) == ListQuery(search=None)
    for forged in ("a:-:active:0", "-:-:active", "-:-:Active:0", "-:-:active:2", "-:x:active:0"):
        assert ListPage.parse(f"mem:ls:0:{forged}") is None
    assert ListPage.parse("mem:ls:x:-:-:active:0") is None


def test_member_buttons_carry_their_values() -> None:
    assert ReasonMenu.parse("mem:st:5:archived") == ReasonMenu(5, "archived")
    assert ReasonMenu.parse("mem:st:5:active") is None  # restoring is its own button
    assert SetRole.parse("mem:rs:7:secretary") == SetRole(7, Role.SECRETARY)
    assert AskField(3, EditField.WORK_UNIT).data == "mem:ef:3:work_unit"
    assert InviteLimit.parse("mem:il:5:10") == InviteLimit(5, 10)
    assert ViewMember.parse("mem:mv:4x") is None
    assert ViewMember.parse("mem:mv:" + "9" * 20) is None


@pytest.mark.parametrize(
    ("text", "mine"),
    [
        ("/start i_abc", True),
        ("/start b_abc", True),
        ("/start s_abc", True),
        ("/start hello", True),
        ("/start@partybot_sandbox_bot i_x", True),
        ("/start c_abcdef", False),  # meeting check-in codes belong to the meetings feature
        ("/start", False),
    ],
)
def test_start_payload_filter_leaves_other_kinds(text: str, mine: bool) -> None:
    assert bool(START_PAYLOAD.pattern.search(text)) is mine


def _membership(branch_id: int, status: str = "active", role: str = "member") -> Membership:
    return Membership(
        branch_id * 10,
        branch_id,
        f"支部{branch_id}",
        "Asia/Shanghai",
        None,
        "张三",
        "direct",
        role,
        status,
    )


def test_with_membership_makes_a_first_active_membership_current() -> None:
    stranger = Actor(1, "张三", "zh", False, (), None)
    joined = with_membership(stranger, _membership(1))
    assert joined.member is not None and joined.member.branch_id == 1
    # Joining a second branch keeps acting in the first.
    both = with_membership(joined, _membership(2))
    assert both.member is not None and both.member.branch_id == 1
    assert {m.branch_id for m in both.memberships} == {1, 2}
    # Becoming secretary in the current branch shows at once.
    promoted = with_membership(both, _membership(1, role="secretary"))
    assert promoted.is_secretary
    pending = with_membership(stranger, _membership(3, status="pending"))
    assert pending.member is None


def test_category_buttons_in_both_languages() -> None:
    assert category_from_label("离退休党员") is Category.RETIRED
    assert category_from_label(" Retired member ") is Category.RETIRED
    assert category_from_label("退休") is None  # only the buttons, typing is re-asked
    assert fmt_date(None, "zh") == "—"


def test_preview_lists_bad_rows_with_cap_and_stays_under_telegram_limit() -> None:
    bad = [
        RowError(i + 2, "很长的名字" * 5, [MemberError.PHONE_MALFORMED, MemberError.GROUP_UNKNOWN])
        for i in range(500)
    ]
    text = preview_text(Preview("k", "支部", 3, bad), "名单.xlsx", "zh")
    assert len(text) < 4096
    assert "第 2 行" in text and "还有" in text
    assert text.count("• 第") <= 30
    shown = text.count("• 第")
    assert f"还有 {500 - shown} 行" in text
    short = preview_text(Preview(None, "支部", 0, bad[:2]), "a.csv", "en")
    assert "Line 3" in short and "No row can be imported" in short


def test_clean_search() -> None:
    assert clean_search("  王  建国 ") == "王 建国"
    assert clean_search("   ") is None
    assert clean_search(None) is None
    assert clean_search("x" * 100) == "x" * 30
