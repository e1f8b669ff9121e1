"""The monthly digests of a district: a page of branches per transaction, in a fixed number of
statements (one branch at a time cost ~17 statements a branch on the first tick of a month).

Same claims (meeting_runs), same notices under the same keys as cadence.digest_if_due, which
remains the one-branch path (and the fallback should a page fail).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings import local_date
from bot.services.delivery import notices as outbox
from bot.services.meetings import cadence
from storage.repos import meetings as repo

PAGE = 100


async def digest_page(session: AsyncSession, branch_ids: Sequence[int], now: datetime) -> int:
    """Claim and queue the digests (and kind reminders) of these branches; how many claimed."""
    branches = await repo.branches_by_id(session, branch_ids)
    periods = {
        b.id: period
        for b in branches.values()
        if (period := cadence.digest_period(b, now)) is not None
    }
    claimed = sorted(await repo.claim_runs(session, "digest", periods, now))
    if not claimed:
        return 0
    today = {b: local_date(now, branches[b].timezone) for b in claimed}
    since = {b: cadence.held_since(today[b], now) for b in claimed}
    held: dict[int, list[tuple[str, str, datetime]]] = {b: [] for b in claimed}
    for b, kind, audience, start in await repo.held_meetings(
        session, claimed, min(since.values()), now
    ):
        if start >= since[b]:
            held[b].append((kind, audience, start))
    groups = await repo.group_names_of(session, claimed)
    members: dict[int, list[repo.RosterEntry]] = {b: [] for b in claimed}
    for member in await repo.active_members_of(session, claimed):
        members[member.branch_id].append(member)
    seen: dict[int, list[tuple[int, datetime | None]]] = {b: [] for b in claimed}
    for b, member_id, when in await repo.last_participation_of(session, claimed):
        seen[b].append((member_id, when))
    requests: list[outbox.NoticeRequest] = []
    for b in claimed:
        branch = branches[b]
        flags = cadence.flags_from(members[b], cadence.latest(seen[b]), branch, today[b])
        items = cadence.held_items(held[b], branch.timezone)
        digest = cadence.digest_from(branch, now, items, groups[b], flags)
        secretaries = [m.id for m in members[b] if m.role == "secretary"]
        requests += cadence.digest_requests(digest, groups[b], secretaries)
    await outbox.enqueue_many(session, requests, now)
    return len(claimed)
