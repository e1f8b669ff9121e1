"""The buttons the meetings services put on the notices they queue (参加, 请假, 签到, materials,
the register, 批准/不批准).

Defined here rather than beside the handlers: the outbox sends these notices later, from a job,
so the services build their data, and services may not import handlers. handlers/meetings/
buttons.py has every meetings kind, these included. Their data keeps the layout of the notices
already in members' chats, so an old notice's buttons still work.
"""

from __future__ import annotations

from bot.kernel.buttons import Button


class Going(Button, prefix="mt:go"):
    """参加: the member will come (also the one button of a cancelled meeting's notice)."""

    meeting: int


class AskLeave(Button, prefix="mt:lv"):
    """请假: offers the reasons."""

    meeting: int


class Materials(Button, prefix="mt:mat"):
    """The agenda and the files of a meeting."""

    meeting: int


class MadeUp(Button, prefix="mt:mu"):
    """已补学: a missed meeting was made up."""

    meeting: int


class CheckInTo(Button, prefix="mt:ci"):
    """签到 for one meeting: asks for its code."""

    meeting: int


class MeetingRegister(Button, prefix="mt:xl"):
    """One meeting's attendance register as .xlsx."""

    meeting: int


class ApproveLeave(Button, prefix="mt:la"):
    leave: int


class DeclineLeave(Button, prefix="mt:ld"):
    leave: int
