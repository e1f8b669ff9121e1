"""Which notices the outbox sends first."""

from __future__ import annotations

from bot.domain.delivery.priority import Priority, priority_for


def test_time_bound_notices_beat_follow_ups_which_beat_broadcasts() -> None:
    assert priority_for("meeting_reminder") == priority_for("meeting_notice") == Priority.URGENT
    assert priority_for("meeting_reminder") < priority_for("makeup") < priority_for("broadcast")
    assert priority_for("meeting_change") == Priority.URGENT
    assert priority_for("leave_result") == Priority.URGENT
    assert priority_for("broadcast") == Priority.BULK


def test_a_kind_from_a_later_feature_is_normal_until_listed() -> None:
    assert priority_for("posts_nudge") == Priority.NORMAL


def test_an_activity_notice_is_urgent_and_monthly_dues_reminders_are_bulk() -> None:
    assert priority_for("hours_activity") == Priority.URGENT
    assert priority_for("dues_reminder") == Priority.BULK
    assert priority_for("dues_ask") == priority_for("hours_result") == Priority.NORMAL
