"""Handlers of the privacy feature: the notice, binding confirmation, /mydata, /audit.

Every button is a typed kind (handlers/privacy/buttons.py), parsed and range-checked before
its callback runs; rights are checked again by the services on every press.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import Context
from bot.kernel.conversations import FlowState
from handlers.buttons import on
from handlers.core_buttons import OpenMyData
from handlers.flows import StepHandler
from handlers.privacy import audit, mydata, notice
from handlers.privacy import buttons as b
from handlers.privacy.common import FLOW
from handlers.privacy.mydata import approve_section

__all__ = ["approve_section", "flow_routes", "handlers"]


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler("mydata", mydata.my_data),
        CommandHandler("audit", audit.audit_command),
        CommandHandler("privacynotice", notice.notice_setting, filters=filters.ChatType.PRIVATE),
        on(b.DeclineNotice, notice.decline),
        on(b.AcceptNotice, notice.accept_for_binding),
        on(b.ConfirmBinding, notice.confirm_binding),
        on(b.NotMe, notice.not_me),
        on(b.EditNotice, notice.edit_notice),
        on(b.ResetNotice, notice.reset_notice),
        on(OpenMyData, mydata.from_button),
        on(b.AskCorrection, mydata.ask_correction),
        on(b.AskDeletion, mydata.ask_deletion),
        on(b.ConfirmDeletion, mydata.confirm_deletion),
        on(b.CancelRequest, mydata.cancel),
        on(b.ApproveRequest, mydata.approve),
        on(b.RejectRequest, mydata.reject),
        on(b.AuditPage, audit.page),
        on(b.PickPerson, audit.pick_person),
        on(b.PickFamily, audit.pick_family),
        on(b.ExportAudit, audit.export),
    ]


async def _on_input(update: Update, context: Context, state: FlowState) -> None:
    if state.step == "notice":
        await notice.on_notice_text(update, context, state)
    else:
        await mydata.on_correction(update, context, state)


def flow_routes() -> dict[str, StepHandler]:
    return {FLOW: _on_input}
