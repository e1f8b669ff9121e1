"""The delivery feature's buttons: /broadcast's draft, schedule and list, and (from
jobs/delivery/buttons.py, drawn by the sender) 「收到」 and the report's buttons.

A button names a notice; every press loads it through the services, which check again that the
person may broadcast and that the notice is theirs (bot/services/delivery/broadcast.py).
"""

from __future__ import annotations

from typing import Annotated

from bot.domain.members import Category
from bot.kernel.buttons import Button, Hour, Span
from jobs.delivery.buttons import (
    Acknowledge,
    Acknowledged,
    RefreshReport,
    RemindUnacked,
    ShowUnreached,
)

__all__ = [
    "SCHEDULE_DAYS",
    "Acknowledge",
    "Acknowledged",
    "AudienceButton",
    "BackToAudience",
    "CancelDraft",
    "ChooseDay",
    "ChooseHour",
    "ChooseSaved",
    "Committee",
    "GroupCopy",
    "ListNotices",
    "PreviewOnly",
    "QuitCompose",
    "RefreshReport",
    "RemindUnacked",
    "ScheduleAt",
    "SendNow",
    "ShowNotice",
    "ShowPreview",
    "ShowUnreached",
    "ToggleCategory",
    "ToggleGroup",
    "Unschedule",
    "WholeBranch",
]

SCHEDULE_DAYS = 3  # today, tomorrow, the day after
Day = Annotated[int, Span(0, SCHEDULE_DAYS - 1)]


# --- the content prompt and the list of recent notices -----------------------------------------


class ListNotices(Button, prefix="dl:list"):
    """「📋 最近的通知」."""


class QuitCompose(Button, prefix="dl:quit"):
    """「取消」 on the content prompt."""


class ShowNotice(Button, prefix="dl:show"):
    """One notice of the list: its report, or its schedule."""

    notice: int


class Unschedule(Button, prefix="dl:unsched"):
    notice: int


class PreviewOnly(Button, prefix="dl:noop"):
    """The members' buttons on the preview copy: pressing them there does nothing."""


# --- the audience of a draft ---------------------------------------------------------------------


class WholeBranch(Button, prefix="dl:aa"):
    notice: int


class Committee(Button, prefix="dl:ac"):
    notice: int


class ToggleGroup(Button, prefix="dl:ag"):
    notice: int
    group: int


class ToggleCategory(Button, prefix="dl:ak"):
    notice: int
    category: Category


class ChooseSaved(Button, prefix="dl:as"):
    """A saved audience (audiences.SavedAudience): its key, ':' written '.' (keys never hold one:
    [a-z0-9_:], and a button's token may not hold ':')."""

    notice: int
    token: str

    @classmethod
    def of(cls, notice: int, key: str) -> ChooseSaved:
        return cls(notice, key.replace(":", "."))

    @property
    def key(self) -> str:
        return self.token.replace(".", ":")


AudienceButton = WholeBranch | Committee | ToggleGroup | ToggleCategory | ChooseSaved


# --- preview, schedule, send ---------------------------------------------------------------------


class ShowPreview(Button, prefix="dl:next"):
    """「下一步」 (and 「返回预览」): the copy members will see and the send buttons."""

    notice: int


class BackToAudience(Button, prefix="dl:back"):
    notice: int


class GroupCopy(Button, prefix="dl:gc"):
    """Also post a copy to the branch's group chat (a toggle)."""

    notice: int


class SendNow(Button, prefix="dl:send"):
    notice: int


class ChooseDay(Button, prefix="dl:when"):
    """「定时发送」: the days to choose from."""

    notice: int


class ChooseHour(Button, prefix="dl:day"):
    """A day chosen: the hours still ahead on it."""

    notice: int
    day: Day


class ScheduleAt(Button, prefix="dl:at"):
    """Send at this hour of that day, in the branch's time zone."""

    notice: int
    day: Day
    hour: Hour


class CancelDraft(Button, prefix="dl:x"):
    notice: int
