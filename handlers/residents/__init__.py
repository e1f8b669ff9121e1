"""Handlers of residents' requests (居民点单, 党员接单), in the order they must be tried.

Every button is a kind of handlers/residents/buttons.py (`rq:<action>[:fields]`), parsed and
range-checked before its callback sees it; the services check the presser's rights again on
every press.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import Context
from bot.kernel.conversations import FlowState
from handlers.buttons import on
from handlers.flows import StepHandler
from handlers.residents import buttons as b
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


def handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE
    return [
        # Before the members feature: a q_ payload is a resident's, not an invite.
        CommandHandler("start", _resident.start, filters=private & filters.Regex(r"^/start q_")),
        CommandHandler("residents", _officer.menu, filters=private),
        # the resident
        on(b.ChooseCategory, _resident.category),
        on(b.SkipStep, _resident.skip),
        on(b.SubmitRequest, _resident.submit),
        on(b.CancelRequest, _resident.cancel),
        on(b.MyRequests, _resident.mine),
        on(b.AskAgain, _resident.again),
        on(b.RateRequest, _resident.rate),
        on(b.WithdrawRequest, _resident.withdraw),
        # post holders
        on(b.TakeRequest, _member.take),
        on(b.MyTaken, _member.taken),
        on(b.FinishRequest, _member.ask_note),
        # the secretary
        on(b.ResidentsMenu, _officer.menu),
        on(b.ShowLink, _officer.link),
        on(b.RenewLink, _officer.link),
        on(b.RevokeLink, _officer.revoke),
        on(b.WaitingList, _officer.list),
        on(b.ChooseTaker, _officer.choose),
        on(b.AssignTaker, _officer.assign),
        on(b.AskCloseReason, _officer.ask_reason),
        on(b.BlockResident, _officer.block),
        on(b.UnblockResident, _officer.unblock),
        on(b.ResidentSettings, _officer.settings),
        on(b.SetEscalateHours, _officer.settings),
        on(b.SetRetention, _officer.settings),
        on(b.SetRemindHours, _officer.settings),
        on(b.HistoryPage, _history.page),
        on(b.Counts, _history.counts),
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
