"""Rendering shared by the members handlers: labels, dates, refusals, link messages."""

from __future__ import annotations

import html
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from telegram import KeyboardButton, ReplyKeyboardMarkup, Update

from bot.domain.links import LinkRefusal
from bot.domain.members import Category, MemberError, Role
from bot.services.members.access import Refused
from bot.texts import t, variants
from handlers.base import refuse

CATEGORY_ORDER = (
    Category.DIRECT,
    Category.RETIRED,
    Category.EMPLOYED,
    Category.MOBILE,
    Category.PROBATIONARY,
    Category.ACTIVIST,
)
ROLE_ORDER = (Role.MEMBER, Role.GROUP_LEADER, Role.COMMITTEE, Role.SECRETARY)


def esc(value: object) -> str:
    return html.escape(str(value))


def category_label(value: str, lang: str) -> str:
    return t(f"members.cat.{value}", lang) if value in set(Category) else esc(value)


def role_label(value: str, lang: str) -> str:
    return t(f"members.role.{value}", lang) if value in set(Role) else esc(value)


def status_label(value: str, lang: str) -> str:
    return t(f"members.status.{value}", lang)


def fmt_date(value: date | None, lang: str) -> str:
    """1976年8月1日 on a Chinese screen (not 1976-08-01), 1976-08-01 in English."""
    if value is None:
        return t("members.none", lang)
    if lang == "en":
        return value.isoformat()
    return f"{value.year}年{value.month}月{value.day}日"


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Shanghai")


def fmt_time(value: datetime | None, tz: str, lang: str) -> str:
    """A moment in the branch's time zone: 2026年12月5日 13:00 (2026-12-05 13:00 in English)."""
    if value is None:
        return t("members.never", lang)
    local = value.astimezone(zone(tz))
    return f"{fmt_date(local.date(), lang)} {local:%H:%M}"


def party_age_text(age: int | None, lang: str) -> str:
    return t("members.none", lang) if age is None else t("members.years", lang, n=age)


def error_text(error: MemberError, lang: str) -> str:
    return t(f"members.error.{error.value}", lang)


def link_state_text(state: LinkRefusal | None, lang: str) -> str:
    return t(
        "members.link_state.ok" if state is None else f"members.link_state.{state.value}", lang
    )


async def refuse_with(update: Update, refused: Refused, lang: str) -> None:
    await refuse(update, t(refused.key("members"), lang))


def big_keyboard(
    labels: list[str], lang: str, *, per_row: int = 2, cancel: bool = True
) -> ReplyKeyboardMarkup:
    """Big reply buttons for a guided step, with 取消 at the bottom."""
    rows = [
        [KeyboardButton(x) for x in labels[i : i + per_row]] for i in range(0, len(labels), per_row)
    ]
    if cancel:
        rows.append([KeyboardButton(t("members.cancel_button", lang))])
    return ReplyKeyboardMarkup(rows, resize_keyboard=True, one_time_keyboard=False)


def category_from_label(text: str) -> Category | None:
    """The category whose button text (any language) was pressed."""
    for category in Category:
        if text.strip() in variants(f"members.cat.{category.value}"):
            return category
    return None
