"""Score items and rules in words, shared by the cards screens, images and notices."""

from __future__ import annotations

from bot.domain.cards.scoring import ITEMS, Rules, Score, points
from bot.texts import t


def item_lines(score: Score, lang: str) -> str:
    fixes = dict(score.corrections)
    lines = []
    for item, value in score.items:
        fix = fixes.get(item)
        extra = t("cards.item.fixed", lang, d=points(fix)) if fix else ""
        lines.append(
            t("cards.item.line", lang, item=t(f"cards.item.{item.value}", lang), p=points(value))
            + extra
        )
    return "\n".join(lines)


def rules_text(rules: Rules, lang: str) -> str:
    p = points
    return t(
        "cards.rules.body",
        lang,
        attended=p(rules.attended),
        made_up=p(rules.made_up),
        unexcused=p(-rules.unexcused),
        att_cap=p(rules.attendance_cap),
        duty=p(rules.duty),
        duty_cap=p(rules.duties_cap),
        done=p(rules.request_done),
        step=p(rules.rating_step),
        res_cap=p(rules.residents_cap),
        half=p(rules.per_half_hour * 2),
        hours_cap=p(rules.hours_cap),
        on_time=p(rules.dues_on_time),
        late=p(-rules.dues_late),
        passing=p(rules.pass_min),
        excellent=p(rules.excellent_min),
        share=rules.excellent_share_pct,
    )


def item_names(lang: str) -> list[str]:
    return [t(f"cards.item.{i.value}", lang) for i in ITEMS]
