"""The records behind the scores, read set-based for a whole branch (or a few members)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.cards.periods import Period, month_end
from bot.domain.cards.scoring import Facts, Item, Rules, Score, score
from bot.services.cards.common import utc_bounds
from storage.repos import cards as repo


@dataclass(frozen=True)
class Tallied:
    facts: dict[int, Facts]
    scores: dict[int, Score]
    duties_all: dict[int, int]  # every confirmed duty record, requests included (card 2)


def _ended_months(period: Period, today: date) -> list[tuple[int, date]]:
    """Dues months of the period that are over by today, with the day payment becomes late."""
    return [(m, month_end(m)) for m in period.months if month_end(m) <= today]


async def gather(
    session: AsyncSession,
    branch_id: int,
    tz: str,
    period: Period,
    today: date,
    member_ids: Sequence[int],
    rules: Rules,
    *,
    whole_branch: bool = False,
) -> Tallied:
    """Facts and scores of these members for the period; six grouped queries in all.

    With whole_branch the queries are not narrowed to the ids (cheaper than a 10,000-item IN).
    Corrections are kept per term (the year) and count in year tallies and the card's year.
    """
    only = None if whole_branch else list(member_ids)
    start, end = utc_bounds(period, tz)
    att = await repo.attendance(session, branch_id, start, end, only)
    duty = await repo.duties(session, branch_id, period.first, period.end, only)
    req = await repo.requests_done(session, branch_id, start, end, only)
    halves = await repo.hours(session, branch_id, period.first, period.end, only)
    dues = await repo.dues(session, branch_id, _ended_months(period, today), only)
    fixes = (
        await repo.correction_sums(session, branch_id, period.year, only)
        if period.quarter is None
        else {}
    )
    facts: dict[int, Facts] = {}
    scores: dict[int, Score] = {}
    for mid in member_ids:
        a = att.get(mid, (0, 0, 0, 0))
        r = req.get(mid, (0, 0, 0))
        d = dues.get(mid, (0, 0))
        f = Facts(
            member_id=mid,
            attended=a[0],
            on_leave=a[1],
            absent=a[2],
            made_up=a[3],
            duties=duty.get(mid, (0, 0))[0],
            requests_done=r[0],
            ratings_sum=r[1],
            ratings_count=r[2],
            halves=halves.get(mid, 0),
            dues_due=d[0],
            dues_on_time=d[1],
        )
        facts[mid] = f
        given = {Item(k): v for k, v in fixes.get(mid, {}).items() if k in Item._value2member_map_}
        scores[mid] = score(f, rules, given)
    return Tallied(facts, scores, {m: v[1] for m, v in duty.items()})
