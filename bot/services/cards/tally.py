"""The quarterly and year-end tally (定期考核评比): rank, commend, find who fell short, tell.

A run is one row in tally_runs, unique per branch and period, inserted in the same transaction
that queues the notices: a restart, a second process or a missed hour never tallies or tells
twice. Everyone is told through the durable outbox: the secretaries get the ranking with a
button for the .xlsx of all four cards, each member their own summary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.domain.cards.periods import Period, due_periods, parse_period
from bot.domain.cards.scoring import Ranked, Rules, candidates, fell_short, points, rank
from bot.services.cards.buttons import OpenMyCards, ShowLetter, TallyXlsx
from bot.services.cards.common import local_today, rules_of
from bot.services.cards.facts import Tallied, gather
from bot.services.delivery import notices as outbox
from bot.texts import LANGS, t
from storage.db import Database
from storage.repos import cards as repo
from storage.repos import members as members_repo
from storage.repos.cards import MemberRow

SHOWN = 20  # ranking lines in the secretary's message; the whole ranking is in the .xlsx
NAMES_SHOWN = 40


@dataclass(frozen=True)
class Outcome:
    period: Period
    rules: Rules
    members: list[MemberRow]
    tallied: Tallied
    ranked: list[Ranked]
    candidates: list[Ranked]
    short: list[Ranked]


async def compute(
    session: AsyncSession, branch_id: int, tz: str, period: Period, today: date
) -> Outcome:
    """The period's ranking for the whole branch, set-based (see storage.repos.cards)."""
    rules = await rules_of(session, branch_id)
    if period.quarter is not None:
        rules = rules.for_quarter()
    members = await repo.assessed_members(session, branch_id)
    tallied = await gather(
        session, branch_id, tz, period, today, [m.id for m in members], rules, whole_branch=True
    )
    ranked = rank(tallied.scores.values())
    return Outcome(
        period,
        rules,
        members,
        tallied,
        ranked,
        candidates(ranked, rules),
        fell_short(ranked, rules),
    )


def period_label(period: Period, lang: str) -> str:
    if period.quarter is None:
        return t("cards.period.year", lang, year=period.year)
    return t("cards.period.quarter", lang, year=period.year, q=period.quarter)


def _names(rows: list[Ranked], names: dict[int, str], lang: str) -> str:
    shown = [names.get(r.score.member_id, "?") for r in rows[:NAMES_SHOWN]]
    more = len(rows) - len(shown)
    text = "、".join(shown) if shown else t("cards.none", lang)
    return text + (t("cards.tally.more", lang, n=more) if more > 0 else "")


def secretary_text(outcome: Outcome, lang: str) -> str:
    import html

    names = {m.id: html.escape(m.name) for m in outcome.members}
    lines = [
        t(
            "cards.tally.line",
            lang,
            place=r.place,
            name=names.get(r.score.member_id, "?"),
            total=points(r.score.total),
        )
        for r in outcome.ranked[:SHOWN]
    ]
    return t(
        "cards.tally.secretary",
        lang,
        period=period_label(outcome.period, lang),
        n=len(outcome.ranked),
        ranking="\n".join(lines) or t("cards.none", lang),
        candidates=_names(outcome.candidates, names, lang),
        short=_names(outcome.short, names, lang),
        excellent=points(outcome.rules.excellent_min),
        passing=points(outcome.rules.pass_min),
    )


def member_text(outcome: Outcome, r: Ranked, lang: str) -> str:
    from bot.services.cards.words import item_lines

    rules = outcome.rules
    if r in outcome.candidates:
        verdict = t("cards.verdict.excellent", lang)
    elif r.score.total < rules.pass_min:
        verdict = t("cards.verdict.short", lang, passing=points(rules.pass_min))
    else:
        verdict = t("cards.verdict.pass", lang)
    return t(
        "cards.tally.member",
        lang,
        period=period_label(outcome.period, lang),
        total=points(r.score.total),
        place=r.place,
        n=len(outcome.ranked),
        items=item_lines(r.score, lang),
        verdict=verdict,
    )


