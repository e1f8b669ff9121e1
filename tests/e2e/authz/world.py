"""One branch with a person in every column of the authorization table, and another branch.

Built once per test module; each action is then attempted by every kind of person through the
sandbox (a command typed, or button data pressed), and the answer read as allowed or refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.devtools import world as factory
from bot.domain.authz import Who
from bot.sandbox.client import SandboxUser
from bot.texts import catalog
from storage.models.base import Base
from storage.models.core import Branch
from storage.models.meetings import LeaveRequest
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import SECRETARY, Person, World, make_world

G1 = "第一党小组"
PEOPLE = [
    SECRETARY,
    Person("委员老李", role="committee"),
    Person("出纳小周", role="committee"),
    Person("组长老王", role="group_leader", group=G1),
    Person("党员甲", group=G1),
    Person("党员乙", group="第二党小组"),
]
NAMES: dict[Who, str] = {
    Who.MEMBER: "党员乙",
    Who.GROUP_LEADER: "组长老王",
    Who.COMMITTEE: "委员老李",
    Who.TREASURER: "出纳小周",
    Who.SECRETARY: SECRETARY.name,
}

# The answers that mean "not yours to do": every feature's refusals of rights and of ids that
# are not in the presser's branch (which must not tell whether they exist elsewhere).
_REFUSAL_KEYS = re.compile(
    r"^(error\.(not_member|not_allowed|stale_button)"
    r"|\w+\.(refuse|rule|role_problem)\.(not_member|not_allowed|secretary_only|committee_only"
    r"|officers_only|not_operator|not_found|not_yours|other_team|not_invited)"
    r"|members\.import\.only_secretary|members\.card\.none)$"
)
REFUSALS = tuple(
    v[:14] for k, texts in catalog().items() if _REFUSAL_KEYS.match(k) for v in texts.values()
)


def refused(answer: str) -> bool:
    return any(r in answer for r in REFUSALS)


@dataclass
class MatrixWorld:
    world: World
    other: World
    people: dict[Who, SandboxUser]
    anchors: dict[Who, int] = field(default_factory=dict)
    # Per presser: a record of their own to decide (an applicant, a leave), so one allowed
    # presser's decision does not turn the next presser's press into "already decided".
    applicants: dict[Who, int] = field(default_factory=dict)
    leaves: dict[Who, int] = field(default_factory=dict)
    meeting: int = 0

    def ids(self, who: Who) -> dict[str, str]:
        w = self.world
        return {
            "member": str(w.ids["党员甲"]),
            "applicant": str(self.applicants[who]),
            "leave": str(self.leaves[who]),
            "meeting": str(self.meeting),
            "other_member": str(self.other.ids["外支部党员"]),
            "month": w.harness.clock.now().strftime("%Y%m"),
        }

    @property
    def db(self) -> Any:
        return self.world.harness.data.db


async def matrix_world(h: Harness) -> MatrixWorld:
    w = await make_world(h, PEOPLE)
    other = await make_world(
        h, [Person("外支部书记", role="secretary"), Person("外支部党员", group=G1)]
    )
    now = h.clock.now()
    async with h.data.db.transaction() as s:
        branch = await s.get(Branch, w.branch_id)
        assert branch is not None
        branch.settings = {**branch.settings, "dues": {"treasurer_id": w.ids["出纳小周"]}}
        f = factory.World(s, now)
        meeting = await f.meeting(
            w.branch_id,
            "小组会",
            now - timedelta(minutes=10),
            type="group_meeting",
            audience=f"group:{w.groups[G1]}",
            announce_at=now - timedelta(days=1),
            announced_at=now - timedelta(days=1),
        )
        applicants: dict[Who, int] = {}
        leaves: dict[Who, int] = {}
        for i, who in enumerate(Who):
            applicant = await f.member(w.branch_id, f"申请人{i}", status="pending")
            asker = await f.member(w.branch_id, f"请假人{i}", group_id=w.groups[G1])
            await f.attendance(meeting, asker.id, "leave_pending")
            leave = LeaveRequest(
                meeting_id=meeting, member_id=asker.id, reason="生病", requested_at=now
            )
            s.add(leave)
            await s.flush()
            applicants[who], leaves[who] = applicant.id, leave.id
    people = {who: w.user(name) for who, name in NAMES.items()}
    people[Who.STRANGER] = await h.user("路人")
    people[Who.RESIDENT] = await h.user("居民")
    people[Who.OPERATOR] = h.operator
    people[Who.OTHER_BRANCH] = other.user("外支部书记")
    mw = MatrixWorld(w, other, people, applicants=applicants, leaves=leaves, meeting=meeting)
    for who, person in people.items():
        await person.send("/help")
        mw.anchors[who] = (await person.wait_message()).message_id
    return mw


# What the bot keeps about an account's own visit (language, last seen, a flow's step) may
# change on any update, and a secret is made on first need (app_state); everything else must
# stay as it was after a refusal.
_VOLATILE = {"tg_users", "conversations", "alembic_version", "app_state"}
# The outbox sender works through these in the background (states, attempts): a refusal must
# not add rows, but earlier allowed actions' rows change as they are sent.
_COUNTED = {"deliveries", "notices", "delivery_attempts"}


Snapshot = dict[str, list[tuple[Any, ...]]]


async def snapshot(mw: MatrixWorld) -> Snapshot:
    found: Snapshot = {}
    async with mw.db.read() as s:
        for table in Base.metadata.sorted_tables:
            if table.name in _VOLATILE:
                continue
            rows = (await s.execute(select(table))).all()
            if table.name in _COUNTED:
                found[table.name] = [(len(rows),)]
            else:
                found[table.name] = sorted(tuple(map(repr, r)) for r in rows)
    return found
