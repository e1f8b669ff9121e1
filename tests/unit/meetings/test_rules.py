"""Meeting types, audiences, validation of a new meeting, reminders and local-time helpers."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.domain.meetings import (
    Audience,
    AudienceKind,
    DueReminder,
    MeetingError,
    MeetingType,
    ReminderError,
    ReminderStatus,
    default_audience,
    due_reminders,
    format_reminder_offsets,
    is_ambiguous,
    is_nonexistent,
    is_valid_tz,
    local_date,
    local_day_bounds_utc,
    local_parts,
    local_to_utc,
    next_decision_at,
    normalize_text,
    normalize_title,
    parse_reminder_offsets,
    plan_reminders,
    to_local,
    validate_audience,
    validate_details,
    validate_meeting,
    validate_reminder_offsets,
    validate_schedule,
)

NOW = datetime(2025, 5, 10, 2, 0, tzinfo=UTC)
D, H, M = timedelta(days=1), timedelta(hours=1), timedelta(minutes=1)


def test_meeting_type_values_are_stable() -> None:
    assert [t.value for t in MeetingType] == [
        "general_meeting",
        "committee",
        "group_meeting",
        "lecture",
        "theme_day",
        "life_meeting",
        "appraisal",
        "other",
    ]
    assert MeetingType("theme_day") is MeetingType.THEME_DAY


# ---- audience ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("audience", "text"),
    [
        (Audience.branch(), "branch"),
        (Audience.committee(), "committee"),
        (Audience.group(12), "group:12"),
        (Audience.of_category("retired"), "category:retired"),
    ],
)
def test_audience_round_trip(audience: Audience, text: str) -> None:
    assert audience.to_string() == text
    assert Audience.from_string(text) == audience


@pytest.mark.parametrize(
    "text", ["", "group", "group:", "group:x", "group:0", "everyone", "branch:1", "category:"]
)
def test_audience_from_string_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        Audience.from_string(text)


def test_audience_constructor_rejects_inconsistent_fields() -> None:
    with pytest.raises(ValueError):
        Audience(AudienceKind.BRANCH, group_id=3)
    with pytest.raises(ValueError):
        Audience(AudienceKind.GROUP)
    with pytest.raises(ValueError):
        Audience(AudienceKind.CATEGORY, category="Has Space")


def test_audience_includes() -> None:
    def inc(audience: Audience) -> bool:
        return audience.includes(group_id=2, is_committee=False, categories={"retired"})

    assert inc(Audience.branch())
    assert inc(Audience.group(2))
    assert not inc(Audience.group(3))
    assert not inc(Audience.committee())
    assert Audience.committee().includes(group_id=None, is_committee=True, categories=())
    assert inc(Audience.of_category("retired"))
    assert not inc(Audience.of_category("employed"))


def test_default_audience() -> None:
    assert default_audience(MeetingType.COMMITTEE) == Audience.committee()
    assert default_audience(MeetingType.GROUP_MEETING, 5) == Audience.group(5)
    assert default_audience(MeetingType.THEME_DAY) == Audience.branch()
    with pytest.raises(ValueError):
        default_audience(MeetingType.GROUP_MEETING)


def test_validate_audience() -> None:
    assert validate_audience(MeetingType.GENERAL_MEETING, Audience.group(1)) == [
        MeetingError.AUDIENCE_MUST_BE_BRANCH
    ]
    assert validate_audience(MeetingType.GROUP_MEETING, Audience.branch()) == [
        MeetingError.AUDIENCE_MUST_BE_GROUP
    ]
    assert validate_audience(MeetingType.COMMITTEE, Audience.branch()) == [
        MeetingError.AUDIENCE_MUST_BE_COMMITTEE
    ]
    assert validate_audience(MeetingType.LECTURE, Audience.of_category("employed")) == []


# ---- schedule and details -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts", "ends", "errors"),
    [
        (NOW, None, []),
        (NOW - timedelta(seconds=1), None, [MeetingError.STARTS_IN_PAST]),
        (NOW + D, NOW + D, [MeetingError.ENDS_NOT_AFTER_START]),
        (NOW + D, NOW + D - M, [MeetingError.ENDS_NOT_AFTER_START]),
        (NOW + D, NOW + D + 12 * H, []),
        (NOW + D, NOW + D + 12 * H + M, [MeetingError.TOO_LONG]),
        (datetime(2027, 5, 10, 2, 0, tzinfo=UTC), None, []),
        (datetime(2027, 5, 10, 2, 1, tzinfo=UTC), None, [MeetingError.TOO_FAR_AHEAD]),
        (NOW - D, NOW - 2 * D, [MeetingError.STARTS_IN_PAST, MeetingError.ENDS_NOT_AFTER_START]),
    ],
)
def test_validate_schedule(
    starts: datetime, ends: datetime | None, errors: list[MeetingError]
) -> None:
    assert validate_schedule(starts, ends, NOW) == errors


def test_validate_schedule_requires_aware() -> None:
    with pytest.raises(ValueError):
        validate_schedule(datetime(2025, 6, 1, 9), None, NOW)
    with pytest.raises(ValueError):
        validate_schedule(NOW + D, datetime(2025, 6, 1, 9), NOW)


@pytest.mark.parametrize(
    ("title", "place", "agenda", "errors"),
    [
        ("主题党日", None, None, []),
        ("党" * 60, "地" * 100, "议" * 3000, []),
        ("党" * 61, None, None, [MeetingError.TITLE_TOO_LONG]),
        ("  \n\t ", None, None, [MeetingError.TITLE_EMPTY]),
        (
            "",
            "地" * 101,
            "议" * 3001,
            [MeetingError.TITLE_EMPTY, MeetingError.PLACE_TOO_LONG, MeetingError.AGENDA_TOO_LONG],
        ),
        # Whitespace is collapsed before counting.
        ("  " + "党" * 30 + "\n\n    " + "课" * 29 + "  ", None, None, []),
        ("标题", "  " + "地" * 100 + "  ", None, []),
    ],
)
def test_validate_details(
    title: str, place: str | None, agenda: str | None, errors: list[MeetingError]
) -> None:
    assert validate_details(title, place, agenda) == errors


def test_normalizers() -> None:
    assert normalize_title("  学习\n二十大  精神 ") == "学习 二十大 精神"
    assert normalize_text("   ") is None
    assert normalize_text(None) is None
    assert normalize_text(" 社区活动室 ") == "社区活动室"


def test_validate_meeting_collects_all() -> None:
    errors = validate_meeting(
        meeting_type=MeetingType.GROUP_MEETING,
        title="",
        starts_at=NOW - H,
        ends_at=None,
        place=None,
        agenda=None,
        audience=Audience.branch(),
        now=NOW,
    )
    assert errors == [
        MeetingError.TITLE_EMPTY,
        MeetingError.STARTS_IN_PAST,
        MeetingError.AUDIENCE_MUST_BE_GROUP,
    ]


# ---- reminder offsets ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1d,1h", (D, H)),
        ("1h, 1d", (D, H)),
        ("1D ,1H", (D, H)),
        ("2h30m", (2 * H + 30 * M,)),
        ("1天、2小时", (D, 2 * H)),
        ("１天，３０分钟", (D, 30 * M)),
        ("1个小时 15min", (H, 15 * M)),
        ("1w", (7 * D,)),
        ("", ()),
        ("  ", ()),
        ("1d,1d,24h", (D,)),
        ("5m,14d", (14 * D, 5 * M)),
    ],
)
def test_parse_reminder_offsets(text: str, expected: tuple[timedelta, ...]) -> None:
    assert parse_reminder_offsets(text) == expected


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("4m", ReminderError.OUT_OF_RANGE),
        ("14d1m", ReminderError.OUT_OF_RANGE),
        ("0h", ReminderError.OUT_OF_RANGE),
        ("abc", ReminderError.SYNTAX),
        ("1x", ReminderError.SYNTAX),
        ("1d1", ReminderError.SYNTAX),
        ("d1", ReminderError.SYNTAX),
        ("-1h", ReminderError.SYNTAX),
        ("1h,2h,3h,4h,5h,6h", ReminderError.TOO_MANY),
    ],
)
def test_parse_reminder_offsets_errors(text: str, error: ReminderError) -> None:
    assert parse_reminder_offsets(text) == error


def test_validate_and_format_reminder_offsets() -> None:
    assert validate_reminder_offsets([H, D, H]) == (D, H)
    assert (
        validate_reminder_offsets([timedelta(minutes=4, seconds=59)]) == ReminderError.OUT_OF_RANGE
    )
    assert format_reminder_offsets([H, D]) == "1d,1h"
    assert format_reminder_offsets([36 * H, 90 * M, 5 * M]) == "1d12h,1h30m,5m"
    assert format_reminder_offsets([]) == ""
    for text in ("1d,1h", "2d12h,3h,45m"):
        parsed = parse_reminder_offsets(text)
        assert isinstance(parsed, tuple)
        assert format_reminder_offsets(parsed) == text
    with pytest.raises(ValueError):
        format_reminder_offsets([timedelta(seconds=90)])


# ---- due reminders ------------------------------------------------------------------------

START = datetime(2025, 6, 26, 1, 0, tzinfo=UTC)  # 09:00 Shanghai
CREATED = START - 10 * D
OFFSETS = (D, H)


def statuses(
    now: datetime, created: datetime = CREATED, sent: tuple[timedelta, ...] = ()
) -> list[str]:
    return [p.status.value for p in plan_reminders(START, OFFSETS, now, created, sent)]


def test_nothing_due_before_first_send_time() -> None:
    now = START - D - M
    assert due_reminders(START, OFFSETS, now, CREATED) == []
    assert statuses(now) == ["pending", "pending"]
    assert next_decision_at(START, OFFSETS, CREATED) == START - D


def test_due_exactly_at_send_time() -> None:
    now = START - D
    assert due_reminders(START, OFFSETS, now, CREATED) == [DueReminder(D, START - D)]
    assert next_decision_at(START, OFFSETS, CREATED) == now


def test_after_sending_the_next_one_is_scheduled() -> None:
    now = START - 20 * H
    assert due_reminders(START, OFFSETS, now, CREATED, sent=(D,)) == []
    assert statuses(now, sent=(D,)) == ["sent", "pending"]
    assert next_decision_at(START, OFFSETS, CREATED, decided=(D,)) == START - H


def test_restart_after_downtime_sends_only_latest_missed() -> None:
    now = START - 30 * M  # bot was down from before the 1-day reminder until now
    assert due_reminders(START, OFFSETS, now, CREATED) == [DueReminder(H, START - H)]
    assert statuses(now) == ["superseded", "due"]


def test_restart_after_downtime_one_missed_one_pending() -> None:
    now = START - 5 * H  # 1-day reminder missed, 1-hour still ahead
    assert due_reminders(START, OFFSETS, now, CREATED) == [DueReminder(D, START - D)]
    assert statuses(now) == ["due", "pending"]
    # Overdue: a past value means the scan picks the meeting up at once.
    assert next_decision_at(START, OFFSETS, CREATED) == START - D < now


def test_restart_after_meeting_started_skips_everything() -> None:
    for now in (START, START + M, START + D):
        assert due_reminders(START, OFFSETS, now, CREATED) == []
        assert statuses(now) == ["skipped", "skipped"]
        # Still to decide (as skipped, and logged) until both are recorded.
        assert next_decision_at(START, OFFSETS, CREATED) == START - D
        assert next_decision_at(START, OFFSETS, CREATED, decided=(D, H)) is None


def test_meeting_created_30_minutes_before_start_gets_no_reminder() -> None:
    created = START - 30 * M
    for now in (created, START - 10 * M):
        assert due_reminders(START, OFFSETS, now, created) == []
        assert statuses(now, created) == ["before_creation", "before_creation"]
        assert next_decision_at(START, OFFSETS, created) is None


def test_meeting_created_between_reminders_keeps_the_later_one() -> None:
    created = START - 23 * H
    assert statuses(created, created) == ["before_creation", "pending"]
    assert due_reminders(START, OFFSETS, START - H, created) == [DueReminder(H, START - H)]


def test_send_time_equal_to_creation_is_sent() -> None:
    created = START - H
    assert due_reminders(START, OFFSETS, created, created) == [DueReminder(H, created)]


def test_reminders_require_aware_datetimes() -> None:
    with pytest.raises(ValueError):
        plan_reminders(START, OFFSETS, datetime(2025, 6, 1), CREATED)


def test_status_enum_values() -> None:
    assert {s.value for s in ReminderStatus} == {
        "pending",
        "due",
        "superseded",
        "skipped",
        "before_creation",
        "sent",
    }


# ---- local time -----------------------------------------------------------------------------


def test_to_local_and_back() -> None:
    instant = datetime(2025, 6, 26, 1, 0, tzinfo=UTC)
    local = to_local(instant, "Asia/Shanghai")
    assert (local.hour, local.utcoffset()) == (9, timedelta(hours=8))
    assert local_to_utc(datetime(2025, 6, 26, 9, 0), "Asia/Shanghai") == instant
    assert local_date(datetime(2025, 6, 25, 16, 30, tzinfo=UTC), "Asia/Shanghai") == date(
        2025, 6, 26
    )


def test_local_to_utc_gap_shifts_forward() -> None:
    naive = datetime(2025, 3, 30, 2, 30)
    assert is_nonexistent(naive, "Europe/Berlin")
    got = local_to_utc(naive, "Europe/Berlin")
    assert got == datetime(2025, 3, 30, 1, 30, tzinfo=UTC)
    assert to_local(got, "Europe/Berlin").time() == time(3, 30)


def test_local_to_utc_fold_takes_first() -> None:
    naive = datetime(2025, 10, 26, 2, 30)
    assert is_ambiguous(naive, "Europe/Berlin")
    assert not is_nonexistent(naive, "Europe/Berlin")
    assert local_to_utc(naive, "Europe/Berlin") == datetime(2025, 10, 26, 0, 30, tzinfo=UTC)
    assert not is_ambiguous(datetime(2025, 10, 26, 4, 0), "Europe/Berlin")
    assert not is_ambiguous(naive, "Asia/Shanghai")


def test_local_helpers_reject_wrong_kind() -> None:
    with pytest.raises(ValueError):
        to_local(datetime(2025, 1, 1), "Asia/Shanghai")
    with pytest.raises(ValueError):
        local_to_utc(NOW, "Asia/Shanghai")
    with pytest.raises(ValueError):
        local_to_utc(datetime(2025, 1, 1), "Not/AZone")


def test_local_day_bounds_on_dst_days() -> None:
    start, end = local_day_bounds_utc(date(2025, 3, 30), "Europe/Berlin")
    assert (start, end - start) == (datetime(2025, 3, 29, 23, tzinfo=UTC), timedelta(hours=23))
    start, end = local_day_bounds_utc(date(2025, 10, 26), "Europe/Berlin")
    assert end - start == timedelta(hours=25)
    start, end = local_day_bounds_utc(date(2025, 10, 26), "Asia/Shanghai")
    assert (start, end - start) == (datetime(2025, 10, 25, 16, tzinfo=UTC), timedelta(hours=24))


def test_local_parts() -> None:
    parts = local_parts(datetime(2025, 10, 26, 8, 0, tzinfo=UTC), "Europe/Berlin")
    assert parts.date == date(2025, 10, 26)
    assert parts.time == time(9, 0)
    assert parts.weekday == 6
    assert parts.utc_offset == timedelta(hours=1)
    assert parts.tz_abbrev == "CET"


def test_is_valid_tz() -> None:
    assert is_valid_tz("Asia/Shanghai")
    assert not is_valid_tz("Asia/Beijing")
    assert not is_valid_tz("")
    assert not is_valid_tz("../etc/passwd")


@pytest.mark.parametrize("minutes_before", [24 * 60 + 5, 24 * 60, 23 * 60, 60, 59, 30, 0, -10])
def test_deciding_everything_not_pending_moves_the_decision_time_past_now(
    minutes_before: int,
) -> None:
    # The reminder scan relies on this: after a pass at `now`, a meeting's stored decision
    # time is in the future (or gone), so each pass reads only meetings that need one.
    now = START - minutes_before * M
    decided = tuple(
        p.offset
        for p in plan_reminders(START, OFFSETS, now, CREATED)
        if p.status not in (ReminderStatus.PENDING, ReminderStatus.BEFORE_CREATION)
    )
    after = next_decision_at(START, OFFSETS, CREATED, decided)
    assert after is None or after > now
    due = [p.send_at for p in plan_reminders(START, OFFSETS, now, CREATED)]
    assert after == min((t for t in due if t > now), default=None)
