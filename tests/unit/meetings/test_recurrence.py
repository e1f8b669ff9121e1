"""Recurring meetings: phrase parsing, RRULE round trip, occurrences across DST, overrides."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from dateutil.rrule import rrulestr

from bot.domain.meetings.phrases import cn_number
from bot.domain.meetings.recurrence import (
    Freq,
    Occurrence,
    OccurrenceOverride,
    Recurrence,
    RecurrenceError,
    WeekdaySpec,
    apply_overrides,
    next_occurrences,
    occurrences,
    parse_recurrence,
    scheduled_occurrences,
)
from bot.domain.meetings.walltime import local_to_utc, to_local

SH = "Asia/Shanghai"
BER = "Europe/Berlin"
# Berlin summer time 2025 (tzdata-independent expectations): 30 Mar - 25 Oct local dates.
SUMMER_2025 = (date(2025, 3, 30), date(2025, 10, 26))


def expected_utc(tz: str, local: datetime) -> datetime:
    """UTC of a wall time after 03:00, with offsets written out by hand."""
    if tz == SH:
        hours = 8
    else:
        assert date(2025, 1, 1) <= local.date() < date(2026, 3, 1)
        hours = 2 if SUMMER_2025[0] <= local.date() < SUMMER_2025[1] else 1
    return (local - timedelta(hours=hours)).replace(tzinfo=UTC)


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


def walls(hour: int, minute: int, *days: tuple[int, int, int]) -> list[datetime]:
    return [datetime(y, m, d, hour, minute) for y, m, d in days]


MONTHLY_26_SPRING = [datetime(2025, m, 26, 9) for m in (2, 3, 4, 5)]
MONTHLY_26_AUTUMN = [datetime(2025, m, 26, 9) for m in (9, 10, 11, 12)]
QUARTER_FIRST_MONDAY = [
    datetime(2025, 4, 7, 9),
    datetime(2025, 7, 7, 9),
    datetime(2025, 10, 6, 9),
    datetime(2026, 1, 5, 9),
]

# phrase, series start (local date), search after (local, naive), next four local wall times
CASES = [
    ("每月26日 09:00", date(2025, 1, 1), datetime(2025, 2, 1), MONTHLY_26_SPRING),
    ("每月26号上午9点", date(2025, 1, 1), datetime(2025, 9, 1), MONTHLY_26_AUTUMN),
    (
        "每周一 19:30",
        date(2025, 1, 1),
        datetime(2025, 3, 20),
        walls(19, 30, (2025, 3, 24), (2025, 3, 31), (2025, 4, 7), (2025, 4, 14)),
    ),
    ("每季度第一个周一 09:00", date(2025, 1, 1), datetime(2025, 2, 1), QUARTER_FIRST_MONDAY),
    ("每季度首月第一个星期一 9:00", date(2025, 1, 1), datetime(2025, 2, 1), QUARTER_FIRST_MONDAY),
    (
        "每两周周三 14:00",
        date(2025, 3, 5),
        datetime(2025, 3, 10),
        walls(14, 0, (2025, 3, 19), (2025, 4, 2), (2025, 4, 16), (2025, 4, 30)),
    ),
    ("every month on the 26th at 09:00", date(2025, 1, 1), datetime(2025, 9, 1), MONTHLY_26_AUTUMN),
    (
        "first Monday of each quarter at 9:00",
        date(2025, 1, 1),
        datetime(2025, 2, 1),
        QUARTER_FIRST_MONDAY,
    ),
    (
        "every week on Tuesday 19:30",
        date(2025, 1, 1),
        datetime(2025, 10, 15),
        walls(19, 30, (2025, 10, 21), (2025, 10, 28), (2025, 11, 4), (2025, 11, 11)),
    ),
]


@pytest.mark.parametrize("tz", [SH, BER])
@pytest.mark.parametrize(("phrase", "start", "after_local", "wall_times"), CASES)
def test_phrase_next_four_occurrences(
    phrase: str, start: date, after_local: datetime, wall_times: list[datetime], tz: str
) -> None:
    rec = parse_recurrence(phrase, tz)
    assert isinstance(rec, Recurrence), rec
    after = expected_utc(tz, after_local)
    got = next_occurrences(rec, start, after, 4)
    assert got == [expected_utc(tz, w) for w in wall_times]
    # Same wall-clock time on both sides of the switch.
    assert {to_local(t, tz).time() for t in got} == {wall_times[0].time()}


def test_berlin_monthly_keeps_nine_oclock_across_both_switches() -> None:
    rec = parse_recurrence("每月26日 09:00", BER)
    assert isinstance(rec, Recurrence)
    got = occurrences(rec, date(2025, 1, 1), utc(2025, 2, 1), utc(2025, 12, 1))
    hours = [t.hour for t in got]
    # Feb/Mar CET (switch on 30 Mar), Apr..Sep CEST, 26 Oct is the switch day itself
    # (already CET at 09:00), Nov CET.
    assert hours == [8, 8, 7, 7, 7, 7, 7, 7, 8, 8]
    assert [t.month for t in got] == list(range(2, 12))


@pytest.mark.parametrize(
    ("phrase", "freq", "interval", "monthdays", "weekdays", "months", "at"),
    [
        ("每月26日 09:00", Freq.MONTHLY, 1, (26,), (), (), time(9)),
        ("每月二十六日上午九点", Freq.MONTHLY, 1, (26,), (), (), time(9)),
        ("每周一 19:30", Freq.WEEKLY, 1, (), (WeekdaySpec(0),), (), time(19, 30)),
        ("每周一十点", Freq.WEEKLY, 1, (), (WeekdaySpec(0),), (), time(10)),
        ("每星期日 早上8点", Freq.WEEKLY, 1, (), (WeekdaySpec(6),), (), time(8)),
        ("每周三下午两点", Freq.WEEKLY, 1, (), (WeekdaySpec(2),), (), time(14)),
        (
            "每周二、周四 19:30",
            Freq.WEEKLY,
            1,
            (),
            (WeekdaySpec(1), WeekdaySpec(3)),
            (),
            time(19, 30),
        ),
        ("隔周周五 晚上7点", Freq.WEEKLY, 2, (), (WeekdaySpec(4),), (), time(19)),
        (
            "每月最后一个周五下午2点半",
            Freq.MONTHLY,
            1,
            (),
            (WeekdaySpec(4, -1),),
            (),
            time(14, 30),
        ),
        ("每月第2个星期四 15:00", Freq.MONTHLY, 1, (), (WeekdaySpec(3, 2),), (), time(15)),
        ("每月底 9:00", Freq.MONTHLY, 1, (-1,), (), (), time(9)),
        ("每两个月10日 9:00", Freq.MONTHLY, 2, (10,), (), (), time(9)),
        ("每季度末月26日 9:00", Freq.QUARTERLY, 1, (26,), (), (3, 6, 9, 12), time(9)),
        ("每季度最后一天 9:00", Freq.QUARTERLY, 1, (-1,), (), (3, 6, 9, 12), time(9)),
        ("每年12月第一个周五 9:00", Freq.YEARLY, 1, (), (WeekdaySpec(4, 1),), (12,), time(9)),
        ("每年3月5日 9:00", Freq.YEARLY, 1, (5,), (), (3,), time(9)),
        ("every tuesday at 7:30pm", Freq.WEEKLY, 1, (), (WeekdaySpec(1),), (), time(19, 30)),
        (
            "every other week on Wednesday at 2pm",
            Freq.WEEKLY,
            2,
            (),
            (WeekdaySpec(2),),
            (),
            time(14),
        ),
        ("every 3 weeks on Monday at 9am", Freq.WEEKLY, 3, (), (WeekdaySpec(0),), (), time(9)),
        (
            "last Friday of every month at 3pm",
            Freq.MONTHLY,
            1,
            (),
            (WeekdaySpec(4, -1),),
            (),
            time(15),
        ),
        ("monthly on the 1st at noon", Freq.MONTHLY, 1, (1,), (), (), time(12)),
        (
            "first Monday of the last month of each quarter at 9:00",
            Freq.QUARTERLY,
            1,
            (),
            (WeekdaySpec(0, 1),),
            (3, 6, 9, 12),
            time(9),
        ),
        ("every year in December on the 20th at 14:00", Freq.YEARLY, 1, (20,), (), (12,), time(14)),
        ("每月２６日　９：００", Freq.MONTHLY, 1, (26,), (), (), time(9)),
    ],
)
def test_parse_fields(
    phrase: str,
    freq: Freq,
    interval: int,
    monthdays: tuple[int, ...],
    weekdays: tuple[WeekdaySpec, ...],
    months: tuple[int, ...],
    at: time,
) -> None:
    rec = parse_recurrence(phrase, SH)
    assert rec == Recurrence(
        freq=freq,
        time_of_day=at,
        tz=SH,
        interval=interval,
        bymonthday=monthdays,
        byweekday=weekdays,
        bymonth=months,
    )


@pytest.mark.parametrize(
    ("phrase", "error"),
    [
        ("", RecurrenceError.EMPTY),
        ("   ", RecurrenceError.EMPTY),
        ("每月26日", RecurrenceError.NO_TIME),
        ("每月 9:00", RecurrenceError.NO_DAY),
        ("每周 9:00", RecurrenceError.NO_DAY),
        ("周三 9:00", RecurrenceError.NO_FREQUENCY),
        ("每月26日 25:00", RecurrenceError.BAD_TIME),
        ("每月26日 9:75", RecurrenceError.BAD_TIME),
        ("每月32日 9:00", RecurrenceError.BAD_DAY),
        ("每月26日 开会 9:00", RecurrenceError.NOT_UNDERSTOOD),
        ("每周第一个周一 9:00", RecurrenceError.BAD_DAY),
        ("每月周一 9:00", RecurrenceError.BAD_DAY),
        ("每年第一个周一 9:00", RecurrenceError.NO_MONTH),
        ("every month at 9:00 please", RecurrenceError.NOT_UNDERSTOOD),
        ("每两个季度第一个周一 9:00", RecurrenceError.NOT_UNDERSTOOD),
    ],
)
def test_parse_errors(phrase: str, error: RecurrenceError) -> None:
    assert parse_recurrence(phrase, SH) == error


@pytest.mark.parametrize(
    ("phrase", "at"),
    [
        ("每周五上午9点一刻", time(9, 15)),
        ("每周五9点半", time(9, 30)),
        ("每周五下午3点三刻", time(15, 45)),
        ("每周五 19点30分", time(19, 30)),
        ("每周五中午12点", time(12)),
        ("每周五中午1点", time(13)),
        ("每周五晚上7点", time(19)),
        ("每周五 下午2:30", time(14, 30)),
        ("每周五 14:00", time(14)),
        ("every friday at 12am", time(0)),
        ("every friday at 12pm", time(12)),
        ("every friday at 9", time(9)),
        ("every friday at 9 p.m.", time(21)),
    ],
)
def test_parse_time_of_day(phrase: str, at: time) -> None:
    rec = parse_recurrence(phrase, SH)
    assert isinstance(rec, Recurrence), rec
    assert (rec.time_of_day, rec.byweekday) == (at, (WeekdaySpec(4),))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("26", 26),
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十六", 26),
        ("三十一", 31),
        ("two", 2),
        ("十十", None),
        ("二二", None),
        ("", None),
        ("x", None),
    ],
)
def test_cn_number(text: str, value: int | None) -> None:
    assert cn_number(text) == value


def test_parse_rejects_unknown_timezone() -> None:
    assert parse_recurrence("每月26日 9:00", "Mars/Olympus") == RecurrenceError.BAD_TIMEZONE


def test_first_monday_of_each_quarter_whole_year() -> None:
    rec = parse_recurrence("first Monday of each quarter at 9:00", SH)
    assert isinstance(rec, Recurrence)
    got = occurrences(rec, date(2025, 1, 1), utc(2025, 1, 1), utc(2026, 1, 1))
    assert got == [utc(2025, 1, 6, 1), utc(2025, 4, 7, 1), utc(2025, 7, 7, 1), utc(2025, 10, 6, 1)]


def test_day_31_is_last_day_of_short_months() -> None:
    rec = parse_recurrence("每月31日 9:00", SH)
    assert isinstance(rec, Recurrence)
    got = next_occurrences(rec, date(2028, 1, 1), utc(2028, 1, 1), 4)
    days = [(t + timedelta(hours=8)).date() for t in got]
    assert days == [date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31), date(2028, 4, 30)]


def test_day_30_clamps_to_end_of_february() -> None:
    rec = parse_recurrence("every month on the 30th at 09:00", SH)
    assert isinstance(rec, Recurrence)
    got = next_occurrences(rec, date(2025, 1, 1), utc(2025, 1, 1), 3)
    assert [(t + timedelta(hours=8)).date() for t in got] == [
        date(2025, 1, 30),
        date(2025, 2, 28),
        date(2025, 3, 30),
    ]


def test_rrule_string_round_trip_and_dateutil_agrees() -> None:
    for phrase, *_ in CASES:
        rec = parse_recurrence(phrase, BER)
        assert isinstance(rec, Recurrence)
        text = rec.to_rrule_string()
        assert Recurrence.from_rrule_string(text, BER) == rec
        assert Recurrence.from_rrule_string("RRULE:" + text, BER) == rec
        # The stored string is plain RFC 5545 that dateutil reads as the same local times.
        rule = rrulestr(text, dtstart=datetime(2025, 1, 1, 0, 0))
        local = rule.between(datetime(2025, 1, 1), datetime(2025, 7, 1), inc=True)
        got = occurrences(rec, date(2025, 1, 1), utc(2024, 12, 31), utc(2025, 7, 1))
        expected = [local_to_utc(t, BER) for t in local]
        assert got == [t for t in expected if t < utc(2025, 7, 1)]


def test_rrule_string_shapes() -> None:
    quarterly = parse_recurrence("每季度第一个周一 09:00", SH)
    assert isinstance(quarterly, Recurrence)
    assert quarterly.to_rrule_string() == (
        "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYDAY=1MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0;WKST=MO"
    )
    clamp = Recurrence(Freq.MONTHLY, time(9), SH, bymonthday=(30,), until=date(2025, 12, 31))
    assert clamp.to_rrule_string() == (
        "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1;BYHOUR=9;BYMINUTE=0;BYSECOND=0;"
        "UNTIL=20251231T235959;WKST=MO"
    )
    assert Recurrence.from_rrule_string(clamp.to_rrule_string(), SH) == clamp


def test_quarterly_default_months_are_filled_in() -> None:
    rec = Recurrence(Freq.QUARTERLY, time(9), SH, byweekday=(WeekdaySpec(0, 1),))
    assert rec.bymonth == (1, 4, 7, 10)
    assert Recurrence.from_rrule_string(rec.to_rrule_string(), SH) == rec


@pytest.mark.parametrize(
    "text",
    [
        "FREQ=DAILY;BYHOUR=9;BYMINUTE=0",
        "FREQ=MONTHLY;BYMONTHDAY=26",
        "FREQ=MONTHLY;BYMONTHDAY=26;BYHOUR=9;BYMINUTE=0;BYSETPOS=1",
        "FREQ=MONTHLY;BYMONTHDAY=26;BYHOUR=9;BYMINUTE=0;X-FOO=1",
        "FREQ=MONTHLY;BYMONTHDAY=26;BYMONTHDAY=27;BYHOUR=9;BYMINUTE=0",
        "FREQ=WEEKLY;BYDAY=XX;BYHOUR=9;BYMINUTE=0",
        "nonsense",
    ],
)
def test_from_rrule_string_rejects_foreign_rules(text: str) -> None:
    with pytest.raises(ValueError):
        Recurrence.from_rrule_string(text, SH)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"freq": Freq.WEEKLY},  # no weekday
        {"freq": Freq.WEEKLY, "byweekday": (WeekdaySpec(0, 1),)},
        {"freq": Freq.MONTHLY},
        {"freq": Freq.MONTHLY, "bymonthday": (1,), "byweekday": (WeekdaySpec(0, 1),)},
        {"freq": Freq.MONTHLY, "byweekday": (WeekdaySpec(0),)},
        {"freq": Freq.MONTHLY, "bymonthday": (10, 30)},
        {"freq": Freq.MONTHLY, "bymonthday": (0,)},
        {"freq": Freq.QUARTERLY, "bymonthday": (1,), "bymonth": (1, 5, 7, 10)},
        {"freq": Freq.QUARTERLY, "bymonthday": (1,), "interval": 2},
        {"freq": Freq.YEARLY, "bymonthday": (1,)},
        {"freq": Freq.MONTHLY, "bymonthday": (1,), "count": 3, "until": date(2026, 1, 1)},
        {"freq": Freq.MONTHLY, "bymonthday": (1,), "interval": 0},
        {"freq": Freq.MONTHLY, "bymonthday": (1,), "tz": "Nowhere/Land"},
        {"freq": Freq.MONTHLY, "bymonthday": (1,), "time_of_day": time(9, 0, 30)},
    ],
)
def test_invalid_recurrence_raises(kwargs: dict[str, object]) -> None:
    args: dict[str, object] = {"time_of_day": time(9), "tz": SH, **kwargs}
    with pytest.raises(ValueError):
        Recurrence(**args)  # type: ignore[arg-type]


def test_window_is_start_inclusive_end_exclusive() -> None:
    rec = parse_recurrence("每月26日 09:00", SH)
    assert isinstance(rec, Recurrence)
    first = utc(2025, 3, 26, 1)
    assert occurrences(rec, date(2025, 1, 1), first, utc(2025, 4, 26, 1)) == [first]
    assert (
        occurrences(rec, date(2025, 1, 1), first + timedelta(seconds=1), utc(2025, 4, 26, 1)) == []
    )
    assert occurrences(rec, date(2025, 1, 1), first, first) == []


def test_no_occurrence_before_series_start() -> None:
    rec = parse_recurrence("每月26日 09:00", SH)
    assert isinstance(rec, Recurrence)
    got = occurrences(rec, date(2025, 3, 27), utc(2025, 1, 1), utc(2025, 6, 1))
    assert got == [utc(2025, 4, 26, 1), utc(2025, 5, 26, 1)]


def test_until_is_inclusive_and_count_limits() -> None:
    base = Recurrence(Freq.MONTHLY, time(9), SH, bymonthday=(26,), until=date(2025, 5, 26))
    got = next_occurrences(base, date(2025, 1, 1), utc(2025, 3, 1), 10)
    assert got == [utc(2025, 3, 26, 1), utc(2025, 4, 26, 1), utc(2025, 5, 26, 1)]
    counted = Recurrence(Freq.MONTHLY, time(9), SH, bymonthday=(26,), count=2)
    assert next_occurrences(counted, date(2025, 1, 1), utc(2024, 1, 1), 10) == [
        utc(2025, 1, 26, 1),
        utc(2025, 2, 26, 1),
    ]


def test_dst_gap_moves_forward_and_fold_takes_first() -> None:
    gap = Recurrence(Freq.WEEKLY, time(2, 30), BER, byweekday=(WeekdaySpec(6),))
    spring = occurrences(gap, date(2025, 3, 1), utc(2025, 3, 29), utc(2025, 3, 31))
    assert spring == [utc(2025, 3, 30, 1, 30)]  # 03:30 CEST
    autumn = occurrences(gap, date(2025, 3, 1), utc(2025, 10, 25), utc(2025, 10, 27))
    assert autumn == [utc(2025, 10, 26, 0, 30)]  # first 02:30, still CEST


def test_naive_window_rejected() -> None:
    rec = Recurrence(Freq.MONTHLY, time(9), SH, bymonthday=(1,))
    with pytest.raises(ValueError):
        occurrences(rec, date(2025, 1, 1), datetime(2025, 1, 1), utc(2025, 2, 1))


# ---- overrides -------------------------------------------------------------------------

REC = Recurrence(Freq.MONTHLY, time(9), SH, bymonthday=(26,))
JAN, FEB, MAR, APR = (utc(2025, m, 26, 1) for m in (1, 2, 3, 4))


def test_override_moves_one_occurrence_only() -> None:
    moved_to = utc(2025, 2, 27, 6)
    got = apply_overrides([JAN, FEB, MAR], [OccurrenceOverride(FEB, moved_to)])
    assert got == [Occurrence(JAN, JAN), Occurrence(moved_to, FEB), Occurrence(MAR, MAR)]
    assert [o.moved for o in got] == [False, True, False]


def test_override_cancels_one_occurrence_only() -> None:
    got = apply_overrides([JAN, FEB, MAR], [OccurrenceOverride(FEB, None)])
    assert [o.start_utc for o in got] == [JAN, MAR]


def test_moved_before_an_earlier_occurrence_is_sorted() -> None:
    moved_to = utc(2025, 1, 20, 1)
    got = apply_overrides([JAN, FEB], [OccurrenceOverride(FEB, moved_to)])
    assert got == [Occurrence(moved_to, FEB), Occurrence(JAN, JAN)]


def test_duplicate_override_raises() -> None:
    with pytest.raises(ValueError):
        apply_overrides([JAN], [OccurrenceOverride(JAN, None), OccurrenceOverride(JAN, FEB)])


def test_scheduled_occurrences_moves_in_and_out_of_window() -> None:
    start, end = utc(2025, 2, 1), utc(2025, 4, 1)
    overrides = [
        OccurrenceOverride(JAN, utc(2025, 2, 3, 1)),  # moved into the window
        OccurrenceOverride(MAR, utc(2025, 4, 2, 1)),  # moved out of it
        OccurrenceOverride(utc(2025, 2, 27, 1), utc(2025, 3, 1, 1)),  # not an occurrence: stale
    ]
    got = scheduled_occurrences(REC, date(2025, 1, 1), start, end, overrides)
    assert got == [Occurrence(utc(2025, 2, 3, 1), JAN), Occurrence(FEB, FEB)]


def test_scheduled_occurrences_cancel_in_window() -> None:
    got = scheduled_occurrences(
        REC, date(2025, 1, 1), utc(2025, 1, 1), utc(2025, 5, 1), [OccurrenceOverride(MAR, None)]
    )
    assert [o.start_utc for o in got] == [JAN, FEB, APR]
