"""Handlers of the posts feature (一岗): catalogue, claims, duty records, reporting, admin.

Every button is a kind of handlers/posts/buttons.py (`po:<action>[:fields]`), parsed and
range-checked before its callback sees it; rights are checked again by the services on every
press.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.kernel.conversations import FlowState
from handlers.buttons import on
from handlers.filters import menu_button
from handlers.flows import StepHandler
from handlers.posts import buttons as b
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


def handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("posts", _menu.menu, filters=private),
        MessageHandler(menu_button("menu.posts"), _menu.menu),
        CommandHandler(
            "start", _report.start, filters=private & filters.Regex(r"^/start(@\w+)?\s+p_")
        ),
        # members
        on(b.PostsMenu, _menu.menu),
        on(b.OpenCategory, _menu.category),
        on(b.OpenPost, _menu.post),
        on(b.ClaimPost, _menu.claim),
        on(b.AskRelease, _menu.ask_release),
        on(b.ReleasePost, _menu.release),
        on(b.MyDuties, _menu.my_duties),
        # duty records
        on(b.StartDuty, _duty.start),
        on(b.PickDutyDay, _duty.pick_day),
        on(b.DutyDay, _duty.day),
        on(b.DutyHours, _duty.hours),
        on(b.SubmitDuty, _duty.submit),
        on(b.AskWithdrawDuty, _withdraw.ask),
        on(b.WithdrawDuty, _withdraw.withdraw),
        on(b.DutyPhotos, _approve.photos),
        on(b.ConfirmDuty, _approve.confirm),
        on(b.RejectDuty, _approve.reject),
        on(b.RejectWithReason, _approve.reason),
        # reporting
        on(b.SkipPhone, _report.skip_phone),
        # the secretary
        on(b.PostsAdmin, _admin.home),
        on(b.AdminCategories, _cats.categories),
        on(b.EditCategory, _cats.category),
        on(b.NewCategory, _cats.ask_new_category),
        on(b.RenameCategory, _cats.ask_rename_category),
        on(b.ToggleCategory, _cats.toggle_category),
        on(b.AdminPosts, _admin.posts),
        on(b.NewPost, _admin.new_post),
        on(b.NewPostCategory, _admin.new_post_category),
        on(b.SkipField, _admin.skip),
        on(b.NewPostCapacity, _admin.new_post_capacity),
        on(b.AdminPost, _admin.post),
        on(b.AskPostField, _admin.ask_field),
        on(b.SetCapacity, _admin.capacity),
        on(b.SetCategory, _admin.category),
        on(b.SetTerm, _admin.term),
        on(b.PickPostCategory, _admin.pick_category),
        on(b.AskClosePost, _admin.ask_close),
        on(b.ClosePost, _admin.close),
        on(b.ReportQr, _tools.qr),
        on(b.Reports, _tools.reports),
        on(b.PostSettings, _tools.settings),
        on(b.SetLimit, _tools.change),
        on(b.SetNudge, _tools.change),
        on(b.SetNudgeDay, _tools.change),
        on(b.AssignList, _holders.assign_list),
        on(b.AssignHolder, _holders.assign),
        on(b.AskRemoveHolder, _holders.ask_remove),
        on(b.RemoveHolder, _holders.remove),
        on(b.MoveList, _holders.move_list),
        on(b.MoveHolder, _holders.move),
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
