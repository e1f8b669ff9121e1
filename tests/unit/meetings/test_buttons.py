"""The meetings buttons' data: the layouts old notices carry still parse, nothing else does, and
the words and ranges they carry are those offered (every kind's longest data:
test_button_kinds)."""

from __future__ import annotations

from datetime import date
from typing import get_args

import pytest

import handlers.meetings as feature
from bot.domain.members.fields import Category
from bot.kernel.buttons import MAX_ID, Button
from bot.services.meetings.leave import QUICK_REASONS
from bot.services.meetings.reports import PERIODS
from bot.services.meetings.settings import (
    CLOSES_AFTER_CHOICES,
    LATE_AFTER_CHOICES,
    OPENS_BEFORE_CHOICES,
    RADIUS_CHOICES,
    REMINDER_PRESETS,
)
from handlers.buttons import kinds_in
from handlers.guard import button_data_ok
from handlers.meetings import buttons as b
from handlers.meetings import pickers as pick
from handlers.meetings.settings import TIMEZONES
from tests.forged_data import kinds_of

KINDS = kinds_in(feature.handlers())
DEFINED = kinds_of(b)


def test_every_kind_defined_is_answered_and_every_one_is_ours() -> None:
    assert set(DEFINED) == set(KINDS) and len(KINDS) == 56
    assert all(kind.prefix.startswith("mt:") for kind in KINDS)


@pytest.mark.parametrize(
    ("button", "data"),
    [
        # Buttons that stay in chats: the layout of the notices already sent.
        (b.Going(12), "mt:go:12"),
        (b.AskLeave(12), "mt:lv:12"),
        (b.LeaveReason(12, "ill"), "mt:lr:12:ill"),
        (b.ApproveLeave(7), "mt:la:7"),
        (b.DeclineLeave(7), "mt:ld:7"),
        (b.Materials(12), "mt:mat:12"),
        (b.MadeUp(12), "mt:mu:12"),
        (b.CheckInTo(12), "mt:ci:12"),
        (b.MeetingRegister(12), "mt:xl:12"),
        (b.RefreshCode(12), "mt:rf:12"),
        (b.ProxyList(12, 0), "mt:px:12:0"),
        (b.ProxyMark(12, 34, 2), "mt:pm:12:34:2"),
        (b.ManageMeeting(12), "mt:mg:12"),
        (b.AskCancelSeries(12), "mt:cs:12"),
        (b.MoveMinute(5, date(2026, 3, 1), 9, 45), "mt:mvm:5:20260301:09:45"),
        (b.ReportGroup("this_quarter", 0), "mt:rg:this_quarter:0"),
        (b.BackToMeetings(), "mt:back"),
        (b.ReportMenu(), "mt:rp"),
        (b.ReportPeriod("this_year"), "mt:rp:this_year"),
        # Short-lived screens.
        (b.OpenSettings("rm"), "mt:st:rm"),
        (b.ReminderPreset(3), "mt:st:rm:3"),
        (b.TypeSetting("tz"), "mt:st:typed:tz"),
        (b.SetWindow("la", 15), "mt:st:win:la:15"),
        (b.SetRadius(1000), "mt:st:rd:1000"),
        (b.PickHour(0), "mt:nw:h:00"),
        (b.PickPlace(None), "mt:nw:pl:-"),
        (b.AudienceGroup(5), "mt:nw:au:g:5"),
        (b.AudienceCategory(Category.RETIRED), "mt:nw:au:c:retired"),
    ],
)
def test_data_is_built_and_read_back(button: Button, data: str) -> None:
    assert button.data == data
    assert type(button).parse(data) == button
    assert button_data_ok(data, KINDS)


@pytest.mark.parametrize(
    "data",
    [
        f"mt:go:{MAX_ID + 1}",
        "mt:go:" + "9" * 30,
        "mt:go:1\n",
        "mt:go:１２",  # full-width digits
        "mt:go",
        "mt:mvd:5:20261399",
        "mt:mvd:5:20250229",
        "mt:mvd:5:2026031",
        "mt:mvd:5:2026O301",
        "mt:mvh:5:20260301:24",
        "mt:mvm:5:20260301:09:60",
        "mt:nw:h:-1",
        "mt:nw:h:9",
        "mt:nw:mi:075",
        "mt:nw:du:401",
        "mt:nw:au:g5",  # the old layout of a group
        "mt:nw:au:everyone",
        "mt:nw:au:c:martian",
        "mt:nw:ty:party",
        "mt:nw:rc:yearly",
        "mt:st:rm:1x",
        "mt:st:rm:typed",  # now mt:st:typed:rm
        "mt:st:win:xx:15",
        "mt:st:rd:0",
        "mt:st:rd:10000",
        "mt:st:other",
        "mt:lr:12:sick",
        "mt:rg:month:0",
        "mt:rp:month",
        "mt:pm:12:34",  # a name is always pressed on a page
        "mt:px:12:401",
    ],
)
def test_data_no_meetings_button_makes_is_refused(data: str) -> None:
    assert not button_data_ok(data, KINDS)
    assert not any(kind.matches(data) for kind in KINDS)


def test_the_choices_offered_fit_their_buttons() -> None:
    """Words and ranges the buttons carry match what the services and pickers offer."""
    assert b.QUICK_CODES == QUICK_REASONS and set(get_args(b.Reason)) == {*QUICK_REASONS, "other"}
    assert b.REPORT_PERIODS == PERIODS == get_args(b.ReportPeriodName)
    codes = set(pick.repeat_phrases(date(2026, 3, 2), 9, 0)) | {"once", "typed"}
    assert codes == set(get_args(b.RepeatCode))
    edges: tuple[tuple[b.WindowEdge, tuple[int, ...]], ...] = (
        ("ob", OPENS_BEFORE_CHOICES),
        ("ca", CLOSES_AFTER_CHOICES),
        ("la", LATE_AFTER_CHOICES),
    )
    for edge, choices in edges:
        assert all(b.SetWindow.parse(b.SetWindow(edge, v).data) for v in choices)
    assert all(b.SetRadius.parse(b.SetRadius(v).data) for v in RADIUS_CHOICES)
    assert all(b.PickDuration.parse(b.PickDuration(v).data) for v in pick.DURATIONS)
    assert len(TIMEZONES) <= 400 and len(REMINDER_PRESETS) <= 400
