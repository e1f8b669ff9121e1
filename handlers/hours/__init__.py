"""Handlers of the volunteer hours feature (志愿服务时长), in the order they must be tried.

Every button is `vh:<action>[:fields]`; numbers in it were range-checked by the guard
(bot.domain.payloads), rights are checked again by the services on every press.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.kernel.conversations import FlowState
from handlers.filters import menu_button
from handlers.flows import StepHandler
from handlers.hours.activity import ActivityFlow
from handlers.hours.approve import ApproveFlow, approve_section
from handlers.hours.common import FLOW
from handlers.hours.menu import Menu
from handlers.hours.report import ReportFlow
from handlers.hours.stats import StatsFlow
from handlers.hours.teams import TeamsFlow

__all__ = ["approve_section", "flow_routes", "handlers"]

_menu = Menu()
_report = ReportFlow()
_approve = ApproveFlow()
_activity = ActivityFlow()
_teams = TeamsFlow()
_stats = StatsFlow()


def _button(callback: object, pattern: str) -> CallbackQueryHandler[Context, None]:
    return CallbackQueryHandler(callback, pattern=f"^vh:{pattern}$")  # type: ignore[arg-type]


def handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("hours", _menu.menu, filters=private),
        MessageHandler(menu_button("menu.hours"), _menu.menu),
        CommandHandler("verify", _menu.verify, filters=private),
        _button(_menu.menu, "menu"),
        _button(_menu.mine, "my"),
        _button(_menu.edit_or_withdraw, r"(ed|wd):\d+"),
        _button(_menu.my_totals, "tot"),
        _button(_menu.hide, "hide:[01]"),
        _button(_menu.chart, "chart"),
        _button(_menu.cert_periods, "cert"),
        _button(_menu.certificate, r"cf:\w+"),
        _button(_menu.certificate, r"cm:\d+:\w+"),
        _button(_menu.settings, "set"),
        _button(_menu.set_max_age, r"ma:\d+"),
        # the report draft
        _button(_report.start, "new"),
        _button(_report.on_button, r"(d|h|t|ty):\d+:\d+"),
        _button(_report.on_button, r"(wq|dt|ht|cw|ph|cd|ch|ct|cc):\d+"),
        _button(_report.submit, r"(sb|sd):\d+"),
        _button(_report.cancel, r"x:\d+"),
        # approvals
        _button(_approve.list, "ap"),
        _button(_approve.approve_all, "all"),
        _button(_approve.approve, r"ok:\d+"),
        _button(_approve.decline, r"no:\d+"),
        _button(_approve.quick_reason, r"nr:\d+:\d+"),
        _button(_approve.typed_reason, r"ny:\d+"),
        # teams
        _button(_teams.list, "tm"),
        _button(_teams.join, r"(j|l):\d+"),
        _button(_teams.new_team, "nt"),
        _button(_teams.leaders, r"ld:\d+"),
        _button(_teams.leaders, r"lt:\d+:\d+"),
        # activities
        _button(_activity.list, "act"),
        _button(_activity.check_in, r"ci:\d+"),
        _button(_activity.check_out, r"co:\d+"),
        _button(_activity.choose_team, "(ao|rc)"),
        _button(_activity.choose_start, r"as:\d+"),
        _button(_activity.choose_hours, r"ad:\d+:(now|h1|h2|tmr9)"),
        _button(_activity.what_where, r"aw:\d+:(now|h1|h2|tmr9):\d+"),
        _button(_activity.open, r"af:\d+:(now|h1|h2|tmr9):\d+"),
        _button(_activity.record_day, r"rd:\d+"),
        _button(_activity.record_hours, r"rh:\d+:\d{8}"),
        _button(_activity.sheet, r"rs:\d+:\d{8}:\d+"),
        _button(_activity.sheet, r"rt:\d+:\d{8}:\d+:\d+"),
        _button(_activity.finish, r"rf:\d+:\d{8}:\d+"),
        _button(_activity.dispute, r"dp:\d+:(hours|absent|other)"),
        # totals and export
        _button(_stats.periods, "st"),
        _button(_stats.teams, r"sp:\w+"),
        _button(_stats.ask_range, "sr"),
        _button(_stats.show_totals, r"sg:\w+:\d+"),
        _button(_stats.export, r"xl:\w+:\d+"),
        _button(_stats.certificate_people, r"cl:\w+:\d+"),
    ]


async def _on_input(update: Update, context: Context, state: FlowState) -> None:
    """The next message of a person in the hours flow, by step."""
    if state.step == "reason":
        await _approve.on_reason(update, context, state)
    elif state.step == "team_name":
        await _teams.on_name(update, context, state)
    elif state.step == "period":
        await _stats.on_range(update, context, state)
    elif state.step == "activity":
        await _activity.on_what_where(update, context, state)
    elif state.step == "verify":
        await _menu.on_verify(update, context, state)
    else:
        await _report.on_input(update, context, state)


def flow_routes() -> dict[str, StepHandler]:
    return {FLOW: _on_input}
