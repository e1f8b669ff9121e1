"""Putting an hours record into the kernel's approval queue, and taking it back out."""

from __future__ import annotations

import html
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.approvals import Refusal as QueueRefusal
from bot.domain.hours.rules import format_halves
from bot.domain.members.roles import Permission
from bot.kernel import approvals
from bot.services.delivery import notices as outbox
from bot.services.hours.buttons import Approve, Decline
from bot.services.hours.common import Refusal, Refused, tell
from bot.texts import t
from storage.models.hours import HoursRecord
from storage.repos import hours as repo

KIND = "hours_report"


def summary_of(row: HoursRecord, name: str, team: str | None) -> str:
    day = row.day.isoformat() if row.day else ""
    return f"{name} {day} {format_halves(row.halves)}h {team or row.activity_type or ''}"


async def deciders_of(
    session: AsyncSession, row: HoursRecord, item: approvals.ApprovalItem
) -> list[int]:
    """The nearest branch officers the queue names, and the record's team leaders."""
    found = set(await approvals.deciders(session, item))
    if row.team_id is not None:
        found |= {
            tm.member_id
            for tm, _m in await repo.team_people(session, row.team_id)
            if tm.leader and tm.member_id != row.member_id
        }
    return sorted(found)


async def put(
    session: AsyncSession,
    row: HoursRecord,
    *,
    actor_tg_id: int | None,
    now: datetime,
    notify: bool = True,
) -> approvals.ApprovalItem:
    member = await repo.member(session, row.member_id)
    team = await repo.team(session, row.team_id) if row.team_id else None
    name = member.name if member else ""
    item = await approvals.submit(
        session,
        branch_id=row.branch_id,
        kind=KIND,
        subject_id=row.id,
        requester_member_id=row.member_id,
        permission=Permission.RECORD_ACTIVITY,
        summary=summary_of(row, name, team.name if team else None),
        now=now,
    )
    if notify:
        await _tell_deciders(session, row, item, name, team.name if team else None, now)
    return item


async def _tell_deciders(
    session: AsyncSession,
    row: HoursRecord,
    item: approvals.ApprovalItem,
    name: str,
    team_name: str | None,
    now: datetime,
) -> None:
    people = await deciders_of(session, row, item)
    day = row.day.isoformat() if row.day else ""

    def build(lang: str) -> outbox.Content:
        team = team_name or t(f"hours.type.{row.activity_type}", lang)
        return outbox.Content(
            text=t(
                "hours.approve.new",
                lang,
                name=html.escape(name),
                day=day,
                h=format_halves(row.halves),
                team=html.escape(team),
                what=html.escape(row.what or ""),
            ),
            buttons=(
                (
                    (t("hours.btn.approve", lang), Approve(item.id).data),
                    (t("hours.btn.decline", lang), Decline(item.id).data),
                ),
            ),
        )

    await tell(
        session,
        branch_id=row.branch_id,
        kind="hours_request",
        key=f"hours:{row.id}:ask:{int(now.timestamp())}",
        member_ids=people,
        build=build,
        now=now,
    )


async def take_back(
    session: AsyncSession, row: HoursRecord, member_id: int, now: datetime
) -> Refused | None:
    """Withdraw the record's pending request (the member edits or withdraws the report)."""
    found = await repo.approval_of(session, row.id)
    if found is None:
        return None
    result = await approvals.withdraw(
        session, item_id=found.id, requester_member_id=member_id, now=now
    )
    if isinstance(result, QueueRefusal):
        if result is QueueRefusal.ALREADY_DECIDED:
            return Refused(Refusal.LOCKED)
        return Refused(Refusal.NOT_YOURS)
    return None
