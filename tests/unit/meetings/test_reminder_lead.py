"""What a reminder says is left: the time it was set for, unless it went out really late."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.meetings.reminders import reminder_lead

M, S = timedelta(minutes=1), timedelta(seconds=1)


@pytest.mark.parametrize(
    ("offset", "left", "said"),
    [
        (5 * M, 5 * M, 5 * M),
        (5 * M, 4 * M + 50 * S, 5 * M),  # a tick a few seconds late
        (5 * M, 4 * M + 1 * S, 5 * M),
        (60 * M, 59 * M + 31 * S, 60 * M),
        (60 * M, 58 * M + 10 * S, 60 * M),
        (24 * 60 * M, 24 * 60 * M - S, 24 * 60 * M),
        (5 * M, 3 * M + 40 * S, 4 * M),  # really late: the true time, to the nearest minute
        (60 * M, 30 * M, 30 * M),  # sent late after the bot was down
        (60 * M, 29 * M + 45 * S, 30 * M),
        (5 * M, -S, 0 * M),
    ],
)
def test_a_reminder_says_the_time_it_was_set_for(
    offset: timedelta, left: timedelta, said: timedelta
) -> None:
    assert reminder_lead(offset, left) == said
