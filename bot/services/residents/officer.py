"""The secretary's side: the public link and QR, requests waiting, assign, close, block,
and the branch's escalation and retention settings. Every change is audited."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.links import DEFAULT_MAX_USES, LinkKind, link_expiry, new_token
from bot.domain.residents import rules
from bot.services.delivery import notices as outbox
from bot.services.identity import Actor, Membership
from bot.services.residents.asking import summary
from bot.services.residents.buttons import FinishRequest
from bot.services.residents.common import (
    Refusal,
    Refused,
    RequestView,
    audit,
    current_term,
    holders,
    may_manage,
    secretary_in,
    tell_members,
    tell_resident,
    view_of,
)
from bot.services.residents.taking import after_taking, taker_text
from bot.texts import t
from storage.models.members import Invite
from storage.models.residents import ResidentRequest
from storage.repos import residents as repo


@dataclass(frozen=True)
class LinkView:
    token: str
    branch_name: str


@dataclass(frozen=True)
class Settings:
    escalate_hours: int
    retention_days: int
    remind_hours: int = rules.REMIND_HOURS_DEFAULT


def _secretary(actor: Actor) -> Membership | Refused:
    me = actor.member
    if me is None:
        return Refused(Refusal.NOT_MEMBER)
    return me if may_manage(me) else Refused(Refusal.NOT_ALLOWED)


async def link(
    session: AsyncSession, actor: Actor, now: datetime, *, fresh: bool = False
) -> LinkView | Refused:
    """The branch's public link (made on first use); `fresh` retires the old one."""
    me = _secretary(actor)
    if isinstance(me, Refused):
        return me
    found = None if fresh else await repo.usable_link(session, me.branch_id, now)
    if found is None:
        if fresh:
            await repo.revoke_links(session, me.branch_id, now)
        found = await repo.add_link(
            session,
            Invite(
                token=new_token(LinkKind.RESIDENT),
                kind=LinkKind.RESIDENT.value,
                branch_id=me.branch_id,
                role="resident",
                expires_at=link_expiry(LinkKind.RESIDENT, now),
                max_uses=DEFAULT_MAX_USES[LinkKind.RESIDENT],
                used=0,
                created_by=actor.tg_id,
                created_at=now,
            ),
        )
        audit(
            session,
            branch_id=me.branch_id,
            actor=actor,
            action="link.create",
            target_id=None,
            after={"fresh": fresh},
            now=now,
        )
    return LinkView(found.token, me.branch_name)


async def revoke_link(session: AsyncSession, actor: Actor, now: datetime) -> int | Refused:
    me = _secretary(actor)
    if isinstance(me, Refused):
        return me
    count = await repo.revoke_links(session, me.branch_id, now)
    if count:
        audit(
            session,
            branch_id=me.branch_id,
            actor=actor,
            action="link.revoke",
            target_id=None,
            after={"revoked": count},
            now=now,
        )
    return count


async def waiting(session: AsyncSession, actor: Actor) -> list[RequestView] | Refused:
    me = _secretary(actor)
    if isinstance(me, Refused):
        return me
    return [await view_of(session, r) for r in await repo.unfinished(session, me.branch_id)]


async def _own(
    session: AsyncSession, actor: Actor, request_id: int, *, lock: bool = False
) -> tuple[ResidentRequest, Membership] | Refused:
    row = await repo.request(session, request_id, lock=lock)
    if row is None:
        return Refused(Refusal.NOT_FOUND)
    me = secretary_in(actor, row.branch_id)
    if me is None:
        in_branch = any(m.branch_id == row.branch_id and m.active for m in actor.memberships)
        return Refused(Refusal.NOT_ALLOWED if in_branch else Refusal.NOT_FOUND)
    return row, me


async def view(session: AsyncSession, actor: Actor, request_id: int) -> RequestView | Refused:
    found = await _own(session, actor, request_id)
    return found if isinstance(found, Refused) else await view_of(session, found[0])


async def assign_choices(
    session: AsyncSession, actor: Actor, request_id: int, now: datetime
) -> list[tuple[int, str]] | Refused:
    """The category's holders first, then the branch's other active members."""
    found = await _own(session, actor, request_id)
    if isinstance(found, Refused):
        return found
    row, me = found
    held = set(
        await holders(session, row.branch_id, row.category_id, current_term(me.branch_tz, now))
    )
    people = await repo.active_members(session, row.branch_id)
    first = [p for p in people if p[0] in held]
    return (first + [p for p in people if p[0] not in held])[:24]


