"""Every kind of button data of the meetings feature (bot/kernel/buttons.py), by screen.

The buttons on queued notices are defined with the services that queue them
(bot/services/meetings/buttons.py) and are listed here too. Buttons that stay in members'
chats (notices, the meeting card, the code screen) keep their data layout across versions, so
an old message's buttons still work; the /newmeeting wizard and /settings screens are
short-lived and use whatever layout fits their fields.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from bot.domain.meetings import MeetingType
from bot.domain.members.fields import Category
from bot.kernel.buttons import Button, Hour, Minute, Small, Span
from bot.services.meetings.buttons import (
    ApproveLeave,
    AskLeave,
    CheckInTo,
    DeclineLeave,
    Going,
    MadeUp,
    Materials,
    MeetingRegister,
)

__all__ = [
    "ApproveLeave",
    "AskLeave",
    "CheckInTo",
    "DeclineLeave",
    "Going",
    "MadeUp",
    "Materials",
    "MeetingRegister",
]

# --- notices: 请假 ---------------------------------------------------------------------------

# bot.services.meetings.leave.QUICK_REASONS and "other" (the person types it); a unit test
# keeps the two in step.
Reason = Literal["ill", "away", "work", "other"]
QUICK_CODES: tuple[Reason, ...] = ("ill", "away", "work")


class LeaveReason(Button, prefix="mt:lr"):
    meeting: int
    reason: Reason


# --- 签到 and the host's code screen ----------------------------------------------------------


class CheckInByLocation(Button, prefix="mt:loc"):
    meeting: int


class ShowCode(Button, prefix="mt:cd"):
    meeting: int


class RefreshCode(Button, prefix="mt:rf"):
    """刷新, or an old screen's one button: that message becomes the live screen."""

    meeting: int


class CheckInMyself(Button, prefix="mt:me"):
    """The host checks themselves in."""

    meeting: int


class ProxyList(Button, prefix="mt:px"):
    """代签: the list of who has not checked in, as a new message."""

    meeting: int
    page: Small


class ProxyPage(Button, prefix="mt:pp"):
    """Another page of the 代签 list, in place."""

    meeting: int
    page: Small


class ProxyMark(Button, prefix="mt:pm"):
    """One name on the 代签 list, pressed on page `page`."""

    meeting: int
    member: int
    page: Small


class OpenCheckInNow(Button, prefix="mt:co"):
    meeting: int


class AskCloseCheckIn(Button, prefix="mt:cc"):
    meeting: int


class CloseCheckIn(Button, prefix="mt:ccy"):
    meeting: int


# --- /meetings and one meeting's card ---------------------------------------------------------


class BackToMeetings(Button, prefix="mt:back"):
    pass


class ManageMeeting(Button, prefix="mt:mg"):
    meeting: int


class MoveMeeting(Button, prefix="mt:mv"):
    meeting: int


class MoveDay(Button, prefix="mt:mvd"):
    meeting: int
    day: date


class MoveHour(Button, prefix="mt:mvh"):
    meeting: int
    day: date
    hour: Hour


class MoveMinute(Button, prefix="mt:mvm"):
    meeting: int
    day: date
    hour: Hour
    minute: Minute


class ChangePlace(Button, prefix="mt:pl"):
    meeting: int


class AskCancelOne(Button, prefix="mt:cx"):
    meeting: int


class AskCancelSeries(Button, prefix="mt:cs"):
    meeting: int


class CancelOne(Button, prefix="mt:cxy"):
    meeting: int


class CancelSeries(Button, prefix="mt:csy"):
    meeting: int


# --- /report ----------------------------------------------------------------------------------

# bot.services.meetings.reports.PERIODS (a unit test keeps the two in step).
ReportPeriodName = Literal["this_month", "this_quarter", "this_year", "last_quarter"]
REPORT_PERIODS: tuple[ReportPeriodName, ...] = (
    "this_month",
    "this_quarter",
    "this_year",
    "last_quarter",
)


class ReportMenu(Button, prefix="mt:rp"):
    pass


class ReportPeriod(Button, prefix="mt:rp"):
    period: ReportPeriodName


class ReportGroup(Button, prefix="mt:rg"):
    """The register of a period for one party group; group 0: the whole branch."""

    period: ReportPeriodName
    group: int


# --- /settings --------------------------------------------------------------------------------

SettingsScreen = Literal["rm", "win", "rd", "tz", "cd", "page"]
Metres = Annotated[int, Span(1, 9999)]
Minutes = Annotated[int, Span(1, 1440)]


class OpenSettings(Button, prefix="mt:st"):
    """A settings menu ("page": back to the settings page)."""

    screen: SettingsScreen


class ReminderPreset(Button, prefix="mt:st:rm"):
    preset: Small  # an index into REMINDER_PRESETS


class TypeSetting(Button, prefix="mt:st:typed"):
    """The reminders or the time zone, typed rather than chosen."""

    what: Literal["rm", "tz"]


# Check-in opens before (ob) the start, closes after (ca) it, counts as late after (la) it.
WindowEdge = Literal["ob", "ca", "la"]


class SetWindow(Button, prefix="mt:st:win"):
    edge: WindowEdge
    minutes: Minutes


class SetRadius(Button, prefix="mt:st:rd"):
    metres: Metres


class ChooseZone(Button, prefix="mt:st:tz"):
    zone: Small  # an index into the offered time zones


class CycleCadence(Button, prefix="mt:st:cy"):
    """How often a type of meeting is due: the next period in the cycle."""

    meeting_type: MeetingType


# --- /newmeeting ------------------------------------------------------------------------------


class StartNewMeeting(Button, prefix="mt:nwstart"):
    """/newmeeting from the /meetings list."""


class CancelDraft(Button, prefix="mt:nw:x"):
    pass


class PickType(Button, prefix="mt:nw:ty"):
    meeting_type: MeetingType


class DefaultTitle(Button, prefix="mt:nw:dt"):
    pass


class PickDay(Button, prefix="mt:nw:d"):
    day: date


class PickHour(Button, prefix="mt:nw:h"):
    hour: Hour


class PickMinute(Button, prefix="mt:nw:mi"):
    minute: Minute


# pickers.repeat_phrases' codes, "once" and "typed" (a rule the person types).
RepeatCode = Literal["once", "w", "m", "mn", "q", "typed"]


class PickRepeat(Button, prefix="mt:nw:rc"):
    rule: RepeatCode


class PickDuration(Button, prefix="mt:nw:du"):
    minutes: Small  # 0: not given


class PickPlace(Button, prefix="mt:nw:pl"):
    """One of the branch's usual places by index; None: no place."""

    place: Small | None


class SkipLocation(Button, prefix="mt:nw:lc"):
    pass


class AudienceWide(Button, prefix="mt:nw:au"):
    whom: Literal["branch", "committee"]


class AudienceGroup(Button, prefix="mt:nw:au:g"):
    group: int


class AudienceCategory(Button, prefix="mt:nw:au:c"):
    category: Category


class AgendaDone(Button, prefix="mt:nw:ag"):
    pass


class Publish(Button, prefix="mt:nw:ok"):
    pass
