"""The .xlsx of all four cards for every member of a branch, for a tally period.

One sheet per card plus the ranking; each member one row on every sheet. Written through
bot.domain.sheets (text cells stay text) in openpyxl's streaming mode, so 10,000 members fit
in memory and time (bench/cards.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.cards.feedback import stars
from bot.domain.cards.periods import Period
from bot.domain.cards.scoring import ITEMS, points
from bot.domain.hours.rules import format_halves
from bot.domain.members import Category, member_party_age
from bot.domain.sheets import append_row, new_workbook, workbook_bytes
from bot.services.cards.common import local_today
from bot.services.cards.tally import Outcome, compute
from bot.texts import t
from storage.models.posts import CommunityReport
from storage.repos import cards as repo
from storage.repos.cards import FeedbackRow


def _label(value: str, prefix: str, lang: str) -> str:
    key = f"{prefix}.{value}"
    found = t(key, lang)
    return value if found == key else found


def _age(category: str, joined: date | None, full: date | None, today: date) -> int | None:
    try:
        return member_party_age(Category(category), joined, full, today)
    except ValueError:
        return None


async def export(
    session: AsyncSession, branch_id: int, period: Period, lang: str, now: datetime
) -> tuple[str, bytes]:
    """(file name, .xlsx bytes) of the period's four cards for the whole branch."""
    branch = await repo.branch(session, branch_id)
    assert branch is not None
    today = local_today(branch.timezone, now)
    outcome = await compute(session, branch_id, branch.timezone, period, today)
    extra = _Extra(
        groups=await repo.group_names(session, branch_id),
        posts=await repo.posts_held_by_branch(session, branch_id, period.year),
        teams=await repo.teams_by_branch(session, branch_id),
        reports=await repo.community_reports(session, branch_id),
        feedback=await repo.feedback_by_branch(session, branch_id, period.year),
    )
    data = workbook(outcome, extra, lang, today)
    name = t("cards.xlsx.name", lang, branch=branch.name, period=period.key)
    return name, data


@dataclass(frozen=True)
class _Extra:
    groups: dict[int, str]
    posts: dict[int, list[str]]
    teams: dict[int, list[str]]
    reports: dict[int, CommunityReport]
    feedback: dict[int, list[FeedbackRow]]


def _heads(lang: str) -> list[list[str]]:
    def h(*keys: str) -> list[str]:
        return [t(f"cards.xlsx.h.{k}", lang) for k in keys]

    return [
        h("name", "group", "category", "age", "employer", "posts", "teams"),
        h("name", "attended", "leave", "absent", "made_up", "duties", "requests", "hours", "dues"),
        [
            *h("place", "name", "group", "total"),
            *[t(f"cards.item.{i.value}", lang) for i in ITEMS],
            t("cards.xlsx.h.verdict", lang),
        ],
        h("name", "count", "average", "entries"),
    ]


def workbook(outcome: Outcome, extra: _Extra, lang: str, today: date) -> bytes:
    """Four sheets, one per card; the performance card's sheet is the ranking, best first."""
    wb, first = new_workbook(write_only=True)
    first.title = t("cards.title.1", lang)
    sheets = [first, *(wb.create_sheet(t(f"cards.title.{n}", lang)) for n in (2, 3, 4))]
    for ws, head in zip(sheets, _heads(lang), strict=True):
        append_row(ws, head)
    people = {m.id: m for m in outcome.members}
    groups = {m.id: extra.groups.get(m.group_id, "") if m.group_id else "" for m in outcome.members}
    good = {r.score.member_id for r in outcome.candidates}
    short = {r.score.member_id for r in outcome.short}
    excellent, below = t("cards.xlsx.excellent", lang), t("cards.xlsx.short", lang)
    for r in outcome.ranked:
        m = people[r.score.member_id]
        verdict = excellent if m.id in good else below if m.id in short else ""
        append_row(
            sheets[2],
            [
                r.place,
                m.name,
                groups[m.id],
                points(r.score.total),
                *[points(v) for _i, v in r.score.items],
                verdict,
            ],
        )
    categories = {c: _label(c, "members.cat", lang) for c in {m.category for m in outcome.members}}
    sources = {k: t(f"cards.source.{k}", lang) for k in ("secretary", "leader", "partner")}
    for m in outcome.members:
        f = outcome.tallied.facts[m.id]
        report = extra.reports.get(m.id)
        age = _age(m.category, m.joined_on, m.full_on, today)
        append_row(
            sheets[0],
            [
                m.name,
                groups[m.id],
                categories[m.category],
                age if age is not None else "",
                (report.unit_name if report else None) or m.work_unit or "",
                "、".join(extra.posts.get(m.id, [])),
                "、".join(extra.teams.get(m.id, [])),
            ],
        )
        append_row(
            sheets[1],
            [
                m.name,
                f.attended,
                f.on_leave,
                f.absent,
                f.made_up,
                outcome.tallied.duties_all.get(m.id, 0),
                f.requests_done,
                format_halves(f.halves),
                f"{f.dues_on_time}/{f.dues_due}",
            ],
        )
        entries = extra.feedback.get(m.id, [])
        count = len(entries) + f.ratings_count
        total = sum(e.rating for e in entries) + f.ratings_sum
        append_row(
            sheets[3],
            [
                m.name,
                count,
                points(total * 10 // count) if count else "",
                "；".join(
                    f"{sources.get(e.source, e.source)} {stars(e.rating)} {e.comment}".strip()
                    for e in entries
                ),
            ],
        )
    return workbook_bytes(wb)
