"""A member who leaves gets none of the notices still queued for them; the rest go on."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.domain.members import MemberStatus
from bot.services.members.roles import Changed, set_status
from storage.db import Database
from storage.models.core import Member
from storage.models.delivery import Delivery, Notice
from tests.storage.authz_jobs.world import actor
from tests.storage.delivery.test_outbox import NOW, _enqueue, _seed, fresh

__all__ = ["fresh"]


async def test_leaving_cancels_queued_notices_and_settles_those_left_empty(fresh: str) -> None:
    db = Database(fresh)
    try:
        branch_id, (sec_id, leaver, stayer) = await _seed(db, 3)
        async with db.transaction() as s:
            await s.execute(update(Member).where(Member.id == sec_id).values(role="secretary"))
        shared = await _enqueue(db, branch_id, [leaver, stayer], "left-shared")
        alone = await _enqueue(db, branch_id, [leaver], "left-alone")
        # One copy to the leaver is already on its way: it goes, it is not taken back.
        sending = await _enqueue(db, branch_id, [leaver], "left-sending")
        async with db.transaction() as s:
            await s.execute(
                update(Delivery).where(Delivery.notice_id == sending).values(state="sending")
            )
        async with db.transaction() as s:
            secretary = await s.get(Member, sec_id)
            assert secretary is not None
            done = await set_status(
                s, actor(secretary), leaver, MemberStatus.TRANSFERRED, "迁出", NOW
            )
            assert isinstance(done, Changed)
        async with db.read() as s:
            rows = {
                (r.notice_id, r.member_id): (r.state, r.reason)
                for r in await s.scalars(select(Delivery))
            }
            status = {n.id: n.status for n in await s.scalars(select(Notice))}
        assert rows[(shared, leaver)] == ("cancelled", "member_left")
        assert rows[(shared, stayer)] == ("queued", None)
        assert rows[(alone, leaver)] == ("cancelled", "member_left")
        assert rows[(sending, leaver)][0] == "sending"
        assert (status[shared], status[alone], status[sending]) == ("sending", "done", "sending")
    finally:
        await db.close()
