"""Texts and keyboards of the delivery feature: audience, preview, schedule, progress, report."""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from bot.domain.members import Category
from bot.services.delivery.broadcast import Problem
from bot.services.delivery.drafts import Draft
from bot.services.delivery.reports import Listed
from bot.texts import dates, t
from handlers.delivery import buttons as b
from handlers.keyboards import inline
from jobs.delivery.views import reason_text

# Big buttons for older users: a few hours a day, four to a row.
SCHEDULE_HOURS = (7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21)


def refusal(problem: Problem, lang: str) -> str:
    return t(f"delivery.refuse.{problem.value}", lang)


def _mark(on: bool, label: str) -> str:
    return ("✅ " if on else "▫️ ") + label


def category_label(category: str, lang: str) -> str:
    return t(f"delivery.cat.{category}", lang)


def selection_text(draft: Draft, lang: str) -> str:
    """What the selection covers, in words."""
    sel = draft.selection
    if sel.saved is not None:
        saved = next((s for s in draft.saved if s.key == sel.saved), None)
        if saved is None and sel.saved.startswith("unacked:"):
            return t("delivery.saved.unacked", lang, title="", when="")
        return t(saved.label_key, lang, **saved.label_params) if saved else sel.saved
    if sel.committee:
        return t("delivery.aud.committee", lang)
    names = dict(draft.groups)
    parts: list[str] = []
    if sel.groups:
        parts.append("、".join(html.escape(names.get(g, "?")) for g in sel.groups))
    if sel.categories:
        parts.append("、".join(category_label(c, lang) for c in sel.categories))
    return " · ".join(parts) if parts else t("delivery.aud.all", lang)


def audience_text(draft: Draft, lang: str) -> str:
    return t(
        "delivery.aud.prompt",
        lang,
        chosen=selection_text(draft, lang),
        count=draft.recipients,
    )


def audience_keyboard(draft: Draft, lang: str) -> InlineKeyboardMarkup:
    """Whole branch, groups and categories with ✓ toggles, committee, saved lists, next/cancel."""
    nid = draft.notice_id
    sel = draft.selection
    rows: list[list[tuple[str, str]]] = []
    if draft.own_group is None:
        rows.append(
            [
                (_mark(sel.whole_branch, t("delivery.aud.all", lang)), b.WholeBranch(nid).data),
                (_mark(sel.committee, t("delivery.aud.committee", lang)), b.Committee(nid).data),
            ]
        )
        groups = [
            (_mark(g in sel.groups, html.escape(n)), b.ToggleGroup(nid, g).data)
            for g, n in draft.groups
        ]
        rows += [groups[i : i + 2] for i in range(0, len(groups), 2)]
    cats = [
        (
            _mark(c in sel.categories, category_label(c, lang)),
            b.ToggleCategory(nid, Category(c)).data,
        )
        for c in draft.categories
    ]
    rows += [cats[i : i + 2] for i in range(0, len(cats), 2)]
    for saved in draft.saved:
        label = t(saved.label_key, lang, **saved.label_params)
        rows.append([(_mark(sel.saved == saved.key, label), b.ChooseSaved.of(nid, saved.key).data)])
    rows.append(
        [
            (t("delivery.btn.next", lang, count=draft.recipients), b.ShowPreview(nid).data),
            (t("delivery.btn.cancel", lang), b.CancelDraft(nid).data),
        ]
    )
    return inline(rows)


def preview_text(draft: Draft, lang: str) -> str:
    text = t(
        "delivery.preview.summary",
        lang,
        chosen=selection_text(draft, lang),
        count=draft.recipients,
    )
    unreachable = draft.not_started + draft.blocked
    if unreachable:
        text += "\n" + t(
            "delivery.preview.unreachable",
            lang,
            count=unreachable,
            not_started=draft.not_started,
            blocked=draft.blocked,
        )
    if draft.recipients == 0:
        text += "\n\n" + t("delivery.refuse.no_recipients", lang)
    return text


