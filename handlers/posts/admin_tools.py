"""The secretary's reporting QR, the list of who reported, and the branch's post settings."""

from __future__ import annotations

import html

from telegram import InputFile, Update

from bot.context import Context
from bot.domain.links import deep_link, qr_png
from bot.domain.posts.rules import (
    LIMIT_KEY,
    NUDGE_DAY_CHOICES,
    NUDGE_DAY_KEY,
    NUDGE_KEY,
)
from bot.services.posts import admin, reporting
from bot.services.posts.common import Refused
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.posts.buttons import (
    PostSettings,
    ReportQr,
    Reports,
    SetLimit,
    SetNudge,
    SetNudgeDay,
)
from handlers.posts.common import (
    Rows,
    answer,
    back_to_admin,
    refuse,
    show,
)


def _setting(button: SetLimit | SetNudge | SetNudgeDay) -> tuple[str, int]:
    """The branch setting a button changes, and its new value."""
    if isinstance(button, SetLimit):
        return LIMIT_KEY, button.limit
    if isinstance(button, SetNudge):
        return NUDGE_KEY, int(button.on)
    return NUDGE_DAY_KEY, button.day


class Tools:
    async def qr(self, update: Update, context: Context, _button: ReportQr) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            token = await reporting.link_token(u.session, u.actor, u.data.clock.now())
        if isinstance(token, Refused):
            await refuse(update, context, token, lang)
            return
        await answer(update)
        url = deep_link(context.bot.username, token)
        chat = update.effective_chat
        assert chat is not None
        await context.bot.send_photo(
            chat.id,
            InputFile(qr_png(url), filename="report.png"),
            caption=t("posts.admin.qr", lang, url=url),
        )

    async def settings(self, update: Update, context: Context, _button: PostSettings) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await admin.settings(u.session, u.actor)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        await self._settings_screen(update, context, found, lang)

    async def _settings_screen(
        self, update: Update, context: Context, s: admin.Settings, lang: str
    ) -> None:
        on = t("posts.on", lang) if s.nudge else t("posts.off", lang)
        text = t("posts.admin.settings", lang, limit=s.limit, nudge=on, day=s.nudge_day)
        days = [(f"{d}", SetNudgeDay(d).data) for d in NUDGE_DAY_CHOICES]
        rows: Rows = [
            [(t("posts.btn.limit", lang, n=n), SetLimit(n).data) for n in (1, 2)],
            [
                (
                    t("posts.btn.nudge_off" if s.nudge else "posts.btn.nudge_on", lang),
                    SetNudge(not s.nudge).data,
                )
            ],
            days[:3],
            days[3:],
            back_to_admin(lang),
        ]
        await show(update, context, text, inline(rows))

    async def change(
        self, update: Update, context: Context, button: SetLimit | SetNudge | SetNudgeDay
    ) -> None:
        """A branch setting's button; the service checks the value is one of its choices."""
        key, value = _setting(button)
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await admin.change_setting(u.session, u.actor, key, value, u.data.clock.now())
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update, t("posts.saved", lang))
        await self._settings_screen(update, context, result, lang)

    async def reports(self, update: Update, context: Context, _button: Reports) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await reporting.reports(u.session, u.actor)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        lines = [t("posts.admin.reports", lang, n=len(found))]
        for r in found[:50]:
            v = r.report
            lines.append(
                t(
                    "posts.admin.report_line",
                    lang,
                    name=html.escape(r.member_name),
                    unit=html.escape(v.unit_name),
                    party=html.escape(v.unit_party_branch),
                    contact=html.escape(v.contact_name),
                    phone=html.escape(v.contact_phone or "-"),
                )
            )
        await show(update, context, "\n".join(lines), inline([back_to_admin(lang)]))
