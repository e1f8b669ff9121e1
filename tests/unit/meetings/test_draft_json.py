"""A /newmeeting draft survives the trip through the conversation store's JSON column."""

from __future__ import annotations

import json
from datetime import date, timedelta

from bot.domain.meetings import Audience, MeetingType
from bot.domain.meetings.recurrence import RecurrenceError, parse_recurrence
from bot.services.meetings.scheduling import FileRef
from handlers.meetings.state import Draft


def _through_json(d: Draft) -> Draft:
    return Draft.from_data(json.loads(json.dumps(d.to_data())))


def test_a_full_draft_round_trips() -> None:
    rule = parse_recurrence("每月第2个周三 19:30", "Asia/Shanghai")
    assert not isinstance(rule, RecurrenceError)
    d = Draft(
        7,
        "Asia/Shanghai",
        type=MeetingType.GROUP_MEETING,
        title="学习党章",
        day=date(2026, 3, 11),
        hour=19,
        minute=30,
        duration=timedelta(minutes=90),
        place="活动室",
        location=(39.9087, 116.3975),
        audience=Audience.group(12),
        agenda="一、学习\n二、讨论",
        recurrence=rule,
        files=[FileRef("document", "F1", "材料.pdf"), FileRef("photo", "P1", None)],
        places=(("活动室", 39.9, 116.4), ("二楼", None, None)),
        # Order is kept (the audience picker shows groups in this order) and keys stay ints.
        groups={12: "第二党小组", 3: "第一党小组"},
        branch_wide=False,
    )
    back = _through_json(d)
    assert back == d
    assert list(back.groups) == [12, 3]


def test_an_empty_draft_round_trips() -> None:
    d = Draft(1, "Europe/Berlin")
    assert _through_json(d) == d
    assert d.start_local is None


def test_category_audience_and_no_duration() -> None:
    d = Draft(1, "Asia/Shanghai", audience=Audience.of_category("retired"), duration=None)
    assert _through_json(d).audience == Audience.of_category("retired")