def preview_keyboard(draft: Draft, lang: str) -> InlineKeyboardMarkup:
    nid = draft.notice_id
    rows = [
        [
            (t("delivery.btn.send_now", lang), b.SendNow(nid).data),
            (t("delivery.btn.schedule", lang), b.ChooseDay(nid).data),
        ]
    ]
    if draft.has_group_chat:
        label = _mark(draft.group_copy, t("delivery.btn.group_copy", lang))
        rows.append([(label, b.GroupCopy(nid).data)])
    rows.append(
        [
            (t("delivery.btn.back", lang), b.BackToAudience(nid).data),
            (t("delivery.btn.cancel", lang), b.CancelDraft(nid).data),
        ]
    )
    return inline(rows)


def preview_copy_keyboard(
    buttons: tuple[tuple[tuple[str, str], ...], ...], lang: str
) -> InlineKeyboardMarkup:
    """The members' buttons as they will see them; pressing them here does nothing."""
    noop = b.PreviewOnly().data
    rows = [[(text, noop) for text, _ in row] for row in buttons]
    rows.append([(t("delivery.ack.button", lang), noop)])
    return inline(rows)


def day_keyboard(nid: int, lang: str) -> InlineKeyboardMarkup:
    days = [
        (t(f"delivery.day.{d}", lang), b.ChooseHour(nid, d).data) for d in range(b.SCHEDULE_DAYS)
    ]
    return inline([days, [(t("delivery.btn.back_preview", lang), b.ShowPreview(nid).data)]])


def hour_keyboard(
    nid: int, day: int, now: datetime, tz: str, lang: str
) -> InlineKeyboardMarkup | None:
    """Hours still ahead on that day (local time); None if none are left."""
    local_now = now.astimezone(ZoneInfo(tz))
    hours = [h for h in SCHEDULE_HOURS if day > 0 or h > local_now.hour]
    if not hours:
        return None
    buttons = [(f"{h:02d}:00", b.ScheduleAt(nid, day, h).data) for h in hours]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    rows.append([(t("delivery.btn.back_days", lang), b.ChooseDay(nid).data)])
    return inline(rows)


def scheduled_text(nid: int, count: int, when: datetime, tz: str, lang: str) -> str:
    return t("delivery.scheduled", lang, count=count, when=dates.moment(when, tz, lang, year=True))


def scheduled_keyboard(nid: int, lang: str) -> InlineKeyboardMarkup:
    return inline([[(t("delivery.btn.unschedule", lang), b.Unschedule(nid).data)]])


def unreached_text(people: list[tuple[str, str | None, str, str | None]], lang: str) -> str:
    if not people:
        return t("delivery.unreached.none", lang)
    lines = [t("delivery.unreached.title", lang, count=len(people))]
    for name, phone, state, reason in people:
        why = (
            t("delivery.unreached.not_started", lang)
            if state == "not_started"
            else reason_text(reason or "blocked", lang)
        )
        lines.append(f"• {html.escape(name)}  {html.escape(phone or '')}  （{why}）")
    text = "\n".join(lines)
    return text if len(text) <= 4000 else text[:3990] + "\n…"


def list_text(items: list[Listed], lang: str) -> str:
    return t("delivery.list.title" if items else "delivery.list.empty", lang)


def list_keyboard(items: list[Listed], tz: str, lang: str) -> InlineKeyboardMarkup | None:
    """One big button per notice: what it is, when, and its state at a glance."""
    if not items:
        return None
    rows = []
    for item in items:
        # Titles are plain text already; buttons show no HTML.
        when = dates.moment(item.send_at or item.created_at, tz, lang)
        label = t(f"delivery.list.{item.status}", lang, when=when, title=item.title or "…")
        rows.append([(label[:60], b.ShowNotice(item.notice_id).data)])
    return inline(rows)
