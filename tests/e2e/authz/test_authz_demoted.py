"""Rights are read afresh on every press: an officer removed mid-session loses them at once."""

from __future__ import annotations

from bot.domain.authz import Who
from storage.models.core import Member
from tests.e2e.authz.probes import PROBES
from tests.e2e.authz.test_authz_matrix import attempt, fill, quiet
from tests.e2e.authz.world import matrix_world, refused
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import meetings_cleanup  # noqa: F401  (autouse fixture)
from tests.said import said


async def test_demoted_leader_treasurer_and_secretary_lose_their_buttons_at_once(
    harness: Harness,
) -> None:
    await quiet(harness)
    mw = await matrix_world(harness)
    secretary = mw.people[Who.SECRETARY]

    async def press(who: Who, probe_name: str) -> str:
        probe = PROBES[probe_name]
        return await attempt(mw.people[who], mw.anchors[who], probe, fill(probe.text, mw.ids(who)))

    assert not refused(await press(Who.GROUP_LEADER, "meetings.proxy_checkin"))
    assert not refused(await press(Who.TREASURER, "dues.ledger"))
    assert not refused(await press(Who.SECRETARY, "members.manage_roles"))

    # The secretary makes the group leader a plain member, with the real button.
    leader_id = mw.world.ids["组长老王"]
    await secretary.press_data(f"mem:rs:{leader_id}:member", mw.anchors[Who.SECRETARY])
    async with mw.db.read() as s:
        row = await s.get(Member, leader_id)
        assert row is not None and row.role == "member"
    # ...and takes the dues away from the treasurer.
    await secretary.send("/duestreasurer 无")
    await secretary.wait_message(contains=said("dues.treasurer.done"))
    # Another secretary (here: the database) removes this one.
    async with mw.db.transaction() as s:
        row = await s.get(Member, mw.world.ids["书记老张"])
        assert row is not None
        row.role = "member"

    assert refused(await press(Who.GROUP_LEADER, "meetings.proxy_checkin"))
    assert refused(await press(Who.TREASURER, "dues.ledger"))
    assert refused(await press(Who.SECRETARY, "members.manage_roles"))


async def test_a_group_leader_is_refused_outside_their_own_group(harness: Harness) -> None:
    """ "own group" in the table: the same buttons, pointed at the other party group."""
    await quiet(harness)
    mw = await matrix_world(harness)
    leader, anchor = mw.people[Who.GROUP_LEADER], mw.anchors[Who.GROUP_LEADER]
    own, other = mw.world.ids["党员甲"], mw.world.ids["党员乙"]
    assert not refused(await attempt(leader, anchor, PROBES["core.help"], "/help"))
    view = PROBES["meetings.proxy_checkin"]  # a button probe, for its kind
    assert not refused(await attempt(leader, anchor, view, f"mem:mv:{own}"))
    assert refused(await attempt(leader, anchor, view, f"mem:mv:{other}"))
