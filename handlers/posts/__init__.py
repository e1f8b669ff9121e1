"""Handlers of the posts feature (一岗): catalogue, claims, duty records, reporting, admin.

Every button is `po:<action>[:fields]`; numbers in it were range-checked by the guard
(bot.domain.payloads), rights are checked again by the services on every press.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.kernel.conversations import FlowState
from handlers.filters import menu_button
from handlers.flows import StepHandler
from handlers.posts.admin import Admin
from handlers.posts.admin_categories import Categories
from handlers.posts.admin_tools import Tools
from handlers.posts.approve import ApproveFlow, approve_section
from handlers.posts.common import FLOW
from handlers.posts.duty import DutyFlow
from handlers.posts.duty_withdraw import WithdrawFlow
from handlers.posts.holders import HoldersFlow
from handlers.posts.member import Menu
from handlers.posts.report import ReportFlow

__all__ = ["approve_section", "flow_routes", "handlers"]

_menu = Menu()
_duty = DutyFlow()
_approve = ApproveFlow()
_admin = Admin()
_cats = Categories()
_tools = Tools()
_holders = HoldersFlow()
_report = ReportFlow()
_withdraw = WithdrawFlow()


def _button(callback: object, pattern: str) -> CallbackQueryHandler[Context, None]:
    return CallbackQueryHandler(callback, pattern=f"^po:{pattern}$")  # type: ignore[arg-type]


def handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("posts", _menu.menu, filters=private),
        MessageHandler(menu_button("menu.posts"), _menu.menu),
        CommandHandler(
            "start", _report.start, filters=private & filters.Regex(r"^/start(@\w+)?\s+p_")
        ),
        # members
        _button(_menu.menu, "m"),
        _button(_menu.category, r"c:\d+"),
        _button(_menu.post, r"p:\d+"),
        _button(_menu.claim, r"cl:\d+"),
        _button(_menu.ask_release, r"rl:\d+"),
        _button(_menu.release, r"ry:\d+"),
        _button(_menu.my_duties, "my"),
        # duty records
        _button(_duty.start, r"d:\d+"),
        _button(_duty.pick_day, r"dp:\d+"),
        _button(_duty.day, r"dd:\d+:\d{8}"),
        _button(_duty.hours, r"dh:\d+:\d+"),
        _button(_duty.submit, r"ds:\d+"),
        _button(_withdraw.ask, r"dw:\d+"),
        _button(_withdraw.withdraw, r"dy:\d+"),
        _button(_approve.photos, r"ph:\d+"),
        _button(_approve.confirm, r"ok:\d+"),
        _button(_approve.reject, r"no:\d+"),
        _button(_approve.reason, r"nr:\d+:\d+"),
        # reporting
        _button(_report.skip_phone, "rps"),
        # the secretary
        _button(_admin.home, "a"),
        _button(_cats.categories, "ac"),
        _button(_cats.category, r"ce:\d+"),
        _button(_cats.ask_new_category, "ca"),
        _button(_cats.ask_rename_category, r"cr:\d+"),
        _button(_cats.toggle_category, r"cx:\d+"),
        _button(_admin.posts, "al"),
        _button(_admin.new_post, "an"),
        _button(_admin.new_post_category, r"nc:\d+"),
        _button(_admin.skip, "sk"),
        _button(_admin.new_post_capacity, r"np:\d+"),
        _button(_admin.post, r"pe:\d+"),
        _button(_admin.ask_field, r"ef:\d+:(name|description|duties)"),
        _button(_admin.capacity, r"(ec|eq|et):\d+:\d+"),
        _button(_admin.pick_category, r"eg:\d+"),
        _button(_admin.ask_close, r"ak:\d+"),
        _button(_admin.close, r"ky:\d+"),
        _button(_tools.qr, "qr"),
        _button(_tools.reports, "rp"),
        _button(_tools.settings, "st"),
        _button(_tools.change, r"(sl|sn|sd):\d+"),
        _button(_holders.assign_list, r"as:\d+(:\d+)?"),
        _button(_holders.assign, r"am:\d+:\d+"),
        _button(_holders.ask_remove, r"hr:\d+"),
        _button(_holders.remove, r"hy:\d+"),
        _button(_holders.move_list, r"mv:\d+(:\d+)?"),
        _button(_holders.move, r"mm:\d+:\d+"),
    ]


async def _on_input(update: Update, context: Context, state: FlowState) -> None:
    """The next message of a person in the posts flow, by step."""
    step = state.step
    if step == "duty_what":
        await _duty.on_what(update, context, state)
    elif step == "duty_photo":
        await _duty.on_photo(update, context, state)
    elif step.startswith("rep_"):
        await _report.on_input(update, context, state)
    elif step in ("cat_new", "cat_rename"):
        await _cats.on_category_name(update, context, state)
    elif step in ("new_name", "new_desc", "new_duties"):
        await _admin.on_new_post(update, context, state)
    elif step == "edit":
        await _admin.on_field(update, context, state)
    # duty_hours and new_cap wait for a button: a typed message there is ignored kindly below
    else:
        from bot.texts import t
        from handlers.base import unit
        from handlers.posts.common import send

        async with unit(update, context) as u:
            lang = u.actor.lang
        await send(update, context, t("posts.use_buttons", lang))


def flow_routes() -> dict[str, StepHandler]:
    return {FLOW: _on_input}
