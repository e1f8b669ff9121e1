"""The four cards and the letter as rows of (label, value) text, for screens and printing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.cards.feedback import stars
from bot.domain.cards.scoring import points
from bot.domain.hours.rules import format_halves
from bot.services.cards.render import Page
from bot.services.cards.view import Cards
from bot.texts import t

CARD_NUMBERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class CardText:
    title: str
    rows: tuple[tuple[str, str], ...]
    notes: tuple[str, ...] = ()


def _label(value: str, prefix: str, lang: str) -> str:
    key = f"{prefix}.{value}"
    found = t(key, lang)
    return value if found == key else found


def _none(lang: str) -> str:
    return t("members.none", lang)


def basic(c: Cards, lang: str) -> CardText:
    b = c.basic
    none = _none(lang)
    employer = b.employer or none
    if b.employer_branch:
        employer += t("cards.basic.unit_branch", lang, branch=b.employer_branch)
    posts = "；".join(f"{post}（{cat}）" for cat, post in b.posts) or none
    rows = (
        (t("cards.basic.name", lang), b.name),
        (t("cards.basic.branch", lang), b.branch_name),
        (t("cards.basic.group", lang), b.group_name or t("members.no_group", lang)),
        (t("cards.basic.category", lang), _label(b.category, "members.cat", lang)),
        (t("cards.basic.role", lang), _label(b.role, "members.role", lang)),
        (
            t("cards.basic.age", lang),
            none if b.party_age is None else t("members.years", lang, n=b.party_age),
        ),
        (t("cards.basic.joined", lang), b.joined_on.isoformat() if b.joined_on else none),
        (t("cards.basic.employer", lang), employer),
        (t("cards.basic.posts", lang, year=c.year), posts),
        (t("cards.basic.teams", lang), "、".join(b.teams) or none),
    )
    return CardText(t("cards.title.1", lang), rows)


def activity(c: Cards, lang: str) -> CardText:
    f = c.facts
    rows = (
        (t("cards.act.attended", lang), t("cards.times", lang, n=f.attended)),
        (t("cards.act.leave", lang), t("cards.times", lang, n=f.on_leave)),
        (t("cards.act.absent", lang), t("cards.times", lang, n=f.absent)),
        (t("cards.act.made_up", lang), t("cards.times", lang, n=f.made_up)),
        (t("cards.act.duties", lang), t("cards.duties", lang, n=c.duties_all, posts=f.duties)),
        (t("cards.act.requests", lang), t("cards.times", lang, n=f.requests_done)),
        (t("cards.act.hours", lang), t("cards.hours", lang, h=format_halves(f.halves))),
        (t("cards.act.dues", lang), t("cards.dues", lang, ok=f.dues_on_time, n=f.dues_due)),
    )
    return CardText(t("cards.title.2", lang), rows)


def performance(c: Cards, lang: str) -> CardText:
    s = c.score
    fixes = dict(s.corrections)
    rows = [(t("cards.perf.total", lang), t("cards.points", lang, p=points(s.total)))]
    for item, value in s.items:
        shown = t("cards.points", lang, p=points(value))
        if fixes.get(item):
            shown += t("cards.item.fixed", lang, d=points(fixes[item]))
        rows.append((t(f"cards.item.{item.value}", lang), shown))
    notes = tuple(
        t(
            "cards.perf.correction",
            lang,
            day=x.day.isoformat(),
            item=_label(x.item, "cards.item", lang),
            d=("+" if x.delta > 0 else "") + points(x.delta),
            reason=x.reason,
        )
        for x in c.corrections
    )
    return CardText(t("cards.title.3", lang), tuple(rows), notes)


def feedback(c: Cards, lang: str) -> CardText:
    rows: list[tuple[str, str]] = []
    for line in c.feedback:
        who = t(f"cards.source.{line.source}", lang)
        if line.author:
            who += f"·{line.author}"
        value = stars(line.rating) + (f" {line.comment}" if line.comment else "")
        rows.append((f"{who}（{line.day.isoformat()}）", value))
    if c.feedback:
        average = sum(x.rating for x in c.feedback) * 10 // len(c.feedback)
        rows.insert(0, (t("cards.fb.average", lang), points(average)))
    else:
        rows.append((t("cards.fb.none_label", lang), t("cards.fb.none", lang)))
    return CardText(t("cards.title.4", lang), tuple(rows))


def card(c: Cards, number: int, lang: str) -> CardText:
    return (basic, activity, performance, feedback)[number - 1](c, lang)


def page(c: Cards, number: int, lang: str, today: date) -> Page:
    found = card(c, number, lang)
    return Page(
        title=found.title,
        subtitle=t("cards.page.subtitle", lang, name=c.basic.name, year=c.year),
        rows=found.rows,
        paragraphs=found.notes,
        footer=t("cards.page.footer", lang, branch=c.basic.branch_name, day=today.isoformat()),
    )


def letter(c: Cards, lang: str, today: date) -> Page:
    """The year-end community performance letter to the employer's Party branch (双重管理)."""
    b = c.basic
    s = c.score
    f = c.facts
    body = t(
        "cards.letter.body",
        lang,
        unit_branch=b.employer_branch or b.employer or "",
        name=b.name,
        branch=b.branch_name,
        year=c.year,
        posts="、".join(post for _cat, post in b.posts) or _none(lang),
        attended=f.attended,
        duties=c.duties_all,
        requests=f.requests_done,
        hours=format_halves(f.halves),
        total=points(s.total),
    )
    feedback_lines = tuple(
        f"{t(f'cards.source.{x.source}', lang)}：{stars(x.rating)} {x.comment}".strip()
        for x in c.feedback[:6]
    )
    return Page(
        title=t("cards.letter.title", lang),
        subtitle=t("cards.letter.subtitle", lang, year=c.year),
        paragraphs=(body, *feedback_lines, t("cards.letter.closing", lang)),
        footer=t("cards.page.footer", lang, branch=b.branch_name, day=today.isoformat()),
    )
