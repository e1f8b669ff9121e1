"""Handlers of the volunteer hours feature (志愿服务时长), in the order they must be tried.

Every button is a kind of handlers/hours/buttons.py, parsed and range-checked before its
callback runs; rights are checked again by the services on every press.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.kernel.buttons import Button
from bot.kernel.conversations import FlowState
from handlers.buttons import on
from handlers.filters import menu_button
from handlers.flows import StepHandler
from handlers.hours import buttons as b
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


def _plain(
    callback: Callable[[Update, Context], Awaitable[None]],
) -> Callable[[Update, Context, Button], Awaitable[None]]:
    """A screen its button tells nothing more about (it is also a command or a menu entry)."""

    async def call(update: Update, context: Context, _button: Button) -> None:
        await callback(update, context)

    return call


def handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("hours", _menu.menu, filters=private),
        MessageHandler(menu_button("menu.hours"), _menu.menu),
        CommandHandler("verify", _menu.verify, filters=private),
        on(b.HoursMenu, _plain(_menu.menu)),
        on(b.MyRecords, _plain(_menu.mine)),
        on(b.EditRecord, _menu.edit),
        on(b.WithdrawRecord, _menu.withdraw),
        on(b.MyTotals, _plain(_menu.my_totals)),
        on(b.HideName, _menu.hide),
        on(b.MyChart, _plain(_menu.chart)),
        on(b.CertificatePeriods, _plain(_menu.cert_periods)),
        on(b.MyCertificate, _menu.my_certificate),
        on(b.MemberCertificate, _menu.member_certificate),
        on(b.HoursSettings, _plain(_menu.settings)),
        on(b.SetMaxAge, _menu.set_max_age),
        # the report draft
        on(b.NewReport, _plain(_report.start)),
        on(b.ReportDay, _report.change),
        on(b.ReportHours, _report.change),
        on(b.ReportTeam, _report.change),
        on(b.ReportType, _report.change),
        on(b.ReportWhatDefault, _report.change),
        on(b.ReportTypeIn, _report.type_in),
        on(b.ReportGoTo, _report.go_to),
        on(b.SubmitReport, _report.submit),
        on(b.CancelReport, _report.cancel),
        # approvals
        on(b.PendingHours, _plain(_approve.list)),
        on(b.ApproveAll, _plain(_approve.approve_all)),
        on(b.Approve, _approve.approve),
        on(b.Decline, _approve.decline),
        on(b.DeclineWithReason, _approve.quick_reason),
        on(b.DeclineTypeReason, _approve.typed_reason),
        # teams
        on(b.Teams, _plain(_teams.list)),
        on(b.JoinTeam, _teams.join),
        on(b.LeaveTeam, _teams.join),
        on(b.NewTeam, _plain(_teams.new_team)),
        on(b.TeamLeaders, _teams.leaders),
        on(b.ToggleLeader, _teams.leaders),
        # activities
        on(b.Activities, _plain(_activity.list)),
        on(b.CheckIn, _activity.check_in),
        on(b.CheckOut, _activity.check_out),
        on(b.OpenActivity, _activity.choose_team),
        on(b.RecordActivity, _activity.choose_team),
        on(b.OpenForTeam, _activity.choose_start),
        on(b.OpenStart, _activity.choose_hours),
        on(b.OpenHours, _activity.what_where),
        on(b.OpenDefault, _activity.open),
        on(b.RecordForTeam, _activity.record_day),
        on(b.RecordDay, _activity.record_hours),
        on(b.RecordSheet, _activity.sheet),
        on(b.TickPerson, _activity.sheet),
        on(b.FinishRecord, _activity.finish),
        on(b.Dispute, _activity.dispute),
        # totals and export
        on(b.StatsPeriods, _plain(_stats.periods)),
        on(b.StatsTeams, _stats.teams),
        on(b.StatsTypeRange, _plain(_stats.ask_range)),
        on(b.ShowTotals, _stats.show_totals),
        on(b.ExportHours, _stats.export),
        on(b.CertificatePeople, _stats.certificate_people),
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
