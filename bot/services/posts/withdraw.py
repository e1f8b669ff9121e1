"""A member takes back a duty record nobody has decided yet (typed wrong, or twice): it leaves
the approval queue, the deciders' waiting notice is cancelled, and it is audited."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.approvals import Refusal as QueueRefusal
from bot.domain.posts.rules import DutyState
from bot.kernel import approvals
from bot.services.delivery import notices as outbox
from bot.services.identity import Actor
from bot.services.posts.common import Refusal, Refused, audit, me_in
from bot.services.posts.duty import DutyView, named_view
from storage.repos import posts as repo


async def own_pending(session: AsyncSession, actor: Actor, record_id: int) -> DutyView | Refused:
    """The member's own record while it waits (asked before the 「确定撤回」 question)."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    row = await repo.duty(session, record_id)
    if row is None or row.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    if row.member_id != me.member_id:
        return Refused(Refusal.NOT_YOURS)
    if row.state != DutyState.PENDING or row.source != "post":
        return Refused(Refusal.ALREADY_DECIDED)
    return await named_view(session, row, 0)


async def withdraw(
    session: AsyncSession, actor: Actor, record_id: int, now: datetime
) -> DutyView | Refused:
    found = await own_pending(session, actor, record_id)
    if isinstance(found, Refused):
        return found
    me = actor.member
    assert me is not None
    row = await repo.duty_for_update(session, record_id)
    item = await repo.approval_of_duty(session, record_id)
    if row is None or item is None:
        return Refused(Refusal.NOT_FOUND)
    if row.state != DutyState.PENDING:
        return Refused(Refusal.ALREADY_DECIDED)  # decided meanwhile
    result = await approvals.withdraw(
        session, item_id=item.id, requester_member_id=me.member_id, now=now
    )
    if isinstance(result, QueueRefusal):
        reason = Refusal.NOT_YOURS if result is QueueRefusal.NOT_REQUESTER else None
        return Refused(reason or Refusal.ALREADY_DECIDED)
    row.state, row.updated_at = DutyState.WITHDRAWN.value, now
    audit(
        session,
        branch_id=row.branch_id,
        actor_tg_id=actor.tg_id,
        action="duty.withdraw",
        target="duty_record",
        target_id=row.id,
        before={"state": DutyState.PENDING.value},
        after={"state": row.state, "day": row.day.isoformat()},
        now=now,
    )
    # Copies not yet sent to the deciders are dropped; one already read says "decided".
    await outbox.cancel_notice(session, f"posts:duty:{row.id}:ask", now)
    return await named_view(session, row, item.id)
