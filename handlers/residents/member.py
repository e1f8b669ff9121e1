"""The members' side: 「我来办」, the requests they took, 办结 with a note."""

from __future__ import annotations

import html

from telegram import Update

from bot.context import Context
from bot.kernel.conversations import FlowState
from bot.services.delivery import notices
from bot.services.residents import taking
from bot.services.residents.common import Refusal, Refused, RequestView
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.residents.buttons import FinishRequest, MyTaken, TakeRequest
from handlers.residents.common import answer, expect, leave, refuse, send

_RETYPE = frozenset({Refusal.TOO_SHORT, Refusal.TOO_LONG})


def _done_rows(view: RequestView, lang: str) -> list[list[tuple[str, str]]]:
    return [[(t("residents.btn.done", lang), FinishRequest(view.id).data)]]


class MemberSide:
    async def take(self, update: Update, context: Context, button: TakeRequest) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await taking.take(u.session, u.actor, button.request, u.data.clock.now())
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        notices.wake(context.bot_data)
        await answer(update)
        await send(
            update, context, taking.taker_text(result, lang), inline(_done_rows(result, lang))
        )

    async def taken(self, update: Update, context: Context, _button: MyTaken | None = None) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            views = await taking.my_taken(u.session, u.actor)
        await answer(update)
        if not views:
            await send(update, context, t("residents.taker.none", lang))
            return
        await send(update, context, t("residents.taker.list", lang))
        for view in views:
            await send(
                update, context, taking.taker_text(view, lang), inline(_done_rows(view, lang))
            )

    async def ask_note(self, update: Update, context: Context, button: FinishRequest) -> None:
        request_id = button.request
        async with unit(update, context) as u:
            lang = u.actor.lang
            refused = await taking.may_finish(u.session, u.actor, request_id)
            if refused is None:
                await expect(u, update, "note", {"id": request_id})
        if refused is not None:
            await refuse(update, context, refused, lang)
            return
        await answer(update)
        await send(update, context, t("residents.taker.note", lang))

    async def on_note(self, update: Update, context: Context, state: FlowState) -> None:
        message = update.message
        assert message is not None
        request_id = int(state.data.get("id", 0))
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await taking.finish(
                u.session, u.actor, request_id, message.text or "", u.data.clock.now()
            )
            # A note too short or too long may be typed again; any other refusal ends it.
            if not isinstance(result, Refused) or result.reason not in _RETYPE:
                await leave(u, update)
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        notices.wake(context.bot_data)
        await send(update, context, t("residents.taker.done", lang, id=html.escape(str(result.id))))