def _result(outcome: Outcome) -> dict[str, object]:
    return {
        "ranking": [[r.score.member_id, r.score.total, r.place] for r in outcome.ranked],
        "candidates": [r.score.member_id for r in outcome.candidates],
        "short": [r.score.member_id for r in outcome.short],
    }


async def tally_period(
    session: AsyncSession, branch_id: int, period: Period, now: datetime
) -> int | None:
    """Tally and tell once; the run's id, or None when the period was tallied already."""
    branch = await repo.branch(session, branch_id)
    if branch is None:
        return None
    try:
        async with session.begin_nested():
            made = await repo.claim_tally(session, branch_id, period.key, now)
    except IntegrityError:  # another process made it first
        return None
    if not made:
        return None
    run = await repo.tally_run(session, branch_id, period.key)
    assert run is not None
    outcome = await compute(
        session, branch_id, branch.timezone, period, local_today(branch.timezone, now)
    )
    run.result = _result(outcome)
    run.done_at = now
    base = f"cards:tally:{branch_id}:{period.key}"
    secretaries = await members_repo.secretary_ids(session, branch_id)
    await _tell(
        session,
        branch_id,
        f"{base}:sec",
        secretaries,
        lambda lang: outbox.Content(
            text=secretary_text(outcome, lang),
            buttons=(((t("cards.btn.xlsx", lang), TallyXlsx(run.id).data),),),
        ),
        now,
    )
    reports = await repo.community_reports(session, branch_id)
    await outbox.enqueue_personal(
        session,
        branch_id=branch_id,
        kind="cards_tally",
        items=[
            outbox.Personal(
                key=f"{base}:m:{r.score.member_id}",
                member_id=r.score.member_id,
                content={
                    lang: _member_content(
                        outcome, r, period.quarter is None and r.score.member_id in reports
                    )(lang)
                    for lang in LANGS
                },
            )
            for r in outcome.ranked
        ],
        now=now,
    )
    return run.id


def _member_content(outcome: Outcome, r: Ranked, letter: bool) -> Callable[[str], outbox.Content]:
    def build(lang: str) -> outbox.Content:
        rows: tuple[tuple[tuple[str, str], ...], ...] = (
            ((t("cards.btn.open", lang), OpenMyCards().data),),
        )
        if letter:
            mid, year = r.score.member_id, outcome.period.year
            rows += (((t("cards.btn.letter", lang), ShowLetter(mid, year).data),),)
        return outbox.Content(text=member_text(outcome, r, lang), buttons=rows)

    return build


async def _tell(
    session: AsyncSession,
    branch_id: int,
    key: str,
    member_ids: list[int],
    build: Callable[[str], outbox.Content],
    now: datetime,
) -> None:
    if not member_ids:
        return
    await outbox.enqueue_notice(
        session,
        branch_id=branch_id,
        kind="cards_tally",
        key=key,
        content={lang: build(lang) for lang in LANGS},
        member_ids=member_ids,
        now=now,
    )


async def run_due(db: Database, clock: Clock) -> int:
    """Tally every branch's periods that have just ended; how many runs were made."""
    now = clock.now()
    async with db.read() as session:
        todo = [
            (b.id, p)
            for b in await repo.branches(session)
            for p in due_periods(local_today(b.timezone, now))
        ]
    made = 0
    for branch_id, period in todo:
        async with db.transaction() as session:
            if await repo.tally_run(session, branch_id, period.key) is not None:
                continue
            if await tally_period(session, branch_id, period, now) is not None:
                made += 1
    return made


async def period_of_run(session: AsyncSession, run_id: int, branch_id: int) -> Period | None:
    """The period of a run of this branch (for the secretary's .xlsx button)."""
    run = await repo.tally_run_by_id(session, run_id)
    if run is None or run.branch_id != branch_id:
        return None
    return parse_period(run.period)