async def assign(
    session: AsyncSession, actor: Actor, request_id: int, member_id: int, now: datetime
) -> RequestView | Refused:
    """Hand a waiting request to a member, or a taken one to someone else: the new taker, the
    one who had it, and the resident are told."""
    found = await _own(session, actor, request_id, lock=True)
    if isinstance(found, Refused):
        return found
    row, _me = found
    target = await repo.member(session, member_id)
    if target is None or target.branch_id != row.branch_id or target.status != "active":
        return Refused(Refusal.NOT_FOUND)
    old_id = row.taken_by_member_id if row.state == "taken" else None
    problem = rules.may_assign(row.state, old_id, member_id)
    if problem is not None:
        return Refused(Refusal(problem.value))
    moved = (
        await repo.reassign(session, row.id, old_id, member_id, now)
        if old_id is not None
        else await repo.take(session, row.id, member_id, now)
    )
    if not moved:
        return Refused(Refusal.NOT_OPEN)
    fresh = await repo.request(session, row.id)
    assert fresh is not None
    result = await view_of(session, fresh)
    after: dict[str, object] = {"member_id": member_id}
    if old_id is not None:
        after["from_member_id"] = old_id
    audit(
        session,
        branch_id=row.branch_id,
        actor=actor,
        action="reassign" if old_id is not None else "assign",
        target_id=row.id,
        after=after,
        now=now,
    )
    # A request may go back and forth: each handing over is its own notice.
    round_ = f"{member_id}:{int(now.timestamp())}" if old_id is not None else str(member_id)
    await after_taking(session, fresh, result, now, round_=round_, reassigned=old_id is not None)
    await tell_members(
        session,
        branch_id=row.branch_id,
        key=f"residents:{row.id}:assigned:{round_}",
        member_ids=[member_id],
        build=lambda lang: outbox.Content(
            text=t("residents.taker.assigned", lang) + "\n" + taker_text(result, lang),
            buttons=(((t("residents.btn.done", lang), FinishRequest(row.id).data),),),
        ),
        now=now,
    )
    if old_id is not None:
        name = html.escape(result.taker_name or "")
        await tell_members(
            session,
            branch_id=row.branch_id,
            key=f"residents:{row.id}:unassigned:{old_id}:{int(now.timestamp())}",
            member_ids=[old_id],
            build=lambda lang: outbox.Content(
                text=t("residents.taker.reassigned", lang, name=name) + "\n" + summary(result, lang)
            ),
            now=now,
        )
    return result


async def close(
    session: AsyncSession, actor: Actor, request_id: int, reason: str, now: datetime
) -> RequestView | Refused:
    cleaned = rules.clean(reason, limit=rules.MAX_REASON, minimum=2)
    if isinstance(cleaned, rules.Problem):
        return Refused(Refusal(cleaned.value))
    found = await _own(session, actor, request_id, lock=True)
    if isinstance(found, Refused):
        return found
    row, me = found
    if row.state not in rules.OPEN_STATES:
        return Refused(Refusal.NOT_OPEN)
    row.state, row.closed_at, row.closed_by_member_id = "closed", now, me.member_id
    row.close_reason, row.updated_at = cleaned.text, now
    audit(
        session,
        branch_id=row.branch_id,
        actor=actor,
        action="close",
        target_id=row.id,
        after={"reason": cleaned.text},
        now=now,
    )
    if row.taken_by_member_id is not None:
        closed_view = await view_of(session, row)
        await tell_members(
            session,
            branch_id=row.branch_id,
            key=f"residents:{row.id}:closed_taker",
            member_ids=[row.taken_by_member_id],
            build=lambda lang: outbox.Content(
                text=t("residents.taker.closed", lang, reason=html.escape(cleaned.text))
                + "\n"
                + summary(closed_view, lang)
            ),
            now=now,
        )
    await tell_resident(
        session,
        branch_id=row.branch_id,
        key=f"residents:{row.id}:closed",
        tg_id=row.resident_tg_id,
        build=lambda lang: outbox.Content(
            text=t("residents.resident.closed", lang, id=row.id, reason=html.escape(cleaned.text))
        ),
        now=now,
    )
    return await view_of(session, row)


async def block(
    session: AsyncSession, actor: Actor, request_id: int, now: datetime
) -> bool | Refused:
    """Block the resident who sent this request from the branch's link (their requests stay)."""
    found = await _own(session, actor, request_id)
    if isinstance(found, Refused):
        return found
    row, me = found
    added = await repo.block(session, row.branch_id, row.resident_tg_id, me.member_id, now)
    if added:
        audit(
            session,
            branch_id=row.branch_id,
            actor=actor,
            action="block",
            target_id=row.id,
            after={"resident_tg_id": row.resident_tg_id},
            now=now,
        )
    return added


async def unblock(
    session: AsyncSession, actor: Actor, request_id: int, now: datetime
) -> bool | Refused:
    """Undo a block made by mistake (the resident of this request may ask again)."""
    found = await _own(session, actor, request_id)
    if isinstance(found, Refused):
        return found
    row, _me = found
    removed = await repo.unblock(session, row.branch_id, row.resident_tg_id)
    if removed:
        audit(
            session,
            branch_id=row.branch_id,
            actor=actor,
            action="unblock",
            target_id=row.id,
            after={"resident_tg_id": row.resident_tg_id},
            now=now,
        )
    return removed


async def settings(session: AsyncSession, actor: Actor) -> Settings | Refused:
    me = _secretary(actor)
    if isinstance(me, Refused):
        return me
    branch = await repo.branch(session, me.branch_id)
    values = dict(branch.settings or {}) if branch else {}
    return Settings(
        int(rules.escalate_after(values).total_seconds() // 3600),
        rules.retention(values).days,
        int(rules.remind_after(values).total_seconds() // 3600),
    )


async def change_setting(
    session: AsyncSession, actor: Actor, key: str, value: int, now: datetime
) -> Settings | Refused:
    me = _secretary(actor)
    if isinstance(me, Refused):
        return me
    allowed = {
        rules.SETTING_ESCALATE: rules.ESCALATE_CHOICES,
        rules.SETTING_RETENTION: rules.RETENTION_CHOICES,
        rules.SETTING_REMIND: rules.REMIND_CHOICES,
    }
    if value not in allowed.get(key, ()):
        return Refused(Refusal.NOT_FOUND)
    await repo.set_branch_setting(session, me.branch_id, key, value)
    audit(
        session,
        branch_id=me.branch_id,
        actor=actor,
        action="settings",
        target_id=None,
        after={key: value},
        now=now,
    )
    return await settings(session, actor)
