"""Handlers of residents' requests (居民点单, 党员接单), in the order they must be tried.

Every button is `rq:<action>[:fields]`; numbers in it were range-checked by the guard
(bot.domain.payloads); the services check the presser's rights again on every press.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import Context
from bot.kernel.conversations import FlowState
from handlers.flows import StepHandler
from handlers.residents.common import FLOW
from handlers.residents.history import HistorySide
from handlers.residents.member import MemberSide
from handlers.residents.officer import OfficerSide
from handlers.residents.resident import ResidentFlow

__all__ = ["flow_routes", "handlers"]

_resident = ResidentFlow()
_member = MemberSide()
_officer = OfficerSide()
_history = HistorySide()


def _button(callback: object, pattern: str) -> CallbackQueryHandler[Context, None]:
    return CallbackQueryHandler(callback, pattern=f"^rq:{pattern}$")  # type: ignore[arg-type]


def handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE
    return [
        # Before the members feature: a q_ payload is a resident's, not an invite.
        CommandHandler("start", _resident.start, filters=private & filters.Regex(r"^/start q_")),
        CommandHandler("residents", _officer.menu, filters=private),
        # the resident
        _button(_resident.category, r"c:\d+"),
        _button(_resident.skip, "sk"),
        _button(_resident.submit, "ok"),
        _button(_resident.cancel, "x"),
        _button(_resident.mine, "my"),
        _button(_resident.again, r"new:\d+"),
        _button(_resident.rate, r"rt:\d+:\d+"),
        _button(_resident.withdraw, r"wd:\d+"),
        # post holders
        _button(_member.take, r"tk:\d+"),
        _button(_member.taken, "mt"),
        _button(_member.ask_note, r"dn:\d+"),
        # the secretary
        _button(_officer.menu, "menu"),
        _button(_officer.link, "(ln|lnn)"),
        _button(_officer.revoke, "lnx"),
        _button(_officer.list, "ls"),
        _button(_officer.choose, r"as:\d+"),
        _button(_officer.assign, r"am:\d+:\d+"),
        _button(_officer.ask_reason, r"cl:\d+"),
        _button(_officer.block, r"bk:\d+"),
        _button(_officer.unblock, r"ub:\d+"),
        _button(_officer.settings, r"(st|eh:\d+|rd:\d+|rh:\d+)"),
        _button(_history.page, r"hs:\d+"),
        _button(_history.counts, "ct"),
    ]


async def _on_input(update: Update, context: Context, state: FlowState) -> None:
    if state.step == "note":
        await _member.on_note(update, context, state)
    elif state.step == "reason":
        await _officer.on_reason(update, context, state)
    elif state.step == "comment":
        await _resident.on_comment(update, context, state)
    else:
        await _resident.on_input(update, context, state)


def flow_routes() -> dict[str, StepHandler]:
    return {FLOW: _on_input}
