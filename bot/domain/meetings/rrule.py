"""The Recurrence model: a meeting series' rule in local wall time and its RFC 5545 RRULE form.

Day 29-31 means "that day, or the last day of a shorter month" (written as
BYMONTHDAY=28..d;BYSETPOS=-1), so "每月31日" is the last day of every month and "每月30日"
falls on 28/29 Feb; -1 is "last day of the month". QUARTERLY is written as MONTHLY with one
BYMONTH per quarter. The time zone is not part of an RRULE: store Recurrence.tz beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from bot.domain.meetings.walltime import is_valid_tz

__all__ = ["DEFAULT_QUARTER_MONTHS", "Freq", "Recurrence", "WeekdaySpec"]

DEFAULT_QUARTER_MONTHS: tuple[int, ...] = (1, 4, 7, 10)
_KNOWN_PARTS = frozenset(
    {"FREQ", "INTERVAL", "BYMONTH", "BYMONTHDAY", "BYSETPOS", "BYDAY"}
    | {"BYHOUR", "BYMINUTE", "BYSECOND", "UNTIL", "COUNT", "WKST"}
)
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Freq(StrEnum):
    """How often a series repeats (QUARTERLY is MONTHLY limited to BYMONTH in the RRULE)."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


@dataclass(frozen=True, slots=True)
class WeekdaySpec:
    """A weekday (0 = Monday) and optionally which one in the month: 1..4 or -1 (last)."""

    weekday: int
    nth: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError("weekday must be 0..6")
        if self.nth is not None and self.nth not in (1, 2, 3, 4, -1):
            raise ValueError("nth must be 1..4 or -1")

    def to_rfc(self) -> str:
        """RFC 5545 BYDAY item: 'MO', '1MO', '-1FR'."""
        return f"{'' if self.nth is None else self.nth}{_DAYS[self.weekday]}"

    @classmethod
    def from_rfc(cls, item: str) -> WeekdaySpec:
        """Inverse of to_rfc()."""
        day = item[-2:].upper()
        if day not in _DAYS:
            raise ValueError(f"bad BYDAY item {item!r}")
        prefix = item[:-2].lstrip("+")
        return cls(_DAYS.index(day), int(prefix) if prefix else None)


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A recurring meeting time in the branch's local wall time.

    WEEKLY: byweekday without nth. MONTHLY / QUARTERLY / YEARLY: either one or more
    bymonthday (1..31, -1 = last day; a day over 28 must be alone) or byweekday with nth.
    QUARTERLY: bymonth = one month per quarter (empty -> 1,4,7,10, filled in), interval 1.
    YEARLY: exactly one bymonth. until is a local date, inclusive.
    """

    freq: Freq
    time_of_day: time
    tz: str
    interval: int = 1
    bymonthday: tuple[int, ...] = ()
    byweekday: tuple[WeekdaySpec, ...] = ()
    bymonth: tuple[int, ...] = ()
    until: date | None = None
    count: int | None = None

    def __post_init__(self) -> None:
        problem = self._problem()
        if problem:
            raise ValueError(problem)
        if self.freq is Freq.QUARTERLY and not self.bymonth:
            # Stored explicitly so a rule read back from its RRULE compares equal.
            object.__setattr__(self, "bymonth", DEFAULT_QUARTER_MONTHS)

    def _problem(self) -> str | None:
        if not is_valid_tz(self.tz):
            return f"unknown time zone {self.tz!r}"
        t = self.time_of_day
        if t.tzinfo is not None or t.second or t.microsecond:
            return "time_of_day must be naive whole minutes"
        if not 1 <= self.interval <= 99:
            return "interval must be 1..99"
        if self.until is not None and self.count is not None:
            return "until and count are exclusive"
        if self.count is not None and self.count < 1:
            return "count must be positive"
        if any(not (1 <= d <= 31 or d == -1) for d in self.bymonthday):
            return "bymonthday must be 1..31 or -1"
        if len(self.bymonthday) > 1 and any(d > 28 for d in self.bymonthday):
            # The clamp to a short month's last day (BYSETPOS=-1) works for one day only.
            return "a day over 28 must be the only bymonthday"
        if len(set(self.byweekday)) != len(self.byweekday):
            return "duplicate weekday"
        if self.freq is Freq.WEEKLY:
            if not self.byweekday or any(w.nth is not None for w in self.byweekday):
                return "weekly needs plain weekdays"
            if self.bymonthday or self.bymonth:
                return "weekly takes no bymonthday/bymonth"
            return None
        if bool(self.bymonthday) == bool(self.byweekday):
            return "give either bymonthday or byweekday"
        if any(w.nth is None for w in self.byweekday):
            return "monthly weekdays need nth"
        if self.freq is Freq.MONTHLY and self.bymonth:
            return "monthly takes no bymonth"
        if self.freq is Freq.QUARTERLY:
            months = self.bymonth or DEFAULT_QUARTER_MONTHS
            if self.interval != 1 or not _is_quarter_months(months):
                return "quarterly needs interval 1 and one month per quarter"
        if self.freq is Freq.YEARLY and (len(self.bymonth) != 1 or not 1 <= self.bymonth[0] <= 12):
            return "yearly needs exactly one bymonth"
        return None

    def to_rrule_string(self) -> str:
        """RFC 5545 RRULE value (floating local time; the tz is stored beside it)."""
        freq = "MONTHLY" if self.freq is Freq.QUARTERLY else self.freq.value.upper()
        parts = [f"FREQ={freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.bymonth:
            parts.append("BYMONTH=" + ",".join(map(str, self.bymonth)))
        if len(self.bymonthday) == 1 and self.bymonthday[0] > 28:
            days = range(28, self.bymonthday[0] + 1)
            parts += ["BYMONTHDAY=" + ",".join(map(str, days)), "BYSETPOS=-1"]
        elif self.bymonthday:
            parts.append("BYMONTHDAY=" + ",".join(map(str, self.bymonthday)))
        if self.byweekday:
            parts.append("BYDAY=" + ",".join(w.to_rfc() for w in self.byweekday))
        parts.append(
            f"BYHOUR={self.time_of_day.hour};BYMINUTE={self.time_of_day.minute};BYSECOND=0"
        )
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}T235959")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        parts.append("WKST=MO")
        return ";".join(parts)

    @classmethod
    def from_rrule_string(cls, text: str, tz: str) -> Recurrence:
        """Inverse of to_rrule_string(); raises ValueError for rules it did not write."""
        body = text.strip().removeprefix("RRULE:")
        fields: dict[str, str] = {}
        for part in body.split(";"):
            key, sep, value = part.partition("=")
            key = key.upper()
            if not sep or key in fields:
                raise ValueError(f"bad RRULE part {part!r}")
            fields[key] = value
        try:
            return _from_fields(fields, tz)
        except KeyError as exc:
            raise ValueError(f"RRULE lacks {exc}") from exc


def _is_quarter_months(months: tuple[int, ...]) -> bool:
    return (
        len(months) == 4
        and all(1 <= m <= 12 and m == months[0] + 3 * i for i, m in enumerate(months))
        and months[0] <= 3
    )


def _ints(value: str) -> tuple[int, ...]:
    return tuple(int(v) for v in value.split(",")) if value else ()


def _from_fields(fields: dict[str, str], tz: str) -> Recurrence:
    if not fields.keys() <= _KNOWN_PARTS or fields.get("WKST", "MO") != "MO":
        raise ValueError(f"unsupported RRULE parts: {sorted(fields)}")
    months = _ints(fields.get("BYMONTH", ""))
    freq = Freq(fields["FREQ"].lower())
    if freq is Freq.MONTHLY and months:
        freq = Freq.QUARTERLY
    monthdays = _ints(fields.get("BYMONTHDAY", ""))
    if "BYSETPOS" in fields:
        clamped = len(monthdays) >= 2 and monthdays == tuple(range(28, monthdays[-1] + 1))
        if fields["BYSETPOS"] != "-1" or not clamped:
            raise ValueError("BYSETPOS only as written by to_rrule_string")
        monthdays = (monthdays[-1],)
    until = fields.get("UNTIL")
    return Recurrence(
        freq=freq,
        time_of_day=time(int(fields["BYHOUR"]), int(fields["BYMINUTE"])),
        tz=tz,
        interval=int(fields.get("INTERVAL", "1")),
        bymonthday=monthdays,
        byweekday=tuple(WeekdaySpec.from_rfc(d) for d in fields.get("BYDAY", "").split(",") if d),
        bymonth=months,
        until=date.fromisoformat(until[:8]) if until else None,
        count=int(fields["COUNT"]) if "COUNT" in fields else None,
    )
