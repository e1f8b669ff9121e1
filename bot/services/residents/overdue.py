"""A taken request nobody finished: a gentle reminder to the taker after the branch's time,
and after as long again the secretary is told (who can ask, reassign or close).

Idempotent without a column of its own: each step is an outbox notice whose key names the
request and the moment it was taken, looked up (a read) before anything is written, so a
second run or a restart tells nobody twice, and a request handed to someone else starts over.
"""

from __future__ import annotations

import html
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.residents import rules
from bot.domain.residents.rules import Overdue
from bot.services.delivery import notices as outbox
from bot.services.residents.asking import summary
from bot.services.residents.buttons import AskCloseReason, ChooseTaker, FinishRequest
from bot.services.residents.common import RequestView, tell_members, view_of
from bot.texts import t
from storage.models.residents import ResidentRequest
from storage.repos import delivery as delivery_repo
from storage.repos import residents as repo


def _key(row: ResidentRequest, step: Overdue) -> str:
    taken = int(row.taken_at.timestamp()) if row.taken_at else 0
    return f"residents:{row.id}:{step.value}:{row.taken_by_member_id}:{taken}"


async def remind_overdue(session: AsyncSession, now: datetime) -> int:
    told = 0
    shortest = min(rules.REMIND_CHOICES)
    for row, settings in await repo.taken_unfinished(session, now - _hours(shortest)):
        if row.taken_at is None or row.taken_by_member_id is None:
            continue
        step = rules.overdue(row.taken_at, now, settings)
        if step is Overdue.NO:
            continue
        # The reminder first, even when the job was down past both times.
        for due in (Overdue.REMIND, Overdue.SECRETARY):
            if await delivery_repo.notice_by_key(session, _key(row, due)) is None:
                await _tell(session, row, await view_of(session, row), due, now)
                told += 1
                break
            if due is step:
                break
    return told


def _hours(n: int) -> timedelta:
    return timedelta(hours=n)


async def _tell(
    session: AsyncSession, row: ResidentRequest, view: RequestView, step: Overdue, now: datetime
) -> None:
    if step is Overdue.REMIND:
        assert row.taken_by_member_id is not None
        await tell_members(
            session,
            branch_id=row.branch_id,
            key=_key(row, step),
            member_ids=[row.taken_by_member_id],
            build=lambda lang: outbox.Content(
                text=t("residents.taker.remind", lang) + "\n" + summary(view, lang),
                buttons=(((t("residents.btn.done", lang), FinishRequest(row.id).data),),),
            ),
            now=now,
        )
        return
    name = html.escape(view.taker_name or "")
    await tell_members(
        session,
        branch_id=row.branch_id,
        key=_key(row, step),
        member_ids=await repo.secretaries(session, row.branch_id),
        build=lambda lang: outbox.Content(
            text=t("residents.escalated.unfinished", lang, name=name) + "\n" + summary(view, lang),
            buttons=(
                (
                    (t("residents.btn.reassign", lang), ChooseTaker(row.id).data),
                    (t("residents.btn.close", lang), AskCloseReason(row.id).data),
                ),
            ),
        ),
        now=now,
    )
