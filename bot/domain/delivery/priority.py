"""Which notices go first when the outbox holds more than Telegram lets through at once.

One bot shares 30 messages a second across every branch it serves: a district's broadcasts
can fill minutes of sending. A reminder that says "in 1 hour", a moved or cancelled
meeting, or a leave answer must not wait behind them; a broadcast can.
"""

from __future__ import annotations

from enum import IntEnum

__all__ = ["Priority", "priority_for"]


class Priority(IntEnum):
    """Lower goes first; rows of one priority go oldest first."""

    URGENT = 0  # time-bound: its content goes stale within minutes
    NORMAL = 1  # personal or small, should arrive soon
    BULK = 2  # to many at once; minutes late is fine


_BY_KIND: dict[str, Priority] = {
    # The invitation with its 参加/请假 buttons must not arrive after its own reminder.
    "meeting_notice": Priority.URGENT,
    "meeting_reminder": Priority.URGENT,
    "meeting_change": Priority.URGENT,
    "leave_request": Priority.URGENT,
    "leave_result": Priority.URGENT,
    "meeting_summary": Priority.NORMAL,
    "makeup": Priority.NORMAL,
    "digest": Priority.NORMAL,
    "inactivity": Priority.NORMAL,
    # A volunteer activity's notice carries its 签到 button for a set time.
    "hours_activity": Priority.URGENT,
    "broadcast": Priority.BULK,
    # Monthly reminders to every unpaid member: a branch-wide batch, minutes late is fine.
    "dues_reminder": Priority.BULK,
}


def priority_for(kind: str) -> Priority:
    """The priority of a notice kind; kinds not listed (new features) are NORMAL."""
    return _BY_KIND.get(kind, Priority.NORMAL)
