"""The authorization table: merged from the features, read by the role checks, shown in README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.domain import authz
from bot.domain.authz import Reach, Who, permits, subject
from bot.domain.members.authz import PERMISSION_ROWS
from bot.domain.members.roles import Permission, Role, Scope, scope

README = Path(__file__).parents[2] / "README.md"


def test_readme_shows_the_table_of_the_code() -> None:
    text = README.read_text(encoding="utf-8")
    shown = re.search(r"<!-- authz:begin -->\n(.*)<!-- authz:end -->", text, re.S)
    assert shown is not None
    assert shown.group(1) == authz.markdown(), "run: python -m bot.domain.authz"


def test_every_permission_has_a_row_and_every_feature_contributes() -> None:
    rows = authz.table()
    assert {p.value for p in Permission} == set(PERMISSION_ROWS)
    assert set(PERMISSION_ROWS.values()) <= set(rows)
    assert {name.split(".")[0] for name in rows} >= {"members", "meetings", "dues", "hours"}


def test_role_scopes_come_from_the_table() -> None:
    assert scope(Role.GROUP_LEADER, Permission.SCHEDULE_MEETING) is Scope.OWN_GROUP
    assert scope(Role.COMMITTEE, Permission.MANAGE_ROLES) is Scope.NONE
    assert scope(Role.SECRETARY, Permission.MANAGE_ROLES) is Scope.BRANCH
    assert scope(Role.MEMBER, Permission.VIEW_ROSTER) is Scope.NONE


@pytest.mark.parametrize(
    ("role", "kw", "expected"),
    [
        ("committee", {}, False),
        ("committee", {"treasurer": True}, True),
        ("secretary", {}, True),
        ("member", {"treasurer": True}, False),  # only a committee member can be treasurer
        (None, {"operator": True}, False),
    ],
)
def test_dues_need_the_treasurer_duty(
    role: str | None, kw: dict[str, bool], expected: bool
) -> None:
    assert permits("dues.record_dues", subject(role, branch_id=1, **kw), branch_id=1) is expected


def test_group_leader_only_over_their_group_and_nobody_over_another_branch() -> None:
    leader = subject("group_leader", branch_id=1, group_id=7)
    assert permits("meetings.proxy_checkin", leader, branch_id=1, group_id=7)
    assert not permits("meetings.proxy_checkin", leader, branch_id=1, group_id=8)
    assert not permits("meetings.proxy_checkin", leader, branch_id=1, group_id=None)
    secretary = subject("secretary", branch_id=2)
    assert not permits("members.manage_roles", secretary, branch_id=1)
    assert permits("core.help", secretary, branch_id=1)


def test_own_records_only_when_own() -> None:
    member = subject("member", branch_id=1)
    assert permits("dues.own", member, branch_id=1, own=True)
    assert not permits("dues.own", member, branch_id=1)
    assert not permits("dues.own", subject(None), own=True)


def test_strangers_residents_and_operator_columns() -> None:
    assert subject(None).kinds == {Who.STRANGER}
    assert subject(None, resident=True).kinds == {Who.RESIDENT}
    assert permits("members.new_branch", subject(None, operator=True))
    assert not permits("members.new_branch", subject("secretary", branch_id=1))
    assert authz.reach_of("members.new_branch", Who.OPERATOR) is Reach.BRANCH


def test_a_row_declared_twice_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.domain.hours.authz as hours_rows

    authz.table.cache_clear()
    monkeypatch.setattr(hours_rows, "ACTIONS", (*hours_rows.ACTIONS, hours_rows.ACTIONS[0]))
    try:
        with pytest.raises(ValueError, match="declared twice"):
            authz.table()
    finally:
        monkeypatch.undo()
        authz.table.cache_clear()
