"""Handlers of the four cards and the assessment (四卡、一制度), in the order they are tried.

Every button is a typed kind (handlers/cards/buttons.py), parsed and range-checked before its
callback runs; rights are checked again by the services on every press.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.kernel.conversations import FlowState
from handlers.buttons import on
from handlers.cards import buttons as b
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
        on(b.OpenMyCards, _view.mine),
        on(b.ShowCard, _view.card),
        on(b.PrintCard, _view.image),
        on(b.CardsPdf, _view.pdf),
        on(b.ShowRules, _view.rules),
        on(b.EditRules, _view.edit_rules),
        on(b.StepRule, _view.step_rule),
        on(b.ResetRules, _view.reset_rules),
        on(b.MembersPage, _view.members),
        on(b.ShowLetter, _view.letter),
        on(b.RateMember, _officer.rate),
        on(b.RateStars, _officer.rated),
        on(b.NoComment, _officer.no_comment),
        on(b.PartnerLink, _officer.link),
        on(b.CorrectScore, _officer.correct),
        on(b.CorrectItem, _officer.correct_item),
        on(b.CorrectDelta, _officer.correct_delta),
        on(b.TallyXlsx, _officer.tally_xlsx),
        on(b.YearXlsx, _officer.year_xlsx),
        on(b.PartnerStars, _partner.rated),
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
