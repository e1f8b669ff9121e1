"""Handlers of the four cards and the assessment (四卡、一制度), in the order they are tried.

Every button is `cd:<action>[:fields]`; numbers in it were range-checked by the guard
(bot.domain.payloads), rights are checked again by the services on every press.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.kernel.conversations import FlowState
from handlers.cards.common import FLOW
from handlers.cards.officer import Officer
from handlers.cards.partner import Partner
from handlers.cards.view import CardsView
from handlers.filters import menu_button
from handlers.flows import StepHandler

__all__ = ["flow_routes", "handlers", "take_over_card"]

_view = CardsView()
_officer = Officer()
_partner = Partner()


def _button(callback: object, pattern: str) -> CallbackQueryHandler[Context, None]:
    return CallbackQueryHandler(callback, pattern=f"^cd:{pattern}$")  # type: ignore[arg-type]


def _card_entry() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler("card", _view.command, filters=filters.ChatType.PRIVATE),
        MessageHandler(menu_button("menu.card"), _view.command),
    ]


def take_over_card(
    others: Sequence[BaseHandler[Update, Context, Any]],
) -> list[BaseHandler[Update, Context, Any]]:
    """The members feature's handlers with its one-card /card replaced by the four cards.

    Replaced in place, not put in front: the members' guided flows (registration) come before
    it and must still see /card first, to leave the flow and say so.
    """
    out: list[BaseHandler[Update, Context, Any]] = []
    entry = _card_entry()
    for handler in others:
        is_card = (isinstance(handler, CommandHandler) and "card" in handler.commands) or (
            isinstance(handler, MessageHandler)
            and getattr(handler.callback, "__name__", "") == "on_card"
        )
        if is_card:
            out += entry
            entry = []
        else:
            out.append(handler)
    return out + entry


def handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler(
            "start", _partner.start, filters=private & filters.Regex(r"^/start(@\w+)?\s+f_")
        ),
        _button(_view.mine, "my"),
        _button(_view.card, r"v:\d+:\d+:\d+"),
        _button(_view.image, r"png:\d+:\d+:\d+"),
        _button(_view.pdf, r"pdf:\d+:\d+"),
        _button(_view.rules, "rules"),
        _button(_view.adjust, r"(ra|rr|rd:\d+:[01])"),
        _button(_view.members, r"ml:\d+"),
        _button(_view.letter, r"lt:\d+:\d+"),
        _button(_officer.rate, r"fb:\d+"),
        _button(_officer.rated, r"fr:\d+:\d+"),
        _button(_officer.no_comment, "fn"),
        _button(_officer.link, r"fl:\d+"),
        _button(_officer.correct, r"co:\d+:\d+"),
        _button(_officer.correct_item, r"ci:\d+:\d+:\d+"),
        _button(_officer.correct_delta, r"cv:\d+:\d+:\d+:\d+"),
        _button(_officer.tally_xlsx, r"(tx|xl):\d+"),
        _button(_partner.rated, r"pr:\d+"),
    ]


async def _on_input(update: Update, context: Context, state: FlowState) -> None:
    message = update.message
    if message is not None and (message.text or "").split("@")[0].strip() == "/cancel":
        await _officer.cancel(update, context)
    elif state.step == "comment":
        await _officer.on_comment(update, context, state)
    elif state.step == "reason":
        await _officer.on_reason(update, context, state)
    elif state.step == "partner_name":
        await _officer.on_partner_name(update, context, state)
    else:
        await _partner.on_input(update, context, state)


def flow_routes() -> dict[str, StepHandler]:
    return {FLOW: _on_input}
