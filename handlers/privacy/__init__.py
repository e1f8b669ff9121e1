"""Handlers of the privacy feature: the notice, binding confirmation, /mydata, /audit.

Every button is `pv:<action>[:fields]`; numbers in it were range-checked by the guard
(bot.domain.payloads), rights are checked again by the services on every press.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import Context
from bot.kernel.conversations import FlowState
from handlers.flows import StepHandler
from handlers.privacy import audit, mydata, notice
from handlers.privacy.common import FLOW
from handlers.privacy.mydata import approve_section

__all__ = ["approve_section", "flow_routes", "handlers"]


def _button(callback: object, pattern: str) -> CallbackQueryHandler[Context, None]:
    return CallbackQueryHandler(callback, pattern=f"^pv:{pattern}$")  # type: ignore[arg-type]


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler("mydata", mydata.my_data),
        CommandHandler("audit", audit.audit_command),
        CommandHandler("privacynotice", notice.notice_setting, filters=filters.ChatType.PRIVATE),
        _button(notice.decline, "n"),
        _button(notice.accept_for_binding, r"y:b_[A-Za-z0-9_-]+"),
        _button(notice.confirm_binding, r"by:b_[A-Za-z0-9_-]+"),
        _button(notice.not_me, "bn"),
        _button(notice.edit_notice, "ns:e"),
        _button(notice.reset_notice, "ns:r"),
        _button(mydata.from_button, "md:o"),
        _button(mydata.ask_correction, "md:c"),
        _button(mydata.ask_deletion, "md:d"),
        _button(mydata.confirm_deletion, "md:dy"),
        _button(mydata.cancel, "md:x"),
        _button(mydata.approve, r"ok:\d+"),
        _button(mydata.reject, r"no:\d+"),
        _button(audit.page, r"au:\d+:\d+:[a-z_-]+"),
        _button(audit.pick_person, r"ap:\d+:[a-z_-]+"),
        _button(audit.pick_family, r"af:\d+:[a-z_-]+"),
        _button(audit.export, r"ax:\d+:[a-z_-]+"),
    ]


async def _on_input(update: Update, context: Context, state: FlowState) -> None:
    if state.step == "notice":
        await notice.on_notice_text(update, context, state)
    else:
        await mydata.on_correction(update, context, state)


def flow_routes() -> dict[str, StepHandler]:
    return {FLOW: _on_input}
